"""The Kubernetes source: manifests (YAML, several documents per file, or JSON, `kind: List`
included) and rendered Helm output (`helm template`: documents headed by `# Source:` comments).

`claims` takes every `.yaml`, `.yml` and `.json` file by its name (it never opens one); `load`
reads each with `read_text` and keeps a file only when one of its documents is a Kubernetes object:
a mapping with an `apiVersion` shaped like one (`v1`, `apps/v1`, `gateway.networking.k8s.io/v1`),
a `kind` in CamelCase and a `metadata` mapping. CloudFormation templates, `azure.yaml`, GitHub
workflows and docker-compose files have no such document and are left to their readers, uncounted
and unreported. YAML is read by `aispm.formats.yaml_lines` (lines, the scan's depth and alias
budgets), JSON by `aispm.formats.jsonc`.

get → transform → load: each object becomes one asset typed `k8s:<API group>/<Kind>` (`v1` for the
core group: `k8s:v1/Service`, `k8s:apps/Deployment`), addressed `<Kind>/<namespace>/<name>`
(`<Kind>/<name>` for cluster-scoped kinds; a missing namespace is `default`, where kubectl and Helm
put it), with the manifest as properties and the Helm template it came from as `helmSource`.

Credentials: a Secret's `data` and `stringData` values never leave this module (each is replaced by
`(redacted)`; a value the secret detector recognises as a provider key gives the Secret a
`holds_key_for` relation to that provider). A provider key written as a plain `env` value or in a
ConfigMap is a leaked secret: it becomes a `secret` asset of the detector (`aispm.formats.secrets`)
under the uid the config-file secret source gives it (so the two sources report it once), the
value in the manifest is replaced by its redacted form, and the workload or ConfigMap `contains`
it. A file that is not valid YAML or JSON is an error only when it reads as a manifest.
"""

from __future__ import annotations

import base64
import binascii
import re
from pathlib import Path
from typing import Any, Iterator

from aispm.formats.jsonc import parse_jsonc
from aispm.formats.located import DocError, LDict, key_line, start_line
from aispm.formats.secrets import find_secrets
from aispm.formats.yaml_lines import parse_yaml
from aispm.model import Asset, Kind, Relation, ScanError
from aispm.providers.artifacts.kubernetes.workload import WORKLOAD_KINDS, containers, env_literals, pod_spec
from aispm.providers.code.secret_assets import secret_asset
from aispm.source import SourceContext, SourceResult, declared_uid, make_origin, read_text

FORMAT = "kubernetes"
SECRETS_FORMAT = "secrets"  # the config-file secret source's format: one uid for one leaked key
_SUFFIXES = (".yaml", ".yml", ".json")
REDACTED = "(redacted)"
#: Bytes of one Secret value decoded to look for a provider key in it (keys are short).
MAX_DECODED = 64 * 1024

#: An `apiVersion` key whose value can be Kubernetes' (`v1`, `apps/v1`, `x.k8s.io/v1beta1`, or on the next
#: line), not an ARM template's date (`"apiVersion": "2023-05-01"`): every compiled Bicep module's
#: `main.json` passed the looser test, and the public Bicep registry cost 3 s of JSON parsing for 14 objects.
_MAYBE_API = re.compile(r'^[ \t{]*"?apiVersion"?[ \t]*:[ \t]*(?:["\']?(?:[a-z0-9.\-]+/)?v[0-9]|$)', re.M)
_MAYBE_KIND = re.compile(r'^[ \t{,]*"?kind"?[ \t]*:', re.M)
_API_VERSION = re.compile(r"^(?:[a-z0-9](?:[a-z0-9.\-]{0,251}[a-z0-9])?/)?v[0-9]+(?:(?:alpha|beta)[0-9]+)?$")
_KIND = re.compile(r"^[A-Z][A-Za-z0-9]{0,62}$")
_HELM_SOURCE = re.compile(r"^# Source: (?P<path>\S.{0,500})$", re.M)

CLUSTER_SCOPED = frozenset({
    "Namespace", "Node", "PersistentVolume", "StorageClass", "ClusterRole", "ClusterRoleBinding",
    "CustomResourceDefinition", "IngressClass", "GatewayClass", "PriorityClass", "RuntimeClass",
    "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "APIService", "CSIDriver",
})

KINDS: dict[str, Kind] = {
    **{k: Kind.COMPUTE for k in WORKLOAD_KINDS},
    "Service": Kind.NETWORK, "Ingress": Kind.NETWORK, "HTTPRoute": Kind.NETWORK, "GRPCRoute": Kind.NETWORK,
    "Gateway": Kind.NETWORK, "NetworkPolicy": Kind.NETWORK,
    "ServiceAccount": Kind.IDENTITY,
    "RoleBinding": Kind.ROLE_ASSIGNMENT, "ClusterRoleBinding": Kind.ROLE_ASSIGNMENT,
    # a Secret is where a key belongs (not a leaked one): `key`, like a vault secret
    "Secret": Kind.KEY,
}


