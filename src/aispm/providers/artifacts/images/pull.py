"""`--pull REF`: an image fetched from a registry through the OCI distribution API into aispm's cache, as an OCI layout.

`pull(ref, cache_dir, platform, ...)` is the only code of the image source that goes online, and only when the
user names an image with `--pull`. It speaks the distribution API (v2) as `docker pull` does:

- **Reference**: `[registry[:port]/]repository[:tag][@sha256:…]`; no registry means Docker Hub (`docker.io`, API
  host `registry-1.docker.io`, `library/` for official images), no tag means `latest`.
- **Authentication**: the request is made anonymously first; a `401` names the scheme in `WWW-Authenticate`.
  `Bearer realm=…,service=…,scope=…`: a token is asked of the realm and sent as `Authorization: Bearer`;
  `Basic`: the user's credentials are sent to the registry. Credentials come from the user's docker config
  (`$DOCKER_CONFIG/config.json` or `~/.docker/config.json`, `auths[<registry>].auth`, base64 `user:password`);
  credential helpers (`credsStore`, `credHelpers`) are not run, since aispm executes nothing.
- **Where credentials go**: only to the registry's own host (any port) and to a token realm that is the
  registry's host, or its registrable domain or a subdomain of it (`registry.gitlab.com` → `gitlab.com`;
  the registrable domain is the last two labels, three under a two-letter country code's `co.`/`com.`/…,
  one more under a shared hosting suffix such as `azurecr.io` or `amazonaws.com` — `_SHARED_SUFFIXES`, so
  that another tenant's host is never "the same domain"; an IP address is only ever itself), or a known
  pairing (Docker Hub, `registry-1.docker.io`/`docker.io` → `auth.docker.io`). A realm anywhere else is
  asked for a token anonymously, and the scan's warnings say so. Credentials and tokens are never printed,
  never written, and a redirect to another host or port (blob storage) drops `Authorization`.
- **Manifests**: an index or manifest list resolves to the manifest of `platform` (`archive._matches`); the
  manifest is bounded (`archive.MAX_JSON`) and, fetched by digest, checked against it.
- **Blobs**: streamed to the cache (`<cache>/images/<manifest digest>/…`), each at most its declared size, their
  declared sizes together at most `limits.decompressed_bytes`, verified against their SHA-256 digest before
  they are renamed into the layout; a blob already there (verified when written) is not fetched again.
- **Transport**: HTTPS; plain HTTP only for a loopback registry (`127.0.0.1`, `::1`, `localhost`) or with
  `insecure=True` (`--insecure-registry`), and then only after HTTPS failed, as docker does.

The layout is then scanned like any other (`index.json` names the image by the reference as written). Errors are
`PullError`s with a short message that quotes neither credentials nor the registry's answer beyond its status.
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import ipaddress
import json
import os
import re
import socket
import ssl
import threading
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from aispm import __version__
from aispm.limits import DEFAULT, Limits

from .archive import _DIGEST, _INDEX_TYPES, MAX_JSON, _matches, _platform_text

DOCKER_HUB = "docker.io"
DOCKER_HUB_API = "registry-1.docker.io"
ACCEPT = ", ".join((
    "application/vnd.oci.image.index.v1+json", "application/vnd.oci.image.manifest.v1+json",
    "application/vnd.docker.distribution.manifest.list.v2+json",
    "application/vnd.docker.distribution.manifest.v2+json"))
TIMEOUT = 60.0
_CHUNK = 1 << 20
_REPO = re.compile(r"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$")
_TAG = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")
_HOST = re.compile(r"^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\])(?::[0-9]{1,5})?$")
_CHALLENGE = re.compile(r'(\w+)="([^"]*)"')
#: Token services known to serve a registry on another domain: (registry host, realm host).
_TOKEN_PAIRS = frozenset({(DOCKER_HUB_API, "auth.docker.io"), (DOCKER_HUB, "auth.docker.io"),
                          ("index.docker.io", "auth.docker.io")})
#: Second-level labels under a two-letter country code that are public suffixes (`example.co.uk`).
_CC_SECOND = frozenset({"co", "com", "net", "org", "gov", "edu", "ac", "or", "ne", "go", "gv", "mil", "nic",
                        "ltd", "plc", "sch", "nhs", "police", "gob", "gouv", "govt"})
#: Suffixes under which each subdomain is a different tenant's (a shared host's public suffixes, as in the
#: Public Suffix List's private section): `a.azurecr.io` and `b.azurecr.io` are not one domain.
_SHARED_SUFFIXES = frozenset({
    "azurecr.io", "azurecr.cn", "azurecr.us", "azurewebsites.net", "cloudapp.net", "cloudapp.azure.com",
    "amazonaws.com", "amazonaws.com.cn", "cloudfront.net", "elasticbeanstalk.com", "awsapprunner.com",
    "pkg.dev", "appspot.com", "run.app", "web.app", "firebaseapp.com", "cloudfunctions.net",
    "ocir.io", "oraclecloud.com", "jfrog.io", "github.io", "githubusercontent.com", "gitlab.io",
    "herokuapp.com", "netlify.app", "vercel.app", "pages.dev", "workers.dev", "r2.dev", "fly.dev",
    "onrender.com", "ngrok.io", "ngrok.app", "ngrok-free.app", "trycloudflare.com", "digitaloceanspaces.com",
    "ondigitalocean.app", "scw.cloud", "nip.io", "sslip.io", "duckdns.org", "glitch.me", "repl.co"})


class PullError(Exception):
    """The image could not be pulled; the message is short and holds no credential."""


@dataclass(frozen=True)
class Reference:
    registry: str  # as written (docker.io for Docker Hub)
    repository: str
    tag: str | None
    digest: str | None
    text: str

    @property
    def api_host(self) -> str:
        return DOCKER_HUB_API if self.registry == DOCKER_HUB else self.registry

    @property
    def reference(self) -> str:
        return self.digest or self.tag or "latest"


def parse_reference(text: str) -> Reference:
    """`[registry/]repository[:tag][@digest]`, normalised as docker does."""
    rest, digest = text, None
    if "@" in rest:
        rest, digest = rest.split("@", 1)
        if not _DIGEST.match(digest):
            raise PullError(f"{text[:120]!r}: the digest is not sha256:<64 hex> or sha512:<128 hex>")
    first, _, remainder = rest.partition("/")
    if remainder and ("." in first or ":" in first or first == "localhost"):
        registry, path = first, remainder
    else:
        registry, path = DOCKER_HUB, rest
    tag = None
    if ":" in path.rsplit("/", 1)[-1]:
        path, tag = path.rsplit(":", 1)
        if not _TAG.match(tag):
            raise PullError(f"{text[:120]!r}: not a valid tag")
    if registry == DOCKER_HUB and "/" not in path:
        path = f"library/{path}"
    if not _HOST.match(registry) or not _REPO.match(path) or len(path) > 255:
        raise PullError(f"{text[:120]!r}: not an image reference ([registry/]repository[:tag][@digest])")
    if tag is None and digest is None:
        tag = "latest"
    return Reference(registry, path, tag, digest, text)


def _loopback(host: str) -> bool:
    name = host.rsplit(":", 1)[0] if not host.startswith("[") else host[1:host.index("]")]
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _hostname(netloc: str) -> str:
    """The host of `host[:port]` or `[v6]:port`, lower case, without a trailing dot."""
    if netloc.startswith("["):
        return netloc[1:netloc.find("]")].lower() if "]" in netloc else netloc.lower()
    if netloc.count(":") > 1:
        return netloc.lower()  # a bare IPv6 address
    return netloc.rsplit(":", 1)[0].rstrip(".").lower()


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def registrable_domain(host: str) -> str:
    """The domain a host is registered under, approximated without the Public Suffix List: the last two labels,
    three under a country code's `co.`/`com.`/…, one label more than a shared hosting suffix
    (`_SHARED_SUFFIXES`); an IP address or a single label is itself."""
    host = host.rstrip(".").lower()
    if _is_ip(host):
        return host
    labels = host.split(".")
    suffix = 2 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _CC_SECOND else 1
    for shared in _SHARED_SUFFIXES:
        if host == shared or host.endswith("." + shared):
            suffix = max(suffix, shared.count(".") + 1)
    return ".".join(labels[-(suffix + 1):]) if len(labels) > suffix else host


def credentials_may_go_to(registry_netloc: str, realm_netloc: str) -> bool:
    """Whether the user's credentials for the registry may be sent to a token realm on `realm_netloc`: the
    registry's own host, its registrable domain or a subdomain of that, or a known pairing (Docker Hub)."""
    registry, realm = _hostname(registry_netloc), _hostname(realm_netloc)
    if not registry or not realm:
        return False
    if realm == registry or (registry, realm) in _TOKEN_PAIRS:
        return True
    if _is_ip(registry) or _is_ip(realm) or "." not in registry:
        return False
    domain = registrable_domain(registry)
    return (realm == domain or realm.endswith("." + domain)) and registrable_domain(realm) == domain


