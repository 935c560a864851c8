"""Converters the AWS mapping rows name, beyond the shared ones (`aispm.iac.terraform.spec`).

The `aws` provider spells most attributes as the snake_case of their CloudFormation property;
where it differs beyond the name it is one of a few shapes: tags as a map (CloudFormation keeps
most as `[{Key, Value}]`), a policy document written as a JSON string (CloudFormation keeps the
object), a reference to a resource whose identifier Terraform only knows after apply (`.arn`,
`.agent_id`), which a split resource's fold needs to find its target.
"""

from __future__ import annotations

import json
import re
from typing import Any

from aispm.iac.terraform.spec import ABSENT, U, conv
from aispm.model import Unknown

#: How the Terraform engine says a reference to a declared resource's computed attribute
#: (`aws_bedrockagent_agent.a.agent_id is known after apply`); the address is what a split
#: resource's fold matches its target by (tests/providers/aws/test_fold.py pins the wording).
_REF = re.compile(r"^((?:module\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?\.)*(?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+"
                  r"(?:\[[^\]]*\])?)\.[a-z0-9_]+ is (?:known after apply|read at plan time)$")


def tf_address(v: Any) -> str | None:
    """The Terraform address an unresolved reference names (`aws_iam_role.r` from
    `Unknown("aws_iam_role.r.arn is known after apply")`), else None."""
    if isinstance(v, Unknown):
        m = _REF.match(v.reason)
        return m.group(1) if m else None
    return None


def target(v: Any) -> Any:
    """What a split resource names its target by, for the fold: a uid (a reference to `.id`), a
    Terraform address (`{"address": ...}`, a reference to a computed attribute), or a literal
    name / ARN; ABSENT when it names none."""
    if v is ABSENT or v is None:
        return ABSENT
    addr = tf_address(v)
    if addr is not None:
        return {"address": addr}
    return v


def tag_list(v: Any) -> Any:
    """Terraform `tags = { k = v }` → CloudFormation `[{Key, Value}]`."""
    return conv(v, lambda x: [{"Key": k, "Value": val} for k, val in x.items()] if isinstance(x, dict) else x)


def json_doc(v: Any) -> Any:
    """A policy document: an object as is (`jsonencode(...)` kept raw by the row), a JSON string
    parsed; anything else (a string that is not JSON) an Unknown naming it."""
    if isinstance(v, str):
        if not v.strip():
            return ABSENT
        try:
            return json.loads(v)
        except ValueError:
            return U("policy document is not JSON")
    return v


def _str(x: Any) -> str:
    if isinstance(x, str):
        return x
    if isinstance(x, (int, float)) and not isinstance(x, bool):
        return str(x)
    raise ValueError(x)


def as_str(v: Any) -> Any:
    """A number written for a CloudFormation string property (`guardrail_version = 1`)."""
    return conv(v, _str)


def as_list(v: Any) -> Any:
    """A set or a single value written where CloudFormation keeps a list."""
    return conv(v, lambda x: x if isinstance(x, (list, Unknown)) else [x])
