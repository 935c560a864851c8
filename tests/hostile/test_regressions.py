"""Inputs the fuzzer once crashed aispm with (`scripts/fuzz.py` keeps them here): each must now be
read without an exception escaping its source, within the fuzzer's time budget."""

from __future__ import annotations

import importlib.util
import signal
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).parent / "regressions"
_spec = importlib.util.spec_from_file_location("fuzz_driver", ROOT / "scripts" / "fuzz.py")
fuzz = importlib.util.module_from_spec(_spec)
sys.modules["fuzz_driver"] = fuzz  # dataclasses look their module up
_spec.loader.exec_module(fuzz)  # type: ignore[union-attr]

CASES = sorted((d.name, f) for d in HERE.iterdir() if d.is_dir() for f in d.iterdir() if f.is_file()) \
    if HERE.exists() else []


def _alarm(_sig, _frame):
    raise TimeoutError("over the fuzzer's 10 s budget")


@pytest.mark.skipif(not CASES, reason="no crashing input has been kept yet")
@pytest.mark.parametrize(("harness", "path"), CASES, ids=[f"{h}/{p.name}" for h, p in CASES])
def test_a_kept_crash_no_longer_crashes(harness: str, path: Path, tmp_path: Path) -> None:
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(10)
    try:
        fuzz.run_one(harness, path.read_bytes(), tmp_path)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def test_every_harness_runs_on_its_seeds(tmp_path: Path) -> None:
    """The harnesses themselves work (a broken harness would fuzz nothing)."""
    for name, h in fuzz.HARNESSES.items():
        seeds = [f for p in h.seeds for f in ROOT.glob(p) if f.is_file()]
        assert seeds, name
        fuzz.run_one(name, seeds[0].read_bytes(), tmp_path)
