"""Mapping rows: data and keys — Kendra indexes, Comprehend entity recognizers, OpenSearch
Serverless collections and security policies, S3 buckets (and the resources Terraform declares
apart from them), KMS keys, Secrets Manager secrets.

Since provider v4 an S3 bucket's public access block, default encryption, versioning and access
logging are resources of their own (`aws_s3_bucket_public_access_block`, ...), while
CloudFormation keeps them on the bucket (`PublicAccessBlockConfiguration`, `BucketEncryption`,
`VersioningConfiguration`, `LoggingConfiguration`); their rows emit pseudo types that the fold
merges into the bucket. A bucket policy is a resource of its own in both
(`AWS::S3::BucketPolicy`). The older inline blocks of `aws_s3_bucket` map to the same
properties.
"""

from __future__ import annotations

from typing import Any

from aispm.iac.terraform.mapping import MappingRow
from aispm.iac.terraform.spec import ABSENT, Block, Each, Rename, as_bool, block, get, mapped, put_path, switch
from aispm.model import Unknown
from aispm.providers.aws import catalog as cat
from aispm.providers.aws.terraform.convert import json_doc, tag_list, target
from aispm.providers.aws.terraform.spec import named, resource, split

_TAGS = Rename("tags", "Tags", tag_list)

#: Canned ACLs: Terraform's spelling → CloudFormation's `AccessControl`.
_ACLS = {"private": "Private", "public-read": "PublicRead", "public-read-write": "PublicReadWrite",
         "authenticated-read": "AuthenticatedRead", "log-delivery-write": "LogDeliveryWrite",
         "bucket-owner-read": "BucketOwnerRead", "bucket-owner-full-control": "BucketOwnerFullControl",
         "aws-exec-read": "AwsExecRead"}

_SSE_RULE = (
    Block("apply_server_side_encryption_by_default", "ServerSideEncryptionByDefault", (
        Rename("sse_algorithm", "SSEAlgorithm"),
        Rename("kms_master_key_id", "KMSMasterKeyID"),
    )),
    Rename("bucket_key_enabled", "BucketKeyEnabled", as_bool),
)


def _legacy_sse(body: Any, out: dict) -> None:
    """`server_side_encryption_configuration { rule { ... } }` (inline, before v4, and the split
    resource's `rule` blocks) → `BucketEncryption.ServerSideEncryptionConfiguration`."""
    cfg = block(body, "server_side_encryption_configuration")
    if cfg is ABSENT:
        return
    if isinstance(cfg, Unknown):
        put_path(out, "BucketEncryption", cfg)
        return
    Each("rule", "BucketEncryption.ServerSideEncryptionConfiguration", _SSE_RULE)(cfg, out)


def _legacy_versioning(body: Any, out: dict) -> None:
    v = block(body, "versioning")
    if isinstance(v, dict):
        en = get(v, "enabled")
        if en is not ABSENT:
            put_path(out, "VersioningConfiguration.Status", switch("Enabled", "Suspended")(en))


def _legacy_policy(body: Any, out: dict) -> None:
    """An inline `policy` on the bucket (before v4): CloudFormation keeps it in an
    `AWS::S3::BucketPolicy`; handed to the fold, which gives the bucket what a bucket policy gives it."""
    doc = get(body, "policy")
    if doc is not ABSENT:
        put_path(out, "__policies", [json_doc(doc)])


S3: list[MappingRow] = [
    resource("aws_s3_bucket", cat.S3_BUCKET,
             Rename(("bucket", "bucket_prefix"), "BucketName"),
             Rename("acl", "AccessControl", mapped(_ACLS)),
             Rename("object_lock_enabled", "ObjectLockEnabled", as_bool),
             _legacy_versioning,
             _legacy_sse,
             Block("logging", "LoggingConfiguration", (
                 Rename("target_bucket", "DestinationBucketName"),
                 Rename("target_prefix", "LogFilePrefix"),
             )),
             _legacy_policy,
             _TAGS,
             name=named("bucket", "bucket_prefix", reason="bucket name chosen by AWS"),
             raw_json=frozenset({"policy"})),
    split("aws_s3_bucket_public_access_block", cat.S3_PUBLIC_ACCESS_BLOCK, "bucket",
          Rename("block_public_acls", "PublicAccessBlockConfiguration.BlockPublicAcls", as_bool),
          Rename("block_public_policy", "PublicAccessBlockConfiguration.BlockPublicPolicy", as_bool),
          Rename("ignore_public_acls", "PublicAccessBlockConfiguration.IgnorePublicAcls", as_bool),
          Rename("restrict_public_buckets", "PublicAccessBlockConfiguration.RestrictPublicBuckets", as_bool),
          name=named("bucket")),
    split("aws_s3_bucket_server_side_encryption_configuration", cat.S3_ENCRYPTION, "bucket",
          Each("rule", "BucketEncryption.ServerSideEncryptionConfiguration", _SSE_RULE),
          name=named("bucket")),
    split("aws_s3_bucket_versioning", cat.S3_VERSIONING, "bucket",
          Block("versioning_configuration", "VersioningConfiguration", (
              Rename("status", "Status"),
              Rename("mfa_delete", "MfaDelete"),
          )),
          name=named("bucket")),
    split("aws_s3_bucket_logging", cat.S3_LOGGING, "bucket",
          Rename("target_bucket", "LoggingConfiguration.DestinationBucketName"),
          Rename("target_prefix", "LoggingConfiguration.LogFilePrefix"),
          name=named("bucket")),
    resource("aws_s3_bucket_policy", cat.S3_BUCKET_POLICY,
             Rename("bucket", "Bucket", target),
             Rename("policy", "PolicyDocument", json_doc),
             name=named("bucket"), raw_json=frozenset({"policy"})),
]

