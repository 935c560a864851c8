"""Agent definitions: Microsoft Foundry agents (JSON/YAML) and Copilot Studio solution exports.

Two sources, both `provider = "code"`:

- `FoundryAgentSource` (`foundry-agent`) reads files that declare a Foundry / Azure AI agent
  (`model`, `instructions`, `tools`, `tool_resources`; the azd/Foundry `agent.yaml` shape with
  `kind: prompt`; the v2 `{"name", "definition": {...}}` shape). Claimed files: `agent.{yaml,yml,json}`,
  `*.agent.{yaml,yml,json}` and YAML/JSON files in a folder named `agents`; files that do not
  declare an agent are skipped silently.
- `CopilotStudioSource` (`copilot-studio`) reads a Dataverse solution export, as the `.zip` or
  as its unpacked folder: `solution.xml`, `customizations.xml` (connection references),
  `bots/<schema>/bot.xml` (authenticationmode, authenticationtrigger, accesscontrolpolicy),
  `bots/<schema>/configuration.json` (generative orchestration), and
  `botcomponents/<schema>/{botcomponent.xml,data}` (topics, tools, MCP tools, knowledge, the GPT
  component with the agent's instructions). Zips are read in memory, never extracted.

Each agent is an `agent` asset; its tools are `tool` assets (`agent runs tool`), MCP tools that
name a server are also `mcp-server` assets (`agent runs mcp-server`, `tool calls mcp-server`),
knowledge sources are `data-source` assets (`agent reads data-source`), and credentials written
in instructions, topics or tool settings are redacted `secret` assets (`holds_key_for`).
Facts are set here (design.md, Code-side assets) and read by `aispm.providers.code.rules.agents`.

Agent risk indicators derived here:

- `plaintext_transport` / `non_standard_port` on the asset that calls an endpoint: an OpenAPI tool
  (its spec's `servers`, or Swagger 2 `host` + `schemes`), a Copilot Studio HTTP request node, a tool
  on a custom connector whose `Connector/<name>_openapidefinition.json` is in the export (and the MCP
  server asset of an MCP tool on such a connector); MCP servers get them from `mcp.server_asset`.
- `coordinator` and `connected_agents` (Foundry `connected_agent` tools; Copilot Studio connected agents,
  `InvokeConnectedAgentTaskAction.botSchemaName`, and child agents, `AgentDialog`). A connected agent
  declared in the same scan gets `agent runs agent` and `tool calls agent` — the connected agent is a
  tool of its coordinator, so the design's `runs` verb is reused. Copilot Studio coordinators also get
  `delegates_to_weak_agent`: a connected agent without user authentication or with maker credentials
  (unknown when it is not in the scan or is an external agent).
- `can_exfiltrate`: the agent reads the organisation's data (file / AI Search / SharePoint / Fabric tools,
  non-public knowledge, connector reads, GET operations) and has an autonomous action that sends data out
  to a destination the model drives (remote MCP servers and OpenAPI operations other than GET that run
  without approval, browser tools, connector sends whose recipient or URL the AI fills). Sends to a
  destination the maker fixed, and tools that ask the user first, are listed in the evidence but do
  not count; a tool whose behaviour is not in the definition (function tools, flows, a URL built at
  run time, an MCP server whose host is a reference) makes the fact unknown when it could complete the pair.
- `published_channels` (Copilot Studio `configuration.json` channels): inventory, no rule.
"""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aispm.model import Asset, Kind, Relation, ScanError
from aispm.source import SourceContext, SourceResult, declared_uid, make_origin, read_text
from aispm.providers.code.mcp import (
    DocError,
    LDict,
    LList,
    SecretHit,
    UrlTransport,
    find_secrets,
    is_remote,
    literal_secrets,
    parse_jsonc,
    parse_yaml,
    scrub,
    secret_asset,
    server_asset,
    set_transport_facts,
    url_transport,
)

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


def _str(v: Any) -> str | None:
    return v if isinstance(v, str) and v.strip() else None


@dataclass
class _Flows:
    """What an agent's tools and knowledge do with data, for `can_exfiltrate`: definite reads and autonomous
    sends, tools that may do either (their behaviour is not in the definition), and sends a human approves."""

    reads: list[str] = field(default_factory=list)
    sends: list[str] = field(default_factory=list)
    maybe_reads: list[str] = field(default_factory=list)
    maybe_sends: list[str] = field(default_factory=list)
    approved: list[str] = field(default_factory=list)
    fixed: list[str] = field(default_factory=list)  # sends to a destination the maker fixed: not counted

    def verdict(self) -> bool | None:
        if self.reads and self.sends:
            return True
        if (self.reads or self.maybe_reads) and (self.sends or self.maybe_sends):
            return None
        return False

    def set_fact(self, agent: Asset, path: str) -> None:
        v = self.verdict()
        raw = {k: sorted(set(getattr(self, k))) for k in ("reads", "sends", "maybe_reads", "maybe_sends", "approved",
                                                          "fixed") if getattr(self, k)}
        if v is True:
            note = "reads data and can send data out without a human in the loop"
        elif v is None:
            note = "a tool whose behaviour is not in the definition may complete a read-and-send pair"
        elif self.reads:
            note = "reads data but has no autonomous action that sends data out"
        else:
            note = "reads none of the organisation's data"
        agent.set_fact("can_exfiltrate", v, path, raw=raw or None, note=note)


def _load_spec(spec: Any) -> dict | None:
    """An inline OpenAPI / Swagger document (a mapping, or JSON / YAML text), or None."""
    if isinstance(spec, str):
        try:
            spec = parse_jsonc(spec)
        except DocError:
            try:
                docs = parse_yaml(spec)
                spec = docs[0] if len(docs) == 1 else None
            except DocError:
                spec = None
    return spec if isinstance(spec, dict) else None


_HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_READ_METHODS = frozenset({"get", "head", "options"})


def _openapi_methods(spec: dict) -> dict[str, str]:
    """operationId (or `METHOD path`) → HTTP method, for every operation of a spec."""
    out: dict[str, str] = {}
    paths = spec.get("paths") if isinstance(spec.get("paths"), dict) else {}
    for path, item in paths.items():
        if not isinstance(item, dict):
            continue
        for method in _HTTP_METHODS:
            op = item.get(method)
            if isinstance(op, dict):
                out[str(op.get("operationId") or f"{method.upper()} {path}")] = method
    return out


def _openapi_flow(spec: Any, name: str, flows: _Flows) -> None:
    """An OpenAPI tool reads with its GET operations and sends data out with the others (POST, PUT, …);
    when the spec is not inline, it may do either."""
    doc = _load_spec(spec)
    if doc is None:
        flows.maybe_reads.append(f"{name} (openapi: spec not inline)")
        flows.maybe_sends.append(f"{name} (openapi: spec not inline)")
        return
    methods = _openapi_methods(doc)
    reads = sorted(op for op, m in methods.items() if m in _READ_METHODS)
    sends = sorted(op for op, m in methods.items() if m not in _READ_METHODS)
    if reads:
        flows.reads.append(f"{name} (openapi: {', '.join(reads)})")
    if sends:
        flows.sends.append(f"{name} (openapi: {', '.join(sends)})")


