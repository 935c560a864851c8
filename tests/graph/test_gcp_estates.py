"""The AI attack-path catalogue (reference §2.4) on Google Cloud estates, scanned end to end.

As `test_estates.py` does for Azure: each `estates/gcp-<nn>-<slug>/` is a small realistic
Terraform estate in two variants, `found/` (the catalogue path, from the expected entry to the
expected target through exactly the expected steps, confirmed) and `broken/` (one change that
breaks it: no path links that entry to that target any more).

- 6: an internet-exposed Compute Engine VM runs as a service account with `roles/aiplatform.user`
  on the project, which reaches the Vertex AI endpoint (broken: the role is `aiplatform.viewer`);
- 1: a public Vector Search index endpoint deploys an index grounded on a bucket of embeddings
  (broken: Private Service Connect, no public endpoint);
- 4: a Terraform output returns a service account's private key in clear text; the account's
  project role reaches a Vertex AI endpoint (broken: the output is `sensitive`);
- 7: a bucket used for grounding is readable by `allUsers` (broken: public access prevention).
"""

from __future__ import annotations

import pytest
from estate_harness import ESTATES, At, between, find_asset, listing, scanned, walk
from test_estates import Case, expected_walk

TF = "infra/main.tf"

CASES = (
    Case(
        "gcp-06-exposed-vm-vertex-role", 6, "internet-exposed-compute", "model-deployment",
        steps=((At(TF, "google_compute_instance.scorer"), None),
               (At(TF, "google_service_account.scorer"), "runs_as"),
               (At(TF, "google_vertex_ai_endpoint.claims"), "has_role_on")),
        broken_by="the project role of the VM's service account narrowed to roles/aiplatform.viewer",
        title_has=("Widely internet-exposed Compute Engine VM claims-scorer runs as service account claims-scorer, "
                   "which has role roles/aiplatform.user on Vertex AI endpoint claims-fraud",),
        risk_factors=frozenset({"internet-exposure", "permissions"}),
    ),
    Case(
        "gcp-01-exposed-vector-search", 1, "internet-exposed-ai-endpoint", "grounding-data",
        steps=((At(TF, "google_vertex_ai_index_endpoint.hr"), None),
               (At(TF, "google_vertex_ai_index.handbook"), "deploys"),
               (At(TF, "google_storage_bucket.handbook"), "grounded_on")),
        broken_by="public_endpoint_enabled = false and Private Service Connect on the index endpoint",
        title_has=("Widely internet-exposed Vertex AI index endpoint hr-assistant deploys Vertex AI Vector Search "
                   "index hr-handbook, which is grounded on Cloud Storage bucket acme-hr-handbook-embeddings",),
        risk_factors=frozenset({"internet-exposure", "sensitive-data"}),
    ),
    Case(
        "gcp-04-key-in-terraform-output", 4, "leaked-credential", "model-deployment",
        steps=((At(TF, "output.deployer_key"), None),
               (At(TF, "google_service_account.deployer"), "holds_key_for"),
               (At(TF, "google_vertex_ai_endpoint.summarizer"), "has_role_on")),
        broken_by="sensitive = true on the output",
        title_has=("Terraform output deployer_key in infra/main.tf:21 holds a key to service account docs-deployer, "
                   "which has role roles/aiplatform.user on Vertex AI endpoint contract-summarizer",),
        risk_factors=frozenset({"secrets", "permissions"}),
    ),
    Case(
        "gcp-07-public-grounding-bucket", 7, "public-storage", "grounding-data",
        steps=((At(TF, "google_storage_bucket.manuals"), None),),
        broken_by="public_access_prevention = \"enforced\" on the bucket",
        title_has=("Publicly accessible Cloud Storage bucket acme-support-manuals is used for AI grounding",),
        risk_factors=frozenset({"public-access", "sensitive-data"}),
    ),
)


def test_every_gcp_estate_has_found_broken_and_a_case():
    on_disk = sorted(p.name for p in ESTATES.iterdir() if p.is_dir() and p.name.startswith("gcp-"))
    assert on_disk == sorted(c.estate for c in CASES)
    for name in on_disk:
        assert (ESTATES / name / "found").is_dir() and (ESTATES / name / "broken").is_dir(), name
    assert {c.catalogue for c in CASES} == {1, 4, 6, 7}


