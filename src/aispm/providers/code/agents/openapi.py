"""OpenAPI (and Swagger 2) documents that agent tools and Power Platform custom connectors carry:
which servers they call, and which operations read or send data.

`openapi_transports` judges each server URL the document names (OpenAPI 3 `servers` with variable
defaults applied, or Swagger 2 `host` + `schemes` + `basePath`) with `url_transport`; a spec that
is not inline, or that names no absolute server, gives an unknown transport. `openapi_flow`
counts GET / HEAD / OPTIONS operations as reads and every other method as a send. Specs are read
from the definition as written; `$ref`s to other files are not followed.
"""

from __future__ import annotations

from typing import Any

from aispm.formats.jsonc import parse_jsonc
from aispm.formats.located import DocError
from aispm.formats.urls import UrlTransport, url_transport
from aispm.formats.yaml_lines import parse_yaml
from aispm.providers.code.agents.common import DataFlows, as_text


def load_spec(spec: Any) -> dict | None:
    """An inline OpenAPI / Swagger document (a mapping, or JSON / YAML text), or None."""
    if isinstance(spec, str):
        try:
            spec = parse_jsonc(spec)
        except DocError:
            try:
                docs = parse_yaml(spec)
                spec = docs[0] if len(docs) == 1 else None
            except DocError:
                spec = None
    return spec if isinstance(spec, dict) else None


HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
READ_METHODS = frozenset({"get", "head", "options"})


def openapi_methods(spec: dict) -> dict[str, str]:
    """operationId (or `METHOD path`) → HTTP method, for every operation of a spec."""
    out: dict[str, str] = {}
    paths = spec.get("paths") if isinstance(spec.get("paths"), dict) else {}
    for path, item in paths.items():
        if not isinstance(item, dict):
            continue
        for method in HTTP_METHODS:
            op = item.get(method)
            if isinstance(op, dict):
                out[str(op.get("operationId") or f"{method.upper()} {path}")] = method
    return out


def openapi_flow(spec: Any, name: str, flows: DataFlows) -> None:
    """An OpenAPI tool reads with its GET operations and sends data out with the others (POST, PUT, …);
    when the spec is not inline, it may do either."""
    doc = load_spec(spec)
    if doc is None:
        flows.maybe_reads.append(f"{name} (openapi: spec not inline)")
        flows.maybe_sends.append(f"{name} (openapi: spec not inline)")
        return
    methods = openapi_methods(doc)
    reads = sorted(op for op, m in methods.items() if m in READ_METHODS)
    sends = sorted(op for op, m in methods.items() if m not in READ_METHODS)
    if reads:
        flows.reads.append(f"{name} (openapi: {', '.join(reads)})")
    if sends:
        flows.sends.append(f"{name} (openapi: {', '.join(sends)})")


def openapi_transports(spec: Any, where: str) -> list[tuple[str, UrlTransport]]:
    """The server URLs an OpenAPI 3 or Swagger 2 document names, judged by `url_transport`; an unknown
    transport when the spec is not inline or names no absolute server."""
    spec = load_spec(spec)
    if not isinstance(spec, dict):
        return [(where, UrlTransport(None, None, None, "the OpenAPI spec is not inline: its servers are unknown"))]
    if isinstance(spec.get("swagger"), str) or "host" in spec:  # Swagger 2 (Power Platform custom connectors)
        host = as_text(spec.get("host"))
        if not host:
            return [(where, UrlTransport(None, None, None, "the spec names no host"))]
        schemes = [str(x).lower() for x in spec.get("schemes") or [] if isinstance(x, str)]
        if not schemes:
            return [(where, UrlTransport(None, None, None, "the spec names no scheme: it is the one the spec is "
                                                           "served over"))]
        base = spec.get("basePath") if isinstance(spec.get("basePath"), str) else "/"
        return [(where, url_transport(f"{sc}://{host}{base}")) for sc in schemes]
    servers = [x for x in spec.get("servers") or [] if isinstance(x, dict) and isinstance(x.get("url"), str)]
    if not servers:
        return [(where, UrlTransport(None, None, None, "the spec names no server: its URL is relative to where the "
                                                       "spec is served"))]
    out = []
    for srv in servers:
        url = srv["url"]
        variables = srv.get("variables") if isinstance(srv.get("variables"), dict) else {}
        for name, var in variables.items():  # a server variable's default is what the spec says is used
            if isinstance(var, dict) and isinstance(var.get("default"), (str, int)):
                url = url.replace("{" + str(name) + "}", str(var["default"]))
        brace = url.find("{")
        if brace >= 0 and url.find("}", brace) >= 0:
            out.append((where, UrlTransport(None, None, None, "a server variable without a default")))
        else:
            out.append((where, url_transport(url)))
    return out


#: security scheme types that authenticate the caller (Swagger 2 `securityDefinitions`, OpenAPI 3
#: `components.securitySchemes`); `http` covers basic and bearer in OpenAPI 3
AUTH_SCHEMES = frozenset({"oauth2", "apikey", "basic", "http", "openidconnect", "mutualtls"})


def openapi_authentication(spec: dict) -> tuple[bool | None, list[str]]:
    """Whether calls to the API authenticate, from the schemes the definition declares: none (an empty or
    absent `securityDefinitions`) is False, OAuth2 / API key / basic is True, a scheme type no one knows is
    None. The scheme types are returned for the evidence."""
    schemes = spec.get("securityDefinitions")
    if schemes is None:
        comps = spec.get("components") if isinstance(spec.get("components"), dict) else {}
        schemes = comps.get("securitySchemes")
    if not isinstance(schemes, dict) or not schemes:
        return False, []
    types = sorted({str(v.get("type") or "?") for v in schemes.values() if isinstance(v, dict)})
    if any(t.lower() in AUTH_SCHEMES for t in types):
        return True, types
    return None, types
