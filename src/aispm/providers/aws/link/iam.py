"""IAM: what a role may do to the resources of the scan, and who may assume it.

For every `AWS::IAM::Role` (and `AWS::IAM::User`) the policies that apply to it are gathered — inline `Policies`,
`ManagedPolicyArns` (a customer-managed `AWS::IAM::ManagedPolicy` of the scan, or an AWS
managed policy of `AWS_MANAGED`), and `AWS::IAM::Policy` / `AWS::IAM::ManagedPolicy` /
`AWS::IAM::RolePolicy` / `AWS::IAM::UserPolicy` resources that name it — and each `Allow` statement is matched,
action by action, against the resources of the scan:

- `Action` / `NotAction` patterns keep their wildcards (`s3:*`, `s3:Get*`, `*`) and are matched
  against the concrete actions that matter for each resource type (`TYPE_ACTIONS`: the ones that
  read, write or invoke it — *data* actions — and the ones that change who can reach it —
  *privileged* ones). A role whose policies grant only control-plane actions (`bedrock:GetAgent`,
  `s3:ListAllMyBuckets`) gets no edge: like Azure's `Reader`, it does not lead on.
- `Resource` / `NotResource` patterns are matched against each asset's ARN (`arn.py`): `*`
  reaches every resource of the types the actions name, a reference (`aws_s3_bucket.docs.arn`)
  reaches that resource.
- `Deny` statements without conditions remove what they cover. An `Allow` with a `Condition`
  still grants, but the edge's data access is unknown (the path is *possible*): aispm does not
  evaluate conditions.

The result is `(role, has_role_on, resource)` with `role` (the granting actions as written and
the policy's name), `data_access` (True / None), `privileged`, `actions` and `resources` as
written. Trust policies (`AssumeRolePolicyDocument`) give `(principal, can_assume, role)` for
principals declared in the scan (roles, users); what the trust policy says of the role itself
(services, `Principal: "*"`) is a fact of the role, derived from its own properties.
"""

from __future__ import annotations

import json
from typing import Any, Callable, Iterator

from aispm.model import Asset, Unknown
from aispm.providers.aws.link import arn as arns
from aispm.providers.aws.link.index import Index

ROLE = "AWS::IAM::Role"
USER = "AWS::IAM::User"
POLICY = "AWS::IAM::Policy"
MANAGED_POLICY = "AWS::IAM::ManagedPolicy"
ROLE_POLICY = "AWS::IAM::RolePolicy"
USER_POLICY = "AWS::IAM::UserPolicy"
INSTANCE_PROFILE = "AWS::IAM::InstanceProfile"

