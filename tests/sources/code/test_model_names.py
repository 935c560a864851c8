"""Model names where apps keep them (issue 12 item 11): module-level dict / list constants, settings
classes and dataclass instances, `CONST["key"]`, `settings.FIELD`, `get_settings().field`; and the strict
model-id shapes that keep ordinary strings ordinary."""

from __future__ import annotations

from pathlib import Path

import pytest

from aispm.providers.code.model_ids import is_model_id, split
from aispm.providers.code.python import PythonCodeSource
from aispm.source import SourceContext


def scan_py(tmp_path: Path, files: dict[str, str]):  # type: ignore[no-untyped-def]
    for rel, text in files.items():
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    src = PythonCodeSource()
    paths = sorted(p for p in tmp_path.rglob("*.py"))
    return src.load(paths, SourceContext(root=tmp_path))


def models(r) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    return {a.name: a for a in r.assets if a.type == "model"}


def used_by_client(r) -> set[str]:  # type: ignore[no-untyped-def]
    ids = {a.uid: a.name for a in r.assets if a.type == "model"}
    return {ids[x.target] for x in r.relations if x.verb == "uses_model" and x.target in ids}


@pytest.mark.parametrize("value", [
    "anthropic.claude-3-5-sonnet-20240620-v1:0", "us.anthropic.claude-3-7-sonnet-20250219-v1:0",
    "amazon.titan-embed-text-v2:0", "meta.llama3-70b-instruct-v1:0", "cohere.embed-english-v3",
    "openai:gpt-4o", "google-gla:gemini-2.0-flash", "azure/gpt-4o", "gpt-4o", "gpt-4.1-mini", "o1", "o3-mini",
    "o4-mini", "claude-3-5-sonnet-latest", "gemini-2.0-flash", "llama-3.1-8b", "Meta-Llama-3.1-8B-Instruct",
    "mistral-large-latest", "text-embedding-3-small", "Phi-4",
])
def test_published_model_ids_are_models(value: str) -> None:
    assert is_model_id(value)


@pytest.mark.parametrize("value", [
    "default", "v1:0", "user:admin", "chat", "openai", "gpt", "claude", "mistral", "o1x", "amazon.com",
    "meta.data", "us.east", "openai:", "anthropic:latest", "https://x.openai.azure.com/", "/usr/bin/python",
    "o3 is great", "", "a:b",
])
def test_ordinary_strings_stay_ordinary(value: str) -> None:
    assert not is_model_id(value)


def test_provider_prefix_names_the_service() -> None:
    assert split("openai:gpt-4o") == ("gpt-4o", "openai")
    assert split("azure/gpt-4o") == ("gpt-4o", "azure-openai")
    assert split("us.anthropic.claude-3-5-haiku-20241022-v1:0") == (
        "us.anthropic.claude-3-5-haiku-20241022-v1:0", "bedrock-runtime")


APP = '''
from dataclasses import dataclass
from openai import OpenAI
from pydantic import Field
from pydantic_settings import BaseSettings

MODELS = {"chat": "gpt-4o", "embed": {"name": "text-embedding-3-small"}}
FALLBACKS = ["gpt-4o-mini", "o3-mini"]


class Settings(BaseSettings):
    chat_model: str = "gpt-4.1"
    judge_model: str = Field(default="o4-mini")


settings = Settings()


@dataclass
class LlmConfig:
    model: str = "default"
    temperature: float = 0.2


cfg = LlmConfig(model="claude-3-5-sonnet-latest")
ALIAS = settings.chat_model


def get_settings():
    return Settings()


client = OpenAI()
client.chat.completions.create(model=MODELS["chat"], messages=[])
client.embeddings.create(model=MODELS["embed"]["name"], input="x")
client.chat.completions.create(model=FALLBACKS[1], messages=[])
client.chat.completions.create(model=get_settings().judge_model, messages=[])
client.chat.completions.create(model=cfg.model, messages=[])
client.chat.completions.create(model=ALIAS, messages=[])
client.chat.completions.create(model=MODELS.get("missing", "gpt-5"), messages=[])
'''


