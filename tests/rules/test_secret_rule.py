"""AISPM-SE-001: a credential written into code, config or a notebook is a finding, located and
redacted, in every output a CI pipeline reads (the report's exit code, SARIF)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from aispm.cli import main
from aispm.model import Status
from aispm.scan import ScanOptions, scan

# Built at run time so that this file does not itself hold a key-shaped string.
KEY = "sk-proj-" + "Q7mZ2xR9" * 6
AZURE_KEY = "8e3b1f0c" + "5d7a4926" + "b1e0f3c2" + "a9d84e7b"


def _failing(root: Path) -> None:
    (root / "app").mkdir()
    (root / "app" / "chat.py").write_text(
        "from openai import OpenAI\n"
        "\n"
        f'client = OpenAI(api_key="{KEY}")\n')
    (root / "settings.yaml").write_text(
        "openai:\n"
        "  endpoint: https://oai-contoso.openai.azure.com/\n"
        f"  api_key: {AZURE_KEY}\n")


def _passing(root: Path) -> None:
    (root / "app").mkdir()
    (root / "app" / "chat.py").write_text(
        "import os\n"
        "from openai import OpenAI\n"
        'client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])\n')
    (root / "settings.yaml").write_text(
        "openai:\n"
        "  endpoint: https://oai-contoso.openai.azure.com/\n"
        "  api_key: ${OPENAI_API_KEY}\n")


def _se001(root: Path) -> list:
    result = scan([root], ScanOptions(vulnerabilities=False, attack_paths=False))
    return [f for f in result.findings if f.rule_id == "AISPM-SE-001"]


def test_keys_in_code_and_config_fail_where_they_are_written(tmp_path: Path) -> None:
    _failing(tmp_path)
    found = sorted(_se001(tmp_path), key=lambda f: f.file)
    assert [(f.file, f.line, f.status) for f in found] == [("app/chat.py", 3, Status.FAIL),
                                                          ("settings.yaml", 3, Status.FAIL)]
    assert found[0].evidence["secret_kind"]["value"] == "api-key"
    for f in found:
        text = json.dumps(f.evidence) + f.message + f.title
        assert KEY not in text and AZURE_KEY not in text


def test_keys_read_from_the_environment_pass(tmp_path: Path) -> None:
    _passing(tmp_path)
    assert _se001(tmp_path) == []


def test_the_finding_reaches_sarif_redacted_and_fails_ci(tmp_path: Path) -> None:
    _failing(tmp_path)
    out = tmp_path.parent / f"{tmp_path.name}.sarif"
    res = CliRunner().invoke(main, ["scan", str(tmp_path), "--format", "sarif", "-o", str(out), "--offline",
                                    "--fail-on", "high", "-q"])
    assert res.exit_code == 2, res.output
    text = out.read_text()
    assert KEY not in text and AZURE_KEY not in text
    sarif = json.loads(text)
    results = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "AISPM-SE-001"]
    locations = sorted((r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                        r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results)
    assert locations == [("app/chat.py", 3), ("settings.yaml", 3)]
    assert {r["level"] for r in results} == {"error"}
