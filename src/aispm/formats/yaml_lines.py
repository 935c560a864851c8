"""YAML read with the line of every key and item, for agent definitions and Copilot Studio topics.

`parse_yaml` returns every document of a text, mappings as `LDict` and sequences as `LList` (see
`aispm.formats.located`), built by a `SafeLoader` subclass: no tags beyond YAML's own, no Python
objects. Timestamps stay strings, since these files are not calendars and a date-shaped name must
not become a `datetime`. Errors are `DocError(line, message)`. The text is composed by
`aispm.formats.yaml_safe` first, within the scan's budgets (depth, aliases and what they expand to).
Dependency files do not use this reader: they need scalars kept as written (`1.10`), which the
composed nodes give them cheaper.
"""

from __future__ import annotations

from typing import Any

import yaml

from aispm.formats.located import LDict, LList
from aispm.formats.yaml_safe import compose_all, construct, keep_numbers_bounded
from aispm.limits import DEFAULT, Limits


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


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)
# timestamps stay strings (agent files are not calendars); numbers stay cheap to build
keep_numbers_bounded(_LineLoader)


def parse_yaml(text: str, limits: Limits = DEFAULT) -> list[Any]:
    """All documents of a YAML text, mappings as `LDict`; raise `DocError(line, message)` (also for
    a text over the budgets of `limits`: `aispm.formats.yaml_safe`)."""
    return construct(compose_all(text, limits), _LineLoader, limits)
