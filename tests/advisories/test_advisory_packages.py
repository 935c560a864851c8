"""Loading only the advisories of the packages a scan found (`load_database(packages=...)`): never one
advisory less for those packages than the whole database holds."""

import gzip
import json
import random

from hypothesis import given, settings, strategies as st

from advisory_helpers import osv, write_jsonl_gz

from aispm.advisories.db import load_database
from aispm.advisories.match import Matcher


def _ids(db, eco, name):
    return [a.id for a in db.advisories(eco, name)]


def test_a_package_is_found_however_its_records_spell_it(tmp_path):
    """Records name a package as their source wrote it: other case and separators (PEP 503 makes them one
    name), a JSON escape, spaces around the colon. A scan asking for `langchain-core` gets all of them, and
    nothing of a package it did not ask for."""
    records = [
        osv("A-1", "PyPI", "LangChain_Core", [[("introduced", "0"), ("fixed", "1.0")]]),
        osv("A-2", "PyPI", "langchain.core", [[("introduced", "0"), ("fixed", "2.0")]]),
        osv("B-1", "PyPI", "other-pkg", [[("introduced", "0")]]),
        osv("C-1", "PyPI", "langchain-core-extra", [[("introduced", "0")]]),
    ]
    path = write_jsonl_gz(tmp_path / "pypi.jsonl.gz", records)
    lines = gzip.decompress(path.read_bytes()).decode().splitlines()
    # a record written with an escaped hyphen and spaces around the colon (as another writer may)
    escaped = json.dumps(osv("A-3", "PyPI", "langchain-core", [[("introduced", "0")]]), ensure_ascii=True)
    escaped = escaped.replace('"name": "langchain-core"', '"name" :  "langchain\\u002dcore"')
    assert "\\u002d" in escaped
    path.write_bytes(gzip.compress("\n".join([*lines, escaped]).encode()))
    db = load_database(("PyPI",), paths={"PyPI": path}, packages={"PyPI": ["langchain-core"]})
    assert sorted(_ids(db, "PyPI", "langchain-core")) == ["A-1", "A-2", "A-3"]
    assert db.packages("PyPI") == [("PyPI", "langchain-core")]
    whole = load_database(("PyPI",), paths={"PyPI": path})
    assert sorted(_ids(whole, "PyPI", "langchain-core")) == ["A-1", "A-2", "A-3"]
    assert len(whole.packages("PyPI")) == 3


def test_a_broken_record_is_reported_as_when_the_whole_file_is_read(tmp_path):
    """A record whose name does not decode (`\\uZZZZ`: not JSON) is let through to the decoder, which
    refuses it: the file is reported unreadable, as a load of the whole file reports it. The filter
    may decode more than it needs, never hide a broken record."""
    good = json.dumps(osv("A-1", "PyPI", "wanted", [[("introduced", "0")]]))
    broken = json.dumps(osv("A-2", "PyPI", "wanted", [[("introduced", "0")]])).replace('"wanted"', '"wa\\uZZZZnted"')
    path = tmp_path / "pypi.jsonl.gz"
    path.write_bytes(gzip.compress(f"{good}\n{broken}\n".encode()))
    errors = [load_database(("PyPI",), paths={"PyPI": path}, packages=packages).errors
              for packages in ({"PyPI": ["nothing-else"]}, None)]
    assert errors[0] == errors[1] and "could not read" in errors[0][0] and "escape" in errors[0][0]


def test_the_bundled_snapshot_gives_the_same_advisories_and_matches_per_package(snapshot_db):
    """On the bundled PyPI snapshot: for 300 packages drawn at random and the AI libraries the examples use,
    the advisories loaded for them, and every match for a few versions, are those of the whole database."""
    rng = random.Random(20261205)
    names = rng.sample(sorted(name for _, name in snapshot_db.packages("PyPI")), 300)
    names += ["openai", "LangChain", "llama_index", "transformers", "torch", "gradio", "mlflow", "not-a-package"]
    part = load_database(("PyPI",), cache_dir="/nonexistent-aispm-test-cache", packages={"PyPI": names})
    assert len(part.packages("PyPI")) < len(snapshot_db.packages("PyPI")) / 3
    whole, some = Matcher(snapshot_db), Matcher(part)

    def seen(matches):
        return [(m.id, m.certainty, m.matched, m.fixed, m.reason) for m in matches]

    for name in names:
        assert _ids(part, "PyPI", name) == _ids(snapshot_db, "PyPI", name), name
        for version in (None, "0.1.0", "1.0.0", "2.5", "not a version"):
            assert seen(some.match("PyPI", name, version)) == seen(whole.match("PyPI", name, version)), (name, version)


_NAMES = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12).filter(str.strip)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_NAMES, st.booleans(), st.booleans()), min_size=1, max_size=8), st.data())
def test_whatever_the_names_the_packages_asked_for_get_every_advisory(tmp_path_factory, rows, data):
    """Generated records (any Unicode in names, written with or without `\\uXXXX` escapes, some with a
    credit whose name is another package's): for every subset of names asked for, each asked package
    gets exactly the advisories the whole file gives it."""
    records, lines = [], []
    for i, (name, ascii_only, credit) in enumerate(rows):
        rec = osv(f"R-{i}", "PyPI", name, [[("introduced", "0")]])
        if credit:
            rec["credits"] = [{"name": rows[(i + 1) % len(rows)][0]}]
        records.append(rec)
        lines.append(json.dumps(rec, ensure_ascii=ascii_only))
    path = tmp_path_factory.mktemp("osv") / "pypi.jsonl.gz"
    path.write_bytes(gzip.compress("\n".join(lines).encode("utf-8", "surrogatepass")))
    whole = load_database(("PyPI",), paths={"PyPI": path})
    asked = data.draw(st.lists(st.sampled_from([r[0] for r in rows]), max_size=len(rows)))
    part = load_database(("PyPI",), paths={"PyPI": path}, packages={"PyPI": asked})
    assert not whole.errors and not part.errors
    for name in asked:
        assert sorted(_ids(part, "PyPI", name)) == sorted(_ids(whole, "PyPI", name)), name
