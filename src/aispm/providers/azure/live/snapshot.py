"""The `azure-snapshot` source: Azure answers saved as JSON, scanned offline as if live.

It reads, through the live collector's own `transform`:
- what `aispm collect azure://... -o DIR` recorded under `DIR/azure/` (Resource Graph pages, ARM
  list pages, Foundry agent list pages as the APIs answered them; an agent page also names the
  project it was read from, `aispm:project`);
- `az graph query -q "<query>" -o json` output (`{"count", "data": [rows], ...}`, or a list of
  rows from older CLIs) and `az resource list -o json` output (a list of resources; without
  `--query` expansion it lacks `properties`, so most facts are unknown);
- an ARM list answer saved as is (`{"value": [...]}`);
- Dataverse Web API pages of `bots`, `botcomponents` and `connectionreferences`
  (`{"@odata.context": "https://<org>/api/data/v9.2/$metadata#bots(...)", "value": [...]}`), as
  `aispm collect dataverse://<org>` records them or a user saved them: the Copilot Studio agents of
  each environment, read by `dataverse.rows_result` as the live collector reads them.

A file is taken only by content: JSON whose rows are ARM resource bodies (an `id` under
`/subscriptions/` and a `type`), or an agent page with its project; every other JSON (templates,
plans, package manifests) is left to its own source, uncounted. A file that holds ARM ids but does
not parse is an error only inside a snapshot folder (one with `aispm-snapshot.json`). The
snapshot's `aispm-snapshot.json` (target, when, identity without secrets) becomes the result's
provenance, once per snapshot.
"""

from __future__ import annotations

import json
from pathlib import Path

from aispm.formats.jsonc import load_json
from aispm.formats.located import DocError
from aispm.model import ScanError
from aispm.providers.azure.live import dataverse
from aispm.providers.azure.live.transform import agent_assets, agent_page, answer_assets
from aispm.source import SourceContext, SourceResult, read_text

META = "aispm-snapshot.json"


class AzureSnapshotSource:
    name = "azure-snapshot"

    claims_by_name = True  # `claims` reads the file's name alone (`aispm.source.Source`)

    def claims(self, path: Path) -> bool:
        return path.suffix.lower() == ".json" and path.name != META

    def load(self, files: list[Path], ctx: SourceContext) -> SourceResult:
        out = SourceResult()
        metas: set[Path] = set()
        agents: dict[str, list] = {}  # project id → its agents, every page, in file order
        environments: dict[str, dict[str, list | None]] = {}  # Dataverse host → table → rows, in file order

        def read_as_snapshot(path: Path) -> None:
            """Count a file read as a snapshot and record its snapshot's metadata once (looked up only for
            such files: it searches up to six folders)."""
            out.files += 1
            meta = _meta_file(path, ctx.root)
            if meta is not None and meta not in metas:
                metas.add(meta)
                out.provenance.append(_provenance(meta, ctx))

        for path in sorted(files):
            text, err = read_text(path, ctx)
            if err is not None or not text or ("/subscriptions/" not in text and "@odata.context" not in text):
                continue  # not ours (the other JSON sources report what they cannot read)
            try:
                doc = load_json(text, ctx.limits.depth)
            except DocError as exc:
                # in a snapshot folder, or a file that reads as Azure resources: say why it was not read
                azure_like = "/providers/Microsoft." in text and '"type"' in text
                if azure_like or _meta_file(path, ctx.root) is not None:
                    out.errors.append(ScanError(ctx.rel(path), exc.line, f"Azure snapshot file not read: {exc.message}"))
                continue
            rows = dataverse.page_of(doc)
            if rows is not None:
                host, table, items = rows
                tables = environments.setdefault(host, {})
                tables[table] = (tables.get(table) or []) + items
                read_as_snapshot(path)
                continue
            page = agent_page(doc)
            try:
                got = answer_assets(doc) if page is None else None
            except Exception as exc:  # noqa: BLE001 - one file that does not read costs only itself
                out.errors.append(ScanError(ctx.rel(path), None, f"Azure snapshot file not read: {type(exc).__name__}"))
                continue
            if page is not None:
                agents.setdefault(page[0], []).extend(page[1])
            elif got is None:
                continue
            else:
                out.extend(got)
            read_as_snapshot(path)
        for project, items in agents.items():
            out.extend(agent_assets(items, project))
        for host, tables in sorted(environments.items()):
            out.extend(dataverse.rows_result(host, tables, ctx.limits))
        return out


def _meta_file(path: Path, root: Path) -> Path | None:
    """The `aispm-snapshot.json` of the snapshot folder holding `path` (within the scan root)."""
    here = path.parent
    root = root.resolve() if root.exists() else root
    for _ in range(6):
        candidate = here / META
        if candidate.is_file():
            return candidate
        if here == here.parent or here.resolve() == root:
            break
        here = here.parent
    return None


def _provenance(meta: Path, ctx: SourceContext) -> dict:
    entry = {"kind": "snapshot", "cloud": "azure", "file": ctx.rel(meta)}
    text, err = read_text(meta, ctx)
    if err is None and text:
        try:
            doc = json.loads(text)
        except ValueError:
            return entry
        if isinstance(doc, dict):
            for key in ("target", "taken_at"):
                if isinstance(doc.get(key), str):
                    entry[key] = doc[key][:300]
    return entry
