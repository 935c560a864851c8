"""Mapping row: `data "archive_file"` (hashicorp/archive), the zip Terraform builds from a local code
folder — for AWS, the deployment package of a Lambda function (`filename = data.archive_file.x.output_path`).

The archive is computed from local files, not read from a cloud (`MappingRow.local_data`), and
becomes a `code-project` asset (the code provider's type, as `azure.yaml` services are): its
folder (`source_dir`, or the folder of `source_file`) and the archive it writes (`output_path`),
both as evaluated. Terraform resolves a relative path against the root module's directory and
`path.module` is already relative to the scan, so the AWS fold makes both relative to the scanned
target once the file is known (`aispm.providers.aws.fold`); the AWS linker then says which
function `runs` it, and the code linker what it `contains`. Nothing here is read or executed.

The Terraform type is cloud-neutral; it is mapped here because AWS is the only provider that
links it so far (a type is mapped by one provider: another that needs it should take the row).
"""

from __future__ import annotations

import posixpath
from typing import Any

from aispm.iac.terraform.mapping import Mapped, MappingRow
from aispm.model import Kind, Unknown

CODE_PROJECT = "code-project"


def _archive(body: dict) -> Mapped | None:
    source_dir, source_file = body.get("source_dir"), body.get("source_file")
    project: Any = source_dir if source_dir is not None else (
        posixpath.dirname(source_file) or "." if isinstance(source_file, str) else source_file)
    if project is None:  # `source` blocks: content written inline, no folder of code
        return None
    name = posixpath.basename(project.rstrip("/")) if isinstance(project, str) else Unknown("source_dir")
    return Mapped(CODE_PROJECT, name or ".", {"project": project, "archive": body.get("output_path"),
                                              "packaged_by": "archive_file"})


ROW = MappingRow("archive_file", "code", CODE_PROJECT, _archive, lambda t, p: Kind.OTHER, data_source=False,
                 local_data=True)
