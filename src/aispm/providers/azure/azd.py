"""Azure Developer CLI projects (`azure.yaml`): which code folder runs on which Azure resource.

`azure.yaml` names each service, the folder of its code (`project`) and where it is
hosted (`host: appservice | containerapp | function | aks | staticwebapp`); azd finds
the resource by its `azd-service-name` tag. That is the code-to-cloud link the
security graph needs to say "the web app runs this code, which installs that
vulnerable library and holds that key": this source emits one `code-project` asset
per service; `aispm.providers.code.link` joins it to the tagged resource and to what was found
in its folder. The YAML is read with `safe_load` (no tags that build objects); the project
path is recorded as written, never read here.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from aispm.model import Asset, Kind, ScanError
from aispm.source import SourceContext, SourceResult, declared_uid, make_origin, readable

FORMAT = "azd"


class AzdSource:
    """`azure.yaml` / `azure.yml`: one `code-project` asset per service."""

    name = "azd"

    def claims(self, path: Path) -> bool:
        return path.name in ("azure.yaml", "azure.yml")

    def load(self, files: list[Path], ctx: SourceContext) -> SourceResult:
        result = SourceResult()
        for path, text in readable(files, ctx, result):
            assets, error = transform(text, ctx.rel(path))
            result.assets.extend(assets)
            if error is not None:
                result.errors.append(error)
        return result


def _service_lines(text: str) -> dict[str, int]:
    """Line of each service key: yaml's composer keeps marks, the plain loader does not."""
    lines: dict[str, int] = {}
    node = yaml.compose(text)
    if not isinstance(node, yaml.MappingNode):
        return lines
    for key, value in node.value:
        if key.value == "services" and isinstance(value, yaml.MappingNode):
            for skey, _ in value.value:
                lines[str(skey.value)] = skey.start_mark.line + 1
    return lines


def transform(text: str, rel_file: str) -> tuple[list[Asset], ScanError | None]:
    """The `code-project` assets of one `azure.yaml`, or the YAML error that stopped it."""
    try:
        doc = yaml.safe_load(text)
        lines = _service_lines(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return [], ScanError(rel_file, mark.line + 1 if mark else None, f"invalid YAML: {exc}")
    if not isinstance(doc, dict) or not isinstance(doc.get("services"), dict):
        return [], None
    base = Path(rel_file).parent
    assets = []
    for service, spec in doc["services"].items():
        if isinstance(spec, dict):
            assets.append(_service_asset(str(service), spec, base, rel_file, lines.get(str(service), 1)))
    return assets, None


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
            # Taken as written: a YAML alias here is kept whole (see the hostile-input notes).
            "host": spec.get("host"),
            "language": spec.get("language"),
            "docker": bool(spec.get("docker")),
        },
        kind=Kind.OTHER,
    )
