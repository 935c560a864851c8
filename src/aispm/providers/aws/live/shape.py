"""From an AWS API answer to an aispm asset of the CloudFormation shape (pure functions).

Every live asset is `type` = its CloudFormation type and `properties` = its CloudFormation
properties (PascalCase), so the facts, folds, linkers and rules written for CloudFormation and
Terraform judge it unchanged. Most service APIs answer in camelCase with the CloudFormation
names otherwise (`agentResourceRoleArn` → `AgentResourceRoleArn`): `pascal` converts keys
recursively, except inside documents and maps whose keys are data (policy documents, tags,
environment variables). Where the API names a field differently, the service module renames it
(`SecurityGroups` → `SecurityGroupIds`, a guardrail's `contentPolicy.filters` →
`ContentPolicyConfig.FiltersConfig`).

An asset's uid is `live:aws:<ARN>`, its origin the scope it was read from (`aws://prod/eu-west-1`,
line 0, address the ARN, format `live`), and its `cloud_id` the ARN, by which the graph merges an
IaC resource with the live one it became. Timestamps become ISO text (UTC) so that a live scan
and the scan of its snapshot give the same report.
"""

from __future__ import annotations

import datetime as _dt
import json
from typing import Any

from aispm.model import Asset, Origin, Unknown
from aispm.providers.aws import catalog as cat

LIVE_FORMAT = "live"
#: Keys whose values are documents or maps of user data: kept as they are.
OPAQUE = frozenset(k.lower() for k in (
    "Tags", "tags", "Variables", "PolicyDocument", "AssumeRolePolicyDocument", "Policy", "policy", "Document",
    "ResourcePolicy", "Environment", "environmentVariables", "Properties", "payload", "Payload", "Metadata",
    "requestMetadata", "hyperParameters", "HyperParameters",
))
#: Answer keys that are bookkeeping of the call, not configuration.
DROP = frozenset(("ResponseMetadata", "nextToken", "NextToken", "Marker", "NextMarker", "IsTruncated"))


def iso(v: Any) -> Any:
    if isinstance(v, _dt.datetime):
        if v.tzinfo is not None:
            v = v.astimezone(_dt.timezone.utc).replace(tzinfo=None)
        return v.isoformat()
    return v


def _cap(k: str) -> str:
    return k[:1].upper() + k[1:]


def pascal(v: Any, opaque: bool = False) -> Any:
    """Keys PascalCase, recursively (not inside `OPAQUE` keys); datetimes as ISO text."""
    if isinstance(v, dict):
        out = {}
        for k, x in v.items():
            if not isinstance(k, str) or k in DROP:
                continue
            key = k if opaque else _cap(k)
            out[key] = plain(x) if (opaque or k.lower() in OPAQUE) else pascal(x)
        return out
    if isinstance(v, list):
        return [pascal(x, opaque) for x in v]
    return iso(v)


def plain(v: Any) -> Any:
    """A value as it is, datetimes as text."""
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items() if k not in DROP}
    if isinstance(v, list):
        return [plain(x) for x in v]
    return iso(v)


def document(v: Any) -> Any:
    """A policy document given as JSON text (or URL-encoded JSON), as an object; `Unknown` if not JSON."""
    if isinstance(v, (dict, list)):
        return plain(v)
    if isinstance(v, str):
        from urllib.parse import unquote

        for text in (v, unquote(v)):
            try:
                return json.loads(text)
            except ValueError:
                continue
        return Unknown("the policy document is not JSON")
    return v


def rename(d: dict, names: dict[str, str]) -> dict:
    """`d` with keys renamed (`names`: API key → CloudFormation key); a key mapped to "" is dropped."""
    out = {}
    for k, v in d.items():
        new = names.get(k, k)
        if new:
            out[new] = v
    return out


def arn_name(arn: str) -> str:
    """The last part of an ARN's resource (`…:notebook-instance/nb` → `nb`)."""
    tail = arn.split(":", 5)[-1] if arn.startswith("arn:") else arn
    return tail.rsplit("/", 1)[-1].rsplit(":", 1)[-1]


def make_asset(scope: str, cfn_type: str, arn: str, name: Any, properties: dict, parent: str | None = None) -> Asset:
    """The live asset of one AWS resource."""
    return Asset(uid=f"live:aws:{arn}", provider="aws", type=cfn_type,
                 name=name if isinstance(name, str) and name else arn_name(arn),
                 origin=Origin(file=scope, line=0, address=arn, format=LIVE_FORMAT),
                 properties=properties, kind=cat.kind_of(cfn_type), parent=parent, cloud_id=arn)


def uid(arn: str) -> str:
    return f"live:aws:{arn}"
