"""Bicep's binary operators on evaluated operands (all but the short-circuit `&&`, `||`, `??`).

`==` / `!=` are JSON deep equality (Unknown when an Unknown decides), `=~` / `!~` compare
strings case-insensitively, `<` `<=` `>` `>=` order two numbers or two strings, and
`+ - * / %` are integer arithmetic as .NET does it (`/` and `%` truncate toward zero) or
float arithmetic. A resource operand is compared by its uid. Any other operand, or a
division by zero, gives an `Unknown` that says why. Integers are Python's, unbounded: a
chain of `*` grows them without limit (see the hostile-input notes).
"""

from __future__ import annotations

from typing import Any

from aispm.model import Unknown
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
    if op == "+":
        return left + right
    if op == "-":
        return left - right
    if op == "*":
        return left * right
    if right == 0:
        return Unknown(f"{op} by zero")
    both_int = isinstance(left, int) and isinstance(right, int)
    if op == "/":
        return int(left / right) if both_int else left / right
    if op == "%":
        return int(left - right * int(left / right)) if both_int else left % right
    return Unknown(f"operator {op}")
