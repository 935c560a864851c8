"""Checkov's AI-service verdicts (Azure, AWS, GCP), reproduced through aispm's own rules.

Each fixture set is scanned as one unit with only its framework's source. The
rule whose metadata names the Checkov id gives our verdicts; they must equal
Checkov's expected pass/fail sets exactly (no other resource of the listed
types judged), except for the deliberate divergences below, each with its
reason (also in docs/conformance.md).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aispm.model import Status
from aispm.rules import all_rules
from aispm.scan import ScanOptions, scan

SUITE = Path(__file__).parent / "conformance" / "checkov"
EXPECTED = json.loads((SUITE / "expected.json").read_text())

#: (framework, check id, address) → (what Checkov expects, what aispm says, why).
DIVERGENCES: dict[tuple[str, str, str], tuple[str, str | None, str]] = {
    ("terraform", "CKV2_AZURE_49", "azurerm_machine_learning_workspace.pass1"): (
        "pass", "fail",
        "public_network_access_enabled is absent: the azurerm provider and ARM both default to public access, so "
        "aispm fails it (as CKV_AZURE_144 does on the same resource); CKV2_AZURE_49 passes a missing attribute.",
    ),
    ("arm", "CKV2_AZURE_49", "Microsoft.MachineLearningServices/workspaces.pass2"): (
        "pass", "fail",
        "publicNetworkAccess is absent and ARM's default is Enabled; CKV2_AZURE_49 passes a missing attribute "
        "while CKV_AZURE_144 fails it. aispm follows the platform default.",
    ),
    ("terraform", "CKV_AZURE_247", "azurerm_cognitive_account.pass_non_openai"): (
        "pass", None,
        "The outbound allow-list rule judges only kinds that call out (OpenAI, AIServices); for a TextAnalytics "
        "account it reports no verdict instead of a pass it has not checked.",
    ),
    ("terraform", "CKV2_AWS_68", "aws_sagemaker_notebook_instance.fail1"): (
        "fail", "pass",
        "The role's `Action = \"*\"` policy is written as a `policy` argument, which aws_iam_role does not have "
        "(Terraform rejects the configuration; inline policies are inline_policy blocks or aws_iam_role_policy). "
        "aispm maps a resource by its provider's schema, so the role grants nothing and the notebook passes; the "
        "same policy as an inline_policy or aws_iam_role_policy fails it (tests/rules/cases/AISPM-AWS-034).",
    ),
    ("cloudformation", "CKV2_AWS_68", "AWS::SageMaker::NotebookInstance.aws_sagemaker_notebook_instance_fail"): (
        "fail", "pass",
        "Checkov's CloudFormation check reads the role's trust policy (AssumeRolePolicyDocument: who may assume "
        "it), where `Action: '*'` lets the SageMaker service use any STS action on the role, not the role do "
        "anything. The role has no permission policy, so aispm passes the notebook; a role with `*` on `*` in "
        "Policies or AdministratorAccess attached fails it (tests/rules/cases/AISPM-AWS-034).",
    ),
}


_DUPLICATE = ("The fixture declares aws_s3_object.documents and .entities twice in one module; Terraform rejects "
              "that, Checkov says nothing. aispm keeps the first declaration, reports the second as an input error "
              "and judges the rest: the verdicts are Checkov's.")
#: (framework, check id) → (the input errors aispm reports on a fixture that is not valid input, why).
INPUT_ERRORS: dict[tuple[str, str], tuple[tuple[tuple[str, int, str], ...], str]] = {
    ("terraform", cid): ((
        ("main.tf", 68, "duplicate declaration of aws_s3_object.documents in this module (ignored)"),
        ("main.tf", 72, "duplicate declaration of aws_s3_object.entities in this module (ignored)"),
    ), _DUPLICATE) for cid in ("CKV_AWS_267", "CKV_AWS_268")
}


#: Fixture sets whose rules are not built yet: listed, not run, so that the gap shows in every test run
#: (each becomes an expected failure with its reason). Remove an id when its rule lands.
PENDING_AWS: tuple[str, ...] = ()
PENDING_GCP: tuple[str, ...] = ()
PENDING: dict[str, str] = {cid: "its AWS rule is not built yet (issue 9)" for cid in PENDING_AWS} | {
    cid: "its GCP rule is not built yet (issue 9)" for cid in PENDING_GCP}


def _params() -> list:
    return [pytest.param(e, id=f"{e['framework']}-{e['check_id']}",
                         marks=[pytest.mark.xfail(run=False, strict=True, reason=PENDING[e["check_id"]])]
                         if e["check_id"] in PENDING else []) for e in EXPECTED]


def _rule_for(check_id: str):
    rules = [r for r in all_rules() if check_id in r.references.checkov]
    assert len(rules) == 1, f"{check_id} must map to exactly one aispm rule, found {[r.id for r in rules]}"
    return rules[0]


def _verdicts(entry: dict) -> dict[str, str]:
    rule = _rule_for(entry["check_id"])
    result = scan([SUITE / entry["dir"]], ScanOptions(frameworks=(entry["framework"],), rules=(rule.id,)))
    expected_errors, _why = INPUT_ERRORS.get((entry["framework"], entry["check_id"]), ((), ""))
    errors = [e for e in result.errors if (e.file, e.line, e.message) not in expected_errors]
    assert errors == [], errors
    out: dict[str, str] = {}
    for f in result.findings:
        if not any(f.address.startswith(t + ".") for t in entry["resource_types"]):
            continue
        out[f.address] = str(f.status)
    return out


@pytest.mark.parametrize("entry", _params())
def test_checkov_verdicts(entry: dict) -> None:
    got = _verdicts(entry)
    expected = {a: "pass" for a in entry["pass"]} | {a: "fail" for a in entry["fail"]}
    for address, want in expected.items():
        key = (entry["framework"], entry["check_id"], address)
        if key in DIVERGENCES:
            checkov_says, aispm_says, _ = DIVERGENCES[key]
            assert checkov_says == want
            assert got.get(address) == aispm_says, f"divergence {key} changed: aispm now says {got.get(address)}"
            continue
        assert got.get(address) == want, f"{address}: expected {want}, aispm says {got.get(address)}"
    extra = {a: v for a, v in got.items() if a not in expected}
    assert extra == {}, f"verdicts on resources Checkov does not judge: {extra}"


def test_every_checkov_id_in_the_suite_maps_to_a_rule() -> None:
    for entry in EXPECTED:
        if entry["check_id"] not in PENDING:
            _rule_for(entry["check_id"])


def test_no_unknown_verdicts_in_the_suite() -> None:
    # Every fixture is literal; an unknown would mean a source failed to resolve a value.
    for entry in EXPECTED:
        if entry["check_id"] in PENDING:
            continue
        assert Status.UNKNOWN.value not in _verdicts(entry).values(), entry["dir"]
