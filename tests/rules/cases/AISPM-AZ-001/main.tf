# AISPM-AZ-001: key access (local auth) disabled on AI accounts and AI Search; disableLocalAuth defaults to false (azurerm: local_auth_enabled / local_authentication_enabled default true)
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
  name     = "rg-aispm-az-001"
  location = "swedencentral"
}

resource "azurerm_cognitive_account" "pass" {
  name                  = "aispm-pass"
  location              = azurerm_resource_group.rg.location
  resource_group_name   = azurerm_resource_group.rg.name
  kind                  = "OpenAI"
  sku_name              = "S0"
  custom_subdomain_name = "aispm-pass"
  local_auth_enabled    = false
}

resource "azurerm_search_service" "pass_search" {
  name                         = "srch-pass-search"
  location                     = azurerm_resource_group.rg.location
  resource_group_name          = azurerm_resource_group.rg.name
  sku                          = "basic"
  local_authentication_enabled = false
}

resource "azurerm_cognitive_account" "fail" {
  name                  = "aispm-fail"
  location              = azurerm_resource_group.rg.location
  resource_group_name   = azurerm_resource_group.rg.name
  kind                  = "OpenAI"
  sku_name              = "S0"
  custom_subdomain_name = "aispm-fail"
  local_auth_enabled    = true
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
  name                = "srch-fail-search"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  sku                 = "basic"
}

resource "azurerm_ai_services" "fail_ai_services" {
  name                  = "aisvc-fail"
  location              = azurerm_resource_group.rg.location
  resource_group_name   = azurerm_resource_group.rg.name
  sku_name              = "S0"
  custom_subdomain_name = "aisvc-fail"
}
