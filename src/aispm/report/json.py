"""The JSON report: `aispm/scan-report@1` (documented in docs/report-json.md).

Keys of the contract are never renamed or removed; new keys may be added.
`Unknown` values in properties are written as `{"$unknown": "<reason>"}` so a
reader can tell "not determined by the input" from a literal value.
"""

from __future__ import annotations

import orjson
from typing import Any

from aispm import __version__
from aispm.compliance import ATTACK_PATH_ENTRIES
from aispm.model import Asset, AttackPath, Finding, Relation, ScanResult, Severity, Status, Unknown
from aispm.report.remediation import form_for, remediation, resource_type

SCHEMA = "aispm/scan-report@1"


def _identity(value: Any) -> Any:
    return value


def plain(value: Any) -> Any:
    """A JSON-safe copy of a value from properties or evidence."""
    if isinstance(value, Unknown):
        return {"$unknown": value.reason}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [plain(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def asset_dict(a: Asset, copy=plain) -> dict[str, Any]:
    """`copy` turns stored values into JSON values: `plain` makes a JSON-safe copy;
    `render` passes the values as they are and lets the encoder convert what it meets."""
    return {
        "uid": a.uid,
        "provider": a.provider,
        "type": a.type,
        "name": a.display_name,
        "name_unresolved": a.name_unresolved,
        "kind": str(a.kind),
        "origin": {
            "file": a.origin.file,
            "line": a.origin.line,
            "end_line": a.origin.end_line,
            "address": a.origin.address,
            "format": a.origin.format,
        },
        "parent": a.parent,
        "existing": a.existing,
        "facts": copy(a.facts),
        "insights": sorted(a.insights),
        "fact_evidence": {
            k: {"path": e.path, "raw": copy(e.value), "note": e.note} for k, e in sorted(a.evidence.items())
        },
        "properties": copy(a.properties),
    }


def relation_dict(r: Relation) -> dict[str, Any]:
    out: dict[str, Any] = {"from": r.source, "verb": r.verb, "to": r.target}
    if r.properties:
        out["properties"] = plain(dict(r.properties))
    return out


def references_dict(refs: Any) -> dict[str, Any]:
    return {
        "defender": refs.defender,
        "defender_indicator": refs.defender_indicator,
        **{k: list(v) for k, v in refs.ids().items()},
    }


def remediation_dict(f: Finding, fixes: dict[tuple, Any] | None = None) -> dict[str, Any] | None:
    """How to fix the finding (`report/remediation.py`); `fixes` caches it by rule, input form
    and resource type (findings that share them share one read-only dict)."""
    if f.advisory is not None or fixes is None:
        return remediation(f)
    key = (f.rule_id, form_for(f), resource_type(f.address))
    if key not in fixes:
        fixes[key] = remediation(f)
    return fixes[key]


def finding_dict(f: Finding, copy=plain, refs: dict[int, dict[str, Any]] | None = None,
                 fixes: dict[tuple, Any] | None = None) -> dict[str, Any]:
    """`refs`: a cache of `references_dict` by the identity of a rule's references (shared by all
    its findings); `fixes`: a cache for `remediation_dict`; `copy` as in `asset_dict`."""
    if refs is None:
        references = references_dict(f.references)
    else:
        references = refs.get(id(f.references))
        if references is None:
            references = refs[id(f.references)] = references_dict(f.references)
    return {
        "id": f.id,
        "rule_id": f.rule_id,
        "title": f.title,
        "severity": str(f.severity),
        "pillar": str(f.pillar),
        "status": str(f.status),
        "asset_uid": f.asset_uid,
        "file": f.file,
        "line": f.line,
        "address": f.address,
        "message": f.message,
        "evidence": copy(f.evidence),
        "references": references,
        "suppressed_reason": f.suppressed_reason,
        "baseline": f.baseline,
        **({"advisory": copy(f.advisory)} if f.advisory is not None else {}),
        "remediation": remediation_dict(f, fixes),
    }


def summary(result: ScanResult) -> dict[str, Any]:
    by_status = {str(s): 0 for s in Status}
    failing_by_severity = {str(s): 0 for s in Severity}
    for f in result.findings:
        by_status[str(f.status)] += 1
        if f.status is Status.FAIL:
            failing_by_severity[str(f.severity)] += 1
    return {
        "files_scanned": result.files_scanned,
        "assets": len(result.assets),
        "relations": len(result.relations),
        "findings": by_status,
        "failing_by_severity": failing_by_severity,
        "errors": len(result.errors),
    }


def to_dict(result: ScanResult, copy=plain) -> dict[str, Any]:
    refs: dict[int, dict[str, Any]] = {}  # shared, read-only: the encoder writes each occurrence
    fixes: dict[tuple, Any] = {}
    return {
        "schema": SCHEMA,
        "tool": {"name": "aispm", "version": __version__},
        "targets": result.targets,
        "roots": list(result.roots),
        "summary": summary(result),
        "assets": [asset_dict(a, copy) for a in result.assets],
        "relations": [relation_dict(r) for r in result.relations],
        "findings": [finding_dict(f, copy, refs, fixes) for f in result.findings],
        "errors": [{"file": e.file, "line": e.line, "message": e.message} for e in result.errors],
        "warnings": list(result.warnings),
        "attack_paths": [attack_path_dict(p) for p in result.attack_paths],
        "choke_points": [{"asset_uid": c.asset_uid, "paths": c.paths} for c in result.choke_points],
        "gaps": [{"scope": g.scope, "service": g.service, "operation": g.operation, "reason": g.reason}
                 for g in result.gaps],
        "provenance": [plain(p) for p in result.provenance],
        **({"advisory_data": plain(result.advisory_data)} if result.advisory_data else {}),
        "triage": plain(result.triage),
        "compliance": [c.as_dict() for c in result.compliance],
    }


def attack_path_dict(p: AttackPath) -> dict[str, Any]:
    return {
        "id": p.id,
        "title": p.title,
        "score": p.score,
        "status": p.status,
        "entry": p.entry,
        "target": p.target,
        "entry_kind": p.entry_kind,
        "target_kind": p.target_kind,
        "steps": [{"asset_uid": s.asset_uid, "verb": s.verb, "evidence": s.evidence} for s in p.steps],
        "risk_factors": list(p.risk_factors),
        "unknowns": list(p.unknowns),
        "remediation": p.remediation,
        "compliance": {k: list(v) for k, v in ATTACK_PATH_ENTRIES.get(p.entry_kind, {}).items()},
    }


def _encode_default(value: Any) -> Any:
    if isinstance(value, Unknown):
        return {"$unknown": value.reason}
    if isinstance(value, (set, frozenset)):
        return list(value)
    return str(value)


def render(result: ScanResult) -> str:
    """The report as text (`render_bytes`, decoded)."""
    return render_bytes(result).decode("utf-8")


def render_bytes(result: ScanResult) -> bytes:
    """The report as UTF-8 bytes, which is what orjson makes (the CLI writes them as they are).
    orjson, because the stdlib encoder falls back to pure Python when indenting; asset values are
    handed over without a copy (the encoder converts `Unknown` and sets on the way), and any
    value it cannot take is copied first."""
    try:
        return orjson.dumps(to_dict(result, _identity), option=_OPTIONS, default=_encode_default)
    except TypeError:  # e.g. a dict key that is not a string somewhere in properties
        return orjson.dumps(to_dict(result), option=_OPTIONS)


#: Indented, and the final newline written by the encoder (adding it after copied the whole report).
_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE
