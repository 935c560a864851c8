"""Mapping rows: AI services — Azure OpenAI / AI Services, AI Foundry, Azure ML, AI Search, Databricks.

Each row maps one azurerm type to its ARM type (see `spec.py` for the vocabulary). Two kinds of
resources here are declared on their own in Terraform but kept on another resource by ARM: the
customer-managed key of an AI Services account (`azurerm_cognitive_account_customer_managed_key`
→ the account's `properties.encryption`) and the managed-network outbound rules of an ML
workspace (→ its `properties.managedNetwork.outboundRules`). Their rows emit pseudo types
(`catalog.COGNITIVE_CMK`, `catalog.ML_OUTBOUND_RULE`) with the target's reference in `scope`;
`aispm.providers.azure.fold` moves them into their target before facts and drops them.
"""

from __future__ import annotations

from typing import Any

from aispm.iac.terraform.mapping import Mapped, MappingRow
from aispm.model import Unknown
from aispm.providers.azure import catalog as cat
from aispm.providers.azure.terraform.convert import (
    ABSENT,
    U,
    as_bool,
    block,
    cognitive_encryption,
    enabled,
    get,
    ip_rules,
    name_of,
    negated,
    put,
    switch,
)
from aispm.providers.azure.terraform.spec import IDENTITY, Block, Const, Each, Rename, custom, put_path, resource

# --- Azure OpenAI / AI Services ------------------------------------------------------------


def _account_cmk(body: dict, out: dict) -> None:
    cmk = block(body, "customer_managed_key")
    if isinstance(cmk, Unknown):
        out["properties"]["encryption"] = cmk
    elif cmk is not ABSENT:
        out["properties"]["encryption"] = cognitive_encryption(get(cmk, "key_vault_key_id"),
                                                               get(cmk, "identity_client_id"))


def _account(kind: Any) -> tuple:
    """An AI Services account; `kind` is a rename of `kind` or the kind a type implies."""
    return (
        kind,
        Rename("sku_name", "sku.name"),
        IDENTITY,
        Rename("public_network_access_enabled", "properties.publicNetworkAccess", enabled),
        Rename("local_auth_enabled", "properties.disableLocalAuth", negated),
        Rename("custom_subdomain_name", "properties.customSubDomainName"),
        Rename("outbound_network_access_restricted", "properties.restrictOutboundNetworkAccess", as_bool),
        Rename("fqdns", "properties.allowedFqdnList"),
        Rename("dynamic_throttling_enabled", "properties.dynamicThrottlingEnabled", as_bool),
        Rename("project_management_enabled", "properties.allowProjectManagement", as_bool),
        Block("network_acls", "properties.networkAcls", (
            Rename("default_action", "defaultAction"),
            Rename("bypass", "bypass"),
            Rename("ip_rules", "ipRules", ip_rules()),
            Each("virtual_network_rules", "virtualNetworkRules", (
                Rename("subnet_id", "id"),
                Rename("ignore_missing_vnet_service_endpoint", "ignoreMissingVnetServiceEndpoint", as_bool),
            )),
        )),
        _account_cmk,
        Each("storage", "properties.userOwnedStorage", (
            Rename("storage_account_id", "resourceId"),
            Rename("identity_client_id", "identityClientId"),
        )),
    )


def _deployment_sku(body: dict, out: dict) -> None:
    """`sku { name, capacity, tier }`, or the older `scale { type, capacity }`."""
    sku = block(body, "sku")
    if sku is ABSENT:
        sku = block(body, "scale")
        if isinstance(sku, dict):
            sku = {"name": sku.get("type"), "capacity": sku.get("capacity")}
    if isinstance(sku, Unknown):
        out["sku"] = sku
    elif sku is not ABSENT:
        s: dict[str, Any] = {}
        for k in ("name", "capacity", "tier"):
            put(s, k, get(sku, k))
        out["sku"] = s


