"""CSV: one row per finding, for spreadsheets and ticket imports.

Columns are a contract like the JSON report's keys: `COLUMNS`, in that order, never renamed or
reordered (new ones go at the end). A row is a finding that is not a pass (`fail`, `unknown`,
`suppressed`): passes are the bulk of a scan and nobody triages them in a sheet; the JSON report
has them. `fingerprint` is the one SARIF gives the same rule, file and line (`report/problems.py`),
so a sheet, a code-scanning alert and a later scan can be matched.

Scanned input is hostile and a spreadsheet evaluates a cell that starts with `=`, `+`, `-`, `@`
(and, in some, a tab or carriage return) as a formula: a resource named `=HYPERLINK(...)` must not
become a live link in the reader's sheet. Every such text cell gets a leading `'`, the
neutralisation OWASP's CSV-injection guidance gives; numbers are written as numbers. Quoting is
the `csv` module's (RFC 4180: fields with commas, quotes or line breaks are quoted). Strings were
already redacted by `sanitize.py`."""

from __future__ import annotations

import csv
import io

from aispm.model import Finding, ScanResult, Status
from aispm.report.problems import problems
from aispm.report.remediation import first_step, url_for

COLUMNS = ("rule_id", "severity", "status", "title", "resource", "file", "line", "fingerprint", "suppression",
           "baseline", "remediation", "help_url", "message", "pillar", "asset_uid")
#: Rows of these statuses; a pass is not a row.
STATUSES = (Status.FAIL, Status.UNKNOWN, Status.SUPPRESSED)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """A text cell a spreadsheet would evaluate gets a leading `'`; other values are kept."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _row(f: Finding, fingerprint: str) -> dict[str, object]:
    return {
        "rule_id": f.rule_id,
        "severity": str(f.severity),
        "status": str(f.status),
        "title": f.title,
        "resource": f.address or f.asset_uid,
        "file": f.file or "",
        "line": f.line if f.line else "",
        "fingerprint": fingerprint,
        "suppression": f.suppressed_reason or "",
        "baseline": f.baseline or "",
        "remediation": first_step(f),
        "help_url": url_for(f),
        "message": f.message,
        "pillar": str(f.pillar),
        "asset_uid": f.asset_uid,
    }


def rows(result: ScanResult) -> list[dict[str, object]]:
    """The rows, most severe first, then by rule, file and line; cells not yet neutralised."""
    pairs = [(f, p.fingerprint) for p in problems(result, STATUSES, fingerprints=True) for f in p.findings]
    pairs.sort(key=lambda pair: (-int(pair[0].severity), pair[0].rule_id, pair[0].file or "", pair[0].line or 0,
                                 pair[0].address or pair[0].asset_uid))
    return [_row(f, fingerprint) for f, fingerprint in pairs]


def render(result: ScanResult) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, quoting=csv.QUOTE_MINIMAL)
    writer.writeheader()
    for row in rows(result):
        writer.writerow({k: neutralise(v) for k, v in row.items()})
    return buffer.getvalue()
