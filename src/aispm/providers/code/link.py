"""Code to cloud: join what was found in code to the cloud resources it runs on or calls.

- A `code-project` (from `azure.yaml`) `contains` every code-side asset found in its
  folder (libraries, AI clients, secrets, agents, MCP servers), and the Azure
  resource tagged `azd-service-name: <service>` `runs` it.
- Code sources name the services they call by name (`calls` / `holds_key_for` to
  `oai-contoso`, from an endpoint such as `https://oai-contoso.openai.azure.com`):
  `resolve_names` points such a relation at the declared Azure account of that name
  (or custom subdomain) when exactly one exists, and otherwise at an `external-service`
  asset, so that every relation of the report joins two assets.

- A remote MCP server whose URL is the default host of an App Service / Functions app
  (`<name>.azurewebsites.net`), an API Management gateway (`<name>.azure-api.net`) or a
  container app (`<name>.<env>.<region>.azurecontainerapps.io`) declared in the scan is
  `served_by` it: whoever can call the server's tools makes that resource act, with its
  identity. When the resource requires callers to authenticate (`user_authentication`
  true: Easy Auth, APIM subscription keys, container app auth), the server does too,
  whatever the client config sends: the server's `user_authentication` says so, with
  the resource as evidence. A server side that does not require it changes nothing (the
  app may check credentials in its own code).

- App settings in the infrastructure (a web app's `appSettings`, a function's or container's `env`, Terraform
  `app_settings`): a setting whose name says it holds a model (`AZURE_OPENAI_DEPLOYMENT`) and whose value has
  the shape of a model id (`model_ids`) is a `model` asset (`family: app-config`, `declared_as` the setting)
  that the resource `uses_model`, whatever cloud declared it.

Runs after the Azure linker, so the Azure assets already have their facts.
"""

from __future__ import annotations

import re
from typing import Any

from aispm import registry
from aispm.formats.urls import url_host
from aispm.model import Asset, Kind, Origin, Relation
from aispm.providers.code.model_ids import ai_key, is_model_id, service_of_keys, split

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

    return relations


def _serving_key(url: Any) -> tuple[str, str] | None:
    """(resource type, name) that a literal URL's default host names, if any: each cloud provider
    lists its default host suffixes (`Provider.host_suffixes`), the first label being the name."""
    host = (url_host(url) or "").lower()
    for suffix, arm_type in registry.host_suffixes():
        if host.endswith(suffix) and host != suffix[1:]:
            return arm_type, host.split(".", 1)[0]
    return None


def served_by(assets: list[Asset]) -> list[Relation]:
    """`(mcp-server, served_by, resource)` for remote MCP servers hosted in the scan (module doc)."""
    hosts: dict[tuple[str, str], list[Asset]] = {}
    for a in assets:
        if a.provider not in ("code", "artifacts") and isinstance(a.name, str) and not a.existing:
            hosts.setdefault((a.type.lower(), a.name.lower()), []).append(a)
    out: list[Relation] = []
    for server in assets:
        if server.type != "mcp-server" or server.facts.get("remote") is not True:
            continue
        key = _serving_key(server.properties.get("url"))
        hits = hosts.get(key, []) if key else []
        if len(hits) != 1:
            continue
        host = hits[0]
        out.append(Relation(server.uid, "served_by", host.uid, (("via", f"url host {key[1]}"),)))
        if host.facts.get("user_authentication") is True and server.facts.get("user_authentication") is not True:
            ev = host.evidence.get("user_authentication")
            server.set_fact("user_authentication", True, f"served_by {host.uid}", raw=ev.value if ev else None,
                            note=f"the server is {host.display_name} ({host.origin.file}:{host.origin.line}), which "
                                 f"requires callers to authenticate" + (f": {ev.note}" if ev and ev.note else ""))
    return out


#: property keys under which resources keep their app settings and environment variables
_SETTINGS_KEY = re.compile(r"(?i)^(?:app_?settings|environment_?variables|env|environment|variables|"
                           r"app_setting|settings)$")
_MAX_SETTINGS_WALK = 2_000  # property nodes looked at per resource
_SETTINGS_KEYS = frozenset(("appsettings", "app_settings", "environmentvariables", "environment_variables", "env",
                            "environment", "variables", "app_setting", "settings"))


def _settings_key(k: str) -> bool:
    """`_SETTINGS_KEY.match(k)`, by a set lookup for ASCII keys (every key of every resource is asked)."""
    return k.lower() in _SETTINGS_KEYS if k.isascii() else _SETTINGS_KEY.match(k) is not None


