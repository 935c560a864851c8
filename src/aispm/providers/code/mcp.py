"""MCP server configurations: VS Code, Cursor, Claude Desktop / Claude Code, and friends.

Each server declared in a config file becomes a `mcp-server` asset:

- `.vscode/mcp.json` / `mcp.json`: `{"servers": {name: {...}}, "inputs": [...]}` (JSON with comments)
- `.cursor/mcp.json`, `.mcp.json`, `claude_desktop_config.json`, `mcp_config.json`: `{"mcpServers": {...}}`
- `.vscode/settings.json`: the older `{"mcp": {"servers": {...}}}` form

Properties keep what the config says (transport, command, args, url, the *names* of env
variables and headers); secret values are never kept: a literal credential found in `env`,
`headers`, `args` or the URL becomes a redacted `secret` asset that `holds_key_for` the server,
and the properties carry its redacted form in place of the value.

A server with a URL also gets `plaintext_transport` (plain `http://` to a host off the machine) and
`non_standard_port` (an explicit port other than 80/443), both None when a reference
(`${env:MCP_URL}`, `${input:host}`) hides the part that decides; `url_transport` judges any endpoint
URL the same way, and the agent sources use it for OpenAPI tools, HTTP request actions and custom
connectors.

This module also holds the helpers the agent sources share: a JSON-with-comments parser and
a YAML loader that remember the line of every key, and the secret detector adapter.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import urlsplit

import yaml

from aispm.model import Asset, Kind, Relation, ScanError
from aispm.providers.code import secrets as _secrets
from aispm.source import SourceContext, SourceResult, declared_uid, make_origin, read_text

FORMAT = "mcp"

# --------------------------------------------------------------------------------------------
# Documents that remember their lines
# --------------------------------------------------------------------------------------------


class LDict(dict):
    """A dict that knows the 1-based line where it starts and where each of its keys is."""

    line: int = 1

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.key_lines: dict[Any, int] = {}
        self.line = 1

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


class LList(list):
    line: int = 1

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.item_lines: list[int] = []
        self.line = 1


class DocError(Exception):
    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


_WS = re.compile(r"(?:[ \t\r\n]+|//[^\n]*|/\*.*?\*/)*", re.S)
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?")


class _JsoncParser:
    """JSON with `//` and `/* */` comments and trailing commas (VS Code's JSONC), keeping lines."""

    def __init__(self, text: str) -> None:
        self.s = text
        self.i = 0
        self.depth = 0
        # line starts, for offset → line
        self.nl = [m.start() for m in re.finditer("\n", text)]

    def line(self, pos: int | None = None) -> int:
        import bisect

        return bisect.bisect_left(self.nl, self.i if pos is None else pos) + 1

    def ws(self) -> None:
        m = _WS.match(self.s, self.i)
        self.i = m.end()
        if self.s.startswith("/*", self.i):
            raise DocError(self.line(), "unterminated /* comment")

    def fail(self, msg: str) -> DocError:
        return DocError(self.line(), msg)

    def parse(self) -> Any:
        self.ws()
        if self.i >= len(self.s):
            raise self.fail("empty document")
        v = self.value()
        self.ws()
        if self.i < len(self.s):
            raise self.fail(f"unexpected {self.s[self.i]!r} after the end of the document")
        return v

    def value(self) -> Any:
        s, i = self.s, self.i
        if i >= len(s):
            raise self.fail("unexpected end of file")
        c = s[i]
        if c == "{":
            return self.obj()
        if c == "[":
            return self.arr()
        if c == '"':
            return self.string()
        for lit, val in (("true", True), ("false", False), ("null", None)):
            if s.startswith(lit, i):
                self.i += len(lit)
                return val
        m = _NUMBER.match(s, i)
        if m:
            self.i = m.end()
            t = m.group()
            return float(t) if any(ch in t for ch in ".eE") else int(t)
        raise self.fail(f"unexpected {c!r}")

    def string(self) -> str:
        try:
            v, end = json.decoder.scanstring(self.s, self.i + 1)
        except json.JSONDecodeError as exc:
            raise DocError(self.line(exc.pos), f"bad string: {exc.msg}") from None
        self.i = end
        return v

    def _enter(self) -> None:
        self.depth += 1
        if self.depth > 200:
            raise self.fail("nesting deeper than 200 levels")

    def obj(self) -> LDict:
        self._enter()
        d = LDict()
        d.line = self.line()
        self.i += 1
        self.ws()
        while True:
            if self.i < len(self.s) and self.s[self.i] == "}":
                self.i += 1
                break
            if self.i >= len(self.s) or self.s[self.i] != '"':
                raise self.fail("expected a quoted key or '}'")
            kline = self.line()
            k = self.string()
            self.ws()
            if self.i >= len(self.s) or self.s[self.i] != ":":
                raise self.fail(f"expected ':' after key {k!r}")
            self.i += 1
            self.ws()
            d[k] = self.value()
            d.key_lines[k] = kline
            self.ws()
            if self.i < len(self.s) and self.s[self.i] == ",":
                self.i += 1
                self.ws()
                continue
            if self.i < len(self.s) and self.s[self.i] == "}":
                self.i += 1
                break
            raise self.fail("expected ',' or '}'")
        self.depth -= 1
        return d

    def arr(self) -> LList:
        self._enter()
        a = LList()
        a.line = self.line()
        self.i += 1
        self.ws()
        while True:
            if self.i < len(self.s) and self.s[self.i] == "]":
                self.i += 1
                break
            a.item_lines.append(self.line())
            a.append(self.value())
            self.ws()
            if self.i < len(self.s) and self.s[self.i] == ",":
                self.i += 1
                self.ws()
                continue
            if self.i < len(self.s) and self.s[self.i] == "]":
                self.i += 1
                break
            raise self.fail("expected ',' or ']'")
        self.depth -= 1
        return a


def parse_jsonc(text: str) -> Any:
    """Parse JSON (comments and trailing commas allowed); raise `DocError(line, message)`."""
    return _JsoncParser(text).parse()


class _LineLoader(yaml.SafeLoader):
    pass


def _construct_map(loader: _LineLoader, node: yaml.MappingNode) -> LDict:
    loader.flatten_mapping(node)
    d = LDict()
    d.line = node.start_mark.line + 1
    for knode, vnode in node.value:
        key = loader.construct_object(knode, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "unhashable mapping key", knode.start_mark
            ) from None
        d[key] = loader.construct_object(vnode, deep=True)
        d.key_lines[key] = knode.start_mark.line + 1
    return d


def _construct_seq(loader: _LineLoader, node: yaml.SequenceNode) -> LList:
    a = LList(loader.construct_object(n, deep=True) for n in node.value)
    a.line = node.start_mark.line + 1
    a.item_lines = [n.start_mark.line + 1 for n in node.value]
    return a


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)
# timestamps stay strings: agent files are not calendars
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)


