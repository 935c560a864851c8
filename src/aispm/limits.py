"""Budgets: what one input may make a scan do.

A scanned tree can be written to hurt the scanner: `count = 1000000000`, a local that doubles a
string at each step, an ARM `copy` nested in a `copy`, `padLeft(x, 1000000000)`, YAML aliases
that expand a billion times, JSON nested a hundred thousand levels. Every evaluator and parser
checks the budget it spends against these limits; beyond one, the value becomes an `Unknown`
that names the budget (the scan goes on and keeps what it already evaluated), or the file
becomes one entry of the report's `errors`. The defaults are far above what real estates reach
(docs/design.md § Budgets gives the measured peaks), so they only ever trigger on inputs made
to trigger them; a config file or `ScanOptions(limits=...)` can raise them.
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Limits:
    #: Instances of one resource or module call (`count`, `for_each`, ARM/Bicep `copy` and loops).
    instances_per_resource: int = 10_000
    #: Resource and module instances of one root module or template, in all.
    instances_total: int = 200_000
    #: Characters in one string value an evaluator builds (`format`, `padLeft`, `join`, `replace`).
    string_length: int = 1_000_000
    #: Elements in one list or map an evaluator builds (`range`, `concat`, `merge`, comprehensions).
    collection_size: int = 100_000
    #: Function calls and operators evaluated for one file or template.
    steps_per_file: int = 5_000_000
    #: Nesting depth of a parsed document or expression (JSON, YAML, TOML, HCL, Bicep, code).
    depth: int = 200
    #: YAML alias references resolved in one document (a "billion laughs" is a few dozen aliases deep).
    yaml_aliases: int = 10_000
    #: Bytes one archive or compressed stream may decompress to.
    decompressed_bytes: int = 2 * 1024**3

    @classmethod
    def names(cls) -> list[str]:
        return [f.name for f in fields(cls)]


DEFAULT = Limits()


class BudgetExceeded(Exception):
    """Raised where an evaluation must stop; caught by the evaluator, which turns the value it
    was computing into an `Unknown` (`reason()`) and records a warning."""

    def __init__(self, budget: str, limit: int, what: str = "") -> None:
        self.budget, self.limit, self.what = budget, limit, what
        super().__init__(self.reason())

    def reason(self) -> str:
        where = f" ({self.what})" if self.what else ""
        return f"budget exceeded: {self.budget} = {self.limit}{where}"
