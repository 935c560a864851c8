"""Coverage of a compliance framework by one scan: a status per requirement.

For each requirement of the framework's catalogue, the rules that map to it (`References.compliance`,
and vulnerable-library findings through `aispm.compliance.ADVISORY`) decide its status on this estate:

- `fail`: a mapped rule failed on an asset (suppressed findings do not count: triage set them aside
  with a reason); `failing` counts those findings;
- `pass`: mapped rules judged assets here, at least one passed, and none failed;
- `manual`: a person must answer it: the catalogue marks it so (an organisational process), or rules
  map to it but none could decide anything on this estate (no asset of their types, or only
  `unknown` verdicts), so the scan has no evidence either way;
- `not_covered`: no aispm rule maps to it.

A pass is evidence, not certification: it says the requirement's configuration checks that aispm
has passed on the assets it saw. The computation is pure: findings and rules in, records out; the
reporters only print it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from aispm.compliance import ADVISORY, framework
from aispm.model import Finding, Status

STATUSES = ("fail", "pass", "manual", "not_covered")
ADVISORY_RULE = "advisories"  # how the vulnerable-library check is named among a requirement's rules


@dataclass
class RequirementCoverage:
    id: str
    title: str
    status: str
    rules: list[str] = field(default_factory=list)  # the rules that map to it
    failing: int = 0  # failing findings (not suppressed)
    passing: int = 0
    unknown: int = 0
    failing_rules: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"id": self.id, "title": self.title, "status": self.status, "rules": list(self.rules),
                "findings": {"fail": self.failing, "pass": self.passing, "unknown": self.unknown},
                "failing_rules": list(self.failing_rules)}


@dataclass
class FrameworkCoverage:
    id: str
    name: str
    version: str
    url: str
    requirements: list[RequirementCoverage]

    def counts(self) -> dict[str, int]:
        out = {s: 0 for s in STATUSES}
        for r in self.requirements:
            out[r.status] += 1
        return out

    def as_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "version": self.version, "url": self.url,
                "summary": self.counts(), "requirements": [r.as_dict() for r in self.requirements]}


def mapping(rules: Iterable, fid: str) -> dict[str, list[str]]:
    """Requirement id → the rule ids that map to it in framework `fid` (`advisories` for the
    vulnerable-library check), in rule order."""
    out: dict[str, list[str]] = {}
    for rule in rules:
        for rid in rule.references.compliance.get(fid, ()):
            out.setdefault(rid, []).append(rule.id)
    for rid in ADVISORY.get(fid, ()):
        out.setdefault(rid, []).append(ADVISORY_RULE)
    return out


def _tally(findings: Iterable[Finding]) -> dict[str, dict[str, int]]:
    """Per rule id (`advisories` for every advisory finding): counts of fail, pass, unknown verdicts."""
    out: dict[str, dict[str, int]] = {}
    for f in findings:
        key = ADVISORY_RULE if f.advisory is not None else f.rule_id
        counts = out.setdefault(key, {"fail": 0, "pass": 0, "unknown": 0})
        if f.suppressed_reason is not None or f.status is Status.SUPPRESSED:
            continue
        if f.status is Status.FAIL:
            counts["fail"] += 1
        elif f.status is Status.PASS:
            counts["pass"] += 1
        elif f.status is Status.UNKNOWN:
            counts["unknown"] += 1
    return out


def evaluate(fid: str, rules: Iterable, findings: Iterable[Finding]) -> FrameworkCoverage:
    """The coverage of framework `fid` by `findings` of `rules` (KeyError for an unknown framework)."""
    fw = framework(fid)
    mapped = mapping(rules, fid)
    tally = _tally(findings)
    reqs: list[RequirementCoverage] = []
    for req in fw.requirements:
        rule_ids = mapped.get(req.id, [])
        cov = RequirementCoverage(req.id, req.title, "not_covered", rules=list(rule_ids))
        for rid in rule_ids:
            counts = tally.get(rid)
            if counts is None:
                continue
            cov.failing += counts["fail"]
            cov.passing += counts["pass"]
            cov.unknown += counts["unknown"]
            if counts["fail"]:
                cov.failing_rules.append(rid)
        if cov.failing:
            cov.status = "fail"
        elif req.manual:
            cov.status = "manual"
        elif rule_ids:
            cov.status = "pass" if cov.passing else "manual"
        reqs.append(cov)
    return FrameworkCoverage(fw.id, fw.name, fw.version, fw.url, reqs)


def evaluate_all(fids: Iterable[str], rules: Iterable, findings: Iterable[Finding]) -> list[FrameworkCoverage]:
    rules = list(rules)
    findings = list(findings)
    return [evaluate(fid, rules, findings) for fid in dict.fromkeys(fids)]
