"""The terminal report, written to fit the terminal (80 columns and up; a pipe gets 80 unless
`COLUMNS` says otherwise, the CLI decides): a summary first (files and assets, failing findings
by severity and by pillar, the AI inventory counted by provider and kind, the top attack paths
with the one fix that breaks each), then the failing findings grouped by rule (severity, id and
title once; its locations `file:line address`, a few per rule with "+N more"; the first fix step
and the rule's page), the vulnerable libraries with the version that fixes them, unknown
verdicts and input errors in brief. `--inventory` lists every AI asset; `--compact` keeps the
summary and one line per rule. `--compliance` adds each framework's coverage after the attack paths.

Findings of one rule at one file and line (a module or loop's instances) are one location that
says how many instances it has (`report/problems.py`). Text from the scanned tree is data, never
markup (`report/lines.py` prints `Text` with controls made visible, as `report/terminal.py`'s
`safe()` does), and lines are wrapped with a hanging indent, so no line is wider than the console. Written with rich; honours NO_COLOR through rich itself."""

from __future__ import annotations

import re
from collections import Counter

from rich.console import Console

from aispm import registry
from aispm.model import Asset, Finding, Kind, ScanResult, Severity, Status
from aispm.report.problems import Problem, by_severity, group
from aispm.report.remediation import ADVISORY_URL, RULES_URL, first_step, fixed_versions, url_for
from aispm.report.lines import Writer

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
#: Locations shown per rule before "+N more" (the JSON and SARIF reports list them all).
LOCATIONS_PER_RULE = 3
#: Input errors shown before "+N more" (stderr and the JSON report list them all).
ERRORS_SHOWN = 5
#: Vulnerable libraries shown, most severe first, before "+N more".
LIBRARIES_SHOWN = 10
INDENT = 2


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


def _severity_counts(findings: list[Finding]) -> str:
    counts = Counter(f.severity for f in findings)
    return ", ".join(f"{counts[s]} {s}" for s in sorted(Severity, reverse=True) if counts[s])


def _summary(w: Writer, result: ScanResult, failing: list[Finding], inventory: list[Asset]) -> None:
    statuses = Counter(f.status for f in result.findings)
    w.para(f"{result.files_scanned} files, {len(result.assets)} assets; {statuses[Status.PASS]} passed, "
           f"{statuses[Status.UNKNOWN]} unknown, {statuses[Status.SUPPRESSED]} suppressed; "
           f"{len(result.errors)} input errors", lead="aispm: ", indent=INDENT, lead_style="bold")
    if failing:
        pillars = Counter(str(f.pillar) for f in failing)
        w.para(f"{len(failing)} ({_severity_counts(failing)}); by pillar "
               + ", ".join(f"{n} {p}" for p, n in pillars.most_common()),
               lead="Failing: ", lead_style="bold", indent=INDENT)
    else:
        w.line(("No failing findings.", "bold green"))
    if inventory:
        providers = Counter(a.provider for a in inventory)
        kinds = Counter(str(a.kind) for a in inventory)
        w.para(f"{len(inventory)} (" + ", ".join(f"{n} {p}" for p, n in sorted(providers.items())) + "): "
               + ", ".join(f"{n} {k}" for k, n in kinds.most_common()) + "; --inventory lists them",
               lead="AI inventory: ", lead_style="bold", indent=INDENT)


def _attack_paths(w: Writer, result: ScanResult) -> None:
    if not result.attack_paths:
        return
    names = {a.uid: a.display_name for a in result.assets}
    top = sorted(result.attack_paths, key=lambda p: -p.score)[:TOP_PATHS]
    more = len(result.attack_paths) - len(top)
    w.blank()
    w.line((f"Top attack paths ({len(top)} of {len(result.attack_paths)}"
            + ("; `aispm paths` lists and filters them all)" if more else ")"), "bold"))
    fixed_by: dict[str, int] = {}
    for n, p in enumerate(top, 1):
        style = "red" if p.status == "confirmed" else "yellow"
        same = f" (fix: as {fixed_by[p.remediation]})" if p.remediation in fixed_by else ""  # one fix, several paths
        w.para(p.title, lead=f"{n}. {p.score:.1f} {p.status}{same}: ", lead_style=style, indent=INDENT + 1,
               max_lines=2)
        if p.remediation and not same:
            fixed_by[p.remediation] = n
            w.para(p.remediation, lead=" " * (INDENT + 1) + "fix: ", lead_style="green", indent=INDENT + 6,
                   max_lines=2)
    if result.choke_points:
        chokes = ", ".join(f"{names.get(c.asset_uid, c.asset_uid)} {c.paths}" for c in result.choke_points[:3])
        w.para(chokes, lead="Choke points (paths): ", lead_style="bold", indent=INDENT, max_lines=2)


