"""What one ARM or Bicep evaluation may spend (`aispm.limits`), and the budgets it hit.

A `Budget` is shared by everything one scanned file evaluates (its nested and linked
templates, its modules and imports): the evaluation steps left (`steps_per_file`: a
function call, an operator, a loop iteration, a user-defined function call), the checks a
function makes before it builds a value (`string`, `collection`, `integer`), and `measure`,
which bounds the size, depth and characters of a value that is kept (a variable, a
parameter, a copy loop, a resource property). A check that fails raises `BudgetExceeded`;
the evaluator catches it where a value is computed, turns that value into the `Unknown`
that `hit` returns (its reason names the budget) and goes on, so what was already
evaluated is kept. `hits` remembers the first hit of each budget per file and line, which
the source reports as warnings (`SourceResult.budget`).

Integers are ARM's: 64-bit. A result outside that range is an error in Azure, so here an
`IntegerOverflow` (reported like a budget, with its own reason) and an `Unknown` value.
"""

from __future__ import annotations

import contextlib
import sys
from typing import Any, Iterator

from aispm.limits import DEFAULT, BudgetExceeded, Limits
from aispm.model import Unknown, joined_shown

INT_MIN = -(2**63)
INT_MAX = 2**63 - 1


class IntegerOverflow(BudgetExceeded):
    """A result outside ARM's 64-bit integers (an error in Azure)."""

    def __init__(self, what: str) -> None:
        super().__init__("integer_range", INT_MAX, what)

    def reason(self) -> str:
        return f"integer overflow: {self.what} is outside ARM's 64-bit integers"


class Budget:
    """The budgets of one scanned file's evaluation (see the module docstring)."""

    __slots__ = ("limits", "steps", "hits", "rel", "line", "memo")

    def __init__(self, limits: Limits = DEFAULT, rel: str = "") -> None:
        self.limits = limits
        self.steps = limits.steps_per_file  # steps left
        #: First hit per (file, budget): (file, line, exception).
        self.hits: dict[tuple[str, str], tuple[str, int | None, BudgetExceeded]] = {}
        self.rel = rel  # the file being evaluated (a module's or linked template's own file)
        self.line: int | None = None  # the line of the declaration being evaluated
        #: id → (value, elements, characters, depth) of measured values that stay alive (caches).
        self.memo: dict[int, tuple[Any, int, int, int]] = {}

    # ---- spending

    def step(self, n: int = 1) -> None:
        """Spend `n` evaluation steps; once none are left, every further step raises."""
        self.steps -= n
        if self.steps < 0:
            raise BudgetExceeded("steps_per_file", self.limits.steps_per_file)

    def string(self, n: int, what: str) -> None:
        """A string of `n` characters is about to be built."""
        if n > self.limits.string_length:
            raise BudgetExceeded("string_length", self.limits.string_length, what)

    def collection(self, n: int, what: str) -> None:
        """A list or object of `n` elements is about to be built."""
        if n > self.limits.collection_size:
            raise BudgetExceeded("collection_size", self.limits.collection_size, what)

    def depth(self, n: int, what: str) -> None:
        if n > self.limits.depth:
            raise BudgetExceeded("depth", self.limits.depth, what)

    @staticmethod
    def integer(v: int, what: str) -> int:
        """`v` if it is a 64-bit integer (ARM's), else `IntegerOverflow`."""
        if INT_MIN <= v <= INT_MAX:
            return v
        raise IntegerOverflow(what)

    # ---- hits

    def hit(self, exc: BudgetExceeded) -> Unknown:
        """Record a hit (the first per file and budget) and return the Unknown it makes."""
        self.hits.setdefault((self.rel, exc.budget), (self.rel, self.line, exc))
        return Unknown(exc.reason())

    def report(self, result: Any) -> None:
        """Each hit as a warning of `result` (a `SourceResult`)."""
        for rel, line, exc in self.hits.values():
            result.budget(rel, line, exc)

    # ---- values

    def measure(self, value: Any, what: str, keep: bool = False) -> None:
        """Raise `BudgetExceeded` when `value`, counted as a tree (a list shared twice counts twice),
        holds more than `collection_size` elements, more than `string_length` characters in its
        strings, or nests deeper than `depth`. Stops as soon as one is exceeded, so the walk costs
        at most what the budgets allow. With `keep` (a value a cache keeps alive), what is measured
        is remembered by identity, and a value already measured costs nothing to walk again."""
        if type(value) is str:
            self.string(len(value), what)
            return
        if type(value) is not list and type(value) is not dict:
            return
        lim = self.limits
        max_n, max_c, max_d = lim.collection_size, lim.string_length, lim.depth
        memo = self.memo if keep else None
        if memo is not None:
            got = memo.get(id(value))
            if got is not None and got[0] is value:
                return
        elements = chars = deepest = 0
        # Iterative walk over containers: (container, its depth); a memoised one adds its totals.
        stack: list[tuple[Any, int]] = [(value, 1)]
        while stack:
            v, d = stack.pop()
            if memo is not None and v is not value:
                got = memo.get(id(v))
                if got is not None and got[0] is v:
                    elements += got[1]
                    chars += got[2]
                    if d - 1 + got[3] > deepest:
                        deepest = d - 1 + got[3]
                    if elements > max_n or chars > max_c or deepest > max_d:
                        _over(elements, max_n, chars, max_c, deepest, max_d, what)
                    continue
            if d > deepest:
                deepest = d
            elements += len(v)
            if elements > max_n or deepest > max_d:
                _over(elements, max_n, chars, max_c, deepest, max_d, what)
            if type(v) is dict:
                items = v.values()
                for k in v:
                    chars += len(k) if type(k) is str else 0
            else:
                items = v
            for x in items:
                tx = type(x)
                if tx is str:
                    chars += len(x)
                elif tx is list or tx is dict:
                    stack.append((x, d + 1))
            if elements > max_n or chars > max_c or deepest > max_d:
                _over(elements, max_n, chars, max_c, deepest, max_d, what)
        if memo is not None:
            memo[id(value)] = (value, elements, chars, deepest)


