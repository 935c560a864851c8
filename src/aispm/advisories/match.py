"""Match a package version, or a manifest range, against the advisory database.

OSV semantics (the spec's `IsAffected` / `includes`): the events of each
ECOSYSTEM/SEMVER range are sorted by version in the ecosystem's order;
`introduced` opens an affected interval (`"0"` = minus infinity), `fixed` closes it
exclusive, `last_affected` closes it inclusive, `limit` caps the range; a version
listed in `versions` is affected whatever the ranges say. GIT ranges are not used.

- An exact version gives **certain** matches.
- A manifest range gives a **certain** match when every version it allows is
  affected, a **possible** match when it may or may not resolve to an affected
  version, and no match when it cannot include any affected version.
- A version that is not valid in its ecosystem is not compared by order: it matches
  certainly only where an advisory lists that exact string, and is otherwise reported
  as a possible match of every advisory of the package, saying why.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from .db import Advisory, Database, default_database, gc_paused
from .ecosystems import CARGO, GO, range_intervals
from .versions import (
    NPM,
    PYPI,
    Interval,
    NpmRange,
    VersionError,
    canonical_ecosystem,
    contains,
    covered,
    describe,
    intersect,
    normalize_name,
    npm_range,
    parse_version,
    pypi_range,
    union,
)

CERTAIN = "certain"
POSSIBLE = "possible"


@dataclass(slots=True)
class Match:
    advisory: Advisory
    ecosystem: str
    name: str
    certainty: str  # "certain" | "possible"
    version: str | None = None
    version_range: str | None = None
    matched: list[str] = field(default_factory=list)  # the affected ranges / listed versions that matched
    fixed: list[str] = field(default_factory=list)  # first fixed version(s) for what matched
    reason: str = ""

    @property
    def id(self) -> str:
        return self.advisory.id

    @property
    def certain(self) -> bool:
        return self.certainty == CERTAIN

    @property
    def affected(self) -> list[dict[str, Any]]:
        return [a.as_dict() for a in self.advisory.affected_for(self.ecosystem, self.name)]


@dataclass
class _Iv:
    adv: int
    iv: Interval
    text: str  # the OSV range as written, e.g. "introduced 0, fixed 1.2.0"
    fixed: str | None
    uncertain: str | None = None  # why this interval may be wrong (an event that could not be parsed)


# Spellings that PEP 440 normalisation leaves unchanged: for these, two strings spell
# the same version exactly when they differ only by trailing `.0` release segments.
_PEP440_NORMAL = re.compile(r"(?:0|[1-9]\d*)(?:\.(?:0|[1-9]\d*))*(?:(?:a|b|rc)(?:0|[1-9]\d*))?(?:\.post(?:0|[1-9]\d*))?(?:\.dev(?:0|[1-9]\d*))?\Z")
_SEMVER_NORMAL = re.compile(r"(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?\Z")


# Ecosystems whose versions `str()` back to the SemVer spelling; the others (NuGet `1.0` = `1.0.0`,
# Maven `1` = `1.0`) are parsed and compared by order whatever their spelling.
_SEMVER_LIKE = (NPM, GO, CARGO)
_NONE = re.compile(r"(?!)")


class _Versions:
    """Parsed versions of one ecosystem, shared by all packages: each distinct string
    is parsed once, and only when needed."""

    def __init__(self, ecosystem: str) -> None:
        self.ecosystem = ecosystem
        self.parsed: dict[str, Any] = {}
        self.normal = _PEP440_NORMAL if ecosystem == PYPI else _SEMVER_NORMAL if ecosystem in _SEMVER_LIKE else _NONE
        self.normal_seen: set[str] = set()  # strings known to be in normal form
        self._spellings: dict[Any, frozenset[str]] = {}

    def parse(self, text: str) -> Any:
        try:
            return self.parsed[text]
        except KeyError:
            pass
        try:
            v = parse_version(self.ecosystem, str(text))
        except VersionError:
            v = None
        self.parsed[text] = v
        return v

    def odd(self, texts: frozenset[str]) -> list[str]:
        """The strings of `texts` that are not in normal form."""
        out = []
        for t in texts.difference(self.normal_seen):
            if self.normal.match(t):
                self.normal_seen.add(t)
            else:
                out.append(t)
        return out

    def spellings(self, v: Any) -> frozenset[str]:
        hit = self._spellings.get(v)
        if hit is None:
            hit = self._spellings[v] = frozenset(self._spell(v))
        return hit

    def _spell(self, v: Any) -> set[str]:
        """The normal-form strings that spell `v` (`2.4`, `2.4.0`, `2.4.0.0`, ...)."""
        if self.ecosystem != PYPI:
            return {str(v)}
        if v.epoch or v.local:
            return set()
        rel = list(v.release)
        while len(rel) > 1 and rel[-1] == 0:
            rel.pop()
        suffix = ""
        if v.pre:
            suffix += f"{v.pre[0]}{v.pre[1]}"
        if v.post is not None:
            suffix += f".post{v.post}"
        if v.dev is not None:
            suffix += f".dev{v.dev}"
        out = set()
        for k in range(len(rel), 7):
            out.add(".".join(map(str, rel + [0] * (k - len(rel)))) + suffix)
        return out


class _Package:
    """One package's advisories, compiled for matching (built on first use)."""

    def __init__(self, ecosystem: str, name: str, advisories: list[Advisory], memo: "_Versions") -> None:
        self.ecosystem, self.name, self.advs = ecosystem, name, advisories
        self.ivs: list[list[_Iv]] = [[] for _ in advisories]
        self.notes: list[list[str]] = [[] for _ in advisories]
        self.memo = memo
        sets: list[frozenset[str]] = []
        for i, adv in enumerate(advisories):
            listed: list[str] = []
            for aff in adv.affected_for(ecosystem, name):
                for rng in aff.ranges:
                    self._compile_range(i, rng.events, memo.parse)
                listed.extend(aff.versions)
            sets.append(frozenset(listed))
        self.sets = sets  # listed version strings per advisory
        # listed strings not in normal form are parsed now; the others are found by spelling
        self.odd: dict[Any, set[str]] = {}
        for raw in memo.odd(frozenset().union(*sets)):
            v = memo.parse(raw)
            if v is not None:
                self.odd.setdefault(v, set()).add(raw)
        self._listed: dict[Any, list[int]] = {}
        self._listed_by_adv: list[list[Any]] | None = None
        self._build_segments()

    def listed_raw(self, raw: str) -> list[int]:
        """Advisories that list this exact string."""
        return [i for i, f in enumerate(self.sets) if raw in f]

    def listed(self, v: Any) -> list[int]:
        """Advisories that list a version equal to `v` in the ecosystem's order
        (`2.4` and `2.4.0` are one PEP 440 version)."""
        hit = self._listed.get(v)
        if hit is None:
            raws = self.memo.spellings(v) | self.odd[v] if v in self.odd else self.memo.spellings(v)
            hit = self._listed[v] = [i for i, f in enumerate(self.sets) if not raws.isdisjoint(f)]
        return hit

    @property
    def listed_by_adv(self) -> list[list[Any]]:
        if self._listed_by_adv is None:
            self._listed_by_adv = [[v for v in map(self.memo.parse, f) if v is not None] for f in self.sets]
        return self._listed_by_adv

    def _compile_range(self, i: int, events: tuple[tuple[str, str], ...], parse) -> None:
        evs = []
        limits = []
        bad = []
        for kind, raw in events:
            if kind == "introduced" and raw == "0":
                evs.append((None, kind, raw))
                continue
            v = parse(raw)
            if v is None:
                bad.append(f"{kind} {raw!r} is not a valid {self.ecosystem} version")
                continue
            if kind == "limit":
                limits.append(v)
            elif kind in ("introduced", "fixed", "last_affected"):
                evs.append((v, kind, raw))
        # sort by version, "introduced 0" first; ties keep the record's order
        evs.sort(key=lambda e: (e[0] is not None, e[0]) if e[0] is not None else (False,))
        text = ", ".join(f"{k} {r}" for k, r in events)
        note = ("the advisory's range cannot be fully read: " + "; ".join(bad)) if bad else None
        if note:
            self.notes[i].append(note)
        lo: tuple | None = None
        for v, kind, raw in evs:
            if kind == "introduced":
                if lo is None:
                    lo = (v, v is not None)
            elif lo is not None:
                hi_inc = kind == "last_affected"
                self.ivs[i].append(_Iv(i, (lo[0], lo[1], v, hi_inc), text, raw if kind == "fixed" else None, note))
                lo = None
        if lo is not None:
            self.ivs[i].append(_Iv(i, (lo[0], lo[1], None, False), text, None, note))
        if limits:
            cap = max(limits)
            kept = []
            for x in self.ivs[i]:
                y = intersect(x.iv, (None, False, cap, False))
                if y is not None:
                    kept.append(_Iv(i, y, x.text, x.fixed, x.uncertain))
            self.ivs[i] = kept

    def _build_segments(self) -> None:
        """Sorted boundary points; segment 2k+1 is point k, segment 2k the open gap
        below it, so an exact version is located with one bisect."""
        pts = sorted({b for ivs in self.ivs for x in ivs for b in (x.iv[0], x.iv[2]) if b is not None})
        self.points = pts
        n = len(pts)
        pos = {p: k for k, p in enumerate(pts)}
        segs: list[list[_Iv]] = [[] for _ in range(2 * n + 1)]
        for ivs in self.ivs:
            for x in ivs:
                lo, lo_inc, hi, hi_inc = x.iv
                s = 0 if lo is None else 2 * pos[lo] + (1 if lo_inc else 2)
                e = 2 * n if hi is None else 2 * pos[hi] + (1 if hi_inc else 0)
                for k in range(s, e + 1):
                    segs[k].append(x)
        self.segments = segs
        self._grouped: dict[int, list[tuple[int, list[str], list[str], str | None]]] = {}

    def at(self, v: Any) -> list[tuple[int, list[str], list[str], str | None]]:
        """The advisories whose ranges contain `v`: (index, ranges, fixed versions,
        why uncertain or None)."""
        k = bisect.bisect_left(self.points, v)
        k = 2 * k + 1 if k < len(self.points) and self.points[k] == v else 2 * k
        hit = self._grouped.get(k)
        if hit is None:
            by: dict[int, list] = {}
            for x in self.segments[k]:
                g = by.get(x.adv)
                if g is None:
                    by[x.adv] = [x.adv, [x.text], [x.fixed] if x.fixed else [], x.uncertain]
                    continue
                g[1].append(x.text)
                if x.fixed and x.fixed not in g[2]:
                    g[2].append(x.fixed)
                if x.uncertain is None:
                    g[3] = None  # one readable range containing v is enough
            hit = self._grouped[k] = [tuple(g) for g in by.values()]
        return hit


