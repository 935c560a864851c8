"""Mapping rows: IAM roles and users (and the policies Terraform attaches apart from them),
access keys, instance profiles, and Lambda functions with their URLs and permissions; the `aws`
Terraform provider's key-output hook.

CloudFormation keeps a role's or user's inline policies and managed policy ARNs on it (`Policies`,
`ManagedPolicyArns`); Terraform may declare them apart (`aws_iam_role_policy`,
`aws_iam_role_policy_attachment`, `aws_iam_user_policy`, `aws_iam_user_policy_attachment`), so
their rows emit pseudo types the fold merges into the role or user. Policy documents are kept as
objects (`jsonencode(...)` raw, a JSON string parsed), as CloudFormation keeps them; one built by `data.aws_iam_policy_document` is rendered offline
(`policy_document.py`). A Lambda URL and a Lambda permission are resources of their own in
both (`AWS::Lambda::Url`, `AWS::Lambda::Permission`).
"""

from __future__ import annotations

from typing import Any

from aispm.iac.terraform.mapping import KeyOutput, MappingRow, TerraformProvider
from aispm.iac.terraform.spec import Block, Each, Rename, as_bool
from aispm.model import Asset, Kind, Unknown
from aispm.providers.aws import catalog as cat
from aispm.providers.aws.terraform.convert import as_list, json_doc, tag_list
from aispm.providers.aws.terraform.spec import named, resource, split

_TAGS = Rename("tags", "Tags", tag_list)
_POLICY_JSON = frozenset({"assume_role_policy", "policy"})

ROWS: list[MappingRow] = [
    resource("aws_iam_role", cat.IAM_ROLE,
             Rename(("name", "name_prefix"), "RoleName"),
             Rename("assume_role_policy", "AssumeRolePolicyDocument", json_doc),
             Rename("description", "Description"),
             Rename("path", "Path"),
             Rename("max_session_duration", "MaxSessionDuration"),
             Rename("permissions_boundary", "PermissionsBoundary"),
             Rename("managed_policy_arns", "ManagedPolicyArns", as_list),
             Each("inline_policy", "Policies", (
                 Rename("name", "PolicyName"),
                 Rename("policy", "PolicyDocument", json_doc),
             )),
             _TAGS,
             name=named("name", "name_prefix"), raw_json=_POLICY_JSON),
    split("aws_iam_role_policy", cat.IAM_ROLE_POLICY, "role",
          Rename("name", "Item.PolicyName"),
          Rename("policy", "Item.PolicyDocument", json_doc),
          raw_json=_POLICY_JSON),
    split("aws_iam_role_policy_attachment", cat.IAM_ROLE_ATTACHMENT, "role",
          Rename("policy_arn", "Item"),
          name=named("policy_arn")),
    resource("aws_iam_user", cat.IAM_USER,
             Rename("name", "UserName"),
             Rename("path", "Path"),
             Rename("permissions_boundary", "PermissionsBoundary"),
             _TAGS),
    split("aws_iam_user_policy", cat.IAM_USER_POLICY, "user",
          Rename(("name", "name_prefix"), "Item.PolicyName"),
          Rename("policy", "Item.PolicyDocument", json_doc),
          raw_json=_POLICY_JSON),
    split("aws_iam_user_policy_attachment", cat.IAM_USER_ATTACHMENT, "user",
          Rename("policy_arn", "Item"),
          name=named("policy_arn")),
    # `secret` is never a property: a reference to it is `Unknown("key of <uid>")` (the engine
    # decides key attributes by name), which the key-output hook below reads
    resource("aws_iam_access_key", cat.IAM_ACCESS_KEY,
             Rename("user", "UserName"),
             Rename("status", "Status"),
             name=named("user", reason="user not set")),
    resource("aws_iam_instance_profile", cat.IAM_INSTANCE_PROFILE,
             Rename(("name", "name_prefix"), "InstanceProfileName"),
             Rename("path", "Path"),
             Rename("role", "Roles", as_list),
             name=named("name", "name_prefix")),
    resource("aws_lambda_function", cat.LAMBDA_FUNCTION,
             # a local deployment package (a zip, often an `archive_file`'s) is `Code` as a path, the
             # form `aws cloudformation package` takes before it uploads it
             Rename("filename", "Code"),
             Rename("function_name", "FunctionName"),
             Rename("role", "Role"),
             Rename("runtime", "Runtime"),
             Rename("handler", "Handler"),
             Rename("package_type", "PackageType"),
             Rename("image_uri", "Code.ImageUri"),
             Rename("s3_bucket", "Code.S3Bucket"),
             Rename("s3_key", "Code.S3Key"),
             Rename("kms_key_arn", "KmsKeyArn"),
             Rename("timeout", "Timeout"),
             Rename("memory_size", "MemorySize"),
             Rename("reserved_concurrent_executions", "ReservedConcurrentExecutions"),
             Block("environment", "Environment", (Rename("variables", "Variables"),)),
             Block("vpc_config", "VpcConfig", (Rename("subnet_ids", "SubnetIds"),
                                               Rename("security_group_ids", "SecurityGroupIds"))),
             Block("tracing_config", "TracingConfig", (Rename("mode", "Mode"),)),
             _TAGS,
             name=named("function_name")),
    resource("aws_lambda_function_url", cat.LAMBDA_URL,
             Rename("function_name", "TargetFunctionArn"),
             Rename("authorization_type", "AuthType"),
             Rename("qualifier", "Qualifier"),
             Rename("invoke_mode", "InvokeMode"),
             Block("cors", "Cors", (
                 Rename("allow_origins", "AllowOrigins"),
                 Rename("allow_credentials", "AllowCredentials", as_bool),
             )),
             name=named("function_name")),
    resource("aws_lambda_permission", cat.LAMBDA_PERMISSION,
             Rename("action", "Action"),
             Rename("function_name", "FunctionName"),
             Rename("principal", "Principal"),
             Rename("source_arn", "SourceArn"),
             Rename("source_account", "SourceAccount"),
             Rename("principal_org_id", "PrincipalOrgID"),
             Rename("function_url_auth_type", "FunctionUrlAuthType"),
             Rename("qualifier", "Qualifier"),
             name=named("statement_id", "function_name")),
]


