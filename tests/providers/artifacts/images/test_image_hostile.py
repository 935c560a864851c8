"""Hostile images, generated here (never extracted, never run): every dangerous entry is refused with an error
that says why, and the rest of the image is still scanned — the good package beside it, the layers after it."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import tarfile
from pathlib import Path

from aispm.limits import Limits
from aispm.providers.artifacts.images import layers
from aispm.scan import ScanOptions, scan

SITE = "usr/lib/python3/dist-packages"


def _metadata(name: str, version: str) -> bytes:
    return f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n\nlong description\n".encode()


def _add(tar: tarfile.TarFile, name: str, data: bytes = b"", **kw) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    for k, v in kw.items():
        setattr(info, k, v)
    tar.addfile(info, io.BytesIO(data) if data else None)


def _layer(build, compress: bool = True) -> bytes:
    raw = io.BytesIO()
    out = gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=1) if compress else raw
    with tarfile.open(fileobj=out, mode="w", format=tarfile.PAX_FORMAT) as tar:
        build(tar)
    if compress:
        out.close()
    return raw.getvalue()


def _archive(path: Path, layer_blobs: list[bytes], config: dict | None = None) -> Path:
    """A docker-save archive: manifest.json, the config and the layers as they are given."""
    config = config or {"os": "linux", "architecture": "amd64", "config": {"User": "1000"}}
    with tarfile.open(path, "w") as tar:
        cfg = json.dumps(config).encode()
        names = []
        for blob in layer_blobs:
            name = f"{hashlib.sha256(blob).hexdigest()}/layer.tar"
            _add(tar, name, blob)
            names.append(name)
        _add(tar, "config.json", cfg)
        _add(tar, "manifest.json", json.dumps([{"Config": "config.json", "RepoTags": ["evil:1"],
                                                 "Layers": names}]).encode())
    return path


def _scan(path: Path, limits: Limits | None = None):
    opts = ScanOptions(frameworks=("oci-image",), vulnerabilities=False, attack_paths=False)
    if limits:
        opts.limits = limits
    return scan([path], opts)


def _names(result) -> set[str]:
    return {a.name for a in result.assets if a.type == "library"}


def _hostile_entries(tar: tarfile.TarFile) -> None:
    _add(tar, f"../{SITE}/climb-1.0.dist-info/METADATA", _metadata("climb", "1.0"))
    _add(tar, f"/{SITE}/absolute-1.0.dist-info/METADATA", _metadata("absolute", "1.0"))
    _add(tar, f"{SITE}/a/../../../../../etc/dots-1.0.dist-info/METADATA", _metadata("dots", "1.0"))
    _add(tar, "usr/lib/escape", type=tarfile.SYMTYPE, linkname="../../../../etc/passwd")
    _add(tar, "usr/lib/hard", type=tarfile.LNKTYPE, linkname="../../etc/shadow")
    _add(tar, "dev/sda", type=tarfile.BLKTYPE, devmajor=8, devminor=0)
    _add(tar, "dev/pipe", type=tarfile.FIFOTYPE)
    _add(tar, "usr/bin/python", type=tarfile.SYMTYPE, linkname="/usr/bin/python3.11")  # absolute: inside the image
    _add(tar, f"{SITE}/good-1.0.dist-info/METADATA", _metadata("good", "1.0"))


def test_traversal_links_and_devices_refused_and_the_rest_scanned(tmp_path):
    later = _layer(lambda t: _add(t, f"{SITE}/after-2.0.dist-info/METADATA", _metadata("after", "2.0")))
    result = _scan(_archive(tmp_path / "evil.tar", [_layer(_hostile_entries), later]))
    assert _names(result) == {"good", "after"}
    reasons = [e.message for e in result.errors]
    for why in ("absolute path", "path with '..'", "symlink leads outside the image",
                "hard link leads outside the image", "device file or FIFO"):
        assert any(why in r for r in reasons), (why, reasons)
    assert sum("refused" in r for r in reasons) == 7  # the symlink to an absolute target is not one of them
    assert all(e.file == "evil.tar" and "layer 1" in e.message for e in result.errors)
    assert not any("passwd" in r or "shadow" in r for r in reasons)  # names of entries, never link targets


def _zeros(n: int):
    class Zeros(io.RawIOBase):
        left = n

        def readable(self):
            return True

        def readinto(self, b):
            k = min(len(b), self.left)
            b[:k] = bytes(k)
            self.left -= k
            return k
    return io.BufferedReader(Zeros(), 1 << 20)


def _bomb(tar: tarfile.TarFile) -> None:
    _add(tar, f"{SITE}/before-1.0.dist-info/METADATA", _metadata("before", "1.0"))
    info = tarfile.TarInfo("zeros.bin")
    info.size = layers.RATIO_FLOOR + 16 * 1024 * 1024
    tar.addfile(info, _zeros(info.size))
    _add(tar, f"{SITE}/hidden-1.0.dist-info/METADATA", _metadata("hidden", "1.0"))


def test_gzip_bomb_stops_its_layer_and_the_next_layer_is_scanned(tmp_path):
    bomb = _layer(_bomb)
    assert len(bomb) < (layers.RATIO_FLOOR // layers.RATIO)  # a real bomb: over 100x
    later = _layer(lambda t: _add(t, f"{SITE}/after-2.0.dist-info/METADATA", _metadata("after", "2.0")))
    result = _scan(_archive(tmp_path / "bomb.tar", [bomb, later]))
    assert _names(result) == {"before", "after"}  # read before the bomb went off, and the next layer
    assert any("decompression bomb" in e.message and "100 times" in e.message and "layer 1" in e.message
               for e in result.errors)


def test_image_decompression_budget(tmp_path):
    import os
    noise = os.urandom(2 * 1024 * 1024)
    first = _layer(lambda t: _add(t, f"{SITE}/small-1.0.dist-info/METADATA", _metadata("small", "1.0")))
    big = _layer(lambda t: (_add(t, "noise.bin", noise),
                            _add(t, f"{SITE}/late-1.0.dist-info/METADATA", _metadata("late", "1.0"))))
    result = _scan(_archive(tmp_path / "big.tar", [first, big]), Limits(decompressed_bytes=1024 * 1024))
    assert _names(result) == {"small"}
    assert any("decompressed_bytes" in e.message and "layer 2" in e.message for e in result.errors)


def test_broken_image_is_one_error_and_the_scan_goes_on(tmp_path):
    (tmp_path / "a").mkdir()
    with tarfile.open(tmp_path / "a/broken.tar", "w") as tar:
        _add(tar, "manifest.json", b"{not json")
    layout = tmp_path / "b"
    (layout / "blobs/sha256").mkdir(parents=True)
    (layout / "oci-layout").write_text('{"imageLayoutVersion": "1.0.0"}')
    (layout / "index.json").write_text(json.dumps({"manifests": [
        {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": "sha256:../../../etc/passwd"}]}))
    _archive(tmp_path / "c.tar", [_layer(lambda t: _add(t, f"{SITE}/ok-1.0.dist-info/METADATA",
                                                             _metadata("ok", "1.0")))])
    with tarfile.open(tmp_path / "plain.tar", "w") as tar:  # a tar that is not an image: passed over
        _add(tar, "README", b"x" * 600)
    result = _scan(tmp_path)
    assert _names(result) == {"ok"}
    by_file = {e.file: e.message for e in result.errors}
    assert "manifest.json is not valid JSON" in by_file["a/broken.tar"]
    assert "not a sha256/sha512 digest" in by_file["b"]
    assert "plain.tar" not in by_file


def test_truncated_layer_is_an_error(tmp_path):
    good = _layer(lambda t: _add(t, f"{SITE}/ok-1.0.dist-info/METADATA", _metadata("ok", "1.0")))
    result = _scan(_archive(tmp_path / "t.tar", [good[: len(good) // 2], good]))
    assert _names(result) == {"ok"}
    assert any("layer 1" in e.message and "not a readable tar" in e.message for e in result.errors)


KEYS = {name: "sk-proj-" + hashlib.sha256(name.encode()).hexdigest()[:40] + "T3BlbkFJ" +
        hashlib.sha256(name.encode() + b"2").hexdigest()[:40] for name in ("main", "cfg", "inner", "old")}


def _code(name: str) -> bytes:
    return f'from openai import OpenAI\nclient = OpenAI(api_key="{KEYS[name]}")\n'.encode()


def test_application_folder_links_are_never_followed_and_later_layers_win(tmp_path):
    """Layer 1 writes four files under /app; layer 2 puts a symlink (to /etc/passwd) where cfg.py was, a hard
    link beside it, a folder where the file `swap` was, and a file where the folder `old` was: only what the
    final image holds is read, no link is followed, and nothing of the image is left on disk."""
    import os
    import tempfile

    first = _layer(lambda t: (_add(t, "app/main.py", _code("main")), _add(t, "app/cfg.py", _code("cfg")),
                              _add(t, "app/swap", b"a file, later a folder"), _add(t, "app/old/x.py", _code("old"))))
    second = _layer(lambda t: (_add(t, "app/cfg.py", type=tarfile.SYMTYPE, linkname="/etc/passwd"),
                               _add(t, "app/hard.py", type=tarfile.LNKTYPE, linkname="app/main.py"),
                               _add(t, "app/swap/inner.py", _code("inner")),
                               _add(t, "app/old", b"now a file")))
    before = {n for n in os.listdir(tempfile.gettempdir()) if n.startswith("aispm-image-")}
    result = _scan(_archive(tmp_path / "app.tar", [first, second]))
    assert {n for n in os.listdir(tempfile.gettempdir()) if n.startswith("aispm-image-")} <= before
    assert not result.errors, result.errors
    paths = {a.properties["path"] for a in result.assets if a.type == "secret"}
    assert paths == {"/app/main.py", "/app/swap/inner.py"}


def test_application_files_over_the_size_limit_are_an_error(tmp_path):
    big = b"# padding\n" * 20_000 + _code("main")
    result = scan([_archive(tmp_path / "big.tar", [_layer(lambda t: (_add(t, "app/big.py", big),
                                                                     _add(t, "app/small.py", _code("cfg"))))])],
                  ScanOptions(frameworks=("oci-image",), vulnerabilities=False, max_file_size=100_000))
    assert {a.properties["path"] for a in result.assets if a.type == "secret"} == {"/app/small.py"}
    assert [e.message for e in result.errors] == ["image evil:1: 1 application files not read (over "
                                                  "--max-file-size, or past 256 MB of application files)"]


def test_json_nested_deeper_than_the_parser_goes_costs_only_itself(tmp_path):
    """A package.json and an image config nested 100,000 deep (Python's JSON reader recurses): each is one error,
    the other packages and images are read."""
    deep = b"[" * 100_000 + b"]" * 100_000
    good = _layer(lambda t: (_add(t, "app/node_modules/deep/package.json", deep),
                             _add(t, f"{SITE}/ok-1.0.dist-info/METADATA", _metadata("ok", "1.0"))))
    (tmp_path / "a").mkdir()
    _archive(tmp_path / "a/pkg.tar", [good])
    with tarfile.open(tmp_path / "config.tar", "w") as tar:
        _add(tar, "config.json", deep)
        _add(tar, "manifest.json", json.dumps([{"Config": "config.json", "Layers": []}]).encode())
    result = _scan(tmp_path)
    assert _names(result) == {"ok"}
    messages = {e.file: e.message for e in result.errors}
    assert "node_modules/deep/package.json" in messages["a/pkg.tar"]
    assert "nested deeper than a JSON reader goes" in messages["config.tar"]
