"""The `copilot-studio` source: Copilot Studio agents in Dataverse solution exports, as the `.zip` or as
its unpacked folder.

Read from the export (`solution_export`): `solution.xml`, `customizations.xml` (connection references,
custom connectors), `bots/<schema>/bot.xml` (authenticationmode, authenticationtrigger,
accesscontrolpolicy), `bots/<schema>/configuration.json` (generative orchestration, channels) and
`botcomponents/<schema>/{botcomponent.xml,data}` (topics, tools, MCP tools, knowledge, the GPT
component with the agent's instructions; read by `copilot_components`). Each bot is an `agent` asset
with facts `user_authentication`, `authentication_trigger`, `access_policy`, `broad_sharing`,
`cross_tenant`, `generative_orchestration`, `published_channels` (inventory, no rule),
`instructions_length`, `maker_credentials`, `mcp_tools`, `tools_require_approval`, `untrusted_input`,
`connected_agents`, `coordinator`, `can_exfiltrate` and `hardcoded_secret`. A connected agent
(`InvokeConnectedAgentTaskAction.botSchemaName`) found among the agents of the scanned exports gets
`agent runs agent` and `tool calls agent`, and its coordinator `delegates_to_weak_agent`; child agents
(`AgentDialog`) are parts of the coordinator and are not judged on their own. What the export does
not carry (per-call approval of MCP tools, a flow's behaviour) is an unknown fact, never a guess.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from aispm.confine import OUTSIDE
from aispm.model import Asset, Kind, Relation, ScanError
from aispm.providers.code.agents.copilot_components import BotContext, BotSummary, read_component
from aispm.providers.code.agents.power_platform import ConnectorApi, custom_connector_endpoints, kind_of
from aispm.providers.code.agents.solution_export import (
    MAX_ZIP_TOTAL,
    Bot,
    ExportTree,
    attach_components,
    child_text,
    line_of_bytes,
    read_bots,
    read_customizations,
    read_zip,
    solution_name,
)
from aispm.providers.code.isolate import one_file
from aispm.source import SourceContext, SourceResult, declared_uid, make_origin

ACCESS_POLICY = {0: "Any", 1: "Copilot readers", 2: "Group membership", 3: "Any (multitenant)"}
AUTH_MODE = {0: "Unspecified", 1: "None", 2: "Integrated", 3: "Custom Entra ID", 4: "Generic OAuth2"}
AUTH_TRIGGER = {0: "As Needed", 1: "Always"}
_AUTH_MODE_NAMES = {"unspecified": 0, "none": 1, "noauthentication": 1, "integrated": 2, "microsoft": 2,
                    "custom": 3, "customentraid": 3, "manual": 3, "genericoauth2": 4, "oauth2": 4}
_POLICY_NAMES = {"any": 0, "copilotreaders": 1, "agentreaders": 1, "groupmembership": 2, "anymultitenant": 3,
                 "any(multitenant)": 3, "multitenant": 3}


def _code(value: Any, names: dict[str, int]) -> int | None:
    """A setting's numeric code, whether the export writes the number or its name (`None`, `Integrated`)."""
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


def _setting(b: Bot, cfg: dict, tag: str, *cfg_keys: str) -> tuple[Any, str | None]:
    """A bot setting: `bot.xml <tag>` when it is there, else the first of `cfg_keys` in `configuration.json`
    (or its `settings`), matched without regard to case; with where it was found."""
    v = child_text(b.element, tag)
    if v not in (None, ""):
        return v, f"bot.xml <{tag}>"
    for holder in (cfg, cfg.get("settings") if isinstance(cfg.get("settings"), dict) else {}):
        for k in cfg_keys:
            for key in holder:
                if str(key).lower() == k.lower():
                    return holder[key], f"configuration.json {key}"
    return None, None


# --------------------------------------------------------------------------- one bot


def _read_solution(tree: ExportTree, out: SourceResult, fmt: str) -> None:
    """Every bot of one export, with its components."""
    errs = out.errors
    solution = solution_name(tree, errs)
    custom = read_customizations(tree, errs)
    endpoints = custom_connector_endpoints(tree, custom.connrefs, custom.custom_ids, custom.connectors, errs)
    bots = read_bots(tree, custom, errs)
    attach_components(tree, bots, errs)
    for b in bots.values():
        _read_bot(b, tree, custom.connrefs, solution, out, endpoints, fmt)


def _read_bot(b: Bot, tree: ExportTree, connrefs: dict[str, str], solution: str | None, out: SourceResult,
              endpoints: dict[str, ConnectorApi], fmt: str) -> None:
    agent, generative = _agent_asset(b, tree, solution, out, fmt)
    bot = BotContext(fmt, tree, agent, b.schema, connrefs, endpoints, out, BotSummary())
    for cschema, _cdir, meta, data_path in b.components:
        read_component(bot, cschema, meta, data_path)
    _set_summary_facts(agent, bot.summary, generative)


