"""Where a scan's time goes: CPU and wall time per stage of `aispm scan TARGET -f json`.

    python scripts/scan_stages.py benchmarks/.work/large            # as the CLI runs (forked readers)
    python scripts/scan_stages.py benchmarks/.work/large --serial   # every reader in this one process
    python scripts/scan_stages.py benchmarks/.work/large --sources  # each source alone: choosing files, reading them
    python scripts/scan_stages.py benchmarks/.work/large --timeline # also when each stage and child ran
    python scripts/scan_stages.py TREE -- --framework bicep          # with more `aispm scan` options

A profiling aid for the IaC benchmark (docs/benchmarks.md), not a benchmark: it wraps the stage
functions of `aispm.scan` and the providers' folds and linkers with timers and prints, per stage,
the CPU time of this process and of the children it waited for (user + sys) and the wall time. Stages
nest (`_load_sources` is inside `_collect`); `TOTAL` includes start-up and imports.

`--timeline` also lists when each stage began and ended and when each forked child (`aispm.forked.Child`:
the Terraform parse ahead, the sources' reader, the evaluation and graph children) ran its work, in
milliseconds since this script started, with each process's own CPU time: where one core is idle while
the other works (the stretches that only a process of their own, or less work, would shorten)."""

from __future__ import annotations

import argparse
import functools
import os
import resource
import sys
import tempfile
import time

TIMES: dict[str, tuple[float, float]] = {}
#: With `--timeline`: the file every process appends its events to, and when this script started.
TIMELINE: dict[str, object] = {}


def _event(what: str) -> None:
    """One line of the timeline: process, wall ms since start (the monotonic clock is shared by forked
    processes), the process's own CPU ms, what happened. Small appends to one file are atomic."""
    fd = TIMELINE.get("fd")
    if isinstance(fd, int):
        t0 = float(TIMELINE["t0"])  # type: ignore[arg-type]
        os.write(fd, f"{os.getpid()} {1000 * (time.perf_counter() - t0):.1f} {1000 * time.process_time():.1f} "
                     f"{what}\n".encode())


def _cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _timed(label: str, fn):  # type: ignore[no-untyped-def]
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
        cpu, wall = _cpu(), time.perf_counter()
        _event(f"begin {label}")
        try:
            return fn(*args, **kwargs)
        finally:
            _event(f"end {label}")
            c, w = TIMES.get(label, (0.0, 0.0))
            TIMES[label] = (c + _cpu() - cpu, w + time.perf_counter() - wall)
    return wrapper


def _log_children() -> None:
    """Every forked child logs when its work begins and ends."""
    import aispm.forked as forked

    start = forked.Child.start.__func__  # type: ignore[attr-defined]

    def logged_start(cls, work):  # type: ignore[no-untyped-def]
        def logged():  # type: ignore[no-untyped-def]
            _event("child: work begins")
            try:
                return work()
            finally:
                _event("child: work ends")
        _event("fork")
        return start(cls, logged)

    forked.Child.start = classmethod(logged_start)  # type: ignore[method-assign]


def _print_timeline(path: str) -> None:
    with open(path, encoding="utf-8") as fh:
        rows = [line.split(" ", 3) for line in fh.read().splitlines()]
    names: dict[str, str] = {}
    print(f"\n{'process':10s} {'wall ms':>8s} {'CPU ms':>8s}  event")
    for pid, wall, cpu, what in sorted(rows, key=lambda r: float(r[1])):
        who = names.setdefault(pid, "scan" if not names else f"child {len(names)}")
        print(f"{who:10s} {float(wall):8.1f} {float(cpu):8.1f}  {what}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("target")
    ap.add_argument("--serial", action="store_true", help="read every input in this process (no forked readers)")
    ap.add_argument("--sources", action="store_true", help="time each source alone (serial), then stop")
    ap.add_argument("--timeline", action="store_true", help="also list when each stage and forked child ran")
    ap.add_argument("extra", nargs="*", help="more `aispm scan` options, after `--` (e.g. `-- --framework bicep`)")
    args = ap.parse_args()
    if args.sources:
        _sources(args.target)
        return
    cpu0, wall0 = _cpu(), time.perf_counter()
    if args.timeline:
        fd, path = tempfile.mkstemp(prefix="aispm-timeline-")
        os.close(fd)  # appended to by every process: O_APPEND keeps their lines whole and in order
        TIMELINE.update(fd=os.open(path, os.O_WRONLY | os.O_APPEND), t0=wall0, path=path)
        _event("start")
    import aispm.cli as cli
    from aispm import registry

    scan_mod = sys.modules["aispm.scan"]
    if args.serial:
        import aispm.iac.terraform.loader as loader

        scan_mod.PARALLEL_MIN_FILES = loader.PARALLEL_MIN_FILES = 10**9
    TIMES["imports"] = (_cpu() - cpu0, time.perf_counter() - wall0)
    _event("imported")
    if args.timeline:
        _log_children()
    labels = {"_walks": "walk", "_parse_ahead": "start parsing ahead", "_collect": "collect",
              "_load_sources": "load_sources", "_claimed": "claimed", "_derive": "derive", "_judge": "judge",
              "_graph_beside": "graph | judge, sanitize", "_sanitize": "sanitize", "_graph": "attack paths",
              "_advise": "advise", "run_source": "a source"}
    for name, label in labels.items():
        setattr(scan_mod, name, _timed(label, getattr(scan_mod, name)))
    import aispm.triage.suppress as suppress

    suppress.Suppressor.apply = _timed("suppressions", suppress.Suppressor.apply)
    import aispm.iac.terraform.ahead as ahead

    ahead.ParseAhead.take = _timed("take the parse ahead", ahead.ParseAhead.take)
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
    registry.sources = _timed("import the sources", registry.sources)  # `aispm.scan` calls it through `registry`
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
    if args.timeline:
        _event("end")
        os.close(int(TIMELINE["fd"]))  # type: ignore[call-overload]
        _print_timeline(str(TIMELINE["path"]))
        os.unlink(str(TIMELINE["path"]))


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
