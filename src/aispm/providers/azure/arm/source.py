"""ARM templates (`*.json`): resources in the ARM shape, with expressions evaluated.

`ArmSource` claims every `*.json` file cheaply by extension and decides in
`load` whether it is an ARM template: a top-level object whose `$schema` ends
with `deploymentTemplate.json#` (any schema version, even ones that do not
exist), or that has `resources` and `contentVersion`. Parameter files
(`deploymentParameters.json#`) give parameter values to the template of the same
stem (`main.parameters.json` → `main.json`). Other JSON files are ignored.

What is evaluated (`[...]` expressions, via `arm_functions`): parameters
(defaults and parameter-file values), variables (including `copy`), resource
and property `copy` loops (`copyIndex()`), `condition` (false: not deployed,
skipped; unknown: emitted with `properties["condition"] = Unknown`), nested
`resources`, top-level child types (`accounts/deployments` named `acct/dep`),
extension resources (`scope`, and the legacy `T/providers/X` form), nested
deployments with an inline `template` (inner and outer expression scope) and
linked templates with a local `templateLink.relativePath`, symbolic-name
templates (`languageVersion` 2.0), user-defined functions, and lambdas.

Addresses are `<type>.<full resolved name>` (`Microsoft.CognitiveServices/
accounts/deployments.acct/gpt4o`), the expression text in place of an
unresolvable name, prefixed `module.<deployment name>.` per nested deployment
level (the same prefix Bicep uses for a module, which compiles to one).

References: `resourceId(...)` of a resource declared in the same file is its
uid; of anything else, an ARM id with literal placeholders
(`/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/T/n`).
`reference(x, api, 'Full').identity.principalId` is `"<uid>#identity"`,
`listKeys(x)` is `Unknown("key of <uid>")`.

Line numbers: the document is parsed with the C `json` parser; the n-th `{`
outside strings is the n-th object in pre-order, which gives every resource its
first (and last) line. Duplicate keys break that correspondence, and are
detected (object count mismatch), in which case an exact, slower parse matches
objects to braces in post-order.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from aispm.providers.azure import catalog as cat
from aispm.model import Asset, ScanError, Unknown
from aispm.providers.azure.arm import functions as fns
from aispm.source import SourceContext, SourceResult, declared_uid, make_origin, read_text
from aispm.providers.azure.outputs import OUTPUT_TYPE, output_asset

FORMAT = "arm"
MAX_COPY = 800  # ARM's own limit on copy count
MAX_NESTING = 10  # nested deployment depth

_DROP_KEYS = {"type", "name", "apiversion", "dependson", "copy", "condition", "comments", "resources"}

# --------------------------------------------------------------------------- JSON + lines

_STRING = re.compile(r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"')
_COMMENT_OR_STRING = re.compile(r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"|//[^\n]*|/\*.*?\*/', re.S)
_NOT_BRACE = re.compile(r"[^{}\n]+")


def _strip_comments(text: str) -> str:
    """Blank out `//` and `/* */` comments (ARM allows them), keeping line structure."""

    def repl(m: re.Match[str]) -> str:
        s = m.group(0)
        if s.startswith('"'):
            return s
        return re.sub(r"[^\n]", " ", s)

    return _COMMENT_OR_STRING.sub(repl, text)


def _brace_lines(text: str) -> tuple[list[int], list[int], list[int]]:
    """Line of each `{` outside strings in order, the line of its matching `}`, and
    for each `}` in order the index of its `{`."""
    stripped = _STRING.sub('""', text)  # JSON strings hold no raw newline: lines survive
    skeleton = _NOT_BRACE.sub("", stripped)  # only braces and newlines are left
    total = skeleton.count("{")
    opens: list[int] = [0] * total
    closes: list[int] = [0] * total
    close_order: list[int] = []  # for each `}` in order, the index of its `{`
    stack: list[int] = []
    push, pop, record = stack.append, stack.pop, close_order.append
    n = 0
    for lineno, line in enumerate(skeleton.split("\n"), 1):
        if not line:
            continue
        for ch in line:
            if ch == "{":
                push(n)
                opens[n] = lineno
                n += 1
            elif stack:
                i = pop()
                closes[i] = lineno
                record(i)
    return opens, closes, close_order


def _preorder_dicts(value: Any) -> list[dict]:
    out: list[dict] = []
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, dict):
            out.append(v)
            stack.extend(reversed(list(v.values())))
        elif isinstance(v, list):
            stack.extend(reversed(v))
    return out


@dataclass
class Document:
    value: Any
    lines: dict[int, tuple[int, int]]  # id(dict) -> (first line, last line)
    keep: list[Any] = field(default_factory=list)  # keeps objects alive so ids stay valid

    def line_of(self, obj: Any) -> tuple[int, int | None]:
        got = self.lines.get(id(obj))
        return (got[0], got[1]) if got else (1, None)


def parse_json(text: str) -> Document:
    """Parse JSON (comments allowed) and find the lines of every object.

    Raises `json.JSONDecodeError` for invalid JSON."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        stripped = _strip_comments(text)
        if stripped == text:
            raise
        try:
            value = json.loads(stripped)
        except json.JSONDecodeError:
            raise
        text = stripped
    if not isinstance(value, dict):
        return Document(value, {})
    opens, closes, close_order = _brace_lines(text)
    dicts = _preorder_dicts(value)
    if len(dicts) == len(opens):
        return Document(value, {id(d): (opens[i], closes[i]) for i, d in enumerate(dicts)})
    # Duplicate keys dropped some objects: match objects to braces in creation (post-)order.
    created: list[dict] = []

    def hook(pairs: list[tuple[str, Any]]) -> dict:
        d = dict(pairs)
        created.append(d)
        return d

    value = json.loads(text, object_pairs_hook=hook)
    lines = {}
    for n, d in enumerate(created):
        if n < len(close_order):
            i = close_order[n]
            lines[id(d)] = (opens[i], closes[i])
    return Document(value, lines, keep=created)


