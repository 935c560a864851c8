"""Internet exposure and public access that one AWS resource gives another.

What a resource's own properties decide is a fact of the facts layer; this module adds what
comes from *other* resources of the scan:

- **Lambda function URL** (`AWS::Lambda::Url`, `TargetFunctionArn`): with `AuthType: NONE`, anyone
  can call the function once its resource-based policy lets them — an `AWS::Lambda::Permission`
  with `Principal: "*"` for `lambda:InvokeFunctionUrl` (or `lambda:*`). URL and permission: the
  function is `internet_exposed` (wide) with no `user_authentication`; a URL without a public
  permission in the scan: unknown (the permission may be added elsewhere). `(url, exposes, function)`.
- **S3 bucket policies** declared on their own (`AWS::S3::BucketPolicy`, `Bucket`), when the facts
  layer has not judged the bucket's public access from them already: a statement that
  allows `Principal: "*"` to read or write objects without a `Condition` makes the bucket
  `public_access` unless its public access block says `BlockPublicPolicy` or
  `RestrictPublicBuckets` (both default to true for buckets created since April 2023, so an
  absent block is not public); `public_write` when the statement writes.
- **EC2 instances**: a public IP (`NetworkInterfaces[].AssociatePublicIpAddress`, an
  `AWS::EC2::EIP` with its `InstanceId`, or a subnet with `MapPublicIpOnLaunch`) and a security
  group that lets `0.0.0.0/0` or `::/0` in (inline `SecurityGroupIngress` or
  `AWS::EC2::SecurityGroupIngress`) make the instance `internet_exposed` (wide).
  `(security group, exposes, instance)`.
- **API Gateway**: a REST API method (`AWS::ApiGateway::Method`) with `AuthorizationType: NONE` (an
  API key, `ApiKeyRequired`, is a shared key: `local_auth_enabled`) makes its API, and the Lambda
  function its integration `Uri` names, `internet_exposed` unless the API is `PRIVATE`; the API
  `routes_to` the function. An HTTP API route (`AWS::ApiGatewayV2::Route`) with `AuthorizationType: NONE` (the default) does the same for the
  function of the integration its `Target` names. An API defined by an OpenAPI `Body` (SAM's implicit
  APIs, imported definitions): an operation with no `security` (its own or the document's) whose
  `x-amazon-apigateway-integration` `uri` names a function does the same.

A fact is only ever strengthened here (true over unknown over false): a resource declared as
exposed by its own properties stays exposed.
"""

from __future__ import annotations

from typing import Any, Callable

from aispm.model import Asset, Unknown
from aispm.providers.aws.link.iam import statements
from aispm.providers.aws.link.index import Index
from aispm.providers.aws.link.resources import BUCKET, EC2, LAMBDA, as_list, get

URL = "AWS::Lambda::Url"
PERMISSION = "AWS::Lambda::Permission"
BUCKET_POLICY = "AWS::S3::BucketPolicy"
SG = "AWS::EC2::SecurityGroup"
SG_INGRESS = "AWS::EC2::SecurityGroupIngress"
EIP = "AWS::EC2::EIP"
SUBNET = "AWS::EC2::Subnet"
REST_API = "AWS::ApiGateway::RestApi"
METHOD = "AWS::ApiGateway::Method"
HTTP_API = "AWS::ApiGatewayV2::Api"
ROUTE = "AWS::ApiGatewayV2::Route"
INTEGRATION = "AWS::ApiGatewayV2::Integration"
OPEN_CIDRS = ("0.0.0.0/0", "::/0")

Rel = Callable[..., None]
_RANK = {True: 2, None: 1, False: 0}


def strengthen(a: Asset, fact: str, value: bool | None, path: str, note: str) -> None:
    """Set `fact` unless the asset already has a stronger claim (true > unknown > false)."""
    if fact in a.facts and _RANK.get(a.facts[fact], 0) >= _RANK[value]:
        return
    a.set_fact(fact, value, path, None, note)


def _where(a: Asset) -> str:
    return f"{a.origin.address} ({a.origin.file}:{a.origin.line})"


def link(index: Index, rel: Rel) -> None:
    _function_urls(index, rel)
    _bucket_policies(index)
    _instances(index, rel)
    _rest_apis(index, rel)
    _http_apis(index, rel)
    _api_bodies(index, rel)