class Matcher:
    def __init__(self, db: Database) -> None:
        self.db = db

    def prepare(self) -> int:
        """Compile every package's advisories now instead of on first use (for a long-lived
        process, or to time matching alone). Returns how many packages were compiled."""
        with gc_paused():
            for ecosystem, name in list(self.db.index):
                self._package(ecosystem, name)
        return sum(1 for k in self.db._compiled if k[0] != "#versions")

    def _package(self, ecosystem: str, name: str) -> _Package | None:
        key = (ecosystem, name)
        pkg = self.db._compiled.get(key)
        if pkg is None:
            advs = self.db.index.get(key)
            if not advs:
                return None
            memo = self.db._compiled.get(("#versions", ecosystem))
            if memo is None:
                memo = self.db._compiled[("#versions", ecosystem)] = _Versions(ecosystem)
            with gc_paused():
                pkg = self.db._compiled[key] = _Package(ecosystem, name, advs, memo)
        return pkg

    def match(
        self, ecosystem: str, name: str, version: str | None = None, version_range: str | None = None
    ) -> list[Match]:
        eco = canonical_ecosystem(ecosystem)
        norm = normalize_name(eco, name)
        pkg = self._package(eco, norm)
        if pkg is None:
            return []
        if version is not None and str(version).strip():
            out = self._exact(pkg, str(version).strip())
        else:
            out = self._range(pkg, version_range)
        out.sort(key=lambda m: (m.certainty != CERTAIN, m.advisory.id))
        return out

    def match_many(
        self, queries: Iterable[tuple[str, str, str | None, str | None]]
    ) -> list[list[Match]]:
        """`match` for many (ecosystem, name, version, version_range) at once, with the
        cyclic GC paused meanwhile (its full passes over the database would otherwise
        cost more than the matching)."""
        with gc_paused():
            return [self.match(*q) for q in queries]

    def _exact(self, pkg: _Package, raw: str) -> list[Match]:
        eco, name = pkg.ecosystem, pkg.name
        try:
            v = parse_version(eco, raw)
        except VersionError as e:
            hits = set(pkg.listed_raw(raw))
            out = [
                Match(pkg.advs[i], eco, name, CERTAIN, version=raw, matched=[f"listed version {raw}"],
                      fixed=sorted(set(pkg.advs[i].fixed_versions(eco, name))))
                for i in sorted(hits)
            ]
            reason = f"{e}: it cannot be compared with the affected ranges"
            out += [
                Match(adv, eco, name, POSSIBLE, version=raw, reason=reason,
                      fixed=sorted(set(adv.fixed_versions(eco, name))))
                for i, adv in enumerate(pkg.advs)
                if i not in hits
            ]
            return out
        advs = pkg.advs
        found: dict[int, Match] = {
            i: Match(advs[i], eco, name, POSSIBLE if unc else CERTAIN, raw, None, texts[:],
                     sorted(set(advs[i].fixed_versions(eco, name))) if unc else fixed[:], unc or "")
            for i, texts, fixed, unc in pkg.at(v)
        }
        for i in pkg.listed(v):
            m = found.get(i)
            if m is not None and not m.certain:
                m.certainty, m.reason = CERTAIN, ""
            if m is None:
                m = found[i] = Match(pkg.advs[i], eco, name, CERTAIN, version=raw)
                # listed but outside every range: the fix is the lowest fixed version above it
                above = [f for f in pkg.advs[i].fixed_versions(eco, name) if _gt(eco, f, v)]
                m.fixed = _lowest(eco, above)
            m.matched.append(f"listed version {raw}")
        return list(found.values())

    def _range(self, pkg: _Package, text: str | None) -> list[Match]:
        eco, name = pkg.ecosystem, pkg.name
        text = (text or "").strip()
        try:
            if eco == NPM:
                nr: NpmRange | None = npm_range(text or "*")
                rivs = nr.intervals()
            elif eco == PYPI:
                nr = None
                rivs = pypi_range(text)
            else:
                nr = None
                rivs = range_intervals(eco, text)
        except VersionError as e:
            return [
                Match(adv, eco, name, POSSIBLE, version_range=text, reason=f"{e}: cannot tell which versions it allows",
                      fixed=sorted(set(adv.fixed_versions(eco, name))))
                for adv in pkg.advs
            ]
        if not rivs:
            return []
        out = []
        for i, adv in enumerate(pkg.advs):
            matched: list[str] = []
            fixed: list[str] = []
            for x in pkg.ivs[i]:
                hit = nr.can_select(x.iv) if nr is not None else any(intersect(r, x.iv) for r in rivs)
                if hit:
                    matched.append(x.text)
                    if x.fixed and x.fixed not in fixed:
                        fixed.append(x.fixed)
            listed = [
                v for v in pkg.listed_by_adv[i]
                if (nr.contains(v) if nr is not None else any(contains(r, v) for r in rivs))
            ]
            if listed:
                matched.append("listed versions " + ", ".join(map(str, sorted(set(listed))[:5])) + (" ..." if len(set(listed)) > 5 else ""))
            if not matched:
                continue
            affected = union([x.iv for x in pkg.ivs[i] if not x.uncertain] + [(v, True, v, True) for v in pkg.listed_by_adv[i]])
            certain = all(covered(r, affected) for r in rivs)
            reason = ""
            if not certain:
                reason = (
                    f"the range {text or '*'} may resolve to an affected or an unaffected version "
                    f"(it allows {'; '.join(describe(r) for r in rivs)})"
                )
                if pkg.notes[i]:
                    reason += "; " + "; ".join(pkg.notes[i])
            out.append(Match(adv, eco, name, CERTAIN if certain else POSSIBLE, version_range=text or "*",
                             matched=matched, fixed=_lowest(eco, fixed) if certain else sorted(set(adv.fixed_versions(eco, name))),
                             reason=reason))
        return out


def _gt(eco: str, a: str, v: Any) -> bool:
    try:
        return parse_version(eco, a) > v
    except VersionError:
        return False


def _lowest(eco: str, versions: list[str]) -> list[str]:
    parsed = []
    for s in set(versions):
        try:
            parsed.append((parse_version(eco, s), s))
        except VersionError:
            pass
    parsed.sort(key=lambda p: p[0])
    return [s for _, s in parsed]


def match(
    ecosystem: str,
    name: str,
    version: str | None = None,
    version_range: str | None = None,
    db: Database | None = None,
) -> list[Match]:
    """Advisories affecting `name` at `version` (certain), or that `version_range` may
    include (possible) or only includes (certain). Uses the default database (bundled
    snapshot or the user's newer cache copy) unless `db` is given."""
    return Matcher(db if db is not None else default_database()).match(ecosystem, name, version, version_range)


__all__ = ["CERTAIN", "POSSIBLE", "Match", "Matcher", "match", "PYPI", "NPM"]
