"""Terraform files parsed ahead, in forked children started right after the walk (`aispm.iac.terraform.ahead`):
the scan's report is the one it gives without them, whichever child fails or dies, and a scan that fails
after starting them ends them. Each case runs `ahead_cases.py` in a subprocess with a deadline on the whole
run, exit included (a child blocked on a full pipe shows only at exit)."""

from __future__ import annotations

from pathlib import Path

import pytest

from case_process import run_case

SCRIPT = Path(__file__).with_name("ahead_cases.py")
DEADLINE = 180


def run(case: str, tmp_path: Path) -> dict:
    return run_case(SCRIPT, case, tmp_path, DEADLINE, "the scan")


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    got = run("off", tmp_path_factory.mktemp("off"))
    assert got.pop("started") == [] and got.pop("taken") == [] and len(got["assets"]) == 450
    messages = " ".join(e["message"] for e in got["errors"])
    assert "invalid HCL" in messages and "not valid UTF-8" in messages and "nested too deeply" in messages
    return got


@pytest.mark.parametrize("case", ["on", "child-fails", "child-dies"])
def test_files_parsed_ahead_give_the_report_of_a_scan_without(case, tmp_path, reference):
    got = run(case, tmp_path)
    assert got.pop("started") == [2] and got.pop("current") is False  # two children; none left after the scan
    taken = got.pop("taken")
    # every file parsed ahead, or the failed child's half parsed again later
    assert taken == [453] if case == "on" else taken in ([226], [227]), taken
    assert got == {k: v for k, v in reference.items() if k != "current"}


def test_a_scan_that_fails_after_starting_them_ends_the_children(tmp_path):
    got = run("scan-fails", tmp_path)
    assert got == {"raised": "injected failure after the children started", "started": [2], "alive": 0,
                   "current": False}
