"""Rules for Azure Machine Learning workspaces and hub-based Foundry hubs and projects
(their computes are judged in `ml_compute.py`).

Hub-based Foundry hubs and projects are AML workspaces of kind `hub` and
`project`; a project inherits its hub's network and encryption settings, so
workspace-level network and encryption rules judge hubs and plain workspaces only.
"""

from __future__ import annotations

from aispm.providers.azure.catalog import ML_WORKSPACE, STORAGE_ACCOUNT
from aispm.model import Pillar, References, Severity
from aispm.providers.azure.rules.fixes import (
    Expr,
    cli,
    diagnostic_setting,
    param,
    patch,
    private_endpoint,
    resource_update,
    terraform,
)
from aispm.rules.engine import Fix, Rule, is_true
from aispm.compliance import controls

_WS = (ML_WORKSPACE,)
_LEARN = "https://learn.microsoft.com/azure/defender-for-cloud/recommendations-reference-ai"


def _not_project(facts: dict) -> bool:
    return facts.get("workspace_kind") != "project"


def _hbi_storage_private(facts: dict) -> bool | None:
    hbi = facts.get("high_business_impact")
    if hbi is False:
        return True
    if hbi is None:
        return None
    public = facts.get("storage_public_network_access")
    return None if public is None else public is False


