# "Chat with your HR handbook": Azure OpenAI "On your data" over an AI Search index
# built from the handbook PDFs in blob storage.
# The OpenAI account accepts API keys (local_auth_enabled defaults to true in azurerm)
# but is no longer reachable from the internet.

resource "azurerm_resource_group" "rg" {
  name     = "rg-hrchat-prod"
  location = "swedencentral"
}

resource "azurerm_cognitive_account" "openai" {
  name                          = "oai-hrchat-prod"
  resource_group_name           = azurerm_resource_group.rg.name
  location                      = azurerm_resource_group.rg.location
  kind                          = "OpenAI"
  sku_name                      = "S0"
  custom_subdomain_name         = "oai-hrchat-prod"
  public_network_access_enabled = false

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_cognitive_deployment" "gpt4o" {
  name                 = "gpt-4o"
  cognitive_account_id = azurerm_cognitive_account.openai.id

  model {
    format  = "OpenAI"
    name    = "gpt-4o"
    version = "2024-08-06"
  }

  sku {
    name     = "GlobalStandard"
    capacity = 30
  }
}

resource "azurerm_search_service" "search" {
  name                          = "srch-hrchat-prod"
  resource_group_name           = azurerm_resource_group.rg.name
  location                      = azurerm_resource_group.rg.location
  sku                           = "standard"
  local_authentication_enabled  = false
  public_network_access_enabled = false

  identity {
    type = "SystemAssigned"
  }
}

# HR handbook, policies and salary bands: the grounding documents.
resource "azurerm_storage_account" "handbook" {
  name                            = "sthrchathandbook"
  resource_group_name             = azurerm_resource_group.rg.name
  location                        = azurerm_resource_group.rg.location
  account_tier                    = "Standard"
  account_replication_type        = "ZRS"
  public_network_access_enabled   = false
  shared_access_key_enabled       = false
  allow_nested_items_to_be_public = false
  min_tls_version                 = "TLS1_2"
}

# The indexer reads the handbook with the search service's identity.
resource "azurerm_role_assignment" "search_reads_handbook" {
  scope                = azurerm_storage_account.handbook.id
  role_definition_name = "Storage Blob Data Reader"
  principal_id         = azurerm_search_service.search.identity[0].principal_id
}

# "On your data": the OpenAI account queries the index with its own identity.
resource "azurerm_role_assignment" "openai_reads_index" {
  scope                = azurerm_search_service.search.id
  role_definition_name = "Search Index Data Reader"
  principal_id         = azurerm_cognitive_account.openai.identity[0].principal_id
}
