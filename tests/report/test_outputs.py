"""Several reports from one scan (`-f table -f sarif=aispm.sarif -f json=report.json`): a
FORMAT=PATH writes that file (its folder created), a bare format goes to stdout, `-o` still names
the file of a single format. A path that cannot be written fails in one line with exit 1 — before
the scan when it can be known then, and never as a traceback after it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

import aispm.cli as cli
from aispm.cli import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "azure-rag"


def _run(*args: str, **kw):
    return CliRunner().invoke(main, ["scan", str(EXAMPLE), "--offline", *args], env={"COLUMNS": "80"}, **kw)


def test_three_reports_from_one_scan(tmp_path: Path, monkeypatch) -> None:
    scans = []
    real = cli.scan
    monkeypatch.setattr(cli, "scan", lambda *a, **k: scans.append(1) or real(*a, **k))
    sarif, report = tmp_path / "out" / "aispm.sarif", tmp_path / "deep" / "er" / "report.json"
    res = _run("-f", "table", "-f", f"sarif={sarif}", "-f", f"json={report}")
    assert res.exit_code == 2, res.output
    assert len(scans) == 1
    assert res.stdout.startswith("aispm: ") and "Failing findings by rule" in res.stdout  # the table on stdout
    doc = json.loads(report.read_text())
    assert doc["schema"] == "aispm/scan-report@1" and doc["findings"]
    runs = json.loads(sarif.read_text())["runs"]
    failing = {f["rule_id"] for f in doc["findings"] if f["status"] == "fail"}
    assert {r["ruleId"] for r in runs[0]["results"]} == failing  # the same scan in both


def test_a_machine_format_on_stdout_with_the_table_in_a_file(tmp_path: Path) -> None:
    table = tmp_path / "new" / "report.txt"
    res = _run("-f", "json", "-f", f"table={table}")
    assert res.exit_code == 2, res.output
    assert json.loads(res.stdout)["schema"] == "aispm/scan-report@1"  # stdout stays machine-clean
    text = table.read_text()
    assert text.startswith("aispm: ") and max(len(line) for line in text.splitlines()) <= 80
    assert "failing findings at or above low" in res.stderr  # the one-line summary goes to stderr


def test_o_still_names_the_single_reports_file_and_creates_its_folder(tmp_path: Path) -> None:
    out = tmp_path / "a" / "b" / "aispm.sarif"
    res = _run("-f", "sarif", "-o", str(out))
    assert res.exit_code == 2, res.output
    assert json.loads(out.read_text())["version"] == "2.1.0" and res.stdout == ""
    out = tmp_path / "c" / "report.txt"
    res = _run("-o", str(out))  # the table by default
    assert res.exit_code == 2 and out.read_text().startswith("aispm: ")


@pytest.mark.parametrize("args, message", [
    (["-f", "json", "-f", "sarif"], "only one report can go to stdout"),
    (["-f", "json", "-f", "sarif", "-o", "x.json"], "-o names the file of the one format"),
    (["-f", "json=same.json", "-f", "sarif=same.json"], "same file"),
    (["-f", "yaml"], "'yaml' is not a format"),
    (["-f", "json="], "a path is needed"),
])
def test_usage_errors_exit_1_before_the_scan(args: list[str], message: str, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(cli, "scan", lambda *a, **k: pytest.fail("the scan ran"))
    res = _run(*args)
    assert res.exit_code == 1 and message in res.output
    assert "Traceback" not in res.output


def test_an_unwritable_path_fails_in_one_line_before_the_scan(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(cli, "scan", lambda *a, **k: pytest.fail("the scan ran"))
    blocker = tmp_path / "file"
    blocker.write_text("x")
    res = _run("-f", "table", "-f", f"json={blocker / 'report.json'}")  # its folder would be a file
    assert res.exit_code == 1 and res.exception is None or isinstance(res.exception, SystemExit)
    assert res.exit_code == 1
    assert res.stderr.strip().count("\n") == 0 and "cannot create the folder of" in res.stderr
    folder = tmp_path / "folder"
    folder.mkdir()
    res = _run("-f", f"sarif={folder}")  # a folder, not a file
    assert res.exit_code == 1 and "it is a folder" in res.stderr and res.stderr.strip().count("\n") == 0
    if os.geteuid() != 0:  # root may write anywhere
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        res = _run("-f", f"json={locked / 'r.json'}")
        assert res.exit_code == 1 and "permission denied" in res.stderr


def test_a_write_that_fails_after_the_scan_is_one_line_and_the_other_reports_are_kept(tmp_path: Path,
                                                                                     monkeypatch) -> None:
    report, sarif = tmp_path / "report.json", tmp_path / "aispm.sarif"
    real = cli.scan

    def scan_then_break(*a, **k):
        result = real(*a, **k)
        report.mkdir()  # the path became a folder while the scan ran
        return result

    monkeypatch.setattr(cli, "scan", scan_then_break)
    res = _run("-f", f"json={report}", "-f", f"sarif={sarif}", "-q")
    assert res.exit_code == 1
    assert res.exception is None or isinstance(res.exception, SystemExit)
    assert "Traceback" not in res.output
    assert [line for line in res.stderr.splitlines() if line.strip()] == [
        line for line in res.stderr.splitlines() if "cannot write the json report" in line]
    assert json.loads(sarif.read_text())["version"] == "2.1.0"
