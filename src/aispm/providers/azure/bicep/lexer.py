"""The Bicep tokenizer: source text to `(kind, value, line, pos)` tuples.

One compiled master regex matches every token. A bracket stack drops newlines inside
`(...)` (Bicep's line continuations) and keeps them inside `{...}` / `[...]`, where they
separate items; an `i` on the stack marks the inside of a string interpolation `${...}`,
so that the `}` that closes it resumes the string. Strings are decoded here (escapes,
`\\u{...}`); an interpolated multi-line string `$'''...${x}...'''` is split into its parts
with each embedded expression parsed on the spot (`bicep.parser.parse_embedded`). Errors
raise `BicepSyntaxError` with line and column; an unterminated string or comment is an
error at its first occurrence, so a bad file costs one scan of the text. The bracket stack
also bounds nesting: brackets nested deeper than `max_depth` (`Limits.depth`) are an error
("nested deeper than N levels") before the parser's recursion sees them.
"""

from __future__ import annotations

import re

from aispm.limits import DEFAULT
from aispm.providers.azure.bicep.syntax import BicepSyntaxError


_OPS = (
    r"\.\.\.|=>|==|!=|=~|!~|>=|<=|&&|\|\||\?\?|\.\?|\[\?\^|\[\?|\[\^|::|\.\*|"
    r"[{}()\[\],.:=?!<>+\-*%@|]|/(?![*/])"
)
_TOKEN_RE = re.compile(
    r"[ \t]*(?:"
    r"(?P<id>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<op>" + _OPS + r")"
    r"|(?P<nl>\n(?:[ \t]*(?://[^\n]*)?\n)*)"
    r"|(?P<ml>\$*'''.*?'''(?!'))"
    r"|(?P<s>'(?!'')(?:[^'\\$\n]|\\.|\$(?!\{))*(?:'|\$\{))"
    r"|(?P<num>[0-9]+(?:\.[0-9]+)?)"
    r"|(?P<lc>//[^\n]*)"
    r"|(?P<bc>/\*.*?\*/)"
    r"|(?P<dir>\#[^\n]*)"
    r"|(?P<end>\Z)"
    r"|(?P<bad>.)"
    r")",
    re.S,
)
# The rest of a string after the `}` that closes an interpolation.
_STR_CONT_RE = re.compile(r"(?:[^'\\$\n]|\\.|\$(?!\{))*(?:'|\$\{)")
_ESCAPE_RE = re.compile(r"\\(u\{[0-9A-Fa-f]{1,6}\}|.)", re.S)
_INT_MAX = 2**63 - 1
_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "\\": "\\", "'": "'", "$": "$"}


def _unescape_one(m: re.Match) -> str:
    s = m.group(1)
    if s[0] == "u" and len(s) > 1:
        code = int(s[2:-1], 16)
        return chr(code) if code <= 0x10FFFF else "\ufffd"
    return _ESCAPES.get(s, s)


def _unescape(raw: str) -> str:
    return _ESCAPE_RE.sub(_unescape_one, raw) if "\\" in raw else raw


def column(text: str, pos: int) -> int:
    return pos - text.rfind("\n", 0, pos)


def _multiline_interp(raw: str, line: int, text: str, pos: int) -> list:
    """The parts (str, expression, str, ...) of an interpolated multi-line string."""
    # The parser is needed for the embedded expressions only: imported here, where lexer and
    # parser call each other, so that neither module imports the other at load time.
    from aispm.providers.azure.bicep.parser import parse_embedded

    n = len(raw) - len(raw.lstrip("$"))
    content = raw[n + 3 : -3]
    skip = 1 if content.startswith("\n") else 0
    content = content[skip:]
    marker = "$" * n + "{"
    parts: list = []
    start = 0
    while True:
        at = content.find(marker, start)
        if at < 0:
            parts.append(content[start:])
            return parts
        parts.append(content[start:at])
        i = _interpolation_end(content, at + len(marker))
        if i < 0:
            raise BicepSyntaxError("unterminated interpolation in a multi-line string", line, column(text, pos))
        inner = content[at + len(marker) : i - 1]
        inner_line = line + skip + content.count("\n", 0, at)
        toks = [(t[0], t[1], t[2] + inner_line - 1, t[3]) for t in tokenize(inner)]
        parts.append(parse_embedded(toks, inner, inner_line))
        start = i


def _interpolation_end(content: str, i: int) -> int:
    """The index just after the `}` that closes an interpolation whose body starts at `i`
    (braces inside quotes do not count), or -1 when it is not closed."""
    depth = 1
    quote = False
    while i < len(content) and depth:
        ch = content[i]
        if ch == "'":
            quote = not quote
        elif not quote and ch == "{":
            depth += 1
        elif not quote and ch == "}":
            depth -= 1
        i += 1
    return -1 if depth else i


def _resume_string(text: str, pos: int, line: int, start: int) -> tuple[tuple, int, bool]:
    """After the `}` that closes an interpolation (at `start`, text resuming at `pos`): the next
    string piece (`strr` if it ends the string, else `strm`), where the text resumes after it,
    and whether another interpolation opens."""
    sm = _STR_CONT_RE.match(text, pos)
    if sm is None:
        raise BicepSyntaxError("unterminated string", line, column(text, pos))
    raw = sm.group()
    if raw[-1] == "'":
        return ("strr", _unescape(raw[:-1]), line, start), sm.end(), False
    return ("strm", _unescape(raw[:-2]), line, start), sm.end(), True


