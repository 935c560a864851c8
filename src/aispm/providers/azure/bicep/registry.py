"""Bicep registry modules (`br:` / `br/<alias>:`): where the module a reference names can be read offline.

Everything a registry module deploys (an account, the private endpoint that makes it private)
is missing from a scan that skips it, so aispm resolves a reference the way Bicep does, without
going online, in this order:

1. **The local module cache** that `bicep restore` / `bicep build` fill: the compiled ARM
   template `<cache>/br/<registry>/<repository with / as $>/<tag>$<case mask>/main.json` (a
   digest reference: `<sha256#hex>`), as Bicep's `OciArtifactRegistry` lays it out. The cache
   root is `AISPM_BICEP_CACHE`, else `~/.bicep` (Bicep's default). It is outside the scanned
   tree, so it is read confined: only under the cache root, symlinks resolved (`confine.py`),
   and only names made of the characters a registry, repository and tag may hold.
2. **The Azure Verified Modules aispm ships** (`providers/azure/avm/bicep/`, MIT, `NOTICE`):
   `br:mcr.microsoft.com/bicep/avm/<path>:<version>` is the shipped `avm/<path>/main.bicep`.
   Its version is the one `SOURCES.json` records; another version asked for is resolved to it
   with a warning naming both.

`br/public:` is Bicep's built-in alias for `br:mcr.microsoft.com/bicep/`; other aliases come
from `moduleAliases.br` of the nearest `bicepconfig.json` (read like any scanned file). A
`bicepconfig.json` cannot move the cache (`cacheRootDirectory`): a scanned repository must
not choose what is read outside it. Template specs (`ts:`) live in Azure and are never resolved.
Whatever is not resolved is a warning naming the reference, never silence.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from aispm.confine import inside

#: Where the shipped Azure Verified Modules are (their licence and `SOURCES.json` beside them).
SHIPPED = Path(__file__).resolve().parent.parent / "avm" / "bicep"
#: The environment variable naming the Bicep module cache (else `~/.bicep`, as Bicep).
CACHE_ENV = "AISPM_BICEP_CACHE"
PUBLIC_REGISTRY = "mcr.microsoft.com"
#: Bicep's built-in aliases (`bicepconfig.json` may add more or override them).
BUILTIN_ALIASES = {"public": {"registry": PUBLIC_REGISTRY, "modulePath": "bicep"}}

_REGISTRY = re.compile(r"^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?$")
_REPOSITORY = re.compile(r"^[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)*$")
_TAG = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")
_DIGEST = re.compile(r"^sha256:[0-9a-f]{64}$")
_ALIAS = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


@dataclass(frozen=True)
class ModuleRef:
    """An OCI module reference, its alias expanded."""

    text: str  # as written (`br/public:avm/res/x:1.0.0`)
    registry: str
    repository: str
    tag: str | None
    digest: str | None

    @property
    def version(self) -> str:
        return self.tag or self.digest or ""


@dataclass(frozen=True)
class Resolved:
    """Where a reference resolves: the file to read, the root reads are confined to, and how."""

    file: Path
    root: Path
    kind: str  # "cache" (compiled ARM JSON) | "shipped" (Bicep source)
    shown: str  # the module as errors name it (its files: `<shown>/main.bicep`)
    warning: str | None = None  # e.g. the shipped version differs from the one asked for


def parse_reference(text: str, aliases: dict) -> ModuleRef | str:
    """The reference a `br:` / `br/<alias>:` module path names, or why it names none."""
    if text.startswith("br:"):
        body = text[3:]
        registry, _, rest = body.partition("/")
    elif text.startswith("br/"):
        alias, sep, rest = text[3:].partition(":")
        got = aliases.get(alias) if sep and _ALIAS.match(alias) else None
        if not isinstance(got, dict) or not isinstance(got.get("registry"), str):
            return f"module alias br/{alias[:64]} is not defined (bicepconfig.json moduleAliases.br)"
        registry = got["registry"]
        path = got.get("modulePath")
        rest = f"{path.strip('/')}/{rest}" if isinstance(path, str) and path.strip("/") else rest
    else:
        return "template specs (ts:) live in Azure and are not read"
    if "@" in rest:
        repository, _, digest = rest.partition("@")
        tag = None
        if not _DIGEST.match(digest):
            return "not a valid module reference (digest)"
    else:
        repository, _, tag = rest.rpartition(":")
        digest = None
        if not _TAG.match(tag):
            return "not a valid module reference (tag)"
    registry = registry.lower()
    if not _REGISTRY.match(registry) or not _REPOSITORY.match(repository):
        return "not a valid module reference"
    return ModuleRef(text, registry, repository, tag, digest)


def encode_tag(tag: str) -> str:
    """A tag as Bicep's cache names its folder: the tag, `$`, and the hex mask of its upper-case
    letters (so that `v1` and `V1` stay apart on case-insensitive file systems)."""
    mask = 0
    for i, ch in enumerate(tag):
        if ch.isupper():
            mask |= 1 << i
    if not mask:
        return tag + "$"
    low, high = mask & ((1 << 64) - 1), mask >> 64
    return tag + "$" + (f"{high:x}{low:016x}" if high else f"{low:x}")


def cache_root() -> Path:
    """The Bicep module cache: `AISPM_BICEP_CACHE`, else `~/.bicep`."""
    env = os.environ.get(CACHE_ENV)
    return Path(env).expanduser() if env else Path.home() / ".bicep"


def cache_file(ref: ModuleRef, root: Path) -> Path:
    """Where `bicep restore` puts the compiled template of `ref` under cache `root`."""
    registry = ref.registry.replace(":", "$")
    repository = ref.repository.replace("/", "$")
    version = encode_tag(ref.tag) if ref.tag is not None else (ref.digest or "").replace(":", "#")
    return root / "br" / registry / repository / version / "main.json"


def in_cache(ref: ModuleRef, root: Path) -> Resolved | None:
    """The cached compiled template of `ref`, if there is one whose real path stays under `root`."""
    file = cache_file(ref, root)
    try:
        real_root = os.path.realpath(root)
        if not file.is_file() or not inside(os.path.realpath(file), (real_root,)):
            return None
    except OSError:
        return None
    return Resolved(file, Path(real_root), "cache", f"{ref.text} (Bicep module cache)")


@lru_cache(maxsize=1)
def shipped_versions() -> dict[str, str]:
    """Module path (`avm/res/x/y`) → the version aispm ships (read once per process)."""
    try:
        doc = json.loads((SHIPPED / "SOURCES.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    mods = doc.get("modules") if isinstance(doc, dict) else None
    return {k: str(v.get("version")) for k, v in mods.items() if isinstance(v, dict)} if isinstance(mods, dict) else {}


def in_shipped(ref: ModuleRef) -> Resolved | None:
    """The shipped Bicep source of a public Azure Verified Module, if aispm ships it."""
    if ref.registry != PUBLIC_REGISTRY or not ref.repository.startswith("bicep/avm/"):
        return None
    module = ref.repository[len("bicep/"):]
    have = shipped_versions().get(module)
    file = SHIPPED / module / "main.bicep"
    if have is None or not file.is_file():
        return None
    warning = None
    if ref.version != have:
        warning = (f"registry module {ref.text} resolved to the copy aispm ships, version {have} "
                   f"(not {ref.version[:80]}): run `bicep restore` to read the version asked for")
    return Resolved(file, SHIPPED, "shipped", f"{ref.text} (shipped {module}@{have})", warning)


def resolve(ref: ModuleRef, root: Path | None = None, *, source: bool = False) -> Resolved | None:
    """Where `ref` can be read offline: the Bicep module cache first, then the shipped modules
    (only the shipped Bicep source when `source`: what an `import` reads is not in compiled JSON)."""
    if source:
        return in_shipped(ref)
    return in_cache(ref, root if root is not None else cache_root()) or in_shipped(ref)


def unresolved_warning(where: str, text: str, reason: str | None = None) -> str:
    """The warning for a registry module aispm could not read: what is missing, and how to fix it."""
    why = reason or (f"not in the Bicep module cache ({cache_root()}; run `bicep restore`, or set "
                     f"{CACHE_ENV}) and not one of the modules aispm ships")
    return f"{where}: registry module {text[:300]} not resolved ({why}); what it deploys is missing from the scan"


def aliases_from_config(doc: Any) -> dict:
    """`moduleAliases.br` of a parsed `bicepconfig.json`, over Bicep's built-in aliases."""
    out = dict(BUILTIN_ALIASES)
    mod = doc.get("moduleAliases") if isinstance(doc, dict) else None
    br = mod.get("br") if isinstance(mod, dict) else None
    if isinstance(br, dict):
        for name, spec in br.items():
            if isinstance(name, str) and isinstance(spec, dict):
                out[name] = spec
    return out
