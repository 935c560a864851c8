"""`update` / `status` / `aispm db`: served from a local http.server, never the internet."""

import gzip
import http.server
import io
import json
import threading
import urllib.request
import zipfile
from datetime import datetime, timezone

import pytest
from click.testing import CliRunner

from advisory_helpers import osv

from aispm.advisories import db as dbmod
from aispm.advisories.db import load_database
from aispm.advisories.match import Matcher
from aispm.advisories.update import OfflineError, UpdateError, stale_warnings, status, update
from aispm.cli.db import db as db_cli


def make_zip(records) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for r in records:
            z.writestr(f"{r.get('id', 'bad')}.json", json.dumps(r))
    return buf.getvalue()


@pytest.fixture
def server():
    """A local OSV mirror: `files` maps '/PyPI/all.zip' to bytes; hits are counted."""
    files: dict[str, bytes] = {}
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            body = files.get(self.path)
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", files, hits
    httpd.shutdown()
    httpd.server_close()


PYPI_RECS = [
    osv("PYSEC-9-1", "PyPI", "LangChain", [[("introduced", "0"), ("fixed", "0.2.0")]]),
    osv("PYSEC-9-2", "PyPI", "langchain", [[("introduced", "0")]], withdrawn="2026-01-01T00:00:00Z"),
]
NPM_RECS = [osv("GHSA-aaaa-bbbb-cccc", "npm", "openai", [[("introduced", "4.0.0"), ("fixed", "4.2.0")]])]


def test_update_installs_and_loader_prefers_newer_cache(server, tmp_path):
    base, files, hits = server
    files["/PyPI/all.zip"] = make_zip(PYPI_RECS)
    files["/npm/all.zip"] = make_zip(NPM_RECS)
    done = update(("PyPI", "npm"), cache_dir=tmp_path, base_url=base)
    assert done["PyPI"]["advisories"] == 1 and done["PyPI"]["withdrawn"] == 1
    assert done["npm"]["advisories"] == 1
    osvdir = tmp_path / "osv"
    assert sorted(p.name for p in osvdir.iterdir()) == ["PyPI.osv.jsonl.gz", "metadata.json", "npm.osv.jsonl.gz"]
    lines = gzip.open(osvdir / "PyPI.osv.jsonl.gz", "rt").read().splitlines()
    assert [json.loads(x)["id"] for x in lines] == ["PYSEC-9-1", "PYSEC-9-2"]
    meta = json.loads((osvdir / "metadata.json").read_text())
    assert meta["PyPI"]["source_url"] == f"{base}/PyPI/all.zip" and meta["PyPI"]["sha256"]

    db = load_database(cache_dir=tmp_path)
    assert db.sources["PyPI"].kind == "cache" and db.sources["npm"].kind == "cache"
    m = Matcher(db)
    assert [x.id for x in m.match("PyPI", "langchain", "0.1.0")] == ["PYSEC-9-1"]
    assert [x.id for x in m.match("npm", "openai", "4.1.0")] == ["GHSA-aaaa-bbbb-cccc"]

    st = status(tmp_path)
    assert st["ecosystems"]["PyPI"]["source"] == "cache"
    assert st["ecosystems"]["npm"]["advisories"] == 1
    assert st["ecosystems"]["npm"]["stale"] is False
    assert [w for w in stale_warnings(tmp_path) if "PyPI" in w or "npm" in w] == []


def test_broken_download_keeps_previous_copy(server, tmp_path):
    base, files, _ = server
    files["/PyPI/all.zip"] = make_zip(PYPI_RECS)
    update(("PyPI",), cache_dir=tmp_path, base_url=base)
    target = tmp_path / "osv" / "PyPI.osv.jsonl.gz"
    before = target.read_bytes()
    meta_before = (tmp_path / "osv" / "metadata.json").read_bytes()

    files["/PyPI/all.zip"] = make_zip(PYPI_RECS)[:-40]  # truncated archive
    with pytest.raises(UpdateError, match="kept the previous copy"):
        update(("PyPI",), cache_dir=tmp_path, base_url=base)
    files["/PyPI/all.zip"] = make_zip([{"no": "id"}])  # wrong content

    with pytest.raises(UpdateError, match="not an OSV record"):
        update(("PyPI",), cache_dir=tmp_path, base_url=base)
    del files["/PyPI/all.zip"]  # 404
    with pytest.raises(UpdateError, match="could not download"):
        update(("PyPI",), cache_dir=tmp_path, base_url=base)

    assert target.read_bytes() == before
    assert (tmp_path / "osv" / "metadata.json").read_bytes() == meta_before
    assert sorted(p.name for p in (tmp_path / "osv").iterdir()) == ["PyPI.osv.jsonl.gz", "metadata.json"]  # no temp files left


