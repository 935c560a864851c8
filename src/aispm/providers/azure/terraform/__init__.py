"""Terraform `azurerm_*` and `azapi_*` types in the ARM shape: the rows the Terraform engine maps with.

One table: each row names the Terraform type, the ARM type it deploys and how its attributes
become ARM properties (`spec.py`), grouped by concern — AI services (`rows_ai`), data and
secrets (`rows_data`), databases and caches (`rows_databases`), compute (`rows_compute`), networks (`rows_network`), azapi (`rows_azapi`).
`terraform_types()` derives the Terraform type → ARM type table from the rows.
"""

from __future__ import annotations

from typing import Any


def rows() -> list[Any]:
    from aispm.providers.azure.terraform import (rows_ai, rows_azapi, rows_compute, rows_data, rows_databases,
                                                  rows_network, rows_platform)

    return [*rows_ai.ROWS, *rows_data.ROWS, *rows_databases.ROWS, *rows_platform.ROWS, *rows_compute.ROWS,
            *rows_network.ROWS, *rows_azapi.ROWS]


def terraform_types() -> dict[str, str]:
    """Terraform resource type → the ARM type it deploys (types whose body decides it are left out)."""
    from aispm.iac.terraform.mapping import MappingRow

    return {r.tf_type: r.cloud_type for r in rows() if isinstance(r, MappingRow) and r.cloud_type}
