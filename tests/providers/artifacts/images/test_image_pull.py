"""`aispm scan --pull REF` against a real registry: Debian's `docker-registry` (distribution 2.8) on a loopback port
of the test's own, with a temporary storage folder; `skopeo` pushes a real image (umoci) into it. The pulled image
is scanned like a layout (its code, its root user), blobs land in aispm's cache verified, and a second registry
on the same storage that asks for a Bearer token (a token service of the test's own, on loopback, that wants the
user's docker credentials) is answered with the credentials of `~/.docker/config.json`, which never appear in any
output. Nothing else goes online: every server here is on 127.0.0.1 and started by the test."""

from __future__ import annotations

import base64
import hashlib
import http.server
import json
import os
import socket
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from image_tools import need, run

from aispm.cli import main
from aispm.providers.artifacts.images.pull import PullError, parse_reference, pull

KEY = "sk-proj-" + hashlib.sha256(b"aispm pulled image").hexdigest()[:40] + "T3BlbkFJ" + \
    hashlib.sha256(b"pulled, second half").hexdigest()[:40]
USER, PASSWORD = "aispm-reader", "correct-horse-" + hashlib.sha256(b"pull password").hexdigest()[:16]


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(config: Path, port: int) -> subprocess.Popen:
    proc = subprocess.Popen(["docker-registry", "serve", str(config)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/v2/", timeout=1).close()
            return proc
        except urllib.error.HTTPError:
            return proc  # 401: up, and asking for a token
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise AssertionError(f"docker-registry did not start: {proc.stderr.read()[-2000:] if proc.stderr else ''}")


def _config(path: Path, storage: Path, port: int, auth: str = "") -> Path:
    path.write_text(f"version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: {storage}\n"
                    f"http:\n  addr: 127.0.0.1:{port}\n{auth}")
    return path


class _Tokens(http.server.BaseHTTPRequestHandler):
    """A token service (RFC 6750 as distribution speaks it): a JWT signed with the test's key for whoever
    presents the docker credentials; anyone else is refused."""

    key = None
    cert_der = b""
    seen: list[str] = []

    def log_message(self, *args) -> None:  # quiet
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        from urllib.parse import parse_qs, urlsplit

        auth = self.headers.get("Authorization", "")
        self.seen.append(auth)
        expected = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        if auth != expected:
            self.send_response(401)
            self.end_headers()
            return
        q = parse_qs(urlsplit(self.path).query)
        scope = q.get("scope", [""])[0].split(":")
        token = _jwt(self.key, self.cert_der, q.get("service", [""])[0], scope[1] if len(scope) > 1 else "")
        body = json.dumps({"token": token}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _jwt(key, cert_der: bytes, service: str, repository: str) -> str:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding

    now = int(time.time())
    head = {"typ": "JWT", "alg": "RS256", "x5c": [base64.b64encode(cert_der).decode()]}
    claims = {"iss": "aispm-test-issuer", "sub": USER, "aud": service, "exp": now + 300, "nbf": now - 60,
              "iat": now, "jti": hashlib.sha256(os.urandom(8)).hexdigest(),
              "access": [{"type": "repository", "name": repository, "actions": ["pull"]}]}
    signing = f"{_b64(json.dumps(head).encode())}.{_b64(json.dumps(claims).encode())}"
    return signing + "." + _b64(key.sign(signing.encode(), padding.PKCS1v15(), hashes.SHA256()))


def _cert(folder: Path):
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "aispm-test-token-signer")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(hours=1))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    (folder / "token.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return key, cert.public_bytes(serialization.Encoding.DER)


def _htpasswd(path: Path) -> Path | None:
    """An htpasswd file with the test user's bcrypt hash (the registry reads bcrypt only), or None when this
    Python's `crypt` cannot make one."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        try:
            import crypt
        except ImportError:
            return None
        hashed = crypt.crypt(PASSWORD, crypt.mksalt(crypt.METHOD_BLOWFISH))
    if not hashed or not hashed.startswith("$2"):
        return None
    path.write_text(f"{USER}:{hashed}\n")
    return path


@pytest.fixture(scope="module")
def registries(tmp_path_factory: pytest.TempPathFactory):
    need("docker-registry")
    need("skopeo")
    need("umoci")
    base = tmp_path_factory.mktemp("registry")
    storage = base / "storage"
    storage.mkdir()
    open_port, token_port, tokens_port, basic_port = _port(), _port(), _port(), _port()
    procs = [_serve(_config(base / "open.yml", storage, open_port), open_port)]
    server = None
    try:
        # the image: /app/main.py with a key, run as root
        layout, bundle = base / "layout", base / "bundle"
        run("umoci", "init", "--layout", layout)
        run("umoci", "new", "--image", f"{layout}:app")
        run("umoci", "unpack", "--image", f"{layout}:app", bundle)
        (bundle / "rootfs/app").mkdir()
        (bundle / "rootfs/app/main.py").write_text(f'from openai import OpenAI\n\nclient = OpenAI(api_key="{KEY}")\n')
        run("umoci", "repack", "--image", f"{layout}:app", bundle)
        policy = base / "policy.json"
        policy.write_text('{"default":[{"type":"insecureAcceptAnything"}]}')
        run("skopeo", "--policy", policy, "copy", "--dest-tls-verify=false", f"oci:{layout}:app",
            f"docker://127.0.0.1:{open_port}/team/app:1.0")
        run("skopeo", "--policy", policy, "copy", "--dest-tls-verify=false", "--format", "v2s2",
            f"oci:{layout}:app", f"docker://127.0.0.1:{open_port}/team/app:docker")  # a docker v2 manifest
        # a second registry on the same storage that wants a token from the test's token service
        _Tokens.key, _Tokens.cert_der = _cert(base)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", tokens_port), _Tokens)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        auth = (f"auth:\n  token:\n    realm: http://127.0.0.1:{tokens_port}/token\n    service: aispm-test\n"
                f"    issuer: aispm-test-issuer\n    rootcertbundle: {base / 'token.pem'}\n")
        procs.append(_serve(_config(base / "token.yml", storage, token_port, auth), token_port))
        basic = _htpasswd(base / "htpasswd")
        if basic:  # a third registry on the same storage that asks for Basic auth (htpasswd, bcrypt)
            procs.append(_serve(_config(base / "basic.yml", storage, basic_port,
                                        f"auth:\n  htpasswd:\n    realm: aispm-test\n    path: {basic}\n"), basic_port))
        docker = base / "docker"
        docker.mkdir()
        auth = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        (docker / "config.json").write_text(json.dumps({"auths": {f"127.0.0.1:{token_port}": {"auth": auth},
                                                                  f"127.0.0.1:{basic_port}": {"auth": auth}}}))
        yield {"open": f"127.0.0.1:{open_port}", "token": f"127.0.0.1:{token_port}", "docker": docker,
               "layout": layout, "basic": f"127.0.0.1:{basic_port}" if basic else None}
    finally:
        if server is not None:
            server.shutdown()
        for p in procs:
            p.kill()
            p.wait()


def _cli(*args: str, env: dict[str, str]) -> tuple[int, str, str]:
    res = CliRunner().invoke(main, ["scan", *args], env=env)
    return res.exit_code, res.stdout, res.stderr


def _report(stdout: str) -> dict:
    return json.loads(stdout)


@pytest.mark.parametrize("tag", ["1.0", "docker"])  # an OCI manifest, and a docker v2 schema 2 one
def test_pull_from_a_real_registry_and_scan(registries, tmp_path, tag):
    cache = tmp_path / "cache"
    code, out, err = _cli("--pull", f"{registries['open']}/team/app:{tag}", "-f", "json",
                          env={"AISPM_CACHE_DIR": str(cache), "DOCKER_CONFIG": str(tmp_path / "none")})
    report = _report(out)
    assert not report["errors"], report["errors"]
    image = next(a for a in report["assets"] if a["type"] == "oci-image")
    assert image["name"] == f"{registries['open']}/team/app:{tag}"
    assert report["targets"] == [f"{registries['open']}/team/app:{tag}"]
    failing = {f["rule_id"] for f in report["findings"] if f["status"] == "fail"}
    assert {"AISPM-SE-001", "AISPM-ART-001"} <= failing  # the key in /app/main.py; root
    se = next(f for f in report["findings"] if f["rule_id"] == "AISPM-SE-001")
    assert "/app/main.py@sha256:" in se["address"]
    assert code == 2 and KEY not in out and KEY not in err
    blobs = list(cache.glob("images/*/*/blobs/sha256/*"))
    assert blobs and all(hashlib.sha256(b.read_bytes()).hexdigest() == b.name for b in blobs)


def test_bearer_token_with_the_users_docker_credentials(registries, tmp_path):
    cache = tmp_path / "cache"
    ref = f"{registries['token']}/team/app:1.0"
    code, out, err = _cli("--pull", ref, "-f", "json", env={"AISPM_CACHE_DIR": str(cache),
                                                           "DOCKER_CONFIG": str(registries["docker"])})
    report = _report(out)
    assert not report["errors"], report["errors"]
    assert any(a["type"] == "oci-image" and a["name"] == ref for a in report["assets"])
    assert _Tokens.seen and _Tokens.seen[-1].startswith("Basic ")  # the token service got the docker credentials
    for text in (out, err, *(p.read_text(errors="replace") for p in cache.rglob("*") if p.is_file()
                             and p.stat().st_size < 1_000_000)):
        assert PASSWORD not in text and base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode() not in text
    # without the credentials the token service refuses, and that is one input error, never a traceback
    code, out, _err = _cli("--pull", ref, "-f", "json", env={"AISPM_CACHE_DIR": str(tmp_path / "c2"),
                                                            "DOCKER_CONFIG": str(tmp_path / "none")})
    assert code == 1
    assert [e["message"] for e in _report(out)["errors"]] == [
        "image not pulled: the token service refused (401); the docker config's `auths` has no credentials for "
        "this registry"]


def test_missing_image_and_offline(registries, tmp_path):
    env = {"AISPM_CACHE_DIR": str(tmp_path / "cache"), "DOCKER_CONFIG": str(tmp_path / "none")}
    code, out, _ = _cli("--pull", f"{registries['open']}/team/absent:1.0", "-f", "json", env=env)
    assert code == 1 and "image not pulled: the registry answered 404" in _report(out)["errors"][0]["message"]
    code, _out, err = _cli("--pull", f"{registries['open']}/team/app:1.0", "--offline", env=env)
    assert code == 1 and "--offline" in err


def test_a_blob_that_does_not_match_its_digest_is_refused(registries, tmp_path):
    """The registry's storage is tampered with: the layer it serves is not the one the manifest names."""
    ref = parse_reference(f"{registries['open']}/team/app:1.0")
    assert ref.registry == registries["open"] and ref.repository == "team/app" and ref.tag == "1.0"
    pulled = pull(ref.text, tmp_path / "cache")
    digest = json.loads((pulled / "index.json").read_text())["manifests"][0]["digest"]
    manifest = json.loads((pulled / "blobs/sha256" / digest.split(":")[1]).read_bytes())
    layer = manifest["layers"][0]["digest"].split(":")[1]
    storage = Path(str(registries["layout"]).replace("layout", "storage"))
    data = next(storage.rglob(f"blobs/sha256/{layer[:2]}/{layer}/data"))
    original = data.read_bytes()
    try:
        data.write_bytes(b"\x00" * len(original))
        with pytest.raises(PullError, match="does not match its digest"):
            pull(ref.text, tmp_path / "fresh")
    finally:
        data.write_bytes(original)


@pytest.mark.parametrize("text,expected", [
    ("python:3.12", ("docker.io", "library/python", "3.12")),
    ("ghcr.io/org/app", ("ghcr.io", "org/app", "latest")),
    ("localhost:5000/a/b:v1", ("localhost:5000", "a/b", "v1")),
    ("org/app:1", ("docker.io", "org/app", "1")),
])
def test_references_are_read_as_docker_reads_them(text, expected):
    ref = parse_reference(text)
    assert (ref.registry, ref.repository, ref.tag) == expected


@pytest.mark.parametrize("text", ["UPPER/case:1", "app:bad tag", "app@sha256:1234", "a/../b:1"])
def test_a_reference_that_is_not_one_is_refused(text):
    with pytest.raises(PullError):
        parse_reference(text)


def _blobs() -> dict[str, bytes]:
    """A minimal valid image: a config, one (empty) layer, the manifest naming them."""
    import gzip
    import io
    import tarfile

    raw = io.BytesIO()
    with gzip.GzipFile(fileobj=raw, mode="wb") as gz, tarfile.open(fileobj=gz, mode="w"):
        pass
    layer = raw.getvalue()
    config = json.dumps({"os": "linux", "architecture": "amd64", "config": {"User": "1000"},
                         "rootfs": {"type": "layers", "diff_ids": []}}).encode()

    def desc(media: str, data: bytes) -> dict:
        return {"mediaType": media, "digest": "sha256:" + hashlib.sha256(data).hexdigest(), "size": len(data)}

    manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                           "config": desc("application/vnd.oci.image.config.v1+json", config),
                           "layers": [desc("application/vnd.oci.image.layer.v1.tar+gzip", layer)]}).encode()
    return {"manifest": manifest, "sha256:" + hashlib.sha256(config).hexdigest(): config,
            "sha256:" + hashlib.sha256(layer).hexdigest(): layer}


