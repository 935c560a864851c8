# AISPM-AZ-002: network access restricted (public access off, or default action Deny / IP rules)
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
  name     = "rg-aispm-az-002"
  location = "swedencentral"
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

resource "azurerm_cognitive_account" "pass_with_acl" {
  name                          = "aispm-pass-with-acl"
  location                      = azurerm_resource_group.rg.location
  resource_group_name           = azurerm_resource_group.rg.name
  kind                          = "OpenAI"
  sku_name                      = "S0"
  custom_subdomain_name         = "aispm-pass-with-acl"
  public_network_access_enabled = true

  network_acls {
    default_action = "Deny"
    ip_rules       = ["203.0.113.0/24"]
  }
}

resource "azurerm_search_service" "pass_search" {
  name                = "srch-pass-search"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  sku                 = "basic"
  allowed_ips         = ["203.0.113.0/24"]
}

resource "azurerm_cognitive_account" "fail" {
  name                  = "aispm-fail"
  location              = azurerm_resource_group.rg.location
  resource_group_name   = azurerm_resource_group.rg.name
  kind                  = "OpenAI"
  sku_name              = "S0"
  custom_subdomain_name = "aispm-fail"

  network_acls {
    default_action = "Allow"
  }
}

resource "azurerm_cognitive_account" "fail_default" {
  name                  = "aispm-fail-default"
  location              = azurerm_resource_group.rg.location
  resource_group_name   = azurerm_resource_group.rg.name
  kind                  = "OpenAI"
  sku_name              = "S0"
  custom_subdomain_name = "aispm-fail-default"
}

resource "azurerm_search_service" "fail_search" {
  name                          = "srch-fail-search"
  location                      = azurerm_resource_group.rg.location
  resource_group_name           = azurerm_resource_group.rg.name
  sku                           = "basic"
  public_network_access_enabled = true
}

resource "azurerm_ai_services" "fail_ai_services" {
  name                  = "aisvc-fail"
  location              = azurerm_resource_group.rg.location
  resource_group_name   = azurerm_resource_group.rg.name
  sku_name              = "S0"
  custom_subdomain_name = "aisvc-fail"
}
