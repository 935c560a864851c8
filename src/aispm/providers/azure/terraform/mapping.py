"""Transform: evaluated Terraform resource bodies → ARM-shaped properties.

Every function here is pure: it takes the evaluated body of one resource (a
dict: attributes as values, nested blocks as lists of dicts, `Unknown` where
unresolved) and returns `Mapped(arm_type, name, properties, parent)`.

Provider defaults (docs/design.md): when an attribute is absent and the
azurerm default equals ARM's own default, the ARM property is left absent (the
facts layer applies ARM defaults). Where they differ, the azurerm default is
written explicitly and the line says so (`# azurerm default`).
"""

from __future__ import annotations

from typing import Any, Callable

from aispm.providers.azure import catalog as cat
from aispm.model import Unknown
from aispm.iac.terraform.mapping import Mapped, MappingRow

U = Unknown
_ABSENT = object()
#: The reason of the Unknown that replaces a literal secret value (app settings,
#: container secrets and environment variables, Key Vault secrets, VM passwords).
LITERAL_SECRET = "literal secret (redacted)"


# ---------------------------------------------------------------------------
# helpers


def _g(body: Any, key: str) -> Any:
    """Attribute `key` or _ABSENT (null counts as absent: Terraform treats it so)."""
    if isinstance(body, dict):
        v = body.get(key, _ABSENT)
        return _ABSENT if v is None else v
    return _ABSENT


def _g2(body: dict, *keys: str) -> Any:
    for k in keys:
        v = _g(body, k)
        if v is not _ABSENT:
            return v
    return _ABSENT


def _blk(body: dict, key: str) -> Any:
    """First nested block `key` as a dict, Unknown (dynamic), or _ABSENT."""
    v = body.get(key, _ABSENT) if isinstance(body, dict) else _ABSENT
    if v is _ABSENT or v is None:
        return _ABSENT
    if isinstance(v, Unknown):
        return v
    if isinstance(v, list):
        if not v:
            return _ABSENT
        first = v[0]
        return first if isinstance(first, (dict, Unknown)) else _ABSENT
    if isinstance(v, dict):  # written as an attribute `x = { ... }`
        return v
    return _ABSENT


def _blocks(body: dict, key: str) -> Any:
    v = body.get(key, _ABSENT) if isinstance(body, dict) else _ABSENT
    if v is _ABSENT or v is None:
        return []
    if isinstance(v, Unknown):
        return v
    if isinstance(v, dict):
        return [v]
    if isinstance(v, list):
        return v
    return U(f"{key} is not a block")


def _put(d: dict, key: str, v: Any) -> None:
    if v is not _ABSENT:
        d[key] = v


def _conv(v: Any, fn: Callable[[Any], Any]) -> Any:
    if v is _ABSENT or isinstance(v, Unknown):
        return v
    try:
        return fn(v)
    except (TypeError, ValueError, KeyError, AttributeError):
        return U(f"unexpected value {v!r}")


def _bool(v: Any) -> Any:
    if isinstance(v, bool):
        return v
    if v in ("true", "false"):
        return v == "true"
    raise ValueError(v)


def _enabled(v: Any) -> Any:
    return _conv(v, lambda x: "Enabled" if _bool(x) else "Disabled")


def _not(v: Any) -> Any:
    return _conv(v, lambda x: not _bool(x))


def _b(v: Any) -> Any:
    return _conv(v, _bool)


def _ip_rules(v: Any, key: str = "value", extra: dict | None = None) -> Any:
    def f(x: Any) -> Any:
        if isinstance(x, str):
            x = [s.strip() for s in x.split(",") if s.strip()]
        return [x2 if isinstance(x2, Unknown) else {key: x2, **(extra or {})} for x2 in x]

    return _conv(v, f)


def _list(v: Any) -> Any:
    return _conv(v, lambda x: list(x) if isinstance(x, list) else [x])


def identity(body: dict) -> Any:
    """azurerm `identity { type, identity_ids }` → ARM identity."""
    blk = _blk(body, "identity")
    if blk is _ABSENT or isinstance(blk, Unknown):
        return blk
    out: dict[str, Any] = {}
    t = _g(blk, "type")
    _put(out, "type", _conv(t, lambda x: ",".join(p.strip() for p in x.split(","))))
    ids = _g(blk, "identity_ids")
    if ids is not _ABSENT:
        if isinstance(ids, Unknown):
            out["userAssignedIdentities"] = ids
        else:
            bad = next((i for i in ids if not isinstance(i, str)), None)
            out["userAssignedIdentities"] = bad if isinstance(bad, Unknown) else (
                U("identity id") if bad is not None else {i: {} for i in ids}
            )
    return out


def _parent(v: Any) -> str | None:
    return v if isinstance(v, str) and v.startswith("terraform:") else None


def _common(body: dict, props: dict) -> None:
    _put(props, "location", _g(body, "location"))
    _put(props, "tags", _g(body, "tags"))


def _name(body: dict) -> Any:
    v = _g(body, "name")
    return U("name not set") if v is _ABSENT else v


def split_key_url(url: Any) -> dict:
    """https://<vault>.vault.azure.net/keys/<name>[/<version>] → keyVaultUri, keyName, keyVersion."""
    if isinstance(url, str) and url.startswith("https://") and "/keys/" in url:
        base, _, rest = url.partition("/keys/")
        parts = rest.strip("/").split("/")
        out = {"keyVaultUri": base + "/", "keyName": parts[0]}
        if len(parts) > 1 and parts[1]:
            out["keyVersion"] = parts[1]
        return out
    return {"keyVaultUri": U("key vault uri"), "keyName": U("key name"), "keyId": url}


# ---------------------------------------------------------------------------
# per-type mappers


def _cognitive_account(body: dict, kind_override: str | None = None) -> Mapped:
    props: dict[str, Any] = {}
    _common(body, props)
    props["kind"] = kind_override or (_g(body, "kind") if _g(body, "kind") is not _ABSENT else U("kind not set"))
    sku = _g(body, "sku_name")
    if sku is not _ABSENT:
        props["sku"] = {"name": sku}
    _put(props, "identity", identity(body))
    p: dict[str, Any] = {}
    _put(p, "publicNetworkAccess", _enabled(_g(body, "public_network_access_enabled")))
    _put(p, "disableLocalAuth", _not(_g(body, "local_auth_enabled")))
    _put(p, "customSubDomainName", _g(body, "custom_subdomain_name"))
    _put(p, "restrictOutboundNetworkAccess", _b(_g(body, "outbound_network_access_restricted")))
    _put(p, "allowedFqdnList", _g(body, "fqdns"))
    _put(p, "dynamicThrottlingEnabled", _b(_g(body, "dynamic_throttling_enabled")))
    _put(p, "allowProjectManagement", _b(_g(body, "project_management_enabled")))
    acl = _blk(body, "network_acls")
    if isinstance(acl, Unknown):
        p["networkAcls"] = acl
    elif acl is not _ABSENT:
        na: dict[str, Any] = {}
        _put(na, "defaultAction", _g(acl, "default_action"))
        _put(na, "bypass", _g(acl, "bypass"))
        _put(na, "ipRules", _ip_rules(_g(acl, "ip_rules")))
        vnr = _blocks(acl, "virtual_network_rules")
        if isinstance(vnr, Unknown):
            na["virtualNetworkRules"] = vnr
        elif vnr:
            rules = []
            for r in vnr:
                rr: dict[str, Any] = {}
                _put(rr, "id", _g(r, "subnet_id"))
                _put(rr, "ignoreMissingVnetServiceEndpoint", _b(_g(r, "ignore_missing_vnet_service_endpoint")))
                rules.append(rr)
            na["virtualNetworkRules"] = rules
        p["networkAcls"] = na
    cmk = _blk(body, "customer_managed_key")
    if isinstance(cmk, Unknown):
        p["encryption"] = cmk
    elif cmk is not _ABSENT:
        p["encryption"] = cognitive_encryption(_g(cmk, "key_vault_key_id"), _g(cmk, "identity_client_id"))
    st = _blocks(body, "storage")
    if isinstance(st, Unknown):
        p["userOwnedStorage"] = st
    elif st:
        uos = []
        for s in st:
            e: dict[str, Any] = {}
            _put(e, "resourceId", _g(s, "storage_account_id"))
            _put(e, "identityClientId", _g(s, "identity_client_id"))
            uos.append(e)
        p["userOwnedStorage"] = uos
    props["properties"] = p
    return Mapped(cat.COGNITIVE_ACCOUNT, _name(body), props)


def cognitive_encryption(key_id: Any, client_id: Any = _ABSENT) -> dict:
    kvp: dict[str, Any] = {}
    if key_id is _ABSENT:
        kvp["keyName"] = U("key_vault_key_id not set")
    elif isinstance(key_id, Unknown):
        kvp["keyName"] = key_id
    else:
        kvp.update(split_key_url(key_id))
    _put(kvp, "identityClientId", client_id)
    return {"keySource": "Microsoft.KeyVault", "keyVaultProperties": kvp}