def _server(handler) -> tuple[http.server.ThreadingHTTPServer, int]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]


def test_credentials_never_follow_a_redirect_to_another_host(tmp_path):
    """A registry (Basic auth) that redirects blob downloads to storage on another port, as registries send
    blobs to object storage: the storage never sees the user's credentials, and the image is pulled."""
    blobs = _blobs()
    storage_seen: list[str | None] = []

    class Storage(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            storage_seen.append(self.headers.get("Authorization"))
            data = blobs[self.path.rsplit("/", 1)[-1]]
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    storage, storage_port = _server(Storage)
    expected = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()

    class Registry(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            if self.headers.get("Authorization") != expected:
                self.send_response(401)
                self.send_header("WWW-Authenticate", 'Basic realm="test"')
                self.end_headers()
                return
            if "/manifests/" in self.path:
                data = blobs["manifest"]
                self.send_response(200)
                self.send_header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            else:
                self.send_response(307)
                self.send_header("Location", f"http://127.0.0.1:{storage_port}/store/{self.path.rsplit('/', 1)[-1]}")
                self.end_headers()

    registry, port = _server(Registry)
    docker = tmp_path / "docker"
    docker.mkdir()
    (docker / "config.json").write_text(json.dumps({"auths": {f"127.0.0.1:{port}": {
        "auth": base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()}}}))
    try:
        layout = pull(f"127.0.0.1:{port}/team/app:1", tmp_path / "cache", docker_config=docker / "config.json")
    finally:
        registry.shutdown()
        storage.shutdown()
    assert len(storage_seen) == 2 and storage_seen == [None, None]
    assert (layout / "index.json").is_file()


def test_a_blob_larger_than_declared_is_refused(tmp_path):
    blobs = _blobs()
    manifest = json.loads(blobs["manifest"])
    layer = manifest["layers"][0]["digest"]
    blobs[layer] = blobs[layer] + b"\x00" * 4096  # the registry serves more than the manifest declares

    class Registry(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            data = blobs["manifest"] if "/manifests/" in self.path else blobs[self.path.rsplit("/", 1)[-1]]
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    registry, port = _server(Registry)
    try:
        with pytest.raises(PullError, match="larger than its declared"):
            pull(f"127.0.0.1:{port}/team/app:1", tmp_path / "cache", docker_config=tmp_path / "none.json")
    finally:
        registry.shutdown()
    assert not list((tmp_path / "cache").rglob("*.part"))  # nothing half-written is left


def test_pull_a_multi_platform_image_for_the_platform_asked(registries, tmp_path):
    """`skopeo copy --all` pushes an OCI index of two real manifests (amd64 as root, arm64/v8 as uid 1000);
    `--pull` with `--platform` fetches the one asked for, and only its blobs."""
    layout = tmp_path / "layout"
    run("umoci", "init", "--layout", layout)
    for tag, arch, user in (("amd", "amd64", "0"), ("arm", "arm64", "1000")):
        run("umoci", "new", "--image", f"{layout}:{tag}")
        run("umoci", "config", "--image", f"{layout}:{tag}", "--os", "linux", "--architecture", arch,
            "--config.user", user)
    index = json.loads((layout / "index.json").read_text())
    by_tag = {m["annotations"]["org.opencontainers.image.ref.name"]: m for m in index["manifests"]}

    def entry(desc: dict, arch: str, variant: str | None = None) -> dict:
        out = {k: v for k, v in desc.items() if k != "annotations"}
        out["platform"] = {"os": "linux", "architecture": arch, **({"variant": variant} if variant else {})}
        return out

    nested = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
                         "manifests": [entry(by_tag["arm"], "arm64", "v8"), entry(by_tag["amd"], "amd64")]}).encode()
    digest = hashlib.sha256(nested).hexdigest()
    (layout / "blobs/sha256" / digest).write_bytes(nested)
    index["manifests"].append({"mediaType": "application/vnd.oci.image.index.v1+json", "digest": f"sha256:{digest}",
                               "size": len(nested), "annotations": {"org.opencontainers.image.ref.name": "multi"}})
    (layout / "index.json").write_text(json.dumps(index))
    policy = tmp_path / "policy.json"
    policy.write_text('{"default":[{"type":"insecureAcceptAnything"}]}')
    ref = f"{registries['open']}/team/multi:1"
    run("skopeo", "--policy", policy, "copy", "--all", "--dest-tls-verify=false", f"oci:{layout}:multi", f"docker://{ref}")
    env = {"AISPM_CACHE_DIR": str(tmp_path / "cache"), "DOCKER_CONFIG": str(tmp_path / "none")}
    seen = {}
    for platform in ("linux/amd64", "linux/arm64"):
        _code, out, _err = _cli("--pull", ref, "--platform", platform, "-f", "json", env=env)
        report = _report(out)
        assert not report["errors"], report["errors"]
        image = next(a for a in report["assets"] if a["type"] == "oci-image")
        seen[platform] = (image["properties"]["platform"], image["properties"]["user"])
    assert seen == {"linux/amd64": ("linux/amd64", "0"), "linux/arm64": ("linux/arm64/v8", "1000")}
    _code, out, _err = _cli("--pull", ref, "--platform", "linux/s390x", "-f", "json", env=env)
    assert [e["message"] for e in _report(out)["errors"]] == [
        "image not pulled: no linux/s390x image in the index (it has: linux/arm64/v8, linux/amd64)"]


def test_a_repository_and_a_pulled_image_in_one_scan(registries, tmp_path):
    """The repository's paths stay its own (the cache folder is no prefix of them), and its workload runs the
    image that was pulled."""
    repo = tmp_path / "repo"
    repo.mkdir()
    ref = f"{registries['open']}/team/app:1.0"
    (repo / "deploy.yaml").write_text(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app, namespace: ai}\nspec:\n"
        "  selector: {matchLabels: {app: app}}\n  template:\n    metadata: {labels: {app: app}}\n    spec:\n"
        f"      containers:\n      - name: app\n        image: {ref}\n")
    _code, out, _err = _cli(str(repo), "--pull", ref, "-f", "json",
                            env={"AISPM_CACHE_DIR": str(tmp_path / "cache"), "DOCKER_CONFIG": str(tmp_path / "x")})
    report = _report(out)
    assert not report["errors"], report["errors"]
    assert report["targets"] == [str(repo), ref]
    workload = next(a for a in report["assets"] if a["type"] == "k8s:apps/Deployment")
    image = next(a for a in report["assets"] if a["type"] == "oci-image")
    assert workload["origin"]["file"] == "deploy.yaml"
    assert any(r["from"] == workload["uid"] and r["verb"] == "runs" and r["to"] == image["uid"]
               for r in report["relations"])


