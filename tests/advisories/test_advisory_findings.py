"""Vulnerability findings for library assets, and CVSS severities."""

import pytest

from advisory_helpers import osv

from aispm.advisories.findings import vulnerability_findings
from aispm.advisories.severity import advisory_severity, cvss3_base_score
from aispm.model import Asset, Kind, Origin, Pillar, Severity, Status


def lib(name, version=None, version_range=None, ecosystem="pypi"):
    props = {"ecosystem": ecosystem, "name": name, "purl": f"pkg:{ecosystem.lower()}/{name}"}
    if version:
        props["version"] = version
    if version_range:
        props["version_range"] = version_range
    return Asset(uid=f"deps:requirements.txt:pkg:pypi/{name}", provider="code", type="library", name=name,
                 origin=Origin("requirements.txt", 3, f"pkg:pypi/{name}"), properties=props, kind=Kind.LIBRARY)


V31_CRIT = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"


@pytest.fixture
def db(make_db):
    return make_db([
        osv("PYSEC-1", "PyPI", "langchain", [[("introduced", "0"), ("fixed", "0.2.0")]], summary="RCE in langchain",
            aliases=["CVE-2026-1", "GHSA-xxxx-yyyy-zzzz"], severity=[{"type": "CVSS_V3", "score": V31_CRIT}],
            references=[{"type": "ADVISORY", "url": "https://example.org/a"}]),
        osv("PYSEC-2", "PyPI", "langchain", [[("introduced", "0.1.5"), ("fixed", "0.3.0")]], details="Something bad.\n\nMore."),
    ])


def test_certain_and_possible_findings(db):
    fs = vulnerability_findings([lib("LangChain", "0.1.0"), lib("langchain", version_range=">=0.1,<0.4"),
                                 Asset("x", "code", "model", "m", Origin("a.py", 1, "m"))], db=db)
    by = {(f.asset_uid, f.rule_id): f for f in fs}
    f = by[("deps:requirements.txt:pkg:pypi/LangChain", "PYSEC-1")]
    assert f.status is Status.FAIL and f.pillar is Pillar.VULNERABILITY and f.severity is Severity.CRITICAL
    assert f.title == "RCE in langchain"
    assert f.file == "requirements.txt" and f.line == 3 and f.address == "pkg:pypi/LangChain"
    assert f.references.urls == ("https://example.org/a",)
    assert f.advisory["aliases"] == ["CVE-2026-1", "GHSA-xxxx-yyyy-zzzz"]
    assert f.advisory["fixed"] == ["0.2.0"] and f.advisory["certainty"] == "certain"
    assert f.advisory["severity"]["score"] == 9.8 and f.advisory["severity"]["vector"] == V31_CRIT
    assert f.evidence["version"] == "0.1.0" and f.evidence["matched_ranges"] == ["introduced 0, fixed 0.2.0"]
    assert ("deps:requirements.txt:pkg:pypi/LangChain", "PYSEC-2") not in by  # 0.1.0 < 0.1.5

    r1 = by[("deps:requirements.txt:pkg:pypi/langchain", "PYSEC-1")]
    r2 = by[("deps:requirements.txt:pkg:pypi/langchain", "PYSEC-2")]
    assert r1.status is Status.UNKNOWN and r1.advisory["certainty"] == "possible"
    assert r2.status is Status.UNKNOWN
    assert r2.severity is Severity.MEDIUM and "no usable severity" in r2.message  # unknown → medium, said
    assert r2.title == "Something bad."


def test_range_that_cannot_be_affected_gives_nothing(db):
    assert vulnerability_findings([lib("langchain", version_range=">=0.3")], db=db) == []


