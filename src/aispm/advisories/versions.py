"""Version orders and version ranges of PyPI and npm (NuGet, Go, Maven and crates.io: `ecosystems.py`).

Both ecosystems are reduced to one representation: a set of intervals over the
ecosystem's own total order (`packaging.version.Version` for PyPI, `SemVer` for
npm). OSV affected ranges and manifest ranges (`>=1.2,<2`, `^1.2.3`) both become
interval sets, so "is this version affected", "can this range include an affected
version" and "is every version of this range affected" are the same three interval
operations whatever the ecosystem.

An interval is `(lo, lo_inclusive, hi, hi_inclusive)` with `lo = None` for minus
infinity and `hi = None` for plus infinity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import total_ordering
from typing import Any, Iterable

from packaging.specifiers import InvalidSpecifier, Specifier, SpecifierSet
from packaging.version import InvalidVersion, Version

Interval = tuple[Any, bool, Any, bool]
FULL: Interval = (None, False, None, False)

PYPI = "PyPI"
NPM = "npm"


class VersionError(ValueError):
    """A version or range that is not valid in its ecosystem."""


# ---------------------------------------------------------------- intervals


def _lo_gt(a_v: Any, a_inc: bool, b_v: Any, b_inc: bool) -> bool:
    """Lower bound a is strictly tighter (greater) than lower bound b."""
    if b_v is None:
        return a_v is not None
    if a_v is None:
        return False
    if a_v != b_v:
        return a_v > b_v
    return (not a_inc) and b_inc


def _hi_lt(a_v: Any, a_inc: bool, b_v: Any, b_inc: bool) -> bool:
    """Upper bound a is strictly tighter (smaller) than upper bound b."""
    if b_v is None:
        return a_v is not None
    if a_v is None:
        return False
    if a_v != b_v:
        return a_v < b_v
    return (not a_inc) and b_inc


def nonempty(iv: Interval) -> bool:
    lo, lo_inc, hi, hi_inc = iv
    if lo is None or hi is None:
        return True
    if lo < hi:
        return True
    return lo == hi and lo_inc and hi_inc


def contains(iv: Interval, v: Any) -> bool:
    lo, lo_inc, hi, hi_inc = iv
    if lo is not None and (v < lo or (v == lo and not lo_inc)):
        return False
    if hi is not None and (v > hi or (v == hi and not hi_inc)):
        return False
    return True


def intersect(a: Interval, b: Interval) -> Interval | None:
    lo, lo_inc = (a[0], a[1]) if _lo_gt(a[0], a[1], b[0], b[1]) else (b[0], b[1])
    hi, hi_inc = (a[2], a[3]) if _hi_lt(a[2], a[3], b[2], b[3]) else (b[2], b[3])
    iv = (lo, lo_inc, hi, hi_inc)
    return iv if nonempty(iv) else None


def intersect_sets(a: Iterable[Interval], b: Iterable[Interval]) -> list[Interval]:
    b = list(b)
    out = []
    for x in a:
        for y in b:
            iv = intersect(x, y)
            if iv is not None:
                out.append(iv)
    return out


def union(intervals: Iterable[Interval]) -> list[Interval]:
    """Merge into disjoint, non-adjacent intervals sorted by lower bound."""
    ivs = [iv for iv in intervals if nonempty(iv)]
    if not ivs:
        return []

    # sort by lower bound: None first, then by value, inclusive before exclusive
    def key(iv: Interval):
        return (iv[0] is not None, iv[0] if iv[0] is not None else 0, not iv[1])

    try:
        ivs.sort(key=key)
    except TypeError:  # None vs version compare can't happen with the key; defensive
        pass
    out = [ivs[0]]
    for lo, lo_inc, hi, hi_inc in ivs[1:]:
        plo, plo_inc, phi, phi_inc = out[-1]
        # touches or overlaps the previous one?
        if phi is None:
            continue
        joins = lo is None or lo < phi or (lo == phi and (lo_inc or phi_inc))
        if joins:
            if _hi_lt(phi, phi_inc, hi, hi_inc):
                out[-1] = (plo, plo_inc, hi, hi_inc)
        else:
            out.append((lo, lo_inc, hi, hi_inc))
    return out


def covered(iv: Interval, merged: list[Interval]) -> bool:
    """Every version of `iv` lies in the union `merged` (output of `union`)."""
    for m in merged:
        if not _lo_gt(m[0], m[1], iv[0], iv[1]) and not _hi_lt(m[2], m[3], iv[2], iv[3]):
            return True
    return False


def describe(iv: Interval) -> str:
    lo, lo_inc, hi, hi_inc = iv
    parts = []
    if lo is not None:
        parts.append((">=" if lo_inc else ">") + str(lo))
    if hi is not None:
        parts.append(("<=" if hi_inc else "<") + str(hi))
    if lo is not None and hi is not None and lo == hi and lo_inc and hi_inc:
        return "==" + str(lo)
    return ", ".join(parts) or "*"


# ---------------------------------------------------------------- PEP 440

_BIG = 10**18  # post-release number above any real one: bound for `>V`


def parse_pypi(text: str) -> Version:
    try:
        return Version(text.strip())
    except InvalidVersion:
        raise VersionError(f"{text!r} is not a valid PEP 440 version") from None


def _pep440_prefix_interval(prefix: str) -> Interval:
    """`==1.2.*` → [1.2.dev0, 1.3.dev0): every version whose release starts with 1.2."""
    v = parse_pypi(prefix)
    rel = list(v.release)
    epoch = f"{v.epoch}!" if v.epoch else ""
    lo = Version(epoch + ".".join(map(str, rel)) + ".dev0")
    rel[-1] += 1
    hi = Version(epoch + ".".join(map(str, rel)) + ".dev0")
    return (lo, True, hi, False)


def _pep440_spec_intervals(spec: Specifier) -> list[Interval]:
    op, ver = spec.operator, spec.version
    if op == "===":
        try:
            v = Version(ver)
        except InvalidVersion:
            raise VersionError(f"'==={ver}' names a version that is not PEP 440; cannot compare") from None
        return [(v, True, v, True)]
    if ver.endswith(".*"):
        iv = _pep440_prefix_interval(ver[:-2])
        if op == "==":
            return [iv]
        if op == "!=":
            return [(None, False, iv[0], False), (iv[2], True, None, False)]
        raise VersionError(f"'{op}{ver}': a wildcard is only allowed with == and !=")
    v = parse_pypi(ver)
    if op == "==":
        return [(v, True, v, True)]
    if op == "!=":
        return [(None, False, v, False), (v, False, None, False)]
    if op == ">=":
        return [(v, True, None, False)]
    if op == "<=":
        return [(None, False, v, True)]
    if op == "<":
        # PEP 440: `<V` excludes pre-releases of V unless V is itself a pre-release.
        if not v.is_prerelease and v.post is None and v.local is None:
            epoch = f"{v.epoch}!" if v.epoch else ""
            return [(None, False, Version(epoch + ".".join(map(str, v.release)) + ".dev0"), False)]
        return [(None, False, v, False)]
    if op == ">":
        # PEP 440: `>V` excludes post-releases (and local versions) of V unless V is a post-release.
        if v.post is None and v.dev is None and v.local is None:
            return [(Version(f"{v.public}.post{_BIG}"), False, None, False)]
        return [(v, False, None, False)]
    if op == "~=":
        rel = v.release
        if len(rel) < 2:
            raise VersionError(f"'~={ver}' needs at least two release segments")
        epoch = f"{v.epoch}!" if v.epoch else ""
        prefix = _pep440_prefix_interval(epoch + ".".join(map(str, rel[:-1])))
        return intersect_sets([(v, True, None, False)], [prefix])
    raise VersionError(f"unsupported operator {op!r}")


_POETRY_OP = re.compile(r"^\s*(\^|~(?!=))\s*(.+?)\s*$")


def _poetry_to_pep440(text: str) -> str:
    """Poetry constraints (`^1.2`, `~1.2.3`, bare `1.2.3`, `1.2.*`) → PEP 440."""
    parts = []
    for piece in re.split(r"\s*,\s*|\s+(?=[<>=!~^])", text.strip()):
        if not piece:
            continue
        m = _POETRY_OP.match(piece)
        if m:
            op, ver = m.groups()
            v = parse_pypi(ver)
            rel = list(v.release) + [0] * max(0, 3 - len(v.release))
            given = len(ver.split("+")[0].split("."))
            if op == "^":
                idx = next((i for i, n in enumerate(rel[:given]) if n != 0), min(given, 3) - 1)
            else:  # ~
                idx = 0 if given == 1 else 1
            upper = rel[: idx + 1]
            upper[-1] += 1
            parts += [f">={ver}", "<" + ".".join(map(str, upper))]
        elif piece in ("*", ""):
            continue
        elif piece[0].isdigit():
            parts.append("==" + piece)
        else:
            parts.append(piece)
    return ",".join(parts)


def pypi_range(text: str) -> list[Interval]:
    """A PEP 440 specifier set (or Poetry constraint, `||` alternatives) → interval set.

    Pre-releases are included: a manifest range may resolve to one (`--pre`, or when
    only pre-releases satisfy it), so an affected pre-release inside the range is
    "possibly affected"."""
    text = text.strip()
    if text in ("", "*"):
        return [FULL]
    out: list[Interval] = []
    for alt in text.split("||"):
        alt = alt.strip()
        try:
            specs = SpecifierSet(alt)
        except InvalidSpecifier:
            try:
                specs = SpecifierSet(_poetry_to_pep440(alt))
            except (InvalidSpecifier, VersionError):
                raise VersionError(f"{alt!r} is not a valid PEP 440 version specifier") from None
        cur = [FULL]
        for spec in specs:
            cur = intersect_sets(cur, _pep440_spec_intervals(spec))
        out += cur
    return union(out)


# ---------------------------------------------------------------- SemVer / npm

_SEMVER = re.compile(
    r"^\s*[v=]?\s*(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?\s*$"
)


@total_ordering
class SemVer:
    """A SemVer 2.0.0 version with its precedence rules (build metadata ignored)."""

    __slots__ = ("major", "minor", "patch", "prerelease", "build", "_key")

    def __init__(self, major: int, minor: int, patch: int, prerelease: tuple = (), build: str = "") -> None:
        self.major, self.minor, self.patch = major, minor, patch
        self.prerelease = tuple(prerelease)
        self.build = build
        pre = (
            (0, tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in self.prerelease))
            if self.prerelease
            else (1, ())
        )
        self._key = (major, minor, patch, pre)

    @classmethod
    def parse(cls, text: str) -> "SemVer":
        m = _SEMVER.match(text)
        if not m:
            raise VersionError(f"{text!r} is not a valid semantic version")
        pre = tuple(m.group(4).split(".")) if m.group(4) else ()
        for p in pre:
            if p.isdigit() and len(p) > 1 and p[0] == "0":
                raise VersionError(f"{text!r}: numeric pre-release identifier with a leading zero")
        return cls(int(m.group(1)), int(m.group(2)), int(m.group(3)), pre, m.group(5) or "")

    @property
    def is_prerelease(self) -> bool:
        return bool(self.prerelease)

    @property
    def tuple(self) -> tuple[int, int, int]:
        return (self.major, self.minor, self.patch)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SemVer) and self._key == other._key

    def __lt__(self, other: "SemVer") -> bool:
        return self._key < other._key

    def __hash__(self) -> int:
        return hash(self._key)

    def __str__(self) -> str:
        s = f"{self.major}.{self.minor}.{self.patch}"
        if self.prerelease:
            s += "-" + ".".join(self.prerelease)
        return s

    def __repr__(self) -> str:
        return f"SemVer('{self}')"


def parse_semver(text: str) -> SemVer:
    return SemVer.parse(text)


def _floor(t: tuple[int, int, int]) -> SemVer:
    """The lowest version of a release tuple: X.Y.Z-0."""
    return SemVer(t[0], t[1], t[2], ("0",))


_XR = r"(?:[xX*]|0|[1-9]\d*)"
_PARTIAL = re.compile(
    rf"^[v=]?\s*({_XR})(?:\.({_XR})(?:\.({_XR})(?:-?([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z.-]+)?)?)?$"
)
_COMP = re.compile(r"^(<=|>=|<|>|=|\^|~>|~)?\s*(.*)$")


def _partial(text: str) -> tuple[list[int | None], tuple[str, ...]]:
    m = _PARTIAL.match(text.strip())
    if not m:
        raise VersionError(f"{text!r} is not a valid npm version or partial version")
    nums: list[int | None] = []
    for g in m.groups()[:3]:
        if g is None or g in ("x", "X", "*"):
            nums.append(None)
        else:
            nums.append(int(g))
    # after a wildcard everything is a wildcard (1.x.3 == 1.x)
    for i in range(3):
        if nums[i] is None:
            nums[i + 1 :] = [None] * (2 - i)
            break
    pre = tuple(m.group(4).split(".")) if m.group(4) and nums[2] is not None else ()
    return nums, pre


def _comparator(op: str, text: str) -> tuple[list[Interval], tuple[int, int, int] | None]:
    """One npm comparator → (interval set, release tuple if it names a pre-release)."""
    if text in ("", "*", "x", "X"):
        # `>*` / `<*` match nothing; everything else is any version
        return ([] if op in ("<", ">") else [FULL]), None
    (ma, mi, pa), pre = _partial(text)
    pre_tuple = (ma, mi, pa) if pre else None
    if ma is None:
        return ([] if op in ("<", ">") else [FULL]), None
    full = mi is not None and pa is not None
    if full:
        v = SemVer(ma, mi, pa, pre)
    lo_t = (ma, mi or 0, pa or 0)
    # the exclusive upper tuple of an X-range
    if mi is None:
        up_t = (ma + 1, 0, 0)
    elif pa is None:
        up_t = (ma, mi + 1, 0)
    else:
        up_t = None
    if op == "^":
        lo = v if full else SemVer(*lo_t)
        if ma != 0 or mi is None:
            hi_t = (ma + 1, 0, 0)
        elif mi != 0 or pa is None:
            hi_t = (0, mi + 1, 0)
        else:
            hi_t = (0, 0, pa + 1)
        return [(lo, True, _floor(hi_t), False)], pre_tuple
    if op in ("~", "~>"):
        lo = v if full else SemVer(*lo_t)
        hi_t = (ma + 1, 0, 0) if mi is None else (ma, mi + 1, 0)
        return [(lo, True, _floor(hi_t), False)], pre_tuple
    if full:
        if op in ("", "="):
            return [(v, True, v, True)], pre_tuple
        if op == ">=":
            return [(v, True, None, False)], pre_tuple
        if op == ">":
            return [(v, False, None, False)], pre_tuple
        if op == "<=":
            return [(None, False, v, True)], pre_tuple
        if op == "<":
            return [(None, False, v, False)], pre_tuple
    # X-range with an operator
    assert up_t is not None
    if op in ("", "="):
        return [(SemVer(*lo_t), True, _floor(up_t), False)], None
    if op == ">=":
        return [(SemVer(*lo_t), True, None, False)], None
    if op == ">":
        return [(SemVer(*up_t), True, None, False)], None
    if op == "<":
        return [(None, False, _floor(lo_t), False)], None
    if op == "<=":
        return [(None, False, _floor(up_t), False)], None
    raise VersionError(f"unsupported npm operator {op!r}")


@dataclass
class NpmRange:
    """An npm range: interval sets per `||` alternative, with the release tuples on
    which each alternative admits pre-releases (npm's pre-release rule)."""

    alternatives: list[tuple[list[Interval], frozenset]]

    def intervals(self) -> list[Interval]:
        return union(iv for ivs, _ in self.alternatives for iv in ivs)

    def can_select(self, iv: Interval) -> bool:
        """Could npm resolve this range to some version inside interval `iv`?"""
        for ivs, allowed in self.alternatives:
            for x in ivs:
                y = intersect(x, iv)
                if y is None:
                    continue
                if _has_release(y):
                    return True
                for t in allowed:
                    if intersect(y, (_floor(t), True, SemVer(*t), False)) is not None:
                        return True
        return False

    def contains(self, v: SemVer) -> bool:
        for ivs, allowed in self.alternatives:
            if any(contains(x, v) for x in ivs) and (not v.is_prerelease or v.tuple in allowed):
                return True
        return False


def _has_release(iv: Interval) -> bool:
    """Does the interval contain a version without a pre-release tag?"""
    lo, lo_inc, hi, hi_inc = iv
    if lo is None:
        cand = SemVer(0, 0, 0)
    elif lo.is_prerelease:
        cand = SemVer(*lo.tuple)
    elif lo_inc:
        cand = lo
    else:
        cand = SemVer(lo.major, lo.minor, lo.patch + 1)
    return contains(iv, cand)


def npm_range(text: str) -> NpmRange:
    """Parse an npm range (`^1.2.3`, `~1.2`, `1.x`, `*`, `>=1 <2`, `a - b`, `||`)."""
    alts = []
    for alt in text.split("||"):
        alt = alt.strip()
        allowed: set = set()
        hy = re.match(r"^(\S+)\s+-\s+(\S+)$", alt)
        if hy:
            (a, b) = hy.groups()
            (ama, ami, apa), apre = _partial(a)
            (bma, bmi, bpa), bpre = _partial(b)
            lo = (SemVer(ama or 0, ami or 0, apa or 0, apre), True) if ama is not None else (None, False)
            if bma is None:
                hi = (None, False)
            elif bmi is None:
                hi = (_floor((bma + 1, 0, 0)), False)
            elif bpa is None:
                hi = (_floor((bma, bmi + 1, 0)), False)
            else:
                hi = (SemVer(bma, bmi, bpa, bpre), True)
            for t, p in (((ama, ami, apa), apre), ((bma, bmi, bpa), bpre)):
                if p:
                    allowed.add(t)
            alts.append(([(lo[0], lo[1], hi[0], hi[1])], frozenset(allowed)))
            continue
        alt = re.sub(r"(<=|>=|<|>|=|\^|~>|~)\s+", r"\1", alt)
        cur = [FULL]
        for tok in alt.split() or ["*"]:
            m = _COMP.match(tok)
            assert m is not None
            ivs, pre_t = _comparator(m.group(1) or "", m.group(2))
            if pre_t:
                allowed.add(pre_t)
            cur = intersect_sets(cur, ivs)
        alts.append((cur, frozenset(allowed)))
    return NpmRange(alts)


# ---------------------------------------------------------------- per ecosystem


def parse_version(ecosystem: str, text: str) -> Any:
    if ecosystem == PYPI:
        return parse_pypi(text)
    if ecosystem == NPM:
        return parse_semver(text)
    from . import ecosystems  # NuGet, Go, Maven, crates.io (built on the SemVer above)

    if ecosystem in ecosystems.PARSERS:
        return ecosystems.parse(ecosystem, text)
    raise VersionError(f"no version rules for ecosystem {ecosystem!r}")


def canonical_ecosystem(ecosystem: str) -> str:
    e = ecosystem.strip().lower()
    if e == "pypi":
        return PYPI
    if e == "npm":
        return NPM
    from .ecosystems import SPELLINGS

    return SPELLINGS.get(e, ecosystem.strip())


def normalize_name(ecosystem: str, name: str) -> str:
    """PEP 503 for PyPI; npm names are compared lower-cased (npm forbids upper case in new names)."""
    if ecosystem == PYPI:
        return re.sub(r"[-_.]+", "-", name).lower().strip()
    if ecosystem != NPM:
        from .ecosystems import normalize_name as other

        return other(ecosystem, name)
    return name.strip().lower()