def _key_output(o: KeyOutput) -> Asset | None:
    """An output that returns a key of a declared `aws` resource (an access key's `secret`): an
    asset holding that key (`keysOf`), which the graph reads as a leaked credential unless the
    output is `sensitive = true` (Terraform then keeps it out of plans and `terraform output`)."""
    from aispm.source import declared_uid, make_origin

    holders = _key_holders(o.value)
    if not holders:
        return None
    secure = o.type == "secureString"
    props: dict[str, Any] = {"type": o.type, "keysOf": holders}
    return Asset(uid=declared_uid(o.format, o.uid_file, o.address), provider="aws", type=cat.TERRAFORM_OUTPUT,
                 name=o.name, origin=make_origin(o.format, o.file, o.line, o.address, o.end_line), properties=props,
                 kind=Kind.OTHER if secure else Kind.SECRET)


def _key_holders(value: Any) -> list[str]:
    """The uids whose keys a value carries (`Unknown("key of <uid>")`), in order, once each."""
    out: list[str] = []
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, Unknown) and v.reason.startswith("key of "):
            out.append(v.reason[len("key of "):])
        elif isinstance(v, dict):
            stack.extend(reversed(list(v.values())))
        elif isinstance(v, list):
            stack.extend(reversed(v))
    return list(dict.fromkeys(out))


def plugins() -> list[TerraformProvider]:
    """The `aws` and `awscc` Terraform providers, both AWS's, with the key-output hook (an
    `awscc_iam_access_key`'s `secret_access_key` is a key as `aws_iam_access_key`'s `secret` is)."""
    return [TerraformProvider("aws", "aws", _key_output), TerraformProvider("awscc", "aws", _key_output)]
