"""Bicep expressions: symbols, member and index access, strings, objects, arrays, loops, operators.

`ev(node, env)` evaluates a syntax node in a template, `env` holding loop and lambda
variables. Access is case-insensitive on objects, safe (`.?`, `[?`) and from the end
(`[^i]`); on a resource it follows the design's value rules (`x.id` is the uid, ...);
`::` reaches a nested resource. `&&`, `||` and `??` evaluate their right side only when the
left does not decide; the other operators are `operators.apply_binary`. An Unknown operand
gives an Unknown result, except where the known parts decide.

Budgets (`arm.functions.budget`, the deployment's): each operator and each loop item is a
step; an interpolated string is held to `string_length` before it is joined, a `for`
expression or a spread to `collection_size` (a loop in a loop counts its items' elements).
A budget hit raises `BudgetExceeded` up to the nearest value that can become the `Unknown`
naming it: an object property (`ev_obj`, so a resource keeps its other properties), a
symbol, or an evaluation that starts outside an expression (`ev_safe`).
"""

from __future__ import annotations

from typing import Any

from aispm.limits import BudgetExceeded
from aispm.model import Unknown
from aispm.providers.azure.arm.functions.budget import shown_within
from aispm.providers.azure.arm.functions.values import deep_equal, index, is_index, member, to_string
from aispm.providers.azure.bicep import syntax
from aispm.providers.azure.bicep.instances import (
    MISSING,
    BicepLambda,
    InstanceList,
    ModuleInstance,
    Namespace,
    RefPath,
    ResourceInstance,
    is_num,
    materialize,
)
from aispm.providers.azure.bicep.operators import apply_binary


