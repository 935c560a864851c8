"""ARM array and object functions (those without a lambda argument).

Slicing (`take`, `skip`, `first`, `last`), `length` / `empty` / `contains`, set algebra
(`union` merges objects deeply and case-insensitively, `intersection`), construction
(`createArray`, `createObject`, `array`, `range`), `coalesce`, and object access
(`items`, `objectKeys`, `tryGet`, `flatten`, `shallowMerge`). `range` is capped at 10,000
items; nothing else bounds the size of what these functions build.
"""

from __future__ import annotations

from typing import Any

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
from aispm.providers.azure.arm.functions.values import deep_equal, is_num, member, to_string


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


@register("union")
def _union(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 1)
    if all(isinstance(a, dict) for a in args):
        out: dict = {}
        for a in args:
            out = _merge(out, a)
        return out
    if all(isinstance(a, list) for a in args):
        res: list = []
        for a in args:
            for v in a:
                if not any(deep_equal(v, x) is True for x in res):
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
        res: list = []
        for v in args[0]:
            if all(any(deep_equal(v, x) is True for x in o) for o in args[1:]) and not any(
                deep_equal(v, x) is True for x in res
            ):
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
    need(0 <= count <= 10000, "count out of range")
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
        elif isinstance(cur, list) and is_num(key):
            n = int(key)
            cur = cur[n] if 0 <= n < len(cur) else None
        else:
            return None
    return cur


@register("flatten")
def _flatten(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 1, 1)
    need(isinstance(args[0], list), "flatten expects an array of arrays")
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
    out: dict = {}
    for v in args[0]:
        if isinstance(v, Unknown):
            return v
        need(isinstance(v, dict), "shallowMerge expects an array of objects")
        out.update(v)
    return out
