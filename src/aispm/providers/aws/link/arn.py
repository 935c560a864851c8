"""ARNs: parsing them, building the ARN a declared AWS asset will have, and matching IAM
resource patterns (`arn:aws:s3:::docs-*`, `*`) against it.

A declared resource's ARN is rarely known in full: the region and account come from the
deployment, and some resources are named in their ARN by an id the service assigns (a Bedrock
agent, a knowledge base, an OpenSearch Serverless collection). `asset_arn` builds what the
declaration determines and leaves the rest open: an unknown region or account matches any
pattern; an unknown name or id (`UNSET`) is matched only by a wildcard, never by a literal, so
`arn:aws:bedrock:*:*:agent/*` reaches every declared agent and `agent/ABCD1234` none of them.
Matching follows IAM: `*` any run of characters, `?` one, everything else literal.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from aispm.model import Asset

#: Stands for a part of an ARN the declaration does not determine (matched only by wildcards).
UNSET = "\uffff"


@dataclass(frozen=True)
class Arn:
    partition: str
    service: str
    region: str | None  # None: not determined
    account: str | None
    resource: str

    def text(self) -> str:
        return f"arn:{self.partition}:{self.service}:{self.region or ''}:{self.account or ''}:{self.resource}"


def parse(value: Any) -> Arn | None:
    if not isinstance(value, str) or not value.startswith("arn:"):
        return None
    parts = value.split(":", 5)
    if len(parts) != 6:
        return None
    _, partition, service, region, account, resource = parts
    return Arn(partition, service, region, account, resource)


#: CloudFormation type → (service, resource template, property holding the name; None: the
#: service assigns the id). `{}` in the template is the name (or UNSET).
ARN_FORMS: dict[str, tuple[str, str, tuple[str, ...] | None]] = {
    "AWS::S3::Bucket": ("s3", "{}", ("BucketName",)),
    "AWS::IAM::Role": ("iam", "role/{}", ("RoleName",)),
    "AWS::IAM::User": ("iam", "user/{}", ("UserName",)),
    "AWS::IAM::ManagedPolicy": ("iam", "policy/{}", ("ManagedPolicyName",)),
    "AWS::IAM::InstanceProfile": ("iam", "instance-profile/{}", ("InstanceProfileName",)),
    "AWS::Lambda::Function": ("lambda", "function:{}", ("FunctionName",)),
    "AWS::Bedrock::Agent": ("bedrock", "agent/{}", None),
    "AWS::Bedrock::AgentAlias": ("bedrock", "agent-alias/{}", None),
    "AWS::Bedrock::KnowledgeBase": ("bedrock", "knowledge-base/{}", None),
    "AWS::Bedrock::Guardrail": ("bedrock", "guardrail/{}", None),
    "AWS::Bedrock::Flow": ("bedrock", "flow/{}", None),
    "AWS::Bedrock::CustomModel": ("bedrock", "custom-model/{}", None),
    "AWS::Bedrock::ProvisionedModelThroughput": ("bedrock", "provisioned-model/{}", None),
    "AWS::SageMaker::Endpoint": ("sagemaker", "endpoint/{}", ("EndpointName",)),
    "AWS::SageMaker::Model": ("sagemaker", "model/{}", ("ModelName",)),
    "AWS::SageMaker::NotebookInstance": ("sagemaker", "notebook-instance/{}", ("NotebookInstanceName",)),
    "AWS::SageMaker::Domain": ("sagemaker", "domain/{}", None),
    "AWS::SageMaker::UserProfile": ("sagemaker", "user-profile/*/{}", ("UserProfileName",)),
    "AWS::OpenSearchServerless::Collection": ("aoss", "collection/{}", None),
    "AWS::Kendra::Index": ("kendra", "index/{}", None),
    "AWS::SecretsManager::Secret": ("secretsmanager", "secret:{}-??????", ("Name",)),
    "AWS::DynamoDB::Table": ("dynamodb", "table/{}", ("TableName",)),
    "AWS::KMS::Key": ("kms", "key/{}", None),
    "AWS::BedrockAgentCore::Runtime": ("bedrock-agentcore", "runtime/{}", None),
}

#: Prefixes of the resource part that name a type's instances in IAM (an agent is invoked
#: through its aliases: `agent-alias/<agent id>/<alias id>` is an agent's resource too).
EXTRA_FORMS: dict[str, tuple[str, ...]] = {
    "AWS::Bedrock::Agent": ("agent-alias/{}/*",),
}


def _name_of(a: Asset, props: tuple[str, ...] | None) -> str:
    if props is None:
        return UNSET
    for p in props:
        v = a.properties.get(p)
        if isinstance(v, str) and v:
            return v
    return a.name if isinstance(a.name, str) and a.name and props else UNSET


def asset_arns(a: Asset) -> list[Arn]:
    """The ARNs (with UNSET where undetermined) a declared asset is known by in IAM."""
    form = ARN_FORMS.get(a.type)
    if form is None:
        return []
    service, template, props = form
    name = _name_of(a, props)
    out = [Arn("aws", service, None, None, template.replace("{}", name))]
    # a live resource knows its ARN whole (AWS assigned its id): a literal ARN elsewhere then names it
    known = parse(a.cloud_id) if isinstance(a.cloud_id, str) and a.cloud_id.startswith("arn:") else None
    if known is not None:
        out.insert(0, known)
    for extra in EXTRA_FORMS.get(a.type, ()):
        out.append(Arn("aws", service, None, None, extra.replace("{}", name)))
    return out


#: IAM's own bound on an ARN; a longer pattern or value is matched by nothing.
MAX_ARN = 2048


@lru_cache(maxsize=65536)
def glob_match(pattern: str, value: str, ignore_case: bool = False) -> bool:
    """IAM wildcard match: `*` any run, `?` one character. UNSET in `value` is matched only by wildcards.

    The greedy two-pointer match (backtrack to the last `*` only): O(len(pattern) × len(value)) at
    worst, never the exponential backtracking a regex of many `.*` can take on hostile input."""
    if len(pattern) > MAX_ARN or len(value) > MAX_ARN:
        return False
    if ignore_case:
        pattern, value = pattern.lower(), value.lower()
    p = v = 0
    star = mark = -1
    while v < len(value):
        if p < len(pattern) and (pattern[p] == "?" or (pattern[p] == value[v] and pattern[p] != "*")):
            p += 1
            v += 1
        elif p < len(pattern) and pattern[p] == "*":
            star, mark = p, v
            p += 1
        elif star >= 0:
            p = star + 1
            mark += 1
            v = mark
        else:
            return False
    while p < len(pattern) and pattern[p] == "*":
        p += 1
    return p == len(pattern)


def matches(pattern: str, arn: Arn) -> bool:
    """Whether an IAM `Resource` pattern covers an asset's ARN (region/account None: any)."""
    if pattern == "*":
        return True
    p = parse(pattern)
    if p is None:
        return False
    if not glob_match(p.service, arn.service):
        return False
    for pat, val in ((p.region, arn.region), (p.account, arn.account)):
        if val is not None and pat not in ("", "*") and not glob_match(pat, val):
            return False
    resource = p.resource
    if arn.service == "s3" and "/" in resource:  # `bucket/*` (objects) reaches the bucket's data
        resource = resource.split("/", 1)[0]
    return glob_match(resource, arn.resource)