def _openapi_transports(spec: Any, where: str) -> list[tuple[str, UrlTransport]]:
    """The server URLs an OpenAPI 3 or Swagger 2 document names, judged by `url_transport`; an unknown
    transport when the spec is not inline or names no absolute server."""
    spec = _load_spec(spec)
    if not isinstance(spec, dict):
        return [(where, UrlTransport(None, None, None, "the OpenAPI spec is not inline: its servers are unknown"))]
    if isinstance(spec.get("swagger"), str) or "host" in spec:  # Swagger 2 (Power Platform custom connectors)
        host = _str(spec.get("host"))
        if not host:
            return [(where, UrlTransport(None, None, None, "the spec names no host"))]
        schemes = [str(x).lower() for x in spec.get("schemes") or [] if isinstance(x, str)]
        if not schemes:
            return [(where, UrlTransport(None, None, None, "the spec names no scheme: it is the one the spec is "
                                                           "served over"))]
        base = spec.get("basePath") if isinstance(spec.get("basePath"), str) else "/"
        return [(where, url_transport(f"{sc}://{host}{base}")) for sc in schemes]
    servers = [x for x in spec.get("servers") or [] if isinstance(x, dict) and isinstance(x.get("url"), str)]
    if not servers:
        return [(where, UrlTransport(None, None, None, "the spec names no server: its URL is relative to where the "
                                                       "spec is served"))]
    out = []
    for srv in servers:
        url = srv["url"]
        variables = srv.get("variables") if isinstance(srv.get("variables"), dict) else {}
        for name, var in variables.items():  # a server variable's default is what the spec says is used
            if isinstance(var, dict) and isinstance(var.get("default"), (str, int)):
                url = url.replace("{" + str(name) + "}", str(var["default"]))
        if re.search(r"\{[^}]*\}", url):
            out.append((where, UrlTransport(None, None, None, "a server variable without a default")))
        else:
            out.append((where, url_transport(url)))
    return out


def _line(d: Any, key: str, default: int) -> int:
    return d.line_of(key) if isinstance(d, LDict) else default


def _dline(d: Any, default: int) -> int:
    return d.line if isinstance(d, (LDict, LList)) else default


# ============================================================================================
# Foundry agent definitions
# ============================================================================================


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
                name = _str(v.get("name")) or _str(v.get("policy")) or _str(v.get("rai_policy_name"))
                return name or json.dumps(v, sort_keys=True)[:80], k
            if isinstance(v, list) and v:
                first = v[0]
                return (_str(first.get("name")) if isinstance(first, dict) else str(first)) or k, k
    return None, None


def _tool_type(t: dict) -> str:
    return str(t.get("type") or t.get("kind") or "unknown").lower()


def _tool_name(t: dict, ttype: str, i: int) -> str:
    sub = t.get(ttype) if isinstance(t.get(ttype), dict) else {}
    for cand in (t.get("server_label"), t.get("name"), sub.get("name"), sub.get("server_label")):
        if isinstance(cand, str) and cand.strip():
            return cand
    return f"{ttype}[{i}]"


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
        return None, f"unrecognised value {v!r}"
    if isinstance(v, dict):
        never = v.get("never")
        if isinstance(never, dict):
            names = never.get("tool_names") or never.get("toolNames")
            if names:
                return False, f"`never` for {', '.join(map(str, names))}"
        if never:
            return False, "`never` for some tools"
        return True, "approval per tool, none set to `never`"
    return None, f"unrecognised value {v!r}"


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
            try:
                if f.suffix.lower() == ".json":
                    docs = [parse_jsonc(text or "")]
                else:
                    docs = parse_yaml(text or "")
            except DocError as exc:
                stem = f.name.lower().rsplit(".", 1)[0]
                if not (stem == "agent" or stem.endswith(".agent")) and "instructions" not in (text or ""):
                    continue  # a file in an `agents` folder that does not even mention instructions: not ours
                kind = "JSON" if f.suffix.lower() == ".json" else "YAML"
                msg = exc.message if exc.message.startswith("invalid") else f"invalid {kind}: {exc.message}"
                out.errors.append(ScanError(rel, exc.line, msg))
                continue
            seen: set[str] = set()
            for doc in docs:
                for agent in _agent_docs(doc):
                    try:
                        self._agent(agent, rel, f, out, seen)
                    except Exception as exc:  # noqa: BLE001 - one bad agent must not lose the rest
                        out.errors.append(ScanError(rel, _dline(agent, 1),
                                                    f"could not read agent definition: {type(exc).__name__}: {exc}"))
        _link_foundry_connected(out)
        return out

    def _agent(self, d: LDict, rel: str, path: Path, out: SourceResult, seen: set[str]) -> None:
        outer = d
        if isinstance(d.get("definition"), dict):
            inner = d["definition"]
            d = LDict({**inner, **{k: v for k, v in outer.items() if k != "definition" and k not in inner}})
            d.line = outer.line
            d.key_lines = {**outer.key_lines, **getattr(inner, "key_lines", {})}
        name = _str(d.get("name")) or _str(d.get("id")) or path.name.split(".")[0]
        address = name
        n = 2
        while address in seen:
            address = f"{name}#{n}"
            n += 1
        seen.add(address)
        fmt = self.fmt
        uid = declared_uid(fmt, rel, address)
        line = _dline(outer, 1)

        instructions = d.get("instructions")
        instr_text = instructions if isinstance(instructions, str) else ""
        hits_all: list[SecretHit] = []
        url_hits_all: list[str] = []

        def secrets_in(text: str, where: str, at: int, holder: str, name_hint: str | None = None) -> list[SecretHit]:
            hits = literal_secrets(text, name_hint) if name_hint else find_secrets(text)
            for i, h in enumerate(hits):
                a, r = secret_asset(fmt, rel, at, f"{address}:{where}" + (f"#{i}" if i else ""), h, where, holder)
                out.assets.append(a)
                out.relations.append(r)
            hits_all.extend(hits)
            return hits

        instr_hits = secrets_in(instr_text, "instructions", _line(d, "instructions", line), uid) if instr_text else []
        model = _model_name(d.get("model"))
        props: dict[str, Any] = {
            "platform": "foundry",
            "kind": d.get("kind"),
            "model": model,
            "description": d.get("description"),
            "instructions": scrub(instr_text, instr_hits) if instr_text else None,
        }
        agent = Asset(uid=uid, provider="code", type="agent", name=name, kind=Kind.AGENT,
                      origin=make_origin(fmt, rel, line, address), properties=props)
        out.assets.append(agent)

        tools = d.get("tools") if isinstance(d.get("tools"), list) else []
        resources = d.get("tool_resources") if isinstance(d.get("tool_resources"), dict) else {}
        mcp_res = {}
        if isinstance(resources.get("mcp"), list):
            for r in resources["mcp"]:
                if isinstance(r, dict) and isinstance(r.get("server_label"), str):
                    mcp_res[r["server_label"]] = r
        tool_types: list[str] = []
        approvals: list[tuple[bool | None, str]] = []
        connected = 0
        connected_refs: list[dict[str, Any]] = []
        flows = _Flows()
        for i, t in enumerate(tools):
            if isinstance(t, str):
                t = {"type": t}
            if not isinstance(t, dict):
                continue
            ttype = _tool_type(t)
            tool_types.append(ttype)
            tname = _tool_name(t, ttype, i)
            tline = tools.item_lines[i] if isinstance(tools, LList) and i < len(tools.item_lines) else line
            tuid = declared_uid(fmt, rel, f"{address}/tools/{tname}")
            sub = t.get(ttype) if isinstance(t.get(ttype), dict) else {}
            cfg = {**sub, **{k: v for k, v in t.items() if k != ttype}}
            if ttype == "mcp":
                label = cfg.get("server_label")
                if isinstance(label, str) and label in mcp_res:
                    cfg = {**mcp_res[label], **cfg} if "require_approval" in cfg else {**cfg, **mcp_res[label]}
            tprops = {"tool_type": ttype, "agent": uid}
            for k in ("server_label", "server_url", "require_approval", "allowed_tools", "description", "id",
                      "connection_id", "project_connection_id"):
                if k in cfg:
                    tprops[k] = cfg[k]
            tool = Asset(uid=tuid, provider="code", type="tool", name=tname, kind=Kind.TOOL,
                         origin=make_origin(fmt, rel, tline, f"{address}/tools/{tname}"), properties=tprops,
                         parent=uid)
            tool.set_fact("tool_type", ttype, f"tools[{i}].type", raw=ttype)
            tool.set_fact("platform", "foundry", "file")
            tool_hits: list[SecretHit] = []
            headers = cfg.get("headers") if isinstance(cfg.get("headers"), dict) else {}
            for hk, hv in headers.items():
                if isinstance(hv, str):
                    tool_hits += secrets_in(hv, f"tools/{tname}/headers.{hk}", _line(headers, hk, tline), tuid, str(hk))
            auth = cfg.get("auth") if isinstance(cfg.get("auth"), dict) else {}
            for ak, av in auth.items():
                if isinstance(av, str) and ak.lower() not in ("type",):
                    tool_hits += secrets_in(av, f"tools/{tname}/auth.{ak}", _line(auth, ak, tline), tuid, str(ak))
            if headers:
                tprops["header_names"] = sorted(map(str, headers))
            url_secrets: list[str] = []
            out.assets.append(tool)
            out.relations.append(Relation(uid, "runs", tuid))
            srv_remote: bool | None = None
            if ttype == "mcp":
                ok, why = _approval(cfg.get("require_approval"))
                approvals.append((ok, f"{tname}: {why}"))
                tool.set_fact("tool_requires_approval", ok, f"tools[{i}].require_approval",
                              raw=cfg.get("require_approval"), note=why)
                allowed = cfg.get("allowed_tools")
                tool.set_fact("allowed_tools_configured", bool(allowed) and isinstance(allowed, list),
                              f"tools[{i}].allowed_tools", raw=allowed)
                url = _str(cfg.get("server_url"))
                if url:
                    srv_cfg = {"type": "http", "url": url, "headers": headers}
                    for k in ("project_connection_id", "authorization", "oauth"):
                        if cfg.get(k):
                            srv_cfg[k] = cfg[k]
                    srv, _secrets, _rels = server_asset(fmt, rel, tline, str(cfg.get("server_label") or tname),
                                                        srv_cfg, address=f"{address}/mcp/{tname}")
                    srv.parent = uid
                    srv_remote = srv.facts.get("remote")
                    tprops["server_url"] = srv.properties.get("url")  # scrubbed of credentials
                    for sa, sr in zip(_secrets, _rels):
                        if sa.properties.get("location") == "url":  # header secrets are reported on the tool
                            out.assets.append(sa)
                            out.relations.append(sr)
                            url_secrets.append(sa.properties["redacted"])
                    # the header secrets are already reported against the tool
                    srv.set_fact("hardcoded_secret", bool(tool_hits or url_secrets), f"tools[{i}].headers/server_url",
                                 raw=[h.redacted for h in tool_hits] + url_secrets or None)
                    out.assets.append(srv)
                    out.relations.append(Relation(uid, "runs", srv.uid))
                    out.relations.append(Relation(tuid, "calls", srv.uid))
            redacted = [h.redacted for h in tool_hits] + url_secrets
            tool.set_fact("hardcoded_secret", bool(redacted), f"tools[{i}]", raw=redacted or None)
            url_hits_all.extend(url_secrets)
            if ttype == "connected_agent":
                connected += 1
                if not (_str(cfg.get("description"))):
                    tool.set_fact("invocation_instructions", False, f"tools[{i}].description")
                else:
                    tool.set_fact("invocation_instructions", True, f"tools[{i}].description")
                ref = {k: cfg[k] for k in ("id", "name") if _str(cfg.get(k))}
                connected_refs.append({**ref, "tool": tuid})
            if ttype == "openapi":
                spec = next((cfg[k] for k in ("spec", "specification", "openapi_spec") if k in cfg), None)
                set_transport_facts(tool, _openapi_transports(spec, tname), f"tools[{i}].openapi.spec servers")
                _openapi_flow(spec, tname, flows)
            elif ttype == "code_interpreter":
                ci = resources.get("code_interpreter") if isinstance(resources.get("code_interpreter"), dict) else {}
                files = ci.get("file_ids") or ci.get("files") or cfg.get("file_ids")
                if files:
                    flows.reads.append(f"{tname} (code_interpreter over uploaded files)")
            elif ttype == "mcp":
                approved = tool.facts.get("tool_requires_approval")
                label = f"{tname} (MCP server {tprops.get('server_url') or cfg.get('server_label') or '?'})"
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
            elif ttype not in NEUTRAL_TOOL_TYPES and ttype != "openapi":
                flows.maybe_reads.append(f"{tname} ({ttype}: what it does is not in the definition)")
                flows.maybe_sends.append(f"{tname} ({ttype}: what it does is not in the definition)")

        props["tools"] = tool_types
        il = len(instr_text.strip())
        agent.set_fact("platform", "foundry", "file")
        agent.set_fact("instructions_length", il, "instructions", raw=il,
                       note=None if instructions is not None else "no instructions declared")
        agent.set_fact("model", model, "model", raw=d.get("model") if isinstance(d.get("model"), str) else model)
        mcp_count = tool_types.count("mcp")
        agent.set_fact("mcp_tools", mcp_count, "tools[*].type")
        if approvals:
            if any(a is False for a, _ in approvals):
                verdict: bool | None = False
            elif any(a is None for a, _ in approvals):
                verdict = None
            else:
                verdict = True
            agent.set_fact("tools_require_approval", verdict, "tools[type=mcp].require_approval",
                           raw=[w for _, w in approvals])
        else:
            agent.set_fact("tools_require_approval", None, "tools", note="no MCP tools")
        untrusted = sorted({t for t in tool_types if t in UNTRUSTED_TOOL_TYPES})
        agent.set_fact("untrusted_input", bool(untrusted), "tools[*].type", raw=untrusted or None)
        g, gkey = _guardrail(d)
        agent.set_fact("guardrail", g if g else False, gkey or "guardrail", raw=g)
        agent.set_fact("connected_agents", connected, "tools[type=connected_agent]",
                       raw=[r.get("name") or r.get("id") or "?" for r in connected_refs] or None)
        agent.set_fact("coordinator", connected > 0, "tools[type=connected_agent]",
                       raw=[r.get("name") or r.get("id") or "?" for r in connected_refs] or None)
        if connected_refs:
            props["connected_agents"] = connected_refs
        if isinstance(d.get("id"), str):
            props["agent_id"] = d["id"]
        flows.set_fact(agent, "tools[*].type")
        all_redacted = [h.redacted for h in hits_all] + url_hits_all
        agent.set_fact("hardcoded_secret", bool(all_redacted), "instructions/tools", raw=all_redacted or None)