def _ai_services(body: dict) -> Mapped:
    """`azurerm_ai_services` names two switches differently from `azurerm_cognitive_account`:
    `public_network_access` ("Enabled"/"Disabled", default Enabled) and
    `local_authentication_enabled` (default true)."""
    m = _cognitive_account(body, kind_override="AIServices")
    p = m.properties.setdefault("properties", {})
    pna = _g(body, "public_network_access")
    if pna is not _ABSENT:
        p["publicNetworkAccess"] = pna
    local = _g(body, "local_authentication_enabled")
    if local is not _ABSENT:
        p["disableLocalAuth"] = _not(local)
    return m


def _cognitive_deployment(body: dict) -> Mapped:
    props: dict[str, Any] = {}
    sku = _blk(body, "sku")
    if sku is _ABSENT:
        sku = _blk(body, "scale")
        if isinstance(sku, dict):
            sku = {"name": sku.get("type"), "capacity": sku.get("capacity")}
    if isinstance(sku, Unknown):
        props["sku"] = sku
    elif sku is not _ABSENT:
        s: dict[str, Any] = {}
        _put(s, "name", _g(sku, "name"))
        _put(s, "capacity", _g(sku, "capacity"))
        _put(s, "tier", _g(sku, "tier"))
        props["sku"] = s
    p: dict[str, Any] = {}
    m = _blk(body, "model")
    if isinstance(m, Unknown):
        p["model"] = m
    elif m is not _ABSENT:
        mm: dict[str, Any] = {}
        for k in ("format", "name", "version"):
            _put(mm, k, _g(m, k))
        p["model"] = mm
    _put(p, "raiPolicyName", _g(body, "rai_policy_name"))
    _put(p, "versionUpgradeOption", _g(body, "version_upgrade_option"))
    _put(p, "dynamicThrottlingEnabled", _b(_g(body, "dynamic_throttling_enabled")))
    props["properties"] = p
    return Mapped(cat.COGNITIVE_DEPLOYMENT, _name(body), props, _parent(body.get("cognitive_account_id")))


def _rai_policy(body: dict) -> Mapped:
    props: dict[str, Any] = {}
    _common(body, props)
    p: dict[str, Any] = {}
    _put(p, "basePolicyName", _g(body, "base_policy_name"))
    _put(p, "mode", _g(body, "mode"))
    cf = _blocks(body, "content_filter")
    if isinstance(cf, Unknown):
        p["contentFilters"] = cf
    elif cf:
        out = []
        for f in cf:
            e: dict[str, Any] = {}
            _put(e, "name", _g(f, "name"))
            _put(e, "enabled", _b(_g(f, "filter_enabled")))
            _put(e, "blocking", _b(_g(f, "block_enabled")))
            _put(e, "severityThreshold", _g(f, "severity_threshold"))
            _put(e, "source", _g(f, "source"))
            out.append(e)
        p["contentFilters"] = out
    bl = _blocks(body, "custom_block_list")
    if isinstance(bl, list) and bl:
        p["customBlocklists"] = [
            {k2: v for k2, v in (("source", _g(b, "source")), ("blocklistName", _g(b, "block_list_id")),
                                 ("blocking", _b(_g(b, "block_enabled")))) if v is not _ABSENT}
            for b in bl
        ]
    props["properties"] = p
    return Mapped(cat.COGNITIVE_RAI_POLICY, _name(body), props, _parent(body.get("cognitive_account_id")))


def _search(body: dict) -> Mapped:
    props: dict[str, Any] = {}
    _common(body, props)
    sku = _g(body, "sku")
    if sku is not _ABSENT:
        props["sku"] = {"name": sku}
    _put(props, "identity", identity(body))
    p: dict[str, Any] = {}
    _put(p, "publicNetworkAccess", _enabled(_g(body, "public_network_access_enabled")))
    _put(p, "disableLocalAuth", _not(_g(body, "local_authentication_enabled")))
    mode = _g(body, "authentication_failure_mode")
    if mode is not _ABSENT:
        p["authOptions"] = {"aadOrApiKey": {"aadAuthFailureMode": mode}}
    ips = _g(body, "allowed_ips")
    bypass = _g(body, "network_rule_bypass_option")
    if ips is not _ABSENT or bypass is not _ABSENT:
        nrs: dict[str, Any] = {}
        _put(nrs, "ipRules", _ip_rules(ips))
        _put(nrs, "bypass", bypass)
        p["networkRuleSet"] = nrs
    _put(p, "replicaCount", _g(body, "replica_count"))
    _put(p, "partitionCount", _g(body, "partition_count"))
    _put(p, "hostingMode", _g(body, "hosting_mode"))
    _put(p, "semanticSearch", _g(body, "semantic_search_sku"))
    enf = _g(body, "customer_managed_key_enforcement_enabled")
    if enf is not _ABSENT:
        p["encryptionWithCmk"] = {"enforcement": _conv(enf, lambda x: "Enabled" if _bool(x) else "Unspecified")}
    props["properties"] = p
    return Mapped(cat.SEARCH_SERVICE, _name(body), props)


def _ml_workspace(body: dict, kind: str | None = None, parent_attr: str | None = None) -> Mapped:
    props: dict[str, Any] = {}
    _common(body, props)
    k = kind or _g(body, "kind")
    _put(props, "kind", k)
    sku = _g(body, "sku_name")
    if sku is not _ABSENT:
        props["sku"] = {"name": sku}
    _put(props, "identity", identity(body))
    p: dict[str, Any] = {}
    pna = _g(body, "public_network_access")
    _put(p, "publicNetworkAccess", pna if pna is not _ABSENT else _enabled(_g(body, "public_network_access_enabled")))
    _put(p, "hbiWorkspace", _b(_g2(body, "high_business_impact", "high_business_impact_enabled")))
    _put(p, "storageAccount", _g(body, "storage_account_id"))
    _put(p, "keyVault", _g(body, "key_vault_id"))
    _put(p, "applicationInsights", _g(body, "application_insights_id"))
    _put(p, "containerRegistry", _g(body, "container_registry_id"))
    _put(p, "primaryUserAssignedIdentity", _g(body, "primary_user_assigned_identity"))
    _put(p, "imageBuildCompute", _g(body, "image_build_compute_name"))
    _put(p, "v1LegacyMode", _b(_g(body, "v1_legacy_mode_enabled")))
    _put(p, "friendlyName", _g(body, "friendly_name"))
    _put(p, "description", _g(body, "description"))
    if parent_attr:
        _put(p, "hubResourceId", _g(body, parent_attr))
    enc = _blk(body, "encryption")
    if isinstance(enc, Unknown):
        p["encryption"] = enc
    elif enc is not _ABSENT:
        e: dict[str, Any] = {"status": "Enabled", "keyVaultProperties": {}}
        _put(e["keyVaultProperties"], "keyVaultArmId", _g(enc, "key_vault_id"))
        _put(e["keyVaultProperties"], "keyIdentifier", _g(enc, "key_id"))
        uai = _g(enc, "user_assigned_identity_id")
        if uai is not _ABSENT:
            e["identity"] = {"userAssignedIdentity": uai}
        p["encryption"] = e
    mn = _blk(body, "managed_network")
    if isinstance(mn, Unknown):
        p["managedNetwork"] = mn
    elif mn is not _ABSENT:
        m: dict[str, Any] = {}
        _put(m, "isolationMode", _g(mn, "isolation_mode"))
        p["managedNetwork"] = m
    props["properties"] = p
    parent = _parent(body.get(parent_attr)) if parent_attr else None
    return Mapped(cat.ML_WORKSPACE, _name(body), props, parent)


def _ml_compute(body: dict, compute_type: str) -> Mapped:
    props: dict[str, Any] = {}
    _common(body, props)
    _put(props, "identity", identity(body))
    p: dict[str, Any] = {"computeType": compute_type}
    _put(p, "disableLocalAuth", _not(_g(body, "local_auth_enabled")))
    _put(p, "description", _g(body, "description"))
    inner: dict[str, Any] = {}
    _put(inner, "vmSize", _g(body, "vm_size"))
    _put(inner, "vmPriority", _g(body, "vm_priority"))
    sub = _g(body, "subnet_resource_id")
    if sub is not _ABSENT:
        inner["subnet"] = {"id": sub}
    _put(inner, "enableNodePublicIp", _b(_g(body, "node_public_ip_enabled")))
    _put(inner, "remoteLoginPortPublicAccess", _enabled(_g(body, "ssh_public_access_enabled")))
    sc = _blk(body, "scale_settings")
    if isinstance(sc, Unknown):
        inner["scaleSettings"] = sc
    elif sc is not _ABSENT:
        s: dict[str, Any] = {}
        _put(s, "minNodeCount", _g(sc, "min_node_count"))
        _put(s, "maxNodeCount", _g(sc, "max_node_count"))
        _put(s, "nodeIdleTimeBeforeScaleDown", _g(sc, "scale_down_nodes_after_idle_duration"))
        inner["scaleSettings"] = s
    ssh = _blk(body, "ssh")
    if isinstance(ssh, dict):
        inner["sshSettings"] = {k2: v for k2, v in (("adminUserName", _g(ssh, "admin_username")),
                                                    ("adminPublicKey", _g(ssh, "key_value"))) if v is not _ABSENT}
    user = _blk(body, "assign_to_user")
    if isinstance(user, dict):
        inner["personalComputeInstanceSettings"] = {
            "assignedUser": {k2: v for k2, v in (("objectId", _g(user, "object_id")),
                                                 ("tenantId", _g(user, "tenant_id"))) if v is not _ABSENT}
        }
    _put(inner, "computeInstanceAuthorizationType", _g(body, "authorization_type"))
    p["properties"] = inner
    props["properties"] = p
    return Mapped(cat.ML_COMPUTE, _name(body), props, _parent(body.get("machine_learning_workspace_id")))


