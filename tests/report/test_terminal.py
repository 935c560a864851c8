"""Text from the scanned tree is data on a terminal: console markup in names and requirement
lines is printed as written, and control characters are shown, never sent to the terminal."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from aispm.cli import main

TF = '''resource "azurerm_cognitive_account" "x" {
  name               = "prod[/]ai\\u001b]0;pwned\\u0007[bold]"
  kind               = "OpenAI"
  local_auth_enabled = true
}
'''


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    (tmp_path / "a[").mkdir()
    (tmp_path / "a[" / "].tf").write_text(TF)  # reported as `a[/].tf`
    (tmp_path / "requirements.txt").write_text("openai[/]==1.0\n")
    return tmp_path


@pytest.mark.parametrize("command", [["scan", "--inventory"], ["paths"], ["query", "ai-services"],
                                     ["graph", "-f", "cypher"]])
def test_markup_and_escapes_from_the_tree_are_printed_as_text(hostile: Path, command: list[str]) -> None:
    res = CliRunner().invoke(main, [*command, str(hostile)])
    assert res.exception is None or isinstance(res.exception, SystemExit), res.exception
    out = res.stdout + res.stderr
    assert "\x1b" not in out and "\x07" not in out  # never sent raw
    if command[0] in ("scan", "paths", "query"):
        assert "prod[/]ai\\x1b]0;pwned\\x07[bold]" in out.replace("\n", "")  # shown as written
    if command[0] == "scan":
        assert "a[/].tf" in out
        assert "openai[/]==1.0" in out  # the bad requirement is reported, markup and all
