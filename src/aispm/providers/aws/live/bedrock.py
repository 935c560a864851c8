"""Amazon Bedrock, Bedrock Agents and AgentCore of one region, read into CloudFormation shapes.

Calls per region (the fewest the APIs allow): `bedrock` ListCustomModels + GetCustomModel and
GetModelCustomizationJob (its VPC and role) per model, ListImportedModels + GetImportedModel per model, ListProvisionedModelThroughputs (its
summaries are complete), ListGuardrails + GetGuardrail per guardrail + ListGuardrails of the
guardrail (its versions), GetModelInvocationLoggingConfiguration; `bedrock-agent` ListAgents +
GetAgent, ListAgentActionGroups + GetAgentActionGroup, ListAgentKnowledgeBases and
ListAgentAliases per agent (the DRAFT version: what the agent's aliases are prepared from),
ListKnowledgeBases + GetKnowledgeBase, ListDataSources + GetDataSource per knowledge base,
ListPrompts + GetPrompt and ListFlows + GetFlow (the DRAFT of each: what a flow's or an
application's next version is made from); `bedrock-agentcore-control` ListAgentRuntimes + GetAgentRuntime when the SDK has the service.

Shapes: an agent carries its action groups (`ActionGroups`, with `FunctionSchema.Functions[]
.RequireConfirmation`) and knowledge bases (`KnowledgeBases`) as CloudFormation does; a guardrail
its policies under the CloudFormation names (`ContentPolicyConfig.FiltersConfig`, ...). A custom
model's VPC configuration and role belong to the customization job that made it, read from
there. Imported models are `AWS::Bedrock::CustomModel`s
too, as the API calls them custom models brought in.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from aispm.model import Unknown
from aispm.providers.aws import catalog as cat
from aispm.providers.aws.live.calls import Reader, items
from aispm.providers.aws.live.shape import arn_name, make_asset, pascal, rename, uid

PAGE = 1000  # bedrock and bedrock-agent list maximum
AGENTCORE_RUNTIME = "AWS::BedrockAgentCore::Runtime"


def read_bedrock(r: Reader, out: list) -> None:
    _custom_models(r, out)
    _throughput(r, out)
    _guardrails(r, out)
    _logging(r, out)


def _custom_models(r: Reader, out: list) -> None:
    for s in list(items(r.pages("bedrock", "ListCustomModels", PAGE), "modelSummaries")):
        got = r.call("bedrock", "GetCustomModel", modelIdentifier=s.get("modelArn") or s.get("modelName"))
        if got is None:
            continue
        p = pascal(got)
        p = rename(p, {"ModelKmsKeyArn": "CustomModelKmsKeyId", "JobArn": "", "TrainingMetrics": "",
                       "ValidationMetrics": ""})
        # the VPC and the role belong to the customization job that made the model
        job_id = got.get("jobName") or got.get("jobArn")
        job = r.call("bedrock", "GetModelCustomizationJob", jobIdentifier=job_id) if job_id else None
        if job:
            if job.get("vpcConfig"):
                p["VpcConfig"] = pascal(job["vpcConfig"])
            if job.get("roleArn"):
                p["RoleArn"] = job["roleArn"]
        out.append(make_asset(r.scope, cat.BEDROCK_CUSTOM_MODEL, got.get("modelArn", ""), got.get("modelName"), p))
    for s in list(items(r.pages("bedrock", "ListImportedModels", PAGE), "modelSummaries")):
        got = r.call("bedrock", "GetImportedModel", modelIdentifier=s.get("modelArn") or s.get("modelName"))
        if got is None:
            continue
        p = rename(pascal(got), {"ModelKmsKeyArn": "CustomModelKmsKeyId", "JobArn": ""})
        p["CustomizationType"] = "IMPORTED"
        out.append(make_asset(r.scope, cat.BEDROCK_CUSTOM_MODEL, got.get("modelArn", ""), got.get("modelName"), p))


def _throughput(r: Reader, out: list) -> None:
    for s in items(r.pages("bedrock", "ListProvisionedModelThroughputs", PAGE), "provisionedModelSummaries"):
        p = rename(pascal(s), {"ModelArn": "ModelId"})
        out.append(make_asset(r.scope, cat.BEDROCK_PROVISIONED_THROUGHPUT, s.get("provisionedModelArn", ""),
                              s.get("provisionedModelName"), p))


#: GetGuardrail's policies → CloudFormation's (policy key, its list keys).
_GUARDRAIL = {
    "contentPolicy": ("ContentPolicyConfig", {"filters": "FiltersConfig", "tier": "ContentFiltersTierConfig"}),
    "topicPolicy": ("TopicPolicyConfig", {"topics": "TopicsConfig", "tier": "TopicsTierConfig"}),
    "wordPolicy": ("WordPolicyConfig", {"words": "WordsConfig", "managedWordLists": "ManagedWordListsConfig"}),
    "sensitiveInformationPolicy": ("SensitiveInformationPolicyConfig", {"piiEntities": "PiiEntitiesConfig",
                                                                        "regexes": "RegexesConfig"}),
    "contextualGroundingPolicy": ("ContextualGroundingPolicyConfig", {"filters": "FiltersConfig"}),
    "automatedReasoningPolicy": ("AutomatedReasoningPolicyConfig", {}),
}


def guardrail_properties(got: dict) -> dict:
    """GetGuardrail's answer as `AWS::Bedrock::Guardrail` properties."""
    p: dict[str, Any] = {}
    for k, v in got.items():
        if k in _GUARDRAIL:
            cfn, lists = _GUARDRAIL[k]
            body = pascal(v) if isinstance(v, dict) else v
            if isinstance(v, dict):
                body = {lists.get(kk, kk[:1].upper() + kk[1:]): pascal(vv) for kk, vv in v.items()}
                if k == "contentPolicy" and isinstance(body.get("ContentFiltersTierConfig"), dict):
                    body["ContentFiltersTierConfig"] = {"TierName": body["ContentFiltersTierConfig"].get("TierName")}
            p[cfn] = body
        elif k in ("guardrailId", "guardrailArn", "version", "status", "statusReasons", "failureRecommendations"):
            continue
        else:
            p[k[:1].upper() + k[1:]] = pascal(v)
    return p


