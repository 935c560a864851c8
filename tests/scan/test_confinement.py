"""A scan reads only inside its roots: the targets, widened to the work tree that holds them,
and folders the user allows. Symlinks and references that leave them are skipped and listed,
and nothing of what lies outside reaches any output."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from aispm.cli import main
from aispm.scan import ScanOptions, scan

CANARY = "CANARY-7f3d9a1e-outside-the-target"
GOOD_TF = '''
resource "azurerm_cognitive_account" "oai" {
  name               = "oai-inside"
  kind               = "OpenAI"
  local_auth_enabled = true
}
'''
OUTSIDE_TF = f'''
resource "azurerm_cognitive_account" "leak" {{
  name = "{CANARY}"
  kind = "OpenAI"
}}
'''


@pytest.fixture
def estate(tmp_path: Path) -> tuple[Path, Path]:
    """`target/` to scan and `outside/` beside it, holding files that must never be read."""
    outside = tmp_path / "outside"
    (outside / "mod").mkdir(parents=True)
    (outside / "secret.txt").write_text(f"{CANARY}\n")
    (outside / "mod" / "main.tf").write_text(OUTSIDE_TF)
    (outside / "requirements.txt").write_text(f"{CANARY}==1.0\n")
    (outside / "linked.json").write_text(json.dumps({
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "resources": [{"type": "Microsoft.CognitiveServices/accounts", "apiVersion": "2024-10-01",
                       "name": CANARY, "kind": "OpenAI", "location": "eastus", "properties": {}}]}))
    target = tmp_path / "target"
    target.mkdir()
    (target / "main.tf").write_text(GOOD_TF)
    return target, outside


def _all_outputs(target: Path, *extra: str) -> str:
    """Every output format and stderr of one scan, concatenated."""
    out = []
    for fmt in ("json", "sarif", "cyclonedx", "html", "table"):
        res = CliRunner().invoke(main, ["scan", str(target), "-f", fmt, *extra])
        out.append(res.stdout + res.stderr)
    return "\n".join(out)


def _assert_good_and_confined(target: Path) -> list:
    result = scan([target], ScanOptions(attack_paths=False))
    names = {a.display_name for a in result.assets}
    assert "oai-inside" in names  # the good file is still scanned
    assert not any(CANARY in n for n in names)
    return result.errors


@pytest.mark.parametrize("link", ["absolute", "relative", "chain"])
def test_file_symlinks_out_of_the_target_are_not_followed(estate, link: str) -> None:
    target, outside = estate
    dest = outside / "secret.txt"
    if link == "absolute":
        (target / "shadow.tf").symlink_to(dest)
    elif link == "relative":
        (target / "shadow.tf").symlink_to(os.path.relpath(dest, target))
    else:  # a link inside the target pointing at a link that leaves it
        (target / "hop").symlink_to(dest)
        (target / "shadow.tf").symlink_to("hop")
    errors = _assert_good_and_confined(target)
    assert any(e.file == "shadow.tf" and "outside the scanned roots" in e.message for e in errors)
    assert CANARY not in _all_outputs(target)


def test_directory_symlinks_out_of_the_target_are_not_walked(estate) -> None:
    target, outside = estate
    (target / "rootfs").symlink_to("/")
    (target / "mods").symlink_to(outside / "mod")
    errors = _assert_good_and_confined(target)
    skipped = {e.file for e in errors if "outside the scanned roots" in e.message}
    assert skipped == {"rootfs", "mods"}
    assert CANARY not in _all_outputs(target)


def test_proc_environ_is_not_read(estate, monkeypatch) -> None:
    target, _ = estate
    monkeypatch.setenv("AISPM_TEST_ENV_CANARY", CANARY)
    (target / "ci.env").symlink_to("/proc/self/environ")
    errors = _assert_good_and_confined(target)
    assert any(e.file == "ci.env" and "outside the scanned roots" in e.message for e in errors)
    assert CANARY not in _all_outputs(target)


def test_a_terraform_module_outside_the_target_is_not_read(estate) -> None:
    target, _ = estate
    (target / "use.tf").write_text('module "m" {\n  source = "../outside/mod"\n}\n')
    errors = _assert_good_and_confined(target)
    assert any("outside the scanned roots" in e.message for e in errors)
    assert CANARY not in _all_outputs(target)


def test_an_arm_linked_template_outside_the_target_is_not_read(estate) -> None:
    target, _ = estate
    (target / "azuredeploy.json").write_text(json.dumps({
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "resources": [{"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "linked",
                       "properties": {"mode": "Incremental", "templateLink": {"relativePath": "../outside/linked.json"}}}]}))
    _assert_good_and_confined(target)
    assert CANARY not in _all_outputs(target)


def test_a_requirements_include_outside_the_target_is_not_read(estate) -> None:
    target, _ = estate
    (target / "requirements.txt").write_text("-r ../outside/requirements.txt\nopenai==1.30.0\n")
    errors = _assert_good_and_confined(target)
    assert any(e.file == "requirements.txt" and "outside the scanned roots" in e.message for e in errors)
    assert CANARY not in _all_outputs(target)


def test_the_work_tree_widens_the_roots_and_allow_root_names_more(estate, tmp_path: Path) -> None:
    """`infra/prod` may use `../modules` of its own repository; a folder beyond it needs --allow-root."""
    target, outside = estate
    (target / "use.tf").write_text('module "m" {\n  source = "../outside/mod"\n}\n')
    allowed = scan([target], ScanOptions(attack_paths=False, allow_roots=(outside,)))
    assert any(CANARY == a.display_name for a in allowed.assets)
    assert str(outside.resolve()) in allowed.roots
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)  # now both are one work tree
    widened = scan([target], ScanOptions(attack_paths=False))
    assert any(CANARY == a.display_name for a in widened.assets)
    assert widened.roots == [str(tmp_path.resolve())]