def test_basic_auth_with_the_users_docker_credentials(registries, tmp_path):
    if registries["basic"] is None:
        pytest.skip("this Python's crypt module cannot make the bcrypt hash the registry's htpasswd needs")
    ref = f"{registries['basic']}/team/app:1.0"
    _code, out, err = _cli("--pull", ref, "-f", "json", env={"AISPM_CACHE_DIR": str(tmp_path / "cache"),
                                                            "DOCKER_CONFIG": str(registries["docker"])})
    report = _report(out)
    assert not report["errors"], report["errors"]
    assert any(a["type"] == "oci-image" and a["name"] == ref for a in report["assets"])
    assert PASSWORD not in out and PASSWORD not in err
    code, out, _err = _cli("--pull", ref, "-f", "json", env={"AISPM_CACHE_DIR": str(tmp_path / "c2"),
                                                            "DOCKER_CONFIG": str(tmp_path / "none")})
    assert code == 1 and "asks for credentials" in _report(out)["errors"][0]["message"]


class _Raw(threading.Thread):
    """A loopback 'registry' that answers every connection with the same bytes, whatever was asked (a TLS hello
    too, so the HTTPS attempt fails and the plain-HTTP retry of a loopback registry gets the bytes)."""

    def __init__(self, answer: bytes) -> None:
        super().__init__(daemon=True)
        self.answer = answer
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(2)
                try:
                    conn.recv(65536)
                    conn.sendall(self.answer)
                except OSError:
                    pass

    def __enter__(self) -> "_Raw":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.join()
        self.sock.close()


