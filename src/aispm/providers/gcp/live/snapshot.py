"""The GCP snapshot source: Cloud Asset Inventory exports read offline, through the live transform.

Reads what `aispm collect gcp://... -o DIR` writes (`DIR/gcp/<project>/resource.json` and
`iam-policy.json`) and what users make themselves: `gcloud asset export --content-type=resource`
or `--content-type=iam-policy` output (JSON lines, one asset per line with `name`, `asset_type`,
`resource.data`, `iam_policy`), and `gcloud asset list --format=json` (one JSON array of assets,
camelCase). All files of a scan are joined by full resource name before the transform, so a
resource and its policy exported apart become one asset — exactly as the live collector does.

Claims are by content, cheaply: a `.json` / `.jsonl` / `.ndjson` file whose first 4 KiB hold an
object with a `name` starting with `//` and an `asset_type` / `assetType` of the form
`<service>.googleapis.com/<Kind>`; nothing else (ARM templates, other JSON) is touched. A line that
does not parse is one error with its line number; the other lines are kept.
`aispm-snapshot.json` beside a `gcp/` folder gives the provenance (target, when taken).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from aispm.formats.jsonc import load_json
from aispm.formats.located import DocError
from aispm.model import ScanError
from aispm.providers.gcp.live.transform import Records, to_assets
from aispm.source import SourceContext, SourceResult, read_text

_SUFFIXES = (".json", ".jsonl", ".ndjson")
_HEAD = re.compile(r'"name"\s*:\s*"//[a-z0-9.-]+\.googleapis\.com/')
_TYPE = re.compile(r'"(?:asset_type|assetType)"\s*:\s*"[a-z0-9.-]+\.googleapis\.com/[A-Za-z]+"')


class GcpSnapshotSource:
    """Cloud Asset Inventory exports (JSON lines) and `gcloud asset list --format=json` arrays."""

    name = "gcp-snapshot"

    def claims(self, path: Path) -> bool:
        if path.suffix.lower() not in _SUFFIXES:
            return False
        try:
            with path.open("rb") as fh:
                head = fh.read(4096).decode("utf-8", "replace")
        except OSError:
            return False
        return bool(_HEAD.search(head) and _TYPE.search(head))

    def load(self, files: list[Path], ctx: SourceContext) -> SourceResult:
        result = SourceResult()
        records = Records()
        metas: dict[Path, dict] = {}
        for path in sorted(files):
            text, err = read_text(path, ctx)
            if err is not None:
                result.errors.append(err)
                continue
            result.files += 1
            _read_records(text or "", ctx.rel(path), ctx, records, result)
            meta = _snapshot_meta(path, ctx)
            if meta is not None:
                metas.setdefault(meta[0], meta[1])
        result.assets.extend(to_assets(records))
        for meta in metas.values():
            result.provenance.append({"kind": "snapshot", "cloud": "gcp", "target": meta.get("target"),
                                      "taken_at": meta.get("taken_at")})
        return result


def _read_records(text: str, rel: str, ctx: SourceContext, records: Records, result: SourceResult) -> None:
    stripped = text.lstrip()
    if stripped.startswith("["):  # gcloud asset list --format=json
        doc = _parse(stripped, rel, 1, ctx, result)
        if isinstance(doc, list):
            records.extend(doc)
        return
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        doc = _parse(line, rel, n, ctx, result)
        if doc is not None:
            records.add(doc)


def _parse(text: str, rel: str, line: int, ctx: SourceContext, result: SourceResult):
    try:
        return load_json(text, ctx.limits.depth)
    except DocError as exc:
        at = line + (exc.line - 1 if exc.line else 0)
        result.errors.append(ScanError(rel, at, f"not a Cloud Asset Inventory record: {str(exc)[:80]}"))
    return None


def _snapshot_meta(path: Path, ctx: SourceContext) -> tuple[Path, dict] | None:
    """`aispm-snapshot.json` of the snapshot folder holding `path` (`DIR/gcp/<project>/file`)."""
    for folder in list(path.parents)[:3]:
        meta = folder / "aispm-snapshot.json"
        if meta.is_file():
            text, err = read_text(meta, ctx)
            if err is not None or not text:
                return None
            try:
                doc = json.loads(text)
            except ValueError:
                return None
            if isinstance(doc, dict) and doc.get("schema") == "aispm/snapshot@1":
                return folder, doc
            return None
    return None
