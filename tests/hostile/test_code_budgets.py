"""Hostile input for the code provider and the shared readers (issue "Hostile input"): depth refused
before anything recurses, YAML aliases bounded, every pattern linear on pathological lines, one
file's failure costing that file only, reads confined to the scan's roots, messages that quote no
more than a short token. Each case is small and fast; `test_hostile_corpus.py` runs whole scans."""

from __future__ import annotations

import io
import os
import time
import zipfile
from pathlib import Path

import pytest

from aispm.formats.depth import TooDeep, check_depth
from aispm.formats.jsonc import json_key_lines, load_json, parse_jsonc
from aispm.formats.located import DocError
from aispm.formats.references import is_reference
from aispm.formats.secrets import find_secrets
from aispm.formats.text import clip, decode
from aispm.formats.toml_safe import load_toml
from aispm.formats.urls import azure_account, azure_endpoints, url_transport
from aispm.formats.yaml_lines import parse_yaml
from aispm.formats.yaml_safe import OverBudget, compose_all, load_one
from aispm.limits import Limits
from aispm.source import SourceContext

DEEP = 5000
LAUGHS = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 10))


def fast(fn, *args, seconds: float = 2.0, **kw):
    """Run `fn` and fail if it takes longer than `seconds` (a catastrophic pattern takes minutes)."""
    start = time.perf_counter()
    out = fn(*args, **kw)
    took = time.perf_counter() - start
    assert took < seconds, f"{getattr(fn, '__name__', fn)} took {took:.2f} s"
    return out


def ctx_for(root: Path, **kw) -> SourceContext:
    return SourceContext(root=root, roots=(os.path.realpath(root),), **kw)


# --------------------------------------------------------------------------- depth, before anything recurses


@pytest.mark.parametrize("reader,text", [
    (load_json, "[" * DEEP + "]" * DEEP),
    (load_json, '{"a":\n' * DEEP + "1" + "}" * DEEP),
    (parse_jsonc, "// c\n" + "[" * DEEP + "]" * DEEP),
    (load_toml, "x = " + "[" * DEEP + "]" * DEEP),
    (load_toml, "x = " + "{a = " * 300 + "1" + "}" * 300),
    (compose_all, "x: " + "[" * DEEP + "]" * DEEP),
    (compose_all, "".join("  " * i + "a:\n" for i in range(2000)) + "  " * 2000 + "b: 1\n"),
    (compose_all, "".join("  " * i + "-\n" for i in range(1, 600))),
])
def test_deep_documents_are_refused_with_their_line(reader, text):
    with pytest.raises(TooDeep) as info:
        fast(reader, text)
    assert info.value.message == "nested deeper than 200 levels"
    assert info.value.line is not None


def test_a_document_exactly_at_the_limit_is_read():
    assert load_json("[" * 200 + "]" * 200) is not None
    assert parse_jsonc("[" * 200 + "]" * 200) is not None
    assert load_toml("x = " + "[" * 199 + "]" * 199)["x"] is not None
    assert compose_all("x: " + "[" * 199 + "]" * 199)


def test_brackets_in_strings_and_comments_are_not_nesting():
    check_depth('{"s": "' + "[" * 500 + '"}', 200, "json")
    check_depth("// " + "[" * 500 + "\n[]", 200, "jsonc")
    check_depth('a = """\n' + "[" * 500 + '\n"""\nb = \'[[[[\'  # ' + "{" * 500, 200, "toml")
    check_depth("x = '" + "(" * 500 + "'  # " + "(" * 500, 200, "python")
    with pytest.raises(TooDeep):
        check_depth("]]]]" + "[" * 300, 200, "json")  # a stray closer does not hide what follows


def test_yaml_aliases_cannot_stack_depth():
    """An alias stands for its anchor's whole depth where it is used."""
    text = "a: &a " + "[" * 150 + "]" * 150 + "\nb: " + "[" * 100 + "*a" + "]" * 100 + "\n"
    with pytest.raises(TooDeep):
        compose_all(text)


