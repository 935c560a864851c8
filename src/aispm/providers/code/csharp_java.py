"""AI usage in C# (.NET) and Java code, read from tree-sitter syntax trees (never compiled, never run).

The `csharp-code` and `java-code` sources parse `*.cs` / `*.java` files that mention an SDK name of
`catalog.managed_sdks` with the tree-sitter C# and Java grammars and walk them in source order. What they
recognise is data in that catalogue: client constructors (`new AzureOpenAIClient(new Uri(endpoint),
new DefaultAzureCredential())`), builders (langchain4j `OpenAiChatModel.builder().modelName("gpt-4o").build()`,
the Azure SDK's `new OpenAIClientBuilder().endpoint(...).credential(...).buildClient()`, Google ADK's
`LlmAgent.builder()...build()`), Semantic Kernel's `AddAzureOpenAIChatCompletion(deploymentName, endpoint,
apiKey)`, a model picked from a client (`GetChatClient("gpt-4o")`), agents made from a client (Microsoft Agent
Framework `CreateAIAgent(instructions:, name:)`) or declared by an initializer (`new ChatCompletionAgent { Name
= ..., Instructions = ..., Kernel = kernel }`). Local variables bind what a call returned, so a kernel or a chat
client passed on by name keeps its client and model.

Values resolve only when literal: strings, `new Uri("...")`, `Environment.GetEnvironmentVariable("X")` /
`System.getenv("X")` (an environment variable). Anything else is an `Unknown`. Assets and relations are those of
the Python and JS/TS sources (`ai-client`, `model`, `agent`; `calls`, `uses_model`), built by the same
`analysis.Collector`. The walk is iterative and refuses a tree deeper than `Limits.depth` (one error; the
file's secrets are still reported); a file that does not parse cleanly is read for what parsed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from aispm.model import Asset, Kind, ScanError, Unknown
from aispm.providers.code.analysis import Bound, Collector, Env, as_unknown, endpoint_props, instructions_fact
from aispm.providers.code.catalog import managed_sdks as cat
from aispm.providers.code.isolate import one_file
from aispm.providers.code.secret_assets import add_secrets
from aispm.source import SourceContext, SourceResult, readable

_PARSERS: dict[str, Any] = {}
#: calls of one chain followed (`a.b().c()...`): real builders chain a dozen, a hostile file a million
MAX_CHAIN = 100


def _parser(lang: str) -> Any:
    if lang not in _PARSERS:
        import tree_sitter as ts

        if lang == "csharp":
            import tree_sitter_c_sharp as grammar
        else:
            import tree_sitter_java as grammar  # type: ignore[no-redef]
        _PARSERS[lang] = ts.Parser(ts.Language(grammar.language()))
    return _PARSERS[lang]


class _Builder:
    """A builder being chained: its class and the calls made on it so far."""

    __slots__ = ("cls", "calls")

    def __init__(self, cls: str, calls: list[tuple[str, list[Any]]]) -> None:
        self.cls, self.calls = cls, calls


class Walker:
    """One file's walk: bindings of local names, and the assets found."""

    def __init__(self, src: bytes, col: Collector, lang: str) -> None:
        self.src, self.col, self.lang = src, col, lang
        self.bindings: dict[str, Any] = {}
        self.memo: dict[int, Any] = {}
        self.nesting = 0  # `ev` calls under way: a chain of calls deeper than `MAX_CHAIN` is not followed

    # ---- syntax helpers (C# and Java name the same things differently)
    def text(self, n: Any) -> str:
        return self.src[n.start_byte:n.end_byte].decode("utf-8", "replace")

    def line(self, n: Any) -> int:
        return n.start_point[0] + 1

    def args(self, n: Any) -> tuple[list[Any], dict[str, Any]]:
        """(positional, named) arguments of a call or creation."""
        al = n.child_by_field_name("arguments")
        pos: list[Any] = []
        named: dict[str, Any] = {}
        for a in (al.named_children if al is not None else []):
            if a.type == "argument":  # C#: `name: value`
                nm = a.child_by_field_name("name")
                val = a.named_children[-1] if a.named_children else None
                if val is None:
                    continue
                if nm is not None and val.id != nm.id:
                    named[self.text(nm)] = val
                else:
                    pos.append(val)
            elif a.type not in ("comment", "line_comment", "block_comment"):
                pos.append(a)
        return pos, named

    def call_parts(self, n: Any) -> tuple[Any, str]:
        """(receiver node or None, method name) of an invocation."""
        if n.type == "method_invocation":  # Java
            name = n.child_by_field_name("name")
            return n.child_by_field_name("object"), self.text(name) if name is not None else ""
        f = n.child_by_field_name("function")
        if f is not None and f.type == "member_access_expression":
            name = f.child_by_field_name("name")
            return f.child_by_field_name("expression"), self.text(name) if name is not None else ""
        return None, self.text(f).split("<")[0] if f is not None else ""

    @staticmethod
    def simple(name: str) -> str:
        """`Azure.AI.OpenAI.AzureOpenAIClient` / `Foo<Bar>` → the class's simple name."""
        return name.split("<")[0].split(".")[-1].strip()

    # ---- values
    def value(self, n: Any) -> Any:
        if n is None:
            return None
        t = n.type
        if t == "string_literal":
            inner = [c for c in n.named_children if c.type not in ("string_literal_content", "string_fragment",
                                                                     "escape_sequence")]
            if inner:
                return Unknown("string with expressions")
            raw = self.text(n)
            return raw[1:-1] if raw.startswith('"') else raw
        if t == "verbatim_string_literal":
            return self.text(n)[2:-1]
        if t in ("interpolated_string_expression", "template_expression"):
            return Unknown("interpolated string")
        if t in ("object_creation_expression",) and self.simple(self.text(n.child_by_field_name("type"))) in \
                ("Uri", "URI", "URL"):
            pos, _ = self.args(n)
            return self.value(pos[0]) if pos else Unknown("Uri without argument")
        if t in ("invocation_expression", "method_invocation"):
            recv, name = self.call_parts(n)
            pos, _ = self.args(n)
            if name in ("GetEnvironmentVariable", "getenv", "getProperty") and pos:
                key = self.value(pos[0])
                if isinstance(key, str):
                    return Env(key)
            return Unknown(f"call {name}()")
        if t == "identifier":
            b = self.bindings.get(self.text(n))
            return b if isinstance(b, (str, Env)) else Unknown(f"variable {self.text(n)}")
        return Unknown(f"expression {t}")

    # ---- the walk
    def walk(self, root: Any, max_depth: int) -> int | None:
        """Visit every node in source order; the line of the first node deeper than `max_depth`, if any."""
        stack: list[tuple[Any, int]] = [(root, 0)]
        while stack:
            n, d = stack.pop()
            if d > max_depth:
                return self.line(n)
            if n.type == "variable_declarator":
                name = n.child_by_field_name("name")
                val = n.child_by_field_name("value") or (n.named_children[-1] if len(n.named_children) > 1 else None)
                if name is not None and val is not None:
                    o = self.ev(val)
                    if o is None:
                        v = self.value(val)
                        o = v if isinstance(v, (str, Env)) else None
                    if o is not None:
                        self.bindings[self.text(name)] = o
                    else:
                        self.bindings.pop(self.text(name), None)
            elif n.type in ("assignment_expression",) and n.parent is not None \
                    and n.parent.type != "initializer_expression":
                left, right = n.child_by_field_name("left"), n.child_by_field_name("right")
                if left is not None and right is not None and left.type == "identifier":
                    o = self.ev(right)
                    if o is not None:
                        self.bindings[self.text(left)] = o
            elif n.type in ("invocation_expression", "method_invocation", "object_creation_expression"):
                self.ev(n)
            stack.extend((c, d + 1) for c in reversed(n.children))
        return None

    def ev(self, n: Any) -> Any:
        """What an expression stands for: a `Bound` (client, agent, model), a `_Builder`, or None."""
        if n is None:
            return None
        if n.id in self.memo:
            return self.memo[n.id]
        self.memo[n.id] = None  # a cycle through the memo ends here
        if self.nesting >= MAX_CHAIN:
            return None
        self.nesting += 1
        try:
            out = self._ev(n)
        finally:
            self.nesting -= 1
        self.memo[n.id] = out
        return out

    def _ev(self, n: Any) -> Any:
        t = n.type
        if t in ("identifier",):
            b = self.bindings.get(self.text(n))
            return b if isinstance(b, (Bound, _Builder)) else None
        if t in ("parenthesized_expression", "await_expression") and n.named_children:
            return self.ev(n.named_children[-1])
        if t == "object_creation_expression":
            return self._creation(n)
        if t in ("invocation_expression", "method_invocation"):
            return self._invocation(n)
        return None

    def _creation(self, n: Any) -> Any:
        type_text = self.text(n.child_by_field_name("type")) if n.child_by_field_name("type") else ""
        if type_text.endswith(".Builder"):  # Java `new StdioMcpTransport.Builder()`
            cls = self.simple(type_text[:-len(".Builder")])
            return _Builder(cls, []) if cls in cat.BUILDERS or cls in cat.MCP_TRANSPORTS else None
        cls = self.simple(type_text)
        pos, named = self.args(n)
        if cls in cat.MCP_TRANSPORTS:
            opts = pos[0] if pos else None
            fields: dict[str, Any] = {}
            init = next((c for c in (opts.named_children if opts is not None else []) if c.type ==
                         "initializer_expression"), None)
            for a in (init.named_children if init is not None else []):
                left, right = a.child_by_field_name("left"), a.child_by_field_name("right")
                if a.type == "assignment_expression" and left is not None and right is not None:
                    fields[self.text(left)] = [right]
            if opts is not None and init is None:  # `new X(url)`
                fields["Url"] = [opts]
            return self._mcp(n, cls, fields)
        if cls in cat.CTORS:
            spec, ep_i, model_i, cred_i = cat.CTORS[cls]
            return self._client(n, cls, spec, pos[ep_i] if ep_i is not None and len(pos) > ep_i else
                                named.get("endpoint"),
                                pos[model_i] if model_i is not None and len(pos) > model_i else named.get("model"),
                                pos[cred_i] if cred_i is not None and len(pos) > cred_i else
                                named.get("credential") or named.get("apiKey"))
        if cls in cat.AGENT_CTORS:
            fields = dict(named)
            init = next((c for c in n.named_children if c.type == "initializer_expression"), None)
            for a in (init.named_children if init is not None else []):
                left, right = a.child_by_field_name("left"), a.child_by_field_name("right")
                if a.type == "assignment_expression" and left is not None and right is not None:
                    fields[self.text(left)] = right
            return self._agent(n, cat.AGENT_CTORS[cls], fields, None)
        if cls in cat.BUILDERS:
            return _Builder(cls, [])
        return None

    def _invocation(self, n: Any) -> Any:
        recv, name = self.call_parts(n)
        pos, named = self.args(n)
        if name == "builder" and recv is not None and (self.simple(self.text(recv)) in cat.BUILDERS or
                                                         self.simple(self.text(recv)) in cat.MCP_TRANSPORTS):
            first = [("command" if self.simple(self.text(recv)) == "ServerParameters" else "url", pos)] if pos else []
            return _Builder(self.simple(self.text(recv)), first)
        base = self.ev(recv) if recv is not None else None
        if isinstance(base, _Builder):
            if name in ("build", "buildClient", "buildAsyncClient") and base.cls in cat.MCP_TRANSPORTS:
                return self._mcp(n, base.cls, {m: p for m, p in base.calls})
            if name in ("build", "buildClient", "buildAsyncClient"):
                return self._finish(n, base)
            return _Builder(base.cls, base.calls + [(name, pos)])
        if name in cat.KERNEL_METHODS:
            service, order = cat.KERNEL_METHODS[name]
            got = {k: pos[i] for i, k in enumerate(order) if i < len(pos)}
            got.update(named)
            spec = cat.Spec("client", "semantic-kernel", service,
                            default_auth="key" if "apiKey" in got else "unknown")
            cred = got.get("apiKey") or got.get("credentials") or got.get("credential")
            return self._client(n, name, spec, got.get("endpoint"),
                                got.get("deploymentName") or got.get("modelId"), cred)
        if not isinstance(base, Bound) or base.asset is None:
            return None
        if name in cat.MODEL_METHODS:
            m_node = pos[0] if pos else named.get("model") or named.get("deploymentName")
            m = self.value(m_node) if m_node is not None else None
            if isinstance(m, str) and base.what == "client":
                self.col.model(self.line(n), m, str(base.asset.properties.get("family")),
                               base.asset.properties.get("service"), base.asset)
                return Bound("client", base.asset, model=m)
            return base
        if name in cat.AGENT_METHODS:
            order = cat.AGENT_METHODS[name]
            fields = {k.capitalize(): pos[i] for i, k in enumerate(order) if i < len(pos)}
            fields.update({k.capitalize(): v for k, v in named.items()})
            return self._agent(n, str(base.asset.properties.get("family")), fields, base)
        if name in ("Build", "build", "AsChatClient", "AsIChatClient", "GetRequiredService"):
            return base
        return None

    # ---- assets
    def _auth(self, cred: Any, spec: cat.Spec) -> dict[str, Any]:
        if cred is None:
            return {"auth": spec.default_auth}
        text = self.text(cred)
        if any(e in text for e in cat.ENTRA):
            return {"auth": "entra"}
        v = self.value(cred)
        out: dict[str, Any] = {"auth": "key"}
        if isinstance(v, Env):
            out["api_key_env"] = v.name
        elif isinstance(v, str):
            out["api_key_literal"] = True
        elif not any(k in text for k in cat.KEYS) and not isinstance(self.ev(cred), Bound):
            out["auth"] = "key" if "key" in text.lower() else "unknown"
        return out

    def _client(self, n: Any, label: str, spec: cat.Spec, ep: Any, model_node: Any, cred: Any) -> Bound:
        props: dict[str, Any] = {}
        if ep is not None:
            props.update(endpoint_props(self.value(ep)))
        props.update(self._auth(cred, spec))
        model = self.value(model_node) if model_node is not None else None
        if isinstance(model, str):
            props["model"] = model
        elif isinstance(model, Env):
            props["model_env"] = model.name
        client = self.col.client(self.line(n), label, spec, props, cls=label)
        if isinstance(model, str):
            self.col.model(self.line(n), model, spec.family, spec.service, client)
        return Bound("client", client, model=model if isinstance(model, str) else None)

    def _list(self, nodes: list[Any]) -> list[Any]:
        """Values of an argument list, a collection (`["-y", "pkg"]`, `new[] {...}`, `List.of(...)`, `Arrays.asList`)."""
        out: list[Any] = []
        for x in nodes:
            if x.type in ("collection_expression", "array_creation_expression", "implicit_array_creation_expression",
                          "initializer_expression", "array_initializer", "collection_element", "expression_element"):
                out.extend(self._list(list(x.named_children)))
            elif x.type in ("invocation_expression", "method_invocation") and self.call_parts(x)[1] in (
                    "of", "asList", "List"):
                out.extend(self._list(self.args(x)[0]))
            elif x.type not in ("comment", "identifier") or self.bindings.get(self.text(x)) is not None:
                out.append(self.value(x))
            else:
                out.append(Unknown(f"variable {self.text(x)}"))
        return out

    def _mcp(self, n: Any, cls: str, fields: dict[str, list[Any]]) -> Bound:
        """An MCP server from a client transport's options or builder calls, in the MCP config vocabulary."""
        cfg: dict[str, Any] = {"type": cat.MCP_TRANSPORTS[cls]}
        name: Any = None
        for key, nodes in fields.items():
            k = cat.MCP_FIELDS.get(key.lower())
            if k is None or not nodes:
                continue
            if k == "name":
                name = self.value(nodes[0])
            elif k == "args" or (k == "command" and len(nodes) > 1 or nodes[0].type in (
                    "invocation_expression", "method_invocation", "collection_expression")):
                values = self._list(nodes)
                if k == "command" and values:  # `command(List.of("npx", "-y", "pkg"))`
                    cfg["command"], values = values[0], values[1:]
                cfg["args"] = cfg.get("args", []) + values
            elif k in ("env", "headers"):
                cfg[k] = Unknown(f"{k} not read in this language")
            else:
                cfg[k] = self.value(nodes[0])
        server = self.col.mcp_server(self.line(n), name if isinstance(name, str) else None, cfg, cls)
        return Bound("mcp", servers=[server])

    def _finish(self, n: Any, b: _Builder) -> Any:
        kind, spec = cat.BUILDERS[b.cls]
        got: dict[str, Any] = {}
        for meth, pos in b.calls:
            field = cat.BUILDER_FIELDS.get(meth.lower())
            if field and field not in got:
                got[field] = pos
        first = {k: (v[0] if v else None) for k, v in got.items()}
        if kind == "agent":
            fields = {"Name": first.get("name"), "Instructions": first.get("instructions")}
            model_obj = self.ev(first["model_object"]) if first.get("model_object") is not None else None
            if first.get("model") is not None:
                fields["Model"] = first["model"]
            fields["Tools"] = got.get("tools")
            return self._agent(n, str(spec), fields, model_obj if isinstance(model_obj, Bound) else None)
        assert isinstance(spec, cat.Spec)
        cred = first.get("key") or first.get("credential")
        if cred is None and "entra" in got:
            cred = got["entra"][0] if got["entra"] else None
        if "fromenv" in {m.lower() for m, _ in b.calls}:
            spec = cat.Spec(spec.kind, spec.family, spec.service, default_auth="key")
        return self._client(n, b.cls, spec, first.get("endpoint"), first.get("model"), cred)

    def _agent(self, n: Any, family: str, fields: dict[str, Any], via: Bound | None) -> Bound:
        line = self.line(n)
        name = self.value(fields.get("Name")) if fields.get("Name") is not None else Unknown("agent has no name")
        if not isinstance(name, (str, Unknown)):
            name = as_unknown(name)
        instr = self.value(fields.get("Instructions")) if fields.get("Instructions") is not None else None
        kernel = self.ev(fields["Kernel"]) if fields.get("Kernel") is not None else None
        client_b = via if via is not None else kernel if isinstance(kernel, Bound) else None
        client: Asset | None = client_b.asset if client_b is not None and client_b.what == "client" else None
        model: Any = self.value(fields["Model"]) if fields.get("Model") is not None else \
            (client_b.model if client_b is not None and isinstance(client_b.model, str) else
             client.properties.get("model") if client is not None else None)
        props: dict[str, Any] = {"family": family, "name": name}
        if model is not None:
            props["model"] = model if isinstance(model, str) else as_unknown(model)
        if client is not None:
            props["client"] = client.uid
        label = f"agent {name}" if isinstance(name, str) else "agent"
        agent = self.col.new(line, label, "agent", Kind.AGENT, name, props)
        instructions_fact(agent, instr, instr is not None)
        tools = fields.get("Tools")
        agent.set_fact("tool_count", len(tools) if isinstance(tools, list) else None, path="tools",
                       note=None if isinstance(tools, list) else "tools not read in this language")
        if client is not None:
            self.col.relate(agent.uid, "calls", client.uid)
        if isinstance(model, str):
            self.col.model(line, model, family, client.properties.get("service") if client else None, agent)
        return Bound("agent", agent)


