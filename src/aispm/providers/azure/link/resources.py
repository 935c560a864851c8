"""Relations between Azure assets, and the facts one resource gives another.

Runs after `aispm.providers.azure.facts.derive`. A private endpoint, a diagnostic setting or a
role assignment declared as its own resource counts for its target, whichever
format declared it: sources leave references as uids (or ARM ids of resources
declared elsewhere), and this module resolves them.

Relations made here:
- `deploys`: AI account → model deployment; `uses_model`: deployment → model
- `contains`: parent → child (workspace → compute, hub → project, …)
- `exposes`: private endpoint → the service it exposes into a network
- `runs_as`: resource → the user-assigned identity it runs as
- `has_role_on`: principal (resource with a managed identity, or the identity) → scope, with the role
  (also a Cosmos DB data-plane `sqlRoleAssignments` → its account)
- `grounded_on`: an AI service → the search service, storage or Cosmos DB account its identity may read
  data from
- `reads` / `writes`: a workspace or account → the storage it keeps its data in
- `calls`: an app → an AI service whose endpoint or id its settings name
"""

from __future__ import annotations

from typing import Any

from aispm.providers.azure import catalog as cat
from aispm.providers.azure.link import compute as azure_compute
from aispm.providers.azure.link.index import Index
from aispm.model import Asset, Kind, Origin, Relation, Unknown

#: Roles that let a principal read data from a search service, a storage or a Cosmos DB account.
_DATA_READ_ROLES = {
    "search index data reader",
    "search index data contributor",
    "storage blob data reader",
    "storage blob data contributor",
    "storage blob data owner",
    "cosmos db built-in data reader",
    "cosmos db built-in data contributor",
    "documentdb account contributor",
    "contributor",
    "owner",
}


def _role_name(props: dict[str, Any]) -> str | None:
    inner = props.get("properties") if isinstance(props.get("properties"), dict) else {}
    name = inner.get("roleDefinitionName")
    if isinstance(name, str):
        return name
    rid = inner.get("roleDefinitionId")
    if isinstance(rid, str):
        guid = rid.rstrip("/").split("/")[-1].lower()
        return cat.ROLE_DEFINITION_IDS.get(guid, guid)
    return None


def _model_asset(deployment: Asset) -> Asset | None:
    model = deployment.facts.get("model")
    if not isinstance(model, str):
        return None
    ev = deployment.evidence.get("model")
    raw = ev.value if ev and isinstance(ev.value, dict) else {}
    name = raw.get("name") or model
    uid = f"model:azure:{model}"
    return Asset(
        uid=uid,
        provider="azure",
        type="model",
        name=name,
        origin=Origin(deployment.origin.file, deployment.origin.line, model, format=deployment.origin.format),
        properties={"format": raw.get("format"), "name": name, "version": raw.get("version")},
        kind=Kind.MODEL,
        facts={"model": model},
    )


