"""Facts of Amazon Bedrock resources, from their CloudFormation properties.

Agents: `guardrail`, `customer_managed_key`, `instructions_length`, `model`, the prompt
override facts (`prompt_override`, `prompt_override_explicit`, `parser_override`,
`critical_prompt_states_enabled`) and whether their action-group functions ask the user to
confirm (`tools_require_approval`). Guardrails: which filters they hold and how strong. Knowledge
bases: whether the vector store's field mapping is complete. Data sources, custom models:
customer-managed keys. Invocation logging: whether invocations are delivered anywhere.

Defaults (AWS documentation): a prompt configuration's `PromptState` is `ENABLED` and its
`ParserMode` / `PromptCreationMode` `DEFAULT`; an agent without `PromptOverrideConfiguration`
uses Bedrock's default prompts; an action-group function's `RequireConfirmation` is `DISABLED`.
"""

from __future__ import annotations

from typing import Any

from aispm.model import Asset, Unknown
from aispm.providers.aws.facts.shape import MISSING, absent, as_list, lookup, plain, set_cmk, set_present

#: Agent stages whose prompt must stay enabled (Defender: orchestration and knowledge-base
#: response generation).
CRITICAL_PROMPTS = ("ORCHESTRATION", "KNOWLEDGE_BASE_RESPONSE_GENERATION")
#: The instructions Defender calls weak are shorter than this (its agent risk indicator).
WEAK_INSTRUCTIONS = 30


def _prompt_configs(a: Asset) -> list | Unknown:
    poc = lookup(a.properties, "PromptOverrideConfiguration")
    if isinstance(poc, Unknown):
        return poc
    cfgs = lookup(poc, "PromptConfigurations") if isinstance(poc, dict) else MISSING
    if isinstance(cfgs, Unknown):
        return cfgs
    return [c for c in as_list(cfgs)]


def _word(d: Any, key: str, default: str) -> Any:
    v = lookup(d, key)
    if v is MISSING or v is None:
        return default
    return v.upper() if isinstance(v, str) else v


def agent(a: Asset) -> None:
    p = a.properties
    set_present(a, "guardrail", "GuardrailConfiguration.GuardrailIdentifier", "guardrail")
    set_cmk(a, "CustomerEncryptionKeyArn")
    ins = lookup(p, "Instruction")
    if absent(ins):
        a.set_fact("instructions_length", 0, "Instruction", None, "no instructions")
    elif isinstance(ins, Unknown):
        a.set_fact("instructions_length", None, "Instruction", None, f"unknown: {ins.reason}")
    elif isinstance(ins, str):
        a.set_fact("instructions_length", len(ins.strip()), "Instruction", None)
    else:
        a.set_fact("instructions_length", None, "Instruction", None, "not a string")
    model = lookup(p, "FoundationModel")
    a.set_fact("model", model if isinstance(model, str) else None, "FoundationModel", plain(model),
               None if isinstance(model, str) else "foundation model not stated")
    _prompts(a)
    _tools(a)


def _prompts(a: Asset) -> None:
    path = "PromptOverrideConfiguration.PromptConfigurations"
    cfgs = _prompt_configs(a)
    lam = lookup(a.properties, "PromptOverrideConfiguration.OverrideLambda")
    if isinstance(cfgs, Unknown):
        for f in ("prompt_override", "prompt_override_explicit", "parser_override", "critical_prompt_states_enabled"):
            a.set_fact(f, None, path, None, f"unknown: {cfgs.reason}")
        return
    dicts = [c for c in cfgs if isinstance(c, dict)]
    unknown = len(dicts) != len(cfgs)
    overridden = [c for c in dicts if _word(c, "PromptCreationMode", "DEFAULT") == "OVERRIDDEN"]
    parsers = [c for c in dicts if _word(c, "ParserMode", "DEFAULT") == "OVERRIDDEN"]
    has_lambda = not absent(lam)
    a.set_fact("prompt_override", bool(overridden or parsers or has_lambda) or (None if unknown else False), path,
               None, "no prompt override: Bedrock's default prompts" if not cfgs and not has_lambda else None)
    # an overridden prompt is under explicit control when the configuration states its template
    # and its state; one that states neither leaves what the agent is told to chance
    loose = [c for c in overridden if absent(lookup(c, "BasePromptTemplate")) or absent(lookup(c, "PromptState"))]
    a.set_fact("prompt_override_explicit", (None if unknown else True) if not loose else False, path, None,
               f"{len(loose)} overridden prompt(s) without a template or a state" if loose else None)
    a.set_fact("parser_override", True if (parsers or has_lambda) else (None if unknown else False), path, None,
               "an override Lambda parses the model's output" if has_lambda and not parsers else None)
    off = [str(_word(c, "PromptType", "")) for c in dicts
           if _word(c, "PromptType", "") in CRITICAL_PROMPTS and _word(c, "PromptState", "ENABLED") == "DISABLED"]
    a.set_fact("critical_prompt_states_enabled", False if off else (None if unknown else True), path, None,
               f"prompt state DISABLED for {', '.join(off)}" if off else "PromptState not DISABLED for a critical stage "
               "(AWS default: ENABLED)")