def _ml_child(arm_type: str, parent_attr: str) -> Callable[[dict], Mapped]:
    def f(body: dict) -> Mapped:
        props: dict[str, Any] = {}
        _common(body, props)
        props["properties"] = {}
        return Mapped(arm_type, _name(body), props, _parent(body.get(parent_attr)))

    return f


def _databricks(body: dict) -> Mapped:
    props: dict[str, Any] = {}
    _common(body, props)
    sku = _g(body, "sku")
    if sku is not _ABSENT:
        props["sku"] = {"name": sku}
    p: dict[str, Any] = {}
    _put(p, "publicNetworkAccess", _enabled(_g(body, "public_network_access_enabled")))
    _put(p, "requiredNsgRules", _g(body, "network_security_group_rules_required"))
    _put(p, "managedResourceGroupId", _g(body, "managed_resource_group_name"))
    params: dict[str, Any] = {}
    cp = _blk(body, "custom_parameters")
    nopip = _b(_g(body, "no_public_ip"))
    if isinstance(cp, dict):
        if nopip is _ABSENT:
            nopip = _b(_g(cp, "no_public_ip"))
        for src, dst in (
            ("virtual_network_id", "customVirtualNetworkId"),
            ("public_subnet_name", "customPublicSubnetName"),
            ("private_subnet_name", "customPrivateSubnetName"),
            ("storage_account_name", "storageAccountName"),
        ):
            v = _g(cp, src)
            if v is not _ABSENT:
                params[dst] = {"value": v}
    elif isinstance(cp, Unknown):
        params["custom"] = cp
    if nopip is _ABSENT:
        # azurerm's default changed between provider versions (false in 3.x, true in 4.x)
        nopip = U("no_public_ip not set: azurerm default depends on provider version")
    params["enableNoPublicIp"] = {"value": nopip}
    cmk = _b(_g(body, "customer_managed_key_enabled"))
    if cmk is not _ABSENT:
        params["prepareEncryption"] = {"value": cmk}
    inf = _b(_g(body, "infrastructure_encryption_enabled"))
    if inf is not _ABSENT:
        params["requireInfrastructureEncryption"] = {"value": inf}
    p["parameters"] = params
    props["properties"] = p
    return Mapped(cat.DATABRICKS_WORKSPACE, _name(body), props)


def _storage_account(body: dict) -> Mapped:
    props: dict[str, Any] = {}
    _common(body, props)
    kind = _g(body, "account_kind")
    props["kind"] = "StorageV2" if kind is _ABSENT else kind  # azurerm default
    tier, repl = _g(body, "account_tier"), _g(body, "account_replication_type")
    if tier is not _ABSENT and repl is not _ABSENT:
        props["sku"] = {"name": tier if isinstance(tier, Unknown) else repl if isinstance(repl, Unknown)
                        else f"{tier}_{repl}"}
    _put(props, "identity", identity(body))
    p: dict[str, Any] = {}
    _put(p, "publicNetworkAccess", _enabled(_g(body, "public_network_access_enabled")))
    nested_public = _g(body, "allow_nested_items_to_be_public")
    # azurerm defaults to true, the opposite of ARM's default for new accounts: write it explicitly
    p["allowBlobPublicAccess"] = True if nested_public is _ABSENT else _b(nested_public)
    _put(p, "allowSharedKeyAccess", _b(_g(body, "shared_access_key_enabled")))
    tls = _g(body, "min_tls_version")
    p["minimumTlsVersion"] = "TLS1_2" if tls is _ABSENT else tls  # azurerm default TLS1_2 (ARM: TLS1_0)
    _put(p, "supportsHttpsTrafficOnly", _b(_g2(body, "https_traffic_only_enabled", "enable_https_traffic_only")))
    _put(p, "isHnsEnabled", _b(_g(body, "is_hns_enabled")))
    _put(p, "defaultToOAuthAuthentication", _b(_g(body, "default_to_oauth_authentication")))
    nr = _blk(body, "network_rules")
    if isinstance(nr, Unknown):
        p["networkAcls"] = nr
    elif nr is not _ABSENT:
        na: dict[str, Any] = {}
        _put(na, "defaultAction", _g(nr, "default_action"))
        _put(na, "bypass", _conv(_g(nr, "bypass"), lambda x: ", ".join(x) if isinstance(x, list) else x))
        _put(na, "ipRules", _ip_rules(_g(nr, "ip_rules"), extra={"action": "Allow"}))
        _put(na, "virtualNetworkRules", _conv(_g(nr, "virtual_network_subnet_ids"),
                                              lambda x: [{"id": i, "action": "Allow"} for i in x]))
        p["networkAcls"] = na
    enc: dict[str, Any] = {}
    _put(enc, "requireInfrastructureEncryption", _b(_g(body, "infrastructure_encryption_enabled")))
    cmk = _blk(body, "customer_managed_key")
    if isinstance(cmk, Unknown):
        enc["keySource"] = cmk
    elif cmk is not _ABSENT:
        enc["keySource"] = "Microsoft.Keyvault"
        kid = _g2(cmk, "key_vault_key_id", "managed_hsm_key_id")
        kv = split_key_url(kid) if isinstance(kid, str) else {"keyName": kid if kid is not _ABSENT else U("key")}
        enc["keyvaultproperties"] = {("keyname" if k == "keyName" else "keyvaulturi" if k == "keyVaultUri"
                                      else "keyversion" if k == "keyVersion" else k): v for k, v in kv.items()}
        uai = _g(cmk, "user_assigned_identity_id")
        if uai is not _ABSENT:
            enc["identity"] = {"userAssignedIdentity": uai}
    if enc:
        p["encryption"] = enc
    props["properties"] = p
    return Mapped(cat.STORAGE_ACCOUNT, _name(body), props)


_CONTAINER_ACCESS = {"private": "None", "blob": "Blob", "container": "Container"}


def _storage_container(body: dict) -> Mapped:
    p: dict[str, Any] = {}
    _put(p, "publicAccess", _conv(_g(body, "container_access_type"), lambda x: _CONTAINER_ACCESS[x]))
    _put(p, "metadata", _g(body, "metadata"))
    props: dict[str, Any] = {"properties": p}
    parent = _parent(body.get("storage_account_id"))
    if parent is None and isinstance(body.get("storage_account_name"), str):
        props["__account_name"] = body["storage_account_name"]  # resolved to a parent by the source
    return Mapped(cat.STORAGE_CONTAINER, _name(body), props, parent)


def _key_vault(body: dict) -> Mapped:
    props: dict[str, Any] = {}
    _common(body, props)
    p: dict[str, Any] = {}
    sku = _g(body, "sku_name")
    if sku is not _ABSENT:
        p["sku"] = {"family": "A", "name": sku}
    _put(p, "tenantId", _g(body, "tenant_id"))
    _put(p, "enablePurgeProtection", _b(_g(body, "purge_protection_enabled")))
    _put(p, "softDeleteRetentionInDays", _g(body, "soft_delete_retention_days"))
    _put(p, "enableRbacAuthorization", _b(_g2(body, "rbac_authorization_enabled", "enable_rbac_authorization")))
    _put(p, "publicNetworkAccess", _enabled(_g(body, "public_network_access_enabled")))
    _put(p, "enabledForDiskEncryption", _b(_g(body, "enabled_for_disk_encryption")))
    acl = _blk(body, "network_acls")
    if isinstance(acl, Unknown):
        p["networkAcls"] = acl
    elif acl is not _ABSENT:
        na: dict[str, Any] = {}
        _put(na, "defaultAction", _g(acl, "default_action"))
        _put(na, "bypass", _g(acl, "bypass"))
        _put(na, "ipRules", _ip_rules(_g(acl, "ip_rules")))
        _put(na, "virtualNetworkRules", _conv(_g(acl, "virtual_network_subnet_ids"), lambda x: [{"id": i} for i in x]))
        p["networkAcls"] = na
    aps = _blocks(body, "access_policy")
    if isinstance(aps, list) and aps:
        p["accessPolicies"] = [
            {k2: v for k2, v in (("tenantId", _g(a, "tenant_id")), ("objectId", _g(a, "object_id")),
                                 ("permissions", {"keys": a.get("key_permissions") or [],
                                                  "secrets": a.get("secret_permissions") or [],
                                                  "certificates": a.get("certificate_permissions") or []}))
             if v is not _ABSENT}
            for a in aps
        ]
    props["properties"] = p
    return Mapped(cat.KEY_VAULT, _name(body), props)


