"""One rule, whole, for a terminal (`aispm rules AISPM-AZ-001`): id, severity, pillar, what it
judges, the risk, the steps, the change in every form the rule writes it (Terraform, Bicep, ARM,
CloudFormation, CLI, config, code), the references and the rule's page. The prose is wrapped to
the console; code is printed as written (never re-wrapped, so it can be copied)."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from aispm.model import CATALOGUES
from aispm.report.lines import Writer
from aispm.report.remediation import rule_url
from aispm.report.terminal import visible
from aispm.compliance import title_of
from aispm.rules.engine import FRAMEWORKS, Rule


def render(rule: Rule, console: Console) -> None:
    w = Writer(console)
    w.line((rule.id, "bold"), f"  {rule.severity} · {rule.pillar} · {rule.provider}")
    w.para(rule.title, style="bold")
    w.blank()
    w.para(", ".join(rule.resource_types), lead="Judges: ", indent=2)
    if rule.scope:
        w.para(rule.scope, lead="Scope: ", indent=2)
    w.para(", ".join(rule.facts), lead="Facts: ", indent=2)
    w.blank()
    w.line(("Risk", "bold"))
    w.para(rule.risk, lead="  ", indent=2)
    w.blank()
    w.line(("Remediation", "bold"))
    w.para(rule.remediation, lead="  ", indent=2)
    for n, step in enumerate(rule.fix.steps, 1):
        w.para(step, lead=f"  {n}. ", indent=5)
    for change in rule.fix.changes:
        w.blank()
        head = f"Fix: {change.label}" + (f" ({change.target})" if change.target else "")
        w.para(head, style="bold green", indent=2)
        if change.note:
            w.para(change.note, lead="  ", indent=2)
        for line in change.code.splitlines():  # as written: wrapping code would break it
            console.print(Text("    " + visible(line)), soft_wrap=True, highlight=False)
    w.blank()
    w.line(("References", "bold"))
    refs = rule.references
    if refs.defender:
        w.para(refs.defender, lead="  Defender for Cloud: ", indent=4)
    for catalogue, ids in refs.ids().items():
        if ids:
            w.para(", ".join(ids), lead=f"  {CATALOGUES[catalogue]}: ", indent=4)
    for framework, ids in refs.compliance.items():  # each requirement with its title from the catalogue
        if ids:
            named = [title_of(framework, i) if framework == "nist-ai-600-1" else f"{i} {title_of(framework, i)}".strip()
                     for i in ids]
            w.para("; ".join(named), lead=f"  {FRAMEWORKS.get(framework, (framework,))[0]}: ", indent=4)
    for url in refs.urls:
        w.line("  ", url)
    w.line(("Page: ", "bold"), rule_url(rule.id))