def _guardrails(r: Reader, out: list) -> None:
    for s in list(items(r.pages("bedrock", "ListGuardrails", PAGE), "guardrails")):
        gid = s.get("id")
        got = r.call("bedrock", "GetGuardrail", guardrailIdentifier=gid, guardrailVersion="DRAFT")
        if got is None:
            continue
        arn = got.get("guardrailArn") or s.get("arn", "")
        g = make_asset(r.scope, cat.BEDROCK_GUARDRAIL, arn, got.get("name"), guardrail_properties(got))
        out.append(g)
        for v in items(r.pages("bedrock", "ListGuardrails", PAGE, guardrailIdentifier=gid), "guardrails"):
            ver = v.get("version")
            if not isinstance(ver, str) or ver == "DRAFT":
                continue
            out.append(make_asset(r.scope, cat.BEDROCK_GUARDRAIL_VERSION, f"{arn}:{ver}", f"{got.get('name')}:{ver}",
                                  {"GuardrailIdentifier": arn, "Version": ver, "Description": v.get("description")},
                                  parent=g.uid))


def _logging(r: Reader, out: list) -> None:
    got = r.call("bedrock", "GetModelInvocationLoggingConfiguration")
    if got is None:
        return
    account = r.account
    arn = f"arn:aws:bedrock:{r.region}:{account}:model-invocation-logging"
    out.append(make_asset(r.scope, cat.BEDROCK_INVOCATION_LOGGING, arn, f"invocation-logging-{r.region}",
                          {"LoggingConfig": pascal(got.get("loggingConfig") or {})}))


# --------------------------------------------------------------------------- agents

def read_agents(r: Reader, out: list) -> None:
    for s in list(items(r.pages("bedrock-agent", "ListAgents", PAGE), "agentSummaries")):
        _agent(r, s.get("agentId"), out)
    for s in list(items(r.pages("bedrock-agent", "ListKnowledgeBases", PAGE), "knowledgeBaseSummaries")):
        _knowledge_base(r, s.get("knowledgeBaseId"), out)
    _prompts(r, out)
    _flows(r, out)


