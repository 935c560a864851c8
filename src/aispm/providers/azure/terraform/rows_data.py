"""Mapping rows: where AI data and secrets are kept — Storage, Key Vault, Cosmos DB (and who may read it).

Each row maps one azurerm type to its ARM type (see `spec.py` for the vocabulary). A storage
container that names its account by `storage_account_name` (rather than by id) keeps that name
under `__account_name`, a hand-off that `aispm.providers.azure.fold` resolves to a parent.
A Key Vault secret's value is never kept: a key of a declared resource stays as its `Unknown`
(so the linker can say which key the vault holds), anything else becomes an `Unknown`.
"""

from __future__ import annotations

from typing import Any

from aispm.iac.terraform.mapping import MappingRow
from aispm.model import Unknown
from aispm.providers.azure import catalog as cat
from aispm.providers.azure.terraform.convert import (
    ABSENT,
    U,
    as_bool,
    block,
    conv,
    enabled,
    first_of,
    get,
    ids,
    ip_rules,
    key_of,
    mapped,
    negated,
    parent_name,
    parent_uid,
    split_key_url,
)
from aispm.providers.azure.terraform.spec import IDENTITY, Block, Each, Rename, name_or, put_path, resource

# --- Storage ---------------------------------------------------------------------------------


def _storage_sku(body: dict, out: dict) -> None:
    """ARM's sku name is `<tier>_<replication>` (`Standard_LRS`)."""
    tier, repl = get(body, "account_tier"), get(body, "account_replication_type")
    if tier is not ABSENT and repl is not ABSENT:
        out["sku"] = {"name": tier if isinstance(tier, Unknown) else repl if isinstance(repl, Unknown)
                      else f"{tier}_{repl}"}


#: ARM spells the key properties of a storage account's encryption in lower case.
_STORAGE_KEY_NAMES = {"keyName": "keyname", "keyVaultUri": "keyvaulturi", "keyVersion": "keyversion"}


def _storage_cmk(body: dict, out: dict) -> None:
    cmk = block(body, "customer_managed_key")
    if isinstance(cmk, Unknown):
        put_path(out, "properties.encryption.keySource", cmk)
    elif cmk is not ABSENT:
        put_path(out, "properties.encryption.keySource", "Microsoft.Keyvault")
        kid = first_of(cmk, "key_vault_key_id", "managed_hsm_key_id")
        kv = split_key_url(kid) if isinstance(kid, str) else {"keyName": kid if kid is not ABSENT else U("key")}
        put_path(out, "properties.encryption.keyvaultproperties",
                 {_STORAGE_KEY_NAMES.get(k, k): v for k, v in kv.items()})
        uai = get(cmk, "user_assigned_identity_id")
        if uai is not ABSENT:
            put_path(out, "properties.encryption.identity", {"userAssignedIdentity": uai})


def _container_account(body: dict, out: dict) -> None:
    if parent_uid(body.get("storage_account_id")) is None and isinstance(body.get("storage_account_name"), str):
        out["__account_name"] = body["storage_account_name"]  # resolved to a parent by the fold


STORAGE: list[MappingRow] = [
    resource("azurerm_storage_account", cat.STORAGE_ACCOUNT,
             Rename("account_kind", "kind", default="StorageV2"),  # azurerm default (ARM requires a kind)
             _storage_sku,
             IDENTITY,
             Rename("public_network_access_enabled", "properties.publicNetworkAccess", enabled),
             # azurerm defaults to true, the opposite of ARM's default for new accounts: written explicitly
             Rename("allow_nested_items_to_be_public", "properties.allowBlobPublicAccess", as_bool, default=True),
             Rename("shared_access_key_enabled", "properties.allowSharedKeyAccess", as_bool),
             # azurerm default TLS1_2 (ARM: TLS1_0): written explicitly
             Rename("min_tls_version", "properties.minimumTlsVersion", default="TLS1_2"),
             Rename(("https_traffic_only_enabled", "enable_https_traffic_only"),
                    "properties.supportsHttpsTrafficOnly", as_bool),
             Rename("is_hns_enabled", "properties.isHnsEnabled", as_bool),
             Rename("default_to_oauth_authentication", "properties.defaultToOAuthAuthentication", as_bool),
             Block("network_rules", "properties.networkAcls", (
                 Rename("default_action", "defaultAction"),
                 Rename("bypass", "bypass", lambda v: conv(v, lambda x: ", ".join(x) if isinstance(x, list) else x)),
                 Rename("ip_rules", "ipRules", ip_rules(extra={"action": "Allow"})),
                 Rename("virtual_network_subnet_ids", "virtualNetworkRules", ids(extra={"action": "Allow"})),
             )),
             Rename("infrastructure_encryption_enabled", "properties.encryption.requireInfrastructureEncryption",
                    as_bool),
             _storage_cmk),
    resource("azurerm_storage_container", cat.STORAGE_CONTAINER,
             Rename("container_access_type", "properties.publicAccess",
                    mapped({"private": "None", "blob": "Blob", "container": "Container"})),
             Rename("metadata", "properties.metadata"),
             _container_account,
             common=False, parent="storage_account_id"),
]


