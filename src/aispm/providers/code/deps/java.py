"""Java and Kotlin dependencies (Maven and Gradle) → one `library` asset per `group:artifact`.

Claimed by file name: `pom.xml`, `build.gradle`, `build.gradle.kts`, `gradle.lockfile`,
`*.versions.toml` in a `gradle/` folder (version catalogs).

**Maven** (`pom.xml`, XML through `defusedxml`): the `<dependencies>` of the project (not of
plugins or profiles). A version is resolved as Maven would for the common cases, and only from files
of the scanned tree: `${property}` from the pom's `<properties>` and its parents' (`${project.version}`,
`${project.parent.version}` too), the parent pom found by `<relativePath>` (default `../pom.xml`) when it
is the declared parent; a dependency without a version takes it from `<dependencyManagement>` (its own,
then its parents'), and from BOMs imported there (`<type>pom</type><scope>import</scope>`) when the BOM's
pom is in the scanned tree. A version that cannot be resolved stays unknown and the asset says why
(`version_unknown`). Scopes: `test` → dev; `<optional>true</optional>` → optional; the others runtime.
A bare Maven version is the "soft" version Maven resolves to, so it is recorded as the version; a
range (`[1.0,2.0)`) is kept as `version_range`.

**Gradle** build scripts are programs: they are never run. Only declarative dependency lines are
read — `implementation("g:a:v")`, `api 'g:a:v'`, `testImplementation(group = "g", name = "a", version =
"v")` and the other standard configurations — and a version written as `$var` / `${var}` is resolved
from a literal `val var = "…"` / `def var = '…'` / `ext.var = '…'` of the same file, else unknown. A
version catalog (`gradle/libs.versions.toml`) declares its `[libraries]` with `version.ref` resolved
from `[versions]`; they are reported from the catalog file. `gradle.lockfile` (`g:a:v=configurations`)
wins over the build script beside it: exact versions, dev when only test configurations use it.
"""

from __future__ import annotations

import bisect
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aispm.limits import BudgetExceeded
from aispm.model import ScanError
from aispm.providers.code.deps.common import Dep, Parsed, load_dependency_files
from aispm.providers.code.deps.documents import UNDECODABLE, decode
from aispm.providers.code.deps.python_manifests import TextLines
from aispm.providers.code.deps.xmltree import Node, xml_root
from aispm.source import SourceContext, SourceResult, read_text

ECO = "Maven"
_PROP = re.compile(r"\$\{([^}\s]{1,200})\}")
MAX_PARENTS = 10  # parent chain length read (a cycle or a deep chain stops here)
MAX_BOM_DEPTH = 10  # BOMs importing BOMs: how deep imports are followed (a cycle stops at its first repeat)


# --------------------------------------------------------------------------- Maven


@dataclass
class Pom:
    path: Path
    root: Node
    group: str | None
    artifact: str | None
    version: str | None
    props: dict[str, str] = field(default_factory=dict)
    parent: tuple[str | None, str | None, str | None, str] | None = None  # group, artifact, version, relativePath
    parent_line: int | None = None

    @property
    def coord(self) -> str:
        return f"{self.group}:{self.artifact}" if self.group and self.artifact else "?"


def read_pom(path: Path, root: Node) -> Pom:
    parent = root.find("parent")
    pg = pv = None
    if parent is not None:
        pg, pv = parent.child_text("groupId"), parent.child_text("version")
        rp = parent.child_text("relativePath")
        parent_ref = (pg, parent.child_text("artifactId"), pv, "../pom.xml" if rp is None else rp)
    else:
        parent_ref = None
    pom = Pom(path, root, root.child_text("groupId") or pg, root.child_text("artifactId"),
              root.child_text("version") or pv, parent=parent_ref, parent_line=parent.line if parent is not None else None)
    props = root.find("properties")
    if props is not None:
        pom.props = {p.tag: p.text.strip() for p in props.children}
    return pom


