"""Deployment outputs that return keys: found in every IaC format, judged by AISPM-AZ-060,
and an attack-path entry (a Reader on the resource group reads the deployment history)."""

from __future__ import annotations

import json
from pathlib import Path

from aispm.model import Kind, Status
from aispm.scan import ScanOptions, scan

OUTPUT = "Microsoft.Resources/deployments/outputs"

ACCOUNT_BICEP = """\
param name string
resource oai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: name
  location: 'eastus'
  kind: 'OpenAI'
  sku: { name: 'S0' }
  properties: { publicNetworkAccess: 'Disabled' }
}
output endpoint string = oai.properties.endpoint
output key string = oai.listKeys().key1
"""


def _scan(root: Path):
    return scan([root], ScanOptions(vulnerabilities=False))


def _outputs(result) -> dict[str, object]:
    return {a.origin.address: a for a in result.assets if a.type == OUTPUT}


def test_a_bicep_module_output_leaks_the_key_of_the_account_it_deploys(tmp_path: Path) -> None:
    (tmp_path / "modules").mkdir()
    (tmp_path / "modules" / "openai.bicep").write_text(ACCOUNT_BICEP)
    (tmp_path / "main.bicep").write_text(
        "module openai 'modules/openai.bicep' = {\n"
        "  name: 'openai'\n"
        "  params: { name: 'oai-mod' }\n"
        "}\n"
        "output endpoint string = openai.outputs.endpoint\n")
    result = _scan(tmp_path)
    outs = _outputs(result)
    # only the output that carries a key is an asset, declared in the module file, addressed through the call;
    # the module file is also a template of its own (deployable alone), so it is evaluated alone as well
    assert sorted(outs) == [f"{OUTPUT}.key", f"module.openai.{OUTPUT}.key"]
    out = outs[f"module.openai.{OUTPUT}.key"]
    assert (out.origin.file, out.origin.line, out.kind) == ("modules/openai.bicep", 10, Kind.SECRET)
    account = next(a for a in result.assets if a.name == "oai-mod")
    assert (out.uid, "holds_key_for", account.uid) in {(r.source, r.verb, r.target) for r in result.relations}
    assert {(f.status, f.file, f.line, f.address) for f in result.findings if f.rule_id == "AISPM-AZ-060"} == {
        (Status.FAIL, "modules/openai.bicep", 10, address) for address in outs}
    [path] = [p for p in result.attack_paths if p.entry == out.uid]
    assert path.title == "Deployment output key in modules/openai.bicep:10 holds a key to Azure OpenAI account oai-mod"
    assert path.status == "confirmed"  # key access is not disabled on the account: the key works
    assert "deployment history" in path.steps[0].evidence
    assert "@secure()" in path.remediation


def test_a_secure_output_is_judged_but_leaks_nothing(tmp_path: Path) -> None:
    (tmp_path / "main.bicep").write_text(ACCOUNT_BICEP.replace("output key string", "@secure()\noutput key string")
                                         .replace("param name string", "param name string = 'oai-sec'"))
    result = _scan(tmp_path)
    [out] = _outputs(result).values()
    assert out.kind is Kind.OTHER and out.facts["output_secure"] is True and "value" not in out.properties
    assert not [r for r in result.relations if r.source == out.uid]
    assert [f.status for f in result.findings if f.rule_id == "AISPM-AZ-060"] == [Status.PASS]
    assert not [p for p in result.attack_paths if p.entry == out.uid]


def test_an_arm_nested_deployment_output_leaks_too(tmp_path: Path) -> None:
    nested = {
        "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "inner",
        "properties": {
            "mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"},
            "template": {
                "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                "contentVersion": "1.0.0.0",
                "resources": [{"type": "Microsoft.CognitiveServices/accounts", "apiVersion": "2024-10-01",
                               "name": "oai-nested", "location": "eastus", "kind": "OpenAI", "sku": {"name": "S0"},
                               "properties": {"disableLocalAuth": True}}],
                "outputs": {"k": {"type": "object", "value": "[listKeys(resourceId("
                                  "'Microsoft.CognitiveServices/accounts', 'oai-nested'), '2024-10-01')]"}},
            },
        },
    }
    doc = {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
           "contentVersion": "1.0.0.0", "resources": [nested]}
    (tmp_path / "azuredeploy.json").write_text(json.dumps(doc, indent=2))
    result = _scan(tmp_path)
    outs = _outputs(result)
    assert list(outs) == [f"module.inner.{OUTPUT}.k"]
    out = outs[f"module.inner.{OUTPUT}.k"]
    assert [f.status for f in result.findings if f.rule_id == "AISPM-AZ-060"] == [Status.FAIL]
    # the account does not accept keys: the leaked key opens nothing, so no attack path claims it does
    assert not [p for p in result.attack_paths if p.entry == out.uid]


def test_terraform_sensitive_unknown_is_unknown(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        'variable "hide" {}\n'
        'resource "azurerm_cognitive_account" "oai" {\n'
        '  name = "oai-tfv"\n  location = "eastus"\n  resource_group_name = "rg"\n'
        '  kind = "OpenAI"\n  sku_name = "S0"\n}\n'
        'output "key" {\n  value = azurerm_cognitive_account.oai.primary_access_key\n  sensitive = var.hide\n}\n')
    result = _scan(tmp_path)
    [out] = _outputs(result).values()
    assert out.facts["output_secure"] is None
    assert [f.status for f in result.findings if f.rule_id == "AISPM-AZ-060"] == [Status.UNKNOWN]