class ExpressionEvaluator:
    """Expression evaluation, mixed into `Template` (which provides the symbols, the calls and
    `budget`)."""

    def ev_safe(self, node: Any, env: dict | None) -> Any:
        """`ev` for an evaluation that starts here: a budget hit is the Unknown that names it."""
        try:
            return self.ev(node, env)
        except BudgetExceeded as exc:
            return self.budget.hit(exc)

    def ev(self, node: Any, env: dict | None) -> Any:
        t = type(node)
        if t is syntax.Lit:
            return node.value
        if t is syntax.Ident:
            return self.ev_ident(node.name, env)
        if t is syntax.Member or t is syntax.Index:
            return materialize(self.ev_access(node, env))
        if t is syntax.Interp:
            return self.ev_interp(node, env)
        if t is syntax.Obj:
            return self.ev_obj(node, env)
        if t is syntax.Array:
            return self.ev_array(node, env)
        if t is syntax.Call:
            return self.ev_call(node, env)
        if t is syntax.Binary:
            return self.ev_binary(node, env)
        if t is syntax.Ternary:
            return self.ev_ternary(node, env)
        if t is syntax.Unary:
            return self.ev_unary(node, env)
        if t is syntax.NonNull:
            return self.ev(node.expr, env)
        if t is syntax.For:
            return self.ev_for(node, env)
        if t is syntax.Lambda:
            return self.make_lambda(node, env)
        return Unknown(f"unsupported expression {t.__name__}")

    def ev_ident(self, name: str, env: dict | None) -> Any:
        if env:
            v = env.get(name, MISSING)
            if v is not MISSING:
                return v
        st = self.symbols.get(name)
        if st is not None:
            return self.symbol_value(name, st)
        return Unknown(f"undefined symbol {name}")

    def ev_access(self, node: Any, env: dict | None) -> Any:
        obj_node = node.obj
        if type(obj_node) is syntax.Member or type(obj_node) is syntax.Index:
            obj = self.ev_access(obj_node, env)
        else:
            obj = self.ev(obj_node, env)
        if type(node) is syntax.Member:
            key: Any = node.name
            if node.nested:
                return self.nested_access(obj, key)
        else:
            key = materialize(self.ev(node.index, env))
            if isinstance(key, Unknown):
                return key
        return self.access(obj, key, node.safe, getattr(node, "from_end", False))

    def access(self, obj: Any, key: Any, safe: bool = False, from_end: bool = False) -> Any:
        """`obj.key` / `obj[key]`; `safe` for `.?` / `[?` (null when missing), `from_end` for `[^key]`."""
        if type(obj) is RefPath:
            if isinstance(key, (str, int)) and not isinstance(key, bool):
                return RefPath(obj.res, obj.path + (key,))
            obj = materialize(obj)
        got = _access_symbol(obj, key, safe, from_end)
        if got is not MISSING:
            return got
        return _access_value(obj, key, safe, from_end)

    def nested_access(self, obj: Any, name: str) -> Any:
        if isinstance(obj, ResourceInstance):
            for p in obj.body_node.props:
                if type(p) is syntax.Resource and p.name == name:
                    kids = obj.children(p)
                    return InstanceList(kids) if isinstance(p.body, syntax.For) else kids[0]
            return Unknown(f"no nested resource {name} in {obj.uid}")
        if isinstance(obj, Unknown):
            return obj
        return Unknown(f"nested resource {name} of a non-resource")

    def ev_interp(self, node: syntax.Interp, env: dict | None) -> Any:
        out = []
        unknown = None
        budget = self.budget
        total = 0
        for i, part in enumerate(node.parts):
            if i % 2 == 0:
                out.append(part)
                total += len(part)
                continue
            v = materialize(self.ev(part, env))
            if isinstance(v, ResourceInstance):
                v = v.uid
            if isinstance(v, str):
                s = v
            else:
                if type(v) is list or type(v) is dict:
                    budget.measure(v, "string interpolation")
                s = to_string(v)
            if type(s) is str:
                total += len(s)
                budget.string(total, "string interpolation")
            if isinstance(s, Unknown):
                # a key or secret in the string is what matters most to the rules
                if unknown is None or s.reason.startswith(("key of", "secret of")):
                    unknown = s
            out.append(s)
        if unknown is None:
            return "".join(out)
        return Unknown(unknown.reason, shown_within(budget, out))  # `cog-speech-…`: what a reader can know

    def ev_obj(self, node: syntax.Obj, env: dict | None, keep_known: bool = False) -> Any:
        out: dict = {}
        unknown = None
        for p in node.props:
            t = type(p)
            if t is syntax.Prop:
                key = p.key
                if type(key) is not str:
                    key = self.ev_safe(key, env)
                    if not isinstance(key, str):
                        key = f"<{key.reason if isinstance(key, Unknown) else key}>"
                try:
                    out[key] = materialize(self.ev(p.value, env))
                except BudgetExceeded as exc:  # this property is unknown; the others stay
                    out[key] = self.budget.hit(exc)
            elif t is syntax.Spread:
                try:
                    v = materialize(self.ev(p.expr, env))
                    if isinstance(v, dict):
                        self.budget.collection(len(out) + len(v), "object spread")
                except BudgetExceeded as exc:
                    v = self.budget.hit(exc)
                if isinstance(v, dict):
                    out.update(v)
                elif v is None:
                    pass
                elif unknown is None:
                    unknown = v if isinstance(v, Unknown) else Unknown("spread of a non-object")
        if unknown is not None and not keep_known:
            return unknown
        return out

    def ev_array(self, node: syntax.Array, env: dict | None) -> Any:
        out: list = []
        for item in node.items:
            if type(item) is syntax.Spread:
                v = materialize(self.ev(item.expr, env))
                if isinstance(v, InstanceList):
                    v = v.items
                if isinstance(v, list):
                    self.budget.collection(len(out) + len(v), "array spread")
                    out.extend(v)
                else:
                    return v if isinstance(v, Unknown) else Unknown("spread of a non-array")
            else:
                out.append(materialize(self.ev(item, env)))
        return out

    def ev_for(self, node: syntax.For, env: dict | None) -> Any:
        iterable = materialize(self.ev(node.iterable, env))
        if isinstance(iterable, InstanceList):
            if iterable.reason is not None:
                return iterable.reason
            iterable = iterable.items
        if isinstance(iterable, Unknown):
            return iterable
        if not isinstance(iterable, list):
            return Unknown(f"loop over a {type(iterable).__name__}")
        out = []
        body = node.body
        budget = self.budget
        max_n = budget.limits.collection_size
        total = 0
        for i, item in enumerate(iterable):
            budget.step()
            if out:
                last = out[-1]
                total += 1 + (len(last) if type(last) is list or type(last) is dict else 0)
                if total > max_n:
                    budget.collection(total, "for expression: elements of its items in all")
            env2 = dict(env) if env else {}
            env2[node.item] = item
            if node.index:
                env2[node.index] = i
            if isinstance(body, syntax.IfBody):
                c = materialize(self.ev(body.cond, env2))
                if c is False:
                    continue
                if isinstance(c, Unknown):
                    out.append(c)
                    continue
                out.append(self.ev(body.body, env2))
            else:
                out.append(materialize(self.ev(body, env2)))
        return out

    def make_lambda(self, node: syntax.Lambda, env: dict | None) -> BicepLambda:
        params = node.params

        def fn(*args: Any) -> Any:
            env2 = dict(env) if env else {}
            for name, value in zip(params, args):
                env2[name] = value
            return materialize(self.ev(node.body, env2))

        return BicepLambda(fn, len(params))

    def ev_binary(self, node: syntax.Binary, env: dict | None) -> Any:
        op = node.op
        left = materialize(self.ev(node.left, env))
        if op == "&&":
            if left is False:
                return False
            right = materialize(self.ev(node.right, env))
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
            right = materialize(self.ev(node.right, env))
            if right is True:
                return True
            if isinstance(left, Unknown):
                return left
            if isinstance(right, Unknown):
                return right
            return bool(left) or bool(right)
        if op == "??":
            if left is None:
                return materialize(self.ev(node.right, env))
            return left
        self.budget.step()
        return apply_binary(op, left, materialize(self.ev(node.right, env)))

    def ev_ternary(self, node: syntax.Ternary, env: dict | None) -> Any:
        cond = materialize(self.ev(node.cond, env))
        if cond is True:
            return self.ev(node.then, env)
        if cond is False:
            return self.ev(node.other, env)
        a = materialize(self.ev(node.then, env))
        b = materialize(self.ev(node.other, env))
        if not isinstance(a, (Unknown, ResourceInstance, InstanceList, ModuleInstance, BicepLambda)) and deep_equal(a, b) is True:
            return a
        if isinstance(cond, Unknown):
            return Unknown(f"condition {cond.reason}")
        return Unknown("condition is not a bool")

    def ev_unary(self, node: syntax.Unary, env: dict | None) -> Any:
        v = materialize(self.ev(node.expr, env))
        if isinstance(v, Unknown):
            return v
        if node.op == "!":
            return (not v) if isinstance(v, bool) else Unknown("! of a non-bool")
        if not is_num(v):
            return Unknown(f"{node.op} of a non-number")
        if node.op == "-":
            return self.budget.integer(-v, "unary -") if type(v) is int else -v
        return v


