"""The CSV report reads back with the `csv` module into the documented columns, one row per
finding that is not a pass, with SARIF's fingerprint; no secret is in it, and no cell a
spreadsheet would evaluate as a formula survives hostile input (file names, suppression
reasons)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from aispm.cli import main
from aispm.model import Status
from aispm.report import csv_report
from aispm.scan import scan

ROOT = Path(__file__).resolve().parents[2]
KEY = "sk-proj-" + "Qm7vX2bN9kL4pR8sT1wY6zA3cD5fG0hJ2kL4mN6pQ8rSxY"

FORMULA_FILE = "=cmd|' calc'!A0.py"


def _read(text: str) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    assert tuple(reader.fieldnames) == csv_report.COLUMNS
    return list(reader)


def _repo(root: Path, tf: str) -> Path:
    (root / ".git").mkdir(parents=True)
    (root / "main.tf").write_text(tf)
    (root / FORMULA_FILE).write_text(f'from openai import OpenAI\n\nclient = OpenAI(api_key="{KEY}")\n')
    (root / "-notes, \"quoted\".py").write_text(f'from openai import OpenAI\nc = OpenAI(api_key="{KEY}")\n')
    return root


def test_one_row_per_finding_with_the_columns_a_sheet_needs(tmp_path: Path) -> None:
    out = tmp_path / "out" / "aispm.csv"
    sarif = tmp_path / "aispm.sarif"
    res = CliRunner().invoke(main, ["scan", str(ROOT / "examples"), "-f", f"csv={out}", "-f", f"sarif={sarif}",
                                    "--offline", "-q"])
    assert res.exit_code == 2, res.output
    rows = _read(out.read_text(encoding="utf-8"))
    result = scan([ROOT / "examples"])
    not_passing = [f for f in result.findings if f.status is not Status.PASS]
    assert len(rows) == len(not_passing)
    assert {r["status"] for r in rows} <= {"fail", "unknown", "suppressed"}
    row = next(r for r in rows if r["rule_id"] == "AISPM-AZ-017")
    assert row["file"] == "azure-rag/infra/main.tf" and row["line"].isdigit()
    assert row["resource"] == "azurerm_search_service.search"
    assert row["help_url"].endswith("docs/rules/AISPM-AZ-017.md") and row["remediation"]
    # the fingerprint is the one the SARIF alert of the same rule, file and line carries
    results = json.loads(sarif.read_text())["runs"][0]["results"]
    by_place = {(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                 r["locations"][0]["physicalLocation"]["region"]["startLine"]):
                r["partialFingerprints"]["primaryLocationLineHash"] for r in results}
    assert by_place[("AISPM-AZ-017", row["file"], int(row["line"]))] == row["fingerprint"]
    # most severe first
    order = ["critical", "high", "medium", "low", "info"]
    assert [order.index(r["severity"]) for r in rows] == sorted(order.index(r["severity"]) for r in rows)


def test_hostile_cells_are_neutralised_and_secrets_absent(tmp_path: Path, accounts_tf) -> None:
    tf = accounts_tf('=HYPERLINK("http://evil.example/x","ok")')  # a suppression reason a sheet would run
    text = csv_report.render(scan([_repo(tmp_path / "r", tf)]))
    assert KEY not in text and KEY[8:-2] not in text
    rows = _read(text)
    for row in rows:
        for column, value in row.items():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (column, value)
    files = {r["file"] for r in rows}
    assert "'" + FORMULA_FILE in files  # kept readable, with the leading quote a sheet shows as text
    assert "'-notes, \"quoted\".py" in files  # commas and quotes survive the round trip
    waived = next(r for r in rows if r["status"] == "suppressed")
    assert waived["suppression"].startswith("'=HYPERLINK(")
    assert waived["resource"] == "azurerm_cognitive_account.waived"


def test_a_formula_lookalike_number_is_kept_a_number() -> None:
    assert csv_report.neutralise(-3) == -3
    assert csv_report.neutralise("-3") == "'-3"
    assert csv_report.neutralise("AISPM-AZ-001") == "AISPM-AZ-001"
