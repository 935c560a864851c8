"""Attack paths as people read them: the search's raw walks (`aispm.graph.paths`) turned into
`AttackPath` records with a title, steps with evidence, risk factors, unknowns, a score and the
cheapest fix, plus choke points (`find`). Names and phrases of cloud assets come from their
provider (`Provider.label`, `Provider.leak_texts`); this module names none.
"""

from __future__ import annotations

import hashlib
from collections import Counter

import numpy as np

from aispm import registry
from aispm.graph import insights as ins
from aispm.graph.build import ABSENT, TRUE, UNKNOWN, SecurityGraph
from aispm.graph.paths import (DECAY, ENTRY_RULES, REMEDY_COST, TARGET_RULES, TRAVERSAL, TYPE_LABELS, PathSearch,
                               _Raw)
from aispm.model import AttackPath, ChokePoint, PathStep


# --------------------------------------------------------------------------- describe


def _label(g: SecurityGraph, node: int) -> str:
    t = g.type_of(node).lower()
    return registry.label(g.assets[node], t) or TYPE_LABELS.get(t, g.kind_of(node).replace("-", " "))


def _named(g: SecurityGraph, node: int) -> str:
    return f"{_label(g, node)} {g.name_of(node)}"


_CLAUSES = {
    "holds_key_for": "holds a key to {x}",
    "has_role_on": "has {role} on {x}",
    "runs_as": "runs as {x}",
    "grounded_on": "is grounded on {x}",
    "grounds": "grounds {x} (poisoning)",
    "reads": "reads {x}",
    "feeds": "feeds {x} (poisoning)",
    "writes": "writes to {x}",
    "calls": "calls {x}",
    "deploys": "deploys {x}",
    "uses_model": "uses {x}",
    "loaded_by": "is loaded by {x}",
    "contains": "contains {x}",
    "runs": "runs {x}",
    "runs_in": "runs in {x}",
    "exposes": "exposes {x}",
    "routes_to": "routes traffic to {x}",
    "served_by": "is served by {x}",
    "serves": "serves {x}",
    "can_assume": "can assume {x}",
}


