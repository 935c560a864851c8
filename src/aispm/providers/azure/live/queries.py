"""The Resource Graph queries of the Azure live collector: one per resource family.

Each query returns the whole row (the ARM resource body Resource Graph keeps: `id`, `name`,
`type`, `kind`, `location`, `sku`, `identity`, `properties`, `tags`, ...), ordered by id so that
`$skipToken` paging is stable. Types are compared with `in~` (Resource Graph lower-cases them).
The families are what the Azure facts and linkers read; adding a type here is all it takes to
inventory it (its facts come from `providers.azure.facts`).
"""

from __future__ import annotations


def _resources(*types: str) -> str:
    listed = ", ".join(f"'{t.lower()}'" for t in types)
    return f"resources | where type in~ ({listed}) | order by id asc"


FAMILIES: tuple[tuple[str, str], ...] = (
    ("ai", _resources(
        "Microsoft.CognitiveServices/accounts",
        "Microsoft.CognitiveServices/accounts/projects",
        "Microsoft.MachineLearningServices/workspaces",
        "Microsoft.MachineLearningServices/workspaces/computes",
        "Microsoft.MachineLearningServices/workspaces/onlineEndpoints",
        "Microsoft.MachineLearningServices/workspaces/serverlessEndpoints",
        "Microsoft.Search/searchServices",
        "Microsoft.Databricks/workspaces",
    )),
    ("data", _resources(
        "Microsoft.Storage/storageAccounts",
        "Microsoft.KeyVault/vaults",
        "Microsoft.DocumentDB/databaseAccounts",
    )),
    ("network", _resources(
        "Microsoft.Network/privateEndpoints",
        "Microsoft.Network/networkInterfaces",
        "Microsoft.Network/publicIPAddresses",
        "Microsoft.Network/networkSecurityGroups",
    )),
    ("apps", _resources(
        "Microsoft.Web/sites",
        "Microsoft.App/containerApps",
        "Microsoft.App/managedEnvironments",
        "Microsoft.ManagedIdentity/userAssignedIdentities",
        "Microsoft.Insights/components",
        "Microsoft.OperationalInsights/workspaces",
    )),
    ("roles", "authorizationresources | where type =~ 'microsoft.authorization/roleassignments' | order by id asc"),
)