def _settings(props: Any) -> list[tuple[str, Any]]:
    """(name, value) of the app settings / environment variables in a resource's properties: lists of
    `{name, value}` and maps of name → value under a settings-like key, at any depth (bounded)."""
    out: list[tuple[str, Any]] = []
    stack: list[tuple[Any, bool]] = [(props, False)]
    budget = _MAX_SETTINGS_WALK
    while stack and budget > 0:
        node, under = stack.pop()
        budget -= 1
        if isinstance(node, dict):
            if under and isinstance(node.get("name"), str) and "value" in node:
                out.append((node["name"], node["value"]))
                continue
            for k, v in node.items():
                if under and isinstance(k, str) and not isinstance(v, (dict, list)):
                    out.append((k, v))
                elif under:
                    stack.append((v, True))
                elif isinstance(v, (dict, list)):  # a leaf outside settings holds none: not pushed
                    stack.append((v, isinstance(k, str) and _settings_key(k)))
        elif isinstance(node, list):
            stack.extend((v, under) for v in node)
    return out


def app_setting_models(assets: list[Asset]) -> tuple[list[Asset], list[Relation]]:
    """Models named by the app settings of declared resources (see the module's docstring). A setting that names
    a model deployment (or a model) declared in the scan points at it instead of making a second asset."""
    known: dict[str, list[Asset]] = {}
    for a in assets:
        if a.kind in (Kind.MODEL_DEPLOYMENT, Kind.MODEL) and isinstance(a.name, str):
            known.setdefault(a.name.lower(), []).append(a)
    models: dict[str, Asset] = {}
    rels: list[Relation] = []
    for a in assets:
        if a.provider == "code" or not isinstance(a.properties, dict):
            continue
        for name, value in _settings(a.properties):
            if not (ai_key(name) and is_model_id(value)):
                continue
            model, service = split(value)
            hits = known.get(value.lower(), [])
            deployments = [h for h in hits if h.kind == Kind.MODEL_DEPLOYMENT]
            target = deployments[0] if len(deployments) == 1 else hits[0] if not deployments and len(hits) == 1 \
                else None  # several deployments of that name: which one is not known
            if target is not None:  # the deployment the infrastructure declares
                rels.append(Relation(a.uid, "uses_model", target.uid, (("via", f"app setting {name}"),)))
                continue
            uid = f"{a.uid}/model {model}"
            if uid not in models:
                models[uid] = Asset(uid=uid, provider="code", type="model", name=model, kind=Kind.MODEL,
                                    origin=Origin(a.origin.file, a.origin.line, f"{a.origin.address}/model {model}",
                                                  format=a.origin.format),
                                    properties={"model": model, "family": "app-config",
                                                "service": service or service_of_keys(name), "declared_as": name})
                rels.append(Relation(a.uid, "uses_model", uid))
    return list(models.values()), rels


def resolve_names(assets: list[Asset], relations: list[Relation]) -> tuple[list[Relation], list[Asset]]:
    """Relations whose target is a service name rather than a uid, resolved (see module doc)."""
    uids = {a.uid for a in assets}
    names: dict[str, list[Asset]] = {}
    nameable = registry.union("named_service_types")
    for a in assets:
        if a.type.lower() in nameable and isinstance(a.name, str) and not a.existing:
            keys = {a.name.lower()}
            inner = a.properties.get("properties")
            sub = inner.get("customSubDomainName") if isinstance(inner, dict) else None
            if isinstance(sub, str):
                keys.add(sub.lower())
            for k in keys:
                names.setdefault(k, []).append(a)
    by_uid = {a.uid: a for a in assets}
    externals: dict[str, Asset] = {}
    out: list[Relation] = []
    for r in relations:
        if r.target in uids or r.source not in uids:
            out.append(r)
            continue
        hits = names.get(r.target.lower(), [])
        if len(hits) == 1:
            out.append(Relation(r.source, r.verb, hits[0].uid, r.properties + (("via", f"name {r.target}"),)))
            continue
        ext = externals.get(r.target)
        if ext is None:
            src = by_uid[r.source]
            ext = externals[r.target] = Asset(
                uid=f"external:{r.target}", provider="code", type="external-service", name=r.target,
                origin=Origin(src.origin.file, src.origin.line, r.target, format=src.origin.format),
                kind=Kind.OTHER,
                properties={"note": "named by code, not declared in the scanned infrastructure"},
            )
        out.append(Relation(r.source, r.verb, ext.uid, r.properties))
    return out, list(externals.values())