# --------------------------------------------------------------------------- expressions


class ExprError(Exception):
    pass


_TOKEN = re.compile(
    r"\s*(?:"
    r"(?P<str>'(?:[^']|'')*')"
    r"|(?P<num>-?\d+(?:\.\d+)?)"
    r"|(?P<id>[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)"
    r"|(?P<op>[()\[\],.])"
    r")"
)

# AST: ("lit", v) | ("call", name, [args]) | ("member", base, name) | ("index", base, node)


def _tokenize(src: str) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    pos = 0
    n = len(src)
    while pos < n:
        if src[pos].isspace():
            pos += 1
            continue
        m = _TOKEN.match(src, pos)
        if not m or m.end() == pos:
            raise ExprError(f"unexpected {src[pos]!r} at {pos}")
        pos = m.end()
        kind = m.lastgroup
        text = m.group(kind)
        if kind == "str":
            out.append(("str", text[1:-1].replace("''", "'")))
        elif kind == "num":
            out.append(("num", float(text) if "." in text else int(text)))
        elif kind == "id":
            # `a.b.c` right after `)`/`]`/id is property access, handled by the parser
            out.append(("id", text))
        else:
            out.append(("op", text))
    return out


class _Parser:
    def __init__(self, tokens: list[tuple[str, Any]]) -> None:
        self.t = tokens
        self.i = 0

    def peek(self) -> tuple[str, Any] | None:
        return self.t[self.i] if self.i < len(self.t) else None

    def take(self) -> tuple[str, Any]:
        if self.i >= len(self.t):
            raise ExprError("unexpected end of expression")
        tok = self.t[self.i]
        self.i += 1
        return tok

    def expect(self, op: str) -> None:
        tok = self.take()
        if tok != ("op", op):
            raise ExprError(f"expected {op!r}, got {tok[1]!r}")

    def expr(self) -> tuple:
        kind, val = self.take()
        if kind == "str":
            node: tuple = ("lit", val)
        elif kind == "num":
            node = ("lit", val)
        elif kind == "id":
            # a dotted id: function `ns.fn(` or, before a `(`, the whole; else property chain
            parts = val.split(".")
            nxt = self.peek()
            if nxt == ("op", "("):
                self.take()
                args = []
                if self.peek() != ("op", ")"):
                    while True:
                        args.append(self.expr())
                        if self.peek() == ("op", ","):
                            self.take()
                            continue
                        break
                self.expect(")")
                node = ("call", val, args)
            else:
                low = parts[0].lower()
                if low in ("true", "false", "null"):
                    node = ("lit", {"true": True, "false": False, "null": None}[low])
                    for p in parts[1:]:
                        node = ("member", node, p)
                else:
                    raise ExprError(f"bare identifier {val!r}")
        elif (kind, val) == ("op", "("):
            node = self.expr()
            self.expect(")")
        else:
            raise ExprError(f"unexpected {val!r}")
        return self.postfix(node)

    def postfix(self, node: tuple) -> tuple:
        while True:
            nxt = self.peek()
            if nxt == ("op", "["):
                self.take()
                idx = self.expr()
                self.expect("]")
                node = ("index", node, idx)
            elif nxt == ("op", "."):
                self.take()
                kind, val = self.take()
                if kind != "id":
                    raise ExprError(f"expected a property name, got {val!r}")
                for p in val.split("."):
                    node = ("member", node, p)
            else:
                return node


_PARSE_CACHE: dict[str, tuple | ExprError] = {}


def parse_expression(src: str) -> tuple:
    """Parse the inside of an ARM `[...]` expression into a small AST. Raises `ExprError`."""
    got = _PARSE_CACHE.get(src)
    if got is None:
        try:
            p = _Parser(_tokenize(src))
            node = p.expr()
            if p.peek() is not None:
                raise ExprError(f"unexpected {p.peek()[1]!r} after expression")  # type: ignore[index]
            got = node
        except ExprError as exc:
            got = exc
        except RecursionError:
            got = ExprError("expression nested too deeply")
        if len(_PARSE_CACHE) > 50000:
            _PARSE_CACHE.clear()
        _PARSE_CACHE[src] = got
    if isinstance(got, ExprError):
        raise got
    return got


def is_expression(s: str) -> bool:
    return len(s) >= 2 and s[0] == "[" and s[1] != "[" and s.rstrip().endswith("]")


# --------------------------------------------------------------------------- evaluation


class _Lambda:
    def __init__(self, names: list[str], body: tuple, env: "Env") -> None:
        self.names = names
        self.body = body
        self.env = env
        self.arity = len(names)

    def __call__(self, *vals: Any) -> Any:
        bound = dict(self.env.lambdas)
        for n, v in zip(self.names, vals):
            bound[n] = v
        return self.env.with_(lambdas=bound).eval_node(self.body)