def _tools(a: Asset) -> None:
    """`tool_count` (action groups) and `tools_require_approval` (every function of every
    action group asks the user to confirm; an API-schema action group cannot say so)."""
    groups = lookup(a.properties, "ActionGroups")
    if isinstance(groups, Unknown):
        a.set_fact("tool_count", None, "ActionGroups", None, f"unknown: {groups.reason}")
        a.set_fact("tools_require_approval", None, "ActionGroups", None, f"unknown: {groups.reason}")
        return
    # built-in action groups (`AMAZON.UserInput`, `AMAZON.CodeInterpreter`) are not tools of the owner's
    groups = [g for g in as_list(groups) if isinstance(g, dict) and absent(lookup(g, "ParentActionGroupSignature"))]
    a.set_fact("tool_count", len(groups), "ActionGroups", None)
    if not groups:
        a.set_fact("tools_require_approval", None, "ActionGroups", None, "no action groups")
        return
    verdict: bool | None = True
    for g in groups:
        fns = lookup(g, "FunctionSchema.Functions")
        if isinstance(fns, Unknown):
            verdict = None if verdict is not False else False
            continue
        if absent(fns):  # an OpenAPI schema action group: no confirmation setting
            verdict = False
            continue
        for fn in as_list(fns):
            rc = lookup(fn, "RequireConfirmation") if isinstance(fn, dict) else MISSING
            if isinstance(rc, Unknown):
                verdict = None if verdict is not False else False
            elif not (isinstance(rc, str) and rc.upper() == "ENABLED"):
                verdict = False
    a.set_fact("tools_require_approval", verdict, "ActionGroups[].FunctionSchema.Functions[].RequireConfirmation",
               None, "RequireConfirmation defaults to DISABLED")


_FILTER_RANK = {"NONE": 0, "LOW": 1, "MEDIUM": 2, "HIGH": 3}


def guardrail(a: Asset) -> None:
    p = a.properties
    set_cmk(a, "KmsKeyArn")
    filters = lookup(p, "ContentPolicyConfig.FiltersConfig")
    path = "ContentPolicyConfig.FiltersConfig"
    if isinstance(filters, Unknown):
        a.set_fact("prompt_attack_filter", None, path, None, f"unknown: {filters.reason}")
        a.set_fact("prompt_attack_strength", None, path, None, f"unknown: {filters.reason}")
    else:
        pa = [f for f in as_list(filters) if isinstance(f, dict) and str(lookup(f, "Type")).upper() == "PROMPT_ATTACK"]
        strength = lookup(pa[0], "InputStrength") if pa else MISSING
        if isinstance(strength, Unknown):
            a.set_fact("prompt_attack_strength", None, path, None, f"unknown: {strength.reason}")
            a.set_fact("prompt_attack_filter", None, path, None, f"unknown: {strength.reason}")
        else:
            s = strength.upper() if isinstance(strength, str) else "NONE"
            a.set_fact("prompt_attack_strength", s if pa else "NONE", path, plain(strength),
                       None if pa else "no PROMPT_ATTACK filter")
            a.set_fact("prompt_attack_filter", _FILTER_RANK.get(s, 0) > 0, path, plain(strength),
                       None if pa else "no PROMPT_ATTACK filter")
        a.set_fact("content_filter_count", len(as_list(filters)), path, None)
    sens = lookup(p, "SensitiveInformationPolicyConfig")
    if isinstance(sens, Unknown):
        a.set_fact("sensitive_information_filter", None, "SensitiveInformationPolicyConfig", None, sens.reason)
    else:
        ents = as_list(lookup(sens, "PiiEntitiesConfig")) + as_list(lookup(sens, "RegexesConfig")) \
            if isinstance(sens, dict) else []
        a.set_fact("sensitive_information_filter", bool(ents), "SensitiveInformationPolicyConfig", None,
                   None if ents else "no PII entity or regex filter")
    ground = lookup(p, "ContextualGroundingPolicyConfig.FiltersConfig")
    if isinstance(ground, Unknown):
        a.set_fact("contextual_grounding_filter", None, "ContextualGroundingPolicyConfig", None, ground.reason)
    else:
        a.set_fact("contextual_grounding_filter", bool(as_list(ground)), "ContextualGroundingPolicyConfig", None,
                   None if as_list(ground) else "no contextual grounding filter")


