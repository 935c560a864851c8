"""Baselines (`scan --baseline`) fail only on what is new; `aispm diff` shows what changed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from triage_repo import run, scan_json

ROOT = Path(__file__).resolve().parents[2]
NEW_TF = '''
resource "azurerm_cognitive_account" "added" {
  name               = "oai-added"
  kind               = "OpenAI"
  local_auth_enabled = true
}
'''


def _report(target: Path, out: Path, *args: str) -> dict:
    res = run("scan", str(target), "-f", "json", "-o", str(out), "-q", *args)
    assert res.exit_code in (0, 2), res.output
    return json.loads(out.read_text())


def test_a_baseline_fails_only_on_the_new_finding(tmp_path: Path, repo: Path) -> None:
    base = tmp_path / "base.json"
    before = _report(repo, base)
    assert before["triage"]["baseline"] is None and all(f["baseline"] is None for f in before["findings"])
    # nothing changed: nothing new, exit 0
    report, _ = scan_json(str(repo), "--baseline", str(base), code=0)
    assert {f["baseline"] for f in report["findings"] if f["status"] != "pass"} == {"existing"}
    # one new resource with one finding we look at: only its findings are new, and the run fails
    (repo / "infra" / "main.tf").write_text((repo / "infra" / "main.tf").read_text() + NEW_TF)
    report, _ = scan_json(str(repo), "--baseline", str(base), "--rule", "AISPM-AZ-001", code=2)
    marks = {(f["address"], f["baseline"]) for f in report["findings"] if f["status"] != "pass"}
    assert ("azurerm_cognitive_account.added", "new") in marks
    assert {m for m in marks if m[1] == "new"} == {("azurerm_cognitive_account.added", "new")}
    assert report["triage"]["baseline"] == {"report": str(base), "new": 1, "existing": 2}
    assert all(f["baseline"] is None for f in report["findings"] if f["status"] == "pass")
    # the new finding suppressed: nothing new fails any more
    tf = repo / "infra" / "main.tf"
    tf.write_text(tf.read_text().replace('"oai-added"', '"oai-added" # aispm:ignore:AISPM-AZ-001 pilot, ends May'))
    scan_json(str(repo), "--baseline", str(base), "--rule", "AISPM-AZ-001", code=0)


def test_a_finding_whose_uid_moved_is_matched_by_file_and_address(tmp_path: Path, repo: Path) -> None:
    base = tmp_path / "base.json"
    data = _report(repo, base, "--rule", "AISPM-AZ-001")
    for f in data["findings"]:
        f["asset_uid"] = "moved:" + f["asset_uid"]
    base.write_text(json.dumps(data))
    report, _ = scan_json(str(repo), "--rule", "AISPM-AZ-001", "--baseline", str(base), code=0)
    assert {f["baseline"] for f in report["findings"] if f["status"] == "fail"} == {"existing"}


def test_a_baseline_that_is_not_a_report_is_an_error_before_the_scan(tmp_path: Path, repo: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"runs": []}')
    res = run("scan", str(repo), "--baseline", str(bad))
    assert res.exit_code == 1 and "not an aispm JSON report" in res.output
    res = run("scan", str(repo), "--baseline", str(tmp_path / "missing.json"))
    assert res.exit_code == 1 and "cannot read the report" in res.output


def test_diff_shows_new_and_fixed_findings_ai_assets_and_attack_paths(tmp_path: Path, repo: Path) -> None:
    old = _report(repo, tmp_path / "old.json")
    # shadow AI appears: a whole RAG estate is added, and the requirement file is removed (its advisories fixed)
    shutil.copytree(ROOT / "examples" / "azure-rag", repo / "rag")
    (repo / "requirements.txt").unlink()
    new = _report(repo, tmp_path / "new.json")
    old_ids, new_ids = {p["id"] for p in old["attack_paths"]}, {p["id"] for p in new["attack_paths"]}
    assert new_ids - old_ids
    res = run("diff", str(tmp_path / "old.json"), str(tmp_path / "new.json"), "-f", "json")
    assert res.exit_code == 0, res.output
    d = json.loads(res.stdout)
    assert d["schema"] == "aispm/diff@1"
    new_files = {f["file"] for f in d["findings"]["new"]}
    assert new_files and all(f.startswith("rag/") for f in new_files)
    fixed = d["findings"]["fixed"]
    assert fixed and {f["file"] for f in fixed} == {"requirements.txt"}
    assert {a["name"] for a in d["ai_assets"]["new"]} >= {"oai-contoso-rag"}
    assert not d["ai_assets"]["removed"]
    assert {p["id"] for p in d["attack_paths"]["opened"]} == new_ids - old_ids
    assert {p["id"] for p in d["attack_paths"]["closed"]} == old_ids - new_ids
    # the other way round: everything closes
    back = json.loads(run("diff", str(tmp_path / "new.json"), str(tmp_path / "old.json"), "-f", "json").stdout)
    assert {p["id"] for p in back["attack_paths"]["closed"]} == new_ids - old_ids
    assert {a["uid"] for a in back["ai_assets"]["removed"]} == {a["uid"] for a in d["ai_assets"]["new"]}
    # the table says the same, in short lines
    table = run("diff", str(tmp_path / "old.json"), str(tmp_path / "new.json"))
    assert table.exit_code == 0
    text = table.stdout
    assert f"{len(d['findings']['new'])} new and {len(fixed)} fixed findings" in text
    assert "New AI assets (shadow AI appearing)" in text and "Attack paths opened" in text
    assert "oai-contoso-rag" in text


def test_diff_of_a_file_that_is_not_a_report_exits_1(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text("not json")
    res = run("diff", str(tmp_path / "a.json"), str(tmp_path / "a.json"))
    assert res.exit_code == 1 and "not a JSON report" in res.output
    res = run("diff", str(tmp_path / "missing.json"), str(tmp_path / "a.json"))
    assert res.exit_code == 1
