"""The `secrets` source: credentials written in configuration files (`.env`, `*.json`, `*.yaml`, `*.toml`,
`*.ini`, `*.cfg`, `*.conf`, `*.properties`, `*.jsonc`, `*.tfvars`).

Detection is `aispm.formats.secrets`, shared by every source that reads text; the assets are built by
`aispm.providers.code.secret_assets`. Code, notebooks and prompt files are scanned by their own
sources, which report their secrets themselves. `.env.example` and other template copies
(`.sample`, `.template`, `.dist`) are not claimed: they hold placeholders by design.

Config files are searched as text, never parsed. Each file is read under `isolate.one_file`.
"""

from __future__ import annotations

from pathlib import Path

from aispm.providers.code.isolate import one_file
from aispm.providers.code.secret_assets import add_secrets
from aispm.source import SourceContext, SourceResult, readable

FORMAT = "secrets"

CONFIG_SUFFIXES = frozenset({".json", ".yaml", ".yml", ".toml", ".ini", ".cfg", ".conf", ".properties", ".env",
                             ".jsonc", ".tfvars"})


class SecretsSource:
    """Secrets in configuration files. Code, notebooks and prompt files are scanned by their own sources."""

    name = "secrets"

    claims_by_name = True  # `claims` reads the file's name alone (`aispm.source.Source`)

    def claims(self, path: Path) -> bool:
        name = path.name
        if name.startswith(".env"):
            return not name.endswith((".example", ".sample", ".template", ".dist"))
        return path.suffix.lower() in CONFIG_SUFFIXES

    def load(self, files: list[Path], ctx: SourceContext) -> SourceResult:
        result = SourceResult()
        taken: set[str] = set()
        for path, text in readable(files, ctx, result):
            rel = ctx.rel(path)
            with one_file(result.errors, rel, self.name):
                add_secrets(result, text, FORMAT, rel, taken=taken)
        return result
