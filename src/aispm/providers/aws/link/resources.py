"""Relations between Bedrock, SageMaker, Lambda and the resources they run as and read.

Runs after the AWS facts (`aispm.providers.aws.facts`). Reads CloudFormation-shaped properties,
whichever format declared the resources, and follows references through `Index`:

- `runs_as`: a resource → the IAM role it acts with (agent `AgentResourceRoleArn`, knowledge base
  `RoleArn`, Lambda `Role`, SageMaker notebook `RoleArn`, model `ExecutionRoleArn`, domain and user
  profile `ExecutionRole`, Kendra index, Bedrock flow and AgentCore runtime roles, ECS task
  `TaskRoleArn`, EC2 instance → instance profile → its roles);
- `uses_model`: agent → its foundation or custom model (`FoundationModel`), knowledge base → its
  embedding model; a foundation model named by id or ARN becomes a `model` asset;
- `grounded_on`: agent → knowledge base (`KnowledgeBases[].KnowledgeBaseId`, or an
  `AWS::Bedrock::AgentKnowledgeBaseAssociation`-shaped resource with `AgentId` + `KnowledgeBaseId`);
- `reads`: knowledge base → the bucket of each of its data sources
  (`AWS::Bedrock::DataSource` `DataSourceConfiguration.S3Configuration.BucketArn`), which is then
  `used_for_ai_grounding`; SageMaker model → the bucket of its model artifacts (`ModelDataUrl`);
- `writes` and `reads`: knowledge base → its vector store (`StorageConfiguration`: OpenSearch
  Serverless collection, RDS cluster, Neptune Analytics graph, S3 vector bucket);
- `runs`: agent → the Lambda function behind an action group (`ActionGroups[].ActionGroupExecutor.Lambda`,
  or an action-group resource with `AgentId`): whoever can talk to the agent makes it call the
  function, which acts with its own role — the project's verb for an agent and its tools;
- `holds_key_for`: an IAM access key → its user, and an output that returns one (`keysOf`) → the user;
- `reads` / `writes` / `uses_model`: a Bedrock custom model → its training and validation data, its
  output bucket, its base model; provisioned throughput → the model it serves;
- a Bedrock flow's nodes (`Definition.Nodes[].Configuration`): `calls` → the agent of an agent
  node (`Agent.AgentAliasArn`), `grounded_on` → the knowledge base of a knowledge-base node,
  `runs` → the managed prompt of a prompt node (`Prompt.SourceConfiguration.Resource.PromptArn`,
  any version) and the function of a Lambda node;
- `routes_to`: agent alias → agent; `serves`: SageMaker endpoint → the models of its endpoint
  configuration's production variants; `contains`: SageMaker domain → user profile.

Cross-resource facts (read from the other resource's facts, never recomputed): a SageMaker
notebook instance's `role_admin_access` is the `admin_access` of the role it runs as — unknown
when that role is not declared in the scan.
"""

from __future__ import annotations

from typing import Any, Callable

from aispm.model import Asset, Kind, Origin
from aispm.providers.aws.link import arn as arns
from aispm.providers.aws.link.iam import INSTANCE_PROFILE, ROLE
from aispm.providers.aws.link.index import Index

AGENT = "AWS::Bedrock::Agent"
AGENT_ALIAS = "AWS::Bedrock::AgentAlias"
KB = "AWS::Bedrock::KnowledgeBase"
DATA_SOURCE = "AWS::Bedrock::DataSource"
CUSTOM_MODEL = "AWS::Bedrock::CustomModel"
PROVISIONED = "AWS::Bedrock::ProvisionedModelThroughput"
LAMBDA = "AWS::Lambda::Function"
BUCKET = "AWS::S3::Bucket"
COLLECTION = "AWS::OpenSearchServerless::Collection"
NOTEBOOK = "AWS::SageMaker::NotebookInstance"
SM_ENDPOINT = "AWS::SageMaker::Endpoint"
SM_ENDPOINT_CONFIG = "AWS::SageMaker::EndpointConfig"
SM_MODEL = "AWS::SageMaker::Model"
SM_DOMAIN = "AWS::SageMaker::Domain"
SM_USER = "AWS::SageMaker::UserProfile"
EC2 = "AWS::EC2::Instance"
ACCESS_KEY = "AWS::IAM::AccessKey"
FLOW = "AWS::Bedrock::Flow"
PROMPT = "AWS::Bedrock::Prompt"
VECTOR_STORES = (COLLECTION, "AWS::RDS::DBCluster", "AWS::NeptuneGraph::Graph", "AWS::S3Vectors::VectorBucket",
                 "AWS::S3Vectors::Index")
