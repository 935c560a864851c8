"""Terraform `aws_*` / `awscc_*` resources become assets of their CloudFormation type with
CloudFormation-shaped properties, at the line and address they were declared."""

from __future__ import annotations

import textwrap
from pathlib import Path

from aispm.iac.terraform.spec import U
from aispm.model import Kind, Unknown
from aispm.providers.aws import catalog as cat
from aispm.providers.aws.terraform import terraform_types
from aispm.providers.aws.terraform.convert import tf_address
from aispm.providers.aws.terraform.rows_awscc import cfn_shape, pascal
from aispm import registry
from aispm.iac.terraform.source import TerraformSource
from aispm.source import SourceContext


def load(tmp_path: Path, hcl: str):
    """What the Terraform source gives a scan once the providers' folds ran (before facts, and
    before the last stage redacts values under names such as `Key`)."""
    (tmp_path / "main.tf").write_text(textwrap.dedent(hcl))
    src = TerraformSource()
    result = src.load([tmp_path / "main.tf"], SourceContext(root=tmp_path))
    for provider in registry.providers():
        for fold in provider.folds:
            fold(result.assets)
    return result


def _scan(tmp_path: Path, hcl: str) -> dict:
    r = load(tmp_path, hcl)
    assert r.errors == []
    return {a.origin.address: a for a in r.assets}


def test_bedrock_agent_is_its_cloudformation_resource(tmp_path: Path):
    assets = _scan(tmp_path, """\
        variable "ttl" {
          default = 900
        }

        resource "aws_bedrockagent_agent" "support" {
          agent_name                  = "support-agent"
          agent_resource_role_arn     = "arn:aws:iam::111122223333:role/agent"
          foundation_model            = "anthropic.claude-3-haiku-20240307-v1:0"
          instruction                 = "Answer questions about orders."
          idle_session_ttl_in_seconds = var.ttl
          customer_encryption_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/k"
          guardrail_configuration {
            guardrail_identifier = "gr-1"
            guardrail_version    = 2
          }
          prompt_override_configuration {
            prompt_configurations {
              prompt_type          = "ORCHESTRATION"
              prompt_state         = "ENABLED"
              prompt_creation_mode = "OVERRIDDEN"
              parser_mode          = "DEFAULT"
              base_prompt_template = "{}"
              inference_configuration {
                max_length  = 2048
                temperature = 0
              }
            }
          }
          tags = { team = "support" }
        }
        """)
    a = assets["aws_bedrockagent_agent.support"]
    assert a.type == cat.BEDROCK_AGENT and a.provider == "aws" and a.kind is Kind.AGENT
    assert a.name == "support-agent"
    assert a.origin.line == 5 and a.origin.file == "main.tf"
    assert a.uid == "terraform:main.tf:aws_bedrockagent_agent.support"
    assert a.properties == {
        "AgentName": "support-agent",
        "AgentResourceRoleArn": "arn:aws:iam::111122223333:role/agent",
        "FoundationModel": "anthropic.claude-3-haiku-20240307-v1:0",
        "Instruction": "Answer questions about orders.",
        "IdleSessionTTLInSeconds": 900,
        "CustomerEncryptionKeyArn": "arn:aws:kms:eu-west-1:111122223333:key/k",
        "GuardrailConfiguration": {"GuardrailIdentifier": "gr-1", "GuardrailVersion": "2"},
        "PromptOverrideConfiguration": {"PromptConfigurations": [{
            "PromptType": "ORCHESTRATION", "PromptState": "ENABLED", "PromptCreationMode": "OVERRIDDEN",
            "ParserMode": "DEFAULT", "BasePromptTemplate": "{}",
            "InferenceConfiguration": {"MaximumLength": 2048, "Temperature": 0}}]},
        "Tags": {"team": "support"},
    }


