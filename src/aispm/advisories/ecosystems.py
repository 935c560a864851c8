"""Version orders and manifest ranges of NuGet, Go, Maven and crates.io, for OSV matching.

Each ecosystem compares versions the way its own package manager does, because an OSV
`ECOSYSTEM` range is defined by that order and a wrong order gives wrong verdicts:

- **NuGet** (`NuGetVersion`): `Major.Minor.Patch[.Revision][-pre][+meta]`, missing parts are 0
  (`1.0` = `1.0.0` = `1.0.0.0`), leading zeros allowed (legacy), pre-release labels compared
  case-insensitively as in SemVer 2, build metadata ignored.
- **Go** (module versions): SemVer with a `v` prefix; pseudo-versions
  (`v0.0.0-20240101120000-abcdef123456`) are pre-releases and sort by their timestamp as SemVer
  says; `+incompatible` is build metadata.
- **Maven** (`org.apache.maven.artifact.versioning.ComparableVersion`): items split at `.`, `-` and
  digit/letter transitions, qualifiers `alpha < beta < milestone < rc = cr < snapshot < "" = ga =
  final = release < sp < other qualifiers (lexically)`, numbers above qualifiers, trailing zero
  items ignored (`1.0` = `1`).
- **crates.io**: SemVer 2 (strict, like Cargo).

Manifest ranges: NuGet and Maven interval notation (`[1.0,2.0)`, `(,1.5]`, `[1.2]`, several Maven
intervals separated by commas), NuGet floating versions (`1.*`, `1.2.*`), Cargo requirements
(`1.2` = `^1.2`, `~1.2`, `>=1, <2`, `=1.2.3`, `*`). A bare NuGet or Maven version is what the
package manager resolves (NuGet takes the lowest applicable version, Maven the "soft" version),
so the dependency sources record it as the version, not as a range.
"""

from __future__ import annotations

import re
from functools import total_ordering
from typing import Any

from .versions import FULL, Interval, SemVer, VersionError, intersect_sets, npm_range, union

NUGET = "NuGet"
GO = "Go"
MAVEN = "Maven"
CARGO = "crates.io"

#: OSV spelling of each ecosystem, by the lower-case names users and purls write.
SPELLINGS = {"nuget": NUGET, "go": GO, "golang": GO, "maven": MAVEN, "crates.io": CARGO, "cargo": CARGO,
             "crates": CARGO}

MAX_TEXT = 256  # a longer version is not a release; refusing it bounds every parse below


# ---------------------------------------------------------------- NuGet

_NUGET = re.compile(r"^\s*[vV]?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?"
                    r"(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z.-]*)?\s*$")


@total_ordering
class NuGetVersion:
    """A NuGet version; `str()` is NuGet's normalised form (`1.0` → `1.0.0`)."""

    __slots__ = ("release", "prerelease", "_key")

    def __init__(self, release: tuple[int, int, int, int], prerelease: tuple[str, ...] = ()) -> None:
        self.release, self.prerelease = release, prerelease
        pre = (0, tuple((0, int(p), "") if p.isdigit() else (1, 0, p.lower()) for p in prerelease)) \
            if prerelease else (1, ())
        self._key = (release, pre)

    @classmethod
    def parse(cls, text: str) -> "NuGetVersion":
        m = _NUGET.match(text) if len(text) <= MAX_TEXT else None
        if not m:
            raise VersionError(f"{text[:40]!r} is not a valid NuGet version")
        nums = tuple(int(g) if g else 0 for g in m.groups()[:4])
        return cls(nums, tuple(m.group(5).split(".")) if m.group(5) else ())  # type: ignore[arg-type]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NuGetVersion) and self._key == other._key

    def __lt__(self, other: "NuGetVersion") -> bool:
        return self._key < other._key

    def __hash__(self) -> int:
        return hash(self._key)

    def __str__(self) -> str:
        r = self.release
        s = f"{r[0]}.{r[1]}.{r[2]}" + (f".{r[3]}" if r[3] else "")
        return s + ("-" + ".".join(self.prerelease) if self.prerelease else "")

    def __repr__(self) -> str:
        return f"NuGetVersion('{self}')"


# ---------------------------------------------------------------- Go, crates.io


def parse_go(text: str) -> SemVer:
    """A Go module version (`v1.2.3`, OSV writes `1.2.3`); pseudo-versions are SemVer pre-releases."""
    t = text.strip()
    if len(t) > MAX_TEXT:
        raise VersionError("a Go version of more than 256 characters")
    return SemVer.parse(t[1:] if t[:1] == "v" else t)