MODEL_TYPES = (CUSTOM_MODEL, PROVISIONED, "AWS::Bedrock::ApplicationInferenceProfile")

#: Type → property paths naming the role it runs as (`[]` walks a list).
ROLE_PATHS: dict[str, tuple[tuple[str, ...], ...]] = {
    AGENT: (("AgentResourceRoleArn",),),
    KB: (("RoleArn",),),
    LAMBDA: (("Role",),),
    NOTEBOOK: (("RoleArn",),),
    SM_MODEL: (("ExecutionRoleArn",),),
    SM_DOMAIN: (("DefaultUserSettings", "ExecutionRole"),),
    SM_USER: (("UserSettings", "ExecutionRole"),),
    "AWS::Kendra::Index": (("RoleArn",),),
    "AWS::Bedrock::Flow": (("ExecutionRoleArn",),),
    "AWS::BedrockAgentCore::Runtime": (("RoleArn",),),
    "AWS::ECS::TaskDefinition": (("TaskRoleArn",),),
    "AWS::Bedrock::CustomModel": (("RoleArn",),),
}

Rel = Callable[..., None]


def get(body: Any, *path: str) -> Any:
    cur = body
    for p in path:
        if not isinstance(cur, dict):
            return None
        cur = cur.get(p)
    return cur


def as_list(v: Any) -> list:
    if v is None:
        return []
    return v if isinstance(v, list) else [v]


def link(index: Index, rel: Rel, new_asset: Callable[[Asset], Asset]) -> None:
    for t, paths in ROLE_PATHS.items():
        for a in index.of(t):
            for path in paths:
                role = index.resolve(get(a.properties, *path), a, (ROLE,))
                if role is not None:
                    rel(a.uid, "runs_as", role.uid, via=".".join(path))
    _notebook_roles(index)
    for inst in index.of(EC2):
        _instance_roles(inst, index, rel)
    for agent in index.of(AGENT):
        _agent(agent, index, rel, new_asset)
    for a in index.assets:  # action groups and knowledge-base associations declared on their own
        if a.type == AGENT:
            continue
        agent = index.resolve(a.properties.get("AgentId"), a, (AGENT,)) or (
            index.resolve(a.parent, a, (AGENT,)) if a.type == AGENT_ALIAS else None)
        if agent is None:
            continue
        if a.type == AGENT_ALIAS:
            rel(a.uid, "routes_to", agent.uid, via="AgentId")
        fn = get(a.properties, "ActionGroupExecutor", "Lambda")
        if fn is not None:
            _action_group(agent, fn, a.properties.get("ActionGroupName"), index, rel, near=a)
        kb = index.resolve(a.properties.get("KnowledgeBaseId"), a, (KB,))
        if kb is not None and a.type != DATA_SOURCE:
            rel(agent.uid, "grounded_on", kb.uid, via=a.origin.address)
    for kb in index.of(KB):
        _knowledge_base(kb, index, rel, new_asset)
    for ds in index.of(DATA_SOURCE):
        _data_source(ds, index, rel)
    _sagemaker(index, rel)
    _custom_models(index, rel, new_asset)
    for flow in index.of(FLOW):
        _flow(flow, index, rel)
    _keys(index, rel)


