"""The AI attack-path catalogue (reference §2.4) on AWS estates, scanned end to end.

Each estate under `estates/aws-<nn>-<slug>/` is a small, realistic repository (Terraform or
CloudFormation, application code) in two variants, as `test_estates.py` does for Azure:

- `found/`: aispm finds the catalogue path, from the expected entry to the expected target,
  through exactly the expected steps, confirmed;
- `broken/`: the same files with one change that breaks the path; no path links that entry to
  that target any more (other paths may exist).

- `aws-01`: the AWS form of an internet-exposed AI endpoint that accepts keys (catalogue 1): a
  public API Gateway method protected by an API key only, in front of a Lambda function whose
  role may query the knowledge base (CloudFormation).
- `aws-04`: catalogue 4 — an IAM user's secret access key returned by a Terraform output that is
  not `sensitive` (printed by `terraform output`, kept in clear in the state); the user may invoke
  the agent (Terraform: `aws_iam_user`, `aws_iam_user_policy`, `aws_iam_access_key` and the AWS
  key-output hook, which gives the output asset the keys it returns, `keysOf`).
- `aws-05`: catalogue 5 — an internet-exposed Lambda function URL whose role may invoke a
  Bedrock agent, grounded on a knowledge base fed from S3 (Terraform); the function's code
  (`data "archive_file"` of `intake/`) installs a library with a remote-code-execution advisory.
- `aws-07`: catalogue 7 — a publicly readable S3 bucket used as a knowledge base's data source
  (Terraform).

Assets are matched by where they are declared (`origin.file`, `origin.address`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from aispm.scan import scan
from estate_harness import ESTATES, At, between, find_asset, listing, scanned, walk

TF = "infra/main.tf"
CFN = "infra/template.yaml"
#: An S3 bucket a knowledge base reads is grounding data (not `search`, though S3 is one of the
#: AWS types that hold sensitive data).
BUCKET_TARGETS = frozenset({"grounding-data"})


@dataclass(frozen=True)
class Case:
    estate: str
    catalogue: int
    entry_kind: str
    target_kinds: frozenset[str]
    steps: tuple[tuple[At, str | None], ...]
    broken_by: str
    title_has: tuple[str, ...] = ()
    risk_factors: frozenset[str] = frozenset()
    waits_on: str = ""  # what the estate needs that has not landed yet (the test is an expected failure)

    @property
    def entry(self) -> At:
        return self.steps[0][0]

    @property
    def target(self) -> At:
        return self.steps[-1][0]

    def __str__(self) -> str:
        return self.estate


CASES = (
    Case(
        "aws-01-exposed-chat-api-key", 1, "internet-exposed-compute", BUCKET_TARGETS,
        steps=((At(CFN, "AWS::Lambda::Function.ChatFunction"), None),
               (At(CFN, "AWS::IAM::Role.ChatRole"), "runs_as"),
               (At(CFN, "AWS::Bedrock::KnowledgeBase.HandbookKnowledgeBase"), "has_role_on"),
               (At(CFN, "AWS::S3::Bucket.HandbookBucket"), "reads")),
        broken_by="the API method requires IAM authorization (AuthorizationType AWS_IAM) instead of an API key only",
        title_has=("Widely internet-exposed Lambda function hr-chat runs as IAM role hr-chat",
                   "has role bedrock:Retrieve, bedrock:RetrieveAndGenerate (hr-chat-rag) on Bedrock knowledge base "
                   "hr-handbook, which reads S3 bucket acme-hr-handbook"),
        risk_factors=frozenset({"internet-exposure", "permissions", "sensitive-data"}),
    ),
    Case(
        "aws-04-access-key-in-output", 4, "leaked-credential", BUCKET_TARGETS,
        steps=((At(TF, "output.ci_secret_access_key"), None),
               (At(TF, "aws_iam_user.ci"), "holds_key_for"),
               (At(TF, "aws_bedrockagent_agent_alias.live"), "has_role_on"),
               (At(TF, "aws_bedrockagent_agent.reports"), "routes_to"),
               (At(TF, "aws_bedrockagent_knowledge_base.claims"), "grounded_on"),
               (At(TF, "aws_s3_bucket.claims"), "reads")),
        broken_by="sensitive = true on the output",
        title_has=("Terraform output ci_secret_access_key in infra/main.tf:121 holds a key to IAM user "
                   "claims-reports-ci, which has role bedrock:InvokeAgent (invoke-reports-agent) on Bedrock agent "
                   "alias live",),
        risk_factors=frozenset({"secrets", "permissions", "sensitive-data"}),
    ),
    Case(
        "aws-05-exposed-function-agent-grounding", 5, "internet-exposed-compute", BUCKET_TARGETS,
        steps=((At(TF, "aws_lambda_function.intake"), None),
               (At(TF, "aws_iam_role.intake"), "runs_as"),
               (At(TF, "aws_bedrockagent_agent_alias.live"), "has_role_on"),
               (At(TF, "aws_bedrockagent_agent.claims"), "routes_to"),
               (At(TF, "aws_bedrockagent_knowledge_base.claims"), "grounded_on"),
               (At(TF, "aws_s3_bucket.claims"), "reads")),
        broken_by="the function's role may only read the agent's configuration (bedrock:GetAgent, GetAgentAlias), "
                  "not invoke it",
        title_has=("Widely internet-exposed Lambda function claims-intake vulnerable to remote code execution runs "
                   "as IAM role claims-intake, which has role bedrock:InvokeAgent (claims-intake-agent) on Bedrock "
                   "agent alias live, which routes traffic to Bedrock agent claims-assistant, which is grounded on "
                   "Bedrock knowledge base claims-kb, which reads S3 bucket acme-claims-documents",),
        risk_factors=frozenset({"internet-exposure", "vulnerabilities", "remote-code-execution", "permissions",
                                "sensitive-data"}),
    ),
    Case(
        "aws-07-public-grounding-bucket", 7, "public-storage", BUCKET_TARGETS,
        steps=((At(TF, "aws_s3_bucket.manuals"), None),),
        broken_by="block_public_policy and restrict_public_buckets = true on the bucket's public access block",
        title_has=("Publicly accessible S3 bucket acme-product-manuals is used for AI grounding",),
        risk_factors=frozenset({"public-access", "sensitive-data"}),
    ),
)


def case_of(prefix: str) -> Case:
    return next(c for c in CASES if c.estate.startswith(prefix))


def test_every_aws_estate_has_found_and_broken_and_a_case():
    on_disk = sorted(p.name for p in ESTATES.iterdir() if p.is_dir() and p.name.startswith("aws-"))
    assert on_disk == sorted(c.estate for c in CASES)
    for name in on_disk:
        assert (ESTATES / name / "found").is_dir() and (ESTATES / name / "broken").is_dir(), name


def _cases() -> list:
    return [pytest.param(c, id=str(c), marks=pytest.mark.xfail(strict=True, reason=f"waits on {c.waits_on}"))
            if c.waits_on else pytest.param(c, id=str(c)) for c in CASES]


@pytest.mark.parametrize("case", _cases())
def test_found(case: Case):
    r = scanned(case.estate, "found")
    assert r.errors == [], r.errors
    for at, _ in case.steps:
        assert find_asset(r, at) is not None, f"{at} not in the scan"
    paths = between(r, case.entry, case.target)
    expected = [(str(at), verb) for at, verb in case.steps]
    exact = [p for p in paths if walk(r, p) == expected]
    assert len(exact) == 1, f"expected {expected}; paths: {[walk(r, p) for p in paths]}\nall:\n{listing(r)}"
    p = exact[0]
    assert p.status == "confirmed" and p.unknowns == [], (p.status, p.unknowns)
    assert p.entry_kind == case.entry_kind and p.target_kind in case.target_kinds, (p.entry_kind, p.target_kind)
    for words in case.title_has:
        assert words in p.title, p.title
    assert case.risk_factors <= set(p.risk_factors), p.risk_factors
    assert p.remediation and 0 < p.score <= 100
    assert len(p.steps) == min(len(q.steps) for q in paths)


@pytest.mark.parametrize("case", _cases())
def test_broken(case: Case):
    r = scanned(case.estate, "broken")
    assert r.errors == [], r.errors
    assert find_asset(r, case.target) is not None and find_asset(r, case.entry) is not None
    assert between(r, case.entry, case.target) == [], f"broken by {case.broken_by}, yet:\n{listing(r)}"


# --------------------------------------------------------------------------- specific checks


def test_05_evidence_names_the_policy_and_the_reference():
    case = case_of("aws-05")
    r = scanned(case.estate, "found")
    p = next(p for p in between(r, case.entry, case.target) if len(p.steps) == len(case.steps))
    assert "function URL aws_lambda_function_url.intake" in p.steps[0].evidence
    assert "aws_lambda_permission.intake_url" in p.steps[0].evidence
    role_step = p.steps[2].evidence
    assert "actions=bedrock:InvokeAgent" in role_step
    assert "aws_bedrockagent_agent_alias.live.agent_alias_arn" in role_step
    # the bucket is not public: the function is the only way in
    bucket = find_asset(r, case.target)
    assert "exposed_to_internet" not in bucket.insights and "used_for_ai_grounding" in bucket.insights


def test_05_vulnerability_comes_from_the_code_the_function_runs():
    """langchain 0.0.300 (PYSEC-2023-162) in intake/requirements.txt, joined to the function through
    the `archive_file` its `filename` names."""
    r = scanned(case_of("aws-05").estate, "found")
    fn = find_asset(r, At(TF, "aws_lambda_function.intake"))
    archive = find_asset(r, At(TF, "data.archive_file.intake"))
    assert archive.type == "code-project" and archive.properties["project"] == "intake"
    assert archive.properties["archive"] == "build/intake.zip"
    lib = next(a for a in r.assets if a.type == "library" and a.name.startswith("langchain"))
    assert any(f.rule_id == "PYSEC-2023-162" and f.asset_uid == lib.uid for f in r.findings)
    got = {(x.source, x.verb, x.target) for x in r.relations}
    assert {(fn.uid, "runs", archive.uid), (archive.uid, "contains", lib.uid)} <= got
    assert {"exposed_to_internet", "has_high_severity_vulnerabilities", "vulnerable_to_rce"} <= fn.insights


def test_05_without_the_public_permission_the_path_is_only_possible(tmp_path):
    """A function URL with AuthType NONE answers only if a resource policy lets Principal * call
    it; without one in the scanned code exposure is unknown, and the path says so."""
    import shutil

    src = ESTATES / case_of("aws-05").estate / "found"
    shutil.copytree(src, tmp_path / "estate")
    main = tmp_path / "estate" / "infra" / "main.tf"
    text = main.read_text()
    cut = text.index('resource "aws_lambda_permission" "intake_url"')
    main.write_text(text[:cut])
    # and without the vulnerable library (a vulnerable workload is an entry whatever its exposure)
    reqs = tmp_path / "estate" / "intake" / "requirements.txt"
    reqs.write_text(reqs.read_text().replace("langchain==0.0.300\n", ""))
    r = scan([tmp_path / "estate"])
    paths = between(r, case_of("aws-05").entry, case_of("aws-05").target)
    assert paths and all(p.status == "possible" for p in paths), listing(r)
    assert any("internet_exposed" in u for u in paths[0].unknowns), paths[0].unknowns


def test_04_the_fix_is_to_remove_the_output_and_the_key():
    case = case_of("aws-04")
    r = scanned(case.estate, "found")
    p = between(r, case.entry, case.target)[0]
    assert p.remediation.startswith("remove output ci_secret_access_key (infra/main.tf:121) or mark it sensitive"), \
        p.remediation
    assert any("returns an IAM access key's secret" in e for e in p.steps[0].evidence.split("; ")), p.steps[0].evidence
    # `sensitive = true`: the output is still reported, but is no leaked credential
    out = find_asset(scanned(case.estate, "broken"), case.entry)
    assert out.kind.value != "secret" and out.properties["type"] == "secureString"


def test_07_remediation_is_to_close_public_access():
    case = case_of("aws-07")
    r = scanned(case.estate, "found")
    p = between(r, case.entry, case.target)[0]
    assert p.remediation.startswith("disable public access on S3 bucket acme-product-manuals (infra/main.tf:"), \
        p.remediation


# --------------------------------------------------------------------------- the bundled example


def test_example_bedrock_agent_has_its_attack_paths():
    """`examples/aws-bedrock-agent`: the public function URL of the action-group Lambda reaches the
    grounding bucket through its role's `s3:*` on `*`, and the agent through `bedrock:InvokeAgent`."""
    root = Path(__file__).parent.parent.parent / "examples" / "aws-bedrock-agent"
    r = scan([root])
    assert r.errors == [], r.errors
    fn = At(TF, "aws_lambda_function.order_lookup")
    bucket = At(TF, "aws_s3_bucket.kb_docs")
    direct = [walk(r, p) for p in between(r, fn, bucket)]
    assert [(str(fn), None), (f"{TF}:aws_iam_role.order_lookup", "runs_as"), (str(bucket), "has_role_on")] in direct
    p = next(p for p in between(r, fn, bucket) if len(p.steps) == 3)
    assert "s3:* (acme-support-order-lookup)" in p.title and p.status == "confirmed"
    assert between(r, fn, At(TF, "aws_bedrockagent_agent_alias.live"))
    agent = find_asset(r, At(TF, "aws_bedrockagent_agent.support"))
    # and the configuration findings the example is built to have: no guardrail on the agent
    failing = [f for f in r.findings if f.status.value == "fail" and f.asset_uid == agent.uid]
    assert any("guardrail" in f.title.lower() for f in failing), [f.title for f in r.findings]
    # the function runs the code of functions/order_lookup (its archive_file), and so its libraries
    code = find_asset(r, At(TF, "data.archive_file.order_lookup"))
    assert code.properties["project"] == "functions/order_lookup"
    boto3 = next(a for a in r.assets if a.type == "library" and a.name.startswith("boto3"))
    assert {(find_asset(r, fn).uid, "runs", code.uid), (code.uid, "contains", boto3.uid)} <= {
        (x.source, x.verb, x.target) for x in r.relations}
    assert {(x.verb, x.target) for x in r.relations if x.source == agent.uid} >= {
        ("runs", find_asset(r, fn).uid),
        ("grounded_on", find_asset(r, At(TF, "aws_bedrockagent_knowledge_base.support")).uid)}
