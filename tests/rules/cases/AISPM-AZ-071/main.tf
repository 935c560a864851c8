# AISPM-AZ-071: customer-managed keys on Foundry resources (AI Services accounts with project management, hubs)
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
  name     = "rg-aispm-az-071"
  location = "swedencentral"
}

resource "azurerm_key_vault" "cmk" {
  name                       = "kv-aispm-foundry"
  location                   = azurerm_resource_group.rg.location
  resource_group_name        = azurerm_resource_group.rg.name
  tenant_id                  = data.azurerm_client_config.current.tenant_id
  sku_name                   = "standard"
  rbac_authorization_enabled = true
  purge_protection_enabled   = true
}

resource "azurerm_key_vault_key" "cmk" {
  name         = "cmk"
  key_vault_id = azurerm_key_vault.cmk.id
  key_type     = "RSA"
  key_size     = 2048
  key_opts     = ["wrapKey", "unwrapKey"]
}

resource "azurerm_user_assigned_identity" "cmk" {
  name                = "id-cmk"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
}

resource "azurerm_cognitive_account" "pass" {
  name                       = "aispm-pass"
  location                   = azurerm_resource_group.rg.location
  resource_group_name        = azurerm_resource_group.rg.name
  kind                       = "AIServices"
  sku_name                   = "S0"
  custom_subdomain_name      = "aispm-pass"
  project_management_enabled = true

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.cmk.id]
  }

  customer_managed_key {
    key_vault_key_id   = azurerm_key_vault_key.cmk.id
    identity_client_id = azurerm_user_assigned_identity.cmk.client_id
  }
}

resource "azurerm_cognitive_account" "fail" {
  name                       = "aispm-fail"
  location                   = azurerm_resource_group.rg.location
  resource_group_name        = azurerm_resource_group.rg.name
  kind                       = "AIServices"
  sku_name                   = "S0"
  custom_subdomain_name      = "aispm-fail"
  project_management_enabled = true

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.cmk.id]
  }
}

# not a Foundry resource: not judged
resource "azurerm_cognitive_account" "classic" {
  name                  = "aispm-classic"
  location              = azurerm_resource_group.rg.location
  resource_group_name   = azurerm_resource_group.rg.name
  kind                  = "OpenAI"
  sku_name              = "S0"
  custom_subdomain_name = "aispm-classic"
}

resource "azurerm_ai_foundry" "pass_hub" {
  name                = "aispm-pass-hub"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  storage_account_id  = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st"
  key_vault_id        = azurerm_key_vault.cmk.id

  identity {
    type = "SystemAssigned"
  }

  encryption {
    key_vault_id = azurerm_key_vault.cmk.id
    key_id       = azurerm_key_vault_key.cmk.id
  }
}

resource "azurerm_ai_foundry" "fail_hub" {
  name                = "aispm-fail-hub"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  storage_account_id  = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st"
  key_vault_id        = azurerm_key_vault.cmk.id

  identity {
    type = "SystemAssigned"
  }
}
