"""The code provider's and the shared readers' layout: each module under 800 lines, opening with a docstring
on its job, importing no private name from another module; one secret detector, used by every source."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[3] / "src" / "aispm"
MODULES = sorted(
    p for root in (SRC / "providers" / "code", SRC / "formats") for p in root.rglob("*.py")
    if "rules" not in p.relative_to(root).parts
)


def _rel(p: Path) -> str:
    return p.relative_to(SRC).as_posix()


@pytest.mark.parametrize("path", MODULES, ids=_rel)
def test_module_is_small_and_says_what_it_does(path: Path):
    text = path.read_text(encoding="utf-8")
    assert text.count("\n") < 800, f"{_rel(path)} has {text.count(chr(10))} lines"
    assert ast.get_docstring(ast.parse(text)), f"{_rel(path)} has no module docstring"


@pytest.mark.parametrize("path", MODULES, ids=_rel)
def test_no_private_name_crosses_a_module(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("aispm"):
            private = [a.name for a in node.names if a.name.startswith("_")]
            assert not private, f"{_rel(path)} imports {private} from {node.module}"


def test_one_secret_detector():
    """Every text the code sources read goes through `aispm.formats.secrets`: no other module compiles
    credential patterns or hashes values itself."""
    for path in MODULES:
        if _rel(path) == "formats/secrets.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert "hashlib" not in text, f"{_rel(path)} hashes values itself"
        assert "sk-ant-" not in text and "AKIA" not in text, f"{_rel(path)} has its own key patterns"


def test_sources_keep_their_names():
    from aispm.providers.code import PROVIDER

    assert [s.name for s in PROVIDER.sources()] == [
        "python-deps", "node-deps", "dotnet-deps", "go-deps", "java-deps", "rust-deps", "python-code", "js-code",
        "csharp-code", "java-code", "notebook", "prompty", "mcp", "foundry-agent", "copilot-studio", "app-config", "secrets"]
    from aispm.providers.code.agents import sources

    assert {sources.FoundryAgentSource.name, sources.CopilotStudioSource.name} == {"foundry-agent", "copilot-studio"}