# --------------------------------------------------------------------------- Lambda


def _public_permissions(index: Index) -> dict[str, Asset]:
    """Function uid → a permission that lets `Principal: "*"` invoke its URL."""
    out: dict[str, Asset] = {}
    for perm in index.of(PERMISSION):
        action = perm.properties.get("Action")
        if perm.properties.get("Principal") != "*" or not isinstance(action, str) or \
                action.lower() not in ("lambda:invokefunctionurl", "lambda:*"):
            continue
        fn = index.resolve(perm.properties.get("FunctionName"), perm, (LAMBDA,))
        if fn is not None:
            out.setdefault(fn.uid, perm)
    return out


def _function_urls(index: Index, rel: Rel) -> None:
    urls = index.of(URL)
    public = _public_permissions(index) if urls else {}
    for url in urls:
        fn = index.resolve(url.properties.get("TargetFunctionArn"), url, (LAMBDA,))
        if fn is None:
            continue
        rel(url.uid, "exposes", fn.uid, via="TargetFunctionArn")
        auth = url.properties.get("AuthType")
        if isinstance(auth, Unknown) or auth is None:
            strengthen(fn, "internet_exposed", None, f"{url.origin.address}.AuthType",
                       f"function URL {_where(url)}: AuthType unknown")
            continue
        if auth != "NONE":
            strengthen(fn, "user_authentication", True, f"{url.origin.address}.AuthType",
                       f"function URL {_where(url)} requires IAM authentication (AuthType {auth})")
            continue
        fn.set_fact("user_authentication", False, f"{url.origin.address}.AuthType", "NONE",
                    f"function URL {_where(url)} has AuthType NONE")
        perm = public.get(fn.uid)
        if perm is not None:
            strengthen(fn, "internet_exposed", True, f"{url.origin.address}.AuthType",
                       f"function URL {_where(url)} with AuthType NONE, and permission {_where(perm)} lets "
                       "Principal * invoke it")
            fn.set_fact("exposure_width", "wide", f"{url.origin.address}.AuthType", None, "anyone on the internet")
        else:
            strengthen(fn, "internet_exposed", None, f"{url.origin.address}.AuthType",
                       f"function URL {_where(url)} with AuthType NONE; no permission in the scanned code lets "
                       "Principal * invoke it (it may be granted elsewhere)")
            fn.set_fact("exposure_width", "wide", f"{url.origin.address}.AuthType", None, "anyone on the internet")


# --------------------------------------------------------------------------- S3


def _flag(block: Any, key: str) -> bool | None:
    """A public access block setting: default true (absent block or setting), None when unknown."""
    if block is None:
        return True
    if not isinstance(block, dict):
        return None
    v = block.get(key, True)
    if isinstance(v, bool):
        return v
    if isinstance(v, str) and v.lower() in ("true", "false"):
        return v.lower() == "true"
    return None


def _public_statement(st: dict) -> tuple[bool, bool] | None:
    """(reads, writes) objects for anyone, or None when `st` is not a public allow."""
    if st.get("Effect") != "Allow" or "Condition" in st:
        return None
    principal = st.get("Principal")
    if not (principal == "*" or (isinstance(principal, dict) and "*" in as_list(principal.get("AWS")))):
        return None
    from aispm.providers.aws.link.iam import _granted  # the same action matching as identity policies

    reads = any(_granted(st, a) for a in ("s3:GetObject", "s3:GetObjectVersion"))
    writes = any(_granted(st, a) for a in ("s3:PutObject", "s3:DeleteObject"))
    return (reads, writes) if reads or writes else None


def _bucket_policies(index: Index) -> None:
    for pol in index.of(BUCKET_POLICY):
        bucket = index.resolve(pol.properties.get("Bucket"), pol, (BUCKET,))
        if bucket is None or "public_access" in bucket.facts:  # the facts layer judged the policies it was handed
            continue
        grants = [g for g in map(_public_statement, statements(pol.properties.get("PolicyDocument"))) if g]
        if not grants:
            continue
        block = bucket.properties.get("PublicAccessBlockConfiguration")
        blocked = [_flag(block, "BlockPublicPolicy"), _flag(block, "RestrictPublicBuckets")]
        value = False if True in blocked else (None if None in blocked else True)
        note = (f"bucket policy {_where(pol)} allows Principal * without a condition; public access block: "
                f"BlockPublicPolicy={blocked[0]}, RestrictPublicBuckets={blocked[1]}")
        strengthen(bucket, "public_access", value, f"{pol.origin.address}.PolicyDocument", note)
        if any(w for _, w in grants):
            strengthen(bucket, "public_write", value, f"{pol.origin.address}.PolicyDocument", note)


