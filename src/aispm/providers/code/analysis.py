"""What the Python and JS/TS code walkers share: the `Collector` that turns what they find into assets,
the `Bound` values they track names with, and the helpers that read resolved values.

The walkers (`python_walker` and its parts, `js_walker` and its parts) resolve values as far as the
syntax allows: a literal, an `Env` (an environment variable read at run time) or an `Unknown`. The
`Collector` builds the assets of one file with unique uids (`<format>:<file>:line <n>:<what>`, or
`cell N, line M` through a line map), de-duplicated relations and one `model` asset per model id per
file, and declares MCP servers through `mcp_server.server_asset`, so that a server in code gets the
facts of one in a config file. What is not a literal stays unknown, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

from aispm.formats.urls import url_host
from aispm.model import Asset, Kind, Relation, Unknown
from aispm.providers.code.catalog import ai_sdks as cat
from aispm.providers.code.mcp_launch import analyse_launch
from aispm.providers.code.mcp_server import server_asset, transport_of
from aispm.source import declared_uid, make_origin

LineMap = Callable[[int], "tuple[int, str | None]"]


class Env:
    """A value read from an environment variable at run time."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"Env({self.name!r})"



class Bound:
    """What a name is bound to, as both walkers track it: a `client`, a credential (`cred`), `tools`, a
    `data` source, MCP servers (`mcp`: a server, session, workbench or client, and their tools), an `agent`,
    a `model` (a model wrapper or a provider call), or (JS/TS) a Vercel AI SDK `provider`."""

    __slots__ = ("what", "asset", "auth", "spec", "servers", "model", "tools")

    def __init__(self, what: str, asset: Asset | None = None, *, auth: str | None = None, spec: cat.Spec | None = None,
                 servers: list[Asset] | None = None, model: Any = None,
                 tools: list[dict[str, Any]] | None = None) -> None:
        self.what = what
        self.asset = asset  # the client, data source or agent (a model wrapper's client)
        self.auth = auth
        self.spec = spec
        self.servers = servers if servers is not None else []
        self.model = model  # a model wrapper's or provider call's model id
        self.tools = tools if tools is not None else []

# --------------------------------------------------------------------------- collector