@pytest.mark.parametrize("vector,score", [
    (V31_CRIT, 9.8),
    ("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1),
    ("CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N", 5.5),
    ("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:N", 0.0),
    ("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", 9.9),
])
def test_cvss3(vector, score):
    assert cvss3_base_score(vector) == score


def test_severity_levels():
    assert advisory_severity([{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N"}]).level is Severity.MEDIUM
    assert advisory_severity([{"type": "database_specific", "score": "HIGH"}]).level is Severity.HIGH
    s = advisory_severity([{"type": "CVSS_V3", "score": "garbage"}])
    assert s.level is Severity.MEDIUM and "no usable severity" in s.note


def test_cvss4_only_advisory_is_scored_from_its_vector():
    v4 = {"type": "CVSS_V4", "score": "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:H/VA:N/SC:N/SI:N/SA:N"}
    s = advisory_severity([v4])
    assert (s.level, s.score, s.type) == (Severity.HIGH, 8.7, "CVSS_V4") and s.note == ""
    low = {"type": "CVSS_V4", "score": "CVSS:4.0/AV:L/AC:H/AT:P/PR:H/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N"}
    assert (advisory_severity([low]).level, advisory_severity([low]).score) == (Severity.LOW, 1.0)
    # the vector wins over a qualitative severity; a v3 vector, when there is one, over v4
    assert advisory_severity([v4, {"type": "database_specific", "score": "LOW"}]).score == 8.7
    v3 = {"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}
    assert advisory_severity([v4, v3]).type == "CVSS_V3"
    # a malformed v4 vector falls back to the qualitative severity, and says why
    bad = {"type": "CVSS_V4", "score": "CVSS:4.0/AV:X"}
    s = advisory_severity([bad, {"type": "database_specific", "score": "HIGH"}])
    assert s.level is Severity.HIGH and s.score is None
    s = advisory_severity([bad])
    assert s.level is Severity.MEDIUM and "malformed CVSS_V4 vector" in s.note


def test_the_default_database_loads_only_the_packages_asked_for(tmp_path, monkeypatch):
    """A scan loads the advisories of the packages its libraries are: a Go module's scan reads no PyPI
    data and no other Go module's advisories, and what it finds is what a database of every ecosystem
    finds for it."""
    import aispm.advisories.db as dbmod

    monkeypatch.setattr(dbmod, "_DEFAULT", {})
    loaded: list[tuple[tuple[str, ...], dict | None]] = []
    real_load = dbmod.load_database

    def load(ecosystems=dbmod.ECOSYSTEMS, cache_dir=None, paths=None, packages=None):
        loaded.append((tuple(ecosystems), packages))
        return real_load(ecosystems, cache_dir, paths, packages)

    monkeypatch.setattr(dbmod, "load_database", load)
    cache = tmp_path / "no-cache"
    go_lib = lib("golang.org/x/crypto", "0.0.0-20200622213623-75b288015ac9", ecosystem="Go")
    monkeypatch.setattr("aispm.advisories.findings.default_database",
                        lambda packages=None: dbmod.default_database(cache, packages=packages))
    found = vulnerability_findings([go_lib])
    assert loaded == [(("Go",), {"Go": frozenset({"golang.org/x/crypto"})})]
    asked = dbmod.default_database(cache, packages=[("Go", "golang.org/x/crypto")])
    assert len(loaded) == 1  # the same packages again: loaded once
    # and the packages its records also affect (one record names x/crypto and the standard library)
    assert "golang.org/x/crypto" in {k[1] for k in asked.index} and len(asked.index) < 5
    every = dbmod.default_database(cache)  # the whole of every ecosystem, each loaded once
    assert sorted(e for e, _ in loaded[1:]) == sorted((e,) for e in dbmod.ECOSYSTEMS)
    assert all(p is None for _, p in loaded[1:])
    assert set(every.sources) == set(dbmod.ECOSYSTEMS) and len(every.packages("Go")) > 100
    assert every.advisories("Go", "golang.org/x/crypto") == asked.advisories("Go", "golang.org/x/crypto") != []
    assert [f.rule_id for f in vulnerability_findings([go_lib], every)] == [f.rule_id for f in found] != []
    # once an ecosystem is loaded whole, a scan asking for some of its packages uses it
    assert dbmod.default_database(cache, packages=[("Go", "golang.org/x/net")]) is dbmod.default_database(cache, ["Go"])
    assert len(loaded) == 1 + len(dbmod.ECOSYSTEMS)
