"""Shared by the CloudFormation source tests: scan a folder with that source alone."""

from __future__ import annotations

from pathlib import Path

from aispm.model import Asset, ScanResult
from aispm.scan import ScanOptions, scan

FIXTURES = Path(__file__).parent / "fixtures"


def scan_cfn(*targets: Path, **options) -> ScanResult:
    return scan(list(targets), ScanOptions(frameworks=("cloudformation",), rules=("NONE",), attack_paths=False,
                                           vulnerabilities=False, **options))


def by_address(result: ScanResult) -> dict[str, Asset]:
    out = {a.origin.address: a for a in result.assets}
    assert len(out) == len(result.assets), "two assets with one address"
    return out
