"""Coverage of a framework per requirement: what `aispm scan --compliance` reports and users act on
(pass, fail with the failing findings counted, manual, not covered), in the JSON report, from the
command line and from `.aispm.yaml`, and `aispm rules --compliance` listing the mappings."""

from __future__ import annotations

import importlib.resources
import json
from pathlib import Path

import jsonschema
from click.testing import CliRunner

from aispm.cli import main
from aispm.compliance.coverage import evaluate
from aispm.model import Finding, Pillar, References, Severity, Status
from aispm.rules import all_rules

ROOT = Path(__file__).resolve().parents[2]
RULES = all_rules()
GROUNDING = next(r for r in RULES if r.id == "AISPM-AWS-012")  # the one rule mapped to LLM09 Misinformation


def _finding(rule, status: Status, suppressed: str | None = None, advisory: dict | None = None) -> Finding:
    return Finding(rule_id=rule.id if rule else "PYSEC-0000-1", title="t", severity=Severity.HIGH,
                   pillar=Pillar.AI if rule else Pillar.VULNERABILITY, status=status, asset_uid="a",
                   evidence={}, references=rule.references if rule else References(), suppressed_reason=suppressed,
                   advisory=advisory)


def _status(findings: list[Finding], fid: str = "owasp-llm-2025") -> dict[str, object]:
    return {r.id: r for r in evaluate(fid, RULES, findings).requirements}


def test_a_requirement_passes_fails_or_needs_a_person() -> None:
    assert _status([])["LLM09"].status == "manual"  # a rule maps, but nothing here was judged by it
    assert _status([_finding(GROUNDING, Status.UNKNOWN)])["LLM09"].status == "manual"
    assert _status([_finding(GROUNDING, Status.PASS)])["LLM09"].status == "pass"
    failed = _status([_finding(GROUNDING, Status.PASS), _finding(GROUNDING, Status.FAIL),
                      _finding(GROUNDING, Status.FAIL)])["LLM09"]
    assert (failed.status, failed.failing, failed.passing, failed.failing_rules) == ("fail", 2, 1, ["AISPM-AWS-012"])


def test_a_suppressed_failure_does_not_fail_the_requirement() -> None:
    req = _status([_finding(GROUNDING, Status.PASS), _finding(GROUNDING, Status.FAIL, suppressed="accepted risk")])
    assert req["LLM09"].status == "pass"


def test_a_vulnerable_library_fails_supply_chain() -> None:
    req = _status([_finding(None, Status.FAIL, advisory={"id": "PYSEC-0000-1"})])["LLM03"]
    assert req.status == "fail" and req.failing_rules == ["advisories"]


def test_requirements_without_rules_are_not_covered_or_manual() -> None:
    agentic = _status([], "owasp-agentic-2026")
    assert agentic["ASI06"].status == "not_covered" and not agentic["ASI06"].rules
    assert agentic["ASI08"].status == "manual"  # marked manual in the catalogue: a person answers it
    assert _status([], "iso-42001")["A.2.2"].status == "manual"


def _scan(*args: str) -> tuple[int, dict]:
    res = CliRunner().invoke(main, ["scan", str(ROOT / "examples" / "aws-bedrock-agent"), "-f", "json", "-q",
                                    "--offline", *args])
    assert res.exit_code in (0, 2), res.output
    return res.exit_code, json.loads(res.stdout)


def test_scan_reports_the_coverage_of_the_frameworks_asked_for() -> None:
    _, report = _scan("--compliance", "owasp-llm-2025", "--compliance", "mitre-atlas")
    schema = json.loads(importlib.resources.files("aispm.report").joinpath("scan-report-1.schema.json").read_text())
    jsonschema.validate(report, schema)
    llm, atlas = report["compliance"]
    assert (llm["id"], atlas["id"]) == ("owasp-llm-2025", "mitre-atlas")
    assert sum(llm["summary"].values()) == len(llm["requirements"]) == 10
    failing = {f["rule_id"] for f in report["findings"] if f["status"] == "fail" and not f["suppressed_reason"]}
    for req in llm["requirements"]:
        assert (req["status"] == "fail") == bool(set(req["rules"]) & failing), req
        assert set(req["failing_rules"]) == set(req["rules"]) & failing
    assert llm["summary"]["fail"] >= 1  # the example agent has failing injection and agency checks
    assert _scan()[1]["compliance"] == []  # nothing asked, nothing computed


def test_the_config_file_asks_for_frameworks(tmp_path: Path) -> None:
    config = tmp_path / "aispm.yaml"
    config.write_text("compliance:\n  - owasp-agentic-2026\n")
    _, report = _scan("--config", str(config))
    assert [c["id"] for c in report["compliance"]] == ["owasp-agentic-2026"]
    config.write_text("compliance: [owasp-llm-2099]\n")
    res = CliRunner().invoke(main, ["scan", str(ROOT / "examples" / "aws-bedrock-agent"), "--config", str(config)])
    assert res.exit_code == 1 and "compliance" in res.output


def test_an_unknown_framework_is_a_usage_error() -> None:
    res = CliRunner().invoke(main, ["scan", str(ROOT / "examples"), "--compliance", "pci-dss"])
    assert res.exit_code == 1 and "pci-dss" in res.output


def test_rules_lists_the_mappings_of_a_framework() -> None:
    res = CliRunner().invoke(main, ["rules", "--compliance", "owasp-llm-2025", "-f", "json"])
    assert res.exit_code == 0, res.output
    rows = {r["id"]: r for r in json.loads(res.stdout)["requirements"]}
    assert "advisories" in rows["LLM03"]["rules"] and "AISPM-ART-020" in rows["LLM03"]["rules"]
    assert rows["LLM09"]["rules"] == ["AISPM-AWS-012"]
    table = CliRunner().invoke(main, ["rules", "--compliance", "iso-42001"], env={"COLUMNS": "200"})
    assert table.exit_code == 0 and "A.6.2.8" in table.output and "AISPM-AZ-005" in table.output


def test_a_rule_shows_its_requirements_with_their_titles() -> None:
    res = CliRunner().invoke(main, ["rules", "AISPM-AG-012"], env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.output
    assert "ASI01 Agent Goal Hijack" in res.output
    assert "AML.T0086 Exfiltration via AI Agent Tool Invocation" in res.output
    assert "NIST AI 600-1 (AI RMF Generative AI Profile) July 2024: Data Privacy" in res.output
