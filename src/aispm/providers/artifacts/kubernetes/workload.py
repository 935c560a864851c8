"""What a Kubernetes workload runs: its pod spec, containers, images, environment, and whether a
container is a model server or AI app (and whether that server asks callers for a key).

Pure functions over one manifest (a `dict` as the YAML or JSON reader built it); nothing here reads
files or other assets. A model server is recognised by its image repository or its command line,
never by running anything. Authentication is judged from what the manifest shows — a flag
(`--api-key`) or an environment variable the server reads (`VLLM_API_KEY`) — and is `None` when the
manifest cannot tell (a LiteLLM proxy given a config file may set its master key there).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterator

#: Kinds that run pods, with the path from the manifest to their pod spec.
POD_SPEC_PATH: dict[str, tuple[str, ...]] = {
    "Pod": ("spec",),
    "Deployment": ("spec", "template", "spec"),
    "StatefulSet": ("spec", "template", "spec"),
    "DaemonSet": ("spec", "template", "spec"),
    "ReplicaSet": ("spec", "template", "spec"),
    "ReplicationController": ("spec", "template", "spec"),
    "Job": ("spec", "template", "spec"),
    "CronJob": ("spec", "jobTemplate", "spec", "template", "spec"),
}
WORKLOAD_KINDS = frozenset(POD_SPEC_PATH)


def dig(d: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(d, dict):
            return None
        d = d.get(key)
    return d


def items(value: Any) -> list:
    """A list field as a list (anything else, as hostile input may give: empty)."""
    return value if isinstance(value, list) else []


def pod_spec(kind: str, manifest: dict) -> dict | None:
    path = POD_SPEC_PATH.get(kind)
    spec = dig(manifest, *path) if path else None
    return spec if isinstance(spec, dict) else None


def pod_labels(kind: str, manifest: dict) -> dict[str, str]:
    """The labels of the pods a workload runs (what a Service selects)."""
    path = POD_SPEC_PATH.get(kind)
    if path is None:
        return {}
    meta = dig(manifest, *path[:-1], "metadata") if kind != "Pod" else manifest.get("metadata")
    labels = meta.get("labels") if isinstance(meta, dict) else None
    return {str(k): str(v) for k, v in labels.items()} if isinstance(labels, dict) else {}


def containers(spec: dict | None) -> list[dict]:
    """Every container of a pod spec, init containers included (they run with the same identity)."""
    out: list[dict] = []
    for key in ("initContainers", "containers", "ephemeralContainers"):
        items = spec.get(key) if isinstance(spec, dict) else None
        if isinstance(items, list):
            out.extend(c for c in items if isinstance(c, dict))
    return out


def strings(value: Any) -> list[str]:
    return [str(v) for v in value if isinstance(v, (str, int, float))] if isinstance(value, list) else []


def command_line(container: dict) -> list[str]:
    """`command` then `args`, as the container runtime joins them (a `sh -c` script is one word)."""
    return strings(container.get("command")) + strings(container.get("args"))


def env_literals(container: dict) -> Iterator[tuple[str, str, dict]]:
    """(name, literal value, the env entry) for each variable given as a plain `value`."""
    env = container.get("env")
    if not isinstance(env, list):
        return
    for item in env:
        if isinstance(item, dict) and isinstance(item.get("name"), str) and isinstance(item.get("value"), str):
            yield item["name"], item["value"], item


def env_names(container: dict) -> set[str]:
    env = container.get("env")
    return {i["name"] for i in env if isinstance(i, dict) and isinstance(i.get("name"), str)} \
        if isinstance(env, list) else set()


def image_repository(image: str) -> str:
    """`ghcr.io/org/name:tag@sha256:...` → `ghcr.io/org/name` (lower case)."""
    ref = image.split("@", 1)[0]
    slash = ref.rfind("/")
    colon = ref.rfind(":")
    if colon > slash:
        ref = ref[:colon]
    return ref.lower()


@dataclass(frozen=True)
class Server:
    name: str  # vllm | ollama | tgi | triton | torchserve | ray-serve | llama.cpp | litellm | mcp
    title: str
    via: str  # what recognised it: `image vllm/vllm-openai` or `command vllm serve`


#: (server, title, image repository pattern, command pattern). Repository patterns match the path
#: after the registry host; command patterns the joined command line.
_SERVERS: tuple[tuple[str, str, re.Pattern[str], re.Pattern[str]], ...] = (
    ("vllm", "vLLM", re.compile(r"(^|/)vllm(-openai|-tpu|-cpu|-rocm)?$|^vllm/"),
     re.compile(r"(^|[\s/])vllm\s+serve\b|vllm\.entrypoints\.(openai\.)?api_server")),
    ("ollama", "Ollama", re.compile(r"(^|/)ollama$"), re.compile(r"(^|[\s/])ollama\s+(serve|run)\b")),
    ("tgi", "Text Generation Inference", re.compile(r"(^|/)text-generation-inference$"),
     re.compile(r"(^|[\s/])text-generation-launcher\b")),
    ("triton", "NVIDIA Triton Inference Server", re.compile(r"(^|/)tritonserver$"),
     re.compile(r"(^|[\s/])tritonserver\b")),
    ("torchserve", "TorchServe", re.compile(r"(^|/)torchserve(-kfs|-nightly)?$"),
     re.compile(r"(^|[\s/])torchserve\b")),
    ("ray-serve", "Ray Serve", re.compile(r"$^"), re.compile(r"(^|[\s/])serve\s+(run|deploy)\b|ray\.serve")),
    ("llama.cpp", "llama.cpp server", re.compile(r"(^|/)llama\.cpp$"),
     re.compile(r"(^|[\s/])llama-server\b")),
    ("litellm", "LiteLLM proxy", re.compile(r"(^|/)litellm(-database|-non_root)?$"),
     re.compile(r"(^|[\s/])litellm\b")),
    ("mcp", "MCP server", re.compile(r"(^|/)mcp/|(^|[/-])mcp(-server|-proxy)?$|(^|/)[a-z0-9-]*-mcp(-server)?$"),
     re.compile(r"@modelcontextprotocol/server-|(^|[\s/])mcp-server-|(^|[\s/])mcp-proxy\b|supergateway|fastmcp\s+run")),
)
_TITLE = {name: title for name, title, _, _ in _SERVERS}


def server_title(name: str) -> str:
    return _TITLE.get(name, name)


def recognise(container: dict) -> Server | None:
    """The model server or AI app a container runs, from its image or its command line."""
    image = container.get("image")
    if isinstance(image, str) and image:
        repo = image_repository(image)
        path = repo.split("/", 1)[1] if "/" in repo and ("." in repo.split("/", 1)[0]
                                                         or ":" in repo.split("/", 1)[0]) else repo
        tag = image.split("@", 1)[0][len(repo):].lstrip(":").lower()
        for name, title, img, _ in _SERVERS:
            # llama.cpp's images are tools (`:light`, `:full`) but for the `:server` ones
            if img.search(path) and (name != "llama.cpp" or tag.startswith("server")):
                return Server(name, title, f"image {repo}")
    line = " ".join(command_line(container))[:4096]
    for name, title, _, cmd in _SERVERS:
        if cmd.search(line):
            return Server(name, title, f"command {cmd.search(line).group(0).strip()}")
    return None


def _has_flag(words: list[str], *flags: str) -> bool:
    for w in words:
        for part in w.split():  # a `sh -c "vllm serve ... --api-key $KEY"` script is one word
            if any(part == f or part.startswith(f + "=") for f in flags):
                return True
    return False


def authentication(server: str, container: dict) -> tuple[bool | None, str]:
    """Whether the server asks its callers for a key, and why (None: the manifest cannot tell)."""
    words = command_line(container)
    names = env_names(container)
    # variables from `envFrom` (a ConfigMap or Secret) may set the key: the manifest cannot tell
    opaque = isinstance(container.get("envFrom"), list) and bool(container.get("envFrom"))
    if server == "vllm":
        if _has_flag(words, "--api-key") or "VLLM_API_KEY" in names:
            return True, "--api-key or VLLM_API_KEY is set"
        if opaque:
            return None, "envFrom may set VLLM_API_KEY; its variables are not in the manifest"
        return False, "vLLM serves its OpenAI-compatible API to anyone without --api-key (or VLLM_API_KEY)"
    if server == "ollama":
        return False, "Ollama has no authentication: anyone who reaches its port can pull, run and delete models"
    if server == "llama.cpp":
        if _has_flag(words, "--api-key", "--api-key-file") or "LLAMA_API_KEY" in names:
            return True, "--api-key, --api-key-file or LLAMA_API_KEY is set"
        if opaque:
            return None, "envFrom may set LLAMA_API_KEY; its variables are not in the manifest"
        return False, "llama.cpp server answers without a key unless --api-key is set"
    if server == "tgi":
        if _has_flag(words, "--api-key") or "API_KEY" in names:
            return True, "--api-key or API_KEY is set"
        if opaque:
            return None, "envFrom may set API_KEY; its variables are not in the manifest"
        return False, "Text Generation Inference answers without a key unless --api-key is set"
    if server == "litellm":
        if "LITELLM_MASTER_KEY" in names or _has_flag(words, "--master_key"):
            return True, "LITELLM_MASTER_KEY is set"
        if opaque:
            return None, "envFrom may set LITELLM_MASTER_KEY; its variables are not in the manifest"
        if _has_flag(words, "--config", "-c") or "CONFIG_FILE_PATH" in names:
            return None, "the LiteLLM config file may set general_settings.master_key; it is not in the manifest"
        return False, "LiteLLM proxy without a master key lets anyone call every configured model"
    if server == "triton":
        if _has_flag(words, "--http-restricted-api", "--grpc-restricted-protocol"):
            return None, "some Triton APIs are restricted to callers with a header key"
        return False, "Triton Inference Server has no authentication of its own"
    if server == "torchserve":
        if _has_flag(words, "--disable-token-auth") or "TS_DISABLE_TOKEN_AUTHORIZATION" in names:
            return False, "TorchServe token authorization is disabled"
        return None, "TorchServe asks for a token since 0.11 (unless disabled); the version is not in the manifest"
    if server == "ray-serve":
        return False, "Ray Serve's HTTP proxy has no authentication of its own"
    return None, "whether the server asks for credentials is not in the manifest"


GPU_RESOURCES = ("nvidia.com/gpu", "amd.com/gpu", "gpu.intel.com/i915", "google.com/tpu", "aws.amazon.com/neuron")


def gpu_count(container: dict) -> int | None:
    """GPUs (or TPUs, Neuron devices) a container asks for: its limits, else its requests."""
    res = container.get("resources")
    if not isinstance(res, dict):
        return 0
    total = 0
    for section in ("limits", "requests"):
        values = res.get(section)
        if not isinstance(values, dict):
            continue
        found = False
        for key in GPU_RESOURCES:
            v = values.get(key)
            if v is None:
                continue
            try:
                total += int(str(v))
                found = True
            except ValueError:
                return None
        if found:
            return total
    return total


def references(spec: dict | None) -> Iterator[tuple[str, str, str]]:
    """(`Secret` | `ConfigMap`, name, how) for each Secret and ConfigMap a pod spec reads."""
    for c in containers(spec):
        env = c.get("env")
        for item in env if isinstance(env, list) else ():
            src = dig(item, "valueFrom")
            for key, kind in (("secretKeyRef", "Secret"), ("configMapKeyRef", "ConfigMap")):
                name = dig(src, key, "name")
                if isinstance(name, str):
                    yield kind, name, f"env {item.get('name')}"
        env_from = c.get("envFrom")
        for item in env_from if isinstance(env_from, list) else ():
            for key, kind in (("secretRef", "Secret"), ("configMapRef", "ConfigMap")):
                name = dig(item, key, "name")
                if isinstance(name, str):
                    yield kind, name, "envFrom"
    vols = spec.get("volumes") if isinstance(spec, dict) else None
    for v in vols if isinstance(vols, list) else ():
        name = dig(v, "secret", "secretName")
        if isinstance(name, str):
            yield "Secret", name, f"volume {dig(v, 'name')}"
        name = dig(v, "configMap", "name")
        if isinstance(name, str):
            yield "ConfigMap", name, f"volume {dig(v, 'name')}"
        for src in items(dig(v, "projected", "sources")):
            for key, kind in (("secret", "Secret"), ("configMap", "ConfigMap")):
                name = dig(src, key, "name")
                if isinstance(name, str):
                    yield kind, name, f"volume {dig(v, 'name')}"
