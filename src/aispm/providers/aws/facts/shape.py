"""Reading the CloudFormation shape: the helpers every AWS fact module shares.

Property names are PascalCase; a hand-written template or a Cloud Control answer may spell one
with another case, so a lookup falls back to a case-insensitive match. Booleans may arrive as
strings from parameters (`"true"`), a value may be `Unknown`, and a property may be absent —
then AWS's documented default applies and the evidence says so. A KMS key given by an AWS
managed alias (`alias/aws/s3`) is not a customer-managed key.
"""

from __future__ import annotations

from typing import Any

from aispm.model import Asset, Unknown

MISSING: Any = object()


def lookup(body: Any, path: str) -> Any:
    """Walk `A.B.C` through dicts. `MISSING` when a step is absent, the `Unknown` when one is unknown."""
    cur = body
    for part in path.split("."):
        if isinstance(cur, Unknown):
            return cur
        if not isinstance(cur, dict):
            return MISSING
        if part in cur:
            cur = cur[part]
            continue
        low = part.lower()
        for k, v in cur.items():
            if isinstance(k, str) and k.lower() == low:
                cur = v
                break
        else:
            return MISSING
    return cur


def absent(v: Any) -> bool:
    return v is MISSING or v is None or v == "" or v == [] or v == {}


def truthy(v: Any) -> bool | None:
    if isinstance(v, bool):
        return v
    if isinstance(v, str) and v.lower() in ("true", "false"):
        return v.lower() == "true"
    return None


def plain(v: Any) -> Any:
    """A raw value for evidence: None when absent or unknown."""
    return None if v is MISSING or isinstance(v, Unknown) else v


def as_list(v: Any) -> list:
    if isinstance(v, list):
        return v
    return [] if absent(v) or isinstance(v, Unknown) else [v]


def set_bool(a: Asset, fact: str, path: str, default: bool | None, note_default: str | None = None,
             invert: bool = False) -> None:
    """A boolean property as a fact; absent → AWS's `default` (said in the evidence)."""
    raw = lookup(a.properties, path)
    if raw is MISSING or raw is None:
        a.set_fact(fact, default, path, None,
                   note_default or (f"{path} not set; AWS default: {default}" if default is not None else f"{path} not set"))
    elif isinstance(raw, Unknown):
        a.set_fact(fact, None, path, None, f"unknown: {raw.reason}")
    else:
        b = truthy(raw)
        a.set_fact(fact, None if b is None else (not b if invert else b), path, raw,
                   "not a boolean" if b is None else None)


def set_word(a: Asset, fact: str, path: str, true_word: str, default: str) -> None:
    """A property that is one of two words (`Enabled` / `Disabled`) as a fact: true when it is
    `true_word`; absent → AWS's `default`."""
    raw = lookup(a.properties, path)
    if raw is MISSING or raw is None:
        a.set_fact(fact, default.lower() == true_word.lower(), path, None, f"{path} not set; AWS default: {default}")
    elif isinstance(raw, Unknown):
        a.set_fact(fact, None, path, None, f"unknown: {raw.reason}")
    elif isinstance(raw, str):
        a.set_fact(fact, raw.lower() == true_word.lower(), path, raw)
    else:
        a.set_fact(fact, None, path, raw, "not a string")


def aws_managed_key(v: Any) -> bool:
    """`alias/aws/<service>` (or its ARN): a key AWS manages for the service, not the customer."""
    return isinstance(v, str) and ("alias/aws/" in v)


def set_cmk(a: Asset, path: str, fact: str = "customer_managed_key") -> None:
    """`fact` from a KMS key property: set (to a key the customer manages) → true; absent → false
    (the service encrypts with an AWS owned key); a reference Terraform only knows after apply,
    or a parameter, → true (a key is configured), said in the evidence."""
    raw = lookup(a.properties, path)
    if absent(raw):
        a.set_fact(fact, False, path, None, f"{path} not set: an AWS owned or AWS managed key is used")
    elif isinstance(raw, Unknown):
        a.set_fact(fact, True, path, None, f"set from an unresolved value ({raw.reason})")
    elif aws_managed_key(raw):
        a.set_fact(fact, False, path, raw, "an AWS managed key (alias/aws/...), not a customer-managed one")
    else:
        a.set_fact(fact, True, path, raw)


def set_present(a: Asset, fact: str, path: str, what: str | None = None) -> None:
    """`fact` true when the property is set (an unresolved value counts as set)."""
    raw = lookup(a.properties, path)
    if absent(raw):
        a.set_fact(fact, False, path, None, f"{what or path} not set")
    elif isinstance(raw, Unknown):
        a.set_fact(fact, True, path, None, f"set from an unresolved value ({raw.reason})")
    else:
        a.set_fact(fact, True, path, raw if isinstance(raw, (str, int, bool)) else None)
