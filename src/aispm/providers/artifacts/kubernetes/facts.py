"""Facts of one Kubernetes asset, from its manifest alone (the linker adds those that need other
objects: exposure through Services and Ingresses, RBAC, the token a service account mounts).

Workloads (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod):

- `ai_server`: the model server or AI app a container runs (`vllm`, `ollama`, `tgi`, `triton`,
  `torchserve`, `ray-serve`, `llama.cpp`, `litellm`, `mcp`), False when none is recognised;
- `user_authentication`: whether that server asks its callers for a key (`workload.authentication`;
  None when the manifest cannot tell); absent on workloads that serve no AI;
- `privileged`, `host_network`, `host_path`: a privileged container (or one allowed to escalate
  to privileged), the node's network namespace (`hostNetwork`, also `hostPID` / `hostIPC`), a
  `hostPath` volume;
- `root_access`: a container runs as root (`runAsUser: 0`, or `runAsNonRoot: false`); False when
  every container is held to a non-root user; None when the image's own user decides;
- `gpu_count`: GPUs (TPUs, Neuron devices) requested, an inventory fact;
- `automount_token` (pod level): `automountServiceAccountToken` as the pod sets it; absent when
  the pod does not say (the linker takes the service account's setting, else Kubernetes' default).
"""

from __future__ import annotations

from typing import Any

from aispm.model import Asset
from aispm.providers.artifacts.kubernetes.workload import (
    WORKLOAD_KINDS, authentication, containers, dig, gpu_count, items, pod_spec, recognise,
)


def kind_of(asset: Asset) -> str | None:
    """The Kubernetes kind of an asset of this source (None for any other asset)."""
    if not asset.type.startswith("k8s:"):
        return None
    return asset.type.rsplit("/", 1)[-1]


def derive(asset: Asset) -> None:
    kind = kind_of(asset)
    if kind not in WORKLOAD_KINDS:
        return
    spec = pod_spec(kind, asset.properties)
    cs = containers(spec)
    path = {"Pod": "spec", "CronJob": "spec.jobTemplate.spec.template.spec"}.get(kind, "spec.template.spec")
    _server(asset, cs, path)
    _isolation(asset, spec or {}, cs, path)
    gpus = [gpu_count(c) for c in cs]
    asset.set_fact("gpu_count", None if None in gpus else sum(g or 0 for g in gpus), f"{path}.containers[].resources")
    mount = (spec or {}).get("automountServiceAccountToken")
    if isinstance(mount, bool):
        asset.set_fact("automount_token", mount, f"{path}.automountServiceAccountToken", mount)


def _server(asset: Asset, cs: list[dict], path: str) -> None:
    for i, c in enumerate(cs):
        server = recognise(c)
        if server is None:
            continue
        where = f"{path}.containers[{c.get('name', i)}]"
        asset.set_fact("ai_server", server.name, where, server.via, note=server.title)
        auth, why = authentication(server.name, c)
        asset.set_fact("user_authentication", auth, where, note=why)
        return
    asset.set_fact("ai_server", False, f"{path}.containers", note="no model server or AI app recognised")


def _flag(d: Any, key: str) -> Any:
    return d.get(key) if isinstance(d, dict) else None


def _isolation(asset: Asset, spec: dict, cs: list[dict], path: str) -> None:
    priv = [c for c in cs if _flag(c.get("securityContext"), "privileged") is True]
    caps = [c for c in cs if "SYS_ADMIN" in items(dig(c, "securityContext", "capabilities", "add"))]
    bad = priv or caps
    asset.set_fact("privileged", bool(bad), f"{path}.containers[].securityContext",
                   [c.get("name") for c in bad] or None,
                   note="privileged: true or CAP_SYS_ADMIN" if bad else None)
    host = [k for k in ("hostNetwork", "hostPID", "hostIPC") if spec.get(k) is True]
    asset.set_fact("host_network", bool(host), f"{path}.{host[0] if host else 'hostNetwork'}", host or None)
    vols = spec.get("volumes")
    paths = [dig(v, "hostPath", "path") for v in vols if isinstance(v, dict) and isinstance(v.get("hostPath"), dict)] \
        if isinstance(vols, list) else []
    asset.set_fact("host_path", bool(paths), f"{path}.volumes[].hostPath", paths or None)
    pod_ctx = spec.get("securityContext") if isinstance(spec.get("securityContext"), dict) else {}
    verdicts = [_root(c.get("securityContext") if isinstance(c.get("securityContext"), dict) else {}, pod_ctx)
                for c in cs]
    if not verdicts:
        return
    if True in verdicts:
        value: bool | None = True
        note = "a container runs as user 0 or with runAsNonRoot: false"
    elif all(v is False for v in verdicts):
        value, note = False, "every container is held to a non-root user"
    else:
        value, note = None, "runAsNonRoot is not set: the image's own user decides (root in most images)"
    asset.set_fact("root_access", value, f"{path}.securityContext", note=note)


def _root(ctx: dict, pod: dict) -> bool | None:
    user = ctx.get("runAsUser", pod.get("runAsUser"))
    non_root = ctx.get("runAsNonRoot", pod.get("runAsNonRoot"))
    if user == 0 or (non_root is False and user is None):
        return True
    if non_root is True or (isinstance(user, int) and not isinstance(user, bool) and user > 0):
        return False
    return None
