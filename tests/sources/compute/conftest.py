"""Run the whole scan pipeline on small compute/network estates written by each test."""

from __future__ import annotations

import json

import pytest

from aispm.report.json import render
from aispm.scan import scan


@pytest.fixture
def run(tmp_path):
    def _run(files: dict[str, str]):
        root = tmp_path / f"t{len(list(tmp_path.iterdir()))}"
        for name, text in files.items():
            p = root / name
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(text)
        result = scan([root])
        assert not result.errors, result.errors
        return Scan(result)

    return _run


class Scan:
    def __init__(self, result) -> None:
        self.result = result
        self.report = render(result)

    def asset(self, suffix: str):
        hits = [a for a in self.result.assets if a.uid.endswith(suffix)]
        assert len(hits) == 1, (suffix, [a.uid for a in self.result.assets])
        return hits[0]

    def facts(self, suffix: str) -> dict:
        return self.asset(suffix).facts

    def rels(self, verb: str) -> set[tuple[str, str, tuple]]:
        return {(r.source.split(":")[-1], r.target.split(":")[-1], r.properties)
                for r in self.result.relations if r.verb == verb}

    def json(self) -> dict:
        return json.loads(self.report)