@dataclass
class Instance:
    """One deployed resource instance (after copy expansion)."""

    scope: "Scope"
    raw: dict
    copy: dict[str, Any]
    default_loop: str | None
    arm_type: str
    name: Any  # full name (str) or Unknown
    name_text: str
    address: str
    uid: str
    line: int
    end_line: int | None
    file: str
    parent: str | None = None
    symbol: str | None = None
    condition: Any = True
    existing: bool = False
    extension_scope: Any = None  # uid/id from the legacy `T/providers/X` form
    evaluated: dict | None = None
    evaluating: bool = False


class FileState:
    """What one scanned template file declares (including nested deployments)."""

    def __init__(self, rel: str, path: Path, ctx: SourceContext) -> None:
        self.rel = rel
        self.path = path
        self.ctx = ctx
        self.instances: list[Instance] = []
        self.by_name: dict[tuple[str, str], Instance] = {}
        self.by_uid: dict[str, Instance] = {}
        self.addresses: set[str] = set()
        self.errors: list[ScanError] = []
        self.linked_files: set[Path] = set()
        self.phase = 1
        self.scopes: list[tuple[Scope, Env]] = []  # every template evaluated, for its outputs
        self.outputs: list[Asset] = []

    def register(self, inst: Instance) -> None:
        self.instances.append(inst)
        self.by_uid[inst.uid] = inst
        if isinstance(inst.name, str):
            self.by_name.setdefault((inst.arm_type.lower(), inst.name.lower()), inst)

    def unique_address(self, address: str) -> str:
        if address not in self.addresses:
            self.addresses.add(address)
            return address
        n = 1
        while f"{address}[{n}]" in self.addresses:
            n += 1
        self.addresses.add(f"{address}[{n}]")
        return f"{address}[{n}]"


class Scope:
    """One template's evaluation scope: parameters, variables, functions, symbols."""

    def __init__(
        self,
        file: FileState,
        template: dict,
        doc: Document,
        src_file: str,
        prefix: str,
        params_in: dict[str, Callable[[], Any]],
        depth: int = 0,
        share: "Scope | None" = None,
    ) -> None:
        self.file = file
        self.template = template
        self.doc = doc
        self.src_file = src_file
        self.prefix = prefix
        self.depth = depth
        self.symbols: dict[str, list[Instance]] = {}
        self.condition: Any = True  # Unknown when the deployment that holds this template may not run
        if share is not None:  # outer-scope nested deployment: the parent's params and variables
            self.params = share.params
            self.param_cache = share.param_cache
            self.variables = share.variables
            self.var_cache = share.var_cache
            self.functions = share.functions
            self.var_env_scope = share.var_env_scope
            return
        self.var_env_scope = self
        self.params = {}
        self.param_cache: dict[str, Any] = {}
        decl = template.get("parameters")
        if isinstance(decl, dict):
            for name, spec in decl.items():
                lname = name.lower()
                if lname in params_in:
                    self.params[lname] = params_in[lname]
                elif isinstance(spec, dict) and "defaultValue" in spec:
                    dv = spec["defaultValue"]
                    self.params[lname] = (lambda dv=dv: Env(self).eval_value(dv))
                else:
                    self.params[lname] = (lambda name=name: Unknown(f"parameter {name}"))
        self.variables: dict[str, Any] = {}
        self.var_cache: dict[str, Any] = {}
        vdecl = template.get("variables")
        if isinstance(vdecl, dict):
            for name, v in vdecl.items():
                if name.lower() == "copy" and isinstance(v, list):
                    for loop in v:
                        if isinstance(loop, dict) and isinstance(loop.get("name"), str):
                            self.variables[loop["name"].lower()] = ("copy", loop)
                else:
                    self.variables[name.lower()] = ("value", v)
        self.functions: dict[str, dict] = {}
        fdecl = template.get("functions")
        if isinstance(fdecl, list):
            for ns in fdecl:
                if not isinstance(ns, dict):
                    continue
                nsname = str(ns.get("namespace", ""))
                members = ns.get("members")
                if isinstance(members, dict):
                    for fname, spec in members.items():
                        if isinstance(spec, dict):
                            self.functions[f"{nsname}.{fname}".lower()] = spec
        self._resolving: set[str] = set()

    def parameter(self, name: str) -> Any:
        key = name.lower()
        if key in self.param_cache:
            return self.param_cache[key]
        thunk = self.params.get(key)
        if thunk is None:
            return Unknown(f"parameter {name} is not declared")
        guard = "p:" + key
        if guard in self.var_env_scope._resolving:
            return Unknown(f"parameter {name} refers to itself")
        self.var_env_scope._resolving.add(guard)
        try:
            val = thunk()
        finally:
            self.var_env_scope._resolving.discard(guard)
        self.param_cache[key] = val
        return val

    def variable(self, name: str) -> Any:
        key = name.lower()
        if key in self.var_cache:
            return self.var_cache[key]
        spec = self.variables.get(key)
        if spec is None:
            return Unknown(f"variable {name} is not declared")
        owner = self.var_env_scope
        guard = "v:" + key
        if guard in owner._resolving:
            return Unknown(f"variable {name} refers to itself")
        owner._resolving.add(guard)
        try:
            env = Env(owner)
            if spec[0] == "copy":
                val = env.expand_copy(spec[1])
            else:
                val = env.eval_value(spec[1])
        finally:
            owner._resolving.discard(guard)
        if self.file.phase >= 2:  # during phase 1 not all resources are known yet
            self.var_cache[key] = val
        return val