def _over(elements: int, max_n: int, chars: int, max_c: int, deepest: int, max_d: int, what: str) -> None:
    if deepest > max_d:
        raise BudgetExceeded("depth", max_d, f"{what}: nesting")
    if elements > max_n:
        raise BudgetExceeded("collection_size", max_n, f"{what}: elements in all")
    raise BudgetExceeded("string_length", max_c, f"{what}: characters in all its strings")


#: Python frames one level of nesting may take in the parsers and evaluators (a Bicep array in an
#: array: expression, binary, unary, primary, array; an ARM value: eval_value, eval_object, ...).
FRAMES_PER_LEVEL = 12


@contextlib.contextmanager
def recursion_room(limits: Limits) -> Iterator[None]:
    """Let the recursion of a parser or an evaluator reach `limits.depth` levels of nesting, which
    each budget check stops at, rather than Python's default recursion limit first. Python (3.11+)
    calls between Python functions use no C stack, so a higher limit is safe; it is restored after."""
    depth = 0
    frame = sys._getframe()
    while frame is not None:
        depth += 1
        frame = frame.f_back
    need = depth + 100 + limits.depth * FRAMES_PER_LEVEL
    old = sys.getrecursionlimit()
    if need <= old:
        yield
        return
    sys.setrecursionlimit(need)
    try:
        yield
    finally:
        sys.setrecursionlimit(old)


def bounded(budget: Budget, value: Any, what: str, levels: int = 2) -> Any:
    """`value` if it fits the budgets (`Budget.measure`), else the same value with what does not
    fit replaced by the `Unknown` that names the budget: an object over a budget is cut member by
    member, `levels` objects deep (a resource's `properties`, then each property), so its other
    members stay."""
    try:
        budget.measure(value, what, keep=True)
        return value
    except BudgetExceeded as exc:
        if levels <= 0 or type(value) is not dict or exc.budget == "depth":
            return budget.hit(exc)
    sep = ": " if levels == 3 else "."
    out = {k: bounded(budget, v, f"{what}{sep}{k}", levels - 1) for k, v in value.items()}
    try:
        budget.measure(out, what, keep=True)
        return out
    except BudgetExceeded as exc:
        return budget.hit(exc)


def shown_within(budget: Budget, parts: list[Any]) -> str | None:
    """`model.joined_shown(parts)`, or None when it would be longer than `string_length` (the
    shown text of a string doubled through unknown parts doubles too)."""
    size = 0
    for p in parts:
        size += len(p) if isinstance(p, str) else (len(p.shown) if isinstance(p, Unknown) and p.shown else 1)
    return joined_shown(parts) if size <= budget.limits.string_length else None


def budget_of(ctx: Any) -> Budget:
    """The budget of a `FunctionContext` (a fresh default one for a context that has none)."""
    b = getattr(ctx, "budget", None)
    return b if isinstance(b, Budget) else Budget()
