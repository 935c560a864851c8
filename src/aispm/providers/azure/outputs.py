"""Deployment outputs that carry keys: the same asset from ARM, Bicep and Terraform.

An ARM or Bicep deployment's outputs are stored in the deployment history of the resource
group (or module deployment) in clear text, unless the output is `secureString` /
`secureObject` (Bicep `@secure()`): anyone with read access to the resource group — a plain
*Reader* — can list the deployments and read them. An output whose value comes from
`listKeys()` (Bicep `x.listKeys()`, `kv.getSecret()`; Terraform `x.primary_access_key`) is
therefore a leaked key, the same as one written in code. Terraform keeps every output in its
state, and prints those not marked `sensitive = true`.

Each source evaluates its outputs as it evaluates resource properties and hands the value to
`output_asset`, which keeps only outputs that carry a key (`Unknown("key of <uid>")` or
`Unknown("secret of <uid>")`) and shapes them as ARM does: `{"type": ..., "value": ...}`, with
Terraform's `sensitive = true` written as `secureString`. The facts layer derives
`output_secure` from the type; the Azure linker turns the key in `value` into
`(output, holds_key_for, account)`. A secure output keeps no value, so it holds nothing.
"""

from __future__ import annotations

from typing import Any, Iterator

from aispm.providers.azure.catalog import DEPLOYMENT_OUTPUT
from aispm.model import Asset, Kind, Unknown
from aispm.source import declared_uid, make_origin

#: The asset type of a deployment output (ARM keeps outputs under `Microsoft.Resources/deployments`).
OUTPUT_TYPE = DEPLOYMENT_OUTPUT
SECURE_TYPES = frozenset({"securestring", "secureobject"})
_KEY_PREFIXES = ("key of ", "secret of ")


def keys_in(value: Any) -> Iterator[str]:
    """The resources whose keys or secrets a value carries (uids, resource ids or addresses), in
    order. Iterative, and a list or object shared several times is visited once, so neither a
    deep value nor one that repeats a part many times costs more than its size as stored."""
    seen: set[int] = set()
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, Unknown):
            if v.reason.startswith(_KEY_PREFIXES):
                yield v.reason.split(" of ", 1)[1]
        elif isinstance(v, (dict, list, tuple)):
            if id(v) in seen:
                continue
            seen.add(id(v))
            items = list(v.values()) if isinstance(v, dict) else list(v)
            stack.extend(reversed(items))


def output_asset(fmt: str, rel: str, line: int, address: str, name: str, type_: Any, value: Any,
                 end_line: int | None = None, uid_file: str | None = None) -> Asset | None:
    """The asset of an output that carries a key, or None for any other output.

    `rel` is the file that declares the output; `uid_file` the file the source names uids after
    (the scanned root template or directory, when the output is reached through a module call)."""
    holders = list(dict.fromkeys(keys_in(value)))
    if not holders:
        return None
    secure = isinstance(type_, str) and type_.lower() in SECURE_TYPES
    props: dict[str, Any] = {"type": type_, "keysOf": holders}
    if not secure:
        props["value"] = value
    return Asset(
        uid=declared_uid(fmt, uid_file or rel, address),
        provider="azure",
        type=OUTPUT_TYPE,
        name=name,
        origin=make_origin(fmt, rel, line, address, end_line),
        properties=props,
        kind=Kind.OTHER if secure else Kind.SECRET,
    )
