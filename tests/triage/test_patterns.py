"""Wildcards as config and suppression files write them."""

from __future__ import annotations

import pytest

from aispm.triage.patterns import path_matches, rule_matches, unknown_patterns


@pytest.mark.parametrize("glob,path,expected", [
    ("tests/fixtures", "tests/fixtures/a/main.tf", True),   # a folder: everything under it
    ("tests/fixtures", "tests/fixtures-old/main.tf", False),
    ("**/samples/**", "docs/samples/app.json", True),
    ("**/*.ipynb", "explore.ipynb", True),                   # `**/` also at the top
    ("**/**/*.ipynb", "a/b/explore.ipynb", True),
    ("cfn/*.yaml", "cfnx/template.yaml", False),
    ("./infra/", "infra/main.tf", True),
])
def test_path_globs(glob: str, path: str, expected: bool) -> None:
    assert path_matches(glob, path) is expected


def test_rule_patterns_match_ids_and_advisory_aliases_case_insensitively() -> None:
    assert rule_matches("aispm-az-*", "AISPM-AZ-001")
    assert not rule_matches("AISPM-AZ-*", "AISPM-AWS-001")
    assert rule_matches("GHSA-*", "PYSEC-2024-1", ("CVE-2024-9", "GHSA-xxxx-yyyy-zzzz"))
    assert rule_matches("CVE-2024-9", "PYSEC-2024-1", ("CVE-2024-9",))


def test_a_pattern_that_names_no_rule_is_reported_unless_it_is_an_advisory() -> None:
    known = ["AISPM-AZ-001", "AISPM-AWS-002"]
    assert unknown_patterns(["AISPM-AZ-*", "AISPM-GCP-*", "AISPM-AZ-01", "GHSA-*", "PYSEC-2024-1"], known) == \
        ["AISPM-GCP-*", "AISPM-AZ-01"]


def test_a_suppression_entry_matches_an_asset_or_address_whole_not_its_children() -> None:
    from aispm.model import Finding, Pillar, References, Severity, Status
    from aispm.triage.suppress import Suppression

    account = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/oai"

    def finding(uid: str, address: str) -> Finding:
        return Finding("AISPM-AZ-001", "t", Severity.MEDIUM, Pillar.IDENTITY, Status.FAIL, uid, {}, References(),
                       file="main.tf", line=1, address=address)

    entry = Suppression(rules=("AISPM-AZ-*",), reason="r", where="s.yaml:2", asset=account)
    assert entry.matches(finding(account, "x"), None)
    assert not entry.matches(finding(account + "/deployments/gpt", "x"), None)
    assert entry.matches(finding("terraform:main.tf:azurerm_cognitive_account.oai", "x"), account)  # by cloud id
    by_address = Suppression(rules=("AISPM-AZ-001",), reason="r", where="s.yaml:5", address="module.legacy.*")
    assert by_address.matches(finding("u", "module.legacy.azurerm_cognitive_account.oai"), None)
    assert not by_address.matches(finding("u", "module.current.azurerm_cognitive_account.oai"), None)
