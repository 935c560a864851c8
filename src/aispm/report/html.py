"""The HTML report: one self-contained page a person can open and click through.

    from aispm.report.html import render
    Path("report.html").write_text(render(result), encoding="utf-8")

The page never touches the network: its CSS and JavaScript are inlined, the graph
library (Cytoscape.js, MIT, vendored under `vendor/`) is inlined, and a
Content-Security-Policy forbids every fetch and every script but the two inlined
ones (by hash). The report data is the JSON report (`aispm.report.json.to_dict`)
plus the graph fields (`attack_paths`, `choke_points`, `assets[].insights`),
embedded in a `<script type="application/json">` block with `<`, `>` and `&`
written as JSON escapes, so no string from a scanned file can close the block.
The page builds its DOM with `textContent` only: asset names, messages and
evidence come from scanned files and are never parsed as HTML.

Sections: summary, attack paths (ranked list; a click draws the path with
Cytoscape.js, a click on a node shows its details), choke points, AI inventory,
findings (filterable by severity, pillar, status and text), compliance coverage per requirement (when
`--compliance` asked for it; its script is `html_compliance.py`), input errors.
For debugging and tests the page exposes `window.aispmCy` (the Cytoscape
instance of the drawn path) and `window.aispmReport` (`data`, `selectPath(id)`).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any

from aispm.model import ScanResult
from aispm.report.html_compliance import COMPLIANCE_JS
from aispm.report.html_style import CSS
from aispm.report.json import to_dict

CYTOSCAPE_VERSION = "3.34.4"

__all__ = ["CYTOSCAPE_VERSION", "embed_json", "render", "report_data"]


def report_data(result: ScanResult) -> dict[str, Any]:
    """The data the page shows: exactly the JSON report (graph fields included)."""
    return to_dict(result)


_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def embed_json(data: Any) -> str:
    """JSON that is safe as the text of a `<script type="application/json">`.

    `<`, `>`, `&` (and the JS line separators) only ever occur inside JSON
    strings, where their `\\uXXXX` escapes mean the same, so `JSON.parse` gives
    back the same data while the HTML parser never sees `</script>` or `<!--`."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group(0)], text)


def _check_inline_script(name: str, text: str) -> str:
    low = text.lower()
    if "</script" in low or "<!--" in low or "<script" in low or "\r" in text or "\0" in text:
        raise ValueError(f"{name} cannot be inlined in a <script> element as it is")
    return text


@lru_cache(maxsize=1)
def _cytoscape() -> str:
    text = resources.files("aispm.report").joinpath("vendor/cytoscape.min.js").read_text(encoding="utf-8")
    return _check_inline_script("vendor/cytoscape.min.js", text)


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def render(result: ScanResult) -> str:
    """The report as one HTML document (a str; write it as UTF-8)."""
    data = report_data(result)
    lib = _cytoscape()
    app = _check_inline_script("report app", _APP_JS)
    csp = "; ".join([
        "default-src 'none'",
        f"script-src {_csp_hash(lib)} {_csp_hash(app)}",
        "style-src 'unsafe-inline'",
        "img-src data: blob:",
        "base-uri 'none'",
        "form-action 'none'",
    ])
    csp_attr = html.escape(csp, quote=False).replace('"', "&quot;")  # keep the quotes of 'none' readable
    targets = ", ".join(result.targets) or "scan"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp_attr}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="aispm">\n'
        f"<title>aispm report \u2014 {html.escape(targets)}</title>\n"
        f"<style>\n{CSS}</style>\n</head>\n<body>\n"
        f"{_BODY}"
        f'<script type="application/json" id="aispm-data">{embed_json(data)}</script>\n'
        f"<script>{lib}</script>\n"
        f"<script>{app}</script>\n"
        "</body>\n</html>\n"
    )


_BODY = """<header class="top">
  <div class="brand">ai<span>spm</span> report</div>
  <nav>
    <a href="#summary">Summary</a>
    <a href="#paths">Attack paths</a>
    <a href="#inventory">AI inventory</a>
    <a href="#findings">Findings</a>
    <a href="#compliance" id="nav-compliance">Compliance</a>
    <a href="#problems">Input errors</a>
  </nav>
  <div class="meta" id="aispm-meta"></div>
</header>
<main>
  <section id="summary"></section>
  <section id="paths"></section>
  <section id="inventory"></section>
  <section id="findings"></section>
  <section id="compliance"></section>
  <section id="problems"></section>
</main>
<footer id="aispm-footer"></footer>
<noscript><p style="padding:16px">This report needs JavaScript to display its data (no network access is made).</p></noscript>
"""

