"""An open data store that AI reads shows up in an attack path: a Cosmos DB account reachable
from every network with keys accepted, read by an AI Search service through a Cosmos DB data
role (Bicep `sqlRoleAssignments`, Terraform `azurerm_cosmosdb_sql_role_assignment`)."""

from __future__ import annotations

import textwrap

import pytest

from aispm.scan import scan

BICEP = """
resource search 'Microsoft.Search/searchServices@2024-06-01-preview' = {
  name: 'srch-chat'
  location: 'eastus'
  sku: { name: 'basic' }
  identity: { type: 'SystemAssigned' }
  properties: { publicNetworkAccess: 'disabled', disableLocalAuth: true }
}
resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: 'cosmos-chat'
  location: 'eastus'
  properties: { databaseAccountOfferType: 'Standard', locations: [], publicNetworkAccess: '%s' }
}
resource reader 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-05-15' = {
  parent: cosmos
  name: guid(cosmos.id, search.id)
  properties: {
    principalId: search.identity.principalId
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000001'
    scope: cosmos.id
  }
}
"""

TERRAFORM = """
resource "azurerm_search_service" "search" {
  name                          = "srch-chat"
  resource_group_name           = "rg"
  location                      = "eastus"
  sku                           = "basic"
  public_network_access_enabled = false
  local_authentication_enabled  = false
  identity { type = "SystemAssigned" }
}
resource "azurerm_cosmosdb_account" "cosmos" {
  name                          = "cosmos-chat"
  location                      = "eastus"
  resource_group_name           = "rg"
  offer_type                    = "Standard"
  public_network_access_enabled = %s
}
resource "azurerm_cosmosdb_sql_role_assignment" "reader" {
  resource_group_name = "rg"
  account_name        = azurerm_cosmosdb_account.cosmos.name
  role_definition_id  = "${azurerm_cosmosdb_account.cosmos.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000001"
  principal_id        = azurerm_search_service.search.identity[0].principal_id
  scope               = azurerm_cosmosdb_account.cosmos.id
}
"""


def _paths(tmp_path, name: str, text: str):
    (tmp_path / name).write_text(textwrap.dedent(text))
    result = scan([tmp_path])
    cosmos = next(a for a in result.assets if a.type == "Microsoft.DocumentDB/databaseAccounts")
    assert any(r.verb == "grounded_on" and r.target == cosmos.uid for r in result.relations)
    return cosmos, [p for p in result.attack_paths if p.entry == cosmos.uid]


@pytest.mark.parametrize("name, text", [("main.bicep", BICEP % "Enabled"), ("main.tf", TERRAFORM % "true")])
def test_an_open_cosmos_db_that_grounds_ai_is_an_attack_path_entry(tmp_path, name, text):
    cosmos, paths = _paths(tmp_path, name, text)
    assert {p.entry_kind for p in paths} == {"internet-exposed-data"}
    assert {p.target_kind for p in paths} >= {"grounding-data", "search"}
    assert any("Cosmos DB account cosmos-chat" in p.title for p in paths)


@pytest.mark.parametrize("name, text", [("main.bicep", BICEP % "Disabled"), ("main.tf", TERRAFORM % "false")])
def test_a_closed_cosmos_db_is_no_entry(tmp_path, name, text):
    _cosmos, paths = _paths(tmp_path, name, text)
    assert paths == []
