"""ARM resource and deployment functions: resource ids, scopes, parameters, references, keys.

`resourceId` and its subscription / tenant / management-group / extension variants ask
the `FunctionContext`, which answers with the uid of a resource the template declares, or
an ARM id string built by `format_resource_id` with literal placeholders for what a
template cannot know (`{subscriptionId}`, `{resourceGroupName}`). `resourceGroup()`,
`subscription()`, `tenant()`, `managementGroup()`, `deployment()` return their documented
shape with run-time values Unknown; `environment()` is AzureCloud. `parameters()`,
`variables()` and `reference()` are the context's; `listKeys()` and every other `list*`
give `Unknown("key of <target>")`, the marker the outputs and linkers look for.
"""

from __future__ import annotations

import json as _json
from typing import Any

from aispm.model import Unknown
from aispm.providers.azure.arm.functions.base import ArmFunctionError, FunctionContext, argc, as_str, register
from aispm.providers.azure.arm.functions.budget import budget_of
from aispm.providers.azure.arm.functions.values import first_unknown


_PLACEHOLDER_SUB = "{subscriptionId}"


_PLACEHOLDER_RG = "{resourceGroupName}"


def format_resource_id(
    arm_type: str,
    names: list[Any],
    scope: str = "resourceGroup",
    *,
    subscription_id: str | None = None,
    resource_group: str | None = None,
) -> str:
    """An ARM resource id for a resource the scan does not declare.

    What a template cannot know is written as literal placeholder text:
    `/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/T/n1/n2`
    (the type's child segments are interleaved with the names, as ARM does:
    `.../providers/Microsoft.CognitiveServices/accounts/acct/deployments/dep`).
    `scope` `subscription` and `tenant` drop the resource group (and subscription);
    `extension:<id>` appends `/providers/T/n` to `<id>`.
    """
    sub = subscription_id if isinstance(subscription_id, str) else _PLACEHOLDER_SUB
    rg = resource_group if isinstance(resource_group, str) else _PLACEHOLDER_RG
    parts = arm_type.split("/")
    namespace, types = parts[0], parts[1:]
    segs = [namespace]
    str_names = [n if isinstance(n, str) else "{name}" for n in names]
    for j, t in enumerate(types):
        segs.append(t)
        if j < len(str_names):
            segs.append(str_names[j])
    for extra in str_names[len(types):]:
        segs.append(extra)
    tail = "/providers/" + "/".join(segs)
    if scope.startswith("extension:"):
        return scope[len("extension:"):].rstrip("/") + tail
    if scope == "tenant":
        return tail
    if scope == "managementGroup":
        return "/providers/Microsoft.Management/managementGroups/{managementGroupName}" + tail
    if scope == "subscription":
        return f"/subscriptions/{sub}" + tail
    return f"/subscriptions/{sub}/resourceGroups/{rg}" + tail


def _split_resource_id_args(args: list[Any], max_prefix: int) -> tuple[list[Any], str, list[Any]] | Unknown:
    """(prefix args such as subscription/resource group, type, names) of a resourceId call."""
    for i, a in enumerate(args[: max_prefix + 1]):
        if isinstance(a, Unknown):
            continue
        if isinstance(a, str) and "/" in a and "." in a.split("/", 1)[0]:
            prefix, names = args[:i], args[i + 1 :]
            return prefix, a, names
    u = first_unknown(args[: max_prefix + 1])
    if u is not None:
        return u
    raise ArmFunctionError("no resource type argument")


def _resource_id_common(ctx: FunctionContext, args: list[Any], scope: str, max_prefix: int) -> Any:
    parsed = _split_resource_id_args(args, max_prefix)
    if isinstance(parsed, Unknown):
        return parsed
    prefix, arm_type, names = parsed
    u = first_unknown(names)
    if u is not None:
        return u
    names = [as_str(n, "resource name") for n in names]
    budget_of(ctx).string(sum(len(a) for a in args if isinstance(a, str)) + 200, "resource id")
    result = ctx.resource_id(arm_type, names, scope=scope)
    # An explicit subscription / resource group fills the placeholders of an ARM id.
    if isinstance(result, str) and result.startswith("/subscriptions/"):
        if scope == "resourceGroup" and len(prefix) >= 1 and isinstance(prefix[-1], str):
            result = result.replace(_PLACEHOLDER_RG, prefix[-1], 1)
            if len(prefix) >= 2 and isinstance(prefix[0], str):
                result = result.replace(_PLACEHOLDER_SUB, prefix[0], 1)
        elif scope == "subscription" and len(prefix) >= 1 and isinstance(prefix[0], str):
            result = result.replace(_PLACEHOLDER_SUB, prefix[0], 1)
    return result


@register("resourceId", raw=True)
def _resource_id(ctx: FunctionContext, args: list[Any]) -> Any:
    return _resource_id_common(ctx, args, "resourceGroup", 2)


@register("subscriptionResourceId", raw=True)
def _subscription_resource_id(ctx: FunctionContext, args: list[Any]) -> Any:
    return _resource_id_common(ctx, args, "subscription", 1)


@register("tenantResourceId", raw=True)
def _tenant_resource_id(ctx: FunctionContext, args: list[Any]) -> Any:
    return _resource_id_common(ctx, args, "tenant", 0)


