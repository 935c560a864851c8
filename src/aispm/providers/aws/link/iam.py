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
written.

**Scopes.** A wildcard (`AdministratorAccess`, `s3:*` on `*`) reaches every resource of its types,
so one edge per role and resource would make `roles × resources` relations (319,043 of 323,096 on
the 10,000-resource benchmark corpus). When the same statements grant a principal the same access
on at least `SCOPE_MIN` resources of one type, the principal instead `has_role_on` one scope asset
(`aws-scope`, "every S3 bucket of the scan" or the buckets that `arn:aws:s3:::docs-*` covers) that
`contains` them: the scope is shared by every principal with that coverage, so the relations grow
as `roles + resources`. It is Azure's shape (a role assigned on a parent that `contains` its
children): attack paths walk `has_role_on` (its `data_access` decides, as on a direct edge) and
then `contains`, one hop longer. Below `SCOPE_MIN` the edges stay direct (shorter paths, and no
indirection where there is nothing to share). Trust policies (`AssumeRolePolicyDocument`) give `(principal, can_assume, role)` for
principals declared in the scan (roles, users); what the trust policy says of the role itself
(services, `Principal: "*"`) is a fact of the role, derived from its own properties.
"""

from __future__ import annotations

import json
from typing import Any, Callable

import hashlib

from aispm.model import Asset, Kind, Origin, Unknown
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
                            ("bedrock:UpdateAgent", "bedrock:CreateAgentActionGroup",
                             "bedrock:UpdateAgentActionGroup")),
    "AWS::Bedrock::AgentAlias": (("bedrock:InvokeAgent",), ("bedrock:UpdateAgentAlias",)),
    "AWS::Bedrock::KnowledgeBase": (("bedrock:Retrieve", "bedrock:RetrieveAndGenerate"),
                                    ("bedrock:UpdateKnowledgeBase", "bedrock:StartIngestionJob")),
    "AWS::Bedrock::CustomModel": (("bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"), ()),
    "AWS::Bedrock::ProvisionedModelThroughput": (("bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"), ()),
    "AWS::Bedrock::Flow": (("bedrock:InvokeFlow",), ("bedrock:UpdateFlow",)),
    "AWS::BedrockAgentCore::Runtime": (("bedrock-agentcore:InvokeAgentRuntime",),
                                       ("bedrock-agentcore:UpdateAgentRuntime",)),
    "AWS::Lambda::Function": (("lambda:InvokeFunction", "lambda:InvokeFunctionUrl"),
                              ("lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration",
                               "lambda:AddPermission")),
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
    "ReadOnlyAccess": [{"Effect": "Allow", "Resource": "*",
                        "Action": ["s3:Get*", "dynamodb:Get*", "dynamodb:Query", "dynamodb:Scan", "kendra:Query",
                                   "bedrock:Get*", "bedrock:List*"]}],
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
#: Statements read per principal: IAM's size limits keep real ones to a few hundred; past this the
#: rest is not read, and the scan says so (`errors`).
MAX_STATEMENTS = 2_000
#: Resources of one type that one principal reaches by the same statements from which on they are
#: reached through a shared scope asset (see the module doc) rather than one edge each.
SCOPE_MIN = 16
SCOPE = "aws-scope"


def document(value: Any) -> dict | None:
    """A policy document: an object, or JSON text (Terraform heredocs, CloudFormation strings)."""
    if isinstance(value, str) and len(value) <= MAX_POLICY_TEXT:
        try:
            value = json.loads(value)
        except (ValueError, RecursionError):  # not JSON, or nested past the interpreter's depth
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


_ActionSets = tuple[tuple[str, ...], tuple[str, ...]]


def _targets(index: Index) -> dict[str, _Type]:
    """Target type → its assets and the actions that matter on them."""
    out: dict[str, _Type] = {}
    for t, acts in TYPE_ACTIONS.items():
        assets = index.of(t)
        if assets:
            out[t] = _Type(acts, [(a, arns.asset_arns(a)) for a in assets])
    models = [(a, [arns.Arn("aws", "bedrock", None, "", f"foundation-model/{a.properties['model_id']}")])
              for a in index.of("model") if isinstance(a.properties.get("model_id"), str)]
    if models:
        out["model"] = _Type(MODEL_ACTIONS, models)
    return out


class _Type:
    """The assets of one target type, with their ARNs, indexed by the literal resource part."""

    __slots__ = ("acts", "assets", "by_resource")

    def __init__(self, acts: _ActionSets, assets: list[tuple[Asset, list[arns.Arn]]]) -> None:
        self.acts = acts
        self.assets = assets
        self.by_resource: dict[tuple[str, str], list[Asset]] = {}
        for a, forms in assets:
            for f in forms:
                if arns.UNSET not in f.resource:
                    self.by_resource.setdefault((f.service, f.resource), []).append(a)


class _Statement:
    """One statement, its references resolved once, and the targets it covers per type computed
    once: a literal ARN is looked up, only a wildcard pattern is matched against each asset."""

    __slots__ = ("st", "policy", "effect", "conditional", "not_resource", "patterns", "refs", "_actions", "_covers",
                 "shareable")

    def __init__(self, st: dict, policy: str, principal: Asset, index: Index) -> None:
        self.st = st
        self.policy = policy
        self.effect = st.get("Effect")
        self.conditional = "Condition" in st
        self.not_resource = "NotResource" in st
        self.patterns: list[tuple[str, arns.Arn | None]] = []  # (as written, parsed; None for `*`)
        self.refs: dict[str, str] = {}  # uid → the reference as a person reads it
        # only ARN patterns: what it covers does not depend on whose policy it is (references resolve near it)
        self.shareable = True
        for p in _list(st.get("NotResource" if self.not_resource else "Resource")):
            if isinstance(p, str) and p not in index.by_uid:
                parsed = arns.parse(p)
                if p == "*" or parsed is not None:
                    self.patterns.append((p, parsed))
            else:
                self.shareable = False
                for a in index.resolve_all(p, principal):
                    self.refs.setdefault(a.uid, _shown(p, a))
        self._actions: dict[str, dict[str, str]] = {}
        self._covers: dict[str, dict[str, str]] = {}

    def actions(self, t: str, acts: _ActionSets) -> dict[str, str]:
        """The actions of type `t` this statement covers → the pattern that covers each."""
        hit = self._actions.get(t)
        if hit is None:
            hit = self._actions[t] = {a: pat for a in acts[0] + acts[1] if (pat := _granted(self.st, a)) is not None}
        return hit

    def covers(self, t: str, typ: _Type) -> dict[str, str]:
        """uid → the resource (as written) that covers it, for the assets of type `t`."""
        hit = self._covers.get(t)
        if hit is not None:
            return hit
        named: dict[str, str] = dict(self.refs)
        for text, parsed in self.patterns:
            if parsed is None:  # `*`
                for a, _ in typ.assets:
                    named.setdefault(a.uid, text)
                continue
            resource = parsed.resource
            if parsed.service == "s3" and "/" in resource:
                resource = resource.split("/", 1)[0]
            if "*" not in resource and "?" not in resource and "*" not in parsed.service:
                for a in typ.by_resource.get((parsed.service, resource), ()):
                    if any(arns.matches(text, f) for f in arns.asset_arns(a)):
                        named.setdefault(a.uid, text)
                continue
            for a, forms in typ.assets:
                if a.uid not in named and any(arns.matches(text, f) for f in forms):
                    named[a.uid] = text
        if self.not_resource:
            named = {a.uid: "NotResource" for a, _ in typ.assets if a.uid not in named}
        self._covers[t] = named
        return named


def _shown(ref: Any, target: Asset) -> str:
    """A resource reference as a person reads it: the Terraform reference, or the target's address."""
    if isinstance(ref, Unknown) and " is known after apply" in ref.reason:
        return ref.reason.split(" is ", 1)[0]
    return target.origin.address


