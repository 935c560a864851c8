"""Rules on Kubernetes workloads and service accounts (`AISPM-K8S-NNN`).

Facts come from `facts.py` (one manifest) and `linker.py` (Services, routes, RBAC, service accounts).
Peer ids are Checkov's Kubernetes checks, each read in its source (`checkov/kubernetes/checks/
resource/k8s/`): CKV_K8S_16 privileged, CKV_K8S_39 CAP_SYS_ADMIN, CKV_K8S_19 / CKV_K8S_18 host
network / IPC namespaces, CKV_K8S_23 root containers, CKV_K8S_38 service-account tokens, CKV_K8S_49
wildcards in roles. The AI rules (K8S-001, K8S-008) have no peer: Defender for Cloud's alert
*Exposed Kubernetes service detected* names the risk without a configuration check.
"""

from __future__ import annotations

import textwrap

from aispm.model import Pillar, References, Severity
from aispm.rules.engine import Change, Fix, Rule, is_false
from aispm.compliance import controls

WORKLOAD_TYPES = ("k8s:apps/Deployment", "k8s:apps/StatefulSet", "k8s:apps/DaemonSet", "k8s:apps/ReplicaSet",
                  "k8s:v1/Pod", "k8s:v1/ReplicationController", "k8s:batch/Job", "k8s:batch/CronJob")
SERVICE_ACCOUNT = ("k8s:v1/ServiceAccount",)
_EXPOSED_DOC = "https://learn.microsoft.com/azure/defender-for-cloud/alerts-containers"
_PSS = "https://kubernetes.io/docs/concepts/security/pod-security-standards/"
_RBAC = "https://kubernetes.io/docs/concepts/security/rbac-good-practices/"


def _yaml(code: str, note: str = "") -> Change:
    return Change("config", textwrap.dedent(code).strip("\n"), target="the workload's manifest", lang="yaml", note=note)


def _is_ai(facts: dict) -> bool:
    return isinstance(facts.get("ai_server"), str)


def _exposed_without_auth(facts: dict) -> bool | None:
    exposed, auth = facts.get("internet_exposed"), facts.get("user_authentication")
    if exposed is False or auth is True:
        return True
    if exposed is True and auth is False:
        return False
    return None


def _token_on_exposed(facts: dict) -> bool | None:
    exposed, mount = facts.get("internet_exposed"), facts.get("automount_token")
    if exposed is False or mount is False:
        return True
    if exposed is True and mount is True:
        return False
    return None


def _narrow_rbac(facts: dict) -> bool | None:
    values = [facts.get(n) for n in ("rbac_wildcard", "rbac_reads_secrets", "cluster_admin")]
    if True in values:
        return False
    return None if None in values else True


