"""The HTML report's compliance section: coverage per requirement when `aispm scan --compliance` asked for it.

`COMPLIANCE_JS` is the page script's `renderCompliance()` (`report/html.py` splices it into `_APP_JS`, whose
helpers `el`, `sectionHead` and `DATA` it uses): one card per framework of the JSON report's `compliance[]`
with its summary and a row per requirement (status badge, failing findings, the rules that check it); MITRE
ATLAS techniques aispm does not check are left out. With no framework asked for, the section and its link in
the navigation are hidden. Data reaches the DOM through `textContent` only, as everywhere on the page.
"""

from __future__ import annotations

COMPLIANCE_JS = r"""  // ---- compliance coverage (aispm scan --compliance): a status per requirement ----
  function renderCompliance() {
    var root = document.getElementById("compliance"), fws = DATA.compliance || [];
    if (!fws.length) { root.hidden = true; document.getElementById("nav-compliance").hidden = true; return; }
    root.appendChild(sectionHead("Compliance", fws.length));
    fws.forEach(function (fw) {
      var s = fw.summary, shown = fw.requirements.filter(function (r) { return fw.id !== "mitre-atlas" || r.status !== "not_covered"; });
      var tb = el("tbody", null, shown.map(function (r) {
        return el("tr", { "class": "req", data: { status: r.status } }, [el("td", { "class": "mono nowrap", text: r.id }),
          el("td", { "class": "wrap", text: r.title }), el("td", null, el("span", { "class": "badge st-" + r.status, text: r.status.replace("_", " ") })),
          el("td", { "class": "num", text: String(r.findings.fail) }),
          el("td", { "class": "wrap mono", text: r.rules.join(", ") || "\u2014" })]);
      }));
      root.appendChild(el("div", { "class": "card pad", id: "compliance-" + fw.id }, [
        el("h3", { "class": "wrap", text: fw.name + (fw.name.indexOf(fw.version) < 0 ? " " + fw.version : "") }),
        el("p", { "class": "sub", text: s.fail + " fail, " + s.pass + " pass, " + s.manual + " manual, " + s.not_covered +
          " not covered" + (shown.length < fw.requirements.length ? " (techniques aispm does not check are not listed)" : "") }),
        el("table", null, [el("thead", null, el("tr", null, ["Requirement", "Title", "Status", "Failing", "aispm checks"].map(
          function (h) { return el("th", { text: h }); }))), tb])]));
    });
  }
"""
