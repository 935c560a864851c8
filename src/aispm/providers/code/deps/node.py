"""npm dependency manifests and lock files → one `library` asset per dependency.

Claimed by file name only: `package.json`, `package-lock.json`, `yarn.lock`,
`pnpm-lock.yaml` (never under `node_modules/`, whose manifests are installed
packages, not the project's).

- `package.json`: `dependencies` (runtime), `devDependencies` (dev),
  `optionalDependencies` (optional), `peerDependencies` (peer). A range is kept as
  `version_range` as written; a bare exact version (`"1.2.3"`) is a pin. `npm:` aliases
  resolve to the real package; `git`/`file:`/`link:`/`workspace:` specs keep the name
  and no version.
- `package-lock.json` v1 (nested `dependencies`) and v2/v3 (`packages`, keyed by
  `node_modules/...` path): every installed package with its exact version, scope from
  the `dev`/`optional`/`devOptional`/`peer` flags, `direct` for the top-level copy of a
  package the root (or a workspace) declares.
- `yarn.lock` classic v1 (its own format, parsed here) and Berry v2+ (YAML): one asset
  per resolved entry, at its header line; with a `package.json` beside it, direct
  entries are the ones resolving the manifest's range, and scope is propagated through
  the lock's dependency graph.
- `pnpm-lock.yaml` v5/v6 (`/name@version` or `/name/version` keys, `dev` flags) and
  v9 (`importers`, `packages`, `snapshots`: scope propagated from the importers through
  the snapshots).

Lines come from the documents themselves: a key-path scanner for JSON, the YAML
composer's marks, the header line in yarn v1.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from aispm.formats.jsonc import json_key_lines
from aispm.model import ScanError, Unknown
from aispm.providers.code.deps.common import Dep, ManifestEntry, Parsed, load_dependency_files, propagate_scopes
from aispm.formats.located import DocError
from aispm.providers.code.deps.documents import (
    UNDECODABLE,
    decode,
    doc_error,
    node_items,
    node_py,
    wrong_type,
    yaml_compose,
)
from aispm.source import SourceContext, SourceResult

ECO = "npm"
SECTIONS = (("dependencies", "runtime"), ("optionalDependencies", "optional"),
            ("peerDependencies", "peer"), ("devDependencies", "dev"))
_EXACT_SEMVER = re.compile(r"^[=v]?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)$")
_NON_REGISTRY_PREFIXES = ("git+", "git:", "github:", "gitlab:", "bitbucket:", "gist:", "http:", "https:", "file:",
                          "link:", "portal:", "workspace:", "patch:")
_AT_OR_SPACE = re.compile(r"[@\s]")


def non_registry(spec: str) -> bool:
    """A spec that does not name a registry version: a git, URL, file, link or workspace spec, or a
    GitHub shorthand `user/repo` (a `/` inside, no `@` or blank anywhere)."""
    if spec.startswith(_NON_REGISTRY_PREFIXES):
        return True
    return "/" in spec[1:-1] and _AT_OR_SPACE.search(spec) is None


def split_spec(spec: str) -> tuple[str, str]:
    """`@scope/name@range` → (`@scope/name`, `range`); no range → (spec, "")."""
    i = spec.find("@", 1)
    if i < 0:
        return spec, ""
    return spec[:i], spec[i + 1:]


def _unalias(name: str, rng: str) -> tuple[str, str, str | None]:
    """`npm:real@range` → (real, range, alias)."""
    if rng.startswith("npm:"):
        real, r = split_spec(rng[4:])
        return real, r, name
    return name, rng, None


def _clean_range(r: str) -> str:
    return r[4:] if r.startswith("npm:") else r


# --------------------------------------------------------------------------- package.json


def parse_package_json(path: Path, text: str, ctx: SourceContext) -> Parsed:
    parsed = Parsed(path, "manifest", "package.json")
    rel = ctx.rel(path)
    data = decode(parsed, text, rel, "json", ctx.limits)
    if data is UNDECODABLE:
        return parsed
    if not isinstance(data, dict):
        wrong_type(parsed, rel, 1, "package.json", data, "an object")
        parsed.ok = False
        return parsed
    lines = json_key_lines(text, max_depth=2)
    for section, scope in SECTIONS:
        table = data.get(section)
        if table is None:
            continue
        if not isinstance(table, dict):
            wrong_type(parsed, rel, lines.get((section,)), f"`{section}`", table,
                       "an object of package name → version range")
            continue
        bad = 0
        for key, spec in table.items():
            if not isinstance(spec, str):
                bad += 1
                continue
            name, rng, alias = _unalias(key, spec.strip())
            d = Dep(name=name, line=lines.get((section, key), 1), file=path, ecosystem=ECO, scope=scope)
            if alias:
                d.extra["alias"] = alias
            if non_registry(rng):
                d.url = rng
            else:
                m = _EXACT_SEMVER.match(rng)
                if m:
                    d.version = m.group(1)
                else:
                    d.version_range = rng
            parsed.deps.append(d)
        if bad:
            parsed.errors.append(ScanError(rel, lines.get((section,)), f"{bad} entr{'y' if bad == 1 else 'ies'} of "
                                                                       f"`{section}` with a version range that is "
                                                                       "not a string; skipped"))
    return parsed


# --------------------------------------------------------------------------- package-lock.json

#: A JSON object key (linear: one unambiguous loop, and it always ends at its closing quote).
_KEY = re.compile(r'"([^"\\\n]*(?:\\.[^"\\\n]*)*)"\s*:')


def _version_or_url(d: Dep, version: Any) -> None:
    if not isinstance(version, str) or not version:
        return
    if version.startswith("npm:"):
        real, v = split_spec(version[4:])
        d.extra["alias"], d.name, version = d.name, real, v
    if non_registry(version) or ":" in version:
        d.url = version
    else:
        d.version = version


def _flag_scope(entry: dict) -> str:
    if entry.get("dev") or entry.get("devOptional"):
        return "dev"
    if entry.get("optional"):
        return "optional"
    if entry.get("peer"):
        return "peer"
    return "runtime"


def parse_package_lock(path: Path, text: str, ctx: SourceContext, manifests: dict) -> Parsed:
    parsed = Parsed(path, "lock", "package-lock")
    rel = ctx.rel(path)
    data = decode(parsed, text, rel, "json", ctx.limits)
    if data is UNDECODABLE:
        return parsed
    if not isinstance(data, dict):
        wrong_type(parsed, rel, 1, "package-lock.json", data, "an object")
        parsed.ok = False
        return parsed
    packages = data.get("packages")
    deps = data.get("dependencies")
    if packages is not None and not isinstance(packages, dict):
        wrong_type(parsed, rel, None, "`packages`", packages, "an object of install path → package")
    if deps is not None and not isinstance(deps, dict):
        wrong_type(parsed, rel, None, "`dependencies`", deps, "an object of package name → package")
    if isinstance(packages, dict) and packages:
        _lock_v2(parsed, rel, text, packages)
    elif isinstance(deps, dict):
        _lock_v1(parsed, text, deps)
    elif packages is not None or deps is not None:
        parsed.ok = False
    return parsed


def _lock_v2(parsed: Parsed, rel: str, text: str, packages: dict) -> None:
    key_lines: dict[str, int] = {}
    line, pos = 1, 0
    for m in _KEY.finditer(text):  # in order: count newlines incrementally
        k = m.group(1)
        if "node_modules/" not in k:
            continue
        line += text.count("\n", pos, m.start())
        pos = m.start()
        key_lines.setdefault(json.loads(f'"{k}"') if "\\" in k else k, line)
    declared: dict[str, str] = {}  # name -> scope, from the root and the workspaces
    not_objects = 0
    for key, entry in packages.items():
        if not isinstance(entry, dict):
            not_objects += 1
            continue
        if "node_modules/" in f"/{key}":
            continue
        for section, scope in reversed(SECTIONS):
            table = entry.get(section)
            for n in table if isinstance(table, dict) else ():
                declared[n] = scope
    if not_objects:
        parsed.errors.append(ScanError(rel, None, f"{not_objects} entr{'y' if not_objects == 1 else 'ies'}"
                                                                " of `packages` not an object; skipped"))
    for key, entry in packages.items():
        if not isinstance(entry, dict) or "node_modules/" not in f"/{key}" or entry.get("link"):
            continue
        installed_as = key.rsplit("node_modules/", 1)[1]
        name = entry.get("name") if isinstance(entry.get("name"), str) else installed_as
        top = key == f"node_modules/{installed_as}"
        d = Dep(name=name, line=key_lines.get(key, 1), file=parsed.path, ecosystem=ECO,
                scope=_flag_scope(entry), direct=top and installed_as in declared)
        if d.direct:
            d.scope = declared[installed_as]
        if name != installed_as:
            d.extra["alias"] = installed_as
        _version_or_url(d, entry.get("version"))
        if d.version is None and d.url is None and isinstance(entry.get("resolved"), str):
            d.url = entry["resolved"]
        parsed.deps.append(d)


def _lock_v1(parsed: Parsed, text: str, deps: dict) -> None:
    lines = json_key_lines(text)

    def walk(table: dict, prefix: tuple[str, ...], depth: int) -> None:
        for name, entry in table.items():
            if not isinstance(entry, dict):
                continue
            path = prefix + (name,)
            d = Dep(name=name, line=lines.get(path, 1), file=parsed.path, ecosystem=ECO,
                    scope=_flag_scope(entry), direct=None if depth == 0 else False)
            _version_or_url(d, entry.get("version"))
            parsed.deps.append(d)
            if isinstance(entry.get("dependencies"), dict):
                walk(entry["dependencies"], path + ("dependencies",), depth + 1)

    walk(deps, ("dependencies",), 0)


# --------------------------------------------------------------------------- yarn.lock


def _split_header(header: str) -> list[str]:
    out = []
    for part in header.split(","):
        p = part.strip()
        if len(p) >= 2 and p[0] == p[-1] == '"':
            p = p[1:-1]
        if p:
            out.append(p)
    return out


def _kv(s: str) -> tuple[str, str]:
    if s.startswith('"'):
        end = s.find('"', 1)
        key, rest = s[1:end], s[end + 1:]
    else:
        key, _, rest = s.partition(" ")
    rest = rest.strip()
    if len(rest) >= 2 and rest[0] == rest[-1] == '"':
        rest = rest[1:-1]
    return key, rest


def parse_yarn_v1(text: str) -> list[dict]:
    """Entries of a classic yarn.lock: `{specs, line, version, resolved, dependencies}`."""
    entries: list[dict] = []
    cur: dict | None = None
    section: str | None = None
    for i, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        indent = len(raw) - len(raw.lstrip(" "))
        s = raw.strip()
        if indent == 0:
            cur = {"specs": _split_header(s.rstrip(":")), "line": i, "dependencies": {}, "optionalDependencies": {}}
            entries.append(cur)
            section = None
        elif cur is None:
            continue
        elif indent <= 2:
            if s.endswith(":"):
                section = s[:-1].strip('"')
                continue
            section = None
            k, v = _kv(s)
            cur[k] = v
        elif section in ("dependencies", "optionalDependencies"):
            k, v = _kv(s)
            cur[section][k] = v
    return entries


def _yarn_berry(text: str, root: yaml.Node) -> list[dict]:
    entries: list[dict] = []
    for k, v in node_items(root):
        key = k.value if isinstance(k, yaml.ScalarNode) else ""
        if key == "__metadata":
            continue
        body = node_py(v)
        if not isinstance(body, dict):
            continue
        entries.append({**body, "specs": _split_header(key), "line": k.start_mark.line + 1})
    return entries


def parse_yarn_lock(path: Path, text: str, ctx: SourceContext, manifests: dict) -> Parsed:
    parsed = Parsed(path, "lock", "yarn.lock")
    rel = ctx.rel(path)
    berry = re.search(r"^__metadata:", text, re.M) is not None
    if berry:
        try:
            entries = _yarn_berry(text, yaml_compose(text, ctx.limits))
        except DocError as exc:
            parsed.errors.append(doc_error(exc, rel, "yaml"))
            parsed.ok = False
            return parsed
    else:
        entries = parse_yarn_v1(text)
    by_spec: dict[tuple[str, str], int] = {}
    keep: list[int] = []
    for idx, e in enumerate(entries):
        if e.get("linkType") == "soft" or any("@workspace:" in s for s in e["specs"]):
            continue
        keep.append(idx)
        for s in e["specs"]:
            n, r = split_spec(s)
            by_spec[(n, _clean_range(r))] = idx

    def edges(idx: int) -> list[int]:
        e = entries[idx]
        out = []
        for sec in ("dependencies", "optionalDependencies"):
            table = e.get(sec)
            for n, r in table.items() if isinstance(table, dict) else ():
                t = by_spec.get((n, _clean_range(str(r))))
                if t is not None:
                    out.append(t)
        return out

    roots: list[tuple[int, str]] = []
    for (eco, name), m in manifests.items():
        if eco != ECO:
            continue
        t = by_spec.get((name, m.version_range or ""))
        if t is not None:
            roots.append((t, m.scope))
    direct = {t for t, _ in roots}
    scopes = propagate_scopes(roots, edges) if manifests else {}
    for idx in keep:
        e = entries[idx]
        key_name, _ = split_spec(e["specs"][0]) if e["specs"] else ("", "")
        name = key_name
        res = e.get("resolution")
        if isinstance(res, str) and res:
            name = split_spec(res)[0]
        else:
            real, _, _ = _unalias(key_name, split_spec(e["specs"][0])[1]) if e["specs"] else (key_name, "", None)
            name = real
        if not name:
            continue
        scope: str | Unknown = scopes.get(idx) or Unknown(
            "yarn.lock does not record scope" + ("" if manifests else "; no package.json beside it"))
        d = Dep(name=name, line=e["line"], file=path, ecosystem=ECO, scope=scope,
                direct=(idx in direct) if manifests else False,
                specs=tuple(_clean_range(split_spec(s)[1]) for s in e["specs"]))
        if name != key_name:
            d.extra["alias"] = key_name
        _version_or_url(d, e.get("version"))
        parsed.deps.append(d)
    return parsed


# --------------------------------------------------------------------------- pnpm-lock.yaml


def _pnpm_key(key: str) -> tuple[str, str]:
    """Package key → (name, version) for v5 (`/a/1.0.0_peer`), v6 (`/a@1.0.0(peer)`), v9 (`a@1.0.0`)."""
    k = key[1:] if key.startswith("/") else key
    paren = k.find("(")
    if paren > 0:
        k = k[:paren]
    i = k.find("@", 1)
    if i > 0:
        return k[:i], k[i + 1:]
    j = k.rfind("/")  # v5
    name, ver = (k[:j], k[j + 1:]) if j > 0 else (k, "")
    return name, ver.split("_", 1)[0]


def _strip_peers(v: str) -> str:
    p = v.find("(")
    return v[:p] if p > 0 else v


def _table(value: Any) -> dict:
    """A mapping of the lock, or an empty one when it is something else."""
    return value if isinstance(value, dict) else {}


def parse_pnpm_lock(path: Path, text: str, ctx: SourceContext, manifests: dict) -> Parsed:
    parsed = Parsed(path, "lock", "pnpm-lock")
    rel = ctx.rel(path)
    root = decode(parsed, text, rel, "yaml", ctx.limits)
    if root is UNDECODABLE:
        return parsed
    if root is not None and not isinstance(root, yaml.MappingNode):
        wrong_type(parsed, rel, root.start_mark.line + 1, "pnpm-lock.yaml", root, "a mapping")
        parsed.ok = False
        return parsed
    top = {k.value: v for k, v in node_items(root) if isinstance(k, yaml.ScalarNode)}
    for key in ("importers", "packages", "snapshots"):
        node = top.get(key)
        if node is not None and not isinstance(node, yaml.MappingNode) and not node.tag.endswith(":null"):
            wrong_type(parsed, rel, node.start_mark.line + 1, f"`{key}`", node, "a mapping")
    version_text = str(node_py(top.get("lockfileVersion")) or "")
    try:
        major = int(float(version_text))
    except (ValueError, OverflowError):
        major = 0
    importers = node_py(top.get("importers")) if "importers" in top else {
        ".": {s: node_py(top.get(s)) for s, _ in SECTIONS if s in top} | {"specifiers": node_py(top.get("specifiers"))}}
    if not isinstance(importers, dict):
        importers = {}
    snapshots = node_py(top.get("snapshots")) or {}
    pkg_nodes = node_items(top.get("packages"))

    def ref_version(name: str, ref: Any) -> str | None:
        """An importer / snapshot reference → the package's version (None for links)."""
        if isinstance(ref, dict):
            ref = ref.get("version")
        if not isinstance(ref, str) or ref.startswith(("link:", "file:")):
            return None
        if ref.startswith("/"):  # v5/v6 alias or non-registry ref: a package key
            return _pnpm_key(ref)[1]
        return _strip_peers(ref)

    direct: dict[tuple[str, str], str] = {}
    roots: list[tuple[str, str]] = []
    for imp in importers.values():
        if not isinstance(imp, dict):
            continue
        for section, scope in SECTIONS:
            for name, ref in _table(imp.get(section)).items():
                v = ref_version(name, ref)
                if v is None:
                    continue
                direct.setdefault((name, v), scope)
                snap_ref = ref.get("version") if isinstance(ref, dict) else ref
                roots.append((f"{name}@{snap_ref}", scope))

    scopes: dict[str, str] = {}
    if major >= 9 and isinstance(snapshots, dict):
        def edges(key: str) -> list[str]:
            body = snapshots.get(key) or {}
            out = []
            for sec in ("dependencies", "optionalDependencies"):
                for n, r in _table(body.get(sec)).items() if isinstance(body, dict) else []:
                    if isinstance(r, str) and not r.startswith("link:"):
                        out.append(f"{n}@{r}")
            return out

        for snap, scope in propagate_scopes(roots, edges).items():
            n, v = _pnpm_key(snap)
            pk = f"{n}@{v}"
            cur = scopes.get(pk)
            order = ("runtime", "optional", "peer", "dev")
            if cur is None or order.index(scope) < order.index(cur):
                scopes[pk] = scope

    for k, v in pkg_nodes:
        key = k.value if isinstance(k, yaml.ScalarNode) else ""
        body = node_py(v) or {}
        name, ver = _pnpm_key(key)
        if isinstance(body, dict) and isinstance(body.get("name"), str):
            name = body["name"]
            ver = body.get("version") or ver
        if not isinstance(ver, str):
            ver = ""
        if not name:
            continue
        if major >= 9:
            scope: str | Unknown = scopes.get(f"{name}@{ver}") or Unknown("not reachable from an importer")
        elif isinstance(body, dict) and body.get("dev") is True:
            scope = "dev"
        elif isinstance(body, dict) and body.get("optional") is True:
            scope = "optional"
        else:
            scope = "runtime"
        d = Dep(name=name, line=k.start_mark.line + 1, file=path, ecosystem=ECO, scope=scope,
                direct=(name, ver) in direct)
        if d.direct:
            d.scope = direct[(name, ver)]
        _version_or_url(d, ver)
        if d.version is None and isinstance(body, dict):
            res = body.get("resolution")
            if isinstance(res, dict) and isinstance(res.get("tarball") or res.get("repo"), str):
                d.url = res.get("tarball") or res.get("repo")
        parsed.deps.append(d)
    return parsed


# --------------------------------------------------------------------------- the source

_MANIFESTS = {"package.json"}
_LOCKS = {"package-lock.json": parse_package_lock, "yarn.lock": parse_yarn_lock, "pnpm-lock.yaml": parse_pnpm_lock}
_NAMES = _MANIFESTS | set(_LOCKS)


class NodeDepsSource:
    """npm manifests and lock files (see the module docstring)."""

    name = "node-deps"

    def claims(self, path: Path) -> bool:
        return path.name in _NAMES and "node_modules" not in path.parts

    def load(self, files: list[Path], ctx: SourceContext) -> SourceResult:
        return load_dependency_files(self.name, files, ctx, parse_package_json, self._parse_lock,
                                     lambda p: p.name in _LOCKS)

    @staticmethod
    def _parse_lock(path: Path, text: str, ctx: SourceContext, manifests: dict[tuple[str, str], ManifestEntry]) -> Parsed:
        return _LOCKS[path.name](path, text, ctx, manifests)
