"""The stylesheet of the HTML report (`aispm.report.html`), inlined in its `<style>` element.

Kept apart from the page's structure and script so that each module stays one concern; the
Content-Security-Policy of the page allows inline styles (`style-src 'unsafe-inline'`), never
inline scripts other than the two it hashes."""

CSS = """
:root {
  --bg: #f5f6f8; --surface: #ffffff; --surface-2: #f9fafb; --border: #e2e5ea; --border-strong: #cfd4dc;
  --text: #1a2230; --muted: #5a6472; --faint: #8a93a0; --accent: #2b59c3; --accent-bg: #e8eefb;
  --critical: #9f1239; --critical-bg: #ffe4e6; --high: #c2410c; --high-bg: #ffedd5;
  --medium: #92400e; --medium-bg: #fef3c7; --low: #1d4ed8; --low-bg: #dbeafe; --info: #475569; --info-bg: #eef1f5;
  --ok: #15803d; --ok-bg: #dcfce7; --possible: #7c3aed; --possible-bg: #ede9fe;
  --radius: 8px; --shadow: 0 1px 2px rgba(16,24,40,.05), 0 1px 3px rgba(16,24,40,.07);
  --font: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
html { scroll-behavior: smooth; scroll-padding-top: 64px; }
body { margin: 0; background: var(--bg); color: var(--text); font: 14px/1.5 var(--font); }
header.top { position: sticky; top: 0; z-index: 10; background: var(--surface); border-bottom: 1px solid var(--border);
  display: flex; align-items: center; gap: 24px; padding: 10px 28px; }
.brand { font-weight: 700; font-size: 16px; letter-spacing: .2px; white-space: nowrap; }
.brand span { color: var(--accent); }
header.top nav { display: flex; gap: 4px; flex-wrap: wrap; }
header.top nav a { color: var(--muted); text-decoration: none; padding: 6px 10px; border-radius: 6px; font-weight: 500; }
header.top nav a:hover { background: var(--accent-bg); color: var(--accent); }
.meta { margin-left: auto; color: var(--faint); font-size: 12px; text-align: right; }
main { max-width: 1440px; margin: 0 auto; padding: 24px 28px 64px; }
section { margin-bottom: 36px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 0 0 12px; display: flex; align-items: baseline; gap: 10px; }
h2 .count { color: var(--faint); font-weight: 500; font-size: 14px; }
h3 { font-size: 14px; margin: 0 0 8px; }
.sub { color: var(--muted); margin: 0 0 16px; }
.card { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); box-shadow: var(--shadow); }
.pad { padding: 16px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 12px; margin-bottom: 16px; }
.stat { padding: 14px 16px; }
.stat .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .4px; }
.stat .value { font-size: 26px; font-weight: 700; line-height: 1.2; margin-top: 2px; }
.stat .hint { color: var(--faint); font-size: 12px; }
.grid2 { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 16px; align-items: start; }
.sevbar { display: flex; height: 12px; border-radius: 6px; overflow: hidden; background: var(--info-bg); margin: 8px 0 12px; }
.sevbar div { height: 100%; }
.legend { display: flex; flex-wrap: wrap; gap: 8px 16px; color: var(--muted); font-size: 12px; }
.legend .sw { display: inline-block; width: 10px; height: 10px; border-radius: 3px; margin-right: 6px; vertical-align: -1px; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; padding: 8px 10px; border-bottom: 1px solid var(--border); vertical-align: top; }
th { font-size: 12px; color: var(--muted); font-weight: 600; text-transform: uppercase; letter-spacing: .3px; background: var(--surface-2); }
tbody tr:hover { background: #fafbfd; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.click { cursor: pointer; }
td.click:hover { background: var(--accent-bg); }
.mono { font-family: var(--mono); font-size: 12px; }
.muted { color: var(--muted); }
.faint { color: var(--faint); }
.wrap { overflow-wrap: anywhere; }
.nowrap { white-space: nowrap; }
table.inv { table-layout: fixed; }
table.inv th:nth-child(1) { width: 19%; } table.inv th:nth-child(2) { width: 21%; } table.inv th:nth-child(3) { width: 13%; }
table.inv th:nth-child(4) { width: 20%; } table.inv th:nth-child(5) { width: 19%; } table.inv th:nth-child(6) { width: 8%; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 12px; font-weight: 600; white-space: nowrap; border: 1px solid transparent; }
.sev-critical { color: var(--critical); background: var(--critical-bg); }
.sev-high { color: var(--high); background: var(--high-bg); }
.sev-medium { color: var(--medium); background: var(--medium-bg); }
.sev-low { color: var(--low); background: var(--low-bg); }
.sev-info { color: var(--info); background: var(--info-bg); }
.st-fail { color: var(--critical); background: #fff; border-color: #fecdd3; }
.st-pass { color: var(--ok); background: #fff; border-color: #bbf7d0; }
.st-unknown { color: var(--possible); background: #fff; border-color: #ddd6fe; }
.st-suppressed { color: var(--info); background: #fff; border-color: var(--border-strong); }
.st-manual { color: var(--medium); background: #fff; border-color: #fde68a; }
.st-not_covered { color: var(--faint); background: #fff; border-color: var(--border); }
.st-confirmed { color: #fff; background: var(--critical); }
.st-possible { color: var(--possible); background: var(--possible-bg); }
.chip { display: inline-block; padding: 0 7px; border-radius: 4px; font-size: 11.5px; background: var(--info-bg); color: var(--info); margin: 2px 4px 2px 0; white-space: nowrap; }
.chip.warn { background: var(--critical-bg); color: var(--critical); }
.chip.ai { background: var(--possible-bg); color: var(--possible); }
.chip.data { background: #ccfbf1; color: #0f766e; }
.chip.cred { background: var(--medium-bg); color: var(--medium); }
.toolbar { display: flex; flex-wrap: wrap; gap: 10px 14px; align-items: center; padding: 12px 16px; border-bottom: 1px solid var(--border); }
.seg { display: inline-flex; border: 1px solid var(--border-strong); border-radius: 6px; overflow: hidden; }
.seg button { font: inherit; font-size: 13px; border: 0; border-right: 1px solid var(--border-strong); background: var(--surface); color: var(--text); padding: 5px 11px; cursor: pointer; }
.seg button:last-child { border-right: 0; }
.seg button:hover { background: var(--surface-2); }
.seg button.active { background: var(--accent); color: #fff; }
select, input[type=search] { font: inherit; font-size: 13px; padding: 5px 8px; border: 1px solid var(--border-strong); border-radius: 6px; background: var(--surface); color: var(--text); }
input[type=search] { min-width: 220px; }
label.ctl { color: var(--muted); font-size: 12px; display: inline-flex; gap: 6px; align-items: center; }
.shown { margin-left: auto; color: var(--muted); font-size: 12px; }
.linkbtn { font: inherit; font-size: 12px; background: none; border: 0; color: var(--accent); cursor: pointer; padding: 0; }
.paths-layout { display: grid; grid-template-columns: minmax(320px, 5fr) minmax(0, 7fr); gap: 16px; align-items: start; }
.path-list { list-style: none; margin: 0; padding: 0; max-height: 760px; overflow: auto; }
.path { padding: 12px 14px; border-bottom: 1px solid var(--border); cursor: pointer; border-left: 3px solid transparent; outline: none; }
.path:hover { background: var(--surface-2); }
.path:focus-visible { box-shadow: inset 0 0 0 2px var(--accent); }
.path.selected { background: var(--accent-bg); border-left-color: var(--accent); }
.path .head { display: flex; gap: 8px; align-items: center; margin-bottom: 4px; }
.path .rank { color: var(--faint); font-size: 12px; font-variant-numeric: tabular-nums; }
.path .title { font-weight: 600; overflow-wrap: anywhere; }
.path .kinds { color: var(--muted); font-size: 12px; margin: 2px 0; }
.path .unknowns { color: var(--possible); font-size: 12px; margin: 4px 0 0; padding-left: 18px; }
.path .fix { font-size: 12.5px; margin-top: 4px; color: var(--text); overflow-wrap: anywhere; }
.path .fix b { color: var(--ok); font-weight: 600; }
.score { display: inline-block; min-width: 40px; text-align: center; font-weight: 700; font-size: 12px; border-radius: 6px; padding: 1px 6px; font-variant-numeric: tabular-nums; }
.score.s-high { background: var(--critical); color: #fff; }
.score.s-mid { background: var(--high-bg); color: var(--high); }
.score.s-low { background: var(--medium-bg); color: var(--medium); }
.graph-card .graph-head { padding: 12px 16px; border-bottom: 1px solid var(--border); }
.graph-card .graph-title { font-weight: 600; overflow-wrap: anywhere; }
#aispm-graph { height: 340px; width: 100%; background: linear-gradient(#fbfcfd, #f6f8fa); border-bottom: 1px solid var(--border); }
.graph-legend { padding: 8px 16px; border-bottom: 1px solid var(--border); }
.details { padding: 14px 16px; min-height: 120px; }
.details .empty { color: var(--faint); }
.details h3 { font-size: 15px; margin-bottom: 6px; overflow-wrap: anywhere; }
dl.kv { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 4px 14px; margin: 8px 0; }
dl.kv dt { color: var(--muted); font-size: 12.5px; }
dl.kv dd { margin: 0; overflow-wrap: anywhere; }
.facts { max-height: 260px; overflow: auto; border: 1px solid var(--border); border-radius: 6px; margin: 6px 0 10px; }
.facts td { padding: 4px 8px; font-size: 12.5px; }
.evidence { background: var(--surface-2); border: 1px solid var(--border); border-radius: 6px; padding: 8px 10px; font-size: 12px; overflow-wrap: anywhere; margin: 6px 0 10px; }
ul.plain { list-style: none; margin: 0; padding: 0; }
ul.plain li { padding: 4px 0; border-bottom: 1px dashed var(--border); }
ul.plain li:last-child { border-bottom: 0; }
.kind-nav { display: flex; flex-wrap: wrap; gap: 6px; margin-bottom: 12px; }
.kind-nav button { font: inherit; font-size: 12.5px; border: 1px solid var(--border-strong); background: var(--surface); border-radius: 999px; padding: 3px 10px; cursor: pointer; color: var(--text); }
.kind-nav button:hover { border-color: var(--accent); color: var(--accent); }
.kind-nav button b { color: var(--muted); font-weight: 600; margin-left: 4px; }
details.group { margin-bottom: 12px; }
details.group > summary { cursor: pointer; padding: 10px 16px; font-weight: 600; list-style: none; display: flex; gap: 10px; align-items: center; }
details.group > summary::-webkit-details-marker { display: none; }
details.group > summary::before { content: "\\25B8"; color: var(--faint); transition: transform .15s; }
details.group[open] > summary::before { transform: rotate(90deg); }
details.group > summary .count { color: var(--faint); font-weight: 500; }
details.group table { border-top: 1px solid var(--border); }
.empty-state { padding: 24px; text-align: center; color: var(--muted); }
.problems li { margin-bottom: 4px; }
footer { color: var(--faint); font-size: 12px; text-align: center; padding: 24px; }
@media (max-width: 1000px) { .paths-layout, .grid2 { grid-template-columns: 1fr; } header.top .meta { display: none; } }
@media print { header.top { position: static; } .toolbar, .kind-nav { display: none; } .path-list { max-height: none; } }
"""
