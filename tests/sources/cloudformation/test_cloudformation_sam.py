"""SAM templates: serverless resources expanded to what the SAM translator deploys, with the SAM
logical ids kept in the addresses and references between them followed."""

from __future__ import annotations

from pathlib import Path

import pytest

from aispm.model import Unknown
from aispm.providers.aws.cloudformation import CloudFormationSource
from aispm.source import SourceContext
from cfn_helpers import FIXTURES, by_address, scan_cfn

UID = "cloudformation:template.yaml:"


@pytest.fixture(scope="module")
def assets():
    # read by the source itself: the redaction stage of a scan hides values under keys such as `Key`
    root = FIXTURES / "sam"
    result = CloudFormationSource().load([root / "template.yaml"], SourceContext(root=root))
    assert result.errors == []
    return by_address(result)


def test_function_becomes_lambda_role_url_and_permissions(assets):
    fn = assets["AWS::Lambda::Function.ActionFunction"]
    assert fn.type == "AWS::Lambda::Function" and fn.origin.line == 17
    p = fn.properties
    assert p["Handler"] == "app.handler" and p["Runtime"] == "python3.12" and p["Timeout"] == 30  # Globals
    assert p["Environment"]["Variables"] == {"STAGE": "prod", "TABLE": UID + "AWS::DynamoDB::Table.Sessions"}
    assert p["Role"] == UID + "AWS::IAM::Role.ActionFunctionRole"
    assert p["Code"] == "src/"  # a local CodeUri names the folder `sam build` packages
    url = assets["AWS::Lambda::Url.ActionFunctionUrl"].properties
    assert url == {"AuthType": "NONE", "TargetFunctionArn": UID + "AWS::Lambda::Function.ActionFunction"}
    public = assets["AWS::Lambda::Permission.ActionFunctionUrlPublicPermissions"].properties
    assert public["Principal"] == "*" and public["FunctionUrlAuthType"] == "NONE"


def test_generated_role_holds_every_kind_of_policy(assets):
    role = assets["AWS::IAM::Role.ActionFunctionRole"].properties
    trust = role["AssumeRolePolicyDocument"]["Statement"][0]
    assert trust["Principal"] == {"Service": ["lambda.amazonaws.com"]}
    assert role["ManagedPolicyArns"] == ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
                                         "arn:aws:iam::aws:policy/AmazonBedrockFullAccess"]
    docs = [p["PolicyDocument"] for p in role["Policies"]]
    assert docs[0]["Statement"][0]["Resource"] == ["arn:aws:s3:::kb-docs", "arn:aws:s3:::kb-docs/*"]  # S3ReadPolicy
    assert "s3:GetObject" in docs[0]["Statement"][0]["Action"]
    assert docs[1]["Statement"][0] == {"Effect": "Allow", "Action": "dynamodb:*",
                                       "Resource": UID + "AWS::DynamoDB::Table.Sessions"}
    assert isinstance(docs[2], Unknown) and "SomeUnknownTemplatePolicy" in docs[2].reason


def test_function_with_its_own_role_gets_no_generated_role(assets):
    fn = assets["AWS::Lambda::Function.RoleFunction"].properties
    assert fn["Role"] == "arn:aws:iam::123456789012:role/existing"
    assert fn["Code"] == {"ZipFile": "def other(e, c): return 1"} and fn["TracingConfig"] == {"Mode": "Active"}
    assert "AWS::IAM::Role.RoleFunctionRole" not in assets


def test_events_create_the_implicit_apis_and_rules(assets):
    rest = assets["AWS::ApiGateway::RestApi.ServerlessRestApi"].properties
    op = rest["Body"]["paths"]["/ask"]["post"]
    assert op["x-amazon-apigateway-integration"]["uri"] == UID + "AWS::Lambda::Function.ActionFunction"
    assert "security" not in op  # no authorizer on this path
    http = assets["AWS::ApiGatewayV2::Api.ServerlessHttpApi"].properties
    assert http["Body"]["paths"]["/admin"]["get"]["security"] == [{"OAuth2": []}]
    assert "AWS::ApiGateway::Stage.ServerlessRestApiProdStage" in assets
    assert "AWS::ApiGatewayV2::Stage.ServerlessHttpApiApiGatewayDefaultStage" in assets
    rule = assets["AWS::Events::Rule.ActionFunctionNightly"].properties
    assert rule["ScheduleExpression"] == "rate(1 day)"
    assert rule["Targets"][0]["Arn"] == UID + "AWS::Lambda::Function.ActionFunction"
    for event in ("Ask", "Admin", "Nightly"):
        perm = assets[f"AWS::Lambda::Permission.ActionFunction{event}Permission"].properties
        assert perm["FunctionName"] == UID + "AWS::Lambda::Function.ActionFunction"


