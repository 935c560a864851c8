"""The vocabulary of the Azure mapping rows: attribute renames as data, functions only where needed.

Most of what an azurerm resource says is an ARM property under another name:
`public_network_access_enabled = false` is `properties.publicNetworkAccess: "Disabled"`. A row
lists such renames as data — `Rename(<attribute>, <ARM path>, <converter>)` — and groups them
by nested block (`Block`: the first block; `Each`: every block, as an ARM list). A row falls
back to a plain function (`body, props → None`) only where the mapping is not a rename: a
value assembled from several attributes, a secret that must be redacted, a list whose entries
are named differently depending on a flag.

Defaults (docs/design.md): when an attribute is absent and the azurerm default equals ARM's
own default, the ARM property is left absent (the facts layer applies ARM defaults). Where they
differ, the row writes the azurerm default explicitly with `default=` and a comment saying so.

Paths are dotted (`properties.networkAcls.defaultAction`); writing one creates the dicts on the
way, and an absent value writes nothing (so an ARM object appears only when something in it is
set). A step that already holds an `Unknown` (a dynamic block) is left alone.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any, Callable, Sequence

from aispm.model import Unknown
from aispm.iac.terraform.mapping import Mapped, MappingRow
from aispm.providers.azure import catalog as cat
from aispm.providers.azure.terraform.convert import ABSENT, U, block, blocks, first_of, identity, name_of, parent_uid

#: A mapping step that is not a rename: writes what it derives from the body into the output.
Custom = Callable[[dict, dict], None]


@dataclass(frozen=True)
class Rename:
    """Attribute `src` (or the first set of several names) → ARM path `dst`, through `conv`.

    `conv` sees any set value, `Unknown` included (the converters in `convert.py` pass an
    `Unknown` through); a converter that returns ABSENT writes nothing. `default` is written
    as is when the attribute is absent."""

    src: str | tuple[str, ...]
    dst: str
    conv: Callable[[Any], Any] | None = None
    default: Any = ABSENT

    def __call__(self, body: Any, out: dict) -> None:
        v = first_of(body, *self.src) if isinstance(self.src, tuple) else first_of(body, self.src)
        if v is ABSENT:
            put_path(out, self.dst, self.default)
        else:
            put_path(out, self.dst, v if self.conv is None else self.conv(v))


@dataclass(frozen=True)
class Const:
    """A value ARM has that Terraform implies (`computeType`, a web app's `kind`)."""

    dst: str
    value: Any

    def __call__(self, body: Any, out: dict) -> None:
        put_path(out, self.dst, copy.deepcopy(self.value))  # a copy: rows are shared by every resource


@dataclass(frozen=True)
class Block:
    """The first nested block `src` → the ARM object at `dst`, mapped by `fields` (paths relative
    to it). A block written more than once writes into the same object.

    `unknown`: what an `Unknown` block (a dynamic one) does — True keeps it at `dst`, False
    drops it, a path keeps it there (relative to the resource). `keep_empty`: a block with
    nothing mapped still writes an empty object."""

    src: str
    dst: str
    fields: Sequence[Any] = ()
    unknown: bool | str = True
    keep_empty: bool = True

    def __call__(self, body: Any, out: dict) -> None:
        _block(self, body, out)


@dataclass(frozen=True)
class Each:
    """Every nested block `src` → the ARM list at `dst`, each entry mapped by `fields` (or
    made by `item`). Nothing is written for no block, unless `keep_empty`.

    `dynamic`: an entry that is not a block (a dynamic block left unexpanded) — None maps it as
    an empty block, `"skip"` drops it, any other text becomes `Unknown(text)`."""

    src: str
    dst: str
    fields: Sequence[Any] = ()
    item: Callable[[Any], Any] | None = None
    unknown: bool = True
    dynamic: str | None = None
    keep_empty: bool = False

    def __call__(self, body: Any, out: dict) -> None:
        _each(self, body, out)


def put_path(out: dict, path: str, value: Any) -> None:
    """Write `value` at dotted `path` in `out`, creating the dicts on the way."""
    if value is ABSENT:
        return
    *steps, last = path.split(".")
    cur: Any = out
    for s in steps:
        nxt = cur.get(s)
        if nxt is None:
            nxt = cur[s] = {}
        elif not isinstance(nxt, dict):
            return  # an Unknown (or a value) already stands there: it is not refined
        cur = nxt
    cur[last] = value


def object_at(out: dict, path: str) -> dict | None:
    """The dict at dotted `path`, created if missing; None when something else stands there."""
    cur: Any = out
    for s in path.split("."):
        nxt = cur.get(s)
        if nxt is None:
            nxt = cur[s] = {}
        elif not isinstance(nxt, dict):
            return None
        cur = nxt
    return cur


def apply(fields: Sequence[Any], body: Any, out: dict) -> None:
    """Map `body` into `out` by `fields`, in order (a later field may refine an earlier one).
    Every field — a `Rename`, `Const`, `Block`, `Each` or a plain function — is a callable
    `(body, out) → None`."""
    for f in fields:
        f(body, out)


def _block(f: Block, body: Any, out: dict) -> None:
    blk = block(body, f.src)
    if blk is ABSENT:
        return
    if isinstance(blk, Unknown):
        if f.unknown is True:
            put_path(out, f.dst, blk)
        elif isinstance(f.unknown, str):
            put_path(out, f.unknown, blk)
        return
    if f.keep_empty:
        target = object_at(out, f.dst)
        if target is not None:
            apply(f.fields, blk, target)
        return
    sub: dict[str, Any] = {}
    apply(f.fields, blk, sub)
    if sub:
        target = object_at(out, f.dst)
        if target is not None:
            target.update(sub)


def _each(f: Each, body: Any, out: dict) -> None:
    bl = blocks(body, f.src)
    if isinstance(bl, Unknown):
        if f.unknown:
            put_path(out, f.dst, bl)
        return
    if not bl and not f.keep_empty:
        return
    items = []
    for b in bl:
        if not isinstance(b, dict) and f.dynamic is not None:
            if f.dynamic != "skip":
                items.append(U(f.dynamic))
            continue
        if f.item is not None:
            items.append(f.item(b))
        else:
            entry: dict[str, Any] = {}
            apply(f.fields, b, entry)
            items.append(entry)
    put_path(out, f.dst, items)


# --- rows --------------------------------------------------------------------------------

#: Every azurerm resource in the ARM shape carries these.
LOCATION_TAGS = (Rename("location", "location"), Rename("tags", "tags"))


def _put_identity(body: dict, out: dict) -> None:
    put_path(out, "identity", identity(body))


#: azurerm `identity { type, identity_ids }` → ARM `identity`.
IDENTITY: Custom = _put_identity


def resource(tf_type: str, arm_type: str, *fields: Any, common: bool = True, parent: str | None = None,
             name: Callable[[dict], Any] = name_of, **row: Any) -> MappingRow:
    """The row of an azurerm type deploying `arm_type`: `location`/`tags` (when `common`),
    an always-present `properties` object, then `fields` in order; `parent` names the attribute
    that holds the parent's id (a uid when the parent is declared)."""
    steps = (*LOCATION_TAGS, *fields) if common else fields

    def transform(body: dict) -> Mapped:
        props: dict[str, Any] = {"properties": {}}
        apply(steps, body, props)
        return Mapped(arm_type, name(body), _arm_order(props), parent_uid(body.get(parent)) if parent else None)

    return MappingRow(tf_type, "azure", arm_type, transform, cat.kind_of, **row)


def _arm_order(props: dict) -> dict:
    """Top-level keys as ARM writes a resource (and as reports have always shown them): the
    envelope (`location`, `tags`, `kind`, `sku`, `identity`, ...) first, then `properties`,
    then the hand-offs to the fold (`__...`)."""
    inner = props.pop("properties")
    hand_offs = {k: props.pop(k) for k in [k for k in props if k.startswith("__")]}
    props["properties"] = inner
    props.update(hand_offs)
    return props


def custom(tf_type: str, arm_type: str | None, transform: Callable[[dict], Mapped | None], **row: Any) -> MappingRow:
    """The row of a type mapped by one function (the body is not a set of renames)."""
    return MappingRow(tf_type, "azure", arm_type, transform, cat.kind_of, **row)


def name_or(reason: str) -> Callable[[dict], Any]:
    """The resource's `name`, or `Unknown(reason)` when it has none of its own."""
    def f(body: dict) -> Any:
        v = first_of(body, "name")
        return U(reason) if v is ABSENT else v

    return f
