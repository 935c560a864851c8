"""Rules for the AI services Defender judges beside Bedrock and SageMaker: Amazon Kendra indexes
and Amazon Comprehend entity recognizers."""

from __future__ import annotations

from aispm.model import Pillar, References, Severity
from aispm.providers.aws import catalog as cat
from aispm.providers.aws.rules.base import DEFENDER_DATA, DEFENDER_IAM, aws_cli, cloudformation, terraform
from aispm.rules.engine import Fix, Rule, is_true
from aispm.compliance import controls

_ER = (cat.COMPREHEND_ENTITY_RECOGNIZER,)
_COMPREHEND = "https://docs.aws.amazon.com/comprehend/latest/dg/encryption-at-rest.html"

RULES = [
    Rule(
        id="AISPM-AWS-040",
        title="Customer-managed KMS encryption at rest should be configured on Amazon Kendra indexes (Preview)",
        severity=Severity.MEDIUM, pillar=Pillar.DATA, provider="aws",
        resource_types=(cat.KENDRA_INDEX,), facts=("customer_managed_key",), check=is_true("customer_managed_key"),
        risk="A Kendra index holds the text of every document it indexed; encrypted with an AWS owned key you cannot "
             "restrict or audit who decrypts it.",
        remediation="Add `server_side_encryption_configuration { kms_key_id }` "
                    "(`ServerSideEncryptionConfiguration.KmsKeyId`).",
        references=References(defender="Customer-managed KMS encryption at rest should be configured on Amazon "
                                       "Kendra indexes (Preview)", checkov=("CKV_AWS_262",), urls=(DEFENDER_DATA,),
                              compliance=controls("GAI:data-privacy GAI:information-security A.7.2")),
        fix=Fix(
            steps=("Create a customer-managed KMS key Kendra may use.",
                   "Create the index with it (the key is chosen at creation) and re-index its data sources."),
            changes=(
                terraform("aws_kendra_index", """
                    resource "aws_kendra_index" "this" {
                      # ...
                      server_side_encryption_configuration {
                        kms_key_id = aws_kms_key.kendra.arn
                      }
                    }"""),
                cloudformation(cat.KENDRA_INDEX, """
                    Index:
                      Type: AWS::Kendra::Index
                      Properties:
                        # ...
                        ServerSideEncryptionConfiguration:
                          KmsKeyId: !Ref KendraKey"""),
                aws_cli("""
                    aws kendra create-index --name <name> --role-arn <role-arn> --edition ENTERPRISE_EDITION \\
                      --server-side-encryption-configuration KmsKeyId=<kms-key-id>"""),
            ),
        ),
    ),
    Rule(
        id="AISPM-AWS-041",
        title="Per-user query access control should be configured on Amazon Kendra indexes (Preview)",
        severity=Severity.LOW, pillar=Pillar.IDENTITY, provider="aws",
        resource_types=(cat.KENDRA_INDEX,), facts=("user_access_control",), check=is_true("user_access_control"),
        risk="Without user-token access control, every caller of the index (an assistant grounded on it, too) gets "
             "results from every document, whatever the documents' access lists say.",
        remediation="Set `user_context_policy = \"USER_TOKEN\"` with a `user_token_configurations` block (JWT or "
                    "JSON token).",
        references=References(defender="Per-user query access control should be configured on Amazon Kendra indexes "
                                       "(Preview)", urls=(DEFENDER_IAM,),
                              compliance=controls("LLM02 LLM08 AML.T0085.000 GAI:data-privacy")),
        fix=Fix(
            steps=("Choose how users are identified (a JWT from your identity provider, or a JSON token).",
                   "Set the index's user context policy to USER_TOKEN with that token configuration, and pass the "
                   "user's token on every query."),
            changes=(
                terraform("aws_kendra_index", """
                    resource "aws_kendra_index" "this" {
                      # ...
                      user_context_policy = "USER_TOKEN"
                      user_token_configurations {
                        json_token_type_configuration {
                          group_attribute_field     = "groups"
                          user_name_attribute_field = "username"
                        }
                      }
                    }"""),
                cloudformation(cat.KENDRA_INDEX, """
                    Index:
                      Type: AWS::Kendra::Index
                      Properties:
                        # ...
                        UserContextPolicy: USER_TOKEN
                        UserTokenConfigurations:
                          - JsonTokenTypeConfiguration:
                              GroupAttributeField: groups
                              UserNameAttributeField: username"""),
                aws_cli("""
                    aws kendra update-index --id <index-id> --user-context-policy USER_TOKEN \\
                      --user-token-configurations 'JsonTokenTypeConfiguration={GroupAttributeField=groups,UserNameAttributeField=username}'"""),
            ),
        ),
    ),
    Rule(
        id="AISPM-AWS-042",
        title="Customer-managed encryption keys should be enabled on Comprehend EntityRecognizer Models (Preview)",
        severity=Severity.MEDIUM, pillar=Pillar.DATA, provider="aws",
        resource_types=_ER, facts=("customer_managed_key",), check=is_true("customer_managed_key"),
        risk="The trained recognizer encodes the entities of your training documents; without a model KMS key it is "
             "encrypted with an AWS owned key you cannot restrict or audit.",
        remediation="Set `model_kms_key_id` (API `ModelKmsKeyId`).",
        references=References(defender="Customer-managed encryption keys should be enabled on Comprehend "
                                       "EntityRecognizer Models (Preview)", checkov=("CKV_AWS_267",),
                              urls=(DEFENDER_DATA, _COMPREHEND),
                              compliance=controls("AML.T0048.004 GAI:intellectual-property GAI:information-security")),
        fix=Fix(
            steps=("Create a customer-managed KMS key the recognizer's data access role may use.",
                   "Train a new recognizer version with it: the key is chosen at training."),
            changes=(
                terraform("aws_comprehend_entity_recognizer", """
                    resource "aws_comprehend_entity_recognizer" "this" {
                      # ...
                      model_kms_key_id = aws_kms_key.comprehend.key_id
                    }"""),
                aws_cli("""
                    aws comprehend create-entity-recognizer --recognizer-name <name> --language-code en \\
                      --data-access-role-arn <role-arn> --input-data-config file://input.json \\
                      --model-kms-key-id <kms-key-id>"""),
            ),
        ),
    ),
    Rule(
        id="AISPM-AWS-043",
        title="Customer-managed encryption keys should be enabled on Comprehend EntityRecognizer Volume (Preview)",
        severity=Severity.MEDIUM, pillar=Pillar.DATA, provider="aws",
        resource_types=_ER, facts=("volume_encryption",), check=is_true("volume_encryption"),
        risk="The storage volume that holds your training documents while the recognizer trains is encrypted with an "
             "AWS owned key only.",
        remediation="Set `volume_kms_key_id` (API `VolumeKmsKeyId`).",
        references=References(defender="Customer-managed encryption keys should be enabled on Comprehend "
                                       "EntityRecognizer Volume (Preview)", checkov=("CKV_AWS_268",),
                              urls=(DEFENDER_DATA, _COMPREHEND),
                              compliance=controls("GAI:data-privacy GAI:information-security A.7.2")),
        fix=Fix(
            steps=("Create a customer-managed KMS key the recognizer's data access role may use.",
                   "Train a new recognizer version with it as the volume key."),
            changes=(
                terraform("aws_comprehend_entity_recognizer", """
                    resource "aws_comprehend_entity_recognizer" "this" {
                      # ...
                      volume_kms_key_id = aws_kms_key.comprehend.key_id
                    }"""),
                aws_cli("""
                    aws comprehend create-entity-recognizer --recognizer-name <name> --language-code en \\
                      --data-access-role-arn <role-arn> --input-data-config file://input.json \\
                      --volume-kms-key-id <kms-key-id>"""),
            ),
        ),
    ),
    Rule(
        id="AISPM-AWS-044",
        title="VPC configuration should be enabled on Amazon Comprehend EntityRecognizer (Preview)",
        severity=Severity.MEDIUM, pillar=Pillar.NETWORK, provider="aws",
        resource_types=_ER, facts=("vpc_attached",), check=is_true("vpc_attached"),
        risk="Without a VPC configuration, the training job reads your documents and writes the model over "
             "Comprehend's network, outside your VPC endpoints, security groups and flow logs.",
        remediation="Add `vpc_config { subnets, security_group_ids }` (API `VpcConfig`).",
        references=References(defender="VPC configuration should be enabled on Amazon Comprehend EntityRecognizer "
                                       "(Preview)", urls=(DEFENDER_DATA,),
                              compliance=controls("AML.T0049 GAI:information-security")),
        fix=Fix(
            steps=("Choose private subnets with an S3 VPC endpoint and a security group for the training job.",
                   "Train a new recognizer version with that VPC configuration."),
            changes=(
                terraform("aws_comprehend_entity_recognizer", """
                    resource "aws_comprehend_entity_recognizer" "this" {
                      # ...
                      vpc_config {
                        subnets            = var.private_subnet_ids
                        security_group_ids = [aws_security_group.comprehend.id]
                      }
                    }"""),
                aws_cli("""
                    aws comprehend create-entity-recognizer --recognizer-name <name> --language-code en \\
                      --data-access-role-arn <role-arn> --input-data-config file://input.json \\
                      --vpc-config SecurityGroupIds=<sg-id>,Subnets=<subnet-id>"""),
            ),
        ),
    ),
]