# --- Key Vault -------------------------------------------------------------------------------


def _access_permissions(body: Any, out: dict) -> None:
    b = body if isinstance(body, dict) else {}
    out["permissions"] = {"keys": b.get("key_permissions") or [],
                          "secrets": b.get("secret_permissions") or [],
                          "certificates": b.get("certificate_permissions") or []}


def _rotation(body: dict, out: dict) -> None:
    ar = block(body, "automatic")
    if isinstance(ar, dict):
        trigger: dict[str, Any] = {}
        put_path(trigger, "timeAfterCreate", get(ar, "time_after_creation"))
        put_path(trigger, "timeBeforeExpiry", get(ar, "time_before_expiry"))
        out["lifetimeActions"] = [{"action": {"type": "rotate"}, "trigger": trigger}]


def _secret_value(body: dict, out: dict) -> None:
    """The secret value itself is never kept; a key of a declared resource is (as its Unknown)."""
    value = first_of(body, "value", "value_wo")
    if value is ABSENT:
        return
    holder = key_of(value)
    if holder is not None:
        out["properties"]["value"] = value
        out["properties"]["holdsKeyOf"] = holder
    else:  # a literal (or any other unresolved value) is never kept
        out["properties"]["value"] = U("secret value")


KEY_VAULT: list[MappingRow] = [
    resource("azurerm_key_vault", cat.KEY_VAULT,
             Rename("sku_name", "properties.sku", lambda v: {"family": "A", "name": v}),
             Rename("tenant_id", "properties.tenantId"),
             Rename("purge_protection_enabled", "properties.enablePurgeProtection", as_bool),
             Rename("soft_delete_retention_days", "properties.softDeleteRetentionInDays"),
             Rename(("rbac_authorization_enabled", "enable_rbac_authorization"), "properties.enableRbacAuthorization",
                    as_bool),
             Rename("public_network_access_enabled", "properties.publicNetworkAccess", enabled),
             Rename("enabled_for_disk_encryption", "properties.enabledForDiskEncryption", as_bool),
             Block("network_acls", "properties.networkAcls", (
                 Rename("default_action", "defaultAction"),
                 Rename("bypass", "bypass"),
                 Rename("ip_rules", "ipRules", ip_rules()),
                 Rename("virtual_network_subnet_ids", "virtualNetworkRules", ids()),
             )),
             Each("access_policy", "properties.accessPolicies", (
                 Rename("tenant_id", "tenantId"),
                 Rename("object_id", "objectId"),
                 _access_permissions,
             ), unknown=False)),
    resource("azurerm_key_vault_key", cat.KEY_VAULT_KEY,
             Rename("key_type", "properties.kty"),
             Rename("key_size", "properties.keySize"),
             Rename("key_opts", "properties.keyOps"),
             Rename("curve", "properties.curveName"),
             Rename("expiration_date", "properties.attributes.exp"),
             Rename("not_before_date", "properties.attributes.nbf"),
             Block("rotation_policy", "properties.rotationPolicy", (Rename("expire_after", "expiryTime"), _rotation)),
             common=False, parent="key_vault_id"),
    resource("azurerm_key_vault_secret", cat.KEY_VAULT_SECRET,
             Rename("content_type", "properties.contentType"),
             Rename("expiration_date", "properties.attributes.exp"),
             _secret_value,
             common=False, parent="key_vault_id"),
]


# --- Cosmos DB -------------------------------------------------------------------------------

COSMOS: list[MappingRow] = [
    resource("azurerm_cosmosdb_account", cat.COSMOS_ACCOUNT,
             Rename("kind", "kind"),
             IDENTITY,
             Rename("offer_type", "properties.databaseAccountOfferType"),
             Rename("public_network_access_enabled", "properties.publicNetworkAccess", enabled),
             Rename("local_authentication_disabled", "properties.disableLocalAuth", as_bool),
             Rename("is_virtual_network_filter_enabled", "properties.isVirtualNetworkFilterEnabled", as_bool),
             Rename("ip_range_filter", "properties.ipRules", ip_rules("ipAddressOrRange")),
             Rename("key_vault_key_id", "properties.keyVaultKeyUri"),
             Rename("minimal_tls_version", "properties.minimalTlsVersion"),
             Rename("access_key_metadata_writes_enabled", "properties.disableKeyBasedMetadataWriteAccess", negated),
             Each("virtual_network_rule", "properties.virtualNetworkRules", (Rename("id", "id"),))),
]

def _cosmos_role_parent(body: dict, out: dict) -> None:
    parent_name(out, body, "account_name")


COSMOS.append(
    # Cosmos DB's data-plane role assignment: the account is named, not referenced by id
    resource("azurerm_cosmosdb_sql_role_assignment", cat.COSMOS_SQL_ROLE_ASSIGNMENT,
             Rename("principal_id", "properties.principalId"),
             Rename("role_definition_id", "properties.roleDefinitionId"),
             Rename("scope", "properties.scope"),
             _cosmos_role_parent,
             common=False, name=name_or("role assignment name known after apply")))

ROWS: list[MappingRow] = [*STORAGE, *KEY_VAULT, *COSMOS]
