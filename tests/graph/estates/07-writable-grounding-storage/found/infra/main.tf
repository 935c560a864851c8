# Legal research assistant: Azure OpenAI "On your data" over an AI Search index of case files.
# The case-file storage account is reachable from the internet and accepts shared keys
# (both azurerm defaults), so anyone holding a key or SAS can rewrite what the model is grounded on.

resource "azurerm_resource_group" "rg" {
  name     = "rg-legal-assistant"
  location = "francecentral"
}

resource "azurerm_storage_account" "cases" {
  name                     = "stlegalcases"
  resource_group_name      = azurerm_resource_group.rg.name
  location                 = azurerm_resource_group.rg.location
  account_tier             = "Standard"
  account_replication_type = "GRS"
  min_tls_version          = "TLS1_2"

  blob_properties {
    versioning_enabled = true
  }
}

resource "azurerm_storage_container" "casefiles" {
  name                  = "casefiles"
  storage_account_id    = azurerm_storage_account.cases.id
  container_access_type = "private"
}

resource "azurerm_search_service" "search" {
  name                          = "srch-legal-assistant"
  resource_group_name           = azurerm_resource_group.rg.name
  location                      = azurerm_resource_group.rg.location
  sku                           = "standard"
  local_authentication_enabled  = false
  public_network_access_enabled = false

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_cognitive_account" "openai" {
  name                          = "oai-legal-assistant"
  resource_group_name           = azurerm_resource_group.rg.name
  location                      = azurerm_resource_group.rg.location
  kind                          = "OpenAI"
  sku_name                      = "S0"
  custom_subdomain_name         = "oai-legal-assistant"
  local_auth_enabled            = false
  public_network_access_enabled = false

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_role_assignment" "search_reads_cases" {
  scope                = azurerm_storage_account.cases.id
  role_definition_name = "Storage Blob Data Reader"
  principal_id         = azurerm_search_service.search.identity[0].principal_id
}

resource "azurerm_role_assignment" "openai_reads_index" {
  scope                = azurerm_search_service.search.id
  role_definition_name = "Search Index Data Reader"
  principal_id         = azurerm_cognitive_account.openai.identity[0].principal_id
}
