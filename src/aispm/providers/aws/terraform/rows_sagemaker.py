"""Mapping rows: Amazon SageMaker — notebook instances, domains and user profiles, endpoints,
endpoint configurations, models, data quality job definitions, human review flow definitions.

The `aws` provider's SageMaker attributes are the snake_case of CloudFormation's, with a few
renames (`security_groups` → `SecurityGroupIds`, `volume_size` → `VolumeSizeInGB`,
`kms_key_arn` → `KmsKeyId`). The provider's defaults for `direct_internet_access` and
`root_access` (`Enabled`) and `app_network_access_type` (`PublicInternetOnly`) are AWS's, so an
absent attribute stays absent and the facts layer applies AWS's default.
"""

from __future__ import annotations

from aispm.iac.terraform.mapping import MappingRow
from aispm.iac.terraform.spec import Block, Each, Rename, as_bool
from aispm.providers.aws import catalog as cat
from aispm.providers.aws.terraform.convert import tag_list
from aispm.providers.aws.terraform.spec import named, resource

_TAGS = Rename("tags", "Tags", tag_list)
_VPC = Block("vpc_config", "VpcConfig", (Rename("security_group_ids", "SecurityGroupIds"),
                                         Rename("subnets", "Subnets")))


def _app_settings(src: str, dst: str) -> Block:
    return Block(src, dst, (
        Block("default_resource_spec", "DefaultResourceSpec", (
            Rename("instance_type", "InstanceType"),
            Rename("lifecycle_config_arn", "LifecycleConfigArn"),
            Rename("sagemaker_image_arn", "SageMakerImageArn"),
        )),
        Rename("lifecycle_config_arns", "LifecycleConfigArns"),
    ))


_USER_SETTINGS = (
    Rename("execution_role", "ExecutionRole"),
    Rename("security_groups", "SecurityGroups"),
    Rename("default_landing_uri", "DefaultLandingUri"),
    Rename("studio_web_portal", "StudioWebPortal"),
    _app_settings("jupyter_server_app_settings", "JupyterServerAppSettings"),
    _app_settings("kernel_gateway_app_settings", "KernelGatewayAppSettings"),
    _app_settings("jupyter_lab_app_settings", "JupyterLabAppSettings"),
    _app_settings("code_editor_app_settings", "CodeEditorAppSettings"),
)

_CONTAINER = (
    Rename("image", "Image"),
    Rename("model_data_url", "ModelDataUrl"),
    Rename("environment", "Environment"),
    Rename("mode", "Mode"),
    Rename("container_hostname", "ContainerHostname"),
    Rename("model_package_name", "ModelPackageName"),
)

