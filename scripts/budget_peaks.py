"""How close real input comes to each budget of `aispm.limits`: the measured peaks behind its defaults.

    python scripts/budget_peaks.py examples tests/sources tests/rules /path/to/estate ...

A budget that triggers changes what a scan reports (a value becomes `Unknown`, a warning or an
error appears). So, for each budget in turn, the trees are scanned with that one budget lowered
— halved again and again from its default — until the report differs from the scan with the
default limits. The lowest value that still gives the same report is the input's peak for that
budget (within a factor of two); the margin is how many times the default lies above it. A
budget that already changes the report at its default is reported as TRIGGERED (then the
default is too low for that input, or the input is hostile by design).

Each lowered scan is compared with the default one on what a user reads: assets (uid, type,
properties), findings (rule, asset, status), errors and warnings. Budgets no input reaches
(e.g. `decompressed_bytes` before archives are read) show the floor the search stopped at.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys

from aispm.limits import DEFAULT, Limits
from aispm.report.json import plain
from aispm.scan import ScanOptions, scan

#: Lowest value tried: below it every budget is meaningless (one instance, one step...).
FLOOR = 1


def fingerprint(targets: list[str], limits: Limits) -> str:
    r = scan(targets, ScanOptions(limits=limits, attack_paths=False, vulnerabilities=False))
    return json.dumps({
        "assets": sorted((a.uid, a.type, json.dumps(plain(a.properties), sort_keys=True)) for a in r.assets),
        "findings": sorted((f.rule_id, f.asset_uid, str(f.status)) for f in r.findings),
        "errors": sorted((e.file, e.line or 0, e.message) for e in r.errors),
        "warnings": sorted(r.warnings),
    }, sort_keys=True)


def peak(targets: list[str], name: str, base: str) -> int:
    """The lowest value of budget `name` (halving from its default) whose report equals `base`."""
    default = getattr(DEFAULT, name)
    good = default
    value = default // 2
    while value >= FLOOR:
        if fingerprint(targets, dataclasses.replace(DEFAULT, **{name: value})) != base:
            break
        good = value
        value //= 2
    return good


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("targets", nargs="+", help="trees to scan together (examples, fixtures, public estates)")
    ap.add_argument("--budget", action="append", choices=Limits.names(), help="only these budgets")
    args = ap.parse_args()
    base = fingerprint(args.targets, DEFAULT)
    if fingerprint(args.targets, DEFAULT) != base:
        raise SystemExit("the scan is not deterministic: two runs with the default limits differ")
    triggered = [w for w in json.loads(base)["warnings"] if "budget exceeded" in w]
    print(f"{'budget':24} {'default':>14} {'peak (≤)':>14} {'margin':>10}")
    for name in args.budget or Limits.names():
        default = getattr(DEFAULT, name)
        hits = [w for w in triggered if f"budget exceeded: {name} " in w]
        if hits:
            print(f"{name:24} {default:>14,} {'TRIGGERED':>14} {'':>10}  e.g. {hits[0][:100]}")
            continue
        good = peak(args.targets, name, base)
        print(f"{name:24} {default:>14,} {good:>14,} {default / good:>9,.0f}×", flush=True)
    sys.exit(0)


if __name__ == "__main__":
    main()