class Env:
    """An evaluation environment: a scope, the copy loop indexes, lambda variables.
    Implements `arm_functions.FunctionContext`."""

    __slots__ = ("scope", "copy", "default_loop", "lambdas", "fn_params")

    def __init__(
        self,
        scope: Scope,
        copy: dict[str, Any] | None = None,
        default_loop: str | None = None,
        lambdas: dict[str, Any] | None = None,
        fn_params: dict[str, Any] | None = None,
    ) -> None:
        self.scope = scope
        self.copy = copy or {}
        self.default_loop = default_loop
        self.lambdas = lambdas or {}
        self.fn_params = fn_params

    def with_(self, **kw: Any) -> "Env":
        e = Env(self.scope, self.copy, self.default_loop, self.lambdas, self.fn_params)
        for k, v in kw.items():
            setattr(e, k, v)
        return e

    # ---- FunctionContext

    def parameter(self, name: str) -> Any:
        if self.fn_params is not None:
            for k, v in self.fn_params.items():
                if k.lower() == name.lower():
                    return v
            return Unknown(f"function parameter {name}")
        return self.scope.parameter(name)

    def variable(self, name: str) -> Any:
        if self.fn_params is not None:
            return Unknown("variables() inside a user-defined function")
        return self.scope.variable(name)

    def resource_id(self, arm_type: str, names: list[str], *, scope: str = "resourceGroup") -> Any:
        inst = self.scope.file.by_name.get((arm_type.lower(), "/".join(names).lower()))
        if inst is not None:
            return inst.uid
        return fns.format_resource_id(arm_type, names, scope)

    def reference(self, target: Any, full: bool) -> Any:
        inst = self._find(target)
        if inst is None:
            return Unknown(f"reference to {target}")
        return _reference_value(inst, full)

    def _find(self, target: Any) -> Instance | None:
        f = self.scope.file
        if not isinstance(target, str):
            return None
        if target in f.by_uid:
            return f.by_uid[target]
        syms = self.scope.symbols.get(target)
        if syms:
            return syms[0]
        if target.startswith("/"):
            parsed = _parse_arm_id(target)
            if parsed:
                return f.by_name.get((parsed[0].lower(), parsed[1].lower()))
            return None
        # a bare resource name (allowed when unique in the template)
        matches = [i for i in f.instances if isinstance(i.name, str) and i.name.lower() == target.lower()]
        return matches[0] if len(matches) == 1 else None

    # ---- evaluation

    def eval_value(self, value: Any) -> Any:
        if isinstance(value, str):
            if value and value[0] == "[":
                if value.startswith("[["):
                    return value[1:]
                if is_expression(value):
                    return self.eval_string(value)
            return value
        if isinstance(value, dict):
            return self.eval_object(value)
        if isinstance(value, list):
            return [self.eval_value(v) for v in value]
        return value

    def eval_object(self, obj: dict) -> Any:
        out: dict[str, Any] = {}
        for k, v in obj.items():
            if k == "copy" and isinstance(v, list) and v and all(
                isinstance(c, dict) and "input" in c and "name" in c for c in v
            ):
                for loop in v:
                    out[str(loop["name"])] = self.expand_copy(loop)
                continue
            out[k] = self.eval_value(v)
        return out

    def expand_copy(self, loop: dict) -> Any:
        """A property / variable `copy` loop: `{name, count, input}` → an array."""
        name = str(loop.get("name"))
        count = self.eval_value(loop.get("count"))
        if isinstance(count, Unknown):
            return count
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            return Unknown(f"copy {name}: count is not an integer")
        count = min(count, MAX_COPY)
        out = []
        for i in range(count):
            env = self.with_(copy={**self.copy, name: i}, default_loop=name)
            out.append(env.eval_value(loop.get("input")))
        return out

    def eval_string(self, value: str) -> Any:
        src = value.rstrip()[1:-1]
        try:
            node = parse_expression(src)
        except ExprError:
            return Unknown(f"cannot parse expression {value}")
        try:
            return self.eval_node(node)
        except RecursionError:
            return Unknown(f"expression too deep: {value[:80]}")

    def eval_node(self, node: tuple) -> Any:
        tag = node[0]
        if tag == "lit":
            return node[1]
        if tag == "member":
            return fns.member(self.eval_node(node[1]), node[2])
        if tag == "index":
            base = self.eval_node(node[1])
            return fns.index(base, self.eval_node(node[2]))
        # call
        name: str = node[1]
        low = name.lower()
        args_nodes: list[tuple] = node[2]
        special = _SPECIAL.get(low)
        if special is not None:
            return special(self, args_nodes)
        if "." in low and not low.startswith("sys."):
            spec = self.scope.functions.get(low)
            if spec is not None:
                return self._user_function(name, spec, [self.eval_node(a) for a in args_nodes])
        args = [self.eval_node(a) for a in args_nodes]
        if low in ("reference", "listkeys", "list", "listsecrets") or low.startswith("list"):
            # a symbolic name or uid target stays as is; listKeys names the uid
            if low.startswith("list") and args and isinstance(args[0], str):
                inst = self._find(args[0])
                if inst is not None:
                    return Unknown(f"key of {inst.uid}")
        return fns.call(self, name, args)

    def _user_function(self, name: str, spec: dict, args: list[Any]) -> Any:
        params = spec.get("parameters") or []
        bound: dict[str, Any] = {}
        for i, p in enumerate(params):
            if isinstance(p, dict) and "name" in p:
                bound[str(p["name"])] = args[i] if i < len(args) else Unknown(f"argument {p['name']}")
        output = spec.get("output")
        if not isinstance(output, dict) or "value" not in output:
            return Unknown(f"function {name} has no output")
        env = Env(self.scope, fn_params=bound)
        return env.eval_value(output["value"])


