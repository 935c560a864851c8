"""Matching rules: PEP 440 pre-releases, semver, OSV events, ranges → certain/possible/none."""

import pytest

from aispm.advisories.match import Matcher
from aispm.advisories.versions import SemVer, VersionError, npm_range, pypi_range, contains

from advisory_helpers import osv


def ids(matches, certainty=None):
    return sorted(m.id for m in matches if certainty is None or m.certainty == certainty)


# ------------------------------------------------------------------ PEP 440

@pytest.fixture
def pypi(make_db):
    db = make_db([
        osv("A-1", "PyPI", "Demo_Pkg", [[("introduced", "0"), ("fixed", "1.2.0")]]),
        osv("A-2", "PyPI", "demo-pkg", [[("introduced", "2.0.0"), ("last_affected", "2.1.0")]]),
        osv("A-3", "PyPI", "demo.pkg", [[("introduced", "3.0"), ("fixed", "3.1"), ("introduced", "3.5"), ("fixed", "3.6")]]),
        osv("A-4", "PyPI", "demo-pkg", [], versions=["0.9-weird", "5.0.0"]),
        osv("A-W", "PyPI", "demo-pkg", [[("introduced", "0")]], withdrawn="2026-01-02T00:00:00Z"),
        osv("A-5", "PyPI", "demo-pkg", [[("fixed", "7.0"), ("introduced", "6.0")]]),  # unsorted events
        osv("A-6", "PyPI", "demo-pkg", [[("introduced", "8.0"), ("limit", "8.5")]]),
    ])
    return Matcher(db)


@pytest.mark.parametrize("version,expected", [
    ("1.1.9", ["A-1"]),
    ("1.2.0rc1", ["A-1"]),       # a pre-release of the fixed version is below it: affected
    ("1.2.0.dev3", ["A-1"]),
    ("1.2.0", []),
    ("1.2", []),                 # == 1.2.0 in PEP 440
    ("1.2.0.post1", []),
    ("0.0.1a1", ["A-1"]),
    ("2.0.0rc1", []),            # below introduced 2.0.0
    ("2.0", ["A-2"]),
    ("2.1.0", ["A-2"]),          # last_affected is inclusive
    ("2.1.0.post1", []),
    ("2.1.1rc1", []),
    ("3.0.5", ["A-3"]),
    ("3.2", []),
    ("3.5.0", ["A-3"]),
    ("3.6", []),
    ("5.0", ["A-4"]),            # listed in `versions` (spelled 5.0.0) and in no range
    ("6.5", ["A-5"]),
    ("7.0", []),
    ("8.4.9", ["A-6"]),
    ("8.5", []),                 # limit caps the range
    ("1.0+cpu", ["A-1"]),        # local versions compare above their public version
])
def test_pep440_exact(pypi, version, expected):
    got = pypi.match("pypi", "DEMO_pkg", version)
    assert ids(got) == expected
    assert all(m.certain for m in got)


def test_withdrawn_ignored(pypi):
    assert "A-W" not in ids(pypi.match("PyPI", "demo-pkg", "1.0"))
    assert pypi.db.sources["PyPI"].withdrawn == 1


def test_match_reports_range_and_fix(pypi):
    (m,) = pypi.match("PyPI", "demo-pkg", "3.5.1")
    assert m.fixed == ["3.6"]
    assert m.matched == ["introduced 3.0, fixed 3.1, introduced 3.5, fixed 3.6"]
    (m,) = pypi.match("PyPI", "demo-pkg", "5.0")
    assert m.matched == ["listed version 5.0"]


def test_invalid_version_is_reported_not_crashed(pypi):
    got = pypi.match("PyPI", "demo-pkg", "0.9-weird")
    assert ids(got, "certain") == ["A-4"]  # listed verbatim
    possible = [m for m in got if not m.certain]
    assert possible and "not a valid PEP 440 version" in possible[0].reason


def test_unknown_package(pypi):
    assert pypi.match("PyPI", "other", "1.0") == []


@pytest.mark.parametrize("rng,certain,possible", [
    ("<1.0", ["A-1"], []),                       # every version below 1.0 is affected
    (">=1.0,<1.2", ["A-1"], []),                 # < 1.2 also excludes 1.2 pre-releases (PEP 440)
    (">=1.1", [], ["A-1", "A-2", "A-3", "A-4", "A-5", "A-6"]),
    ("==1.2.*", [], ["A-1"]),                    # 1.2.0rc1 is allowed and affected, 1.2.0 is not
    (">=1.2,<2", [], []),                        # cannot include an affected version
    ("~=2.0", [], ["A-2"]),                      # >=2.0, ==2.*
    ("==2.0.5", ["A-2"], []),
    ("!=5.0,>=4,<5.5", [], []),                  # the only affected version is excluded
    (">4,<5.5", [], ["A-4"]),
    ("^3.5", [], ["A-3"]),                       # Poetry caret: >=3.5,<4
    ("~3.0.1", ["A-3"], []),                     # Poetry tilde: >=3.0.1,<3.1
    (">2.1", [], ["A-3", "A-4", "A-5", "A-6"]),  # >2.1 excludes 2.1 post-releases
])
def test_pep440_ranges(pypi, rng, certain, possible):
    got = pypi.match("PyPI", "demo-pkg", version_range=rng)
    assert ids(got, "certain") == certain
    assert ids(got, "possible") == possible
    for m in got:
        if not m.certain:
            assert "may resolve" in m.reason


