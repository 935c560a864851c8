"""The vocabulary of mapping rows, shared by every provider: reading an evaluated body, and
attribute renames as data.

An evaluated Terraform body is a dict: attributes as values, nested blocks as lists of dicts
(or a dict, when written as an attribute `x = { ... }`), `Unknown` where the evaluator could not
resolve a value (a `dynamic` block it could not expand is an `Unknown` list). `null` counts as
absent, as Terraform treats it. The readers here never raise: `ABSENT` marks what is not set,
and a converter that meets a value it does not expect returns an `Unknown` naming it (a fact is
then unknown, never wrong).

Most of what a Terraform resource says is a property of its cloud's shape under another name. A
provider's row lists such renames as data — `Rename(<attribute>, <path>, <converter>)` — and
groups them by nested block (`Block`: the first block; `Each`: every block, as a list). A row
falls back to a plain function (`body, out → None`) only where the mapping is not a rename.
Paths are dotted (`properties.networkAcls.defaultAction`); writing one creates the dicts on the
way, and an absent value writes nothing (so an object appears only when something in it is
set). A step that already holds an `Unknown` (a dynamic block) is left alone.

Nothing here knows a cloud: each provider builds its own row constructors on it
(`providers/azure/terraform/spec.py`, `providers/aws/terraform/spec.py`, ...).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any, Callable, Sequence

from aispm.model import Unknown

U = Unknown
#: An attribute or block that is not set (or is `null`).
ABSENT: Any = object()

#: A mapping step that is not a rename: writes what it derives from the body into the output.
Custom = Callable[[dict, dict], None]


# --- reading a body --------------------------------------------------------------------


def get(body: Any, key: str) -> Any:
    """Attribute `key` or ABSENT (null counts as absent: Terraform treats it so)."""
    if isinstance(body, dict):
        v = body.get(key, ABSENT)
        return ABSENT if v is None else v
    return ABSENT


def first_of(body: Any, *keys: str) -> Any:
    """The first of several attributes that is set (a renamed attribute and its old name)."""
    for k in keys:
        v = get(body, k)
        if v is not ABSENT:
            return v
    return ABSENT


def block(body: Any, key: str) -> Any:
    """First nested block `key` as a dict, Unknown (dynamic), or ABSENT."""
    v = body.get(key, ABSENT) if isinstance(body, dict) else ABSENT
    if v is ABSENT or v is None:
        return ABSENT
    if isinstance(v, Unknown):
        return v
    if isinstance(v, list):
        if not v:
            return ABSENT
        first = v[0]
        return first if isinstance(first, (dict, Unknown)) else ABSENT
    if isinstance(v, dict):  # written as an attribute `x = { ... }`
        return v
    return ABSENT


def blocks(body: Any, key: str) -> Any:
    """Every nested block `key`: a list (maybe empty) or an Unknown (a dynamic block)."""
    v = body.get(key, ABSENT) if isinstance(body, dict) else ABSENT
    if v is ABSENT or v is None:
        return []
    if isinstance(v, Unknown):
        return v
    if isinstance(v, dict):
        return [v]
    if isinstance(v, list):
        return v
    return U(f"{key} is not a block")


def put(d: dict, key: str, v: Any) -> None:
    if v is not ABSENT:
        d[key] = v


# --- converters ------------------------------------------------------------------------


def conv(v: Any, fn: Callable[[Any], Any]) -> Any:
    """`fn(v)` for a known value; ABSENT and Unknown pass through; an unexpected value is Unknown."""
    if v is ABSENT or isinstance(v, Unknown):
        return v
    try:
        return fn(v)
    except (TypeError, ValueError, KeyError, AttributeError):
        return U(f"unexpected value {v!r}")


def to_bool(v: Any) -> Any:
    """A Terraform bool (`true`, or `"true"` from a variable) as a bool; raises otherwise."""
    if isinstance(v, bool):
        return v
    if v in ("true", "false"):
        return v == "true"
    raise ValueError(v)


def as_bool(v: Any) -> Any:
    """A Terraform bool (`true`, or `"true"` from a variable) as a bool."""
    return conv(v, to_bool)


def switch(on: Any, off: Any) -> Callable[[Any], Any]:
    """A bool → the words the cloud uses for it (`"Enabled"` / `"Disabled"`)."""
    return lambda v: conv(v, lambda x: on if to_bool(x) else off)


def negated(v: Any) -> Any:
    """A switch the cloud names the other way round (`local_auth_enabled` → `disableLocalAuth`)."""
    return conv(v, lambda x: not to_bool(x))


def mapped(table: dict[str, Any]) -> Callable[[Any], Any]:
    """A Terraform enum → the cloud's spelling of it."""
    return lambda v: conv(v, lambda x: table[x])


# --- the vocabulary ----------------------------------------------------------------------


@dataclass(frozen=True)
class Rename:
    """Attribute `src` (or the first set of several names) → path `dst`, through `conv`.

    `conv` sees any set value, `Unknown` included (the converters pass an `Unknown` through);
    a converter that returns ABSENT writes nothing. `default` is written as is when the
    attribute is absent."""

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
    """A value the cloud has that Terraform implies (`computeType`, a web app's `kind`)."""

    dst: str
    value: Any

    def __call__(self, body: Any, out: dict) -> None:
        put_path(out, self.dst, copy.deepcopy(self.value))  # a copy: rows are shared by every resource


@dataclass(frozen=True)
class Block:
    """The first nested block `src` → the object at `dst`, mapped by `fields` (paths relative
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
    """Every nested block `src` → the list at `dst`, each entry mapped by `fields` (or made by
    `item`). Nothing is written for no block, unless `keep_empty`.

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
