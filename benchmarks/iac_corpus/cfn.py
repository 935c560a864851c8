"""Writing CloudFormation templates as YAML (short-form intrinsic tags) or JSON, from one value tree.

A template is built as plain dicts and lists, with intrinsic functions as ``Fn`` values
(``Fn("Ref", "Key")``, ``Fn("GetAtt", "Key.Arn")``, ``Fn("If", ["UseCmk", ..., ...])``). ``to_yaml``
writes them in the short form people write by hand (``!Ref Key``, ``!GetAtt Key.Arn``,
``!If [UseCmk, !Ref Key, !Ref AWS::NoValue]``); ``to_json`` in the long form (``{"Ref": "Key"}``,
``{"Fn::GetAtt": ["Key", "Arn"]}``). The YAML writer covers what the generator emits (block
mappings and sequences, flow sequences inside tags, quoted strings when a plain scalar could be
misread), not YAML in general.
"""

from __future__ import annotations

import json
import re


class Fn:
    """An intrinsic function: ``name`` without the ``Fn::`` prefix, and its argument."""

    def __init__(self, name: str, arg) -> None:
        self.name = name
        self.arg = arg


def ref(name: str) -> Fn:
    return Fn("Ref", name)


def getatt(path: str) -> Fn:
    return Fn("GetAtt", path)


def sub(text: str) -> Fn:
    return Fn("Sub", text)


_PLAIN = re.compile(r"^[A-Za-z_/][A-Za-z0-9_./@-]*(?::+[A-Za-z0-9_./@*-]+)*$")
_RESERVED = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"}


def _scalar(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return str(v)
    if v is None:
        return "null"
    if _PLAIN.match(v) and v.lower() not in _RESERVED:
        return v
    return json.dumps(v)


def _flow(v) -> str:
    """A value inside a flow sequence (the arguments of ``!If``, ``!Equals``, ``!Select``)."""
    if isinstance(v, Fn):
        return _tag(v)
    if isinstance(v, list):
        return "[" + ", ".join(_flow(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k}: {_flow(x)}" for k, x in v.items()) + "}"
    return _scalar(v)


def _tag(fn: Fn) -> str:
    tag = "!" + fn.name
    if isinstance(fn.arg, (list, dict)) or isinstance(fn.arg, Fn):
        return f"{tag} {_flow(fn.arg)}"
    return f"{tag} {_scalar(fn.arg)}"


def _yaml(v, indent: int) -> list[str]:
    pad = "  " * indent
    out: list[str] = []
    if isinstance(v, dict):
        for k, x in v.items():
            if isinstance(x, dict) and x:
                out.append(f"{pad}{k}:")
                out.extend(_yaml(x, indent + 1))
            elif isinstance(x, list) and x:
                out.append(f"{pad}{k}:")
                out.extend(_yaml(x, indent + 1))
            else:
                out.append(f"{pad}{k}: {_inline(x)}")
        return out
    if isinstance(v, list):
        for x in v:
            if isinstance(x, dict) and x:
                inner = _yaml(x, indent + 1)
                out.append(f"{pad}- {inner[0].lstrip()}")
                out.extend(inner[1:])
            elif isinstance(x, list) and x:
                out.append(f"{pad}- {_flow(x)}")
            else:
                out.append(f"{pad}- {_inline(x)}")
        return out
    return [pad + _inline(v)]


def _inline(v) -> str:
    if isinstance(v, Fn):
        return _tag(v)
    if isinstance(v, dict):
        return "{}"
    if isinstance(v, list):
        return "[]"
    return _scalar(v)


def to_yaml(template: dict) -> str:
    lines: list[str] = []
    for i, (k, v) in enumerate(template.items()):
        if i and k in ("Parameters", "Conditions", "Globals", "Resources", "Outputs"):
            lines.append("")
        if k == "Resources":
            lines.append("Resources:")
            for j, (name, res) in enumerate(v.items()):
                if j:
                    lines.append("")
                lines.append(f"  {name}:")
                lines.extend(_yaml(res, 2))
            continue
        lines.extend(_yaml({k: v}, 0))
    return "\n".join(lines) + "\n"


def _long(v):
    if isinstance(v, Fn):
        if v.name == "Ref":
            return {"Ref": v.arg}
        if v.name == "GetAtt" and isinstance(v.arg, str):
            return {"Fn::GetAtt": v.arg.split(".", 1)}
        if v.name == "Condition":
            return {"Condition": v.arg}
        return {f"Fn::{v.name}": _long(v.arg)}
    if isinstance(v, dict):
        return {k: _long(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_long(x) for x in v]
    return v


def to_json(template: dict) -> str:
    return json.dumps(_long(template), indent=2) + "\n"