def docker_credentials(registry: str, config: Path | None = None) -> tuple[str, str] | None:
    """The user's `user:password` for `registry` from the docker config (`auths` only), or None."""
    if config is None:
        folder = os.environ.get("DOCKER_CONFIG") or os.path.join(os.path.expanduser("~"), ".docker")
        config = Path(folder) / "config.json"
    try:
        doc = json.loads(config.read_bytes()[:MAX_JSON])
    except (OSError, ValueError, RecursionError):
        return None
    auths = doc.get("auths") if isinstance(doc, dict) else None
    if not isinstance(auths, dict):
        return None
    names = [registry, f"https://{registry}", f"http://{registry}"]
    if registry == DOCKER_HUB:
        names += ["https://index.docker.io/v1/", "index.docker.io", DOCKER_HUB_API]
    for name in names:
        entry = auths.get(name) or auths.get(name + "/")
        auth = entry.get("auth") if isinstance(entry, dict) else None
        if isinstance(auth, str) and auth:
            try:
                user, sep, password = base64.b64decode(auth, validate=True).decode("utf-8").partition(":")
            except (ValueError, UnicodeDecodeError):
                return None
            return (user, password) if sep else None
    return None


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows a registry's redirects (blob storage), never taking the credentials to another host or down to
    plain HTTP."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is None:
            return None
        old, target = urllib.parse.urlsplit(req.full_url), urllib.parse.urlsplit(newurl)
        if old.scheme == "https" and target.scheme != "https":
            raise PullError("the registry redirected to plain HTTP; refused")
        if (old.scheme, old.netloc) != (target.scheme, target.netloc):
            new.remove_header("Authorization")
        return new


