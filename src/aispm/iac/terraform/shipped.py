"""Terraform registry modules shipped with aispm: a module call resolved offline by address and version.

Without `terraform init` (or when its manifest does not list a call), a registry module is not on
disk, and everything it creates — an account, the private endpoint that makes it private — would be
missing. Providers ship the registry modules their users meet most (`Provider.terraform_modules`:
the Azure provider ships Azure Verified Modules, MIT, `NOTICE`), each in
`<namespace>/<name>/<provider>/` of a shipped folder, its version in that folder's `SOURCES.json`.
A call whose `source` is that registry address (`Azure/avm-res-cognitiveservices-account/azurerm`,
optionally `registry.terraform.io/`-prefixed, optionally with a `//subdir`) is read from the shipped
copy. Its `version` constraint is checked as Terraform reads one (`=`, `!=`, `>`, `>=`, `<`, `<=`,
`~>`, comma-separated): a shipped version outside it is still read, and the caller warns, naming
both, because a close version deploys more like the real one than nothing does.

What this module knows is the layout and the constraint language; which modules ship is the
providers' business. Everything shipped is read only under its shipped folder (real paths), and each
file is named in reports `<address>@<version>/<file>`, never by where the package is installed.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

_ADDRESS = re.compile(
    r"^(?:registry\.terraform\.io/)?([A-Za-z0-9][A-Za-z0-9_-]{0,63})/([A-Za-z0-9][A-Za-z0-9_-]{0,63})/"
    r"([a-z0-9]{1,64})(?://([A-Za-z0-9_./-]{1,200}))?$")
_CONSTRAINT = re.compile(r"^\s*(=|!=|>=|<=|>|<|~>)?\s*v?(\d+(?:\.\d+){0,2})(?:-[0-9A-Za-z.-]+)?\s*$")


@dataclass(frozen=True)
class ShippedModule:
    """A registry module call resolved to a shipped copy."""

    dir: str  # real path of the module's folder (its `//subdir` when the call names one)
    root: str  # real path of the module's shipped folder: reads are confined to it
    address: str  # `<namespace>/<name>/<provider>`
    version: str

    @property
    def label(self) -> str:
        """How reports name the module's files: `<address>@<version>`."""
        return f"{self.address}@{self.version}"


@lru_cache(maxsize=8)
def _index(roots: tuple[str, ...]) -> dict[str, tuple[str, str]]:
    """Lowercased address → (real module folder, version), across the shipped folders (read once)."""
    out: dict[str, tuple[str, str]] = {}
    for root in roots:
        try:
            doc = json.loads((Path(root) / "SOURCES.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        mods = doc.get("modules") if isinstance(doc, dict) else None
        for address, spec in (mods.items() if isinstance(mods, dict) else ()):
            if isinstance(spec, dict) and _ADDRESS.match(address) and isinstance(spec.get("version"), str):
                folder = os.path.realpath(os.path.join(root, *address.split("/")))
                if os.path.isdir(folder):
                    out.setdefault(address.lower(), (folder, spec["version"]))
    return out


def find(source: str, roots: Sequence[Path]) -> ShippedModule | None:
    """The shipped copy of the registry module a call's `source` names, if one ships."""
    m = _ADDRESS.match(source.strip())
    if m is None:
        return None
    namespace, name, provider, subdir = m.groups()
    address = f"{namespace}/{name}/{provider}"
    got = _index(tuple(os.path.realpath(r) for r in roots)).get(address.lower())
    if got is None:
        return None
    folder, version = got
    target = folder
    if subdir:
        target = os.path.realpath(os.path.join(folder, subdir))
        if not (target == folder or target.startswith(folder + os.sep)) or not os.path.isdir(target):
            return None
    return ShippedModule(target, folder, address, version)


def _numbers(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in text.split("."))


def satisfies(version: str, constraint: str) -> bool | None:
    """Whether `version` meets a Terraform version constraint; None when the constraint is not one
    this reads (it is then not held against the shipped copy)."""
    try:
        have = _numbers(version.lstrip("v").split("-")[0])
    except ValueError:
        return None
    for part in constraint.split(","):
        m = _CONSTRAINT.match(part)
        if m is None:
            return None
        op, want_text = m.group(1) or "=", m.group(2)
        try:
            want = _numbers(want_text)
        except ValueError:  # more digits than an int holds: not a version this reads
            return None
        padded = have + (0,) * (3 - len(have))
        target = want + (0,) * (3 - len(want))
        if op == "~>":
            upper = (*want[:-2], want[-2] + 1) if len(want) > 1 else (want[0] + 1,)
            upper = upper + (0,) * (3 - len(upper))
            ok = target <= padded < upper if len(want) > 1 else padded >= target
        else:
            ok = {"=": padded == target, "!=": padded != target, ">": padded > target, ">=": padded >= target,
                  "<": padded < target, "<=": padded <= target}[op]
        if not ok:
            return False
    return True
