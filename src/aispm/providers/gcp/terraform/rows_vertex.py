"""Mapping rows: Vertex AI, Workbench and legacy notebooks, Vertex AI Search (Discovery Engine),
Model Armor — Terraform `google` / `google-beta` types in their REST shape (`spec.py`).

Workbench instances (`google_workbench_instance`, Notebooks API v2) and legacy user-managed
notebooks (`google_notebooks_instance`, v1) are both `notebooks.googleapis.com/Instance` in the
Cloud Asset Inventory; the REST body tells them apart (a v2 instance always has `gceSetup`,
written here even when the block is absent, as the API returns it).
"""

from __future__ import annotations

from typing import Any

from aispm.providers.gcp import catalog as cat
from aispm.providers.gcp.terraform.spec import (
    ABSENT,
    ENCRYPTION,
    U,
    Block,
    Const,
    Each,
    Rename,
    apply,
    as_bool,
    block,
    first_of,
    name_from,
    resource,
)

_PSC = Block("private_service_connect_config", "privateServiceConnectConfig", (
    Rename("enable_private_service_connect", "enablePrivateServiceConnect", as_bool),
    Rename("project_allowlist", "projectAllowlist"),
))
_SHIELDED = Block("shielded_instance_config", "shieldedInstanceConfig", (
    Rename("enable_secure_boot", "enableSecureBoot", as_bool),
    Rename("enable_vtpm", "enableVtpm", as_bool),
    Rename("enable_integrity_monitoring", "enableIntegrityMonitoring", as_bool),
))
_DISK = (Rename("disk_type", "diskType"), Rename("disk_size_gb", "diskSizeGb"),
         Rename("disk_encryption", "diskEncryption"), Rename("kms_key", "kmsKey"))


def _garden_model(body: dict, out: dict) -> None:
    """The model a Model Garden deployment serves, as the endpoint's `deployedModels` (the access
    token of a Hugging Face model is never read)."""
    model = first_of(body, "publisher_model_name", "hugging_face_model_id")
    if model is not ABSENT:
        out["deployedModels"] = [{"model": model}]


def _garden_endpoint(body: dict, out: dict) -> None:
    cfg = block(body, "endpoint_config")
    if isinstance(cfg, dict):
        apply((Rename("endpoint_display_name", "displayName"),
               Rename("dedicated_endpoint_enabled", "dedicatedEndpointEnabled", as_bool)), cfg, out)


def _garden_name(body: dict) -> Any:
    cfg = block(body, "endpoint_config")
    name = first_of(cfg, "endpoint_display_name") if isinstance(cfg, dict) else ABSENT
    if name is ABSENT:
        name = first_of(body, "publisher_model_name", "hugging_face_model_id")
    return U("endpoint display name not set") if name is ABSENT else name


def _workbench_setup(body: dict, out: dict) -> None:
    out.setdefault("gceSetup", {})  # a v2 instance always has one (the API fills the defaults)


VERTEX: list[Any] = [
    resource("google_vertex_ai_endpoint", cat.ENDPOINT,
             Rename("display_name", "displayName"), Rename("description", "description"),
             Rename("network", "network"), _PSC, ENCRYPTION,
             Rename("dedicated_endpoint_enabled", "dedicatedEndpointEnabled", as_bool)),
    resource("google_vertex_ai_endpoint_with_model_garden_deployment", cat.ENDPOINT,
             _garden_model, _garden_endpoint, name=_garden_name),
    resource("google_vertex_ai_dataset", cat.DATASET,
             Rename("display_name", "displayName"), Rename("metadata_schema_uri", "metadataSchemaUri"), ENCRYPTION,
             name=name_from("display_name", "name")),
    resource("google_vertex_ai_featurestore", cat.FEATURESTORE,
             Block("online_serving_config", "onlineServingConfig", (Rename("fixed_node_count", "fixedNodeCount"),)),
             ENCRYPTION),
    resource("google_vertex_ai_featurestore_entitytype", cat.ENTITY_TYPE,
             Rename("description", "description"), Rename("featurestore", "featurestore"),
             parent="featurestore"),
    resource("google_vertex_ai_feature_online_store", cat.FEATURE_ONLINE_STORE,
             Block("dedicated_serving_endpoint", "dedicatedServingEndpoint", (
                 Block("private_service_connect_config", "privateServiceConnectConfig", (
                     Rename("enable_private_service_connect", "enablePrivateServiceConnect", as_bool),)),
             )),
             ENCRYPTION),
    resource("google_vertex_ai_tensorboard", cat.TENSORBOARD,
             Rename("display_name", "displayName"), ENCRYPTION, name=name_from("display_name", "name")),
    resource("google_vertex_ai_metadata_store", cat.METADATA_STORE, ENCRYPTION),
    resource("google_vertex_ai_index", cat.INDEX,
             Rename("display_name", "displayName"),
             Block("metadata", "metadata", (Rename("contents_delta_uri", "contentsDeltaUri"),)),
             Rename("index_update_method", "indexUpdateMethod"), ENCRYPTION,
             name=name_from("display_name", "name")),
    resource("google_vertex_ai_index_endpoint", cat.INDEX_ENDPOINT,
             Rename("display_name", "displayName"), Rename("network", "network"),
             Rename("public_endpoint_enabled", "publicEndpointEnabled", as_bool), _PSC, ENCRYPTION,
             name=name_from("display_name", "name")),
    resource("google_vertex_ai_index_endpoint_deployed_index", cat.DEPLOYED_INDEX,
             Rename("deployed_index_id", "id"), Rename("index", "index"), Rename("index_endpoint", "indexEndpoint"),
             Rename("display_name", "displayName"),
             Block("deployed_index_auth_config", "deployedIndexAuthConfig", (
                 Block("auth_provider", "authProvider", (Rename("audiences", "audiences"),)),)),
             parent="index_endpoint", name=name_from("deployed_index_id", "display_name")),
    resource("google_vertex_ai_reasoning_engine", cat.REASONING_ENGINE,
             Rename("display_name", "displayName"),
             Block("spec", "spec", (Rename("service_account", "serviceAccount"),
                                    Rename("agent_framework", "agentFramework"))),
             ENCRYPTION, name=name_from("display_name", "name")),
]

