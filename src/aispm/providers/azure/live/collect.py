"""The Azure live collector: `azure://[subscription]` → ARM-shaped assets, read-only.

get → transform → load, per subscription (subscriptions are read concurrently, with the
context's bound, so one the identity cannot read costs only itself):

1. **Subscriptions**: `azure://<id>` is that one; `azure://` every subscription `GET /subscriptions`
   lists for the identity (enabled ones; a disabled or warned subscription is skipped with a note).
2. **Resource Graph**, one query per resource family (`queries.FAMILIES`), paged with `$skipToken`:
   AI accounts and Foundry projects, ML workspaces, computes and online endpoints, AI Search,
   storage, key vaults, Cosmos DB, private endpoints, NICs, public IPs, NSGs, App Service / Functions /
   Container Apps and their environments, user-assigned identities, and role assignments
   (`authorizationresources`). Container apps' environment variable values are replaced as the
   rows are parsed (`settings.scrub_row`): names, `secretRef`s and Key Vault references are kept.
3. **App setting names** of every App Service / Functions app (`POST <site>/config/appsettings/list`,
   the one API that lists them; it answers values, which are replaced as the answer is parsed:
   `settings.names_only`), as the site's `appsettings` config child, which the fold hands to the
   site: a provider key under its name in plain settings is `has_literal_secret`.
4. **ARM lists** for what Resource Graph does not index, per AI Services / OpenAI account: model
   deployments (`raiPolicyName` in each), content-filter (RAI) policies, connections, and each
   Foundry project's connections; and the **diagnostic settings** of every AI account, ML workspace
   and search service (none listed → `diagnostic_logs` false, as in IaC; the list unreadable → a gap,
   and the fact is unknown).
5. **Foundry Agent Service**: each Foundry project's agents (`GET <project endpoint>/assistants`),
   read by the Foundry agent-definition reader so the agent rules apply.

Anything unreadable is a gap (`LiveContext.call`) and the collector goes on. A
`dataverse://<org>` target goes to `dataverse.py` (Copilot Studio agents through the Dataverse Web API).
"""

from __future__ import annotations

from typing import Any

from aispm.live import LiveTarget
from aispm.live.context import LiveContext
from aispm.model import Asset
from aispm.providers.azure import catalog as cat
from aispm.providers.azure.live import client as azure_client
from aispm.providers.azure.live import transform
from aispm.providers.azure.live.queries import FAMILIES
from aispm.source import SourceResult

#: Types whose diagnostic settings are read (the AI estate: `diagnostic_logs` is judged on these).
DIAGNOSED = frozenset(t.lower() for t in (cat.COGNITIVE_ACCOUNT, cat.ML_WORKSPACE, cat.SEARCH_SERVICE))
#: Child lists of an AI Services / OpenAI account: (path under the account, operation name).
ACCOUNT_CHILDREN = (("deployments", "listDeployments"), ("raiPolicies", "listRaiPolicies"),
                    ("connections", "listConnections"))


def collect(target: LiveTarget, ctx: LiveContext) -> SourceResult:
    if target.scheme == "dataverse":  # a Power Platform environment: Copilot Studio agents
        from aispm.providers.azure.live import dataverse

        return dataverse.collect(target, ctx)
    azure_client.require_sdk()
    cred = azure_client.credential()
    clients = azure_client.Clients(ctx, cred)
    root = "azure://" + target.scope
    subs = _subscriptions(target, ctx, clients)
    out = SourceResult()
    read: list[str] = []
    for got in ctx.scopes(subs, lambda sub: _subscription(sub, ctx, clients)):
        sub, result, ok = got
        out.extend(result)
        if ok:
            read.append(sub)
    tenants = sorted({s.get("tenantId") for s in subs if isinstance(s.get("tenantId"), str)})
    out.provenance = [{
        "cloud": "azure",
        "scope": root,
        "subscriptions": ", ".join(sorted(read)),
        "subscriptions_unreadable": ", ".join(sorted(s["subscriptionId"] for s in subs if s["subscriptionId"] not in read)),
        "tenant": ", ".join(tenants),
        "principal": "DefaultAzureCredential",
        "apis": "Resource Graph, ARM, Foundry Agent Service",
    }]
    return out


