"""Python dependency manifests and lock files → one `library` asset per dependency.

Claimed by file name only (cheap): `requirements*.txt` / `requirements*.in` (and any
`*.txt` / `*.in` in a `requirements/` folder), `pyproject.toml`, `poetry.lock`,
`uv.lock`, `Pipfile`, `Pipfile.lock`, `setup.cfg`, `environment.yml` / `.yaml`.

get → transform → load:

- **get**: `read_text` (size limit, UTF-8), refuse files with merge-conflict markers,
  parse with the format's own parser (`tomllib`, `json`, `configparser`, PyYAML's
  composer for YAML line marks, `packaging.requirements.Requirement` for every PEP 508
  string).
- **transform**: one `Dep` per declared or locked package, with the line that declares
  it. Versions are exact only from lock files and `==`/`===` pins; a manifest's
  specifier is kept as `version_range` (canonical PEP 440 text as `packaging` prints
  it; Poetry `^`/`~` constraints translated), never guessed into a version. URL, VCS,
  editable and path requirements keep their name (when it can be told) and no version.
- **load**: per directory, a lock file wins over the manifests beside it: the locked
  packages are emitted with `direct` taken from the manifests, and a manifest entry
  the lock already has is not emitted a second time.

A `requirements.txt` written by `pip-compile` / `uv pip compile` (it has `# via`
annotations) is a lock file: its `# via -r ...` / `(pyproject.toml)` annotations say
which packages are direct.

The shared machinery (the `Dep` record, the lock-wins merge, scope propagation over a
lock's dependency graph, JSON key lines, asset building) is public here and reused by
`aispm.providers.code.deps.node`.
"""

from __future__ import annotations

import configparser
import json
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

import yaml
from packaging.requirements import InvalidRequirement, Requirement

from aispm.providers.code.catalog import genai
from aispm.model import Asset, Kind, ScanError, Unknown
from aispm.source import SourceContext, SourceResult, declared_uid, make_origin, read_text

try:  # pinned by the lead; the fallback builds the same strings for the types used here
    from packageurl import PackageURL as _PackageURL
except ImportError:  # pragma: no cover - exercised only without packageurl-python
    _PackageURL = None

_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

SCOPES = ("runtime", "optional", "peer", "dev")
_SCOPE_RANK = {s: i for i, s in enumerate(SCOPES)}

# --------------------------------------------------------------------------- shared records


@dataclass
class Dep:
    """One dependency as a file declares or locks it."""

    name: str  # normalised (PEP 503 for PyPI, as-is for npm, lower case for conda)
    line: int
    file: Path  # the file that declares it (an included requirements file, for instance)
    ecosystem: str  # PyPI | npm | conda (OSV spelling where OSV has one)
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


# --------------------------------------------------------------------------- shared helpers

_NORMALISE = re.compile(r"[-_.]+")
_CONFLICT = re.compile(r"^<{7}(?:[ \t]|$)", re.M)


def pep503(name: str) -> str:
    """PEP 503 normalised name: lower case, runs of `-`, `_`, `.` become `-`."""
    return _NORMALISE.sub("-", name).lower()


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


def line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


_SIMPLE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_SIMPLE_NS = re.compile(r"^@[a-z0-9][a-z0-9._-]*$")
_SIMPLE_VERSION = re.compile(r"^[A-Za-z0-9._-]+$")


def purl_for(ecosystem: str, name: str, version: str | None, qualifiers: dict[str, str] | None = None) -> str:
    """A package URL; no version when only a range is known."""
    ptype = {"PyPI": "pypi", "npm": "npm", "conda": "conda"}[ecosystem]
    namespace = None
    pname = name
    if ptype == "npm" and name.startswith("@") and "/" in name:
        namespace, pname = name.split("/", 1)
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


_JSON_TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"|[{}\[\]:\n]')


def json_key_lines(text: str, max_depth: int | None = None) -> dict[tuple[str, ...], int]:
    """The line of every object key, by its path of keys (`("dependencies", "react")`).
    Array elements add `"[]"` to the path. The first occurrence of a path wins."""
    lines: dict[tuple[str, ...], int] = {}
    stack: list[tuple[str, ...]] = []
    line = 1
    pending: str | None = None
    pending_line = 0
    key: str | None = None
    for m in _JSON_TOKEN.finditer(text):
        tok = m.group(0)
        c = tok[0]
        if c == "\n":
            line += 1
        elif c == '"':
            pending, pending_line = tok, line
        elif c == ":":
            if pending is not None and stack:
                k = json.loads(pending) if "\\" in pending else pending[1:-1]
                path = stack[-1] + (k,)
                if max_depth is None or len(path) <= max_depth:
                    lines.setdefault(path, pending_line)
                key = k
            pending = None
        elif c in "{[":
            if not stack:
                stack.append(())
            elif key is not None:
                stack.append(stack[-1] + (key,))
            else:
                stack.append(stack[-1] + ("[]",))
            key = pending = None
        else:  # } ]
            if stack:
                stack.pop()
            key = pending = None
    return lines


