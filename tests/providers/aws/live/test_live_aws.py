"""The AWS live collector against moto in server mode (real boto3 clients over HTTP on loopback):
CloudFormation shapes, the existing rules on live assets, gaps for what moto does not emulate or
an identity may not read, read-only operations, the deadline, snapshots that give the same report,
and no secret in a report or a snapshot."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from aispm.cli import main
from aispm.live.context import LiveContext, LiveOptions, is_read
from aispm.providers.aws.live.readonly import SAFE_OPERATIONS
from aispm.live.targets import parse_target
from aispm.providers.aws import live as aws_live
from aispm.providers.aws.live.collector import collect
from aispm.scan import ScanOptions, scan

REGIONS = ("eu-west-1", "us-east-1")  # as the estate (conftest) seeds them
ACCOUNT = "123456789012"

PACKAGE = Path(aws_live.__file__).parent
SECRET = "sk-proj-" + "a" * 40


def _scan(url: str, *targets: str, **live):
    options = LiveOptions(endpoint_url=url, regions=live.pop("regions", REGIONS), **live)
    return scan(list(targets) or ["aws://"], ScanOptions(attack_paths=False, vulnerabilities=False, live=options))


@pytest.fixture(scope="module")
def live(estate):
    return _scan(estate["url"])


def _one(result, cfn_type: str, name: str):
    got = [a for a in result.assets if a.type == cfn_type and a.name == name]
    assert len(got) == 1, [(a.type, a.name) for a in result.assets]
    return got[0]


def _status(result, rule: str, asset) -> str:
    got = [f for f in result.findings if f.rule_id == rule and f.asset_uid == asset.uid]
    assert got, f"{rule} did not judge {asset.uid}"
    return str(got[0].status)


# -- shapes -----------------------------------------------------------------------------------------

def test_live_assets_have_cloudformation_types_properties_origins_and_ids(live) -> None:
    nb = _one(live, "AWS::SageMaker::NotebookInstance", "nb-open")
    arn = f"arn:aws:sagemaker:eu-west-1:{ACCOUNT}:notebook-instance/nb-open"
    assert nb.uid == f"live:aws:{arn}" and nb.cloud_id == arn
    assert (nb.origin.file, nb.origin.line, nb.origin.address, nb.origin.format) == \
        ("aws://default/eu-west-1", 0, arn, "live")
    assert nb.properties["DirectInternetAccess"] == "Enabled"
    assert nb.properties["RoleArn"] == f"arn:aws:iam::{ACCOUNT}:role/nb-admin"
    closed = _one(live, "AWS::SageMaker::NotebookInstance", "nb-closed")
    assert closed.properties["SecurityGroupIds"] == ["sg-12345678"] and closed.properties["SubnetId"]
    role = _one(live, "AWS::IAM::Role", "nb-admin")
    assert role.origin.file == "aws://default/global"
    assert role.properties["Policies"][0]["PolicyDocument"]["Statement"][0]["Action"] == "*"
    assert role.properties["AssumeRolePolicyDocument"]["Statement"][0]["Principal"] == \
        {"Service": "sagemaker.amazonaws.com"}
    agent = _one(live, "AWS::Bedrock::Agent", "helpdesk")
    assert agent.properties["FoundationModel"].startswith("anthropic.") and "AgentResourceRoleArn" in agent.properties
    kb = _one(live, "AWS::Bedrock::KnowledgeBase", "kb-docs")
    assert kb.properties["StorageConfiguration"]["OpensearchServerlessConfiguration"]["FieldMapping"] == \
        {"VectorField": "v", "TextField": "t", "MetadataField": "m"}
    bucket = _one(live, "AWS::S3::Bucket", "docs-private")
    assert bucket.properties["PublicAccessBlockConfiguration"]["BlockPublicPolicy"] is True
    assert bucket.properties["BucketEncryption"]["ServerSideEncryptionConfiguration"][0][
        "ServerSideEncryptionByDefault"]["SSEAlgorithm"] == "aws:kms"
    sg = _one(live, "AWS::EC2::SecurityGroup", "open-ssh")
    assert {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0"} in \
        sg.properties["SecurityGroupIngress"]
    perm = _one(live, "AWS::Lambda::Permission", "ask-public-url")
    assert perm.properties["Principal"] == "*" and perm.properties["Action"] == "lambda:InvokeFunctionUrl"
    assert {a.type for a in live.assets} >= {
        "AWS::Bedrock::CustomModel", "AWS::Bedrock::ModelInvocationLoggingConfiguration", "AWS::SageMaker::Domain",
        "AWS::SageMaker::Model", "AWS::SageMaker::EndpointConfig", "AWS::OpenSearchServerless::Collection",
        "AWS::OpenSearchServerless::SecurityPolicy", "AWS::Comprehend::EntityRecognizer", "AWS::Lambda::Function",
        "AWS::EC2::Instance", "AWS::BedrockAgentCore::Runtime", "AWS::IAM::ManagedPolicy"}
    assert live.provenance == [{"cloud": "aws", "account": ACCOUNT, "principal": f"arn:aws:sts::{ACCOUNT}:user/moto",
                                "profile": "default", "regions": "eu-west-1,us-east-1", "kind": "live",
                                "target": "aws://"}]


def test_facts_and_existing_rules_judge_live_assets(live) -> None:
    nb_open = _one(live, "AWS::SageMaker::NotebookInstance", "nb-open")
    nb_closed = _one(live, "AWS::SageMaker::NotebookInstance", "nb-closed")
    assert _status(live, "AISPM-AWS-025", nb_open) == "fail"  # direct internet access
    assert _status(live, "AISPM-AWS-025", nb_closed) == "pass"
    assert _status(live, "AISPM-AWS-026", nb_open) == "fail"  # root access
    assert _status(live, "AISPM-AWS-034", nb_open) == "fail"  # runs as a role with admin access (linked)
    assert _status(live, "AISPM-AWS-034", nb_closed) == "pass"
    eu = _one(live, "AWS::Bedrock::ModelInvocationLoggingConfiguration", "invocation-logging-eu-west-1")
    us = _one(live, "AWS::Bedrock::ModelInvocationLoggingConfiguration", "invocation-logging-us-east-1")
    assert _status(live, "AISPM-AWS-009", eu) == "fail" and _status(live, "AISPM-AWS-009", us) == "pass"
    helpdesk = _one(live, "AWS::Bedrock::Agent", "helpdesk")
    assert _status(live, "AISPM-AWS-002", helpdesk) == "fail"  # no guardrail
    # no Bedrock interface endpoint in the account's VPCs (linked; the region is the agent ARN's)
    assert _status(live, "AISPM-AWS-047", helpdesk) == "fail"
    assert "in eu-west-1" in helpdesk.evidence["private_link"].note
    assert _status(live, "AISPM-AWS-024", _one(live, "AWS::SageMaker::Domain", "studio")) == "fail"
    assert _status(live, "AISPM-AWS-042", _one(live, "AWS::Comprehend::EntityRecognizer", "names")) == "fail"
    coll = _one(live, "AWS::OpenSearchServerless::Collection", "kb-vectors")
    assert coll.facts["public_network_access"] is True and coll.facts["customer_managed_key"] is True
    assert _one(live, "AWS::S3::Bucket", "docs-public").facts["public_access"] is True
    assert _one(live, "AWS::S3::Bucket", "docs-private").facts["public_access_blocked"] is True
    inst = next(a for a in live.assets if a.type == "AWS::EC2::Instance")
    assert inst.facts["public_ip"] is True and inst.facts["imds_v2"] is False
    assert _one(live, "AWS::EC2::SecurityGroup", "open-ssh").facts["open_to_internet"] is True


def test_users_access_keys_secrets_and_the_account_public_access_block(live, estate) -> None:
    user = _one(live, "AWS::IAM::User", "ci-bot")
    assert user.properties["Policies"][0]["PolicyDocument"]["Statement"][0]["Action"] == "bedrock:*"
    assert user.properties["ManagedPolicyArns"] == [f"arn:aws:iam::{ACCOUNT}:policy/invoke-models"]
    key = next(a for a in live.assets if a.type == "AWS::IAM::AccessKey" and a.properties["UserName"] == "ci-bot")
    assert key.properties["Status"] == "Active" and key.origin.file == "aws://default/global"
    edges = {(r.source, r.verb, r.target) for r in live.relations}
    assert (key.uid, "holds_key_for", user.uid) in edges  # a long-lived key acts as its user ...
    agent = _one(live, "AWS::Bedrock::Agent", "helpdesk")
    assert (user.uid, "has_role_on", agent.uid) in edges  # ... who may use the Bedrock agent
    secret = _one(live, "AWS::SecretsManager::Secret", "openai-key")
    assert secret.cloud_id == estate["secret_arn"] and secret.facts["customer_managed_key"] is True
    policy = _one(live, "AWS::SecretsManager::ResourcePolicy", "openai-key-policy")
    assert policy.properties["ResourcePolicy"]["Statement"][0]["Action"] == "secretsmanager:GetSecretValue"
    # the account's block (ACLs) is folded into a bucket without one; the bucket's own policy setting stays
    public = _one(live, "AWS::S3::Bucket", "docs-public")
    assert public.properties["PublicAccessBlockConfiguration"] == {
        "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": False, "RestrictPublicBuckets": False}
    assert public.facts["public_access"] is True  # the policy to anyone is not blocked


def test_the_account_block_wins_where_stricter_and_an_unread_one_is_unknown() -> None:
    from aispm.model import Unknown
    from aispm.providers.aws.live.account import stricter

    off = dict.fromkeys(("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"), False)
    on = dict.fromkeys(off, True)
    assert stricter(off, on) == on and stricter(on, off) == on
    unread = dict.fromkeys(off, Unknown("not read"))
    got = stricter({**off, "BlockPublicPolicy": True}, unread)
    assert got["BlockPublicPolicy"] is True and isinstance(got["BlockPublicAcls"], Unknown)


# -- partial answers --------------------------------------------------------------------------------

def test_what_moto_does_not_emulate_is_a_gap_and_the_scan_goes_on(live) -> None:
    gaps = {(g.scope, g.service, g.operation): g.reason for g in live.gaps}
    for region in REGIONS:
        assert gaps[(f"aws://default/{region}", "bedrock", "ListGuardrails")].startswith("the service failed")
        assert (f"aws://default/{region}", "cloudcontrol", "ListResources") in gaps
    # the services after the one that failed were read, in both regions
    assert {a.origin.file for a in live.assets if a.type == "AWS::EC2::SecurityGroup"} == \
        {f"aws://default/{r}" for r in REGIONS}
    assert live.errors == []


def test_an_operation_that_failed_as_unimplemented_is_not_called_again_in_the_region(estate) -> None:
    ctx = LiveContext(options=LiveOptions(endpoint_url=estate["url"], regions=("eu-west-1",)))
    collect(parse_target("aws://"), ctx)
    # one agent: its alias list failed; two knowledge-base-less data source lists would repeat it
    assert ctx.operations.count(("bedrock", "ListGuardrails")) == 1
    assert ctx.operations.count(("sagemaker", "ListApps")) == 1


def test_a_region_that_is_not_enabled_is_a_gap_and_not_called(estate) -> None:
    ctx = LiveContext(options=LiveOptions(endpoint_url=estate["url"], regions=("me-south-1", "eu-west-1")))
    got = collect(parse_target("aws://"), ctx)
    assert any(g.scope == "aws://default/me-south-1" and "not enabled" in g.reason for g in ctx.gaps)
    assert {a.origin.file for a in got.assets} == {"aws://default/global", "aws://default/eu-west-1"}


def test_a_denied_service_is_a_gap_and_the_rest_is_read(estate, aws_client, monkeypatch) -> None:
    """moto enforces IAM once its no-auth allowance is spent: an auditor whose policy denies
    SageMaker gets access-denied gaps for SageMaker and every other service read."""
    import moto.settings
    from moto.core.responses import ActionAuthenticatorMixin

    iam = aws_client(estate["url"], "iam")
    iam.create_user(UserName="auditor")
    iam.put_user_policy(UserName="auditor", PolicyName="read-but-sagemaker", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"},
                                               {"Effect": "Deny", "Action": "sagemaker:*", "Resource": "*"}]}))
    key = iam.create_access_key(UserName="auditor")["AccessKey"]
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", key["AccessKeyId"])
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", key["SecretAccessKey"])
    monkeypatch.setattr(moto.settings, "INITIAL_NO_AUTH_ACTION_COUNT", 0)
    monkeypatch.setattr(ActionAuthenticatorMixin, "request_count", 0)
    ctx = LiveContext(options=LiveOptions(endpoint_url=estate["url"], regions=("eu-west-1",)))
    got = collect(parse_target("aws://"), ctx)
    denied = {(g.service, g.operation) for g in ctx.gaps if g.reason == "access denied"}
    assert ("sagemaker", "ListNotebookInstances") in denied and ("sagemaker", "ListDomains") in denied
    assert not any(a.type.startswith("AWS::SageMaker::") for a in got.assets)
    assert any(a.type == "AWS::EC2::SecurityGroup" for a in got.assets)  # the rest was read
    assert any(a.type == "AWS::IAM::Role" for a in got.assets)


def test_the_deadline_stops_new_calls_and_keeps_what_was_read(estate) -> None:
    ticks = [0.0]

    def clock() -> float:  # one tick per look at the clock: the deadline passes after a few calls
        ticks[0] += 1.0
        return ticks[0]

    ctx = LiveContext(options=LiveOptions(endpoint_url=estate["url"], regions=REGIONS, deadline_seconds=12),
                      clock=clock)
    got = collect(parse_target("aws://"), ctx)
    assert any("deadline" in g.reason for g in ctx.gaps)
    assert got.assets and all(a.origin.file == "aws://default/global" for a in got.assets)
    regional = {"bedrock", "bedrock-agent", "sagemaker", "opensearchserverless", "comprehend", "lambda", "cloudcontrol"}
    assert not [op for op in ctx.operations if op[0] in regional]


# -- read-only --------------------------------------------------------------------------------------

_LITERAL = re.compile(r'"([A-Z][A-Za-z0-9]+)"')
_SERVICES = ("sts", "ec2", "iam", "s3", "s3control", "bedrock", "bedrock-agent", "bedrock-agentcore-control",
             "sagemaker", "cloudcontrol", "opensearchserverless", "comprehend", "lambda", "kms", "secretsmanager")


def _static_operations() -> set[tuple[str, str]]:
    """Every (service, operation) whose operation name is written in the collector's package: a
    superset of what it can call, whatever the code path."""
    import botocore.session

    session = botocore.session.get_session()
    literals = set()
    for path in PACKAGE.glob("*.py"):
        literals |= set(_LITERAL.findall(path.read_text(encoding="utf-8")))
    ops = set()
    for svc in _SERVICES:
        names = set(session.get_service_model(svc).operation_names)
        ops |= {(svc, op) for op in literals & names}
    return ops


def test_every_operation_the_collector_can_call_is_a_read(estate) -> None:
    static = _static_operations()
    assert len(static) > 40
    assert [op for op in static if not is_read(op[1], op[0], SAFE_OPERATIONS)] == []
    for op in (("iam", "ListAccessKeys"), ("s3control", "GetPublicAccessBlock"), ("secretsmanager", "ListSecrets"),
               ("secretsmanager", "GetResourcePolicy"), ("bedrock-agent", "GetFlow"), ("bedrock-agent", "GetPrompt")):
        assert op in static, op
    assert not is_read("GetSecretValue", "secretsmanager", SAFE_OPERATIONS)
    assert not is_read("ListSecrets", "web", SAFE_OPERATIONS)
    ctx = LiveContext(options=LiveOptions(endpoint_url=estate["url"], regions=REGIONS))
    collect(parse_target("aws://"), ctx)
    called = set(ctx.operations)
    assert called <= static, called - static  # the static list is complete for what ran
    assert all(is_read(op, svc, SAFE_OPERATIONS) for svc, op in called)
    assert ("secretsmanager", "ListSecrets") in called  # a declared read is called, and only by the declaration


def test_the_aws_declaration_names_real_operations_the_guard_would_refuse() -> None:
    import botocore.session

    session = botocore.session.get_session()
    static = _static_operations()
    for service, ops in SAFE_OPERATIONS.items():
        assert service in _SERVICES, service  # the read-only test above covers it
        names = set(session.get_service_model(service).operation_names)
        for op in ops:
            assert op in names, (service, op)  # a real operation, spelled as botocore spells it
            assert (service, op) in static  # and in the operations the read-only test records
            assert not is_read(op, service), (service, op)  # a declaration that changes something
            assert is_read(op, service, SAFE_OPERATIONS)


# -- snapshots --------------------------------------------------------------------------------------

def _report(args: list[str], out: Path) -> dict:
    # to a file: moto runs in this process and prints to its stdout
    res = CliRunner().invoke(main, ["scan", *args, "-f", "json", "--skip-vulnerabilities", "-o", str(out)])
    assert res.exit_code in (0, 2), res.output
    return json.loads(out.read_text())


def test_collect_then_scan_the_snapshot_gives_the_same_report(estate, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL", estate["url"])  # the CLI's boto3 clients go to moto
    regions = [x for r in REGIONS for x in ("--region", r)]
    res = CliRunner().invoke(main, ["collect", "aws://", "-o", str(tmp_path / "snap"), "-q", *regions])
    assert res.exit_code == 0, res.output
    files = sorted(p.relative_to(tmp_path / "snap").as_posix() for p in (tmp_path / "snap").rglob("*.json"))
    assert "record/aws/global/sts.GetCallerIdentity_1.json" in files
    assert "record/aws/eu-west-1/api.sagemaker.DescribeNotebookInstance_2.json" in files
    doc = json.loads((tmp_path / "snap/record/aws/eu-west-1/bedrock.ListGuardrails_1.json").read_text())
    assert doc["status_code"] == 500  # the error is kept, so the replay meets it too

    live = _report(["aws://", *regions], tmp_path / "live.json")
    snap = _report([str(tmp_path / "snap")], tmp_path / "snap.json")
    for key in ("assets", "relations", "findings", "errors", "attack_paths", "choke_points"):
        assert live[key] == snap[key], key
    assert live["summary"]["findings"] == snap["summary"]["findings"]
    assert snap["provenance"][0]["kind"] == "snapshot" and snap["provenance"][0]["target"] == "aws://"
    assert snap["provenance"][0]["account"] == ACCOUNT and snap["provenance"][0]["taken_at"].endswith("Z")
    order = lambda gaps: sorted(gaps, key=lambda g: tuple(g.values()))  # noqa: E731 - regions ran concurrently
    assert live["gaps"] and order(snap["gaps"]) == order(live["gaps"])  # the report says what was not read


def test_no_secret_in_the_report_or_the_snapshot(estate, tmp_path: Path) -> None:
    result = _scan(estate["url"], regions=("us-east-1",), record=tmp_path)
    fn = _one(result, "AWS::Lambda::Function", "ask")
    assert set(fn.properties["Environment"]["Variables"]) == {"OPENAI_API_KEY"}
    from aispm.report.json import to_dict

    assert SECRET not in json.dumps(to_dict(result), default=str)
    recorded = "".join(p.read_text() for p in tmp_path.rglob("*.json"))
    assert "OPENAI_API_KEY" in recorded and SECRET not in recorded
    secret_value = estate["secret_value"]
    # Secrets Manager is read for metadata only; an access key's secret is never answered
    assert "openai-key" in recorded and secret_value not in recorded and estate["key_secret"] not in recorded
    assert secret_value not in json.dumps(to_dict(result), default=str)
    assert "testing" not in json.dumps(result.provenance)  # no credential in the provenance


def test_an_unknown_profile_is_one_error_line() -> None:
    got = collect(parse_target("aws://no-such-profile"), LiveContext())
    assert got.assets == [] and len(got.errors) == 1
    assert "ProfileNotFound" in got.errors[0].message and got.errors[0].file == "aws://no-such-profile"
