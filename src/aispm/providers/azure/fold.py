"""Folding: what Terraform or ARM declare on several resources, put where ARM keeps it — once, before facts.

The Azure provider's `folds` entry: it runs on every asset of the scan after all sources have
read their files and before any fact is derived, so that each fact is derived once, from one
shape, whatever declared the resource.

Into the target's body (the target's properties change, as a report shows them):
- a customer-managed key (`catalog.COGNITIVE_CMK`, Terraform
  `azurerm_cognitive_account_customer_managed_key`) → its account's `properties.encryption`;
- ML workspace outbound rules (`catalog.ML_OUTBOUND_RULE`) → `properties.managedNetwork.outboundRules`;
- `azapi_update_resource` (`<type>#update`) → deep-merged into the resource it updates when the
  scan declares it; otherwise it becomes an asset of its own type;
- NSG rules declared as their own resources (Terraform `azurerm_network_security_rule`, ARM /
  Bicep `networkSecurityGroups/securityRules`) → the NSG's `properties.securityRules` (with `id`
  = the rule's uid);
- Terraform NSG associations → the subnet's / NIC's `properties.networkSecurityGroup.id`.
The pseudo assets of the first three are dropped (they were never resources of their own);
NSG rules and associations stay, as they always have in reports.

Parents: Terraform storage containers that name their account (`__account_name`), and children
that name their parent (`__parentName`: NSG rules, subnets, API Management APIs, firewall rules of
MySQL servers and Redis caches, Cosmos DB role assignments) get it as
`parent`; the linker then makes the `contains` relation as for any child.

Children whose settings count for their parent but that ARM keeps as resources of their own —
`Microsoft.Web/sites/config` (`authsettingsV2`, `authsettings`, `appsettings`,
`connectionstrings`, `web`), container-app `authConfigs`, and the firewall rules of database
servers and Redis caches — are handed to their site / app / server under `catalog.CHILDREN_KEY`,
which the facts layer reads (and removes) when it derives the
parent's facts; the children stay assets with facts of their own.

Every fold tolerates `Unknown` anywhere: a body, a reference or a block that is unknown leaves
the target as it is (its facts are then unknown, or as its own body says), never an error.
"""

from __future__ import annotations

from typing import Any

from aispm.model import Asset, Unknown
from aispm.providers.azure import catalog as cat
from aispm.providers.azure.facts.arm_shape import MISSING, lookup
from aispm.providers.azure.link.index import Index

_PSEUDO = frozenset((cat.COGNITIVE_CMK, cat.ML_OUTBOUND_RULE))


def fold(assets: list[Asset]) -> None:
    """Fold the Azure assets of a scan in place (pseudo assets are removed from `assets`)."""
    azure = [a for a in assets if a.provider == "azure"]
    if not azure:
        return
    dropped = _fold_terraform(azure)
    if dropped:
        assets[:] = [a for a in assets if id(a) not in dropped]
        azure = [a for a in azure if id(a) not in dropped]
    index = Index(azure)
    by_type: dict[str, list[Asset]] = {}
    for a in azure:
        by_type.setdefault(a.type.lower(), []).append(a)

    def of(t: str) -> list[Asset]:
        return by_type.get(t.lower(), [])

    _resolve_parent_names(azure, index)
    _fold_nsg_rules(of(cat.NSG_RULE), index)
    _fold_associations(of(cat.SUBNET_NSG_ASSOCIATION) + of(cat.NIC_NSG_ASSOCIATION), index)
    _site_children(of(cat.WEB_SITE_CONFIG), index)
    _app_auth_configs(of(cat.CONTAINER_APP_AUTH), index)
    _data_store_children([a for t in cat.DATA_STORE_CHILDREN for a in by_type.get(t, [])], index)


# --- Terraform resources that ARM keeps in another resource's body ----------------------------


