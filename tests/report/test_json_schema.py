"""The JSON report keeps its published contract: `src/aispm/report/scan-report-1.schema.json`
(JSON Schema 2020-12, shipped in the package for users' pipelines) validates the reports of
the bundled example and of a tree with every source and finding kind, and the report's
references hold together (every uid a relation, finding or path names is an asset)."""

from __future__ import annotations

import importlib.resources
import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from aispm.cli import main

ROOT = Path(__file__).resolve().parents[2]
TREES = {
    "example": ["examples/azure-rag"],
    "every-source": ["tests/graph/estates", "tests/sources/agents/fixtures", "tests/sources/code/fixtures",
                     "tests/sources/outputs", "tests/rules/cases/AISPM-AZ-060", "tests/sources/deps/fixtures",
                     "tests/sources/bicep/fixtures", "tests/sources/arm/fixtures"],
}


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(importlib.resources.files("aispm.report").joinpath("scan-report-1.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("tree", sorted(TREES))
def test_reports_follow_the_published_schema(validator, tree: str, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    res = CliRunner().invoke(main, ["scan", *[str(ROOT / t) for t in TREES[tree]], "--format", "json", "-o",
                                    str(out), "--offline", "-q", "--ignore-input-errors",
                                    "--compliance", "owasp-llm-2025", "--compliance", "mitre-atlas"])
    assert res.exit_code in (0, 2), res.output
    report = json.loads(out.read_text())
    errors = sorted(validator.iter_errors(report), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])
    uids = {a["uid"] for a in report["assets"]}
    assert len(uids) == len(report["assets"])
    assert all(r["from"] in uids and r["to"] in uids for r in report["relations"])
    assert all(f["asset_uid"] in uids for f in report["findings"])
    assert all(s["asset_uid"] in uids for p in report["attack_paths"] for s in p["steps"])
    assert all(c["asset_uid"] in uids for c in report["choke_points"])
    assert report["attack_paths"] and report["findings"]
    assert [c["id"] for c in report["compliance"]] == ["owasp-llm-2025", "mitre-atlas"]
    assert all("compliance" in p for p in report["attack_paths"])
    if tree == "every-source":  # a path from a leaked credential names the requirements its entry is
        assert any(p["compliance"].get("mitre-atlas") for p in report["attack_paths"])


def test_the_schema_rejects_what_the_contract_forbids(validator) -> None:
    """The schema is not a formality: a report missing a contract key or with a status outside the
    vocabulary does not validate."""
    report = {"schema": "aispm/scan-report@1", "tool": {"name": "aispm", "version": "0"}, "targets": [],
              "summary": {"files_scanned": 0, "assets": 0, "relations": 0, "errors": 0,
                          "findings": {"fail": 0, "pass": 0, "unknown": 0, "suppressed": 0},
                          "failing_by_severity": {"critical": 0, "high": 0, "medium": 0, "low": 0, "info": 0}},
              "assets": [], "relations": [], "findings": [], "errors": []}
    assert validator.is_valid(report)
    assert not validator.is_valid({**report, "schema": "aispm/scan-report@2"})
    assert not validator.is_valid({k: v for k, v in report.items() if k != "findings"})
    path = {"id": "p", "title": "t", "score": 50, "status": "possible", "entry": "a", "target": "b",
            "steps": [{"asset_uid": "a", "verb": None}], "risk_factors": [], "unknowns": [], "remediation": "r"}
    assert not validator.is_valid({**report, "attack_paths": [path]})  # possible, yet nothing unknown
    assert validator.is_valid({**report, "attack_paths": [{**path, "unknowns": ["whether b accepts keys"]}]})
    path = {**path, "unknowns": ["whether b accepts keys"]}
    assert validator.is_valid({**report, "attack_paths": [{**path, "compliance": {"mitre-atlas": ["AML.T0055"]}}]})
    assert not validator.is_valid({**report, "attack_paths": [{**path, "compliance": {"mitre-atlas": "AML.T0055"}}]})
    assert not validator.is_valid({**report, "attack_paths": [{**path, "compliance": ["AML.T0055"]}]})
