"""What the Power Platform parts of a Copilot Studio export say: the `kind` of topic and tool YAML
nodes, whether a connector call runs on the maker's connection, whether a connector operation reads
or sends data, and the endpoints of custom connectors whose definitions are in the export.

A standard connector's operation is judged by its id (`GetItems` reads, `SendEmail` sends); a custom
connector whose `Connector/<name>_openapidefinition.json` is in the export is judged by its HTTP
methods instead, its `host` and `schemes` give the endpoints it calls, its display name (else the
definition's `info.title`) names it, and its `securityDefinitions` say whether calls authenticate. A send whose recipient or
URL the maker fixed (Maester MT.1116) is listed but does not count as a destination the model drives.
These are heuristics over names and literal inputs: what a flow or a connector does at run time is
not in the export.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from aispm.formats.jsonc import parse_jsonc
from aispm.formats.located import DocError
from aispm.formats.urls import UrlTransport
from aispm.model import ScanError
from aispm.providers.code.agents.common import as_text
from aispm.providers.code.agents.openapi import READ_METHODS, openapi_authentication, openapi_methods, \
    openapi_transports
from aispm.providers.code.agents.solution_export import ExportTree


def walk_nodes(node: Any, path: str = ""):
    """Every mapping in a topic or tool document, with its path (`actions[0].action`), outermost first."""
    if isinstance(node, dict):
        yield path, node
        for k, v in node.items():
            yield from walk_nodes(v, f"{path}.{k}" if path else str(k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from walk_nodes(v, f"{path}[{i}]")


def kind_of(d: Any) -> str:
    """The `kind` (or `$kind`) of a topic or tool node: `AdaptiveDialog`, `HttpRequestAction`, ..."""
    if not isinstance(d, dict):
        return ""
    return str(d.get("kind") or d.get("$kind") or "")


def maker_mode(action: dict) -> tuple[bool | None, str | None]:
    """Maester MT.1118: a connection reference without `mode: Invoker` runs with the maker's connection."""
    if not as_text(action.get("connectionReference")) and not as_text(action.get("connectionReferenceLogicalName")):
        return None, None
    props = action.get("connectionProperties") if isinstance(action.get("connectionProperties"), dict) else {}
    mode = props.get("mode") or action.get("authMode") or props.get("authMode")
    if isinstance(mode, str) and mode.lower() == "invoker":
        return False, "Invoker"
    return True, mode if isinstance(mode, str) else None


def _norm_name(s: str) -> str:
    return re.sub(r"[^a-z0-9]", "", s.lower().replace("_5f", "_").replace("-5f", "_"))


@dataclass
class ConnectorApi:
    """A custom connector's definition: its endpoints, the HTTP method of each operation, the name a user
    knows it by (the connector's display name, else the definition's `info.title`) and whether calls to it
    authenticate (`securityDefinitions`: none is False, OAuth2 / API key / basic is True)."""

    transports: list[tuple[str, UrlTransport]]
    methods: dict[str, str]
    title: str | None = None
    authenticated: bool | None = None
    auth_schemes: tuple[str, ...] = ()


def custom_connector_endpoints(tree: ExportTree, connrefs: dict[str, str], custom_ids: dict[str, str],
                               connectors: list[tuple[str, str, str, str]],
                               errs: list[ScanError]) -> dict[str, ConnectorApi]:
    """Connection reference → the custom connector it uses, from the connector's
    `Connector/<name>_openapidefinition.json` in the export (Swagger 2: `host`, `schemes`, `paths`).
    Standard connectors, and custom connectors whose definition is not in the export, are left out."""
    defs: dict[str, ConnectorApi] = {}  # connector GUID or name → definition
    names: dict[str, str] = {}  # normalised name → key
    by_base: dict[str, str] = {}  # `<name>_openapidefinition.json` → the first member with that file name
    for p in tree.files:
        low = p.lower()
        if low.endswith("_openapidefinition.json"):
            by_base.setdefault(low.rsplit("/", 1)[-1], p)
    for name, guid, path, display in connectors:
        rel = path.strip().lstrip("/")
        fp = tree.find(rel) if rel else None
        if fp is None and name:
            fp = by_base.get(f"{name.lower()}_openapidefinition.json")
        if fp is None:
            continue
        try:
            spec = parse_jsonc(tree.text(fp), tree.limits.depth)
        except UnicodeDecodeError:
            errs.append(ScanError(tree.origin_file(fp), None, f"{fp}: not UTF-8"))
            continue
        except DocError as exc:
            errs.append(ScanError(tree.origin_file(fp), exc.line, f"{fp}: invalid JSON: {exc.message}"))
            continue
        key = guid.strip("{}").lower() or name.lower()
        doc = spec if isinstance(spec, dict) else {}
        info = doc.get("info") if isinstance(doc.get("info"), dict) else {}
        authenticated, schemes = openapi_authentication(doc) if doc else (None, [])
        defs[key] = ConnectorApi(openapi_transports(spec, f"custom connector {name or guid}"),
                                 openapi_methods(doc), display or as_text(info.get("title")) or None,
                                 authenticated, tuple(schemes))
        if name:
            names[_norm_name(name)] = key
    out: dict[str, ConnectorApi] = {}
    for ref, connector_id in connrefs.items():
        key = custom_ids.get(ref, "").strip("{}").lower()
        if key not in defs:
            last = _norm_name(connector_id.rsplit("/", 1)[-1])
            matches = {k for n, k in names.items() if n and n in last}
            key = next(iter(matches)) if len(matches) == 1 else ""
        if key in defs:
            out[ref] = defs[key]
    return out


_READ_OP = re.compile(r"(?i)^(?:get|list|search|find|read|query|retrieve|lookup|fetch|download|export)|profile")
_SEND_OP = re.compile(r"(?i)^(?:send|post|forward|reply|share|publish|notify|invokehttp|httprequest)|sendemail|"
                      r"sendmail|sendmessage|postmessage|httprequest")
_SEND_CONNECTORS = re.compile(r"(?i)(?:sendmail|smtp|sendgrid|webcontents|twilio|/shared_http$)")
_DESTINATION_INPUT = re.compile(r"(?i)^(?:to|cc|bcc|recipients?|.*email.*|.*address.*|url|uri|destination|webhook.*|"
                                r"channel.*|chat.*|conversation.*|phone.*|location)$")


def fixed_destination(data: dict) -> bool:
    """Whether a connector tool's destination inputs (To, recipient, URL, channel, …) are all set by the
    maker (`ManualTaskInput` with a literal value): Maester MT.1116 and Defender's hunting query flag the
    ones the AI fills. An input the tool does not list is filled by the AI."""
    inputs = data.get("inputs") if isinstance(data.get("inputs"), list) else []
    dest = [i for i in inputs if isinstance(i, dict)
            and _DESTINATION_INPUT.match(str(i.get("propertyName") or "").strip("'\""))]
    if not dest:
        return False
    return all(kind_of(i) == "ManualTaskInput" and isinstance(i.get("value"), str) and i["value"].strip()
               and not i["value"].lstrip().startswith("=") for i in dest)


def connector_flow(op: str | None, connector: str, method: str | None = None) -> str | None:
    """A connector operation → "read", "send" or None (neither, as far as its id says). For a custom
    connector whose definition is in the export, the operation's HTTP method decides: GET reads, the
    others send data to the connector's API."""
    if method:
        return "read" if method in READ_METHODS else "send"
    op = op or ""
    if _SEND_OP.search(op) or _SEND_CONNECTORS.search(connector):
        return "send"
    if _READ_OP.search(op):
        return "read"
    return None
