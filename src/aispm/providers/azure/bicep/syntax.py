"""The syntax tree of a Bicep file: one slotted dataclass per construct, and the syntax error.

Expressions (`Lit`, `Interp`, `Ident`, `Array`, `Obj`, `Call`, `Member`, `Index`,
`NonNull`, `Unary`, `Binary`, `Ternary`, `Lambda`, `For`, `IfBody`), types (`TypeRef`,
`TypeUnion`, `TypeObject`, ...) and statements (`Param`, `Var`, `Resource`, `Module`,
`Output`, `Func`, `Import`, ... and the `.bicepparam` `Using` / `Extends`), gathered in a
`Program`. Every node carries its 1-based `line` (declarations also `end_line`). The
nodes are plain data: `bicep.parser` builds them, the Bicep source evaluates them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Union


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