class Describer:
    """Turns raw paths into `AttackPath`s: title, steps with evidence, risk factors,
    unknowns, score and remediation."""

    def __init__(self, ps: PathSearch) -> None:
        self.ps = ps
        self.g = ps.g
        self.bits = ps.g.insights.tolist()

    # remediation elements of a path: (action, subject) keys
    def elements(self, raw: _Raw) -> list[tuple[str, int]]:
        ps = self.ps
        entry = raw.nodes[0]
        rule = ENTRY_RULES[int(ps.entry_rule[entry])]
        out = [(rule.remedy, entry)]
        bits = self.bits[entry]
        if rule.name == "internet-exposed-compute" and bits & (ins.BIT["has_high_severity_vulnerabilities"]):
            out.append(("patch", entry))
        for e in raw.edges:
            t = TRAVERSAL.get(ps.edge_verb(e))
            if t is None or t.remedy is None:
                continue
            if t.remedy == "disable-keys":
                out.append(("disable-keys", int(ps.t_dst[e])))
            else:
                out.append((t.remedy, ps.relation_edge(e)))
        return out

    def risk_factors(self, raw: _Raw) -> list[str]:
        ps, g = self.ps, self.g
        entry = raw.nodes[0]
        rule = ENTRY_RULES[int(ps.entry_rule[entry])]
        rf = list(rule.risk)
        eb = self.bits[entry]
        if eb & ins.BIT["has_high_severity_vulnerabilities"] and "vulnerabilities" not in rf:
            rf.append("vulnerabilities")
        if eb & ins.BIT["vulnerable_to_rce"]:
            rf.append("remote-code-execution")
        if rule.name == "internet-exposed-ai-endpoint" and g.fact(entry, "local_auth_enabled") == TRUE:
            rf.append("key-authentication")
        for e in raw.edges:
            t = TRAVERSAL.get(ps.edge_verb(e))
            if t is not None and t.risk and t.risk not in rf:
                rf.append(t.risk)
            if ps.edge_verb(e) in ("grounds", "feeds") and "data-poisoning" not in rf:
                rf.append("data-poisoning")
        for v in raw.nodes[1:]:
            if self.bits[v] & ins.BIT["privileged"] and "permissions" not in rf and v != raw.nodes[-1]:
                rf.append("permissions")
        if any(self.bits[v] & ins.BIT["contains_sensitive_data"] for v in raw.nodes):
            rf.append("sensitive-data")
        # an agent on the path that reads data and can send it where the model decides (AISPM-AG-012)
        if any(g.fact(v, "can_exfiltrate") == TRUE for v in raw.nodes):
            rf.append("data-exfiltration")
        return rf

    def unknowns(self, raw: _Raw) -> list[str]:
        ps, g = self.ps, self.g
        out: list[str] = []
        entry = raw.nodes[0]
        if ps.entry_state[entry] == 1:
            rule = ENTRY_RULES[int(ps.entry_rule[entry])]
            facts = [f for f, _ in rule.any_of] + [f for f, _, _ in rule.all_of]
            for f in facts:
                if g.fact(entry, f) == UNKNOWN:
                    out.append(f"{f} of {g.uids[entry]} is unknown ({g.fact_evidence(entry, f)})")
            for fact in rule.parent_not_false:
                out.append(f"{fact} of the parent of {g.uids[entry]} may be unknown")
        for e in raw.edges:
            if e not in ps.unknown_edges:
                continue
            verb = ps.edge_verb(e)
            s, d = int(ps.t_src[e]), int(ps.t_dst[e])
            if verb == "holds_key_for":
                out.append(f"whether {g.uids[d]} accepts keys is unknown ({g.fact_evidence(d, 'local_auth_enabled')})")
            elif verb == "has_role_on":
                role = g.edge_props(ps.relation_edge(e)).get("role")
                out.append(f"permissions of role {role!r} of {g.uids[s]} on {g.uids[d]} are unknown")
            else:
                out.append(f"{verb} from {g.uids[s]} to {g.uids[d]} is unknown")
        return out

    def entry_phrase(self, node: int) -> str:
        ps, g = self.ps, self.g
        rule = ENTRY_RULES[int(ps.entry_rule[node])]
        a = g.assets[node]
        if rule.name == "leaked-credential":
            kind = a.facts.get("secret_kind") if a is not None else None
            where = f"{a.origin.file}:{a.origin.line}" if a is not None else g.uids[node]
            leak = registry.leak_text(a.type) if a is not None else None
            if leak is not None:
                return leak.entry.format(name=a.display_name, where=where, type=a.properties.get("type"))
            what = kind.replace("-", " ").replace("_", " ") if isinstance(kind, str) else ""
            if not what.endswith(("key", "token", "password", "secret", "credential")):
                what = (what + " key").strip()  # "api-key" reads "api key", not "api-key key"
            return f"Plaintext {what} in {where}"
        bits = self.bits[node]
        words = rule.phrase
        if "internet-exposure" in rule.risk:
            words = "Narrowly internet-exposed" if bits & ins.BIT["exposure_width:narrow"] else (
                "Widely internet-exposed" if bits & ins.BIT["exposure_width:wide"] else "Internet-exposed")
        if ps.entry_state[node] == 1:
            words = f"Possibly {words[0].lower()}{words[1:]}"
        text = f"{words} {_named(g, node)}"
        if bits & ins.BIT["vulnerable_to_rce"]:
            text += " vulnerable to remote code execution"
        elif bits & ins.BIT["has_high_severity_vulnerabilities"]:
            text += " with a high-severity vulnerability"
        if rule.name == "internet-exposed-ai-endpoint" and g.fact(node, "local_auth_enabled") == TRUE:
            text += " that accepts keys"
        return text

    def title(self, raw: _Raw) -> str:
        g = self.g
        head = self.entry_phrase(raw.nodes[0])
        if len(raw.nodes) == 1:
            node = raw.nodes[0]
            bits = self.bits[node]
            if bits & ins.BIT["used_for_ai_grounding"]:
                return f"{head} is used for AI grounding"
            if bits & ins.BIT["contains_sensitive_data"]:
                return f"{head} contains sensitive data"
            return f"{head} is an AI target"
        parts = []
        for i, e in enumerate(raw.edges):
            verb = self.ps.edge_verb(e)
            x = _named(g, raw.nodes[i + 1])
            role = g.edge_props(self.ps.relation_edge(e)).get("role") if verb == "has_role_on" else None
            clause = _CLAUSES.get(verb, verb.replace("_", " ") + " {x}").format(
                x=x, role=f"role {role}" if role else "a role")
            parts.append(clause)
        text = f"{head} {parts[0]}"
        for p in parts[1:]:
            text += f", which {p}"
        return text

    def steps(self, raw: _Raw) -> list[PathStep]:
        ps, g = self.ps, self.g
        entry = raw.nodes[0]
        rule = ENTRY_RULES[int(ps.entry_rule[entry])]
        ev = [g.fact_evidence(entry, f) for f, _ in rule.any_of if g.fact(entry, f) in (TRUE, UNKNOWN)]
        ev += [g.fact_evidence(entry, f) for f, _, _ in rule.all_of if g.fact(entry, f) != ABSENT]
        a = g.assets[entry]
        leak = registry.leak_text(a.type) if a is not None else None
        if rule.name == "leaked-credential" and leak is not None:
            ev.append(leak.evidence.format(name=a.display_name, where=f"{a.origin.file}:{a.origin.line}",
                                           type=a.properties.get("type")))
        elif rule.name == "leaked-credential" and a is not None:
            ev.append(f"{a.properties.get('redacted', 'secret')} at {a.origin.file}:{a.origin.line}")
        if rule.name in ("vulnerable-workload",) or self.bits[entry] & ins.BIT["has_high_severity_vulnerabilities"]:
            ev.extend(self._vuln_evidence(entry))
        steps = [PathStep(g.uids[entry], None, f"entry ({rule.name}): " + "; ".join(ev))]
        for i, e in enumerate(raw.edges):
            verb = ps.edge_verb(e)
            r = ps.relation_edge(e)
            props = g.edge_props(r)
            bits = [f"{k}={v}" for k, v in props.items() if v is not None]
            ri = int(g.rel[r])
            if ri >= 0:
                rel = g.result.relations[ri]
                bits.insert(0, f"{rel.source} {rel.verb} {rel.target}")
            if verb == "holds_key_for":
                d = int(ps.t_dst[e])
                bits.append(g.fact_evidence(d, "local_auth_enabled"))
            steps.append(PathStep(g.uids[raw.nodes[i + 1]], verb, "; ".join(bits)))
        return steps

    def _vuln_evidence(self, node: int) -> list[str]:
        g = self.g
        _, _, by_node = self._vulns()
        out = []
        cands = [node] + self._spread().get(node, [])
        for c in cands:
            for f in by_node.get(c, [])[:3]:
                out.append(f"{f.rule_id} in {g.name_of(c)} ({f.severity})")
        return out[:5]

    _vuln_cache = None
    _spread_cache = None

    def _spread(self) -> dict[int, list[int]]:
        """Workload → the nodes with vulnerability findings it contains / runs / is built from,
        up to two hops away, as the insights count them (app → runs → code project →
        contains → library)."""
        if self._spread_cache is None:
            g = self.g
            _, _, by_node = self._vulns()
            vuln = np.zeros(g.n, dtype=bool)
            vuln[list(by_node)] = True
            m = g.n_relation_edges
            codes = [i for i, v in enumerate(g.verbs) if v in ins.VULN_SPREAD_VERBS]
            spread = np.isin(g.verb[:m], codes)
            src, dst = g.src[:m], g.dst[:m]
            out: dict[int, list[int]] = {}
            sel = spread & vuln[dst]
            for a, b in zip(src[sel].tolist(), dst[sel].tolist()):
                out.setdefault(a, []).append(b)
            # second hop: through a node that itself holds vulnerable children
            mid = np.zeros(g.n, dtype=bool)
            mid[list(out)] = True
            sel2 = spread & mid[dst]
            for a, b in zip(src[sel2].tolist(), dst[sel2].tolist()):
                have = out.setdefault(a, [])
                have.extend(x for x in out.get(b, ()) if x not in have and x != a)
            self._spread_cache = out
        return self._spread_cache

    def _vulns(self):
        if self._vuln_cache is None:
            self._vuln_cache = ins.vulnerability_bits(self.g)
        return self._vuln_cache

    def ref(self, node: int) -> str:
        g = self.g
        a = g.assets[node]
        where = f" ({a.origin.file}:{a.origin.line})" if a is not None and a.origin.file else ""
        return f"{_named(g, node)}{where}"

    def remedy_text(self, key: tuple[str, int]) -> str:
        g = self.g
        action, subj = key
        if action in ("remove-role", "remove-grounding"):
            props = g.edge_props(subj)
            s, d = self.ref(int(g.src[subj])), self.ref(int(g.dst[subj]))
            role = props.get("role") or props.get("via") or "its role"
            if action == "remove-role":
                return f"remove role {role} of {s} on {d} (or narrow it to a role without data access)"
            return f"remove the grounding connection of {s} to {d} (role {role})"
        x = self.ref(subj)
        a = g.assets[subj]
        if action == "disable-keys" and (a is None or a.type == "external-service"):
            # a service outside the scan (OpenAI's API): its key access is not the estate's to turn off
            return f"rotate the keys to {x} that the scan found and keep them in a secret store"
        if action == "disable-keys":
            return f"disable key access on {x} (disableLocalAuth / allowSharedKeyAccess = false) and use Entra ID"
        if action == "remove-secret":
            where = f"{a.origin.file}:{a.origin.line}" if a is not None else x
            leak = registry.leak_text(a.type) if a is not None else None
            if leak is not None:
                return leak.fix.format(name=a.display_name, where=where, type=a.properties.get("type"))
            return f"rotate and remove the key in {where}"
        if action == "disable-public-access":
            return f"disable public access on {x}"
        if action == "require-auth":
            return f"require user authentication on {x}"
        if action == "private-endpoint":
            return f"add a private endpoint to {x} and disable public network access"
        if action == "restrict-network":
            return f"remove internet exposure of {x} (private endpoint, access restrictions or NSG rules)"
        if action == "patch":
            return f"upgrade the vulnerable libraries of {x} to their fixed versions"
        if action == "replace-model":
            return f"replace {x} by a model in a format that carries no code (safetensors, GGUF, ONNX)"
        return f"{action} {x}"


