"""MCP client configs: every flavour, transport, pinning, authentication, redaction, bad input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from aispm.source import SourceContext
from aispm.formats.jsonc import parse_jsonc
from aispm.formats.located import DocError
from aispm.providers.code.mcp import McpSource
from aispm.providers.code.mcp_launch import analyse_launch

FIX = Path(__file__).parent / "fixtures" / "mcp"
SECRETS = ("sk-proj-Qm7vX2bN9kL4pR8sT1wY6zA3cD5fG0hJ2kL4mN6pQ8rS", "BSAq8Zr2Lx9Vw4Nk7Tp3Hs6Jd1Fg5",
           "sntrys_eyJpYXQiOjE3MjA0MDAwMDB9Qm7vX2bN9kL4pR8sT1wY6zA3")


def load(root: Path = FIX):
    src = McpSource()
    files = sorted(p for p in root.rglob("*") if p.is_file() and src.claims(p))
    return src.load(files, SourceContext(root=root))


@pytest.fixture(scope="module")
def result():
    return load()


def servers(result):
    return {a.name: a for a in result.assets if a.type == "mcp-server"}


def test_every_flavour_is_read(result):
    files = {a.origin.file for a in result.assets if a.type == "mcp-server"}
    assert files == {".vscode/mcp.json", ".cursor/mcp.json", "claude/claude_desktop_config.json", ".mcp.json"}
    s = servers(result)
    assert set(s) == {"github", "filesystem", "fetch", "playwright", "local-dev", "docs-search", "openai-tools",
                      "pinned-image", "sqlite", "brave-search", "sentry", "public-weather"}
    gh = s["github"]
    assert gh.uid == "mcp:.vscode/mcp.json:github"
    assert gh.provider == "code" and str(gh.kind) == "mcp-server"
    assert gh.origin.line == 12  # the line of its key


def test_claims():
    src = McpSource()
    for name in (".vscode/mcp.json", "mcp.json", ".cursor/mcp.json", "claude_desktop_config.json", ".mcp.json",
                 ".vscode/settings.json"):
        assert src.claims(Path("/x") / name), name
    assert not src.claims(Path("/x/package.json"))
    assert not src.claims(Path("/x/settings.json"))


def test_transport(result):
    s = servers(result)
    assert s["github"].facts["transport"] == "http"
    assert s["filesystem"].facts["transport"] == "stdio"
    assert s["fetch"].facts["transport"] == "stdio"  # inferred from `command`
    assert s["docs-search"].facts["transport"] == "sse"  # inferred from the /sse URL
    assert s["public-weather"].facts["transport"] == "sse"
    assert s["filesystem"].properties["command"] == "npx"
    assert s["filesystem"].properties["args"][1] == "@modelcontextprotocol/server-filesystem@2025.8.21"


def test_pinned(result):
    s = servers(result)
    assert s["filesystem"].facts["pinned"] is True
    assert s["playwright"].facts["pinned"] is False  # @latest
    assert s["fetch"].facts["pinned"] is False  # uvx without a version
    assert s["sqlite"].facts["pinned"] is True  # uvx pkg==0.6.2
    assert s["brave-search"].facts["pinned"] is False  # no version
    assert s["openai-tools"].facts["pinned"] is False  # docker image:latest
    assert s["pinned-image"].facts["pinned"] is True  # digest
    assert s["github"].facts["pinned"] is None and s["github"].facts["package_launcher"] is False


@pytest.mark.parametrize("command,args,pinned", [
    ("npx", ["-y", "@scope/pkg@1.2.3"], True),
    ("npx", ["-y", "@scope/pkg@^1.2.0"], False),
    ("npx", ["-y", "@scope/pkg"], False),
    ("npx", ["--package", "pkg@2.0.0", "pkg-cli"], True),
    ("pnpm", ["dlx", "pkg@1.0.0"], True),
    ("uvx", ["--from", "mcp-server-git==2025.1.14", "mcp-server-git"], True),
    ("uvx", ["mcp-server-time@0.6.2"], True),
    ("uvx", ["mcp-server-time>=0.6"], False),
    ("pipx", ["run", "--spec", "pkg==1.0", "cli"], True),
    ("docker", ["run", "-i", "--rm", "-e", "TOKEN", "mcp/github:1.4.0"], True),
    ("docker", ["run", "-i", "mcp/github"], False),
    ("node", ["./server.js"], None),
    ("python", ["-m", "my_server"], None),
])
def test_analyse_launch(command, args, pinned):
    assert analyse_launch(command, args).pinned is pinned


def test_authentication(result):
    s = servers(result)
    assert s["github"].facts["user_authentication"] is True  # Authorization from a password input
    assert s["sentry"].facts["user_authentication"] is True
    assert s["docs-search"].facts["user_authentication"] is False
    assert s["public-weather"].facts["user_authentication"] is False
    assert s["filesystem"].facts["user_authentication"] is None  # stdio: not applicable


def test_remote(result):
    s = servers(result)
    assert s["github"].facts["remote"] is True
    assert s["local-dev"].facts["remote"] is False
    assert s["filesystem"].facts["remote"] is False


def test_env_and_header_names_never_values(result):
    s = servers(result)
    assert s["openai-tools"].properties["env_names"] == ["OPENAI_API_KEY"]
    assert s["sentry"].properties["header_names"] == ["Authorization"]
    blob = json.dumps([a.properties for a in result.assets] + [
        {k: (v.value, v.note) for k, v in a.evidence.items()} for a in result.assets], default=str)
    for secret in SECRETS:
        assert secret not in blob


def test_hardcoded_secrets_are_redacted_assets(result):
    s = servers(result)
    assert s["openai-tools"].facts["hardcoded_secret"] is True
    assert s["brave-search"].facts["hardcoded_secret"] is True
    assert s["sentry"].facts["hardcoded_secret"] is True
    assert s["github"].facts["hardcoded_secret"] is False  # ${input:github-pat} is a reference
    secrets = {a.origin.address: a for a in result.assets if a.type == "secret"}
    openai = secrets["openai-tools:env.OPENAI_API_KEY"]
    assert openai.properties["detector"] == "openai-api-key"
    assert openai.properties["redacted"] == "sk-p…rS"
    assert len(openai.properties["sha256"]) == 64
    assert openai.origin.line == 10
    held = {(r.source, r.target) for r in result.relations if r.verb == "holds_key_for"}
    assert (openai.uid, s["openai-tools"].uid) in held


def test_vscode_settings_mcp_block(tmp_path):
    (tmp_path / ".vscode").mkdir()
    (tmp_path / ".vscode" / "settings.json").write_text(
        '{\n  "editor.tabSize": 2,\n  "mcp": {\n    "servers": {\n      "time": {"command": "uvx", "args": ["mcp-server-time==0.6.2"]}\n    }\n  }\n}\n')
    (tmp_path / "other").mkdir()
    r = load(tmp_path)
    assert [a.name for a in r.assets] == ["time"] and r.assets[0].origin.line == 5
    assert not r.errors


def test_invalid_json_is_an_error_with_a_line_and_the_rest_continues(tmp_path):
    shutil.copytree(FIX, tmp_path / "t")
    r = load(tmp_path / "t")
    errs = [e for e in r.errors if e.file == "broken/mcp.json"]
    assert len(errs) == 1 and errs[0].line == 3
    assert len([a for a in r.assets if a.type == "mcp-server"]) == 12


def test_jsonc():
    doc = parse_jsonc('/* head */ {"a": [1, 2,], // c\n "b": {"c": "d",},}')
    assert doc == {"a": [1, 2], "b": {"c": "d"}}
    assert doc.key_lines["b"] == 2
    with pytest.raises(DocError) as e:
        parse_jsonc('{\n\n "a": tru }')
    assert e.value.line == 3


def test_not_utf8(tmp_path):
    (tmp_path / "mcp.json").write_bytes(b'{"servers": {"\xff": {}}}')
    r = load(tmp_path)
    assert r.errors and "UTF-8" in r.errors[0].message
