"""Terraform registry modules without `terraform init`: the Azure Verified Modules aispm ships are
read offline by source address and version constraint; anything else is still a warning."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from aispm.confine import scan_roots
from aispm.iac.terraform.shipped import satisfies
from aispm.iac.terraform.source import TerraformSource
from aispm.source import SourceContext

RG_ID = "/subscriptions/0000/resourceGroups/rg-ai"
SUBNET = f"{RG_ID}/providers/Microsoft.Network/virtualNetworks/v/subnets/s"

CALL = """\
module "openai" {{
  source    = "{source}"
  {version}
  kind      = "OpenAI"
  location  = "eastus"
  name      = "oai-prod"
  parent_id = "{rg}"
  sku_name  = "S0"
  enable_telemetry      = false
  public_network_access_enabled = false
  private_endpoints = {{
    pe = {{
      name               = "pe-oai"
      subnet_resource_id = "{subnet}"
    }}
  }}
}}
"""


def scan(tmp_path: Path, text: str):
    (tmp_path / "main.tf").write_text(textwrap.dedent(text))
    src = TerraformSource()
    files = sorted(p for p in tmp_path.rglob("*.tf"))
    # confined as a scan is: the shipped copy lies outside the target's roots, and is still read
    return src.load(files, SourceContext(root=tmp_path, roots=scan_roots([tmp_path])))


def call(source: str = "Azure/avm-res-cognitiveservices-account/azurerm", version: str | None = '"0.11.1"') -> str:
    return CALL.format(source=source, version=f"version = {version}" if version else "", rg=RG_ID, subnet=SUBNET)


def test_a_verified_module_is_read_offline_with_its_private_endpoint(tmp_path):
    r = scan(tmp_path, call())
    by_type = {}
    for a in r.assets:
        by_type.setdefault(a.type, []).append(a)
    (acct,) = [a for a in by_type["Microsoft.CognitiveServices/accounts"] if not a.existing]
    assert acct.uid == "terraform:.:module.openai.azapi_resource.this[0]" and acct.name == "oai-prod"
    assert acct.properties["properties"]["publicNetworkAccess"] == "Disabled"
    # reported at the module call in the user's file (the shipped module's files are not in the repository)
    assert (acct.origin.file, acct.origin.line) == ("main.tf", 1)
    (pe,) = by_type["Microsoft.Network/privateEndpoints"]
    assert (pe.origin.file, pe.origin.line) == ("main.tf", 1)
    conn = pe.properties["properties"]["privateLinkServiceConnections"][0]["properties"]
    assert conn["privateLinkServiceId"] == acct.uid and conn["groupIds"] == ["account"]
    assert r.errors == []
    assert not [w for w in r.warnings if "main.tf:1:" in w]  # the version asked for is the one shipped


def test_another_version_is_read_from_the_shipped_copy_with_a_warning_naming_both(tmp_path):
    r = scan(tmp_path, call(source="registry.terraform.io/Azure/avm-res-cognitiveservices-account/azurerm",
                            version='"~> 0.7.0"'))
    assert any(a.type == "Microsoft.CognitiveServices/accounts" for a in r.assets)
    shipped = json.loads((Path(__import__("aispm.providers.azure", fromlist=["x"]).__file__).parent / "avm" /
                          "terraform" / "SOURCES.json").read_text())["modules"]
    version = shipped["Azure/avm-res-cognitiveservices-account/azurerm"]["version"]
    assert any(w.startswith("main.tf:1: module.openai:") and "~> 0.7.0" in w and f"version {version}" in w
               for w in r.warnings), r.warnings


def test_a_subdirectory_of_a_shipped_module_is_read(tmp_path):
    r = scan(tmp_path, """\
        module "dep" {
          source               = "Azure/avm-res-cognitiveservices-account/azurerm//modules/deployment"
          cognitive_account_id = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a"
          name                 = "gpt"
          model                = { format = "OpenAI", name = "gpt-4o", version = "2024-11-20" }
          scale                = { type = "Standard" }
          enable_telemetry     = false
        }
        """)
    assert any(a.type == "Microsoft.CognitiveServices/accounts/deployments" for a in r.assets), \
        [a.type for a in r.assets]


def test_a_module_nobody_ships_is_still_a_warning_naming_it(tmp_path):
    r = scan(tmp_path, call(source="contoso/openai-account/azurerm"))
    assert not any(a.type == "Microsoft.CognitiveServices/accounts" for a in r.assets)
    assert any("module.openai is not a local module and was not read" in w for w in r.warnings)


def test_what_aispm_cannot_evaluate_inside_a_shipped_module_is_a_warning_not_an_input_error(tmp_path):
    """A `parent_id` that is no ARM id: the module's `split("/", var.parent_id)[4]` fails inside code
    aispm ships, which is not the user's input."""
    r = scan(tmp_path, call().replace(f'"{RG_ID}"', '"rg-ai"'))
    assert r.errors == []
    assert any(w.startswith("Azure/avm-res-cognitiveservices-account/azurerm@") for w in r.warnings)


