"""Several targets in one scan: every asset kept, uids unique and stable, suppressions applied
to the file that holds them and to no other."""

from __future__ import annotations

from pathlib import Path

from aispm.scan import ScanOptions, scan

TF = '''
resource "azurerm_cognitive_account" "oai" {{
  name               = "{name}"
  kind               = "OpenAI"
  local_auth_enabled = true{comment}
}}
'''


def _write(d: Path, name: str, comment: str = "") -> Path:
    d.mkdir(parents=True)
    (d / "main.tf").write_text(TF.format(name=name, comment=comment))
    return d


def test_two_targets_with_the_same_layout_keep_both_assets(tmp_path: Path) -> None:
    a = _write(tmp_path / "a", "oai-a")
    b = _write(tmp_path / "b", "oai-b")
    result = scan([a, b], ScanOptions(attack_paths=False, vulnerabilities=False))
    accounts = {x.name: x for x in result.assets if x.type == "Microsoft.CognitiveServices/accounts"}
    assert set(accounts) == {"oai-a", "oai-b"}
    assert accounts["oai-a"].uid != accounts["oai-b"].uid
    assert {x.origin.file for x in accounts.values()} == {"a/main.tf", "b/main.tf"}
    # stable from run to run
    again = scan([a, b], ScanOptions(attack_paths=False, vulnerabilities=False))
    assert sorted(x.uid for x in again.assets) == sorted(x.uid for x in result.assets)


def test_a_suppression_in_one_target_does_not_apply_to_the_other(tmp_path: Path) -> None:
    a = _write(tmp_path / "a", "oai-a", "\n  # aispm:ignore:AISPM-AZ-001 legacy client needs keys")
    b = _write(tmp_path / "b", "oai-b")
    result = scan([a, b], ScanOptions(attack_paths=False, vulnerabilities=False))
    status = {f.file: f.status.value for f in result.findings if f.rule_id == "AISPM-AZ-001"}
    assert status == {"a/main.tf": "suppressed", "b/main.tf": "fail"}


def test_one_target_keeps_paths_relative_to_itself(tmp_path: Path) -> None:
    a = _write(tmp_path / "a", "oai-a")
    result = scan([a], ScanOptions(attack_paths=False, vulnerabilities=False))
    assert {x.origin.file for x in result.assets} == {"main.tf"}


def test_a_target_and_a_file_inside_it_are_one_target(tmp_path: Path) -> None:
    a = _write(tmp_path / "a", "oai-a")
    result = scan([a, a / "main.tf"], ScanOptions(attack_paths=False, vulnerabilities=False))
    assert [x.origin.file for x in result.assets if x.name == "oai-a"] == ["main.tf"]
