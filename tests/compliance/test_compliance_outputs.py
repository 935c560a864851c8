"""The coverage a user asked for with `--compliance` is shown in the terminal table and in the HTML
report (opened in Debian's headless Chromium, as tests/report/test_html.py does), and neither shows a
compliance section when none was asked for."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rich.console import Console

from aispm.compliance.coverage import evaluate_all
from aispm.report import html as html_report
from aispm.report.table import render as render_table
from aispm.rules import all_rules
from aispm.scan import scan

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update"]


@pytest.fixture(scope="module")
def result():
    res = scan([ROOT / "examples" / "aws-bedrock-agent"])
    res.compliance = evaluate_all(["owasp-llm-2025", "mitre-atlas"], all_rules(), res.findings)
    return res


def _table(result) -> str:
    console = Console(record=True, width=120)
    render_table(result, console)
    return console.export_text()


def test_the_table_shows_each_framework_and_its_failing_requirements(result) -> None:
    text = _table(result)
    llm = result.compliance[0]
    counts = llm.counts()
    assert (f"Compliance, OWASP Top 10 for LLM Applications 2025: {counts['fail']} fail, {counts['pass']} pass, "
            f"{counts['manual']} manual, {counts['not_covered']} not covered") in text
    for req in llm.requirements:
        if req.status == "fail":
            assert f"{req.id} {req.title} ({req.failing})" in " ".join(text.split())
    assert "Compliance, MITRE ATLAS" in text
    result.compliance, kept = [], result.compliance
    try:
        assert "Compliance" not in _table(result)
    finally:
        result.compliance = kept


def test_the_html_report_has_a_compliance_section(result, tmp_path: Path) -> None:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail("Chromium is required for the HTML report tests: `.ci/run` installs it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with_section = tmp_path / "with.html"
    with_section.write_text(html_report.render(result), encoding="utf-8")
    kept, result.compliance = result.compliance, []
    try:
        without = tmp_path / "without.html"
        without.write_text(html_report.render(result), encoding="utf-8")
    finally:
        result.compliance = kept
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(with_section.as_uri(), wait_until="load")
            page.wait_for_function("window.aispmReport !== undefined")
            rows = page.eval_on_selector_all(
                "#compliance-owasp-llm-2025 tr.req",
                "rs => rs.map(r => [r.children[0].textContent, r.dataset.status, r.children[2].textContent])")
            expected = [[r.id, r.status, r.status.replace("_", " ")] for r in kept[0].requirements]
            assert rows == expected
            atlas = page.locator("#compliance-mitre-atlas tr.req").count()
            assert 0 < atlas == sum(1 for r in kept[1].requirements if r.status != "not_covered")
            assert page.locator("#nav-compliance").is_visible()
            page.goto(without.as_uri(), wait_until="load")
            page.wait_for_function("window.aispmReport !== undefined")
            assert not page.locator("#compliance").is_visible() and not page.locator("#nav-compliance").is_visible()
            assert errors == []
        finally:
            browser.close()