def _link_foundry_connected(out: SourceResult) -> None:
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


# ============================================================================================
# Copilot Studio solution exports
# ============================================================================================

MAX_ZIP_TOTAL = 200 * 1024 * 1024
MAX_ZIP_ENTRIES = 20000
MAX_RATIO = 200  # uncompressed / compressed, above 1 MB

ACCESS_POLICY = {0: "Any", 1: "Copilot readers", 2: "Group membership", 3: "Any (multitenant)"}
AUTH_MODE = {0: "Unspecified", 1: "None", 2: "Integrated", 3: "Custom Entra ID", 4: "Generic OAuth2"}
AUTH_TRIGGER = {0: "As Needed", 1: "Always"}
_AUTH_MODE_NAMES = {"unspecified": 0, "none": 1, "noauthentication": 1, "integrated": 2, "microsoft": 2,
                    "custom": 3, "customentraid": 3, "manual": 3, "genericoauth2": 4, "oauth2": 4}
_POLICY_NAMES = {"any": 0, "copilotreaders": 1, "agentreaders": 1, "groupmembership": 2, "anymultitenant": 3,
                 "any(multitenant)": 3, "multitenant": 3}


class ExportError(Exception):
    pass


@dataclass
class _Tree:
    """The files of one solution export, zip or folder, by path relative to its root."""

    label: str  # file shown in origins: the zip, or the folder relative to the target
    files: dict[str, bytes] = field(default_factory=dict)
    in_zip: bool = False
    base: str = ""  # for folders: prefix that turns a tree path into a path relative to the target

    def find(self, *names: str) -> str | None:
        want = {n.lower() for n in names}
        for p in self.files:
            if p.lower() in want:
                return p
        return None

    def origin_file(self, path: str) -> str:
        return self.label if self.in_zip else (f"{self.base}/{path}" if self.base else path)

    def address(self, path: str, what: str) -> str:
        return f"{path}:{what}" if self.in_zip else what


def _safe_entry(name: str) -> str | None:
    """Why an entry name is refused (absolute, drive, `..`), or None."""
    n = name.replace("\\", "/")
    if n.startswith("/") or re.match(r"^[A-Za-z]:", n):
        return "absolute path"
    if any(part == ".." for part in n.split("/")):
        return "path escapes the archive (`..`)"
    return None


