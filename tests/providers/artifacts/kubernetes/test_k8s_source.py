"""The Kubernetes source: what it recognises (by content), the assets it makes (type, address, line,
Helm template), what it leaves to other readers, how it keeps Secret values out of the report, and
how bad input costs only itself."""

from __future__ import annotations

import base64
import json
from pathlib import Path

from aispm.providers.artifacts.kubernetes.source import KubernetesSource, address_of, asset_type
from aispm.report.json import render
from aispm.scan import ScanOptions, scan
from aispm.source import SourceContext

HELM = """\
---
# Source: rag/templates/serviceaccount.yaml
apiVersion: v1
kind: ServiceAccount
metadata:
  name: rag
---
# Source: rag/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: rag-api
  namespace: search
spec:
  template:
    metadata:
      labels: {app: rag}
    spec:
      containers:
        - name: api
          image: ghcr.io/acme/rag-api:1.4
---
# Source: rag/templates/clusterrole.yaml
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: rag-reader
rules: []
---
# Source: rag/templates/route.yaml
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: rag
  namespace: search
spec:
  rules:
    - backendRefs: [{name: rag-api, port: 80}]
"""


def _load(tmp_path: Path, name: str, text: str):
    f = tmp_path / name
    f.write_text(text)
    src = KubernetesSource()
    assert src.claims(f)
    return src.load([f], SourceContext(root=tmp_path))


def test_helm_output_types_addresses_lines_and_templates(tmp_path: Path):
    r = _load(tmp_path, "rendered.yaml", HELM)
    assert r.errors == [] and r.files == 1
    got = {(a.type, a.origin.address, a.origin.line, a.properties.get("helmSource")) for a in r.assets}
    assert got == {
        ("k8s:v1/ServiceAccount", "ServiceAccount/default/rag", 3, "rag/templates/serviceaccount.yaml"),
        ("k8s:apps/Deployment", "Deployment/search/rag-api", 9, "rag/templates/deployment.yaml"),
        ("k8s:rbac.authorization.k8s.io/ClusterRole", "ClusterRole/rag-reader", 24, "rag/templates/clusterrole.yaml"),
        ("k8s:gateway.networking.k8s.io/HTTPRoute", "HTTPRoute/search/rag", 31, "rag/templates/route.yaml"),
    }
    assert all(a.uid == f"kubernetes:rendered.yaml:{a.origin.address}" for a in r.assets)
    dep = next(a for a in r.assets if a.type == "k8s:apps/Deployment")
    assert str(dep.kind) == "compute" and dep.properties["spec"]["template"]["spec"]["containers"][0]["image"] \
        == "ghcr.io/acme/rag-api:1.4"


def test_json_manifest_and_list(tmp_path: Path):
    doc = {"apiVersion": "v1", "kind": "List", "items": [
        {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "llm", "namespace": "ai"},
         "spec": {"type": "NodePort", "selector": {"app": "llm"}}},
        {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "llm", "namespace": "ai"}, "data": {}}]}
    r = _load(tmp_path, "objects.json", json.dumps(doc, indent=1))
    assert r.errors == []
    assert sorted(a.origin.address for a in r.assets) == ["ConfigMap/ai/llm", "Service/ai/llm"]
    assert {a.origin.line for a in r.assets} == {5, 19}


