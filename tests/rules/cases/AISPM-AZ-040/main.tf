# AISPM-AZ-040: Databricks secure cluster connectivity (no public IP); enableNoPublicIp defaulted to false before API 2024-05-01, hence the older API version on the default case
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
  name     = "rg-aispm-az-040"
  location = "swedencentral"
}

resource "azurerm_databricks_workspace" "pass" {
  name                        = "dbw-pass"
  location                    = azurerm_resource_group.rg.location
  resource_group_name         = azurerm_resource_group.rg.name
  sku                         = "premium"
  managed_resource_group_name = "databricks-rg-pass"

  custom_parameters {
    no_public_ip = true
  }
}

resource "azurerm_databricks_workspace" "fail" {
  name                        = "dbw-fail"
  location                    = azurerm_resource_group.rg.location
  resource_group_name         = azurerm_resource_group.rg.name
  sku                         = "premium"
  managed_resource_group_name = "databricks-rg-fail"

  custom_parameters {
    no_public_ip = false
  }
}