def _notebook_roles(index: Index) -> None:
    """`role_admin_access` of each notebook instance: its role's `admin_access` (module doc)."""
    for nb in index.of(NOTEBOOK):
        ref = nb.properties.get("RoleArn")
        role = index.resolve(ref, nb, (ROLE,))
        if role is None:
            nb.set_fact("role_admin_access", None, "RoleArn", None,
                        "RoleArn not set" if ref is None else "the role is not declared in the scan")
            continue
        ev = role.evidence.get("admin_access")
        nb.set_fact("role_admin_access", role.facts.get("admin_access"), f"RoleArn → {role.origin.address}",
                    ev.value if ev else None,
                    f"IAM role {role.display_name} ({role.origin.file}:{role.origin.line})"
                    + (f": {ev.note}" if ev and ev.note else ""))


def _instance_roles(inst: Asset, index: Index, rel: Rel) -> None:
    profile = index.resolve(inst.properties.get("IamInstanceProfile"), inst, (INSTANCE_PROFILE,))
    if profile is None:
        return
    for ref in as_list(profile.properties.get("Roles")):
        role = index.resolve(ref, profile, (ROLE,))
        if role is not None:
            rel(inst.uid, "runs_as", role.uid, via=f"IamInstanceProfile {profile.display_name}")


def model_asset(model_ref: str, near: Asset) -> Asset:
    """A Bedrock foundation model (or inference profile) named by id or ARN."""
    parsed = arns.parse(model_ref)
    model_id = model_ref
    if parsed is not None:
        model_id = parsed.resource.split("/", 1)[-1]
    vendor = model_id.split(".")
    # inference profiles prefix the model id with a geography (`us.anthropic.claude-…`)
    family = vendor[1] if len(vendor) > 2 and len(vendor[0]) <= 4 else vendor[0]
    return Asset(
        uid=f"model:aws:{model_id}",
        provider="aws",
        type="model",
        name=model_id,
        origin=Origin(near.origin.file, near.origin.line, model_id, format=near.origin.format),
        properties={"model_id": model_id, "provider": family, "name": model_id},
        kind=Kind.MODEL,
        facts={"model": model_id},
    )


def _uses_model(a: Asset, ref: Any, via: str, index: Index, rel: Rel, new_asset: Callable[[Asset], Asset]) -> None:
    target = index.resolve(ref, a, MODEL_TYPES)
    if target is None and isinstance(ref, str) and ref and ref not in index.by_uid:
        parsed = arns.parse(ref)
        # a model id (`anthropic.claude-…`), or the ARN of a foundation model or inference profile;
        # never the uid of a declared resource of another type
        if (parsed is None and "::" not in ref and not ref.startswith(("terraform:", "cloudformation:"))) or (
                parsed is not None and parsed.resource.startswith(("foundation-model/", "inference-profile/"))):
            target = new_asset(model_asset(ref, a))
    if target is not None:
        rel(a.uid, "uses_model", target.uid, via=via)


def _agent(agent: Asset, index: Index, rel: Rel, new_asset: Callable[[Asset], Asset]) -> None:
    p = agent.properties
    _uses_model(agent, p.get("FoundationModel"), "FoundationModel", index, rel, new_asset)
    for entry in as_list(p.get("KnowledgeBases")):
        if not isinstance(entry, dict):
            continue
        kb = index.resolve(entry.get("KnowledgeBaseId"), agent, (KB,))
        if kb is not None and entry.get("KnowledgeBaseState") != "DISABLED":
            rel(agent.uid, "grounded_on", kb.uid, via="KnowledgeBases")
    for group in as_list(p.get("ActionGroups")):
        if isinstance(group, dict) and group.get("ActionGroupState") != "DISABLED":
            fn = get(group, "ActionGroupExecutor", "Lambda")
            if fn is not None:
                _action_group(agent, fn, group.get("ActionGroupName"), index, rel, near=agent)


def _action_group(agent: Asset, fn_ref: Any, name: Any, index: Index, rel: Rel, near: Asset) -> None:
    fn = index.resolve(fn_ref, near, (LAMBDA,))
    if fn is not None:
        rel(agent.uid, "runs", fn.uid, via=f"action group {name}" if isinstance(name, str) else "action group")