def _copy_index(env: Env, args: list[tuple]) -> Any:
    vals = [env.eval_node(a) for a in args]
    u = fns.first_unknown(vals)
    if u is not None:
        return u
    loop = env.default_loop
    offset = 0
    if vals and isinstance(vals[0], str):
        loop = vals[0]
        vals = vals[1:]
    if vals and isinstance(vals[0], int):
        offset = vals[0]
    if loop is None:
        return Unknown("copyIndex() outside a copy loop")
    for k, v in env.copy.items():
        if k.lower() == loop.lower():
            if isinstance(v, Unknown):
                return v
            return v + offset
    return Unknown(f"copyIndex({loop!r}) outside that loop")


def _lambda(env: Env, args: list[tuple]) -> Any:
    if not args:
        return Unknown("lambda without a body")
    names = []
    for a in args[:-1]:
        if a[0] != "lit" or not isinstance(a[1], str):
            return Unknown("lambda with a computed variable name")
        names.append(a[1])
    return _Lambda(names, args[-1], env)


def _lambda_variables(env: Env, args: list[tuple]) -> Any:
    if len(args) != 1:
        return Unknown("lambdaVariables() takes one argument")
    name = env.eval_node(args[0])
    if isinstance(name, str) and name in env.lambdas:
        return env.lambdas[name]
    return Unknown(f"lambda variable {name}")


def _if_lazy(env: Env, args: list[tuple]) -> Any:
    if len(args) != 3:
        return Unknown("if() takes three arguments")
    cond = env.eval_node(args[0])
    if cond is True:
        return env.eval_node(args[1])
    if cond is False:
        return env.eval_node(args[2])
    return fns.call(env, "if", [cond, env.eval_node(args[1]), env.eval_node(args[2])])


def _resource_info(env: Env, args: list[tuple]) -> Any:
    vals = [env.eval_node(a) for a in args]
    inst = env._find(vals[0]) if vals else None
    if inst is None:
        return Unknown(f"resourceInfo({vals[0] if vals else ''})")
    return {"id": inst.uid, "name": inst.name, "type": inst.arm_type, "apiVersion": inst.raw.get("apiVersion")}


_SPECIAL: dict[str, Callable[[Env, list[tuple]], Any]] = {
    "copyindex": _copy_index,
    "lambda": _lambda,
    "lambdavariables": _lambda_variables,
    "if": _if_lazy,
    "resourceinfo": _resource_info,
}


def _parse_arm_id(arm_id: str) -> tuple[str, str] | None:
    """(type, full name) of an ARM id `/.../providers/NS/t1/n1/t2/n2` (last provider segment)."""
    low = arm_id.lower()
    i = low.rfind("/providers/")
    if i < 0:
        return None
    segs = arm_id[i + len("/providers/") :].split("/")
    if len(segs) < 3 or len(segs) % 2 == 0:
        return None
    ns = segs[0]
    types = segs[1::2]
    names = segs[2::2]
    return ns + "/" + "/".join(types), "/".join(names)


def _identity_value(inst: Instance, declared: Any) -> Any:
    ident = dict(declared) if isinstance(declared, dict) else {}
    ident["principalId"] = f"{inst.uid}#identity"
    ident.setdefault("tenantId", Unknown(f"tenant of {inst.uid}"))
    return ident


def _reference_value(inst: Instance, full: bool) -> Any:
    body = _evaluate_instance(inst)
    if isinstance(body, Unknown):
        return body
    is_uai = inst.arm_type.lower() == cat.USER_ASSIGNED_IDENTITY.lower()
    props = body.get("properties")
    props = dict(props) if isinstance(props, dict) else {}
    if is_uai:
        props["principalId"] = f"{inst.uid}#identity"
        props.setdefault("clientId", Unknown(f"client id of {inst.uid}"))
        props.setdefault("tenantId", Unknown(f"tenant of {inst.uid}"))
    if not full:
        return props
    out = {k: v for k, v in body.items() if k != "properties"}
    out["properties"] = props
    out["id"] = inst.uid
    out["name"] = inst.name
    out["type"] = inst.arm_type
    out["identity"] = _identity_value(inst, body.get("identity"))
    return out


def _evaluate_instance(inst: Instance) -> Any:
    if inst.evaluated is not None:
        return inst.evaluated
    if inst.evaluating:
        return Unknown(f"circular reference to {inst.uid}")
    inst.evaluating = True
    try:
        env = Env(inst.scope, inst.copy, inst.default_loop)
        body: dict[str, Any] = {}
        for k, v in inst.raw.items():
            lk = k.lower()
            if lk in _DROP_KEYS or lk == "existing" or lk == "parent":
                continue
            if lk == "properties" and _is_deployment(inst.arm_type) and isinstance(v, dict):
                v = {pk: pv for pk, pv in v.items() if pk.lower() != "template"}
            body[k] = env.eval_value(v)
        api = inst.raw.get("apiVersion")
        if api is not None:
            body["apiVersion"] = env.eval_value(api)
        if "scope" in body:
            body["scope"] = _resolve_scope(env, body["scope"])
        elif inst.extension_scope is not None:
            body["scope"] = inst.extension_scope
        if isinstance(inst.condition, Unknown):
            body["condition"] = inst.condition
    finally:
        inst.evaluating = False
    inst.evaluated = body
    return body