def link(assets: list[Asset]) -> tuple[list[Asset], list[Relation]]:
    """Resolve references between Azure assets. Returns new assets (models) and relations."""
    index = Index(assets)
    relations: list[Relation] = []
    new_assets: dict[str, Asset] = {}

    def rel(a: str, verb: str, b: str, **props: Any) -> None:
        relations.append(Relation(a, verb, b, tuple(sorted(props.items()))))

    for a in assets:
        t = a.type.lower()
        # parent/child
        if a.parent and a.parent in index.by_uid:
            if t == cat.COGNITIVE_DEPLOYMENT.lower() or t in (
                cat.ML_ONLINE_ENDPOINT.lower(),
                cat.ML_SERVERLESS_ENDPOINT.lower(),
            ):
                rel(a.parent, "deploys", a.uid)
            else:
                rel(a.parent, "contains", a.uid)
        # AML/Foundry projects name their hub in properties.hubResourceId
        hub = _get(a.properties, "properties", "hubResourceId")
        target = index.resolve(hub)
        if target is not None and not a.parent:
            a.parent = target.uid
            rel(target.uid, "contains", a.uid)
        if t == cat.COGNITIVE_DEPLOYMENT.lower():
            model = _model_asset(a)
            if model is not None:
                new_assets.setdefault(model.uid, model)
                rel(a.uid, "uses_model", model.uid)
        # identities the resource runs as
        uais = _get(a.properties, "identity", "userAssignedIdentities")
        if isinstance(uais, dict):
            for key in uais:
                ident = index.resolve(key)
                if ident is not None:
                    rel(a.uid, "runs_as", ident.uid)
        # storage a workspace or account keeps its data in
        for path in (("properties", "storageAccount"),):
            st = index.resolve(_get(a.properties, *path))
            if st is not None:
                rel(a.uid, "writes", st.uid)
                rel(a.uid, "reads", st.uid)
        owned = _get(a.properties, "properties", "userOwnedStorage")
        if isinstance(owned, list):
            for o in owned:
                st = index.resolve(o.get("resourceId") if isinstance(o, dict) else None)
                if st is not None:
                    rel(a.uid, "writes", st.uid)

    # AI accounts default to "no private endpoint / no logs" unless something below says otherwise
    for a in assets:
        if a.type.lower() in cat.AI_TYPES and "diagnostic_logs" not in a.facts and not a.existing:
            a.set_fact("diagnostic_logs", False, "Microsoft.Insights/diagnosticSettings", None,
                       "no diagnostic setting with logs targets this resource in the scanned code")

    hosts: _AiHosts | None = None  # built for the first app
    for a in assets:
        t = a.type.lower()
        if t == cat.PRIVATE_ENDPOINT.lower():
            _link_private_endpoint(a, index, rel)
        elif t == cat.DIAGNOSTIC_SETTING.lower():
            _link_diagnostic_setting(a, index)
        elif t == cat.ROLE_ASSIGNMENT.lower():
            _link_role_assignment(a, index, rel)
        elif t == cat.COSMOS_SQL_ROLE_ASSIGNMENT.lower():
            _link_cosmos_role_assignment(a, index, rel)
        elif t in (cat.WEB_SITE.lower(), cat.CONTAINER_APP.lower()):
            if hosts is None:
                hosts = _AiHosts(index)
            _link_app_calls(a, index, rel, hosts)

    _inherit_hub_network(assets, index)
    _link_content_filters(assets, index)
    _link_workspace_storage(assets, index)
    _link_grounding(relations, index, rel)
    relations.extend(azure_compute.link(assets, index))  # after private endpoints: they change exposure
    return list(new_assets.values()), relations


def _get(body: Any, *path: str) -> Any:
    cur = body
    for p in path:
        if not isinstance(cur, dict):
            return None
        cur = cur.get(p)
    return cur


def _link_private_endpoint(pe: Asset, index: Index, rel) -> None:
    for key, approved in (("privateLinkServiceConnections", True), ("manualPrivateLinkServiceConnections", False)):
        conns = _get(pe.properties, "properties", key)
        if not isinstance(conns, list):
            continue
        for c in conns:
            target = index.resolve(_get(c, "properties", "privateLinkServiceId"))
            if target is None:
                continue
            rel(pe.uid, "exposes", target.uid)
            if approved:
                target.set_fact("private_endpoint", True, f"{pe.origin.address}", None,
                                f"private endpoint declared at {pe.origin.file}:{pe.origin.line}")
            elif target.facts.get("private_endpoint") is not True:
                target.set_fact("private_endpoint", None, f"{pe.origin.address}", None,
                                "manual private endpoint connection: approval state unknown")


