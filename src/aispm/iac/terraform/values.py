"""Values of the Terraform evaluator: conversions and equality as Terraform defines them.

Values are plain Python (str, int, float, bool, None, list, dict) or `aispm.model.Unknown`.
This module holds what both the expression evaluator and the function library need: the
error an expression raises when it is definitely wrong (`EvalError`, what `try()` and
`can()` catch), Terraform's automatic conversions (`"1"` is a number, `"true"` a bool), its
strict equality (`1 == "1"` is false), how a `for_each` / `for` collection iterates, and how
a variable's value is converted to its declared `type` (`optional(T, default)` filled in).
Nothing here evaluates an expression (a type's defaults are evaluated by a callback).
"""

from __future__ import annotations

from typing import Any, Callable

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


def convert_to_type(value: Any, type_ir: Any, const: Callable[[Any], Any]) -> Any:
    """`value` converted to a variable's declared `type` (its expression IR), as Terraform does
    before a module sees it: primitives converted (`"150"` → 150 for `number`), collections
    element by element, objects reduced to their declared attributes with each absent or null
    `optional(T, default)` attribute filled with its default (`const` evaluates that constant
    expression), recursively. Without this, a module written for `optional(bool, true)` reads
    an attribute its caller left out as null, and every fact that follows from it is wrong.
    A value that does not fit the type is returned as it is (Terraform would refuse the plan;
    a scan keeps what was written); Unknowns stay Unknown."""
    if value is None or isinstance(value, Unknown) or not isinstance(type_ir, tuple) or not type_ir:
        return value
    tag = type_ir[0]
    if tag == "ref" and not type_ir[2]:
        conv = _PRIMITIVES.get(type_ir[1])
        if conv is None:
            return value
        try:
            return conv(value)
        except EvalError:
            return value
    if tag != "call" or len(type_ir[2]) < 1:
        return value
    name, arg = type_ir[1], type_ir[2][0]
    if name in ("list", "set") and isinstance(value, list):
        return [convert_to_type(x, arg, const) for x in value]
    if name == "map" and isinstance(value, dict):
        return {k: convert_to_type(x, arg, const) for k, x in value.items()}
    if name == "tuple" and isinstance(value, list) and arg[0] == "tuple" and len(arg[1]) == len(value):
        return [convert_to_type(x, t, const) for x, t in zip(value, arg[1])]
    if name == "object" and isinstance(value, dict) and arg[0] == "obj":
        return _convert_object(value, arg[1], const)
    return value


def _convert_object(value: dict, attrs: list, const: Callable[[Any], Any]) -> dict:
    """An object value with the attributes its type declares (Terraform drops the others)."""
    out: dict[str, Any] = {}
    for key_ir, attr_ir in attrs:
        key = _type_key(key_ir)
        if key is None:  # a key we cannot read: keep the value as written
            return value
        attr_type, default_ir = attr_ir, None
        if attr_ir[0] == "call" and attr_ir[1] == "optional" and attr_ir[2]:
            attr_type = attr_ir[2][0]
            default_ir = attr_ir[2][1] if len(attr_ir[2]) > 1 else None
        v = value.get(key)
        if v is None and default_ir is not None:
            v = const(default_ir)
        out[key] = convert_to_type(v, attr_type, const)
    return out


def _type_key(key_ir: Any) -> str | None:
    """The attribute name of an `object({...})` type member: `a = ...` or `"a" = ...`."""
    if key_ir[0] == "lit" and isinstance(key_ir[1], str):
        return key_ir[1]
    if key_ir[0] == "tmpl" and len(key_ir[1]) == 1 and isinstance(key_ir[1][0], str):
        return key_ir[1][0]
    if key_ir[0] == "ref" and not key_ir[2]:
        return key_ir[1]
    return None


_PRIMITIVES: dict[str, Callable[[Any], Any]] = {"string": to_string, "number": to_number, "bool": to_bool}
