"""The `secret` assets of the code provider: what the secret detector (`aispm.formats.secrets`) found,
as assets and `holds_key_for` relations.

Two shapes, for two kinds of finding. A secret found in a text (code, notebooks, prompt files,
config files) is named by its detector and redacted value, carries its line, the variable it is
assigned to and the service it opens, and gets the `secret_kind` fact (`secret_asset`,
`add_secrets`). A credential written in one field of a declaration (an MCP server's env or header,
an agent's tool settings) is named by where it was found and `holds_key_for` what declares it
(`config_secret_asset`). Neither keeps a secret's value: only its redacted form and SHA-256.

One text yields at most `MAX_SECRETS_PER_FILE` secret assets: a file of a million keys (a dump, or a
file made to flood the report) gives the first ones found and a warning naming the budget.
"""

from __future__ import annotations

from typing import Callable

from aispm.formats.secrets import LiteralSecret, SecretHit, find_secrets
from aispm.limits import BudgetExceeded
from aispm.model import Asset, Kind, Relation
from aispm.source import SourceResult, declared_uid, make_origin


def secret_asset(hit: SecretHit, fmt: str, rel: str, line: int | None = None, where: str | None = None,
                 taken: set[str] | None = None) -> tuple[Asset, Relation | None]:
    """The `secret` asset of a hit (and its `holds_key_for` relation when the service is known).

    `line` overrides the hit's line (notebooks map it), `where` prefixes the address (`cell 3, line 2`)."""
    line = hit.line if line is None else line
    address = f"{where or f'line {line}'}:secret {hit.detector}"
    uid = declared_uid(fmt, rel, address)
    if taken is not None:
        n = 2
        base = uid
        while uid in taken:
            uid = f"{base}#{n}"
            n += 1
        taken.add(uid)
    props: dict[str, object] = {"detector": hit.detector, "redacted": hit.redacted, "sha256": hit.sha256,
                                "line": line}
    if hit.service:
        props["service"] = hit.service
    if hit.azure_account_name:
        props["azure_account_name"] = hit.azure_account_name
    if hit.variable:
        props["variable"] = hit.variable
    asset = Asset(uid=uid, provider="code", type="secret", name=f"{hit.detector} {hit.redacted}",
                  origin=make_origin(fmt, rel, line, address), properties=props, kind=Kind.SECRET)
    asset.set_fact("secret_kind", hit.kind, path=f"{hit.detector}@line {line}", raw=hit.redacted,
                   note="value redacted; its SHA-256 is in properties.sha256")
    asset.set_fact("hardcoded_secret", True, path=f"{hit.detector}@line {line}", raw=hit.redacted)
    target = hit.azure_account_name or hit.service
    rel_ = Relation(uid, "holds_key_for", target, (("service", hit.service),)) if target else None
    return asset, rel_


#: Secret assets one text may yield (far above what a real file holds).
MAX_SECRETS_PER_FILE = 1000


def add_secrets(result: SourceResult, text: str, fmt: str, rel: str,
                line_map: Callable[[int], tuple[int, str | None]] | None = None,
                taken: set[str] | None = None) -> list[str]:
    """Find the secrets of a text and add their assets to `result`; returns their uids."""
    uids = []
    hits = find_secrets(text, limit=MAX_SECRETS_PER_FILE)
    if len(hits) >= MAX_SECRETS_PER_FILE:
        result.budget(rel, None, BudgetExceeded("secrets_per_file", MAX_SECRETS_PER_FILE,
                                                "secrets found in one file; the first ones found are reported"))
    for hit in hits:
        line, where = line_map(hit.line) if line_map else (hit.line, None)
        asset, relation = secret_asset(hit, fmt, rel, line, where, taken)
        result.assets.append(asset)
        if relation:
            result.relations.append(relation)
        uids.append(asset.uid)
    return uids


def config_secret_asset(fmt: str, rel: str, line: int, address: str, hit: LiteralSecret, location: str,
                        holder_uid: str) -> tuple[Asset, Relation]:
    """The `secret` asset of a credential written in one config field (an MCP server's `env` or header, an
    agent's instructions or tool settings), and its `holds_key_for` relation to what declares it."""
    uid = declared_uid(fmt, rel, address)
    asset = Asset(
        uid=uid,
        provider="code",
        type="secret",
        name=f"{hit.kind} in {location}",
        origin=make_origin(fmt, rel, line, address),
        properties={"detector": hit.kind, "redacted": hit.redacted, "sha256": hit.sha256, "location": location},
        kind=Kind.SECRET,
    )
    asset.set_fact("hardcoded_secret", True, location, raw=hit.redacted)
    return asset, Relation(uid, "holds_key_for", holder_uid)
