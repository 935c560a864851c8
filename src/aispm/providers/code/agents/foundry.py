"""The `foundry-agent` source: Microsoft Foundry (Azure AI) agent definitions, as JSON or YAML.

Claimed files: `agent.{yaml,yml,json}`, `*.agent.{yaml,yml,json}` and YAML/JSON files in a folder
named `agents`. A file may declare one agent, a list, or `{"agents": [...]}`, in the classic shape
(`model`, `instructions`, `tools`, `tool_resources`), the azd/Foundry `agent.yaml` shape
(`kind: prompt`) or the v2 `{"name", "definition": {...}}` shape; files that declare no agent are
skipped silently, and a file in an `agents` folder that does not parse is reported only when it
looks like an agent (it mentions `instructions`).

Each agent is an `agent` asset that `runs` its `tool`s. An MCP tool with a `server_url` is also an
`mcp-server` asset built by `mcp_server.server_asset` (`agent runs mcp-server`, `tool calls
mcp-server`); a `connected_agent` tool declared in the same scan gives `agent runs agent` and `tool
calls agent`, found by id, else by name. Credentials in instructions, headers or auth settings are
redacted `secret` assets. Facts: `model`, `instructions_length`, `mcp_tools`,
`tools_require_approval` (Foundry asks by default), `untrusted_input`, `guardrail`,
`connected_agents`, `coordinator`, `can_exfiltrate` and `hardcoded_secret`; tools get `tool_type`,
`tool_requires_approval`, `allowed_tools_configured`, `invocation_instructions` and, for OpenAPI
tools, `plaintext_transport` / `non_standard_port`. Rules read them in
`aispm.providers.code.rules.agents`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aispm.formats.depth import TooDeep
from aispm.formats.jsonc import parse_jsonc
from aispm.formats.located import DocError, LDict, LList, key_line, start_line
from aispm.formats.yaml_safe import OverBudget
from aispm.formats.text import clip, type_name
from aispm.formats.secrets import LiteralSecret, literal_secrets, scrub, secret_values
from aispm.formats.yaml_lines import parse_yaml
from aispm.model import Asset, Kind, Relation, ScanError
from aispm.providers.code.agents.common import DataFlows, as_text
from aispm.providers.code.agents.openapi import openapi_flow, openapi_transports
from aispm.providers.code.isolate import one_file, raise_unexpected
from aispm.providers.code.mcp_server import server_asset, set_transport_facts
from aispm.providers.code.secret_assets import config_secret_asset
from aispm.source import SourceContext, SourceResult, declared_uid, make_origin, read_text

#: Tool types through which content the agent's owner does not control reaches the model
#: (Defender: web / Bing / browser / MCP / OpenAPI tools).
UNTRUSTED_TOOL_TYPES = frozenset({
    "bing_grounding", "bing_custom_search", "bing_custom_search_preview", "browser_automation",
    "browser_automation_preview", "web_search", "web_search_preview", "mcp", "openapi", "computer_use_preview",
    "deep_research",
})
#: Foundry tool types that read the organisation's data (Defender *Data Exfiltration Exposure*: the read half).
READ_TOOL_TYPES = frozenset({
    "file_search", "azure_ai_search", "sharepoint_grounding", "sharepoint_grounding_preview", "fabric_dataagent",
    "fabric_dataagent_preview", "memory_search",
})
#: Foundry tool types through which the model can send data to a destination it chooses (the send half;
#: MCP tools count when their server is remote and they run without approval, OpenAPI tools when their spec
#: has an operation other than GET).
SEND_TOOL_TYPES = frozenset({"browser_automation", "browser_automation_preview", "computer_use_preview"})
#: Foundry tool types that neither read the organisation's data nor send data where the model chooses: web search
#: sends queries to the search engine only; the code interpreter's sandbox has no network; connected agents are
#: judged on their own.
NEUTRAL_TOOL_TYPES = frozenset({
    "bing_grounding", "bing_custom_search", "bing_custom_search_preview", "web_search", "web_search_preview",
    "deep_research", "code_interpreter", "image_generation", "connected_agent",
})
_GUARDRAIL_KEYS = ("guardrail", "guardrails", "guardrail_name", "content_filter", "content_filters", "rai_policy",
                   "rai_policy_name", "raiPolicyName", "content_safety", "rai_config")
#: Tool settings kept as tool properties.
_TOOL_PROPERTIES = ("server_label", "server_url", "require_approval", "allowed_tools", "description", "id",
                    "connection_id", "project_connection_id")


# --------------------------------------------------------------------------- reading a definition


def _model_name(m: Any) -> str | None:
    if isinstance(m, str):
        return m
    if isinstance(m, dict):
        for k in ("id", "name", "deployment", "deployment_name", "model"):
            if isinstance(m.get(k), str):
                return m[k]
    return None


def _is_agent(d: Any) -> bool:
    if not isinstance(d, dict):
        return False
    if isinstance(d.get("definition"), dict) and _is_agent(d["definition"]):
        return True
    has_model = "model" in d
    kind = str(d.get("kind") or "").lower()
    return ("instructions" in d or "tools" in d) and (has_model or kind in ("prompt", "hosted", "agent"))


def _agent_docs(doc: Any) -> list[LDict]:
    if isinstance(doc, list):
        return [d for d in doc if _is_agent(d)]
    if isinstance(doc, dict):
        if _is_agent(doc):
            return [doc]
        if isinstance(doc.get("agents"), list):
            return [d for d in doc["agents"] if _is_agent(d)]
    return []


def _flatten_definition(d: LDict) -> LDict:
    """The v2 shape `{"name", "definition": {...}}` as one mapping: the definition's keys win, the
    outer ones fill in, and the lines of both are kept."""
    if not isinstance(d.get("definition"), dict):
        return d
    inner = d["definition"]
    flat = LDict({**inner, **{k: v for k, v in d.items() if k != "definition" and k not in inner}})
    flat.line = d.line
    flat.key_lines = {**d.key_lines, **getattr(inner, "key_lines", {})}
    return flat


def _unique_address(name: str, seen: set[str]) -> str:
    """`name`, or `name#2`, `name#3`, ... when a file declares the name more than once."""
    address = name
    n = 2
    while address in seen:
        address = f"{name}#{n}"
        n += 1
    seen.add(address)
    return address


def _guardrail(d: dict) -> tuple[str | None, str | None]:
    for holder in (d, d.get("model") if isinstance(d.get("model"), dict) else {}, d.get("options") or {},
                   d.get("metadata") or {}):
        if not isinstance(holder, dict):
            continue
        for k in _GUARDRAIL_KEYS:
            v = holder.get(k)
            if isinstance(v, str) and v.strip():
                return v, k
            if isinstance(v, dict):
                name = as_text(v.get("name")) or as_text(v.get("policy")) or as_text(v.get("rai_policy_name"))
                return name or json.dumps(v, sort_keys=True)[:80], k
            if isinstance(v, list) and v:
                first = v[0]
                return (as_text(first.get("name")) if isinstance(first, dict) else str(first)) or k, k
    return None, None


def _tool_type(t: dict) -> str:
    return str(t.get("type") or t.get("kind") or "unknown").lower()


def _tool_name(t: dict, ttype: str, i: int) -> str:
    sub = t.get(ttype) if isinstance(t.get(ttype), dict) else {}
    for cand in (t.get("server_label"), t.get("name"), sub.get("name"), sub.get("server_label")):
        if isinstance(cand, str) and cand.strip():
            return cand
    return f"{ttype}[{i}]"


def _tool_config(t: dict, ttype: str, mcp_resources: dict[str, dict]) -> dict:
    """A tool's settings in one mapping: the type-named sub-object (`{"type": "mcp", "mcp": {...}}`), the
    tool's own keys, and for an MCP tool its `tool_resources.mcp` entry (the tool's approval wins)."""
    sub = t.get(ttype) if isinstance(t.get(ttype), dict) else {}
    cfg = {**sub, **{k: v for k, v in t.items() if k != ttype}}
    if ttype == "mcp":
        label = cfg.get("server_label")
        if isinstance(label, str) and label in mcp_resources:
            res = mcp_resources[label]
            cfg = {**res, **cfg} if "require_approval" in cfg else {**cfg, **res}
    return cfg


def _mcp_resources(resources: dict) -> dict[str, dict]:
    """`tool_resources.mcp` entries by server label."""
    out = {}
    if isinstance(resources.get("mcp"), list):
        for r in resources["mcp"]:
            if isinstance(r, dict) and isinstance(r.get("server_label"), str):
                out[r["server_label"]] = r
    return out


def _approval(v: Any) -> tuple[bool | None, str]:
    """A Foundry / OpenAI `require_approval` value → does every call wait for a human?"""
    if v is None:
        return True, "not set: Foundry asks for approval by default (`always`)"
    if isinstance(v, str):
        low = v.lower()
        if low == "never":
            return False, "`never`: tool calls run without a human in the loop"
        if low == "always":
            return True, "`always`"
        return None, f"unrecognised value {clip(v)}"
    if isinstance(v, dict):
        never = v.get("never")
        if isinstance(never, dict):
            names = never.get("tool_names") or never.get("toolNames")
            if names:
                return False, f"`never` for {clip(', '.join(map(str, names)) if isinstance(names, list) else names, 200)}"
        if never:
            return False, "`never` for some tools"
        return True, "approval per tool, none set to `never`"
    return None, f"unrecognised value {clip(v)}"


# --------------------------------------------------------------------------- one agent


@dataclass
class _Scope:
    """One agent being read: where its assets go, and the secrets found in it so far."""

    fmt: str
    rel: str
    address: str
    uid: str
    line: int
    out: SourceResult
    hits: list[LiteralSecret] = field(default_factory=list)
    url_hits: list[str] = field(default_factory=list)  # redacted secrets of MCP server URLs

    def secrets_in(self, text: str, where: str, at: int, holder: str,
                   name_hint: str | None = None) -> list[LiteralSecret]:
        """Report the credentials in one value (a credential-named field: any literal) against `holder`."""
        hits = literal_secrets(text, name_hint) if name_hint else secret_values(text)
        for i, h in enumerate(hits):
            a, r = config_secret_asset(self.fmt, self.rel, at, f"{self.address}:{where}" + (f"#{i}" if i else ""),
                                       h, where, holder)
            self.out.assets.append(a)
            self.out.relations.append(r)
        self.hits.extend(hits)
        return hits


@dataclass
class _Tools:
    """What an agent's tools add up to, for the agent's facts."""

    types: list[str] = field(default_factory=list)
    approvals: list[tuple[bool | None, str]] = field(default_factory=list)  # MCP tools: (approved?, why)
    connected_refs: list[dict[str, Any]] = field(default_factory=list)
    flows: DataFlows = field(default_factory=DataFlows)


#: The fields of an agent definition whose type is checked: (key, types, what the message says is expected).
_AGENT_FIELDS = (("kind", str, "a string"), ("model", (str, dict), "a string or an object"),
                 ("instructions", str, "text"), ("tools", list, "a list"), ("tool_resources", dict, "an object"),
                 ("description", str, "text"))


def _read_agent(d: LDict, rel: str, path: Path, out: SourceResult, seen: set[str], fmt: str) -> None:
    outer = d
    d = _flatten_definition(d)
    name = as_text(d.get("name")) or as_text(d.get("id")) or path.name.split(".")[0]
    address = _unique_address(name, seen)
    scope = _Scope(fmt, rel, address, declared_uid(fmt, rel, address), start_line(outer, 1), out)

    for key, want, expected in _AGENT_FIELDS:
        value = d.get(key)
        if value is not None and not isinstance(value, want):
            out.errors.append(ScanError(rel, key_line(d, key, scope.line), f"agent {clip(name)}: `{key}` is "
                                                                           f"{type_name(value)}, not {expected}; ignored"))
    instructions = d.get("instructions")
    instr_text = instructions if isinstance(instructions, str) else ""
    instr_hits = scope.secrets_in(instr_text, "instructions", key_line(d, "instructions", scope.line),
                                  scope.uid) if instr_text else []
    model = _model_name(d.get("model"))
    props: dict[str, Any] = {
        "platform": "foundry",
        "kind": d.get("kind") if isinstance(d.get("kind"), str) else None,
        "model": model,
        "description": d.get("description") if isinstance(d.get("description"), str) else None,
        "instructions": scrub(instr_text, instr_hits) if instr_text else None,
    }
    agent = Asset(uid=scope.uid, provider="code", type="agent", name=name, kind=Kind.AGENT,
                  origin=make_origin(fmt, rel, scope.line, address), properties=props)
    out.assets.append(agent)

    tools = d.get("tools") if isinstance(d.get("tools"), list) else []
    resources = d.get("tool_resources") if isinstance(d.get("tool_resources"), dict) else {}
    mcp_res = _mcp_resources(resources)
    summary = _Tools()
    for i, t in enumerate(tools):
        if isinstance(t, str):
            t = {"type": t}
        if isinstance(t, dict):
            _read_tool(scope, i, t, tools, resources, mcp_res, summary)

    props["tools"] = summary.types
    _set_agent_facts(agent, d, instr_text, instructions, model, summary, scope)


def _read_tool(scope: _Scope, i: int, t: dict, tools: list, resources: dict, mcp_res: dict[str, dict],
               summary: _Tools) -> None:
    """One entry of `tools`: its `tool` asset, secrets, MCP server, and what it adds to the agent's summary."""
    ttype = _tool_type(t)
    summary.types.append(ttype)
    tname = _tool_name(t, ttype, i)
    tline = tools.item_lines[i] if isinstance(tools, LList) and i < len(tools.item_lines) else scope.line
    tuid = declared_uid(scope.fmt, scope.rel, f"{scope.address}/tools/{tname}")
    cfg = _tool_config(t, ttype, mcp_res)
    tprops = {"tool_type": ttype, "agent": scope.uid}
    for k in _TOOL_PROPERTIES:
        if k in cfg:
            tprops[k] = cfg[k]
    tool = Asset(uid=tuid, provider="code", type="tool", name=tname, kind=Kind.TOOL,
                 origin=make_origin(scope.fmt, scope.rel, tline, f"{scope.address}/tools/{tname}"), properties=tprops,
                 parent=scope.uid)
    tool.set_fact("tool_type", ttype, f"tools[{i}].type", raw=ttype)
    tool.set_fact("platform", "foundry", "file")
    headers = cfg.get("headers") if isinstance(cfg.get("headers"), dict) else {}
    tool_hits = _tool_secrets(scope, cfg, headers, tname, tline, tuid)
    if headers:
        tprops["header_names"] = sorted(map(str, headers))
    url_secrets: list[str] = []
    scope.out.assets.append(tool)
    scope.out.relations.append(Relation(scope.uid, "runs", tuid))
    srv_remote: bool | None = None
    if ttype == "mcp":
        ok, why = _approval(cfg.get("require_approval"))
        summary.approvals.append((ok, f"{tname}: {why}"))
        tool.set_fact("tool_requires_approval", ok, f"tools[{i}].require_approval",
                      raw=cfg.get("require_approval"), note=why)
        allowed = cfg.get("allowed_tools")
        tool.set_fact("allowed_tools_configured", bool(allowed) and isinstance(allowed, list),
                      f"tools[{i}].allowed_tools", raw=allowed)
        url = as_text(cfg.get("server_url"))
        if url:
            srv_remote = _mcp_tool_server(scope, i, cfg, url, headers, tname, tline, tuid, tool_hits, url_secrets,
                                          tprops)
    redacted = [h.redacted for h in tool_hits] + url_secrets
    tool.set_fact("hardcoded_secret", bool(redacted), f"tools[{i}]", raw=redacted or None)
    scope.url_hits.extend(url_secrets)
    if ttype == "connected_agent":
        tool.set_fact("invocation_instructions", bool(as_text(cfg.get("description"))), f"tools[{i}].description")
        ref = {k: cfg[k] for k in ("id", "name") if as_text(cfg.get(k))}
        summary.connected_refs.append({**ref, "tool": tuid})
    _count_tool_flow(summary.flows, tool, ttype, tname, cfg, resources, srv_remote, i)


