"""Run the scan pipeline with the compute facts and links, whether or not the lead
has wired them into `facts/azure.py` and `link/azure.py` yet (then they are patched
in for the test only)."""

from __future__ import annotations

import inspect
import json
from pathlib import Path

import pytest

from aispm.facts import azure as azure_facts
from aispm.facts import azure_compute as compute_facts
from aispm.link import azure as azure_link
from aispm.link import azure_compute as compute_link
from aispm.report.json import render
from aispm.scan import scan


@pytest.fixture
def run(monkeypatch, tmp_path):
    if not all(azure_facts.DERIVERS.get(k) is v for k, v in compute_facts.DERIVERS.items()):
        for k, v in compute_facts.DERIVERS.items():
            monkeypatch.setitem(azure_facts.DERIVERS, k, v)
    if "azure_compute" not in inspect.getsource(azure_link):
        original = azure_link.link

        def link(assets):
            models, relations = original(assets)
            return models, relations + compute_link.link(assets, azure_link.Index(assets))

        monkeypatch.setattr(azure_link, "link", link)

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