def test_a_declared_resources_id_taken_apart_is_known_after_apply(tmp_path):
    """`parent_id` from a declared resource group is its id, which Terraform knows only after apply:
    what the module splits out of it is unknown, never an error or a warning, and the account is read."""
    r = scan(tmp_path, 'resource "azurerm_resource_group" "rg" {\n  name = "rg-ai"\n  location = "eastus"\n}\n' +
             call().replace(f'"{RG_ID}"', "azurerm_resource_group.rg.id"))
    assert r.errors == []
    assert not any(w.startswith("Azure/avm-res-cognitiveservices-account/azurerm@") for w in r.warnings), r.warnings
    assert any(a.type == "Microsoft.CognitiveServices/accounts" for a in r.assets)


@pytest.mark.parametrize("version, constraint, ok", [
    ("0.11.1", "0.11.1", True), ("0.11.1", "= 0.11.0", False), ("0.11.1", ">= 0.10, < 0.12", True),
    ("0.11.1", "~> 0.11.0", True), ("0.11.1", "~> 0.10.0", False), ("0.11.1", "~> 0.10", True),
    ("1.2.0", "~> 1.2", True), ("2.0.0", "~> 1.2", False), ("0.11.1", "!= 0.11.1", False),
    ("0.11.1", "latest", None), ("0.11.1", ">= " + "9" * 5000, None),
])
def test_version_constraints_are_read_as_terraform_reads_them(version, constraint, ok):
    assert satisfies(version, constraint) is ok


@pytest.mark.parametrize("module, arm_type, inputs", [
    ("Azure/avm-res-search-searchservice/azurerm", "Microsoft.Search/searchServices", 'resource_group_name = "rg"'),
    ("Azure/avm-res-machinelearningservices-workspace/azurerm", "Microsoft.MachineLearningServices/workspaces",
     'resource_group_name = "rg"'),
    ("Azure/avm-res-storage-storageaccount/azurerm", "Microsoft.Storage/storageAccounts", 'resource_group_name = "rg"'),
    ("Azure/avm-res-keyvault-vault/azurerm", "Microsoft.KeyVault/vaults",
     'resource_group_name = "rg"\n  tenant_id = "00000000-0000-0000-0000-000000000000"'),
])
def test_each_shipped_resource_module_deploys_its_resource_and_the_private_endpoint_passed(tmp_path, module, arm_type,
                                                                                         inputs):
    r = scan(tmp_path, f"""\
        module "m" {{
          source           = "{module}"
          name             = "x1"
          location         = "eastus"
          {inputs}
          enable_telemetry = false
          private_endpoints = {{
            pe = {{ subnet_resource_id = "{SUBNET}" }}
          }}
        }}
        """)
    (main,) = [a for a in r.assets if a.type == arm_type and not a.existing]
    pes = [a for a in r.assets if a.type == "Microsoft.Network/privateEndpoints"]
    assert [pe.properties["properties"]["privateLinkServiceConnections"][0]["properties"]["privateLinkServiceId"]
            for pe in pes] == [main.uid]
    assert r.errors == []
