"""Advisories of NuGet, Go, Maven and crates.io: each ecosystem's own version order, its manifest
ranges, the data that ships for Go and crates.io, and what `db status` and reports say about it."""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil

import pytest
from advisory_helpers import osv
from click.testing import CliRunner

from aispm.advisories import db as dbmod
from aispm.advisories.db import load_database
from aispm.advisories.ecosystems import MavenVersion, NuGetVersion, parse_go
from aispm.advisories.match import CERTAIN, POSSIBLE, Matcher
from aispm.advisories.update import data_record, stale_warnings, status
from aispm.cli.db import db as db_cli

NO_CACHE = "/nonexistent-aispm-test-cache"


def ids(matches, certainty=None):
    return [(m.id, m.certainty) for m in matches if certainty is None or m.certainty == certainty]


def test_maven_order_is_comparable_version(make_db):
    # jackson-databind style: a 4-part fix, qualifiers, and `1.0` = `1`
    m = Matcher(make_db([osv("GHSA-m", "Maven", "com.fasterxml.jackson.core:jackson-databind",
                             ranges=[[("introduced", "2.13.0"), ("fixed", "2.13.4.1")]])], "Maven"))
    name = "com.fasterxml.jackson.core:jackson-databind"
    for version, hit in (("2.13.4", True), ("2.13.4.1", False), ("2.13.4.2", False), ("2.13.0-rc1", False),
                         ("2.13", True), ("2.13.4-SNAPSHOT", True), ("2.13.10", False)):
        assert bool(m.match("Maven", name, version)) is hit, version
    assert sorted(map(MavenVersion.parse, ["1.0-alpha1", "1.0-SNAPSHOT", "1.0", "1.0-sp1", "1.0.1", "1.0-rc1",
                                           "1.0-beta2"])) == list(map(MavenVersion.parse, [
        "1.0-alpha1", "1.0-beta2", "1.0-rc1", "1.0-SNAPSHOT", "1.0", "1.0-sp1", "1.0.1"]))
    assert MavenVersion.parse("1.0.RELEASE") == MavenVersion.parse("1") == MavenVersion.parse("1.0.0.ga")
    # a Maven range in a pom: every version it allows is affected, or only some
    assert ids(m.match("Maven", name, version_range="[2.13.1,2.13.3]")) == [("GHSA-m", CERTAIN)]
    assert ids(m.match("Maven", name, version_range="[2.13.1,)")) == [("GHSA-m", POSSIBLE)]
    assert m.match("Maven", name, version_range="[2.14,2.15)") == []


def test_nuget_order_and_ranges(make_db):
    m = Matcher(make_db([osv("GHSA-n", "NuGet", "Azure.AI.OpenAI", ranges=[[("introduced", "0"), ("fixed", "1.0.0")]],
                             versions=["1.0.0-beta.9"])], "NuGet"))
    assert ids(m.match("NuGet", "azure.ai.openai", "1.0.0-beta.9")) == [("GHSA-n", CERTAIN)]  # ids ignore case
    assert ids(m.match("NuGet", "Azure.AI.OpenAI", "0.9.0.1")) == [("GHSA-n", CERTAIN)]
    assert m.match("NuGet", "Azure.AI.OpenAI", "1.0") == [] and m.match("NuGet", "Azure.AI.OpenAI", "1.0.0.0") == []
    assert NuGetVersion.parse("1.0.0-Beta.2") < NuGetVersion.parse("1.0.0-beta.10") < NuGetVersion.parse("1.0")
    assert ids(m.match("NuGet", "Azure.AI.OpenAI", version_range="[0.5,1.0.0)")) == [("GHSA-n", CERTAIN)]
    assert ids(m.match("NuGet", "Azure.AI.OpenAI", version_range="0.*")) == [("GHSA-n", CERTAIN)]
    assert m.match("NuGet", "Azure.AI.OpenAI", version_range="[1.0.0,2.0.0)") == []


def test_go_versions_with_v_and_pseudo_versions(make_db):
    rec = osv("GO-x", "Go", "golang.org/x/net", ranges=[[("introduced", "0"), ("fixed", "0.0.0-20220906165146-f3363e06e74c")]])
    rec["affected"][0]["ranges"][0]["type"] = "SEMVER"
    m = Matcher(make_db([rec], "Go"))
    assert ids(m.match("Go", "golang.org/x/net", "v0.0.0-20210226172049-e18ecbb05110")) == [("GO-x", CERTAIN)]
    assert m.match("Go", "golang.org/x/net", "v0.1.0") == []
    assert parse_go("v2.0.0+incompatible") == parse_go("2.0.0")


def test_cargo_requirements_are_caret_ranges(make_db):
    rec = osv("RUSTSEC-x", "crates.io", "smallvec", ranges=[[("introduced", "0.6.0"), ("fixed", "0.6.3")]])
    m = Matcher(make_db([rec], "crates.io"))
    assert ids(m.match("crates.io", "smallvec", "0.6.2")) == [("RUSTSEC-x", CERTAIN)]
    assert ids(m.match("crates.io", "smallvec", version_range="0.6")) == [("RUSTSEC-x", POSSIBLE)]  # ^0.6
    assert ids(m.match("crates.io", "smallvec", version_range="=0.6.1")) == [("RUSTSEC-x", CERTAIN)]
    assert m.match("crates.io", "smallvec", version_range="1") == []