def test_python_deeper_than_the_budget_is_refused_before_it_is_walked(tmp_path):
    from aispm.providers.code.python import PythonCodeSource

    (tmp_path / "deep.py").write_text("from openai import OpenAI\nc = OpenAI()\nx = " + "1 + " * 900 + "1\n")
    (tmp_path / "ok.py").write_text("from openai import OpenAI\nclient = OpenAI()\n")
    r = fast(PythonCodeSource().load, [tmp_path / "deep.py", tmp_path / "ok.py"], ctx_for(tmp_path))
    assert [(e.file, e.line) for e in r.errors] == [("deep.py", 3)]
    assert "nested deeper than 200 levels" in r.errors[0].message
    assert [a.origin.file for a in r.assets if a.type == "ai-client"] == ["ok.py"]


def test_python_that_ast_cannot_build_is_one_error(tmp_path):
    from aispm.providers.code.python import PythonCodeSource

    (tmp_path / "deep.py").write_text("from openai import OpenAI\nc = OpenAI()\nx = " + "-" * 100000 + "1\n")
    r = fast(PythonCodeSource().load, [tmp_path / "deep.py"], ctx_for(tmp_path))
    assert len(r.errors) == 1 and "nested deeper than" in r.errors[0].message


def test_js_deeper_than_the_budget_is_refused(tmp_path):
    from aispm.providers.code.javascript import JsCodeSource

    (tmp_path / "deep.ts").write_text("import OpenAI from 'openai';\nconst c = new OpenAI();\nconst x = "
                                      + "[\n" * 400 + "]\n" * 400 + ";\n")
    r = fast(JsCodeSource().load, [tmp_path / "deep.ts"], ctx_for(tmp_path))
    assert len(r.errors) == 1 and "nested deeper than 200 levels" in r.errors[0].message
    assert r.errors[0].line is not None


# --------------------------------------------------------------------------- YAML aliases


def test_billion_laughs_is_refused_before_anything_is_built():
    with pytest.raises(OverBudget) as info:
        fast(compose_all, LAUGHS + "x: *a9\n")
    assert info.value.budget.budget == "collection_size"
    assert info.value.message.startswith("budget exceeded: collection_size")


def test_too_many_aliases_are_refused():
    text = "a: &a 1\nb: [" + ", ".join(["*a"] * 101) + "]\n"
    with pytest.raises(OverBudget) as info:
        compose_all(text, Limits(yaml_aliases=100))
    assert info.value.budget.budget == "yaml_aliases"


def test_a_reader_that_never_expands_aliases_reads_the_laughs_shared():
    doc = fast(load_one, LAUGHS + "x: *a9\n", expand=False)
    assert doc["x"] is doc["a9"]  # one shared value, never a copy


@pytest.mark.parametrize("text,why", [("a: &x [*x]\n", "contains it"), ("a: *nope\n", "undefined alias"),
                                      ("a: &x 1\nb: &x 2\n", "duplicate anchor")])
def test_recursive_undefined_and_duplicate_aliases_are_errors(text, why):
    with pytest.raises(DocError) as info:
        compose_all(text)
    assert why in info.value.message


def test_yaml_keeps_its_safety():
    with pytest.raises(DocError):
        parse_yaml("a: !!python/object/apply:os.system ['echo hi']\n")
    assert parse_yaml("t: 2024-01-01\nn: " + "1:" * 40 + "1\n") == [{"t": "2024-01-01", "n": "1:" * 40 + "1"}]
    with pytest.raises(DocError):
        parse_yaml("n: " + "1" * 5000 + "\n")  # more digits than Python converts


# --------------------------------------------------------------------------- linear matching


LONG = 200_000


