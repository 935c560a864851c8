"""Reading an evaluated azurerm body, and the value converters the mapping rows name.

An evaluated Terraform body is a dict: attributes as values, nested blocks as lists of dicts
(or a dict, when written as an attribute `x = { ... }`), `Unknown` where the evaluator could not
resolve a value (a `dynamic` block it could not expand is an `Unknown` list). `null` counts as
absent, as Terraform treats it. The readers (`get`, `block`, ...) and generic
converters (`as_bool`, `switch`, `negated`, `mapped`) are shared by every provider and live in
`aispm.iac.terraform.spec`; they never raise: `ABSENT` marks what is not set, and a converter
that meets a value it does not expect returns an `Unknown` naming it.

Converters are the few shapes in which an azurerm attribute differs from its ARM property
beyond its name: a bool that ARM spells `"Enabled"`/`"Disabled"` (`enabled`), a switch ARM
names the other way round (`negated`), a comma-separated or list value that ARM keeps as
`[{value: ...}]` (`ip_rules`).
"""

from __future__ import annotations

from typing import Any, Callable

# The body readers and generic converters are shared by every provider's rows; they are
# re-exported here so Azure rows keep naming them from one place.
from aispm.iac.terraform.spec import (  # noqa: F401 - re-exported
    ABSENT,
    U,
    as_bool,
    block,
    blocks,
    conv,
    first_of,
    get,
    mapped,
    negated,
    put,
    switch,
)
from aispm.model import Unknown
from aispm.providers.azure import catalog as cat
from aispm.providers.azure.catalog import LITERAL_SECRET

# --- reading a body (Azure's additions) ------------------------------------------------


def name_of(body: Any) -> Any:
    v = get(body, "name")
    return U("name not set") if v is ABSENT else v


def parent_uid(v: Any) -> str | None:
    """A reference to a declared resource (its uid), else None (an id of something not scanned)."""
    return v if isinstance(v, str) and v.startswith("terraform:") else None


# --- converters ------------------------------------------------------------------------


#: A bool switch → ARM's `"Enabled"` / `"Disabled"`.
enabled = switch("Enabled", "Disabled")


def ip_rules(key: str = "value", extra: dict | None = None) -> Callable[[Any], Any]:
    """A list (or comma-separated string) of addresses → ARM's `[{<key>: address, **extra}]`."""
    def f(x: Any) -> Any:
        if isinstance(x, str):
            x = [s.strip() for s in x.split(",") if s.strip()]
        return [x2 if isinstance(x2, Unknown) else {key: x2, **(extra or {})} for x2 in x]

    return lambda v: conv(v, f)


def ids(extra: dict | None = None) -> Callable[[Any], Any]:
    """A list of resource ids → ARM's `[{id: ..., **extra}]`."""
    return lambda v: conv(v, lambda x: [{"id": i, **(extra or {})} for i in x])


# --- shapes several resources share ----------------------------------------------------


def identity(body: dict) -> Any:
    """azurerm `identity { type, identity_ids }` → ARM identity."""
    blk = block(body, "identity")
    if blk is ABSENT or isinstance(blk, Unknown):
        return blk
    out: dict[str, Any] = {}
    t = get(blk, "type")
    put(out, "type", conv(t, lambda x: ",".join(p.strip() for p in x.split(","))))
    ids_ = get(blk, "identity_ids")
    if ids_ is not ABSENT:
        if isinstance(ids_, Unknown):
            out["userAssignedIdentities"] = ids_
        else:
            bad = next((i for i in ids_ if not isinstance(i, str)), None)
            out["userAssignedIdentities"] = bad if isinstance(bad, Unknown) else (
                U("identity id") if bad is not None else {i: {} for i in ids_}
            )
    return out


def split_key_url(url: Any) -> dict:
    """https://<vault>.vault.azure.net/keys/<name>[/<version>] → keyVaultUri, keyName, keyVersion."""
    if isinstance(url, str) and url.startswith("https://") and "/keys/" in url:
        base, _, rest = url.partition("/keys/")
        parts = rest.strip("/").split("/")
        out = {"keyVaultUri": base + "/", "keyName": parts[0]}
        if len(parts) > 1 and parts[1]:
            out["keyVersion"] = parts[1]
        return out
    return {"keyVaultUri": U("key vault uri"), "keyName": U("key name"), "keyId": url}


def cognitive_encryption(key_id: Any, client_id: Any = ABSENT) -> dict:
    """An AI Services account's customer-managed key, as ARM keeps it in `properties.encryption`."""
    kvp: dict[str, Any] = {}
    if key_id is ABSENT:
        kvp["keyName"] = U("key_vault_key_id not set")
    elif isinstance(key_id, Unknown):
        kvp["keyName"] = key_id
    else:
        kvp.update(split_key_url(key_id))
    put(kvp, "identityClientId", client_id)
    return {"keySource": "Microsoft.KeyVault", "keyVaultProperties": kvp}


def key_of(value: Any) -> str | None:
    """The holder named by `Unknown("key of <uid>")` (a `listKeys()` / `primary_access_key`), else None."""
    if isinstance(value, Unknown) and value.reason.startswith("key of "):
        return value.reason[len("key of "):]
    return None


def setting(name: Any, value: Any) -> dict:
    """One `{name, value}` app setting / environment variable. A literal secret value
    (by its name or by a secret detector) is replaced by `Unknown(LITERAL_SECRET)` and
    flagged `hasLiteralSecret: true`; keys of declared resources stay as their Unknown."""
    if cat.literal_secret(name, value):
        return {"name": name, "value": U(LITERAL_SECRET), "hasLiteralSecret": True}
    return {"name": name, "value": value}


def parent_name(props: dict, body: dict, attr: str) -> None:
    """Children that name their parent (`network_security_group_name`, `virtual_network_name`,
    `api_management_name`) keep that name under `__parentName`, a hand-off to the fold
    (`aispm.providers.azure.fold`), which resolves it to a parent uid and removes it."""
    v = get(body, attr)
    if isinstance(v, str):
        props["__parentName"] = v
