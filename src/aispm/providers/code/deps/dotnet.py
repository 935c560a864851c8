""".NET dependency manifests and lock files → one `library` asset per NuGet package.

Claimed by file name: `*.csproj`, `*.fsproj`, `*.vbproj` (SDK-style `PackageReference`),
`Directory.Packages.props` (central package management: `PackageVersion`, `GlobalPackageReference`),
`Directory.Build.props` (`PackageReference` items every project of the folder inherits),
`packages.config` (the legacy format: exact versions) and `packages.lock.json` (the lock file
`RestorePackagesWithLockFile` writes: exact versions, `Direct` / `Transitive`).

- XML is read through `defusedxml` (`xmltree`): no DTDs, no entities; nesting and element counts
  are bounded.
- A `PackageReference` takes its version from its `Version` attribute or element, else from
  `VersionOverride`, else from the nearest `Directory.Packages.props` at or above its folder, inside
  the scan's roots (central package management; above the target too, as MSBuild looks upward); `$(Property)` is resolved from the project's own
  `PropertyGroup`s and that props file, and stays unknown otherwise (the version is then unknown, and
  the asset says why). MSBuild is never run: conditions, imports and targets are not evaluated.
- A bare NuGet version (`1.2.3`) is a minimum, and restore takes the lowest version that satisfies
  it, so it is recorded as the version; a range (`[1.0,2.0)`, `1.*`) is kept as `version_range`.
- `packages.lock.json` wins over the project beside it (`common.merge_directory`): its `Direct`
  entries are direct, `Transitive` / `CentralTransitive` are not, `Project` references are skipped.
"""

from __future__ import annotations

import re
from pathlib import Path

from aispm.model import ScanError
from aispm.providers.code.deps.common import Dep, Parsed, load_dependency_files
from aispm.providers.code.deps.documents import UNDECODABLE, decode, wrong_type
from aispm.providers.code.deps.xmltree import Node, xml_root
from aispm.formats.jsonc import json_key_lines
from aispm.source import SourceContext, SourceResult, read_text

ECO = "NuGet"
_PROJECT_SUFFIXES = (".csproj", ".fsproj", ".vbproj")
_EXACT = {"Directory.Packages.props", "Directory.Build.props", "packages.config", "packages.lock.json"}
_PROP = re.compile(r"\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)")


def _properties(root: Node) -> dict[str, str]:
    props: dict[str, str] = {}
    for group in root.findall("PropertyGroup"):
        for p in group.children:
            props.setdefault(p.tag, p.text.strip())
    return props


def resolve(value: str | None, props: dict[str, str]) -> tuple[str | None, str | None]:
    """`(value with $(Property) resolved, why not)`; an unknown property leaves the value unknown."""
    if value is None:
        return None, None
    missing: list[str] = []

    def sub(m: re.Match) -> str:
        if m.group(1) in props and "$(" not in props[m.group(1)]:
            return props[m.group(1)]
        missing.append(m.group(1))
        return m.group(0)

    out = _PROP.sub(sub, value.strip())
    if missing:
        return None, f"the version comes from the MSBuild property $({missing[0]}), not set in this project"
    return out, None


def _version_fields(d: Dep, text: str | None) -> None:
    """A bare version is what restore takes (the lowest applicable); a range or float stays a range."""
    if not text:
        return
    if text[0] in "[(" or "*" in text:
        d.version_range = text
    else:
        d.version = text


class _Central:
    """The `Directory.Packages.props` files of the scan, by folder: versions for projects below."""

    def __init__(self) -> None:
        self.by_dir: dict[Path, tuple[dict[str, str], dict[str, str]]] = {}

    def add(self, path: Path, root: Node) -> None:
        props = _properties(root)
        versions = {}
        for group in root.findall("ItemGroup"):
            for item in group.findall("PackageVersion"):
                name = item.attrs.get("Include")
                if name:
                    versions[name.lower()] = item.attrs.get("Version") or item.child_text("Version") or ""
        self.by_dir[path.parent] = (versions, props)

    def for_project(self, path: Path) -> tuple[dict[str, str], dict[str, str]]:
        for parent in path.parents:
            hit = self.by_dir.get(parent)
            if hit is not None:
                return hit
        return {}, {}


def parse_project(path: Path, text: str, ctx: SourceContext, central: _Central) -> Parsed:
    """A project file, `Directory.Build.props` or `Directory.Packages.props`."""
    parsed = Parsed(path, "manifest", "dotnet")
    rel = ctx.rel(path)
    root = xml_root(parsed, text, rel, ctx)
    if root is None:
        return parsed
    cversions, cprops = central.for_project(path)
    props = {**cprops, **_properties(root)}
    tags = ("PackageReference", "GlobalPackageReference")
    for group in root.findall("ItemGroup"):
        for item in group.children:
            if item.tag not in tags:
                continue
            name = (item.attrs.get("Include") or "").strip()
            if not name:
                if not item.attrs.get("Update") and not item.attrs.get("Remove"):
                    parsed.errors.append(ScanError(rel, item.line, f"a {item.tag} without Include; skipped"))
                continue
            raw = item.attrs.get("Version") or item.child_text("Version") or item.attrs.get("VersionOverride") \
                or item.child_text("VersionOverride")
            source = None
            if not raw and name.lower() in cversions:
                raw, source = cversions[name.lower()], "Directory.Packages.props"
            version, why = resolve(raw, props)
            dev = (item.attrs.get("PrivateAssets") or item.child_text("PrivateAssets") or "").lower() == "all"
            d = Dep(name=name, line=item.line, file=path, ecosystem=ECO, scope="dev" if dev else "runtime",
                    version_range="" if not raw else None)
            _version_fields(d, version)
            if why:
                d.version_range, d.extra["version_unknown"] = None, why
            elif not raw:
                d.extra["version_unknown"] = "no version: neither the reference nor a Directory.Packages.props sets one"
            if source:
                d.extra["version_from"] = source
            if item.tag == "GlobalPackageReference":
                d.extra["global"] = True
            parsed.deps.append(d)
    return parsed


