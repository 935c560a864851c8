"""Mapping rows: compute where attack paths start — App Service, Container Apps, VMs, AKS, API Management.

Each row maps one azurerm type to its ARM type (see `spec.py` for the vocabulary). Secrets are
redacted here, as the body is mapped: a literal app setting, connection string, container
secret or environment variable, or VM password becomes `Unknown("literal secret (redacted)")`
with `hasLiteralSecret: true`; a key of a declared resource stays as its `Unknown("key of …")`
so the linker can say which key the app holds. Easy Auth, which ARM keeps in a child resource
(`Microsoft.Web/sites/config/authsettingsV2`), is declared inline in Terraform and mapped to the
site's `properties.siteConfig.authSettingsV2` (not an ARM siteConfig property: where the facts
layer reads it).
"""

from __future__ import annotations

from typing import Any

from aispm.iac.terraform.mapping import MappingRow
from aispm.model import Unknown
from aispm.providers.azure import catalog as cat
from aispm.providers.azure.terraform.convert import (
    ABSENT,
    LITERAL_SECRET,
    U,
    as_bool,
    block,
    blocks,
    conv,
    enabled,
    get,
    key_of,
    name_of,
    parent_name,
    parent_uid,
    setting,
)
from aispm.providers.azure.terraform.rows_network import ip_configurations
from aispm.providers.azure.terraform.spec import (
    IDENTITY,
    LOCATION_TAGS,
    Block,
    Const,
    Each,
    Rename,
    apply,
    put_path,
    resource,
)

# --- App Service (web and function apps) -------------------------------------------------------


def _headers(body: dict, out: dict) -> None:
    hdr = block(body, "headers")
    if isinstance(hdr, dict) and hdr:
        out["headers"] = {k: v for k, v in hdr.items() if v not in (None, [])}


#: azurerm `ip_restriction` / `scm_ip_restriction` → ARM `ipSecurityRestrictions` entries.
_IP_RESTRICTION = (
    Rename("name", "name"),
    Rename("ip_address", "ipAddress"),
    Rename("service_tag", "ipAddress"),  # a service tag stands where the address would
    Rename("service_tag", "tag", lambda _v: "ServiceTag"),
    Rename("virtual_network_subnet_id", "vnetSubnetResourceId"),
    Rename("action", "action", default="Allow"),  # azurerm default: Allow
    Rename("priority", "priority"),
    Rename("description", "description"),
    _headers,
)

_SITE_CONFIG = (
    Rename("minimum_tls_version", "minTlsVersion"),
    Rename("ftps_state", "ftpsState"),
    Rename("http2_enabled", "http20Enabled", as_bool),
    Rename("remote_debugging_enabled", "remoteDebuggingEnabled", as_bool),
    Rename("vnet_route_all_enabled", "vnetRouteAllEnabled", as_bool),
    Each("ip_restriction", "ipSecurityRestrictions", _IP_RESTRICTION, dynamic="dynamic ip_restriction"),
    # azurerm >= 3.95 defaults the default action to Allow, also when allow rules are set
    # (hashicorp/terraform-provider-azurerm#25244); ARM's own default is Deny once a rule exists
    Rename("ip_restriction_default_action", "ipSecurityRestrictionsDefaultAction", default="Allow"),  # azurerm default
    Each("scm_ip_restriction", "scmIpSecurityRestrictions", _IP_RESTRICTION, dynamic="dynamic ip_restriction"),
    Rename("scm_ip_restriction_default_action", "scmIpSecurityRestrictionsDefaultAction",
           default="Allow"),  # azurerm default
    Rename("scm_use_main_ip_restriction", "scmIpSecurityRestrictionsUseMain", as_bool),
)


def _app_settings(v: Any) -> Any:
    if isinstance(v, Unknown):
        return v
    return [setting(k, x) for k, x in v.items()] if isinstance(v, dict) else ABSENT


def _connection_strings(body: dict, out: dict) -> None:
    conns = blocks(body, "connection_string")
    if isinstance(conns, list) and conns:
        put_path(out, "properties.siteConfig.connectionStrings", [
            {"name": name_of(c), "type": get(c, "type") if get(c, "type") is not ABSENT else None,
             **{k: v for k, v in setting("connectionString", get(c, "value")).items() if k != "name"}}
            for c in conns if isinstance(c, dict)
        ])


