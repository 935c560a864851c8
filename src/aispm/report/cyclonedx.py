"""The CycloneDX ML-BOM: everything a scan found, IaC and code together, as an AI Bill of Materials.

`render(result, spec_version="1.6")` prints a CycloneDX 1.6 (or 1.7) JSON BOM. The skeleton (metadata,
components, services, dependencies, vulnerabilities) is built with cyclonedx-python-lib; the keys that
library cannot model yet (`modelCard`, `component.data`, `services[].data` with `source`/`destination`,
CycloneDX/cyclonedx-python-lib#911–#913) are injected into the serialised dict afterwards, and the result is
checked against the official schema by the tests (`JsonStrictValidator`, offline).

How assets map (every `bom-ref` is the asset's `uid`, so a BOM reader can find the asset in the JSON report):

| asset | BOM element |
|---|---|
| `library` | component `library`: purl only for an exact version; a manifest range goes in `aispm:version_range` |
| `model` (type or kind) | component `machine-learning-model` with a `modelCard`; purl `pkg:huggingface/org/name@rev` for Hugging Face ids |
| kinds data-store, data-source, search-index; Azure AI Search services | component `data` with one `data[]` entry (type `dataset`) |
| kinds ai-service, model-deployment, project; `ai-client` | `services[]` (endpoints, `authenticated`, `x-trust-boundary`, data flows) |
| `mcp-server` reached over the network (fact `remote`, or http/sse transport, or a URL) | `services[]`, endpoint if known |
| `mcp-server` started as a local command (stdio) | component `application`, `aispm:type` = mcp-server |
| `agent`, `tool`, compute (web apps, functions, clusters) | component `application`, `aispm:type` says which |
| `notebook`, `prompt` | component `file` |
| `oci-image` (a container image) | component `container`; the libraries it `contains` are its dependencies |
| `secret` | component `cryptographic-asset` (related crypto material); only its `redacted` form, `sha256` and `detector` |

Posture-only resources (role assignments, private endpoints, diagnostic settings, monitoring, identities, key
vaults, content-filter policies) are not BOM elements: what they change is already a fact of the component or
service they configure, and facts are written as `aispm:fact:<name>` properties (unknown facts are left out).

Relations become `dependencies[]` (`A <verb> B` → A dependsOn B) for the verbs deploys, uses_model, grounded_on,
calls, runs, contains, reads and built_from, when both ends are in the BOM. The scanned target is
`metadata.component` and depends on every element nothing else depends on. `grounded_on`, `reads` and `writes`
also become `data[]` flows on the service that has them, with BOM-Links (`urn:cdx:<serial>/1#<bom-ref>`) as
`source` / `destination`, since the schema wants URLs or BOM-Links there, not bare bom-refs.

`authenticated`: a fact `user_authentication` / `authentication` / `authenticated` decides when known; for Azure
services `local_auth_enabled` being known means every call authenticates (with a key when it is true, with Entra
ID only when false), so `authenticated` is true and the fact tells which. An SDK client that sends a key
or an Entra token (`auth` property) authenticates. `x-trust-boundary` is the `public_network_access` fact when
known (a deployment takes its account's), and the `remote` fact for MCP servers. Endpoint URLs lose any user
info, query and fragment, where keys and tokens hide.

Vulnerability findings (pillar `vulnerability`) are grouped by advisory id into `vulnerabilities[]`, source OSV,
each affected library in `affects[]` (status `affected` for a certain match, `unknown` for a possible one). The
advisory data they were matched against is one `metadata.properties` entry per ecosystem,
`aispm:advisory-data:<ecosystem>`, whose value is the JSON report's `advisory_data` entry as compact JSON (source,
data_date, sha256, counts, modified, ...).

Limits: no SPDX licences (the scan does not read them), no hashes of models or libraries, no `considerations` or
quantitative analysis in model cards (the scan cannot know them), and the model task is only given when the code
names it or the model family makes it unambiguous (embeddings, chat models, speech, images).
"""

from __future__ import annotations

import json
import re
import urllib.parse
import uuid
import warnings
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from cyclonedx.model import Property, XsUri
from cyclonedx.model.bom import Bom
from cyclonedx.model.component import Component, ComponentType
from cyclonedx.model.contact import OrganizationalEntity
from cyclonedx.model.crypto import CryptoAssetType, CryptoProperties, RelatedCryptoMaterialProperties, \
    RelatedCryptoMaterialType
