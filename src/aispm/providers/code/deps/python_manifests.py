"""Python manifests other than requirements files: `pyproject.toml` (PEP 621 `dependencies` and
`optional-dependencies`, PEP 735 `dependency-groups`, `tool.uv.dev-dependencies`, Poetry tables),
`Pipfile`, `setup.cfg` (`install_requires`, `extras_require`, `file:` includes) and conda
`environment.yml` (conda specs and its `pip:` list).

Each declared package is a `Dep` at the line that declares it, found in the text (TOML parsers give no
lines). A Poetry constraint (`^1.2`, `~1.2.3`, `1.2.*`) is translated into a PEP 440 specifier, and a
bare version is an exact pin; a conda `name=version=build` (as `conda env export` writes) is one too.
Nothing is resolved: a range stays a range.
"""

from __future__ import annotations

import bisect
import configparser
import re
from pathlib import Path
from typing import Any

import yaml

from aispm.model import ScanError
from aispm.providers.code.deps.common import Dep, Parsed
from aispm.formats.text import clip
from aispm.providers.code.deps.documents import UNDECODABLE, decode, node_get, wrong_type
from aispm.providers.code.deps.requirements import (
    REQ_OPTION_STRIP,
    URLISH,
    RequirementsState,
    include_target,
    parse_pep508,
    parse_requirements,
    pep503,
    read_requirements,
    split_option,
    strip_comment,
    too_long,
    url_requirement,
)
from aispm.source import SourceContext


# --------------------------------------------------------------------------- lines in TOML text


class TextLines:
    """Where things are in a TOML (or INI) text, indexed once so that finding the line of each of
    thousands of entries costs no scan of the text per entry: the quoted strings of each line, the
    `key =` each line starts with, and the `[table]` headers."""

    _DQ = re.compile(r'"([^"\n]*)"')
    _SQ = re.compile(r"'([^'\n]*)'")
    _KEY = re.compile(r"""[ \t]*("[^"\n]*"|'[^'\n]*'|[A-Za-z0-9_.\-]+)[ \t]*=""")

    #: Characters the fallback (a needle that is not a quoted string) may scan in all, per text.
    SCAN_BUDGET = 20_000_000

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self._dq: dict[str, list[int]] = {}
        self._sq: dict[str, list[int]] = {}
        self._keys: dict[str, list[int]] = {}
        self._tables: dict[str, int] = {}
        self._brackets: list[int] = []  # lines that start (after blanks) with `[`
        for i, ln in enumerate(self.lines):
            if '"' in ln:
                for m in self._DQ.finditer(ln):
                    self._dq.setdefault(m.group(1), []).append(i)
            if "'" in ln:
                for m in self._SQ.finditer(ln):
                    self._sq.setdefault(m.group(1), []).append(i)
            st = ln.lstrip()
            if st.startswith("["):
                self._brackets.append(i)
                if not st.startswith("[["):
                    name = st[1:st.find("]")] if "]" in st else st[1:]
                    self._tables.setdefault(name.replace('"', "").replace("'", "").replace(" ", ""), i)
                continue
            m = self._KEY.match(ln)
            if m:
                k = m.group(1)
                if k[0] in "\"'":
                    k = k[1:-1]
                self._keys.setdefault(k, []).append(i)
        self._scanned = 0

    @staticmethod
    def _first_at(indices: list[int] | None, start: int) -> int | None:
        if not indices:
            return None
        j = bisect.bisect_left(indices, start)
        return indices[j] if j < len(indices) else None

    def find_line(self, needle: str, start: int = 0, default: int | None = None) -> int:
        """1-based line of the first line at or after `start` (0-based) that holds `needle`
        quoted, else unquoted, else `default` (or `start + 1`)."""
        for index in (self._dq, self._sq):
            i = self._first_at(index.get(needle), start)
            if i is not None:
                return i + 1
        if needle and self._scanned < self.SCAN_BUDGET:
            for i in range(start, len(self.lines)):
                self._scanned += len(self.lines[i])
                if needle in self.lines[i]:
                    return i + 1
                if self._scanned >= self.SCAN_BUDGET:
                    break
        return default if default is not None else start + 1

    def table_line(self, header: str) -> int | None:
        """0-based index of a TOML `[header]` line (spaces and quoted keys tolerated)."""
        return self._tables.get(header.replace('"', "").replace("'", "").replace(" ", ""))

    def key_line(self, key: str, start: int) -> int | None:
        """1-based line of `key = ...` at or after `start` (0-based), before the next table."""
        i = self._first_at(self._keys.get(key), start)
        if i is None:
            return None
        nxt = self._first_at(self._brackets, start + 1)
        if nxt is not None and nxt <= i:
            return None
        return i + 1