@register("managementGroupResourceId", raw=True)
def _mg_resource_id(ctx: FunctionContext, args: list[Any]) -> Any:
    return _resource_id_common(ctx, args, "managementGroup", 1)


@register("extensionResourceId")
def _extension_resource_id(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 3)
    base = as_str(args[0], "resource id")
    names = [as_str(n, "resource name") for n in args[2:]]
    budget_of(ctx).string(sum(len(a) for a in args if isinstance(a, str)) + 200, "resource id")
    return ctx.resource_id(as_str(args[1], "resource type"), names, scope="extension:" + base)


@register("resourceGroup", raw=True)
def _resource_group(ctx: FunctionContext, args: list[Any]) -> Any:
    return {
        "id": Unknown("resourceGroup().id"),
        "name": Unknown("resourceGroup().name"),
        "type": "Microsoft.Resources/resourceGroups",
        "location": Unknown("resourceGroup().location"),
        "managedBy": Unknown("resourceGroup().managedBy"),
        "tags": Unknown("resourceGroup().tags"),
        "properties": {"provisioningState": "Succeeded"},
    }


@register("subscription", raw=True)
def _subscription(ctx: FunctionContext, args: list[Any]) -> Any:
    return {
        "id": Unknown("subscription().id"),
        "subscriptionId": Unknown("subscription().subscriptionId"),
        "tenantId": Unknown("subscription().tenantId"),
        "displayName": Unknown("subscription().displayName"),
    }


@register("tenant", raw=True)
def _tenant(ctx: FunctionContext, args: list[Any]) -> Any:
    return {
        "countryCode": Unknown("tenant().countryCode"),
        "displayName": Unknown("tenant().displayName"),
        "id": Unknown("tenant().id"),
        "tenantId": Unknown("tenant().tenantId"),
    }


@register("managementGroup", raw=True)
def _management_group(ctx: FunctionContext, args: list[Any]) -> Any:
    return {
        "id": Unknown("managementGroup().id"),
        "name": Unknown("managementGroup().name"),
        "type": "Microsoft.Management/managementGroups",
        "properties": Unknown("managementGroup().properties"),
    }


@register("deployment", raw=True)
def _deployment(ctx: FunctionContext, args: list[Any]) -> Any:
    return {
        "name": Unknown("deployment().name"),
        "location": Unknown("deployment().location"),
        "properties": {
            "templateLink": Unknown("deployment().properties.templateLink"),
            "template": Unknown("deployment().properties.template"),
            "parameters": Unknown("deployment().properties.parameters"),
            "mode": Unknown("deployment().properties.mode"),
        },
    }


_ENVIRONMENT = {
    "name": "AzureCloud",
    "gallery": "https://gallery.azure.com/",
    "graph": "https://graph.windows.net/",
    "portal": "https://portal.azure.com",
    "graphAudience": "https://graph.windows.net/",
    "activeDirectoryDataLake": "https://datalake.azure.net/",
    "batch": "https://batch.core.windows.net/",
    "media": "https://rest.media.azure.net",
    "sqlManagement": "https://management.core.windows.net:8443/",
    "vmImageAliasDoc": "https://raw.githubusercontent.com/Azure/azure-rest-api-specs/master/arm-compute/quickstart-templates/aliases.json",
    "resourceManager": "https://management.azure.com/",
    "authentication": {
        "loginEndpoint": "https://login.microsoftonline.com/",
        "audiences": ["https://management.core.windows.net/", "https://management.azure.com/"],
        "tenant": "common",
        "identityProvider": "AAD",
    },
    "suffixes": {
        "acrLoginServer": ".azurecr.io",
        "azureDatalakeAnalyticsCatalogAndJob": "azuredatalakeanalytics.net",
        "azureDatalakeStoreFileSystem": "azuredatalakestore.net",
        "azureFrontDoorEndpointSuffix": "azurefd.net",
        "keyvaultDns": ".vault.azure.net",
        "sqlServerHostname": ".database.windows.net",
        "storage": "core.windows.net",
    },
}


@register("environment", raw=True)
def _environment(ctx: FunctionContext, args: list[Any]) -> Any:
    return _json.loads(_json.dumps(_ENVIRONMENT))  # a fresh copy each time


@register("parameters")
def _parameters(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 1, 1)
    return ctx.parameter(as_str(args[0], "parameter name"))


@register("variables")
def _variables(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 1, 1)
    return ctx.variable(as_str(args[0], "variable name"))


@register("reference", raw=True)
def _reference(ctx: FunctionContext, args: list[Any]) -> Any:
    argc(args, 1, 3)
    target = args[0]
    if isinstance(target, Unknown):
        return target
    full = len(args) > 2 and isinstance(args[2], str) and args[2].lower() == "full"
    return ctx.reference(target, full)


def list_target(args: list[Any]) -> str:
    if args and isinstance(args[0], str):
        return args[0]
    if args and isinstance(args[0], Unknown):
        return args[0].reason
    return "a resource"


@register("listKeys", "listKey", "listSecrets", "listAccountSas", "listServiceSas", "listCredentials", raw=True)
def _list_keys(ctx: FunctionContext, args: list[Any]) -> Any:
    return Unknown(f"key of {list_target(args)}")


@register("pickZones", "providers", raw=True)
def _runtime_lookup(ctx: FunctionContext, args: list[Any]) -> Any:
    return Unknown("runtime lookup")
