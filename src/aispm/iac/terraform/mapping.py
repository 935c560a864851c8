"""What a provider hands the Terraform engine: one `MappingRow` per Terraform resource type.

The engine (`aispm.iac.terraform`) parses and evaluates HCL and knows no cloud: every
Terraform type it emits, and what each becomes, is read from the rows each provider registers
(`aispm.registry.terraform_rows()`). A row says which provider owns the type, which cloud
type it deploys, and how its evaluated body (attributes as values, nested blocks as lists of
dicts, `Unknown` where unresolved) becomes that cloud's shape. A type no row names is still
evaluated (other resources may reference it) but emits no asset.

Resources that Terraform declares on their own but the cloud keeps on another resource (a
customer-managed key, a firewall rule, an update of a resource declared elsewhere) are rows
like any other: their transform returns a pseudo type (`<cloud type>#<part>`) that the
provider's fold (`Provider.folds`) merges into its target before facts are derived. The
engine never folds.

A `TerraformProvider` record (in the same list as the rows) says which provider a Terraform
provider's types belong to (`azurerm` and `azapi` are Azure's) and carries that provider's
hooks for things that are not resources, such as an `output` that returns a key.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable


@dataclass
class Mapped:
    """A Terraform resource in its cloud's shape: type, name, properties, parent uid."""

    cloud_type: str
    name: Any
    properties: dict
    parent: str | None = None
    api_version: str | None = None


@dataclass(frozen=True)
class MappingRow:
    """How one Terraform resource type becomes an asset."""

    tf_type: str
    provider: str  # the `provider` of the asset it becomes
    #: The cloud type it deploys (what a `data` source of the type refers to); None when the
    #: transform decides it from the body (`azapi_resource`'s `type`).
    cloud_type: str | None
    #: Evaluated body → cloud shape; None when the body deploys nothing the scan models.
    transform: Callable[[dict], Mapped | None]
    #: BOM kind of the asset, from its cloud type and properties.
    kind: Callable[[str, dict], Any] | None = None
    #: `data "<tf_type>"` blocks become `existing` assets (reference targets, no properties).
    data_source: bool = True
    #: Attributes whose `jsonencode(...)` value is kept as the object it encodes (a body in
    #: the cloud's own JSON shape is mapped as an object, not as a string).
    raw_json: frozenset[str] = frozenset()
    #: Attributes that name the principal of the resource's own identity (a user-assigned
    #: identity's `principal_id`): a reference to one resolves to `"<uid>#identity"`.
    identity_attrs: frozenset[str] = frozenset()
    #: A data source the provider computes offline from its own arguments (an IAM policy document
    #: built from `statement` blocks): its evaluated body → its attributes. A reference to an
    #: attribute it gives reads that value instead of "read at plan time".
    data_attrs: Callable[[dict], dict] | None = None
    #: `data "<tf_type>"` blocks are computed from the configuration and local files (an archive
    #: of a code folder), not read from a cloud: they are transformed like resources.
    local_data: bool = False


@dataclass(frozen=True)
class KeyOutput:
    """A Terraform `output` whose value carries a key of a declared resource
    (`Unknown("key of <uid>")`), as the engine hands it to a provider's hook."""

    format: str
    file: str  # the file that declares the output
    line: int
    end_line: int | None
    address: str  # `output.<name>`, prefixed `module.<name>.` in a module
    name: str
    #: `secureString` (`sensitive = true`), `string`, or an `Unknown` when `sensitive` is.
    type: Any
    value: Any
    uid_file: str  # the file (or root directory) uids are named after


@dataclass(frozen=True)
class TerraformProvider:
    """A Terraform provider (`azurerm`, `azapi`, `aws`, `google`) and the aispm provider its
    resource types belong to. Listed among a provider's rows; `tf_type` is the Terraform
    provider's local name, the first word of its resource types."""

    tf_type: str
    provider: str
    #: The asset of an output that carries a key of one of its resources, or None.
    key_output: Callable[[KeyOutput], Any] | None = None


def terraform_provider_of(tf_type: str) -> str:
    """The local name of the Terraform provider of a resource type: `azurerm_storage_account` → `azurerm`."""
    return tf_type.split("_", 1)[0]