def parse_cargo(text: str) -> SemVer:
    if len(text) > MAX_TEXT:
        raise VersionError("a crate version of more than 256 characters")
    return SemVer.parse(text)


# ---------------------------------------------------------------- Maven (ComparableVersion)

_QUALIFIERS = ("alpha", "beta", "milestone", "rc", "snapshot", "", "sp")
_ALIASES = {"ga": "", "final": "", "release": "", "cr": "rc"}
_RELEASE_INDEX = _QUALIFIERS.index("")


def _qualifier_key(q: str) -> tuple[int, str]:
    """Qualifier order: the known ones by index, any other after them, lexically."""
    return (_QUALIFIERS.index(q), "") if q in _QUALIFIERS else (len(_QUALIFIERS), q)


class _Int(int):
    pass


class _Str(str):
    pass


def _string_item(text: str, followed_by_digit: bool) -> _Str:
    if followed_by_digit and len(text) == 1:
        text = {"a": "alpha", "b": "beta", "m": "milestone"}.get(text, text)
    return _Str(_ALIASES.get(text, text))


def _item(is_digit: bool, text: str) -> Any:
    return _Int(int(text)) if is_digit else _string_item(text, False)


def _is_null(item: Any) -> bool:
    if isinstance(item, list):
        return not item
    if isinstance(item, _Int):
        return item == 0
    return item == ""


def _normalize(items: list) -> None:
    """Drop trailing null items (`1.0.0` = `1`), stopping at the first non-null non-list."""
    for i in range(len(items) - 1, -1, -1):
        if _is_null(items[i]):
            del items[i]
        elif not isinstance(items[i], list):
            break


def _parse_maven(text: str) -> list:
    version = text.lower()
    top: list = []
    cur = top
    stack = [top]
    is_digit = False
    start = 0

    def push_list() -> None:
        nonlocal cur
        new: list = []
        cur.append(new)
        cur = new
        stack.append(new)

    for i, c in enumerate(version):
        if c in ".-":
            cur.append(_Int(0) if i == start else _item(is_digit, version[start:i]))
            start = i + 1
            if c == "-":
                push_list()
        elif c.isdigit() and c.isascii():
            if not is_digit and i > start:
                # `1.0.0.X1` < `1.0.0-X2`: a qualifier followed by a number starts a sub-list
                if cur:
                    push_list()
                cur.append(_string_item(version[start:i], True))
                start = i
                push_list()
            is_digit = True
        else:
            if is_digit and i > start:
                cur.append(_item(True, version[start:i]))
                start = i
                push_list()
            is_digit = False
    if len(version) > start:
        if not is_digit and cur:
            push_list()
        cur.append(_item(is_digit, version[start:]))
    for lst in reversed(stack):
        _normalize(lst)
    return top


def _cmp(a: Any, b: Any) -> int:
    """ComparableVersion's Item.compareTo; `None` stands for a missing item."""
    if a is None:
        return -_cmp(b, None) if b is not None else 0
    if isinstance(a, _Int):
        if b is None:
            return 0 if a == 0 else 1
        if isinstance(b, _Int):
            return (a > b) - (a < b)
        return 1  # a number is newer than a qualifier or a sub-list
    if isinstance(a, _Str):
        if b is None:
            ka, kb = _qualifier_key(a), (_RELEASE_INDEX, "")
            return (ka > kb) - (ka < kb)
        if isinstance(b, _Int):
            return -1
        if isinstance(b, _Str):
            ka, kb = _qualifier_key(a), _qualifier_key(b)
            return (ka > kb) - (ka < kb)
        return -1  # a qualifier is older than a sub-list
    # a is a list
    if b is None:
        return 0 if not a else _cmp(a[0], None)
    if isinstance(b, _Int):
        return -1
    if isinstance(b, _Str):
        return 1
    for i in range(max(len(a), len(b))):
        r = _cmp(a[i] if i < len(a) else None, b[i] if i < len(b) else None)
        if r:
            return r
    return 0


def _canonical(items: list) -> str:
    out = []
    for i, it in enumerate(items):
        if isinstance(it, list):
            out.append(("-" if out else "") + _canonical(it))
        else:
            out.append(("." if out and not isinstance(items[i - 1], list) else "") + str(it))
    return "".join(out)