def _fold_terraform(azure: list[Asset]) -> set[int]:
    """Keys, outbound rules and updates into their targets, then containers to their accounts.
    Returns the ids of the pseudo assets that were folded away."""
    targets = {a.uid: a for a in azure if a.type not in _PSEUDO and not a.type.endswith(cat.UPDATE_SUFFIX)}
    dropped: set[int] = set()
    for a in azure:
        if a.type == cat.COGNITIVE_CMK:
            _fold_cmk(a, targets)
            dropped.add(id(a))
    for a in azure:
        if a.type == cat.ML_OUTBOUND_RULE:
            _fold_outbound_rule(a, targets)
            dropped.add(id(a))
    for a in azure:
        if a.type.endswith(cat.UPDATE_SUFFIX) and _apply_update(a, targets):
            dropped.add(id(a))
    _link_containers([a for a in azure if id(a) not in dropped])
    return dropped


def _body(target: Asset) -> dict | None:
    """The target's `properties` object, created if absent; None when it is unknown (an
    `azapi_resource` whose body did not evaluate): what is folded in is then not known either."""
    body = target.properties.setdefault("properties", {})
    return body if isinstance(body, dict) else None


def _fold_cmk(cmk: Asset, targets: dict[str, Asset]) -> None:
    acct = cmk.properties.get("scope")
    target = targets.get(acct) if isinstance(acct, str) else None
    enc = lookup(cmk.properties, "properties.encryption")
    if target is None or not isinstance(enc, dict):
        return
    kvp = enc.get("keyVaultProperties")
    key_id = kvp.get("keyId") if isinstance(kvp, dict) else None
    if isinstance(key_id, str) and key_id in targets:  # a declared azurerm_key_vault_key
        kvp["keyName"] = targets[key_id].name
        kvp["keyVaultUri"] = Unknown("key vault uri is known after apply")
    body = _body(target)
    if body is not None:
        body["encryption"] = enc


def _fold_outbound_rule(rule: Asset, targets: dict[str, Asset]) -> None:
    ws = rule.properties.get("scope")
    target = targets.get(ws) if isinstance(ws, str) else None
    if target is None:
        return
    key = rule.name if isinstance(rule.name, str) else rule.origin.address
    body = _body(target)
    network = body.setdefault("managedNetwork", {}) if body is not None else None
    if isinstance(network, dict):
        rules_map = network.setdefault("outboundRules", {})
        if isinstance(rules_map, dict):
            rules_map[key] = rule.properties.get("properties")


def _deep_merge(dst: dict, src: dict) -> None:
    for k, v in src.items():
        if isinstance(v, dict) and isinstance(dst.get(k), dict):
            _deep_merge(dst[k], v)
        else:
            dst[k] = v


def _apply_update(upd: Asset, targets: dict[str, Asset]) -> bool:
    """Merge an update into the resource it names; True when it did (the update is then dropped).
    An update of a resource the scan does not declare becomes an asset of the type it updates."""
    ref = upd.properties.pop(cat.UPDATES_KEY, None)
    target = targets.get(ref) if isinstance(ref, str) else None
    if target is not None:
        _deep_merge(target.properties, {k: v for k, v in upd.properties.items() if k != "apiVersion"})
        return True
    upd.type = upd.type[: -len(cat.UPDATE_SUFFIX)]
    upd.kind = cat.kind_of(upd.type, upd.properties)
    return False


def _link_containers(assets: list[Asset]) -> None:
    """Terraform storage containers that name their account (`storage_account_name`) get it as
    parent: the account of that name in the same module instance (same address prefix)."""
    accounts: dict[tuple[str, str], str] = {}
    for a in assets:
        if a.type == cat.STORAGE_ACCOUNT and isinstance(a.name, str) and a.origin.format == "terraform":
            accounts[(_module_prefix(a), a.name)] = a.uid
    for a in assets:
        if a.type == cat.STORAGE_CONTAINER and a.parent is None and a.origin.format == "terraform":
            sa = a.properties.pop("__account_name", None)
            if isinstance(sa, str):
                a.parent = accounts.get((_module_prefix(a), sa))


def _module_prefix(a: Asset) -> str:
    return a.origin.address.rsplit("azurerm_", 1)[0]


# --- children that name their parent, NSG rules and associations -------------------------------

