"""ARM template JSON with comments, and the first and last line of every object in it.

`parse_json(text)` parses with the C `json` parser (retrying with `//` and `/* */`
comments blanked out, which ARM allows) and returns a `Document` whose `line_of(obj)`
gives an object's lines. The n-th `{` outside strings is the n-th object in pre-order, so
one pass over the braces numbers every object. Duplicate keys break that correspondence
(the parser keeps one of the objects) and are detected by the object count, in which case
an exact, slower parse matches objects to braces in post-order.

Hostile input: the nesting of `[` and `{` outside strings is counted before the parser
sees the text, and a document nested deeper than `max_depth` (`Limits.depth`) raises
`TooDeep` (with the line where it goes too deep) instead of reaching the parser's
recursion. Comments are blanked in one linear pass (an unclosed `/*` closes nothing after it).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from aispm.limits import DEFAULT


STRING = re.compile(r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"')


_COMMENT_START = re.compile(r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"|//[^\n]*|/\*')


_NOT_BRACE = re.compile(r"[^{}\n]+")


_NOT_BRACKET = re.compile(r"[^{}\[\]\n]+")


_NOT_NEWLINE = re.compile(r"[^\n]")


class TooDeep(ValueError):
    """A document nested deeper than the budget allows (`line`: where it goes too deep)."""

    def __init__(self, limit: int, line: int) -> None:
        self.limit, self.line = limit, line
        super().__init__(f"nested deeper than {limit} levels")


def _strip_comments(text: str) -> str:
    """Blank out `//` and `/* */` comments (ARM allows them), keeping line structure. Linear: a
    `/*` with no `*/` after it is left as it is, and so is every later `/*`."""
    out: list[str] = []
    pos = i = 0
    closable = True
    search = _COMMENT_START.search
    while True:
        m = search(text, i)
        if m is None:
            break
        tok = m.group(0)
        if tok[0] == '"':
            i = m.end()
            continue
        if tok == "/*":
            end = text.find("*/", m.end()) if closable else -1
            if end < 0:
                closable = False
                i = m.end()
                continue
            stop = end + 2
        else:
            stop = m.end()
        out.append(text[pos : m.start()])
        out.append(_NOT_NEWLINE.sub(" ", text[m.start() : stop]))
        pos = i = stop
    out.append(text[pos:])
    return "".join(out)


def check_depth(stripped: str, limit: int) -> None:
    """Raise `TooDeep` when `[` / `{` nest deeper than `limit` in `stripped` (JSON text whose
    strings are already blanked)."""
    if stripped.count("[") + stripped.count("{") <= limit:
        return
    depth = 0
    line = 1
    for ch in _NOT_BRACKET.sub("", stripped):
        if ch == "{" or ch == "[":
            depth += 1
            if depth > limit:
                raise TooDeep(limit, line)
        elif ch == "\n":
            line += 1
        elif depth:
            depth -= 1


def _brace_lines(stripped: str) -> tuple[list[int], list[int], list[int]]:
    """Line of each `{` outside strings in order, the line of its matching `}`, and
    for each `}` in order the index of its `{` (`stripped`: the text with its strings blanked)."""
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


def _loads(text: str, **kw: Any) -> Any:
    """`json.loads`, with a number the parser refuses (over 4,300 digits) a `JSONDecodeError` too."""
    try:
        return json.loads(text, **kw)
    except json.JSONDecodeError:
        raise
    except ValueError:
        raise json.JSONDecodeError("a number too long to read", text, 0) from None


def parse_json(text: str, max_depth: int = DEFAULT.depth) -> Document:
    """Parse JSON (comments allowed) and find the lines of every object.

    Raises `json.JSONDecodeError` for invalid JSON, `TooDeep` for JSON nested deeper than
    `max_depth`."""
    blanked = STRING.sub('""', text)  # JSON strings hold no raw newline: lines survive
    check_depth(blanked, max_depth)
    try:
        value = _loads(text)
    except json.JSONDecodeError:
        uncommented = _strip_comments(text)
        if uncommented == text:
            raise
        value = _loads(uncommented)
        text = uncommented
        blanked = STRING.sub('""', text)
    if not isinstance(value, dict):
        return Document(value, {})
    opens, closes, close_order = _brace_lines(blanked)
    dicts = _preorder_dicts(value)
    if len(dicts) == len(opens):
        return Document(value, {id(d): (opens[i], closes[i]) for i, d in enumerate(dicts)})
    # Duplicate keys dropped some objects: match objects to braces in creation (post-)order.
    created: list[dict] = []

    def hook(pairs: list[tuple[str, Any]]) -> dict:
        d = dict(pairs)
        created.append(d)
        return d

    value = _loads(text, object_pairs_hook=hook)
    lines = {}
    for n, d in enumerate(created):
        if n < len(close_order):
            i = close_order[n]
            lines[id(d)] = (opens[i], closes[i])
    return Document(value, lines, keep=created)
