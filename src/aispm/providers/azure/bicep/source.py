"""The Bicep source: evaluates each `.bicep` file as a deployment into ARM-shaped assets.

Per `docs/design.md`:

- every resource instance becomes an `Asset` whose `properties` are the ARM
  resource body (minus `name` / `parent` / `dependsOn`, plus `apiVersion`);
  the address is `<type>.<symbolic name>` (`[i]` per loop instance, prefixed
  `module.<symbol>.` inside a module call), the uid
  `declared_uid("bicep", <file>, <address>)` where the file is the scanned
  (root) file, so a module evaluated from two callers gives distinct assets;
- parameters take their values from a `.bicepparam` file that names the
  template in `using`, else from `<stem>.parameters.json` next to it, else
  their defaults, else `Unknown`;
- local modules are evaluated with the parameters the caller passes, so a
  module's defaults are seen as the module call sets them; registry modules
  (`br:`, `br/`, `ts:`, `ts/`) are not fetched and their outputs are Unknown;
- references to declared resources follow the design's value rules (`x.id` →
  uid, `x.identity.principalId` → `<uid>#identity`, `x.listKeys()` →
  `Unknown("key of <uid>")`, …);
- `if (false)` resources are not deployed; an unresolvable condition keeps the
  resource with `properties["condition"] = Unknown(...)`;
- `existing` resources become assets with `existing=True`.

Expressions use the shared ARM function library (`arm_functions`); what is
Bicep-specific (interpolation, operators, `??`, `.?`, `!`, lambdas, symbolic
references, modules, imports, user-defined functions, `load*Content`) is here.
Files are only ever read, never executed, and never outside the scan target.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any, Callable

from aispm.providers.azure.catalog import canonical_type, kind_of
from aispm.model import Asset, ScanError, Unknown
from aispm.providers.azure.arm import functions as armf
from aispm.providers.azure.bicep import parser as bp
from aispm.source import SourceContext, SourceResult, declared_uid, make_origin, read_text
from aispm.providers.azure.outputs import OUTPUT_TYPE, output_asset

FORMAT = "bicep"
_MAX_MODULE_DEPTH = 12
_MAX_CALL_DEPTH = 64
_REGISTRY_PREFIXES = ("br:", "br/", "ts:", "ts/")
_DROPPED_KEYS = frozenset({"name", "parent", "dependsOn"})
_MISSING = object()


# --------------------------------------------------------------------------- value helpers


class _Pending:
    """Marks a symbol being evaluated (to turn cycles into Unknown)."""


_PENDING = _Pending()


class _Lambda:
    """A Bicep lambda as a Python callable for `arm_functions` (`arity` = declared parameters)."""

    __slots__ = ("fn", "arity")

    def __init__(self, fn: Callable[..., Any], arity: int) -> None:
        self.fn = fn
        self.arity = arity

    def __call__(self, *args: Any) -> Any:
        return self.fn(*args)


class _RefPath:
    """`res.properties.x...` / `res.identity...` before it is read: resolved by `_materialize`."""

    __slots__ = ("res", "path")

    def __init__(self, res: "_Res", path: tuple) -> None:
        self.res = res
        self.path = path


class _ResList:
    """A looped resource or module referenced without an index."""

    __slots__ = ("items", "reason")

    def __init__(self, items: list, reason: Unknown | None = None) -> None:
        self.items = items
        self.reason = reason  # set when the loop could not be expanded


class _Namespace:
    """`import * as ns from 'x.bicep'`: members are the exported symbols of that template."""

    __slots__ = ("tpl", "path")

    def __init__(self, tpl: "_Template | None", path: str) -> None:
        self.tpl = tpl
        self.path = path


def _is_registry(path: str) -> bool:
    return path.startswith(_REGISTRY_PREFIXES)


def _num(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


# --------------------------------------------------------------------------- resources and modules


class _Res:
    """One resource instance (a loop gives one per item); also the value of a symbolic reference."""

    def __init__(
        self,
        tpl: "_Template",
        decl: bp.Resource,
        sym: str,
        arm_type: str,
        api_version: str | None,
        address: str,
        env: dict | None,
        body: bp.Obj,
        condition: Any,
        parent: "_Res | None",
    ) -> None:
        self.tpl = tpl
        self.decl = decl
        self.sym = sym
        self.arm_type = arm_type
        self.api_version = api_version
        self.address = address
        self.uid = declared_uid(FORMAT, tpl.dep.root_rel, address)
        self.env = env
        self.body_node = body
        self.condition = condition  # True | False | Unknown
        self.nest_parent = parent
        self._name: Any = _MISSING
        self._body: Any = _MISSING
        self._children: dict[int, Any] = {}

    # name and body are evaluated lazily (references may point forward)
    def prop_node(self, key: str) -> Any:
        for p in self.body_node.props:
            if type(p) is bp.Prop and p.key == key:
                return p.value
        return None

    @property
    def name(self) -> Any:
        if self._name is _MISSING:
            self._name = _PENDING
            node = self.prop_node("name")
            value = Unknown(f"name of {self.address}") if node is None else self.tpl.ev(node, self.env)
            self._name = _materialize(value)
        elif self._name is _PENDING:
            return Unknown(f"name of {self.address} (circular reference)")
        return self._name

    @property
    def body(self) -> Any:
        if self._body is _MISSING:
            self._body = _PENDING
            self._body = self.tpl.ev_obj(self.body_node, self.env, keep_known=True)
        elif self._body is _PENDING:
            return Unknown(f"body of {self.address} (circular reference)")
        return self._body

    def children(self, decl: bp.Resource) -> list:
        got = self._children.get(id(decl))
        if got is None:
            got = self.tpl.expand_resource(decl, self.env, self)
            self._children[id(decl)] = got
        return got

    def name_segments(self) -> list:
        """The full ARM name as segments (parent names first)."""
        name = self.name
        if not isinstance(name, str):
            return [name]
        own = name.split("/")
        parent = self.parent_res()
        if parent is not None and len(own) == 1:
            return parent.name_segments() + own
        return own

    def parent_res(self) -> "_Res | None":
        if self.nest_parent is not None:
            return self.nest_parent
        node = self.prop_node("parent")
        if node is None:
            return None
        value = self.tpl.ev(node, self.env)
        return value if isinstance(value, _Res) else None

    def member(self, key: str) -> Any:
        k = key.lower()
        if k == "id":
            return self.uid
        if k == "name":
            name = self.name
            return name
        if k == "type":
            return self.arm_type
        if k == "apiversion":
            return self.api_version or Unknown(f"apiVersion of {self.uid}")
        if k in ("properties", "identity", "sku", "tags", "location", "kind", "zones", "plan", "extendedlocation"):
            return _RefPath(self, (key,))
        return Unknown(f"{key} of {self.uid}")

    def method(self, name: str, args: list) -> Any:
        low = name.lower()
        if low.startswith("list"):
            return Unknown(f"key of {self.uid}")
        if low == "getsecret":
            return Unknown(f"secret of {self.uid}")
        return Unknown(f"{name}() of {self.uid}")


def _walk(value: Any, path: tuple, uid: str) -> Any:
    for key in path:
        if isinstance(value, Unknown):
            return value
        if isinstance(value, dict):
            found = _MISSING
            if key in value:
                found = value[key]
            else:
                lk = key.lower()
                for k, v in value.items():
                    if k.lower() == lk:
                        found = v
                        break
            if found is _MISSING:
                return Unknown(f"{'.'.join(map(str, path))} of {uid}")
            value = found
        elif isinstance(value, list) and isinstance(key, int):
            if -len(value) <= key < len(value):
                value = value[key]
            else:
                return Unknown(f"{'.'.join(map(str, path))} of {uid}")
        else:
            return Unknown(f"{'.'.join(map(str, path))} of {uid}")
    return value


def _materialize(value: Any) -> Any:
    """Turn a deferred resource path into its value (other values are returned as they are)."""
    if type(value) is not _RefPath:
        return value
    res, path = value.res, value.path
    low = tuple(p.lower() if isinstance(p, str) else p for p in path)
    if low == ("identity", "principalid"):
        return f"{res.uid}#identity"
    if low == ("properties", "principalid") and res.arm_type.lower() == "microsoft.managedidentity/userassignedidentities":
        return f"{res.uid}#identity"
    if low[0] == "identity" and len(low) == 2 and low[1] in ("tenantid",):
        return Unknown(f"identity.{path[1]} of {res.uid}")
    if res.decl.existing:
        return Unknown(f"{'.'.join(map(str, path))} of {res.uid} (existing resource)")
    body = res.body
    if isinstance(body, Unknown):
        return body
    return _walk(body, path, res.uid)


class _Mod:
    """One module instance; the value of a module symbol."""

    def __init__(self, tpl: "_Template", decl: bp.Module, env: dict | None, index: Any, condition: Any) -> None:
        self.tpl = tpl
        self.decl = decl
        self.env = env
        self.index = index
        self.condition = condition
        self._child: Any = _MISSING
        self.path_value: Any = _MISSING

    @property
    def prefix(self) -> str:
        idx = "" if self.index is None else f"[{self.index}]"
        return f"{self.tpl.prefix}module.{self.decl.name}{idx}."

    def child(self) -> "_Template | Unknown":
        if self._child is _MISSING:
            self._child = _PENDING
            self._child = self.tpl.load_module(self)
        elif self._child is _PENDING:
            return Unknown(f"module {self.decl.name} (circular reference)")
        return self._child

    def member(self, key: str) -> Any:
        k = key.lower()
        if k == "outputs":
            return ("outputs", self)
        if k == "name":
            node = None
            body = self.tpl.decl_obj(self.decl.body)
            for p in body.props:
                if type(p) is bp.Prop and p.key == "name":
                    node = p.value
            if node is None:
                return Unknown(f"name of module {self.decl.name}")
            return self.tpl.ev(node, self.env)
        return Unknown(f"{key} of module {self.decl.name}")

    def output(self, name: str) -> Any:
        child = self.child()
        if isinstance(child, Unknown):
            return Unknown(f"output {name} of module {self.decl.name}: {child.reason}")
        return child.output(name)


# --------------------------------------------------------------------------- deployment (one root file)


class _Deployment:
    """What the evaluation of one root `.bicep` file shares across its modules."""

    def __init__(self, source: "_Loader", root_rel: str) -> None:
        self.loader = source
        self.ctx = source.ctx
        self.root_rel = root_rel
        self.by_uid: dict[str, _Res] = {}
        self.errors: list[ScanError] = []


class _Loader:
    """Parse cache and file access for one `load` call."""

    def __init__(self, ctx: SourceContext) -> None:
        self.ctx = ctx
        self.root = ctx.root.resolve()
        self.programs: dict[Path, Any] = {}  # path → Program | BicepSyntaxError | ScanError

    def inside(self, path: Path) -> bool:
        try:
            path.resolve().relative_to(self.root)
            return True
        except (ValueError, OSError):
            return False

    def program(self, path: Path) -> Any:
        key = path.resolve()
        got = self.programs.get(key)
        if got is None:
            text, err = read_text(path, self.ctx)
            if err is not None:
                got = err
            else:
                try:
                    got = bp.parse(text or "")
                except bp.BicepSyntaxError as exc:
                    got = exc
            self.programs[key] = got
        return got

    def read_file(self, path: Path) -> bytes | Unknown:
        if not self.inside(path):
            return Unknown(f"file {path.name} outside the scanned target")
        try:
            if path.stat().st_size > self.ctx.max_file_size:
                return Unknown(f"file {path.name} too large")
            return path.read_bytes()
        except OSError as exc:
            return Unknown(f"cannot read {path.name}: {exc.strerror or exc}")


# --------------------------------------------------------------------------- template evaluation


class _Template:
    """One evaluation of a Bicep program (a root file, a module call, an imported file or a .bicepparam)."""

    def __init__(
        self,
        dep: _Deployment,
        path: Path,
        program: bp.Program,
        *,
        params: dict | None = None,
        prefix: str = "",
        chain: tuple = (),
        is_module: bool = False,
    ) -> None:
        self.dep = dep
        self.path = path
        self.dir = path.parent
        self.rel = dep.ctx.rel(path)
        self.program = program
        self.given = params
        self.prefix = prefix
        self.chain = chain + (path.resolve(),)
        self.is_module = is_module
        self.symbols: dict[str, Any] = {}
        self.funcs: dict[str, Any] = {}
        self.values: dict[str, Any] = {}
        self.outputs: dict[str, bp.Output] = {}
        self.instances: dict[int, Any] = {}
        self.addresses: set[str] = set()
        self.call_depth = 0
        for st in program.statements:
            t = type(st)
            if t is bp.Param or t is bp.Var or t is bp.Resource or t is bp.Module:
                self.symbols[st.name] = st
            elif t is bp.Func:
                self.funcs[st.name] = st
            elif t is bp.Output:
                self.outputs[st.name] = st
            elif t is bp.Import:
                self.bind_import(st)
            elif t is bp.TypeDecl:
                self.symbols.setdefault(st.name, st)

    # ---- FunctionContext protocol (arm_functions)
    def parameter(self, name: str) -> Any:
        st = self.symbols.get(name)
        if type(st) is bp.Param:
            return self.symbol_value(name, st)
        return Unknown(f"parameter {name}")

    def variable(self, name: str) -> Any:
        st = self.symbols.get(name)
        if type(st) is bp.Var:
            return self.symbol_value(name, st)
        return Unknown(f"variable {name}")

    def resource_id(self, arm_type: str, names: list, *, scope: str = "resourceGroup") -> Any:
        low = arm_type.lower()
        want = [n.lower() for n in names if isinstance(n, str)]
        if len(want) == len(names) and not scope.startswith("extension:"):
            for res in self.all_resources():
                if res.arm_type.lower() != low:
                    continue
                segs = res.name_segments()
                if len(segs) == len(want) and all(isinstance(s, str) and s.lower() == w for s, w in zip(segs, want)):
                    return res.uid
        return armf.format_resource_id(arm_type, names, scope)

    def reference(self, target: Any, full: bool) -> Any:
        if isinstance(target, _Res):
            res = target
        else:
            res = self.dep.by_uid.get(target) if isinstance(target, str) else None
            if res is None:
                for r in self.all_resources():
                    if r.uid == target:
                        res = r
                        break
        if res is None:
            return Unknown(f"reference({target})")
        if res.decl.existing:
            return Unknown(f"reference to existing {res.uid}")
        body = res.body
        if full or isinstance(body, Unknown):
            return body
        return armf.member(body, "properties")

    # ---- symbols
    def bind_import(self, st: bp.Import) -> None:
        path = self.ev(st.path, None)
        if not isinstance(path, str) or _is_registry(path):
            target = None
        else:
            target = self.load_template(self.dir / path, st.line)
        if st.wildcard:
            self.symbols[st.wildcard] = _Namespace(target if isinstance(target, _Template) else None, str(path))
            return
        for name, alias in st.symbols:
            local = alias or name
            if isinstance(target, _Template):
                if name in target.funcs:
                    self.funcs[local] = (target, target.funcs[name])
                else:
                    self.symbols[local] = ("imported", target, name)
            else:
                self.symbols[local] = ("imported", None, f"{name} from {path}")

    def load_template(self, path: Path, line: int) -> "_Template | None":
        loader = self.dep.loader
        if not loader.inside(path) or path.resolve() in self.chain:
            return None
        prog = loader.program(path)
        if not isinstance(prog, bp.Program):
            return None
        return _Template(self.dep, path, prog, params={}, chain=self.chain, is_module=True)

    def symbol_value(self, name: str, st: Any) -> Any:
        got = self.values.get(name, _MISSING)
        if got is _PENDING:
            return Unknown(f"{name} (circular reference)")
        if got is not _MISSING:
            return got
        self.values[name] = _PENDING
        t = type(st)
        try:
            if t is bp.Param:
                value = self.param_value(st)
            elif t is bp.Var:
                value = self.ev(st.value, None)
            elif t is bp.Resource:
                value = self.resource_symbol(st)
            elif t is bp.Module:
                value = self.module_symbol(st)
            elif t is tuple:  # imported symbol
                _, target, sym = st
                if target is None:
                    value = Unknown(f"imported {sym}")
                else:
                    inner = target.symbols.get(sym)
                    value = target.symbol_value(sym, inner) if inner is not None else Unknown(f"imported {sym}")
            elif t is _Namespace:
                value = st
            else:  # a type name used as a value
                value = Unknown(f"type {name}")
        except RecursionError:
            value = Unknown(f"{name}: expression nested too deeply")
        self.values[name] = value
        return value

    def param_value(self, st: bp.Param) -> Any:
        given = self.given
        if st.type is None:  # .bicepparam assignment
            return self.ev(st.default, None)
        if given is not None and st.name in given:
            return given[st.name]
        if st.default is not None:
            return self.ev(st.default, None)
        if self.is_module and isinstance(st.type, bp.TypeNullable):
            return None
        return Unknown(f"parameter {st.name}")

    def output(self, name: str) -> Any:
        st = self.outputs.get(name)
        if st is None:
            return Unknown(f"no output {name}")
        key = "output:" + name
        got = self.values.get(key, _MISSING)
        if got is _PENDING:
            return Unknown(f"output {name} (circular reference)")
        if got is _MISSING:
            self.values[key] = _PENDING
            got = _materialize(self.ev(st.value, None))
            self.values[key] = got
        return got

    # ---- resources
    def decl_obj(self, body: Any) -> bp.Obj:
        while not isinstance(body, bp.Obj):
            body = body.body
        return body

    def resource_symbol(self, st: bp.Resource) -> Any:
        items = self.expand_top(st)
        if isinstance(st.body, bp.For):
            return items
        return items.items[0] if isinstance(items, _ResList) else items[0]

    def expand_top(self, st: bp.Resource) -> Any:
        got = self.instances.get(id(st))
        if got is None:
            got = self.expand_resource(st, None, None)
            if isinstance(st.body, bp.For):
                got = _ResList(got)
            self.instances[id(st)] = got
        return got

    def full_type(self, st: bp.Resource, parent: _Res | None) -> tuple[str, str | None]:
        raw = self.ev(st.type, None)
        if not isinstance(raw, str):
            return "unknown", None
        arm_type, _, api = raw.partition("@")
        if parent is not None and "/" not in arm_type.split(".")[0] and not ("." in arm_type.split("/")[0]):
            arm_type = f"{parent.arm_type}/{arm_type}"
        return canonical_type(arm_type), api or None

    def address_for(self, arm_type: str, st: bp.Resource, parent: _Res | None) -> str:
        sym = st.name
        base = f"{self.prefix}{arm_type}.{sym}"
        if parent is not None:
            pidx = parent.address[parent.address.rfind(".") + 1 :]
            suffix = pidx[pidx.find("[") :] if "[" in pidx else ""
            base += suffix
            if base in self.addresses:
                base = f"{self.prefix}{arm_type}.{parent.sym}::{sym}{suffix}"
        return base

    def expand_resource(self, st: bp.Resource, env: dict | None, parent: _Res | None) -> list:
        arm_type, api = self.full_type(st, parent)
        base = self.address_for(arm_type, st, parent)
        self.addresses.add(base)
        body = st.body
        out = []
        if isinstance(body, bp.For):
            iterable = _materialize(self.ev(body.iterable, env))
            inner = body.body
            if isinstance(iterable, _ResList):
                iterable = iterable.items
            if isinstance(iterable, dict):
                iterable = [{"key": k, "value": v} for k, v in iterable.items()]
            if isinstance(iterable, list):
                for i, item in enumerate(iterable):
                    env2 = dict(env) if env else {}
                    env2[body.item] = item
                    if body.index:
                        env2[body.index] = i
                    out.append(self.make_res(st, arm_type, api, f"{base}[{i}]", env2, inner, parent))
            else:
                reason = iterable if isinstance(iterable, Unknown) else Unknown(f"loop over {type(iterable).__name__}")
                env2 = dict(env) if env else {}
                env2[body.item] = Unknown(f"item of {reason.reason}")
                if body.index:
                    env2[body.index] = Unknown(f"index of {reason.reason}")
                res = self.make_res(st, arm_type, api, f"{base}[*]", env2, inner, parent)
                if res.condition is True:
                    res.condition = Unknown(f"loop over {reason.reason}")
                out.append(res)
        else:
            out.append(self.make_res(st, arm_type, api, base, env, body, parent))
        for res in out:
            self.dep.by_uid.setdefault(res.uid, res)
        return out

    def make_res(self, st, arm_type, api, address, env, body, parent) -> _Res:
        condition: Any = True
        if isinstance(body, bp.IfBody):
            c = _materialize(self.ev(body.cond, env))
            condition = c if isinstance(c, (bool, Unknown)) else Unknown(f"condition is {type(c).__name__}")
            body = body.body
        if parent is not None and parent.condition is not True:
            if parent.condition is False:
                condition = False
            elif condition is True:
                condition = parent.condition
        return _Res(self, st, st.name, arm_type, api, address, env, body, condition, parent)

    def all_resources(self) -> list[_Res]:
        out: list[_Res] = []
        for st in self.program.statements:
            if type(st) is bp.Resource:
                got = self.expand_top(st)
                items = got.items if isinstance(got, _ResList) else got
                for res in items:
                    out.append(res)
                    self._nested(res, out)
        return out

    def _nested(self, res: _Res, out: list) -> None:
        for p in res.body_node.props:
            if type(p) is bp.Resource:
                for child in res.children(p):
                    out.append(child)
                    self._nested(child, out)

    # ---- modules
    def module_symbol(self, st: bp.Module) -> Any:
        got = self.instances.get(id(st))
        if got is None:
            got = self.expand_module(st)
            self.instances[id(st)] = got
        return got

    def expand_module(self, st: bp.Module) -> Any:
        body = st.body
        if isinstance(body, bp.For):
            iterable = _materialize(self.ev(body.iterable, None))
            if isinstance(iterable, _ResList):
                iterable = iterable.items
            if not isinstance(iterable, list):
                reason = iterable if isinstance(iterable, Unknown) else Unknown("loop over a non-array")
                env = {body.item: Unknown(f"item of {reason.reason}")}
                if body.index:
                    env[body.index] = Unknown(f"index of {reason.reason}")
                cond = self.module_condition(body.body, env)
                if cond is True:
                    cond = Unknown(f"loop over {reason.reason}")
                return _ResList([_Mod(self, st, env, "*", cond)], reason)
            mods = []
            for i, item in enumerate(iterable):
                env = {body.item: item}
                if body.index:
                    env[body.index] = i
                mods.append(_Mod(self, st, env, i, self.module_condition(body.body, env)))
            return _ResList(mods)
        return _Mod(self, st, None, None, self.module_condition(body, None))

    def module_condition(self, body: Any, env: dict | None) -> Any:
        if isinstance(body, bp.IfBody):
            c = _materialize(self.ev(body.cond, env))
            return c if isinstance(c, (bool, Unknown)) else Unknown("condition is not a bool")
        return True

    def load_module(self, mod: _Mod) -> "_Template | Unknown":
        st = mod.decl
        path = self.ev(st.path, mod.env)
        if not isinstance(path, str):
            return Unknown(f"module path of {st.name}")
        if _is_registry(path):
            return Unknown(f"registry module {path}")
        if not path.endswith(".bicep"):
            return Unknown(f"module {path} is not a Bicep file")
        file = (self.dir / path)
        loader = self.dep.loader
        if not loader.inside(file):
            return Unknown(f"module {path} is outside the scanned target")
        if not file.is_file():
            self.dep.errors.append(ScanError(self.rel, st.line, f"module file not found: {path}"))
            return Unknown(f"module {path} not found")
        if file.resolve() in self.chain:
            self.dep.errors.append(ScanError(self.rel, st.line, f"module cycle: {path} includes itself"))
            return Unknown(f"module cycle at {path}")
        if len(self.chain) > _MAX_MODULE_DEPTH:
            return Unknown(f"module {path}: nested too deeply")
        prog = loader.program(file)
        if not isinstance(prog, bp.Program):
            return Unknown(f"module {path} does not parse")
        body = self.decl_obj(st.body)
        params: dict = {}
        for p in body.props:
            if type(p) is bp.Prop and p.key == "params":
                value = self.ev(p.value, mod.env)
                if isinstance(value, dict):
                    params = value
                elif isinstance(value, Unknown):
                    params = {
                        s.name: Unknown(f"module params: {value.reason}") for s in prog.of(bp.Param)
                    }
        return _Template(self.dep, file, prog, params=params, prefix=mod.prefix, chain=self.chain, is_module=True)

    # ---- assets
    def emit(self, out: list[Asset], inherited: Any = True) -> None:
        for st in self.program.statements:
            t = type(st)
            if t is bp.Resource:
                got = self.expand_top(st)
                for res in got.items if isinstance(got, _ResList) else got:
                    self.emit_res(res, out, inherited)
            elif t is bp.Module:
                got = self.module_symbol(st)
                for mod in got.items if isinstance(got, _ResList) else [got]:
                    cond = _and_cond(inherited, mod.condition)
                    if cond is False:
                        continue
                    child = mod.child()
                    if isinstance(child, _Template):
                        child.emit(out, cond)
            elif t is bp.Output:
                self.emit_output(st, out)

    def emit_output(self, st: bp.Output, out: list[Asset]) -> None:
        """An output that carries a key (`sources.iac_outputs`); `@secure()` makes its type secure."""
        type_name = st.type.name if isinstance(st.type, bp.TypeRef) else Unknown("user-defined output type")
        if isinstance(type_name, str) and any(d.call.name.lower() == "secure" for d in st.decorators
                                              if isinstance(d.call, bp.Call)):
            type_name = "secureObject" if type_name.lower() == "object" else "secureString"
        asset = output_asset(FORMAT, self.rel, st.line, f"{self.prefix}{OUTPUT_TYPE}.{st.name}", st.name,
                             type_name, self.output(st.name), st.end_line or None, self.dep.root_rel)
        if asset is not None:
            out.append(asset)

    def emit_res(self, res: _Res, out: list[Asset], inherited: Any) -> None:
        cond = _and_cond(inherited, res.condition)
        if cond is False:
            return
        out.append(self.asset(res, cond))
        for p in res.body_node.props:
            if type(p) is bp.Resource:
                for child in res.children(p):
                    self.emit_res(child, out, inherited)

    def asset(self, res: _Res, cond: Any) -> Asset:
        body = res.body
        props: dict = {}
        if isinstance(body, dict):
            for k, v in body.items():
                if k in _DROPPED_KEYS:
                    continue
                if k == "scope":
                    v = _scope_value(v)
                props[k] = _plain(v)
        elif isinstance(body, Unknown):
            props["properties"] = body
        if res.api_version:
            props["apiVersion"] = res.api_version
        if isinstance(cond, Unknown):
            props["condition"] = cond
        name = res.name
        if isinstance(name, str):
            name = name.rsplit("/", 1)[-1]
        elif not isinstance(name, Unknown):
            name = Unknown(f"name of {res.address} is not a string")
        parent_uid = None
        parent = res.parent_res()
        if parent is not None:
            parent_uid = parent.uid
        elif isinstance(res.name, str) and "/" in res.name and res.arm_type.count("/") >= 2:
            parent_uid = self.find_parent(res)
        return Asset(
            uid=res.uid,
            provider="azure",
            type=res.arm_type,
            name=name,
            origin=make_origin(FORMAT, self.rel, res.decl.line, res.address, res.decl.end_line or None),
            properties=props,
            kind=kind_of(res.arm_type, props),
            parent=parent_uid,
            existing=res.decl.existing,
        )

    def find_parent(self, res: _Res) -> str | None:
        ptype = res.arm_type.rsplit("/", 1)[0].lower()
        want = [s.lower() for s in res.name.split("/")[:-1]]
        for other in self.all_resources():
            if other is res or other.arm_type.lower() != ptype:
                continue
            segs = other.name_segments()
            if all(isinstance(s, str) for s in segs) and [s.lower() for s in segs] == want:
                return other.uid
        return None

    # ---- expressions
    def ev(self, node: Any, env: dict | None) -> Any:
        t = type(node)
        if t is bp.Lit:
            return node.value
        if t is bp.Ident:
            return self.ev_ident(node.name, env)
        if t is bp.Member or t is bp.Index:
            return _materialize(self.ev_access(node, env))
        if t is bp.Interp:
            return self.ev_interp(node, env)
        if t is bp.Obj:
            return self.ev_obj(node, env)
        if t is bp.Array:
            return self.ev_array(node, env)
        if t is bp.Call:
            return self.ev_call(node, env)
        if t is bp.Binary:
            return self.ev_binary(node, env)
        if t is bp.Ternary:
            return self.ev_ternary(node, env)
        if t is bp.Unary:
            return self.ev_unary(node, env)
        if t is bp.NonNull:
            return self.ev(node.expr, env)
        if t is bp.For:
            return self.ev_for(node, env)
        if t is bp.Lambda:
            return self.make_lambda(node, env)
        return Unknown(f"unsupported expression {t.__name__}")

    def ev_ident(self, name: str, env: dict | None) -> Any:
        if env:
            v = env.get(name, _MISSING)
            if v is not _MISSING:
                return v
        st = self.symbols.get(name)
        if st is not None:
            return self.symbol_value(name, st)
        return Unknown(f"undefined symbol {name}")

    def ev_access(self, node: Any, env: dict | None) -> Any:
        obj_node = node.obj
        if type(obj_node) is bp.Member or type(obj_node) is bp.Index:
            obj = self.ev_access(obj_node, env)
        else:
            obj = self.ev(obj_node, env)
        if type(node) is bp.Member:
            key: Any = node.name
            if node.nested:
                return self.nested_access(obj, key)
        else:
            key = _materialize(self.ev(node.index, env))
            if isinstance(key, Unknown):
                return key
        return self.access(obj, key, node.safe, getattr(node, "from_end", False))

    def access(self, obj: Any, key: Any, safe: bool = False, from_end: bool = False) -> Any:
        t = type(obj)
        if t is _RefPath:
            if isinstance(key, (str, int)) and not isinstance(key, bool):
                return _RefPath(obj.res, obj.path + (key,))
            obj = _materialize(obj)
            t = type(obj)
        if t is _Res:
            if isinstance(key, str):
                return obj.member(key)
            return Unknown(f"index {key!r} of resource {obj.uid}")
        if t is _ResList:
            if obj.reason is not None:
                return Unknown(f"instance of a loop over {obj.reason.reason}")
            if _num(key):
                i = int(key)
                if from_end:
                    i = len(obj.items) - i
                if 0 <= i < len(obj.items):
                    return obj.items[i]
                return None if safe else Unknown(f"index {key} out of range")
            return Unknown(f"index {key!r} of a resource collection")
        if t is _Mod:
            if isinstance(key, str):
                return obj.member(key)
            return Unknown("index of a module")
        if t is tuple and obj and obj[0] == "outputs":
            if isinstance(key, str):
                return obj[1].output(key)
            return Unknown("index of module outputs")
        if t is _Namespace:
            if obj.tpl is None:
                return Unknown(f"{key} from {obj.path}")
            inner = obj.tpl.symbols.get(key)
            if inner is None:
                return Unknown(f"{key} from {obj.path}")
            return obj.tpl.symbol_value(key, inner)
        if obj is None and safe:
            return None
        if isinstance(obj, Unknown):
            return obj
        if from_end and isinstance(obj, (list, str)) and _num(key):
            key = len(obj) - int(key)
        if safe:
            if isinstance(obj, dict) and isinstance(key, str):
                for k, v in obj.items():
                    if k.lower() == key.lower():
                        return v
                return None
            if isinstance(obj, list) and _num(key) and not 0 <= int(key) < len(obj):
                return None
        if isinstance(key, str):
            return armf.member(obj, key)
        return armf.index(obj, key)

    def nested_access(self, obj: Any, name: str) -> Any:
        if isinstance(obj, _Res):
            for p in obj.body_node.props:
                if type(p) is bp.Resource and p.name == name:
                    kids = obj.children(p)
                    return _ResList(kids) if isinstance(p.body, bp.For) else kids[0]
            return Unknown(f"no nested resource {name} in {obj.uid}")
        if isinstance(obj, Unknown):
            return obj
        return Unknown(f"nested resource {name} of a non-resource")

    def ev_interp(self, node: bp.Interp, env: dict | None) -> Any:
        out = []
        unknown = None
        for i, part in enumerate(node.parts):
            if i % 2 == 0:
                out.append(part)
                continue
            v = _materialize(self.ev(part, env))
            if isinstance(v, _Res):
                v = v.uid
            s = armf.to_string(v) if not isinstance(v, str) else v
            if isinstance(s, Unknown):
                # a key or secret in the string is what matters most to the rules
                if unknown is None or s.reason.startswith(("key of", "secret of")):
                    unknown = s
                continue
            out.append(s)
        return unknown if unknown is not None else "".join(out)

    def ev_obj(self, node: bp.Obj, env: dict | None, keep_known: bool = False) -> Any:
        out: dict = {}
        unknown = None
        for p in node.props:
            t = type(p)
            if t is bp.Prop:
                key = p.key
                if type(key) is not str:
                    key = self.ev(key, env)
                    if not isinstance(key, str):
                        key = f"<{key.reason if isinstance(key, Unknown) else key}>"
                out[key] = _materialize(self.ev(p.value, env))
            elif t is bp.Spread:
                v = _materialize(self.ev(p.expr, env))
                if isinstance(v, dict):
                    out.update(v)
                elif v is None:
                    pass
                elif unknown is None:
                    unknown = v if isinstance(v, Unknown) else Unknown("spread of a non-object")
        if unknown is not None and not keep_known:
            return unknown
        return out

    def ev_array(self, node: bp.Array, env: dict | None) -> Any:
        out: list = []
        for item in node.items:
            if type(item) is bp.Spread:
                v = _materialize(self.ev(item.expr, env))
                if isinstance(v, _ResList):
                    v = v.items
                if isinstance(v, list):
                    out.extend(v)
                else:
                    return v if isinstance(v, Unknown) else Unknown("spread of a non-array")
            else:
                out.append(_materialize(self.ev(item, env)))
        return out

    def ev_for(self, node: bp.For, env: dict | None) -> Any:
        iterable = _materialize(self.ev(node.iterable, env))
        if isinstance(iterable, _ResList):
            if iterable.reason is not None:
                return iterable.reason
            iterable = iterable.items
        if isinstance(iterable, Unknown):
            return iterable
        if not isinstance(iterable, list):
            return Unknown(f"loop over a {type(iterable).__name__}")
        out = []
        body = node.body
        for i, item in enumerate(iterable):
            env2 = dict(env) if env else {}
            env2[node.item] = item
            if node.index:
                env2[node.index] = i
            if isinstance(body, bp.IfBody):
                c = _materialize(self.ev(body.cond, env2))
                if c is False:
                    continue
                if isinstance(c, Unknown):
                    out.append(c)
                    continue
                out.append(self.ev(body.body, env2))
            else:
                out.append(_materialize(self.ev(body, env2)))
        return out

    def make_lambda(self, node: bp.Lambda, env: dict | None) -> _Lambda:
        params = node.params

        def fn(*args: Any) -> Any:
            env2 = dict(env) if env else {}
            for name, value in zip(params, args):
                env2[name] = value
            return _materialize(self.ev(node.body, env2))

        return _Lambda(fn, len(params))

    def ev_binary(self, node: bp.Binary, env: dict | None) -> Any:
        op = node.op
        left = _materialize(self.ev(node.left, env))
        if op == "&&":
            if left is False:
                return False
            right = _materialize(self.ev(node.right, env))
            if right is False:
                return False
            if isinstance(left, Unknown):
                return left
            if isinstance(right, Unknown):
                return right
            return bool(left) and bool(right)
        if op == "||":
            if left is True:
                return True
            right = _materialize(self.ev(node.right, env))
            if right is True:
                return True
            if isinstance(left, Unknown):
                return left
            if isinstance(right, Unknown):
                return right
            return bool(left) or bool(right)
        if op == "??":
            if left is None:
                return _materialize(self.ev(node.right, env))
            return left
        right = _materialize(self.ev(node.right, env))
        if isinstance(left, _Res):
            left = left.uid
        if isinstance(right, _Res):
            right = right.uid
        if op == "==" or op == "!=":
            r = armf.deep_equal(left, right)
            if isinstance(r, Unknown):
                return r
            return r if op == "==" else not r
        if isinstance(left, Unknown):
            return left
        if isinstance(right, Unknown):
            return right
        if op == "=~" or op == "!~":
            if isinstance(left, str) and isinstance(right, str):
                eq = left.lower() == right.lower()
                return eq if op == "=~" else not eq
            return Unknown(f"{op} of non-strings")
        if op in ("<", "<=", ">", ">="):
            if (_num(left) and _num(right)) or (isinstance(left, str) and isinstance(right, str)):
                if op == "<":
                    return left < right
                if op == "<=":
                    return left <= right
                if op == ">":
                    return left > right
                return left >= right
            return Unknown(f"{op} of incomparable values")
        if not (_num(left) and _num(right)):
            return Unknown(f"{op} of non-numbers")
        if op == "+":
            return left + right
        if op == "-":
            return left - right
        if op == "*":
            return left * right
        if right == 0:
            return Unknown(f"{op} by zero")
        if op == "/":
            return int(left / right) if isinstance(left, int) and isinstance(right, int) else left / right
        if op == "%":
            return int(left - right * int(left / right)) if isinstance(left, int) and isinstance(right, int) else left % right
        return Unknown(f"operator {op}")

    def ev_ternary(self, node: bp.Ternary, env: dict | None) -> Any:
        cond = _materialize(self.ev(node.cond, env))
        if cond is True:
            return self.ev(node.then, env)
        if cond is False:
            return self.ev(node.other, env)
        a = _materialize(self.ev(node.then, env))
        b = _materialize(self.ev(node.other, env))
        if not isinstance(a, (Unknown, _Res, _ResList, _Mod, _Lambda)) and armf.deep_equal(a, b) is True:
            return a
        if isinstance(cond, Unknown):
            return Unknown(f"condition {cond.reason}")
        return Unknown("condition is not a bool")

    def ev_unary(self, node: bp.Unary, env: dict | None) -> Any:
        v = _materialize(self.ev(node.expr, env))
        if isinstance(v, Unknown):
            return v
        if node.op == "!":
            return (not v) if isinstance(v, bool) else Unknown("! of a non-bool")
        if not _num(v):
            return Unknown(f"{node.op} of a non-number")
        return -v if node.op == "-" else v

    # ---- calls
    def ev_call(self, node: bp.Call, env: dict | None) -> Any:
        name = node.name
        base = node.base
        if base is not None:
            if type(base) is bp.Ident and (not env or base.name not in env):
                bname = base.name
                st = self.symbols.get(bname)
                if st is None and bname in ("az", "sys"):
                    return self.call_builtin(name, node, env)
                if type(st) is _Namespace:
                    if st.tpl is not None and name in st.tpl.funcs:
                        args = [_materialize(self.ev(a, env)) for a in node.args]
                        return st.tpl.call_func(st.tpl.funcs[name], args)
                    return Unknown(f"{name}() from {st.path}")
            obj = _materialize(self.ev(base, env))
            args = [_materialize(self.ev(a, env)) for a in node.args]
            if isinstance(obj, _Res):
                return obj.method(name, args)
            if isinstance(obj, Unknown):
                if name.lower().startswith("list"):
                    return Unknown(f"key of {obj.reason}")
                return obj
            return Unknown(f"method {name}()")
        func = self.funcs.get(name)
        if func is not None:
            args = [_materialize(self.ev(a, env)) for a in node.args]
            if type(func) is tuple:
                return func[0].call_func(func[1], args)
            return self.call_func(func, args)
        return self.call_builtin(name, node, env)

    def call_func(self, func: bp.Func, args: list) -> Any:
        if self.call_depth > _MAX_CALL_DEPTH:
            return Unknown(f"{func.name}(): recursion too deep")
        env = {p.name: (args[i] if i < len(args) else Unknown(f"argument {p.name}")) for i, p in enumerate(func.params)}
        self.call_depth += 1
        try:
            return _materialize(self.ev(func.body, env))
        except RecursionError:
            return Unknown(f"{func.name}(): recursion too deep")
        finally:
            self.call_depth -= 1

    def call_builtin(self, name: str, node: bp.Call, env: dict | None) -> Any:
        low = name.lower()
        args = [_materialize(self.ev(a, env)) for a in node.args]
        if low == "any":
            return args[0] if args else Unknown("any()")
        if low in ("loadtextcontent", "loadjsoncontent", "loadyamlcontent", "loadfileasbase64"):
            return self.load_content(low, args)
        if low == "readenvironmentvariable":
            return args[1] if len(args) > 1 else Unknown(f"environment variable {args[0] if args else ''}")
        if low in ("getsecret", "externalinput", "fail", "loaddirectoryfileinfo", "deployer"):
            return Unknown(f"{name}()")
        if low == "nameof":
            a = node.args[0] if node.args else None
            if isinstance(a, bp.Ident):
                return a.name
            if isinstance(a, bp.Member):
                return a.name
            return Unknown("nameof()")
        if low == "resourceid" or low.endswith("resourceid"):
            args = [a.uid if isinstance(a, _Res) else a for a in args]
        if low == "reference" and args and isinstance(args[0], _Res):
            return self.reference(args[0], len(args) > 2)
        args = [_plain(a) if isinstance(a, (_Res, _ResList)) else a for a in args]
        return armf.call(self, name, args)

    def load_content(self, low: str, args: list) -> Any:
        if not args or not isinstance(args[0], str):
            return args[0] if args and isinstance(args[0], Unknown) else Unknown(f"{low}(): path")
        data = self.dep.loader.read_file(self.dir / args[0])
        if isinstance(data, Unknown):
            return data
        if low == "loadfileasbase64":
            return base64.b64encode(data).decode("ascii")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return Unknown(f"{args[0]} is not UTF-8")
        if low == "loadtextcontent":
            return text
        try:
            if low == "loadjsoncontent":
                value = json.loads(text)
            else:
                import yaml

                value = yaml.safe_load(text)
        except Exception as exc:  # noqa: BLE001 - any parse error makes the value unknown
            return Unknown(f"{args[0]} does not parse: {exc}")
        if len(args) > 1 and isinstance(args[1], str):
            value = _json_path(value, args[1])
        return value


def _json_path(value: Any, path: str) -> Any:
    """The simple JSONPath subset `$.a.b[0]` that `loadJsonContent` users write."""
    import re

    p = path.strip()
    if p.startswith("$"):
        p = p[1:]
    for m in re.finditer(r"\.([A-Za-z0-9_\-]+)|\[(\d+)\]|\['([^']*)'\]", p):
        key: Any = m.group(1) or m.group(3)
        if m.group(2) is not None:
            key = int(m.group(2))
        value = armf.index(value, key)
        if isinstance(value, Unknown):
            return value
    return value


def _and_cond(a: Any, b: Any) -> Any:
    if a is False or b is False:
        return False
    if isinstance(a, Unknown):
        return a
    if isinstance(b, Unknown):
        return b
    return True


def _scope_value(v: Any) -> Any:
    v = _materialize(v)
    if isinstance(v, _Res):
        return v.uid
    if isinstance(v, dict) and "id" in v:
        return v["id"]
    return v


def _plain(v: Any) -> Any:
    """A value as it is stored in asset properties: resources as uids, no deferred values."""
    t = type(v)
    if t is dict:
        return {k: _plain(x) for k, x in v.items()}
    if t is list:
        return [_plain(x) for x in v]
    if t is _RefPath:
        return _plain(_materialize(v))
    if t is _Res:
        return v.uid
    if t is _ResList:
        return v.reason if v.reason is not None else [x.uid if isinstance(x, _Res) else Unknown("module") for x in v.items]
    if t is _Mod:
        return Unknown(f"module {v.decl.name}")
    if t is _Lambda:
        return Unknown("lambda")
    if t is tuple or t is _Namespace:
        return Unknown("module outputs")
    return v


# --------------------------------------------------------------------------- parameter files


def _param_values_from_bicepparam(loader: _Loader, path: Path, program: bp.Program) -> tuple[Path | None, dict]:
    using = next((s for s in program.statements if isinstance(s, bp.Using)), None)
    if using is None or using.path is None:
        return None, {}
    target_rel = using.path.value if isinstance(using.path, bp.Lit) else None
    if not isinstance(target_rel, str) or _is_registry(target_rel) or not target_rel.endswith(".bicep"):
        return None, {}
    target = (path.parent / target_rel).resolve()
    dep = _Deployment(loader, loader.ctx.rel(path))
    tpl = _Template(dep, path, program, params={})
    values = {}
    for st in program.statements:
        if isinstance(st, bp.Param):
            values[st.name] = _plain(tpl.symbol_value(st.name, st))
    return target, values


def _param_values_from_json(loader: _Loader, bicep: Path) -> dict | None:
    for name in (bicep.stem + ".parameters.json", bicep.stem + ".parameters.jsonc"):
        candidate = bicep.parent / name
        if not candidate.is_file():
            continue
        data = loader.read_file(candidate)
        if isinstance(data, Unknown):
            return None
        try:
            doc = json.loads(data.decode("utf-8-sig"))
        except (ValueError, UnicodeDecodeError):
            return None
        params = doc.get("parameters") if isinstance(doc, dict) else None
        if not isinstance(params, dict):
            return None
        out = {}
        for k, v in params.items():
            if isinstance(v, dict) and "value" in v:
                out[k] = _env_subst(v["value"])
            elif isinstance(v, dict) and "reference" in v:
                out[k] = Unknown(f"parameter {k} from Key Vault")
        return out
    return None


def _env_subst(v: Any) -> Any:
    """azd-style `${VAR}` placeholders in parameter files are deploy-time inputs: Unknown."""
    if isinstance(v, str) and "${" in v:
        return Unknown(f"environment substitution {v}")
    if isinstance(v, dict):
        return {k: _env_subst(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_env_subst(x) for x in v]
    return v


# --------------------------------------------------------------------------- the source


class BicepSource:
    """Bicep templates (`*.bicep`) and their parameter files (`*.bicepparam`)."""

    name = "bicep"

    def claims(self, path: Path) -> bool:
        suffix = path.suffix.lower()
        return suffix == ".bicep" or suffix == ".bicepparam"

    def load(self, files: list[Path], ctx: SourceContext) -> SourceResult:
        result = SourceResult()
        loader = _Loader(ctx)
        templates: list[Path] = []
        param_values: dict[Path, dict] = {}
        for path in sorted(files):
            result.files += 1
            if path.suffix.lower() != ".bicepparam":
                templates.append(path)
                continue
            prog = loader.program(path)
            if isinstance(prog, ScanError):
                result.errors.append(prog)
                continue
            if isinstance(prog, bp.BicepSyntaxError):
                result.errors.append(ScanError(ctx.rel(path), prog.line, f"invalid Bicep: {prog.message}"))
                continue
            try:
                target, values = _param_values_from_bicepparam(loader, path, prog)
            except RecursionError:
                continue
            if target is not None:
                param_values.setdefault(target, values)
        for path in templates:
            rel = ctx.rel(path)
            prog = loader.program(path)
            if isinstance(prog, ScanError):
                result.errors.append(prog)
                continue
            if isinstance(prog, bp.BicepSyntaxError):
                result.errors.append(ScanError(rel, prog.line, f"invalid Bicep: {prog.message}"))
                continue
            given = param_values.get(path.resolve())
            if given is None:
                given = _param_values_from_json(loader, path)
            dep = _Deployment(loader, rel)
            try:
                tpl = _Template(dep, path, prog, params=given)
                assets: list[Asset] = []
                tpl.emit(assets)
            except RecursionError:
                result.errors.append(ScanError(rel, None, "invalid Bicep: expressions nested too deeply"))
                continue
            except Exception as exc:  # noqa: BLE001 - a source never raises for its input
                result.errors.append(ScanError(rel, None, f"could not evaluate Bicep: {type(exc).__name__}: {exc}"))
                continue
            result.assets.extend(assets)
            result.errors.extend(dep.errors)
        return result


__all__ = ["BicepSource"]