#: Resource type → (data actions, privileged actions): the concrete actions that reach its data
#: (read, write, invoke, open) and those that change who can (policies, code, roles).
TYPE_ACTIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "AWS::S3::Bucket": (("s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:DeleteObject",
                         "s3:RestoreObject"),
                        ("s3:PutBucketPolicy", "s3:PutBucketAcl", "s3:PutBucketPublicAccessBlock")),
    "AWS::Bedrock::Agent": (("bedrock:InvokeAgent",),
                            ("bedrock:UpdateAgent", "bedrock:CreateAgentActionGroup", "bedrock:UpdateAgentActionGroup")),
    "AWS::Bedrock::AgentAlias": (("bedrock:InvokeAgent",), ("bedrock:UpdateAgentAlias",)),
    "AWS::Bedrock::KnowledgeBase": (("bedrock:Retrieve", "bedrock:RetrieveAndGenerate"),
                                    ("bedrock:UpdateKnowledgeBase", "bedrock:StartIngestionJob")),
    "AWS::Bedrock::CustomModel": (("bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"), ()),
    "AWS::Bedrock::ProvisionedModelThroughput": (("bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"), ()),
    "AWS::Bedrock::Flow": (("bedrock:InvokeFlow",), ("bedrock:UpdateFlow",)),
    "AWS::BedrockAgentCore::Runtime": (("bedrock-agentcore:InvokeAgentRuntime",), ("bedrock-agentcore:UpdateAgentRuntime",)),
    "AWS::Lambda::Function": (("lambda:InvokeFunction", "lambda:InvokeFunctionUrl"),
                              ("lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration", "lambda:AddPermission")),
    "AWS::SageMaker::Endpoint": (("sagemaker:InvokeEndpoint", "sagemaker:InvokeEndpointAsync",
                                  "sagemaker:InvokeEndpointWithResponseStream"), ("sagemaker:UpdateEndpoint",)),
    "AWS::SageMaker::NotebookInstance": (("sagemaker:CreatePresignedNotebookInstanceUrl",),
                                         ("sagemaker:UpdateNotebookInstance",)),
    "AWS::SageMaker::Domain": (("sagemaker:CreatePresignedDomainUrl",), ("sagemaker:UpdateDomain",)),
    "AWS::SageMaker::UserProfile": (("sagemaker:CreatePresignedDomainUrl",), ("sagemaker:UpdateUserProfile",)),
    "AWS::OpenSearchServerless::Collection": (("aoss:APIAccessAll",), ("aoss:UpdateCollection",)),
    "AWS::Kendra::Index": (("kendra:Query", "kendra:Retrieve", "kendra:BatchPutDocument"), ("kendra:UpdateIndex",)),
    "AWS::SecretsManager::Secret": (("secretsmanager:GetSecretValue",), ("secretsmanager:PutResourcePolicy",)),
    "AWS::DynamoDB::Table": (("dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:BatchGetItem",
                              "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"), ()),
    ROLE: ((), ("sts:AssumeRole", "iam:PassRole", "iam:PutRolePolicy", "iam:AttachRolePolicy",
                "iam:UpdateAssumeRolePolicy")),
}
#: Model assets (foundation models) are invoked by model ARN, `foundation-model/<id>`.
MODEL_ACTIONS = (("bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"), ())
ADMIN_ACTIONS = ("iam:*", "*")

#: AWS managed policies (by name) that reach data, as statements. A selection of the common ones,
#: reduced to what leads on; a managed policy not listed here grants nothing aispm can follow.
AWS_MANAGED: dict[str, list[dict[str, Any]]] = {
    "AdministratorAccess": [{"Effect": "Allow", "Action": "*", "Resource": "*"}],
    "PowerUserAccess": [{"Effect": "Allow", "NotAction": ["iam:*", "organizations:*", "account:*"], "Resource": "*"}],
    "ReadOnlyAccess": [{"Effect": "Allow", "Action": ["s3:Get*", "dynamodb:Get*", "dynamodb:Query", "dynamodb:Scan",
                                                     "kendra:Query", "bedrock:Get*", "bedrock:List*"], "Resource": "*"}],
    "AmazonS3FullAccess": [{"Effect": "Allow", "Action": ["s3:*", "s3-object-lambda:*"], "Resource": "*"}],
    "AmazonS3ReadOnlyAccess": [{"Effect": "Allow", "Action": ["s3:Get*", "s3:List*", "s3:Describe*"], "Resource": "*"}],
    "AmazonBedrockFullAccess": [{"Effect": "Allow", "Action": ["bedrock:*"], "Resource": "*"}],
    "AmazonBedrockReadOnly": [{"Effect": "Allow", "Action": ["bedrock:Get*", "bedrock:List*"], "Resource": "*"}],
    "AmazonSageMakerFullAccess": [{"Effect": "Allow", "Action": ["sagemaker:*"], "Resource": "*"}],
    "AWSLambda_FullAccess": [{"Effect": "Allow", "Action": ["lambda:*"], "Resource": "*"}],
    "AmazonDynamoDBFullAccess": [{"Effect": "Allow", "Action": ["dynamodb:*"], "Resource": "*"}],
    "SecretsManagerReadWrite": [{"Effect": "Allow", "Action": ["secretsmanager:*"], "Resource": "*"}],
    "AmazonKendraFullAccess": [{"Effect": "Allow", "Action": ["kendra:*"], "Resource": "*"}],
    "AmazonOpenSearchServiceFullAccess": [{"Effect": "Allow", "Action": ["aoss:*", "es:*"], "Resource": "*"}],
    "AWSLambdaBasicExecutionRole": [],
    "AWSLambdaVPCAccessExecutionRole": [],
    "AmazonSSMManagedInstanceCore": [],
}

