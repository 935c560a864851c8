"""Rules for Azure AI Services / Azure OpenAI / Foundry accounts and their model
deployments, and the rules that judge Azure AI Search together with them (key access,
network, private link, logs); the AI Search-only rules are in `search.py`.

Conditions follow the Azure Policy definitions behind Defender for Cloud's AI
recommendations (see docs/rules.md for the mapping and the deliberate
differences from Checkov).
"""

from __future__ import annotations

from aispm.providers.azure.catalog import COGNITIVE_ACCOUNT, COGNITIVE_DEPLOYMENT, SEARCH_SERVICE
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
from aispm.rules.engine import Fix, Rule, is_false, is_true
from aispm.compliance import controls

_AI = (COGNITIVE_ACCOUNT, SEARCH_SERVICE)
_LEARN = "https://learn.microsoft.com/azure/defender-for-cloud/recommendations-reference-ai"


def _kind_in(*kinds: str):
    wanted = {k.lower() for k in kinds}

    def applies(facts: dict) -> bool:
        kind = facts.get("account_kind")
        return isinstance(kind, str) and kind.lower() in wanted

    return applies


def _storage_or_key_source(facts: dict) -> bool | None:
    """Policy 11566b39: fail when neither `userOwnedStorage` nor `encryption.keySource` is set."""
    storage, source = facts.get("customer_owned_storage"), facts.get("encryption_key_source_set")
    if storage is True or source is True:
        return True
    return None if storage is None or source is None else False


def _encryption_has_key_source(facts: dict) -> bool | None:
    """Policy 2bdd0062: fail when `encryption` is present and its `keySource` is not."""
    declared, source = facts.get("encryption_declared"), facts.get("encryption_key_source_set")
    if declared is False or source is True:
        return True
    return None if declared is None or source is None else False


