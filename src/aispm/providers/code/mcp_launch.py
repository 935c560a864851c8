"""What a stdio MCP server's command fetches when it starts, and whether it names an exact version.

`analyse_launch(command, args)` reads the launchers that download a package at every start (`npx`,
`bunx`, `pnpm dlx`, `yarn dlx`, `npm exec`, `uvx`, `uv tool run`, `pipx run`, `docker run`,
`podman run`) and says which package or image is fetched and whether it is pinned: an exact npm or
PEP 440 version, a git commit, an image digest (a version tag is pinned, with a note that tags can
move). A local program fetches nothing. Only the command line is read; nothing is resolved
against a registry. A package or image spec longer than `MAX_SPEC` characters is not a spec: it is
reported as such, and no pattern runs over it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from aispm.formats.text import clip

#: Characters a package or image spec may have (the longest real ones are git URLs with a commit).
MAX_SPEC = 1000
_SEMVER = re.compile(r"^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.\-]+)?(?:\+[0-9A-Za-z.\-]+)?$")
_PEP440_EXACT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._\-]*(?:\[[^\]]*\])?===?\s*[0-9][0-9A-Za-z.+!\-]*$")
_NPM_LAUNCHERS = {"npx", "bunx", "pnpx"}
_DLX = {"pnpm", "yarn", "bun"}  # `pnpm dlx pkg`, `yarn dlx pkg`, `bun x pkg`
_NPX_VALUE_FLAGS = {"-p", "--package", "-c", "--call", "--registry", "--cache", "--userconfig"}
_UV_VALUE_FLAGS = {"--from", "--with", "-w", "--python", "-p", "--index", "--index-url", "--extra-index-url",
                   "--with-requirements", "--directory", "--project", "--env-file"}
_DOCKER_VALUE_FLAGS = {"-e", "--env", "-v", "--volume", "--name", "--network", "--net", "-p", "--publish", "--mount",
                       "--env-file", "-w", "--workdir", "-u", "--user", "--entrypoint", "-l", "--label", "--platform",
                       "--add-host", "--cpus", "-m", "--memory", "--pull", "--restart", "--hostname", "-h",
                       "--cap-add", "--cap-drop", "--security-opt", "--device", "--ulimit", "--log-driver", "--ipc",
                       "--pid", "--shm-size", "--tmpfs", "--dns", "--expose", "--gpus", "--runtime", "--stop-signal"}


@dataclass
class Launch:
    launcher: str | None = None  # npx, uvx, pipx, docker, ...; None: a local program
    package: str | None = None  # the package / image spec as written
    pinned: bool | None = None
    note: str | None = None


def _npm_pinned(spec: str) -> tuple[bool | None, str]:
    if len(spec) > MAX_SPEC:
        return None, f"a package spec of {len(spec):,} characters: not read"
    if spec.startswith((".", "/", "file:", "~")):
        return None, "local path, no registry package"
    if spec.startswith(("git+", "github:", "git:", "https://", "http://")):
        pinned = bool(re.search(r"#[0-9a-f]{40}$", spec))
        return pinned, "git dependency pinned to a commit" if pinned else "git dependency without a commit hash"
    body = spec[1:] if spec.startswith("@") else spec
    if "@" not in body:
        return False, "no version: the registry's latest is fetched at every start"
    version = body.rsplit("@", 1)[1]
    if _SEMVER.match(version):
        return True, f"exact version {version}"
    return False, f"version {clip(version)} is a tag or a range, not an exact version"


def _first_positional(args: list[str], value_flags: set[str]) -> tuple[int | None, str | None]:
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--":
            return (i + 1, args[i + 1]) if i + 1 < len(args) else (None, None)
        if a.startswith("-"):
            if a in value_flags:
                i += 2
                continue
            i += 1
            continue
        return i, a
    return None, None


def _flag_value(args: list[str], names: set[str]) -> str | None:
    for i, a in enumerate(args):
        if a in names and i + 1 < len(args):
            return args[i + 1]
        for n in names:
            if a.startswith(n + "="):
                return a.split("=", 1)[1]
    return None


def analyse_launch(command: str | None, args: list[str]) -> Launch:
    """Which package a stdio server's command fetches and whether it names an exact version."""
    parts = command.split() if command else []
    if not parts:  # no command, or only blanks
        return Launch()
    prog = Path(parts[0]).name.lower()
    if prog.endswith(".exe") or prog.endswith(".cmd"):
        prog = prog.rsplit(".", 1)[0]
    args = [*parts[1:], *[a for a in args if isinstance(a, str)]]
    if prog in _DLX and args and args[0] in ("dlx", "x"):
        prog, args = "npx", args[1:]
    if prog in _NPM_LAUNCHERS or (prog == "npm" and args[:1] == ["exec"]):
        if prog == "npm":
            args = args[1:]
        spec = _flag_value(args, {"-p", "--package"})
        if spec is None:
            _, spec = _first_positional(args, _NPX_VALUE_FLAGS)
        if spec is None:
            return Launch("npx", None, None, "no package named")
        pinned, note = _npm_pinned(spec)
        return Launch("npx", spec if len(spec) <= MAX_SPEC else None, pinned, note)
    if prog in ("uvx",) or (prog == "uv" and args[:2] == ["tool", "run"]):
        if prog == "uv":
            args = args[2:]
        spec = _flag_value(args, {"--from"})
        if spec is None:
            _, spec = _first_positional(args, _UV_VALUE_FLAGS)
        return Launch("uvx", _spec(spec), *_py_pinned(spec))
    if prog == "pipx" and args[:1] == ["run"]:
        args = args[1:]
        spec = _flag_value(args, {"--spec"})
        if spec is None:
            _, spec = _first_positional(args, {"--spec", "--python", "--pip-args"})
        return Launch("pipx", _spec(spec), *_py_pinned(spec))
    if prog in ("docker", "podman") and args[:1] == ["run"]:
        _, image = _first_positional(args[1:], _DOCKER_VALUE_FLAGS)
        if image is None:
            return Launch("docker", None, None, "no image named")
        if len(image) > MAX_SPEC:
            return Launch("docker", None, None, f"an image name of {len(image):,} characters: not read")
        if "@sha256:" in image:
            return Launch("docker", image, True, "image pinned by digest")
        last = image.rsplit("/", 1)[-1]
        if ":" not in last:
            return Launch("docker", image, False, "no tag: `latest` is pulled")
        tag = last.rsplit(":", 1)[1]
        if tag in ("latest", "main", "master", "edge", "nightly", "dev", "stable"):
            return Launch("docker", image, False, f"moving tag `{tag}`")
        return Launch("docker", image, True, f"version tag `{tag}` (tags can be moved; a digest cannot)")
    return Launch(None, None, None, "local program: no package fetched at start")


def _spec(spec: str | None) -> str | None:
    return spec if spec is None or len(spec) <= MAX_SPEC else None


def _py_pinned(spec: str | None) -> tuple[bool | None, str]:
    if not spec:
        return None, "no package named"
    if len(spec) > MAX_SPEC:
        return None, f"a package spec of {len(spec):,} characters: not read"
    if spec.startswith((".", "/", "~")) or spec.startswith("file:"):
        return None, "local path, no registry package"
    if spec.startswith("git+"):
        pinned = bool(re.search(r"@[0-9a-f]{40}(?:#.*)?$", spec))
        return pinned, "git dependency pinned to a commit" if pinned else "git dependency without a commit hash"
    if _PEP440_EXACT.match(spec) and "*" not in spec:
        return True, "exact version"
    m = re.match(r"^[A-Za-z0-9][A-Za-z0-9._\-]*(?:\[[^\]]*\])?@(.+)$", spec)
    if m:
        v = m.group(1)
        if re.match(r"^\d[0-9A-Za-z.+!\-]*$", v):
            return True, f"exact version {v}"
        return False, f"version {clip(v)} is not exact"
    return False, "no exact version (`==x.y.z`): the index's newest release is fetched"
