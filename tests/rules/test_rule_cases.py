"""Every rule, in every IaC format, on a resource that should pass and one that should fail.

`cases/<rule id>/` holds one file per format its provider declares in (`CASE_FILES`): Azure
`main.tf`, `azuredeploy.json` and `main.bicep`; AWS `main.tf` and `template.yaml`
(CloudFormation); GCP `main.tf`. The resources
a rule judges are named (Terraform label, ARM name, Bicep symbolic name) `pass…` or
`fail…`, and must get exactly that verdict; supporting resources (vaults, networks,
workspaces for computes) carry other names. A rule without a case folder fails here,
so a new rule cannot land without its cases.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from aispm.model import Asset, Status
from aispm.rules import all_rules, get_rule
from aispm.scan import ScanOptions, scan

CASES = Path(__file__).parent / "cases"
#: provider → (framework → case file): every IaC rule of the provider has a passing and a failing
#: case in each. Code-side rules (agents, MCP) are tested on their own formats in tests/rules/agents/.
CASE_FILES: dict[str, dict[str, str]] = {
    "azure": {"terraform": "main.tf", "arm": "azuredeploy.json", "bicep": "main.bicep"},
    "aws": {"terraform": "main.tf", "cloudformation": "template.yaml"},
    "gcp": {"terraform": "main.tf"},
}
RULES = {r.id: r for r in all_rules() if r.provider in CASE_FILES}
RULE_IDS = sorted(RULES)


def expressible(rule, framework: str) -> bool:
    """Whether the format can declare what the rule judges: a CloudFormation template cannot declare
    the AWS types CloudFormation has no resource for (`aws.catalog.NOT_IN_CLOUDFORMATION`)."""
    if framework != "cloudformation":
        return True
    from aispm.providers.aws.catalog import NOT_IN_CLOUDFORMATION

    return not set(rule.resource_types) <= NOT_IN_CLOUDFORMATION


CASE_PARAMS = [(rid, fw) for rid in RULE_IDS for fw in CASE_FILES[RULES[rid].provider]
               if expressible(RULES[rid], fw)]


def iac_name(asset: Asset) -> str:
    """The name the case author gave the resource: the last segment of the address
    (`azurerm_x.pass_acl` → `pass_acl`, `Microsoft.X/y.pass` → `pass`,
    `Microsoft.X/y/z.ws/pass` → `pass`), falling back to the asset's name."""
    address = asset.origin.address or ""
    prefix = asset.type.lower() + "."
    tail = address
    low = address.lower()
    if prefix in low:
        tail = address[low.index(prefix) + len(prefix):]
    elif "." in address:
        tail = address.rsplit(".", 1)[-1]
    tail = tail.split("/")[-1]
    if tail:
        return tail
    return asset.name if isinstance(asset.name, str) else ""


def expected_status(name: str) -> Status | None:
    if name.startswith("pass"):
        return Status.PASS
    if name.startswith("fail"):
        return Status.FAIL
    return None


def judged(result, rule) -> list[tuple[str, Status, str]]:
    """(IaC name, status, message) of every finding of `rule` on an asset of its types."""
    types = {t.lower() for t in rule.resource_types}
    assets = {a.uid: a for a in result.assets}
    out = []
    for f in result.findings:
        if f.rule_id != rule.id:
            continue
        asset = assets.get(f.asset_uid)
        if asset is None or asset.type.lower() not in types:
            continue
        out.append((iac_name(asset), f.status, f.message))
    return out


def test_every_rule_has_cases():
    have = {p.name for p in CASES.iterdir() if p.is_dir()}
    missing = sorted(set(RULE_IDS) - have)
    assert not missing, f"rules without tests/rules/cases/<id>/: {missing}"
    for rule_id, fw in CASE_PARAMS:
        fname = CASE_FILES[RULES[rule_id].provider][fw]
        assert (CASES / rule_id / fname).is_file(), f"{rule_id}: no {fw} case ({fname})"


