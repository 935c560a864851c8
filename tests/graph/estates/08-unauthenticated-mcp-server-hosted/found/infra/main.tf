# Claims tools: an Azure Functions app exposes the adjusters' tools as a remote MCP server
# (the Functions MCP extension); the tools summarise claims with Azure OpenAI, which the
# app reaches with its system-assigned identity. Developers add it to VS Code (.vscode/mcp.json).

resource "azurerm_resource_group" "rg" {
  name     = "rg-claims-tools"
  location = "westeurope"
}

resource "azurerm_service_plan" "plan" {
  name                = "asp-claims-tools"
  resource_group_name = azurerm_resource_group.rg.name
  location            = azurerm_resource_group.rg.location
  os_type             = "Linux"
  sku_name            = "Y1"
}

resource "azurerm_storage_account" "func" {
  name                     = "stclaimstoolsfunc"
  resource_group_name      = azurerm_resource_group.rg.name
  location                 = azurerm_resource_group.rg.location
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_linux_function_app" "tools" {
  name                       = "func-claims-tools"
  resource_group_name        = azurerm_resource_group.rg.name
  location                   = azurerm_resource_group.rg.location
  service_plan_id            = azurerm_service_plan.plan.id
  storage_account_name       = azurerm_storage_account.func.name
  storage_account_access_key = azurerm_storage_account.func.primary_access_key
  https_only                 = true

  identity {
    type = "SystemAssigned"
  }

  site_config {
    application_stack {
      python_version = "3.11"
    }
  }

  app_settings = {
    AZURE_OPENAI_ENDPOINT = azurerm_cognitive_account.openai.endpoint
  }
}

resource "azurerm_cognitive_account" "openai" {
  name                          = "oai-claims-tools"
  resource_group_name           = azurerm_resource_group.rg.name
  location                      = azurerm_resource_group.rg.location
  kind                          = "OpenAI"
  sku_name                      = "S0"
  custom_subdomain_name         = "oai-claims-tools"
  local_auth_enabled            = false
  public_network_access_enabled = false
}

resource "azurerm_role_assignment" "tools_openai_user" {
  scope                = azurerm_cognitive_account.openai.id
  role_definition_name = "Cognitive Services OpenAI User"
  principal_id         = azurerm_linux_function_app.tools.identity[0].principal_id
}
