"""Code to cloud: one scan of IaC and a live snapshot joins each declaration to the resource it
became, reports exactly the facts that drifted, and flags AI resources no declaration explains."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from aispm.graph.build import build
from aispm.model import Status
from aispm.scan import ScanOptions, scan

SUB = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-ai/providers"

TERRAFORM = textwrap.dedent("""\
    resource "azurerm_cognitive_account" "openai" {
      name                          = "oai-contoso"
      location                      = "swedencentral"
      resource_group_name           = "rg-ai"
      kind                          = "OpenAI"
      sku_name                      = "S0"
      custom_subdomain_name         = "oai-contoso"
      local_auth_enabled            = false
      public_network_access_enabled = false
    }

    resource "azurerm_search_service" "search" {
      name                          = "srch-contoso"
      location                      = "swedencentral"
      resource_group_name           = "rg-ai"
      sku                           = "standard"
      local_authentication_enabled  = false
      public_network_access_enabled = false
    }
    """)


def _account(name: str, local_auth_disabled: bool) -> dict:
    return {"id": f"{SUB}/Microsoft.CognitiveServices/accounts/{name}", "name": name,
            "type": "Microsoft.CognitiveServices/accounts", "location": "swedencentral", "kind": "OpenAI",
            "sku": {"name": "S0"}, "resourceGroup": "rg-ai",
            "properties": {"customSubDomainName": name, "disableLocalAuth": local_auth_disabled,
                           "publicNetworkAccess": "Disabled"}}


def _search(name: str) -> dict:
    return {"id": f"{SUB}/Microsoft.Search/searchServices/{name}", "name": name,
            "type": "Microsoft.Search/searchServices", "location": "swedencentral", "sku": {"name": "standard"},
            "resourceGroup": "rg-ai", "properties": {"disableLocalAuth": True, "publicNetworkAccess": "disabled"}}


def _estate(tmp_path: Path, live: list[dict]) -> Path:
    (tmp_path / "infra").mkdir()
    (tmp_path / "infra" / "main.tf").write_text(TERRAFORM)
    (tmp_path / "snapshot").mkdir()
    (tmp_path / "snapshot" / "resources.json").write_text(json.dumps(live, indent=2))  # az resource list -o json
    return tmp_path


def _scan(tree: Path):
    return scan([tree / "infra", tree / "snapshot"], ScanOptions(vulnerabilities=False))


def _drift(result) -> dict[str, tuple[Status, list]]:
    assets = {a.uid: a for a in result.assets}
    return {assets[f.asset_uid].name: (f.status, assets[f.asset_uid].facts.get("iac_drift"))
            for f in result.findings if f.rule_id == "AISPM-DRIFT-001"}


def test_one_fact_changed_in_the_cloud_is_exactly_one_drift_finding(tmp_path: Path) -> None:
    tree = _estate(tmp_path, [_account("oai-contoso", local_auth_disabled=False), _search("srch-contoso")])
    result = _scan(tree)
    drift = _drift(result)
    assert drift["oai-contoso"] == (Status.FAIL, ["local_auth_enabled: IaC false, live true"])
    assert drift["srch-contoso"] == (Status.PASS, [])
    # the live account's own finding is there too: key auth is on in the cloud, whatever the code says
    assert any(f.rule_id == "AISPM-AZ-001" and f.status is Status.FAIL and f.file.startswith("azure://")
               for f in result.findings)


def test_a_declared_resource_and_its_live_resource_are_one_graph_node(tmp_path: Path) -> None:
    tree = _estate(tmp_path, [_account("oai-contoso", local_auth_disabled=True), _search("srch-contoso")])
    result = _scan(tree)
    graph = build(result)
    declared = next(a for a in result.assets if a.origin.format == "terraform" and a.name == "oai-contoso")
    live = next(a for a in result.assets if a.origin.format == "live" and a.name == "oai-contoso")
    assert graph.index[declared.uid] == graph.index[live.uid]
    assert declared.facts["deployed"] is True and live.facts["iac_declared"] is True


def test_an_ai_resource_no_code_declares_is_shadow_ai(tmp_path: Path) -> None:
    tree = _estate(tmp_path, [_account("oai-contoso", local_auth_disabled=True), _search("srch-contoso"),
                              _account("oai-shadow", local_auth_disabled=True)])
    result = _scan(tree)
    assets = {a.uid: a for a in result.assets}
    shadow = {assets[f.asset_uid].name: f.status for f in result.findings if f.rule_id == "AISPM-DRIFT-002"}
    assert shadow == {"oai-shadow": Status.FAIL}


def test_without_iac_nothing_is_called_drift_or_shadow(tmp_path: Path) -> None:
    tree = _estate(tmp_path, [_account("oai-contoso", local_auth_disabled=False)])
    result = scan([tree / "snapshot"], ScanOptions(vulnerabilities=False))
    assert not [f for f in result.findings if f.rule_id.startswith("AISPM-DRIFT")]


def test_two_declarations_that_could_be_the_same_resource_match_neither(tmp_path: Path) -> None:
    tree = _estate(tmp_path, [_account("oai-contoso", local_auth_disabled=False)])
    (tree / "infra" / "copy.tf").write_text(TERRAFORM.replace('"openai"', '"openai2"').replace('"search"', '"s2"'))
    result = _scan(tree)
    assert "oai-contoso" not in _drift(result)
