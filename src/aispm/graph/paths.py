"""Attack paths from entry points to AI targets: the rules and the search (`describe.py` turns
what it finds into attack paths with titles, scores, choke points and the cheapest fix).

**Entry points** (`ENTRY_RULES`): internet-exposed compute and AI endpoints (with
exposure width), internet-exposed data stores that accept shared keys, publicly
accessible storage, leaked secrets, unauthenticated remote agents and MCP servers,
and workloads with exploitable vulnerabilities. **Targets** (`TARGET_RULES`): model
deployments, AI accounts and projects, agents, search services and vector stores,
grounding / training data, services outside the scan whose keys leaked.

**Traversal** (`TRAVERSAL`): each relation verb is walked forward, backward (with
its own verb: `grounded_on` backwards is `grounds`, i.e. poisoning, walked only from
entries that can write the data, see `_poisoning`), or not at all,
with an integer weight, and possibly a condition that can block the edge or make
it *unknown*: a key (`holds_key_for`) is useless against an account with key
access disabled; a role assignment (`has_role_on`) leads on only for roles that
grant data access (each provider's `data_roles`), not `Reader`.

**Unknowns.** A fact that is `None` never completes a path silently: an entry whose
condition rests on an unknown fact, or an edge whose condition does, is walked
with a weight penalty and the path is `possible`, with the unknowns listed.

**Search.** One shortest-distance search from each entry when the estate is small (at
most `PER_ENTRY_MAX` entries and `entries × nodes ≤ PER_ENTRY_BUDGET`: every
entry–target pair gets its paths), else one multi-source search from all entries at
once (each target gets the paths from its nearest entries). Edge weights are small
multiples of 0.5 (`Traverse.weight`, `UNKNOWN_PENALTY`), so the search is Dial's
bucket-queue Dijkstra in integer half-units over a CSR index of the walkable edges,
one numpy step per distance level (`_distances`): exact, and about ten times faster
than a general Dijkstra that calls back into Python for every edge's weight (the
rustworkx one this replaced: 5.1 s against 0.5 s on the 1M-node benchmark graph,
with its graph build, 4 s, gone too).
The shortest-path tree is rebuilt from the distances with numpy (an edge is *tight*
when `d[u] + w = d[v]`). Next-shortest paths use one *sidetrack* (Eppstein): the
second-shortest walk to `t` is the best non-tree edge `(u, v)` into a node `v` of
the shortest path, costing `d[t] + d[u] + w(u, v) − d[v]`, followed by the tree
path to `u`; the best two sidetracks per node are precomputed with one lexsort, so
the k-th path (k ≤ 3) costs a few array lookups. Non-simple candidates are dropped.

**Score** (0–100): `100 × entry severity × target criticality × 0.85^hops ×
(1 + 0.1 × (risk factors − 1)) × (0.7 if possible)`, capped at 100. Entry severity
is the rule's base (`EntryRule.severity`) × 1.3 with high-severity vulnerabilities
(× 1.5 if RCE), × 1.25 for AI endpoints that accept keys, × 0.7 for narrow exposure.

**Remediation.** Every path has breakable elements (the entry's exposure, a key
edge, a role assignment, a grounding connection, the vulnerability); the one with
the highest `paths it breaks / cost` over all paths found is proposed, as a concrete
action. **Choke points**: nodes by the number of paths through them, entry and
target excluded.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from aispm.graph import insights as ins
from aispm.graph.build import ABSENT, FALSE, TRUE, UNKNOWN, SecurityGraph

INF = float("inf")
UNKNOWN_PENALTY = 2
PER_ENTRY_BUDGET = 20_000_000  # entries × nodes up to which every entry is searched on its own
PER_ENTRY_MAX = 64  # … and at most this many entries (all pairs grow as entries × targets)
DECAY = 0.85


# --------------------------------------------------------------------------- tables


@dataclass(frozen=True)
class EntryRule:
    name: str  # entry kind
    kinds: frozenset[str]
    severity: float
    risk: tuple[str, ...]
    remedy: str  # remediation action for the entry itself
    any_of: tuple[tuple[str, bool], ...] = ()  # at least one (fact == wanted)
    all_of: tuple[tuple[str, bool, bool], ...] = ()  # every (fact == wanted), absent ok?
    insight_any: tuple[str, ...] = ()
    parent_not_false: tuple[str, ...] = ()  # facts of the `contains` parent that must not be false
    phrase: str = ""


ENTRY_RULES: tuple[EntryRule, ...] = (
    EntryRule("leaked-credential", frozenset({"secret"}), 0.9, ("secrets",), "remove-secret",
              phrase="Plaintext"),
    EntryRule("public-storage", frozenset({"data-store"}), 0.9, ("public-access",), "disable-public-access",
              any_of=(("public_access", True),), parent_not_false=("allow_blob_public_access", "public_network_access"),
              phrase="Publicly accessible"),
    EntryRule("unauthenticated-agent", frozenset({"agent", "mcp-server"}), 0.8, ("no-authentication",),
              "require-auth", all_of=(("user_authentication", False, False), ("remote", True, True)),
              phrase="Unauthenticated"),
    EntryRule("internet-exposed-compute", frozenset({"compute"}), 0.7, ("internet-exposure",), "restrict-network",
              any_of=(("internet_exposed", True), ("public_network_access", True)), phrase="Internet-exposed"),
    EntryRule("internet-exposed-ai-endpoint", frozenset({"ai-service", "model-deployment", "project"}), 0.6,
              ("internet-exposure",), "private-endpoint",
              any_of=(("internet_exposed", True), ("public_network_access", True)), phrase="Internet-exposed"),
    EntryRule("internet-exposed-data", frozenset({"data-store"}), 0.5, ("internet-exposure", "key-authentication"),
              "private-endpoint", any_of=(("internet_exposed", True), ("public_network_access", True)),
              all_of=(("local_auth_enabled", True, False),), phrase="Internet-exposed"),
    # a model file whose pickle imports what runs commands (`os.system`): whoever can replace or
    # publish it runs code wherever it is loaded (`loaded_by`)
    EntryRule("unsafe-model", frozenset({"model"}), 0.8, ("unsafe-model",), "replace-model",
              any_of=(("unsafe_imports", True),), phrase="Unsafe"),
    EntryRule("vulnerable-workload", frozenset({"compute", "agent", "mcp-server"}), 0.35, ("vulnerabilities",),
              "patch", insight_any=("vulnerable_to_rce", "has_high_severity_vulnerabilities"), phrase="Vulnerable"),
)
ENTRY_BY_NAME = {r.name: r for r in ENTRY_RULES}
#: Entries that let the attacker write the data (when the node accepts keys): start of poisoning paths.
WRITABLE_ENTRIES = frozenset({"internet-exposed-data", "internet-exposed-ai-endpoint"})


@dataclass(frozen=True)
class TargetRule:
    name: str
    criticality: float
    kinds: frozenset[str] = frozenset()
    types: frozenset[str] = frozenset()  # lower-cased
    insight_any: tuple[str, ...] = ()
    sensitive: bool = False  # also every type that holds sensitive data (`insights.sensitive_types()`)


#: The first rule a node matches names its target kind. Grounding and training data come before
#: `search`: a data store of a type that holds sensitive data (an S3 bucket, a Vertex AI dataset)
#: is data, while `search` is for search services and vector stores of such types.
TARGET_RULES: tuple[TargetRule, ...] = (
    TargetRule("grounding-data", 1.0, kinds=frozenset({"data-store"}),
               insight_any=("used_for_ai_grounding", "contains_sensitive_data")),
    TargetRule("search", 0.9, sensitive=True),
    TargetRule("model-deployment", 0.8, kinds=frozenset({"model-deployment"})),
    TargetRule("ai-project", 0.9, kinds=frozenset({"project"})),
    TargetRule("ai-account", 1.0, kinds=frozenset({"ai-service"})),
    TargetRule("agent", 0.8, kinds=frozenset({"agent"})),
    TargetRule("vector-store", 0.8, kinds=frozenset({"data-source"})),
    # a service outside the scan: the graph's own `external` node, or the `external-service` asset
    # the code linker makes when it resolves a name (a leaked OpenAI key `holds_key_for` it)
    TargetRule("external-service", 0.5, kinds=frozenset({"external"}), types=frozenset({"external-service"})),
)


@dataclass(frozen=True)
class Traverse:
    weight: float | None  # forward weight (multiples of 0.5: sums stay exact) (None: not walked forward)
    reverse: str | None = None  # verb of the backward walk
    reverse_weight: int = 3
    condition: str | None = None  # "key" | "role"
    risk: str | None = None
    remedy: str | None = None  # remediation action for this edge


TRAVERSAL: dict[str, Traverse] = {
    "exposes": Traverse(1),
    "routes_to": Traverse(1),
    "runs_as": Traverse(1),
    "has_role_on": Traverse(2, condition="role", risk="permissions", remedy="remove-role"),
    "holds_key_for": Traverse(1, condition="key", risk="secrets", remedy="disable-keys"),
    "grounded_on": Traverse(1.5, reverse="grounds", remedy="remove-grounding"),
    "reads": Traverse(2, reverse="feeds"),
    "writes": Traverse(2),
    "runs": Traverse(1),
    # an MCP server hosted by a resource of the scan: using its tools makes that resource act
    "served_by": Traverse(1),
    "built_from": Traverse(None, reverse="runs_in", reverse_weight=1),
    "deploys": Traverse(1),
    "uses_model": Traverse(1),
    # an endpoint serving a model: calling the endpoint runs the model (and its identity)
    "serves": Traverse(1),
    # a principal allowed to assume (impersonate) a role or service account acts as it
    "can_assume": Traverse(1),
    "contains": Traverse(1),
    # a model file loaded by a workload: what its pickle imports runs there, with the workload's identity
    "loaded_by": Traverse(1),
    # Calling an endpoint grants nothing by itself: access comes from the caller's key
    # (`holds_key_for`) or its identity's role (`has_role_on`), which are edges of their own.
    "calls": Traverse(None),
}

#: Cost of each remediation action (lower is cheaper).
REMEDY_COST = {
    "disable-keys": 1.0, "remove-secret": 1.0, "disable-public-access": 1.0, "remove-role": 1.0,
    "require-auth": 2.0, "replace-model": 1.0, "private-endpoint": 2.0, "restrict-network": 2.0, "patch": 2.0,
    "remove-grounding": 4.0,
}

#: How a person names assets of the code provider's types; each cloud provider names its own
#: (`Provider.label`), and anything else is named by its kind.
TYPE_LABELS = {
    "code-project": "code project",
    "secret": "secret", "ai-client": "AI client", "agent": "agent", "tool": "tool", "mcp-server": "MCP server",
    "data-source": "data source", "library": "library", "model": "model", "external-service": "service",
}


# --------------------------------------------------------------------------- results


@dataclass
class _Raw:
    nodes: tuple[int, ...]
    edges: tuple[int, ...]  # traversal edge ids (len = len(nodes) - 1)
    cost: float


def _walkable_csr(t_src: np.ndarray, t_dst: np.ndarray, t_w: np.ndarray,
                  n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The walkable (finite-weight) traversal edges grouped by source node: `indptr` (n + 1),
    targets and weights in integer half-units. Weights must be multiples of 0.5."""
    fin = np.flatnonzero(np.isfinite(t_w))
    src = t_src[fin]
    order = np.argsort(src, kind="stable")
    e = fin[order]
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(src, minlength=n), out=indptr[1:])
    half = t_w[e] * 2
    units = np.rint(half).astype(np.int64)
    if len(units) and (not np.array_equal(units, half) or units.min() <= 0):
        raise ValueError("traversal weights must be positive multiples of 0.5 (Traverse.weight, UNKNOWN_PENALTY)")
    return indptr, t_dst[e].astype(np.int64), units


