"""Services moto does not emulate (Bedrock guardrails, Cloud Control for Kendra and KMS), covered by a
recording in placebo's layout written from the APIs' documented answers, replayed through the
collector: shapes, facts, findings, a recorded throttle retried with the wait it asked for, calls the
recording lacks as gaps, and files a snapshot source must refuse."""

from __future__ import annotations

import shutil
from pathlib import Path

from aispm.live.context import LiveContext, LiveOptions
from aispm.live.targets import parse_target
from aispm.providers.aws.live.collector import collect
from aispm.providers.aws.live.snapshot import AwsSnapshotSource
from aispm.scan import ScanOptions, scan

FIXTURE = Path(__file__).parent / "fixtures" / "bedrock-guardrail-kendra"
ACCOUNT = "111122223333"


def _scan(path: Path):
    return scan([str(path)], ScanOptions(attack_paths=False, vulnerabilities=False))


def _status(result, rule: str, asset) -> str:
    got = [f for f in result.findings if f.rule_id == rule and f.asset_uid == asset.uid]
    assert got, f"{rule} did not judge {asset.uid}"
    return str(got[0].status)


def test_a_recorded_guardrail_kendra_index_and_key_become_assets_judged_by_the_rules() -> None:
    result = _scan(FIXTURE)
    by_type = {a.type: a for a in result.assets}
    g = by_type["AWS::Bedrock::Guardrail"]
    assert g.uid == f"live:aws:arn:aws:bedrock:us-east-1:{ACCOUNT}:guardrail/gr7abc1234xy"
    assert g.origin.file == "aws://audit/us-east-1" and g.origin.format == "live"
    filters = g.properties["ContentPolicyConfig"]["FiltersConfig"]
    assert {"Type": "PROMPT_ATTACK", "InputStrength": "LOW"}.items() <= filters[2].items()
    assert g.properties["WordPolicyConfig"]["ManagedWordListsConfig"][0]["Type"] == "PROFANITY"
    assert g.facts["prompt_attack_strength"] == "LOW" and g.facts["sensitive_information_filter"] is False
    assert _status(result, "AISPM-AWS-010", g) == "fail"  # prompt attacks not blocked at high strength
    assert _status(result, "AISPM-AWS-011", g) == "fail"
    assert _status(result, "AISPM-AWS-012", g) == "fail"
    version = by_type["AWS::Bedrock::GuardrailVersion"]
    assert version.properties["Version"] == "1" and version.parent == g.uid
    index = by_type["AWS::Kendra::Index"]
    assert index.properties["Edition"] == "DEVELOPER_EDITION"  # Cloud Control's answer is the CloudFormation model
    assert _status(result, "AISPM-AWS-040", index) == "fail" and _status(result, "AISPM-AWS-041", index) == "fail"
    key = by_type["AWS::KMS::Key"]
    assert key.facts["key_rotation"] is False
    prov = result.provenance[0]
    assert (prov["kind"], prov["target"], prov["account"], prov["taken_at"]) == \
        ("snapshot", "aws://audit", ACCOUNT, "2025-03-20T10:00:00Z")
    gaps = {(g.scope, g.service, g.operation): g.reason for g in result.gaps}
    # what the recording does not hold is unknown, not an error: the scan went on
    assert gaps[("aws://audit/us-east-1", "bedrock", "GetModelInvocationLoggingConfiguration")] == "not in the snapshot"
    assert gaps[("aws://audit/global", "iam", "GetAccountAuthorizationDetails")] == "not in the snapshot"
    assert ("aws://audit/us-east-1", "bedrock", "ListGuardrails") not in gaps  # the throttle was retried
    assert result.errors == []


def test_a_recorded_throttle_is_retried_after_the_wait_it_asked_for() -> None:
    waits: list[float] = []
    ctx = LiveContext(options=LiveOptions(regions=("us-east-1",)), sleep=waits.append)
    got = collect(parse_target("aws://audit"), ctx, replay=FIXTURE / "record" / "aws")
    assert len(waits) == 1 and 2.0 <= waits[0] <= 2.5  # Retry-After: 2, plus jitter
    assert ctx.operations.count(("bedrock", "ListGuardrails")) == 2  # the list, then the guardrail's versions
    assert any(a.type == "AWS::Bedrock::Guardrail" for a in got.assets)


