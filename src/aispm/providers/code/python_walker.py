"""The Python walker's core: names, values and bindings of one module, and the dispatch of each call.

`PythonWalker` is the base of the analyser `python.py` assembles from its parts (`python_clients`:
SDK clients, models and data sources; `python_agents`: agent frameworks and tools; `python_mcp`: MCP
servers). Before walking, a prepass maps imports to qualified names (`from langchain_openai import
ChatOpenAI as Chat` → `Chat` = `langchain_openai.ChatOpenAI`), records module constants, function
names, names assigned a display once, tool decorators and `openai.*` module settings. The walk is in
source order: assignments and `with` items bind names to what a call returned (`Bound`), and each call
is dispatched on its qualified name to the part that knows it. Values resolve only when simple:
literals, constants, f-strings and concatenations of them, and `os.environ` / `os.getenv` (an `Env`).
Relative imports are local code, never an SDK.

The prepass walks the tree breadth first, level by level, and refuses a tree deeper than the depth
budget (`formats.depth.TooDeep`, with the line of the first node too deep) before the recursive
visit starts, so the visit never meets more nesting than `Limits.depth`.
"""

from __future__ import annotations

import ast
from typing import Any

from aispm.formats.depth import TooDeep
from aispm.limits import DEFAULT
from aispm.model import Asset, Unknown
from aispm.providers.code.analysis import Bound, Collector, Env
from aispm.providers.code.catalog import ai_sdks as cat
from aispm.providers.code.model_ids import ai_key, is_model_id
from aispm.providers.code.model_ids import split as split_model_id


_MISSING = object()


class ParamClient(Bound):
    """A function parameter typed as an SDK client; the client asset is made when the function uses it."""

    __slots__ = ("cls", "line")

    def __init__(self, spec: cat.Spec, cls: str, line: int) -> None:
        super().__init__("param-client", spec=spec)
        self.cls = cls
        self.line = line


def _field_default(value: ast.expr) -> ast.expr:
    """A class field's default: the value, or the default a `Field(...)` / `field(...)` call gives."""
    if isinstance(value, ast.Call):
        f = value.func
        name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
        if name in ("Field", "field"):
            kw = {k.arg: k.value for k in value.keywords if k.arg}
            if "default" in kw:
                return kw["default"]
            if value.args and not (isinstance(value.args[0], ast.Constant) and value.args[0].value is Ellipsis):
                return value.args[0]
    return value


def under(q: str, prefix: str) -> bool:
    """`q` lives in package `prefix` (`langchain` also covers `langchain_openai`, `langchain_community`); a prefix
    ending in `.` is that package only (`agents.` is not `agents_toolkit`)."""
    if prefix.endswith("."):
        return q.startswith(prefix)
    return q.startswith(prefix) and (len(q) == len(prefix) or q[len(prefix)] in "._")


def source_of(node: ast.AST, limit: int = 60) -> str:
    """A short text of an expression for a note (`ast.unparse` refuses some f-strings it parsed)."""
    try:
        return ast.unparse(node)[:limit]
    except (ValueError, RecursionError):
        return type(node).__name__


