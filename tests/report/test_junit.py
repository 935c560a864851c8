"""The JUnit XML report validates, offline, against the JUnit XSD Jenkins' xunit plugin ships
(`schemas/junit-10.xsd`, MIT, see NOTICE) — the schema GitLab, Azure DevOps and Jenkins readers
accept — for every example estate and every attack-path estate, and says what a CI test view
needs: a suite per rule, a failure per failing finding with its place and fix, skipped cases for
what does not fail the run, the input errors, and no secret."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import xmlschema
from click.testing import CliRunner

from aispm.cli import main
from aispm.model import Status
from aispm.report import junit
from aispm.scan import scan

ROOT = Path(__file__).resolve().parents[2]
ESTATES = sorted(p.relative_to(ROOT).as_posix() for base in ("examples", "tests/graph/estates")
                 for p in (ROOT / base).iterdir() if p.is_dir())
KEY = "sk-proj-" + "Ab3Cd5Ef7Gh9Ij1Kl3Mn5Op7Qr9St1Uv3Wx5Yz7Ab9Cd1Ef3Gh5Ij7Kl9Mn1Op3Qr5St7Uv9"


@pytest.fixture(scope="module")
def schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(Path(__file__).parent / "schemas" / "junit-10.xsd"))


@pytest.fixture(scope="module")
def repo(tmp_path_factory, accounts_tf) -> Path:
    root = tmp_path_factory.mktemp("junit")
    (root / ".git").mkdir()
    (root / "main.tf").write_text(accounts_tf("legacy client needs keys until Q3"))
    (root / "app.py").write_text(f'from openai import OpenAI\n\nclient = OpenAI(api_key="{KEY}")\n')
    (root / "broken.tf").write_text('resource "azurerm_cognitive_account" "x" {\n  name = \n')
    return root


def _suites(text: str) -> dict[str, ET.Element]:
    """Suites by their rule id (the `rule` property), the input errors' suite by its name."""
    out = {}
    for suite in ET.fromstring(text).iter("testsuite"):
        rule = next((p.get("value") for p in suite.iter("property") if p.get("name") == "rule"), None)
        out[rule or suite.get("name")] = suite
    return out


@pytest.mark.parametrize("estate", ESTATES)
def test_every_estate_gives_a_valid_junit_report(schema, estate: str, tmp_path: Path) -> None:
    out = tmp_path / "aispm.xml"
    res = CliRunner().invoke(main, ["scan", str(ROOT / estate), "-f", f"junit={out}", "--offline", "-q",
                                    "--ignore-input-errors"])
    assert res.exit_code in (0, 2), res.output
    text = out.read_text(encoding="utf-8")
    schema.validate(text)
    root = ET.fromstring(text)
    cases = list(root.iter("testcase"))
    assert cases, "an estate with findings gives test cases"
    failures = [c for c in cases if c.find("failure") is not None]
    assert int(root.get("failures")) == len(failures)
    assert int(root.get("tests")) == len(cases)
    assert (res.exit_code == 2) == bool(failures)  # red tests exactly when the run fails


def test_a_failure_says_where_what_and_how_to_fix_it(repo: Path) -> None:
    text = junit.render(scan([repo]))
    suite = _suites(text)["AISPM-AZ-001"]
    assert suite.get("name").startswith("AISPM-AZ-001: ")
    props = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert props["severity"] and props["help"].endswith("docs/rules/AISPM-AZ-001.md")
    cases = {c.get("name"): c for c in suite.iter("testcase")}
    failing = cases["azurerm_cognitive_account.open (main.tf)"]
    assert failing.get("classname") == f"aispm.{props['pillar']}.AISPM-AZ-001"
    failure = failing.find("failure")
    assert failure.get("type") == props["severity"]
    assert "main.tf:1" in failure.get("message")
    assert "Location: main.tf:1" in failure.text and "Fix:" in failure.text and props["help"] in failure.text
    # the rule passed on the closed account: a green case of the same suite
    passing = cases["azurerm_cognitive_account.closed (main.tf)"]
    assert list(passing) == []
    # the suppressed one does not fail the run: skipped, with the reason written in the comment
    skipped = cases["azurerm_cognitive_account.waived (main.tf)"].find("skipped")
    assert skipped is not None and "legacy client needs keys until Q3" in skipped.get("message")
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped")) == ("3", "1", "1")


def test_unknown_verdicts_are_skipped_not_failed() -> None:
    result = scan([ROOT / "tests/graph/estates/01-exposed-ai-endpoint-keys"])
    unknown = [f for f in result.findings if f.status is Status.UNKNOWN]
    assert unknown
    root = ET.fromstring(junit.render(result))
    skipped = [c for c in root.iter("testcase") if (s := c.find("skipped")) is not None
               and s.get("message", "").startswith("unknown")]
    assert len(skipped) == len(unknown)


def test_input_errors_are_error_cases(repo: Path, schema) -> None:
    result = scan([repo])
    assert any(e.file == "broken.tf" for e in result.errors)
    text = junit.render(result)
    schema.validate(text)
    suite = _suites(text)["aispm input errors"]
    case = next(c for c in suite.iter("testcase") if c.get("name").startswith("broken.tf"))
    assert case.find("error") is not None
    assert int(ET.fromstring(text).get("errors")) == len(result.errors)


def test_no_secret_and_no_character_xml_cannot_hold(repo: Path, schema) -> None:
    result = scan([repo])
    text = junit.render(result)
    assert KEY not in text and KEY[8:-2] not in text
    assert _suites(text)["AISPM-SE-001"] is not None  # the key was found, and is reported redacted
    # a control character from a hostile file name or message is escaped, and the XML stays valid
    result.findings[0].message = "bell\x07 and nul\x00 here"
    result.findings[0].status = Status.FAIL
    text = junit.render(result)
    schema.validate(text)
    assert "bell\\x07 and nul\\x00 here" in text


def test_a_baseline_finding_is_skipped_like_the_exit_code_ignores_it(repo: Path) -> None:
    result = scan([repo])
    for f in result.findings:
        if f.status is Status.FAIL:
            f.baseline = "existing"
    root = ET.fromstring(junit.render(result))
    assert root.get("failures") == "0"
    assert any((s := c.find("skipped")) is not None and s.get("message").startswith("in the baseline")
               for c in root.iter("testcase"))