def _auth_v2(body: dict, out: dict) -> None:
    """`auth_settings_v2` (or legacy `auth_settings`) → the authsettingsV2 resource's
    properties (`platform.enabled`, `globalValidation.requireAuthentication`,
    `globalValidation.unauthenticatedClientAction`), at `properties.siteConfig.authSettingsV2`."""
    put_path(out, "properties.siteConfig.authSettingsV2", _auth_settings(body))


def _auth_settings(body: dict) -> Any:
    v2 = block(body, "auth_settings_v2")
    if isinstance(v2, Unknown):
        return v2
    if isinstance(v2, dict):
        gv: dict[str, Any] = {}
        req = as_bool(get(v2, "require_authentication"))
        gv["requireAuthentication"] = False if req is ABSENT else req  # azurerm default: false
        act = get(v2, "unauthenticated_action")
        gv["unauthenticatedClientAction"] = "RedirectToLoginPage" if act is ABSENT else act  # azurerm default
        en = as_bool(get(v2, "auth_enabled"))
        return {"platform": {"enabled": False if en is ABSENT else en}, "globalValidation": gv}
    v1 = block(body, "auth_settings")
    if isinstance(v1, Unknown):
        return v1
    if isinstance(v1, dict):
        en = as_bool(get(v1, "enabled"))
        act = get(v1, "unauthenticated_client_action")
        act = "RedirectToLoginPage" if act is ABSENT else act  # Azure default for legacy auth settings
        # legacy auth settings: enabled + any action but AllowAnonymous requires a login
        req = conv(act, lambda x: str(x).lower() != "allowanonymous")
        return {"platform": {"enabled": False if en is ABSENT else en},
                "globalValidation": {"requireAuthentication": req, "unauthenticatedClientAction": act},
                "legacy": True}
    return ABSENT


def _web_app(tf_type: str, kind: str) -> MappingRow:
    return resource(
        tf_type, cat.WEB_SITE,
        Const("kind", kind),
        *LOCATION_TAGS,
        IDENTITY,
        Rename("public_network_access_enabled", "properties.publicNetworkAccess", enabled),
        Rename("https_only", "properties.httpsOnly", as_bool),
        Rename("virtual_network_subnet_id", "properties.virtualNetworkSubnetId"),
        Rename("service_plan_id", "properties.serverFarmId"),
        Rename("client_certificate_enabled", "properties.clientCertEnabled", as_bool),
        Rename("enabled", "properties.enabled", as_bool),
        Block("site_config", "properties.siteConfig", _SITE_CONFIG,
              unknown="properties.siteConfig.ipSecurityRestrictions"),
        Rename("app_settings", "properties.siteConfig.appSettings", _app_settings),
        _connection_strings,
        _auth_v2,
        common=False,  # `kind` first, as ARM writes a site
    )


WEB: list[MappingRow] = [
    _web_app("azurerm_linux_web_app", "app,linux"),
    _web_app("azurerm_windows_web_app", "app"),
    _web_app("azurerm_linux_function_app", "functionapp,linux"),
    _web_app("azurerm_windows_function_app", "functionapp"),
]


# --- Container Apps ----------------------------------------------------------------------------


def _container_secret(s: Any) -> Any:
    if not isinstance(s, dict):
        return U("dynamic secret block")
    e: dict[str, Any] = {"name": name_of(s)}
    kv = get(s, "key_vault_secret_id")
    if kv is not ABSENT:
        e["keyVaultUrl"] = kv
        put_path(e, "identity", get(s, "identity"))
        return e
    value = get(s, "value")
    if value is ABSENT:
        return e
    if key_of(value) is not None:
        e["value"] = value
    elif isinstance(value, Unknown):
        e["value"] = U("secret value")
    else:  # a container app secret is a secret whatever its name
        e["value"] = U(LITERAL_SECRET)
        e["hasLiteralSecret"] = True
    return e


