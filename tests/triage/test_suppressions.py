"""Suppressions through the CLI: inline comments in every format that has comments, a suppression
file for the rest; a suppression without a reason, expired, or unused is a warning naming it and
never suppresses."""

from __future__ import annotations

from pathlib import Path

import pytest

from triage_repo import scan_json, statuses, write_repo

CASES = [  # (kind, rule, file of the finding)
    ("tf", "AISPM-AZ-001", "infra/main.tf"),
    ("bicep", "AISPM-AZ-001", "infra/main.bicep"),
    ("cfn", "AISPM-AWS-025", "cfn/template.yaml"),
    ("py", "AISPM-SE-001", "app/client.py"),
    ("js", "AISPM-SE-001", "web/client.js"),
    ("nb", "AISPM-SE-001", "nb/explore.ipynb"),
]
OPENER = {"tf": "  #", "bicep": "  //", "cfn": "  #", "py": "  #", "js": "  //", "nb": "  #"}


@pytest.mark.parametrize("kind,rule,file", CASES)
def test_an_inline_comment_with_a_reason_suppresses_that_finding_only(tmp_path: Path, kind: str, rule: str,
                                                                        file: str) -> None:
    root = write_repo(tmp_path / "r", {kind: f"{OPENER[kind]} aispm:ignore:{rule} accepted risk, ticket SEC-12"})
    report, _ = scan_json(str(root), code=2)
    assert statuses(report, rule, file) == {"suppressed"}
    reasons = {f["suppressed_reason"] for f in report["findings"] if f["file"] == file and f["rule_id"] == rule}
    assert reasons == {"accepted risk, ticket SEC-12"}
    # the same rule elsewhere, and other rules on the same resource, still fail
    others = [f for f in report["findings"] if (f["rule_id"] == rule) != (f["file"] == file)
              and f["status"] != "pass" and f["pillar"] != "vulnerability"]
    assert others and {f["status"] for f in others} <= {"fail", "unknown"}
    assert not report["warnings"] or not any("suppression" in w for w in report["warnings"])


def test_a_wildcard_suppresses_every_rule_it_names(tmp_path: Path) -> None:
    root = write_repo(tmp_path / "r", {"tf": "  # aispm:ignore:AISPM-AZ-* sandbox account, deleted nightly"})
    report, _ = scan_json(str(root), code=2)
    tf = [f for f in report["findings"] if f["file"] == "infra/main.tf" and f["status"] != "pass"]
    assert tf and {f["status"] for f in tf} == {"suppressed"}
    assert statuses(report, "AISPM-AZ-001", "infra/main.bicep") == {"fail"}


def test_an_advisory_is_suppressed_on_its_requirement_line_by_advisory_wildcard(tmp_path: Path) -> None:
    root = write_repo(tmp_path / "r", {"req": "  # aispm:ignore:GHSA-*,PYSEC-* not reachable: no loaders used"})
    report, _ = scan_json(str(root), code=2)
    vulns = [f for f in report["findings"] if f["pillar"] == "vulnerability"]
    assert vulns and {f["status"] for f in vulns} == {"suppressed"}


def test_a_suppression_without_a_reason_does_not_suppress_and_is_named(tmp_path: Path) -> None:
    root = write_repo(tmp_path / "r", {"tf": "  # aispm:ignore:AISPM-AZ-001"})
    report, res = scan_json(str(root), code=2)
    assert statuses(report, "AISPM-AZ-001", "infra/main.tf") == {"fail"}
    warning = [w for w in report["warnings"] if "AISPM-AZ-001" in w]
    assert warning == ["infra/main.tf:3: suppression of AISPM-AZ-001 has no reason; a suppression needs one "
                       "(`aispm:ignore:<RULE> <reason>`, or `reason:`); not applied"]


def test_an_expired_suppression_does_not_suppress_and_is_named(tmp_path: Path) -> None:
    root = write_repo(tmp_path / "r", {"cfn": "  # aispm:ignore:AISPM-AWS-025:exp:2020-01-31 until the migration"})
    report, _ = scan_json(str(root), code=2)
    assert statuses(report, "AISPM-AWS-025") == {"fail"}
    assert any(w.startswith("cfn/template.yaml:6: suppression of AISPM-AWS-025 expired on 2020-01-31")
               for w in report["warnings"])


def test_a_future_expiry_suppresses(tmp_path: Path) -> None:
    root = write_repo(tmp_path / "r", {"cfn": "  # aispm:ignore:AISPM-AWS-025:exp:2999-01-31 until the migration"})
    report, _ = scan_json(str(root), code=2)
    assert statuses(report, "AISPM-AWS-025") == {"suppressed"}


def test_a_marker_outside_a_comment_is_data(tmp_path: Path) -> None:
    root = write_repo(tmp_path / "r")
    tf = root / "infra" / "main.tf"
    tf.write_text(tf.read_text().replace('"oai-a"', '"aispm:ignore:AISPM-AZ-001 not a comment"'))
    report, _ = scan_json(str(root), code=2)
    assert statuses(report, "AISPM-AZ-001", "infra/main.tf") == {"fail"}


