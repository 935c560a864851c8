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
