"""`aispm diff old.json new.json`: what changed between two JSON reports.

New and fixed findings (open — fail or unknown — in one report and not in the other, matched as
baselines match: rule and asset uid, or rule, file and address), new and removed AI assets (the
AI inventory's kinds, or an asset the graph marks `used_for_ai`: shadow AI appearing shows here),
and attack paths opened and closed (by their id, a hash of the path's assets and relations).
Works on the reports alone: nothing is scanned again. Rendered as a table (`render_table`) or as
JSON (`aispm/diff@1`).
"""

from __future__ import annotations

from typing import Any

from aispm.triage.baseline import Index

SCHEMA = "aispm/diff@1"
#: Asset kinds of the AI inventory (the AI-BOM): the diff reports these appearing and leaving.
AI_KINDS = frozenset({"ai-service", "model-deployment", "model", "project", "search-index", "ai-client", "agent",
                      "tool", "mcp-server", "notebook", "prompt"})
_OPEN = ("fail", "unknown")


def _open(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for f in report.get("findings") or () if isinstance(f, dict) and f.get("status") in _OPEN]


def _ai(a: dict[str, Any]) -> bool:
    return a.get("kind") in AI_KINDS or "used_for_ai" in (a.get("insights") or ())


def _finding(f: dict[str, Any]) -> dict[str, Any]:
    return {k: f.get(k) for k in ("rule_id", "title", "severity", "status", "asset_uid", "file", "line", "address")}


def _asset(a: dict[str, Any]) -> dict[str, Any]:
    origin = a.get("origin") or {}
    return {"uid": a.get("uid"), "type": a.get("type"), "name": a.get("name"), "kind": a.get("kind"),
            "file": origin.get("file"), "line": origin.get("line")}


def _path(p: dict[str, Any]) -> dict[str, Any]:
    return {k: p.get(k) for k in ("id", "title", "score", "status", "entry", "target", "remediation")}


def compare(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    old_open, new_open = _open(old), _open(new)
    old_index, new_index = Index(old_open), Index(new_open)
    old_ai = {a.get("uid"): a for a in old.get("assets") or () if isinstance(a, dict) and _ai(a)}
    new_ai = {a.get("uid"): a for a in new.get("assets") or () if isinstance(a, dict) and _ai(a)}
    old_paths = {p.get("id"): p for p in old.get("attack_paths") or () if isinstance(p, dict)}
    new_paths = {p.get("id"): p for p in new.get("attack_paths") or () if isinstance(p, dict)}
    return {
        "schema": SCHEMA,
        "findings": {"new": [_finding(f) for f in new_open if f not in old_index],
                     "fixed": [_finding(f) for f in old_open if f not in new_index]},
        "ai_assets": {"new": [_asset(a) for u, a in new_ai.items() if u not in old_ai],
                      "removed": [_asset(a) for u, a in old_ai.items() if u not in new_ai]},
        "attack_paths": {"opened": [_path(p) for i, p in new_paths.items() if i not in old_paths],
                         "closed": [_path(p) for i, p in old_paths.items() if i not in new_paths]},
    }


def summary_line(d: dict[str, Any]) -> str:
    f, a, p = d["findings"], d["ai_assets"], d["attack_paths"]
    return (f"{len(f['new'])} new and {len(f['fixed'])} fixed findings; {len(a['new'])} new and "
            f"{len(a['removed'])} removed AI assets; {len(p['opened'])} attack paths opened, "
            f"{len(p['closed'])} closed")


def render_table(d: dict[str, Any], console) -> None:
    """Each change as a short line under its heading (text from the reports is data, not markup)."""
    from aispm.report.terminal import safe

    def where(x: dict[str, Any]) -> str:
        return f"{x['file']}:{x['line']}" if x.get("file") else (x.get("asset_uid") or x.get("uid") or "")

    console.print(safe(summary_line(d)))
    sections = [
        ("New findings", d["findings"]["new"], lambda f: f"+ {f['severity']:<8} {f['rule_id']}  {where(f)}  {f['title']}"),
        ("Fixed findings", d["findings"]["fixed"], lambda f: f"- {f['severity']:<8} {f['rule_id']}  {where(f)}  {f['title']}"),
        ("New AI assets (shadow AI appearing)", d["ai_assets"]["new"],
         lambda a: f"+ {a['kind']:<16} {a['name']}  {a['type']}  {where(a)}"),
        ("Removed AI assets", d["ai_assets"]["removed"], lambda a: f"- {a['kind']:<16} {a['name']}  {a['type']}  {where(a)}"),
        ("Attack paths opened", d["attack_paths"]["opened"],
         lambda p: f"+ {p['score']}  {p['title']}  (fix: {p['remediation']})"),
        ("Attack paths closed", d["attack_paths"]["closed"], lambda p: f"- {p['score']}  {p['title']}"),
    ]
    for title, items, line in sections:
        if not items:
            continue
        console.print()
        console.print(safe(f"{title} ({len(items)})"), style="bold")
        for item in items:
            console.print(safe(line(item)), overflow="fold")
