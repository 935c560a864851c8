"""Python lock files: `poetry.lock`, `uv.lock` and `Pipfile.lock`, one `Dep` per locked package with its
exact version.

Scope comes from the lock itself where it says (Poetry's `category` / `groups`, Pipfile.lock's
`develop` section); for `uv.lock` it is propagated from the project's own entries through the
dependency graph, and a package that the project does not reach has an unknown scope. Whether a
package is direct is told by the manifests beside the lock (the load step's merge) or, for `uv.lock`,
by the project entry's own dependencies. Lines: the `name =` line of each `[[package]]` block, or the
key's line in JSON.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from aispm.formats.jsonc import json_key_lines
from aispm.model import ScanError, Unknown
from aispm.providers.code.deps.common import Dep, Parsed, propagate_scopes
from aispm.providers.code.deps.documents import UNDECODABLE, decode, wrong_type
from aispm.providers.code.deps.requirements import pep503
from aispm.source import SourceContext


def toml_package_lines(text: str) -> list[int]:
    """The line of `name = ...` in each `[[package]]` block, in order."""
    out: list[int] = []
    lines = text.splitlines()
    in_block = False
    header = 0
    for i, ln in enumerate(lines, 1):
        s = ln.strip()
        if s == "[[package]]":
            if in_block:
                out.append(header)
            in_block, header = True, i
            continue
        if in_block and s.startswith("name") and re.match(r"name\s*=", s):
            out.append(i)
            in_block = False
    if in_block:
        out.append(header)
    return out


def parse_poetry_lock(path: Path, text: str, ctx: SourceContext, manifests: dict) -> Parsed:
    parsed = Parsed(path, "lock", "poetry.lock")
    rel = ctx.rel(path)
    data = decode(parsed, text, rel, "toml", ctx.limits)
    if data is UNDECODABLE:
        return parsed
    packages = _package_list(parsed, rel, data)
    lines = toml_package_lines(text)
    for i, pkg in enumerate(packages):
        if not isinstance(pkg, dict) or not isinstance(pkg.get("name"), str):
            _not_a_package(parsed, rel, lines[i] if i < len(lines) else None)
            continue
        groups = pkg.get("groups")
        if pkg.get("category") == "dev" or (isinstance(groups, list) and groups and "main" not in groups):
            scope = "dev"
        elif pkg.get("optional") is True:
            scope = "optional"
        else:
            scope = "runtime"
        d = Dep(name=pep503(pkg["name"]), line=lines[i] if i < len(lines) else 1, file=path, ecosystem="PyPI",
                version=_version(pkg.get("version")), scope=scope)
        src = pkg.get("source")
        if isinstance(src, dict) and src.get("type") in ("git", "url", "file", "directory") \
                and isinstance(src.get("url"), str):
            d.url = src["url"]
            if src.get("type") == "git" and isinstance(src.get("resolved_reference"), str):
                d.url = f"git+{src['url']}@{src['resolved_reference']}"
        parsed.deps.append(d)
    return parsed


def _version(v: Any) -> str | None:
    """A locked version as TOML writes it (a string; a bare number is read as written)."""
    if isinstance(v, str):
        return v or None
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return str(v)
    return None


def _package_list(parsed: Parsed, rel: str, data: dict) -> list:
    """The `[[package]]` array of a TOML lock (an error, and none, when `package` is something else)."""
    packages = data.get("package")
    if packages is None:
        return []
    if not isinstance(packages, list):
        wrong_type(parsed, rel, None, "`package`", packages, "an array of tables ([[package]])")
        return []
    return packages


def _not_a_package(parsed: Parsed, rel: str, line: int | None) -> None:
    parsed.errors.append(ScanError(rel, line, "a [[package]] entry without a `name` string; skipped"))


def parse_uv_lock(path: Path, text: str, ctx: SourceContext, manifests: dict) -> Parsed:
    parsed = Parsed(path, "lock", "uv.lock")
    rel = ctx.rel(path)
    data = decode(parsed, text, rel, "toml", ctx.limits)
    if data is UNDECODABLE:
        return parsed
    all_lines = toml_package_lines(text)
    packages, lines = [], []
    for i, p in enumerate(_package_list(parsed, rel, data)):
        if isinstance(p, dict) and isinstance(p.get("name"), str):
            packages.append(p)
            lines.append(all_lines[i] if i < len(all_lines) else 1)
        else:
            _not_a_package(parsed, rel, all_lines[i] if i < len(all_lines) else None)
    by_name: dict[str, list[int]] = {}
    for i, p in enumerate(packages):
        by_name.setdefault(pep503(p["name"]), []).append(i)

    def is_root(p: dict) -> bool:
        src = p.get("source")
        return isinstance(src, dict) and ("editable" in src or "virtual" in src)

    def groups(p: dict, key: str) -> dict:
        g = p.get(key)
        return g if isinstance(g, dict) else {}

    def targets(entries: Any) -> list[int]:
        """The packages a dependency list names, with the extras they ask for followed to the
        packages those extras add (iteratively: an extra may name its own package again)."""
        out: list[int] = []
        todo = [entries]
        followed: set[tuple[int, str]] = set()
        while todo:
            items = todo.pop()
            for e in items if isinstance(items, list) else []:
                if not isinstance(e, dict) or not isinstance(e.get("name"), str):
                    continue
                cands = by_name.get(pep503(e["name"]), [])
                if "version" in e:
                    cands = [c for c in cands if str(packages[c].get("version")) == str(e["version"])] or cands
                extras = e.get("extra")
                for c in cands:
                    out.append(c)
                    for extra in extras if isinstance(extras, list) else []:
                        if isinstance(extra, str) and (c, extra) not in followed:
                            followed.add((c, extra))
                            todo.append(groups(packages[c], "optional-dependencies").get(extra))
        return out

    roots: list[tuple[int, str]] = []
    direct: set[int] = set()
    for p in packages:
        if not is_root(p):
            continue
        for t in targets(p.get("dependencies")):
            roots.append((t, "runtime"))
        for items in groups(p, "optional-dependencies").values():
            roots.extend((t, "optional") for t in targets(items))
        for items in groups(p, "dev-dependencies").values():
            roots.extend((t, "dev") for t in targets(items))
    direct = {t for t, _ in roots}
    has_roots = any(is_root(p) for p in packages)
    scopes = propagate_scopes(roots, lambda i: targets(packages[i].get("dependencies")))
    for i, p in enumerate(packages):
        if is_root(p):
            continue
        if has_roots:
            scope: str | Unknown = scopes.get(i, Unknown("not reachable from the project in uv.lock"))
        else:
            scope = Unknown("uv.lock has no project package to tell scope from")
        d = Dep(name=pep503(p["name"]), line=lines[i], file=path, ecosystem="PyPI",
                version=_version(p.get("version")), scope=scope,
                direct=(i in direct) if has_roots else None)
        src = p.get("source")
        if isinstance(src, dict):
            for k in ("git", "url", "path", "directory"):
                if isinstance(src.get(k), str):
                    d.url = src[k] if k != "git" else f"git+{src[k]}"
        parsed.deps.append(d)
    return parsed


def parse_pipfile_lock(path: Path, text: str, ctx: SourceContext, manifests: dict) -> Parsed:
    parsed = Parsed(path, "lock", "pipfile.lock")
    rel = ctx.rel(path)
    data = decode(parsed, text, rel, "json", ctx.limits)
    if data is UNDECODABLE:
        return parsed
    if not isinstance(data, dict):
        parsed.errors.append(ScanError(rel, 1, "Pipfile.lock is not a JSON object"))
        parsed.ok = False
        return parsed
    key_lines = json_key_lines(text, max_depth=2)
    for section, scope in (("default", "runtime"), ("develop", "dev")):
        table = data.get(section)
        if table is None:
            continue
        if not isinstance(table, dict):
            wrong_type(parsed, rel, key_lines.get((section,)), f"`{section}`", table, "an object of package → entry")
            continue
        for name, entry in table.items():
            if not isinstance(entry, dict):
                wrong_type(parsed, rel, key_lines.get((section, name), 1), f"`{section}` entry", entry, "an object")
                continue
            ver = entry.get("version")
            version = ver[2:] if isinstance(ver, str) and ver.startswith("==") else None
            d = Dep(name=pep503(name), line=key_lines.get((section, name), 1), file=path, ecosystem="PyPI",
                    version=version, scope=scope,
                    markers=entry.get("markers") if isinstance(entry.get("markers"), str) else None,
                    extras=_extras(entry.get("extras")))
            for k in ("git", "path", "file"):
                if isinstance(entry.get(k), str):
                    d.url = entry[k] if k != "git" else f"git+{entry[k]}" + (f"@{entry['ref']}" if entry.get("ref") else "")
                    d.version = None
            parsed.deps.append(d)
    return parsed


def _extras(value: Any) -> tuple[str, ...]:
    return tuple(x for x in value if isinstance(x, str)) if isinstance(value, list) else ()