def _key_vault_key(body: dict) -> Mapped:
    p: dict[str, Any] = {}
    _put(p, "kty", _g(body, "key_type"))
    _put(p, "keySize", _g(body, "key_size"))
    _put(p, "keyOps", _g(body, "key_opts"))
    _put(p, "curveName", _g(body, "curve"))
    attrs: dict[str, Any] = {}
    _put(attrs, "exp", _g(body, "expiration_date"))
    _put(attrs, "nbf", _g(body, "not_before_date"))
    if attrs:
        p["attributes"] = attrs
    rp = _blk(body, "rotation_policy")
    if isinstance(rp, Unknown):
        p["rotationPolicy"] = rp
    elif rp is not _ABSENT:
        r: dict[str, Any] = {}
        _put(r, "expiryTime", _g(rp, "expire_after"))
        ar = _blk(rp, "automatic")
        if isinstance(ar, dict):
            r["lifetimeActions"] = [{"action": {"type": "rotate"}, "trigger": {
                k2: v for k2, v in (("timeAfterCreate", _g(ar, "time_after_creation")),
                                    ("timeBeforeExpiry", _g(ar, "time_before_expiry"))) if v is not _ABSENT}}]
        p["rotationPolicy"] = r
    return Mapped(cat.KEY_VAULT_KEY, _name(body), {"properties": p}, _parent(body.get("key_vault_id")))


def _key_vault_secret(body: dict) -> Mapped:
    p: dict[str, Any] = {}
    _put(p, "contentType", _g(body, "content_type"))
    exp = _g(body, "expiration_date")
    if exp is not _ABSENT:
        p["attributes"] = {"exp": exp}
    # the secret value itself is never kept; a key of a declared resource is (as its Unknown)
    value = _g(body, "value")
    if value is _ABSENT:
        value = _g(body, "value_wo")
    if value is not _ABSENT:
        holder = key_of(value)
        if holder is not None:
            p["value"] = value
            p["holdsKeyOf"] = holder
        else:  # a literal (or any other unresolved value) is never kept
            p["value"] = U("secret value")
    return Mapped(cat.KEY_VAULT_SECRET, _name(body), {"properties": p}, _parent(body.get("key_vault_id")))


def _private_endpoint(body: dict) -> Mapped:
    props: dict[str, Any] = {}
    _common(body, props)
    p: dict[str, Any] = {}
    sub = _g(body, "subnet_id")
    if sub is not _ABSENT:
        p["subnet"] = {"id": sub}
    _put(p, "customNetworkInterfaceName", _g(body, "custom_network_interface_name"))
    auto: list = []
    manual: list = []
    psc = _blocks(body, "private_service_connection")
    if isinstance(psc, Unknown):
        p["privateLinkServiceConnections"] = psc
    else:
        for c in psc:
            inner: dict[str, Any] = {}
            _put(inner, "privateLinkServiceId",
                 _g2(c, "private_connection_resource_id", "private_connection_resource_alias"))
            _put(inner, "groupIds", _g(c, "subresource_names"))
            _put(inner, "requestMessage", _g(c, "request_message"))
            entry = {"name": _name(c), "properties": inner}
            man = _g(c, "is_manual_connection")
            if isinstance(man, Unknown):
                entry["properties"]["manual"] = man
                auto.append(entry)
            elif man is True:
                manual.append(entry)
            else:
                auto.append(entry)
        if auto:
            p["privateLinkServiceConnections"] = auto
        if manual:
            p["manualPrivateLinkServiceConnections"] = manual
    props["properties"] = p
    return Mapped(cat.PRIVATE_ENDPOINT, _name(body), props)


def _diagnostic(body: dict) -> Mapped:
    props: dict[str, Any] = {}
    props["scope"] = _g(body, "target_resource_id") if _g(body, "target_resource_id") is not _ABSENT else U(
        "target_resource_id not set")
    p: dict[str, Any] = {}
    _put(p, "workspaceId", _g(body, "log_analytics_workspace_id"))
    _put(p, "storageAccountId", _g(body, "storage_account_id"))
    _put(p, "eventHubAuthorizationRuleId", _g(body, "eventhub_authorization_rule_id"))
    _put(p, "eventHubName", _g(body, "eventhub_name"))
    _put(p, "logAnalyticsDestinationType", _g(body, "log_analytics_destination_type"))
    logs: Any = []
    for bname, legacy in (("enabled_log", False), ("log", True)):
        bl = _blocks(body, bname)
        if isinstance(bl, Unknown):
            logs = bl
            break
        for b in bl:
            e: dict[str, Any] = {}
            _put(e, "category", _g(b, "category"))
            _put(e, "categoryGroup", _g(b, "category_group"))
            en = _g(b, "enabled") if legacy else True
            e["enabled"] = True if en is _ABSENT else _b(en)
            logs.append(e)
    if logs or isinstance(logs, Unknown):
        p["logs"] = logs
    metrics: Any = []
    for bname, legacy in (("enabled_metric", False), ("metric", True)):
        bl = _blocks(body, bname)
        if isinstance(bl, Unknown):
            metrics = bl
            break
        for b in bl:
            e = {}
            _put(e, "category", _g(b, "category"))
            en = _g(b, "enabled") if legacy else True
            e["enabled"] = True if en is _ABSENT else _b(en)
            metrics.append(e)
    if metrics or isinstance(metrics, Unknown):
        p["metrics"] = metrics
    props["properties"] = p
    return Mapped(cat.DIAGNOSTIC_SETTING, _name(body), props)


def _role_assignment(body: dict) -> Mapped:
    props: dict[str, Any] = {}
    scope = _g(body, "scope")
    props["scope"] = U("scope not set") if scope is _ABSENT else scope
    p: dict[str, Any] = {}
    _put(p, "roleDefinitionId", _g(body, "role_definition_id"))
    _put(p, "roleDefinitionName", _g(body, "role_definition_name"))
    pid = _g(body, "principal_id")
    p["principalId"] = U("principal_id not set") if pid is _ABSENT else pid
    _put(p, "principalType", _g(body, "principal_type"))
    _put(p, "condition", _g(body, "condition"))
    _put(p, "conditionVersion", _g(body, "condition_version"))
    _put(p, "description", _g(body, "description"))
    props["properties"] = p
    name = _g(body, "name")
    return Mapped(cat.ROLE_ASSIGNMENT, U("role assignment name is generated") if name is _ABSENT else name, props)


def _uai(body: dict) -> Mapped:
    props: dict[str, Any] = {}
    _common(body, props)
    props["properties"] = {}
    return Mapped(cat.USER_ASSIGNED_IDENTITY, _name(body), props)


def _app_insights(body: dict) -> Mapped:
    props: dict[str, Any] = {}
    _common(body, props)
    props["kind"] = _g(body, "application_type") if _g(body, "application_type") is not _ABSENT else U("kind")
    p: dict[str, Any] = {}
    _put(p, "Application_Type", _g(body, "application_type"))
    _put(p, "WorkspaceResourceId", _g(body, "workspace_id"))
    _put(p, "DisableLocalAuth", _b(_g(body, "local_authentication_disabled")))
    _put(p, "RetentionInDays", _g(body, "retention_in_days"))
    _put(p, "publicNetworkAccessForIngestion", _enabled(_g(body, "internet_ingestion_enabled")))
    _put(p, "publicNetworkAccessForQuery", _enabled(_g(body, "internet_query_enabled")))
    props["properties"] = p
    return Mapped(cat.APP_INSIGHTS, _name(body), props)


def _log_analytics(body: dict) -> Mapped:
    props: dict[str, Any] = {}
    _common(body, props)
    _put(props, "identity", identity(body))
    p: dict[str, Any] = {}
    sku = _g(body, "sku")
    if sku is not _ABSENT:
        p["sku"] = {"name": sku}
    _put(p, "retentionInDays", _g(body, "retention_in_days"))
    _put(p, "publicNetworkAccessForIngestion", _enabled(_g(body, "internet_ingestion_enabled")))
    _put(p, "publicNetworkAccessForQuery", _enabled(_g(body, "internet_query_enabled")))
    dla = _not(_g(body, "local_authentication_enabled"))
    if dla is _ABSENT:
        dla = _b(_g(body, "local_authentication_disabled"))
    if dla is not _ABSENT:
        p["features"] = {"disableLocalAuth": dla}
    props["properties"] = p
    return Mapped(cat.LOG_ANALYTICS, _name(body), props)


# ---------------------------------------------------------------------------
# compute and network: where attack paths start


def key_of(value: Any) -> str | None:
    """The holder named by `Unknown("key of <uid>")` (a `listKeys()` / `primary_access_key`), else None."""
    if isinstance(value, Unknown) and value.reason.startswith("key of "):
        return value.reason[len("key of "):]
    return None


