"""Notebooks (issue 12 item 13): `%pip install` / `!pip install` lines are the notebook's libraries, read by the
requirements reader; Vertex AI LangChain classes (`VertexAI`, `ChatVertexAI`, `VertexAIEmbeddings`) are clients
and `config["key"]` lookups of a notebook's settings dict resolve."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aispm.providers.code.notebooks import NotebookSource, pip_requirements
from aispm.source import SourceContext


def cell(*lines: str) -> dict:
    return {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
            "source": [ln + "\n" for ln in lines]}


def load(tmp_path: Path, cells: list[dict]):  # type: ignore[no-untyped-def]
    nb = {"cells": cells, "metadata": {"kernelspec": {"name": "python3"}, "language_info": {"name": "python"}},
          "nbformat": 4, "nbformat_minor": 5}
    p = tmp_path / "vertex.ipynb"
    p.write_text(json.dumps(nb, indent=1))
    return NotebookSource().load([p], SourceContext(root=tmp_path))


@pytest.mark.parametrize("line,reqs", [
    ('%pip install --upgrade --quiet langchain-google-vertexai==2.0.7 "langchain>=0.3"',
     ["langchain-google-vertexai==2.0.7", "langchain>=0.3"]),
    ("!pip install -q openai $PKG {other} -r extra.txt", ["openai"]),
    ("!python -m pip install -U 'transformers[torch]==4.44.0' && echo done", ["transformers[torch]==4.44.0"]),
    ("!uv pip install --index-url https://pypi.example/simple anthropic", ["anthropic"]),
    ("%pip list", []),
    ("!ls -la", []),
])
def test_pip_install_lines(line: str, reqs: list[str]) -> None:
    assert pip_requirements(line) == reqs


def test_notebook_installs_are_libraries(tmp_path: Path) -> None:
    r = load(tmp_path, [cell('%pip install --quiet langchain-google-vertexai==2.0.7 "langchain>=0.3"',
                             "!pip install -q openai"),
                        cell("import openai")])
    assert r.errors == []
    libs = {a.name: a for a in r.assets if a.type == "library"}
    assert set(libs) == {"langchain-google-vertexai", "langchain", "openai"}
    assert libs["langchain-google-vertexai"].properties["version"] == "2.0.7"
    assert libs["langchain"].properties["version_range"] == ">=0.3"
    assert libs["openai"].origin.line == 10  # the JSON line of the `!pip` line
    assert libs["langchain-google-vertexai"].facts["ai_category"]
    (nb,) = [a for a in r.assets if a.type == "notebook"]
    contained = {x.target for x in r.relations if x.source == nb.uid and x.verb == "contains"}
    assert {a.uid for a in libs.values()} <= contained


def test_vertex_ai_langchain_classes_and_config_lookups(tmp_path: Path) -> None:
    r = load(tmp_path, [
        cell('config = {"project": "my-proj", "location": "us-central1", "model": "gemini-1.5-pro",',
             '          "embedding": "text-embedding-004"}'),
        cell("from langchain_google_vertexai import VertexAI, ChatVertexAI, VertexAIEmbeddings",
             'llm = VertexAI(model_name=config["model"], project=config["project"], location=config["location"])',
             'chat = ChatVertexAI(model="gemini-2.0-flash")',
             'emb = VertexAIEmbeddings(model_name=config["embedding"])'),
    ])
    clients = {a.name: a for a in r.assets if a.type == "ai-client"}
    assert set(clients) == {"VertexAI", "ChatVertexAI", "VertexAIEmbeddings"}
    assert all(c.properties["service"] == "vertex-ai" for c in clients.values())
    assert clients["VertexAI"].properties["project"] == "my-proj"
    assert clients["VertexAI"].properties["location"] == "us-central1"
    models = {a.name for a in r.assets if a.type == "model"}
    assert models == {"gemini-1.5-pro", "gemini-2.0-flash", "text-embedding-004"}
