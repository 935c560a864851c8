"""AI usage in Python code, read from its AST (never imported, never run).

For each `*.py` file: secrets are searched in the text (`sources.secrets`);
files that mention an AI SDK (`catalog.ai_sdks.PY_HINTS`, a substring check)
are parsed with `ast` and walked in source order:

- imports map local names to qualified names (`from langchain_openai import
  ChatOpenAI as Chat` → `Chat` = `langchain_openai.ChatOpenAI`);
- a call whose qualified name is in `catalog.ai_sdks.PY_SYMBOLS` is a client,
  a data source or a model; `boto3.client("bedrock-runtime")`,
  `X.from_pretrained("org/name")` and `openai.ChatCompletion.create` are
  recognised by shape;
- assignments bind names (`client = OpenAI()`, `self.llm = ...`) so later
  method calls (`client.chat.completions.create(model="gpt-4o")`,
  `project.agents.create_agent(...)`) attach models and agents to their client;
- values are resolved when simple: string literals, module constants, f-strings
  of constants, `os.environ["X"]` / `os.getenv("X")` (→ the variable's name).

Agent frameworks (`catalog.ai_sdks.PY_AGENTS`): OpenAI Agents SDK
(`agents.Agent`), AutoGen (`AssistantAgent`), CrewAI (`crewai.Agent`: name =
`role`, instructions = `goal` + `backstory`), LangGraph `create_react_agent`,
LangChain `create_agent` and Semantic Kernel `ChatCompletionAgent`. The
constructor's module decides the family, so an `Agent` from any other module
(`mesa`, `agents_toolkit`, local code) is not an agent. The model is a string
(`"gpt-4o"`, `"anthropic:claude-…"`, `"azure/gpt-4o"`: the prefix names the
service), a client (`ChatOpenAI(...)`, `OpenAIChatCompletionClient(...)`,
`LLM(...)`, `AzureChatCompletion(...)`: the agent `calls` it) or a model wrapper
(`OpenAIChatCompletionsModel(model=, openai_client=)`). Tools are functions
(`@function_tool`, `@tool`, `@kernel_function` names), tool classes, agents used
as tools (`agent.as_tool()`); handoffs are `calls` to the other agent.

MCP servers in code (`catalog.ai_sdks.PY_MCP`): Agents SDK `MCPServerStdio` /
`MCPServerStreamableHttp` / `MCPServerSse` / `HostedMCPTool`, AutoGen
`StdioServerParams` / `StreamableHttpServerParams` / `SseServerParams`, CrewAI
`MCPServerAdapter` params and `mcps=[url]`, `langchain_mcp_adapters`
`MultiServerMCPClient({...})`, Semantic Kernel `MCP*Plugin`, and the `mcp` SDK
(`StdioServerParameters`, `streamablehttp_client(url)`, `sse_client(url)`).
Each is an `mcp-server` asset built by `sources.mcp.server_asset`, so it has
the properties and facts of a server in an MCP config file (`Collector.mcp_server`).
Sessions, workbenches and adapters carry their servers to the agent that uses
their tools (`stdio_client(p) → ClientSession → load_mcp_tools(session)`), and
the agent `runs` each server.

Values are never guessed: a name, model, instructions, tool list, command,
package or URL that is not a literal (a variable from elsewhere, `**config`)
is an `Unknown` or an unknown fact.

Assets (`provider="code"`, uid `python-code:<file>:line <n>:<what>`):
`ai-client` (family, class, service, endpoint / endpoint_env,
azure_account_name, auth key|entra|unknown, api_key_env), `model` (one per
model id per file), `data-source` (store, index / collection names, endpoint),
`agent` (family, name, model, client; facts `instructions_length`,
`tool_count`), `tool` and `mcp-server`.
Relations: `calls` (client → Azure account name, or endpoint host, or service),
`uses_model`, `reads` (client whose embeddings feed a store → data source;
tool → data source), `runs` (agent → tool / mcp-server), `calls` (agent →
client that created it or serves its model; agent → agent it hands off to;
tool → agent or MCP server it stands for), `holds_key_for` (secret → server).

A syntax error gives `ScanError(file, line, "invalid Python: ...")`; the
file's secrets are still reported.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from aispm.providers.code.catalog import ai_sdks as cat
from aispm.model import Asset, Kind, Relation, ScanError, Unknown
from aispm.providers.code import mcp_launch, mcp_server
from aispm.formats.urls import url_host
from aispm.source import SourceContext, SourceResult, declared_uid, make_origin, readable
from aispm.providers.code.secret_assets import add_secrets

FORMAT = "python-code"

LineMap = Callable[[int], "tuple[int, str | None]"]


class Env:
    """A value read from an environment variable at run time."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"Env({self.name!r})"


