"""The `app-config` source: model and deployment names in an application's configuration files.

Apps name the model they call in configuration rather than code: `appsettings.json` (.NET, comments
allowed), `local.settings.json` (Azure Functions), `.ini` / `.cfg`, `.yaml` / `.yml` (app config, Compose
and Kubernetes `env` lists), `.properties` (Spring AI: `spring.ai.openai.chat.options.model=gpt-4o`) and `.env`
files. A value is a `model` asset when its key path says it holds a
model (`model_ids.ai_key`: `AzureOpenAI:ChatDeployment`, `[llm] model`, `OPENAI_MODEL`, an env entry
`{name: AZURE_OPENAI_DEPLOYMENT, value: ...}`) and the value has the shape of a published model id
(`model_ids.is_model_id`); anything else stays a string. The service comes from the id's own prefix
(`openai:`, a Bedrock id) or from the words of its key path (`AzureOpenAI` → Azure OpenAI); each model is
one asset per file, with `declared_as` (the key path) and the line where it is written.

Files are read only when a cheap pre-filter (`model_ids.mentions_model_id`, built from the same tables as
`is_model_id`) finds where a model id may begin in them, parsed with the shared readers within the scan's
budgets (depth, YAML aliases), and read at most `Limits.collection_size` values (keys, list items) per file,
in time linear in the file: beyond that the file's first values count and a warning names the budget.
A JSON settings file that does not parse is one entry of `errors`; a YAML, INI or `.env` file that
does not parse is left to the sources whose format it is (Kubernetes, CloudFormation, Compose, secrets),
since a Helm template or a shell fragment is not bad input for this one.
"""

from __future__ import annotations

import configparser
import re
from pathlib import Path
from typing import Any, Iterator

from aispm.formats.depth import TooDeep
from aispm.formats.jsonc import parse_jsonc
from aispm.formats.located import DocError, LDict, LList
from aispm.formats.yaml_lines import parse_yaml
from aispm.limits import BudgetExceeded
from aispm.model import ScanError
from aispm.providers.code.analysis import Collector
from aispm.providers.code.isolate import one_file
from aispm.providers.code.model_ids import ai_key, is_model_id, mentions_model_id, service_of_keys, split
from aispm.source import SourceContext, SourceResult, readable

FORMAT = "app-config"

_JSON_NAMES = re.compile(r"^(?:appsettings(?:\.[\w-]+)?|local\.settings)\.json$", re.IGNORECASE)
_SUFFIXES = frozenset({".ini", ".cfg", ".yaml", ".yml", ".properties"})


def _walk(node: Any, path: str, line: int, budget: list[int], depth: int = 0) -> Iterator[tuple[str, Any, int]]:
    """(key path, scalar, line) of every scalar under a parsed document, each node spending one of `budget`
    (the walk stops when it is spent); an env entry `{name: X, value: v}` is the key `X`."""
    budget[0] -= 1
    if budget[0] < 0 or depth > 64:
        return
    if isinstance(node, dict):
        if isinstance(node.get("name"), str) and "value" in node and not isinstance(node["value"], (dict, list)):
            ln = node.line_of("value") if isinstance(node, LDict) else line
            yield f"{path}.{node['name']}" if path else node["name"], node["value"], ln
            return
        for k, v in node.items():
            ln = node.line_of(k) if isinstance(node, LDict) else line
            yield from _walk(v, f"{path}.{k}" if path else str(k), ln, budget, depth + 1)
            if budget[0] < 0:
                return
    elif isinstance(node, list):
        lines = node.item_lines if isinstance(node, LList) else []
        for i, v in enumerate(node):
            yield from _walk(v, path, lines[i] if i < len(lines) else line, budget, depth + 1)
            if budget[0] < 0:
                return
    else:
        yield path, node, line