_WANTED = re.compile(r"(?i)(?:^|/)(?:solution\.xml|customizations\.xml|bot\.xml|configuration\.json|"
                     r"botcomponent\.xml|data|[^/]+\.ya?ml|[^/]+\.json)$")


def read_zip(data: bytes, label: str, errors: list[ScanError], max_total: int = MAX_ZIP_TOTAL) -> _Tree | None:
    """Read the entries of a solution zip that matter, in memory, refusing zip slips and bombs."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        errors.append(ScanError(label, None, f"not a valid zip archive: {exc}"))
        return None
    except Exception as exc:  # noqa: BLE001 - zipfile raises a zoo of errors on garbage
        errors.append(ScanError(label, None, f"not a valid zip archive: {type(exc).__name__}: {exc}"))
        return None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_ZIP_ENTRIES:
            errors.append(ScanError(label, None, f"zip has {len(infos)} entries, over the {MAX_ZIP_ENTRIES} limit; "
                                                 "skipped (possible zip bomb)"))
            return None
        total = sum(i.file_size for i in infos)
        if total > max_total:
            errors.append(ScanError(label, None, f"zip expands to {total / 1048576:.0f} MB, over the "
                                                 f"{max_total / 1048576:.0f} MB limit; skipped (possible zip bomb)"))
            return None
        names = {i.filename.replace("\\", "/").lower() for i in infos}
        if not any(n.endswith(("solution.xml", "bot.xml", "botcomponent.xml")) or n.startswith(("bots/", "botcomponents/"))
                   for n in names):
            return _Tree(label, {}, in_zip=True)  # some other zip: not ours
        tree = _Tree(label, {}, in_zip=True)
        budget = max_total
        for info in infos:
            name = info.filename
            if info.is_dir():
                continue
            why = _safe_entry(name)
            if why:
                errors.append(ScanError(label, None, f"zip entry {name!r} refused: {why}"))
                continue
            if not _WANTED.search(name.replace("\\", "/")):
                continue
            if info.flag_bits & 0x1:
                errors.append(ScanError(label, None, f"zip entry {name!r} is encrypted; skipped"))
                continue
            if info.file_size > 1024 * 1024 and info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
                errors.append(ScanError(label, None, f"zip entry {name!r} expands {info.file_size // max(info.compress_size, 1)}"
                                                     f"-fold; skipped (possible zip bomb)"))
                continue
            try:
                with zf.open(info) as fh:
                    body = fh.read(min(info.file_size, budget) + 1)
            except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError,
                    RuntimeError, ValueError) as exc:
                errors.append(ScanError(label, None, f"zip entry {name!r} cannot be read: {exc}"))
                continue
            except Exception as exc:  # noqa: BLE001 - e.g. zlib.error on a corrupt stream
                errors.append(ScanError(label, None, f"zip entry {name!r} cannot be read: {type(exc).__name__}: {exc}"))
                continue
            if len(body) > info.file_size or len(body) > budget:
                errors.append(ScanError(label, None, f"zip entry {name!r} is larger than its header says; "
                                                     "skipped (possible zip bomb)"))
                continue
            budget -= len(body)
            tree.files[name.replace("\\", "/")] = body
        return tree


def _xml(body: bytes, where: str, label: str, errors: list[ScanError]) -> ET.Element | None:
    if b"<!DOCTYPE" in body or b"<!ENTITY" in body:
        errors.append(ScanError(label, None, f"{where}: XML with a DTD or entities refused (exports have none)"))
        return None
    try:
        return ET.fromstring(body)
    except ET.ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        errors.append(ScanError(label, line, f"{where}: invalid XML: {exc}"))
        return None


def _text(el: ET.Element | None, tag: str) -> str | None:
    if el is None:
        return None
    for child in el:
        if child.tag.lower() == tag.lower():
            return (child.text or "").strip()
    return None


def _line_of(body: bytes, needle: str) -> int:
    i = body.find(needle.encode())
    return body[:i].count(b"\n") + 1 if i >= 0 else 1


def _code(value: Any, names: dict[str, int]) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    s = str(value).strip()
    if s.isdigit():
        return int(s)
    return names.get(re.sub(r"[\s_\-]", "", s.lower()))


def _walk(node: Any, path: str = ""):
    if isinstance(node, dict):
        yield path, node
        for k, v in node.items():
            yield from _walk(v, f"{path}.{k}" if path else str(k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _walk(v, f"{path}[{i}]")


def _kind(d: Any) -> str:
    if not isinstance(d, dict):
        return ""
    return str(d.get("kind") or d.get("$kind") or "")


def _maker_mode(action: dict) -> tuple[bool | None, str | None]:
    """Maester MT.1118: a connection reference without `mode: Invoker` runs with the maker's connection."""
    if not _str(action.get("connectionReference")) and not _str(action.get("connectionReferenceLogicalName")):
        return None, None
    props = action.get("connectionProperties") if isinstance(action.get("connectionProperties"), dict) else {}
    mode = props.get("mode") or action.get("authMode") or props.get("authMode")
    if isinstance(mode, str) and mode.lower() == "invoker":
        return False, "Invoker"
    return True, mode if isinstance(mode, str) else None


def _norm_name(s: str) -> str:
    return re.sub(r"[^a-z0-9]", "", s.lower().replace("_5f", "_").replace("-5f", "_"))


@dataclass
class _Api:
    """A custom connector's definition: its endpoints and the HTTP method of each operation."""

    transports: list[tuple[str, UrlTransport]]
    methods: dict[str, str]


def _custom_connector_endpoints(tree: _Tree, connrefs: dict[str, str], custom_ids: dict[str, str],
                                connectors: list[tuple[str, str, str]], errs: list[ScanError]) -> dict[str, _Api]:
    """Connection reference → the custom connector it uses, from the connector's
    `Connector/<name>_openapidefinition.json` in the export (Swagger 2: `host`, `schemes`, `paths`).
    Standard connectors, and custom connectors whose definition is not in the export, are left out."""
    defs: dict[str, _Api] = {}  # connector GUID or name → definition
    names: dict[str, str] = {}  # normalised name → key
    for name, guid, path in connectors:
        rel = path.strip().lstrip("/")
        fp = tree.find(rel) if rel else None
        if fp is None and name:
            fp = next((p for p in tree.files if p.lower().endswith(f"/{name.lower()}_openapidefinition.json")
                       or p.lower() == f"{name.lower()}_openapidefinition.json"), None)
        if fp is None:
            continue
        try:
            spec = parse_jsonc(tree.files[fp].decode("utf-8-sig"))
        except UnicodeDecodeError:
            errs.append(ScanError(tree.origin_file(fp), None, f"{fp}: not UTF-8"))
            continue
        except DocError as exc:
            errs.append(ScanError(tree.origin_file(fp), exc.line, f"{fp}: invalid JSON: {exc.message}"))
            continue
        key = guid.strip("{}").lower() or name.lower()
        defs[key] = _Api(_openapi_transports(spec, f"custom connector {name or guid}"),
                         _openapi_methods(spec) if isinstance(spec, dict) else {})
        if name:
            names[_norm_name(name)] = key
    out: dict[str, _Api] = {}
    for ref, connector_id in connrefs.items():
        key = custom_ids.get(ref, "").strip("{}").lower()
        if key not in defs:
            last = _norm_name(connector_id.rsplit("/", 1)[-1])
            matches = {k for n, k in names.items() if n and n in last}
            key = next(iter(matches)) if len(matches) == 1 else ""
        if key in defs:
            out[ref] = defs[key]
    return out


_READ_OP = re.compile(r"(?i)^(?:get|list|search|find|read|query|retrieve|lookup|fetch|download|export)|profile")
_SEND_OP = re.compile(r"(?i)^(?:send|post|forward|reply|share|publish|notify|invokehttp|httprequest)|sendemail|"
                      r"sendmail|sendmessage|postmessage|httprequest")
_SEND_CONNECTORS = re.compile(r"(?i)(?:sendmail|smtp|sendgrid|webcontents|twilio|/shared_http$)")