def test_failure_without_previous_copy_says_bundled_stays(server, tmp_path):
    base, files, _ = server
    files["/PyPI/all.zip"] = b"not a zip"
    with pytest.raises(UpdateError, match="bundled snapshot stays in use"):
        update(("PyPI",), cache_dir=tmp_path, base_url=base)
    assert load_database(("PyPI",), cache_dir=tmp_path).sources["PyPI"].kind == "bundled"


def test_one_ecosystem_failing_does_not_block_the_other(server, tmp_path):
    base, files, _ = server
    files["/npm/all.zip"] = make_zip(NPM_RECS)
    with pytest.raises(UpdateError, match="PyPI"):
        update(cache_dir=tmp_path, base_url=base)
    assert (tmp_path / "osv" / "npm.osv.jsonl.gz").is_file()


def test_offline_never_touches_the_network(tmp_path, monkeypatch, server):
    base, files, hits = server
    files["/PyPI/all.zip"] = make_zip(PYPI_RECS)

    def no_network(*a, **k):
        raise AssertionError("network used in offline mode")

    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    with pytest.raises(OfflineError):
        update(cache_dir=tmp_path, base_url=base, offline=True)
    assert hits == []
    load_database(cache_dir=tmp_path)  # loading never uses the network either
    status(tmp_path)


def test_status_of_the_bundled_snapshot(tmp_path):
    now = datetime(2026, 8, 1, tzinfo=timezone.utc)
    st = status(tmp_path, now=now)
    p = st["ecosystems"]["PyPI"]
    assert p["source"] == "bundled" and p["advisories"] == 6811 and p["withdrawn"] == 269
    assert p["stale"] is False and 8 < p["age_days"] < 10
    assert st["ecosystems"]["npm"]["source"] == "none"
    later = datetime(2026, 12, 1, tzinfo=timezone.utc)
    warnings = stale_warnings(tmp_path, now=later)
    assert any("PyPI advisory data is 130 days old" in w for w in warnings)
    assert any("no npm advisory data" in w for w in warnings)


def test_older_cache_copy_loses_to_the_bundled_snapshot(server, tmp_path):
    base, files, _ = server
    files["/PyPI/all.zip"] = make_zip(PYPI_RECS)
    update(("PyPI",), cache_dir=tmp_path, base_url=base)
    meta_path = tmp_path / "osv" / "metadata.json"
    meta = json.loads(meta_path.read_text())
    meta["PyPI"]["downloaded_at"] = "2025-01-01T00:00:00Z"
    meta_path.write_text(json.dumps(meta))
    assert dbmod.choose_source("PyPI", tmp_path).kind == "bundled"


def test_cli(server, tmp_path):
    base, files, _ = server
    files["/npm/all.zip"] = make_zip(NPM_RECS)
    r = CliRunner().invoke(db_cli, ["update", "--ecosystem", "npm", "--cache-dir", str(tmp_path), "--base-url", base])
    assert r.exit_code == 0, r.output
    assert "npm: 1 advisories" in r.output
    r = CliRunner().invoke(db_cli, ["status", "--cache-dir", str(tmp_path), "--format", "json"])
    data = json.loads(r.output)
    assert data["ecosystems"]["npm"]["source"] == "cache"
    r = CliRunner().invoke(db_cli, ["status", "--cache-dir", str(tmp_path)])
    assert "PyPI: bundled" in r.output and "npm: cache" in r.output
    r = CliRunner().invoke(db_cli, ["update", "--offline", "--cache-dir", str(tmp_path)])
    assert r.exit_code == 1 and "offline" in r.output
    r = CliRunner().invoke(db_cli, ["update", "--ecosystem", "PyPI", "--cache-dir", str(tmp_path), "--base-url", base])
    assert r.exit_code == 1 and "bundled snapshot stays in use" in r.output
