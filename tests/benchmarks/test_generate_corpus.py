"""The multi-cloud benchmark corpus (benchmarks/generate_corpus.py) is what the benchmark says it is.

`benchmarks/iac_vs_checkov.py` times aispm and Checkov on this corpus and compares their verdicts;
those figures mean something only if the corpus is reproducible, has the advertised size and mix
of clouds and formats, is valid input (aispm's IaC parsers report no error on it), and gives every
Checkov id that aispm's rules reference both passing and failing resources to judge.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

from aispm.rules import all_rules
from aispm.scan import ScanOptions, scan

REPO = Path(__file__).resolve().parents[2]
EXPECTED = json.loads((REPO / "tests" / "conformance" / "checkov" / "expected.json").read_text())
SIZE = 1500


def _generator():
    spec = importlib.util.spec_from_file_location("generate_corpus", REPO / "benchmarks" / "generate_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _tree_digest(root: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        if p.is_file():
            h.update(p.relative_to(root).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict]:
    gen = _generator()
    out = tmp_path_factory.mktemp("corpus") / "multicloud"
    manifest = gen.generate(out, SIZE, 7, gen.parse_shares("40/35/25"))
    return out, manifest


def test_same_seed_same_bytes_other_seed_other_corpus(corpus, tmp_path) -> None:
    out, manifest = corpus
    gen = _generator()
    again = gen.generate(tmp_path / "again", SIZE, 7, gen.parse_shares("40/35/25"))
    assert again == manifest
    assert _tree_digest(tmp_path / "again") == _tree_digest(out)
    gen.generate(tmp_path / "other", SIZE, 8, gen.parse_shares("40/35/25"))
    assert _tree_digest(tmp_path / "other") != _tree_digest(out)


def test_size_and_shares(corpus) -> None:
    _, manifest = corpus
    assert manifest["resources"] >= SIZE
    for cloud, share in (("azure", 0.40), ("aws", 0.35), ("gcp", 0.25)):
        assert abs(manifest["share_by_cloud"][cloud] - share) < 0.03, manifest["share_by_cloud"]
    # every writer is used: Azure Terraform/ARM/Bicep, AWS Terraform aws/awscc and CloudFormation YAML/JSON
    assert set(manifest["stacks"]) == {"azure/azurerm", "azure/arm", "azure/bicep", "aws/aws", "aws/awscc",
                                       "aws/yaml", "aws/json", "gcp/google"}


def test_layout_and_formats(corpus) -> None:
    out, _ = corpus
    # one directory per application stack, a few files per stack, a shared local module per cloud
    for cloud, module in (("azure", "openai-account"), ("aws", "sagemaker-notebook"), ("gcp", "vertex-workbench")):
        assert (out / cloud / "terraform" / "modules" / module / "main.tf").is_file()
        callers = [p for p in (out / cloud / "terraform").rglob("*.tf")
                   if f'"../../modules/{module}"' in p.read_text()]
        assert callers, cloud
    texts = {p: p.read_text() for p in out.rglob("*") if p.is_file()}
    assert any("Transform: AWS::Serverless-2016-10-31" in t for t in texts.values())  # SAM
    assert any(p.suffix == ".json" and '"AWSTemplateFormatVersion"' in t for p, t in texts.items())
    assert any("!If [UseCmk" in t for t in texts.values())  # a condition on a parameter with a default
    assert any("provider = google-beta" in t for t in texts.values())
    assert any(re.search(r"for_each\s+=", t) for t in texts.values())
    assert any(re.search(r"count\s+=", t) for t in texts.values())


@pytest.fixture(scope="module")
def findings(corpus):
    out, _ = corpus
    result = scan([out], ScanOptions(frameworks=("terraform", "cloudformation", "arm", "bicep")))
    return result


def test_valid_input_for_the_iac_parsers(findings) -> None:
    assert [(e.file, e.line, e.message) for e in findings.errors] == []


CLOUDS = ("azure", "aws", "gcp")


def test_every_referenced_checkov_id_has_passes_and_failures(findings) -> None:
    """For each Checkov id an aispm rule references, the rule passes and fails resources in the corpus,
    on the resource types that Checkov id judges where the conformance suite names them."""
    types: dict[str, set[str]] = defaultdict(set)
    for e in EXPECTED:
        types[e["check_id"]].update(e["resource_types"])
    verdicts: dict[str, set[str]] = defaultdict(set)
    for rule in all_rules():
        for check in rule.references.checkov:
            for f in findings.findings:
                if f.rule_id != rule.id or str(f.status) not in ("pass", "fail"):
                    continue
                address = re.sub(r"^(module\.[^.]+\.)+", "", f.address)
                if not types[check] or any(address.startswith(t + ".") for t in types[check]):
                    verdicts[check].add(str(f.status))
    # the corpus is cloud IaC: Checkov ids of other rules (Kubernetes manifests) are not its business
    referenced = {c for r in all_rules() if r.provider in CLOUDS for c in r.references.checkov}
    missing = {c: sorted(verdicts[c]) for c in sorted(referenced) if verdicts[c] != {"pass", "fail"}}
    assert missing == {}
