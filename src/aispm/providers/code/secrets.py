"""Secrets: AI provider keys, cloud keys, connection-string passwords and bearer tokens.

A detector library used by every source that reads text (Python and JS code,
notebooks, prompt files) and a source of its own for configuration files
(`.env`, `*.json`, `*.yaml`, `*.toml`, `*.ini`, ...).

Detectors (`detector` property → `secret_kind` fact):

| detector | matches | kind |
|---|---|---|
| `openai-api-key` | `sk-…` (legacy, `T3BlbkFJ` marker), `sk-proj-…`, `sk-svcacct-…`, `sk-admin-…` | api-key |
| `anthropic-api-key` | `sk-ant-api03-…`, `sk-ant-admin01-…` | api-key |
| `huggingface-token` | `hf_` + 30+ alphanumerics | access-token |
| `google-api-key` | `AIza` + 35 | api-key |
| `aws-access-key-id` | `AKIA…` / `ASIA…` (16 more) | access-key-id |
| `aws-secret-access-key` | 40 chars assigned to a `*secret_access_key` name | secret-access-key |
| `azure-ai-key` | 32 hex or 84 alphanumerics, only beside an Azure AI endpoint or assigned to a key-named variable (`*_KEY`, `api_key`, `AzureKeyCredential(...)`) in a file that speaks of Azure / OpenAI | api-key |
| `azure-storage-account-key` | `AccountKey=` in a connection string | account-key |
| `azure-shared-access-key` | `SharedAccessKey=` (Service Bus, Event Hubs, IoT Hub) | shared-access-key |
| `connection-string-password` | `Password=`/`Pwd=` in a `Server=`/`Host=`/`Data Source=` string | password |
| `url-password` | `scheme://user:password@host` | password |
| `bearer-token` | a quoted `"Bearer <token>"` literal | bearer-token |

The value of a secret is never kept: a `SecretHit` holds only its redacted form
(`redact`) and SHA-256 (`fingerprint`). Placeholders (`sk-...`, `<your-key>`,
`xxxx`, `${VAR}`, `AKIA…EXAMPLE`, low-variety strings) are not secrets; a line
with `pragma: allowlist secret` (detect-secrets' marker) is skipped.

Speed: each detector runs only when its literal anchor occurs in the text (a C
substring search), and then as one `re.finditer` over the whole text.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import string
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from aispm.providers.code.catalog.ai_sdks import AZURE_ENDPOINT, azure_account
from aispm.model import Asset, Kind, Relation
from aispm.source import SourceContext, SourceResult, declared_uid, make_origin, readable

FORMAT = "secrets"


def redact(value: str) -> str:
    """The printable form of a secret: first 4 characters, `…`, last 2.

    Short values show less, so that the redacted form never spells the value
    out: 2 characters and `…` under 16 characters, only `…` under 8."""
    if len(value) >= 16:
        return f"{value[:4]}…{value[-2:]}"
    if len(value) >= 8:
        return f"{value[:2]}…"
    return "…"


def fingerprint(value: str) -> str:
    """SHA-256 of the value, hex: lets a user match a finding to a key they hold."""
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class SecretHit:
    """One secret in a text. Holds no raw value."""

    detector: str
    kind: str
    line: int
    redacted: str
    sha256: str
    service: str | None = None
    azure_account_name: str | None = None
    variable: str | None = None
    offset: int = 0


# --------------------------------------------------------------------------- placeholders

_PLACEHOLDER_WORDS = ("xxxx", "...", "…", "<", ">", "{", "}", "$", "your", "example", "placeholder", "dummy", "fake",
                      "redacted", "changeme", "change_me", "replace", "insert", "sample", "****", "000000", "123456",
                      "abcdef", "abcd1234", "secret_key_here", "here")
_PLACEHOLDER_PASSWORDS = frozenset({"password", "passwd", "pass", "pwd", "secret", "changeme", "admin", "root",
                                    "user", "username", "mypassword", "yourpassword", "none", "null", "test",
                                    "p@ssw0rd", "example", "***", "****", "%s", "...", "dbpassword", "token"})


def is_placeholder(value: str, min_variety: int = 8) -> bool:
    low = value.lower()
    if any(w in low for w in _PLACEHOLDER_WORDS):
        return True
    body = value.split("-")[-1] if value.startswith(("sk-", "hf_")) else value
    return len(set(body)) < min(min_variety, max(len(body) // 3, 3))


# --------------------------------------------------------------------------- detectors

_B = r"(?<![A-Za-z0-9_\-])"  # start boundary
_E = r"(?![A-Za-z0-9_\-])"  # end boundary


@dataclass(frozen=True)
class _Detector:
    name: str
    kind: str
    anchors: tuple[str, ...]
    pattern: re.Pattern[str]
    service: str | None = None

    @property
    def literal_first(self) -> bool:
        return self.name in ("huggingface-token", "google-api-key")


_DETECTORS: tuple[_Detector, ...] = (
    _Detector("openai-api-key", "api-key", ("sk-",), re.compile(
        _B + r"(?P<v>sk-(?:proj|svcacct|admin|None)-[A-Za-z0-9_\-]{20,}|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}"
             r"|sk-[A-Za-z0-9]{32,})" + _E), "openai"),
    _Detector("anthropic-api-key", "api-key", ("sk-ant-",), re.compile(
        _B + r"(?P<v>sk-ant-[a-z]{2,8}\d{0,3}-[A-Za-z0-9_\-]{32,})" + _E), "anthropic"),
    _Detector("huggingface-token", "access-token", ("hf_",), re.compile(
        r"hf_(?P<v>)[A-Za-z0-9]{30,40}(?![A-Za-z0-9_])"), "huggingface"),
    _Detector("google-api-key", "api-key", ("AIza",), re.compile(
        r"AIza(?P<v>)[0-9A-Za-z_\-]{35}" + _E), "google-api"),
    _Detector("aws-access-key-id", "access-key-id", ("AKIA", "ASIA"), re.compile(
        r"(?<![A-Za-z0-9])(?P<v>(?:AKIA|ASIA)[0-9A-Z]{16})(?![A-Za-z0-9])"), "aws"),
    _Detector("aws-secret-access-key", "secret-access-key",
              ("secret_access_key", "SECRET_ACCESS_KEY", "SecretAccessKey", "secretAccessKey", "secret_key"),
              re.compile(r"(?i:secret_?access_?key|aws_secret_key)[\"'\\]*\s*[:=,]\s*(?:[\"'\\]{1,2})?"
                         r"(?P<v>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])"), "aws"),
    _Detector("azure-storage-account-key", "account-key", ("AccountKey=",), re.compile(
        r"AccountKey=(?P<v>[A-Za-z0-9+/]{40,}={0,2})"), "azure-storage"),
    _Detector("azure-shared-access-key", "shared-access-key", ("SharedAccessKey=",), re.compile(
        r"SharedAccessKey=(?P<v>[A-Za-z0-9+/]{20,}={0,2})"), "azure-messaging"),
    _Detector("connection-string-password", "password", ("assword=", "ASSWORD=", "wd=", "WD="), re.compile(
        r"(?:[Pp]assword|PASSWORD|[Pp]wd|PWD)=(?P<v>[^;\"'\s\\]{3,128})")),
    _Detector("url-password", "password", ("://",), re.compile(
        r"://(?P<user>[^\s:/@\"'`\\]{1,64}):(?P<v>[^\s:/@\"'`\\]{3,128})@(?P<host>[A-Za-z0-9.\-_]+)")),
    _Detector("bearer-token", "bearer-token", ("Bearer ",), re.compile(
        r"[\"'`]Bearer\s+(?P<v>[A-Za-z0-9\-._~+/]{20,}=*)\\?[\"'`]"), None),
)

_AZURE_ANCHORS = ("azure", "Azure", "AZURE", "openai", "OpenAI", "OPENAI", "cognitive", "COGNITIVE", "search.windows")
_AZURE_KEY = re.compile(r"[0-9A-Za-z]{32,}")
_KEY_EDGE = frozenset(string.ascii_letters + string.digits + "+/_-")
_HEX = frozenset("0123456789abcdef")
_HEXU = frozenset("0123456789ABCDEF")
_KEY_NAME = re.compile(r"(?:(?P<name>[A-Za-z_][\w.\-]*)[\"'\\]*\s*[:=]\s*|(?P<cred>AzureKeyCredential)\(\s*|"
                       r"(?P<kw>api_key|key|subscription_key|apiKey)\s*=\s*)[\"'\\]*$")
_KEY_WORD = re.compile(r"key|secret|token|credential", re.IGNORECASE)
_VARIABLE = re.compile(r"(?P<name>[A-Za-z_][\w.\-]*)[\"'\\]*\s*(?::|=|\+=|,)\s*[\"'\\]*[^\"'\n]*$")
_HOST_URL = re.compile(r"https?://(?P<host>[A-Za-z0-9.\-]+)")
_ALLOW = "pragma: allowlist secret"

#: endpoints must be this close (characters) to a key to be its service
_NEAR = 600


_WORD = frozenset(string.ascii_letters + string.digits + "_-")
_CONN_CONTEXT = re.compile(r"(?i:server|host|data source|address|addr|endpoint)\s*=")


def _value(m: re.Match[str]) -> tuple[str, int]:
    """The secret of a match: group `v`, or the whole match when `v` is an empty marker (literal-first patterns)."""
    if "v" in m.re.groupindex and m.group("v"):
        return m.group("v"), m.start("v")
    return m.group(0), m.start()


class _Lines:
    """Offset → line, computed once per text on the first hit."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._nl: list[int] | None = None

    def line(self, offset: int) -> int:
        if self._nl is None:
            self._nl = [m.start() for m in re.finditer("\n", self.text)]
        return bisect.bisect_left(self._nl, offset) + 1

    def line_text(self, offset: int) -> str:
        start = self.text.rfind("\n", 0, offset) + 1
        end = self.text.find("\n", offset)
        return self.text[start: end if end >= 0 else len(self.text)]


