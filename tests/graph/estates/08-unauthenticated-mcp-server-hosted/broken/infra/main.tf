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

  # Easy Auth: every request must carry an Entra ID token (MCP clients get one through OAuth)
  auth_settings_v2 {
    auth_enabled           = true
    require_authentication = true
    unauthenticated_action = "Return401"

    active_directory_v2 {
      client_id            = "5d1c8f2e-3b7a-4c9d-9e61-2f0a8b4c7d13"
      tenant_auth_endpoint = "https://login.microsoftonline.com/7a3e9c41-6b2d-4f85-a0d7-1c9e5b8f2a64/v2.0"
    }

    login {}
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
