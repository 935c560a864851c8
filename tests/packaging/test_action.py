"""action.yml is a composite GitHub Action GitHub accepts (the structure its runner requires:
`runs.using: composite`, a `shell` for every `run` step, only declared inputs and step ids
referenced, no input spliced into a script), and its scan step's command line works: the step's
own shell script runs here against examples/ with the inputs set as the action sets them."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
ACTION = yaml.safe_load((ROOT / "action.yml").read_text())
STEPS = ACTION["runs"]["steps"]
EXPR = re.compile(r"\$\{\{(.*?)\}\}", re.S)


def _step(name_part: str) -> dict:
    return next(s for s in STEPS if name_part in s.get("name", ""))


def _expressions(node) -> list[str]:
    if isinstance(node, dict):
        return [e for v in node.values() for e in _expressions(v)]
    if isinstance(node, list):
        return [e for v in node for e in _expressions(v)]
    return EXPR.findall(node) if isinstance(node, str) else []


def test_the_action_has_the_structure_github_requires() -> None:
    assert ACTION["name"] and ACTION["description"]
    assert ACTION["runs"]["using"] == "composite"
    for step in STEPS:
        assert ("run" in step) != ("uses" in step), step
        if "run" in step:
            assert step.get("shell") == "bash", f"a composite run step needs shell: {step.get('name')}"
        else:
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@v\d+", step["uses"]), step["uses"]  # a released major version
    for name, spec in ACTION["inputs"].items():
        assert spec.get("description"), name
        assert isinstance(spec.get("default", ""), str), name  # action inputs are strings
    for name, spec in ACTION["outputs"].items():
        assert spec.get("description") and "value" in spec, name  # composite outputs need a value


def test_the_format_input_names_every_report_format() -> None:
    from aispm import registry

    listed = re.search(r"\(([^)]*)\)", ACTION["inputs"]["format"]["description"]).group(1)
    assert [f.strip() for f in listed.split(",")] == list(registry.FORMATS)


def test_expressions_refer_to_declared_inputs_and_step_ids_only() -> None:
    declared = set(ACTION["inputs"])
    ids = {s["id"] for s in STEPS if "id" in s}
    expressions = _expressions(ACTION["runs"]) + _expressions(ACTION["outputs"])
    assert expressions
    for expr in expressions:
        for name in re.findall(r"inputs\.([\w-]+)", expr):
            assert name in declared, expr
        for step_id in re.findall(r"steps\.([\w-]+)\.outputs", expr):
            assert step_id in ids, expr
    assert {n for e in expressions for n in re.findall(r"inputs\.([\w-]+)", e)} == declared  # none unused


def test_no_input_is_spliced_into_a_script() -> None:
    for step in STEPS:
        assert "${{" not in step.get("run", ""), step.get("name")


def test_the_install_step_installs_this_repository_with_its_lock_file() -> None:
    script = _step("Install")["run"]
    assert '-r "$GITHUB_ACTION_PATH/requirements.lock"' in script and (ROOT / "requirements.lock").is_file()
    assert '--no-deps "$GITHUB_ACTION_PATH"' in script and (ROOT / "pyproject.toml").is_file()
    assert "pip install aispm" not in script  # the PyPI name is not ours


def _scan_step(tmp_path: Path, **inputs: str) -> tuple[subprocess.CompletedProcess, dict[str, str]]:
    """Run the Scan step's script as the runner would: its `env`, with the inputs' values."""
    step = _step("Scan")
    values = {name: spec.get("default", "") for name, spec in ACTION["inputs"].items()} | inputs
    env = {}
    for var, expr in step["env"].items():
        env[var] = values[re.fullmatch(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", expr).group(1)]
    output = tmp_path / "github_output"
    output.write_text("")
    bin_dir = str(Path(sys.executable).parent)  # where the test venv's `aispm` is
    env |= {"GITHUB_OUTPUT": str(output), "PATH": f"{bin_dir}:/usr/bin:/bin", "COLUMNS": "100"}
    env |= {k: v for k, v in os.environ.items() if k in ("PYTHONPATH", "HOME")}  # the aispm under test
    proc = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=ROOT, env=env, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=300)
    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines())
    return proc, outputs


def test_the_scan_step_runs_on_the_examples_and_writes_sarif_and_junit(tmp_path: Path) -> None:
    sarif, junit = tmp_path / "aispm.sarif", tmp_path / "reports" / "aispm.xml"
    proc, outputs = _scan_step(tmp_path, path="examples", format=f"table junit={junit}", **{"sarif-file": str(sarif)})
    assert proc.returncode == 0, proc.stderr  # the step itself succeeds so that the SARIF is uploaded
    assert outputs == {"exit-code": "2", "sarif-file": str(sarif)}  # the examples have findings
    assert json.loads(sarif.read_text())["runs"][0]["results"]
    assert junit.read_text().startswith("<?xml")
    assert "AISPM-" in proc.stdout  # the table, in the job log
    # the last step fails the job with the scan's code
    fail = subprocess.run(["bash", "-e", "-c", _step("Fail")["run"]], env={"AISPM_EXIT": outputs["exit-code"],
                          "PATH": "/usr/bin:/bin"}, capture_output=True, text=True)
    assert fail.returncode == 2


@pytest.mark.parametrize("inputs, code", [
    ({"soft-fail": "true"}, "0"),
    ({"fail-on": "critical", "severity": "critical"}, "0"),
    ({"config": "does-not-exist.yaml"}, "1"),
])
def test_inputs_change_the_command_line(tmp_path: Path, inputs: dict, code: str) -> None:
    proc, outputs = _scan_step(tmp_path, path="examples/azure-rag examples/vertex-ai", format="json",
                               **{"sarif-file": str(tmp_path / "a.sarif")}, **inputs)
    assert proc.returncode == 0, proc.stderr
    assert outputs["exit-code"] == code, proc.stderr
    if code != "1":
        report = json.loads(proc.stdout)
        assert {f["file"].split("/")[0] for f in report["findings"] if f["file"]} <= {"azure-rag", "vertex-ai"}
