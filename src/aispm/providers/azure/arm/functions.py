"""The ARM template function library, as pure Python over evaluated arguments.

Shared by the ARM source (which parses `[...]` expressions) and the Bicep source
(which evaluates Bicep expressions, most of which are ARM functions). Every
function takes a `FunctionContext` (what the template knows: its parameters,
variables and declared resources) and the list of already-evaluated arguments,
and returns a value: `str`, `int`, `float`, `bool`, `None`, `list`, `dict`, or
an `aispm.model.Unknown` when the input does not determine the result.

Rules every function follows:

- **Unknown propagates.** If an argument a function needs is `Unknown`, the
  result is that `Unknown` (the first one met, so its reason survives). The
  exceptions are functions where the known parts decide: `if(true, x, ?)` is
  `x`, `and(false, ?)` is `false`, `coalesce('a', ?)` is `'a'`.
- **Functions never raise** through `call`: a bad argument (wrong type, index
  out of range, division by zero) gives `Unknown("<fn>(): <why>")`.
- **Runtime values are Unknown**: `utcNow()`, `newGuid()`, `resourceGroup().name`,
  `subscription().subscriptionId`, `deployment().name`, keys from `listKeys()`.
- **Resource ids.** `resourceId(...)` and friends ask the context, which returns
  the uid of a resource declared in the scanned template, or an ARM id string.
  `format_resource_id` builds that string with literal placeholders for what a
  template cannot know: `/subscriptions/{subscriptionId}/resourceGroups/
  {resourceGroupName}/providers/<type>/<names>`.
- **Hashes.** `uniqueString()` implements Azure's actual algorithm (Microsoft's
  MurmurHash64 variant over the arguments joined with `-`, base32-encoded to 13
  lowercase characters), checked against published Bicep outputs. `guid()` is
  a name-based (v5) UUID over the arguments joined with `-`, with the namespace
  ARM documents; it is deterministic, but not verified to equal Azure's value.
- **Lambdas.** `filter`/`map`/`reduce`/`sort`/`toObject`/`groupBy`/`mapValues`
  accept Python callables as their lambda arguments (the caller's evaluator
  turns `lambda(...)` / Bicep arrow functions into callables); any other lambda
  argument gives `Unknown`.
"""

from __future__ import annotations

import base64 as _b64
import json as _json
import re
import urllib.parse
import uuid as _uuid
from typing import Any, Callable, Protocol

from aispm.model import Unknown

__all__ = [
    "FunctionContext",
    "FUNCTIONS",
    "call",
    "format_resource_id",
    "member",
    "index",
    "deep_equal",
    "to_string",
    "unique_string",
    "first_unknown",
    "contains_unknown",
]


class FunctionContext(Protocol):
    def resource_id(self, arm_type: str, names: list[str], *, scope: str = "resourceGroup") -> Any:
        """The uid of a declared resource, or an ARM id string (see `format_resource_id`).

        `scope` is `resourceGroup`, `subscription`, `tenant`, `managementGroup`, or
        `extension:<id of the resource the extension resource is attached to>`.
        """
        ...

    def parameter(self, name: str) -> Any: ...

    def variable(self, name: str) -> Any: ...

    def reference(self, target: Any, full: bool) -> Any:
        """The properties (or the full body when `full`) of a declared resource, or Unknown."""
        ...


Function = Callable[[FunctionContext, list[Any]], Any]


class ArmFunctionError(Exception):
    """A bad argument; `call` turns it into an Unknown."""


# --------------------------------------------------------------------------- helpers


def first_unknown(values: Any) -> Unknown | None:
    """The first top-level Unknown of a list of values, or None."""
    for v in values:
        if isinstance(v, Unknown):
            return v
    return None


def contains_unknown(value: Any) -> Unknown | None:
    """The first Unknown anywhere inside a value (deep), or None."""
    if isinstance(value, Unknown):
        return value
    if isinstance(value, dict):
        for v in value.values():
            u = contains_unknown(v)
            if u is not None:
                return u
    elif isinstance(value, list):
        for v in value:
            u = contains_unknown(v)
            if u is not None:
                return u
    return None


def _is_num(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _need(cond: bool, message: str) -> None:
    if not cond:
        raise ArmFunctionError(message)


def _argc(args: list[Any], lo: int, hi: int | None = None) -> None:
    n = len(args)
    if n < lo or (hi is not None and n > hi):
        want = f"{lo}" if hi == lo else f"{lo}..{hi if hi is not None else 'n'}"
        raise ArmFunctionError(f"expects {want} arguments, got {n}")


def to_string(value: Any) -> str | Unknown:
    """ARM's `string()`: strings as-is, `True`/`False`, numbers, JSON for objects and arrays."""
    if isinstance(value, Unknown):
        return value
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "True" if value else "False"
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (dict, list)):
        u = contains_unknown(value)
        if u is not None:
            return u
        return _json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    if callable(value):
        return Unknown("string of a lambda")
    return str(value)


