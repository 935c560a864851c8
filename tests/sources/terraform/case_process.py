"""Running one case script of these tests (`parallel_failure_cases.py`, `ahead_cases.py`) in a process of its
own, with a deadline on the whole run, exit included: a forked child left blocked on a full pipe shows only at
exit, and fails the test instead of hanging it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest


def run_case(script: Path, case: str, tmp_path: Path, deadline: int, what: str) -> dict:
    """The JSON the script printed last for `case`, run on a tree it writes under `tmp_path / case`."""
    try:
        out = subprocess.run([sys.executable, str(script), case, str(tmp_path / case)], capture_output=True,
                             text=True, timeout=deadline, check=True)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{case}: {what} did not end within {deadline} s")
    return json.loads(out.stdout.strip().splitlines()[-1])
