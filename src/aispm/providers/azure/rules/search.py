"""Rules for Azure AI Search services: network exposure, identity, encryption and the
replica counts that give an SLA.

AI Search is where RAG applications keep their grounding data; the rules that judge AI Search
together with AI Services accounts (key access, network, private link, logs) are in
`ai_services.py`.
"""

from __future__ import annotations

from aispm.model import Pillar, References, Severity
from aispm.providers.azure.catalog import SEARCH_SERVICE
from aispm.providers.azure.rules.fixes import cli, patch, resource_update, terraform
from aispm.rules.engine import Fix, Rule, is_false, is_true
from aispm.compliance import controls

RULES = [
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
            prowler=("aisearch_service_not_publicly_accessible",),
            azure_policy=("ee980b6d",),
            compliance=controls("LLM08 AML.T0040 AML.T0049 GAI:information-security"),
        ),
        fix=Fix(
            steps=(
                "Give clients a private endpoint (group id `searchService`, AISPM-AZ-003), and give indexers that "
                "read private data sources shared private links.",
                "Set `publicNetworkAccess` to `disabled` (Terraform `public_network_access_enabled = false`).",
            ),
            changes=(
                terraform("azurerm_search_service", """
                    resource "azurerm_search_service" "this" {
                      # ...
                      public_network_access_enabled = false
                    }"""),
                *patch(SEARCH_SERVICE, {"properties": {"publicNetworkAccess": "disabled"}}),
                resource_update(SEARCH_SERVICE, "properties.publicNetworkAccess=disabled"),
            ),
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
        references=References(azure_policy=("76a56461",),
                              compliance=controls("GAI:data-privacy GAI:information-security A.7.2")),
        fix=Fix(
            steps=(
                "Encrypt every index, synonym map and other object with a Key Vault key (the `encryptionKey` of "
                "each object, set through the data-plane API), with the service's managed identity allowed to use "
                "the key.",
                "Enforce it: `encryptionWithCmk.enforcement: 'Enabled'` (Terraform "
                "`customer_managed_key_enforcement_enabled = true`); the service then refuses objects without a "
                "customer-managed key.",
            ),
            changes=(
                terraform("azurerm_search_service", """
                    resource "azurerm_search_service" "this" {
                      # ...
                      customer_managed_key_enforcement_enabled = true
                    }"""),
                *patch(SEARCH_SERVICE, {"properties": {"encryptionWithCmk": {"enforcement": "Enabled"}}}),
                resource_update(SEARCH_SERVICE, """properties.encryptionWithCmk='{"enforcement": "Enabled"}'"""),
            ),
        ),
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
        references=References(
            psrule=("Azure.Search.SKU",),
            azure_policy=("a049bf77",),
            compliance=controls("LLM08 AML.T0040 AML.T0049 GAI:information-security"),
        ),
        fix=Fix(
            steps=(
                "Create a search service on the `basic` tier or higher (the free tier cannot be changed in place).",
                "Rebuild the indexes on the new service, move the clients to it, and delete the free one.",
            ),
            changes=(
                terraform("azurerm_search_service", """
                    resource "azurerm_search_service" "this" {
                      # ...
                      sku = "basic"
                    }"""),
                *patch(SEARCH_SERVICE, {"sku": {"name": "basic"}}),
                cli("""
                    az search service create --name <search-name> --resource-group <resource-group> --sku basic"""),
            ),
        ),
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
        references=References(
            checkov=("CKV_AZURE_207",),
            psrule=("Azure.Search.ManagedIdentity",),
            compliance=controls("LLM08 AML.T0012 GAI:information-security"),
        ),
        fix=Fix(
            steps=(
                "Give the search service a system-assigned identity.",
                "Grant it a reader role on each data source its indexers read (for example Storage Blob Data "
                "Reader), and change the indexers' connection strings to the identity-based form (a resource id "
                "instead of a key).",
            ),
            changes=(
                terraform("azurerm_search_service", """
                    resource "azurerm_search_service" "this" {
                      # ...
                      identity {
                        type = "SystemAssigned"
                      }
                    }"""),
                *patch(SEARCH_SERVICE, {"identity": {"type": "SystemAssigned"}}),
                resource_update(SEARCH_SERVICE, """identity='{"type": "SystemAssigned"}'"""),
            ),
        ),
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
        references=References(
            checkov=("CKV_AZURE_208",),
            psrule=("Azure.Search.IndexSLA",),
            compliance=controls("LLM10 AML.T0029"),
        ),
        fix=Fix(
            steps=(
                "Use a tier that allows three replicas (basic allows up to 3, standard tiers up to 12).",
                "Set `replicaCount` to 3 or more (Terraform `replica_count`).",
            ),
            changes=(
                terraform("azurerm_search_service", """
                    resource "azurerm_search_service" "this" {
                      # ...
                      replica_count = 3
                    }"""),
                *patch(SEARCH_SERVICE, {"properties": {"replicaCount": 3}}),
                resource_update(SEARCH_SERVICE, "properties.replicaCount=3"),
            ),
        ),
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
        references=References(
            checkov=("CKV_AZURE_209",),
            psrule=("Azure.Search.QuerySLA",),
            compliance=controls("LLM10 AML.T0029"),
        ),
        fix=Fix(
            steps=(
                "Use the basic tier or higher (the free tier has one replica).",
                "Set `replicaCount` to 2 or more (Terraform `replica_count`).",
            ),
            changes=(
                terraform("azurerm_search_service", """
                    resource "azurerm_search_service" "this" {
                      # ...
                      replica_count = 2
                    }"""),
                *patch(SEARCH_SERVICE, {"properties": {"replicaCount": 2}}),
                resource_update(SEARCH_SERVICE, "properties.replicaCount=2"),
            ),
        ),
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
        references=References(checkov=("CKV_AZURE_210",),
                              compliance=controls("LLM08 AML.T0040 AML.T0049 GAI:information-security")),
        fix=Fix(
            steps=(
                "Remove `0.0.0.0/0` (and `0.0.0.0`) from the service's IP rules.",
                "List only the client ranges that need the public endpoint, or disable public network access and "
                "use private endpoints (AISPM-AZ-011).",
            ),
            changes=(
                terraform("azurerm_search_service", """
                    resource "azurerm_search_service" "this" {
                      # ...
                      allowed_ips = ["203.0.113.0/24"]
                    }"""),
                *patch(SEARCH_SERVICE, {"properties": {"networkRuleSet": {"ipRules": [{"value": "203.0.113.0/24"}]}}}),
                resource_update(SEARCH_SERVICE, """properties.networkRuleSet='{"ipRules": [{"value": "203.0.113.0/24"}]}'"""),
            ),
        ),
    ),
]