#: Text longer than this is not parsed as a policy document (documents are at most 10 KB in IAM).
MAX_POLICY_TEXT = 200_000


def document(value: Any) -> dict | None:
    """A policy document: an object, or JSON text (Terraform heredocs, CloudFormation strings)."""
    if isinstance(value, str) and len(value) <= MAX_POLICY_TEXT:
        try:
            value = json.loads(value)
        except ValueError:
            return None
    return value if isinstance(value, dict) else None


def statements(doc: Any) -> list[dict]:
    d = document(doc)
    if d is None:
        return []
    st = d.get("Statement")
    if isinstance(st, dict):
        st = [st]
    return [s for s in st if isinstance(s, dict)] if isinstance(st, list) else []


def _list(v: Any) -> list:
    if v is None:
        return []
    return v if isinstance(v, list) else [v]


def _action_match(pattern: Any, action: str) -> bool:
    return isinstance(pattern, str) and arns.glob_match(pattern, action, ignore_case=True)


def _granted(st: dict, action: str) -> str | None:
    """The pattern of `st` that covers `action` (`NotAction`: `NotAction` itself), or None."""
    if "NotAction" in st:
        nots = _list(st.get("NotAction"))
        if any(isinstance(p, Unknown) for p in nots):
            return None
        return None if any(_action_match(p, action) for p in nots) else "NotAction"
    for p in _list(st.get("Action")):
        if _action_match(p, action):
            return p
    return None


class _Policy:
    __slots__ = ("name", "statements", "source")

    def __init__(self, name: str, stmts: list[dict], source: Asset | None) -> None:
        self.name = name
        self.statements = stmts
        self.source = source


def _policies_of(role: Asset, index: Index, attached: dict[str, list[_Policy]]) -> list[_Policy]:
    out: list[_Policy] = []
    for i, p in enumerate(_list(role.properties.get("Policies"))):
        if isinstance(p, dict):
            name = p.get("PolicyName") if isinstance(p.get("PolicyName"), str) else f"inline policy {i + 1}"
            out.append(_Policy(name, statements(p.get("PolicyDocument")), None))
    for ref in _list(role.properties.get("ManagedPolicyArns")):
        mp = index.resolve(ref, role, (MANAGED_POLICY,))
        if mp is not None:
            out.append(_Policy(_policy_name(mp), statements(mp.properties.get("PolicyDocument")), mp))
            continue
        parsed = arns.parse(ref)
        if parsed is not None and parsed.account == "aws" and parsed.resource.startswith("policy/"):
            name = parsed.resource.rsplit("/", 1)[-1]
            if name in AWS_MANAGED:
                out.append(_Policy(name, AWS_MANAGED[name], None))
    out.extend(attached.get(role.uid, ()))
    return out


def _policy_name(a: Asset) -> str:
    for k in ("PolicyName", "ManagedPolicyName"):
        v = a.properties.get(k)
        if isinstance(v, str) and v:
            return v
    return a.display_name


def _attachments(index: Index) -> dict[str, list[_Policy]]:
    """Policies declared on their own that name the roles and users they apply to."""
    out: dict[str, list[_Policy]] = {}
    for p in index.of(POLICY, MANAGED_POLICY, ROLE_POLICY, USER_POLICY):
        pol = _Policy(_policy_name(p), statements(p.properties.get("PolicyDocument")), p)
        for keys, t in ((("Roles", "RoleName"), ROLE), (("Users", "UserName"), USER)):
            for ref in _list(p.properties.get(keys[0])) + _list(p.properties.get(keys[1])):
                who = index.resolve(ref, p, (t,))
                if who is not None:
                    out.setdefault(who.uid, []).append(pol)
    return out


def _targets(index: Index) -> Iterator[tuple[Asset, tuple[tuple[str, ...], tuple[str, ...]], list[arns.Arn]]]:
    for t, acts in TYPE_ACTIONS.items():
        for a in index.of(t):
            yield a, acts, arns.asset_arns(a)
    for a in index.of("model"):
        model_id = a.properties.get("model_id")
        if isinstance(model_id, str):
            yield a, MODEL_ACTIONS, [arns.Arn("aws", "bedrock", None, "", f"foundation-model/{model_id}")]


