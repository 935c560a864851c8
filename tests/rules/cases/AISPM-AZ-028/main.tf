# AISPM-AZ-028: AML managed network reaches dependencies through private-endpoint outbound rules
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
  name     = "rg-aispm-az-028"
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

resource "azurerm_machine_learning_workspace" "pass" {
  name                    = "mlw-pass"
  location                = azurerm_resource_group.rg.location
  resource_group_name     = azurerm_resource_group.rg.name
  storage_account_id      = azurerm_storage_account.ws.id
  key_vault_id            = azurerm_key_vault.kv.id
  application_insights_id = azurerm_application_insights.appi.id

  managed_network {
    isolation_mode = "AllowOnlyApprovedOutbound"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_workspace_network_outbound_rule_private_endpoint" "blob" {
  name                = "storage-blob"
  workspace_id        = azurerm_machine_learning_workspace.pass.id
  service_resource_id = azurerm_storage_account.ws.id
  sub_resource_target = "blob"
  spark_enabled       = false
}

resource "azapi_resource" "pass_azapi" {
  type      = "Microsoft.MachineLearningServices/workspaces@2024-10-01"
  name      = "mlw-pass-azapi"
  location  = azurerm_resource_group.rg.location
  parent_id = azurerm_resource_group.rg.id

  identity {
    type = "SystemAssigned"
  }
  body      = {
    kind       = "Default"
    properties = {
      storageAccount      = azurerm_storage_account.ws.id
      keyVault            = azurerm_key_vault.kv.id
      applicationInsights = azurerm_application_insights.appi.id
      managedNetwork      = {
        isolationMode = "AllowOnlyApprovedOutbound"
        outboundRules = {
          blob = {
            type        = "PrivateEndpoint"
            category    = "UserDefined"
            destination = {
              serviceResourceId = azurerm_storage_account.ws.id
              subresourceTarget = "blob"
              sparkEnabled      = false
            }
          }
        }
      }
    }
  }
}

resource "azurerm_machine_learning_workspace" "fail_fqdn_only" {
  name                    = "mlw-fail-fqdn-only"
  location                = azurerm_resource_group.rg.location
  resource_group_name     = azurerm_resource_group.rg.name
  storage_account_id      = azurerm_storage_account.ws.id
  key_vault_id            = azurerm_key_vault.kv.id
  application_insights_id = azurerm_application_insights.appi.id

  managed_network {
    isolation_mode = "AllowOnlyApprovedOutbound"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_workspace_network_outbound_rule_fqdn" "pypi" {
  name             = "pypi"
  workspace_id     = azurerm_machine_learning_workspace.fail_fqdn_only.id
  destination_fqdn = "pypi.org"
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
