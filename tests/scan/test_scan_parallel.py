"""On large trees sources run in two processes; the report must not depend on it."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from aispm.report.json import to_dict

EXAMPLE = Path(__file__).parent.parent.parent / "examples" / "azure-rag"
scan_module = importlib.import_module("aispm.scan")


def _report(monkeypatch, threshold: int) -> dict:
    monkeypatch.setattr(scan_module, "PARALLEL_MIN_FILES", threshold)
    report = to_dict(scan_module.scan([EXAMPLE]))
    report.pop("tool")
    return report


def test_parallel_sources_give_the_same_report(monkeypatch) -> None:
    serial = _report(monkeypatch, 10**9)
    parallel = _report(monkeypatch, 1)
    assert parallel == serial
    assert serial["assets"] and serial["findings"] and serial["attack_paths"]


def test_scan_restores_the_garbage_collector_as_it_found_it() -> None:
    """`scan()` pauses the cyclic collector for speed; an embedding program must get it back
    exactly as it was, also when the scan fails."""
    import gc

    assert gc.isenabled()
    scan_module.scan([EXAMPLE])
    assert gc.isenabled()
    gc.disable()
    try:
        scan_module.scan([EXAMPLE])
        assert not gc.isenabled()  # a caller that had it off keeps it off
    finally:
        gc.enable()
    with pytest.raises(KeyboardInterrupt):  # the scan stops (errors are guarded; Ctrl-C is not)
        scan_module.scan([EXAMPLE], scan_module.ScanOptions(sources=[_Interrupting()]))  # type: ignore[list-item]
    assert gc.isenabled()


class _Interrupting:
    name = "interrupting"

    def claims(self, path: Path) -> bool:
        return True

    def load(self, files, ctx):
        raise KeyboardInterrupt
