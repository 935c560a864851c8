"""Literal values given to secure parameters: a secret written in a parameters file.

A `@secure()` Bicep parameter (`securestring` / `secureobject` in ARM) says "this is a
secret": Azure keeps it out of the deployment history and the portal. Given a literal in a
`.bicepparam` or a `*.parameters.json` file, the secret is in the repository all the same, as
readable as a key in code. Given a Key Vault `reference`, `getSecret()`, an azd `${VAR}` or a
pipeline token (`#{VAR}#`, `__VAR__`, `$(VAR)`), it is not: those are Unknown or placeholders
here, and no finding is made.

Each literal becomes a `secret` asset of the code provider (what AISPM-SE-001 judges, as for a
key found in code), named by the parameter and the file, with the value's redacted form and
SHA-256 only; the value the template receives becomes an Unknown, so no resource property,
report or attack path prints it.
"""

from __future__ import annotations

import json
import re
from typing import Any

from aispm.formats.secrets import fingerprint, redact
from aispm.model import Asset, Kind, Unknown
from aispm.source import declared_uid, make_origin

#: Tokens a pipeline replaces before deploying: not a secret written in the repository.
_PIPELINE_TOKEN = re.compile(r"^(?:#\{.*\}#|__\w+__|\$\(.*\)|<.*>|\{\{.*\}\})$", re.S)

SECURE_TYPES = frozenset({"securestring", "secureobject"})


def literal_secret_text(value: Any) -> str | None:
    """The text of a literal secure value (a non-empty string, or a non-empty object as JSON);
    None for an Unknown (a Key Vault reference, `getSecret()`), an empty value or a token."""
    if isinstance(value, str):
        v = value.strip()
        return v if v and not _PIPELINE_TOKEN.match(v) else None
    if isinstance(value, dict) and value:
        try:
            return json.dumps(value, sort_keys=True, default=str)
        except (TypeError, ValueError):
            return None
    return None


def secret_asset(fmt: str, rel_file: str, line: int | None, name: str, text: str) -> Asset:
    """The `secret` asset of the literal `text` given to the secure parameter `name` in `rel_file`."""
    address = f"parameter {name}:secret secure-parameter"
    location = f"secure parameter {name}"
    asset = Asset(
        uid=declared_uid(fmt, rel_file, address),
        provider="code",
        type="secret",
        name=f"literal value of {location}",
        origin=make_origin(fmt, rel_file, line or 1, address),
        properties={"detector": "secure-parameter", "redacted": redact(text), "sha256": fingerprint(text),
                    "location": location, "parameter": name},
        kind=Kind.SECRET,
    )
    asset.set_fact("hardcoded_secret", True, location, raw=redact(text),
                   note="a literal in a parameters file; value redacted")
    return asset


def redacted_value(name: str) -> Unknown:
    """What the template receives in place of a literal secure value."""
    return Unknown(f"secure parameter {name} (literal value, redacted)")


def line_of_key(text: str, name: str) -> int | None:
    """The line of `"name"` in a JSON text (computed only for a parameter that holds a secret)."""
    i = text.find(f'"{name}"')
    return None if i < 0 else text.count("\n", 0, i) + 1
