"""Facts of the data stores AI reads and writes: Cosmos DB, PostgreSQL and MySQL flexible servers,
SQL servers, Redis caches (storage accounts are in `derive.py`).

An attack path to the data behind an AI application goes through these as much as through the AI
account, so they get the AI resources' vocabulary: `public_network_access` (reachable from the
internet as declared), `public_network_access_disabled` (the switch itself), `local_auth_enabled`
(keys or passwords accepted beside Entra ID), `customer_managed_key`, `managed_identity`,
`private_endpoint` (inline connections here; declared endpoints are linked later), and
`allows_all_ips` (a firewall rule that admits every address: `0.0.0.0`–`255.255.255.255`, or
`0.0.0.0/0`). Where the body leaves a property out, Azure's documented default applies and the
evidence says so; an unresolved value makes the fact unknown.

Firewall rules (and SQL's Entra-only switch) are resources of their own in ARM, Bicep and
Terraform; the fold hands them to their server (`catalog.CHILDREN_KEY`), and each deriver here
reads them with the server's body. A database server that accepts connections from the public
network still refuses every address no firewall rule admits, so, as for an AI account whose IP
rules restrict it, `public_network_access` of a PostgreSQL, MySQL or SQL server is true only when
a rule admits a range as wide as the internet (a /8 or more); the switch itself is
`public_network_access_disabled`. A Redis cache without firewall rules admits every address.
"""

from __future__ import annotations

import ipaddress
from typing import Any, Callable

from aispm.model import Asset, Unknown
from aispm.providers.azure import catalog as cat
from aispm.providers.azure.facts.arm_shape import (
    MISSING,
    inline_private_endpoints,
    lookup,
    managed_identity,
    norm,
    plain,
    truthy,
)

#: A firewall rule as the deriver reads it: (start, end) addresses, or an Unknown.
Rule = tuple[Any, Any]


# --- shared ---------------------------------------------------------------------------------------


def _switch(a: Asset, path: str, note_default: str = "Azure default: Enabled") -> bool | None:
    """`public_network_access_disabled` from an `Enabled`/`Disabled` switch; returns it."""
    pna = lookup(a.properties, path)
    if pna is MISSING or pna is None:
        a.set_fact("public_network_access_disabled", False, path, None, f"not set; {note_default}")
        return False
    if isinstance(pna, Unknown):
        a.set_fact("public_network_access_disabled", None, path, None, f"unknown: {pna.reason}")
        return None
    disabled = norm(pna) == "disabled"
    a.set_fact("public_network_access_disabled", disabled, path, pna)
    return disabled


def _bool_fact(a: Asset, fact: str, path: str, default: bool, note: str, invert: bool = False) -> None:
    raw = lookup(a.properties, path)
    if raw is MISSING or raw is None:
        a.set_fact(fact, default, path, None, note)
    elif isinstance(raw, Unknown):
        a.set_fact(fact, None, path, None, f"unknown: {raw.reason}")
    else:
        b = truthy(raw)
        if b is None and isinstance(raw, str):  # `Enabled` / `Disabled` switches
            b = {"enabled": True, "disabled": False}.get(raw.lower())
        a.set_fact(fact, None if b is None else (not b if invert else b), path, raw)


def _cmk(a: Asset, path: str, is_cmk: Callable[[Any], bool], absent_note: str) -> None:
    raw = lookup(a.properties, path)
    if isinstance(raw, Unknown):
        a.set_fact("customer_managed_key", None, path, None, f"unknown: {raw.reason}")
    elif raw is MISSING or raw in (None, ""):
        a.set_fact("customer_managed_key", False, path, None, absent_note)
    else:
        a.set_fact("customer_managed_key", is_cmk(raw), path, plain(raw))


def _address(v: Any) -> ipaddress.IPv4Address | None:
    try:
        return ipaddress.IPv4Address(v.strip()) if isinstance(v, str) else None
    except ValueError:
        return None


def _admits_all(start: Any, end: Any) -> bool:
    return _address(start) == ipaddress.IPv4Address("0.0.0.0") and \
        _address(end) == ipaddress.IPv4Address("255.255.255.255")


#: A firewall range this wide (a /8) is "the internet", as `0.0.0.0/0` is.
WIDE_RANGE = 2 ** 24


def _wide(start: Any, end: Any) -> bool | None:
    """Whether a rule admits a range as wide as a /8 (so the internet at large); None when it is
    not an IPv4 range. `0.0.0.0`–`0.0.0.0` is Azure's "allow Azure services", not the internet."""
    lo, hi = _address(start), _address(end)
    if lo is None or hi is None:
        return None
    return int(hi) - int(lo) + 1 >= WIDE_RANGE