def _ini_lines(text: str, cp: configparser.ConfigParser) -> dict[tuple[str, str], int]:
    """(section, key) → the line where the key is first written, in one pass over the text (configparser
    keeps no lines); continuation lines (indented under a key) and comments are skipped as configparser does."""
    at: dict[tuple[str, str], int] = {}
    section, in_value, indent = cp.default_section, False, 0
    for i, raw in enumerate(text.split("\n"), 1):
        value = raw.strip()
        if not value or value[0] in "#;":
            continue
        level = len(raw) - len(raw.lstrip())
        if in_value and level > indent:
            continue
        indent = level
        if m := cp.SECTCRE.match(value):
            section, in_value = m.group("header"), False
        elif m := cp.OPTCRE.match(value):
            at.setdefault((section, cp.optionxform(m.group("option").rstrip())), i)
            in_value = True
    return at


def _ini(text: str, budget: list[int]) -> Iterator[tuple[str, Any, int]]:
    cp = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        cp.read_string(text)
    except configparser.Error:
        return
    lines = _ini_lines(text, cp)
    default = cp.default_section
    for section in cp.sections():
        for key, value in cp.items(section, raw=True):  # with the [DEFAULT] keys, as configparser reads them
            budget[0] -= 1
            if budget[0] < 0:
                return
            at = lines.get((section, key)) or lines.get((default, key)) or 1
            yield f"{section}.{key}", value.strip().strip("'\""), at


_ENV_LINE = re.compile(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*[=:]\s*(.*?)\s*$")


def _dotenv(text: str, budget: list[int]) -> Iterator[tuple[str, Any, int]]:
    for i, ln in enumerate(text.split("\n"), 1):
        m = _ENV_LINE.match(ln)
        if m and not ln.lstrip().startswith("#"):
            budget[0] -= 1
            if budget[0] < 0:
                return
            yield m.group(1), m.group(2).split(" #", 1)[0].strip().strip("'\""), i


class AppConfigSource:
    """Model names in application configuration files (appsettings.json, .ini, .yaml, .env)."""

    name = "app-config"

    claims_by_name = True  # `claims` reads the file's name alone (`aispm.source.Source`)

    def claims(self, path: Path) -> bool:
        n = path.name
        return bool(_JSON_NAMES.match(n)) or path.suffix.lower() in _SUFFIXES or n.startswith(".env")

    def load(self, files: list[Path], ctx: SourceContext) -> SourceResult:
        result = SourceResult()
        for path, text in readable(files, ctx, result):
            if not mentions_model_id(text):
                continue
            rel = ctx.rel(path)
            with one_file(result.errors, rel, self.name):
                self._one(path, text, rel, ctx, result)
        return result

    def _one(self, path: Path, text: str, rel: str, ctx: SourceContext, result: SourceResult) -> None:
        budget = [ctx.limits.collection_size]
        n = path.name
        entries: Iterator[tuple[str, Any, int]]
        if _JSON_NAMES.match(n):
            try:
                doc = parse_jsonc(text, ctx.limits.depth)
            except (DocError, TooDeep) as exc:
                result.errors.append(ScanError(rel, getattr(exc, "line", None), f"settings file not read: {exc}"))
                return
            entries = _walk(doc, "", 1, budget)
        elif path.suffix.lower() in (".yaml", ".yml"):
            try:
                docs = parse_yaml(text, ctx.limits)
            except (DocError, TooDeep):
                return  # a template or another tool's YAML: its own source judges it
            entries = (e for d in docs for e in _walk(d, "", 1, budget))
        elif path.suffix.lower() in (".ini", ".cfg"):
            entries = _ini(text, budget)
        else:
            entries = _dotenv(text, budget)
        col = Collector(FORMAT, rel)
        for key, value, line in entries:
            if isinstance(value, str) and ai_key(key) and is_model_id(value):
                model, service = split(value)
                col.model(line, model, "app-config", service or service_of_keys(key), None, declared_as=key)
        result.assets.extend(col.assets)
        if budget[0] < 0:
            cap = ctx.limits.collection_size
            result.budget(rel, None, BudgetExceeded("collection_size", cap, f"values in {n}; the first {cap:,} were read"))