def _tool_secrets(scope: _Scope, cfg: dict, headers: dict, tname: str, tline: int,
                  tuid: str) -> list[LiteralSecret]:
    """Credentials in a tool's headers and auth settings, reported against the tool."""
    hits: list[LiteralSecret] = []
    for hk, hv in headers.items():
        if isinstance(hv, str):
            hits += scope.secrets_in(hv, f"tools/{tname}/headers.{hk}", key_line(headers, hk, tline), tuid, str(hk))
    auth = cfg.get("auth") if isinstance(cfg.get("auth"), dict) else {}
    for ak, av in auth.items():
        if isinstance(av, str) and ak.lower() not in ("type",):
            hits += scope.secrets_in(av, f"tools/{tname}/auth.{ak}", key_line(auth, ak, tline), tuid, str(ak))
    return hits


def _mcp_tool_server(scope: _Scope, i: int, cfg: dict, url: str, headers: dict, tname: str, tline: int, tuid: str,
                     tool_hits: list[LiteralSecret], url_secrets: list[str], tprops: dict) -> bool | None:
    """The `mcp-server` asset of an MCP tool that names its server's URL; returns whether it is remote.
    Secrets in the URL are reported here (into `url_secrets`); those in headers already were, on the tool."""
    srv_cfg = {"type": "http", "url": url, "headers": headers}
    for k in ("project_connection_id", "authorization", "oauth"):
        if cfg.get(k):
            srv_cfg[k] = cfg[k]
    srv, secrets, rels = server_asset(scope.fmt, scope.rel, tline, str(cfg.get("server_label") or tname), srv_cfg,
                                      address=f"{scope.address}/mcp/{tname}")
    srv.parent = scope.uid
    tprops["server_url"] = srv.properties.get("url")  # scrubbed of credentials
    out = scope.out
    for sa, sr in zip(secrets, rels):
        if sa.properties.get("location") == "url":  # header secrets are reported on the tool
            out.assets.append(sa)
            out.relations.append(sr)
            url_secrets.append(sa.properties["redacted"])
    srv.set_fact("hardcoded_secret", bool(tool_hits or url_secrets), f"tools[{i}].headers/server_url",
                 raw=[h.redacted for h in tool_hits] + url_secrets or None)
    out.assets.append(srv)
    out.relations.append(Relation(scope.uid, "runs", srv.uid))
    out.relations.append(Relation(tuid, "calls", srv.uid))
    return srv.facts.get("remote")


