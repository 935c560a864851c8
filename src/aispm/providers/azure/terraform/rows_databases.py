"""Mapping rows: the databases and caches AI applications keep their data in — PostgreSQL and MySQL
flexible servers, SQL servers, Redis caches, and their firewall rules.

Each row maps an azurerm type to its ARM type (see `spec.py`); the facts of the ARM shape are
derived in `facts/data_stores.py`. Firewall rules are resources of their own, as in ARM: those that
name their server by id get it as `parent`; those that name it (`server_name`,
`redis_cache_name`) keep the name under `__parentName` for the fold. Administrator passwords are
never mapped: no body attribute holds one.
"""

from __future__ import annotations

from aispm.iac.terraform.mapping import MappingRow
from aispm.providers.azure import catalog as cat
from aispm.providers.azure.terraform.convert import ABSENT, block, enabled, get, negated, parent_name
from aispm.providers.azure.terraform.spec import IDENTITY, Block, Rename, put_path, resource


def _data_encryption(body: dict, out: dict) -> None:
    """`customer_managed_key { key_vault_key_id }` → ARM `properties.dataEncryption`."""
    cmk = block(body, "customer_managed_key")
    if cmk is ABSENT:
        return
    key = get(cmk, "key_vault_key_id") if isinstance(cmk, dict) else cmk
    put_path(out, "properties.dataEncryption", {"type": "AzureKeyVault", "primaryKeyURI": key})


def _firewall_rule(tf_type: str, arm_type: str, parent: str | None = None, start: str = "start_ip_address",
                   end: str = "end_ip_address", parent_attr: str | None = None) -> MappingRow:
    def by_name(body: dict, out: dict) -> None:
        if parent_attr is not None:
            parent_name(out, body, parent_attr)

    return resource(tf_type, arm_type,
                    Rename(start, "properties.startIpAddress"),
                    Rename(end, "properties.endIpAddress"),
                    by_name,
                    common=False, parent=parent)


ROWS: list[MappingRow] = [
    resource("azurerm_postgresql_flexible_server", cat.POSTGRES_FLEXIBLE,
             IDENTITY,
             Rename("version", "properties.version"),
             Rename("public_network_access_enabled", "properties.network.publicNetworkAccess", enabled),
             Rename("delegated_subnet_id", "properties.network.delegatedSubnetResourceId"),
             Rename("private_dns_zone_id", "properties.network.privateDnsZoneArmResourceId"),
             Block("authentication", "properties.authConfig", (
                 Rename("active_directory_auth_enabled", "activeDirectoryAuth", enabled),
                 Rename("password_auth_enabled", "passwordAuth", enabled),
             )),
             _data_encryption),
    _firewall_rule("azurerm_postgresql_flexible_server_firewall_rule", cat.POSTGRES_FIREWALL_RULE,
                   parent="server_id"),
    resource("azurerm_mysql_flexible_server", cat.MYSQL_FLEXIBLE,
             IDENTITY,
             Rename("version", "properties.version"),
             Rename("public_network_access", "properties.network.publicNetworkAccess"),  # `Enabled`/`Disabled`
             Rename("delegated_subnet_id", "properties.network.delegatedSubnetResourceId"),
             Rename("private_dns_zone_id", "properties.network.privateDnsZoneResourceId"),
             _data_encryption),
    _firewall_rule("azurerm_mysql_flexible_server_firewall_rule", cat.MYSQL_FIREWALL_RULE,
                   parent_attr="server_name"),
    resource("azurerm_mssql_server", cat.SQL_SERVER,
             IDENTITY,
             Rename("version", "properties.version"),
             Rename("public_network_access_enabled", "properties.publicNetworkAccess", enabled),
             Rename("minimum_tls_version", "properties.minimalTlsVersion"),
             Rename("transparent_data_encryption_key_vault_key_id", "properties.keyId"),
             Block("azuread_administrator", "properties.administrators", (
                 Rename("login_username", "login"),
                 Rename("object_id", "sid"),
                 Rename("azuread_authentication_only", "azureADOnlyAuthentication"),
             ))),
    _firewall_rule("azurerm_mssql_firewall_rule", cat.SQL_FIREWALL_RULE, parent="server_id"),
    resource("azurerm_redis_cache", cat.REDIS_CACHE,
             IDENTITY,
             Rename("public_network_access_enabled", "properties.publicNetworkAccess", enabled),
             Rename("subnet_id", "properties.subnetId"),
             Rename(("non_ssl_port_enabled", "enable_non_ssl_port"), "properties.enableNonSslPort"),
             Rename("access_keys_authentication_enabled", "properties.disableAccessKeyAuthentication", negated),
             Rename("minimum_tls_version", "properties.minimumTlsVersion")),
    _firewall_rule("azurerm_redis_firewall_rule", cat.REDIS_FIREWALL_RULE, start="start_ip", end="end_ip",
                   parent_attr="redis_cache_name"),
]