def _distances(csr: tuple[np.ndarray, np.ndarray, np.ndarray], n: int, sources: Sequence[int]) -> np.ndarray:
    """Shortest distance from the nearest of `sources` to every node (inf where unreachable):
    Dial's algorithm, one vectorised step per distance level. A level's nodes are settled at
    once (weights are positive, so nothing reached later can be nearer), their out-edges relaxed
    together, and each improved target queued at its new level."""
    indptr, dst, units = csr
    never = np.iinfo(np.int64).max
    dist = np.full(n, never, dtype=np.int64)
    start = np.unique(np.asarray(sources, dtype=np.int64))
    dist[start] = 0
    settled = np.zeros(n, dtype=bool)
    queue: dict[int, list[np.ndarray]] = {0: [start]} if len(start) else {}
    while queue:
        level = min(queue)
        nodes = np.unique(np.concatenate(queue.pop(level)))
        nodes = nodes[(dist[nodes] == level) & ~settled[nodes]]  # drop entries a shorter path superseded
        if not len(nodes):
            continue
        settled[nodes] = True
        first, count = indptr[nodes], indptr[nodes + 1] - indptr[nodes]
        total = int(count.sum())
        if not total:
            continue
        # the out-edge ranges of all nodes of the level, concatenated
        eidx = np.arange(total, dtype=np.int64) + np.repeat(first - (np.cumsum(count) - count), count)
        tgt = dst[eidx]
        nd = units[eidx] + level
        better = nd < dist[tgt]
        if not better.any():
            continue
        tgt, nd = tgt[better], nd[better]
        np.minimum.at(dist, tgt, nd)
        keep = dist[tgt] == nd
        tgt, nd = tgt[keep], nd[keep]
        for lv in np.unique(nd).tolist():
            queue.setdefault(lv, []).append(tgt[nd == lv])
    out = dist.astype(np.float64) / 2
    out[dist == never] = np.inf
    return out


