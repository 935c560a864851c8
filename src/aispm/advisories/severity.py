"""Severity of an advisory from its CVSS vectors (OSV `severity[].score` holds the vector).

CVSS v3.0/v3.1 base scores are computed here (FIRST CVSS v3.1 specification §7.1,
with its Roundup). CVSS v4.0 (whose score comes from the specification's MacroVector lookup
tables, not a formula) and v2 are scored by the `cvss` package (Red Hat's, a dependency), so an
advisory that gives only a v4 vector gets its real level instead of a default; a vector that
package refuses gives no score and the caller falls back to the qualitative
`database_specific.severity`, or to "unknown".
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Iterable

from ..model import Severity

_V3 = {
    "AV": {"N": 0.85, "A": 0.62, "L": 0.55, "P": 0.2},
    "AC": {"L": 0.77, "H": 0.44},
    "UI": {"N": 0.85, "R": 0.62},
    "C": {"H": 0.56, "L": 0.22, "N": 0.0},
    "I": {"H": 0.56, "L": 0.22, "N": 0.0},
    "A": {"H": 0.56, "L": 0.22, "N": 0.0},
}
_PR = {"U": {"N": 0.85, "L": 0.62, "H": 0.27}, "C": {"N": 0.85, "L": 0.68, "H": 0.5}}
_QUALITATIVE = {"CRITICAL": 9.0, "HIGH": 7.0, "MODERATE": 4.0, "MEDIUM": 4.0, "LOW": 0.1}


def _roundup(x: float) -> float:
    i = round(x * 100000)
    if i % 10000 == 0:
        return i / 100000.0
    return (math.floor(i / 10000) + 1) / 10.0


def cvss3_base_score(vector: str) -> float:
    """Base score of a `CVSS:3.x/AV:../...` vector. Raises ValueError if malformed."""
    parts = vector.strip().split("/")
    if not parts[0].startswith("CVSS:3"):
        raise ValueError(f"not a CVSS v3 vector: {vector!r}")
    m = {}
    for p in parts[1:]:
        if ":" not in p:
            raise ValueError(f"malformed CVSS v3 vector: {vector!r}")
        k, v = p.split(":", 1)
        m[k] = v
    try:
        s = m["S"]
        av, ac, ui = _V3["AV"][m["AV"]], _V3["AC"][m["AC"]], _V3["UI"][m["UI"]]
        pr = _PR[s][m["PR"]]
        c, i, a = _V3["C"][m["C"]], _V3["I"][m["I"]], _V3["A"][m["A"]]
    except KeyError as e:
        raise ValueError(f"malformed CVSS v3 vector {vector!r}: {e}") from None
    iss = 1 - (1 - c) * (1 - i) * (1 - a)
    impact = 6.42 * iss if s == "U" else 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15
    expl = 8.22 * av * ac * pr * ui
    if impact <= 0:
        return 0.0
    if s == "U":
        return _roundup(min(impact + expl, 10))
    return _roundup(min(1.08 * (impact + expl), 10))


@dataclass(frozen=True)
class Score:
    level: Severity
    score: float | None  # None when no CVSS score could be computed
    vector: str | None
    type: str | None  # CVSS_V3 | CVSS_V4 | CVSS_V2 | database_specific | None
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"level": str(self.level), "score": self.score, "vector": self.vector, "type": self.type}
        if self.note:
            d["note"] = self.note
        return d


def cvss_other_base_score(kind: str, vector: str) -> float:
    """Base score of a CVSS v4.0 or v2 vector (the `cvss` package). Raises ValueError if malformed."""
    try:
        import cvss
    except ImportError:  # pragma: no cover - a pinned dependency
        raise ValueError(f"{kind} vector not scored (the cvss package is not installed)") from None
    try:
        if kind == "CVSS_V4":
            return float(cvss.CVSS4(vector.strip()).base_score)
        return float(cvss.CVSS2(vector.strip()).scores()[0])
    except (cvss.CVSSError, ValueError, KeyError, IndexError, TypeError, AttributeError) as e:
        raise ValueError(f"malformed {kind} vector {vector[:120]!r}: {e}") from None


def level_of(score: float) -> Severity:
    if score >= 9.0:
        return Severity.CRITICAL
    if score >= 7.0:
        return Severity.HIGH
    if score >= 4.0:
        return Severity.MEDIUM
    if score > 0:
        return Severity.LOW
    return Severity.INFO


def advisory_severity(entries: Iterable[dict[str, str]]) -> Score:
    """The advisory's severity: its CVSS v3 score when it gives a v3 vector (the score most
    advisories and peers show, so reports stay comparable), else its v4 score, else v2, else its
    qualitative database severity, else medium, saying it is unknown."""
    entries = list(entries)
    order = {"CVSS_V3": 0, "CVSS_V4": 1, "CVSS_V2": 2}
    problems = []
    for e in sorted((e for e in entries if e.get("type") in order), key=lambda e: order[e["type"]]):
        vec = e.get("score", "")
        score = None
        try:
            score = cvss3_base_score(vec) if e["type"] == "CVSS_V3" else cvss_other_base_score(e["type"], vec)
        except ValueError as err:
            problems.append(str(err))
        if score is not None:
            return Score(level_of(score), score, vec, e["type"])
    for e in entries:
        if e.get("type") == "database_specific" and e.get("score", "").upper() in _QUALITATIVE:
            q = e["score"].upper()
            return Score(level_of(_QUALITATIVE[q]), None, None, "database_specific", f"qualitative severity {q} from the advisory")
    note = "the advisory gives no usable severity; reported as medium"
    if problems:
        note += " (" + "; ".join(problems) + ")"
    return Score(Severity.MEDIUM, None, None, None, note)