def _resolve_scope(env: Env, scope: Any) -> Any:
    """An extension resource's `scope`: a uid, an ARM id, `NS/type/name`, or a symbolic name."""
    if not isinstance(scope, str):
        return scope
    f = env.scope.file
    if scope in f.by_uid:
        return scope
    if scope in env.scope.symbols:
        return env.scope.symbols[scope][0].uid
    if scope.startswith("/"):
        parsed = _parse_arm_id(scope)
        if parsed:
            inst = f.by_name.get((parsed[0].lower(), parsed[1].lower()))
            if inst is not None:
                return inst.uid
        return scope
    segs = scope.split("/")
    if len(segs) >= 3 and len(segs) % 2 == 1 and "." in segs[0]:
        arm_type = segs[0] + "/" + "/".join(segs[1::2])
        names = segs[2::2]
        return env.resource_id(arm_type, names)
    return scope


def _is_deployment(arm_type: str) -> bool:
    return arm_type.lower() == "microsoft.resources/deployments"


# --------------------------------------------------------------------------- resource collection


def _expr_text(v: Any) -> str:
    return v if isinstance(v, str) else json.dumps(v)


def _collect(scope: Scope, resources: Any, parent: Instance | None, env: Env) -> None:
    """Phase 1: expand copy loops and conditions, name and register every instance."""
    if isinstance(resources, dict):  # symbolic-name template
        items: list[tuple[str | None, Any]] = list(resources.items())
    elif isinstance(resources, list):
        items = [(None, r) for r in resources]
    else:
        return
    for symbol, res in items:
        if not isinstance(res, dict):
            continue
        copy = res.get("copy")
        if isinstance(copy, dict) and copy.get("name") is not None:
            loop = str(copy.get("name"))
            count = env.eval_value(copy.get("count"))
            if isinstance(count, Unknown) or not isinstance(count, int) or isinstance(count, bool):
                indexes: list[Any] = [Unknown(f"copy index of {loop}")]
            else:
                indexes = list(range(max(0, min(count, MAX_COPY))))
            for i in indexes:
                sub = env.with_(copy={**env.copy, loop: i}, default_loop=loop)
                _collect_one(scope, res, symbol, parent, sub)
        else:
            _collect_one(scope, res, symbol, parent, env)


def _collect_one(scope: Scope, res: dict, symbol: str | None, parent: Instance | None, env: Env) -> None:
    file = scope.file
    cond: Any = True
    if "condition" in res:
        cond = env.eval_value(res["condition"])
        if cond is False or (cond is not True and not isinstance(cond, Unknown) and not cond):
            return
        if not isinstance(cond, (bool, Unknown)):
            cond = bool(cond)
        if parent is not None and isinstance(parent.condition, Unknown) and cond is True:
            cond = parent.condition
    elif parent is not None and isinstance(parent.condition, Unknown):
        cond = parent.condition
    if cond is True and isinstance(scope.condition, Unknown):
        cond = scope.condition
    raw_type = res.get("type")
    type_val = env.eval_value(raw_type)
    if not isinstance(type_val, str):
        type_val = _expr_text(raw_type)
    raw_name = res.get("name")
    name_val = env.eval_value(raw_name)
    name_text = _expr_text(raw_name) if raw_name is not None else "(unnamed)"
    if not isinstance(name_val, (str, Unknown)):
        name_val = Unknown(f"name {name_text}")

    arm_type = type_val
    full_name: Any = name_val
    parent_uid: str | None = None
    ext_scope: Any = None
    if parent is not None:
        if "." not in type_val.split("/", 1)[0]:  # short child type: relative to the parent
            arm_type = f"{parent.arm_type}/{type_val}"
            if isinstance(parent.name, str) and isinstance(name_val, str):
                full_name = f"{parent.name}/{name_val}"
            else:
                full_name = Unknown(f"name {parent.name_text}/{name_text}")
            name_text = f"{parent.name_text}/{name_text}"
        parent_uid = parent.uid
    # legacy extension form: T/providers/X named base/NS/x
    m = re.match(r"^([^/]+(?:/[^/]+)+?)/providers/(.+)$", arm_type, re.I)
    if m:
        base_type, ext_rest = m.group(1), m.group(2)
        nbase = base_type.count("/")
        if isinstance(full_name, str):
            segs = full_name.split("/")
            if len(segs) > nbase + 1:
                base_names, ext_ns, ext_names = segs[:nbase], segs[nbase], segs[nbase + 1 :]
                ext_scope = env.resource_id(base_type, base_names)
                arm_type = f"{ext_ns}/{ext_rest}"
                full_name = "/".join(ext_names)
                name_text = full_name
        else:
            ns_guess = {"diagnosticsettings": "Microsoft.Insights", "roleassignments": "Microsoft.Authorization",
                        "locks": "Microsoft.Authorization"}.get(ext_rest.split("/")[0].lower())
            if ns_guess:
                arm_type = f"{ns_guess}/{ext_rest}"
    arm_type = cat.canonical_type(arm_type)
    if parent_uid is None and arm_type.count("/") >= 2 and isinstance(full_name, str) and ext_scope is None:
        parent_type = arm_type.rsplit("/", 1)[0]
        parent_name = full_name.rsplit("/", 1)[0] if "/" in full_name else None
        if parent_name is not None:
            pinst = file.by_name.get((parent_type.lower(), parent_name.lower()))
            if pinst is not None:
                parent_uid = pinst.uid
    shown = full_name if isinstance(full_name, str) else name_text
    address = file.unique_address(f"{scope.prefix}{arm_type}.{shown}")
    line, end_line = scope.doc.line_of(res)
    inst = Instance(
        scope=scope,
        raw=res,
        copy=dict(env.copy),
        default_loop=env.default_loop,
        arm_type=arm_type,
        name=full_name,
        name_text=name_text,
        address=address,
        uid=declared_uid(FORMAT, file.rel, address),
        line=line,
        end_line=end_line,
        file=scope.src_file,
        parent=parent_uid,
        symbol=symbol,
        condition=cond,
        existing=bool(res.get("existing") is True),
        extension_scope=ext_scope,
    )
    file.register(inst)
    if symbol is not None:
        scope.symbols.setdefault(symbol, []).append(inst)
    children = res.get("resources")
    if children is not None and not _is_deployment(arm_type):
        _collect(scope, children, inst, env)
    if _is_deployment(arm_type):
        _collect_deployment(scope, inst, env)


