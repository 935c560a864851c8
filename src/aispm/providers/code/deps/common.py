"""What the dependency sources (Python, npm, .NET, Go, Java, Rust) share: the `Dep` record of one declared or locked package,
the load step (per directory: manifests, then locks, then the lock-wins merge), scope propagation over
a lock's dependency graph, package URLs, and the `library` assets.

A lock file wins over the manifests beside it: locked packages are emitted with `direct` taken from
the manifests, and a manifest entry the lock already has is not emitted a second time. A file with
merge-conflict markers is refused (its versions cannot be trusted), and one that does not parse
yields no assets, never an empty but "successful" list. Versions are never guessed: a range stays a
range (`version_range`), and a URL, VCS or path requirement has no version.

Hostile input: each file is read under `isolate.one_file`, so an exception reading it costs that
file only; a package with an empty or unusable name, or a version of more than `MAX_VERSION`
characters (a range of more than `MAX_RANGE`), is an error at its line rather than an asset; and one file yields at most
`Limits.collection_size` packages (a warning names the budget when it has more).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from aispm.limits import BudgetExceeded
from aispm.model import Asset, Kind, ScanError, Unknown
from aispm.providers.code.catalog import genai
from aispm.providers.code.isolate import one_file
from aispm.source import SourceContext, SourceResult, declared_uid, make_origin, read_text

try:  # pinned by the lead; the fallback builds the same strings for the types used here
    from packageurl import PackageURL as _PackageURL
except ImportError:  # pragma: no cover - exercised only without packageurl-python
    _PackageURL = None

SCOPES = ("runtime", "optional", "peer", "dev")
_SCOPE_RANK = {s: i for i, s in enumerate(SCOPES)}


# --------------------------------------------------------------------------- records


@dataclass
class Dep:
    """One dependency as a file declares or locks it."""

    name: str  # normalised (PEP 503 for PyPI, as-is for npm, lower case for conda)
    line: int
    file: Path  # the file that declares it (an included requirements file, for instance)
    ecosystem: str  # PyPI | npm | conda | NuGet | Go | Maven | crates.io (OSV spelling where OSV has one)
    version: str | None = None  # exact, from a lock file or a pin
    version_range: str | None = None  # a manifest's specifier, as declared ("" = any version)
    scope: str | Unknown = "runtime"  # runtime | optional | peer | dev
    direct: bool | None = None  # None: let the manifest beside the lock decide
    markers: str | None = None
    extras: tuple[str, ...] = ()
    url: str | None = None  # URL / VCS / path requirement: version unknown
    group: str | None = None  # extra, Poetry group, dependency group
    specs: tuple[str, ...] = ()  # lock entries: the ranges this entry resolves (yarn)
    qualifiers: dict[str, str] = field(default_factory=dict)  # purl qualifiers (conda channel)
    extra: dict[str, Any] = field(default_factory=dict)  # further properties


@dataclass
class ManifestEntry:
    scope: str
    version_range: str | None


@dataclass
class Parsed:
    """One file's dependencies; `kind` is manifest or lock."""

    path: Path
    kind: str
    fmt: str
    deps: list[Dep] = field(default_factory=list)
    errors: list[ScanError] = field(default_factory=list)
    ok: bool = True  # False: the file could not be read (no assets from it)


# --------------------------------------------------------------------------- reading, merging, building assets

_CONFLICT = re.compile(r"^<{7}(?:[ \t]|$)", re.M)


def conflict_error(text: str, rel: str) -> ScanError | None:
    """A `ScanError` at the first `<<<<<<<` line, or None."""
    if "<<<<<<<" not in text:
        return None
    m = _CONFLICT.search(text)
    if not m:
        return None
    line = text.count("\n", 0, m.start()) + 1
    return ScanError(rel, line, "merge conflict markers: resolve the conflict (or regenerate the lock file) "
                                "and scan again; no dependencies were read from this file")


#: Package URL type of each ecosystem (OSV spelling → purl type).
PURL_TYPES = {"PyPI": "pypi", "npm": "npm", "conda": "conda", "NuGet": "nuget", "Go": "golang", "Maven": "maven",
              "crates.io": "cargo"}

_SIMPLE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_SIMPLE_NS = re.compile(r"^@[a-z0-9][a-z0-9._-]*$")
_SIMPLE_VERSION = re.compile(r"^[A-Za-z0-9._-]+$")