class PomIndex:
    """The poms of the scan (parsed once), by path and by `group:artifact`, for parents and BOMs.

    Also what the scan learns once about them: the managed versions of each BOM (`boms`, by path:
    a BOM imported by many poms, or many times, is expanded once), and the cycles found on the way
    (`errors`, one per pom file and kind) and the budgets hit (`budget_hits`), which the source adds
    to its result."""

    def __init__(self, ctx: SourceContext) -> None:
        self.ctx = ctx
        self.by_path: dict[Path, Pom | None] = {}
        self.by_coord: dict[str, Pom] = {}
        self.boms: dict[Path, dict[str, tuple[str | None, str]]] = {}
        self.errors: list[ScanError] = []
        self.budget_hits: list[tuple[str, int | None, BudgetExceeded]] = []
        self._said: set[tuple[str, str]] = set()

    def error(self, pom: Pom, line: int | None, kind: str, reason: str) -> None:
        """Record `reason` once per pom file and kind (a cycle is met again from every pom on it)."""
        rel = self.ctx.rel(pom.path)
        if (rel, kind) not in self._said:
            self._said.add((rel, kind))
            self.errors.append(ScanError(rel, line, reason))

    def add(self, path: Path, text: str) -> Pom | None:
        probe = Parsed(path, "manifest", "maven")
        root = xml_root(probe, text, self.ctx.rel(path), self.ctx)
        pom = read_pom(path, root) if root is not None else None
        self.by_path[path] = pom
        if pom is not None and pom.group and pom.artifact:
            self.by_coord.setdefault(f"{pom.group}:{pom.artifact}", pom)
        return pom

    def get(self, path: Path) -> Pom | None:
        path = Path(os.path.normpath(path))  # `b/../pom.xml` is `pom.xml`: one file, one Pom, one path on a chain
        if path not in self.by_path:
            if not path.is_file() or self.ctx.outside(path):
                return None
            text, err = read_text(path, self.ctx)
            if err is not None:
                self.by_path[path] = None
                return None
            self.add(path, text)
        return self.by_path[path]

    def parents(self, pom: Pom) -> list[Pom]:
        """The parent chain inside the scanned tree (nearest first)."""
        out: list[Pom] = []
        on_chain = {pom.path}
        cur = pom
        while cur.parent is not None and len(out) < MAX_PARENTS:
            g, a, _, rel = cur.parent
            cand = None
            if rel:
                p = (cur.path.parent / rel)
                cand = self.get(p / "pom.xml" if not rel.endswith(".xml") else p)
            if cand is None or (a and cand.artifact != a):
                cand = self.by_coord.get(f"{g}:{a}")
            if cand is None:
                break
            if cand.path in on_chain:  # compared by path: a Pom's tree is never compared by value
                cycle = " → ".join(x.coord for x in [pom, *out, cand])
                self.error(cur, cur.parent_line, "parent-cycle",
                           f"parent pom cycle: {cycle}; the chain stops at the repeated pom")
                break
            on_chain.add(cand.path)
            out.append(cand)
            cur = cand
        return out


def _props_of(pom: Pom, chain: list[Pom]) -> dict[str, str]:
    props: dict[str, str] = {}
    for p in reversed(chain):
        props.update(p.props)
    props.update(pom.props)
    for key, val in (("project.version", pom.version), ("version", pom.version), ("project.groupId", pom.group),
                     ("project.artifactId", pom.artifact), ("pom.version", pom.version)):
        if val:
            props[key] = val
    if pom.parent and pom.parent[2]:
        props["project.parent.version"] = pom.parent[2]
    return props


def interpolate(value: str | None, props: dict[str, str]) -> tuple[str | None, str | None]:
    """`(value with ${...} resolved, why not)`: properties may refer to properties (bounded)."""
    if value is None:
        return None, None
    out = value.strip()
    for _ in range(10):
        m = _PROP.search(out)
        if not m:
            return out, None
        name = m.group(1)
        if name not in props:
            return None, f"the version comes from the property ${{{name}}}, not set in this pom or its parents in the scanned tree"
        out = out[:m.start()] + props[name] + out[m.end():]
        if len(out) > 2048:
            break
    return None, "the version's properties do not resolve (a cycle, or too deep)"


class _Steps:
    """What following one pom's `<dependencyManagement>` may cost: one step per entry read, per BOM
    import followed and per managed entry merged, at most `Limits.steps_per_file` for the pom being
    read. Past it `hit` says where, and every further `spend` is refused (the reading stops, keeping
    what it has)."""

    def __init__(self, limit: int) -> None:
        self.limit, self.spent = limit, 0
        self.hit: BudgetExceeded | None = None

    def spend(self, n: int, what: str) -> bool:
        if self.hit is not None:
            return False
        self.spent += n
        if self.spent > self.limit:
            self.hit = BudgetExceeded("steps_per_file", self.limit, what)
            return False
        return True


