# AISPM-AZ-003: private endpoint declared for the AI account / search service
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
  name     = "rg-aispm-az-003"
  location = "swedencentral"
}

resource "azurerm_virtual_network" "vnet" {
  name                = "vnet-aispm"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  address_space       = ["10.10.0.0/16"]
}

resource "azurerm_subnet" "pe" {
  name                 = "snet-pe"
  resource_group_name  = azurerm_resource_group.rg.name
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.10.0.0/24"]
}

resource "azurerm_cognitive_account" "pass" {
  name                          = "aispm-pass"
  location                      = azurerm_resource_group.rg.location
  resource_group_name           = azurerm_resource_group.rg.name
  kind                          = "OpenAI"
  sku_name                      = "S0"
  custom_subdomain_name         = "aispm-pass"
  public_network_access_enabled = false
}

resource "azurerm_private_endpoint" "account" {
  name                = "pe-account"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  subnet_id           = azurerm_subnet.pe.id

  private_service_connection {
    name                           = "psc-account"
    private_connection_resource_id = azurerm_cognitive_account.pass.id
    subresource_names              = ["account"]
    is_manual_connection           = false
  }
}

resource "azurerm_search_service" "pass_search" {
  name                = "srch-pass-search"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  sku                 = "basic"
}

resource "azurerm_private_endpoint" "search" {
  name                = "pe-search"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  subnet_id           = azurerm_subnet.pe.id

  private_service_connection {
    name                           = "psc-search"
    private_connection_resource_id = azurerm_search_service.pass_search.id
    subresource_names              = ["searchService"]
    is_manual_connection           = false
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

resource "azurerm_search_service" "fail_search" {
  name                = "srch-fail-search"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  sku                 = "basic"
}
