"""What every attack-path estate test (`test_estates.py` for Azure, `test_aws_estates.py`,
`test_gcp_estates.py`, `test_k8s_estates.py`) uses to scan an estate and find its paths.

An estate lives under `estates/<name>/{found,broken}/`; its assets are named by where they are
declared (`At(file, address)`), so a case reads like the repository it describes."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from aispm.model import Asset, AttackPath, ScanResult
from aispm.scan import scan

ESTATES = Path(__file__).parent / "estates"


@dataclass(frozen=True)
class At:
    """An asset, by the file that declares it and its address there."""

    file: str
    address: str

    def matches(self, a: Asset | None) -> bool:
        return a is not None and a.origin.file == self.file and a.origin.address == self.address

    def __str__(self) -> str:
        return f"{self.file}:{self.address}"


@lru_cache(maxsize=None)
def scanned(estate: str, variant: str) -> ScanResult:
    """One scan per estate variant for the whole test session."""
    root = ESTATES / estate / variant
    assert root.is_dir(), root
    return scan([root])


def find_asset(result: ScanResult, at: At) -> Asset | None:
    hits = [a for a in result.assets if at.matches(a)]
    assert len(hits) <= 1, f"{at} matches {len(hits)} assets"
    return hits[0] if hits else None


def between(result: ScanResult, entry: At, target: At) -> list[AttackPath]:
    """The paths from the asset at `entry` to the asset at `target`."""
    return [p for p in result.attack_paths
            if entry.matches(result.asset(p.entry)) and target.matches(result.asset(p.target))]


def walk(result: ScanResult, p: AttackPath) -> list[tuple[str, str | None]]:
    """A path's steps as (`file:address`, verb that reached it)."""
    out = []
    for s in p.steps:
        a = result.asset(s.asset_uid)
        out.append((f"{a.origin.file}:{a.origin.address}" if a is not None else s.asset_uid, s.verb))
    return out


def listing(result: ScanResult) -> str:
    """Every path of a scan, for an assertion's message."""
    return "\n".join(f"  [{p.status}] {p.title}" for p in result.attack_paths) or "  (no paths)"