ROWS: list[MappingRow] = [
    resource("aws_sagemaker_notebook_instance", cat.SAGEMAKER_NOTEBOOK,
             Rename("name", "NotebookInstanceName"),
             Rename("instance_type", "InstanceType"),
             Rename("role_arn", "RoleArn"),
             Rename("kms_key_id", "KmsKeyId"),
             Rename("subnet_id", "SubnetId"),
             Rename("security_groups", "SecurityGroupIds"),
             Rename("direct_internet_access", "DirectInternetAccess"),
             Rename("root_access", "RootAccess"),
             Rename("volume_size", "VolumeSizeInGB"),
             Rename("lifecycle_config_name", "LifecycleConfigName"),
             Rename("default_code_repository", "DefaultCodeRepository"),
             Rename("additional_code_repositories", "AdditionalCodeRepositories"),
             Rename("accelerator_types", "AcceleratorTypes"),
             Rename("platform_identifier", "PlatformIdentifier"),
             Block("instance_metadata_service_configuration", "InstanceMetadataServiceConfiguration", (
                 Rename("minimum_instance_metadata_service_version", "MinimumInstanceMetadataServiceVersion"),
             )),
             _TAGS),
    resource("aws_sagemaker_domain", cat.SAGEMAKER_DOMAIN,
             Rename("domain_name", "DomainName"),
             Rename("auth_mode", "AuthMode"),
             Rename("vpc_id", "VpcId"),
             Rename("subnet_ids", "SubnetIds"),
             Rename("kms_key_id", "KmsKeyId"),
             Rename("app_network_access_type", "AppNetworkAccessType"),
             Rename("app_security_group_management", "AppSecurityGroupManagement"),
             Block("default_user_settings", "DefaultUserSettings", _USER_SETTINGS),
             Block("default_space_settings", "DefaultSpaceSettings", (
                 Rename("execution_role", "ExecutionRole"),
                 Rename("security_groups", "SecurityGroups"),
             )),
             Block("domain_settings", "DomainSettings", (
                 Rename("security_group_ids", "SecurityGroupIds"),
                 Rename("execution_role_identity_config", "ExecutionRoleIdentityConfig"),
             )),
             _TAGS,
             name=named("domain_name")),
    resource("aws_sagemaker_user_profile", cat.SAGEMAKER_USER_PROFILE,
             Rename("domain_id", "DomainId"),
             Rename("user_profile_name", "UserProfileName"),
             Rename("single_sign_on_user_identifier", "SingleSignOnUserIdentifier"),
             Rename("single_sign_on_user_value", "SingleSignOnUserValue"),
             Block("user_settings", "UserSettings", _USER_SETTINGS),
             _TAGS,
             name=named("user_profile_name"), parent="domain_id"),
    resource("aws_sagemaker_app", cat.SAGEMAKER_APP,
             Rename("app_name", "AppName"),
             Rename("app_type", "AppType"),
             Rename("domain_id", "DomainId"),
             Rename("user_profile_name", "UserProfileName"),
             Rename("space_name", "SpaceName"),
             Block("resource_spec", "ResourceSpec", (
                 Rename("instance_type", "InstanceType"),
                 Rename("lifecycle_config_arn", "LifecycleConfigArn"),
                 Rename("sagemaker_image_arn", "SageMakerImageArn"),
             )),
             _TAGS,
             name=named("app_name"), parent="domain_id"),
    resource("aws_sagemaker_endpoint", cat.SAGEMAKER_ENDPOINT,
             Rename("name", "EndpointName"),
             Rename("endpoint_config_name", "EndpointConfigName"),
             _TAGS),
    resource("aws_sagemaker_endpoint_configuration", cat.SAGEMAKER_ENDPOINT_CONFIG,
             Rename("name", "EndpointConfigName"),
             Rename("kms_key_arn", "KmsKeyId"),
             Each("production_variants", "ProductionVariants", (
                 Rename("variant_name", "VariantName"),
                 Rename("model_name", "ModelName"),
                 Rename("instance_type", "InstanceType"),
                 Rename("initial_instance_count", "InitialInstanceCount"),
                 Rename("initial_variant_weight", "InitialVariantWeight"),
                 Rename("accelerator_type", "AcceleratorType"),
             )),
             Block("data_capture_config", "DataCaptureConfig", (
                 Rename("enable_capture", "EnableCapture", as_bool),
                 Rename("initial_sampling_percentage", "InitialSamplingPercentage"),
                 Rename("destination_s3_uri", "DestinationS3Uri"),
                 Rename("kms_key_id", "KmsKeyId"),
             )),
             _TAGS),
    resource("aws_sagemaker_model", cat.SAGEMAKER_MODEL,
             Rename("name", "ModelName"),
             Rename("execution_role_arn", "ExecutionRoleArn"),
             Rename("enable_network_isolation", "EnableNetworkIsolation", as_bool),
             Block("primary_container", "PrimaryContainer", _CONTAINER),
             Each("container", "Containers", _CONTAINER),
             _VPC,
             _TAGS),
    resource("aws_sagemaker_data_quality_job_definition", cat.SAGEMAKER_DATA_QUALITY_JOB,
             # `job_definition_name` is not the provider's name for it, but Checkov's fixtures write it
             Rename(("name", "job_definition_name"), "JobDefinitionName"),
             Rename("role_arn", "RoleArn"),
             Block("data_quality_app_specification", "DataQualityAppSpecification", (
                 Rename("image_uri", "ImageUri"),
             )),
             Block("data_quality_job_output_config", "DataQualityJobOutputConfig", (
                 Rename("kms_key_id", "KmsKeyId"),
             )),
             Block("job_resources", "JobResources", (
                 Block("cluster_config", "ClusterConfig", (
                     Rename("instance_count", "InstanceCount"),
                     Rename("instance_type", "InstanceType"),
                     Rename("volume_size_in_gb", "VolumeSizeInGB"),
                     Rename("volume_kms_key_id", "VolumeKmsKeyId"),
                 )),
             )),
             Block("network_config", "NetworkConfig", (
                 Rename("enable_inter_container_traffic_encryption", "EnableInterContainerTrafficEncryption",
                        as_bool),
                 Rename("enable_network_isolation", "EnableNetworkIsolation", as_bool),
                 _VPC,
             )),
             _TAGS,
             name=named("name", "job_definition_name")),
    resource("aws_sagemaker_flow_definition", cat.SAGEMAKER_FLOW_DEFINITION,
             Rename("flow_definition_name", "FlowDefinitionName"),
             Rename("role_arn", "RoleArn"),
             Block("human_loop_config", "HumanLoopConfig", (
                 Rename("workteam_arn", "WorkteamArn"),
                 Rename("human_task_ui_arn", "HumanTaskUiArn"),
             )),
             Block("output_config", "OutputConfig", (
                 Rename("kms_key_id", "KmsKeyId"),
                 Rename("s3_output_path", "S3OutputPath"),
             )),
             _TAGS,
             name=named("flow_definition_name")),
]
