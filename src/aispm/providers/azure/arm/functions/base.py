"""The contract every ARM function follows, and the table `call` dispatches on.

`FunctionContext` is what a function may ask the template it runs in (parameters,
variables, declared resources). `register` puts a function in `FUNCTIONS` under one or
more case-insensitive names and, unless it is `raw`, makes any top-level `Unknown`
argument the result without calling it. The argument checks (`argc`, `need`, `as_str`,
`as_int`) raise `ArmFunctionError`, which `call` turns into an `Unknown`; a function that
finds an `Unknown` deep inside its work raises `UnknownResult` to return it from there, and
one that would build a value over a budget raises `aispm.limits.BudgetExceeded` (checked
with the context's `budget.Budget`).
"""

from __future__ import annotations

from typing import Any, Callable, Protocol

from aispm.model import Unknown
from aispm.providers.azure.arm.functions.values import first_unknown


class FunctionContext(Protocol):
    #: What the evaluation may still spend (`budget.Budget`); a context without one gets the defaults.
    budget: Any

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


class UnknownResult(Exception):
    """An Unknown met deep inside a function (a lambda's result, an array item): `call` returns it."""

    def __init__(self, unknown: Unknown) -> None:
        self.unknown = unknown


FUNCTIONS: dict[str, Function] = {}


def register(*names: str, raw: bool = False) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
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


def need(cond: bool, message: str) -> None:
    if not cond:
        raise ArmFunctionError(message)


def argc(args: list[Any], lo: int, hi: int | None = None) -> None:
    n = len(args)
    if n < lo or (hi is not None and n > hi):
        want = f"{lo}" if hi == lo else f"{lo}..{hi if hi is not None else 'n'}"
        raise ArmFunctionError(f"expects {want} arguments, got {n}")


def as_str(v: Any, what: str = "argument") -> str:
    need(isinstance(v, str), f"{what} must be a string, got {type(v).__name__}")
    return v


def as_int(v: Any, what: str = "argument") -> int:
    if isinstance(v, float) and v.is_integer():
        return int(v)
    need(isinstance(v, int) and not isinstance(v, bool), f"{what} must be an integer, got {type(v).__name__}")
    return v
