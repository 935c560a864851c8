"""App setting and environment variable **names** of live apps, their values discarded on arrival.

The only ARM API that lists an App Service / Functions app's settings,
`POST <site>/config/appsettings/list`, answers their values, and Resource Graph answers a container
app's environment variables with theirs. A posture scan needs the names (an `OPENAI_API_KEY`
setting says a provider key sits in the app's plain settings) and one bit of each value: whether it
is a Key Vault reference (`@Microsoft.KeyVault(...)`) or a container app `secretRef`, which keep the
secret out of the settings. So each answer goes through `names_only` / `scrub_row` the moment it is
parsed, before it is kept, recorded in a snapshot or handed to a transform: a value becomes

- `KEY_VAULT_REFERENCE` when it is a Key Vault reference (the reference itself is not kept either:
  it names the vault and secret, not what an app setting *is*);
- `""` when it is empty (an empty setting holds nothing);
- `NOT_KEPT` otherwise.

The placeholders keep the ARM shape the Azure facts read (`Microsoft.Web/sites/config` named
`appsettings` with `properties: {name: value}`; `env: [{name, value | secretRef}]`), so the facts
decide `has_literal_secret` from the names exactly as they do for a template that writes a literal
under a secret's name (`catalog.literal_secret`: an `OPENAI_API_KEY` with a plain value is one; a
Key Vault reference or a `secretRef` is not). What a name does not say is lost with the value: a
key pasted under an innocent name (`SETTING_1 = sk-...`) is not seen.
"""

from __future__ import annotations

from typing import Any

#: What a plain (non-empty, non-reference) value becomes.
NOT_KEPT = "(value not kept)"
#: What a Key Vault reference becomes: still a reference for the facts, no longer the reference.
KEY_VAULT_REFERENCE = "@Microsoft.KeyVault(value not kept)"
#: Resource Graph types whose rows carry environment variable values.
CONTAINER_TYPES = frozenset(("microsoft.app/containerapps", "microsoft.app/jobs"))


def placeholder(value: Any) -> Any:
    """What a setting's value may be kept as (module doc)."""
    if value is None or value == "":
        return value
    if isinstance(value, str) and value.lstrip().startswith("@Microsoft.KeyVault("):
        return KEY_VAULT_REFERENCE
    return NOT_KEPT


def names_only(answer: Any) -> Any:
    """A `config/appsettings/list` answer (`{id, name, type, properties: {name: value}}`) with every
    value replaced by its placeholder; anything that is not that shape is returned as `{}`."""
    if not isinstance(answer, dict):
        return {}
    props = answer.get("properties")
    out = {k: answer[k] for k in ("id", "name", "type", "location", "kind") if k in answer}
    out["properties"] = {str(k): placeholder(v) for k, v in props.items()} if isinstance(props, dict) else {}
    return out


def _scrub_env(containers: Any) -> None:
    for c in containers if isinstance(containers, list) else ():
        env = c.get("env") if isinstance(c, dict) else None
        for e in env if isinstance(env, list) else ():
            if isinstance(e, dict) and "value" in e:
                e["value"] = placeholder(e["value"])


def scrub_row(row: Any) -> Any:
    """A Resource Graph row with its container apps' and jobs' environment variable values replaced
    (in place; a `secretRef` is kept: it names a secret, it is not one). Other rows are unchanged."""
    if isinstance(row, dict) and str(row.get("type", "")).lower() in CONTAINER_TYPES:
        template = (row.get("properties") or {}).get("template") if isinstance(row.get("properties"), dict) else None
        if isinstance(template, dict):
            _scrub_env(template.get("containers"))
            _scrub_env(template.get("initContainers"))
    return row
