"""The JS/TS walker's core: imports, values and bindings of one file (a tree-sitter tree), and the dispatch
of each call or `new`.

`JsWalker` is the base of the analyser `javascript.py` assembles from its parts (`js_clients`: SDK
clients, providers, models and data sources; `js_agents`: agent frameworks, client-created agents and
tools; `js_mcp`: MCP servers). Imports (`import X from`, `import { X as Y }`, `import * as ns`,
`require`) map local names to `(module, export)`; two passes over the nodes in source order record
imports and constants, then bind names and evaluate calls. Values resolve only when simple: string and
template literals of constants, members of constant object and array literals (`MODELS.chat`,
`CONFIG.models[1]`), concatenations, `??` / `||` fallbacks, and `process.env.X` /
`import.meta.env.X` (an `Env`).

The nodes are listed once, iteratively, before anything is evaluated; a tree deeper than the depth
budget (`formats.depth.TooDeep`, with the line of the first node too deep) is refused there, so the
recursive evaluation of calls and values never meets more nesting than `Limits.depth`.
"""

from __future__ import annotations

from typing import Any

from aispm.formats.depth import TooDeep
from aispm.limits import DEFAULT
from aispm.model import Asset, Unknown
from aispm.providers.code.analysis import Bound, Collector, Env
from aispm.providers.code.catalog import ai_sdks as cat


def text_of(node: Any) -> str:
    """The source text of a tree-sitter node."""
    return node.text.decode("utf-8", "replace")



def lookup(module: str, export: str) -> cat.Spec | None:
    """The `JS_SYMBOLS` row of an import (a row keyed `module/` covers its subpaths)."""
    spec = cat.JS_SYMBOLS.get((module, export))
    if spec is not None:
        return spec
    for (m, e), s in cat.JS_SYMBOLS.items():
        if m.endswith("/") and module.startswith(m) and e == export:
            return s
    return None