def parse_yaml(text: str) -> list[Any]:
    """All documents of a YAML text, mappings as `LDict`; raise `DocError(line, message)`."""
    try:
        return [d for d in yaml.load_all(text, Loader=_LineLoader)]  # noqa: S506 - SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        return_msg = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        raise DocError(line, f"invalid YAML: {return_msg or exc}") from None
    except yaml.YAMLError as exc:
        raise DocError(None, f"invalid YAML: {exc}") from None
    except RecursionError:
        raise DocError(None, "invalid YAML: nesting too deep") from None


# --------------------------------------------------------------------------------------------
# Secrets: an adapter over aispm.providers.code.secrets when it is there, a small fallback when not
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SecretHit:
    kind: str  # detector name: openai, anthropic, huggingface, aws-access-key, bearer-token, ...
    value: str  # the secret itself: never stored, only hashed and redacted

    @property
    def redacted(self) -> str:
        return redact(self.value)

    @property
    def sha256(self) -> str:
        return _secrets.fingerprint(self.value)


def redact(value: str) -> str:
    """The project's redacted form (first 4 characters, `…`, last 2; less for short values)."""
    return _secrets.redact(value)


def _value_at(text: str, offset: int, sha: str) -> str | None:
    """The secret that starts at `offset` and hashes to `sha` (the detector keeps no raw value)."""
    for end in range(offset + 1, min(len(text), offset + 1024) + 1):
        if hashlib.sha256(text[offset:end].encode("utf-8")).hexdigest() == sha:
            return text[offset:end]
    return None


def find_secrets(text: str) -> list[SecretHit]:
    """Known credential shapes in a piece of text, from `aispm.providers.code.secrets`' detectors."""
    if not text or len(text) < 8:
        return []
    hits: list[SecretHit] = []
    for h in _secrets.find_secrets(text):
        value = _value_at(text, h.offset, h.sha256)
        if value is None:  # cannot happen for the detector's own hits; keep the hit, scrub what we can
            value = text[h.offset:h.offset + 8]
        hits.append(SecretHit(h.detector, value))
    return hits


