# AISPM-AZ-072: Foundry data store connections should authenticate with Microsoft Entra ID.
# azurerm has no connection resource: connections are declared with azapi.
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

variable "storage_key" {
  type      = string
  sensitive = true
}

resource "azurerm_resource_group" "rg" {
  name     = "rg-aispm-az-072"
  location = "swedencentral"
}

resource "azurerm_ai_services" "foundry" {
  name                       = "aispm-foundry"
  location                   = azurerm_resource_group.rg.location
  resource_group_name        = azurerm_resource_group.rg.name
  sku_name                   = "S0"
  custom_subdomain_name      = "aispm-foundry"
  project_management_enabled = true

  identity {
    type = "SystemAssigned"
  }
}

resource "azapi_resource" "project" {
  type      = "Microsoft.CognitiveServices/accounts/projects@2025-06-01"
  name      = "proj"
  location  = azurerm_resource_group.rg.location
  parent_id = azurerm_ai_services.foundry.id
  identity {
    type = "SystemAssigned"
  }
  body = {
    properties = {}
  }
}

resource "azapi_resource" "pass" {
  type      = "Microsoft.CognitiveServices/accounts/projects/connections@2025-06-01"
  name      = "blob-entra"
  parent_id = azapi_resource.project.id
  body = {
    properties = {
      category = "AzureBlob"
      target   = "https://stdata.blob.core.windows.net/"
      authType = "AAD"
      metadata = {
        ContainerName = "data"
        AccountName   = "stdata"
      }
    }
  }
}

resource "azapi_resource" "fail" {
  type      = "Microsoft.CognitiveServices/accounts/projects/connections@2025-06-01"
  name      = "blob-key"
  parent_id = azapi_resource.project.id
  body = {
    properties = {
      category = "AzureBlob"
      target   = "https://stdata.blob.core.windows.net/"
      authType = "AccountKey"
      credentials = {
        key = var.storage_key
      }
      metadata = {
        ContainerName = "data"
        AccountName   = "stdata"
      }
    }
  }
}

# a model connection is not a data store: not judged
resource "azapi_resource" "openai_conn" {
  type      = "Microsoft.CognitiveServices/accounts/projects/connections@2025-06-01"
  name      = "openai"
  parent_id = azapi_resource.project.id
  body = {
    properties = {
      category = "AzureOpenAI"
      target   = "https://aispm-openai.openai.azure.com/"
      authType = "ApiKey"
      credentials = {
        key = var.storage_key
      }
    }
  }
}

resource "azapi_resource" "fail_account" {
  type      = "Microsoft.CognitiveServices/accounts/connections@2025-06-01"
  name      = "lake-sas"
  parent_id = azurerm_ai_services.foundry.id
  body = {
    properties = {
      category = "AzureDataLakeGen2"
      target   = "https://stlake.dfs.core.windows.net/"
      authType = "SAS"
      credentials = {
        sas = var.storage_key
      }
    }
  }
}

resource "azurerm_ai_foundry" "hub" {
  name                = "aispm-hub"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  storage_account_id  = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st"
  key_vault_id        = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"

  identity {
    type = "SystemAssigned"
  }
}

resource "azapi_resource" "pass_ws" {
  type      = "Microsoft.MachineLearningServices/workspaces/connections@2024-10-01"
  name      = "onelake-entra"
  parent_id = azurerm_ai_foundry.hub.id
  body = {
    properties = {
      category = "AzureOneLake"
      target   = "https://onelake.dfs.fabric.microsoft.com/"
      authType = "AAD"
    }
  }
}

resource "azapi_resource" "fail_ws" {
  type      = "Microsoft.MachineLearningServices/workspaces/connections@2024-10-01"
  name      = "blob-key"
  parent_id = azurerm_ai_foundry.hub.id
  body = {
    properties = {
      category = "AzureBlob"
      target   = "https://stdata.blob.core.windows.net/"
      authType = "AccountKey"
      credentials = {
        key = var.storage_key
      }
    }
  }
}
