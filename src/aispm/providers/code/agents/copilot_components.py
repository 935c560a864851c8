"""The components of one Copilot Studio bot (`botcomponents/<schema>/data`): what each adds to the agent.

A component's YAML `kind` decides what it is: the GPT component (`GptComponentMetadata`: the agent's
instructions, web browsing, and the model hint that is the agent's `model` fact), knowledge
(`KnowledgeSource*`: a `data-source` the agent `reads`), or a topic or tool (`AdaptiveDialog`,
`TaskDialog`, `McpTool`, `AgentDialog`: a `tool` the agent `runs`; an MCP tool also gets an
`mcp-server` asset for its connector). A server or tool behind a custom connector whose definition
is in the export is named by the connector (display name, else the OpenAPI title) and its
`user_authentication` is what the definition's `securityDefinitions` say (none: False; OAuth2, API
key, basic: True); it is unknown only when the definition is not in the export. Any other
component is only searched for secrets. Credentials found in a component's text, and literal
Authorization / key headers of HTTP request nodes, become redacted `secret` assets.

Each component adds to a `BotSummary` (maker-credential tools, MCP tools and their approvals,
untrusted input, connected and child agents, data flows, secrets), which the source turns into the
agent's facts once all components are read.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Any

from aispm.formats.located import DocError, key_line, start_line
from aispm.formats.secrets import literal_secrets, secret_values
from aispm.formats.urls import UrlTransport, is_remote, url_transport
from aispm.formats.yaml_lines import parse_yaml
from aispm.model import Asset, Kind, Relation, ScanError
from aispm.providers.code.agents.common import DataFlows, as_text
from aispm.providers.code.agents.power_platform import (
    ConnectorApi,
    connector_flow,
    fixed_destination,
    kind_of,
    maker_mode,
    walk_nodes,
)
from aispm.providers.code.agents.solution_export import ExportTree, child_text
from aispm.providers.code.mcp_server import set_transport_facts
from aispm.providers.code.secret_assets import config_secret_asset
from aispm.source import SourceResult, declared_uid, make_origin

_HTTP_NODES = ("HttpRequestAction", "SendHttpRequestAction")
_TOOL_KINDS = ("AdaptiveDialog", "TaskDialog", "McpTool", "AgentDialog")


@dataclass
class BotSummary:
    """What a bot's components add up to, for the agent's facts."""

    instructions: str | None = None  # the GPT component's; None when the bot has none
    maker_tools: list[str] = field(default_factory=list)
    mcp_tools: list[str] = field(default_factory=list)
    approvals: list[bool | None] = field(default_factory=list)  # per MCP tool
    untrusted: list[str] = field(default_factory=list)
    connected_refs: list[dict[str, Any]] = field(default_factory=list)
    child_agents: list[str] = field(default_factory=list)
    flows: DataFlows = field(default_factory=DataFlows)
    secrets: list[str] = field(default_factory=list)  # redacted


@dataclass
class BotContext:
    """The bot whose components are read: its agent, the export, and what the export's metadata says."""

    fmt: str
    tree: ExportTree
    agent: Asset
    schema: str
    connrefs: dict[str, str]
    endpoints: dict[str, ConnectorApi]
    out: SourceResult
    summary: BotSummary


@dataclass
class _Component:
    """One component's document and where its assets go."""

    bot: BotContext
    cschema: str
    ctype: str | None
    cname: str
    data_path: str
    cfile: str
    text: str
    data: dict
    kind: str
    caddr: str
    cuid: str

    @property
    def rel(self) -> str:
        """The file uids are built on: the zip, or the component's own file."""
        return self.bot.tree.label if self.bot.tree.in_zip else self.cfile


def read_component(bot: BotContext, cschema: str, meta: ET.Element | None, data_path: str | None) -> None:
    """Read one component and add what it declares to the bot's agent and summary."""
    comp = _open_component(bot, cschema, meta, data_path)
    if comp is None:
        return
    if comp.kind == "GptComponentMetadata":
        _gpt_component(comp)
    elif comp.kind in ("KnowledgeSourceConfiguration", "KnowledgeSource"):
        _knowledge_component(comp)
    elif comp.kind in _TOOL_KINDS:
        _tool_component(comp)
    elif secret_values(comp.text):
        _report_secrets(comp, bot.agent.uid)


