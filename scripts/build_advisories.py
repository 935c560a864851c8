"""Build the advisory data aispm ships (`src/aispm/advisories/data/`), reproducibly, from public
advisory repositories, and say where each file came from.

    python scripts/build_advisories.py \\
        --pypa   <git dir of pypa/advisory-database (or its mirror westonsteimel/advisory-database-pypa)> \\
        --govulndb <git dir of golang/vulndb> \\
        --rustsec  <git dir of RustSec/advisory-db> \\
        [--out src/aispm/advisories/data] [--check]

Each input is a bare git directory (a clone, or the snapshot the project's research tool fetches) and
is read with `git` at a commit (`--pypa-ref`, `--govulndb-ref`, `--rustsec-ref`; defaults below), never
from a work tree, so the same commits give the same bytes:

| ecosystem | source (licence) | files read at the commit |
| --- | --- | --- |
| PyPI | pypa/advisory-database (CC-BY-4.0) | `vulns/**/PYSEC-*.yaml`, YAML → JSON, scalars kept as strings |
| Go | golang/vulndb (CC-BY-4.0) | `data/osv/GO-*.json` |
| crates.io | RustSec/advisory-db, branch `osv` (CC0-1.0) | `crates/RUSTSEC-*.json` (RustSec's own OSV export) |

Selection: every record of each source (the same rule as the first PyPI snapshot: the whole
database of the ecosystem, withdrawn records kept and marked). Output per ecosystem: one OSV record
per line, sorted by id, compact JSON with the OSV schema's key order, gzip with no name and mtime 0
(byte-reproducible). `metadata.json` gives per ecosystem: source repository, commit, commit date
(the data date), licence, counts and the SHA-256 of the file; `provenance.json` says the same per
file with the paths read, and lists the ecosystems for which no redistributable data could be
obtained here (npm, NuGet, Maven: their OSV source, the GitHub Advisory Database, is a 3.35 GB
repository that the project's fetch tool cannot bring; `aispm db status` and every report say so).

`--check` rebuilds in memory and compares with the files in `--out` (exit 1 on a difference).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

import yaml

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "aispm" / "advisories" / "data"

#: The OSV schema's field order; other fields follow in the source's order.
KEY_ORDER = ("schema_version", "id", "modified", "published", "withdrawn", "aliases", "upstream", "related",
             "summary", "details", "severity", "affected", "references", "credits", "database_specific")

SOURCES = {
    "PyPI": {"arg": "pypa", "repo": "https://github.com/pypa/advisory-database", "ref": "HEAD",
             "prefix": "vulns/", "suffix": ".yaml", "licence": "CC-BY-4.0", "file": "pypi.osv.jsonl.gz",
             "licence_file": "LICENSE-pypa-advisory-database-CC-BY-4.0.txt", "licence_path": "LICENSE"},
    "Go": {"arg": "govulndb", "repo": "https://github.com/golang/vulndb", "ref": "HEAD",
           "prefix": "data/osv/", "suffix": ".json", "licence": "CC-BY-4.0", "file": "go.osv.jsonl.gz",
           "licence_file": "LICENSE-golang-vulndb-CC-BY-4.0.txt", "licence_path": "data/LICENSE"},
    "crates.io": {"arg": "rustsec", "repo": "https://github.com/RustSec/advisory-db", "ref": "osv",
                  "prefix": "crates/", "suffix": ".json", "licence": "CC0-1.0", "file": "crates.io.osv.jsonl.gz",
                  "licence_file": "LICENSE-rustsec-advisory-db-CC0-1.0.txt", "licence_path": "LICENSE.txt",
                  "licence_ref": "main"},  # the osv branch holds the data only; the licence is on main
}

#: Ecosystems aispm matches but for which no redistributable advisory data could be obtained here.
UNAVAILABLE = {
    eco: ("its OSV source, the GitHub Advisory Database (github/advisory-database, CC-BY-4.0), is a 3.35 GB "
          "repository that could not be obtained where this snapshot was built")
    for eco in ("npm", "NuGet", "Maven")
}


def git(gitdir: Path, *args: str) -> bytes:
    return subprocess.run(["git", "--git-dir", str(gitdir), *args], check=True, capture_output=True).stdout


def blobs(gitdir: Path, ref: str, paths: list[str]) -> Iterable[tuple[str, bytes]]:
    """`(path, content)` of each path at `ref`, through one `git cat-file --batch`."""
    proc = subprocess.Popen(["git", "--git-dir", str(gitdir), "cat-file", "--batch"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE)
    assert proc.stdin and proc.stdout
    for p in paths:
        proc.stdin.write(f"{ref}:{p}\n".encode())
        proc.stdin.flush()
        header = proc.stdout.readline().split()
        size = int(header[2])
        data = proc.stdout.read(size)
        proc.stdout.read(1)
        yield p, data
    proc.stdin.close()
    proc.wait()


def ordered(rec: dict[str, Any]) -> dict[str, Any]:
    out = {k: rec[k] for k in KEY_ORDER if k in rec}
    out.update((k, v) for k, v in rec.items() if k not in out)
    return out


class _StringLoader(yaml.SafeLoader):
    """YAML with every scalar kept as a string except true/false/null: versions such as `1.10` stay
    versions and timestamps keep their text."""


def _scalar(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    value = loader.construct_scalar(node)
    if node.style is None and node.tag == "tag:yaml.org,2002:bool":
        return value.lower() == "true"
    if node.style is None and node.tag == "tag:yaml.org,2002:null":
        return None
    return value


for _tag in ("bool", "null", "int", "float", "timestamp", "str"):
    _StringLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", _scalar)


def record(path: str, data: bytes) -> dict[str, Any]:
    if path.endswith(".yaml"):
        return yaml.load(data.decode("utf-8"), Loader=_StringLoader)  # noqa: S506 (a SafeLoader subclass)
    return json.loads(data)


def build_one(eco: str, gitdir: Path, ref: str) -> tuple[bytes, dict[str, Any], dict[str, Any], bytes]:
    src = SOURCES[eco]
    commit = git(gitdir, "rev-parse", f"{ref}^{{commit}}").decode().strip()
    date = git(gitdir, "show", "-s", "--format=%cI", commit).decode().strip()
    names = git(gitdir, "ls-tree", "-r", "--name-only", commit, "--", src["prefix"]).decode().splitlines()
    paths = sorted(n for n in names if n.endswith(src["suffix"]) and not Path(n).name.startswith("."))
    records = []
    for p, data in blobs(gitdir, commit, paths):
        rec = record(p, data)
        if isinstance(rec, dict) and rec.get("id"):
            records.append(ordered(rec))
    records.sort(key=lambda r: r["id"])
    body = b"".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")).encode() + b"\n" for r in records)
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(body)
    packages = {(a.get("package") or {}).get("name") for r in records if not r.get("withdrawn")
                for a in r.get("affected") or () if isinstance(a, dict)}
    data_date = datetime.fromisoformat(date).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    meta = {
        "data_date": data_date,
        "source_url": f"{src['repo']} (commit {commit})",
        "repository": src["repo"], "commit": commit, "ref": ref,
        "licence": src["licence"],
        "advisories": sum(1 for r in records if not r.get("withdrawn")),
        "withdrawn": sum(1 for r in records if r.get("withdrawn")),
        "packages": len(packages - {None}),
        "file": src["file"],
        "sha256": hashlib.sha256(buf.getvalue()).hexdigest(),
    }
    prov = {"ecosystem": eco, "file": src["file"], "repository": src["repo"], "commit": commit, "commit_date": date,
            "paths": f"{src['prefix']}**/*{src['suffix']}", "records": len(records), "licence": src["licence"],
            "licence_file": src["licence_file"], "conversion": "YAML to JSON, scalars kept as strings"
            if src["suffix"] == ".yaml" else "JSON records as published", "selection": "every record of the source"}
    licence_at = src.get("licence_ref") or commit
    licence = git(gitdir, "show", f"{licence_at}:{src['licence_path']}")
    prov["licence_from"] = f"{licence_at}:{src['licence_path']}"
    return buf.getvalue(), meta, prov, licence


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    for eco, src in SOURCES.items():
        ap.add_argument(f"--{src['arg']}", type=Path, help=f"git dir of {src['repo']} ({eco})")
        ap.add_argument(f"--{src['arg']}-ref", default=src["ref"], help=f"commit or ref to read (default {src['ref']})")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--check", action="store_true", help="compare with the files in --out instead of writing")
    args = ap.parse_args(argv)
    metadata: dict[str, Any] = {}
    provenance: dict[str, Any] = {"built_by": "scripts/build_advisories.py", "files": [], "unavailable": UNAVAILABLE}
    outputs: dict[str, bytes] = {}
    for eco, src in SOURCES.items():
        gitdir = getattr(args, src["arg"])
        if gitdir is None:
            print(f"{eco}: skipped (no --{src['arg']})", file=sys.stderr)
            continue
        data, meta, prov, licence = build_one(eco, gitdir, getattr(args, f"{src['arg']}_ref"))
        outputs[src["file"]] = data
        outputs[src["licence_file"]] = licence
        metadata[eco] = meta
        provenance["files"].append(prov)
        print(f"{eco}: {meta['advisories']} advisories (+{meta['withdrawn']} withdrawn), {len(data):,} bytes, "
              f"as of {meta['data_date']}", file=sys.stderr)
    for eco, why in UNAVAILABLE.items():
        metadata[eco] = {"unavailable": why}
    outputs["metadata.json"] = (json.dumps(metadata, indent=2, ensure_ascii=False) + "\n").encode()
    outputs["provenance.json"] = (json.dumps(provenance, indent=2, ensure_ascii=False) + "\n").encode()
    if args.check:
        diff = [n for n, b in outputs.items() if not (args.out / n).is_file() or (args.out / n).read_bytes() != b]
        for n in diff:
            print(f"differs: {n}", file=sys.stderr)
        return 1 if diff else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for n, b in outputs.items():
        (args.out / n).write_bytes(b)
    return 0


if __name__ == "__main__":
    sys.exit(main())
