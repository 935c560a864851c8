"""Python dependency manifests and lock files → one `library` asset per dependency.

Claimed by file name only (cheap): `requirements*.txt` / `requirements*.in` (and any
`*.txt` / `*.in` in a `requirements/` folder), `pyproject.toml`, `poetry.lock`,
`uv.lock`, `Pipfile`, `Pipfile.lock`, `setup.cfg`, `environment.yml` / `.yaml`.

get → transform → load:

- **get**: `read_text` (size limit, UTF-8), refuse files with merge-conflict markers,
  parse with the format's own parser (`tomllib`, `json`, `configparser`, PyYAML's
  composer for YAML line marks, `packaging.requirements.Requirement` for every PEP 508
  string).
- **transform**: one `Dep` per declared or locked package, with the line that declares
  it. Versions are exact only from lock files and `==`/`===` pins; a manifest's
  specifier is kept as `version_range` (canonical PEP 440 text as `packaging` prints
  it; Poetry `^`/`~` constraints translated), never guessed into a version. URL, VCS,
  editable and path requirements keep their name (when it can be told) and no version.
- **load**: per directory, a lock file wins over the manifests beside it: the locked
  packages are emitted with `direct` taken from the manifests, and a manifest entry
  the lock already has is not emitted a second time.

A `requirements.txt` written by `pip-compile` / `uv pip compile` (it has `# via`
annotations) is a lock file: its `# via -r ...` / `(pyproject.toml)` annotations say
which packages are direct.

The formats live in their own modules: `requirements` (PEP 508 strings and requirements files),
`python_manifests` (pyproject.toml, Pipfile, setup.cfg, environment.yml) and `python_locks`; what
both dependency sources share (the `Dep` record, the lock-wins merge, asset building) is in `common`.
"""

from __future__ import annotations

from pathlib import Path

from aispm.providers.code.deps.common import Parsed, load_dependency_files
from aispm.providers.code.deps.python_locks import parse_pipfile_lock, parse_poetry_lock, parse_uv_lock
from aispm.providers.code.deps.python_manifests import (
    parse_environment_yml,
    parse_pipfile,
    parse_pyproject,
    parse_setup_cfg,
)
from aispm.providers.code.deps.requirements import parse_requirements
from aispm.source import SourceContext, SourceResult

# --------------------------------------------------------------------------- the source

_EXACT = {"pyproject.toml", "poetry.lock", "uv.lock", "Pipfile", "Pipfile.lock", "setup.cfg",
          "environment.yml", "environment.yaml"}
_LOCKS = {"poetry.lock": parse_poetry_lock, "uv.lock": parse_uv_lock, "Pipfile.lock": parse_pipfile_lock}


class PythonDepsSource:
    """Python dependency manifests and lock files (see the module docstring)."""

    name = "python-deps"

    def claims(self, path: Path) -> bool:
        n = path.name
        if n in _EXACT:
            return True
        return n.endswith((".txt", ".in")) and (n.startswith("requirements") or path.parent.name == "requirements")

    def load(self, files: list[Path], ctx: SourceContext) -> SourceResult:
        return load_dependency_files(self.name, files, ctx, self._parse_manifest, self._parse_lock,
                                     lambda p: p.name in _LOCKS)

    @staticmethod
    def _parse_manifest(path: Path, text: str, ctx: SourceContext) -> Parsed:
        n = path.name
        if n == "pyproject.toml":
            return parse_pyproject(path, text, ctx)
        if n == "Pipfile":
            return parse_pipfile(path, text, ctx)
        if n == "setup.cfg":
            return parse_setup_cfg(path, text, ctx)
        if n in ("environment.yml", "environment.yaml"):
            return parse_environment_yml(path, text, ctx)
        return parse_requirements(path, ctx, text)

    @staticmethod
    def _parse_lock(path: Path, text: str, ctx: SourceContext, manifests: dict) -> Parsed:
        return _LOCKS[path.name](path, text, ctx, manifests)
