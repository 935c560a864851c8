import pytest

from advisory_helpers import write_jsonl_gz

from aispm.advisories.db import load_database


@pytest.fixture
def make_db(tmp_path):
    def make(records, ecosystem="PyPI"):
        p = write_jsonl_gz(tmp_path / f"{ecosystem}-{len(records)}.jsonl.gz", records)
        return load_database((ecosystem,), paths={ecosystem: p})
    return make


@pytest.fixture(scope="session")
def snapshot_db():
    return load_database(("PyPI",), cache_dir="/nonexistent-aispm-test-cache")
