"""What a provider hands the Terraform engine: one `MappingRow` per Terraform resource type.

The engine (`aispm.iac.terraform`) parses and evaluates HCL and knows no cloud. A row says
which cloud type a Terraform type deploys and how its evaluated body (attributes as values,
nested blocks as lists of dicts, `Unknown` where unresolved) becomes that cloud's shape.
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
    tf_type: str
    provider: str  # the `provider` of the asset it becomes
    cloud_type: str
    transform: Callable[[dict], Mapped]
    #: BOM kind of the asset, from its cloud type and properties.
    kind: Callable[[str, dict], Any] | None = None
