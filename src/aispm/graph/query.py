"""A small query language over the security graph, for `aispm query`.

    query      := selection [ "reachable-from" selection ]
    selection  := SET [ "where" condition { "and" condition } ]
    condition  := [ "not" ] INSIGHT

Examples:

    ai-endpoints reachable-from internet
    grounding-data where public
    images where vulnerable and holds-key
    ai-services where exposed and key-auth
    data where sensitive and not private-endpoint reachable-from secrets

`SET` is one of `SETS` (`ai-endpoints`, `grounding-data`, `secrets`, `internet`, …),
or `kind:<kind>` / `type:<type>` for any asset kind or type. `INSIGHT` is an insight
name (`exposed_to_internet`, dashes or underscores) or an alias from `ALIASES`
(`public`, `vulnerable`, `holds-key`, …); `private-endpoint` tests the fact of that
name. `reachable-from S` keeps the nodes an attacker can reach from S along the
attack-path traversal (the same edges and conditions as `aispm paths`), S included.
`internet` is the set of all entry points. Words are case-insensitive.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from aispm.graph import insights as ins
from aispm.graph.build import TRUE, SecurityGraph


class QueryError(ValueError):
    pass


#: Named node sets: (kinds, types (lower-cased), insight required).
SETS: dict[str, tuple[frozenset[str], frozenset[str], str | None]] = {
    "all": (frozenset(), frozenset(), None),
    "ai-endpoints": (frozenset({"ai-service", "model-deployment", "project"}), frozenset(), None),
    "ai-services": (frozenset({"ai-service"}), frozenset(), None),
    "deployments": (frozenset({"model-deployment"}), frozenset(), None),
    "models": (frozenset({"model", "model-deployment"}), frozenset(), None),
    "projects": (frozenset({"project"}), frozenset(), None),
    "agents": (frozenset({"agent"}), frozenset(), None),
    "mcp-servers": (frozenset({"mcp-server"}), frozenset(), None),
    "tools": (frozenset({"tool"}), frozenset(), None),
    "ai-clients": (frozenset({"ai-client"}), frozenset(), None),
    "data": (frozenset({"data-store", "data-source"}), frozenset(), None),
    "grounding-data": (frozenset(), frozenset(), "used_for_ai_grounding"),
    "search": (frozenset(), frozenset({"$sensitive"}), None),  # every provider's sensitive types
    "compute": (frozenset({"compute"}), frozenset(), None),
    "workloads": (frozenset({"compute", "agent", "mcp-server"}), frozenset(), None),
    "images": (frozenset({"image", "container-image"}),
               frozenset({"container-image", "image", "microsoft.containerregistry/registries/images"}), None),
    "identities": (frozenset({"identity"}), frozenset(), None),
    "secrets": (frozenset({"secret"}), frozenset(), None),
    "keys": (frozenset({"key", "secret"}), frozenset(), None),
    "libraries": (frozenset({"library"}), frozenset(), None),
    "external": (frozenset({"external"}), frozenset(), None),
}
SPECIAL_SETS = ("internet", "entries", "targets")

#: Condition aliases → any of these insights.
ALIASES: dict[str, tuple[str, ...]] = {
    "public": ("allows_public_access", "exposed_to_internet"),
    "exposed": ("exposed_to_internet",),
    "internet-exposed": ("exposed_to_internet",),
    "wide": ("exposure_width:wide",),
    "narrow": ("exposure_width:narrow",),
    "vulnerable": ("has_high_severity_vulnerabilities", "vulnerable_to_rce"),
    "rce": ("vulnerable_to_rce",),
    "holds-key": ("holds_credentials",),
    "holds-keys": ("holds_credentials",),
    "holds-credentials": ("holds_credentials",),
    "sensitive": ("contains_sensitive_data",),
    "grounding": ("used_for_ai_grounding",),
    "ai": ("used_for_ai",),
    "key-auth": ("allows_key_auth",),
    "privileged": ("privileged",),
}
FACT_CONDITIONS = {"private-endpoint": "private_endpoint"}


@dataclass
class Selection:
    set_name: str
    conditions: list[tuple[bool, str]]  # (negated, condition word)


@dataclass
class Query:
    select: Selection
    reachable_from: Selection | None = None


def parse(text: str) -> Query:
    words = text.lower().split()
    if not words:
        raise QueryError("empty query; try: ai-endpoints reachable-from internet")
    if "reachable-from" in words:
        i = words.index("reachable-from")
        return Query(_selection(words[:i]), _selection(words[i + 1:]))
    return Query(_selection(words))


def _selection(words: list[str]) -> Selection:
    if not words:
        raise QueryError("a set name is missing (one of: " + ", ".join([*SETS, *SPECIAL_SETS]) + ")")
    name = words[0]
    if name not in SETS and name not in SPECIAL_SETS and not name.startswith(("kind:", "type:")):
        raise QueryError(f"unknown set {name!r}; use one of: " + ", ".join([*SETS, *SPECIAL_SETS]) +
                         ", kind:<kind>, type:<type>")
    conds: list[tuple[bool, str]] = []
    rest = words[1:]
    if rest:
        if rest[0] != "where":
            raise QueryError(f"expected 'where' or 'reachable-from' after {name!r}, got {rest[0]!r}")
        rest = rest[1:]
        if not rest:
            raise QueryError("'where' needs a condition")
        expect_cond = True
        neg = False
        for w in rest:
            if expect_cond:
                if w == "not" and not neg:
                    neg = True
                    continue
                _check_condition(w)
                conds.append((neg, w))
                neg = False
                expect_cond = False
            else:
                if w != "and":
                    raise QueryError(f"expected 'and' between conditions, got {w!r}")
                expect_cond = True
        if expect_cond:
            raise QueryError("a condition is missing after 'and' or 'not'")
    return Selection(name, conds)


def _check_condition(word: str) -> None:
    if word in ALIASES or word in FACT_CONDITIONS or word.replace("-", "_") in ins.BIT:
        return
    known = sorted([*ALIASES, *FACT_CONDITIONS, *(n.replace("_", "-") for n in ins.BIT)])
    raise QueryError(f"unknown condition {word!r}; use one of: " + ", ".join(known))


def _set_mask(g: SecurityGraph, name: str, search) -> np.ndarray:
    n = g.n
    if name in ("internet", "entries"):
        mask = np.zeros(n, dtype=bool)
        mask[search.entries] = True
        return mask
    if name == "targets":
        return search.is_target.copy()
    if name.startswith("kind:"):
        want = name[5:]
        return np.isin(g.kind, [i for i, k in enumerate(g.kinds) if k.lower() == want])
    if name.startswith("type:"):
        want = name[5:]
        return np.isin(g.type, [i for i, t in enumerate(g.types) if t.lower() == want])
    kinds, types, insight = SETS[name]
    if "$sensitive" in types:
        types = ins.sensitive_types()
    if not kinds and not types:
        mask = np.ones(n, dtype=bool)
    else:
        mask = np.isin(g.kind, [i for i, k in enumerate(g.kinds) if k in kinds]) | \
            np.isin(g.type, [i for i, t in enumerate(g.types) if t.lower() in types])
    if insight:
        mask &= (g.insights & np.uint32(ins.BIT[insight])) != 0
    return mask


def _cond_mask(g: SecurityGraph, word: str) -> np.ndarray:
    if word in FACT_CONDITIONS:
        return g.fact_column(FACT_CONDITIONS[word]) == TRUE
    names = ALIASES.get(word) or (word.replace("-", "_"),)
    bits = np.uint32(sum(ins.BIT[nm] for nm in names))
    return (g.insights & bits) != 0


def _select(g: SecurityGraph, sel: Selection, search) -> np.ndarray:
    mask = _set_mask(g, sel.set_name, search)
    for neg, word in sel.conditions:
        c = _cond_mask(g, word)
        mask &= ~c if neg else c
    return mask


def reachable(search, start: np.ndarray) -> np.ndarray:
    """Nodes reachable from the `start` mask along walkable traversal edges (numpy BFS)."""
    ok = np.isfinite(search.t_w)
    src, dst = search.t_src[ok], search.t_dst[ok]
    seen = start.copy()
    frontier = start.copy()
    while frontier.any():
        nxt = np.zeros_like(seen)
        nxt[dst[frontier[src]]] = True
        nxt &= ~seen
        seen |= nxt
        frontier = nxt
    return seen


def run(g: SecurityGraph, text: str) -> list[str]:
    """The uids matching a query, sorted."""
    from aispm.graph.paths import PathSearch

    q = parse(text)
    search = PathSearch(g, k=1)
    mask = _select(g, q.select, search)
    if q.reachable_from is not None:
        mask &= reachable(search, _select(g, q.reachable_from, search))
    return sorted(g.uids[i] for i in np.flatnonzero(mask).tolist())