_MANIFEST = "application/vnd.oci.image.manifest.v1+json"


@pytest.mark.parametrize("answer,message", [
    (b"GARBAGE FROM A BROKEN REGISTRY\r\n\r\n", "the registry's answer is not valid HTTP (BadStatusLine)"),
    (b"HTTP/1.1 2x0 OK\r\nContent-Length: 2\r\n\r\n{}", "the registry's answer is not valid HTTP (BadStatusLine)"),
    (b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-H%d: v\r\n" % i for i in range(150)) + b"\r\n",
     "the registry's answer is not valid HTTP (HTTPException)"),
    (b"HTTP/1.1 200 OK\r\nX-Long: " + b"a" * 70_000 + b"\r\n\r\n", "the registry's answer is not valid HTTP (LineTooLong)"),
    (b"HTTP/1.1 200 OK\r\nContent-Type: " + _MANIFEST.encode() + b"\r\nContent-Length: 11\r\n\r\n{not json}!",
     "the manifest is not JSON (or nested too deep)"),
    (b"HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n{\"schemaVersion\": 2",  # a truncated manifest
     "the manifest is not JSON (or nested too deep)"),
])
def test_a_registry_that_answers_garbage_is_one_error_in_a_report(tmp_path, answer, message):
    """A malformed status line, too many or too long headers, a manifest that is not JSON, a truncated body: the
    scan ends with a report whose `errors` name the pull, exit code 1, no traceback."""
    with _Raw(answer) as server:
        ref = f"127.0.0.1:{server.port}/team/app:1"
        res = CliRunner().invoke(main, ["scan", "--pull", ref, "-f", "json"],
                                 env={"AISPM_CACHE_DIR": str(tmp_path / "cache"),
                                      "DOCKER_CONFIG": str(tmp_path / "none")})
    assert res.exception is None or isinstance(res.exception, SystemExit), repr(res.exception)
    assert res.exit_code == 1
    report = _report(res.stdout)
    assert [(e["file"], e["message"]) for e in report["errors"]] == [(ref, f"image not pulled: {message}")]
    assert report["targets"] == [ref]