from cyclonedx.model.impact_analysis import ImpactAnalysisAffectedStatus
from cyclonedx.model.service import Service
from cyclonedx.model.vulnerability import (
    BomTarget,
    BomTargetVersionRange,
    Vulnerability,
    VulnerabilityAnalysis,
    VulnerabilityRating,
    VulnerabilityReference,
    VulnerabilityScoreSource,
    VulnerabilitySeverity,
    VulnerabilitySource,
)
from cyclonedx.output.json import JsonV1Dot6, JsonV1Dot7
from packageurl import PackageURL

from aispm import __version__, registry
from aispm.model import Asset, Finding, Kind, Pillar, ScanResult, Severity, Status, Unknown
from aispm.report.json import plain

SPEC_VERSIONS = ("1.6", "1.7")
_OUTPUTTERS = {"1.6": JsonV1Dot6, "1.7": JsonV1Dot7}

#: relation verbs that are dependencies in the BOM (from depends on to)
DEPENDENCY_VERBS = frozenset({"deploys", "uses_model", "grounded_on", "calls", "runs", "contains", "reads",
                              "built_from"})
#: kinds that are not BOM elements (their effect is a fact of the element they configure)
_SKIPPED_KINDS = frozenset({Kind.ROLE_ASSIGNMENT, Kind.NETWORK, Kind.MONITORING, Kind.IDENTITY, Kind.KEY})
_DATA_KINDS = frozenset({Kind.DATA_STORE, Kind.DATA_SOURCE, Kind.SEARCH_INDEX})
_SERVICE_KINDS = frozenset({Kind.AI_SERVICE, Kind.MODEL_DEPLOYMENT, Kind.PROJECT, Kind.AI_CLIENT})
_SEARCH_TYPE = "microsoft.search/searchservices"
_SECRET_PROPERTIES = ("redacted", "sha256", "detector")
_REMOTE_TRANSPORTS = frozenset({"http", "https", "sse", "streamable-http", "streamable_http", "streamablehttp",
                                "websocket", "ws"})
_ENDPOINT_KEYS = ("endpoint", "url", "base_url", "azure_endpoint", "api_base", "baseURL", "host")
_CLASSIFICATION_KEYS = frozenset({"classification", "dataclassification", "data_classification",
                                  "data-classification", "sensitivity", "confidentiality"})
_OSV_URL = "https://osv.dev/vulnerability/"

#: model task by model family, only where the family leaves no doubt (Hugging Face task names)
_TASKS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"embed", re.I), "feature-extraction"),
    (re.compile(r"whisper|transcribe", re.I), "automatic-speech-recognition"),
    (re.compile(r"(^|[-/])tts([-/]|$)", re.I), "text-to-speech"),
    (re.compile(r"dall-?e|gpt-image|stable-diffusion|sdxl|flux", re.I), "text-to-image"),
    (re.compile(r"^(gpt-|o[1-9]|claude|gemini|llama|mistral|mixtral|phi-|command|deepseek|qwen|grok)", re.I),
     "text-generation"),
)


def render(result: ScanResult, spec_version: str = "1.6") -> str:
    """The scan as a CycloneDX JSON BOM of `spec_version` ("1.6" or "1.7")."""
    return json.dumps(to_dict(result, spec_version), indent=2, ensure_ascii=False) + "\n"


def to_dict(result: ScanResult, spec_version: str = "1.6") -> dict[str, Any]:
    """The BOM as a JSON-ready dict (what `render` prints)."""
    if spec_version not in _OUTPUTTERS:
        raise ValueError(f"unsupported CycloneDX spec version {spec_version!r}; use one of: {', '.join(SPEC_VERSIONS)}")
    return _Builder(result).build(spec_version)


# --------------------------------------------------------------------------- helpers


def _text(value: Any) -> str | None:
    """A property value as text, or None when unknown or empty."""
    if value is None or isinstance(value, Unknown):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, str)):
        s = str(value)
        return s if s else None
    return None


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


#: `${env:X}`, `${input:x}`, `$X`, `{{x}}`, `%X%`: a URL built at run time, not an endpoint to list.
_REFERENCE = re.compile(r"\$\{|\$[A-Za-z_]|\{\{|%[A-Za-z_]+%")


def _clean_url(value: Any) -> str | None:
    """An endpoint URL with credentials, query and fragment removed (they may carry keys); None for a
    URL that is not a literal (a reference would be mangled into a host that does not exist)."""
    if not isinstance(value, str) or "://" not in value or _REFERENCE.search(value):
        return None
    try:
        parts = urllib.parse.urlsplit(value.strip())
    except ValueError:
        return None
    try:
        port = parts.port
    except ValueError:  # `https://${HOST}:${PORT}/…`: the port is not a number
        port = None
    if not parts.scheme or not parts.hostname:
        return None
    host = parts.hostname + (f":{port}" if port else "")
    return urllib.parse.urlunsplit((parts.scheme, host, parts.path, "", ""))


