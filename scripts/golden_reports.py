"""Refactoring guard: scan every fixture tree (examples/ and each test folder with input files) and
write its JSON report, so two checkouts can be compared report by report.

    python scripts/golden_reports.py OUT_DIR       # then: diff -r OUT_BEFORE OUT_AFTER

Volatile keys (tool version, timings) are dropped; everything a user reads is kept.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from aispm.report.json import to_dict
from aispm.scan import ScanOptions, scan

ROOT = Path(__file__).resolve().parent.parent
VOLATILE = {"generated_at", "duration_seconds", "tool_version", "version", "timings"}


def fixture_trees() -> list[Path]:
    trees = [p for p in sorted((ROOT / "examples").iterdir()) if p.is_dir()]
    for d in sorted((ROOT / "tests").rglob("*")):
        if not d.is_dir() or "__pycache__" in d.parts:
            continue
        if any(f.is_file() and f.suffix != ".py" for f in d.iterdir()):
            trees.append(d)
    return trees


def strip(value):
    if isinstance(value, dict):
        return {k: strip(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [strip(v) for v in value]
    return value


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for tree in fixture_trees():
        rel = tree.relative_to(ROOT).as_posix()
        result = scan([tree], ScanOptions())
        report = strip(to_dict(result))
        (out / (rel.replace("/", "__") + ".json")).write_text(json.dumps(report, indent=1, sort_keys=True, default=str))
    print(f"{len(fixture_trees())} trees written to {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