_REFERENCE = re.compile(r"\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*|\{\{[^}]*\}\}|%[A-Za-z_]+%|^=")
_PLACEHOLDER = re.compile(
    r"^(?:<[^>]*>|\[[^\]]*\]|x{3,}|\*{3,}|\.{3}|changeme|change[-_ ]?me|placeholder|todo|dummy|example|"
    r"your[-_ ].*|.*[-_ ]here|none|null|true|false|\d{1,6})$",
    re.I,
)
_SECRETISH_NAME = re.compile(r"(?:^|[-_ .])(?:api[-_]?key|key|token|secret|password|passwd|pwd|auth|authorization|"
                             r"credential|credentials|access[-_]?key|subscription[-_]?key|bearer|pat)(?:$|[-_ .])",
                             re.I)


def _is_placeholder(value: str) -> bool:
    return bool(_PLACEHOLDER.match(value)) or _secrets.is_placeholder(value)


def is_reference(value: str) -> bool:
    """`${input:x}`, `${env:X}`, `$X`, `{{x}}`, `%X%`, a Power Fx formula: not a literal."""
    return bool(_REFERENCE.search(value))


def literal_secrets(value: str, name: str | None = None) -> list[SecretHit]:
    """Credentials written literally in `value`. Known shapes anywhere; a credential-named
    field (`API_KEY`, `Authorization`, `x-api-key`) with a literal, non-placeholder value too."""
    if not isinstance(value, str) or not value.strip():
        return []
    hits = find_secrets(value)
    if hits:
        return hits
    v = value.strip()
    m = re.match(r"(?i)^(bearer|basic|token)\s+(\S+)$", v)
    if m and not is_reference(m.group(2)) and not _is_placeholder(m.group(2)) and len(m.group(2)) >= 8:
        return [SecretHit(f"{m.group(1).lower()}-credential", m.group(2))]
    if name and _SECRETISH_NAME.search(name) and not is_reference(v) and not _is_placeholder(v) and len(v) >= 8 \
            and " " not in v and not v.startswith(("http://", "https://", "/", "./")):
        return [SecretHit("generic-credential", v)]
    return []


def scrub(value: str, hits: Iterable[SecretHit]) -> str:
    for h in hits:
        value = value.replace(h.value, h.redacted)
    return value


def secret_asset(fmt: str, rel: str, line: int, address: str, hit: SecretHit, location: str,
                 holder_uid: str) -> tuple[Asset, Relation]:
    uid = declared_uid(fmt, rel, address)
    asset = Asset(
        uid=uid,
        provider="code",
        type="secret",
        name=f"{hit.kind} in {location}",
        origin=make_origin(fmt, rel, line, address),
        properties={"detector": hit.kind, "redacted": hit.redacted, "sha256": hit.sha256, "location": location},
        kind=Kind.SECRET,
    )
    asset.set_fact("hardcoded_secret", True, location, raw=hit.redacted)
    return asset, Relation(uid, "holds_key_for", holder_uid)


# --------------------------------------------------------------------------------------------
# Package pinning of the command that launches a stdio server
# --------------------------------------------------------------------------------------------

_SEMVER = re.compile(r"^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.\-]+)?(?:\+[0-9A-Za-z.\-]+)?$")
_PEP440_EXACT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._\-]*(?:\[[^\]]*\])?===?\s*[0-9][0-9A-Za-z.+!\-]*$")
_NPM_LAUNCHERS = {"npx", "bunx", "pnpx"}
_DLX = {"pnpm", "yarn", "bun"}  # `pnpm dlx pkg`, `yarn dlx pkg`, `bun x pkg`
_NPX_VALUE_FLAGS = {"-p", "--package", "-c", "--call", "--registry", "--cache", "--userconfig"}
_UV_VALUE_FLAGS = {"--from", "--with", "-w", "--python", "-p", "--index", "--index-url", "--extra-index-url",
                   "--with-requirements", "--directory", "--project", "--env-file"}
_DOCKER_VALUE_FLAGS = {"-e", "--env", "-v", "--volume", "--name", "--network", "--net", "-p", "--publish", "--mount",
                       "--env-file", "-w", "--workdir", "-u", "--user", "--entrypoint", "-l", "--label", "--platform",
                       "--add-host", "--cpus", "-m", "--memory", "--pull", "--restart", "--hostname", "-h",
                       "--cap-add", "--cap-drop", "--security-opt", "--device", "--ulimit", "--log-driver", "--ipc",
                       "--pid", "--shm-size", "--tmpfs", "--dns", "--expose", "--gpus", "--runtime", "--stop-signal"}


