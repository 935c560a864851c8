"""Choosing each source's files (`aispm.scan._claimed`): a source that claims by name alone
(`claims_by_name`) is asked once per distinct name, and that changes nothing about which files it gets."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from aispm import registry
from aispm.model import ScanResult

scan_module = sys.modules["aispm.scan"]  # the package exports its `scan` function under the module's name
REPO = Path(__file__).resolve().parents[2]
#: folders where the sources that do look at folders decide differently (AWS snapshots, vendored trees,
#: solution exports, agent folders, requirements folders, gradle catalogs, VS Code settings)
TELLING = ("record/aws/bedrock", "node_modules/x", "bots/b", "botcomponents/c", "agents", "requirements", "gradle",
           ".vscode", "META-INF/maven", "vendor")


def _names() -> list[str]:
    """Every file name of the examples and the test fixtures (some four hundred kinds of input)."""
    names = {p.name for tree in (REPO / "examples", REPO / "tests") for p in tree.rglob("*") if p.is_file()}
    return sorted(n for n in names if not n.endswith(".pyc"))


def test_a_source_that_claims_by_name_answers_the_same_in_any_folder(tmp_path):
    by_name = [s for s in registry.sources() if getattr(s, "claims_by_name", False)]
    assert len(by_name) >= 15 and {"terraform", "arm", "bicep"} <= {s.name for s in by_name}
    names = _names()
    assert len(names) > 300
    for folder in ("plain", *TELLING):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
        for name in names:
            (tmp_path / folder / name).touch()
    for source in by_name:
        for name in names:
            answers = {folder: source.claims(tmp_path / folder / name) for folder in ("plain", *TELLING)}
            assert len(set(answers.values())) == 1, f"{source.name} on {name}: {answers}"


@pytest.mark.parametrize("tree", ["examples", "tests"])
def test_files_are_claimed_as_when_every_source_is_asked_about_every_file(tree):
    files = sorted(p for p in (REPO / tree).rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    sources = registry.sources()
    by_name = scan_module._claimed(sources, files, ScanResult())
    expected = [(s, c) for s in sources if (c := [f for f in files if s.claims(f)])]
    assert [(s.name, c) for s, c in by_name] == [(s.name, c) for s, c in expected]
    assert any(getattr(s, "claims_by_name", False) for s, _ in by_name)