def _link_diagnostic_setting(ds: Asset, index: Index) -> None:
    target = index.resolve(ds.properties.get("scope"))
    if target is None:
        return
    logs = _get(ds.properties, "properties", "logs")
    if isinstance(logs, Unknown):
        if target.facts.get("diagnostic_logs") is not True:
            target.set_fact("diagnostic_logs", None, ds.origin.address, None, "logs of the diagnostic setting unknown")
        return
    enabled = False
    unknown = False
    if isinstance(logs, list):
        for entry in logs:
            flag = entry.get("enabled", True) if isinstance(entry, dict) else None
            if isinstance(flag, Unknown):
                unknown = True
            elif flag is True or (isinstance(flag, str) and flag.lower() == "true"):
                enabled = True
    has_sink = any(
        _get(ds.properties, "properties", k) not in (None, "")
        for k in ("workspaceId", "storageAccountId", "eventHubAuthorizationRuleId", "marketplacePartnerId")
    )
    if enabled and has_sink:
        target.set_fact("diagnostic_logs", True, ds.origin.address, None,
                        f"diagnostic setting declared at {ds.origin.file}:{ds.origin.line}")
    elif unknown and target.facts.get("diagnostic_logs") is not True:
        target.set_fact("diagnostic_logs", None, ds.origin.address, None, "log categories enabled state unknown")


def _link_role_assignment(ra: Asset, index: Index, rel) -> None:
    inner = ra.properties.get("properties") if isinstance(ra.properties.get("properties"), dict) else {}
    principal = index.resolve(inner.get("principalId"))
    scope = index.resolve(ra.properties.get("scope"))
    if principal is None or scope is None:
        return
    role = _role_name(ra.properties)
    rel(principal.uid, "has_role_on", scope.uid, role=role, assignment=ra.uid,
        privileged=cat.AI_ROLES.get(role or "", None))


def _link_cosmos_role_assignment(ra: Asset, index: Index, rel) -> None:
    """A Cosmos DB data-plane role assignment: its principal `has_role_on` the account (the usual
    way an app or an AI service is given the data, with keys disabled)."""
    inner = ra.properties.get("properties") if isinstance(ra.properties.get("properties"), dict) else {}
    principal = index.resolve(inner.get("principalId"))
    account = index.by_uid.get(ra.parent) if ra.parent else None
    if principal is None or account is None:
        return
    rid = inner.get("roleDefinitionId")
    guid = rid.rstrip("/").split("/")[-1].lower() if isinstance(rid, str) else None
    role = cat.COSMOS_DATA_ROLE_IDS.get(guid or "", guid)
    rel(principal.uid, "has_role_on", account.uid, role=role, assignment=ra.uid, privileged=False)


class _AiHosts:
    """The declared AI resources an app's URL can name (`https://<name>.openai.azure.com`): for a value,
    the first of `index.by_type_name` (in its order) of an AI type whose name, over 3 characters, follows
    a `//` and precedes a `.`. By a lookup of each `//…` label of the value, not a test of every name:
    on the public Bicep registry that test ran for 496 apps × every string × 10,000 names (2.8 s)."""

    def __init__(self, index: Index) -> None:
        self.by_name: dict[str, tuple[int, list[Asset]]] = {}
        self.dotted: list[tuple[int, str, list[Asset]]] = []  # names with a dot cannot be one label
        for pos, (name_key, candidates) in enumerate(index.by_type_name.items()):
            if name_key[0] in cat.AI_TYPES and len(name_key[1]) > 3:
                if "." in name_key[1]:
                    self.dotted.append((pos, name_key[1], candidates))
                else:
                    self.by_name.setdefault(name_key[1], (pos, candidates))

    def named_in(self, value: str) -> Asset | None:
        low = value.lower()
        best: tuple[int, list[Asset]] | None = None
        p = low.find("//")
        while p >= 0:
            q = low.find(".", p + 2)
            if q < 0:
                break
            got = self.by_name.get(low[p + 2:q])
            if got is not None and (best is None or got[0] < best[0]):
                best = got
            p = low.find("//", p + 1)
        for pos, name, candidates in self.dotted:
            if (best is None or pos < best[0]) and f"//{name}." in low:
                best = (pos, candidates)
        return best[1][0] if best is not None else None