def _collect_deployment(scope: Scope, inst: Instance, env: Env) -> None:
    file = scope.file
    props = inst.raw.get("properties")
    if not isinstance(props, dict) or scope.depth >= MAX_NESTING:
        return
    template = props.get("template")
    doc = scope.doc
    src_file = scope.src_file
    if not isinstance(template, dict):
        link = props.get("templateLink")
        if not isinstance(link, dict) or "relativePath" not in link:
            return
        rel_path = env.eval_value(link.get("relativePath"))
        if not isinstance(rel_path, str):
            return
        base_dir = (file.path.parent if scope.src_file == file.rel else file.ctx.path_of(scope.src_file).parent)
        target = (base_dir / rel_path).resolve()
        if not target.is_file():
            return
        text, err = read_text(target, file.ctx)
        if err is not None:
            file.errors.append(err)
            return
        assert text is not None
        try:
            doc = parse_json(text)
        except json.JSONDecodeError as exc:
            file.errors.append(ScanError(file.ctx.rel(target), exc.lineno, f"invalid JSON: {exc.msg}"))
            return
        if not isinstance(doc.value, dict):
            return
        template = doc.value
        src_file = file.ctx.rel(target)
        file.linked_files.add(target)
        inner = True
    else:
        opts = props.get("expressionEvaluationOptions")
        inner = isinstance(opts, dict) and str(opts.get("scope", "")).lower() == "inner"
    dep_name = inst.name if isinstance(inst.name, str) else inst.name_text
    prefix = f"{scope.prefix}module.{dep_name}."
    if inner:
        passed: dict[str, Callable[[], Any]] = {}
        pvals = props.get("parameters")
        if isinstance(pvals, dict):
            for pname, spec in pvals.items():
                passed[pname.lower()] = _param_thunk(pname, spec, env)
        child = Scope(file, template, doc, src_file, prefix, passed, depth=scope.depth + 1)
        child.condition = inst.condition
        child_env = Env(child)
    else:
        child = Scope(file, template, doc, src_file, prefix, {}, depth=scope.depth + 1, share=scope)
        child.condition = inst.condition
        child_env = Env(child, env.copy, env.default_loop)
    file.scopes.append((child, child_env))
    _collect(child, template.get("resources"), None, child_env)


def _param_thunk(pname: str, spec: Any, env: Env) -> Callable[[], Any]:
    def thunk() -> Any:
        if isinstance(spec, dict):
            if "value" in spec:
                return env.eval_value(spec["value"])
            if "reference" in spec:
                return Unknown(f"key vault secret for parameter {pname}")
        return Unknown(f"parameter {pname}")

    return thunk


# --------------------------------------------------------------------------- detection


def _schema(doc: dict) -> str:
    s = doc.get("$schema")
    return s.strip().lower() if isinstance(s, str) else ""


def is_template(doc: Any) -> bool:
    if not isinstance(doc, dict):
        return False
    schema = _schema(doc)
    if schema.endswith("deploymenttemplate.json#") or schema.endswith("deploymenttemplate.json"):
        return True
    return "resources" in doc and "contentVersion" in doc and not schema.endswith("deploymentparameters.json#")


def is_parameters_file(doc: Any) -> bool:
    if not isinstance(doc, dict):
        return False
    schema = _schema(doc)
    return schema.endswith("deploymentparameters.json#") or schema.endswith("deploymentparameters.json")


def _parameters_file_for(path: Path) -> Path | None:
    name = path.name
    if not name.lower().endswith(".json") or ".parameters." in name.lower():
        return None
    stem = name[: -len(".json")]
    for cand in (f"{stem}.parameters.json", f"{stem}.parameters.jsonc"):
        p = path.with_name(cand)
        if p.is_file():
            return p
    return None


def _read_parameter_values(path: Path, ctx: SourceContext, errors: list[ScanError]) -> dict[str, Callable[[], Any]]:
    text, err = read_text(path, ctx)
    if err is not None:
        errors.append(err)
        return {}
    assert text is not None
    try:
        doc = parse_json(text).value
    except json.JSONDecodeError as exc:
        errors.append(ScanError(ctx.rel(path), exc.lineno, f"invalid JSON: {exc.msg}"))
        return {}
    if not is_parameters_file(doc) and not isinstance(doc.get("parameters") if isinstance(doc, dict) else None, dict):
        return {}
    out: dict[str, Callable[[], Any]] = {}
    params = doc.get("parameters")
    if isinstance(params, dict):
        for name, spec in params.items():
            if isinstance(spec, dict) and "value" in spec:
                v = spec["value"]
                out[name.lower()] = (lambda v=v: v)
            elif isinstance(spec, dict) and "reference" in spec:
                out[name.lower()] = (lambda name=name: Unknown(f"key vault secret for parameter {name}"))
    return out