def link_roles(index: Index, rel: Callable[..., None],
               report: Callable[[Asset, str], None] = lambda a, m: None,
               new_asset: Callable[[Asset], Asset] | None = None) -> None:
    """`has_role_on` for every role and user of the scan, and `can_assume` from trust policies.
    With `new_asset`, what many resources share goes through scope assets (module doc)."""
    attached = _attachments(index)
    targets = _targets(index)
    scopes: dict[str, str] = {}  # scope key → uid, `contains` made once per scope
    # A statement object several principals share (an AWS managed policy, a policy attached to
    # many roles) with only ARN patterns covers the same targets for each: computed once.
    shared: dict[int, _Statement] = {}
    groups_of: dict[tuple, tuple] = {}  # (type, shared statements) → their targets' grouping
    for principal in index.of(ROLE, USER):
        if principal.type == ROLE:
            _trust(principal, index, rel)
        raw = [(st, pol.name) for pol in _policies_of(principal, index, attached)
               for st in pol.statements if st.get("Effect") in ("Allow", "Deny")]
        if len(raw) > MAX_STATEMENTS:
            report(principal, f"{len(raw)} policy statements: only the first {MAX_STATEMENTS} are followed")
            raw = raw[:MAX_STATEMENTS]
        stmts = [_statement(st, name, principal, index, shared) for st, name in raw]
        if not stmts:
            continue
        for t, typ in targets.items():
            relevant = [x for x in stmts if x.actions(t, typ.acts)]
            if not any(x.effect == "Allow" for x in relevant):
                continue
            candidates: set[str] = set()
            for x in relevant:
                covered = x.covers(t, typ)
                if x.effect == "Allow":
                    candidates.update(covered)
            _link_type(principal, t, typ, relevant, candidates, scopes, rel, new_asset, groups_of)


