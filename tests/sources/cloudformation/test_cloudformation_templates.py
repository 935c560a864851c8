"""CloudFormation templates: which files are templates, and every intrinsic evaluated (YAML short
forms and JSON long forms alike), with parameters, pseudo parameters, conditions and mappings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from aispm.model import Kind, Unknown
from cfn_helpers import FIXTURES, by_address, scan_cfn

NB = "AWS::SageMaker::NotebookInstance.Notebook"


@pytest.fixture(scope="module", params=["intrinsics/template.yaml", "intrinsics_json/template.json"])
def evaluated(request):
    path = FIXTURES / request.param
    result = scan_cfn(path.parent)
    return path.name, result


def test_assets_have_type_address_line_and_kind(evaluated):
    name, result = evaluated
    assert result.errors == []
    assets = by_address(result)
    assert set(assets) == {"AWS::KMS::Key.Key", "AWS::S3::Bucket.Bucket", NB, "AWS::IAM::Role.Role",
                           "AWS::S3::Bucket.Maybe"}  # DevOnly's condition is false
    nb = assets[NB]
    assert nb.type == "AWS::SageMaker::NotebookInstance" and nb.provider == "aws"
    assert nb.uid == f"cloudformation:{name}:{NB}"
    assert nb.origin.file == name and nb.origin.format == "cloudformation"
    if name.endswith(".yaml"):
        assert nb.origin.line == 24  # the line of its logical id
    assert nb.kind is not Kind.OTHER  # the AWS catalog classifies it


def test_every_intrinsic_evaluates(evaluated):
    name, result = evaluated
    assets = by_address(result)
    props = assets[NB].properties
    uid = lambda address: f"cloudformation:{name}:{address}"  # noqa: E731
    assert props["NotebookInstanceName"] == "nb-prod"  # Join of a parameter default
    assert props["InstanceType"] == "ml.m5.large"  # FindInMap with a Ref key
    assert props["KmsKeyId"] == uid("AWS::KMS::Key.Key")  # If on a true condition, GetAtt a.b → the uid
    assert props["RoleArn"] == uid("AWS::IAM::Role.Role")  # GetAtt [a, b]
    assert props["SubnetId"] == "subnet-b"  # Select from a CommaDelimitedList default
    assert props["SecurityGroupIds"] == ["sg-1"]  # AWS::NoValue removes the item
    tags = props["Checks"]
    assert tags["bucket-arn"] == "arn:aws:s3:::prod-data-{AWS::AccountId}/*"  # Ref of a bucket in a string: its name
    assert tags["parts"] == "y"  # Select of Split
    assert tags["user-data"] == "echo arn:aws:s3:::prod-data-{AWS::AccountId}"  # Base64 of Sub, before encoding
    assert isinstance(tags["az"], Unknown)  # GetAZs
    assert isinstance(tags["imported"], Unknown) and "another stack" in tags["imported"].reason
    assert tags["cidr"] == "10.0.1.0/24"  # Cidr
    assert tags["sub-list"] == "prod-${Literal}"  # Sub with variables; ${!x} is literal
    assert isinstance(tags["macro"], Unknown) and "macro" in tags["macro"].reason  # Transform
    secret = tags["no-default"]  # a parameter without default, inside a string
    assert isinstance(secret, Unknown) and "no default" in secret.reason and secret.shown == "…-suffix"
    assert tags["region"] == "{AWS::Region}"  # pseudo parameters are placeholders
    assert tags["and"] == "not-both" and tags["or"] == "either"  # And, Or, Not, Condition
    assert isinstance(tags["unsure"], Unknown)  # If on a condition nobody knows
    assert tags["role-id"] == uid("AWS::IAM::Role.Role")  # an identifying attribute
    other = tags["role-other"]
    assert isinstance(other, Unknown) and other.reason.startswith(uid("AWS::IAM::Role.Role"))


def test_names_and_unknown_names(evaluated):
    _, result = evaluated
    assets = by_address(result)
    assert assets["AWS::S3::Bucket.Bucket"].name == "prod-data-{AWS::AccountId}"
    assert assets["AWS::IAM::Role.Role"].name == "notebook-role"
    key = assets["AWS::KMS::Key.Key"]
    assert isinstance(key.name, Unknown) and key.display_name == "Key"


def test_a_resource_whose_condition_is_unknown_is_kept_with_a_warning(evaluated):
    _, result = evaluated
    assert "AWS::S3::Bucket.Maybe" in by_address(result)
    assert any("'Maybe'" in w and "not known" in w for w in result.warnings)


def test_yaml_and_json_give_the_same_properties():
    y = by_address(scan_cfn(FIXTURES / "intrinsics"))
    j = by_address(scan_cfn(FIXTURES / "intrinsics_json"))
    strip = lambda v: str(v).replace("template.yaml", "F").replace("template.json", "F")  # noqa: E731
    assert {a: strip(x.properties) for a, x in y.items()} == {a: strip(x.properties) for a, x in j.items()}


def test_other_yaml_and_json_is_left_alone():
    result = scan_cfn(FIXTURES / "not_templates")
    assert result.assets == [] and result.errors == [] and result.files_scanned == 0


@pytest.mark.parametrize("text", [
    # no AWSTemplateFormatVersion: Resources whose types are AWS's are enough (Checkov's fixtures are so)
    "Resources:\n  B:\n    Type: AWS::S3::Bucket\n",
    '{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}',
    "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  B:\n    Type: AWS::S3::Bucket\n",
    "Transform: AWS::Serverless-2016-10-31\nResources:\n  F:\n    Type: AWS::Serverless::Function\n"
    "    Properties: {Handler: a.b, Runtime: python3.12, InlineCode: x}\n",
])
@pytest.mark.parametrize("suffix", [".yaml", ".yml", ".json", ".template"])
def test_templates_are_claimed_by_content_whatever_their_name(tmp_path: Path, text: str, suffix: str):
    (tmp_path / f"stack{suffix}").write_text(text)
    result = scan_cfn(tmp_path)
    assert result.errors == [] and result.files_scanned == 1 and result.assets


def test_a_template_that_does_not_parse_is_an_error_with_its_line(tmp_path: Path):
    shutil.copytree(FIXTURES / "intrinsics", tmp_path / "good")
    (tmp_path / "bad.yaml").write_text("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  B: [\n")
    result = scan_cfn(tmp_path)
    (err,) = result.errors
    assert err.file == "bad.yaml" and err.line == 4 and "invalid template" in err.message
    assert NB in by_address(result)


def test_calls_cloudformation_refuses_are_errors_with_their_line_and_the_rest_is_read(tmp_path: Path):
    (tmp_path / "t.yaml").write_text(
        "Resources:\n"
        "  A:\n"
        "    Type: AWS::S3::Bucket\n"
        "    Properties:\n"
        "      BucketName: !Ref Nowhere\n"
        "      Tags: [{Key: k, Value: !Select [5, [a]]}]\n"
        "  B:\n"
        "    Type: AWS::S3::Bucket\n"
        "    Condition: Undeclared\n"
        "    Properties: {BucketName: b}\n"
        "  C:\n"
        "    Type: AWS::S3::Bucket\n"
        "    Properties: {BucketName: !Fn::Nope x}\n")
    result = scan_cfn(tmp_path)
    errors = sorted((e.line, e.message) for e in result.errors)
    assert [line for line, _ in errors] == [5, 6, 9, 13]
    assert errors[0][1].startswith("Ref: 'Nowhere' is not") and errors[1][1].startswith("Fn::Select: index 5")
    assert "not declared in Conditions" in errors[2][1] and "unknown YAML tag '!Fn::Nope'" in errors[3][1]
    assets = by_address(result)
    assert isinstance(assets["AWS::S3::Bucket.A"].properties["BucketName"], Unknown)
    assert assets["AWS::S3::Bucket.B"].properties == {"BucketName": "b"}  # its condition is unknown: kept


def test_a_condition_that_refers_to_itself_is_an_error(tmp_path: Path):
    (tmp_path / "t.yaml").write_text(
        "Conditions:\n  A: !Condition B\n  B: !Not [!Condition A]\n"
        "Resources:\n  X:\n    Type: AWS::S3::Bucket\n    Condition: A\n  Y:\n    Type: AWS::S3::Bucket\n")
    result = scan_cfn(tmp_path)
    assert any("refers to itself" in e.message for e in result.errors)
    assert set(by_address(result)) == {"AWS::S3::Bucket.X", "AWS::S3::Bucket.Y"}


def test_unreadable_files(tmp_path: Path):
    (tmp_path / "mail.template").write_bytes(b"\xe9t\xe9")  # another tool's template, not text: not ours
    (tmp_path / "stack.yaml").write_bytes(b"Resources: \xe9\n")
    (tmp_path / "ok.yaml").write_text("Resources:\n  B:\n    Type: AWS::S3::Bucket\n")
    result = scan_cfn(tmp_path)
    assert [(e.file, e.line) for e in result.errors] == [("stack.yaml", 1)]
    assert "AWS::S3::Bucket.B" in by_address(result)


def test_credentials_are_keys_and_foreach_is_said(tmp_path: Path):
    (tmp_path / "t.yaml").write_text(
        "Transform: AWS::LanguageExtensions\n"
        "Resources:\n"
        "  User:\n    Type: AWS::IAM::User\n"
        "  AccessKey:\n    Type: AWS::IAM::AccessKey\n    Properties: {UserName: !Ref User}\n"
        "  Holder:\n    Type: AWS::SecretsManager::Secret\n"
        "    Properties:\n      SecretString: !GetAtt AccessKey.SecretAccessKey\n"
        "      Description: !Sub 'key ${AccessKey.SecretAccessKey}'\n"
        "  Fn::ForEach::Buckets:\n    - Name\n    - [a, b]\n    - Bucket${Name}: {Type: AWS::S3::Bucket}\n")
    result = scan_cfn(tmp_path)
    assert result.errors == []
    props = by_address(result)["AWS::SecretsManager::Secret.Holder"].properties
    key = "key of cloudformation:t.yaml:AWS::IAM::AccessKey.AccessKey"
    assert props["SecretString"] == Unknown(key) and props["Description"] == Unknown(key)
    assert any("Fn::ForEach" in w and ":13:" in w for w in result.warnings)
