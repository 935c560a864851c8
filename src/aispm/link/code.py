"""Code to cloud: join what was found in code to the cloud resources it runs on or calls.

- A `code-project` (from `azure.yaml`) `contains` every code-side asset found in its
  folder (libraries, AI clients, secrets, agents, MCP servers), and the Azure
  resource tagged `azd-service-name: <service>` `runs` it.
- An `ai-client` or `secret` whose properties name an Azure account
  (`azure_account_name`, from an endpoint such as `https://<name>.openai.azure.com`)
  `calls` / `holds_key_for` that account, when exactly one declared account has the name.

Runs after the Azure linker, so the Azure assets already have their facts.
"""

from __future__ import annotations

from typing import Any

from aispm.catalog import azure as cat
from aispm.model import Asset, Relation

_ACCOUNT_TYPES = {cat.COGNITIVE_ACCOUNT.lower(), cat.SEARCH_SERVICE.lower(), cat.ML_WORKSPACE.lower()}
_CODE_TYPES = {"library", "ai-client", "secret", "agent", "tool", "mcp-server", "model", "data-source", "notebook",
               "prompt"}


def _tag(asset: Asset, name: str) -> Any:
    tags = asset.properties.get("tags")
    return tags.get(name) if isinstance(tags, dict) else None


def _under(file: str, folder: str) -> bool:
    return folder in ("", ".") or file == folder or file.startswith(folder.rstrip("/") + "/")


def link(assets: list[Asset]) -> list[Relation]:
    relations: list[Relation] = []
    projects = [a for a in assets if a.type == "code-project"]
    by_service: dict[str, list[Asset]] = {}
    for a in assets:
        service = _tag(a, "azd-service-name")
        if isinstance(service, str) and a.provider == "azure":
            by_service.setdefault(service, []).append(a)
    code = [a for a in assets if a.type in _CODE_TYPES]
    for project in projects:
        folder = str(project.properties.get("project", "."))
        for host in by_service.get(str(project.properties.get("service")), []):
            relations.append(Relation(host.uid, "runs", project.uid, (("via", "azd-service-name tag"),)))
        for a in code:
            if _under(a.origin.file, folder):
                relations.append(Relation(project.uid, "contains", a.uid))

    accounts: dict[str, list[Asset]] = {}
    for a in assets:
        if a.type.lower() in _ACCOUNT_TYPES and isinstance(a.name, str) and not a.existing:
            accounts.setdefault(a.name.lower(), []).append(a)
            sub = (a.properties.get("properties") or {}).get("customSubDomainName") \
                if isinstance(a.properties.get("properties"), dict) else None
            if isinstance(sub, str) and sub.lower() != a.name.lower():
                accounts.setdefault(sub.lower(), []).append(a)
    for a in code:
        name = a.properties.get("azure_account_name")
        if not isinstance(name, str):
            continue
        hits = accounts.get(name.lower(), [])
        if len(hits) != 1:
            continue
        verb = "holds_key_for" if a.type == "secret" else "calls"
        relations.append(Relation(a.uid, verb, hits[0].uid, (("via", f"endpoint names {name}"),)))
    return relations
