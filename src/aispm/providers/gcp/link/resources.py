"""Relations between the GCP resources of a scan, and the facts that come from other resources.

- `contains`: parent → child (a key ring's keys, a feature store's entity types, an index
  endpoint's deployed indexes, a service account's keys);
- `runs_as`: a workload (Compute Engine VM, Workbench / notebook instance, Cloud Run service,
  Cloud Function, Agent Engine) → the service account it runs as;
- `has_role_on`: a principal → a resource, with the role, from the resource's own IAM policy
  (folded in by `fold.py`) and from project-level bindings (`google_project_iam_*`), which reach
  every AI resource, bucket and service account of the project (`catalog.PROJECT_SCOPED`) that the role's service acts on (`roles/aiplatform.user`
  on Vertex AI resources, `roles/owner` on all; a binding whose project is unknown, or a resource that
  names none and so uses the provider's default project, is taken as the same project). Only
  principals the scan declares (service accounts) become edges; `privileged` says whether the
  role can change access (`catalog.PRIVILEGED_ROLES`);
- `deploys`: an index endpoint → the index a deployed index puts on it;
- `grounded_on`: a Vector Search index → the bucket its `contentsDeltaUri` reads; a Vertex AI
  Search / Agent Builder engine → its data stores;
- `serves`: an endpoint → the model it serves (a Model Garden deployment's publisher model,
  as a `model` asset of its own, one per model across the scan);
- `holds_key_for`: a service-account key, and a Terraform output that returns one, → the account.

Cross-resource facts: `user_managed_keys` on a service account with a declared key; `guardrail`
on a Vertex AI endpoint from its project's Model Armor floor setting
(`modelarmor.googleapis.com/FloorSetting`: enforced, integrated with `AI_PLATFORM`, and
`inspectAndBlock` — inspect-only screens nothing out), where the scan read one.

Linking is linear in the scan's assets, bindings and members plus the edges it makes: the
resources a project binding reaches come from groups by (project, type) and root built once
(`_ProjectScopes`), and a member is resolved for every resource at once
(`Index.resolve_everywhere`), not once per resource (issue 9: the multi-cloud benchmark spent
20 s resolving 214,407 member × resource pairs).
"""

from __future__ import annotations

from typing import Any, Callable

from aispm.model import Asset, Kind, Origin, Relation, ScanResult
from aispm.providers.gcp import catalog as cat
from aispm.providers.gcp.facts.shape import MISSING, lookup, service_account_email
from aispm.providers.gcp.refs import Index, root_of

_WORKLOADS = frozenset({cat.INSTANCE, cat.NOTEBOOK_INSTANCE, cat.NOTEBOOK_RUNTIME, cat.RUN_SERVICE, cat.FUNCTION,
                        cat.FUNCTION_V2, cat.REASONING_ENGINE})


def link(result: ScanResult) -> None:
    gcp = [a for a in result.assets if a.provider == "gcp"]
    if not gcp:
        return
    index = Index(gcp)
    seen: set[tuple[str, str, str]] = set()

    def rel(src: str, verb: str, dst: str, **props: Any) -> None:
        if src == dst or (src, verb, dst) in seen:
            return
        seen.add((src, verb, dst))
        result.relations.append(Relation(src, verb, dst, tuple(sorted(props.items()))))

    declared = [a for a in gcp if not a.existing]
    scopes = _ProjectScopes(declared)
    models: dict[str, Asset] = {}
    for a in declared:
        if a.parent and a.parent in index.by_uid:
            rel(a.parent, "contains", a.uid)
        if a.type in _WORKLOADS:
            _runs_as(a, index, rel)
        if isinstance(a.properties.get("iamPolicy"), dict):
            _resource_policy(a, index, rel)
    for a in declared:
        if a.type == cat.PROJECT_IAM:
            _project_binding(a, scopes, index, rel)
        elif a.type == cat.DEPLOYED_INDEX:
            _deployed_index(a, index, rel)
        elif a.type == cat.INDEX:
            _index_source(a, index, rel)
        elif a.type == cat.SEARCH_ENGINE:
            _engine_stores(a, index, rel)
        elif a.type == cat.SERVICE_ACCOUNT_KEY:
            _key(a, index, rel)
    _floor_settings(declared)
    for a in declared:
        if a.type == cat.OUTPUT:
            _output(a, index, rel)
        elif a.type == cat.ENDPOINT and isinstance(a.facts.get("model"), str):
            model = _model_asset(a, result, models)
            rel(a.uid, "serves", model.uid, via="deployedModels")


