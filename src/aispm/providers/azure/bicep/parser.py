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

Design: `bicep.lexer` tokenizes with one master regex; the syntax tree is
`bicep.syntax`; the grammar is recursive descent over a `cursor.TokenCursor`, in three
parts: declarations here, expressions (precedence climbing) in `parse_expressions`,
types in `parse_types`. Every node carries `line` (1-based). Nesting deeper than
`max_depth` (`Limits.depth`) is a `BicepSyntaxError` ("nested deeper than N levels"),
checked as the lexer and the parser go, before the recursion can run out; the parse runs
with room for that many levels (`arm.functions.budget.recursion_room`).
"""

from __future__ import annotations

from typing import Any, Callable

from aispm.limits import DEFAULT, Limits
from aispm.providers.azure.arm.functions.budget import recursion_room
from aispm.providers.azure.bicep.cursor import describe
from aispm.providers.azure.bicep.lexer import tokenize
from aispm.providers.azure.bicep.parse_expressions import ExpressionParser
from aispm.providers.azure.bicep.parse_types import TypeParser
from aispm.providers.azure.bicep.syntax import (
    Assert,
    BicepSyntaxError,
    Extends,
    Extension,
    For,
    Func,
    FuncParam,
    Ident,
    IfBody,
    Import,
    Metadata,
    Module,
    Obj,
    Output,
    Param,
    Program,
    Resource,
    ResourceTypeRef,
    TargetScope,
    Test,
    TypeDecl,
    Using,
    Var,
)

__all__ = ["parse", "parse_embedded"]


class _Parser(ExpressionParser, TypeParser):
    """A whole file: a list of (decorated) declarations, one per line."""

    __slots__ = ()

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

    def statement(self, decorators: list) -> Any:
        tok = self.toks[self.i]
        if tok[0] != "id":
            raise self.error(f"expected a declaration, found {describe(tok)}", tok)
        declaration = _DECLARATIONS.get(tok[1])
        self.i += 1
        if declaration is None:
            raise self.error(f"unknown declaration {describe(tok)}", tok)
        return declaration(self, decorators, tok[2])

    def var_decl(self, decorators: list, line: int) -> Var:
        name = self.expect_id("variable name")
        vtype = None
        if self.toks[self.i][0] != "=":
            vtype = self.type_expr()
        self.expect("=")
        self.skip_nl()
        value = self.expression()
        return Var(name, value, line, decorators, vtype, self.last_line())

    def output_decl(self, decorators: list, line: int) -> Output:
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

    def module_decl(self, decorators: list, line: int) -> Module:
        name = self.expect_id("module name")
        path = self.string_expr("module path")
        self.expect("=")
        self.skip_nl()
        body = self.decl_body()
        return Module(name, path, body, line, decorators, self.last_line())

    def type_decl(self, decorators: list, line: int) -> TypeDecl:
        name = self.expect_id("type name")
        self.expect("=")
        self.skip_nl()
        return TypeDecl(name, self.type_expr(), line, decorators)

    def extension_stmt(self, decorators: list, line: int) -> Extension:
        return self.extension_decl(decorators, line, self.extension_spec())

    def target_scope(self, decorators: list, line: int) -> TargetScope:
        self.expect("=")
        return TargetScope(self.expression(), line)

    def metadata_decl(self, decorators: list, line: int) -> Metadata:
        name = self.expect_id("metadata name")
        self.expect("=")
        self.skip_nl()
        return Metadata(name, self.expression(), line)

    def assert_decl(self, decorators: list, line: int) -> Assert:
        name = self.expect_id("assertion name")
        self.expect("=")
        self.skip_nl()
        return Assert(name, self.expression(), line, decorators)

    def test_decl(self, decorators: list, line: int) -> Test:
        name = self.expect_id("test name")
        path = self.string_expr("test path")
        self.expect("=")
        self.skip_nl()
        return Test(name, path, self.expression(), line, decorators)

    def using_decl(self, decorators: list, line: int) -> Using:
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

    def extends_decl(self, decorators: list, line: int) -> Extends:
        return Extends(self.string_expr("path of the base parameters file"), line)

    def decl_body(self) -> Any:
        tok = self.toks[self.i]
        if tok[0] == "id" and tok[1] == "if":
            return self.if_body()
        if tok[0] == "{":
            return self.object()
        if tok[0] == "[":
            expr = self.array_or_for()
            if not isinstance(expr, For) or not isinstance(expr.body, (Obj, IfBody)):
                raise self.error("expected an object, an 'if' condition or a 'for' loop of objects", tok)
            return expr
        raise self.error(f"expected an object, an 'if' condition or a 'for' loop, found {describe(tok)}", tok)

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
                raise self.error(f"expected ',' or ')', found {describe(toks[self.i])}")
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
            raise self.error(f"expected '{{' or '*' after 'import', found {describe(tok)}", tok)
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


# The parser of each declaration keyword (called after the keyword).
_DECLARATIONS: dict[str, Callable[[_Parser, list, int], Any]] = {
    "resource": _Parser.resource_decl,
    "param": _Parser.param_decl,
    "var": _Parser.var_decl,
    "output": _Parser.output_decl,
    "module": _Parser.module_decl,
    "type": _Parser.type_decl,
    "func": _Parser.func_decl,
    "import": _Parser.import_decl,
    "extension": _Parser.extension_stmt,
    "provider": _Parser.extension_stmt,
    "targetScope": _Parser.target_scope,
    "metadata": _Parser.metadata_decl,
    "assert": _Parser.assert_decl,
    "test": _Parser.test_decl,
    "using": _Parser.using_decl,
    "extends": _Parser.extends_decl,
}


def parse(text: str, limits: Limits = DEFAULT) -> Program:
    """Parse Bicep (or `.bicepparam`) source text into a `Program`.

    Raises `BicepSyntaxError` with the 1-based line and column of the first error (nesting
    deeper than `limits.depth` is one).
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    with recursion_room(limits):
        toks = tokenize(text, limits.depth)
        try:
            return _Parser(toks, text, limits.depth).program()
        except RecursionError:
            raise BicepSyntaxError(f"nested deeper than {limits.depth} levels", 1, 1) from None


def parse_embedded(toks: list[tuple], text: str, line: int) -> Any:
    """The one expression of an interpolation in a multi-line string (`toks` already carry
    file line numbers; `line` is where the interpolation starts)."""
    parser = _Parser(toks, text)
    expr = parser.expression()
    parser.skip_nl()
    if toks[parser.i][0] != "eof":
        raise BicepSyntaxError("unexpected text in a multi-line string interpolation", line, 1)
    return expr
