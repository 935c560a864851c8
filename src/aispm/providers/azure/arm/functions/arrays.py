"""ARM array and object functions (those without a lambda argument).

Slicing (`take`, `skip`, `first`, `last`), `length` / `empty` / `contains`, set algebra
(`union` merges objects deeply and case-insensitively, `intersection`), construction
(`createArray`, `createObject`, `array`, `range`), `coalesce`, and object access
(`items`, `objectKeys`, `tryGet`, `flatten`, `shallowMerge`). `range` gives at most ARM's
10,000 items (and `collection_size`); `union`, `intersection`, `flatten` and `shallowMerge`
check the size of what they would build first, and compare array items by a hashable key
(JSON equality) instead of item by item, so their cost is linear.
"""

from __future__ import annotations

from typing import Any

from aispm.limits import BudgetExceeded
from aispm.model import Unknown
from aispm.providers.azure.arm.functions.base import (
    ArmFunctionError,
    FunctionContext,
    argc,
    as_int,
    as_str,
    need,
    register,
)
from aispm.providers.azure.arm.functions.budget import budget_of
from aispm.providers.azure.arm.functions.values import deep_equal, is_index, is_num, member, to_string


RANGE_MAX = 10_000  # ARM's own limit on range() count


def _seq(v: Any) -> list | str:
    need(isinstance(v, (list, str)), f"expects a string or array, got {type(v).__name__}")
    return v


@register("take")
def _take(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 2, 2)
    v = _seq(args[0])
    return v[: max(0, as_int(args[1]))]


@register("skip")
def _skip(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 2, 2)
    v = _seq(args[0])
    return v[max(0, as_int(args[1])) :]


@register("first")
def _first(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 1, 1)
    v = _seq(args[0])
    if not v:
        return "" if isinstance(v, str) else None
    return v[0]


@register("last")
def _last(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 1, 1)
    v = _seq(args[0])
    if not v:
        return "" if isinstance(v, str) else None
    return v[-1]


@register("length")
def _length(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 1, 1)
    v = args[0]
    need(isinstance(v, (list, str, dict)), f"length of a {type(v).__name__}")
    return len(v)


@register("empty")
def _empty(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 1, 1)
    v = args[0]
    return v is None or (isinstance(v, (str, list, dict)) and len(v) == 0)


@register("contains")
def _contains(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 2, 2)
    container, item = args
    if isinstance(container, str):
        s = to_string(item)
        if isinstance(s, Unknown):
            return s
        return s in container
    if isinstance(container, dict):
        key = as_str(item, "key")
        return any(k.lower() == key.lower() for k in container)
    if isinstance(container, list):
        pending: Unknown | None = None
        for v in container:
            r = deep_equal(v, item)
            if r is True:
                return True
            if isinstance(r, Unknown):
                pending = pending or r
        return pending if pending is not None else False
    raise ArmFunctionError(f"contains on a {type(container).__name__}")


def _merge(a: dict, b: dict) -> dict:
    out = dict(a)
    lower = {k.lower(): k for k in out}
    for k, v in b.items():
        existing = lower.get(k.lower())
        if existing is not None:
            old = out[existing]
            if isinstance(old, dict) and isinstance(v, dict):
                out[existing] = _merge(old, v)
            else:
                out[existing] = v
        else:
            out[k] = v
            lower[k.lower()] = k
    return out


class _NoKey(Exception):
    """A value with no JSON key (an Unknown, a lambda inside): JSON-equal to nothing."""


def _key(v: Any) -> Any:
    """A hashable key with JSON equality (`values.deep_equal`): a bool is not a number, `1` is
    `1.0`, object keys compare case-insensitively. `_NoKey` for what equals nothing for sure."""
    t = type(v)
    if t is str:
        return (1, v)
    if t is bool:
        return (2, v)
    if t is int or (t is float and v == v):
        return (3, v)
    if v is None:
        return (4,)
    if t is list:
        return (5, tuple(_key(x) for x in v))
    if t is dict:
        low = {}
        for k, x in v.items():
            if type(k) is not str:
                raise _NoKey
            low[k.lower()] = x
        return (6, frozenset((k, _key(x)) for k, x in low.items()))
    raise _NoKey


def _arrays_in_budget(ctx: FunctionContext, args: list[Any], what: str) -> None:
    budget = budget_of(ctx)
    budget.collection(sum(len(a) for a in args), what)
    for a in args:
        budget.measure(a, what)


