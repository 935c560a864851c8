"""Azure Developer CLI projects (`azure.yaml`): which code folder runs on which Azure resource.

`azure.yaml` names each service, the folder of its code (`project`) and where it is
hosted (`host: appservice | containerapp | function | aks | staticwebapp`); azd finds
the resource by its `azd-service-name` tag. That is the code-to-cloud link the
security graph needs to say "the web app runs this code, which installs that
vulnerable library and holds that key": this source emits one `code-project` asset
per service; `aispm.providers.code.link` joins it to the tagged resource and to what was found
in its folder. The project path is recorded as written, never read here.

The YAML is read by `load_yaml`, which the Bicep source's `loadYamlContent` shares, through the
project's one YAML reader (`aispm.formats.yaml_lines`, composed by `aispm.formats.yaml_safe` from the
parser's event stream without recursion): a document that nests deeper than `Limits.depth`, uses
more than `yaml_aliases` aliases, or whose aliases expand to more than `collection_size` elements
(a "billion laughs") is refused before any Python object is built (`YamlBudget`), and what is
built is built by the safe constructor (no tags that build objects). A refused or invalid file is
one error; a value that is not a string where azd wants one (`host`, `language`; a YAML date too)
is an `Unknown`.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from aispm.formats.depth import TooDeep
from aispm.formats.located import DocError, LDict
from aispm.formats.yaml_lines import parse_yaml
from aispm.formats.yaml_safe import OverBudget
from aispm.limits import DEFAULT, BudgetExceeded, Limits
from aispm.model import Asset, Kind, ScanError, Unknown
from aispm.source import SourceContext, SourceResult, declared_uid, make_origin, readable

FORMAT = "azd"


class YamlBudget(Exception):
    """A YAML document over a budget (`budget`), refused before it is built; `line` where."""

    def __init__(self, budget: BudgetExceeded, line: int | None) -> None:
        self.budget, self.line = budget, line
        super().__init__(budget.reason())


def load_yaml(text: str, limits: Limits = DEFAULT) -> Any:
    """The one document of a YAML text (mappings as `LDict`, which know their lines), read by
    `aispm.formats.yaml_lines` with timestamps as dates. Raises `YamlBudget` for a document over a
    budget, `DocError` for one that does not parse."""
    try:
        docs = parse_yaml(text, limits, dates=True)
    except TooDeep as exc:
        raise YamlBudget(BudgetExceeded("depth", limits.depth, "YAML nesting"), exc.line) from None
    except OverBudget as exc:
        raise YamlBudget(exc.budget, exc.line) from None
    if len(docs) > 1:
        raise DocError(None, "invalid YAML: expected a single document in the stream, found more")
    return docs[0] if docs else None


def json_value(value: Any) -> Any:
    """A YAML value as JSON has it: dates as ISO text, binary as text, sets as lists (the
    document is already bounded by `load_yaml`, so this walk is too)."""
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

    claims_by_name = True  # `claims` reads the file's name alone (`aispm.source.Source`)

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


def transform(text: str, rel_file: str, limits: Limits = DEFAULT) -> tuple[list[Asset], ScanError | None]:
    """The `code-project` assets of one `azure.yaml`, or the error that stopped it."""
    try:
        doc = load_yaml(text, limits)
    except YamlBudget as exc:
        return [], ScanError(rel_file, exc.line, f"YAML not read: {exc.budget.reason()}")
    except DocError as exc:
        return [], ScanError(rel_file, exc.line, exc.message)
    if not isinstance(doc, dict) or not isinstance(doc.get("services"), dict):
        return [], None
    services = doc["services"]
    base = Path(rel_file).parent
    assets = []
    for service, spec in services.items():
        if isinstance(spec, dict):
            line = services.line_of(service) if isinstance(services, LDict) else 1
            assets.append(_service_asset(str(service), spec, base, rel_file, line))
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
