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


def test_a_source_in_the_forked_reader_may_fork_too(monkeypatch, tmp_path) -> None:
    """When Terraform is not the source with the most files it runs in the forked reader, and its
    own parallel paths (the parsing pool, the second evaluation process) run there: a daemonic
    reader could not start them, and the Terraform source failed whole, losing every Terraform
    resource of the tree (found on the public estates: 369 files)."""
    import aispm.iac.terraform.loader as tf_loader
    import aispm.iac.terraform.source as tf_source
    import aispm.providers.azure.bicep.source as bicep_source

    for i in range(4):
        (tmp_path / f"tf{i}").mkdir()
        (tmp_path / f"tf{i}" / "main.tf").write_text(
            f'resource "azurerm_cognitive_account" "a" {{\n  name = "acct-{i}"\n  kind = "OpenAI"\n  sku_name = "S0"\n}}\n')
    for i in range(12):  # more Bicep files than Terraform ones: Bicep is read here, Terraform in the reader
        (tmp_path / f"b{i}.bicep").write_text(
            f"resource s 'Microsoft.Search/searchServices@2023-11-01' = {{\n  name: 'srch-{i}'\n  location: 'eastus'\n"
            "  sku: { name: 'basic' }\n}\n")

    def report(parallel: bool) -> dict:
        low = 1 if parallel else 10**9
        monkeypatch.setattr(scan_module, "PARALLEL_MIN_FILES", low)
        monkeypatch.setattr(tf_loader, "PARALLEL_MIN_FILES", low)
        monkeypatch.setattr(tf_source, "PARALLEL_MIN_ROOTS", low)
        monkeypatch.setattr(bicep_source, "PARALLEL_MIN_TEMPLATES", low)
        got = to_dict(scan_module.scan([tmp_path]))
        got.pop("tool")
        return got

    parallel = report(True)
    assert parallel["errors"] == []
    assert sum(a["uid"].startswith("terraform:") for a in parallel["assets"]) == 4
    assert sum(a["uid"].startswith("bicep:") for a in parallel["assets"]) == 12
    assert parallel == report(False)
