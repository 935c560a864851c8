"""`aispm scan --platform`: a multi-platform image is read for the platform asked (linux/amd64 by default), whether
its layout lists the platforms' manifests directly in `index.json` or through a nested OCI index or docker
manifest list. The two manifests are real: umoci builds them (one image per architecture, each with a different
user so the two reads are told apart by a rule's verdict)."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from aispm.cli import main

from image_tools import need as _need
from image_tools import run as _run

DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json"


@pytest.fixture(scope="module")
def two_platforms(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """The descriptors of two real image manifests in one layout: amd64 runs as root, arm64/v8 as uid 1000."""
    _need("umoci")
    layout = tmp_path_factory.mktemp("platforms") / "layout"
    _run("umoci", "init", "--layout", layout)
    _run("umoci", "new", "--image", f"{layout}:amd")
    _run("umoci", "config", "--image", f"{layout}:amd", "--os", "linux", "--architecture", "amd64",
         "--config.user", "0")
    _run("umoci", "new", "--image", f"{layout}:arm")
    _run("umoci", "config", "--image", f"{layout}:arm", "--os", "linux", "--architecture", "arm64",
         "--config.user", "1000")
    index = json.loads((layout / "index.json").read_text())
    by_tag = {m["annotations"]["org.opencontainers.image.ref.name"]: m for m in index["manifests"]}
    return {"layout": layout, "amd": by_tag["amd"], "arm": by_tag["arm"]}  # type: ignore[dict-item]


def _entry(desc: dict, arch: str, variant: str | None = None, name: str | None = "multi") -> dict:
    platform = {"os": "linux", "architecture": arch, **({"variant": variant} if variant else {})}
    out = {k: v for k, v in desc.items() if k != "annotations"}
    out["platform"] = platform
    if name:
        out["annotations"] = {"org.opencontainers.image.ref.name": name}
    return out


def _flat(built: dict, dest: Path) -> Path:
    """index.json listing both platforms' manifests directly (as `skopeo copy --all` to `oci:` does)."""
    shutil.copytree(built["layout"], dest)
    index = json.loads((dest / "index.json").read_text())
    index["manifests"] = [_entry(built["amd"], "amd64"), _entry(built["arm"], "arm64", "v8")]
    (dest / "index.json").write_text(json.dumps(index))
    return dest


def _nested(built: dict, dest: Path, media_type: str) -> Path:
    """index.json → a nested index (an OCI index or a docker manifest list) → the two manifests."""
    shutil.copytree(built["layout"], dest)
    nested = {"schemaVersion": 2, "mediaType": media_type,
              "manifests": [_entry(built["arm"], "arm64", "v8", None), _entry(built["amd"], "amd64", None, None)]}
    data = json.dumps(nested).encode()
    digest = hashlib.sha256(data).hexdigest()
    (dest / "blobs/sha256" / digest).write_bytes(data)
    index = json.loads((dest / "index.json").read_text())
    index["manifests"] = [{"mediaType": media_type, "digest": f"sha256:{digest}", "size": len(data),
                           "annotations": {"org.opencontainers.image.ref.name": "multi"}}]
    (dest / "index.json").write_text(json.dumps(index))
    return dest


def _cli(path: Path, *extra: str) -> tuple[int, dict]:
    res = CliRunner().invoke(main, ["scan", str(path), "--framework", "oci-image", "-f", "json", "-q", *extra])
    return res.exit_code, json.loads(res.stdout)


def _image(report: dict) -> dict:
    images = [a for a in report["assets"] if a["type"] == "oci-image"]
    assert len(images) == 1, images
    return images[0]


def _root_verdict(report: dict) -> str:
    uid = _image(report)["uid"]
    return next(f["status"] for f in report["findings"] if f["rule_id"] == "AISPM-ART-001" and f["asset_uid"] == uid)


@pytest.mark.parametrize("form", ["flat", "oci-index", "docker-manifest-list"])
def test_platform_option_chooses_the_manifest(two_platforms, tmp_path, form):
    dest = tmp_path / form
    if form == "flat":
        _flat(two_platforms, dest)
    else:
        _nested(two_platforms, dest, DOCKER_LIST if form == "docker-manifest-list"
                else "application/vnd.oci.image.index.v1+json")
    _code, default = _cli(dest)
    assert not default["errors"], default["errors"]
    assert _image(default)["properties"]["platform"] == "linux/amd64"
    assert _root_verdict(default) == "fail"  # the amd64 image runs as root
    _code, arm = _cli(dest, "--platform", "linux/arm64")
    assert not arm["errors"], arm["errors"]
    assert _image(arm)["properties"]["platform"] == "linux/arm64/v8"
    assert _root_verdict(arm) == "pass"  # the arm64 image runs as uid 1000
    code, missing = _cli(dest, "--platform", "linux/s390x")
    assert code == 1 and any("no linux/s390x image in the index" in e["message"] for e in missing["errors"])
    assert not [a for a in missing["assets"] if a["type"] == "oci-image"]


def test_a_platform_that_is_not_one_is_a_usage_error(two_platforms):
    res = CliRunner().invoke(main, ["scan", str(two_platforms["layout"]), "--platform", "linux amd64"])
    assert res.exit_code == 1 and "expected OS/ARCH" in res.output  # bad usage: exit 1