def _open_component(bot: BotContext, cschema: str, meta: ET.Element | None, data_path: str | None) -> _Component | None:
    """The component's `data` document, or None (reported when it is not UTF-8 or not YAML)."""
    tree, out = bot.tree, bot.out
    ctype = child_text(meta, "componenttype")
    cname = child_text(meta, "name") or cschema.rsplit(".", 1)[-1]
    if not data_path:
        return None
    cfile = tree.origin_file(data_path)
    try:
        text = tree.text(data_path)
    except UnicodeDecodeError as exc:
        out.errors.append(ScanError(cfile, None, f"{data_path}: not UTF-8 (byte {exc.start})"))
        return None
    try:
        docs = parse_yaml(text, tree.limits)
    except DocError as exc:
        out.errors.append(ScanError(cfile, exc.line, f"{data_path}: {exc.message}"))
        return None
    data = docs[0] if docs else None
    if not isinstance(data, dict):
        return None
    caddr = tree.address(data_path, cschema) if tree.in_zip else f"{bot.schema}/{cschema}"
    return _Component(bot, cschema, ctype, cname, data_path, cfile, text, data, kind_of(data), caddr,
                      declared_uid(bot.fmt, tree.label if tree.in_zip else cfile, caddr))


def _report_secrets(comp: _Component, holder_uid: str) -> list[str]:
    """The credentials in a component's text and in its HTTP request nodes' literal headers, reported
    against `holder_uid`; returns their redacted forms (also added to the bot's summary)."""
    bot = comp.bot
    found: list[str] = []

    def add(a: Asset, r: Relation, line: int, redacted: str) -> None:
        a.origin = make_origin(bot.fmt, comp.cfile, line, a.origin.address)
        bot.out.assets.append(a)
        bot.out.relations.append(r)
        found.append(redacted)

    text = comp.text
    for h in secret_values(text):
        hl = text[: text.find(h.value)].count("\n") + 1 if h.value in text else 1
        a, r = config_secret_asset(bot.fmt, comp.rel, hl, f"{comp.caddr}:line {hl}:{h.kind}", h,
                                   f"{comp.cname} ({comp.data_path})", holder_uid)
        add(a, r, hl, h.redacted)
    for p, node in walk_nodes(comp.data):
        if kind_of(node) not in _HTTP_NODES:
            continue
        hdrs = node.get("headers") if isinstance(node.get("headers"), dict) else {}
        for hk, hv in hdrs.items():
            if not isinstance(hv, str) or hv.startswith("="):
                continue
            for h in literal_secrets(hv, str(hk)):
                if h.redacted in found:
                    continue
                hl = key_line(hdrs, hk, 1)
                a, r = config_secret_asset(bot.fmt, comp.rel, hl, f"{comp.caddr}:{p}.headers.{hk}", h,
                                           f"{comp.cname} {p}.headers.{hk}", holder_uid)
                add(a, r, hl, h.redacted)
    bot.summary.secrets.extend(found)
    return found


# --------------------------------------------------------------------------- the GPT component and knowledge


def _gpt_component(comp: _Component) -> None:
    """The agent's instructions, capabilities and model hint."""
    data, summary, props = comp.data, comp.bot.summary, comp.bot.agent.properties
    summary.instructions = data.get("instructions") if isinstance(data.get("instructions"), str) else ""
    caps = data.get("gptCapabilities") if isinstance(data.get("gptCapabilities"), dict) else {}
    if caps.get("webBrowsing") is True:
        summary.untrusted.append("web browsing")
    props["gpt_capabilities"] = {k: v for k, v in caps.items() if isinstance(v, bool)}
    ai = data.get("aISettings") if isinstance(data.get("aISettings"), dict) else {}
    model = ai.get("model") if isinstance(ai.get("model"), dict) else {}
    hint = as_text(model.get("modelNameHint"))
    if hint:
        props["model"] = hint
    # the model the agent answers with (`GPT41`, `GPT4oChat`): the maker's choice; absent, Copilot Studio's default
    comp.bot.agent.set_fact("model", hint, f"{comp.data_path} aISettings.model.modelNameHint", raw=hint,
                            note=None if hint else "no model hint: Copilot Studio's default model")
    _report_secrets(comp, comp.bot.agent.uid)