def _setting(name: Any, value: Any) -> dict:
    """One `{name, value}` app setting / environment variable. A literal secret value
    (by its name or by a secret detector) is replaced by `Unknown(LITERAL_SECRET)` and
    flagged `hasLiteralSecret: true`; keys of declared resources stay as their Unknown."""
    if cat.literal_secret(name, value):
        return {"name": name, "value": U(LITERAL_SECRET), "hasLiteralSecret": True}
    return {"name": name, "value": value}


def _ip_restrictions(blocks: Any, subnet_key: str = "vnetSubnetResourceId") -> Any:
    """azurerm `ip_restriction` / `scm_ip_restriction` blocks → ARM ipSecurityRestrictions."""
    if isinstance(blocks, Unknown):
        return blocks
    out = []
    for r in blocks:
        if not isinstance(r, dict):
            out.append(U("dynamic ip_restriction"))
            continue
        e: dict[str, Any] = {}
        _put(e, "name", _g(r, "name"))
        tag = _g(r, "service_tag")
        if tag is not _ABSENT:
            e["ipAddress"] = tag
            e["tag"] = "ServiceTag"
        else:
            _put(e, "ipAddress", _g(r, "ip_address"))
        sub = _g(r, "virtual_network_subnet_id")
        if sub is not _ABSENT:
            e[subnet_key] = sub
        act = _g(r, "action")
        e["action"] = "Allow" if act is _ABSENT else act  # azurerm default: Allow
        _put(e, "priority", _g(r, "priority"))
        _put(e, "description", _g(r, "description"))
        hdr = _blk(r, "headers")
        if isinstance(hdr, dict) and hdr:
            e["headers"] = {k2: v for k2, v in hdr.items() if v not in (None, [])}
        out.append(e)
    return out


def _auth_v2(body: dict) -> Any:
    """`auth_settings_v2` (or legacy `auth_settings`) → the authsettingsV2 resource's
    properties (`platform.enabled`, `globalValidation.requireAuthentication`,
    `globalValidation.unauthenticatedClientAction`).

    ARM keeps Easy Auth in a child resource (`Microsoft.Web/sites/config` named
    `authsettingsV2`); Terraform declares it inline, so we fold it into the site's
    `properties.siteConfig.authSettingsV2` (not an ARM siteConfig property: the
    facts layer reads it there, and reads ARM/Bicep config children in the linker)."""
    v2 = _blk(body, "auth_settings_v2")
    if isinstance(v2, Unknown):
        return v2
    if isinstance(v2, dict):
        gv: dict[str, Any] = {}
        req = _b(_g(v2, "require_authentication"))
        gv["requireAuthentication"] = False if req is _ABSENT else req  # azurerm default: false
        act = _g(v2, "unauthenticated_action")
        gv["unauthenticatedClientAction"] = "RedirectToLoginPage" if act is _ABSENT else act  # azurerm default
        en = _b(_g(v2, "auth_enabled"))
        return {"platform": {"enabled": False if en is _ABSENT else en}, "globalValidation": gv}
    v1 = _blk(body, "auth_settings")
    if isinstance(v1, Unknown):
        return v1
    if isinstance(v1, dict):
        en = _b(_g(v1, "enabled"))
        act = _g(v1, "unauthenticated_client_action")
        act = "RedirectToLoginPage" if act is _ABSENT else act  # Azure default for legacy auth settings
        # legacy auth settings: enabled + any action but AllowAnonymous requires a login
        req = _conv(act, lambda x: str(x).lower() != "allowanonymous")
        return {"platform": {"enabled": False if en is _ABSENT else en},
                "globalValidation": {"requireAuthentication": req, "unauthenticatedClientAction": act},
                "legacy": True}
    return _ABSENT


def _web_app(kind: str) -> Callable[[dict], Mapped]:
    def f(body: dict) -> Mapped:
        props: dict[str, Any] = {"kind": kind}
        _common(body, props)
        _put(props, "identity", identity(body))
        p: dict[str, Any] = {}
        _put(p, "publicNetworkAccess", _enabled(_g(body, "public_network_access_enabled")))
        _put(p, "httpsOnly", _b(_g(body, "https_only")))
        _put(p, "virtualNetworkSubnetId", _g(body, "virtual_network_subnet_id"))
        _put(p, "serverFarmId", _g(body, "service_plan_id"))
        _put(p, "clientCertEnabled", _b(_g(body, "client_certificate_enabled")))
        _put(p, "enabled", _b(_g(body, "enabled")))
        sc: dict[str, Any] = {}
        cfg = _blk(body, "site_config")
        if isinstance(cfg, Unknown):
            sc["ipSecurityRestrictions"] = cfg
        elif isinstance(cfg, dict):
            _put(sc, "minTlsVersion", _g(cfg, "minimum_tls_version"))
            _put(sc, "ftpsState", _g(cfg, "ftps_state"))
            _put(sc, "http20Enabled", _b(_g(cfg, "http2_enabled")))
            _put(sc, "remoteDebuggingEnabled", _b(_g(cfg, "remote_debugging_enabled")))
            _put(sc, "vnetRouteAllEnabled", _b(_g(cfg, "vnet_route_all_enabled")))
            rules = _blocks(cfg, "ip_restriction")
            if isinstance(rules, Unknown) or rules:
                sc["ipSecurityRestrictions"] = _ip_restrictions(rules)
            # azurerm >= 3.95 defaults the default action to Allow, also when allow rules are set
            # (hashicorp/terraform-provider-azurerm#25244); ARM's own default is Deny once a rule exists
            da = _g(cfg, "ip_restriction_default_action")
            sc["ipSecurityRestrictionsDefaultAction"] = "Allow" if da is _ABSENT else da  # azurerm default
            scm = _blocks(cfg, "scm_ip_restriction")
            if isinstance(scm, Unknown) or scm:
                sc["scmIpSecurityRestrictions"] = _ip_restrictions(scm)
            sda = _g(cfg, "scm_ip_restriction_default_action")
            sc["scmIpSecurityRestrictionsDefaultAction"] = "Allow" if sda is _ABSENT else sda  # azurerm default
            _put(sc, "scmIpSecurityRestrictionsUseMain", _b(_g(cfg, "scm_use_main_ip_restriction")))
        settings = _g(body, "app_settings")
        if isinstance(settings, Unknown):
            sc["appSettings"] = settings
        elif isinstance(settings, dict):
            sc["appSettings"] = [_setting(k2, v) for k2, v in settings.items()]
        conns = _blocks(body, "connection_string")
        if isinstance(conns, list) and conns:
            sc["connectionStrings"] = [
                {"name": _g(c, "name"), "type": _g(c, "type") if _g(c, "type") is not _ABSENT else None,
                 **{k2: v for k2, v in _setting("connectionString", _g(c, "value")).items() if k2 != "name"}}
                for c in conns if isinstance(c, dict)
            ]
        auth = _auth_v2(body)
        if auth is not _ABSENT:
            sc["authSettingsV2"] = auth
        if sc:
            p["siteConfig"] = sc
        props["properties"] = p
        return Mapped(cat.WEB_SITE, _name(body), props)

    return f


def _container_secret(s: Any) -> Any:
    if not isinstance(s, dict):
        return U("dynamic secret block")
    e: dict[str, Any] = {"name": _name(s)}
    kv = _g(s, "key_vault_secret_id")
    if kv is not _ABSENT:
        e["keyVaultUrl"] = kv
        _put(e, "identity", _g(s, "identity"))
        return e
    value = _g(s, "value")
    if value is _ABSENT:
        return e
    if key_of(value) is not None:
        e["value"] = value
    elif isinstance(value, Unknown):
        e["value"] = U("secret value")
    else:  # a container app secret is a secret whatever its name
        e["value"] = U(LITERAL_SECRET)
        e["hasLiteralSecret"] = True
    return e


