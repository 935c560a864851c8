"""The expression grammar of Bicep: recursive descent with precedence climbing.

`ExpressionParser.expression()` parses a conditional (`a ? b : c`) over binary operators
by precedence (`??` lowest, then `||`, `&&`, equality, comparison, `+ -`, `* / %`), unary
`! - +`, postfix access (`.x`, `.?x`, `[i]`, `[?i]`, `[^i]`, `::child`, `!`, calls), and
primaries: literals, identifiers, calls, lambdas (`x => ...`, `(a, b) => ...`), strings
with interpolation, objects (with decorated properties, spreads and nested resources),
arrays and `for` expressions with an optional `if` body. An operator that cannot start an
expression may begin the next line and continue the expression. Nesting is bounded by
`Limits.depth`: brackets by the lexer, the chains no bracket shows (conditionals, unary
operators, lambdas) here (`TokenCursor.deeper`), each an error beyond it.
"""

from __future__ import annotations

from typing import Any

from aispm.providers.azure.bicep.cursor import LITERAL_IDS, TokenCursor, describe
from aispm.providers.azure.bicep.syntax import (
    Array,
    Binary,
    Call,
    Decorator,
    For,
    Ident,
    IfBody,
    Index,
    Interp,
    Lambda,
    Lit,
    Member,
    NonNull,
    Obj,
    Prop,
    Spread,
    Ternary,
    Unary,
)

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
_CONTINUATION = frozenset(k for k in _BINARY_PREC if k not in ("+", "-")) | {"?"}


class ExpressionParser(TokenCursor):
    """Expressions, decorators and the string forms declarations use (`parser._Parser` adds
    `resource_decl`, which `object` calls for a nested resource)."""

    __slots__ = ()

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

    def string_value(self, what: str) -> str:
        tok = self.toks[self.i]
        if tok[0] != "str":
            raise self.error(f"expected {what} as a string, found {describe(tok)}", tok)
        self.i += 1
        return tok[1]

    def string_expr(self, what: str) -> Any:
        tok = self.toks[self.i]
        if tok[0] in ("str", "strl", "ml", "mli"):
            return self.primary()
        raise self.error(f"expected {what} as a string, found {describe(tok)}", tok)

    def if_body(self) -> IfBody:
        tok = self.toks[self.i]
        self.i += 1  # 'if'
        self.expect("(", "'(' after 'if'")
        cond = self.expression()
        self.expect(")", "')'")
        self.skip_nl()
        if self.toks[self.i][0] != "{":
            raise self.error(f"expected an object after the 'if' condition, found {describe(self.toks[self.i])}")
        return IfBody(cond, self.object(), tok[2])

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
        self.deeper()
        then = self.expression()
        self.skip_nl()
        self.expect(":", "':' of the conditional expression")
        self.skip_nl()
        other = self.expression()
        self.depth -= 1
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
            self.deeper()
            operand = self.unary()
            self.depth -= 1
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
                raise self.error(f"expected ',' or ')' in the argument list, found {describe(tok)}", tok)

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
                self.deeper()
                body = self.expression()
                self.depth -= 1
                return Lambda([name], body, tok[2])
            if name in LITERAL_IDS:
                return Lit(LITERAL_IDS[name], tok[2])
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
        raise self.error(f"expected an expression, found {describe(tok)}", tok)

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
        self.deeper()
        body = self.expression()
        self.depth -= 1
        return Lambda(params, body, line)

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
                raise self.error(f"expected '}}' to close the string interpolation, found {describe(t)}", t)

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
                raise self.error(f"expected ',', a new line or ']' after the array item, found {describe(toks[self.i])}")

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
            props.append(self.object_member(self.decorators() if kind == "@" else []))
            kind = toks[self.i][0]
            if kind != "nl" and kind != "," and kind != "}":
                raise self.error(
                    f"expected ',', a new line or '}}' after the property, found {describe(toks[self.i])}"
                )

    def object_member(self, decorators: list) -> Any:
        """One member of an object: `key: value` (the key a name, a string or an interpolated
        string), `...spread`, or a nested `resource` declaration."""
        toks = self.toks
        tok = toks[self.i]
        kind = tok[0]
        if kind == "...":
            self.i += 1
            return Spread(self.expression(), tok[2])
        if kind == "id":
            self.i += 1
            if tok[1] == "resource" and toks[self.i][0] == "id":
                return self.resource_decl(decorators, tok[2])
            self.expect(":", f"':' after the property name {describe(tok)}")
            key: Any = tok[1]
        elif kind == "str" or kind == "ml":
            self.i += 1
            self.expect(":", "':' after the property name")
            key = tok[1]
        elif kind == "strl":
            key = self.interpolation()
            self.expect(":", "':' after the property name")
        else:
            raise self.error(f"expected a property name or '}}', found {describe(tok)}", tok)
        self.skip_nl()
        return Prop(key, self.expression(), tok[2], decorators)