FLOOR_SETTING = "modelarmor.googleapis.com/FloorSetting"


def _floor_verdict(floor: Asset) -> tuple[bool, str | None]:
    """Whether a Model Armor floor setting screens Vertex AI's prompts and responses, and why not."""
    p = floor.properties
    if p.get("enableFloorSettingEnforcement") is not True:
        return False, "the floor setting is not enforced"
    if "AI_PLATFORM" not in (p.get("integratedServices") or []):
        return False, "the floor setting is not integrated with Vertex AI (AI_PLATFORM)"
    if (p.get("aiPlatformFloorSetting") or {}).get("inspectAndBlock") is not True:
        return False, "the floor setting only inspects Vertex AI traffic (inspectOnly), it blocks nothing"
    return True, None


def _floor_settings(declared: list[Asset]) -> None:
    """`guardrail` of each Vertex AI endpoint whose project's floor setting the scan read (module doc)."""
    floors = {a.properties.get("project"): a for a in declared if a.type == FLOOR_SETTING}
    if not floors:
        return
    for a in declared:
        floor = floors.get(a.properties.get("project")) if a.type == cat.ENDPOINT else None
        if floor is None or a.facts.get("guardrail") is not None:
            continue
        value, note = _floor_verdict(floor)
        a.set_fact("guardrail", value, f"{floor.display_name}: aiPlatformFloorSetting.inspectAndBlock",
                   (floor.properties.get("aiPlatformFloorSetting") or {}).get("inspectAndBlock"), note)


def _model_asset(endpoint: Asset, result: ScanResult, models: dict[str, Asset]) -> Asset:
    """The `model` asset of the model an endpoint serves (shared by every endpoint serving it;
    `models` is the scan's assets by uid, built on first use, so each endpoint costs O(1))."""
    model = endpoint.facts["model"]
    uid = f"model:gcp:{model}"
    if not models:
        for a in result.assets:
            models.setdefault(a.uid, a)  # the first asset of a uid, as a scan in order finds it
    have = models.get(uid)
    if have is not None:
        return have
    name, _, version = model.partition("@")
    asset = Asset(uid=uid, provider="gcp", type="model", name=model,
                  origin=Origin(endpoint.origin.file, endpoint.origin.line, model, format=endpoint.origin.format),
                  properties={"name": name, "version": version or None}, kind=Kind.MODEL, facts={"model": model})
    result.assets.append(asset)
    models[uid] = asset
    return asset


def _runs_as(a: Asset, index: Index, rel) -> None:
    email = service_account_email(a)
    if email is MISSING:
        return
    sa = index.resolve(email, (cat.SERVICE_ACCOUNT,), near=a.uid)
    if sa is not None:
        rel(a.uid, "runs_as", sa.uid)


def _privileged(role: Any) -> bool | None:
    if not isinstance(role, str):
        return None
    low = role.lower()
    return True if low in cat.PRIVILEGED_ROLES else False if low in cat.DATA_ROLES | cat.NON_DATA_ROLES else None


def _grant(members: Any, role: Any, scope: Asset, index: Index, rel, via: str) -> None:
    if not isinstance(members, list):
        return
    for m in members:
        principal = index.resolve(m, (cat.SERVICE_ACCOUNT,), near=scope.uid)
        if principal is not None:
            rel(principal.uid, "has_role_on", scope.uid, role=role if isinstance(role, str) else None,
                assignment=via, privileged=_privileged(role))


def _resource_policy(a: Asset, index: Index, rel) -> None:
    policy = a.properties["iamPolicy"]
    via = ", ".join(policy.get("declaredBy", [])) or "iamPolicy"
    for b in policy.get("bindings", []):
        if isinstance(b, dict):
            _grant(b.get("members"), b.get("role"), a, index, rel, via)


