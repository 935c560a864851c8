"""Relations between Kubernetes objects of the scan, and the facts that need more than one object.

- A Service `exposes` the workloads whose pod labels its selector matches (same namespace); an
  Ingress or a Gateway API route (`HTTPRoute`, `GRPCRoute`) `routes_to` the Services it names.
  A workload is `internet_exposed` (wide) behind a `LoadBalancer` Service (narrow with
  `loadBalancerSourceRanges`; not exposed when an annotation makes the load balancer internal), an
  Ingress or a route; behind a `NodePort` only when the nodes have public addresses, which a
  manifest does not say (None: the path is *possible*); else False.
- A workload `runs_as` its service account (`serviceAccountName`, else `default`) when the scan
  declares it, and `reads` the Secrets and ConfigMaps it takes variables or volumes from.
- A service account `has_role_on` each Secret (and ConfigMap) its RoleBindings and
  ClusterRoleBindings let it read (`get`/`list`/`watch` or `*` on `secrets`, `resourceNames`
  honoured, the namespace of a RoleBinding, every namespace for a ClusterRoleBinding; the built-in
  `cluster-admin`, `admin` and `edit` roles read secrets). The edge says `data_access` (reading a
  key is using it) and `privileged` (wildcards, `cluster-admin`). The account gets the facts
  `rbac_wildcard`, `rbac_reads_secrets` and `cluster_admin`.
- `automount_token` of a workload: the pod's setting, else its service account's, else the
  Kubernetes default (mounted); `plaintext_credentials`: a provider key in its plain `env` or in a
  ConfigMap it reads (the `contains` relations of the source).
- A workload `runs` each `oci-image` asset of the scan whose reference is one of its containers'
  images, and `uses_model` / is `loaded_by` each `machine-learning-model` whose path its command
  line or volumes name, or that an image it runs `contains`.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterable

from aispm.model import Asset, Relation, ScanResult
from aispm.providers.artifacts.kubernetes.facts import kind_of
from aispm.providers.artifacts.kubernetes.source import CLUSTER_SCOPED, namespace_of
from aispm.providers.artifacts.kubernetes.workload import (
    WORKLOAD_KINDS, command_line, containers, dig, items, pod_labels, pod_spec, references,
)

READ_VERBS = frozenset({"get", "list", "watch", "*"})
#: Built-in ClusterRoles that read secrets (`view` does not), and the one that can do anything.
BUILTIN_SECRET_READERS = frozenset({"cluster-admin", "admin", "edit"})
INTERNAL_LB_ANNOTATIONS = (
    ("service.beta.kubernetes.io/azure-load-balancer-internal", "true"),
    ("networking.gke.io/load-balancer-type", "internal"),
    ("cloud.google.com/load-balancer-type", "internal"),
    ("service.beta.kubernetes.io/aws-load-balancer-internal", "true"),
    ("service.beta.kubernetes.io/aws-load-balancer-scheme", "internal"),
    ("service.beta.kubernetes.io/oci-load-balancer-internal", "true"),
)


class Index:
    def __init__(self, assets: Iterable[Asset]) -> None:
        self.by_kind: dict[str, list[Asset]] = defaultdict(list)
        self.named: dict[tuple[str, str, str], list[Asset]] = defaultdict(list)
        for a in assets:
            kind = kind_of(a)
            if kind is None:
                continue
            self.by_kind[kind].append(a)
            if isinstance(a.name, str):
                ns = "" if kind in CLUSTER_SCOPED else namespace_of(a.properties)
                self.named[(kind, ns, a.name)].append(a)

    def get(self, kind: str, ns: str, name: Any) -> list[Asset]:
        return self.named.get((kind, "" if kind in CLUSTER_SCOPED else ns, str(name)), []) if name else []

    def workloads(self) -> list[Asset]:
        return [a for k in WORKLOAD_KINDS for a in self.by_kind.get(k, ())]


def link(result: ScanResult) -> None:
    idx = Index(result.assets)
    if not idx.by_kind:
        return
    out: list[Relation] = []
    exposure: dict[str, list[tuple[bool | None, str, str]]] = defaultdict(list)  # wl uid → (exposed, width, why)
    services = _services(idx, out, exposure)
    _routes(idx, services, out, exposure)
    for wl in idx.workloads():
        _exposure_fact(wl, exposure.get(wl.uid, []))
        _identity(idx, wl, out)
    _rbac(idx, out)
    _credentials(idx, result.relations, out, {a.uid: a for a in result.assets})
    _images_and_models(idx, result.assets, result.relations, out)
    result.relations.extend(out)


# --------------------------------------------------------------------------- exposure


def _selects(selector: Any, labels: dict[str, str]) -> bool:
    return isinstance(selector, dict) and bool(selector) and all(labels.get(str(k)) == str(v)
                                                                 for k, v in selector.items())


def _services(idx: Index, out: list[Relation], exposure) -> dict[tuple[str, str], list[str]]:
    """Service → workloads (`exposes`); returns (namespace, service name) → workload uids."""
    chosen: dict[tuple[str, str], list[str]] = {}
    workloads = [(wl, namespace_of(wl.properties), pod_labels(kind_of(wl), wl.properties)) for wl in idx.workloads()]
    for svc in idx.by_kind.get("Service", ()):
        ns = namespace_of(svc.properties)
        spec = svc.properties.get("spec") if isinstance(svc.properties.get("spec"), dict) else {}
        selector = spec.get("selector")
        hits = [wl for wl, wns, labels in workloads if wns == ns and _selects(selector, labels)]
        chosen[(ns, str(svc.name))] = [wl.uid for wl in hits]
        stype = spec.get("type", "ClusterIP")
        exposed, width, why = _service_exposure(svc, spec, stype)
        svc.set_fact("internet_exposed", exposed, "spec.type", stype, note=why)
        if exposed is not False:
            svc.set_fact("exposure_width", width, "spec.loadBalancerSourceRanges", spec.get("loadBalancerSourceRanges"))
        for wl in hits:
            out.append(Relation(svc.uid, "exposes", wl.uid, (("selector", _text(selector)), ("type", str(stype)))))
            exposure[wl.uid].append((exposed, width, f"{svc.type.rsplit('/', 1)[-1]} {svc.display_name} "
                                                      f"({svc.origin.file}:{svc.origin.line}): {why}"))
    return chosen


def _service_exposure(svc: Asset, spec: dict, stype: Any) -> tuple[bool | None, str, str]:
    annotations = dig(svc.properties, "metadata", "annotations") or {}
    if stype == "LoadBalancer":
        for key, internal in INTERNAL_LB_ANNOTATIONS:
            if str(annotations.get(key, "")).lower() == internal if isinstance(annotations, dict) else False:
                return False, "narrow", f"an internal load balancer ({key})"
        ranges = spec.get("loadBalancerSourceRanges")
        if isinstance(ranges, list) and ranges and not any(str(r) in ("0.0.0.0/0", "::/0") for r in ranges):
            return True, "narrow", "type LoadBalancer, limited to loadBalancerSourceRanges"
        return True, "wide", "type LoadBalancer: a public load balancer on the cloud's default"
    if stype == "NodePort":
        return None, "wide", "type NodePort: reachable from the internet when the nodes have public addresses"
    return False, "narrow", f"type {stype}: reachable inside the cluster only"


def _routes(idx: Index, services, out: list[Relation], exposure) -> None:
    """Ingress and Gateway API routes → Services (`routes_to`); what they reach is exposed."""
    for kind in ("Ingress", "HTTPRoute", "GRPCRoute"):
        for route in idx.by_kind.get(kind, ()):
            ns = namespace_of(route.properties)
            names = set(_ingress_backends(route.properties) if kind == "Ingress" else _route_backends(route.properties))
            route.set_fact("internet_exposed", True, "spec", note=f"an {kind} publishes its backends")
            route.set_fact("exposure_width", "wide", "spec")
            for name in sorted(names):
                for svc in idx.get("Service", ns, name):
                    out.append(Relation(route.uid, "routes_to", svc.uid, (("backend", name),)))
                for wl_uid in services.get((ns, name), ()):
                    exposure[wl_uid].append((True, "wide", f"{kind} {route.display_name} ({route.origin.file}:"
                                                           f"{route.origin.line}) routes to Service {name}"))


def _ingress_backends(m: dict) -> Iterable[str]:
    spec = m.get("spec") if isinstance(m.get("spec"), dict) else {}
    backends = [spec.get("defaultBackend"), spec.get("backend")]
    for rule in items(spec.get("rules")):
        for p in items(dig(rule, "http", "paths")):
            backends.append(dig(p, "backend"))
    for b in backends:
        name = dig(b, "service", "name") or dig(b, "serviceName")
        if isinstance(name, str):
            yield name


def _route_backends(m: dict) -> Iterable[str]:
    for rule in items(dig(m, "spec", "rules")):
        for ref in items(dig(rule, "backendRefs")):
            if isinstance(ref, dict) and ref.get("kind", "Service") == "Service" and isinstance(ref.get("name"), str):
                yield ref["name"]


def _exposure_fact(wl: Asset, seen: list[tuple[bool | None, str, str]]) -> None:
    for wanted in (True, None):
        hits = [s for s in seen if s[0] is wanted]
        if hits:
            width = "wide" if any(w == "wide" for _, w, _ in hits) else "narrow"
            wl.set_fact("internet_exposed", wanted, "exposed by", [h[2] for h in hits], note="; ".join(h[2] for h in hits))
            wl.set_fact("exposure_width", width, "exposed by")
            return
    wl.set_fact("internet_exposed", False, "exposed by",
                note="no LoadBalancer or NodePort Service, Ingress or route of the scan reaches it")


# --------------------------------------------------------------------------- identity


def _identity(idx: Index, wl: Asset, out: list[Relation]) -> None:
    spec = pod_spec(kind_of(wl), wl.properties) or {}
    ns = namespace_of(wl.properties)
    name = spec.get("serviceAccountName") or spec.get("serviceAccount") or "default"
    accounts = idx.get("ServiceAccount", ns, name)
    for sa in accounts:
        out.append(Relation(wl.uid, "runs_as", sa.uid, (("serviceAccountName", str(name)),)))
    if "automount_token" not in wl.facts:
        sa_mount = next((sa.properties.get("automountServiceAccountToken") for sa in accounts
                         if isinstance(sa.properties.get("automountServiceAccountToken"), bool)), None)
        if sa_mount is not None:
            wl.set_fact("automount_token", sa_mount, f"ServiceAccount {name}.automountServiceAccountToken", sa_mount)
        else:
            wl.set_fact("automount_token", True, "spec.automountServiceAccountToken",
                        note="neither the pod nor its service account sets it: Kubernetes mounts the token")
    for kind, ref, how in references(spec):
        for target in idx.get(kind, ns, ref):
            out.append(Relation(wl.uid, "reads", target.uid, (("via", how),)))


def _rules_of(idx: Index, ref: Any, ns: str) -> tuple[list[dict] | None, str]:
    """The rules of a binding's roleRef (None when the role is not in the scan), and its name."""
    if not isinstance(ref, dict):
        return None, "?"
    kind, name = ref.get("kind"), str(ref.get("name"))
    if kind == "ClusterRole" and name in BUILTIN_SECRET_READERS:
        verbs = ["*"] if name == "cluster-admin" else ["get", "list", "watch"]
        res = ["*"] if name == "cluster-admin" else ["secrets", "configmaps"]
        return [{"apiGroups": ["*"], "resources": res, "verbs": verbs}], name
    roles = idx.get(str(kind), ns, name)
    if not roles:
        return None, name
    rules = roles[0].properties.get("rules")
    return [r for r in rules if isinstance(r, dict)] if isinstance(rules, list) else [], name