def deep_equal(a: Any, b: Any) -> bool | Unknown:
    """JSON deep equality (bool is not a number); Unknown if an Unknown decides."""
    if isinstance(a, Unknown):
        return a
    if isinstance(b, Unknown):
        return b
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if _is_num(a) and _is_num(b):
        return a == b
    if isinstance(a, str) and isinstance(b, str):
        return a == b
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return False
        pending: Unknown | None = None
        for x, y in zip(a, b):
            r = deep_equal(x, y)
            if r is False:
                return False
            if isinstance(r, Unknown):
                pending = pending or r
        return pending if pending is not None else True
    if isinstance(a, dict) and isinstance(b, dict):
        la = {k.lower(): v for k, v in a.items()}
        lb = {k.lower(): v for k, v in b.items()}
        if la.keys() != lb.keys():
            return False
        pending = None
        for k, v in la.items():
            r = deep_equal(v, lb[k])
            if r is False:
                return False
            if isinstance(r, Unknown):
                pending = pending or r
        return pending if pending is not None else True
    return False


def member(value: Any, key: str) -> Any:
    """`value.key` / `value['key']` on an object, case-insensitively (ARM property names are)."""
    if isinstance(value, Unknown):
        return value
    if isinstance(value, dict):
        if key in value:
            return value[key]
        lk = key.lower()
        for k, v in value.items():
            if k.lower() == lk:
                return v
        return Unknown(f"no property {key!r}")
    return Unknown(f"property {key!r} of a {type(value).__name__}")


def index(value: Any, i: Any) -> Any:
    """`value[i]`: array index, string index, or object key."""
    if isinstance(value, Unknown):
        return value
    if isinstance(i, Unknown):
        return i
    if isinstance(i, str):
        return member(value, i)
    if isinstance(value, (list, str)) and _is_num(i):
        n = int(i)
        if 0 <= n < len(value):
            return value[n]
        return Unknown(f"index {n} out of range")
    return Unknown(f"index {i!r} of a {type(value).__name__}")


_PLACEHOLDER_SUB = "{subscriptionId}"
_PLACEHOLDER_RG = "{resourceGroupName}"


def format_resource_id(
    arm_type: str,
    names: list[Any],
    scope: str = "resourceGroup",
    *,
    subscription_id: str | None = None,
    resource_group: str | None = None,
) -> str:
    """An ARM resource id for a resource the scan does not declare.

    What a template cannot know is written as literal placeholder text:
    `/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/T/n1/n2`
    (the type's child segments are interleaved with the names, as ARM does:
    `.../providers/Microsoft.CognitiveServices/accounts/acct/deployments/dep`).
    `scope` `subscription` and `tenant` drop the resource group (and subscription);
    `extension:<id>` appends `/providers/T/n` to `<id>`.
    """
    sub = subscription_id if isinstance(subscription_id, str) else _PLACEHOLDER_SUB
    rg = resource_group if isinstance(resource_group, str) else _PLACEHOLDER_RG
    parts = arm_type.split("/")
    namespace, types = parts[0], parts[1:]
    segs = [namespace]
    str_names = [n if isinstance(n, str) else "{name}" for n in names]
    for j, t in enumerate(types):
        segs.append(t)
        if j < len(str_names):
            segs.append(str_names[j])
    for extra in str_names[len(types):]:
        segs.append(extra)
    tail = "/providers/" + "/".join(segs)
    if scope.startswith("extension:"):
        return scope[len("extension:"):].rstrip("/") + tail
    if scope == "tenant":
        return tail
    if scope == "managementGroup":
        return "/providers/Microsoft.Management/managementGroups/{managementGroupName}" + tail
    if scope == "subscription":
        return f"/subscriptions/{sub}" + tail
    return f"/subscriptions/{sub}/resourceGroups/{rg}" + tail


# ------------------------------------------------------------------ uniqueString (Azure's)

_M32 = 0xFFFFFFFF


def _rotl32(x: int, r: int) -> int:
    return ((x << r) | (x >> (32 - r))) & _M32


def _fmix32(h: int) -> int:
    h = ((h ^ (h >> 16)) * 0x85EBCA6B) & _M32
    h = ((h ^ (h >> 13)) * 0xC2B2AE35) & _M32
    return h ^ (h >> 16)


def _murmur64(data: bytes) -> int:
    """Microsoft's 64-bit MurmurHash variant (two interleaved 32-bit lanes), seed 0."""
    c1, c2 = 0x239B961B, 0xAB0E9789
    h1 = h2 = 0
    n = len(data)
    i = 0
    while i + 8 <= n:
        k1 = int.from_bytes(data[i : i + 4], "little")
        k2 = int.from_bytes(data[i + 4 : i + 8], "little")
        k1 = (_rotl32((k1 * c1) & _M32, 15) * c2) & _M32
        h1 = _rotl32(h1 ^ k1, 19)
        h1 = (((h1 + h2) & _M32) * 5 + 0x561CCD1B) & _M32
        k2 = (_rotl32((k2 * c2) & _M32, 17) * c1) & _M32
        h2 = _rotl32(h2 ^ k2, 13)
        h2 = (((h2 + h1) & _M32) * 5 + 0x0BCAA747) & _M32
        i += 8
    rest = n - i
    if rest > 0:
        k1 = int.from_bytes(data[i : i + min(rest, 4)], "little")
        h1 ^= (_rotl32((k1 * c1) & _M32, 15) * c2) & _M32
        if rest > 4:
            k2 = int.from_bytes(data[i + 4 : n], "little")
            h2 ^= (_rotl32((k2 * c2) & _M32, 17) * c1) & _M32
    h2 = (h2 ^ n) & _M32
    h1 = ((h1 ^ n) + h2) & _M32
    h2 = (h2 + h1) & _M32
    h1 = _fmix32(h1)
    h2 = _fmix32(h2)
    h1 = (h1 + h2) & _M32
    h2 = (h2 + h1) & _M32
    return (h2 << 32) | h1


