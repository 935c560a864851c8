"""The one way aispm reads YAML: composed from the parser's event stream with budgets, then built.

YAML can hurt a reader three ways. Deep nesting (`[[[[…`, or a block mapping indented two
thousand times) crashes the C loader's recursive composer (a segmentation fault, which no `try`
catches) and makes any recursive walker of the result raise `RecursionError`. Aliases (`&a` …
`*a`) let a few hundred bytes stand for a billion elements ("billion laughs"): nothing is copied
when a document is composed, but every walk of it expands them. And a recursive alias (`&a [*a]`)
makes a structure that never ends.

So no YAML text reaches a composer or a constructor directly. `compose_all` reads the parser's
events (libyaml's when PyYAML has it, else the pure-Python parser: both keep their own stack, so
nothing recurses) and builds the nodes itself, iteratively, refusing, before any further node is
built:

- a document nested deeper than `Limits.depth` — counting what an alias stands for where it is
  used, so that anchors cannot stack depth up (`TooDeep`, with its line);
- more than `Limits.yaml_aliases` aliases, or aliases that expand to more than
  `Limits.collection_size` elements in all (`OverBudget`, which names the budget) — unless the
  caller says it never expands them (`expand=False`: a reader that builds shared values and only
  picks scalars out of them, where a billion laughs costs what its text costs);
- an alias to a node that is not finished yet (a recursive structure), or to no anchor.

The nodes are PyYAML's own (`ScalarNode`, `SequenceNode`, `MappingNode`, with line marks), so
callers read them as they read `yaml.compose`'s, and tags are resolved by PyYAML's resolver.
`load_all` / `load_one` then build Python values with the safe constructor (no tag that builds an
object; timestamps stay strings; a sexagesimal number longer than a clock reading stays a string,
since building it costs quadratic time). Every failure is a `DocError(line, message)` whose message
quotes no more than a short token of the text.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from aispm.formats.depth import TooDeep, recursion_room
from aispm.formats.located import DocError
from aispm.formats.text import clip
from aispm.limits import DEFAULT, BudgetExceeded, Limits

#: libyaml's parser when PyYAML was built with it (fast), else the pure-Python one.
_PARSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class OverBudget(DocError):
    """A YAML document over a budget other than depth (`budget`: the `BudgetExceeded`)."""

    def __init__(self, budget: BudgetExceeded, line: int | None) -> None:
        super().__init__(line, budget.reason())
        self.budget = budget


def _line(mark: Any) -> int | None:
    return mark.line + 1 if mark is not None else None


def yaml_doc_error(exc: yaml.YAMLError) -> DocError:
    """A PyYAML error as a `DocError`: its line and what went wrong, without the snippet of the
    text the pure-Python parser adds."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    parts = [str(p) for p in (getattr(exc, "context", None), getattr(exc, "problem", None)) if p]
    text = " ".join(parts) if parts else (str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
    if len(text) > 160:
        text = text[:160] + "…"
    return DocError(_line(mark), f"invalid YAML: {text}")


class _Open:
    """A collection being composed: its node, the elements and height it holds so far, its anchor,
    and (for a mapping) the key waiting for its value."""

    __slots__ = ("node", "size", "height", "anchor", "key")

    def __init__(self, node: Node, anchor: str | None) -> None:
        self.node, self.anchor = node, anchor
        self.size, self.height, self.key = 1, 0, None


def compose_all(text: str, limits: Limits = DEFAULT, expand: bool = True) -> list[Node | None]:
    """The root node of each document of a YAML text, composed within the budgets (see the module
    docstring); raise `DocError` (`TooDeep`, `OverBudget`, or invalid YAML). `expand=False`: the
    caller never expands aliases, so what they would expand to is not bounded."""
    parser = _PARSER(text)
    try:
        return _compose(parser, limits, expand)
    except yaml.YAMLError as exc:
        raise yaml_doc_error(exc) from None
    finally:
        parser.dispose()


def _compose(parser: Any, limits: Limits, expand: bool = True) -> list[Node | None]:
    resolve = parser.resolve
    get_event, check_event = parser.get_event, parser.check_event
    max_depth, max_aliases = limits.depth, limits.yaml_aliases
    max_extra = limits.collection_size if expand else None
    docs: list[Node | None] = []
    stack: list[_Open] = []
    anchors: dict[str, tuple[Node, int, int]] = {}  # anchor → (node, elements, height)
    open_anchors: set[str] = set()
    root: Node | None = None
    aliases = extra = 0
    while check_event():
        ev = get_event()
        kind = type(ev)
        if kind is ScalarEvent:
            tag = ev.tag if ev.tag is not None and ev.tag != "!" else resolve(ScalarNode, ev.value, ev.implicit)
            node: Node = ScalarNode(tag, ev.value, ev.start_mark, ev.end_mark, style=ev.style)
            size, height = 1, 0
            if ev.anchor is not None:
                _anchor(anchors, ev, node, 1, 0)
        elif kind is SequenceStartEvent or kind is MappingStartEvent:
            if len(stack) >= max_depth:
                raise TooDeep(max_depth, _line(ev.start_mark))
            cls = SequenceNode if kind is SequenceStartEvent else MappingNode
            tag = ev.tag if ev.tag is not None and ev.tag != "!" else resolve(cls, None, ev.implicit)
            node = cls(tag, [], ev.start_mark, None, flow_style=ev.flow_style)
            if ev.anchor is not None:
                if ev.anchor in anchors or ev.anchor in open_anchors:
                    _duplicate(ev)
                open_anchors.add(ev.anchor)
            stack.append(_Open(node, ev.anchor))
            continue
        elif kind is SequenceEndEvent or kind is MappingEndEvent:
            done = stack.pop()
            node, size, height = done.node, done.size, done.height + 1
            node.end_mark = ev.end_mark
            if done.anchor is not None:
                open_anchors.discard(done.anchor)
                anchors[done.anchor] = (node, size, height)
        elif kind is AliasEvent:
            target = anchors.get(ev.anchor)
            if target is None:
                if ev.anchor in open_anchors:
                    raise DocError(_line(ev.start_mark), f"invalid YAML: alias {clip(ev.anchor)} refers to a node "
                                                         "that contains it (a structure without end)")
                raise DocError(_line(ev.start_mark), f"invalid YAML: found undefined alias {clip(ev.anchor)}")
            node, size, height = target
            aliases += 1
            if aliases > max_aliases:
                raise OverBudget(BudgetExceeded("yaml_aliases", max_aliases, "YAML aliases"), _line(ev.start_mark))
            extra += size
            if max_extra is not None and extra > max_extra:
                raise OverBudget(BudgetExceeded("collection_size", max_extra, "elements the YAML aliases expand to"),
                                 _line(ev.start_mark))
            if len(stack) + height > max_depth:
                raise TooDeep(max_depth, _line(ev.start_mark))
        elif kind is DocumentStartEvent:
            root = None
            continue
        elif kind is DocumentEndEvent:
            docs.append(root)
            root = None
            anchors.clear()
            continue
        else:  # stream start and end
            continue
        if stack:
            top = stack[-1]
            top.size += size
            if height > top.height:
                top.height = height
            parent = top.node
            if type(parent) is SequenceNode:
                parent.value.append(node)
            elif top.key is None:
                top.key = node
            else:
                parent.value.append((top.key, node))
                top.key = None
        else:
            root = node
    return docs


def _anchor(anchors: dict[str, tuple[Node, int, int]], ev: Any, node: Node, size: int, height: int) -> None:
    if ev.anchor in anchors:
        _duplicate(ev)
    anchors[ev.anchor] = (node, size, height)


def _duplicate(ev: Any) -> None:
    raise DocError(_line(ev.start_mark), f"invalid YAML: found duplicate anchor {clip(ev.anchor)}")


def compose_one(text: str, limits: Limits = DEFAULT, expand: bool = True) -> Node | None:
    """The root node of a single-document YAML text (None when it is empty), as `yaml.compose`
    gives it, within the budgets; raise `DocError`."""
    docs = compose_all(text, limits, expand)
    if len(docs) > 1:
        raise DocError(None, "invalid YAML: expected a single document in the stream, found more")
    return docs[0] if docs else None


class SafeData(yaml.SafeLoader):
    """The constructor `load_all` builds values with: PyYAML's safe one (no tag that builds an
    object), timestamps kept as strings, long sexagesimal numbers kept as strings."""


def _int(loader: SafeData, node: ScalarNode) -> Any:
    if ":" in node.value and len(node.value) > 32:
        return node.value
    return yaml.SafeLoader.construct_yaml_int(loader, node)


def _float(loader: SafeData, node: ScalarNode) -> Any:
    if ":" in node.value and len(node.value) > 32:
        return node.value
    return yaml.SafeLoader.construct_yaml_float(loader, node)


def keep_numbers_bounded(cls: type) -> None:
    """Register the bounded int / float / timestamp constructors on a `yaml.SafeLoader` subclass."""
    cls.add_constructor("tag:yaml.org,2002:int", _int)
    cls.add_constructor("tag:yaml.org,2002:float", _float)
    cls.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)


