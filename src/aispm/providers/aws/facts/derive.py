"""Facts for AWS resources, derived from the CloudFormation shape whatever declared them.

CloudFormation, CDK output, Terraform `aws`/`awscc` (and later Cloud Control) all hand us the
resource's CloudFormation type and properties, so each fact is derived here once. Where the
properties leave one out, AWS's documented default applies and the evidence says so; where they
hold an `Unknown` (an unresolved parameter or variable), the fact is `None` — except a KMS key
or a guardrail given by a reference, which counts as set (a key or a guardrail is configured).

Split resources were folded into their targets before this module runs
(`aispm.providers.aws.fold`). Facts that depend on other resources (public exposure through a
Lambda URL, a subnet, an API) are set by `aispm.providers.aws.link`, which runs after.
"""

from __future__ import annotations

from typing import Callable

from aispm.model import Asset
from aispm.providers.aws import catalog as cat
from aispm.providers.aws.facts import bedrock, data, sagemaker

DERIVERS: dict[str, Callable[[Asset], None]] = {k.lower(): v for k, v in {
    cat.BEDROCK_AGENT: bedrock.agent,
    cat.BEDROCK_GUARDRAIL: bedrock.guardrail,
    cat.BEDROCK_KNOWLEDGE_BASE: bedrock.knowledge_base,
    cat.BEDROCK_DATA_SOURCE: bedrock.data_source,
    cat.BEDROCK_CUSTOM_MODEL: bedrock.custom_model,
    cat.BEDROCK_INVOCATION_LOGGING: bedrock.invocation_logging,
    cat.SAGEMAKER_NOTEBOOK: sagemaker.notebook,
    cat.SAGEMAKER_DOMAIN: sagemaker.domain,
    cat.SAGEMAKER_APP: sagemaker.app,
    cat.SAGEMAKER_ENDPOINT_CONFIG: sagemaker.endpoint_config,
    cat.SAGEMAKER_MODEL: sagemaker.model,
    cat.SAGEMAKER_DATA_QUALITY_JOB: sagemaker.data_quality_job,
    cat.SAGEMAKER_FLOW_DEFINITION: sagemaker.flow_definition,
    cat.KENDRA_INDEX: data.kendra_index,
    cat.COMPREHEND_ENTITY_RECOGNIZER: data.entity_recognizer,
    cat.AOSS_COLLECTION: data.collection,
    cat.S3_BUCKET: data.bucket,
    cat.KMS_KEY: data.kms_key,
    cat.SECRET: data.secret,
    cat.IAM_ROLE: data.role,
    cat.LAMBDA_FUNCTION: data.lambda_function,
    cat.LAMBDA_URL: data.lambda_url,
    cat.VPC_ENDPOINT: data.vpc_endpoint,
    cat.SECURITY_GROUP: data.security_group,
    cat.EC2_INSTANCE: data.instance,
}.items()}


def derive(asset: Asset) -> None:
    """Set `asset.facts` from `asset.properties` (AWS assets only). Hand-offs of the fold
    (`__...` keys) a type does not read are dropped, so that no report shows them."""
    if not isinstance(asset.properties, dict):
        return
    fn = DERIVERS.get(asset.type.lower())
    if fn is not None:
        fn(asset)
    for k in [k for k in asset.properties if isinstance(k, str) and k.startswith("__")]:
        del asset.properties[k]