class _Reach:
    """Resources one kind of binding reaches: their positions in scan order, and by root."""

    __slots__ = ("positions", "by_root")

    def __init__(self, positions: list[int], roots: list[str]) -> None:
        self.positions = positions
        self.by_root: dict[str, list[int]] = {}
        for pos in positions:
            self.by_root.setdefault(roots[pos], []).append(pos)


class _ProjectScopes:
    """The resources a project-level binding can reach (`catalog.PROJECT_SCOPED`), grouped once
    per scan by (project, type): a binding of project p reaches p's resources and those naming
    no project (the provider's default); a binding whose project is not known reaches all. What
    a role reaches in a group is worked out once per (group, role's service) (`reach`), so a scan
    costs its resources times the few services, however many bindings it has. Positions keep the
    scan's order, so that edges come out in the order they always did."""

    def __init__(self, declared: list[Asset]) -> None:
        self.assets: list[Asset] = []
        self.roots: list[str] = []
        self.types: list[str] = []  # in order of first appearance
        self.groups: dict[tuple[Any, ...], dict[str, list[int]]] = {}  # group → type → positions
        for a in declared:
            if a.type.lower() not in cat.PROJECT_SCOPED:
                continue
            pos = len(self.assets)
            self.assets.append(a)
            self.roots.append(root_of(a.uid))
            if a.type not in self.types:
                self.types.append(a.type)
            mine = a.properties.get("project")
            group = ("project", mine) if isinstance(mine, str) else ("none",)
            for g in (group, ("any",)):
                self.groups.setdefault(g, {}).setdefault(a.type, []).append(pos)
        self._types: dict[tuple[Any, Any], list[str]] = {}
        self._reach: dict[tuple[Any, ...], _Reach] = {}

    def reach(self, project: Any, role: Any) -> list[_Reach]:
        """The resources a binding of `role` on `project` reaches (`_role_reaches`), as disjoint groups."""
        key = _role_key(role)
        types = self._types.get(key)
        if types is None:
            types = self._types[key] = [t for t in self.types if _role_reaches(role, t)]
        groups = [("project", project), ("none",)] if isinstance(project, str) else [("any",)]
        out = []
        for g in groups:
            hit = self._reach.get((g, key))
            if hit is None:
                by_type = self.groups.get(g, {})
                positions = sorted(pos for t in types for pos in by_type.get(t, ()))
                hit = self._reach[(g, key)] = _Reach(positions, self.roots)
            if hit.positions:
                out.append(hit)
        return out


def _role_key(role: Any) -> tuple[Any, Any]:
    # what `_role_reaches` depends on: the role's service, or that it reaches every type
    if not isinstance(role, str) or not role.startswith("roles/") or "." not in role:
        return ("all", None)
    return ("service", role[len("roles/"):].split(".", 1)[0])


def _project_binding(binding: Asset, scopes: _ProjectScopes, index: Index, rel: Callable[..., None]) -> None:
    """`has_role_on` from each declared member of a project binding to each resource of the
    project its role acts on. A member resolves near the resource (the one account of its root
    when the email is declared in more than one), once for all resources (`resolve_everywhere`);
    a member declared in a few roots meets only those roots' resources. The edges keep the order
    of a loop over bindings, resources in scan order, then members (the first role on an edge wins)."""
    project = binding.properties.get("project")
    bindings = binding.properties.get("bindings")
    if not isinstance(bindings, list):
        return
    for b in bindings:
        if not isinstance(b, dict):
            continue
        role, members = b.get("role"), b.get("members")
        if not isinstance(members, list):
            continue
        reach = scopes.reach(project, role)
        if not reach:
            continue
        edges: list[tuple[int, int, Asset]] = []  # (resource position, member position, principal)
        for i, m in enumerate(members):
            default, by_root = index.resolve_everywhere(m, (cat.SERVICE_ACCOUNT,))
            for group in reach:
                if default is not None:
                    edges.extend((pos, i, by_root.get(scopes.roots[pos], default)) for pos in group.positions)
                elif len(by_root) <= len(group.by_root):
                    for root, principal in by_root.items():
                        edges.extend((pos, i, principal) for pos in group.by_root.get(root, ()))
                else:
                    for root, positions in group.by_root.items():
                        principal = by_root.get(root)
                        if principal is not None:
                            edges.extend((pos, i, principal) for pos in positions)
        edges.sort(key=lambda e: (e[0], e[1]))
        for pos, _, principal in edges:
            rel(principal.uid, "has_role_on", scopes.assets[pos].uid, role=role if isinstance(role, str) else None,
                assignment=binding.uid, privileged=_privileged(role))