def test_other_yaml_and_json_are_left_alone(tmp_path: Path):
    files = {
        "template.yaml": "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  B:\n    Type: AWS::S3::Bucket\n",
        "azure.yaml": "name: chat\nservices:\n  api:\n    project: ./api\n    host: containerapp\n",
        ".github/workflows/ci.yaml": "name: ci\non: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps: []\n",
        "docker-compose.yml": "services:\n  ollama:\n    image: ollama/ollama\n    ports: ['11434:11434']\n",
        "Chart.yaml": "apiVersion: v2\nname: rag\nversion: 0.1.0\n",
        "package.json": '{"name": "x", "version": "1.0.0"}',
        "broken-workflow.yaml": "name: ci\non: [push\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    r = KubernetesSource().load(sorted(p for p in tmp_path.rglob("*") if p.is_file()), SourceContext(root=tmp_path))
    assert r.assets == [] and r.errors == [] and r.files == 0


def test_secret_values_never_leave_and_a_provider_key_is_linked(tmp_path: Path):
    key = "sk-proj-Ab3dE5gH7jK9mN1pQ3rS5tU7vW9xY1zA2bC4dE6fG8hJ0kL2"
    text = ("apiVersion: v1\nkind: Secret\nmetadata: {name: providers, namespace: ai}\n"
            f"data:\n  openai: {base64.b64encode(key.encode()).decode()}\n  db-password: aHVudGVyMjI=\n"
            "stringData:\n  note: plain-but-private\n")
    (tmp_path / "secret.yaml").write_text(text)
    loaded = _load(tmp_path, "secret.yaml", text)
    assert loaded.assets[0].properties["data"] == {"openai": "(redacted)", "db-password": "(redacted)"}
    assert loaded.assets[0].properties["stringData"] == {"note": "(redacted)"}
    r = scan([str(tmp_path)])  # the report: the last stage redacts what names a password once more
    secret = next(a for a in r.assets if a.type == "k8s:v1/Secret")
    assert any(rel.source == secret.uid and rel.verb == "holds_key_for" and rel.target == "external:openai"
               for rel in r.relations)
    out = render(r)
    assert key not in out and base64.b64encode(key.encode()).decode() not in out
    assert "aHVudGVyMjI=" not in out and "plain-but-private" not in out


def test_plain_env_key_is_one_redacted_secret_contained_by_the_workload(tmp_path: Path):
    key = "sk-proj-Xy7wV5uT3sR1qP9oN7mL5kJ3hG1fE9dC7bA5zY3xW1vU"
    text = ("apiVersion: v1\nkind: Pod\nmetadata: {name: chat}\nspec:\n  containers:\n    - name: c\n"
            f"      image: python:3.12\n      env:\n        - name: OPENAI_API_KEY\n          value: {key}\n")
    (tmp_path / "pod.yaml").write_text(text)
    r = scan([str(tmp_path)])
    secrets = [a for a in r.assets if a.type == "secret"]
    assert len(secrets) == 1 and secrets[0].origin.line == 10 and secrets[0].properties["redacted"] == "sk-p…vU"
    pod = next(a for a in r.assets if a.type == "k8s:v1/Pod")
    loaded = _load(tmp_path, "pod.yaml", text)
    assert loaded.assets[-1].properties["spec"]["containers"][0]["env"][0]["value"] == "sk-p…vU"
    assert pod.facts["plaintext_credentials"] is True
    assert [(x.verb, x.target) for x in r.relations if x.source == pod.uid] == [("contains", secrets[0].uid)]
    assert key not in render(r)


def test_malformed_manifest_is_one_error_and_the_scan_goes_on(tmp_path: Path):
    (tmp_path / "bad.yaml").write_text("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: [x\n")
    (tmp_path / "good.yaml").write_text("apiVersion: v1\nkind: Service\nmetadata: {name: ok}\n")
    r = scan([str(tmp_path)], ScanOptions(frameworks=("kubernetes",)))
    assert [(e.file, e.line) for e in r.errors] == [("bad.yaml", 5)], r.errors
    assert "Kubernetes manifest not readable" in r.errors[0].message
    assert [a.origin.address for a in r.assets] == ["Service/default/ok"]


def test_alias_bomb_is_refused_within_budget(tmp_path: Path):
    lines = ["apiVersion: v1", "kind: ConfigMap", "metadata: {name: bomb}", "a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        lines.append(f"{chr(97 + i)}: &{chr(97 + i)} [" + ", ".join([f"*{chr(96 + i)}"] * 10) + "]")
    (tmp_path / "bomb.yaml").write_text("\n".join(lines) + "\n")
    r = _load(tmp_path, "bomb.yaml", "\n".join(lines) + "\n")
    assert r.assets == [] and len(r.errors) == 1 and r.errors[0].file == "bomb.yaml"


def test_duplicate_objects_are_both_kept(tmp_path: Path):
    one = "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a, namespace: n}\n"
    r = _load(tmp_path, "dup.yaml", one + "---\n" + one)
    assert [a.uid for a in r.assets] == ["kubernetes:dup.yaml:ServiceAccount/n/a",
                                         "kubernetes:dup.yaml:ServiceAccount/n/a#2"]


def test_names():
    assert asset_type("networking.k8s.io/v1", "Ingress") == "k8s:networking.k8s.io/Ingress"
    assert asset_type("v1", "Service") == "k8s:v1/Service"
    assert address_of({"kind": "ClusterRoleBinding", "metadata": {"name": "x", "namespace": "ignored"}}) \
        == "ClusterRoleBinding/x"


def test_wrong_shapes_cost_nothing(tmp_path: Path):
    """Fields of the wrong type (a list where a map goes, numbers for names, strings for lists) give
    no error from the fact deriver or the linker, and the objects are still reported."""
    (tmp_path / "odd.yaml").write_text("""\
apiVersion: apps/v1
kind: Deployment
metadata: {name: odd, namespace: [x]}
spec:
  template:
    metadata: {labels: [a, b]}
    spec:
      serviceAccountName: {a: 1}
      volumes: 7
      containers:
        - name: c
          image: 12
          args: "--api-key"
          env: {a: b}
          envFrom: 3
          resources: {limits: {nvidia.com/gpu: 500m}}
          securityContext: {capabilities: {add: 5}, privileged: "yes"}
          volumeMounts: 4
        - just a string
---
apiVersion: v1
kind: Service
metadata: {name: 3}
spec: {type: LoadBalancer, selector: [1], loadBalancerSourceRanges: 9}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: i}
spec: {rules: 3, defaultBackend: {service: {name: [1]}}}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: b}
roleRef: [1]
subjects: 12
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: c}
roleRef: {kind: ClusterRole, name: cluster-admin}
subjects: [{kind: ServiceAccount, name: [1]}, 4]
---
apiVersion: v1
kind: Secret
metadata: {name: s}
data: {a: {nested: sk-proj-Ab3dE5gH7jK9mN1pQ3rS5tU7vW9xY1zA2bC4dE6fG8hJ0kL2}, b: "!!!not base64", c: 3}
""")
    r = scan([str(tmp_path)], ScanOptions(frameworks=("kubernetes",)))
    assert r.errors == [], r.errors
    assert len([a for a in r.assets if a.type.startswith("k8s:")]) == 6
    odd = next(a for a in r.assets if a.type == "k8s:apps/Deployment")
    assert odd.facts["gpu_count"] is None and odd.facts["privileged"] is False
    secret = next(a for a in r.assets if a.type == "k8s:v1/Secret")
    assert set(secret.properties["data"].values()) == {"(redacted)"}
