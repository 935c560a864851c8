"""Facts for Azure resources, derived from the ARM shape whatever declared them.

Terraform, ARM, Bicep (and later the live API) all hand us the resource body in
the ARM shape, so each fact is derived here once. Where the body leaves a
property out, the documented Azure default applies and the evidence says so;
where the body holds an `Unknown` (an unresolved variable), the fact is `None`.

Resources declared apart but kept by ARM on one resource (a customer-managed key, NSG rules,
site config children) were folded into it before this module runs (`aispm.providers.azure.fold`).
The data stores around AI (Cosmos DB, PostgreSQL / MySQL / SQL servers, Redis) are derived in
`data_stores.py`. Facts that depend on other resources (private endpoints, diagnostic settings, content-filter
policies) are set by `aispm.providers.azure.link.resources`, which runs after this module.
"""

from __future__ import annotations

from typing import Callable

from aispm.providers.azure import catalog as cat
from aispm.providers.azure.facts import apps as azure_apps
from aispm.providers.azure.facts import compute as azure_compute
from aispm.providers.azure.facts import data_stores
from aispm.providers.azure.facts import foundry
from aispm.providers.azure.facts.arm_shape import MISSING as _MISSING
from aispm.providers.azure.facts.arm_shape import inline_private_endpoints, lookup
from aispm.providers.azure.facts.arm_shape import managed_identity as _managed_identity
from aispm.providers.azure.facts.arm_shape import norm as _norm
from aispm.providers.azure.facts.arm_shape import plain as _plain
from aispm.providers.azure.facts.arm_shape import truthy as _truthy
from aispm.model import Asset, Unknown

# --- shared derivations -------------------------------------------------------


def _public_access(asset: Asset, acl_path: str | None, ip_rules_path: str | None = None) -> None:
    """`public_network_access` (open to the internet) and `public_network_access_disabled`
    (the switch explicitly off), following the Azure Policy conditions."""
    p = asset.properties
    pna = lookup(p, "properties.publicNetworkAccess")
    if pna is _MISSING or pna is None:
        disabled: bool | None = False
        note = "publicNetworkAccess not set; Azure default: Enabled"
        raw = None
    elif isinstance(pna, Unknown):
        disabled, note, raw = None, f"publicNetworkAccess unknown: {pna.reason}", None
    else:
        disabled, note, raw = _norm(pna) == "disabled", None, pna
    asset.set_fact("public_network_access_disabled", disabled, "properties.publicNetworkAccess", raw, note)

    if disabled is True:
        asset.set_fact("public_network_access", False, "properties.publicNetworkAccess", raw)
        return
    restricted: bool | None = False
    rnote = None
    rpath = "properties.publicNetworkAccess"
    if acl_path:
        action = lookup(p, acl_path)
        rpath = acl_path
        if isinstance(action, Unknown):
            restricted, rnote = None, f"{acl_path} unknown: {action.reason}"
        elif action is not _MISSING and _norm(action) == "deny":
            restricted = True
        else:
            rnote = f"{acl_path} not Deny"
    if ip_rules_path:
        rules = lookup(p, ip_rules_path)
        rpath = ip_rules_path
        if isinstance(rules, Unknown):
            restricted, rnote = None, f"{ip_rules_path} unknown"
        elif isinstance(rules, list) and any(
            isinstance(r, dict) and r.get("value") not in (None, "", "0.0.0.0/0", "0.0.0.0") for r in rules
        ):
            restricted = True
        else:
            rnote = "no IP rules restrict access"
    if disabled is None:  # the switch itself is unknown: say so, whatever the ACLs say
        value = None if restricted is not True else False
        asset.set_fact("public_network_access", value, "properties.publicNetworkAccess", raw, note)
        return
    value = None if restricted is None else not restricted
    asset.set_fact("public_network_access", value, rpath, raw, rnote or note)


def _bool_prop(asset: Asset, fact: str, path: str, default: bool | None, invert: bool = False,
               default_note: str | None = None) -> None:
    raw = lookup(asset.properties, path)
    if raw is _MISSING or raw is None:
        value = default
        note = default_note or (f"{path} not set; Azure default applies" if default is not None else f"{path} not set")
        asset.set_fact(fact, value, path, None, note)
        return
    if isinstance(raw, Unknown):
        asset.set_fact(fact, None, path, None, f"unknown: {raw.reason}")
        return
    b = _truthy(raw)
    if b is None:
        asset.set_fact(fact, None, path, raw, "not a boolean")
        return
    asset.set_fact(fact, (not b) if invert else b, path, raw)


def _presence(asset: Asset, fact: str, path: str) -> None:
    raw = lookup(asset.properties, path)
    if isinstance(raw, Unknown):
        asset.set_fact(fact, True, path, None, f"set from an unresolved value ({raw.reason})")
    elif raw is _MISSING or raw in (None, "", [], {}):
        asset.set_fact(fact, False, path, None, f"{path} not set")
    else:
        asset.set_fact(fact, True, path, raw)