_DESTINATION_INPUT = re.compile(r"(?i)^(?:to|cc|bcc|recipients?|.*email.*|.*address.*|url|uri|destination|webhook.*|"
                                r"channel.*|chat.*|conversation.*|phone.*|location)$")


def _fixed_destination(data: dict) -> bool:
    """Whether a connector tool's destination inputs (To, recipient, URL, channel, …) are all set by the
    maker (`ManualTaskInput` with a literal value): Maester MT.1116 and Defender's hunting query flag the
    ones the AI fills. An input the tool does not list is filled by the AI."""
    inputs = data.get("inputs") if isinstance(data.get("inputs"), list) else []
    dest = [i for i in inputs if isinstance(i, dict)
            and _DESTINATION_INPUT.match(str(i.get("propertyName") or "").strip("'\""))]
    if not dest:
        return False
    return all(_kind(i) == "ManualTaskInput" and isinstance(i.get("value"), str) and i["value"].strip()
               and not i["value"].lstrip().startswith("=") for i in dest)


def _connector_flow(op: str | None, connector: str, method: str | None = None) -> str | None:
    """A connector operation → "read", "send" or None (neither, as far as its id says). For a custom
    connector whose definition is in the export, the operation's HTTP method decides: GET reads, the
    others send data to the connector's API."""
    if method:
        return "read" if method in _READ_METHODS else "send"
    op = op or ""
    if _SEND_OP.search(op) or _SEND_CONNECTORS.search(connector):
        return "send"
    if _READ_OP.search(op):
        return "read"
    return None


def _link_copilot_connected(out: SourceResult) -> None:
    """Connected agents (`InvokeConnectedAgentTaskAction.botSchemaName`) found among the agents of the
    scanned exports: `agent runs agent`, `tool calls agent`, and the coordinator's `delegates_to_weak_agent`
    — whether one of them runs without user authentication or on maker credentials. Unknown when one of
    them is not in the scan, is an external agent, or its own settings are unknown. Child agents are parts of
    the coordinator itself (its own settings): they make it a coordinator but are not judged here."""
    agents = [a for a in out.assets if a.type == "agent" and a.properties.get("platform") == "copilot-studio"]
    by_schema: dict[str, list[Asset]] = {}
    for a in agents:
        if isinstance(a.properties.get("schema_name"), str):
            by_schema.setdefault(a.properties["schema_name"].lower(), []).append(a)
    for a in agents:
        refs = a.properties.get("connected_agents") or []
        if not refs:
            continue
        weak: list[str] = []
        unknown: list[str] = []
        fine: list[str] = []
        for ref in refs:
            label = ref.get("schema") or ref.get("name") or "?"
            hits = [h for h in by_schema.get(str(ref.get("schema") or "").lower(), []) if h.uid != a.uid]
            if ref.get("external"):
                unknown.append(f"{label}: an external agent, its settings are not in the export")
                continue
            if len(hits) != 1:
                unknown.append(f"{label}: " + ("not in the scanned exports" if not hits else "ambiguous schema name"))
                continue
            target = hits[0]
            ref["resolved"] = target.uid
            out.relations.append(Relation(a.uid, "runs", target.uid))
            out.relations.append(Relation(ref["tool"], "calls", target.uid))
            tf = target.facts
            why = []
            if tf.get("user_authentication") is False:
                why.append("no user authentication")
            if tf.get("maker_credentials") is True:
                ev = target.evidence.get("maker_credentials")
                tools = ev.value if ev is not None and isinstance(ev.value, list) else []
                why.append("maker credentials" + (f" ({', '.join(map(str, tools))})" if tools else ""))
            if why:
                weak.append(f"{label}: " + "; ".join(why))
            elif tf.get("user_authentication") is None or tf.get("maker_credentials") is None:
                unknown.append(f"{label}: its authentication or credential mode is not in the export")
            else:
                fine.append(f"{label}: user authentication, end-user credentials")
        verdict = True if weak else (None if unknown else False)
        a.set_fact("delegates_to_weak_agent", verdict, "connected agents' bot.xml and tools",
                   raw=weak + unknown + fine,
                   note="a connected agent runs without user authentication or on the maker's credentials" if weak
                   else None)


@dataclass
class _Bot:
    schema: str
    path: str | None = None  # bot.xml path in the tree
    body: bytes = b""
    element: ET.Element | None = None
    config: dict | None = None
    config_path: str | None = None
    components: list[tuple[str, str, ET.Element | None, str | None]] = field(default_factory=list)


