"""`.aispm.yaml`: found upward from the target to the work tree's root, or `--config`; unknown keys
are errors naming the key; the command line overrides it; excludes leave files unread."""

from __future__ import annotations

from pathlib import Path

from triage_repo import run, scan_json, statuses, write_repo


def test_a_config_is_found_upward_and_recorded_in_the_report(repo: Path) -> None:
    (repo / ".aispm.yaml").write_text("skip-rules: [AISPM-AZ-*, GHSA-*]\nfail-on: critical\n")
    report, res = scan_json(str(repo / "infra"), code=0)  # nothing critical left: exit 0
    assert report["triage"]["config"] == str((repo / ".aispm.yaml").resolve())
    assert not [f for f in report["findings"] if f["rule_id"].startswith("AISPM-AZ-")]
    # the command line overrides the file
    report, _ = scan_json(str(repo), "--fail-on", "low", code=2)
    assert not [f for f in report["findings"] if f["pillar"] == "vulnerability"]  # every advisory has a GHSA alias
    assert statuses(report, "AISPM-AWS-025") == {"fail"}
    report, _ = scan_json(str(repo), "--skip-rule", "AISPM-AWS-*", code=2)
    assert statuses(report, "AISPM-AZ-001") == {"fail"} and not statuses(report, "AISPM-AWS-025")


def test_the_search_stops_at_the_work_tree(tmp_path: Path) -> None:
    (tmp_path / ".aispm.yaml").write_text("rules: [AISPM-GCP-*]\n")  # above the repository: not its config
    repo = write_repo(tmp_path / "repo")
    report, _ = scan_json(str(repo / "infra"), code=2)
    assert report["triage"]["config"] is None
    assert statuses(report, "AISPM-AZ-001") == {"fail"}


def test_an_explicit_config_and_its_settings(tmp_path: Path, repo: Path) -> None:
    cfg = tmp_path / "ci.yaml"
    cfg.write_text("frameworks: [terraform]\nrules: [AISPM-AZ-001, AISPM-AZ-002]\nformat: json\n"
                   "output: out/report.json\nlimits: {instances_per_resource: 2}\nseverity: medium\n"
                   "soft-fail: true\n")
    tf = repo / "infra" / "main.tf"
    tf.write_text(tf.read_text().replace('kind               = "OpenAI"', 'kind = "OpenAI"\n  count = 3'))
    res = run("scan", str(repo), "--config", str(cfg), "-q")
    assert res.exit_code == 0, res.output  # soft-fail from the file
    import json

    report = json.loads((tmp_path / "out" / "report.json").read_text())  # relative to the config's folder
    assert {f["rule_id"] for f in report["findings"]} == {"AISPM-AZ-001", "AISPM-AZ-002"}
    assert {f["file"] for f in report["findings"]} == {"infra/main.tf"}  # terraform only
    assert any("instances_per_resource = 2" in w for w in report["warnings"])  # the budget from the file
    assert report["triage"]["config"] == str(cfg.resolve())
    # --severity shows less; what fails the run is unchanged
    res = run("scan", str(repo), "--config", str(cfg), "--severity", "high", "-q")
    assert res.exit_code == 0
    assert json.loads((tmp_path / "out" / "report.json").read_text())["findings"] == []
    # several outputs from the file, each path relative to its folder
    cfg.write_text("rules: [AISPM-AZ-001]\nformat: [json=reports/r.json, sarif=reports/r.sarif]\n")
    res = run("scan", str(repo), "--config", str(cfg), "-q")
    assert res.exit_code == 2, res.output
    assert json.loads((tmp_path / "reports" / "r.json").read_text())["findings"]
    assert json.loads((tmp_path / "reports" / "r.sarif").read_text())["runs"][0]["results"]


def test_unknown_keys_and_bad_values_are_errors_naming_them(repo: Path) -> None:
    (repo / ".aispm.yaml").write_text("fail-on: high\nskip-rule: [AISPM-AZ-001]\n")
    res = run("scan", str(repo))
    assert res.exit_code == 1
    assert f"{(repo / '.aispm.yaml').resolve()}:2: unknown key 'skip-rule'" in res.output
    (repo / ".aispm.yaml").write_text("fail-on: severe\n")
    res = run("scan", str(repo))
    assert res.exit_code == 1 and "`fail-on` must be one of critical" in res.output
    (repo / ".aispm.yaml").write_text("limits: {no_such_budget: 3}\n")
    res = run("scan", str(repo))
    assert res.exit_code == 1 and "`limits` must be a mapping of budgets" in res.output
    (repo / ".aispm.yaml").write_text("rules: [AISPM-AZ-9999]\n")
    res = run("scan", str(repo))
    assert res.exit_code == 1 and "unknown rule id(s): AISPM-AZ-9999" in res.output
    res = run("scan", str(repo), "--config", str(repo / "missing.yaml"))
    assert res.exit_code == 1 and "config file not found" in res.output


def test_excludes_from_the_config_and_the_command_line(repo: Path) -> None:
    fixtures = repo / "infra" / "tests" / "fixtures"
    fixtures.mkdir(parents=True)
    (fixtures / "bad.tf").write_text((repo / "infra" / "main.tf").read_text())
    report, _ = scan_json(str(repo), code=2)
    assert "infra/tests/fixtures/bad.tf" in {f["file"] for f in report["findings"]}
    # written relative to the config's folder, applied when the target is a subfolder too
    (repo / ".aispm.yaml").write_text("exclude: [infra/tests/fixtures, '**/*.ipynb']\n")
    for target in (repo, repo / "infra"):
        report, _ = scan_json(str(target), code=2)
        files = {a["origin"]["file"] for a in report["assets"]}
        assert not any("fixtures" in f or f.endswith(".ipynb") for f in files), files
        assert any(f.endswith("main.tf") for f in files)
    (repo / ".aispm.yaml").unlink()
    report, _ = scan_json(str(repo), "--exclude", "infra", "--exclude", "cfn/*.yaml", code=2)
    files = {a["origin"]["file"] for a in report["assets"]}
    assert not any(f.startswith(("infra/", "cfn/")) for f in files) and "app/client.py" in files


def test_a_config_cannot_write_reports_outside_its_folder(repo: Path) -> None:
    # a config committed in a scanned pull request must not make CI overwrite files elsewhere
    for setting in ("output: ../outside.json", "format: [json=../../outside.json]", "output: /tmp/x.json"):
        (repo / ".aispm.yaml").write_text(setting + "\n")
        res = run("scan", str(repo), "-q")
        assert res.exit_code == 1, setting
        assert "writes outside the config file's folder" in " ".join(res.output.split())
    assert not (repo.parent / "outside.json").exists()


def test_a_huge_config_is_refused_unread(repo: Path) -> None:
    (repo / ".aispm.yaml").write_text("# " + "x" * (5 * 1024 * 1024) + "\n")
    res = run("scan", str(repo), "-q")
    assert res.exit_code == 1 and "not a config file" in res.output
