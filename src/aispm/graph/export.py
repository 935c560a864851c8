"""Exports of the security graph: GraphML (for Gephi, yEd, networkx, …) and a
Cypher script for Neo4j.

GraphML: one `<node id=uid>` per node with `name`, `type`, `kind`, `provider`,
`insights` (comma-separated) and `file`/`line`; one `<edge>` per relation with
`verb` and its properties as a JSON string. Written with `xml.etree`, so every
value is escaped by the XML writer.

Cypher: per node `MERGE (n:Asset {uid: '…'}) SET n += {…};`, per edge
`MATCH (a:Asset {uid: '…'}), (b:Asset {uid: '…'}) MERGE (a)-[r:VERB]->(b) SET r += {…};`.
Strings are single-quoted with `\\` and `'` escaped (and control characters as
`\\n`, `\\t`, …); verbs become upper-case relationship types, back-quoted when
they are not plain identifiers.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from typing import Any, Iterator

from aispm.graph import insights as ins
from aispm.graph.build import SecurityGraph

_NS = "http://graphml.graphdrawing.org/xmlns"
_NODE_KEYS = ("name", "type", "kind", "provider", "insights", "file", "line")
_EDGE_KEYS = ("verb", "properties")


def _node_attrs(g: SecurityGraph, i: int) -> dict[str, Any]:
    a = g.assets[i]
    bits = int(g.insights[i]) if g.insights is not None else 0
    out: dict[str, Any] = {
        "name": g.name_of(i),
        "type": g.type_of(i),
        "kind": g.kind_of(i),
        "provider": a.provider if a is not None else "external",
        "insights": ins.names(bits),
    }
    if a is not None and a.origin.file:
        out["file"] = a.origin.file
        out["line"] = a.origin.line
    return out


def _edge_props(g: SecurityGraph, e: int) -> dict[str, Any]:
    return {k: v for k, v in g.edge_props(e).items() if isinstance(v, (str, int, float, bool))}


def graphml(g: SecurityGraph) -> str:
    ET.register_namespace("", _NS)
    root = ET.Element(f"{{{_NS}}}graphml")
    for k in _NODE_KEYS:
        ET.SubElement(root, f"{{{_NS}}}key", id=f"n_{k}", attrib={"for": "node", "attr.name": k,
                                                                  "attr.type": "int" if k == "line" else "string"})
    for k in _EDGE_KEYS:
        ET.SubElement(root, f"{{{_NS}}}key", id=f"e_{k}", attrib={"for": "edge", "attr.name": k, "attr.type": "string"})
    graph = ET.SubElement(root, f"{{{_NS}}}graph", id="aispm", edgedefault="directed")
    for i in range(g.n):
        node = ET.SubElement(graph, f"{{{_NS}}}node", id=g.uids[i])
        for k, v in _node_attrs(g, i).items():
            d = ET.SubElement(node, f"{{{_NS}}}data", key=f"n_{k}")
            d.text = ",".join(v) if isinstance(v, list) else str(v)
    for e in range(g.n_relation_edges):
        edge = ET.SubElement(graph, f"{{{_NS}}}edge", id=f"e{e}", source=g.uids[int(g.src[e])],
                             target=g.uids[int(g.dst[e])])
        d = ET.SubElement(edge, f"{{{_NS}}}data", key="e_verb")
        d.text = g.verb_of(e)
        props = _edge_props(g, e)
        if props:
            d = ET.SubElement(edge, f"{{{_NS}}}data", key="e_properties")
            d.text = json.dumps(props, sort_keys=True)
    return ET.tostring(root, encoding="unicode", xml_declaration=True)


_ESC = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_NEEDS = re.compile(r"[\\'\n\r\t\b\f\x00-\x1f]")


def cypher_string(value: str) -> str:
    """A Cypher string literal."""
    def esc(m: re.Match) -> str:
        c = m.group(0)
        return _ESC.get(c) or f"\\u{ord(c):04x}"
    return "'" + _NEEDS.sub(esc, value) + "'"


def _literal(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_literal(x) for x in v) + "]"
    return cypher_string(str(v))


_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _key(k: str) -> str:
    return k if _IDENT.match(k) else "`" + k.replace("`", "``") + "`"


def _map(d: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{_key(k)}: {_literal(v)}" for k, v in d.items()) + "}"


def cypher_lines(g: SecurityGraph) -> Iterator[str]:
    yield "CREATE CONSTRAINT asset_uid IF NOT EXISTS FOR (n:Asset) REQUIRE n.uid IS UNIQUE;"
    for i in range(g.n):
        yield f"MERGE (n:Asset {{uid: {cypher_string(g.uids[i])}}}) SET n += {_map(_node_attrs(g, i))};"
    for e in range(g.n_relation_edges):
        verb = g.verb_of(e).upper()
        rtype = verb if _IDENT.match(verb) else "`" + verb.replace("`", "``") + "`"
        props = _edge_props(g, e)
        line = (f"MATCH (a:Asset {{uid: {cypher_string(g.uids[int(g.src[e])])}}}), "
                f"(b:Asset {{uid: {cypher_string(g.uids[int(g.dst[e])])}}}) MERGE (a)-[r:{rtype}]->(b)")
        if props:
            line += f" SET r += {_map(props)}"
        yield line + ";"


def cypher(g: SecurityGraph) -> str:
    return "\n".join(cypher_lines(g)) + "\n"
