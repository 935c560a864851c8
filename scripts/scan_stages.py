"""Where a scan's time goes: CPU and wall time per stage of `aispm scan TARGET -f json`.

    python scripts/scan_stages.py benchmarks/.work/large            # as the CLI runs (forked readers)
    python scripts/scan_stages.py benchmarks/.work/large --serial   # every reader in this one process
    python scripts/scan_stages.py benchmarks/.work/large --sources  # each source alone: choosing files, reading them
    python scripts/scan_stages.py TREE -- --framework bicep          # with more `aispm scan` options

A profiling aid for the IaC benchmark (docs/benchmarks.md), not a benchmark: it wraps the stage
functions of `aispm.scan` and the providers' folds and linkers with timers and prints, per stage,
the CPU time of this process and of the children it waited for (user + sys) and the wall time. Stages
nest (`_load_sources` is inside `_collect`); `TOTAL` includes start-up and imports."""

from __future__ import annotations

import argparse
import functools
import resource
import sys
import time

TIMES: dict[str, tuple[float, float]] = {}


def _cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _timed(label: str, fn):  # type: ignore[no-untyped-def]
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
        cpu, wall = _cpu(), time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            c, w = TIMES.get(label, (0.0, 0.0))
            TIMES[label] = (c + _cpu() - cpu, w + time.perf_counter() - wall)
    return wrapper


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("target")
    ap.add_argument("--serial", action="store_true", help="read every input in this process (no forked readers)")
    ap.add_argument("--sources", action="store_true", help="time each source alone (serial), then stop")
    ap.add_argument("extra", nargs="*", help="more `aispm scan` options, after `--` (e.g. `-- --framework bicep`)")
    args = ap.parse_args()
    if args.sources:
        _sources(args.target)
        return
    cpu0, wall0 = _cpu(), time.perf_counter()
    import aispm.cli as cli
    from aispm import registry

    scan_mod = sys.modules["aispm.scan"]
    if args.serial:
        import aispm.iac.terraform.loader as loader

        scan_mod.PARALLEL_MIN_FILES = loader.PARALLEL_MIN_FILES = 10**9
    TIMES["imports"] = (_cpu() - cpu0, time.perf_counter() - wall0)
    labels = {"_walks": "walk", "_parse_ahead": "start parsing ahead", "_collect": "collect",
              "_load_sources": "load_sources", "_claimed": "claimed", "_derive": "derive", "_judge": "judge",
              "_graph_beside": "graph | judge, sanitize", "_sanitize": "sanitize", "_graph": "attack paths"}
    for name, label in labels.items():
        setattr(scan_mod, name, _timed(label, getattr(scan_mod, name)))
    import aispm.triage.suppress as suppress

    suppress.Suppressor.apply = _timed("suppressions", suppress.Suppressor.apply)
    cli._write_reports = _timed("write reports", cli._write_reports)
    providers = registry.providers

    def timed_providers():  # type: ignore[no-untyped-def]
        out = providers()
        for p in out:
            for attr, verb in (("folds", "fold"), ("linkers", "link")):
                fns = [f if getattr(f, "__wrapped__", None) else _timed(f"{verb} {p.name}", f) for f in getattr(p, attr)]
                object.__setattr__(p, attr, fns)
        return out

    registry.providers = scan_mod.registry.providers = timed_providers
    sys.argv = ["aispm", "scan", args.target, "--format", "json", "-o", "/dev/null", "--ignore-input-errors", "-q", *args.extra]
    try:
        cli.main()
    except SystemExit:
        pass
    TIMES["TOTAL"] = (_cpu() - cpu0, time.perf_counter() - wall0)
    print(f"{'stage':24s} {'CPU s':>7s} {'wall s':>7s}")
    for label, (c, w) in TIMES.items():
        if c >= 0.005 or w >= 0.005:
            print(f"{label:24s} {c:7.2f} {w:7.2f}")


def _sources(target: str) -> None:
    """Each registered source alone on the files it claims, in this process: CPU of `claims` over every
    file, and of `load` on what it claimed."""
    import gc
    from pathlib import Path

    from aispm import registry
    from aispm.confine import scan_roots
    from aispm.source import SourceContext

    gc.disable()  # as a scan runs
    scan_mod = sys.modules["aispm.scan"]
    import aispm.iac.terraform.loader as loader

    loader.PARALLEL_MIN_FILES = 10**9
    root = Path(target)
    roots = scan_roots([root], ())
    files, _ = scan_mod.walk(root, (), roots)
    ctx = SourceContext(root=root, roots=roots)
    print(f"{len(files)} files\n{'source':22s} {'claims s':>9s} {'load s':>8s} {'files':>6s} {'assets':>7s}")
    for source in registry.sources(lambda *a: None):
        t = time.process_time()
        claimed = [f for f in files if source.claims(f)]
        claims = time.process_time() - t
        t = time.process_time()
        res = scan_mod.run_source(source, claimed, ctx) if claimed else None
        load = time.process_time() - t
        if claims >= 0.005 or load >= 0.005:
            print(f"{source.name:22s} {claims:9.3f} {load:8.3f} {len(claimed):6d} {len(res.assets) if res else 0:7d}")


if __name__ == "__main__":
    main()
