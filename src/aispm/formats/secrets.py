"""The one secret detector: AI provider keys, cloud keys, connection-string passwords and bearer tokens.

Every source that reads text uses it (Python and JS code, notebooks, prompt files, config files,
MCP configs, agent definitions, and the Azure provider's literal app settings). Two entry points:

- `find_secrets(text)`: known credential shapes anywhere in a text, each a `SecretHit` that holds its
  line, redacted form and SHA-256, and the span of the value (never the value itself).
- `literal_secrets(value, name)`: a single config value, as MCP servers and agent tools declare them.
  Known shapes first; else `Bearer …` / `Basic …` / `Token …`, or any literal in a credential-named
  field (`API_KEY`, `Authorization`, `x-api-key`). Each is a `LiteralSecret`, which holds the value in
  memory only so that `scrub` can replace it in the properties that are kept.

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

The printable form of a secret is `redact(value)` (first 4 characters, `…`, last 2: `sk-p…3f`) and its
identity is `fingerprint(value)` (SHA-256). Placeholders (`sk-...`, `<your-key>`, `xxxx`, `${VAR}`,
`AKIA…EXAMPLE`, low-variety strings) are not secrets; a line with `pragma: allowlist secret`
(detect-secrets' marker) is skipped. Limits: shapes only, no entropy scan of arbitrary strings and no
verification against the service.

Speed: a text with no anchor of any detector is passed over with one search (most strings the
redaction stage checks are short and have none); each detector runs only when its literal anchor
occurs in the text (a C substring search), and then as one `re.finditer` over the whole text.
Every pattern is linear in its input, and so is the work per hit: what a hit looks at around itself
(the variable it is assigned to, the connection string it is part of, the endpoint nearby) is a
bounded window of its own line, found through an index of the text's lines built once, so a
single line of megabytes with thousands of candidates costs no more than thousands of short ones.
`find_secrets(text, limit=N)` stops after N hits (a source reading a file of a million keys
reports the first N and says so).
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import re
import string
from dataclasses import dataclass
from typing import Iterable

from aispm.formats.references import is_reference
from aispm.formats.urls import azure_account, azure_endpoints

#: A command-line flag whose value is a credential (`--api-key X`, `--master_key=X`, `--hf-token X`):
#: model servers take their keys this way, so an image's `Cmd` or a pod's `args` can hold one in clear.
#: Strict, so that `--max-tokens 512` or `--tokenizer x` keep their values.
_CREDENTIAL_FLAG = re.compile(
    r"--?(?:api[-_]?key|(?:auth|access|bearer|hf|github|openai|admin)?[-_]?token|password|passwd|"
    r"(?:client[-_]|app[-_])?secret|master[-_]?key|secret[-_]?key|access[-_]?key|license[-_]?key)",
    re.IGNORECASE)


def is_credential_flag(word: str) -> bool:
    """Whether a command-line word is a flag that takes a credential as its value."""
    return word[:1] == "-" and len(word) <= 32 and _CREDENTIAL_FLAG.fullmatch(word) is not None


def scrub_command(words: list) -> list:
    """Command-line words with each credential flag's value redacted (`--api-key X`, `--api-key=X`).

    Used by the image config reader (`Entrypoint`, `Cmd`) and by the last pass over every report
    (`aispm.sanitize`, on every list of input data, such as a pod's `command` and `args`): the secret
    detector knows key shapes, and a server's key can have any shape. Words that are not strings are
    kept as they are. `words` itself is returned when nothing is redacted (the sanitizer calls this
    for every list of a report)."""
    out = None
    skip = -1  # the value just redacted: not read again as a flag
    for i, w in enumerate(words):
        if i == skip or type(w) is not str or w[:1] != "-":
            continue
        flag, eq, value = w.partition("=")
        if eq:
            if value and is_credential_flag(flag):
                out = out if out is not None else list(words)
                out[i] = f"{flag}={redact(value)}"
        elif i + 1 < len(words) and type(words[i + 1]) is str and words[i + 1][:2] not in ("", "--") \
                and is_credential_flag(w):
            out = out if out is not None else list(words)
            out[i + 1] = redact(words[i + 1])
            skip = i + 1
    return words if out is None else out


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
    end: int = 0  # the value is text[offset:end]; kept as a span, never as a string


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
#: Start boundary of a key whose prefix alone says what it is (`sk-proj-`, `sk-ant-api03-`): a key
#: pasted into a hyphenated or underscored name (`oai-sk-proj-…`, a resource named after its key) is still one.
_BP = r"(?<![A-Za-z0-9])"


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
        r"(?:" + _BP + r"(?P<v>sk-(?:proj|svcacct|admin|None)-[A-Za-z0-9_\-]{20,}"
                       r"|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})"
        r"|" + _B + r"sk-[A-Za-z0-9]{32,})" + _E), "openai"),
    _Detector("anthropic-api-key", "api-key", ("sk-ant-",), re.compile(
        _BP + r"(?P<v>sk-ant-[a-z]{2,8}\d{0,3}-[A-Za-z0-9_\-]{32,})" + _E), "anthropic"),
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
#: Any anchor of any detector: a text without one holds no secret this module finds.
_ANY_ANCHOR = re.compile("|".join(sorted({re.escape(a) for d in _DETECTORS for a in d.anchors}
                                         | {re.escape(a) for a in _AZURE_ANCHORS}, key=len, reverse=True)))
_AZURE_KEY = re.compile(r"[0-9A-Za-z]{32,}")
#: The anchors of the pattern detectors alone: a text shorter than an Azure key (32) that has none of
#: them holds no secret, even if it names Azure (most strings of an Azure estate do).
_DETECTOR_ANCHOR = re.compile("|".join(sorted({re.escape(a) for d in _DETECTORS for a in d.anchors},
                                              key=len, reverse=True)))
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
    """Offset → line, line start and end, from an index of the text's newlines built once on the
    first hit (so that no hit scans its line, which may be megabytes long)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._nl: list[int] | None = None
        self._allowed: dict[int, bool] = {}

    def _index(self) -> list[int]:
        if self._nl is None:
            self._nl = [m.start() for m in re.finditer("\n", self.text)]
        return self._nl

    def line(self, offset: int) -> int:
        return bisect.bisect_left(self._index(), offset) + 1

    def span(self, offset: int) -> tuple[int, int]:
        """Where the line holding `offset` starts and ends (its newline, or the end of the text)."""
        nl = self._index()
        i = bisect.bisect_left(nl, offset)
        return (nl[i - 1] + 1 if i else 0), (nl[i] if i < len(nl) else len(self.text))

    def start(self, offset: int) -> int:
        return self.span(offset)[0]

    def allowed(self, offset: int) -> bool:
        """Whether the line holding `offset` carries the allowlist pragma (once per line)."""
        line = self.line(offset)
        hit = self._allowed.get(line)
        if hit is None:
            start, end = self.span(offset)
            hit = self._allowed[line] = self.text.find(_ALLOW, start, end) >= 0
        return hit


def _variable(text: str, offset: int, lines: _Lines) -> str | None:
    start = max(lines.start(offset), offset - 120)
    m = _VARIABLE.search(text, start, offset)
    return m.group("name") if m else None


def _azure_endpoints(text: str) -> list[tuple[int, str, str]]:
    if ".azure.com" not in text and ".windows.net" not in text and "cognitive.microsoft.com" not in text:
        return []
    return azure_endpoints(text)


def _nearest(endpoints: list[tuple[int, str, str]], offset: int) -> tuple[int, str, str] | None:
    """The endpoint nearest `offset` within `_NEAR` characters (`endpoints` in order of offset)."""
    i = bisect.bisect_left(endpoints, (offset,))
    best = None
    for ep in endpoints[max(0, i - 1): i + 1]:
        d = abs(ep[0] - offset)
        if d <= _NEAR and (best is None or d < abs(best[0] - offset)):
            best = ep
    return best


class _Enough(Exception):
    """`find_secrets` has found as many hits as it was asked for."""


def find_secrets(text: str, limit: int | None = None) -> list[SecretHit]:
    """Every secret in a text (the first `limit` found, when given), in order of appearance,
    values redacted and hashed."""
    if len(text) < 8 or _ANY_ANCHOR.search(text) is None:
        return []
    if _DETECTOR_ANCHOR.search(text) is None and (len(text) < 32 or _AZURE_KEY.search(text) is None):
        # it only names Azure (most strings of an Azure estate, every finding message about one do):
        # the one secret left to look for is an Azure key, and there is no run of 32 key characters
        return []
    hits: list[SecretHit] = []
    try:
        _find(text, hits, limit)
    except _Enough:
        pass
    hits.sort(key=lambda h: h.offset)
    return hits


def _find(text: str, hits: list[SecretHit], limit: int | None) -> None:
    lines = _Lines(text)
    endpoints: list[tuple[int, str, str]] | None = None
    seen: set[tuple[int, str]] = set()

    def add(det: str, kind: str, m: re.Match[str], service: str | None, account: str | None = None) -> None:
        value, off = _value(m)
        if (off, value) in seen:
            return
        if lines.allowed(off):
            return
        seen.add((off, value))
        hits.append(SecretHit(det, kind, lines.line(off), redact(value), fingerprint(value), service, account,
                              _variable(text, m.start(), lines), off, off + len(value)))
        if limit is not None and len(hits) >= limit:
            raise _Enough

    # most texts that reach here name Azure and hold no detector's anchor: skip the detectors at once
    for d in _DETECTORS if _DETECTOR_ANCHOR.search(text) is not None else ():
        if not any(a in text for a in d.anchors):
            continue
        for m in d.pattern.finditer(text):
            value, off = _value(m)
            if d.literal_first and off > 0 and text[off - 1] in _WORD:
                continue
            if d.name == "connection-string-password" and not _CONN_CONTEXT.search(
                    text, max(lines.start(off), off - 600), off):
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
                service, account = _conn_service(text, m.start(), service, lines)
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
            before = text[max(lines.start(m.start()), m.start() - 100): m.start()]
            km = _KEY_NAME.search(before)
            named = bool(km and (km.group("cred") or km.group("kw") or
                                 (km.group("name") and _KEY_WORD.search(km.group("name").split(".")[-1]))))
            if not (named or near):
                continue
            if near is None and not named:
                continue
            add("azure-ai-key", "api-key", m, near[2] if near else "azure-ai", near[1] if near else None)


_ACCOUNT_NAME = re.compile(r"AccountName=(?P<n>[a-z0-9]{3,24})", re.I)
_SB_ENDPOINT = re.compile(r"Endpoint=sb://(?P<n>[A-Za-z0-9\-]+)\.(?P<svc>servicebus\.windows\.net)", re.I)
_IOT_HOST = re.compile(r"HostName=(?P<n>[A-Za-z0-9\-]+)\.azure-devices\.net", re.I)
_SQL_HOST = re.compile(r"(?:Server|Host|Data Source|Address|Addr)=(?:tcp:)?(?P<host>[A-Za-z0-9.\-_]+)", re.I)


def _conn_service(text: str, offset: int, default: str | None, lines: _Lines) -> tuple[str | None, str | None]:
    """The service a connection string's key is for, from the same string (its line, at most 400
    characters either side of the key)."""
    start, end = lines.span(offset)
    seg = text[max(start, offset - 400): min(end, offset + 400)]
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


# --------------------------------------------------------------------------- one config value


@dataclass(frozen=True)
class LiteralSecret:
    """A credential written in a config value. The value is held in memory only, to `scrub` it from
    the properties that are kept; assets carry `redacted` and `sha256`."""

    kind: str  # detector name: openai-api-key, bearer-credential, generic-credential, ...
    value: str

    @property
    def redacted(self) -> str:
        return redact(self.value)

    @property
    def sha256(self) -> str:
        return fingerprint(self.value)


def secret_values(text: str) -> list[LiteralSecret]:
    """`find_secrets` for text whose secrets must be scrubbed in place: each hit with its value."""
    if not text or len(text) < 8:
        return []
    return [LiteralSecret(h.detector, text[h.offset:h.end]) for h in find_secrets(text)]


_PLACEHOLDER = re.compile(
    r"^(?:<[^>]*>|\[[^\]]*\]|x{3,}|\*{3,}|\.{3}|changeme|change[-_ ]?me|placeholder|todo|dummy|example|"
    r"your[-_ ].*|.*[-_ ]here|none|null|true|false|\d{1,6})$",
    re.I,
)
_SECRETISH_NAME = re.compile(r"(?:^|[-_ .])(?:api[-_]?key|key|token|secret|password|passwd|pwd|auth|authorization|"
                             r"credential|credentials|access[-_]?key|subscription[-_]?key|bearer|pat)(?:$|[-_ .])",
                             re.I)


def _is_config_placeholder(value: str) -> bool:
    return bool(_PLACEHOLDER.match(value)) or is_placeholder(value)


def literal_secrets(value: str, name: str | None = None) -> list[LiteralSecret]:
    """Credentials written literally in `value`. Known shapes anywhere; a credential-named
    field (`API_KEY`, `Authorization`, `x-api-key`) with a literal, non-placeholder value too."""
    if not isinstance(value, str) or not value.strip():
        return []
    hits = secret_values(value)
    if hits:
        return hits
    v = value.strip()
    m = re.match(r"(?i)^(bearer|basic|token)\s+(\S+)$", v)
    if m and not is_reference(m.group(2)) and not _is_config_placeholder(m.group(2)) and len(m.group(2)) >= 8:
        return [LiteralSecret(f"{m.group(1).lower()}-credential", m.group(2))]
    if name and _SECRETISH_NAME.search(name) and not is_reference(v) and not _is_config_placeholder(v) \
            and len(v) >= 8 and " " not in v and not v.startswith(("http://", "https://", "/", "./")):
        return [LiteralSecret("generic-credential", v)]
    return []


def scrub(value: str, hits: Iterable[LiteralSecret]) -> str:
    """`value` with each hit's value replaced by its redacted form."""
    for h in hits:
        value = value.replace(h.value, h.redacted)
    return value


def scan_texts(items: Iterable[tuple[str, str]]) -> list[tuple[str, SecretHit]]:
    """`(name, text)` pairs → hits, for callers outside the source pipeline."""
    return [(name, h) for name, text in items for h in find_secrets(text)]


# --------------------------------------------------------------------------- secret names

_SECRET_WORDS = frozenset({
    "password", "passwd", "pwd", "pass", "passphrase", "secret", "secrets", "token", "tokens", "key", "keys",
    "apikey", "accesskey", "accountkey", "connectionstring", "connstr", "credential", "credentials", "sas",
    "privatekey", "clientsecret", "instrumentationkey", "masterkey", "sharedkey", "signature", "cookie",
    "authorization",
})
#: A last word that makes the name a pointer to a secret, or data about it, not the secret.
_POINTER_WORDS = frozenset({
    "name", "names", "uri", "url", "urls", "endpoint", "id", "ids", "path", "file", "vault", "version", "days",
    "type", "kind", "enabled", "header", "length", "region", "location", "host", "hostname", "audience",
    "issuer", "scope", "expiry", "expiration", "expires", "ttl", "size", "count", "label", "source", "ref",
    "reference", "format", "algorithm", "permissions", "policy", "rotation", "store", "provider", "mode",
    "required", "prefix", "usage", "ops", "curve", "identity", "set", "list", "field", "env", "variable",
    # containers of settings about a secret, not the secret: `keyVaultProperties`, `secretSettings`
    "properties", "settings", "config", "configuration", "options", "info", "details", "metadata", "spec",
    "profile", "references", "access", "auth", "authentication", "kind", "status", "state",
    "of", "for", "identifier",  # `holdsKeyOf`, `keyIdentifier`: pointers to what the secret is or opens
    "schema", "schemas",  # `KeySchema` (DynamoDB) describes the table's keys
    "arn", "arns",  # AWS: `KmsKeyArn`, `SecretManagerArn`, `CustomerEncryptionKeyArn` name the key, never hold it
})
#: Keys of data, not of locks: a database's partition key, a cache key.
_DATA_KEYS = frozenset({"partitionkey", "sortkey", "rowkey", "hashkey", "rangekey", "shardkey", "uniquekey",
                        "uniquekeys", "foreignkey", "cachekey", "lookupkey", "idempotencykey", "groupkey", "orderkey",
                        # AWS: an S3 object's key is its path; `HttpTokens` is the instance metadata setting
                        "objectkey", "s3key", "httptokens"})
_DATA_KEY_ENDINGS = tuple(_DATA_KEYS)
_NAME_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+")


def secret_name(name: object) -> bool:
    """Whether a key or setting names a secret (`OPENAI_API_KEY`, `DbPassword`, `credentials`,
    `AzureWebJobsStorage__accountKey`), not a pointer to one (`KEY_VAULT_NAME`, `keyVaultUri`).

    The one judge of secret *names* (the detector above judges values by their shape): the last
    stage of a scan redacts values under such keys, and providers use it for settings and
    environment variables. Cached: a scan asks about the same few hundred keys again and again."""
    return isinstance(name, str) and 0 < len(name) <= 200 and _secret_name(name)


@functools.lru_cache(maxsize=65536)
def _secret_name(name: str) -> bool:
    words = [w.lower() for w in _NAME_WORD.findall(name)]
    if not words or words[-1] in _POINTER_WORDS:
        return False
    joined = "".join(words)
    if joined.endswith(_DATA_KEY_ENDINGS):
        return False
    if any(w in _SECRET_WORDS for w in words):
        return True
    return joined.endswith(("apikey", "accesskey", "accountkey", "subscriptionkey", "secret", "password",
                                    "token", "connectionstring"))
