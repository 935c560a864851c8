# AISPM-AZ-027: AML workspace reaches its default storage with Entra ID (systemDatastoresAuthMode identity; accesskey by default)
terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.0"
    }
    azapi = {
      source  = "Azure/azapi"
      version = "~> 2.0"
    }
  }
}

provider "azurerm" {
  features {}
}

provider "azapi" {}

data "azurerm_client_config" "current" {}

resource "azurerm_resource_group" "rg" {
  name     = "rg-aispm-az-027"
  location = "swedencentral"
}

resource "azurerm_log_analytics_workspace" "logs" {
  name                = "log-aispm"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  sku                 = "PerGB2018"
  retention_in_days   = 30
}

resource "azurerm_storage_account" "ws" {
  name                            = "stws"
  location                        = azurerm_resource_group.rg.location
  resource_group_name             = azurerm_resource_group.rg.name
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  allow_nested_items_to_be_public = false
}

resource "azurerm_key_vault" "kv" {
  name                       = "kv-aispm-ws"
  location                   = azurerm_resource_group.rg.location
  resource_group_name        = azurerm_resource_group.rg.name
  tenant_id                  = data.azurerm_client_config.current.tenant_id
  sku_name                   = "standard"
  rbac_authorization_enabled = true
  purge_protection_enabled   = true
}

resource "azurerm_application_insights" "appi" {
  name                = "appi-aispm"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  application_type    = "web"
  workspace_id        = azurerm_log_analytics_workspace.logs.id
}

resource "azapi_resource" "pass" {
  type      = "Microsoft.MachineLearningServices/workspaces@2024-10-01"
  name      = "mlw-pass"
  location  = azurerm_resource_group.rg.location
  parent_id = azurerm_resource_group.rg.id

  identity {
    type = "SystemAssigned"
  }
  body      = {
    kind       = "Default"
    sku        = {
      name = "Basic"
      tier = "Basic"
    }
    properties = {
      friendlyName             = "pass"
      storageAccount           = azurerm_storage_account.ws.id
      keyVault                 = azurerm_key_vault.kv.id
      applicationInsights      = azurerm_application_insights.appi.id
      systemDatastoresAuthMode = "identity"
    }
  }
}

resource "azapi_resource" "fail" {
  type      = "Microsoft.MachineLearningServices/workspaces@2024-10-01"
  name      = "mlw-fail"
  location  = azurerm_resource_group.rg.location
  parent_id = azurerm_resource_group.rg.id

  identity {
    type = "SystemAssigned"
  }
  body      = {
    kind       = "Default"
    sku        = {
      name = "Basic"
      tier = "Basic"
    }
    properties = {
      friendlyName             = "fail"
      storageAccount           = azurerm_storage_account.ws.id
      keyVault                 = azurerm_key_vault.kv.id
      applicationInsights      = azurerm_application_insights.appi.id
      systemDatastoresAuthMode = "accessKey"
    }
  }
}

resource "azurerm_machine_learning_workspace" "fail_default" {
  name                    = "mlw-fail-default"
  location                = azurerm_resource_group.rg.location
  resource_group_name     = azurerm_resource_group.rg.name
  storage_account_id      = azurerm_storage_account.ws.id
  key_vault_id            = azurerm_key_vault.kv.id
  application_insights_id = azurerm_application_insights.appi.id

  identity {
    type = "SystemAssigned"
  }
}