def _grants(rules: list[dict], resource: str) -> tuple[bool, set[str] | None]:
    """Whether rules let one read `resource` (core group), and the names it is limited to (None: all)."""
    names: set[str] = set()
    for r in rules:
        groups = items(r.get("apiGroups")) or [""]
        if not ({"", "*"} & {str(g) for g in groups}):
            continue
        if not ({resource, "*"} & {str(x) for x in items(r.get("resources"))}):
            continue
        if not (READ_VERBS & {str(v) for v in items(r.get("verbs"))}):
            continue
        limited = items(r.get("resourceNames"))
        if not limited:
            return True, None
        names |= {str(n) for n in limited}
    return bool(names), names or None


def _rbac(idx: Index, out: list[Relation]) -> None:
    facts: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for bkind in ("RoleBinding", "ClusterRoleBinding"):
        for b in idx.by_kind.get(bkind, ()):
            bns = namespace_of(b.properties)
            rules, role = _rules_of(idx, b.properties.get("roleRef"), bns)
            for subject in items(b.properties.get("subjects")):
                if not isinstance(subject, dict) or subject.get("kind") != "ServiceAccount":
                    continue
                sns = subject.get("namespace") or bns
                for sa in idx.get("ServiceAccount", str(sns), subject.get("name")):
                    where = f"{bkind} {b.display_name} ({b.origin.file}:{b.origin.line}) → {role}"
                    if rules is None:
                        continue
                    wildcard = any("*" in items(r.get("verbs")) or "*" in items(r.get("resources")) for r in rules)
                    admin = role == "cluster-admin"
                    if wildcard:
                        facts[sa.uid]["rbac_wildcard"].append(where)
                    if admin and bkind == "ClusterRoleBinding":
                        facts[sa.uid]["cluster_admin"].append(where)
                    scope = None if bkind == "ClusterRoleBinding" else bns
                    for resource, kind in (("secrets", "Secret"), ("configmaps", "ConfigMap")):
                        ok, names = _grants(rules, resource)
                        if not ok:
                            continue
                        if kind == "Secret":
                            facts[sa.uid]["rbac_reads_secrets"].append(where)
                        for target in idx.by_kind.get(kind, ()):
                            if scope is not None and namespace_of(target.properties) != scope:
                                continue
                            if names is not None and target.name not in names:
                                continue
                            out.append(Relation(sa.uid, "has_role_on", target.uid, (
                                ("role", role), ("binding", b.display_name), ("data_access", True),
                                ("privileged", wildcard or admin), ("grants", f"read {resource}"))))
    for sa in idx.by_kind.get("ServiceAccount", ()):
        got = facts.get(sa.uid, {})
        for fact in ("rbac_wildcard", "rbac_reads_secrets", "cluster_admin"):
            if got.get(fact):
                sa.set_fact(fact, True, "bindings", got[fact], note="; ".join(got[fact]))
            else:
                sa.set_fact(fact, False, "bindings", note="no binding of the scanned manifests grants it")


