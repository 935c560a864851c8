"""XML manifests of scanned repositories (`.csproj`, `packages.config`, `pom.xml`) as a small tree
with line numbers, read through `defusedxml`.

XML from a scanned repository is hostile: `defusedxml`'s SAX parser refuses DTDs, entity
declarations and external references (billion laughs, external entities), and the handler here
refuses nesting deeper than `Limits.depth` and more than `Limits.collection_size` elements, so a
crafted manifest costs one error, never the scan. Namespaces are dropped from tag names (`pom.xml`
declares one; what matters is the local name), and element names are compared as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.sax import SAXException
from xml.sax.handler import ContentHandler

from defusedxml import DefusedXmlException

from aispm.limits import BudgetExceeded
from aispm.model import ScanError


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    line: int
    children: list["Node"] = field(default_factory=list)
    text: str = ""

    def find(self, tag: str) -> "Node | None":
        for c in self.children:
            if c.tag == tag:
                return c
        return None

    def findall(self, tag: str) -> list["Node"]:
        return [c for c in self.children if c.tag == tag]

    def child_text(self, tag: str) -> str | None:
        c = self.find(tag)
        return c.text.strip() if c is not None else None

    def iter(self, tag: str):
        """Every descendant named `tag`, depth first (iteratively: no recursion on deep input)."""
        stack = [self]
        while stack:
            n = stack.pop()
            if n.tag == tag:
                yield n
            stack.extend(reversed(n.children))


class XmlError(ValueError):
    """The document is not well-formed or not allowed (DTD, entities); carries a line when known."""

    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.line = line


_DECLARED = re.compile(r"""\A(\ufeff?<\?xml[^>]{0,200}?encoding\s*=\s*["'])[^"'<>]{0,200}(["'])""")


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


class _Builder(ContentHandler):
    def __init__(self, max_depth: int, max_elements: int) -> None:
        super().__init__()
        self.stack: list[Node] = []
        self.root: Node | None = None
        self.max_depth, self.max_elements, self.count = max_depth, max_elements, 0
        self._locator = None
        self._text: list[list[str]] = []

    def setDocumentLocator(self, locator) -> None:  # noqa: N802 (SAX API)
        self._locator = locator

    def _line(self) -> int:
        return self._locator.getLineNumber() if self._locator is not None else 0

    def startElement(self, name, attrs) -> None:  # noqa: N802
        self.count += 1
        if len(self.stack) >= self.max_depth:
            raise BudgetExceeded("depth", self.max_depth, "XML nesting")
        if self.count > self.max_elements:
            raise BudgetExceeded("collection_size", self.max_elements, "XML elements")
        node = Node(_local(name), {_local(k): v for k, v in attrs.items()}, self._line())
        if self.stack:
            self.stack[-1].children.append(node)
        else:
            self.root = node
        self.stack.append(node)
        self._text.append([])

    def characters(self, content) -> None:
        if self._text:
            self._text[-1].append(content)

    def endElement(self, name) -> None:  # noqa: N802
        node = self.stack.pop()
        node.text = "".join(self._text.pop())


def parse_xml(text: str, max_depth: int, max_elements: int) -> Node:
    """The document's root. Raises `XmlError` (malformed, DTD, entities) or `BudgetExceeded`."""
    # here, not at the top: defusedxml.sax imports xml.sax.saxutils, which imports urllib, http and
    # ssl, 15 ms that every scan paid to import this module whether or not it had XML to read
    from defusedxml.sax import parseString

    builder = _Builder(max_depth, max_elements)
    # the text is already decoded: its declared encoding (utf-16, windows-1252, ...) no longer applies
    data = _DECLARED.sub(r"\1utf-8\2", text, count=1).encode("utf-8")
    try:
        parseString(data, builder, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as e:
        raise XmlError(f"refused: {type(e).__name__} (DTDs and entities are not read)", builder._line() or None) from None
    except LookupError as e:  # an encoding expat does not know, however the declaration reached it
        raise XmlError(f"not well-formed XML: {str(e)[:80]}", 1) from None
    except SAXException as e:
        line = getattr(e, "getLineNumber", lambda: None)()
        raise XmlError(f"not well-formed XML: {e.getMessage() if hasattr(e, 'getMessage') else e}", line) from None
    if builder.root is None:
        raise XmlError("no XML element")
    return builder.root


def xml_root(parsed, text: str, rel: str, ctx) -> Node | None:
    """The document's root under `ctx.limits`, or None after recording why it cannot be read in
    `parsed.errors` (and `parsed.ok = False`); `parsed` is a dependency source's `Parsed`."""
    try:
        return parse_xml(text, ctx.limits.depth, ctx.limits.collection_size)
    except XmlError as e:
        parsed.errors.append(ScanError(rel, e.line, f"XML not read: {e}"))
    except BudgetExceeded as e:
        parsed.errors.append(ScanError(rel, None, f"XML not read: {e.reason()}"))
    parsed.ok = False
    return None