def unique_string(*parts: str) -> str:
    """Azure's `uniqueString(a, b, ...)`: 13 base32 characters of a hash of `a-b-...`."""
    h = _murmur64("-".join(parts).encode("utf-8"))
    alphabet = "abcdefghijklmnopqrstuvwxyz234567"
    out = []
    for _ in range(13):
        out.append(alphabet[(h >> 59) & 31])
        h = (h << 5) & 0xFFFFFFFFFFFFFFFF
    return "".join(out)


_GUID_NAMESPACE = _uuid.UUID("11fb06fb-712d-4ddd-98c7-e71bbd588830")


# ------------------------------------------------------------------ functions

FUNCTIONS: dict[str, Function] = {}


def _fn(*names: str, raw: bool = False) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a function. Unless `raw`, a top-level Unknown argument short-circuits."""

    def deco(f: Callable[..., Any]) -> Callable[..., Any]:
        if raw:
            impl = f
        else:

            def impl(ctx: FunctionContext, args: list[Any], _f: Callable[..., Any] = f) -> Any:
                u = first_unknown(args)
                if u is not None:
                    return u
                return _f(ctx, args)

        for n in names:
            FUNCTIONS[n.lower()] = impl
        return f

    return deco


def _str(v: Any, what: str = "argument") -> str:
    _need(isinstance(v, str), f"{what} must be a string, got {type(v).__name__}")
    return v


def _int(v: Any, what: str = "argument") -> int:
    if isinstance(v, float) and v.is_integer():
        return int(v)
    _need(isinstance(v, int) and not isinstance(v, bool), f"{what} must be an integer, got {type(v).__name__}")
    return v


# --- strings / arrays


@_fn("concat", raw=True)
def _concat(ctx: FunctionContext, args: list[Any]) -> Any:
    if args and all(isinstance(a, list) or a is None for a in args if not isinstance(a, Unknown)) and any(
        isinstance(a, list) for a in args
    ):
        u = first_unknown(args)
        if u is not None:
            return u
        out: list[Any] = []
        for a in args:
            if a is not None:
                out.extend(a)
        return out
    u = first_unknown(args)
    if u is not None:
        return u
    parts = []
    for a in args:
        s = to_string(a)
        if isinstance(s, Unknown):
            return s
        parts.append(s)
    return "".join(parts)


_FORMAT_ITEM = re.compile(r"\{\{|\}\}|\{(\d+)\s*(?:,\s*(-?\d+))?\s*(?::([^{}]*))?\}")


def _format_value(v: Any, spec: str | None) -> str | Unknown:
    if not spec:
        return to_string(v)
    kind, digits = spec[0], spec[1:]
    prec = int(digits) if digits.isdigit() else None
    if _is_num(v):
        k = kind.upper()
        if k == "D" and float(v).is_integer():
            n = int(v)
            s = str(abs(n)).rjust(prec or 0, "0")
            return ("-" if n < 0 else "") + s
        if k == "X" and float(v).is_integer():
            s = format(int(v), "x").rjust(prec or 0, "0")
            return s.upper() if kind == "X" else s
        if k == "N":
            return format(v, f",.{2 if prec is None else prec}f")
        if k == "F":
            return format(v, f".{2 if prec is None else prec}f")
        if k == "P":
            return format(v * 100, f",.{2 if prec is None else prec}f") + " %"
        if k == "E":
            return format(v, f".{6 if prec is None else prec}E" if kind == "E" else f".{6 if prec is None else prec}e")
        if k in "GR":
            return to_string(v)
        # custom numeric format like "000": zero padding
        if set(spec) == {"0"} and float(v).is_integer():
            return str(int(v)).rjust(len(spec), "0")
    return to_string(v)


@_fn("format")
def _format(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 1)
    fmt = _str(args[0], "format string")
    values = args[1:]
    out: list[str] = []
    pos = 0
    for m in _FORMAT_ITEM.finditer(fmt):
        out.append(fmt[pos : m.start()])
        pos = m.end()
        tok = m.group(0)
        if tok == "{{":
            out.append("{")
            continue
        if tok == "}}":
            out.append("}")
            continue
        i = int(m.group(1))
        _need(i < len(values), f"placeholder {{{i}}} has no argument")
        v = values[i]
        u = contains_unknown(v)
        if u is not None:
            return u
        s = _format_value(v, m.group(3))
        if isinstance(s, Unknown):
            return s
        if m.group(2):
            w = int(m.group(2))
            s = s.rjust(w) if w > 0 else s.ljust(-w)
        out.append(s)
    out.append(fmt[pos:])
    return "".join(out)


@_fn("string")
def _string(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 1, 1)
    return to_string(args[0])


@_fn("int")
def _int_fn(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 1, 1)
    v = args[0]
    if isinstance(v, str):
        return int(v.strip())
    if isinstance(v, bool):
        return int(v)
    if _is_num(v):
        return int(v)
    raise ArmFunctionError(f"cannot convert {type(v).__name__} to int")


@_fn("float")
def _float_fn(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 1, 1)
    v = args[0]
    if isinstance(v, (str, int, float)) and not isinstance(v, bool):
        return float(v)
    raise ArmFunctionError(f"cannot convert {type(v).__name__} to float")


@_fn("bool")
def _bool_fn(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 1, 1)
    v = args[0]
    if isinstance(v, bool):
        return v
    if isinstance(v, str):
        t = v.strip().lower()
        _need(t in ("true", "false"), f"cannot convert {v!r} to bool")
        return t == "true"
    if _is_num(v):
        return v != 0
    raise ArmFunctionError(f"cannot convert {type(v).__name__} to bool")


@_fn("json")
def _json_fn(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 1, 1)
    try:
        return _json.loads(_str(args[0]))
    except ValueError as exc:
        raise ArmFunctionError(f"invalid JSON: {exc}") from None


@_fn("toLower")
def _tolower(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 1, 1)
    return _str(args[0]).lower()


@_fn("toUpper")
def _toupper(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 1, 1)
    return _str(args[0]).upper()


@_fn("trim")
def _trim(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 1, 1)
    return _str(args[0]).strip()


@_fn("replace")
def _replace(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 3, 3)
    return _str(args[0]).replace(_str(args[1]), _str(args[2]))


@_fn("split")
def _split(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 2, 2)
    s = _str(args[0])
    delims = args[1]
    if isinstance(delims, str):
        return s.split(delims) if delims else [s]
    _need(isinstance(delims, list) and all(isinstance(d, str) for d in delims), "delimiter must be a string or array")
    ds = [d for d in delims if d]
    if not ds:
        return [s]
    return re.split("|".join(re.escape(d) for d in ds), s)


@_fn("join")
def _join(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 2, 2)
    arr = args[0]
    _need(isinstance(arr, list), "join expects an array")
    parts = []
    for v in arr:
        s = to_string(v)
        if isinstance(s, Unknown):
            return s
        parts.append(s)
    return _str(args[1], "delimiter").join(parts)


@_fn("substring")
def _substring(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 1, 3)
    s = _str(args[0])
    start = _int(args[1]) if len(args) > 1 else 0
    _need(0 <= start <= len(s), f"start index {start} out of range")
    if len(args) > 2:
        n = _int(args[2])
        _need(n >= 0 and start + n <= len(s), f"length {n} out of range")
        return s[start : start + n]
    return s[start:]


def _seq(v: Any) -> list | str:
    _need(isinstance(v, (list, str)), f"expects a string or array, got {type(v).__name__}")
    return v


@_fn("take")
def _take(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 2, 2)
    v = _seq(args[0])
    return v[: max(0, _int(args[1]))]


@_fn("skip")
def _skip(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 2, 2)
    v = _seq(args[0])
    return v[max(0, _int(args[1])) :]


@_fn("first")
def _first(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 1, 1)
    v = _seq(args[0])
    if not v:
        return "" if isinstance(v, str) else None
    return v[0]


@_fn("last")
def _last(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 1, 1)
    v = _seq(args[0])
    if not v:
        return "" if isinstance(v, str) else None
    return v[-1]


@_fn("length")
def _length(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 1, 1)
    v = args[0]
    _need(isinstance(v, (list, str, dict)), f"length of a {type(v).__name__}")
    return len(v)


@_fn("empty")
def _empty(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 1, 1)
    v = args[0]
    return v is None or (isinstance(v, (str, list, dict)) and len(v) == 0)


@_fn("contains")
def _contains(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 2, 2)
    container, item = args
    if isinstance(container, str):
        s = to_string(item)
        if isinstance(s, Unknown):
            return s
        return s in container
    if isinstance(container, dict):
        key = _str(item, "key")
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


@_fn("union")
def _union(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 1)
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


@_fn("intersection")
def _intersection(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 1)
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


@_fn("createArray", raw=True)
def _create_array(ctx: FunctionContext, args: list[Any]) -> Any:
    return list(args)


@_fn("createObject", raw=True)
def _create_object(ctx: FunctionContext, args: list[Any]) -> Any:
    _need(len(args) % 2 == 0, "createObject expects key/value pairs")
    out = {}
    for k, v in zip(args[0::2], args[1::2]):
        if isinstance(k, Unknown):
            return k
        out[_str(k, "key")] = v
    return out


@_fn("array", raw=True)
def _array(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 1, 1)
    v = args[0]
    if isinstance(v, list):
        return v
    if isinstance(v, Unknown):
        return v
    return [v]


@_fn("coalesce", raw=True)
def _coalesce(ctx: FunctionContext, args: list[Any]) -> Any:
    for v in args:
        if isinstance(v, Unknown):
            return v  # it might be null, or not: the rest cannot decide
        if v is not None:
            return v
    return None


@_fn("if", raw=True)
def _if(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 3, 3)
    cond, a, b = args
    if isinstance(cond, Unknown):
        return a if deep_equal(a, b) is True else cond
    _need(isinstance(cond, bool), "if condition must be a bool")
    return a if cond else b


@_fn("equals", raw=True)
def _equals(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 2, 2)
    return deep_equal(args[0], args[1])


@_fn("not")
def _not(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 1, 1)
    _need(isinstance(args[0], bool), "not expects a bool")
    return not args[0]


@_fn("and", raw=True)
def _and(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 1)
    pending: Unknown | None = None
    for v in args:
        if isinstance(v, Unknown):
            pending = pending or v
            continue
        _need(isinstance(v, bool), "and expects bools")
        if not v:
            return False
    return pending if pending is not None else True


@_fn("or", raw=True)
def _or(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 1)
    pending: Unknown | None = None
    for v in args:
        if isinstance(v, Unknown):
            pending = pending or v
            continue
        _need(isinstance(v, bool), "or expects bools")
        if v:
            return True
    return pending if pending is not None else False


def _cmp_args(args: list[Any]) -> tuple[Any, Any]:
    _argc(args, 2, 2)
    a, b = args
    _need((_is_num(a) and _is_num(b)) or (isinstance(a, str) and isinstance(b, str)), "compares two numbers or two strings")
    return a, b


@_fn("less")
def _less(ctx: FunctionContext, args: list[Any]) -> Any:
    a, b = _cmp_args(args)
    return a < b


@_fn("lessOrEquals")
def _less_eq(ctx: FunctionContext, args: list[Any]) -> Any:
    a, b = _cmp_args(args)
    return a <= b


@_fn("greater")
def _greater(ctx: FunctionContext, args: list[Any]) -> Any:
    a, b = _cmp_args(args)
    return a > b


@_fn("greaterOrEquals")
def _greater_eq(ctx: FunctionContext, args: list[Any]) -> Any:
    a, b = _cmp_args(args)
    return a >= b


# --- numbers


def _two_ints(args: list[Any]) -> tuple[int, int]:
    _argc(args, 2, 2)
    return _int(args[0]), _int(args[1])


@_fn("add")
def _add(ctx: FunctionContext, args: list[Any]) -> Any:
    a, b = _two_ints(args)
    return a + b


@_fn("sub")
def _sub(ctx: FunctionContext, args: list[Any]) -> Any:
    a, b = _two_ints(args)
    return a - b


@_fn("mul")
def _mul(ctx: FunctionContext, args: list[Any]) -> Any:
    a, b = _two_ints(args)
    return a * b


@_fn("div")
def _div(ctx: FunctionContext, args: list[Any]) -> Any:
    a, b = _two_ints(args)
    _need(b != 0, "division by zero")
    q = abs(a) // abs(b)  # .NET integer division truncates toward zero
    return q if (a >= 0) == (b > 0) else -q


@_fn("mod")
def _mod(ctx: FunctionContext, args: list[Any]) -> Any:
    a, b = _two_ints(args)
    _need(b != 0, "division by zero")
    r = abs(a) % abs(b)  # .NET remainder takes the dividend's sign
    return r if a >= 0 else -r


def _numbers(args: list[Any]) -> list[Any]:
    _argc(args, 1)
    vals = args[0] if len(args) == 1 and isinstance(args[0], list) else args
    u = first_unknown(vals)
    if u is not None:
        raise _UnknownResult(u)
    _need(len(vals) > 0 and all(_is_num(v) for v in vals), "expects integers")
    return vals


class _UnknownResult(Exception):
    def __init__(self, unknown: Unknown) -> None:
        self.unknown = unknown


@_fn("min")
def _min(ctx: FunctionContext, args: list[Any]) -> Any:
    return min(_numbers(args))


@_fn("max")
def _max(ctx: FunctionContext, args: list[Any]) -> Any:
    return max(_numbers(args))


@_fn("range")
def _range(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 2, 2)
    start, count = _int(args[0]), _int(args[1])
    _need(0 <= count <= 10000, "count out of range")
    return list(range(start, start + count))


@_fn("indexOf")
def _index_of(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 2, 2)
    a, b = args
    if isinstance(a, list):
        for i, v in enumerate(a):
            if deep_equal(v, b) is True:
                return i
        return -1
    return _str(a).lower().find(_str(b).lower())


@_fn("lastIndexOf")
def _last_index_of(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 2, 2)
    a, b = args
    if isinstance(a, list):
        for i in range(len(a) - 1, -1, -1):
            if deep_equal(a[i], b) is True:
                return i
        return -1
    return _str(a).lower().rfind(_str(b).lower())


@_fn("startsWith")
def _starts_with(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 2, 2)
    return _str(args[0]).lower().startswith(_str(args[1]).lower())


@_fn("endsWith")
def _ends_with(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 2, 2)
    return _str(args[0]).lower().endswith(_str(args[1]).lower())


@_fn("padLeft")
def _pad_left(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 2, 3)
    s = to_string(args[0])
    if isinstance(s, Unknown):
        return s
    pad = _str(args[2]) if len(args) > 2 else " "
    _need(len(pad) == 1, "padding character must be one character")
    return s.rjust(_int(args[1]), pad)


@_fn("base64")
def _base64(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 1, 1)
    return _b64.b64encode(_str(args[0]).encode("utf-8")).decode("ascii")


@_fn("base64ToString")
def _base64_to_string(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 1, 1)
    return _b64.b64decode(_str(args[0])).decode("utf-8")


@_fn("base64ToJson")
def _base64_to_json(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 1, 1)
    return _json.loads(_b64.b64decode(_str(args[0])).decode("utf-8"))


@_fn("dataUri")
def _data_uri(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 1, 1)
    s = to_string(args[0])
    if isinstance(s, Unknown):
        return s
    return "data:text/plain;charset=utf8;base64," + _b64.b64encode(s.encode("utf-8")).decode("ascii")


@_fn("dataUriToString")
def _data_uri_to_string(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 1, 1)
    s = _str(args[0])
    head, _, data = s.partition(",")
    if head.endswith(";base64"):
        return _b64.b64decode(data).decode("utf-8")
    return urllib.parse.unquote(data)


@_fn("uri")
def _uri(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 2, 2)
    return urllib.parse.urljoin(_str(args[0]), _str(args[1]))


@_fn("uriComponent")
def _uri_component(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 1, 1)
    return urllib.parse.quote(_str(args[0]), safe="")


@_fn("uriComponentToString")
def _uri_component_to_string(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 1, 1)
    return urllib.parse.unquote(_str(args[0]))


def _hash_parts(args: list[Any]) -> list[str]:
    _argc(args, 1)
    return [_str(a) for a in args]


@_fn("uniqueString")
def _unique_string(ctx: FunctionContext, args: list[Any]) -> Any:
    return unique_string(*_hash_parts(args))


@_fn("guid")
def _guid(ctx: FunctionContext, args: list[Any]) -> Any:
    return str(_uuid.uuid5(_GUID_NAMESPACE, "-".join(_hash_parts(args))))


@_fn("newGuid", raw=True)
def _new_guid(ctx: FunctionContext, args: list[Any]) -> Any:
    return Unknown("newGuid()")


@_fn("utcNow", raw=True)
def _utc_now(ctx: FunctionContext, args: list[Any]) -> Any:
    return Unknown("utcNow()")


@_fn("dateTimeAdd", "dateTimeFromEpoch", "dateTimeToEpoch", raw=True)
def _date_time(ctx: FunctionContext, args: list[Any]) -> Any:
    u = first_unknown(args)
    return u if u is not None else Unknown("date-time arithmetic is not evaluated")


# --- resources and deployment


def _split_resource_id_args(args: list[Any], max_prefix: int) -> tuple[list[Any], str, list[Any]] | Unknown:
    """(prefix args such as subscription/resource group, type, names) of a resourceId call."""
    for i, a in enumerate(args[: max_prefix + 1]):
        if isinstance(a, Unknown):
            continue
        if isinstance(a, str) and "/" in a and "." in a.split("/", 1)[0]:
            prefix, names = args[:i], args[i + 1 :]
            return prefix, a, names
    u = first_unknown(args[: max_prefix + 1])
    if u is not None:
        return u
    raise ArmFunctionError("no resource type argument")


def _resource_id_common(ctx: FunctionContext, args: list[Any], scope: str, max_prefix: int) -> Any:
    parsed = _split_resource_id_args(args, max_prefix)
    if isinstance(parsed, Unknown):
        return parsed
    prefix, arm_type, names = parsed
    u = first_unknown(names)
    if u is not None:
        return u
    names = [_str(n, "resource name") for n in names]
    result = ctx.resource_id(arm_type, names, scope=scope)
    # An explicit subscription / resource group fills the placeholders of an ARM id.
    if isinstance(result, str) and result.startswith("/subscriptions/"):
        if scope == "resourceGroup" and len(prefix) >= 1 and isinstance(prefix[-1], str):
            result = result.replace(_PLACEHOLDER_RG, prefix[-1], 1)
            if len(prefix) >= 2 and isinstance(prefix[0], str):
                result = result.replace(_PLACEHOLDER_SUB, prefix[0], 1)
        elif scope == "subscription" and len(prefix) >= 1 and isinstance(prefix[0], str):
            result = result.replace(_PLACEHOLDER_SUB, prefix[0], 1)
    return result


@_fn("resourceId", raw=True)
def _resource_id(ctx: FunctionContext, args: list[Any]) -> Any:
    return _resource_id_common(ctx, args, "resourceGroup", 2)


@_fn("subscriptionResourceId", raw=True)
def _subscription_resource_id(ctx: FunctionContext, args: list[Any]) -> Any:
    return _resource_id_common(ctx, args, "subscription", 1)


@_fn("tenantResourceId", raw=True)
def _tenant_resource_id(ctx: FunctionContext, args: list[Any]) -> Any:
    return _resource_id_common(ctx, args, "tenant", 0)


@_fn("managementGroupResourceId", raw=True)
def _mg_resource_id(ctx: FunctionContext, args: list[Any]) -> Any:
    return _resource_id_common(ctx, args, "managementGroup", 1)


@_fn("extensionResourceId")
def _extension_resource_id(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 3)
    base = _str(args[0], "resource id")
    names = [_str(n, "resource name") for n in args[2:]]
    return ctx.resource_id(_str(args[1], "resource type"), names, scope="extension:" + base)


@_fn("resourceGroup", raw=True)
def _resource_group(ctx: FunctionContext, args: list[Any]) -> Any:
    return {
        "id": Unknown("resourceGroup().id"),
        "name": Unknown("resourceGroup().name"),
        "type": "Microsoft.Resources/resourceGroups",
        "location": Unknown("resourceGroup().location"),
        "managedBy": Unknown("resourceGroup().managedBy"),
        "tags": Unknown("resourceGroup().tags"),
        "properties": {"provisioningState": "Succeeded"},
    }


@_fn("subscription", raw=True)
def _subscription(ctx: FunctionContext, args: list[Any]) -> Any:
    return {
        "id": Unknown("subscription().id"),
        "subscriptionId": Unknown("subscription().subscriptionId"),
        "tenantId": Unknown("subscription().tenantId"),
        "displayName": Unknown("subscription().displayName"),
    }


@_fn("tenant", raw=True)
def _tenant(ctx: FunctionContext, args: list[Any]) -> Any:
    return {
        "countryCode": Unknown("tenant().countryCode"),
        "displayName": Unknown("tenant().displayName"),
        "id": Unknown("tenant().id"),
        "tenantId": Unknown("tenant().tenantId"),
    }


@_fn("managementGroup", raw=True)
def _management_group(ctx: FunctionContext, args: list[Any]) -> Any:
    return {
        "id": Unknown("managementGroup().id"),
        "name": Unknown("managementGroup().name"),
        "type": "Microsoft.Management/managementGroups",
        "properties": Unknown("managementGroup().properties"),
    }


@_fn("deployment", raw=True)
def _deployment(ctx: FunctionContext, args: list[Any]) -> Any:
    return {
        "name": Unknown("deployment().name"),
        "location": Unknown("deployment().location"),
        "properties": {
            "templateLink": Unknown("deployment().properties.templateLink"),
            "template": Unknown("deployment().properties.template"),
            "parameters": Unknown("deployment().properties.parameters"),
            "mode": Unknown("deployment().properties.mode"),
        },
    }


_ENVIRONMENT = {
    "name": "AzureCloud",
    "gallery": "https://gallery.azure.com/",
    "graph": "https://graph.windows.net/",
    "portal": "https://portal.azure.com",
    "graphAudience": "https://graph.windows.net/",
    "activeDirectoryDataLake": "https://datalake.azure.net/",
    "batch": "https://batch.core.windows.net/",
    "media": "https://rest.media.azure.net",
    "sqlManagement": "https://management.core.windows.net:8443/",
    "vmImageAliasDoc": "https://raw.githubusercontent.com/Azure/azure-rest-api-specs/master/arm-compute/quickstart-templates/aliases.json",
    "resourceManager": "https://management.azure.com/",
    "authentication": {
        "loginEndpoint": "https://login.microsoftonline.com/",
        "audiences": ["https://management.core.windows.net/", "https://management.azure.com/"],
        "tenant": "common",
        "identityProvider": "AAD",
    },
    "suffixes": {
        "acrLoginServer": ".azurecr.io",
        "azureDatalakeAnalyticsCatalogAndJob": "azuredatalakeanalytics.net",
        "azureDatalakeStoreFileSystem": "azuredatalakestore.net",
        "azureFrontDoorEndpointSuffix": "azurefd.net",
        "keyvaultDns": ".vault.azure.net",
        "sqlServerHostname": ".database.windows.net",
        "storage": "core.windows.net",
    },
}


@_fn("environment", raw=True)
def _environment(ctx: FunctionContext, args: list[Any]) -> Any:
    return _json.loads(_json.dumps(_ENVIRONMENT))  # a fresh copy each time


@_fn("parameters")
def _parameters(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 1, 1)
    return ctx.parameter(_str(args[0], "parameter name"))


@_fn("variables")
def _variables(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 1, 1)
    return ctx.variable(_str(args[0], "variable name"))


@_fn("reference", raw=True)
def _reference(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 1, 3)
    target = args[0]
    if isinstance(target, Unknown):
        return target
    full = len(args) > 2 and isinstance(args[2], str) and args[2].lower() == "full"
    return ctx.reference(target, full)


def _list_target(args: list[Any]) -> str:
    if args and isinstance(args[0], str):
        return args[0]
    if args and isinstance(args[0], Unknown):
        return args[0].reason
    return "a resource"


@_fn("listKeys", "listKey", "listSecrets", "listAccountSas", "listServiceSas", "listCredentials", raw=True)
def _list_keys(ctx: FunctionContext, args: list[Any]) -> Any:
    return Unknown(f"key of {_list_target(args)}")


@_fn("pickZones", "providers", raw=True)
def _runtime_lookup(ctx: FunctionContext, args: list[Any]) -> Any:
    return Unknown("runtime lookup")


# --- objects


@_fn("items")
def _items(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 1, 1)
    obj = args[0]
    _need(isinstance(obj, dict), "items expects an object")
    return [{"key": k, "value": obj[k]} for k in sorted(obj, key=str.lower)]


@_fn("objectKeys")
def _object_keys(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 1, 1)
    _need(isinstance(args[0], dict), "objectKeys expects an object")
    return list(args[0])


@_fn("tryGet", raw=True)
def _try_get(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 2)
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
        elif isinstance(cur, list) and _is_num(key):
            n = int(key)
            cur = cur[n] if 0 <= n < len(cur) else None
        else:
            return None
    return cur


@_fn("null", raw=True)
def _null(ctx: FunctionContext, args: list[Any]) -> Any:
    return None


@_fn("true", raw=True)
def _true(ctx: FunctionContext, args: list[Any]) -> Any:
    return True


@_fn("false", raw=True)
def _false(ctx: FunctionContext, args: list[Any]) -> Any:
    return False


@_fn("flatten")
def _flatten(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 1, 1)
    _need(isinstance(args[0], list), "flatten expects an array of arrays")
    out: list = []
    for v in args[0]:
        if isinstance(v, Unknown):
            return v
        _need(isinstance(v, list), "flatten expects an array of arrays")
        out.extend(v)
    return out


@_fn("shallowMerge")
def _shallow_merge(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 1, 1)
    _need(isinstance(args[0], list), "shallowMerge expects an array of objects")
    out: dict = {}
    for v in args[0]:
        if isinstance(v, Unknown):
            return v
        _need(isinstance(v, dict), "shallowMerge expects an array of objects")
        out.update(v)
    return out


# --- lambdas (callables supplied by the caller's evaluator)


def _lam(v: Any) -> Callable[..., Any]:
    if isinstance(v, Unknown):
        raise _UnknownResult(v)
    _need(callable(v), "expects a lambda")
    return v


def _arr(v: Any) -> list:
    _need(isinstance(v, list), f"expects an array, got {type(v).__name__}")
    return v


@_fn("filter")
def _filter(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 2, 2)
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


@_fn("map")
def _map(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 2, 2)
    arr, f = _arr(args[0]), _lam(args[1])
    return [_call_lambda(f, v, i) for i, v in enumerate(arr)]


@_fn("reduce")
def _reduce(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 3, 3)
    arr, acc, f = _arr(args[0]), args[1], _lam(args[2])
    for i, v in enumerate(arr):
        acc = _call_lambda(f, acc, v, i)
        if isinstance(acc, Unknown):
            return acc
    return acc


@_fn("sort")
def _sort(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 2, 2)
    arr, f = list(_arr(args[0])), _lam(args[1])
    import functools

    def cmp(a: Any, b: Any) -> int:
        r = f(a, b)
        if isinstance(r, Unknown):
            raise _UnknownResult(r)
        if r is True:
            return -1
        r2 = f(b, a)
        if isinstance(r2, Unknown):
            raise _UnknownResult(r2)
        return 1 if r2 is True else 0

    return sorted(arr, key=functools.cmp_to_key(cmp))


@_fn("toObject")
def _to_object(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 2, 3)
    arr, kf = _arr(args[0]), _lam(args[1])
    vf = _lam(args[2]) if len(args) > 2 else (lambda v: v)
    out = {}
    for v in arr:
        k = kf(v)
        if isinstance(k, Unknown):
            return k
        out[_str(k, "key")] = vf(v)
    return out


@_fn("groupBy")
def _group_by(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 2, 2)
    arr, kf = _arr(args[0]), _lam(args[1])
    out: dict = {}
    for v in arr:
        k = kf(v)
        if isinstance(k, Unknown):
            return k
        out.setdefault(_str(k, "key"), []).append(v)
    return out


@_fn("mapValues")
def _map_values(ctx: FunctionContext, args: list[Any]) -> Any:
    _argc(args, 2, 2)
    obj, f = args[0], _lam(args[1])
    _need(isinstance(obj, dict), "mapValues expects an object")
    return {k: f(v) for k, v in obj.items()}


# ------------------------------------------------------------------ dispatch


def call(ctx: FunctionContext, name: str, args: list[Any]) -> Any:
    """Call ARM function `name` (case-insensitive; a `sys.` prefix is ignored).

    Unknown functions give `Unknown("function <name>")`; `list*` functions not
    listed give `Unknown("key of <target>")`; bad arguments give
    `Unknown("<name>(): <why>")`. Never raises for template input.
    """
    key = name.lower()
    if key.startswith("sys."):
        key = key[4:]
    f = FUNCTIONS.get(key)
    if f is None:
        if key.startswith("list"):
            return Unknown(f"key of {_list_target(args)}")
        return Unknown(f"function {name}")
    try:
        return f(ctx, args)
    except _UnknownResult as exc:
        return exc.unknown
    except (ArmFunctionError, TypeError, ValueError, IndexError, KeyError, AttributeError, ZeroDivisionError,
            OverflowError, RecursionError) as exc:
        return Unknown(f"{name}(): {exc}")
