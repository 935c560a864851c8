"""Go modules → one `library` asset per required module.

Claimed by file name: `go.mod` and `go.sum` (not inside a `go mod vendor` tree).

- **go.mod** is what the go command builds with: since Go 1.17 it lists every module of the build
  list with the version minimal version selection picked, and marks the ones the main module does
  not import itself `// indirect`. So its versions are exact, and `direct` is "not `// indirect`".
  `replace` directives apply: a module replaced by another module at a version is reported as that
  version of the replacement (the code that is built), one replaced by a local directory keeps its
  name with no version and says so; `exclude` and `retract` do not change the build list.
- **go.sum** holds checksums, and may hold versions the build does not use. It is read only when no
  `go.mod` is beside it, and then each module's highest listed version is reported as an indirect
  dependency.

The format is line-based (`require x v1`, `require ( ... )`); nothing is executed and no module proxy
is queried. The Go toolchain (`go` / `toolchain` directives) is not a module and is not reported.
"""

from __future__ import annotations

import re
from pathlib import Path

from aispm.advisories.ecosystems import parse_go
from aispm.advisories.versions import VersionError
from aispm.model import ScanError
from aispm.providers.code.deps.common import Dep, Parsed, load_dependency_files
from aispm.source import SourceContext, SourceResult

ECO = "Go"
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|`[^`]*`|\S+')
_VERSION = re.compile(r"^v\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$")


def _tokens(line: str) -> list[str]:
    return [t[1:-1] if t[:1] in '"`' else t for t in _TOKEN.findall(line)]


def _statements(text: str):
    """`(verb, args, line, comment)` of each directive, blocks (`require ( ... )`) expanded."""
    block: str | None = None
    for i, raw in enumerate(text.splitlines(), 1):
        code, _, comment = raw.partition("//")
        toks = _tokens(code)
        if block is not None:
            if toks[:1] == [")"]:
                block = None
            elif toks:
                yield block, toks, i, comment.strip()
            continue
        if not toks:
            continue
        if len(toks) >= 2 and toks[1] == "(" and len(toks) == 2:
            block = toks[0]
            continue
        yield toks[0], toks[1:], i, comment.strip()


def parse_go_mod(path: Path, text: str, ctx: SourceContext, manifests: dict | None = None) -> Parsed:
    parsed = Parsed(path, "lock", "go")
    rel = ctx.rel(path)
    requires: list[Dep] = []
    replaces: dict[tuple[str, str | None], tuple[str, str | None, int]] = {}
    for verb, args, line, comment in _statements(text):
        if verb == "require":
            if len(args) < 2 or not _VERSION.match(args[1]):
                parsed.errors.append(ScanError(rel, line, "a require without a module path and a valid version; skipped"))
                continue
            requires.append(Dep(name=args[0], line=line, file=path, ecosystem=ECO, version=args[1],
                                direct=comment.split(";")[0].strip() != "indirect", scope="runtime"))
        elif verb == "replace":
            if "=>" not in args:
                parsed.errors.append(ScanError(rel, line, "a replace without `=>`; skipped"))
                continue
            k = args.index("=>")
            old, new = args[:k], args[k + 1:]
            if not old or not new:
                parsed.errors.append(ScanError(rel, line, "an incomplete replace; skipped"))
                continue
            replaces[(old[0], old[1] if len(old) > 1 else None)] = (new[0], new[1] if len(new) > 1 else None, line)
    for d in requires:
        rep = replaces.get((d.name, d.version)) or replaces.get((d.name, None))
        if rep is not None:
            target, version, line = rep
            d.extra["replaced"] = f"{d.name} {d.version} (replace at line {line})"
            if version is None:  # a local directory: its code, not a published version
                d.version, d.url = None, target
            else:
                d.name, d.version = target, version
        parsed.deps.append(d)
    return parsed


def parse_go_sum(path: Path, text: str, ctx: SourceContext, manifests: dict | None = None) -> Parsed:
    parsed = Parsed(path, "lock", "go")
    if (path.parent / "go.mod").is_file():
        return parsed  # go.mod beside it has the build list; go.sum may name versions never used
    best: dict[str, tuple[str, int]] = {}
    for i, raw in enumerate(text.splitlines(), 1):
        toks = raw.split()
        if len(toks) != 3:
            continue
        module, version = toks[0], toks[1].removesuffix("/go.mod")
        if not _VERSION.match(version):
            continue
        prior = best.get(module)
        try:
            if prior is None or parse_go(version) > parse_go(prior[0]):
                best[module] = (version, i)
        except VersionError:
            continue
    for module, (version, line) in best.items():
        d = Dep(name=module, line=line, file=path, ecosystem=ECO, version=version, direct=False, scope="runtime")
        d.extra["version_from"] = "go.sum (highest listed version; no go.mod beside it)"
        parsed.deps.append(d)
    return parsed


class GoDepsSource:
    """Go module requirements (see the module docstring)."""

    name = "go-deps"

    def claims(self, path: Path) -> bool:
        if path.name not in ("go.mod", "go.sum"):
            return False
        # not inside a `go mod vendor` tree (the folder holding vendor/modules.txt)
        return not any(p.name == "vendor" and (p / "modules.txt").is_file() for p in path.parents)

    def load(self, files: list[Path], ctx: SourceContext) -> SourceResult:
        def lock(path: Path, text: str, c: SourceContext, manifests: dict) -> Parsed:
            return parse_go_mod(path, text, c) if path.name == "go.mod" else parse_go_sum(path, text, c)

        return load_dependency_files(self.name, files, ctx, lock, lock, lambda p: True)
