"""moto in server mode on loopback, started once for these tests, and a small AI estate seeded
through the real AWS APIs (boto3 over HTTP) in two regions."""

from __future__ import annotations

import io
import json
import logging
import zipfile

import pytest

REGIONS = ("eu-west-1", "us-east-1")
ACCOUNT = "123456789012"
SECRET_VALUE = "sk-proj-" + "s" * 40  # in Secrets Manager: never read, never in a report or snapshot


def trust(service: str) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}]})


@pytest.fixture(scope="session")
def moto_url(aws_env):
    pytest.importorskip("moto.server")
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture(scope="session", autouse=True)
def aws_env():
    """Credentials of the moto account only; no profile or config file of the machine is read."""
    with pytest.MonkeyPatch.context() as mp:
        for k in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_ENDPOINT_URL"):
            mp.delenv(k, raising=False)
        mp.setenv("AWS_ACCESS_KEY_ID", "testing")
        mp.setenv("AWS_SECRET_ACCESS_KEY", "testing")
        mp.setenv("AWS_DEFAULT_REGION", "us-east-1")
        mp.setenv("AWS_CONFIG_FILE", "/nonexistent/aispm-test-config")
        mp.setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/aispm-test-credentials")
        yield


def client(url: str, service: str, region: str = "us-east-1"):
    import boto3
    from botocore.config import Config

    c = boto3.client(service, region_name=region, endpoint_url=url, aws_access_key_id="testing",
                        aws_secret_access_key="testing", config=Config(s3={"addressing_style": "path"}))
    if service == "s3control":
        from aispm.providers.aws.live.calls import emulator_host

        emulator_host(c)
    return c


@pytest.fixture
def aws_client():
    """`aws_client(url, service, region)`: a boto3 client of the moto server."""
    return client


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("app.py", "def handler(event, context):\n    return 1\n")
    return buf.getvalue()