# --------------------------------------------------------------------------- EC2


def _open_rules(sg: Asset, extra: dict[str, list[dict]]) -> list[dict]:
    rules = [r for r in as_list(sg.properties.get("SecurityGroupIngress")) if isinstance(r, dict)]
    rules += extra.get(sg.uid, [])
    return [r for r in rules if r.get("CidrIp") in OPEN_CIDRS or r.get("CidrIpv6") in OPEN_CIDRS]


def _public_ip(inst: Asset, index: Index, eips: dict[str, Asset]) -> tuple[bool | None, str]:
    eip = eips.get(inst.uid)
    if eip is not None:
        return True, f"Elastic IP {_where(eip)}"
    unknown = None
    for nic in as_list(inst.properties.get("NetworkInterfaces")):
        v = get(nic, "AssociatePublicIpAddress")
        if v is True or v == "true":
            return True, "NetworkInterfaces[].AssociatePublicIpAddress"
        if isinstance(v, Unknown):
            unknown = "NetworkInterfaces[].AssociatePublicIpAddress unknown"
    subnet_ref = inst.properties.get("SubnetId")
    if subnet_ref is not None:
        subnet = index.resolve(subnet_ref, inst, (SUBNET,))
        if subnet is None:
            return None, unknown or "subnet not declared in the scanned code"
        v = subnet.properties.get("MapPublicIpOnLaunch")
        if v is True:
            return True, f"subnet {_where(subnet)} maps public IPs on launch"
        if isinstance(v, Unknown):
            return None, f"MapPublicIpOnLaunch of subnet {_where(subnet)} unknown"
    if unknown:
        return None, unknown
    return False, "no public IP"


def _instances(index: Index, rel: Rel) -> None:
    instances = index.of(EC2)
    if not instances:
        return
    extra: dict[str, list[dict]] = {}  # security group uid → ingress rules declared on their own
    for ing in index.of(SG_INGRESS):
        sg = index.resolve(ing.properties.get("GroupId"), ing, (SG,))
        if sg is not None:
            extra.setdefault(sg.uid, []).append(ing.properties)
    eips: dict[str, Asset] = {}
    for eip in index.of(EIP):
        target = index.resolve(eip.properties.get("InstanceId"), eip, (EC2,))
        if target is not None:
            eips.setdefault(target.uid, eip)
    for inst in instances:
        groups = [index.resolve(r, inst, (SG,)) for r in
                  as_list(inst.properties.get("SecurityGroupIds")) + as_list(inst.properties.get("SecurityGroups"))]
        for nic in as_list(inst.properties.get("NetworkInterfaces")):
            groups += [index.resolve(r, inst, (SG,)) for r in as_list(get(nic, "GroupSet"))]
        open_groups = [g for g in groups if g is not None and _open_rules(g, extra)]
        if not open_groups:
            continue
        public, why = _public_ip(inst, index, eips)
        for g in open_groups:
            rel(g.uid, "exposes", inst.uid, via="SecurityGroupIds")
        note = f"{why}; security group {_where(open_groups[0])} lets the internet in"
        strengthen(inst, "internet_exposed", public, "SecurityGroupIds", note)
        if public is not False:
            inst.set_fact("exposure_width", "wide", "SecurityGroupIds", None, note)


# --------------------------------------------------------------------------- API Gateway