@pytest.mark.parametrize("case", CASES, ids=str)
def test_found(case: Case):
    r = scanned(case.estate, "found")
    assert r.errors == [], r.errors
    for at, _ in case.steps:
        assert find_asset(r, at) is not None, f"{at} not in the scan"
    paths = between(r, case.entry, case.target)
    exact = [p for p in paths if walk(r, p) == expected_walk(case)]
    assert len(exact) == 1, (
        f"expected one path {expected_walk(case)}; paths {case.entry} → {case.target}: "
        f"{[walk(r, p) for p in paths]}\nall paths:\n{listing(r)}")
    p = exact[0]
    assert p.status == "confirmed" and p.unknowns == [], (p.status, p.unknowns)
    assert p.entry_kind == case.entry_kind and p.target_kind == case.target_kind, (p.entry_kind, p.target_kind)
    for words in case.title_has:
        assert words in p.title, p.title
    assert case.risk_factors <= set(p.risk_factors), p.risk_factors
    assert p.remediation and 0 < p.score <= 100
    assert len(p.steps) == min(len(q.steps) for q in paths)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_broken(case: Case):
    r = scanned(case.estate, "broken")
    assert r.errors == [], r.errors
    assert find_asset(r, case.target) is not None, f"target {case.target} not in the broken scan"
    assert find_asset(r, case.entry) is not None, f"entry {case.entry} not in the broken scan"
    assert between(r, case.entry, case.target) == [], f"broken by {case.broken_by}, yet:\n{listing(r)}"


# --------------------------------------------------------------------------- specific checks


def test_06_the_role_comes_from_the_project_binding():
    r = scanned("gcp-06-exposed-vm-vertex-role", "found")
    sa = find_asset(r, At(TF, "google_service_account.scorer"))
    ep = find_asset(r, At(TF, "google_vertex_ai_endpoint.claims"))
    rels = [x for x in r.relations if x.source == sa.uid and x.verb == "has_role_on" and x.target == ep.uid]
    assert len(rels) == 1
    props = dict(rels[0].properties)
    assert props["role"] == "roles/aiplatform.user"
    assert props["assignment"].endswith("google_project_iam_member.scorer_vertex")
    # a Vertex AI role reaches Vertex AI resources only: not the VM itself
    vm = find_asset(r, At(TF, "google_compute_instance.scorer"))
    assert not [x for x in r.relations if x.verb == "has_role_on" and x.target == vm.uid]
    assert vm.facts["public_ip"] is True and vm.facts["internet_exposed"] is True


def test_04_the_output_is_a_secret_and_the_remediation_names_it():
    case = CASES[2]
    r = scanned(case.estate, "found")
    out = find_asset(r, case.entry)
    assert str(out.kind) == "secret" and out.facts["output_secure"] is False
    sa = find_asset(r, At(TF, "google_service_account.deployer"))
    assert sa.facts["user_managed_keys"] is True
    p = next(p for p in between(r, case.entry, case.target) if walk(r, p) == expected_walk(case))
    assert "deployer_key" in p.remediation
    fails = {f.rule_id for f in r.findings if f.status.value == "fail"}
    assert {"AISPM-GCP-020", "AISPM-GCP-021"} <= fails
    broken = find_asset(scanned(case.estate, "broken"), case.entry)
    assert str(broken.kind) == "other" and broken.facts["output_secure"] is True


def test_07_the_public_binding_was_folded_into_the_bucket():
    r = scanned("gcp-07-public-grounding-bucket", "found")
    bucket = find_asset(r, At(TF, "google_storage_bucket.manuals"))
    assert bucket.properties["iamPolicy"]["bindings"] == [{"role": "roles/storage.objectViewer", "members": ["allUsers"]}]
    assert not [a for a in r.assets if a.type.endswith("#iam")]  # the IAM resource is not an asset of its own
    assert {"allows_public_access", "used_for_ai_grounding"} <= bucket.insights
    assert any(f.rule_id == "AISPM-GCP-017" and f.status.value == "fail" for f in r.findings)
