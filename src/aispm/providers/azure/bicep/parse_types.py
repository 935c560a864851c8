"""The type grammar of Bicep: the types of parameters, outputs, `type` declarations, functions.

Named types with type arguments (`resourceInput<'T@v'>`) and property / index paths
(`.properties`, `[0]`, `[*]`, `.*`), literal types (`'a'`, `1`, `-1`, `true`, `!true`),
unions (`'a' | 'b'`, optionally led by `|`, continued across lines, even when the first `|` is on
the line after the parameter's name), arrays (`t[]`),
nullable (`t?`), object types with decorated members (`*` for additional properties) and
tuples. Types are parsed, not checked: the evaluator only reads a few of them (a nullable
module parameter defaults to null, an output type names a secure output).
"""

from __future__ import annotations

from typing import Any

from aispm.providers.azure.bicep.cursor import LITERAL_IDS, TokenCursor, describe
from aispm.providers.azure.bicep.syntax import (
    TypeArrayOf,
    TypeLit,
    TypeNullable,
    TypeObject,
    TypeProp,
    TypeRef,
    TypeTuple,
    TypeTupleItem,
    TypeUnion,
)


class TypeParser(TokenCursor):
    """Type expressions (`object_type` and `tuple_type` read member decorators with
    `ExpressionParser.decorators`)."""

    __slots__ = ()

    def type_expr(self) -> Any:
        toks = self.toks
        if toks[self.i][0] == "nl":  # `param mode` then `| 'A'` on the next lines: a union led by `|`
            j = self.i
            while toks[j][0] == "nl":
                j += 1
            if toks[j][0] == "|":
                self.i = j
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
                    raise self.error(f"expected a number or '*' in the type index, found {describe(idx)}", idx)
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
            if tok[1] in LITERAL_IDS:
                return TypeLit(LITERAL_IDS[tok[1]], line)
            ref = TypeRef(tok[1], line)
            if toks[self.i][0] == "<":
                self.type_arguments(ref)
            return ref
        if kind in ("str", "ml", "num"):
            self.i += 1
            return TypeLit(tok[1], line)
        if kind == "-" or kind == "!":
            return self.negated_literal_type(kind, line)
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
        raise self.error(f"expected a type, found {describe(tok)}", tok)

    def type_arguments(self, ref: TypeRef) -> None:
        """`<t1, t2>` after a type name, into `ref.args`."""
        toks = self.toks
        self.i += 1  # '<'
        self.deeper()
        while True:
            self.skip_nl()
            ref.args.append(self.type_expr())
            self.skip_nl()
            t = toks[self.i]
            self.i += 1
            if t[0] == ">":
                self.depth -= 1
                return
            if t[0] != ",":
                raise self.error(f"expected ',' or '>' in the type arguments, found {describe(t)}", t)

    def negated_literal_type(self, kind: str, line: int) -> TypeLit:
        """`-1` or `!true` as a literal type (`kind` is the operator)."""
        toks = self.toks
        self.i += 1
        lit = toks[self.i]
        if kind == "-" and lit[0] == "num":
            self.i += 1
            return TypeLit(-lit[1], line)
        if kind == "!" and lit[0] == "id" and lit[1] in ("true", "false"):
            self.i += 1
            return TypeLit(lit[1] != "true", line)
        raise self.error(f"expected a literal after '{kind}', found {describe(lit)}", lit)

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
                raise self.error(f"expected a property name or '}}' in the object type, found {describe(tok)}", tok)
            if toks[self.i][0] == "?":  # tolerated: `name?: type`
                self.i += 1
            self.expect(":", "':' after the property name")
            self.skip_nl()
            props.append(TypeProp(key, self.type_expr(), tok[2], decorators))
            kind = toks[self.i][0]
            if kind != "nl" and kind != "," and kind != "}":
                raise self.error(f"expected a new line or '}}' after the property type, found {describe(toks[self.i])}")

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
                raise self.error(f"expected a new line or ']' after the tuple item, found {describe(toks[self.i])}")
