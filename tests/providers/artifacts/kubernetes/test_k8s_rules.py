"""Every AISPM-K8S rule on manifests written for it: each `cases/<rule id>/pass*.yaml` passes and
each `fail*.yaml` fails, on the asset the rule judges, scanned end to end (`aispm.scan`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from aispm.providers.artifacts.kubernetes.checks import RULES
from aispm.scan import scan

CASES = Path(__file__).parent / "cases"
IDS = [r.id for r in RULES]


def _params():
    for rid in IDS:
        for f in sorted((CASES / rid).glob("*.yaml")):
            yield pytest.param(rid, f, id=f"{rid}-{f.stem}")


def test_every_rule_has_a_passing_and_a_failing_case():
    assert sorted(p.name for p in CASES.iterdir()) == sorted(IDS)
    for rid in IDS:
        names = [f.name for f in (CASES / rid).glob("*.yaml")]
        assert any(n.startswith("pass") for n in names) and any(n.startswith("fail") for n in names), rid


def test_rules_are_in_the_catalogue():
    from aispm import registry

    ids = {r.id for r in registry.rules()}
    assert set(IDS) <= ids
    for r in RULES:
        assert r.provider == "artifacts" and r.fix.steps and r.fix.changes and r.remediation


@pytest.mark.parametrize("rule_id, case", list(_params()))
def test_case(rule_id: str, case: Path):
    r = scan([str(case)])
    assert r.errors == [], r.errors
    rule = next(x for x in RULES if x.id == rule_id)
    judged = [a for a in r.assets if a.type in rule.resource_types]
    assert judged, f"{case.name}: no {rule.resource_types} asset"
    statuses = {str(f.status) for f in r.findings if f.rule_id == rule_id}
    want = "pass" if case.name.startswith("pass") else "fail"
    assert statuses == {want}, (case.name, statuses, [a.facts for a in judged])


def test_nodeport_exposure_is_unknown_not_a_pass():
    """A NodePort Service reaches the internet only when the nodes have public addresses: AISPM-K8S-001
    says unknown, not pass or fail."""
    text = (CASES / "AISPM-K8S-001" / "fail.yaml").read_text().replace("type: LoadBalancer", "type: NodePort")
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        (Path(d) / "ollama.yaml").write_text(text)
        r = scan([d])
    assert {str(f.status) for f in r.findings if f.rule_id == "AISPM-K8S-001"} == {"unknown"}
    assert any(p.status == "possible" for p in r.attack_paths) or not r.attack_paths