class _ManagedSource:
    """The shared source of `*.cs` and `*.java` files."""

    name = ""
    lang = ""
    suffix = ""

    claims_by_name = True  # `claims` reads the file's name alone (`aispm.source.Source`)

    def claims(self, path: Path) -> bool:
        return path.suffix == self.suffix

    def load(self, files: list[Path], ctx: SourceContext) -> SourceResult:
        result = SourceResult()
        for path, text in readable(files, ctx, result):
            rel = ctx.rel(path)
            with one_file(result.errors, rel, self.name):
                self._one(text, rel, ctx, result)
        return result

    def _one(self, text: str, rel: str, ctx: SourceContext, result: SourceResult) -> None:
        mine = add_secrets(result, text, self.name, rel)
        if not any(h in text for h in cat.HINTS):
            return
        src = text.encode("utf-8", "surrogatepass")
        tree = _parser(self.lang).parse(src)
        col = Collector(self.name, rel)
        col.taken.update(mine)
        deep = Walker(src, col, self.lang).walk(tree.root_node, ctx.limits.depth)
        if deep is not None:
            result.errors.append(ScanError(rel, deep, f"nested deeper than {ctx.limits.depth} levels (budget: depth); "
                                                      "AI usage not read past it, secrets were searched"))
        result.assets.extend(col.assets)
        result.relations.extend(col.relations)


class CSharpCodeSource(_ManagedSource):
    """AI SDK clients, models and agents in C# (`*.cs`)."""

    name, lang, suffix = "csharp-code", "csharp", ".cs"


class JavaCodeSource(_ManagedSource):
    """AI SDK clients, models and agents in Java (`*.java`)."""

    name, lang, suffix = "java-code", "java", ".java"