def test_sagemaker_notebook_keeps_absent_defaults_absent(tmp_path: Path):
    assets = _scan(tmp_path, """\
        resource "aws_sagemaker_notebook_instance" "nb" {
          name          = "research"
          role_arn      = "arn:aws:iam::1:role/nb"
          instance_type = "ml.t3.medium"
          subnet_id     = "subnet-1"
          security_groups = ["sg-1"]
          volume_size   = 20
          instance_metadata_service_configuration {
            minimum_instance_metadata_service_version = "2"
          }
          tags = { env = "dev" }
        }
        """)
    a = assets["aws_sagemaker_notebook_instance.nb"]
    assert a.type == cat.SAGEMAKER_NOTEBOOK and a.kind is Kind.NOTEBOOK and a.name == "research"
    assert a.properties == {
        "NotebookInstanceName": "research", "RoleArn": "arn:aws:iam::1:role/nb", "InstanceType": "ml.t3.medium",
        "SubnetId": "subnet-1", "SecurityGroupIds": ["sg-1"], "VolumeSizeInGB": 20,
        "InstanceMetadataServiceConfiguration": {"MinimumInstanceMetadataServiceVersion": "2"},
        "Tags": [{"Key": "env", "Value": "dev"}],
    }
    assert "DirectInternetAccess" not in a.properties and "RootAccess" not in a.properties


def test_data_quality_job_and_kendra_and_comprehend(tmp_path: Path):
    assets = _scan(tmp_path, """\
        resource "aws_sagemaker_data_quality_job_definition" "dq" {
          name     = "dq"
          role_arn = "arn:aws:iam::1:role/r"
          data_quality_job_output_config {
            kms_key_id = "arn:aws:kms:us-east-1:1:key/out"
          }
          job_resources {
            cluster_config {
              instance_count    = 1
              instance_type     = "ml.m5.xlarge"
              volume_size_in_gb = 20
              volume_kms_key_id = "arn:aws:kms:us-east-1:1:key/vol"
            }
          }
          network_config {
            enable_inter_container_traffic_encryption = true
          }
        }

        resource "aws_kendra_index" "idx" {
          name     = "docs"
          role_arn = "arn:aws:iam::1:role/k"
          user_context_policy = "USER_TOKEN"
          server_side_encryption_configuration {
            kms_key_id = "arn:aws:kms:us-east-1:1:key/k"
          }
        }

        resource "aws_comprehend_entity_recognizer" "er" {
          name                 = "er"
          data_access_role_arn = "arn:aws:iam::1:role/c"
          language_code        = "en"
          volume_kms_key_id    = "k1"
          vpc_config {
            security_group_ids = ["sg-1"]
            subnets            = ["subnet-1"]
          }
        }
        """)
    dq = assets["aws_sagemaker_data_quality_job_definition.dq"].properties
    assert dq["DataQualityJobOutputConfig"] == {"KmsKeyId": "arn:aws:kms:us-east-1:1:key/out"}
    assert dq["JobResources"]["ClusterConfig"]["VolumeKmsKeyId"] == "arn:aws:kms:us-east-1:1:key/vol"
    assert dq["JobResources"]["ClusterConfig"]["VolumeSizeInGB"] == 20
    assert dq["NetworkConfig"] == {"EnableInterContainerTrafficEncryption": True}
    k = assets["aws_kendra_index.idx"]
    assert k.type == cat.KENDRA_INDEX and k.kind is Kind.SEARCH_INDEX
    assert k.properties["ServerSideEncryptionConfiguration"] == {"KmsKeyId": "arn:aws:kms:us-east-1:1:key/k"}
    assert k.properties["UserContextPolicy"] == "USER_TOKEN"
    er = assets["aws_comprehend_entity_recognizer.er"].properties
    assert er["VolumeKmsKeyId"] == "k1" and "ModelKmsKeyId" not in er
    assert er["VpcConfig"] == {"SecurityGroupIds": ["sg-1"], "Subnets": ["subnet-1"]}


def test_reference_to_a_computed_attribute_stays_unknown_and_names_its_address(tmp_path: Path):
    assets = _scan(tmp_path, """\
        resource "aws_kms_key" "k" {
          description = "notebook key"
          enable_key_rotation = true
        }

        resource "aws_sagemaker_notebook_instance" "nb" {
          name          = "nb"
          role_arn      = "arn:aws:iam::1:role/nb"
          instance_type = "ml.t3.medium"
          kms_key_id    = aws_kms_key.k.arn
        }
        """)
    key = assets["aws_sagemaker_notebook_instance.nb"].properties["KmsKeyId"]
    assert isinstance(key, Unknown) and tf_address(key) == "aws_kms_key.k"
    assert assets["aws_kms_key.k"].properties == {"Description": "notebook key", "EnableKeyRotation": True}