def purl_for(ecosystem: str, name: str, version: str | None, qualifiers: dict[str, str] | None = None) -> str:
    """A package URL; no version when only a range is known."""
    ptype = PURL_TYPES[ecosystem]
    namespace = None
    pname = name
    if ptype == "npm" and name.startswith("@") and "/" in name:
        namespace, pname = name.split("/", 1)
    elif ptype == "maven" and ":" in name:
        namespace, pname = name.split(":", 1)
    elif ptype == "golang" and "/" in name:
        namespace, pname = name.rsplit("/", 1)
    if _SIMPLE.match(pname) and (version is None or _SIMPLE_VERSION.match(version)) and not qualifiers \
            and (namespace is None or _SIMPLE_NS.match(namespace)):
        # nothing to encode or normalise: the string packageurl would build, without its cost
        return f"pkg:{ptype}/" + (f"%40{namespace[1:]}/" if namespace else "") + pname + (f"@{version}" if version else "")
    if _PackageURL is not None:
        return _PackageURL(type=ptype, namespace=namespace, name=pname, version=version or None,
                           qualifiers=qualifiers or None).to_string()
    return _purl_fallback(ptype, namespace, pname, version, qualifiers)  # pragma: no cover


def _purl_fallback(ptype: str, namespace: str | None, name: str, version: str | None,
                   qualifiers: dict[str, str] | None) -> str:
    from urllib.parse import quote

    def enc(s: str) -> str:
        return quote(s, safe="")

    out = f"pkg:{ptype}/"
    if namespace:
        out += enc(namespace) + "/"
    out += enc(name)
    if version:
        out += "@" + enc(version)
    if qualifiers:
        out += "?" + "&".join(f"{k}={quote(v, safe='/:')}" for k, v in sorted(qualifiers.items()) if v)
    return out


def propagate_scopes(roots: Iterable[tuple[Any, str]], edges: Callable[[Any], Iterable[Any]]) -> dict[Any, str]:
    """Scope of every node reachable from the roots: the best scope (runtime > optional
    > peer > dev) of any root it is reachable from."""
    roots = list(roots)
    best: dict[Any, str] = {}
    for scope in SCOPES:
        queue = [n for n, s in roots if s == scope and n not in best]
        for n in queue:
            best[n] = scope
        while queue:
            n = queue.pop()
            for m in edges(n):
                if m not in best:
                    best[m] = scope
                    queue.append(m)
    return best


def manifest_index(parsed: Iterable[Parsed]) -> dict[tuple[str, str], ManifestEntry]:
    """`{(ecosystem, name): ManifestEntry}` over the manifests of one directory."""
    index: dict[tuple[str, str], ManifestEntry] = {}
    for p in parsed:
        if p.kind != "manifest" or not p.ok:
            continue
        for d in p.deps:
            key = (d.ecosystem, d.name)
            scope = d.scope if isinstance(d.scope, str) else "runtime"
            cur = index.get(key)
            if cur is None:
                index[key] = ManifestEntry(scope, d.version_range if d.version is None else d.version)
            elif _SCOPE_RANK[scope] < _SCOPE_RANK[cur.scope]:
                cur.scope = scope
    return index


def merge_directory(parsed: list[Parsed], manifests: dict[tuple[str, str], ManifestEntry]) -> list[tuple[Parsed, Dep]]:
    """Lock wins: locked packages are emitted, `direct` from the manifests; manifest
    entries the lock has are dropped. Returns `(file, dep)` pairs to emit."""
    locked: set[tuple[str, str]] = set()
    have_lock_eco: set[str] = set()
    for p in parsed:
        if p.kind == "lock" and p.ok:
            for d in p.deps:
                locked.add((d.ecosystem, d.name))
                have_lock_eco.add(d.ecosystem)
    out: list[tuple[Parsed, Dep]] = []
    for p in parsed:
        if not p.ok:
            continue
        for d in p.deps:
            key = (d.ecosystem, d.name)
            if p.kind == "manifest":
                if key in locked:
                    continue
                d.direct = True
            else:
                entry = manifests.get(key)
                if d.direct is None:
                    d.direct = entry is not None
                if d.direct and entry is not None and isinstance(d.scope, Unknown):
                    d.scope = entry.scope
            out.append((p, d))
    return out


#: Characters a version (and a version range) may have; a longer one is refused (a 4,301-digit
#: version is an attack on whatever parses it as numbers, not a release).
MAX_VERSION = 256
MAX_RANGE = 2048


def _unusable(d: Dep) -> str | None:
    """Why a dependency cannot be an asset, or None."""
    if not isinstance(d.name, str) or not d.name.strip():
        return "a package with an empty name"
    for what, v, most in (("version", d.version, MAX_VERSION), ("version range", d.version_range, MAX_RANGE)):
        if isinstance(v, str) and len(v) > most:
            return f"a {what} of {len(v):,} characters (over {most:,})"
    return None