def _statement(st: dict, name: str, principal: Asset, index: Index, shared: dict[int, _Statement]) -> _Statement:
    x = shared.get(id(st))
    if x is not None and x.st is st and x.policy == name:
        return x
    x = _Statement(st, name, principal, index)
    if x.shareable:
        shared[id(st)] = x  # holds `st`, so its id is not reused while the scan links
    return x


def _link_type(principal: Asset, t: str, typ: _Type, relevant: list[_Statement], candidates: set[str],
               scopes: dict[str, str], rel: Callable[..., None],
               new_asset: Callable[[Asset], Asset] | None, groups_of: dict[tuple, tuple] | None = None) -> None:
    """The `has_role_on` edges of one principal on the targets of type `t` its statements cover.

    Targets covered by the same statements get the same grant. The largest such group, when it
    has `SCOPE_MIN` targets, is reached through a scope; the scope also contains every target that
    the same statements and more Allows cover (its grant includes the group's: the own bucket of a
    role that is also an administrator), so that every administrator shares one scope, and such a
    target keeps a direct edge for what it grants beyond. A target a Deny narrows stays outside."""
    key = (t, tuple(map(id, relevant))) if groups_of is not None and all(x.shareable for x in relevant) else None
    cached = groups_of.get(key) if key is not None else None
    if cached is not None:
        sigs, groups = cached
    else:
        sigs: dict[str, frozenset[tuple[int, str]]] = {}  # uid → (statement, resource as written) covering it
        groups: dict[frozenset[tuple[int, str]], list[Asset]] = {}
        for target, _ in typ.assets:
            if target.uid in candidates:
                sig = sigs[target.uid] = frozenset((i, r) for i, x in enumerate(relevant)
                                                   if (r := x._covers[t].get(target.uid)) is not None)
                groups.setdefault(sig, []).append(target)
        if key is not None:
            groups_of[key] = (sigs, groups)
    base: frozenset[tuple[int, str]] | None = None
    if new_asset is not None and groups:
        largest = max(groups, key=lambda k: len(groups[k]))
        if len(groups[largest]) >= SCOPE_MIN:
            base = largest
    props_of: dict[frozenset[tuple[int, str]], dict[str, Any] | None] = {}
    if base is not None:
        base_props = props_of[base] = _grant(groups[base][0], typ.acts, t, relevant)
        if base_props is not None:
            # the same statements (shared policies) give the same members: computed once per group
            members = groups_of.get((key, "members")) if key is not None else None
            if members is None:
                members = [target for target, _ in typ.assets if target.uid in sigs and sigs[target.uid] >= base
                           and all(relevant[i].effect == "Allow" for i, _ in sigs[target.uid] - base)]
                if key is not None:
                    groups_of[(key, "members")] = members
            scope = _scope(principal, t, typ, members, base_props, scopes, rel, new_asset)
            rel(principal.uid, "has_role_on", scope, **base_props)
        else:
            base = None
    for target, _ in typ.assets:
        sig = sigs.get(target.uid)
        if sig is None or sig == base or target is principal:
            continue
        if sig not in props_of:
            props_of[sig] = _grant(groups[sig][0], typ.acts, t, relevant)
        props = props_of[sig]
        if props is not None:
            rel(principal.uid, "has_role_on", target.uid, **props)


