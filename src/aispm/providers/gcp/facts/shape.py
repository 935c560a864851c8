"""Reading the REST shape of a GCP asset for facts: paths, presence, booleans, IAM members.

Every reader returns a fact value (`True`/`False`, or `None` when the input does not determine
it) together with the evidence (path, raw value, note), so the deriver writes each fact in one
line. Absent values take the documented Google default, which the caller passes and the note says.
"""

from __future__ import annotations

from typing import Any

from aispm.model import Asset, Unknown
from aispm.providers.gcp import catalog as cat
from aispm.providers.gcp.refs import ref_address

MISSING: Any = object()


def lookup(obj: Any, path: str) -> Any:
    """The value at dotted `path` (`gceSetup.bootDisk.diskEncryption`), MISSING if absent; an
    `Unknown` met on the way is returned (the rest of the path is then unknown too)."""
    cur = obj
    for step in path.split("."):
        if isinstance(cur, Unknown):
            return cur
        if not isinstance(cur, dict) or step not in cur or cur[step] is None:
            return MISSING
        cur = cur[step]
    return cur


def truthy(v: Any) -> bool | None:
    if isinstance(v, bool):
        return v
    if isinstance(v, str) and v.strip().lower() in ("true", "false"):
        return v.strip().lower() == "true"
    return None


def bool_fact(a: Asset, fact: str, path: str, default: bool | None, invert: bool = False,
              default_note: str | None = None) -> None:
    raw = lookup(a.properties, path)
    if raw is MISSING:
        a.set_fact(fact, default, path, None, default_note or f"{path} not set; Google default applies")
    elif isinstance(raw, Unknown):
        a.set_fact(fact, None, path, None, f"unknown: {raw.reason}")
    else:
        b = truthy(raw)
        if b is None:
            a.set_fact(fact, None, path, raw, "not a boolean")
        else:
            a.set_fact(fact, (not b) if invert else b, path, raw)


def presence_fact(a: Asset, fact: str, path: str, note_absent: str | None = None) -> None:
    """True when `path` holds a value (an unresolved reference counts: something is set)."""
    raw = lookup(a.properties, path)
    if isinstance(raw, Unknown):
        a.set_fact(fact, True, path, None, f"set from an unresolved value ({raw.reason})")
    elif raw is MISSING or raw in ("", [], {}):
        a.set_fact(fact, False, path, None, note_absent or f"{path} not set")
    else:
        a.set_fact(fact, True, path, raw)


def metadata_flag(a: Asset, fact: str, path: str, key: str, want: str, default: bool,
                  note: str) -> None:
    """A fact from one instance metadata key: True when the key equals `want` (case-insensitive)."""
    md = lookup(a.properties, path)
    if isinstance(md, Unknown):
        a.set_fact(fact, None, f"{path}.{key}", None, f"metadata unknown: {md.reason}")
        return
    v = md.get(key, MISSING) if isinstance(md, dict) else MISSING
    if v is MISSING or v is None:
        a.set_fact(fact, default, f"{path}.{key}", None, note)
    elif isinstance(v, Unknown):
        a.set_fact(fact, None, f"{path}.{key}", None, f"unknown: {v.reason}")
    else:
        a.set_fact(fact, str(v).strip().lower() == want, f"{path}.{key}", v)


def public_members(a: Asset, roles: frozenset[str] | None = None) -> tuple[bool | None, list[str], str | None]:
    """Whether the asset's IAM policy grants `allUsers` / `allAuthenticatedUsers` (any role, or
    one of `roles`): (answer, the public bindings as `role: member`, why unknown)."""
    policy = a.properties.get("iamPolicy")
    if policy is None:
        return False, [], None
    if isinstance(policy, Unknown):
        return None, [], policy.reason
    found: list[str] = []
    unknown: str | None = policy.get("unknown") if isinstance(policy, dict) else "policy is not an object"
    for b in policy.get("bindings", []) if isinstance(policy, dict) else ():
        role = b.get("role") if isinstance(b, dict) else None
        if isinstance(role, Unknown):
            unknown = unknown or role.reason
            continue
        if roles is not None and (not isinstance(role, str) or role.lower() not in roles):
            continue
        for m in b.get("members", []) if isinstance(b, dict) else ():
            if isinstance(m, str) and m.strip().lower() in cat.PUBLIC_MEMBERS:
                found.append(f"{role}: {m}")
            elif isinstance(m, Unknown) and ref_address(m) is None:
                unknown = unknown or m.reason  # a variable could be allUsers; an attribute of a resource is not
    if found:
        return True, found, None
    return (None, [], unknown) if unknown else (False, [], None)


def service_account_email(a: Asset) -> Any:
    """The email (or reference) of the service account a workload runs as, MISSING if none."""
    for path in ("gceSetup.serviceAccounts", "serviceAccounts"):
        v = lookup(a.properties, path)
        if isinstance(v, list) and v and isinstance(v[0], dict):
            return v[0].get("email", MISSING)
        if isinstance(v, Unknown):
            return v
    for path in ("serviceAccount", "serviceAccountEmail", "template.serviceAccount",
                 "spec.template.spec.serviceAccountName", "serviceConfig.serviceAccountEmail", "spec.serviceAccount"):
        v = lookup(a.properties, path)
        if v is not MISSING:
            return v
    return MISSING