# --------------------------------------------------------------------------- credentials


def _credentials(idx: Index, relations: list[Relation], new: list[Relation], by_uid: dict[str, Asset]) -> None:
    """`plaintext_credentials` of workloads: a key in their plain env, or in a ConfigMap they read."""
    holds: dict[str, list[str]] = defaultdict(list)
    for r in relations:
        if r.verb == "contains" and by_uid.get(r.target) is not None and by_uid[r.target].type == "secret":
            holds[r.source].append(by_uid[r.target].display_name + f" ({dict(r.properties).get('via', '')})")
    reads = defaultdict(list)
    for r in new:
        if r.verb == "reads":
            reads[r.source].append(r.target)
    for wl in idx.workloads():
        found = list(holds.get(wl.uid, ()))
        for cm in reads.get(wl.uid, ()):
            found += [f"ConfigMap {by_uid[cm].display_name}: {h}" for h in holds.get(cm, ())]
        wl.set_fact("plaintext_credentials", bool(found), "env / ConfigMaps", found or None,
                    note="; ".join(found) if found else None)


# --------------------------------------------------------------------------- images and models


def _image_refs(a: Asset) -> set[str]:
    p = a.properties
    refs: set[str] = set()
    for key in ("reference", "image", "ref", "name"):
        if isinstance(p.get(key), str):
            refs.add(p[key])
    for key in ("references", "repoTags", "tags", "RepoTags"):
        if isinstance(p.get(key), list):
            refs |= {x for x in p[key] if isinstance(x, str)}
    if isinstance(a.name, str):
        refs.add(a.name)
    return {_normal(r) for r in refs}


