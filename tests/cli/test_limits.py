"""`--limit BUDGET=N` sets one budget of `aispm.limits` for a scan: a team whose estate really is
larger than a default raises it; the report names the budget whenever one is hit."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from click.testing import CliRunner

from aispm.cli import main

ACCOUNTS = textwrap.dedent("""\
    resource "azurerm_cognitive_account" "a" {
      count               = 6
      name                = "acct-${count.index}"
      kind                = "OpenAI"
      location            = "swedencentral"
      resource_group_name = "rg"
      sku_name            = "S0"
    }
    """)


def _scan(tree: Path, *args: str) -> dict:
    res = CliRunner().invoke(main, ["scan", str(tree), "-f", "json", "-q", *args])
    assert res.exit_code in (0, 2), res.output
    return json.loads(res.stdout)


def test_a_lowered_budget_is_hit_and_named(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(ACCOUNTS)
    default = _scan(tmp_path)
    assert len([a for a in default["assets"] if a["type"] == "Microsoft.CognitiveServices/accounts"]) == 6
    assert not [w for w in default["warnings"] if "budget" in w]

    lowered = _scan(tmp_path, "--limit", "instances_per_resource=4")
    assert any("budget exceeded: instances_per_resource = 4" in w for w in lowered["warnings"])
    assert len([a for a in lowered["assets"] if a["type"] == "Microsoft.CognitiveServices/accounts"]) < 6


def test_a_raised_budget_lets_the_input_through(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(ACCOUNTS)
    raised = _scan(tmp_path, "--limit", "instances_per_resource=4", "--limit", "instances-per-resource=8")
    assert not [w for w in raised["warnings"] if "budget" in w]  # the last value given wins
    assert len([a for a in raised["assets"] if a["type"] == "Microsoft.CognitiveServices/accounts"]) == 6


def test_an_unknown_budget_or_value_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(ACCOUNTS)
    for bad in ("instances=4", "depth=many", "depth=0", "depth"):
        res = CliRunner().invoke(main, ["scan", str(tmp_path), "--limit", bad])
        assert res.exit_code == 1, (bad, res.output)
        assert "--limit" in res.output
