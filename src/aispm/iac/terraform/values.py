"""Values of the Terraform evaluator: conversions and equality as Terraform defines them.

Values are plain Python (str, int, float, bool, None, list, dict) or `aispm.model.Unknown`.
This module holds what both the expression evaluator and the function library need: the
error an expression raises when it is definitely wrong (`EvalError`, what `try()` and
`can()` catch), Terraform's automatic conversions (`"1"` is a number, `"true"` a bool), its
strict equality (`1 == "1"` is false), and how a `for_each` / `for` collection iterates.
Nothing here evaluates an expression.
"""

from __future__ import annotations

from typing import Any

from aispm.model import Unknown

U = Unknown


class EvalError(Exception):
    """A definite evaluation error (what `try()` / `can()` catch)."""


def _num(x: Any) -> Any:
    if isinstance(x, float) and x.is_integer() and abs(x) < 2**53:
        return int(x)
    return x


def _num_eq(a: Any, b: Any) -> bool:
    try:
        return to_number(a) == to_number(b)
    except EvalError:
        return False


def _equal(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b if isinstance(a, bool) and isinstance(b, bool) else False
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    return type(a) is type(b) and a == b


def _has_unknown(v: Any) -> bool:
    if isinstance(v, Unknown):
        return True
    if isinstance(v, list):
        return any(_has_unknown(x) for x in v)
    if isinstance(v, dict):
        return any(_has_unknown(x) for x in v.values())
    return False


def has_unknown(v: Any) -> bool:
    return _has_unknown(v)


def first_unknown(v: Any) -> Unknown | None:
    if isinstance(v, Unknown):
        return v
    if isinstance(v, list):
        for x in v:
            u = first_unknown(x)
            if u is not None:
                return u
    elif isinstance(v, dict):
        for x in v.values():
            u = first_unknown(x)
            if u is not None:
                return u
    return None


def to_number(v: Any) -> Any:
    if isinstance(v, bool):
        raise EvalError("a bool is not a number")
    if isinstance(v, (int, float)):
        return v
    if isinstance(v, str):
        try:
            return int(v)
        except ValueError:
            try:
                return float(v)
            except ValueError:
                raise EvalError(f"{v!r} is not a number") from None
    raise EvalError(f"{type(v).__name__} is not a number")


def to_bool(v: Any) -> bool:
    if isinstance(v, bool):
        return v
    if v == "true":
        return True
    if v == "false":
        return False
    raise EvalError(f"{v!r} is not a bool")


def to_string(v: Any) -> str:
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return str(_num(v))
    if v is None:
        raise EvalError("null is not a string")
    raise EvalError(f"{type(v).__name__} is not a string")


def for_each_items(v: Any, allow_list_index: bool = False) -> list[tuple[Any, Any]] | Unknown:
    """(key, value) pairs of a for_each / for expression collection."""
    if isinstance(v, Unknown):
        return v
    if isinstance(v, dict):
        if any(isinstance(x, Unknown) for x in v) :
            return U("unknown key")
        return list(v.items())
    if isinstance(v, list):
        if allow_list_index:
            return list(enumerate(v))
        out = []
        for x in v:
            if isinstance(x, Unknown):
                return U(f"for_each element: {x.reason}")
            if not isinstance(x, str):
                return U("for_each over a list of non-strings")
            out.append((x, x))
        return out
    if v is None:
        return []
    return U("for_each over a non-collection")
