"""Phase 1 of an ARM template: every resource instance named, placed and registered.

`collect(scope, resources, parent, env)` walks a template's `resources` (an array, or an
object of symbolic names in `languageVersion` 2.0 templates), expands resource `copy`
loops (`arm.loops`), drops instances whose `condition` is false and marks the unknown
ones, resolves each instance's full type and name (short child types under their parent,
the legacy `T/providers/X` extension form), finds its parent, gives it its address and
uid, and descends into nested resources and nested deployments (`arm.deployments`).
Bodies are not evaluated here (phase 2), so references to resources declared later work.
Once the file holds `instances_total` instances (`FileState.room`), no more are registered:
those already are kept, and the budget is a warning.
"""

from __future__ import annotations

import json
import re
from typing import Any

from aispm.model import Unknown
from aispm.providers.azure import catalog as cat
from aispm.providers.azure.arm.deployments import open_deployment
from aispm.providers.azure.arm.evaluate import Env, is_deployment
from aispm.providers.azure.arm.loops import resource_copy_envs
from aispm.providers.azure.arm.state import FileState, Instance, Scope
from aispm.source import declared_uid


FORMAT = "arm"


def _expr_text(v: Any) -> str:
    return v if isinstance(v, str) else json.dumps(v)


def collect(scope: Scope, resources: Any, parent: Instance | None, env: Env) -> None:
    """Phase 1: expand copy loops and conditions, name and register every instance."""
    file = scope.file
    for symbol, res in _declarations(resources):
        if file.full:
            return
        budget = file.budget
        where = budget.rel, budget.line
        budget.rel, budget.line = scope.src_file, scope.doc.line_of(res)[0]
        try:
            copy = res.get("copy")
            if isinstance(copy, dict) and copy.get("name") is not None:
                for sub in resource_copy_envs(env, copy):
                    if file.full:
                        break
                    _collect_one(scope, res, symbol, parent, sub)
            else:
                _collect_one(scope, res, symbol, parent, env)
        finally:
            budget.rel, budget.line = where


def _declarations(resources: Any) -> list[tuple[str | None, dict]]:
    """(symbolic name or None, declaration) of each resource of a `resources` array or object."""
    if isinstance(resources, dict):  # symbolic-name template
        items: list[tuple[str | None, Any]] = list(resources.items())
    elif isinstance(resources, list):
        items = [(None, r) for r in resources]
    else:
        return []
    return [(symbol, res) for symbol, res in items if isinstance(res, dict)]


def _collect_one(scope: Scope, res: dict, symbol: str | None, parent: Instance | None, env: Env) -> None:
    """Register one instance of a declaration, then its nested resources or deployment."""
    # Evaluated in this order (condition, type, name) as before the split: what a cycle guard
    # or a variable cache sees first must not change.
    cond = _condition(scope, res, parent, env)
    if cond is False or not scope.file.room():
        return
    arm_type, full_name, name_text, parent_uid = _type_and_name(res, parent, env)
    arm_type, full_name, name_text, ext_scope = _legacy_extension(arm_type, full_name, name_text, env)
    arm_type = cat.canonical_type(arm_type)
    if parent_uid is None and ext_scope is None:
        parent_uid = parent_by_name(scope.file, arm_type, full_name)
    inst = _register(scope, res, symbol, env, arm_type, full_name, name_text, parent_uid, cond, ext_scope)
    children = res.get("resources")
    if children is not None and not is_deployment(arm_type):
        collect(scope, children, inst, env)
    if is_deployment(arm_type):
        nested = open_deployment(scope, inst, env)
        if nested is not None:
            child, child_env = nested
            collect(child, child.template.get("resources"), None, child_env)


