"""The terminal report: the AI inventory, then failing findings by severity,
then input errors. Written with rich; honours NO_COLOR through rich itself."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from aispm.catalog.azure import AI_TYPES
from aispm.model import Kind, ScanResult, Severity, Status

_STYLE = {
    Severity.CRITICAL: "bold red",
    Severity.HIGH: "red",
    Severity.MEDIUM: "yellow",
    Severity.LOW: "cyan",
    Severity.INFO: "dim",
}
_INVENTORY_KINDS = {Kind.AI_SERVICE, Kind.MODEL_DEPLOYMENT, Kind.MODEL, Kind.PROJECT, Kind.SEARCH_INDEX, Kind.COMPUTE}


def _short_type(t: str) -> str:
    return t[len("Microsoft."):] if t.startswith("Microsoft.") else t


def render(result: ScanResult, console: Console, show_passed: bool = False) -> None:
    """Print the report. A console that is not a terminal gets a wide fixed width,
    so that piped output is not wrapped into unreadable columns."""
    if not console.is_terminal and console.width < 160:
        console.width = 160
    inventory = [
        a for a in result.assets
        if (a.kind in _INVENTORY_KINDS or a.type.lower() in AI_TYPES or a.facts.get("used_for_ai_grounding"))
        and not a.existing
    ]
    if inventory:
        t = Table(title="AI inventory", title_justify="left", show_lines=False)
        t.add_column("kind")
        t.add_column("name")
        t.add_column("type")
        t.add_column("model / detail")
        t.add_column("declared at")
        for a in sorted(inventory, key=lambda a: (str(a.kind), a.display_name)):
            detail = a.facts.get("model") or a.facts.get("account_kind") or a.facts.get("workspace_kind") or ""
            if a.facts.get("used_for_ai_grounding"):
                detail = (detail + " " if detail else "") + "grounding data"
            t.add_row(str(a.kind), a.display_name, _short_type(a.type), str(detail), f"{a.origin.file}:{a.origin.line}")
        console.print(t)

    shown = [f for f in result.findings if f.status in (Status.FAIL, Status.UNKNOWN) or show_passed]
    if shown:
        t = Table(title="Findings", title_justify="left")
        t.add_column("severity", no_wrap=True)
        t.add_column("rule", no_wrap=True)
        t.add_column("status", no_wrap=True)
        t.add_column("resource", overflow="fold")
        t.add_column("where", no_wrap=True)
        t.add_column("title", overflow="fold", ratio=1)
        for f in shown:
            t.add_row(
                Text(str(f.severity), style=_STYLE[f.severity]),
                f.rule_id,
                str(f.status),
                f.address or f.asset_uid,
                f"{f.file}:{f.line}",
                f.title,
            )
        console.print(t)

    if result.errors:
        t = Table(title="Input errors (these files were not fully scanned)", title_justify="left")
        t.add_column("file")
        t.add_column("line")
        t.add_column("message", overflow="fold")
        for e in result.errors:
            t.add_row(e.file, str(e.line or ""), e.message)
        console.print(t)

    counts = {s: 0 for s in Status}
    for f in result.findings:
        counts[f.status] += 1
    console.print(
        f"{result.files_scanned} files, {len(result.assets)} assets, {len(result.relations)} relations; "
        f"findings: {counts[Status.FAIL]} failed, {counts[Status.PASS]} passed, {counts[Status.UNKNOWN]} unknown, "
        f"{counts[Status.SUPPRESSED]} suppressed; {len(result.errors)} input errors"
    )