RULES = [
    Rule(
        id="AISPM-AZ-020",
        title="Azure Machine Learning Workspaces should disable public network access (Preview)",
        severity=Severity.MEDIUM,
        pillar=Pillar.NETWORK,
        scope="Workspaces and Foundry hubs; not hub-based projects, which inherit their hub's "
        'settings.',
        resource_types=_WS,
        facts=("public_network_access_disabled",),
        check=is_true("public_network_access_disabled"),
        applies=_not_project,
        risk="A workspace or Foundry hub reachable from every network exposes its models, data connections and "
        "compute to anyone holding a token; Defender also reports it as 'Network connections should be limited on "
        "Microsoft Foundry'.",
        remediation="Set `publicNetworkAccess: 'Disabled'` (Terraform `public_network_access_enabled = false`) and "
        "add a private endpoint.",
        references=References(
            defender="Azure Machine Learning Workspaces should disable public network access (Preview)",
            checkov=("CKV_AZURE_144", "CKV2_AZURE_49"),
            psrule=("Azure.ML.PublicAccess",),
            azure_policy=("438c38d2-3772-465a-a9cc-7a6666a275ce",),
            urls=(_LEARN,),
            compliance=controls("AML.T0040 AML.T0049 GAI:information-security"),
        ),
        fix=Fix(
            steps=(
                "Give users and clients a private endpoint to the workspace or hub first (AISPM-AZ-021), or they "
                "lose access to the studio and the APIs.",
                "Set `publicNetworkAccess` to `Disabled` (Terraform `public_network_access_enabled = false` on "
                "`azurerm_machine_learning_workspace`, `public_network_access = \"Disabled\"` on "
                "`azurerm_ai_foundry`).",
            ),
            changes=(
                terraform("azurerm_machine_learning_workspace", """
                    resource "azurerm_machine_learning_workspace" "this" {
                      # ...
                      public_network_access_enabled = false
                    }"""),
                terraform("azurerm_ai_foundry", """
                    resource "azurerm_ai_foundry" "this" {
                      # ...
                      public_network_access = "Disabled"
                    }"""),
                *patch(ML_WORKSPACE, {"properties": {"publicNetworkAccess": "Disabled"}}),
                cli("""
                    az ml workspace update --name <workspace-name> --resource-group <resource-group> \\
                      --public-network-access Disabled"""),
            ),
        ),
    ),
    Rule(
        id="AISPM-AZ-021",
        title="Azure Machine Learning workspaces should use private link",
        severity=Severity.MEDIUM,
        pillar=Pillar.NETWORK,
        scope="Workspaces and Foundry hubs; not hub-based projects, which inherit their hub's "
        'settings.',
        resource_types=_WS,
        facts=("private_endpoint",),
        check=is_true("private_endpoint"),
        applies=_not_project,
        risk="Without a private endpoint, studio, SDK and inference traffic to the workspace goes over its public "
        "endpoint.",
        remediation="Declare a private endpoint with `groupIds: ['amlworkspace']` for the workspace or hub "
        "(Terraform `azurerm_private_endpoint`).",
        references=References(
            defender="Azure Machine Learning workspaces should use private link",
            azure_policy=("45e05259-1eb5-4f70-9574-baf73e9d219b",),
            compliance=controls("AML.T0040 AML.T0049 GAI:information-security"),
        ),
        fix=Fix(
            steps=(
                "Declare a private endpoint with sub-resource (group id) `amlworkspace` for the workspace or hub, "
                "in a subnet your users and clients can reach.",
                "Link the private DNS zones `privatelink.api.azureml.ms` and `privatelink.notebooks.azure.net` to "
                "the virtual network.",
                "Then disable public network access (AISPM-AZ-020).",
            ),
            changes=(
                *private_endpoint(ML_WORKSPACE, "azurerm_machine_learning_workspace", "amlworkspace",
                                  "az ml workspace show --name <workspace-name> --resource-group <resource-group>"),
                private_endpoint(ML_WORKSPACE, "azurerm_ai_foundry", "amlworkspace", "")[0],
            ),
        ),
    ),
    Rule(
        id="AISPM-AZ-022",
        title="Resource logs in Azure Machine Learning Workspaces should be enabled (Preview)",
        severity=Severity.MEDIUM,
        pillar=Pillar.LOGGING,
        resource_types=_WS,
        facts=("diagnostic_logs",),
        check=is_true("diagnostic_logs"),
        risk="Without resource logs, job submissions, model deployments and data access in the workspace leave no "
        "trace to investigate.",
        remediation="Declare a diagnostic setting on the workspace with enabled log categories and a destination.",
        references=References(
            defender="Resource logs in Azure Machine Learning Workspaces should be enabled (Preview)",
            azure_policy=("afe0c3be-ba3b-4544-ba52-0c99672a8ad6",),
            urls=(_LEARN,),
            compliance=controls("A.6.2.8 GAI:information-security"),
        ),
        fix=Fix(
            steps=(
                "Create (or reuse) a Log Analytics workspace, storage account or event hub to keep the logs.",
                "Declare a diagnostic setting on the workspace that enables at least one log category (category "
                "group `allLogs`).",
            ),
            changes=diagnostic_setting(ML_WORKSPACE, "azurerm_machine_learning_workspace"),
        ),
    ),
    Rule(
        id="AISPM-AZ-023",
        title="(Enable if required) Azure Machine Learning workspaces should be encrypted with a customer-managed key (CMK)",
        severity=Severity.LOW,
        pillar=Pillar.DATA,
        scope="Workspaces and Foundry hubs; not hub-based projects, which inherit their hub's "
        'settings.',
        resource_types=_WS,
        facts=("customer_managed_key",),
        check=is_true("customer_managed_key"),
        applies=_not_project,
        risk="Workspace metadata, run history and Foundry hub data are encrypted with Microsoft-managed keys only.",
        remediation="Add `properties.encryption` with `status: 'Enabled'` and a Key Vault key (Terraform "
        "`encryption { key_vault_id, key_id }`).",
        references=References(
            defender="(Enable if required) Azure Machine Learning workspaces should be encrypted with a customer-managed key (CMK)",
            azure_policy=("ba769a63-b8cc-4b2d-abf6-ac33c7204be8",),
            compliance=controls("GAI:data-privacy GAI:information-security A.7.2"),
        ),
        fix=Fix(
            steps=(
                "Create a key in a Key Vault with soft delete and purge protection, and let the workspace's "
                "identity use it.",
                "Declare the workspace with `encryption` pointing at the key (`status: 'Enabled'`, "
                "`keyVaultProperties.keyVaultArmId` and `keyIdentifier`; Terraform `encryption { key_vault_id, "
                "key_id }`). Encryption with a customer-managed key is chosen when the workspace is created: an "
                "existing workspace has to be recreated.",
            ),
            changes=(
                terraform("azurerm_machine_learning_workspace", """
                    resource "azurerm_machine_learning_workspace" "this" {
                      # ...
                      encryption {
                        key_vault_id = azurerm_key_vault.cmk.id
                        key_id       = azurerm_key_vault_key.cmk.id
                      }
                    }"""),
                terraform("azurerm_ai_foundry", """
                    resource "azurerm_ai_foundry" "this" {
                      # ...
                      encryption {
                        key_vault_id = azurerm_key_vault.cmk.id
                        key_id       = azurerm_key_vault_key.cmk.id
                      }
                    }"""),
                *patch(ML_WORKSPACE, {"properties": {"encryption": {
                    "status": "Enabled",
                    "keyVaultProperties": {
                        "keyVaultArmId": param("keyVaultId", "vault.id"),
                        "keyIdentifier": param("cmkKeyUri", "cmkKey.properties.keyUriWithVersion"),
                    },
                }}}),
            ),
        ),
    ),
    Rule(
        id="AISPM-AZ-024",
        title="Azure Machine Learning workspaces should use user-assigned managed identity",
        severity=Severity.LOW,
        pillar=Pillar.IDENTITY,
        resource_types=_WS,
        facts=("user_assigned_identity",),
        check=is_true("user_assigned_identity"),
        risk="A system-assigned identity is created and deleted with the workspace, so its role assignments cannot "
        "be reviewed or pre-provisioned with least privilege.",
        remediation="Use `identity.type: 'UserAssigned'` with `primaryUserAssignedIdentity`.",
        references=References(
            psrule=("Azure.ML.UserManagedIdentity",),
            azure_policy=("5f0c7d88",),
            compliance=controls("AML.T0012 GAI:information-security"),
        ),
        fix=Fix(
            steps=(
                "Create a user-assigned identity and grant it, before the workspace exists, the roles the workspace "
                "needs on its storage account, Key Vault, container registry and Application Insights.",
                "Set the workspace's identity to `UserAssigned` with that identity, and name it as "
                "`primaryUserAssignedIdentity` (Terraform `primary_user_assigned_identity`).",
            ),
            changes=(
                terraform("azurerm_machine_learning_workspace", """
                    resource "azurerm_machine_learning_workspace" "this" {
                      # ...
                      primary_user_assigned_identity = azurerm_user_assigned_identity.workspace.id

                      identity {
                        type         = "UserAssigned"
                        identity_ids = [azurerm_user_assigned_identity.workspace.id]
                      }
                    }"""),
                *patch(ML_WORKSPACE, {
                    "identity": {
                        "type": "UserAssigned",
                        "userAssignedIdentities": {
                            Expr("'${workspaceIdentity.id}'", "[parameters('workspaceIdentityId')]"): {}},
                    },
                    "properties": {
                        "primaryUserAssignedIdentity": param("workspaceIdentityId", "workspaceIdentity.id"),
                    },
                }),
            ),
        ),
    ),
    Rule(
        id="AISPM-AZ-025",
        title="Azure Machine Learning and AI Foundry hubs should use Allow Only Approved Outbound managed network mode",
        severity=Severity.MEDIUM,
        pillar=Pillar.NETWORK,
        scope="Workspaces and Foundry hubs; not hub-based projects, which inherit their hub's "
        'settings.',
        resource_types=_WS,
        facts=("outbound_restricted",),
        check=is_true("outbound_restricted"),
        applies=_not_project,
        risk="Compute in a workspace with unrestricted outbound access can send training data, models and secrets "
        "to any host on the internet.",
        remediation="Set `managedNetwork.isolationMode: 'AllowOnlyApprovedOutbound'` (Terraform `managed_network { "
        "isolation_mode = \"AllowOnlyApprovedOutbound\" }`).",
        references=References(azure_policy=("6ddb1705",),
                              compliance=controls("LLM02 AML.T0025 GAI:data-privacy")),
        fix=Fix(
            steps=(
                "List what jobs and computes must reach, and add them as outbound rules: private endpoints for "
                "your Azure resources, service tags, FQDNs (package feeds, model hubs).",
                "Set the managed network to `AllowOnlyApprovedOutbound` (Terraform `managed_network { "
                "isolation_mode = \"AllowOnlyApprovedOutbound\" }`). Managed network isolation cannot be switched "
                "off again once enabled.",
            ),
            changes=(
                terraform("azurerm_machine_learning_workspace", """
                    resource "azurerm_machine_learning_workspace" "this" {
                      # ...
                      managed_network {
                        isolation_mode = "AllowOnlyApprovedOutbound"
                      }
                    }"""),
                terraform("azurerm_ai_foundry", """
                    resource "azurerm_ai_foundry" "this" {
                      # ...
                      managed_network {
                        isolation_mode = "AllowOnlyApprovedOutbound"
                      }
                    }"""),
                *patch(ML_WORKSPACE, {"properties": {"managedNetwork": {"isolationMode": "AllowOnlyApprovedOutbound"}}}),
                cli("""
                    az ml workspace update --name <workspace-name> --resource-group <resource-group> \\
                      --managed-network allow_only_approved_outbound"""),
            ),
        ),
    ),
    Rule(
        id="AISPM-AZ-026",
        title="Application Insights should be used on Microsoft Foundry (Preview)",
        severity=Severity.MEDIUM,
        pillar=Pillar.LOGGING,
        scope="Workspaces and Foundry hubs; not hub-based projects, which inherit their hub's "
        'settings.',
        resource_types=_WS,
        facts=("application_insights",),
        check=is_true("application_insights"),
        applies=_not_project,
        risk="Without Application Insights, the traces of model calls, agent runs and evaluations are not kept, so "
        "abuse and failures go unseen.",
        remediation="Set `properties.applicationInsights` to an Application Insights component id.",
        references=References(
            defender="Application Insights should be used on Microsoft Foundry (Preview)",
            urls=(_LEARN,),
            compliance=controls("A.6.2.6 GAI:information-security"),
        ),
        fix=Fix(
            steps=(
                "Create (or reuse) an Application Insights component, preferably workspace-based.",
                "Set the workspace's or hub's `applicationInsights` to its id (Terraform "
                "`application_insights_id`).",
            ),
            changes=(
                terraform("azurerm_ai_foundry", """
                    resource "azurerm_ai_foundry" "this" {
                      # ...
                      application_insights_id = azurerm_application_insights.workspace.id
                    }""", note="`azurerm_machine_learning_workspace` always has one: `application_insights_id` is "
                           "required there."),
                *patch(ML_WORKSPACE, {"properties": {"applicationInsights": param("applicationInsightsId",
                                                                                   "appInsights.id")}}),
                resource_update(ML_WORKSPACE, "properties.applicationInsights=<application-insights-id>"),
            ),
        ),
    ),
    Rule(
        id="AISPM-AZ-027",
        title="Microsoft Entra ID should be used when connecting Microsoft Foundry to default storage account (Preview)",
        severity=Severity.HIGH,
        pillar=Pillar.IDENTITY,
        scope="Workspaces and Foundry hubs; not hub-based projects, which inherit their hub's "
        'settings.',
        resource_types=_WS,
        facts=("storage_identity_auth",),
        check=is_true("storage_identity_auth"),
        applies=_not_project,
        risk="With credential-based access the workspace stores the storage account key: anyone who can read the "
        "workspace's connections gets full access to its data, and the key bypasses Entra ID auditing.",
        remediation="Set `properties.systemDatastoresAuthMode: 'identity'` and grant the workspace identity Storage "
        "Blob Data Contributor on the default storage account.",
        references=References(
            defender="Microsoft Entra ID should be used when connecting Microsoft Foundry to default storage account (Preview)",
            urls=(_LEARN,),
            compliance=controls("LLM08 AML.T0012 GAI:information-security"),
        ),
        fix=Fix(
            steps=(
                "Grant the workspace's managed identity Storage Blob Data Contributor and Storage File Data "
                "Privileged Contributor on the default storage account, and the same roles (or the Reader "
                "variants) to the users who work with its data.",
                "Set `systemDatastoresAuthMode` to `identity`. `azurerm_machine_learning_workspace` and "
                "`azurerm_ai_foundry` have no argument for it: set it with an `azapi_update_resource` (or declare "
                "the workspace with `azapi_resource`).",
                "Then disable shared key access on the storage account (`allowSharedKeyAccess: false`).",
            ),
            changes=(
                terraform("azurerm_machine_learning_workspace", """
                    resource "azapi_update_resource" "workspace_identity_datastores" {
                      type        = "Microsoft.MachineLearningServices/workspaces@2024-10-01"
                      resource_id = azurerm_machine_learning_workspace.this.id
                      body = {
                        properties = {
                          systemDatastoresAuthMode = "identity"
                        }
                      }
                    }"""),
                *patch(ML_WORKSPACE, {"properties": {"systemDatastoresAuthMode": "identity"}}),
                cli("""
                    az ml workspace update --name <workspace-name> --resource-group <resource-group> \\
                      --system-datastores-auth-mode identity"""),
            ),
        ),
    ),
    Rule(
        id="AISPM-AZ-028",
        title="Azure Machine Learning managed network should reach dependencies through private endpoint outbound rules",
        severity=Severity.LOW,
        pillar=Pillar.NETWORK,
        scope="Workspaces and Foundry hubs; not hub-based projects, which inherit their hub's "
        'settings.',
        resource_types=_WS,
        facts=("outbound_private_endpoints",),
        check=is_true("outbound_private_endpoints"),
        applies=_not_project,
        risk="Without private-endpoint outbound rules, the managed network reaches storage, Key Vault and AI services "
        "over their public endpoints.",
        remediation="Add `managedNetwork.outboundRules` entries of `type: 'PrivateEndpoint'` for the workspace's "
        "dependencies.",
        references=References(checkov=("CKV_AZURE_243",),
                              compliance=controls("LLM02 AML.T0025 GAI:data-privacy")),
        fix=Fix(
            steps=(
                "Put the workspace on a managed network (AISPM-AZ-025).",
                "Add an outbound rule of type private endpoint for each dependency the workspace reaches: its "
                "storage account (`blob`, `file`), Key Vault (`vault`), container registry (`registry`) and the AI "
                "services it calls (Terraform "
                "`azurerm_machine_learning_workspace_network_outbound_rule_private_endpoint`).",
            ),
            changes=(
                terraform("azurerm_machine_learning_workspace", """
                    resource "azurerm_machine_learning_workspace_network_outbound_rule_private_endpoint" "storage_blob" {
                      name                = "storage-blob"
                      workspace_id        = azurerm_machine_learning_workspace.this.id
                      service_resource_id = azurerm_storage_account.workspace.id
                      sub_resource_target = "blob"
                    }"""),
                *patch(ML_WORKSPACE, {"properties": {"managedNetwork": {
                    "isolationMode": "AllowOnlyApprovedOutbound",
                    "outboundRules": {"storage-blob": {
                        "type": "PrivateEndpoint",
                        "category": "UserDefined",
                        "destination": {"serviceResourceId": param("storageAccountId", "storage.id"),
                                        "subresourceTarget": "blob", "sparkEnabled": False},
                    }},
                }}}),
                cli("""
                    az ml workspace outbound-rule set --resource-group <resource-group> --workspace-name <workspace-name> \\
                      --rule storage-blob --type private_endpoint \\
                      --service-resource-id <storage-account-id> --subresource-target blob --spark-enabled false"""),
            ),
        ),
    ),
    Rule(
        id="AISPM-AZ-029",
        title="Storage of a high-business-impact Machine Learning workspace should not be publicly accessible",
        severity=Severity.HIGH,
        pillar=Pillar.DATA,
        resource_types=_WS,
        facts=("high_business_impact", "storage_public_network_access"),
        check=_hbi_storage_private,
        risk="A workspace flagged as high business impact keeps sensitive training data in its default storage "
        "account; if that account accepts public traffic the data is one leaked key away from exfiltration.",
        remediation="Disable public network access on the workspace's storage account (`publicNetworkAccess: "
        "'Disabled'`, Terraform `public_network_access_enabled = false`).",
        references=References(checkov=("CKV2_AZURE_50",),
                              compliance=controls("LLM02 AML.T0036 GAI:data-privacy A.7.2")),
        fix=Fix(
            steps=(
                "Give the workspace a way to reach its storage privately: private endpoints for `blob` and `file` "
                "in your network, or outbound rules of its managed network (AISPM-AZ-028).",
                "Disable public network access on the workspace's storage account (`publicNetworkAccess: "
                "'Disabled'`, Terraform `public_network_access_enabled = false`).",
            ),
            changes=(
                terraform("azurerm_storage_account", """
                    resource "azurerm_storage_account" "this" {
                      # ...
                      public_network_access_enabled = false
                    }""", note="The storage account the workspace's `storage_account_id` names."),
                *patch(STORAGE_ACCOUNT, {"properties": {"publicNetworkAccess": "Disabled"}},
                       note="On the storage account the workspace's `storageAccount` names."),
                cli("""
                    az storage account update --name <storage-account-name> --resource-group <resource-group> \\
                      --public-network-access Disabled"""),
            ),
        ),
    ),
]