def _resource_match(st: dict, role: Asset, target: Asset, forms: list[arns.Arn], index: Index) -> str | None:
    """The `Resource` pattern of `st` that covers `target` (as written), or None."""
    if "NotResource" in st:
        nots = _list(st.get("NotResource"))
        for p in nots:
            if isinstance(p, str) and any(arns.matches(p, f) for f in forms):
                return None
            if not isinstance(p, str) and target in index.resolve_all(p, role):
                return None
        return "NotResource"
    for p in _list(st.get("Resource")):
        if isinstance(p, str):
            if any(arns.matches(p, f) for f in forms):
                return p
            if index.by_uid.get(p) is target:
                return p
        elif target in index.resolve_all(p, role):
            return _shown(p, target)
    return None


def _shown(ref: Any, target: Asset) -> str:
    if isinstance(ref, Unknown):
        return ref.reason.split(" is ", 1)[0]
    return f"{target.origin.address}"


def link_roles(index: Index, rel: Callable[..., None]) -> None:
    attached = _attachments(index)
    targets = list(_targets(index))
    for role in index.of(ROLE, USER):
        if role.type == ROLE:
            _trust(role, index, rel)
        policies = _policies_of(role, index, attached)
        if not policies:
            continue
        for target, (data, privileged), forms in targets:
            if target is not role:
                _grant(role, target, data, privileged, forms, policies, index, rel)


def _grant(role: Asset, target: Asset, data: tuple[str, ...], privileged: tuple[str, ...], forms: list[arns.Arn],
           policies: list[_Policy], index: Index, rel: Callable[..., None]) -> None:
    allowed: dict[str, tuple[str, str, str, bool]] = {}  # action → (pattern, resource, policy, conditional)
    denied: set[str] = set()
    for pol in policies:
        for st in pol.statements:
            effect = st.get("Effect")
            if effect not in ("Allow", "Deny"):
                continue
            res = _resource_match(st, role, target, forms, index)
            if res is None:
                continue
            for action in data + privileged:
                pat = _granted(st, action)
                if pat is None:
                    continue
                if effect == "Deny":
                    if "Condition" not in st:
                        denied.add(action)
                elif action not in allowed or allowed[action][3]:
                    allowed[action] = (pat, res, pol.name, "Condition" in st)
    for a in denied:
        allowed.pop(a, None)
    grants_data = [a for a in data if a in allowed]
    grants_priv = [a for a in privileged if a in allowed]
    if not grants_data and not grants_priv:
        return
    used = [allowed[a] for a in grants_data + grants_priv]
    patterns = sorted({u[0] if u[0] != "NotAction" else "NotAction" for u in used})
    resources = sorted({u[1] for u in used})
    policy_names = sorted({u[2] for u in used})
    conditional = all(allowed[a][3] for a in grants_data) if grants_data else False
    data_access: bool | None = (None if conditional else True) if grants_data else False
    props: dict[str, Any] = {"role": f"{', '.join(patterns)} ({', '.join(policy_names)})",
                             "actions": ", ".join(grants_data + grants_priv), "resources": ", ".join(resources),
                             "data_access": data_access}  # None stays: the graph reads it as unknown
    if grants_priv:
        props["privileged"] = True
    if conditional:
        props["conditional"] = True
    rel(role.uid, "has_role_on", target.uid, **props)


def _trust(role: Asset, index: Index, rel: Callable[..., None]) -> None:
    """`(principal, can_assume, role)` for the roles and users of the scan its trust policy names."""
    for st in statements(role.properties.get("AssumeRolePolicyDocument")):
        principal = st.get("Principal")
        if st.get("Effect") != "Allow" or not isinstance(principal, dict):
            continue
        for p in _list(principal.get("AWS")):
            for who in index.resolve_all(p, role, (ROLE, USER), exact=True):
                extra = {"conditional": True} if "Condition" in st else {}
                rel(who.uid, "can_assume", role.uid, via="trust policy", **extra)