def _count_tool_flow(flows: DataFlows, tool: Asset, ttype: str, tname: str, cfg: dict, resources: dict,
                     srv_remote: bool | None, i: int) -> None:
    """What one tool does with data (and, for an OpenAPI tool, the transport of the servers it calls)."""
    if ttype == "openapi":
        spec = next((cfg[k] for k in ("spec", "specification", "openapi_spec") if k in cfg), None)
        set_transport_facts(tool, openapi_transports(spec, tname), f"tools[{i}].openapi.spec servers")
        openapi_flow(spec, tname, flows)
    elif ttype == "code_interpreter":
        ci = resources.get("code_interpreter") if isinstance(resources.get("code_interpreter"), dict) else {}
        files = ci.get("file_ids") or ci.get("files") or cfg.get("file_ids")
        if files:
            flows.reads.append(f"{tname} (code_interpreter over uploaded files)")
    elif ttype == "mcp":
        approved = tool.facts.get("tool_requires_approval")
        label = f"{tname} (MCP server {tool.properties.get('server_url') or cfg.get('server_label') or '?'})"
        if approved is True:
            flows.approved.append(label)
        elif srv_remote is False:
            pass  # a server on the machine itself sends nothing out
        elif srv_remote is True and approved is False:
            flows.sends.append(label)
        else:
            flows.maybe_sends.append(label + (": approval unknown" if approved is None else ": host unknown"))
    elif ttype in READ_TOOL_TYPES:
        flows.reads.append(f"{tname} ({ttype})")
    elif ttype in SEND_TOOL_TYPES:
        flows.sends.append(f"{tname} ({ttype})")
    elif ttype not in NEUTRAL_TOOL_TYPES:
        flows.maybe_reads.append(f"{tname} ({ttype}: what it does is not in the definition)")
        flows.maybe_sends.append(f"{tname} ({ttype}: what it does is not in the definition)")


