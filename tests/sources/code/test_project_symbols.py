"""Constants imported from other files of the project (issue 12 item 11): a symbol table per scan resolves
`from .config import CHAT_MODEL`, `from app.settings import settings`, `from . import config` then
`config.X["k"]`, through the imported file's own imports; cycles end as unknown, and the table is bounded by
`Limits.collection_size`."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from aispm.limits import DEFAULT
from aispm.providers.code.python import PythonCodeSource
from aispm.providers.code.symbols import module_names
from aispm.source import SourceContext

CONFIG = '''
import os
from pydantic_settings import BaseSettings
from .names import SIZE

CHAT_MODEL = "gpt-4o"
EMBED = f"text-embedding-3-{SIZE}"
DEPLOYMENTS = {"chat": "gpt-4.1-mini", "judge": "o3-mini"}
ENDPOINT = os.getenv("AZURE_OPENAI_ENDPOINT")


class Settings(BaseSettings):
    agent_model: str = "claude-3-5-sonnet-latest"


settings = Settings()
'''
NAMES = '''
from .config import CHAT_MODEL  # imports back: only what is used is followed
SIZE = "large"
LOOP = OTHER_LOOP
from .loop import OTHER_LOOP
'''
LOOP = '''
from .names import LOOP as OTHER_LOOP
'''
MAIN = '''
from openai import AzureOpenAI
from .core.config import CHAT_MODEL, EMBED, DEPLOYMENTS, ENDPOINT, settings
from .core import config
from .core.names import LOOP
from app.core.config import settings as same_settings

client = AzureOpenAI(azure_endpoint=ENDPOINT)
client.chat.completions.create(model=CHAT_MODEL, messages=[])
client.embeddings.create(model=EMBED, input="x")
client.chat.completions.create(model=DEPLOYMENTS["judge"], messages=[])
client.chat.completions.create(model=settings.agent_model, messages=[])
client.chat.completions.create(model=config.DEPLOYMENTS["chat"], messages=[])
client.chat.completions.create(model=same_settings.agent_model, messages=[])
client.chat.completions.create(model=LOOP, messages=[])
'''


def scan(tmp_path: Path, limits=DEFAULT):  # type: ignore[no-untyped-def]
    files = {"app/__init__.py": "", "app/core/__init__.py": "", "app/core/config.py": CONFIG,
             "app/core/names.py": NAMES, "app/core/loop.py": LOOP, "app/main.py": MAIN}
    for rel, text in files.items():
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    paths = sorted(tmp_path.rglob("*.py"))
    return PythonCodeSource().load(paths, SourceContext(root=tmp_path, limits=limits))


def test_module_names() -> None:
    assert module_names("src/app/config.py") == ["src.app.config", "app.config", "config"]
    assert module_names("app/core/__init__.py") == ["app.core", "core"]


def test_values_imported_from_project_files_resolve(tmp_path: Path) -> None:
    r = scan(tmp_path)
    assert r.errors == []
    models = {a.name for a in r.assets if a.type == "model" and a.origin.file == "app/main.py"}
    assert models == {"gpt-4o", "text-embedding-3-large", "o3-mini", "claude-3-5-sonnet-latest", "gpt-4.1-mini"}
    (client,) = [a for a in r.assets if a.type == "ai-client"]
    assert client.properties["endpoint_env"] == "AZURE_OPENAI_ENDPOINT"  # `os.getenv` in config.py


def test_budget_leaves_names_unknown(tmp_path: Path) -> None:
    r = scan(tmp_path, replace(DEFAULT, collection_size=1))
    assert r.errors == []
    assert {a.name for a in r.assets if a.type == "model"} == set()