def agent_properties(agent: dict, groups: list[dict] | None, kbs: list[dict] | None) -> dict:
    p = pascal(agent)
    for k in ("AgentStatus", "PreparedAt", "FailureReasons", "RecommendedActions", "ClientToken", "AgentVersion"):
        p.pop(k, None)
    p["ActionGroups"] = [action_group(g) for g in groups] if groups is not None else \
        Unknown("the agent's action groups could not be read")
    p["KnowledgeBases"] = [rename(pascal(k), {"UpdatedAt": ""}) for k in kbs] if kbs is not None else \
        Unknown("the agent's knowledge bases could not be read")
    return p


def action_group(g: dict) -> dict:
    """GetAgentActionGroup's `agentActionGroup` as a CloudFormation `AgentActionGroup`."""
    p = rename(pascal(g), {"ParentActionSignature": "ParentActionGroupSignature", "AgentId": "", "AgentVersion": "",
                           "ActionGroupId": "", "ClientToken": "", "CreatedAt": "", "UpdatedAt": ""})
    ex = p.get("ActionGroupExecutor")
    if isinstance(ex, dict) and "CustomControl" in ex:
        p["ActionGroupExecutor"] = {"CustomControl": ex["CustomControl"]}
    return p


def _agent(r: Reader, agent_id: Any, out: list) -> None:
    got = r.call("bedrock-agent", "GetAgent", agentId=agent_id)
    agent = got.get("agent") if isinstance(got, dict) else None
    if not isinstance(agent, dict):
        return
    groups: list[dict] | None = []
    summaries = []
    listed = False
    for page in r.pages("bedrock-agent", "ListAgentActionGroups", PAGE, agentId=agent_id, agentVersion="DRAFT"):
        listed = True
        summaries += page.get("actionGroupSummaries") or []
    if not listed:
        groups = None
    for s in summaries:
        g = r.call("bedrock-agent", "GetAgentActionGroup", agentId=agent_id, agentVersion="DRAFT",
                   actionGroupId=s.get("actionGroupId"))
        if g is None or not isinstance(g.get("agentActionGroup"), dict):
            groups = None
            break
        groups.append(g["agentActionGroup"])  # type: ignore[union-attr]
    kbs: list[dict] | None = []
    listed = False
    for page in r.pages("bedrock-agent", "ListAgentKnowledgeBases", PAGE, agentId=agent_id, agentVersion="DRAFT"):
        listed = True
        kbs += page.get("agentKnowledgeBaseSummaries") or []  # type: ignore[operator]
    if not listed:
        kbs = None
    arn = agent.get("agentArn", "")
    a = make_asset(r.scope, cat.BEDROCK_AGENT, arn, agent.get("agentName"), agent_properties(agent, groups, kbs))
    out.append(a)
    for s in items(r.pages("bedrock-agent", "ListAgentAliases", PAGE, agentId=agent_id), "agentAliasSummaries"):
        alias_arn = arn.replace(":agent/", ":agent-alias/") + "/" + str(s.get("agentAliasId"))
        p = rename(pascal(s), {"AgentAliasStatus": "", "CreatedAt": "", "UpdatedAt": ""})
        p["AgentId"] = agent_id
        out.append(make_asset(r.scope, cat.BEDROCK_AGENT_ALIAS, alias_arn, s.get("agentAliasName"), p, parent=a.uid))


