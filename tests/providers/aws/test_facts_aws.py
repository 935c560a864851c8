"""AWS facts: derived once from the CloudFormation shape, so a Terraform resource and the
CloudFormation resource that says the same get the same facts; AWS's documented defaults apply
where the input is silent, and an unresolved value gives an unknown fact, never a wrong one."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from aispm.scan import ScanOptions, scan


def _facts(tmp_path: Path, name: str, text: str, framework: str) -> dict[str, dict]:
    (tmp_path / name).write_text(textwrap.dedent(text))
    r = scan([tmp_path], ScanOptions(frameworks=(framework,)))
    assert r.errors == [], r.errors
    # by label (`aws_x.<label>`, `AWS::X::Y.<logical id>`); a bucket policy shares its bucket's label
    return {a.origin.address.rsplit(".", 1)[-1]: a.facts for a in r.assets
            if a.provider == "aws" and a.type != "AWS::S3::BucketPolicy"}


def _both(tmp_path: Path, hcl: str, yaml: str) -> tuple[dict, dict]:
    (tmp_path / "tf").mkdir()
    (tmp_path / "cfn").mkdir()
    return (_facts(tmp_path / "tf", "main.tf", hcl, "terraform"),
            _facts(tmp_path / "cfn", "template.yaml", yaml, "cloudformation"))


def test_notebook_defaults_are_aws_defaults_in_both_formats(tmp_path: Path):
    tf, cfn = _both(tmp_path, """\
        resource "aws_sagemaker_notebook_instance" "nb" {
          name          = "nb"
          role_arn      = "arn:aws:iam::1:role/nb"
          instance_type = "ml.t3.medium"
        }
        """, """\
        Resources:
          nb:
            Type: AWS::SageMaker::NotebookInstance
            Properties:
              InstanceType: ml.t3.medium
              RoleArn: arn:aws:iam::1:role/nb
        """)
    # role_admin_access is the linker's: the role ARN names no role of the scan, so it is unknown
    want = {"direct_internet_access": True, "public_ip": True, "root_access": True, "vpc_attached": False,
            "customer_managed_key": False, "imds_v2": False, "lifecycle_config": False, "role_admin_access": None}
    assert tf["nb"] == want
    assert cfn["nb"] == want


def test_notebook_locked_down_in_both_formats(tmp_path: Path):
    tf, cfn = _both(tmp_path, """\
        resource "aws_kms_key" "k" {
          description = "nb"
        }

        resource "aws_sagemaker_notebook_instance" "nb" {
          name                   = "nb"
          role_arn               = "arn:aws:iam::1:role/nb"
          instance_type          = "ml.t3.medium"
          subnet_id              = "subnet-1"
          direct_internet_access = "Disabled"
          root_access            = "Disabled"
          kms_key_id             = aws_kms_key.k.arn
          instance_metadata_service_configuration {
            minimum_instance_metadata_service_version = "2"
          }
        }
        """, """\
        Resources:
          k:
            Type: AWS::KMS::Key
            Properties:
              Description: nb
          nb:
            Type: AWS::SageMaker::NotebookInstance
            Properties:
              InstanceType: ml.t3.medium
              RoleArn: arn:aws:iam::1:role/nb
              SubnetId: subnet-1
              DirectInternetAccess: Disabled
              RootAccess: Disabled
              KmsKeyId: !GetAtt k.Arn
              InstanceMetadataServiceConfiguration:
                MinimumInstanceMetadataServiceVersion: "2"
        """)
    want = {"direct_internet_access": False, "public_ip": False, "root_access": False, "vpc_attached": True,
            "customer_managed_key": True, "imds_v2": True, "lifecycle_config": False, "role_admin_access": None}
    assert tf["nb"] == want
    assert cfn["nb"] == want


def test_agent_facts_in_both_formats(tmp_path: Path):
    instruction = "You answer questions about orders and never disclose other customers' data."
    tf, cfn = _both(tmp_path, f"""\
        resource "aws_bedrockagent_agent" "a" {{
          agent_name       = "a"
          foundation_model = "anthropic.claude-v2"
          instruction      = "{instruction}"
          guardrail_configuration {{
            guardrail_identifier = "gr-1"
            guardrail_version    = "1"
          }}
          prompt_override_configuration {{
            prompt_configurations {{
              prompt_type          = "KNOWLEDGE_BASE_RESPONSE_GENERATION"
              prompt_state         = "DISABLED"
              prompt_creation_mode = "OVERRIDDEN"
              parser_mode          = "OVERRIDDEN"
            }}
          }}
        }}

        resource "aws_bedrockagent_agent_action_group" "g" {{
          action_group_name = "orders"
          agent_id          = aws_bedrockagent_agent.a.agent_id
          agent_version     = "DRAFT"
          function_schema {{
            member_functions {{
              functions {{
                name                 = "refund"
                require_confirmation = "ENABLED"
              }}
              functions {{
                name = "lookup"
              }}
            }}
          }}
        }}
        """, f"""\
        Resources:
          a:
            Type: AWS::Bedrock::Agent
            Properties:
              AgentName: a
              FoundationModel: anthropic.claude-v2
              Instruction: "{instruction}"
              GuardrailConfiguration:
                GuardrailIdentifier: gr-1
                GuardrailVersion: "1"
              PromptOverrideConfiguration:
                PromptConfigurations:
                  - PromptType: KNOWLEDGE_BASE_RESPONSE_GENERATION
                    PromptState: DISABLED
                    PromptCreationMode: OVERRIDDEN
                    ParserMode: OVERRIDDEN
              ActionGroups:
                - ActionGroupName: orders
                  FunctionSchema:
                    Functions:
                      - Name: refund
                        RequireConfirmation: ENABLED
                      - Name: lookup
        """)
    want = {"guardrail": True, "customer_managed_key": False, "instructions_length": len(instruction),
            "model": "anthropic.claude-v2", "prompt_override": True, "prompt_override_explicit": False,
            "parser_override": True, "critical_prompt_states_enabled": False, "tool_count": 1,
            "tools_require_approval": False,
            "private_link": False}  # linked (link/network.py): no Bedrock interface endpoint in the scan
    assert tf["a"] == want
    assert cfn["a"] == want


def test_bucket_public_policy_counts_only_when_not_blocked(tmp_path: Path):
    tf, cfn = _both(tmp_path, """\
        resource "aws_s3_bucket" "open" {
          bucket = "open-docs"
        }

        resource "aws_s3_bucket_public_access_block" "open" {
          bucket              = aws_s3_bucket.open.id
          block_public_policy = false
        }

        resource "aws_s3_bucket_policy" "open" {
          bucket = aws_s3_bucket.open.id
          policy = jsonencode({
            Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "*" }]
          })
        }

        resource "aws_s3_bucket" "closed" {
          bucket = "closed-docs"
        }

        resource "aws_s3_bucket_policy" "closed" {
          bucket = aws_s3_bucket.closed.id
          policy = jsonencode({
            Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "*" }]
          })
        }
        """, """\
        Resources:
          open:
            Type: AWS::S3::Bucket
            Properties:
              BucketName: open-docs
              PublicAccessBlockConfiguration:
                BlockPublicPolicy: false
          openPolicy:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: !Ref open
              PolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal: "*"
                    Action: s3:GetObject
                    Resource: "*"
          closed:
            Type: AWS::S3::Bucket
            Properties:
              BucketName: closed-docs
          closedPolicy:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: !Ref closed
              PolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal: "*"
                    Action: s3:GetObject
                    Resource: "*"
        """)
    for facts in (tf, cfn):
        assert facts["open"]["public_access"] is True and facts["open"]["public_access_blocked"] is False
        assert facts["open"]["public_write"] is False
        assert facts["closed"]["public_access"] is False and facts["closed"]["public_access_blocked"] is True


def test_guardrail_filters(tmp_path: Path):
    tf, cfn = _both(tmp_path, """\
        resource "aws_bedrock_guardrail" "g" {
          name                      = "g"
          blocked_input_messaging   = "no"
          blocked_outputs_messaging = "no"
          content_policy_config {
            filters_config {
              type            = "PROMPT_ATTACK"
              input_strength  = "MEDIUM"
              output_strength = "NONE"
            }
          }
          sensitive_information_policy_config {
            pii_entities_config {
              type   = "EMAIL"
              action = "ANONYMIZE"
            }
          }
        }
        """, """\
        Resources:
          g:
            Type: AWS::Bedrock::Guardrail
            Properties:
              Name: g
              BlockedInputMessaging: "no"
              BlockedOutputsMessaging: "no"
              ContentPolicyConfig:
                FiltersConfig:
                  - Type: PROMPT_ATTACK
                    InputStrength: MEDIUM
                    OutputStrength: NONE
              SensitiveInformationPolicyConfig:
                PiiEntitiesConfig:
                  - Type: EMAIL
                    Action: ANONYMIZE
        """)
    want = {"customer_managed_key": False, "prompt_attack_strength": "MEDIUM", "prompt_attack_filter": True,
            "content_filter_count": 1, "sensitive_information_filter": True, "contextual_grounding_filter": False}
    assert tf["g"] == want
    assert cfn["g"] == want


@pytest.mark.parametrize(("mapping", "complete"), [
    ('vector_field = "v"\n            text_field = "t"\n            metadata_field = "m"', True),
    ('vector_field = "v"\n            text_field = "t"', False),
])
def test_knowledge_base_field_mapping(tmp_path: Path, mapping: str, complete: bool):
    facts = _facts(tmp_path, "main.tf", f"""\
        resource "aws_bedrockagent_knowledge_base" "kb" {{
          name     = "kb"
          role_arn = "arn:aws:iam::1:role/kb"
          storage_configuration {{
            type = "OPENSEARCH_SERVERLESS"
            opensearch_serverless_configuration {{
              collection_arn    = "arn:aws:aoss:us-east-1:1:collection/c"
              vector_index_name = "idx"
              field_mapping {{
            {mapping}
              }}
            }}
          }}
        }}
        """, "terraform")
    assert facts["kb"]["field_mapping_complete"] is complete


def test_unresolved_variable_gives_unknown_fact(tmp_path: Path):
    facts = _facts(tmp_path, "main.tf", """\
        variable "access" {
          type = string
        }

        resource "aws_sagemaker_notebook_instance" "nb" {
          name                   = "nb"
          role_arn               = "arn:aws:iam::1:role/nb"
          instance_type          = "ml.t3.medium"
          direct_internet_access = var.access
          kms_key_id             = "alias/aws/sagemaker"
        }
        """, "terraform")
    assert facts["nb"]["direct_internet_access"] is None
    assert facts["nb"]["customer_managed_key"] is False  # an AWS managed key is not the customer's


def test_collection_security_policies(tmp_path: Path):
    facts = _facts(tmp_path, "main.tf", """\
        resource "aws_opensearchserverless_collection" "vectors" {
          name = "kb-vectors"
          type = "VECTORSEARCH"
        }

        resource "aws_opensearchserverless_security_policy" "net" {
          name = "net"
          type = "network"
          policy = jsonencode([{
            Rules           = [{ ResourceType = "collection", Resource = ["collection/kb-*"] }]
            AllowFromPublic = true
          }])
        }

        resource "aws_opensearchserverless_security_policy" "enc" {
          name = "enc"
          type = "encryption"
          policy = jsonencode({
            Rules   = [{ ResourceType = "collection", Resource = ["collection/kb-vectors"] }]
            KmsARN  = "arn:aws:kms:us-east-1:1:key/k"
          })
        }
        """, "terraform")
    assert facts["vectors"] == {"public_network_access": True, "customer_managed_key": True}


def test_role_instance_security_group_and_url_facts(tmp_path: Path):
    facts = _facts(tmp_path, "main.tf", """\
        resource "aws_iam_role" "open" {
          name               = "open"
          assume_role_policy = jsonencode({
            Statement = [
              { Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "sagemaker.amazonaws.com" } },
              { Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "*" } },
            ]
          })
        }

        resource "aws_iam_role_policy_attachment" "admin" {
          role       = aws_iam_role.open.name
          policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
        }

        resource "aws_security_group" "web" {
          name = "web"
          ingress {
            protocol    = "tcp"
            from_port   = 443
            to_port     = 443
            cidr_blocks = ["0.0.0.0/0"]
          }
        }

        resource "aws_instance" "vm" {
          ami                         = "ami-1"
          instance_type               = "t3.micro"
          associate_public_ip_address = true
          metadata_options {
            http_tokens = "required"
          }
        }

        resource "aws_lambda_function_url" "url" {
          function_name      = "orders"
          authorization_type = "NONE"
        }
        """, "terraform")
    assert facts["open"] == {"trusted_services": ["sagemaker.amazonaws.com"], "assumable_by_anyone": True,
                             "admin_access": True}
    assert facts["web"] == {"open_to_internet": True}
    assert facts["vm"] == {"imds_v2": True, "public_ip": True, "volume_encryption": None}
    assert facts["url"] == {"user_authentication": False}
