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