def _props(pairs: Iterable[tuple[str, Any]]) -> list[Property]:
    out = []
    for name, value in pairs:
        text = _text(value)
        if text is not None:
            out.append(Property(name=name, value=text))
    return out


def _fact_props(a: Asset) -> list[tuple[str, Any]]:
    return [(f"aispm:fact:{k}", v) for k, v in sorted(a.facts.items()) if not isinstance(v, (dict, list, tuple))]


def _origin_props(a: Asset) -> list[tuple[str, Any]]:
    return [
        ("aispm:provider", a.provider),
        ("aispm:asset_type", a.type),
        ("aispm:kind", str(a.kind)),
        ("aispm:file", a.origin.file),
        ("aispm:line", a.origin.line),
        ("aispm:address", a.origin.address),
    ]


def _asset_type(a: Asset) -> str:
    """The code-side type (`library`, `mcp-server`, ...) or the kind for cloud assets."""
    return a.type if a.provider == "code" else str(a.kind)


def _is_model(a: Asset) -> bool:
    return a.type == "model" or a.kind is Kind.MODEL


def _is_secret(a: Asset) -> bool:
    return a.type == "secret" or a.kind is Kind.SECRET


def _is_library(a: Asset) -> bool:
    return a.type == "library" or a.kind is Kind.LIBRARY


def _is_mcp(a: Asset) -> bool:
    return a.type == "mcp-server" or a.kind is Kind.MCP_SERVER


def _mcp_remote(a: Asset) -> bool:
    """An MCP server reached over the network (a service), rather than a local process (a component)."""
    if isinstance(a.facts.get("remote"), bool):
        return a.facts["remote"] or _clean_url(a.properties.get("url")) is not None
    return str(a.properties.get("transport") or "").lower() in _REMOTE_TRANSPORTS or \
        _clean_url(a.properties.get("url")) is not None


def _classification(a: Asset) -> str | None:
    for key in ("classification", "data_classification"):
        if _str(a.properties.get(key)):
            return a.properties[key]
        if _str(a.facts.get(key)):
            return a.facts[key]
    tags = a.properties.get("tags")
    if isinstance(tags, dict):
        for k, v in tags.items():
            if str(k).lower() in _CLASSIFICATION_KEYS and _str(v):
                return v
    return None


def _bool_fact(a: Asset, *names: str) -> bool | None:
    for n in names:
        v = a.facts.get(n)
        if isinstance(v, bool):
            return v
        if isinstance(v, str) and v:
            return v.strip().lower() not in {"none", "no", "false", "off", "anonymous", "noauthentication",
                                             "no_authentication", "no-authentication", "disabled"}
    return None


def _authenticated(a: Asset) -> bool | None:
    """Whether the service requires authentication, when the facts tell."""
    known = _bool_fact(a, "user_authentication", "authentication", "authenticated", "requires_auth")
    if known is None and isinstance(a.facts.get("local_auth_enabled"), bool):
        return True  # keys or Entra ID: either way every call authenticates
    if known is None and str(a.properties.get("auth", "")).lower() in ("key", "entra"):
        return True  # an SDK client that sends a key or an Entra token
    return known


def _huggingface_purl(a: Asset) -> PackageURL | None:
    p = a.properties
    purl = _str(p.get("purl"))
    if purl and purl.startswith("pkg:huggingface/"):
        try:
            return PackageURL.from_string(purl)
        except ValueError:
            return None
    hints = {str(p.get(k) or "").lower().replace(" ", "").replace("-", "") for k in
             ("hub", "source", "family", "registry", "format", "provider")}
    if "huggingface" not in hints and not a.uid.startswith("model:huggingface:"):
        return None
    if str(p.get("source") or "").lower() == "local":
        return None
    model_id = _str(p.get("model_id")) or _str(p.get("repo_id")) or _str(p.get("model")) or _str(p.get("name")) \
        or _str(a.name)
    if not model_id or model_id.count("/") != 1 or model_id.startswith((".", "/", "~")) or "\\" in model_id:
        return None
    org, _, name = model_id.strip("/").rpartition("/")
    rev = _str(p.get("revision")) or _str(p.get("rev")) or _str(p.get("commit"))
    try:
        return PackageURL(type="huggingface", namespace=org, name=name, version=rev.lower() if rev else None)
    except ValueError:
        return None