@dataclass
class Collector:
    """Builds the code-side assets of one file, with unique uids and line mapping."""

    fmt: str
    rel: str
    line_map: LineMap | None = None
    assets: list[Asset] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    taken: set[str] = field(default_factory=set)
    models: dict[str, Asset] = field(default_factory=dict)
    #: sha256 → uid of the secrets already found in the file's text (an MCP server's literal key is one of them)
    known_secrets: dict[str, str] = field(default_factory=dict)
    _rels: set[tuple[str, str, str]] = field(default_factory=set)

    def _place(self, line: int, label: str) -> tuple[str, int, str]:
        origin_line, where = self.line_map(line) if self.line_map else (line, None)
        address = f"{where or f'line {origin_line}'}:{label}"
        uid = declared_uid(self.fmt, self.rel, address)
        base, n = uid, 2
        while uid in self.taken:
            uid = f"{base}#{n}"
            n += 1
        self.taken.add(uid)
        return uid, origin_line, address

    def new(self, line: int, label: str, type_: str, kind: Kind, name: Any, props: dict[str, Any]) -> Asset:
        uid, origin_line, address = self._place(line, label)
        asset = Asset(uid=uid, provider="code", type=type_, name=name,
                      origin=make_origin(self.fmt, self.rel, origin_line, address), properties=props, kind=kind)
        self.assets.append(asset)
        return asset

    def relate(self, source: str, verb: str, target: str, **props: Any) -> None:
        key = (source, verb, target)
        if key in self._rels:
            return
        self._rels.add(key)
        self.relations.append(Relation(source, verb, target, tuple(sorted(props.items()))))

    def client(self, line: int, label: str, spec: cat.Spec, props: dict[str, Any], cls: str | None = None) -> Asset:
        p: dict[str, Any] = {"family": spec.family, "class": cls or label, "service": spec.service}
        p.update({k: v for k, v in props.items() if v is not None})
        asset = self.new(line, label, "ai-client", Kind.AI_CLIENT, label.split(".")[0], p)
        self.relate(asset.uid, "calls", call_target(p), service=p.get("service"))
        return asset

    def model(self, line: int, model_id: str, family: str, service: str | None, user: Asset | None,
              **props: Any) -> Asset:
        asset = self.models.get(model_id)
        if asset is None:
            p = {"model": model_id, "family": family}
            if service:
                p["service"] = service
            p.update({k: v for k, v in props.items() if v is not None})
            asset = self.new(line, f"model {model_id}", "model", Kind.MODEL, model_id, p)
            self.models[model_id] = asset
        if user is not None:
            self.relate(user.uid, "uses_model", asset.uid)
        return asset

    @staticmethod
    def split_tools(found_lists: list[list[dict[str, Any]] | None],
                    tools: list[dict[str, Any]] | None) -> tuple[list[dict[str, Any]] | None, list[Asset]]:
        """The tool lists of an agent's tool arguments (each None when it is not a literal list) → its tools
        (None as soon as one list is unknown) and the MCP servers among them (`{"mcp_server": asset}`)."""
        servers: list[Asset] = []
        for found in found_lists:
            if found is None:
                tools = None
                continue
            for t in found:
                if "mcp_server" in t:
                    servers.append(t["mcp_server"])
                elif tools is not None:
                    tools.append(t)
        return tools, servers

    def agent_tools(self, agent: Asset, label: str, line: int, tools: list[dict[str, Any]] | None,
                    servers: list[Asset], tool_servers: int = 0) -> None:
        """An agent's `tool` assets and fact `tool_count` (None when the tools are not a literal list; MCP servers'
        tools are listed at run time and not counted), and `runs` to each tool and MCP server. A tool entry may
        say what the tool `reads` / `calls` (a data source, another agent) and the MCP server it calls."""
        if tools is None:
            agent.set_fact("tool_count", None, path="tools", note="tools not a literal list")
            tools = []
        else:
            agent.set_fact("tool_count", len(tools), path="tools", raw=len(tools),
                           note=f"and the tools of {tool_servers} MCP server(s), listed at run time"
                           if tool_servers else None)
        servers = list(servers)
        for t in tools:
            tname = t.get("name") or "tool"
            tp = {k: v for k, v in t.items() if k not in ("reads", "calls", "calls_server")}
            tool = self.new(line, f"{label}/tool {tname}", "tool", Kind.TOOL, tname, tp)
            self.relate(agent.uid, "runs", tool.uid)
            if t.get("reads"):
                self.relate(tool.uid, "reads", t["reads"])
            if t.get("calls"):
                self.relate(tool.uid, "calls", t["calls"])
            if t.get("calls_server") is not None:
                self.relate(tool.uid, "calls", t["calls_server"].uid)
                servers.append(t["calls_server"])
        for srv in servers:
            self.relate(agent.uid, "runs", srv.uid)

    def mcp_server(self, line: int, name: Any, cfg: dict[str, Any], cls: str) -> Asset:
        """An MCP server declared in code → an `mcp-server` asset with the properties and facts of one declared
        in an MCP config file (`mcp_server.server_asset`: transport, command/args/url, `remote`, `pinned`,
        `package_launcher`, `user_authentication`, `hardcoded_secret`, ...).

        `cfg` uses the config file's keys (`type`, `command`, `args`, `env`, `url`, `headers`, `auth`, ...)
        with resolved values: a string, an `Env`, or an `Unknown`. What is not a literal stays unknown: an
        unknown command, argument or package makes `pinned` unknown, an unknown URL makes `remote` unknown,
        an unknown URL or header map makes `user_authentication` unknown unless something else authenticates;
        a header or env value that is not a literal counts as sent, never as a secret. A literal credential
        the file's secret scan already reported is not reported twice: that secret `holds_key_for` the server."""
        clean, unknown, arg_unknown = _mcp_cfg(cfg)
        transport = transport_of(clean)
        if transport == "stdio" and "command" not in clean:
            unknown.setdefault("command", Unknown("no literal command in the arguments"))
        elif transport in ("http", "sse") and "url" not in clean:
            unknown.setdefault("url", Unknown("no literal URL in the arguments"))
        label = name if isinstance(name, str) and name else _server_label(clean, unknown)
        uid, origin_line, _ = self._place(line, f"mcp-server {label}")
        address = uid[len(declared_uid(self.fmt, self.rel, "")):]
        asset, secrets, rels = server_asset(self.fmt, self.rel, origin_line, label, clean,
                                                       address=address)
        if isinstance(name, Unknown):
            asset.name = name
        props = asset.properties
        props["class"] = cls
        props.pop("client_type", None)
        for key, why in unknown.items():
            props[{"env": "env_names", "headers": "header_names"}.get(key, key)] = why
        if arg_unknown and isinstance(props.get("args"), list):
            props["args"] = [arg_unknown.get(i, a) for i, a in enumerate(props["args"])]
        facts = asset.facts
        if facts.get("transport") == "stdio":
            pkg = props.get("package")
            if "command" in unknown:
                props["launcher"] = unknown["command"]
                asset.set_fact("package_launcher", None, "command", note="command not a literal")
                asset.set_fact("pinned", None, "command/args", note="command not a literal")
            elif isinstance(pkg, str) and UNKNOWN_ARG in pkg:
                props["package"] = Unknown("package not a literal")
                asset.set_fact("pinned", None, "command/args", note="package not a literal")
            elif "args" in unknown and facts.get("package_launcher"):
                asset.set_fact("pinned", None, "command/args", note="arguments not a literal")
        if "url" in unknown:
            asset.set_fact("remote", None, "url", note=f"URL not a literal ({unknown['url'].reason})")
        if facts.get("user_authentication") is False and ("url" in unknown or "headers" in unknown):
            asset.set_fact("user_authentication", None, "headers/url",
                           note="headers or URL not a literal: a credential may be sent")
        self.taken.add(asset.uid)
        self.assets.append(asset)
        for sa, rel in zip(secrets, rels):
            sha = sa.properties.get("sha256")
            if sha in self.known_secrets:
                self.relate(self.known_secrets[sha], "holds_key_for", asset.uid)
                continue
            self.known_secrets[sha] = sa.uid
            self.taken.add(sa.uid)
            self.assets.append(sa)
            self.relate(rel.source, rel.verb, rel.target)
        return asset


