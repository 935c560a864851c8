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

import configparser
import re
from pathlib import Path
from typing import Any

import yaml

from aispm.model import ScanError
from aispm.providers.code.deps.common import Dep, Parsed
from aispm.providers.code.deps.documents import UNDECODABLE, decode, node_get
from aispm.providers.code.deps.requirements import (
    COMMENT,
    REQ_OPTION_STRIP,
    URLISH,
    RequirementsState,
    inside,
    parse_pep508,
    parse_requirements,
    pep503,
    read_requirements,
    split_option,
    url_requirement,
)
from aispm.source import SourceContext


# --------------------------------------------------------------------------- lines in TOML text


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
            item = COMMENT.sub("", raw).strip()
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
    state = RequirementsState(ctx, parsed.errors, [path.resolve()], {path.resolve()}, {})
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
                value = COMMENT.sub("", p.value).strip()
                if value.startswith("-"):
                    opt, val = split_option(value)
                    if opt in ("-r", "--requirement"):
                        target = (path.parent / val).resolve()
                        if inside(target, ctx.root):
                            parsed.deps.extend(read_requirements(target, state, None, "runtime",
                                                                  from_file=rel, from_line=pline) or [])
                        else:
                            parsed.errors.append(ScanError(rel, pline, f"include {val!r} is outside the scanned target; not followed"))
                    elif opt in ("-e", "--editable"):
                        d = url_requirement(val, path, pline, "runtime")
                        if d:
                            parsed.deps.append(d)
                    continue
                value = REQ_OPTION_STRIP.sub("", value).strip()
                if URLISH.match(value):
                    d = url_requirement(value, path, pline, "runtime")
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
