"""Rules for Azure Databricks workspaces (Defender lists them among AI recommendations)."""

from __future__ import annotations

from aispm.providers.azure.catalog import DATABRICKS_WORKSPACE
from aispm.model import Pillar, References, Severity
from aispm.rules.engine import Rule, is_false, is_true

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
            azure_policy=("51c1490f-3319-459c-bbbc-7f391bbed753",),
            urls=(_LEARN,),
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
            azure_policy=("9c25c9e4-ee12-4882-afd2-11fb9d87893f",),
            urls=(_LEARN,),
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
            azure_policy=("0e7849de-b939-4c50-ab48-fc6b0f5eeba2",),
            urls=(_LEARN,),
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
        ),
    ),
]