# --------------------------------------------------------------------------- resolved values


def as_name(value: Any) -> Any:
    """A server's name as given: a string, an `Unknown`, or None when it has none."""
    if value is None or isinstance(value, str):
        return value or None
    return as_unknown(value)


#: an argument that is not a literal, for `mcp_launch.analyse_launch` (a reference: never a secret, never a
#: version); replaced by the `Unknown` in the asset's properties
UNKNOWN_ARG = "${aispm:unknown}"


def as_unknown(value: Any) -> Unknown:
    """A value that is not a literal, as the `Unknown` that says why."""
    if isinstance(value, Unknown):
        return value
    if isinstance(value, Env):
        return Unknown(f"environment variable {value.name}")
    return Unknown("not a literal")


def instructions_fact(agent: Asset, instructions: Any, present: bool, path: str = "instructions") -> None:
    """An agent's `instructions_length` fact: the length of literal instructions (written at `path`), else
    unknown, noting whether the agent has none (`present` false) or has instructions that are not a literal."""
    if isinstance(instructions, str):
        agent.set_fact("instructions_length", len(instructions), path=path, raw=len(instructions))
    else:
        agent.set_fact("instructions_length", None, path="instructions",
                       note="instructions not a literal" if present else "no instructions")


def _mcp_cfg(cfg: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Unknown], dict[int, Unknown]]:
    """(config with literal values only, unknown fields, unknown argument positions)."""
    clean: dict[str, Any] = {}
    unknown: dict[str, Unknown] = {}
    arg_unknown: dict[int, Unknown] = {}
    for k, v in cfg.items():
        if v is None:
            continue
        if k == "args":
            if isinstance(v, list):
                out = []
                for i, a in enumerate(v):
                    if isinstance(a, str):
                        out.append(a)
                    else:
                        out.append(UNKNOWN_ARG)
                        arg_unknown[i] = as_unknown(a)
                clean[k] = out
            else:
                unknown[k] = as_unknown(v)
        elif k in ("env", "headers"):
            if isinstance(v, dict):
                clean[k] = {str(n): x if isinstance(x, str) else UNKNOWN_ARG for n, x in v.items()}
            else:
                unknown[k] = as_unknown(v)
        elif k in ("command", "url", "type", "transport"):
            if isinstance(v, str):
                clean[k] = v
            elif k in ("command", "url"):
                unknown[k] = as_unknown(v)
        elif not isinstance(v, (Unknown, Env)):
            clean[k] = v
    return clean, unknown, arg_unknown