class CopilotStudioSource:
    """Copilot Studio solution exports (zip or unpacked) → agents, tools, knowledge, MCP servers, secrets."""

    name = "copilot-studio"
    fmt = "copilot-studio"

    def __init__(self, max_zip_total: int = MAX_ZIP_TOTAL) -> None:
        self.max_zip_total = max_zip_total

    def claims(self, path: Path) -> bool:
        n = path.name.lower()
        if n.endswith(".zip"):
            return True
        if n in ("solution.xml", "customizations.xml"):
            return True
        parts = [p.lower() for p in path.parts[-3:-1]]
        if len(parts) == 2 and parts[0] == "bots" and n in ("bot.xml", "configuration.json"):
            return True
        if len(parts) == 2 and parts[1] in ("connector", "connectors") and n.endswith("_openapidefinition.json"):
            return True
        return len(parts) == 2 and parts[0] == "botcomponents" and n in ("botcomponent.xml", "data", "data.yaml",
                                                                          "data.yml")

    def load(self, files: list[Path], ctx: SourceContext) -> SourceResult:
        out = SourceResult()
        folders: dict[Path, list[Path]] = {}
        for f in files:
            if f.name.lower().endswith(".zip"):
                out.files += 1
                self._zip(f, ctx, out)
                continue
            folders.setdefault(self._root_of(f), []).append(f)
        for root, members in sorted(folders.items()):
            tree = _Tree(label=ctx.rel(root), in_zip=False)
            tree.base = "" if tree.label == "." else tree.label
            for m in members:
                out.files += 1
                try:
                    size = m.stat().st_size
                    if size > ctx.max_file_size:
                        out.errors.append(ScanError(ctx.rel(m), None, "file skipped: over the size limit"))
                        continue
                    tree.files[Path(m).relative_to(root).as_posix()] = m.read_bytes()
                except OSError as exc:
                    out.errors.append(ScanError(ctx.rel(m), None, f"cannot read file: {exc.strerror or exc}"))
            self._solution(tree, out)
        _link_copilot_connected(out)
        return out

    @staticmethod
    def _root_of(f: Path) -> Path:
        n = f.name.lower()
        parts = [p.lower() for p in f.parts]
        if n in ("solution.xml", "customizations.xml"):
            return f.parent.parent if f.parent.name.lower() == "other" else f.parent
        if len(parts) >= 2 and parts[-2] in ("connector", "connectors") and n.endswith("_openapidefinition.json"):
            return f.parent.parent
        for anchor in ("bots", "botcomponents"):
            if anchor in parts[:-1]:
                idx = len(parts) - 1 - parts[:-1][::-1].index(anchor) - 1
                return Path(*f.parts[:idx]) if idx > 0 else Path(f.anchor or ".")
        return f.parent

    def _zip(self, f: Path, ctx: SourceContext, out: SourceResult) -> None:
        rel = ctx.rel(f)
        try:
            size = f.stat().st_size
            if size > ctx.max_file_size:
                out.errors.append(ScanError(rel, None, f"file skipped: {size / 1048576:.1f} MB is over the "
                                                       f"{ctx.max_file_size / 1048576:.0f} MB limit"))
                return
            data = f.read_bytes()
        except OSError as exc:
            out.errors.append(ScanError(rel, None, f"cannot read file: {exc.strerror or exc}"))
            return
        tree = read_zip(data, rel, out.errors, self.max_zip_total)
        if tree is not None and tree.files:
            self._solution(tree, out)

    # ---------------------------------------------------------------------------------------

    def _solution(self, tree: _Tree, out: SourceResult) -> None:
        try:
            self._solution_inner(tree, out)
        except Exception as exc:  # noqa: BLE001 - a bug on one export must not lose the scan
            out.errors.append(ScanError(tree.label, None, f"could not read Copilot Studio export: "
                                                          f"{type(exc).__name__}: {exc}"))

    def _solution_inner(self, tree: _Tree, out: SourceResult) -> None:
        errs = out.errors
        solution_name = None
        sp = tree.find("solution.xml", "Other/Solution.xml")
        if sp:
            root = _xml(tree.files[sp], sp, tree.origin_file(sp), errs)
            if root is not None:
                man = root.find("SolutionManifest")
                solution_name = _text(man, "UniqueName")
        connrefs: dict[str, str] = {}
        custom_ids: dict[str, str] = {}  # connection reference → custom connector GUID
        connectors: list[tuple[str, str, str]] = []  # custom connectors: (name, GUID, openapidefinition path)
        cp = tree.find("customizations.xml", "Other/Customizations.xml")
        inline_bots: dict[str, ET.Element] = {}
        if cp:
            root = _xml(tree.files[cp], cp, tree.origin_file(cp), errs)
            if root is not None:
                for cr in root.iter():
                    if cr.tag.lower() == "connectionreference":
                        logical = cr.get("connectionreferencelogicalname") or _text(cr, "connectionreferencelogicalname")
                        if logical:
                            connrefs[logical] = _text(cr, "connectorid") or ""
                            cc = next((c for c in cr if c.tag.lower() == "customconnectorid"), None)
                            if cc is not None and _text(cc, "connectorid"):
                                custom_ids[logical] = _text(cc, "connectorid") or ""
                    elif cr.tag.lower() == "connector":
                        connectors.append((_text(cr, "name") or "", _text(cr, "connectorid") or "",
                                           _text(cr, "openapidefinition") or ""))
                    elif cr.tag.lower() == "bot" and cr.get("schemaname"):
                        inline_bots[cr.get("schemaname")] = cr
        endpoints = _custom_connector_endpoints(tree, connrefs, custom_ids, connectors, errs)

        bots: dict[str, _Bot] = {}
        for p in sorted(tree.files):
            parts = p.split("/")
            low = [x.lower() for x in parts]
            if len(parts) >= 3 and low[-3] == "bots" and low[-1] == "bot.xml":
                b = bots.setdefault(parts[-2], _Bot(parts[-2]))
                b.path, b.body = p, tree.files[p]
                b.element = _xml(b.body, p, tree.origin_file(p), errs)
                if b.element is not None and b.element.get("schemaname"):
                    if b.element.get("schemaname") != b.schema:
                        bots[b.element.get("schemaname")] = bots.pop(b.schema)
                        b.schema = b.element.get("schemaname")
            elif len(parts) >= 3 and low[-3] == "bots" and low[-1] == "configuration.json":
                b = bots.setdefault(parts[-2], _Bot(parts[-2]))
                try:
                    cfg = parse_jsonc(tree.files[p].decode("utf-8-sig"))
                    b.config, b.config_path = (cfg if isinstance(cfg, dict) else None), p
                except UnicodeDecodeError:
                    errs.append(ScanError(tree.origin_file(p), None, f"{p}: not UTF-8"))
                except DocError as exc:
                    errs.append(ScanError(tree.origin_file(p), exc.line, f"{p}: invalid JSON: {exc.message}"))
        for schema, el in inline_bots.items():
            b = bots.setdefault(schema, _Bot(schema))
            if b.element is None:
                b.element, b.path, b.body = el, cp, tree.files[cp]
            if b.config is None:
                raw = _text(el, "configuration")
                if raw:
                    try:
                        cfg = json.loads(raw)
                        b.config, b.config_path = (cfg if isinstance(cfg, dict) else None), cp
                    except ValueError:
                        pass

        # components, grouped by parent bot
        comp_dirs: dict[str, dict[str, str]] = {}
        for p in tree.files:
            parts = p.split("/")
            low = [x.lower() for x in parts]
            if len(parts) >= 3 and low[-3] == "botcomponents":
                comp_dirs.setdefault("/".join(parts[:-1]), {})[low[-1]] = p
        orphan: list[tuple[str, str, ET.Element | None, str | None]] = []
        for d, members in sorted(comp_dirs.items()):
            cschema = d.rsplit("/", 1)[-1]
            meta = None
            if "botcomponent.xml" in members:
                mp = members["botcomponent.xml"]
                meta = _xml(tree.files[mp], mp, tree.origin_file(mp), errs)
                if meta is not None and meta.get("schemaname"):
                    cschema = meta.get("schemaname")
            data_path = members.get("data") or members.get("data.yaml") or members.get("data.yml")
            parent = None
            if meta is not None:
                pb = next((c for c in meta if c.tag.lower() == "parentbotid"), None)
                parent = _text(pb, "schemaname") if pb is not None else None
            if not parent:
                parent = next((s for s in sorted(bots, key=len, reverse=True) if cschema.startswith(s + ".")), None)
            item = (cschema, d, meta, data_path)
            if parent and parent in bots:
                bots[parent].components.append(item)
            elif parent:
                bots.setdefault(parent, _Bot(parent)).components.append(item)
            else:
                orphan.append(item)
        if orphan and len(bots) == 1:
            next(iter(bots.values())).components.extend(orphan)

        for b in bots.values():
            self._bot(b, tree, connrefs, solution_name, out, endpoints)

    # ---------------------------------------------------------------------------------------

    def _bot(self, b: _Bot, tree: _Tree, connrefs: dict[str, str], solution: str | None, out: SourceResult,
             endpoints: dict[str, _Api] | None = None) -> None:
        endpoints = endpoints or {}
        fmt = self.fmt
        el = b.element
        bot_path = b.path or (b.config_path or "bots")
        file = tree.origin_file(bot_path)
        line = _line_of(b.body, f'schemaname="{b.schema}"') if b.body else 1
        address = tree.address(bot_path, b.schema) if tree.in_zip else b.schema
        uid = declared_uid(fmt, tree.label if tree.in_zip else file, address)
        name = _text(el, "name") or b.schema
        cfg = b.config or {}

        def xml_or_cfg(tag: str, *cfg_keys: str) -> tuple[Any, str | None]:
            v = _text(el, tag)
            if v not in (None, ""):
                return v, f"bot.xml <{tag}>"
            for holder in (cfg, cfg.get("settings") if isinstance(cfg.get("settings"), dict) else {}):
                for k in cfg_keys:
                    for key in holder:
                        if str(key).lower() == k.lower():
                            return holder[key], f"configuration.json {key}"
            return None, None

        auth_raw, auth_path = xml_or_cfg("authenticationmode", "authenticationMode")
        trig_raw, trig_path = xml_or_cfg("authenticationtrigger", "authenticationTrigger")
        pol_raw, pol_path = xml_or_cfg("accesscontrolpolicy", "accessControlPolicy")
        groups, _ = xml_or_cfg("authorizedsecuritygroupids", "authorizedSecurityGroupIds")
        auth = _code(auth_raw, _AUTH_MODE_NAMES)
        trig = _code(trig_raw, {"asneeded": 0, "always": 1})
        pol = _code(pol_raw, _POLICY_NAMES)
        settings = cfg.get("settings") if isinstance(cfg.get("settings"), dict) else {}
        gen = settings.get("GenerativeActionsEnabled")
        recognizer = _kind(cfg.get("recognizer"))
        generative = True if gen is True or recognizer == "GenerativeAIRecognizer" else (False if gen is False else None)

        props: dict[str, Any] = {
            "platform": "copilot-studio",
            "schema_name": b.schema,
            "solution": solution,
            "authentication_mode": AUTH_MODE.get(auth, auth_raw) if auth is not None else auth_raw,
            "authentication_trigger": AUTH_TRIGGER.get(trig, trig_raw) if trig is not None else trig_raw,
            "access_control_policy": ACCESS_POLICY.get(pol, pol_raw) if pol is not None else pol_raw,
            "authorized_security_groups": groups,
            "generative_orchestration": generative,
        }
        agent = Asset(uid=uid, provider="code", type="agent", name=name, kind=Kind.AGENT,
                      origin=make_origin(fmt, file, line, address), properties=props)
        out.assets.append(agent)
        agent.set_fact("platform", "copilot-studio", "solution export")
        # authentication
        if auth is None:
            agent.set_fact("user_authentication", None, auth_path or "bot.xml <authenticationmode>", raw=auth_raw,
                           note="authentication mode not in the export")
        else:
            agent.set_fact("user_authentication", auth not in (0, 1) if auth != 0 else None, auth_path or "",
                           raw=AUTH_MODE.get(auth, auth_raw),
                           note="None: anyone who can reach the agent can use it without signing in" if auth == 1
                           else None)
        agent.set_fact("authentication_trigger", AUTH_TRIGGER.get(trig) if trig is not None else None,
                       trig_path or "bot.xml <authenticationtrigger>", raw=trig_raw)
        # sharing
        if pol is None:
            agent.set_fact("access_policy", None, pol_path or "bot.xml <accesscontrolpolicy>", raw=pol_raw,
                           note="access control policy not in the export")
            agent.set_fact("broad_sharing", None, pol_path or "bot.xml <accesscontrolpolicy>")
            agent.set_fact("cross_tenant", None, pol_path or "bot.xml <accesscontrolpolicy>")
        else:
            pname = ACCESS_POLICY.get(pol, str(pol_raw))
            agent.set_fact("access_policy", pname, pol_path or "", raw=pol_raw)
            agent.set_fact("broad_sharing", pol in (0, 3), pol_path or "", raw=pname)
            agent.set_fact("cross_tenant", pol == 3, pol_path or "", raw=pname)
        agent.set_fact("generative_orchestration", generative, "configuration.json settings.GenerativeActionsEnabled",
                       raw=gen)
        # published: the channels the agent is published to (Defender indicator *Published Agent*; inventory only)
        published_on, _ = xml_or_cfg("publishedon", "publishedOn")
        if published_on:
            props["published_on"] = published_on
        chans = cfg.get("channels")
        if isinstance(chans, list):
            names = [str(c.get("channelId") or c.get("id") or _kind(c)) if isinstance(c, dict) else str(c)
                     for c in chans if isinstance(c, (dict, str))]
            props["published_channels"] = names
            agent.set_fact("published_channels", names, "configuration.json channels[*].channelId",
                           raw=published_on or None,
                           note=None if published_on else "channels configured; the export does not say when the "
                                                          "agent was last published")
        else:
            agent.set_fact("published_channels", None, "configuration.json channels", raw=published_on or None,
                           note="the export lists no channels" + (f" (published on {published_on})" if published_on
                                                                  else ""))

        instructions: str | None = None
        maker_tools: list[str] = []
        mcp_tools: list[str] = []
        approvals: list[bool | None] = []
        untrusted: list[str] = []
        connected = 0
        connected_refs: list[dict[str, Any]] = []
        child_agents: list[str] = []
        flows = _Flows()
        hits_all: list[str] = []

        for cschema, cdir, meta, data_path in b.components:
            ctype = _text(meta, "componenttype")
            cname = _text(meta, "name") or cschema.rsplit(".", 1)[-1]
            if not data_path:
                continue
            cfile = tree.origin_file(data_path)
            body = tree.files[data_path]
            try:
                text = body.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                out.errors.append(ScanError(cfile, None, f"{data_path}: not UTF-8 (byte {exc.start})"))
                continue
            try:
                docs = parse_yaml(text)
            except DocError as exc:
                out.errors.append(ScanError(cfile, exc.line, f"{data_path}: {exc.message}"))
                continue
            data = docs[0] if docs else None
            if not isinstance(data, dict):
                continue
            kind = _kind(data)
            caddr = tree.address(data_path, cschema) if tree.in_zip else f"{b.schema}/{cschema}"
            cuid = declared_uid(fmt, tree.label if tree.in_zip else cfile, caddr)

            def secrets(holder_uid: str) -> list[str]:
                found = []
                for h in find_secrets(text):
                    hl = text[: text.find(h.value)].count("\n") + 1 if h.value in text else 1
                    a, r = secret_asset(fmt, tree.label if tree.in_zip else cfile, hl,
                                        f"{caddr}:line {hl}:{h.kind}", h, f"{cname} ({data_path})", holder_uid)
                    a.origin = make_origin(fmt, cfile, hl, a.origin.address)
                    out.assets.append(a)
                    out.relations.append(r)
                    found.append(h.redacted)
                # HTTP request nodes: literal Authorization / key headers
                for p, node in _walk(data):
                    if _kind(node) in ("HttpRequestAction", "SendHttpRequestAction"):
                        hdrs = node.get("headers") if isinstance(node.get("headers"), dict) else {}
                        for hk, hv in hdrs.items():
                            if isinstance(hv, str) and not hv.startswith("="):
                                for h in literal_secrets(hv, str(hk)):
                                    if h.redacted in found:
                                        continue
                                    hl = _line(hdrs, hk, 1)
                                    a, r = secret_asset(fmt, tree.label if tree.in_zip else cfile, hl,
                                                        f"{caddr}:{p}.headers.{hk}", h, f"{cname} {p}.headers.{hk}",
                                                        holder_uid)
                                    a.origin = make_origin(fmt, cfile, hl, a.origin.address)
                                    out.assets.append(a)
                                    out.relations.append(r)
                                    found.append(h.redacted)
                hits_all.extend(found)
                return found

            if kind == "GptComponentMetadata":
                instructions = data.get("instructions") if isinstance(data.get("instructions"), str) else ""
                caps = data.get("gptCapabilities") if isinstance(data.get("gptCapabilities"), dict) else {}
                if caps.get("webBrowsing") is True:
                    untrusted.append("web browsing")
                props["gpt_capabilities"] = {k: v for k, v in caps.items() if isinstance(v, bool)}
                ai = data.get("aISettings") if isinstance(data.get("aISettings"), dict) else {}
                model = ai.get("model") if isinstance(ai.get("model"), dict) else {}
                if _str(model.get("modelNameHint")):
                    props["model"] = model["modelNameHint"]
                secrets(uid)
                continue

            if kind in ("KnowledgeSourceConfiguration", "KnowledgeSource"):
                src = data.get("source") if isinstance(data.get("source"), dict) else {}
                skind = _kind(src) or "unknown"
                site = _str(src.get("site")) or _str(src.get("url")) or _str(src.get("siteUrl"))
                ds = Asset(uid=cuid, provider="code", type="data-source", name=cname, kind=Kind.DATA_SOURCE,
                           origin=make_origin(fmt, cfile, _dline(data, 1), caddr), parent=uid,
                           properties={"platform": "copilot-studio", "source_kind": skind, "site": site,
                                       "component_type": ctype, "schema_name": cschema})
                public = skind == "PublicSiteSearchSource" or (skind == "unknown" and site and is_remote(site))
                ds.set_fact("public_web", bool(public), "source.kind", raw=skind)
                out.assets.append(ds)
                out.relations.append(Relation(uid, "reads", cuid))
                if public:
                    untrusted.append(f"public site {site or ''}".strip())
                else:
                    flows.reads.append(f"{cname} (knowledge: {skind})")
                secrets(cuid)
                continue

            if kind not in ("AdaptiveDialog", "TaskDialog", "McpTool", "AgentDialog"):
                if find_secrets(text):
                    secrets(uid)
                continue

            # topics and tools
            action = data.get("action") if isinstance(data.get("action"), dict) else {}
            akind = _kind(action)
            op = action.get("operationDetails") if isinstance(action.get("operationDetails"), dict) else {}
            is_mcp = kind == "McpTool" or _kind(op) == "ModelContextProtocolMetadata"
            if kind == "AdaptiveDialog":
                ttype = "topic"
            elif kind == "AgentDialog":
                ttype = "child_agent"
            elif is_mcp:
                ttype = "mcp"
            elif akind == "InvokeConnectorTaskAction":
                ttype = "connector"
            elif akind == "InvokeFlowTaskAction":
                ttype = "flow"
            elif akind in ("InvokeConnectedAgentTaskAction", "InvokeExternalAgentTaskAction"):
                ttype = "connected_agent"
            else:
                ttype = akind or kind
            tool = Asset(uid=cuid, provider="code", type="tool", name=_str(data.get("modelDisplayName")) or cname,
                         kind=Kind.TOOL, origin=make_origin(fmt, cfile, _dline(data, 1), caddr), parent=uid,
                         properties={"platform": "copilot-studio", "tool_type": ttype, "dialog_kind": kind,
                                     "action_kind": akind or None, "component_type": ctype, "schema_name": cschema,
                                     "connection_reference": action.get("connectionReference"),
                                     "operation_id": action.get("operationId") or op.get("operationId")})
            tool.set_fact("tool_type", ttype, "data kind/action.kind", raw=akind or kind)
            tool.set_fact("platform", "copilot-studio", "solution export")
            # maker credentials: the tool itself, and connector calls inside topics
            makers = []
            for p, node in _walk(data):
                if _str(node.get("connectionReference")):
                    is_maker, mode = _maker_mode(node)
                    if is_maker:
                        makers.append(f"{p or 'action'} ({mode or 'no mode: maker connection'})")
            tool.set_fact("maker_credentials", bool(makers), "action.connectionProperties.mode", raw=makers or None)
            if makers:
                maker_tools.append(cname)
            if ttype == "topic":
                for p, node in _walk(data):
                    k = _kind(node)
                    if k in ("HttpRequestAction", "SendHttpRequestAction"):
                        untrusted.append(f"HTTP request in {cname}")
                    if k in ("InvokeConnectorAction",) and node.get("connectionReference"):
                        pass
            if ttype == "connected_agent":
                connected += 1
                connected_refs.append({"schema": _str(action.get("botSchemaName")), "name": cname, "tool": cuid,
                                       "external": akind == "InvokeExternalAgentTaskAction"})
            elif ttype == "child_agent":
                connected += 1
                child_agents.append(cname)
            # endpoints it calls (MT.1115) and what it does with data (Data Exfiltration Exposure)
            transports: list[tuple[str, UrlTransport]] = []
            for p, node in _walk(data):
                k = _kind(node)
                if k in ("HttpRequestAction", "SendHttpRequestAction"):
                    url = node.get("url")
                    t = url_transport(url) if isinstance(url, str) else UrlTransport(None, None, None, "no URL")
                    transports.append((f"{p or 'action'} url", t))
                    if t.endpoint:  # the maker fixed the host: not a destination the model chooses
                        flows.fixed.append(f"{cname}: HTTP request to {t.endpoint}")
                    else:
                        flows.maybe_sends.append(f"{cname}: HTTP request to a URL built at run time")
                elif k in ("InvokeFlowTaskAction", "InvokeFlowAction"):
                    flows.maybe_reads.append(f"{cname}: Power Automate flow (what it does is not in the export)")
                    flows.maybe_sends.append(f"{cname}: Power Automate flow (what it does is not in the export)")
                ref = _str(node.get("connectionReference"))
                if ref and not is_mcp:
                    details = node.get("operationDetails") if isinstance(node.get("operationDetails"), dict) else {}
                    op = _str(node.get("operationId")) or _str(details.get("operationId"))
                    connector = connrefs.get(ref) or ""
                    label = f"{cname}: {op or '?'} ({connector.rsplit('/', 1)[-1] or ref})"
                    api = endpoints.get(ref)
                    how = _connector_flow(op, connector, api.methods.get(op or "") if api else None)
                    if how == "read":
                        flows.reads.append(label)
                    elif how == "send" and node is action and (data.get("confirmation") or action.get("confirmation")):
                        flows.approved.append(label + " (asks the user before running)")
                    elif how == "send" and node is action and ref not in endpoints and _fixed_destination(data):
                        flows.fixed.append(label + " (recipient fixed by the maker)")
                    elif how == "send":
                        flows.sends.append(label)
                    transports += api.transports if api else []
            set_transport_facts(tool, transports, f"{data_path} url / custom connector host")
            found = secrets(cuid)
            tool.set_fact("hardcoded_secret", bool(found), f"{data_path}", raw=found or None)
            out.assets.append(tool)
            out.relations.append(Relation(uid, "runs", cuid))
            if is_mcp:
                mcp_tools.append(cname)
                untrusted.append(f"MCP tool {cname}")
                confirm = data.get("confirmation") or action.get("confirmation")
                approval = True if confirm else None
                approvals.append(approval)
                tool.set_fact("tool_requires_approval", approval, "confirmation",
                              note=None if confirm else "the export carries no per-call approval setting for this "
                                                        "MCP tool; review it in Copilot Studio (Maester MT.1120)")
                if approval:
                    flows.approved.append(f"{cname} (MCP)")
                else:
                    flows.maybe_sends.append(f"{cname} (remote MCP server; approval not in the export)")
                ref = _str(action.get("connectionReference")) or ""
                connector = connrefs.get(ref) or ""
                suid = declared_uid(fmt, tree.label if tree.in_zip else cfile, f"{caddr}/mcp-server")
                srv = Asset(uid=suid, provider="code", type="mcp-server",
                            name=(connector.rsplit("/", 1)[-1] if connector else ref.split(".")[1] if ref.count(".") >= 1
                                  else cname),
                            kind=Kind.MCP_SERVER, origin=make_origin(fmt, cfile, _dline(action, 1), f"{caddr}/mcp-server"),
                            parent=uid,
                            properties={"platform": "copilot-studio", "transport": "http", "connection_reference": ref,
                                        "connector_id": connector or None})
                srv.set_fact("transport", "http", "connector")
                srv.set_fact("remote", True, "connector", note="Power Platform connector")
                srv.set_fact("user_authentication", None, "connectionReference",
                             note="authentication is held by the Power Platform connection, not in the export")
                srv.set_fact("package_launcher", False, "connector")
                srv.set_fact("pinned", None, "connector")
                srv.set_fact("hardcoded_secret", False, "connector")
                if ref in endpoints:
                    api = endpoints[ref]
                    srv.properties["endpoints"] = sorted({t.endpoint for _, t in api.transports if t.endpoint})
                    set_transport_facts(srv, api.transports, "custom connector host/schemes")
                out.assets.append(srv)
                out.relations.append(Relation(uid, "runs", suid))
                out.relations.append(Relation(cuid, "calls", suid))

        il = len(instructions.strip()) if isinstance(instructions, str) else None
        if il is None and generative:
            il = 0
        props["instructions_length"] = il
        agent.set_fact("instructions_length", il, "botcomponents/*.gpt.default/data instructions",
                       note=None if instructions is not None else
                       ("generative orchestration with no GPT component instructions" if generative else
                        "classic orchestration: no agent instructions"))
        agent.set_fact("maker_credentials", bool(maker_tools), "botcomponents/*/data connectionProperties.mode",
                       raw=maker_tools or None)
        agent.set_fact("mcp_tools", len(mcp_tools), "botcomponents/*/data operationDetails", raw=mcp_tools or None)
        if approvals:
            agent.set_fact("tools_require_approval", False if False in approvals else (None if None in approvals else True),
                           "botcomponents/*/data", raw=mcp_tools,
                           note="Copilot Studio exports carry no per-call approval for MCP tools: review them (MT.1120)")
        else:
            agent.set_fact("tools_require_approval", None, "tools", note="no MCP tools")
        agent.set_fact("untrusted_input", bool(untrusted), "botcomponents", raw=untrusted or None)
        agent.set_fact("connected_agents", connected, "botcomponents action.botSchemaName / AgentDialog",
                       raw=[r["schema"] or r["name"] for r in connected_refs] + child_agents or None)
        agent.set_fact("coordinator", connected > 0, "botcomponents action.botSchemaName / AgentDialog",
                       raw=[r["schema"] or r["name"] for r in connected_refs] + child_agents or None)
        if connected_refs:
            props["connected_agents"] = connected_refs
        if child_agents:
            props["child_agents"] = child_agents
        flows.set_fact(agent, "botcomponents")
        agent.set_fact("hardcoded_secret", bool(hits_all), "botcomponents/*/data", raw=hits_all or None)
