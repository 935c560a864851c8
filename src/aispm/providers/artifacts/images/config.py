"""An image's config, read as the runtime would run it: user, environment, ports, entrypoint and command.

`read_config(config)` returns the `oci-image` asset's properties (`user`, `exposed_ports`, `entrypoint`, `cmd`,
`env_names` — names only, never values, but for the CUDA version variables kept in `cuda_env` — and
`model_server`, `model_server_authentication`) and the
credentials found in `Env` (`LiteralSecret`s, values kept in memory only to be turned into redacted secret
assets). Environment values are matched by the one secret detector (`aispm.formats.secrets.literal_secrets`:
known key shapes anywhere, any literal under a credential name such as `OPENAI_API_KEY`).

A model server is recognised from the argv the image runs (entrypoint + command; `sh -c "..."` split
with `shlex`) and whether it asks its callers to authenticate from that argv and the `Env` names, by the
table and rules shared with Kubernetes workloads (`aispm.providers.artifacts.servers`: vLLM, Ollama, Text
Generation Inference, Triton, TorchServe, Ray Serve, the llama.cpp server and llama-cpp-python's, the
LiteLLM proxy, MCP servers). An image's `Env` is read whole, so a server without its key variable is
judged open (false), as the image would run; the config carries no repository, so only the argv names
the server.
"""

from __future__ import annotations

from typing import Any

from aispm.formats.secrets import LiteralSecret, literal_secrets, scrub_command
from aispm.providers.artifacts import servers

from .cuda import ENV_NAMES as CUDA_ENV_NAMES

MAX_ARGV = 200
MAX_ENV = 1000


def _strings(value: Any, most: int = MAX_ARGV) -> list[str]:
    return [v for v in value[:most] if isinstance(v, str)] if isinstance(value, list) else []


def argv(entrypoint: list[str], cmd: list[str]) -> list[str]:
    """What the container runs; a shell form (`sh -c "a b"`) is split into its words."""
    return servers.words(entrypoint, cmd)


def read_config(config: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[str, LiteralSecret]]]:
    c = config.get("config") if isinstance(config.get("config"), dict) else {}
    user = c.get("User") if isinstance(c.get("User"), str) else ""
    entrypoint, cmd = _strings(c.get("Entrypoint")), _strings(c.get("Cmd"))
    env: list[tuple[str, str]] = []
    for item in _strings(c.get("Env"), MAX_ENV):
        name, _, value = item.partition("=")
        env.append((name, value))
    ports = sorted(p for p in (c.get("ExposedPorts") or {}) if isinstance(p, str)) \
        if isinstance(c.get("ExposedPorts"), dict) else []
    words = argv(entrypoint, cmd)
    secrets = [(name, hit) for name, value in env for hit in literal_secrets(value, name)]
    env_names = {n for n, _ in env}
    props: dict[str, Any] = {
        "user": user,
        "exposed_ports": ports,
        "entrypoint": scrub_command(entrypoint),
        "cmd": scrub_command(cmd),
        "env_names": sorted(env_names),
        "os": config.get("os") if isinstance(config.get("os"), str) else None,
        "architecture": config.get("architecture") if isinstance(config.get("architecture"), str) else None,
    }
    cuda_env = {n: v[:200] for n, v in env if n in CUDA_ENV_NAMES and v}
    if cuda_env:
        props["cuda_env"] = cuda_env  # versions and requirements (`cuda.py`), never credentials
    server = servers.recognise("", words)
    if server:
        props["model_server"] = server.name
        props["model_server_authentication"] = servers.authentication(server.name, words, env_names)[0]
    return props, secrets