def api_group(api_version: str) -> str:
    """`apps/v1` → `apps`; the core group `v1` is written `v1`."""
    return api_version.split("/", 1)[0] if "/" in api_version else api_version


def asset_type(api_version: str, kind: str) -> str:
    return f"k8s:{api_group(api_version)}/{kind}"


def is_object(doc: Any) -> bool:
    return (isinstance(doc, dict) and isinstance(doc.get("apiVersion"), str)
            and _API_VERSION.match(doc["apiVersion"]) is not None
            and isinstance(doc.get("kind"), str) and _KIND.match(doc["kind"]) is not None
            and isinstance(doc.get("metadata"), dict))


def objects(docs: list[Any]) -> Iterator[dict]:
    """The Kubernetes objects of a file's documents; a `List` gives its items."""
    for doc in docs:
        if isinstance(doc, dict) and doc.get("kind") == "List" and isinstance(doc.get("items"), list) \
                and isinstance(doc.get("apiVersion"), str):
            yield from (item for item in doc["items"] if is_object(item))
        elif is_object(doc):
            yield doc


def might_be_manifest(text: str) -> bool:
    return _MAYBE_API.search(text) is not None and _MAYBE_KIND.search(text) is not None


def name_of(manifest: dict) -> str | None:
    meta = manifest["metadata"]
    name = meta.get("name") or meta.get("generateName")
    return str(name) if isinstance(name, (str, int)) and str(name) else None


def namespace_of(manifest: dict) -> str:
    ns = manifest["metadata"].get("namespace")
    return ns if isinstance(ns, str) and ns else "default"


def address_of(manifest: dict) -> str:
    kind = manifest["kind"]
    name = name_of(manifest) or "(unnamed)"
    return f"{kind}/{name}" if kind in CLUSTER_SCOPED else f"{kind}/{namespace_of(manifest)}/{name}"


def helm_sources(text: str) -> list[tuple[int, str]]:
    """(line, template path) of each `# Source:` comment of `helm template` output."""
    return [(text.count("\n", 0, m.start()) + 1, m.group("path").strip()) for m in _HELM_SOURCE.finditer(text)]


class KubernetesSource:
    """Kubernetes manifests and rendered Helm output."""

    name = FORMAT

    claims_by_name = True  # `claims` reads the file's name alone (`aispm.source.Source`)

    def claims(self, path: Path) -> bool:
        return path.suffix.lower() in _SUFFIXES

    def load(self, files: list[Path], ctx: SourceContext) -> SourceResult:
        result = SourceResult()
        for path in files:
            text, err = read_text(path, ctx)
            if err is not None or text is None or not might_be_manifest(text):
                continue  # not text, too big or outside the roots: the other readers of the file say so
            rel = ctx.rel(path)
            try:
                docs = self._parse(path, text, ctx)
            except DocError as exc:
                if _first_is_manifest(text):
                    result.errors.append(ScanError(rel, exc.line, f"Kubernetes manifest not readable: {exc.message}"[:300]))
                continue
            found = list(objects(docs))
            if not found:
                continue
            result.files += 1
            try:
                File(rel, text, result).add(found)
            except Exception as exc:  # noqa: BLE001 - a source never raises for its input
                result.errors.append(ScanError(rel, None, f"could not read the manifest: {type(exc).__name__}"))
        return result

    @staticmethod
    def _parse(path: Path, text: str, ctx: SourceContext) -> list[Any]:
        if path.suffix.lower() == ".json":
            return [parse_jsonc(text, ctx.limits.depth)]
        return parse_yaml(text, ctx.limits)


def _first_is_manifest(text: str) -> bool:
    """Whether a text that does not parse still reads as a manifest: `apiVersion:` and `kind:` at the
    start of lines, with a known-looking API version (so a broken GitHub workflow is not ours)."""
    m = re.search(r'^"?apiVersion"?\s*:\s*"?([A-Za-z0-9./\-]+)', text, re.M)
    return m is not None and _API_VERSION.match(m.group(1)) is not None and _MAYBE_KIND.search(text) is not None


