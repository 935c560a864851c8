"""YAML read with the line of every key and item, for agent definitions, Copilot Studio topics and
CloudFormation templates.

`parse_yaml` returns every document of a text, mappings as `LDict` and sequences as `LList` (see
`aispm.formats.located`), built by a `SafeLoader` subclass: no tags beyond YAML's own, no Python
objects. Timestamps stay strings, since these files are not calendars and a date-shaped name must
not become a `datetime`. Errors are `DocError(line, message)`. The text is composed by
`aispm.formats.yaml_safe` first, within the scan's budgets (depth, aliases and what they expand to).
Dependency files do not use this reader: they need scalars kept as written (`1.10`), which the
composed nodes give them cheaper.

Local tags (`!Ref x`, `!GetAtt [a, b]`, `!Sub |`): by default a tag YAML does not define is an
error, as in any safe loader. With `tags=True` each node under a local tag (one that starts with a
single `!`) is built as a `Tagged(tag, value, line)` — the value built as if untagged — so that a
format that gives its own tags a meaning (CloudFormation's short-form intrinsics) decides what
they mean, and says where one it does not know is. Tags that name a Python object
(`!!python/object`) stay errors either way. `dates=True` builds YAML timestamps as `datetime`
values, for a reader that must tell a date from a string (azd wants strings where users write them).
"""

from __future__ import annotations

from typing import Any

import yaml

from aispm.formats.located import LDict, LList
from aispm.formats.yaml_safe import compose_all, construct, keep_numbers_bounded
from aispm.limits import DEFAULT, Limits


class Tagged:
    """A node written under a local tag: the tag as written (`!Ref`), the value as if it were
    untagged (a string, an `LList` or an `LDict`), and the 1-based line of the node."""

    __slots__ = ("tag", "value", "line")

    def __init__(self, tag: str, value: Any, line: int) -> None:
        self.tag, self.value, self.line = tag, value, line

    def __repr__(self) -> str:
        return f"Tagged({self.tag!r}, {self.value!r}, line={self.line})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Tagged) and (self.tag, self.value) == (other.tag, other.value)

    __hash__ = None  # type: ignore[assignment]  # holds lists and dicts


class _LineLoader(yaml.SafeLoader):
    pass




def _construct_map(loader: _LineLoader, node: yaml.MappingNode) -> LDict:
    loader.flatten_mapping(node)
    d = LDict()
    d.line = node.start_mark.line + 1
    for knode, vnode in node.value:
        key = loader.construct_object(knode, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "unhashable mapping key", knode.start_mark
            ) from None
        d[key] = loader.construct_object(vnode, deep=True)
        d.key_lines[key] = knode.start_mark.line + 1
    return d


def _construct_seq(loader: _LineLoader, node: yaml.SequenceNode) -> LList:
    a = LList(loader.construct_object(n, deep=True) for n in node.value)
    a.line = node.start_mark.line + 1
    a.item_lines = [n.start_mark.line + 1 for n in node.value]
    return a


def _construct_tagged(loader: _LineLoader, suffix: str, node: yaml.Node) -> Tagged:
    # `!!x` is `tag:yaml.org,2002:x` after composing, so what reaches here under `!` is local
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        value: Any = _construct_map(loader, node)
    elif isinstance(node, yaml.SequenceNode):
        value = _construct_seq(loader, node)
    else:
        value = loader.construct_scalar(node)
    return Tagged("!" + suffix, value, line)


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)
# timestamps stay strings (agent files are not calendars); numbers stay cheap to build
keep_numbers_bounded(_LineLoader)


def _variant(tags: bool, dates: bool) -> type:
    cls = type(f"_LineLoader{'Tagged' if tags else ''}{'Dated' if dates else ''}", (_LineLoader,), {})
    if tags:
        cls.add_multi_constructor("!", _construct_tagged)
    if dates:
        cls.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_timestamp)
    return cls


_LOADERS = {(t, d): _variant(t, d) if t or d else _LineLoader for t in (False, True) for d in (False, True)}


def parse_yaml(text: str, limits: Limits = DEFAULT, tags: bool = False, dates: bool = False) -> list[Any]:
    """All documents of a YAML text, mappings as `LDict`; raise `DocError(line, message)` (also for
    a text over the budgets of `limits`: `aispm.formats.yaml_safe`). `tags=True`: nodes under a
    local tag are `Tagged` (see the module docstring) instead of an error; `dates=True`: timestamps
    are `datetime.date` / `datetime.datetime`, not strings."""
    return construct(compose_all(text, limits), _LOADERS[(tags, dates)], limits)
