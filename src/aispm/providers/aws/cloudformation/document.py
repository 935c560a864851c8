"""Which file is a CloudFormation template, and the template as data with the long form of every
intrinsic function.

A template is JSON or YAML whose top level is a mapping with `AWSTemplateFormatVersion`, or a
`Transform` naming `AWS::Serverless…`, or `Resources` whose entries have a `Type` of the form
`AWS::…` / `Custom::…` / `Alexa::…`. That is decided in two steps: `might_be_template(text)` is a
C-speed search for the words every template holds (called on every YAML and JSON file of a tree,
so an `azure.yaml`, a Kubernetes manifest, an ARM template (`resources`, lower case) or a
`package.json` costs one substring search), then `is_template(doc)` on the parsed document.

YAML is read by the project's reader (`aispm.formats.yaml_lines`, budgets on depth and aliases)
with local tags reported; each short form (`!Ref x`, `!GetAtt a.b`, `!Sub`, `!If`, …) becomes its
long form (`{"Ref": "x"}`, `{"Fn::GetAtt": ["a", "b"]}`, …) as an `LDict` that keeps its line.
A tag CloudFormation does not define is an error with its line and the value there an `Unknown`:
the rest of the template is read. JSON is read with lines by `aispm.formats.jsonc`.
"""

from __future__ import annotations

import re
from typing import Any

from aispm.formats.jsonc import parse_jsonc
from aispm.formats.located import DocError, LDict, LList
from aispm.formats.text import clip
from aispm.formats.yaml_lines import Tagged, parse_yaml
from aispm.limits import Limits
from aispm.model import Unknown

#: Short form → long form. `!Condition` is the name of a condition inside a condition function.
SHORT_FORMS = {
    "!Ref": "Ref", "!Condition": "Condition",
    **{f"!{n}": f"Fn::{n}" for n in (
        "Sub", "GetAtt", "If", "Join", "Select", "Split", "FindInMap", "ImportValue", "Base64", "Cidr",
        "GetAZs", "Equals", "And", "Or", "Not", "Transform", "Length", "ToJsonString", "ForEach")},
}

#: Words a template holds, searched before anything is parsed.
_MARKERS = re.compile(r"AWSTemplateFormatVersion|AWS::Serverless|(?:AWS|Custom|Alexa)::[A-Za-z0-9]+")
_RESOURCES = re.compile(r"(?m)^(?:Resources\s*:|\s*\"Resources\"\s*:)|\"Resources\"\s*:")


def might_be_template(text: str) -> bool:
    """Cheap: whether the text holds what every CloudFormation template holds."""
    return ("AWSTemplateFormatVersion" in text or "Resources" in text) and _MARKERS.search(text) is not None \
        and ("AWSTemplateFormatVersion" in text or _RESOURCES.search(text) is not None)


def _resource_type(body: Any) -> str | None:
    if isinstance(body, dict):
        t = body.get("Type")
        if isinstance(t, str):
            return t
    return None


def is_template(doc: Any) -> bool:
    """Whether a parsed document is a CloudFormation (or SAM, or CDK output) template."""
    if not isinstance(doc, dict):
        return False
    if "AWSTemplateFormatVersion" in doc:
        return True
    transform = doc.get("Transform")
    transforms = transform if isinstance(transform, list) else [transform]
    if any(isinstance(t, str) and t.startswith("AWS::Serverless") for t in transforms):
        return True
    resources = doc.get("Resources")
    if not isinstance(resources, dict) or not resources:
        return False
    return any((_resource_type(b) or "").startswith(("AWS::", "Custom::", "Alexa::")) for b in resources.values())


def parse(text: str, limits: Limits, errors: list[tuple[int | None, str]]) -> Any:
    """The first document of a template text, short forms in their long form. Raise `DocError` when
    the text does not parse; a tag that is not CloudFormation's is appended to `errors`
    (`(line, reason)`) and its value is an `Unknown`."""
    head = text.lstrip("\ufeff \t\r\n")
    if head.startswith("{"):
        return parse_jsonc(text, limits.depth)
    docs = parse_yaml(text, limits, tags=True)
    if not docs:
        raise DocError(None, "empty document")
    return long_form(docs[0], errors)


def long_form(value: Any, errors: list[tuple[int | None, str]]) -> Any:
    """`value` with every `Tagged` short form replaced by its long form, without recursion (a
    template may nest as deep as the depth budget allows). Shared (aliased) parts are converted
    once and stay shared."""
    done: dict[int, Any] = {}

    def convert(v: Any) -> Any:
        if isinstance(v, Tagged):
            hit = done.get(id(v))
            if hit is not None:
                return hit
            name = SHORT_FORMS.get(v.tag)
            if name is None:
                errors.append((v.line, f"unknown YAML tag {clip(v.tag)} (not a CloudFormation intrinsic function)"))
                out: Any = Unknown(f"value under the unknown tag {v.tag[:40]}")
            else:
                inner = v.value
                if name == "Fn::GetAtt" and isinstance(inner, str):
                    inner = LList(inner.split(".", 1))  # `!GetAtt a.b` is `Fn::GetAtt: [a, b]`
                    inner.line = v.line
                    inner.item_lines = [v.line] * len(inner)
                out = LDict({name: inner})
                out.line = v.line
                out.key_lines[name] = v.line
            done[id(v)] = out
            return out
        return v

    root = convert(value)
    stack: list[Any] = [root]
    seen: set[int] = set()
    while stack:
        cur = stack.pop()
        if id(cur) in seen:
            continue
        if isinstance(cur, dict):
            seen.add(id(cur))
            for k, v in cur.items():
                if isinstance(v, Tagged):
                    cur[k] = convert(v)
                    if isinstance(cur[k], LDict):
                        stack.append(cur[k])
                elif isinstance(v, (dict, list)):
                    stack.append(v)
        elif isinstance(cur, list):
            seen.add(id(cur))
            for i, v in enumerate(cur):
                if isinstance(v, Tagged):
                    cur[i] = convert(v)
                    if isinstance(cur[i], LDict):
                        stack.append(cur[i])
                elif isinstance(v, (dict, list)):
                    stack.append(v)
    return root