def _env(e: Any) -> Any:
    if not isinstance(e, dict):
        return U("dynamic env block")
    ref = get(e, "secret_name")
    if ref is not ABSENT:
        return {"name": get(e, "name"), "secretRef": ref}
    return setting(get(e, "name"), get(e, "value") if get(e, "value") is not ABSENT else None)


_CONTAINER = (
    Rename("name", "name"),
    Rename("image", "image"),
    Each("env", "env", item=_env),
)

CONTAINER_APPS: list[MappingRow] = [
    resource("azurerm_container_app", cat.CONTAINER_APP,
             IDENTITY,
             Rename("container_app_environment_id", "properties.managedEnvironmentId"),
             Rename("workload_profile_name", "properties.workloadProfileName"),
             Rename("revision_mode", "properties.configuration.activeRevisionsMode"),
             Block("ingress", "properties.configuration.ingress", (
                 Rename("external_enabled", "external", as_bool, default=False),  # azurerm default: false
                 Rename("target_port", "targetPort"),
                 Rename("exposed_port", "exposedPort"),
                 Rename("allow_insecure_connections", "allowInsecure", as_bool),
                 Rename("transport", "transport"),
                 Each("ip_security_restriction", "ipSecurityRestrictions", (
                     Rename("name", "name"),
                     Rename("ip_address_range", "ipAddressRange"),
                     Rename("action", "action"),
                     Rename("description", "description"),
                 ), dynamic="dynamic ip_security_restriction"),
             )),
             Each("secret", "properties.configuration.secrets", item=_container_secret),
             Each("registry", "properties.configuration.registries", (
                 Rename("server", "server"),
                 Rename("identity", "identity"),
                 Rename("username", "username"),
                 Rename("password_secret_name", "passwordSecretRef"),
             ), unknown=False, dynamic="skip"),
             Block("template", "properties.template", (
                 Each("container", "containers", _CONTAINER, dynamic="dynamic container block", keep_empty=True),
                 Rename("min_replicas", "scale.minReplicas"),
                 Rename("max_replicas", "scale.maxReplicas"),
             ), unknown=True)),
    resource("azurerm_container_app_environment", cat.CONTAINER_APP_ENV,
             IDENTITY,
             Rename("infrastructure_subnet_id", "properties.vnetConfiguration.infrastructureSubnetId"),
             # absent: ARM default false (external)
             Rename("internal_load_balancer_enabled", "properties.vnetConfiguration.internal", as_bool),
             Rename("public_network_access", "properties.publicNetworkAccess"),
             Rename("zone_redundancy_enabled", "properties.zoneRedundant", as_bool),
             Rename("log_analytics_workspace_id", "properties.appLogsConfiguration",
                    lambda v: {"destination": "log-analytics", "logAnalyticsConfiguration": {"customerId": v}})),
]


# --- virtual machines and scale sets -------------------------------------------------------------


def _vm_network(body: dict, out: dict) -> None:
    """`network_interface_ids` → ARM's NIC list; the primary NIC is named, else the first."""
    nics = get(body, "network_interface_ids")
    primary = get(body, "primary_network_interface_id")
    if isinstance(nics, Unknown):
        out["properties"]["networkProfile"] = {"networkInterfaces": nics}
    elif isinstance(nics, list):
        out["properties"]["networkProfile"] = {"networkInterfaces": [
            {"id": n, **({"properties": {"primary": True}} if n == primary or (primary is ABSENT and i == 0) else {})}
            for i, n in enumerate(nics)
        ]}


def _vm_os(body: dict, out: dict) -> None:
    """The OS profile, from the attributes or the legacy `os_profile*` blocks; a password is never kept."""
    osp: dict[str, Any] = {}
    put_path(osp, "computerName", get(body, "computer_name"))
    legacy_os = block(body, "os_profile")
    put_path(osp, "adminUsername", get(body, "admin_username") if get(body, "admin_username") is not ABSENT
             else (get(legacy_os, "admin_username") if isinstance(legacy_os, dict) else ABSENT))
    pw = get(body, "admin_password")
    if pw is ABSENT and isinstance(legacy_os, dict):
        pw = get(legacy_os, "admin_password")
    if pw is not ABSENT:  # never kept
        osp["adminPassword"] = U("secret value") if isinstance(pw, Unknown) else U(LITERAL_SECRET)
        if not isinstance(pw, Unknown):
            osp["hasLiteralSecret"] = True
    dpa = as_bool(get(body, "disable_password_authentication"))
    legacy_linux = block(body, "os_profile_linux_config")
    if dpa is ABSENT and isinstance(legacy_linux, dict):
        dpa = as_bool(get(legacy_linux, "disable_password_authentication"))
    if dpa is not ABSENT:
        osp["linuxConfiguration"] = {"disablePasswordAuthentication": dpa}
    if osp:
        out["properties"]["osProfile"] = osp


