"""Azure fixes in each input's own language.

A change to a resource's ARM body is written once, as the ARM fragment it sets (`patch`), or as
the ARM body of a resource to add (`add`), and rendered from that one fragment both as Bicep and
as an ARM template, so the two never disagree. The fragment is kept on the `Change` (`data`), so
that `tests/rules/test_rule_fixes.py` can apply it to each rule's failing cases and check that the
rule then passes. Terraform and CLI changes are written by hand (`terraform`, `cli`): the
Terraform attribute names follow the mapping rows in `aispm.providers.azure.terraform` (what
aispm reads is what the fix sets), and the same test applies them to the failing Terraform cases.

Snippets name the judged resource by one symbol per type (`SYMBOLS`): Bicep `account`, Terraform
`azurerm_cognitive_account.this`, ARM `parameters('accountName')`.
"""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import dataclass
from typing import Any

from aispm.providers.azure import catalog as cat
from aispm.rules.engine import Change

#: The API version each snippet declares (the versions the rule cases are written and tested with).
API_VERSIONS: dict[str, str] = {
    cat.COGNITIVE_ACCOUNT: "2024-10-01",
    cat.COGNITIVE_DEPLOYMENT: "2024-10-01",
    cat.COGNITIVE_RAI_POLICY: "2024-10-01",
    cat.SEARCH_SERVICE: "2023-11-01",
    cat.ML_WORKSPACE: "2024-10-01",
    cat.ML_COMPUTE: "2024-10-01",
    cat.DATABRICKS_WORKSPACE: "2024-05-01",
    cat.STORAGE_ACCOUNT: "2023-05-01",
    cat.PRIVATE_ENDPOINT: "2024-05-01",
    cat.DIAGNOSTIC_SETTING: "2021-05-01-preview",
    cat.COGNITIVE_CONNECTION: "2025-06-01",
    cat.COGNITIVE_PROJECT_CONNECTION: "2025-06-01",
    cat.ML_CONNECTION: "2024-10-01",
}

#: The symbol that names the judged resource of each type in every snippet.
SYMBOLS: dict[str, str] = {
    cat.COGNITIVE_ACCOUNT: "account",
    cat.COGNITIVE_DEPLOYMENT: "deployment",
    cat.COGNITIVE_RAI_POLICY: "policy",
    cat.SEARCH_SERVICE: "search",
    cat.ML_WORKSPACE: "workspace",
    cat.ML_COMPUTE: "compute",
    cat.DATABRICKS_WORKSPACE: "databricks",
    cat.STORAGE_ACCOUNT: "storage",
    cat.COGNITIVE_CONNECTION: "accountConnection",
    cat.COGNITIVE_PROJECT_CONNECTION: "connection",
    cat.ML_CONNECTION: "workspaceConnection",
}


@dataclass(frozen=True)
class Expr:
    """A value that is an expression, written once per language (Bicep `subnet.id`, ARM
    `[parameters('subnetId')]`)."""

    bicep: str
    arm: str


def param(name: str, bicep: str | None = None) -> Expr:
    """A value the user supplies: a Bicep symbol or parameter, an ARM template parameter."""
    return Expr(bicep or name, f"[parameters('{name}')]")


def name_param(arm_type: str) -> str:
    """The ARM template parameter that names the judged resource of `arm_type` (`accountName`)."""
    return f"{SYMBOLS[arm_type]}Name"


def ref_id(arm_type: str) -> Expr:
    """The resource id of the judged resource of `arm_type`."""
    return Expr(f"{SYMBOLS[arm_type]}.id", f"[resourceId('{arm_type}', parameters('{name_param(arm_type)}'))]")


def ref_scope(arm_type: str) -> Expr:
    """The judged resource as the `scope` of an extension resource (a diagnostic setting)."""
    return Expr(SYMBOLS[arm_type], f"[format('{arm_type}/{{0}}', parameters('{name_param(arm_type)}'))]")


def ref_name(arm_type: str, pattern: str) -> Expr:
    """A name built from the judged resource's name: `pattern` with `{}` for that name."""
    sym = SYMBOLS[arm_type]
    head, _, tail = pattern.partition("{}")
    return Expr(f"'{head}${{{sym}.name}}{tail}'", f"[format('{head}{{0}}{tail}', parameters('{name_param(arm_type)}'))]")


