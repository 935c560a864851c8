"""What ARM functions do to values, shared with the Bicep evaluator.

`to_string` (ARM's `string()`), `deep_equal` (JSON equality, bool is not a number),
`member` / `index` (case-insensitive property access, array and string index), and the
Unknown probes `first_unknown` / `contains_unknown`. Pure functions of their arguments:
no template, no context. None of them raises; a value they cannot decide is an `Unknown`.
A value may share a list or object many times (a variable used twice, doubled twenty
times): `contains_unknown` and `deep_equal` visit each shared part once, so their cost is
the size of the values as stored, not as printed. `deep_equal` recurses as deep as the
values nest, which the evaluators bound (`Limits.depth`).
"""

from __future__ import annotations

import json as _json
import math
from typing import Any

from aispm.model import Unknown


def first_unknown(values: Any) -> Unknown | None:
    """The first top-level Unknown of a list of values, or None."""
    for v in values:
        if isinstance(v, Unknown):
            return v
    return None


def contains_unknown(value: Any) -> Unknown | None:
    """The first Unknown anywhere inside a value (deep, in order), or None."""
    if isinstance(value, Unknown):
        return value
    if not isinstance(value, (dict, list)):
        return None
    seen: set[int] = set()
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, Unknown):
            return v
        if isinstance(v, (dict, list)):
            if id(v) in seen:
                continue
            seen.add(id(v))
            items = list(v.values()) if isinstance(v, dict) else v
            stack.extend(reversed(items))
    return None


def is_num(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def is_index(v: Any) -> bool:
    """A number that can index (not an infinity or NaN, which JSON content can hold)."""
    return is_num(v) and (not isinstance(v, float) or math.isfinite(v))


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
    return _deep_equal(a, b, None)


def _deep_equal(a: Any, b: Any, seen: set[tuple[int, int]] | None) -> bool | Unknown:
    # `seen`: the pairs of lists or objects already compared in this call. A pair met again
    # (a shared part) adds nothing: its False would already have ended the comparison and its
    # Unknown is already pending.
    if isinstance(a, Unknown):
        return a
    if isinstance(b, Unknown):
        return b
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if is_num(a) and is_num(b):
        return a == b
    if isinstance(a, str) and isinstance(b, str):
        return a == b
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return False
        if seen is None:
            seen = set()
        elif (id(a), id(b)) in seen:
            return True
        seen.add((id(a), id(b)))
        pending: Unknown | None = None
        for x, y in zip(a, b):
            r = _deep_equal(x, y, seen)
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
        if seen is None:
            seen = set()
        elif (id(a), id(b)) in seen:
            return True
        seen.add((id(a), id(b)))
        pending = None
        for k, v in la.items():
            r = _deep_equal(v, lb[k], seen)
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
    if isinstance(value, (list, str)) and is_index(i):
        n = int(i)
        if 0 <= n < len(value):
            return value[n]
        return Unknown(f"index {n} out of range")
    return Unknown(f"index {i!r} of a {type(value).__name__}")
