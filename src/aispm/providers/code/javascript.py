"""AI usage in JavaScript and TypeScript (incl. JSX/TSX), read with tree-sitter.

Same asset shapes as `python_code` (it shares its `Collector`). Imports
(`import OpenAI from "openai"`, `import { AzureOpenAI } from "openai"`,
`import * as ai from "@azure/ai-projects"`, `const { X } = require("...")`) map
local names to `(module, export)`, looked up in `catalog.ai_sdks.JS_SYMBOLS`:

- `new OpenAI()`, `new AzureOpenAI({endpoint, deployment, apiKey})`,
  `new Anthropic()`, `new BedrockRuntimeClient({region})`, `new GoogleGenAI({...})`,
  `new AIProjectClient(endpoint, credential)`, `new OpenAIClient(endpoint, cred)`,
  LangChain JS chat models and vector stores → `ai-client` / `data-source`;
- method calls on bound clients with a `model` option (or a deployment as first
  argument: `getChatCompletions("dep", ...)`) → `model` + `uses_model`;
  `agents.createAgent(model, {name, instructions, tools})` and
  `beta.assistants.create({...})` → `agent` + `tool`s;
- `new InvokeModelCommand({modelId})` / `ConverseCommand` → `model` used by the
  file's Bedrock runtime client;
- Vercel AI SDK: providers (`openai`, `createAzure({resourceName})`, ...) are
  clients; `openai("gpt-4o")`, `azure.chat("dep")` name models;
  `generateText({model: "openai/gpt-4o"})` with a string names a gateway model.
- agent frameworks (`catalog.ai_sdks.JS_AGENTS`): `new Agent({...})` /
  `Agent.create` from `@openai/agents`, `new Agent({...})` from `@mastra/core`
  (`tools: { weatherTool }`: each key is a tool), `agent({llm, tools,
  systemPrompt})` from `@llamaindex/workflow`, `createReactAgent({llm, tools,
  prompt})` from `@langchain/langgraph/prebuilt`, `createAgent` from
  `langchain` → `agent` + `tool`s. The import's module decides: `Agent` from
  `https` or local code is not an agent. The model is a string, a provider call
  (`openai('gpt-4o')`) or a client (`new OpenAI({model})` from
  `@llamaindex/openai`, `new ChatOpenAI(...)`); tools come from `tool({name})`,
  `createTool({id})`, hosted tools, `agent.asTool()`; handoffs are `calls`;
- MCP servers (`catalog.ai_sdks.JS_MCP`): `MCPServerStdio({command, args} |
  {fullCommand})`, `MCPServerStreamableHttp({url, requestInit: {headers},
  authProvider})`, `hostedMcpTool`, Mastra `MCPClient({servers})`, LangChain
  `MultiServerMCPClient({mcpServers})` → `mcp-server` assets in the MCP config
  vocabulary (`python_code.Collector.mcp_server`); `await client.getTools()`
  carries the servers to the agent, which `runs` them. Options that are not
  literals (`new Agent(config)`, `{...base}`, `process.env.MCP_URL`) are unknown.

Files that mention no AI module are not parsed (a substring check). A file over
`MAX_BYTES`, or with a line over `MAX_LINE` characters (minified or generated
code), is not parsed: `ScanError(... "minified or generated file skipped ...")`;
its secrets are still searched.
"""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

from aispm.providers.code.catalog import ai_sdks as cat
from aispm.model import Asset, Kind, ScanError, Unknown
from aispm.source import SourceContext, SourceResult, readable
from aispm.providers.code.python import Collector, Env, _as_name, _as_unknown, endpoint_props, tool_entries
from aispm.providers.code.secret_assets import add_secrets

FORMAT = "js-code"
MAX_BYTES = 2 * 1024 * 1024
MAX_LINE = 5000
SUFFIXES = {".js": "javascript", ".mjs": "javascript", ".cjs": "javascript", ".jsx": "javascript",
            ".ts": "typescript", ".mts": "typescript", ".cts": "typescript", ".tsx": "tsx"}

_PARSERS: dict[str, Any] = {}


def _parser(lang: str) -> Any:
    p = _PARSERS.get(lang)
    if p is None:
        from tree_sitter import Language, Parser

        if lang == "javascript":
            import tree_sitter_javascript as tsj

            language = Language(tsj.language())
        else:
            import tree_sitter_typescript as tst

            language = Language(tst.language_tsx() if lang == "tsx" else tst.language_typescript())
        p = _PARSERS[lang] = Parser(language)
    return p


def minified(text: str) -> str | None:
    """Why a text looks minified or generated, or None."""
    if len(text) > MAX_BYTES:
        return f"{len(text) / 1048576:.1f} MB is over the {MAX_BYTES // 1048576} MB limit for code analysis"
    start = 0
    n = len(text)
    while start < n:
        end = text.find("\n", start)
        if end < 0:
            end = n
        if end - start > MAX_LINE:
            return f"a line of over {MAX_LINE} characters"
        start = end + 1
    return None


def _text(node: Any) -> str:
    return node.text.decode("utf-8", "replace")