def test_no_case_for_an_unknown_rule():
    stray = sorted({p.name for p in CASES.iterdir() if p.is_dir()} - set(RULE_IDS))
    assert not stray, f"case folders for rules that do not exist: {stray}"


@pytest.mark.parametrize(("rule_id", "framework"), CASE_PARAMS)
def test_rule_case(rule_id: str, framework: str):
    rule = get_rule(rule_id)
    case_dir = CASES / rule_id
    case_file = case_dir / CASE_FILES[rule.provider][framework]
    if not case_file.is_file():
        pytest.fail(f"missing case file {case_file}")
    result = scan([case_dir], ScanOptions(frameworks=(framework,), rules=(rule_id,)))
    assert result.errors == []

    verdicts = judged(result, rule)
    wrong = []
    seen = {Status.PASS: 0, Status.FAIL: 0}
    for name, status, message in verdicts:
        want = expected_status(name)
        if status is Status.UNKNOWN:
            wrong.append(f"{name}: unknown ({message})")
            continue
        if want is None:
            continue
        seen[want] += 1
        if status is not want:
            wrong.append(f"{name}: expected {want}, got {status} ({message})")
    assert not wrong, "\n".join(wrong)
    judged_names = sorted(n for n, _, _ in verdicts)
    assert seen[Status.PASS] >= 1, f"no pass case judged; judged: {judged_names}"
    assert seen[Status.FAIL] >= 1, f"no fail case judged; judged: {judged_names}"


# --------------------------------------------------------------------------- unresolved values


def _statuses(tmp_path: Path, framework: str, rule_id: str) -> dict[str, Status]:
    result = scan([tmp_path], ScanOptions(frameworks=(framework,), rules=(rule_id,)))
    assert result.errors == []
    rule = get_rule(rule_id)
    return {name: status for name, status, _ in judged(result, rule)}


def test_terraform_variable_without_default_is_unknown(tmp_path: Path):
    (tmp_path / "main.tf").write_text(textwrap.dedent("""\
        variable "local_auth" {
          type = bool
        }

        resource "azurerm_resource_group" "rg" {
          name     = "rg-aispm-unknown"
          location = "swedencentral"
        }

        resource "azurerm_cognitive_account" "openai" {
          name                  = "aispm-unknown"
          location              = azurerm_resource_group.rg.location
          resource_group_name   = azurerm_resource_group.rg.name
          kind                  = "OpenAI"
          sku_name              = "S0"
          custom_subdomain_name = "aispm-unknown"
          local_auth_enabled    = var.local_auth
        }
        """))
    assert _statuses(tmp_path, "terraform", "AISPM-AZ-001") == {"openai": Status.UNKNOWN}


def test_arm_parameter_without_default_is_unknown(tmp_path: Path):
    template = {
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "parameters": {"disableLocalAuth": {"type": "bool"}},
        "resources": [{
            "type": "Microsoft.CognitiveServices/accounts",
            "apiVersion": "2024-10-01",
            "name": "openai",
            "location": "[resourceGroup().location]",
            "kind": "OpenAI",
            "sku": {"name": "S0"},
            "properties": {"customSubDomainName": "aispm-unknown",
                           "disableLocalAuth": "[parameters('disableLocalAuth')]"},
        }],
    }
    (tmp_path / "azuredeploy.json").write_text(json.dumps(template, indent=2))
    assert _statuses(tmp_path, "arm", "AISPM-AZ-001") == {"openai": Status.UNKNOWN}


def test_bicep_param_without_default_is_unknown(tmp_path: Path):
    (tmp_path / "main.bicep").write_text(textwrap.dedent("""\
        param location string = resourceGroup().location
        param disableLocalAuth bool

        resource openai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
          name: 'aispm-unknown'
          location: location
          kind: 'OpenAI'
          sku: {
            name: 'S0'
          }
          properties: {
            customSubDomainName: 'aispm-unknown'
            disableLocalAuth: disableLocalAuth
          }
        }
        """))
    assert _statuses(tmp_path, "bicep", "AISPM-AZ-001") == {"openai": Status.UNKNOWN}