def _set_agent_facts(agent: Asset, d: LDict, instr_text: str, instructions: Any, model: str | None, summary: _Tools,
                     scope: _Scope) -> None:
    props = agent.properties
    il = len(instr_text.strip())
    agent.set_fact("platform", "foundry", "file")
    agent.set_fact("instructions_length", il, "instructions", raw=il,
                   note=None if instructions is not None else "no instructions declared")
    agent.set_fact("model", model, "model", raw=d.get("model") if isinstance(d.get("model"), str) else model)
    agent.set_fact("mcp_tools", summary.types.count("mcp"), "tools[*].type")
    if summary.approvals:
        if any(a is False for a, _ in summary.approvals):
            verdict: bool | None = False
        elif any(a is None for a, _ in summary.approvals):
            verdict = None
        else:
            verdict = True
        agent.set_fact("tools_require_approval", verdict, "tools[type=mcp].require_approval",
                       raw=[w for _, w in summary.approvals])
    else:
        agent.set_fact("tools_require_approval", None, "tools", note="no MCP tools")
    untrusted = sorted({t for t in summary.types if t in UNTRUSTED_TOOL_TYPES})
    agent.set_fact("untrusted_input", bool(untrusted), "tools[*].type", raw=untrusted or None)
    g, gkey = _guardrail(d)
    agent.set_fact("guardrail", g if g else False, gkey or "guardrail", raw=g)
    refs = summary.connected_refs
    names = [r.get("name") or r.get("id") or "?" for r in refs] or None
    agent.set_fact("connected_agents", len(refs), "tools[type=connected_agent]", raw=names)
    agent.set_fact("coordinator", len(refs) > 0, "tools[type=connected_agent]", raw=names)
    if refs:
        props["connected_agents"] = refs
    if isinstance(d.get("id"), str):
        props["agent_id"] = d["id"]
    summary.flows.set_fact(agent, "tools[*].type")
    all_redacted = [h.redacted for h in scope.hits] + scope.url_hits
    agent.set_fact("hardcoded_secret", bool(all_redacted), "instructions/tools", raw=all_redacted or None)