LOCATION = Expr("resourceGroup().location", "[resourceGroup().location]")

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def bicep_value(v: Any, indent: int = 0) -> str:
    pad = "  " * indent
    if isinstance(v, Expr):
        return v.bicep
    if isinstance(v, bool):
        return "true" if v else "false"
    if v is None:
        return "null"
    if isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, str):
        return "'" + v.replace("\\", "\\\\").replace("'", "\\'") + "'"
    if isinstance(v, dict):
        if not v:
            return "{}"
        lines = [f"{pad}  {_bicep_key(k)}: {bicep_value(x, indent + 1)}" for k, x in v.items()]
        return "{\n" + "\n".join(lines) + f"\n{pad}}}"
    if isinstance(v, (list, tuple)):
        if not v:
            return "[]"
        return "[\n" + "\n".join(f"{pad}  {bicep_value(x, indent + 1)}" for x in v) + f"\n{pad}]"
    raise TypeError(f"cannot write {v!r} in Bicep")


def _bicep_key(k: str | Expr) -> str:
    if isinstance(k, Expr):  # a computed key: `'${identity.id}': {}`
        return k.bicep
    return k if _IDENT.match(k) else bicep_value(k)


def arm_value(v: Any) -> Any:
    """`v` with every `Expr` (value or key) replaced by its ARM expression string."""
    if isinstance(v, Expr):
        return v.arm
    if isinstance(v, dict):
        return {(k.arm if isinstance(k, Expr) else k): arm_value(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [arm_value(x) for x in v]
    return v


def _bicep_resource(symbol: str, arm_type: str, body: dict, comment: str | None = None) -> str:
    head = f"resource {symbol} '{arm_type}@{API_VERSIONS[arm_type]}' = "
    inner = bicep_value(body)
    if comment:
        inner = inner.replace("{\n", "{\n  // " + comment + "\n", 1) if body else "{\n  // " + comment + "\n}"
    return head + inner


def patch(arm_type: str, body: dict, note: str = "") -> tuple[Change, Change]:
    """Bicep and ARM changes that set `body` (an ARM fragment: `properties`, `identity`, `sku`,
    ...) on the judged resource of `arm_type`, whose other settings stay as they are."""
    sym = SYMBOLS[arm_type]
    bicep = _bicep_resource(sym, arm_type, body, "... name, location and the other settings, unchanged")
    arm = json.dumps({"type": arm_type, "apiVersion": API_VERSIONS[arm_type], **arm_value(body)}, indent=2)
    data = {"kind": "patch", "type": arm_type, "body": body}
    return (Change("bicep", bicep, target=arm_type, note=note, data=data),
            Change("arm", arm, target=arm_type, note=note or "Merge into the resource's declaration.", data=data))


def add(arm_type: str, symbol: str, body: dict, depends_on: tuple[str, ...] = (), note: str = "",
        scope: Expr | None = None) -> tuple[Change, Change]:
    """Bicep and ARM changes that declare a resource of `arm_type` (`body`: its `name`,
    `location`, `properties`, ...) next to the judged resource; `depends_on` are the judged types
    the ARM template must deploy first; `scope` makes it an extension resource (Bicep `scope:`)."""
    full = dict(body)
    if scope is not None:  # after the name, as Bicep writes it
        full = {k: v for k, v in body.items() if k == "name"}
        full["scope"] = scope
        full.update({k: v for k, v in body.items() if k != "name"})
    bicep = _bicep_resource(symbol, arm_type, full)
    arm_body: dict[str, Any] = {"type": arm_type, "apiVersion": API_VERSIONS[arm_type], **arm_value(full)}
    if depends_on:
        arm_body["dependsOn"] = [ref_id(t).arm for t in depends_on]
    arm = json.dumps(arm_body, indent=2)
    data = {"kind": "add", "type": arm_type, "body": full, "depends_on": depends_on}
    return (Change("bicep", bicep, target=arm_type, note=note, data=data),
            Change("arm", arm, target=arm_type, note=note or "Add to the template's `resources`.", data=data))


def terraform(target: str, code: str, note: str = "") -> Change:
    """A Terraform change for resources of `target` (an `azurerm_*` type): a resource block with
    the attributes to set (`# ...` stands for the rest of the block), or blocks to add."""
    return Change("terraform", textwrap.dedent(code).strip("\n"), target=target, note=note)


def cli(code: str, note: str = "", target: str = "") -> Change:
    """An Azure CLI command (placeholders in `<angle brackets>`)."""
    return Change("cli", textwrap.dedent(code).strip("\n"), target=target, title="Azure CLI", note=note)


def resource_update(arm_type: str, *assignments: str, note: str = "") -> Change:
    """`az resource update --set properties.x=y` on the judged resource: the generic ARM update,
    which sets exactly the property path the Bicep and ARM changes set."""
    sets = " ".join(assignments)
    sym = SYMBOLS[arm_type]
    if arm_type.count("/") > 1:  # a child resource: by its id
        where = f"--ids <{sym}-resource-id>"
    else:
        where = f"--resource-group <resource-group> --name <{sym}-name> \\\n  --resource-type {arm_type}"
    return cli(f"az resource update {where} \\\n  --set {sets}", note=note, target=arm_type)


# --- fixes several rules share ---------------------------------------------------------------


def private_endpoint(arm_type: str, tf_type: str, group_id: str, show: str) -> tuple[Change, ...]:
    """Declare a private endpoint for the judged resource (`group_id`: the sub-resource, e.g.
    `account`); `show` is the `az ... show` command that prints the resource's id."""
    sym = SYMBOLS[arm_type]
    tf = terraform(tf_type, f'''
        resource "azurerm_private_endpoint" "{sym}" {{
          name                = "pe-${{{tf_type}.this.name}}"
          location            = {tf_type}.this.location
          resource_group_name = {tf_type}.this.resource_group_name
          subnet_id           = azurerm_subnet.private_endpoints.id

          private_service_connection {{
            name                           = "{sym}"
            private_connection_resource_id = {tf_type}.this.id
            subresource_names              = ["{group_id}"]
            is_manual_connection           = false
          }}
        }}''')
    bicep, arm = add(cat.PRIVATE_ENDPOINT, f"{sym}PrivateEndpoint", {
        "name": ref_name(arm_type, "pe-{}"),
        "location": LOCATION,
        "properties": {
            "subnet": {"id": param("subnetId", "subnet.id")},
            "privateLinkServiceConnections": [{
                "name": sym,
                "properties": {"privateLinkServiceId": ref_id(arm_type), "groupIds": [group_id]},
            }],
        },
    }, depends_on=(arm_type,))
    command = cli(f'''
        az network private-endpoint create --name pe-<{sym}-name> --resource-group <resource-group> \\
          --vnet-name <vnet-name> --subnet <subnet-name> \\
          --private-connection-resource-id "$({show} --query id --output tsv)" \\
          --group-id {group_id} --connection-name {sym}''', target=cat.PRIVATE_ENDPOINT)
    return tf, bicep, arm, command


def diagnostic_setting(arm_type: str, tf_type: str, logs: tuple[dict, ...] = ({"categoryGroup": "allLogs"},),
                       note: str = "") -> tuple[Change, ...]:
    """Declare a diagnostic setting that sends the judged resource's logs to a Log Analytics
    workspace (`logs`: `{"categoryGroup": ...}` or `{"category": ...}` entries)."""
    sym = SYMBOLS[arm_type]
    tf_logs = "\n".join(
        f'''
          enabled_log {{
            {"category_group" if "categoryGroup" in e else "category"} = "{e.get("categoryGroup") or e["category"]}"
          }}''' for e in logs)
    tf = terraform(tf_type, f'''
        resource "azurerm_monitor_diagnostic_setting" "{sym}" {{
          name                       = "audit"
          target_resource_id         = {tf_type}.this.id
          log_analytics_workspace_id = azurerm_log_analytics_workspace.logs.id
{textwrap.indent(textwrap.dedent(tf_logs), "          ")}
        }}''', note=note)
    bicep, arm = add(cat.DIAGNOSTIC_SETTING, f"{sym}Diagnostics", {
        "name": "audit",
        "properties": {
            "workspaceId": param("logAnalyticsWorkspaceId", "logs.id"),
            "logs": [{**e, "enabled": True} for e in logs],
        },
    }, depends_on=(arm_type,), scope=ref_scope(arm_type), note=note)
    cli_logs = json.dumps([{**e, "enabled": True} for e in logs])
    command = cli(f'''
        az monitor diagnostic-settings create --name audit \\
          --resource <{sym}-resource-id> \\
          --workspace <log-analytics-workspace-id> \\
          --logs '{cli_logs}\'''', target=cat.DIAGNOSTIC_SETTING, note=note)
    return tf, bicep, arm, command
