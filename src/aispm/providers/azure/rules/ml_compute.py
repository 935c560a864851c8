"""Rules for Azure Machine Learning computes (compute clusters and compute instances) of
workspaces and hub-based Foundry hubs: network placement, local authentication, idle cost.
"""

from __future__ import annotations

from aispm.model import Pillar, References, Severity
from aispm.providers.azure.catalog import ML_COMPUTE
from aispm.providers.azure.rules.fixes import cli, param, patch, terraform
from aispm.rules.engine import Fix, Rule, is_false, is_true
from aispm.compliance import controls

_LEARN = "https://learn.microsoft.com/azure/defender-for-cloud/recommendations-reference-ai"


def _compute_types(*types: str):
    wanted = {t.lower() for t in types}

    def applies(facts: dict) -> bool:
        ctype = facts.get("compute_type")
        return isinstance(ctype, str) and ctype.lower() in wanted

    return applies


RULES = [
    Rule(
        id="AISPM-AZ-030",
        title="Azure Machine Learning Computes should be in a virtual network (Preview)",
        severity=Severity.MEDIUM,
        pillar=Pillar.NETWORK,
        scope="Compute clusters (`AmlCompute`) and compute instances.",
        resource_types=(ML_COMPUTE,),
        facts=("vpc_attached",),
        check=is_true("vpc_attached"),
        applies=_compute_types("AmlCompute", "ComputeInstance"),
        risk="Compute outside a virtual network cannot be isolated by NSGs or firewalls and reaches data over "
        "public endpoints.",
        remediation="Set `properties.properties.subnet.id` (Terraform `subnet_resource_id`).",
        references=References(
            defender="Azure Machine Learning Computes should be in a virtual network (Preview)",
            psrule=("Azure.ML.ComputeVnet",),
            azure_policy=("7804b5c7-01dc-4723-969b-ae300cc07ff1",),
            urls=(_LEARN,),
            compliance=controls("AML.T0049 GAI:information-security"),
        ),
        fix=Fix(
            steps=(
                "Create a subnet for the computes in a virtual network that can reach the workspace's storage, "
                "Key Vault and container registry.",
                "Declare the compute cluster or instance in that subnet (`properties.properties.subnet.id`, "
                "Terraform `subnet_resource_id`). The subnet of an existing compute cannot be changed: recreate it.",
            ),
            changes=(
                terraform("azurerm_machine_learning_compute_cluster", """
                    resource "azurerm_machine_learning_compute_cluster" "this" {
                      # ...
                      subnet_resource_id = azurerm_subnet.ml.id
                    }"""),
                terraform("azurerm_machine_learning_compute_instance", """
                    resource "azurerm_machine_learning_compute_instance" "this" {
                      # ...
                      subnet_resource_id = azurerm_subnet.ml.id
                    }"""),
                *patch(ML_COMPUTE, {"properties": {"properties": {"subnet": {"id": param("subnetId", "subnet.id")}}}}),
                cli("""
                    az ml compute create --name <compute-name> --resource-group <resource-group> \\
                      --workspace-name <workspace-name> --type AmlCompute --size STANDARD_DS3_V2 \\
                      --min-instances 0 --max-instances 4 --vnet-name <vnet-name> --subnet <subnet-name>"""),
            ),
        ),
    ),
    Rule(
        id="AISPM-AZ-031",
        title="Azure Machine Learning Computes should have local authentication methods disabled (Preview)",
        severity=Severity.MEDIUM,
        pillar=Pillar.IDENTITY,
        scope="Compute clusters (`AmlCompute`) and compute instances.",
        resource_types=(ML_COMPUTE,),
        facts=("local_auth_enabled",),
        check=is_false("local_auth_enabled"),
        applies=_compute_types("AmlCompute", "ComputeInstance"),
        risk="Local accounts (SSH keys, passwords) on compute bypass Entra ID and leave no identity in audit logs.",
        remediation="Set `properties.disableLocalAuth: true` (Terraform `local_auth_enabled = false`).",
        references=References(
            defender="Azure Machine Learning Computes should have local authentication methods disabled (Preview)",
            checkov=("CKV_AZURE_142",),
            psrule=("Azure.ML.DisableLocalAuth",),
            azure_policy=("e96a9a5f-07ca-471b-9bc5-6a0f33cbd68f",),
            urls=(_LEARN,),
            compliance=controls("AML.T0012 GAI:information-security"),
        ),
        fix=Fix(
            steps=(
                "Give users access through Microsoft Entra ID (workspace roles, and `personal` authorization on "
                "compute instances) instead of SSH keys and passwords.",
                "Declare the compute with `disableLocalAuth: true` (Terraform `local_auth_enabled = false`), and "
                "recreate existing computes.",
            ),
            changes=(
                terraform("azurerm_machine_learning_compute_cluster", """
                    resource "azurerm_machine_learning_compute_cluster" "this" {
                      # ...
                      local_auth_enabled = false
                    }"""),
                terraform("azurerm_machine_learning_compute_instance", """
                    resource "azurerm_machine_learning_compute_instance" "this" {
                      # ...
                      local_auth_enabled = false
                    }"""),
                *patch(ML_COMPUTE, {"properties": {"disableLocalAuth": True}}),
            ),
        ),
    ),
    Rule(
        id="AISPM-AZ-032",
        title="Azure Machine Learning Compute Instance should have idle shutdown",
        severity=Severity.LOW,
        pillar=Pillar.RESILIENCE,
        scope="Compute instances.",
        resource_types=(ML_COMPUTE,),
        facts=("idle_shutdown",),
        check=is_true("idle_shutdown"),
        applies=_compute_types("ComputeInstance"),
        risk="Forgotten compute instances keep running with their owner's credentials and data mounted, widening "
        "the attack surface and the bill.",
        remediation="Set `properties.properties.idleTimeBeforeShutdown` (e.g. `PT60M`).",
        references=References(
            psrule=("Azure.ML.ComputeIdleShutdown",),
            azure_policy=("679ddf89",),
            compliance=controls("GAI:environmental-impacts A.4.5"),
        ),
        fix=Fix(
            steps=(
                "Set an idle shutdown on every compute instance: `idleTimeBeforeShutdown`, an ISO 8601 duration "
                "such as `PT60M`.",
                "`azurerm_machine_learning_compute_instance` has no argument for it: declare the instance with "
                "`azapi_resource`. For an existing instance, set idle shutdown in the studio (the instance's "
                "schedule settings).",
            ),
            changes=(
                terraform("azurerm_machine_learning_compute_instance", """
                    resource "azapi_resource" "compute_instance" {
                      type      = "Microsoft.MachineLearningServices/workspaces/computes@2024-10-01"
                      name      = "ci-analyst"
                      parent_id = azurerm_machine_learning_workspace.workspace.id
                      location  = azurerm_machine_learning_workspace.workspace.location
                      body = {
                        properties = {
                          computeType      = "ComputeInstance"
                          disableLocalAuth = true
                          properties = {
                            vmSize                           = "STANDARD_DS3_V2"
                            computeInstanceAuthorizationType = "personal"
                            idleTimeBeforeShutdown           = "PT60M"
                          }
                        }
                      }
                    }""", note="Replaces the `azurerm_machine_learning_compute_instance`."),
                *patch(ML_COMPUTE, {"properties": {"properties": {"idleTimeBeforeShutdown": "PT60M"}}}),
                cli("""
                    az ml compute create --name <compute-name> --resource-group <resource-group> \\
                      --workspace-name <workspace-name> --type ComputeInstance --size STANDARD_DS3_V2 \\
                      --idle-time-before-shutdown-minutes 60"""),
            ),
        ),
    ),
    Rule(
        id="AISPM-AZ-033",
        title="Azure Machine Learning compute clusters should scale down to zero nodes",
        severity=Severity.LOW,
        pillar=Pillar.RESILIENCE,
        scope="Compute clusters (`AmlCompute`).",
        resource_types=(ML_COMPUTE,),
        facts=("min_node_count",),
        check=lambda f: None if f.get("min_node_count") is None else f["min_node_count"] == 0,
        applies=_compute_types("AmlCompute"),
        risk="Nodes that never scale down stay running, reachable and billable when no job needs them.",
        remediation="Set `scaleSettings.minNodeCount: 0` (Terraform `scale_settings { min_node_count = 0 }`).",
        references=References(checkov=("CKV_AZURE_150",),
                              compliance=controls("GAI:environmental-impacts A.4.5")),
        fix=Fix(
            steps=(
                "Set the cluster's minimum node count to 0 (`scaleSettings.minNodeCount`, Terraform "
                "`scale_settings { min_node_count = 0 }`), keeping the maximum as it is.",
                "Keep a short scale-down delay (`nodeIdleTimeBeforeScaleDown`, e.g. `PT120S`) so idle nodes go "
                "away quickly.",
            ),
            changes=(
                terraform("azurerm_machine_learning_compute_cluster", """
                    resource "azurerm_machine_learning_compute_cluster" "this" {
                      # ...
                      scale_settings {
                        min_node_count                       = 0
                        max_node_count                       = 4
                        scale_down_nodes_after_idle_duration = "PT120S"
                      }
                    }"""),
                *patch(ML_COMPUTE, {"properties": {"properties": {"scaleSettings": {"minNodeCount": 0}}}},
                       note="Keep `maxNodeCount` and the other scale settings as they are."),
                cli("""
                    az ml compute update --name <compute-name> --resource-group <resource-group> \\
                      --workspace-name <workspace-name> --min-instances 0"""),
            ),
        ),
    ),
    Rule(
        id="AISPM-AZ-034",
        title="Azure Machine Learning computes should not have public IP addresses",
        severity=Severity.MEDIUM,
        pillar=Pillar.NETWORK,
        scope="Compute clusters (`AmlCompute`) and compute instances.",
        resource_types=(ML_COMPUTE,),
        facts=("public_ip",),
        check=is_false("public_ip"),
        applies=_compute_types("AmlCompute", "ComputeInstance"),
        risk="Nodes with public IP addresses are directly reachable from the internet (SSH, Jupyter) and can send "
        "data out without passing any firewall.",
        remediation="Set `properties.properties.enableNodePublicIp: false` (Terraform `node_public_ip_enabled = "
        "false`) and attach the compute to a subnet.",
        references=References(compliance=controls("AML.T0049 GAI:information-security")),
        fix=Fix(
            steps=(
                "Put the compute in a subnet of your virtual network (AISPM-AZ-030) with an outbound path that is "
                "not a public IP of the nodes (a NAT gateway or a firewall), or use the workspace's managed network.",
                "Declare it with `enableNodePublicIp: false` (Terraform `node_public_ip_enabled = false`); an "
                "existing compute has to be recreated.",
            ),
            changes=(
                terraform("azurerm_machine_learning_compute_cluster", """
                    resource "azurerm_machine_learning_compute_cluster" "this" {
                      # ...
                      subnet_resource_id     = azurerm_subnet.ml.id
                      node_public_ip_enabled = false
                    }"""),
                terraform("azurerm_machine_learning_compute_instance", """
                    resource "azurerm_machine_learning_compute_instance" "this" {
                      # ...
                      subnet_resource_id     = azurerm_subnet.ml.id
                      node_public_ip_enabled = false
                    }"""),
                *patch(ML_COMPUTE, {"properties": {"properties": {
                    "subnet": {"id": param("subnetId", "subnet.id")}, "enableNodePublicIp": False}}}),
                cli("""
                    az ml compute create --name <compute-name> --resource-group <resource-group> \\
                      --workspace-name <workspace-name> --type AmlCompute --size STANDARD_DS3_V2 \\
                      --vnet-name <vnet-name> --subnet <subnet-name> --enable-node-public-ip false"""),
            ),
        ),
    ),
]