def _variable(text: str, offset: int) -> str | None:
    start = max(text.rfind("\n", 0, offset) + 1, offset - 120)
    m = _VARIABLE.search(text, start, offset)
    return m.group("name") if m else None


def _azure_endpoints(text: str) -> list[tuple[int, str, str]]:
    if ".azure.com" not in text and ".windows.net" not in text and "cognitive.microsoft.com" not in text:
        return []
    out = []
    for m in AZURE_ENDPOINT.finditer(text):
        acct = azure_account(m.group(0))
        if acct:
            out.append((m.start(), acct[0], acct[1]))
    return out


def _nearest(endpoints: list[tuple[int, str, str]], offset: int) -> tuple[int, str, str] | None:
    best = None
    for ep in endpoints:
        d = abs(ep[0] - offset)
        if d <= _NEAR and (best is None or d < abs(best[0] - offset)):
            best = ep
    return best


def find_secrets(text: str) -> list[SecretHit]:
    """Every secret in a text, in order of appearance, values redacted and hashed."""
    hits: list[SecretHit] = []
    lines = _Lines(text)
    endpoints: list[tuple[int, str, str]] | None = None
    seen: set[tuple[int, str]] = set()

    def add(det: str, kind: str, m: re.Match[str], service: str | None, account: str | None = None) -> None:
        value, off = _value(m)
        if (off, value) in seen:
            return
        if _ALLOW in lines.line_text(off):
            return
        seen.add((off, value))
        hits.append(SecretHit(det, kind, lines.line(off), redact(value), fingerprint(value), service, account,
                              _variable(text, m.start()), off))

    for d in _DETECTORS:
        if not any(a in text for a in d.anchors):
            continue
        for m in d.pattern.finditer(text):
            value, off = _value(m)
            if d.literal_first and off > 0 and text[off - 1] in _WORD:
                continue
            if d.name == "connection-string-password" and not _CONN_CONTEXT.search(
                    text, max(text.rfind("\n", 0, off) + 1, off - 600), off):
                continue
            if d.name == "url-password" and not (off > 0 and text[m.start() - 1: m.start()].isalpha()):
                continue
            if d.name in ("connection-string-password", "url-password"):
                if len(value) < 8 or value.isalpha() and value.islower() or \
                        value.lower() in _PLACEHOLDER_PASSWORDS or any(c in value for c in "<>{}$%*") or \
                        value.lower().startswith(("your", "pass", "example")) or value == m.groupdict().get("user"):
                    continue
            elif d.name == "aws-access-key-id":
                if "EXAMPLE" in value or len(set(value[4:])) < 6:
                    continue
            elif is_placeholder(value):
                continue
            service, account = d.service, None
            if d.name == "openai-api-key" and value.startswith("sk-ant-"):
                continue
            if d.name in ("azure-storage-account-key", "azure-shared-access-key", "connection-string-password"):
                service, account = _conn_service(text, m.start(), service)
            elif d.name == "url-password":
                service = m.group("host").lower()
            elif d.name == "bearer-token":
                near = _HOST_URL.search(text, max(0, m.start() - _NEAR), m.end() + _NEAR)
                if near:
                    service = near.group("host").lower()
                    acct = azure_account(near.group(0))
                    if acct:
                        account, service = acct
            elif d.name == "google-api-key" and re.search(r"gemini|genai|generativelanguage", text[max(0, m.start() - _NEAR): m.end() + _NEAR], re.I):
                service = "gemini-api"
            add(d.name, d.kind, m, service, account)

    if any(a in text for a in _AZURE_ANCHORS):
        for m in _AZURE_KEY.finditer(text):
            value = m.group(0)
            if len(value) not in (32, 84) or (m.start() > 0 and text[m.start() - 1] in _KEY_EDGE) or \
                    (m.end() < len(text) and text[m.end()] in _KEY_EDGE):
                continue
            chars = set(value)
            if len(value) == 32 and not (chars <= _HEX or chars <= _HEXU):
                continue
            if len(set(value)) < 10 or is_placeholder(value, 10):
                continue
            if len(value) == 84 and not (any(c.isdigit() for c in value) and any(c.isupper() for c in value)
                                         and any(c.islower() for c in value)):
                continue
            if endpoints is None:
                endpoints = _azure_endpoints(text)
            near = _nearest(endpoints, m.start())
            before = text[max(text.rfind("\n", 0, m.start()) + 1, m.start() - 100): m.start()]
            km = _KEY_NAME.search(before)
            named = bool(km and (km.group("cred") or km.group("kw") or
                                 (km.group("name") and _KEY_WORD.search(km.group("name").split(".")[-1]))))
            if not (named or near):
                continue
            if near is None and not named:
                continue
            add("azure-ai-key", "api-key", m, near[2] if near else "azure-ai", near[1] if near else None)

    hits.sort(key=lambda h: h.offset)
    return hits


