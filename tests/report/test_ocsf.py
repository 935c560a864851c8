"""The OCSF report (`--format ocsf`) is valid OCSF 1.8.0, checked offline: every event validates against
the JSON Schema of its class (Compliance Finding 2003, Vulnerability Finding 2002) generated from the
official OCSF schema by `scripts/ocsf_schema.py` (tests/report/ocsf/). Each rule finding carries the
rule's compliance mappings and verdict, each vulnerable library its advisory, `--compliance` adds one
event per requirement, and no secret of the scanned files is printed."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from aispm.cli import main
from aispm.compliance import FRAMEWORK_IDS
from aispm.rules import all_rules

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = Path(__file__).with_name("ocsf")
KEY = "sk-" + "Qv7Rt9Lx2Wb8Nc4Mr6Ty1Ui3Op5As0Df7Gh9Jk2Lz4Xc6Pm"  # built from parts: no literal key in this file


@pytest.fixture(scope="module")
def validators() -> dict[int, jsonschema.Draft202012Validator]:
    out = {}
    for uid, name in ((2003, "compliance_finding"), (2002, "vulnerability_finding")):
        schema = json.loads((SCHEMAS / f"{name}-1.8.0.schema.json").read_text())
        assert schema["$id"] == f"https://schema.ocsf.io/schema/1.8.0/classes/{name}"
        jsonschema.Draft202012Validator.check_schema(schema)
        out[uid] = jsonschema.Draft202012Validator(schema)
    return out


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> tuple[list[dict], dict]:
    """The OCSF and JSON reports of one scan: the examples, and an app with a key in its code and a
    vulnerable AI library."""
    app = tmp_path_factory.mktemp("app")
    (app / "app.py").write_text(f'from openai import OpenAI\nclient = OpenAI(api_key="{KEY}")\n')
    (app / "requirements.txt").write_text("langchain==0.1.0\nopenai==1.30.0\n")
    out = tmp_path_factory.mktemp("out")
    res = CliRunner().invoke(main, ["scan", str(ROOT / "examples"), str(app), "--offline", "-q",
                                    "--compliance", "owasp-llm-2025", "--compliance", "nist-ai-600-1",
                                    "-f", f"ocsf={out / 'aispm.ocsf.json'}", "-f", f"json={out / 'report.json'}"])
    assert res.exit_code == 2, res.output
    return json.loads((out / "aispm.ocsf.json").read_text()), json.loads((out / "report.json").read_text())


def test_every_event_validates_against_its_ocsf_class(validators, reports) -> None:
    events, _ = reports
    assert {e["class_uid"] for e in events} == {2002, 2003}
    for event in events:
        errors = list(validators[event["class_uid"]].iter_errors(event))
        assert not errors, (event["finding_info"]["uid"], [f"{list(e.path)}: {e.message[:200]}" for e in errors[:5]])


def test_the_schemas_are_strict(validators, reports) -> None:
    """A generated class schema, not a formality: it refuses an event without the compliance object,
    with an attribute OCSF does not have, or with a vulnerability naming both a CVE and an advisory."""
    events, _ = reports
    posture = next(e for e in events if e["class_uid"] == 2003)
    assert validators[2003].is_valid(posture)
    assert not validators[2003].is_valid({k: v for k, v in posture.items() if k != "compliance"})
    assert not validators[2003].is_valid({**posture, "aispm_rule": "x"})
    vuln = next(e for e in events if e["class_uid"] == 2002)
    both = dict(vuln["vulnerabilities"][0], cve={"uid": "CVE-2024-0001"}, advisory={"uid": "GHSA-x"})
    assert not validators[2002].is_valid({**vuln, "vulnerabilities": [both]})


def test_rule_findings_carry_their_mappings_and_verdict(reports) -> None:
    events, report = reports
    rules = {r.id: r for r in all_rules()}
    by_uid = {e["finding_info"]["uid"]: e for e in events}
    checked = 0
    for f in report["findings"]:
        if "advisory" in f:
            continue
        event = by_uid[f["id"]]
        compliance = event["compliance"]
        assert compliance["control"] == f["rule_id"]
        mapped = rules[f["rule_id"]].references.compliance
        assert compliance["requirements"] == [rid for fid in FRAMEWORK_IDS for rid in mapped.get(fid, ())]
        assert compliance["status"] == {"pass": "Pass", "fail": "Fail", "unknown": "Unknown"}[f["status"]]
        assert event["resources"][0]["uid"] == f["asset_uid"]
        checked += 1
    assert checked >= 50
    secret = next(e for e in events if e["compliance"].get("control") == "AISPM-SE-001"
                  and e["compliance"]["status"] == "Fail")
    assert "LLM02" in secret["compliance"]["requirements"]
    assert "OWASP Top 10 for LLM Applications 2025" in secret["compliance"]["standards"]


def test_vulnerable_libraries_are_vulnerability_findings(reports) -> None:
    events, report = reports
    vulns = [e for e in events if e["class_uid"] == 2002]
    assert len(vulns) == sum(1 for f in report["findings"] if "advisory" in f) > 0
    for e in vulns:
        v = e["vulnerabilities"][0]
        assert ("cve" in v) != ("advisory" in v)
        assert v["affected_packages"][0]["name"]
    assert any(v["vulnerabilities"][0]["affected_packages"][0]["name"] == "langchain" for v in vulns)


def test_compliance_adds_one_event_per_requirement(reports) -> None:
    events, report = reports
    coverage = [e for e in events if e["finding_info"]["uid"].startswith("aispm-compliance:")]
    expected = {(c["id"], r["id"]): r["status"] for c in report["compliance"] for r in c["requirements"]}
    assert len(coverage) == len(expected) == 10 + 12
    words = {"pass": "Pass", "fail": "Fail", "manual": "Manual", "not_covered": "Not covered"}
    for e in coverage:
        _, fid, rid = e["finding_info"]["uid"].split(":", 2)
        assert e["compliance"]["requirements"] == [rid]
        assert e["compliance"]["status"] == words[expected[(fid, rid)]]
    assert any(e["compliance"]["status"] == "Fail" and e["compliance"]["requirements"] == ["LLM03"] for e in coverage)


def test_no_secret_is_printed(reports) -> None:
    text = json.dumps(reports[0])
    assert KEY not in text and KEY[4:-2] not in text


def test_source_date_epoch_fixes_the_event_time(monkeypatch) -> None:
    """Reproducible output: two runs with the same SOURCE_DATE_EPOCH write the same bytes."""
    from aispm.report import ocsf
    from aispm.scan import scan

    result = scan([ROOT / "examples" / "vertex-ai"])
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    first = ocsf.render(result)
    assert first == ocsf.render(result)
    assert {e["time"] for e in json.loads(first)} == {1767225600000}
