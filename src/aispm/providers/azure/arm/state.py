"""What the evaluation of one ARM template file keeps: instances, the file, template scopes.

An `Instance` is one deployed resource (one per `copy` iteration), named and placed in
phase 1 and given its evaluated body in phase 2. `FileState` is everything one scanned
file declares, nested and linked deployments included: its instances by uid and by
(type, name), their addresses, errors, and every template scope (for outputs). A `Scope`
is one template's parameters, variables and user-defined functions, evaluated lazily and
cached; a parameter or variable that refers to itself is an `Unknown`, not a loop.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from aispm.model import Asset, ScanError, Unknown
from aispm.providers.azure.arm.document import Document
from aispm.providers.azure.arm.evaluate import Env
from aispm.providers.azure.arm.loops import expand_copy
from aispm.source import SourceContext


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
        self.params = self._declared_parameters(template, params_in)
        self.param_cache: dict[str, Any] = {}
        self.variables = _declared_variables(template)
        self.var_cache: dict[str, Any] = {}
        self.functions = _declared_functions(template)
        self._resolving: set[str] = set()

    def _declared_parameters(self, template: dict, params_in: dict[str, Callable[[], Any]]) -> dict:
        """A thunk per parameter (lowercased name): the value passed in, else the default
        (evaluated in this scope, on first use), else Unknown."""
        params: dict[str, Callable[[], Any]] = {}
        decl = template.get("parameters")
        if isinstance(decl, dict):
            for name, spec in decl.items():
                lname = name.lower()
                if lname in params_in:
                    params[lname] = params_in[lname]
                elif isinstance(spec, dict) and "defaultValue" in spec:
                    dv = spec["defaultValue"]
                    params[lname] = (lambda dv=dv: Env(self).eval_value(dv))
                else:
                    params[lname] = (lambda name=name: Unknown(f"parameter {name}"))
        return params

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
                val = expand_copy(env, spec[1])
            else:
                val = env.eval_value(spec[1])
        finally:
            owner._resolving.discard(guard)
        if self.file.phase >= 2:  # during phase 1 not all resources are known yet
            self.var_cache[key] = val
        return val


def _declared_variables(template: dict) -> dict[str, Any]:
    """Each variable (lowercased name) as `("value", raw)`, or `("copy", loop)` for the loops of
    the `copy` variable, which each define a variable named after the loop."""
    variables: dict[str, Any] = {}
    vdecl = template.get("variables")
    if isinstance(vdecl, dict):
        for name, v in vdecl.items():
            if name.lower() == "copy" and isinstance(v, list):
                for loop in v:
                    if isinstance(loop, dict) and isinstance(loop.get("name"), str):
                        variables[loop["name"].lower()] = ("copy", loop)
            else:
                variables[name.lower()] = ("value", v)
    return variables


def _declared_functions(template: dict) -> dict[str, dict]:
    """User-defined functions by lowercased `namespace.name`."""
    functions: dict[str, dict] = {}
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
                        functions[f"{nsname}.{fname}".lower()] = spec
    return functions
