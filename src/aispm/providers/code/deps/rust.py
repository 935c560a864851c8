"""Rust crates → one `library` asset per dependency of `Cargo.toml` / package of `Cargo.lock`.

Claimed by file name: `Cargo.toml`, `Cargo.lock` (not the copies `cargo vendor` and `cargo package` write).

- **Cargo.toml** (`tomllib`): `[dependencies]`, `[dev-dependencies]` (scope dev),
  `[build-dependencies]` (runtime: build scripts run at build time), the same tables under
  `[target.'cfg(...)'.…]`, and `[workspace.dependencies]`. A requirement is a Cargo range (`1.2` means
  `^1.2`), kept as `version_range`; `package = "real-name"` renames are followed; `path` and `git`
  dependencies have no registry version (their source is recorded); `workspace = true` takes the
  workspace's entry when the same file declares it.
- **Cargo.lock** wins over the manifest beside it: exact versions, and `direct` for the packages a
  workspace member (a package without `source`) depends on; the members themselves are not
  dependencies. Packages from git or a path keep their version but say where they come from.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from aispm.model import ScanError
from aispm.providers.code.deps.common import Dep, Parsed, load_dependency_files, propagate_scopes
from aispm.providers.code.deps.documents import UNDECODABLE, decode, wrong_type
from aispm.providers.code.deps.python_locks import toml_package_lines
from aispm.providers.code.deps.python_manifests import TextLines
from aispm.source import SourceContext, SourceResult

ECO = "crates.io"
_TABLES = (("dependencies", "runtime"), ("dev-dependencies", "dev"), ("build-dependencies", "runtime"))


def _dep(name: str, spec: Any, path: Path, line: int, scope: str, workspace: dict) -> Dep | str:
    """One dependency, or why it is not one."""
    if isinstance(spec, str):
        return Dep(name=name, line=line, file=path, ecosystem=ECO, scope=scope, version_range=spec.strip())
    if not isinstance(spec, dict):
        return f"`{name}` is neither a version string nor a table"
    if spec.get("workspace") is True:
        ws = workspace.get(name)
        if ws is None:
            d = Dep(name=name, line=line, file=path, ecosystem=ECO, scope=scope)
            d.extra["version_unknown"] = "inherited from the workspace's Cargo.toml"
            return d
        merged = {**(ws if isinstance(ws, dict) else {"version": ws}), **{k: v for k, v in spec.items() if k != "workspace"}}
        spec = merged
    real = spec.get("package") if isinstance(spec.get("package"), str) else name
    d = Dep(name=real, line=line, file=path, ecosystem=ECO, scope=scope)
    if spec.get("optional") is True and scope == "runtime":
        d.scope = "optional"
    if isinstance(spec.get("git"), str):
        d.url = spec["git"]
    elif isinstance(spec.get("path"), str) and not isinstance(spec.get("version"), str):
        d.url = spec["path"]
    elif isinstance(spec.get("version"), str):
        d.version_range = spec["version"].strip()
    else:
        d.version_range = "*"
    if real != name:
        d.extra["renamed_as"] = name
    return d


def parse_cargo_toml(path: Path, text: str, ctx: SourceContext) -> Parsed:
    parsed = Parsed(path, "manifest", "cargo")
    rel = ctx.rel(path)
    data = decode(parsed, text, rel, "toml", ctx.limits)
    if data is UNDECODABLE:
        return parsed
    where = TextLines(text)
    ws = data.get("workspace") if isinstance(data.get("workspace"), dict) else {}
    ws_deps = ws.get("dependencies") if isinstance(ws.get("dependencies"), dict) else {}
    sections: list[tuple[str, Any, str]] = [(f"{t}", data.get(t), s) for t, s in _TABLES]
    targets = data.get("target")
    if isinstance(targets, dict):
        for cfg, body in targets.items():
            if isinstance(body, dict):
                sections += [(f"target.{cfg}.{t}", body.get(t), s) for t, s in _TABLES]
    sections.append(("workspace.dependencies", ws_deps or None, "runtime"))
    for header, table, scope in sections:
        if table is None:
            continue
        if not isinstance(table, dict):
            wrong_type(parsed, rel, None, f"[{header}]", table, "a table")
            continue
        start = where.table_line(header)
        for name, spec in table.items():
            line = None
            if start is not None:
                line = where.key_line(name, start + 1)
            if line is None:
                sub = where.table_line(f"{header}.{name}")
                line = sub + 1 if sub is not None else where.find_line(name, 0, 1)
            d = _dep(name, spec, path, line, scope, ws_deps)
            if isinstance(d, str):
                parsed.errors.append(ScanError(rel, line, f"{d}; skipped"))
                continue
            if header.startswith("target."):
                d.extra["target"] = header.split(".")[1]
            parsed.deps.append(d)
    return parsed


_NAME_VERSION = re.compile(r"^(\S+)(?: (\S+))?(?: \(.*\))?$")


def parse_cargo_lock(path: Path, text: str, ctx: SourceContext, manifests: dict) -> Parsed:
    parsed = Parsed(path, "lock", "cargo")
    rel = ctx.rel(path)
    data = decode(parsed, text, rel, "toml", ctx.limits)
    if data is UNDECODABLE:
        return parsed
    packages = data.get("package", [])
    if not isinstance(packages, list):
        wrong_type(parsed, rel, None, "`package`", packages, "an array of tables")
        return parsed
    lines = toml_package_lines(text)
    entries: list[tuple[int, dict]] = []
    by_name: dict[str, list[int]] = {}
    for i, p in enumerate(packages):
        if not isinstance(p, dict) or not isinstance(p.get("name"), str) or not isinstance(p.get("version"), str):
            parsed.errors.append(ScanError(rel, lines[i] if i < len(lines) else None,
                                           "a [[package]] without a name and a version; skipped"))
            continue
        entries.append((i, p))
        by_name.setdefault(p["name"], []).append(i)

    def edges(i: int) -> list[int]:
        out = []
        for ref in packages[i].get("dependencies") or ():
            m = _NAME_VERSION.match(ref) if isinstance(ref, str) else None
            if not m:
                continue
            cands = by_name.get(m.group(1), [])
            if m.group(2):
                cands = [c for c in cands if packages[c].get("version") == m.group(2)]
            out += cands[:1]
        return out

    members = [i for i, p in entries if "source" not in p]
    direct = {j for i in members for j in edges(i)}

    def root_scope(j: int) -> str:
        entry = manifests.get((ECO, packages[j]["name"]))
        return entry.scope if entry is not None else "runtime"

    # scope: the best scope of a direct dependency (as the manifest beside the lock declares it) that
    # reaches the package; a package no member reaches keeps runtime and says so
    reach = propagate_scopes([(j, root_scope(j)) for j in direct], edges) if members else {}
    for i, p in entries:
        if "source" not in p:
            continue  # a workspace member: the project itself
        d = Dep(name=p["name"], line=lines[i] if i < len(lines) else 1, file=path, ecosystem=ECO,
                version=p["version"], scope=reach.get(i, "runtime"), direct=(i in direct) if members else None)
        src = str(p.get("source", ""))
        if not src.startswith("registry+"):
            d.extra["source"] = src
        if members and i not in reach:
            d.extra["reachable"] = False
        parsed.deps.append(d)
    return parsed


class RustDepsSource:
    """Cargo manifests and lock files (see the module docstring)."""

    name = "rust-deps"

    def claims(self, path: Path) -> bool:
        if path.name not in ("Cargo.toml", "Cargo.lock"):
            return False
        # a crate vendored by `cargo vendor` (`.cargo-checksum.json`) or packaged by `cargo package`
        # (`Cargo.toml.orig`) is a dependency's copy, not the project's manifest
        return not (path.parent / ".cargo-checksum.json").exists() and not (path.parent / "Cargo.toml.orig").exists()

    def load(self, files: list[Path], ctx: SourceContext) -> SourceResult:
        return load_dependency_files(self.name, files, ctx, parse_cargo_toml, parse_cargo_lock,
                                     lambda p: p.name == "Cargo.lock")
