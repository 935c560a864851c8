"""The config file: `.aispm.yaml`, found upward from the first path target, or `--config PATH`.

It holds what a team would otherwise repeat on every command line: frameworks, rules to run or
skip (wildcards, advisory ids), `fail-on`, the `severity` shown, paths to `exclude`, output
defaults (`format`, `output`), `limits` (the budgets of `aispm.limits`), `soft-fail`, the
`compliance` frameworks to report coverage of, and
`suppressions` (entries as in a suppression file). The search goes from the target's folder up
to the version-control work tree that holds it (inclusive) and stops there: a config above the
repository is not the repository's. A `.aispm-suppressions.yaml` is found the same way.

Read with the project's YAML reader (`formats.yaml_lines`, within the default budgets). A key this
module does not know, or a value of the wrong type, is a `ConfigError` naming the file, line and
key: a misspelt `skip-rule` that silently skipped nothing would mislead the run. Relative paths in
the file (`output`, `exclude`) are relative to the file's folder, and a report path must stay inside
it (a config in a scanned pull request must not make CI write over files elsewhere). What a command line sets
overrides the file (`aispm.triage.cli` gives the file's values to click as option defaults).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aispm.compliance import FRAMEWORK_IDS
from aispm.confine import work_tree
from aispm.limits import Limits
from aispm.model import Severity
from aispm.triage.suppress import MAX_FILE_BYTES, Suppression, SuppressionFileError, entries_from

CONFIG_NAME = ".aispm.yaml"
SUPPRESSIONS_NAME = ".aispm-suppressions.yaml"


class ConfigError(ValueError):
    """A config file that cannot be used as written; the message names file, line and key."""


def _strings(v: Any) -> bool:
    return isinstance(v, list) and all(isinstance(x, str) and x.strip() for x in v)


def _string(v: Any) -> bool:
    return isinstance(v, str) and bool(v.strip())


def _severity(v: Any) -> bool:
    try:
        Severity.parse(v)
        return True
    except (ValueError, AttributeError):
        return False


def _limits(v: Any) -> bool:
    return isinstance(v, dict) and all(str(k).replace("-", "_") in Limits.names() and isinstance(n, int)
                                       and not isinstance(n, bool) and n >= 1 for k, n in v.items())


#: Every key a config may have: (what its value must be, how the error says it).
KEYS: dict[str, tuple[Any, str]] = {
    "frameworks": (_strings, "a list of input kinds (see `aispm scan --help`)"),
    "rules": (_strings, "a list of rule ids, advisory ids or wildcards"),
    "skip-rules": (_strings, "a list of rule ids, advisory ids or wildcards"),
    "fail-on": (_severity, "one of critical, high, medium, low, info"),
    "severity": (_severity, "one of critical, high, medium, low, info"),
    "exclude": (_strings, "a list of path globs"),
    "format": (lambda v: _string(v) or _strings(v), "a report format, or a list of them"),
    "output": (_string, "a file path"),
    "limits": (_limits, f"a mapping of budgets ({', '.join(Limits.names())}) to whole numbers >= 1"),
    "soft-fail": (lambda v: isinstance(v, bool), "true or false"),
    "compliance": (lambda v: _strings(v) and all(x in FRAMEWORK_IDS for x in v),
                   "a list of compliance frameworks (`aispm scan --help` lists them)"),
    "suppressions": (lambda v: isinstance(v, list), "a list of suppression entries"),
}


@dataclass
class Config:
    """A config file as read: its path (None: no file), its values by key, the suppressions it
    lists, and the lines of its keys (for messages)."""

    path: Path | None = None
    values: dict[str, Any] = field(default_factory=dict)
    suppressions: list[Suppression] = field(default_factory=list)

    @property
    def folder(self) -> Path | None:
        return self.path.parent if self.path is not None else None

    def excludes(self) -> tuple[str, ...]:
        return tuple(self.values.get("exclude") or ())


def find_upward(start: Path, name: str) -> Path | None:
    """`name` in `start`'s folder or above, up to the work tree that holds `start` (inclusive);
    outside a work tree only `start`'s own folder is looked at."""
    folder = start if start.is_dir() else start.parent
    folder = folder.resolve()
    top = work_tree(folder)
    for d in (folder, *folder.parents):
        candidate = d / name
        if candidate.is_file():
            return candidate
        if top is None or d == top:
            break
    return None


def load(path: Path) -> Config:
    """Read and check one config file."""
    from aispm.formats.located import DocError
    from aispm.formats.yaml_lines import parse_yaml

    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ConfigError(f"{path}: over {MAX_FILE_BYTES // 1048576} MB; not a config file")
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the config file: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        docs = parse_yaml(text)
    except DocError as exc:
        raise ConfigError(f"{path}:{exc.line or 1}: the config file is not valid YAML: {exc.message}") from None
    if len(docs) > 1:
        raise ConfigError(f"{path}: the config file has {len(docs)} YAML documents; it must have one")
    doc = docs[0] if docs else None
    if doc is None:
        return Config(path=path)
    if not isinstance(doc, dict):
        raise ConfigError(f"{path}: the config file must be a mapping of settings")
    lines = getattr(doc, "key_lines", {})
    values: dict[str, Any] = {}
    for key, value in doc.items():
        at = f"{path}:{lines.get(key, 1)}"
        if key not in KEYS:
            raise ConfigError(f"{at}: unknown key {str(key)!r} in the config file "
                              f"(known: {', '.join(sorted(KEYS))})")
        check, expected = KEYS[key]
        if not check(value):
            raise ConfigError(f"{at}: `{key}` must be {expected}")
        values[key] = value
    for key in ("output", *(("format",) if isinstance(values.get("format"), (str, list)) else ())):
        _check_inside(path, key, values.get(key), lines.get(key, 1))
    try:
        suppressions = entries_from(values.pop("suppressions", None), str(path))
    except SuppressionFileError as exc:
        raise ConfigError(str(exc)) from None
    return Config(path=path, values=values, suppressions=suppressions)


def _check_inside(path: Path, key: str, value: Any, line: int) -> None:
    """A report path a config file names stays inside the config's folder: a config found in a
    scanned repository (a pull request's) must not make CI write over files elsewhere."""
    if value is None:
        return
    specs = [value] if isinstance(value, str) else list(value)
    for spec in specs:
        target = spec if key == "output" else spec.partition("=")[2]
        if not target:
            continue
        folder = os.path.realpath(path.parent)
        real = os.path.realpath(os.path.join(folder, target))
        if not (real == folder or real.startswith(folder.rstrip(os.sep) + os.sep)):
            raise ConfigError(f"{path}:{line}: `{key}` writes outside the config file's folder ({target!r}); "
                              "name such a path on the command line instead")


def discover(targets: list[Any], explicit: Path | None) -> Config:
    """The config of a scan: `explicit` (`--config`), else the first `.aispm.yaml` upward from the
    first path target; an empty `Config` when there is none."""
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(f"{explicit}: config file not found")
        return load(explicit)
    start = first_path(targets)
    if start is None:
        return Config()
    found = find_upward(start, CONFIG_NAME)
    return load(found) if found is not None else Config()


def first_path(targets: list[Any]) -> Path | None:
    """The first target that is a path that exists (live targets have no folder)."""
    for t in targets or ():
        if isinstance(t, Path) and t.exists():
            return t
    return None