@pytest.mark.parametrize("line", [
    "openai" + " " * LONG + "x",  # a run of blanks before no `#` (pip's own comment pattern is quadratic)
    "openai" + " " * LONG + "#x",
    "a" * LONG + "-1.0-py3-none-any.whl",  # a long wheel name
    "./" + "a" * LONG + "-b-c-d.whl",
    "openai==1.0; " + " and ".join(["python_version > '3'"] * 20000),
    "openai[" + "a," * LONG + "]",
    "-r " + "${" * LONG,
    "--hash" + " " * LONG,
])
def test_a_pathological_requirement_line_is_fast(tmp_path, line):
    from aispm.providers.code.deps.python import PythonDepsSource

    (tmp_path / "requirements.txt").write_text(line + "\nanthropic==0.28.0\n")
    r = fast(PythonDepsSource().load, [tmp_path / "requirements.txt"], ctx_for(tmp_path))
    assert "anthropic" in {a.name for a in r.assets}
    assert all(len(e.message) < 300 for e in r.errors)


def test_a_requirement_error_quotes_a_short_token_and_the_column(tmp_path):
    from aispm.providers.code.deps.python import PythonDepsSource

    key = "sk-proj-" + "Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9St0Uv1Wx2Yz3" * 3
    (tmp_path / "requirements.txt").write_text(f"openai[x ={key}\n")
    r = PythonDepsSource().load([tmp_path / "requirements.txt"], ctx_for(tmp_path))
    (err,) = r.errors
    assert err.line == 1 and "(column" in err.message
    assert key not in err.message and len(err.message) < 200


@pytest.mark.parametrize("constraint", ["1" + " " * LONG + "2", "^" + " " * LONG, ">=1," * 20000, "1" * 5000])
def test_a_pathological_poetry_constraint_is_fast(constraint):
    from aispm.providers.code.deps.python_manifests import poetry_constraint

    with pytest.raises(ValueError) as info:
        fast(poetry_constraint, constraint)
    assert len(str(info.value)) < 200


@pytest.mark.parametrize("text", [
    " ".join(f"sk-proj-Ab12Cd34Ef56Gh78Ij90Kl{i:05d}" for i in range(20000)),  # many hits on one line
    ";".join(f"Server=x;Password=Zq9{i:05d}wxyz" for i in range(20000)),
    "AccountKey=" + "A" * 2_000_000,
    "Bearer " + " " * LONG + "x",
    "://" + ":" * LONG,
    "OPENAI_KEY=sk-" + "sk-" * 500_000,
    "azure " + " ".join(f"{i * 7919 + 12345678901234567890:032x}" for i in range(20000)),
    "a" * 3_000_000 + ".openai.azure.com",
    "x.openai.azure.com " * 20000 + "api_key = '" + "0123456789abcdef" * 2 + "'",
])
def test_the_secret_detector_is_linear(text):
    fast(find_secrets, text, seconds=5.0)


def test_a_file_of_a_million_keys_reports_the_first_thousand(tmp_path):
    from aispm.providers.code.secrets import SecretsSource

    (tmp_path / "keys.env").write_text("".join(f"K{i}=sk-proj-Ab12Cd34Ef56Gh78Ij90Kl{i:07d}\n" for i in range(30000)))
    r = fast(SecretsSource().load, [tmp_path / "keys.env"], ctx_for(tmp_path), seconds=10.0)
    assert len([a for a in r.assets if a.type == "secret"]) == 1000
    assert len(r.warnings) == 1 and "secrets_per_file = 1000" in r.warnings[0]


@pytest.mark.parametrize("url", ["http://[" + ":" * LONG + "/x", "https://" + "a" * LONG + ".openai.azure.com",
                                 "${" * LONG, "{{" * LONG, '="' + '""' * LONG])
def test_urls_and_references_are_linear(url):
    fast(url_transport, url)
    fast(azure_account, url)
    fast(is_reference, url)


def test_azure_endpoints_are_found_backwards_as_the_old_pattern_found_them():
    assert azure_endpoints("see https://oai-prod.openai.azure.com/ and x-y.search.windows.net") == [
        (4, "oai-prod", "azure-openai"), (43, "x-y", "azure-ai-search")]
    assert azure_account("https://" + "a" * 70 + ".openai.azure.com") == ("a" * 63, "azure-openai")
    assert azure_account("https://-.openai.azure.com") is None


def test_jsonc_blanks_and_comments_are_linear():
    fast(parse_jsonc, "[" + " /* c */ " * 50000 + "1]")
    with pytest.raises(DocError):
        fast(parse_jsonc, "[1, " + "/* " * LONG)
    fast(json_key_lines, '{"a": "' + "\\\"" * LONG + '"}')


