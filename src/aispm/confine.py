"""Confinement: a scan reads only inside its roots.

aispm is pointed at repositories nobody on the security team wrote. A symlink in such a tree
(`shadow.tf -> /etc/shadow`, `ci.env -> /proc/self/environ`, `rootfs -> /`), a module source, a
linked template or an include that climbs out with `..` would otherwise make the scan read files
outside what it was asked to scan — and quote them in a report that, in CI on an untrusted pull
request, the request's author can read.

The roots of a scan are its targets, each widened to the version-control work tree that holds it
(so `infra/prod` may use `../modules`, as monorepos do), and any folder the user names explicitly
(`--allow-root`). Paths are compared by their real path (symlinks resolved), so a link is judged
by where it leads, not by where it sits.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Iterable, Iterator, Sequence

#: What marks the top of a version-control work tree.
_VCS_MARKERS = (".git", ".hg", ".svn")


def work_tree(path: Path) -> Path | None:
    """The version-control work tree holding `path` (its real path), or None."""
    cur = Path(os.path.realpath(path))
    if cur.is_file():
        cur = cur.parent
    for d in (cur, *cur.parents):
        if any(os.path.lexists(d / m) for m in _VCS_MARKERS):
            return d
    return None


def scan_roots(targets: Sequence[str | Path], extra: Iterable[str | Path] = ()) -> tuple[str, ...]:
    """The real paths a scan may read under: each target (a file target's folder) or the work
    tree that holds it, plus `extra` roots the user allowed. Nested roots collapse into one."""
    roots: list[str] = []
    for t in targets:
        p = Path(t)
        base = p if p.is_dir() else p.parent
        tree = work_tree(base)
        roots.append(os.fspath(tree) if tree is not None else os.path.realpath(base))
    roots.extend(os.path.realpath(e) for e in extra)
    out: list[str] = []
    for r in sorted(set(roots), key=len):
        if not any(inside(r, (o,)) for o in out):
            out.append(r)
    return tuple(out)


def inside(real_path: str, roots: Sequence[str]) -> bool:
    """Whether a *real* path (symlinks already resolved) is one of `roots` or under one."""
    for r in roots:
        if real_path == r or real_path.startswith(r.rstrip(os.sep) + os.sep):
            return True
    return False


def leaves_roots(path: str | Path, roots: Sequence[str]) -> bool:
    """Whether reading `path` would read outside the roots (following every symlink on the way).
    No roots means no confinement (a source used on its own, outside a scan)."""
    if not roots:
        return False
    return not inside(os.path.realpath(path), roots)


#: Folder → its real path, while a scan runs (`remembered`); None outside one.
_REAL_FOLDERS: dict[str, str] | None = None


@contextlib.contextmanager
def remembered() -> Iterator[None]:
    """For the duration of a scan: each folder's real path is resolved once, whoever asks.

    `os.path.realpath` `lstat`s every component of a path, and every file a scan reads is checked
    against the roots by the real path of its folder; each source, the suppressions and the Terraform
    and Bicep loaders asked again for the same folders (a scan of the 5,000-resource benchmark corpus
    in one process made 40,000 `stat` calls, 31,000 with this).
    The files of a tree do not move while it is scanned; between scans they may, so the memory is
    the scan's and ends with it (a forked reader inherits what was resolved before it started)."""
    global _REAL_FOLDERS
    outer = _REAL_FOLDERS
    if _REAL_FOLDERS is None:
        _REAL_FOLDERS = {}
    try:
        yield
    finally:
        _REAL_FOLDERS = outer


def real_folder(path: str, cache: dict[str, str] | None = None) -> str:
    """`os.path.realpath` of a folder, from `cache` (a caller's own, filled here) or resolved once per
    scan (`remembered`)."""
    got = cache.get(path) if cache is not None else None
    if got is None:
        memo = _REAL_FOLDERS
        got = memo.get(path) if memo is not None else None
        if got is None:
            got = os.path.realpath(path)
            if memo is not None:
                memo[path] = got
        if cache is not None:
            cache[path] = got
    return got


def real_file(path: str, cache: dict[str, str] | None = None) -> str:
    """`os.path.realpath` of a file: its folder's real path (`real_folder`, with `cache`) and its name,
    unless the file itself is a symlink (then resolved whole)."""
    folder, name = os.path.split(path)
    if name in ("", ".", ".."):
        return real_folder(path, cache)
    if os.path.islink(path):
        return os.path.realpath(path)
    return os.path.join(real_folder(folder or ".", cache), name)


OUTSIDE = "outside the scanned roots (a symlink or a reference that leaves the target); not read"