def test_a_comment_in_another_resource_does_not_apply(tmp_path: Path) -> None:
    root = write_repo(tmp_path / "r")
    tf = root / "infra" / "main.tf"
    tf.write_text(tf.read_text() + '\n\n# aispm:ignore:AISPM-AZ-001 for the other one\nresource "azurerm_resource_group" '
                  '"rg" {\n  name     = "rg"\n  location = "eastus"\n}\n')
    report, _ = scan_json(str(root), code=2)
    assert statuses(report, "AISPM-AZ-001", "infra/main.tf") == {"fail"}


SUPPRESSIONS = """\
suppressions:
  - rule: AISPM-AG-008
    path: .cursor/mcp.json
    reason: internal image, pinned by the registry's policy
  - rule: GHSA-2g6r-c272-w58r
    asset: "*langchain-core*"
    reason: code path not used
    expires: 2999-12-31
  - rule: CVE-2026-34070
    reason: ""
  - rule: PYSEC-2026-2564
    reason: fixed upstream
    expires: 2021-01-01
  - rule: AISPM-GCP-*
    reason: no GCP here any more
"""


def test_a_suppression_file_covers_json_files_and_advisories_and_names_what_it_did_not_do(tmp_path: Path) -> None:
    root = write_repo(tmp_path / "r")
    (root / ".aispm-suppressions.yaml").write_text(SUPPRESSIONS)
    report, _ = scan_json(str(root / "infra"), str(root / ".cursor"), str(root / "requirements.txt"), code=2)
    assert statuses(report, "AISPM-AG-008") == {"suppressed"}
    # an advisory by one of its aliases (GHSA id of a PYSEC advisory)
    by_alias = [f for f in report["findings"] if "GHSA-2g6r-c272-w58r" in (f.get("advisory") or {}).get("aliases", [])]
    assert by_alias and {f["status"] for f in by_alias} == {"suppressed"}
    assert {f["suppressed_reason"] for f in by_alias} == {"code path not used"}
    f_no_reason = [f for f in report["findings"] if "CVE-2026-34070" in (f.get("advisory") or {}).get("aliases", [])]
    assert f_no_reason and {f["status"] for f in f_no_reason} == {"fail"}
    assert statuses(report, "PYSEC-2026-2564") == {"fail"}
    where = str(root / ".aispm-suppressions.yaml")
    warnings = [w for w in report["warnings"] if "suppression" in w]
    assert f"{where}:9: suppression of CVE-2026-34070 has no reason; a suppression needs one " \
           "(`aispm:ignore:<RULE> <reason>`, or `reason:`); not applied" in warnings
    assert f"{where}:11: suppression of PYSEC-2026-2564 expired on 2021-01-01; not applied" in warnings
    assert f"{where}:14: suppression of AISPM-GCP-* matched no finding; remove it or correct it" in warnings
    assert len(warnings) == 3
    assert report["triage"]["suppression_files"] == [str((root / ".aispm-suppressions.yaml").resolve())]


def test_warnings_are_printed_on_stderr(tmp_path: Path) -> None:
    from triage_repo import run

    root = write_repo(tmp_path / "r", {"tf": "  # aispm:ignore:AISPM-AZ-001"})
    res = run("scan", str(root), "-f", "json", "-o", str(tmp_path / "r.json"))
    assert res.exit_code == 2
    assert "infra/main.tf:3: suppression of AISPM-AZ-001 has no reason" in " ".join(res.stderr.split())


def test_a_malformed_suppression_file_is_a_usage_error_naming_the_entry(tmp_path: Path) -> None:
    from triage_repo import run

    root = write_repo(tmp_path / "r")
    (root / ".aispm-suppressions.yaml").write_text("suppressions:\n  - rule: AISPM-AZ-001\n    reasn: typo\n")
    res = run("scan", str(root), "-f", "json")
    assert res.exit_code == 1
    assert ".aispm-suppressions.yaml:2: unknown key 'reasn'" in res.output


MANIFESTS = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: vllm
spec:
  template:
    spec:
      containers:
        - name: vllm
          image: vllm/vllm-openai:latest
          securityContext:
            privileged: true  # aispm:ignore:AISPM-K8S-* GPU driver needs it; node pool is dedicated
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: other
spec:
  template:
    spec:
      containers:
        - name: other
          image: vllm/vllm-openai:latest
          securityContext:
            privileged: true
"""


def test_a_comment_in_a_kubernetes_manifest_applies_to_its_document_only(tmp_path: Path) -> None:
    (tmp_path / "k8s").mkdir()
    (tmp_path / "k8s" / "deploy.yaml").write_text(MANIFESTS)
    report, _ = scan_json(str(tmp_path / "k8s"), code=2)
    k8s = [f for f in report["findings"] if f["rule_id"].startswith("AISPM-K8S-") and f["status"] != "pass"]
    by_doc = {name: {f["status"] for f in k8s if f["address"].endswith("/" + name)} for name in ("vllm", "other")}
    assert by_doc["vllm"] == {"suppressed"}
    assert by_doc["other"] and "suppressed" not in by_doc["other"]
