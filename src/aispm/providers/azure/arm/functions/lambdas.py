"""ARM functions that take a lambda: `filter`, `map`, `reduce`, `sort`, `toObject`, `groupBy`, `mapValues`.

The lambda is a Python callable made by the caller's evaluator (ARM `lambda(...)`, a Bicep
arrow function); it is called with as many arguments as it declares (`arity`, else its
signature). A lambda that returns an `Unknown` where the function needs a decision makes
the whole result that `Unknown`. Any other lambda argument (an `Unknown`, a string) gives
`Unknown`. Each call costs one evaluation of the lambda body per item (`sort`: per
comparison), with no bound beyond the array's length.
"""

from __future__ import annotations

from typing import Any, Callable

from aispm.model import Unknown
from aispm.providers.azure.arm.functions.base import FunctionContext, UnknownResult, argc, as_str, need, register


def _lam(v: Any) -> Callable[..., Any]:
    if isinstance(v, Unknown):
        raise UnknownResult(v)
    need(callable(v), "expects a lambda")
    return v


def _arr(v: Any) -> list:
    need(isinstance(v, list), f"expects an array, got {type(v).__name__}")
    return v


@register("filter")
def _filter(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 2, 2)
    arr, f = _arr(args[0]), _lam(args[1])
    out = []
    for i, v in enumerate(arr):
        r = _call_lambda(f, v, i)
        if isinstance(r, Unknown):
            return r
        if r is True:
            out.append(v)
    return out


def _call_lambda(f: Callable[..., Any], *vals: Any) -> Any:
    """Call with as many arguments as the lambda declares (ARM lambdas take 1 or 2)."""
    n = getattr(f, "arity", None)
    if n is None:
        import inspect

        try:
            params = inspect.signature(f).parameters.values()
            if any(p.kind is p.VAR_POSITIONAL for p in params):
                n = len(vals)
            else:
                n = sum(1 for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD))
        except (TypeError, ValueError):
            n = len(vals)
    return f(*vals[: max(1, n)])


@register("map")
def _map(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 2, 2)
    arr, f = _arr(args[0]), _lam(args[1])
    return [_call_lambda(f, v, i) for i, v in enumerate(arr)]


@register("reduce")
def _reduce(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 3, 3)
    arr, acc, f = _arr(args[0]), args[1], _lam(args[2])
    for i, v in enumerate(arr):
        acc = _call_lambda(f, acc, v, i)
        if isinstance(acc, Unknown):
            return acc
    return acc


@register("sort")
def _sort(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 2, 2)
    arr, f = list(_arr(args[0])), _lam(args[1])
    import functools

    def cmp(a: Any, b: Any) -> int:
        r = f(a, b)
        if isinstance(r, Unknown):
            raise UnknownResult(r)
        if r is True:
            return -1
        r2 = f(b, a)
        if isinstance(r2, Unknown):
            raise UnknownResult(r2)
        return 1 if r2 is True else 0

    return sorted(arr, key=functools.cmp_to_key(cmp))


@register("toObject")
def _to_object(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 2, 3)
    arr, kf = _arr(args[0]), _lam(args[1])
    vf = _lam(args[2]) if len(args) > 2 else (lambda v: v)
    out = {}
    for v in arr:
        k = kf(v)
        if isinstance(k, Unknown):
            return k
        out[as_str(k, "key")] = vf(v)
    return out


@register("groupBy")
def _group_by(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 2, 2)
    arr, kf = _arr(args[0]), _lam(args[1])
    out: dict = {}
    for v in arr:
        k = kf(v)
        if isinstance(k, Unknown):
            return k
        out.setdefault(as_str(k, "key"), []).append(v)
    return out


@register("mapValues")
def _map_values(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 2, 2)
    obj, f = args[0], _lam(args[1])
    need(isinstance(obj, dict), "mapValues expects an object")
    return {k: f(v) for k, v in obj.items()}