class File:
    """The assets and relations of one manifest file."""

    def __init__(self, rel: str, text: str, result: SourceResult) -> None:
        self.rel, self.text, self.result = rel, text, result
        self.helm = helm_sources(text)
        # what the config-file secret source finds in this text (same detector, same text): a key
        # it reports is not reported twice
        self.text_hits = {(h.line, h.sha256) for h in find_secrets(text, limit=1000)} if "=" in text or ":" in text \
            else set()
        self.uids: set[str] = set()
        self.secret_uids: set[str] = set()

    def add(self, found: list[dict]) -> None:
        starts = sorted(start_line(m, 1) for m in found)
        for manifest in found:
            self.result.assets.append(self.asset(manifest, starts))

    def asset(self, manifest: dict, starts: list[int]) -> Asset:
        kind = manifest["kind"]
        address = address_of(manifest)
        uid = declared_uid(FORMAT, self.rel, address)
        n = 2
        while uid in self.uids:  # the same object twice in a file (two Helm templates): both kept
            uid = declared_uid(FORMAT, self.rel, f"{address}#{n}")
            n += 1
        self.uids.add(uid)
        line = start_line(manifest, 1)
        if isinstance(manifest, LDict):
            line = min(line, key_line(manifest, "apiVersion", line), key_line(manifest, "kind", line))
        name = name_of(manifest)
        props: dict[str, Any] = manifest
        helm = self.helm_source(line, starts)
        if helm:
            props["helmSource"] = helm
        asset = Asset(uid=uid, provider="artifacts", type=asset_type(manifest["apiVersion"], kind),
                      name=name if name is not None else address,
                      origin=make_origin(FORMAT, self.rel, line, address), properties=props,
                      kind=KINDS.get(kind, Kind.OTHER))
        if kind in WORKLOAD_KINDS:
            for c in containers(pod_spec(kind, manifest)):
                for env_name, value, item in env_literals(c):
                    self.leaked(uid, f"env {env_name}", env_name, value, item, "value")
        elif kind == "ConfigMap":
            for data_key in ("data",):
                data = manifest.get(data_key)
                if isinstance(data, dict):
                    for k, v in list(data.items()):
                        if isinstance(k, str) and isinstance(v, str):
                            self.leaked(uid, f"key {k}", k, v, data, k)
        elif kind == "Secret":
            self.secret(uid, manifest)
        return asset

    def helm_source(self, line: int, starts: list[int]) -> str | None:
        """The `# Source:` comment just above a document (none from an earlier document)."""
        prev = max((s for s in starts if s < line), default=0)
        hits = [path for at, path in self.helm if prev < at < line]
        return hits[-1] if hits else None

    def leaked(self, holder: str, where: str, name: str, value: str, container: dict, key: Any) -> None:
        """A provider key written in plain text (an env value, a ConfigMap entry): its secret asset,
        the value redacted in the manifest, and the holder `contains` it."""
        if len(value) < 8:
            return
        line = key_line(container, key, start_line(container, 1))
        hits = find_secrets(f"{name}={value[:MAX_DECODED]}", limit=10)
        if not hits:
            return
        for hit in hits:
            secret, relation = secret_asset(hit, SECRETS_FORMAT, self.rel, line)
            if secret.uid not in self.secret_uids:
                self.secret_uids.add(secret.uid)
                self.result.assets.append(secret)
                if relation is not None and (line, hit.sha256) not in self.text_hits:
                    self.result.relations.append(relation)
            self.result.relations.append(Relation(holder, "contains", secret.uid, (("via", where),)))
        container[key] = _redacted(value, hits, len(name) + 1)

    def secret(self, uid: str, manifest: dict) -> None:
        """A Secret's values: each redacted; a provider key among them gives `holds_key_for`."""
        services: dict[str, str] = {}
        for data_key, encoded in (("data", True), ("stringData", False)):
            data = manifest.get(data_key)
            if not isinstance(data, dict):
                continue
            for k, v in list(data.items()):
                plain = (_decode(v) if encoded else v[:MAX_DECODED]) if isinstance(v, str) else None
                if plain:
                    for hit in find_secrets(f"{k}={plain}", limit=10):
                        if hit.service:
                            services.setdefault(hit.service, f"{data_key}.{k}")
                data[k] = REDACTED
        for service, key in sorted(services.items()):
            self.result.relations.append(Relation(uid, "holds_key_for", service, (("service", service), ("key", key))))


def _redacted(value: str, hits: list, prefix: int) -> str:
    """`value` with each detected key replaced by its redacted form (`sk-p…L2`); the detector read
    `NAME=value`, so its offsets are shifted by `prefix`."""
    out = value
    for hit in sorted(hits, key=lambda h: h.offset, reverse=True):
        a, b = hit.offset - prefix, hit.end - prefix
        if not 0 <= a < b <= len(value):
            return REDACTED
        out = out[:a] + hit.redacted + out[b:]
    return out if out != value else REDACTED


def _decode(value: str) -> str | None:
    try:
        raw = base64.b64decode(value[: MAX_DECODED * 4 // 3 + 4], validate=False)
    except (binascii.Error, ValueError):
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
