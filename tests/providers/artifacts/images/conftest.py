"""Real images for the image source's tests, built once per session with the tools people build them with.

A root filesystem gets real packages from the package registry (`pip install --target`: `requests` 2.30.0 and
`dify-client` 0.1.10, both with advisories in the bundled OSV snapshot, and `idna` 3.6), a Debian `dpkg/status`,
`os-release` and npm `package.json` records; Debian's `umoci` packs it into an OCI image layout, one layer at a
time: layer 1 installs, layer 2 deletes `idna` (umoci writes the whiteouts), then the config sets a key in `ENV`,
runs vLLM without `--api-key` as root. A second tag (`safe`) of the same layers runs as uid 10001 with
`--api-key`. `skopeo` copies the image to a docker-archive tar and to a zstd-compressed OCI layout; the layout is
also tarred as it is. `.ci/run` installs both tools.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from image_tools import need as _need
from image_tools import run as _run

SITE = "usr/local/lib/python3.11/site-packages"
#: A key of the shape OpenAI issues (made up: a hash, so that it is not a placeholder).
KEY = "sk-proj-" + hashlib.sha256(b"aispm image test").hexdigest()[:40] + "T3BlbkFJ" + \
    hashlib.sha256(b"second half").hexdigest()[:40]
DPKG_STATUS = """\
Package: base-files
Status: install ok installed
Priority: required
Architecture: amd64
Version: 12.4+deb12u5
Description: Debian base system miscellaneous files
 This package contains the basic filesystem hierarchy.

Package: openssl
Status: install ok installed
Architecture: amd64
Version: 3.0.11-1~deb12u2
Description: Secure Sockets Layer toolkit

Package: old-tool
Status: deinstall ok config-files
Architecture: amd64
Version: 1.0-1
Description: removed, only its configuration files are left
"""


@dataclass
class Built:
    layout: Path  # OCI image layout directory (tags app and safe)
    oci_tar: Path  # the same layout as a tar
    docker_tar: Path  # docker-archive of app (skopeo)
    zstd_layout: Path  # app with zstd-compressed layers (skopeo)
    key: str = KEY


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    _need("umoci")
    _need("skopeo")
    base = tmp_path_factory.mktemp("images")
    layout, bundle = base / "layout", base / "bundle"
    _run("umoci", "init", "--layout", layout)
    _run("umoci", "new", "--image", f"{layout}:app")
    _run("umoci", "unpack", "--image", f"{layout}:app", bundle)
    root = bundle / "rootfs"
    # layer 1: the OS records, three Python distributions from the registry, npm packages
    (root / "etc").mkdir(parents=True, exist_ok=True)
    (root / "etc/os-release").write_text('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n')
    (root / "var/lib/dpkg").mkdir(parents=True)
    (root / "var/lib/dpkg/status").write_text(DPKG_STATUS)
    _run(sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-compile", "--disable-pip-version-check",
         "--target", root / SITE, "requests==2.30.0", "idna==3.6", "dify-client==0.1.10")
    nm = root / "app/node_modules"
    for rel, doc in (("lodash/package.json", {"name": "lodash", "version": "4.17.20"}),
                     ("lodash/fp/package.json", {"main": "../fp.js"}),  # a folder's manifest, not a package
                     ("@scope/tool/package.json", {"name": "@scope/tool", "version": "1.2.3"})):
        (nm / rel).parent.mkdir(parents=True, exist_ok=True)
        (nm / rel).write_text(json.dumps(doc))
    _run("umoci", "repack", "--refresh-bundle", "--image", f"{layout}:app", bundle)
    # layer 2: idna is uninstalled (umoci writes whiteouts for what the rootfs no longer has)
    shutil.rmtree(root / SITE / "idna")
    shutil.rmtree(root / SITE / "idna-3.6.dist-info")
    _run("umoci", "repack", "--refresh-bundle", "--image", f"{layout}:app", bundle)
    # the safe tag: the same layers, an unprivileged user, vLLM with an API key read at run time
    _run("umoci", "config", "--image", f"{layout}:app", "--tag", "safe", "--config.user", "10001:10001",
         "--config.exposedports", "8000/tcp", "--config.entrypoint", "vllm", "--config.cmd", "serve",
         "--config.cmd", "/models/m", "--config.cmd=--api-key", "--config.cmd", "$VLLM_API_KEY")
    # the app tag: a key in ENV, root, vLLM without --api-key
    _run("umoci", "config", "--image", f"{layout}:app", "--config.env", f"OPENAI_API_KEY={KEY}",
         "--config.env", "MODEL_NAME=meta-llama/Llama-3.1-8B", "--config.exposedports", "8000/tcp",
         "--config.entrypoint", "vllm", "--config.cmd", "serve", "--config.cmd", "/models/m")
    policy = base / "policy.json"
    policy.write_text('{"default":[{"type":"insecureAcceptAnything"}]}')
    docker_tar, zstd_layout = base / "app-docker.tar", base / "zstd"
    _run("skopeo", "--policy", policy, "copy", f"oci:{layout}:app", f"docker-archive:{docker_tar}:example/app:1.0")
    _run("skopeo", "--policy", policy, "copy", "--dest-compress", "--dest-compress-format", "zstd",
         f"oci:{layout}:app", f"oci:{zstd_layout}:app")
    oci_tar = base / "app-oci.tar"
    with tarfile.open(oci_tar, "w") as tar:
        for p in sorted(layout.rglob("*")):
            tar.add(p, arcname=p.relative_to(layout).as_posix(), recursive=False)
    return Built(layout, oci_tar, docker_tar, zstd_layout)
