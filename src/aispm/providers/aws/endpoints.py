"""The endpoint URL an AWS AI asset answers on, for the BOM's service endpoints.

AWS endpoints are regional (`bedrock-runtime.<region>.amazonaws.com`) and most resource ids are
assigned at deployment, so a declaration gives an endpoint only when it states its region
(a `Region` / `region` property, as plan JSON or the live collector give it): Bedrock agents,
knowledge bases and models answer on the Bedrock runtime hosts, a SageMaker endpoint on
`runtime.sagemaker.<region>.amazonaws.com/endpoints/<name>`. Nothing is guessed.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from aispm.model import Asset

_REGION = re.compile(r"^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$")


def _region(a: Asset) -> str | None:
    for key in ("Region", "region"):
        v = a.properties.get(key)
        if isinstance(v, str) and _REGION.match(v):
            return v
    return None


def _str(v: Any) -> str | None:
    return v if isinstance(v, str) and v else None


def endpoint(a: Asset, parent: Asset | None, clean: Callable[[Any], str | None]) -> str | None:
    explicit = clean(a.properties.get("FunctionUrl")) or clean(a.properties.get("Endpoint"))
    if explicit:
        return explicit
    region = _region(a)
    if region is None:
        return None
    t = a.type
    if t in ("AWS::Bedrock::Agent", "AWS::Bedrock::AgentAlias", "AWS::Bedrock::KnowledgeBase"):
        return f"https://bedrock-agent-runtime.{region}.amazonaws.com/"
    if t in ("AWS::Bedrock::CustomModel", "AWS::Bedrock::ProvisionedModelThroughput") or \
            (t == "model" and a.provider == "aws"):
        return f"https://bedrock-runtime.{region}.amazonaws.com/"
    if t == "AWS::SageMaker::Endpoint":
        name = _str(a.properties.get("EndpointName"))
        return f"https://runtime.sagemaker.{region}.amazonaws.com/endpoints/{name}/invocations" if name else None
    return None