def test_bad_range_is_possible_with_reason(pypi):
    got = pypi.match("PyPI", "demo-pkg", version_range=">=>1")
    assert got and all(not m.certain and "specifier" in m.reason for m in got)


def test_pypi_range_intervals():
    (iv,) = pypi_range("<1.2")
    from packaging.version import Version
    assert not contains(iv, Version("1.2rc1")) and contains(iv, Version("1.1.99"))
    (iv,) = pypi_range("<1.2rc2")
    assert contains(iv, Version("1.2rc1"))
    with pytest.raises(VersionError):
        pypi_range("~=1")


# ------------------------------------------------------------------ semver / npm

def test_semver_precedence():
    order = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
             "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "2.0.0"]
    parsed = [SemVer.parse(v) for v in order]
    assert parsed == sorted(parsed)
    assert SemVer.parse("1.0.0+build.5") == SemVer.parse("v1.0.0")
    for bad in ("1.0", "01.0.0", "1.0.0-01", "x"):
        with pytest.raises(VersionError):
            SemVer.parse(bad)


@pytest.mark.parametrize("rng,yes,no", [
    ("^1.2.3", ["1.2.3", "1.9.9"], ["2.0.0", "1.2.2", "1.3.0-beta.1", "2.0.0-0"]),
    ("^0.2.3", ["0.2.9"], ["0.3.0"]),
    ("^0.0.3", ["0.0.3"], ["0.0.4"]),
    ("^1.2.3-beta.2", ["1.2.3-beta.4", "1.2.3", "1.5.0"], ["1.2.4-beta.1", "1.2.3-beta.1"]),
    ("~1.2.3", ["1.2.9"], ["1.3.0"]),
    ("~1", ["1.9.0"], ["2.0.0"]),
    ("1.x", ["1.0.0", "1.99.0"], ["2.0.0", "0.9.9"]),
    ("1.2.*", ["1.2.5"], ["1.3.0"]),
    ("*", ["0.0.1", "9.9.9"], ["1.0.0-rc.1"]),
    ("", ["3.0.0"], []),
    (">=1.2.7 <1.3.0", ["1.2.8"], ["1.3.0", "1.2.6"]),
    (">= 1.2.7", ["1.2.7"], ["1.2.6"]),
    ("1.2.7 || >=1.2.9 <2.0.0", ["1.2.7", "1.4.6"], ["1.2.8", "2.0.0"]),
    ("1.2.3 - 2.3.4", ["1.2.3", "2.3.4"], ["2.3.5"]),
    ("1.2 - 2.3", ["1.2.0", "2.3.9"], ["2.4.0", "1.1.9"]),
    (">1.2", ["1.3.0"], ["1.2.9"]),
    ("<=1.2", ["1.2.9"], ["1.3.0"]),
    ("<1.2", ["1.1.9"], ["1.2.0", "1.2.0-rc.1"]),
])
def test_npm_ranges(rng, yes, no):
    r = npm_range(rng)
    for v in yes:
        assert r.contains(SemVer.parse(v)), (rng, v)
    for v in no:
        assert not r.contains(SemVer.parse(v)), (rng, v)


@pytest.fixture
def npm(make_db):
    db = make_db([
        osv("GHSA-1", "npm", "@scope/pkg", [[("introduced", "0"), ("fixed", "1.4.2")]]),
        osv("GHSA-2", "npm", "@scope/pkg", [[("introduced", "2.0.0-beta.1"), ("fixed", "2.0.0-beta.5")]]),
        osv("GHSA-3", "npm", "@scope/pkg", [[("introduced", "3.0.0"), ("last_affected", "3.1.0")]]),
    ], ecosystem="npm")
    return Matcher(db)


@pytest.mark.parametrize("version,expected", [
    ("1.4.1", ["GHSA-1"]), ("1.4.2-rc.1", ["GHSA-1"]), ("1.4.2", []), ("2.0.0-beta.3", ["GHSA-2"]),
    ("2.0.0-beta.5", []), ("2.0.0-beta.10", []), ("2.0.0", []), ("3.1.0", ["GHSA-3"]), ("3.1.1", []),
])
def test_npm_exact(npm, version, expected):
    assert ids(npm.match("npm", "@scope/pkg", version)) == expected


@pytest.mark.parametrize("rng,certain,possible", [
    ("^1.0.0", [], ["GHSA-1"]),
    ("~1.4.0", [], ["GHSA-1"]),
    ("<1.4.0", ["GHSA-1"], []),
    ("^1.5.0", [], []),
    ("^2.0.0", [], []),               # npm never resolves ^2.0.0 to a 2.0.0 pre-release
    ("2.0.0-beta.2", ["GHSA-2"], []),
    (">=2.0.0-beta.1 <2.0.0", [], ["GHSA-2"]),
    ("3.x", [], ["GHSA-3"]),
    ("3.0.x", ["GHSA-3"], []),
])
def test_npm_range_matches(npm, rng, certain, possible):
    got = npm.match("npm", "@scope/pkg", version_range=rng)
    assert ids(got, "certain") == certain
    assert ids(got, "possible") == possible


def test_unparseable_range_event_gives_possible(make_db):
    m = Matcher(make_db([osv("B-1", "PyPI", "x", [[("introduced", "0"), ("fixed", "0.2.0-n653")]])]))
    (got,) = m.match("PyPI", "x", "5.0")
    assert not got.certain and "cannot be fully read" in got.reason