@total_ordering
class MavenVersion:
    """A Maven version under `ComparableVersion` order; `str()` is the text as written."""

    __slots__ = ("text", "items", "canonical")

    def __init__(self, text: str) -> None:
        self.text = text
        self.items = _parse_maven(text)
        self.canonical = _canonical(self.items)

    @classmethod
    def parse(cls, text: str) -> "MavenVersion":
        t = text.strip()
        if not t or len(t) > MAX_TEXT or any(c.isspace() or c in "[](),${}" for c in t):
            raise VersionError(f"{text[:40]!r} is not a Maven version")
        return cls(t)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, MavenVersion) and _cmp(self.items, other.items) == 0

    def __lt__(self, other: "MavenVersion") -> bool:
        return _cmp(self.items, other.items) < 0

    def __hash__(self) -> int:
        return hash(self.canonical)

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"MavenVersion('{self.text}')"


# ---------------------------------------------------------------- per ecosystem

PARSERS = {NUGET: NuGetVersion.parse, GO: parse_go, MAVEN: MavenVersion.parse, CARGO: parse_cargo}


def parse(ecosystem: str, text: str) -> Any:
    return PARSERS[ecosystem](text)


def normalize_name(ecosystem: str, name: str) -> str:
    """NuGet ids and crate names are case-insensitive; Maven `group:artifact` and Go module
    paths are compared as written except for case (OSV records spell them as the registry does)."""
    n = name.strip().lower()
    if ecosystem == CARGO:
        n = n.replace("_", "-")  # crates.io treats `-` and `_` as the same name
    return n


# ---------------------------------------------------------------- manifest ranges

_INTERVAL = re.compile(r"([\[(])\s*([^,\[\]()]*?)\s*(?:(,)\s*([^,\[\]()]*?)\s*)?([\])])")


def interval_notation(ecosystem: str, text: str) -> list[Interval]:
    """NuGet / Maven `[a,b)` notation (Maven allows several intervals, comma-separated)."""
    t = text.strip()
    if len(t) > 2048:
        raise VersionError("a version range of more than 2,048 characters")
    out: list[Interval] = []
    pos = 0
    while pos < len(t):
        m = _INTERVAL.match(t, pos)
        if not m:
            raise VersionError(f"{t[:40]!r} is not a {ecosystem} version range")
        lo_b, lo_s, comma, hi_s, hi_b = m.groups()
        lo = parse(ecosystem, lo_s) if lo_s else None
        if comma is None:  # `[1.2]`: exactly that version
            if lo is None or lo_b != "[" or hi_b != "]":
                raise VersionError(f"{t[:40]!r} is not a {ecosystem} version range")
            out.append((lo, True, lo, True))
        else:
            hi = parse(ecosystem, hi_s) if hi_s else None
            out.append((lo, lo_b == "[" and lo is not None, hi, hi_b == "]" and hi is not None))
        pos = m.end()
        while pos < len(t) and t[pos] in ", ":
            pos += 1
    return union(out)


def _nuget_floating(text: str) -> list[Interval]:
    """`1.*`, `1.2.*`, `*`: every version with that prefix."""
    head = text[:-1].rstrip(".")
    if not head:
        return [FULL]
    parts = [int(p) for p in head.split(".")]
    lo = NuGetVersion(tuple(parts + [0] * (4 - len(parts))))  # type: ignore[arg-type]
    up = parts[:-1] + [parts[-1] + 1]
    hi = NuGetVersion(tuple(up + [0] * (4 - len(up))), ("0",))  # type: ignore[arg-type]
    return [(lo, True, hi, False)]


def cargo_range(text: str) -> list[Interval]:
    """A Cargo version requirement: comma-separated comparators, a bare version is `^`."""
    cur: list[Interval] = [FULL]
    for comp in (c.strip() for c in text.split(",")):
        if not comp:
            continue
        if comp[0].isdigit():
            comp = "^" + comp
        elif comp.startswith("="):
            comp = comp[1:].strip()
        cur = intersect_sets(cur, npm_range(comp).intervals())
    return cur


def range_intervals(ecosystem: str, text: str) -> list[Interval]:
    """The versions a manifest's range allows, as intervals in the ecosystem's order."""
    t = (text or "").strip()
    if ecosystem == CARGO:
        return cargo_range(t or "*")
    if not t or t == "*":
        return [FULL]
    if t[0] in "[(":
        return interval_notation(ecosystem, t)
    if ecosystem == NUGET and t.endswith("*") and re.fullmatch(r"(?:\d+\.){0,3}\*", t):
        return _nuget_floating(t)
    v = parse(ecosystem, t)
    if ecosystem == NUGET:  # a bare NuGet version is a minimum
        return [(v, True, None, False)]
    return [(v, True, v, True)]