_PARENT_TYPES = {
    cat.MYSQL_FIREWALL_RULE.lower(): cat.MYSQL_FLEXIBLE.lower(),
    cat.COSMOS_SQL_ROLE_ASSIGNMENT.lower(): cat.COSMOS_ACCOUNT.lower(),
    cat.REDIS_FIREWALL_RULE.lower(): cat.REDIS_CACHE.lower(),
    cat.NSG_RULE.lower(): cat.NSG.lower(),
    cat.SUBNET.lower(): cat.VIRTUAL_NETWORK.lower(),
    cat.APIM_API.lower(): cat.APIM_SERVICE.lower(),
}


def _resolve_parent_names(assets: list[Asset], index: Index) -> None:
    """Terraform children that name their parent: same module instance first, then a unique name."""
    for a in assets:
        name = a.properties.get("__parentName")
        if name is None:
            continue
        ptype = _PARENT_TYPES.get(a.type.lower())
        cands = index.by_type_name.get((ptype, name.lower()), []) if ptype and isinstance(name, str) else []
        same = [c for c in cands if c.origin.file.rsplit("/", 1)[0] == a.origin.file.rsplit("/", 1)[0]
                and _module_prefix(c) == _module_prefix(a)]
        pick = same[0] if len(same) == 1 else cands[0] if len(cands) == 1 else None
        if pick is None:
            continue  # the name stays in the report: which parent it meant is not known
        a.properties.pop("__parentName", None)
        if a.parent is None:
            a.parent = pick.uid


def _fold_nsg_rules(rules: list[Asset], index: Index) -> None:
    for r in rules:
        nsg = index.by_uid.get(r.parent) if r.parent else None
        if nsg is None:
            continue
        body = _body(nsg)
        if body is None:
            continue
        current = body.get("securityRules")
        if isinstance(current, Unknown):
            continue
        if not isinstance(current, list):
            current = body["securityRules"] = []
        if any(isinstance(x, dict) and x.get("id") == r.uid for x in current):
            continue
        current.append({"name": r.name, "id": r.uid, "properties": r.properties.get("properties", {})})


def _fold_associations(assocs: list[Asset], index: Index) -> None:
    for a in assocs:
        body = a.properties.get("properties", {})
        target_ref = lookup(body, "subnet.id")
        if target_ref is MISSING:
            target_ref = lookup(body, "networkInterface.id")
        target = index.resolve(target_ref)
        if target is None:
            continue
        nsg_ref = lookup(body, "networkSecurityGroup.id")
        nsg = index.resolve(nsg_ref)
        tb = _body(target)
        if tb is not None:
            tb["networkSecurityGroup"] = {"id": nsg.uid if nsg is not None else nsg_ref}


# --- children whose settings count for their parent ---------------------------------------------


def _child(cfg: Asset) -> dict[str, Any]:
    """What a parent's deriver needs of a child: its name and body, and where it is declared."""
    return {"type": cfg.type.lower(), "name": cfg.name.lower() if isinstance(cfg.name, str) else "",
            "body": cfg.properties.get("properties"),
            "properties": cfg.properties, "existing": cfg.existing, "address": cfg.origin.address,
            "file": cfg.origin.file, "line": cfg.origin.line}


def _site_children(configs: list[Asset], index: Index) -> None:
    """`Microsoft.Web/sites/config` children → their site, in declaration order; the legacy
    `authsettings` is left out when the site also has `authsettingsV2` (V2 wins)."""
    v2 = {c.parent for c in configs if isinstance(c.name, str) and c.name.lower() == "authsettingsv2"}
    for cfg in configs:
        site = index.by_uid.get(cfg.parent) if cfg.parent else None
        if site is None:
            continue
        child = _child(cfg)
        if child["name"] == "authsettings" and site.uid in v2:
            continue
        site.properties.setdefault(cat.CHILDREN_KEY, []).append(child)


def _app_auth_configs(auths: list[Asset], index: Index) -> None:
    for cfg in auths:
        app = index.by_uid.get(cfg.parent) if cfg.parent else None
        if app is not None:
            app.properties.setdefault(cat.CHILDREN_KEY, []).append(_child(cfg))


def _data_store_children(children: list[Asset], index: Index) -> None:
    """Firewall rules (and SQL's Entra-only switch) → their server, whose facts they decide."""
    for c in children:
        server = index.by_uid.get(c.parent) if c.parent else None
        if server is not None:
            server.properties.setdefault(cat.CHILDREN_KEY, []).append(_child(c))
