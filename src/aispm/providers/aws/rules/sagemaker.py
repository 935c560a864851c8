"""Rules for Amazon SageMaker: notebook instances, domains and apps, endpoint configurations,
models, data quality monitoring jobs and human review flow definitions.

Defender's SageMaker recommendations, and Checkov's and Prowler's SageMaker checks. Defender's
endpoint network isolation and VPC recommendations are decided by the models the endpoint's
configuration serves: the linker (`link/network.py`) gives the endpoint `network_isolation` and
`vpc_attached` from those models (false when one of them lacks it, unknown when one is not in the
scan), and AISPM-AWS-045/046 judge the endpoint; the model rules (022/023) judge the same settings
where they are made.
"""

from __future__ import annotations

from aispm.model import Pillar, References, Severity
from aispm.providers.aws import catalog as cat
from aispm.providers.aws.rules.base import (
    DEFENDER_COMPUTE,
    DEFENDER_DATA,
    DEFENDER_IAM,
    DEFENDER_NET,
    SAGEMAKER_SECURITY,
    aws_cli,
    cloudformation,
    terraform,
)
from aispm.rules.engine import Change, Fix, Rule, is_false, is_true
from aispm.compliance import controls

_NB = (cat.SAGEMAKER_NOTEBOOK,)
_DQ = (cat.SAGEMAKER_DATA_QUALITY_JOB,)
_SM_EP = (cat.SAGEMAKER_ENDPOINT,)


def _rule(id: str, title: str, severity: Severity, pillar: Pillar, types: tuple[str, ...], fact: str, want: bool,
          risk: str, remediation: str, steps: tuple[str, ...], changes: tuple[Change, ...],
          references: References, scope: str = "") -> Rule:
    return Rule(id=id, title=title, severity=severity, pillar=pillar, provider="aws", resource_types=types,
                facts=(fact,), check=is_true(fact) if want else is_false(fact), risk=risk, remediation=remediation,
                references=references, fix=Fix(steps=steps, changes=changes), scope=scope)


