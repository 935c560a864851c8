"""How to fix one finding, the same in every report: the rule's steps, its change written in the
language of the input that declared the asset (Terraform for a `.tf` resource, Bicep for a
`.bicep` one, the ARM template, CloudFormation, the CLI for a live resource), and the link to the
rule's page (`docs/rules/<id>.md` on the repository, `RULES_URL`). A vulnerable library's fix is
the version that fixes its advisory, and its link the advisory's page.

It only selects and shapes what the rule records (`Rule.fix`); it never judges. The input format
of a finding is the prefix of its asset uid (`<format>:<file>:<address>`), the source that read it."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from aispm.model import Finding
from aispm.rules.engine import FIX_FORMS, Change, Rule

#: Where each rule's page lives: `RULES_URL + "<rule id>.md"`. One constant for SARIF `helpUri`,
#: the JSON `remediation.url`, the terminal and the HTML report.
RULES_URL = "https://github.com/aispm/aispm/blob/main/docs/rules/"
#: Where an advisory (`PYSEC-…`, `GHSA-…`, `CVE-…`) is explained.
ADVISORY_URL = "https://osv.dev/vulnerability/"

#: The source that read an asset → the fix form a user edits for it (`FIX_FORMS`).
_FORM_OF_SOURCE = {
    "terraform": "terraform", "terraform-plan": "terraform",
    "bicep": "bicep", "arm": "arm",
    "cloudformation": "config",  # the CloudFormation change is written as `config` (YAML)
    "azure-snapshot": "cli", "aws-snapshot": "cli", "gcp-snapshot": "cli",
    "azure": "cli", "aws": "cli", "gcp": "cli", "live": "cli",
    "python-code": "code", "js-code": "code", "notebook": "code",
    "mcp": "config", "foundry-agent": "config", "copilot-studio": "config", "prompty": "config", "azd": "config",
}
#: What to fall back on, in order, when the rule has no change in the input's own form.
_FALLBACK = ("cli", "terraform", "config", "code", "bicep", "arm")


def rule_url(rule_id: str) -> str:
    """The page of a rule."""
    return RULES_URL + rule_id + ".md"


def url_for(f: Finding) -> str:
    """The page of a finding's rule, or of its advisory for a vulnerable library."""
    return ADVISORY_URL + f.rule_id if f.advisory is not None else RULES_URL + f.rule_id + ".md"


def source_of(f: Finding) -> str:
    """The source that read the judged asset (the prefix of its uid), `""` when it has none."""
    head, sep, _ = f.asset_uid.partition(":")
    return head if sep else ""


def form_for(f: Finding) -> str | None:
    """The fix form of the input the finding's asset was declared in (`None`: not known)."""
    form = _FORM_OF_SOURCE.get(source_of(f))
    if form is None and f.file:
        name = f.file.lower()
        if name.endswith((".tf", ".tf.json")):
            form = "terraform"
        elif name.endswith((".bicep", ".bicepparam")):
            form = "bicep"
    return form


_INSTANCE_KEY = re.compile(r'\[(?:"(?:[^"\\]|\\.)*"|[^\]]*)\]')


def strip_instance_keys(address: str) -> str:
    """`module.m["east"].azurerm_x.y[0]` → `module.m.azurerm_x.y`: the declaration, not the instance."""
    return _INSTANCE_KEY.sub("", address)


def resource_type(address: str | None) -> str:
    """The resource type an address names: `module.m.azurerm_x.y` → `azurerm_x`,
    `Microsoft.A/b.name` → `Microsoft.A/b` (lower case), `""` when it names none."""
    if not address:
        return ""
    parts = strip_instance_keys(address).split(".")
    while len(parts) > 2 and parts[0] in ("module", "data"):
        parts = parts[2:] if parts[0] == "module" else parts[1:]
    if "/" in address:  # ARM and Bicep: <Namespace.Provider/type>.<name>
        m = re.search(r"([A-Za-z0-9]+\.[A-Za-z0-9.]+/[A-Za-z0-9/]+)", address)
        return m.group(1).lower() if m else ""
    return parts[0].lower() if len(parts) >= 2 else ""


def changes_for(rule: Rule, f: Finding) -> tuple[str | None, tuple[Change, ...]]:
    """The form and the changes of `rule`'s fix that apply to this finding: the input's own form
    when the rule has it (only the changes for the asset's resource type when the rule writes one
    per type), else the first form the rule has in `_FALLBACK` order."""
    form = form_for(f)
    have = rule.fix.forms()
    if form not in have:
        form = next((x for x in _FALLBACK if x in have), have[0] if have else None)
    if form is None:
        return None, ()
    changes = rule.fix.of(form)
    rtype = resource_type(f.address)
    if rtype and len(changes) > 1:
        own = tuple(c for c in changes if c.target and c.target.lower() == rtype)
        if own:
            changes = own
    return form, changes


def fixed_versions(f: Finding) -> list[str]:
    fixed = (f.advisory or {}).get("fixed")
    if isinstance(fixed, list):
        return [str(v) for v in fixed]
    return [str(fixed)] if fixed else []


def _package(f: Finding) -> str:
    """`pkg:pypi/langchain@0.1.0` → `langchain`; the address of a library asset is its purl."""
    text = f.address or f.asset_uid
    m = re.search(r"pkg:[^/]+/(?:[^/@]+/)?([^@?#]+)", text)
    return m.group(1) if m else ""


def advisory_steps(f: Finding) -> list[str]:
    fixed = fixed_versions(f)
    name = _package(f) or "the library"
    if fixed:
        return [f"Upgrade {name} to {' or '.join(fixed)} or later (the version that fixes this advisory), "
                "then re-lock and redeploy."]
    return [f"No fixed version of {name} is known: remove it, replace it, or isolate what reaches it."]


@lru_cache(maxsize=None)
def _rules() -> dict[str, Rule]:
    from aispm.rules import all_rules

    return {r.id: r for r in all_rules()}


def rule_for(rule_id: str) -> Rule | None:
    rule = _rules().get(rule_id)
    if rule is None:  # a rule registered after the first call (a provider added at run time)
        _rules.cache_clear()
        rule = _rules().get(rule_id)
    return rule


def remediation(f: Finding, rule: Rule | None = None) -> dict[str, Any] | None:
    """The JSON `remediation` of a finding: `steps`, `form` and `changes` (the fix in the input's own
    language, as `Change.as_dict`), `url`; for a vulnerable library `fixed_versions` too. None for
    a finding of no known rule or advisory."""
    if f.advisory is not None:
        return {"steps": advisory_steps(f), "form": None, "changes": [], "url": url_for(f),
                "fixed_versions": fixed_versions(f)}
    rule = rule or rule_for(f.rule_id)
    if rule is None:
        return None
    form, changes = changes_for(rule, f)
    steps = list(rule.fix.steps) or [rule.remediation]
    return {"steps": steps, "form": form, "changes": [c.as_dict() for c in changes], "url": url_for(f)}


def first_step(f: Finding, rule: Rule | None = None) -> str:
    """One line a reader acts on: the rule's first step, or the library's upgrade."""
    if f.advisory is not None:
        return advisory_steps(f)[0]
    rule = rule or rule_for(f.rule_id)
    if rule is None:
        return ""
    return (rule.fix.steps[0] if rule.fix.steps else rule.remediation) or ""


def form_label(form: str | None) -> str:
    return FIX_FORMS[form][0] if form in FIX_FORMS else ""
