# A retrieval-augmented chat application on Azure:
#   web app (managed identity) --> Azure OpenAI (chat + embeddings)
#                              --> AI Search (index over documents in blob storage)
# Some settings are deliberately left insecure, as they often are in real repositories.

locals {
  tags = {
    app   = "${var.prefix}-chat"
    owner = "ai-platform"
  }
}

resource "azurerm_resource_group" "rg" {
  name     = "rg-${var.prefix}"
  location = var.location
}

module "openai" {
  source              = "./modules/openai"
  name                = "oai-${var.prefix}"
  resource_group_name = azurerm_resource_group.rg.name
  location            = var.location
  chat_model_version  = var.chat_model_version
  # The module disables key auth by default; this caller turns it back on for a legacy client.
  local_auth_enabled  = true
}

resource "azurerm_search_service" "search" {
  name                          = "srch-${var.prefix}"
  resource_group_name           = azurerm_resource_group.rg.name
  location                      = var.location
  sku                           = "standard"
  replica_count                 = 2
  local_authentication_enabled  = false
  public_network_access_enabled = true
  allowed_ips                   = ["0.0.0.0/0"]

  identity {
    type = "SystemAssigned"
  }
  tags = local.tags
}

# Grounding documents (contracts, HR policies) indexed by AI Search.
resource "azurerm_storage_account" "docs" {
  name                            = "stcontosoragdocs"
  resource_group_name             = azurerm_resource_group.rg.name
  location                        = var.location
  account_tier                    = "Standard"
  account_replication_type        = "ZRS"
  allow_nested_items_to_be_public = true
  shared_access_key_enabled       = true
  public_network_access_enabled   = true
  min_tls_version                 = "TLS1_2"
  tags                            = local.tags
}

resource "azurerm_storage_container" "documents" {
  name                  = "documents"
  storage_account_id    = azurerm_storage_account.docs.id
  container_access_type = "private"
}

resource "azurerm_log_analytics_workspace" "logs" {
  name                = "log-${var.prefix}"
  resource_group_name = azurerm_resource_group.rg.name
  location            = var.location
  retention_in_days   = 90
}

resource "azurerm_monitor_diagnostic_setting" "openai" {
  name                       = "send-to-log-analytics"
  target_resource_id         = module.openai.account_id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.logs.id

  enabled_log {
    category_group = "allLogs"
  }
}

resource "azurerm_service_plan" "plan" {
  name                = "asp-${var.prefix}"
  resource_group_name = azurerm_resource_group.rg.name
  location            = var.location
  os_type             = "Linux"
  sku_name            = "P1v3"
}

resource "azurerm_linux_web_app" "chat" {
  name                          = "app-${var.prefix}"
  resource_group_name           = azurerm_resource_group.rg.name
  location                      = var.location
  service_plan_id               = azurerm_service_plan.plan.id
  public_network_access_enabled = true
  https_only                    = true

  identity {
    type = "SystemAssigned"
  }

  site_config {}

  tags = merge(local.tags, { "azd-service-name" = "chat" })

  app_settings = {
    AZURE_OPENAI_ENDPOINT   = module.openai.endpoint
    AZURE_OPENAI_DEPLOYMENT = module.openai.chat_deployment_name
    AZURE_SEARCH_ENDPOINT   = "https://${azurerm_search_service.search.name}.search.windows.net"
    AZURE_SEARCH_INDEX      = "contracts"
  }
}

# The app calls Azure OpenAI and queries the index with its managed identity.
resource "azurerm_role_assignment" "app_openai_user" {
  scope                = module.openai.account_id
  role_definition_name = "Cognitive Services OpenAI User"
  principal_id         = azurerm_linux_web_app.chat.identity[0].principal_id
}

resource "azurerm_role_assignment" "app_search_reader" {
  scope                = azurerm_search_service.search.id
  role_definition_name = "Search Index Data Reader"
  principal_id         = azurerm_linux_web_app.chat.identity[0].principal_id
}

# The search indexer reads the grounding documents with the search service's identity.
resource "azurerm_role_assignment" "search_reads_docs" {
  scope                = azurerm_storage_account.docs.id
  role_definition_name = "Storage Blob Data Reader"
  principal_id         = azurerm_search_service.search.identity[0].principal_id
}

# Azure OpenAI "On your data" reads the index with the account's identity.
resource "azurerm_role_assignment" "openai_reads_index" {
  scope                = azurerm_search_service.search.id
  role_definition_name = "Search Index Data Reader"
  principal_id         = module.openai.principal_id
}