def _int_prop(asset: Asset, fact: str, path: str, default: int | None) -> None:
    raw = lookup(asset.properties, path)
    if isinstance(raw, Unknown):
        asset.set_fact(fact, None, path, None, f"unknown: {raw.reason}")
    elif raw is _MISSING or raw is None:
        asset.set_fact(fact, default, path, None,
                       f"{path} not set" + (f"; Azure default: {default}" if default is not None else ""))
    elif isinstance(raw, bool) or not isinstance(raw, (int, str)) or not str(raw).strip().isdigit():
        asset.set_fact(fact, None, path, raw, "not an integer")
    else:
        asset.set_fact(fact, int(raw), path, raw)


# --- per type -----------------------------------------------------------------


def _cognitive_account(a: Asset) -> None:
    _public_access(a, "properties.networkAcls.defaultAction")
    _bool_prop(a, "local_auth_enabled", "properties.disableLocalAuth", True, invert=True,
               default_note="disableLocalAuth not set; Azure default: keys accepted")
    _managed_identity(a)
    key_source = lookup(a.properties, "properties.encryption.keySource")
    if isinstance(key_source, Unknown):
        a.set_fact("customer_managed_key", None, "properties.encryption.keySource", None, key_source.reason)
    elif key_source is _MISSING or key_source is None:
        a.set_fact("customer_managed_key", False, "properties.encryption.keySource", None,
                   "no encryption.keySource; Microsoft-managed keys")
    else:
        a.set_fact("customer_managed_key", _norm(key_source) == "microsoft.keyvault",
                   "properties.encryption.keySource", key_source)
    _bool_prop(a, "outbound_restricted", "properties.restrictOutboundNetworkAccess", False,
               default_note="restrictOutboundNetworkAccess not set; Azure default: unrestricted")
    fqdns = lookup(a.properties, "properties.allowedFqdnList")
    if isinstance(fqdns, Unknown):
        a.set_fact("outbound_fqdns_listed", None, "properties.allowedFqdnList", None, fqdns.reason)
    else:
        a.set_fact("outbound_fqdns_listed", isinstance(fqdns, list) and len(fqdns) > 0,
                   "properties.allowedFqdnList", None if fqdns is _MISSING else fqdns)
    _presence(a, "customer_owned_storage", "properties.userOwnedStorage")
    kind = a.properties.get("kind")
    a.facts["account_kind"] = kind if isinstance(kind, str) else None
    foundry.account(a)
    # private endpoints declared inline on the account (rare in IaC, common in live data)
    inline_private_endpoints(a)


def _deployment(a: Asset) -> None:
    p = a.properties
    fmt = lookup(p, "properties.model.format")
    name = lookup(p, "properties.model.name")
    version = lookup(p, "properties.model.version")
    if isinstance(name, str):
        model = name
        if isinstance(fmt, str):
            model = f"{fmt}/{name}"
        if isinstance(version, str) and version:
            model += f"@{version}"
        a.set_fact("model", model, "properties.model", {"format": _plain(fmt), "name": name, "version": _plain(version)})
    else:
        a.set_fact("model", None, "properties.model.name", None, "model name not set or unknown")
    rai = lookup(p, "properties.raiPolicyName")
    if isinstance(rai, Unknown):
        a.set_fact("guardrail", None, "properties.raiPolicyName", None, f"unknown: {rai.reason}")
    elif rai is _MISSING or rai in (None, ""):
        a.set_fact("guardrail", True, "properties.raiPolicyName", None,
                   "raiPolicyName not set; Azure applies the default content filter (Microsoft.DefaultV2)")
    else:
        a.set_fact("guardrail", True, "properties.raiPolicyName", rai)
    a.facts["content_filter_policy"] = rai if isinstance(rai, str) else None


def _rai_policy(a: Asset) -> None:
    filters = lookup(a.properties, "properties.contentFilters")
    if isinstance(filters, Unknown):
        a.set_fact("guardrail", None, "properties.contentFilters", None, filters.reason)
        return
    weak = []
    if isinstance(filters, list):
        for f in filters:
            if not isinstance(f, dict):
                continue
            enabled = _truthy(lookup(f, "enabled"))
            blocking = _truthy(lookup(f, "blocking"))
            if enabled is False or blocking is False:
                weak.append(str(lookup(f, "name")))
    a.set_fact("guardrail", not weak, "properties.contentFilters", filters if isinstance(filters, list) else None,
               ("filters disabled or not blocking: " + ", ".join(weak)) if weak else None)


