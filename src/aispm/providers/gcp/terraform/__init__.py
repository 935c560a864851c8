"""Terraform `google` / `google-beta` types in the REST shape: the rows the Terraform engine maps with.

Grouped by concern: Vertex AI, Workbench, Vertex AI Search and Model Armor (`rows_vertex`), what
they run on and read (`rows_platform`), IAM (`rows_iam`). `google-beta` resources have the same
type names (a resource picks the provider with `provider = google-beta`), so one row serves both.
"""

from __future__ import annotations

from typing import Any


def rows() -> list[Any]:
    from aispm.providers.gcp.terraform import rows_iam, rows_platform, rows_vertex

    return [*rows_vertex.ROWS, *rows_platform.ROWS, *rows_iam.ROWS]