def _condition(scope: Scope, res: dict, parent: Instance | None, env: Env) -> Any:
    """False (not deployed: skip it), True, or the Unknown that decides whether it is deployed
    (its own `condition`, else its parent's, else its deployment's)."""
    cond: Any = True
    if "condition" in res:
        cond = env.eval_value(res["condition"])
        if cond is False or (cond is not True and not isinstance(cond, Unknown) and not cond):
            return False
        if not isinstance(cond, (bool, Unknown)):
            cond = bool(cond)
        if parent is not None and isinstance(parent.condition, Unknown) and cond is True:
            cond = parent.condition
    elif parent is not None and isinstance(parent.condition, Unknown):
        cond = parent.condition
    if cond is True and isinstance(scope.condition, Unknown):
        cond = scope.condition
    return cond


def _type_and_name(res: dict, parent: Instance | None, env: Env) -> tuple[str, Any, str, str | None]:
    """(type, full name or Unknown, name as written, parent uid) of a declaration; a short child
    type (`deployments` inside an account) is made full with its parent's type and name."""
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
    if parent is None:
        return arm_type, full_name, name_text, None
    if "." not in type_val.split("/", 1)[0]:  # short child type: relative to the parent
        arm_type = f"{parent.arm_type}/{type_val}"
        if isinstance(parent.name, str) and isinstance(name_val, str):
            full_name = f"{parent.name}/{name_val}"
        else:
            full_name = Unknown(f"name {parent.name_text}/{name_text}")
        name_text = f"{parent.name_text}/{name_text}"
    return arm_type, full_name, name_text, parent.uid


_LEGACY_EXTENSION = re.compile(r"^([^/]+(?:/[^/]+)+?)/providers/(.+)$", re.I)
# The namespace of an extension type, when the legacy form's name does not say it.
_EXTENSION_NAMESPACES = {"diagnosticsettings": "Microsoft.Insights", "roleassignments": "Microsoft.Authorization",
                         "locks": "Microsoft.Authorization"}


def _legacy_extension(arm_type: str, full_name: Any, name_text: str, env: Env) -> tuple[str, Any, str, Any]:
    """The legacy extension form `T/providers/X` named `base/NS/x`: (type `NS/X`, name `x`, name
    text, scope = the id of `base`); other types are returned as they are, with no scope."""
    m = _LEGACY_EXTENSION.match(arm_type)
    if not m:
        return arm_type, full_name, name_text, None
    base_type, ext_rest = m.group(1), m.group(2)
    nbase = base_type.count("/")
    if isinstance(full_name, str):
        segs = full_name.split("/")
        if len(segs) > nbase + 1:
            base_names, ext_ns, ext_names = segs[:nbase], segs[nbase], segs[nbase + 1 :]
            ext_scope = env.resource_id(base_type, base_names)
            full_name = "/".join(ext_names)
            return f"{ext_ns}/{ext_rest}", full_name, full_name, ext_scope
    else:
        ns_guess = _EXTENSION_NAMESPACES.get(ext_rest.split("/")[0].lower())
        if ns_guess:
            return f"{ns_guess}/{ext_rest}", full_name, name_text, None
    return arm_type, full_name, name_text, None


def parent_by_name(file: FileState, arm_type: str, full_name: Any) -> str | None:
    """The uid of a top-level child's parent (`accounts/deployments` named `acct/dep`) when it
    is already registered; `ArmSource` links the ones declared after their child."""
    if arm_type.count("/") >= 2 and isinstance(full_name, str) and "/" in full_name:
        parent_type = arm_type.rsplit("/", 1)[0]
        parent_name = full_name.rsplit("/", 1)[0]
        pinst = file.by_name.get((parent_type.lower(), parent_name.lower()))
        if pinst is not None:
            return pinst.uid
    return None


def _register(scope: Scope, res: dict, symbol: str | None, env: Env, arm_type: str, full_name: Any,
              name_text: str, parent_uid: str | None, cond: Any, ext_scope: Any) -> Instance:
    """The instance, with its unique address and uid, registered in its file and scope."""
    file = scope.file
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
    return inst
