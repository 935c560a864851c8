"""Relations between Kubernetes objects and the facts that need several of them: exposure through
Services, Ingresses and Gateway routes; identities and RBAC; images and model files."""

from __future__ import annotations

import shutil
from pathlib import Path

from aispm.model import ScanResult
from aispm.scan import ScanOptions, scan

HERE = Path(__file__).parent


def _scan(tmp_path: Path, text: str, frameworks=("kubernetes",)) -> ScanResult:
    (tmp_path / "m.yaml").write_text(text)
    r = scan([str(tmp_path)], ScanOptions(frameworks=frameworks) if frameworks else None)
    assert r.errors == [], r.errors
    return r


def _a(r: ScanResult, address: str):
    return next(a for a in r.assets if a.origin.address == address)


def _rels(r: ScanResult, verb: str) -> set[tuple[str, str]]:
    return {(x.source.rsplit(":", 1)[-1], x.target.rsplit(":", 1)[-1]) for x in r.relations if x.verb == verb}


APP = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: chat, namespace: ai}
spec:
  template:
    metadata: {labels: {app: chat, tier: web}}
    spec:
      containers: [{name: c, image: "ghcr.io/berriai/litellm:main-v1.50.0"}]
---
"""


def test_ingress_and_httproute_route_to_services_that_expose_the_workload(tmp_path: Path):
    r = _scan(tmp_path, APP + """\
apiVersion: v1
kind: Service
metadata: {name: chat, namespace: ai}
spec: {selector: {app: chat}}
---
apiVersion: v1
kind: Service
metadata: {name: other, namespace: ai}
spec: {selector: {app: chat, tier: db}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: ai}
spec:
  rules:
    - host: chat.example.com
      http:
        paths: [{path: /, pathType: Prefix, backend: {service: {name: chat, port: {number: 80}}}}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: web, namespace: ai}
spec:
  rules: [{backendRefs: [{name: chat, port: 80}]}]
""")
    assert _rels(r, "exposes") == {("Service/ai/chat", "Deployment/ai/chat")}  # `other` selects tier db
    assert _rels(r, "routes_to") == {("Ingress/ai/web", "Service/ai/chat"), ("HTTPRoute/ai/web", "Service/ai/chat")}
    wl = _a(r, "Deployment/ai/chat")
    assert wl.facts["internet_exposed"] is True and "Ingress web" in wl.evidence["internet_exposed"].note
    assert wl.facts["ai_server"] == "litellm" and wl.facts["user_authentication"] is False
    assert _a(r, "Service/ai/chat").facts["internet_exposed"] is False  # ClusterIP itself


def test_internal_and_restricted_load_balancers(tmp_path: Path):
    svc = """\
apiVersion: v1
kind: Service
metadata:
  name: chat
  namespace: ai
  annotations: {%s}
spec: {type: LoadBalancer, selector: {app: chat}%s}
"""
    r = _scan(tmp_path, APP + svc % ('"service.beta.kubernetes.io/azure-load-balancer-internal": "true"', ""))
    assert _a(r, "Deployment/ai/chat").facts["internet_exposed"] is False
    r = _scan(tmp_path, APP + svc % ("", ", loadBalancerSourceRanges: [203.0.113.0/24]"))
    wl = _a(r, "Deployment/ai/chat")
    assert wl.facts["internet_exposed"] is True and wl.facts["exposure_width"] == "narrow"
    r = _scan(tmp_path, APP.replace("namespace: ai", "namespace: other", 1) + svc % ("", ""))
    assert _a(r, "Deployment/other/chat").facts["internet_exposed"] is False  # another namespace


RBAC = """\
apiVersion: v1
kind: ServiceAccount
metadata: {name: chat, namespace: ai}
automountServiceAccountToken: false
---
apiVersion: v1
kind: Secret
metadata: {name: a, namespace: ai}
---
apiVersion: v1
kind: Secret
metadata: {name: b, namespace: ai}
---
apiVersion: v1
kind: Secret
metadata: {name: c, namespace: other}
---
"""


def test_rbac_namespace_cluster_and_resource_names(tmp_path: Path):
    role = """\
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: read-a, namespace: ai}
rules: [{apiGroups: [""], resources: [secrets], resourceNames: [a], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: read-a, namespace: ai}
roleRef: {kind: Role, name: read-a}
subjects: [{kind: ServiceAccount, name: chat}]
"""
    r = _scan(tmp_path, RBAC + role)
    assert _rels(r, "has_role_on") == {("ServiceAccount/ai/chat", "Secret/ai/a")}
    sa = _a(r, "ServiceAccount/ai/chat")
    assert sa.facts["rbac_reads_secrets"] is True and sa.facts["cluster_admin"] is False
    edge = next(x for x in r.relations if x.verb == "has_role_on")
    assert dict(edge.properties)["data_access"] is True and dict(edge.properties)["privileged"] is False

    admin = """\
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: chat-admin}
roleRef: {kind: ClusterRole, name: cluster-admin}
subjects: [{kind: ServiceAccount, name: chat, namespace: ai}]
"""
    r = _scan(tmp_path, RBAC + admin)
    assert _rels(r, "has_role_on") == {("ServiceAccount/ai/chat", f"Secret/{s}") for s in ("ai/a", "ai/b", "other/c")}
    assert _a(r, "ServiceAccount/ai/chat").facts["cluster_admin"] is True

    view = admin.replace("cluster-admin", "view")
    r = _scan(tmp_path, RBAC + view)
    assert _rels(r, "has_role_on") == set()
    assert _a(r, "ServiceAccount/ai/chat").facts["rbac_reads_secrets"] is False


def test_identity_token_and_references(tmp_path: Path):
    r = _scan(tmp_path, RBAC + """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: chat, namespace: ai}
