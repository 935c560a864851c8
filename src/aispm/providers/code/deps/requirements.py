"""PEP 508 requirement strings and pip requirements files (`requirements*.txt`, `*.in`).

A requirements file is read with its `-r` includes (inside the scan's roots only — the target, or the
work tree that holds it, so a monorepo's `-r ../../common.txt` is read: an include that leaves them,
through `..`, an absolute path or a symlink, is reported and not followed; an include naming an
environment variable is not expanded, since the scanner's environment is not the project's; remote
includes are never fetched) and its `-c` constraints, which pin a requirement that has no pin of its
own. Includes are followed iteratively, so a chain of any length costs no recursion. URL, VCS,
editable and wheel requirements keep the name they give (`#egg=`, the wheel's file name,
`name @ url`) and no version. A file written by `pip-compile` / `uv pip compile` (it has `# via`
annotations) is a lock file, and its annotations say which packages are direct. Names are PEP 503
normalised.

Hostile input: every pattern applied to a line is linear (a run of blanks before a `#`, a long wheel
file name, cannot make one backtrack), a requirement longer than `MAX_REQUIREMENT` characters (hashes
and options aside) is an error rather than work for the PEP 508 parser, and an error quotes at most
a short token of the line, with the column where it went wrong.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generator

from packaging.requirements import InvalidRequirement, Requirement

from aispm.confine import OUTSIDE
from aispm.formats.text import clip
from aispm.model import ScanError
from aispm.providers.code.deps.common import Dep, Parsed, conflict_error
from aispm.source import SourceContext, read_text

_NORMALISE = re.compile(r"[-_.]+")


def pep503(name: str) -> str:
    """PEP 503 normalised name: lower case, runs of `-`, `_`, `.` become `-`."""
    return _NORMALISE.sub("-", name).lower()


# --------------------------------------------------------------------------- PEP 508 strings

#: Characters of one requirement (name, extras, version specifiers and markers; hashes and options
#: are stripped first). PEP 508 strings in the wild are far shorter; a longer one is refused.
MAX_REQUIREMENT = 10_000


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


def too_long(text: str, rel: str, line: int, errors: list[ScanError]) -> bool:
    """Record an error and say so when a requirement is over `MAX_REQUIREMENT` characters."""
    if len(text) <= MAX_REQUIREMENT:
        return False
    errors.append(ScanError(rel, line, f"requirement {clip(text)} is over the {MAX_REQUIREMENT:,}-character limit; "
                                       "not read"))
    return True


def requirement_error(text: str, exc: Exception) -> str:
    """An invalid requirement's message: a short token of it, what the parser expected and the
    column (packaging's own message repeats the whole line under a caret)."""
    lines = str(exc).splitlines()
    column = lines[-1].find("^") - 3 if len(lines) >= 3 and "^" in lines[-1] else None
    where = f" (column {column})" if column and column > 0 else ""
    return f"invalid requirement {clip(text)}: {lines[0] if lines else type(exc).__name__}{where}"


def parse_pep508(text: str, path: Path, line: int, rel: str, errors: list[ScanError], scope: str = "runtime",
                 group: str | None = None) -> Dep | None:
    if too_long(text, rel, line, errors):
        return None
    try:
        req = Requirement(text)
    except InvalidRequirement as exc:
        errors.append(ScanError(rel, line, requirement_error(text, exc)))
        return None
    return dep_from_requirement(req, path, line, scope, group)


# --------------------------------------------------------------------------- requirements files

REQ_OPTION_STRIP = re.compile(r"(?:^|\s)(?:--hash|--global-option|--install-option|--config-settings|-C)(?:=|\s+)\S+")
#: A `#` that starts a comment: at the start of the line or after a blank (pip's rule), found without
#: a pattern that rescans a run of blanks from each of its positions.
_COMMENT_START = re.compile(r"(?:^|(?<=\s))#")
URLISH = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|git\+|hg\+|svn\+|bzr\+|file:|\.{1,2}(?:/|$)|/)", re.I)
_EGG = re.compile(r"[#&]egg=([A-Za-z0-9_.\-]+)")
#: A wheel file name; it starts where a run of name characters starts (never inside one), so that a
#: long name is scanned once, not once from each of its characters.
_WHEEL = re.compile(r"(?<![A-Za-z0-9_.])([A-Za-z0-9_.]+)-[^-/]+(?:-[^-/]+)?-[^-/]+-[^-/]+-[^-/]+\.whl$")
_VIA = re.compile(r"^#\s+(?:via\b\s*)?(.*)$")
_ENV_VAR = re.compile(r"\$(?:\{|[A-Za-z_])")
_LINE_OPTS = {"-i", "--index-url", "--extra-index-url", "-f", "--find-links", "--trusted-host", "--pre",
              "--no-binary", "--only-binary", "--prefer-binary", "--require-hashes", "--use-feature",
              "--no-index", "--no-deps"}


def strip_comment(line: str) -> str:
    """A requirements line without its comment (`#` at the start or after a blank), right-stripped."""
    m = _COMMENT_START.search(line)
    return (line[:m.start()] if m else line).rstrip()


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


def split_option(s: str) -> tuple[str, str]:
    """`-r x` / `-rx` / `--requirement=x` / `--requirement x` → (option, value)."""
    if s.startswith("--"):
        opt, sep, val = s.partition("=")
        if not sep:
            opt, _, val = s.partition(" ")
        return opt.strip(), val.strip()
    opt, val = s[:2], s[2:].lstrip("= ").strip()
    return opt, val


