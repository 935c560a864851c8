"""One security graph per scan: every asset and relation of every source, as compact
numpy arrays (node columns, edge lists) that the insights and the path search read.

Nodes are assets; the same asset seen twice (declared in IaC and found live, an
image and its digest, …) is merged into one node by **merge keys**: each function
in `MERGE_KEYS` returns strings that identify an asset whatever source saw it, and
assets that share a key become one node. A later source plugs in by adding a
function (`register_merge_key`), never by changing this module.

A relation whose endpoint is not a uid (code sources name an Azure account by its
name: `calls → "myopenai"`, `holds_key_for → "myopenai"`) is resolved by the
**reference keys** of the assets (`REFERENCE_KEYS`: by default the lower-cased
name of cloud resources of the kinds in `NAME_REFERENCEABLE_KINDS`). A code asset
that carries a property naming an Azure account (`PROPERTY_EDGES`) gets an edge to
it even if its source made none. What stays unresolved for the verbs in
`EXTERNAL_VERBS` becomes an `external:<name>` node (a service outside the scan).

Everything type-specific lives in the tables of this package; the graph is built
from assets, relations and facts only.

Per node the graph keeps (arrays indexed by node, built in one pass over the assets):
`kind` (code into `kinds`), `type` (code into `types`), and for each fact in
`FACT_COLUMNS` a tri-state code: `TRUE`, `UNKNOWN` (the fact is None), `FALSE`,
`ABSENT` (no source set it). When merged assets disagree, the strongest claim
wins in the order true > unknown > false > absent.

Per edge (arrays indexed by edge, in relation order): `src`, `dst`, `verb` (code
into `verbs`) and `rel` (index into `result.relations`, or -1 for an edge made
here, whose properties are in `extra_props`).

Why arrays and no graph library object: the only graph algorithm the pipeline needs is a
shortest-distance search with a handful of small integer weights, which `paths.py` runs on a
CSR index of these arrays (Dial's algorithm). A rustworkx `PyDiGraph` built from them cost
more than the search (4 s for 5M edges, from Python tuples) and its Dijkstra calls back into
Python for every edge weight (5.1 s on the 1M-node benchmark, against 0.5 s).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from itertools import chain, compress, count
from operator import attrgetter, methodcaller
from typing import Any, Callable, Iterable, Sequence

if "numpy" not in sys.modules:
    # The graph uses numpy's arrays, never its linear algebra; numpy's import otherwise starts OpenBLAS's
    # thread pool, one thread per core, whose start-up spin cost 0.07 s of CPU — in a scan, while the graph
    # is searched beside judging and redaction, CPU taken from them. Only a default: a user's setting wins.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np

from aispm.model import Asset, ScanResult

ABSENT, FALSE, UNKNOWN, TRUE = 0, 1, 2, 3

#: Facts the graph reads, kept per node as tri-state codes.
FACT_COLUMNS: tuple[str, ...] = (
    "internet_exposed",
    "public_network_access",
    "local_auth_enabled",
    "public_access",
    "allow_blob_public_access",
    "user_authentication",
    "remote",
    "hardcoded_secret",
    "used_for_ai_grounding",
    "allows_all_ips",
    "private_endpoint",
    "can_exfiltrate",
    "unsafe_imports",
)
_FACT_COL = {name: i for i, name in enumerate(FACT_COLUMNS)}

#: `exposure_width` fact → code (0: not stated).
WIDTH_CODES = {"narrow": 1, "wide": 2}

#: Kinds whose assets code sources may name by their plain name (an Azure account name).
NAME_REFERENCEABLE_KINDS = frozenset({"ai-service", "data-store", "project", "model-deployment", "key", "compute"})

#: Relation verbs whose unresolved target becomes an `external:<name>` node.
EXTERNAL_VERBS = frozenset({"holds_key_for", "calls"})

#: (asset type, property naming another asset by reference key, verb of the edge to add).
PROPERTY_EDGES: tuple[tuple[str, str, str], ...] = (
    ("secret", "azure_account_name", "holds_key_for"),
    ("ai-client", "azure_account_name", "calls"),
    ("data-source", "azure_account_name", "calls"),
)

EXTERNAL_KIND = "external"


_CLOUD_ID = attrgetter("cloud_id")
_UID = attrgetter("uid")
_PROPS = attrgetter("properties")
_NAME = attrgetter("name")
_KIND = attrgetter("kind")
_TYPE = attrgetter("type")
_FACTS = attrgetter("facts")

#: A batch key function: `fn(assets) -> iterable of (asset index, key)`. Batch functions
#: select their few candidates with C-level `map`/`compress`, so a million assets cost
#: milliseconds; `register_merge_key` also takes a plain per-asset function.
BatchKeys = Callable[[Sequence[Asset]], Iterable[tuple[int, str]]]


def _cloud_id_keys(assets: Sequence[Asset]) -> Iterable[tuple[int, str]]:
    for i in compress(count(), map(_CLOUD_ID, assets)):
        yield i, "id:" + str(assets[i].cloud_id).lower().rstrip("/")
    for i in compress(count(), map(methodcaller("startswith", "/subscriptions/"), map(_UID, assets))):
        if not assets[i].cloud_id:  # live resources use the cloud id as uid
            yield i, "id:" + assets[i].uid.lower().rstrip("/")


def _explicit_keys(assets: Sequence[Asset]) -> Iterable[tuple[int, str]]:
    for i in compress(count(), map(methodcaller("get", "merge_key"), map(_PROPS, assets))):
        key = assets[i].properties["merge_key"]
        if isinstance(key, str):
            yield i, f"explicit:{key}"


#: Functions returning identity keys of assets; equal keys → one node.
MERGE_KEYS: list[BatchKeys] = [_cloud_id_keys, _explicit_keys]


def _lower(x: Any) -> str:
    return x.lower() if x.__class__ is str else ""


def _name_refs(assets: Sequence[Asset], wanted: set[str]) -> Iterable[tuple[int, str]]:
    """Cloud resources of the kinds in NAME_REFERENCEABLE_KINDS, by lower-cased name
    (only those named in `wanted`, the unresolved relation endpoints)."""
    for i in compress(count(), map(wanted.__contains__, map(_lower, map(_NAME, assets)))):
        a = assets[i]
        if a.provider != "code" and a.kind.value in NAME_REFERENCEABLE_KINDS:
            yield i, a.name.lower()  # type: ignore[union-attr]


#: Functions `fn(assets, wanted) -> (asset index, key)` giving the strings by which other
#: sources refer to an asset; `wanted` holds the (lower-cased) strings still unresolved.
REFERENCE_KEYS: list[Callable[[Sequence[Asset], set[str]], Iterable[tuple[int, str]]]] = [_name_refs]


def _per_asset(fn: Callable[[Asset], Iterable[str]]) -> BatchKeys:
    def batch(assets: Sequence[Asset]) -> Iterable[tuple[int, str]]:
        for i, a in enumerate(assets):
            for key in fn(a):
                yield i, key
    batch.__wrapped__ = fn  # type: ignore[attr-defined]
    return batch


def register_merge_key(fn: Callable[[Asset], Iterable[str]], batch: bool = False) -> None:
    """Add a merge-key function for a new source (live cloud, container images, …):
    `fn(asset) -> keys`, or with `batch=True` `fn(assets) -> (index, key) pairs`."""
    MERGE_KEYS.append(fn if batch else _per_asset(fn))


def register_reference_key(fn: Callable[[Sequence[Asset], set[str]], Iterable[tuple[int, str]]]) -> None:
    if fn not in REFERENCE_KEYS:
        REFERENCE_KEYS.append(fn)


class _Codes(dict):
    """str → small int, assigning the next code on first sight."""

    def __missing__(self, key: str) -> int:
        code = self[key] = len(self)
        return code

    def names(self) -> list[str]:  # noqa: D401
        out = [""] * len(self)
        for k, v in self.items():
            out[v] = k
        return out


@dataclass
class SecurityGraph:
    result: ScanResult
    uids: list[str]  # node → uid (the first asset's uid for merged nodes)
    assets: list[Asset | None]  # node → representative asset (None for external nodes)
    index: dict[str, int]  # every asset uid (and external name) → node
    members: dict[int, list[Asset]]  # merged nodes only: node → its assets
    kind: np.ndarray  # int16 node → code into kinds
    kinds: list[str]
    type: np.ndarray  # int32 node → code into types
    types: list[str]
    facts: np.ndarray  # int8 [len(FACT_COLUMNS), n] tri-state codes
    width: np.ndarray  # int8 node → WIDTH_CODES
    src: np.ndarray  # int32 edge → node
    dst: np.ndarray
    verb: np.ndarray  # int16 edge → code into verbs
    verbs: list[str]
    rel: np.ndarray  # int32 edge → index into result.relations (-1: made by the graph)
    extra_props: dict[int, dict[str, Any]] = field(default_factory=dict)
    insights: np.ndarray | None = None  # uint32 node → insight bits (insights.py)
    n_relation_edges: int = 0  # edges ≥ this index are traversal-only (added by paths.py)

    # --- lookups ---------------------------------------------------------------
    @property
    def n(self) -> int:
        return len(self.uids)

    @property
    def m(self) -> int:
        return len(self.src)

    def node(self, uid: str) -> int | None:
        return self.index.get(uid)

    def fact(self, node: int, name: str) -> int:
        col = _FACT_COL.get(name)
        return ABSENT if col is None else int(self.facts[col, node])

    def fact_column(self, name: str) -> np.ndarray:
        return self.facts[_FACT_COL[name]]

    def node_assets(self, node: int) -> list[Asset]:
        if node in self.members:
            return self.members[node]
        a = self.assets[node]
        return [a] if a is not None else []

    def fact_evidence(self, node: int, name: str) -> str:
        """Where a fact of a node comes from, for step evidence and unknowns."""
        for a in self.node_assets(node):
            if name in a.facts:
                ev = a.evidence.get(name)
                where = f"{a.origin.file}:{a.origin.line}" if a.origin.file else a.uid
                if ev is None:
                    return f"{name}={a.facts[name]!r} ({where})"
                note = f"; {ev.note}" if ev.note else ""
                return f"{name}={a.facts[name]!r} at {ev.path} ({where}{note})"
        return f"{name} not stated"

    def name_of(self, node: int) -> str:
        a = self.assets[node]
        if a is None:
            return self.uids[node].split(":", 1)[-1]
        return a.display_name

    def kind_of(self, node: int) -> str:
        return self.kinds[self.kind[node]]

    def type_of(self, node: int) -> str:
        return self.types[self.type[node]]

    def edge_props(self, e: int) -> dict[str, Any]:
        r = int(self.rel[e])
        if r >= 0:
            return dict(self.result.relations[r].properties)
        return self.extra_props.get(e, {})

    def verb_of(self, e: int) -> str:
        return self.verbs[self.verb[e]]


def build(result: ScanResult) -> SecurityGraph:
    """The security graph of a scan. O(assets + relations); one pass over each."""
    assets = result.assets
    n_assets = len(assets)

    # 1. merge keys → node of each asset
    node_of = list(range(n_assets))
    first_by_key: dict[str, int] = {}
    merged_any = False
    for hook in list(MERGE_KEYS):
        for i, key in hook(assets):
            j = first_by_key.setdefault(key, i)
            if j != i:
                ri, rj = _root(node_of, i), _root(node_of, j)
                if ri != rj:
                    node_of[max(ri, rj)] = min(ri, rj)
                    merged_any = True
    uids: list[str] = []
    reps: list[Asset | None] = []
    index: dict[str, int] = {}
    members: dict[int, list[Asset]] = {}
    if merged_any:
        roots = [_root(node_of, i) for i in range(n_assets)]
        root_node: dict[int, int] = {}
        node_of = []
        for i, a in enumerate(assets):
            r = roots[i]
            nd = root_node.get(r)
            if nd is None:
                nd = root_node[r] = len(uids)
                uids.append(a.uid)
                reps.append(a)
            else:
                members.setdefault(nd, [reps[nd]]).append(a)  # type: ignore[list-item]
            node_of.append(nd)
            index.setdefault(a.uid, nd)
    else:
        uids = [a.uid for a in assets]
        reps = list(assets)
        index = {u: i for i, u in enumerate(uids)}
        if len(index) != len(uids):  # duplicate uids: first wins
            index = {}
            for i, u in enumerate(uids):
                index.setdefault(u, i)

    # 2. per-node kind/type codes and fact columns (one pass)
    kind_codes, type_codes = _Codes(), _Codes()
    n = len(uids)
    buckets: dict[int, list[int]] = {}
    width_nodes: dict[int, list[int]] = {}
    fcol = _FACT_COL
    kind_by_enum = _KindCodes(kind_codes)
    if not members:
        kind_list = list(map(kind_by_enum.__getitem__, map(_KIND, assets)))
        type_list = list(map(type_codes.__getitem__, map(_TYPE, assets)))
    else:
        kind_list = [0] * n
        type_list = [0] * n
        for i, a in enumerate(assets):
            nd = node_of[i]
            if reps[nd] is a:
                kind_list[nd] = kind_by_enum[a.kind]
                type_list[nd] = type_codes[a.type]
    for nd, f in zip(node_of, map(_FACTS, assets)):
        if not f:
            continue
        for k, v in f.items():
            c = fcol.get(k)
            if c is not None:
                code = TRUE if v is True else UNKNOWN if v is None else FALSE if v is False else (TRUE if v else FALSE)
                b = buckets.get(c * 4 + code)
                if b is None:
                    b = buckets[c * 4 + code] = []
                b.append(nd)
            elif k == "exposure_width" and v in WIDTH_CODES:
                width_nodes.setdefault(WIDTH_CODES[v], []).append(nd)

    # 3. relations → edge arrays, resolving endpoints (C-level map over the relations)
    rels = result.relations
    lookup = _Index(index)
    verb_codes = _Codes()
    nrel = len(rels)
    # both endpoints in one pass (each relation object is read once: it is the lookups into the
    # uid index, scattered over memory, that cost; 13 % less than two passes at 1M relations)
    ends = np.fromiter(map(lookup.__getitem__, chain.from_iterable(map(_ENDS, rels))), dtype=np.int32,
                       count=2 * nrel)
    src_a, dst_a = ends[0::2].copy(), ends[1::2].copy()
    del ends
    verb_a = np.fromiter(map(verb_codes.__getitem__, map(_VERB, rels)), dtype=np.int16, count=nrel)
    extra_props: dict[int, dict[str, Any]] = {}

    ref_index: dict[str, int] = {}
    dangling = np.flatnonzero((src_a < 0) | (dst_a < 0)).tolist()
    prop_types = {t for t, _, _ in PROPERTY_EDGES}
    prop_assets = [i for i in compress(count(), map(prop_types.__contains__, map(_TYPE, assets)))] \
        if prop_types else []
    wanted: set[str] = set()
    for e in dangling:
        r = rels[e]
        wanted.update(x.lower() for x in (r.source, r.target) if isinstance(x, str))
    for i in prop_assets:
        for _, prop, _ in PROPERTY_EDGES:
            v = assets[i].properties.get(prop)
            if isinstance(v, str):
                wanted.add(v.lower())
    if wanted:
        ambiguous: set[str] = set()
        for hook in REFERENCE_KEYS:
            for i, key in hook(assets, wanted):
                prev = ref_index.setdefault(key, node_of[i])
                if prev != node_of[i]:
                    ambiguous.add(key)
        for key in ambiguous:
            del ref_index[key]

    def ref_lookup(name: str) -> int:
        return ref_index.get(name.lower(), -1)

    externals: dict[str, int] = {}

    def external(name: str) -> int:
        uid = f"external:{name}"
        nd = externals.get(uid)
        if nd is None:
            nd = externals[uid] = len(uids)
            uids.append(uid)
            reps.append(None)
            index[uid] = nd
            kind_list.append(kind_codes[EXTERNAL_KIND])
            type_list.append(type_codes["external-service"])
        return nd

    for e in dangling:
        r = rels[e]
        if src_a[e] < 0:
            src_a[e] = ref_lookup(r.source) if isinstance(r.source, str) else -1
        if dst_a[e] < 0 and isinstance(r.target, str):
            t = ref_lookup(r.target)
            if t < 0 and r.verb in EXTERNAL_VERBS and r.target:
                t = external(r.target)
            dst_a[e] = t
    src_l: list[int] = []
    dst_l: list[int] = []
    verb_l: list[int] = []

    # property edges (code asset naming an Azure account) not already made by its source
    if prop_assets:
        have: set[tuple[int, int, int]] | None = None
        for i in prop_assets:
            a = assets[i]
            for t, prop, verb in PROPERTY_EDGES:
                if a.type != t:
                    continue
                value = a.properties.get(prop)
                if not isinstance(value, str) or not value:
                    continue
                dst = ref_lookup(value)
                if dst < 0:
                    continue
                if have is None:
                    mine = np.isin(src_a, np.asarray([node_of[j] for j in prop_assets], dtype=np.int32))
                    have = set(zip(src_a[mine].tolist(), dst_a[mine].tolist(), verb_a[mine].tolist()))
                key = (node_of[i], dst, verb_codes[verb])
                if key in have:
                    continue
                have.add(key)
                extra_props[nrel + len(src_l)] = {"via": f"properties.{prop}", "value": value}
                src_l.append(node_of[i])
                dst_l.append(dst)
                verb_l.append(verb_codes[verb])

    src = np.concatenate([src_a, np.asarray(src_l, dtype=np.int32)])
    dst = np.concatenate([dst_a, np.asarray(dst_l, dtype=np.int32)])
    verb = np.concatenate([verb_a, np.asarray(verb_l, dtype=np.int16)])
    rel = np.concatenate([np.arange(nrel, dtype=np.int32), np.full(len(src_l), -1, dtype=np.int32)])
    del src_a, dst_a, verb_a
    keep = (src >= 0) & (dst >= 0) & (src != dst)
    if not keep.all():
        kept_idx = np.flatnonzero(keep)
        remap = {int(old): new for new, old in enumerate(kept_idx) if int(old) in extra_props}
        extra_props = {remap[k]: v for k, v in extra_props.items() if k in remap}
        src, dst, verb, rel = src[keep], dst[keep], verb[keep], rel[keep]

    n = len(uids)
    facts = np.zeros((len(FACT_COLUMNS), n), dtype=np.int8)
    for code in (FALSE, UNKNOWN, TRUE):  # ascending: the strongest claim is written last
        for c in range(len(FACT_COLUMNS)):
            b = buckets.get(c * 4 + code)
            if b:
                facts[c, np.asarray(b, dtype=np.int64)] = code
    width = np.zeros(n, dtype=np.int8)
    for code in sorted(width_nodes):
        width[np.asarray(width_nodes[code], dtype=np.int64)] = code

    return SecurityGraph(
        result=result,
        uids=uids,
        assets=reps,
        index=index,
        members=members,
        kind=np.asarray(kind_list, dtype=np.int16),
        kinds=kind_codes.names(),
        type=np.asarray(type_list, dtype=np.int32),
        types=type_codes.names(),
        facts=facts,
        width=width,
        src=src,
        dst=dst,
        verb=verb,
        verbs=verb_codes.names(),
        rel=rel,
        extra_props=extra_props,
        n_relation_edges=len(src),
    )


_ENDS = attrgetter("source", "target")
_VERB = attrgetter("verb")


class _KindCodes(dict):
    """Kind enum member → code (hashing the member is cheaper than reading `.value`)."""

    def __init__(self, codes: _Codes) -> None:
        super().__init__()
        self.codes = codes

    def __missing__(self, kind: Any) -> int:
        code = self[kind] = self.codes[kind.value]
        return code


class _Index(dict):
    """uid → node, -1 for a uid that is not a node (resolved afterwards)."""

    def __missing__(self, key: str) -> int:
        return -1


def _root(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i
