"""Decoding dependency files: JSON, TOML, or YAML composed with line marks, and the error each format
gives, with its line.

`decode` records why a file does not parse and marks it not ok, so its entries stay unverified
rather than silently empty. YAML is composed, not loaded: nodes keep their line, and `node_py` keeps
every scalar but booleans and nulls as a string, so a version written `1.10` stays `1.10`. The C
loader is used when PyYAML has it. JSON key lines come from `aispm.formats.jsonc.json_key_lines`.
"""

from __future__ import annotations

import json
import re
import tomllib
from typing import Any

import yaml

from aispm.model import ScanError
from aispm.providers.code.deps.common import Parsed

_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def json_error(exc: json.JSONDecodeError, rel: str) -> ScanError:
    return ScanError(rel, exc.lineno, f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")


def toml_error(exc: tomllib.TOMLDecodeError, rel: str) -> ScanError:
    m = re.search(r"at line (\d+)", str(exc))
    line = getattr(exc, "lineno", None) or (int(m.group(1)) if m else None)
    return ScanError(rel, line, f"invalid TOML: {exc}")


def yaml_error(exc: yaml.YAMLError, rel: str) -> ScanError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    return ScanError(rel, line, f"invalid YAML: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}")


#: What `decode` returns for a file that does not parse (its error is already recorded).
UNDECODABLE = object()


def decode(parsed: Parsed, text: str, rel: str, fmt: str) -> Any:
    """The document of a dependency file (`fmt`: json, toml, or yaml — composed, with line marks),
    or `UNDECODABLE` after recording why it does not parse, with its line, and marking the
    file not ok (its manifest entries then stay unverified, never silently empty)."""
    try:
        if fmt == "json":
            return json.loads(text)
        if fmt == "toml":
            return tomllib.loads(text)
        return yaml_compose(text)
    except json.JSONDecodeError as exc:
        parsed.errors.append(json_error(exc, rel))
    except tomllib.TOMLDecodeError as exc:
        parsed.errors.append(toml_error(exc, rel))
    except yaml.YAMLError as exc:
        parsed.errors.append(yaml_error(exc, rel))
    parsed.ok = False
    return UNDECODABLE


def yaml_compose(text: str) -> yaml.Node | None:
    return yaml.compose(text, Loader=_YAML_LOADER)


def node_py(node: yaml.Node | None) -> Any:
    """A composed YAML node as Python data, every scalar but booleans and nulls kept
    as a string (so that `1.10` stays `1.10`)."""
    if node is None:
        return None
    if isinstance(node, yaml.ScalarNode):
        if node.tag.endswith(":null"):
            return None
        if node.tag.endswith(":bool"):
            return node.value.lower() in ("true", "yes", "on")
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [node_py(n) for n in node.value]
    if isinstance(node, yaml.MappingNode):
        return {node_py(k): node_py(v) for k, v in node.value}
    return None


def node_get(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return v
    return None


def node_items(node: yaml.Node | None) -> list[tuple[yaml.Node, yaml.Node]]:
    return list(node.value) if isinstance(node, yaml.MappingNode) else []