def _agent_asset(b: Bot, tree: ExportTree, solution: str | None, out: SourceResult,
                 fmt: str) -> tuple[Asset, bool | None]:
    """The bot's `agent` asset with the facts its own settings decide; returns it and whether it uses
    generative orchestration (None when the export does not say)."""
    bot_path = b.path or (b.config_path or "bots")
    file = tree.origin_file(bot_path)
    line = line_of_bytes(b.body, f'schemaname="{b.schema}"') if b.body else 1
    address = tree.address(bot_path, b.schema) if tree.in_zip else b.schema
    uid = declared_uid(fmt, tree.label if tree.in_zip else file, address)
    cfg = b.config or {}
    auth_raw, auth_path = _setting(b, cfg, "authenticationmode", "authenticationMode")
    trig_raw, trig_path = _setting(b, cfg, "authenticationtrigger", "authenticationTrigger")
    pol_raw, pol_path = _setting(b, cfg, "accesscontrolpolicy", "accessControlPolicy")
    groups, _ = _setting(b, cfg, "authorizedsecuritygroupids", "authorizedSecurityGroupIds")
    auth = _code(auth_raw, _AUTH_MODE_NAMES)
    trig = _code(trig_raw, {"asneeded": 0, "always": 1})
    pol = _code(pol_raw, _POLICY_NAMES)
    settings = cfg.get("settings") if isinstance(cfg.get("settings"), dict) else {}
    gen = settings.get("GenerativeActionsEnabled")
    recognizer = kind_of(cfg.get("recognizer"))
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
    agent = Asset(uid=uid, provider="code", type="agent", name=child_text(b.element, "name") or b.schema,
                  kind=Kind.AGENT, origin=make_origin(fmt, file, line, address), properties=props)
    out.assets.append(agent)
    agent.set_fact("platform", "copilot-studio", "solution export")
    _set_authentication_facts(agent, auth, auth_raw, auth_path, trig, trig_raw, trig_path)
    _set_sharing_facts(agent, pol, pol_raw, pol_path)
    agent.set_fact("generative_orchestration", generative, "configuration.json settings.GenerativeActionsEnabled",
                   raw=gen)
    _set_channel_facts(agent, b, cfg)
    return agent, generative


def _set_authentication_facts(agent: Asset, auth: int | None, auth_raw: Any, auth_path: str | None,
                              trig: int | None, trig_raw: Any, trig_path: str | None) -> None:
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


def _set_sharing_facts(agent: Asset, pol: int | None, pol_raw: Any, pol_path: str | None) -> None:
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