def _cmk(body: dict) -> Mapped:
    """The account's key as ARM keeps it (`properties.encryption`), with the account in `scope`."""
    key_id = body.get("key_vault_key_id")
    if key_id is None:
        key_id = U("key_vault_key_id not set")
    client = body.get("identity_client_id")
    enc = cognitive_encryption(key_id, client) if client is not None else cognitive_encryption(key_id)
    return Mapped(cat.COGNITIVE_CMK, name_of(body),
                  {"scope": body.get("cognitive_account_id"), "properties": {"encryption": enc}})


AI_SERVICES: list[MappingRow] = [
    resource("azurerm_cognitive_account", cat.COGNITIVE_ACCOUNT,
             *_account(Rename("kind", "kind", default=U("kind not set")))),
    # azurerm_ai_services names two switches differently from azurerm_cognitive_account:
    # `public_network_access` ("Enabled"/"Disabled") and `local_authentication_enabled`
    resource("azurerm_ai_services", cat.COGNITIVE_ACCOUNT,
             *_account(Const("kind", "AIServices")),
             Rename("public_network_access", "properties.publicNetworkAccess"),
             Rename("local_authentication_enabled", "properties.disableLocalAuth", negated)),
    resource("azurerm_cognitive_deployment", cat.COGNITIVE_DEPLOYMENT,
             _deployment_sku,
             Block("model", "properties.model", (Rename("format", "format"), Rename("name", "name"),
                                                 Rename("version", "version"))),
             Rename("rai_policy_name", "properties.raiPolicyName"),
             Rename("version_upgrade_option", "properties.versionUpgradeOption"),
             Rename("dynamic_throttling_enabled", "properties.dynamicThrottlingEnabled", as_bool),
             common=False, parent="cognitive_account_id"),
    resource("azurerm_cognitive_account_rai_policy", cat.COGNITIVE_RAI_POLICY,
             Rename("base_policy_name", "properties.basePolicyName"),
             Rename("mode", "properties.mode"),
             Each("content_filter", "properties.contentFilters", (
                 Rename("name", "name"),
                 Rename("filter_enabled", "enabled", as_bool),
                 Rename("block_enabled", "blocking", as_bool),
                 Rename("severity_threshold", "severityThreshold"),
                 Rename("source", "source"),
             )),
             Each("custom_block_list", "properties.customBlocklists", (
                 Rename("source", "source"),
                 Rename("block_list_id", "blocklistName"),
                 Rename("block_enabled", "blocking", as_bool),
             ), unknown=False),
             parent="cognitive_account_id"),
    custom("azurerm_cognitive_account_customer_managed_key", cat.COGNITIVE_CMK, _cmk, data_source=False),
]


# --- AI Search -------------------------------------------------------------------------------

SEARCH: list[MappingRow] = [
    resource("azurerm_search_service", cat.SEARCH_SERVICE,
             Rename("sku", "sku.name"),
             IDENTITY,
             Rename("public_network_access_enabled", "properties.publicNetworkAccess", enabled),
             Rename("local_authentication_enabled", "properties.disableLocalAuth", negated),
             Rename("authentication_failure_mode", "properties.authOptions.aadOrApiKey.aadAuthFailureMode"),
             Rename("allowed_ips", "properties.networkRuleSet.ipRules", ip_rules()),
             Rename("network_rule_bypass_option", "properties.networkRuleSet.bypass"),
             Rename("replica_count", "properties.replicaCount"),
             Rename("partition_count", "properties.partitionCount"),
             Rename("hosting_mode", "properties.hostingMode"),
             Rename("semantic_search_sku", "properties.semanticSearch"),
             Rename("customer_managed_key_enforcement_enabled", "properties.encryptionWithCmk.enforcement",
                    switch("Enabled", "Unspecified"))),
]


# --- Azure ML and AI Foundry -----------------------------------------------------------------