@register("union")
def _union(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 1)
    if all(isinstance(a, dict) for a in args):
        budget = budget_of(ctx)
        for a in args:
            budget.measure(a, "union()")
        out: dict = {}
        for a in args:
            out = _merge(out, a)
        return out
    if all(isinstance(a, list) for a in args):
        _arrays_in_budget(ctx, args, "union()")
        res: list = []
        seen: set = set()
        for a in args:
            for v in a:
                try:
                    k = _key(v)
                except _NoKey:
                    res.append(v)
                    continue
                if k not in seen:
                    seen.add(k)
                    res.append(v)
        return res
    raise ArmFunctionError("union expects all objects or all arrays")


@register("intersection")
def _intersection(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 1)
    if all(isinstance(a, dict) for a in args):
        out = {}
        for k, v in args[0].items():
            if all(deep_equal(member(o, k), v) is True for o in args[1:]):
                out[k] = v
        return out
    if all(isinstance(a, list) for a in args):
        _arrays_in_budget(ctx, args, "intersection()")
        others = []
        for o in args[1:]:
            keys = set()
            for x in o:
                try:
                    keys.add(_key(x))
                except _NoKey:
                    pass
            others.append(keys)
        res: list = []
        seen: set = set()
        for v in args[0]:
            try:
                k = _key(v)
            except _NoKey:
                continue
            if k not in seen and all(k in keys for keys in others):
                seen.add(k)
                res.append(v)
        return res
    raise ArmFunctionError("intersection expects all objects or all arrays")


@register("createArray", raw=True)
def _create_array(ctx: FunctionContext, args: list[Any]) -> Any:
    return list(args)


@register("createObject", raw=True)
def _create_object(ctx: FunctionContext, args: list[Any]) -> Any:
    need(len(args) % 2 == 0, "createObject expects key/value pairs")
    out = {}
    for k, v in zip(args[0::2], args[1::2]):
        if isinstance(k, Unknown):
            return k
        out[as_str(k, "key")] = v
    return out


@register("array", raw=True)
def _array(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 1, 1)
    v = args[0]
    if isinstance(v, list):
        return v
    if isinstance(v, Unknown):
        return v
    return [v]


@register("coalesce", raw=True)
def _coalesce(ctx: FunctionContext, args: list[Any]) -> Any:
    for v in args:
        if isinstance(v, Unknown):
            return v  # it might be null, or not: the rest cannot decide
        if v is not None:
            return v
    return None


@register("range")
def _range(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 2, 2)
    start, count = as_int(args[0]), as_int(args[1])
    need(count >= 0, "count out of range")
    limit = min(RANGE_MAX, budget_of(ctx).limits.collection_size)
    if count > limit:
        raise BudgetExceeded("collection_size", limit,
                             f"range() of {count} items" + ("; ARM allows 10,000" if limit == RANGE_MAX else ""))
    return list(range(start, start + count))


@register("items")
def _items(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 1, 1)
    obj = args[0]
    need(isinstance(obj, dict), "items expects an object")
    return [{"key": k, "value": obj[k]} for k in sorted(obj, key=str.lower)]


@register("objectKeys")
def _object_keys(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 1, 1)
    need(isinstance(args[0], dict), "objectKeys expects an object")
    return list(args[0])


@register("tryGet", raw=True)
def _try_get(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 2)
    cur = args[0]
    for key in args[1:]:
        if isinstance(cur, Unknown):
            return cur
        if isinstance(key, Unknown):
            return key
        if cur is None:
            return None
        if isinstance(cur, dict) and isinstance(key, str):
            found = member(cur, key)
            if isinstance(found, Unknown) and not any(k.lower() == key.lower() for k in cur):
                return None
            cur = found
        elif isinstance(cur, list) and is_index(key):
            n = int(key)
            cur = cur[n] if 0 <= n < len(cur) else None
        else:
            return None
    return cur


@register("flatten")
def _flatten(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 1, 1)
    need(isinstance(args[0], list), "flatten expects an array of arrays")
    budget_of(ctx).collection(sum(len(v) for v in args[0] if isinstance(v, list)), "flatten()")
    out: list = []
    for v in args[0]:
        if isinstance(v, Unknown):
            return v
        need(isinstance(v, list), "flatten expects an array of arrays")
        out.extend(v)
    return out


@register("shallowMerge")
def _shallow_merge(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 1, 1)
    need(isinstance(args[0], list), "shallowMerge expects an array of objects")
    budget_of(ctx).collection(sum(len(v) for v in args[0] if isinstance(v, dict)), "shallowMerge()")
    out: dict = {}
    for v in args[0]:
        if isinstance(v, Unknown):
            return v
        need(isinstance(v, dict), "shallowMerge expects an array of objects")
        out.update(v)
    return out
