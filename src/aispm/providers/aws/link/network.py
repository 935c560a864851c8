"""Network facts one AWS resource gets from others: a SageMaker endpoint's isolation, and whether
Bedrock is reached over PrivateLink.

Runs after the AWS facts; reads the other resources' facts, never their properties' meaning again:

- `network_isolation`, `vpc_attached` on a SageMaker endpoint (`AWS::SageMaker::Endpoint`): the
  endpoint's containers are the models its endpoint configuration's production variants serve
  (`EndpointConfigName` → `ProductionVariants[].ModelName`), and those settings are made on each
  model (`EnableNetworkIsolation`, `VpcConfig`). False when a served model has the fact false;
  true when every served model has it true; unknown (with why) when the configuration or a model
  is not in the scan, a variant names no model (inference components), or a model's fact is
  unknown. The evidence names the models.
- `private_link` on a Bedrock agent (`AWS::Bedrock::Agent`): an interface VPC endpoint
  (`AWS::EC2::VPCEndpoint` with the `interface_endpoint` fact) for `com.amazonaws.<region>.bedrock-runtime`
  or `…bedrock-agent-runtime` (also `-fips`) is declared in the scan, in the agent's region when
  both are known (the region of an endpoint's service name, literal or built with `Fn::Sub` /
  interpolation — an unknown region matches any; the agent's region from its own ARN (a live
  asset) or the ARN of its `FoundationModel`), and in its account when both ARNs name one. False
  when the scan declares no such endpoint; unknown when a VPC endpoint's service name or type is
  not determined and could be one, or when a live scan could not read the VPC endpoints of the
  agent's region (a gap of `ec2` `DescribeVpcEndpoints`). The control-plane endpoint (`…bedrock`)
  carries no inference traffic and does not count.
"""

from __future__ import annotations

import re
from typing import Any

from aispm.model import Asset, Unknown
from aispm.providers.aws.link import arn as arns
from aispm.providers.aws.link.index import Index
from aispm.providers.aws.link.resources import (AGENT, SM_ENDPOINT, SM_ENDPOINT_CONFIG, SM_MODEL, as_list,
                                                get)

VPC_ENDPOINT = "AWS::EC2::VPCEndpoint"
#: `com.amazonaws.<region>.bedrock-runtime` and its agent-runtime and FIPS forms; the region part may
#: be unknown (`…`, `{AWS::Region}`, `${var.region}`).
_BEDROCK_SERVICE = re.compile(r"(?:^|\.)(?P<region>[^.]*)\.(?P<svc>bedrock(?:-agent)?-runtime)(?:-fips)?$")
_REGION = re.compile(r"^[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d+$")
ENDPOINT_FACTS = ("network_isolation", "vpc_attached")


def link(index: Index, gaps: Any = ()) -> None:
    for ep in index.of(SM_ENDPOINT):
        _sagemaker_endpoint(ep, index)
    agents = index.of(AGENT)
    if agents:
        found, undecided = _bedrock_endpoints(index)
        unread = _unread_regions(gaps)
        for agent in agents:
            _private_link(agent, found, undecided, unread)


def _unread_regions(gaps: Any) -> dict[str, str]:
    """Live scopes whose VPC endpoints were not read: region (the scope's last part) → the gap."""
    out: dict[str, str] = {}
    for g in gaps or ():
        scope, service, op = (getattr(g, k, None) for k in ("scope", "service", "operation"))
        if isinstance(scope, str) and scope.startswith("aws://") and service in ("ec2", "*") \
                and op in ("DescribeVpcEndpoints", "*"):
            out.setdefault(scope.rstrip("/").rsplit("/", 1)[-1], f"{scope}: {getattr(g, 'reason', '')}")
    return out


def _where(a: Asset) -> str:
    return f"{a.display_name} ({a.origin.file}:{a.origin.line})"


def _at(a: Asset) -> str:
    return f"{a.origin.address} ({a.origin.file}:{a.origin.line})"


