"""The AWS snapshot source: `aispm scan DIR` over what `aispm collect aws://… -o DIR` recorded.

A snapshot is `DIR/record/aws/<region>/<service>.<Operation>_<n>.json` (placebo's files, `global/`
for the account-wide calls) and `DIR/aispm-snapshot.json` (target, when, identity). `claims`
takes a file by its place and name only (a `.json` under `record/aws/<folder>/` named like a
placebo answer), so no other JSON is taken from its readers. `load` replays each snapshot
through the live collector itself (`collector.collect(..., replay=...)`): the same calls in the
same order, each answered from its file, read through `read_text` (confined to the scan's roots,
bounded in size). A call the snapshot does not hold is a gap ("not in the snapshot"), not an
error; a file that is not JSON is an error with its path, and that call a gap.

The report's provenance says it came from a snapshot: `{"kind": "snapshot", "target", "taken_at",
account, principal, regions}`; the gaps the live scan recorded in
`aispm-snapshot.json`, then those of the replay (the same ones, plus any call the recording lacks).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from aispm.live.context import LiveContext, LiveOptions
from aispm.live.targets import BadTarget, parse_target
from aispm.model import ScanError
from aispm.providers.aws.live.record import NotRecorded
from aispm.live.context import Gap
from aispm.source import SourceContext, SourceResult, read_text

FORMAT = "aws-snapshot"
_NAME = re.compile(r"^[a-z0-9][a-z0-9.-]*\.[A-Z][A-Za-z0-9]*_[0-9]+\.json$")
META = "aispm-snapshot.json"


def snapshot_root(path: Path) -> Path | None:
    """The `record/aws` folder a placebo answer file belongs to, or None."""
    parts = path.parts
    if len(parts) >= 4 and parts[-4] == "record" and parts[-3] == "aws" and _NAME.match(parts[-1]):
        return path.parent.parent
    return None


class AwsSnapshotSource:
    """Snapshots of live AWS answers (placebo layout), replayed through the collector."""

    name = FORMAT

    def claims(self, path: Path) -> bool:
        return path.suffix == ".json" and snapshot_root(path) is not None

    def load(self, files: list[Path], ctx: SourceContext) -> SourceResult:
        result = SourceResult()
        roots: dict[Path, int] = {}
        for f in files:
            root = snapshot_root(f)
            if root is not None:
                roots[root] = roots.get(root, 0) + 1
        for root, count in sorted(roots.items()):
            try:
                self._replay(root, ctx, result)
                result.files += count
            except Exception as exc:  # noqa: BLE001 - one snapshot lost, never the scan
                result.errors.append(ScanError(ctx.rel(root), None, f"could not replay the snapshot: {type(exc).__name__}"))
        return result

    def _replay(self, root: Path, ctx: SourceContext, result: SourceResult) -> None:
        from aispm.providers.aws.live.collector import collect

        meta = self._meta(root.parent.parent / META, ctx, result)
        target_text = meta.get("target") if isinstance(meta.get("target"), str) else "aws://"
        try:
            target = parse_target(target_text)
        except BadTarget:
            target = None
        if target is None or target.provider != "aws":
            target = parse_target("aws://")
        regions = tuple(sorted(p.name for p in root.iterdir() if p.is_dir() and p.name != "global"))
        live = LiveContext(options=LiveOptions(regions=regions, concurrency=1, deadline_seconds=3600.0),
                           sleep=lambda _s: None)
        bad: list[str] = []

        def read(path: Path) -> str:
            text, err = read_text(path, ctx)
            if err is not None:
                bad.append(err.file)
                result.errors.append(err)
                raise NotRecorded(err.message)
            return text or ""

        got = collect(target, live, replay=root, read=read)  # type: ignore[arg-type]
        result.assets.extend(got.assets)
        result.relations.extend(got.relations)
        result.errors.extend(got.errors)
        result.warnings.extend(got.warnings)
        base = got.provenance[0] if got.provenance else {"cloud": "aws"}
        result.provenance.append({
            **base, "kind": "snapshot", "target": target_text,
            **({"taken_at": meta["taken_at"]} if isinstance(meta.get("taken_at"), str) else {})})
        result.gaps.extend(g for g in (Gap(**d) for d in _gaps(meta, live.gaps)) if g not in result.gaps)

    @staticmethod
    def _meta(path: Path, ctx: SourceContext, result: SourceResult) -> dict:
        if not path.is_file():
            return {}
        text, err = read_text(path, ctx)
        if err is not None:
            result.errors.append(err)
            return {}
        try:
            doc = json.loads(text or "")
        except (ValueError, RecursionError):
            result.errors.append(ScanError(ctx.rel(path), None, "aispm-snapshot.json is not JSON"))
            return {}
        return doc if isinstance(doc, dict) else {}


def _gaps(meta: dict, replayed: list) -> list[dict]:
    """What the live scan could not read (as `aispm-snapshot.json` records it: also what it never
    called, such as a region that is not enabled), then what the replay could not answer."""
    out: list[dict] = []
    keys = ("scope", "service", "operation", "reason")
    for g in meta.get("gaps") if isinstance(meta.get("gaps"), list) else []:
        if isinstance(g, dict) and all(isinstance(g.get(k), str) for k in keys):
            item = {k: g[k] for k in keys}
            if item not in out:
                out.append(item)
    for g in replayed:
        item = {"scope": g.scope, "service": g.service, "operation": g.operation, "reason": g.reason}
        if item not in out:
            out.append(item)
    return out
