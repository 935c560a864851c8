"""The token cursor the Bicep parser is built on: position, expectations, errors.

`TokenCursor` walks the token list of `bicep.lexer` (`toks`, index `i`, and the text for
error columns). Its `expect*` methods consume one token of the kind wanted or raise a
`BicepSyntaxError` that names what was found (`describe`). The grammar is in
`parse_expressions`, `parse_types` and `parser`, as classes over this one.
"""

from __future__ import annotations

from aispm.limits import DEFAULT
from aispm.providers.azure.bicep.lexer import column
from aispm.providers.azure.bicep.syntax import BicepSyntaxError

# Identifiers that are literals, in expressions and in types.
LITERAL_IDS = {"true": True, "false": False, "null": None}
_TOKEN_NAMES = {"nl": "new line", "eof": "end of file", "id": "identifier", "num": "number", "str": "string"}


def describe(tok: tuple) -> str:
    kind = tok[0]
    if kind == "id":  # a name from the file: short, so that an error never quotes much of it
        return f"'{tok[1]}'" if len(tok[1]) <= 40 else f"'{tok[1][:40]}…'"
    if kind in _TOKEN_NAMES:
        return _TOKEN_NAMES[kind]
    if kind in ("strl", "strm", "strr", "ml", "mli"):
        return "string"
    return f"'{kind}'"


class TokenCursor:
    """A position in a token list, with the helpers every grammar rule uses."""

    __slots__ = ("toks", "i", "text", "depth", "max_depth")

    def __init__(self, toks: list[tuple], text: str, max_depth: int = DEFAULT.depth) -> None:
        self.toks = toks
        self.i = 0
        self.text = text
        self.depth = 0  # nesting that brackets do not show (`a ? b : c ? ...`, `!!x`, `x => y => ...`)
        self.max_depth = max_depth

    def deeper(self) -> None:
        """One more level of nesting the lexer's bracket count does not see (undone by
        `self.depth -= 1`); beyond `max_depth` an error rather than a deeper recursion."""
        self.depth += 1
        if self.depth > self.max_depth:
            raise self.error(f"nested deeper than {self.max_depth} levels")

    def error(self, message: str, tok: tuple | None = None) -> BicepSyntaxError:
        if tok is None:
            tok = self.toks[self.i]
        return BicepSyntaxError(message, tok[2], column(self.text, tok[3]))

    def expect(self, kind: str, what: str | None = None) -> tuple:
        tok = self.toks[self.i]
        if tok[0] != kind:
            raise self.error(f"expected {what or repr(kind)}, found {describe(tok)}", tok)
        self.i += 1
        return tok

    def expect_id(self, what: str = "identifier") -> str:
        tok = self.toks[self.i]
        if tok[0] != "id":
            raise self.error(f"expected {what}, found {describe(tok)}", tok)
        self.i += 1
        return tok[1]

    def expect_kw(self, word: str) -> None:
        tok = self.toks[self.i]
        if tok[0] != "id" or tok[1] != word:
            raise self.error(f"expected '{word}', found {describe(tok)}", tok)
        self.i += 1

    def skip_nl(self) -> None:
        toks = self.toks
        while toks[self.i][0] == "nl":
            self.i += 1

    def end_statement(self) -> None:
        tok = self.toks[self.i]
        if tok[0] == "nl":
            self.i += 1
        elif tok[0] != "eof":
            raise self.error(f"expected new line after the declaration, found {describe(tok)}", tok)

    def last_line(self) -> int:
        return self.toks[self.i - 1][2]