_ACCOUNT_NAME = re.compile(r"AccountName=(?P<n>[a-z0-9]{3,24})", re.I)
_SB_ENDPOINT = re.compile(r"Endpoint=sb://(?P<n>[A-Za-z0-9\-]+)\.(?P<svc>servicebus\.windows\.net)", re.I)
_IOT_HOST = re.compile(r"HostName=(?P<n>[A-Za-z0-9\-]+)\.azure-devices\.net", re.I)
_SQL_HOST = re.compile(r"(?:Server|Host|Data Source|Address|Addr)=(?:tcp:)?(?P<host>[A-Za-z0-9.\-_]+)", re.I)


def _conn_service(text: str, offset: int, default: str | None) -> tuple[str | None, str | None]:
    """The service a connection string's key is for, from the same string."""
    start = max(text.rfind("\n", 0, offset) + 1, offset - 400)
    end = text.find("\n", offset)
    seg = text[start: end if end >= 0 else len(text)]
    for rx, service in ((_ACCOUNT_NAME, "azure-storage"), (_SB_ENDPOINT, "azure-service-bus"),
                        (_IOT_HOST, "azure-iot-hub")):
        m = rx.search(seg)
        if m:
            return service, m.group("n").lower()
    m = _SQL_HOST.search(seg)
    if m:
        host = m.group("host").lower()
        if host.endswith(".database.windows.net"):
            return "azure-sql", host.split(".")[0]
        return host, None
    return default, None


