# Product-support copilot: AI Search indexes the product manuals (and the internal
# service bulletins) from a blob container; Azure OpenAI answers "On your data".
# The container was made public years ago so that the website could link to the manuals.

resource "azurerm_resource_group" "rg" {
  name     = "rg-support-copilot"
  location = "northeurope"
}

resource "azurerm_storage_account" "kb" {
  name                            = "stsupportkb"
  resource_group_name             = azurerm_resource_group.rg.name
  location                        = azurerm_resource_group.rg.location
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  shared_access_key_enabled       = false
  allow_nested_items_to_be_public = true
  min_tls_version                 = "TLS1_2"
}

resource "azurerm_storage_container" "manuals" {
  name                  = "manuals"
  storage_account_id    = azurerm_storage_account.kb.id
  container_access_type = "blob"
}

resource "azurerm_search_service" "search" {
  name                          = "srch-support-copilot"
  resource_group_name           = azurerm_resource_group.rg.name
  location                      = azurerm_resource_group.rg.location
  sku                           = "basic"
  local_authentication_enabled  = false
  public_network_access_enabled = false

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_cognitive_account" "openai" {
  name                          = "oai-support-copilot"
  resource_group_name           = azurerm_resource_group.rg.name
  location                      = azurerm_resource_group.rg.location
  kind                          = "OpenAI"
  sku_name                      = "S0"
  custom_subdomain_name         = "oai-support-copilot"
  local_auth_enabled            = false
  public_network_access_enabled = false

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_role_assignment" "search_reads_kb" {
  scope                = azurerm_storage_account.kb.id
  role_definition_name = "Storage Blob Data Reader"
  principal_id         = azurerm_search_service.search.identity[0].principal_id
}

resource "azurerm_role_assignment" "openai_reads_index" {
  scope                = azurerm_search_service.search.id
  role_definition_name = "Search Index Data Reader"
  principal_id         = azurerm_cognitive_account.openai.identity[0].principal_id
}
