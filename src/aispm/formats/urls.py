"""URLs found in scanned text, parsed defensively, since a URL is data, never trusted.

What a URL says as written: its host (`url_host`), whether it leaves the machine (`is_remote`),
how it is reached (`url_transport`: plain text or not, a non-standard port or not), and which
Azure AI account an endpoint names (`azure_account`). A URL that does not parse (an unbalanced
`[`, a `${VAR}` where the port goes) gives None or an unknown verdict, never an exception; a
reference (`aispm.formats.references`) makes unknown whatever it could hide. Nothing is fetched
and no name is resolved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable
from urllib.parse import urlsplit

from aispm.formats.references import REFERENCE


def url_host(url: object) -> str | None:
    """The host of a URL found in scanned text, or None: a URL that does not parse (an
    unbalanced `[`, a `${VAR}` where the port goes) is data to report, never a crash."""
    if not isinstance(url, str) or "://" not in url:
        return None
    try:
        return urlsplit(url.strip()).hostname
    except ValueError:
        return None


# --------------------------------------------------------------------------- Azure AI endpoints

AZURE_ENDPOINT_SERVICE = {
    "openai.azure.com": "azure-openai",
    "cognitiveservices.azure.com": "azure-ai-services",
    "services.ai.azure.com": "azure-ai-foundry",
    "search.windows.net": "azure-ai-search",
    "api.cognitive.microsoft.com": "azure-ai-services",
}
#: The service part of an Azure AI endpoint host; the account name is read backwards from where it
#: starts (a host label: at most 63 letters, digits and dashes, not starting with a dash), so that
#: finding every endpoint of a text is linear (a forward pattern would rescan up to 63 characters at
#: every position of a long run of letters).
_AZURE_SUFFIX = re.compile(r"\.(openai\.azure\.com|cognitiveservices\.azure\.com|services\.ai\.azure\.com|"
                           r"search\.windows\.net|api\.cognitive\.microsoft\.com)", re.IGNORECASE)
_LABEL_TAIL = re.compile(r"[a-z0-9-]*\Z", re.IGNORECASE)


def azure_endpoints(text: str) -> list[tuple[int, str, str]]:
    """Every Azure AI endpoint host in a text, in order: `(offset where it starts, including an
    `http(s)://` before it; account name, lower case; service)`."""
    out: list[tuple[int, str, str]] = []
    floor = 0  # an endpoint's name never reaches back into the one before it
    for m in _AZURE_SUFFIX.finditer(text):
        s = m.start()
        tail = _LABEL_TAIL.search(text, max(floor, s - 63), s)
        name = tail.group().lstrip("-") if tail else ""
        floor = m.end()
        if not name:
            continue
        start = s - len(name)
        for scheme in ("https://", "http://"):
            if start >= len(scheme) and text[start - len(scheme):start].lower() == scheme:
                start -= len(scheme)
                break
        out.append((start, name.lower(), AZURE_ENDPOINT_SERVICE[m.group(1).lower()]))
    return out


def azure_account(endpoint: str) -> tuple[str, str] | None:
    """`(account name, service)` when an endpoint names an Azure AI account."""
    if "." not in endpoint:
        return None
    for _, name, service in azure_endpoints(endpoint):
        return name, service
    return None


# --------------------------------------------------------------------------- where a URL goes, and how

_LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0", "[::1]", "host.docker.internal"}


def is_remote(url: str) -> bool | None:
    """Whether a URL's host is off the machine; None when it names no host or does not parse."""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return None
    if not host:
        return None
    return not (host in _LOCAL_HOSTS or host.endswith(".localhost") or host.startswith("127."))


#: Ports that are not "non-standard" for an HTTP endpoint (Maester MT.1115, Defender's hunting query).
STANDARD_PORTS = frozenset({80, 443})
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*)://")
_POWER_FX_LITERAL = re.compile(r'^=\s*"((?:[^"]|"")*)"\s*(&|$)')


@dataclass(frozen=True)
class UrlTransport:
    """How an endpoint URL is reached: `plaintext` (http/ws to a host off the machine) and
    `non_standard_port` (an explicit port other than 80/443), each None when the URL is not a literal
    far enough to tell; `endpoint` is `scheme://host[:port]` (never the path, query or user info, which
    may hold credentials), or None."""

    plaintext: bool | None
    non_standard_port: bool | None
    endpoint: str | None
    note: str


def url_transport(url: str) -> UrlTransport:
    """Judge the scheme and port of an endpoint URL as written. A reference (`${env:X}`, `${input:x}`,
    `$X`, `{{x}}`, `%X%`, a Power Fx formula) makes whatever it could hide unknown: `https://${HOST}/mcp`
    is not plaintext, but its port is unknown; `${MCP_URL}` is unknown on both counts."""
    s = url.strip() if isinstance(url, str) else ""
    complete = True
    if s.startswith("="):  # Power Fx: judge the leading string literal, if any
        m = _POWER_FX_LITERAL.match(s)
        if not m:
            return UrlTransport(None, None, None, "a Power Fx formula, not a literal URL")
        complete = m.group(2) == ""
        s = m.group(1).replace('""', '"')
    ref = REFERENCE.search(s)
    if ref:
        s, complete = s[: ref.start()], False
    m = _SCHEME.match(s)
    if not m:
        if not s:
            return UrlTransport(None, None, None, "the URL is a reference resolved at run time")
        if complete:
            return UrlTransport(None, None, None, "no scheme: a relative URL or a bare host")
        return UrlTransport(None, None, None, "the scheme is a reference resolved at run time")
    scheme = m.group(1).lower()
    if scheme not in ("http", "https", "ws", "wss"):
        return UrlTransport(None, None, None, f"scheme {scheme}: not an HTTP endpoint")
    secure = scheme in ("https", "wss")
    rest = s[m.end():]
    if not complete and not any(c in rest for c in "/?#"):
        # the host (or its port) is a reference: only the scheme is known
        return UrlTransport(False if secure else None, None, None,
                            f"{scheme}: the host is a reference resolved at run time")
    try:
        parts = urlsplit(s)
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError as exc:
        return UrlTransport(None, None, None, f"not a valid URL: {exc}")
    if not host:
        return UrlTransport(None, None, None, "no host")
    shown = f"[{host}]" if ":" in host else host
    endpoint = f"{scheme}://{shown}" + (f":{port}" if port is not None else "")
    if is_remote(s) is False:
        return UrlTransport(False, False, endpoint, "loopback host: the traffic never leaves the machine")
    plaintext = not secure
    odd_port = port is not None and port not in STANDARD_PORTS
    notes = [n for n, on in ((f"plain {scheme}: unencrypted to a remote host", plaintext),
                             (f"non-standard port {port}", odd_port)) if on]
    return UrlTransport(plaintext, odd_port, endpoint, "; ".join(notes) or f"{scheme} on a standard port")


def combine_transports(items: Iterable[tuple[str, UrlTransport]]) -> tuple[bool | None, bool | None, list[str]]:
    """Several endpoints of one asset → (plaintext, non_standard_port, evidence lines): true if any is,
    else unknown if any is unknown, else false."""

    def worst(values: list[bool | None]) -> bool | None:
        return True if True in values else (None if None in values else False)

    items = list(items)
    lines = [f"{where}: {t.endpoint or '?'} ({t.note})" if where else f"{t.endpoint or '?'} ({t.note})"
             for where, t in items]
    return worst([t.plaintext for _, t in items]), worst([t.non_standard_port for _, t in items]), lines