def _link_connected(out: SourceResult) -> None:
    """`agent runs agent` (and `tool calls agent`) for each connected agent declared in the same scan,
    found by its id, else by its name; an ambiguous or missing one gets no relation."""
    agents = [a for a in out.assets if a.type == "agent" and a.properties.get("platform") == "foundry"]
    by_id: dict[str, list[Asset]] = {}
    by_name: dict[str, list[Asset]] = {}
    for a in agents:
        if isinstance(a.properties.get("agent_id"), str):
            by_id.setdefault(a.properties["agent_id"], []).append(a)
        if isinstance(a.name, str):
            by_name.setdefault(a.name.lower(), []).append(a)
    for a in agents:
        for ref in a.properties.get("connected_agents") or ():
            hits = by_id.get(ref.get("id") or "", []) or by_name.get(str(ref.get("name") or "").lower(), [])
            hits = [h for h in hits if h.uid != a.uid]
            if len(hits) != 1:
                continue
            ref["resolved"] = hits[0].uid
            out.relations.append(Relation(a.uid, "runs", hits[0].uid))
            out.relations.append(Relation(ref["tool"], "calls", hits[0].uid))


# --------------------------------------------------------------------------- the source


#: A CloudFormation template (`AWSTemplateFormatVersion`, `Transform: AWS::Serverless`, or a resource of an
#: `AWS::` type near the top): a Bedrock agent declared in CloudFormation is not a Foundry agent definition.
_CFN_TEMPLATE = re.compile(r"AWSTemplateFormatVersion|Transform:\s*['\"]?AWS::|Type:\s*['\"]?AWS::[A-Za-z0-9]+::")


