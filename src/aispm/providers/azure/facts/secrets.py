"""Secrets in settings: redacting literal ones, and naming the resources whose keys a setting holds.

App settings, connection strings, container secrets and environment variables are lists of
`{name, value}` in the ARM shape. A literal secret value is replaced in place by
`Unknown(catalog.LITERAL_SECRET)` and its entry flagged `hasLiteralSecret: true`, so that no
report prints it (Terraform's mapping already did so; ARM and Bicep sources keep literals as
written). A value `Unknown("key of <uid>")` is a key of another resource: its holder is named,
never its value. Shared by the compute facts (`compute.py`) and the app facts (`apps.py`).
"""

from __future__ import annotations

from typing import Any, Iterable

from aispm.providers.azure import catalog as cat
from aispm.providers.azure.catalog import LITERAL_SECRET
from aispm.providers.azure.facts.arm_shape import lookup
from aispm.model import Asset, Unknown

__all__ = ["LITERAL_SECRET", "conn_secret", "key_holder", "keys_in", "redact_settings", "redact_entry", "set_holds"]


def key_holder(value: Any) -> str | None:
    """`Unknown("key of <uid>")` → `<uid>`."""
    if isinstance(value, Unknown) and value.reason.startswith("key of "):
        return value.reason[len("key of "):]
    return None


def redact_entry(entry: dict, name: Any, value_key: str, force: bool = False) -> bool:
    """Redact `entry[value_key]` in place when it is a literal secret. Returns whether it holds one."""
    if entry.get("hasLiteralSecret") is True:
        return True
    value = entry.get(value_key)
    if isinstance(value, str) and value and (force or cat.literal_secret(name, value)):
        entry[value_key] = Unknown(LITERAL_SECRET)
        entry["hasLiteralSecret"] = True
        return True
    return False


_CONN_SECRET_WORDS = ("password=", "pwd=", "accountkey=", "sharedaccesskey=", "sharedaccesssignature=", "sig=",
                      "apikey=", "key=", "secret=")


def conn_secret(value: Any) -> bool:
    """Whether a literal connection string carries a credential (not `Authentication=Active Directory …`)."""
    return isinstance(value, str) and any(w in value.lower().replace(" ", "") for w in _CONN_SECRET_WORDS)


def redact_settings(settings: Any, value_key: str = "value", force: bool = False) -> list[str]:
    """Redact literal secrets in a `[{name, value}]` list; the names of those that held one."""
    names: list[str] = []
    if not isinstance(settings, list):
        return names
    for s in settings:
        if isinstance(s, dict):
            name = lookup(s, "name")
            if redact_entry(s, name, value_key, force):
                names.append(str(name))
    return names


def keys_in(settings: Any, value_key: str = "value") -> list[tuple[str, str]]:
    """(setting name, key holder uid) for every `{name, value: Unknown("key of …")}`."""
    out = []
    if isinstance(settings, list):
        for s in settings:
            if isinstance(s, dict):
                holder = key_holder(s.get(value_key))
                if holder:
                    out.append((str(s.get("name")), holder))
    return out


def set_holds(a: Asset, pairs: Iterable[tuple[str, str]], path: str) -> None:
    holders = sorted({h for _, h in pairs})
    a.set_fact("holds_key_for", holders, path, None,
               ("keys passed in: " + ", ".join(sorted({n for n, _ in pairs}))) if holders else "no key of another "
               "resource passed in")
