"""Every failure path of the Terraform source's parallel parsing and evaluation ends, within a
deadline, with the one-process result (or, when the process itself fails, with its exception).

Each case runs `parallel_failure_cases.py` in a subprocess so that the deadline covers the
whole run, exit included (a forked child blocked on a full pipe shows only at exit)."""

from __future__ import annotations

from pathlib import Path

import pytest

from case_process import run_case

SCRIPT = Path(__file__).with_name("parallel_failure_cases.py")
DEADLINE = 120


def run(case: str, tmp_path: Path) -> dict:
    return run_case(SCRIPT, case, tmp_path, DEADLINE, "the load")


@pytest.fixture(scope="module")
def serial(tmp_path_factory):
    return run("serial", tmp_path_factory.mktemp("serial"))


@pytest.mark.parametrize("case", ["parse-worker-fails", "parse-worker-dies", "child-fails", "child-dies"])
def test_a_failing_worker_costs_time_never_input(case, tmp_path, serial):
    got = run(case, tmp_path)
    assert got["errors"] == serial["errors"]
    assert got["files"] == serial["files"]
    # uids are named after the tree's own (temporary) directory: compare what follows it
    assert [(u.split(":", 1)[1], p) for u, p in got["assets"]] == [(u.split(":", 1)[1], p) for u, p in serial["assets"]]
    assert len(got["assets"]) == 40 * 8


def test_a_failing_parent_ends_with_its_exception(tmp_path):
    assert run("parent-fails", tmp_path) == {"raised": "injected failure in the parent"}
