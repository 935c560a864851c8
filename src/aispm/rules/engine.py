"""The rule type and the engine that applies rules to assets.

A rule is one predicate over facts plus one metadata record (Prowler's shape).
Rules never read raw properties or files: that is what lets one rule serve
Terraform, ARM, Bicep and the live cloud alike. A predicate answers `True`
(pass), `False` (fail) or `None` (a fact it needs is unknown): an unknown is
reported as such, never turned into a pass or a fail.

The metadata record holds everything a user needs to act on a finding: the risk,
the remediation as one line of text (`remediation`, what reports print) and as a
`Fix` record (`fix`: the steps, and the change in each input's own language, one
`Change` per form of `FIX_FORMS` and target), the references to peer catalogues and
compliance frameworks (`aispm.model.References`, `FRAMEWORKS`). `docs/rules/` is generated
from these records (`scripts/rule_docs.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Mapping

from aispm.model import Asset, Finding, Pillar, References, Severity, Status

Facts = dict[str, Any]

#: The languages a fix is written in: form → (how a person names it, code-block language).
#: A form is the input a user edits (or the tool they run), so one rule can carry the same
#: change as Terraform, Bicep, an ARM template and a CLI command. Add a form here before using it.
FIX_FORMS: dict[str, tuple[str, str]] = {
    "terraform": ("Terraform", "hcl"),
    "bicep": ("Bicep", "bicep"),
    "arm": ("ARM template", "json"),
    "cli": ("CLI", "bash"),
    "config": ("Configuration", "yaml"),
    "code": ("Code", "python"),
}

class _Frameworks(Mapping[str, tuple[str, str]]):
    """Compliance frameworks a rule may map to (`References.compliance` keys): key → (name, URL),
    read from the catalogues (`aispm.compliance`) when first asked, not at every import."""

    def _data(self) -> dict[str, tuple[str, str]]:
        from aispm.compliance import frameworks

        return {f.id: (f.title, f.url) for f in frameworks()}

    def __getitem__(self, key: str) -> tuple[str, str]:
        return self._data()[key]

    def __iter__(self) -> Iterator[str]:
        from aispm.compliance import FRAMEWORK_IDS

        return iter(FRAMEWORK_IDS)

    def __len__(self) -> int:
        from aispm.compliance import FRAMEWORK_IDS

        return len(FRAMEWORK_IDS)


FRAMEWORKS: Mapping[str, tuple[str, str]] = _Frameworks()


@dataclass(frozen=True)
class Change:
    """The fix in one input's own language: a snippet to write (`code`) in `form` (a key of
    `FIX_FORMS`), for `target` (what it applies to: a Terraform resource type, an ARM type, a
    file such as `.vscode/mcp.json`). `title` names the form when `FIX_FORMS` is too generic
    ("Azure CLI"); `lang` overrides the code-block language (a JSON config); `note` is one line
    shown with the snippet. `data` is the same change as structured data where a test applies it
    (the ARM fragment a Bicep and an ARM snippet are rendered from)."""

    form: str
    code: str
    target: str = ""
    title: str = ""
    lang: str = ""
    note: str = ""
    data: Any = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.form not in FIX_FORMS:
            raise ValueError(f"unknown fix form {self.form!r}; add it to FIX_FORMS")
        if not self.code.strip():
            raise ValueError("a change needs code")

    @property
    def label(self) -> str:
        return self.title or FIX_FORMS[self.form][0]

    @property
    def language(self) -> str:
        return self.lang or FIX_FORMS[self.form][1]

    def as_dict(self) -> dict[str, Any]:
        return {"form": self.form, "title": self.label, "target": self.target, "language": self.language,
                "note": self.note, "code": self.code}


@dataclass(frozen=True)
class Fix:
    """How to fix a failing asset: the steps in order, and the change in each input's own
    language (`changes`, several per form when a rule judges several resource types)."""

    steps: tuple[str, ...] = ()
    changes: tuple[Change, ...] = ()

    def forms(self) -> list[str]:
        """The forms this fix is written in, in `FIX_FORMS` order."""
        have = {c.form for c in self.changes}
        return [f for f in FIX_FORMS if f in have]

    def of(self, form: str) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.form == form)

    @property
    def terraform(self) -> tuple[Change, ...]:
        return self.of("terraform")

    @property
    def bicep(self) -> tuple[Change, ...]:
        return self.of("bicep")

    @property
    def arm(self) -> tuple[Change, ...]:
        return self.of("arm")

    @property
    def cli(self) -> tuple[Change, ...]:
        return self.of("cli")

    def as_dict(self) -> dict[str, Any]:
        return {"steps": list(self.steps), "forms": self.forms(), "changes": [c.as_dict() for c in self.changes]}


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    severity: Severity
    pillar: Pillar
    resource_types: tuple[str, ...]  # the cloud's type names this rule judges; `*` for every type
    facts: tuple[str, ...]  # the facts the predicate reads (shown as evidence)
    check: Callable[[Facts], bool | None]
    risk: str
    remediation: str
    references: References = field(default_factory=References)
    applies: Callable[[Facts], bool] = lambda facts: True
    provider: str = "azure"
    fix: Fix = field(default_factory=Fix)  # steps and the change per input language (docs/rules/)
    scope: str = ""  # which assets of its types `applies` keeps, in words (docs and catalogue)

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
            "scope": self.scope,
            "facts": list(self.facts),
            "risk": self.risk,
            "remediation": self.remediation,
            "fix": self.fix.as_dict(),
            "references": {
                "defender": r.defender,
                "defender_indicator": r.defender_indicator,
                **{k: list(v) for k, v in r.ids().items()},
                "urls": list(r.urls),
                "compliance": {k: list(v) for k, v in r.compliance.items()},
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
    every: list[Rule] = []  # rules of type `*`: they judge every asset (code-to-cloud drift)
    for rule in rules:
        for t in rule.resource_types:
            (every if t == "*" else by_type.setdefault(t.lower(), [])).append(rule)
    findings: list[Finding] = []
    for asset in assets:
        if asset.existing:
            continue
        for rule in (*by_type.get(asset.type.lower(), ()), *every):
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
