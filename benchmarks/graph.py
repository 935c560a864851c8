"""Benchmark: security graph build, insight marking and attack-path search at scale.

    python benchmarks/graph.py                       # 1,000,000 assets, 5,000,000 relations
    python benchmarks/graph.py --assets 100000 --relations 500000

Generates a synthetic estate directly as aispm model objects (`Asset`, `Relation`,
`Finding`), in clusters of 20 assets that look like one application each: a web app
and a container app (some internet-exposed, some unknown), their managed identity
with role assignments (data roles and `Reader`), an Azure OpenAI account with two
deployments, a search service and a storage account with two containers (grounding
data), six libraries (3 % with a high-severity or RCE advisory), a secret or a model,
two AI clients and an MCP server. Relations: the structured ones of such an
application, filler relations inside the cluster (traversable and not), and a few
relations to other clusters (shared identities and data), up to the requested count.

Times `aispm.graph` end to end (build, insights, paths: `analyze`), then the same
computation with networkx (a `DiGraph` built from the same relations with the same
traversal weights and conditions, the same insights computed over it in Python,
`multi_source_dijkstra` from the same entries, shortest path to every reachable
target, choke-point counts). networkx runs in a forked child process so that its
memory is reported separately. At more than `--nx-max-assets` assets (default
200,000) networkx runs on a scaled sample estate generated the same way, and its
time is **extrapolated linearly** to the full size; the output says so. aispm is
also timed on that sample, so one ratio is measured at equal size.

Peak RSS is `resource.getrusage(...).ru_maxrss` (the whole process, including the
generated estate).
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import resource
import sys
import time

from aispm.model import Asset, Finding, Kind, Origin, Pillar, References, Relation, ScanResult, Severity, Status

CLUSTER = 20

_TYPES = [
    ("Microsoft.Web/sites", Kind.COMPUTE, "app"),
    ("Microsoft.App/containerApps", Kind.COMPUTE, "capp"),
    ("Microsoft.ManagedIdentity/userAssignedIdentities", Kind.IDENTITY, "id"),
    ("Microsoft.CognitiveServices/accounts", Kind.AI_SERVICE, "oai"),
    ("Microsoft.CognitiveServices/accounts/deployments", Kind.MODEL_DEPLOYMENT, "dep1"),
    ("Microsoft.CognitiveServices/accounts/deployments", Kind.MODEL_DEPLOYMENT, "dep2"),
    ("Microsoft.Search/searchServices", Kind.AI_SERVICE, "srch"),
    ("Microsoft.Storage/storageAccounts", Kind.DATA_STORE, "st"),
    ("Microsoft.Storage/storageAccounts/blobServices/containers", Kind.DATA_STORE, "c1"),
    ("Microsoft.Storage/storageAccounts/blobServices/containers", Kind.DATA_STORE, "c2"),
] + [("library", Kind.LIBRARY, f"lib{i}") for i in range(6)] + [
    ("secret", Kind.SECRET, "secret"),
    ("ai-client", Kind.AI_CLIENT, "client1"),
    ("ai-client", Kind.AI_CLIENT, "client2"),
    ("mcp-server", Kind.MCP_SERVER, "mcp"),
]
APP, CAPP, ID, OAI, DEP1, DEP2, SRCH, ST, C1, C2 = range(10)
LIBS = range(10, 16)
SECRET, CL1, CL2, MCP = 16, 17, 18, 19

_ROLES = ["Cognitive Services OpenAI User", "Reader", "Contributor", "Search Index Data Reader",
          "Storage Blob Data Reader", "Custom Role X"]
_FILLER_VERBS = ["reads", "writes", "calls", "contains", "logs_to", "depends_on", "monitors", "exposes"]


def generate(n_assets: int, n_relations: int, seed: int = 7) -> ScanResult:
    rnd = random.Random(seed)
    clusters = max(1, n_assets // CLUSTER)
    assets: list[Asset] = []
    relations: list[Relation] = []
    findings: list[Finding] = []
    origin_by_file: dict[str, Origin] = {}
    model_type = ("model", Kind.MODEL, "model")
    refs = References()
    uids_all: list[list[str]] = []
    for c in range(clusters):
        f = f"apps/app{c}/main.tf"
        origin = origin_by_file.get(f) or Origin(f, 1, f"cluster{c}", format="terraform")
        uids = []
        has_secret = rnd.random() < 0.1
        for i, (t, kind, label) in enumerate(_TYPES):
            if i == SECRET and not has_secret:
                t, kind, label = model_type
            uid = f"terraform:{f}:{label}"
            facts: dict = {}
            props: dict = {}
            r = rnd.random()
            if i in (APP, CAPP):
                facts["internet_exposed"] = True if r < 0.25 else (None if r < 0.28 else False)
                if facts["internet_exposed"]:
                    facts["exposure_width"] = "wide" if rnd.random() < 0.7 else "narrow"
                facts["managed_identity"] = True
            elif i in (OAI, SRCH, ST):
                facts["public_network_access"] = r < 0.15
                facts["local_auth_enabled"] = rnd.random() < 0.5
                facts["private_endpoint"] = not facts["public_network_access"]
                if i == OAI:
                    facts["account_kind"] = "OpenAI"
                if i == ST:
                    facts["allow_blob_public_access"] = rnd.random() < 0.05
                    facts["used_for_ai_grounding"] = True
            elif i in (C1, C2):
                facts["public_access"] = r < 0.01
            elif i == SECRET and has_secret:
                facts["secret_kind"] = "azure-openai-key"
                facts["hardcoded_secret"] = True
                props = {"azure_account_name": f"oai-{c}", "redacted": "abcd…yz"}
            elif i == MCP:
                facts["remote"] = r < 0.3
                facts["user_authentication"] = rnd.random() < 0.7
            a = Asset(uid=uid, provider="code" if i >= 10 else "azure", type=t, name=f"{label}-{c}" if i != OAI else f"oai-{c}",
                      origin=origin, properties=props, kind=kind, facts=facts)
            assets.append(a)
            uids.append(uid)
            if i in LIBS and rnd.random() < 0.03:
                rce = rnd.random() < 0.4
                findings.append(Finding(
                    rule_id=f"GHSA-{c}-{i}", title="Remote code execution in parser" if rce else "Denial of service",
                    severity=Severity.CRITICAL if rce else Severity.HIGH, pillar=Pillar.VULNERABILITY,
                    status=Status.FAIL, asset_uid=uid, evidence={}, references=refs,
                    advisory={"id": f"GHSA-{c}-{i}", "summary": "remote code execution" if rce else "dos",
                              "severity": {"level": "critical" if rce else "high"}}))
        uids_all.append(uids)
        u = uids
        R = relations.append
        R(Relation(u[APP], "runs_as", u[ID]))
        R(Relation(u[CAPP], "runs_as", u[ID]))
        R(Relation(u[ID], "has_role_on", u[OAI], (("privileged", None), ("role", rnd.choice(_ROLES)))))
        R(Relation(u[ID], "has_role_on", u[SRCH], (("privileged", False), ("role", "Search Index Data Reader"))))
        R(Relation(u[OAI], "deploys", u[DEP1]))
        R(Relation(u[OAI], "deploys", u[DEP2]))
        R(Relation(u[OAI], "grounded_on", u[SRCH], (("via", "Search Index Data Reader"),)))
        R(Relation(u[SRCH], "grounded_on", u[ST], (("via", "Storage Blob Data Reader"),)))
        R(Relation(u[OAI], "has_role_on", u[SRCH], (("privileged", False), ("role", "Search Index Data Reader"))))
        R(Relation(u[SRCH], "has_role_on", u[ST], (("privileged", False), ("role", "Storage Blob Data Reader"))))
        R(Relation(u[ST], "contains", u[C1]))
        R(Relation(u[ST], "contains", u[C2]))
        for lib in LIBS:
            R(Relation(u[APP], "contains", u[lib]))
            R(Relation(u[CAPP], "contains", u[lib]))
        if has_secret:
            R(Relation(u[SECRET], "holds_key_for", f"oai-{c}", (("service", "azure-openai"),)))
        R(Relation(u[CL1], "calls", u[OAI]))
        R(Relation(u[CL2], "calls", u[OAI]))
        R(Relation(u[APP], "calls", u[OAI]))
        if rnd.random() < 0.2:
            R(Relation(u[CAPP], "holds_key_for", u[OAI]))
        R(Relation(u[MCP], "reads", u[ST]))
    # filler up to n_relations: 90 % inside a cluster, 10 % across clusters
    ri = rnd.randrange
    verbs = _FILLER_VERBS
    j = 0
    while len(relations) < n_relations:
        j += 1
        c = ri(clusters)
        a = uids_all[c][ri(CLUSTER)]
        if j % 10 == 0:
            b = uids_all[ri(clusters)][ri(CLUSTER)]
            verb = verbs[4 + (j // 10) % 4] if (j // 10) % 3 else "reads"
        else:
            b = uids_all[c][ri(CLUSTER)]
            verb = verbs[ri(8)]
        if a != b:
            relations.append(Relation(a, verb, b))
    return ScanResult(assets=assets, relations=relations, findings=findings, targets=["synthetic"])


def peak_rss_gb(who=resource.RUSAGE_SELF) -> float:
    r = resource.getrusage(who).ru_maxrss
    return r / (1024 ** 3) if sys.platform == "darwin" else r / (1024 ** 2)


def run_aispm(result: ScanResult) -> dict:
    from aispm.graph import build, describe, insights, paths

    t0 = time.perf_counter()
    g = build(result)
    t1 = time.perf_counter()
    insights.mark(g)
    t2 = time.perf_counter()
    result.attack_paths, result.choke_points = describe.find(g)
    t3 = time.perf_counter()
    return {"build": t1 - t0, "insights": t2 - t1, "paths": t3 - t2, "total": t3 - t0,
            "nodes": g.n, "edges": g.m, "paths_found": len(result.attack_paths),
            "choke_points": len(result.choke_points)}


# ----------------------------------------------------------------------------- networkx


def run_networkx(result: ScanResult) -> dict:
    """The same computation with networkx and plain Python."""
    import networkx as nx

    from aispm.graph import insights as ins
    from aispm.graph.paths import ENTRY_RULES, TARGET_RULES, TRAVERSAL

    t0 = time.perf_counter()
    by_uid = {a.uid: a for a in result.assets}
    names = {}
    for a in result.assets:
        if a.provider != "code" and isinstance(a.name, str):
            names.setdefault(a.name.lower(), a.uid)
    G = nx.DiGraph()
    G.add_nodes_from(by_uid)
    unknown_edges = set()
    for r in result.relations:
        s = r.source if r.source in by_uid else names.get(r.source.lower())
        t = r.target if r.target in by_uid else names.get(r.target.lower())
        if s is None or t is None or s == t:
            continue
        tr = TRAVERSAL.get(r.verb)
        if tr is None:
            G.add_edge(s, t, verb=r.verb, w=None)
            continue
        w = tr.weight
        status = 0
        if tr.condition == "key":
            la = by_uid[t].facts.get("local_auth_enabled", True)
            status = 2 if la is False else 1 if la is None else 0
        elif tr.condition == "role":
            cls, _ = ins.role_class(dict(r.properties))
            status = 2 if cls == "none" else 1 if cls == "unknown" else 0
        if w is not None and status != 2:
            w = w + (2 if status == 1 else 0)
            old = G.get_edge_data(s, t)
            if old is None or old["w"] is None or old["w"] > w:
                G.add_edge(s, t, verb=r.verb, w=w)
                if status == 1:
                    unknown_edges.add((s, t))
        if tr.reverse:
            old = G.get_edge_data(t, s)
            if old is None or old["w"] is None or old["w"] > tr.reverse_weight:
                G.add_edge(t, s, verb=tr.reverse, w=tr.reverse_weight)
    t1 = time.perf_counter()
    # insights: facts per node, then relation-derived ones over the graph
    bits = {}
    high = set()
    rce = set()
    for f in result.findings:
        if f.pillar is Pillar.VULNERABILITY and f.status is Status.FAIL:
            high.add(f.asset_uid)
            if "remote code execution" in (f.title or "").lower():
                rce.add(f.asset_uid)
    for uid, a in by_uid.items():
        b = 0
        fa = a.facts
        if fa.get("internet_exposed") is True or fa.get("public_network_access") is True or fa.get("public_access") is True:
            b |= ins.BIT["exposed_to_internet"]
        if fa.get("local_auth_enabled") is True:
            b |= ins.BIT["allows_key_auth"]
        if a.kind.value == "secret" or fa.get("hardcoded_secret") is True:
            b |= ins.BIT["holds_credentials"]
        if fa.get("used_for_ai_grounding") is True:
            b |= ins.BIT["used_for_ai_grounding"] | ins.BIT["contains_sensitive_data"]
        if a.kind.value in ins.AI_KINDS:
            b |= ins.BIT["used_for_ai"]
        bits[uid] = b
    for s, t, d in G.edges(data=True):
        v = d["verb"]
        if v in ("contains", "runs") and t in high:
            bits[s] |= ins.BIT["has_high_severity_vulnerabilities"]
            if t in rce:
                bits[s] |= ins.BIT["vulnerable_to_rce"]
        elif v == "grounded_on":
            bits[t] |= ins.BIT["used_for_ai_grounding"] | ins.BIT["contains_sensitive_data"]
        elif v == "holds_key_for":
            bits[s] |= ins.BIT["holds_credentials"]
    t2 = time.perf_counter()
    # entries and targets, then multi-source Dijkstra and the path to every target
    entries = []
    for uid, a in by_uid.items():
        k = a.kind.value
        fa = a.facts
        for rule in ENTRY_RULES:
            if k not in rule.kinds:
                continue
            if rule.any_of and not any(fa.get(f) in (wanted, None) and f in fa for f, wanted in rule.any_of):
                continue
            if any(not (fa.get(f) in (wanted, None) and f in fa or (ok and f not in fa)) for f, wanted, ok in rule.all_of):
                continue
            if rule.insight_any and not any(bits[uid] & ins.BIT[i] for i in rule.insight_any):
                continue
            entries.append(uid)
            break
    target_kinds = set().union(*(r.kinds for r in TARGET_RULES))
    H = nx.DiGraph()
    H.add_nodes_from(G)
    H.add_edges_from((s, t, {"w": d["w"]}) for s, t, d in G.edges(data=True) if d["w"] is not None)
    dist, paths = nx.multi_source_dijkstra(H, set(entries), weight="w") if entries else ({}, {})
    chokes: dict[str, int] = {}
    found = 0
    for t, p in paths.items():
        if len(p) < 2 or by_uid[t].kind.value not in target_kinds:
            continue
        found += 1
        for v in p[1:-1]:
            chokes[v] = chokes.get(v, 0) + 1
    t3 = time.perf_counter()
    return {"build": t1 - t0, "insights": t2 - t1, "paths": t3 - t2, "total": t3 - t0,
            "nodes": G.number_of_nodes(), "edges": G.number_of_edges(), "paths_found": found,
            "choke_points": len(chokes)}


def in_child(fn, *args) -> tuple[dict, float]:
    """Run fn in a forked child; returns its result and its peak RSS (GB)."""
    import pickle

    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        try:
            out = fn(*args)
            out["peak_rss_gb"] = peak_rss_gb()
        except BaseException as exc:  # report, never hang the parent
            out = {"error": repr(exc)}
        with os.fdopen(w, "wb") as fh:
            pickle.dump(out, fh)
        os._exit(0)
    os.close(w)
    with os.fdopen(r, "rb") as fh:
        data = fh.read()
    os.waitpid(pid, 0)
    out = pickle.loads(data)
    return out, out.pop("peak_rss_gb", float("nan"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--assets", type=int, default=1_000_000)
    ap.add_argument("--relations", type=int, default=5_000_000)
    ap.add_argument("--nx-max-assets", type=int, default=200_000,
                    help="above this size networkx runs on a scaled sample and is extrapolated linearly")
    ap.add_argument("--no-networkx", action="store_true")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)

    t = time.perf_counter()
    result = generate(args.assets, args.relations, args.seed)
    gen = time.perf_counter() - t
    print(f"estate: {len(result.assets):,} assets, {len(result.relations):,} relations, "
          f"{len(result.findings):,} vulnerability findings (generated in {gen:.1f} s, not timed below)", flush=True)
    gc.collect()
    gc.freeze()  # the estate is long-lived: keep the collector from rescanning it
    a = run_aispm(result)
    rss = peak_rss_gb()
    print(f"aispm: {a['nodes']:,} nodes, {a['edges']:,} edges, {a['paths_found']:,} paths described, "
          f"{a['choke_points']:,} choke points; peak RSS {rss:.2f} GB (whole process, estate included)")

    rows = [("build", "build"), ("insights", "insights"), ("paths", "paths"), ("total", "total")]
    print("aispm: " + ", ".join(f"{label} {a[key]:.2f} s" for label, key in rows), flush=True)
    if args.no_networkx:
        for label, key in rows:
            print(f"  {label:<10} {a[key]:8.2f} s")
        ok = a["total"] < 60 and rss < 8
        print(f"target (< 60 s, < 8 GB): {'met' if ok else 'NOT met'}")
        return 0 if ok else 1

    scale = 1.0
    sample = None
    if len(result.assets) > args.nx_max_assets:
        scale = len(result.assets) / args.nx_max_assets
        sample = generate(args.nx_max_assets, int(args.relations / scale), args.seed)
    nx_input = sample if sample is not None else result
    del result
    gc.collect()
    nx_res, nx_rss = in_child(run_networkx, nx_input)
    if "error" in nx_res:
        print("networkx failed:", nx_res["error"])
        return 1
    a_s = None
    if sample is not None:
        a_s, _ = in_child(run_aispm, sample)

    print()
    if sample is not None:
        print(f"networkx ran on a sample of {len(sample.assets):,} assets / {len(sample.relations):,} relations; "
              f"its full-size times are EXTRAPOLATED linearly (x{scale:.1f}). "
              f"aispm was also timed on the same sample.")
    hdr = f"{'phase':<10} {'aispm (s)':>10} {'networkx (s)':>14} {'ratio':>7}"
    if sample is not None:
        hdr += f"   {'sample: aispm':>13} {'networkx':>9} {'ratio':>6}"
    print(hdr)
    for label, key in rows:
        nx_full = nx_res[key] * scale
        line = f"{label:<10} {a[key]:10.2f} {nx_full:14.2f} {nx_full / max(a[key], 1e-9):6.1f}x"
        if a_s is not None:
            line += f"   {a_s[key]:13.2f} {nx_res[key]:9.2f} {nx_res[key] / max(a_s[key], 1e-9):5.1f}x"
        print(line)
    print(f"peak RSS: aispm {rss:.2f} GB (full size); networkx child {nx_rss:.2f} GB"
          + (" (sample size)" if sample is not None else ""))
    print(f"networkx: {nx_res['paths_found']:,} target paths, {nx_res['choke_points']:,} choke points"
          + (" (sample)" if sample is not None else ""))
    ok = a["total"] < 60 and rss < 8 and (nx_res["total"] * scale) / a["total"] >= 3
    print(f"target (< 60 s, < 8 GB, >= 3x networkx): {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
