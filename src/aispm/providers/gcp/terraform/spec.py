"""The vocabulary of the GCP mapping rows, and the row of a `google` / `google-beta` resource.

The renames-as-data vocabulary (`Rename`, `Block`, `Each`, `Const`) and the body readers are the
Terraform engine's shared ones (`aispm.iac.terraform.spec`); they are imported here, once, so every
GCP row module names them from one place. What is GCP's own: a row builds the **REST
representation** of the resource (camelCase, as the Cloud Asset Inventory keeps it in
`resource.data`), with `project`, `location` and `labels` at the top, and the asset's name is
the resource's short name (`name`, else its id attribute, else its display name).

Defaults: an attribute that is absent is left absent; the facts layer (`providers/gcp/facts/`)
applies the documented Google default and says so in the evidence.
"""

from __future__ import annotations

from typing import Any, Callable

from aispm.iac.terraform.mapping import Mapped, MappingRow
from aispm.model import Unknown

from aispm.iac.terraform.spec import (ABSENT, Block, Const, Each, Rename, apply, as_bool, block, blocks, conv,
                                      first_of, get, put_path)
from aispm.providers.gcp import catalog as cat

__all__ = ["ABSENT", "Block", "Const", "Each", "Rename", "apply", "as_bool", "block", "blocks", "conv", "first_of",
           "get", "put_path", "resource", "custom", "parent_uid", "U", "COMMON", "ENCRYPTION"]

U = Unknown

#: Every google resource in the REST shape carries these (when set).
COMMON = (Rename("project", "project"), Rename(("location", "region", "zone"), "location"),
          Rename("labels", "labels"))
#: Vertex AI `encryption_spec { kms_key_name }` → `encryptionSpec.kmsKeyName`.
ENCRYPTION = Block("encryption_spec", "encryptionSpec", (Rename("kms_key_name", "kmsKeyName"),))


def parent_uid(v: Any) -> str | None:
    """A reference to a declared resource (its uid), else None."""
    return v if isinstance(v, str) and v.startswith("terraform:") else None


def name_from(*attrs: str) -> Callable[[dict], Any]:
    """The asset's name: the first of `attrs` that is set, else `Unknown`."""
    def f(body: dict) -> Any:
        v = first_of(body, *attrs)
        return U(f"{' / '.join(attrs)} not set") if v is ABSENT else v

    return f


def resource(tf_type: str, cai_type: str, *fields: Any, parent: str | None = None,
             name: Callable[[dict], Any] | None = None, common: bool = True, **row: Any) -> MappingRow:
    """The row of a google type deploying `cai_type`: `project`/`location`/`labels`, then `fields`
    in order; `parent` names the attribute that holds the parent's id (a uid when declared)."""
    steps = (*COMMON, *fields) if common else fields
    naming = name or name_from("name", "display_name")

    def transform(body: dict) -> Mapped:
        props: dict[str, Any] = {}
        apply(steps, body, props)
        return Mapped(cai_type, naming(body), props, parent_uid(body.get(parent)) if parent else None)

    return MappingRow(tf_type, "gcp", cai_type, transform, cat.kind_of, **row)


def custom(tf_type: str, cai_type: str | None, transform: Callable[[dict], Mapped | None], **row: Any) -> MappingRow:
    """The row of a type mapped by one function (the body is not a set of renames)."""
    return MappingRow(tf_type, "gcp", cai_type, transform, cat.kind_of, **row)
