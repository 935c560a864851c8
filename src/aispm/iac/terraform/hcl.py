"""HCL parsing for the Terraform source: tree-sitter-hcl → a small tuple IR.

The tree-sitter tree is walked once per file and turned into plain Python
tuples, so that later evaluation (which may run many times per file: `count`,
`for_each`, one module called from several places) never touches tree-sitter
nodes again.

IR of an expression (first item is the tag):

    ("lit", value)                      literal (str, int, float, bool, None)
    ("tmpl", parts)                     template: parts are str or expression IR
    ("tuple", [ir])                     ("obj", [(key_ir, value_ir)])
    ("ref", root, steps)                `root.a[0].b`; steps: ("a", name) | ("i", ir) | ("splat", steps)
    ("call", name, [ir], expand)        function call; expand = last arg has `...`
    ("cond", c, a, b)                   ("bin", op, l, r)     ("un", op, x)
    ("for", kvar, vvar, coll, key_ir|None, val_ir, cond_ir|None, group)
    ("unk", reason)                     could not be parsed into something we evaluate

A body is `Body(attrs={name: (ir, line)}, blocks=[Block])`; a `Block` has its
type, labels, body and 1-based start/end lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import tree_sitter_hcl
from tree_sitter import Language, Node, Parser

_LANGUAGE = Language(tree_sitter_hcl.language())


def _parser() -> Parser:
    return Parser(_LANGUAGE)


@dataclass
class Body:
    attrs: dict[str, tuple[Any, int]] = field(default_factory=dict)
    blocks: list["Block"] = field(default_factory=list)


@dataclass
class Block:
    type: str
    labels: list[str]
    body: Body
    line: int
    end_line: int


@dataclass
class ParsedFile:
    blocks: list[Block]
    error: tuple[int, str] | None = None  # (line, message) of the first syntax error
    attrs: dict[str, tuple[Any, int]] = field(default_factory=dict)  # top-level attributes (tfvars)


_BIN_OPS = frozenset(("*", "/", "%", "+", "-", "<", ">", "<=", ">=", "==", "!=", "&&", "||"))
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
_ESC_RE = re.compile(r'\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[ntr"\\])|\$\$\{|%%\{')


def _unescape(text: str) -> str:
    if "\\" not in text and "$${" not in text and "%%{" not in text:
        return text

    def sub(m: re.Match) -> str:
        s = m.group(0)
        if s == "$${":
            return "${"
        if s == "%%{":
            return "%{"
        e = m.group(1)
        if e[0] in "uU":
            return chr(int(e[1:], 16))
        return _ESCAPES[e]

    return _ESC_RE.sub(sub, text)


class _Builder:
    __slots__ = ("src",)

    def __init__(self, src: bytes) -> None:
        self.src = src

    def text(self, node: Node) -> str:
        return self.src[node.start_byte : node.end_byte].decode("utf-8", "replace")

    # -- structure ----------------------------------------------------------
    def body(self, node: Node) -> Body:
        body = Body()
        for ch in node.named_children:
            t = ch.type
            if t == "attribute":
                kids = ch.named_children
                if len(kids) >= 2:
                    body.attrs[self.text(kids[0])] = (self.expr(kids[1]), ch.start_point[0] + 1)
            elif t == "block":
                b = self.block(ch)
                if b is not None:
                    body.blocks.append(b)
        return body

    def block(self, node: Node) -> Block | None:
        btype = None
        labels: list[str] = []
        inner = None
        for ch in node.named_children:
            t = ch.type
            if t == "identifier":
                if btype is None:
                    btype = self.text(ch)
                else:
                    labels.append(self.text(ch))
            elif t == "string_lit":
                labels.append(self._string_lit(ch))
            elif t == "body":
                inner = self.body(ch)
        if btype is None:
            return None
        return Block(btype, labels, inner or Body(), node.start_point[0] + 1, node.end_point[0] + 1)

    # -- expressions --------------------------------------------------------
    def expr(self, node: Node) -> Any:
        if node.type == "expression":
            return self.seq(node.named_children)
        return self.seq([node])

    def seq(self, nodes: list[Node]) -> Any:
        """A primary expression followed by get_attr / index / splat postfixes."""
        if not nodes:
            return ("unk", "empty expression")
        cur = self.primary(nodes[0])
        if len(nodes) == 1:
            return cur
        steps: list[Any] = []
        i = 1
        n = len(nodes)
        while i < n:
            node = nodes[i]
            t = node.type
            if t == "get_attr":
                steps.append(("a", self.text(node.named_children[-1])))
            elif t == "index":
                steps.append(self._index(node))
            elif t == "splat":
                # everything after a splat applies to each element
                sp = node.named_children[0] if node.named_children else None
                inner_steps: list[Any] = []
                if sp is not None:
                    for c in sp.named_children:
                        if c.type == "get_attr":
                            inner_steps.append(("a", self.text(c.named_children[-1])))
                        elif c.type == "index":
                            inner_steps.append(self._index(c))
                for c in nodes[i + 1 :]:
                    if c.type == "get_attr":
                        inner_steps.append(("a", self.text(c.named_children[-1])))
                    elif c.type == "index":
                        inner_steps.append(self._index(c))
                    else:
                        return ("unk", "unsupported splat expression")
                steps.append(("splat", inner_steps))
                break
            else:
                return ("unk", f"unsupported expression part {t}")
            i += 1
        if cur[0] == "ref":
            return ("ref", cur[1], cur[2] + steps)
        return ("ref", cur, steps)  # postfix on a computed value

    def _index(self, node: Node) -> Any:
        inner = node.named_children[0] if node.named_children else None
        if inner is None:
            return ("i", ("unk", "bad index"))
        if inner.type == "legacy_index":
            t = self.text(inner).lstrip(".")
            return ("i", ("lit", int(t)) if t.isdigit() else ("unk", "bad index"))
        kids = inner.named_children
        return ("i", self.expr(kids[0]) if kids else ("unk", "bad index"))

    def primary(self, node: Node) -> Any:
        t = node.type
        if t == "literal_value":
            return self._literal_text(node)
        if t == "variable_expr":
            return ("ref", self.text(node), [])
        if t == "template_expr":
            return self._template(node.named_children[0])
        if t == "collection_value":
            coll = node.named_children[0]
            if coll.type == "tuple":
                return ("tuple", [self.expr(c) for c in coll.named_children if c.type == "expression"])
            items = []
            for el in coll.named_children:
                if el.type != "object_elem":
                    continue
                kids = [c for c in el.named_children if c.type == "expression"]
                if len(kids) != 2:
                    continue
                items.append((self._object_key(kids[0]), self.expr(kids[1])))
            return ("obj", items)
        if t == "function_call":
            return self._call(node)
        if t == "conditional":
            parts = self._chain(node)
            if parts is None:
                return ("unk", "bad conditional")
            ir = self.expr(parts[-1])
            for i in range(len(parts) - 3, -1, -2):  # right-associative: a ? x : (b ? y : z)
                ir = ("cond", self.expr(parts[i]), self.expr(parts[i + 1]), ir)
            return ir
        if t == "operation":
            return self.primary(node.named_children[0])
        if t == "binary_operation":
            return self._binary(node)
        if t == "unary_operation":
            op = node.children[0].type
            return ("un", op, self.seq(node.named_children))
        if t == "expression":
            return self.expr(node)
        if t == "for_expr":
            return self._for(node.named_children[0])
        if t in ("string_lit", "quoted_template", "heredoc_template"):
            return self._template(node)
        return ("unk", f"unsupported expression {t}")

    def _chain(self, node: Node) -> list[Node] | None:
        """The operands of a chain of conditionals, `[a, x, b, y, z]` for `a ? x : b ? y : z`.
        tree-sitter-hcl parses that chain left-associatively, as `(a ? x : b) ? y : z`, where
        HCL (like every C-family language) means `a ? x : (b ? y : z)`; a condition that is an
        unparenthesized conditional is the start of such a chain (parentheses keep their
        meaning: they add an `expression` node around the conditional)."""
        kids = [c for c in node.named_children if c.type == "expression"]
        if len(kids) != 3:
            return None
        first = kids[0].named_children
        if len(first) == 1 and first[0].type == "conditional":
            inner = self._chain(first[0])
            if inner is None:
                return None
            return inner + kids[1:]
        return kids

    def _binary(self, node: Node) -> Any:
        left: list[Node] = []
        right: list[Node] = []
        op = None
        for ch in node.children:
            if not ch.is_named:
                ct = ch.type
                if op is None and ct in _BIN_OPS:
                    op = ct
                continue
            (right if op is not None else left).append(ch)
        if op is None:
            return ("unk", "bad operation")
        return ("bin", op, self.seq(left), self.seq(right))

    def _object_key(self, node: Node) -> Any:
        kids = node.named_children
        # a bare identifier key `{ k = v }` is the string "k"
        if len(kids) == 1 and kids[0].type == "variable_expr":
            return ("lit", self.text(kids[0]))
        return self.expr(node)

    def _call(self, node: Node) -> Any:
        name = None
        args: list[Any] = []
        expand = False
        for ch in node.named_children:
            if ch.type == "identifier":
                name = self.text(ch)
            elif ch.type == "function_arguments":
                for a in ch.named_children:
                    if a.type == "expression":
                        args.append(self.expr(a))
                    elif a.type == "ellipsis":
                        expand = True
        return ("call", name or "", args, expand)

    def _for(self, node: Node) -> Any:
        idents: list[str] = []
        coll = None
        exprs: list[Any] = []
        group = False
        for ch in node.named_children:
            t = ch.type
            if t == "for_intro":
                for c in ch.named_children:
                    if c.type == "identifier":
                        idents.append(self.text(c))
                    elif c.type == "expression":
                        coll = self.expr(c)
            elif t == "expression":
                exprs.append(self.expr(ch))
            elif t == "for_cond":
                kids = ch.named_children
                exprs.append(("__cond", self.expr(kids[0]) if kids else ("unk", "bad for condition")))
            elif t == "ellipsis":
                group = True
        cond = None
        body = []
        for e in exprs:
            if isinstance(e, tuple) and e and e[0] == "__cond":
                cond = e[1]
            else:
                body.append(e)
        if coll is None or not idents or not body:
            return ("unk", "bad for expression")
        kvar, vvar = (idents[0], idents[1]) if len(idents) > 1 else (None, idents[0])
        if node.type == "for_object_expr":
            if len(body) < 2:
                return ("unk", "bad for expression")
            return ("for", kvar, vvar, coll, body[0], body[1], cond, group)
        return ("for", kvar, vvar, coll, None, body[0], cond, False)

    def _literal_text(self, node: Node) -> Any:
        """A literal from its source text (cheaper than walking its children)."""
        raw = self.src[node.start_byte : node.end_byte]
        c = raw[:1]
        if c == b'"':
            return ("lit", _unescape(raw[1:-1].decode("utf-8", "replace")))
        if raw == b"true":
            return ("lit", True)
        if raw == b"false":
            return ("lit", False)
        if raw == b"null":
            return ("lit", None)
        kids = node.named_children
        return self._literal(kids[0]) if kids else ("unk", "bad literal")

    def _literal(self, node: Node) -> Any:
        t = node.type
        if t == "numeric_lit":
            s = self.text(node)
            try:
                if s.isdigit():
                    return ("lit", int(s))
                f = float(s)
                return ("lit", int(f) if f.is_integer() and "e" not in s.lower() and "." not in s else f)
            except ValueError:
                return ("unk", f"bad number {s}")
        if t == "bool_lit":
            return ("lit", self.text(node) == "true")
        if t == "null_lit":
            return ("lit", None)
        if t == "string_lit":
            return ("lit", self._string_lit(node))
        return ("unk", f"unsupported literal {t}")

    def _string_lit(self, node: Node) -> str:
        # a string_lit spans its quotes: the text is in between
        a, b = node.start_byte, node.end_byte
        if b - a >= 2:
            return _unescape(self.src[a + 1 : b - 1].decode("utf-8", "replace"))
        return ""

    def _template(self, node: Node) -> Any:
        """Quoted or heredoc template → ("lit", str) or ("tmpl", parts)."""
        heredoc = node.type == "heredoc_template"
        kids = node.children
        if heredoc:
            ids = [k for k in kids if k.type == "heredoc_identifier"]
            strip = any(k.type == "heredoc_start" and self.text(k) == "<<-" for k in kids)
            if not ids:
                return ("unk", "bad heredoc")
            start = ids[0].end_byte
            # the body starts after the newline following the opening identifier
            nl = self.src.find(b"\n", start)
            start = nl + 1 if nl >= 0 else start
            if len(ids) >= 2:
                end = ids[-1].start_byte
                # back to the start of the closing line
                end = self.src.rfind(b"\n", start, end) + 1 if self.src.rfind(b"\n", start, end) >= 0 else start
            else:
                end = node.end_byte
        else:
            if len(kids) < 2:
                return ("lit", "")
            start, end = kids[0].end_byte, kids[-1].start_byte
        parts: list[Any] = []
        pos = start
        for k in kids:
            t = k.type
            if t == "template_interpolation":
                if k.start_byte > pos:
                    parts.append(self._raw(pos, k.start_byte, heredoc))
                inner = [c for c in k.named_children if c.type == "expression"]
                parts.append(self.expr(inner[0]) if inner else ("unk", "empty interpolation"))
                pos = k.end_byte
            elif t == "template_directive":
                return ("unk", "template directive")
        if end > pos:
            parts.append(self._raw(pos, end, heredoc))
        if heredoc and strip:
            parts = _dedent(parts)
        if all(isinstance(p, str) for p in parts):
            return ("lit", "".join(parts))
        return ("tmpl", parts)

    def _raw(self, a: int, b: int, heredoc: bool) -> str:
        s = self.src[a:b].decode("utf-8", "replace")
        if heredoc:
            return s.replace("$${", "${").replace("%%{", "%{")
        return _unescape(s)


def _dedent(parts: list[Any]) -> list[Any]:
    text = "".join(p if isinstance(p, str) else "\x00" for p in parts)
    indents = [len(line) - len(line.lstrip(" \t")) for line in text.split("\n") if line.strip(" \t")]
    n = min(indents) if indents else 0
    if not n:
        return parts
    out: list[Any] = []
    at_line_start = True
    for p in parts:
        if not isinstance(p, str):
            out.append(p)
            at_line_start = False
            continue
        lines = p.split("\n")
        res = []
        for i, line in enumerate(lines):
            if i > 0 or at_line_start:
                line = line[min(n, len(line) - len(line.lstrip(" \t"))) :]
            res.append(line)
        out.append("\n".join(res))
        at_line_start = p.endswith("\n")
    return out


def _first_error(node: Node) -> Node | None:
    """The first ERROR or MISSING node under `node` (document order)."""
    if node.is_error or node.is_missing:
        return node
    for ch in node.children:
        if ch.has_error or ch.is_missing or ch.is_error:
            found = _first_error(ch)
            if found is not None:
                return found
    return None


_EXP_RE = re.compile(rb"[eE][+-]?[0-9]+")


def _fix_exponents(data: bytes, root: Node) -> bytes | None:
    """`data` with ".0" inserted before each exponent the grammar failed to read, or None."""
    at: list[int] = []
    cur = root.walk()
    while len(at) < 10_000:  # an iterative walk of every node (a deep file must not recurse)
        n = cur.node
        if n is not None and n.type == "numeric_lit":
            i = n.end_byte
            if data[i - 1 : i].isdigit() and _EXP_RE.match(data, i) and b"." not in data[n.start_byte : i]:
                at.append(i)
        if cur.goto_first_child():
            continue
        while not cur.goto_next_sibling():
            if not cur.goto_parent():
                break
        else:
            continue
        break
    if not at:
        return None
    out, prev = [], 0
    for i in sorted(at):
        out += [data[prev:i], b".0"]
        prev = i
    out.append(data[prev:])
    return b"".join(out)


def parse_hcl(data: bytes) -> ParsedFile:
    """Parse a .tf / .tfvars file. Top-level blocks that contain a syntax error are
    dropped (their content cannot be trusted); the first error is reported."""
    tree = _parser().parse(data)
    if tree.root_node.has_error:
        # the grammar reads `1e3` (an exponent without a fraction, valid HCL) as `1` then an
        # error: such numbers are re-read as `1.0e3`, at the positions the tree gives (never in a string)
        fixed = _fix_exponents(data, tree.root_node)
        if fixed is not None:
            data = fixed
            tree = _parser().parse(data)
    root = tree.root_node
    b = _Builder(data)
    error = None
    if root.has_error:
        bad = _first_error(root)
        if bad is not None:
            what = f"missing {bad.type}" if bad.is_missing else f"unexpected {b.text(bad)[:40]!r}"
            error = (bad.start_point[0] + 1, f"invalid HCL: {what}")
        else:
            error = (1, "invalid HCL")
    blocks: list[Block] = []
    top_attrs: dict[str, tuple[Any, int]] = {}
    for body in root.named_children:
        if body.type != "body":
            continue
        for ch in body.named_children:
            if ch.has_error:
                continue
            try:
                if ch.type == "block":
                    blk = b.block(ch)
                    if blk is not None:
                        blocks.append(blk)
                elif ch.type == "attribute":  # tfvars
                    kids = ch.named_children
                    if len(kids) >= 2:
                        top_attrs[b.text(kids[0])] = (b.expr(kids[1]), ch.start_point[0] + 1)
            except RecursionError:
                if error is None:
                    error = (ch.start_point[0] + 1, "block skipped: expressions nested too deeply")
    return ParsedFile(blocks, error, top_attrs)