AI_DATA: list[MappingRow] = [
    resource("aws_kendra_index", cat.KENDRA_INDEX,
             Rename("name", "Name"),
             Rename("edition", "Edition"),
             Rename("role_arn", "RoleArn"),
             Rename("description", "Description"),
             Block("server_side_encryption_configuration", "ServerSideEncryptionConfiguration", (
                 Rename("kms_key_id", "KmsKeyId"),
             )),
             Rename("user_context_policy", "UserContextPolicy"),
             Each("user_token_configurations", "UserTokenConfigurations", (
                 Block("jwt_token_type_configuration", "JwtTokenTypeConfiguration", (
                     Rename("key_location", "KeyLocation"),
                     Rename("url", "URL"),
                     Rename("secrets_manager_arn", "SecretManagerArn"),
                     Rename("issuer", "Issuer"),
                 )),
                 Block("json_token_type_configuration", "JsonTokenTypeConfiguration", (
                     Rename("group_attribute_field", "GroupAttributeField"),
                     Rename("user_name_attribute_field", "UserNameAttributeField"),
                 )),
             )),
             _TAGS),
    resource("aws_comprehend_entity_recognizer", cat.COMPREHEND_ENTITY_RECOGNIZER,
             Rename("name", "RecognizerName"),
             Rename("data_access_role_arn", "DataAccessRoleArn"),
             Rename("language_code", "LanguageCode"),
             Rename("model_kms_key_id", "ModelKmsKeyId"),
             Rename("volume_kms_key_id", "VolumeKmsKeyId"),
             Rename("version_name", "VersionName"),
             Block("vpc_config", "VpcConfig", (Rename("security_group_ids", "SecurityGroupIds"),
                                               Rename("subnets", "Subnets"))),
             _TAGS),
    resource("aws_opensearchserverless_collection", cat.AOSS_COLLECTION,
             Rename("name", "Name"),
             Rename("type", "Type"),
             Rename("description", "Description"),
             Rename("standby_replicas", "StandbyReplicas"),
             _TAGS),
    # CloudFormation keeps `Policy` as a JSON string; so does Terraform (`jsonencode(...)`)
    resource("aws_opensearchserverless_security_policy", cat.AOSS_SECURITY_POLICY,
             Rename("name", "Name"),
             Rename("type", "Type"),
             Rename("description", "Description"),
             Rename("policy", "Policy")),
]

KEYS: list[MappingRow] = [
    resource("aws_kms_key", cat.KMS_KEY,
             Rename("description", "Description"),
             Rename("enable_key_rotation", "EnableKeyRotation", as_bool),
             Rename("is_enabled", "Enabled", as_bool),
             Rename("key_usage", "KeyUsage"),
             Rename("customer_master_key_spec", "KeySpec"),
             Rename("policy", "KeyPolicy", json_doc),
             Rename("deletion_window_in_days", "PendingWindowInDays"),
             Rename("multi_region", "MultiRegion", as_bool),
             _TAGS,
             name=named("description", reason="a KMS key has no name"), raw_json=frozenset({"policy"})),
    resource("aws_secretsmanager_secret", cat.SECRET,
             Rename(("name", "name_prefix"), "Name"),
             Rename("description", "Description"),
             Rename("kms_key_id", "KmsKeyId"),
             _TAGS,
             name=named("name", "name_prefix")),
]

ROWS: list[MappingRow] = [*AI_DATA, *S3, *KEYS]