# --------------------------------------------------------------------------- assets

def secret_asset(hit: SecretHit, fmt: str, rel: str, line: int | None = None, where: str | None = None,
                 taken: set[str] | None = None) -> tuple[Asset, Relation | None]:
    """The `secret` asset of a hit (and its `holds_key_for` relation when the service is known).

    `line` overrides the hit's line (notebooks map it), `where` prefixes the address (`cell 3, line 2`)."""
    line = hit.line if line is None else line
    address = f"{where or f'line {line}'}:secret {hit.detector}"
    uid = declared_uid(fmt, rel, address)
    if taken is not None:
        n = 2
        base = uid
        while uid in taken:
            uid = f"{base}#{n}"
            n += 1
        taken.add(uid)
    props: dict[str, object] = {"detector": hit.detector, "redacted": hit.redacted, "sha256": hit.sha256,
                                "line": line}
    if hit.service:
        props["service"] = hit.service
    if hit.azure_account_name:
        props["azure_account_name"] = hit.azure_account_name
    if hit.variable:
        props["variable"] = hit.variable
    asset = Asset(uid=uid, provider="code", type="secret", name=f"{hit.detector} {hit.redacted}",
                  origin=make_origin(fmt, rel, line, address), properties=props, kind=Kind.SECRET)
    asset.set_fact("secret_kind", hit.kind, path=f"{hit.detector}@line {line}", raw=hit.redacted,
                   note="value redacted; its SHA-256 is in properties.sha256")
    asset.set_fact("hardcoded_secret", True, path=f"{hit.detector}@line {line}", raw=hit.redacted)
    target = hit.azure_account_name or hit.service
    rel_ = Relation(uid, "holds_key_for", target, (("service", hit.service),)) if target else None
    return asset, rel_


