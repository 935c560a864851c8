"""Terraform `azurerm_*` and `azapi_*` types in the ARM shape: the rows the Terraform engine maps with."""

from __future__ import annotations

from aispm.iac.terraform.mapping import MappingRow


def rows() -> list[MappingRow]:
    from aispm.providers.azure import catalog as cat
    from aispm.providers.azure.terraform.mapping import MAPPERS

    return [MappingRow(t, "azure", cat.TERRAFORM_TYPES[t], fn, cat.kind_of) for t, fn in MAPPERS.items()]
