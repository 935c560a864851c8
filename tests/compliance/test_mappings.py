"""The compliance mappings hold together: every rule maps to at least one requirement, every id a rule,
the advisory check or an attack-path entry names exists in its framework's catalogue (the published
lists, never memory), and the catalogues are the frameworks as published (ids, counts, versions)."""

from __future__ import annotations

import re

import pytest

from aispm.compliance import ADVISORY, ATTACK_PATH_ENTRIES, FRAMEWORK_IDS, controls, framework, frameworks
from aispm.compliance.coverage import mapping
from aispm.graph.paths import ENTRY_BY_NAME
from aispm.rules import all_rules
from aispm.rules.engine import FRAMEWORKS


def _unknown_ids(mapped: dict[str, tuple[str, ...]]) -> list[str]:
    return [f"{fid}:{rid}" for fid, ids in mapped.items() for rid in ids if framework(fid).requirement(rid) is None]


def test_every_rule_maps_to_requirements_that_exist() -> None:
    rules = all_rules()
    assert len(rules) >= 128
    unmapped = [r.id for r in rules if not r.references.compliance]
    assert not unmapped, f"rules without a compliance mapping: {unmapped}"
    bad = {r.id: _unknown_ids(r.references.compliance) for r in rules}
    assert not {k: v for k, v in bad.items() if v}


def test_advisories_and_attack_paths_map_to_requirements_that_exist() -> None:
    assert ADVISORY["owasp-llm-2025"] == ("LLM03",)  # a vulnerable library is a supply-chain risk
    assert not _unknown_ids(ADVISORY)
    assert set(ATTACK_PATH_ENTRIES) <= set(ENTRY_BY_NAME), "attack-path entries must be real entry kinds"
    for kind, mapped in ATTACK_PATH_ENTRIES.items():
        assert not _unknown_ids(mapped), kind


def test_a_requirement_marked_manual_has_no_rule() -> None:
    """`manual` says no configuration answers it; a rule mapped there would contradict the catalogue."""
    rules = all_rules()
    for fw in frameworks():
        mapped = mapping(rules, fw.id)
        assert not [r.id for r in fw.requirements if r.manual and mapped.get(r.id)], fw.id


def test_catalogues_are_the_published_frameworks() -> None:
    assert FRAMEWORK_IDS == tuple(FRAMEWORKS)
    llm = framework("owasp-llm-2025")
    assert [r.id for r in llm.requirements] == [f"LLM{n:02d}" for n in range(1, 11)]
    assert llm.requirement("LLM03").title == "Supply Chain"
    agentic = framework("owasp-agentic-2026")
    assert [r.id for r in agentic.requirements] == [f"ASI{n:02d}" for n in range(1, 11)]
    assert agentic.requirement("ASI01").title == "Agent Goal Hijack"
    atlas = framework("mitre-atlas")
    assert re.fullmatch(r"\d+\.\d+\.\d+", atlas.version)
    assert atlas.requirement("AML.T0051.001").title == "LLM Prompt Injection: Indirect"
    assert all(re.fullmatch(r"AML\.T\d{4}(\.\d{3})?", r.id) for r in atlas.requirements)
    assert len(framework("nist-ai-600-1").requirements) == 12
    iso = framework("iso-42001")
    assert len(iso.requirements) == 38  # ISO/IEC 42001:2023 Annex A has 38 controls
    assert iso.requirement("A.6.2.8").title == "AI system recording of event logs"
    for fw in frameworks():
        ids = [r.id for r in fw.requirements]
        assert len(ids) == len(set(ids)), fw.id
        assert fw.name and fw.version and fw.url.startswith("https://")


def test_controls_reads_each_framework_from_the_form_of_the_id() -> None:
    assert controls("LLM02 ASI03 AML.T0055 A.6.2.5 GAI:information-security LLM02") == {
        "owasp-llm-2025": ("LLM02",), "owasp-agentic-2026": ("ASI03",), "mitre-atlas": ("AML.T0055",),
        "nist-ai-600-1": ("information-security",), "iso-42001": ("A.6.2.5",)}
    with pytest.raises(ValueError):
        controls("LLM2")  # a typo never ships: rules are imported by every test run


def test_attack_paths_carry_the_techniques_of_their_entry() -> None:
    from aispm.report.json import to_dict
    from aispm.scan import scan
    from pathlib import Path

    report = to_dict(scan([Path(__file__).resolve().parents[2] / "examples" / "azure-rag"]))
    leaked = [p for p in report["attack_paths"] if p["entry_kind"] == "leaked-credential"]
    assert leaked and all("AML.T0055" in p["compliance"]["mitre-atlas"] for p in leaked)
    assert all(p["compliance"] == {k: list(v) for k, v in ATTACK_PATH_ENTRIES.get(p["entry_kind"], {}).items()}
               for p in report["attack_paths"])
