"""A name is always a display string: an unresolved name keeps its literal parts (or falls back
to the symbolic name), and says why it is unresolved in a field of its own."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from aispm.cli import main

BICEP = """
param location string = resourceGroup().location
param planName string

resource speech 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'cog-speech-${uniqueString(resourceGroup().id)}'
  location: location
  kind: 'OpenAI'
  properties: { disableLocalAuth: false, publicNetworkAccess: 'Enabled' }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: planName
  location: location
}
"""

ARM = {
    "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    "contentVersion": "1.0.0.0",
    "resources": [{"type": "Microsoft.CognitiveServices/accounts", "apiVersion": "2024-10-01",
                   "name": "[concat('oai-', uniqueString(resourceGroup().id), '-prod')]", "location": "eastus",
                   "kind": "OpenAI", "properties": {}}],
}


def _report(tmp_path: Path) -> tuple[dict, str]:
    (tmp_path / "main.bicep").write_text(BICEP)
    (tmp_path / "azuredeploy.json").write_text(json.dumps(ARM))
    runner = CliRunner()
    report = json.loads(runner.invoke(main, ["scan", str(tmp_path), "-f", "json"]).stdout)
    table = runner.invoke(main, ["scan", str(tmp_path)]).stdout + runner.invoke(main, ["paths", str(tmp_path)]).stdout
    return report, table


def test_unresolved_names_keep_their_literal_parts(tmp_path: Path) -> None:
    report, table = _report(tmp_path)
    by_address = {a["origin"]["address"]: a for a in report["assets"]}
    speech = by_address["Microsoft.CognitiveServices/accounts.speech"]
    assert speech["name"] == "cog-speech-…"
    assert "resourceGroup().id" in speech["name_unresolved"]
    oai = next(a for a in report["assets"] if a["origin"]["format"] == "arm")
    assert oai["name"] == "oai-…-prod" and oai["name_unresolved"]
    plan = by_address["Microsoft.Web/serverfarms.plan"]
    assert plan["name"] == "plan" and "planName" in plan["name_unresolved"]  # the symbolic name
    assert all(isinstance(a["name"], str) and a["name"] for a in report["assets"])
    assert "$unknown" not in table and "cog-speech-…" in table
    assert all("$unknown" not in p["title"] for p in report["attack_paths"])