# --------------------------------------------------------------------------- the source


_QUICK_MARKERS = ("deploymenttemplate.json", '"resources"', "deploymentparameters.json")


class ArmSource:
    name = "arm"

    def claims(self, path: Path) -> bool:
        return path.suffix.lower() == ".json"

    def load(self, files: list[Path], ctx: SourceContext) -> SourceResult:
        result = SourceResult()
        states: list[FileState] = []
        for path in files:
            state = self._load_file(path, ctx, result)
            if state is not None:
                states.append(state)
        linked = set()
        for st in states:
            linked |= st.linked_files
        for st in states:
            if st.path.resolve() in linked:
                continue  # emitted through the template that links it, with its parameters
            result.errors.extend(st.errors)
            result.assets.extend(_assets(st))
            result.assets.extend(st.outputs)
        return result

    def _load_file(self, path: Path, ctx: SourceContext, result: SourceResult) -> FileState | None:
        rel = ctx.rel(path)
        text, err = read_text(path, ctx)
        if err is not None:
            result.errors.append(err)
            result.files += 1
            return None
        assert text is not None
        head = text[:200000].lower()
        if not any(m in head for m in _QUICK_MARKERS) and '"resources"' not in text:
            return None
        try:
            doc = parse_json(text)
        except json.JSONDecodeError as exc:
            if "deploymenttemplate.json" in head or ('"resources"' in head and '"contentversion"' in head):
                result.errors.append(ScanError(rel, exc.lineno, f"invalid JSON: {exc.msg}"))
                result.files += 1
            return None
        except RecursionError:
            result.errors.append(ScanError(rel, None, "invalid JSON: nested too deeply"))
            result.files += 1
            return None
        if not is_template(doc.value):
            if is_parameters_file(doc.value):
                result.files += 1
            return None
        result.files += 1
        state = FileState(rel, path, ctx)
        try:
            params_in: dict[str, Callable[[], Any]] = {}
            pfile = _parameters_file_for(path)
            if pfile is not None:
                params_in = _read_parameter_values(pfile, ctx, state.errors)
            scope = Scope(state, doc.value, doc, rel, "", params_in)
            state.scopes.append((scope, Env(scope)))
            _collect(scope, doc.value.get("resources"), None, state.scopes[0][1])
            # A child declared before its parent: link it now that all names are known.
            for inst in state.instances:
                if inst.parent is None and isinstance(inst.name, str) and inst.arm_type.count("/") >= 2 \
                        and "/" in inst.name and inst.extension_scope is None:
                    pinst = state.by_name.get(
                        (inst.arm_type.rsplit("/", 1)[0].lower(), inst.name.rsplit("/", 1)[0].lower())
                    )
                    if pinst is not None:
                        inst.parent = pinst.uid
            state.phase = 2
            _clear_variable_caches(state)
            for inst in state.instances:
                _evaluate_instance(inst)
            state.outputs = [a for sc, env in state.scopes if sc.condition is not False for a in _outputs(sc, env)]
        except RecursionError:
            state.errors.append(ScanError(rel, None, "template nested too deeply to evaluate"))
        return state


def _outputs(scope: Scope, env: Env) -> list[Asset]:
    """The outputs of one template that carry a key (`sources.iac_outputs`)."""
    decl = scope.template.get("outputs")
    out: list[Asset] = []
    if not isinstance(decl, dict):
        return out
    for name, spec in decl.items():
        if not isinstance(spec, dict):
            continue
        if "copy" in spec and isinstance(spec["copy"], dict):
            value = env.expand_copy(spec["copy"])
        else:
            value = env.eval_value(spec.get("value"))
        type_ = spec.get("type")
        line, end_line = scope.doc.line_of(spec)
        asset = output_asset(FORMAT, scope.src_file, line, f"{scope.prefix}{OUTPUT_TYPE}.{name}", name,
                             type_ if isinstance(type_, str) else Unknown("output type not a string"), value, end_line,
                             scope.file.rel)
        if asset is not None:
            out.append(asset)
    return out


def _clear_variable_caches(state: FileState) -> None:
    seen = set()
    for inst in state.instances:
        sc = inst.scope
        if id(sc.var_cache) not in seen:
            seen.add(id(sc.var_cache))
            sc.var_cache.clear()
            sc.param_cache.clear()


def _last_segment(name: Any) -> Any:
    if isinstance(name, str):
        return name.rsplit("/", 1)[-1]
    return name


def _assets(state: FileState) -> list[Asset]:
    out = []
    for inst in state.instances:
        body = inst.evaluated if inst.evaluated is not None else {}
        out.append(
            Asset(
                uid=inst.uid,
                provider="azure",
                type=inst.arm_type,
                name=_last_segment(inst.name),
                origin=make_origin(FORMAT, inst.file, inst.line, inst.address, inst.end_line),
                properties=body,
                kind=cat.kind_of(inst.arm_type, body),
                parent=inst.parent,
                existing=inst.existing,
            )
        )
    return out
