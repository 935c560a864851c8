# AISPM-AZ-018: customer owned storage or an encryption key source (deprecated policy 11566b39)
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
  name     = "rg-aispm-az-018"
  location = "swedencentral"
}

resource "azurerm_storage_account" "account_data" {
  name                     = "staispmaccountdata"
  resource_group_name      = azurerm_resource_group.rg.name
  location                 = azurerm_resource_group.rg.location
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_cognitive_account" "pass" {
  name                  = "aispm-pass"
  location              = azurerm_resource_group.rg.location
  resource_group_name   = azurerm_resource_group.rg.name
  kind                  = "SpeechServices"
  sku_name              = "S0"
  custom_subdomain_name = "aispm-pass"

  identity {
    type = "SystemAssigned"
  }

  storage {
    storage_account_id = azurerm_storage_account.account_data.id
  }
}

resource "azurerm_cognitive_account" "pass_key" {
  name                  = "aispm-pass-key"
  location              = azurerm_resource_group.rg.location
  resource_group_name   = azurerm_resource_group.rg.name
  kind                  = "OpenAI"
  sku_name              = "S0"
  custom_subdomain_name = "aispm-pass-key"

  identity {
    type = "SystemAssigned"
  }

  customer_managed_key {
    key_vault_key_id = "https://kv-aispm.vault.azure.net/keys/cmk/0123456789abcdef0123456789abcdef"
  }
}

resource "azurerm_cognitive_account" "fail" {
  name                  = "aispm-fail"
  location              = azurerm_resource_group.rg.location
  resource_group_name   = azurerm_resource_group.rg.name
  kind                  = "OpenAI"
  sku_name              = "S0"
  custom_subdomain_name = "aispm-fail"
}
