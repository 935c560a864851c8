# AISPM-AZ-009: Azure OpenAI outbound access restricted to an FQDN allow-list (unrestricted by default)
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
  name     = "rg-aispm-az-009"
  location = "swedencentral"
}

resource "azurerm_cognitive_account" "pass" {
  name                               = "aispm-pass"
  location                           = azurerm_resource_group.rg.location
  resource_group_name                = azurerm_resource_group.rg.name
  kind                               = "OpenAI"
  sku_name                           = "S0"
  custom_subdomain_name              = "aispm-pass"
  outbound_network_access_restricted = true
  fqdns                              = ["contoso.blob.core.windows.net", "srch-contoso.search.windows.net"]
}

resource "azurerm_cognitive_account" "pass_ai_services" {
  name                               = "aispm-pass-ai-services"
  location                           = azurerm_resource_group.rg.location
  resource_group_name                = azurerm_resource_group.rg.name
  kind                               = "AIServices"
  sku_name                           = "S0"
  custom_subdomain_name              = "aispm-pass-ai-services"
  outbound_network_access_restricted = true
  fqdns                              = ["contoso.blob.core.windows.net"]
}

resource "azurerm_cognitive_account" "fail_no_fqdns" {
  name                               = "aispm-fail-no-fqdns"
  location                           = azurerm_resource_group.rg.location
  resource_group_name                = azurerm_resource_group.rg.name
  kind                               = "OpenAI"
  sku_name                           = "S0"
  custom_subdomain_name              = "aispm-fail-no-fqdns"
  outbound_network_access_restricted = true
}

resource "azurerm_cognitive_account" "fail" {
  name                               = "aispm-fail"
  location                           = azurerm_resource_group.rg.location
  resource_group_name                = azurerm_resource_group.rg.name
  kind                               = "OpenAI"
  sku_name                           = "S0"
  custom_subdomain_name              = "aispm-fail"
  outbound_network_access_restricted = false
  fqdns                              = ["contoso.blob.core.windows.net", "srch-contoso.search.windows.net"]
}

resource "azurerm_cognitive_account" "fail_default" {
  name                  = "aispm-fail-default"
  location              = azurerm_resource_group.rg.location
  resource_group_name   = azurerm_resource_group.rg.name
  kind                  = "OpenAI"
  sku_name              = "S0"
  custom_subdomain_name = "aispm-fail-default"
}
