"""Node insights in Defender's cloud-security-graph vocabulary.

| insight | set when |
|---|---|
| `exposed_to_internet` (+ `exposure_width:wide` / `exposure_width:narrow`) | fact `internet_exposed`, `public_network_access`, `allows_all_ips` or `public_access` is true; width from the `exposure_width` fact (`allows_all_ips` or no width stated: wide) |
| `has_high_severity_vulnerabilities` | a failing vulnerability finding of severity high or critical, on the node or on what it `contains` / `runs` / is `built_from` (two hops: workload → image → library) |
| `vulnerable_to_rce` | same, for advisories whose text or CWE says remote code execution (`RCE_CWES`, `RCE_WORDS`) |
| `holds_credentials` | a secret, a fact `hardcoded_secret` true, or the source of a `holds_key_for` edge |
| `contains_sensitive_data` | grounding or training data (`used_for_ai_grounding`, the target of `grounded_on`, or data an AI service `reads` / `writes`), search indexes, vector stores (`SENSITIVE_TYPES`, `SENSITIVE_KINDS`), and what such a store `contains` |
| `used_for_ai` | AI kinds (`AI_KINDS`), data AI services read or write, and workloads that call, hold keys for or have roles on AI services (or on a scope that `contains` one) |
| `used_for_ai_grounding` | fact `used_for_ai_grounding` true, the target of `grounded_on`, and what such a store `contains` |
| `privileged` | a principal with a privileged role (`privileged` property of `has_role_on`, or a provider's `privileged_roles`) |
| `allows_key_auth` | fact `local_auth_enabled` true |
| `allows_public_access` | fact `public_access` or `allow_blob_public_access` true |

Insights are claims, so they are set on confirmed facts only: an unknown fact never
sets an insight (paths.py reports it as an unknown instead).
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from aispm import registry
from aispm.graph.build import TRUE, SecurityGraph
from aispm.model import Pillar, Severity, Status

INSIGHTS: tuple[str, ...] = (
    "exposed_to_internet",
    "exposure_width:wide",
    "exposure_width:narrow",
    "has_high_severity_vulnerabilities",
    "vulnerable_to_rce",
    "holds_credentials",
    "contains_sensitive_data",
    "used_for_ai",
    "used_for_ai_grounding",
    "privileged",
    "allows_key_auth",
    "allows_public_access",
)
BIT = {name: 1 << i for i, name in enumerate(INSIGHTS)}

#: Kinds that are AI workloads themselves.
AI_KINDS = frozenset({"ai-service", "model-deployment", "model", "project", "agent", "ai-client", "mcp-server", "tool"})
#: Kinds and types that hold data worth protecting when AI uses them.
DATA_KINDS = frozenset({"data-store", "data-source"})
SENSITIVE_KINDS = frozenset({"data-source"})  # vector stores and indexes named in code
SENSITIVE_TYPES = frozenset({"search-index", "vector-store"})  # and each provider's: `sensitive_types()`
SECRET_KINDS = frozenset({"secret"})
#: (verb, direction) along which vulnerabilities spread to the workload: `a verb b` with b vulnerable → a.
VULN_SPREAD_VERBS = ("contains", "runs", "built_from")
#: Verbs by which an AI node uses data (AI → data).
AI_DATA_VERBS = ("reads", "writes", "grounded_on")
#: Verbs by which a workload uses an AI node (workload → AI).
AI_USE_VERBS = ("calls", "holds_key_for", "has_role_on")

RCE_CWES = frozenset({"CWE-94", "CWE-78", "CWE-77", "CWE-502", "CWE-917", "CWE-95", "CWE-1336"})
RCE_WORDS = re.compile(
    r"remote code execution|arbitrary code|code execution|code injection|command injection|\bRCE\b|"
    r"unsafe deseriali[sz]ation|execute arbitrary",
    re.IGNORECASE,
)
_CWE = re.compile(r"CWE-\d+", re.IGNORECASE)

# Roles and sensitive types: each provider names its own (`aispm.registry.Provider`), read at
# use so that a provider registered after import counts too.


def sensitive_types() -> frozenset[str]:
    """Types (lower case) that hold sensitive data: the graph's own and every provider's."""
    return SENSITIVE_TYPES | registry.union("sensitive_types")


def role_class(props: dict[str, Any]) -> tuple[str, str | None]:
    """(`data` | `none` | `unknown`, role name) for a `has_role_on` edge. An edge that says
    itself whether it grants data access (`data_access`: True / False / None, as providers with
    policy documents rather than named roles state it) is taken at its word."""
    role = props.get("role")
    if "data_access" in props:
        da = props["data_access"]
        return ("data" if da is True or props.get("privileged") is True else "none" if da is False else "unknown",
                role if isinstance(role, str) else None)
    if not isinstance(role, str) or not role:
        return "unknown", None
    low = role.lower()
    if low in registry.union("data_roles") or props.get("privileged") is True:
        return "data", role
    if low in registry.union("non_data_roles"):
        return "none", role
    return "unknown", role


def is_privileged(props: dict[str, Any]) -> bool:
    if props.get("privileged") is True:
        return True
    role = props.get("role")
    return isinstance(role, str) and role.lower() in registry.union("privileged_roles")


def _verb_mask(g: SecurityGraph, verbs) -> np.ndarray:
    codes = [i for i, v in enumerate(g.verbs) if v in verbs]
    if not codes:
        return np.zeros(g.m, dtype=bool)
    return np.isin(g.verb, np.asarray(codes, dtype=g.verb.dtype))


def _kind_mask(g: SecurityGraph, kinds) -> np.ndarray:
    codes = [i for i, k in enumerate(g.kinds) if k in kinds]
    if not codes:
        return np.zeros(g.n, dtype=bool)
    return np.isin(g.kind, np.asarray(codes, dtype=g.kind.dtype))


def _type_mask(g: SecurityGraph, types) -> np.ndarray:
    codes = [i for i, t in enumerate(g.types) if t.lower() in types]
    if not codes:
        return np.zeros(g.n, dtype=bool)
    return np.isin(g.type, np.asarray(codes, dtype=g.type.dtype))


def vulnerability_bits(g: SecurityGraph) -> tuple[np.ndarray, np.ndarray, dict[int, list[Any]]]:
    """(high-severity mask, RCE mask, node → failing vulnerability findings) on the nodes
    the findings are about (before spreading)."""
    high = np.zeros(g.n, dtype=bool)
    rce = np.zeros(g.n, dtype=bool)
    by_node: dict[int, list[Any]] = {}
    for f in g.result.findings:
        if f.pillar is not Pillar.VULNERABILITY or f.status is not Status.FAIL:
            continue
        nd = g.index.get(f.asset_uid)
        if nd is None:
            continue
        by_node.setdefault(nd, []).append(f)
        adv = f.advisory or {}
        sev = f.severity
        if sev >= Severity.HIGH or _adv_high(adv):
            high[nd] = True
        if _is_rce(f.title, adv):
            rce[nd] = True
    return high, rce, by_node


def _adv_high(adv: dict[str, Any]) -> bool:
    s = adv.get("severity")
    if isinstance(s, dict):
        s = s.get("level") or s.get("severity")
    return isinstance(s, str) and s.lower() in ("high", "critical")


def _is_rce(title: str, adv: dict[str, Any]) -> bool:
    text = " ".join(str(adv.get(k) or "") for k in ("summary", "details", "description"))
    if RCE_WORDS.search(title or "") or RCE_WORDS.search(text):
        return True
    for k in ("cwes", "cwe_ids", "cwe", "aliases", "database_specific"):
        v = adv.get(k)
        if v and any(c.upper() in RCE_CWES for c in _CWE.findall(str(v))):
            return True
    return False


def mark(g: SecurityGraph) -> np.ndarray:
    """Compute the insight bits of every node, store them in `g.insights`, and add the
    insight names to each asset's `insights`. Returns the bit array."""
    n = g.n
    bits = np.zeros(n, dtype=np.uint32)
    F = lambda name: g.fact_column(name) == TRUE  # noqa: E731
    src, dst = g.src, g.dst

    exposed = F("internet_exposed") | F("public_network_access") | F("allows_all_ips") | F("public_access")
    bits[exposed] |= BIT["exposed_to_internet"]
    narrow = exposed & (g.width == 1) & ~F("allows_all_ips")
    bits[exposed & ~narrow] |= BIT["exposure_width:wide"]
    bits[narrow] |= BIT["exposure_width:narrow"]

    high, rce, _ = vulnerability_bits(g)
    spread = _verb_mask(g, VULN_SPREAD_VERBS)
    s_src, s_dst = src[spread], dst[spread]
    for _ in range(2):  # workload → image → library
        high[s_src[high[s_dst]]] = True
        rce[s_src[rce[s_dst]]] = True
    bits[high] |= BIT["has_high_severity_vulnerabilities"]
    bits[rce] |= BIT["vulnerable_to_rce"]

    creds = _kind_mask(g, SECRET_KINDS) | F("hardcoded_secret")
    creds[src[_verb_mask(g, ("holds_key_for",))]] = True
    bits[creds] |= BIT["holds_credentials"]

    ai = _kind_mask(g, AI_KINDS)
    data = _kind_mask(g, DATA_KINDS)
    ai_data = _verb_mask(g, AI_DATA_VERBS) & ai[src]
    grounding = F("used_for_ai_grounding")
    grounding[dst[_verb_mask(g, ("grounded_on",))]] = True
    sensitive = grounding | _kind_mask(g, SENSITIVE_KINDS) | _type_mask(g, sensitive_types())
    sensitive[dst[ai_data]] = True
    contains = _verb_mask(g, ("contains",))
    c_src, c_dst = src[contains], dst[contains]
    grounding[c_dst[grounding[c_src] & data[c_dst]]] = True
    sensitive[c_dst[sensitive[c_src] & data[c_dst]]] = True
    bits[sensitive] |= BIT["contains_sensitive_data"]
    bits[grounding] |= BIT["used_for_ai_grounding"]

    used = ai.copy()
    used[dst[ai_data]] = True
    uses = _verb_mask(g, AI_USE_VERBS) & ai[dst]
    used[src[uses]] = True
    # a role on a scope (an account, an IAM resource scope) is a role on what the scope contains
    holds_ai = np.zeros(n, dtype=bool)
    holds_ai[c_src[ai[c_dst]]] = True
    used[src[_verb_mask(g, ("has_role_on",)) & holds_ai[dst]]] = True
    used |= grounding
    bits[used] |= BIT["used_for_ai"]

    role_edges = np.flatnonzero(_verb_mask(g, ("has_role_on",)))
    priv = np.zeros(n, dtype=bool)
    for e in role_edges.tolist():
        if is_privileged(g.edge_props(e)):
            priv[src[e]] = True
    bits[priv] |= BIT["privileged"]

    bits[F("local_auth_enabled")] |= BIT["allows_key_auth"]
    bits[F("public_access") | F("allow_blob_public_access")] |= BIT["allows_public_access"]

    g.insights = bits
    _write_back(g, bits)
    return bits


def _write_back(g: SecurityGraph, bits: np.ndarray) -> None:
    names_of: dict[int, tuple[str, ...]] = {}
    nz = np.flatnonzero(bits)
    values = bits[nz].tolist()
    assets = g.assets
    members = g.members
    for nd, b in zip(nz.tolist(), values):
        names = names_of.get(b)
        if names is None:
            names = names_of[b] = tuple(name for name, bit in BIT.items() if b & bit)
        if members and nd in members:
            for a in members[nd]:
                a.insights.update(names)
        else:
            a = assets[nd]
            if a is not None:
                a.insights.update(names)


def names(bits: int) -> list[str]:
    return [name for name, bit in BIT.items() if bits & bit]
