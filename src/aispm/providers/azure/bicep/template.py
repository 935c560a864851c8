"""One evaluation of a Bicep program: its symbols, and the `FunctionContext` ARM functions see.

A `Template` is a root file, a module call, an imported file or a `.bicepparam`. It binds
the program's declarations by name (parameters, variables, resources, modules, functions,
outputs, compile-time imports) and evaluates each symbol once, on first use; a symbol
that refers to itself evaluates to `Unknown`. The behaviour is split by concern into the
classes it is made of: expressions (`evaluate`), calls (`calls`), resources
(`resources`), modules (`modules`) and assets (`emit`). Imported files and modules are
read only inside the scanned target — or, for a registry module (`registry`), inside its own root,
its resources reported at the call that brought it in (`site`) — and never twice in one chain of callers; an imported
file is one template per deployment, however many files import it. Everything spends the
deployment's `Budget` (`arm.functions.budget`): a symbol over a budget is the `Unknown`
that names it, and looking a resource up by type and name costs a step per resource.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from aispm.limits import BudgetExceeded
from aispm.model import Unknown
from aispm.providers.azure.arm.functions.deployment import format_resource_id
from aispm.providers.azure.arm.functions.values import member
from aispm.providers.azure.bicep import syntax
from aispm.providers.azure.bicep.calls import FunctionCalls
from aispm.providers.azure.bicep.emit import AssetEmitter
from aispm.providers.azure.bicep.evaluate import ExpressionEvaluator
from aispm.providers.azure.bicep.instances import MISSING, PENDING, Namespace, ResourceInstance, is_registry, materialize
from aispm.providers.azure.bicep.loader import Deployment
from aispm.providers.azure.bicep.modules import ModuleInstantiation
from aispm.providers.azure.bicep.resources import ResourceExpansion


class Template(ExpressionEvaluator, FunctionCalls, ResourceExpansion, ModuleInstantiation, AssetEmitter):
    """One evaluation of a Bicep program (a root file, a module call, an imported file or a .bicepparam)."""

    def __init__(
        self,
        dep: Deployment,
        path: Path,
        program: syntax.Program,
        *,
        params: dict | None = None,
        prefix: str = "",
        chain: tuple = (),
        is_module: bool = False,
        base: Path | None = None,
        rel: str | None = None,
        site: tuple | None = None,
    ) -> None:
        self.dep = dep
        self.path = path
        self.dir = path.parent
        #: The root local files are read under: the target (None), or a registry module's root.
        self.base = base
        self.rel = rel or dep.ctx.rel(path)
        #: Inside a registry module: the (file, line, end line) of the call that brought it in,
        #: where its resources are reported (the module's own files are not the user's).
        self.site = site
        self.program = program
        self.given = params
        self.prefix = prefix
        self.chain = chain + (dep.loader.real(path),)
        self.is_module = is_module
        self.symbols: dict[str, Any] = {}
        self.funcs: dict[str, Any] = {}
        self.values: dict[str, Any] = {}
        self.outputs: dict[str, syntax.Output] = {}
        self.instances: dict[int, Any] = {}
        self.addresses: set[str] = set()
        self.budget = dep.budget
        self.bind_declarations(program)

    def bind_declarations(self, program: syntax.Program) -> None:
        """Each declaration under its name (a type name only where no value has it); imports
        are bound as they come, so a later declaration of the same name wins."""
        for st in program.statements:
            t = type(st)
            if t is syntax.Param or t is syntax.Var or t is syntax.Resource or t is syntax.Module:
                self.symbols[st.name] = st
            elif t is syntax.Func:
                self.funcs[st.name] = st
            elif t is syntax.Output:
                self.outputs[st.name] = st
            elif t is syntax.Import:
                self.bind_import(st)
            elif t is syntax.TypeDecl:
                self.symbols.setdefault(st.name, st)

    # ---- FunctionContext protocol (arm.functions.base)
    def parameter(self, name: str) -> Any:
        st = self.symbols.get(name)
        if type(st) is syntax.Param:
            return self.symbol_value(name, st)
        return Unknown(f"parameter {name}")

    def variable(self, name: str) -> Any:
        st = self.symbols.get(name)
        if type(st) is syntax.Var:
            return self.symbol_value(name, st)
        return Unknown(f"variable {name}")

    def resource_id(self, arm_type: str, names: list, *, scope: str = "resourceGroup") -> Any:
        low = arm_type.lower()
        want = [n.lower() for n in names if isinstance(n, str)]
        if len(want) == len(names) and not scope.startswith("extension:"):
            resources = self.all_resources()
            self.budget.step(len(resources))
            for res in resources:
                if res.arm_type.lower() != low:
                    continue
                segs = res.name_segments()
                if len(segs) == len(want) and all(isinstance(s, str) and s.lower() == w for s, w in zip(segs, want)):
                    return res.uid
        return format_resource_id(arm_type, names, scope)

    def reference(self, target: Any, full: bool) -> Any:
        if isinstance(target, ResourceInstance):
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
        return member(body, "properties")

    # ---- symbols
    def bind_import(self, st: syntax.Import) -> None:
        path = self.ev_safe(st.path, None)
        if not isinstance(path, str):
            target = None
        elif is_registry(path):
            target = self.registry_import(path, st.line)
        else:
            target = self.load_template(self.dir / path, st.line)
        if st.wildcard:
            self.symbols[st.wildcard] = Namespace(target if isinstance(target, Template) else None, str(path))
            return
        for name, alias in st.symbols:
            local = alias or name
            if isinstance(target, Template):
                if name in target.funcs:
                    self.funcs[local] = (target, target.funcs[name])
                else:
                    self.symbols[local] = ("imported", target, name)
            else:
                self.symbols[local] = ("imported", None, f"{name} from {path}")

    def load_template(self, path: Path, line: int) -> "Template | None":
        """An imported file's template: built once per deployment (what a file exports does not
        depend on who imports it), None when it is outside the target, a caller, or does not parse."""
        loader = self.dep.loader
        if "\x00" in str(path) or not loader.inside(path, self.base):
            return None
        key = loader.real(path)
        if key in self.chain:
            return None
        if key in self.dep.imports:
            return self.dep.imports[key]
        prog = loader.program(path, self.base, self.rel_of(path))
        tpl = self.child_template(path, prog, {}) if isinstance(prog, syntax.Program) else None
        self.dep.imports[key] = tpl
        return tpl

    def child_template(self, path: Path, program: syntax.Program, params: dict, prefix: str = "") -> Template:
        """A module or an imported file evaluated from this template (it extends the chain of
        callers; inside a registry module, its root and call site too)."""
        return Template(self.dep, path, program, params=params, prefix=prefix, chain=self.chain, is_module=True,
                        base=self.base, rel=self.rel_of(path), site=self.site)

    def rel_of(self, path: Path) -> str:
        """A file as reports name it: its path in the target, or in the registry module it is part of."""
        if self.site is None:
            return self.dep.ctx.rel(path)
        _file, _line, _end, module_dir, label = self.site
        return f"{label}/{os.path.relpath(path, module_dir).replace(os.sep, '/')}"

    def origin_at(self, line: int, end_line: int | None) -> tuple[str, int, int | None]:
        """Where a declaration of this template is reported: its own line, or inside a registry
        module, the module call in the user's file that brought it in."""
        if self.site is None:
            return self.rel, line, end_line
        return self.site[0], self.site[1], self.site[2]

    def symbol_value(self, name: str, st: Any) -> Any:
        got = self.values.get(name, MISSING)
        if got is PENDING:
            return Unknown(f"{name} (circular reference)")
        if got is not MISSING:
            return got
        self.values[name] = PENDING
        t = type(st)
        budget = self.budget
        where = budget.rel, budget.line
        budget.rel, budget.line = self.rel, getattr(st, "line", None)
        try:
            if t is syntax.Param:
                value = self.param_value(st)
            elif t is syntax.Var:
                value = self.ev(st.value, None)
            elif t is syntax.Resource:
                value = self.resource_symbol(st)
            elif t is syntax.Module:
                value = self.module_symbol(st)
            elif t is tuple:  # imported symbol
                _, target, sym = st
                if target is None:
                    value = Unknown(f"imported {sym}")
                else:
                    inner = target.symbols.get(sym)
                    value = target.symbol_value(sym, inner) if inner is not None else Unknown(f"imported {sym}")
            elif t is Namespace:
                value = st
            else:  # a type name used as a value
                value = Unknown(f"type {name}")
            if type(value) is list or type(value) is dict:
                budget.measure(value, name, keep=True)
        except BudgetExceeded as exc:
            value = budget.hit(exc)
        except RecursionError:
            value = Unknown(f"{name}: expression nested too deeply")
        finally:
            budget.rel, budget.line = where
        self.values[name] = value
        return value

    def param_value(self, st: syntax.Param) -> Any:
        given = self.given
        if st.type is None:  # .bicepparam assignment
            return self.ev(st.default, None)
        if given is not None and st.name in given and (given[st.name] is not None or st.default is None):
            return given[st.name]  # a null passed to a parameter with a default leaves the default
        if st.default is not None:
            return self.ev(st.default, None)
        if self.is_module and isinstance(st.type, syntax.TypeNullable):
            return None
        return Unknown(f"parameter {st.name}")

    def output(self, name: str) -> Any:
        st = self.outputs.get(name)
        if st is None:
            return Unknown(f"no output {name}")
        key = "output:" + name
        got = self.values.get(key, MISSING)
        if got is PENDING:
            return Unknown(f"output {name} (circular reference)")
        if got is MISSING:
            self.values[key] = PENDING
            try:
                got = materialize(self.ev(st.value, None))
                self.budget.measure(got, f"output {name}", keep=True)
            except BudgetExceeded as exc:
                got = self.budget.hit(exc)
            self.values[key] = got
        return got

    def decl_obj(self, body: Any) -> syntax.Obj:
        """The object of a resource or module body (inside its `if` and `for`)."""
        while not isinstance(body, syntax.Obj):
            body = body.body
        return body