keep_numbers_bounded(SafeData)


def construct(nodes: list[Node | None], loader_class: type = SafeData, limits: Limits = DEFAULT) -> list[Any]:
    """Python values of composed nodes (nested at most `limits.depth` deep, as `compose_all` makes
    them), built by `loader_class` (a `yaml.SafeLoader` subclass); raise `DocError`."""
    loader = loader_class("")
    try:
        with recursion_room(limits.depth):
            return [loader.construct_document(n) if n is not None else None for n in nodes]
    except yaml.YAMLError as exc:
        raise yaml_doc_error(exc) from None
    except ValueError:  # an integer of more than 4,300 digits
        raise DocError(None, "invalid YAML: a number too long to read") from None
    except RecursionError:  # only with `Limits.depth` raised past what Python's stack holds
        raise DocError(None, "nested too deep to read") from None
    finally:
        loader.dispose()


def load_all(text: str, limits: Limits = DEFAULT, loader_class: type = SafeData, expand: bool = True) -> list[Any]:
    """Every document of a YAML text as Python values (`yaml.safe_load_all`, within the budgets).
    An alias is one shared value, never a copy (`expand` as in `compose_all`)."""
    return construct(compose_all(text, limits, expand), loader_class, limits)


def load_one(text: str, limits: Limits = DEFAULT, loader_class: type = SafeData, expand: bool = True) -> Any:
    """A single-document YAML text as Python values (`yaml.safe_load`, within the budgets)."""
    return construct([compose_one(text, limits, expand)], loader_class, limits)[0]