def _task(a: Asset) -> str | None:
    t = _str(a.properties.get("task")) or _str(a.facts.get("task"))
    if t:
        return t
    name = _str(a.properties.get("name")) or _str(a.name) or ""
    name = name.rsplit("/", 1)[-1]
    for pattern, task in _TASKS:
        if pattern.search(name):
            return task
    return None


# --------------------------------------------------------------------------- advisories


def _advisory_ranges(adv: dict[str, Any], ecosystem: str) -> list[str]:
    """Affected ranges as `vers:` strings, from OSV-style ranges or plain constraint strings."""
    raw = adv.get("ranges") or adv.get("affected_ranges") or adv.get("affected") or []
    if isinstance(raw, (str, dict)):
        raw = [raw]
    if not isinstance(raw, list):
        return []
    flat: list[Any] = []
    for r in raw:  # an OSV `affected[]` entry holds its ranges under `ranges`
        flat += r["ranges"] if isinstance(r, dict) and isinstance(r.get("ranges"), list) else [r]
    eco = ecosystem.lower() or "generic"
    out: list[str] = []
    for r in flat:
        if isinstance(r, str) and r.strip():
            s = r.strip()
            if s.startswith("vers:"):
                out.append(s)
            else:
                parts = [c.replace(" ", "") for c in re.split(r"[,|]", s) if c.strip()]
                out.append(f"vers:{eco}/" + "|".join(parts))
        elif isinstance(r, dict):
            events = r.get("events")
            if isinstance(events, list):
                lo: str | None = None
                for e in events:
                    if not isinstance(e, dict):
                        continue
                    if _str(e.get("introduced")):
                        lo = e["introduced"]
                    elif _str(e.get("fixed")) or _str(e.get("last_affected")):
                        hi = f"<{e['fixed']}" if _str(e.get("fixed")) else f"<={e['last_affected']}"
                        out.append(f"vers:{eco}/" + "|".join(([f">={lo}"] if lo and lo != "0" else []) + [hi]))
                        lo = None
                if lo is not None:  # introduced with no end
                    out.append(f"vers:{eco}/" + (f">={lo}" if lo != "0" else "*"))
            else:
                lo = _str(r.get("introduced"))
                hi = _str(r.get("fixed"))
                parts = ([f">={lo}"] if lo and lo != "0" else []) + ([f"<{hi}"] if hi else [])
                out.append(f"vers:{eco}/" + ("|".join(parts) or "*"))
    return [v for v in dict.fromkeys(out) if v and not v.endswith("/")]


def _fixed(adv: dict[str, Any]) -> list[str]:
    """First fixed versions: aispm's `fixed` list (or a single value), else the `fixed` events of OSV ranges."""
    for key in ("fixed", "fixed_version", "first_fixed", "first_fixed_version"):
        v = adv.get(key)
        values = [x for x in (v if isinstance(v, list) else [v]) if _str(x)]
        if values:
            return list(dict.fromkeys(values))
    out: list[str] = []
    for r in adv.get("affected") if isinstance(adv.get("affected"), list) else []:
        for rng in (r.get("ranges") or []) if isinstance(r, dict) else []:
            for e in (rng.get("events") or []) if isinstance(rng, dict) else []:
                if isinstance(e, dict) and _str(e.get("fixed")):
                    out.append(e["fixed"])
    return list(dict.fromkeys(out))


_CVSS_METHOD = (("CVSS:4", VulnerabilityScoreSource.CVSS_V4), ("CVSS:3.1", VulnerabilityScoreSource.CVSS_V3_1),
                ("CVSS:3", VulnerabilityScoreSource.CVSS_V3))
_SEVERITY = {
    Severity.CRITICAL: VulnerabilitySeverity.CRITICAL,
    Severity.HIGH: VulnerabilitySeverity.HIGH,
    Severity.MEDIUM: VulnerabilitySeverity.MEDIUM,
    Severity.LOW: VulnerabilitySeverity.LOW,
    Severity.INFO: VulnerabilitySeverity.INFO,
}


def _score(value: Any) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        d = Decimal(str(value))
    except InvalidOperation:
        return None
    return d if 0 <= d <= 10 else None


