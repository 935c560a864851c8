"""Resources Terraform declares apart are folded into the resource CloudFormation keeps them on,
before facts: bucket settings into the bucket, role policies into the role, action groups and
knowledge-base associations into the agent; children get their parent."""

from __future__ import annotations

import textwrap
from pathlib import Path

from aispm import registry
from aispm.iac.terraform.source import TerraformSource
from aispm.model import Asset, Origin, Unknown
from aispm.providers.aws import catalog as cat
from aispm.providers.aws.fold import fold
from aispm.providers.aws.terraform.convert import tf_address
from aispm.source import SourceContext


def _by_address(tmp_path: Path, hcl: str) -> dict[str, Asset]:
    """The Terraform source's assets once the providers' folds ran (before facts)."""
    (tmp_path / "main.tf").write_text(textwrap.dedent(hcl))
    r = TerraformSource().load([tmp_path / "main.tf"], SourceContext(root=tmp_path))
    for provider in registry.providers():
        for f in provider.folds:
            f(r.assets)
    assert r.errors == []
    return {a.origin.address: a for a in r.assets}


def test_engine_names_the_address_of_a_computed_reference():
    # the fold finds targets referenced by a computed attribute through this wording
    assert tf_address(Unknown("aws_bedrockagent_agent.a.agent_id is known after apply")) == "aws_bedrockagent_agent.a"
    assert tf_address(Unknown('module.m["x"].aws_iam_role.r[0].arn is known after apply')) == \
        'module.m["x"].aws_iam_role.r[0]'
    assert tf_address(Unknown("data.aws_kms_key.k.arn is read at plan time")) == "data.aws_kms_key.k"
    assert tf_address(Unknown("var.x not set")) is None
    assert tf_address("aws_iam_role.r.arn") is None


def test_bucket_settings_fold_into_the_bucket_and_disappear(tmp_path: Path):
    assets = _by_address(tmp_path, """\
        resource "aws_s3_bucket" "docs" {
          bucket = "kb-docs"
        }

        resource "aws_s3_bucket_public_access_block" "docs" {
          bucket                  = aws_s3_bucket.docs.id
          block_public_acls       = true
          block_public_policy     = true
          ignore_public_acls      = true
          restrict_public_buckets = false
        }

        resource "aws_s3_bucket_server_side_encryption_configuration" "docs" {
          bucket = aws_s3_bucket.docs.bucket
          rule {
            apply_server_side_encryption_by_default {
              sse_algorithm     = "aws:kms"
              kms_master_key_id = "arn:aws:kms:us-east-1:1:key/k"
            }
            bucket_key_enabled = true
          }
        }

        resource "aws_s3_bucket_versioning" "docs" {
          bucket = "kb-docs"
          versioning_configuration {
            status = "Enabled"
          }
        }

        resource "aws_s3_bucket_logging" "docs" {
          bucket        = aws_s3_bucket.docs.id
          target_bucket = "logs"
          target_prefix = "kb/"
        }

        resource "aws_s3_bucket_policy" "docs" {
          bucket = aws_s3_bucket.docs.id
          policy = jsonencode({
            Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "*" }]
          })
        }

        resource "aws_s3_bucket_public_access_block" "elsewhere" {
          bucket            = "not-declared-here"
          block_public_acls = true
        }
        """)
    assert set(assets) == {"aws_s3_bucket.docs", "aws_s3_bucket_policy.docs"}
    b = assets["aws_s3_bucket.docs"].properties
    assert b["PublicAccessBlockConfiguration"] == {"BlockPublicAcls": True, "BlockPublicPolicy": True,
                                                   "IgnorePublicAcls": True, "RestrictPublicBuckets": False}
    assert b["BucketEncryption"] == {"ServerSideEncryptionConfiguration": [{
        "ServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "arn:aws:kms:us-east-1:1:key/k"},
        "BucketKeyEnabled": True}]}
    assert b["VersioningConfiguration"] == {"Status": "Enabled"}
    assert b["LoggingConfiguration"] == {"DestinationBucketName": "logs", "LogFilePrefix": "kb/"}
    assert b["__policies"] == [{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
                                               "Resource": "*"}]}]


