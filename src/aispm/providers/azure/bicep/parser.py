"""A hand-written parser for the current Bicep language.

`parse(text)` turns a `.bicep` or `.bicepparam` file into a small typed AST
(`Program`), or raises `BicepSyntaxError(message, line, column)`.

It follows the pseudo-grammar of the Bicep repository (`docs/grammar.md`) and
the constructs the compiler accepts today: user-defined types (unions, arrays,
nullable, tuples, object types with decorated members, `resourceInput<...>` /
`resourceOutput<...>` type arguments, `[*]` / `.*` type access), user-defined
functions, lambdas, compile-time imports, `extension`, `metadata`,
`targetScope`, `assert`, `test`, `for`/`if` bodies, `existing` and nested
resources, spreads, safe access (`.?`, `[?`), from-end indexing (`[^`),
non-null assertion (`!`), `??`, multi-line strings (also interpolated `$'''...${x}...'''`),
string interpolation and
escapes, comments and `#disable-next-line` directives, and `.bicepparam`
files (`using`, `extends`, `param x = ...`).

Design:
- one compiled master regex tokenizes the text; the tokenizer keeps a bracket
  stack so that newlines inside `(...)` are dropped (Bicep's line
  continuations) while newlines inside `{...}` / `[...]` separate items;
- a recursive-descent parser with precedence climbing for binary operators;
- every AST node carries `line` (1-based).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Union

__all__ = [
    "BicepSyntaxError",
    "parse",
    "tokenize",
    "Program",
]


class BicepSyntaxError(Exception):
    """A Bicep file that does not parse; `line` and `column` are 1-based."""

    def __init__(self, message: str, line: int, column: int = 1) -> None:
        super().__init__(f"{message} (line {line}, column {column})")
        self.message = message
        self.line = line
        self.column = column


# --------------------------------------------------------------------------- AST
# Expressions


@dataclass(slots=True)
class Lit:
    """A literal: str, int, float, bool or None."""

    value: Any
    line: int


@dataclass(slots=True)
class Interp:
    """An interpolated string: `parts` alternate str and Expr (starting and ending with str)."""

    parts: list
    line: int


@dataclass(slots=True)
class Ident:
    name: str
    line: int


@dataclass(slots=True)
class Spread:
    expr: Any
    line: int


@dataclass(slots=True)
class Array:
    items: list  # Expr | Spread
    line: int


@dataclass(slots=True)
class Prop:
    key: Any  # str, or Interp for an interpolated key
    value: Any
    line: int
    decorators: list = field(default_factory=list)


@dataclass(slots=True)
class Obj:
    props: list  # Prop | Spread | Resource (nested resource in a resource body)
    line: int
    end_line: int = 0


@dataclass(slots=True)
class Call:
    """`name(args)`, or `base.name(args)` (namespace call `az.x()` or instance call `acct.listKeys()`)."""

    name: str
    args: list
    line: int
    base: Any = None


@dataclass(slots=True)
class Member:
    """`obj.name`, `obj.?name` (safe) or `obj::name` (nested resource access, `nested=True`)."""

    obj: Any
    name: str
    line: int
    safe: bool = False
    nested: bool = False


@dataclass(slots=True)
class Index:
    """`obj[index]`, `obj[?index]` (safe), `obj[^index]` (from end)."""

    obj: Any
    index: Any
    line: int
    safe: bool = False
    from_end: bool = False


@dataclass(slots=True)
class NonNull:
    """`expr!`"""

    expr: Any
    line: int


@dataclass(slots=True)
class Unary:
    op: str  # '!', '-', '+'
    expr: Any
    line: int


@dataclass(slots=True)
class Binary:
    op: str
    left: Any
    right: Any
    line: int


@dataclass(slots=True)
class Ternary:
    cond: Any
    then: Any
    other: Any
    line: int


@dataclass(slots=True)
class Lambda:
    params: list  # list[str]
    body: Any
    line: int


@dataclass(slots=True)
class IfBody:
    """`if (cond) { ... }` as the body of a resource, module or for-expression."""

    cond: Any
    body: Any
    line: int


@dataclass(slots=True)
class For:
    """`[for item in iterable: body]`, `[for (item, i) in iterable: body]`."""

    item: str
    index: str | None
    iterable: Any
    body: Any  # Expr or IfBody
    line: int


# Types


@dataclass(slots=True)
class TypeRef:
    """A named type: `string`, `sys.string`, `myType`, `imported.t`, `resourceInput<'T@v'>`,
    with `path` for property/index access (`.properties`, `[*]`, `[0]`, `.*`)."""

    name: str
    line: int
    args: list = field(default_factory=list)
    path: list = field(default_factory=list)


@dataclass(slots=True)
class TypeLit:
    value: Any
    line: int


@dataclass(slots=True)
class TypeUnion:
    members: list
    line: int


@dataclass(slots=True)
class TypeArrayOf:
    item: Any
    line: int


@dataclass(slots=True)
class TypeNullable:
    inner: Any
    line: int


@dataclass(slots=True)
class TypeProp:
    key: str  # '*' for the additional-properties matcher
    type: Any
    line: int
    decorators: list = field(default_factory=list)


@dataclass(slots=True)
class TypeObject:
    props: list  # TypeProp
    line: int


@dataclass(slots=True)
class TypeTupleItem:
    type: Any
    line: int
    decorators: list = field(default_factory=list)


@dataclass(slots=True)
class TypeTuple:
    items: list
    line: int


@dataclass(slots=True)
class ResourceTypeRef:
    """`resource 'Microsoft.X/y@v'` as the type of a param or output."""

    type: str
    line: int


# Statements


@dataclass(slots=True)
class Decorator:
    call: Call
    line: int

    @property
    def name(self) -> str:
        return self.call.name


@dataclass(slots=True)
class Param:
    name: str
    type: Any  # type node, or ResourceTypeRef; None in a .bicepparam assignment
    default: Any
    line: int
    decorators: list = field(default_factory=list)
    end_line: int = 0


@dataclass(slots=True)
class Var:
    name: str
    value: Any
    line: int
    decorators: list = field(default_factory=list)
    type: Any = None
    end_line: int = 0


@dataclass(slots=True)
class Resource:
    name: str
    type: Any  # Lit(str) or Interp
    body: Any  # Obj | IfBody | For
    line: int
    existing: bool = False
    decorators: list = field(default_factory=list)
    end_line: int = 0


@dataclass(slots=True)
class Module:
    name: str
    path: Any  # Lit(str) or Interp
    body: Any  # Obj | IfBody | For
    line: int
    decorators: list = field(default_factory=list)
    end_line: int = 0


@dataclass(slots=True)
class Output:
    name: str
    type: Any
    value: Any
    line: int
    decorators: list = field(default_factory=list)
    end_line: int = 0


@dataclass(slots=True)
class TypeDecl:
    name: str
    type: Any
    line: int
    decorators: list = field(default_factory=list)


@dataclass(slots=True)
class FuncParam:
    name: str
    type: Any
    line: int


@dataclass(slots=True)
class Func:
    name: str
    params: list  # FuncParam
    result: Any
    body: Any
    line: int
    decorators: list = field(default_factory=list)


@dataclass(slots=True)
class Import:
    """`import {a, b as c} from 'f.bicep'` (symbols = [(a, None), (b, 'c')]) or
    `import * as ns from 'f.bicep'` (wildcard = 'ns')."""

    path: Any
    line: int
    symbols: list = field(default_factory=list)
    wildcard: str | None = None
    decorators: list = field(default_factory=list)


@dataclass(slots=True)
class Extension:
    """`extension 'spec' with {...} as alias` (also the legacy `import 'spec'` / `provider`)."""

    spec: Any  # Lit/Interp or Ident
    line: int
    config: Any = None
    alias: str | None = None
    decorators: list = field(default_factory=list)


@dataclass(slots=True)
class TargetScope:
    value: Any
    line: int


@dataclass(slots=True)
class Metadata:
    name: str
    value: Any
    line: int


@dataclass(slots=True)
class Assert:
    name: str
    value: Any
    line: int
    decorators: list = field(default_factory=list)


@dataclass(slots=True)
class Test:
    name: str
    path: Any
    body: Any
    line: int
    decorators: list = field(default_factory=list)


@dataclass(slots=True)
class Using:
    """`.bicepparam`: `using 'main.bicep'` (path None for `using none`)."""

    path: Any
    line: int
    config: Any = None


@dataclass(slots=True)
class Extends:
    path: Any
    line: int


@dataclass(slots=True)
class Program:
    statements: list
    line: int = 1

    def of(self, cls: type) -> list:
        return [s for s in self.statements if isinstance(s, cls)]


Expr = Union[Lit, Interp, Ident, Array, Obj, Call, Member, Index, NonNull, Unary, Binary, Ternary, Lambda, For]

# --------------------------------------------------------------------------- tokenizer

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
_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "\\": "\\", "'": "'", "$": "$"}


def _unescape_one(m: re.Match) -> str:
    s = m.group(1)
    if s[0] == "u" and len(s) > 1:
        return chr(int(s[2:-1], 16))
    return _ESCAPES.get(s, s)


def _unescape(raw: str) -> str:
    return _ESCAPE_RE.sub(_unescape_one, raw) if "\\" in raw else raw


def _column(text: str, pos: int) -> int:
    return pos - text.rfind("\n", 0, pos)


def _multiline_interp(raw: str, line: int, text: str, pos: int) -> list:
    """The parts (str, expression, str, ...) of an interpolated multi-line string."""
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
        i = at + len(marker)
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
        if depth:
            raise BicepSyntaxError("unterminated interpolation in a multi-line string", line, _column(text, pos))
        inner = content[at + len(marker) : i - 1]
        inner_line = line + skip + content.count("\n", 0, at)
        toks = [(t[0], t[1], t[2] + inner_line - 1, t[3]) for t in tokenize(inner)]
        parser = _Parser(toks, inner)
        parts.append(parser.expression())
        parser.skip_nl()
        if toks[parser.i][0] != "eof":
            raise BicepSyntaxError("unexpected text in a multi-line string interpolation", inner_line, 1)
        start = i


def tokenize(text: str) -> list[tuple]:
    """Tokens as `(kind, value, line, pos)`.

    kinds: `nl`, `id`, `num`, `str` (complete string, value decoded), `ml`
    (multi-line string), `strl` / `strm` / `strr` (left, middle and right pieces
    of an interpolated string), `eof`, and for operators the operator text.
    """
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
                elif v == ")" or v == "]":
                    if stack:
                        pop()
                elif v == "}":
                    if stack and stack[-1] == "i":
                        pop()
                        pos = m.end()
                        sm = _STR_CONT_RE.match(text, pos)
                        if sm is None:
                            raise BicepSyntaxError("unterminated string", line, _column(text, pos))
                        raw = sm.group()
                        pos = sm.end()
                        if raw[-1] == "'":
                            append(("strr", _unescape(raw[:-1]), line, m.start(2)))
                        else:
                            push("i")
                            append(("strm", _unescape(raw[:-2]), line, m.start(2)))
                        restart = True
                        break
                    if stack:
                        pop()
                elif v == "[?" or v == "[^" or v == "[?^":
                    push("[")
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
                    append(("strl", _unescape(raw[1:-2]), line, m.start(5)))
            elif k == 6:
                v = m.group(6)
                append(("num", float(v) if "." in v else int(v), line, m.start(6)))
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
                    raise BicepSyntaxError("unterminated string interpolation", line, _column(text, m.start(10)))
                p = m.start(10)
                append(("nl", None, line, p))
                append(("eof", None, line, p))
                return toks
            else:  # a character no token starts with
                p = m.start(11)
                ch = text[p]
                if ch == "'":
                    if text.startswith("'''", p):
                        raise BicepSyntaxError("unterminated multi-line string", line, _column(text, p))
                    raise BicepSyntaxError("unterminated string", line, _column(text, p))
                if ch == "/" and text.startswith("/*", p):
                    raise BicepSyntaxError("unterminated comment", line, _column(text, p))
                raise BicepSyntaxError(f"unexpected character {ch!r}", line, _column(text, p))
        if not restart:  # pragma: no cover - the end alternative always matches
            raise BicepSyntaxError("unexpected end of file", line, 1)


# --------------------------------------------------------------------------- parser

_BINARY_PREC = {
    "??": 1,
    "||": 2,
    "&&": 3,
    "==": 4,
    "!=": 4,
    "=~": 4,
    "!~": 4,
    "<": 5,
    "<=": 5,
    ">": 5,
    ">=": 5,
    "+": 6,
    "-": 6,
    "*": 7,
    "/": 7,
    "%": 7,
}
# operators that cannot start an expression: an expression may continue with them on the next line
_CONTINUATION = frozenset(k for k in _BINARY_PREC if k not in ("+", "-")) | {"?"}
_LITERAL_IDS = {"true": True, "false": False, "null": None}
_TOKEN_NAMES = {"nl": "new line", "eof": "end of file", "id": "identifier", "num": "number", "str": "string"}


def _describe(tok: tuple) -> str:
    kind = tok[0]
    if kind == "id":
        return f"'{tok[1]}'"
    if kind in _TOKEN_NAMES:
        return _TOKEN_NAMES[kind]
    if kind in ("strl", "strm", "strr", "ml", "mli"):
        return "string"
    return f"'{kind}'"


class _Parser:
    __slots__ = ("toks", "i", "text")

    def __init__(self, toks: list[tuple], text: str) -> None:
        self.toks = toks
        self.i = 0
        self.text = text

    # ---- helpers
    def error(self, message: str, tok: tuple | None = None) -> BicepSyntaxError:
        if tok is None:
            tok = self.toks[self.i]
        return BicepSyntaxError(message, tok[2], _column(self.text, tok[3]))

    def expect(self, kind: str, what: str | None = None) -> tuple:
        tok = self.toks[self.i]
        if tok[0] != kind:
            raise self.error(f"expected {what or repr(kind)}, found {_describe(tok)}", tok)
        self.i += 1
        return tok

    def expect_id(self, what: str = "identifier") -> str:
        tok = self.toks[self.i]
        if tok[0] != "id":
            raise self.error(f"expected {what}, found {_describe(tok)}", tok)
        self.i += 1
        return tok[1]

    def expect_kw(self, word: str) -> None:
        tok = self.toks[self.i]
        if tok[0] != "id" or tok[1] != word:
            raise self.error(f"expected '{word}', found {_describe(tok)}", tok)
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
            raise self.error(f"expected new line after the declaration, found {_describe(tok)}", tok)

    def last_line(self) -> int:
        return self.toks[self.i - 1][2]

    # ---- program
    def program(self) -> Program:
        toks = self.toks
        stmts: list = []
        while True:
            self.skip_nl()
            tok = toks[self.i]
            if tok[0] == "eof":
                return Program(stmts, 1)
            decorators = self.decorators()
            stmts.append(self.statement(decorators))
            self.end_statement()

    def decorators(self) -> list:
        toks = self.toks
        out = []
        while toks[self.i][0] == "@":
            at = toks[self.i]
            self.i += 1
            expr = self.postfix(self.primary())
            if not isinstance(expr, Call):
                raise self.error("a decorator must be a function call, like @description('...')", at)
            out.append(Decorator(expr, at[2]))
            self.skip_nl()
        return out

    def statement(self, decorators: list) -> Any:
        tok = self.toks[self.i]
        if tok[0] != "id":
            raise self.error(f"expected a declaration, found {_describe(tok)}", tok)
        word = tok[1]
        line = tok[2]
        self.i += 1
        if word == "resource":
            return self.resource_decl(decorators, line)
        if word == "param":
            return self.param_decl(decorators, line)
        if word == "var":
            name = self.expect_id("variable name")
            vtype = None
            if self.toks[self.i][0] != "=":
                vtype = self.type_expr()
            self.expect("=")
            self.skip_nl()
            value = self.expression()
            return Var(name, value, line, decorators, vtype, self.last_line())
        if word == "output":
            name = self.expect_id("output name")
            t = self.toks[self.i]
            if t[0] == "id" and t[1] == "resource" and self.toks[self.i + 1][0] in ("str", "strl"):
                self.i += 1
                otype: Any = ResourceTypeRef(self.string_value("resource type"), t[2])
            else:
                otype = self.type_expr()
            self.expect("=")
            self.skip_nl()
            value = self.expression()
            return Output(name, otype, value, line, decorators, self.last_line())
        if word == "module":
            name = self.expect_id("module name")
            path = self.string_expr("module path")
            self.expect("=")
            self.skip_nl()
            body = self.decl_body()
            return Module(name, path, body, line, decorators, self.last_line())
        if word == "type":
            name = self.expect_id("type name")
            self.expect("=")
            self.skip_nl()
            return TypeDecl(name, self.type_expr(), line, decorators)
        if word == "func":
            return self.func_decl(decorators, line)
        if word == "import":
            return self.import_decl(decorators, line)
        if word in ("extension", "provider"):
            return self.extension_decl(decorators, line, self.extension_spec())
        if word == "targetScope":
            self.expect("=")
            return TargetScope(self.expression(), line)
        if word == "metadata":
            name = self.expect_id("metadata name")
            self.expect("=")
            self.skip_nl()
            return Metadata(name, self.expression(), line)
        if word == "assert":
            name = self.expect_id("assertion name")
            self.expect("=")
            self.skip_nl()
            return Assert(name, self.expression(), line, decorators)
        if word == "test":
            name = self.expect_id("test name")
            path = self.string_expr("test path")
            self.expect("=")
            self.skip_nl()
            return Test(name, path, self.expression(), line, decorators)
        if word == "using":
            t = self.toks[self.i]
            if t[0] == "id" and t[1] == "none":
                self.i += 1
                path = None
            else:
                path = self.string_expr("path of the Bicep file")
            config = None
            t = self.toks[self.i]
            if t[0] == "id" and t[1] == "with":
                self.i += 1
                config = self.expression()
            return Using(path, line, config)
        if word == "extends":
            return Extends(self.string_expr("path of the base parameters file"), line)
        raise self.error(f"unknown declaration '{word}'", tok)

    def string_value(self, what: str) -> str:
        tok = self.toks[self.i]
        if tok[0] != "str":
            raise self.error(f"expected {what} as a string, found {_describe(tok)}", tok)
        self.i += 1
        return tok[1]

    def string_expr(self, what: str) -> Any:
        tok = self.toks[self.i]
        if tok[0] in ("str", "strl", "ml", "mli"):
            return self.primary()
        raise self.error(f"expected {what} as a string, found {_describe(tok)}", tok)

    def decl_body(self) -> Any:
        tok = self.toks[self.i]
        if tok[0] == "id" and tok[1] == "if":
            return self.if_body()
        if tok[0] == "{":
            return self.object()
        if tok[0] == "[":
            expr = self.array_or_for()
            if not isinstance(expr, For):
                raise self.error("expected an object, an 'if' condition or a 'for' loop", tok)
            return expr
        raise self.error(f"expected an object, an 'if' condition or a 'for' loop, found {_describe(tok)}", tok)

    def if_body(self) -> IfBody:
        tok = self.toks[self.i]
        self.i += 1  # 'if'
        self.expect("(", "'(' after 'if'")
        cond = self.expression()
        self.expect(")", "')'")
        self.skip_nl()
        if self.toks[self.i][0] != "{":
            raise self.error(f"expected an object after the 'if' condition, found {_describe(self.toks[self.i])}")
        return IfBody(cond, self.object(), tok[2])

    def resource_decl(self, decorators: list, line: int) -> Resource:
        name = self.expect_id("resource symbolic name")
        rtype = self.string_expr("resource type")
        existing = False
        tok = self.toks[self.i]
        if tok[0] == "id" and tok[1] == "existing":
            existing = True
            self.i += 1
        self.expect("=")
        self.skip_nl()
        body = self.decl_body()
        return Resource(name, rtype, body, line, existing, decorators, self.last_line())

    def param_decl(self, decorators: list, line: int) -> Param:
        name = self.expect_id("parameter name")
        toks = self.toks
        tok = toks[self.i]
        if tok[0] == "=":  # .bicepparam assignment
            self.i += 1
            self.skip_nl()
            value = self.expression()
            return Param(name, None, value, line, decorators, self.last_line())
        if tok[0] == "id" and tok[1] == "resource" and toks[self.i + 1][0] in ("str", "strl"):
            self.i += 1
            ptype: Any = ResourceTypeRef(self.string_value("resource type"), tok[2])
        else:
            ptype = self.type_expr()
        default = None
        if toks[self.i][0] == "=":
            self.i += 1
            self.skip_nl()
            default = self.expression()
        return Param(name, ptype, default, line, decorators, self.last_line())

    def func_decl(self, decorators: list, line: int) -> Func:
        name = self.expect_id("function name")
        self.expect("(", "'(' after the function name")
        params = []
        toks = self.toks
        while toks[self.i][0] != ")":
            ptok = toks[self.i]
            pname = self.expect_id("parameter name")
            params.append(FuncParam(pname, self.type_expr(), ptok[2]))
            if toks[self.i][0] == ",":
                self.i += 1
            elif toks[self.i][0] != ")":
                raise self.error(f"expected ',' or ')', found {_describe(toks[self.i])}")
        self.i += 1
        result = self.type_expr()
        self.expect("=>", "'=>'")
        self.skip_nl()
        return Func(name, params, result, self.expression(), line, decorators)

    def import_decl(self, decorators: list, line: int) -> Any:
        toks = self.toks
        tok = toks[self.i]
        if tok[0] in ("str", "strl"):  # legacy extension import: import 'az@1.0.0' with {...} as x
            return self.extension_decl(decorators, line, self.string_expr("extension"))
        symbols = []
        wildcard = None
        if tok[0] == "*":
            self.i += 1
            self.expect_kw("as")
            wildcard = self.expect_id("namespace name")
        elif tok[0] == "{":
            self.i += 1
            while True:
                t = toks[self.i]
                if t[0] in ("nl", ","):
                    self.i += 1
                    continue
                if t[0] == "}":
                    self.i += 1
                    break
                sym = self.expect_id("imported symbol name")
                alias = None
                t = toks[self.i]
                if t[0] == "id" and t[1] == "as":
                    self.i += 1
                    alias = self.expect_id("alias")
                symbols.append((sym, alias))
        else:
            raise self.error(f"expected '{{' or '*' after 'import', found {_describe(tok)}", tok)
        self.expect_kw("from")
        path = self.string_expr("import path")
        return Import(path, line, symbols, wildcard, decorators)

    def extension_spec(self) -> Any:
        tok = self.toks[self.i]
        if tok[0] == "id":
            self.i += 1
            return Ident(tok[1], tok[2])
        return self.string_expr("extension")

    def extension_decl(self, decorators: list, line: int, spec: Any) -> Extension:
        config = None
        alias = None
        tok = self.toks[self.i]
        if tok[0] == "id" and tok[1] == "with":
            self.i += 1
            config = self.object()
            tok = self.toks[self.i]
        if tok[0] == "id" and tok[1] == "as":
            self.i += 1
            alias = self.expect_id("alias")
        return Extension(spec, line, config, alias, decorators)

    # ---- expressions
    def expression(self) -> Any:
        cond = self.binary(1)
        toks = self.toks
        tok = toks[self.i]
        if tok[0] == "nl":
            j = self.i
            while toks[j][0] == "nl":
                j += 1
            if toks[j][0] != "?":
                return cond
            self.i = j
            tok = toks[j]
        if tok[0] != "?":
            return cond
        self.i += 1
        self.skip_nl()
        then = self.expression()
        self.skip_nl()
        self.expect(":", "':' of the conditional expression")
        self.skip_nl()
        other = self.expression()
        return Ternary(cond, then, other, tok[2])

    def binary(self, min_prec: int) -> Any:
        left = self.unary()
        toks = self.toks
        prec_of = _BINARY_PREC.get
        while True:
            tok = toks[self.i]
            kind = tok[0]
            if kind == "nl":
                j = self.i + 1
                while toks[j][0] == "nl":
                    j += 1
                if toks[j][0] not in _CONTINUATION or toks[j][0] == "?":
                    return left
                tok = toks[j]
                kind = tok[0]
                prec = prec_of(kind)
                if prec is None or prec < min_prec:
                    return left
                self.i = j
            else:
                prec = prec_of(kind)
                if prec is None or prec < min_prec:
                    return left
            self.i += 1
            self.skip_nl()
            right = self.binary(prec + 1)
            left = Binary(kind, left, right, tok[2])

    def unary(self) -> Any:
        tok = self.toks[self.i]
        kind = tok[0]
        if kind == "!" or kind == "-" or kind == "+":
            self.i += 1
            operand = self.unary()
            if kind == "-" and type(operand) is Lit and type(operand.value) in (int, float):
                return Lit(-operand.value, tok[2])
            return Unary(kind, operand, tok[2])
        return self.postfix(self.primary())

    def postfix(self, expr: Any) -> Any:
        toks = self.toks
        while True:
            tok = toks[self.i]
            kind = tok[0]
            if kind == ".":
                self.i += 1
                name = self.expect_id("property name after '.'")
                if toks[self.i][0] == "(":
                    expr = Call(name, self.arguments(), tok[2], expr)
                else:
                    expr = Member(expr, name, tok[2])
            elif kind == "[" or kind == "[?" or kind == "[^" or kind == "[?^":
                self.i += 1
                self.skip_nl()
                index = self.expression()
                self.skip_nl()
                self.expect("]", "']'")
                expr = Index(expr, index, tok[2], "?" in kind, "^" in kind)
            elif kind == ".?":
                self.i += 1
                name = self.expect_id("property name after '.?'")
                expr = Member(expr, name, tok[2], True)
            elif kind == "!":
                self.i += 1
                expr = NonNull(expr, tok[2])
            elif kind == "::":
                self.i += 1
                expr = Member(expr, self.expect_id("nested resource name after '::'"), tok[2], False, True)
            else:
                return expr

    def arguments(self) -> list:
        toks = self.toks
        self.i += 1  # '('
        args = []
        if toks[self.i][0] == ")":
            self.i += 1
            return args
        while True:
            self.skip_nl()
            args.append(self.expression())
            self.skip_nl()
            tok = toks[self.i]
            self.i += 1
            if tok[0] == ")":
                return args
            if tok[0] != ",":
                raise self.error(f"expected ',' or ')' in the argument list, found {_describe(tok)}", tok)

    def primary(self) -> Any:
        toks = self.toks
        tok = toks[self.i]
        kind = tok[0]
        if kind == "id":
            self.i += 1
            name = tok[1]
            nxt = toks[self.i][0]
            if nxt == "(":
                return Call(name, self.arguments(), tok[2])
            if nxt == "=>":
                self.i += 1
                self.skip_nl()
                return Lambda([name], self.expression(), tok[2])
            if name in _LITERAL_IDS:
                return Lit(_LITERAL_IDS[name], tok[2])
            return Ident(name, tok[2])
        if kind == "str":
            self.i += 1
            return Lit(tok[1], tok[2])
        if kind == "{":
            return self.object()
        if kind == "[":
            return self.array_or_for()
        if kind == "num":
            self.i += 1
            return Lit(tok[1], tok[2])
        if kind == "strl":
            return self.interpolation()
        if kind == "(":
            lam = self.try_lambda()
            if lam is not None:
                return lam
            self.i += 1
            expr = self.expression()
            self.expect(")", "')'")
            return expr
        if kind == "ml":
            self.i += 1
            return Lit(tok[1], tok[2])
        if kind == "mli":
            self.i += 1
            return Interp(tok[1], tok[2])
        raise self.error(f"expected an expression, found {_describe(tok)}", tok)

    def try_lambda(self) -> Lambda | None:
        toks = self.toks
        j = self.i + 1
        params = []
        if toks[j][0] != ")":
            while True:
                if toks[j][0] != "id":
                    return None
                params.append(toks[j][1])
                j += 1
                if toks[j][0] == ",":
                    j += 1
                    continue
                if toks[j][0] == ")":
                    break
                return None
        if toks[j + 1][0] != "=>":
            return None
        line = toks[self.i][2]
        self.i = j + 2
        self.skip_nl()
        return Lambda(params, self.expression(), line)

    def interpolation(self) -> Interp:
        toks = self.toks
        tok = toks[self.i]
        self.i += 1
        parts: list = [tok[1]]
        while True:
            self.skip_nl()
            parts.append(self.expression())
            self.skip_nl()
            t = toks[self.i]
            self.i += 1
            if t[0] == "strm":
                parts.append(t[1])
            elif t[0] == "strr":
                parts.append(t[1])
                return Interp(parts, tok[2])
            else:
                raise self.error(f"expected '}}' to close the string interpolation, found {_describe(t)}", t)

    def array_or_for(self) -> Any:
        toks = self.toks
        start = toks[self.i]
        self.i += 1
        self.skip_nl()
        tok = toks[self.i]
        if tok[0] == "id" and tok[1] == "for":
            return self.for_expr(start)
        items = []
        while True:
            tok = toks[self.i]
            kind = tok[0]
            if kind == "]":
                self.i += 1
                return Array(items, start[2])
            if kind == "nl" or kind == ",":
                self.i += 1
                continue
            if kind == "...":
                self.i += 1
                items.append(Spread(self.expression(), tok[2]))
            else:
                items.append(self.expression())
            kind = toks[self.i][0]
            if kind != "nl" and kind != "," and kind != "]":
                raise self.error(f"expected ',', a new line or ']' after the array item, found {_describe(toks[self.i])}")

    def for_expr(self, start: tuple) -> For:
        toks = self.toks
        self.i += 1  # 'for'
        index = None
        if toks[self.i][0] == "(":
            self.i += 1
            item = self.expect_id("loop variable")
            if toks[self.i][0] == ",":
                self.i += 1
                index = self.expect_id("index variable")
            self.expect(")", "')'")
        else:
            item = self.expect_id("loop variable")
        self.expect_kw("in")
        iterable = self.expression()
        self.expect(":", "':' after the loop expression")
        self.skip_nl()
        tok = toks[self.i]
        if tok[0] == "id" and tok[1] == "if" and toks[self.i + 1][0] == "(":
            body: Any = self.if_body()
        else:
            body = self.expression()
        self.skip_nl()
        self.expect("]", "']' to close the 'for' loop")
        return For(item, index, iterable, body, start[2])

    def object(self) -> Obj:
        toks = self.toks
        start = toks[self.i]
        self.i += 1  # '{'
        props: list = []
        while True:
            tok = toks[self.i]
            kind = tok[0]
            if kind == "}":
                self.i += 1
                return Obj(props, start[2], tok[2])
            if kind == "nl" or kind == ",":
                self.i += 1
                continue
            decorators = self.decorators() if kind == "@" else []
            tok = toks[self.i]
            kind = tok[0]
            if kind == "...":
                self.i += 1
                props.append(Spread(self.expression(), tok[2]))
            elif kind == "id":
                if tok[1] == "resource" and toks[self.i + 1][0] == "id":
                    self.i += 1
                    props.append(self.resource_decl(decorators, tok[2]))
                else:
                    self.i += 1
                    self.expect(":", f"':' after the property name '{tok[1]}'")
                    self.skip_nl()
                    props.append(Prop(tok[1], self.expression(), tok[2], decorators))
            elif kind == "str" or kind == "ml":
                self.i += 1
                self.expect(":", "':' after the property name")
                self.skip_nl()
                props.append(Prop(tok[1], self.expression(), tok[2], decorators))
            elif kind == "strl":
                key = self.interpolation()
                self.expect(":", "':' after the property name")
                self.skip_nl()
                props.append(Prop(key, self.expression(), tok[2], decorators))
            else:
                raise self.error(f"expected a property name or '}}', found {_describe(tok)}", tok)
            kind = toks[self.i][0]
            if kind != "nl" and kind != "," and kind != "}":
                raise self.error(
                    f"expected ',', a new line or '}}' after the property, found {_describe(toks[self.i])}"
                )

    # ---- types
    def type_expr(self) -> Any:
        toks = self.toks
        line = toks[self.i][2]
        if toks[self.i][0] == "|":
            self.i += 1
            self.skip_nl()
        first = self.singular_type()
        members = None
        while True:
            j = self.i
            while toks[j][0] == "nl":
                j += 1
            if toks[j][0] != "|":
                break
            self.i = j + 1
            self.skip_nl()
            if members is None:
                members = [first]
            members.append(self.singular_type())
        return TypeUnion(members, line) if members else first

    def singular_type(self) -> Any:
        toks = self.toks
        t = self.primary_type()
        while True:
            tok = toks[self.i]
            kind = tok[0]
            if kind == "[" and toks[self.i + 1][0] == "]":
                self.i += 2
                t = TypeArrayOf(t, tok[2])
            elif kind == "?":
                self.i += 1
                t = TypeNullable(t, tok[2])
            elif kind == "[" and isinstance(t, TypeRef):
                self.i += 1
                idx = toks[self.i]
                if idx[0] not in ("num", "*"):
                    raise self.error(f"expected a number or '*' in the type index, found {_describe(idx)}", idx)
                self.i += 1
                self.expect("]", "']'")
                t.path.append(idx[1])
            elif kind == "." and isinstance(t, TypeRef):
                self.i += 1
                t.path.append(self.expect_id("property name"))
            elif kind == ".*" and isinstance(t, TypeRef):
                self.i += 1
                t.path.append("*")
            else:
                return t

    def primary_type(self) -> Any:
        toks = self.toks
        tok = toks[self.i]
        kind = tok[0]
        line = tok[2]
        if kind == "id":
            self.i += 1
            if tok[1] in _LITERAL_IDS:
                return TypeLit(_LITERAL_IDS[tok[1]], line)
            ref = TypeRef(tok[1], line)
            if toks[self.i][0] == "<":
                self.i += 1
                while True:
                    self.skip_nl()
                    ref.args.append(self.type_expr())
                    self.skip_nl()
                    t = toks[self.i]
                    self.i += 1
                    if t[0] == ">":
                        break
                    if t[0] != ",":
                        raise self.error(f"expected ',' or '>' in the type arguments, found {_describe(t)}", t)
            return ref
        if kind in ("str", "ml", "num"):
            self.i += 1
            return TypeLit(tok[1], line)
        if kind == "-" or kind == "!":
            self.i += 1
            lit = toks[self.i]
            if kind == "-" and lit[0] == "num":
                self.i += 1
                return TypeLit(-lit[1], line)
            if kind == "!" and lit[0] == "id" and lit[1] in ("true", "false"):
                self.i += 1
                return TypeLit(lit[1] != "true", line)
            raise self.error(f"expected a literal after '{kind}', found {_describe(lit)}", lit)
        if kind == "{":
            return self.object_type()
        if kind == "[":
            return self.tuple_type()
        if kind == "(":
            self.i += 1
            self.skip_nl()
            t = self.type_expr()
            self.skip_nl()
            self.expect(")", "')'")
            return t
        raise self.error(f"expected a type, found {_describe(tok)}", tok)

    def object_type(self) -> TypeObject:
        toks = self.toks
        start = toks[self.i]
        self.i += 1
        props = []
        while True:
            tok = toks[self.i]
            kind = tok[0]
            if kind == "}":
                self.i += 1
                return TypeObject(props, start[2])
            if kind == "nl" or kind == ",":
                self.i += 1
                continue
            decorators = self.decorators() if kind == "@" else []
            tok = toks[self.i]
            kind = tok[0]
            if kind in ("id", "str", "ml", "*"):
                self.i += 1
                key = tok[1]
            else:
                raise self.error(f"expected a property name or '}}' in the object type, found {_describe(tok)}", tok)
            if toks[self.i][0] == "?":  # tolerated: `name?: type`
                self.i += 1
            self.expect(":", "':' after the property name")
            self.skip_nl()
            props.append(TypeProp(key, self.type_expr(), tok[2], decorators))
            kind = toks[self.i][0]
            if kind != "nl" and kind != "," and kind != "}":
                raise self.error(f"expected a new line or '}}' after the property type, found {_describe(toks[self.i])}")

    def tuple_type(self) -> TypeTuple:
        toks = self.toks
        start = toks[self.i]
        self.i += 1
        items = []
        while True:
            tok = toks[self.i]
            kind = tok[0]
            if kind == "]":
                self.i += 1
                return TypeTuple(items, start[2])
            if kind == "nl" or kind == ",":
                self.i += 1
                continue
            decorators = self.decorators() if kind == "@" else []
            items.append(TypeTupleItem(self.type_expr(), toks[self.i][2], decorators))
            kind = toks[self.i][0]
            if kind != "nl" and kind != "," and kind != "]":
                raise self.error(f"expected a new line or ']' after the tuple item, found {_describe(toks[self.i])}")


def parse(text: str) -> Program:
    """Parse Bicep (or `.bicepparam`) source text into a `Program`.

    Raises `BicepSyntaxError` with the 1-based line and column of the first error.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    toks = tokenize(text)
    try:
        return _Parser(toks, text).program()
    except RecursionError:
        raise BicepSyntaxError("expression nested too deeply", 1, 1) from None
