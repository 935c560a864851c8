"""Bad input gets a clear error naming the file, and loses nothing else."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from aispm.cli import EXIT_ERROR, main
from aispm.scan import ScanOptions, scan

GOOD_ARM = {
    "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    "contentVersion": "1.0.0.0",
    "resources": [
        {
            "type": "Microsoft.CognitiveServices/accounts",
            "apiVersion": "2024-10-01",
            "name": "good-arm",
            "location": "westeurope",
            "kind": "OpenAI",
            "sku": {"name": "S0"},
            "properties": {"disableLocalAuth": True},
        }
    ],
}

GOOD_TF = '''
resource "azurerm_cognitive_account" "good_tf" {
  name                = "good-tf"
  location            = "westeurope"
  resource_group_name = "rg"
  kind                = "OpenAI"
  sku_name            = "S0"
  local_auth_enabled  = false
}
'''

GOOD_BICEP = """
resource goodBicep 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'good-bicep'
  location: 'westeurope'
  kind: 'OpenAI'
  sku: { name: 'S0' }
  properties: { disableLocalAuth: true }
}
"""


@pytest.fixture()
def messy_tree(tmp_path: Path) -> Path:
    (tmp_path / "good").mkdir()
    (tmp_path / "good" / "arm.json").write_text(json.dumps(GOOD_ARM, indent=2))
    (tmp_path / "good" / "main.tf").write_text(GOOD_TF)
    (tmp_path / "good" / "main.bicep").write_text(GOOD_BICEP)

    bad = tmp_path / "bad"
    bad.mkdir()
    text = json.dumps(GOOD_ARM, indent=2)
    (bad / "truncated.json").write_text(text[: len(text) // 2])
    (bad / "broken.tf").write_text('resource "azurerm_cognitive_account" "x" {\n  name = "a"\n  kind = \n}\n')
    (bad / "broken.bicep").write_text("resource x 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\n  name: 'x'\n  properties: {\n")
    (bad / "latin1.tf").write_bytes('# caf\xe9\nresource "azurerm_search_service" "s" {}\n'.encode("latin-1"))
    # a 50 MB template: valid JSON, padded with a large string
    big = dict(GOOD_ARM)
    big["metadata"] = {"padding": "x" * (50 * 1024 * 1024)}
    (bad / "huge.json").write_text(json.dumps(big))
    # a symlink loop
    os.symlink(tmp_path / "bad", bad / "loop")
    return tmp_path


def test_bad_files_are_reported_and_good_ones_still_scanned(messy_tree: Path) -> None:
    result = scan([messy_tree])
    files_with_errors = {e.file for e in result.errors}
    assert "bad/truncated.json" in files_with_errors
    assert "bad/broken.tf" in files_with_errors
    assert "bad/broken.bicep" in files_with_errors
    assert "bad/latin1.tf" in files_with_errors
    assert "bad/huge.json" in files_with_errors
    assert any(e.file.startswith("bad/loop") and "loop" in e.message for e in result.errors)

    by_file = {e.file: e for e in result.errors}
    assert by_file["bad/truncated.json"].line is not None
    assert by_file["bad/broken.tf"].line == 3
    assert by_file["bad/broken.bicep"].line is not None
    assert "MB" in by_file["bad/huge.json"].message and "--max-file-size" in by_file["bad/huge.json"].message

    names = {a.name for a in result.assets}
    assert {"good-arm", "good-tf", "good-bicep"} <= names


def test_cli_never_exits_zero_when_input_was_skipped(messy_tree: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(main, ["scan", str(messy_tree), "--format", "json", "--fail-on", "critical"])
    assert res.exit_code == EXIT_ERROR
    report = json.loads(res.stdout)
    assert {e["file"] for e in report["errors"]} >= {"bad/truncated.json", "bad/broken.tf", "bad/broken.bicep"}
    assert "bad/broken.tf" in res.stderr


def test_max_file_size_can_be_raised(tmp_path: Path) -> None:
    big = dict(GOOD_ARM)
    big["metadata"] = {"padding": "x" * (2 * 1024 * 1024)}
    (tmp_path / "big.json").write_text(json.dumps(big))
    small = scan([tmp_path], ScanOptions(max_file_size=1024 * 1024))
    assert [e.file for e in small.errors] == ["big.json"]
    large = scan([tmp_path], ScanOptions(max_file_size=3 * 1024 * 1024))
    assert large.errors == []
    assert [a.name for a in large.assets if a.type == "Microsoft.CognitiveServices/accounts"] == ["good-arm"]


def test_an_unknown_switch_is_named_in_the_evidence(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text('''
variable "public" {}
resource "azurerm_cognitive_account" "a" {
  name = "a"
  kind = "OpenAI"
  sku_name = "S0"
  public_network_access_enabled = var.public
}
''')
    result = scan([tmp_path])
    acct = next(a for a in result.assets if a.type == "Microsoft.CognitiveServices/accounts")
    assert acct.facts["public_network_access"] is None
    ev = acct.evidence["public_network_access"]
    assert ev.path == "properties.publicNetworkAccess" and "variable public has no value" in (ev.note or "")


def test_urls_that_do_not_parse_are_data_not_crashes(tmp_path: Path) -> None:
    """An unbalanced IPv6 bracket or a variable where the port goes: every output is still written."""
    (tmp_path / ".vscode").mkdir()
    (tmp_path / ".vscode" / "mcp.json").write_text(json.dumps({"servers": {
        "analytics": {"type": "http", "url": "https://analytics.contoso.com:${ANALYTICS_PORT}/mcp"},
        "broken": {"url": "http://[fe80::1/mcp"},
    }}))
    (tmp_path / "app.py").write_text(
        "from openai import OpenAI\n"
        'client = OpenAI(base_url="http://[::1/v1", model="gpt-4o")\n')
    for fmt in ("json", "sarif", "cyclonedx", "html", "table"):
        res = CliRunner().invoke(main, ["scan", str(tmp_path), "--format", fmt, "-o", str(tmp_path / f"out.{fmt}"),
                                        "-q"])
        assert res.exit_code in (0, 2), (fmt, res.output, res.exception)
    report = json.loads((tmp_path / "out.json").read_text())
    servers = {a["name"]: a for a in report["assets"] if a["type"] == "mcp-server"}
    assert set(servers) == {"analytics", "broken"}
    assert servers["broken"]["facts"]["remote"] is None  # not a URL we can judge: unknown, not a guess
    assert any(a["type"] == "ai-client" for a in report["assets"])
    # a URL built at run time is not listed as an endpoint (it would be a mangled, non-existent host)
    bom = json.loads((tmp_path / "out.cyclonedx").read_text())
    endpoints = {s["name"]: s.get("endpoints") for s in bom.get("services", [])}
    assert endpoints["analytics"] is None
