"""The module manifest `terraform init` writes: `.terraform/modules/modules.json`.

`terraform init` downloads every registry and git module a configuration calls into
`.terraform/modules/` and records where each went: `{"Modules": [{"Key": "net.subnets",
"Source": "...", "Dir": ".terraform/modules/net.subnets"}, ...]}`. A `Key` is the path of module
call names from the root (`a.b` is module `b` called inside module `a`; the root itself is `""`),
and `Dir` is relative to the directory `terraform init` ran in (the root module's). This module
reads that file so the HCL loader and the plan source can read a non-local module where Terraform
itself would; it never fetches anything.

Limits: the file is read through `read_text` (size limit and confinement) and `load_json` (depth
limit); at most `limits.collection_size` entries are kept. A `Dir` whose real path leaves the scan's
roots is not a directory the scan may read: it is kept as `OUTSIDE` so that the caller says so.
Entries of a wrong shape are skipped; what is wrong with the file as a whole is one `ScanError`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from aispm.formats.jsonc import load_json
from aispm.formats.located import DocError
from aispm.formats.text import type_name
from aispm.model import ScanError
from aispm.source import SourceContext, read_text

#: Where `terraform init` keeps the manifest, relative to the root module's directory.
MANIFEST = os.path.join(".terraform", "modules", "modules.json")
#: A module whose `Dir` leaves the scan's roots.
OUTSIDE = "outside"
#: A module the manifest lists without a usable `Dir`.
NO_DIR = "no-dir"


@dataclass
class Manifest:
    """Module key → the real directory `terraform init` put it in (or `OUTSIDE` / `NO_DIR`)."""

    found: bool = False  # whether the root has a manifest at all (`terraform init` ran)
    dirs: dict[str, str] = field(default_factory=dict)
    error: ScanError | None = None

    def lookup(self, key: str) -> str | None:
        return self.dirs.get(key)


def read_manifest(root_dir: str, ctx: SourceContext) -> Manifest:
    """The manifest of the root module in real directory `root_dir` (empty when there is none)."""
    path = Path(root_dir) / MANIFEST
    if not path.is_file():
        return Manifest()
    rel = ctx.rel(path)
    text, err = read_text(path, ctx)
    if err is not None:
        return Manifest(True, {}, err)
    try:
        doc = load_json(text or "", ctx.limits.depth)
    except DocError as exc:
        return Manifest(True, {}, ScanError(rel, exc.line, f"invalid module manifest: {exc.message}"[:200]))
    mods = doc.get("Modules") if isinstance(doc, dict) else None
    if not isinstance(mods, list):
        return Manifest(True, {}, ScanError(rel, None, f"module manifest: `Modules` is {type_name(mods)}, "
                                                       "not a list; registry and git modules not read"))
    out = Manifest(True)
    for entry in mods[: ctx.limits.collection_size]:
        if not isinstance(entry, dict) or not isinstance(entry.get("Key"), str):
            continue
        key = entry["Key"]
        d = entry.get("Dir")
        if not isinstance(d, str) or not d or "\x00" in d:
            out.dirs[key] = NO_DIR
            continue
        real = os.path.realpath(os.path.join(root_dir, d))
        out.dirs[key] = OUTSIDE if ctx.outside(real) else real
    if len(mods) > ctx.limits.collection_size:
        out.error = ScanError(rel, None, f"module manifest lists over {ctx.limits.collection_size} modules; "
                                         "the rest were not read")
    return out


def is_local_source(source: object) -> bool:
    """Whether a module `source` is a local path (`./x`, `../x`), which Terraform never downloads."""
    return isinstance(source, str) and (source.startswith(("./", "../")) or source in (".", ".."))