def _compliance(w: Writer, result: ScanResult) -> None:
    """`--compliance`: per framework, the counts by status, then the failing requirements with their
    failing findings, and the ids that pass, need a person or are not covered (ATLAS techniques aispm
    does not check are only counted: there are 170)."""
    for fc in result.compliance:
        counts = fc.counts()
        w.blank()
        title = fc.name if fc.version in fc.name else f"{fc.name} {fc.version}"
        w.para(f"{counts['fail']} fail, {counts['pass']} pass, {counts['manual']} manual, "
               f"{counts['not_covered']} not covered", lead=f"Compliance, {title}: ", lead_style="bold", indent=INDENT)
        failed = [r for r in fc.requirements if r.status == "fail"]
        if failed:
            w.para(", ".join(f"{r.id} {r.title} ({r.failing})" for r in failed), lead=" " * INDENT + "fail: ",
                   lead_style="red", indent=INDENT + 13, max_lines=4)
        for status, style in (("pass", "green"), ("manual", "yellow"), ("not_covered", "dim")):
            ids = [r.id for r in fc.requirements if r.status == status]
            if ids and not (status == "not_covered" and fc.id == "mitre-atlas"):
                w.para(", ".join(ids), lead=" " * INDENT + status.replace("_", " ") + ": ", lead_style=style,
                       indent=INDENT + 13, max_lines=2)


def _location(p: Problem, room: int) -> str:
    """`file:line address`; an ARM or Bicep address that does not fit loses its namespace
    (`Microsoft.MachineLearningServices/workspaces.hub` → `workspaces.hub`)."""
    f = p.first
    where = f"{f.file}:{f.line}" if f.file and f.line else (f.file or "")
    addresses = p.addresses
    name = p.declaration or addresses[0]
    more = f" ({len(addresses)} instances)" if len(addresses) > 1 else ""
    text = f"{where} {name}{more}".strip()
    if len(text) > room and "/" in name and not name.startswith(("pkg:", "module.")):
        text = f"{where} {name.rsplit('/', 1)[1]}{more}".strip()
    return text


def _by_rule(problems: list[Problem]) -> list[list[Problem]]:
    rules: dict[str, list[Problem]] = {}
    for p in by_severity(problems):
        rules.setdefault(p.rule_id, []).append(p)
    return list(rules.values())


_LINKABLE = re.compile(r"[A-Za-z0-9._-]+")


def _brief_rule(f: Finding) -> bool:
    """A low or informational rule is shown in brief: its title on one line and its locations, no
    fix step (`aispm rules <id>` and the rule's page have it). The table must fit a screen that a
    user reads first from the top, where what matters most stands; the machine formats keep all."""
    return f.severity <= Severity.LOW


def _rule_header(w: Writer, f: Finding, count: int, compact: bool) -> None:
    """Severity, rule id and title, once; the rule id links to the rule's page on a terminal
    that shows hyperlinks (the section heading prints where the pages are)."""
    sev = str(f.severity)
    suffix = f" ({count} resources)" if count > 1 else ""
    link = url_for(f) if _LINKABLE.fullmatch(f.rule_id) else ""
    lead = f"{sev:<6} {f.rule_id} "
    if compact or _brief_rule(f):
        w.para(f.title + suffix, lead=lead, lead_style=_STYLE[f.severity], indent=len(lead), max_lines=1, link=link)
    else:
        w.para(f.title + suffix, lead=lead, lead_style=_STYLE[f.severity], indent=INDENT, link=link)


def _findings(w: Writer, problems: list[Problem], compact: bool) -> None:
    rules = _by_rule(problems)
    w.blank()
    w.line((f"Failing findings by rule ({len(rules)} rules; `aispm rules <id>` shows one whole)", "bold"))
    w.para(f"{RULES_URL}<id>.md", lead="Rule pages: ", indent=INDENT, style="dim")
    for group_ in rules:
        f = group_[0].first
        _rule_header(w, f, sum(len(p.addresses) for p in group_), compact)
        if compact:
            continue
        for p in group_[:LOCATIONS_PER_RULE]:
            w.para(_location(p, w.width - INDENT - 2), indent=INDENT + 2, lead=" " * INDENT + "  ", max_lines=2)
        if len(group_) > LOCATIONS_PER_RULE:
            w.line(" " * INDENT, (f"+{len(group_) - LOCATIONS_PER_RULE} more", "dim"))
        step = None if _brief_rule(f) else first_step(f)
        if step:
            w.para(step, lead=" " * INDENT + "fix: ", lead_style="green", indent=INDENT + 5, max_lines=1)


