"""Mapping rows: Terraform `awscc_*` (the Cloud Control provider) for Bedrock, SageMaker and the
services they use.

The awscc provider is generated from the CloudFormation registry: a resource's attributes are
the snake_case of its CloudFormation properties, nested objects are attributes (`x = { ... }`),
and lists of objects are lists. So one converter serves every type: each key becomes its
PascalCase property, with the few acronyms CloudFormation spells in capitals
(`idle_session_ttl_in_seconds` → `IdleSessionTTLInSeconds`). Maps whose keys are the user's
(environment variables, hyper-parameters, a map of tags, a function's parameters) keep them, and
policy documents (`jsonencode(...)`, kept raw) keep their own names.
"""

from __future__ import annotations

import json

from typing import Any

from aispm.iac.terraform.mapping import Mapped, MappingRow
from aispm.iac.terraform.spec import ABSENT, U, first_of
from aispm.model import Unknown
from aispm.providers.aws import catalog as cat

#: Words CloudFormation spells otherwise than capitalised.
_WORDS = {"ttl": "TTL", "gb": "GB", "url": "URL", "arn": "Arn", "id": "Id", "kms": "Kms", "s3": "S3",
          "sse": "SSE", "ip": "Ip", "db": "Db", "mfa": "Mfa", "sso": "Sso", "iam": "Iam", "ids": "Ids"}
#: Whole names that are not the join of their words.
_NAMES = {"kms_master_key_id": "KMSMasterKeyID", "sse_algorithm": "SSEAlgorithm",
          "principal_org_id": "PrincipalOrgID", "mongo_db_atlas_configuration": "MongoDbAtlasConfiguration",
          "model_data_url": "ModelDataUrl", "enable_ssm_access": "EnableSSMAccess",
          "memory_size_in_mb": "MemorySizeInMB"}
#: Attributes whose value is a map keyed by the user: keys kept, values as they are.
_VERBATIM = frozenset({"environment", "variables", "hyper_parameters", "hyperparameters", "model_kwargs",
                       "additional_model_request_fields"})
#: Attributes whose value is a map keyed by the user, of objects in the CloudFormation shape.
_KEYED = frozenset({"parameters"})
#: Attributes that hold a policy document (an object in IAM's own names).
_DOCUMENTS = frozenset({"policy_document", "assume_role_policy_document", "key_policy", "policy"})


def pascal(key: str) -> str:
    """`agent_resource_role_arn` → `AgentResourceRoleArn` (CloudFormation's spelling)."""
    if key in _NAMES:
        return _NAMES[key]
    return "".join(_WORDS.get(w, w[:1].upper() + w[1:]) for w in key.split("_"))


def cfn_shape(value: Any, key: str | None = None) -> Any:
    """An evaluated awscc value in the CloudFormation shape (keys PascalCase, recursively)."""
    if key in _DOCUMENTS:
        return _document(value)
    if key in _VERBATIM or isinstance(value, Unknown):
        return value
    if key == "tags" and isinstance(value, dict):  # a map of tags (Bedrock): the user's keys
        return value
    if isinstance(value, dict):
        if key in _KEYED:
            return {k: cfn_shape(v) for k, v in value.items()}
        return {pascal(k): cfn_shape(v, k) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [cfn_shape(v) for v in value]
    return value


def _document(value: Any) -> Any:
    """A policy document as IAM reads it: awscc takes it as a JSON string (`jsonencode(...)`) at any
    depth (`policies[].policy_document` of a role), CloudFormation as an object; read the string."""
    if isinstance(value, str) and value.lstrip().startswith("{"):
        try:
            doc = json.loads(value)
        except (ValueError, RecursionError):
            return value
        return doc if isinstance(doc, dict) else value
    return value


#: awscc type → (CloudFormation type, attribute that names it).
TYPES: dict[str, tuple[str, str]] = {
    "awscc_bedrock_agent": (cat.BEDROCK_AGENT, "agent_name"),
    "awscc_bedrock_agent_alias": (cat.BEDROCK_AGENT_ALIAS, "agent_alias_name"),
    "awscc_bedrock_knowledge_base": (cat.BEDROCK_KNOWLEDGE_BASE, "name"),
    "awscc_bedrock_data_source": (cat.BEDROCK_DATA_SOURCE, "name"),
    "awscc_bedrock_guardrail": (cat.BEDROCK_GUARDRAIL, "name"),
    "awscc_bedrock_guardrail_version": (cat.BEDROCK_GUARDRAIL_VERSION, "description"),
    "awscc_bedrock_prompt": (cat.BEDROCK_PROMPT, "name"),
    "awscc_bedrock_flow": (cat.BEDROCK_FLOW, "name"),
    "awscc_sagemaker_domain": (cat.SAGEMAKER_DOMAIN, "domain_name"),
    "awscc_sagemaker_user_profile": (cat.SAGEMAKER_USER_PROFILE, "user_profile_name"),
    "awscc_sagemaker_app": (cat.SAGEMAKER_APP, "app_name"),
    "awscc_sagemaker_data_quality_job_definition": (cat.SAGEMAKER_DATA_QUALITY_JOB, "job_definition_name"),
    "awscc_sagemaker_notebook_instance": (cat.SAGEMAKER_NOTEBOOK, "notebook_instance_name"),
    # `endpoint_name` is read-only in recent awscc versions (CloudFormation names it): then unknown
    "awscc_sagemaker_endpoint": (cat.SAGEMAKER_ENDPOINT, "endpoint_name"),
    "awscc_sagemaker_endpoint_config": (cat.SAGEMAKER_ENDPOINT_CONFIG, "endpoint_config_name"),
    "awscc_sagemaker_model": (cat.SAGEMAKER_MODEL, "model_name"),
    "awscc_kendra_index": (cat.KENDRA_INDEX, "name"),
    "awscc_opensearchserverless_collection": (cat.AOSS_COLLECTION, "name"),
    "awscc_opensearchserverless_security_policy": (cat.AOSS_SECURITY_POLICY, "name"),
    "awscc_s3_bucket": (cat.S3_BUCKET, "bucket_name"),
    "awscc_kms_key": (cat.KMS_KEY, "description"),
    "awscc_iam_role": (cat.IAM_ROLE, "role_name"),
    "awscc_lambda_function": (cat.LAMBDA_FUNCTION, "function_name"),
    "awscc_lambda_url": (cat.LAMBDA_URL, "target_function_arn"),
    "awscc_ec2_vpc_endpoint": (cat.VPC_ENDPOINT, "service_name"),
}


def _row(tf_type: str, cfn_type: str, name_attr: str) -> MappingRow:
    def transform(body: dict) -> Mapped:
        props = cfn_shape({k: v for k, v in body.items() if v is not None and k not in ("id", "depends_on")})
        name = first_of(body, name_attr)
        return Mapped(cfn_type, U(f"{name_attr} not set") if name is ABSENT else name, props)

    return MappingRow(tf_type, "aws", cfn_type, transform, cat.kind_of,
                      raw_json=frozenset(_DOCUMENTS | {"key_policy"}))


ROWS: list[MappingRow] = [_row(t, cfn, name) for t, (cfn, name) in TYPES.items()]