def _rules_from_children(children: list[dict], child_type: str) -> list[Rule] | Unknown:
    rules: list[Rule] = []
    for c in children:
        if c["type"] != child_type:
            continue
        if c["existing"] or isinstance(c["body"], Unknown):
            return Unknown(f"firewall rule {c['address']} not known")
        body = c["body"] if isinstance(c["body"], dict) else {}
        start = body.get("startIpAddress", body.get("startIP"))
        end = body.get("endIpAddress", body.get("endIP"))
        if isinstance(start, Unknown) or isinstance(end, Unknown):
            return Unknown(f"firewall rule {c['address']} has an unknown range")
        rules.append((start, end))
    return rules


def _firewall(a: Asset, disabled: bool | None, rules: list[Rule] | Unknown, private_only: bool | None,
              where: str) -> None:
    """`allows_all_ips` and `public_network_access` of a server whose firewall admits only the
    addresses its rules name. `private_only`: the server lives in a VNet (no public endpoint)."""
    if isinstance(rules, Unknown):
        a.set_fact("allows_all_ips", None, where, None, rules.reason)
    else:
        a.set_fact("allows_all_ips", any(_admits_all(s, e) for s, e in rules), where,
                   [f"{s}-{e}" for s, e in rules] or None, None if rules else "no firewall rule declared")
    if private_only:
        a.set_fact("public_network_access", False, where, None, "VNet-integrated: no public endpoint")
        return
    if disabled is True:
        a.set_fact("public_network_access", False, where, None, "public network access Disabled")
        return
    if isinstance(rules, Unknown):
        a.set_fact("public_network_access", None, where, None, rules.reason)
        return
    wide = [_wide(s, e) for s, e in rules]
    if any(x is True for x in wide):
        value, note = True, "a firewall rule admits a range as wide as the internet"
    elif any(x is None for x in wide):
        value, note = None, "a firewall rule range is not an IPv4 range"
    else:  # as for an AI account whose IP rules restrict it: only the addresses named get in
        value, note = False, ("only the addresses its firewall rules name get in" if rules
                              else "no firewall rule: the server refuses every address")
    a.set_fact("public_network_access", None if disabled is None and value is not False else value, where, None,
               note)


# --- per type -------------------------------------------------------------------------------------


def cosmos(a: Asset, children: list[dict]) -> None:
    """Cosmos DB: open to every network unless `publicNetworkAccess` is Disabled, or an IP or
    virtual-network filter restricts it (`ipRules`, `isVirtualNetworkFilterEnabled`)."""
    p = a.properties
    disabled = _switch(a, "properties.publicNetworkAccess")
    ip_rules = lookup(p, "properties.ipRules")
    vnet = lookup(p, "properties.isVirtualNetworkFilterEnabled")
    values = [r.get("ipAddressOrRange") for r in ip_rules if isinstance(r, dict)] if isinstance(ip_rules, list) else []
    if isinstance(ip_rules, Unknown) or any(isinstance(v, Unknown) for v in values):
        a.set_fact("allows_all_ips", None, "properties.ipRules", None, "ipRules unknown")
        restricted: bool | None = None
    else:
        a.set_fact("allows_all_ips", any(v == "0.0.0.0/0" for v in values), "properties.ipRules", values or None)
        restricted = bool(values) and "0.0.0.0/0" not in values
        if not restricted and isinstance(vnet, Unknown):
            restricted = None
        elif not restricted and truthy(vnet) is True:
            restricted = True
    if disabled is True:
        a.set_fact("public_network_access", False, "properties.publicNetworkAccess", "Disabled")
    elif disabled is None or restricted is None:
        a.set_fact("public_network_access", None if restricted is not True else False,
                   "properties.publicNetworkAccess", None, "network access or filters unknown")
    else:
        a.set_fact("public_network_access", not restricted, "properties.ipRules", values or None,
                   "IP or virtual-network filter restricts access" if restricted else
                   "no IP or virtual-network filter: reachable from every network")
    _bool_fact(a, "local_auth_enabled", "properties.disableLocalAuth", True,
               "disableLocalAuth not set; Azure default: account keys accepted", invert=True)
    _cmk(a, "properties.keyVaultKeyUri", lambda v: True, "no keyVaultKeyUri; service-managed keys")
    managed_identity(a)
    inline_private_endpoints(a)


