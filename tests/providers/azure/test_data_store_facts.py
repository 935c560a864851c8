"""The data stores around AI (Cosmos DB, PostgreSQL / MySQL flexible servers, SQL servers, Redis,
storage) get the AI resources' facts — public network access, key / local auth, customer-managed
keys, managed identity, private endpoints, firewall rules open to all — from Bicep, ARM and
Terraform alike."""

from __future__ import annotations

import json
import textwrap

import pytest

from aispm.scan import scan


def _facts(tmp_path, files: dict[str, str], arm_type: str) -> dict:
    for name, text in files.items():
        (tmp_path / name).write_text(textwrap.dedent(text))
    result = scan([tmp_path])
    assert result.errors == [], result.errors
    (asset,) = [a for a in result.assets if a.type == arm_type]
    return asset.facts


def _arm(*resources: dict) -> str:
    return json.dumps({
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0", "resources": list(resources)})


COSMOS = "Microsoft.DocumentDB/databaseAccounts"
PG = "Microsoft.DBforPostgreSQL/flexibleServers"
MYSQL = "Microsoft.DBforMySQL/flexibleServers"
SQL = "Microsoft.Sql/servers"
REDIS = "Microsoft.Cache/redis"
STORAGE = "Microsoft.Storage/storageAccounts"

OPEN_COSMOS = {"public_network_access": True, "local_auth_enabled": True, "customer_managed_key": False,
               "managed_identity": False, "private_endpoint": False, "allows_all_ips": False}
CLOSED_COSMOS = {"public_network_access": False, "public_network_access_disabled": True,
                 "local_auth_enabled": False, "customer_managed_key": True, "managed_identity": True}


@pytest.mark.parametrize("files, expected", [
    ({"main.bicep": """
        resource c 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
          name: 'cosmos'
          location: 'eastus'
          properties: { databaseAccountOfferType: 'Standard', locations: [] }
        }
        """}, OPEN_COSMOS),
    ({"main.bicep": """
        resource c 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
          name: 'cosmos'
          location: 'eastus'
          identity: { type: 'SystemAssigned' }
          properties: {
            databaseAccountOfferType: 'Standard'
            locations: []
            publicNetworkAccess: 'Disabled'
            disableLocalAuth: true
            keyVaultKeyUri: 'https://kv.vault.azure.net/keys/k'
          }
        }
        """}, CLOSED_COSMOS),
    ({"main.json": _arm({"type": COSMOS, "apiVersion": "2024-05-15", "name": "cosmos", "location": "eastus",
                         "properties": {"databaseAccountOfferType": "Standard", "locations": []}})}, OPEN_COSMOS),
    ({"main.tf": """
        resource "azurerm_cosmosdb_account" "c" {
          name                = "cosmos"
          location            = "eastus"
          resource_group_name = "rg"
          offer_type          = "Standard"
          public_network_access_enabled = false
          local_authentication_disabled = true
          key_vault_key_id    = "https://kv.vault.azure.net/keys/k"
          identity { type = "SystemAssigned" }
        }
        """}, CLOSED_COSMOS),
    ({"main.tf": """
        resource "azurerm_cosmosdb_account" "c" {
          name                = "cosmos"
          location            = "eastus"
          resource_group_name = "rg"
          offer_type          = "Standard"
          ip_range_filter     = ["203.0.113.7"]
        }
        """}, {"public_network_access": False, "allows_all_ips": False, "local_auth_enabled": True}),
])
def test_cosmos_db(tmp_path, files, expected):
    facts = _facts(tmp_path, files, COSMOS)
    assert {k: facts.get(k) for k in expected} == expected


OPEN_PG = {"public_network_access": True, "allows_all_ips": True, "local_auth_enabled": True,
           "customer_managed_key": False, "managed_identity": False, "private_endpoint": False}
PRIVATE_PG = {"public_network_access": False, "allows_all_ips": False, "local_auth_enabled": False,
              "customer_managed_key": True}


@pytest.mark.parametrize("files, expected", [
    ({"main.bicep": """
        resource pg 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
          name: 'pg'
          location: 'eastus'
          properties: { version: '16' }
        }
        resource all 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = {
          parent: pg
          name: 'all'
          properties: { startIpAddress: '0.0.0.0', endIpAddress: '255.255.255.255' }
        }
        """}, OPEN_PG),
    ({"main.json": _arm(
        {"type": PG, "apiVersion": "2024-08-01", "name": "pg", "location": "eastus", "properties": {}},
        {"type": PG + "/firewallRules", "apiVersion": "2024-08-01", "name": "pg/all",
         "dependsOn": ["[resourceId('Microsoft.DBforPostgreSQL/flexibleServers', 'pg')]"],
         "properties": {"startIpAddress": "0.0.0.0", "endIpAddress": "255.255.255.255"}})}, OPEN_PG),
    ({"main.tf": """
        resource "azurerm_postgresql_flexible_server" "pg" {
          name                = "pg"
          location            = "eastus"
          resource_group_name = "rg"
        }
        resource "azurerm_postgresql_flexible_server_firewall_rule" "all" {
          name             = "all"
          server_id        = azurerm_postgresql_flexible_server.pg.id
          start_ip_address = "0.0.0.0"
          end_ip_address   = "255.255.255.255"
        }
        """}, OPEN_PG),
    ({"main.tf": """
        resource "azurerm_postgresql_flexible_server" "pg" {
          name                          = "pg"
          location                      = "eastus"
          resource_group_name           = "rg"
          delegated_subnet_id           = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/db"
          public_network_access_enabled = false
          authentication {
            active_directory_auth_enabled = true
            password_auth_enabled         = false
          }
          customer_managed_key {
            key_vault_key_id = "https://kv.vault.azure.net/keys/k"
          }
        }
        """}, PRIVATE_PG),
    ({"main.tf": """
        resource "azurerm_postgresql_flexible_server" "pg" {
          name                = "pg"
          location            = "eastus"
          resource_group_name = "rg"
        }
        resource "azurerm_postgresql_flexible_server_firewall_rule" "office" {
          name             = "office"
          server_id        = azurerm_postgresql_flexible_server.pg.id
          start_ip_address = "203.0.113.0"
          end_ip_address   = "203.0.113.255"
        }
        resource "azurerm_postgresql_flexible_server_firewall_rule" "azure" {
          name             = "azure"
          server_id        = azurerm_postgresql_flexible_server.pg.id
          start_ip_address = "0.0.0.0"
          end_ip_address   = "0.0.0.0"
        }
        """}, {"public_network_access": False, "allows_all_ips": False, "public_network_access_disabled": False}),
])
def test_postgresql_flexible_server(tmp_path, files, expected):
    facts = _facts(tmp_path, files, PG)
    assert {k: facts.get(k) for k in expected} == expected


def test_mysql_flexible_server_firewall_rule_by_server_name(tmp_path):
    facts = _facts(tmp_path, {"main.tf": """
        resource "azurerm_mysql_flexible_server" "db" {
          name                = "mysql-chat"
          location            = "eastus"
          resource_group_name = "rg"
        }
        resource "azurerm_mysql_flexible_server_firewall_rule" "all" {
          name                = "all"
          resource_group_name = "rg"
          server_name         = azurerm_mysql_flexible_server.db.name
          start_ip_address    = "0.0.0.0"
          end_ip_address      = "255.255.255.255"
        }
        """}, MYSQL)
    assert facts["allows_all_ips"] is True and facts["public_network_access"] is True
    assert facts["local_auth_enabled"] is True


@pytest.mark.parametrize("files, expected", [
    ({"main.bicep": """
        resource sql 'Microsoft.Sql/servers@2023-08-01-preview' = {
          name: 'sql'
          location: 'eastus'
          properties: { administratorLogin: 'sqladmin' }
        }
        resource all 'Microsoft.Sql/servers/firewallRules@2023-08-01-preview' = {
          parent: sql
          name: 'all'
          properties: { startIpAddress: '0.0.0.0', endIpAddress: '255.255.255.255' }
        }
        """}, {"public_network_access": True, "allows_all_ips": True, "local_auth_enabled": True,
               "customer_managed_key": False}),
    ({"main.bicep": """
        resource sql 'Microsoft.Sql/servers@2023-08-01-preview' = {
          name: 'sql'
          location: 'eastus'
          identity: { type: 'SystemAssigned' }
          properties: { publicNetworkAccess: 'Disabled', keyId: 'https://kv.vault.azure.net/keys/k/1' }
        }
        resource entraOnly 'Microsoft.Sql/servers/azureADOnlyAuthentications@2023-08-01-preview' = {
          parent: sql
          name: 'Default'
          properties: { azureADOnlyAuthentication: true }
        }
        """}, {"public_network_access": False, "public_network_access_disabled": True, "local_auth_enabled": False,
               "customer_managed_key": True, "managed_identity": True}),
    ({"main.tf": """
        resource "azurerm_mssql_server" "sql" {
          name                = "sql"
          location            = "eastus"
          resource_group_name = "rg"
          version             = "12.0"
          azuread_administrator {
            login_username              = "admins"
            object_id                   = "00000000-0000-0000-0000-000000000000"
            azuread_authentication_only = true
          }
        }
        resource "azurerm_mssql_firewall_rule" "all" {
          name             = "all"
          server_id        = azurerm_mssql_server.sql.id
          start_ip_address = "0.0.0.0"
          end_ip_address   = "255.255.255.255"
        }
        """}, {"public_network_access": True, "allows_all_ips": True, "local_auth_enabled": False}),
])
def test_sql_server(tmp_path, files, expected):
    facts = _facts(tmp_path, files, SQL)
    assert {k: facts.get(k) for k in expected} == expected


@pytest.mark.parametrize("files, expected", [
    ({"main.bicep": """
        resource r 'Microsoft.Cache/redis@2024-03-01' = {
          name: 'redis'
          location: 'eastus'
          properties: { sku: { name: 'Basic', family: 'C', capacity: 0 } }
        }
        """}, {"public_network_access": True, "allows_all_ips": True, "local_auth_enabled": True}),
    ({"main.tf": """
        resource "azurerm_redis_cache" "r" {
          name                               = "redis"
          location                           = "eastus"
          resource_group_name                = "rg"
          capacity                           = 0
          family                             = "C"
          sku_name                           = "Basic"
          public_network_access_enabled      = false
          access_keys_authentication_enabled = false
        }
        """}, {"public_network_access": False, "public_network_access_disabled": True, "local_auth_enabled": False}),
    ({"main.tf": """
        resource "azurerm_redis_cache" "r" {
          name                = "redis"
          location            = "eastus"
          resource_group_name = "rg"
          capacity            = 0
          family              = "C"
          sku_name            = "Basic"
        }
        resource "azurerm_redis_firewall_rule" "office" {
          name                = "office"
          redis_cache_name    = azurerm_redis_cache.r.name
          resource_group_name = "rg"
          start_ip            = "203.0.113.1"
          end_ip              = "203.0.113.9"
        }
        """}, {"public_network_access": False, "allows_all_ips": False}),
])
def test_redis_cache(tmp_path, files, expected):
    facts = _facts(tmp_path, files, REDIS)
    assert {k: facts.get(k) for k in expected} == expected


def test_storage_customer_managed_key(tmp_path):
    facts = _facts(tmp_path, {"main.bicep": """
        resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {
          name: 'st'
          location: 'eastus'
          kind: 'StorageV2'
          sku: { name: 'Standard_LRS' }
          properties: { encryption: { keySource: 'Microsoft.Keyvault', keyvaultproperties: { keyname: 'k' } } }
        }
        """}, STORAGE)
    assert facts["customer_managed_key"] is True


def test_private_endpoint_closes_a_data_store(tmp_path):
    facts = _facts(tmp_path, {"main.bicep": """
        resource c 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
          name: 'cosmos'
          location: 'eastus'
          properties: { databaseAccountOfferType: 'Standard', locations: [], publicNetworkAccess: 'Disabled' }
        }
        resource pe 'Microsoft.Network/privateEndpoints@2024-01-01' = {
          name: 'pe-cosmos'
          location: 'eastus'
          properties: {
            subnet: { id: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s' }
            privateLinkServiceConnections: [ {
              name: 'c'
              properties: { privateLinkServiceId: c.id, groupIds: [ 'Sql' ] }
            } ]
          }
        }
        """}, COSMOS)
    assert facts["private_endpoint"] is True and facts["public_network_access"] is False


def test_hosts_say_whether_a_private_endpoint_reaches_them(tmp_path):
    facts = _facts(tmp_path, {"main.bicep": """
        resource site 'Microsoft.Web/sites@2023-12-01' = {
          name: 'app-chat'
          location: 'eastus'
          kind: 'app,linux'
          identity: { type: 'SystemAssigned' }
          properties: { httpsOnly: true }
        }
        """}, "Microsoft.Web/sites")
    assert facts["private_endpoint"] is False and facts["managed_identity"] is True
    assert facts["public_network_access"] is True
