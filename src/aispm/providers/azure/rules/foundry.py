"""Rules for Microsoft Foundry resources as Defender for Cloud's Foundry recommendations name them.

A Foundry resource is an AI Services account with project management (`kind: AIServices`,
`allowProjectManagement: true`) or a hub-based Foundry hub (an ML workspace of kind `Hub`); the
facts that say so are in `facts/foundry.py`. The account- and workspace-wide rules in
`ai_services.py` and `ml.py` judge the same settings under their own Defender titles; these rules
judge Foundry resources only, one finding per resource, so that each Foundry recommendation has
its verdict. Foundry connections to data stores are judged here too.
"""

from __future__ import annotations

from aispm.compliance import controls
from aispm.model import Pillar, References, Severity
from aispm.providers.azure.catalog import (
    COGNITIVE_ACCOUNT,
    COGNITIVE_CONNECTION,
    COGNITIVE_PROJECT_CONNECTION,
    ML_CONNECTION,
    ML_WORKSPACE,
)
from aispm.providers.azure.rules.fixes import Expr, cli, param, patch, resource_update, terraform
from aispm.rules.engine import Fix, Rule

_LEARN = "https://learn.microsoft.com/azure/defender-for-cloud/recommendations-reference-ai"
_FOUNDRY = (COGNITIVE_ACCOUNT, ML_WORKSPACE)
_SCOPE = ("Microsoft Foundry resources: AI Services accounts with project management (`kind: AIServices`, "
          "`allowProjectManagement: true`) and Foundry hubs (ML workspaces of kind `Hub`).")
_CONNECTIONS = (COGNITIVE_CONNECTION, COGNITIVE_PROJECT_CONNECTION, ML_CONNECTION)

#: Connection categories that are data stores (the Foundry / AML connection categories).
DATA_STORE_CATEGORIES = frozenset(c.lower() for c in (
    "AzureBlob", "AzureDataLakeGen2", "AzureOneLake", "AzureSqlDb", "AzureSqlMi", "AzureSynapseAnalytics",
    "AzureMySqlDb", "AzurePostgresDb", "CosmosDb", "CosmosDbMongoDbApi", "AzureTableStorage", "AzureDataExplorer",
    "AzureDatabricksDeltaLake", "AzureFile", "ADLSGen2",
))
#: Authentication types that use Microsoft Entra ID (pass), and those that do not: a key, token or password, or none (fail).
ENTRA_AUTH = frozenset(("aad", "managedidentity", "serviceprincipal"))
NOT_ENTRA_AUTH = frozenset(("accountkey", "accesskey", "sas", "apikey", "customkeys", "usernamepassword", "pat", "none"))


def _foundry(facts: dict) -> bool:
    """Foundry hubs, and AI Services accounts with project management (or not known not to be)."""
    if "workspace_kind" in facts:
        return facts["workspace_kind"] == "hub"
    return facts.get("foundry_resource") is not False


def _foundry_check(fact: str, want: bool):
    def check(facts: dict) -> bool | None:
        if "workspace_kind" not in facts and facts.get("foundry_resource") is None:
            return None  # whether the account is a Foundry resource is not known
        v = facts.get(fact)
        return None if v is None else v is want

    return check


def _data_store_connection(facts: dict) -> bool:
    cat = facts.get("connection_category")
    return cat is None or cat.lower() in DATA_STORE_CATEGORIES


def _entra_auth(facts: dict) -> bool | None:
    cat, auth = facts.get("connection_category"), facts.get("connection_auth_type")
    if cat is None or auth is None:
        return None
    a = auth.lower()
    return True if a in ENTRA_AUTH else False if a in NOT_ENTRA_AUTH else None


