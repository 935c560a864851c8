"""What a Kubernetes workload runs: its pod spec, containers, images, environment, and whether a
container is a model server or AI app (and whether that server asks callers for a key).

Pure functions over one manifest (a `dict` as the YAML or JSON reader built it); nothing here reads
files or other assets. A model server is recognised by its image repository or its command line,
never by running anything, and authentication is judged from what the manifest shows — a flag
(`--api-key`) or an environment variable the server reads (`VLLM_API_KEY`) — by the table and rules
shared with container images (`aispm.providers.artifacts.servers`). What is the pod's own is read
here: `image`, `command` + `args`, the names in `env` (a `valueFrom` variable is set as much as a
literal one), and `envFrom`, whose ConfigMap or Secret may set any variable: with it, a server that
would be judged open is `None` (the manifest cannot tell).
"""

from __future__ import annotations

from typing import Any, Iterator

from aispm.providers.artifacts import servers
from aispm.providers.artifacts.servers import Server

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


def recognise(container: dict) -> Server | None:
    """The model server or AI app a container runs, from its image or its command line."""
    image = container.get("image")
    return servers.recognise(image if isinstance(image, str) else "", command_line(container))


def authentication(server: str, container: dict) -> tuple[bool | None, str]:
    """Whether the server asks its callers for a key, and why (None: the manifest cannot tell)."""
    # variables from `envFrom` (a ConfigMap or Secret) may set the key: the manifest cannot tell
    opaque = isinstance(container.get("envFrom"), list) and bool(container.get("envFrom"))
    return servers.authentication(server, servers.words(command_line(container)), env_names(container), opaque)


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