#: The service of a predefined role (`roles/<service>.<name>`) → the type prefixes it acts on.
_ROLE_SERVICES = {
    "aiplatform": ("aiplatform.googleapis.com/",), "notebooks": ("notebooks.googleapis.com/",),
    "storage": ("storage.googleapis.com/",), "discoveryengine": ("discoveryengine.googleapis.com/",),
    "run": ("run.googleapis.com/", "cloudfunctions.googleapis.com/Function"),
    "cloudfunctions": ("cloudfunctions.googleapis.com/",), "cloudkms": ("cloudkms.googleapis.com/",),
    "iam": ("iam.googleapis.com/",), "compute": ("compute.googleapis.com/",),
    "modelarmor": ("modelarmor.googleapis.com/",),
}


def _role_reaches(role: Any, cloud_type: str) -> bool:
    """Whether a project-level role acts on resources of `cloud_type`: a predefined role of one
    service acts on that service's resources; basic, custom and unknown roles on all of them."""
    if not isinstance(role, str) or not role.startswith("roles/") or "." not in role:
        return True  # roles/owner, roles/editor, custom roles (projects/.../roles/x), unknowns
    prefixes = _ROLE_SERVICES.get(role[len("roles/"):].split(".", 1)[0])
    return prefixes is None or cloud_type.startswith(prefixes)


def _deployed_index(d: Asset, index: Index, rel) -> None:
    endpoint = index.resolve(d.properties.get("indexEndpoint"), (cat.INDEX_ENDPOINT,), near=d.uid)
    idx = index.resolve(d.properties.get("index"), (cat.INDEX,), near=d.uid)
    if endpoint is not None and idx is not None:
        rel(endpoint.uid, "deploys", idx.uid, deployed_index=d.uid)


def _bucket_of(uri: Any) -> str | None:
    if isinstance(uri, str) and uri.startswith("gs://"):
        return uri[5:].split("/", 1)[0] or None
    return None


def _index_source(a: Asset, index: Index, rel) -> None:
    name = _bucket_of(lookup(a.properties, "metadata.contentsDeltaUri"))
    bucket = index.resolve(name, (cat.BUCKET,), near=a.uid) if name else None
    if bucket is not None:
        rel(a.uid, "grounded_on", bucket.uid, via="metadata.contentsDeltaUri")


def _engine_stores(a: Asset, index: Index, rel) -> None:
    ids = a.properties.get("dataStoreIds")
    for ds in ids if isinstance(ids, list) else ():
        store = index.resolve(ds, (cat.DATA_STORE,), near=a.uid)
        if store is not None:
            rel(a.uid, "grounded_on", store.uid, via="dataStoreIds")


def _key(key: Asset, index: Index, rel) -> None:
    sa = index.by_uid.get(key.parent) if key.parent else None
    if sa is None:
        sa = index.resolve(key.properties.get("serviceAccount"), (cat.SERVICE_ACCOUNT,), near=key.uid)
    if sa is None:
        return
    rel(key.uid, "holds_key_for", sa.uid, key=key.origin.address)
    if key.parent is None:
        rel(sa.uid, "contains", key.uid)
    if key.facts.get("user_managed_key") is not False:
        sa.set_fact("user_managed_keys", True, key.origin.address, None,
                    f"user-managed key declared at {key.origin.file}:{key.origin.line}")


def _output(out: Asset, index: Index, rel) -> None:
    for holder in out.properties.get("keysOf", []) or []:
        key = index.by_uid.get(holder) if isinstance(holder, str) else None
        if key is None:
            continue
        if key.type == cat.SERVICE_ACCOUNT_KEY:
            sa = index.by_uid.get(key.parent) if key.parent else index.resolve(
                key.properties.get("serviceAccount"), (cat.SERVICE_ACCOUNT,), near=key.uid)
            if sa is not None:
                rel(out.uid, "holds_key_for", sa.uid, key=key.origin.address, via=f"output {out.name}")
        else:
            rel(out.uid, "holds_key_for", key.uid, via=f"output {out.name}")