class Client:
    """One registry, one repository: requests with the authentication the registry asks for."""

    def __init__(self, ref: Reference, insecure: bool = False, credentials: tuple[str, str] | None = None,
                 timeout: float = TIMEOUT, warn: Callable[[str], None] | None = None) -> None:
        self.ref, self.timeout = ref, timeout
        self.credentials = credentials
        self.warn = warn or (lambda message: None)
        self.plain_ok = insecure or _loopback(ref.registry)
        self.scheme = "https"
        self.authorization: str | None = None
        self.opener = urllib.request.build_opener(_Redirects())

    def _url(self, path: str) -> str:
        return f"{self.scheme}://{self.ref.api_host}/v2/{self.ref.repository}/{path}"

    def _open(self, url: str, accept: str | None, auth: str | None):
        headers = {"User-Agent": f"aispm/{__version__}"}
        if accept:
            headers["Accept"] = accept
        req = urllib.request.Request(url, headers=headers)
        if auth:
            req.add_header("Authorization", auth)
        return self.opener.open(req, timeout=self.timeout)  # noqa: S310 (http/https URL built here)

    def get(self, path: str, accept: str | None = None):
        """The response to `GET /v2/<repository>/<path>`, authenticating once if asked."""
        try:
            return self._get(path, accept)
        except urllib.error.URLError as exc:
            reason = getattr(exc, "reason", None)
            if self.scheme == "https" and self.plain_ok and isinstance(reason, (ssl.SSLError, ConnectionError,
                                                                                 OSError)):
                self.scheme = "http"  # a loopback or --insecure-registry registry that speaks plain HTTP
                return self._get(path, accept)
            raise

    def _get(self, path: str, accept: str | None):
        url = self._url(path)
        try:
            return self._open(url, accept, self.authorization)
        except urllib.error.HTTPError as exc:
            if exc.code != 401:
                raise
            challenge = exc.headers.get("WWW-Authenticate", "")
            exc.close()
        self.authorization = self._authenticate(challenge)
        return self._open(url, accept, self.authorization)

    def _basic(self) -> str | None:
        if self.credentials is None:
            return None
        token = base64.b64encode(f"{self.credentials[0]}:{self.credentials[1]}".encode()).decode()
        return f"Basic {token}"

    def _authenticate(self, challenge: str) -> str:
        scheme, _, params = challenge.strip().partition(" ")
        if scheme.lower() == "basic":
            basic = self._basic()
            if basic is None:
                raise PullError("the registry asks for credentials and the docker config's `auths` has none for it "
                                "(credential helpers are not run: `docker login` with a file store, or pull "
                                "anonymously)")
            return basic
        if scheme.lower() != "bearer":
            raise PullError("the registry asks for an authentication scheme aispm does not speak")
        fields = dict(_CHALLENGE.findall(params))
        realm = fields.get("realm", "")
        parsed = urllib.parse.urlsplit(realm)
        if parsed.scheme not in ("https", "http") or parsed.scheme == "http" and not (
                self.plain_ok or _loopback(parsed.netloc)):
            raise PullError("the registry's token realm is not an HTTPS URL")
        query = {"service": fields.get("service", ""),
                 "scope": fields.get("scope") or f"repository:{self.ref.repository}:pull"}
        url = realm + ("&" if parsed.query else "?") + urllib.parse.urlencode({k: v for k, v in query.items() if v})
        basic, withheld = self._basic(), False
        if basic is not None and not credentials_may_go_to(self.ref.api_host, parsed.netloc):
            basic, withheld = None, True  # another domain's token service never gets the registry's credentials
            host = _hostname(parsed.netloc)
            shown = host if re.fullmatch(r"[a-z0-9.:-]{1,100}", host) else "another host"
            self.warn(f"{self.ref.text[:200]}: the registry's token service is on {shown}, neither the registry's "
                      f"host nor its domain: the token was asked for anonymously, without the docker credentials "
                      f"for {self.ref.registry}")
        try:
            with self._open(url, "application/json", basic) as resp:
                doc = json.loads(resp.read(MAX_JSON))
        except urllib.error.HTTPError as exc:
            hint = ("; the docker credentials were not sent to it: it is not on the registry's host or domain"
                    if withheld else "" if self.credentials
                    else "; the docker config's `auths` has no credentials for this registry")
            raise PullError(f"the token service refused ({exc.code}){hint}") from None
        except (urllib.error.URLError, OSError, ValueError, RecursionError, http.client.HTTPException) as exc:
            raise PullError(f"the token service could not be read ({type(exc).__name__})") from None
        token = (doc.get("token") or doc.get("access_token")) if isinstance(doc, dict) else None
        if not isinstance(token, str) or not token:
            raise PullError("the token service answered no token")
        return f"Bearer {token}"