# --------------------------------------------------------------------------- collector (shared with JS)

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
        in an MCP config file (`sources.mcp.server_asset`: transport, command/args/url, `remote`, `pinned`,
        `package_launcher`, `user_authentication`, `hardcoded_secret`, ...).

        `cfg` uses the config file's keys (`type`, `command`, `args`, `env`, `url`, `headers`, `auth`, ...)
        with resolved values: a string, an `Env`, or an `Unknown`. What is not a literal stays unknown: an
        unknown command, argument or package makes `pinned` unknown, an unknown URL makes `remote` unknown,
        an unknown URL or header map makes `user_authentication` unknown unless something else authenticates;
        a header or env value that is not a literal counts as sent, never as a secret. A literal credential
        the file's secret scan already reported is not reported twice: that secret `holds_key_for` the server."""
        clean, unknown, arg_unknown = _mcp_cfg(cfg)
        transport = mcp_server.transport_of(clean)
        if transport == "stdio" and "command" not in clean:
            unknown.setdefault("command", Unknown("no literal command in the arguments"))
        elif transport in ("http", "sse") and "url" not in clean:
            unknown.setdefault("url", Unknown("no literal URL in the arguments"))
        label = name if isinstance(name, str) and name else _server_label(clean, unknown)
        uid, origin_line, _ = self._place(line, f"mcp-server {label}")
        address = uid[len(declared_uid(self.fmt, self.rel, "")):]
        asset, secrets, rels = mcp_server.server_asset(self.fmt, self.rel, origin_line, label, clean,
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
            elif isinstance(pkg, str) and _UNKNOWN_ARG in pkg:
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


#: keyword arguments of server classes (`StdioServerParams(command=, args=)`) that are config fields
_MCP_KWARGS = frozenset({"command", "args", "env", "url", "headers", "transport", "auth", "cwd"})
#: config fields whose presence (any value but None / False) means the client authenticates
_MCP_AUTH_KWARGS = frozenset({"auth", "oauth", "authorization", "authentication", "auth_provider", "authProvider"})


def _as_name(value: Any) -> Any:
    """A server's name as given: a string, an `Unknown`, or None when it has none."""
    if value is None or isinstance(value, str):
        return value or None
    return _as_unknown(value)


#: an argument that is not a literal, for `sources.mcp.analyse_launch` (a reference: never a secret, never a
#: version); replaced by the `Unknown` in the asset's properties
_UNKNOWN_ARG = "${aispm:unknown}"


def _as_unknown(value: Any) -> Unknown:
    if isinstance(value, Unknown):
        return value
    if isinstance(value, Env):
        return Unknown(f"environment variable {value.name}")
    return Unknown("not a literal")


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
                        out.append(_UNKNOWN_ARG)
                        arg_unknown[i] = _as_unknown(a)
                clean[k] = out
            else:
                unknown[k] = _as_unknown(v)
        elif k in ("env", "headers"):
            if isinstance(v, dict):
                clean[k] = {str(n): x if isinstance(x, str) else _UNKNOWN_ARG for n, x in v.items()}
            else:
                unknown[k] = _as_unknown(v)
        elif k in ("command", "url", "type", "transport"):
            if isinstance(v, str):
                clean[k] = v
            elif k in ("command", "url"):
                unknown[k] = _as_unknown(v)
        elif not isinstance(v, (Unknown, Env)):
            clean[k] = v
    return clean, unknown, arg_unknown


#: the version part of a package or image spec: `@1.2.3` (npm, after any scope), `==1.2` / `>=1` (PyPI), `:tag`
_VERSION = re.compile(r"(?<=.)@[^/@]*$|\s*[=<>!~]=.*$|\[.*$|:[^/:]*$|@sha256:.*$")


def _server_label(cfg: dict[str, Any], unknown: dict[str, Unknown]) -> str:
    """A name for a server declared without one: its package, its command, or its URL's host."""
    if isinstance(cfg.get("command"), str):
        launch = mcp_launch.analyse_launch(cfg["command"], cfg.get("args") or [])
        if launch.package and _UNKNOWN_ARG not in launch.package:
            return _VERSION.sub("", launch.package) or launch.package
        return cfg["command"].split()[0]
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


# --------------------------------------------------------------------------- values

def _under(q: str, prefix: str) -> bool:
    """`q` lives in package `prefix` (`langchain` also covers `langchain_openai`, `langchain_community`); a prefix
    ending in `.` is that package only (`agents.` is not `agents_toolkit`)."""
    if prefix.endswith("."):
        return q.startswith(prefix)
    return q.startswith(prefix) and (len(q) == len(prefix) or q[len(prefix)] in "._")


def _dotted(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else None
    return None


@dataclass
class _Obj:
    what: str  # client | cred | tools | toolset | data | mcp | agent | model
    asset: Asset | None = None  # the client, data source or agent (a model wrapper's client)
    auth: str | None = None
    tools: list[dict[str, Any]] = field(default_factory=list)
    servers: list[Asset] = field(default_factory=list)  # MCP servers (a server, session, workbench, its tools)
    model: Any = None  # a model wrapper's model id


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


class _Analyzer(ast.NodeVisitor):
    def __init__(self, tree: ast.Module, col: Collector) -> None:
        self.col = col
        self.imports: dict[str, str] = {}
        self.consts: dict[str, Any] = {}
        self.bindings: dict[str, _Obj] = {}
        self.functions: set[str] = set()
        self.done: set[int] = set()
        self.openai_module: dict[str, Any] = {}
        self.legacy_client: Asset | None = None
        self.literals: dict[str, ast.expr] = {}  # names assigned once a dict / list / tuple display
        self.tool_funcs: dict[str, Any] = {}  # functions decorated as tools → the tool's name
        self.mcp_memo: dict[int, Asset] = {}  # dict displays / URL strings that declared an MCP server
        self._prepass(tree)

    # ---- prepass: imports, constants, function names, openai module config
    def _prepass(self, tree: ast.Module) -> None:
        assigned: dict[str, list[ast.AST]] = {}
        decorated: list[ast.FunctionDef | ast.AsyncFunctionDef] = []
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for a in node.names:
                    if a.asname:
                        self.imports[a.asname] = a.name
                    else:
                        top = a.name.split(".")[0]
                        self.imports.setdefault(top, top)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                for a in node.names:
                    self.imports[a.asname or a.name] = f"{node.module}.{a.name}"
            elif isinstance(node, ast.ImportFrom) and node.level:
                for a in node.names:  # relative imports: local code, not an SDK
                    self.imports.pop(a.asname or a.name, None)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.functions.add(node.name)
                if node.decorator_list:
                    decorated.append(node)
            elif isinstance(node, ast.Assign) and len(node.targets) == 1:
                t = node.targets[0]
                if isinstance(t, ast.Name):
                    assigned.setdefault(t.id, []).append(node.value)
                elif isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id == "openai":
                    self.openai_module[t.attr] = node.value
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
                assigned.setdefault(node.target.id, []).append(node.value)
        for name, values in assigned.items():
            if len(values) == 1 and isinstance(values[0], (ast.Dict, ast.List, ast.Tuple)):
                self.literals[name] = values[0]
            if len(values) == 1 and isinstance(values[0], (ast.Constant, ast.JoinedStr, ast.Subscript, ast.Call,
                                                             ast.BinOp)):
                if isinstance(values[0], ast.Call) and not self._is_env_call(values[0]):
                    continue
                self.consts[name] = values[0]
        for fn in decorated:  # after the constants: `@function_tool(name_override=NAME)`
            for dec in fn.decorator_list:
                target = dec.func if isinstance(dec, ast.Call) else dec
                q = self.qual(target) or ""
                row = cat.PY_TOOL_DECORATORS.get(q.split(".")[-1])
                if not row or not any(_under(q, p) for p in row[0]):
                    continue
                named = None
                if isinstance(dec, ast.Call):
                    kw = self._kw(dec)
                    named = kw.get(row[1])
                    if named is None and row[2] is not None and len(dec.args) > row[2]:
                        named = dec.args[row[2]]
                self.tool_funcs[fn.name] = self.value(named) if named is not None else fn.name

    def _is_env_call(self, node: ast.Call) -> bool:
        q = self.qual(node.func) or ""
        return q in ("os.getenv", "os.environ.get") or q.endswith(".getenv")

    # ---- names
    def qual(self, node: ast.AST) -> str | None:
        if isinstance(node, ast.Name):
            return self.imports.get(node.id)
        if isinstance(node, ast.Attribute):
            base = self.qual(node.value)
            return f"{base}.{node.attr}" if base else None
        return None

    def value(self, node: ast.AST | None, depth: int = 0) -> Any:
        if node is None:
            return None
        if depth > 8:
            return Unknown("expression too deep")
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.Name):
            if node.id in self.consts:
                return self.value(self.consts[node.id], depth + 1)
            return Unknown(f"variable {node.id}")
        if isinstance(node, ast.JoinedStr):
            parts = []
            for v in node.values:
                r = self.value(v.value if isinstance(v, ast.FormattedValue) else v, depth + 1)
                if not isinstance(r, str):
                    return Unknown(f"f-string with {ast.unparse(v)[:60]}")
                parts.append(r)
            return "".join(parts)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            a, b = self.value(node.left, depth + 1), self.value(node.right, depth + 1)
            if isinstance(a, str) and isinstance(b, str):
                return a + b
            return Unknown("concatenation of values not known")
        if isinstance(node, ast.Subscript):
            if _dotted(node.value) in ("os.environ", "environ"):
                key = self.value(node.slice, depth + 1)
                if isinstance(key, str):
                    return Env(key)
            return Unknown(f"subscript {ast.unparse(node)[:60]}")
        if isinstance(node, ast.Call):
            d = _dotted(node.func) or ""
            if d in ("os.getenv", "getenv", "os.environ.get", "environ.get") and node.args:
                key = self.value(node.args[0], depth + 1)
                if isinstance(key, str):
                    return Env(key)
            return Unknown(f"call {d or 'expression'}()")
        return Unknown(f"expression {type(node).__name__}")

    def obj(self, node: ast.AST | None) -> _Obj | None:
        if node is None:
            return None
        if isinstance(node, ast.Call):
            return self.call(node)
        d = _dotted(node)
        return self.bindings.get(d) if d else None

    # ---- visiting
    def visit_Assign(self, node: ast.Assign) -> None:
        self._bind(node.targets, node.value)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self._bind([node.target], node.value)

    def visit_With(self, node: ast.With) -> None:
        for item in node.items:
            if isinstance(item.optional_vars, (ast.Tuple, ast.List)):  # `stdio_client(p) as (read, write)`
                self._bind(list(item.optional_vars.elts), item.context_expr)
            elif item.optional_vars is not None:
                self._bind([item.optional_vars], item.context_expr)
            else:
                self.visit(item.context_expr)
        for stmt in node.body:
            self.visit(stmt)

    visit_AsyncWith = visit_With  # type: ignore[assignment]

    def _bind(self, targets: list[ast.expr], value: ast.expr) -> None:
        o = self.call(value) if isinstance(value, ast.Call) else self.obj(value)
        if isinstance(value, ast.Await) and isinstance(value.value, ast.Call):
            o = self.call(value.value)
        for t in targets:
            d = _dotted(t)
            if d and o is not None:
                self.bindings[d] = o
            elif d:
                self.bindings.pop(d, None)
        self.generic_visit(value)

    def visit_Call(self, node: ast.Call) -> None:
        self.call(node)
        self.generic_visit(node)

    # ---- calls
    def call(self, node: ast.Call) -> _Obj | None:
        if id(node) in self.done:
            return self._memo.get(id(node))
        self.done.add(id(node))
        o = self._call(node)
        self._memo[id(node)] = o
        return o

    _memo: dict[int, _Obj | None]

    def _kw(self, node: ast.Call) -> dict[str, ast.expr]:
        return {k.arg: k.value for k in node.keywords if k.arg}

    def _call(self, node: ast.Call) -> _Obj | None:
        func = node.func
        # method call on something bound (or on a client-constructing call)
        if isinstance(func, ast.Attribute):
            root, chain = func.value, [func.attr]
            while isinstance(root, ast.Attribute):
                chain.insert(0, root.attr)
                root = root.value
            d = _dotted(func.value)
            bound = None
            for k in range(len(chain) - 1, -1, -1):  # self.client.chat... → longest bound prefix
                prefix = _dotted(root)
                if prefix is None:
                    break
                key = ".".join([prefix] + chain[:k])
                if key in self.bindings:
                    bound = self.bindings[key]
                    chain = chain[k:]
                    break
            if bound is None and isinstance(root, ast.Call):
                bound = self.call(root)
            if bound is not None and not (d and self.qual(func.value)):
                return self._method(node, bound, chain)
            if func.attr in ("enter_async_context", "enter_context") and node.args:  # AsyncExitStack
                inner = node.args[0]
                return self.call(inner) if isinstance(inner, ast.Call) else self.obj(inner)
        q = self.qual(func)
        if q is None:
            return None
        parts = q.split(".")
        last = parts[-1]
        kw = self._kw(node)
        # Bedrock runtime through boto3 (any `.client("bedrock-runtime")`)
        if last == "client" and parts[0] in ("boto3", "aioboto3"):
            return self._bedrock(node, q, kw)
        if last == "from_pretrained" and parts[0] in cat.HF_PACKAGES:
            self._hf_model(node, kw, loader=parts[-2] if len(parts) > 1 else last)
            return None
        if parts[0] == "openai" and cat.OPENAI_LEGACY.match(q) and len(parts) > 2:
            self._legacy_openai(node, q, kw)
            return None
        if last in cat.ENTRA_CREDENTIALS:
            return _Obj("cred", auth="entra")
        if last in cat.KEY_CREDENTIALS:
            return _Obj("cred", auth="key")
        for prefix, aspec in cat.PY_AGENTS.get(last, ()):
            if _under(q, prefix):
                return self._agent(node, aspec, None, kw)
        for prefix, mspec in cat.PY_MCP.get(last, ()):
            if _under(q, prefix):
                return self._mcp_decl(node, q, mspec, kw)
        if any(_under(q, p) for p in cat.PY_MCP_PASS.get(last, ())):
            arg = node.args[0] if node.args else next(iter(kw.values()), None)
            return _Obj("mcp", servers=self._mcp_servers_of(arg, q))
        wrapper = cat.PY_MODEL_WRAPPERS.get(last)
        if wrapper and _under(q, wrapper[0]):
            return self._model_wrapper(node, kw, wrapper[1])
        if last.endswith("Tool") or last in ("ToolSet", "AsyncToolSet", "function_tool"):
            return _Obj("tools", tools=self._tool_call(node, last, kw))
        for key in ((f"{parts[-2]}.{last}",) if len(parts) > 1 else ()) + (last,):
            for prefix, spec in cat.PY_SYMBOLS.get(key, ()):
                if _under(q, prefix):
                    return self._construct(node, q, key, spec, kw)
        if len(parts) > 1 and last in cat.DATA_CLASSMETHODS:
            for prefix, spec in cat.PY_SYMBOLS.get(parts[-2], ()):
                if _under(q, prefix) and spec.kind == "data-source":
                    return self._construct(node, q, parts[-2], spec, kw)
        return None

    def _line(self, node: ast.AST) -> int:
        return getattr(node, "lineno", 1)

    def _auth(self, kw: dict[str, ast.expr], spec: cat.Spec) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for k in cat.ENTRA_KWARGS:
            if k in kw:
                out["auth"] = "entra"
                return out
        for k in cat.CREDENTIAL_KWARGS:
            if k in kw:
                o = self.obj(kw[k])
                out["auth"] = o.auth if o and o.what == "cred" and o.auth else "unknown"
                return out
        for k in cat.KEY_KWARGS:
            if k in kw:
                v = self.value(kw[k])
                out["auth"] = "key"
                if isinstance(v, Env):
                    out["api_key_env"] = v.name
                elif isinstance(v, str):
                    out["api_key_literal"] = True
                return out
        out["auth"] = spec.default_auth
        if spec.default_key_env and spec.default_auth == "key":
            out["api_key_env"] = spec.default_key_env
        return out

    def _construct(self, node: ast.Call, q: str, key: str, spec: cat.Spec, kw: dict[str, ast.expr]) -> _Obj | None:
        line = self._line(node)
        props: dict[str, Any] = {}
        ep_node = next((kw[k] for k in spec.endpoint_kwargs if k in kw), None)
        if ep_node is None and spec.endpoint_arg is not None and len(node.args) > spec.endpoint_arg:
            ep_node = node.args[spec.endpoint_arg]
        if ep_node is not None:
            props.update(endpoint_props(self.value(ep_node)))
        elif spec.default_endpoint_env:
            props.update(endpoint_props(Env(spec.default_endpoint_env)))
        for prop, k in spec.extra:
            if k in kw:
                v = self.value(kw[k])
                props[prop] = v if not isinstance(v, Env) else Unknown(f"environment variable {v.name}")
        model_node = next((kw[k] for k in spec.model_kwargs if k in kw), None)
        if model_node is None and spec.model_arg is not None and len(node.args) > spec.model_arg:
            model_node = node.args[spec.model_arg]
        model = self.value(model_node) if model_node is not None else None
        if spec.model_prefix and isinstance(model, str):
            model, svc = cat.split_model(model, spec.model_prefix)
            if svc:
                props["service"] = svc
        if spec.kind == "model":
            if q.endswith(".pipeline"):
                task = self.value(node.args[0]) if node.args else self.value(kw.get("task"))
                model = self.value(kw.get("model")) if "model" in kw else None
                if isinstance(model, str):
                    self.col.model(line, model, spec.family, spec.service, None, loader="pipeline",
                                   task=task if isinstance(task, str) else None,
                                   **self._hf_extra(kw, model))
                return None
            if isinstance(model, str):
                self.col.model(line, model, spec.family, spec.service, None, loader=q.split(".")[-1],
                               **self._hf_extra(kw, model))
            return None
        if spec.kind == "data-source":
            return self._data_source(node, q, spec, kw, props)
        if q.startswith("google.genai") and "vertexai" in kw:
            vx = self.value(kw["vertexai"])
            if vx is True:
                props["service"] = "vertex-ai"
                props["vertexai"] = True
                spec = cat.Spec("client", spec.family, "vertex-ai")  # Google ADC, not a key
        props.update(self._auth(kw, spec))
        if isinstance(model, str):
            props["model"] = model
        elif isinstance(model, Env):
            props["model_env"] = model.name
        client = self.col.client(line, key, spec, props, cls=q)
        if isinstance(model, str):
            self.col.model(line, model, spec.family, props.get("service", spec.service), client)
        return _Obj("client", client)

    def _hf_extra(self, kw: dict[str, ast.expr], model: str) -> dict[str, Any]:
        out: dict[str, Any] = {"source": "local" if model.startswith((".", "/", "~")) else "huggingface-hub"}
        if "revision" in kw:
            r = self.value(kw["revision"])
            out["revision"] = r if isinstance(r, str) else None
        if "trust_remote_code" in kw:
            out["trust_remote_code"] = self.value(kw["trust_remote_code"]) is True
        return out

    def _hf_model(self, node: ast.Call, kw: dict[str, ast.expr], loader: str) -> None:
        arg = node.args[0] if node.args else kw.get("pretrained_model_name_or_path")
        model = self.value(arg) if arg is not None else None
        if isinstance(model, str):
            self.col.model(self._line(node), model, "huggingface", "huggingface-hub", None, loader=loader,
                           **self._hf_extra(kw, model))

    def _data_source(self, node: ast.Call, q: str, spec: cat.Spec, kw: dict[str, ast.expr],
                     props: dict[str, Any]) -> _Obj:
        p: dict[str, Any] = {"family": spec.family, "class": q, "store": spec.service}
        p.update(props)
        for k in spec.index_kwargs:
            if k in kw:
                v = self.value(kw[k])
                p[k] = Unknown(f"environment variable {v.name}") if isinstance(v, Env) else v
        for prop, k in spec.extra:
            if k in kw:
                p[prop] = self.value(kw[k])
        for k in ("connection", "connection_string", "connection_args"):
            v = self.value(kw[k]) if k in kw else None
            if isinstance(v, str) and "://" in v:
                p["host"] = url_host(v)
                p.pop("endpoint", None)
        if q.endswith("load_local") and node.args:
            v = self.value(node.args[0])
            if isinstance(v, str):
                p["folder_path"] = v
        name = next((p[k] for k in ("index_name", "collection_name", "table_name") if isinstance(p.get(k), str)),
                    spec.service)
        qp = q.split(".")
        short = ".".join(qp[-2:]) if qp[-1] in cat.DATA_CLASSMETHODS else qp[-1]
        ds = self.col.new(self._line(node), f"data-source {short}", "data-source",
                          Kind.DATA_SOURCE, name, p)
        if p.get("azure_account_name"):
            self.col.relate(ds.uid, "calls", str(p["azure_account_name"]), service=spec.service)
        for a in list(node.args) + list(kw.values()):
            o = None
            while isinstance(a, (ast.Name, ast.Attribute)) and o is None:
                o = self.obj(a)
                a = a.value if isinstance(a, ast.Attribute) else None
            if o and o.what == "client" and o.asset:
                self.col.relate(o.asset.uid, "reads", ds.uid)
        return _Obj("data", ds)

    def _bedrock(self, node: ast.Call, q: str, kw: dict[str, ast.expr]) -> _Obj | None:
        svc_node = node.args[0] if node.args else kw.get("service_name")
        svc = self.value(svc_node) if svc_node is not None else None
        if not isinstance(svc, str) or svc not in cat.BEDROCK_SERVICES:
            return None
        spec = cat.Spec("client", "bedrock", svc)
        props: dict[str, Any] = {}
        if "region_name" in kw:
            r = self.value(kw["region_name"])
            props["region"] = r if isinstance(r, str) else (Unknown(f"environment variable {r.name}")
                                                           if isinstance(r, Env) else r)
        if "endpoint_url" in kw:
            props.update(endpoint_props(self.value(kw["endpoint_url"])))
        props["auth"] = "key" if "aws_access_key_id" in kw else "unknown"
        return _Obj("client", self.col.client(self._line(node), q, spec, props))

    def _legacy_openai(self, node: ast.Call, q: str, kw: dict[str, ast.expr]) -> None:
        if self.legacy_client is None:
            props: dict[str, Any] = {}
            cfg = self.openai_module
            api_type = self.value(cfg.get("api_type")) if "api_type" in cfg else None
            service = "azure-openai" if isinstance(api_type, str) and api_type.startswith("azure") else "openai"
            ep = cfg.get("api_base") or cfg.get("azure_endpoint") or cfg.get("base_url")
            if ep is not None:
                props.update(endpoint_props(self.value(ep)))
            if "api_key" in cfg:
                v = self.value(cfg["api_key"])
                props["auth"] = "key"
                if isinstance(v, Env):
                    props["api_key_env"] = v.name
            elif "azure_ad_token_provider" in cfg or api_type == "azure_ad":
                props["auth"] = "entra"
            else:
                props["auth"] = "key"
                props["api_key_env"] = "OPENAI_API_KEY"
            props["api"] = "module-level"
            spec = cat.Spec("client", "openai", service)
            self.legacy_client = self.col.client(self._line(node), q, spec, props)
        model_node = kw.get("model") or kw.get("engine") or kw.get("deployment_id")
        model = self.value(model_node) if model_node is not None else None
        if isinstance(model, str):
            self.col.model(self._line(node), model, "openai", self.legacy_client.properties.get("service"),
                           self.legacy_client)

    # ---- methods on bound objects
    def _method(self, node: ast.Call, bound: _Obj, chain: list[str]) -> _Obj | None:
        method = chain[-1] if chain else ""
        kw = self._kw(node)
        if bound.what == "tools" and method in ("add", "append", "extend"):
            for a in node.args:
                o = self.obj(a)
                bound.tools.extend(o.tools if o and o.what == "tools" else self._tools(a))
            return None
        if bound.what == "mcp":
            return _Obj("mcp", servers=list(bound.servers)) if method in cat.MCP_TOOL_METHODS else None
        if bound.what == "agent" and bound.asset is not None and method == "as_tool":  # OpenAI Agents SDK
            tname = self.value(kw["tool_name"]) if "tool_name" in kw else bound.asset.name
            return _Obj("tools", tools=[{"name": tname if isinstance(tname, str) else "agent", "type": "agent",
                                         "calls": bound.asset.uid}])
        if bound.what != "client" or bound.asset is None:
            return None
        client = bound.asset
        dotted = ".".join(chain)
        if method in cat.AGENT_METHODS or any(dotted.endswith(c) for c in cat.AGENT_CHAINS):
            self._agent(node, cat.CLIENT_AGENT, client, kw)
            return None
        if cat.CLIENT_GETTERS.match(method):
            return bound
        model_node = next((kw[k] for k in ("model", "modelId", "model_id", "deployment_id", "engine",
                                           "deployment_name") if k in kw), None)
        if model_node is not None:
            model = self.value(model_node)
            if isinstance(model, str):
                self.col.model(self._line(node), model, str(client.properties.get("family")),
                               client.properties.get("service"), client)
        return None

    # ---- agents and tools
    def _agent(self, node: ast.Call, spec: cat.AgentSpec, client: Asset | None,
               kw: dict[str, ast.expr]) -> _Obj:
        """An agent: its name, instructions, model (and the client behind it), tools, MCP servers, handoffs."""
        line = self._line(node)
        family = spec.family or (str(client.properties.get("family", "unknown")) if client else "unknown")
        # `Agent(**config)`: what is not spelled out may be in the unpacked mapping
        unpacked = Unknown("keyword arguments unpacked from a variable") \
            if any(k.arg is None for k in node.keywords) else None
        name_node = self._arg(node, kw, spec.name, spec.name_arg)
        name = self.value(name_node) if name_node is not None else unpacked if unpacked is not None else \
            Unknown("agent has no name")
        if isinstance(name, Env):
            name = Unknown(f"environment variable {name.name}")
        elif not isinstance(name, (str, Unknown)):
            name = Unknown("name not a string")
        instr_nodes = [kw[k] for k in spec.instructions if k in kw]
        if not spec.join_instructions:
            instr_nodes = instr_nodes[:1]
        instr_values = [self.value(n) for n in instr_nodes]
        instructions = "".join(instr_values) if instr_values and all(isinstance(v, str) for v in instr_values) \
            else None
        model_node = self._arg(node, kw, spec.model, spec.model_arg)
        model, model_client, service = self._agent_model(model_node, spec)
        if model_node is None and unpacked is not None:
            model = unpacked
        client = client or model_client
        if service is None and client is not None:
            service = client.properties.get("service")
        props: dict[str, Any] = {"family": family, "name": name}
        if model is not None:
            props["model"] = model
        if client is not None:
            props["client"] = client.uid
        label = f"agent {name}" if isinstance(name, str) else "agent"
        agent = self.col.new(line, label, "agent", Kind.AGENT, name, props)
        if isinstance(instructions, str):
            agent.set_fact("instructions_length", len(instructions), path="+".join(spec.instructions[:1] if not
                           spec.join_instructions else spec.instructions), raw=len(instructions))
        else:
            agent.set_fact("instructions_length", None, path="instructions",
                           note="no instructions" if not instr_nodes and unpacked is None else "instructions not a literal")
        if client is not None:
            self.col.relate(agent.uid, "calls", client.uid)
        if isinstance(model, str):
            self.col.model(line, model, family, service, agent)
        tools: list[dict[str, Any]] | None = None if unpacked is not None and not any(k in kw for k in spec.tools) else []
        tool_nodes = [kw[k] for k in spec.tools if k in kw]
        if not tool_nodes and spec.tools_arg is not None and len(node.args) > spec.tools_arg:
            tool_nodes = [node.args[spec.tools_arg]]
        tools, servers = self.col.split_tools([self._tool_list(tn) for tn in tool_nodes], tools)
        tool_servers = len(servers)
        for k in spec.mcp:
            if k in kw:
                servers.extend(self._mcp_servers_of(kw[k], f"{family} agent {k}"))
        self.col.agent_tools(agent, label, line, tools, servers, tool_servers)
        for k in spec.handoffs:
            if k in kw:
                for other in self._elements(kw[k]):
                    if isinstance(other, ast.Call) and other.args and (self.qual(other.func) or "").endswith(
                            "handoff"):
                        other = other.args[0]
                    o = self.obj(other)
                    if o is not None and o.what == "agent" and o.asset is not None:
                        self.col.relate(agent.uid, "calls", o.asset.uid, via="handoff")
        return _Obj("agent", agent)

    def _arg(self, node: ast.Call, kw: dict[str, ast.expr], names: tuple[str, ...],
             position: int | None) -> ast.expr | None:
        """The first of the keyword arguments `names` given, else the positional argument at `position`."""
        found = next((kw[k] for k in names if k in kw), None)
        if found is None and position is not None and len(node.args) > position \
                and not isinstance(node.args[position], ast.Starred):
            found = node.args[position]
        return found

    def _elements(self, node: ast.AST) -> list[ast.expr]:
        lit = self._literal(node)
        if isinstance(lit, (ast.List, ast.Tuple, ast.Set)):
            return [e.value if isinstance(e, ast.Starred) else e for e in lit.elts]
        return []

    def _literal(self, node: ast.AST | None) -> ast.expr | None:
        """A dict / list / tuple display, directly or through a name assigned once."""
        if isinstance(node, (ast.Dict, ast.List, ast.Tuple, ast.Set)):
            return node
        if isinstance(node, ast.Name) and node.id in self.literals and node.id not in self.bindings:
            return self.literals[node.id]
        return None

    def _agent_model(self, node: ast.expr | None, spec: cat.AgentSpec) -> tuple[Any, Asset | None, str | None]:
        """(model id or `Unknown`, the client that serves it, its service) from an agent's model argument: a
        string (`"gpt-4o"`, `"openai:gpt-4o"`, `"azure/gpt-4o"`), a client (`ChatOpenAI(model=...)`,
        `OpenAIChatCompletionClient(...)`, `LLM(...)`, `AzureChatCompletion(...)`), a model wrapper, or an
        AutoGen 0.2 `llm_config` dict."""
        if node is None:
            return Unknown("no model argument: the framework's default or a model set elsewhere"), None, None
        if isinstance(node, ast.Await):
            node = node.value
        lit = self._literal(node)
        if isinstance(lit, ast.Dict):
            return self._config_model(lit), None, None
        o = self.obj(node)
        if o is not None and o.what in ("client", "model"):
            m = o.model if o.what == "model" else (o.asset.properties.get("model") if o.asset else None)
            if not isinstance(m, str):
                env = o.asset.properties.get("model_env") if o.asset is not None and o.what == "client" else None
                m = Unknown(f"environment variable {env}") if env else _as_unknown(m) if m is not None else \
                    Unknown("the client's model is not a literal")
            service = o.asset.properties.get("service") if o.asset is not None else None
            return m, o.asset, service
        v = self.value(node)
        if isinstance(v, str):
            m, service = cat.split_model(v, spec.model_prefix)
            return m, None, service
        return _as_unknown(v), None, None

    def _config_model(self, d: ast.Dict) -> Any:
        """`{"model": ...}` or `{"config_list": [{"model": ...}]}` (AutoGen 0.2 `llm_config`)."""
        fields = {self.value(k): v for k, v in zip(d.keys, d.values) if k is not None}
        if "model" in fields:
            v = self.value(fields["model"])
            return v if isinstance(v, str) else _as_unknown(v)
        items = self._elements(fields["config_list"]) if "config_list" in fields else []
        first = self._literal(items[0]) if items else None
        if isinstance(first, ast.Dict):
            return self._config_model(first)
        return Unknown("model not in a literal llm_config")

    def _model_wrapper(self, node: ast.Call, kw: dict[str, ast.expr], client_kwargs: tuple[str, ...]) -> _Obj:
        """`OpenAIChatCompletionsModel(model="gpt-4o", openai_client=AsyncAzureOpenAI(...))`."""
        model_node = self._arg(node, kw, ("model",), 0)
        model = self.value(model_node) if model_node is not None else Unknown("no model argument")
        client_node = self._arg(node, kw, client_kwargs, 1)
        o = self.obj(client_node) if client_node is not None else None
        client = o.asset if o is not None and o.what == "client" else None
        if isinstance(model, str):
            self.col.model(self._line(node), model, str(client.properties.get("family")) if client else "openai-agents",
                           client.properties.get("service") if client else None, client)
        return _Obj("model", client, model=model if isinstance(model, str) else _as_unknown(model))

    # ---- MCP servers
    def _mcp_decl(self, node: ast.Call, q: str, spec: cat.McpSpec, kw: dict[str, ast.expr]) -> _Obj:
        line = self._line(node)
        if spec.servers is not None:  # a map of named servers
            conns = self._arg(node, kw, (spec.servers,), spec.servers_arg)
            lit = self._literal(conns)
            servers = []
            if isinstance(lit, ast.Dict):
                for k, v in zip(lit.keys, lit.values):
                    entry = self._literal(v)
                    if k is None or not isinstance(entry, ast.Dict):
                        continue
                    sname = self.value(k)
                    servers.append(self._dict_server(entry, q, getattr(k, "lineno", line),
                                                     sname if isinstance(sname, str) else _as_unknown(sname)))
            return _Obj("mcp", servers=servers)
        name = self.value(kw["name"]) if "name" in kw else None
        if spec.params is not None:
            pnode = self._arg(node, kw, (spec.params,), spec.params_arg)
            lit = self._literal(pnode)
            if isinstance(lit, ast.Dict):
                cfg = self._dict_cfg(lit)
            else:
                cfg = {"command" if spec.transport == "stdio" else "url": Unknown("server parameters not a literal")}
        else:
            cfg = {k: self._cfg_field(k, v) for k, v in kw.items() if k in _MCP_KWARGS}
            if spec.url_arg is not None and "url" not in cfg and len(node.args) > spec.url_arg:
                cfg["url"] = self._cfg_field("url", node.args[spec.url_arg])
            if any(k.arg is None for k in node.keywords):  # `**client_kwargs`: what is not spelled out is unknown
                for f in ("command", "args", "env") if spec.transport == "stdio" else ("url", "headers"):
                    cfg.setdefault(f, Unknown("keyword arguments unpacked from a variable"))
        if spec.transport:
            cfg["type"] = spec.transport
        hosted = q.endswith("HostedMCPTool")
        if hosted:
            name = cfg.pop("server_label", None)
            cfg.pop("server_url", None)
        server = self.col.mcp_server(line, _as_name(name), cfg, q)
        if hosted:  # a tool of the agent that calls the server, as Foundry MCP tools are
            label = server.name if isinstance(server.name, str) else "mcp"
            return _Obj("tools", tools=[{"name": label, "type": "mcp", "server_url": server.properties.get("url"),
                                         "calls_server": server}])
        return _Obj("mcp", servers=[server])

    def _dict_server(self, d: ast.Dict, cls: str, line: int, name: Any = None) -> Asset:
        """A server declared by a dict display (a `MultiServerMCPClient` entry, CrewAI adapter params); once."""
        if id(d) not in self.mcp_memo:
            cfg = self._dict_cfg(d)
            if name is None:
                name = cfg.pop("name", None)
            self.mcp_memo[id(d)] = self.col.mcp_server(line, _as_name(name), cfg, cls)
        return self.mcp_memo[id(d)]

    def _dict_cfg(self, d: ast.Dict) -> dict[str, Any]:
        cfg: dict[str, Any] = {}
        for k, v in zip(d.keys, d.values):
            key = self.value(k) if k is not None else None
            if isinstance(key, str):
                key = {"server_url": "url", "serverUrl": "url"}.get(key, key)
                cfg[key] = self._cfg_field(key, v)
        return cfg

    def _cfg_field(self, key: str, node: ast.expr) -> Any:
        """A server config value: a literal, an `Env`, or an `Unknown` (lists and maps element by element)."""
        if key == "args":
            lit = self._literal(node)
            if isinstance(lit, (ast.List, ast.Tuple)):
                return [Unknown("unpacked arguments") if isinstance(e, ast.Starred) else self.value(e)
                        for e in lit.elts]
            return _as_unknown(self.value(node))
        if key in ("env", "headers"):
            lit = self._literal(node)
            if isinstance(lit, ast.Dict) and all(k is not None for k in lit.keys):
                keys = [self.value(k) for k in lit.keys]
                if all(isinstance(k, str) for k in keys):
                    return {k: self.value(v) for k, v in zip(keys, lit.values)}
            return Unknown(f"{key} not a literal map")
        if key in _MCP_AUTH_KWARGS:
            if isinstance(node, ast.Constant) and not node.value:
                return None
            return f"{key} configured"
        if key in ("require_approval", "allowed_tools", "server_label"):
            try:
                return ast.literal_eval(node)
            except (ValueError, SyntaxError, TypeError):
                v = self.value(node)
                return v if isinstance(v, str) else _as_unknown(v)
        return self.value(node)

    def _mcp_servers_of(self, node: ast.AST | None, cls: str = "dict") -> list[Asset]:
        """The MCP servers an expression stands for: a server / session / workbench / tools object, a list of
        them, a config dict, or a server URL string (CrewAI `mcps=["https://..."]`)."""
        if node is None:
            return []
        if isinstance(node, (ast.Starred, ast.Await)):
            node = node.value
        lit = self._literal(node)
        if isinstance(lit, (ast.List, ast.Tuple, ast.Set)):
            return [s for e in lit.elts for s in self._mcp_servers_of(e, cls)]
        if isinstance(lit, ast.Dict):
            return [self._dict_server(lit, cls, getattr(lit, "lineno", 1))]
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if "://" not in node.value:
                return []
            if id(node) not in self.mcp_memo:
                url = node.value.split("#", 1)[0]  # CrewAI `url#tool_name` picks one tool of the server
                self.mcp_memo[id(node)] = self.col.mcp_server(node.lineno, None, {"type": "http", "url": url}, cls)
            return [self.mcp_memo[id(node)]]
        if isinstance(node, ast.Subscript):  # `mcp_tools["tool_name"]`: one tool of those servers
            return self._mcp_servers_of(node.value, cls)
        o = self.obj(node)
        return list(o.servers) if o is not None else []

    def _tool_list(self, node: ast.expr) -> list[dict[str, Any]] | None:
        """The tools a `tools=` argument lists, or None when they are not known (a variable from elsewhere, the
        result of a call): a count would be a guess."""
        n = node.value if isinstance(node, ast.Await) else node
        if isinstance(n, (ast.Name, ast.Attribute)):
            d = _dotted(n)
            known = (d in self.bindings) or (isinstance(n, ast.Name) and (
                n.id in self.functions or n.id in self.tool_funcs or n.id in self.literals)) or (
                isinstance(n, ast.Attribute) and n.attr in ("definitions", "resources"))
            if not known:
                return None
        elif isinstance(n, ast.Call):
            o = self.call(n)
            if o is None or o.what not in ("tools", "mcp", "agent"):
                return None
        return self._tools(n)

    def _tools(self, node: ast.AST) -> list[dict[str, Any]]:
        """Tool entries of a tools expression; an MCP server among them is `{"mcp_server": asset}`."""
        if isinstance(node, (ast.Await, ast.Starred)):
            return self._tools(node.value)
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            out: list[dict[str, Any]] = []
            for e in node.elts:
                out.extend(self._tools(e.value if isinstance(e, ast.Starred) else e))
            return out
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return self._tools(node.left) + self._tools(node.right)
        if isinstance(node, ast.Dict):
            d = {self.value(k): v for k, v in zip(node.keys, node.values) if k is not None}
            ttype = self.value(d["type"]) if "type" in d else "unknown"
            t: dict[str, Any] = {"type": ttype if isinstance(ttype, str) else "unknown"}
            t["name"] = t["type"]
            fn = d.get("function") or d.get(t["type"])
            if isinstance(fn, ast.Dict):
                fd = {self.value(k): v for k, v in zip(fn.keys, fn.values) if k is not None}
                if "name" in fd and isinstance(self.value(fd["name"]), str):
                    t["name"] = self.value(fd["name"])
            if "server_url" in d:
                t["server_url"] = self.value(d["server_url"])
            if "server_label" in d and isinstance(self.value(d["server_label"]), str):
                t["name"] = self.value(d["server_label"])
            return [t]
        if isinstance(node, ast.Subscript):  # `mcp_tools["name"]`: a tool of an MCP server
            return [{"mcp_server": s} for s in self._mcp_servers_of(node)]
        if isinstance(node, ast.Call):
            o = self.call(node)
            found = tool_entries(o)
            if found is not None:
                return found
            q = self.qual(node.func) or _dotted(node.func) or "tool"
            return [{"name": q.split(".")[-1], "type": "call"}]
        if isinstance(node, ast.Attribute) and node.attr in ("definitions", "resources"):
            o = self.obj(node.value)
            return list(o.tools) if o and o.what == "tools" and node.attr == "definitions" else []
        d = _dotted(node)
        if d:
            found = tool_entries(self.bindings.get(d))
            if found is not None:
                return found
            if isinstance(node, ast.Name) and node.id in self.tool_funcs:
                tname = self.tool_funcs[node.id]
                return [{"name": tname if isinstance(tname, str) else node.id, "type": "function"}]
            if isinstance(node, ast.Name) and node.id in self.functions:
                return [{"name": node.id, "type": "function"}]
            lit = self._literal(node)
            if lit is not None:
                return self._tools(lit)
            return [{"name": d, "type": "unknown"}]
        return []


    def _tool_call(self, node: ast.Call, cls: str, kw: dict[str, ast.expr]) -> list[dict[str, Any]]:
        line = self._line(node)
        if cls in ("ToolSet", "AsyncToolSet"):
            return []
        if cls in ("FunctionTool", "AsyncFunctionTool", "function_tool"):
            fns = kw.get("functions") or (node.args[0] if node.args else None)
            if isinstance(fns, (ast.List, ast.Set, ast.Tuple)):
                return [{"name": _dotted(e) or "function", "type": "function"} for e in fns.elts]
            if isinstance(fns, ast.Name):
                if fns.id in self.functions:
                    return [{"name": fns.id, "type": "function"}]
                bound = self.consts.get(fns.id)
                if isinstance(bound, (ast.List, ast.Set, ast.Tuple)):
                    return [{"name": _dotted(e) or "function", "type": "function"} for e in bound.elts]
            return [{"name": cls, "type": "function"}]
        t: dict[str, Any] = {"name": cls, "type": cls}
        if cls == "McpTool":
            label = self.value(kw.get("server_label"))
            t.update(type="mcp", server_url=self.value(kw.get("server_url")))
            if isinstance(label, str):
                t["name"] = label
        if cls in ("AzureAISearchTool", "FileSearchTool", "BingGroundingTool"):
            for k in ("index_name", "index_connection_id", "connection_id", "vector_store_ids"):
                if k in kw:
                    v = [self.value(e) for e in kw[k].elts] if isinstance(kw[k], (ast.List, ast.Tuple)) \
                        else self.value(kw[k])
                    t[k] = v if not isinstance(v, Env) else Unknown(f"environment variable {v.name}")
            if cls == "AzureAISearchTool":
                idx = t.get("index_name")
                ds = self.col.new(line, "data-source AzureAISearchTool", "data-source", Kind.DATA_SOURCE,
                                  idx if isinstance(idx, str) else "azure-ai-search",
                                  {"family": "azure-ai-agents", "class": cls, "store": "azure-ai-search",
                                   "index_name": idx, "connection_id": t.get("index_connection_id")})
                t["reads"] = ds.uid
        if cls == "OpenApiTool" and "name" in kw:
            n = self.value(kw["name"])
            if isinstance(n, str):
                t["name"] = n
        return [t]


def analyze(tree: ast.Module, col: Collector) -> None:
    """Walk a parsed module and add its AI assets to `col`."""
    a = _Analyzer(tree, col)
    a._memo = {}
    a.visit(tree)


def mentions_ai(text: str) -> bool:
    """Cheap pre-filter: a substring check, then an import of an AI SDK at the start of a line."""
    return any(h in text for h in cat.PY_HINTS) and cat.PY_IMPORT.search(text) is not None \
        and cat.PY_CALL.search(text) is not None


def analyze_text(text: str, col: Collector, rel: str, errors: list[ScanError],
                 line_for_error: Callable[[int], int] | None = None) -> bool:
    """Parse and analyse a Python text; a syntax error goes to `errors`. False if it did not parse."""
    try:
        tree = ast.parse(text)
    except SyntaxError as exc:
        line = exc.lineno or 1
        errors.append(ScanError(rel, line_for_error(line) if line_for_error else line, f"invalid Python: {exc.msg}"))
        return False
    except (ValueError, RecursionError, MemoryError) as exc:
        errors.append(ScanError(rel, None, f"invalid Python: {exc}"))
        return False
    try:
        analyze(tree, col)
    except RecursionError:
        errors.append(ScanError(rel, None, "Python file nested too deeply to analyse; AI usage not read"))
    return True


class PythonCodeSource:
    """AI SDK usage and secrets in `*.py` files."""

    name = "python-code"

    def claims(self, path: Path) -> bool:
        return path.suffix in (".py", ".pyw")

    def load(self, files: list[Path], ctx: SourceContext) -> SourceResult:
        result = SourceResult()
        for path, text in readable(files, ctx, result):
            rel = ctx.rel(path)
            add_secrets(result, text, FORMAT, rel)
            if not mentions_ai(text):
                continue
            col = Collector(FORMAT, rel)
            mine = [a for a in result.assets if a.origin.file == rel]
            col.taken.update(a.uid for a in mine)
            col.known_secrets.update((a.properties["sha256"], a.uid) for a in mine if a.type == "secret")
            analyze_text(text, col, rel, result.errors)
            result.assets.extend(col.assets)
            result.relations.extend(col.relations)
        return result