class FoundryAgentSource:
    """Foundry agent definition files → `agent`, `tool`, `mcp-server`, `secret` assets."""

    name = "foundry-agent"
    fmt = "foundry-agent"

    def claims(self, path: Path) -> bool:
        n = path.name.lower()
        if not n.endswith((".yaml", ".yml", ".json")):
            return False
        stem = n.rsplit(".", 1)[0]
        if stem == "agent" or stem.endswith(".agent"):
            return True
        return any(p.lower() == "agents" for p in path.parts[-4:-1])

    def load(self, files: list[Path], ctx: SourceContext) -> SourceResult:
        out = SourceResult()
        for f in files:
            out.files += 1
            rel = ctx.rel(f)
            text, err = read_text(f, ctx)
            if err:
                out.errors.append(err)
                continue
            with one_file(out.errors, rel, self.name):
                self._one(f, text or "", rel, ctx, out)
        with one_file(out.errors, "<foundry agents>", self.name):
            _link_connected(out)
        return out

    def _one(self, f: Path, text: str, rel: str, ctx: SourceContext, out: SourceResult) -> None:
        kind = "JSON" if f.suffix.lower() == ".json" else "YAML"
        if _CFN_TEMPLATE.search(text[:4096]):
            return  # an `agent.yaml` that is a CloudFormation template (a Bedrock agent): the CloudFormation source's
        try:
            if kind == "JSON":
                docs = [parse_jsonc(text, ctx.limits.depth)]
            else:
                docs = parse_yaml(text, ctx.limits)
        except DocError as exc:
            stem = f.name.lower().rsplit(".", 1)[0]
            if not (stem == "agent" or stem.endswith(".agent")) and "instructions" not in text:
                return  # a file in an `agents` folder that does not even mention instructions: not ours
            if isinstance(exc, (TooDeep, OverBudget)):
                msg = f"{kind} not read: {exc.message}"
            else:
                msg = exc.message if exc.message.startswith("invalid") else f"invalid {kind}: {exc.message}"
            out.errors.append(ScanError(rel, exc.line, msg))
            return
        seen: set[str] = set()
        for doc in docs:
            for agent in _agent_docs(doc):
                try:
                    _read_agent(agent, rel, f, out, seen, self.fmt)
                except Exception as exc:  # noqa: BLE001 - one bad agent must not lose the rest
                    if raise_unexpected():
                        raise
                    out.errors.append(ScanError(rel, start_line(agent, 1),
                                                f"could not read agent definition: {type(exc).__name__}"))