def parse_packages_config(path: Path, text: str, ctx: SourceContext) -> Parsed:
    parsed = Parsed(path, "manifest", "dotnet")
    rel = ctx.rel(path)
    root = xml_root(parsed, text, rel, ctx)
    if root is None:
        return parsed
    for item in root.findall("package"):
        name = (item.attrs.get("id") or "").strip()
        if not name:
            parsed.errors.append(ScanError(rel, item.line, "a package without id; skipped"))
            continue
        dev = (item.attrs.get("developmentDependency") or "").lower() == "true"
        d = Dep(name=name, line=item.line, file=path, ecosystem=ECO, scope="dev" if dev else "runtime")
        _version_fields(d, (item.attrs.get("version") or "").strip())
        parsed.deps.append(d)
    return parsed


def parse_lock(path: Path, text: str, ctx: SourceContext, manifests: dict) -> Parsed:
    """`packages.lock.json`: `{"version": 1|2, "dependencies": {"<tfm>": {"<id>": {type, resolved}}}}`."""
    parsed = Parsed(path, "lock", "dotnet")
    rel = ctx.rel(path)
    data = decode(parsed, text, rel, "json", ctx.limits)
    if data is UNDECODABLE:
        return parsed
    lines = json_key_lines(text, max_depth=3)
    deps = data.get("dependencies") if isinstance(data, dict) else None
    if not isinstance(deps, dict):
        wrong_type(parsed, rel, 1, "`dependencies`", deps, "an object of target frameworks")
        return parsed
    seen: dict[tuple[str, str], Dep] = {}
    for tfm, table in deps.items():
        if not isinstance(table, dict):
            wrong_type(parsed, rel, lines.get(("dependencies", tfm)), f"`{tfm}`", table, "an object")
            continue
        for name, entry in table.items():
            if not isinstance(entry, dict):
                wrong_type(parsed, rel, lines.get(("dependencies", tfm, name)), f"`{name}`", entry, "an object")
                continue
            kind = str(entry.get("type", ""))
            resolved = entry.get("resolved")
            if kind == "Project" or not isinstance(resolved, str):
                continue
            key = (name.lower(), resolved)
            prior = seen.get(key)
            if prior is not None:
                prior.direct = prior.direct or kind == "Direct"
                continue
            d = seen[key] = Dep(name=name, line=lines.get(("dependencies", tfm, name), 1), file=path, ecosystem=ECO,
                                version=resolved, direct=kind == "Direct", scope="runtime")
            d.extra["target_framework"] = tfm
            parsed.deps.append(d)
    return parsed


def _props_above(files: list[Path], ctx: SourceContext, known: set[Path]) -> list[Path]:
    """The nearest `Directory.Packages.props` above each project when the scan did not claim one (a
    scan of `src/App` in a repository whose root holds it), read only inside the scan's roots."""
    if not ctx.roots:
        return []
    found: list[Path] = []
    seen: set[Path] = set(known)
    for f in files:
        if f.suffix.lower() not in _PROJECT_SUFFIXES:
            continue
        for parent in f.parents:
            cand = parent / "Directory.Packages.props"
            if parent in seen or ctx.outside(cand):
                break
            seen.add(parent)
            if cand.is_file():
                found.append(cand)
                break
    return found


class DotnetDepsSource:
    """NuGet references of .NET projects (see the module docstring)."""

    name = "dotnet-deps"

    claims_by_name = True  # `claims` reads the file's name alone (`aispm.source.Source`)

    def claims(self, path: Path) -> bool:
        return path.name in _EXACT or path.suffix.lower() in _PROJECT_SUFFIXES

    def load(self, files: list[Path], ctx: SourceContext) -> SourceResult:
        central = _Central()
        props = [f for f in files if f.name == "Directory.Packages.props"]
        props += _props_above(files, ctx, {f.parent for f in props})
        for f in props:  # central versions first: the projects below them need them
            text, err = read_text(f, ctx)
            if err is None:
                probe = Parsed(f, "manifest", "dotnet")
                root = xml_root(probe, text, ctx.rel(f), ctx)
                if root is not None:
                    central.add(f, root)

        def first(path: Path, text: str, c: SourceContext) -> Parsed:
            if path.name == "packages.config":
                return parse_packages_config(path, text, c)
            return parse_project(path, text, c, central)

        return load_dependency_files(self.name, files, ctx, first, parse_lock,
                                     lambda p: p.name == "packages.lock.json")