def build_assets(source_name: str, pairs: list[tuple[Parsed, Dep]], ctx: SourceContext,
                 seen: dict[str, Asset], errors: list[ScanError] | None = None) -> list[Asset]:
    """Assets for the deps; a second identical entry of the same package in the same
    file is folded into the first (its best scope kept), a different one gets the
    line in its address so that uids stay unique. A dependency that cannot be one
    (`_unusable`, or a name no package URL can hold) is an error in `errors`."""
    assets: list[Asset] = []
    rels: dict[Path, str] = {}
    for parsed, d in pairs:
        rel = rels.get(d.file)
        if rel is None:
            rel = rels[d.file] = ctx.rel(d.file)
        why = _unusable(d)
        if why is None:
            try:
                purl = purl_for(d.ecosystem, d.name, d.version, d.qualifiers)
            except (ValueError, TypeError):  # packageurl refuses some names (`/`, `@x/`) either way
                why = "a package name that no package URL can hold"
        if why is not None:
            if errors is not None:
                errors.append(ScanError(rel, d.line, f"{why}; skipped"))
            continue
        props: dict[str, Any] = {"ecosystem": d.ecosystem}
        if d.version is not None:
            props["version"] = d.version
        else:
            props["version_range"] = d.version_range if d.url is None else None
        props["purl"] = purl
        props["scope"] = d.scope
        props["direct"] = bool(d.direct)
        props["manifest"] = rel
        if d.markers:
            props["markers"] = d.markers
        if d.extras:
            props["extras"] = list(d.extras)
        if d.url:
            props["url"] = d.url
        if d.group:
            props["group"] = d.group
        props.update({k: v for k, v in d.extra.items() if not k.startswith("_")})
        address = purl
        uid = declared_uid(source_name, rel, address)
        prior = seen.get(uid)
        if prior is not None:
            pp = prior.properties
            same = ("version", "version_range", "markers", "url", "extras")
            if all(pp.get(k) == props.get(k) for k in same):
                if isinstance(d.scope, str) and isinstance(pp.get("scope"), str) \
                        and _SCOPE_RANK[d.scope] < _SCOPE_RANK[pp["scope"]]:
                    pp["scope"] = d.scope
                if d.direct:
                    pp["direct"] = True
                continue
            address = f"{purl}#L{d.line}"
            uid = declared_uid(source_name, rel, address)
            if uid in seen:
                continue
        asset = Asset(uid=uid, provider="code", type="library", name=d.name,
                      origin=make_origin(parsed.fmt, rel, d.line, address), properties=props, kind=Kind.LIBRARY)
        hit = genai.lookup(d.ecosystem, d.name)
        if hit:
            cat, how = hit
            eco_key = "pypi" if d.ecosystem in ("PyPI", "conda") else PURL_TYPES[d.ecosystem]
            asset.set_fact("ai_category", cat, genai.EVIDENCE_PATH, raw=f"{eco_key}:{d.name}",
                           note=None if how == "listed" else f"matched by name {how}")
        seen[uid] = asset
        assets.append(asset)
    return assets


def load_dependency_files(source_name: str, files: list[Path], ctx: SourceContext,
                          parse_first: Callable[[Path, str, SourceContext], Parsed],
                          parse_lock: Callable[[Path, str, SourceContext, dict], Parsed],
                          is_lock_name: Callable[[Path], bool]) -> SourceResult:
    """The load step both dependency sources share: per directory, manifests first
    (so a lock knows which of its packages are direct), then locks, then merge."""
    result = SourceResult()
    by_dir: dict[Path, list[Path]] = {}
    for f in files:
        by_dir.setdefault(f.parent, []).append(f)
    seen: dict[str, Asset] = {}
    for directory in sorted(by_dir):
        group = sorted(by_dir[directory])
        parsed: list[Parsed] = []
        texts: dict[Path, str] = {}
        for f in group:
            result.files += 1
            text, err = read_text(f, ctx)
            if err is not None:
                result.errors.append(err)
                continue
            cerr = conflict_error(text, ctx.rel(f))
            if cerr is not None:
                result.errors.append(cerr)
                continue
            texts[f] = text
        for f in group:
            if f in texts and not is_lock_name(f):
                _parse_one(parsed, result, source_name, f, ctx, lambda f=f: parse_first(f, texts[f], ctx))
        manifests = manifest_index(parsed)
        for f in group:
            if f in texts and is_lock_name(f):
                _parse_one(parsed, result, source_name, f, ctx, lambda f=f: parse_lock(f, texts[f], ctx, manifests))
        for p in parsed:
            result.errors.extend(p.errors)
        with one_file(result.errors, ctx.rel(directory), source_name):
            result.assets.extend(build_assets(source_name, merge_directory(parsed, manifests), ctx, seen,
                                              result.errors))
    result.assets.sort(key=lambda a: (a.origin.file, a.origin.line, a.uid))
    return result


def _parse_one(parsed: list[Parsed], result: SourceResult, source_name: str, path: Path, ctx: SourceContext,
               parse: Callable[[], Parsed]) -> None:
    """Parse one file into `parsed`, isolated (`isolate.one_file`: an exception costs this file
    only, which then counts as not read) and within the `collection_size` budget."""
    rel = ctx.rel(path)
    with one_file(result.errors, rel, source_name):
        p = parse()
        cap = ctx.limits.collection_size
        if len(p.deps) > cap:
            result.budget(rel, None, BudgetExceeded("collection_size", cap, f"packages in {path.name}; the first "
                                                                            f"{cap:,} were read"))
            del p.deps[cap:]
        parsed.append(p)
