"""Code to Lambda: which code folder of the scan a Lambda function runs.

A function's code is local before it is deployed, written as `Code` with a path — Terraform
`filename` (a zip, usually an `archive_file`'s `output_path`), or a folder or zip as
`aws cloudformation package` takes it. The scan's `code-project` assets name folders of code
(an `archive_file`'s `source_dir`, with the archive it writes); the function `runs` the project
whose archive is its package, or whose folder is its code. When the code is a folder no project
names, a `code-project` asset is made for it. The code linker then says what each project
`contains` (libraries, clients, secrets), so a vulnerable library in the function's
`requirements.txt` makes the function a vulnerable workload.

Paths are made relative to the scanned target (`local_path`): Terraform's `path.module` already
is; any other relative path is relative to the declaring file's directory (Terraform: the root
module's, where it runs; CloudFormation: the template's). A path that leaves the target, is
absolute or is a URL names nothing here. What S3 or an image holds (`Code.S3Key`, `ImageUri`) is
not linked: the scan has no way to know which folder was uploaded.
"""

from __future__ import annotations

import posixpath
from typing import Any, Callable

from aispm.model import Asset, Kind, Origin
from aispm.providers.aws.link.index import Index

LAMBDA = "AWS::Lambda::Function"
CODE_PROJECT = "code-project"
_ARCHIVES = (".zip", ".jar", ".war")


def local_path(value: Any, file: str) -> str | None:
    """`value` relative to the scanned target, from a declaration in `file`; None when it is not a
    local relative path inside the target."""
    if not isinstance(value, str) or not value.strip() or "://" in value or value.startswith(("/", "~", "\\")):
        return None
    base = posixpath.dirname(file)
    if base and (value == base or value.startswith(base + "/")):  # `${path.module}/...`: already relative
        p = posixpath.normpath(value)
    else:
        p = posixpath.normpath(posixpath.join(base, value))
    return None if p == ".." or p.startswith("../") else p


def link(index: Index, projects: list[Asset], rel: Callable[..., None], new_asset: Callable[[Asset], Asset]) -> None:
    by_archive: dict[str, list[Asset]] = {}
    by_folder: dict[str, list[Asset]] = {}
    for p in projects:
        if isinstance(p.properties.get("archive"), str):
            by_archive.setdefault(p.properties["archive"], []).append(p)
        if isinstance(p.properties.get("project"), str):
            by_folder.setdefault(p.properties["project"], []).append(p)
    for fn in index.of(LAMBDA):
        path = local_path(fn.properties.get("Code"), fn.origin.file)
        if path is None:
            continue
        hits = by_archive.get(path) or by_folder.get(path, [])
        if len(hits) > 1:  # two archives written to one path: the closest declared
            hits = [h for h in hits if posixpath.dirname(h.origin.file) == posixpath.dirname(fn.origin.file)] or hits
        if hits:
            rel(fn.uid, "runs", hits[0].uid, via=f"Code {path}")
        elif not path.lower().endswith(_ARCHIVES):  # a folder no project names: it is one
            proj = new_asset(_folder_project(path, fn))
            rel(fn.uid, "runs", proj.uid, via=f"Code {path}")


def _folder_project(folder: str, fn: Asset) -> Asset:
    return Asset(uid=f"code-project:{folder}", provider="code", type=CODE_PROJECT,
                 name=posixpath.basename(folder) or ".",
                 origin=Origin(fn.origin.file, fn.origin.line, f"{fn.origin.address}.Code", fn.origin.end_line,
                               fn.origin.format),
                 properties={"project": folder, "packaged_by": "Code"}, kind=Kind.OTHER)