@pytest.fixture(scope="session")
def estate(moto_url):
    """The seeded estate: names a test can look for. Seeded once per session."""
    url = moto_url
    iam = client(url, "iam")
    admin = iam.create_role(RoleName="nb-admin", AssumeRolePolicyDocument=trust("sagemaker.amazonaws.com"))
    iam.put_role_policy(RoleName="nb-admin", PolicyName="all", PolicyDocument=json.dumps(
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}))
    agent_role = iam.create_role(RoleName="agent-role", AssumeRolePolicyDocument=trust("bedrock.amazonaws.com"))
    invoke = iam.create_policy(PolicyName="invoke-models", PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": "*"}]}))
    iam.attach_role_policy(RoleName="agent-role", PolicyArn=invoke["Policy"]["Arn"])
    fn_role = iam.create_role(RoleName="fn-role", AssumeRolePolicyDocument=trust("lambda.amazonaws.com"))

    s3 = client(url, "s3")
    s3.create_bucket(Bucket="docs-public")
    s3.put_bucket_policy(Bucket="docs-public", Policy=json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::docs-public/*"}]}))
    s3.create_bucket(Bucket="docs-private")
    s3.put_public_access_block(Bucket="docs-private", PublicAccessBlockConfiguration={
        "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True, "RestrictPublicBuckets": True})
    s3.put_bucket_encryption(Bucket="docs-private", ServerSideEncryptionConfiguration={"Rules": [
        {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "arn:aws:kms:eu-west-1:"
                                                f"{ACCOUNT}:key/11111111-2222-3333-4444-555555555555"}}]})

    # eu-west-1: SageMaker, Bedrock agent and knowledge base, OpenSearch Serverless, EC2
    sm = client(url, "sagemaker", "eu-west-1")
    sm.create_notebook_instance(NotebookInstanceName="nb-open", InstanceType="ml.t3.medium",
                                RoleArn=admin["Role"]["Arn"], DirectInternetAccess="Enabled", RootAccess="Enabled")
    sm.create_notebook_instance(NotebookInstanceName="nb-closed", InstanceType="ml.t3.medium",
                                RoleArn=agent_role["Role"]["Arn"], DirectInternetAccess="Disabled",
                                RootAccess="Disabled", SubnetId="subnet-12345678", SecurityGroupIds=["sg-12345678"],
                                KmsKeyId="arn:aws:kms:eu-west-1:123456789012:key/abc")
    sm.create_model(ModelName="m-open", ExecutionRoleArn=admin["Role"]["Arn"],
                    PrimaryContainer={"Image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/m:1"})
    sm.create_endpoint_config(EndpointConfigName="ec-plain", ProductionVariants=[
        {"VariantName": "v", "ModelName": "m-open", "InitialInstanceCount": 1, "InstanceType": "ml.m5.large"}])
    sm.create_domain(DomainName="studio", AuthMode="IAM", DefaultUserSettings={"ExecutionRole": admin["Role"]["Arn"]},
                     SubnetIds=["subnet-12345678"], VpcId="vpc-12345678", AppNetworkAccessType="PublicInternetOnly")

    ba = client(url, "bedrock-agent", "eu-west-1")
    agent = ba.create_agent(agentName="helpdesk", agentResourceRoleArn=agent_role["Role"]["Arn"],
                            foundationModel="anthropic.claude-3-haiku-20240307-v1:0", instruction="Answer questions about the help desk documents politely.")
    ba.create_knowledge_base(
        name="kb-docs", roleArn=agent_role["Role"]["Arn"],
        knowledgeBaseConfiguration={"type": "VECTOR", "vectorKnowledgeBaseConfiguration": {
            "embeddingModelArn": "arn:aws:bedrock:eu-west-1::foundation-model/amazon.titan-embed-text-v2:0"}},
        storageConfiguration={"type": "OPENSEARCH_SERVERLESS", "opensearchServerlessConfiguration": {
            "collectionArn": f"arn:aws:aoss:eu-west-1:{ACCOUNT}:collection/kbdocs", "vectorIndexName": "idx",
            "fieldMapping": {"vectorField": "v", "textField": "t", "metadataField": "m"}}})

    aoss = client(url, "opensearchserverless", "eu-west-1")
    aoss.create_security_policy(name="kb-net", type="network", policy=json.dumps(
        [{"Rules": [{"ResourceType": "collection", "Resource": ["collection/kb-vectors"]}], "AllowFromPublic": True}]))
    aoss.create_security_policy(name="kb-enc", type="encryption", policy=json.dumps(
        {"Rules": [{"ResourceType": "collection", "Resource": ["collection/kb-vectors"]}], "AWSOwnedKey": False,
         "KmsARN": f"arn:aws:kms:eu-west-1:{ACCOUNT}:key/11111111-2222-3333-4444-555555555555"}))
    aoss.create_collection(name="kb-vectors", type="VECTORSEARCH")

    ec2 = client(url, "ec2", "eu-west-1")
    sg = ec2.create_security_group(GroupName="open-ssh", Description="ssh from anywhere")
    ec2.authorize_security_group_ingress(GroupId=sg["GroupId"], IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
    ec2.run_instances(ImageId="ami-12c6146b", MinCount=1, MaxCount=1, InstanceType="t3.micro",
                      SecurityGroupIds=[sg["GroupId"]], MetadataOptions={"HttpTokens": "optional"})

    # us-east-1: Bedrock logging and custom model, Comprehend, Lambda with a public URL, AgentCore
    br = client(url, "bedrock")
    s3.create_bucket(Bucket="invocation-logs")
    br.put_model_invocation_logging_configuration(loggingConfig={
        "s3Config": {"bucketName": "invocation-logs", "keyPrefix": "br/"}, "textDataDeliveryEnabled": True})
    br.create_model_customization_job(
        jobName="tune", customModelName="tuned", roleArn=agent_role["Role"]["Arn"], baseModelIdentifier="amazon.titan-text-express-v1",
        trainingDataConfig={"s3Uri": "s3://docs-private/train.jsonl"}, outputDataConfig={"s3Uri": "s3://docs-private/out/"},
        hyperParameters={"epochCount": "1"})
    cp = client(url, "comprehend")
    cp.create_entity_recognizer(
        RecognizerName="names", LanguageCode="en", DataAccessRoleArn=agent_role["Role"]["Arn"],
        InputDataConfig={"EntityTypes": [{"Type": "PERSON"}], "Documents": {"S3Uri": "s3://docs-private/d/"},
                         "EntityList": {"S3Uri": "s3://docs-private/e.csv"}})
    lam = client(url, "lambda")
    lam.create_function(FunctionName="ask", Runtime="python3.12", Role=fn_role["Role"]["Arn"], Handler="app.handler",
                        Code={"ZipFile": _zip()}, Environment={"Variables": {"OPENAI_API_KEY": "sk-proj-" + "a" * 40}})
    lam.create_function_url_config(FunctionName="ask", AuthType="NONE")
    lam.add_permission(FunctionName="ask", StatementId="public-url", Action="lambda:InvokeFunctionUrl", Principal="*",
                       FunctionUrlAuthType="NONE")
    ac = client(url, "bedrock-agentcore-control")
    ac.create_agent_runtime(agentRuntimeName="concierge", roleArn=agent_role["Role"]["Arn"],
                            agentRuntimeArtifact={"containerConfiguration": {
                                "containerUri": f"{ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/concierge:1"}},
                            networkConfiguration={"networkMode": "PUBLIC"})
    # long-lived keys: a user who may invoke Bedrock models, with an access key
    iam.create_user(UserName="ci-bot")
    iam.put_user_policy(UserName="ci-bot", PolicyName="bedrock", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "bedrock:*", "Resource": "*"}]}))
    iam.attach_user_policy(UserName="ci-bot", PolicyArn=invoke["Policy"]["Arn"])
    key = iam.create_access_key(UserName="ci-bot")["AccessKey"]
    # the account's public access block: ACLs blocked for every bucket, policies left to each bucket
    client(url, "s3control").put_public_access_block(AccountId=ACCOUNT, PublicAccessBlockConfiguration={
        "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": False, "RestrictPublicBuckets": False})
    # Secrets Manager (us-east-1): a provider key with a customer managed key and a resource policy
    sm_us = client(url, "secretsmanager")
    sec = sm_us.create_secret(Name="openai-key", SecretString=SECRET_VALUE, KmsKeyId=(
        f"arn:aws:kms:us-east-1:{ACCOUNT}:key/11111111-2222-3333-4444-555555555555"))
    sm_us.put_resource_policy(SecretId="openai-key", ResourcePolicy=json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": fn_role["Role"]["Arn"]}, "Action": "secretsmanager:GetSecretValue",
         "Resource": "*"}]}))
    return {"url": url, "agent_id": agent["agent"]["agentId"], "key_id": key["AccessKeyId"],
            "key_secret": key["SecretAccessKey"], "secret_arn": sec["ARN"], "secret_value": SECRET_VALUE}