RULES = [
    _rule(
        "AISPM-AWS-020", "AWS Key Management Service encryption should be enabled for SageMaker domain",
        Severity.LOW, Pillar.DATA, (cat.SAGEMAKER_DOMAIN, cat.SAGEMAKER_NOTEBOOK), "customer_managed_key", True,
        risk="The domain's EFS home directories, or the notebook instance's ML storage volume, hold notebooks, data "
             "and credentials users leave there, encrypted with an AWS managed key you cannot restrict or audit.",
        remediation="Set `kms_key_id` (`KmsKeyId`) to a customer-managed KMS key on the domain and on notebook "
                    "instances.",
        steps=("Create a customer-managed KMS key SageMaker may use.",
               "Set it as the domain's or notebook instance's KMS key; it is chosen at creation, so the resource is "
               "replaced."),
        changes=(
            terraform("aws_sagemaker_domain", """
                resource "aws_sagemaker_domain" "this" {
                  # ...
                  kms_key_id = aws_kms_key.sagemaker.arn
                }"""),
            terraform("aws_sagemaker_notebook_instance", """
                resource "aws_sagemaker_notebook_instance" "this" {
                  # ...
                  kms_key_id = aws_kms_key.sagemaker.arn
                }"""),
            cloudformation(cat.SAGEMAKER_DOMAIN, """
                Domain:
                  Type: AWS::SageMaker::Domain
                  Properties:
                    # ...
                    KmsKeyId: !GetAtt SageMakerKey.Arn"""),
            cloudformation(cat.SAGEMAKER_NOTEBOOK, """
                Notebook:
                  Type: AWS::SageMaker::NotebookInstance
                  Properties:
                    # ...
                    KmsKeyId: !GetAtt SageMakerKey.Arn"""),
            aws_cli("""
                aws sagemaker describe-domain --domain-id <domain-id> --query KmsKeyId
                aws sagemaker describe-notebook-instance --notebook-instance-name <name> --query KmsKeyId"""),
        ),
        references=References(defender="AWS Key Management Service encryption should be enabled for SageMaker domain",
                              checkov=("CKV_AWS_187",),
                              prowler=("sagemaker_domain_encrypted_with_cmk",
                                       "sagemaker_notebook_instance_encryption_enabled"),
                              urls=(DEFENDER_DATA,),
                              compliance=controls("GAI:data-privacy GAI:information-security A.7.2")),
    ),
    _rule(
        "AISPM-AWS-021", "AWS Key Management Service encryption should be enabled on SageMaker endpoints",
        Severity.MEDIUM, Pillar.DATA, (cat.SAGEMAKER_ENDPOINT_CONFIG,), "customer_managed_key", True,
        risk="The storage volumes of the instances that serve the endpoint hold the model and its data, encrypted "
             "with an AWS managed key you cannot restrict or audit.",
        remediation="Set `kms_key_arn` (`KmsKeyId`) on the endpoint configuration.",
        steps=("Create a customer-managed KMS key SageMaker may use.",
               "Create a new endpoint configuration with the key and update the endpoint to it."),
        changes=(
            terraform("aws_sagemaker_endpoint_configuration", """
                resource "aws_sagemaker_endpoint_configuration" "this" {
                  # ...
                  kms_key_arn = aws_kms_key.sagemaker.arn
                }"""),
            cloudformation(cat.SAGEMAKER_ENDPOINT_CONFIG, """
                EndpointConfig:
                  Type: AWS::SageMaker::EndpointConfig
                  Properties:
                    # ...
                    KmsKeyId: !GetAtt SageMakerKey.Arn"""),
            aws_cli("""
                aws sagemaker create-endpoint-config --endpoint-config-name <new-config> \\
                  --production-variants file://variants.json --kms-key-id <kms-key-arn>
                aws sagemaker update-endpoint --endpoint-name <endpoint> --endpoint-config-name <new-config>"""),
        ),
        references=References(defender="AWS Key Management Service encryption should be enabled on SageMaker "
                                       "endpoints", prowler=("sagemaker_endpoint_config_kms_encryption_enabled",),
                              urls=(DEFENDER_DATA,),
                              compliance=controls("GAI:data-privacy GAI:information-security A.7.2")),
    ),
    _rule(
        "AISPM-AWS-022", "Network isolation should be enabled for AWS SageMaker models",
        Severity.MEDIUM, Pillar.NETWORK, (cat.SAGEMAKER_MODEL,), "network_isolation", True,
        risk="A model container with network access can send what it receives (prompts, features, data) anywhere, "
             "and a compromised or malicious model image can reach the internet.",
        remediation="Set `enable_network_isolation = true` (`EnableNetworkIsolation: true`).",
        steps=("Enable network isolation on the model (the container then has no outbound network access; model "
               "artifacts are still fetched by SageMaker).", "Redeploy the endpoints that serve it."),
        changes=(
            terraform("aws_sagemaker_model", """
                resource "aws_sagemaker_model" "this" {
                  # ...
                  enable_network_isolation = true
                }"""),
            cloudformation(cat.SAGEMAKER_MODEL, """
                Model:
                  Type: AWS::SageMaker::Model
                  Properties:
                    # ...
                    EnableNetworkIsolation: true"""),
            aws_cli("""
                aws sagemaker create-model --model-name <model> --execution-role-arn <role-arn> \\
                  --primary-container file://container.json --enable-network-isolation"""),
        ),
        references=References(defender="Network isolation should be enabled for AWS SageMaker models",
                              checkov=("CKV_AWS_370",), prowler=("sagemaker_models_network_isolation_enabled",),
                              urls=(DEFENDER_NET,),
                              compliance=controls("LLM02 AML.T0025 GAI:data-privacy")),
    ),
    _rule(
        "AISPM-AWS-023", "VpcConfig should be configured for AWS SageMaker models",
        Severity.MEDIUM, Pillar.NETWORK, (cat.SAGEMAKER_MODEL,), "vpc_attached", True,
        risk="Without a VPC configuration the model's containers run in SageMaker's network, outside your security "
             "groups, flow logs and VPC endpoints.",
        remediation="Add `vpc_config { subnets, security_group_ids }` (`VpcConfig`).",
        steps=("Choose private subnets and a security group for the model's containers.",
               "Add them as the model's VPC configuration and redeploy its endpoints."),
        changes=(
            terraform("aws_sagemaker_model", """
                resource "aws_sagemaker_model" "this" {
                  # ...
                  vpc_config {
                    subnets            = var.private_subnet_ids
                    security_group_ids = [aws_security_group.model.id]
                  }
                }"""),
            cloudformation(cat.SAGEMAKER_MODEL, """
                Model:
                  Type: AWS::SageMaker::Model
                  Properties:
                    # ...
                    VpcConfig:
                      Subnets: !Ref PrivateSubnetIds
                      SecurityGroupIds:
                        - !Ref ModelSecurityGroup"""),
            aws_cli("""
                aws sagemaker create-model --model-name <model> --execution-role-arn <role-arn> \\
                  --primary-container file://container.json \\
                  --vpc-config Subnets=<subnet-id>,SecurityGroupIds=<sg-id>"""),
        ),
        references=References(defender="VpcConfig should be configured for AWS SageMaker models",
                              prowler=("sagemaker_models_vpc_settings_configured",), urls=(DEFENDER_NET,),
                              compliance=controls("AML.T0049 GAI:information-security")),
    ),
    _rule(
        "AISPM-AWS-045", "Network isolation should be enabled on AWS SageMaker endpoints",
        Severity.MEDIUM, Pillar.NETWORK, _SM_EP, "network_isolation", True,
        risk="An endpoint serves a model whose container has network access: what callers send it (prompts, "
             "features, data) can leave for anywhere, and a compromised or malicious model image can reach the "
             "internet while it serves production traffic.",
        remediation="Set `enable_network_isolation = true` (`EnableNetworkIsolation: true`) on every model the "
                    "endpoint's configuration serves, then update the endpoint to a new configuration.",
        steps=("Find the models the endpoint serves: its endpoint configuration's production variants name them.",
               "Enable network isolation on each of those models (a new model: the setting is fixed at creation).",
               "Create an endpoint configuration that serves the new models and update the endpoint to it."),
        changes=(
            terraform("aws_sagemaker_model", """
                resource "aws_sagemaker_model" "this" {
                  # ... (each model the endpoint's configuration serves)
                  enable_network_isolation = true
                }"""),
            cloudformation(cat.SAGEMAKER_MODEL, """
                Model:
                  Type: AWS::SageMaker::Model
                  Properties:
                    # ... (each model the endpoint's configuration serves)
                    EnableNetworkIsolation: true"""),
            aws_cli("""
                aws sagemaker describe-endpoint-config --endpoint-config-name <config> \
                  --query 'ProductionVariants[].ModelName'
                aws sagemaker describe-model --model-name <model> --query EnableNetworkIsolation
                aws sagemaker create-model --model-name <new-model> --execution-role-arn <role-arn> \
                  --primary-container file://container.json --enable-network-isolation
                aws sagemaker update-endpoint --endpoint-name <endpoint> --endpoint-config-name <new-config>"""),
        ),
        references=References(defender="Network isolation should be enabled on AWS SageMaker endpoints",
                              urls=(DEFENDER_NET, SAGEMAKER_SECURITY),
                              compliance=controls("LLM02 AML.T0025 GAI:data-privacy")),
    ),
    _rule(
        "AISPM-AWS-046", "Proper VPC configuration should be enabled on AWS SageMaker endpoints",
        Severity.MEDIUM, Pillar.NETWORK, _SM_EP, "vpc_attached", True,
        risk="An endpoint serves a model without a VPC configuration: its containers run in SageMaker's network, "
             "outside your security groups, flow logs and VPC endpoints, while they handle production requests.",
        remediation="Add `vpc_config { subnets, security_group_ids }` (`VpcConfig`) to every model the endpoint's "
                    "configuration serves, then update the endpoint to a new configuration.",
        steps=("Find the models the endpoint serves: its endpoint configuration's production variants name them.",
               "Give each a VPC configuration (private subnets and a security group); the setting is fixed at "
               "creation, so create new models.",
               "Create an endpoint configuration that serves the new models and update the endpoint to it."),
        changes=(
            terraform("aws_sagemaker_model", """
                resource "aws_sagemaker_model" "this" {
                  # ... (each model the endpoint's configuration serves)
                  vpc_config {
                    subnets            = var.private_subnet_ids
                    security_group_ids = [aws_security_group.model.id]
                  }
                }"""),
            cloudformation(cat.SAGEMAKER_MODEL, """
                Model:
                  Type: AWS::SageMaker::Model
                  Properties:
                    # ... (each model the endpoint's configuration serves)
                    VpcConfig:
                      Subnets: !Ref PrivateSubnetIds
                      SecurityGroupIds:
                        - !Ref ModelSecurityGroup"""),
            aws_cli("""
                aws sagemaker describe-endpoint-config --endpoint-config-name <config> \
                  --query 'ProductionVariants[].ModelName'
                aws sagemaker create-model --model-name <new-model> --execution-role-arn <role-arn> \
                  --primary-container file://container.json \
                  --vpc-config Subnets=<subnet-id>,SecurityGroupIds=<sg-id>
                aws sagemaker update-endpoint --endpoint-name <endpoint> --endpoint-config-name <new-config>"""),
        ),
        references=References(defender="Proper VPC configuration should be enabled on AWS SageMaker endpoints",
                              urls=(DEFENDER_NET, SAGEMAKER_SECURITY),
                              compliance=controls("AML.T0049 GAI:information-security")),
    ),
    _rule(
        "AISPM-AWS-024", "VPC-only network access should be configured on AWS SageMaker domains",
        Severity.MEDIUM, Pillar.NETWORK, (cat.SAGEMAKER_DOMAIN,), "vpc_only", True,
        risk="In PublicInternetOnly mode, Studio apps reach the internet through SageMaker's network: data can leave "
             "without passing your VPC's controls.",
        remediation="Set `app_network_access_type = \"VpcOnly\"` (`AppNetworkAccessType: VpcOnly`).",
        steps=("Give the domain's subnets a route to what users need (VPC endpoints for SageMaker, S3, STS, or a "
               "NAT gateway).", "Set the domain's app network access type to VpcOnly."),
        changes=(
            terraform("aws_sagemaker_domain", """
                resource "aws_sagemaker_domain" "this" {
                  # ...
                  app_network_access_type = "VpcOnly"
                }"""),
            cloudformation(cat.SAGEMAKER_DOMAIN, """
                Domain:
                  Type: AWS::SageMaker::Domain
                  Properties:
                    # ...
                    AppNetworkAccessType: VpcOnly"""),
            aws_cli("""
                aws sagemaker update-domain --domain-id <domain-id> --app-network-access-type VpcOnly"""),
        ),
        references=References(defender="VPC-only network access should be configured on AWS SageMaker domains",
                              prowler=("sagemaker_domain_vpc_only_enabled",), urls=(DEFENDER_NET,),
                              compliance=controls("AML.T0049 GAI:information-security")),
    ),
    _rule(
        "AISPM-AWS-025", "Disable direct internet access for Amazon Sage Maker notebook instances",
        Severity.HIGH, Pillar.NETWORK, _NB, "direct_internet_access", False,
        risk="A notebook instance with direct internet access (the default) can download anything and send its data "
             "anywhere, outside your VPC's controls.",
        remediation="Launch the notebook in a subnet and set `direct_internet_access = \"Disabled\"` "
                    "(`DirectInternetAccess: Disabled`).",
        steps=("Put the notebook instance in a private subnet with a security group (direct internet access can only "
               "be disabled for an instance in a VPC).",
               "Set direct internet access to Disabled; the instance is replaced."),
        changes=(
            terraform("aws_sagemaker_notebook_instance", """
                resource "aws_sagemaker_notebook_instance" "this" {
                  # ...
                  subnet_id              = var.private_subnet_id
                  security_groups        = [aws_security_group.notebook.id]
                  direct_internet_access = "Disabled"
                }"""),
            cloudformation(cat.SAGEMAKER_NOTEBOOK, """
                Notebook:
                  Type: AWS::SageMaker::NotebookInstance
                  Properties:
                    # ...
                    SubnetId: !Ref PrivateSubnetId
                    SecurityGroupIds:
                      - !Ref NotebookSecurityGroup
                    DirectInternetAccess: Disabled"""),
            aws_cli("""
                aws sagemaker create-notebook-instance --notebook-instance-name <name> --instance-type <type> \\
                  --role-arn <role-arn> --subnet-id <subnet-id> --security-group-ids <sg-id> \\
                  --direct-internet-access Disabled"""),
        ),
        references=References(defender="Disable direct internet access for Amazon Sage Maker notebook instances",
                              prowler=("sagemaker_notebook_instance_without_direct_internet_access_configured",),
                              urls=(DEFENDER_IAM,),
                              compliance=controls("LLM02 AML.T0025 GAI:data-privacy AML.T0049")),
    ),
    _rule(
        "AISPM-AWS-026", "SageMaker notebook instances should not give users root access",
        Severity.MEDIUM, Pillar.IDENTITY, _NB, "root_access", False,
        risk="With root access (the default) every notebook user can change the instance's software, read every "
             "user's files and the instance role's credentials, and disable controls on it.",
        remediation="Set `root_access = \"Disabled\"` (`RootAccess: Disabled`).",
        steps=("Move what needs root (package installs) into a lifecycle configuration, which still runs as root.",
               "Set root access to Disabled."),
        changes=(
            terraform("aws_sagemaker_notebook_instance", """
                resource "aws_sagemaker_notebook_instance" "this" {
                  # ...
                  root_access = "Disabled"
                }"""),
            cloudformation(cat.SAGEMAKER_NOTEBOOK, """
                Notebook:
                  Type: AWS::SageMaker::NotebookInstance
                  Properties:
                    # ...
                    RootAccess: Disabled"""),
            aws_cli("""
                aws sagemaker stop-notebook-instance --notebook-instance-name <name>
                aws sagemaker update-notebook-instance --notebook-instance-name <name> --root-access Disabled"""),
        ),
        references=References(checkov=("CKV_AWS_307",), prowler=("sagemaker_notebook_instance_root_access_disabled",),
                              urls=(SAGEMAKER_SECURITY,),
                              compliance=controls("GAI:information-security")),
    ),
    _rule(
        "AISPM-AWS-027", "SageMaker notebook instances should be launched into a custom VPC",
        Severity.MEDIUM, Pillar.NETWORK, _NB, "vpc_attached", True,
        risk="A notebook instance outside your VPC is reached and reaches out through SageMaker's network, beyond "
             "your security groups, VPC endpoints and flow logs.",
        remediation="Set `subnet_id` (`SubnetId`) and security groups.",
        steps=("Choose a private subnet and a security group for the notebook instance.",
               "Launch it in them; the instance is replaced."),
        changes=(
            terraform("aws_sagemaker_notebook_instance", """
                resource "aws_sagemaker_notebook_instance" "this" {
                  # ...
                  subnet_id       = var.private_subnet_id
                  security_groups = [aws_security_group.notebook.id]
                }"""),
            cloudformation(cat.SAGEMAKER_NOTEBOOK, """
                Notebook:
                  Type: AWS::SageMaker::NotebookInstance
                  Properties:
                    # ...
                    SubnetId: !Ref PrivateSubnetId
                    SecurityGroupIds:
                      - !Ref NotebookSecurityGroup"""),
            aws_cli("""
                aws sagemaker create-notebook-instance --notebook-instance-name <name> --instance-type <type> \\
                  --role-arn <role-arn> --subnet-id <subnet-id> --security-group-ids <sg-id>"""),
        ),
        references=References(checkov=("CKV_AWS_306",),
                              prowler=("sagemaker_notebook_instance_vpc_settings_configured",),
                              urls=(SAGEMAKER_SECURITY,),
                              compliance=controls("AML.T0049 GAI:information-security")),
    ),
    _rule(
        "AISPM-AWS-028", "SageMaker notebook instances should only allow IMDSv2",
        Severity.MEDIUM, Pillar.IDENTITY, _NB, "imds_v2", True,
        risk="With IMDSv1 accepted (the default), a request forgery from notebook code or a library can read the "
             "instance role's credentials from the metadata service.",
        remediation="Set `minimum_instance_metadata_service_version = \"2\"` "
                    "(`InstanceMetadataServiceConfiguration.MinimumInstanceMetadataServiceVersion: \"2\"`).",
        steps=("Require IMDSv2 on the notebook instance (supported on current platform identifiers).",),
        changes=(
            terraform("aws_sagemaker_notebook_instance", """
                resource "aws_sagemaker_notebook_instance" "this" {
                  # ...
                  instance_metadata_service_configuration {
                    minimum_instance_metadata_service_version = "2"
                  }
                }"""),
            cloudformation(cat.SAGEMAKER_NOTEBOOK, """
                Notebook:
                  Type: AWS::SageMaker::NotebookInstance
                  Properties:
                    # ...
                    InstanceMetadataServiceConfiguration:
                      MinimumInstanceMetadataServiceVersion: "2\""""),
            aws_cli("""
                aws sagemaker update-notebook-instance --notebook-instance-name <name> \\
                  --instance-metadata-service-configuration MinimumInstanceMetadataServiceVersion=2"""),
        ),
        references=References(checkov=("CKV_AWS_371",), urls=(SAGEMAKER_SECURITY,),
                              compliance=controls("AML.T0055 GAI:information-security")),
    ),
    _rule(
        "AISPM-AWS-029", "LifecycleConfigArn should be configured on AWS SageMaker app",
        Severity.LOW, Pillar.VULNERABILITY, (cat.SAGEMAKER_APP,), "lifecycle_config", True,
        risk="Without a lifecycle configuration, a Studio app starts with no script that enforces your settings "
             "(idle shutdown, package sources, disabled extensions).",
        remediation="Set `resource_spec { lifecycle_config_arn }` (`ResourceSpec.LifecycleConfigArn`).",
        steps=("Create a Studio lifecycle configuration with the settings to enforce.",
               "Attach it to the app's resource spec (and to the domain's defaults for new apps)."),
        changes=(
            terraform("aws_sagemaker_app", """
                resource "aws_sagemaker_app" "this" {
                  # ...
                  resource_spec {
                    instance_type        = "ml.t3.medium"
                    lifecycle_config_arn = aws_sagemaker_studio_lifecycle_config.this.arn
                  }
                }"""),
            cloudformation(cat.SAGEMAKER_APP, """
                App:
                  Type: AWS::SageMaker::App
                  Properties:
                    # ...
                    ResourceSpec:
                      InstanceType: ml.t3.medium
                      LifecycleConfigArn: !GetAtt StudioLifecycleConfig.StudioLifecycleConfigArn"""),
            aws_cli("""
                aws sagemaker create-app --domain-id <domain-id> --user-profile-name <user> --app-type JupyterServer \\
                  --app-name default --resource-spec LifecycleConfigArn=<lifecycle-config-arn>"""),
        ),
        references=References(defender="LifecycleConfigArn should be configured on AWS SageMaker app",
                              urls=(DEFENDER_COMPUTE,),
                              compliance=controls("A.6.2.5 GAI:information-security")),
    ),
    _rule(
        "AISPM-AWS-030", "SageMaker data quality jobs should encrypt model artifacts with KMS",
        Severity.LOW, Pillar.DATA, _DQ, "customer_managed_key", True,
        risk="The monitoring reports a data quality job writes to S3 describe the data the model sees; without a KMS "
             "key they are encrypted only with the bucket's default.",
        remediation="Set `data_quality_job_output_config { kms_key_id }` (`DataQualityJobOutputConfig.KmsKeyId`).",
        steps=("Set a customer-managed KMS key in the job's output configuration.",),
        changes=(
            terraform("aws_sagemaker_data_quality_job_definition", """
                resource "aws_sagemaker_data_quality_job_definition" "this" {
                  # ...
                  data_quality_job_output_config {
                    kms_key_id = aws_kms_key.sagemaker.arn
                    monitoring_outputs {
                      s3_output {
                        s3_uri = "s3://<bucket>/monitoring"
                      }
                    }
                  }
                }"""),
            cloudformation(cat.SAGEMAKER_DATA_QUALITY_JOB, """
                DataQualityJob:
                  Type: AWS::SageMaker::DataQualityJobDefinition
                  Properties:
                    # ...
                    DataQualityJobOutputConfig:
                      KmsKeyId: !GetAtt SageMakerKey.Arn"""),
            aws_cli("""
                aws sagemaker describe-data-quality-job-definition --job-definition-name <name> \\
                  --query DataQualityJobOutputConfig.KmsKeyId"""),
        ),
        references=References(checkov=("CKV_AWS_367",), urls=(SAGEMAKER_SECURITY,),
                              compliance=controls("AML.T0048.004 GAI:intellectual-property GAI:information-security "
                                                  "A.7.2")),
    ),
    _rule(
        "AISPM-AWS-031", "SageMaker data quality jobs should encrypt their storage volumes with KMS",
        Severity.LOW, Pillar.DATA, _DQ, "volume_encryption", True,
        risk="The volume the monitoring job processes captured data on is encrypted with an AWS managed key only.",
        remediation="Set `job_resources { cluster_config { volume_kms_key_id } }` "
                    "(`JobResources.ClusterConfig.VolumeKmsKeyId`).",
        steps=("Set a customer-managed KMS key for the job's cluster volumes.",),
        changes=(
            terraform("aws_sagemaker_data_quality_job_definition", """
                resource "aws_sagemaker_data_quality_job_definition" "this" {
                  # ...
                  job_resources {
                    cluster_config {
                      instance_count    = 1
                      instance_type     = "ml.m5.large"
                      volume_size_in_gb = 20
                      volume_kms_key_id = aws_kms_key.sagemaker.arn
                    }
                  }
                }"""),
            cloudformation(cat.SAGEMAKER_DATA_QUALITY_JOB, """
                DataQualityJob:
                  Type: AWS::SageMaker::DataQualityJobDefinition
                  Properties:
                    # ...
                    JobResources:
                      ClusterConfig:
                        InstanceCount: 1
                        InstanceType: ml.m5.large
                        VolumeSizeInGB: 20
                        VolumeKmsKeyId: !GetAtt SageMakerKey.Arn"""),
            aws_cli("""
                aws sagemaker describe-data-quality-job-definition --job-definition-name <name> \\
                  --query JobResources.ClusterConfig.VolumeKmsKeyId"""),
        ),
        references=References(checkov=("CKV_AWS_368",), urls=(SAGEMAKER_SECURITY,),
                              compliance=controls("GAI:data-privacy GAI:information-security A.7.2")),
    ),
    _rule(
        "AISPM-AWS-032", "SageMaker data quality jobs should encrypt traffic between their instances",
        Severity.LOW, Pillar.DATA, _DQ, "inter_container_traffic_encryption", True,
        risk="Monitoring instances exchange captured inference data in clear text on the network unless "
             "inter-container traffic encryption is on.",
        remediation="Set `network_config { enable_inter_container_traffic_encryption = true }`.",
        steps=("Enable inter-container traffic encryption in the job's network configuration.",),
        changes=(
            terraform("aws_sagemaker_data_quality_job_definition", """
                resource "aws_sagemaker_data_quality_job_definition" "this" {
                  # ...
                  network_config {
                    enable_inter_container_traffic_encryption = true
                  }
                }"""),
            cloudformation(cat.SAGEMAKER_DATA_QUALITY_JOB, """
                DataQualityJob:
                  Type: AWS::SageMaker::DataQualityJobDefinition
                  Properties:
                    # ...
                    NetworkConfig:
                      EnableInterContainerTrafficEncryption: true"""),
            aws_cli("""
                aws sagemaker describe-data-quality-job-definition --job-definition-name <name> \\
                  --query NetworkConfig.EnableInterContainerTrafficEncryption"""),
        ),
        references=References(checkov=("CKV_AWS_369",), urls=(SAGEMAKER_SECURITY,),
                              compliance=controls("GAI:data-privacy GAI:information-security A.7.2")),
    ),
    _rule(
        "AISPM-AWS-033", "SageMaker flow definitions should encrypt their output with KMS",
        Severity.LOW, Pillar.DATA, (cat.SAGEMAKER_FLOW_DEFINITION,), "customer_managed_key", True,
        risk="Human review results (the reviewed inputs and the reviewers' answers) are written to S3 without a "
             "customer-managed key.",
        remediation="Set `output_config { kms_key_id }`.",
        steps=("Set a customer-managed KMS key in the flow definition's output configuration.",),
        changes=(
            terraform("aws_sagemaker_flow_definition", """
                resource "aws_sagemaker_flow_definition" "this" {
                  # ...
                  output_config {
                    s3_output_path = "s3://<bucket>/reviews/"
                    kms_key_id     = aws_kms_key.sagemaker.arn
                  }
                }"""),
            aws_cli("""
                aws sagemaker create-flow-definition --flow-definition-name <name> --role-arn <role-arn> \\
                  --human-loop-config file://human-loop.json \\
                  --output-config S3OutputPath=s3://<bucket>/reviews/,KmsKeyId=<kms-key-arn>"""),
        ),
        references=References(checkov=("CKV_AWS_372",), urls=(SAGEMAKER_SECURITY,),
                              compliance=controls("GAI:data-privacy GAI:information-security A.7.2")),
    ),
    _rule(
        "AISPM-AWS-034", "SageMaker notebook instances should not run as a role with administrator access",
        Severity.HIGH, Pillar.IDENTITY, _NB, "role_admin_access", False,
        risk="Code in the notebook (and whoever opens it, or whatever runs in its Jupyter server) acts with the "
             "notebook's role: a role that may do anything on anything turns one leaked presigned URL, a malicious "
             "package or a poisoned notebook into control of the whole account.",
        remediation="Give the notebook instance a role whose policies grant only what its work needs, not `*` on "
                    "`*` or `AdministratorAccess`.",
        steps=("Find what the notebook's code uses (buckets, models, endpoints) from its notebooks and the role's "
               "CloudTrail activity or IAM Access Analyzer's policy generation.",
               "Create a role with a policy that allows only those actions on those resources.",
               "Set it as the notebook instance's role (stop the instance, update `RoleArn`, start it), or remove "
               "the `*` statement and the `AdministratorAccess` attachment from the current role."),
        changes=(
            terraform("aws_sagemaker_notebook_instance", """
                resource "aws_sagemaker_notebook_instance" "this" {
                  # ...
                  role_arn = aws_iam_role.notebook.arn
                }

                resource "aws_iam_role" "notebook" {
                  name = "notebook-least-privilege"
                  assume_role_policy = jsonencode({
                    Version   = "2012-10-17"
                    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole",
                                   Principal = { Service = "sagemaker.amazonaws.com" } }]
                  })
                  inline_policy {
                    name = "notebook-data"
                    policy = jsonencode({
                      Version   = "2012-10-17"
                      Statement = [{ Effect = "Allow", Action = ["s3:GetObject", "s3:PutObject"],
                                     Resource = "arn:aws:s3:::<bucket>/*" }]
                    })
                  }
                }"""),
            cloudformation(cat.SAGEMAKER_NOTEBOOK, """
                Notebook:
                  Type: AWS::SageMaker::NotebookInstance
                  Properties:
                    # ...
                    RoleArn: !GetAtt NotebookRole.Arn
                NotebookRole:
                  Type: AWS::IAM::Role
                  Properties:
                    AssumeRolePolicyDocument:
                      Version: "2012-10-17"
                      Statement:
                        - Effect: Allow
                          Principal: {Service: sagemaker.amazonaws.com}
                          Action: sts:AssumeRole
                    Policies:
                      - PolicyName: notebook-data
                        PolicyDocument:
                          Version: "2012-10-17"
                          Statement:
                            - Effect: Allow
                              Action: [s3:GetObject, s3:PutObject]
                              Resource: arn:aws:s3:::<bucket>/*"""),
            aws_cli("""
                aws sagemaker describe-notebook-instance --notebook-instance-name <name> --query RoleArn
                aws iam list-attached-role-policies --role-name <role-name>
                aws iam detach-role-policy --role-name <role-name> \
                  --policy-arn arn:aws:iam::aws:policy/AdministratorAccess"""),
        ),
        references=References(checkov=("CKV2_AWS_68",), urls=(SAGEMAKER_SECURITY,),
                              compliance=controls("AML.T0012 GAI:information-security")),
    ),
]