RULES = [
    Rule(
        id="AISPM-K8S-001",
        title="Model servers and AI apps exposed to the internet should require authentication",
        severity=Severity.CRITICAL, pillar=Pillar.NETWORK, resource_types=WORKLOAD_TYPES,
        facts=("ai_server", "internet_exposed", "user_authentication"), check=_exposed_without_auth,
        applies=_is_ai, provider="artifacts",
        scope="workloads that run a model server or AI app (vLLM, Ollama, TGI, Triton, TorchServe, Ray Serve, "
              "llama.cpp server, LiteLLM proxy, MCP servers)",
        risk="Anyone on the internet can call the model (running up cost, extracting data it was given, or — for "
             "Ollama — pulling and deleting models), and what the server can reach becomes theirs.",
        remediation="Require a key on the server (vLLM --api-key, LiteLLM master key) or put it behind an "
                    "authenticating gateway, and keep its Service internal (ClusterIP).",
        fix=Fix(steps=("Store a key in a Secret and pass it to the server (`--api-key` from `VLLM_API_KEY`; "
                       "`LITELLM_MASTER_KEY`; llama.cpp `--api-key-file`).",
                       "Ollama, Triton and Ray Serve have no authentication: serve them behind an authenticating "
                       "proxy or gateway only.",
                       "Change the Service to `type: ClusterIP` (or an internal load balancer) and publish it "
                       "through an Ingress that authenticates."),
                changes=(_yaml("""
                    spec:
                      template:
                        spec:
                          containers:
                            - name: vllm
                              image: vllm/vllm-openai:v0.6.3
                              args: ["--model", "meta-llama/Llama-3.1-8B-Instruct"]
                              env:
                                - name: VLLM_API_KEY
                                  valueFrom:
                                    secretKeyRef: {name: vllm-api-key, key: key}
                    ---
                    apiVersion: v1
                    kind: Service
                    spec:
                      type: ClusterIP
                    """, note="the Deployment and its Service"),)),
        references=References(defender_indicator="Exposed Kubernetes service detected", urls=(_EXPOSED_DOC,),
                              compliance=controls("LLM10 AML.T0040 GAI:information-security")),
    ),
    Rule(
        id="AISPM-K8S-002",
        title="Provider API keys should not be written in plain env values or ConfigMaps",
        severity=Severity.HIGH, pillar=Pillar.IDENTITY, resource_types=WORKLOAD_TYPES,
        facts=("plaintext_credentials",), check=is_false("plaintext_credentials"), provider="artifacts",
        risk="A key in a manifest is in every clone of the repository, every rendered chart and every reader of "
             "the object (`kubectl get -o yaml` needs no access to Secrets).",
        remediation="Move the key to a Secret (or an external secret store) and reference it with "
                    "`valueFrom.secretKeyRef`; rotate the key that was written in plain text.",
        fix=Fix(steps=("Rotate the key: it is in the repository's history.",
                       "Create a Secret from a secret store (External Secrets, CSI driver) or `kubectl create secret`.",
                       "Reference it from the container with `valueFrom.secretKeyRef`."),
                changes=(_yaml("""
                    env:
                      - name: OPENAI_API_KEY
                        valueFrom:
                          secretKeyRef: {name: openai, key: api-key}
                    """),)),
        references=References(checkov=("CKV_K8S_35",), compliance=controls("LLM02 AML.T0055 GAI:information-security"),
                              urls=("https://kubernetes.io/docs/concepts/configuration/secret/",)),
    ),
    Rule(
        id="AISPM-K8S-003",
        title="Containers should not run privileged",
        severity=Severity.HIGH, pillar=Pillar.IDENTITY, resource_types=WORKLOAD_TYPES,
        facts=("privileged",), check=is_false("privileged"), provider="artifacts",
        risk="A privileged container (or one with CAP_SYS_ADMIN) can take over its node, and every pod and "
             "credential on it — GPU nodes often carry several model servers.",
        remediation="Remove `privileged: true` and `SYS_ADMIN`; GPUs are given through the device plugin "
                    "(`nvidia.com/gpu` limits), not privilege.",
        fix=Fix(steps=("Remove `securityContext.privileged: true` and the `SYS_ADMIN` capability.",
                       "Request GPUs as `resources.limits.nvidia.com/gpu`."),
                changes=(_yaml("""
                    securityContext:
                      privileged: false
                      allowPrivilegeEscalation: false
                      capabilities: {drop: ["ALL"]}
                    """),)),
        references=References(checkov=("CKV_K8S_16", "CKV_K8S_39"), urls=(_PSS,),
                              compliance=controls("ASI05 AML.T0105 GAI:information-security")),
    ),
    Rule(
        id="AISPM-K8S-004",
        title="Pods should not share the host's network, PID or IPC namespace",
        severity=Severity.MEDIUM, pillar=Pillar.NETWORK, resource_types=WORKLOAD_TYPES,
        facts=("host_network",), check=is_false("host_network"), provider="artifacts",
        risk="A pod on the host network listens on the node's addresses (outside Services and network "
             "policies) and can reach the node's local endpoints, the cloud metadata service included.",
        remediation="Remove `hostNetwork`, `hostPID` and `hostIPC`; publish ports through a Service.",
        fix=Fix(steps=("Remove `hostNetwork: true` (and `hostPID`, `hostIPC`) from the pod spec.",),
                changes=(_yaml("""
                    spec:
                      hostNetwork: false
                      hostPID: false
                      hostIPC: false
                    """),)),
        references=References(checkov=("CKV_K8S_19", "CKV_K8S_18"), urls=(_PSS,),
                              compliance=controls("AML.T0105 GAI:information-security")),
    ),
    Rule(
        id="AISPM-K8S-005",
        title="Pods should not mount host paths",
        severity=Severity.MEDIUM, pillar=Pillar.DATA, resource_types=WORKLOAD_TYPES,
        facts=("host_path",), check=is_false("host_path"), provider="artifacts",
        risk="A hostPath volume reads (or writes) the node's files: other pods' data, kubelet credentials, the "
             "container runtime socket.",
        remediation="Load models from a PersistentVolumeClaim, an image or object storage instead of a host path.",
        fix=Fix(steps=("Replace the `hostPath` volume by a PersistentVolumeClaim (or an image volume).",),
                changes=(_yaml("""
                    volumes:
                      - name: models
                        persistentVolumeClaim: {claimName: models}
                    """),)),
        references=References(urls=(_PSS,),
                              compliance=controls("AML.T0105 GAI:information-security")),
    ),
    Rule(
        id="AISPM-K8S-006",
        title="Containers should not run as root",
        severity=Severity.MEDIUM, pillar=Pillar.IDENTITY, resource_types=WORKLOAD_TYPES,
        facts=("root_access",), check=is_false("root_access"), provider="artifacts",
        risk="Code run by the model server (a malicious model file, a prompt-injected tool) runs as root in the "
             "container, one step from the node.",
        remediation="Set `runAsNonRoot: true` and a non-zero `runAsUser`.",
        fix=Fix(steps=("Set `securityContext.runAsNonRoot: true` and `runAsUser` to a non-zero id on the pod.",),
                changes=(_yaml("""
                    securityContext:
                      runAsNonRoot: true
                      runAsUser: 10001
                    """),)),
        references=References(checkov=("CKV_K8S_23",), urls=(_PSS,),
                              compliance=controls("AML.T0105 GAI:information-security")),
    ),
    Rule(
        id="AISPM-K8S-007",
        title="Service accounts should not have broad RBAC (wildcards, reading secrets, cluster-admin)",
        severity=Severity.HIGH, pillar=Pillar.IDENTITY, resource_types=SERVICE_ACCOUNT,
        facts=("rbac_wildcard", "rbac_reads_secrets", "cluster_admin"), check=_narrow_rbac, provider="artifacts",
        risk="Whoever runs code in a pod of this account (through an exposed, unauthenticated AI app) reads every "
             "Secret it may read — provider keys included — or controls the cluster.",
        remediation="Bind the account to a Role listing the verbs and resources it needs, without `*`, without "
                    "`secrets` unless named in `resourceNames`, never to `cluster-admin`.",
        fix=Fix(steps=("List what the workload calls on the API server (often nothing).",
                       "Replace the binding by a Role with those verbs and resources only; name single Secrets "
                       "in `resourceNames`."),
                changes=(_yaml("""
                    apiVersion: rbac.authorization.k8s.io/v1
                    kind: Role
                    metadata: {name: vllm, namespace: ai}
                    rules:
                      - apiGroups: [""]
                        resources: ["configmaps"]
                        resourceNames: ["vllm-config"]
                        verbs: ["get"]
                    """),)),
        references=References(checkov=("CKV_K8S_49",), urls=(_RBAC,),
                              compliance=controls("AML.T0012 GAI:information-security")),
    ),
    Rule(
        id="AISPM-K8S-008",
        title="Internet-exposed AI workloads should not mount a service-account token",
        severity=Severity.MEDIUM, pillar=Pillar.IDENTITY, resource_types=WORKLOAD_TYPES,
        facts=("ai_server", "internet_exposed", "automount_token"), check=_token_on_exposed, applies=_is_ai,
        provider="artifacts", scope="workloads that run a model server or AI app",
        risk="An attacker who gets code run in an exposed model server (a malicious model, an unauthenticated "
             "admin API) reads the mounted token and acts on the cluster as the service account.",
        remediation="Set `automountServiceAccountToken: false` on the pod (or its service account).",
        fix=Fix(steps=("Set `automountServiceAccountToken: false` on the pod spec or the service account.",),
                changes=(_yaml("""
                    spec:
                      template:
                        spec:
                          automountServiceAccountToken: false
                    """),)),
        references=References(checkov=("CKV_K8S_38",), urls=(_RBAC,),
                              compliance=controls("LLM02 AML.T0055 GAI:information-security")),
    ),
]
