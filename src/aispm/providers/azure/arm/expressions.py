"""The ARM template expression language: the inside of a `"[...]"` string as a small AST.

`parse_expression("concat(parameters('a'), '-x')")` gives tuples: `("lit", v)`,
`("call", name, [args])`, `("member", base, name)`, `("index", base, node)`; what does not
parse raises `ExprError`. Parsed expressions are cached by their text (the same
expression repeats across resources and copy instances); only expressions of up to
`_CACHED_LENGTH` characters are kept, and the cache is cleared when it holds 50,000 or
`_CACHED_CHARS` characters of them (a parsed tree takes some 30 bytes per character).
Nesting (calls, parentheses, indexes) deeper than `max_depth` (`Limits.depth`) raises
`TooDeepExpression`, an `ExprError`, before the parser's recursion can run out; an integer
literal outside ARM's 64-bit range is an `ExprError`. Evaluation is `arm.evaluate`'s.
"""

from __future__ import annotations

import re
from typing import Any


from aispm.limits import DEFAULT
from aispm.providers.azure.arm.functions.budget import INT_MAX, INT_MIN


class ExprError(Exception):
    pass


class TooDeepExpression(ExprError):
    """An expression nested deeper than the budget (`Limits.depth`)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(f"expression nested deeper than {limit} levels")


_CACHED_LENGTH = 2048  # longer expressions are parsed each time (their trees are large)
_CACHED_CHARS = 2_000_000  # the cache is cleared when the expressions it holds reach this many characters
_cached_chars = 0


_TOKEN = re.compile(
    r"\s*(?:"
    r"(?P<str>'(?:[^']|'')*')"
    r"|(?P<num>-?\d+(?:\.\d+)?)"
    r"|(?P<id>[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)"
    r"|(?P<op>[()\[\],.])"
    r")"
)


def _tokenize(src: str) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    pos = 0
    n = len(src)
    while pos < n:
        if src[pos].isspace():
            pos += 1
            continue
        m = _TOKEN.match(src, pos)
        if not m or m.end() == pos:
            raise ExprError(f"unexpected {src[pos]!r} at {pos}")
        pos = m.end()
        kind = m.lastgroup
        text = m.group(kind)
        if kind == "str":
            out.append(("str", text[1:-1].replace("''", "'")))
        elif kind == "num":
            if "." in text:
                out.append(("num", float(text)))
            else:
                digits = text.lstrip("-")
                number = int(text) if len(digits) <= 19 else INT_MAX + 1
                if not INT_MIN <= number <= INT_MAX:
                    raise ExprError(f"integer {text[:24]} is outside ARM's 64-bit integers")
                out.append(("num", number))
        elif kind == "id":
            # `a.b.c` right after `)`/`]`/id is property access, handled by the parser
            out.append(("id", text))
        else:
            out.append(("op", text))
    return out


class _Parser:
    def __init__(self, tokens: list[tuple[str, Any]], max_depth: int) -> None:
        self.t = tokens
        self.i = 0
        self.depth = 0
        self.max_depth = max_depth

    def peek(self) -> tuple[str, Any] | None:
        return self.t[self.i] if self.i < len(self.t) else None

    def take(self) -> tuple[str, Any]:
        if self.i >= len(self.t):
            raise ExprError("unexpected end of expression")
        tok = self.t[self.i]
        self.i += 1
        return tok

    def expect(self, op: str) -> None:
        tok = self.take()
        if tok != ("op", op):
            raise ExprError(f"expected {op!r}, got {tok[1]!r}")

    def expr(self) -> tuple:
        self.depth += 1
        if self.depth > self.max_depth:
            raise TooDeepExpression(self.max_depth)
        node = self._expr()
        self.depth -= 1
        return node

    def _expr(self) -> tuple:
        kind, val = self.take()
        if kind == "str":
            node: tuple = ("lit", val)
        elif kind == "num":
            node = ("lit", val)
        elif kind == "id":
            # a dotted id: function `ns.fn(` or, before a `(`, the whole; else property chain
            parts = val.split(".")
            nxt = self.peek()
            if nxt == ("op", "("):
                self.take()
                args = []
                if self.peek() != ("op", ")"):
                    while True:
                        args.append(self.expr())
                        if self.peek() == ("op", ","):
                            self.take()
                            continue
                        break
                self.expect(")")
                node = ("call", val, args)
            else:
                low = parts[0].lower()
                if low in ("true", "false", "null"):
                    node = ("lit", {"true": True, "false": False, "null": None}[low])
                    for p in parts[1:]:
                        node = ("member", node, p)
                else:
                    raise ExprError(f"bare identifier {val!r}")
        elif (kind, val) == ("op", "("):
            node = self.expr()
            self.expect(")")
        else:
            raise ExprError(f"unexpected {val!r}")
        return self.postfix(node)

    def postfix(self, node: tuple) -> tuple:
        while True:
            nxt = self.peek()
            if nxt == ("op", "["):
                self.take()
                idx = self.expr()
                self.expect("]")
                node = ("index", node, idx)
            elif nxt == ("op", "."):
                self.take()
                kind, val = self.take()
                if kind != "id":
                    raise ExprError(f"expected a property name, got {val!r}")
                for p in val.split("."):
                    node = ("member", node, p)
            else:
                return node


class _Failed:
    """A parse failure as the cache keeps it: the error's text, never the exception itself (its
    traceback would keep every frame of the evaluation that first met it alive)."""

    __slots__ = ("message", "too_deep")

    def __init__(self, exc: ExprError) -> None:
        self.message = str(exc)
        self.too_deep = exc.limit if isinstance(exc, TooDeepExpression) else None

    def error(self) -> ExprError:
        return TooDeepExpression(self.too_deep) if self.too_deep is not None else ExprError(self.message)


_PARSE_CACHE: dict[tuple[str, int], tuple | _Failed] = {}


def parse_expression(src: str, max_depth: int = DEFAULT.depth) -> tuple:
    """Parse the inside of an ARM `[...]` expression into a small AST. Raises `ExprError`
    (`TooDeepExpression` when it nests deeper than `max_depth`)."""
    key = (src, max_depth)
    got = _PARSE_CACHE.get(key)
    if got is None:
        try:
            p = _Parser(_tokenize(src), max_depth)
            node = p.expr()
            if p.peek() is not None:
                raise ExprError(f"unexpected {p.peek()[1]!r} after expression")  # type: ignore[index]
            got = node
        except ExprError as exc:
            got = _Failed(exc)
        except RecursionError:
            got = _Failed(TooDeepExpression(max_depth))
        if len(src) <= _CACHED_LENGTH:
            global _cached_chars
            if len(_PARSE_CACHE) >= 50000 or _cached_chars + len(src) > _CACHED_CHARS:
                _PARSE_CACHE.clear()
                _cached_chars = 0
            _PARSE_CACHE[key] = got
            _cached_chars += len(src)
    if type(got) is _Failed:
        raise got.error()
    return got


def is_expression(s: str) -> bool:
    return len(s) >= 2 and s[0] == "[" and s[1] != "[" and s.rstrip().endswith("]")