def _ratings(adv: dict[str, Any], severity: Severity, source: VulnerabilitySource) -> list[VulnerabilityRating]:
    """CVSS ratings from the advisory (OSV `severity` entries or `cvss` fields), else the severity alone."""
    entries: list[dict[str, Any]] = []
    sev = adv.get("severity")
    if isinstance(sev, list):
        entries += [e for e in sev if isinstance(e, dict)]
    elif isinstance(sev, dict):
        entries.append(sev)
    for key in ("cvss", "cvss_vector", "cvss_v3", "cvss_v4"):
        v = adv.get(key)
        if isinstance(v, str):
            entries.append({"score": v})
        elif isinstance(v, dict):
            entries.append(v)
        elif isinstance(v, list):
            entries += [e for e in v if isinstance(e, dict)]
    level = _SEVERITY.get(severity, VulnerabilitySeverity.UNKNOWN)
    ratings: list[VulnerabilityRating] = []
    for e in entries:
        vector = next((e[k] for k in ("vector", "score", "vectorString") if isinstance(e.get(k), str)
                       and e[k].startswith("CVSS:")), None)
        number = _score(e.get("base_score", e.get("baseScore", e.get("score"))))
        if vector is None and number is None:
            continue
        method = VulnerabilityScoreSource.OTHER
        if vector:
            method = next((m for prefix, m in _CVSS_METHOD if vector.startswith(prefix)),
                          VulnerabilityScoreSource.OTHER)
        elif str(e.get("type", "")).upper().startswith("CVSS_V4"):
            method = VulnerabilityScoreSource.CVSS_V4
        elif str(e.get("type", "")).upper().startswith("CVSS_V3"):
            method = VulnerabilityScoreSource.CVSS_V3_1
        ratings.append(VulnerabilityRating(source=source, score=number, severity=level, method=method, vector=vector))
    if not ratings:
        ratings.append(VulnerabilityRating(source=source, severity=level, method=VulnerabilityScoreSource.OTHER))
    return ratings


def _alias_reference(alias: str) -> VulnerabilityReference:
    if alias.startswith("CVE-"):
        src = VulnerabilitySource(name="NVD", url=XsUri(f"https://nvd.nist.gov/vuln/detail/{alias}"))
    elif alias.startswith("GHSA-"):
        src = VulnerabilitySource(name="GitHub", url=XsUri(f"https://github.com/advisories/{alias}"))
    else:
        src = VulnerabilitySource(name="OSV", url=XsUri(_OSV_URL + urllib.parse.quote(alias)))
    return VulnerabilityReference(id=alias, source=src)


# --------------------------------------------------------------------------- builder