def _sagemaker_endpoint(ep: Asset, index: Index) -> None:
    """`network_isolation` and `vpc_attached` of an endpoint from the models it serves (module doc)."""
    ref = ep.properties.get("EndpointConfigName")
    config = index.resolve(ref, ep, (SM_ENDPOINT_CONFIG,))
    if config is None:
        why = "EndpointConfigName not set" if ref is None else "the endpoint configuration is not declared in the scan"
        for fact in ENDPOINT_FACTS:
            ep.set_fact(fact, None, "EndpointConfigName", ref if isinstance(ref, str) else None, why)
        return
    variants = config.properties.get("ProductionVariants")
    models: list[tuple[Any, Asset | None]] = []
    for v in as_list(variants) if not isinstance(variants, Unknown) else []:
        name = get(v, "ModelName")
        models.append((name, None if name is None else index.resolve(name, config, (SM_MODEL,))))
    path = f"EndpointConfigName → {config.origin.address}.ProductionVariants[].ModelName"
    for fact in ENDPOINT_FACTS:
        if not models:
            ep.set_fact(fact, None, path, None, f"endpoint configuration {_where(config)} lists no production variant")
            continue
        false, unknown, true = [], [], []
        for name, model in models:
            if model is None:
                unknown.append(f"model {name if isinstance(name, str) else '(unresolved)'} is not declared in the scan"
                               if name is not None else "a production variant names no model")
                continue
            value, ev = model.facts.get(fact), model.evidence.get(fact)
            said = f"model {_where(model)}: {ev.path if ev else fact} = {value}" + (
                f" ({ev.note})" if ev and ev.note else "")
            (false if value is False else true if value is True else unknown).append(said)
        if false:
            ep.set_fact(fact, False, path, None, "; ".join(false))
        elif unknown:
            ep.set_fact(fact, None, path, None, "; ".join(unknown))
        else:
            ep.set_fact(fact, True, path, None, "; ".join(true))


def _service_text(v: Any) -> str | None:
    """A service name as text, unknown parts as `…`; None when nothing of it is known."""
    if isinstance(v, str):
        return v
    if isinstance(v, Unknown) and v.shown and v.shown.strip("…"):
        return v.shown
    return None


def _bedrock_endpoints(index: Index) -> tuple[list[tuple[Asset, str | None]], list[Asset]]:
    """The scan's interface endpoints for Bedrock's runtimes, with their region (None: unknown),
    and the VPC endpoints that may be one but are not determined."""
    found: list[tuple[Asset, str | None]] = []
    undecided: list[Asset] = []
    for e in index.of(VPC_ENDPOINT):
        text = _service_text(e.properties.get("ServiceName"))
        m = _BEDROCK_SERVICE.search(text) if text is not None else None
        if text is not None and m is None:
            continue  # another service
        interface = e.facts.get("interface_endpoint")
        if m is None or interface is None:
            undecided.append(e)
        elif interface:
            region = m.group("region")
            found.append((e, region if _REGION.match(region) else None))
    return found, undecided


def _agent_region(agent: Asset) -> tuple[str | None, str]:
    """The agent's region and where it was read (its own ARN, else its model's)."""
    for ref, said in ((agent.cloud_id, "the agent's ARN"), (agent.properties.get("FoundationModel"),
                                                             "its FoundationModel ARN")):
        parsed = arns.parse(ref)
        region = parsed.region if parsed is not None else None
        if isinstance(region, str) and _REGION.match(region):
            return region, said
    return None, ""


def _account(a: Asset) -> str | None:
    parsed = arns.parse(a.cloud_id)
    return parsed.account if parsed is not None and parsed.account else None


def _private_link(agent: Asset, found: list[tuple[Asset, str | None]], undecided: list[Asset],
                  unread: dict[str, str]) -> None:
    (region, said), account = _agent_region(agent), _account(agent)
    path = "AWS::EC2::VPCEndpoint.ServiceName"
    hits = [e for e, r in found if (region is None or r is None or r == region)
            and (account is None or _account(e) in (None, account))]
    if hits:
        agent.set_fact("private_link", True, path, hits[0].properties.get("ServiceName")
                       if isinstance(hits[0].properties.get("ServiceName"), str) else None,
                       "interface VPC endpoint " + ", ".join(_at(e) for e in hits))
        return
    where = f" in {region} (the region of {said})" if region else ""
    if undecided:
        agent.set_fact("private_link", None, path, None,
                       "VPC endpoint " + ", ".join(_at(e) for e in undecided)
                       + " may be one for Bedrock: its service name or type is not determined")
        return
    gap = [why for r, why in unread.items() if region is None or r == region]
    if gap:
        agent.set_fact("private_link", None, path, None, "VPC endpoints were not read: " + "; ".join(gap))
        return
    other = [f"{_at(e)} in {r or 'an unknown region'}" for e, r in found]
    agent.set_fact("private_link", False, path, None,
                   f"no interface VPC endpoint for com.amazonaws.<region>.bedrock-runtime or bedrock-agent-runtime{where} "
                   "is declared in the scan" + (f" (only {', '.join(other)})" if other else ""))
