"""JSON as VS Code and tools write it, read with the line of every key.

Three readers. `parse_jsonc` parses JSON with `//` and `/* */` comments and trailing commas (VS Code's
JSONC) into `LDict` / `LList` values that know their lines; it is for small config files (MCP
configs, agent definitions, connector specs) and raises `DocError(line, message)`, never a
`JSONDecodeError`. `load_json` parses strict JSON with `json.loads` (fast, for lock files and
notebooks) and refuses what nests too deep, and raises `DocError` too. `json_key_lines` only
finds the line of each key path in strict JSON, by a regex token scan; it is for large lock files,
which `json.loads` parses much faster than a Python parser would, so the two passes together stay
cheap. None evaluates anything or resolves references.

Hostile input: a document nested deeper than `depth` levels (`Limits.depth`) is refused
(`aispm.formats.depth.TooDeep`, with its line) before anything walks it; a number too long for an integer
(Python refuses more than 4,300 digits) is an error, not an exception; messages quote no more than a
short token of the text (`aispm.formats.text.clip`). Every pattern here is linear in its input.
"""

from __future__ import annotations

import bisect
import json
import re
from typing import Any

from aispm.formats.depth import TooDeep, data_deeper, deep_line
from aispm.formats.located import DocError, LDict, LList
from aispm.formats.text import clip

#: Blanks and comments between tokens (one unambiguous loop: linear on any input).
_WS = re.compile(r"[ \t\r\n]*(?:(?://[^\n]*|/\*(?:[^*]|\*(?!/))*\*/)[ \t\r\n]*)*")
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?")


class _JsoncParser:
    """JSON with `//` and `/* */` comments and trailing commas (VS Code's JSONC), keeping lines."""

    def __init__(self, text: str, max_depth: int = 200) -> None:
        self.s = text
        self.i = 0
        self.depth = 0
        self.max_depth = max_depth
        # line starts, for offset → line
        self.nl = [m.start() for m in re.finditer("\n", text)]

    def line(self, pos: int | None = None) -> int:
        return bisect.bisect_left(self.nl, self.i if pos is None else pos) + 1

    def ws(self) -> None:
        m = _WS.match(self.s, self.i)
        self.i = m.end()
        if self.s.startswith("/*", self.i):
            raise DocError(self.line(), "unterminated /* comment")

    def fail(self, msg: str) -> DocError:
        return DocError(self.line(), msg)

    def parse(self) -> Any:
        self.ws()
        if self.i >= len(self.s):
            raise self.fail("empty document")
        v = self.value()
        self.ws()
        if self.i < len(self.s):
            raise self.fail(f"unexpected {self.s[self.i]!r} after the end of the document")
        return v

    def value(self) -> Any:
        s, i = self.s, self.i
        if i >= len(s):
            raise self.fail("unexpected end of file")
        c = s[i]
        if c == "{":
            return self.obj()
        if c == "[":
            return self.arr()
        if c == '"':
            return self.string()
        for lit, val in (("true", True), ("false", False), ("null", None)):
            if s.startswith(lit, i):
                self.i += len(lit)
                return val
        m = _NUMBER.match(s, i)
        if m:
            self.i = m.end()
            t = m.group()
            try:
                return float(t) if any(ch in t for ch in ".eE") else int(t)
            except ValueError:  # more digits than Python converts (4,300)
                raise self.fail(f"a number of {len(t):,} digits, too long to read") from None
        raise self.fail(f"unexpected {c!r}")

    def string(self) -> str:
        try:
            v, end = json.decoder.scanstring(self.s, self.i + 1)
        except json.JSONDecodeError as exc:
            raise DocError(self.line(exc.pos), f"bad string: {exc.msg}") from None
        self.i = end
        return v

    def _enter(self) -> None:
        self.depth += 1
        if self.depth > self.max_depth:
            raise TooDeep(self.max_depth, self.line())

    def obj(self) -> LDict:
        self._enter()
        d = LDict()
        d.line = self.line()
        self.i += 1
        self.ws()
        while True:
            if self.i < len(self.s) and self.s[self.i] == "}":
                self.i += 1
                break
            if self.i >= len(self.s) or self.s[self.i] != '"':
                raise self.fail("expected a quoted key or '}'")
            kline = self.line()
            k = self.string()
            self.ws()
            if self.i >= len(self.s) or self.s[self.i] != ":":
                raise self.fail(f"expected ':' after key {clip(k)}")
            self.i += 1
            self.ws()
            d[k] = self.value()
            d.key_lines[k] = kline
            self.ws()
            if self.i < len(self.s) and self.s[self.i] == ",":
                self.i += 1
                self.ws()
                continue
            if self.i < len(self.s) and self.s[self.i] == "}":
                self.i += 1
                break
            raise self.fail("expected ',' or '}'")
        self.depth -= 1
        return d

    def arr(self) -> LList:
        self._enter()
        a = LList()
        a.line = self.line()
        self.i += 1
        self.ws()
        while True:
            if self.i < len(self.s) and self.s[self.i] == "]":
                self.i += 1
                break
            a.item_lines.append(self.line())
            a.append(self.value())
            self.ws()
            if self.i < len(self.s) and self.s[self.i] == ",":
                self.i += 1
                self.ws()
                continue
            if self.i < len(self.s) and self.s[self.i] == "]":
                self.i += 1
                break
            raise self.fail("expected ',' or ']'")
        self.depth -= 1
        return a