def _knowledge_base(kb: Asset, index: Index, rel: Rel, new_asset: Callable[[Asset], Asset]) -> None:
    p = kb.properties
    vector = get(p, "KnowledgeBaseConfiguration", "VectorKnowledgeBaseConfiguration")
    if isinstance(vector, dict):
        _uses_model(kb, vector.get("EmbeddingModelArn"), "EmbeddingModelArn", index, rel, new_asset)
    storage = p.get("StorageConfiguration")
    if not isinstance(storage, dict):
        return
    for conf, key in (("OpensearchServerlessConfiguration", "CollectionArn"), ("RdsConfiguration", "ResourceArn"),
                      ("NeptuneAnalyticsConfiguration", "GraphArn"), ("S3VectorsConfiguration", "VectorBucketArn"),
                      ("S3VectorsConfiguration", "IndexArn")):
        store = index.resolve(get(storage, conf, key), kb, VECTOR_STORES)
        if store is not None:
            rel(kb.uid, "writes", store.uid, via=f"StorageConfiguration.{conf}.{key}")
            rel(kb.uid, "reads", store.uid, via=f"StorageConfiguration.{conf}.{key}")
            store.set_fact("used_for_ai_grounding", True, f"{kb.origin.address}.StorageConfiguration", None,
                           f"vector store of knowledge base {kb.display_name} ({kb.origin.file}:{kb.origin.line})")


def _data_source(ds: Asset, index: Index, rel: Rel) -> None:
    kb = index.resolve(ds.properties.get("KnowledgeBaseId"), ds, (KB,)) or index.resolve(ds.parent, ds, (KB,))
    conf = ds.properties.get("DataSourceConfiguration")
    bucket = index.resolve(get(conf, "S3Configuration", "BucketArn"), ds, (BUCKET,))
    if kb is None or bucket is None:
        return
    rel(kb.uid, "reads", bucket.uid, via=f"data source {ds.display_name}")
    bucket.set_fact("used_for_ai_grounding", True, f"{ds.origin.address}.DataSourceConfiguration.S3Configuration",
                    None, f"data source of knowledge base {kb.display_name} ({ds.origin.file}:{ds.origin.line})")


def _bucket_of(uri: Any, near: Asset, index: Index) -> Asset | None:
    """The declared bucket an `s3://bucket/key` URI (or a reference to a bucket) names."""
    if isinstance(uri, str) and uri.startswith("s3://"):
        return index.resolve(uri[5:].split("/", 1)[0], near, (BUCKET,))
    return index.resolve(uri, near, (BUCKET,))


def _custom_models(index: Index, rel: Rel, new_asset: Callable[[Asset], Asset]) -> None:
    """A customization job's model reads its training and validation data and writes its output;
    it and provisioned throughput use their base model."""
    for m in index.of(CUSTOM_MODEL):
        p = m.properties
        _uses_model(m, p.get("BaseModelIdentifier"), "BaseModelIdentifier", index, rel, new_asset)
        uris = [("TrainingDataConfig.S3Uri", get(p, "TrainingDataConfig", "S3Uri"))]
        uris += [("ValidationDataConfig.Validators", get(v, "S3Uri"))
                 for v in as_list(get(p, "ValidationDataConfig", "Validators"))]
        for via, uri in uris:
            bucket = _bucket_of(uri, m, index)
            if bucket is not None:
                rel(m.uid, "reads", bucket.uid, via=via)
        out = _bucket_of(get(p, "OutputDataConfig", "S3Uri"), m, index)
        if out is not None:
            rel(m.uid, "writes", out.uid, via="OutputDataConfig.S3Uri")
    for pt in index.of(PROVISIONED):
        _uses_model(pt, pt.properties.get("ModelId"), "ModelId", index, rel, new_asset)


def _sagemaker(index: Index, rel: Rel) -> None:
    for ep in index.of(SM_ENDPOINT):
        config = index.resolve(ep.properties.get("EndpointConfigName"), ep, (SM_ENDPOINT_CONFIG,))
        if config is None:
            continue
        for variant in as_list(config.properties.get("ProductionVariants")):
            model = index.resolve(get(variant, "ModelName"), config, (SM_MODEL,))
            if model is not None:
                rel(ep.uid, "serves", model.uid, via=f"EndpointConfigName {config.display_name}")
    for model in index.of(SM_MODEL):
        containers = as_list(model.properties.get("PrimaryContainer")) + as_list(model.properties.get("Containers"))
        for c in containers:
            bucket = _bucket_of(get(c, "ModelDataUrl"), model, index)
            if bucket is not None:
                rel(model.uid, "reads", bucket.uid, via="ModelDataUrl")
    for user in index.of(SM_USER):
        domain = index.resolve(user.properties.get("DomainId"), user, (SM_DOMAIN,))
        if domain is not None:
            rel(domain.uid, "contains", user.uid)