RULES = [
    Rule(
        id="AISPM-AZ-001",
        title="Azure AI Services resources should have key access disabled (disable local authentication)",
        severity=Severity.MEDIUM,
        pillar=Pillar.IDENTITY,
        resource_types=_AI,
        facts=("local_auth_enabled",),
        check=is_false("local_auth_enabled"),
        risk="API keys never expire on their own, are shared by every caller and leave no identity in the logs: "
        "a key leaked from code, an app setting or a notebook gives anyone full data-plane access to the models "
        "and indexes behind it.",
        remediation="Require Microsoft Entra ID: set `disableLocalAuth: true` (ARM/Bicep) or "
        "`local_auth_enabled = false` (Terraform azurerm_cognitive_account) / `local_authentication_enabled = false` "
        "(azurerm_search_service), and grant callers a data-plane role such as Cognitive Services OpenAI User.",
        references=References(
            defender="Azure AI Services resources should have key access disabled (disable local authentication)",
            checkov=("CKV_AZURE_236",),
            psrule=("Azure.AI.DisableLocalAuth", "Azure.Search.LocalAuth"),
            azure_policy=("71ef260a-8f18-47b7-abcb-62d0673d94dc", "6300012e"),
            urls=(_LEARN,),
            compliance=controls("LLM10 AML.T0012 GAI:information-security"),
        ),
        fix=Fix(
            steps=(
                "Give every caller a Microsoft Entra identity and a data-plane role on the resource (Cognitive "
                "Services OpenAI User or Cognitive Services User on an AI Services / OpenAI account, Search Index "
                "Data Reader or Contributor on AI Search), and switch the clients from keys to tokens "
                "(`DefaultAzureCredential`).",
                "Disable key access: `disableLocalAuth: true` on the account or search service (Terraform "
                "`local_auth_enabled = false` on `azurerm_cognitive_account`, `local_authentication_enabled = false` "
                "on `azurerm_ai_services` and `azurerm_search_service`). On AI Search, remove `authOptions`: it "
                "cannot be set together with `disableLocalAuth`.",
                "Regenerate both keys, so that copies already handed out stop working if key access is ever turned "
                "back on.",
            ),
            changes=(
                terraform("azurerm_cognitive_account", """
                    resource "azurerm_cognitive_account" "this" {
                      # ...
                      local_auth_enabled = false
                    }"""),
                terraform("azurerm_ai_services", """
                    resource "azurerm_ai_services" "this" {
                      # ...
                      local_authentication_enabled = false
                    }"""),
                terraform("azurerm_search_service", """
                    resource "azurerm_search_service" "this" {
                      # ...
                      local_authentication_enabled = false
                    }"""),
                *patch(COGNITIVE_ACCOUNT, {"properties": {"disableLocalAuth": True}}),
                *patch(SEARCH_SERVICE, {"properties": {"disableLocalAuth": True}}),
                resource_update(COGNITIVE_ACCOUNT, "properties.disableLocalAuth=true"),
                resource_update(SEARCH_SERVICE, "properties.disableLocalAuth=true",
                                note="If the service has `authOptions`, add `--remove properties.authOptions`."),
            ),
        ),
    ),
    Rule(
        id="AISPM-AZ-002",
        title="Azure AI Services resources should restrict network access",
        severity=Severity.MEDIUM,
        pillar=Pillar.NETWORK,
        resource_types=_AI,
        facts=("public_network_access",),
        check=is_false("public_network_access"),
        risk="An endpoint that accepts traffic from every network can be reached by anyone holding a key or a token, "
        "from anywhere: leaked credentials become immediately usable and the service is exposed to brute force "
        "and model abuse.",
        remediation="Set `publicNetworkAccess: 'Disabled'`, or keep it enabled with `networkAcls.defaultAction: 'Deny'` "
        "and explicit IP/VNet rules (Search: `networkRuleSet.ipRules`). Terraform: `public_network_access_enabled = "
        "false` or a `network_acls { default_action = \"Deny\" }` block.",
        references=References(
            defender="Azure AI Services resources should restrict network access",
            psrule=("Azure.AI.PublicAccess",),
            azure_policy=("037eea7a-bd0a-46c5-9a66-03aea78705d3",),
            urls=(_LEARN,),
            compliance=controls("AML.T0040 AML.T0049 GAI:information-security"),
        ),
        fix=Fix(
            steps=(
                "Decide how clients reach the resource: through private endpoints only (AISPM-AZ-003), or from a "
                "known list of public IP ranges and virtual-network subnets.",
                "Private endpoints only: set `publicNetworkAccess` to `Disabled`.",
                "Known networks: keep public access on and deny by default — on an account, "
                "`networkAcls.defaultAction: 'Deny'` with the allowed `ipRules` and `virtualNetworkRules` (Terraform "
                "`network_acls`, which needs `custom_subdomain_name`); on AI Search, the allowed ranges in "
                "`networkRuleSet.ipRules` (Terraform `allowed_ips`), never `0.0.0.0/0`.",
            ),
            changes=(
                terraform("azurerm_cognitive_account", """
                    resource "azurerm_cognitive_account" "this" {
                      # ...
                      public_network_access_enabled = false
                    }""", note="Private endpoints only."),
                terraform("azurerm_cognitive_account", """
                    resource "azurerm_cognitive_account" "this" {
                      # ...
                      network_acls {
                        default_action = "Deny"
                        ip_rules       = ["203.0.113.0/24"]
                      }
                    }""", note="Known networks: deny by default, allow listed ranges and subnets."),
                terraform("azurerm_ai_services", """
                    resource "azurerm_ai_services" "this" {
                      # ...
                      public_network_access = "Disabled"
                    }"""),
                terraform("azurerm_search_service", """
                    resource "azurerm_search_service" "this" {
                      # ...
                      public_network_access_enabled = false
                    }""", note="Private endpoints only."),
                terraform("azurerm_search_service", """
                    resource "azurerm_search_service" "this" {
                      # ...
                      allowed_ips = ["203.0.113.0/24"]
                    }""", note="Known networks: only the listed ranges."),
                *patch(COGNITIVE_ACCOUNT, {"properties": {"publicNetworkAccess": "Disabled"}},
                       note="Private endpoints only."),
                *patch(COGNITIVE_ACCOUNT, {"properties": {"networkAcls": {
                    "defaultAction": "Deny", "ipRules": [{"value": "203.0.113.0/24"}], "virtualNetworkRules": []}}},
                    note="Known networks: deny by default, allow listed ranges and subnets."),
                *patch(SEARCH_SERVICE, {"properties": {"publicNetworkAccess": "disabled"}},
                       note="Private endpoints only."),
                *patch(SEARCH_SERVICE, {"properties": {"networkRuleSet": {"ipRules": [{"value": "203.0.113.0/24"}]}}},
                       note="Known networks: only the listed ranges."),
                resource_update(COGNITIVE_ACCOUNT, "properties.publicNetworkAccess=Disabled"),
                resource_update(SEARCH_SERVICE, "properties.publicNetworkAccess=disabled"),
            ),
        ),
    ),
    Rule(
        id="AISPM-AZ-003",
        title="Azure AI Services resources should use Azure Private Link",
        severity=Severity.MEDIUM,
        pillar=Pillar.NETWORK,
        resource_types=_AI,
        facts=("private_endpoint",),
        check=is_true("private_endpoint"),
        risk="Without a private endpoint, clients reach the service over its public endpoint: traffic and the "
        "service itself stay reachable from outside the virtual network.",
        remediation="Declare a private endpoint for the account (`Microsoft.Network/privateEndpoints` with "
        "`groupIds: ['account']`, or `searchService` for AI Search; Terraform `azurerm_private_endpoint` with a "
        "`private_service_connection` to the account) and a private DNS zone.",
        references=References(
            defender="Azure AI Services resources should use Azure Private Link",
            psrule=("Azure.AI.PrivateEndpoints",),
            azure_policy=("d6759c02-b87f-42b7-892e-71b3f471d782",),
            urls=(_LEARN,),
            compliance=controls("AML.T0040 AML.T0049 GAI:information-security"),
        ),
        fix=Fix(
            steps=(
                "Declare a private endpoint in a subnet of your virtual network that connects to the resource: "
                "sub-resource (group id) `account` for an AI Services / OpenAI account, `searchService` for AI "
                "Search.",
                "Link the service's private DNS zones to the virtual network (for an account "
                "`privatelink.cognitiveservices.azure.com` and `privatelink.openai.azure.com`, for AI Search "
                "`privatelink.search.windows.net`), so that clients resolve the endpoint's private address.",
                "Once clients use the private endpoint, disable public network access (AISPM-AZ-006, AISPM-AZ-011).",
            ),
            changes=(
                *private_endpoint(COGNITIVE_ACCOUNT, "azurerm_cognitive_account", "account",
                                  "az cognitiveservices account show --name <account-name> "
                                  "--resource-group <resource-group>"),
                *private_endpoint(SEARCH_SERVICE, "azurerm_search_service", "searchService",
                                  "az search service show --name <search-name> --resource-group <resource-group>"),
            ),
        ),
    ),
    Rule(
        id="AISPM-AZ-004",
        title="(Enable if required) Azure AI Services resources should encrypt data at rest with a customer-managed key (CMK)",
        severity=Severity.LOW,
        pillar=Pillar.DATA,
        resource_types=(COGNITIVE_ACCOUNT,),
        facts=("customer_managed_key",),
        check=is_true("customer_managed_key"),
        risk="Fine-tuning data, uploaded files and stored completions are encrypted with Microsoft-managed keys: the "
        "organisation cannot revoke access to them or prove key custody where regulation requires it.",
        remediation="Set `properties.encryption.keySource: 'Microsoft.KeyVault'` with `keyVaultProperties`, or in "
        "Terraform a `customer_managed_key` block / `azurerm_cognitive_account_customer_managed_key` resource "
        "pointing at a Key Vault key.",
        references=References(
            defender="(Enable if required) Azure AI Services resources should encrypt data at rest with a customer-managed key (CMK)",
            checkov=("CKV2_AZURE_22",),
            azure_policy=("67121cc7-ff39-4ab8-b7e3-95b84dab487d",),
            urls=(_LEARN,),
            compliance=controls("GAI:data-privacy GAI:information-security A.7.2"),
        ),
        fix=Fix(
            steps=(
                "Create an RSA key in a Key Vault that has soft delete and purge protection enabled.",
                "Give the account a managed identity and let it use the key: the Key Vault Crypto Service "
                "Encryption User role on the vault (or `get`, `wrapKey` and `unwrapKey` permissions). A "
                "user-assigned identity can be granted before the account exists; a system-assigned one only after.",
                "Point the account's encryption at the key: `encryption.keySource: 'Microsoft.KeyVault'` with "
                "`keyVaultProperties` (key name, vault URI, and `identityClientId` for a user-assigned identity); "
                "in Terraform a `customer_managed_key` block or an `azurerm_cognitive_account_customer_managed_key` "
                "resource.",
            ),
            changes=(
                terraform("azurerm_cognitive_account", """
                    resource "azurerm_cognitive_account" "this" {
                      # ...
                      identity {
                        type = "SystemAssigned"
                      }
                    }

                    resource "azurerm_cognitive_account_customer_managed_key" "account" {
                      cognitive_account_id = azurerm_cognitive_account.this.id
                      key_vault_key_id     = azurerm_key_vault_key.cmk.id
                    }""", note="Grant the account's identity access to the key before the key resource is applied."),
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
                cli("""
                    az cognitiveservices account identity assign --name <account-name> --resource-group <resource-group>
                    az role assignment create --assignee <identity-principal-id> \\
                      --role "Key Vault Crypto Service Encryption User" --scope <key-vault-id>
                    az cognitiveservices account update --name <account-name> --resource-group <resource-group> \\
                      --encryption '{"keySource": "Microsoft.KeyVault", "keyVaultProperties": {"keyName": "<key-name>", "keyVaultUri": "https://<vault-name>.vault.azure.net/"}}'"""),
            ),
        ),
    ),
    Rule(
        id="AISPM-AZ-005",
        title="Diagnostic logs in Azure AI services resources should be enabled",
        severity=Severity.LOW,
        pillar=Pillar.LOGGING,
        resource_types=_AI,
        facts=("diagnostic_logs",),
        check=is_true("diagnostic_logs"),
        risk="Without resource logs there is no record of who called the models or queried the index, which rules "
        "out investigating key misuse, prompt abuse or data exfiltration.",
        remediation="Declare a diagnostic setting that targets the resource with at least one enabled log category "
        "(`categoryGroup: 'allLogs'` or `audit`) and a Log Analytics workspace, storage account or event hub "
        "(Terraform `azurerm_monitor_diagnostic_setting` with `enabled_log`).",
        references=References(
            defender="Diagnostic logs in Azure AI services resources should be enabled",
            azure_policy=("1b4d1c4e-934c-4703-944c-27c82c06bebb",),
            urls=(_LEARN,),
            compliance=controls("LLM10 A.6.2.8 GAI:information-security"),
        ),
        fix=Fix(
            steps=(
                "Create (or reuse) a Log Analytics workspace, storage account or event hub to keep the logs.",
                "Declare a diagnostic setting on the resource that enables at least one log category: category "
                "group `allLogs` (or `audit`). Metrics alone do not count.",
            ),
            changes=(
                *diagnostic_setting(COGNITIVE_ACCOUNT, "azurerm_cognitive_account"),
                *diagnostic_setting(SEARCH_SERVICE, "azurerm_search_service"),
            ),
        ),
    ),
    Rule(
        id="AISPM-AZ-006",
        title="Public network access should be disabled for Cognitive Services accounts",
        severity=Severity.MEDIUM,
        pillar=Pillar.NETWORK,
        resource_types=(COGNITIVE_ACCOUNT,),
        facts=("public_network_access_disabled",),
        check=is_true("public_network_access_disabled"),
        risk="With the public endpoint switched on, the account's exposure depends entirely on firewall rules that "
        "drift over time; switching it off makes private endpoints the only way in.",
        remediation="Set `publicNetworkAccess: 'Disabled'` (Terraform `public_network_access_enabled = false`) and "
        "reach the account through a private endpoint.",
        references=References(
            defender="Public network access should be disabled for Cognitive Services accounts",
            checkov=("CKV_AZURE_134",),
            azure_policy=("0725b4dd",),
            compliance=controls("AML.T0040 AML.T0049 GAI:information-security"),
        ),
        fix=Fix(
            steps=(
                "Give clients a private endpoint to the account first (AISPM-AZ-003), or they lose access.",
                "Set `publicNetworkAccess` to `Disabled` (Terraform `public_network_access_enabled = false` on "
                "`azurerm_cognitive_account`, `public_network_access = \"Disabled\"` on `azurerm_ai_services`).",
            ),
            changes=(
                terraform("azurerm_cognitive_account", """
                    resource "azurerm_cognitive_account" "this" {
                      # ...
                      public_network_access_enabled = false
                    }"""),
                terraform("azurerm_ai_services", """
                    resource "azurerm_ai_services" "this" {
                      # ...
                      public_network_access = "Disabled"
                    }"""),
                *patch(COGNITIVE_ACCOUNT, {"properties": {"publicNetworkAccess": "Disabled"}}),
                resource_update(COGNITIVE_ACCOUNT, "properties.publicNetworkAccess=Disabled"),
            ),
        ),
    ),
    Rule(
        id="AISPM-AZ-007",
        title="Cognitive Services accounts should use a managed identity",
        severity=Severity.MEDIUM,
        pillar=Pillar.IDENTITY,
        resource_types=(COGNITIVE_ACCOUNT,),
        facts=("managed_identity",),
        check=is_true("managed_identity"),
        risk="Without a managed identity the account cannot reach Key Vault, storage or AI Search with Entra ID, so "
        "those connections fall back to keys and connection strings that must be stored and rotated.",
        remediation="Add `identity: { type: 'SystemAssigned' }` (or a user-assigned identity); Terraform "
        "`identity { type = \"SystemAssigned\" }`.",
        references=References(
            checkov=("CKV_AZURE_238",),
            psrule=("Azure.AI.ManagedIdentity",),
            azure_policy=("fe3fd216",),
            compliance=controls("LLM10 AML.T0012 GAI:information-security"),
        ),
        fix=Fix(
            steps=(
                "Give the account a system-assigned identity, or attach a user-assigned identity.",
                "Grant that identity the data roles it needs on Key Vault, storage and AI Search, and remove the "
                "keys and connection strings the account used instead.",
            ),
            changes=(
                terraform("azurerm_cognitive_account", """
                    resource "azurerm_cognitive_account" "this" {
                      # ...
                      identity {
                        type = "SystemAssigned"
                      }
                    }"""),
                *patch(COGNITIVE_ACCOUNT, {"identity": {"type": "SystemAssigned"}}),
                cli("""
                    az cognitiveservices account identity assign --name <account-name> --resource-group <resource-group>"""),
            ),
        ),
    ),
    Rule(
        id="AISPM-AZ-008",
        title="Cognitive Services accounts should use customer owned storage",
        severity=Severity.LOW,
        pillar=Pillar.DATA,
        scope="Accounts of kind `SpeechServices` or `FormRecognizer` (Document Intelligence).",
        resource_types=(COGNITIVE_ACCOUNT,),
        facts=("customer_owned_storage",),
        check=is_true("customer_owned_storage"),
        applies=_kind_in("SpeechServices", "FormRecognizer"),
        risk="Speech and Document Intelligence keep customer data (audio, documents, custom models) in "
        "service-managed storage that the organisation cannot encrypt, monitor or delete on its own terms.",
        remediation="Set `properties.userOwnedStorage: [{ resourceId: <storage account id> }]` (Terraform "
        "`storage { storage_account_id = ... }`).",
        references=References(azure_policy=("46aa9b05",),
                              compliance=controls("GAI:data-privacy A.7.2")),
        fix=Fix(
            steps=(
                "Create a storage account for the service's data in the same region.",
                "Give the Speech or Document Intelligence account a managed identity and grant it Storage Blob Data "
                "Contributor on that storage account.",
                "Set `userOwnedStorage` to the storage account (Terraform `storage` block).",
            ),
            changes=(
                terraform("azurerm_cognitive_account", """
                    resource "azurerm_cognitive_account" "this" {
                      # ...
                      identity {
                        type = "SystemAssigned"
                      }

                      storage {
                        storage_account_id = azurerm_storage_account.speech.id
                      }
                    }"""),
                *patch(COGNITIVE_ACCOUNT, {
                    "identity": {"type": "SystemAssigned"},
                    "properties": {"userOwnedStorage": [{"resourceId": param("storageAccountId", "speechStorage.id")}]},
                }),
                cli("""
                    az cognitiveservices account update --name <account-name> --resource-group <resource-group> \\
                      --storage '[{"resourceId": "<storage-account-id>"}]'"""),
            ),
        ),
    ),
    Rule(
        id="AISPM-AZ-009",
        title="Azure OpenAI accounts should restrict outbound network access to an FQDN allow-list",
        severity=Severity.MEDIUM,
        pillar=Pillar.DATA,
        scope="Accounts of kind `OpenAI` or `AIServices`.",
        resource_types=(COGNITIVE_ACCOUNT,),
        facts=("outbound_restricted", "outbound_fqdns_listed"),
        check=lambda f: None
        if f.get("outbound_restricted") is None or f.get("outbound_fqdns_listed") is None
        else bool(f["outbound_restricted"] and f["outbound_fqdns_listed"]),
        applies=_kind_in("OpenAI", "AIServices"),
        risk="Features such as On Your Data, tools and web grounding make the service itself call out; without an "
        "outbound allow-list a prompt-injected request can make it send data to any host (data exfiltration).",
        remediation="Set `restrictOutboundNetworkAccess: true` and list the allowed hosts in `allowedFqdnList` "
        "(Terraform `outbound_network_access_restricted = true` and `fqdns = [...]`).",
        references=References(checkov=("CKV_AZURE_247",),
                              compliance=controls("LLM02 AML.T0025 GAI:data-privacy")),
        fix=Fix(
            steps=(
                "List the hosts the service itself must call: the storage accounts, AI Search services and other "
                "endpoints that On Your Data, tools and grounding use.",
                "Set `restrictOutboundNetworkAccess: true` and `allowedFqdnList` to those hosts (Terraform "
                "`outbound_network_access_restricted = true` and `fqdns`).",
            ),
            changes=(
                terraform("azurerm_cognitive_account", """
                    resource "azurerm_cognitive_account" "this" {
                      # ...
                      outbound_network_access_restricted = true
                      fqdns                              = ["contoso.blob.core.windows.net", "srch-contoso.search.windows.net"]
                    }"""),
                *patch(COGNITIVE_ACCOUNT, {"properties": {
                    "restrictOutboundNetworkAccess": True,
                    "allowedFqdnList": ["contoso.blob.core.windows.net", "srch-contoso.search.windows.net"],
                }}),
                resource_update(COGNITIVE_ACCOUNT, "properties.restrictOutboundNetworkAccess=true",
                                """properties.allowedFqdnList='["contoso.blob.core.windows.net", "srch-contoso.search.windows.net"]'"""),
            ),
        ),
    ),
    Rule(
        id="AISPM-AZ-010",
        title="Content filtering should be used on model deployed in Microsoft Foundry (Preview)",
        severity=Severity.LOW,
        pillar=Pillar.AI,
        resource_types=(COGNITIVE_DEPLOYMENT,),
        facts=("guardrail",),
        check=is_true("guardrail"),
        risk="A deployment whose content filter is switched off or set to annotate only passes jailbreaks, "
        "prompt injections and harmful completions straight to users and downstream tools.",
        remediation="Leave `raiPolicyName` unset (the default policy applies) or point it at a policy whose content "
        "filters are enabled and blocking (Terraform `rai_policy_name` and `azurerm_cognitive_account_rai_policy`).",
        references=References(
            defender="Content filtering should be used on model deployed in Microsoft Foundry (Preview)",
            urls=(_LEARN,),
            compliance=controls("LLM01 AML.T0051 AML.T0054 A.9.2 GAI:dangerous-violent-or-hateful-content "
                                "GAI:obscene-degrading-and-or-abusive-content"),
        ),
        fix=Fix(
            steps=(
                "Use the default content filter: leave `raiPolicyName` unset or set it to `Microsoft.DefaultV2`.",
                "Or keep a custom policy, with every content filter enabled and blocking (`enabled: true`, "
                "`blocking: true`; Terraform `filter_enabled` and `block_enabled` in "
                "`azurerm_cognitive_account_rai_policy`), and point the deployment at it.",
            ),
            changes=(
                terraform("azurerm_cognitive_deployment", """
                    resource "azurerm_cognitive_deployment" "this" {
                      # ...
                      rai_policy_name = "Microsoft.DefaultV2"
                    }"""),
                *patch(COGNITIVE_DEPLOYMENT, {"properties": {"raiPolicyName": "Microsoft.DefaultV2"}}),
                resource_update(COGNITIVE_DEPLOYMENT, "properties.raiPolicyName=Microsoft.DefaultV2"),
            ),
        ),
    ),
    Rule(
        id="AISPM-AZ-018",
        title="Cognitive Services accounts should use customer owned storage or enable data encryption",
        severity=Severity.LOW,
        pillar=Pillar.DATA,
        resource_types=(COGNITIVE_ACCOUNT,),
        facts=("customer_owned_storage", "encryption_key_source_set"),
        check=_storage_or_key_source,
        risk="The account names neither its own storage (`userOwnedStorage`) nor a key source "
        "(`encryption.keySource`), so where its data lives and which key protects it is left to the service. "
        "This is the condition of Azure Policy 11566b39, now `[Deprecated]` and replaced by the customer-managed "
        "key policy (AISPM-AZ-004) and the customer owned storage policy (AISPM-AZ-008); Defender still lists "
        "the recommendation.",
        remediation="Set `properties.userOwnedStorage` to a storage account of your own (Terraform `storage` block), "
        "or name the key source: `properties.encryption.keySource` (`Microsoft.KeyVault` with `keyVaultProperties`; "
        "Terraform `customer_managed_key`).",
        references=References(
            defender="Cognitive Services accounts should use customer owned storage or enable data encryption",
            azure_policy=("11566b39",),
            urls=(_LEARN,),
            compliance=controls("GAI:data-privacy A.7.2"),
        ),
        fix=Fix(
            steps=(
                "Where the service supports it (Speech, Document Intelligence, Language), give the account a "
                "managed identity and a storage account of your own: `userOwnedStorage` (Terraform `storage`).",
                "Otherwise, name the key source explicitly: a customer-managed key "
                "(`encryption.keySource: 'Microsoft.KeyVault'` with `keyVaultProperties`, AISPM-AZ-004).",
            ),
            changes=(
                terraform("azurerm_cognitive_account", """
                    resource "azurerm_cognitive_account" "this" {
                      # ...
                      identity {
                        type = "SystemAssigned"
                      }

                      storage {
                        storage_account_id = azurerm_storage_account.account_data.id
                      }
                    }""", note="Customer owned storage."),
                terraform("azurerm_cognitive_account", """
                    resource "azurerm_cognitive_account" "this" {
                      # ...
                      customer_managed_key {
                        key_vault_key_id   = azurerm_key_vault_key.cmk.id
                        identity_client_id = azurerm_user_assigned_identity.cmk.client_id
                      }
                    }""", note="A customer-managed key; the account needs the identity in its `identity` block."),
                *patch(COGNITIVE_ACCOUNT, {
                    "identity": {"type": "SystemAssigned"},
                    "properties": {"userOwnedStorage": [{"resourceId": param("storageAccountId", "accountStorage.id")}]},
                }, note="Customer owned storage."),
                *patch(COGNITIVE_ACCOUNT, {"properties": {"encryption": {
                    "keySource": "Microsoft.KeyVault",
                    "keyVaultProperties": {
                        "keyName": param("cmkKeyName", "cmkKey.name"),
                        "keyVaultUri": param("keyVaultUri", "vault.properties.vaultUri"),
                        "identityClientId": param("cmkIdentityClientId", "cmkIdentity.properties.clientId"),
                    },
                }}}, note="A customer-managed key (the account needs the identity)."),
                cli("""
                    az cognitiveservices account update --name <account-name> --resource-group <resource-group> \\
                      --storage '[{"resourceId": "<storage-account-id>"}]'""", target=COGNITIVE_ACCOUNT),
            ),
        ),
    ),
    Rule(
        id="AISPM-AZ-019",
        title="Cognitive Services accounts should enable data encryption",
        severity=Severity.LOW,
        pillar=Pillar.DATA,
        resource_types=(COGNITIVE_ACCOUNT,),
        facts=("encryption_declared", "encryption_key_source_set"),
        check=_encryption_has_key_source,
        risk="The account declares an `encryption` object without its `keySource`, so the declaration does not say "
        "which key protects the data. This is exactly the condition of Azure Policy 2bdd0062, now `[Deprecated]` "
        "(an account with no `encryption` object at all passes it); Defender still lists the recommendation.",
        remediation="Name the key source in `properties.encryption.keySource`: `Microsoft.KeyVault` with "
        "`keyVaultProperties` for a customer-managed key (Terraform `customer_managed_key`), or "
        "`Microsoft.CognitiveServices` for Microsoft-managed keys.",
        references=References(
            defender="Cognitive Services accounts should enable data encryption",
            azure_policy=("2bdd0062",),
            urls=(_LEARN,),
            compliance=controls("GAI:data-privacy A.7.2"),
        ),
        fix=Fix(
            steps=(
                "Complete the account's `encryption` object with its `keySource`: `Microsoft.KeyVault` and "
                "`keyVaultProperties` for a customer-managed key (AISPM-AZ-004), or `Microsoft.CognitiveServices`.",
                "In Terraform the `encryption` object comes from an `azapi_resource` / `azapi_update_resource` body "
                "(azurerm writes `keySource` itself): add `keySource` there, or use `customer_managed_key`.",
            ),
            changes=(
                terraform("azurerm_cognitive_account", """
                    resource "azapi_update_resource" "account_encryption" {
                      type        = "Microsoft.CognitiveServices/accounts@2024-10-01"
                      resource_id = azurerm_cognitive_account.this.id
                      body = {
                        properties = {
                          encryption = {
                            keySource = "Microsoft.CognitiveServices"
                          }
                        }
                      }
                    }"""),
                *patch(COGNITIVE_ACCOUNT, {"properties": {"encryption": {"keySource": "Microsoft.CognitiveServices"}}}),
                resource_update(COGNITIVE_ACCOUNT, "properties.encryption.keySource=Microsoft.CognitiveServices"),
            ),
        ),
    ),
]