def _set_channel_facts(agent: Asset, b: Bot, cfg: dict) -> None:
    """The channels the agent is published to (Defender indicator *Published Agent*; inventory only)."""
    props = agent.properties
    published_on, _ = _setting(b, cfg, "publishedon", "publishedOn")
    if published_on:
        props["published_on"] = published_on
    chans = cfg.get("channels")
    if isinstance(chans, list):
        names = [str(c.get("channelId") or c.get("id") or kind_of(c)) if isinstance(c, dict) else str(c)
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


def _set_summary_facts(agent: Asset, s: BotSummary, generative: bool | None) -> None:
    """The facts the bot's components decide together."""
    props = agent.properties
    il = len(s.instructions.strip()) if isinstance(s.instructions, str) else None
    if il is None and generative:
        il = 0
    props["instructions_length"] = il
    agent.set_fact("instructions_length", il, "botcomponents/*.gpt.default/data instructions",
                   note=None if s.instructions is not None else
                   ("generative orchestration with no GPT component instructions" if generative else
                    "classic orchestration: no agent instructions"))
    agent.set_fact("maker_credentials", bool(s.maker_tools), "botcomponents/*/data connectionProperties.mode",
                   raw=s.maker_tools or None)
    agent.set_fact("mcp_tools", len(s.mcp_tools), "botcomponents/*/data operationDetails", raw=s.mcp_tools or None)
    if s.approvals:
        agent.set_fact("tools_require_approval",
                       False if False in s.approvals else (None if None in s.approvals else True),
                       "botcomponents/*/data", raw=s.mcp_tools,
                       note="Copilot Studio exports carry no per-call approval for MCP tools: review them (MT.1120)")
    else:
        agent.set_fact("tools_require_approval", None, "tools", note="no MCP tools")
    agent.set_fact("untrusted_input", bool(s.untrusted), "botcomponents", raw=s.untrusted or None)
    connected = len(s.connected_refs) + len(s.child_agents)
    names = [r["schema"] or r["name"] for r in s.connected_refs] + s.child_agents or None
    agent.set_fact("connected_agents", connected, "botcomponents action.botSchemaName / AgentDialog", raw=names)
    agent.set_fact("coordinator", connected > 0, "botcomponents action.botSchemaName / AgentDialog", raw=names)
    if s.connected_refs:
        props["connected_agents"] = s.connected_refs
    if s.child_agents:
        props["child_agents"] = s.child_agents
    s.flows.set_fact(agent, "botcomponents")
    agent.set_fact("hardcoded_secret", bool(s.secrets), "botcomponents/*/data", raw=s.secrets or None)


def _link_connected(out: SourceResult) -> None:
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


# --------------------------------------------------------------------------- the source


#: File names `claims` accepts inside a solution's folder of each kind (besides connectors'
#: `*_openapidefinition.json`), and all of them.
_BOT_NAMES = ("bot.xml", "configuration.json")
_COMPONENT_NAMES = ("botcomponent.xml", "data", "data.yaml", "data.yml")
_PART_NAMES = frozenset((*_BOT_NAMES, *_COMPONENT_NAMES))


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
        if n not in _PART_NAMES and not n.endswith("_openapidefinition.json"):
            return False  # every claim below names the file; its folders are looked at only then
        parts = [p.lower() for p in path.parts[-3:-1]]
        if len(parts) == 2 and parts[0] == "bots" and n in _BOT_NAMES:
            return True
        if len(parts) == 2 and parts[1] in ("connector", "connectors") and n.endswith("_openapidefinition.json"):
            return True
        return len(parts) == 2 and parts[0] == "botcomponents" and n in _COMPONENT_NAMES

    def load(self, files: list[Path], ctx: SourceContext) -> SourceResult:
        out = SourceResult()
        folders: dict[Path, list[Path]] = {}
        for f in files:
            if f.name.lower().endswith(".zip"):
                out.files += 1
                with one_file(out.errors, ctx.rel(f), self.name):
                    self._zip(f, ctx, out)
                continue
            folders.setdefault(self._root_of(f), []).append(f)
        for root, members in sorted(folders.items()):
            tree = ExportTree(label=ctx.rel(root), in_zip=False, limits=ctx.limits)
            tree.base = "" if tree.label == "." else tree.label
            budget = self._total(ctx)
            for m in members:
                out.files += 1
                data = self._read(m, ctx, out, budget)
                if data is not None:
                    budget -= len(data)
                    tree.files[Path(m).relative_to(root).as_posix()] = data
            self._solution(tree, out)
        with one_file(out.errors, "<copilot studio agents>", self.name):
            _link_connected(out)
        return out

    def _total(self, ctx: SourceContext) -> int:
        """Bytes one export may hold in memory: the zip limit, and the scan's decompressed-bytes budget."""
        return min(self.max_zip_total, ctx.limits.decompressed_bytes)

    @staticmethod
    def _read(m: Path, ctx: SourceContext, out: SourceResult, budget: int) -> bytes | None:
        """A file of an unpacked export, inside the scan's roots and within the size limits, or None
        (the reason recorded)."""
        rel = ctx.rel(m)
        if ctx.outside(m):
            out.errors.append(ScanError(rel, None, OUTSIDE))
            return None
        try:
            size = m.stat().st_size
            if size > ctx.max_file_size:
                out.errors.append(ScanError(rel, None, "file skipped: over the size limit"))
                return None
            if size > budget:
                out.errors.append(ScanError(rel, None, "file skipped: the export's files are over the "
                                                       f"{MAX_ZIP_TOTAL / 1048576:.0f} MB an export may hold"))
                return None
            return m.read_bytes()
        except OSError as exc:
            out.errors.append(ScanError(rel, None, f"cannot read file: {exc.strerror or exc}"))
            return None

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
        if ctx.outside(f):
            out.errors.append(ScanError(rel, None, OUTSIDE))
            return
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
        tree = read_zip(data, rel, out.errors, self._total(ctx), ctx.limits)
        if tree is not None and tree.files:
            self._solution(tree, out)

    # ---------------------------------------------------------------------------------------

    def _solution(self, tree: ExportTree, out: SourceResult) -> None:
        with one_file(out.errors, tree.label, self.name):  # a bug on one export must not lose the others
            _read_solution(tree, out, self.fmt)


def read_tree(tree: ExportTree, out: SourceResult, fmt: str) -> None:
    """Every bot of an export tree that a reader built itself, and the connected agents among them:
    the live Dataverse collector builds the tree from the rows the Web API answers, so a live agent
    has the very facts an exported one has."""
    _read_solution(tree, out, fmt)
    _link_connected(out)
