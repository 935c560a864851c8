"""Constants imported from other files of the project: a symbol table per scan, filled on demand.

Apps keep their model and deployment names in a `config.py` / `settings.py` and import them where the
client is called (`from .config import CHAT_MODEL`, `from app.settings import settings`, `import config`
then `config.MODEL`). The Python code source builds one `ProjectSymbols` per scan from the paths of the
`*.py` files it was given (module names only: nothing is read up front) and gives each analysed file a
`ModuleImports`: a mapping of the names its `from ... import` / `import` statements bind to files of the
project. A name is resolved only when the walker needs its value, and then only that name of that module:
the imported file is read once (within the scan's roots and file-size limit) and parsed once, and its
module-level constants, dict / list displays, settings classes and their instances are resolved with the
same rules as in the file itself (`python_walker`), following its own imports of the project.

Bounded: at most `Limits.collection_size` values are resolved per scan (then names stay unknown), chains of
imports are followed at most `MAX_CHAIN` files deep, a cycle ends as an unknown, and a file that cannot be
read or parsed exports nothing. Names from installed packages (anything not a file of the scan) are left
alone: they are SDK classes, resolved by the catalogue.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any, Iterator

from aispm.formats.depth import TooDeep, recursion_room
from aispm.model import Unknown
from aispm.providers.code.analysis import Collector, Env
from aispm.source import SourceContext, read_text

#: imported files followed from one name (`a` imports from `b` that imports from `c` ...)
MAX_CHAIN = 4
_NOT_FOUND = object()


def module_names(rel: str) -> list[str]:
    """The dotted names a file may be imported by: every suffix of its path (`src/app/config.py` →
    `src.app.config`, `app.config`, `config`); a package's `__init__.py` is the package."""
    parts = rel[:-3].split("/") if rel.endswith(".py") else rel.split("/")
    if parts and parts[-1] == "__init__":
        parts = parts[:-1]
    return [".".join(parts[i:]) for i in range(len(parts))] if parts else []


class ProjectSymbols:
    """The project's Python modules by name, and the values of their module-level names, once each."""

    def __init__(self, files: list[Path], ctx: SourceContext) -> None:
        self.ctx = ctx
        self.left = ctx.limits.collection_size
        self.files = {f.resolve() if not f.is_absolute() else f for f in files}
        self.by_name: dict[str, Path | None] = {}  # None: more than one file has that name
        for f in files:
            for name in module_names(ctx.rel(f)):
                self.by_name[name] = f if self.by_name.get(name, f) == f else None
        self.walkers: dict[Path, Any] = {}
        self.busy: set[tuple[Path, str]] = set()

    # ---- finding files
    def module_file(self, importer: Path, module: str | None, level: int) -> Path | None:
        """The project file `from <module> import ...` (with `level` leading dots) names, or None."""
        if level:
            base = importer.parent
            for _ in range(level - 1):
                base = base.parent
            parts = module.split(".") if module else []
            for cand in (base.joinpath(*parts).with_suffix(".py") if parts else None,
                         base.joinpath(*parts, "__init__.py")):
                if cand is not None and cand in self.files:
                    return cand
            return None
        return self.by_name.get(module or "")

    def imports_of(self, importer: Path, tree: ast.Module) -> "ModuleImports":
        """What the file's imports bind to project files: name → (file, name in it), or (file, None) for a
        module bound as a whole (`import config`, `from . import settings`)."""
        table: dict[str, tuple[Path, str | None]] = {}
        for node in _imports(tree):
            if isinstance(node, ast.ImportFrom):
                target = self.module_file(importer, node.module, node.level)
                for a in node.names:
                    if a.name == "*":
                        continue
                    sub = self.module_file(importer, f"{node.module}.{a.name}" if node.module else a.name,
                                           node.level)
                    if sub is not None:  # `from app import config`: a module
                        table[a.asname or a.name] = (sub, None)
                    elif target is not None:
                        table[a.asname or a.name] = (target, a.name)
            else:
                for a in node.names:
                    f = self.by_name.get(a.name)
                    if f is not None and (a.asname or "." not in a.name):
                        table[a.asname or a.name] = (f, None)
        return ModuleImports(self, table, 0)

    # ---- values
    def value(self, path: Path, name: str | None, chain: int) -> Any:
        """The resolved value of `name` in `path` (a module as a whole when `name` is None: a lazy mapping of
        its names), or `_NOT_FOUND`."""
        if name is None:
            return ModuleNamespace(self, path, chain)
        key = (path, name)
        if key in self.busy or chain > MAX_CHAIN or self.left <= 0:
            return Unknown(f"{name} imported from {self.ctx.rel(path)}: not followed (import cycle or budget)")
        w = self._walker(path, chain)
        if w is None:
            return _NOT_FOUND
        self.busy.add(key)
        try:
            with recursion_room(w.max_depth):
                return self._materialise(w, ast.Name(id=name, ctx=ast.Load()), 0)
        except (RecursionError, TooDeep):
            return _NOT_FOUND
        finally:
            self.busy.discard(key)

    def _walker(self, path: Path, chain: int) -> Any:
        if path in self.walkers:
            return self.walkers[path]
        from aispm.providers.code.python_walker import PythonWalker  # the walker imports this module's users

        self.walkers[path] = None
        text, err = read_text(path, self.ctx)
        if text is None or err is not None:
            return None
        try:
            tree = ast.parse(text)
            w = PythonWalker(tree, Collector("python-code", self.ctx.rel(path)), self.ctx.limits.depth,
                             foreign=ModuleImports(self, self.imports_of(path, tree).table, chain + 1),
                             collection_size=self.ctx.limits.collection_size)
        except (SyntaxError, ValueError, RecursionError, MemoryError, TooDeep):
            return None
        self.walkers[path] = w
        return w

    def _materialise(self, w: Any, node: Any, depth: int) -> Any:
        """A member as a plain value: a string, number, `Env`, `Unknown`, or a dict / list of them."""
        self.left -= 1
        if self.left <= 0 or depth > 8:
            return Unknown("budget exceeded: collection_size (values imported from other files)")
        if not isinstance(node, ast.AST):
            return node
        if isinstance(node, ast.Name) and node.id not in w.consts and node.id not in w.literals \
                and node.id not in w.classes and node.id not in w.instances:
            found = w.foreign.get(node.id, _NOT_FOUND)
            if found is _NOT_FOUND:
                return _NOT_FOUND
            return found
        c = w.container(node, depth)
        if isinstance(c, dict):
            return {k: self._materialise(w, v, depth + 1) for k, v in c.items()}
        if isinstance(c, list):
            return [self._materialise(w, v, depth + 1) for v in c]
        v = w.value(node)
        return v if isinstance(v, (str, int, float, bool, Env, Unknown)) else Unknown("not a literal")