#: How a scope names the resources of a type ("every S3 bucket of the scan").
_PLURAL = {"AWS::S3::Bucket": "S3 buckets", "AWS::IAM::Role": "IAM roles", "AWS::Lambda::Function": "Lambda functions",
           "AWS::Bedrock::Agent": "Bedrock agents", "AWS::Bedrock::AgentAlias": "Bedrock agent aliases",
           "AWS::Bedrock::KnowledgeBase": "Bedrock knowledge bases", "AWS::SageMaker::Endpoint": "SageMaker endpoints",
           "AWS::SageMaker::NotebookInstance": "SageMaker notebook instances",
           "AWS::SageMaker::Domain": "SageMaker domains", "AWS::SageMaker::UserProfile": "SageMaker user profiles",
           "AWS::Kendra::Index": "Kendra indexes", "AWS::SecretsManager::Secret": "Secrets Manager secrets",
           "AWS::DynamoDB::Table": "DynamoDB tables", "model": "Bedrock foundation models"}


def _scope(principal: Asset, t: str, typ: _Type, members: list[Asset], props: dict[str, Any],
           scopes: dict[str, str], rel: Callable[..., None], new_asset: Callable[[Asset], Asset]) -> str:
    """The uid of the scope asset that `contains` exactly `members` (made, with its `contains`, the first time)."""
    every = len(members) == len(typ.assets)
    key = f"{t}:*" if every else f"{t}:" + hashlib.sha1(
        "\n".join(sorted(m.uid for m in members)).encode()).hexdigest()[:16]
    uid = scopes.get(key)
    if uid is not None:
        return uid
    uid = scopes[key] = f"{SCOPE}:{key}"
    what = _PLURAL.get(t, f"{t} resources")
    name = f"all {what} of the scan" if every else f"the {what} that {props['resources']} covers"
    new_asset(Asset(uid=uid, provider="aws", type=SCOPE, name=name,
                    origin=Origin(principal.origin.file, principal.origin.line, name, format=principal.origin.format),
                    properties={"ResourceType": t, "Resources": props["resources"], "Count": len(members)},
                    kind=Kind.OTHER))
    for m in members:
        rel(uid, "contains", m.uid, via="IAM resource scope")
    return uid


def _grant(target: Asset, acts: _ActionSets, t: str, stmts: list[_Statement]) -> dict[str, Any] | None:
    """The properties of the `has_role_on` edge for what the statements (their coverage of type `t`
    computed) grant on `target`, or None when they grant nothing that leads on."""
    data, privileged = acts
    allowed: dict[str, tuple[str, str, str, bool]] = {}  # action → (pattern, resource, policy, conditional)
    denied: set[str] = set()
    for x in stmts:
        res = x._covers[t].get(target.uid)
        if res is None:
            continue
        for action, pat in x.actions(t, acts).items():
            if x.effect == "Deny":
                if not x.conditional:
                    denied.add(action)
            elif action not in allowed or allowed[action][3]:
                allowed[action] = (pat, res, x.policy, x.conditional)
    for a in denied:
        allowed.pop(a, None)
    grants_data = [a for a in data if a in allowed]
    grants_priv = [a for a in privileged if a in allowed]
    if not grants_data and not grants_priv:
        return None
    used = [allowed[a] for a in grants_data + grants_priv]
    patterns = sorted({u[0] for u in used})
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
    return props


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
