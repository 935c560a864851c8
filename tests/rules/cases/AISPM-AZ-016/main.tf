# AISPM-AZ-016: AI Search has at least 2 replicas (default 1)
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
  name     = "rg-aispm-az-016"
  location = "swedencentral"
}

resource "azurerm_search_service" "pass" {
  name                = "srch-pass"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  sku                 = "standard"
  replica_count       = 2
}

resource "azurerm_search_service" "fail" {
  name                = "srch-fail"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  sku                 = "standard"
  replica_count       = 1
}

resource "azurerm_search_service" "fail_default" {
  name                = "srch-fail-default"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  sku                 = "standard"
}