def _access_symbol(obj: Any, key: Any, safe: bool, from_end: bool) -> Any:
    """Access on a resource, a resource or module collection, a module, its outputs or an import
    namespace; MISSING when `obj` is none of them."""
    t = type(obj)
    if t is ResourceInstance:
        if isinstance(key, str):
            return obj.member(key)
        return Unknown(f"index {key!r} of resource {obj.uid}")
    if t is InstanceList:
        if obj.reason is not None:
            return Unknown(f"instance of a loop over {obj.reason.reason}")
        if is_index(key):
            i = int(key)
            if from_end:
                i = len(obj.items) - i
            if 0 <= i < len(obj.items):
                return obj.items[i]
            return None if safe else Unknown(f"index {key} out of range")
        return Unknown(f"index {key!r} of a resource collection")
    if t is ModuleInstance:
        if isinstance(key, str):
            return obj.member(key)
        return Unknown("index of a module")
    if t is tuple and obj and obj[0] == "outputs":
        if isinstance(key, str):
            return obj[1].output(key)
        return Unknown("index of module outputs")
    if t is Namespace:
        if obj.tpl is None:
            return Unknown(f"{key} from {obj.path}")
        inner = obj.tpl.symbols.get(key)
        if inner is None:
            return Unknown(f"{key} from {obj.path}")
        return obj.tpl.symbol_value(key, inner)
    return MISSING


def _access_value(obj: Any, key: Any, safe: bool, from_end: bool) -> Any:
    """Access on a JSON value: case-insensitive member, array or string index."""
    if obj is None and safe:
        return None
    if isinstance(obj, Unknown):
        return obj
    if from_end and isinstance(obj, (list, str)) and is_index(key):
        key = len(obj) - int(key)
    if safe:
        if isinstance(obj, dict) and isinstance(key, str):
            for k, v in obj.items():
                if k.lower() == key.lower():
                    return v
            return None
        if isinstance(obj, list) and is_index(key) and not 0 <= int(key) < len(obj):
            return None
    if isinstance(key, str):
        return member(obj, key)
    return index(obj, key)