def _subscriptions(target: LiveTarget, ctx: LiveContext, clients: Any) -> list[dict]:
    if target.scope:
        return [{"subscriptionId": target.scope.split("/")[0].lower()}]
    listed = clients.subscriptions("azure://")
    if listed is None:
        return []
    subs = []
    for s in listed:
        sid = s.get("subscriptionId")
        if not isinstance(sid, str):
            continue
        if str(s.get("state", "Enabled")).lower() not in ("enabled", "pastdue", "warned"):
            ctx.progress(f"azure://{sid}: skipped (subscription {s.get('state')})")
            continue
        subs.append({"subscriptionId": sid.lower(), "tenantId": s.get("tenantId")})
    return subs


def _subscription(sub: dict, ctx: LiveContext, clients: Any) -> tuple[str, SourceResult, bool]:
    """Read one subscription: (its id, what was read, whether Resource Graph answered at all)."""
    sid = sub["subscriptionId"]
    scope = f"azure://{sid}"
    out = SourceResult()
    answered = False
    for family, query in FAMILIES:
        ctx.note(f"{scope}: resource graph {family}")
        rows = clients.graph_rows(scope, sid, family, query)
        if rows is None:
            continue
        answered = True
        out.assets.extend(transform.rows_assets(rows))
    sites = [a for a in out.assets if a.type.lower() == cat.WEB_SITE.lower()]
    if sites:
        ctx.note(f"{scope}: app setting names of {len(sites)} app(s)")
    for site in sites:
        out.assets.extend(transform.rows_assets(clients.app_setting_names(scope, site.cloud_id or "") or ()))
    accounts = [a for a in out.assets if a.type.lower() == cat.COGNITIVE_ACCOUNT.lower()]
    projects = [a for a in out.assets if a.type.lower() == cat.COGNITIVE_PROJECT.lower()]
    for account in accounts:
        ctx.note(f"{scope}: {account.name}: deployments, content filters, connections")
        for child, op in ACCOUNT_CHILDREN:
            items = clients.arm_list(scope, "Microsoft.CognitiveServices", op,
                                     f"{account.cloud_id}/{child}?api-version={azure_client.COGNITIVE_API}")
            out.assets.extend(transform.rows_assets(items or ()))
    for project in projects:
        items = clients.arm_list(scope, "Microsoft.CognitiveServices", "listConnections",
                                 f"{project.cloud_id}/connections?api-version={azure_client.COGNITIVE_API}")
        out.assets.extend(transform.rows_assets(items or ()))
    for a in [a for a in out.assets if a.type.lower() in DIAGNOSED]:
        items = clients.arm_list(scope, "Microsoft.Insights", "listDiagnosticSettings",
                                 f"{a.cloud_id}/providers/Microsoft.Insights/diagnosticSettings"
                                 f"?api-version={azure_client.DIAGNOSTICS_API}")
        if items is None:
            # unreadable: the linker must not conclude "no diagnostic setting" from absence
            a.set_fact("diagnostic_logs", None, "Microsoft.Insights/diagnosticSettings", None,
                       "diagnostic settings could not be read (see the report's gaps)")
            continue
        out.assets.extend(transform.rows_assets(items))
    for project in projects:
        endpoint = _agents_endpoint(project)
        if endpoint is None:
            continue
        ctx.note(f"{scope}: {project.name}: agents")
        agents = clients.agents(scope, endpoint, project.cloud_id or "")
        if agents is not None:
            out.extend(transform.agent_assets(agents, project.cloud_id or ""))
    return sid, out, answered


def _agents_endpoint(project: Asset) -> str | None:
    """The Foundry project's data-plane endpoint (`properties.endpoints["AI Foundry API"]`)."""
    inner = project.properties.get("properties")
    endpoints = inner.get("endpoints") if isinstance(inner, dict) else None
    if isinstance(endpoints, dict):
        for key, value in endpoints.items():
            if isinstance(value, str) and value.startswith("https://") and "foundry" in str(key).lower():
                return value
    return None

