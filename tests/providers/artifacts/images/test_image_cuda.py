"""CUDA, cuDNN and driver versions of a real image (umoci), as NVIDIA's base images declare them: the toolkit's
`version.json`, the dpkg packages, and `ENV`. They are facts of the image and properties of its CycloneDX
component; an image that only sets `ENV` still gets them, and an image without CUDA gets none."""

from __future__ import annotations

import json

import pytest
from image_tools import need, run

from aispm.report import cyclonedx
from aispm.scan import ScanOptions, scan

STATUS = """\
Package: cuda-cudart-12-4
Status: install ok installed
Architecture: amd64
Version: 12.4.127-1

Package: libcudnn9-cuda-12
Status: install ok installed
Architecture: amd64
Version: 9.1.0.70-1

Package: libnvidia-compute-550
Status: install ok installed
Architecture: amd64
Version: 550.54.15-0ubuntu1
"""
REQUIRE = "cuda>=12.4 brand=tesla,driver>=470,driver<471"


@pytest.fixture(scope="module")
def layout(tmp_path_factory: pytest.TempPathFactory):
    need("umoci")
    base = tmp_path_factory.mktemp("cuda")
    layout, bundle = base / "layout", base / "bundle"
    run("umoci", "init", "--layout", layout)
    run("umoci", "new", "--image", f"{layout}:plain")
    run("umoci", "new", "--image", f"{layout}:gpu")
    run("umoci", "unpack", "--image", f"{layout}:gpu", bundle)
    root = bundle / "rootfs"
    (root / "etc").mkdir(exist_ok=True)
    (root / "etc/os-release").write_text("ID=ubuntu\n")
    (root / "var/lib/dpkg").mkdir(parents=True)
    (root / "var/lib/dpkg/status").write_text(STATUS)
    (root / "usr/local/cuda-12.4").mkdir(parents=True)
    (root / "usr/local/cuda-12.4/version.json").write_text(json.dumps({"cuda": {"name": "CUDA SDK",
                                                                                 "version": "12.4.1"}}))
    (root / "usr/local/cuda").symlink_to("cuda-12.4")
    run("umoci", "repack", "--image", f"{layout}:gpu", bundle)
    run("umoci", "config", "--image", f"{layout}:gpu", "--config.env", "CUDA_VERSION=12.4.1",
        "--config.env", f"NVIDIA_REQUIRE_CUDA={REQUIRE}", "--config.env", "NV_CUDNN_VERSION=9.1.0.70-1")
    run("umoci", "config", "--image", f"{layout}:plain", "--tag", "envonly", "--config.env", "CUDA_VERSION=11.8.0",
        "--config.env", "NV_CUDNN_VERSION=8.9.0.131-1")
    return layout


def _images(layout):
    result = scan([layout], ScanOptions(frameworks=("oci-image",)))
    assert not result.errors, result.errors
    return result, {a.name: a for a in result.assets if a.type == "oci-image"}


def test_cuda_stack_from_files_packages_and_env(layout):
    result, images = _images(layout)
    gpu = images["gpu"]
    assert gpu.facts["cuda_version"] == "12.4.1"  # the toolkit's version.json, over the package and ENV
    assert gpu.evidence["cuda_version"].value == "/usr/local/cuda-12.4/version.json"
    assert gpu.facts["cudnn_version"] == "9.1.0.70" and gpu.evidence["cudnn_version"].value == "package libcudnn9-cuda-12"
    assert gpu.facts["nvidia_driver_version"] == "550.54.15"
    assert gpu.facts["cuda_requirement"] == REQUIRE
    env_only = images["envonly"]
    assert env_only.facts["cuda_version"] == "11.8.0" and env_only.facts["cudnn_version"] == "8.9.0.131"
    assert "cuda_version" not in images["plain"].facts


def test_cuda_versions_are_properties_of_the_image_in_cyclonedx(layout):
    result, images = _images(layout)
    bom = json.loads(cyclonedx.render(result))
    comp = next(c for c in bom["components"] if c["bom-ref"] == images["gpu"].uid)
    props = {p["name"]: p["value"] for p in comp.get("properties", [])}
    assert props["aispm:fact:cuda_version"] == "12.4.1"
    assert props["aispm:fact:cudnn_version"] == "9.1.0.70"
    assert props["aispm:fact:cuda_requirement"] == REQUIRE
