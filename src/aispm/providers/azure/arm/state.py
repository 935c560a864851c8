"""What the evaluation of one ARM template file keeps: instances, the file, template scopes.

An `Instance` is one deployed resource (one per `copy` iteration), named and placed in
phase 1 and given its evaluated body in phase 2. `FileState` is everything one scanned
file declares, nested and linked deployments included: its instances by uid, by
(type, name) and by bare name, their addresses, errors, the `Budget` its evaluation spends
(`arm.functions.budget`; at most `instances_total` instances), the linked templates it
read (each parsed once), and every template scope (for outputs). A `Scope` is one
template's parameters, variables and user-defined functions, evaluated lazily and cached
(in phase 1 until another instance is registered, since a `resourceId()` of a later one
changes); a parameter or variable that refers to itself is an `Unknown`, not a loop, and
one over a budget (`Budget.measure`) is the `Unknown` that names it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from aispm.limits import BudgetExceeded
from aispm.model import Asset, ScanError, Unknown
from aispm.providers.azure.arm.document import Document
from aispm.providers.azure.arm.evaluate import Env
from aispm.providers.azure.arm.functions.budget import Budget
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
        #: Lowercased full name → its one instance, or None when several instances have it.
        self.by_bare_name: dict[str, Instance | None] = {}
        self.addresses: set[str] = set()
        self._next_suffix: dict[str, int] = {}
        self.errors: list[ScanError] = []
        self._error_keys: set[tuple[str, int | None, str]] = set()
        self.linked_files: set[Path] = set()
        #: Each linked template read: (its document, its file as reports name it), or None.
        self.linked_docs: dict[Path, tuple[Document, str] | None] = {}
        self.phase = 1
        self.scopes: list[tuple[Scope, Env]] = []  # every template evaluated, for its outputs
        self.outputs: list[Asset] = []
        self.budget = Budget(ctx.limits, rel)
        self.full = False  # `instances_total` reached: no more instances are registered
        self.calls = 0  # user-defined function calls in progress (bounded by `depth`)

    def error(self, rel: str, line: int | None, message: str) -> None:
        """A scan error for this file, once (a loop may meet the same one many times)."""
        key = (rel, line, message)
        if key not in self._error_keys:
            self._error_keys.add(key)
            self.errors.append(ScanError(rel, line, message))

    def room(self) -> bool:
        """Whether another instance may be registered (`instances_total`); the first time it may
        not, the budget is recorded."""
        if self.full:
            return False
        limit = self.ctx.limits.instances_total
        if len(self.instances) >= limit:
            self.full = True
            self.budget.hit(BudgetExceeded("instances_total", limit, "resource instances of the template"))
            return False
        return True

    def register(self, inst: Instance) -> None:
        self.instances.append(inst)
        self.by_uid[inst.uid] = inst
        if isinstance(inst.name, str):
            low = inst.name.lower()
            self.by_name.setdefault((inst.arm_type.lower(), low), inst)
            self.by_bare_name[low] = None if low in self.by_bare_name else inst

    def unique_address(self, address: str) -> str:
        """`address`, or the first `address[n]` (n = 1, 2, ...) not taken yet. Addresses are never
        released, so the search for one base address resumes where the last one stopped."""
        if address not in self.addresses:
            self.addresses.add(address)
            return address
        n = self._next_suffix.get(address, 1)
        while f"{address}[{n}]" in self.addresses:
            n += 1
        self._next_suffix[address] = n + 1
        self.addresses.add(f"{address}[{n}]")
        return f"{address}[{n}]"


def _given_or_default(value: Any, default: Callable[[], Any]) -> Any:
    """The value a deployment passes a parameter, or its default when it passes null (Azure
    treats a null parameter value as not given)."""
    return default() if value is None else value


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
        #: The linked templates that lead here (the scanned file is implied): cycles are refused.
        self.chain: tuple[Path, ...] = ()
        if share is not None:  # outer-scope nested deployment: the parent's params and variables
            self.params = share.params
            self.param_cache = share.param_cache
            self.variables = share.variables
            self.var_cache = share.var_cache
            self.var_cache1 = share.var_cache1
            self.functions = share.functions
            self.var_env_scope = share.var_env_scope
            return
        self.var_env_scope = self
        self.params = self._declared_parameters(template, params_in)
        self.param_cache: dict[str, Any] = {}
        self.variables = _declared_variables(template)
        self.var_cache: dict[str, Any] = {}
        #: Phase 1: name → (instances registered when it was evaluated, value).
        self.var_cache1: dict[str, tuple[int, Any]] = {}
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
                has_default = isinstance(spec, dict) and "defaultValue" in spec
                if lname in params_in and has_default:  # a null passed in leaves the default, as in Azure
                    params[lname] = (lambda given=params_in[lname], dv=spec["defaultValue"]:
                                     _given_or_default(given(), lambda: Env(self).eval_value(dv)))
                elif lname in params_in:
                    params[lname] = params_in[lname]
                elif has_default:
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
        val = _measured(self.file.budget, val, f"parameter {name}")
        self.param_cache[key] = val
        return val

    def variable(self, name: str) -> Any:
        key = name.lower()
        if key in self.var_cache:
            return self.var_cache[key]
        early = self.var_cache1.get(key)
        if early is not None and early[0] == len(self.file.instances) and self.file.phase < 2:
            return early[1]
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
        val = _measured(self.file.budget, val, f"variable {name}")
        if self.file.phase >= 2:
            self.var_cache[key] = val
        else:  # during phase 1 not all resources are known yet: valid until the next one is
            self.var_cache1[key] = (len(self.file.instances), val)
        return val


def _measured(budget: Budget, val: Any, what: str) -> Any:
    """`val`, or the Unknown that names the budget it is over (`Budget.measure`)."""
    try:
        budget.measure(val, what, keep=True)
    except BudgetExceeded as exc:
        return budget.hit(exc)
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