class ModuleImports:
    """The names one file imports from files of the project, resolved when first read."""

    def __init__(self, symbols: ProjectSymbols, table: dict[str, tuple[Path, str | None]], chain: int) -> None:
        self.symbols = symbols
        self.table = table
        self.chain = chain
        self.cache: dict[str, Any] = {}

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name in self.table and self._get(name) is not _NOT_FOUND

    def __getitem__(self, name: str) -> Any:
        v = self._get(name)
        if v is _NOT_FOUND:
            raise KeyError(name)
        return v

    def get(self, name: str, default: Any = None) -> Any:
        v = self._get(name) if name in self.table else _NOT_FOUND
        return default if v is _NOT_FOUND else v

    def _get(self, name: str) -> Any:
        if name not in self.cache:
            path, attr = self.table[name]
            self.cache[name] = self.symbols.value(path, attr, self.chain)
        return self.cache[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.table)


class ModuleNamespace(dict):  # type: ignore[type-arg]
    """A module imported whole (`import config`): its names, each resolved when first read."""

    def __init__(self, symbols: ProjectSymbols, path: Path, chain: int) -> None:
        super().__init__()
        self.symbols, self.path, self.chain = symbols, path, chain

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.get(name, _NOT_FOUND) is not _NOT_FOUND

    def __getitem__(self, name: str) -> Any:
        v = self.get(name, _NOT_FOUND)
        if v is _NOT_FOUND:
            raise KeyError(name)
        return v

    def get(self, name: Any, default: Any = None) -> Any:  # type: ignore[override]
        if not isinstance(name, str):
            return default
        if not dict.__contains__(self, name):
            dict.__setitem__(self, name, self.symbols.value(self.path, name, self.chain + 1))
        v = dict.__getitem__(self, name)
        return default if v is _NOT_FOUND else v


def _imports(tree: ast.Module) -> Iterator[ast.Import | ast.ImportFrom]:
    """The module's imports, at its top level and in `if` / `try` blocks there (`try: from .local import X`)."""
    stack: list[ast.stmt] = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        elif isinstance(node, (ast.If, ast.Try)):
            stack.extend(node.body + node.orelse + getattr(node, "finalbody", []))
            for h in getattr(node, "handlers", []):
                stack.extend(h.body)
