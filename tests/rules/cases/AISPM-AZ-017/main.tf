# AISPM-AZ-017: AI Search IP rules do not admit 0.0.0.0/0
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
  name     = "rg-aispm-az-017"
  location = "swedencentral"
}

resource "azurerm_search_service" "pass" {
  name                = "srch-pass"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  sku                 = "basic"
  allowed_ips         = ["203.0.113.0/24", "198.51.100.7"]
}

resource "azurerm_search_service" "pass_no_rules" {
  name                = "srch-pass-no-rules"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  sku                 = "basic"
}

resource "azurerm_search_service" "fail" {
  name                = "srch-fail"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  sku                 = "basic"
  allowed_ips         = ["203.0.113.0/24", "0.0.0.0/0"]
}
