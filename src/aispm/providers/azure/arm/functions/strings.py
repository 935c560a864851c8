"""ARM string functions: building, searching and cutting strings, encodings, hashes, dates.

`concat` (also of arrays), `format` (.NET composite formatting: `{0,-8:D3}`), case and
trim, `split` / `join` / `replace` / `substring`, case-insensitive `indexOf` /
`startsWith` / `endsWith`, `padLeft`, base64 / data URI / URI encodings, `uniqueString`
and `guid` (deterministic), and the run-time values `newGuid()` / `utcNow()` /
date arithmetic, which are Unknown. What a function would build is checked against the
budgets before it is built: `format` widths and precisions, the `padLeft` width, the length
of what `concat`, `join` and `replace` return (`string_length`), `concat` of arrays
(`collection_size`).
"""

from __future__ import annotations

import base64 as _b64
import json as _json
import re
import urllib.parse
import uuid as _uuid
from typing import Any

from aispm.model import Unknown
from aispm.providers.azure.arm.functions.base import FunctionContext, argc, as_int, as_str, need, register
from aispm.providers.azure.arm.functions.budget import Budget, budget_of, shown_within
from aispm.providers.azure.arm.functions.hashing import unique_string
from aispm.providers.azure.arm.functions.values import contains_unknown, deep_equal, first_unknown, is_num, to_string


_GUID_NAMESPACE = _uuid.UUID("11fb06fb-712d-4ddd-98c7-e71bbd588830")


@register("concat", raw=True)
def _concat(ctx: FunctionContext, args: list[Any]) -> Any:
    budget = budget_of(ctx)
    if args and all(isinstance(a, list) or a is None for a in args if not isinstance(a, Unknown)) and any(
        isinstance(a, list) for a in args
    ):
        u = first_unknown(args)
        if u is not None:
            return u
        budget.collection(sum(len(a) for a in args if a is not None), "concat()")
        out: list[Any] = []
        for a in args:
            if a is not None:
                out.extend(a)
        return out
    u = first_unknown(args)
    if u is not None:
        if all(isinstance(a, (str, Unknown)) for a in args):  # a string: keep what a reader can know
            return Unknown(u.reason, shown_within(budget, args))
        return u
    parts = []
    unknown = None
    total = 0
    for a in args:
        s = to_str(budget, a)
        if type(s) is str:
            total += len(s)
            budget.string(total, "concat()")
        if isinstance(s, Unknown) and unknown is None:
            unknown = s
        parts.append(s)
    if unknown is not None:
        return Unknown(unknown.reason, shown_within(budget, parts))  # `cog-speech-…`: what a reader can know
    return "".join(parts)


_FORMAT_ITEM = re.compile(r"\{\{|\}\}|\{(\d+)\s*(?:,\s*(-?\d+))?\s*(?::([^{}]*))?\}")


def to_str(budget: Budget, v: Any) -> str | Unknown:
    """ARM's `string()` of `v`, an object or array measured first: its JSON must fit the budgets."""
    if type(v) is list or type(v) is dict:
        budget.measure(v, "string() of an object or array")
    return to_string(v)


def _format_value(budget: Budget, v: Any, spec: str | None) -> str | Unknown:
    if not spec:
        return to_str(budget, v)
    kind, digits = spec[0], spec[1:]
    if digits.isdigit():
        budget.string(int(digits) if len(digits) < 12 else budget.limits.string_length + 1,
                      f"format precision {digits[:12]}")
    prec = int(digits) if digits.isdigit() else None
    if is_num(v):
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
    return to_str(budget, v)


@register("format")
def _format(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 1)
    fmt = as_str(args[0], "format string")
    values = args[1:]
    budget = budget_of(ctx)
    out: list[str] = []
    total = 0
    pos = 0
    for m in _FORMAT_ITEM.finditer(fmt):
        out.append(fmt[pos : m.start()])
        total += m.start() - pos
        pos = m.end()
        tok = m.group(0)
        if tok == "{{":
            out.append("{")
            total += 1
            continue
        if tok == "}}":
            out.append("}")
            total += 1
            continue
        i = int(m.group(1)) if len(m.group(1)) < 12 else len(values)
        need(i < len(values), f"placeholder {{{m.group(1)[:12]}}} has no argument")
        v = values[i]
        u = contains_unknown(v)
        if u is not None:
            return u
        s = _format_value(budget, v, m.group(3))
        if isinstance(s, Unknown):
            return s
        if m.group(2):
            digits = m.group(2).lstrip("-")
            budget.string(int(digits) if len(digits) < 12 else budget.limits.string_length + 1,
                          f"format width {m.group(2)[:12]}")
            w = int(m.group(2))
            s = s.rjust(w) if w > 0 else s.ljust(-w)
        total += len(s)
        budget.string(total, "format()")
        out.append(s)
    out.append(fmt[pos:])
    return "".join(out)


@register("toLower")
def _tolower(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 1, 1)
    return as_str(args[0]).lower()


@register("toUpper")
def _toupper(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 1, 1)
    return as_str(args[0]).upper()


@register("trim")
def _trim(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 1, 1)
    return as_str(args[0]).strip()


