"""YAML read with the line of every key and item, for agent definitions and Copilot Studio topics.

`parse_yaml` returns every document of a text, mappings as `LDict` and sequences as `LList` (see
`aispm.formats.located`), built by a `SafeLoader` subclass: no tags beyond YAML's own, no Python
objects. Timestamps stay strings, since these files are not calendars and a date-shaped name must
not become a `datetime`. Errors are `DocError(line, message)`. Dependency files do not use this
reader: they need scalars kept as written (`1.10`), which the composer gives them cheaper.
"""

from __future__ import annotations

from typing import Any

import yaml

from aispm.formats.located import DocError, LDict, LList


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
# timestamps stay strings: agent files are not calendars
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)


def parse_yaml(text: str) -> list[Any]:
    """All documents of a YAML text, mappings as `LDict`; raise `DocError(line, message)`."""
    try:
        return [d for d in yaml.load_all(text, Loader=_LineLoader)]  # noqa: S506 - SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        return_msg = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        raise DocError(line, f"invalid YAML: {return_msg or exc}") from None
    except yaml.YAMLError as exc:
        raise DocError(None, f"invalid YAML: {exc}") from None
    except RecursionError:
        raise DocError(None, "invalid YAML: nesting too deep") from None