def _rest_apis(index: Index, rel: Rel) -> None:
    for m in index.of(METHOD):
        api = index.resolve(m.properties.get("RestApiId"), m, (REST_API,))
        if api is None:
            continue
        fn = index.resolve(get(m.properties, "Integration", "Uri"), m, (LAMBDA,))
        if fn is not None:
            rel(api.uid, "routes_to", fn.uid, via=f"method {m.origin.address}")
        types = as_list(get(api.properties, "EndpointConfiguration", "Types"))
        if "PRIVATE" in types:
            continue
        auth = m.properties.get("AuthorizationType", "NONE")
        key = m.properties.get("ApiKeyRequired")
        if auth == "NONE":
            # an API key is a shared secret for usage plans, not an identity: the method stays open
            # to whoever has (or guesses, or finds) the key
            why = f"method {_where(m)} has AuthorizationType NONE" + (", only an API key" if key is True else "")
            for x in (api, fn) if fn is not None else (api,):
                strengthen(x, "internet_exposed", True, f"{m.origin.address}.AuthorizationType",
                           why if x is api else f"behind API Gateway {why}")
                x.set_fact("exposure_width", "wide", f"{m.origin.address}.AuthorizationType", None,
                           "anyone on the internet")
                strengthen(x, "user_authentication", False, f"{m.origin.address}.AuthorizationType", "no authorizer")
                if key is True:
                    strengthen(x, "local_auth_enabled", True, f"{m.origin.address}.ApiKeyRequired",
                               f"method {_where(m)} accepts an API key")
        elif isinstance(auth, Unknown):
            strengthen(api, "internet_exposed", None, f"{m.origin.address}.AuthorizationType",
                       f"AuthorizationType of method {_where(m)} unknown")


def _http_apis(index: Index, rel: Rel) -> None:
    """HTTP and WebSocket APIs: a route with `AuthorizationType: NONE` (the default) exposes the Lambda
    function of the integration its `Target` (`integrations/<id>`) names."""
    for route in index.of(ROUTE):
        api = index.resolve(route.properties.get("ApiId"), route, (HTTP_API,))
        target = route.properties.get("Target")
        if isinstance(target, str) and target.startswith("integrations/"):
            target = target[len("integrations/"):]
        integration = index.resolve(target, route, (INTEGRATION,))
        if api is None or integration is None:
            continue
        fn = index.resolve(integration.properties.get("IntegrationUri"), integration, (LAMBDA,))
        if fn is None:
            continue
        rel(api.uid, "routes_to", fn.uid, via=f"route {route.origin.address}")
        auth = route.properties.get("AuthorizationType", "NONE")
        if auth == "NONE":
            for x in (api, fn):
                strengthen(x, "internet_exposed", True, f"{route.origin.address}.AuthorizationType",
                           f"route {_where(route)} has AuthorizationType NONE")
                x.set_fact("exposure_width", "wide", f"{route.origin.address}.AuthorizationType", None,
                           "anyone on the internet")
                strengthen(x, "user_authentication", False, f"{route.origin.address}.AuthorizationType",
                           "no authorizer")
        elif isinstance(auth, Unknown):
            strengthen(fn, "internet_exposed", None, f"{route.origin.address}.AuthorizationType",
                       f"AuthorizationType of route {_where(route)} unknown")


_HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "x-amazon-apigateway-any-method")


def _api_bodies(index: Index, rel: Rel) -> None:
    for api in index.of(REST_API, HTTP_API):
        body = api.properties.get("Body")
        paths = body.get("paths") if isinstance(body, dict) else None
        if not isinstance(paths, dict):
            continue
        if "PRIVATE" in as_list(get(api.properties, "EndpointConfiguration", "Types")):
            continue
        default_security = body.get("security")
        for path, ops in paths.items():
            if not isinstance(ops, dict):
                continue
            for method, op in ops.items():
                if not isinstance(op, dict) or str(method).lower() not in _HTTP_METHODS:
                    continue
                uri = get(op, "x-amazon-apigateway-integration", "uri")
                fn = index.resolve(uri, api, (LAMBDA,))
                if fn is None:
                    continue
                rel(api.uid, "routes_to", fn.uid, via=f"{str(method).upper()} {path}")
                security = op.get("security", default_security)
                if security:
                    continue
                where = f"{str(method).upper()} {path} of {_where(api)}"
                for x in (api, fn):
                    strengthen(x, "internet_exposed", True, f"Body.paths.{path}.{method}",
                               f"{where} has no security requirement")
                    x.set_fact("exposure_width", "wide", f"Body.paths.{path}.{method}", None, "anyone on the internet")
                    strengthen(x, "user_authentication", False, f"Body.paths.{path}.{method}", "no authorizer")
