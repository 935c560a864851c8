"""Rules for Azure AI Services / Azure OpenAI / Foundry accounts, their model
deployments, and Azure AI Search.

Conditions follow the Azure Policy definitions behind Defender for Cloud's AI
recommendations (see docs/rules.md for the mapping and the deliberate
differences from Checkov).
"""

from __future__ import annotations

from aispm.providers.azure.catalog import COGNITIVE_ACCOUNT, COGNITIVE_DEPLOYMENT, SEARCH_SERVICE
from aispm.model import Pillar, References, Severity
from aispm.rules.engine import Rule, is_false, is_true

_AI = (COGNITIVE_ACCOUNT, SEARCH_SERVICE)
_LEARN = "https://learn.microsoft.com/azure/defender-for-cloud/recommendations-reference-ai"


def _kind_in(*kinds: str):
    wanted = {k.lower() for k in kinds}

    def applies(facts: dict) -> bool:
        kind = facts.get("account_kind")
        return isinstance(kind, str) and kind.lower() in wanted

    return applies


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
        ),
    ),
    Rule(
        id="AISPM-AZ-008",
        title="Cognitive Services accounts should use customer owned storage",
        severity=Severity.LOW,
        pillar=Pillar.DATA,
        resource_types=(COGNITIVE_ACCOUNT,),
        facts=("customer_owned_storage",),
        check=is_true("customer_owned_storage"),
        applies=_kind_in("SpeechServices", "FormRecognizer"),
        risk="Speech and Document Intelligence keep customer data (audio, documents, custom models) in "
        "service-managed storage that the organisation cannot encrypt, monitor or delete on its own terms.",
        remediation="Set `properties.userOwnedStorage: [{ resourceId: <storage account id> }]` (Terraform "
        "`storage { storage_account_id = ... }`).",
        references=References(azure_policy=("46aa9b05",)),
    ),
    Rule(
        id="AISPM-AZ-009",
        title="Azure OpenAI accounts should restrict outbound network access to an FQDN allow-list",
        severity=Severity.MEDIUM,
        pillar=Pillar.DATA,
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
        references=References(checkov=("CKV_AZURE_247",)),
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
        ),
    ),
    Rule(
        id="AISPM-AZ-011",
        title="Azure AI Search services should disable public network access",
        severity=Severity.MEDIUM,
        pillar=Pillar.NETWORK,
        resource_types=(SEARCH_SERVICE,),
        facts=("public_network_access_disabled",),
        check=is_true("public_network_access_disabled"),
        risk="Search indexes often hold the grounding data of RAG applications: a public endpoint exposes that data "
        "to anyone who obtains a query key.",
        remediation="Set `publicNetworkAccess: 'disabled'` (Terraform `public_network_access_enabled = false`) and "
        "use a shared private link / private endpoint.",
        references=References(
            checkov=("CKV_AZURE_124",),
            azure_policy=("ee980b6d",),
        ),
    ),
    Rule(
        id="AISPM-AZ-012",
        title="Azure AI Search services should use customer-managed keys to encrypt data at rest",
        severity=Severity.LOW,
        pillar=Pillar.DATA,
        resource_types=(SEARCH_SERVICE,),
        facts=("customer_managed_key",),
        check=is_true("customer_managed_key"),
        risk="Indexes and synonym maps are encrypted with Microsoft-managed keys only; the organisation cannot "
        "revoke access to indexed grounding data.",
        remediation="Set `encryptionWithCmk.enforcement: 'Enabled'` (Terraform `customer_managed_key_enforcement_"
        "enabled = true`) and encrypt indexes with a Key Vault key.",
        references=References(azure_policy=("76a56461",)),
    ),
    Rule(
        id="AISPM-AZ-013",
        title="Azure AI Search service should use a SKU that supports private link",
        severity=Severity.MEDIUM,
        pillar=Pillar.NETWORK,
        resource_types=(SEARCH_SERVICE,),
        facts=("sku",),
        check=lambda f: None if f.get("sku") is None else f["sku"] != "free",
        risk="The free tier cannot use private endpoints, so the index can only ever be reached publicly.",
        remediation="Use the `basic` SKU or higher.",
        references=References(azure_policy=("a049bf77",)),
    ),
    Rule(
        id="AISPM-AZ-014",
        title="Azure AI Search services should use a managed identity",
        severity=Severity.LOW,
        pillar=Pillar.IDENTITY,
        resource_types=(SEARCH_SERVICE,),
        facts=("managed_identity",),
        check=is_true("managed_identity"),
        risk="Without a managed identity, indexers read their data sources with connection strings and keys that "
        "must be stored in the service.",
        remediation="Add `identity: { type: 'SystemAssigned' }` and give it a reader role on the data sources.",
        references=References(checkov=("CKV_AZURE_207",)),
    ),
    Rule(
        id="AISPM-AZ-015",
        title="Azure AI Search services should have at least 3 replicas (SLA for index updates)",
        severity=Severity.LOW,
        pillar=Pillar.RESILIENCE,
        resource_types=(SEARCH_SERVICE,),
        facts=("replica_count",),
        check=lambda f: None if f.get("replica_count") is None else f["replica_count"] >= 3,
        risk="Fewer than three replicas gives no availability SLA for index updates: grounding data can go stale "
        "during maintenance.",
        remediation="Set `replicaCount: 3` or more (Terraform `replica_count = 3`).",
        references=References(checkov=("CKV_AZURE_208",)),
    ),
    Rule(
        id="AISPM-AZ-016",
        title="Azure AI Search services should have at least 2 replicas (SLA for queries)",
        severity=Severity.LOW,
        pillar=Pillar.RESILIENCE,
        resource_types=(SEARCH_SERVICE,),
        facts=("replica_count",),
        check=lambda f: None if f.get("replica_count") is None else f["replica_count"] >= 2,
        risk="A single replica gives no availability SLA for queries: retrieval for the AI application stops during "
        "maintenance.",
        remediation="Set `replicaCount: 2` or more (Terraform `replica_count = 2`).",
        references=References(checkov=("CKV_AZURE_209",)),
    ),
    Rule(
        id="AISPM-AZ-017",
        title="Azure AI Search IP rules should not allow the whole internet",
        severity=Severity.HIGH,
        pillar=Pillar.NETWORK,
        resource_types=(SEARCH_SERVICE,),
        facts=("allows_all_ips",),
        check=is_false("allows_all_ips"),
        risk="An IP rule of 0.0.0.0/0 looks like a firewall but admits every address on the internet.",
        remediation="Remove `0.0.0.0/0` from `networkRuleSet.ipRules` (Terraform `allowed_ips`) and list only the "
        "client ranges that need access.",
        references=References(checkov=("CKV_AZURE_210",)),
    ),
]
