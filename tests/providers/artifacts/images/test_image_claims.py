"""The code sources' `claims` on an image's files are answered from the image, never from the host: a vendored Go
module (`vendor/modules.txt`) or a vendored crate (`.cargo-checksum.json`) inside the image's `/app` is skipped as
it is in a repository, and a file that happens to be in the scanning host's working directory changes nothing."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import tarfile
from pathlib import Path

import pytest

from aispm.scan import ScanOptions, scan

GO_MOD = b"module example.com/app\n\ngo 1.22\n\nrequire github.com/google/uuid v1.6.0\n"
VENDORED_GO_MOD = b"module github.com/vendored/lib\n\ngo 1.20\n\nrequire golang.org/x/text v0.3.0\n"
CARGO = b'[package]\nname = "app"\nversion = "0.1.0"\n\n[dependencies]\nserde = "1.0.200"\n'
VENDORED_CARGO = b'[package]\nname = "vendored"\nversion = "0.2.0"\n\n[dependencies]\nlibc = "0.2.150"\n'


def _layer(files: dict[str, bytes]) -> bytes:
    raw = io.BytesIO()
    with gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=1) as gz, \
            tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return raw.getvalue()


def _archive(path: Path, files: dict[str, bytes]) -> Path:
    """A docker-save archive of one layer holding `files`."""
    blob = _layer(files)
    config = json.dumps({"os": "linux", "architecture": "amd64", "config": {"User": "1000"}}).encode()
    with tarfile.open(path, "w") as tar:
        for name, data in ((f"{hashlib.sha256(blob).hexdigest()}/layer.tar", blob), ("config.json", config),
                           ("manifest.json", json.dumps([{"Config": "config.json", "RepoTags": ["claims:1"],
                                                          "Layers": [f"{hashlib.sha256(blob).hexdigest()}/layer.tar"]
                                                          }]).encode())):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def _libraries(path: Path) -> set[tuple[str, str]]:
    result = scan([path], ScanOptions(frameworks=("oci-image",), vulnerabilities=False, attack_paths=False))
    assert not result.errors, result.errors
    return {(a.properties.get("image_path", ""), a.name) for a in result.assets
            if a.type == "library" and a.properties.get("ecosystem") in ("Go", "crates.io")}


@pytest.mark.parametrize("order", ["marker first", "marker last"])
def test_vendored_go_module_and_crate_in_the_image_are_skipped_as_in_a_repository(tmp_path, monkeypatch, order):
    """`/app/vendor/modules.txt` makes `/app/vendor/github.com/vendored/lib/go.mod` a vendored copy, and
    `.cargo-checksum.json` makes `/app/vendor/crates/vendored/Cargo.toml` one: only the application's own
    manifests are read, wherever the marker is in the layer and whatever the cwd is."""
    monkeypatch.chdir(tmp_path)  # an empty working directory: the markers are the image's only
    vendored = {"app/vendor/modules.txt": b"# github.com/vendored/lib v1.0.0\n## explicit\ngithub.com/vendored/lib\n",
                "app/vendor/crates/vendored/.cargo-checksum.json": b'{"files": {}, "package": "00"}',
                "app/vendor/github.com/vendored/lib/go.mod": VENDORED_GO_MOD,
                "app/vendor/crates/vendored/Cargo.toml": VENDORED_CARGO}
    own = {"app/go.mod": GO_MOD, "app/Cargo.toml": CARGO}
    items = list(vendored.items())
    files = dict(items if order == "marker first" else items[::-1]) | own
    libs = _libraries(_archive(tmp_path / "image.tar", files))
    assert {name for _, name in libs} == {"github.com/google/uuid", "serde"}
    assert {where for where, _ in libs} == {"/app/go.mod", "/app/Cargo.toml"}


def test_a_file_in_the_hosts_working_directory_cannot_change_an_images_result(tmp_path, monkeypatch):
    """The host's cwd holds `app/.cargo-checksum.json` and `app/vendor/modules.txt` (as if the image's
    `/app/Cargo.toml` and `/app/vendor/x/go.mod` were vendored copies): the image, which has no such markers,
    is read the same as from an empty cwd."""
    image = _archive(tmp_path / "image.tar", {"app/Cargo.toml": CARGO,
                                              "app/vendor/github.com/vendored/lib/go.mod": VENDORED_GO_MOD})
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.chdir(empty)
    expected = _libraries(image)
    assert {name for _, name in expected} == {"serde", "golang.org/x/text"}
    host = tmp_path / "host"
    (host / "app/vendor").mkdir(parents=True)
    (host / "app/.cargo-checksum.json").write_text('{"files": {}}')
    (host / "app/vendor/modules.txt").write_text("# github.com/vendored/lib v1.0.0\n")
    monkeypatch.chdir(host)
    assert _libraries(image) == expected