def _managed(pom: Pom, props: dict[str, str], index: PomIndex, steps: _Steps,
             chain: tuple[Pom, ...] = ()) -> dict[str, tuple[str | None, str]]:
    """`{group:artifact: (version or None, why/where)}` from `<dependencyManagement>` and imported BOMs.

    `chain` holds the BOMs being expanded above this one (the importing pom first): an import of a
    pom already on it is a cycle, reported once and skipped. A BOM's own result (read with its own
    properties) is kept in `index.boms` for the scan, so each BOM is expanded once however many poms
    import it; the steps spent are counted against `steps`, and past its budget the versions found so
    far are returned (a BOM read only in part is not kept)."""
    out: dict[str, tuple[str | None, str]] = {}
    chain = (*chain, pom)
    dm = pom.root.find("dependencyManagement")
    deps = dm.find("dependencies") if dm is not None else None
    for dep in deps.findall("dependency") if deps is not None else ():
        if not steps.spend(1, f"dependencyManagement of {index.ctx.rel(pom.path)}"):
            break
        g, _ = interpolate(dep.child_text("groupId"), props)
        a, _ = interpolate(dep.child_text("artifactId"), props)
        if not g or not a:
            continue
        v, why = interpolate(dep.child_text("version"), props)
        if (dep.child_text("type") == "pom") and (dep.child_text("scope") == "import"):
            bom = index.by_coord.get(f"{g}:{a}")
            if bom is None:
                out.setdefault(f"#bom:{g}:{a}", (None, f"the BOM {g}:{a} is not in the scanned tree"))
                continue
            if any(p.path == bom.path for p in chain):
                cycle = " → ".join(p.coord for p in (*chain, bom))
                index.error(pom, dep.line, "bom-cycle", f"BOM import cycle: {cycle}; the repeated import is skipped")
                out.setdefault(f"#bom:{g}:{a}", (None, f"the BOM {g}:{a} imports itself (a cycle)"))
                continue
            managed = index.boms.get(bom.path)
            if managed is None:
                if len(chain) > MAX_BOM_DEPTH:
                    index.error(pom, dep.line, "bom-depth", f"BOM imports nested deeper than {MAX_BOM_DEPTH} "
                                                            f"({' → '.join(p.coord for p in (*chain, bom))}); "
                                                            f"the BOM {g}:{a} is not read")
                    out.setdefault(f"#bom:{g}:{a}", (None, f"the BOM {g}:{a} is imported too deep"))
                    continue
                managed = _managed(bom, _props_of(bom, index.parents(bom)), index, steps, chain)
                if steps.hit is not None:
                    break
                index.boms[bom.path] = managed
            if not steps.spend(1 + len(managed), f"BOM {g}:{a} imported by {index.ctx.rel(pom.path)}"):
                break
            for k, val in managed.items():
                out.setdefault(k, val)
            continue
        out.setdefault(f"{g}:{a}", (v, why or f"dependencyManagement of {index.ctx.rel(pom.path)}"))
    return out


def parse_pom(path: Path, text: str, ctx: SourceContext, index: PomIndex) -> Parsed:
    parsed = Parsed(path, "manifest", "maven")
    rel = ctx.rel(path)
    pom = index.by_path.get(path) if path in index.by_path else index.add(path, text)
    if pom is None:
        # read again only to record why (the index keeps no errors)
        xml_root(parsed, text, rel, ctx)
        parsed.ok = False
        return parsed
    chain = index.parents(pom)
    props = _props_of(pom, chain)
    managed: dict[str, tuple[str | None, str]] = {}
    steps = _Steps(ctx.limits.steps_per_file)
    for p in [pom] + chain:
        for k, v in _managed(p, props, index, steps).items():
            managed.setdefault(k, v)
    if steps.hit is not None:  # the versions managed so far are kept; the others stay unknown
        index.budget_hits.append((rel, None, steps.hit))
    boms = [why for k, (_, why) in managed.items() if k.startswith("#bom:")]
    deps = pom.root.find("dependencies")
    for dep in deps.findall("dependency") if deps is not None else ():
        g, gwhy = interpolate(dep.child_text("groupId"), props)
        a, awhy = interpolate(dep.child_text("artifactId"), props)
        if not g or not a:
            parsed.errors.append(ScanError(rel, dep.line, gwhy or awhy or "a dependency without groupId and artifactId; skipped"))
            continue
        scope = (dep.child_text("scope") or "compile").lower()
        d = Dep(name=f"{g}:{a}", line=dep.line, file=path, ecosystem=ECO,
                scope="dev" if scope == "test" else "optional" if dep.child_text("optional") == "true" else "runtime")
        raw = dep.child_text("version")
        if raw is not None:
            v, why = interpolate(raw, props)
        else:
            v, why = managed.get(f"{g}:{a}", (None, None))
            if v is not None:
                d.extra["version_from"] = why
                why = None
            elif why is None:
                why = "no version here, in dependencyManagement or in an imported BOM of the scanned tree" + \
                      (f" ({'; '.join(boms)})" if boms else "")
        if v and v[0] in "[(":
            d.version_range = v
        elif v:
            d.version = v
        else:
            d.extra["version_unknown"] = why
        if scope not in ("compile", "runtime", "test"):
            d.extra["maven_scope"] = scope
        parsed.deps.append(d)
    return parsed


