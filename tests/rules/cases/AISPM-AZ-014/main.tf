# AISPM-AZ-014: AI Search managed identity (none by default)
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
  name     = "rg-aispm-az-014"
  location = "swedencentral"
}

resource "azurerm_search_service" "pass" {
  name                = "srch-pass"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  sku                 = "basic"

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_search_service" "fail_default" {
  name                = "srch-fail-default"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  sku                 = "basic"
}
