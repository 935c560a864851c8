"""Reading the ARM shape: the helpers every Azure fact module shares.

ARM property names are case-insensitive, booleans sometimes arrive as strings from
parameters, and a value may be `Unknown`. These helpers say so once, for
`facts/azure.py` (AI services, data) and `facts/azure_compute.py` (compute, network).
"""

from __future__ import annotations

from typing import Any

from aispm.model import Asset, Unknown

MISSING = object()  # a property the body does not have (distinct from an explicit null)


def lookup(body: Any, path: str) -> Any:
    """Walk `a.b.c` through dicts, case-insensitively as ARM does. Returns `MISSING` when
    a step is absent and the `Unknown` itself when a step is unknown."""
    cur = body
    for part in path.split("."):
        if isinstance(cur, Unknown):
            return cur
        if not isinstance(cur, dict):
            return MISSING
        if part in cur:
            cur = cur[part]
            continue
        low = part.lower()
        for key, value in cur.items():
            if isinstance(key, str) and key.lower() == low:
                cur = value
                break
        else:
            return MISSING
    return cur


def norm(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


def truthy(value: Any) -> bool | None:
    """A boolean, also from the strings 'true'/'false' that parameters produce; else None."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return None


def plain(value: Any) -> Any:
    """A raw value for evidence: None when absent or unknown."""
    return None if value is MISSING or isinstance(value, Unknown) else value


def managed_identity(asset: Asset) -> None:
    """`managed_identity` (identity type set and not None) and `user_assigned_identity`."""
    ident = lookup(asset.properties, "identity.type")
    if ident is MISSING or ident is None:
        asset.set_fact("managed_identity", False, "identity.type", None, "no identity block")
        asset.set_fact("user_assigned_identity", False, "identity.type", None, "no identity block")
    elif isinstance(ident, Unknown):
        asset.set_fact("managed_identity", None, "identity.type", None, f"unknown: {ident.reason}")
        asset.set_fact("user_assigned_identity", None, "identity.type", None, f"unknown: {ident.reason}")
    else:
        text = str(ident).strip().lower()
        asset.set_fact("managed_identity", text not in ("", "none"), "identity.type", ident)
        asset.set_fact("user_assigned_identity", "userassigned" in text.replace(" ", ""), "identity.type", ident)


def inline_private_endpoints(asset: Asset) -> None:
    """`private_endpoint` from the connections a body lists itself (live data, rare in IaC); an
    endpoint declared as its own resource sets it later (`link.resources`)."""
    conns = lookup(asset.properties, "properties.privateEndpointConnections")
    approved = isinstance(conns, list) and any(
        norm(lookup(c, "properties.privateLinkServiceConnectionState.status")) == "approved" for c in conns)
    asset.set_fact("private_endpoint", approved, "properties.privateEndpointConnections", None,
                   None if approved else "no approved private endpoint connection declared")
