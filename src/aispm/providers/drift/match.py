"""Code to cloud: an IaC resource and the live resource it became are one node; where they differ, drift.

When one scan reads both infrastructure-as-code and a live estate (or its snapshot), each live
resource is matched with the declaration it came from, within the same provider and type:

1. the same cloud id (ARM id, ARN, full resource name; case-insensitive), when the IaC knows it;
2. the same trace tag (`yor_trace`, or azd's `azd-env-name` + `azd-service-name`);
3. the same name (the live name, or its last path segment for GCP full names, or a `displayName`)
   and, when both know it, the same location.

A match must be unique on both sides: two declarations that could be one live resource (a module
instantiated twice with the same literal name) match neither — a wrong merge would hide a finding.

A matched pair gets one `merge_key`, so the security graph makes them one node with both origins,
and facts on the live resource: `iac_declared` (True) and `iac_drift` — every fact both sides
decided that differs, as `fact: IaC <value>, live <value>` (an empty list when they agree; a fact
either side left unknown is never drift). A live AI resource (the provider's `ai_types`) that no
declaration matches gets `iac_declared = False`: shadow AI, when the scan read IaC of that
provider at all (otherwise it says nothing: `None`, since the scan did not look for declarations).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from aispm import registry
from aispm.model import Asset, ScanResult, Unknown

LIVE = "live"
#: Facts that describe the match itself, or how a value was read, never configuration to compare.
_NOT_COMPARED = frozenset({"iac_declared", "iac_drift"})


def is_live(a: Asset) -> bool:
    return a.origin.format == LIVE


def _text(v: Any) -> str | None:
    return v.strip().lower() if isinstance(v, str) and v.strip() else None


def _name_keys(a: Asset) -> set[str]:
    """The names an asset may go by: its name, the last segment of a full name, a display name."""
    out = set()
    for v in (a.name, a.properties.get("name") if isinstance(a.properties, dict) else None,
              a.properties.get("displayName") if isinstance(a.properties, dict) else None):
        t = _text(v)
        if t:
            out.add(t)
            if "/" in t:
                out.add(t.rstrip("/").rsplit("/", 1)[-1])
    return out


def _location(a: Asset) -> str | None:
    props = a.properties if isinstance(a.properties, dict) else {}
    loc = _text(props.get("location") or props.get("region"))
    return loc.replace(" ", "") if loc else None


def _tags(a: Asset) -> dict[str, str]:
    props = a.properties if isinstance(a.properties, dict) else {}
    tags = props.get("tags") or props.get("Tags") or props.get("labels")
    if isinstance(tags, dict):
        return {str(k).lower(): v for k, v in tags.items() if isinstance(v, str)}
    if isinstance(tags, list):  # CloudFormation: [{"Key": ..., "Value": ...}]
        return {str(t.get("Key")).lower(): t.get("Value") for t in tags
                if isinstance(t, dict) and isinstance(t.get("Value"), str)}
    return {}


def _trace_keys(a: Asset) -> set[str]:
    tags = _tags(a)
    out = set()
    if tags.get("yor_trace"):
        out.add("yor:" + tags["yor_trace"].lower())
    if tags.get("azd-env-name") and tags.get("azd-service-name"):
        out.add(f"azd:{tags['azd-env-name'].lower()}/{tags['azd-service-name'].lower()}")
    return out


def _unique_pairs(live: list[Asset], iac: list[Asset], keys) -> list[tuple[Asset, Asset]]:
    """Pairs whose key set meets exactly one asset on each side."""
    by_key: dict[str, list[Asset]] = defaultdict(list)
    for a in iac:
        for k in keys(a):
            by_key[k].append(a)
    pairs = []
    claimed: dict[int, int] = defaultdict(int)
    candidates = []
    for lv in live:
        hits = {id(a): a for k in keys(lv) for a in by_key.get(k, ())}
        if len(hits) == 1:
            (only,) = hits.values()
            candidates.append((lv, only))
            claimed[id(only)] += 1
    for lv, a in candidates:
        if claimed[id(a)] == 1:
            pairs.append((lv, a))
    return pairs


def match(live: list[Asset], iac: list[Asset]) -> list[tuple[Asset, Asset]]:
    """(live, IaC) pairs of one provider and type, by cloud id, then trace tag, then name (+ location)."""
    pairs: list[tuple[Asset, Asset]] = []
    rest_live, rest_iac = list(live), list(iac)
    steps = (
        lambda a: {"id:" + a.cloud_id.lower().rstrip("/")} if a.cloud_id else set(),
        _trace_keys,
        lambda a: {f"{n}@{_location(a)}" for n in _name_keys(a)} if _location(a) else set(),
        _name_keys,
    )
    for keys in steps:
        found = _unique_pairs(rest_live, rest_iac, keys)
        if not found:
            continue
        pairs.extend(found)
        done_live = {id(lv) for lv, _ in found}
        done_iac = {id(a) for _, a in found}
        rest_live = [a for a in rest_live if id(a) not in done_live]
        rest_iac = [a for a in rest_iac if id(a) not in done_iac]
    return pairs


def _shown(v: Any) -> str:
    if isinstance(v, bool):
        return str(v).lower()
    if isinstance(v, (list, tuple, set, frozenset)):
        return "[" + ", ".join(sorted(_shown(x) for x in v)) + "]"
    return str(v)[:80]


def drift(iac: Asset, live: Asset) -> list[str]:
    """Each fact both decided, with a different value: `fact: IaC <value>, live <value>`."""
    out = []
    for name in sorted(set(iac.facts) & set(live.facts) - _NOT_COMPARED):
        a, b = iac.facts[name], live.facts[name]
        if a is None or b is None or isinstance(a, Unknown) or isinstance(b, Unknown):
            continue
        if a != b:
            out.append(f"{name}: IaC {_shown(a)}, live {_shown(b)}")
    return out


def link(result: ScanResult) -> None:
    """The code-to-cloud stage (a linker that runs after every provider's): match, merge, drift,
    shadow AI. Does nothing unless the scan has live resources."""
    live_assets = [a for a in result.assets if is_live(a) and not a.existing]
    if not live_assets:
        return
    groups: dict[tuple[str, str], tuple[list[Asset], list[Asset]]] = defaultdict(lambda: ([], []))
    iac_providers: set[str] = set()
    # clouds are the providers with a live collector: their other assets are declarations (IaC), never
    # code-side assets such as libraries or clients
    clouds = {p.name for p in registry.providers() if p.collector is not None}
    for a in result.assets:
        if a.existing or a.origin.format in ("", None):
            continue
        key = (a.provider, a.type.lower())
        if is_live(a):
            groups[key][0].append(a)
        elif a.provider in clouds:
            groups[key][1].append(a)
            iac_providers.add(a.provider)
    ai_types = {p.name: {t.lower() for t in p.ai_types} for p in registry.providers()}
    for (provider, type_), (live, iac) in groups.items():
        matched: set[int] = set()
        for lv, decl in match(live, iac) if live and iac else ():
            matched.add(id(lv))
            key = "code-to-cloud:" + lv.uid
            lv.properties["merge_key"] = key
            decl.properties["merge_key"] = key
            where = f"{decl.origin.file}:{decl.origin.line}"
            lv.set_fact("iac_declared", True, "(code to cloud)", note=f"declared at {where} ({decl.origin.address})")
            lv.set_fact("iac_drift", drift(decl, lv), "(code to cloud)",
                        note=f"live compared with {decl.origin.address} at {where}")
            decl.set_fact("deployed", True, "(code to cloud)", note=f"deployed as {lv.origin.address}")
        for lv in live:
            if id(lv) in matched or type_ not in ai_types.get(provider, ()):
                continue
            if provider in iac_providers:
                lv.set_fact("iac_declared", False, "(code to cloud)",
                            note="no scanned infrastructure-as-code declares this AI resource")

