"""The HTML report, tested in a real headless Chromium (Debian's `chromium`).

Chromium is not optional here: `.ci/run` installs it (`apt-get install -y chromium`),
and these tests fail (never skip) when it is missing, so a green run always means
the page was really loaded and clicked through.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from aispm.model import (
    AttackPath,
    Asset,
    ChokePoint,
    Finding,
    Kind,
    Origin,
    PathStep,
    Pillar,
    References,
    Relation,
    ScanError,
    ScanResult,
    Severity,
    Status,
    Unknown,
)
from aispm.report import html as html_report

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
EVIL = "<img src=x onerror=alert(1)></script><script>alert(2)</script>"
EVIL_MESSAGE = "see <!-- and </script><script>alert(3)</script> & <b>bold</b>"


# ---------------------------------------------------------------- the estate


def _asset(uid: str, name: str | Unknown, kind: Kind, type_: str, file: str, line: int, **facts) -> Asset:
    a = Asset(uid=uid, provider="azure", type=type_, name=name, kind=kind,
              origin=Origin(file=file, line=line, address=uid.split(":")[-1], format="terraform"))
    for k, v in facts.items():
        a.set_fact(k, v, f"properties.{k}", v)
    return a


APP = "terraform:main.tf:azurerm_linux_web_app.chat"
OAI = "terraform:main.tf:azurerm_cognitive_account.oai"
DEP = "terraform:main.tf:azurerm_cognitive_deployment.gpt"
DOCS = "terraform:main.tf:azurerm_storage_account.docs"
BAD = "terraform:evil.tf:azurerm_linux_web_app.evil"

TITLE_KEY = "Internet-exposed App Service app app-chat holds a key to Azure OpenAI account oai-prod, which deploys gpt-4o"
TITLE_EVIL = f"App Service app {EVIL} has role Cognitive Services OpenAI User on Azure OpenAI account oai-prod"
TITLE_DOCS = "Widely internet-exposed storage account stdocs is used for AI grounding"


def estate() -> ScanResult:
    app = _asset(APP, "app-chat", Kind.COMPUTE, "Microsoft.Web/sites", "main.tf", 10,
                 internet_exposed=True, managed_identity=False, holds_key_for=["oai-prod"])
    app.insights = {"exposed_to_internet", "holds_credentials", "used_for_ai"}
    oai = _asset(OAI, "oai-prod", Kind.AI_SERVICE, "Microsoft.CognitiveServices/accounts", "main.tf", 30,
                 local_auth_enabled=True, public_network_access=None)
    oai.facts["customer_managed_key"] = None  # unknown
    oai.insights = {"used_for_ai"}
    dep = _asset(DEP, "gpt-4o", Kind.MODEL_DEPLOYMENT, "Microsoft.CognitiveServices/accounts/deployments", "main.tf", 50,
                 model="OpenAI/gpt-4o@2024-08-06")
    dep.insights = {"used_for_ai"}
    docs = _asset(DOCS, "stdocs", Kind.DATA_STORE, "Microsoft.Storage/storageAccounts", "main.tf", 70,
                  public_network_access=True)
    docs.insights = {"exposed_to_internet", "used_for_ai_grounding", "contains_sensitive_data"}
    bad = _asset(BAD, EVIL, Kind.COMPUTE, "Microsoft.Web/sites", "evil.tf", 3, note=EVIL)
    bad.insights = {"exposed_to_internet"}
    unnamed = _asset("terraform:main.tf:azurerm_user_assigned_identity.id", Unknown("var.identity_name"),
                     Kind.IDENTITY, "Microsoft.ManagedIdentity/userAssignedIdentities", "main.tf", 90)

    def finding(rule, title, sev, pillar, status, uid, line, message=""):
        return Finding(rule_id=rule, title=title, severity=sev, pillar=pillar, status=status, asset_uid=uid,
                       evidence={}, references=References(), file=uid.split(":")[1], line=line,
                       address=uid.split(":")[-1], message=message)

    findings = [
        finding("AISPM-AZ-001", "Azure AI Services resources should have key access disabled", Severity.HIGH,
                Pillar.IDENTITY, Status.FAIL, OAI, 30),
        finding("AISPM-AZ-002", "Azure AI Services resources should restrict network access", Severity.MEDIUM,
                Pillar.NETWORK, Status.UNKNOWN, OAI, 30),
        finding("AISPM-AZ-090", "App Service apps should use managed identity", Severity.MEDIUM, Pillar.IDENTITY,
                Status.FAIL, APP, 10),
        finding("AISPM-AZ-050", "Storage accounts should disable public network access", Severity.CRITICAL,
                Pillar.NETWORK, Status.FAIL, DOCS, 70),
        finding("AISPM-AZ-004", "AI accounts should use customer-managed keys", Severity.LOW, Pillar.DATA,
                Status.FAIL, OAI, 30),
        finding("AISPM-AZ-010", "Content filtering should be used", Severity.LOW, Pillar.AI, Status.PASS, DEP, 50),
        finding("AISPM-AZ-666", "Evil finding", Severity.HIGH, Pillar.NETWORK, Status.FAIL, BAD, 3, EVIL_MESSAGE),
    ]
    paths = [
        AttackPath(id="p-key", title=TITLE_KEY, score=82.5, status="confirmed", entry=APP, target=DEP,
                   steps=[PathStep(APP, None, "entry (internet-exposed-compute): internet_exposed=True"),
                          PathStep(OAI, "holds_key_for", "app settings hold listKeys() of oai-prod"),
                          PathStep(DEP, "deploys", "oai-prod deploys gpt-4o")],
                   risk_factors=["internet-exposure", "key-authentication"],
                   remediation="remove the key of oai-prod from the app settings of app-chat (main.tf:10)",
                   entry_kind="internet-exposed-compute", target_kind="model-deployment"),
        AttackPath(id="p-docs", title=TITLE_DOCS, score=60.0, status="confirmed", entry=DOCS, target=DOCS,
                   steps=[PathStep(DOCS, None, "entry (internet-exposed-data)")],
                   risk_factors=["internet-exposure", "sensitive-data"],
                   remediation="add a private endpoint to stdocs", entry_kind="internet-exposed-data",
                   target_kind="grounding-data"),
        AttackPath(id="p-evil", title=TITLE_EVIL, score=41.0, status="possible", entry=BAD, target=OAI,
                   steps=[PathStep(BAD, None, f"entry: {EVIL}"), PathStep(OAI, "has_role_on", EVIL_MESSAGE)],
                   risk_factors=["permissions"],
                   unknowns=[f"whether {OAI} accepts keys is unknown"],
                   remediation=f"narrow the role of {EVIL}", entry_kind="internet-exposed-compute",
                   target_kind="ai-account"),
    ]
    return ScanResult(
        assets=[app, oai, dep, docs, bad, unnamed],
        relations=[Relation(APP, "holds_key_for", OAI), Relation(OAI, "deploys", DEP), Relation(BAD, "has_role_on", OAI),
                   Relation(OAI, "grounded_on", DOCS)],
        findings=findings,
        errors=[ScanError("broken.tf", 4, f"could not parse {EVIL}")],
        targets=["estate"],
        files_scanned=3,
        attack_paths=paths,
        choke_points=[ChokePoint(OAI, 2), ChokePoint(APP, 1)],
        warnings=["advisory data is 40 days old"],
    )


# ---------------------------------------------------------------- the browser


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail(f"Chromium is required for the HTML report tests and was not found at {CHROMIUM}: "
                    "`.ci/run` installs it with `apt-get install -y chromium` (run that line locally).")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - a dependency problem, said loudly
        pytest.fail("Python playwright is required for the HTML report tests: `uv pip install playwright==1.65.2` "
                    "(the browser is Debian's chromium, never `playwright install`).")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


class Loaded:
    """A report opened in a fresh browser context, with everything it did recorded."""

    def __init__(self, browser, path: Path) -> None:
        self.url = path.as_uri()
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000})
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.console: list[tuple[str, str]] = []
        self.page_errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.console.append((m.type, m.text)))
        self.page.on("pageerror", lambda e: self.page_errors.append(str(e)))
        self.context.on("request", lambda r: self.requests.append(r.url))

        def on_dialog(d):
            self.dialogs.append(d.message)
            d.dismiss()

        self.page.on("dialog", on_dialog)
        self.page.goto(self.url, wait_until="load")
        self.page.wait_for_function("window.aispmReport !== undefined")

    def errors(self) -> list[str]:
        return [t for kind, t in self.console if kind == "error"] + self.page_errors

    def assert_clean(self) -> None:
        assert self.errors() == [], f"console/page errors: {self.errors()}"
        assert self.requests == [self.url], f"the report made network requests: {self.requests}"
        assert self.dialogs == [], f"a dialog was opened (script injection?): {self.dialogs}"

    def visible_findings(self) -> list[dict]:
        return self.page.evaluate("""Array.from(document.querySelectorAll('#findings-body tr.finding-row'))
            .filter(tr => !tr.hidden).map(tr => Object.assign({}, tr.dataset))""")

    def click_node(self, uid: str) -> None:
        """Click a graph node with the mouse, where Cytoscape drew it."""
        graph = self.page.locator("#aispm-graph")
        graph.scroll_into_view_if_needed()
        # Cytoscape caches where its container is and refreshes that cache on the scroll event, which the
        # browser delivers with the next frame; a click before then lands where the graph used to be (this
        # failed once in CI under load). Two frames guarantee the scroll event has been handled.
        self.page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        box = graph.bounding_box()
        pos = self.page.evaluate(
            "uid => window.aispmCy.nodes().filter(n => n.data('uid') === uid)[0].renderedPosition()", uid)
        self.page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def report(browser, tmp_path):
    path = tmp_path / "report.html"
    path.write_text(html_report.render(estate()), encoding="utf-8")
    loaded = Loaded(browser, path)
    yield loaded
    loaded.close()


# ---------------------------------------------------------------- without a browser


def test_embedded_json_cannot_break_out_of_its_script_block():
    data = {"name": EVIL, "msg": EVIL_MESSAGE, "sep": "a\u2028b\u2029c", "amp": "&lt;"}
    text = html_report.embed_json(data)
    low = text.lower()
    assert "</script" not in low and "<!--" not in low and "<script" not in low and "<" not in text
    assert json.loads(text) == data


def test_render_is_one_self_contained_document():
    page = html_report.render(estate())
    assert page.startswith("<!DOCTYPE html>")
    # three scripts: the data, the vendored Cytoscape.js, the app; nothing loaded from anywhere
    assert len(re.findall(r"<script\b", page)) == 3
    assert not re.search(r"<(script|link|img|iframe)\b[^>]*\b(src|href)=", page)
    assert "@import" not in page and "url(" not in page.split("<script")[0]
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    # the malicious name only appears escaped inside the data block
    assert EVIL not in page
    data = page.split('<script type="application/json" id="aispm-data">', 1)[1].split("</script>", 1)[0]
    parsed = json.loads(data)
    assert [p["id"] for p in parsed["attack_paths"]] == ["p-key", "p-docs", "p-evil"]
    assert parsed["choke_points"][0] == {"asset_uid": OAI, "paths": 2}
    assert sorted(parsed["assets"][0]["insights"]) == ["exposed_to_internet", "holds_credentials", "used_for_ai"]
    assert parsed["schema"] == "aispm/scan-report@1"


def test_vendored_cytoscape_is_package_data_with_its_licence():
    import importlib.resources as r

    vendor = r.files("aispm.report").joinpath("vendor")
    assert vendor.joinpath("cytoscape.min.js").is_file()
    assert "MIT" in vendor.joinpath("README.md").read_text(encoding="utf-8")
    assert html_report.CYTOSCAPE_VERSION in vendor.joinpath("README.md").read_text(encoding="utf-8")
    assert "Permission is hereby granted" in vendor.joinpath("LICENSE-cytoscape.txt").read_text(encoding="utf-8")


# ---------------------------------------------------------------- in Chromium


def test_page_loads_without_errors_or_network(report):
    page = report.page
    report.assert_clean()
    assert page.evaluate("cytoscape.version") == html_report.CYTOSCAPE_VERSION
    assert page.title().startswith("aispm report")
    assert page.locator("#stat-paths .value").text_content() == "3"
    assert "2 confirmed, 1 possible" in page.locator("#stat-paths").text_content()
    assert page.locator("#stat-failing .value").text_content() == "5"
    assert page.locator("#stat-files .value").text_content() == "3"
    assert page.locator("#sev-count-critical").text_content() == "critical 1"
    assert page.locator("#sev-count-high").text_content() == "high 2"
    assert page.locator("#pillar-table tbody tr").count() == 3  # network, identity, data
    assert "could not parse" in page.locator("#error-list").text_content()
    assert "advisory data is 40 days old" in page.locator("#problems").text_content()


def test_inventory_lists_assets_by_kind(report):
    page = report.page
    rows = page.evaluate("""Array.from(document.querySelectorAll('#inventory tr.asset-row'))
        .map(tr => [tr.dataset.kind, tr.querySelector('.asset-name').textContent, tr.textContent])""")
    names = {(kind, name) for kind, name, _ in rows}
    assert names == {("compute", "app-chat"), ("compute", EVIL), ("ai-service", "oai-prod"),
                     ("model-deployment", "gpt-4o"), ("data-store", "stdocs"),
                     ("identity", "azurerm_user_assigned_identity.id")}
    deployment = next(text for kind, _, text in rows if kind == "model-deployment")
    assert "OpenAI/gpt-4o@2024-08-06" in deployment and "main.tf:50" in deployment
    # AI kinds come first
    kinds = page.evaluate("Array.from(document.querySelectorAll('#inventory details.group')).map(d => d.id)")
    assert kinds[:2] == ["kind-model-deployment", "kind-ai-service"]


def test_findings_filter_by_severity_pillar_and_status(report):
    page = report.page
    before = report.visible_findings()
    assert {f["status"] for f in before} == {"fail", "unknown"}  # "open" by default
    assert len(before) == 6
    assert page.locator("#findings-shown").text_content() == "Showing 6 of 7"

    page.locator('#sev-filter button[data-severity="high"]').click()
    high = report.visible_findings()
    assert high != before and len(high) == 2 and {f["severity"] for f in high} == {"high"}

    page.locator("#pillar-filter").select_option("identity")
    assert [f["rule"] for f in report.visible_findings()] == ["AISPM-AZ-001"]

    page.locator('#sev-filter button[data-severity="all"]').click()
    page.locator("#status-filter").select_option("all")
    assert sorted(f["rule"] for f in report.visible_findings()) == ["AISPM-AZ-001", "AISPM-AZ-090"]

    page.locator("#pillar-filter").select_option("ai")
    assert [f["status"] for f in report.visible_findings()] == ["pass"]
    page.locator('#sev-filter button[data-severity="critical"]').click()
    assert report.visible_findings() == []
    assert page.locator("#findings-empty").is_visible()

    page.locator("#pillar-filter").select_option("all")
    page.locator("#status-filter").select_option("all")
    page.locator('#sev-filter button[data-severity="all"]').click()
    page.locator("#finding-search").fill("customer-managed")
    assert [f["rule"] for f in report.visible_findings()] == ["AISPM-AZ-004"]
    report.assert_clean()


def test_attack_paths_are_listed_by_score_and_drawn_on_click(report):
    page = report.page
    items = page.locator("#path-list .path")
    assert items.count() == 3
    assert [items.nth(i).locator(".title").text_content() for i in range(3)] == [TITLE_KEY, TITLE_DOCS, TITLE_EVIL]
    assert [items.nth(i).get_attribute("data-status") for i in range(3)] == ["confirmed", "confirmed", "possible"]
    assert "Unknown: whether" in items.nth(2).text_content()
    assert "Fix: remove the key of oai-prod" in items.nth(0).text_content()
    assert "key-authentication" in items.nth(0).text_content()

    # the top path is drawn on load; clicking another draws that one
    items.nth(1).click()
    assert "selected" in (items.nth(1).get_attribute("class") or "")
    assert page.evaluate("[window.aispmCy.nodes().length, window.aispmCy.edges().length]") == [1, 0]
    assert page.locator("#graph-title").text_content() == TITLE_DOCS

    items.nth(0).click()
    assert page.evaluate("[window.aispmCy.nodes().length, window.aispmCy.edges().length]") == [3, 2]
    assert page.evaluate("window.aispmCy.nodes().map(n => n.data('uid'))") == [APP, OAI, DEP]
    assert page.evaluate("window.aispmCy.edges().map(e => [e.source().data('uid'), e.data('verb'), e.target().data('uid')])") \
        == [[APP, "holds_key_for", OAI], [OAI, "deploys", DEP]]
    # it was really drawn: the canvas has pixels that are not background
    assert page.evaluate("""(() => {
        const c = Array.from(document.querySelectorAll('#aispm-graph canvas'))
          .find(c => c.width > 0 && c.getContext('2d').getImageData(0, 0, c.width, c.height).data.some((v, i) => i % 4 === 3 && v > 0));
        return !!c; })()""")

    # clicking a node (with the mouse, where it is drawn) shows its details
    report.click_node(OAI)
    details = page.locator("#node-details")
    assert page.locator("#node-details-name").text_content() == "oai-prod"
    text = details.text_content()
    assert "Microsoft.CognitiveServices/accounts" in text
    assert "main.tf:30" in text
    assert "local_auth_enabled" in text and "customer_managed_key" in text and "unknown" in text
    assert "app settings hold listKeys() of oai-prod" in text  # the step's evidence
    assert page.locator("#node-findings li").count() == 3  # fail high, unknown medium, fail low; not the pass
    assert "Azure AI Services resources should have key access disabled" in text
    assert "used for ai" in text

    # choke points, and "show paths" through one of them
    assert page.locator("#choke-points tbody tr").count() == 2
    assert "oai-prod" in page.locator("#choke-points tbody tr").first.text_content()
    page.locator("#choke-points tbody tr").first.locator("button").click()
    assert page.evaluate("Array.from(document.querySelectorAll('#path-list .path')).filter(li => !li.hidden).length") == 2
    page.locator('#path-status button[data-value="possible"]').click()
    assert page.evaluate("""Array.from(document.querySelectorAll('#path-list .path'))
        .filter(li => !li.hidden).map(li => li.dataset.pathId)""") == ["p-evil"]
    report.assert_clean()


def test_malicious_names_render_as_text(report):
    page = report.page
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert page.evaluate("document.querySelectorAll('script').length") == 3
    # no element was made from the markup in the data (`<b>bold</b>` stays text)
    assert page.evaluate("Array.from(document.querySelectorAll('body *')).filter(e => e.textContent === 'bold').length") == 0
    # the name is shown, as text, in the inventory, the findings, the paths and the errors
    assert page.get_by_text(EVIL, exact=True).count() >= 2
    assert page.get_by_text(EVIL_MESSAGE, exact=True).count() == 1
    assert EVIL in page.locator("#error-list").text_content()
    page.locator('#path-list .path[data-path-id="p-evil"]').click()
    assert page.locator("#graph-title").text_content() == TITLE_EVIL
    assert page.evaluate("[window.aispmCy.nodes().length, window.aispmCy.edges().length]") == [2, 1]
    report.click_node(BAD)
    assert page.locator("#node-details-name").text_content() == EVIL
    assert EVIL_MESSAGE in page.locator("#node-findings").text_content()
    page.wait_for_timeout(200)  # any injected onerror handler would have fired by now
    assert report.dialogs == []
    report.assert_clean()


def test_screenshot(report, tmp_path):
    page = report.page
    page.locator("#path-list .path").first.click()
    report.click_node(OAI)
    shot = tmp_path / "report.png"
    page.screenshot(path=str(shot), full_page=True)
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 10_000, f"screenshot is suspiciously small ({len(data)} bytes): {shot}"
    report.assert_clean()


def test_empty_result_renders(browser, tmp_path):
    path = tmp_path / "empty.html"
    path.write_text(html_report.render(ScanResult(targets=["nothing"])), encoding="utf-8")
    loaded = Loaded(browser, path)
    try:
        loaded.assert_clean()
        assert loaded.page.locator("#no-paths").is_visible()
        assert loaded.page.evaluate("window.aispmCy === undefined")
    finally:
        loaded.close()


def test_report_of_the_bundled_example(browser, tmp_path):
    from aispm.graph import analyze
    from aispm.scan import scan

    result = scan([str(ROOT / "examples" / "azure-rag")])
    analyze(result)
    assert result.attack_paths, "the bundled example should show attack paths"
    path = tmp_path / "example.html"
    path.write_text(html_report.render(result), encoding="utf-8")
    loaded = Loaded(browser, path)
    try:
        page = loaded.page
        loaded.assert_clean()
        ranked = sorted(result.attack_paths, key=lambda p: (-p.score, p.title))
        items = page.locator("#path-list .path")
        assert items.count() == len(ranked)
        assert items.first.locator(".title").text_content() == ranked[0].title
        assert page.locator("#inventory tr.asset-row").count() == len(result.assets)
        assert page.locator("#findings-body tr.finding-row").count() == len(result.findings)
        # every failing finding says how to fix it and links its rule's (or advisory's) page
        failing = [f for f in result.findings if f.status.value == "fail"]
        links = page.eval_on_selector_all("#findings-body a.rule-page", "as => as.map(a => a.href)")
        assert len(links) == len(failing)
        assert "https://github.com/aispm/aispm/blob/main/docs/rules/AISPM-AZ-001.md" in links
        assert any(u.startswith("https://osv.dev/vulnerability/PYSEC-") for u in links)
        assert page.locator("#findings-body .fix").first.text_content().startswith("Fix: ")
        longest = max(range(len(ranked)), key=lambda i: (len(ranked[i].steps), -i))
        items.nth(longest).click()
        uids = list(dict.fromkeys(s.asset_uid for s in ranked[longest].steps))
        assert page.evaluate("window.aispmCy.nodes().map(n => n.data('uid'))") == uids
        assert page.evaluate("window.aispmCy.edges().length") == len(uids) - 1
        loaded.click_node(uids[-1])
        assert page.locator("#node-details").get_attribute("data-uid") == uids[-1]
        page.screenshot(path=str(tmp_path / "example.png"), full_page=True)
        assert (tmp_path / "example.png").stat().st_size > 10_000
        loaded.assert_clean()
    finally:
        loaded.close()