# --------------------------------------------------------------------------- pyproject.toml

#: One constraint, on a stripped piece: an optional operator, then the version (no other blank).
_POETRY_CONSTRAINT = re.compile(r"(\^|~(?!=)|~=|==|!=|<=|>=|<|>|=)?\s*(\S+)")
_RELEASE = re.compile(r"v?(\d+(?:\.\d+)*)")
#: Characters of a Poetry constraint (a longer one is refused, as a requirement is).
MAX_CONSTRAINT = 2048


def _release(v: str) -> list[int]:
    m = _RELEASE.match(v.strip())
    if not m or len(m.group(1)) > 256:
        raise ValueError(f"not a version: {clip(v)}")
    return [int(x) for x in m.group(1).split(".")]


def _fmt(parts: list[int]) -> str:
    return ".".join(str(p) for p in parts)


def poetry_constraint(text: str) -> tuple[str | None, str]:
    """Translate a Poetry constraint into `(exact version or None, PEP 440 specifier)`.

    `^1.2.3` → `>=1.2.3,<2.0.0`; `^0.2.3` → `>=0.2.3,<0.3.0`; `^0.0.3` → `>=0.0.3,<0.0.4`;
    `^0` → `>=0,<1.0.0`; `~1.2.3` / `~1.2` → `<1.3.0`; `~1` → `<2.0.0`; `1.2.*` → `==1.2.*`;
    a bare `1.2.3` is an exact pin; `*` or empty is any version (`""`); `a || b` is kept
    as two specifiers joined with ` || ` (PEP 440 has no union)."""
    if len(text) > MAX_CONSTRAINT:
        raise ValueError(f"{clip(text)} is over the {MAX_CONSTRAINT:,}-character limit")
    text = " ".join(text.split())  # one blank between words: no pattern below meets a run of them
    if "||" in text or " | " in text:
        parts = [poetry_constraint(p)[1] for p in re.split(r"\|\|?", text) if p.strip()]
        return None, " || ".join(parts)
    if text in ("", "*"):
        return None, ""
    pieces = [p.strip() for p in re.split(r" ?, ?| (?=[<>=!~^])", text) if p.strip()]
    specs: list[str] = []
    for piece in pieces:
        m = _POETRY_CONSTRAINT.fullmatch(piece)
        if not m:
            raise ValueError(f"not a Poetry constraint: {clip(piece)}")
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
    except InvalidSpecifier:
        raise ValueError(f"invalid specifier {clip(','.join(specs))}") from None
    return None, ",".join(specs)


