"""docs/guide.md stays true: every `aispm` command of its `sh` blocks runs, in order, against a copy
of the bundled examples and exits as a scan may (0 or 2, never 1: a usage error or unreadable input
would be a broken recipe), and every YAML recipe (Actions, GitLab CI, Azure DevOps, pre-commit) parses."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
GUIDE = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8")
BLOCK = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)


def _blocks(language: str) -> list[str]:
    return [body for lang, body in BLOCK.findall(GUIDE) if lang == language]


def test_the_guide_has_runnable_commands_and_recipes() -> None:
    commands = [line for block in _blocks("sh") for line in block.splitlines() if line.strip()]
    assert len(commands) >= 12
    assert all(line.startswith("aispm ") for line in commands)  # `sh` blocks hold only runnable commands
    assert "pip install aispm" not in GUIDE.replace("do not `pip install aispm`", "")


def test_every_command_of_the_guide_works(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    aispm = str(Path(sys.executable).parent / "aispm")
    for block in _blocks("sh"):
        for line in block.splitlines():
            if not line.strip():
                continue
            argv = shlex.split(line, comments=True)
            proc = subprocess.run([aispm, *argv[1:]], cwd=tmp_path, capture_output=True, text=True,
                                  stdin=subprocess.DEVNULL, timeout=300)
            assert proc.returncode in (0, 2), f"{line}\n{proc.stderr[-2000:]}"
    for made in ("out/aispm.sarif", "out/report.json", "out/aispm-junit.xml", "out/findings.csv", "out/bom.json",
                 "out/report.html", "main.json", "pr.json", "pr.sarif"):
        assert (tmp_path / made).is_file(), made


def test_the_baseline_recipe_passes_when_nothing_is_new(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    aispm = str(Path(sys.executable).parent / "aispm")
    first, second = [line for block in _blocks("sh") for line in block.splitlines() if "main.json" in line][:2]
    assert subprocess.run([aispm, *shlex.split(first)[1:]], cwd=tmp_path, capture_output=True).returncode == 2
    assert subprocess.run([aispm, *shlex.split(second)[1:]], cwd=tmp_path, capture_output=True).returncode == 0


def test_every_yaml_recipe_parses() -> None:
    blocks = _blocks("yaml")
    assert len(blocks) == 4
    docs = [yaml.safe_load(b) for b in blocks]
    actions, gitlab, azure, precommit = docs
    assert any(s.get("uses", "").startswith("aispm/aispm@") for s in actions["jobs"]["aispm"]["steps"])
    assert gitlab["aispm"]["artifacts"]["reports"]["junit"] == "aispm-junit.xml"
    assert any(s.get("task") == "PublishTestResults@2" for s in azure["steps"])
    assert precommit["repos"][0]["hooks"][0]["id"] == "aispm"
    # the Action's inputs the recipe uses exist
    declared = set(yaml.safe_load((ROOT / "action.yml").read_text())["inputs"])
    used = next(s for s in actions["jobs"]["aispm"]["steps"] if "with" in s)["with"]
    assert set(used) <= declared
