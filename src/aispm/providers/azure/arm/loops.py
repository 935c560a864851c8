"""ARM `copy` loops: property, variable and output copies, resource copies, and `copyIndex()`.

A property / variable / output `copy` (`{name, count, input}`) evaluates `input` once per
index into an array (`expand_copy`); a resource `copy` gives one evaluation environment
per instance (`resource_copy_envs`), or a single instance with an unknown index when the
count is unknown. `copyIndex([loop], [offset])` reads the index of the innermost or the
named enclosing loop.

Budgets: ARM allows `MAX_COPY` iterations per loop. A resource loop over more (or over
more than `instances_per_resource`) keeps its first instances and records the budget; a
property, variable or output loop over more, or whose items hold more than
`collection_size` elements in all (a loop inside a loop), is an `Unknown` naming the
budget. Each iteration is an evaluation step. The total of instances is the file's
(`FileState.room`). Environments are duck-typed (`arm.evaluate.Env`): this module imports no
evaluator.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from aispm.limits import BudgetExceeded
from aispm.model import Unknown
from aispm.providers.azure.arm.functions.values import first_unknown

if TYPE_CHECKING:
    from aispm.providers.azure.arm.evaluate import Env

MAX_COPY = 800  # ARM's own limit on copy count


def expand_copy(env: Env, loop: dict) -> Any:
    """A property / variable `copy` loop: `{name, count, input}` → an array."""
    name = str(loop.get("name"))
    count = env.eval_value(loop.get("count"))
    if isinstance(count, Unknown):
        return count
    if not isinstance(count, int) or isinstance(count, bool) or count < 0:
        return Unknown(f"copy {name}: count is not an integer")
    budget = env.budget
    limit = min(MAX_COPY, budget.limits.collection_size)
    try:
        if count > limit:
            raise BudgetExceeded("collection_size", limit, f"copy {name[:80]} of {count} items"
                                 + ("; ARM allows 800" if limit == MAX_COPY else ""))
        out = []
        total = 0
        for i in range(count):
            budget.step()
            inner = env.with_(copy={**env.copy, name: i}, default_loop=name)
            item = inner.eval_value(loop.get("input"))
            total += 1 + (len(item) if type(item) is list or type(item) is dict else 0)
            budget.collection(total, f"copy {name[:80]}: elements of its items in all")
            out.append(item)
    except BudgetExceeded as exc:
        return budget.hit(exc)
    return out


def resource_copy_envs(env: Env, copy: dict) -> Iterator[Env]:
    """One environment per instance of a resource `copy` loop (one with an unknown index when
    the count is not a known integer)."""
    loop = str(copy.get("name"))
    count = env.eval_value(copy.get("count"))
    if isinstance(count, Unknown) or not isinstance(count, int) or isinstance(count, bool):
        indexes: Any = [Unknown(f"copy index of {loop}")]
    else:
        budget = env.budget
        limit = min(MAX_COPY, budget.limits.instances_per_resource)
        if count > limit:
            budget.hit(BudgetExceeded("instances_per_resource", limit, f"copy {loop[:80]} of {count} instances"
                                      + ("; ARM allows 800" if limit == MAX_COPY else "")))
        indexes = range(max(0, min(count, limit)))
    for i in indexes:
        yield env.with_(copy={**env.copy, loop: i}, default_loop=loop)


def copy_index(env: Env, args: list[tuple]) -> Any:
    """The special form `copyIndex()`, `copyIndex(offset)`, `copyIndex('loop'[, offset])`."""
    vals = [env.eval_node(a) for a in args]
    u = first_unknown(vals)
    if u is not None:
        return u
    loop = env.default_loop
    offset = 0
    if vals and isinstance(vals[0], str):
        loop = vals[0]
        vals = vals[1:]
    if vals and isinstance(vals[0], int):
        offset = vals[0]
    if loop is None:
        return Unknown("copyIndex() outside a copy loop")
    for k, v in env.copy.items():
        if k.lower() == loop.lower():
            if isinstance(v, Unknown):
                return v
            return v + offset
    return Unknown(f"copyIndex({loop!r}) outside that loop")
