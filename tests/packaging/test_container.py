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


def _pip_installs() -> list[str]:
    """Every `pip install` command of the RUN instructions, split at `&&`, `;`, `then`, `else`."""
    import re

    runs = [i["value"] for i in _instructions() if i["instruction"] == "RUN"]
    return [c.strip() for run in runs for c in re.split(r"&&|;|\bthen\b|\belse\b", run) if "pip install" in c]


def test_no_pip_install_resolves_outside_the_locks() -> None:
    """Each `pip install` installs a lock (`-r`), resolves under the lock's pins (`--constraint`), or installs
    without dependencies (`--no-deps`): the EXTRAS build arg installs the cloud SDKs at requirements-test.lock's
    versions, never whatever their dependencies resolve to that day."""
    installs = _pip_installs()
    assert len(installs) >= 3
    pinned = ("-r requirements.lock", "--constraint requirements-test.lock", "-c requirements-test.lock",
              "--no-deps")
    loose = [c for c in installs if not any(p in c for p in pinned)]
    assert not loose, f"pip installs resolving outside the locks: {loose}"
    extras = [c for c in installs if "EXTRAS" in c]
    assert extras and all("requirements-test.lock" in c for c in extras)
    copied = {src for i in _instructions() if i["instruction"] == "COPY" for src in i["value"].split()[:-1]}
    assert "requirements-test.lock" in copied


def test_the_constraints_lock_pins_every_extra_the_build_arg_names() -> None:
    """requirements-test.lock (the constraints of an EXTRAS build) pins each aws/azure/gcp requirement of
    pyproject.toml at its version, so `--constraint` leaves pip nothing of them to choose."""
    import re
    import tomllib

    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    pins = {}
    for line in (ROOT / "requirements-test.lock").read_text().splitlines():
        if "==" in line and not line.startswith(("#", " ", "-")):
            name, _, version = line.split(";")[0].strip().partition("==")
            pins[re.sub(r"[-_.]+", "-", name).lower()] = version
    for group in ("aws", "azure", "gcp"):
        assert extras[group]
        for req in extras[group]:
            name, _, version = req.partition("==")
            assert pins.get(re.sub(r"[-_.]+", "-", name.split("[")[0]).lower()) == version, (group, req)


def _pin_check() -> str:
    """The Python the image runs after its installs to refuse any distribution the locks do not pin."""
    import re

    runs = [i["value"] for i in _instructions() if i["instruction"] == "RUN"]
    checks = [m.group(1) for run in runs if (m := re.fullmatch(r"\S*python -c '(.*)'", run.strip(), re.S))]
    assert len(checks) == 1, "the image checks its installed distributions against the locks once"
    last_install = max(i for i, run in enumerate(runs) if "pip install" in run)
    assert runs.index(next(r for r in runs if checks[0] in r)) > last_install  # after every install
    return checks[0]


def test_the_build_fails_when_a_distribution_is_not_pinned_by_the_locks(tmp_path: Path) -> None:
    """The image's own check, run here on this environment: locks pinning exactly what is installed pass;
    drop one pin or change its version and the check fails naming it."""
    import importlib.metadata as md
    import sys

    installed = sorted({(d.name, d.version) for d in md.distributions()
                        if d.name and d.name.lower() not in ("aispm", "pip", "setuptools")})
    assert len(installed) > 5
    code = _pin_check()

    def check(lines: list[str]) -> subprocess.CompletedProcess:
        (tmp_path / "requirements.lock").write_text("# compiled\n" + "\n".join(lines[: len(lines) // 2]) + "\n")
        (tmp_path / "requirements-test.lock").write_text("\n".join(lines[len(lines) // 2:]) + "\n    # via x\n")
        return subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                              timeout=120)

    pins = [f"{name}=={version}" for name, version in installed]
    ok = check(pins)
    assert ok.returncode == 0, ok.stderr
    (name, version), rest = installed[0], pins[1:]
    missing = check(rest)
    assert missing.returncode != 0 and f"{name}=={version}" in missing.stderr
    other = check([f"{name}==0.0.0.dev0", *rest])
    assert other.returncode != 0 and f"{name}=={version}" in other.stderr


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