# --------------------------------------------------------------------------- Gradle

_CONFIGS = ("implementation", "api", "compileOnly", "runtimeOnly", "compile", "runtime", "kapt", "ksp",
            "annotationProcessor", "testImplementation", "testRuntimeOnly", "testCompileOnly",
            "androidTestImplementation", "testFixturesImplementation", "developmentOnly")
_CONF = "|".join(_CONFIGS)
_STRING_NOTATION = re.compile(rf"^[ \t]*({_CONF})[ \t]*(?:\([ \t]*)?((?:enforcedPlatform|platform)[ \t]*\([ \t]*)?([\"'])([^\"'\n]{{1,500}})\3", re.M)
_MAP_NOTATION = re.compile(
    rf"^[ \t]*({_CONF})[ \t]*(?:\([ \t]*)?group[ \t]*[:=][ \t]*([\"'])([^\"'\n]+)\2[ \t]*,[ \t]*name[ \t]*[:=][ \t]*([\"'])([^\"'\n]+)\4"
    rf"(?:[ \t]*,[ \t]*version[ \t]*[:=][ \t]*([\"'])([^\"'\n]+)\6)?", re.M)
_LITERAL = re.compile(r"""^[ \t]*(?:(?:val|var|def)[ \t]+|ext\.|extra\[["'])?([A-Za-z_][A-Za-z0-9_]*)["']?\]?[ \t]*(?::[ \t]*String[ \t]*)?=[ \t]*(["'])([^"'$\n]{1,200})\2""", re.M)
_VAR = re.compile(r"\$\{?([A-Za-z_][A-Za-z0-9_.]*)\}?")
_NEWLINE = re.compile("\n")


def _scope_of(config: str) -> str:
    low = config.lower()
    return "dev" if low.startswith(("test", "androidtest")) or low == "developmentonly" else "runtime"


def parse_gradle(path: Path, text: str, ctx: SourceContext) -> Parsed:
    parsed = Parsed(path, "manifest", "gradle")
    literals = {m.group(1): m.group(3) for m in _LITERAL.finditer(text)}

    newlines: list[int] | None = None

    def line_at(pos: int) -> int:
        # the newline offsets are found once per file: counting from the start for each of
        # 100,000 dependency lines would be quadratic
        nonlocal newlines
        if newlines is None:
            newlines = [m.start() for m in _NEWLINE.finditer(text)]
        return bisect.bisect_left(newlines, pos) + 1

    def add(config: str, coords: str, pos: int) -> None:
        parts = coords.split(":")
        if len(parts) < 2 or not parts[0] or not parts[1] or len(parts) > 4:
            return  # a project(":x"), a file, or not a module coordinate
        d = Dep(name=f"{parts[0]}:{parts[1]}", line=line_at(pos), file=path, ecosystem=ECO, scope=_scope_of(config))
        raw = parts[2] if len(parts) > 2 else ""
        m = _VAR.search(raw)
        if m:
            if m.group(1) in literals:
                raw = _VAR.sub(lambda x: literals.get(x.group(1), x.group(0)), raw)
            else:
                d.extra["version_unknown"] = f"the version comes from the variable {m.group(1)}, not a literal of this file"
                raw = ""
        if raw:
            if raw[0] in "[(" or "+" in raw or "latest." in raw:
                d.version_range = raw
            else:
                d.version = raw.split("@")[0]
        elif "version_unknown" not in d.extra:
            d.extra["version_unknown"] = "no version in the build script (a platform, a catalog or a plugin sets it)"
        parsed.deps.append(d)

    for m in _STRING_NOTATION.finditer(text):
        if not m.group(2):  # a platform (BOM) only manages versions: it is no dependency of its own
            add(m.group(1), m.group(4), m.start(4))
    for m in _MAP_NOTATION.finditer(text):
        add(m.group(1), f"{m.group(3)}:{m.group(5)}" + (f":{m.group(7)}" if m.group(7) else ""), m.start(3))
    parsed.deps.sort(key=lambda d: d.line)
    return parsed


