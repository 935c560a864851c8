"""The vocabulary of the Azure mapping rows: attribute renames as data, functions only where needed.

Most of what an azurerm resource says is an ARM property under another name:
`public_network_access_enabled = false` is `properties.publicNetworkAccess: "Disabled"`. A row
lists such renames as data — `Rename(<attribute>, <ARM path>, <converter>)` — and groups them
by nested block (`Block`: the first block; `Each`: every block, as an ARM list). A row falls
back to a plain function (`body, props → None`) only where the mapping is not a rename: a
value assembled from several attributes, a secret that must be redacted, a list whose entries
are named differently depending on a flag.

Defaults (docs/design.md): when an attribute is absent and the azurerm default equals ARM's
own default, the ARM property is left absent (the facts layer applies ARM defaults). Where they
differ, the row writes the azurerm default explicitly with `default=` and a comment saying so.

The vocabulary itself (`Rename`, `Const`, `Block`, `Each`, paths) is shared by every provider
and lives in `aispm.iac.terraform.spec`; this module adds what is Azure's: `location`/`tags`,
`identity`, and the row constructors that build the ARM envelope.
"""

from __future__ import annotations

from typing import Any, Callable

from aispm.iac.terraform.mapping import Mapped, MappingRow
# The vocabulary is shared by every provider's rows (`aispm.iac.terraform.spec`); re-exported
# here so Azure rows keep importing it from one place.
from aispm.iac.terraform.spec import (  # noqa: F401 - re-exported
    Block,
    Const,
    Custom,
    Each,
    Rename,
    apply,
    object_at,
    put_path,
)
from aispm.providers.azure import catalog as cat
from aispm.providers.azure.terraform.convert import ABSENT, U, first_of, identity, name_of, parent_uid

# --- rows --------------------------------------------------------------------------------

#: Every azurerm resource in the ARM shape carries these.
LOCATION_TAGS = (Rename("location", "location"), Rename("tags", "tags"))


def _put_identity(body: dict, out: dict) -> None:
    put_path(out, "identity", identity(body))


#: azurerm `identity { type, identity_ids }` → ARM `identity`.
IDENTITY: Custom = _put_identity


def resource(tf_type: str, arm_type: str, *fields: Any, common: bool = True, parent: str | None = None,
             name: Callable[[dict], Any] = name_of, **row: Any) -> MappingRow:
    """The row of an azurerm type deploying `arm_type`: `location`/`tags` (when `common`),
    an always-present `properties` object, then `fields` in order; `parent` names the attribute
    that holds the parent's id (a uid when the parent is declared)."""
    steps = (*LOCATION_TAGS, *fields) if common else fields

    def transform(body: dict) -> Mapped:
        props: dict[str, Any] = {"properties": {}}
        apply(steps, body, props)
        return Mapped(arm_type, name(body), _arm_order(props), parent_uid(body.get(parent)) if parent else None)

    return MappingRow(tf_type, "azure", arm_type, transform, cat.kind_of, **row)


def _arm_order(props: dict) -> dict:
    """Top-level keys as ARM writes a resource (and as reports have always shown them): the
    envelope (`location`, `tags`, `kind`, `sku`, `identity`, ...) first, then `properties`,
    then the hand-offs to the fold (`__...`)."""
    inner = props.pop("properties")
    hand_offs = {k: props.pop(k) for k in [k for k in props if k.startswith("__")]}
    props["properties"] = inner
    props.update(hand_offs)
    return props


def custom(tf_type: str, arm_type: str | None, transform: Callable[[dict], Mapped | None], **row: Any) -> MappingRow:
    """The row of a type mapped by one function (the body is not a set of renames)."""
    return MappingRow(tf_type, "azure", arm_type, transform, cat.kind_of, **row)


def name_or(reason: str) -> Callable[[dict], Any]:
    """The resource's `name`, or `Unknown(reason)` when it has none of its own."""
    def f(body: dict) -> Any:
        v = first_of(body, "name")
        return U(reason) if v is ABSENT else v

    return f
