# AISPM-AZ-013: AI Search SKU supports private link (not free)
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
  name     = "rg-aispm-az-013"
  location = "swedencentral"
}

resource "azurerm_search_service" "pass" {
  name                = "srch-pass"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  sku                 = "basic"
}

resource "azurerm_search_service" "pass_standard" {
  name                = "srch-pass-standard"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  sku                 = "standard"
}

resource "azurerm_search_service" "fail" {
  name                = "srch-fail"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  sku                 = "free"
}