class PathSearch:
    """Entry/target classification, traversal weights and the path search over one graph."""

    def __init__(self, g: SecurityGraph, k: int = 3) -> None:
        self.g = g
        self.k = max(1, min(int(k), 3))
        if g.insights is None:
            ins.mark(g)
        self._traversal()
        self._entries()
        self._targets()

    # ------------------------------------------------------------------ traversal
    def _traversal(self) -> None:
        g = self.g
        m = g.n_relation_edges
        verb_t = [TRAVERSAL.get(v) for v in g.verbs]
        fw = np.full(len(verb_t), np.inf)
        for i, t in enumerate(verb_t):
            if t is not None and t.weight is not None:
                fw[i] = t.weight
        w = fw[g.verb[:m]]
        status = np.zeros(m, dtype=np.int8)  # 0 ok, 1 unknown, 2 blocked
        # key edges: blocked when the target refuses keys, unknown when that is unknown
        la = g.fact_column("local_auth_enabled")
        for i, t in enumerate(verb_t):
            if t is None or t.condition is None:
                continue
            sel = np.flatnonzero(g.verb[:m] == i)
            if t.condition == "key":
                d = la[g.dst[sel]]
                status[sel[d == FALSE]] = 2
                status[sel[d == UNKNOWN]] = 1
            elif t.condition == "role":
                for e in sel.tolist():
                    cls, _ = ins.role_class(g.edge_props(e))
                    status[e] = 2 if cls == "none" else 1 if cls == "unknown" else 0
        w = np.where(status == 2, np.inf, w + np.where(status == 1, UNKNOWN_PENALTY, 0))
        # reverse edges
        rev_verbs = {i: t for i, t in enumerate(verb_t) if t is not None and t.reverse}
        if rev_verbs:
            rev_sel = np.flatnonzero(np.isin(g.verb[:m], np.asarray(list(rev_verbs), dtype=g.verb.dtype)))
        else:
            rev_sel = np.zeros(0, dtype=np.int64)
        rw = np.asarray([rev_verbs[int(v)].reverse_weight for v in g.verb[rev_sel].tolist()], dtype=np.float64)
        self.rev_of = rev_sel  # traversal edge m + i is relation edge rev_sel[i] walked backwards
        self.t_src = np.concatenate([g.src[:m], g.dst[rev_sel]]).astype(np.int32)
        self.t_dst = np.concatenate([g.dst[:m], g.src[rev_sel]]).astype(np.int32)
        # backward (poisoning) edges are not walked by Dijkstra: writing to data does not give
        # its readers' access; `_poisoning` enumerates them from writable entries only
        self.t_w = np.concatenate([w, np.full(len(rev_sel), np.inf)])
        self.rev_w = rw
        self.t_status = np.concatenate([status, np.zeros(len(rev_sel), dtype=np.int8)])
        self.rev_verb_names = {i: t.reverse for i, t in rev_verbs.items()}
        self._csr = _walkable_csr(self.t_src, self.t_dst, self.t_w, g.n)
        # plain lists for the per-path Python code (numpy scalar access is slow)
        self._m = m
        self._verb_list = g.verb[:m].tolist()
        self._verb_names = g.verbs
        self._rev_names = [self.rev_verb_names[int(v)] for v in g.verb[rev_sel].tolist()]
        self.unknown_edges = set(np.flatnonzero(self.t_status == 1).tolist())

    def edge_verb(self, e: int) -> str:
        if e < self._m:
            return self._verb_names[self._verb_list[e]]
        return self._rev_names[e - self._m]

    def relation_edge(self, e: int) -> int:
        m = self.g.n_relation_edges
        return e if e < m else int(self.rev_of[e - m])

    # ------------------------------------------------------------------ entries
    def _entries(self) -> None:
        g = self.g
        n = g.n
        best_state = np.zeros(n, dtype=np.int8)  # 0 none, 1 possible, 2 confirmed
        best_rule = np.full(n, -1, dtype=np.int16)
        best_sev = np.zeros(n)
        bits = g.insights
        kinds = g.kinds
        for ri, rule in enumerate(ENTRY_RULES):
            kind_codes = [i for i, k in enumerate(kinds) if k in rule.kinds]
            if not kind_codes:
                continue
            state = np.where(np.isin(g.kind, kind_codes), 2, 0).astype(np.int8)
            if rule.any_of:
                anys = np.zeros(n, dtype=np.int8)
                for fact, wanted in rule.any_of:
                    col = g.fact_column(fact)
                    sat = col == (TRUE if wanted else FALSE)
                    anys = np.maximum(anys, np.where(sat, 2, np.where(col == UNKNOWN, 1, 0)).astype(np.int8))
                state = np.minimum(state, anys)
            for fact, wanted, absent_ok in rule.all_of:
                col = g.fact_column(fact)
                sat = (col == (TRUE if wanted else FALSE)) | ((col == ABSENT) if absent_ok else False)
                state = np.minimum(state, np.where(sat, 2, np.where(col == UNKNOWN, 1, 0)).astype(np.int8))
            if rule.insight_any:
                mask = np.uint32(sum(ins.BIT[i] for i in rule.insight_any))
                state = np.where((bits & mask) != 0, state, 0).astype(np.int8)
            if rule.parent_not_false:
                cont = np.flatnonzero(g.verb[: g.n_relation_edges] == g.verbs.index("contains")) \
                    if "contains" in g.verbs else np.zeros(0, dtype=np.int64)
                ps, pd = g.src[cont], g.dst[cont]
                veto = np.zeros(n, dtype=np.int8)  # 2: a parent fact says false, 1: one is unknown
                for fact in rule.parent_not_false:
                    col = g.fact_column(fact)
                    veto[pd[col[ps] == UNKNOWN]] = np.maximum(veto[pd[col[ps] == UNKNOWN]], 1)
                    veto[pd[col[ps] == FALSE]] = 2
                state = np.where(veto == 2, 0, np.where(veto == 1, np.minimum(state, 1), state)).astype(np.int8)
            sev = np.full(n, rule.severity)
            if "internet-exposure" in rule.risk:
                sev = np.where(g.width == 1, sev * 0.7, sev)
            if rule.name == "internet-exposed-compute":
                sev = np.where(bits & np.uint32(ins.BIT["has_high_severity_vulnerabilities"]), sev * 1.3, sev)
                sev = np.where(bits & np.uint32(ins.BIT["vulnerable_to_rce"]), sev * 1.5 / 1.3, sev)
            if rule.name == "internet-exposed-ai-endpoint":
                sev = np.where(g.fact_column("local_auth_enabled") == TRUE, sev * 1.25, sev)
            better = (state > best_state) | ((state == best_state) & (state > 0) & (sev > best_sev))
            best_state = np.where(better, state, best_state)
            best_rule = np.where(better, ri, best_rule).astype(np.int16)
            best_sev = np.where(better, np.minimum(sev, 1.0), best_sev)
        self.entry_state = best_state
        self.entry_rule = best_rule
        self.entry_sev = best_sev
        self.entries = np.flatnonzero(best_state > 0)

    # ------------------------------------------------------------------ targets
    def _targets(self) -> None:
        g = self.g
        n = g.n
        crit = np.zeros(n)
        rule_of = np.full(n, -1, dtype=np.int16)
        for ri, rule in enumerate(TARGET_RULES):
            mask = np.zeros(n, dtype=bool)
            if rule.kinds:
                mask |= np.isin(g.kind, [i for i, k in enumerate(g.kinds) if k in rule.kinds])
            types = rule.types | ins.sensitive_types() if rule.sensitive else rule.types
            if types:
                mask |= np.isin(g.type, [i for i, t in enumerate(g.types) if t.lower() in types])
            if rule.insight_any:
                b = np.uint32(sum(ins.BIT[i] for i in rule.insight_any))
                mask &= (g.insights & b) != 0
            mask &= rule_of < 0
            rule_of[mask] = ri
            crit[mask] = rule.criticality
        self.target_rule = rule_of
        self.target_crit = crit
        self.is_target = rule_of >= 0

    # ------------------------------------------------------------------ search
    def per_entry(self) -> bool:
        return len(self.entries) <= PER_ENTRY_MAX and len(self.entries) * max(self.g.n, 1) <= PER_ENTRY_BUDGET

    def search(self, max_paths: int | None = None) -> tuple[list[_Raw], "_Aggregate | None"]:
        """Raw paths; for large estates (one multi-source run) also the counts over the
        shortest path to every reachable target, of which only the best `max_paths`
        targets are turned into raw paths (with their next-shortest paths)."""
        entries = self.entries.tolist()
        if not entries:
            return [], None
        raws: list[_Raw] = []
        for e in entries:  # zero-hop paths: an entry that is itself a target
            if self.is_target[e]:
                raws.append(_Raw((e,), (), 0.0))
        if self.per_entry():
            for e in entries:
                tree = self._tree([e])
                targets = np.flatnonzero(self.is_target & np.isfinite(tree.dist) & (tree.dist > 0))
                raws.extend(self._paths_for(tree, targets.tolist()))
            raws.extend(self._poisoning())
            return raws, None
        tree = self._tree(entries)
        agg = self._aggregate(tree, max_paths)
        raws.extend(self._paths_for(tree, agg.top))
        raws.extend(self._poisoning())
        return raws, agg

    def _poisoning(self, depth: int = 3) -> list[_Raw]:
        """Poisoning: from an entry that lets the attacker write data (an internet-exposed
        store that accepts shared keys, an exposed AI endpoint that accepts admin keys),
        backwards along `grounded_on` / `reads` to the AI services that consume the data,
        up to `depth` hops, and nothing else (writing data gives no read access)."""
        g = self.g
        la = g.fact_column("local_auth_enabled")
        writable = [e for e in self.entries.tolist()
                    if ENTRY_RULES[int(self.entry_rule[e])].name in WRITABLE_ENTRIES and la[e] in (TRUE, UNKNOWN)]
        if not writable or not len(self.rev_of):
            return []
        m = g.n_relation_edges
        by_src: dict[int, list[int]] = {}
        for i, s_ in enumerate(self.t_src[m:].tolist()):
            by_src.setdefault(s_, []).append(m + i)
        out: list[_Raw] = []
        for e in writable:
            stack = [((e,), (), 0.0)]
            while stack:
                nodes, edges, cost = stack.pop()
                for te in by_src.get(nodes[-1], ()):
                    v = int(self.t_dst[te])
                    if v in nodes:
                        continue
                    path = (nodes + (v,), edges + (te,), cost + float(self.rev_w[te - m]))
                    if self.is_target[v]:
                        out.append(_Raw(*path))
                    if len(path[1]) < depth:
                        stack.append(path)
        return out

    def _tree(self, sources: list[int]) -> "_Tree":
        n = self.g.n
        dist = _distances(self._csr, n, sources)
        reached = np.isfinite(dist)
        if int(reached.sum()) < n // 4:  # restrict to edges out of reached nodes
            eidx = np.flatnonzero(reached[self.t_src] & np.isfinite(self.t_w))
        else:
            eidx = np.flatnonzero(np.isfinite(self.t_w))
        es, ed = self.t_src[eidx], self.t_dst[eidx]
        du = dist[es]
        fin = np.isfinite(du) & (dist[ed] > 0)
        eidx, ed = eidx[fin], ed[fin]
        cand = du[fin] + self.t_w[eidx]
        tight = cand == dist[ed]
        t_e, t_d = eidx[tight], ed[tight]
        pred = np.full(n, -1, dtype=np.int64)
        if len(t_e):
            uniq, first = np.unique(t_d, return_index=True)
            pred[uniq] = t_e[first]
        alt1 = alt2 = None
        if self.k > 1:
            nt = eidx != pred[ed]  # every edge into a reached node but its tree edge
            a_e, a_d = eidx[nt], ed[nt]
            a_slack = cand[nt] - dist[a_d]
            if len(a_e):
                order = np.lexsort((a_e, a_slack, a_d))
                a_e, a_d, a_slack = a_e[order], a_d[order], a_slack[order]
                first = np.r_[True, a_d[1:] != a_d[:-1]]
                second = np.r_[False, (~first[1:]) & first[:-1]]
                alt1 = (a_d[first], a_e[first], a_slack[first])
                alt2 = (a_d[second], a_e[second], a_slack[second])
        return _Tree(dist, pred, alt1, alt2)

    def _paths_for(self, tree: "_Tree", targets: list[int]) -> list[_Raw]:
        if not targets:
            return []
        dist, pred, tsrc = tree.dist, tree.pred, self.t_src
        alts: list[dict[int, tuple[int, float]]] = []
        for alt in (tree.alt1, tree.alt2):
            if alt is not None and len(alt[0]):
                alts.append(dict(zip(alt[0].tolist(), zip(alt[1].tolist(), alt[2].tolist()))))

        def walk(v: int) -> tuple[list[int], list[int]] | None:
            nodes = [v]
            edges: list[int] = []
            while dist[v] > 0:
                e = int(pred[v])
                if e < 0 or len(edges) > 64:
                    return None
                edges.append(e)
                v = int(tsrc[e])
                nodes.append(v)
            nodes.reverse()
            edges.reverse()
            return nodes, edges

        out: list[_Raw] = []
        for t in targets:
            p = walk(t)
            if p is None:
                continue
            nodes, edges = p
            dt = float(dist[t])
            out.append(_Raw(tuple(nodes), tuple(edges), dt))
            if not alts or self.k < 2:
                continue
            cands = []
            for i in range(1, len(nodes)):
                v = nodes[i]
                for table in alts:
                    hit = table.get(v)
                    if hit is not None:
                        cands.append((dt + hit[1], i, hit[0]))
            cands.sort()
            found = 1
            have = {tuple(nodes)}
            for cost, i, e in cands:
                if found >= self.k:
                    break
                pu = walk(int(tsrc[e]))
                if pu is None:
                    continue
                un, ue = pu
                suffix = nodes[i:]
                alt_nodes = tuple(un + suffix)
                if set(un) & set(suffix) or alt_nodes in have:
                    continue
                have.add(alt_nodes)
                out.append(_Raw(alt_nodes, tuple(ue + [e] + edges[i:]), cost))
                found += 1
        return out

    def _aggregate(self, tree: "_Tree", max_paths: int | None) -> "_Aggregate":
        """Counts over the shortest path to every reachable target, vectorised over the
        shortest-path tree: hops, root entry and unknown steps by walking up the tree
        level by level, and paths-through counts by summing subtrees from the deepest level."""
        g, n = self.g, self.g.n
        dist, pred = tree.dist, tree.pred
        has = pred >= 0
        par = np.full(n, -1, dtype=np.int64)
        par[has] = self.t_src[pred[has]]
        own_unk = np.zeros(n, dtype=np.int32)
        own_unk[has] = self.t_status[pred[has]] == 1
        hops = np.zeros(n, dtype=np.int32)
        root = np.arange(n, dtype=np.int64)
        unk = own_unk.copy()
        cur = par.copy()
        while True:
            valid = np.flatnonzero(cur >= 0)
            if not len(valid):
                break
            hops[valid] += 1
            c = cur[valid]
            root[valid] = c
            unk[valid] += own_unk[c]
            cur[valid] = par[c]
        reached = self.is_target & np.isfinite(dist) & (dist > 0)
        possible = (unk > 0) | (self.entry_state[root] == 1)
        approx = 100.0 * self.entry_sev[root] * self.target_crit * np.power(DECAY, hops) * np.where(possible, 0.7, 1.0)
        tidx = np.flatnonzero(reached)
        if max_paths is not None and len(tidx) > max_paths:
            part = np.argpartition(-approx[tidx], max_paths - 1)[:max_paths]
            tidx = tidx[part]
        top = tidx[np.argsort(-approx[tidx], kind="stable")].tolist()
        # paths through each node: subtree sums of reached targets, deepest level first
        cnt = reached.astype(np.int64)
        live = np.flatnonzero(has & np.isfinite(dist))
        order = live[np.argsort(-hops[live], kind="stable")]
        lv = hops[order]
        bounds = np.flatnonzero(np.r_[True, lv[1:] != lv[:-1], True])
        for a, b in zip(bounds[:-1], bounds[1:]):
            nodes = order[a:b]
            cnt += np.bincount(par[nodes], weights=cnt[nodes], minlength=n).astype(np.int64)
        through = cnt - reached
        through[hops == 0] = 0  # entries are not choke points
        counts: Counter = Counter()
        for e in self.entries.tolist():
            c = int(cnt[e])
            if c:
                rule = ENTRY_RULES[int(self.entry_rule[e])]
                counts[(rule.remedy, e)] += c
                if rule.name == "internet-exposed-compute" and int(g.insights[e]) & ins.BIT["has_high_severity_vulnerabilities"]:
                    counts[("patch", e)] += c
        tree_nodes = np.flatnonzero(has & (cnt > 0))
        tree_edges = pred[tree_nodes]
        m = g.n_relation_edges
        verbs = np.where(tree_edges < m, g.verb[np.minimum(tree_edges, m - 1)], -1)
        for vi, verb in enumerate(g.verbs):
            t = TRAVERSAL.get(verb)
            if t is None or t.remedy is None:
                continue
            sel = verbs == vi
            if not sel.any():
                continue
            for e, v in zip(tree_edges[sel].tolist(), tree_nodes[sel].tolist()):
                key = (t.remedy, int(self.t_dst[e])) if t.remedy == "disable-keys" else (t.remedy, e)
                counts[key] += int(cnt[v])
        return _Aggregate(top=top, through=through, counts=counts, total=int(reached.sum()))


@dataclass
class _Tree:
    dist: np.ndarray
    pred: np.ndarray
    alt1: tuple | None
    alt2: tuple | None


@dataclass
class _Aggregate:
    top: list[int]
    through: np.ndarray
    counts: Counter
    total: int
