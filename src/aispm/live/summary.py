"""The end-of-scan summary of what live targets could not read, for a person on stderr.

The report's `gaps` lists every call that gave no answer (scope, service, operation, reason). A
person wants the shape of it: which scopes, which services, and why — one line per scope and
reason, the operations it cost named once, so that 4 regions × the same unimplemented or denied
service read as 4 lines, not 40. Pure: the CLI prints the lines.
"""

from __future__ import annotations

from typing import Iterable

from aispm.live.context import Gap


def gap_lines(gaps: Iterable[Gap], limit: int = 20) -> list[str]:
    """`  aws://prod/eu-west-1: access denied — sagemaker ListDomains, ListNotebookInstances`, one
    line per (scope, reason) in the order first met, at most `limit` lines and one that says how
    many more."""
    groups: dict[tuple[str, str], dict[str, list[str]]] = {}
    for g in gaps:
        ops = groups.setdefault((g.scope, g.reason), {}).setdefault(g.service, [])
        if g.operation not in ops:
            ops.append(g.operation)
    lines = []
    for (scope, reason), services in groups.items():
        what = "; ".join(f"{svc} {', '.join(ops)}" for svc, ops in services.items())
        lines.append(f"  {scope}: {reason} — {what}")
    if len(lines) > limit:
        lines = lines[:limit] + [f"  ... and {len(lines) - limit} more (the report's `gaps` lists every call)"]
    return lines
