"""ARM template JSON with comments, and the first and last line of every object in it.

`parse_json(text)` parses with the C `json` parser (retrying with `//` and `/* */`
comments blanked out, which ARM allows) and returns a `Document` whose `line_of(obj)`
gives an object's lines. The n-th `{` outside strings is the n-th object in pre-order, so
one pass over the braces numbers every object. Duplicate keys break that correspondence
(the parser keeps one of the objects) and are detected by the object count, in which case
an exact, slower parse matches objects to braces in post-order. Deeply nested JSON raises
`RecursionError` from the parser; callers turn it into a scan error.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any


_STRING = re.compile(r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"')


_COMMENT_OR_STRING = re.compile(r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"|//[^\n]*|/\*.*?\*/', re.S)


_NOT_BRACE = re.compile(r"[^{}\n]+")


def _strip_comments(text: str) -> str:
    """Blank out `//` and `/* */` comments (ARM allows them), keeping line structure."""

    def repl(m: re.Match[str]) -> str:
        s = m.group(0)
        if s.startswith('"'):
            return s
        return re.sub(r"[^\n]", " ", s)

    return _COMMENT_OR_STRING.sub(repl, text)


def _brace_lines(text: str) -> tuple[list[int], list[int], list[int]]:
    """Line of each `{` outside strings in order, the line of its matching `}`, and
    for each `}` in order the index of its `{`."""
    stripped = _STRING.sub('""', text)  # JSON strings hold no raw newline: lines survive
    skeleton = _NOT_BRACE.sub("", stripped)  # only braces and newlines are left
    total = skeleton.count("{")
    opens: list[int] = [0] * total
    closes: list[int] = [0] * total
    close_order: list[int] = []  # for each `}` in order, the index of its `{`
    stack: list[int] = []
    push, pop, record = stack.append, stack.pop, close_order.append
    n = 0
    for lineno, line in enumerate(skeleton.split("\n"), 1):
        if not line:
            continue
        for ch in line:
            if ch == "{":
                push(n)
                opens[n] = lineno
                n += 1
            elif stack:
                i = pop()
                closes[i] = lineno
                record(i)
    return opens, closes, close_order


def _preorder_dicts(value: Any) -> list[dict]:
    out: list[dict] = []
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, dict):
            out.append(v)
            stack.extend(reversed(list(v.values())))
        elif isinstance(v, list):
            stack.extend(reversed(v))
    return out


@dataclass
class Document:
    value: Any
    lines: dict[int, tuple[int, int]]  # id(dict) -> (first line, last line)
    keep: list[Any] = field(default_factory=list)  # keeps objects alive so ids stay valid

    def line_of(self, obj: Any) -> tuple[int, int | None]:
        got = self.lines.get(id(obj))
        return (got[0], got[1]) if got else (1, None)


def parse_json(text: str) -> Document:
    """Parse JSON (comments allowed) and find the lines of every object.

    Raises `json.JSONDecodeError` for invalid JSON."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        stripped = _strip_comments(text)
        if stripped == text:
            raise
        try:
            value = json.loads(stripped)
        except json.JSONDecodeError:
            raise
        text = stripped
    if not isinstance(value, dict):
        return Document(value, {})
    opens, closes, close_order = _brace_lines(text)
    dicts = _preorder_dicts(value)
    if len(dicts) == len(opens):
        return Document(value, {id(d): (opens[i], closes[i]) for i, d in enumerate(dicts)})
    # Duplicate keys dropped some objects: match objects to braces in creation (post-)order.
    created: list[dict] = []

    def hook(pairs: list[tuple[str, Any]]) -> dict:
        d = dict(pairs)
        created.append(d)
        return d

    value = json.loads(text, object_pairs_hook=hook)
    lines = {}
    for n, d in enumerate(created):
        if n < len(close_order):
            i = close_order[n]
            lines[id(d)] = (opens[i], closes[i])
    return Document(value, lines, keep=created)