def parse_pyproject(path: Path, text: str, ctx: SourceContext) -> Parsed:
    parsed = Parsed(path, "manifest", "pyproject")
    rel = ctx.rel(path)
    data = decode(parsed, text, rel, "toml", ctx.limits)
    if data is UNDECODABLE:
        return parsed
    lines = TextLines(text)
    errors = parsed.errors
    deps = parsed.deps

    def table(parent: dict, key: str, where: str) -> dict:
        """`parent[key]` when it is a table; an error (and an empty table) when it is something else."""
        value = parent.get(key)
        if value is None or isinstance(value, dict):
            return value or {}
        wrong_type(parsed, rel, None, f"`{where}`", value, "a table")
        return {}

    def pep508_list(items: Any, header: str, where: str, scope: str, group: str | None) -> None:
        if items is None:
            return
        start = lines.table_line(header)
        start = 0 if start is None else start
        if not isinstance(items, list):
            wrong_type(parsed, rel, start + 1, f"`{where}`", items, "an array of PEP 508 strings")
            return
        for item in items:
            if not isinstance(item, str):
                if not isinstance(item, dict):  # {include-group = ...} is a dependency group's
                    wrong_type(parsed, rel, start + 1, f"an entry of `{where}`", item, "a PEP 508 string")
                continue
            d = parse_pep508(item, path, lines.find_line(item, start), rel, errors, scope, group)
            if d:
                deps.append(d)

    project = table(data, "project", "project")
    pep508_list(project.get("dependencies"), "project", "project.dependencies", "runtime", None)
    opt = table(project, "optional-dependencies", "project.optional-dependencies")
    hdr = "project.optional-dependencies" if lines.table_line("project.optional-dependencies") is not None else "project"
    for g, items in opt.items():
        pep508_list(items, hdr, f"project.optional-dependencies.{g}", "optional", g)
    for g, items in table(data, "dependency-groups", "dependency-groups").items():
        pep508_list(items, "dependency-groups", f"dependency-groups.{g}", "dev", g)
    tool = table(data, "tool", "tool")
    uv = table(tool, "uv", "tool.uv")
    pep508_list(uv.get("dev-dependencies"), "tool.uv", "tool.uv.dev-dependencies", "dev", "dev")

    poetry = table(tool, "poetry", "tool.poetry")
    if poetry:
        tables: list[tuple[str, Any, str, str | None]] = [
            ("tool.poetry.dependencies", poetry.get("dependencies"), "runtime", None),
            ("tool.poetry.dev-dependencies", poetry.get("dev-dependencies"), "dev", "dev"),
        ]
        for g, body in table(poetry, "group", "tool.poetry.group").items():
            if isinstance(body, dict):
                tables.append((f"tool.poetry.group.{g}.dependencies", body.get("dependencies"),
                               "runtime" if g == "main" else "dev", None if g == "main" else g))
        for header, deps_table, scope, group in tables:
            if deps_table is None:
                continue
            start = lines.table_line(header)
            if not isinstance(deps_table, dict):
                wrong_type(parsed, rel, start + 1 if start is not None else None, f"`{header}`", deps_table,
                           "a table of package → constraint")
                continue
            for name, spec in deps_table.items():
                if name.lower() == "python":
                    continue
                line = None
                if start is not None:
                    line = lines.key_line(name, start + 1)
                if line is None:
                    sub = lines.table_line(f"{header}.{name}")
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
        extras = _extras(spec.get("extras"))
        for k in ("git", "url", "path", "file"):
            if isinstance(spec.get(k), str):
                ref = next((spec[r] for r in ("rev", "tag", "branch") if isinstance(spec.get(r), str) and spec[r]), None)
                url = spec[k] if k != "git" else f"git+{spec[k]}" + (f"@{ref}" if ref else "")
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
            errors.append(ScanError(rel, line, f"invalid Poetry constraint for {clip(name)}: {exc}"))
            return None
    return Dep(name=pep503(name), line=line, file=path, ecosystem="PyPI", version=version,
               version_range=None if version else rng, scope=scope, markers=markers, extras=extras, url=url,
               group=group)


# --------------------------------------------------------------------------- Pipfile, setup.cfg, environment.yml


