"""Every GCP rule's Terraform fix really fixes: applied to the rule's failing cases
(`tests/rules/cases/<id>/main.tf`), the rule passes on them.

- A change to a judged type (`resource "google_x" "this" { ... }`) replaces the same attributes and
  blocks in every failing resource of that type.
- A change to a supporting type (an IAM member, an output) replaces them in every block of that
  type; the failing resources those blocks refer to must then pass.
- A change that says `# remove the <type> resource` deletes every block of that type (the snippet's
  replacement is added, naming the failing resources).

Every GCP rule also carries a gcloud CLI change.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from aispm import registry
from aispm.model import Status
from aispm.rules import all_rules, get_rule

CASES = Path(__file__).parents[2] / "rules" / "cases"
# the HCL block helpers of the Azure fix test (`tests/rules/test_rule_fixes.py`), loaded by path
_spec = importlib.util.spec_from_file_location("_aispm_rule_fixes", CASES.parent / "test_rule_fixes.py")
_helpers = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_helpers)
_blocks, _fixed_statuses, _top_keys, _without = _helpers._blocks, _helpers._fixed_statuses, _helpers._top_keys, \
    _helpers._without
GCP = [r.id for r in all_rules() if r.provider == "gcp"]


def _judged(rule, tf_type: str) -> bool:
    row = registry.terraform_rows().get(tf_type)
    return row is not None and row.cloud_type is not None and \
        row.cloud_type.lower() in {t.lower() for t in rule.resource_types}


def _changes():
    for rid in GCP:
        for i, _ in enumerate(get_rule(rid).fix.terraform):
            yield pytest.param(rid, i, id=f"{rid}-tf{i}")


def test_every_gcp_rule_has_terraform_and_gcloud():
    for rid in GCP:
        rule = get_rule(rid)
        assert rule.fix.terraform and rule.fix.cli, rid
        assert all(c.label == "gcloud CLI" for c in rule.fix.cli), rid
        assert rule.fix.steps, rid


@pytest.mark.parametrize("rule_id, index", list(_changes()))
def test_terraform_fix_fixes_the_failing_cases(rule_id: str, index: int, tmp_path: Path):
    rule = get_rule(rule_id)
    change = rule.fix.terraform[index]
    case = (CASES / rule_id / "main.tf").read_text()
    slines = change.code.splitlines()
    sblocks = _blocks(change.code)
    assert sblocks, f"{rule_id}: the Terraform change declares no block"
    lines = case.splitlines()
    cblocks = _blocks(case)
    fixed: list[str] = []
    appended: list[str] = []
    removal = re.match(r"#\s*remove the (google_[a-z0-9_]+) resource", slines[0])
    if removal:
        gone = removal.group(1)
        for cf, cl, kind, a, _ in reversed(cblocks):
            if kind == "resource" and a == gone:
                del lines[cf:cl + 1]
        fails = [cb for _, _, k, ca, cb in cblocks if k == "resource" and _judged(rule, ca) and cb.startswith("fail")]
        for first, last, _, a, _ in sblocks:
            block = "\n".join(slines[first:last + 1])
            for f in fails:
                appended.append(re.sub(r"\.this\b", f".{f}", block).replace('"this"', f'"this_{f}"', 1))
        fixed += fails
    else:
        for first, last, kind, a, b in sblocks:
            body = [ln for ln in slines[first + 1:last] if ln.strip() != "# ..."]
            if kind == "output":
                body = [ln for ln in body if not ln.strip().startswith("value")]
            keys = _top_keys(body)
            judged = kind == "resource" and _judged(rule, a)
            for cf, cl, ckind, ca, cb in reversed(cblocks):
                label = cb if ckind == "resource" else ca
                if ckind != kind or (kind == "resource" and ca != a):
                    continue
                if (judged or kind == "output") and not label.startswith("fail"):
                    continue
                old = "\n".join(lines[cf:cl + 1])
                lines[cf + 1:cl] = _without(lines[cf + 1:cl], keys) + body
                if judged or kind == "output":
                    fixed.append(label)
                else:  # a supporting block: the failing resources it refers to
                    fixed += [m.group(2) for m in re.finditer(r"\b(google_[a-z0-9_]+)\.(fail[A-Za-z0-9_]*)\b", old)
                              if _judged(rule, m.group(1))]
    assert fixed, f"{rule_id}: no failing resource in the Terraform case to apply {change.target} to"
    text = "\n".join(lines + [""] + appended) + "\n"
    got = _fixed_statuses(tmp_path, "main.tf", text, "terraform", rule_id)
    wrong = {n: str(got.get(n)) for n in set(fixed) if got.get(n) is not Status.PASS}
    assert not wrong, f"{rule_id}: still not passing after the fix: {wrong}\n{text}"