def test_a_throttle_that_does_not_stop_is_a_gap(tmp_path: Path) -> None:
    snap = tmp_path / "snap"
    shutil.copytree(FIXTURE, snap)
    folder = snap / "record" / "aws" / "us-east-1"
    throttle = (folder / "bedrock.ListGuardrails_1.json").read_text()
    for n in (2, 3):
        (folder / f"bedrock.ListGuardrails_{n}.json").write_text(throttle)
    ctx = LiveContext(options=LiveOptions(regions=("us-east-1",), retries=2), sleep=lambda _s: None)
    got = collect(parse_target("aws://audit"), ctx, replay=snap / "record" / "aws")
    assert any(g.operation == "ListGuardrails" and g.reason.startswith("throttled") for g in ctx.gaps)
    assert not any(a.type == "AWS::Bedrock::Guardrail" for a in got.assets)
    assert any(a.type == "AWS::Kendra::Index" for a in got.assets)  # the rest of the region was read


def test_a_broken_file_is_an_error_and_its_call_a_gap(tmp_path: Path) -> None:
    snap = tmp_path / "snap"
    shutil.copytree(FIXTURE, snap)
    (snap / "record/aws/us-east-1/cloudcontrolapi.GetResource_1.json").write_text("{not json")
    result = _scan(snap)
    assert not any(a.type == "AWS::Kendra::Index" for a in result.assets)
    assert any(a.type == "AWS::Bedrock::Guardrail" for a in result.assets)
    assert any(g.operation == "GetResource" and g.reason == "not in the snapshot" for g in result.gaps)


def test_the_snapshot_source_claims_only_placebo_answers_under_record_aws(tmp_path: Path) -> None:
    src = AwsSnapshotSource()
    assert src.claims(FIXTURE / "record/aws/us-east-1/bedrock.ListGuardrails_1.json")
    assert src.claims(Path("x/record/aws/eu-west-1/api.sagemaker.DescribeNotebookInstance_12.json"))
    for other in ("record/aws/us-east-1/notes.json", "record/gcp/p/bedrock.ListGuardrails_1.json",
                  "infra/bedrock.ListGuardrails_1.json", "record/aws/us-east-1/bedrock.ListGuardrails_1.yaml",
                  "aispm-snapshot.json", "package.json"):
        assert not src.claims(tmp_path / other), other


def test_a_snapshot_never_reads_outside_the_scan(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    shutil.copytree(FIXTURE, outside)
    scanned = tmp_path / "scanned"
    shutil.copytree(FIXTURE, scanned)
    target = scanned / "record/aws/us-east-1/bedrock.GetGuardrail_1.json"
    target.unlink()
    target.symlink_to(outside / "record/aws/us-east-1/bedrock.GetGuardrail_1.json")
    result = _scan(scanned)
    assert not any(a.type == "AWS::Bedrock::Guardrail" for a in result.assets)
    assert any(a.type == "AWS::Kendra::Index" for a in result.assets)
    assert [g.operation for g in result.gaps].count("GetGuardrail") == 1


PROMPT_FLOW = Path(__file__).parent / "fixtures" / "bedrock-prompt-flow"


def test_recorded_prompts_and_flows_become_assets_and_a_flows_nodes_become_relations() -> None:
    """moto 5.2.5 answers ListPrompts and ListFlows with HTTP 500: a recording of the documented
    answers goes through the collector. A flow whose nodes run a managed prompt, query a knowledge
    base and call an agent is joined to each of them."""
    result = _scan(PROMPT_FLOW)
    by_type = {a.type: a for a in result.assets}
    prompt, flow = by_type["AWS::Bedrock::Prompt"], by_type["AWS::Bedrock::Flow"]
    assert prompt.uid == f"live:aws:arn:aws:bedrock:us-east-1:{ACCOUNT}:prompt/PROMPT1234"
    variant = prompt.properties["Variants"][0]
    assert variant["TemplateConfiguration"]["Text"]["Text"].startswith("Summarise this ticket")
    assert variant["ModelId"].startswith("anthropic.") and prompt.properties["CustomerEncryptionKeyArn"]
    assert "Arn" not in prompt.properties and "CreatedAt" not in prompt.properties  # bookkeeping is dropped
    assert flow.properties["ExecutionRoleArn"].endswith("AmazonBedrockExecutionRoleForFlows_triage")
    assert [n["Type"] for n in flow.properties["Definition"]["Nodes"]] == \
        ["Input", "Prompt", "KnowledgeBase", "Agent", "Output"]
    edges = {(r.verb, r.target) for r in result.relations if r.source == flow.uid}
    assert edges == {("runs", prompt.uid), ("grounded_on", by_type["AWS::Bedrock::KnowledgeBase"].uid),
                     ("calls", by_type["AWS::Bedrock::Agent"].uid)}
    assert result.errors == []