def _libraries(w: Writer, problems: list[Problem], compact: bool) -> None:
    """Advisories grouped by library: where it is declared, the version that fixes them all, their ids."""
    libs: dict[tuple, list[Finding]] = {}
    for p in problems:
        for f in p.findings:
            libs.setdefault((f.address or f.asset_uid, f.file, f.line), []).append(f)
    w.line((f"Vulnerable libraries ({len(libs)}, {sum(len(v) for v in libs.values())} advisories; "
            f"{ADVISORY_URL}<id>)", "bold"))
    ranked = sorted(libs.items(), key=lambda kv: (-max(f.severity for f in kv[1]), -len(kv[1]), kv[0][0]))
    for (name, file, line), found in ranked[:LIBRARIES_SHOWN]:
        worst = max(f.severity for f in found)
        where = f"{file}:{line}" if file and line else (file or "")
        found = sorted(found, key=lambda f: (-f.severity, f.rule_id))
        target = _highest([v for f in found for v in fixed_versions(f)])
        what = f"{len(found)} advisories" if len(found) > 1 else "1 advisory"
        w.para(f"{_library_name(name)} {where}: {what}".strip(), lead=f"{str(worst):<6} ", lead_style=_STYLE[worst],
               indent=INDENT)
        if compact:
            continue
        ids = ", ".join(f.rule_id for f in found)
        fix = f"upgrade to {target} or later ({ids})" if target else f"no fixed version is known ({ids})"
        w.para(fix, lead=" " * INDENT + "fix: ", lead_style="green" if target else "yellow", indent=INDENT + 5,
               max_lines=2)
    if len(ranked) > LIBRARIES_SHOWN:
        w.line(" " * INDENT, (f"+{len(ranked) - LIBRARIES_SHOWN} more libraries (the JSON and SARIF reports list "
                              "them all)", "dim"))


def _library_name(address: str) -> str:
    """`pkg:pypi/langchain@0.1.0` → `langchain 0.1.0`; anything else as it is."""
    m = re.fullmatch(r"pkg:[^/]+/(?:[^/@]+/)?([^@?#]+)(?:@([^?#]+))?.*", address)
    return " ".join(x for x in m.groups() if x) if m else address


def _version_key(v: str) -> tuple:
    parts = []
    for piece in v.replace("-", ".").split("."):
        parts.append((0, int(piece), "") if piece.isdigit() else (1, 0, piece))
    return tuple(parts)


def _highest(versions: list[str]) -> str:
    """The version that fixes every advisory of a library: the highest fixed version named
    (a simple ordering of dotted numbers; the JSON report keeps each advisory's own)."""
    return max(versions, key=_version_key) if versions else ""


def _brief(w: Writer, title: str, findings: list[Finding], style: str) -> None:
    counts = Counter(f.rule_id for f in findings)
    text = ", ".join(f"{r} (x{n})" if n > 1 else r for r, n in sorted(counts.items()))
    w.blank()
    w.para(text, lead=f"{title} ({len(findings)}): ", lead_style=style, indent=INDENT)


def _errors(w: Writer, result: ScanResult) -> None:
    w.blank()
    w.line((f"Input errors ({len(result.errors)}; these files were not fully scanned)", "bold yellow"))
    for e in result.errors[:ERRORS_SHOWN]:
        where = f"{e.file}:{e.line}" if e.line else e.file
        w.para(f"{where}: {e.message}", lead=" " * INDENT, indent=INDENT + 2, max_lines=2)
    if len(result.errors) > ERRORS_SHOWN:
        w.line(" " * INDENT, (f"+{len(result.errors) - ERRORS_SHOWN} more (stderr and the JSON report list them all)",
                              "dim"))


def _inventory(w: Writer, inventory: list[Asset]) -> None:
    """Every AI asset in two lines: kind, name and detail; then its type and where it is declared."""
    w.blank()
    w.line((f"AI inventory ({len(inventory)})", "bold"))
    pad = INDENT + 17
    for a in sorted(inventory, key=lambda a: (str(a.kind), a.display_name, a.origin.file, a.origin.line or 0)):
        kind = str(a.kind)
        detail = _detail(a)
        w.para(a.display_name + (f" · {detail}" if detail else ""), lead=" " * INDENT + f"{kind:<16} ", indent=pad)
        where = f"{a.origin.file}:{a.origin.line}" if a.origin.line else a.origin.file
        kind_type = "" if a.type == kind else _short_type(a.type)
        w.para(f"{kind_type}  {where}".strip(), lead=" " * pad, indent=pad + 2, style="dim")


def render(result: ScanResult, console: Console, show_passed: bool = False, inventory: bool = False,
           compact: bool = False) -> None:
    """Print the report on `console`, within its width (the caller sets it: the terminal's, or
    80 for a pipe unless `COLUMNS` is set)."""
    w = Writer(console)
    assets = [a for a in result.assets if _in_inventory(a)]
    failing = [f for f in result.findings if f.status is Status.FAIL]
    problems = group(failing)
    rule_problems = [p for p in problems if p.first.advisory is None]
    advisory_problems = [p for p in problems if p.first.advisory is not None]
    _summary(w, result, failing, assets)
    if inventory and assets:
        _inventory(w, assets)
    _attack_paths(w, result)
    _compliance(w, result)
    if rule_problems:
        _findings(w, rule_problems, compact)
    if advisory_problems:
        _libraries(w, advisory_problems, compact)
    unknown = [f for f in result.findings if f.status is Status.UNKNOWN]
    if unknown:
        _brief(w, "Unknown (the input does not determine a fact the rule needs)", unknown, "yellow")
    if show_passed:
        passed = [f for f in result.findings if f.status is Status.PASS]
        if passed:
            _brief(w, "Passed", passed, "green")
    if result.errors:
        _errors(w, result)
