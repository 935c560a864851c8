"""Failure cases of the two-process source loading (`aispm.scan._load_sources`), run as a
script in a subprocess so that the test can put a deadline on the whole process, exit
included (the bug this guards against hung at exit, joining a child blocked on a full pipe).

    python parallel_cases.py CASE TREE     # prints a JSON summary of the scan on stdout
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import importlib

from aispm.model import Asset, Kind, Origin
from aispm.source import SourceResult

scan_module = importlib.import_module("aispm.scan")

PARENT = os.getpid()
BIG = 20_000  # assets: a pickled result far larger than a pipe buffer (64 KiB)


class Toy:
    """Claims `*.<suffix>` files and makes `count` assets, then does what `behaviour` says."""

    def __init__(self, name: str, suffix: str, count: int, behaviour: str = "ok") -> None:
        self.name, self.suffix, self.count, self.behaviour = name, suffix, count, behaviour

    def claims(self, path: Path) -> bool:
        return path.suffix == self.suffix

    def load(self, files, ctx) -> SourceResult:
        in_child = os.getpid() != PARENT
        if self.behaviour == "raise":
            raise ValueError(f"{self.name} broke")
        if self.behaviour == "interrupt":
            raise KeyboardInterrupt
        if self.behaviour == "die-in-child" and in_child:
            os._exit(9)  # a worker killed (as by the OOM killer): no result, no exception
        res = SourceResult(files=len(files))
        for i in range(self.count):
            res.assets.append(Asset(uid=f"{self.name}:{i}", provider="code", type="toy", name=f"a{i}",
                                    origin=Origin(ctx.rel(files[0]), 1, f"toy.{i}"), kind=Kind.OTHER))
        return res


CASES = {
    # the biggest source (run in the parent) raises while the child sends a large result
    "parent-raises": [Toy("big", ".a", 0, "raise"), Toy("small", ".b", BIG)],
    # a source in the child raises
    "child-raises": [Toy("big", ".a", 10), Toy("small", ".b", 0, "raise")],
    # the child is killed: its sources are read again in the parent
    "child-dies": [Toy("big", ".a", 10), Toy("small", ".b", 5, "die-in-child")],
    # the parent is interrupted while the child sends a large result: the scan stops, promptly
    "parent-interrupted": [Toy("big", ".a", 0, "interrupt"), Toy("small", ".b", BIG)],
}


def main(case: str, tree: str) -> None:
    scan_module.PARALLEL_MIN_FILES = 1
    options = scan_module.ScanOptions(sources=CASES[case], vulnerabilities=False, attack_paths=False)
    try:
        result = scan_module.scan([tree], options)
    except KeyboardInterrupt:
        print(json.dumps({"interrupted": True}))
        return
    by_source: dict[str, int] = {}
    for a in result.assets:
        by_source[a.uid.split(":")[0]] = by_source.get(a.uid.split(":")[0], 0) + 1
    print(json.dumps({"assets": by_source, "errors": [e.message for e in result.errors]}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