def _knowledge_component(comp: _Component) -> None:
    """A knowledge source: a `data-source` the agent reads; a public site is untrusted input, anything
    else is the organisation's data."""
    bot, data = comp.bot, comp.data
    src = data.get("source") if isinstance(data.get("source"), dict) else {}
    skind = kind_of(src) or "unknown"
    site = as_text(src.get("site")) or as_text(src.get("url")) or as_text(src.get("siteUrl"))
    ds = Asset(uid=comp.cuid, provider="code", type="data-source", name=comp.cname, kind=Kind.DATA_SOURCE,
               origin=make_origin(bot.fmt, comp.cfile, start_line(data, 1), comp.caddr), parent=bot.agent.uid,
               properties={"platform": "copilot-studio", "source_kind": skind, "site": site,
                           "component_type": comp.ctype, "schema_name": comp.cschema})
    public = skind == "PublicSiteSearchSource" or (skind == "unknown" and site and is_remote(site))
    ds.set_fact("public_web", bool(public), "source.kind", raw=skind)
    bot.out.assets.append(ds)
    bot.out.relations.append(Relation(bot.agent.uid, "reads", comp.cuid))
    if public:
        bot.summary.untrusted.append(f"public site {site or ''}".strip())
    else:
        bot.summary.flows.reads.append(f"{comp.cname} (knowledge: {skind})")
    _report_secrets(comp, comp.cuid)


# --------------------------------------------------------------------------- topics and tools


def _tool_type(kind: str, akind: str, is_mcp: bool) -> str:
    if kind == "AdaptiveDialog":
        return "topic"
    if kind == "AgentDialog":
        return "child_agent"
    if is_mcp:
        return "mcp"
    return {"InvokeConnectorTaskAction": "connector", "InvokeFlowTaskAction": "flow",
            "InvokeConnectedAgentTaskAction": "connected_agent",
            "InvokeExternalAgentTaskAction": "connected_agent"}.get(akind) or akind or kind


def _tool_component(comp: _Component) -> None:
    """A topic or tool: a `tool` the agent runs, with its credentials mode, the endpoints it calls and
    what it does with data; an MCP tool also gets the `mcp-server` of its connector."""
    bot, data = comp.bot, comp.data
    action = data.get("action") if isinstance(data.get("action"), dict) else {}
    akind = kind_of(action)
    op = action.get("operationDetails") if isinstance(action.get("operationDetails"), dict) else {}
    is_mcp = comp.kind == "McpTool" or kind_of(op) == "ModelContextProtocolMetadata"
    ttype = _tool_type(comp.kind, akind, is_mcp)
    tool = Asset(uid=comp.cuid, provider="code", type="tool", name=as_text(data.get("modelDisplayName")) or comp.cname,
                 kind=Kind.TOOL, origin=make_origin(bot.fmt, comp.cfile, start_line(data, 1), comp.caddr),
                 parent=bot.agent.uid,
                 properties={"platform": "copilot-studio", "tool_type": ttype, "dialog_kind": comp.kind,
                             "action_kind": akind or None, "component_type": comp.ctype, "schema_name": comp.cschema,
                             "connection_reference": action.get("connectionReference"),
                             "operation_id": action.get("operationId") or op.get("operationId")})
    api = bot.endpoints.get(as_text(action.get("connectionReference")) or "")
    if api is not None:  # a custom connector whose definition is in the export
        tool.properties["connector"] = api.title
        tool.properties["connector_authentication"] = api.authenticated
    tool.set_fact("tool_type", ttype, "data kind/action.kind", raw=akind or comp.kind)
    tool.set_fact("platform", "copilot-studio", "solution export")
    _set_maker_credentials(comp, tool)
    if ttype == "topic":
        for _, node in walk_nodes(data):
            if kind_of(node) in _HTTP_NODES:
                bot.summary.untrusted.append(f"HTTP request in {comp.cname}")
    if ttype == "connected_agent":
        bot.summary.connected_refs.append({"schema": as_text(action.get("botSchemaName")), "name": comp.cname,
                                           "tool": comp.cuid, "external": akind == "InvokeExternalAgentTaskAction"})
    elif ttype == "child_agent":
        bot.summary.child_agents.append(comp.cname)
    transports = _count_endpoints_and_flows(comp, action, is_mcp)
    set_transport_facts(tool, transports, f"{comp.data_path} url / custom connector host")
    found = _report_secrets(comp, comp.cuid)
    tool.set_fact("hardcoded_secret", bool(found), f"{comp.data_path}", raw=found or None)
    bot.out.assets.append(tool)
    bot.out.relations.append(Relation(bot.agent.uid, "runs", comp.cuid))
    if is_mcp:
        _mcp_tool(comp, tool, action)


def _set_maker_credentials(comp: _Component, tool: Asset) -> None:
    """Maker credentials (Maester MT.1118): the tool itself, and connector calls inside topics."""
    makers = []
    for p, node in walk_nodes(comp.data):
        if as_text(node.get("connectionReference")):
            is_maker, mode = maker_mode(node)
            if is_maker:
                makers.append(f"{p or 'action'} ({mode or 'no mode: maker connection'})")
    tool.set_fact("maker_credentials", bool(makers), "action.connectionProperties.mode", raw=makers or None)
    if makers:
        comp.bot.summary.maker_tools.append(comp.cname)