def _vmss_sku(body: dict, out: dict) -> None:
    sku = get(body, "sku")
    if sku is not ABSENT:
        out["sku"] = {"name": sku, **({"capacity": get(body, "instances")} if get(body, "instances") is not ABSENT
                                      else {})}


def _vmss_ip_configuration(ic: dict) -> dict[str, Any]:
    ip: dict[str, Any] = {}
    put_path(ip, "subnet.id", get(ic, "subnet_id"))
    pub = block(ic, "public_ip_address")
    if isinstance(pub, Unknown):
        ip["publicIPAddressConfiguration"] = pub
    elif isinstance(pub, dict):
        ip["publicIPAddressConfiguration"] = {"name": name_of(pub)}
        sku_name = get(pub, "sku_name")  # Basic_Regional / Standard_Regional
        if sku_name is not ABSENT:
            ip["publicIPAddressConfiguration"]["sku"] = {"name": conv(sku_name, lambda x: str(x).split("_")[0])}
    for src, dst in (("load_balancer_backend_address_pool_ids", "loadBalancerBackendAddressPools"),
                     ("application_gateway_backend_address_pool_ids", "applicationGatewayBackendAddressPools")):
        ids_ = get(ic, src)
        if isinstance(ids_, list) and ids_:
            ip[dst] = [{"id": x} for x in ids_]
        elif isinstance(ids_, Unknown):
            ip[dst] = ids_
    return ip


def _vmss_nic(n: dict) -> dict:
    np: dict[str, Any] = {}
    apply((Rename("primary", "primary", as_bool),
           Rename("network_security_group_id", "networkSecurityGroup.id")), n, np)
    np["ipConfigurations"] = ip_configurations(n, _vmss_ip_configuration)
    return {"name": name_of(n), "properties": np}


_VM = (IDENTITY, Rename(("size", "vm_size"), "properties.hardwareProfile.vmSize"), _vm_network, _vm_os)
_VMSS = (
    IDENTITY,
    _vmss_sku,
    Each("network_interface", "properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations",
         item=_vmss_nic, dynamic="dynamic network_interface", keep_empty=True),
)

VMS: list[MappingRow] = [
    *(resource(t, cat.VIRTUAL_MACHINE, *_VM) for t in (
        "azurerm_linux_virtual_machine", "azurerm_windows_virtual_machine", "azurerm_virtual_machine")),
    *(resource(t, cat.VM_SCALE_SET, *_VMSS) for t in (
        "azurerm_linux_virtual_machine_scale_set", "azurerm_windows_virtual_machine_scale_set",
        "azurerm_orchestrated_virtual_machine_scale_set")),
]


# --- AKS and API Management ----------------------------------------------------------------------


def _node_pool(body: dict, out: dict) -> None:
    pool = block(body, "default_node_pool")
    if isinstance(pool, dict):
        ap: dict[str, Any] = {"mode": "System"}
        apply((Rename("name", "name"),
               Rename("vm_size", "vmSize"),
               Rename("vnet_subnet_id", "vnetSubnetID"),
               Rename(("node_public_ip_enabled", "enable_node_public_ip"), "enableNodePublicIP", as_bool)), pool, ap)
        out["properties"]["agentPoolProfiles"] = [ap]


