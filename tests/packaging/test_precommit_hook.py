""".pre-commit-hooks.yaml passes pre-commit's own manifest schema (`pre_commit.clientlib`), its
`files` pattern picks the inputs aispm reads, and its command line works: the hook's entry and
arguments run here on an example estate as pre-commit would run them in a repository."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

from pre_commit.clientlib import load_manifest

ROOT = Path(__file__).resolve().parents[2]


def _hook() -> dict:
    hooks = load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))  # raises InvalidManifestError when invalid
    assert [h["id"] for h in hooks] == ["aispm"]
    return hooks[0]


def test_the_manifest_is_valid_and_scans_the_whole_tree() -> None:
    hook = _hook()
    assert hook["language"] == "python"  # pre-commit installs this repository (pyproject.toml) into its own venv
    assert shlex.split(hook["entry"])[:2] == ["aispm", "scan"]
    assert hook["pass_filenames"] is False  # findings need other files than the staged ones
    assert "aispm = " in (ROOT / "pyproject.toml").read_text()  # the console script the entry names


def test_files_selects_what_aispm_reads() -> None:
    files = re.compile(_hook()["files"])
    for name in ("infra/main.tf", "prod.tfvars", "main.bicep", "azuredeploy.json", "template.yaml", "app.py",
                 "explore.ipynb", "agent.ts", "index.mjs", "chat.prompty", "requirements.txt", "uv.lock",
                 "pyproject.toml", ".env"):
        assert files.search(name), name
    for name in ("logo.png", "README.md", "model.bin"):
        assert not files.search(name), name


def test_the_hook_command_runs_and_fails_on_findings() -> None:
    hook = _hook()
    aispm = str(Path(sys.executable).parent / "aispm")
    command = [aispm, *shlex.split(hook["entry"])[1:], *hook["args"]]
    proc = subprocess.run(command, cwd=ROOT / "examples" / "azure-rag", capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=300)
    assert proc.returncode == 2, proc.stderr  # the example has findings: the commit is stopped
    assert "AISPM-AZ-" in proc.stdout