class _Obj:
    __slots__ = ("what", "asset", "auth", "spec", "servers", "model", "tools")

    def __init__(self, what: str, asset: Asset | None = None, auth: str | None = None, spec: cat.Spec | None = None,
                 servers: list[Asset] | None = None, model: Any = None,
                 tools: list[dict[str, Any]] | None = None):
        self.what, self.asset, self.auth, self.spec = what, asset, auth, spec
        self.servers = servers or []  # MCP servers (a server, an MCP client, its tools)
        self.model = model  # a provider call's model id
        self.tools = tools or []


def _lookup(module: str, export: str) -> cat.Spec | None:
    spec = cat.JS_SYMBOLS.get((module, export))
    if spec is not None:
        return spec
    for (m, e), s in cat.JS_SYMBOLS.items():
        if m.endswith("/") and module.startswith(m) and e == export:
            return s
    return None


class _Analyzer:
    def __init__(self, root: Any, col: Collector) -> None:
        self.col = col
        self.imports: dict[str, tuple[str, str]] = {}  # local → (module, export | "*")
        self.consts: dict[str, Any] = {}
        self.bindings: dict[str, _Obj] = {}
        self.providers: dict[str, Asset] = {}
        self.memo: dict[int, _Obj | None] = {}
        self.last_bedrock: Asset | None = None
        self.root = root

    # ---- walking
    def nodes(self) -> list[Any]:
        out, stack = [], [self.root]
        while stack:
            n = stack.pop()
            out.append(n)
            stack.extend(reversed(n.named_children))
        return out

    def run(self) -> None:
        nodes = self.nodes()
        for n in nodes:
            t = n.type
            if t == "import_statement":
                self._import(n)
            elif t == "variable_declarator":
                name, value = n.child_by_field_name("name"), n.child_by_field_name("value")
                if name is None or value is None:
                    continue
                if value.type == "await_expression" and value.named_children:
                    value = value.named_children[0]
                if value.type == "call_expression" and _text(value.child_by_field_name("function") or value) == "require":
                    self._require(name, value)
                elif name.type == "identifier" and value.type in ("string", "template_string", "member_expression",
                                                                   "binary_expression", "subscript_expression"):
                    self.consts.setdefault(_text(name), value)
        for n in nodes:
            t = n.type
            if t == "variable_declarator":
                name, value = n.child_by_field_name("name"), n.child_by_field_name("value")
                if name is not None and value is not None:
                    self._bind(_text(name), value)
            elif t == "assignment_expression":
                left, right = n.child_by_field_name("left"), n.child_by_field_name("right")
                if left is not None and right is not None:
                    self._bind(_text(left), right)
            elif t in ("call_expression", "new_expression"):
                self.eval(n)

    def _import(self, n: Any) -> None:
        src = n.child_by_field_name("source")
        if src is None:
            return
        module = self.value(src)
        if not isinstance(module, str):
            return
        for clause in n.named_children:
            if clause.type != "import_clause":
                continue
            for c in clause.named_children:
                if c.type == "identifier":
                    self.imports[_text(c)] = (module, "default")
                elif c.type == "namespace_import":
                    for i in c.named_children:
                        if i.type == "identifier":
                            self.imports[_text(i)] = (module, "*")
                elif c.type == "named_imports":
                    for spec in c.named_children:
                        if spec.type != "import_specifier":
                            continue
                        name = spec.child_by_field_name("name")
                        alias = spec.child_by_field_name("alias")
                        if name is not None:
                            self.imports[_text(alias or name)] = (module, _text(name))

    def _require(self, name: Any, call: Any) -> None:
        args = call.child_by_field_name("arguments")
        if args is None or not args.named_children:
            return
        module = self.value(args.named_children[0])
        if not isinstance(module, str):
            return
        if name.type == "identifier":
            self.imports[_text(name)] = (module, "*")
        elif name.type == "object_pattern":
            for p in name.named_children:
                if p.type == "shorthand_property_identifier_pattern":
                    self.imports[_text(p)] = (module, _text(p))
                elif p.type == "pair_pattern":
                    k, v = p.child_by_field_name("key"), p.child_by_field_name("value")
                    if k is not None and v is not None:
                        self.imports[_text(v)] = (module, _text(k))

    def _bind(self, name: str, value: Any) -> None:
        if value.type == "await_expression" and value.named_children:
            value = value.named_children[0]
        o = self.eval(value) if value.type in ("call_expression", "new_expression") else \
            self.bindings.get(_text(value)) if value.type in ("identifier", "member_expression") else None
        if o is not None:
            self.bindings[name] = o

    # ---- values
    def value(self, node: Any, depth: int = 0) -> Any:
        if node is None:
            return None
        if depth > 8:
            return Unknown("expression too deep")
        t = node.type
        if t == "string":
            return "".join(_text(c) for c in node.named_children if c.type in ("string_fragment", "escape_sequence"))
        if t == "template_string":
            parts = []
            for c in node.named_children:
                if c.type == "string_fragment":
                    parts.append(_text(c))
                elif c.type == "template_substitution":
                    inner = c.named_children[0] if c.named_children else None
                    v = self.value(inner, depth + 1)
                    if not isinstance(v, str):
                        return Unknown(f"template with {_text(c)[:60]}")
                    parts.append(v)
            return "".join(parts)
        if t in ("true", "false"):
            return t == "true"
        if t == "number":
            return _text(node)
        if t == "identifier":
            name = _text(node)
            if name in self.consts:
                return self.value(self.consts[name], depth + 1)
            return Unknown(f"variable {name}")
        if t == "member_expression":
            obj = node.child_by_field_name("object")
            prop = node.child_by_field_name("property")
            if obj is not None and prop is not None and _text(obj) in ("process.env", "import.meta.env"):
                return Env(_text(prop))
            return Unknown(f"expression {_text(node)[:60]}")
        if t == "subscript_expression":
            obj = node.child_by_field_name("object")
            idx = node.child_by_field_name("index")
            if obj is not None and _text(obj) == "process.env":
                k = self.value(idx, depth + 1)
                if isinstance(k, str):
                    return Env(k)
            return Unknown(f"expression {_text(node)[:60]}")
        if t == "binary_expression":
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            op = node.child_by_field_name("operator")
            opt = _text(op) if op is not None else ""
            lv = self.value(left, depth + 1)
            if opt in ("??", "||"):
                return lv if not isinstance(lv, Unknown) else self.value(right, depth + 1)
            rv = self.value(right, depth + 1)
            if opt == "+" and isinstance(lv, str) and isinstance(rv, str):
                return lv + rv
            return Unknown("expression not known")
        if t in ("parenthesized_expression", "as_expression", "non_null_expression", "satisfies_expression") \
                and node.named_children:
            return self.value(node.named_children[0], depth + 1)
        return Unknown(f"expression {t}")

    def options(self, args: list[Any]) -> dict[str, Any]:
        """The first object literal among the arguments, as name → value node."""
        for a in args:
            if a.type == "object":
                return self.obj_fields(a)
        return {}

    def obj_fields(self, obj: Any) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for p in obj.named_children:
            if p.type == "pair":
                k, v = p.child_by_field_name("key"), p.child_by_field_name("value")
                if k is not None and v is not None:
                    key = self.value(k) if k.type == "string" else _text(k)
                    if isinstance(key, str):
                        out[key] = v
            elif p.type == "shorthand_property_identifier":
                out[_text(p)] = p
        return out

    def shorthand(self, node: Any) -> Any:
        """A shorthand property `{ endpoint }` is the variable `endpoint`."""
        return node

    def val(self, node: Any) -> Any:
        if node is not None and node.type == "shorthand_property_identifier":
            name = _text(node)
            return self.value(self.consts[name]) if name in self.consts else Unknown(f"variable {name}")
        return self.value(node)

    # ---- resolution
    def resolve(self, callee: Any) -> tuple[str, str] | None:
        if callee.type == "identifier":
            return self.imports.get(_text(callee))
        if callee.type == "member_expression":
            obj, prop = callee.child_by_field_name("object"), callee.child_by_field_name("property")
            if obj is not None and prop is not None and obj.type == "identifier":
                imp = self.imports.get(_text(obj))
                if imp and imp[1] in ("*", "default"):
                    return imp[0], _text(prop)
                if imp:  # a static member of a named import: `Agent.create`, `FunctionTool.from`
                    return imp[0], f"{imp[1]}.{_text(prop)}"
        return None

    def eval(self, node: Any) -> _Obj | None:
        key = node.id
        if key in self.memo:
            return self.memo[key]
        self.memo[key] = None
        o = self._eval(node)
        self.memo[key] = o
        return o

    def _eval(self, node: Any) -> _Obj | None:
        is_new = node.type == "new_expression"
        callee = node.child_by_field_name("constructor" if is_new else "function")
        args_node = node.child_by_field_name("arguments")
        if callee is None:
            return None
        args = [a for a in (args_node.named_children if args_node is not None else []) if a.type != "comment"]
        line = node.start_point[0] + 1
        if callee.type in ("identifier", "member_expression"):
            text = _text(callee)
            # call on a bound object: client.chat.completions.create(...), azure("dep")
            root, chain = text.split(".")[0], text.split(".")[1:]
            for k in range(len(chain), -1, -1):
                prefix = ".".join([root] + chain[:k])
                if prefix in self.bindings and (k < len(chain) or not is_new):
                    return self._method(node, self.bindings[prefix], chain[k:], args, line)
        imp = self.resolve(callee)
        if imp is None:
            return None
        module, export = imp
        if export in ("default", "*") and callee.type == "identifier":
            spec = _lookup(module, "default")
            export = "default"
        else:
            spec = _lookup(module, export)
        agent_spec = cat.js_lookup(cat.JS_AGENTS, module, export)
        if agent_spec is not None:
            return self._fw_agent(agent_spec, args, line)
        mcp_spec = cat.js_lookup(cat.JS_MCP, module, export)
        if mcp_spec is not None:
            return self._mcp_decl(mcp_spec, args, line, f"{module}:{export}", export)
        tool_key = cat.js_lookup(cat.JS_TOOL_FACTORIES, module, export)
        if tool_key is not None:
            n = self.options(args).get(tool_key)
            tname = self.val(n) if n is not None else None
            return _Obj("tools", tools=[{"name": tname if isinstance(tname, str) else export.split(".")[0],
                                         "type": "function"}])
        if (module, export) in cat.JS_MODEL_WRAPPERS and args:
            inner = args[0]
            return self.eval(inner) if inner.type in ("call_expression", "new_expression") else \
                self.bindings.get(_text(inner))
        if module == cat.JS_AI_MODULE and export in cat.JS_AI_FUNCTIONS:
            opts = self.options(args)
            if "model" in opts:
                m = self.val(opts["model"])
                if isinstance(m, str):
                    self.col.model(line, m, "vercel-ai", "ai-gateway", None)
            return None
        if spec is None:
            if export.endswith("Credential") or export in cat.ENTRA_CREDENTIALS:
                if export in cat.KEY_CREDENTIALS:
                    return _Obj("cred", auth="key")
                if export in cat.ENTRA_CREDENTIALS:
                    return _Obj("cred", auth="entra")
            # provider member call: openai.chat("gpt-4o") with `openai` the default provider
            if callee.type == "member_expression":
                obj = callee.child_by_field_name("object")
                oimp = self.imports.get(_text(obj)) if obj is not None and obj.type == "identifier" else None
                if oimp:
                    pspec = _lookup(*oimp)
                    if pspec and pspec.kind == "provider":
                        return self._provider_model(self._provider(_text(obj), pspec, line, {}), args, line)
            return None
        if spec.kind == "provider":
            if callee.type == "identifier" and export.startswith("create"):
                return _Obj("provider", self._client(line, export, spec, args, module=module), spec=spec)
            # the default provider instance called directly: openai("gpt-4o")
            return self._provider_model(self._provider(_text(callee), spec, line, {}), args, line)
        if spec.kind == "model":
            opts = self.options(args)
            m = next((self.val(opts[k]) for k in spec.model_kwargs if k in opts), None)
            if isinstance(m, str):
                self.col.model(line, m, spec.family, spec.service, self.last_bedrock)
            return None
        if spec.kind == "data-source":
            return self._data_source(line, export, module, spec, args)
        return _Obj("client", self._client(line, export if export != "default" else _text(callee), spec, args,
                                           module=module), spec=spec)

    def _auth(self, opts: dict[str, Any], args: list[Any], spec: cat.Spec) -> dict[str, Any]:
        for k in ("azureADTokenProvider", "azure_ad_token_provider", "tokenProvider"):
            if k in opts:
                return {"auth": "entra"}
        creds = [a for a in args if a.type in ("new_expression", "call_expression", "identifier")]
        if "credential" in opts:
            creds.insert(0, opts["credential"])
        for c in creds:
            o = self.eval(c) if c.type in ("new_expression", "call_expression") else self.bindings.get(_text(c))
            if o is not None and o.what == "cred":
                return {"auth": o.auth}
        for k in ("apiKey", "azureOpenAIApiKey", "key", "api_key"):
            if k in opts:
                v = self.val(opts[k])
                out: dict[str, Any] = {"auth": "key"}
                if isinstance(v, Env):
                    out["api_key_env"] = v.name
                elif isinstance(v, str):
                    out["api_key_literal"] = True
                return out
        if "vertexai" in opts and self.val(opts["vertexai"]) is True:
            return {"auth": "unknown", "service": "vertex-ai", "vertexai": True}
        out = {"auth": spec.default_auth}
        if spec.default_key_env and spec.default_auth == "key":
            out["api_key_env"] = spec.default_key_env
        return out

    def _client(self, line: int, label: str, spec: cat.Spec, args: list[Any], module: str | None = None) -> Asset:
        opts = self.options(args)
        props: dict[str, Any] = {}
        ep = next((opts[k] for k in spec.endpoint_kwargs if k in opts), None)
        if ep is None and spec.endpoint_arg is not None and len(args) > spec.endpoint_arg \
                and args[spec.endpoint_arg].type != "object":
            ep = args[spec.endpoint_arg]
        if ep is not None:
            props.update(endpoint_props(self.val(ep)))
        elif spec.default_endpoint_env:
            props.update(endpoint_props(Env(spec.default_endpoint_env)))
        for k in spec.account_kwargs:
            if k in opts:
                v = self.val(opts[k])
                if isinstance(v, str):
                    props["azure_account_name"] = v.lower()
                    if ep is None:
                        props.pop("endpoint", None)
                        props.pop("endpoint_env", None)
                elif isinstance(v, Env):
                    props["azure_account_name_env"] = v.name
        for prop, k in spec.extra:
            if k in opts:
                v = self.val(opts[k])
                props[prop] = Unknown(f"environment variable {v.name}") if isinstance(v, Env) else v
        props.update(self._auth(opts, args, spec))
        m = next((self.val(opts[k]) for k in spec.model_kwargs if k in opts), None)
        if isinstance(m, str):
            props["model"] = m
        elif isinstance(m, Env):
            props["model_env"] = m.name
        client = self.col.client(line, label, spec, props, cls=f"{module}:{label}" if module else label)
        if spec.service == "bedrock-runtime" and spec.family == "bedrock":
            self.last_bedrock = client
        if isinstance(m, str):
            self.col.model(line, m, spec.family, client.properties.get("service"), client)
        return client

    def _provider(self, local: str, spec: cat.Spec, line: int, _opts: dict[str, Any]) -> Asset:
        if local in self.bindings and self.bindings[local].asset is not None:
            return self.bindings[local].asset  # type: ignore[return-value]
        asset = self.providers.get(local)
        if asset is None:
            module = self.imports.get(local, ("", ""))[0] or None
            asset = self.providers[local] = self._client(line, local, spec, [], module=module)
        return asset

    def _provider_model(self, client: Asset, args: list[Any], line: int) -> _Obj:
        """`openai("gpt-4o")`: the model, used by the provider; the call stands for both (an agent's `model`)."""
        m = self.val(args[0]) if args else Unknown("no model argument")
        if isinstance(m, str):
            self.col.model(line, m, "vercel-ai", client.properties.get("service"), client)
        return _Obj("model", client, model=m if isinstance(m, str) else _as_unknown(m))

    def _data_source(self, line: int, export: str, module: str, spec: cat.Spec, args: list[Any]) -> _Obj:
        opts = {}
        for a in args:
            if a.type == "object":
                opts.update(self.obj_fields(a))
        p: dict[str, Any] = {"family": spec.family, "class": f"{module}:{export}", "store": spec.service}
        ep = next((opts[k] for k in spec.endpoint_kwargs if k in opts), None)
        if ep is None and spec.endpoint_arg is not None and len(args) > spec.endpoint_arg:
            ep = args[spec.endpoint_arg]
        if ep is not None:
            p.update(endpoint_props(self.val(ep)))
        for k in spec.index_kwargs:
            if k in opts:
                v = self.val(opts[k])
                p[k] = Unknown(f"environment variable {v.name}") if isinstance(v, Env) else v
        if spec.service == "azure-ai-search" and "indexName" not in p and len(args) > 1:
            v = self.val(args[1])
            if isinstance(v, str):
                p["indexName"] = v
        name = next((p[k] for k in ("indexName", "collectionName", "tableName", "index_name") if
                     isinstance(p.get(k), str)), spec.service)
        ds = self.col.new(line, f"data-source {export}", "data-source", Kind.DATA_SOURCE, name, p)
        if p.get("azure_account_name"):
            self.col.relate(ds.uid, "calls", str(p["azure_account_name"]), service=spec.service)
        for a in args:
            o = self.bindings.get(_text(a)) if a.type == "identifier" else None
            if o and o.what in ("client", "provider") and o.asset:
                self.col.relate(o.asset.uid, "reads", ds.uid)
        return _Obj("data", ds)

    def _method(self, node: Any, bound: _Obj, chain: list[str], args: list[Any], line: int) -> _Obj | None:
        method = chain[-1] if chain else ""
        if bound.what == "mcp":
            return _Obj("mcp", servers=list(bound.servers)) if method in cat.MCP_TOOL_METHODS else None
        if bound.what == "agent" and bound.asset is not None and method == "asTool":  # OpenAI Agents SDK
            n = self.options(args).get("toolName")
            tname = self.val(n) if n is not None else bound.asset.name
            return _Obj("tools", tools=[{"name": tname if isinstance(tname, str) else "agent", "type": "agent",
                                         "calls": bound.asset.uid}])
        if bound.asset is None or bound.what not in ("client", "provider"):
            return None
        client = bound.asset
        if bound.what == "provider":
            if len(chain) <= 1:
                return self._provider_model(client, args, line)
            return None
        method = chain[-1] if chain else ""
        dotted = ".".join(chain)
        if method in cat.AGENT_METHODS or any(dotted.endswith(c) for c in cat.AGENT_CHAINS):
            self._agent(node, client, args, line)
            return None
        if cat.CLIENT_GETTERS.match(method):
            return bound
        opts = self.options(args)
        if "model" not in opts and "body" in opts and opts["body"].type == "object":  # REST: .post({ body: {...} })
            opts = self.options([opts["body"]])
        m = next((self.val(opts[k]) for k in ("model", "modelId", "deployment", "deploymentName") if k in opts),
                 None)
        if m is None and method in cat.JS_METHOD_MODEL_ARG and cat.JS_METHOD_MODEL_ARG[method] is not None and args:
            m = self.val(args[cat.JS_METHOD_MODEL_ARG[method]])  # type: ignore[index]
        if isinstance(m, str):
            self.col.model(line, m, str(client.properties.get("family")), client.properties.get("service"), client)
        return None

    def _agent(self, node: Any, client: Asset, args: list[Any], line: int) -> None:
        opts = self.options(args)
        model = self.val(opts["model"]) if "model" in opts else (self.val(args[0]) if args and
                                                                args[0].type != "object" else None)
        name = self.val(opts["name"]) if "name" in opts else Unknown("agent has no name")
        if isinstance(name, Env):
            name = Unknown(f"environment variable {name.name}")
        instr = self.val(opts["instructions"]) if "instructions" in opts else None
        props: dict[str, Any] = {"family": client.properties.get("family"), "name": name, "client": client.uid}
        if isinstance(model, str):
            props["model"] = model
        label = f"agent {name}" if isinstance(name, str) else "agent"
        agent = self.col.new(line, label, "agent", Kind.AGENT, name, props)
        if isinstance(instr, str):
            agent.set_fact("instructions_length", len(instr), path="instructions", raw=len(instr))
        else:
            agent.set_fact("instructions_length", None, path="instructions",
                           note="no instructions" if "instructions" not in opts else "instructions not a literal")
        self.col.relate(agent.uid, "calls", client.uid)
        if isinstance(model, str):
            self.col.model(line, model, str(client.properties.get("family")), client.properties.get("service"), agent)
        tools = self._tools(opts.get("tools"))
        agent.set_fact("tool_count", len(tools), path="tools", raw=len(tools))
        for t in tools:
            tool = self.col.new(line, f"{label}/tool {t['name']}", "tool", Kind.TOOL, t["name"], t)
            self.col.relate(agent.uid, "runs", tool.uid)

    def _tools(self, node: Any) -> list[dict[str, Any]]:
        if node is None:
            return []
        if node.type == "array":
            out: list[dict[str, Any]] = []
            for e in node.named_children:
                out.extend(self._tools(e.named_children[0] if e.type == "spread_element" and e.named_children
                                       else e))
            return out
        if node.type == "object":
            f = self.obj_fields(node)
            ttype = self.val(f["type"]) if "type" in f else "unknown"
            t = {"type": ttype if isinstance(ttype, str) else "unknown"}
            t["name"] = t["type"]
            fn = f.get("function")
            if fn is not None and fn.type == "object":
                n = self.obj_fields(fn).get("name")
                if n is not None and isinstance(self.val(n), str):
                    t["name"] = self.val(n)
            if "server_label" in f and isinstance(self.val(f["server_label"]), str):
                t["name"] = self.val(f["server_label"])
                t["server_url"] = self.val(f.get("server_url"))
            return [t]
        if node.type in ("call_expression", "member_expression", "identifier"):
            text = _text(node.child_by_field_name("function") if node.type == "call_expression" else node)
            name = text.split(".")[-1] if node.type == "call_expression" else text.split(".")[0]
            if name == "definition" and "." in text:
                name = text.split(".")[-2]
            return [{"name": name, "type": "call" if node.type == "call_expression" else "unknown"}]
        return []


    # ---- agent frameworks (OpenAI Agents SDK, Mastra, LlamaIndex.TS, LangGraph / LangChain JS)
    def _fw_agent(self, spec: cat.AgentSpec, args: list[Any], line: int) -> _Obj:
        opts = self.options(args)
        # `new Agent(config)` / `{ ...base, name }`: what is not spelled out may be in the other object
        objects = [a for a in args if a.type == "object"]
        unpacked = Unknown("options spread from a variable") if args and (not objects or any(
            p.type == "spread_element" for p in objects[0].named_children)) else None

        def first(keys: tuple[str, ...]) -> Any:
            return next((opts[k] for k in keys if k in opts), None)

        name_node = first(spec.name)
        name = self.val(name_node) if name_node is not None else unpacked if unpacked is not None else \
            Unknown("agent has no name")
        if isinstance(name, Env):
            name = Unknown(f"environment variable {name.name}")
        elif not isinstance(name, (str, Unknown)):
            name = Unknown("name not a string")
        instr_node = first(spec.instructions)
        instructions = self.val(instr_node) if instr_node is not None else None
        model, client, service = self._agent_model(first(spec.model), spec)
        if first(spec.model) is None and unpacked is not None:
            model = unpacked
        if service is None and client is not None:
            service = client.properties.get("service")
        props: dict[str, Any] = {"family": spec.family, "name": name, "model": model}
        if client is not None:
            props["client"] = client.uid
        label = f"agent {name}" if isinstance(name, str) else "agent"
        agent = self.col.new(line, label, "agent", Kind.AGENT, name, props)
        if isinstance(instructions, str):
            agent.set_fact("instructions_length", len(instructions), path=spec.instructions[0], raw=len(instructions))
        else:
            agent.set_fact("instructions_length", None, path="instructions",
                           note="no instructions" if instr_node is None and unpacked is None else
                           "instructions not a literal")
        if client is not None:
            self.col.relate(agent.uid, "calls", client.uid)
        if isinstance(model, str):
            self.col.model(line, model, spec.family, service, agent)
        tools: list[dict[str, Any]] | None = None if unpacked is not None and not any(k in opts for k in spec.tools) else []
        tools, servers = self.col.split_tools([self._tool_list(opts[k], spec) for k in spec.tools if k in opts], tools)
        tool_servers = len(servers)
        for k in spec.mcp:
            if k in opts:
                servers.extend(self._mcp_servers_of(opts[k]))
        self.col.agent_tools(agent, label, line, tools, servers, tool_servers)
        for k in spec.handoffs:
            if k in opts and opts[k].type == "array":
                for e in opts[k].named_children:
                    if e.type == "call_expression":  # handoff(agent, {...})
                        a = e.child_by_field_name("arguments")
                        e = a.named_children[0] if a is not None and a.named_children else e
                    o = self.bindings.get(_text(e)) if e.type == "identifier" else None
                    if o is not None and o.what == "agent" and o.asset is not None:
                        self.col.relate(agent.uid, "calls", o.asset.uid, via="handoff")
        return _Obj("agent", agent)

    def _agent_model(self, node: Any, spec: cat.AgentSpec) -> tuple[Any, Asset | None, str | None]:
        """(model id or `Unknown`, the client that serves it, its service): `'gpt-4o'`, `'openai:gpt-4o'`, a
        provider call `openai('gpt-4o')`, a client `new ChatOpenAI({model})` / `new OpenAI({model})`."""
        if node is None:
            return Unknown("no model option: the framework's default or a model set elsewhere"), None, None
        if node.type == "await_expression" and node.named_children:
            node = node.named_children[0]
        if node.type not in ("string", "template_string", "identifier", "shorthand_property_identifier",
                             "member_expression", "subscript_expression", "call_expression", "new_expression",
                             "binary_expression", "parenthesized_expression", "as_expression",
                             "non_null_expression", "satisfies_expression"):
            return Unknown(f"model is a {node.type}"), None, None
        o = self._obj_of(node)
        if o is not None and o.what in ("client", "model", "provider") and o.asset is not None:
            m = o.model if o.what == "model" else o.asset.properties.get("model")
            if not isinstance(m, str):
                env = o.asset.properties.get("model_env")
                m = Unknown(f"environment variable {env}") if env and o.what == "client" else \
                    (m if isinstance(m, Unknown) else Unknown("the client's model is not a literal"))
            return m, o.asset, o.asset.properties.get("service")
        v = self.val(node)
        if isinstance(v, str):
            m, service = cat.split_model(v, spec.model_prefix)
            return m, None, service
        return _as_unknown(v), None, None

    def _obj_of(self, node: Any) -> _Obj | None:
        if node.type == "await_expression" and node.named_children:
            node = node.named_children[0]
        if node.type in ("call_expression", "new_expression"):
            return self.eval(node)
        if node.type in ("identifier", "shorthand_property_identifier", "member_expression"):
            return self.bindings.get(_text(node))
        return None

    def _tool_list(self, node: Any, spec: cat.AgentSpec) -> list[dict[str, Any]] | None:
        """Tool entries of a `tools` option (an MCP server's tools as `{"mcp_server": asset}`), or None when the
        list is not known (a variable from elsewhere, the result of an unknown call)."""
        if node.type == "await_expression" and node.named_children:
            node = node.named_children[0]
        if node.type == "array":
            out: list[dict[str, Any]] = []
            for e in node.named_children:
                if e.type == "comment":
                    continue
                if e.type == "spread_element":
                    inner = self._tool_list(e.named_children[0], spec) if e.named_children else None
                    if inner is None:
                        return None
                    out.extend(inner)
                    continue
                found = tool_entries(self._obj_of(e))
                out.extend(found if found is not None else self._tools(e))
            return out
        if node.type == "object" and (spec.tools_by_key or "type" not in self.obj_fields(node)):
            out = []
            for p in node.named_children:
                if p.type == "spread_element":
                    inner = self._tool_list(p.named_children[0], spec) if p.named_children else None
                    if inner is None:
                        return None
                    out.extend(inner)
                elif p.type in ("pair", "shorthand_property_identifier"):
                    key = p.child_by_field_name("key") if p.type == "pair" else p
                    value = p.child_by_field_name("value") if p.type == "pair" else p
                    found = tool_entries(self._obj_of(value)) if value is not None else None
                    if found and any("mcp_server" in t for t in found):
                        out.extend(found)
                        continue
                    kname = self.value(key) if key is not None and key.type == "string" else \
                        _text(key) if key is not None else "tool"
                    ttype = found[0].get("type", "unknown") if found else \
                        ("function" if value is not None and value.type in ("arrow_function", "function_expression")
                         else "unknown")
                    out.append({"name": kname, "type": ttype})
            return out
        if node.type == "object":
            return self._tools(node)
        return tool_entries(self._obj_of(node))

    # ---- MCP servers
    def _mcp_decl(self, spec: cat.McpSpec, args: list[Any], line: int, cls: str, export: str) -> _Obj:
        opts = self.options(args)
        if spec.servers is not None:  # a map of named servers
            table = opts.get(spec.servers)
            entries: list[tuple[Any, Any]] = []
            if table is not None and table.type == "object":
                entries = [(p.child_by_field_name("key"), p.child_by_field_name("value"))
                           for p in table.named_children if p.type == "pair"]
            elif table is None and args and args[0].type == "object":  # the flat form: {name: {command, ...}}
                for p in args[0].named_children:
                    v = p.child_by_field_name("value") if p.type == "pair" else None
                    if v is not None and v.type == "object" and {"command", "url", "transport", "type"} & set(
                            self.obj_fields(v)):
                        entries.append((p.child_by_field_name("key"), v))
            servers = []
            for k, v in entries:
                if k is None or v is None or v.type != "object":
                    continue
                sname = self.value(k) if k.type == "string" else _text(k)
                servers.append(self.col.mcp_server(k.start_point[0] + 1, _as_name(sname), self._cfg(v), cls))
            return _Obj("mcp", servers=servers)
        cfg = self._cfg_fields(opts)
        hosted = export == "hostedMcpTool"
        name = cfg.pop("serverLabel", None) if hosted else cfg.pop("name", None)
        if spec.transport:
            cfg["type"] = spec.transport
        server = self.col.mcp_server(line, _as_name(name), cfg, cls)
        if hosted:  # a tool of the agent that calls the server
            label = server.name if isinstance(server.name, str) else "mcp"
            return _Obj("tools", tools=[{"name": label, "type": "mcp", "server_url": server.properties.get("url"),
                                         "calls_server": server}])
        return _Obj("mcp", servers=[server])

    def _cfg(self, obj: Any) -> dict[str, Any]:
        cfg = self._cfg_fields(self.obj_fields(obj))
        cfg.pop("name", None)
        return cfg

    def _cfg_fields(self, fields: dict[str, Any]) -> dict[str, Any]:
        """Server options → the MCP config vocabulary (`command`, `args`, `env`, `url`, `headers`, `auth`, ...)."""
        cfg: dict[str, Any] = {}
        for key, node in fields.items():
            k = {"serverUrl": "url", "server_url": "url", "requireApproval": "require_approval",
                 "allowedTools": "allowed_tools"}.get(key, key)
            if k == "fullCommand":
                v = self.val(node)
                if isinstance(v, str):
                    try:
                        parts = shlex.split(v)
                    except ValueError:
                        parts = v.split()
                    if parts:
                        cfg["command"], cfg["args"] = parts[0], parts[1:]
                else:
                    cfg["command"] = _as_unknown(v)
            elif k == "args":
                if node.type == "array":
                    cfg[k] = [Unknown("spread arguments") if e.type == "spread_element" else self.val(e)
                              for e in node.named_children if e.type != "comment"]
                else:
                    cfg[k] = Unknown("arguments not a literal array")
            elif k in ("env", "headers"):
                cfg[k] = self._str_map(node, k)
            elif k == "requestInit":
                if node.type == "object":
                    h = self.obj_fields(node).get("headers")
                    if h is not None:
                        cfg["headers"] = self._str_map(h, "headers")
                else:
                    cfg["headers"] = Unknown("requestInit not a literal")
            elif k in ("authProvider", "auth", "oauth", "authorization"):
                if node.type not in ("null", "undefined", "false"):
                    cfg["auth"] = f"{k} configured"
            elif k in ("url", "command", "transport", "type", "name", "serverLabel", "require_approval"):
                if node.type == "new_expression" and _text(node.child_by_field_name("constructor") or node) == "URL":
                    a = node.child_by_field_name("arguments")
                    node = a.named_children[0] if a is not None and a.named_children else node
                cfg[k] = self.val(node)
        return cfg

    def _str_map(self, node: Any, what: str) -> Any:
        if node.type != "object" or any(p.type == "spread_element" for p in node.named_children):
            return Unknown(f"{what} not a literal object")
        return {k: self.val(v) for k, v in self.obj_fields(node).items()}

    def _mcp_servers_of(self, node: Any) -> list[Asset]:
        if node.type == "array":
            return [s for e in node.named_children
                    for s in self._mcp_servers_of(e.named_children[0] if e.type == "spread_element" and
                                                  e.named_children else e)]
        o = self._obj_of(node)
        return list(o.servers) if o is not None else []