def _by_id(index: Index, ref: Any, near: Asset, t: str, id_key: str) -> Asset | None:
    """The `t` asset `ref` names: by reference, ARN or name, else by the id AWS assigned it
    (`KnowledgeBaseId`, `Id`), which a live resource carries and a flow's node names."""
    hit = index.resolve(ref, near, (t,))
    if hit is not None or not isinstance(ref, str):
        return hit
    same = [a for a in index.of(t) if a.properties.get(id_key) == ref
            or (isinstance(a.cloud_id, str) and (a.cloud_id == ref or a.cloud_id.endswith("/" + ref)))]
    return same[0] if len(same) == 1 else None


def _flow(flow: Asset, index: Index, rel: Rel) -> None:
    """What a flow's nodes call (module doc)."""
    for node in as_list(get(flow.properties, "Definition", "Nodes")):
        conf = node.get("Configuration") if isinstance(node, dict) else None
        if not isinstance(conf, dict):
            continue
        via = f"Definition.Nodes[{node.get('Name')}]"
        alias = get(conf, "Agent", "AgentAliasArn")
        target = index.resolve(alias, flow, (AGENT_ALIAS,)) or index.resolve(alias, flow, (AGENT,))
        if target is None and isinstance(alias, str) and ":agent-alias/" in alias:  # the alias was not read
            target = _by_id(index, alias.split(":agent-alias/", 1)[1].split("/", 1)[0], flow, AGENT, "AgentId")
        if target is not None:
            agent = index.resolve(target.parent, target, (AGENT,)) if target.type == AGENT_ALIAS else None
            rel(flow.uid, "calls", (agent or target).uid, via=via)
        kb = _by_id(index, get(conf, "KnowledgeBase", "KnowledgeBaseId"), flow, KB, "KnowledgeBaseId")
        if kb is not None:
            rel(flow.uid, "grounded_on", kb.uid, via=via)
        ref = get(conf, "Prompt", "SourceConfiguration", "Resource", "PromptArn")
        if isinstance(ref, str) and ref.startswith("arn:") and ref.count(":") > 5:
            ref = ref.rsplit(":", 1)[0]  # `prompt/<id>:<version>`: the prompt itself
        prompt = _by_id(index, ref, flow, PROMPT, "Id")
        if prompt is not None:
            rel(flow.uid, "runs", prompt.uid, via=via)
        fn = index.resolve(get(conf, "LambdaFunction", "LambdaArn"), flow, (LAMBDA,))
        if fn is not None:
            rel(flow.uid, "runs", fn.uid, via=via)


def _keys(index: Index, rel: Rel) -> None:
    """Access keys act as their user; a leaked output (`keysOf`: the uids whose keys it returns,
    as a provider's Terraform output hook hands them) holds the key and, through it, the user."""
    from aispm.providers.aws.link.iam import USER

    user_of: dict[str, Asset] = {}
    for key in index.of(ACCESS_KEY):
        user = index.resolve(key.properties.get("UserName"), key, (USER,))
        if user is not None:
            user_of[key.uid] = user
            rel(key.uid, "holds_key_for", user.uid, via="UserName")
    for out in index.assets:
        holders = out.properties.get("keysOf")
        if not isinstance(holders, list):
            continue
        for uid in holders:
            key = index.by_uid.get(uid) if isinstance(uid, str) else None
            if key is None:
                continue
            user = user_of.get(key.uid)
            if user is not None:
                rel(out.uid, "holds_key_for", user.uid, key=key.origin.address, via=f"output {out.display_name}")
            else:
                rel(out.uid, "holds_key_for", key.uid, via=f"output {out.display_name}")
