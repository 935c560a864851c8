"""Hostile templates: each ends with an error (or a budget warning) naming the file and line, and
the good template beside it is still read, within seconds."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from aispm.limits import Limits
from aispm.model import Unknown
from cfn_helpers import by_address, scan_cfn

GOOD = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Good:\n    Type: AWS::S3::Bucket\n"
HEAD = "AWSTemplateFormatVersion: '2010-09-09'\n"


def _bomb() -> str:
    lines = [HEAD, "Mappings:\n  M:\n    a: &a [x, x, x, x, x, x, x, x, x, x]\n"]
    prev = "a"
    for i in range(9):
        name = f"b{i}"
        lines.append(f"    {name}: &{name} [{', '.join(['*' + prev] * 10)}]\n")
        prev = name
    lines.append(f"Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties: {{Tags: *{prev}}}\n")
    return "".join(lines)


CASES = {
    "deep-yaml": (HEAD + "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      X: "
                  + "[" * 5000 + "]" * 5000 + "\n", "error", "deeper than"),
    "deep-json": ('{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"B": {"Type": "AWS::S3::Bucket", '
                  '"Properties": {"X": ' + "[" * 5000 + "]" * 5000 + "}}}}", "error", "deeper than"),
    "alias-bomb": (_bomb(), "error", "budget exceeded"),
    "unknown-tag": (HEAD + "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n"
                    "      BucketName: !Evil x\n", "error", "unknown YAML tag"),
    "python-tag": (HEAD + "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n"
                   "      BucketName: !!python/object/apply:os.system [id]\n", "error", "invalid template"),
    "cyclic-dependson": (HEAD + "Resources:\n  A:\n    Type: AWS::S3::Bucket\n    DependsOn: C\n"
                         "  B:\n    Type: AWS::S3::Bucket\n    DependsOn: A\n"
                         "  C:\n    Type: AWS::S3::Bucket\n    Properties: {BucketName: !Ref B}\n",
                         "error", "circular dependency"),
    "huge-join": (HEAD + "Parameters:\n  P: {Type: String, Default: " + "x" * 5000 + "}\n"
                  "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Join ['', ["
                  + ", ".join(["!Ref P"] * 400) + "]]\n", "warning", "string_length"),
    "huge-sub": (HEAD + "Parameters:\n  P: {Type: String, Default: " + "x" * 5000 + "}\n"
                 "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Sub '"
                 + "${P}" * 400 + "'\n", "warning", "string_length"),
    "condition-chain": (HEAD + "Conditions:\n" + "".join(f"  C{i}: !Not [!Condition C{i + 1}]\n" for i in range(3000))
                        + "  C3000: !Equals [a, a]\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Condition: C0\n",
                        "warning", "depth"),
    "split-bomb": (HEAD + "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags: !Split [',', '"
                   + "," * 200_000 + "']\n", "warning", "collection_size"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_template_is_reported_and_its_neighbour_read(tmp_path: Path, name: str):
    text, kind, needle = CASES[name]
    (tmp_path / "good.yaml").write_text(GOOD)
    (tmp_path / "bad.yaml" if not name.endswith("json") else tmp_path / "bad.json").write_text(text)
    limits = Limits(string_length=1_000_000, collection_size=100_000)
    start = time.monotonic()
    result = scan_cfn(tmp_path, limits=limits)
    assert time.monotonic() - start < 30
    assert "AWS::S3::Bucket.Good" in by_address(result)
    if kind == "error":
        bad = [e for e in result.errors if e.file.startswith("bad.")]
        assert bad and any(needle in e.message for e in bad), result.errors
        assert all(e.line is not None for e in bad)
    else:
        assert any(w.startswith("bad.yaml:") and needle in w for w in result.warnings), result.warnings
    for e in result.errors:
        assert len(e.message) < 400  # a short reason, never the input


def test_cyclic_dependson_names_the_cycle_and_its_line(tmp_path: Path):
    (tmp_path / "t.yaml").write_text(CASES["cyclic-dependson"][0])
    result = scan_cfn(tmp_path)
    (err,) = result.errors
    assert err.file == "t.yaml" and err.line == 3 and "'A' → 'C' → 'B' → 'A'" in err.message  # as they depend
    assert len(result.assets) == 3  # the template's other content is still judged


def test_dependson_on_nothing_is_an_error(tmp_path: Path):
    (tmp_path / "t.yaml").write_text(HEAD + "Resources:\n  A:\n    Type: AWS::S3::Bucket\n    DependsOn: [Ghost]\n")
    (err,) = scan_cfn(tmp_path).errors
    assert err.line == 3 and "'Ghost'" in err.message


def test_a_budget_leaves_an_unknown_where_the_value_was(tmp_path: Path):
    (tmp_path / "t.yaml").write_text(CASES["huge-sub"][0])
    result = scan_cfn(tmp_path)
    name = by_address(result)["AWS::S3::Bucket.B"].properties["BucketName"]
    assert isinstance(name, Unknown) and "string_length" in name.reason


def test_steps_budget(tmp_path: Path):
    (tmp_path / "t.yaml").write_text(HEAD + "Resources:\n" + "".join(
        f"  B{i}:\n    Type: AWS::S3::Bucket\n    Properties: {{BucketName: !Join ['-', [a, !Ref AWS::Region]]}}\n"
        for i in range(50)))
    result = scan_cfn(tmp_path, limits=Limits(steps_per_file=40))
    assert any("steps_per_file" in w for w in result.warnings)
    names = [a.properties["BucketName"] for a in result.assets]
    assert names[0] == "a-{AWS::Region}" and isinstance(names[-1], Unknown) and len(names) == 50
