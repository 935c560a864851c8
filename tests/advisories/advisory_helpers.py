import gzip
import json
from pathlib import Path



def write_jsonl_gz(path: Path, records: list[dict]) -> Path:
    with gzip.open(path, "wt", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r) + "\n")
    return path


def osv(id_, ecosystem, name, ranges=(), versions=(), **extra):
    """A minimal OSV record; ranges as lists of (kind, version) events."""
    rec = {
        "id": id_,
        "modified": "2026-01-01T00:00:00Z",
        "affected": [{
            "package": {"ecosystem": ecosystem, "name": name},
            "ranges": [{"type": "SEMVER" if ecosystem == "npm" else "ECOSYSTEM",
                        "events": [{k: v} for k, v in evs]} for evs in ranges],
            "versions": list(versions),
        }],
    }
    rec.update(extra)
    return rec