@dataclass
class RequirementsState:
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
    state = RequirementsState(ctx, parsed.errors, [], set(), {})
    deps = read_requirements(path, state, text, scope="runtime")
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


def include_target(path: Path, val: str, rel: str, line: int, ctx: SourceContext,
                   errors: list[ScanError]) -> Path | None:
    """The file a `-r` / `-c` value (or a conda `pip: [-r x]`) names, or None after recording why it
    is not followed: it names an environment variable, or it resolves outside the scan's roots."""
    if len(val) > 4096:
        errors.append(ScanError(rel, line, f"include {clip(val)} is no file name; not followed"))
        return None
    if _ENV_VAR.search(val):
        errors.append(ScanError(rel, line, f"include {clip(val)} names an environment variable; not followed "
                                           "(the scanner's environment is not the project's)"))
        return None
    target = path.parent / val
    try:
        if ctx.outside(target):
            errors.append(ScanError(rel, line, f"include {clip(val)}: {OUTSIDE}"))
            return None
        return target.resolve()
    except (OSError, RuntimeError, ValueError):  # a symlink loop, a name the OS refuses
        errors.append(ScanError(rel, line, f"include {clip(val)} cannot be resolved; not followed"))
        return None


#: What a file's reader asks its driver for: the deps of an include (target, constraint?, from file, line).
_Include = tuple[Path, bool, str, int]


def read_requirements(path: Path, state: RequirementsState, text: str | None, scope: str,
                      constraint: bool = False, from_file: str | None = None, from_line: int | None = None
                      ) -> list[Dep] | None:
    """The deps of a requirements file and of the files it includes, in the order they are declared
    (an include's deps where its line is). Each file is a generator that asks for its includes; this
    driver follows them with an explicit stack, so an include chain costs no recursion."""
    first = _open(path, state, text, scope, constraint, from_file, from_line)
    if not isinstance(first, Generator):
        return first
    stack: list[Generator[_Include, list[Dep] | None, list[Dep]]] = [first]
    sent: list[Dep] | None = None
    while stack:
        try:
            target, is_c, frm, line = stack[-1].send(sent)
        except StopIteration as stop:
            stack.pop()
            state.stack.pop()
            sent = stop.value
            continue
        child = _open(target, state, None, scope, is_c, frm, line)
        if isinstance(child, Generator):
            stack.append(child)
            sent = None
        else:
            sent = child
    return sent


def _open(path: Path, state: RequirementsState, text: str | None, scope: str, constraint: bool,
          from_file: str | None, from_line: int | None) -> Any:
    """A reader (generator) for one file, or the deps it stands for when there is nothing to read
    (a cycle, a file read already, missing or unreadable: `[]`)."""
    ctx = state.ctx
    rel = ctx.rel(path)
    try:
        key = path.resolve()
    except (OSError, RuntimeError):  # a symlink loop
        state.errors.append(ScanError(from_file or rel, from_line, f"{clip(rel)} cannot be resolved; not read"))
        return []
    if key in state.stack or key in state.done:
        return []  # an include cycle or a file included twice: read once
    if text is None:
        try:
            if ctx.outside(path):
                state.errors.append(ScanError(from_file or rel, from_line, f"include {clip(rel, 200)}: {OUTSIDE}"))
                return []
            found = path.is_file()
        except OSError as exc:  # a name too long, a permission the scan lacks
            state.errors.append(ScanError(from_file or rel, from_line, f"include {clip(rel, 200)} cannot be read: "
                                                                       f"{exc.strerror or type(exc).__name__}"))
            return []
        if not found:
            state.errors.append(ScanError(from_file or rel, from_line, f"included file not found: {clip(rel, 200)}"))
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
    return _read_file(path, rel, text, state, scope, constraint)


def _read_file(path: Path, rel: str, text: str, state: RequirementsState, scope: str,
               constraint: bool) -> Generator[_Include, list[Dep] | None, list[Dep]]:
    ctx = state.ctx
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
        line = strip_comment(logical).strip()
        if not line:
            continue
        if line.startswith("-"):
            opt, val = split_option(line)
            if opt in ("-r", "--requirement", "-c", "--constraint"):
                if not val or URLISH.match(val) and "://" in val:
                    continue  # remote includes are not followed
                target = include_target(path, val, rel, lineno, ctx, state.errors)
                if target is None:
                    continue
                is_c = opt in ("-c", "--constraint")
                inc = yield (target, constraint or is_c, rel, lineno)
                if inc and not (constraint or is_c):
                    deps.extend(inc)
                continue
            if opt in ("-e", "--editable"):
                d = url_requirement(val, path, lineno, scope)
                if d is not None:
                    d.extra["editable"] = True
                    deps.append(d)
                    last = d
                continue
            if opt in _LINE_OPTS or opt.startswith("--"):
                continue
            continue
        line = REQ_OPTION_STRIP.sub("", line).strip()
        if too_long(line, rel, lineno, state.errors):
            continue
        if URLISH.match(line) or line.endswith((".whl", ".zip", ".tar.gz")) and "@" not in line:
            d = url_requirement(line, path, lineno, scope)
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
    return deps


def url_requirement(val: str, path: Path, line: int, scope: str) -> Dep | None:
    """A URL / VCS / path requirement: the name from `#egg=`, a wheel file name or
    `name @ url`; version unknown. None when no name can be told (a local project)."""
    val = REQ_OPTION_STRIP.sub("", val).strip()
    if " @ " in val and len(val) <= MAX_REQUIREMENT:
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
