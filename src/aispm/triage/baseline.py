"""Baselines: a previous JSON report, against which only new findings fail the run.

A finding of this scan is `existing` when the baseline report had it open (fail, unknown or
suppressed): same rule and same asset uid, or — when the uid moved (a file renamed, a target
given differently) — same rule, same file and same address. Everything else that is not a pass
is `new`. `scan.failing` leaves `existing` findings out of the exit code; the JSON report shows
the mark on every finding. Reading a report that is not an `aispm/scan-report@1` object is a
`ReportError` (the CLI's exit code 1: unreadable input), never an empty baseline that makes every
finding new.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable

from aispm.model import ScanResult, Status

SCHEMA = "aispm/scan-report@1"
#: Finding statuses that mean "this problem was there": a pass was not a problem.
OPEN = ("fail", "unknown", "suppressed")


class ReportError(ValueError):
    """A file that is not a readable aispm JSON report."""


def load_report(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReportError(f"{path}: cannot read the report: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReportError(f"{path}:{exc.lineno}: not a JSON report: {exc.msg}") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise ReportError(f"{path}: not an aispm JSON report (expected \"schema\": \"{SCHEMA}\"; "
                          "write one with `aispm scan --format json`)")
    for key in ("findings", "assets"):
        if not isinstance(data.get(key), list):
            raise ReportError(f"{path}: the report has no `{key}` list")
    return data


def keys(f: dict[str, Any]) -> tuple[tuple, tuple | None]:
    """The two identities of a finding: (rule, asset uid), and (rule, file, address) when both
    are known."""
    by_uid = (f.get("rule_id"), f.get("asset_uid"))
    by_place = (f.get("rule_id"), f.get("file"), f.get("address")) if f.get("file") and f.get("address") else None
    return by_uid, by_place


class Index:
    """The open findings of a report, by both identities."""

    def __init__(self, findings: Iterable[dict[str, Any]]) -> None:
        self.uids: set[tuple] = set()
        self.places: set[tuple] = set()
        for f in findings:
            if not isinstance(f, dict) or f.get("status") not in OPEN:
                continue
            by_uid, by_place = keys(f)
            self.uids.add(by_uid)
            if by_place is not None:
                self.places.add(by_place)

    def __contains__(self, f: dict[str, Any]) -> bool:
        by_uid, by_place = keys(f)
        return by_uid in self.uids or (by_place is not None and by_place in self.places)


def mark(result: ScanResult, report: dict[str, Any], path: str | None = None) -> dict[str, int]:
    """Mark every finding that is not a pass `new` or `existing`; count each."""
    index = Index(report.get("findings") or ())
    counts = {"new": 0, "existing": 0}
    for f in result.findings:
        if f.status is Status.PASS:
            continue
        view = {"rule_id": f.rule_id, "asset_uid": f.asset_uid, "file": f.file, "address": f.address}
        f.baseline = "existing" if view in index else "new"
        counts[f.baseline] += 1
    result.triage["baseline"] = {"report": path, **counts}
    return counts
