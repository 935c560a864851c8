# AISPM-AZ-005: diagnostic setting with enabled logs and a destination targets the AI account / search service
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
  name     = "rg-aispm-az-005"
  location = "swedencentral"
}

resource "azurerm_log_analytics_workspace" "logs" {
  name                = "log-aispm"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  sku                 = "PerGB2018"
  retention_in_days   = 30
}

resource "azurerm_cognitive_account" "pass" {
  name                  = "aispm-pass"
  location              = azurerm_resource_group.rg.location
  resource_group_name   = azurerm_resource_group.rg.name
  kind                  = "OpenAI"
  sku_name              = "S0"
  custom_subdomain_name = "aispm-pass"
}

resource "azurerm_monitor_diagnostic_setting" "account" {
  name                       = "diag-account"
  target_resource_id         = azurerm_cognitive_account.pass.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.logs.id

  enabled_log {
    category_group = "allLogs"
  }
}

resource "azurerm_search_service" "pass_search" {
  name                = "srch-pass-search"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  sku                 = "basic"
}

resource "azurerm_monitor_diagnostic_setting" "search" {
  name                       = "diag-search"
  target_resource_id         = azurerm_search_service.pass_search.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.logs.id

  enabled_log {
    category_group = "audit"
  }
}

resource "azurerm_cognitive_account" "fail" {
  name                  = "aispm-fail"
  location              = azurerm_resource_group.rg.location
  resource_group_name   = azurerm_resource_group.rg.name
  kind                  = "OpenAI"
  sku_name              = "S0"
  custom_subdomain_name = "aispm-fail"
}

resource "azurerm_cognitive_account" "fail_metrics_only" {
  name                  = "aispm-fail-metrics-only"
  location              = azurerm_resource_group.rg.location
  resource_group_name   = azurerm_resource_group.rg.name
  kind                  = "OpenAI"
  sku_name              = "S0"
  custom_subdomain_name = "aispm-fail-metrics-only"
}

resource "azurerm_monitor_diagnostic_setting" "metrics_only" {
  name                       = "diag-metrics-only"
  target_resource_id         = azurerm_cognitive_account.fail_metrics_only.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.logs.id

  enabled_metric {
    category = "AllMetrics"
  }
}

resource "azurerm_search_service" "fail_search" {
  name                = "srch-fail-search"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  sku                 = "basic"
}