def _workspace(kind: Any, *extra: Any) -> tuple:
    return (
        kind,
        Rename("sku_name", "sku.name"),
        IDENTITY,
        Rename("public_network_access_enabled", "properties.publicNetworkAccess", enabled),
        Rename("public_network_access", "properties.publicNetworkAccess"),  # the newer spelling wins
        Rename(("high_business_impact", "high_business_impact_enabled"), "properties.hbiWorkspace", as_bool),
        Rename("storage_account_id", "properties.storageAccount"),
        Rename("key_vault_id", "properties.keyVault"),
        Rename("application_insights_id", "properties.applicationInsights"),
        Rename("container_registry_id", "properties.containerRegistry"),
        Rename("primary_user_assigned_identity", "properties.primaryUserAssignedIdentity"),
        Rename("image_build_compute_name", "properties.imageBuildCompute"),
        Rename("v1_legacy_mode_enabled", "properties.v1LegacyMode", as_bool),
        Rename("friendly_name", "properties.friendlyName"),
        Rename("description", "properties.description"),
        *extra,
        Block("encryption", "properties.encryption", (
            Const("status", "Enabled"),
            Const("keyVaultProperties", {}),
            Rename("key_vault_id", "keyVaultProperties.keyVaultArmId"),
            Rename("key_id", "keyVaultProperties.keyIdentifier"),
            Rename("user_assigned_identity_id", "identity.userAssignedIdentity"),
        )),
        Block("managed_network", "properties.managedNetwork", (Rename("isolation_mode", "isolationMode"),)),
    )


def _compute(compute_type: str) -> tuple:
    return (
        IDENTITY,
        Const("properties.computeType", compute_type),
        Rename("local_auth_enabled", "properties.disableLocalAuth", negated),
        Rename("description", "properties.description"),
        Const("properties.properties", {}),
        Rename("vm_size", "properties.properties.vmSize"),
        Rename("vm_priority", "properties.properties.vmPriority"),
        Rename("subnet_resource_id", "properties.properties.subnet.id"),
        Rename("node_public_ip_enabled", "properties.properties.enableNodePublicIp", as_bool),
        Rename("ssh_public_access_enabled", "properties.properties.remoteLoginPortPublicAccess", enabled),
        Block("scale_settings", "properties.properties.scaleSettings", (
            Rename("min_node_count", "minNodeCount"),
            Rename("max_node_count", "maxNodeCount"),
            Rename("scale_down_nodes_after_idle_duration", "nodeIdleTimeBeforeScaleDown"),
        )),
        Block("ssh", "properties.properties.sshSettings", (
            Rename("admin_username", "adminUserName"),
            Rename("key_value", "adminPublicKey"),
        ), unknown=False),
        Block("assign_to_user", "properties.properties.personalComputeInstanceSettings", (
            Const("assignedUser", {}),
            Rename("object_id", "assignedUser.objectId"),
            Rename("tenant_id", "assignedUser.tenantId"),
        ), unknown=False),
        Rename("authorization_type", "properties.properties.computeInstanceAuthorizationType"),
    )


#: Managed-network outbound rules declared as their own resources → the ARM rule type.
_OUTBOUND_RULES = {
    "azurerm_machine_learning_workspace_network_outbound_rule_private_endpoint": "PrivateEndpoint",
    "azurerm_machine_learning_workspace_network_outbound_rule_fqdn": "FQDN",
    "azurerm_machine_learning_workspace_network_outbound_rule_service_tag": "ServiceTag",
}


def _outbound_rule(rule_type: str):
    """One rule as ARM keeps it in `managedNetwork.outboundRules`, with the workspace in `scope`
    (values as written: a null stays null)."""
    def transform(body: dict) -> Mapped:
        if rule_type == "PrivateEndpoint":
            destination: dict = {"serviceResourceId": body.get("service_resource_id"),
                                 "subresourceTarget": body.get("sub_resource_target")}
        elif rule_type == "FQDN":
            destination = {"fqdn": body.get("destination_fqdn")}
        else:
            destination = {k: body.get(k) for k in ("service_tag", "protocol", "port_ranges")}
        name = body.get("name")
        return Mapped(cat.ML_OUTBOUND_RULE, name if isinstance(name, (str, Unknown)) else U("name not set"),
                      {"scope": body.get("workspace_id"),
                       "properties": {"type": rule_type, "destination": destination}})

    return transform