@register("replace")
def _replace(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 3, 3)
    s, old, new = as_str(args[0]), as_str(args[1]), as_str(args[2])
    if len(new) > len(old):
        n = s.count(old)
        budget_of(ctx).string(len(s) + n * (len(new) - len(old)), "replace()")
    return s.replace(old, new)


@register("split")
def _split(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 2, 2)
    s = as_str(args[0])
    delims = args[1]
    if isinstance(delims, str):
        return s.split(delims) if delims else [s]
    need(isinstance(delims, list) and all(isinstance(d, str) for d in delims), "delimiter must be a string or array")
    ds = [d for d in delims if d]
    if not ds:
        return [s]
    return re.split("|".join(re.escape(d) for d in ds), s)


@register("join")
def _join(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 2, 2)
    arr = args[0]
    need(isinstance(arr, list), "join expects an array")
    gap = len(args[1]) if isinstance(args[1], str) else 0
    budget = budget_of(ctx)
    parts = []
    total = -gap
    for v in arr:
        s = to_str(budget, v)
        if isinstance(s, Unknown):
            return s
        total += len(s) + gap
        budget.string(total, "join()")
        parts.append(s)
    return as_str(args[1], "delimiter").join(parts)


@register("substring")
def _substring(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 1, 3)
    s = as_str(args[0])
    start = as_int(args[1]) if len(args) > 1 else 0
    need(0 <= start <= len(s), f"start index {start} out of range")
    if len(args) > 2:
        n = as_int(args[2])
        need(n >= 0 and start + n <= len(s), f"length {n} out of range")
        return s[start : start + n]
    return s[start:]


@register("indexOf")
def _index_of(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 2, 2)
    a, b = args
    if isinstance(a, list):
        for i, v in enumerate(a):
            if deep_equal(v, b) is True:
                return i
        return -1
    return as_str(a).lower().find(as_str(b).lower())


@register("lastIndexOf")
def _last_index_of(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 2, 2)
    a, b = args
    if isinstance(a, list):
        for i in range(len(a) - 1, -1, -1):
            if deep_equal(a[i], b) is True:
                return i
        return -1
    return as_str(a).lower().rfind(as_str(b).lower())


@register("startsWith")
def _starts_with(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 2, 2)
    return as_str(args[0]).lower().startswith(as_str(args[1]).lower())


@register("endsWith")
def _ends_with(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 2, 2)
    return as_str(args[0]).lower().endswith(as_str(args[1]).lower())


@register("padLeft")
def _pad_left(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 2, 3)
    s = to_str(budget_of(ctx), args[0])
    if isinstance(s, Unknown):
        return s
    pad = as_str(args[2]) if len(args) > 2 else " "
    need(len(pad) == 1, "padding character must be one character")
    width = as_int(args[1])
    budget_of(ctx).string(width, f"padLeft width {width}")
    return s.rjust(width, pad)


@register("base64")
def _base64(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 1, 1)
    return _b64.b64encode(as_str(args[0]).encode("utf-8")).decode("ascii")


@register("base64ToString")
def _base64_to_string(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 1, 1)
    return _b64.b64decode(as_str(args[0])).decode("utf-8")


@register("base64ToJson")
def _base64_to_json(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 1, 1)
    from aispm.providers.azure.arm.functions.scalars import json_value

    return json_value(ctx, _b64.b64decode(as_str(args[0])).decode("utf-8"))


@register("dataUri")
def _data_uri(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 1, 1)
    s = to_str(budget_of(ctx), args[0])
    if isinstance(s, Unknown):
        return s
    return "data:text/plain;charset=utf8;base64," + _b64.b64encode(s.encode("utf-8")).decode("ascii")


@register("dataUriToString")
def _data_uri_to_string(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 1, 1)
    s = as_str(args[0])
    head, _, data = s.partition(",")
    if head.endswith(";base64"):
        return _b64.b64decode(data).decode("utf-8")
    return urllib.parse.unquote(data)


@register("uri")
def _uri(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 2, 2)
    return urllib.parse.urljoin(as_str(args[0]), as_str(args[1]))


@register("uriComponent")
def _uri_component(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 1, 1)
    return urllib.parse.quote(as_str(args[0]), safe="")


@register("uriComponentToString")
def _uri_component_to_string(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 1, 1)
    return urllib.parse.unquote(as_str(args[0]))


def _hash_parts(args: list[Any]) -> list[str]:
    argc(args, 1)
    return [as_str(a) for a in args]


@register("uniqueString")
def _unique_string(ctx: FunctionContext, args: list[Any]) -> Any:
    return unique_string(*_hash_parts(args))


@register("guid")
def _guid(ctx: FunctionContext, args: list[Any]) -> Any:
    return str(_uuid.uuid5(_GUID_NAMESPACE, "-".join(_hash_parts(args))))


@register("newGuid", raw=True)
def _new_guid(ctx: FunctionContext, args: list[Any]) -> Any:
    return Unknown("newGuid()")


@register("utcNow", raw=True)
def _utc_now(ctx: FunctionContext, args: list[Any]) -> Any:
    return Unknown("utcNow()")


@register("dateTimeAdd", "dateTimeFromEpoch", "dateTimeToEpoch", raw=True)
def _date_time(ctx: FunctionContext, args: list[Any]) -> Any:
    u = first_unknown(args)
    return u if u is not None else Unknown("date-time arithmetic is not evaluated")
