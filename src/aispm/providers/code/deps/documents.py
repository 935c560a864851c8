"""Decoding dependency files: JSON, TOML, or YAML composed with line marks, and the error each format
gives, with its line; and the error for a document whose parts have the wrong type.

`decode` records why a file does not parse and marks it not ok, so its entries stay unverified
rather than silently empty. Every format is read by the shared readers of `aispm.formats`, within
the scan's budgets (`ctx.limits`): a document nested deeper than `Limits.depth`, or a YAML one whose
aliases exceed their budgets, is one error with its line, refused before it is parsed. YAML is
composed, not loaded: nodes keep their line, and `node_py` keeps every scalar but booleans and
nulls as a string, so a version written `1.10` stays `1.10`. JSON key lines come from
`aispm.formats.jsonc.json_key_lines`.

`wrong_type` is the error for a part of a document that is not what the format says it is (a
`package.json` whose `dependencies` is a list): the file's other parts are still read, and the
error says where and what was expected, never the value.
"""

from __future__ import annotations

from typing import Any

import yaml

from aispm.formats.depth import TooDeep
from aispm.formats.jsonc import load_json
from aispm.formats.located import DocError
from aispm.formats.text import type_name as plain_type_name
from aispm.formats.toml_safe import load_toml
from aispm.formats.yaml_safe import OverBudget, compose_one
from aispm.limits import DEFAULT, Limits
from aispm.model import ScanError
from aispm.providers.code.deps.common import Parsed

_KIND = {"json": "JSON", "toml": "TOML", "yaml": "YAML"}


def doc_error(exc: DocError, rel: str, fmt: str) -> ScanError:
    """The `ScanError` of a document that does not parse (`fmt`: json, toml or yaml) or is over a
    budget (then the message says it was not read, and why)."""
    kind = _KIND.get(fmt, fmt)
    if isinstance(exc, (TooDeep, OverBudget)):
        return ScanError(rel, exc.line, f"{kind} not read: {exc.message}")
    if exc.message.startswith("invalid "):
        return ScanError(rel, exc.line, exc.message)
    return ScanError(rel, exc.line, f"invalid {kind}: {exc.message}")


#: What `decode` returns for a file that does not parse (its error is already recorded).
UNDECODABLE = object()


def decode(parsed: Parsed, text: str, rel: str, fmt: str, limits: Limits = DEFAULT) -> Any:
    """The document of a dependency file (`fmt`: json, toml, or yaml — composed, with line marks),
    or `UNDECODABLE` after recording why it does not parse, with its line, and marking the
    file not ok (its manifest entries then stay unverified, never silently empty)."""
    try:
        if fmt == "json":
            return load_json(text, limits.depth)
        if fmt == "toml":
            return load_toml(text, limits.depth)
        return compose_one(text, limits)
    except DocError as exc:
        parsed.errors.append(doc_error(exc, rel, fmt))
    parsed.ok = False
    return UNDECODABLE


def yaml_compose(text: str, limits: Limits = DEFAULT) -> yaml.Node | None:
    """A YAML text's one document, composed within the budgets; raises `DocError`."""
    return compose_one(text, limits)


def type_name(value: Any) -> str:
    """What a value or a composed YAML node is, as a message says it (never the value itself)."""
    if isinstance(value, yaml.SequenceNode):
        return "a list"
    if isinstance(value, yaml.MappingNode):
        return "an object"
    if isinstance(value, yaml.ScalarNode):
        return "a scalar"
    return plain_type_name(value)


def wrong_type(parsed: Parsed, rel: str, line: int | None, where: str, value: Any, expected: str) -> None:
    """Record that `where` is not what the format says (`expected`: "an object of name → version");
    the part is skipped, the rest of the file is read."""
    parsed.errors.append(ScanError(rel, line, f"{where} is {type_name(value)}, not {expected}; skipped"))


def _scalar(node: yaml.ScalarNode) -> Any:
    if node.tag.endswith(":null"):
        return None
    if node.tag.endswith(":bool"):
        return node.value.lower() in ("true", "yes", "on")
    return node.value


def node_py(node: yaml.Node | None) -> Any:
    """A composed YAML node as Python data, every scalar but booleans and nulls kept
    as a string (so that `1.10` stays `1.10`). Iterative; a mapping key that is not a scalar
    (`? [a, b]`) is left out."""
    if node is None:
        return None
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)

    def make(n: yaml.Node) -> tuple[Any, yaml.Node | None]:
        if isinstance(n, yaml.ScalarNode):
            return _scalar(n), None
        if isinstance(n, yaml.SequenceNode):
            return [], n
        if isinstance(n, yaml.MappingNode):
            return {}, n
        return None, None

    out, first = make(node)
    work: list[tuple[Any, yaml.Node]] = [(out, first)] if first is not None else []
    while work:
        container, n = work.pop()
        if isinstance(container, list):
            for child in n.value:
                v, more = make(child)
                container.append(v)
                if more is not None:
                    work.append((v, more))
        else:
            for k, child in n.value:
                if not isinstance(k, yaml.ScalarNode):
                    continue
                v, more = make(child)
                container[_scalar(k)] = v
                if more is not None:
                    work.append((v, more))
    return out


def node_get(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return v
    return None


def node_items(node: yaml.Node | None) -> list[tuple[yaml.Node, yaml.Node]]:
    return list(node.value) if isinstance(node, yaml.MappingNode) else []
