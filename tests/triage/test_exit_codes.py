"""Exit codes that never mislead, command by command: 2 only for findings, 1 for usage errors and
input that could not be read, 0 otherwise (and with --soft-fail / --exit-zero)."""

from __future__ import annotations

from pathlib import Path

import pytest

from triage_repo import run

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = str(ROOT / "examples" / "azure-rag")


@pytest.mark.parametrize("args", [
    ["scan"],                                          # missing target
    ["scan", EXAMPLE, "--no-such-option"],
    ["scan", EXAMPLE, "--fail-on", "severe"],
    ["scan", EXAMPLE, "--severity", "loud"],
    ["scan", EXAMPLE, "--format", "docx"],
    ["scan", EXAMPLE, "--rule", "AISPM-NOPE-1"],
    ["scan", EXAMPLE, "--limit", "depth=0"],
    ["rules", "--format", "xml"],
    ["paths", EXAMPLE, "--status", "maybe"],
    ["query", "no-such-set", EXAMPLE],
    ["graph", EXAMPLE],                                 # --format is required
    ["diff", "only-one.json"],
    ["no-such-command"],
])
def test_usage_errors_exit_1(args: list[str]) -> None:
    res = run(*args)
    assert res.exit_code == 1, (args, res.exit_code, res.output[-500:])


@pytest.mark.parametrize("args", [
    ["scan", "MISSING"],
    ["paths", "MISSING"],
    ["query", "ai-endpoints", "MISSING"],
    ["graph", "MISSING", "--format", "graphml"],
])
def test_a_missing_target_exits_1_everywhere(tmp_path: Path, args: list[str]) -> None:
    args = [str(tmp_path / "missing") if a == "MISSING" else a for a in args]
    res = run(*args)
    assert res.exit_code == 1, (args, res.exit_code, res.output[-500:])
    assert "target does not exist" in " ".join(res.stderr.split())


def test_unreadable_input_exits_1_after_printing_what_was_read(tmp_path: Path, repo: Path) -> None:
    (repo / "infra" / "broken.tf").write_text('resource "azurerm_cognitive_account" "x" {\n  name = \n')
    for args in (["paths", str(repo), "-f", "json"], ["query", "ai-endpoints", str(repo), "-f", "json"]):
        res = run(*args)
        assert res.exit_code == 1 and res.stdout.startswith("["), args
    res = run("scan", str(repo), "-f", "json", "--soft-fail", "-q")
    assert res.exit_code == 1  # --soft-fail is about findings, not unread input
    res = run("scan", str(repo), "-f", "json", "--ignore-input-errors", "-q")
    assert res.exit_code == 2


def test_findings_exit_2_and_soft_fail_exits_0(repo: Path) -> None:
    assert run("scan", str(repo), "-q").exit_code == 2
    assert run("scan", str(repo), "-q", "--soft-fail").exit_code == 0
    assert run("scan", str(repo), "-q", "--exit-zero").exit_code == 0
    assert run("scan", str(repo), "-q", "--fail-on", "critical", "--rule", "AISPM-AZ-001").exit_code == 0
    assert run("paths", str(repo)).exit_code == 0
    assert run("query", "ai-endpoints", str(repo)).exit_code == 0
    assert run("graph", str(repo), "--format", "cypher").exit_code == 0


def test_severity_filters_what_is_shown_not_what_fails(repo: Path) -> None:
    import json

    res = run("scan", str(repo), "-f", "json", "-q", "--severity", "critical")
    assert res.exit_code == 2  # medium and high findings still fail the run
    shown = json.loads(res.stdout)["findings"]
    assert all(f["severity"] == "critical" for f in shown)
    table = run("scan", str(repo), "--severity", "high")
    assert table.exit_code == 2 and "AISPM-AZ-001" not in table.stdout  # medium: not shown
    assert "AISPM-AWS-025" in table.stdout  # high: shown