spec:
  template:
    spec:
      serviceAccountName: chat
      containers:
        - name: c
          image: ollama/ollama
          env: [{name: K, valueFrom: {secretKeyRef: {name: a, key: k}}}]
          envFrom: [{secretRef: {name: b}}]
""")
    assert _rels(r, "runs_as") == {("Deployment/ai/chat", "ServiceAccount/ai/chat")}
    assert _rels(r, "reads") == {("Deployment/ai/chat", "Secret/ai/a"), ("Deployment/ai/chat", "Secret/ai/b")}
    wl = _a(r, "Deployment/ai/chat")
    assert wl.facts["automount_token"] is False  # from the service account
    assert wl.facts["plaintext_credentials"] is False  # keys from Secrets are where they belong


def test_workload_runs_the_scanned_image(tmp_path: Path):
    shutil.copy(HERE.parent / "images" / "fixtures" / "seed-docker.tar", tmp_path / "evil.tar")
    r = _scan(tmp_path, "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: 'evil:1'}]\n",
              frameworks=None)
    image = next(a for a in r.assets if a.type == "oci-image")
    pod = _a(r, "Pod/default/p")
    assert any(x.source == pod.uid and x.verb == "runs" and x.target == image.uid for x in r.relations)


def test_model_server_recognition():
    from aispm.providers.artifacts.kubernetes.workload import authentication, recognise

    cases = {
        ("vllm/vllm-openai:latest", ()): "vllm",
        ("ghcr.io/huggingface/text-generation-inference:2.4", ()): "tgi",
        ("nvcr.io/nvidia/tritonserver:24.08-py3", ()): "triton",
        ("pytorch/torchserve:0.12.0-gpu", ()): "torchserve",
        ("rayproject/ray:2.9.0", ("serve", "run", "app:deployment")): "ray-serve",
        ("ghcr.io/ggerganov/llama.cpp:server-cuda", ()): "llama.cpp",
        ("ghcr.io/ggerganov/llama.cpp:light", ()): None,  # the command-line tool, not the server
        ("ghcr.io/ggml-org/llama.cpp:server", ("llama-server", "-m", "/m.gguf")): "llama.cpp",
        ("node:20", ("npx", "-y", "@modelcontextprotocol/server-filesystem", "/data")): "mcp",
        ("ghcr.io/github/github-mcp-server:v0.2", ()): "mcp",
        ("python:3.12", ("python", "app.py")): None,
        ("registry.example.com:5000/team/ollama:0.3", ()): "ollama",
    }
    for (image, cmd), want in cases.items():
        got = recognise({"image": image, "command": list(cmd)})
        assert (got.name if got else None) == want, (image, cmd, got)
    assert authentication("vllm", {"args": ["--api-key=x"]})[0] is True
    assert authentication("vllm", {"envFrom": [{"secretRef": {"name": "s"}}]})[0] is None
    assert authentication("litellm", {"args": ["--config", "/c.yaml"]})[0] is None
    assert authentication("torchserve", {"args": ["--disable-token-auth"]})[0] is False
