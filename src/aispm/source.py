"""The source interface: what every source shares: the context it runs in and the result it returns.

A source reads one kind of input and yields assets, relations and errors; it
never derives facts, never evaluates rules and never prints. Its shape follows
Cartography's intel modules: `get` (read and parse files) → `transform` (pure
functions from parsed documents to assets) → `load` (return a `SourceResult`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Protocol

from aispm.confine import OUTSIDE, inside, real_file
from aispm.limits import DEFAULT as DEFAULT_LIMITS
from aispm.limits import BudgetExceeded, Limits
from aispm.model import Asset, Origin, Relation, ScanError

DEFAULT_MAX_FILE_SIZE = 20 * 1024 * 1024
#: The platform a multi-platform artifact is read for, as `docker run` picks one on a common host.
DEFAULT_PLATFORM = "linux/amd64"


@dataclass
class SourceContext:
    """What a source may know about the scan it is part of."""

    root: Path  # the target directory (or the file's directory for a file target)
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    var_files: tuple[Path, ...] = ()  # extra Terraform *.tfvars given on the command line
    #: When a scan has several targets, each target's path from their common folder (`a/`), so
    #: that `a/main.tf` and `b/main.tf` stay two files (and two uids); empty for one target.
    prefix: str = ""
    #: Real paths the scan may read under (`aispm.confine`); empty: no confinement.
    roots: tuple[str, ...] = ()
    limits: Limits = DEFAULT_LIMITS  # budgets for what one input may make a source do
    platform: str = DEFAULT_PLATFORM  # `os/arch[/variant]` to read from a multi-platform image (`--platform`)

    def outside(self, path: Path | str) -> bool:
        """Whether reading `path` would leave the scan's roots (a symlink or `..` reference).
        Called for every file read: a folder's real path is resolved once per context, and once per
        scan whichever context asks (`confine.real_folder`)."""
        if not self.roots:
            return False
        return not inside(real_file(os.fspath(path), self._real_dirs), self.roots)

    def rel(self, path: Path | str) -> str:
        """A file's path as reports show it: relative to the target (prefixed with the target's
        own path when the scan has several), with forward slashes (SARIF wants it).

        Called for every file and declaration, so the common case (a path under the
        target) is a string slice, not `os.path.relpath`."""
        text = os.fspath(path)
        cached = self._rel_cache.get(text)
        if cached is not None:
            return cached
        root = self._root_text
        if text.startswith(root) and len(text) > len(root) and text[len(root)] == os.sep and ".." not in text:
            rel = text[len(root) + 1:].replace(os.sep, "/")
        else:
            try:
                rel = Path(os.path.relpath(text, self.root)).as_posix()
            except ValueError:
                rel = Path(text).as_posix()
        rel = self.prefix + rel
        self._rel_cache[text] = rel
        return rel

    def path_of(self, rel: str) -> Path:
        """The file a path from `rel()` names (its inverse)."""
        if self.prefix and rel.startswith(self.prefix):
            rel = rel[len(self.prefix):]
        return self.root / rel

    def __post_init__(self) -> None:
        self._root_text = os.fspath(self.root).rstrip(os.sep) or os.sep
        self._rel_cache: dict[str, str] = {}
        self._real_dirs: dict[str, str] = {}


@dataclass
class SourceResult:
    assets: list[Asset] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    errors: list[ScanError] = field(default_factory=list)
    files: int = 0  # how many files this source read
    #: Budgets that were hit (`aispm.limits`): `file:line: budget exceeded: ...`. The scan went on
    #: with an unknown value there; a warning, not an error, since the file was read.
    warnings: list[str] = field(default_factory=list)
    #: Where cloud data came from, for live collectors and snapshot sources: one dict per target or
    #: snapshot (`kind` live | snapshot, `target`, cloud, scopes read, identity without secrets, when).
    provenance: list[dict] = field(default_factory=list)
    #: What a snapshot's live scan could not read (`aispm.live.context.Gap`), for the report's `gaps`.
    gaps: list = field(default_factory=list)

    def extend(self, other: "SourceResult") -> None:
        self.assets.extend(other.assets)
        self.relations.extend(other.relations)
        self.errors.extend(other.errors)
        self.files += other.files
        self.warnings.extend(other.warnings)
        self.provenance.extend(other.provenance)
        self.gaps.extend(g for g in other.gaps if g not in self.gaps)

    def budget(self, rel: str, line: int | None, exc: "BudgetExceeded") -> None:
        """Record a budget hit once per file and budget (a loop may hit it many times)."""
        text = f"{rel}{':' + str(line) if line else ''}: {exc.reason()}"
        key = (rel, exc.budget)
        if key not in self._budget_keys:
            self._budget_keys.add(key)
            self.warnings.append(text)

    def __post_init__(self) -> None:
        self._budget_keys: set[tuple[str, str]] = set()


class Source(Protocol):
    """One input kind. `claims` must be cheap: it is called on every file of the tree.

    A source whose `claims` reads nothing but the file's name (its suffix included) says so with a
    class attribute `claims_by_name = True`: the scan then asks it once per distinct name, not once
    per file (a tree of thousands of files has a few dozen names: `main.tf`, `variables.tf`...)."""

    name: str

    def claims(self, path: Path) -> bool: ...

    def load(self, files: list[Path], ctx: SourceContext) -> SourceResult: ...


def declared_uid(fmt: str, rel_file: str, address: str) -> str:
    """The uid of a resource declared in IaC: unique in a scan, stable across runs."""
    return f"{fmt}:{rel_file}:{address}"


def make_origin(fmt: str, rel_file: str, line: int, address: str, end_line: int | None = None) -> Origin:
    return Origin(file=rel_file, line=line, address=address, end_line=end_line, format=fmt)


def read_text(path: Path, ctx: SourceContext) -> tuple[str | None, ScanError | None]:
    """Read a file as UTF-8 text, refusing what is too big or not text.

    Returns the text or a `ScanError` that names the file and says what to do.
    """
    rel = ctx.rel(path)
    if ctx.outside(path):
        return None, ScanError(rel, None, OUTSIDE)
    try:
        size = path.stat().st_size
    except OSError as exc:
        return None, ScanError(rel, None, f"cannot read file: {exc.strerror or exc}")
    if size > ctx.max_file_size:
        return None, ScanError(
            rel,
            None,
            f"file skipped: {size / 1048576:.1f} MB is over the {ctx.max_file_size / 1048576:.0f} MB limit "
            "(raise it with --max-file-size)",
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, ScanError(rel, None, f"cannot read file: {exc.strerror or exc}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, ScanError(rel, line, f"file is not valid UTF-8 (byte {exc.start}): {exc.reason}")
    return text, None


def readable(files: Iterable[Path], ctx: SourceContext, result: SourceResult) -> Iterator[tuple[Path, str]]:
    """Each file with its text. A file that cannot be read becomes an error in `result`
    (and the loop goes on); a file that can counts in `result.files`."""
    for path in files:
        text, err = read_text(path, ctx)
        if err is not None:
            result.errors.append(err)
            continue
        result.files += 1
        yield path, text or ""