@dataclass
class Launch:
    launcher: str | None = None  # npx, uvx, pipx, docker, ...; None: a local program
    package: str | None = None  # the package / image spec as written
    pinned: bool | None = None
    note: str | None = None


def _npm_pinned(spec: str) -> tuple[bool | None, str]:
    if spec.startswith((".", "/", "file:", "~")):
        return None, "local path, no registry package"
    if spec.startswith(("git+", "github:", "git:", "https://", "http://")):
        pinned = bool(re.search(r"#[0-9a-f]{40}$", spec))
        return pinned, "git dependency pinned to a commit" if pinned else "git dependency without a commit hash"
    body = spec[1:] if spec.startswith("@") else spec
    if "@" not in body:
        return False, "no version: the registry's latest is fetched at every start"
    version = body.rsplit("@", 1)[1]
    if _SEMVER.match(version):
        return True, f"exact version {version}"
    return False, f"version {version!r} is a tag or a range, not an exact version"


def _first_positional(args: list[str], value_flags: set[str]) -> tuple[int | None, str | None]:
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--":
            return (i + 1, args[i + 1]) if i + 1 < len(args) else (None, None)
        if a.startswith("-"):
            if a in value_flags:
                i += 2
                continue
            i += 1
            continue
        return i, a
    return None, None


def _flag_value(args: list[str], names: set[str]) -> str | None:
    for i, a in enumerate(args):
        if a in names and i + 1 < len(args):
            return args[i + 1]
        for n in names:
            if a.startswith(n + "="):
                return a.split("=", 1)[1]
    return None


def analyse_launch(command: str | None, args: list[str]) -> Launch:
    """Which package a stdio server's command fetches and whether it names an exact version."""
    if not command:
        return Launch()
    parts = command.split()
    prog = Path(parts[0]).name.lower()
    if prog.endswith(".exe") or prog.endswith(".cmd"):
        prog = prog.rsplit(".", 1)[0]
    args = [*parts[1:], *[a for a in args if isinstance(a, str)]]
    if prog in _DLX and args and args[0] in ("dlx", "x"):
        prog, args = "npx", args[1:]
    if prog in _NPM_LAUNCHERS or (prog == "npm" and args[:1] == ["exec"]):
        if prog == "npm":
            args = args[1:]
        spec = _flag_value(args, {"-p", "--package"})
        if spec is None:
            _, spec = _first_positional(args, _NPX_VALUE_FLAGS)
        if spec is None:
            return Launch("npx", None, None, "no package named")
        pinned, note = _npm_pinned(spec)
        return Launch("npx", spec, pinned, note)
    if prog in ("uvx",) or (prog == "uv" and args[:2] == ["tool", "run"]):
        if prog == "uv":
            args = args[2:]
        spec = _flag_value(args, {"--from"})
        if spec is None:
            _, spec = _first_positional(args, _UV_VALUE_FLAGS)
        return Launch("uvx", spec, *_py_pinned(spec))
    if prog == "pipx" and args[:1] == ["run"]:
        args = args[1:]
        spec = _flag_value(args, {"--spec"})
        if spec is None:
            _, spec = _first_positional(args, {"--spec", "--python", "--pip-args"})
        return Launch("pipx", spec, *_py_pinned(spec))
    if prog in ("docker", "podman") and args[:1] == ["run"]:
        _, image = _first_positional(args[1:], _DOCKER_VALUE_FLAGS)
        if image is None:
            return Launch("docker", None, None, "no image named")
        if "@sha256:" in image:
            return Launch("docker", image, True, "image pinned by digest")
        last = image.rsplit("/", 1)[-1]
        if ":" not in last:
            return Launch("docker", image, False, "no tag: `latest` is pulled")
        tag = last.rsplit(":", 1)[1]
        if tag in ("latest", "main", "master", "edge", "nightly", "dev", "stable"):
            return Launch("docker", image, False, f"moving tag `{tag}`")
        return Launch("docker", image, True, f"version tag `{tag}` (tags can be moved; a digest cannot)")
    return Launch(None, None, None, "local program: no package fetched at start")