class JsWalker:
    """Imports, values, bindings and call dispatch; the handlers of each kind of call are in the parts."""

    def __init__(self, root: Any, col: Collector, max_depth: int = DEFAULT.depth) -> None:
        self.col = col
        self.max_depth = max_depth
        self.imports: dict[str, tuple[str, str]] = {}  # local → (module, export | "*")
        self.consts: dict[str, Any] = {}
        self.bindings: dict[str, Bound] = {}
        self.providers: dict[str, Asset] = {}
        self.memo: dict[int, Bound | None] = {}
        self.last_bedrock: Asset | None = None
        self.root = root

    # ---- walking
    def nodes(self) -> list[Any]:
        """Every named node in source order; raises `TooDeep` past `max_depth` levels."""
        out: list[Any] = []
        stack = [(self.root, 1)]
        limit = self.max_depth
        while stack:
            n, d = stack.pop()
            if d > limit:
                raise TooDeep(limit, n.start_point[0] + 1)
            out.append(n)
            stack.extend((c, d + 1) for c in reversed(n.named_children))
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
                if value.type == "call_expression" and text_of(value.child_by_field_name("function") or value) == "require":
                    self._require(name, value)
                elif name.type == "identifier" and value.type in ("string", "template_string", "member_expression",
                                                                   "binary_expression", "subscript_expression",
                                                                   "object", "array", "as_expression",
                                                                   "satisfies_expression"):
                    self.consts.setdefault(text_of(name), value)
        for n in nodes:
            t = n.type
            if t == "variable_declarator":
                name, value = n.child_by_field_name("name"), n.child_by_field_name("value")
                if name is not None and value is not None:
                    self._bind(text_of(name), value)
            elif t == "assignment_expression":
                left, right = n.child_by_field_name("left"), n.child_by_field_name("right")
                if left is not None and right is not None:
                    self._bind(text_of(left), right)
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
                    self.imports[text_of(c)] = (module, "default")
                elif c.type == "namespace_import":
                    for i in c.named_children:
                        if i.type == "identifier":
                            self.imports[text_of(i)] = (module, "*")
                elif c.type == "named_imports":
                    for spec in c.named_children:
                        if spec.type != "import_specifier":
                            continue
                        name = spec.child_by_field_name("name")
                        alias = spec.child_by_field_name("alias")
                        if name is not None:
                            self.imports[text_of(alias or name)] = (module, text_of(name))

    def _require(self, name: Any, call: Any) -> None:
        args = call.child_by_field_name("arguments")
        if args is None or not args.named_children:
            return
        module = self.value(args.named_children[0])
        if not isinstance(module, str):
            return
        if name.type == "identifier":
            self.imports[text_of(name)] = (module, "*")
        elif name.type == "object_pattern":
            for p in name.named_children:
                if p.type == "shorthand_property_identifier_pattern":
                    self.imports[text_of(p)] = (module, text_of(p))
                elif p.type == "pair_pattern":
                    k, v = p.child_by_field_name("key"), p.child_by_field_name("value")
                    if k is not None and v is not None:
                        self.imports[text_of(v)] = (module, text_of(k))

    def _bind(self, name: str, value: Any) -> None:
        if value.type == "await_expression" and value.named_children:
            value = value.named_children[0]
        o = self.eval(value) if value.type in ("call_expression", "new_expression") else \
            self.bindings.get(text_of(value)) if value.type in ("identifier", "member_expression") else None
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
            return "".join(text_of(c) for c in node.named_children if c.type in ("string_fragment", "escape_sequence"))
        if t == "template_string":
            parts = []
            for c in node.named_children:
                if c.type == "string_fragment":
                    parts.append(text_of(c))
                elif c.type == "template_substitution":
                    inner = c.named_children[0] if c.named_children else None
                    v = self.value(inner, depth + 1)
                    if not isinstance(v, str):
                        return Unknown(f"template with {text_of(c)[:60]}")
                    parts.append(v)
            return "".join(parts)
        if t in ("true", "false"):
            return t == "true"
        if t == "number":
            return text_of(node)
        if t == "identifier":
            name = text_of(node)
            if name in self.consts:
                return self.value(self.consts[name], depth + 1)
            return Unknown(f"variable {name}")
        if t == "member_expression":
            obj = node.child_by_field_name("object")
            prop = node.child_by_field_name("property")
            if obj is not None and prop is not None and text_of(obj) in ("process.env", "import.meta.env"):
                return Env(text_of(prop))
            found = self._member(obj, text_of(prop), depth + 1) if obj is not None and prop is not None else None
            return self.value(found, depth + 1) if found is not None else Unknown(f"expression {text_of(node)[:60]}")
        if t == "subscript_expression":
            obj = node.child_by_field_name("object")
            idx = node.child_by_field_name("index")
            k = self.value(idx, depth + 1) if idx is not None else None
            if obj is not None and text_of(obj) == "process.env":
                if isinstance(k, str):
                    return Env(k)
            elif obj is not None and isinstance(k, str):  # `MODELS["chat"]`, `MODELS[0]`
                found = self._member(obj, k, depth + 1)
                if found is not None:
                    return self.value(found, depth + 1)
            return Unknown(f"expression {text_of(node)[:60]}")
        if t == "binary_expression":
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            op = node.child_by_field_name("operator")
            opt = text_of(op) if op is not None else ""
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

    def _container(self, node: Any, depth: int) -> Any:
        """The object or array literal an expression stands for: a literal, a constant naming one (`const MODELS
        = {...}`, `as const` too), or a member of one (`CONFIG.openai.models`)."""
        if node is None or depth > 8:
            return None
        if node.type in ("as_expression", "satisfies_expression", "parenthesized_expression") and node.named_children:
            return self._container(node.named_children[0], depth + 1)
        if node.type in ("object", "array"):
            return node
        if node.type == "identifier" and text_of(node) in self.consts:
            return self._container(self.consts[text_of(node)], depth + 1)
        if node.type == "member_expression":
            obj, prop = node.child_by_field_name("object"), node.child_by_field_name("property")
            return self._container(self._member(obj, text_of(prop), depth + 1), depth + 1) if prop is not None \
                else None
        return None

    def _member(self, obj: Any, key: str, depth: int) -> Any:
        """`obj.key` / `obj[key]` in a literal the syntax knows, as a node, or None."""
        c = self._container(obj, depth)
        if c is None:
            return None
        if c.type == "object":
            return self.obj_fields(c).get(key)
        items = [e for e in c.named_children if e.type != "comment"]
        return items[int(key)] if key.isdigit() and int(key) < len(items) else None

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
                    key = self.value(k) if k.type == "string" else text_of(k)
                    if isinstance(key, str):
                        out[key] = v
            elif p.type == "shorthand_property_identifier":
                out[text_of(p)] = p
        return out

    def shorthand(self, node: Any) -> Any:
        """A shorthand property `{ endpoint }` is the variable `endpoint`."""
        return node

    def val(self, node: Any) -> Any:
        if node is not None and node.type == "shorthand_property_identifier":
            name = text_of(node)
            return self.value(self.consts[name]) if name in self.consts else Unknown(f"variable {name}")
        return self.value(node)

    # ---- resolution
    def resolve(self, callee: Any) -> tuple[str, str] | None:
        if callee.type == "identifier":
            return self.imports.get(text_of(callee))
        if callee.type == "member_expression":
            obj, prop = callee.child_by_field_name("object"), callee.child_by_field_name("property")
            if obj is not None and prop is not None and obj.type == "identifier":
                imp = self.imports.get(text_of(obj))
                if imp and imp[1] in ("*", "default"):
                    return imp[0], text_of(prop)
                if imp:  # a static member of a named import: `Agent.create`, `FunctionTool.from`
                    return imp[0], f"{imp[1]}.{text_of(prop)}"
        return None

    def eval(self, node: Any) -> Bound | None:
        key = node.id
        if key in self.memo:
            return self.memo[key]
        self.memo[key] = None
        o = self._eval(node)
        self.memo[key] = o
        return o

    def _eval(self, node: Any) -> Bound | None:
        is_new = node.type == "new_expression"
        callee = node.child_by_field_name("constructor" if is_new else "function")
        args_node = node.child_by_field_name("arguments")
        if callee is None:
            return None
        args = [a for a in (args_node.named_children if args_node is not None else []) if a.type != "comment"]
        line = node.start_point[0] + 1
        if callee.type in ("identifier", "member_expression"):
            text = text_of(callee)
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
            spec = lookup(module, "default")
            export = "default"
        else:
            spec = lookup(module, export)
        agent_spec = cat.js_lookup(cat.JS_AGENTS, module, export)
        if agent_spec is not None:
            return self._fw_agent(agent_spec, args, line)
        mcp_spec = cat.js_lookup(cat.JS_MCP, module, export)
        if mcp_spec is not None:
            return self._mcp_decl(mcp_spec, args, line, f"{module}:{export}", export)
        pass_key = cat.js_lookup(cat.JS_MCP_PASS, module, export)
        if pass_key is not None:
            carrier = self.options(args).get(pass_key) or (args[0] if args else None)
            return Bound("mcp", servers=self._mcp_servers_of(carrier) if carrier is not None else [])
        tool_key = cat.js_lookup(cat.JS_TOOL_FACTORIES, module, export)
        if tool_key is not None:
            n = self.options(args).get(tool_key)
            tname = self.val(n) if n is not None else None
            return Bound("tools", tools=[{"name": tname if isinstance(tname, str) else export.split(".")[0],
                                         "type": "function"}])
        if (module, export) in cat.JS_MODEL_WRAPPERS and args:
            inner = args[0]
            return self.eval(inner) if inner.type in ("call_expression", "new_expression") else \
                self.bindings.get(text_of(inner))
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
                    return Bound("cred", auth="key")
                if export in cat.ENTRA_CREDENTIALS:
                    return Bound("cred", auth="entra")
            # provider member call: openai.chat("gpt-4o") with `openai` the default provider
            if callee.type == "member_expression":
                obj = callee.child_by_field_name("object")
                oimp = self.imports.get(text_of(obj)) if obj is not None and obj.type == "identifier" else None
                if oimp:
                    pspec = lookup(*oimp)
                    if pspec and pspec.kind == "provider":
                        return self._provider_model(self._provider(text_of(obj), pspec, line, {}), args, line)
            return None
        if spec.kind == "provider":
            if callee.type == "identifier" and export.startswith("create"):
                return Bound("provider", self._client(line, export, spec, args, module=module), spec=spec)
            # the default provider instance called directly: openai("gpt-4o")
            return self._provider_model(self._provider(text_of(callee), spec, line, {}), args, line)
        if spec.kind == "model":
            opts = self.options(args)
            m = next((self.val(opts[k]) for k in spec.model_kwargs if k in opts), None)
            if isinstance(m, str):
                self.col.model(line, m, spec.family, spec.service, self.last_bedrock)
            return None
        if spec.kind == "data-source":
            return self._data_source(line, export, module, spec, args)
        return Bound("client", self._client(line, export if export != "default" else text_of(callee), spec, args,
                                           module=module), spec=spec)

    def _obj_of(self, node: Any) -> Bound | None:
        if node.type == "await_expression" and node.named_children:
            node = node.named_children[0]
        if node.type in ("call_expression", "new_expression"):
            return self.eval(node)
        if node.type in ("identifier", "shorthand_property_identifier", "member_expression"):
            return self.bindings.get(text_of(node))
        return None