@pytest.fixture(scope="module")
def bundled():
    return load_database(cache_dir=NO_CACHE)


def test_go_and_crates_advisories_ship_and_match_offline(bundled):
    m = Matcher(bundled)
    assert "GO-2020-0001" in [x.id for x in m.match("Go", "github.com/gin-gonic/gin", "v1.5.0")]
    assert "RUSTSEC-2018-0003" in [x.id for x in m.match("crates.io", "smallvec", "0.6.2")]
    assert bundled.sources["Go"].kind == "bundled" and bundled.sources["Go"].advisories > 4000
    assert bundled.sources["crates.io"].kind == "bundled" and bundled.sources["crates.io"].advisories > 700


def test_shipped_files_are_the_ones_their_metadata_and_provenance_describe():
    meta = json.loads((dbmod.DATA_DIR / "metadata.json").read_text())
    prov = json.loads((dbmod.DATA_DIR / "provenance.json").read_text())
    files = {p["file"]: p for p in prov["files"]}
    for eco in ("PyPI", "Go", "crates.io"):
        m = meta[eco]
        path = dbmod.DATA_DIR / m["file"]
        assert hashlib.sha256(path.read_bytes()).hexdigest() == m["sha256"], eco
        assert files[m["file"]]["commit"] == m["commit"] and len(m["commit"]) == 40
        assert (dbmod.DATA_DIR / files[m["file"]]["licence_file"]).is_file()
    for eco in ("npm", "NuGet", "Maven"):
        assert meta[eco]["unavailable"] and eco in prov["unavailable"]


def test_status_and_report_say_which_data_and_which_is_missing():
    st = status(NO_CACHE)["ecosystems"]
    assert set(st) == {"PyPI", "npm", "NuGet", "Go", "Maven", "crates.io"}
    assert st["npm"]["source"] == "none" and "GitHub Advisory Database" in st["npm"]["unavailable"]
    rec = data_record(NO_CACHE)["ecosystems"]
    assert rec["Go"]["source"] == "bundled" and rec["Go"]["modified"] is False and rec["Go"]["replaced_by_update"] is False
    assert rec["Go"]["data_date"].startswith("2026-08-21") and rec["Go"]["advisories"] > 4000
    assert rec["Maven"]["source"] == "none" and rec["Maven"]["unavailable"]
    out = CliRunner().invoke(db_cli, ["status", "--cache-dir", NO_CACHE]).output
    assert "npm: no data offline: its OSV source, the GitHub Advisory Database" in out
    assert "Go: bundled, as of 2026-08-21" in out and "golang/vulndb" in out


def test_a_modified_bundled_file_is_reported_as_modified(tmp_path, monkeypatch):
    copy = tmp_path / "go.osv.jsonl.gz"
    records = gzip.decompress((dbmod.DATA_DIR / "go.osv.jsonl.gz").read_bytes()).splitlines()[:-1]  # one dropped
    copy.write_bytes(gzip.compress(b"\n".join(records) + b"\n"))
    monkeypatch.setitem(dbmod.BUNDLED, "Go", copy)
    assert data_record(NO_CACHE)["ecosystems"]["Go"]["modified"] is True
    assert data_record(NO_CACHE)["ecosystems"]["PyPI"]["modified"] is False
    assert [w for w in stale_warnings(NO_CACHE) if "modified" in w] == [
        f"Go advisory data at {copy} is modified: its SHA-256 is not the one recorded when it was built; "
        "findings come from the changed data"]
    out = CliRunner().invoke(db_cli, ["status", "--cache-dir", NO_CACHE]).output
    assert "MODIFIED" in out.split("Go:")[1].split("\n")[0]


def test_an_update_replacing_the_bundled_data_is_recorded(tmp_path):
    osvdir = tmp_path / "osv"
    osvdir.mkdir()
    shutil.copy(dbmod.DATA_DIR / "crates.io.osv.jsonl.gz", osvdir / "crates.io.osv.jsonl.gz")
    sha = hashlib.sha256((osvdir / "crates.io.osv.jsonl.gz").read_bytes()).hexdigest()
    (osvdir / "metadata.json").write_text(json.dumps({"crates.io": {
        "downloaded_at": "2026-12-01T00:00:00Z", "source_url": "https://osv.example/crates.io/all.zip",
        "file": "crates.io.osv.jsonl.gz", "sha256": sha, "advisories": 1, "withdrawn": 0}}))
    rec = data_record(tmp_path)["ecosystems"]["crates.io"]
    assert rec["source"] == "cache" and rec["replaced_by_update"] is True and rec["modified"] is False
    assert rec["source_url"] == "https://osv.example/crates.io/all.zip"


def test_a_scan_of_a_go_module_reports_its_advisories_and_the_data_used(tmp_path):
    from aispm.report.json import render
    from aispm.scan import ScanOptions, scan

    (tmp_path / "go.mod").write_text("module x\n\ngo 1.22\n\nrequire github.com/gin-gonic/gin v1.5.0\n")
    result = scan([tmp_path], ScanOptions(attack_paths=False))
    assert "GO-2020-0001" in {f.rule_id for f in result.findings}
    report = json.loads(render(result))
    data = report["advisory_data"]["ecosystems"]
    assert data["Go"]["source"] in ("bundled", "cache") and data["npm"]["source"] in ("none", "cache")
