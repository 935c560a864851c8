# AISPM-AZ-019: an encryption object must name its keySource (deprecated policy 2bdd0062).
# azurerm always writes keySource; an encryption object without one comes from an azapi body.
terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.0"
    }
    azapi = {
      source = "Azure/azapi"
    }
  }
}

provider "azurerm" {
  features {}
}

resource "azurerm_resource_group" "rg" {
  name     = "rg-aispm-az-019"
  location = "swedencentral"
}

resource "azurerm_cognitive_account" "pass" {
  name                  = "aispm-pass"
  location              = azurerm_resource_group.rg.location
  resource_group_name   = azurerm_resource_group.rg.name
  kind                  = "OpenAI"
  sku_name              = "S0"
  custom_subdomain_name = "aispm-pass"
}

resource "azurerm_cognitive_account" "fail" {
  name                  = "aispm-fail"
  location              = azurerm_resource_group.rg.location
  resource_group_name   = azurerm_resource_group.rg.name
  kind                  = "OpenAI"
  sku_name              = "S0"
  custom_subdomain_name = "aispm-fail"
}

resource "azapi_update_resource" "fail_encryption" {
  type        = "Microsoft.CognitiveServices/accounts@2024-10-01"
  resource_id = azurerm_cognitive_account.fail.id
  body = {
    properties = {
      encryption = {
        keyVaultProperties = {
          keyName     = "cmk"
          keyVaultUri = "https://kv-aispm.vault.azure.net/"
        }
      }
    }
  }
}