RULES = [
    Rule(
        id="AISPM-AZ-070",
        title="Network connections should be limited on Microsoft Foundry (Preview)",
        severity=Severity.MEDIUM,
        pillar=Pillar.NETWORK,
        scope=_SCOPE,
        resource_types=_FOUNDRY,
        facts=("open_to_all_networks",),
        check=_foundry_check("open_to_all_networks", False),
        applies=_foundry,
        risk="A Foundry resource open to all networks accepts calls to its models, agents, projects and data "
        "connections from anywhere on the internet: a leaked key or token is usable from any host. AISPM-AZ-002 "
        "and AISPM-AZ-020 judge the same switch on every account and workspace under their own Defender titles.",
        remediation="Set `publicNetworkAccess: 'Disabled'` and use private endpoints, or keep it enabled with "
        "`networkAcls.defaultAction: 'Deny'` and the allowed IP ranges and subnets (a hub: `ipAllowlist`). "
        "Terraform: `public_network_access = \"Disabled\"` (`azurerm_ai_services`, `azurerm_ai_foundry`) or a "
        "`network_acls { default_action = \"Deny\" }` block.",
        references=References(
            defender="Network connections should be limited on Microsoft Foundry (Preview)",
            urls=(_LEARN, "https://learn.microsoft.com/azure/ai-foundry/how-to/configure-private-link"),
            compliance=controls("AML.T0040 AML.T0049 GAI:information-security"),
        ),
        fix=Fix(
            steps=(
                "Decide how clients reach the Foundry resource: through private endpoints only, or from a known "
                "list of public IP ranges and virtual-network subnets.",
                "Private endpoints only: declare the private endpoint (`account` for an AI Services account, "
                "`amlworkspace` for a hub), then set `publicNetworkAccess` to `Disabled`.",
                "Known networks: on an account keep public access on with `networkAcls.defaultAction: 'Deny'` and "
                "the allowed `ipRules` / `virtualNetworkRules` (Terraform `network_acls`, which needs "
                "`custom_subdomain_name`); on a hub list the allowed ranges in `ipAllowlist`.",
            ),
            changes=(
                terraform("azurerm_ai_services", """
                    resource "azurerm_ai_services" "this" {
                      # ...
                      public_network_access = "Disabled"
                    }""", note="Private endpoints only."),
                terraform("azurerm_cognitive_account", """
                    resource "azurerm_cognitive_account" "this" {
                      # ...
                      network_acls {
                        default_action = "Deny"
                        ip_rules       = ["203.0.113.0/24"]
                      }
                    }""", note="Known networks: deny by default, allow listed ranges and subnets."),
                terraform("azurerm_ai_foundry", """
                    resource "azurerm_ai_foundry" "this" {
                      # ...
                      public_network_access = "Disabled"
                    }"""),
                *patch(COGNITIVE_ACCOUNT, {"properties": {"publicNetworkAccess": "Disabled"}},
                       note="Private endpoints only."),
                *patch(COGNITIVE_ACCOUNT, {"properties": {"networkAcls": {
                    "defaultAction": "Deny", "ipRules": [{"value": "203.0.113.0/24"}], "virtualNetworkRules": []}}},
                    note="Known networks: deny by default, allow listed ranges and subnets."),
                *patch(ML_WORKSPACE, {"properties": {"publicNetworkAccess": "Disabled"}}),
                resource_update(COGNITIVE_ACCOUNT, "properties.publicNetworkAccess=Disabled"),
                cli("""
                    az ml workspace update --name <hub-name> --resource-group <resource-group> \\
                      --public-network-access Disabled""", target=ML_WORKSPACE),
            ),
        ),
    ),
    Rule(
        id="AISPM-AZ-071",
        title="[Enable if required] Customer-managed keys should be used to encrypt data on Microsoft Foundry (Preview)",
        severity=Severity.LOW,
        pillar=Pillar.DATA,
        scope=_SCOPE,
        resource_types=_FOUNDRY,
        facts=("customer_managed_key",),
        check=_foundry_check("customer_managed_key", True),
        applies=_foundry,
        risk="Defender does not assess this by default ('[Enable if required]': the policy's effect must be "
        "changed), and aispm has no notion of a rule off by default, so the rule is low severity: where "
        "regulation asks for key custody, Foundry data (agents' threads and files, fine-tuning data, project "
        "data) encrypted with Microsoft-managed keys cannot be revoked by the organisation. AISPM-AZ-004 and "
        "AISPM-AZ-023 judge the same setting on every account and workspace.",
        remediation="Encrypt with a Key Vault key: on an account `encryption.keySource: 'Microsoft.KeyVault'` with "
        "`keyVaultProperties` (Terraform `customer_managed_key`), on a hub `encryption.status: 'Enabled'` with "
        "`keyVaultProperties` (Terraform `encryption { key_vault_id, key_id }`).",
        references=References(
            defender="[Enable if required] Customer-managed keys should be used to encrypt data on Microsoft Foundry (Preview)",
            urls=(_LEARN, "https://learn.microsoft.com/azure/ai-foundry/concepts/encryption-keys-portal"),
            compliance=controls("GAI:data-privacy GAI:information-security A.7.2"),
        ),
        fix=Fix(
            steps=(
                "Only where required: Defender leaves this recommendation off unless the policy is enabled.",
                "Create an RSA key in a Key Vault with soft delete and purge protection, and grant the Foundry "
                "resource's managed identity the Key Vault Crypto Service Encryption User role on the vault.",
                "Point the account's encryption at the key (`keySource: 'Microsoft.KeyVault'`, "
                "`keyVaultProperties`), or declare the hub with `encryption` (`status: 'Enabled'`, "
                "`keyVaultProperties`). A hub's customer-managed key is chosen at creation: an existing hub has "
                "to be recreated.",
            ),
            changes=(
                terraform("azurerm_cognitive_account", """
                    resource "azurerm_cognitive_account" "this" {
                      # ...
                      customer_managed_key {
                        key_vault_key_id   = azurerm_key_vault_key.cmk.id
                        identity_client_id = azurerm_user_assigned_identity.cmk.client_id
                      }
                    }""", note="The account needs the user-assigned identity in its `identity` block."),
                terraform("azurerm_ai_foundry", """
                    resource "azurerm_ai_foundry" "this" {
                      # ...
                      encryption {
                        key_vault_id = azurerm_key_vault.cmk.id
                        key_id       = azurerm_key_vault_key.cmk.id
                      }
                    }"""),
                *patch(COGNITIVE_ACCOUNT, {
                    "identity": {"type": "UserAssigned",
                                 "userAssignedIdentities": {Expr("'${cmkIdentity.id}'", "[parameters('cmkIdentityId')]"): {}}},
                    "properties": {"encryption": {
                        "keySource": "Microsoft.KeyVault",
                        "keyVaultProperties": {
                            "keyName": param("cmkKeyName", "cmkKey.name"),
                            "keyVaultUri": param("keyVaultUri", "vault.properties.vaultUri"),
                            "identityClientId": param("cmkIdentityClientId", "cmkIdentity.properties.clientId"),
                        },
                    }},
                }),
                *patch(ML_WORKSPACE, {"properties": {"encryption": {
                    "status": "Enabled",
                    "keyVaultProperties": {
                        "keyVaultArmId": param("keyVaultId", "vault.id"),
                        "keyIdentifier": param("cmkKeyUri", "cmkKey.properties.keyUriWithVersion"),
                    },
                }}}),
                cli("""
                    az cognitiveservices account update --name <account-name> --resource-group <resource-group> \\
                      --encryption '{"keySource": "Microsoft.KeyVault", "keyVaultProperties": {"keyName": "<key-name>", "keyVaultUri": "https://<vault-name>.vault.azure.net/", "identityClientId": "<identity-client-id>"}}'""",
                    target=COGNITIVE_ACCOUNT),
            ),
        ),
    ),
    Rule(
        id="AISPM-AZ-072",
        title="Microsoft Entra ID should be used when connecting to data stores on Microsoft Foundry project (Preview)",
        severity=Severity.HIGH,
        pillar=Pillar.IDENTITY,
        scope="Connections of a Foundry project, account or hub (`accounts/projects/connections`, "
        "`accounts/connections`, `workspaces/connections`) whose category is a data store (AzureBlob, "
        "AzureDataLakeGen2, AzureOneLake, AzureSqlDb, CosmosDb, ...).",
        resource_types=_CONNECTIONS,
        facts=("connection_category", "connection_auth_type"),
        check=_entra_auth,
        applies=_data_store_connection,
        risk="A data store connection that authenticates with an account key, a SAS token, an API key or a password "
        "stores that secret in the project: anyone who can use or read the project's connections reaches the "
        "whole data store with it, the access is not tied to an identity in the store's logs, and the secret "
        "must be rotated by hand. Agents and prompt flows that use the connection inherit that access.",
        remediation="Set the connection's `authType` to `AAD` (Microsoft Entra ID, the project's managed identity or "
        "the caller's identity) and remove its `credentials`; grant the identity a data role on the store "
        "(Storage Blob Data Reader, Cosmos DB Built-in Data Reader, a SQL contained user).",
        references=References(
            defender="Microsoft Entra ID should be used when connecting to data stores on Microsoft Foundry project (Preview)",
            urls=(_LEARN, "https://learn.microsoft.com/azure/ai-foundry/how-to/connections-add"),
            compliance=controls("LLM08 AML.T0012 GAI:information-security"),
        ),
        fix=Fix(
            steps=(
                "Grant the identity that will use the connection (the project's managed identity, and the users "
                "or agents that query through it) a data-plane role on the data store: Storage Blob Data Reader or "
                "Contributor on storage, a Cosmos DB data role, an Entra ID user in the database.",
                "Recreate or update the connection with `authType: 'AAD'` and no `credentials` (the key, SAS "
                "token or password it held).",
                "Rotate the key or revoke the SAS token the connection held, and where possible disable "
                "key-based access on the store (`allowSharedKeyAccess: false`, Cosmos DB `disableLocalAuth`).",
            ),
            changes=(
                terraform("azapi_resource", """
                    resource "azapi_resource" "project_storage_connection" {
                      type      = "Microsoft.CognitiveServices/accounts/projects/connections@2025-06-01"
                      name      = "storage-entra"
                      parent_id = azapi_resource.project.id
                      body = {
                        properties = {
                          category = "AzureBlob"
                          target   = "https://stdata.blob.core.windows.net/"
                          authType = "AAD"
                          metadata = {
                            ContainerName = "data"
                            AccountName   = "stdata"
                          }
                        }
                      }
                    }""", note="azurerm has no connection resource: declare it with azapi, without `credentials`."),
                *patch(COGNITIVE_PROJECT_CONNECTION, {"properties": {"authType": "AAD"}},
                       note="Remove the connection's `credentials`."),
                *patch(COGNITIVE_CONNECTION, {"properties": {"authType": "AAD"}},
                       note="Remove the connection's `credentials`."),
                *patch(ML_CONNECTION, {"properties": {"authType": "AAD"}},
                       note="Remove the connection's `credentials`."),
                resource_update(COGNITIVE_PROJECT_CONNECTION, "properties.authType=AAD",
                                note="Add `--remove properties.credentials`."),
            ),
        ),
    ),
]
