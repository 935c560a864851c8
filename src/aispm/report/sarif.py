"""SARIF 2.1.0 for GitHub code scanning.

GitHub needs: a non-empty relative `artifactLocation.uri`, a region, rules with
short/full descriptions and help, `properties.security-severity` as a string,
and `partialFingerprints.primaryLocationLineHash`. Only failing findings that
have a file are emitted (passes, unknowns and suppressed findings are not
alerts; cloud findings without a file do not belong in SARIF).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any
from urllib.parse import quote

from aispm import __version__
from aispm.model import CATALOGUES, Finding, ScanResult, Severity, Status
from aispm.rules import all_rules
from aispm.rules.engine import Rule

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


def _rule_descriptor(rule: Rule) -> dict[str, Any]:
    refs = []
    if rule.references.defender:
        refs.append(f"Defender for Cloud: {rule.references.defender}")
    for catalogue, ids in rule.references.ids().items():
        if ids:
            refs.append(f"{CATALOGUES[catalogue]}: " + ", ".join(ids))
    help_text = f"{rule.risk}\n\nRemediation: {rule.remediation}"
    if refs:
        help_text += "\n\nReferences: " + "; ".join(refs)
    return {
        "id": rule.id,
        "name": "".join(w.capitalize() for w in rule.id.split("-")),
        "shortDescription": {"text": rule.title[:1024]},
        "fullDescription": {"text": rule.risk[:1024]},
        "help": {
            "text": help_text,
            "markdown": f"**Risk.** {rule.risk}\n\n**Remediation.** {rule.remediation}\n\n"
            + "\n".join(f"- {r}" for r in refs),
        },
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
    help_text = summary + (f"\n\nUpgrade to {fixed_text} or later." if fixed_text else "\n\nNo fixed version is known.")
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


def fingerprint(f: Finding) -> str:
    """Stable across line moves: rule and asset uid (file or root module, and address; not the line)."""
    return hashlib.sha256(f"{f.rule_id}|{f.asset_uid}".encode()).hexdigest()[:32]


def to_dict(result: ScanResult) -> dict[str, Any]:
    rules = {r.id: r for r in all_rules()}
    emitted = [f for f in result.findings if f.status is Status.FAIL and f.file]
    descriptors = []
    seen: set[str] = set()
    for f in sorted(emitted, key=lambda f: f.rule_id):
        if f.rule_id in seen:
            continue
        seen.add(f.rule_id)
        descriptors.append(_rule_descriptor(rules[f.rule_id]) if f.rule_id in rules else _advisory_descriptor(f))
    index = {d["id"]: n for n, d in enumerate(descriptors)}
    results = []
    for f in emitted:
        results.append(
            {
                "ruleId": f.rule_id,
                **({"ruleIndex": index[f.rule_id]} if f.rule_id in index else {}),
                "level": LEVEL[f.severity],
                "message": {"text": f.message or f.title},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": quote(f.file or "", safe="/._-~")},
                            "region": {"startLine": max(f.line or 1, 1)},
                        },
                        "logicalLocations": [{"name": f.address, "kind": "resource"}] if f.address else [],
                    }
                ],
                "partialFingerprints": {"primaryLocationLineHash": fingerprint(f)},
                "properties": {"asset_uid": f.asset_uid, "pillar": str(f.pillar)},
            }
        )
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
            }
        ],
    }


def render(result: ScanResult) -> str:
    return json.dumps(to_dict(result), indent=2, ensure_ascii=False) + "\n"
