"""Mapping rows: what other resources attach to the AI estate — identities, role assignments, monitoring.

Each row maps one azurerm type to its ARM type (see `spec.py` for the vocabulary). A role
assignment and a diagnostic setting name their target in `scope`, as ARM does: the linker
(`aispm.providers.azure.link.resources`) turns them into `has_role_on` relations and the
target's `diagnostic_logs` fact. A user-assigned identity's `principal_id` / `client_id`
resolve, in any expression, to `"<uid>#identity"` (`identity_attrs`), so a role assigned to it
is a role of whatever runs as it.
"""

from __future__ import annotations

from typing import Any

from aispm.iac.terraform.mapping import MappingRow
from aispm.model import Unknown
from aispm.providers.azure import catalog as cat
from aispm.providers.azure.terraform.convert import ABSENT, U, as_bool, blocks, enabled, get, negated, put
from aispm.providers.azure.terraform.spec import IDENTITY, Rename, name_or, resource


def _categories(body: dict, out: dict) -> None:
    """`enabled_log` / `enabled_metric` blocks (azurerm 4.x: enabled by being there) and the
    legacy `log` / `metric` blocks (with their own `enabled`, default true)."""
    p = out["properties"]
    for key, names, with_group in (("logs", ("enabled_log", "log"), True), ("metrics", ("enabled_metric", "metric"),
                                                                            False)):
        entries: Any = []
        for bname, legacy in ((names[0], False), (names[1], True)):
            bl = blocks(body, bname)
            if isinstance(bl, Unknown):
                entries = bl
                break
            for b in bl:
                e: dict[str, Any] = {}
                put(e, "category", get(b, "category"))
                if with_group:
                    put(e, "categoryGroup", get(b, "category_group"))
                en = get(b, "enabled") if legacy else True
                e["enabled"] = True if en is ABSENT else as_bool(en)
                entries.append(e)
        if entries or isinstance(entries, Unknown):
            p[key] = entries


ROWS: list[MappingRow] = [
    resource("azurerm_monitor_diagnostic_setting", cat.DIAGNOSTIC_SETTING,
             Rename("target_resource_id", "scope", default=U("target_resource_id not set")),
             Rename("log_analytics_workspace_id", "properties.workspaceId"),
             Rename("storage_account_id", "properties.storageAccountId"),
             Rename("eventhub_authorization_rule_id", "properties.eventHubAuthorizationRuleId"),
             Rename("eventhub_name", "properties.eventHubName"),
             Rename("log_analytics_destination_type", "properties.logAnalyticsDestinationType"),
             _categories,
             common=False),
    resource("azurerm_role_assignment", cat.ROLE_ASSIGNMENT,
             Rename("scope", "scope", default=U("scope not set")),
             Rename("role_definition_id", "properties.roleDefinitionId"),
             Rename("role_definition_name", "properties.roleDefinitionName"),
             Rename("principal_id", "properties.principalId", default=U("principal_id not set")),
             Rename("principal_type", "properties.principalType"),
             Rename("condition", "properties.condition"),
             Rename("condition_version", "properties.conditionVersion"),
             Rename("description", "properties.description"),
             common=False, name=name_or("role assignment name is generated")),
    resource("azurerm_user_assigned_identity", cat.USER_ASSIGNED_IDENTITY,
             identity_attrs=frozenset({"principal_id", "client_id"})),
    resource("azurerm_application_insights", cat.APP_INSIGHTS,
             Rename("application_type", "kind", default=U("kind")),
             Rename("application_type", "properties.Application_Type"),
             Rename("workspace_id", "properties.WorkspaceResourceId"),
             Rename("local_authentication_disabled", "properties.DisableLocalAuth", as_bool),
             Rename("retention_in_days", "properties.RetentionInDays"),
             Rename("internet_ingestion_enabled", "properties.publicNetworkAccessForIngestion", enabled),
             Rename("internet_query_enabled", "properties.publicNetworkAccessForQuery", enabled)),
    resource("azurerm_log_analytics_workspace", cat.LOG_ANALYTICS,
             IDENTITY,
             Rename("sku", "properties.sku.name"),
             Rename("retention_in_days", "properties.retentionInDays"),
             Rename("internet_ingestion_enabled", "properties.publicNetworkAccessForIngestion", enabled),
             Rename("internet_query_enabled", "properties.publicNetworkAccessForQuery", enabled),
             Rename("local_authentication_disabled", "properties.features.disableLocalAuth", as_bool),
             # the newer switch, named the other way round, wins when both are written
             Rename("local_authentication_enabled", "properties.features.disableLocalAuth", negated)),
]
