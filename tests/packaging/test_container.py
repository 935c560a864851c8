"""The Containerfile builds from what the repository has: every COPY names a file or folder that
exists, the dependencies are the lock file's, the image runs aispm as an unprivileged user. A real
build and a scan inside the image are `.ci/container`'s job where buildah or podman can run; where
none can (no builder, no access to the base image's registry), that script says so and succeeds."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from dockerfile_parse import DockerfileParser

ROOT = Path(__file__).resolve().parents[2]


def _instructions() -> list[dict]:
    with open(ROOT / "Containerfile", "rb") as fh:  # (its `path` form wants a file named Dockerfile)
        return DockerfileParser(fileobj=fh).structure


def test_the_base_is_a_slim_python_of_a_supported_version() -> None:
    froms = [i["value"] for i in _instructions() if i["instruction"] == "FROM"]
    assert len(froms) == 1
    image = froms[0]
    assert image.startswith("docker.io/library/python:3.1") and "slim" in image
    minor = int(image.split(":")[1].split(".")[1].split("-")[0])
    assert minor >= 11  # pyproject: requires-python >= 3.11


def test_every_copy_source_exists_and_the_lock_is_installed() -> None:
    copies = [i["value"].split() for i in _instructions() if i["instruction"] == "COPY"]
    assert copies
    copied = set()
    for parts in copies:
        assert not any(p.startswith("--from") for p in parts)
        *sources, _dest = parts
        for src in sources:
            assert (ROOT / src).exists(), f"COPY {src}: not in the repository"
            copied.add(src)
    assert {"requirements.lock", "pyproject.toml", "README.md", "src"} <= copied  # README: pyproject's readme
    runs = " ".join(i["value"] for i in _instructions() if i["instruction"] == "RUN")
    assert "pip install -r requirements.lock" in runs
    assert "pip install --no-deps ." in runs  # aispm itself, without re-resolving what the lock pinned


def test_it_runs_aispm_as_an_unprivileged_user() -> None:
    users = [i["value"].strip() for i in _instructions() if i["instruction"] == "USER"]
    assert users and users[-1] not in ("root", "0", "0:0")
    entry = [i["value"] for i in _instructions() if i["instruction"] == "ENTRYPOINT"]
    assert json.loads(entry[-1]) == ["aispm"]  # exec form: signals reach aispm, arguments follow


def test_the_smoke_script_skips_saying_why_where_no_builder_runs(tmp_path: Path) -> None:
    tools = tmp_path / "bin"  # a PATH with the shell tools the script uses and no podman or buildah
    tools.mkdir()
    for tool in ("bash", "sed", "head", "timeout", "dirname"):
        os.symlink(shutil.which(tool), tools / tool)
    proc = subprocess.run([str(ROOT / ".ci" / "container")], env={"PATH": str(tools)}, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("container smoke test skipped: neither podman nor buildah")