def test_notebook_magic_lines_and_many_cells_are_linear(tmp_path):
    import json as _json

    from aispm.providers.code.notebooks import NotebookSource

    cells = [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
              "source": ["from openai import OpenAI\n", "c = OpenAI()\n"]},
             {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
              "source": [" " * LONG + "x?\n", " " * LONG + "x\n"]}]  # a magic line, then an indented one
    cells += [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": ["x = (\n"]}
              for _ in range(3000)]  # every cell fails on its own: found each once, not by re-parsing the rest
    nb = {"cells": cells, "metadata": {"kernelspec": {"name": "python3"}}, "nbformat": 4, "nbformat_minor": 5}
    (tmp_path / "nb.ipynb").write_text(_json.dumps(nb, indent=1))
    r = fast(NotebookSource().load, [tmp_path / "nb.ipynb"], ctx_for(tmp_path), seconds=20.0)
    assert len(r.errors) == 3001 and r.errors[0].message == "invalid Python in cell 2, line 2: unexpected indent"
    assert any(a.type == "ai-client" for a in r.assets)


def test_npm_specs_and_launch_specs_are_linear(tmp_path):
    from aispm.providers.code.deps.node import non_registry
    from aispm.providers.code.mcp_launch import analyse_launch

    assert fast(non_registry, "a/" * LONG + "@") is False
    assert non_registry("user/repo") and non_registry("git+https://x") and not non_registry("^1.2.3")
    launch = fast(analyse_launch, "uvx", ["git+https://x@" + ("0" * 40 + "#") * 5000 + "\nx"])
    assert launch.package is None and "not read" in (launch.note or "")


# --------------------------------------------------------------------------- one file's failure, that file only


def test_an_exception_reading_one_lock_costs_that_file_only(tmp_path, monkeypatch):
    from aispm.providers.code.deps import node

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for d in ("a", "b"):
        (tmp_path / d / "package.json").write_text('{"dependencies": {"openai": "4.0.0"}}')
    real = node.parse_package_json

    def boom(path, text, ctx):
        if path.parent.name == "a":
            raise RecursionError("maximum recursion depth exceeded")
        return real(path, text, ctx)

    monkeypatch.setattr(node, "parse_package_json", boom)
    files = [tmp_path / "a" / "package.json", tmp_path / "b" / "package.json"]
    r = node.NodeDepsSource().load(files, ctx_for(tmp_path))
    assert [a.origin.file for a in r.assets] == ["b/package.json"]
    assert [e.file for e in r.errors] == ["a/package.json"]
    assert "RecursionError" in r.errors[0].message and "(at " in r.errors[0].message
    monkeypatch.setenv("AISPM_RAISE_UNEXPECTED", "1")  # what the fuzzer sets: the exception escapes
    with pytest.raises(RecursionError):
        node.NodeDepsSource().load(files, ctx_for(tmp_path))


def test_an_include_cycle_and_a_long_include_chain_cost_no_recursion(tmp_path):
    from aispm.providers.code.deps.python import PythonDepsSource

    for i in range(3000):
        (tmp_path / f"r{i}.txt").write_text(f"-r r{i + 1}.txt\n")
    (tmp_path / "r3000.txt").write_text("-r requirements.txt\nopenai==1.0\n")
    (tmp_path / "requirements.txt").write_text("-r r0.txt\nanthropic\n")
    r = fast(PythonDepsSource().load, [tmp_path / "requirements.txt"], ctx_for(tmp_path), seconds=10.0)
    assert r.errors == []
    assert sorted(a.name for a in r.assets) == ["anthropic", "openai"]


def test_uv_extras_that_name_their_own_package_terminate(tmp_path):
    from aispm.providers.code.deps.python import PythonDepsSource

    (tmp_path / "uv.lock").write_text('''version = 1
[[package]]
name = "app"
version = "0.1.0"
source = { editable = "." }
dependencies = [{ name = "foo", extra = ["all"] }]

[[package]]
name = "foo"
version = "1.0"
[package.optional-dependencies]
all = [{ name = "foo", extra = ["all"] }, { name = "bar" }]

[[package]]
name = "bar"
version = "2.0"
''')
    r = fast(PythonDepsSource().load, [tmp_path / "uv.lock"], ctx_for(tmp_path))
    assert r.errors == []
    assert sorted((a.name, a.properties["scope"]) for a in r.assets) == [("bar", "runtime"), ("foo", "runtime")]


@pytest.mark.parametrize("name,text,expect", [
    ("package.json", '{"dependencies": ["openai"]}', "`dependencies` is a list"),
    ("package.json", '{"dependencies": {"": "1.0", "openai": 4}}', "not a string"),
    ("package-lock.json", '{"lockfileVersion": 3, "packages": ["openai"]}', "`packages` is a list"),
    ("pnpm-lock.yaml", "lockfileVersion: 1e400\npackages: [1, 2]\n", "`packages` is a list"),
    ("poetry.lock", "package = 'openai'\n", "`package` is a string"),
    ("uv.lock", "version = 1\npackage = [1, 2]\n", "without a `name`"),
    ("Pipfile.lock", '{"default": {"openai": "1.0"}}', "entry is a string"),
    ("pyproject.toml", "[project]\ndependencies = 'openai'\n", "is a string, not an array"),
    ("environment.yml", "dependencies: 42\n", "`dependencies` is a scalar"),
    ("requirements.txt", "openai==" + "1" * 4301 + "\n", "a version of 4,301 characters"),
    ("package.json", '{"dependencies": {"x": "' + "1" * 3000 + '"}}', "a version range of 3,000 characters"),
])
def test_a_document_of_the_wrong_shape_says_where_and_what_was_expected(tmp_path, name, text, expect):
    from aispm.providers.code.deps.node import NodeDepsSource
    from aispm.providers.code.deps.python import PythonDepsSource

    (tmp_path / name).write_text(text)
    src = NodeDepsSource() if NodeDepsSource().claims(tmp_path / name) else PythonDepsSource()
    r = src.load([tmp_path / name], ctx_for(tmp_path))
    assert any(expect in e.message for e in r.errors), r.errors
    assert all(not e.message.startswith("source ") for e in r.errors)  # an error of the reader, not a crash


# --------------------------------------------------------------------------- confinement and archives


def _export_zip(extra: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("solution.xml", "<ImportExportXml><SolutionManifest><UniqueName>s</UniqueName>"
                                    "</SolutionManifest></ImportExportXml>")
        zf.writestr("bots/cr5f1_b/bot.xml", '<bot schemaname="cr5f1_b"><name>B</name></bot>')
        for k, v in extra.items():
            zf.writestr(k, v)
    return buf.getvalue()


def test_an_export_zip_is_read_within_the_decompressed_bytes_budget(tmp_path):
    from aispm.providers.code.agents.copilot_studio import CopilotStudioSource

    (tmp_path / "s.zip").write_bytes(_export_zip({"botcomponents/cr5f1_b.topic.T/data": b"kind: AdaptiveDialog\n"
                                                  + b"#" * 300_000}))
    before = set(os.listdir(tmp_path))
    r = CopilotStudioSource().load([tmp_path / "s.zip"], ctx_for(tmp_path, limits=Limits(decompressed_bytes=100_000)))
    assert any("zip bomb" in e.message and "limit" in e.message for e in r.errors)
    assert set(os.listdir(tmp_path)) == before  # nothing extracted


def test_an_export_file_outside_the_roots_is_not_read(tmp_path):
    from aispm.providers.code.agents.copilot_studio import CopilotStudioSource

    root = tmp_path / "repo"
    (root / "bots" / "cr5f1_b").mkdir(parents=True)
    (root / "solution.xml").write_text("<ImportExportXml/>")
    canary = tmp_path / "outside.json"
    canary.write_text('{"canary": "sk-proj-CANARYCANARYCANARYCANARY0123"}')
    (root / "bots" / "cr5f1_b" / "configuration.json").symlink_to(canary)
    r = CopilotStudioSource().load([root / "solution.xml", root / "bots" / "cr5f1_b" / "configuration.json"],
                                   ctx_for(root))
    assert [e.file for e in r.errors if "outside the scanned roots" in e.message] == ["bots/cr5f1_b/configuration.json"]
    assert "CANARY" not in repr(r)


def test_xml_that_is_not_utf8_is_refused():
    from aispm.providers.code.agents.solution_export import parse_xml

    errs: list = []
    body = '<?xml version="1.0" encoding="utf-16"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'.encode("utf-16")
    assert parse_xml(body, "customizations.xml", "s.zip", errs) is None
    assert "not in UTF-8" in errs[0].message


# --------------------------------------------------------------------------- text


def test_utf16_and_utf32_with_a_bom_decode():
    text = "openai==1.0\n"
    for enc in ("utf-16", "utf-32", "utf-8-sig"):
        assert decode(text.encode(enc)) == text
    with pytest.raises(UnicodeDecodeError):
        decode(b"\xff\xfe\x00\xd8")  # a lone surrogate in UTF-16
    with pytest.raises(UnicodeDecodeError):
        decode(b"x = \xff")


def test_clip_keeps_a_short_token():
    assert clip("short") == "'short'"
    long = clip("a" * 100_000)
    assert long.startswith("'aaaa") and "(100,000 characters)" in long and len(long) < 80


def test_literals_that_name_themselves_end(tmp_path):
    """`servers = [servers]`, `tools = [tools]`, `cfg = {"config_list": [cfg]}`: read once, not forever."""
    from aispm.providers.code.python import PythonCodeSource

    (tmp_path / "app.py").write_text(
        "from langchain_mcp_adapters.client import MultiServerMCPClient\n"
        "from autogen_agentchat.agents import AssistantAgent\nfrom agents import Agent\n"
        "servers = [servers]\ntools = [tools, 1]\ncfg = {'config_list': [cfg]}\n"
        "c = MultiServerMCPClient(servers)\na = Agent(name='x', tools=tools)\n"
        "b = AssistantAgent('y', llm_config=cfg)\n")
    r = fast(PythonCodeSource().load, [tmp_path / "app.py"], ctx_for(tmp_path))
    assert r.errors == []
    assert sorted(a.name for a in r.assets if a.type == "agent") == ["x", "y"]


@pytest.mark.parametrize("name", ["/", "@x/", "zod;", "\ud800x"])
def test_a_package_name_no_package_url_holds_is_an_error(tmp_path, name):
    import json as _json

    from aispm.providers.code.deps.node import NodeDepsSource

    (tmp_path / "package.json").write_text(_json.dumps({"dependencies": {name: "1.0.0", "openai": "4.0.0"}}))
    r = NodeDepsSource().load([tmp_path / "package.json"], ctx_for(tmp_path))
    assert "openai" in {a.name for a in r.assets}
    assert all("failed unexpectedly" not in e.message for e in r.errors)


def test_a_blank_mcp_command_and_an_fstring_ast_cannot_print_are_read(tmp_path):
    """Found by fuzzing: a `command` of blanks, and an f-string `ast.unparse` refuses to print."""
    from aispm.providers.code.mcp import McpSource
    from aispm.providers.code.python import PythonCodeSource

    (tmp_path / "mcp.json").write_text('{"mcpServers": {"s": {"command": "  ", "args": []}}}')
    r = McpSource().load([tmp_path / "mcp.json"], ctx_for(tmp_path))
    assert r.errors == [] and [a.type for a in r.assets] == ["mcp-server"]
    (tmp_path / "app.py").write_text("import os\nfrom agents.mcp import MCPServerStreamableHttp\n"
                                     "s = MCPServerStreamableHttp(params={'url': 'https://x', 'headers': "
                                     "{'Authorization': f\"Bearer {os.environ['A\x12B']}\"}})\n")
    r = PythonCodeSource().load([tmp_path / "app.py"], ctx_for(tmp_path))
    assert r.errors == [] and [a.type for a in r.assets] == ["mcp-server"]
