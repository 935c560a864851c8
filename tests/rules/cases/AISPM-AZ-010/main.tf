# AISPM-AZ-010: model deployments keep a blocking content filter (default policy when raiPolicyName is unset)
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
  name     = "rg-aispm-az-010"
  location = "swedencentral"
}

resource "azurerm_cognitive_account" "acct" {
  name                  = "aispm-acct"
  location              = azurerm_resource_group.rg.location
  resource_group_name   = azurerm_resource_group.rg.name
  kind                  = "OpenAI"
  sku_name              = "S0"
  custom_subdomain_name = "aispm-acct"
  local_auth_enabled    = false
}

resource "azurerm_cognitive_account_rai_policy" "strict" {
  name                 = "strict"
  cognitive_account_id = azurerm_cognitive_account.acct.id
  base_policy_name     = "Microsoft.DefaultV2"

  content_filter {
    name               = "Hate"
    filter_enabled     = true
    block_enabled      = true
    severity_threshold = "Medium"
    source             = "Prompt"
  }

  content_filter {
    name               = "Hate"
    filter_enabled     = true
    block_enabled      = true
    severity_threshold = "Medium"
    source             = "Completion"
  }

  content_filter {
    name               = "Sexual"
    filter_enabled     = true
    block_enabled      = true
    severity_threshold = "Medium"
    source             = "Prompt"
  }

  content_filter {
    name               = "Sexual"
    filter_enabled     = true
    block_enabled      = true
    severity_threshold = "Medium"
    source             = "Completion"
  }

  content_filter {
    name               = "Violence"
    filter_enabled     = true
    block_enabled      = true
    severity_threshold = "Medium"
    source             = "Prompt"
  }

  content_filter {
    name               = "Violence"
    filter_enabled     = true
    block_enabled      = true
    severity_threshold = "Medium"
    source             = "Completion"
  }

  content_filter {
    name               = "Selfharm"
    filter_enabled     = true
    block_enabled      = true
    severity_threshold = "Medium"
    source             = "Prompt"
  }

  content_filter {
    name               = "Selfharm"
    filter_enabled     = true
    block_enabled      = true
    severity_threshold = "Medium"
    source             = "Completion"
  }
}

resource "azurerm_cognitive_account_rai_policy" "weak" {
  name                 = "weak"
  cognitive_account_id = azurerm_cognitive_account.acct.id
  base_policy_name     = "Microsoft.DefaultV2"

  content_filter {
    name               = "Hate"
    filter_enabled     = true
    block_enabled      = false
    severity_threshold = "High"
    source             = "Prompt"
  }

  content_filter {
    name               = "Hate"
    filter_enabled     = true
    block_enabled      = false
    severity_threshold = "High"
    source             = "Completion"
  }

  content_filter {
    name               = "Sexual"
    filter_enabled     = true
    block_enabled      = false
    severity_threshold = "High"
    source             = "Prompt"
  }

  content_filter {
    name               = "Sexual"
    filter_enabled     = true
    block_enabled      = false
    severity_threshold = "High"
    source             = "Completion"
  }

  content_filter {
    name               = "Violence"
    filter_enabled     = false
    block_enabled      = false
    severity_threshold = "High"
    source             = "Prompt"
  }

  content_filter {
    name               = "Violence"
    filter_enabled     = false
    block_enabled      = false
    severity_threshold = "High"
    source             = "Completion"
  }

  content_filter {
    name               = "Selfharm"
    filter_enabled     = true
    block_enabled      = false
    severity_threshold = "High"
    source             = "Prompt"
  }

  content_filter {
    name               = "Selfharm"
    filter_enabled     = true
    block_enabled      = false
    severity_threshold = "High"
    source             = "Completion"
  }
}

resource "azurerm_cognitive_deployment" "pass" {
  name                 = "pass"
  cognitive_account_id = azurerm_cognitive_account.acct.id

  model {
    format  = "OpenAI"
    name    = "gpt-4o"
    version = "2024-08-06"
  }

  sku {
    name     = "GlobalStandard"
    capacity = 10
  }
}

resource "azurerm_cognitive_deployment" "pass_strict" {
  name                 = "pass-strict"
  cognitive_account_id = azurerm_cognitive_account.acct.id
  rai_policy_name      = azurerm_cognitive_account_rai_policy.strict.name

  model {
    format  = "OpenAI"
    name    = "gpt-4o"
    version = "2024-08-06"
  }

  sku {
    name     = "GlobalStandard"
    capacity = 10
  }
  depends_on           = [azurerm_cognitive_deployment.pass]
}

resource "azurerm_cognitive_deployment" "fail" {
  name                 = "fail"
  cognitive_account_id = azurerm_cognitive_account.acct.id
  rai_policy_name      = azurerm_cognitive_account_rai_policy.weak.name

  model {
    format  = "OpenAI"
    name    = "gpt-4o"
    version = "2024-08-06"
  }

  sku {
    name     = "GlobalStandard"
    capacity = 10
  }
  depends_on           = [azurerm_cognitive_deployment.pass_strict]
}
