"""Mapping rows: IAM roles (and the policies Terraform attaches apart from them) and Lambda
functions with their URLs and permissions.

CloudFormation keeps a role's inline policies and managed policy ARNs on the role (`Policies`,
`ManagedPolicyArns`); Terraform may declare them apart (`aws_iam_role_policy`,
`aws_iam_role_policy_attachment`), so their rows emit pseudo types the fold merges into the
role. Policy documents are kept as objects (`jsonencode(...)` raw, a JSON string parsed), as
CloudFormation keeps them; one built by `data.aws_iam_policy_document` is only known at plan
time and stays `Unknown`. A Lambda URL and a Lambda permission are resources of their own in
both (`AWS::Lambda::Url`, `AWS::Lambda::Permission`).
"""

from __future__ import annotations

from aispm.iac.terraform.mapping import MappingRow
from aispm.iac.terraform.spec import Block, Each, Rename, as_bool
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
    resource("aws_lambda_function", cat.LAMBDA_FUNCTION,
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