NOTEBOOKS: list[Any] = [
    resource("google_workbench_instance", cat.NOTEBOOK_INSTANCE,
             _workbench_setup,
             Block("gce_setup", "gceSetup", (
                 Rename("machine_type", "machineType"),
                 Rename("disable_public_ip", "disablePublicIp", as_bool),
                 Each("service_accounts", "serviceAccounts", (Rename("email", "email"),)),
                 Block("boot_disk", "bootDisk", _DISK),
                 Each("data_disks", "dataDisks", _DISK),
                 Each("network_interfaces", "networkInterfaces", (
                     Rename("network", "network"), Rename("subnet", "subnet"), Rename("nic_type", "nicType"))),
                 Rename("metadata", "metadata"),
                 _SHIELDED,
                 Rename("enable_ip_forwarding", "enableIpForwarding", as_bool),
             )),
             Rename("disable_proxy_access", "disableProxyAccess", as_bool),
             Rename("instance_owners", "instanceOwners")),
    resource("google_notebooks_instance", cat.NOTEBOOK_INSTANCE,
             Rename("machine_type", "machineType"),
             Rename("no_public_ip", "noPublicIp", as_bool),
             Rename("no_proxy_access", "noProxyAccess", as_bool),
             Rename("service_account", "serviceAccount"),
             Rename("network", "network"), Rename("subnet", "subnet"),
             Rename("metadata", "metadata"),
             Rename("disk_encryption", "diskEncryption"), Rename("kms_key", "kmsKey"),
             _SHIELDED,
             Rename("instance_owners", "instanceOwners"),
             Block("vm_image", "vmImage", (Rename("project", "project"), Rename("image_family", "imageFamily"))),
             Block("container_image", "containerImage", (Rename("repository", "repository"), Rename("tag", "tag")))),
    resource("google_notebooks_runtime", cat.NOTEBOOK_RUNTIME,
             Block("access_config", "accessConfig", (Rename("access_type", "accessType"),
                                                     Rename("runtime_owner", "runtimeOwner"))),
             Block("software_config", "softwareConfig", (
                 Rename("idle_shutdown", "idleShutdown", as_bool),
                 Rename("idle_shutdown_timeout", "idleShutdownTimeout"),
                 Rename("enable_health_monitoring", "enableHealthMonitoring", as_bool))),
             Block("virtual_machine", "virtualMachine", (
                 Block("virtual_machine_config", "virtualMachineConfig", (
                     Rename("machine_type", "machineType"),
                     Rename("internal_ip_only", "internalIpOnly", as_bool),
                     Rename("network", "network"), Rename("subnet", "subnet"),
                     Rename("metadata", "metadata"),
                     Block("encryption_config", "encryptionConfig", (Rename("kms_key", "kmsKey"),)),
                     _SHIELDED,
                 )),
             ))),
]

SEARCH: list[Any] = [
    resource("google_discovery_engine_data_store", cat.DATA_STORE,
             Rename("display_name", "displayName"), Rename("industry_vertical", "industryVertical"),
             Rename("content_config", "contentConfig"), Rename("solution_types", "solutionTypes"),
             Rename("kms_key_name", "kmsKeyName"),
             name=name_from("data_store_id", "display_name")),
    resource("google_discovery_engine_search_engine", cat.SEARCH_ENGINE,
             Const("solutionType", "SOLUTION_TYPE_SEARCH"),
             Rename("display_name", "displayName"), Rename("data_store_ids", "dataStoreIds"),
             Rename("industry_vertical", "industryVertical"),
             name=name_from("engine_id", "display_name")),
    resource("google_discovery_engine_chat_engine", cat.SEARCH_ENGINE,
             Const("solutionType", "SOLUTION_TYPE_CHAT"),
             Rename("display_name", "displayName"), Rename("data_store_ids", "dataStoreIds"),
             Rename("industry_vertical", "industryVertical"),
             name=name_from("engine_id", "display_name")),
    resource("google_model_armor_template", cat.MODEL_ARMOR_TEMPLATE,
             Block("filter_config", "filterConfig", (
                 Block("rai_settings", "raiSettings", (
                     Each("rai_filters", "raiFilters", (Rename("filter_type", "filterType"),
                                                         Rename("confidence_level", "confidenceLevel"))),)),
                 Block("pi_and_jailbreak_filter_settings", "piAndJailbreakFilterSettings", (
                     Rename("filter_enforcement", "filterEnforcement"),
                     Rename("confidence_level", "confidenceLevel"))),
                 Block("malicious_uri_filter_settings", "maliciousUriFilterSettings", (
                     Rename("filter_enforcement", "filterEnforcement"),)),
                 Block("sdp_settings", "sdpSettings", (
                     Block("basic_config", "basicConfig", (Rename("filter_enforcement", "filterEnforcement"),)),)),
             )),
             name=name_from("template_id", "name")),
]

ROWS: list[Any] = [*VERTEX, *NOTEBOOKS, *SEARCH]