class JsCodeSource:
    """AI SDK usage and secrets in JavaScript / TypeScript files."""

    name = "js-code"

    def claims(self, path: Path) -> bool:
        return path.suffix in SUFFIXES

    def load(self, files: list[Path], ctx: SourceContext) -> SourceResult:
        result = SourceResult()
        for path, text in readable(files, ctx, result):
            rel = ctx.rel(path)
            add_secrets(result, text, FORMAT, rel)
            if path.name.endswith((".d.ts", ".d.mts", ".d.cts")) or not any(h in text for h in cat.JS_HINTS):
                continue
            why = minified(text)
            if why:
                result.errors.append(ScanError(rel, None, f"minified or generated file skipped ({why}); "
                                                          "AI usage not read, secrets were searched"))
                continue
            col = Collector(FORMAT, rel)
            col.taken.update(a.uid for a in result.assets if a.origin.file == rel)
            try:
                tree = _parser(SUFFIXES[path.suffix]).parse(text.encode("utf-8"))
            except Exception as exc:  # noqa: BLE001 - a parser failure is an input problem
                result.errors.append(ScanError(rel, None, f"cannot parse: {exc}"))
                continue
            if tree.root_node.has_error:
                bad = _first_error(tree.root_node)
                result.errors.append(ScanError(rel, bad, "syntax error; AI usage read from the parts that parse"))
            _Analyzer(tree.root_node, col).run()
            result.assets.extend(col.assets)
            result.relations.extend(col.relations)
        return result


def _first_error(node: Any) -> int | None:
    stack = [node]
    while stack:
        n = stack.pop()
        if n.type == "ERROR" or n.is_missing:
            return n.start_point[0] + 1
        if n.has_error:
            stack.extend(reversed(n.children))
    return None
