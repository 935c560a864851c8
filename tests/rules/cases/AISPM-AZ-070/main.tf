# AISPM-AZ-070: Foundry resources (AI Services accounts with project management, hubs) open to all networks
terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.0"
    }
  }
}

provider "azurerm" {
  features {}
}

resource "azurerm_resource_group" "rg" {
  name     = "rg-aispm-az-070"
  location = "swedencentral"
}

resource "azurerm_ai_services" "pass" {
  name                       = "aispm-pass"
  location                   = azurerm_resource_group.rg.location
  resource_group_name        = azurerm_resource_group.rg.name
  sku_name                   = "S0"
  custom_subdomain_name      = "aispm-pass"
  project_management_enabled = true
  public_network_access      = "Disabled"
}

resource "azurerm_ai_services" "fail" {
  name                       = "aispm-fail"
  location                   = azurerm_resource_group.rg.location
  resource_group_name        = azurerm_resource_group.rg.name
  sku_name                   = "S0"
  custom_subdomain_name      = "aispm-fail"
  project_management_enabled = true
}

resource "azurerm_cognitive_account" "pass_acl" {
  name                       = "aispm-pass-acl"
  location                   = azurerm_resource_group.rg.location
  resource_group_name        = azurerm_resource_group.rg.name
  kind                       = "AIServices"
  sku_name                   = "S0"
  custom_subdomain_name      = "aispm-pass-acl"
  project_management_enabled = true

  network_acls {
    default_action = "Deny"
    ip_rules       = ["203.0.113.0/24"]
  }
}

resource "azurerm_cognitive_account" "fail_allow" {
  name                       = "aispm-fail-allow"
  location                   = azurerm_resource_group.rg.location
  resource_group_name        = azurerm_resource_group.rg.name
  kind                       = "AIServices"
  sku_name                   = "S0"
  custom_subdomain_name      = "aispm-fail-allow"
  project_management_enabled = true

  network_acls {
    default_action = "Allow"
    ip_rules       = ["203.0.113.0/24"]
  }
}

# an AI Services account without project management is not a Foundry resource: not judged
resource "azurerm_cognitive_account" "classic" {
  name                  = "aispm-classic"
  location              = azurerm_resource_group.rg.location
  resource_group_name   = azurerm_resource_group.rg.name
  kind                  = "AIServices"
  sku_name              = "S0"
  custom_subdomain_name = "aispm-classic"
}

resource "azurerm_ai_foundry" "pass_hub" {
  name                  = "aispm-pass-hub"
  location              = azurerm_resource_group.rg.location
  resource_group_name   = azurerm_resource_group.rg.name
  storage_account_id    = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st"
  key_vault_id          = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"
  public_network_access = "Disabled"

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_ai_foundry" "fail_hub" {
  name                = "aispm-fail-hub"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  storage_account_id  = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st"
  key_vault_id        = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"

  identity {
    type = "SystemAssigned"
  }
}