def json_error(exc: json.JSONDecodeError, rel: str) -> ScanError:
    return ScanError(rel, exc.lineno, f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")


def toml_error(exc: tomllib.TOMLDecodeError, rel: str) -> ScanError:
    m = re.search(r"at line (\d+)", str(exc))
    line = getattr(exc, "lineno", None) or (int(m.group(1)) if m else None)
    return ScanError(rel, line, f"invalid TOML: {exc}")


def yaml_error(exc: yaml.YAMLError, rel: str) -> ScanError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    return ScanError(rel, line, f"invalid YAML: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}")


#: What `decode` returns for a file that does not parse (its error is already recorded).
UNDECODABLE = object()


def decode(parsed: Parsed, text: str, rel: str, fmt: str) -> Any:
    """The document of a dependency file (`fmt`: json, toml, or yaml — composed, with line marks),
    or `UNDECODABLE` after recording why it does not parse, with its line, and marking the
    file not ok (its manifest entries then stay unverified, never silently empty)."""
    try:
        if fmt == "json":
            return json.loads(text)
        if fmt == "toml":
            return tomllib.loads(text)
        return yaml_compose(text)
    except json.JSONDecodeError as exc:
        parsed.errors.append(json_error(exc, rel))
    except tomllib.TOMLDecodeError as exc:
        parsed.errors.append(toml_error(exc, rel))
    except yaml.YAMLError as exc:
        parsed.errors.append(yaml_error(exc, rel))
    parsed.ok = False
    return UNDECODABLE


def yaml_compose(text: str) -> yaml.Node | None:
    return yaml.compose(text, Loader=_YAML_LOADER)


def node_py(node: yaml.Node | None) -> Any:
    """A composed YAML node as Python data, every scalar but booleans and nulls kept
    as a string (so that `1.10` stays `1.10`)."""
    if node is None:
        return None
    if isinstance(node, yaml.ScalarNode):
        if node.tag.endswith(":null"):
            return None
        if node.tag.endswith(":bool"):
            return node.value.lower() in ("true", "yes", "on")
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [node_py(n) for n in node.value]
    if isinstance(node, yaml.MappingNode):
        return {node_py(k): node_py(v) for k, v in node.value}
    return None


def node_get(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return v
    return None


def node_items(node: yaml.Node | None) -> list[tuple[yaml.Node, yaml.Node]]:
    return list(node.value) if isinstance(node, yaml.MappingNode) else []


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


def build_assets(source_name: str, pairs: list[tuple[Parsed, Dep]], ctx: SourceContext,
                 seen: dict[str, Asset]) -> list[Asset]:
    """Assets for the deps; a second identical entry of the same package in the same
    file is folded into the first (its best scope kept), a different one gets the
    line in its address so that uids stay unique."""
    assets: list[Asset] = []
    rels: dict[Path, str] = {}
    for parsed, d in pairs:
        rel = rels.get(d.file)
        if rel is None:
            rel = rels[d.file] = ctx.rel(d.file)
        purl = purl_for(d.ecosystem, d.name, d.version, d.qualifiers)
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
            eco_key = "npm" if d.ecosystem == "npm" else "pypi"
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
                parsed.append(parse_first(f, texts[f], ctx))
        manifests = manifest_index(parsed)
        for f in group:
            if f in texts and is_lock_name(f):
                parsed.append(parse_lock(f, texts[f], ctx, manifests))
        for p in parsed:
            result.errors.extend(p.errors)
        result.assets.extend(build_assets(source_name, merge_directory(parsed, manifests), ctx, seen))
    result.assets.sort(key=lambda a: (a.origin.file, a.origin.line, a.uid))
    return result


# --------------------------------------------------------------------------- PEP 508 strings


def exact_pin(req: Requirement) -> str | None:
    specs = list(req.specifier)
    if len(specs) == 1 and specs[0].operator in ("==", "===") and not specs[0].version.endswith(".*"):
        return specs[0].version
    return None


def dep_from_requirement(req: Requirement, path: Path, line: int, scope: str = "runtime",
                         group: str | None = None, url: str | None = None) -> Dep:
    version = None if (req.url or url) else exact_pin(req)
    return Dep(name=pep503(req.name), line=line, file=path, ecosystem="PyPI", version=version,
               version_range=None if version else str(req.specifier), scope=scope,
               markers=str(req.marker) if req.marker else None, extras=tuple(sorted(req.extras)),
               url=req.url or url, group=group)


def parse_pep508(text: str, path: Path, line: int, rel: str, errors: list[ScanError], scope: str = "runtime",
                 group: str | None = None) -> Dep | None:
    try:
        req = Requirement(text)
    except InvalidRequirement as exc:
        errors.append(ScanError(rel, line, f"invalid requirement {text!r}: {exc}"))
        return None
    return dep_from_requirement(req, path, line, scope, group)


def find_line(lines: list[str], needle: str, start: int = 0, default: int | None = None) -> int:
    """1-based line of the first line at or after `start` (0-based) that holds `needle`
    quoted, else unquoted, else `default` (or `start + 1`)."""
    for quoted in (f'"{needle}"', f"'{needle}'", needle):
        for i in range(start, len(lines)):
            if quoted in lines[i]:
                return i + 1
    return default if default is not None else start + 1


def table_line(lines: list[str], header: str) -> int | None:
    """0-based index of a TOML `[header]` line (spaces and quoted keys tolerated)."""
    want = header.replace('"', "").replace("'", "").replace(" ", "")
    for i, ln in enumerate(lines):
        s = ln.strip()
        if s.startswith("[") and not s.startswith("[["):
            name = s[1:s.find("]")] if "]" in s else s[1:]
            if name.replace('"', "").replace("'", "").replace(" ", "") == want:
                return i
    return None


def key_line(lines: list[str], key: str, start: int) -> int | None:
    """1-based line of `key = ...` at or after `start` (0-based), before the next table."""
    pat = re.compile(r'^\s*(?:"' + re.escape(key) + r'"|\'' + re.escape(key) + r"'|" + re.escape(key) + r")\s*=")
    for i in range(start, len(lines)):
        if i > start and lines[i].lstrip().startswith("["):
            break
        if pat.match(lines[i]):
            return i + 1
    return None


# --------------------------------------------------------------------------- requirements files

_REQ_OPTION_STRIP = re.compile(r"(?:^|\s)(?:--hash|--global-option|--install-option|--config-settings|-C)(?:=|\s+)\S+")
_COMMENT = re.compile(r"(^|\s+)#.*$")
_URLISH = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|git\+|hg\+|svn\+|bzr\+|file:|\.{1,2}(?:/|$)|/)", re.I)
_EGG = re.compile(r"[#&]egg=([A-Za-z0-9_.\-]+)")
_WHEEL = re.compile(r"([A-Za-z0-9_.]+)-[^-/]+(?:-[^-/]+)?-[^-/]+-[^-/]+-[^-/]+\.whl$")
_VIA = re.compile(r"^#\s+(?:via\b\s*)?(.*)$")
_LINE_OPTS = {"-i", "--index-url", "--extra-index-url", "-f", "--find-links", "--trusted-host", "--pre",
              "--no-binary", "--only-binary", "--prefer-binary", "--require-hashes", "--use-feature",
              "--no-index", "--no-deps"}


def _logical_lines(text: str) -> list[tuple[int, str]]:
    """(first physical line, text) with `\\` continuations joined."""
    out: list[tuple[int, str]] = []
    buf: list[str] = []
    start = 0
    for i, raw in enumerate(text.splitlines(), 1):
        if not buf:
            start = i
        if raw.endswith("\\") and not raw.lstrip().startswith("#"):
            buf.append(raw[:-1])
            continue
        buf.append(raw)
        out.append((start, " ".join(buf)))
        buf = []
    if buf:
        out.append((start, " ".join(buf)))
    return out


def _split_option(s: str) -> tuple[str, str]:
    """`-r x` / `-rx` / `--requirement=x` / `--requirement x` → (option, value)."""
    if s.startswith("--"):
        opt, sep, val = s.partition("=")
        if not sep:
            opt, _, val = s.partition(" ")
        return opt.strip(), val.strip()
    opt, val = s[:2], s[2:].lstrip("= ").strip()
    return opt, val


@dataclass
class _ReqState:
    ctx: SourceContext
    errors: list[ScanError]
    stack: list[Path]  # include chain (cycle guard)
    done: set[Path]  # files already read for this top-level file
    constraints: dict[str, tuple[str, Path]]  # name -> (pinned version, constraints file)
    compiled: bool = False


def parse_requirements(path: Path, ctx: SourceContext, text: str | None = None) -> Parsed:
    """A requirements file with its `-r` includes (and `-c` constraints, which pin the
    version of a requirement that has no pin of its own)."""
    parsed = Parsed(path, "manifest", "requirements")
    state = _ReqState(ctx, parsed.errors, [], set(), {})
    deps = _read_requirements(path, state, text, scope="runtime")
    if deps is None:
        parsed.ok = False
        return parsed
    for d in deps:
        pin = state.constraints.get(d.name)
        if pin and d.version is None and d.url is None:
            d.version, d.version_range = pin[0], None
            d.extra["constrained_by"] = ctx.rel(pin[1])
    parsed.deps = deps
    if state.compiled:
        parsed.kind = "lock"
    return parsed


def _read_requirements(path: Path, state: _ReqState, text: str | None, scope: str,
                       constraint: bool = False, from_file: str | None = None, from_line: int | None = None
                       ) -> list[Dep] | None:
    ctx = state.ctx
    rel = ctx.rel(path)
    key = path.resolve()
    if key in state.stack or key in state.done:
        return []  # an include cycle or a file included twice: read once
    if text is None:
        if not path.is_file():
            state.errors.append(ScanError(from_file or rel, from_line, f"included file not found: {rel}"))
            return []
        text, err = read_text(path, ctx)
        if err is not None:
            state.errors.append(err)
            return []
        cerr = conflict_error(text, rel)
        if cerr is not None:
            state.errors.append(cerr)
            return []
    state.stack.append(key)
    state.done.add(key)
    deps: list[Dep] = []
    last: Dep | None = None
    via: list[str] = []
    in_via = False
    compiled = "autogenerated by pip-compile" in text or "uv pip compile" in text

    def close_via() -> None:
        nonlocal via, in_via
        in_via = False
        if last is not None and via:
            compiled_direct = any(v.startswith(("-r ", "-c ")) or v.endswith((
                "(pyproject.toml)", "(setup.cfg)", "(setup.py)")) for v in via)
            last.direct = compiled_direct
        via = []

    for lineno, logical in _logical_lines(text):
        stripped = logical.strip()
        if not stripped:
            continue
        if stripped.startswith("#"):
            m = _VIA.match(stripped)
            if last is not None and m and (stripped.startswith("# via") or in_via):
                compiled = in_via = True
                item = m.group(1).strip()
                if item:
                    via.append(item)
            continue
        close_via()
        last = None
        line = _COMMENT.sub("", logical).strip()
        if not line:
            continue
        if line.startswith("-"):
            opt, val = _split_option(line)
            if opt in ("-r", "--requirement", "-c", "--constraint"):
                if not val or _URLISH.match(val) and "://" in val:
                    continue  # remote includes are not followed
                target = (path.parent / os.path.expandvars(val)).resolve() if not os.path.isabs(val) else Path(val)
                if not _inside(target, ctx.root):
                    state.errors.append(ScanError(rel, lineno, f"include {val!r} is outside the scanned target; not followed"))
                    continue
                is_c = opt in ("-c", "--constraint")
                inc = _read_requirements(target, state, None, scope, constraint=constraint or is_c,
                                         from_file=rel, from_line=lineno)
                if inc and not (constraint or is_c):
                    deps.extend(inc)
                continue
            if opt in ("-e", "--editable"):
                d = _url_requirement(val, path, lineno, scope)
                if d is not None:
                    d.extra["editable"] = True
                    deps.append(d)
                    last = d
                continue
            if opt in _LINE_OPTS or opt.startswith("--"):
                continue
            continue
        line = _REQ_OPTION_STRIP.sub("", line).strip()
        if _URLISH.match(line) or line.endswith((".whl", ".zip", ".tar.gz")) and "@" not in line:
            d = _url_requirement(line, path, lineno, scope)
        else:
            d = parse_pep508(line, path, lineno, rel, state.errors, scope)
        if d is None:
            continue
        if constraint:
            if d.version:
                state.constraints.setdefault(d.name, (d.version, path))
            continue
        deps.append(d)
        last = d
    close_via()
    if compiled and not constraint:
        state.compiled = True
    state.stack.pop()
    return deps


def _url_requirement(val: str, path: Path, line: int, scope: str) -> Dep | None:
    """A URL / VCS / path requirement: the name from `#egg=`, a wheel file name or
    `name @ url`; version unknown. None when no name can be told (a local project)."""
    val = _REQ_OPTION_STRIP.sub("", val).strip()
    if " @ " in val:
        try:
            req = Requirement(val)
            return dep_from_requirement(req, path, line, scope, url=req.url)
        except InvalidRequirement:
            pass
    m = _EGG.search(val)
    name = m.group(1) if m else None
    if name is None:
        w = _WHEEL.search(val.split("#")[0])
        name = w.group(1) if w else None
    if name is None:
        return None
    extras: tuple[str, ...] = ()
    if "[" in name:
        name, _, ex = name.partition("[")
        extras = tuple(x.strip() for x in ex.rstrip("]").split(",") if x.strip())
    return Dep(name=pep503(name), line=line, file=path, ecosystem="PyPI", version_range=None, scope=scope,
               url=val, extras=extras)


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except ValueError:
        return False


# --------------------------------------------------------------------------- pyproject.toml

_POETRY_CONSTRAINT = re.compile(r"^\s*(\^|~(?!=)|~=|==|!=|<=|>=|<|>|=)?\s*(\S+?)\s*$")


def _release(v: str) -> list[int]:
    m = re.match(r"^v?(\d+(?:\.\d+)*)", v.strip())
    if not m:
        raise ValueError(f"not a version: {v!r}")
    return [int(x) for x in m.group(1).split(".")]


def _fmt(parts: list[int]) -> str:
    return ".".join(str(p) for p in parts)


def poetry_constraint(text: str) -> tuple[str | None, str]:
    """Translate a Poetry constraint into `(exact version or None, PEP 440 specifier)`.

    `^1.2.3` → `>=1.2.3,<2.0.0`; `^0.2.3` → `>=0.2.3,<0.3.0`; `^0.0.3` → `>=0.0.3,<0.0.4`;
    `^0` → `>=0,<1.0.0`; `~1.2.3` / `~1.2` → `<1.3.0`; `~1` → `<2.0.0`; `1.2.*` → `==1.2.*`;
    a bare `1.2.3` is an exact pin; `*` or empty is any version (`""`); `a || b` is kept
    as two specifiers joined with ` || ` (PEP 440 has no union)."""
    text = text.strip()
    if "||" in text or re.search(r"\s\|\s", text):
        parts = [poetry_constraint(p)[1] for p in re.split(r"\|\|?", text) if p.strip()]
        return None, " || ".join(parts)
    if text in ("", "*"):
        return None, ""
    pieces = [p for p in re.split(r"\s*,\s*|\s+(?=[<>=!~^])", text) if p.strip()]
    specs: list[str] = []
    for piece in pieces:
        m = _POETRY_CONSTRAINT.match(piece)
        if not m:
            raise ValueError(f"not a Poetry constraint: {piece!r}")
        op, ver = m.group(1) or "", m.group(2)
        if ver in ("*",):
            continue
        if op == "^":
            rel = _release(ver)
            if rel[0] > 0 or len(rel) == 1:
                upper = [rel[0] + 1, 0, 0]
            elif rel[1] > 0 or len(rel) == 2:
                upper = [0, rel[1] + 1, 0]
            else:
                upper = [0, 0, rel[2] + 1]
            specs += [f">={ver}", f"<{_fmt(upper)}"]
        elif op == "~":
            rel = _release(ver)
            upper = [rel[0] + 1, 0, 0] if len(rel) == 1 else [rel[0], rel[1] + 1, 0]
            specs += [f">={ver}", f"<{_fmt(upper)}"]
        elif op in ("", "=", "=="):
            specs.append(f"=={ver}")
        else:
            specs.append(f"{op}{ver}")
    if len(specs) == 1 and specs[0].startswith("==") and "*" not in specs[0]:
        return specs[0][2:], specs[0]
    from packaging.specifiers import InvalidSpecifier, SpecifierSet

    try:
        SpecifierSet(",".join(specs))
    except InvalidSpecifier as exc:
        raise ValueError(str(exc)) from None
    return None, ",".join(specs)


def parse_pyproject(path: Path, text: str, ctx: SourceContext) -> Parsed:
    parsed = Parsed(path, "manifest", "pyproject")
    rel = ctx.rel(path)
    data = decode(parsed, text, rel, "toml")
    if data is UNDECODABLE:
        return parsed
    lines = text.splitlines()
    errors = parsed.errors
    deps = parsed.deps

    def pep508_list(items: Any, header: str, scope: str, group: str | None) -> None:
        start = table_line(lines, header)
        start = 0 if start is None else start
        for item in items if isinstance(items, list) else []:
            if not isinstance(item, str):
                continue  # {include-group = ...}
            d = parse_pep508(item, path, find_line(lines, item, start), rel, errors, scope, group)
            if d:
                deps.append(d)

    project = data.get("project") if isinstance(data.get("project"), dict) else {}
    pep508_list(project.get("dependencies"), "project", "runtime", None)
    opt = project.get("optional-dependencies")
    if isinstance(opt, dict):
        hdr = "project.optional-dependencies" if table_line(lines, "project.optional-dependencies") is not None else "project"
        for g, items in opt.items():
            pep508_list(items, hdr, "optional", g)
    groups = data.get("dependency-groups")
    if isinstance(groups, dict):
        for g, items in groups.items():
            pep508_list(items, "dependency-groups", "dev", g)
    tool = data.get("tool") if isinstance(data.get("tool"), dict) else {}
    uv = tool.get("uv") if isinstance(tool.get("uv"), dict) else {}
    pep508_list(uv.get("dev-dependencies"), "tool.uv", "dev", "dev")

    poetry = tool.get("poetry") if isinstance(tool.get("poetry"), dict) else {}
    if poetry:
        tables: list[tuple[str, Any, str, str | None]] = [
            ("tool.poetry.dependencies", poetry.get("dependencies"), "runtime", None),
            ("tool.poetry.dev-dependencies", poetry.get("dev-dependencies"), "dev", "dev"),
        ]
        for g, body in (poetry.get("group") or {}).items():
            if isinstance(body, dict):
                tables.append((f"tool.poetry.group.{g}.dependencies", body.get("dependencies"),
                               "runtime" if g == "main" else "dev", None if g == "main" else g))
        for header, table, scope, group in tables:
            if not isinstance(table, dict):
                continue
            start = table_line(lines, header)
            for name, spec in table.items():
                if name.lower() == "python":
                    continue
                line = None
                if start is not None:
                    line = key_line(lines, name, start + 1)
                if line is None:
                    sub = table_line(lines, f"{header}.{name}")
                    line = sub + 1 if sub is not None else (start + 1 if start is not None else 1)
                for one in spec if isinstance(spec, list) else [spec]:
                    d = _poetry_dep(name, one, path, line, scope, group, rel, errors)
                    if d:
                        deps.append(d)
    return parsed


def _poetry_dep(name: str, spec: Any, path: Path, line: int, scope: str, group: str | None, rel: str,
                errors: list[ScanError]) -> Dep | None:
    markers = None
    url = None
    extras: tuple[str, ...] = ()
    if isinstance(spec, dict):
        if spec.get("optional") is True and scope == "runtime":
            scope = "optional"
        markers = spec.get("markers") if isinstance(spec.get("markers"), str) else None
        extras = tuple(spec.get("extras") or ())
        for k in ("git", "url", "path", "file"):
            if isinstance(spec.get(k), str):
                url = spec[k] if k != "git" else f"git+{spec[k]}" + (
                    f"@{spec.get('rev') or spec.get('tag') or spec.get('branch')}"
                    if spec.get("rev") or spec.get("tag") or spec.get("branch") else "")
        constraint = spec.get("version", "*" if url is None else None)
    elif isinstance(spec, str):
        constraint = spec
    else:
        return None
    version = None
    rng: str | None = None
    if url is None and isinstance(constraint, str):
        try:
            version, rng = poetry_constraint(constraint)
        except ValueError as exc:
            errors.append(ScanError(rel, line, f"invalid Poetry constraint for {name}: {exc}"))
            return None
    return Dep(name=pep503(name), line=line, file=path, ecosystem="PyPI", version=version,
               version_range=None if version else rng, scope=scope, markers=markers, extras=extras, url=url,
               group=group)


# --------------------------------------------------------------------------- Pipfile, setup.cfg, environment.yml


def parse_pipfile(path: Path, text: str, ctx: SourceContext) -> Parsed:
    parsed = Parsed(path, "manifest", "pipfile")
    rel = ctx.rel(path)
    data = decode(parsed, text, rel, "toml")
    if data is UNDECODABLE:
        return parsed
    lines = text.splitlines()
    for section, scope in (("packages", "runtime"), ("dev-packages", "dev")):
        table = data.get(section)
        if not isinstance(table, dict):
            continue
        start = table_line(lines, section)
        for name, spec in table.items():
            line = key_line(lines, name, start + 1) if start is not None else None
            line = line or (start + 1 if start is not None else 1)
            version_text = spec if isinstance(spec, str) else (spec.get("version", "*") if isinstance(spec, dict) else "*")
            url = None
            if isinstance(spec, dict):
                for k in ("git", "path", "file"):
                    if isinstance(spec.get(k), str):
                        url = spec[k] if k != "git" else f"git+{spec[k]}"
            req_text = name + ("" if version_text in ("*", "") else version_text)
            d = parse_pep508(req_text, path, line, rel, parsed.errors, scope)
            if d is None:
                continue
            if url:
                d.url, d.version, d.version_range = url, None, None
            if isinstance(spec, dict):
                if isinstance(spec.get("markers"), str):
                    d.markers = spec["markers"]
                d.extras = tuple(spec.get("extras") or ())
            parsed.deps.append(d)
    return parsed


def parse_setup_cfg(path: Path, text: str, ctx: SourceContext) -> Parsed:
    parsed = Parsed(path, "manifest", "setup.cfg")
    rel = ctx.rel(path)
    cp = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        cp.read_string(text, source=rel)
    except configparser.Error as exc:
        line = getattr(exc, "lineno", None)
        if line is None and getattr(exc, "errors", None):
            line = exc.errors[0][0]
        parsed.errors.append(ScanError(rel, line, f"invalid setup.cfg: {str(exc).splitlines()[0]}"))
        parsed.ok = False
        return parsed
    lines = text.splitlines()

    def section_start(name: str) -> int:
        for i, ln in enumerate(lines):
            if ln.strip().lower() == f"[{name}]":
                return i
        return 0

    def add(value: str, section: str, scope: str, group: str | None) -> None:
        start = section_start(section)
        value = value.strip()
        if value.startswith("file:"):
            for f in value[5:].split(","):
                inc = parse_requirements((path.parent / f.strip()), ctx)
                parsed.errors.extend(inc.errors)
                for d in inc.deps:
                    d.scope, d.group = scope, group
                    parsed.deps.append(d)
            return
        for raw in value.splitlines():
            item = _COMMENT.sub("", raw).strip()
            if not item:
                continue
            d = parse_pep508(item, path, find_line(lines, item, start), rel, parsed.errors, scope, group)
            if d:
                parsed.deps.append(d)

    if cp.has_option("options", "install_requires"):
        add(cp.get("options", "install_requires"), "options", "runtime", None)
    if cp.has_section("options.extras_require"):
        for g, value in cp.items("options.extras_require"):
            add(value, "options.extras_require", "optional", g)
    return parsed


_CONDA_SPEC = re.compile(r"^([A-Za-z0-9_.\-]+)\s*(.*)$")


def parse_environment_yml(path: Path, text: str, ctx: SourceContext) -> Parsed:
    parsed = Parsed(path, "manifest", "conda-environment")
    rel = ctx.rel(path)
    root = decode(parsed, text, rel, "yaml")
    if root is UNDECODABLE:
        return parsed
    deps_node = node_get(root, "dependencies")
    if not isinstance(deps_node, yaml.SequenceNode):
        return parsed
    state = _ReqState(ctx, parsed.errors, [path.resolve()], {path.resolve()}, {})
    for item in deps_node.value:
        line = item.start_mark.line + 1
        if isinstance(item, yaml.ScalarNode):
            d = _conda_dep(item.value, path, line)
            if d:
                parsed.deps.append(d)
            elif item.value.strip():
                parsed.errors.append(ScanError(rel, line, f"invalid conda package spec {item.value!r}"))
        elif isinstance(item, yaml.MappingNode):
            pip = node_get(item, "pip")
            if not isinstance(pip, yaml.SequenceNode):
                continue
            for p in pip.value:
                if not isinstance(p, yaml.ScalarNode):
                    continue
                pline = p.start_mark.line + 1
                value = _COMMENT.sub("", p.value).strip()
                if value.startswith("-"):
                    opt, val = _split_option(value)
                    if opt in ("-r", "--requirement"):
                        target = (path.parent / val).resolve()
                        if _inside(target, ctx.root):
                            parsed.deps.extend(_read_requirements(target, state, None, "runtime",
                                                                  from_file=rel, from_line=pline) or [])
                        else:
                            parsed.errors.append(ScanError(rel, pline, f"include {val!r} is outside the scanned target; not followed"))
                    elif opt in ("-e", "--editable"):
                        d = _url_requirement(val, path, pline, "runtime")
                        if d:
                            parsed.deps.append(d)
                    continue
                value = _REQ_OPTION_STRIP.sub("", value).strip()
                if _URLISH.match(value):
                    d = _url_requirement(value, path, pline, "runtime")
                else:
                    d = parse_pep508(value, path, pline, rel, parsed.errors)
                if d:
                    parsed.deps.append(d)
    return parsed


def _conda_dep(spec: str, path: Path, line: int) -> Dep | None:
    spec = spec.strip()
    channel = None
    if "::" in spec:
        channel, _, spec = spec.partition("::")
        channel = channel.strip() or None
    m = _CONDA_SPEC.match(spec)
    if not m:
        return None
    name, rest = m.group(1).lower(), m.group(2).strip()
    version = None
    rng: str | None = rest
    build = None
    if rest.startswith("=="):
        v = rest[2:].strip()
        if v and not any(c in v for c in "*|,<>!"):
            version = v
    elif rest.startswith("=") and rest.count("=") >= 2:
        v, _, build = rest[1:].partition("=")
        if v and not any(c in v for c in "*|,<>!"):
            version = v  # `conda env export` form: name=version=build, an exact pin
    elif rest and " " in rest and not any(c in rest for c in "<>=!*|,"):
        v, _, build = rest.partition(" ")
        version = v.strip()
    d = Dep(name=name, line=line, file=path, ecosystem="conda", version=version,
            version_range=None if version else rng, qualifiers={"channel": channel} if channel else {})
    if build:
        d.extra["build"] = build.strip()
    return d


# --------------------------------------------------------------------------- lock files


def _toml_package_lines(text: str) -> list[int]:
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
    data = decode(parsed, text, rel, "toml")
    if data is UNDECODABLE:
        return parsed
    packages = data.get("package") if isinstance(data.get("package"), list) else []
    lines = _toml_package_lines(text)
    for i, pkg in enumerate(packages):
        if not isinstance(pkg, dict) or not isinstance(pkg.get("name"), str):
            continue
        groups = pkg.get("groups")
        if pkg.get("category") == "dev" or (isinstance(groups, list) and groups and "main" not in groups):
            scope = "dev"
        elif pkg.get("optional") is True:
            scope = "optional"
        else:
            scope = "runtime"
        d = Dep(name=pep503(pkg["name"]), line=lines[i] if i < len(lines) else 1, file=path, ecosystem="PyPI",
                version=str(pkg.get("version")) if pkg.get("version") else None, scope=scope)
        src = pkg.get("source")
        if isinstance(src, dict) and src.get("type") in ("git", "url", "file", "directory"):
            d.url = str(src.get("url"))
            if src.get("type") == "git" and src.get("resolved_reference"):
                d.url = f"git+{src['url']}@{src['resolved_reference']}"
        parsed.deps.append(d)
    return parsed


def parse_uv_lock(path: Path, text: str, ctx: SourceContext, manifests: dict) -> Parsed:
    parsed = Parsed(path, "lock", "uv.lock")
    rel = ctx.rel(path)
    data = decode(parsed, text, rel, "toml")
    if data is UNDECODABLE:
        return parsed
    packages = [p for p in (data.get("package") or []) if isinstance(p, dict) and isinstance(p.get("name"), str)]
    lines = _toml_package_lines(text)
    by_name: dict[str, list[int]] = {}
    for i, p in enumerate(packages):
        by_name.setdefault(pep503(p["name"]), []).append(i)

    def is_root(p: dict) -> bool:
        src = p.get("source")
        return isinstance(src, dict) and ("editable" in src or "virtual" in src)

    def targets(entries: Any) -> list[int]:
        out: list[int] = []
        for e in entries if isinstance(entries, list) else []:
            if not isinstance(e, dict) or not isinstance(e.get("name"), str):
                continue
            cands = by_name.get(pep503(e["name"]), [])
            if "version" in e:
                cands = [c for c in cands if str(packages[c].get("version")) == str(e["version"])] or cands
            for c in cands:
                out.append(c)
                for extra in e.get("extra") or []:
                    out.extend(targets((packages[c].get("optional-dependencies") or {}).get(extra)))
        return out

    roots: list[tuple[int, str]] = []
    direct: set[int] = set()
    for p in packages:
        if not is_root(p):
            continue
        for t in targets(p.get("dependencies")):
            roots.append((t, "runtime"))
        for items in (p.get("optional-dependencies") or {}).values():
            roots.extend((t, "optional") for t in targets(items))
        for items in (p.get("dev-dependencies") or {}).values():
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
        d = Dep(name=pep503(p["name"]), line=lines[i] if i < len(lines) else 1, file=path, ecosystem="PyPI",
                version=str(p["version"]) if p.get("version") is not None else None, scope=scope,
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
    data = decode(parsed, text, rel, "json")
    if data is UNDECODABLE:
        return parsed
    if not isinstance(data, dict):
        parsed.errors.append(ScanError(rel, 1, "Pipfile.lock is not a JSON object"))
        parsed.ok = False
        return parsed
    key_lines = json_key_lines(text, max_depth=2)
    for section, scope in (("default", "runtime"), ("develop", "dev")):
        table = data.get(section)
        if not isinstance(table, dict):
            continue
        for name, entry in table.items():
            if not isinstance(entry, dict):
                continue
            ver = entry.get("version")
            version = ver[2:] if isinstance(ver, str) and ver.startswith("==") else None
            d = Dep(name=pep503(name), line=key_lines.get((section, name), 1), file=path, ecosystem="PyPI",
                    version=version, scope=scope,
                    markers=entry.get("markers") if isinstance(entry.get("markers"), str) else None,
                    extras=tuple(entry.get("extras") or ()))
            for k in ("git", "path", "file"):
                if isinstance(entry.get(k), str):
                    d.url = entry[k] if k != "git" else f"git+{entry[k]}" + (f"@{entry['ref']}" if entry.get("ref") else "")
                    d.version = None
            parsed.deps.append(d)
    return parsed


# --------------------------------------------------------------------------- the source

_EXACT = {"pyproject.toml", "poetry.lock", "uv.lock", "Pipfile", "Pipfile.lock", "setup.cfg",
          "environment.yml", "environment.yaml"}
_LOCKS = {"poetry.lock": parse_poetry_lock, "uv.lock": parse_uv_lock, "Pipfile.lock": parse_pipfile_lock}


class PythonDepsSource:
    """Python dependency manifests and lock files (see the module docstring)."""

    name = "python-deps"

    def claims(self, path: Path) -> bool:
        n = path.name
        if n in _EXACT:
            return True
        return n.endswith((".txt", ".in")) and (n.startswith("requirements") or path.parent.name == "requirements")

    def load(self, files: list[Path], ctx: SourceContext) -> SourceResult:
        return load_dependency_files(self.name, files, ctx, self._parse_manifest, self._parse_lock,
                                     lambda p: p.name in _LOCKS)

    @staticmethod
    def _parse_manifest(path: Path, text: str, ctx: SourceContext) -> Parsed:
        n = path.name
        if n == "pyproject.toml":
            return parse_pyproject(path, text, ctx)
        if n == "Pipfile":
            return parse_pipfile(path, text, ctx)
        if n == "setup.cfg":
            return parse_setup_cfg(path, text, ctx)
        if n in ("environment.yml", "environment.yaml"):
            return parse_environment_yml(path, text, ctx)
        return parse_requirements(path, ctx, text)

    @staticmethod
    def _parse_lock(path: Path, text: str, ctx: SourceContext, manifests: dict) -> Parsed:
        return _LOCKS[path.name](path, text, ctx, manifests)
