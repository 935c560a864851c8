"""Looking Azure assets up by reference: a uid, or an ARM id of a resource declared elsewhere.

Sources leave references between resources as uids when the target is declared in the same
scan, and as ARM ids (`/subscriptions/.../providers/<type>/<name>`) otherwise; a resource
declared in one format may be referenced by its ARM id from another. `Index` resolves both:
an ARM id matches a scanned asset by type and name when exactly one has them (two candidates
are ambiguous, and resolve to nothing rather than to the wrong one). The fold and the linkers
build one each over the Azure assets they are given.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from aispm.model import Asset

_ARM_ID = re.compile(r"/providers/(?P<ns>[A-Za-z0-9.]+)/(?P<rest>[^?#]+)$", re.IGNORECASE)


class Index:
    """Look assets up by uid, or by ARM type and name for ARM ids of resources
    declared in another file or format."""

    def __init__(self, assets: Iterable[Asset]) -> None:
        self.by_uid: dict[str, Asset] = {}
        self.by_type_name: dict[tuple[str, str], list[Asset]] = {}
        #: live resources by their ARM id (case-insensitive) and by the principal id of their managed
        #: identity (a live role assignment names its principal by that GUID)
        self.by_cloud_id: dict[str, Asset] = {}
        for a in assets:
            self.by_uid[a.uid] = a
            if a.origin.format == "live":
                if a.cloud_id:
                    self.by_cloud_id.setdefault(a.cloud_id.lower().rstrip("/"), a)
                for principal in _principal_ids(a.properties):
                    self.by_cloud_id.setdefault(principal.lower(), a)
            if isinstance(a.name, str):
                self.by_type_name.setdefault((a.type.lower(), a.name.lower()), []).append(a)

    def resolve(self, ref: Any) -> Asset | None:
        if not isinstance(ref, str) or not ref:
            return None
        if ref.endswith("#identity"):
            ref = ref[: -len("#identity")]
        hit = self.by_uid.get(ref)
        if hit is not None:
            return hit
        if self.by_cloud_id:
            hit = self.by_cloud_id.get(ref.lower().rstrip("/"))
            if hit is not None:
                return hit
        m = _ARM_ID.search(ref)
        if not m:
            return None
        parts = m.group("rest").strip("/").split("/")
        if len(parts) % 2:  # type segments alternate with name segments: T1/n1/T2/n2 …
            return None
        arm_type = "/".join([m.group("ns"), *parts[0::2]])
        names = parts[1::2]
        candidates = self.by_type_name.get((arm_type.lower(), names[-1].lower()), [])
        return candidates[0] if len(candidates) == 1 else None


def _principal_ids(body: Any) -> list[str]:
    """The principal id a live resource body holds: its system-assigned identity's, or a
    user-assigned identity resource's own (never a role assignment's, which names another)."""
    if not isinstance(body, dict):
        return []
    identity = body.get("identity")
    if isinstance(identity, dict) and isinstance(identity.get("principalId"), str) and identity["principalId"]:
        return [identity["principalId"]]
    inner = body.get("properties")
    if (str(body.get("type", "")).lower() == "microsoft.managedidentity/userassignedidentities"
            and isinstance(inner, dict) and isinstance(inner.get("principalId"), str) and inner["principalId"]):
        return [inner["principalId"]]
    return []
