"""JUnit XML, for the test-report views of CI systems (GitLab `artifacts:reports:junit`, Azure
DevOps `PublishTestResults`, Jenkins `junit`).

Those views know tests, not findings, so a rule is a test suite and each asset it judged is a
test case: a failing finding is a `<failure>` (message, location, severity, the fix and the
rule's page), a passing one a passing test case, so a rule that ran and found nothing wrong
still shows as green tests; an `unknown` verdict (the input did not decide it), a suppressed
finding and one already in the `--baseline` report are `<skipped>` with the reason, because none
of them fails the run and a red test the exit code ignores would teach people to ignore red.
Input the scan could not read is one suite, `aispm input errors`, of `<error>` cases: the run
exits 1 for them, and a CI view should say why.

Suites are per rule rather than per pillar because a rule is what a person reads, fixes and
suppresses; Jenkins groups test classes into packages at the dots of `classname`, so the
classname is `aispm.<pillar>.<rule id>` and the pillar still groups them. A test case's name is
the resource's address and file without the line, so the CI's test history follows a finding
across unrelated edits (the line is in the failure text).

The document follows the JUnit XSD most consumers accept (Jenkins' `junit-10.xsd`, which the
tests validate against). Like every report it prints a `ScanResult` whose strings were already
redacted (`sanitize.py`); characters XML 1.0 cannot hold are escaped here, as `\\xNN`."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict

from aispm.model import Finding, ScanResult, Status
from aispm.report.remediation import remediation, rule_for, url_for

#: Characters XML 1.0 cannot hold (control characters but tab, newline and carriage return;
#: U+FFFE, U+FFFF). Lone surrogates are already `\\udcXX` text after `sanitize.py`.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: A long failure text helps nobody in a CI view; the JSON report has everything.
MAX_TEXT = 8000


def _xml_text(value: object) -> str:
    text = "" if value is None else str(value)
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def location(f: Finding) -> str:
    """`file:line` (or the asset uid for a finding of a live resource without a file)."""
    if f.file:
        return f.file + (f":{f.line}" if f.line else "")
    return f.asset_uid


def case_name(f: Finding) -> str:
    """Stable across edits that move lines: the resource and its file, never the line."""
    resource = f.address or f.asset_uid
    return f"{resource} ({f.file})" if f.file and f.file not in resource else resource


def _failure_text(f: Finding) -> str:
    lines = [f"{f.severity} {f.rule_id}: {f.title}", f"Location: {location(f)}"]
    if f.address:
        lines.append(f"Resource: {f.address}")
    lines.append(f"Asset: {f.asset_uid}")
    if f.message and f.message != f.title:
        lines.append(f"Detail: {f.message}")
    fix = remediation(f)
    if fix and fix.get("steps"):
        lines.append("Fix:")
        lines.extend(f"  {n}. {step}" for n, step in enumerate(fix["steps"], 1))
    lines.append(f"Help: {url_for(f)}")
    return "\n".join(lines)[:MAX_TEXT]


def _skip_reason(f: Finding) -> str | None:
    """Why a finding that does not fail the run is skipped (None: it passes or fails)."""
    if f.status is Status.SUPPRESSED:
        return f"suppressed: {f.suppressed_reason or 'no reason given'}"
    if f.status is Status.UNKNOWN:
        return f"unknown: {f.message or 'the input does not decide this rule'}"
    if f.status is Status.FAIL and f.baseline == "existing":
        return f"in the baseline report: {f.message or f.title} at {location(f)}"
    return None


def _case(suite: ET.Element, f: Finding, name: str) -> str:
    """Append the test case of one finding; return what it counts as."""
    case = ET.SubElement(suite, "testcase", name=_xml_text(name),
                         classname=_xml_text(f"aispm.{f.pillar}.{f.rule_id}"), time="0")
    skip = _skip_reason(f)
    if skip is not None:
        ET.SubElement(case, "skipped", message=_xml_text(skip)[:1000])
        return "skipped"
    if f.status is Status.FAIL:
        message = f.message or f.title
        if location(f) not in message:
            message += f" ({location(f)})"
        failure = ET.SubElement(case, "failure", type=str(f.severity), message=_xml_text(message)[:1000])
        failure.text = _xml_text(_failure_text(f))
        return "failures"
    return "passed"


def _unique_names(findings: list[Finding]) -> list[str]:
    """Each case's name, made unique within its suite (CI views merge same-named cases)."""
    seen: dict[str, int] = defaultdict(int)
    names = []
    for f in findings:
        name = case_name(f)
        seen[name] += 1
        names.append(name if seen[name] == 1 else f"{name} #{seen[name]}")
    return names


def _suite(root: ET.Element, rule_id: str, findings: list[Finding]) -> dict[str, int]:
    first = findings[0]
    rule = rule_for(rule_id)
    title = rule.title if rule is not None else first.title
    suite = ET.SubElement(root, "testsuite", name=_xml_text(f"{rule_id}: {title}"))
    props = ET.SubElement(suite, "properties")
    for key, value in (("rule", rule_id), ("severity", str(first.severity)), ("pillar", str(first.pillar)),
                       ("help", url_for(first))):
        ET.SubElement(props, "property", name=key, value=_xml_text(value))
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for f, name in zip(findings, _unique_names(findings)):
        kind = _case(suite, f, name)
        counts["tests"] += 1
        if kind != "passed":
            counts[kind] += 1
    for key in ("tests", "failures", "errors", "skipped"):
        suite.set(key, str(counts[key]))
    suite.set("time", "0")
    return counts


def _errors_suite(root: ET.Element, result: ScanResult) -> dict[str, int]:
    suite = ET.SubElement(root, "testsuite", name="aispm input errors")
    seen: dict[str, int] = defaultdict(int)
    for e in result.errors:
        where = e.file + (f":{e.line}" if e.line else "")
        seen[where] += 1
        name = where if seen[where] == 1 else f"{where} #{seen[where]}"
        case = ET.SubElement(suite, "testcase", name=_xml_text(name), classname="aispm.input", time="0")
        error = ET.SubElement(case, "error", type="input-error", message=_xml_text(e.message)[:1000])
        error.text = _xml_text(f"{where}: {e.message}")[:MAX_TEXT]
    n = len(result.errors)
    for key, value in (("tests", n), ("failures", 0), ("errors", n), ("skipped", 0)):
        suite.set(key, str(value))
    suite.set("time", "0")
    return {"tests": n, "failures": 0, "errors": n, "skipped": 0}


def _order(findings: list[Finding]) -> list[tuple[str, list[Finding]]]:
    """Rules most severe first, then by id; each rule's cases failures first, then by place."""
    by_rule: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_rule[f.rule_id].append(f)
    rank = {Status.FAIL: 0, Status.UNKNOWN: 1, Status.SUPPRESSED: 2, Status.PASS: 3}
    ordered = sorted(by_rule.items(), key=lambda kv: (-int(kv[1][0].severity), kv[0]))
    return [(rule_id, sorted(fs, key=lambda f: (rank.get(f.status, 4), f.file or "", f.line or 0,
                                                   f.address or f.asset_uid)))
            for rule_id, fs in ordered]


def to_element(result: ScanResult) -> ET.Element:
    root = ET.Element("testsuites", name="aispm")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for rule_id, findings in _order(result.findings):
        counts = _suite(root, rule_id, findings)
        for key in totals:
            totals[key] += counts[key]
    if result.errors:
        counts = _errors_suite(root, result)
        for key in totals:
            totals[key] += counts[key]
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("time", "0")
    return root


def render(result: ScanResult) -> str:
    root = to_element(result)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
