"""Model names in application configuration (issue 12 item 11): `appsettings.json` with comments, `.ini`,
`.yaml` (including Kubernetes / Compose env lists) and `.env` files, under AI-looking keys, recognised by strict
model-id shapes; ordinary values under the same keys, and model-like values under unrelated keys, stay
strings."""

from __future__ import annotations

from pathlib import Path

from aispm.providers.code.appconfig import AppConfigSource
from aispm.source import SourceContext

FIX = Path(__file__).parent / "fixtures" / "app_config"


def load(root: Path):  # type: ignore[no-untyped-def]
    src = AppConfigSource()
    files = sorted(p for p in root.iterdir() if src.claims(p))
    return src.load(files, SourceContext(root=root))


def models(r) -> dict[tuple[str, str], object]:  # type: ignore[no-untyped-def]
    return {(a.origin.file, a.name): a for a in r.assets if a.type == "model"}


def test_models_in_app_configuration() -> None:
    r = load(FIX)
    assert r.errors == []
    m = models(r)
    assert set(m) == {
        ("appsettings.json", "gpt-4o"), ("appsettings.json", "text-embedding-3-large"),
        ("settings.ini", "anthropic.claude-3-5-sonnet-20240620-v1:0"),
        ("config.yaml", "gpt-4.1-mini"), ("config.yaml", "gemini-2.0-flash"),
        (".env", "gpt-4o-mini"), (".env", "us.anthropic.claude-3-7-sonnet-20250219-v1:0"),
        ("application.properties", "gpt-4o"),  # Spring AI; not `spring.application.name`
    }  # not "default", "user:admin", "v1:0"; not `Title`, `[app] name` or `APP_NAME`, whose keys say nothing
    chat = m[("appsettings.json", "gpt-4o")]
    assert chat.origin.line == 5 and chat.properties["declared_as"] == "AzureOpenAI.ChatDeployment"
    assert chat.properties["service"] == "azure-openai"
    assert m[("config.yaml", "gpt-4.1-mini")].properties["service"] == "openai"  # `openai:` prefix
    assert m[("config.yaml", "gemini-2.0-flash")].properties["declared_as"] == "containers.env.GEMINI_MODEL"
    assert m[("settings.ini", "anthropic.claude-3-5-sonnet-20240620-v1:0")].properties["service"] == "bedrock-runtime"


def test_a_settings_file_that_does_not_parse_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "appsettings.json").write_text('{"OpenAI": {"Model": "gpt-4o"')
    r = load(tmp_path)
    assert len(r.errors) == 1 and r.errors[0].file == "appsettings.json"


def test_a_yaml_template_is_left_to_its_own_source(tmp_path: Path) -> None:
    (tmp_path / "deploy.yaml").write_text("model: {{ .Values.model | default \"gpt-4o\" }}\n  - : [\n")
    r = load(tmp_path)
    assert r.errors == [] and r.assets == []


def test_models_of_every_family_are_read_not_only_the_prefilter_s_old_copy(tmp_path: Path) -> None:
    # the pre-filter is built from model_ids' own tables: families it used to miss are found
    (tmp_path / "appsettings.json").write_text(
        '{"Images": {"Model": "dall-e-3"}, "Speech": {"Model": "whisper-1"}, "Code": {"Model": "codestral-latest"}}')
    r = load(tmp_path)
    assert r.errors == [] and set(models(r)) == {("appsettings.json", "dall-e-3"), ("appsettings.json", "whisper-1"),
                                                 ("appsettings.json", "codestral-latest")}


#: one id of each family and shape `model_ids.is_model_id` accepts
ONE_OF_EACH = ("gpt-4o", "chatgpt-4o-latest", "o3", "o4-mini", "text-embedding-3-small", "text-davinci-003",
               "davinci-002", "dall-e-2", "whisper-1", "tts-1-hd", "claude-3-5-haiku-latest", "gemini-2.0-flash",
               "gemma2-9b", "text-bison", "chat-bison@002", "textembedding-gecko@003",
               "text-multilingual-embedding-002", "Meta-Llama-3.1-8B-Instruct", "llama3.2", "codellama-70b",
               "mistral-large-latest", "mixtral-8x7b", "codestral-latest", "ministral-8b-latest", "pixtral-large-latest",
               "magistral-medium", "command-r-plus", "command-a-03-2025", "embed-english-v3.0", "rerank-v3.5", "phi-4",
               "deepseek-chat", "grok-3", "qwen2.5-72b-instruct", "jamba-1.5-large", "titan-embed-text-v2",
               "nova-pro", "imagen-3.0-generate-002", "veo-2.0-generate-001", "sonar", "sonar-pro",
               "ai21.jamba-1-5-large-v1:0", "us.anthropic.claude-3-7-sonnet-20250219-v1:0",
               "amazon.titan-embed-text-v2:0", "cohere.rerank-v3-5:0", "azure/my-chat-4", "openai:my-tuned-1")