#: the version part of a package or image spec: `@1.2.3` (npm, after any scope), `==1.2` / `>=1` (PyPI), `:tag`
_VERSION = re.compile(r"(?<=.)@[^/@]*$|\s*[=<>!~]=.*$|\[.*$|:[^/:]*$|@sha256:.*$")


def _server_label(cfg: dict[str, Any], unknown: dict[str, Unknown]) -> str:
    """A name for a server declared without one: its package, its command, or its URL's host."""
    if isinstance(cfg.get("command"), str):
        launch = analyse_launch(cfg["command"], cfg.get("args") or [])
        if launch.package and UNKNOWN_ARG not in launch.package:
            return _VERSION.sub("", launch.package) or launch.package
        return (cfg["command"].split() or ["mcp-server"])[0]
    url = cfg.get("url")
    if isinstance(url, str):
        host = url_host(url)
        if host:
            return host
    return "mcp-server"


def call_target(props: dict[str, Any]) -> str:
    """Where a client's `calls` relation points: the Azure account its endpoint names (the linker joins
    it to the IaC asset), else the endpoint's host, else the service."""
    if props.get("azure_account_name"):
        return str(props["azure_account_name"])
    ep = props.get("endpoint")
    if isinstance(ep, str) and "://" in ep:
        host = url_host(ep)
        if host:
            return host
    return str(props.get("service") or "unknown")


def endpoint_props(value: Any) -> dict[str, Any]:
    """`endpoint`, `endpoint_env` and `azure_account_name` from a resolved endpoint value."""
    out: dict[str, Any] = {}
    if isinstance(value, Env):
        out["endpoint"] = Unknown(f"environment variable {value.name}")
        out["endpoint_env"] = value.name
    elif isinstance(value, str):
        out["endpoint"] = value
        acct = cat.azure_account(value)
        if acct:
            out["azure_account_name"], out["azure_service"] = acct
    elif isinstance(value, Unknown):
        out["endpoint"] = value
    return out


def tool_entries(o: Any) -> list[dict[str, Any]] | None:
    """The tool entries a bound object stands for in an agent's tool list — its tools, its MCP
    servers (`{"mcp_server": asset}`), or an agent used as a tool (a Semantic Kernel plugin, an
    OpenAI Agents `asTool`) — or None when it is none of these. Shared by the Python and JS/TS
    walkers, whose bound objects have the same `what`, `tools`, `servers` and `asset`."""
    if o is None:
        return None
    if o.what == "tools":
        return list(o.tools)
    if o.what == "mcp":
        return [{"mcp_server": s} for s in o.servers]
    if o.what == "agent" and o.asset is not None:
        name = o.asset.name
        return [{"name": name if isinstance(name, str) else "agent", "type": "agent", "calls": o.asset.uid}]
    return None
