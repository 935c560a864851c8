"""The CLI and the three reports on the bundled example estate, as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from aispm.cli import EXIT_FINDINGS, EXIT_OK, main
from aispm.rules import all_rules
from aispm.rules.coverage import recommendations

EXAMPLE = Path(__file__).parent.parent / "examples" / "azure-rag"


@pytest.fixture(scope="module")
def json_report() -> dict:
    res = CliRunner().invoke(main, ["scan", str(EXAMPLE), "--format", "json"])
    assert res.exit_code == EXIT_FINDINGS, res.output
    return json.loads(res.stdout)


def test_json_report_follows_the_contract(json_report: dict) -> None:
    r = json_report
    assert r["schema"] == "aispm/scan-report@1"
    assert r["errors"] == []
    for a in r["assets"]:
        assert {"uid", "provider", "type", "name", "kind", "origin", "facts", "properties"} <= a.keys()
        assert {"file", "line", "address"} <= a["origin"].keys()
        assert not Path(a["origin"]["file"]).is_absolute()
    for rel in r["relations"]:
        assert {"from", "verb", "to"} <= rel.keys()
    for f in r["findings"]:
        assert {"id", "rule_id", "title", "severity", "pillar", "status", "asset_uid", "evidence", "references"} <= f.keys()
        assert {"defender", "checkov", "prowler"} <= f["references"].keys()
    uids = {a["uid"] for a in r["assets"]}
    assert all(f["asset_uid"] in uids for f in r["findings"])
    assert all(rel["from"] in uids and rel["to"] in uids for rel in r["relations"])


def test_example_inventory_and_relations(json_report: dict) -> None:
    assets = {a["origin"]["address"]: a for a in json_report["assets"]}
    account = assets["module.openai.azurerm_cognitive_account.this"]
    assert account["type"] == "Microsoft.CognitiveServices/accounts"
    assert account["kind"] == "ai-service"
    assert account["origin"]["file"] == "infra/modules/openai/main.tf"
    chat = assets["module.openai.azurerm_cognitive_deployment.chat"]
    assert chat["kind"] == "model-deployment"
    assert chat["facts"]["model"] == "OpenAI/gpt-4o@2024-08-06"
    verbs = {(rel["from"], rel["verb"], rel["to"]) for rel in json_report["relations"]}
    by_addr = {a["origin"]["address"]: a["uid"] for a in json_report["assets"]}
    assert (by_addr["module.openai.azurerm_cognitive_account.this"], "deploys", chat["uid"]) in verbs
    assert (by_addr["azurerm_linux_web_app.chat"], "has_role_on",
            by_addr["module.openai.azurerm_cognitive_account.this"]) in verbs
    assert (by_addr["azurerm_search_service.search"], "grounded_on", by_addr["azurerm_storage_account.docs"]) in verbs
    assert (by_addr["module.openai.azurerm_cognitive_account.this"], "grounded_on",
            by_addr["azurerm_search_service.search"]) in verbs
    assert any(v == "uses_model" for _, v, _ in verbs)


def test_example_findings_are_the_expected_mix(json_report: dict) -> None:
    status = {(f["rule_id"], f["address"]): f["status"] for f in json_report["findings"]}
    # the caller re-enabled keys on a module that disables them by default
    assert status[("AISPM-AZ-001", "module.openai.azurerm_cognitive_account.this")] == "fail"
    # the module's own secure default: no public network access, private endpoint declared separately
    assert status[("AISPM-AZ-006", "module.openai.azurerm_cognitive_account.this")] == "pass"
    assert status[("AISPM-AZ-003", "module.openai.azurerm_cognitive_account.this")] == "pass"
    assert status[("AISPM-AZ-005", "module.openai.azurerm_cognitive_account.this")] == "pass"
    # content filter: strict policy passes, the annotate-only one fails
    assert status[("AISPM-AZ-010", "module.openai.azurerm_cognitive_deployment.chat")] == "pass"
    assert status[("AISPM-AZ-010", "module.openai.azurerm_cognitive_deployment.embedding")] == "fail"
    # search open to 0.0.0.0/0, and the grounding storage is public
    assert status[("AISPM-AZ-017", "azurerm_search_service.search")] == "fail"
    assert status[("AISPM-AZ-050", "azurerm_storage_account.docs")] == "fail"
    # the Foundry hub (Bicep): private by default parameter, but storage reached with keys
    assert status[("AISPM-AZ-020", "Microsoft.MachineLearningServices/workspaces.hub")] == "pass"
    assert status[("AISPM-AZ-021", "Microsoft.MachineLearningServices/workspaces.hub")] == "pass"
    assert status[("AISPM-AZ-027", "Microsoft.MachineLearningServices/workspaces.hub")] == "fail"


def test_sarif_is_what_github_code_scanning_accepts(tmp_path: Path) -> None:
    out = tmp_path / "aispm.sarif"
    res = CliRunner().invoke(main, ["scan", str(EXAMPLE), "--format", "sarif", "-o", str(out)])
    assert res.exit_code == EXIT_FINDINGS
    sarif = json.loads(out.read_text())
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    for r in rules.values():
        assert r["shortDescription"]["text"] and r["fullDescription"]["text"] and r["help"]["text"]
        sev = r["properties"]["security-severity"]
        assert isinstance(sev, str) and 0.1 <= float(sev) <= 10.0
    assert run["results"], "the example has failing findings"
    fingerprints = set()
    for result in run["results"]:
        assert result["ruleId"] in rules
        assert result["message"]["text"]
        loc = result["locations"][0]["physicalLocation"]
        uri = loc["artifactLocation"]["uri"]
        assert uri and not uri.startswith("/") and "://" not in uri
        assert (EXAMPLE / uri).is_file()
        assert loc["region"]["startLine"] >= 1
        fp = result["partialFingerprints"]["primaryLocationLineHash"]
        assert fp not in fingerprints
        fingerprints.add(fp)
    # stable: a second run gives the same fingerprints
    again = json.loads(CliRunner().invoke(main, ["scan", str(EXAMPLE), "--format", "sarif"]).stdout)
    assert {r["partialFingerprints"]["primaryLocationLineHash"] for r in again["runs"][0]["results"]} == fingerprints


def test_table_report_and_exit_codes() -> None:
    runner = CliRunner()
    res = runner.invoke(main, ["scan", str(EXAMPLE), "--inventory"], env={"COLUMNS": "200"})
    assert res.exit_code == EXIT_FINDINGS
    assert "AI inventory" in res.stdout and "AISPM-AZ-017" in res.stdout
    lines = [line.strip() for line in res.stdout.splitlines()]
    # the inventory covers code as well as IaC: the SDK client and where it points, the AI libraries (only those)
    at = lines.index("ai-client        AzureOpenAI · openai → oai-contoso-rag")
    assert lines[at + 1] == "app/app.py:13"
    at = lines.index("library          openai · 1.30.1 · llm-sdk")
    assert lines[at + 1] == "app/requirements.txt:4"
    assert not any(line.startswith("library          fastapi") for line in lines)
    # the leaked key is a finding, and the top attack paths are shown with their fix
    assert "AISPM-SE-001" in res.stdout
    assert "Top attack paths (5 of " in res.stdout and "`aispm paths` lists and filters them all" in res.stdout
    assert "Choke points (paths): oai-contoso-rag " in res.stdout
    assert "0 input errors" in res.stdout
    # nothing in the example is critical: --fail-on critical gives 0
    res = runner.invoke(main, ["scan", str(EXAMPLE), "--format", "json", "--fail-on", "critical"])
    assert res.exit_code == EXIT_OK
    res = runner.invoke(main, ["scan", str(EXAMPLE), "--fail-on", "bogus"])
    assert res.exit_code != 0 and "severity" in res.output


def test_rules_command_lists_the_catalogue() -> None:
    res = CliRunner().invoke(main, ["rules", "--format", "json"])
    assert res.exit_code == 0
    listed = json.loads(res.stdout)
    assert [r["id"] for r in listed] == [r.id for r in all_rules()]
    for r in listed:
        assert r["title"] and r["severity"] and r["pillar"] and r["risk"] and r["remediation"]
        assert "defender" in r["references"] and "checkov" in r["references"]


def test_rules_coverage_counts_defender_titles_per_cloud() -> None:
    res = CliRunner().invoke(main, ["rules", "--coverage", "--format", "json"])
    assert res.exit_code == 0
    cov = {c["provider"]: c for c in json.loads(res.stdout)}
    assert set(cov) == {"azure", "aws", "gcp"}
    for provider, c in cov.items():
        named = {r.references.defender for r in all_rules() if r.references.defender}
        titles = [x["title"] for x in recommendations() if x["provider"].lower() == provider]
        assert c["total"] == len(set(titles))
        assert c["covered"] == len({t for t in titles if t in named})
        assert not set(c["missing"]) & named
    table = CliRunner().invoke(main, ["rules", "--coverage"])
    assert f"AWS {cov['aws']['covered']}/{cov['aws']['total']}" in table.output


def test_rule_metadata_names_real_defender_recommendations() -> None:
    titles = {r["title"] for r in recommendations()}
    for rule in all_rules():
        if rule.references.defender:
            assert rule.references.defender in titles, rule.id