def test_models_resolve_through_constants_settings_and_instances(tmp_path: Path) -> None:
    r = scan_py(tmp_path, {"app.py": APP})
    assert not r.errors
    assert used_by_client(r) == {"gpt-4o", "text-embedding-3-small", "o3-mini", "o4-mini",
                                 "claude-3-5-sonnet-latest", "gpt-4.1", "gpt-5"}
    assert "default" not in models(r)  # the dataclass default, overridden by the instance


DECLARED = '''
import openai

CHAT_DEPLOYMENT = "gpt-4o-mini"
BANNER = "gpt-4o-audio-preview"
RETRIES = {"default": "v1:0", "user": "user:admin", "model": "default"}
ROUTES = {"models": {"fast": "us.anthropic.claude-3-5-haiku-20241022-v1:0", "agent": "openai:gpt-4.1"}}


class Config:
    EMBEDDING_MODEL = "text-embedding-3-large"
    TITLE = "claude-3-haiku"

client = openai.OpenAI()
'''


def test_models_kept_under_ai_names_are_declared_even_unused(tmp_path: Path) -> None:
    m = models(scan_py(tmp_path, {"app.py": DECLARED}))
    assert set(m) == {"gpt-4o-mini", "us.anthropic.claude-3-5-haiku-20241022-v1:0", "gpt-4.1",
                      "text-embedding-3-large"}  # not BANNER / TITLE (names that say nothing), not "default"
    assert m["gpt-4.1"].properties["service"] == "openai"
    assert m["gpt-4o-mini"].properties["declared_as"] == "CHAT_DEPLOYMENT"
    assert m["us.anthropic.claude-3-5-haiku-20241022-v1:0"].properties["service"] == "bedrock-runtime"


TS_APP = """import OpenAI from 'openai';
const MODELS = { chat: 'gpt-4o', embed: 'text-embedding-3-small' };
const CONFIG = { openai: { models: ['o3-mini', 'gpt-4.1'] } } as const;
const client = new OpenAI();
await client.chat.completions.create({ model: MODELS.chat, messages: [] });
await client.embeddings.create({ model: MODELS['embed'], input: 'x' });
await client.responses.create({ model: CONFIG.openai.models[1], input: 'x' });
"""


def test_typescript_constant_objects_resolve(tmp_path: Path) -> None:
    from aispm.providers.code.javascript import JsCodeSource

    (tmp_path / "app.ts").write_text(TS_APP)
    r = JsCodeSource().load([tmp_path / "app.ts"], SourceContext(root=tmp_path))
    assert r.errors == []
    assert set(models(r)) == {"gpt-4o", "text-embedding-3-small", "gpt-4.1"}


def test_the_scans_collection_budget_bounds_the_settings_classes_read(tmp_path: Path) -> None:
    """`--limit collection_size=N` reaches the Python walker as it reaches every other reader: with a
    budget of 2, the third settings class of a file is not read (the default reads all three)."""
    import dataclasses

    from aispm.limits import DEFAULT

    ids = ("gpt-4.1", "o4-mini", "o3-mini")
    text = "".join(f"class Settings{i}(BaseSettings):\n    chat_model: str = \"{m}\"\n\n" for i, m in enumerate(ids))
    (tmp_path / "settings.py").write_text("from openai import OpenAI\nfrom pydantic_settings import BaseSettings\n\n"
                                          + text + "client = OpenAI()\n")
    paths = [tmp_path / "settings.py"]
    full = PythonCodeSource().load(paths, SourceContext(root=tmp_path))
    small = PythonCodeSource().load(paths, SourceContext(root=tmp_path,
                                                         limits=dataclasses.replace(DEFAULT, collection_size=2)))
    assert set(ids) <= set(models(full))
    assert "o3-mini" not in models(small) and {"gpt-4.1", "o4-mini"} <= set(models(small))
