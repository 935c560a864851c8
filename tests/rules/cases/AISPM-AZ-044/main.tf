# AISPM-AZ-044: Databricks workspace resource logs sent by a diagnostic setting
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
  name     = "rg-aispm-az-044"
  location = "swedencentral"
}

resource "azurerm_log_analytics_workspace" "logs" {
  name                = "log-aispm"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  sku                 = "PerGB2018"
  retention_in_days   = 30
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

resource "azurerm_monitor_diagnostic_setting" "workspace" {
  name                       = "diag-workspace"
  target_resource_id         = azurerm_databricks_workspace.pass.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.logs.id

  enabled_log {
    category = "accounts"
  }

  enabled_log {
    category = "clusters"
  }

  enabled_log {
    category = "jobs"
  }

  enabled_log {
    category = "notebook"
  }
}

resource "azurerm_databricks_workspace" "fail" {
  name                        = "dbw-fail"
  location                    = azurerm_resource_group.rg.location
  resource_group_name         = azurerm_resource_group.rg.name
  sku                         = "premium"
  managed_resource_group_name = "databricks-rg-fail"

  custom_parameters {
    no_public_ip = true
  }
}
