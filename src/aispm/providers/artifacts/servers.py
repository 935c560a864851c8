"""Model servers and AI apps, recognised the same way wherever a container is described.

One table (`SERVERS`: name, title, image repository pattern, command pattern, default ports, the
environment variables that carry its key) and pure functions over what a container runs — its image
reference, its command and arguments, the names of its environment variables. The readers of each
format keep their own reading: `images/config.py` takes an image config's `Entrypoint`, `Cmd` and
`Env`; `kubernetes/workload.py` a pod spec's `image`, `command`, `args`, `env` and `envFrom`. Nothing
here runs or fetches anything.

- `recognise(image, command, args)` → `Server | None`: by image repository first (the registry host
  dropped; llama.cpp's images are command-line tools but for the `:server` ones), then by the command
  line (`sh -c "..."` split with `shlex`). An image config has no repository of its own, so images
  are recognised by their entrypoint and command only.
- `authentication(server, words, env_names, env_opaque)` → (bool | None, why): whether the server
  asks its callers for a key, as far as the command line and the variable names tell. `env_opaque`
  says that variables may be set that the description does not name (a pod's `envFrom`: a
  ConfigMap or Secret): a server that would otherwise be judged open is then None (cannot tell),
  never False and never True. An image's `Env` is read whole, so it is never opaque.

| server | authenticated when | otherwise |
|---|---|---|
| vLLM | `--api-key` or `VLLM_API_KEY` | false |
| llama.cpp / llama-cpp-python | `--api-key`, `--api-key-file`, `LLAMA_API_KEY` | false |
| TGI | `--api-key` or `API_KEY` (the launcher reads every flag from its variable) | false |
| Triton | `--http-restricted-api` / `--grpc-restricted-protocol` naming `inference` | unknown when other APIs only are restricted, else false |
| Ollama, Ray Serve | never (no built-in auth) | false |
| TorchServe | — | false with `--disable-token-auth` or `TS_DISABLE_TOKEN_AUTHORIZATION`, else unknown (token auth is on from 0.11) |
| LiteLLM proxy | `LITELLM_MASTER_KEY` or `--master_key` | unknown with a config file (`--config`, `-c`, `CONFIG_FILE_PATH`: it may set the master key), else false |
| MCP server | — | unknown |

Where the image reader and the workload reader used to judge differently, the one rule kept is the
one a security engineer can act on (each is tested in `tests/providers/artifacts/test_servers.py`):

- a server the description shows running without a key is **false**, not unknown: the LiteLLM
  proxy without a master key and without a config file answers anyone, in an image as in a pod;
  unknown is kept for what the description cannot show (a config file, `envFrom`, TorchServe's
  version, MCP);
- a key the server reads from its environment counts wherever it is set: TGI's `API_KEY`,
  TorchServe's `TS_DISABLE_TOKEN_AUTHORIZATION` (its presence is read as "disabled": the finding is
  reported rather than missed);
- Triton's restricted APIs are **true** only when `inference` is restricted: restricting the model
  repository or shared-memory APIs leaves inference open to anyone (was true for any restriction in
  images, unknown in pods);
- a `sh -c` script is split into its words before flags are read, so the shell's own `-c` is not
  LiteLLM's config flag (pods used to read it as one);
- a word that merely names a server (`--backend ollama`) is not that server: Ollama runs as
  `ollama serve` (or `run`), as pods required (images took any `ollama` word);
- the command patterns are the union of both readers' (`text-generation-router`, `llama_cpp.server`,
  `llama.cpp/server`, `mcp-server` / `mcp_server` anywhere, `fastmcp`, `mcp-proxy`, `supergateway`),
  and one spelling of each name (`litellm`, `mcp`) is used by both facts.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from typing import Collection, Sequence

#: Words of a command line read (a hostile manifest or config may hold any number).
MAX_WORDS = 200
#: Characters of a joined command line matched (a `sh -c` script is cut here).
MAX_LINE = 10_000
SHELLS = ("sh", "bash", "ash", "dash")


@dataclass(frozen=True)
class ServerKind:
    """One row of the table."""

    name: str  # vllm | ollama | tgi | triton | torchserve | ray-serve | llama.cpp | litellm | mcp
    title: str
    image: re.Pattern[str]  # the repository path after the registry host
    command: re.Pattern[str]  # the joined command line
    ports: tuple[int, ...]  # what it listens on by default (inventory; a Service or EXPOSE says more)
    key_env: tuple[str, ...]  # variables that set the key callers must present


@dataclass(frozen=True)
class Server:
    name: str
    title: str
    via: str  # what recognised it: `image vllm/vllm-openai` or `command vllm serve`


_NEVER = re.compile(r"$^")

SERVERS: tuple[ServerKind, ...] = (
    ServerKind("vllm", "vLLM", re.compile(r"(^|/)vllm(-openai|-tpu|-cpu|-rocm)?$|^vllm/"),
               re.compile(r"(^|[\s/])vllm\s+serve\b|vllm\.entrypoints\b"), (8000,), ("VLLM_API_KEY",)),
    ServerKind("ollama", "Ollama", re.compile(r"(^|/)ollama$"), re.compile(r"(^|[\s/])ollama\s+(serve|run)\b"),
               (11434,), ()),
    ServerKind("tgi", "Text Generation Inference", re.compile(r"(^|/)text-generation-inference$"),
               re.compile(r"(^|[\s/])text-generation-(launcher|router)\b"), (80, 3000), ("API_KEY",)),
    ServerKind("triton", "NVIDIA Triton Inference Server", re.compile(r"(^|/)tritonserver$"),
               re.compile(r"(^|[\s/])tritonserver\b"), (8000, 8001, 8002), ()),
    ServerKind("torchserve", "TorchServe", re.compile(r"(^|/)torchserve(-kfs|-nightly)?$"),
               re.compile(r"(^|[\s/])torchserve\b"), (8080, 8081, 8082), ()),
    ServerKind("ray-serve", "Ray Serve", _NEVER, re.compile(r"(^|[\s/])serve\s+(run|deploy)\b|ray\.serve"),
               (8000,), ()),
    ServerKind("llama.cpp", "llama.cpp server", re.compile(r"(^|/)llama\.cpp$"),
               re.compile(r"(^|[\s/])llama-server\b|llama_cpp\.server\b|llama\.cpp/(\S*/)?server(\s|$)"),
               (8080,), ("LLAMA_API_KEY",)),
    ServerKind("litellm", "LiteLLM proxy", re.compile(r"(^|/)litellm(-database|-non_root)?$"),
               re.compile(r"(^|[\s/])litellm\b"), (4000,), ("LITELLM_MASTER_KEY",)),
    ServerKind("mcp", "MCP server",
               re.compile(r"(^|/)mcp/|(^|[/-])mcp(-server|-proxy)?$|(^|/)[a-z0-9-]*-mcp(-server)?$"),
               re.compile(r"@modelcontextprotocol/server-|mcp[-_]server|(^|[\s/])mcp-proxy\b|supergateway|"
                          r"(^|[\s/])fastmcp\b"), (), ()),
)
BY_NAME = {s.name: s for s in SERVERS}


def title(name: str) -> str:
    kind = BY_NAME.get(name)
    return kind.title if kind else name


def image_repository(image: str) -> str:
    """`ghcr.io/org/name:tag@sha256:...` → `ghcr.io/org/name` (lower case)."""
    ref = image.split("@", 1)[0]
    slash = ref.rfind("/")
    colon = ref.rfind(":")
    if colon > slash:
        ref = ref[:colon]
    return ref.lower()


def words(command: Sequence[str], args: Sequence[str] = ()) -> list[str]:
    """What the container runs, as words: `command` then `args` (an image's entrypoint then cmd), a shell
    form (`sh -c "a b"`) split into the script's words (left whole when it does not split)."""
    out = [w for w in [*command, *args][:MAX_WORDS] if isinstance(w, str)]
    for i, w in enumerate(out[:-1]):
        if w == "-c" and i > 0 and out[i - 1].rsplit("/", 1)[-1] in SHELLS:
            try:
                return out[:i - 1] + shlex.split(out[i + 1][:MAX_LINE])[:MAX_WORDS]
            except ValueError:
                return out
    return out


def recognise(image: str, command: Sequence[str], args: Sequence[str] = ()) -> Server | None:
    """The model server or AI app a container runs, by its image repository, else its command line."""
    if image:
        repo = image_repository(image)
        host, _, rest = repo.partition("/")
        path = rest if rest and ("." in host or ":" in host) else repo
        tag = image.split("@", 1)[0][len(repo):].lstrip(":").lower()
        for kind in SERVERS:
            # llama.cpp's images are tools (`:light`, `:full`) but for the `:server` ones
            if kind.image.search(path) and (kind.name != "llama.cpp" or tag.startswith("server")):
                return Server(kind.name, kind.title, f"image {repo}")
    line = " ".join(words(command, args))[:MAX_LINE]
    for kind in SERVERS:
        hit = kind.command.search(line)
        if hit:
            return Server(kind.name, kind.title, f"command {hit.group(0).strip()}")
    return None


def _parts(argv: Sequence[str]) -> list[str]:
    # a script that did not split (unbalanced quotes) is still one word: read its parts
    return [p for w in argv for p in w.split()]


def _has_flag(argv: Sequence[str], *flags: str) -> bool:
    return any(p == f or p.startswith(f + "=") for p in _parts(argv) for f in flags)


def _flag_values(argv: Sequence[str], *flags: str) -> list[str]:
    parts = _parts(argv)
    out = []
    for i, p in enumerate(parts):
        for f in flags:
            if p.startswith(f + "="):
                out.append(p[len(f) + 1:])
            elif p == f and i + 1 < len(parts):
                out.append(parts[i + 1])
    return out


# Servers that ask for a key when a flag or one environment variable sets it:
# (flags, the variable, why it is asked, why it is not).
_KEY_FLAG_SERVERS: dict[str, tuple[tuple[str, ...], str, str, str]] = {
    "vllm": (("--api-key",), "VLLM_API_KEY", "--api-key or VLLM_API_KEY is set",
             "vLLM serves its OpenAI-compatible API to anyone without --api-key (or VLLM_API_KEY)"),
    "llama.cpp": (("--api-key", "--api-key-file"), "LLAMA_API_KEY",
                  "--api-key, --api-key-file or LLAMA_API_KEY is set",
                  "llama.cpp server answers without a key unless --api-key is set"),
    "tgi": (("--api-key",), "API_KEY", "--api-key or API_KEY is set",
            "Text Generation Inference answers without a key unless --api-key is set"),
}


def authentication(server: str, argv: Sequence[str], env_names: Collection[str],
                   env_opaque: bool = False) -> tuple[bool | None, str]:
    """Whether `server` asks its callers for a key, and why (None: the description cannot tell).
    `argv` is what runs (`words`), `env_names` the variables set, `env_opaque` that others may be
    set unseen (a pod's `envFrom`)."""
    names = set(env_names)
    kind = BY_NAME.get(server)
    keys = [k for k in (kind.key_env if kind else ()) if k in names]

    def unseen(var: str) -> tuple[None, str]:
        return None, f"envFrom may set {var}; its variables are not in the manifest"

    if server in _KEY_FLAG_SERVERS:
        flags, var, has, lacks = _KEY_FLAG_SERVERS[server]
        if _has_flag(argv, *flags) or keys:
            return True, has
        if env_opaque:
            return unseen(var)
        return False, lacks
    if server == "ollama":
        return False, "Ollama has no authentication: anyone who reaches its port can pull, run and delete models"
    if server == "litellm":
        if keys or _has_flag(argv, "--master_key"):
            return True, "LITELLM_MASTER_KEY is set"
        if env_opaque:
            return unseen("LITELLM_MASTER_KEY")
        if _has_flag(argv, "--config", "-c") or "CONFIG_FILE_PATH" in names:
            return None, "the LiteLLM config file may set general_settings.master_key; it is not in the manifest"
        return False, "LiteLLM proxy without a master key lets anyone call every configured model"
    if server == "triton":
        restricted = _flag_values(argv, "--http-restricted-api", "--grpc-restricted-protocol")
        if any("inference" in v.split(":", 1)[0].split(",") for v in restricted):
            return True, "Triton's inference API is restricted to callers with a header key"
        if restricted or _has_flag(argv, "--http-restricted-api", "--grpc-restricted-protocol"):
            return None, ("some Triton APIs are restricted to callers with a header key; "
                          "inference is not shown among them")
        return False, "Triton Inference Server has no authentication of its own"
    if server == "torchserve":
        if _has_flag(argv, "--disable-token-auth") or "TS_DISABLE_TOKEN_AUTHORIZATION" in names:
            return False, "TorchServe token authorization is disabled"
        return None, "TorchServe asks for a token since 0.11 (unless disabled); the version is not in the manifest"
    if server == "ray-serve":
        return False, "Ray Serve's HTTP proxy has no authentication of its own"
    return None, "whether the server asks for credentials is not in the manifest"