class _Builder:
    def __init__(self, result: ScanResult) -> None:
        self.result = result
        self.by_uid = {a.uid: a for a in result.assets}
        self.serial = uuid.uuid4()
        self.components: dict[str, Component] = {}
        self.services: dict[str, Service] = {}
        # keys cyclonedx-python-lib cannot model yet, injected after serialisation, by bom-ref
        self.model_cards: dict[str, dict[str, Any]] = {}
        self.component_data: dict[str, list[dict[str, Any]]] = {}
        self.service_flows: dict[str, list[dict[str, Any]]] = {}

    # ---- elements

    def build(self, spec_version: str) -> dict[str, Any]:
        for a in self.result.assets:
            if a.uid in self.components or a.uid in self.services:
                continue
            self._add(a)
        bom = Bom(serial_number=self.serial)
        root = self._root()
        bom.metadata.component = root
        for eco, entry in sorted((self.result.advisory_data or {}).get("ecosystems", {}).items()):
            bom.metadata.properties.add(Property(name=f"aispm:advisory-data:{eco}",
                                                 value=json.dumps(plain(entry), sort_keys=True, separators=(",", ":"))))
        bom.metadata.tools.components.add(
            Component(type=ComponentType.APPLICATION, name="aispm", version=__version__, group="aispm",
                      bom_ref="aispm:tool", external_references=[]))
        for c in self.components.values():
            bom.components.add(c)
        for s in self.services.values():
            bom.services.add(s)
        self._dependencies(bom, root)
        self._flows()
        for v in self._vulnerabilities():
            bom.vulnerabilities.add(v)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the library warns about incomplete dependency graphs
            text = _OUTPUTTERS[spec_version](bom).output_as_string()
        doc: dict[str, Any] = json.loads(text)
        self._inject(doc)
        return doc

    def _root(self) -> Component:
        names = [Path(t).resolve().name if Path(t).name in ("", ".", "..") else Path(t).name
                 for t in self.result.targets] or ["scan"]
        return Component(type=ComponentType.APPLICATION, name=" + ".join(names), bom_ref="aispm:target",
                         properties=_props(("aispm:target", t) for t in self.result.targets))

    def _add(self, a: Asset) -> None:
        if _is_secret(a):
            self._secret(a)
        elif _is_library(a):
            self._library(a)
        elif a.type == "oci-image":  # a container image: its libraries are its dependencies (`contains`)
            self._component(a, ComponentType.CONTAINER, [("aispm:image_digest", a.properties.get("digest")),
                                                         ("aispm:platform", a.properties.get("platform"))])
        elif _is_model(a):
            self._model(a)
        elif _is_mcp(a):
            if _mcp_remote(a):
                self._service(a, endpoints=[_clean_url(a.properties.get("url"))])
            else:
                self._application(a)
        elif a.kind in _DATA_KINDS or a.type in ("data-source",) or a.type.lower() == _SEARCH_TYPE:
            self._data(a)
        elif a.kind in _SERVICE_KINDS or a.type == "ai-client":
            self._service(a)
        elif a.type in ("notebook", "prompt") or a.kind in (Kind.NOTEBOOK, Kind.PROMPT):
            self._component(a, ComponentType.FILE)
        elif a.kind in (Kind.AGENT, Kind.TOOL, Kind.COMPUTE) or a.type in ("agent", "tool"):
            self._application(a)
        elif a.kind in _SKIPPED_KINDS or (a.provider != "code" and a.kind is Kind.OTHER):
            return
        else:
            self._application(a)

    def _component(self, a: Asset, ctype: ComponentType, extra: Iterable[tuple[str, Any]] = (), **kw: Any) -> Component:
        props = _props([("aispm:type", _asset_type(a)), *extra, *_fact_props(a), *_origin_props(a)])
        c = Component(type=ctype, name=kw.pop("name", None) or a.display_name, bom_ref=a.uid, properties=props, **kw)
        self.components[a.uid] = c
        return c

    def _application(self, a: Asset) -> None:
        p = a.properties
        extra: list[tuple[str, Any]] = []
        if _is_mcp(a):
            cmd = _str(p.get("command"))
            extra += [("aispm:transport", p.get("transport")), ("aispm:command", cmd.split()[0] if cmd else None),
                      ("aispm:package", p.get("package"))]
        self._component(a, ComponentType.APPLICATION, extra)

    def _library(self, a: Asset) -> None:
        p = a.properties
        version = _str(p.get("version"))
        vrange = _str(p.get("version_range"))
        purl = None
        if version and _str(p.get("purl")):
            try:
                purl = PackageURL.from_string(p["purl"])
            except ValueError:
                purl = None
        name = _str(p.get("name")) or a.display_name
        extra = [("aispm:ecosystem", p.get("ecosystem")), ("aispm:version_range", vrange if not version else None),
                 ("aispm:ai_category", a.facts.get("ai_category") or p.get("ai_category"))]
        self._component(a, ComponentType.LIBRARY, extra, name=name, version=version, purl=purl)

    def _model(self, a: Asset) -> None:
        p = a.properties
        name = _str(p.get("name")) or a.display_name
        purl = _huggingface_purl(a)
        version = _str(p.get("version")) or (purl.version if purl else None)
        publisher = _str(p.get("format")) or _str(p.get("publisher"))
        if purl:
            name = purl.name
            publisher = publisher or purl.namespace
        extra = [("aispm:model", a.facts.get("model") or p.get("model")), ("aispm:family", p.get("family")),
                 ("aispm:service", p.get("service"))]
        self._component(a, ComponentType.MACHINE_LEARNING_MODEL, extra,
                        name=name, version=version, group=publisher, purl=purl)
        params: dict[str, Any] = {}
        task = _task(a)
        if task:
            params["task"] = task
        approach = _str(p.get("approach"))
        if approach in ("supervised", "unsupervised", "reinforcement-learning", "semi-supervised", "self-supervised"):
            params["approach"] = {"type": approach}
        for key in ("architectureFamily", "architecture_family"):
            if _str(p.get(key)):
                params["architectureFamily"] = p[key]
        datasets = [r.target for r in self.result.relations if r.source == a.uid and r.verb in ("built_from",
                                                                                                 "trained_on")]
        if datasets:
            params["datasets"] = [{"ref": d} for d in dict.fromkeys(datasets)]
        card: dict[str, Any] = {"modelParameters": params}
        card_props = [{"name": n, "value": v} for n, v in (
            ("aispm:provider", a.provider),
            ("aispm:model", _text(a.facts.get("model"))),
            ("aispm:format", _text(p.get("format"))),
            ("aispm:task_source", "code" if _str(p.get("task")) else ("model family" if task else None)),
        ) if v]
        if card_props:
            card["properties"] = card_props
        self.model_cards[a.uid] = card

    def _data(self, a: Asset) -> None:
        p = a.properties
        extra = [("aispm:index", p.get("index") or p.get("index_name") or p.get("collection")),
                 ("aispm:store", p.get("store") or p.get("service"))]
        self._component(a, ComponentType.DATA, extra)
        entry: dict[str, Any] = {"type": "dataset", "name": a.display_name}
        cls = _classification(a)
        if cls:
            entry["classification"] = cls
        if a.facts.get("used_for_ai_grounding") is True:
            entry["description"] = "grounding data for an AI service"
        url = _clean_url(p.get("url")) or _clean_url(p.get("endpoint"))
        if url:
            entry["contents"] = {"url": url}
        self.component_data[a.uid] = [entry]

    def _service(self, a: Asset, endpoints: list[str | None] | None = None) -> None:
        p = a.properties
        parent = self.by_uid.get(a.parent) if a.parent else None
        if endpoints is None:
            prov = registry.provider(a.provider)
            endpoints = [prov.endpoint(a, parent, _clean_url) if prov is not None and prov.endpoint else None]
            endpoints += [_clean_url(p.get(k)) for k in _ENDPOINT_KEYS]
        eps = [XsUri(e) for e in dict.fromkeys(e for e in endpoints if e)]
        authenticated = _authenticated(a)
        public = a.facts.get("public_network_access")
        if not isinstance(public, bool) and _is_mcp(a) and isinstance(a.facts.get("remote"), bool):
            public = a.facts["remote"]  # a remote MCP server is reached across the network boundary
        if parent is not None and a.kind is Kind.MODEL_DEPLOYMENT:
            # a deployment is reached through its account's endpoint, with the account's authentication
            authenticated = _authenticated(parent) if authenticated is None else authenticated
            public = parent.facts.get("public_network_access") if not isinstance(public, bool) else public
        prov = registry.provider(a.provider)
        provider = (prov.vendor if prov else None) or _str(p.get("provider")) or _str(p.get("service"))
        extra = [("aispm:type", _asset_type(a)), ("aispm:service", p.get("service")), ("aispm:family", p.get("family")),
                 ("aispm:transport", p.get("transport") if _is_mcp(a) else None)]
        self.services[a.uid] = Service(
            name=a.display_name,
            bom_ref=a.uid,
            provider=OrganizationalEntity(name=provider) if provider else None,
            endpoints=eps or None,
            authenticated=authenticated,
            x_trust_boundary=public if isinstance(public, bool) else None,
            properties=_props([*extra, *_fact_props(a), *_origin_props(a)]),
        )

    def _secret(self, a: Asset) -> None:
        # Only these three properties are ever read from a secret asset: never its name, facts or evidence,
        # in case a source put more there than it should.
        p = {k: _str(a.properties.get(k)) for k in _SECRET_PROPERTIES}
        detector = p["detector"] or "secret"
        d = detector.lower()
        if "password" in d or "connection" in d:
            material = RelatedCryptoMaterialType.PASSWORD
        elif "token" in d:
            material = RelatedCryptoMaterialType.TOKEN
        else:
            material = RelatedCryptoMaterialType.CREDENTIAL
        name = f"{detector} {p['redacted']}" if p["redacted"] else detector
        crypto = CryptoProperties(asset_type=CryptoAssetType.RELATED_CRYPTO_MATERIAL,
                                  related_crypto_material_properties=RelatedCryptoMaterialProperties(type=material))
        props = _props([("aispm:type", "secret"), *((f"aispm:{k}", v) for k, v in p.items()),
                        ("aispm:file", a.origin.file), ("aispm:line", a.origin.line)])
        self.components[a.uid] = Component(type=ComponentType.CRYPTOGRAPHIC_ASSET, name=name, bom_ref=a.uid,
                                           crypto_properties=crypto, properties=props)

    # ---- graph

    def _element(self, uid: str) -> Component | Service | None:
        return self.components.get(uid) or self.services.get(uid)

    def _dependencies(self, bom: Bom, root: Component) -> None:
        edges: dict[str, list[str]] = {}
        for r in self.result.relations:
            if r.verb in DEPENDENCY_VERBS and r.source != r.target and self._element(r.source) and \
                    self._element(r.target):
                edges.setdefault(r.source, [])
                if r.target not in edges[r.source]:
                    edges[r.source].append(r.target)
        depended_on = {t for targets in edges.values() for t in targets}
        for src, targets in edges.items():
            element = self._element(src)
            assert element is not None
            bom.register_dependency(element, [self._element(t) for t in targets])  # type: ignore[misc]
        top = [e for uid, e in [*self.components.items(), *self.services.items()] if uid not in depended_on]
        bom.register_dependency(root, top)

    def _link(self, uid: str) -> str:
        return f"urn:cdx:{self.serial}/1#{urllib.parse.quote(uid, safe='')}"

    def _flows(self) -> None:
        """Data flows of services: grounding and reads come in, writes go out."""
        for r in self.result.relations:
            if r.verb not in ("grounded_on", "reads", "writes"):
                continue
            src, dst = self.by_uid.get(r.source), self.by_uid.get(r.target)
            if src is None or dst is None or not self._element(r.target):
                continue
            cls = _classification(dst) or _classification(src) or "unknown"
            label = {"grounded_on": "grounding data", "reads": "data read", "writes": "data written"}[r.verb]
            if r.source in self.services:
                flow: dict[str, Any] = {"flow": "outbound" if r.verb == "writes" else "inbound",
                                        "classification": cls, "name": f"{label}: {dst.display_name}"}
                if r.verb == "writes":
                    flow["destination"] = [self._link(r.target)]
                else:
                    flow["source"] = [self._link(r.target)]
                self.service_flows.setdefault(r.source, []).append(flow)
            if r.target in self.services:
                # the other side of the same flow, seen from the data's service
                flow = {"flow": "inbound" if r.verb == "writes" else "outbound", "classification": cls,
                        "name": f"{label}: {src.display_name}"}
                if self._element(r.source):
                    flow["source" if r.verb == "writes" else "destination"] = [self._link(r.source)]
                self.service_flows.setdefault(r.target, []).append(flow)

    # ---- vulnerabilities

    def _vulnerabilities(self) -> list[Vulnerability]:
        groups: dict[str, list[Finding]] = {}
        for f in self.result.findings:
            if f.pillar is Pillar.VULNERABILITY and f.asset_uid in self.components:
                adv = f.advisory or {}
                groups.setdefault(_str(adv.get("id")) or f.rule_id, []).append(f)
        out = []
        for vid, findings in sorted(groups.items()):
            first = findings[0]
            adv = first.advisory or {}
            osv = VulnerabilitySource(name="OSV", url=XsUri(_OSV_URL + urllib.parse.quote(vid)))
            aliases = [x for x in adv.get("aliases") or [] if _str(x) and x != vid]
            fixed: list[str] = []
            affects = []
            for f in findings:
                lib = self.by_uid[f.asset_uid]
                eco = str(lib.properties.get("ecosystem") or "").lower()
                eco = {"pypi": "pypi", "npm": "npm"}.get(eco, eco or "generic")
                status = ImpactAnalysisAffectedStatus.UNKNOWN if f.status is Status.UNKNOWN else \
                    ImpactAnalysisAffectedStatus.AFFECTED
                versions = []
                version = _str(lib.properties.get("version"))
                if version:
                    versions.append(BomTargetVersionRange(version=version, status=status))
                versions += [BomTargetVersionRange(range=r, status=ImpactAnalysisAffectedStatus.AFFECTED)
                             for r in _advisory_ranges(f.advisory or {}, eco)]
                for fix in _fixed(f.advisory or {}):
                    fixed.append(fix)
                    versions.append(BomTargetVersionRange(version=fix, status=ImpactAnalysisAffectedStatus.UNAFFECTED))
                affects.append(BomTarget(ref=f.asset_uid, versions=versions or None))
            suppressed = [f for f in findings if f.status is Status.SUPPRESSED]
            out.append(Vulnerability(
                bom_ref=f"aispm:vulnerability:{vid}",
                id=vid,
                source=osv,
                references=[_alias_reference(x) for x in aliases],
                ratings=_ratings(adv, max(f.severity for f in findings), osv),
                description=_str(adv.get("summary")) or first.title,
                detail=_str(adv.get("details")),
                recommendation=f"Upgrade to {' or '.join(dict.fromkeys(fixed))}" if fixed else None,
                analysis=VulnerabilityAnalysis(detail="; ".join(f"suppressed: {f.suppressed_reason or 'no reason'}"
                                                                for f in suppressed)) if suppressed else None,
                affects=affects,
                properties=_props([("aispm:status", ",".join(sorted({str(f.status) for f in findings}))),
                                   ("aispm:possibly_affected", any(f.status is Status.UNKNOWN for f in findings))]),
            ))
        return out

    # ---- injection

    def _inject(self, doc: dict[str, Any]) -> None:
        for c in doc.get("components", []):
            ref = c.get("bom-ref")
            if ref in self.model_cards:
                c["modelCard"] = self.model_cards[ref]
            if ref in self.component_data:
                c["data"] = self.component_data[ref]
        for s in doc.get("services", []):
            ref = s.get("bom-ref")
            if ref in self.service_flows:
                s["data"] = self.service_flows[ref]


__all__ = ["render", "to_dict", "SPEC_VERSIONS", "DEPENDENCY_VERBS"]
