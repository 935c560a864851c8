"""Every finding says how to fix it, in the language of the input that declared it: the JSON
finding's `remediation` (steps, the change for its format, the rule's page), the fixed version
for a vulnerable library, and `aispm rules ID` printing one rule whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from aispm.cli import main
from aispm.report.remediation import ADVISORY_URL, RULES_URL
from aispm.rules import all_rules

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "rules" / "cases"


def _failing(target: Path, rule_id: str) -> list[dict]:
    res = CliRunner().invoke(main, ["scan", str(target), "-f", "json", "-q", "--offline"])
    assert res.exit_code == 2, res.output
    return [f for f in json.loads(res.stdout)["findings"] if f["rule_id"] == rule_id and f["status"] == "fail"]


@pytest.mark.parametrize("rule_id, case, form, language, text", [
    ("AISPM-AZ-001", "main.tf", "terraform", "hcl", "local_auth"),
    ("AISPM-AZ-001", "main.bicep", "bicep", "bicep", "disableLocalAuth"),
    ("AISPM-AZ-001", "azuredeploy.json", "arm", "json", "disableLocalAuth"),
    ("AISPM-AWS-002", "template.yaml", "config", "yaml", "GuardrailConfiguration"),
    ("AISPM-AWS-002", "main.tf", "terraform", "hcl", "guardrail_configuration"),
])
def test_the_json_finding_carries_the_fix_in_its_inputs_language(rule_id: str, case: str, form: str, language: str,
                                                                 text: str, tmp_path: Path) -> None:
    (tmp_path / case).write_text((CASES / rule_id / case).read_text())
    found = _failing(tmp_path, rule_id)
    assert found, f"{rule_id} should fail on its failing case {case}"
    rule = next(r for r in all_rules() if r.id == rule_id)
    for f in found:
        fix = f["remediation"]
        assert fix["steps"] == list(rule.fix.steps)
        assert fix["form"] == form
        assert fix["changes"] and {c["form"] for c in fix["changes"]} == {form}
        assert {c["language"] for c in fix["changes"]} == {language}
        assert any(text in c["code"] for c in fix["changes"])
        assert fix["url"] == f"{RULES_URL}{rule_id}.md"
        assert (ROOT / "docs" / "rules" / f"{rule_id}.md").is_file()


def test_a_vulnerable_library_gets_its_fixed_version() -> None:
    res = CliRunner().invoke(main, ["scan", str(ROOT / "examples" / "azure-rag"), "-f", "json", "-q", "--offline"])
    advisories = [f for f in json.loads(res.stdout)["findings"] if f.get("advisory") and f["status"] == "fail"]
    assert advisories
    for f in advisories:
        fix = f["remediation"]
        assert fix["fixed_versions"] == f["advisory"]["fixed"]
        assert fix["url"] == ADVISORY_URL + f["rule_id"]
        if fix["fixed_versions"]:
            assert f"to {fix['fixed_versions'][0]}" in fix["steps"][0]


def test_every_rule_has_steps_and_a_page() -> None:
    for rule in all_rules():
        assert rule.fix.steps or rule.remediation, rule.id
        if rule.id.startswith("AISPM-"):
            assert (ROOT / "docs" / "rules" / f"{rule.id}.md").is_file(), rule.id


def test_rules_id_shows_one_rule_whole() -> None:
    res = CliRunner().invoke(main, ["rules", "AISPM-AZ-001"], env={"COLUMNS": "100"})
    assert res.exit_code == 0, res.output
    out = res.stdout
    rule = next(r for r in all_rules() if r.id == "AISPM-AZ-001")
    flat = " ".join(out.split())
    assert rule.title in flat and " ".join(rule.risk.split()) in flat
    for n, step in enumerate(rule.fix.steps, 1):
        assert f"{n}. {' '.join(step.split())}" in flat
    for change in rule.fix.changes:  # every fix form, its code as written
        assert change.label in out
        for line in change.code.splitlines():
            assert line.rstrip() in out
    assert rule.references.defender in flat
    assert f"{RULES_URL}AISPM-AZ-001.md" in out
    as_json = CliRunner().invoke(main, ["rules", "AISPM-AZ-001", "-f", "json"])
    assert json.loads(as_json.stdout)["id"] == "AISPM-AZ-001"
    unknown = CliRunner().invoke(main, ["rules", "AISPM-XX-999"])
    assert unknown.exit_code == 1 and "AISPM-XX-999" in unknown.output
