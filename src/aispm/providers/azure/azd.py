"""Azure Developer CLI projects (`azure.yaml`): which code folder runs on which Azure resource.

`azure.yaml` names each service, the folder of its code (`project`) and where it is
hosted (`host: appservice | containerapp | function | aks | staticwebapp`); azd finds
the resource by its `azd-service-name` tag. That is the code-to-cloud link the
security graph needs to say "the web app runs this code, which installs that
vulnerable library and holds that key": this source emits one `code-project` asset
per service; `aispm.providers.code.link` joins it to the tagged resource and to what was found
in its folder. The project path is recorded as written, never read here.

The YAML is read by `load_yaml`, which the Bicep source's `loadYamlContent` shares: the
pure-Python parser's event stream (no recursion, no native code) is walked first, and a
document that nests deeper than `Limits.depth`, uses more than `yaml_aliases` aliases, or
whose aliases expand to more than `collection_size` elements (a "billion laughs") is
refused before any Python object is built; only then is it composed (with lines) and
constructed with the safe constructor (no tags that build objects). A refused or invalid
file is one error; a value that is not a string where azd wants one (`host`, `language`)
is an `Unknown`.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import yaml

from aispm.limits import DEFAULT, BudgetExceeded, Limits
from aispm.model import Asset, Kind, ScanError, Unknown
from aispm.source import SourceContext, SourceResult, declared_uid, make_origin, readable

FORMAT = "azd"

_OPEN = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSE = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


class YamlBudget(Exception):
    """A YAML document over a budget (`budget`), refused before it is built; `line` where."""

    def __init__(self, budget: BudgetExceeded, line: int | None) -> None:
        self.budget, self.line = budget, line
        super().__init__(budget.reason())


def check_yaml(text: str, limits: Limits = DEFAULT) -> None:
    """Raise `YamlBudget` when a YAML text nests deeper than `limits.depth`, has more than
    `limits.yaml_aliases` aliases, or expands (aliases resolved) to more than
    `limits.collection_size` elements; `yaml.YAMLError` when it does not parse. Walks the
    event stream of the pure-Python parser, which keeps its own stack: nothing recurses."""
    loader = yaml.SafeLoader(text)
    max_n = limits.collection_size
    try:
        sizes: dict[str, int] = {}  # anchor → elements its node expands to
        stack: list[list[Any]] = []  # open collections: [elements so far, anchor]
        total = aliases = 0
        while loader.check_event():
            ev = loader.get_event()
            if isinstance(ev, _OPEN):
                if len(stack) >= limits.depth:
                    raise YamlBudget(BudgetExceeded("depth", limits.depth, "YAML nesting"), _line(ev))
                stack.append([1, ev.anchor])
                continue
            if isinstance(ev, _CLOSE):
                n, anchor = stack.pop()
            elif isinstance(ev, yaml.ScalarEvent):
                n, anchor = 1, ev.anchor
            elif isinstance(ev, yaml.AliasEvent):
                aliases += 1
                if aliases > limits.yaml_aliases:
                    raise YamlBudget(BudgetExceeded("yaml_aliases", limits.yaml_aliases, "YAML aliases"), _line(ev))
                n, anchor = sizes.get(ev.anchor, 1), None
            else:
                continue
            if anchor is not None:
                sizes[anchor] = n
            if stack:
                stack[-1][0] += n
                grown = stack[-1][0]
            else:
                total += n
                grown = total
            if grown > max_n:
                raise YamlBudget(BudgetExceeded("collection_size", max_n, "elements the YAML aliases expand to"),
                                 _line(ev))
    finally:
        loader.dispose()


def _line(ev: Any) -> int | None:
    mark = getattr(ev, "start_mark", None)
    return mark.line + 1 if mark is not None else None


def load_yaml(text: str, limits: Limits = DEFAULT, *, with_node: bool = False) -> Any:
    """The one document of a YAML text, checked first (`check_yaml`); with `with_node`, the pair
    (document, composed node) so that a caller can read lines. Raises `YamlBudget` or
    `yaml.YAMLError` (or, for a value the safe constructor refuses, `ValueError`)."""
    check_yaml(text, limits)
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        doc = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return (doc, node) if with_node else doc


def json_value(value: Any) -> Any:
    """A YAML value as JSON has it: dates as ISO text, binary as text, sets as lists (the
    document is already bounded by `check_yaml`, so this walk is too)."""
    if isinstance(value, dict):
        return {k if isinstance(k, str) else str(k): json_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [json_value(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value


class AzdSource:
    """`azure.yaml` / `azure.yml`: one `code-project` asset per service."""

    name = "azd"

    def claims(self, path: Path) -> bool:
        return path.name in ("azure.yaml", "azure.yml")

    def load(self, files: list[Path], ctx: SourceContext) -> SourceResult:
        result = SourceResult()
        for path, text in readable(files, ctx, result):
            assets, error = transform(text, ctx.rel(path), ctx.limits)
            result.assets.extend(assets)
            if error is not None:
                result.errors.append(error)
        return result


def _service_lines(node: Any) -> dict[str, int]:
    """Line of each service key: yaml's composer keeps marks, the plain loader does not."""
    lines: dict[str, int] = {}
    if not isinstance(node, yaml.MappingNode):
        return lines
    for key, value in node.value:
        if key.value == "services" and isinstance(value, yaml.MappingNode):
            for skey, _ in value.value:
                if isinstance(skey, yaml.ScalarNode):
                    lines[str(skey.value)] = skey.start_mark.line + 1
    return lines


def transform(text: str, rel_file: str, limits: Limits = DEFAULT) -> tuple[list[Asset], ScanError | None]:
    """The `code-project` assets of one `azure.yaml`, or the error that stopped it."""
    try:
        doc, node = load_yaml(text, limits, with_node=True)
        lines = _service_lines(node)
    except YamlBudget as exc:
        return [], ScanError(rel_file, exc.line, f"YAML not read: {exc.budget.reason()}")
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or type(exc).__name__
        return [], ScanError(rel_file, mark.line + 1 if mark else None, f"invalid YAML: {problem}")
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        return [], ScanError(rel_file, None, f"invalid YAML: {type(exc).__name__}")
    if not isinstance(doc, dict) or not isinstance(doc.get("services"), dict):
        return [], None
    base = Path(rel_file).parent
    assets = []
    for service, spec in doc["services"].items():
        if isinstance(spec, dict):
            assets.append(_service_asset(str(service), spec, base, rel_file, lines.get(str(service), 1)))
    return assets, None


def _text(spec: dict, key: str) -> Any:
    """A setting azd reads as a string: as written, or an Unknown when it is not a string."""
    v = spec.get(key)
    if v is None or isinstance(v, str):
        return v
    return Unknown(f"{key} is a YAML {type(v).__name__}, not a string")


def _service_asset(service: str, spec: dict, base: Path, rel_file: str, line: int) -> Asset:
    """One service: its code folder (relative to the scanned target) and where azd hosts it."""
    project = str(spec.get("project", "."))
    folder = (base / project).as_posix()
    folder = str(Path(folder)) if folder not in ("", ".") else "."
    address = f"service.{service}"
    return Asset(
        uid=declared_uid(FORMAT, rel_file, address),
        provider="code",
        type="code-project",
        name=service,
        origin=make_origin(FORMAT, rel_file, line, address),
        properties={
            "service": service,
            "project": Path(folder).as_posix(),
            "host": _text(spec, "host"),
            "language": _text(spec, "language"),
            "docker": bool(spec.get("docker")),
        },
        kind=Kind.OTHER,
    )