#: Vector store configuration → the field mappings Bedrock needs (CloudFormation reference).
_FIELDS = {
    "OpensearchServerlessConfiguration": ("VectorField", "TextField", "MetadataField"),
    "OpensearchManagedClusterConfiguration": ("VectorField", "TextField", "MetadataField"),
    "PineconeConfiguration": ("TextField", "MetadataField"),
    "RdsConfiguration": ("PrimaryKeyField", "VectorField", "TextField", "MetadataField"),
    "RedisEnterpriseCloudConfiguration": ("VectorField", "TextField", "MetadataField"),
    "MongoDbAtlasConfiguration": ("VectorField", "TextField", "MetadataField"),
}


def knowledge_base(a: Asset) -> None:
    store = lookup(a.properties, "StorageConfiguration")
    path = "StorageConfiguration"
    if isinstance(store, Unknown):
        a.set_fact("field_mapping_complete", None, path, None, f"unknown: {store.reason}")
        return
    configs = [(k, lookup(store, k)) for k in _FIELDS] if isinstance(store, dict) else []
    configs = [(k, v) for k, v in configs if v is not MISSING and v is not None]
    if not configs:
        stype = lookup(store, "Type")
        a.set_fact("field_mapping_complete", None, path, None,
                   f"no field mapping to judge for storage type {plain(stype)}")
        return
    missing: list[str] = []
    unknown = False
    for k, v in configs:
        fm = lookup(v, "FieldMapping")
        if isinstance(v, Unknown) or isinstance(fm, Unknown):
            unknown = True
            continue
        for f in _FIELDS[k]:
            val = lookup(fm, f)
            if isinstance(val, Unknown):
                unknown = True
            elif absent(val) or not isinstance(val, str) or not val.strip():
                missing.append(f"{k}.FieldMapping.{f}")
    value = False if missing else (None if unknown else True)
    a.set_fact("field_mapping_complete", value, f"{path}.{configs[0][0]}.FieldMapping", None,
               f"missing: {', '.join(missing)}" if missing else None)


def data_source(a: Asset) -> None:
    set_cmk(a, "ServerSideEncryptionConfiguration.KmsKeyArn")


def custom_model(a: Asset) -> None:
    set_cmk(a, "CustomModelKmsKeyId")
    set_present(a, "vpc_attached", "VpcConfig.SubnetIds", "VPC configuration")


def invocation_logging(a: Asset) -> None:
    """`invocation_logging`: the configuration delivers invocations to S3 or CloudWatch Logs."""
    cfg = lookup(a.properties, "LoggingConfig")
    if isinstance(cfg, Unknown):
        a.set_fact("invocation_logging", None, "LoggingConfig", None, f"unknown: {cfg.reason}")
        return
    dest = [k for k in ("S3Config", "CloudWatchConfig") if isinstance(cfg, dict) and not absent(lookup(cfg, k))]
    flags = [lookup(cfg, k) for k in ("TextDataDeliveryEnabled", "ImageDataDeliveryEnabled",
                                      "EmbeddingDataDeliveryEnabled", "VideoDataDeliveryEnabled")] \
        if isinstance(cfg, dict) else []
    stated = [v for v in flags if v is not MISSING and v is not None]
    all_off = bool(stated) and all(v is False for v in stated)
    a.set_fact("invocation_logging", bool(dest) and not all_off, "LoggingConfig", None,
               "no S3 or CloudWatch destination" if not dest else "every data delivery is disabled" if all_off
               else None)
