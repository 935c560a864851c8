"""Resolving what one GCP resource says about another: a uid, a name, an email, or the
`Unknown` of an attribute known only after apply (`google_service_account.sa.email`).

Terraform resolves `.id` to the declared resource's uid and a written attribute to its value;
an attribute only the API computes (a service account's `email`, `name`, `member`) stays an
`Unknown("<address>.<attr> is known after apply")`, whose address still names the resource.
`Index.resolve` turns any of these into the declared asset, preferring one declared in the same
Terraform root when an address or a name is declared more than once; an ambiguous or unmatched
reference resolves to None (nothing is guessed).

Every lookup is a dict lookup: each key (address, (type, name), email) keeps its candidates and
their split by root, built once per scan, so resolving costs the same with ten assets or ten
thousand; `Index.resolve_everywhere` answers for every `near` at once (a project binding's
member, for each resource of the project). A name given without a type is tried against the
types declaring it in sorted order (deterministic; every caller names its type).
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from aispm.model import Asset, Unknown
from aispm.providers.gcp import catalog as cat

_AFTER_APPLY = re.compile(r"^(?P<addr>.+?)\.(?P<attr>[a-z_]+) is (?:known after apply|read at plan time)$")
#: IAM member prefixes (`serviceAccount:x@p.iam.gserviceaccount.com`).
_MEMBER = re.compile(r"^(?:serviceAccount|user|group|domain|principal|principalSet|deleted:serviceAccount):")


def ref_address(v: Any) -> str | None:
    """The address an after-apply `Unknown` names (`google_service_account.sa`), else None."""
    if isinstance(v, Unknown):
        m = _AFTER_APPLY.match(v.reason)
        if m:
            return m.group("addr")
    return None


def member_email(member: Any) -> str | None:
    """`serviceAccount:x@p.iam.gserviceaccount.com` → the email; a bare email as it is."""
    if not isinstance(member, str):
        return None
    return _MEMBER.sub("", member.strip()).lower() or None


def _root(uid: str) -> str:
    # terraform:<file or root dir>:<address>
    parts = uid.split(":", 2)
    return parts[1] if len(parts) == 3 else ""


class _Named:
    """The assets one key names (an address, a (type, name), an email), all of them and by root,
    so that picking the one meant near a uid is two dict lookups, not a scan of the candidates."""

    __slots__ = ("all", "by_root")

    def __init__(self) -> None:
        self.all: list[Asset] = []
        self.by_root: dict[str, list[Asset]] = {}

    def add(self, a: Asset) -> None:
        self.all.append(a)
        self.by_root.setdefault(_root(a.uid), []).append(a)

    def pick(self, near: str | None) -> Asset | None:
        """The one candidate, else the one declared in `near`'s root, else None (ambiguous)."""
        if len(self.all) == 1:
            return self.all[0]
        if near is not None:
            same = self.by_root.get(_root(near))
            if same is not None and len(same) == 1:
                return same[0]
        return None

    def everywhere(self) -> tuple[Asset | None, dict[str, Asset]]:
        """What `pick` gives wherever it is asked: the one candidate (for any `near`), else, by
        root, the candidate of each root that declares exactly one (nothing for other roots)."""
        if len(self.all) == 1:
            return self.all[0], {}
        return None, {r: same[0] for r, same in self.by_root.items() if len(same) == 1}


class Index:
    """The declared GCP assets of a scan, by uid, address, (type, name), name and service-account
    email, each built once, so that a reference resolves in a few dict lookups however many
    assets the scan declares (a project-level binding is resolved once per member, not once per
    member and resource it reaches: `resolve_everywhere`)."""

    def __init__(self, assets: Iterable[Asset]) -> None:
        self.by_uid: dict[str, Asset] = {}
        self.by_address: dict[str, _Named] = {}
        self.by_name: dict[tuple[str, str], _Named] = {}
        #: name → the (lowercased) types declaring it, for a reference that names no type
        self.types_of_name: dict[str, list[str]] = {}
        self.by_email: dict[str, _Named] = {}
        for a in assets:
            self.by_uid[a.uid] = a
            self.by_address.setdefault(a.origin.address, _Named()).add(a)
            if isinstance(a.name, str):
                key = (a.type.lower(), a.name)
                if key not in self.by_name:
                    self.by_name[key] = _Named()
                    self.types_of_name.setdefault(a.name, []).append(key[0])
                self.by_name[key].add(a)
            email = a.properties.get("email") if a.type == cat.SERVICE_ACCOUNT else None
            if isinstance(email, str):
                self.by_email.setdefault(email.lower(), _Named()).add(a)

    def _named(self, v: Any, wanted: list[str]) -> tuple[Asset | None, list[_Named], bool]:
        """Where `v` is looked up: (an asset by uid, the candidate sets in order of preference,
        whether the candidates' type must still be checked against `wanted`)."""
        if isinstance(v, str):
            if v in self.by_uid:
                return self.by_uid[v], [], True
            email = member_email(v)
            if email and "@" in email:
                return None, [n for n in (self.by_email.get(email),) if n is not None], True
            # a name, or the last segment of a REST name (`projects/p/locations/l/endpoints/<name>`)
            short = v.rstrip("/").rsplit("/", 1)[-1]
            types = wanted or sorted(self.types_of_name.get(short, ()))
            return None, [n for t in types if (n := self.by_name.get((t, short))) is not None], False
        addr = ref_address(v)
        if addr is not None:
            return None, [n for n in (self.by_address.get(addr),) if n is not None], True
        return None, [], False

    def resolve(self, v: Any, types: Iterable[str] = (), near: str | None = None) -> Asset | None:
        """The declared asset `v` refers to (of one of `types`, when given), or None."""
        wanted = list(dict.fromkeys(t.lower() for t in types))

        def ok(a: Asset | None) -> Asset | None:
            return a if a is not None and (not wanted or a.type.lower() in wanted) else None

        exact, named, check = self._named(v, wanted)
        if exact is not None:
            return ok(exact)
        for n in named:
            hit = n.pick(near)
            if hit is not None:
                return ok(hit) if check else hit
        return None

    def resolve_everywhere(self, v: Any, types: Iterable[str] = ()) -> tuple[Asset | None, dict[str, Asset]]:
        """`resolve(v, types, near)` for every `near` at once, as (default, by_root):
        `resolve(v, types, near=u)` is `by_root.get(root_of(u), default)`. The cost is that of
        `v`'s candidates, not of the uids it is asked near (a project binding's resources)."""
        wanted = list(dict.fromkeys(t.lower() for t in types))
        exact, named, check = self._named(v, wanted)

        def ok(a: Asset | None) -> bool:
            return a is not None and (not check or not wanted or a.type.lower() in wanted)

        if exact is not None:
            return (exact if ok(exact) else None), {}
        default: Asset | None = None
        by_root: dict[str, Asset] = {}
        for n in named:  # in order of preference: the first set that resolves near a root wins there
            anywhere, per_root = n.everywhere()
            if anywhere is not None:  # resolves near every root the sets before it left unresolved
                default = anywhere
                break
            for r, a in per_root.items():
                by_root.setdefault(r, a)
        if default is not None and not ok(default):
            default = None
        return default, {r: a for r, a in by_root.items() if ok(a)}


def root_of(uid: str) -> str:
    """The Terraform root (file or root directory) a uid was declared in."""
    return _root(uid)
