"""Nested stacks (local templates, with the parameters their parent passes, only inside the scan's
roots) and CDK output (cloud assemblies, construct paths, apps never synthesised)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from cfn_helpers import FIXTURES, by_address, scan_cfn

CHILD = "AWS::CloudFormation::Stack"


def _parent(url: str, name: str = "Child") -> str:
    return ("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n"
            f"  {name}:\n    Type: {CHILD}\n    Properties:\n      TemplateURL: {url}\n")


CHILD_TEXT = "Resources:\n  Secret:\n    Type: AWS::SecretsManager::Secret\n"


def test_nested_stack_is_read_with_its_parameters_and_outputs():
    result = scan_cfn(FIXTURES / "nested")
    assets = by_address(result)
    bucket = assets["stack.Data.AWS::S3::Bucket.Bucket"]
    assert bucket.origin.file == "stacks/child.yaml" and bucket.origin.line == 6
    assert bucket.uid == "cloudformation:stacks/child.yaml:stack.Data.AWS::S3::Bucket.Bucket"
    assert bucket.name == "kb-docs"  # the parent's Prefix
    sse = bucket.properties["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]
    assert sse["ServerSideEncryptionByDefault"]["KMSMasterKeyID"] == "cloudformation:parent.yaml:AWS::KMS::Key.Key"
    nb = assets["AWS::SageMaker::NotebookInstance.Notebook"].properties
    assert nb["RoleArn"] == "cloudformation:stacks/child.yaml:stack.Data.AWS::IAM::Role.Role"  # Outputs.X
    # read once, through its parent: not again on its own without the parameters
    assert "AWS::S3::Bucket.Bucket" not in assets
    assert result.errors == []
    assert any("'Remote'" in w and "URL" in w for w in result.warnings)


def test_a_nested_stack_outside_the_roots_is_not_read(tmp_path: Path):
    target = tmp_path / "repo"
    target.mkdir()
    (tmp_path / "outside.yaml").write_text(CHILD_TEXT)
    (target / "parent.yaml").write_text(_parent("../outside.yaml"))
    result = scan_cfn(target)
    (err,) = result.errors
    assert err.file == "parent.yaml" and err.line == 5 and "outside the scanned roots" in err.message
    assert set(by_address(result)) == {"AWS::S3::Bucket.Bucket", f"{CHILD}.Child"}


def test_a_nested_stack_through_a_symlink_out_of_the_roots_is_not_read(tmp_path: Path):
    target = tmp_path / "repo"
    (target / "stacks").mkdir(parents=True)
    secret = tmp_path / "elsewhere"
    secret.mkdir()
    (secret / "child.yaml").write_text(CHILD_TEXT)
    os.symlink(secret, target / "stacks" / "linked")
    (target / "parent.yaml").write_text(_parent("stacks/linked/child.yaml"))
    result = scan_cfn(target)
    assert any(e.file == "parent.yaml" and e.line == 5 and "outside the scanned roots" in e.message
               for e in result.errors)
    assert "AWS::SecretsManager::Secret" not in {a.type for a in result.assets}


def test_a_missing_nested_template_is_an_error_with_its_line(tmp_path: Path):
    (tmp_path / "parent.yaml").write_text(_parent("stacks/gone.yaml"))
    result = scan_cfn(tmp_path)
    (err,) = result.errors
    assert (err.file, err.line) == ("parent.yaml", 5) and "not found" in err.message
    assert "AWS::S3::Bucket.Bucket" in by_address(result)


def test_a_stack_that_nests_itself_stops(tmp_path: Path):
    (tmp_path / "a.yaml").write_text(_parent("b.yaml", "B"))
    (tmp_path / "b.yaml").write_text(_parent("a.yaml", "A"))
    result = scan_cfn(tmp_path)
    assert any("includes itself" in e.message for e in result.errors)


def test_nesting_depth_is_bounded(tmp_path: Path):
    for i in range(15):
        (tmp_path / f"s{i}.yaml").write_text(_parent(f"s{i + 1}.yaml", f"S{i}"))
    (tmp_path / "s15.yaml").write_text(CHILD_TEXT)
    result = scan_cfn(tmp_path)
    assert any("nested deeper than" in e.message for e in result.errors)
    from_s0 = [a for a in result.assets if a.type == "AWS::S3::Bucket" and a.origin.address.startswith("stack.S0.")]
    assert max(a.origin.address.count("stack.") for a in from_s0) == 10  # MAX_NESTING levels below s0
    # what the chain did not reach is still read, on its own
    assert len([a for a in result.assets if a.type == "AWS::S3::Bucket"]) == 15


def _assembly(tmp_path: Path) -> Path:
    app = tmp_path / "app"
    out = app / "cdk.out"
    out.mkdir(parents=True)
    (app / "cdk.json").write_text(json.dumps({"app": "python3 app.py"}))
    nested_id = "KbNestedStackKbNestedStackResource1234ABCD"
    (out / "RagStack.template.json").write_text(json.dumps({
        "Resources": {
            "DocsBucket9F1F5AC1": {"Type": "AWS::S3::Bucket", "Properties": {"VersioningConfiguration": {
                "Status": "Enabled"}}, "Metadata": {"aws:cdk:path": "RagStack/DocsBucket/Resource"}},
            "CDKMetadata": {"Type": "AWS::CDK::Metadata", "Properties": {"Analytics": "v2:deflate64:x"},
                            "Metadata": {"aws:cdk:path": "RagStack/CDKMetadata/Default"}},
            nested_id: {"Type": CHILD, "Properties": {
                "TemplateURL": {"Fn::Join": ["", ["https://s3.", {"Ref": "AWS::Region"}, ".", {"Ref": "AWS::URLSuffix"},
                                                  "/cdk-hnb659fds-assets/abc.json"]]},
                "Parameters": {"referencetoRagStackDocsBucketRef": {"Ref": "DocsBucket9F1F5AC1"}}},
                "Metadata": {"aws:cdk:path": "RagStack/Kb.NestedStack/Kb.NestedStackResource",
                             "aws:asset:path": "RagStackKb1A2B3C4D.nested.template.json"}},
        }}, indent=1))
    (out / "RagStackKb1A2B3C4D.nested.template.json").write_text(json.dumps({
        "Parameters": {"referencetoRagStackDocsBucketRef": {"Type": "String"}},
        "Resources": {"Agent1E2F3A4B": {"Type": "AWS::Bedrock::Agent", "Properties": {
            "AgentName": "helper", "Description": {"Ref": "referencetoRagStackDocsBucketRef"}},
            "Metadata": {"aws:cdk:path": "RagStack/Kb/Agent/Resource"}}}}, indent=1))
    (out / "manifest.json").write_text(json.dumps({"version": "36.0.0", "artifacts": {
        "RagStack": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "RagStack.template.json"}},
        "Tree": {"type": "cdk:tree", "properties": {"file": "tree.json"}}}}))
    (out / "tree.json").write_text(json.dumps({"version": "tree-0.1", "tree": {"id": "App", "path": ""}}))
    return app


def test_cdk_assembly_gives_construct_paths_and_nested_stacks(tmp_path: Path):
    result = scan_cfn(_assembly(tmp_path))
    assert result.errors == [] and result.warnings == []
    assets = by_address(result)
    assert set(assets) == {"RagStack/DocsBucket/Resource", "RagStack/Kb.NestedStack/Kb.NestedStackResource",
                           "RagStack/Kb/Agent/Resource"}  # no CDKMetadata
    bucket = assets["RagStack/DocsBucket/Resource"]
    assert bucket.type == "AWS::S3::Bucket" and bucket.origin.file == "cdk.out/RagStack.template.json"
    assert bucket.origin.line == 3  # its logical id, in the JSON
    agent = assets["RagStack/Kb/Agent/Resource"]
    assert agent.origin.file == "cdk.out/RagStackKb1A2B3C4D.nested.template.json"
    assert agent.properties["Description"] == bucket.uid  # the parameter the parent passes


def test_a_manifest_naming_a_missing_template_is_an_error(tmp_path: Path):
    app = _assembly(tmp_path)
    manifest = app / "cdk.out" / "manifest.json"
    doc = json.loads(manifest.read_text())
    doc["artifacts"]["Other"] = {"type": "aws:cloudformation:stack",
                                 "properties": {"templateFile": "Other.template.json"}}
    manifest.write_text(json.dumps(doc))
    result = scan_cfn(app)
    (err,) = result.errors
    assert err.file == "cdk.out/manifest.json" and "missing from the cloud assembly" in err.message
    assert "RagStack/DocsBucket/Resource" in by_address(result)


@pytest.mark.parametrize("config", [{"app": "npx ts-node bin/app.ts"},
                                    {"app": "python3 app.py", "output": "build/out"}])
def test_a_cdk_app_never_synthesised_is_a_warning_not_a_clean_result(tmp_path: Path, config: dict):
    (tmp_path / "cdk.json").write_text(json.dumps(config))
    (tmp_path / "app.py").write_text("import aws_cdk as cdk\n")
    result = scan_cfn(tmp_path)
    (warning,) = result.warnings
    assert warning.startswith("cdk.json: a CDK app that has not been synthesised") and "cdk synth" in warning
    assert config.get("output", "cdk.out") in warning


def test_a_synthesised_app_is_not_warned_about(tmp_path: Path):
    app = _assembly(tmp_path)
    shutil.rmtree(app / "cdk.out")
    assert len(scan_cfn(app).warnings) == 1
    assert scan_cfn(_assembly(tmp_path / "again")).warnings == []