ML: list[MappingRow] = [
    resource("azurerm_machine_learning_workspace", cat.ML_WORKSPACE, *_workspace(Rename("kind", "kind"))),
    resource("azurerm_ai_foundry", cat.ML_WORKSPACE, *_workspace(Const("kind", "Hub"))),
    resource("azurerm_ai_foundry_project", cat.ML_WORKSPACE,
             *_workspace(Const("kind", "Project"), Rename("ai_services_hub_id", "properties.hubResourceId")),
             parent="ai_services_hub_id"),
    *(resource(t, cat.ML_COMPUTE, *_compute(c), parent="machine_learning_workspace_id") for t, c in (
        ("azurerm_machine_learning_compute_cluster", "AmlCompute"),
        ("azurerm_machine_learning_compute_instance", "ComputeInstance"),
        ("azurerm_machine_learning_inference_cluster", "AKS"),
    )),
    *(resource(t, cat.ML_DATASTORE, parent="workspace_id") for t in (
        "azurerm_machine_learning_datastore_blobstorage",
        "azurerm_machine_learning_datastore_datalake_gen2",
        "azurerm_machine_learning_datastore_fileshare",
    )),
    *(custom(t, cat.ML_OUTBOUND_RULE, _outbound_rule(r), data_source=False) for t, r in _OUTBOUND_RULES.items()),
]


# --- Databricks ------------------------------------------------------------------------------

#: `custom_parameters` attributes that ARM keeps as `parameters.<name>.value`.
_DATABRICKS_PARAMETERS = (
    ("virtual_network_id", "customVirtualNetworkId"),
    ("public_subnet_name", "customPublicSubnetName"),
    ("private_subnet_name", "customPrivateSubnetName"),
    ("storage_account_name", "storageAccountName"),
)


def _databricks_parameters(body: dict, out: dict) -> None:
    """ARM keeps the workspace's network settings as `parameters.<name>.value`; `no_public_ip`
    may be written at the top level (azurerm 4.x) or in `custom_parameters` (3.x)."""
    params: dict[str, Any] = {}
    cp = block(body, "custom_parameters")
    nopip = as_bool(get(body, "no_public_ip"))
    if isinstance(cp, dict):
        if nopip is ABSENT:
            nopip = as_bool(get(cp, "no_public_ip"))
        for src, dst in _DATABRICKS_PARAMETERS:
            v = get(cp, src)
            if v is not ABSENT:
                params[dst] = {"value": v}
    elif isinstance(cp, Unknown):
        params["custom"] = cp
    if nopip is ABSENT:
        # azurerm's default changed between provider versions (false in 3.x, true in 4.x)
        nopip = U("no_public_ip not set: azurerm default depends on provider version")
    params["enableNoPublicIp"] = {"value": nopip}
    for src, dst in (("customer_managed_key_enabled", "prepareEncryption"),
                     ("infrastructure_encryption_enabled", "requireInfrastructureEncryption")):
        v = as_bool(get(body, src))
        if v is not ABSENT:
            params[dst] = {"value": v}
    put_path(out, "properties.parameters", params)


DATABRICKS: list[MappingRow] = [
    resource("azurerm_databricks_workspace", cat.DATABRICKS_WORKSPACE,
             Rename("sku", "sku.name"),
             Rename("public_network_access_enabled", "properties.publicNetworkAccess", enabled),
             Rename("network_security_group_rules_required", "properties.requiredNsgRules"),
             Rename("managed_resource_group_name", "properties.managedResourceGroupId"),
             _databricks_parameters),
]

ROWS: list[MappingRow] = [*AI_SERVICES, *SEARCH, *ML, *DATABRICKS]

