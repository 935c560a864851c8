"""Dependency sources: every manifest and lock format, on small real-shaped projects.

The expected tables list, per fixture project, every asset exactly:
(file, line, name, version, version_range, purl, scope, direct, ai_category).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from aispm.providers.code.catalog import genai
from aispm.model import Kind, Unknown
from aispm.source import SourceContext
from aispm.providers.code.deps.node import NodeDepsSource
from aispm.formats.jsonc import json_key_lines
from aispm.providers.code.deps.common import purl_for
from aispm.providers.code.deps.python import PythonDepsSource
from aispm.providers.code.deps.python_manifests import poetry_constraint
from aispm.providers.code.deps.requirements import pep503

FIXTURES = Path(__file__).parent / "fixtures"
SOURCES = (PythonDepsSource(), NodeDepsSource())


def load(root: Path):
    assets, errors = [], []
    for src in SOURCES:
        files = [p for p in sorted(root.rglob("*")) if p.is_file() and src.claims(p)]
        if files:
            r = src.load(files, SourceContext(root=root))
            assets += r.assets
            errors += r.errors
    return assets, errors


def rows(assets):
    out = []
    for a in assets:
        p = a.properties
        out.append((a.origin.file, a.origin.line, a.name, p.get("version"), p.get("version_range"), p["purl"],
                    p["scope"], p["direct"], a.facts.get("ai_category")))
    return out


EXPECTED = {
    'berry': [
        ('yarn.lock', 8, '@modelcontextprotocol/sdk', '1.0.3', None, 'pkg:npm/%40modelcontextprotocol/sdk@1.0.3', 'runtime', True, 'mcp'),
        ('yarn.lock', 23, 'lodash', '4.17.21', None, 'pkg:npm/lodash@4.17.21', 'runtime', True, None),
        ('yarn.lock', 29, 'zod', '3.23.8', None, 'pkg:npm/zod@3.23.8', 'runtime', False, None),
    ],
    'compiled': [
        ('requirements.txt', 7, 'anthropic', '0.28.0', None, 'pkg:pypi/anthropic@0.28.0', 'runtime', True, 'llm-sdk'),
        ('requirements.txt', 9, 'httpx', '0.27.0', None, 'pkg:pypi/httpx@0.27.0', 'runtime', False, None),
    ],
    'conda': [
        ('environment.yml', 5, 'python', None, '=3.11', 'pkg:conda/python', 'runtime', True, None),
        ('environment.yml', 6, 'pytorch', '2.3.0', None, 'pkg:conda/pytorch@2.3.0?channel=conda-forge', 'runtime', True, None),
        ('environment.yml', 7, 'numpy', '1.26.4', None, 'pkg:conda/numpy@1.26.4', 'runtime', True, None),
        ('environment.yml', 8, 'transformers', None, '>=4.40', 'pkg:conda/transformers', 'runtime', True, 'ml-framework'),
        ('environment.yml', 9, 'pip', None, '', 'pkg:conda/pip', 'runtime', True, None),
        ('environment.yml', 11, 'langchain', '0.2.5', None, 'pkg:pypi/langchain@0.2.5', 'runtime', True, 'orchestration'),
        ('environment.yml', 12, 'gradio', None, '>=4', 'pkg:pypi/gradio', 'runtime', True, 'ui'),
    ],
    'npm_v1': [
        ('package-lock.json', 7, 'langchain', '0.1.36', None, 'pkg:npm/langchain@0.1.36', 'runtime', True, 'orchestration'),
        ('package-lock.json', 14, 'zod', '3.22.3', None, 'pkg:npm/zod@3.22.3', 'runtime', False, None),
        ('package-lock.json', 19, 'mocha', '10.4.0', None, 'pkg:npm/mocha@10.4.0', 'dev', True, None),
    ],
    'npm_v3': [
        ('package-lock.json', 19, '@langchain/core', '0.2.5', None, 'pkg:npm/%40langchain/core@0.2.5', 'runtime', True, 'orchestration'),
        ('package-lock.json', 27, 'express', '4.19.2', None, 'pkg:npm/express@4.19.2', 'runtime', True, None),
        ('package-lock.json', 32, 'openai', '4.47.1', None, 'pkg:npm/openai@4.47.1', 'runtime', True, 'llm-sdk'),
        ('package-lock.json', 40, 'zod', '3.23.8', None, 'pkg:npm/zod@3.23.8', 'runtime', False, None),
        ('package-lock.json', 45, 'typescript', '5.4.5', None, 'pkg:npm/typescript@5.4.5', 'dev', True, None),
        ('package-lock.json', 50, 'zod', '3.22.4', None, 'pkg:npm/zod@3.22.4', 'runtime', False, None),
        ('package.json', 14, 'react', None, '>=18', 'pkg:npm/react', 'peer', True, None),
    ],
    'pipenv': [
        ('Pipfile.lock', 7, 'llama-index', '0.10.43', None, 'pkg:pypi/llama-index@0.10.43', 'runtime', True, 'orchestration'),
        ('Pipfile.lock', 12, 'requests', '2.32.3', None, 'pkg:pypi/requests@2.32.3', 'runtime', True, None),
        ('Pipfile.lock', 19, 'black', '24.4.2', None, 'pkg:pypi/black@24.4.2', 'dev', True, None),
    ],
    'pnpm6': [
        ('pnpm-lock.yaml', 19, '@google/generative-ai', '0.12.0', None, 'pkg:npm/%40google/generative-ai@0.12.0', 'runtime', True, 'llm-sdk'),
        ('pnpm-lock.yaml', 24, 'tinyspy', '2.2.1', None, 'pkg:npm/tinyspy@2.2.1', 'dev', False, None),
        ('pnpm-lock.yaml', 28, 'vitest', '1.6.0', None, 'pkg:npm/vitest@1.6.0', 'dev', True, None),
    ],
    'pnpm9': [
        ('pnpm-lock.yaml', 21, '@langchain/core', '0.2.5', None, 'pkg:npm/%40langchain/core@0.2.5', 'runtime', False, 'orchestration'),
        ('pnpm-lock.yaml', 25, '@langchain/openai', '0.1.3', None, 'pkg:npm/%40langchain/openai@0.1.3', 'runtime', True, 'orchestration'),
        ('pnpm-lock.yaml', 28, 'eslint', '9.4.0', None, 'pkg:npm/eslint@9.4.0', 'dev', True, None),
        ('pnpm-lock.yaml', 31, 'zod', '3.23.8', None, 'pkg:npm/zod@3.23.8', 'runtime', False, None),
    ],
    'poetry': [
        ('poetry.lock', 4, 'openai', '1.30.5', None, 'pkg:pypi/openai@1.30.5', 'runtime', True, 'llm-sdk'),
        ('poetry.lock', 15, 'httpx', '0.27.0', None, 'pkg:pypi/httpx@0.27.0', 'runtime', False, None),
        ('poetry.lock', 23, 'pytest', '8.2.2', None, 'pkg:pypi/pytest@8.2.2', 'dev', True, None),
        ('poetry.lock', 32, 'tiktoken', '0.0.3', None, 'pkg:pypi/tiktoken@0.0.3', 'optional', True, 'tokenizer'),
        ('pyproject.toml', 8, 'langchain-openai', None, '>=0.1.8,<0.2.0', 'pkg:pypi/langchain-openai', 'runtime', True, 'orchestration'),
        ('pyproject.toml', 10, 'semantic-kernel', '1.1.0', None, 'pkg:pypi/semantic-kernel@1.1.0', 'runtime', True, 'orchestration'),
        ('pyproject.toml', 11, 'crewai', None, None, 'pkg:pypi/crewai', 'runtime', True, 'agent-framework'),
        ('pyproject.toml', 12, 'pandas', None, '>=2.0,<3', 'pkg:pypi/pandas', 'runtime', True, None),
        ('pyproject.toml', 13, 'old', None, '>=0.2,<0.3.0', 'pkg:pypi/old', 'runtime', True, None),
    ],
    'pyproj': [
        ('pyproject.toml', 8, 'langchain', None, '<0.3,>=0.2', 'pkg:pypi/langchain', 'runtime', True, 'orchestration'),
        ('pyproject.toml', 9, 'chromadb', '0.5.0', None, 'pkg:pypi/chromadb@0.5.0', 'runtime', True, 'vector-store'),
        ('pyproject.toml', 10, 'azure-ai-inference', None, '', 'pkg:pypi/azure-ai-inference', 'runtime', True, 'llm-sdk'),
        ('pyproject.toml', 14, 'vllm', None, '>=0.4', 'pkg:pypi/vllm', 'optional', True, 'serving'),
        ('pyproject.toml', 17, 'pytest', '8.2.0', None, 'pkg:pypi/pytest@8.2.0', 'dev', True, None),
    ],
    'reqs': [
        ('requirements.txt', 6, 'langchain-core', '0.2.10', None, 'pkg:pypi/langchain-core@0.2.10', 'runtime', True, 'orchestration'),
        ('requirements.txt', 7, 'openai', None, '<2,>=1.30', 'pkg:pypi/openai', 'runtime', True, 'llm-sdk'),
        ('requirements.txt', 8, 'numpy', '1.26.4', None, 'pkg:pypi/numpy@1.26.4', 'runtime', True, None),
        ('requirements.txt', 11, 'requests', None, '', 'pkg:pypi/requests', 'runtime', True, None),
        ('requirements.txt', 12, 'llama-index', None, None, 'pkg:pypi/llama-index', 'runtime', True, 'orchestration'),
        ('requirements.txt', 13, 'torch', None, None, 'pkg:pypi/torch', 'runtime', True, 'ml-framework'),
        ('requirements.txt', 15, 'transformers', '4.41.2', None, 'pkg:pypi/transformers@4.41.2', 'runtime', True, 'ml-framework'),
        ('requirements/base.txt', 2, 'pydantic', None, '~=2.7', 'pkg:pypi/pydantic', 'runtime', True, None),
        ('requirements/base.txt', 3, 'tiktoken', '0.7.0', None, 'pkg:pypi/tiktoken@0.7.0', 'runtime', True, 'tokenizer'),
    ],
    'setupcfg': [
        ('setup.cfg', 7, 'azure-ai-vision-imageanalysis', None, '>=1.0.0b1', 'pkg:pypi/azure-ai-vision-imageanalysis', 'runtime', True, 'ai-service-sdk'),
        ('setup.cfg', 8, 'pillow', '10.3.0', None, 'pkg:pypi/pillow@10.3.0', 'runtime', True, None),
        ('setup.cfg', 9, 'six', None, '', 'pkg:pypi/six', 'runtime', True, None),
        ('setup.cfg', 13, 'ragas', None, '>=0.1', 'pkg:pypi/ragas', 'optional', True, 'eval-observability'),
    ],
    'uvproj': [
        ('uv.lock', 5, 'anthropic', '0.28.0', None, 'pkg:pypi/anthropic@0.28.0', 'runtime', True, 'llm-sdk'),
        ('uv.lock', 13, 'httpx', '0.27.0', None, 'pkg:pypi/httpx@0.27.0', 'runtime', False, None),
        ('uv.lock', 18, 'mcp', '1.2.0', None, 'pkg:pypi/mcp@1.2.0', 'runtime', True, 'mcp'),
        ('uv.lock', 40, 'ruff', '0.4.8', None, 'pkg:pypi/ruff@0.4.8', 'dev', True, None),
    ],
    'yarn1': [
        ('yarn.lock', 5, '@anthropic-ai/sdk', '0.24.3', None, 'pkg:npm/%40anthropic-ai/sdk@0.24.3', 'runtime', True, 'llm-sdk'),
        ('yarn.lock', 12, 'ai', '3.1.12', None, 'pkg:npm/ai@3.1.12', 'runtime', True, 'llm-sdk'),
        ('yarn.lock', 17, 'jest', '29.7.0', None, 'pkg:npm/jest@29.7.0', 'dev', True, None),
        ('yarn.lock', 23, 'node-fetch', '2.7.0', None, 'pkg:npm/node-fetch@2.7.0', 'runtime', False, None),
    ],
}


@pytest.mark.parametrize("project", sorted(EXPECTED))
def test_fixture_project_exact_assets(project):
    assets, errors = load(FIXTURES / project)
    assert errors == []
    assert rows(assets) == EXPECTED[project]
    for a in assets:
        assert a.provider == "code" and a.type == "library" and a.kind is Kind.LIBRARY
        assert a.uid == f"{'node-deps' if a.properties['ecosystem'] == 'npm' else 'python-deps'}:" \
                        f"{a.origin.file}:{a.origin.address}"
        assert a.properties["manifest"] == a.origin.file
        assert ("version" in a.properties) != ("version_range" in a.properties)
        if "ai_category" in a.facts:
            assert a.evidence["ai_category"].path == "catalog:genai-packages"
    assert len({a.uid for a in assets}) == len(assets)


def test_requirements_details():
    assets, _ = load(FIXTURES / "reqs")
    by = {a.name: a.properties for a in assets}
    assert by["openai"]["markers"] == 'python_version >= "3.9"'
    assert by["numpy"]["version"] == "1.26.4"  # --hash options ignored
    assert by["requests"]["extras"] == ["socks"]
    assert by["llama-index"]["url"].startswith("git+https://") and by["llama-index"]["editable"] is True
    assert "version" not in by["torch"] and by["torch"]["url"].endswith(".whl")
    assert by["transformers"]["constrained_by"] == "constraints.txt"
    assert "scipy" not in by  # a constraint is not a dependency
    # the include cycle base.txt -> ../requirements.txt -> base.txt is read once
    assert sum(1 for a in assets if a.name == "pydantic") == 1


def test_compiled_requirements_is_a_lock_and_wins_over_the_in_file():
    assets, _ = load(FIXTURES / "compiled")
    assert [(a.origin.file, a.name, a.properties["direct"]) for a in assets] == [
        ("requirements.txt", "anthropic", True), ("requirements.txt", "httpx", False)]


def test_lock_wins_direct_from_manifest():
    assets, _ = load(FIXTURES / "poetry")
    files = {(a.origin.file, a.name) for a in assets}
    assert ("pyproject.toml", "openai") not in files and ("poetry.lock", "openai") in files
    assert ("pyproject.toml", "pytest") not in files
    lock = {a.name: a.properties for a in assets if a.origin.file == "poetry.lock"}
    assert lock["openai"]["direct"] is True and lock["httpx"]["direct"] is False


def test_yarn_without_manifest_has_unknown_scope(tmp_path):
    (tmp_path / "yarn.lock").write_text((FIXTURES / "yarn1" / "yarn.lock").read_text())
    assets, errors = load(tmp_path)
    assert errors == []
    assert [a.properties["version"] for a in assets] == ["0.24.3", "3.1.12", "29.7.0", "2.7.0"]
    assert all(isinstance(a.properties["scope"], Unknown) and a.properties["direct"] is False for a in assets)


@pytest.mark.parametrize("text,version,rng", [
    ("^1.2.3", None, ">=1.2.3,<2.0.0"),
    ("^0.2.3", None, ">=0.2.3,<0.3.0"),
    ("^0.0.3", None, ">=0.0.3,<0.0.4"),
    ("^0.0", None, ">=0.0,<0.1.0"),
    ("^0", None, ">=0,<1.0.0"),
    ("^1", None, ">=1,<2.0.0"),
    ("~1.2.3", None, ">=1.2.3,<1.3.0"),
    ("~1.2", None, ">=1.2,<1.3.0"),
    ("~1", None, ">=1,<2.0.0"),
    ("~=1.2", None, "~=1.2"),
    ("1.2.3", "1.2.3", "==1.2.3"),
    ("==2.0", "2.0", "==2.0"),
    ("1.2.*", None, "==1.2.*"),
    ("*", None, ""),
    (">= 1.2, < 2.0", None, ">=1.2,<2.0"),
    (">=1.2 <2.0", None, ">=1.2,<2.0"),
    ("^1.0 || ^2.0", None, ">=1.0,<2.0.0 || >=2.0,<3.0.0"),
])
def test_poetry_constraint_translation(text, version, rng):
    assert poetry_constraint(text) == (version, rng)


@pytest.mark.parametrize("raw,norm", [
    ("LangChain_Core", "langchain-core"), ("Azure.AI.Inference", "azure-ai-inference"),
    ("a__b--c..d", "a-b-c-d"), ("requests", "requests")])
def test_pep503(raw, norm):
    assert pep503(raw) == norm


def test_purls():
    assert purl_for("PyPI", "langchain", "0.2.1") == "pkg:pypi/langchain@0.2.1"
    assert purl_for("PyPI", "torch", "2.3.0+cpu") == "pkg:pypi/torch@2.3.0%2Bcpu"
    assert purl_for("npm", "@langchain/core", "0.2.5") == "pkg:npm/%40langchain/core@0.2.5"
    assert purl_for("npm", "openai", None) == "pkg:npm/openai"
    assert purl_for("conda", "pytorch", "2.3.0", {"channel": "conda-forge"}) == \
        "pkg:conda/pytorch@2.3.0?channel=conda-forge"


def test_genai_catalogue():
    assert genai.category("PyPI", "LangChain") == "orchestration"
    assert genai.category("npm", "@langchain/core") == "orchestration"
    assert genai.category("PyPI", "requests") is None
    assert genai.lookup("PyPI", "langchain-somethingnew") == ("orchestration", "pattern langchain-*")
    assert sum(1 for eco, _ in genai.packages() if eco in ("pypi", "npm")) == 471
    assert {eco for eco, _ in genai.packages()} == {"pypi", "npm", "nuget", "golang", "maven", "cargo"}


def test_json_key_lines():
    text = '{\n  "a": {\n    "b": 1,\n    "c": [\n      {"d": 2}\n    ]\n  },\n  "e": "x:y"\n}\n'
    assert json_key_lines(text) == {("a",): 2, ("a", "b"): 3, ("a", "c"): 4, ("a", "c", "[]", "d"): 5, ("e",): 8}


def test_claims_is_by_name():
    py, node = SOURCES
    for n in ("requirements.txt", "requirements-dev.in", "pyproject.toml", "poetry.lock", "uv.lock", "Pipfile",
              "Pipfile.lock", "setup.cfg", "environment.yml", "requirements/prod.txt"):
        assert py.claims(Path("x") / n), n
    for n in ("README.txt", "setup.py", "package.json", "docs/notes.txt"):
        assert not py.claims(Path("x") / n), n
    for n in ("package.json", "package-lock.json", "yarn.lock", "pnpm-lock.yaml"):
        assert node.claims(Path("x") / n), n
    assert not node.claims(Path("app/node_modules/openai/package.json"))


# --------------------------------------------------------------------------- bad input

CONFLICT_LOCK = '''[[package]]
name = "openai"
<<<<<<< HEAD
version = "1.30.5"
=======
version = "1.31.0"
>>>>>>> feature
'''


def test_merge_conflict_lock(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\ndependencies = ["openai>=1"]\n')
    (tmp_path / "poetry.lock").write_text(CONFLICT_LOCK)
    (tmp_path / "package-lock.json").write_text('{\n<<<<<<< ours\n  "lockfileVersion": 3\n=======\n>>>>>>> theirs\n}\n')
    assets, errors = load(tmp_path)
    assert [(e.file, e.line) for e in errors] == [("poetry.lock", 3), ("package-lock.json", 2)]
    assert all(e.message.startswith("merge conflict markers: resolve the conflict") for e in errors)
    # nothing from the lock; the manifest beside it is still read
    assert rows(assets) == [("pyproject.toml", 3, "openai", None, ">=1", "pkg:pypi/openai", "runtime", True,
                             "llm-sdk")]


@pytest.mark.parametrize("name,text,line,prefix", [
    ("pyproject.toml", '[project]\ndependencies = [\n  "a",\n  oops\n]\n', 4, "invalid TOML"),
    ("uv.lock", 'version = 1\n[[package]\n', 2, "invalid TOML"),
    ("Pipfile.lock", '{\n  "default": {,\n}\n', 2, "invalid JSON"),
    ("package.json", '{\n  "dependencies": {\n    "a": "1"\n  \n', 5, "invalid JSON"),
    ("pnpm-lock.yaml", "lockfileVersion: '9.0'\npackages:\n  a@1.0.0: {\n", 4, "invalid YAML"),
    ("environment.yml", "dependencies:\n  - a\n - b\n", 3, "invalid YAML"),
    ("requirements.txt", "ok==1.0\nnot a requirement!!\n", 2, "invalid requirement"),
    ("setup.cfg", "[options]\ninstall_requires = a\n[broken\n", 3, "invalid setup.cfg"),
])
def test_invalid_files(tmp_path, name, text, line, prefix):
    (tmp_path / name).write_text(text)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "requirements.txt").write_text("openai==1.30.0\n")
    assets, errors = load(tmp_path)
    assert len(errors) == 1, errors
    assert (errors[0].file, errors[0].line) == (name, line)
    assert errors[0].message.startswith(prefix)
    assert ("sub/requirements.txt", "openai") in {(a.origin.file, a.name) for a in assets}


def test_not_utf8_and_missing_include(tmp_path):
    (tmp_path / "requirements.txt").write_bytes(b"openai==1.0\n# caf\xe9\n")
    (tmp_path / "requirements-dev.txt").write_text("-r missing.txt\npytest\n")
    assets, errors = load(tmp_path)
    assert sorted((e.file, e.line) for e in errors) == [("requirements-dev.txt", 1), ("requirements.txt", 2)]
    assert [a.name for a in assets] == ["pytest"]


def load_confined(root: Path, roots: tuple[str, ...]):
    assets, errors = [], []
    for src in SOURCES:
        files = [p for p in sorted(root.rglob("*")) if p.is_file() and src.claims(p)]
        if files:
            r = src.load(files, SourceContext(root=root, roots=roots))
            assets += r.assets
            errors += r.errors
    return assets, errors


def test_include_outside_target_not_followed(tmp_path):
    inner = tmp_path / "app"
    inner.mkdir()
    (tmp_path / "secret.txt").write_text("leaked==1\n")
    (inner / "requirements.txt").write_text("-r ../secret.txt\n-c /etc/hostname\n-r ${HOME}/x.txt\nopenai\n")
    assets, errors = load_confined(inner, (os.path.realpath(inner),))
    assert [a.name for a in assets] == ["openai"]
    assert [(e.line, "outside the scanned roots" in e.message) for e in errors] == [(1, True), (2, True), (3, False)]
    assert "environment variable" in errors[2].message and os.environ.get("HOME", "~") not in errors[2].message


def test_include_in_the_work_tree_is_followed(tmp_path):
    """A monorepo: the target is `services/api`, its requirements include `../../common/base.txt`, and the
    scan's roots are the work tree (what `confine.scan_roots` makes of a target inside a repository)."""
    api = tmp_path / "services" / "api"
    api.mkdir(parents=True)
    (tmp_path / "common").mkdir()
    (tmp_path / "common" / "base.txt").write_text("openai==1.30.0\n")
    (api / "requirements.txt").write_text("-r ../../common/base.txt\nanthropic\n")
    (tmp_path / ".git").mkdir()
    from aispm.confine import scan_roots
    assets, errors = load_confined(api, scan_roots([api]))
    assert errors == []
    assert sorted((a.origin.file, a.name) for a in assets) == [("../../common/base.txt", "openai"),
                                                                ("requirements.txt", "anthropic")]


