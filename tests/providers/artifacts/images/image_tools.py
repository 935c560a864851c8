"""Helpers of the image tests: run a build tool (its stderr in the failure), skip when a Debian tool is missing."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def run(*cmd: str | Path) -> None:
    proc = subprocess.run([str(c) for c in cmd], capture_output=True, text=True)
    if proc.returncode:
        raise AssertionError(f"{cmd[0]} failed: {proc.stderr[-2000:]}")


def need(tool: str) -> None:
    if shutil.which(tool) is None:
        pytest.skip(f"Debian's {tool} is not installed (.ci/run installs it: apt-get install {tool})")
