"""Every failure path of the two-process source loading ends, with a report, within a deadline.

A 45-repository scan once hung forever: the parent's source raised, the exception left
`_load_sources` without reading the child's pipe, and at exit Python joined the child, which
was blocked writing a result larger than the pipe buffer. Each case runs in its own process
with a deadline on the whole run, exit included."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).with_name("parallel_cases.py")
DEADLINE = 60  # seconds; each case takes about one


def _run(case: str, tmp_path: Path) -> dict:
    (tmp_path / "one.a").write_text("a")
    (tmp_path / "two.b").write_text("b")
    try:
        out = subprocess.run([sys.executable, str(SCRIPT), case, str(tmp_path)], capture_output=True, text=True,
                             timeout=DEADLINE, check=True)
    except subprocess.TimeoutExpired:
        pytest.fail(f"case {case} did not end within {DEADLINE} s (the scan hung)")
    return json.loads(out.stdout)


def test_a_parent_source_that_raises_costs_only_its_own_files(tmp_path: Path) -> None:
    report = _run("parent-raises", tmp_path)
    assert report["assets"] == {"small": 20_000}  # the child's large result was read, not lost
    assert any("source big" in e and "ValueError: big broke" in e for e in report["errors"])


def test_a_child_source_that_raises_is_reported_and_the_rest_kept(tmp_path: Path) -> None:
    report = _run("child-raises", tmp_path)
    assert report["assets"] == {"big": 10}
    assert any("source small" in e and "ValueError: small broke" in e for e in report["errors"])


def test_a_killed_worker_has_its_sources_read_again(tmp_path: Path) -> None:
    report = _run("child-dies", tmp_path)
    assert report["assets"] == {"big": 10, "small": 5}
    assert report["errors"] == []


def test_an_interrupted_parent_stops_promptly_instead_of_hanging(tmp_path: Path) -> None:
    assert _run("parent-interrupted", tmp_path) == {"interrupted": True}
