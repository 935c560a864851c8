"""Bicep's binary operators on evaluated operands (all but the short-circuit `&&`, `||`, `??`).

`==` / `!=` are JSON deep equality (Unknown when an Unknown decides), `=~` / `!~` compare
strings case-insensitively, `<` `<=` `>` `>=` order two numbers or two strings, and
`+ - * / %` are integer arithmetic as .NET does it (`/` and `%` truncate toward zero) or
float arithmetic. A resource operand is compared by its uid. Any other operand, or a
division by zero, gives an `Unknown` that says why. Integers are ARM's 64-bit ones: a result
outside that range raises `IntegerOverflow` (an error in Azure; the evaluator makes it an
`Unknown` and a warning), and `/` and `%` divide integers exactly, never through a float.
"""

from __future__ import annotations

from typing import Any

from aispm.model import Unknown
from aispm.providers.azure.arm.functions.budget import Budget
from aispm.providers.azure.arm.functions.values import deep_equal
from aispm.providers.azure.bicep.instances import ResourceInstance, is_num


def apply_binary(op: str, left: Any, right: Any) -> Any:
    """`left op right` for an operator that needs both operands."""
    if isinstance(left, ResourceInstance):
        left = left.uid
    if isinstance(right, ResourceInstance):
        right = right.uid
    if op == "==" or op == "!=":
        r = deep_equal(left, right)
        if isinstance(r, Unknown):
            return r
        return r if op == "==" else not r
    if isinstance(left, Unknown):
        return left
    if isinstance(right, Unknown):
        return right
    if op == "=~" or op == "!~":
        if isinstance(left, str) and isinstance(right, str):
            eq = left.lower() == right.lower()
            return eq if op == "=~" else not eq
        return Unknown(f"{op} of non-strings")
    if op in ("<", "<=", ">", ">="):
        return _compare(op, left, right)
    return _arithmetic(op, left, right)


def _compare(op: str, left: Any, right: Any) -> Any:
    if (is_num(left) and is_num(right)) or (isinstance(left, str) and isinstance(right, str)):
        if op == "<":
            return left < right
        if op == "<=":
            return left <= right
        if op == ">":
            return left > right
        return left >= right
    return Unknown(f"{op} of incomparable values")


def _arithmetic(op: str, left: Any, right: Any) -> Any:
    if not (is_num(left) and is_num(right)):
        return Unknown(f"{op} of non-numbers")
    try:
        return _numbers(op, left, right)
    except OverflowError:  # an integer too large for a float (from JSON content)
        return Unknown(f"{op}: a number too large")


def _numbers(op: str, left: Any, right: Any) -> Any:
    both_int = type(left) is int and type(right) is int
    if op == "+":
        return Budget.integer(left + right, "+") if both_int else left + right
    if op == "-":
        return Budget.integer(left - right, "-") if both_int else left - right
    if op == "*":
        return Budget.integer(left * right, "*") if both_int else _float(left * right)
    if right == 0:
        return Unknown(f"{op} by zero")
    if op == "/":
        if both_int:  # truncated toward zero, as .NET does
            q = abs(left) // abs(right)
            return Budget.integer(q if (left >= 0) == (right > 0) else -q, "/")
        return _float(left / right)
    if op == "%":
        if both_int:  # the dividend's sign, as .NET does
            r = abs(left) % abs(right)
            return r if left >= 0 else -r
        return _float(left % right)
    return Unknown(f"operator {op}")


def _float(v: Any) -> Any:
    """A float result, or an Unknown for one that is not a number (an infinity, NaN)."""
    if isinstance(v, float) and (v != v or v in (float("inf"), float("-inf"))):
        return Unknown("arithmetic beyond the range of numbers")
    return v
