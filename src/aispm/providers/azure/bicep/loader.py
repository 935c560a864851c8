"""File access for the Bicep source: the parse cache, the target boundary, `load*Content`.

A `Loader` serves one `load` call: it parses each file once (a `Program`, or the
`BicepSyntaxError` / `ScanError` it gave) and reads files for `loadTextContent`,
`loadJsonContent`, `loadYamlContent` and `loadFileAsBase64` only inside the scanned target
(`inside` resolves symlinks and `..`) and under the size limit. A `Deployment` is what the
evaluation of one root file shares across its modules: the uid namespace, resources by
uid, and the errors. `loadYamlContent` parses with `yaml.safe_load`, which shares aliased
nodes (see the hostile-input notes).
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aispm.model import ScanError, Unknown
from aispm.providers.azure.arm.functions.values import index
from aispm.providers.azure.bicep import syntax
from aispm.providers.azure.bicep.parser import parse
from aispm.source import SourceContext, read_text

if TYPE_CHECKING:
    from aispm.providers.azure.bicep.instances import ResourceInstance


class Deployment:
    """What the evaluation of one root `.bicep` file shares across its modules."""

    def __init__(self, source: "Loader", root_rel: str) -> None:
        self.loader = source
        self.ctx = source.ctx
        self.root_rel = root_rel
        self.by_uid: dict[str, ResourceInstance] = {}
        self.errors: list[ScanError] = []


class Loader:
    """Parse cache and file access for one `load` call."""

    def __init__(self, ctx: SourceContext) -> None:
        self.ctx = ctx
        self.root = ctx.root.resolve()
        self.programs: dict[Path, Any] = {}  # path → Program | BicepSyntaxError | ScanError

    def inside(self, path: Path) -> bool:
        try:
            path.resolve().relative_to(self.root)
            return True
        except (ValueError, OSError):
            return False

    def program(self, path: Path) -> Any:
        key = path.resolve()
        got = self.programs.get(key)
        if got is None:
            text, err = read_text(path, self.ctx)
            if err is not None:
                got = err
            else:
                try:
                    got = parse(text or "")
                except syntax.BicepSyntaxError as exc:
                    got = exc
            self.programs[key] = got
        return got

    def read_file(self, path: Path) -> bytes | Unknown:
        if not self.inside(path):
            return Unknown(f"file {path.name} outside the scanned target")
        try:
            if path.stat().st_size > self.ctx.max_file_size:
                return Unknown(f"file {path.name} too large")
            return path.read_bytes()
        except OSError as exc:
            return Unknown(f"cannot read {path.name}: {exc.strerror or exc}")


def load_content(loader: Loader, directory: Path, low: str, args: list) -> Any:
    """`loadTextContent` / `loadJsonContent` / `loadYamlContent` / `loadFileAsBase64` (`low`, lowercased)
    of a path relative to `directory`: the content, or an Unknown that says why not."""
    if not args or not isinstance(args[0], str):
        return args[0] if args and isinstance(args[0], Unknown) else Unknown(f"{low}(): path")
    data = loader.read_file(directory / args[0])
    if isinstance(data, Unknown):
        return data
    if low == "loadfileasbase64":
        return base64.b64encode(data).decode("ascii")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return Unknown(f"{args[0]} is not UTF-8")
    if low == "loadtextcontent":
        return text
    try:
        if low == "loadjsoncontent":
            value = json.loads(text)
        else:
            import yaml

            value = yaml.safe_load(text)
    except Exception as exc:  # noqa: BLE001 - any parse error makes the value unknown
        return Unknown(f"{args[0]} does not parse: {exc}")
    if len(args) > 1 and isinstance(args[1], str):
        value = _json_path(value, args[1])
    return value


def _json_path(value: Any, path: str) -> Any:
    """The simple JSONPath subset `$.a.b[0]` that `loadJsonContent` users write."""
    import re

    p = path.strip()
    if p.startswith("$"):
        p = p[1:]
    for m in re.finditer(r"\.([A-Za-z0-9_\-]+)|\[(\d+)\]|\['([^']*)'\]", p):
        key: Any = m.group(1) or m.group(3)
        if m.group(2) is not None:
            key = int(m.group(2))
        value = index(value, key)
        if isinstance(value, Unknown):
            return value
    return value
