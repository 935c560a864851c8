"""Rules for Azure Databricks workspaces (Defender lists them among AI recommendations)."""

from __future__ import annotations

from aispm.providers.azure.catalog import DATABRICKS_WORKSPACE
from aispm.model import Pillar, References, Severity
from aispm.providers.azure.rules.fixes import cli, diagnostic_setting, param, patch, private_endpoint, terraform
from aispm.rules.engine import Fix, Rule, is_false, is_true
from aispm.compliance import controls

_T = (DATABRICKS_WORKSPACE,)
_LEARN = "https://learn.microsoft.com/azure/defender-for-cloud/recommendations-reference-ai"

RULES = [
    Rule(
        id="AISPM-AZ-040",
        title="Azure Databricks Clusters should disable public IP (Preview)",
        severity=Severity.MEDIUM,
        pillar=Pillar.NETWORK,
        resource_types=_T,
        facts=("public_ip",),
        check=is_false("public_ip"),
        risk="Cluster nodes with public IP addresses can be reached from, and send data to, the internet directly.",
        remediation="Enable secure cluster connectivity: `parameters.enableNoPublicIp.value: true` (Terraform "
        "`custom_parameters { no_public_ip = true }`).",
        references=References(
            defender="Azure Databricks Clusters should disable public IP (Preview)",
            prowler=("databricks_workspace_no_public_ip_enabled",),
            psrule=("Azure.Databricks.SecureConnectivity",),
            azure_policy=("51c1490f-3319-459c-bbbc-7f391bbed753",),
            urls=(_LEARN,),
            compliance=controls("AML.T0049 GAI:information-security"),
        ),
        fix=Fix(
            steps=(
                "Enable secure cluster connectivity (No Public IP): `parameters.enableNoPublicIp.value: true` "
                "(Terraform `custom_parameters { no_public_ip = true }`). Cluster nodes then have no public "
                "addresses and reach the control plane through a relay.",
                "In a VNet-injected workspace, give the cluster subnets an explicit outbound path (a NAT gateway or "
                "a firewall).",
            ),
            changes=(
                terraform("azurerm_databricks_workspace", """
                    resource "azurerm_databricks_workspace" "this" {
                      # ...
                      custom_parameters {
                        no_public_ip = true
                      }
                    }""", note="Keep the other `custom_parameters` (VNet injection) as they are."),
                *patch(DATABRICKS_WORKSPACE, {"properties": {"parameters": {"enableNoPublicIp": {"value": True}}}}),
                cli("""
                    az databricks workspace update --name <databricks-name> --resource-group <resource-group> \\
                      --enable-no-public-ip true"""),
            ),
        ),
    ),
    Rule(
        id="AISPM-AZ-041",
        title="Azure Databricks Workspaces should be in a virtual network (Preview)",
        severity=Severity.MEDIUM,
        pillar=Pillar.NETWORK,
        resource_types=_T,
        facts=("vpc_attached",),
        check=is_true("vpc_attached"),
        risk="Without VNet injection, cluster traffic cannot be filtered by your NSGs and firewalls.",
        remediation="Set `customVirtualNetworkId`, `customPublicSubnetName` and `customPrivateSubnetName` parameters.",
        references=References(
            defender="Azure Databricks Workspaces should be in a virtual network (Preview)",
            prowler=("databricks_workspace_vnet_injection_enabled",),
            azure_policy=("9c25c9e4-ee12-4882-afd2-11fb9d87893f",),
            urls=(_LEARN,),
            compliance=controls("AML.T0049 GAI:information-security"),
        ),
        fix=Fix(
            steps=(
                "Create a virtual network with two subnets delegated to `Microsoft.Databricks/workspaces` (public "
                "and private), each with a network security group.",
                "Deploy the workspace into it (VNet injection): `customVirtualNetworkId`, `customPublicSubnetName` "
                "and `customPrivateSubnetName` parameters (Terraform `custom_parameters` with `virtual_network_id`, "
                "the two subnet names and their NSG association ids).",
            ),
            changes=(
                terraform("azurerm_databricks_workspace", """
                    resource "azurerm_databricks_workspace" "this" {
                      # ...
                      custom_parameters {
                        no_public_ip                                         = true
                        virtual_network_id                                   = azurerm_virtual_network.databricks.id
                        public_subnet_name                                   = azurerm_subnet.public.name
                        private_subnet_name                                  = azurerm_subnet.private.name
                        public_subnet_network_security_group_association_id  = azurerm_subnet_network_security_group_association.public.id
                        private_subnet_network_security_group_association_id = azurerm_subnet_network_security_group_association.private.id
                      }
                    }"""),
                *patch(DATABRICKS_WORKSPACE, {"properties": {"parameters": {
                    "customVirtualNetworkId": {"value": param("vnetId", "vnet.id")},
                    "customPublicSubnetName": {"value": "snet-databricks-public"},
                    "customPrivateSubnetName": {"value": "snet-databricks-private"},
                    "enableNoPublicIp": {"value": True},
                }}}),
                cli("""
                    az databricks workspace create --name <databricks-name> --resource-group <resource-group> \\
                      --location <location> --sku premium --vnet <vnet-id> \\
                      --public-subnet snet-databricks-public --private-subnet snet-databricks-private \\
                      --enable-no-public-ip true"""),
            ),
        ),
    ),
    Rule(
        id="AISPM-AZ-042",
        title="Azure Databricks Workspaces should disable public network access (Preview)",
        severity=Severity.MEDIUM,
        pillar=Pillar.NETWORK,
        resource_types=_T,
        facts=("public_network_access_disabled",),
        check=is_true("public_network_access_disabled"),
        risk="The workspace UI and REST API are reachable from any network.",
        remediation="Set `publicNetworkAccess: 'Disabled'` with `requiredNsgRules: 'NoAzureDatabricksRules'` and "
        "private endpoints.",
        references=References(
            defender="Azure Databricks Workspaces should disable public network access (Preview)",
            checkov=("CKV_AZURE_158",),
            prowler=("databricks_workspace_public_network_access_disabled",),
            psrule=("Azure.Databricks.PublicAccess",),
            azure_policy=("0e7849de-b939-4c50-ab48-fc6b0f5eeba2",),
            urls=(_LEARN,),
            compliance=controls("AML.T0049 GAI:information-security"),
        ),
        fix=Fix(
            steps=(
                "Use a Premium, VNet-injected workspace (AISPM-AZ-041) with private endpoints for "
                "`databricks_ui_api` (AISPM-AZ-043), so that users and clusters keep a way in.",
                "Set `publicNetworkAccess: 'Disabled'` and `requiredNsgRules: 'NoAzureDatabricksRules'` "
                "(Terraform `public_network_access_enabled = false` and `network_security_group_rules_required = "
                "\"NoAzureDatabricksRules\"`).",
            ),
            changes=(
                terraform("azurerm_databricks_workspace", """
                    resource "azurerm_databricks_workspace" "this" {
                      # ...
                      public_network_access_enabled         = false
                      network_security_group_rules_required = "NoAzureDatabricksRules"
                    }"""),
                *patch(DATABRICKS_WORKSPACE, {"properties": {"publicNetworkAccess": "Disabled",
                                                             "requiredNsgRules": "NoAzureDatabricksRules"}}),
                cli("""
                    az databricks workspace update --name <databricks-name> --resource-group <resource-group> \\
                      --public-network-access Disabled --required-nsg-rules NoAzureDatabricksRules"""),
            ),
        ),
    ),
    Rule(
        id="AISPM-AZ-043",
        title="Azure Databricks Workspaces should use private link (Preview)",
        severity=Severity.MEDIUM,
        pillar=Pillar.NETWORK,
        resource_types=_T,
        facts=("private_endpoint",),
        check=is_true("private_endpoint"),
        risk="Without a private endpoint, users and clusters reach the workspace over the public internet.",
        remediation="Declare a private endpoint with `groupIds: ['databricks_ui_api']`.",
        references=References(
            defender="Azure Databricks Workspaces should use private link (Preview)",
            azure_policy=("258823f2-4595-4b52-b333-cc96192710d8",),
            urls=(_LEARN,),
            compliance=controls("AML.T0049 GAI:information-security"),
        ),
        fix=Fix(
            steps=(
                "Use a Premium, VNet-injected workspace (AISPM-AZ-041).",
                "Declare a private endpoint with sub-resource (group id) `databricks_ui_api` for the workspace, and "
                "link the private DNS zone `privatelink.azuredatabricks.net` to the virtual network.",
            ),
            changes=private_endpoint(DATABRICKS_WORKSPACE, "azurerm_databricks_workspace", "databricks_ui_api",
                                     "az databricks workspace show --name <databricks-name> "
                                     "--resource-group <resource-group>"),
        ),
    ),
    Rule(
        id="AISPM-AZ-044",
        title="Resource logs in Azure Databricks Workspaces should be enabled (Preview)",
        severity=Severity.MEDIUM,
        pillar=Pillar.LOGGING,
        resource_types=_T,
        facts=("diagnostic_logs",),
        check=is_true("diagnostic_logs"),
        risk="Without resource logs, notebook runs, cluster events and data access leave no audit trail.",
        remediation="Declare a diagnostic setting on the workspace with enabled log categories.",
        references=References(
            defender="Resource logs in Azure Databricks Workspaces should be enabled (Preview)",
            azure_policy=("138ff14d-b687-4faa-a81c-898c91a87fa2",),
            urls=(_LEARN,),
            compliance=controls("A.6.2.8 GAI:information-security"),
        ),
        fix=Fix(
            steps=(
                "Create (or reuse) a Log Analytics workspace, storage account or event hub to keep the logs "
                "(diagnostic logs need a Premium workspace).",
                "Declare a diagnostic setting on the workspace that enables the log categories you audit, at least "
                "`accounts`, `clusters`, `jobs` and `notebook`.",
            ),
            changes=diagnostic_setting(DATABRICKS_WORKSPACE, "azurerm_databricks_workspace", (
                {"category": "accounts"}, {"category": "clusters"}, {"category": "jobs"}, {"category": "notebook"})),
        ),
    ),
]
