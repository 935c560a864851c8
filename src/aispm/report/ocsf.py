"""The OCSF report: the findings of a scan as OCSF 1.8.0 events, one JSON array.

OCSF (the Open Cybersecurity Schema Framework) is what security lakes and SIEMs ingest (Amazon
Security Lake, Splunk, Sentinel connectors). Each rule finding is a **Compliance Finding** (class 2003):
the rule is the `compliance.control`, its mapped requirements (`aispm.compliance`) are
`compliance.requirements` with their frameworks in `compliance.standards`, and the verdict is
`compliance.status_id` (pass 1, fail 3, unknown 0). Each vulnerable-library finding is a
**Vulnerability Finding** (class 2002) with the advisory, its CVE alias and the affected package. With
`--compliance`, each requirement of each framework asked for is one more Compliance Finding whose
status is the requirement's coverage (pass, fail; manual and not covered are status 99 "Other" with
the word in `compliance.status`), so a lake can chart coverage without aispm's JSON.

Events carry no profile. `time` is when the report was written (`SOURCE_DATE_EPOCH` fixes it for
reproducible output). Strings come from a `ScanResult`, already redacted by `sanitize.py`; this module
adds none of its own from the scanned files. `tests/report/test_ocsf.py` validates every event against
the JSON Schema of its class, generated from the official OCSF 1.8.0 schema (`scripts/ocsf_schema.py`).
"""

from __future__ import annotations

import json
import os
import time
from typing import Any

from aispm import __version__
from aispm.compliance import FRAMEWORK_IDS, framework
from aispm.model import Finding, ScanResult, Severity, Status

VERSION = "1.8.0"
CATEGORY = (2, "Findings")
COMPLIANCE_FINDING = (2003, "Compliance Finding")
VULNERABILITY_FINDING = (2002, "Vulnerability Finding")
ACTIVITY_CREATE = (1, "Create")

#: aispm severity → OCSF `severity_id` (1 Informational ... 5 Critical).
SEVERITY_IDS = {Severity.INFO: 1, Severity.LOW: 2, Severity.MEDIUM: 3, Severity.HIGH: 4, Severity.CRITICAL: 5}
SEVERITY_NAMES = {1: "Informational", 2: "Low", 3: "Medium", 4: "High", 5: "Critical"}
#: A verdict → OCSF compliance `status_id` (0 Unknown, 1 Pass, 2 Warning, 3 Fail, 99 Other).
CHECK_STATUS = {Status.PASS: (1, "Pass"), Status.FAIL: (3, "Fail"), Status.UNKNOWN: (0, "Unknown")}
#: A requirement's coverage → OCSF compliance `status_id` and `status`.
COVERAGE_STATUS = {"pass": (1, "Pass"), "fail": (3, "Fail"), "manual": (99, "Manual"),
                   "not_covered": (99, "Not covered")}


def _now_ms() -> int:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return int(epoch) * 1000 if epoch.isdigit() else int(time.time() * 1000)


def _base(cls: tuple[int, str], severity: Severity | None, when: int) -> dict[str, Any]:
    sev = SEVERITY_IDS.get(severity, 1) if severity is not None else 1
    return {
        "activity_id": ACTIVITY_CREATE[0],
        "activity_name": ACTIVITY_CREATE[1],
        "category_uid": CATEGORY[0],
        "category_name": CATEGORY[1],
        "class_uid": cls[0],
        "class_name": cls[1],
        "type_uid": cls[0] * 100 + ACTIVITY_CREATE[0],
        "type_name": f"{cls[1]}: {ACTIVITY_CREATE[1]}",
        "severity_id": sev,
        "severity": SEVERITY_NAMES[sev],
        "time": when,
        "metadata": {
            "version": VERSION,
            "product": {"name": "aispm", "vendor_name": "aispm", "version": __version__},
        },
    }


def _status(f: Finding) -> dict[str, Any]:
    """The finding's workflow status: suppressed findings are OCSF's Suppressed (3), the rest New (1)."""
    if f.suppressed_reason is not None or f.status is Status.SUPPRESSED:
        return {"status_id": 3, "status": "Suppressed"}
    return {"status_id": 1, "status": "New"}


def _resources(f: Finding, assets: dict[str, Any]) -> list[dict[str, Any]]:
    a = assets.get(f.asset_uid)
    res: dict[str, Any] = {"uid": f.asset_uid, "name": (a.display_name if a is not None else None) or f.address
                           or f.asset_uid}
    if a is not None:
        res["type"] = a.type
    where = {k: v for k, v in (("provider", a.provider if a is not None else None), ("file", f.file),
                               ("line", f.line), ("address", f.address)) if v is not None}
    if where:
        res["data"] = where
    return [res]


def _mapped(refs) -> tuple[list[str], list[str]]:
    """The standards (framework titles) and requirement ids a rule maps to, in `FRAMEWORK_IDS` order."""
    standards, requirements = [], []
    for fid in FRAMEWORK_IDS:
        ids = refs.compliance.get(fid, ())
        if ids:
            standards.append(framework(fid).title)
            requirements.extend(ids)
    return standards, requirements