def _py_pinned(spec: str | None) -> tuple[bool | None, str]:
    if not spec:
        return None, "no package named"
    if spec.startswith((".", "/", "~")) or spec.startswith("file:"):
        return None, "local path, no registry package"
    if spec.startswith("git+"):
        pinned = bool(re.search(r"@[0-9a-f]{40}(?:#.*)?$", spec))
        return pinned, "git dependency pinned to a commit" if pinned else "git dependency without a commit hash"
    if _PEP440_EXACT.match(spec) and "*" not in spec:
        return True, "exact version"
    m = re.match(r"^[A-Za-z0-9][A-Za-z0-9._\-]*(?:\[[^\]]*\])?@(.+)$", spec)
    if m:
        v = m.group(1)
        if re.match(r"^\d[0-9A-Za-z.+!\-]*$", v):
            return True, f"exact version {v}"
        return False, f"version {v!r} is not exact"
    return False, "no exact version (`==x.y.z`): the index's newest release is fetched"


# --------------------------------------------------------------------------------------------
# The source
# --------------------------------------------------------------------------------------------

_CONFIG_NAMES = {"mcp.json", ".mcp.json", "claude_desktop_config.json", "mcp_config.json", "mcp_settings.json",
                 "cline_mcp_settings.json"}
_LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0", "[::1]", "host.docker.internal"}
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


def is_remote(url: str) -> bool | None:
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
    ref = _REFERENCE.search(s)
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


def set_transport_facts(asset: Asset, items: list[tuple[str, UrlTransport]], path: str) -> None:
    """`plaintext_transport` and `non_standard_port` on an asset that calls the endpoints in `items`."""
    if not items:
        return
    plain, odd, lines = combine_transports(items)
    note = None if len(items) > 1 else items[0][1].note
    asset.set_fact("plaintext_transport", plain, path, raw=lines, note=note)
    asset.set_fact("non_standard_port", odd, path, raw=lines, note=note)


class McpSource:
    """MCP client configurations → `mcp-server` assets (provider `code`)."""

    name = "mcp"

    def claims(self, path: Path) -> bool:
        n = path.name.lower()
        if n in _CONFIG_NAMES:
            return True
        return n == "settings.json" and path.parent.name == ".vscode"

    def load(self, files: list[Path], ctx: SourceContext) -> SourceResult:
        out = SourceResult()
        for f in files:
            out.files += 1
            rel = ctx.rel(f)
            text, err = read_text(f, ctx)
            if err:
                out.errors.append(err)
                continue
            try:
                doc = parse_jsonc(text or "")
            except DocError as exc:
                out.errors.append(ScanError(rel, exc.line, f"invalid JSON: {exc.message}"))
                continue
            try:
                self._transform(doc, rel, out, settings=f.name.lower() == "settings.json")
            except Exception as exc:  # noqa: BLE001 - a bug on one file must not lose the others
                out.errors.append(ScanError(rel, None, f"could not read MCP config: {type(exc).__name__}: {exc}"))
        return out

    def _transform(self, doc: Any, rel: str, out: SourceResult, settings: bool = False) -> None:
        if not isinstance(doc, dict):
            if not settings:
                out.errors.append(ScanError(rel, 1, "MCP config must be a JSON object"))
            return
        if settings:
            doc = doc.get("mcp") if isinstance(doc.get("mcp"), dict) else None
            if doc is None:
                return
        servers = None
        for key in ("servers", "mcpServers", "mcp_servers", "context_servers"):
            if isinstance(doc.get(key), dict):
                servers = doc[key]
                break
        if servers is None:
            return
        secret_inputs: set[str] = set()
        inputs = doc.get("inputs")
        if isinstance(inputs, list):
            for inp in inputs:
                if isinstance(inp, dict) and isinstance(inp.get("id"), str):
                    secret_inputs.add(inp["id"])
        for name, cfg in servers.items():
            if not isinstance(cfg, dict):
                line = servers.line_of(name) if isinstance(servers, LDict) else 1
                out.errors.append(ScanError(rel, line, f"MCP server {name!r} is not an object; skipped"))
                continue
            line = servers.line_of(name) if isinstance(servers, LDict) else 1
            asset, extra, rels = server_asset(FORMAT, rel, line, str(name), cfg, secret_inputs)
            out.assets.append(asset)
            out.assets.extend(extra)
            out.relations.extend(rels)