def _bad_character(text: str, p: int, line: int) -> BicepSyntaxError:
    """The error for a character no token starts with (often an unterminated string or comment)."""
    ch = text[p]
    if ch == "'":
        if text.startswith("'''", p):
            return BicepSyntaxError("unterminated multi-line string", line, column(text, p))
        return BicepSyntaxError("unterminated string", line, column(text, p))
    if ch == "/" and text.startswith("/*", p):
        return BicepSyntaxError("unterminated comment", line, column(text, p))
    return BicepSyntaxError(f"unexpected character {ch!r}", line, column(text, p))


def _too_deep(max_depth: int, line: int, text: str, pos: int) -> BicepSyntaxError:
    return BicepSyntaxError(f"nested deeper than {max_depth} levels", line, column(text, pos))


def tokenize(text: str, max_depth: int = DEFAULT.depth) -> list[tuple]:
    """Tokens as `(kind, value, line, pos)`.

    kinds: `nl`, `id`, `num`, `str` (complete string, value decoded), `ml`
    (multi-line string), `strl` / `strm` / `strr` (left, middle and right pieces
    of an interpolated string), `eof`, and for operators the operator text.
    """
    # One loop with the token kinds inline, on purpose: it runs once per token, the parse's hot
    # path, where a helper call per token would slow every scan. Rare paths (an interpolation
    # closing, errors, interpolated multi-line strings) are helpers.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    toks: list[tuple] = []
    append = toks.append
    finditer = _TOKEN_RE.finditer
    stack: list[str] = []  # '(' '[' '{' or 'i' (inside ${ })
    push = stack.append
    pop = stack.pop
    pos = 0
    line = 1
    while True:
        restart = False
        for m in finditer(text, pos):
            k = m.lastindex
            if k == 1:  # identifier
                append(("id", m.group(1), line, m.start(1)))
            elif k == 2:  # operator
                v = m.group(2)
                if v in "([{":
                    push(v)
                    if len(stack) > max_depth:
                        raise _too_deep(max_depth, line, text, m.start(2))
                elif v == ")" or v == "]":
                    if stack:
                        pop()
                elif v == "}":
                    if stack and stack[-1] == "i":  # closes an interpolation: the string resumes
                        pop()
                        tok, pos, reopened = _resume_string(text, m.end(), line, m.start(2))
                        append(tok)
                        if reopened:
                            push("i")  # replaces the one popped: no deeper
                        restart = True  # the master regex cannot match inside a string
                        break
                    if stack:
                        pop()
                elif v == "[?" or v == "[^" or v == "[?^":
                    push("[")
                    if len(stack) > max_depth:
                        raise _too_deep(max_depth, line, text, m.start(2))
                append((v, v, line, m.start(2)))
            elif k == 3:  # new line(s), with blank and comment-only lines
                if not stack or stack[-1] != "(":
                    append(("nl", None, line, m.start(3)))
                line += m.group(3).count("\n")
            elif k == 5:  # string or left piece of an interpolated string
                raw = m.group(5)
                if raw[-1] == "'":
                    append(("str", _unescape(raw[1:-1]), line, m.start(5)))
                else:
                    push("i")
                    if len(stack) > max_depth:
                        raise _too_deep(max_depth, line, text, m.start(5))
                    append(("strl", _unescape(raw[1:-2]), line, m.start(5)))
            elif k == 6:
                v = m.group(6)
                if "." in v:
                    append(("num", float(v), line, m.start(6)))
                elif len(v.lstrip("0")) < 20 and int(v) <= _INT_MAX:
                    append(("num", int(v), line, m.start(6)))
                else:
                    raise BicepSyntaxError("integer outside the 64-bit range", line, column(text, m.start(6)))
            elif k == 7 or k == 9:  # line comment, #disable-next-line directive
                pass
            elif k == 8:  # block comment
                line += m.group(8).count("\n")
            elif k == 4:  # multi-line string
                raw = m.group(4)
                if raw[0] == "$":  # interpolated multi-line string: $'''..${x}..''' ($$''' uses $${x})
                    append(("mli", _multiline_interp(raw, line, text, m.start(4)), line, m.start(4)))
                else:
                    v = raw[3:-3]
                    if v.startswith("\n"):
                        v = v[1:]
                    append(("ml", v, line, m.start(4)))
                line += raw.count("\n")
            elif k == 10:  # end of text
                if stack and stack[-1] == "i":
                    raise BicepSyntaxError("unterminated string interpolation", line, column(text, m.start(10)))
                p = m.start(10)
                append(("nl", None, line, p))
                append(("eof", None, line, p))
                return toks
            else:  # a character no token starts with
                raise _bad_character(text, m.start(11), line)
        if not restart:  # pragma: no cover - the end alternative always matches
            raise BicepSyntaxError("unexpected end of file", line, 1)
