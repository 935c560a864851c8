# AISPM-AZ-008: Speech / Document Intelligence accounts keep data in customer-owned storage (userOwnedStorage)
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

data "azurerm_client_config" "current" {}

resource "azurerm_resource_group" "rg" {
  name     = "rg-aispm-az-008"
  location = "swedencentral"
}

resource "azurerm_storage_account" "speech" {
  name                            = "stspeech"
  location                        = azurerm_resource_group.rg.location
  resource_group_name             = azurerm_resource_group.rg.name
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  allow_nested_items_to_be_public = false
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
    storage_account_id = azurerm_storage_account.speech.id
  }
}

resource "azurerm_cognitive_account" "fail_default" {
  name                  = "aispm-fail-default"
  location              = azurerm_resource_group.rg.location
  resource_group_name   = azurerm_resource_group.rg.name
  kind                  = "FormRecognizer"
  sku_name              = "S0"
  custom_subdomain_name = "aispm-fail-default"

  identity {
    type = "SystemAssigned"
  }
}
