"""One problem per rule, file and line: the findings SARIF and the terminal show as one.

A Terraform or Bicep module instantiated N times (or a `count`, `for_each` or copy loop) deploys
N resources from one declaration. The JSON report keeps one finding per deployed resource (each
can be fixed, suppressed or drift apart), but a code-scanning alert or a terminal line is about
the declaration a person edits: N results at one file and line would open N alerts. A `Problem`
is that declaration: the rule, the file and line, and every instance's address.

Its fingerprint must survive what does not change the problem (GitHub matches alerts across
runs by it): a line moved by an unrelated edit, another instance added. It is a hash of the rule
id, the file, the resource's address without instance keys (`module.m["a"].x.y[0]` →
`module.m.x.y`) and a hash of the offending line's text with whitespace normalised — never the
line number. The line is read again from the scanned tree, only inside the scan's roots and
only from files of a bounded size; a line that cannot be read counts as empty (the rest of the
fingerprint still holds). Its text is hashed, never printed."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from aispm.model import Finding, ScanResult, Status
from aispm.report.remediation import strip_instance_keys

#: Files larger than this are not read again for a fingerprint (the default scan size limit).
MAX_LINE_FILE = 20 * 1024 * 1024


@dataclass
class Problem:
    """The findings of one rule at one file and line (one per deployed instance)."""

    findings: list[Finding] = field(default_factory=list)
    fingerprint: str = ""

    @property
    def first(self) -> Finding:
        return self.findings[0]

    @property
    def rule_id(self) -> str:
        return self.first.rule_id

    @property
    def addresses(self) -> list[str]:
        """Each instance's address (or asset uid), once, in report order."""
        return list(dict.fromkeys(f.address or f.asset_uid for f in self.findings))

    @property
    def declaration(self) -> str:
        """The address without instance keys when every instance shares it, else `""`."""
        stripped = {strip_instance_keys(a) for a in self.addresses}
        return stripped.pop() if len(stripped) == 1 else ""


def group(findings: Iterable[Finding]) -> list[Problem]:
    """Findings → problems, keyed by rule, file and line, in the order first seen."""
    by_key: dict[tuple, Problem] = {}
    for f in findings:
        key = (f.rule_id, f.file, f.line) if f.file else (f.rule_id, None, f.asset_uid)
        by_key.setdefault(key, Problem()).findings.append(f)
    return list(by_key.values())


class LineReader:
    """Lines of the scanned files, by the paths reports show (relative to the targets'
    common folder, as `scan.target_prefixes` makes them), confined to the scan's roots."""

    def __init__(self, result: ScanResult) -> None:
        from aispm.live.targets import is_live
        from aispm.scan import target_prefixes

        paths = [t for t in result.targets if not is_live(t)]
        self.base = target_prefixes(paths)[0] if paths else None
        self.roots = tuple(result.roots)
        self._cache: dict[str, list[str] | None] = {}

    def _lines(self, rel: str) -> list[str] | None:
        if rel in self._cache:
            return self._cache[rel]
        lines = None
        if self.base is not None and not os.path.isabs(rel) and ".." not in Path(rel).parts:
            path = self.base / rel
            real = os.path.realpath(path)
            from aispm.confine import inside

            try:
                if (not self.roots or inside(real, self.roots)) and os.path.getsize(real) <= MAX_LINE_FILE:
                    lines = Path(real).read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
                lines = None
        self._cache[rel] = lines
        return lines

    def line(self, rel: str | None, number: int | None) -> str:
        if not rel or not number:
            return ""
        lines = self._lines(rel)
        if not lines or number > len(lines):
            return ""
        return lines[number - 1]


def line_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def fingerprint(p: Problem, reader: LineReader | None) -> str:
    text = reader.line(p.first.file, p.first.line) if reader is not None else ""
    key = "|".join((p.rule_id, p.first.file or p.first.asset_uid, p.declaration, line_hash(text)))
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def problems(result: ScanResult, statuses: tuple[Status, ...] = (Status.FAIL,), with_file: bool = False,
             fingerprints: bool = False) -> list[Problem]:
    """The problems of the findings with these statuses (only those with a file when `with_file`),
    most severe first, then by rule id; each with its fingerprint when asked."""
    chosen = [f for f in result.findings if f.status in statuses and (f.file or not with_file)]
    out = group(chosen)
    if fingerprints:
        reader = LineReader(result)
        for p in out:
            p.fingerprint = fingerprint(p, reader)
    return out


def by_severity(problems_: Iterable[Problem]) -> list[Problem]:
    return sorted(problems_, key=lambda p: (-int(p.first.severity), p.rule_id,
                                            p.first.file or "", p.first.line or 0))