def _count_endpoints_and_flows(comp: _Component, action: dict, is_mcp: bool) -> list[tuple[str, UrlTransport]]:
    """The endpoints a tool calls (MT.1115: HTTP request nodes, custom connector hosts), and what its nodes do
    with data (Data Exfiltration Exposure), added to the bot's flows."""
    bot, data, cname = comp.bot, comp.data, comp.cname
    flows = bot.summary.flows
    transports: list[tuple[str, UrlTransport]] = []
    for p, node in walk_nodes(data):
        k = kind_of(node)
        if k in _HTTP_NODES:
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
        ref = as_text(node.get("connectionReference"))
        if ref and not is_mcp:
            details = node.get("operationDetails") if isinstance(node.get("operationDetails"), dict) else {}
            op = as_text(node.get("operationId")) or as_text(details.get("operationId"))
            connector = bot.connrefs.get(ref) or ""
            label = f"{cname}: {op or '?'} ({connector.rsplit('/', 1)[-1] or ref})"
            api = bot.endpoints.get(ref)
            how = connector_flow(op, connector, api.methods.get(op or "") if api else None)
            if how == "read":
                flows.reads.append(label)
            elif how == "send" and node is action and (data.get("confirmation") or action.get("confirmation")):
                flows.approved.append(label + " (asks the user before running)")
            elif how == "send" and node is action and ref not in bot.endpoints and fixed_destination(data):
                flows.fixed.append(label + " (recipient fixed by the maker)")
            elif how == "send":
                flows.sends.append(label)
            transports += api.transports if api else []
    return transports


def _mcp_tool(comp: _Component, tool: Asset, action: dict) -> None:
    """An MCP tool: its approval (not carried by exports: unknown unless it asks for confirmation), and the
    `mcp-server` asset of the connector it goes through."""
    bot, data, cname = comp.bot, comp.data, comp.cname
    summary = bot.summary
    summary.mcp_tools.append(cname)
    summary.untrusted.append(f"MCP tool {cname}")
    confirm = data.get("confirmation") or action.get("confirmation")
    approval = True if confirm else None
    summary.approvals.append(approval)
    tool.set_fact("tool_requires_approval", approval, "confirmation",
                  note=None if confirm else "the export carries no per-call approval setting for this "
                                            "MCP tool; review it in Copilot Studio (Maester MT.1120)")
    if approval:
        summary.flows.approved.append(f"{cname} (MCP)")
    else:
        summary.flows.maybe_sends.append(f"{cname} (remote MCP server; approval not in the export)")
    ref = as_text(action.get("connectionReference")) or ""
    connector = bot.connrefs.get(ref) or ""
    api = bot.endpoints.get(ref)  # a custom connector whose definition is in the export
    suid = declared_uid(bot.fmt, comp.rel, f"{comp.caddr}/mcp-server")
    srv = Asset(uid=suid, provider="code", type="mcp-server",
                name=(api.title if api is not None and api.title else
                      connector.rsplit("/", 1)[-1] if connector else ref.split(".")[1] if ref.count(".") >= 1
                      else cname),
                kind=Kind.MCP_SERVER, origin=make_origin(bot.fmt, comp.cfile, start_line(action, 1),
                                                         f"{comp.caddr}/mcp-server"),
                parent=bot.agent.uid,
                properties={"platform": "copilot-studio", "transport": "http", "connection_reference": ref,
                            "connector_id": connector or None})
    srv.set_fact("transport", "http", "connector")
    srv.set_fact("remote", True, "connector", note="Power Platform connector")
    if api is not None:  # the connector's definition decides: no security scheme is no authentication
        srv.set_fact("user_authentication", api.authenticated, "custom connector securityDefinitions",
                     raw=list(api.auth_schemes),
                     note=None if api.authenticated is not None else "a security scheme type aispm does not know")
    else:
        srv.set_fact("user_authentication", None, "connectionReference",
                     note="the connector's definition is not in the export: its authentication is unknown")
    srv.set_fact("package_launcher", False, "connector")
    srv.set_fact("pinned", None, "connector")
    srv.set_fact("hardcoded_secret", False, "connector")
    if api is not None:
        srv.properties["endpoints"] = sorted({t.endpoint for _, t in api.transports if t.endpoint})
        set_transport_facts(srv, api.transports, "custom connector host/schemes")
    bot.out.assets.append(srv)
    bot.out.relations.append(Relation(bot.agent.uid, "runs", suid))
    bot.out.relations.append(Relation(comp.cuid, "calls", suid))