def add_secrets(result: SourceResult, text: str, fmt: str, rel: str,
                line_map: Callable[[int], tuple[int, str | None]] | None = None,
                taken: set[str] | None = None) -> list[str]:
    """Find the secrets of a text and add their assets to `result`; returns their uids."""
    uids = []
    for hit in find_secrets(text):
        line, where = line_map(hit.line) if line_map else (hit.line, None)
        asset, relation = secret_asset(hit, fmt, rel, line, where, taken)
        result.assets.append(asset)
        if relation:
            result.relations.append(relation)
        uids.append(asset.uid)
    return uids


# --------------------------------------------------------------------------- config files

CONFIG_SUFFIXES = frozenset({".json", ".yaml", ".yml", ".toml", ".ini", ".cfg", ".conf", ".properties", ".env",
                             ".jsonc", ".tfvars"})


class SecretsSource:
    """Secrets in configuration files. Code, notebooks and prompt files are scanned by their own sources."""

    name = "secrets"

    def claims(self, path: Path) -> bool:
        name = path.name
        if name.startswith(".env"):
            return not name.endswith((".example", ".sample", ".template", ".dist"))
        return path.suffix.lower() in CONFIG_SUFFIXES

    def load(self, files: list[Path], ctx: SourceContext) -> SourceResult:
        result = SourceResult()
        taken: set[str] = set()
        for path, text in readable(files, ctx, result):
            add_secrets(result, text, FORMAT, ctx.rel(path), taken=taken)
        return result


def scan_texts(items: Iterable[tuple[str, str]]) -> list[tuple[str, SecretHit]]:
    """`(name, text)` pairs → hits, for callers outside the source pipeline."""
    return [(name, h) for name, text in items for h in find_secrets(text)]
