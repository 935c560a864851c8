"""Nesting depth of a JSON, JSONC or TOML text, measured on the text before a parser sees it.

A document nested thousands of levels deep (`[[[[…`) makes a recursive parser, or any walker of
what it returns, blow Python's stack. `check_depth(text, limit, syntax)` raises `TooDeep` (a
`DocError`: the line where the text first goes deeper than `limit`) before the document is parsed,
so that only documents whose depth is bounded reach the parsers (`json`, `tomllib`) and our walkers.

How: strings and comments are blanked by one linear pattern per syntax (every alternative matches
from where it starts to its end, or to the end of the line or text when it is not closed, so the
scan never restarts inside a string), and only brackets are kept; their depth is then counted. A
text with fewer opening brackets than `limit` is not scanned at all. An unclosed string can hide
brackets from the count; then the parser, not this check, reports the text (it is not valid), and
the callers also catch a `RecursionError` from the parser as the same error.

`recursion_room(levels)` lets a recursive reader (a constructor, a syntax-tree walker) reach the
depth these checks allow, rather than Python's default recursion limit first.
"""

from __future__ import annotations

import contextlib
import re
import sys
from typing import Iterator

from aispm.formats.located import DocError

#: A JSON string from its opening quote to its closing quote, or to the end of its line or text.
_JSON_STRING = r'"[^"\\\n]*(?:\\.[^"\\\n]*)*\\?(?:"|(?=\n)|\Z)'
_SKIP = {
    "json": re.compile(_JSON_STRING),
    "jsonc": re.compile(_JSON_STRING + r"|//[^\n]*|/\*(?:[^*]|\*(?!/))*(?:\*/|\Z)"),
    "toml": re.compile(
        r'"""(?:[^"\\]|\\[\s\S]|"(?!""))*(?:"""|\Z)'
        r"|'''(?:[^']|'(?!''))*(?:'''|\Z)"
        + "|" + _JSON_STRING
        + r"|'[^'\n]*(?:'|(?=\n)|\Z)"
        r"|#[^\n]*"),
    "python": re.compile(
        r'"""(?:[^"\\]|\\[\s\S]|"(?!""))*(?:"""|\Z)'
        r"|'''(?:[^'\\]|\\[\s\S]|'(?!''))*(?:'''|\Z)"
        + "|" + _JSON_STRING
        + r"|'[^'\\\n]*(?:\\.[^'\\\n]*)*\\?(?:'|(?=\n)|\Z)"
        r"|#[^\n]*"),
}
_NOT_BRACKET = re.compile(r"[^\[\]{}\n]+")
_NOT_BRACKET_OR_PAREN = re.compile(r"[^\[\]{}()\n]+")


class TooDeep(DocError):
    """A document nested deeper than `limit` levels; `line` is where it first goes deeper."""

    def __init__(self, limit: int, line: int | None) -> None:
        super().__init__(line, f"nested deeper than {limit} levels")
        self.limit = limit


def _newlines(m: re.Match[str]) -> str:
    return "\n" * m.group().count("\n")


def check_depth(text: str, limit: int, syntax: str = "json") -> None:
    """Raise `TooDeep` when `[` / `{` outside strings and comments nest deeper than `limit`.
    `syntax`: `json`, `jsonc` (comments), `toml` (its four kinds of string and `#` comments) or
    `python` (its strings and comments; parentheses count too)."""
    parens = syntax == "python"
    if text.count("[") + text.count("{") + (text.count("(") if parens else 0) <= limit:
        return
    keep = _NOT_BRACKET_OR_PAREN if parens else _NOT_BRACKET
    skip = _SKIP[syntax]
    # fast: strings and newlines dropped; only a text too deep is scanned again for its line
    if not _too_deep(keep.sub("", skip.sub("", text)).replace("\n", ""), limit):
        return
    raise TooDeep(limit, _deepest(keep.sub("", skip.sub(_newlines, text)), limit))


_PAIR = re.compile(r"\[\]|\{\}|\(\)")


def _too_deep(brackets: str, limit: int) -> bool:
    """Whether a string of brackets nests deeper than `limit`: each pass of a C-speed substitution
    removes the innermost pairs, so a document `d` levels deep takes `d` passes over what is left
    (a handful for real documents); what no pass can pair (a closer before its opener, an opener
    never closed) is counted one bracket at a time, as if every level removed stood on top of it (a
text that is not valid may be judged deeper than it is, never shallower)."""
    done = 0
    for _ in range(limit + 1):
        if not brackets:
            return False
        reduced = _PAIR.sub("", brackets)
        if len(reduced) == len(brackets):
            break
        brackets = reduced
        done += 1
    else:
        return True  # a pair `limit + 1` levels deep
    # the rest cannot be paired (the document is not valid): judged with what was removed on top
    return _deepest(brackets, limit - done) is not None


def _deepest(skeleton: str, limit: int) -> int | None:
    """The line (counting the newlines kept in `skeleton`) where brackets first go deeper than
    `limit`, or None."""
    depth = 0
    line = 1
    for ch in skeleton:
        if ch == "\n":
            line += 1
        elif ch == "[" or ch == "{" or ch == "(":
            depth += 1
            if depth > limit:
                return line
        elif depth:
            depth -= 1
    return None


def data_deeper(value: object, limit: int) -> bool:
    """Whether parsed JSON data (dicts and lists, no shared parts) nests deeper than `limit`, level
    by level, without recursion: cheaper than scanning the text for a document already parsed."""
    level = [value]
    depth = 0
    while level:
        depth += 1
        if depth > limit:
            return True
        nxt: list = []
        for x in level:
            children = x.values() if type(x) is dict else x if type(x) is list else ()
            nxt.extend(c for c in children if type(c) is dict or type(c) is list)
        level = nxt
    return False


def deep_line(text: str, limit: int, syntax: str = "json") -> int | None:
    """The line where a text known to be too deep first goes deeper than `limit` (None if it does
    not: brackets that only a parser could tell apart)."""
    keep = _NOT_BRACKET_OR_PAREN if syntax == "python" else _NOT_BRACKET
    return _deepest(keep.sub("", _SKIP[syntax].sub(_newlines, text)), limit)


#: Python frames one level of nesting may take in a recursive reader of ours or a library's (PyYAML's
#: constructor: construct_object, the constructor, its generator, a comprehension; an AST visitor).
FRAMES_PER_LEVEL = 8


@contextlib.contextmanager
def recursion_room(levels: int, frames_per_level: int = FRAMES_PER_LEVEL) -> Iterator[None]:
    """Let a recursive reader go `levels` levels deep below the current frame. Calls between Python
    functions use no C stack (3.11+), so a higher limit is safe; the old one is restored after."""
    depth = 0
    frame = sys._getframe()
    while frame is not None:
        depth += 1
        frame = frame.f_back
    need = depth + 100 + levels * frames_per_level
    old = sys.getrecursionlimit()
    if need <= old:
        yield
        return
    sys.setrecursionlimit(need)
    try:
        yield
    finally:
        sys.setrecursionlimit(old)
