"""File access for the Bicep source: the parse cache, the target boundary, `load*Content`.

A `Loader` serves one `load` call: it parses each file once (a `Program`, or the
`BicepSyntaxError` / `ScanError` it gave) and reads files for `loadTextContent`,
`loadJsonContent`, `loadYamlContent` and `loadFileAsBase64` only inside the scanned target
(`inside` resolves symlinks and `..`) and under the size limit. A `Deployment` is what the
evaluation of one root file shares across its modules: the uid namespace, resources by
uid, the errors, the imported templates (each built once), and the `Budget` all of it spends
(`arm.functions.budget`), with the count of resource and module instances
(`instances_total`). Loaded content is held to the budgets: text to `string_length`, JSON
and YAML to `depth` before they are parsed, YAML aliases to `yaml_aliases` and what they
expand to to `collection_size` (`azd.load_yaml`), so a "billion laughs" is an `Unknown`.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aispm.limits import BudgetExceeded
from aispm.model import ScanError, Unknown
from aispm.providers.azure.arm.document import STRING, TooDeep, check_depth
from aispm.providers.azure.arm.functions.budget import Budget
from aispm.providers.azure.arm.functions.values import index
from aispm.providers.azure.azd import YamlBudget, load_yaml
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
        self._error_keys: set[tuple[str, int | None, str]] = set()
        self.budget = Budget(source.ctx.limits, root_rel)
        self.instances = 0  # resource and module instances made (`instances_total`)
        self.call_depth = 0  # user-defined function calls in progress, across templates (`depth`)
        self.full = False
        self.imports: dict[Path, Any] = {}  # resolved path → the imported file's Template, or None

    def error(self, rel: str, line: int | None, message: str) -> None:
        """A scan error, once (a loop of module calls may meet the same one many times)."""
        key = (rel, line, message)
        if key not in self._error_keys:
            self._error_keys.add(key)
            self.errors.append(ScanError(rel, line, message))

    def room(self) -> bool:
        """Count one more resource or module instance; False (and the budget recorded once) when
        `instances_total` is reached."""
        if self.full:
            return False
        limit = self.ctx.limits.instances_total
        if self.instances >= limit:
            self.full = True
            self.budget.hit(BudgetExceeded("instances_total", limit, "resource and module instances"))
            return False
        self.instances += 1
        return True


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
                    got = parse(text or "", self.ctx.limits)
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


def load_content(loader: Loader, directory: Path, low: str, args: list, budget: Budget) -> Any:
    """`loadTextContent` / `loadJsonContent` / `loadYamlContent` / `loadFileAsBase64` (`low`, lowercased)
    of a path relative to `directory`: the content, or an Unknown that says why not. Raises
    `BudgetExceeded` for content over a budget."""
    if not args or not isinstance(args[0], str):
        return args[0] if args and isinstance(args[0], Unknown) else Unknown(f"{low}(): path")
    if "\x00" in args[0]:
        return Unknown(f"{low}(): path")
    data = loader.read_file(directory / args[0])
    if isinstance(data, Unknown):
        return data
    shown = args[0][:200]
    if low == "loadfileasbase64":
        budget.string(len(data) * 4 // 3 + 4, f"{low}({shown})")
        return base64.b64encode(data).decode("ascii")
    budget.string(len(data), f"{low}({shown})")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return Unknown(f"{shown} is not UTF-8")
    if low == "loadtextcontent":
        return text
    limits = budget.limits
    try:
        if low == "loadjsoncontent":
            check_depth(STRING.sub('""', text), limits.depth)
            value = json.loads(text)
        else:
            value = load_yaml(text, limits)
    except TooDeep as exc:
        raise BudgetExceeded("depth", limits.depth, f"{low}({shown})") from exc
    except YamlBudget as exc:
        raise exc.budget from None
    except Exception as exc:  # noqa: BLE001 - any parse error makes the value unknown
        return Unknown(f"{shown} does not parse: {type(exc).__name__}")
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
            if len(m.group(2)) > 18:
                return Unknown(f"index {m.group(2)[:20]}… out of range")
            key = int(m.group(2))
        value = index(value, key)
        if isinstance(value, Unknown):
            return value
    return value