def test_security_group_rule_per_cidr_and_instance_basics(tmp_path: Path):
    assets = _scan(tmp_path, """\
        resource "aws_security_group" "sg" {
          name = "web"
          ingress {
            protocol    = "tcp"
            from_port   = 443
            to_port     = 443
            cidr_blocks = ["0.0.0.0/0", "10.0.0.0/8"]
          }
        }

        resource "aws_instance" "vm" {
          ami                         = "ami-1"
          instance_type               = "t3.micro"
          associate_public_ip_address = true
          metadata_options {
            http_tokens = "required"
          }
          root_block_device {
            encrypted = true
          }
          tags = { Name = "inference" }
        }
        """)
    sg = assets["aws_security_group.sg"].properties
    assert sg["SecurityGroupIngress"] == [
        {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "0.0.0.0/0"},
        {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "10.0.0.0/8"},
    ]
    vm = assets["aws_instance.vm"]
    assert vm.name == "inference" and vm.kind is Kind.COMPUTE
    assert vm.properties["NetworkInterfaces"] == [{"DeviceIndex": "0", "AssociatePublicIpAddress": True}]
    assert vm.properties["MetadataOptions"] == {"HttpTokens": "required"}
    assert vm.properties["BlockDeviceMappings"] == [{"Ebs": {"Encrypted": True}}]


def test_awscc_attributes_are_pascal_case_of_cloudformation(tmp_path: Path):
    assets = _scan(tmp_path, """\
        resource "awscc_bedrock_agent" "cc" {
          agent_name                  = "cc"
          idle_session_ttl_in_seconds = 600
          customer_encryption_key_arn = "arn:aws:kms:us-east-1:1:key/k"
          guardrail_configuration = {
            guardrail_identifier = "gr"
            guardrail_version    = "DRAFT"
          }
          action_groups = [{
            action_group_name = "a"
            function_schema = {
              functions = [{
                name = "f"
                parameters = { order_id = { type = "string", required = true } }
              }]
            }
          }]
          tags = { team = "x" }
        }

        resource "awscc_sagemaker_domain" "d" {
          domain_name             = "d"
          auth_mode               = "IAM"
          app_network_access_type = "VpcOnly"
        }
        """)
    a = assets["awscc_bedrock_agent.cc"]
    assert a.type == cat.BEDROCK_AGENT and a.name == "cc"
    assert a.properties["IdleSessionTTLInSeconds"] == 600
    assert a.properties["GuardrailConfiguration"] == {"GuardrailIdentifier": "gr", "GuardrailVersion": "DRAFT"}
    assert a.properties["ActionGroups"][0]["FunctionSchema"]["Functions"][0]["Parameters"] == {
        "order_id": {"Type": "string", "Required": True}}
    assert a.properties["Tags"] == {"team": "x"}
    d = assets["awscc_sagemaker_domain.d"]
    assert d.type == cat.SAGEMAKER_DOMAIN and d.properties["AppNetworkAccessType"] == "VpcOnly"


def test_pascal_and_cfn_shape():
    assert pascal("agent_resource_role_arn") == "AgentResourceRoleArn"
    assert pascal("volume_size_in_gb") == "VolumeSizeInGB"
    assert pascal("kms_master_key_id") == "KMSMasterKeyID"
    assert cfn_shape({"environment": {"my_var": "x"}, "tags": [{"key": "a", "value": "b"}]}) == {
        "Environment": {"my_var": "x"}, "Tags": [{"Key": "a", "Value": "b"}]}
    assert cfn_shape({"policy_document": {"Statement": []}, "s3_uri": "s3://b"}) == {
        "PolicyDocument": {"Statement": []}, "S3Uri": "s3://b"}
    u = U("x")
    assert cfn_shape({"kms_key_id": u})["KmsKeyId"] is u


