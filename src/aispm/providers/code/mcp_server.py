"""One MCP server declaration → an `mcp-server` asset, with its secrets and facts.

Shared by every place a server is declared: MCP client config files (`aispm.providers.code.mcp`),
Foundry agent MCP tools (`agents.foundry`), and servers declared in Python or JS/TS code
(`analysis.Collector.mcp_server`), so that a server gets the same properties and facts
(`transport`, `remote`, `plaintext_transport`, `non_standard_port`, `package_launcher`, `pinned`,
`user_authentication`, `hardcoded_secret`) wherever it is written. Properties keep what the
declaration says (transport, command, args, url, the *names* of env variables and headers); a
literal credential found in `env`, `headers`, `args` or the URL becomes a redacted `secret` asset
that `holds_key_for` the server, and the properties carry its redacted form in place of the value.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from aispm.formats.located import LDict, LList
from aispm.formats.references import is_reference
from aispm.formats.secrets import LiteralSecret, literal_secrets, scrub, secret_values
from aispm.formats.urls import UrlTransport, combine_transports, is_remote, url_transport
from aispm.model import Asset, Kind, Relation
from aispm.providers.code.mcp_launch import analyse_launch
from aispm.providers.code.secret_assets import config_secret_asset
from aispm.source import declared_uid, make_origin

_AUTH_HEADER = re.compile(r"(?i)^(authorization|proxy-authorization|x-api-key|api-key|apikey|x-auth-token|"
                          r"ocp-apim-subscription-key|x-functions-key|.*token.*|.*api[-_]?key.*|.*secret.*)$")
_AUTH_QUERY = re.compile(r"(?i)(?:^|&)(?:api[-_]?key|key|token|access_token|code|sig|auth)=([^&]+)")


def transport_of(cfg: dict) -> str | None:
    t = str(cfg.get("type") or cfg.get("transport") or "").lower().replace("_", "-")
    if t in ("stdio", "local"):
        return "stdio"
    if t in ("http", "streamable-http", "streamablehttp", "remote"):
        return "http"
    if t == "sse":
        return "sse"
    if cfg.get("command"):
        return "stdio"
    url = cfg.get("url") or cfg.get("serverUrl") or cfg.get("httpUrl")
    if isinstance(url, str) and url:
        try:
            path = urlsplit(url).path
        except ValueError:  # not a valid URL (reported by the remote / transport facts): a URL is HTTP
            path = ""
        return "sse" if path.rstrip("/").endswith("/sse") else "http"
    return None


def set_transport_facts(asset: Asset, items: list[tuple[str, UrlTransport]], path: str) -> None:
    """`plaintext_transport` and `non_standard_port` on an asset that calls the endpoints in `items`."""
    if not items:
        return
    plain, odd, lines = combine_transports(items)
    note = None if len(items) > 1 else items[0][1].note
    asset.set_fact("plaintext_transport", plain, path, raw=lines, note=note)
    asset.set_fact("non_standard_port", odd, path, raw=lines, note=note)


@dataclass
class _Secrets:
    """The credentials written in one declaration: each reported once (by value), as a `secret` asset that
    `holds_key_for` the server."""

    fmt: str
    rel: str
    address: str
    holder: str
    hits: list[LiteralSecret] = field(default_factory=list)
    assets: list[Asset] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)

    def found(self, where: str, hits: list[LiteralSecret], at: int) -> None:
        for i, h in enumerate(hits):
            if any(h.value == o.value for o in self.hits):
                continue
            self.hits.append(h)
            suffix = f"#{i}" if i else ""
            a, r = config_secret_asset(self.fmt, self.rel, at, f"{self.address}:{where}{suffix}", h, where,
                                       self.holder)
            self.assets.append(a)
            self.relations.append(r)


def server_asset(fmt: str, rel: str, line: int, name: str, cfg: dict, secret_inputs: set[str] | None = None,
                 address: str | None = None) -> tuple[Asset, list[Asset], list[Relation]]:
    """One MCP server declaration → the `mcp-server` asset, its secret assets, and their relations.

    Shared by the agent sources for MCP tools that name a server URL."""
    address = address or name
    uid = declared_uid(fmt, rel, address)
    command = cfg.get("command") if isinstance(cfg.get("command"), str) else None
    raw_args = cfg.get("args") if isinstance(cfg.get("args"), list) else []
    args = [a if isinstance(a, str) else json.dumps(a) for a in raw_args]
    url = next((cfg[k] for k in ("url", "serverUrl", "httpUrl", "server_url") if isinstance(cfg.get(k), str)), None)
    env = cfg.get("env") if isinstance(cfg.get("env"), dict) else {}
    headers = cfg.get("headers") if isinstance(cfg.get("headers"), dict) else {}

    secrets = _Secrets(fmt, rel, address, uid)
    _find_secrets(secrets, cfg, line, env, headers, raw_args, args, url)
    hits = secrets.hits
    transport = transport_of(cfg)
    props: dict[str, Any] = {"transport": transport, "client_type": cfg.get("type")}
    if command:
        props["command"] = scrub(command, hits)
        props["args"] = [scrub(a, hits) for a in args]
    if url:
        props["url"] = scrub(url, hits)
    if env:
        props["env_names"] = sorted(str(k) for k in env)
    if cfg.get("envFile"):
        props["env_file"] = cfg.get("envFile")
    if headers:
        props["header_names"] = sorted(str(k) for k in headers)
    for k in ("server_label", "require_approval", "allowed_tools", "disabled", "autoApprove", "alwaysAllow"):
        if k in cfg:
            props[k] = cfg[k]

    asset = Asset(uid=uid, provider="code", type="mcp-server", name=name,
                  origin=make_origin(fmt, rel, line, address), properties=props, kind=Kind.MCP_SERVER)
    asset.set_fact("transport", transport, "type/command/url", raw=cfg.get("type"))
    _set_reach_facts(asset, transport, command, url)
    _set_launch_facts(asset, transport, command, args, hits)
    if transport in ("http", "sse"):
        auth, why = _auth_of(cfg, headers, url, secret_inputs or set())
        asset.set_fact("user_authentication", auth, why[0], raw=why[1], note=why[2])
    else:
        asset.set_fact("user_authentication", None, "transport", note="stdio: no network authentication applies")
    asset.set_fact("hardcoded_secret", bool(hits), "env/headers/args/url",
                   raw=[f"{h.kind}: {h.redacted}" for h in hits] or None)
    return asset, secrets.assets, secrets.relations


def _find_secrets(secrets: _Secrets, cfg: dict, line: int, env: dict, headers: dict, raw_args: list, args: list[str],
                  url: str | None) -> None:
    """Credentials in env values, headers, arguments (a flag's name says what its value is) and the URL
    (known shapes, and key-like query parameters), each at its own line when the document has lines."""
    for k, v in env.items():
        if isinstance(v, str):
            secrets.found(f"env.{k}", literal_secrets(v, str(k)), env.line_of(k) if isinstance(env, LDict) else line)
    for k, v in headers.items():
        if isinstance(v, str):
            secrets.found(f"headers.{k}", literal_secrets(v, str(k)),
                          headers.line_of(k) if isinstance(headers, LDict) else line)
    for i, a in enumerate(args):
        flag_name = args[i - 1] if i and args[i - 1].startswith("-") else None
        if "=" in a and a.startswith("-"):
            flag_name, value = a.split("=", 1)
        else:
            value = a
        at = raw_args.item_lines[i] if isinstance(raw_args, LList) and i < len(raw_args.item_lines) else line
        secrets.found(f"args[{i}]", literal_secrets(value, flag_name.lstrip("-") if flag_name else None), at)
    if url:
        hits = secret_values(url)
        try:
            q = urlsplit(url).query
        except ValueError:
            q = ""
        for m in _AUTH_QUERY.finditer(q):
            if not is_reference(m.group(1)) and len(m.group(1)) >= 8:
                hits.append(LiteralSecret("url-query-credential", m.group(1)))
        secrets.found("url", hits, cfg.line_of("url") if isinstance(cfg, LDict) else line)


def _set_reach_facts(asset: Asset, transport: str | None, command: str | None, url: str | None) -> None:
    """`remote` (and, with a URL, `plaintext_transport` / `non_standard_port`)."""
    if url:
        asset.set_fact("remote", is_remote(url), "url", raw=asset.properties["url"])
    elif transport == "stdio":
        asset.set_fact("remote", False, "command", raw=command, note="stdio: runs on the developer's machine")
    else:
        asset.set_fact("remote", None, "url", note="no URL and no command")
    if url:
        set_transport_facts(asset, [("", url_transport(url))], "url")


def _set_launch_facts(asset: Asset, transport: str | None, command: str | None, args: list[str],
                      hits: list[LiteralSecret]) -> None:
    """`package_launcher` and `pinned`: what a stdio server's command fetches at every start."""
    props = asset.properties
    if transport == "stdio":
        launch = analyse_launch(command, args)
        props["launcher"] = launch.launcher
        if launch.package:
            props["package"] = scrub(launch.package, hits)
        asset.set_fact("package_launcher", launch.launcher is not None, "command", raw=command)
        asset.set_fact("pinned", launch.pinned, "command/args", raw=props.get("package"), note=launch.note)
    else:
        asset.set_fact("package_launcher", False, "url", note="remote server: nothing is installed")
        asset.set_fact("pinned", None, "url", note="remote server: nothing is installed")


def _auth_of(cfg: dict, headers: dict, url: str | None, secret_inputs: set[str]) -> tuple[bool, tuple]:
    for k in ("oauth", "auth", "authorization", "authentication", "project_connection_id"):
        v = cfg.get(k)
        if v:
            return True, (k, k, f"`{k}` configured")
    for k, v in headers.items():
        if isinstance(v, str) and v.strip() and _AUTH_HEADER.match(str(k)):
            return True, (f"headers.{k}", str(k), "credential header sent")
    for k, v in headers.items():
        if isinstance(v, str) and any(f"${{input:{i}}}" in v for i in secret_inputs):
            return True, (f"headers.{k}", str(k), "header filled from a prompted input")
    if url:
        try:
            q = urlsplit(url).query
        except ValueError:
            q = ""
        if _AUTH_QUERY.search(q):
            return True, ("url", None, "credential in the query string")
    return False, ("headers", None, "no Authorization or key header, no OAuth configuration: "
                                    "the client may still negotiate OAuth at run time")