def path_id(g: SecurityGraph, ps: PathSearch, raw: _Raw) -> str:
    text = g.uids[raw.nodes[0]]
    for i, e in enumerate(raw.edges):
        text += f"|{ps.edge_verb(e)}>{g.uids[raw.nodes[i + 1]]}"
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def find(g: SecurityGraph, k: int = 3, max_paths: int | None = 10_000) -> tuple[list[AttackPath], list[ChokePoint]]:
    """Attack paths and choke points of a graph. `max_paths` bounds how many paths are
    described (the best scored). On estates searched entry by entry, choke points and
    remediation counts are over every path found; on large estates (one multi-source
    search) they are over the shortest path to every reachable target."""
    ps = PathSearch(g, k=k)
    raws, agg = ps.search(max_paths)
    seen: set[tuple] = set()
    uniq: list[_Raw] = []
    for r in raws:
        key = r.nodes  # the same walk through other verbs: keep the cheapest
        if key in seen:
            continue
        seen.add(key)
        uniq.append(r)
    d = Describer(ps)
    score = np.empty(len(uniq))
    rf_cache: list[list[str]] = []
    for i, r in enumerate(uniq):
        possible = ps.entry_state[r.nodes[0]] == 1 or any(e in ps.unknown_edges for e in r.edges)
        rf = d.risk_factors(r)
        rf_cache.append(rf)
        s = 100.0 * ps.entry_sev[r.nodes[0]] * ps.target_crit[r.nodes[-1]] * DECAY ** len(r.edges)
        s *= 1 + 0.1 * max(len(rf) - 1, 0)
        if possible:
            s *= 0.7
        score[i] = min(s, 100.0)
    # breakable elements: of every path when they are counted here, else of the described ones only
    elements: list[list | None] = [d.elements(r) for r in uniq] if agg is None else [None] * len(uniq)
    if agg is None:
        counts: Counter = Counter()
        chokes: Counter = Counter()
        for r, el in zip(uniq, elements):
            counts.update(set(el))
            if len(r.nodes) > 2:
                chokes.update(set(r.nodes[1:-1]))
        ranked = sorted(chokes.items(), key=lambda kv: (-kv[1], g.uids[kv[0]]))
    else:
        counts = agg.counts
        nz = np.flatnonzero(agg.through > 0)
        order_c = nz[np.lexsort((nz, -agg.through[nz]))]
        ranked = [(int(v), int(agg.through[v])) for v in order_c.tolist()]
    order = np.argsort(-score, kind="stable")
    if max_paths is not None:
        order = order[:max_paths]
    out: list[AttackPath] = []
    for i in order.tolist():
        r = uniq[i]
        unknowns = d.unknowns(r)
        el = elements[i]
        if el is None:
            el = elements[i] = d.elements(r)
        best = max(el, key=lambda k_: counts.get(k_, 1) / REMEDY_COST.get(k_[0], 3.0))
        entry_rule = ENTRY_RULES[int(ps.entry_rule[r.nodes[0]])]
        target_rule = TARGET_RULES[int(ps.target_rule[r.nodes[-1]])]
        out.append(AttackPath(
            id=path_id(g, ps, r),
            title=d.title(r),
            score=round(float(score[i]), 1),
            status="possible" if unknowns else "confirmed",
            entry=g.uids[r.nodes[0]],
            target=g.uids[r.nodes[-1]],
            steps=d.steps(r),
            risk_factors=rf_cache[i],
            unknowns=unknowns,
            remediation=d.remedy_text(best),
            entry_kind=entry_rule.name,
            target_kind=target_rule.name,
        ))
    out.sort(key=lambda p: (-p.score, p.id))
    return out, [ChokePoint(g.uids[nd], c) for nd, c in ranked]