def _container_app(body: dict) -> Mapped:
    props: dict[str, Any] = {}
    _common(body, props)
    _put(props, "identity", identity(body))
    p: dict[str, Any] = {}
    _put(p, "managedEnvironmentId", _g(body, "container_app_environment_id"))
    _put(p, "workloadProfileName", _g(body, "workload_profile_name"))
    conf: dict[str, Any] = {}
    _put(conf, "activeRevisionsMode", _g(body, "revision_mode"))
    ing = _blk(body, "ingress")
    if isinstance(ing, Unknown):
        conf["ingress"] = ing
    elif ing is not _ABSENT:
        i: dict[str, Any] = {}
        ext = _b(_g(ing, "external_enabled"))
        i["external"] = False if ext is _ABSENT else ext  # azurerm default: false
        _put(i, "targetPort", _g(ing, "target_port"))
        _put(i, "exposedPort", _g(ing, "exposed_port"))
        _put(i, "allowInsecure", _b(_g(ing, "allow_insecure_connections")))
        _put(i, "transport", _g(ing, "transport"))
        rules = _blocks(ing, "ip_security_restriction")
        if isinstance(rules, Unknown):
            i["ipSecurityRestrictions"] = rules
        elif rules:
            i["ipSecurityRestrictions"] = [
                {k2: v for k2, v in (("name", _g(r, "name")), ("ipAddressRange", _g(r, "ip_address_range")),
                                     ("action", _g(r, "action")), ("description", _g(r, "description")))
                 if v is not _ABSENT} if isinstance(r, dict) else U("dynamic ip_security_restriction")
                for r in rules
            ]
        conf["ingress"] = i
    secrets = _blocks(body, "secret")
    if isinstance(secrets, Unknown):
        conf["secrets"] = secrets
    elif secrets:
        conf["secrets"] = [_container_secret(s) for s in secrets]
    regs = _blocks(body, "registry")
    if isinstance(regs, list) and regs:
        conf["registries"] = [
            {k2: v for k2, v in (("server", _g(r, "server")), ("identity", _g(r, "identity")),
                                 ("username", _g(r, "username")), ("passwordSecretRef", _g(r, "password_secret_name")))
             if v is not _ABSENT} for r in regs if isinstance(r, dict)
        ]
    if conf:
        p["configuration"] = conf
    tpl = _blk(body, "template")
    if isinstance(tpl, Unknown):
        p["template"] = tpl
    elif isinstance(tpl, dict):
        t: dict[str, Any] = {}
        cs = _blocks(tpl, "container")
        if isinstance(cs, Unknown):
            t["containers"] = cs
        else:
            containers = []
            for c in cs:
                if not isinstance(c, dict):
                    containers.append(U("dynamic container block"))
                    continue
                cc: dict[str, Any] = {}
                _put(cc, "name", _g(c, "name"))
                _put(cc, "image", _g(c, "image"))
                env = _blocks(c, "env")
                if isinstance(env, Unknown):
                    cc["env"] = env
                elif env:
                    out = []
                    for e in env:
                        if not isinstance(e, dict):
                            out.append(U("dynamic env block"))
                            continue
                        ref = _g(e, "secret_name")
                        if ref is not _ABSENT:
                            out.append({"name": _g(e, "name"), "secretRef": ref})
                        else:
                            out.append(_setting(_g(e, "name"), _g(e, "value") if _g(e, "value") is not _ABSENT
                                                else None))
                    cc["env"] = out
                containers.append(cc)
            t["containers"] = containers
        _put(t, "scale", {k2: v for k2, v in (("minReplicas", _g(tpl, "min_replicas")),
                                              ("maxReplicas", _g(tpl, "max_replicas"))) if v is not _ABSENT} or _ABSENT)
        p["template"] = t
    props["properties"] = p
    return Mapped(cat.CONTAINER_APP, _name(body), props)


def _container_app_env(body: dict) -> Mapped:
    props: dict[str, Any] = {}
    _common(body, props)
    _put(props, "identity", identity(body))
    p: dict[str, Any] = {}
    vnet: dict[str, Any] = {}
    _put(vnet, "infrastructureSubnetId", _g(body, "infrastructure_subnet_id"))
    internal = _b(_g(body, "internal_load_balancer_enabled"))
    _put(vnet, "internal", internal)  # absent: ARM default false (external)
    if vnet:
        p["vnetConfiguration"] = vnet
    _put(p, "publicNetworkAccess", _g(body, "public_network_access"))
    _put(p, "zoneRedundant", _b(_g(body, "zone_redundancy_enabled")))
    law = _g(body, "log_analytics_workspace_id")
    if law is not _ABSENT:
        p["appLogsConfiguration"] = {"destination": "log-analytics", "logAnalyticsConfiguration": {"customerId": law}}
    props["properties"] = p
    return Mapped(cat.CONTAINER_APP_ENV, _name(body), props)


def _vm(body: dict) -> Mapped:
    """azurerm_linux_virtual_machine / windows / legacy azurerm_virtual_machine."""
    props: dict[str, Any] = {}
    _common(body, props)
    _put(props, "identity", identity(body))
    p: dict[str, Any] = {}
    size = _g2(body, "size", "vm_size")
    if size is not _ABSENT:
        p["hardwareProfile"] = {"vmSize": size}
    nics = _g(body, "network_interface_ids")
    primary = _g(body, "primary_network_interface_id")
    if isinstance(nics, Unknown):
        p["networkProfile"] = {"networkInterfaces": nics}
    elif isinstance(nics, list):
        p["networkProfile"] = {"networkInterfaces": [
            {"id": n, **({"properties": {"primary": True}} if n == primary or (primary is _ABSENT and i == 0) else {})}
            for i, n in enumerate(nics)
        ]}
    osp: dict[str, Any] = {}
    _put(osp, "computerName", _g(body, "computer_name"))
    legacy_os = _blk(body, "os_profile")
    _put(osp, "adminUsername", _g(body, "admin_username") if _g(body, "admin_username") is not _ABSENT
         else (_g(legacy_os, "admin_username") if isinstance(legacy_os, dict) else _ABSENT))
    pw = _g(body, "admin_password")
    if pw is _ABSENT and isinstance(legacy_os, dict):
        pw = _g(legacy_os, "admin_password")
    if pw is not _ABSENT:  # never kept
        osp["adminPassword"] = U("secret value") if isinstance(pw, Unknown) else U(LITERAL_SECRET)
        if not isinstance(pw, Unknown):
            osp["hasLiteralSecret"] = True
    dpa = _b(_g(body, "disable_password_authentication"))
    legacy_linux = _blk(body, "os_profile_linux_config")
    if dpa is _ABSENT and isinstance(legacy_linux, dict):
        dpa = _b(_g(legacy_linux, "disable_password_authentication"))
    if dpa is not _ABSENT:
        osp["linuxConfiguration"] = {"disablePasswordAuthentication": dpa}
    if osp:
        p["osProfile"] = osp
    props["properties"] = p
    return Mapped(cat.VIRTUAL_MACHINE, _name(body), props)


def _vmss(body: dict) -> Mapped:
    props: dict[str, Any] = {}
    _common(body, props)
    _put(props, "identity", identity(body))
    sku = _g(body, "sku")
    if sku is not _ABSENT:
        props["sku"] = {"name": sku, **({"capacity": _g(body, "instances")} if _g(body, "instances") is not _ABSENT
                                        else {})}
    nics = _blocks(body, "network_interface")
    confs: Any
    if isinstance(nics, Unknown):
        confs = nics
    else:
        confs = []
        for n in nics:
            if not isinstance(n, dict):
                confs.append(U("dynamic network_interface"))
                continue
            np: dict[str, Any] = {}
            _put(np, "primary", _b(_g(n, "primary")))
            nsg = _g(n, "network_security_group_id")
            if nsg is not _ABSENT:
                np["networkSecurityGroup"] = {"id": nsg}
            np["ipConfigurations"] = _ip_configurations(n, _vmss_ip_configuration)
            confs.append({"name": _name(n), "properties": np})
    p: dict[str, Any] = {"virtualMachineProfile": {"networkProfile": {"networkInterfaceConfigurations": confs}}}
    props["properties"] = p
    return Mapped(cat.VM_SCALE_SET, _name(body), props)


def _ip_configurations(body: dict, one: Callable[[dict], dict[str, Any]]) -> Any:
    """`ip_configuration` blocks → ARM `ipConfigurations` (each block's properties made by `one`);
    a `dynamic` block the evaluator could not expand stays unknown."""
    ipcs = _blocks(body, "ip_configuration")
    if isinstance(ipcs, Unknown):
        return ipcs
    return [{"name": _name(ic), "properties": one(ic)} if isinstance(ic, dict) else U("dynamic ip_configuration")
            for ic in ipcs]


def _subnet_of(ic: dict) -> dict[str, Any]:
    sub = _g(ic, "subnet_id")
    return {} if sub is _ABSENT else {"subnet": {"id": sub}}


def _vmss_ip_configuration(ic: dict) -> dict[str, Any]:
    ip = _subnet_of(ic)
    pub = _blk(ic, "public_ip_address")
    if isinstance(pub, Unknown):
        ip["publicIPAddressConfiguration"] = pub
    elif isinstance(pub, dict):
        ip["publicIPAddressConfiguration"] = {"name": _name(pub)}
        sku_name = _g(pub, "sku_name")  # Basic_Regional / Standard_Regional
        if sku_name is not _ABSENT:
            ip["publicIPAddressConfiguration"]["sku"] = {"name": _conv(sku_name, lambda x: str(x).split("_")[0])}
    for src, dst in (("load_balancer_backend_address_pool_ids", "loadBalancerBackendAddressPools"),
                     ("application_gateway_backend_address_pool_ids", "applicationGatewayBackendAddressPools")):
        ids = _g(ic, src)
        if isinstance(ids, list) and ids:
            ip[dst] = [{"id": x} for x in ids]
        elif isinstance(ids, Unknown):
            ip[dst] = ids
    return ip


def _nic_ip_configuration(ic: dict) -> dict[str, Any]:
    ip = _subnet_of(ic)
    pub = _g(ic, "public_ip_address_id")
    if pub is not _ABSENT:
        ip["publicIPAddress"] = {"id": pub}
    _put(ip, "privateIPAllocationMethod", _g(ic, "private_ip_address_allocation"))
    _put(ip, "privateIPAddress", _g(ic, "private_ip_address"))
    _put(ip, "primary", _b(_g(ic, "primary")))
    return ip