def _link_app_calls(app: Asset, index: Index, rel, hosts: _AiHosts) -> None:
    seen: set[str] = set()
    for value in _walk_values(app.properties):
        if not isinstance(value, str):
            continue
        hit = index.resolve(value)
        if hit is None:
            hit = hosts.named_in(value)
        if hit is not None and hit.uid != app.uid and hit.type.lower() in cat.AI_TYPES and hit.uid not in seen:
            seen.add(hit.uid)
            rel(app.uid, "calls", hit.uid)


def _walk_values(obj: Any):
    if isinstance(obj, dict):
        for v in obj.values():
            yield from _walk_values(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _walk_values(v)
    else:
        yield obj


def _inherit_hub_network(assets: list[Asset], index: Index) -> None:
    """A hub-based Foundry project has no network settings of its own: it is reached
    through its hub's endpoint, so it takes the hub's network facts."""
    for a in assets:
        if a.type.lower() != cat.ML_WORKSPACE.lower() or a.facts.get("workspace_kind") != "project":
            continue
        hub = index.by_uid.get(a.parent or "")
        if hub is None or hub.type.lower() != cat.ML_WORKSPACE.lower():
            continue
        for fact in ("public_network_access", "public_network_access_disabled", "private_endpoint"):
            if fact in hub.facts:
                ev = hub.evidence.get(fact)
                a.set_fact(fact, hub.facts[fact], ev.path if ev else fact, ev.value if ev else None,
                           f"inherited from hub {hub.origin.address} ({hub.origin.file}:{hub.origin.line})")


def _link_content_filters(assets: list[Asset], index: Index) -> None:
    """A deployment whose raiPolicyName names a declared policy takes that policy's guardrail."""
    policies: dict[tuple[str | None, str], Asset] = {}
    for a in assets:
        if a.type.lower() == cat.COGNITIVE_RAI_POLICY.lower() and isinstance(a.name, str):
            policies[(a.parent, a.name.lower())] = a
    for a in assets:
        if a.type.lower() != cat.COGNITIVE_DEPLOYMENT.lower():
            continue
        name = a.facts.get("content_filter_policy")
        if not isinstance(name, str):
            continue
        policy = policies.get((a.parent, name.lower())) or next(
            (p for (parent, n), p in policies.items() if n == name.lower()), None
        )
        if policy is not None and "guardrail" in policy.facts:
            ev = policy.evidence.get("guardrail")
            a.set_fact("guardrail", policy.facts["guardrail"], f"{policy.origin.address}", name,
                       (ev.note if ev and ev.note else "content filter policy") +
                       f" (policy declared at {policy.origin.file}:{policy.origin.line})")


def _link_workspace_storage(assets: list[Asset], index: Index) -> None:
    for a in assets:
        if a.type.lower() != cat.ML_WORKSPACE.lower():
            continue
        ref = _get(a.properties, "properties", "storageAccount")
        st = index.resolve(ref)
        if st is None:
            a.set_fact("storage_public_network_access", None, "properties.storageAccount", None,
                       "storage account not declared in the scanned code")
            continue
        a.set_fact("storage_public_network_access", st.facts.get("public_network_access"),
                   "properties.storageAccount", st.origin.address,
                   f"storage account {st.origin.address} at {st.origin.file}:{st.origin.line}")


def _link_grounding(relations: list[Relation], index: Index, rel) -> None:
    """An AI service whose identity can read a search service or storage is grounded on it."""
    for r in list(relations):
        if r.verb != "has_role_on":
            continue
        src = index.by_uid.get(r.source)
        dst = index.by_uid.get(r.target)
        role = dict(r.properties).get("role")
        if src is None or dst is None or not isinstance(role, str):
            continue
        if role.lower() not in _DATA_READ_ROLES:
            continue
        if src.type.lower() in cat.AI_TYPES and dst.type.lower() in (
            cat.SEARCH_SERVICE.lower(),
            cat.STORAGE_ACCOUNT.lower(),
            cat.COSMOS_ACCOUNT.lower(),
        ):
            rel(src.uid, "grounded_on", dst.uid, via=role)
            dst.facts["used_for_ai_grounding"] = True