def _flexible(a: Asset, children: list[dict], child_type: str) -> None:
    """PostgreSQL / MySQL flexible servers: public access (the default without a delegated
    subnet) through firewall rules, or VNet integration (`network.delegatedSubnetResourceId`)."""
    p = a.properties
    subnet = lookup(p, "properties.network.delegatedSubnetResourceId")
    private_only = None if isinstance(subnet, Unknown) else subnet not in (MISSING, None, "")
    disabled = _switch(a, "properties.network.publicNetworkAccess",
                       "Azure default: Enabled unless the server is VNet-integrated")
    _firewall(a, disabled, _rules_from_children(children, child_type), private_only,
              "properties.network.publicNetworkAccess")
    _cmk(a, "properties.dataEncryption.type", lambda v: norm(v) == "azurekeyvault",
         "no dataEncryption; service-managed keys")
    managed_identity(a)
    inline_private_endpoints(a)


def postgres(a: Asset, children: list[dict]) -> None:
    _flexible(a, children, cat.POSTGRES_FIREWALL_RULE.lower())
    _bool_fact(a, "local_auth_enabled", "properties.authConfig.passwordAuth", True,
               "authConfig.passwordAuth not set; Azure default: password authentication Enabled")


def mysql(a: Asset, children: list[dict]) -> None:
    _flexible(a, children, cat.MYSQL_FIREWALL_RULE.lower())
    a.set_fact("local_auth_enabled", True, "properties.administratorLogin", None,
               "MySQL flexible servers accept their administrator's password unless the aad_auth_only "
               "server parameter is ON")


def sql_server(a: Asset, children: list[dict]) -> None:
    """SQL servers: `publicNetworkAccess` (default Enabled) through firewall rules; SQL
    authentication unless Entra-only (`administrators.azureADOnlyAuthentication`, or an
    `azureADOnlyAuthentications` child)."""
    disabled = _switch(a, "properties.publicNetworkAccess")
    _firewall(a, disabled, _rules_from_children(children, cat.SQL_FIREWALL_RULE.lower()), False,
              "properties.publicNetworkAccess")
    _bool_fact(a, "local_auth_enabled", "properties.administrators.azureADOnlyAuthentication", True,
               "azureADOnlyAuthentication not set; Azure default: SQL logins accepted", invert=True)
    for c in children:
        if c["type"] == cat.SQL_AAD_ONLY.lower():
            only = lookup(c["body"], "azureADOnlyAuthentication") if isinstance(c["body"], dict) else c["body"]
            b = None if c["existing"] or isinstance(only, Unknown) else truthy(only)
            a.set_fact("local_auth_enabled", None if b is None else not b, c["address"], plain(only),
                       f"declared at {c['file']}:{c['line']}")
    _cmk(a, "properties.keyId", lambda v: True, "no keyId; service-managed transparent data encryption key")
    managed_identity(a)
    inline_private_endpoints(a)


def redis(a: Asset, children: list[dict]) -> None:
    """Azure Cache for Redis: public unless `publicNetworkAccess` is Disabled or the cache is
    injected into a subnet; firewall rules, when any, restrict who gets in; access keys unless
    `disableAccessKeyAuthentication`."""
    p = a.properties
    subnet = lookup(p, "properties.subnetId")
    private_only = None if isinstance(subnet, Unknown) else subnet not in (MISSING, None, "")
    disabled = _switch(a, "properties.publicNetworkAccess")
    rules = _rules_from_children(children, cat.REDIS_FIREWALL_RULE.lower())
    if not isinstance(rules, Unknown) and not rules and not private_only and disabled is False:
        # no firewall rule: a Redis cache admits every address (unlike a database server)
        a.set_fact("allows_all_ips", True, "properties.publicNetworkAccess", None, "no firewall rule declared")
        a.set_fact("public_network_access", True, "properties.publicNetworkAccess", None,
                   "public network access and no firewall rule: reachable from every network")
    else:
        _firewall(a, disabled, rules, private_only, "properties.publicNetworkAccess")
    _bool_fact(a, "local_auth_enabled", "properties.disableAccessKeyAuthentication", True,
               "disableAccessKeyAuthentication not set; Azure default: access keys accepted", invert=True)
    _bool_fact(a, "https_only", "properties.enableNonSslPort", True,
               "enableNonSslPort not set; Azure default: TLS port only", invert=True)
    managed_identity(a)
    inline_private_endpoints(a)


DERIVERS: dict[str, Callable[[Asset, list[dict]], None]] = {
    cat.COSMOS_ACCOUNT.lower(): cosmos,
    cat.POSTGRES_FLEXIBLE.lower(): postgres,
    cat.MYSQL_FLEXIBLE.lower(): mysql,
    cat.SQL_SERVER.lower(): sql_server,
    cat.REDIS_CACHE.lower(): redis,
}