def server_asset(fmt: str, rel: str, line: int, name: str, cfg: dict, secret_inputs: set[str] | None = None,
                 address: str | None = None) -> tuple[Asset, list[Asset], list[Relation]]:
    """One MCP server declaration → the `mcp-server` asset, its secret assets, and their relations.

    Shared by the agent sources for MCP tools that name a server URL."""
    address = address or name
    uid = declared_uid(fmt, rel, address)
    transport = transport_of(cfg)
    command = cfg.get("command") if isinstance(cfg.get("command"), str) else None
    raw_args = cfg.get("args") if isinstance(cfg.get("args"), list) else []
    args = [a if isinstance(a, str) else json.dumps(a) for a in raw_args]
    url = next((cfg[k] for k in ("url", "serverUrl", "httpUrl", "server_url") if isinstance(cfg.get(k), str)), None)
    env = cfg.get("env") if isinstance(cfg.get("env"), dict) else {}
    headers = cfg.get("headers") if isinstance(cfg.get("headers"), dict) else {}

    secrets: list[Asset] = []
    relations: list[Relation] = []
    all_hits: list[SecretHit] = []

    def found(where: str, hits: list[SecretHit], at: int) -> None:
        for i, h in enumerate(hits):
            if any(h.value == o.value for o in all_hits):
                continue
            all_hits.append(h)
            suffix = f"#{i}" if i else ""
            a, r = secret_asset(fmt, rel, at, f"{address}:{where}{suffix}", h, where, uid)
            secrets.append(a)
            relations.append(r)

    for k, v in env.items():
        if isinstance(v, str):
            found(f"env.{k}", literal_secrets(v, str(k)), env.line_of(k) if isinstance(env, LDict) else line)
    for k, v in headers.items():
        if isinstance(v, str):
            found(f"headers.{k}", literal_secrets(v, str(k)), headers.line_of(k) if isinstance(headers, LDict) else line)
    for i, a in enumerate(args):
        flag_name = args[i - 1] if i and args[i - 1].startswith("-") else None
        if "=" in a and a.startswith("-"):
            flag_name, value = a.split("=", 1)
        else:
            value = a
        at = raw_args.item_lines[i] if isinstance(raw_args, LList) and i < len(raw_args.item_lines) else line
        found(f"args[{i}]", literal_secrets(value, flag_name.lstrip("-") if flag_name else None), at)
    if url:
        hits = find_secrets(url)
        try:
            q = urlsplit(url).query
        except ValueError:
            q = ""
        for m in _AUTH_QUERY.finditer(q):
            if not is_reference(m.group(1)) and len(m.group(1)) >= 8:
                hits.append(SecretHit("url-query-credential", m.group(1)))
        found("url", hits, cfg.line_of("url") if isinstance(cfg, LDict) else line)

    props: dict[str, Any] = {"transport": transport, "client_type": cfg.get("type")}
    if command:
        props["command"] = scrub(command, all_hits)
        props["args"] = [scrub(a, all_hits) for a in args]
    if url:
        props["url"] = scrub(url, all_hits)
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

    # remote
    if url:
        asset.set_fact("remote", is_remote(url), "url", raw=props["url"])
    elif transport == "stdio":
        asset.set_fact("remote", False, "command", raw=command, note="stdio: runs on the developer's machine")
    else:
        asset.set_fact("remote", None, "url", note="no URL and no command")
    if url:
        set_transport_facts(asset, [("", url_transport(url))], "url")

    # pinned
    if transport == "stdio":
        launch = analyse_launch(command, args)
        props["launcher"] = launch.launcher
        if launch.package:
            props["package"] = scrub(launch.package, all_hits)
        asset.set_fact("package_launcher", launch.launcher is not None, "command", raw=command)
        asset.set_fact("pinned", launch.pinned, "command/args", raw=props.get("package"), note=launch.note)
    else:
        asset.set_fact("package_launcher", False, "url", note="remote server: nothing is installed")
        asset.set_fact("pinned", None, "url", note="remote server: nothing is installed")

    # authentication
    if transport in ("http", "sse"):
        auth, why = _auth_of(cfg, headers, url, secret_inputs or set())
        asset.set_fact("user_authentication", auth, why[0], raw=why[1], note=why[2])
    else:
        asset.set_fact("user_authentication", None, "transport", note="stdio: no network authentication applies")

    asset.set_fact("hardcoded_secret", bool(all_hits), "env/headers/args/url",
                   raw=[f"{h.kind}: {h.redacted}" for h in all_hits] or None)
    return asset, secrets, relations


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