def dotted(node: ast.AST) -> str | None:
    """`a.b.c` for a name or attribute chain, else None."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = dotted(node.value)
        return f"{base}.{node.attr}" if base else None
    return None


class PythonWalker(ast.NodeVisitor):
    """Names, values, bindings and call dispatch; the handlers of each kind of call are in the parts."""

    def __init__(self, tree: ast.Module, col: Collector, max_depth: int = DEFAULT.depth,
                 foreign: dict[str, Any] | None = None, collection_size: int = DEFAULT.collection_size) -> None:
        self.col = col
        self.max_depth = max_depth
        self.collection_size = collection_size  # the scan's `collection_size` budget (`--limit`)
        self.imports: dict[str, str] = {}
        self.consts: dict[str, Any] = {}
        self.bindings: dict[str, Bound] = {}
        self.functions: set[str] = set()
        self.done: set[int] = set()
        self.openai_module: dict[str, Any] = {}
        self.legacy_client: Asset | None = None
        self.literals: dict[str, ast.expr] = {}  # names assigned once a dict / list / tuple display
        self.tool_funcs: dict[str, Any] = {}  # functions decorated as tools → the tool's name
        self.mcp_memo: dict[int, Asset] = {}  # dict displays / URL strings that declared an MCP server
        self._memo: dict[int, Bound | None] = {}  # call node → what it returned
        self.expanding: set[int] = set()  # literals being read through a name (`x = [x]` must end)
        #: module-level classes → their fields' defaults (settings classes, dataclasses, plain constant holders)
        self.classes: dict[str, dict[str, ast.expr]] = {}
        #: names assigned once an instance of one of those classes → its fields (defaults, then arguments)
        self.instances: dict[str, dict[str, ast.expr]] = {}
        #: functions whose last statement returns an instance (`get_settings()`) → the class
        self.factories: dict[str, str] = {}
        #: names assigned once a call (`definition = PromptAgentDefinition(...)`, passed on by name)
        self.assigned_calls: dict[str, ast.Call] = {}
        #: local functions whose last statement returns a display (`def define_mcp_servers(): return [...]`)
        self.returns: dict[str, ast.expr] = {}
        #: names imported from other files of the project → their resolved values (`symbols.ProjectSymbols`)
        self.foreign: Any = foreign if foreign is not None else {}  # a `symbols.ModuleImports`: lazy
        self._prepass(tree)

    # ---- prepass: imports, constants, function names, openai module config
    def _prepass(self, tree: ast.Module) -> None:
        assigned: dict[str, list[ast.AST]] = {}
        decorated: list[ast.FunctionDef | ast.AsyncFunctionDef] = []
        for node in self._levels(tree):
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
        self._config_classes(tree)
        for name, values in assigned.items():
            if len(values) == 1 and isinstance(values[0], ast.Call):
                self.assigned_calls[name] = values[0]
                fields = self._instance_fields(values[0])
                if fields is not None:
                    self.instances[name] = fields
            if len(values) == 1 and isinstance(values[0], (ast.Dict, ast.List, ast.Tuple)):
                self.literals[name] = values[0]
            if len(values) == 1 and isinstance(values[0], (ast.Constant, ast.JoinedStr, ast.Subscript, ast.Call,
                                                             ast.BinOp, ast.Attribute)):
                if isinstance(values[0], ast.Call) and not self._is_env_call(values[0]):
                    continue
                self.consts[name] = values[0]
        for fn in decorated:  # after the constants: `@function_tool(name_override=NAME)`
            for dec in fn.decorator_list:
                target = dec.func if isinstance(dec, ast.Call) else dec
                q = self.qual(target) or ""
                row = cat.PY_TOOL_DECORATORS.get(q.split(".")[-1])
                if not row or not any(under(q, p) for p in row[0]):
                    continue
                named = None
                if isinstance(dec, ast.Call):
                    kw = self._kw(dec)
                    named = kw.get(row[1])
                    if named is None and row[2] is not None and len(dec.args) > row[2]:
                        named = dec.args[row[2]]
                self.tool_funcs[fn.name] = self.value(named) if named is not None else fn.name

    def _config_classes(self, tree: ast.Module) -> None:
        """Module-level classes and their fields' defaults (`model: str = "gpt-4o"`, `MODEL = "gpt-4o"`,
        `model: str = Field(default="gpt-4o")`), and the functions that return an instance of one."""
        for node in tree.body:
            if isinstance(node, ast.ClassDef):
                fields: dict[str, ast.expr] = {}
                for stmt in node.body:
                    if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value:
                        fields[stmt.target.id] = _field_default(stmt.value)
                    elif isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 \
                            and isinstance(stmt.targets[0], ast.Name):
                        fields[stmt.targets[0].id] = _field_default(stmt.value)
                    elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                        fields[stmt.target.id] = ast.Constant(None)  # a field without a default (dataclass)
                if fields and len(self.classes) < self.budget:
                    self.classes[node.name] = fields
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.body \
                    and isinstance(node.body[-1], ast.Return):
                ret = node.body[-1].value
                if isinstance(ret, ast.Call) and isinstance(ret.func, ast.Name) and ret.func.id in self.classes:
                    self.factories[node.name] = ret.func.id
                elif isinstance(ret, (ast.List, ast.Tuple, ast.Dict)):
                    self.returns[node.name] = ret

    def _instance_fields(self, call: ast.Call) -> dict[str, ast.expr] | None:
        """The fields of `Settings(...)` / `get_settings()`: the class's defaults, then its arguments
        (keywords, and positional ones in the order the fields are declared, as a dataclass takes them)."""
        f = call.func
        name = f.id if isinstance(f, ast.Name) else None
        if name in self.factories:
            return dict(self.classes[self.factories[name]])
        if name not in self.classes:
            return None
        fields = dict(self.classes[name])
        for i, (field, arg) in enumerate(zip(list(fields), call.args)):
            if not isinstance(arg, ast.Starred):
                fields[field] = arg
        for k in call.keywords:
            if k.arg:
                fields[k.arg] = k.value
        return fields

    @property
    def budget(self) -> int:
        return self.collection_size

    def _levels(self, tree: ast.AST) -> Any:
        """Every node in `ast.walk`'s order (breadth first), level by level; raises `TooDeep` when the
        tree has more than `max_depth` levels."""
        level = [tree]
        depth = 1
        while level:
            yield from level
            level = [c for n in level for c in ast.iter_child_nodes(n)]
            depth += 1
            if level and depth > self.max_depth:
                raise TooDeep(self.max_depth, getattr(level[0], "lineno", None))

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
            if node.id in self.foreign and not isinstance(self.foreign[node.id], (dict, list)):
                return self.foreign[node.id]
            return Unknown(f"variable {node.id}")
        if isinstance(node, ast.Attribute):  # `settings.MODEL`, `Config.MODEL`, `get_settings().model`
            return self._resolved(self._member(node.value, node.attr, depth + 1), node, depth)
        if isinstance(node, ast.JoinedStr):
            parts = []
            for v in node.values:
                r = self.value(v.value if isinstance(v, ast.FormattedValue) else v, depth + 1)
                if not isinstance(r, str):
                    return Unknown(f"f-string with {source_of(v)}")
                parts.append(r)
            return "".join(parts)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            a, b = self.value(node.left, depth + 1), self.value(node.right, depth + 1)
            if isinstance(a, str) and isinstance(b, str):
                return a + b
            return Unknown("concatenation of values not known")
        if isinstance(node, ast.Subscript):
            key = self.value(node.slice, depth + 1)
            if dotted(node.value) in ("os.environ", "environ"):
                if isinstance(key, str):
                    return Env(key)
            elif isinstance(key, (str, int)):  # `MODELS["chat"]`, `config["model"]`, `settings.models[0]`
                return self._resolved(self._member(node.value, key, depth + 1), node, depth)
            return Unknown(f"subscript {source_of(node)}")
        if isinstance(node, ast.Call):
            d = dotted(node.func) or ""
            if d in ("os.getenv", "getenv", "os.environ.get", "environ.get") and node.args:
                key = self.value(node.args[0], depth + 1)
                if isinstance(key, str):
                    return Env(key)
            if isinstance(node.func, ast.Attribute) and node.func.attr == "get" and node.args:  # `CONFIG.get("k")`
                key = self.value(node.args[0], depth + 1)
                found = self._member(node.func.value, key, depth + 1) if isinstance(key, (str, int)) else _MISSING
                if found is _MISSING and len(node.args) > 1 and self.container(node.func.value, depth + 1) \
                        is not None:
                    return self.value(node.args[1], depth + 1)
                if found is not _MISSING:
                    return self._resolved(found, node, depth)
            return Unknown(f"call {d or 'expression'}()")
        return Unknown(f"expression {type(node).__name__}")

    # ---- models an app keeps in constants and settings classes
    def declared_models(self, tree: ast.Module) -> None:
        """Model ids kept at module level under a name or key that says so (`CHAT_MODEL = "gpt-4o"`,
        `MODELS = {"chat": "gpt-4o"}`, a settings class's `deployment: str = "gpt-4.1"`), each a `model`
        asset once per file, even when the call that uses it cannot be followed. Both the name and the value
        must say it (`model_ids.ai_key`, `model_ids.is_model_id`): an ordinary string stays ordinary."""
        budget = [self.budget]
        for node in tree.body:
            if isinstance(node, ast.ClassDef):
                for field, v in self.classes.get(node.name, {}).items():
                    self._declare(f"{node.name}.{field}", v, ai_key(field), 0, budget)
            elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                self._declare(node.targets[0].id, node.value, ai_key(node.targets[0].id), 0, budget)
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
                self._declare(node.target.id, node.value, ai_key(node.target.id), 0, budget)

    def _declare(self, name: str, node: ast.AST, ai: bool, depth: int, budget: list[int]) -> None:
        if depth > 8 or budget[0] <= 0:
            return
        budget[0] -= 1
        if isinstance(node, ast.Dict):
            for k, v in zip(node.keys, node.values):
                kv = self.value(k) if k is not None else None
                key = kv if isinstance(kv, str) else ""
                self._declare(f"{name}.{key}" if key else name, v, ai or ai_key(key), depth + 1, budget)
        elif isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            for e in node.elts:
                self._declare(name, e, ai, depth + 1, budget)
        elif ai and isinstance(node, (ast.Constant, ast.JoinedStr, ast.BinOp)):
            v = self.value(node)
            if is_model_id(v):
                model, service = split_model_id(v)
                self.col.model(getattr(node, "lineno", 1), model, "app-config", service, None, declared_as=name)

    # ---- mappings an app keeps its settings in
    def container(self, node: ast.AST, depth: int) -> dict[Any, Any] | list[Any] | None:
        """The mapping or list an expression stands for, when the syntax says: a dict / list display (directly
        or through a name assigned once), a class's fields, an instance's fields, a value imported from another
        file of the project. Its members are AST nodes (this module) or resolved values (another file)."""
        if depth > 8:
            return None
        if isinstance(node, ast.Dict):
            out: dict[Any, Any] = {}
            for k, v in zip(node.keys, node.values):
                kv = self.value(k, depth + 1) if k is not None else None
                if isinstance(kv, (str, int)):
                    out[kv] = v
            return out
        if isinstance(node, (ast.List, ast.Tuple)):
            return list(node.elts)
        if isinstance(node, ast.Name):
            n = node.id
            if n in self.bindings:
                return None
            if n in self.literals:
                return self.container(self.literals[n], depth + 1)
            if n in self.instances:
                return self.instances[n]
            if n in self.classes:
                return self.classes[n]
            found = self.foreign.get(n)
            return found if isinstance(found, (dict, list)) else None
        if isinstance(node, ast.Call):
            return self._instance_fields(node)
        if isinstance(node, (ast.Attribute, ast.Subscript)):
            key = node.attr if isinstance(node, ast.Attribute) else self.value(node.slice, depth + 1)
            m = self._member(node.value, key, depth + 1) if isinstance(key, (str, int)) else _MISSING
            if isinstance(m, ast.AST):
                return self.container(m, depth + 1)
            return m if isinstance(m, (dict, list)) else None
        return None

    def _member(self, base: ast.AST, key: Any, depth: int) -> Any:
        """`base[key]` / `base.key` in a known mapping: an AST node, a resolved value, or `_MISSING`."""
        c = self.container(base, depth)
        if isinstance(c, dict) and key in c:
            return c[key]
        if isinstance(c, list) and isinstance(key, int) and not isinstance(key, bool) and -len(c) <= key < len(c):
            return c[key]
        return _MISSING

    def _resolved(self, member: Any, node: ast.AST, depth: int) -> Any:
        if member is _MISSING:
            return Unknown(f"expression {source_of(node)}")
        if isinstance(member, ast.AST):
            return self.value(member, depth + 1)
        return member if not isinstance(member, (dict, list)) else Unknown(f"a mapping {source_of(node)}")

    def obj(self, node: ast.AST | None) -> Bound | None:
        if node is None:
            return None
        if isinstance(node, ast.Call):
            return self.call(node)
        d = dotted(node)
        o = self.bindings.get(d) if d else None
        return self._param_client(o, d or "client") if isinstance(o, ParamClient) else o

    # ---- visiting
    def visit_Assign(self, node: ast.Assign) -> None:
        self._bind(node.targets, node.value)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self._bind([node.target], node.value)

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        """Parameters typed as an SDK client (`def run(project: AIProjectClient)`) stand for a client the caller
        built: the client asset is made where the function first uses it, with what is not known unknown."""
        for a in node.args.posonlyargs + node.args.args + node.args.kwonlyargs:
            q = self._annotation(a.annotation)
            if q is None:
                continue
            parts = q.split(".")
            for key in ((f"{parts[-2]}.{parts[-1]}",) if len(parts) > 1 else ()) + (parts[-1],):
                spec = next((sp for prefix, sp in cat.PY_SYMBOLS.get(key, ()) if under(q, prefix)), None)
                if spec is not None and spec.kind == "client":
                    self.bindings[a.arg] = ParamClient(spec, q, self._line(a))
                    break
        self.generic_visit(node)

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]

    def _annotation(self, node: ast.expr | None) -> str | None:
        """The qualified class of an annotation: `X`, `"X"`, `X | None`, `Optional[X]`."""
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            try:
                node = ast.parse(node.value, mode="eval").body
            except (SyntaxError, ValueError, RecursionError):
                return None
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
            return self._annotation(node.left) or self._annotation(node.right)
        if isinstance(node, ast.Subscript) and (dotted(node.value) or "").split(".")[-1] == "Optional":
            return self._annotation(node.slice)
        return self.qual(node) if isinstance(node, (ast.Name, ast.Attribute)) else None

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
            d = dotted(t)
            if d and o is not None:
                self.bindings[d] = o
            elif d:
                self.bindings.pop(d, None)
        self.generic_visit(value)

    def visit_Call(self, node: ast.Call) -> None:
        self.call(node)
        self.generic_visit(node)

    # ---- calls
    def call(self, node: ast.Call) -> Bound | None:
        if id(node) in self.done:
            return self._memo.get(id(node))
        self.done.add(id(node))
        o = self._call(node)
        self._memo[id(node)] = o
        return o

    def _kw(self, node: ast.Call) -> dict[str, ast.expr]:
        return {k.arg: k.value for k in node.keywords if k.arg}

    def _call(self, node: ast.Call) -> Bound | None:
        func = node.func
        # method call on something bound (or on a client-constructing call)
        if isinstance(func, ast.Attribute):
            root, chain = func.value, [func.attr]
            while isinstance(root, ast.Attribute):
                chain.insert(0, root.attr)
                root = root.value
            d = dotted(func.value)
            bound = None
            for k in range(len(chain) - 1, -1, -1):  # self.client.chat... → longest bound prefix
                prefix = dotted(root)
                if prefix is None:
                    break
                key = ".".join([prefix] + chain[:k])
                if key in self.bindings:
                    bound = self.bindings[key]
                    chain = chain[k:]
                    break
            if bound is None and isinstance(root, ast.Call):
                bound = self.call(root)
            if isinstance(bound, ParamClient):  # first use of a client received as a typed parameter
                bound = self._param_client(bound, dotted(root) or "client")
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
            return Bound("cred", auth="entra")
        if last in cat.KEY_CREDENTIALS:
            return Bound("cred", auth="key")
        for prefix, aspec in cat.PY_AGENTS.get(last, ()):
            if under(q, prefix):
                return self._agent(node, aspec, None, kw)
        for prefix, mspec in cat.PY_MCP.get(last, ()):
            if under(q, prefix):
                return self._mcp_decl(node, q, mspec, kw)
        if any(under(q, p) for p in cat.PY_MCP_PASS.get(last, ())):
            arg = node.args[0] if node.args else next(iter(kw.values()), None)
            return Bound("mcp", servers=self._mcp_servers_of(arg, q))
        wrapper = cat.PY_MODEL_WRAPPERS.get(last)
        if wrapper and under(q, wrapper[0]):
            return self._model_wrapper(node, kw, wrapper[1])
        if last.endswith("Tool") or last in ("ToolSet", "AsyncToolSet", "function_tool"):
            return Bound("tools", tools=self._tool_call(node, last, kw))
        for key in ((f"{parts[-2]}.{last}",) if len(parts) > 1 else ()) + (last,):
            for prefix, spec in cat.PY_SYMBOLS.get(key, ()):
                if under(q, prefix):
                    return self._construct(node, q, key, spec, kw)
        if len(parts) > 1 and last in cat.DATA_CLASSMETHODS:
            for prefix, spec in cat.PY_SYMBOLS.get(parts[-2], ()):
                if under(q, prefix) and spec.kind == "data-source":
                    return self._construct(node, q, parts[-2], spec, kw)
        return None

    def _param_client(self, p: "ParamClient", name: str) -> Bound:
        props: dict[str, Any] = {"received_as": f"parameter {name}",
                                 "endpoint": Unknown("the client is built by the caller"), "auth": "unknown"}
        client = self.col.client(p.line, p.cls.split(".")[-1], p.spec, props, cls=p.cls)
        bound = Bound("client", client)
        for k, v in list(self.bindings.items()):
            if v is p:
                self.bindings[k] = bound
        return bound

    # ---- arguments
    def _line(self, node: ast.AST) -> int:
        return getattr(node, "lineno", 1)

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
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in self.returns \
                and node.func.id not in self.imports:  # `mcp_servers=define_mcp_servers()`: what it returns
            return self.returns[node.func.id]
        return None