def _apim_sku(body: dict, out: dict) -> None:
    """azurerm writes `<name>_<capacity>` (`Developer_1`); ARM keeps the two apart."""
    sku = get(body, "sku_name")
    if isinstance(sku, str) and "_" in sku:
        n, _, c = sku.partition("_")
        out["sku"] = {"name": n, "capacity": int(c) if c.isdigit() else c}
    elif sku is not ABSENT:
        out["sku"] = {"name": sku}


def _api_parent_name(body: dict, out: dict) -> None:
    if parent_uid(body.get("api_management_id")) is None:
        parent_name(out, body, "api_management_name")


AKS_APIM: list[MappingRow] = [
    resource("azurerm_kubernetes_cluster", cat.AKS_CLUSTER,
             IDENTITY,
             Rename("dns_prefix", "properties.dnsPrefix"),
             Rename("kubernetes_version", "properties.kubernetesVersion"),
             Rename("api_server_authorized_ip_ranges", "properties.apiServerAccessProfile.authorizedIPRanges"),  # 3.x
             Block("api_server_access_profile", "properties.apiServerAccessProfile", (
                 Rename("authorized_ip_ranges", "authorizedIPRanges"),
                 Rename("subnet_id", "subnetId"),
                 Rename("vnet_integration_enabled", "enableVnetIntegration", as_bool),
             ), unknown="properties.apiServerAccessProfile.authorizedIPRanges", keep_empty=False),
             Rename("private_cluster_enabled", "properties.apiServerAccessProfile.enablePrivateCluster", as_bool),
             Rename("private_cluster_public_fqdn_enabled",
                    "properties.apiServerAccessProfile.enablePrivateClusterPublicFQDN", as_bool),
             Rename("private_dns_zone_id", "properties.apiServerAccessProfile.privateDNSZone"),
             Rename("local_account_disabled", "properties.disableLocalAccounts", as_bool),
             Rename("role_based_access_control_enabled", "properties.enableRBAC", as_bool),
             Block("azure_active_directory_role_based_access_control", "properties.aadProfile", (
                 Const("managed", True),
                 Rename("azure_rbac_enabled", "enableAzureRBAC", as_bool),
                 Rename("admin_group_object_ids", "adminGroupObjectIDs"),
                 Rename("tenant_id", "tenantID"),
             )),
             Block("kubelet_identity", "properties.identityProfile.kubeletidentity", (
                 Rename("user_assigned_identity_id", "resourceId"),
                 Rename("client_id", "clientId"),
                 Rename("object_id", "objectId"),
             ), unknown=False),
             _node_pool,
             Block("network_profile", "properties.networkProfile", (
                 Rename("network_plugin", "networkPlugin"),
                 Rename("network_policy", "networkPolicy"),
                 Rename("outbound_type", "outboundType"),
                 Rename("load_balancer_sku", "loadBalancerSku"),
             ), unknown=False),
             Rename("oidc_issuer_enabled", "properties.oidcIssuerProfile.enabled", as_bool),
             Rename("workload_identity_enabled", "properties.securityProfile.workloadIdentity.enabled", as_bool)),
    resource("azurerm_api_management", cat.APIM_SERVICE,
             IDENTITY,
             _apim_sku,
             Rename("publisher_name", "properties.publisherName"),
             Rename("publisher_email", "properties.publisherEmail"),
             Rename("public_network_access_enabled", "properties.publicNetworkAccess", enabled),
             Rename("virtual_network_type", "properties.virtualNetworkType"),
             Block("virtual_network_configuration", "properties.virtualNetworkConfiguration",
                   (Rename("subnet_id", "subnetResourceId"),), unknown=False),
             Rename("public_ip_address_id", "properties.publicIpAddressId")),
    resource("azurerm_api_management_api", cat.APIM_API,
             Rename("display_name", "properties.displayName"),
             Rename("path", "properties.path"),
             Rename("protocols", "properties.protocols"),
             Rename("service_url", "properties.serviceUrl"),
             Rename("revision", "properties.apiRevision"),
             Rename("api_type", "properties.apiType"),
             Rename("subscription_required", "properties.subscriptionRequired", as_bool),  # absent: default true
             _api_parent_name,
             common=False, parent="api_management_id"),
]

ROWS: list[MappingRow] = [*WEB, *CONTAINER_APPS, *VMS, *AKS_APIM]