def test_role_policies_and_attachments_fold_into_the_role(tmp_path: Path):
    assets = _by_address(tmp_path, """\
        resource "aws_iam_role" "agent" {
          name               = "agent"
          assume_role_policy = <<-EOT
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
             "Principal": {"Service": "bedrock.amazonaws.com"}}]}
          EOT
          inline_policy {
            name   = "read"
            policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })
          }
        }

        resource "aws_iam_role_policy" "admin" {
          name   = "admin"
          role   = aws_iam_role.agent.id
          policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
        }

        resource "aws_iam_role_policy_attachment" "bedrock" {
          role       = aws_iam_role.agent.name
          policy_arn = "arn:aws:iam::aws:policy/AmazonBedrockFullAccess"
        }
        """)
    assert set(assets) == {"aws_iam_role.agent"}
    role = assets["aws_iam_role.agent"].properties
    assert role["AssumeRolePolicyDocument"]["Statement"][0]["Principal"] == {"Service": "bedrock.amazonaws.com"}
    assert [p["PolicyName"] for p in role["Policies"]] == ["read", "admin"]
    assert role["Policies"][1]["PolicyDocument"] == {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
    assert role["ManagedPolicyArns"] == ["arn:aws:iam::aws:policy/AmazonBedrockFullAccess"]


def test_action_groups_and_knowledge_bases_fold_into_the_agent_children_get_parents(tmp_path: Path):
    assets = _by_address(tmp_path, """\
        resource "aws_bedrockagent_agent" "a" {
          agent_name = "a"
        }

        resource "aws_bedrockagent_agent_action_group" "orders" {
          action_group_name = "orders"
          agent_id          = aws_bedrockagent_agent.a.agent_id
          agent_version     = "DRAFT"
          action_group_executor {
            lambda = "arn:aws:lambda:us-east-1:1:function:orders"
          }
        }

        resource "aws_bedrockagent_knowledge_base" "kb" {
          name     = "kb"
          role_arn = "arn:aws:iam::1:role/kb"
        }

        resource "aws_bedrockagent_agent_knowledge_base_association" "assoc" {
          agent_id             = aws_bedrockagent_agent.a.id
          knowledge_base_id    = aws_bedrockagent_knowledge_base.kb.id
          description          = "docs"
          knowledge_base_state = "ENABLED"
        }

        resource "aws_bedrockagent_data_source" "ds" {
          name              = "ds"
          knowledge_base_id = aws_bedrockagent_knowledge_base.kb.id
        }

        resource "aws_bedrockagent_agent_alias" "live" {
          agent_alias_name = "live"
          agent_id         = aws_bedrockagent_agent.a.agent_id
        }

        resource "aws_bedrock_guardrail" "g" {
          name                      = "g"
          blocked_input_messaging   = "no"
          blocked_outputs_messaging = "no"
        }

        resource "aws_bedrock_guardrail_version" "v1" {
          guardrail_arn = aws_bedrock_guardrail.g.guardrail_arn
          description   = "v1"
        }
        """)
    agent = assets["aws_bedrockagent_agent.a"]
    kb = assets["aws_bedrockagent_knowledge_base.kb"]
    assert agent.properties["ActionGroups"] == [{
        "ActionGroupName": "orders",
        "ActionGroupExecutor": {"Lambda": "arn:aws:lambda:us-east-1:1:function:orders"}}]
    assert agent.properties["KnowledgeBases"] == [{"KnowledgeBaseId": kb.uid, "Description": "docs",
                                                   "KnowledgeBaseState": "ENABLED"}]
    assert "aws_bedrockagent_agent_action_group.orders" not in assets
    assert "aws_bedrockagent_agent_knowledge_base_association.assoc" not in assets
    assert assets["aws_bedrockagent_data_source.ds"].parent == kb.uid
    assert assets["aws_bedrockagent_agent_alias.live"].parent == agent.uid
    assert assets["aws_bedrock_guardrail_version.v1"].parent == assets["aws_bedrock_guardrail.g"].uid
    assert not any(k.startswith("__") for a in assets.values() for k in a.properties if k != "__policies")


def _asset(uid: str, type_: str, name: str, props: dict, file: str = "template.yaml") -> Asset:
    return Asset(uid=uid, provider="aws", type=type_, name=name,
                 origin=Origin(file=file, line=1, address=f"{type_}.{name}", format="cloudformation"),
                 properties=props)


def test_cloudformation_bucket_policy_and_collection_security_policies_are_handed_to_facts():
    bucket = _asset("cfn:t:b", cat.S3_BUCKET, "Docs", {"BucketName": "docs"})
    policy = _asset("cfn:t:p", cat.S3_BUCKET_POLICY, "DocsPolicy",
                    {"Bucket": "docs", "PolicyDocument": {"Statement": [{"Effect": "Deny"}]}})
    coll = _asset("cfn:t:c", cat.AOSS_COLLECTION, "vectors", {"Name": "vectors"})
    net = _asset("cfn:t:n", cat.AOSS_SECURITY_POLICY, "net", {
        "Type": "network",
        "Policy": '[{"Rules": [{"ResourceType": "collection", "Resource": ["collection/vec*"]}],'
                  ' "AllowFromPublic": true}]'})
    other = _asset("cfn:t:o", cat.AOSS_SECURITY_POLICY, "other", {
        "Type": "encryption",
        "Policy": {"Rules": [{"ResourceType": "collection", "Resource": ["collection/logs"]}], "AWSOwnedKey": True}})
    assets = [bucket, policy, coll, net, other]
    fold(assets)
    assert len(assets) == 5
    assert bucket.properties["__policies"] == [{"Statement": [{"Effect": "Deny"}]}]
    assert coll.properties["__security_policies"] == [{"Type": "network", "Policy": [
        {"Rules": [{"ResourceType": "collection", "Resource": ["collection/vec*"]}], "AllowFromPublic": True}]}]
