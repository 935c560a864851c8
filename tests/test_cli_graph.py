"""`aispm paths`, `aispm query` and `aispm graph` on the bundled example, as a user runs them."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from click.testing import CliRunner

from aispm.cli import main

EXAMPLE = str(Path(__file__).parent.parent / "examples" / "azure-rag")


def _json(args: list[str]):
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def test_paths_are_ranked_and_filterable() -> None:
    paths = _json(["paths", EXAMPLE, "--format", "json", "--limit", "500"])
    assert paths, "the example has attack paths"
    scores = [p["score"] for p in paths]
    assert scores == sorted(scores, reverse=True)
    for p in paths:
        assert p["steps"][0]["asset_uid"] == p["entry"] and p["steps"][-1]["asset_uid"] == p["target"]
        assert p["status"] in ("confirmed", "possible") and p["remediation"]
    kinds = {p["target_kind"] for p in paths}
    one = sorted(kinds)[0]
    only = _json(["paths", EXAMPLE, "--format", "json", "--limit", "500", "--target-kind", one])
    assert only and {p["target_kind"] for p in only} == {one}
    through = _json(["paths", EXAMPLE, "--format", "json", "--limit", "500", "--asset", "azurerm_storage_account.docs"])
    assert through and all(any("azurerm_storage_account.docs" in s["asset_uid"] for s in p["steps"]) for p in through)
    assert _json(["paths", EXAMPLE, "--format", "json", "--min-score", "1000"]) == []


def test_paths_table_shows_verbs_and_choke_points() -> None:
    res = CliRunner().invoke(main, ["paths", EXAMPLE, "--limit", "3"])
    assert res.exit_code == 0
    assert "[has_role_on]" in res.stdout or "[calls]" in res.stdout
    assert "Choke points" in res.stdout


def test_query_finds_public_grounding_data() -> None:
    rows = _json(["query", "grounding-data where public", EXAMPLE, "--format", "json"])
    names = {r["name"] for r in rows}
    assert "stcontosoragdocs" in names  # public network access, grounding the search index
    assert "hub-contoso-rag" not in names
    bad = CliRunner().invoke(main, ["query", "nonsense where x", EXAMPLE])
    assert bad.exit_code == 1 and "unknown set" in bad.output


def test_graph_exports(tmp_path: Path) -> None:
    out = tmp_path / "g.graphml"
    res = CliRunner().invoke(main, ["graph", EXAMPLE, "--format", "graphml", "-o", str(out)])
    assert res.exit_code == 0
    root = ET.parse(out).getroot()
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    assert len(root.findall(".//g:node", ns)) > 10 and len(root.findall(".//g:edge", ns)) > 10
    cypher = CliRunner().invoke(main, ["graph", EXAMPLE, "--format", "cypher"]).stdout
    assert cypher.count("MERGE (n:Asset") > 10 and cypher.count("]->(b)") > 10


def test_example_has_attack_paths_from_code_to_iac() -> None:
    """The bundled estate shows at least three paths that cross from code (app code, leaked
    key, dependencies) to the infrastructure the IaC declares."""
    paths = _json(["paths", EXAMPLE, "--format", "json", "--limit", "500"])
    iac = ("terraform:", "bicep:", "arm:")
    code = ("python-code:", "python-deps:", "azd:", "secrets:", "js-code:", "notebook:")
    crossing = [p for p in paths
                if any(s["asset_uid"].startswith(code) for s in p["steps"])
                and any(s["asset_uid"].startswith(iac) for s in p["steps"])]
    assert len(crossing) >= 3, [p["title"] for p in paths]
    # the leaked key in scripts/ingest.py opens the Azure OpenAI account the Terraform module declares
    assert any(p["entry"].startswith("python-code:scripts/ingest.py") and
               p["target"] == "terraform:infra:module.openai.azurerm_cognitive_account.this" for p in crossing)


def test_entry_evidence_names_vulnerabilities_two_hops_away() -> None:
    """app → runs → code project → contains → library: the path says which advisories."""
    paths = _json(["paths", EXAMPLE, "--format", "json", "--limit", "500", "--entry-kind", "internet-exposed-compute"])
    assert paths
    evidence = paths[0]["steps"][0]["evidence"]
    assert "in langchain (" in evidence and "PYSEC-" in evidence