def test_include_symlink_out_of_the_roots_not_read(tmp_path):
    app = tmp_path / "app"
    app.mkdir()
    outside = tmp_path / "outside.txt"
    outside.write_text("canary-package==9.9\n")
    (app / "extra.txt").symlink_to(outside)
    (app / "requirements.txt").write_text("-r extra.txt\nopenai\n")
    assets, errors = load_confined(app, (os.path.realpath(app),))
    assert [a.name for a in assets] == ["openai"]
    assert len(errors) == 1 and "outside the scanned roots" in errors[0].message
    assert "canary" not in errors[0].message


@pytest.mark.parametrize("eco,name,version,qual", [
    ("PyPI", "langchain-core", "0.2.10", None), ("PyPI", "torch", "2.3.0+cpu", None), ("PyPI", "x", "1!2.0", None),
    ("npm", "@langchain/core", "0.2.5", None), ("npm", "@types/node", "20.1.0-beta.1", None),
    ("npm", "openai", None, None), ("npm", "lodash.merge", "4.6.2", None), ("conda", "numpy", "1.26", {"channel": "c"}),
])
def test_purl_fast_path_matches_packageurl(eco, name, version, qual):
    packageurl = pytest.importorskip("packageurl")
    ptype = {"PyPI": "pypi", "npm": "npm", "conda": "conda"}[eco]
    ns, n = name.split("/", 1) if name.startswith("@") else (None, name)
    want = packageurl.PackageURL(type=ptype, namespace=ns, name=n, version=version, qualifiers=qual).to_string()
    assert purl_for(eco, name, version, qual) == want
