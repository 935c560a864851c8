"""A literal given to a secure parameter in a parameters file is a secret finding (redacted),
unlike a Key Vault reference or `getSecret()`; the template never prints the value."""

from __future__ import annotations

import json
import textwrap

from aispm.scan import scan

PASSWORD = "Sup3r-S3cret-Admin-Pw!"

TEMPLATE = """\
@secure()
param adminPassword string
@secure()
param fromVault string
param adminLogin string

resource pg 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: 'pg'
  location: 'eastus'
  properties: {
    administratorLogin: adminLogin
    administratorLoginPassword: adminPassword
  }
}
"""


def _secrets(result):
    return [a for a in result.assets if a.type == "secret"]


def _finding(result, uid):
    return [f for f in result.findings if f.asset_uid == uid and f.rule_id == "AISPM-SE-001"]


def _assert_redacted(tmp_path, result):
    report = json.dumps([a.properties for a in result.assets], default=str)
    assert PASSWORD not in report


def test_bicepparam_literal_for_a_secure_parameter_is_a_secret_finding(tmp_path):
    (tmp_path / "main.bicep").write_text(TEMPLATE)
    (tmp_path / "main.bicepparam").write_text(textwrap.dedent(f"""\
        using 'main.bicep'

        param adminLogin = 'pgadmin'
        param adminPassword = '{PASSWORD}'
        param fromVault = az.getSecret('0000', 'rg', 'kv', 'pw')
        """))
    result = scan([tmp_path])
    (secret,) = _secrets(result)
    assert secret.origin.file == "main.bicepparam" and secret.origin.line == 4
    assert secret.properties["parameter"] == "adminPassword"
    assert PASSWORD not in secret.name and secret.properties["redacted"] != PASSWORD
    (finding,) = _finding(result, secret.uid)
    assert finding.status.value == "fail"
    _assert_redacted(tmp_path, result)


def test_parameters_json_literal_for_a_secure_parameter_bicep_and_arm(tmp_path):
    params = {
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
        "contentVersion": "1.0.0.0",
        "parameters": {
            "adminLogin": {"value": "pgadmin"},
            "adminPassword": {"value": PASSWORD},
            "fromVault": {"reference": {"keyVault": {"id": "/subscriptions/0/kv"}, "secretName": "pw"}},
        },
    }
    bicep = tmp_path / "bicep"
    bicep.mkdir()
    (bicep / "main.bicep").write_text(TEMPLATE)
    (bicep / "main.parameters.json").write_text(json.dumps(params, indent=2))
    arm = tmp_path / "arm"
    arm.mkdir()
    (arm / "main.json").write_text(json.dumps({
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "parameters": {"adminLogin": {"type": "string"}, "adminPassword": {"type": "securestring"},
                       "fromVault": {"type": "securestring"}},
        "resources": [{
            "type": "Microsoft.DBforPostgreSQL/flexibleServers", "apiVersion": "2024-08-01", "name": "pg",
            "location": "eastus",
            "properties": {"administratorLogin": "[parameters('adminLogin')]",
                           "administratorLoginPassword": "[parameters('adminPassword')]"},
        }],
    }))
    (arm / "main.parameters.json").write_text(json.dumps(params, indent=2))
    result = scan([tmp_path])
    secrets = sorted(_secrets(result), key=lambda a: a.origin.file)
    assert [(s.origin.file, s.origin.line, s.properties["parameter"]) for s in secrets] == [
        ("arm/main.parameters.json", 8, "adminPassword"), ("bicep/main.parameters.json", 8, "adminPassword")]
    for s in secrets:
        assert _finding(result, s.uid)
    _assert_redacted(tmp_path, result)


def test_no_finding_without_a_literal(tmp_path):
    (tmp_path / "main.bicep").write_text(TEMPLATE)
    (tmp_path / "main.bicepparam").write_text(textwrap.dedent("""\
        using 'main.bicep'

        param adminLogin = 'pgadmin'
        param adminPassword = readEnvironmentVariable('PG_PASSWORD')
        param fromVault = az.getSecret('0000', 'rg', 'kv', 'pw')
        """))
    assert _secrets(scan([tmp_path])) == []
