"""Parameter values as Azure deploys them: azd placeholders in `main.parameters.json` (Bicep and
ARM) resolve to their defaults converted to the parameter's type, and a null passed to a
parameter with a default leaves the default (Bicep modules, ARM nested deployments)."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from aispm.model import Unknown
from aispm.providers.azure.arm.files import azd_value
from aispm.providers.azure.arm.source import ArmSource
from aispm.providers.azure.bicep.source import BicepSource
from aispm.source import SourceContext

ACCOUNT = "Microsoft.CognitiveServices/accounts"


def _load(source, root: Path, only: str | None = None):
    files = [root / only] if only else sorted(p for p in root.rglob("*") if p.is_file() and source.claims(p))
    return source.load(files, SourceContext(root=root))


def _account(result):
    (acct,) = [a for a in result.assets if a.type == ACCOUNT]
    return acct.properties


def _params_file(values: dict) -> str:
    return json.dumps({
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
        "contentVersion": "1.0.0.0",
        "parameters": {k: {"value": v} for k, v in values.items()},
    })


AZD_VALUES = {
    "disableLocalAuth": "${DISABLE_LOCAL_AUTH=true}",
    "capacity": "${CAPACITY:=150}",
    "accountName": "oai-${SUFFIX-dev}",
    "allowed": '${ALLOWED:-["10.0.0.0/8"]}',
    "location": "${AZURE_LOCATION}",
}


def test_azd_defaults_resolve_and_convert_to_the_parameter_type():
    assert azd_value("${X=true}", "bool") is True
    assert azd_value("${X:=false}", "Bool") is False
    assert azd_value("${X-150}", "int") == 150
    assert azd_value("${X:-a}-${Y=b}", "string") == "a-b"
    assert isinstance(azd_value("${X=no}", "int"), Unknown)
    assert isinstance(azd_value("${X}", "string"), Unknown)
    assert isinstance(azd_value("pre-${X}-${Y=b}", "string"), Unknown)
    assert azd_value({"a": ["${X=1}"]}) == {"a": ["1"]}
    assert azd_value("plain", "int") == "plain"  # only substituted text is converted


def test_bicep_main_parameters_json_azd_defaults(tmp_path):
    (tmp_path / "main.bicep").write_text(textwrap.dedent("""\
        param disableLocalAuth bool
        param capacity int
        param accountName string
        param allowed array
        param location string

        resource acct 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
          name: accountName
          location: location
          kind: 'OpenAI'
          sku: { name: 'S0', capacity: capacity }
          properties: {
            disableLocalAuth: disableLocalAuth
            allowedFqdnList: allowed
          }
        }
        """))
    (tmp_path / "main.parameters.json").write_text(_params_file(AZD_VALUES))
    props = _account(_load(BicepSource(), tmp_path))
    assert props["properties"]["disableLocalAuth"] is True
    assert props["sku"]["capacity"] == 150
    assert props["properties"]["allowedFqdnList"] == ["10.0.0.0/8"]
    assert isinstance(props["location"], Unknown)


def test_arm_main_parameters_json_azd_defaults(tmp_path):
    template = {
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "parameters": {
            "disableLocalAuth": {"type": "bool"},
            "capacity": {"type": "int"},
            "accountName": {"type": "string"},
            "allowed": {"type": "array"},
            "location": {"type": "string"},
        },
        "resources": [{
            "type": ACCOUNT, "apiVersion": "2024-10-01", "name": "[parameters('accountName')]",
            "location": "[parameters('location')]", "kind": "OpenAI",
            "sku": {"name": "S0", "capacity": "[parameters('capacity')]"},
            "properties": {"disableLocalAuth": "[parameters('disableLocalAuth')]",
                           "allowedFqdnList": "[parameters('allowed')]"},
        }],
    }
    (tmp_path / "main.json").write_text(json.dumps(template))
    (tmp_path / "main.parameters.json").write_text(_params_file(AZD_VALUES))
    result = _load(ArmSource(), tmp_path)
    (acct,) = [a for a in result.assets if a.type == ACCOUNT]
    assert acct.name == "oai-dev"
    props = acct.properties
    assert props["properties"]["disableLocalAuth"] is True
    assert props["sku"]["capacity"] == 150
    assert props["properties"]["allowedFqdnList"] == ["10.0.0.0/8"]
    assert isinstance(props["location"], Unknown)


def test_bicep_module_null_argument_takes_the_default(tmp_path):
    (tmp_path / "main.bicep").write_text(textwrap.dedent("""\
        module oai 'account.bicep' = {
          name: 'oai'
          params: {
            publicNetworkAccess: null
            localAuth: null
          }
        }
        """))
    (tmp_path / "account.bicep").write_text(textwrap.dedent("""\
        param publicNetworkAccess string = 'Disabled'
        param localAuth bool?

        resource acct 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
          name: 'oai'
          location: 'eastus'
          kind: 'OpenAI'
          properties: {
            publicNetworkAccess: publicNetworkAccess
            disableLocalAuth: localAuth
          }
        }
        """))
    props = _account(_load(BicepSource(), tmp_path, "main.bicep"))
    assert props["properties"]["publicNetworkAccess"] == "Disabled"
    assert props["properties"].get("disableLocalAuth") is None  # nullable, no default: null stays null


def test_arm_nested_deployment_null_argument_takes_the_default(tmp_path):
    inner = {
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "parameters": {"publicNetworkAccess": {"type": "string", "defaultValue": "Disabled"}},
        "resources": [{
            "type": ACCOUNT, "apiVersion": "2024-10-01", "name": "oai", "location": "eastus", "kind": "OpenAI",
            "properties": {"publicNetworkAccess": "[parameters('publicNetworkAccess')]"},
        }],
    }
    outer = {
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "resources": [{
            "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "oai",
            "properties": {
                "mode": "Incremental",
                "expressionEvaluationOptions": {"scope": "inner"},
                "parameters": {"publicNetworkAccess": {"value": None}},
                "template": inner,
            },
        }],
    }
    (tmp_path / "main.json").write_text(json.dumps(outer))
    props = _account(_load(ArmSource(), tmp_path))
    assert props["properties"]["publicNetworkAccess"] == "Disabled"
