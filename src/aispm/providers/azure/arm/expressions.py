"""The ARM template expression language: the inside of a `"[...]"` string as a small AST.

`parse_expression("concat(parameters('a'), '-x')")` gives tuples: `("lit", v)`,
`("call", name, [args])`, `("member", base, name)`, `("index", base, node)`; what does not
parse raises `ExprError`. Parsed expressions are cached by their text (the same
expression repeats across resources and copy instances); the cache is cleared when it
holds 50,000 entries. Nesting is bounded by Python's recursion limit, reported as an
`ExprError`. Evaluation is `arm.evaluate`'s.
"""

from __future__ import annotations

import re
from typing import Any


class ExprError(Exception):
    pass


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
            out.append(("num", float(text) if "." in text else int(text)))
        elif kind == "id":
            # `a.b.c` right after `)`/`]`/id is property access, handled by the parser
            out.append(("id", text))
        else:
            out.append(("op", text))
    return out


class _Parser:
    def __init__(self, tokens: list[tuple[str, Any]]) -> None:
        self.t = tokens
        self.i = 0

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


_PARSE_CACHE: dict[str, tuple | ExprError] = {}


def parse_expression(src: str) -> tuple:
    """Parse the inside of an ARM `[...]` expression into a small AST. Raises `ExprError`."""
    got = _PARSE_CACHE.get(src)
    if got is None:
        try:
            p = _Parser(_tokenize(src))
            node = p.expr()
            if p.peek() is not None:
                raise ExprError(f"unexpected {p.peek()[1]!r} after expression")  # type: ignore[index]
            got = node
        except ExprError as exc:
            got = exc
        except RecursionError:
            got = ExprError("expression nested too deeply")
        if len(_PARSE_CACHE) > 50000:
            _PARSE_CACHE.clear()
        _PARSE_CACHE[src] = got
    if isinstance(got, ExprError):
        raise got
    return got


def is_expression(s: str) -> bool:
    return len(s) >= 2 and s[0] == "[" and s[1] != "[" and s.rstrip().endswith("]")