def test_every_row_deploys_a_known_type():
    types = terraform_types()
    assert types["aws_bedrockagent_agent"] == "AWS::Bedrock::Agent"
    assert types["aws_sagemaker_notebook_instance"] == "AWS::SageMaker::NotebookInstance"
    assert types["aws_s3_bucket_public_access_block"] == cat.S3_PUBLIC_ACCESS_BLOCK
    for tf, cfn in types.items():
        assert cfn.split("#")[0] in cat.KINDS, (tf, cfn)


def test_iam_user_policies_fold_into_the_user_and_access_key_outputs_hold_its_key(tmp_path: Path):
    r = load(tmp_path, """\
        resource "aws_iam_user" "ci" {
          name = "ci-bot"
          path = "/bots/"
        }

        resource "aws_iam_user_policy" "ci" {
          name   = "read-docs"
          user   = aws_iam_user.ci.name
          policy = jsonencode({ Version = "2012-10-17",
                                Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })
        }

        resource "aws_iam_user_policy_attachment" "ro" {
          user       = aws_iam_user.ci.name
          policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
        }

        resource "aws_iam_access_key" "ci" {
          user = aws_iam_user.ci.name
        }

        output "key_id" {
          value = aws_iam_access_key.ci.id
        }

        output "secret" {
          value = aws_iam_access_key.ci.secret
        }

        output "pair" {
          value     = { secret = aws_iam_access_key.ci.secret }
          sensitive = true
        }
        """)
    assert r.errors == []
    assets = {a.origin.address: a for a in r.assets}
    assert "aws_iam_user_policy.ci" not in assets and "aws_iam_user_policy_attachment.ro" not in assets
    user = assets["aws_iam_user.ci"]
    assert user.type == cat.IAM_USER and user.kind is Kind.IDENTITY
    assert user.properties == {
        "UserName": "ci-bot", "Path": "/bots/",
        "Policies": [{"PolicyName": "read-docs", "PolicyDocument": {
            "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}}],
        "ManagedPolicyArns": ["arn:aws:iam::aws:policy/ReadOnlyAccess"]}
    key = assets["aws_iam_access_key.ci"]
    assert key.type == cat.IAM_ACCESS_KEY and key.properties == {"UserName": "ci-bot"}
    # only outputs that return a key are assets; the key's id is not a key
    assert "output.key_id" not in assets
    leaked, smtp = assets["output.secret"], assets["output.pair"]
    assert leaked.type == cat.TERRAFORM_OUTPUT and leaked.provider == "aws"
    assert leaked.kind is Kind.SECRET and leaked.properties == {"type": "string", "keysOf": [key.uid]}
    assert leaked.origin.line == 26
    assert smtp.kind is Kind.OTHER and smtp.properties == {"type": "secureString", "keysOf": [key.uid]}


def test_awscc_outputs_of_keys_use_the_same_hook(tmp_path: Path):
    from aispm.iac.terraform.source import _rows

    _, plugins = _rows()
    assert plugins["aws"].key_output is not None and plugins["awscc"].key_output is plugins["aws"].key_output


def test_instance_profile_names_its_role(tmp_path: Path):
    assets = _scan(tmp_path, """\
        resource "aws_iam_role" "app" {
          name = "app"
        }

        resource "aws_iam_instance_profile" "app" {
          name = "app-profile"
          role = aws_iam_role.app.name
        }

        resource "aws_instance" "app" {
          ami                  = "ami-1"
          iam_instance_profile = aws_iam_instance_profile.app.name
        }
        """)
    p = assets["aws_iam_instance_profile.app"]
    assert p.type == cat.IAM_INSTANCE_PROFILE and p.properties == {"InstanceProfileName": "app-profile",
                                                                     "Roles": ["app"]}
    assert assets["aws_instance.app"].properties["IamInstanceProfile"] == "app-profile"
    from aispm.providers.aws.link import link_assets

    _, relations = link_assets(list(assets.values()))
    assert [(r.source, r.verb, r.target) for r in relations if r.verb == "runs_as"] == [
        (assets["aws_instance.app"].uid, "runs_as", assets["aws_iam_role.app"].uid)]


SAGEMAKER_AWS = """\
resource "aws_sagemaker_notebook_instance" "nb" {
  name                   = "nb"
  role_arn               = "arn:aws:iam::111122223333:role/nb"
  instance_type          = "ml.t3.medium"
  root_access            = "Disabled"
  direct_internet_access = "Disabled"
  subnet_id              = "subnet-1"
  kms_key_id             = "arn:aws:kms:eu-west-1:111122223333:key/k"
  instance_metadata_service_configuration {
    minimum_instance_metadata_service_version = "2"
  }
}

resource "aws_sagemaker_model" "m" {
  name                     = "m"
  execution_role_arn       = "arn:aws:iam::111122223333:role/m"
  enable_network_isolation = true
  primary_container {
    image          = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/m:1"
    model_data_url = "s3://acme-models/m/model.tar.gz"
  }
}

resource "aws_sagemaker_endpoint_configuration" "c" {
  name        = "c"
  kms_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/k"
  production_variants {
    variant_name = "v"
    model_name   = aws_sagemaker_model.m.name
  }
}

resource "aws_sagemaker_endpoint" "e" {
  name                 = "e"
  endpoint_config_name = aws_sagemaker_endpoint_configuration.c.name
}
"""

SAGEMAKER_AWSCC = """\
resource "awscc_sagemaker_notebook_instance" "nb" {
  notebook_instance_name = "nb"
  role_arn               = "arn:aws:iam::111122223333:role/nb"
  instance_type          = "ml.t3.medium"
  root_access            = "Disabled"
  direct_internet_access = "Disabled"
  subnet_id              = "subnet-1"
  kms_key_id             = "arn:aws:kms:eu-west-1:111122223333:key/k"
  instance_metadata_service_configuration = {
    minimum_instance_metadata_service_version = "2"
  }
}

resource "awscc_sagemaker_model" "m" {
  model_name               = "m"
  execution_role_arn       = "arn:aws:iam::111122223333:role/m"
  enable_network_isolation = true
  primary_container = {
    image          = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/m:1"
    model_data_url = "s3://acme-models/m/model.tar.gz"
  }
}

resource "awscc_sagemaker_endpoint_config" "c" {
  endpoint_config_name = "c"
  kms_key_id           = "arn:aws:kms:eu-west-1:111122223333:key/k"
  production_variants = [{
    variant_name = "v"
    model_name   = awscc_sagemaker_model.m.model_name
  }]
}

resource "awscc_sagemaker_endpoint" "e" {
  endpoint_config_name = awscc_sagemaker_endpoint_config.c.endpoint_config_name
}
"""


def test_awscc_sagemaker_types_give_the_facts_and_relations_of_their_aws_twins(tmp_path: Path):
    from aispm.scan import scan

    def scanned(name: str, hcl: str):
        d = tmp_path / name
        d.mkdir()
        (d / "main.tf").write_text(hcl)
        r = scan([d])
        assert r.errors == []
        by_type = {a.type: a for a in r.assets if a.type.startswith("AWS::SageMaker::")}
        kinds = {(x.verb, next(a.type for a in r.assets if a.uid == x.target)) for x in r.relations
                 if x.source in {a.uid for a in by_type.values()}}
        return by_type, kinds

    aws, aws_rels = scanned("aws", SAGEMAKER_AWS)
    cc, cc_rels = scanned("awscc", SAGEMAKER_AWSCC)
    assert set(cc) == {cat.SAGEMAKER_NOTEBOOK, cat.SAGEMAKER_MODEL, cat.SAGEMAKER_ENDPOINT_CONFIG,
                       cat.SAGEMAKER_ENDPOINT}
    for t in cc:
        assert cc[t].facts == aws[t].facts, (t, cc[t].facts, aws[t].facts)
        assert cc[t].facts or t == cat.SAGEMAKER_ENDPOINT, t  # an endpoint's settings are its configuration's
    nb = cc[cat.SAGEMAKER_NOTEBOOK]
    assert nb.facts["root_access"] is False and nb.facts["imds_v2"] is True and nb.facts["customer_managed_key"]
    assert cc[cat.SAGEMAKER_MODEL].properties["PrimaryContainer"]["ModelDataUrl"] == "s3://acme-models/m/model.tar.gz"
    assert ("serves", cat.SAGEMAKER_MODEL) in cc_rels and cc_rels == aws_rels
