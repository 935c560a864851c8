"""The terminal report fits the terminal: a summary first, then the failing findings grouped by
rule (severity, id and title once, a few locations, the first fix step), the vulnerable libraries
with the version that fixes them, the inventory only on request. A pipe gets 80 columns unless
`COLUMNS` says otherwise; the README's first command stays near 150 lines."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.cells import cell_len

from aispm.cli import main
from aispm.report.remediation import RULES_URL

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"

ACCOUNT = '''resource "azurerm_cognitive_account" "{name}" {{
  name                = "oai-{name}"
  location            = "eastus"
  resource_group_name = "rg"
  kind                = "OpenAI"
  sku_name            = "S0"
  local_auth_enabled  = true
}}
'''


def _table(*args: str, columns: str | None = "80") -> list[str]:
    res = CliRunner().invoke(main, ["scan", *args, "--offline"], env={"COLUMNS": columns})
    assert res.exit_code == 2, res.output
    return res.stdout.splitlines()


def _rule_headers(lines: list[str]) -> list[str]:
    return [m.group(1) for line in lines if (m := re.match(r"(?:critical|high|medium|low|info) +(AISPM-\S+) ", line))]


def test_the_readmes_first_command_prints_about_150_lines_none_wider_than_80() -> None:
    lines = _table(str(EXAMPLES))
    assert len(lines) <= 155, len(lines)
    assert [line for line in lines if cell_len(line) > 80 or len(line.encode()) > 80] == []
    # a summary first: counts by severity and pillar, the inventory counted, the top attack paths with a fix
    assert lines[0].startswith("aispm: ") and lines[1].startswith("Failing: ")
    assert "by pillar" in lines[1] + lines[2]
    text = "\n".join(lines)
    assert "AI inventory: " in text and "--inventory lists them" in text.replace("\n  ", " ")
    assert text.index("Top attack paths (5 of ") < text.index("Failing findings by rule")
    assert "   fix: " in text
    # each failing rule once, with its locations and its first fix step; the rule pages named once
    headers = _rule_headers(lines)
    assert len(headers) == len(set(headers)) and "AISPM-AZ-017" in headers and "AISPM-AZ-022" in headers
    assert f"Rule pages: {RULES_URL}<id>.md" in text
    at = lines.index(next(line for line in lines if re.match(r"medium +AISPM-AZ-022 ", line)))
    block = "\n".join(lines[at:at + 6])
    assert "azure-rag/foundry/main.bicep:44 workspaces.hub" in block
    assert "azure-rag/foundry/main.bicep:62 workspaces.project" in block
    assert "  fix: Create (or reuse) a Log Analytics workspace" in block
    # a low rule in brief: its title on one line and its locations, its fix on its page
    low = lines.index(next(line for line in lines if re.match(r"low +AISPM-AZ-012 ", line)))
    assert lines[low + 1].strip() == "azure-rag/infra/main.tf:28 azurerm_search_service.search"
    assert re.match(r"(critical|high|medium|low|info) +AISPM-|Vulnerable libraries", lines[low + 2])
    # the vulnerable libraries, grouped, with the version that fixes them
    assert re.search(r"^high +langchain 0\.1\.0 azure-rag/app/requirements\.txt:7: \d+ advisories$", text, re.M)
    assert re.search(r"^  fix: upgrade to \d+\.\d+(\.\d+)? or later \(PYSEC-", text, re.M)
    # the inventory is not listed unless asked
    assert "AI inventory (" not in text


def test_a_pipe_gets_80_columns_and_columns_widens_it() -> None:
    narrow = _table(str(EXAMPLES), columns=None)
    assert max(cell_len(line) for line in narrow) <= 80
    wide = _table(str(EXAMPLES), columns="140")
    assert max(cell_len(line) for line in wide) <= 140
    assert max(cell_len(line) for line in wide) > 80 and len(wide) < len(narrow)


@pytest.fixture
def estate(tmp_path: Path) -> Path:
    (tmp_path / "modules" / "openai").mkdir(parents=True)
    (tmp_path / "modules" / "openai" / "main.tf").write_text(ACCOUNT.format(name="this"))
    (tmp_path / "main.tf").write_text(
        'module "openai" {\n  source   = "./modules/openai"\n  for_each = toset(["a", "b", "c"])\n}\n')
    (tmp_path / "z.tf").write_text("".join(ACCOUNT.format(name=f"acct{n}") for n in range(4)))
    return tmp_path


def test_one_location_per_declaration_and_a_few_per_rule(estate: Path) -> None:
    lines = _table(str(estate))
    text = "\n".join(lines)
    assert _rule_headers(lines).count("AISPM-AZ-001") == 1
    header = next(n for n, line in enumerate(lines) if re.match(r"medium +AISPM-AZ-001 ", line))
    assert "(7 resources)" in lines[header] + lines[header + 1]
    # the module's three instances are one location (it is one declaration to fix)
    flat = " ".join(text.split())  # wrapped lines joined
    assert "modules/openai/main.tf:1 module.openai.azurerm_cognitive_account.this (3 instances)" in flat
    assert 'module.openai["' not in text  # never one line per instance
    assert flat.count("module.openai.azurerm_cognitive_account.this (3 instances)") == len(_rule_headers(lines))
    assert "+2 more" in text  # five declarations, three shown


def test_compact_is_the_summary_and_one_line_per_rule(estate: Path) -> None:
    full = _table(str(EXAMPLES))
    compact = _table(str(EXAMPLES), "--compact")
    assert _rule_headers(compact) == _rule_headers(full)
    assert len(compact) < len(full) / 2
    findings = compact[compact.index(next(line for line in compact if line.startswith("Failing findings by rule"))):]
    rule_lines = [line for line in findings if re.match(r"(critical|high|medium|low|info) +AISPM-", line)]
    assert len(rule_lines) == len(set(_rule_headers(full)))
    assert not any(line.startswith("  fix: ") and "upgrade" not in line for line in findings)


def test_inventory_lists_every_ai_asset() -> None:
    lines = [line.strip() for line in _table(str(EXAMPLES / "azure-rag"), "--inventory", columns="200")]
    assert "AI inventory (" in "\n".join(lines)
    at = lines.index("ai-service       oai-contoso-rag · OpenAI")
    assert lines[at + 1] == "CognitiveServices/accounts infra/modules/openai/main.tf:19"
