"""Facts for Microsoft Foundry resources and the deprecated Cognitive Services encryption policies.

A Foundry resource is an AI Services account with project management (`kind: AIServices`,
`allowProjectManagement: true`) or a hub-based Foundry hub (an ML workspace of kind `Hub`).
`foundry_resource` says whether an account is one; `open_to_all_networks` whether public network
access is on with no network restriction (what the portal calls "All networks"): on an account,
`publicNetworkAccess` not `Disabled` and `networkAcls.defaultAction` not `Deny` (IP and virtual
network rules only restrict under `Deny`); on a workspace, `publicNetworkAccess` not `Disabled`, no
`ipAllowlist` entry and `networkAcls.defaultAction` not `Deny`. `encryption_declared` and
`encryption_key_source_set` are what the deprecated policies 11566b39 and 2bdd0062 read
(`encryption` present, `encryption.keySource` present). Connections (`accounts/connections`,
`accounts/projects/connections`, `workspaces/connections`) get `connection_category` and
`connection_auth_type` as written. An unresolved value gives `None`, never a guess.
"""

from __future__ import annotations

from typing import Any

from aispm.model import Asset, Unknown
from aispm.providers.azure.facts.arm_shape import MISSING, lookup, norm, plain, truthy


def _public_switch(a: Asset) -> tuple[bool | None, Any]:
    """Whether `publicNetworkAccess` is on (absent: the Azure default, Enabled)."""
    pna = lookup(a.properties, "properties.publicNetworkAccess")
    if pna is MISSING or pna is None:
        return True, None
    if isinstance(pna, Unknown):
        return None, None
    return norm(pna) != "disabled", pna


def _acl_deny(a: Asset) -> bool | None:
    action = lookup(a.properties, "properties.networkAcls.defaultAction")
    if isinstance(action, Unknown):
        return None
    return action is not MISSING and norm(action) == "deny"


def _set_open(a: Asset, restricted: bool | None, note: str) -> None:
    enabled, raw = _public_switch(a)
    if enabled is False:
        a.set_fact("open_to_all_networks", False, "properties.publicNetworkAccess", raw)
    elif enabled is None:
        a.set_fact("open_to_all_networks", None if restricted is not True else False,
                   "properties.publicNetworkAccess", None, "publicNetworkAccess unknown")
    elif restricted is None:
        a.set_fact("open_to_all_networks", None, "properties.networkAcls", None, "network restriction unknown")
    else:
        a.set_fact("open_to_all_networks", not restricted, "properties.networkAcls", raw,
                   None if restricted else note + (" (publicNetworkAccess not set; Azure default: Enabled)"
                                                   if raw is None else ""))


def account(a: Asset) -> None:
    """A Cognitive Services / AI Services account."""
    kind = a.properties.get("kind")
    apm = lookup(a.properties, "properties.allowProjectManagement")
    if not isinstance(kind, str) or isinstance(apm, Unknown):
        foundry: bool | None = None if not isinstance(kind, str) or kind.lower() == "aiservices" else False
    else:
        foundry = kind.lower() == "aiservices" and truthy(apm) is True
    a.set_fact("foundry_resource", foundry, "properties.allowProjectManagement", plain(apm),
               None if apm is not MISSING else "allowProjectManagement not set: not a Foundry resource")
    _set_open(a, _acl_deny(a), "public network access on and networkAcls.defaultAction not Deny")
    enc = lookup(a.properties, "properties.encryption")
    if isinstance(enc, Unknown):
        a.set_fact("encryption_declared", None, "properties.encryption", None, enc.reason)
        a.set_fact("encryption_key_source_set", None, "properties.encryption.keySource", None, enc.reason)
        return
    declared = isinstance(enc, dict)
    a.set_fact("encryption_declared", declared, "properties.encryption", None,
               None if declared else "no encryption object")
    source = lookup(enc, "keySource") if declared else MISSING
    if isinstance(source, Unknown):
        a.set_fact("encryption_key_source_set", None, "properties.encryption.keySource", None, source.reason)
    else:
        present = source not in (MISSING, None, "")
        a.set_fact("encryption_key_source_set", present, "properties.encryption.keySource", plain(source),
                   None if present else "encryption.keySource not set")


def workspace(a: Asset) -> None:
    """An ML workspace (a Foundry hub when of kind Hub)."""
    allow = lookup(a.properties, "properties.ipAllowlist")
    deny = _acl_deny(a)
    if isinstance(allow, Unknown) or deny is None:
        restricted: bool | None = None
    else:
        restricted = deny or (isinstance(allow, list) and any(
            isinstance(v, str) and v.strip() not in ("", "0.0.0.0/0", "0.0.0.0") for v in allow))
    _set_open(a, restricted, "public network access on, no ipAllowlist and networkAcls.defaultAction not Deny")


def connection(a: Asset) -> None:
    """A Foundry / ML workspace connection: its category and authentication type, as written."""
    for fact, path in (("connection_category", "properties.category"),
                       ("connection_auth_type", "properties.authType")):
        v = lookup(a.properties, path)
        if isinstance(v, Unknown):
            a.set_fact(fact, None, path, None, v.reason)
        elif isinstance(v, str) and v:
            a.set_fact(fact, v, path, v)
        else:
            a.set_fact(fact, None, path, None, f"{path} not set")
