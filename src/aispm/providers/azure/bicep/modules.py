"""Bicep module calls: instances, conditions and loops, and the template each one evaluates.

A module symbol is a `ModuleInstance` (an `InstanceList` for a loop). Its template is loaded
on first use: a local `.bicep` path relative to the caller, inside the scanned target,
not already in the chain of callers (a cycle is a scan error) and at most
`MAX_MODULE_DEPTH` calls deep, evaluated with the `params` the call passes. Registry
modules (`br:`, `br/<alias>:`) are never fetched: they are read where `registry.py` finds
them offline — the Bicep module cache, else the nested deployment of a `main.json` compiled
from the calling file and shipped beside it (`compiled.py`), else the Azure Verified Modules
aispm ships — their
resources reported at the module call that brought them in; one not found is a warning
naming it, and its outputs are Unknown (template specs, `ts:`, always). A module loop makes at
most `instances_per_resource` instances, and each module instance counts in the
deployment's `instances_total` with every resource of every module: one beyond it is
`dropped` (its template is never loaded), so module fan-out is bounded however it nests.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from aispm.limits import BudgetExceeded
from aispm.model import Unknown
from aispm.providers.azure.bicep import registry, syntax
from aispm.providers.azure.bicep.compiled import compiled_beside, compiled_module
from aispm.providers.azure.bicep.instances import InstanceList, ModuleInstance, is_registry, materialize
from aispm.providers.azure.bicep.resources import loop_env

if TYPE_CHECKING:
    from aispm.providers.azure.bicep.template import Template

MAX_MODULE_DEPTH = 12


class ModuleInstantiation:
    """Module instantiation, mixed into `Template` (which provides `ev`, the loader, the chain of
    callers and `child_template`)."""

    def module_symbol(self, st: syntax.Module) -> Any:
        """The instance (or the collection of instances) of a module declaration, made once."""
        got = self.instances.get(id(st))
        if got is None:
            got = self.expand_module(st)
            self.instances[id(st)] = got
        return got

    def expand_module(self, st: syntax.Module) -> Any:
        budget = self.budget
        where = budget.rel, budget.line
        budget.rel, budget.line = self.rel, st.line
        try:
            return self._expand_module(st)
        finally:
            budget.rel, budget.line = where

    def _expand_module(self, st: syntax.Module) -> Any:
        body = st.body
        if not isinstance(body, syntax.For):
            mod = ModuleInstance(self, st, None, None, self.module_condition(body, None))
            mod.dropped = not self.dep.room()
            return mod
        iterable = materialize(self.ev_safe(body.iterable, None))
        if isinstance(iterable, InstanceList):
            iterable = iterable.items
        if isinstance(iterable, list):
            mods = []
            for i, item in enumerate(self.capped(iterable, f"module loop {st.name}")):
                if not self.dep.room():
                    break
                env = loop_env(None, body, item, i)
                mods.append(ModuleInstance(self, st, env, i, self.module_condition(body.body, env)))
            return InstanceList(mods)
        # A loop that cannot be expanded: one `[*]` instance whose item is unknown.
        reason = iterable if isinstance(iterable, Unknown) else Unknown("loop over a non-array")
        env = loop_env(None, body, Unknown(f"item of {reason.reason}"), Unknown(f"index of {reason.reason}"))
        cond = self.module_condition(body.body, env)
        if cond is True:
            cond = Unknown(f"loop over {reason.reason}")
        return InstanceList([ModuleInstance(self, st, env, "*", cond)], reason)

    def module_condition(self, body: Any, env: dict | None) -> Any:
        if isinstance(body, syntax.IfBody):
            c = materialize(self.ev_safe(body.cond, env))
            return c if isinstance(c, (bool, Unknown)) else Unknown("condition is not a bool")
        return True

    def load_module(self, mod: ModuleInstance) -> Template | Unknown:
        """The template a module instance evaluates, or an Unknown that says why there is none."""
        st = mod.decl
        if mod.dropped:
            limit = self.budget.limits.instances_total
            return Unknown(BudgetExceeded("instances_total", limit, "resource and module instances").reason())
        path = self.ev_safe(st.path, mod.env)
        if isinstance(path, str) and is_registry(path):
            return self.registry_module(mod, path)
        found = self.module_file(st, mod.env)
        if isinstance(found, Unknown):
            return found
        file, path = found
        prog = self.dep.loader.program(file, self.base, self.rel_of(file))
        if not isinstance(prog, syntax.Program):
            return Unknown(f"module {path} does not parse")
        return self.child_template(file, prog, self.module_params(st, mod.env, prog), mod.prefix)

    def registry_module(self, mod: ModuleInstance, path: str) -> Any:
        """The template of a registry module call, read where `registry.py` finds it offline, or
        an Unknown (and a warning naming the module) when it cannot be read."""
        st = mod.decl
        loader = self.dep.loader
        where = f"{self.rel}:{st.line}"
        got = loader.resolve(self.dir, path)
        if not isinstance(got, str) and (loader.real(got.file) in self.chain or len(self.chain) > MAX_MODULE_DEPTH):
            return Unknown(f"registry module {path}: nested too deeply")
        site = self.site or (self.rel, st.line, st.end_line or None)
        if not isinstance(got, str) and got.kind == "cache":  # the version asked for, as Bicep compiled it
            return compiled_module(self, mod, got, site)
        beside = compiled_beside(self, mod, site)  # the main.json the author compiled this file to
        if beside is not None:
            return beside
        if isinstance(got, str):
            loader.warn(registry.unresolved_warning(where, path, got or None))
            return Unknown(f"registry module {path} not resolved")
        if got.warning:
            loader.warn(f"{where}: {got.warning}")
        prog = loader.program(got.file, got.root, f"{got.shown}/main.bicep")
        if not isinstance(prog, syntax.Program):
            loader.warn(registry.unresolved_warning(where, path, f"{got.shown} could not be read or parsed"))
            return Unknown(f"registry module {path} does not parse")
        return type(self)(self.dep, got.file, prog, params=self.module_params(st, mod.env, prog), prefix=mod.prefix,
                          chain=self.chain, is_module=True, base=got.root, rel=f"{got.shown}/main.bicep",
                          site=(site[0], site[1], site[2], got.file.parent, got.shown))

    def registry_import(self, path: str, line: int) -> Any:
        """The template an `import ... from 'br/...'` reads (the shipped Bicep source: compiled
        JSON holds no exports to import), or None with a warning naming it."""
        loader = self.dep.loader
        got = loader.resolve(self.dir, path, source=True)
        if isinstance(got, str):
            loader.warn(registry.unresolved_warning(f"{self.rel}:{line}", path, got or "imports are read from the "
                                                    "modules aispm ships only, and this is not one of them"))
            return None
        key = loader.real(got.file)
        if key in self.chain:
            return None
        if key in self.dep.imports:
            return self.dep.imports[key]
        prog = loader.program(got.file, got.root, f"{got.shown}/main.bicep")
        tpl = None
        if isinstance(prog, syntax.Program):
            site = self.site or (self.rel, line, None)
            tpl = type(self)(self.dep, got.file, prog, params={}, chain=self.chain, is_module=True, base=got.root,
                             rel=f"{got.shown}/main.bicep", site=(site[0], site[1], site[2], got.file.parent, got.shown))
        self.dep.imports[key] = tpl
        return tpl

    def module_file(self, st: syntax.Module, env: dict | None) -> tuple[Path, str] | Unknown:
        """The local Bicep file a module call names (and its path as written), if it may be read:
        inside the target, not a caller of this template, not too deep (a missing file or a cycle
        is also a scan error)."""
        path = self.ev_safe(st.path, env)
        if not isinstance(path, str) or "\x00" in path:
            return Unknown(f"module path of {st.name}")
        if is_registry(path):
            return Unknown(f"registry module {path}")
        if not path.endswith(".bicep"):
            return Unknown(f"module {path} is not a Bicep file")
        file = (self.dir / path)
        if not self.dep.loader.inside(file, self.base):
            return Unknown(f"module {path} is outside the scanned target")
        if not file.is_file():
            self.dep.error(self.rel, st.line, f"module file not found: {path[:200]}")
            return Unknown(f"module {path} not found")
        if self.dep.loader.real(file) in self.chain:
            self.dep.error(self.rel, st.line, f"module cycle: {path[:200]} includes itself")
            return Unknown(f"module cycle at {path}")
        if len(self.chain) > MAX_MODULE_DEPTH:
            return Unknown(f"module {path}: nested too deeply")
        return file, path

    def module_params(self, st: syntax.Module, env: dict | None, prog: syntax.Program) -> dict:
        """The `params` a module call passes (each of the module's parameters Unknown when the
        whole object is)."""
        body = self.decl_obj(st.body)
        params: dict = {}
        for p in body.props:
            if type(p) is syntax.Prop and p.key == "params":
                value = self.ev_safe(p.value, env)
                if isinstance(value, dict):
                    params = value
                elif isinstance(value, Unknown):
                    params = {
                        s.name: Unknown(f"module params: {value.reason}") for s in prog.of(syntax.Param)
                    }
        return params
