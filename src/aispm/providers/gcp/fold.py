"""Folding: IAM that Terraform declares apart, put where the Cloud Asset Inventory keeps it — once, before facts.

The GCP provider's `folds` entry. A resource-level `*_iam_member`, `*_iam_binding` or
`*_iam_policy` (pseudo type `<target type>#iam`, `terraform/rows_iam.py`) is merged into its
target's `iamPolicy.bindings` (members of the same role are joined), so that facts such as
"public to `allUsers`" are derived from the resource itself, whichever way its policy was
declared. An authoritative `*_iam_policy` replaces what the target had; bindings the scan cannot
read (`Unknown`) make the policy unknown (`iamPolicy.unknown`), never empty. The pseudo assets
are dropped, folded or not (an IAM resource on a bucket the scan does not declare has no asset
to speak of). Project-level bindings stay assets (`catalog.PROJECT_IAM`): the linker spreads them.
"""

from __future__ import annotations

from typing import Any

from aispm.model import Asset, Unknown
from aispm.providers.gcp import catalog as cat
from aispm.providers.gcp.refs import Index


def fold(assets: list[Asset]) -> None:
    """Fold the GCP IAM resources of a scan into their targets (pseudo assets are removed)."""
    iam = [a for a in assets if a.provider == "gcp" and a.type.endswith(cat.IAM_SUFFIX) and a.type != cat.PROJECT_IAM]
    if not iam:
        return
    targets = [a for a in assets if a.provider == "gcp" and not a.type.endswith(cat.IAM_SUFFIX)]
    index = Index(targets)
    # authoritative policies first: members and bindings declared beside them add to them
    order = sorted(iam, key=lambda a: a.properties.get("iamResource") != "policy")
    for a in order:
        target_type = a.type[: -len(cat.IAM_SUFFIX)]
        target = index.resolve(a.properties.get("target"), (target_type,), near=a.uid)
        if target is not None:
            _merge(target, a)
    dropped = {id(a) for a in iam}
    assets[:] = [a for a in assets if id(a) not in dropped]


def _merge(target: Asset, iam: Asset) -> None:
    policy = target.properties.get("iamPolicy")
    if not isinstance(policy, dict):
        policy = target.properties["iamPolicy"] = {"bindings": []}
    bindings = iam.properties.get("bindings")
    declared = policy.setdefault("declaredBy", [])
    declared.append(iam.origin.address)
    if iam.properties.get("iamResource") == "policy":
        policy["bindings"] = []
    if isinstance(bindings, Unknown):
        policy["unknown"] = bindings.reason
        return
    have: list[dict[str, Any]] = policy["bindings"]
    for b in bindings if isinstance(bindings, list) else ():
        if not isinstance(b, dict):
            continue
        role, members = b.get("role"), b.get("members")
        members = members if isinstance(members, list) else [members] if members is not None else []
        entry = next((x for x in have if x.get("role") == role and "condition" not in x), None) \
            if "condition" not in iam.properties else None
        if entry is None:
            entry = {"role": role, "members": []}
            if "condition" in iam.properties:
                entry["condition"] = iam.properties["condition"]
            have.append(entry)
        for m in members:
            if m not in entry["members"]:
                entry["members"].append(m)
