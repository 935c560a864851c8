# AISPM-AZ-052: storage read by an AI service has shared key access disabled (allowed by default)
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
  name     = "rg-aispm-az-052"
  location = "swedencentral"
}

resource "azurerm_search_service" "search" {
  name                = "srch-search"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  sku                 = "basic"

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_storage_account" "pass" {
  name                      = "stgrpass"
  location                  = azurerm_resource_group.rg.location
  resource_group_name       = azurerm_resource_group.rg.name
  account_tier              = "Standard"
  account_replication_type  = "LRS"
  shared_access_key_enabled = false
}

resource "azurerm_role_assignment" "reader_pass" {
  scope                = azurerm_storage_account.pass.id
  role_definition_name = "Storage Blob Data Reader"
  principal_id         = azurerm_search_service.search.identity[0].principal_id
  principal_type       = "ServicePrincipal"
}

resource "azurerm_storage_account" "fail" {
  name                      = "stgrfail"
  location                  = azurerm_resource_group.rg.location
  resource_group_name       = azurerm_resource_group.rg.name
  account_tier              = "Standard"
  account_replication_type  = "LRS"
  shared_access_key_enabled = true
}

resource "azurerm_role_assignment" "reader_fail" {
  scope                = azurerm_storage_account.fail.id
  role_definition_name = "Storage Blob Data Reader"
  principal_id         = azurerm_search_service.search.identity[0].principal_id
  principal_type       = "ServicePrincipal"
}

resource "azurerm_storage_account" "fail_default" {
  name                     = "stgrfaildefault"
  location                 = azurerm_resource_group.rg.location
  resource_group_name      = azurerm_resource_group.rg.name
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_role_assignment" "reader_fail_default" {
  scope                = azurerm_storage_account.fail_default.id
  role_definition_name = "Storage Blob Data Reader"
  principal_id         = azurerm_search_service.search.identity[0].principal_id
  principal_type       = "ServicePrincipal"
}

resource "azurerm_storage_account" "logs" {
  name                            = "stlogs"
  location                        = azurerm_resource_group.rg.location
  resource_group_name             = azurerm_resource_group.rg.name
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  allow_nested_items_to_be_public = false
}
