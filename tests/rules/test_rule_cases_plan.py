"""Every Azure, AWS and GCP rule judged from Terraform plan JSON gives the verdicts its HCL case gives.

For each rule with a `tests/rules/cases/<rule>/main.tf`, `rule_case_plans.plan_of` derives the plan
JSON `terraform show -json` would give for that configuration (there is no `terraform` binary here;
the plans are derived from the HCL cases with the project's own parser and evaluator — the
plan-source tests in `tests/sources/terraform_plan/` hold hand-written real-shape plans). The plan
is written alone in a temporary folder (no `.tf` files beside it, so the plan source reads it on its
own: origins and uids are the plan's) and scanned with `frameworks=("terraform-plan",)`.

What this proves: the plan reader hands every rule's resource types to the mapping rows the way the
HCL source does — values as Terraform writes them (nested blocks as lists of objects, ids known only
after apply, references read from the configuration) — so each rule gives, by Terraform address,
exactly the verdicts its HCL case gives, with at least one pass and one fail. A rule whose verdicts
differ is listed in `XFAIL` with the reason (strict: it fails once it is fixed).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from aispm.model import Status
from aispm.rules import all_rules, get_rule
from aispm.scan import ScanOptions, scan
from rule_case_plans import plan_of

CASES = Path(__file__).parent / "cases"
PROVIDERS = ("azure", "aws", "gcp")
RULE_IDS = sorted(r.id for r in all_rules() if r.provider in PROVIDERS and (CASES / r.id / "main.tf").is_file())

#: rule id → why its plan verdicts differ from its HCL verdicts.
XFAIL: dict[str, str] = {}


def verdicts(result, rule) -> dict[str, Status]:
    """Terraform address → status of `rule`'s findings on assets of its types."""
    types = {t.lower() for t in rule.resource_types}
    assets = {a.uid: a for a in result.assets}
    out: dict[str, Status] = {}
    for f in result.findings:
        a = assets.get(f.asset_uid)
        if f.rule_id == rule.id and a is not None and a.type.lower() in types:
            out[a.origin.address] = f.status
    return out


def test_every_cloud_rule_is_covered():
    want = sorted(r.id for r in all_rules() if r.provider in PROVIDERS)
    assert RULE_IDS == want, sorted(set(want) - set(RULE_IDS))
    assert not set(XFAIL) - set(RULE_IDS)


@pytest.mark.parametrize("rule_id", [pytest.param(r, marks=pytest.mark.xfail(reason=XFAIL[r], strict=True))
                                     if r in XFAIL else r for r in RULE_IDS])
def test_plan_gives_the_hcl_verdicts(rule_id: str, tmp_path: Path):
    rule = get_rule(rule_id)
    case = CASES / rule_id
    # the HCL case alone: a case folder may also hold another configuration (`awscc.tf`)
    shutil.copytree(case, tmp_path / "hcl", ignore=shutil.ignore_patterns("awscc.tf", "*.yaml", "*.json", "*.bicep"))
    hcl = scan([tmp_path / "hcl"], ScanOptions(frameworks=("terraform",), rules=(rule_id,)))
    assert hcl.errors == []
    want = verdicts(hcl, rule)

    (tmp_path / "plan" ).mkdir()
    (tmp_path / "plan" / "plan.json").write_text(json.dumps(plan_of(case, ["main.tf"]), indent=1))
    result = scan([tmp_path / "plan"], ScanOptions(frameworks=("terraform-plan",), rules=(rule_id,)))
    assert result.errors == []
    assert all(a.origin.file == "plan.json" for a in result.assets), "plan read with .tf files beside it"
    got = verdicts(result, rule)

    assert got == want
    assert Status.PASS in got.values() and Status.FAIL in got.values(), got