def _search(a: Asset) -> None:
    _public_access(a, None, "properties.networkRuleSet.ipRules")
    _bool_prop(a, "local_auth_enabled", "properties.disableLocalAuth", True, invert=True,
               default_note="disableLocalAuth not set; Azure default: API keys accepted")
    _managed_identity(a)
    enforcement = lookup(a.properties, "properties.encryptionWithCmk.enforcement")
    if isinstance(enforcement, Unknown):
        a.set_fact("customer_managed_key", None, "properties.encryptionWithCmk.enforcement", None, enforcement.reason)
    else:
        a.set_fact("customer_managed_key", _norm(enforcement) == "enabled" if enforcement is not _MISSING else False,
                   "properties.encryptionWithCmk.enforcement", _plain(enforcement))
    _int_prop(a, "replica_count", "properties.replicaCount", 1)
    rules = lookup(a.properties, "properties.networkRuleSet.ipRules")
    if isinstance(rules, Unknown):
        a.set_fact("allows_all_ips", None, "properties.networkRuleSet.ipRules", None, rules.reason)
    else:
        values = [r.get("value") for r in rules if isinstance(r, dict)] if isinstance(rules, list) else []
        a.set_fact("allows_all_ips", any(v in ("0.0.0.0/0", "0.0.0.0") for v in values),
                   "properties.networkRuleSet.ipRules", values or None)
    sku = lookup(a.properties, "sku.name")
    a.set_fact("sku", sku.lower() if isinstance(sku, str) else None, "sku.name", _plain(sku))
    inline_private_endpoints(a)


def _ml_workspace(a: Asset) -> None:
    _public_access(a, None)
    _managed_identity(a)
    p = a.properties
    kind = lookup(p, "kind")
    kind_l = kind.lower() if isinstance(kind, str) else None
    a.facts["workspace_kind"] = kind_l or "default"
    status = lookup(p, "properties.encryption.status")
    if isinstance(status, Unknown):
        a.set_fact("customer_managed_key", None, "properties.encryption.status", None, status.reason)
    else:
        a.set_fact("customer_managed_key", _norm(status) == "enabled", "properties.encryption.status",
                   _plain(status), None if status is not _MISSING else "no encryption block; Microsoft-managed keys")
    isolation = lookup(p, "properties.managedNetwork.isolationMode")
    if isinstance(isolation, Unknown):
        a.set_fact("outbound_restricted", None, "properties.managedNetwork.isolationMode", None, isolation.reason)
    else:
        a.set_fact("outbound_restricted", _norm(isolation) == "allowonlyapprovedoutbound",
                   "properties.managedNetwork.isolationMode", _plain(isolation),
                   None if isolation is not _MISSING else "no managed network: outbound unrestricted")
    rules = lookup(p, "properties.managedNetwork.outboundRules")
    if isinstance(rules, Unknown):
        a.set_fact("outbound_private_endpoints", None, "properties.managedNetwork.outboundRules", None, rules.reason)
    else:
        found = isinstance(rules, dict) and any(
            isinstance(r, dict) and _norm(lookup(r, "type")) == "privateendpoint" for r in rules.values()
        )
        a.set_fact("outbound_private_endpoints", found, "properties.managedNetwork.outboundRules",
                   None if rules is _MISSING else "…")
    _presence(a, "application_insights", "properties.applicationInsights")
    mode = lookup(p, "properties.systemDatastoresAuthMode")
    if isinstance(mode, Unknown):
        a.set_fact("storage_identity_auth", None, "properties.systemDatastoresAuthMode", None, mode.reason)
    else:
        a.set_fact("storage_identity_auth", _norm(mode) == "identity", "properties.systemDatastoresAuthMode",
                   _plain(mode), None if mode is not _MISSING else "not set; Azure default: account key (accesskey)")
    _bool_prop(a, "high_business_impact", "properties.hbiWorkspace", False,
               default_note="hbiWorkspace not set; Azure default: false")
    foundry.workspace(a)
    inline_private_endpoints(a)


def _ml_compute(a: Asset) -> None:
    p = a.properties
    ctype = lookup(p, "properties.computeType")
    a.facts["compute_type"] = ctype if isinstance(ctype, str) else None
    _bool_prop(a, "local_auth_enabled", "properties.disableLocalAuth", True, invert=True,
               default_note="disableLocalAuth not set; Azure default: local auth enabled")
    _presence(a, "vpc_attached", "properties.properties.subnet.id")
    _bool_prop(a, "public_ip", "properties.properties.enableNodePublicIp", True,
               default_note="enableNodePublicIp not set; Azure default: true")
    _int_prop(a, "min_node_count", "properties.properties.scaleSettings.minNodeCount", 0)
    _presence(a, "idle_shutdown", "properties.properties.idleTimeBeforeShutdown")
    _managed_identity(a)


