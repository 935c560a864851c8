# Document-intelligence team: an Azure AI Services account behind a private endpoint.
# Keys are still accepted (azurerm's default) because the batch tools use them.

resource "azurerm_resource_group" "rg" {
  name     = "rg-docintel"
  location = "eastus2"
}

resource "azurerm_cognitive_account" "ai" {
  name                               = "ais-docintel-prod"
  resource_group_name                = azurerm_resource_group.rg.name
  location                           = azurerm_resource_group.rg.location
  kind                               = "AIServices"
  sku_name                           = "S0"
  custom_subdomain_name              = "ais-docintel-prod"
  public_network_access_enabled      = false
  outbound_network_access_restricted = true
}

resource "azurerm_private_endpoint" "ai" {
  name                = "pe-ais-docintel-prod"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  subnet_id           = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/private-endpoints"

  private_service_connection {
    name                           = "account"
    private_connection_resource_id = azurerm_cognitive_account.ai.id
    subresource_names              = ["account"]
    is_manual_connection           = false
  }
}

resource "azurerm_cognitive_deployment" "gpt4o" {
  name                 = "gpt-4o"
  cognitive_account_id = azurerm_cognitive_account.ai.id

  model {
    format  = "OpenAI"
    name    = "gpt-4o"
    version = "2024-11-20"
  }

  sku {
    name     = "DataZoneStandard"
    capacity = 40
  }
}
