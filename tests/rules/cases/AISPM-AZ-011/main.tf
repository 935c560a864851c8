# AISPM-AZ-011: AI Search public network access disabled (enabled by default; IP rules alone fail)
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
  name     = "rg-aispm-az-011"
  location = "swedencentral"
}

resource "azurerm_search_service" "pass" {
  name                          = "srch-pass"
  location                      = azurerm_resource_group.rg.location
  resource_group_name           = azurerm_resource_group.rg.name
  sku                           = "basic"
  public_network_access_enabled = false
}

resource "azurerm_search_service" "fail_ip_rules" {
  name                          = "srch-fail-ip-rules"
  location                      = azurerm_resource_group.rg.location
  resource_group_name           = azurerm_resource_group.rg.name
  sku                           = "basic"
  public_network_access_enabled = true
  allowed_ips                   = ["203.0.113.0/24"]
}

resource "azurerm_search_service" "fail_default" {
  name                = "srch-fail-default"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  sku                 = "basic"
}