def _read_json(resp, what: str) -> tuple[bytes, Any]:
    data = resp.read(MAX_JSON + 1)
    if len(data) > MAX_JSON:
        raise PullError(f"the {what} is over {MAX_JSON // 1048576} MB")
    try:
        return data, json.loads(data)
    except (ValueError, RecursionError):
        raise PullError(f"the {what} is not JSON (or nested too deep)") from None


def _verify(data: bytes, digest: str, what: str) -> None:
    alg, hexa = digest.split(":", 1)
    if hashlib.new(alg, data).hexdigest() != hexa:
        raise PullError(f"the {what} does not match its digest {digest[:19]}")


def _manifest(client: Client, reference: str, platform: str, depth: int = 0) -> tuple[bytes, dict, str, str | None]:
    """The image manifest (bytes, document, digest, platform), through an index for `platform`."""
    if depth > 4:
        raise PullError("image indexes nested too deep")
    with client.get(f"manifests/{reference}", ACCEPT) as resp:
        data, doc = _read_json(resp, "manifest")
        media = (resp.headers.get("Content-Type") or "").split(";")[0].strip()
    if _DIGEST.match(reference):
        _verify(data, reference, "manifest")
    if not isinstance(doc, dict):
        raise PullError("the manifest is not an object")
    media = doc.get("mediaType") or media
    if media in _INDEX_TYPES or "manifests" in doc and "layers" not in doc:
        entries = doc.get("manifests")
        if not isinstance(entries, list):
            raise PullError("the image index has no manifests list")
        available = []
        for e in entries:
            text = _platform_text(e) if isinstance(e, dict) else None
            if not text or text.startswith("unknown/"):
                continue
            available.append(text)
            if _matches(text, platform) and isinstance(e.get("digest"), str) and _DIGEST.match(e["digest"]):
                data, doc, digest, _ = _manifest(client, e["digest"], platform, depth + 1)
                return data, doc, digest, text
        raise PullError(f"no {platform} image in the index (it has: {', '.join(available[:8]) or 'none'})")
    if doc.get("schemaVersion") != 2 or not isinstance(doc.get("config"), dict) \
            or not isinstance(doc.get("layers"), list):
        raise PullError("not an OCI or docker v2 image manifest (schema 1 manifests are not read)")
    return data, doc, "sha256:" + hashlib.sha256(data).hexdigest(), None