def _databricks(a: Asset) -> None:
    _public_access(a, None)
    nopub = lookup(a.properties, "properties.parameters.enableNoPublicIp.value")
    if isinstance(nopub, Unknown):
        a.set_fact("public_ip", None, "properties.parameters.enableNoPublicIp.value", None, nopub.reason)
    else:
        b = _truthy(nopub) if nopub is not _MISSING else None
        a.set_fact("public_ip", b is not True, "properties.parameters.enableNoPublicIp.value", _plain(nopub),
                   None if nopub is not _MISSING else "enableNoPublicIp not set")
    parts = [lookup(a.properties, f"properties.parameters.{n}.value")
             for n in ("customVirtualNetworkId", "customPublicSubnetName", "customPrivateSubnetName")]
    # presence decides, as for other "is it set" facts: an unresolved expression is still a value
    a.set_fact("vpc_attached", all(x not in (_MISSING, None, "") for x in parts),
               "properties.parameters.customVirtualNetworkId", None,
               "VNet injection parameters " + ("set" if all(x not in (_MISSING, None, "") for x in parts) else "missing"))
    inline_private_endpoints(a)


def _storage(a: Asset) -> None:
    _public_access(a, "properties.networkAcls.defaultAction")
    _bool_prop(a, "allow_blob_public_access", "properties.allowBlobPublicAccess", False,
               default_note="allowBlobPublicAccess not set; Azure default for new accounts: false")
    _bool_prop(a, "local_auth_enabled", "properties.allowSharedKeyAccess", True,
               default_note="allowSharedKeyAccess not set; Azure default: shared keys accepted")
    _managed_identity(a)
    key_source = lookup(a.properties, "properties.encryption.keySource")
    if isinstance(key_source, Unknown):
        a.set_fact("customer_managed_key", None, "properties.encryption.keySource", None, key_source.reason)
    else:
        a.set_fact("customer_managed_key", _norm(key_source) == "microsoft.keyvault", "properties.encryption.keySource",
                   _plain(key_source), None if key_source is not _MISSING else "no encryption.keySource; "
                   "Microsoft-managed keys")
    inline_private_endpoints(a)


def _container(a: Asset) -> None:
    access = lookup(a.properties, "properties.publicAccess")
    if isinstance(access, Unknown):
        a.set_fact("public_access", None, "properties.publicAccess", None, access.reason)
    else:
        a.set_fact("public_access", _norm(access) in ("blob", "container"), "properties.publicAccess", _plain(access))


def _deployment_output(a: Asset) -> None:
    """`output_secure`: a deployment output that carries a key is kept out of the deployment
    history (and Terraform's plain output) only when its type is secure."""
    t = a.properties.get("type")
    if isinstance(t, Unknown):
        a.set_fact("output_secure", None, "type", None, t.reason)
    else:
        a.set_fact("output_secure", isinstance(t, str) and t.lower() in ("securestring", "secureobject"), "type",
                   _plain(t), None if isinstance(t, str) else "output type not set")


def _generic_identity(a: Asset) -> None:
    if "identity" in a.properties:
        _managed_identity(a)


DERIVERS: dict[str, Callable[[Asset], None]] = {
    cat.COGNITIVE_ACCOUNT.lower(): _cognitive_account,
    cat.COGNITIVE_DEPLOYMENT.lower(): _deployment,
    cat.COGNITIVE_RAI_POLICY.lower(): _rai_policy,
    cat.SEARCH_SERVICE.lower(): _search,
    cat.ML_WORKSPACE.lower(): _ml_workspace,
    cat.ML_COMPUTE.lower(): _ml_compute,
    cat.DATABRICKS_WORKSPACE.lower(): _databricks,
    cat.STORAGE_ACCOUNT.lower(): _storage,
    cat.STORAGE_CONTAINER.lower(): _container,
    cat.DEPLOYMENT_OUTPUT.lower(): _deployment_output,
    **{t.lower(): foundry.connection for t in (cat.COGNITIVE_CONNECTION, cat.COGNITIVE_PROJECT_CONNECTION,
                                               cat.ML_CONNECTION)},
}
DERIVERS.update(azure_compute.DERIVERS)  # compute and network: where attack paths start


def derive(asset: Asset) -> None:
    """Set `asset.facts` from `asset.properties` (Azure assets only), with what the children the
    fold handed it (`catalog.CHILDREN_KEY`, removed here) say of it."""
    t = asset.type.lower()
    children = asset.properties.pop(cat.CHILDREN_KEY, None)
    store = data_stores.DERIVERS.get(t)
    if store is not None:  # data stores read their children (firewall rules) themselves
        store(asset, children or [])
        return
    fn = DERIVERS.get(t, _generic_identity)
    if children:
        azure_apps.derive_with_children(asset, fn, children)
    else:
        fn(asset)