def test_every_model_id_shape_passes_the_prefilter(tmp_path: Path) -> None:
    from aispm.providers.code.model_ids import is_model_id

    assert all(is_model_id(v) for v in ONE_OF_EACH)
    for i, v in enumerate(ONE_OF_EACH):  # one file each, so that no other id lets the file through
        (tmp_path / f".env.{i}").write_text(f"# {i}\nAPP_MODEL={v}\n")
    r = load(tmp_path)
    assert sorted(name for _, name in models(r)) == sorted(v.split(":", 1)[1] if v.startswith("openai:") else
                                                           v.split("/", 1)[1] if v.startswith("azure/") else v
                                                           for v in ONE_OF_EACH)


def test_ini_keys_are_placed_on_their_own_section_s_line(tmp_path: Path) -> None:
    (tmp_path / "setup.cfg").write_text("[app]\nmodel_name = x\n[llm]\nmodel = gpt-4o\nnote =\n  model = no\n"
                                        "[embeddings]\n; model = nothing\nmodel = text-embedding-3-small\n"
                                        "[DEFAULT]\nchat_model = gpt-4o-mini\n")
    m = models(load(tmp_path))
    assert m[("setup.cfg", "gpt-4o")].origin.line == 4  # not line 2, where `model_name` begins with `model`
    assert m[("setup.cfg", "text-embedding-3-small")].origin.line == 9  # not the comment's or `note`'s value's
    assert m[("setup.cfg", "gpt-4o-mini")].origin.line == 11  # a [DEFAULT] key, read under each section


def test_many_ini_keys_take_linear_time(tmp_path: Path) -> None:
    import time

    # 20,000 distinct keys: finding each key's line from the top took ~20 s; one pass takes well under 1 s
    (tmp_path / "setup.cfg").write_text("".join(f"[llm{s}]\nmodel = gpt-4o\n" + "".join(
        f"opt{s}_{j} = value\n" for j in range(9)) for s in range(2000)))
    start = time.process_time()
    m = models(load(tmp_path))
    assert time.process_time() - start < 5
    assert m[("setup.cfg", "gpt-4o")].origin.line == 2


def _budgeted(root: Path, cap: int):  # type: ignore[no-untyped-def]
    from aispm.limits import Limits

    src = AppConfigSource()
    files = sorted(p for p in root.iterdir() if src.claims(p))
    return src.load(files, SourceContext(root=root, limits=Limits(collection_size=cap)))


def test_values_beyond_the_collection_budget_are_not_read_and_the_budget_is_named(tmp_path: Path) -> None:
    keys = "".join(f"opt{i} = value\n" for i in range(1500))
    (tmp_path / "setup.cfg").write_text(f"[llm]\nmodel = gpt-4o\n{keys}late_model = claude-3-5-haiku-latest\n")
    (tmp_path / "application.properties").write_text(
        "spring.ai.openai.chat.options.model=gpt-4o\n" + keys.replace(" = ", "=")
        + "spring.ai.anthropic.chat.options.model=claude-3-5-haiku-latest\n")
    (tmp_path / ".env").write_text("OPENAI_MODEL=gpt-4o\n" + keys.replace(" = ", "=").upper()
                                   + "ANTHROPIC_MODEL=claude-3-5-haiku-latest\n")
    (tmp_path / "config.yaml").write_text("llm:\n  model: gpt-4o\nitems:\n" + "".join(f"  - v{i}\n" for i in range(1500))
                                          + "late:\n  model: claude-3-5-haiku-latest\n")
    (tmp_path / "appsettings.json").write_text('{"OpenAI": {"Model": "gpt-4o"}, "Items": [' + ",".join(["1"] * 1500)
                                               + '], "Anthropic": {"Model": "claude-3-5-haiku-latest"}}')
    r = _budgeted(tmp_path, 1000)
    assert r.errors == []
    files = ["setup.cfg", "application.properties", ".env", "config.yaml", "appsettings.json"]
    assert sorted(models(r)) == sorted((f, "gpt-4o") for f in files)  # the first values only
    assert sorted(r.warnings) == sorted(f"{f}: budget exceeded: collection_size = 1000 (values in {f}; the first 1,000 "
                                        f"were read)" for f in files)
    r = _budgeted(tmp_path, 5000)  # within the budget: everything, no warning
    assert r.warnings == [] and len(models(r)) == 10
