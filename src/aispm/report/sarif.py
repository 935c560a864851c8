"""SARIF 2.1.0 for GitHub code scanning.

GitHub needs: a non-empty relative `artifactLocation.uri`, a region, rules with
short/full descriptions and help, `properties.security-severity` as a string,
and `partialFingerprints.primaryLocationLineHash`. Only failing findings that
have a file are emitted (passes, unknowns and suppressed findings are not
alerts; cloud findings without a file do not belong in SARIF).

One result per problem (`report/problems.py`): the findings of one rule at one file and line
(the instances a module or loop deploys from one declaration) are one result that lists every
instance's address (message and `relatedLocations`), with a fingerprint stable across runs and
unrelated edits. Each rule says how to fix it: `helpUri` is the rule's page
(`remediation.RULES_URL`), and `help.markdown` its steps and the change in the languages of the
inputs the rule failed in this run (Terraform for a `.tf` resource, Bicep, ARM, CloudFormation,
CLI); a vulnerable library's help names the version that fixes it.

The advisory data vulnerabilities were matched against is the run's property bag `advisoryData` (SARIF §3.8:
every object, the run included, may carry `properties`), with the content of the JSON report's `advisory_data`.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from aispm import __version__
from aispm.model import CATALOGUES, Finding, ScanResult, Severity, Status
from aispm.report.json import plain
from aispm.report.problems import Problem, problems
from aispm.report.remediation import changes_for, rule_url
from aispm.rules import all_rules
from aispm.rules.engine import Rule

#: Instance addresses written into a merged result's message (all are in `relatedLocations`).
MESSAGE_ADDRESSES = 10

SECURITY_SEVERITY = {
    Severity.CRITICAL: "9.5",
    Severity.HIGH: "8.0",
    Severity.MEDIUM: "5.5",
    Severity.LOW: "2.0",
    Severity.INFO: "0.1",
}
LEVEL = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
    Severity.INFO: "note",
}


def _fix_markdown(rule: Rule, findings: list[Finding]) -> str:
    """The steps, then the change in each input language the rule failed in (first seen first)."""
    parts = []
    if rule.fix.steps:
        parts.append("**Fix.**\n\n" + "\n".join(f"{n}. {step}" for n, step in enumerate(rule.fix.steps, 1)))
    seen: set[tuple[str, str]] = set()
    for f in findings:
        form, changes = changes_for(rule, f)
        for c in changes:
            if (c.form, c.code) in seen:
                continue
            seen.add((c.form, c.code))
            head = f"**{c.label}**" + (f" (`{c.target}`)" if c.target else "") + (f": {c.note}" if c.note else "")
            fence = "~~~~" if "```" in c.code else "```"
            parts.append(f"{head}\n\n{fence}{c.language}\n{c.code}\n{fence}")
    return "\n\n".join(parts)


def _rule_descriptor(rule: Rule, findings: list[Finding] = ()) -> dict[str, Any]:
    refs = []
    if rule.references.defender:
        refs.append(f"Defender for Cloud: {rule.references.defender}")
    for catalogue, ids in rule.references.ids().items():
        if ids:
            refs.append(f"{CATALOGUES[catalogue]}: " + ", ".join(ids))
    url = rule_url(rule.id)
    help_text = f"{rule.risk}\n\nRemediation: {rule.remediation}"
    if rule.fix.steps:
        help_text += "\n\nSteps:\n" + "\n".join(f"{n}. {step}" for n, step in enumerate(rule.fix.steps, 1))
    if refs:
        help_text += "\n\nReferences: " + "; ".join(refs)
    help_text += f"\n\nRule page: {url}"
    fix = _fix_markdown(rule, list(findings))
    markdown = f"**Risk.** {rule.risk}\n\n**Remediation.** {rule.remediation}\n\n" + (fix + "\n\n" if fix else "")
    if refs:
        markdown += "**References.**\n\n" + "\n".join(f"- {r}" for r in refs) + "\n\n"
    markdown += f"[{rule.id}: the rule's page]({url})"
    return {
        "id": rule.id,
        "name": "".join(w.capitalize() for w in rule.id.split("-")),
        "shortDescription": {"text": rule.title[:1024]},
        "fullDescription": {"text": rule.risk[:1024]},
        "help": {"text": help_text, "markdown": markdown},
        "helpUri": url,
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {
            "security-severity": SECURITY_SEVERITY[rule.severity],
            "precision": "high",
            "tags": list(dict.fromkeys(["security", "ai", str(rule.pillar), rule.provider])),  # SARIF: unique
        },
    }


def _advisory_descriptor(f: Finding) -> dict[str, Any]:
    """A rule record for a vulnerability finding, built from its advisory."""
    adv = f.advisory or {}
    summary = str(adv.get("summary") or f.title or f.rule_id)
    aliases = [str(a) for a in adv.get("aliases") or []]
    fixed = adv.get("fixed")
    fixed_text = ", ".join(map(str, fixed)) if isinstance(fixed, list) else (str(fixed) if fixed else "")
    package = ""
    for a in (adv.get("affected") or []):
        if isinstance(a, dict) and isinstance(a.get("package"), dict):
            package = str(a["package"].get("name") or "")
            break
    upgrade = f"Upgrade {package} to {fixed_text} or later." if package else f"Upgrade to {fixed_text} or later."
    help_text = summary + (f"\n\n{upgrade}" if fixed_text else "\n\nNo fixed version is known.")
    if aliases:
        help_text += "\n\nAliases: " + ", ".join(aliases)
    score = None
    sev = adv.get("severity")
    if isinstance(sev, dict) and isinstance(sev.get("score"), (int, float)):
        score = f"{float(sev['score']):.1f}"
    return {
        "id": f.rule_id,
        "name": f.rule_id.replace("-", ""),
        "shortDescription": {"text": summary[:1024]},
        "fullDescription": {"text": summary[:1024]},
        "help": {"text": help_text, "markdown": help_text},
        "helpUri": f"https://osv.dev/vulnerability/{f.rule_id}",
        "defaultConfiguration": {"level": LEVEL[f.severity]},
        "properties": {
            "security-severity": score or SECURITY_SEVERITY[f.severity],
            "precision": "very-high",
            "tags": ["security", "vulnerability", "ai"],
        },
    }


def _result(p: Problem, index: dict[str, int]) -> dict[str, Any]:
    f = p.first
    addresses = p.addresses
    text = f.message or f.title
    if len(addresses) > 1:
        shown = ", ".join(addresses[:MESSAGE_ADDRESSES])
        more = f" and {len(addresses) - MESSAGE_ADDRESSES} more" if len(addresses) > MESSAGE_ADDRESSES else ""
        text += f" ({len(addresses)} instances of one declaration: {shown}{more})"
    physical = {
        "artifactLocation": {"uri": quote(f.file or "", safe="/._-~")},
        "region": {"startLine": max(f.line or 1, 1)},
    }
    name = p.declaration or (f.address if len(addresses) == 1 else None)
    out: dict[str, Any] = {
        "ruleId": f.rule_id,
        **({"ruleIndex": index[f.rule_id]} if f.rule_id in index else {}),
        "level": LEVEL[f.severity],
        "message": {"text": text},
        "locations": [
            {
                "physicalLocation": physical,
                "logicalLocations": [{"name": name, "kind": "resource"}] if name else [],
            }
        ],
        "partialFingerprints": {"primaryLocationLineHash": p.fingerprint},
        "properties": {"asset_uid": f.asset_uid, "pillar": str(f.pillar)},
    }
    if len(addresses) > 1:
        out["relatedLocations"] = [
            {"id": n, "physicalLocation": physical, "logicalLocations": [{"name": a, "kind": "resource"}],
             "message": {"text": a}}
            for n, a in enumerate(addresses)
        ]
        out["properties"]["asset_uids"] = list(dict.fromkeys(x.asset_uid for x in p.findings))
    return out


def to_dict(result: ScanResult) -> dict[str, Any]:
    rules = {r.id: r for r in all_rules()}
    merged = problems(result, (Status.FAIL,), with_file=True, fingerprints=True)
    by_rule: dict[str, list[Finding]] = {}
    for p in merged:
        by_rule.setdefault(p.rule_id, []).extend(p.findings)
    descriptors = []
    for rule_id in sorted(by_rule):
        found = by_rule[rule_id]
        descriptors.append(_rule_descriptor(rules[rule_id], found) if rule_id in rules
                           else _advisory_descriptor(found[0]))
    index = {d["id"]: n for n, d in enumerate(descriptors)}
    results = [_result(p, index) for p in merged]
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "aispm",
                        "semanticVersion": __version__,
                        "informationUri": "https://github.com/aispm/aispm",
                        "rules": descriptors,
                    }
                },
                "results": results,
                "columnKind": "utf16CodeUnits",
                **({"properties": {"advisoryData": plain(result.advisory_data)}} if result.advisory_data else {}),
            }
        ],
    }


def render(result: ScanResult) -> str:
    return json.dumps(to_dict(result), indent=2, ensure_ascii=False) + "\n"
