"""Resolving what one GCP resource says about another: a uid, a name, an email, or the
`Unknown` of an attribute known only after apply (`google_service_account.sa.email`).

Terraform resolves `.id` to the declared resource's uid and a written attribute to its value;
an attribute only the API computes (a service account's `email`, `name`, `member`) stays an
`Unknown("<address>.<attr> is known after apply")`, whose address still names the resource.
`Index.resolve` turns any of these into the declared asset, preferring one declared in the same
Terraform root when an address or a name is declared more than once; an ambiguous or unmatched
reference resolves to None (nothing is guessed).
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from aispm.model import Asset, Unknown
from aispm.providers.gcp import catalog as cat

_AFTER_APPLY = re.compile(r"^(?P<addr>.+?)\.(?P<attr>[a-z_]+) is (?:known after apply|read at plan time)$")
#: IAM member prefixes (`serviceAccount:x@p.iam.gserviceaccount.com`).
_MEMBER = re.compile(r"^(?:serviceAccount|user|group|domain|principal|principalSet|deleted:serviceAccount):")


def ref_address(v: Any) -> str | None:
    """The address an after-apply `Unknown` names (`google_service_account.sa`), else None."""
    if isinstance(v, Unknown):
        m = _AFTER_APPLY.match(v.reason)
        if m:
            return m.group("addr")
    return None


def member_email(member: Any) -> str | None:
    """`serviceAccount:x@p.iam.gserviceaccount.com` → the email; a bare email as it is."""
    if not isinstance(member, str):
        return None
    return _MEMBER.sub("", member.strip()).lower() or None


def _root(uid: str) -> str:
    # terraform:<file or root dir>:<address>
    parts = uid.split(":", 2)
    return parts[1] if len(parts) == 3 else ""


class Index:
    """The declared GCP assets of a scan, by uid, address, (type, name) and service-account email."""

    def __init__(self, assets: Iterable[Asset]) -> None:
        self.by_uid: dict[str, Asset] = {}
        self.by_address: dict[str, list[Asset]] = {}
        self.by_name: dict[tuple[str, str], list[Asset]] = {}
        self.by_email: dict[str, list[Asset]] = {}
        for a in assets:
            self.by_uid[a.uid] = a
            self.by_address.setdefault(a.origin.address, []).append(a)
            if isinstance(a.name, str):
                self.by_name.setdefault((a.type.lower(), a.name), []).append(a)
            email = a.properties.get("email") if a.type == cat.SERVICE_ACCOUNT else None
            if isinstance(email, str):
                self.by_email.setdefault(email.lower(), []).append(a)

    @staticmethod
    def _pick(cands: list[Asset] | None, near: str | None) -> Asset | None:
        if not cands:
            return None
        if len(cands) == 1:
            return cands[0]
        if near is not None:
            same = [a for a in cands if _root(a.uid) == _root(near)]
            if len(same) == 1:
                return same[0]
        return None

    def resolve(self, v: Any, types: Iterable[str] = (), near: str | None = None) -> Asset | None:
        """The declared asset `v` refers to (of one of `types`, when given), or None."""
        wanted = {t.lower() for t in types}

        def ok(a: Asset | None) -> Asset | None:
            return a if a is not None and (not wanted or a.type.lower() in wanted) else None

        if isinstance(v, str):
            if v in self.by_uid:
                return ok(self.by_uid[v])
            email = member_email(v)
            if email and "@" in email:
                return ok(self._pick(self.by_email.get(email), near))
            # a name, or the last segment of a REST name (`projects/p/locations/l/endpoints/<name>`)
            short = v.rstrip("/").rsplit("/", 1)[-1]
            for t in wanted or {k[0] for k in self.by_name}:
                hit = self._pick(self.by_name.get((t, short)), near)
                if hit is not None:
                    return hit
            return None
        addr = ref_address(v)
        if addr is not None:
            return ok(self._pick(self.by_address.get(addr), near))
        return None
