"""The rule type and the engine that applies rules to assets.

A rule is one predicate over facts plus one metadata record (Prowler's shape).
Rules never read raw properties or files: that is what lets one rule serve
Terraform, ARM, Bicep and the live cloud alike. A predicate answers `True`
(pass), `False` (fail) or `None` (a fact it needs is unknown): an unknown is
reported as such, never turned into a pass or a fail.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from aispm.model import Asset, Finding, Pillar, References, Severity, Status

Facts = dict[str, Any]


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    severity: Severity
    pillar: Pillar
    resource_types: tuple[str, ...]  # ARM (or other cloud) type names this rule judges
    facts: tuple[str, ...]  # the facts the predicate reads (shown as evidence)
    check: Callable[[Facts], bool | None]
    risk: str
    remediation: str
    references: References = field(default_factory=References)
    applies: Callable[[Facts], bool] = lambda facts: True
    provider: str = "azure"

    def judge(self, asset: Asset) -> Status | None:
        """The rule's verdict on one asset, or None when the rule does not apply."""
        if not self.applies(asset.facts):
            return None
        verdict = self.check(asset.facts)
        if verdict is None:
            return Status.UNKNOWN
        return Status.PASS if verdict else Status.FAIL

    def metadata(self) -> dict[str, Any]:
        r = self.references
        return {
            "id": self.id,
            "title": self.title,
            "severity": str(self.severity),
            "pillar": str(self.pillar),
            "provider": self.provider,
            "resource_types": list(self.resource_types),
            "facts": list(self.facts),
            "risk": self.risk,
            "remediation": self.remediation,
            "references": {
                "defender": r.defender,
                "defender_indicator": r.defender_indicator,
                **{k: list(v) for k, v in r.ids().items()},
                "urls": list(r.urls),
            },
        }


def need(facts: Facts, *names: str) -> list[Any] | None:
    """The values of facts a predicate needs, or None if any of them is unknown."""
    values = [facts.get(n) for n in names]
    return None if any(v is None for v in values) else values


def is_false(name: str) -> Callable[[Facts], bool | None]:
    def check(facts: Facts) -> bool | None:
        v = facts.get(name)
        return None if v is None else v is False

    return check


def is_true(name: str) -> Callable[[Facts], bool | None]:
    def check(facts: Facts) -> bool | None:
        v = facts.get(name)
        return None if v is None else v is True

    return check


def evaluate(rules: Iterable[Rule], assets: Iterable[Asset]) -> list[Finding]:
    """Apply every rule to every asset of its types. Assets declared as `existing`
    (references to resources deployed elsewhere) are not judged."""
    by_type: dict[str, list[Rule]] = {}
    for rule in rules:
        for t in rule.resource_types:
            by_type.setdefault(t.lower(), []).append(rule)
    findings: list[Finding] = []
    for asset in assets:
        if asset.existing:
            continue
        for rule in by_type.get(asset.type.lower(), ()):
            status = rule.judge(asset)
            if status is None:
                continue
            findings.append(
                Finding(
                    rule_id=rule.id,
                    title=rule.title,
                    severity=rule.severity,
                    pillar=rule.pillar,
                    status=status,
                    asset_uid=asset.uid,
                    evidence=_evidence(rule, asset),
                    references=rule.references,
                    file=asset.origin.file,
                    line=asset.origin.line,
                    address=asset.origin.address,
                    message=_message(rule, asset, status),
                )
            )
    return findings


def _evidence(rule: Rule, asset: Asset) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in rule.facts:
        ev = asset.evidence.get(name)
        item: dict[str, Any] = {"value": asset.facts.get(name)}
        if ev is not None:
            item["path"] = ev.path
            if ev.value is not None:
                item["raw"] = ev.value
            if ev.note:
                item["note"] = ev.note
        out[name] = item
    return out


def _message(rule: Rule, asset: Asset, status: Status) -> str:
    where = f"{asset.origin.address} ({asset.origin.file}:{asset.origin.line})"
    facts = ", ".join(f"{n}={asset.facts.get(n)!r}" for n in rule.facts)
    if status is Status.FAIL:
        return f"{rule.title}: {where} fails ({facts})."
    if status is Status.UNKNOWN:
        unknown = [n for n in rule.facts if asset.facts.get(n) is None]
        return f"{rule.title}: {where} cannot be decided: {', '.join(unknown)} unknown."
    return f"{rule.title}: {where} passes."