def parse_version_catalog(path: Path, text: str, ctx: SourceContext) -> Parsed:
    parsed = Parsed(path, "manifest", "gradle")
    rel = ctx.rel(path)
    data = decode(parsed, text, rel, "toml", ctx.limits)
    if data is UNDECODABLE:
        return parsed
    versions = data.get("versions") if isinstance(data.get("versions"), dict) else {}
    libs = data.get("libraries") if isinstance(data.get("libraries"), dict) else {}
    where = TextLines(text)
    start = where.table_line("libraries") or 0
    for alias, spec in libs.items():
        line = where.key_line(alias, start + 1) or where.find_line(alias, start, 1)
        module, version = _catalog_entry(spec, versions)
        if module is None:
            parsed.errors.append(ScanError(rel, line, f"library `{alias}` has no module; skipped"))
            continue
        d = Dep(name=module, line=line, file=path, ecosystem=ECO, scope="runtime")
        if isinstance(version, str) and version:
            if version[0] in "[(" or "+" in version:
                d.version_range = version
            else:
                d.version = version
        else:
            d.extra["version_unknown"] = "the catalog gives no version (a platform or BOM sets it)"
        d.extra["catalog_alias"] = alias
        parsed.deps.append(d)
    return parsed


def _catalog_entry(spec: Any, versions: dict) -> tuple[str | None, str | None]:
    if isinstance(spec, str):
        parts = spec.split(":")
        return (f"{parts[0]}:{parts[1]}", parts[2] if len(parts) > 2 else None) if len(parts) >= 2 else (None, None)
    if not isinstance(spec, dict):
        return None, None
    module = spec.get("module")
    if not isinstance(module, str):
        g, n = spec.get("group"), spec.get("name")
        module = f"{g}:{n}" if isinstance(g, str) and isinstance(n, str) else None
    v = spec.get("version")
    if isinstance(v, dict):
        ref = v.get("ref")
        v = v.get("strictly") or v.get("require") or v.get("prefer") or (versions.get(ref) if isinstance(ref, str) else None)
        if isinstance(v, dict):
            v = v.get("strictly") or v.get("require") or v.get("prefer")
    elif isinstance(spec.get("version.ref"), str):
        v = versions.get(spec["version.ref"])
    return module, v if isinstance(v, str) else None


def parse_gradle_lock(path: Path, text: str, ctx: SourceContext, manifests: dict) -> Parsed:
    parsed = Parsed(path, "lock", "gradle")
    rel = ctx.rel(path)
    for i, raw in enumerate(text.splitlines(), 1):
        s = raw.strip()
        if not s or s.startswith("#") or s.startswith("empty="):
            continue
        coords, _, configs = s.partition("=")
        parts = coords.split(":")
        if len(parts) != 3 or not all(parts):
            parsed.errors.append(ScanError(rel, i, "not a `group:artifact:version=configurations` line; skipped"))
            continue
        confs = [c for c in configs.split(",") if c]
        dev = bool(confs) and all(_scope_of(c) == "dev" or c.lower().startswith("test") for c in confs)
        d = Dep(name=f"{parts[0]}:{parts[1]}", line=i, file=path, ecosystem=ECO, version=parts[2],
                scope="dev" if dev else "runtime")
        parsed.deps.append(d)
    return parsed


# --------------------------------------------------------------------------- the source


class JavaDepsSource:
    """Maven and Gradle dependencies (see the module docstring)."""

    name = "java-deps"

    def claims(self, path: Path) -> bool:
        n = path.name
        if n in ("pom.xml", "build.gradle", "build.gradle.kts", "gradle.lockfile"):
            # a packaged artifact's copy of its pom (target/classes/META-INF/maven/g/a/pom.xml) is not the project
            return "META-INF" not in path.parts
        return n.endswith(".versions.toml") and path.parent.name == "gradle"

    def load(self, files: list[Path], ctx: SourceContext) -> SourceResult:
        index = PomIndex(ctx)
        for f in files:  # every pom first: parents and BOMs are looked up across folders
            if f.name == "pom.xml":
                text, err = read_text(f, ctx)
                if err is None:
                    index.add(f, text)

        def first(path: Path, text: str, c: SourceContext) -> Parsed:
            if path.name == "pom.xml":
                return parse_pom(path, text, c, index)
            if path.name.endswith(".versions.toml"):
                return parse_version_catalog(path, text, c)
            return parse_gradle(path, text, c)

        result = load_dependency_files(self.name, files, ctx, first, parse_gradle_lock,
                                       lambda p: p.name == "gradle.lockfile")
        result.errors.extend(index.errors)
        for rel, line, exc in index.budget_hits:
            result.budget(rel, line, exc)
        return result
