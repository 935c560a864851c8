"""How a person names an Azure asset in an attack path ("Azure OpenAI account oai-prod")."""

from __future__ import annotations

from aispm.model import Asset
from aispm.providers.azure import catalog as cat

TYPE_LABELS = {t.lower(): label for t, label in (
    (cat.COGNITIVE_ACCOUNT, "Azure AI account"),
    (cat.COGNITIVE_DEPLOYMENT, "model deployment"),
    (cat.COGNITIVE_PROJECT, "Azure AI Foundry project"),
    (cat.SEARCH_SERVICE, "Azure AI Search service"),
    (cat.STORAGE_ACCOUNT, "storage account"),
    (cat.STORAGE_CONTAINER, "storage container"),
    (cat.ML_WORKSPACE, "Azure ML workspace"),
    (cat.ML_ONLINE_ENDPOINT, "Azure ML online endpoint"),
    (cat.ML_COMPUTE, "Azure ML compute"),
    (cat.DATABRICKS_WORKSPACE, "Databricks workspace"),
    (cat.COSMOS_ACCOUNT, "Cosmos DB account"),
    (cat.POSTGRES_FLEXIBLE, "PostgreSQL flexible server"),
    (cat.MYSQL_FLEXIBLE, "MySQL flexible server"),
    (cat.SQL_SERVER, "SQL server"),
    (cat.REDIS_CACHE, "Redis cache"),
    (cat.WEB_SITE, "App Service app"),
    (cat.CONTAINER_APP, "container app"),
    (cat.VIRTUAL_MACHINE, "virtual machine"),
    (cat.VM_SCALE_SET, "virtual machine scale set"),
    (cat.AKS_CLUSTER, "AKS cluster"),
    (cat.APIM_SERVICE, "API Management service"),
    (cat.USER_ASSIGNED_IDENTITY, "managed identity"),
    (cat.KEY_VAULT, "key vault"),
)}
ACCOUNT_KIND_LABELS = {"openai": "Azure OpenAI account", "aiservices": "Azure AI Services account"}
_ACCOUNT = cat.COGNITIVE_ACCOUNT.lower()
_WORKSPACE = cat.ML_WORKSPACE.lower()


def label(a: Asset | None, type_lower: str) -> str | None:
    """The label of an asset of this type (`a` may be None for a node known only by its type)."""
    if a is not None and type_lower == _ACCOUNT:
        kind = a.facts.get("account_kind") or a.properties.get("kind")
        if isinstance(kind, str) and kind.lower() in ACCOUNT_KIND_LABELS:
            return ACCOUNT_KIND_LABELS[kind.lower()]
    if a is not None and type_lower == _WORKSPACE:
        wk = a.facts.get("workspace_kind")
        if wk == "hub":
            return "Azure AI Foundry hub"
        if wk == "project":
            return "Azure AI Foundry project"
    return TYPE_LABELS.get(type_lower)
