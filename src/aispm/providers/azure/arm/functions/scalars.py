"""ARM scalar functions: conversions, comparisons, logic and integer arithmetic.

`string` / `int` / `float` / `bool` / `json` conversions, `equals` and the ordering
comparisons (two numbers or two strings), `if` / `and` / `or` / `not` where the known
arguments decide when they can (`and(false, ?)` is `false`; `if(?, x, x)` is `x`),
`coalesce`'s literal siblings `null()` / `true()` / `false()`, and .NET integer
arithmetic (`div` truncates toward zero, `mod` takes the dividend's sign), `min` / `max`.
"""

from __future__ import annotations

import json as _json
from typing import Any

from aispm.limits import BudgetExceeded
from aispm.model import Unknown
from aispm.providers.azure.arm.functions.base import (
    ArmFunctionError,
    FunctionContext,
    UnknownResult,
    argc,
    as_int,
    as_str,
    need,
    register,
)
from aispm.providers.azure.arm.functions.budget import budget_of
from aispm.providers.azure.arm.functions.values import deep_equal, first_unknown, is_num, to_string


@register("string")
def _string(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 1, 1)
    return to_string(args[0])


@register("int")
def _int_fn(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 1, 1)
    v = args[0]
    if isinstance(v, str):
        return int(v.strip())
    if isinstance(v, bool):
        return int(v)
    if is_num(v):
        return int(v)
    raise ArmFunctionError(f"cannot convert {type(v).__name__} to int")


@register("float")
def _float_fn(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 1, 1)
    v = args[0]
    if isinstance(v, (str, int, float)) and not isinstance(v, bool):
        return float(v)
    raise ArmFunctionError(f"cannot convert {type(v).__name__} to float")


@register("bool")
def _bool_fn(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 1, 1)
    v = args[0]
    if isinstance(v, bool):
        return v
    if isinstance(v, str):
        t = v.strip().lower()
        need(t in ("true", "false"), f"cannot convert {v!r} to bool")
        return t == "true"
    if is_num(v):
        return v != 0
    raise ArmFunctionError(f"cannot convert {type(v).__name__} to bool")


@register("json")
def _json_fn(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 1, 1)
    return json_value(ctx, as_str(args[0]))


def json_value(ctx: FunctionContext, text: str) -> Any:
    """The JSON value of `text`, nested no deeper than the `depth` budget."""
    limit = budget_of(ctx).limits.depth
    if text.count("[") + text.count("{") > limit:  # only then can it nest too deep
        from aispm.providers.azure.arm.document import STRING, TooDeep, check_depth

        try:
            check_depth(STRING.sub('""', text), limit)
        except TooDeep:
            raise BudgetExceeded("depth", limit, "json()") from None
    try:
        return _json.loads(text)
    except ValueError as exc:
        raise ArmFunctionError(f"invalid JSON: {exc}") from None


@register("if", raw=True)
def _if(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 3, 3)
    cond, a, b = args
    if isinstance(cond, Unknown):
        return a if deep_equal(a, b) is True else cond
    need(isinstance(cond, bool), "if condition must be a bool")
    return a if cond else b


@register("equals", raw=True)
def _equals(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 2, 2)
    return deep_equal(args[0], args[1])


@register("not")
def _not(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 1, 1)
    need(isinstance(args[0], bool), "not expects a bool")
    return not args[0]


@register("and", raw=True)
def _and(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 1)
    pending: Unknown | None = None
    for v in args:
        if isinstance(v, Unknown):
            pending = pending or v
            continue
        need(isinstance(v, bool), "and expects bools")
        if not v:
            return False
    return pending if pending is not None else True


@register("or", raw=True)
def _or(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 1)
    pending: Unknown | None = None
    for v in args:
        if isinstance(v, Unknown):
            pending = pending or v
            continue
        need(isinstance(v, bool), "or expects bools")
        if v:
            return True
    return pending if pending is not None else False


def _cmp_args(args: list[Any]) -> tuple[Any, Any]:
    argc(args, 2, 2)
    a, b = args
    need((is_num(a) and is_num(b)) or (isinstance(a, str) and isinstance(b, str)), "compares two numbers or two strings")
    return a, b


@register("less")
def _less(ctx: FunctionContext, args: list[Any]) -> Any:
    a, b = _cmp_args(args)
    return a < b


@register("lessOrEquals")
def _less_eq(ctx: FunctionContext, args: list[Any]) -> Any:
    a, b = _cmp_args(args)
    return a <= b


@register("greater")
def _greater(ctx: FunctionContext, args: list[Any]) -> Any:
    a, b = _cmp_args(args)
    return a > b


@register("greaterOrEquals")
def _greater_eq(ctx: FunctionContext, args: list[Any]) -> Any:
    a, b = _cmp_args(args)
    return a >= b


def _two_ints(args: list[Any]) -> tuple[int, int]:
    argc(args, 2, 2)
    return as_int(args[0]), as_int(args[1])


@register("add")
def _add(ctx: FunctionContext, args: list[Any]) -> Any:
    a, b = _two_ints(args)
    return a + b


@register("sub")
def _sub(ctx: FunctionContext, args: list[Any]) -> Any:
    a, b = _two_ints(args)
    return a - b


@register("mul")
def _mul(ctx: FunctionContext, args: list[Any]) -> Any:
    a, b = _two_ints(args)
    return a * b


@register("div")
def _div(ctx: FunctionContext, args: list[Any]) -> Any:
    a, b = _two_ints(args)
    need(b != 0, "division by zero")
    q = abs(a) // abs(b)  # .NET integer division truncates toward zero
    return q if (a >= 0) == (b > 0) else -q


@register("mod")
def _mod(ctx: FunctionContext, args: list[Any]) -> Any:
    a, b = _two_ints(args)
    need(b != 0, "division by zero")
    r = abs(a) % abs(b)  # .NET remainder takes the dividend's sign
    return r if a >= 0 else -r


def _numbers(args: list[Any]) -> list[Any]:
    argc(args, 1)
    vals = args[0] if len(args) == 1 and isinstance(args[0], list) else args
    u = first_unknown(vals)
    if u is not None:
        raise UnknownResult(u)
    need(len(vals) > 0 and all(is_num(v) for v in vals), "expects integers")
    return vals


@register("min")
def _min(ctx: FunctionContext, args: list[Any]) -> Any:
    return min(_numbers(args))


@register("max")
def _max(ctx: FunctionContext, args: list[Any]) -> Any:
    return max(_numbers(args))


@register("null", raw=True)
def _null(ctx: FunctionContext, args: list[Any]) -> Any:
    return None


@register("true", raw=True)
def _true(ctx: FunctionContext, args: list[Any]) -> Any:
    return True


@register("false", raw=True)
def _false(ctx: FunctionContext, args: list[Any]) -> Any:
    return False