def _finding_event(cls: tuple[int, str], f: Finding, assets: dict[str, Any], when: int, key: str,
                   value: Any) -> dict[str, Any]:
    """The event of one finding in class `cls`: base, status, message, `finding_info`, the class's own object
    under `key` (`compliance` or `vulnerabilities`) and the resources."""
    event = _base(cls, f.severity, when)
    event.update(_status(f))
    event.update({
        "message": f.message or f.title,
        "finding_info": {"uid": f.id, "title": f.title, "desc": f.message or f.title, "types": [str(f.pillar)],
                         "product_uid": f.rule_id},
        key: value,
        "resources": _resources(f, assets),
    })
    return event


def compliance_event(f: Finding, assets: dict[str, Any], rules: dict[str, Any], when: int) -> dict[str, Any]:
    """A rule finding as a Compliance Finding (2003)."""
    standards, requirements = _mapped(f.references)
    status_id, status = CHECK_STATUS.get(f.status, (0, "Unknown"))
    compliance: dict[str, Any] = {"control": f.rule_id, "status_id": status_id, "status": status,
                                  "desc": f.title}
    if standards:
        compliance["standards"] = standards
        compliance["requirements"] = requirements
    event = _finding_event(COMPLIANCE_FINDING, f, assets, when, "compliance", compliance)
    rule = rules.get(f.rule_id)
    if rule is not None and rule.remediation:
        remediation: dict[str, Any] = {"desc": rule.remediation}
        if rule.references.urls:
            remediation["references"] = list(rule.references.urls)
        event["remediation"] = remediation
    if f.suppressed_reason is not None:
        event["comment"] = f.suppressed_reason
    return event


def vulnerability_event(f: Finding, assets: dict[str, Any], when: int) -> dict[str, Any]:
    """A vulnerable-library finding as a Vulnerability Finding (2002)."""
    adv = f.advisory or {}
    ev = f.evidence or {}
    package: dict[str, Any] = {"name": str(ev.get("package") or f.address or f.asset_uid),
                               "version": str(ev.get("version") or ev.get("version_range") or "unknown")}
    if ev.get("ecosystem"):
        package["package_manager"] = str(ev["ecosystem"])
    fixed = [str(x) for x in adv.get("fixed") or ()]
    if fixed:
        package["fixed_in_version"] = fixed[0]
    vuln: dict[str, Any] = {
        "title": str(adv.get("summary") or f.title),
        "desc": f.message or f.title,
        "severity": SEVERITY_NAMES[SEVERITY_IDS.get(f.severity, 1)],
        "affected_packages": [package],
        "is_fix_available": bool(fixed),
    }
    # OCSF takes exactly one of `cve`, `advisory`, `cwe`: the CVE when the advisory has one (what
    # scanners and lakes join on), else the advisory; every other id is a related vulnerability.
    ids = [str(adv.get("id") or f.rule_id), *(str(a) for a in adv.get("aliases") or ())]
    cve = next((i for i in ids if i.startswith("CVE-")), None)
    if cve is not None:
        vuln["cve"] = {"uid": cve}
    else:
        vuln["advisory"] = {"uid": ids[0]}
    related = [i for i in ids if i != (cve or ids[0])]
    if related:
        vuln["related_vulnerabilities"] = related
    if f.references.urls:
        vuln["references"] = list(f.references.urls)
    event = _finding_event(VULNERABILITY_FINDING, f, assets, when, "vulnerabilities", [vuln])
    if f.suppressed_reason is not None:
        event["comment"] = f.suppressed_reason
    return event


def coverage_events(result: ScanResult, when: int) -> list[dict[str, Any]]:
    """One Compliance Finding per requirement of each framework asked for (`result.compliance`)."""
    out = []
    for fc in result.compliance:
        title = framework(fc.id).title
        for req in fc.requirements:
            status_id, status = COVERAGE_STATUS[req.status]
            details = [f"rules: {', '.join(req.rules)}" if req.rules else "no aispm rule maps to it",
                       f"findings: {req.failing} fail, {req.passing} pass, {req.unknown} unknown"]
            event = _base(COMPLIANCE_FINDING, Severity.INFO, when)
            event.update({
                "status_id": 1,
                "status": "New",
                "message": f"{title} {req.id} {req.title}: {req.status.replace('_', ' ')}",
                "finding_info": {"uid": f"aispm-compliance:{fc.id}:{req.id}", "title": f"{req.id} {req.title}",
                                 "types": ["compliance"]},
                "compliance": {"standards": [title], "requirements": [req.id], "control": req.id,
                               "status_id": status_id, "status": status, "status_details": details},
            })
            out.append(event)
    return out


def events(result: ScanResult) -> list[dict[str, Any]]:
    from aispm.rules import all_rules

    when = _now_ms()
    assets = {a.uid: a for a in result.assets}
    rules = {r.id: r for r in all_rules()}
    out = [vulnerability_event(f, assets, when) if f.advisory is not None else compliance_event(f, assets, rules, when)
           for f in result.findings]
    out.extend(coverage_events(result, when))
    return out


def render(result: ScanResult) -> str:
    return json.dumps(events(result), indent=2, ensure_ascii=False) + "\n"
