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

Registry modules (`registry.py`) are read from outside the target — the Bicep module cache or
the modules aispm ships — so a file may be read under another `base` root than the target:
confined to that root (symlinks resolved) and to the size limit like any other. The loader
resolves each reference once per scan of a target, finds module aliases in the nearest
`bicepconfig.json`, and keeps the warnings for what it could not resolve, each once.
"""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from aispm.confine import OUTSIDE, real_file
from aispm.confine import inside as inside_roots
from aispm.formats.jsonc import load_json
from aispm.formats.located import DocError
from aispm.limits import BudgetExceeded
from aispm.model import ScanError, Unknown
from aispm.providers.azure.arm.document import STRING, TooDeep, check_depth, parse_json
from aispm.providers.azure.arm.functions.budget import Budget
from aispm.providers.azure.arm.functions.values import index
from aispm.providers.azure.azd import YamlBudget, load_yaml
from aispm.providers.azure.bicep import registry, syntax
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
        # path → Program | BicepSyntaxError | ScanError; ("json", path) → Document | ScanError
        self.programs: dict[Path | tuple[str, Path], Any] = {}
        self.warnings: list[str] = []  # registry modules not resolved, or resolved to another version
        self._warned: set[str] = set()
        self._aliases: dict[Path, dict] = {}  # folder → module aliases of its nearest bicepconfig.json
        self._resolved: dict[tuple, Any] = {}  # (aliases, reference) → registry.Resolved | reason
        self._real: dict[Path, Path] = {}  # path → its resolved path (`real`)

    def real(self, path: Path) -> Path:
        """`path.resolve()`, once per path and load. Module calls, imports and aliases resolve the
        same few files again and again: on the public Bicep registry's 2,361 files `resolve` ran
        tens of thousands of times, each an `lstat` of every folder on the way, a tenth of the
        source's time. The files do not move during a scan."""
        got = self._real.get(path)
        if got is None:
            got = self._real[path] = Path(real_file(os.path.abspath(path)))
        return got

    def inside(self, path: Path, base: Path | None = None) -> bool:
        """Whether `path` (symlinks resolved) is under `base`, by default the scanned target."""
        try:
            self.real(path).relative_to(base or self.root)
            return True
        except (ValueError, OSError):
            return False

    def program(self, path: Path, base: Path | None = None, shown: str | None = None) -> Any:
        """The parsed file (once per load), read from the scan's roots, or confined to `base`
        (a registry module's root, outside the target) and named `shown` in errors."""
        def parsed(text: str) -> Any:
            try:
                return parse(text, self.ctx.limits)
            except syntax.BicepSyntaxError as exc:
                return exc

        return self._read_once(self.real(path), path, base, shown, parsed)

    def arm_document(self, path: Path, base: Path | None, shown: str) -> Any:
        """A compiled ARM template (a registry module in the cache, a `main.json` beside a
        template), parsed once per load: its `Document`, or the `ScanError` saying why not."""
        def document(text: str) -> Any:
            try:
                return parse_json(text, self.ctx.limits.depth)
            except (ValueError, TooDeep, RecursionError) as exc:
                return ScanError(shown, getattr(exc, "lineno", None), f"invalid JSON: {type(exc).__name__}")

        return self._read_once(("json", self.real(path)), path, base, shown, document)

    def _read_once(self, key: Path | tuple[str, Path], path: Path, base: Path | None, shown: str | None,
                   parse_text: Callable[[str], Any]) -> Any:
        """What `parse_text` makes of the file, once per load (cached under `key`): read from the scan's roots,
        or confined to `base` and named `shown` in errors; a file that cannot be read gives its `ScanError`."""
        got = self.programs.get(key)
        if got is None:
            text, err = read_text(path, self.ctx) if base is None else self._read_under(path, base, shown)
            got = err if err is not None else parse_text(text or "")
            self.programs[key] = got
        return got

    def _read_under(self, path: Path, base: Path, shown: str | None) -> tuple[str | None, ScanError | None]:
        """A registry module's file, read only under its root `base` and the size limit."""
        name = shown or path.name
        try:
            if not inside_roots(os.path.realpath(path), (os.path.realpath(base),)):
                return None, ScanError(name, None, OUTSIDE)
            if path.stat().st_size > self.ctx.max_file_size:
                return None, ScanError(name, None, "registry module file over the size limit; not read")
            return path.read_bytes().decode("utf-8-sig"), None
        except OSError as exc:
            return None, ScanError(name, None, f"cannot read registry module file: {exc.strerror or exc}")
        except UnicodeDecodeError:
            return None, ScanError(name, None, "registry module file is not valid UTF-8")

    def read_file(self, path: Path, base: Path | None = None) -> bytes | Unknown:
        if not self.inside(path, base):
            return Unknown(f"file {path.name} outside the scanned target")
        try:
            if path.stat().st_size > self.ctx.max_file_size:
                return Unknown(f"file {path.name} too large")
            return path.read_bytes()
        except OSError as exc:
            return Unknown(f"cannot read {path.name}: {exc.strerror or exc}")

    def warn(self, text: str) -> None:
        """A warning, once per load (a module called from many files or loops meets it often)."""
        if text not in self._warned:
            self._warned.add(text)
            self.warnings.append(text)

    def aliases(self, directory: Path) -> dict:
        """The `br/<alias>:` module aliases a template in `directory` sees: Bicep's built-in ones,
        overridden by `moduleAliases.br` of the nearest `bicepconfig.json` up to the target's root
        (a registry module's own folder has none of its own)."""
        key = self.real(directory)
        got = self._aliases.get(key)
        if got is None:
            got = registry.BUILTIN_ALIASES
            if self.inside(key):
                config = key / "bicepconfig.json"
                if config.is_file():
                    got = self._config_aliases(config)
                elif key != self.root:
                    got = self.aliases(key.parent)
            self._aliases[key] = got
        return got

    def _config_aliases(self, config: Path) -> dict:
        text, err = read_text(config, self.ctx)
        if err is not None:
            return registry.BUILTIN_ALIASES
        try:
            doc = load_json(text or "", self.ctx.limits.depth)
        except DocError:
            try:  # bicepconfig.json may have comments
                from aispm.formats.jsonc import parse_jsonc

                doc = parse_jsonc(text or "", self.ctx.limits.depth)
            except DocError:
                return registry.BUILTIN_ALIASES
        return registry.aliases_from_config(doc)

    def resolve(self, directory: Path, text: str, source: bool = False) -> Any:
        """Where the registry module `text`, called (or imported, `source`) from a template in
        `directory`, is read (`registry.Resolved`), or why it is not (a string, empty when it is
        just not available offline); once per alias table and reference."""
        aliases = self.aliases(directory)
        key = (id(aliases), text, source)
        got = self._resolved.get(key)
        if got is None:
            ref = registry.parse_reference(text, aliases)
            got = ref if isinstance(ref, str) else (registry.resolve(ref, source=source) or "")
            self._resolved[key] = got
        return got


def load_content(loader: Loader, directory: Path, low: str, args: list, budget: Budget, base: Path | None = None) -> Any:
    """`loadTextContent` / `loadJsonContent` / `loadYamlContent` / `loadFileAsBase64` (`low`, lowercased)
    of a path relative to `directory`: the content, or an Unknown that says why not. Raises
    `BudgetExceeded` for content over a budget."""
    if not args or not isinstance(args[0], str):
        return args[0] if args and isinstance(args[0], Unknown) else Unknown(f"{low}(): path")
    if "\x00" in args[0]:
        return Unknown(f"{low}(): path")
    data = loader.read_file(directory / args[0], base)
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