def _nic(body: dict) -> Mapped:
    props: dict[str, Any] = {}
    _common(body, props)
    p: dict[str, Any] = {}
    p["ipConfigurations"] = _ip_configurations(body, _nic_ip_configuration)
    _put(p, "enableIPForwarding", _b(_g2(body, "ip_forwarding_enabled", "enable_ip_forwarding")))
    props["properties"] = p
    return Mapped(cat.NETWORK_INTERFACE, _name(body), props)


def _public_ip(body: dict) -> Mapped:
    props: dict[str, Any] = {}
    _common(body, props)
    sku = _g(body, "sku")
    # azurerm's default changed: Basic in 3.x, Standard in 4.x; it decides whether the address is
    # open without an NSG (Basic) or closed (Standard), so an unset sku stays unknown
    props["sku"] = {"name": U("sku not set: azurerm default depends on provider version (Basic in 3.x, "
                              "Standard in 4.x)") if sku is _ABSENT else sku}
    _put(props, "zones", _g(body, "zones"))
    p: dict[str, Any] = {}
    _put(p, "publicIPAllocationMethod", _g(body, "allocation_method"))
    _put(p, "publicIPAddressVersion", _g(body, "ip_version"))
    _put(p, "ipAddress", _g(body, "ip_address"))
    dns = _g(body, "domain_name_label")
    if dns is not _ABSENT:
        p["dnsSettings"] = {"domainNameLabel": dns}
    props["properties"] = p
    return Mapped(cat.PUBLIC_IP, _name(body), props)


_RULE_FIELDS = (
    ("protocol", "protocol"),
    ("access", "access"),
    ("priority", "priority"),
    ("direction", "direction"),
    ("description", "description"),
    ("source_port_range", "sourcePortRange"),
    ("source_port_ranges", "sourcePortRanges"),
    ("destination_port_range", "destinationPortRange"),
    ("destination_port_ranges", "destinationPortRanges"),
    ("source_address_prefix", "sourceAddressPrefix"),
    ("source_address_prefixes", "sourceAddressPrefixes"),
    ("destination_address_prefix", "destinationAddressPrefix"),
    ("destination_address_prefixes", "destinationAddressPrefixes"),
)


def _rule_props(r: dict) -> dict:
    out: dict[str, Any] = {}
    for src, dst in _RULE_FIELDS:
        v = _g(r, src)
        if v is _ABSENT or v == []:
            continue
        out[dst] = v
    asg = _g(r, "source_application_security_group_ids")
    if isinstance(asg, list) and asg:
        out["sourceApplicationSecurityGroups"] = [{"id": x} for x in asg]
    return out


def _nsg(body: dict) -> Mapped:
    props: dict[str, Any] = {}
    _common(body, props)
    p: dict[str, Any] = {}
    rules = _blocks(body, "security_rule")
    if isinstance(rules, Unknown):
        p["securityRules"] = rules
    else:
        p["securityRules"] = [
            {"name": _name(r), "properties": _rule_props(r)} if isinstance(r, dict) else U("dynamic security_rule")
            for r in rules
        ]
    props["properties"] = p
    return Mapped(cat.NSG, _name(body), props)


def _parent_name(props: dict, body: dict, attr: str) -> None:
    """Children that name their parent (`network_security_group_name`, `virtual_network_name`,
    `api_management_name`) keep that name under `__parentName`; `aispm.providers.azure.link.compute`
    resolves it to a parent uid and removes it."""
    v = _g(body, attr)
    if isinstance(v, str):
        props["__parentName"] = v


def _nsg_rule(body: dict) -> Mapped:
    props: dict[str, Any] = {"properties": _rule_props(body)}
    _parent_name(props, body, "network_security_group_name")
    return Mapped(cat.NSG_RULE, _name(body), props)


def _association(arm_type: str, target_attr: str, target_key: str) -> Callable[[dict], Mapped]:
    def f(body: dict) -> Mapped:
        p: dict[str, Any] = {}
        t = _g(body, target_attr)
        p[target_key] = {"id": U(f"{target_attr} not set") if t is _ABSENT else t}
        n = _g(body, "network_security_group_id")
        p["networkSecurityGroup"] = {"id": U("network_security_group_id not set") if n is _ABSENT else n}
        return Mapped(arm_type, U("an association has no name"), {"properties": p})

    return f


def _subnet_props(body: dict, nsg_attr: str | None = None) -> dict:
    p: dict[str, Any] = {}
    pref = _g2(body, "address_prefixes", "address_prefix")
    if isinstance(pref, str):
        pref = [pref]
    _put(p, "addressPrefixes", pref)
    se = _g(body, "service_endpoints")
    if isinstance(se, list) and se:
        p["serviceEndpoints"] = [{"service": x} for x in se]
    _put(p, "privateEndpointNetworkPolicies", _g(body, "private_endpoint_network_policies"))
    dl = _blocks(body, "delegation")
    if isinstance(dl, list) and dl:
        p["delegations"] = [{"name": _name(d), "properties": {"serviceName": _g(_blk(d, "service_delegation"), "name")
                                                             if isinstance(_blk(d, "service_delegation"), dict)
                                                             else U("service delegation")}}
                            for d in dl if isinstance(d, dict)]
    if nsg_attr:
        nsg = _g(body, nsg_attr)
        if nsg is not _ABSENT:
            p["networkSecurityGroup"] = {"id": nsg}
    return p


def _subnet(body: dict) -> Mapped:
    props: dict[str, Any] = {"properties": _subnet_props(body)}
    _parent_name(props, body, "virtual_network_name")
    return Mapped(cat.SUBNET, _name(body), props)


def _vnet(body: dict) -> Mapped:
    props: dict[str, Any] = {}
    _common(body, props)
    p: dict[str, Any] = {}
    space = _g(body, "address_space")
    if space is not _ABSENT:
        p["addressSpace"] = {"addressPrefixes": space}
    subs = _blocks(body, "subnet")
    if isinstance(subs, Unknown):
        p["subnets"] = subs
    elif subs:
        p["subnets"] = [{"name": _name(s), "properties": _subnet_props(s, "security_group")}
                        if isinstance(s, dict) else U("dynamic subnet") for s in subs]
    props["properties"] = p
    return Mapped(cat.VIRTUAL_NETWORK, _name(body), props)


def _aks(body: dict) -> Mapped:
    props: dict[str, Any] = {}
    _common(body, props)
    _put(props, "identity", identity(body))
    p: dict[str, Any] = {}
    _put(p, "dnsPrefix", _g(body, "dns_prefix"))
    _put(p, "kubernetesVersion", _g(body, "kubernetes_version"))
    api: dict[str, Any] = {}
    prof = _blk(body, "api_server_access_profile")
    ranges = _g(prof, "authorized_ip_ranges") if isinstance(prof, dict) else _ABSENT
    if ranges is _ABSENT:
        ranges = _g(body, "api_server_authorized_ip_ranges")  # azurerm 3.x
    _put(api, "authorizedIPRanges", ranges)
    if isinstance(prof, dict):
        _put(api, "subnetId", _g(prof, "subnet_id"))
        _put(api, "enableVnetIntegration", _b(_g(prof, "vnet_integration_enabled")))
    elif isinstance(prof, Unknown):
        api["authorizedIPRanges"] = prof
    _put(api, "enablePrivateCluster", _b(_g(body, "private_cluster_enabled")))
    _put(api, "enablePrivateClusterPublicFQDN", _b(_g(body, "private_cluster_public_fqdn_enabled")))
    _put(api, "privateDNSZone", _g(body, "private_dns_zone_id"))
    if api:
        p["apiServerAccessProfile"] = api
    _put(p, "disableLocalAccounts", _b(_g(body, "local_account_disabled")))
    _put(p, "enableRBAC", _b(_g(body, "role_based_access_control_enabled")))
    aad = _blk(body, "azure_active_directory_role_based_access_control")
    if isinstance(aad, Unknown):
        p["aadProfile"] = aad
    elif isinstance(aad, dict):
        a: dict[str, Any] = {"managed": True}
        _put(a, "enableAzureRBAC", _b(_g(aad, "azure_rbac_enabled")))
        _put(a, "adminGroupObjectIDs", _g(aad, "admin_group_object_ids"))
        _put(a, "tenantID", _g(aad, "tenant_id"))
        p["aadProfile"] = a
    kub = _blk(body, "kubelet_identity")
    if isinstance(kub, dict):
        k: dict[str, Any] = {}
        _put(k, "resourceId", _g(kub, "user_assigned_identity_id"))
        _put(k, "clientId", _g(kub, "client_id"))
        _put(k, "objectId", _g(kub, "object_id"))
        p["identityProfile"] = {"kubeletidentity": k}
    pool = _blk(body, "default_node_pool")
    if isinstance(pool, dict):
        ap: dict[str, Any] = {"mode": "System"}
        _put(ap, "name", _g(pool, "name"))
        _put(ap, "vmSize", _g(pool, "vm_size"))
        _put(ap, "vnetSubnetID", _g(pool, "vnet_subnet_id"))
        _put(ap, "enableNodePublicIP", _b(_g2(pool, "node_public_ip_enabled", "enable_node_public_ip")))
        p["agentPoolProfiles"] = [ap]
    net = _blk(body, "network_profile")
    if isinstance(net, dict):
        p["networkProfile"] = {k2: v for k2, v in (("networkPlugin", _g(net, "network_plugin")),
                                                   ("networkPolicy", _g(net, "network_policy")),
                                                   ("outboundType", _g(net, "outbound_type")),
                                                   ("loadBalancerSku", _g(net, "load_balancer_sku")))
                               if v is not _ABSENT}
    oidc = _b(_g(body, "oidc_issuer_enabled"))
    if oidc is not _ABSENT:
        p["oidcIssuerProfile"] = {"enabled": oidc}
    wi = _b(_g(body, "workload_identity_enabled"))
    if wi is not _ABSENT:
        p["securityProfile"] = {"workloadIdentity": {"enabled": wi}}
    props["properties"] = p
    return Mapped(cat.AKS_CLUSTER, _name(body), props)


