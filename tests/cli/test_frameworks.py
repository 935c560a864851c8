"""`--framework` selects sources by the names the registry gives them (and a few aliases)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from aispm import registry
from aispm.cli import main

ROOT = Path(__file__).resolve().parent.parent.parent
NOTEBOOKS = ROOT / "tests" / "sources" / "code" / "fixtures" / "nb_app"
EXAMPLE = ROOT / "examples" / "azure-rag"


def _scan(*args: str) -> dict:
    res = CliRunner().invoke(main, ["scan", *args, "-f", "json", "-q", "--ignore-input-errors"])
    assert res.exit_code in (0, 2), res.output
    return json.loads(res.stdout)


@pytest.mark.parametrize("name", ["notebooks", "notebook"])
def test_notebooks_are_read_when_selected(name: str) -> None:
    report = _scan(str(NOTEBOOKS), "--framework", name)
    assert {a["origin"]["format"] for a in report["assets"]} >= {"notebook"}
    assert all(a["origin"]["file"].endswith(".ipynb") for a in report["assets"])


def test_prompty_and_azd_can_be_selected() -> None:
    prompty = _scan(str(NOTEBOOKS), "--framework", "prompty")
    assert prompty["assets"] and all(a["origin"]["file"].endswith(".prompty") for a in prompty["assets"])
    azd = _scan(str(EXAMPLE), "--framework", "azd")
    assert azd["assets"] and {a["origin"]["file"] for a in azd["assets"]} == {"azure.yaml"}


def test_every_source_of_the_registry_is_a_choice() -> None:
    res = CliRunner().invoke(main, ["scan", "--help"])
    for name in registry.source_names():
        assert name in res.output
    bad = CliRunner().invoke(main, ["scan", str(EXAMPLE), "--framework", "no-such-source"])
    assert bad.exit_code == 1 and "no-such-source" in bad.output
