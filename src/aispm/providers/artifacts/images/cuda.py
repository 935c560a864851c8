"""CUDA, cuDNN and NVIDIA driver versions of an image, from what the image itself says, strongest first.

A GPU image's CUDA stack decides which advisories (NVIDIA's CUDA and driver bulletins) and which hosts (the
driver its toolkit needs) apply; NVIDIA's base images say it three ways, and any of them may be missing:

| version | read from, strongest first |
|---|---|
| `cuda_version` | `usr/local/cuda*/version.json` (`cuda.version`), `version.txt` (`CUDA Version X`), the `cuda-cudart-*` or `cuda-toolkit-*` package, `ENV CUDA_VERSION` |
| `cudnn_version` | the `libcudnn*` package (`8.9.7.29-1+cuda12.2` → `8.9.7.29`), `ENV NV_CUDNN_VERSION` / `CUDNN_VERSION` |
| `nvidia_driver_version` | a driver library package (`libnvidia-compute-*`, `libcuda1`, `nvidia-driver*`); usually absent: the host mounts it |
| `cuda_requirement` | `ENV NVIDIA_REQUIRE_CUDA` (`cuda>=12.4 brand=tesla,driver>=470,driver<471 …`), as written |

`detect(files, packages, env)` takes the version files the layer walk kept (path → bytes), the OS packages
(name, version) and the config's CUDA variables, and returns `{name: (value, where)}`; the image source
puts them in the image's `cuda` property and `facts.py` makes them facts (so CycloneDX lists them as
`aispm:fact:*` properties of the image). Values are cut at 200 characters; nothing is judged here.
"""

from __future__ import annotations

import json
import re

#: The toolkit's own version files (`/usr/local/cuda` is usually a link to `/usr/local/cuda-12.4`).
_FILE = re.compile(r"^usr/local/cuda(?:-[0-9.]+)?/version\.(?:json|txt)$")
#: The config variables read (values are versions and requirements, never credentials).
ENV_NAMES = ("CUDA_VERSION", "NV_CUDNN_VERSION", "CUDNN_VERSION", "NVIDIA_REQUIRE_CUDA", "NV_CUDA_CUDART_VERSION")
_TXT = re.compile(r"CUDA Version\s+([0-9][0-9.]*)")
_CUDART = re.compile(r"^cuda-(?:cudart|toolkit|runtime)-[0-9]+-[0-9]+$")
_CUDNN = re.compile(r"^(?:lib)?cudnn[0-9]*(?:-cuda-[0-9]+)?$")
_DRIVER = re.compile(r"^(?:libnvidia-compute-[0-9]+|libcuda1|nvidia-driver(?:-[0-9]+)?|libnvidia-gl-[0-9]+)$")
MAX_VALUE = 200


def is_version_file(path: str) -> bool:
    return path.startswith("usr/local/cuda") and _FILE.match(path) is not None


def _upstream(version: str) -> str:
    """A package version's upstream part: `1:12.4.127-1` → `12.4.127`, `8.9.7.29-1+cuda12.2` → `8.9.7.29`."""
    v = version.split(":", 1)[-1]
    return v.rsplit("-", 1)[0] if "-" in v else v


def _from_files(files: dict[str, bytes]) -> tuple[str, str] | None:
    for path in sorted(files, key=lambda p: (not p.endswith(".json"), p)):
        text = files[path][:65536].decode("utf-8", "replace")
        if path.endswith(".json"):
            try:
                doc = json.loads(text)
            except (ValueError, RecursionError):  # RecursionError: nesting deeper than the parser goes
                continue
            cuda = doc.get("cuda") if isinstance(doc, dict) else None
            version = cuda.get("version") if isinstance(cuda, dict) else None
            if isinstance(version, str) and version.strip():
                return version.strip()[:MAX_VALUE], "/" + path
        else:
            m = _TXT.search(text)
            if m:
                return m.group(1)[:MAX_VALUE], "/" + path
    return None


def _package(packages: list[tuple[str, str]], pattern: re.Pattern[str]) -> tuple[str, str] | None:
    hits = sorted(((name, version) for name, version in packages if pattern.match(name)), reverse=True)
    if not hits:
        return None
    name, version = hits[0]
    return _upstream(version)[:MAX_VALUE], f"package {name}"


def detect(files: dict[str, bytes], packages: list[tuple[str, str]], env: dict[str, str]) -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    cuda = _from_files(files) or _package(packages, _CUDART)
    if cuda is None and env.get("CUDA_VERSION"):
        cuda = env["CUDA_VERSION"][:MAX_VALUE], "config.Env CUDA_VERSION"
    if cuda:
        out["cuda_version"] = cuda
    cudnn = _package(packages, _CUDNN)
    for name in ("NV_CUDNN_VERSION", "CUDNN_VERSION"):
        if cudnn is None and env.get(name):
            cudnn = _upstream(env[name])[:MAX_VALUE], f"config.Env {name}"
    if cudnn:
        out["cudnn_version"] = cudnn
    driver = _package(packages, _DRIVER)
    if driver:
        out["nvidia_driver_version"] = driver
    if env.get("NVIDIA_REQUIRE_CUDA"):
        out["cuda_requirement"] = env["NVIDIA_REQUIRE_CUDA"][:MAX_VALUE], "config.Env NVIDIA_REQUIRE_CUDA"
    return out
