"""Mapping rows: the `azapi` provider, whose bodies are ARM already; and Azure's Terraform providers.

`azapi_resource` declares any ARM type with its body in the ARM shape (`type = "T@api"`,
`body = { properties = ... }`), so its row copies the body rather than renaming attributes; a
`body` written as `jsonencode({...})` is read as the object it encodes (`raw_json`).
`azapi_update_resource` changes a resource declared elsewhere: it is emitted under the pseudo
type `<type>#update` with the target in the `__updates` hand-off, and
`aispm.providers.azure.fold` merges it into its target when the scan declares it (else it
stays an asset of its own type, so the settings it makes are still judged).

The `TerraformProvider` records say that `azurerm` and `azapi` types are Azure's, and shape a
Terraform `output` that returns a key of one of them like an ARM / Bicep deployment output
(`aispm.providers.azure.outputs`).
"""

from __future__ import annotations

import json
from typing import Any

from aispm.iac.terraform.mapping import KeyOutput, Mapped, TerraformProvider
from aispm.model import Asset, Unknown
from aispm.providers.azure import catalog as cat
from aispm.providers.azure.terraform.convert import ABSENT, U, get, identity, name_of, parent_uid
from aispm.providers.azure.terraform.spec import LOCATION_TAGS, apply, custom


def map_azapi(body: dict) -> Mapped | None:
    """`azapi_resource`: the body is already ARM-shaped."""
    t = get(body, "type")
    if not isinstance(t, str):
        return None
    arm_type, _, api = t.partition("@")
    props: dict[str, Any] = {}
    apply(LOCATION_TAGS, body, props)
    if api:
        props["apiVersion"] = api
    b = get(body, "body")
    if isinstance(b, str):
        try:
            b = json.loads(b)
        except ValueError:
            b = U("body is not JSON")
    if isinstance(b, dict):
        for k, v in b.items():
            if k not in ("type", "name"):
                props[k] = v
    elif isinstance(b, Unknown):
        props["properties"] = b
    ident = identity(body)
    if ident is not ABSENT:
        props["identity"] = ident
    return Mapped(cat.canonical_type(arm_type), name_of(body), props, parent_uid(body.get("parent_id")), api or None)


def _update(body: dict) -> Mapped | None:
    """An update of the resource `resource_id` names (a declared one: its uid)."""
    m = map_azapi(body)
    if m is None:
        return None
    rid = body.get("resource_id")
    if isinstance(rid, str) and rid:
        m.properties[cat.UPDATES_KEY] = rid
    m.cloud_type += cat.UPDATE_SUFFIX
    return m


def _key_output(o: KeyOutput) -> Asset | None:
    from aispm.providers.azure.outputs import output_asset

    return output_asset(o.format, o.file, o.line, o.address, o.name, o.type, o.value, o.end_line, o.uid_file)


_BODY = frozenset({"body"})

ROWS: list[Any] = [
    custom("azapi_resource", None, map_azapi, data_source=False, raw_json=_BODY),
    custom("azapi_update_resource", None, _update, data_source=False, raw_json=_BODY),
    TerraformProvider("azurerm", "azure", _key_output),
    TerraformProvider("azapi", "azure", _key_output),
]