def parse_pipfile(path: Path, text: str, ctx: SourceContext) -> Parsed:
    parsed = Parsed(path, "manifest", "pipfile")
    rel = ctx.rel(path)
    data = decode(parsed, text, rel, "toml", ctx.limits)
    if data is UNDECODABLE:
        return parsed
    lines = TextLines(text)
    for section, scope in (("packages", "runtime"), ("dev-packages", "dev")):
        table = data.get(section)
        if table is None:
            continue
        start = lines.table_line(section)
        if not isinstance(table, dict):
            wrong_type(parsed, rel, start + 1 if start is not None else None, f"`{section}`", table,
                       "a table of package → version")
            continue
        for name, spec in table.items():
            line = lines.key_line(name, start + 1) if start is not None else None
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
                d.extras = _extras(spec.get("extras"))
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
    lines = TextLines(text)
    sections = {}
    for i, ln in enumerate(lines.lines):
        sections.setdefault(ln.strip().lower(), i)

    def section_start(name: str) -> int:
        return sections.get(f"[{name}]", 0)

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
            item = strip_comment(raw).strip()
            if not item:
                continue
            d = parse_pep508(item, path, lines.find_line(item, start), rel, parsed.errors, scope, group)
            if d:
                parsed.deps.append(d)

    if cp.has_option("options", "install_requires"):
        add(cp.get("options", "install_requires"), "options", "runtime", None)
    if cp.has_section("options.extras_require"):
        for g, value in cp.items("options.extras_require"):
            add(value, "options.extras_require", "optional", g)
    return parsed


_CONDA_SPEC = re.compile(r"([A-Za-z0-9_.\-]+)\s*(.*)\Z", re.S)


def parse_environment_yml(path: Path, text: str, ctx: SourceContext) -> Parsed:
    parsed = Parsed(path, "manifest", "conda-environment")
    rel = ctx.rel(path)
    root = decode(parsed, text, rel, "yaml", ctx.limits)
    if root is UNDECODABLE:
        return parsed
    if root is not None and not isinstance(root, yaml.MappingNode):
        wrong_type(parsed, rel, root.start_mark.line + 1, "environment file", root, "a mapping")
        parsed.ok = False
        return parsed
    deps_node = node_get(root, "dependencies")
    if deps_node is None or deps_node.tag.endswith(":null"):
        return parsed
    if not isinstance(deps_node, yaml.SequenceNode):
        wrong_type(parsed, rel, deps_node.start_mark.line + 1, "`dependencies`", deps_node,
                   "a list of package specs")
        return parsed
    state = RequirementsState(ctx, parsed.errors, [path.resolve()], {path.resolve()}, {})
    for item in deps_node.value:
        line = item.start_mark.line + 1
        if isinstance(item, yaml.ScalarNode):
            d = _conda_dep(item.value, path, line)
            if d:
                parsed.deps.append(d)
            elif item.value.strip():
                parsed.errors.append(ScanError(rel, line, f"invalid conda package spec {clip(item.value)}"))
        elif isinstance(item, yaml.MappingNode):
            pip = node_get(item, "pip")
            if pip is None:
                continue
            if not isinstance(pip, yaml.SequenceNode):
                wrong_type(parsed, rel, pip.start_mark.line + 1, "`pip`", pip, "a list of requirements")
                continue
            for p in pip.value:
                if not isinstance(p, yaml.ScalarNode):
                    wrong_type(parsed, rel, p.start_mark.line + 1, "a `pip` entry", p, "a requirement")
                    continue
                pline = p.start_mark.line + 1
                value = strip_comment(p.value).strip()
                if value.startswith("-"):
                    opt, val = split_option(value)
                    if opt in ("-r", "--requirement"):
                        target = include_target(path, val, rel, pline, ctx, parsed.errors)
                        if target is not None:
                            parsed.deps.extend(read_requirements(target, state, None, "runtime",
                                                                  from_file=rel, from_line=pline) or [])
                    elif opt in ("-e", "--editable"):
                        d = url_requirement(val, path, pline, "runtime")
                        if d:
                            parsed.deps.append(d)
                    continue
                value = REQ_OPTION_STRIP.sub("", value).strip()
                if too_long(value, rel, pline, parsed.errors):
                    continue
                if URLISH.match(value):
                    d = url_requirement(value, path, pline, "runtime")
                else:
                    d = parse_pep508(value, path, pline, rel, parsed.errors)
                if d:
                    parsed.deps.append(d)
        else:
            wrong_type(parsed, rel, line, "a `dependencies` entry", item, "a package spec or a `pip:` list")
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


def _extras(value: Any) -> tuple[str, ...]:
    return tuple(x for x in value if isinstance(x, str)) if isinstance(value, list) else ()
