"""Rules for storage that AI workloads are grounded on.

Storage accounts are judged here only when the scan shows that an AI service
reads from them (`used_for_ai_grounding`, set by the linker): aispm is not a
general storage scanner, and grounding data is where AI data exposure happens.
"""

from __future__ import annotations

from aispm.providers.azure.catalog import STORAGE_ACCOUNT
from aispm.model import Pillar, References, Severity
from aispm.providers.azure.rules.fixes import cli, patch, terraform
from aispm.rules.engine import Fix, Rule, is_false
from aispm.compliance import controls


def _grounding(facts: dict) -> bool:
    return facts.get("used_for_ai_grounding") is True


RULES = [
    Rule(
        id="AISPM-AZ-050",
        title="Storage accounts used for AI grounding should restrict network access",
        severity=Severity.HIGH,
        pillar=Pillar.DATA,
        scope="Storage accounts that an AI service of the scan reads from (its identity holds a "
        "data role on them: `used_for_ai_grounding`).",
        resource_types=(STORAGE_ACCOUNT,),
        facts=("public_network_access", "used_for_ai_grounding"),
        check=is_false("public_network_access"),
        applies=_grounding,
        risk="Grounding data shapes every answer of the AI application: a publicly reachable account lets an "
        "attacker with a key or SAS token read it (exfiltration) or write to it (poisoning).",
        remediation="Set `publicNetworkAccess: 'Disabled'` or `networkAcls.defaultAction: 'Deny'`, and let the AI "
        "services reach it through private endpoints or trusted-service exceptions.",
        references=References(
            checkov=("CKV_AZURE_59", "CKV_AZURE_35"),
            prowler=(
                "storage_account_public_network_access_disabled",
                "storage_default_network_access_rule_is_denied",
            ),
            psrule=("Azure.Storage.Firewall",),
            compliance=controls("LLM04 LLM08 AML.T0070 GAI:information-integrity A.7.4"),
        ),
        fix=Fix(
            steps=(
                "Give the AI services that read the account a private way in: private endpoints (`blob`, `file`), "
                "shared private links from AI Search, or resource instance rules for their managed identities.",
                "Then disable public network access (`publicNetworkAccess: 'Disabled'`), or deny by default "
                "(`networkAcls.defaultAction: 'Deny'`, with `bypass: 'AzureServices'` only if a trusted service "
                "needs it).",
            ),
            changes=(
                terraform("azurerm_storage_account", """
                    resource "azurerm_storage_account" "this" {
                      # ...
                      public_network_access_enabled = false
                    }"""),
                terraform("azurerm_storage_account", """
                    resource "azurerm_storage_account" "this" {
                      # ...
                      network_rules {
                        default_action = "Deny"
                        bypass         = ["AzureServices"]
                      }
                    }""", note="Deny by default, keep trusted Azure services."),
                *patch(STORAGE_ACCOUNT, {"properties": {"publicNetworkAccess": "Disabled"}}),
                *patch(STORAGE_ACCOUNT, {"properties": {"networkAcls": {"defaultAction": "Deny", "bypass": "AzureServices",
                                                                        "ipRules": [], "virtualNetworkRules": []}}},
                       note="Deny by default, keep trusted Azure services."),
                cli("""
                    az storage account update --name <storage-account-name> --resource-group <resource-group> \\
                      --public-network-access Disabled"""),
                cli("""
                    az storage account update --name <storage-account-name> --resource-group <resource-group> \\
                      --default-action Deny --bypass AzureServices""", note="Deny by default, keep trusted Azure services."),
            ),
        ),
    ),
    Rule(
        id="AISPM-AZ-051",
        title="Storage accounts used for AI grounding should not allow anonymous blob access",
        severity=Severity.HIGH,
        pillar=Pillar.DATA,
        scope="Storage accounts that an AI service of the scan reads from (its identity holds a "
        "data role on them: `used_for_ai_grounding`).",
        resource_types=(STORAGE_ACCOUNT,),
        facts=("allow_blob_public_access", "used_for_ai_grounding"),
        check=is_false("allow_blob_public_access"),
        applies=_grounding,
        risk="With anonymous blob access allowed, one container set to public exposes grounding documents to anyone.",
        remediation="Set `allowBlobPublicAccess: false` (Terraform `allow_nested_items_to_be_public = false`).",
        references=References(
            checkov=("CKV_AZURE_190", "CKV2_AZURE_47"),
            prowler=("storage_blob_public_access_level_is_disabled",),
            psrule=("Azure.Storage.BlobPublicAccess",),
            compliance=controls("LLM02 LLM08 AML.T0036 AML.T0085.000 GAI:data-privacy"),
        ),
        fix=Fix(
            steps=(
                "Check that no client reads the grounding data anonymously (containers with public access).",
                "Set `allowBlobPublicAccess: false` on the account (Terraform `allow_nested_items_to_be_public = "
                "false`; the azurerm provider allows it by default).",
            ),
            changes=(
                terraform("azurerm_storage_account", """
                    resource "azurerm_storage_account" "this" {
                      # ...
                      allow_nested_items_to_be_public = false
                    }"""),
                *patch(STORAGE_ACCOUNT, {"properties": {"allowBlobPublicAccess": False}}),
                cli("""
                    az storage account update --name <storage-account-name> --resource-group <resource-group> \\
                      --allow-blob-public-access false"""),
            ),
        ),
    ),
    Rule(
        id="AISPM-AZ-052",
        title="Storage accounts used for AI grounding should have shared key access disabled",
        severity=Severity.MEDIUM,
        pillar=Pillar.IDENTITY,
        scope="Storage accounts that an AI service of the scan reads from (its identity holds a "
        "data role on them: `used_for_ai_grounding`).",
        resource_types=(STORAGE_ACCOUNT,),
        facts=("local_auth_enabled", "used_for_ai_grounding"),
        check=is_false("local_auth_enabled"),
        applies=_grounding,
        risk="Account keys and SAS tokens signed with them give full access to grounding data without an identity "
        "in the logs.",
        remediation="Set `allowSharedKeyAccess: false` (Terraform `shared_access_key_enabled = false`) and use Entra "
        "ID roles.",
        references=References(
            checkov=("CKV2_AZURE_40",),
            prowler=("storage_account_key_access_disabled",),
            psrule=("Azure.Storage.LocalAuth",),
            compliance=controls("LLM04 LLM08 AML.T0012 AML.T0070 GAI:information-integrity A.7.4"),
        ),
        fix=Fix(
            steps=(
                "Move every client to Microsoft Entra ID: grant the identities of the AI services, indexers and "
                "apps a data role (Storage Blob Data Reader or Contributor) and stop using account keys and "
                "key-signed SAS tokens.",
                "Set `allowSharedKeyAccess: false` (Terraform `shared_access_key_enabled = false`; the azurerm "
                "provider then needs `storage_use_azuread = true` to manage the account's data plane).",
            ),
            changes=(
                terraform("azurerm_storage_account", """
                    resource "azurerm_storage_account" "this" {
                      # ...
                      shared_access_key_enabled = false
                    }"""),
                *patch(STORAGE_ACCOUNT, {"properties": {"allowSharedKeyAccess": False}}),
                cli("""
                    az storage account update --name <storage-account-name> --resource-group <resource-group> \\
                      --allow-shared-key-access false"""),
            ),
        ),
    ),
]
