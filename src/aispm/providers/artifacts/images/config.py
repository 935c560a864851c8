"""An image's config, read as the runtime would run it: user, environment, ports, entrypoint and command.

`read_config(config)` returns the `oci-image` asset's properties (`user`, `exposed_ports`, `entrypoint`, `cmd`,
`env_names` — names only, never values, but for the CUDA version variables kept in `cuda_env` — and
`model_server`, `model_server_authentication`) and the
credentials found in `Env` (`LiteralSecret`s, values kept in memory only to be turned into redacted secret
assets). Environment values are matched by the one secret detector (`aispm.formats.secrets.literal_secrets`:
known key shapes anywhere, any literal under a credential name such as `OPENAI_API_KEY`).

A model server is recognised from the argv the image runs (entrypoint + command; `sh -c "..."` split
with `shlex`): vLLM, Ollama, Text Generation Inference, Triton, TorchServe, Ray Serve, the llama.cpp
server (and llama-cpp-python's), the LiteLLM proxy and MCP servers. Whether it asks its callers to
authenticate is what its command (or environment) says, per server:

| server | authenticated when | otherwise |
|---|---|---|
| vLLM | `--api-key` or `VLLM_API_KEY` | false (no auth by default) |
| llama.cpp / llama-cpp-python | `--api-key`, `--api-key-file`, `LLAMA_API_KEY` | false |
| TGI | `--api-key` | false |
| Triton | `--http-restricted-api` / `--grpc-restricted-protocol` | false (no built-in auth) |
| Ollama, Ray Serve | never (no built-in auth) | false |
| TorchServe | — | false with `--disable-token-auth`, else unknown (token auth is on from 0.11) |
| LiteLLM proxy | `LITELLM_MASTER_KEY` | unknown (the master key may be in its config file) |
| MCP server | — | unknown |
"""

from __future__ import annotations

import shlex
from typing import Any

from aispm.formats.secrets import LiteralSecret, literal_secrets, redact

from .cuda import ENV_NAMES as CUDA_ENV_NAMES

MAX_ARGV = 200
MAX_ENV = 1000


def _strings(value: Any, most: int = MAX_ARGV) -> list[str]:
    return [v for v in value[:most] if isinstance(v, str)] if isinstance(value, list) else []


def argv(entrypoint: list[str], cmd: list[str]) -> list[str]:
    """What the container runs; a shell form (`sh -c "a b"`) is split into its words."""
    words = [*entrypoint, *cmd]
    for i, w in enumerate(words[:-1]):
        if w == "-c" and i > 0 and words[i - 1].rsplit("/", 1)[-1] in ("sh", "bash", "ash", "dash"):
            try:
                return words[:i - 1] + shlex.split(words[i + 1][:10_000])[:MAX_ARGV]
            except ValueError:
                return words
    return words


def _base(word: str) -> str:
    return word.rsplit("/", 1)[-1].lower()


def model_server(words: list[str]) -> str | None:
    bases = [_base(w) for w in words]
    joined = " ".join(words).lower()
    if "vllm" in bases and "serve" in bases or "vllm.entrypoints" in joined:
        return "vllm"
    if "ollama" in bases:
        return "ollama"
    if any(b in ("text-generation-launcher", "text-generation-router") for b in bases):
        return "tgi"
    if "tritonserver" in bases:
        return "triton"
    if "torchserve" in bases:
        return "torchserve"
    if "llama-server" in bases or "llama_cpp.server" in joined or "llama.cpp" in joined and "server" in bases:
        return "llama.cpp"
    if "litellm" in bases or "litellm.proxy" in joined:
        return "litellm-proxy"
    if bases[:1] == ["serve"] and len(bases) > 1 and bases[1] in ("run", "deploy") \
            or "ray" in bases and "serve" in bases:
        return "ray-serve"
    if "mcp-server" in joined or "@modelcontextprotocol/server-" in joined or "mcp_server" in joined \
            or "fastmcp" in bases:
        return "mcp-server"
    return None


def _flag(words: list[str], *names: str) -> bool:
    return any(w == n or w.startswith(n + "=") for w in words for n in names)


def authentication(server: str, words: list[str], env_names: set[str]) -> bool | None:
    if server == "vllm":
        return _flag(words, "--api-key") or "VLLM_API_KEY" in env_names
    if server == "llama.cpp":
        return _flag(words, "--api-key", "--api-key-file") or "LLAMA_API_KEY" in env_names
    if server == "tgi":
        return _flag(words, "--api-key")
    if server == "triton":
        return _flag(words, "--http-restricted-api", "--grpc-restricted-protocol")
    if server in ("ollama", "ray-serve"):
        return False
    if server == "torchserve":
        return False if _flag(words, "--disable-token-auth") else None
    if server == "litellm-proxy":
        return True if "LITELLM_MASTER_KEY" in env_names else None
    return None


_SECRET_FLAGS = ("--api-key", "--token", "--password", "--master-key", "--auth-token", "--hf-token")


def scrubbed(words: list[str]) -> list[str]:
    """Words with the value of a credential flag (`--api-key X`, `--api-key=X`) redacted: a key passed on the
    command line is kept as its redacted form only (the last pass, `sanitize.py`, only knows key shapes)."""
    out = []
    for i, w in enumerate(words):
        flag, eq, value = w.partition("=")
        if eq and flag in _SECRET_FLAGS and value:
            w = f"{flag}={redact(value)}"
        elif i > 0 and words[i - 1] in _SECRET_FLAGS:
            w = redact(w)
        out.append(w)
    return out


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
        "entrypoint": scrubbed(entrypoint),
        "cmd": scrubbed(cmd),
        "env_names": sorted(env_names),
        "os": config.get("os") if isinstance(config.get("os"), str) else None,
        "architecture": config.get("architecture") if isinstance(config.get("architecture"), str) else None,
    }
    cuda_env = {n: v[:200] for n, v in env if n in CUDA_ENV_NAMES and v}
    if cuda_env:
        props["cuda_env"] = cuda_env  # versions and requirements (`cuda.py`), never credentials
    server = model_server(words)
    if server:
        props["model_server"] = server
        props["model_server_authentication"] = authentication(server, words, env_names)
    return props, secrets
