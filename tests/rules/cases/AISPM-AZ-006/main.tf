# AISPM-AZ-006: publicNetworkAccess explicitly Disabled on Cognitive Services accounts (default Enabled; ACLs alone fail)
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
  name     = "rg-aispm-az-006"
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

resource "azurerm_cognitive_account" "fail" {
  name                          = "aispm-fail"
  location                      = azurerm_resource_group.rg.location
  resource_group_name           = azurerm_resource_group.rg.name
  kind                          = "OpenAI"
  sku_name                      = "S0"
  custom_subdomain_name         = "aispm-fail"
  public_network_access_enabled = true
}

resource "azurerm_cognitive_account" "fail_acl_only" {
  name                  = "aispm-fail-acl-only"
  location              = azurerm_resource_group.rg.location
  resource_group_name   = azurerm_resource_group.rg.name
  kind                  = "OpenAI"
  sku_name              = "S0"
  custom_subdomain_name = "aispm-fail-acl-only"

  network_acls {
    default_action = "Deny"
    ip_rules       = ["203.0.113.0/24"]
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

resource "azurerm_ai_services" "fail_ai_services" {
  name                  = "aisvc-fail"
  location              = azurerm_resource_group.rg.location
  resource_group_name   = azurerm_resource_group.rg.name
  sku_name              = "S0"
  custom_subdomain_name = "aisvc-fail"
}
