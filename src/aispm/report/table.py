"""The terminal report, one section per question aispm answers: the AI inventory
(cloud, IaC and code: services, deployments, models, AI clients, agents, MCP
servers, data sources and AI libraries), the failing findings by severity
(misconfigurations, leaked credentials, vulnerable libraries), the top attack
paths with the fix that breaks each, then input errors and a summary line.
Written with rich; honours NO_COLOR through rich itself."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from aispm import registry
from aispm.model import Asset, Kind, ScanResult, Severity, Status
from aispm.report.terminal import safe

_STYLE = {
    Severity.CRITICAL: "bold red",
    Severity.HIGH: "red",
    Severity.MEDIUM: "yellow",
    Severity.LOW: "cyan",
    Severity.INFO: "dim",
}
_INVENTORY_KINDS = {Kind.AI_SERVICE, Kind.MODEL_DEPLOYMENT, Kind.MODEL, Kind.PROJECT, Kind.SEARCH_INDEX, Kind.COMPUTE,
                    Kind.AI_CLIENT, Kind.AGENT, Kind.MCP_SERVER, Kind.DATA_SOURCE, Kind.PROMPT}
#: The attack paths shown in the terminal; `aispm paths` lists and filters them all.
TOP_PATHS = 5


def _in_inventory(a: Asset) -> bool:
    if a.existing:
        return False
    if a.kind is Kind.LIBRARY:  # the AI libraries only; every library is in the JSON and CycloneDX reports
        return bool(a.facts.get("ai_category"))
    return a.kind in _INVENTORY_KINDS or a.type.lower() in registry.union("ai_types") or bool(a.facts.get("used_for_ai_grounding"))


def _detail(a: Asset) -> str:
    """What a reader needs to tell this asset from the others of its kind."""
    p, f = a.properties, a.facts
    if a.kind is Kind.LIBRARY:
        version = p.get("version") or p.get("version_range") or "any version"
        return f"{version} · {f.get('ai_category')}"
    if a.kind is Kind.AI_CLIENT:
        to = p.get("azure_account_name") or p.get("endpoint") or p.get("endpoint_env") or p.get("service")
        return " → ".join(str(x) for x in (p.get("family"), to) if x)
    if a.kind is Kind.AGENT:
        parts = [str(p["model"])] if p.get("model") else []
        if isinstance(f.get("tool_count"), int):
            parts.append(f"{f['tool_count']} tool{'s' if f['tool_count'] != 1 else ''}")
        return " · ".join(parts)
    if a.kind is Kind.MCP_SERVER:
        where = p.get("url") or " ".join(str(x) for x in [p.get("command"), *(p.get("args") or [])] if x)
        return " ".join(str(x) for x in (p.get("transport"), where) if x)
    if a.kind is Kind.DATA_SOURCE:
        return " · ".join(str(x) for x in (p.get("store"), p.get("index") or p.get("collection")) if x)
    detail = f.get("model") or f.get("account_kind") or f.get("workspace_kind") or ""
    if f.get("used_for_ai_grounding"):
        detail = f"{detail} grounding data" if detail else "grounding data"
    return str(detail)


def _short_type(t: str) -> str:
    return t[len("Microsoft."):] if t.startswith("Microsoft.") else t


def render(result: ScanResult, console: Console, show_passed: bool = False) -> None:
    """Print the report. A console that is not a terminal gets a wide fixed width,
    so that piped output is not wrapped into unreadable columns."""
    if not console.is_terminal and console.width < 160:
        console.width = 160
    inventory = [a for a in result.assets if _in_inventory(a)]
    if inventory:
        t = Table(title="AI inventory", title_justify="left", show_lines=False)
        t.add_column("kind")
        t.add_column("name", overflow="fold")
        t.add_column("type")
        t.add_column("model / detail", overflow="fold")
        t.add_column("declared at")
        for a in sorted(inventory, key=lambda a: (str(a.kind), a.display_name, a.origin.file, a.origin.line or 0)):
            where = f"{a.origin.file}:{a.origin.line}" if a.origin.line else a.origin.file
            kind = str(a.kind)
            t.add_row(kind, safe(a.display_name), safe("" if a.type == kind else _short_type(a.type)),
                      safe(_detail(a)), safe(where))
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
                safe(f.address or f.asset_uid),
                safe(f"{f.file}:{f.line}"),
                safe(f.title),
            )
        console.print(t)

    if result.attack_paths:
        names = {a.uid: a.display_name for a in result.assets}
        top = sorted(result.attack_paths, key=lambda p: -p.score)[:TOP_PATHS]
        more = len(result.attack_paths) - len(top)
        title = f"Attack paths (top {len(top)} of {len(result.attack_paths)}" + (
            "; `aispm paths` lists and filters them all)" if more else ")")
        t = Table(title=title, title_justify="left")
        t.add_column("score", no_wrap=True)
        t.add_column("status", no_wrap=True)
        t.add_column("path", overflow="fold", ratio=3)
        t.add_column("break it by", overflow="fold", ratio=2)
        for p in top:
            status = Text(p.status, style="red" if p.status == "confirmed" else "yellow")
            t.add_row(f"{p.score:.1f}", status, safe(p.title), safe(p.remediation))
        console.print(t)
        if result.choke_points:
            chokes = ", ".join(f"{names.get(c.asset_uid, c.asset_uid)} ({c.paths} paths)"
                               for c in result.choke_points[:3])
            console.print(safe(f"choke points: {chokes}"), highlight=False)

    if result.errors:
        t = Table(title="Input errors (these files were not fully scanned)", title_justify="left")
        t.add_column("file")
        t.add_column("line")
        t.add_column("message", overflow="fold")
        for e in result.errors:
            t.add_row(safe(e.file), str(e.line or ""), safe(e.message))
        console.print(t)

    counts = {s: 0 for s in Status}
    for f in result.findings:
        counts[f.status] += 1
    console.print(
        f"{result.files_scanned} files, {len(result.assets)} assets, {len(result.relations)} relations; "
        f"findings: {counts[Status.FAIL]} failed, {counts[Status.PASS]} passed, {counts[Status.UNKNOWN]} unknown, "
        f"{counts[Status.SUPPRESSED]} suppressed; {len(result.attack_paths)} attack paths; "
        f"{len(result.errors)} input errors"
    )