def parse_jsonc(text: str, depth: int = 200) -> Any:
    """Parse JSON (comments and trailing commas allowed); raise `DocError(line, message)`
    (`TooDeep` for a document nested deeper than `depth` levels)."""
    try:
        return _JsoncParser(text, depth).parse()
    except RecursionError:  # only with a `depth` raised past what Python's stack holds
        raise DocError(None, f"nested too deep to read (depth limit {depth})") from None


_LONG_NUMBER = re.compile(r"\d{4301}")


def load_json(text: str, depth: int = 200) -> Any:
    """Strict JSON with `json.loads`, refused when it nests deeper than `depth` levels; raise
    `DocError(line, message)`: `TooDeep` (with the line where it goes too deep), a syntax error with
    its line and column, or a number too long to read.

    `json.loads` is safe on any depth (its C parser counts its recursion and raises `RecursionError`
    past Python's limit), so the depth is judged on what it returns, level by level, which costs
    less than blanking the strings of the text first; the text is scanned only to name the line."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DocError(exc.lineno, f"{exc.msg} (line {exc.lineno}, column {exc.colno})") from None
    except RecursionError:
        raise TooDeep(depth, deep_line(text, depth)) from None
    except ValueError:  # an integer of more than 4,300 digits
        m = _LONG_NUMBER.search(text)
        line = text.count("\n", 0, m.start()) + 1 if m else None
        raise DocError(line, "a number too long to read (over 4,300 digits)") from None
    if text.count("[") + text.count("{") > depth and data_deeper(value, depth):
        raise TooDeep(depth, deep_line(text, depth))
    return value


_JSON_TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"|[{}\[\]:\n]')


def json_key_lines(text: str, max_depth: int | None = None) -> dict[tuple[str, ...], int]:
    """The line of every object key, by its path of keys (`("dependencies", "react")`).
    Array elements add `"[]"` to the path. The first occurrence of a path wins."""
    lines: dict[tuple[str, ...], int] = {}
    stack: list[tuple[str, ...]] = []
    line = 1
    pending: str | None = None
    pending_line = 0
    key: str | None = None
    for m in _JSON_TOKEN.finditer(text):
        tok = m.group(0)
        c = tok[0]
        if c == "\n":
            line += 1
        elif c == '"':
            pending, pending_line = tok, line
        elif c == ":":
            if pending is not None and stack:
                k = json.loads(pending) if "\\" in pending else pending[1:-1]
                path = stack[-1] + (k,)
                if max_depth is None or len(path) <= max_depth:
                    lines.setdefault(path, pending_line)
                key = k
            pending = None
        elif c in "{[":
            if not stack:
                stack.append(())
            elif key is not None:
                stack.append(stack[-1] + (key,))
            else:
                stack.append(stack[-1] + ("[]",))
            key = pending = None
        else:  # } ]
            if stack:
                stack.pop()
            key = pending = None
    return lines
