"""Rules for Azure Machine Learning workspaces, Foundry hubs and projects, and
their computes.

Hub-based Foundry hubs and projects are AML workspaces of kind `hub` and
`project`; a project inherits its hub's network and encryption settings, so
workspace-level network and encryption rules judge hubs and plain workspaces only.
"""

from __future__ import annotations

from aispm.providers.azure.catalog import ML_COMPUTE, ML_WORKSPACE
from aispm.model import Pillar, References, Severity
from aispm.rules.engine import Rule, is_false, is_true

_WS = (ML_WORKSPACE,)
_LEARN = "https://learn.microsoft.com/azure/defender-for-cloud/recommendations-reference-ai"


def _not_project(facts: dict) -> bool:
    return facts.get("workspace_kind") != "project"


def _compute_types(*types: str):
    wanted = {t.lower() for t in types}

    def applies(facts: dict) -> bool:
        ctype = facts.get("compute_type")
        return isinstance(ctype, str) and ctype.lower() in wanted

    return applies


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
            azure_policy=("438c38d2-3772-465a-a9cc-7a6666a275ce",),
            urls=(_LEARN,),
        ),
    ),
    Rule(
        id="AISPM-AZ-021",
        title="Azure Machine Learning workspaces should use private link",
        severity=Severity.MEDIUM,
        pillar=Pillar.NETWORK,
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
        ),
    ),
    Rule(
        id="AISPM-AZ-023",
        title="(Enable if required) Azure Machine Learning workspaces should be encrypted with a customer-managed key (CMK)",
        severity=Severity.LOW,
        pillar=Pillar.DATA,
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
        references=References(azure_policy=("5f0c7d88",)),
    ),
    Rule(
        id="AISPM-AZ-025",
        title="Azure Machine Learning and AI Foundry hubs should use Allow Only Approved Outbound managed network mode",
        severity=Severity.MEDIUM,
        pillar=Pillar.NETWORK,
        resource_types=_WS,
        facts=("outbound_restricted",),
        check=is_true("outbound_restricted"),
        applies=_not_project,
        risk="Compute in a workspace with unrestricted outbound access can send training data, models and secrets "
        "to any host on the internet.",
        remediation="Set `managedNetwork.isolationMode: 'AllowOnlyApprovedOutbound'` (Terraform `managed_network { "
        "isolation_mode = \"AllowOnlyApprovedOutbound\" }`).",
        references=References(azure_policy=("6ddb1705",)),
    ),
    Rule(
        id="AISPM-AZ-026",
        title="Application Insights should be used on Microsoft Foundry (Preview)",
        severity=Severity.MEDIUM,
        pillar=Pillar.LOGGING,
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
        ),
    ),
    Rule(
        id="AISPM-AZ-027",
        title="Microsoft Entra ID should be used when connecting Microsoft Foundry to default storage account (Preview)",
        severity=Severity.HIGH,
        pillar=Pillar.IDENTITY,
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
        ),
    ),
    Rule(
        id="AISPM-AZ-028",
        title="Azure Machine Learning managed network should reach dependencies through private endpoint outbound rules",
        severity=Severity.LOW,
        pillar=Pillar.NETWORK,
        resource_types=_WS,
        facts=("outbound_private_endpoints",),
        check=is_true("outbound_private_endpoints"),
        applies=_not_project,
        risk="Without private-endpoint outbound rules, the managed network reaches storage, Key Vault and AI services "
        "over their public endpoints.",
        remediation="Add `managedNetwork.outboundRules` entries of `type: 'PrivateEndpoint'` for the workspace's "
        "dependencies.",
        references=References(checkov=("CKV_AZURE_243",)),
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
        references=References(checkov=("CKV2_AZURE_50",)),
    ),
    Rule(
        id="AISPM-AZ-030",
        title="Azure Machine Learning Computes should be in a virtual network (Preview)",
        severity=Severity.MEDIUM,
        pillar=Pillar.NETWORK,
        resource_types=(ML_COMPUTE,),
        facts=("vpc_attached",),
        check=is_true("vpc_attached"),
        applies=_compute_types("AmlCompute", "ComputeInstance"),
        risk="Compute outside a virtual network cannot be isolated by NSGs or firewalls and reaches data over "
        "public endpoints.",
        remediation="Set `properties.properties.subnet.id` (Terraform `subnet_resource_id`).",
        references=References(
            defender="Azure Machine Learning Computes should be in a virtual network (Preview)",
            azure_policy=("7804b5c7-01dc-4723-969b-ae300cc07ff1",),
            urls=(_LEARN,),
        ),
    ),
    Rule(
        id="AISPM-AZ-031",
        title="Azure Machine Learning Computes should have local authentication methods disabled (Preview)",
        severity=Severity.MEDIUM,
        pillar=Pillar.IDENTITY,
        resource_types=(ML_COMPUTE,),
        facts=("local_auth_enabled",),
        check=is_false("local_auth_enabled"),
        applies=_compute_types("AmlCompute", "ComputeInstance"),
        risk="Local accounts (SSH keys, passwords) on compute bypass Entra ID and leave no identity in audit logs.",
        remediation="Set `properties.disableLocalAuth: true` (Terraform `local_auth_enabled = false`).",
        references=References(
            defender="Azure Machine Learning Computes should have local authentication methods disabled (Preview)",
            checkov=("CKV_AZURE_142",),
            azure_policy=("e96a9a5f-07ca-471b-9bc5-6a0f33cbd68f",),
            urls=(_LEARN,),
        ),
    ),
    Rule(
        id="AISPM-AZ-032",
        title="Azure Machine Learning Compute Instance should have idle shutdown",
        severity=Severity.LOW,
        pillar=Pillar.RESILIENCE,
        resource_types=(ML_COMPUTE,),
        facts=("idle_shutdown",),
        check=is_true("idle_shutdown"),
        applies=_compute_types("ComputeInstance"),
        risk="Forgotten compute instances keep running with their owner's credentials and data mounted, widening "
        "the attack surface and the bill.",
        remediation="Set `properties.properties.idleTimeBeforeShutdown` (e.g. `PT60M`).",
        references=References(azure_policy=("679ddf89",)),
    ),
    Rule(
        id="AISPM-AZ-033",
        title="Azure Machine Learning compute clusters should scale down to zero nodes",
        severity=Severity.LOW,
        pillar=Pillar.RESILIENCE,
        resource_types=(ML_COMPUTE,),
        facts=("min_node_count",),
        check=lambda f: None if f.get("min_node_count") is None else f["min_node_count"] == 0,
        applies=_compute_types("AmlCompute"),
        risk="Nodes that never scale down stay running, reachable and billable when no job needs them.",
        remediation="Set `scaleSettings.minNodeCount: 0` (Terraform `scale_settings { min_node_count = 0 }`).",
        references=References(checkov=("CKV_AZURE_150",)),
    ),
    Rule(
        id="AISPM-AZ-034",
        title="Azure Machine Learning computes should not have public IP addresses",
        severity=Severity.MEDIUM,
        pillar=Pillar.NETWORK,
        resource_types=(ML_COMPUTE,),
        facts=("public_ip",),
        check=is_false("public_ip"),
        applies=_compute_types("AmlCompute", "ComputeInstance"),
        risk="Nodes with public IP addresses are directly reachable from the internet (SSH, Jupyter) and can send "
        "data out without passing any firewall.",
        remediation="Set `properties.properties.enableNodePublicIp: false` (Terraform `node_public_ip_enabled = "
        "false`) and attach the compute to a subnet.",
        references=References(),
    ),
]