def test_table_layer_and_apis(assets):
    table = assets["AWS::DynamoDB::Table.Sessions"].properties
    assert table["KeySchema"] == [{"AttributeName": "sessionId", "KeyType": "HASH"}]
    assert table["AttributeDefinitions"] == [{"AttributeName": "sessionId", "AttributeType": "S"}]
    assert table["BillingMode"] == "PAY_PER_REQUEST"
    layer = assets["AWS::Lambda::LayerVersion.Deps"].properties
    assert layer["Content"] == {"S3Bucket": "artifacts", "S3Key": "deps.zip"}
    api = assets["AWS::ApiGateway::RestApi.PrivateApi"].properties
    assert api["EndpointConfiguration"] == {"Types": ["PRIVATE"]}
    stage = assets["AWS::ApiGateway::Stage.PrivateApiv1Stage"].properties
    assert stage == {"RestApiId": UID + "AWS::ApiGateway::RestApi.PrivateApi", "StageName": "v1"}
    assert assets["AWS::ApiGatewayV2::Api.Chat"].properties == {"ProtocolType": "HTTP"}
    assert assets["AWS::ApiGatewayV2::Stage.ChatliveStage"].properties["StageName"] == "live"
    assert not any(a.type.startswith("AWS::Serverless::") for a in assets.values())


def test_api_default_authorizer_secures_its_event_paths(tmp_path: Path):
    (tmp_path / "template.yaml").write_text(
        "Transform: AWS::Serverless-2016-10-31\n"
        "Resources:\n"
        "  Api:\n"
        "    Type: AWS::Serverless::Api\n"
        "    Properties:\n"
        "      StageName: prod\n"
        "      Auth: {DefaultAuthorizer: AWS_IAM}\n"
        "  Fn:\n"
        "    Type: AWS::Serverless::Function\n"
        "    Condition: Never\n"
        "    Properties:\n"
        "      Handler: a.b\n"
        "      Runtime: python3.12\n"
        "      InlineCode: x\n"
        "      Events:\n"
        "        Get: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /x, Method: get}}\n"
        "        Open: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /open, Method: get,"
        " Auth: {Authorizer: NONE}}}\n"
        "Conditions:\n"
        "  Never: !Equals [a, b]\n")
    assets = by_address(scan_cfn(tmp_path))
    paths = assets["AWS::ApiGateway::RestApi.Api"].properties["Body"]["paths"]
    assert paths["/x"]["get"]["security"] == [{"AWS_IAM": []}] and paths["/open"]["get"]["security"] == []
    # the function's condition is false: it and everything SAM makes for it are not deployed
    assert not any(a.startswith(("AWS::Lambda::", "AWS::IAM::")) for a in assets)


def test_a_function_built_from_a_local_folder_runs_the_code_there(tmp_path: Path):
    """`CodeUri: intake/` is the folder `sam build` packages: the function runs the code scanned there,
    so a vulnerable library in `intake/requirements.txt` makes the function a vulnerable workload."""
    from aispm.scan import ScanOptions, scan

    (tmp_path / "intake").mkdir()
    (tmp_path / "intake" / "requirements.txt").write_text("langchain==0.0.300\n")
    (tmp_path / "intake" / "app.py").write_text("import langchain\n")
    (tmp_path / "template.yaml").write_text(
        "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n"
        "  Intake:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: intake/\n"
        "      Handler: app.handler\n      Runtime: python3.12\n"
        "  Remote:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: s3://bucket/fn.zip\n"
        "      Handler: app.handler\n      Runtime: python3.12\n")
    result = scan([tmp_path], ScanOptions(attack_paths=False))
    fns = {a.origin.address: a for a in result.assets if a.type == "AWS::Lambda::Function"}
    intake = next(a for addr, a in fns.items() if addr.endswith("Intake"))
    remote = next(a for addr, a in fns.items() if addr.endswith("Remote"))
    assert intake.properties["Code"] == "intake/"
    assert remote.properties["Code"] == {"S3Bucket": "bucket", "S3Key": "fn.zip"}
    runs = [r for r in result.relations if r.source == intake.uid and r.verb == "runs"]
    assert len(runs) == 1
    project = next(a for a in result.assets if a.uid == runs[0].target)
    contained = {r.target for r in result.relations if r.source == project.uid and r.verb == "contains"}
    assert any(a.uid in contained and a.type == "library" and a.name == "langchain" for a in result.assets)
    assert not [r for r in result.relations if r.source == remote.uid and r.verb == "runs"]