def _normal(ref: str) -> str:
    """`vllm/vllm-openai:v0.6.3` and `docker.io/vllm/vllm-openai:v0.6.3` are one image; no tag is `latest`."""
    ref = ref.strip()
    for prefix in ("docker.io/library/", "docker.io/", "index.docker.io/"):
        if ref.startswith(prefix):
            ref = ref[len(prefix):]
    name = ref.split("@", 1)[0]
    if ":" not in name.rsplit("/", 1)[-1] and "@" not in ref:
        ref += ":latest"
    return ref


def _images_and_models(idx: Index, assets: list[Asset], relations: list[Relation], out: list[Relation]) -> None:
    images: dict[str, list[Asset]] = defaultdict(list)
    for a in assets:
        if a.type == "oci-image":
            for ref in _image_refs(a):
                images[ref].append(a)
    models = [a for a in assets if a.type == "machine-learning-model"]
    contained: dict[str, list[str]] = defaultdict(list)
    for r in relations:
        contained[r.source].append(r.target)
    model_uids = {m.uid for m in models}
    for wl in idx.workloads():
        spec = pod_spec(kind_of(wl), wl.properties)
        ran: list[Asset] = []
        for c in containers(spec):
            image = c.get("image")
            if isinstance(image, str):
                for img in images.get(_normal(image), ()):
                    if img not in ran:
                        ran.append(img)
                        out.append(Relation(wl.uid, "runs", img.uid, (("image", image),)))
        words = " ".join(w for c in containers(spec) for w in command_line(c))
        mounts = [str(dig(m, "mountPath")) for c in containers(spec) for m in items(c.get("volumeMounts"))
                  if isinstance(m, dict)]
        loaded: set[str] = set()
        for m in models:
            path = m.properties.get("path")
            if isinstance(path, str) and path and _named(path, words, mounts):
                loaded.add(m.uid)
        for img in ran:
            loaded |= {t for t in contained.get(img.uid, ()) if t in model_uids}
        for uid in sorted(loaded):
            out.append(Relation(wl.uid, "uses_model", uid))
            out.append(Relation(uid, "loaded_by", wl.uid, (("note", "loading a model file runs what it "
                                                                   "deserialises in the workload"),)))


def _named(path: str, words: str, mounts: list[str]) -> bool:
    """A model file the command line names, by its path or its file name under a mounted volume."""
    path = path.lstrip("./")
    base = path.rsplit("/", 1)[-1]
    if path and path in words:
        return True
    return bool(base) and len(base) > 3 and any(f"{mp.rstrip('/')}/{base}" in words for mp in mounts)


def _text(selector: Any) -> str:
    return ",".join(f"{k}={v}" for k, v in selector.items()) if isinstance(selector, dict) else ""