def _knowledge_base(r: Reader, kb_id: Any, out: list) -> None:
    got = r.call("bedrock-agent", "GetKnowledgeBase", knowledgeBaseId=kb_id)
    kb = got.get("knowledgeBase") if isinstance(got, dict) else None
    if not isinstance(kb, dict):
        return
    p = rename(pascal(kb), {"Status": "", "FailureReasons": ""})
    k = make_asset(r.scope, cat.BEDROCK_KNOWLEDGE_BASE, kb.get("knowledgeBaseArn", ""), kb.get("name"), p)
    out.append(k)
    for s in list(items(r.pages("bedrock-agent", "ListDataSources", PAGE, knowledgeBaseId=kb_id),
                        "dataSourceSummaries")):
        got = r.call("bedrock-agent", "GetDataSource", knowledgeBaseId=kb_id, dataSourceId=s.get("dataSourceId"))
        ds = got.get("dataSource") if isinstance(got, dict) else None
        if not isinstance(ds, dict):
            continue
        p = rename(pascal(ds), {"Status": "", "FailureReasons": ""})
        arn = f"{kb.get('knowledgeBaseArn', '')}/data-source/{ds.get('dataSourceId')}"
        out.append(make_asset(r.scope, cat.BEDROCK_DATA_SOURCE, arn, ds.get("name"), p, parent=k.uid))


#: GetPrompt / GetFlow keys that are bookkeeping, not configuration a CloudFormation template declares.
_PROMPT_DROP = {"Id": "", "Arn": "", "Version": "", "CreatedAt": "", "UpdatedAt": ""}
_FLOW_DROP = {**_PROMPT_DROP, "Status": "", "Validations": ""}


def prompt_properties(got: dict) -> dict:
    """GetPrompt's answer as `AWS::Bedrock::Prompt` properties (`Variants[].TemplateConfiguration`,
    `ModelId`, `CustomerEncryptionKeyArn`, as CloudFormation names them)."""
    return rename(pascal(got), _PROMPT_DROP)


def flow_properties(got: dict) -> dict:
    """GetFlow's answer as `AWS::Bedrock::Flow` properties: `Definition.Nodes[].Configuration`
    names the agents (`Agent.AgentAliasArn`), knowledge bases (`KnowledgeBase.KnowledgeBaseId`),
    prompts (`Prompt.SourceConfiguration.Resource.PromptArn`) and functions
    (`LambdaFunction.LambdaArn`) the flow calls, which the AWS linker turns into relations."""
    return rename(pascal(got), _FLOW_DROP)


def _prompts(r: Reader, out: list) -> None:
    for s in list(items(r.pages("bedrock-agent", "ListPrompts", PAGE), "promptSummaries")):
        got = r.call("bedrock-agent", "GetPrompt", promptIdentifier=s.get("id") or s.get("arn"))
        if got is None:
            continue
        arn = got.get("arn") or s.get("arn", "")
        out.append(make_asset(r.scope, cat.BEDROCK_PROMPT, arn, got.get("name"), prompt_properties(got)))


def _flows(r: Reader, out: list) -> None:
    for s in list(items(r.pages("bedrock-agent", "ListFlows", PAGE), "flowSummaries")):
        got = r.call("bedrock-agent", "GetFlow", flowIdentifier=s.get("id") or s.get("arn"))
        if got is None:
            continue
        arn = got.get("arn") or s.get("arn", "")
        out.append(make_asset(r.scope, cat.BEDROCK_FLOW, arn, got.get("name"), flow_properties(got)))


# --------------------------------------------------------------------------- AgentCore

@lru_cache(maxsize=1)
def has_agentcore() -> bool:
    import botocore.session

    return "bedrock-agentcore-control" in botocore.session.get_session().get_available_services()


def read_agentcore(r: Reader, out: list) -> None:
    if not has_agentcore():
        return
    for s in list(items(r.pages("bedrock-agentcore-control", "ListAgentRuntimes", 100), "agentRuntimes")):
        got = r.call("bedrock-agentcore-control", "GetAgentRuntime", agentRuntimeId=s.get("agentRuntimeId"))
        if got is None:
            continue
        p = rename(pascal(got), {"Status": "", "WorkloadIdentityDetails": ""})
        arn = got.get("agentRuntimeArn") or s.get("agentRuntimeArn", "")
        out.append(make_asset(r.scope, AGENTCORE_RUNTIME, arn, got.get("agentRuntimeName") or arn_name(arn), p))


__all__ = ["read_agentcore", "read_agents", "read_bedrock", "uid"]