# The page script. Data is only ever put in the DOM with textContent or as
# attribute values (never innerHTML, never URLs built from data); graph labels
# are drawn on a canvas.
_APP_JS = r"""
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("aispm-data").textContent);
  var SEVERITIES = ["critical", "high", "medium", "low", "info"];
  var SEV_RANK = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };
  var SEV_COLOR = { critical: "#9f1239", high: "#ea580c", medium: "#d97706", low: "#3b82f6", info: "#94a3b8" };
  var STATUS_RANK = { fail: 0, unknown: 1, suppressed: 2, pass: 3 };
  var KIND_ORDER = ["model-deployment", "model", "ai-service", "agent", "mcp-server", "tool", "project", "prompt",
    "ai-client", "search-index", "data-store", "data-source", "notebook", "library", "compute", "identity",
    "role-assignment", "key", "secret", "network", "monitoring", "other"];
  var AI_KINDS = { "model-deployment": 1, "model": 1, "ai-service": 1, "agent": 1, "mcp-server": 1, "tool": 1,
    "project": 1, "prompt": 1, "ai-client": 1 };
  var KIND_STYLE = {
    ai: { fill: "#f1ecfe", border: "#7c3aed" }, data: { fill: "#e3f8f4", border: "#0f766e" },
    compute: { fill: "#e6eefc", border: "#1d4ed8" }, identity: { fill: "#eef1f5", border: "#475569" },
    cred: { fill: "#fdf3dc", border: "#b45309" }, network: { fill: "#e3f2fb", border: "#0369a1" },
    other: { fill: "#f6f7f9", border: "#64748b" }
  };
  var KIND_GROUP = {
    "model-deployment": "ai", "model": "ai", "ai-service": "ai", "agent": "ai", "mcp-server": "ai", "tool": "ai",
    "project": "ai", "prompt": "ai", "ai-client": "ai", "library": "other",
    "search-index": "data", "data-store": "data", "data-source": "data", "notebook": "data",
    "compute": "compute", "identity": "identity", "role-assignment": "identity",
    "key": "cred", "secret": "cred", "network": "network", "monitoring": "other", "other": "other"
  };

  var assetsByUid = {};
  DATA.assets.forEach(function (a) { assetsByUid[a.uid] = a; });
  var findingsByAsset = {};
  DATA.findings.forEach(function (f) { (findingsByAsset[f.asset_uid] = findingsByAsset[f.asset_uid] || []).push(f); });

  // ---- DOM helpers: text only ----
  function el(tag, opts, children) {
    var node = document.createElement(tag);
    if (opts) {
      Object.keys(opts).forEach(function (k) {
        var v = opts[k];
        if (v === null || v === undefined || v === false) return;
        if (k === "text") node.textContent = String(v);
        else if (k === "class") node.className = v;
        else if (k === "data") Object.keys(v).forEach(function (d) { node.dataset[d] = String(v[d]); });
        else if (k.slice(0, 2) === "on") node.addEventListener(k.slice(2), v);
        else node.setAttribute(k, v === true ? "" : String(v));
      });
    }
    [].concat(children === undefined ? [] : children).forEach(function (c) {
      if (c === null || c === undefined || c === false) return;
      node.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    });
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
  function sevBadge(s) { return el("span", { "class": "badge sev-" + s, text: s }); }
  function statusBadge(s) { return el("span", { "class": "badge st-" + s, text: s }); }
  function name(a) {
    if (!a) return "";
    if (typeof a.name === "string" && a.name) return a.name;
    return (a.origin && a.origin.address) || a.uid;
  }
  function assetName(uid) { var a = assetsByUid[uid]; return a ? name(a) : uid; }
  function where(a) {
    if (!a || !a.origin) return "";
    return a.origin.file + (a.origin.line ? ":" + a.origin.line : "");
  }
  function fmt(v) {
    if (v === null || v === undefined) return "unknown";
    if (typeof v === "object" && !Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, "$unknown")) return "unknown (" + v["$unknown"] + ")";
    if (Array.isArray(v)) return v.length ? v.map(fmt).join(", ") : "none";
    if (typeof v === "object") return JSON.stringify(v);
    return String(v);
  }
  function modelOf(a) {
    var f = a.facts || {}, p = a.properties || {};
    if (typeof f.model === "string") return f.model;
    if (typeof p.model === "string") return p.model;
    if (typeof p.version === "string") return p.version;
    if (p.model && typeof p.model === "object" && typeof p.model.name === "string")
      return p.model.name + (typeof p.model.version === "string" ? "@" + p.model.version : "");
    return "";
  }
  function insightChip(i) {
    var cls = "chip";
    if (/exposed|public|vulnerab|rce/.test(i)) cls += " warn";
    else if (/ai/.test(i)) cls += " ai";
    else if (/sensitive|data/.test(i)) cls += " data";
    else if (/credential|key|privileged/.test(i)) cls += " cred";
    return el("span", { "class": cls, text: i.replace(/_/g, " ") });
  }
  function plural(n, one, many) { return n + " " + (n === 1 ? one : (many || one + "s")); }
  function sectionHead(title, count) {
    return el("h2", null, [title, count === undefined ? null : el("span", { "class": "count", text: String(count) })]);
  }

  // ---- header and footer ----
  (function () {
    var meta = document.getElementById("aispm-meta");
    meta.appendChild(el("div", { "class": "wrap", text: "Targets: " + (DATA.targets.join(", ") || "none") }));
    meta.appendChild(el("div", { text: DATA.tool.name + " " + DATA.tool.version + " \u00b7 " + DATA.schema }));
    document.getElementById("aispm-footer").textContent = "Generated by " + DATA.tool.name + " " + DATA.tool.version +
      " (" + DATA.schema + "). Self-contained report: it makes no network requests. Graphs drawn with Cytoscape.js (MIT).";
  })();

  // ---- summary ----
  var failing = DATA.findings.filter(function (f) { return f.status === "fail"; });
  function renderSummary() {
    var s = DATA.summary, root = document.getElementById("summary");
    var aiAssets = DATA.assets.filter(function (a) { return AI_KINDS[a.kind] || (a.insights || []).indexOf("used_for_ai") >= 0; }).length;
    var confirmed = DATA.attack_paths.filter(function (p) { return p.status === "confirmed"; }).length;
    var sev = s.failing_by_severity;
    root.appendChild(el("h1", { text: "AI security posture" }));
    root.appendChild(el("p", { "class": "sub wrap", text: "Scan of " + (DATA.targets.join(", ") || "no target") + ": " +
      plural(s.files_scanned, "file") + " read, " + plural(s.assets, "asset") + " and " + plural(s.relations, "relation") + " found." }));
    function stat(label, value, hint, id) {
      return el("div", { "class": "card stat", id: id }, [el("div", { "class": "label", text: label }),
        el("div", { "class": "value", text: String(value) }), el("div", { "class": "hint", text: hint || "\u00a0" })]);
    }
    root.appendChild(el("div", { "class": "cards" }, [
      stat("Attack paths", DATA.attack_paths.length, confirmed + " confirmed, " + (DATA.attack_paths.length - confirmed) + " possible", "stat-paths"),
      stat("Failing findings", s.findings.fail, (sev.critical + sev.high) + " critical or high", "stat-failing"),
      stat("Unknown", s.findings.unknown, "not determined by the input", "stat-unknown"),
      stat("AI assets", aiAssets, "of " + plural(s.assets, "asset"), "stat-ai"),
      stat("Files scanned", s.files_scanned, plural(DATA.targets.length, "target"), "stat-files"),
      stat("Input errors", s.errors, (DATA.warnings || []).length ? plural(DATA.warnings.length, "warning") : "", "stat-errors")
    ]));
    // failing findings by severity
    var total = failing.length, bar = el("div", { "class": "sevbar", title: "Failing findings by severity" });
    var legend = el("div", { "class": "legend" });
    SEVERITIES.forEach(function (k) {
      var n = sev[k] || 0;
      if (n && total) bar.appendChild(el("div", { style: "width:" + (100 * n / total).toFixed(2) + "%;background:" + SEV_COLOR[k], title: k + ": " + n }));
      legend.appendChild(el("span", { id: "sev-count-" + k }, [el("span", { "class": "sw", style: "background:" + SEV_COLOR[k] }), k + " " + n]));
    });
    var sevCard = el("div", { "class": "card pad" }, [el("h3", { text: "Failing findings by severity" }), bar, legend]);
    // pillar x severity
    var pillars = {};
    failing.forEach(function (f) { var p = pillars[f.pillar] = pillars[f.pillar] || { total: 0 }; p[f.severity] = (p[f.severity] || 0) + 1; p.total++; });
    var pnames = Object.keys(pillars).sort(function (a, b) { return pillars[b].total - pillars[a].total || (a < b ? -1 : 1); });
    var table = el("table", { id: "pillar-table" }, [el("thead", null, el("tr", null, [el("th", { text: "Pillar" })].concat(
      SEVERITIES.map(function (k) { return el("th", { "class": "num", text: k }); }), [el("th", { "class": "num", text: "total" })])))]);
    var tb = el("tbody");
    pnames.forEach(function (p) {
      tb.appendChild(el("tr", null, [el("td", { text: p })].concat(SEVERITIES.map(function (k) {
        var n = pillars[p][k] || 0;
        return el("td", { "class": "num" + (n ? " click" : ""), text: n ? String(n) : "\u00b7", title: n ? "Show these findings" : null,
          onclick: n ? function () { setFindingFilter({ severity: k, pillar: p, status: "fail" }); document.getElementById("findings").scrollIntoView(); } : null });
      }), [el("td", { "class": "num", text: String(pillars[p].total) })])));
    });
    if (!pnames.length) tb.appendChild(el("tr", null, el("td", { colspan: "7", "class": "empty-state", text: "No failing findings." })));
    table.appendChild(tb);
    root.appendChild(el("div", { "class": "grid2" }, [sevCard, el("div", { "class": "card pad" }, [el("h3", { text: "Failing findings by pillar" }), table])]));
  }

  // ---- attack paths ----
  var cy = null, selectedPath = null, pathFilter = { status: "all", through: null, text: "" };
  var paths = DATA.attack_paths.slice().sort(function (a, b) { return b.score - a.score || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0); });
  var pathItems = {};

  function scoreBadge(score) {
    var cls = score >= 60 ? "s-high" : score >= 35 ? "s-mid" : "s-low";
    return el("span", { "class": "score " + cls, title: "score", text: (Math.round(score * 10) / 10).toFixed(1) });
  }

  function renderPaths() {
    var root = document.getElementById("paths");
    root.appendChild(sectionHead("Attack paths", paths.length));
    root.appendChild(el("p", { "class": "sub", text: "How an attacker could get from a foothold to AI models, agents and their data, ranked by score. " +
      "A confirmed path is fully backed by evidence; a possible path depends on facts the input does not determine. Click a path to draw it, and a node to see its details." }));
    if (!paths.length) {
      root.appendChild(el("div", { "class": "card empty-state", id: "no-paths", text: "No attack paths were found in this scan." }));
      renderChokePoints(root);
      return;
    }
    var list = el("ul", { "class": "path-list", id: "path-list" });
    paths.forEach(function (p, i) {
      var fix = p.remediation ? el("div", { "class": "fix" }, [el("b", { text: "Fix: " }), p.remediation]) : null;
      var unknowns = p.unknowns && p.unknowns.length ? el("ul", { "class": "unknowns" }, p.unknowns.map(function (u) { return el("li", { text: "Unknown: " + u }); })) : null;
      var li = el("li", { "class": "path", tabindex: "0", role: "button", data: { pathId: p.id, status: p.status },
        onclick: function () { selectPath(p.id); },
        onkeydown: function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); selectPath(p.id); } } }, [
        el("div", { "class": "head" }, [el("span", { "class": "rank", text: "#" + (i + 1) }), scoreBadge(p.score),
          el("span", { "class": "badge st-" + p.status, text: p.status })]),
        el("div", { "class": "title", text: p.title }),
        el("div", { "class": "kinds", text: (p.entry_kind || "entry") + " \u2192 " + (p.target_kind || "target") + " \u00b7 " + plural(p.steps.length, "step") }),
        el("div", null, (p.risk_factors || []).map(function (r) { return el("span", { "class": "chip", text: r }); })),
        unknowns, fix
      ]);
      pathItems[p.id] = li;
      list.appendChild(li);
    });
    var statusSeg = el("div", { "class": "seg", id: "path-status" }, ["all", "confirmed", "possible"].map(function (s) {
      return el("button", { type: "button", "class": s === "all" ? "active" : "", data: { value: s }, text: s,
        onclick: function () { pathFilter.status = s; applyPathFilter(); } });
    }));
    var throughNote = el("span", { "class": "shown", id: "path-through" });
    var search = el("input", { type: "search", placeholder: "Filter paths\u2026", "aria-label": "Filter paths",
      oninput: function (e) { pathFilter.text = e.target.value.toLowerCase(); applyPathFilter(); } });
    var left = el("div", { "class": "card" }, [el("div", { "class": "toolbar" }, [statusSeg, search, throughNote]), list]);
    var graphCard = el("div", { "class": "card graph-card" }, [
      el("div", { "class": "graph-head" }, [el("div", { "class": "graph-title", id: "graph-title", text: "Select a path" }),
        el("div", { "class": "muted", id: "graph-sub", style: "font-size:12px" })]),
      el("div", { id: "aispm-graph", role: "img", "aria-label": "Attack path graph" }),
      el("div", { "class": "graph-legend legend" }, [
        legendItem(KIND_STYLE.compute, "compute"), legendItem(KIND_STYLE.ai, "AI"), legendItem(KIND_STYLE.data, "data"),
        legendItem(KIND_STYLE.identity, "identity"), legendItem(KIND_STYLE.cred, "key / secret"), legendItem(KIND_STYLE.network, "network"),
        el("span", null, [el("span", { "class": "sw", style: "background:#fff;border:2px solid #dc2626" }), "entry point"]),
        el("span", null, [el("span", { "class": "sw", style: "background:#fff;border:3px double #7c3aed" }), "target"])]),
      el("div", { "class": "details", id: "node-details" }, el("div", { "class": "empty", text: "Click a node or an edge of the graph to see its details." }))
    ]);
    root.appendChild(el("div", { "class": "paths-layout" }, [left, graphCard]));
    renderChokePoints(root);
  }
  function legendItem(st, label) {
    return el("span", null, [el("span", { "class": "sw", style: "background:" + st.fill + ";border:1px solid " + st.border }), label]);
  }

  function applyPathFilter() {
    var shown = 0;
    paths.forEach(function (p) {
      var ok = (pathFilter.status === "all" || p.status === pathFilter.status) &&
        (!pathFilter.through || p.steps.some(function (s) { return s.asset_uid === pathFilter.through; })) &&
        (!pathFilter.text || (p.title + " " + (p.risk_factors || []).join(" ") + " " + p.remediation).toLowerCase().indexOf(pathFilter.text) >= 0);
      pathItems[p.id].hidden = !ok;
      if (ok) shown++;
    });
    Array.prototype.forEach.call(document.querySelectorAll("#path-status button"), function (b) {
      b.classList.toggle("active", b.dataset.value === pathFilter.status);
    });
    var note = clear(document.getElementById("path-through"));
    if (pathFilter.through) {
      note.appendChild(document.createTextNode(shown + " through " + assetName(pathFilter.through) + " "));
      note.appendChild(el("button", { type: "button", "class": "linkbtn", text: "clear", onclick: function () { pathFilter.through = null; applyPathFilter(); } }));
    } else {
      note.textContent = shown + " of " + paths.length;
    }
  }

  function shortKind(a) { return a ? a.kind : "external"; }
  function label(uid) {
    var n = assetName(uid);
    if (n.length > 34) n = n.slice(0, 32) + "\u2026";
    return n + "\n" + shortKind(assetsByUid[uid]);
  }

  function selectPath(id) {
    var p = null;
    paths.forEach(function (x) { if (x.id === id) p = x; });
    if (!p) return null;
    selectedPath = p;
    Object.keys(pathItems).forEach(function (k) { pathItems[k].classList.toggle("selected", k === id); });
    document.getElementById("graph-title").textContent = p.title;
    document.getElementById("graph-sub").textContent = p.status + " \u00b7 score " + p.score + " \u00b7 " + plural(p.steps.length, "step") +
      (p.unknowns && p.unknowns.length ? " \u00b7 depends on " + plural(p.unknowns.length, "unknown") : "");
    var nodeIds = {}, elements = [], prev = null;
    p.steps.forEach(function (s, i) {
      var a = assetsByUid[s.asset_uid];
      var st = KIND_STYLE[KIND_GROUP[a ? a.kind : "other"] || "other"];
      var ins = a ? (a.insights || []) : [];
      var isEntry = s.asset_uid === p.entry, isTarget = s.asset_uid === p.target;
      if (!(s.asset_uid in nodeIds)) {
        var nid = "n" + Object.keys(nodeIds).length;
        nodeIds[s.asset_uid] = nid;
        elements.push({ group: "nodes", data: { id: nid, uid: s.asset_uid, step: i, label: label(s.asset_uid), fill: st.fill,
          border: isEntry || ins.indexOf("exposed_to_internet") >= 0 ? "#dc2626" : st.border,
          bw: isEntry ? 3 : isTarget ? 5 : 1.5, bs: isTarget ? "double" : "solid" } });
      }
      if (prev !== null && prev !== s.asset_uid) {
        elements.push({ group: "edges", data: { id: "e" + i, source: nodeIds[prev], target: nodeIds[s.asset_uid], verb: s.verb || "", step: i } });
      }
      prev = s.asset_uid;
    });
    if (cy) { cy.destroy(); cy = null; }
    cy = cytoscape({
      container: document.getElementById("aispm-graph"),
      elements: elements,
      minZoom: 0.25, maxZoom: 2.5,
      boxSelectionEnabled: false,
      style: [
        { selector: "node", style: { "shape": "round-rectangle", "width": 172, "height": 58, "background-color": "data(fill)",
          "border-color": "data(border)", "border-width": "data(bw)", "border-style": "data(bs)", "label": "data(label)",
          "text-wrap": "wrap", "text-max-width": 160, "text-valign": "center", "text-halign": "center", "font-size": 11,
          "font-family": "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif", "color": "#1a2230" } },
        { selector: "node:selected", style: { "overlay-color": "#2b59c3", "overlay-opacity": 0.12, "border-color": "#2b59c3" } },
        { selector: "edge", style: { "width": 2, "line-color": "#8a93a0", "target-arrow-color": "#8a93a0", "target-arrow-shape": "triangle",
          "curve-style": "bezier", "label": "data(verb)", "font-size": 10, "color": "#3b4452", "text-background-color": "#ffffff",
          "text-background-opacity": 1, "text-background-padding": 2, "text-background-shape": "round-rectangle" } },
        { selector: "edge:selected", style: { "line-color": "#2b59c3", "target-arrow-color": "#2b59c3", "width": 3 } }
      ],
      layout: { name: "breadthfirst", directed: true, roots: elements.length ? ["#n0"] : undefined, spacingFactor: 1,
        padding: 30, animate: false, boundingBox: { x1: 0, y1: 0, w: Math.max(1, Object.keys(nodeIds).length) * 270, h: 160 } }
    });
    cy.fit(undefined, 30);
    if (cy.zoom() > 1.3) { cy.zoom(1.3); cy.center(); }
    cy.on("tap", "node", function (evt) { showNode(evt.target.data("uid"), evt.target.data("step")); });
    cy.on("tap", "edge", function (evt) { showEdge(evt.target.data("step")); });
    window.aispmCy = cy;
    var d = clear(document.getElementById("node-details"));
    d.appendChild(el("div", { "class": "empty", text: "Click a node or an edge of the graph to see its details." }));
    return cy;
  }

  function showNode(uid, stepIndex) {
    var a = assetsByUid[uid], d = clear(document.getElementById("node-details"));
    d.dataset.uid = uid;
    d.appendChild(el("h3", { id: "node-details-name", text: a ? name(a) : uid }));
    var chips = el("div");
    if (a) chips.appendChild(el("span", { "class": "chip", text: a.kind }));
    if (selectedPath && uid === selectedPath.entry) chips.appendChild(el("span", { "class": "chip warn", text: "entry point" }));
    if (selectedPath && uid === selectedPath.target) chips.appendChild(el("span", { "class": "chip ai", text: "target" }));
    ((a && a.insights) || []).forEach(function (i) { chips.appendChild(insightChip(i)); });
    d.appendChild(chips);
    var kv = el("dl", { "class": "kv" });
    function row(k, v, cls) { if (v !== "" && v !== null && v !== undefined) { kv.appendChild(el("dt", { text: k })); kv.appendChild(el("dd", { "class": cls || null, text: String(v) })); } }
    if (a) {
      row("Type", a.type); row("Declared at", where(a), "mono"); row("Address", a.origin.address, "mono");
      row("Provider", a.provider); row("Model / version", modelOf(a));
    } else {
      row("Note", "This node is referenced by the graph but not declared in the scanned input.");
    }
    row("UID", uid, "mono");
    d.appendChild(kv);
    if (selectedPath && stepIndex !== undefined && selectedPath.steps[stepIndex] && selectedPath.steps[stepIndex].evidence) {
      d.appendChild(el("h3", { text: "Evidence for this step" }));
      d.appendChild(el("div", { "class": "evidence mono", text: selectedPath.steps[stepIndex].evidence }));
    }
    var facts = a ? Object.keys(a.facts || {}).sort() : [];
    if (facts.length) {
      d.appendChild(el("h3", { text: "Facts" }));
      var ft = el("tbody");
      facts.forEach(function (k) {
        var ev = (a.fact_evidence || {})[k];
        ft.appendChild(el("tr", null, [el("td", { "class": "mono", text: k }), el("td", { "class": "wrap", text: fmt(a.facts[k]) }),
          el("td", { "class": "faint mono wrap", text: ev ? ev.path + (ev.note ? " (" + ev.note + ")" : "") : "" })]));
      });
      d.appendChild(el("div", { "class": "facts" }, el("table", null, ft)));
    }
    var fs = (findingsByAsset[uid] || []).filter(function (f) { return f.status !== "pass"; }).sort(findingOrder);
    d.appendChild(el("h3", { text: "Findings on this asset (" + fs.length + ")" }));
    if (fs.length) {
      d.appendChild(el("ul", { "class": "plain", id: "node-findings" }, fs.map(function (f) {
        return el("li", null, [sevBadge(f.severity), " ", statusBadge(f.status), " ", el("span", { text: f.title }), " ",
          el("span", { "class": "faint mono", text: f.rule_id }),
          f.message ? el("div", { "class": "muted wrap", style: "font-size:12px", text: f.message }) : null, fixLine(f)]);
      })));
    } else {
      d.appendChild(el("div", { "class": "faint", text: "No failing or unknown findings." }));
    }
    if (a) {
      d.appendChild(el("div", { style: "margin-top:10px" }, el("button", { type: "button", "class": "linkbtn", text: "Show paths through this asset",
        onclick: function () { pathFilter.through = uid; applyPathFilter(); } })));
    }
  }

  function showEdge(stepIndex) {
    var d = clear(document.getElementById("node-details"));
    var s = selectedPath.steps[stepIndex], prev = selectedPath.steps[stepIndex - 1];
    delete d.dataset.uid;
    d.appendChild(el("h3", { text: assetName(prev.asset_uid) + " \u2192 " + (s.verb || "") + " \u2192 " + assetName(s.asset_uid) }));
    d.appendChild(el("div", { "class": "evidence mono", text: s.evidence || "No evidence recorded for this step." }));
  }

  function renderChokePoints(root) {
    var cps = (DATA.choke_points || []).slice().sort(function (a, b) { return b.paths - a.paths; });
    var card = el("div", { "class": "card", id: "choke-points", style: "margin-top:16px" });
    card.appendChild(el("div", { "class": "toolbar" }, [el("h3", { style: "margin:0", text: "Choke points" }),
      el("span", { "class": "muted", style: "font-size:12px", text: "Assets through which most attack paths pass: fixing one breaks them all." })]));
    if (!cps.length) { card.appendChild(el("div", { "class": "empty-state", text: "No choke points." })); root.appendChild(card); return; }
    var max = cps[0].paths || 1, tb = el("tbody");
    cps.forEach(function (c) {
      var a = assetsByUid[c.asset_uid];
      tb.appendChild(el("tr", null, [
        el("td", null, [el("div", { "class": "wrap", style: "font-weight:600", text: assetName(c.asset_uid) }), el("div", { "class": "faint mono", text: a ? where(a) : "" })]),
        el("td", { text: a ? a.kind : "" }),
        el("td", { "class": "num", text: String(c.paths) }),
        el("td", { style: "width:30%" }, el("div", { "class": "sevbar", style: "margin:6px 0" },
          el("div", { style: "width:" + (100 * c.paths / max).toFixed(1) + "%;background:#2b59c3" }))),
        el("td", null, paths.length ? el("button", { type: "button", "class": "linkbtn", text: "show paths",
          onclick: function () { pathFilter.through = c.asset_uid; applyPathFilter(); document.getElementById("paths").scrollIntoView(); } }) : null)
      ]));
    });
    card.appendChild(el("table", null, [el("thead", null, el("tr", null, [el("th", { text: "Asset" }), el("th", { text: "Kind" }),
      el("th", { "class": "num", text: "Paths" }), el("th", { text: "" }), el("th", { text: "" })])), tb]));
    root.appendChild(card);
  }

  // ---- inventory ----
  function renderInventory() {
    var root = document.getElementById("inventory");
    root.appendChild(sectionHead("AI inventory", DATA.assets.length));
    root.appendChild(el("p", { "class": "sub", text: "Every asset the scan found, by kind, with its model or version, where it is declared and what the security graph knows about it." }));
    var byKind = {};
    DATA.assets.forEach(function (a) { (byKind[a.kind] = byKind[a.kind] || []).push(a); });
    var kinds = Object.keys(byKind).sort(function (a, b) {
      var ia = KIND_ORDER.indexOf(a), ib = KIND_ORDER.indexOf(b);
      return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || (a < b ? -1 : 1);
    });
    if (!kinds.length) { root.appendChild(el("div", { "class": "card empty-state", text: "No assets were found." })); return; }
    var nav = el("div", { "class": "kind-nav" });
    root.appendChild(nav);
    kinds.forEach(function (k) {
      var list = byKind[k].slice().sort(function (a, b) { var x = name(a).toLowerCase(), y = name(b).toLowerCase(); return x < y ? -1 : x > y ? 1 : 0; });
      var tb = el("tbody");
      list.forEach(function (a) {
        var fails = (findingsByAsset[a.uid] || []).filter(function (f) { return f.status === "fail"; });
        var worst = fails.slice().sort(findingOrder)[0];
        tb.appendChild(el("tr", { "class": "asset-row", data: { uid: a.uid, kind: a.kind } }, [
          el("td", null, [el("div", { "class": "wrap asset-name", style: "font-weight:600", text: name(a) }),
            a.existing ? el("span", { "class": "chip", text: "declared elsewhere" }) : null]),
          el("td", { "class": "mono wrap", text: a.type }),
          el("td", { "class": "wrap", text: modelOf(a) }),
          el("td", null, [el("div", { "class": "mono wrap", text: where(a) }), el("div", { "class": "faint mono wrap", text: a.origin.address })]),
          el("td", null, (a.insights || []).map(insightChip)),
          el("td", { "class": "num" }, fails.length ? [sevBadge(worst.severity), " " + fails.length] : el("span", { "class": "faint", text: "0" }))
        ]));
      });
      var group = el("details", { "class": "card group", id: "kind-" + k, open: list.length <= 60 ? true : null }, [
        el("summary", null, [AI_KINDS[k] ? el("span", { "class": "chip ai", text: "AI" }) : null, k, el("span", { "class": "count", text: String(list.length) })]),
        el("table", { "class": "inv" }, [el("thead", null, el("tr", null, [el("th", { text: "Name" }), el("th", { text: "Type" }), el("th", { text: "Model / version" }),
          el("th", { text: "Declared at" }), el("th", { text: "Insights" }), el("th", { "class": "num", text: "Failing" })])), tb])
      ]);
      nav.appendChild(el("button", { type: "button", onclick: function () { group.open = true; group.scrollIntoView(); } }, [k, el("b", { text: String(list.length) })]));
      root.appendChild(group);
    });
  }

  // ---- findings ----
  var ffilter = { severity: "all", pillar: "all", status: "open", text: "" };
  var findingRows = [];
  // how to fix a finding: its first step and a link to the rule's (or advisory's) page
  function fixLine(f) {
    var r = f.remediation;
    if (!r || f.status === "pass") return null;
    var url = /^https:\/\//.test(r.url || "") ? r.url : null;
    return el("div", { "class": "fix", style: "font-size:12.5px" }, [el("b", { text: "Fix: " }), (r.steps && r.steps[0]) || "",
      url ? " " : null, url ? el("a", { href: url, target: "_blank", rel: "noopener noreferrer", "class": "rule-page", text: "rule page" }) : null]);
  }
  function findingOrder(a, b) {
    return (STATUS_RANK[a.status] - STATUS_RANK[b.status]) || (SEV_RANK[a.severity] - SEV_RANK[b.severity]) ||
      (a.pillar < b.pillar ? -1 : a.pillar > b.pillar ? 1 : 0) || (a.rule_id < b.rule_id ? -1 : a.rule_id > b.rule_id ? 1 : 0);
  }
  function renderFindings() {
    var root = document.getElementById("findings");
    root.appendChild(sectionHead("Findings", DATA.findings.length));
    root.appendChild(el("p", { "class": "sub", text: "Rules and advisories applied to each asset, by severity and pillar. \u201cOpen\u201d shows failing and unknown findings." }));
    var sevSeg = el("div", { "class": "seg", id: "sev-filter" }, ["all"].concat(SEVERITIES).map(function (s) {
      var n = s === "all" ? null : DATA.findings.filter(function (f) { return f.severity === s; }).length;
      return el("button", { type: "button", data: { severity: s }, text: s + (n === null ? "" : " (" + n + ")"),
        onclick: function () { setFindingFilter({ severity: s }); } });
    }));
    var pillars = {};
    DATA.findings.forEach(function (f) { pillars[f.pillar] = 1; });
    var pillarSel = el("select", { id: "pillar-filter", "aria-label": "Pillar", onchange: function (e) { setFindingFilter({ pillar: e.target.value }); } },
      [el("option", { value: "all", text: "all pillars" })].concat(Object.keys(pillars).sort().map(function (p) { return el("option", { value: p, text: p }); })));
    var statusSel = el("select", { id: "status-filter", "aria-label": "Status", onchange: function (e) { setFindingFilter({ status: e.target.value }); } },
      [["open", "open (fail + unknown)"], ["fail", "fail"], ["unknown", "unknown"], ["suppressed", "suppressed"], ["pass", "pass"], ["all", "all statuses"]]
        .map(function (o) { return el("option", { value: o[0], text: o[1] }); }));
    var search = el("input", { type: "search", id: "finding-search", placeholder: "Search rule, title, asset, file\u2026", "aria-label": "Search findings",
      oninput: function (e) { setFindingFilter({ text: e.target.value.toLowerCase() }); } });
    var toolbar = el("div", { "class": "toolbar" }, [sevSeg, el("label", { "class": "ctl" }, ["Pillar", pillarSel]),
      el("label", { "class": "ctl" }, ["Status", statusSel]), search, el("span", { "class": "shown", id: "findings-shown" })]);
    var tb = el("tbody", { id: "findings-body" });
    DATA.findings.slice().sort(findingOrder).forEach(function (f) {
      var a = assetsByUid[f.asset_uid];
      var loc = f.file ? f.file + (f.line ? ":" + f.line : "") : (a ? where(a) : "");
      var tr = el("tr", { "class": "finding-row", data: { severity: f.severity, pillar: f.pillar, status: f.status, rule: f.rule_id } }, [
        el("td", null, sevBadge(f.severity)),
        el("td", null, statusBadge(f.status)),
        el("td", { text: f.pillar }),
        el("td", { "class": "mono nowrap", text: f.rule_id }),
        el("td", { "class": "wrap" }, [el("div", { style: "font-weight:600", text: f.title }),
          f.message ? el("div", { "class": "muted", style: "font-size:12.5px", text: f.message }) : null,
          f.suppressed_reason ? el("div", { "class": "faint", style: "font-size:12px", text: "Suppressed: " + f.suppressed_reason }) : null,
          fixLine(f)]),
        el("td", { "class": "wrap", text: a ? name(a) : (f.address || f.asset_uid) }),
        el("td", { "class": "mono wrap", text: loc })
      ]);
      tr._search = (f.rule_id + " " + f.title + " " + f.message + " " + (a ? name(a) : "") + " " + loc + " " + (f.address || "")).toLowerCase();
      findingRows.push(tr);
      tb.appendChild(tr);
    });
    var empty = el("tr", { id: "findings-empty", hidden: true }, el("td", { colspan: "7", "class": "empty-state", text: "No findings match these filters." }));
    tb.appendChild(empty);
    var table = el("table", { id: "findings-table" }, [el("thead", null, el("tr", null, ["Severity", "Status", "Pillar", "Rule", "Finding", "Asset", "Location"]
      .map(function (h) { return el("th", { text: h }); }))), tb]);
    root.appendChild(el("div", { "class": "card" }, [toolbar, table]));
    applyFindingFilter();
  }
  function setFindingFilter(change) {
    Object.keys(change).forEach(function (k) { ffilter[k] = change[k]; });
    applyFindingFilter();
  }
  function applyFindingFilter() {
    var shown = 0;
    findingRows.forEach(function (tr) {
      var d = tr.dataset;
      var ok = (ffilter.severity === "all" || d.severity === ffilter.severity) && (ffilter.pillar === "all" || d.pillar === ffilter.pillar) &&
        (ffilter.status === "all" || (ffilter.status === "open" ? d.status === "fail" || d.status === "unknown" : d.status === ffilter.status)) &&
        (!ffilter.text || tr._search.indexOf(ffilter.text) >= 0);
      tr.hidden = !ok;
      if (ok) shown++;
    });
    document.getElementById("findings-empty").hidden = shown > 0;
    document.getElementById("findings-shown").textContent = "Showing " + shown + " of " + findingRows.length;
    Array.prototype.forEach.call(document.querySelectorAll("#sev-filter button"), function (b) { b.classList.toggle("active", b.dataset.severity === ffilter.severity); });
    document.getElementById("pillar-filter").value = ffilter.pillar;
    document.getElementById("status-filter").value = ffilter.status;
  }

""" + COMPLIANCE_JS + r"""
  // ---- input errors and warnings ----
  function renderProblems() {
    var root = document.getElementById("problems");
    var errs = DATA.errors || [], warns = DATA.warnings || [];
    root.appendChild(sectionHead("Input errors and warnings", errs.length + warns.length));
    if (!errs.length && !warns.length) { root.appendChild(el("div", { "class": "card empty-state", text: "Every input was read; no warnings." })); return; }
    var card = el("div", { "class": "card pad problems" });
    if (errs.length) {
      card.appendChild(el("h3", { text: "Input that could not be read (" + errs.length + ")" }));
      card.appendChild(el("ul", { id: "error-list" }, errs.map(function (e) {
        return el("li", null, [el("span", { "class": "mono", text: e.file + (e.line ? ":" + e.line : "") }), " \u2014 ", e.message]);
      })));
    }
    if (warns.length) {
      card.appendChild(el("h3", { text: "Warnings (" + warns.length + ")" }));
      card.appendChild(el("ul", null, warns.map(function (w) { return el("li", { text: w }); })));
    }
    root.appendChild(card);
  }

  renderSummary();
  renderPaths();
  renderInventory();
  renderFindings();
  renderCompliance();
  renderProblems();
  if (paths.length) { applyPathFilter(); selectPath(paths[0].id); }
  window.aispmReport = { data: DATA, selectPath: selectPath, setFindingFilter: setFindingFilter, showNode: showNode };
})();
"""
