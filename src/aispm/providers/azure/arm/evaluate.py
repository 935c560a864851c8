"""ARM expression evaluation: the environment, the lazy special forms, and resource bodies.

`Env` is one evaluation environment (a template `Scope`, the indexes of the enclosing
`copy` loops, lambda and user-function variables) and implements the function library's
`FunctionContext`: a value is evaluated by walking it, parsing each `"[...]"` string
(`arm.expressions`) and calling the function library (`arm.functions`) on evaluated
arguments. `copyIndex`, `lambda`, `lambdaVariables`, `if` and `resourceInfo` are special
forms that see their argument nodes (`if` evaluates only the branch it takes).
`reference()` evaluates the body of the instance it names (`evaluate_instance`, also the
source's phase 2), guarding against a resource whose body refers to itself.

Budgets (`arm.functions.budget`, one per scanned file): each function call and each
user-defined function call is a step; user-defined functions nest at most `depth` calls;
an expression nested deeper than `depth` is one scan error for the file and an `Unknown`.
A budget hit makes the expression's value an `Unknown` naming it (a resource property, a
name: what was evaluated before stays), and the file's warnings say where.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from aispm.limits import BudgetExceeded
from aispm.model import Unknown
from aispm.providers.azure import catalog as cat
from aispm.providers.azure.arm.expressions import ExprError, TooDeepExpression, is_expression, parse_expression
from aispm.providers.azure.arm.functions import call as call_function
from aispm.providers.azure.arm.functions.budget import Budget, bounded
from aispm.providers.azure.arm.functions.deployment import format_resource_id
from aispm.providers.azure.arm.functions.values import index, member
from aispm.providers.azure.arm.loops import copy_index, expand_copy

if TYPE_CHECKING:
    from aispm.providers.azure.arm.state import Instance, Scope


# Keys of a resource declaration that are not part of its ARM body (`apiVersion` is re-added last).
_DROP_KEYS = {"type", "name", "apiversion", "dependson", "copy", "condition", "comments", "resources"}


class _Lambda:
    """An ARM `lambda('x', body)` as a Python callable for the function library."""

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


class Env:
    """An evaluation environment: a scope, the copy loop indexes, lambda variables.
    Implements `arm.functions.base.FunctionContext`."""

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

    @property
    def budget(self) -> Budget:
        return self.scope.file.budget

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
        return format_resource_id(arm_type, names, scope)

    def reference(self, target: Any, full: bool) -> Any:
        inst = self.find_instance(target)
        if inst is None:
            return Unknown(f"reference to {target}")
        return _reference_value(inst, full)

    def find_instance(self, target: Any) -> Instance | None:
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
        return f.by_bare_name.get(target.lower())

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
                    out[str(loop["name"])] = expand_copy(self, loop)
                continue
            out[k] = self.eval_value(v)
        return out

    def eval_string(self, value: str) -> Any:
        src = value.rstrip()[1:-1]
        file = self.scope.file
        try:
            node = parse_expression(src, file.ctx.limits.depth)
        except TooDeepExpression as exc:
            file.error(self.scope.src_file, file.budget.line, str(exc))
            return Unknown(str(exc))
        except ExprError:
            return Unknown(f"cannot parse expression {value[:200]}")
        try:
            return self.eval_node(node)
        except BudgetExceeded as exc:
            return file.budget.hit(exc)
        except RecursionError:
            return Unknown(f"expression too deep: {value[:80]}")
        except MemoryError:
            return Unknown(f"out of memory: {value[:80]}")

    def eval_node(self, node: tuple) -> Any:
        tag = node[0]
        if tag == "lit":
            return node[1]
        if tag == "member":
            return member(self.eval_node(node[1]), node[2])
        if tag == "index":
            base = self.eval_node(node[1])
            return index(base, self.eval_node(node[2]))
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
                inst = self.find_instance(args[0])
                if inst is not None:
                    return Unknown(f"key of {inst.uid}")
        return call_function(self, name, args)

    def _user_function(self, name: str, spec: dict, args: list[Any]) -> Any:
        params = spec.get("parameters") or []
        bound: dict[str, Any] = {}
        for i, p in enumerate(params):
            if isinstance(p, dict) and "name" in p:
                bound[str(p["name"])] = args[i] if i < len(args) else Unknown(f"argument {p['name']}")
        output = spec.get("output")
        if not isinstance(output, dict) or "value" not in output:
            return Unknown(f"function {name} has no output")
        file = self.scope.file
        budget = file.budget
        try:
            budget.step()
            budget.depth(file.calls + 1, f"calls of user-defined functions ({name})")
        except BudgetExceeded as exc:
            return budget.hit(exc)
        env = Env(self.scope, fn_params=bound)
        file.calls += 1
        try:
            return env.eval_value(output["value"])
        finally:
            file.calls -= 1


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
    return call_function(env, "if", [cond, env.eval_node(args[1]), env.eval_node(args[2])])


def _resource_info(env: Env, args: list[tuple]) -> Any:
    vals = [env.eval_node(a) for a in args]
    inst = env.find_instance(vals[0]) if vals else None
    if inst is None:
        return Unknown(f"resourceInfo({vals[0] if vals else ''})")
    return {"id": inst.uid, "name": inst.name, "type": inst.arm_type, "apiVersion": inst.raw.get("apiVersion")}


_SPECIAL: dict[str, Callable[[Env, list[tuple]], Any]] = {
    "copyindex": copy_index,
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
    body = evaluate_instance(inst)
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


def is_deployment(arm_type: str) -> bool:
    return arm_type.lower() == "microsoft.resources/deployments"


def evaluate_instance(inst: Instance) -> Any:
    """Phase 2: the instance's ARM body (minus type, name and what only deployment uses), evaluated
    once and kept; a reference back into a body being evaluated is an Unknown."""
    if inst.evaluated is not None:
        return inst.evaluated
    if inst.evaluating:
        return Unknown(f"circular reference to {inst.uid}")
    inst.evaluating = True
    budget = inst.scope.file.budget
    where = budget.rel, budget.line
    budget.rel, budget.line = inst.scope.src_file, inst.line
    try:
        env = Env(inst.scope, inst.copy, inst.default_loop)
        body: dict[str, Any] = {}
        for k, v in inst.raw.items():
            lk = k.lower()
            if lk in _DROP_KEYS or lk == "existing" or lk == "parent":
                continue
            if lk == "properties" and is_deployment(inst.arm_type) and isinstance(v, dict):
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
        body = bounded(budget, body, inst.address, levels=3)  # what is over a budget is an Unknown
    finally:
        inst.evaluating = False
        budget.rel, budget.line = where
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