def _apim(body: dict) -> Mapped:
    props: dict[str, Any] = {}
    _common(body, props)
    _put(props, "identity", identity(body))
    sku = _g(body, "sku_name")
    if isinstance(sku, str) and "_" in sku:
        n, _, c = sku.partition("_")
        props["sku"] = {"name": n, "capacity": int(c) if c.isdigit() else c}
    elif sku is not _ABSENT:
        props["sku"] = {"name": sku}
    p: dict[str, Any] = {}
    _put(p, "publisherName", _g(body, "publisher_name"))
    _put(p, "publisherEmail", _g(body, "publisher_email"))
    _put(p, "publicNetworkAccess", _enabled(_g(body, "public_network_access_enabled")))
    _put(p, "virtualNetworkType", _g(body, "virtual_network_type"))
    vnc = _blk(body, "virtual_network_configuration")
    if isinstance(vnc, dict):
        p["virtualNetworkConfiguration"] = {"subnetResourceId": _g(vnc, "subnet_id")}
    _put(p, "publicIpAddressId", _g(body, "public_ip_address_id"))
    props["properties"] = p
    return Mapped(cat.APIM_SERVICE, _name(body), props)


def _apim_api(body: dict) -> Mapped:
    p: dict[str, Any] = {}
    _put(p, "displayName", _g(body, "display_name"))
    _put(p, "path", _g(body, "path"))
    _put(p, "protocols", _g(body, "protocols"))
    _put(p, "serviceUrl", _g(body, "service_url"))
    _put(p, "apiRevision", _g(body, "revision"))
    _put(p, "apiType", _g(body, "api_type"))
    _put(p, "subscriptionRequired", _b(_g(body, "subscription_required")))  # absent: ARM/azurerm default true
    props: dict[str, Any] = {"properties": p}
    parent = _parent(body.get("api_management_id"))
    if parent is None:
        _parent_name(props, body, "api_management_name")
    return Mapped(cat.APIM_API, _name(body), props, parent)


COMPUTE_MAPPERS: dict[str, Callable[[dict], Mapped]] = {
    "azurerm_container_app_environment": _container_app_env,
    "azurerm_linux_virtual_machine": _vm,
    "azurerm_windows_virtual_machine": _vm,
    "azurerm_virtual_machine": _vm,
    "azurerm_linux_virtual_machine_scale_set": _vmss,
    "azurerm_windows_virtual_machine_scale_set": _vmss,
    "azurerm_orchestrated_virtual_machine_scale_set": _vmss,
    "azurerm_network_interface": _nic,
    "azurerm_public_ip": _public_ip,
    "azurerm_network_security_group": _nsg,
    "azurerm_network_security_rule": _nsg_rule,
    "azurerm_subnet_network_security_group_association": _association(
        cat.SUBNET_NSG_ASSOCIATION, "subnet_id", "subnet"),
    "azurerm_network_interface_security_group_association": _association(
        cat.NIC_NSG_ASSOCIATION, "network_interface_id", "networkInterface"),
    "azurerm_virtual_network": _vnet,
    "azurerm_subnet": _subnet,
    "azurerm_kubernetes_cluster": _aks,
    "azurerm_api_management": _apim,
    "azurerm_api_management_api": _apim_api,
}


def _cosmos(body: dict) -> Mapped:
    props: dict[str, Any] = {}
    _common(body, props)
    _put(props, "kind", _g(body, "kind"))
    _put(props, "identity", identity(body))
    p: dict[str, Any] = {}
    _put(p, "databaseAccountOfferType", _g(body, "offer_type"))
    _put(p, "publicNetworkAccess", _enabled(_g(body, "public_network_access_enabled")))
    _put(p, "disableLocalAuth", _b(_g(body, "local_authentication_disabled")))
    _put(p, "isVirtualNetworkFilterEnabled", _b(_g(body, "is_virtual_network_filter_enabled")))
    _put(p, "ipRules", _ip_rules(_g(body, "ip_range_filter"), key="ipAddressOrRange"))
    _put(p, "keyVaultKeyUri", _g(body, "key_vault_key_id"))
    _put(p, "minimalTlsVersion", _g(body, "minimal_tls_version"))
    _put(p, "disableKeyBasedMetadataWriteAccess", _not(_g(body, "access_key_metadata_writes_enabled")))
    vnr = _blocks(body, "virtual_network_rule")
    if isinstance(vnr, Unknown):
        p["virtualNetworkRules"] = vnr
    elif vnr:
        p["virtualNetworkRules"] = [{"id": _g(r, "id")} for r in vnr]
    props["properties"] = p
    return Mapped(cat.COSMOS_ACCOUNT, _name(body), props)


MAPPERS: dict[str, Callable[[dict], Mapped]] = {
    "azurerm_cognitive_account": _cognitive_account,
    "azurerm_ai_services": _ai_services,
    "azurerm_cognitive_deployment": _cognitive_deployment,
    "azurerm_cognitive_account_rai_policy": _rai_policy,
    "azurerm_search_service": _search,
    "azurerm_machine_learning_workspace": _ml_workspace,
    "azurerm_ai_foundry": lambda b: _ml_workspace(b, kind="Hub"),
    "azurerm_ai_foundry_project": lambda b: _ml_workspace(b, kind="Project", parent_attr="ai_services_hub_id"),
    "azurerm_machine_learning_compute_cluster": lambda b: _ml_compute(b, "AmlCompute"),
    "azurerm_machine_learning_compute_instance": lambda b: _ml_compute(b, "ComputeInstance"),
    "azurerm_machine_learning_inference_cluster": lambda b: _ml_compute(b, "AKS"),
    "azurerm_machine_learning_datastore_blobstorage": _ml_child(cat.ML_DATASTORE, "workspace_id"),
    "azurerm_machine_learning_datastore_datalake_gen2": _ml_child(cat.ML_DATASTORE, "workspace_id"),
    "azurerm_machine_learning_datastore_fileshare": _ml_child(cat.ML_DATASTORE, "workspace_id"),
    "azurerm_databricks_workspace": _databricks,
    "azurerm_storage_account": _storage_account,
    "azurerm_storage_container": _storage_container,
    "azurerm_key_vault": _key_vault,
    "azurerm_key_vault_key": _key_vault_key,
    "azurerm_key_vault_secret": _key_vault_secret,
    "azurerm_private_endpoint": _private_endpoint,
    "azurerm_monitor_diagnostic_setting": _diagnostic,
    "azurerm_role_assignment": _role_assignment,
    "azurerm_user_assigned_identity": _uai,
    "azurerm_application_insights": _app_insights,
    "azurerm_log_analytics_workspace": _log_analytics,
    "azurerm_linux_web_app": _web_app("app,linux"),
    "azurerm_windows_web_app": _web_app("app"),
    "azurerm_linux_function_app": _web_app("functionapp,linux"),
    "azurerm_windows_function_app": _web_app("functionapp"),
    "azurerm_container_app": _container_app,
    "azurerm_cosmosdb_account": _cosmos,
    **COMPUTE_MAPPERS,
}


def map_azapi(body: dict) -> Mapped | None:
    """`azapi_resource`: the body is already ARM-shaped."""
    t = _g(body, "type")
    if not isinstance(t, str):
        return None
    arm_type, _, api = t.partition("@")
    props: dict[str, Any] = {}
    _common(body, props)
    if api:
        props["apiVersion"] = api
    b = _g(body, "body")
    if isinstance(b, str):
        import json

        try:
            b = json.loads(b)
        except ValueError:
            b = U("body is not JSON")
    if isinstance(b, dict):
        for k, v in b.items():
            if k not in ("type", "name"):
                props[k] = v
    elif isinstance(b, Unknown):
        props["properties"] = b
    ident = identity(body)
    if ident is not _ABSENT:
        props["identity"] = ident
    parent = _parent(body.get("parent_id"))
    return Mapped(cat.canonical_type(arm_type), _name(body), props, parent, api or None)
