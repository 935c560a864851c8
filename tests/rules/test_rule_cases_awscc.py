"""Every AWS rule whose resource types the `awscc` (Cloud Control) provider has, judged from `awscc`.

`cases/<rule>/awscc.tf` declares the rule's passing and failing resources with `awscc_*` types:
attributes are the snake_case of the CloudFormation properties (nested objects as `{ ... }`
attributes, policy documents as `jsonencode(...)`), and each mirrors a resource of the rule's
CloudFormation case (`template.yaml`), named as its logical id is in snake_case (`failShort` →
`fail_short`). The file is scanned alone (copied into an empty folder, as a user's awscc
configuration would be), so the test proves that `providers/aws/terraform/rows_awscc.py` maps each
type to the CloudFormation-shaped asset the rules judge: every `pass…`/`fail…` resource gets that
verdict (never unknown), there is at least one of each, and the verdicts by name (spelling aside)
are exactly those of the rule's CloudFormation case and its `aws` provider case (`main.tf`) together.

`XFAIL` lists the rules whose awscc case does not give those verdicts yet, with the reason (its
fixture is `awscc.tf.xfail`, which the HCL source does not read);
`NOT_IN_AWSCC` lists the AWS rules whose resource types have no `awscc_*` mapping, with the reason.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from aispm.model import Status
from aispm.providers.aws.catalog import NOT_IN_CLOUDFORMATION
from aispm.providers.aws.terraform.rows_awscc import TYPES
from aispm.rules import all_rules, get_rule
from aispm.scan import ScanOptions, scan
from test_rule_cases import expected_status, judged

CASES = Path(__file__).parent / "cases"
AWSCC_CFN_TYPES = {cfn for cfn, _ in TYPES.values()}

#: AWS rule → why it has no awscc case. awscc is generated from the CloudFormation registry, so it has
#: no type for what CloudFormation has no resource for (`aws.catalog.NOT_IN_CLOUDFORMATION`).
_NO_CFN = ("{} is not a CloudFormation resource type, and awscc (generated from the CloudFormation "
           "registry) has no type for it; only the aws provider declares it")
NOT_IN_AWSCC: dict[str, str] = {
    "AISPM-AWS-009": _NO_CFN.format("AWS::Bedrock::ModelInvocationLoggingConfiguration"),
    "AISPM-AWS-013": _NO_CFN.format("AWS::Bedrock::CustomModel"),
    "AISPM-AWS-033": _NO_CFN.format("AWS::SageMaker::FlowDefinition"),
    "AISPM-AWS-042": _NO_CFN.format("AWS::Comprehend::EntityRecognizer"),
    "AISPM-AWS-043": _NO_CFN.format("AWS::Comprehend::EntityRecognizer"),
    "AISPM-AWS-044": _NO_CFN.format("AWS::Comprehend::EntityRecognizer"),
}
#: rule → why its awscc case does not give the verdicts yet (strict: the test fails once it does).
XFAIL: dict[str, str] = {}
AWS_RULES = sorted(r.id for r in all_rules() if r.provider == "aws")
RULE_IDS = [r for r in AWS_RULES if set(get_rule(r).resource_types) & AWSCC_CFN_TYPES]


def test_every_aws_rule_is_covered_or_listed():
    assert sorted(set(AWS_RULES) - set(RULE_IDS)) == sorted(NOT_IN_AWSCC)
    for rid, reason in NOT_IN_AWSCC.items():
        types = get_rule(rid).resource_types
        assert set(types) <= NOT_IN_CLOUDFORMATION and all(t in reason for t in types), rid
    for rid in RULE_IDS:
        assert (CASES / rid / _fixture(rid)).is_file(), f"{rid}: no awscc case ({_fixture(rid)})"


def _fixture(rule_id: str) -> str:
    """`awscc.tf`; for a rule in `XFAIL`, `awscc.tf.xfail`: the HCL rule-case test scans the whole case
    folder, so an awscc case with wrong verdicts would fail it too (rename it once the row is fixed)."""
    return "awscc.tf.xfail" if rule_id in XFAIL else "awscc.tf"


def _verdicts(folder: Path, framework: str, rule_id: str) -> dict[str, Status]:
    result = scan([folder], ScanOptions(frameworks=(framework,), rules=(rule_id,)))
    assert result.errors == []
    return {_norm(name): status for name, status, _ in judged(result, get_rule(rule_id))
            if expected_status(name) is not None}


def _norm(name: str) -> str:
    """A case name in one spelling: Terraform labels are snake_case (`fail_short`), CloudFormation
    logical ids camelCase (`failShort`)."""
    return name.replace("_", "").lower()


@pytest.mark.parametrize("rule_id", [pytest.param(r, marks=pytest.mark.xfail(reason=XFAIL[r], strict=True))
                                     if r in XFAIL else r for r in RULE_IDS])
def test_awscc_case(rule_id: str, tmp_path: Path):
    case = CASES / rule_id
    (tmp_path / "awscc").mkdir()
    shutil.copy(case / _fixture(rule_id), tmp_path / "awscc" / "main.tf")
    result = scan([tmp_path / "awscc"], ScanOptions(frameworks=("terraform",), rules=(rule_id,)))
    assert result.errors == []
    got = {}
    for name, status, message in judged(result, get_rule(rule_id)):
        want = expected_status(name)
        assert status is not Status.UNKNOWN, f"{name}: unknown ({message})"
        if want is not None:
            assert status is want, f"{name}: expected {want}, got {status} ({message})"
            got[_norm(name)] = status
    assert Status.PASS in got.values() and Status.FAIL in got.values(), got

    (tmp_path / "cfn").mkdir()
    shutil.copy(case / "template.yaml", tmp_path / "cfn")
    cfn = _verdicts(tmp_path / "cfn", "cloudformation", rule_id)
    shutil.copytree(case, tmp_path / "aws", ignore=shutil.ignore_patterns("awscc.tf", "*.yaml"))
    aws = _verdicts(tmp_path / "aws", "terraform", rule_id)
    # the awscc case mirrors both (the aws case may hold a variant the template does not)
    assert got == {**cfn, **aws}
