"""`examples/vertex-ai` scans as its README says: four failing rules, one attack path, no input error."""

from __future__ import annotations

from pathlib import Path

from aispm.model import Status
from aispm.scan import scan

EXAMPLE = Path(__file__).parents[3] / "examples" / "vertex-ai"


def test_the_vertex_ai_example_has_its_findings_and_one_attack_path():
    r = scan([EXAMPLE])
    assert r.errors == [], r.errors
    failing = sorted(f.rule_id for f in r.findings if f.status is Status.FAIL)
    assert failing == ["AISPM-GCP-003", "AISPM-GCP-005", "AISPM-GCP-009", "AISPM-GCP-019"]
    assert [p.title for p in r.attack_paths] == [
        "Widely internet-exposed Cloud Run service claims-api runs as service account claims-api, which has role "
        "roles/aiplatform.user on Vertex AI endpoint claims-chat"]
    assert r.attack_paths[0].status == "confirmed"
