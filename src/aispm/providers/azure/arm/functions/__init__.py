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

The library is one module per family (`strings`, `scalars`, `arrays`, `lambdas`,
`deployment`), each registering its functions in `base.FUNCTIONS` as it is imported;
`values` holds what functions do to values (also used by the Bicep evaluator) and
`hashing` Azure's `uniqueString` hash. This module imports every family and dispatches.

Budgets (`aispm.limits`, through the context's `budget.Budget`): every call is an
evaluation step (`steps_per_file`); a function checks a value's size before it builds it
(`padLeft` and `format` widths and precisions, `concat`, `join`, `replace`, `string()` of an
object, `range`, `union`, `flatten`: `string_length`, `collection_size`), `call` checks what
every function returned, and integers stay ARM's 64-bit ones. A budget hit makes the value
an `Unknown` naming the budget, recorded once per file as a warning; `MemoryError` and
`RecursionError` become `Unknown`s too, so nothing a template does escapes `call`.
"""

from __future__ import annotations

from typing import Any

from aispm.limits import BudgetExceeded
from aispm.model import Unknown

# Importing a family registers its functions in FUNCTIONS.
from aispm.providers.azure.arm.functions import arrays, deployment, lambdas, scalars, strings  # noqa: F401
from aispm.providers.azure.arm.functions.base import FUNCTIONS, ArmFunctionError, FunctionContext, UnknownResult
from aispm.providers.azure.arm.functions.budget import INT_MAX, INT_MIN, IntegerOverflow, budget_of
from aispm.providers.azure.arm.functions.deployment import list_target

__all__ = ["call"]


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
            return Unknown(f"key of {list_target(args)}")
        return Unknown(f"function {name}")
    budget = budget_of(ctx)
    try:
        budget.step()
        result = f(ctx, args)
    except UnknownResult as exc:
        return exc.unknown
    except BudgetExceeded as exc:
        return budget.hit(exc)
    except MemoryError:
        return Unknown(f"{name}(): out of memory")
    except (ArmFunctionError, TypeError, ValueError, IndexError, KeyError, AttributeError, ZeroDivisionError,
            OverflowError, RecursionError) as exc:
        return Unknown(f"{name}(): {exc}"[:500])
    t = type(result)
    if t is str:
        if len(result) > budget.limits.string_length:
            return budget.hit(BudgetExceeded("string_length", budget.limits.string_length, f"{name}()"))
    elif t is list or t is dict:
        if len(result) > budget.limits.collection_size:
            return budget.hit(BudgetExceeded("collection_size", budget.limits.collection_size, f"{name}()"))
    elif t is int and not INT_MIN <= result <= INT_MAX:
        return budget.hit(IntegerOverflow(f"{name}()"))
    return result
