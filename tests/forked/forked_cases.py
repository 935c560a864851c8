"""Run one case of `aispm.forked.shared` in a process of its own: `python forked_cases.py <case>`.

The test runs this with a deadline on the whole process, exit included, so a child left blocked on a
full pipe (the failure `shared` must never have) fails the test instead of hanging it. Each share's
result is larger than a pipe buffer. Prints what `shared` returned, as JSON.

Cases: `ok`, `in-daemon`, `child-fails`, `child-dies`, `parent-fails`, `bicep-serial`, `bicep-parallel`,
`bicep-child-dies`, and a whole scan with its security graph searched here, beside redaction, or by a child that
dies: `graph-serial`, `graph-beside`, `graph-child-dies`."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from aispm.forked import shared

PARENT = os.getpid()


def in_child() -> bool:
    return os.getpid() != PARENT


def run_case(case: str) -> dict:
    ran_in: list[str] = []

    def run(indexes):
        if in_child() and case == "child-fails":
            raise RuntimeError("injected failure in the child")
        if in_child() and case == "child-dies":
            os._exit(9)
        if not in_child() and case == "parent-fails":
            raise RuntimeError("injected failure in the parent")
        ran_in.append("child" if in_child() else "parent")
        return [(i, "x" * 100_000) for i in indexes]  # 100 KB each: far over a pipe buffer

    try:
        ours, theirs, forked = shared(run, [0, 2, 4], [1, 3, 5])
    except RuntimeError as exc:
        return {"raised": str(exc)}
    return {"ours": [i for i, _ in ours], "theirs": [i for i, _ in theirs], "forked": forked,
            "sizes": sorted({len(v) for _, v in ours + theirs}), "ran_here": ran_in}


def bicep_case(case: str, root: Path) -> dict:
    import aispm.providers.azure.bicep.source as bicep
    from aispm.source import SourceContext

    bicep.PARALLEL_MIN_TEMPLATES = 10**9 if case == "bicep-serial" else 1
    if case == "bicep-child-dies":
        real = bicep._evaluate

        def evaluate(path, loader, param_values, result):
            if in_child():
                os._exit(9)
            return real(path, loader, param_values, result)

        bicep._evaluate = evaluate
    files = sorted(p for p in root.rglob("*") if p.suffix in (".bicep", ".bicepparam"))
    r = bicep.BicepSource().load(files, SourceContext(root=root))
    return {"assets": [[a.uid, repr(a.properties)] for a in r.assets],
            "errors": [[e.file, e.line, e.message] for e in r.errors], "warnings": r.warnings, "files": r.files}


def graph_case(case: str, root: Path) -> dict:
    import aispm.graph
    from aispm.report.json import render
    from aispm.scan import scan as run_scan

    scan = sys.modules["aispm.scan"]  # the module (the package exports its `scan` function under that name)

    scan.GRAPH_BESIDE_MIN_ASSETS = 10**9 if case == "graph-serial" else 0
    if case == "graph-child-dies":
        real = aispm.graph.analyze

        def analyze(result, **kw):
            if in_child():
                os._exit(9)
            return real(result, **kw)

        aispm.graph.analyze = analyze
    report = json.loads(render(run_scan([root])))
    return {"report": report, "pid": PARENT}


if __name__ == "__main__":
    name = sys.argv[1]
    if name == "in-daemon":  # as the scan's forked reader was: a daemonic process may not have children
        import multiprocessing

        multiprocessing.current_process()._config["daemon"] = True
    if name.startswith("graph"):
        out = graph_case(name, Path(sys.argv[2]))
    else:
        out = bicep_case(name, Path(sys.argv[2])) if name.startswith("bicep") else run_case(name)
    print(json.dumps(out))
