"""Vulnerability findings for library assets (`type == "library"`).

One finding per (library asset, advisory): status `fail` for a certain match (the
exact version is affected, or every version the manifest range allows is), `unknown`
for a possible one (a range that may or may not resolve to an affected version, or a
version that cannot be compared).
"""

from __future__ import annotations

from typing import Iterable

from ..model import Asset, Finding, Pillar, References, Status
from .db import Database, default_database
from .match import Match, Matcher
from .severity import advisory_severity


def _prop(asset: Asset, key: str) -> str | None:
    v = asset.properties.get(key)
    return v if isinstance(v, str) and v.strip() else None


def finding_for(asset: Asset, m: Match) -> Finding:
    adv = m.advisory
    sev = advisory_severity(adv.severity)
    affected = m.affected
    what = f"{m.name} {m.version}" if m.version else f"{m.name} {m.version_range}"
    if m.certain:
        message = f"{what} is affected by {adv.id}"
    else:
        message = f"{what} is possibly affected by {adv.id}: {m.reason}"
    if adv.aliases:
        message += f" ({', '.join(adv.aliases)})"
    message += f"; fixed in {', '.join(m.fixed)}" if m.fixed else "; no fixed version known"
    if sev.note:
        message += f". Severity: {sev.note}"
    advisory = {
        "id": adv.id,
        "aliases": list(adv.aliases),
        "summary": adv.summary,
        "severity": sev.as_dict(),
        "affected": affected,
        "matched": list(m.matched),
        "fixed": list(m.fixed),
        "certainty": m.certainty,
        "modified": adv.modified,
    }
    if adv.published:
        advisory["published"] = adv.published
    evidence = {
        "ecosystem": m.ecosystem,
        "package": m.name,
        "version": m.version,
        "version_range": m.version_range,
        "matched_ranges": list(m.matched),
        "affected": affected,
        "fixed": list(m.fixed),
        "certainty": m.certainty,
    }
    if m.reason:
        evidence["reason"] = m.reason
    return Finding(
        rule_id=adv.id,
        title=adv.summary,
        severity=sev.level,
        pillar=Pillar.VULNERABILITY,
        status=Status.FAIL if m.certain else Status.UNKNOWN,
        asset_uid=asset.uid,
        evidence=evidence,
        references=References(urls=tuple(adv.references)),
        file=asset.origin.file,
        line=asset.origin.line,
        address=asset.origin.address,
        message=message,
        advisory=advisory,
    )


def vulnerability_findings(assets: Iterable[Asset], db: Database | None = None) -> list[Finding]:
    """Findings for every library asset with advisories in `db` (default: the bundled
    snapshot, or the user's newer cache copy). Assets of other types are ignored."""
    queries = []
    libs = []
    for asset in assets:
        if asset.type != "library":
            continue
        eco = _prop(asset, "ecosystem")
        name = _prop(asset, "name") or (asset.name if isinstance(asset.name, str) else None)
        if not eco or not name:
            continue
        version = _prop(asset, "version")
        version_range = None if version else _prop(asset, "version_range")
        queries.append((eco, name, version, version_range))
        libs.append(asset)
    if not libs:
        return []
    # the advisories of the packages found, not of every package of every ecosystem (`default_database`)
    matcher = Matcher(db if db is not None else default_database(packages={(q[0], q[1]) for q in queries}))
    out: list[Finding] = []
    for asset, matches in zip(libs, matcher.match_many(queries)):
        out += [finding_for(asset, m) for m in matches]
    return out