def test_anything_a_pull_raises_costs_that_image_not_the_report(tmp_path, monkeypatch):
    """Whatever escapes `pull` (an exception nobody foresaw) is one guarded error: the other image is still
    pulled-for and the scan still reports."""
    import aispm.providers.artifacts.images.pull as pull_module
    from aispm.scan import ScanOptions, scan

    calls = []

    def broken(ref, *args, **kwargs):
        calls.append(ref)
        raise RuntimeError("something nobody foresaw")

    monkeypatch.setattr(pull_module, "pull", broken)
    monkeypatch.setenv("AISPM_CACHE_DIR", str(tmp_path / "cache"))
    result = scan([], ScanOptions(pull=("127.0.0.1:9/a/b:1", "127.0.0.1:9/c/d:2"), vulnerabilities=False))
    assert calls == ["127.0.0.1:9/a/b:1", "127.0.0.1:9/c/d:2"]
    assert [e.file for e in result.errors] == ["127.0.0.1:9/a/b:1", "127.0.0.1:9/c/d:2"]
    assert all(e.message.startswith(f"pull {e.file} failed unexpectedly: RuntimeError") for e in result.errors)


def _token_registry(realm_host: str, token_seen: list[str | None]):
    """A Bearer registry on 127.0.0.1 whose token realm is on `realm_host`: the token service hands a token to
    anyone (recording the Authorization it got), the registry serves the image to that token."""
    blobs = _blobs()
    token = "t-" + hashlib.sha256(b"aispm test token").hexdigest()

    class Tokens(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            token_seen.append(self.headers.get("Authorization"))
            body = json.dumps({"token": token}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    tokens = http.server.ThreadingHTTPServer((realm_host, 0), Tokens)
    threading.Thread(target=tokens.serve_forever, daemon=True).start()
    realm = f"http://{realm_host}:{tokens.server_address[1]}/token"

    class Registry(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            if self.headers.get("Authorization") != f"Bearer {token}":
                self.send_response(401)
                self.send_header("WWW-Authenticate", f'Bearer realm="{realm}",service="test"')
                self.end_headers()
                return
            data = blobs["manifest"] if "/manifests/" in self.path else blobs[self.path.rsplit("/", 1)[-1]]
            self.send_response(200)
            self.send_header("Content-Type", _MANIFEST)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    registry, port = _server(Registry)
    return tokens, registry, port


@pytest.mark.parametrize("realm_host,sent", [("127.0.0.2", False), ("127.0.0.1", True)])
def test_credentials_go_to_a_token_service_only_on_the_registrys_host(tmp_path, realm_host, sent):
    """A registry on 127.0.0.1 that names a token realm on another host (127.0.0.2): the token is asked for
    anonymously, the token service never sees the docker credentials, and the report warns; a realm on the
    registry's own host (another port) gets them."""
    seen: list[str | None] = []
    tokens, registry, port = _token_registry(realm_host, seen)
    docker = tmp_path / "docker"
    docker.mkdir()
    basic = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
    (docker / "config.json").write_text(json.dumps({"auths": {f"127.0.0.1:{port}": {"auth": basic}}}))
    ref = f"127.0.0.1:{port}/team/app:1"
    try:
        code, out, err = _cli("--pull", ref, "-f", "json", env={"AISPM_CACHE_DIR": str(tmp_path / "cache"),
                                                               "DOCKER_CONFIG": str(docker)})
    finally:
        registry.shutdown()
        tokens.shutdown()
    report = _report(out)
    assert not report["errors"], report["errors"]
    assert any(a["type"] == "oci-image" and a["name"] == ref for a in report["assets"])
    assert seen == ([f"Basic {basic}"] if sent else [None])
    warned = [w for w in report["warnings"] if "token service" in w]
    if sent:
        assert not warned
    else:
        assert warned == [f"{ref}: the registry's token service is on 127.0.0.2, neither the registry's host nor "
                          f"its domain: the token was asked for anonymously, without the docker credentials for "
                          f"127.0.0.1:{port}"]
    assert PASSWORD not in out + err and basic not in out + err


@pytest.mark.parametrize("registry,realm,allowed", [
    ("registry.gitlab.com", "gitlab.com", True),
    ("registry.example.com", "auth.example.com:8443", True),
    ("ghcr.io", "ghcr.io", True),
    ("registry-1.docker.io", "auth.docker.io", True),
    ("docker.io", "auth.docker.io", True),
    ("registry.example.co.uk", "auth.example.co.uk", True),
    ("registry.example.com", "example.com.evil.net", False),
    ("registry.example.com", "evil.com", False),
    ("registry.example.co.uk", "evil.co.uk", False),
    ("myreg.azurecr.io", "myreg.azurecr.io", True),
    ("myreg.azurecr.io", "attacker.azurecr.io", False),
    ("us-docker.pkg.dev", "attacker.pkg.dev", False),
    ("localhost:5000", "127.0.0.1:5001", False),
    ("127.0.0.1:5000", "127.0.0.2:5000", False),
    ("[::1]:5000", "[::1]:6000", True),
    ("registry.example.com", "", False),
])
def test_which_token_services_may_have_the_credentials(registry, realm, allowed):
    from aispm.providers.artifacts.images.pull import credentials_may_go_to

    assert credentials_may_go_to(registry, realm) is allowed