def _descriptors(doc: dict, limits: Limits) -> list[tuple[str, int]]:
    out = []
    for i, d in enumerate([doc["config"], *doc["layers"]]):
        if not isinstance(d, dict) or not isinstance(d.get("digest"), str) or not _DIGEST.match(d["digest"]) \
                or not isinstance(d.get("size"), int) or d["size"] < 0:
            raise PullError(f"descriptor {i} of the manifest lacks a digest or size")
        if isinstance(d.get("urls"), list) and d["urls"]:
            raise PullError("a foreign layer (fetched from elsewhere than the registry) is not pulled")
        out.append((d["digest"], d["size"]))
    if sum(size for _, size in out) > limits.decompressed_bytes:
        raise PullError(f"the image's blobs are over {limits.decompressed_bytes:,} bytes (limit decompressed_bytes)")
    return out


def _blob(client: Client, digest: str, size: int, folder: Path) -> None:
    alg, hexa = digest.split(":", 1)
    dest = folder / alg / hexa
    if dest.is_file() and not dest.is_symlink() and dest.stat().st_size == size:
        return  # content-addressed and verified when written
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = dest.with_name(f"{hexa}.{os.getpid()}.{threading.get_ident()}.part")  # two pulls never share one
    hasher, total = hashlib.new(alg), 0
    try:
        with client.get(f"blobs/{digest}") as resp, open(part, "wb") as out:
            while chunk := resp.read(_CHUNK):
                total += len(chunk)
                if total > size:
                    raise PullError(f"blob {digest[:19]} is larger than its declared {size:,} bytes")
                hasher.update(chunk)
                out.write(chunk)
        if total != size or hasher.hexdigest() != hexa:
            raise PullError(f"blob {digest[:19]} does not match its digest or size")
        os.replace(part, dest)
    finally:
        if part.exists():
            part.unlink()


def pull(text: str, cache_dir: Path, platform: str = "linux/amd64", insecure: bool = False,
         limits: Limits = DEFAULT, docker_config: Path | None = None, timeout: float = TIMEOUT,
         warn: Callable[[str], None] | None = None) -> Path:
    """Pull `text` into `<cache_dir>/images/` and return the OCI layout directory it is in. `warn` is told
    what the scan's warnings should say (docker credentials withheld from a token service elsewhere)."""
    ref = parse_reference(text)
    client = Client(ref, insecure, docker_credentials(ref.registry, docker_config), timeout, warn)
    try:
        data, doc, digest, chosen = _manifest(client, ref.reference, platform)
        blobs = _descriptors(doc, limits)
        alg, hexa = digest.split(":", 1)
        layout = Path(cache_dir) / "images" / f"{alg}-{hexa[:32]}" / re.sub(r"[^A-Za-z0-9._@-]+", "_", text)[:200]
        for blob_digest, size in blobs:
            _blob(client, blob_digest, size, layout / "blobs")
    except urllib.error.HTTPError as exc:
        raise PullError(f"the registry answered {exc.code} ({'not found' if exc.code == 404 else 'refused'})") \
            from None
    except (urllib.error.URLError, socket.timeout, ConnectionError, ssl.SSLError) as exc:
        reason = getattr(exc, "reason", exc)
        raise PullError(f"the registry could not be reached ({type(reason).__name__})") from None
    except http.client.HTTPException as exc:  # a malformed status line or headers, a truncated body
        raise PullError(f"the registry's answer is not valid HTTP ({type(exc).__name__})") from None
    except (ValueError, RecursionError) as exc:  # a malformed header value, a URL that is none
        raise PullError(f"the registry's answer could not be read ({type(exc).__name__})") from None
    (layout / "blobs" / alg).mkdir(parents=True, exist_ok=True)
    (layout / "blobs" / alg / hexa).write_bytes(data)
    entry: dict[str, Any] = {"mediaType": doc.get("mediaType") or "application/vnd.oci.image.manifest.v1+json",
                             "digest": digest, "size": len(data),
                             "annotations": {"org.opencontainers.image.ref.name": text}}
    if chosen:
        os_, _, arch = chosen.partition("/")
        arch, _, variant = arch.partition("/")
        entry["platform"] = {"os": os_, "architecture": arch, **({"variant": variant} if variant else {})}
    (layout / "oci-layout").write_text('{"imageLayoutVersion": "1.0.0"}')
    (layout / "index.json").write_text(json.dumps({"schemaVersion": 2, "manifests": [entry]}))
    return layout
