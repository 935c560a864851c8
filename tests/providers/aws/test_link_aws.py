"""AWS relations from CloudFormation-shaped assets: references in every form the sources leave
them, Bedrock / SageMaker / Lambda relations, IAM statements as `has_role_on`, exposure from
other resources, and the attack paths the graph then finds."""

from __future__ import annotations

from aispm.graph import analyze
from aispm.model import Asset, Kind, Origin, ScanResult, Unknown
from aispm.providers.aws.link import link, link_assets
from aispm.providers.aws.link.index import Index

KINDS = {
    "AWS::Bedrock::Agent": Kind.AGENT, "AWS::Bedrock::KnowledgeBase": Kind.SEARCH_INDEX,
    "AWS::Bedrock::DataSource": Kind.DATA_SOURCE, "AWS::S3::Bucket": Kind.DATA_STORE,
    "AWS::IAM::Role": Kind.IDENTITY, "AWS::IAM::ManagedPolicy": Kind.IDENTITY, "AWS::Lambda::Function": Kind.COMPUTE,
    "AWS::Lambda::Url": Kind.NETWORK, "AWS::EC2::Instance": Kind.COMPUTE, "AWS::SageMaker::Endpoint":
    Kind.MODEL_DEPLOYMENT, "AWS::SageMaker::Model": Kind.MODEL, "AWS::OpenSearchServerless::Collection":
    Kind.SEARCH_INDEX,
}


def tf(type_: str, address: str, name: str | None = None, file: str = "main.tf", **props) -> Asset:
    return Asset(uid=f"terraform:{file}:{address}", provider="aws", type=type_, name=name or address.split(".")[-1],
                 origin=Origin(file, 1, address, format="terraform"), properties=props,
                 kind=KINDS.get(type_, Kind.OTHER))


def cfn(type_: str, logical: str, file: str = "template.yaml", **props) -> Asset:
    return Asset(uid=f"cloudformation:{file}:{type_}.{logical}", provider="aws", type=type_, name=logical,
                 origin=Origin(file, 1, f"{type_}.{logical}", format="cloudformation"), properties=props,
                 kind=KINDS.get(type_, Kind.OTHER))


def after_apply(address: str, attr: str = "arn") -> Unknown:
    return Unknown(f"{address}.{attr} is known after apply")


def short(uid: str) -> str:
    """`terraform:main.tf:aws_x.y` → `aws_x.y`; `model:aws:<model id>` → the model id;
    `code-project:src` → `code-project:src`."""
    parts = uid.split(":", 2)
    return parts[2] if len(parts) == 3 else uid


def rels(assets: list[Asset], verb: str | None = None) -> set[tuple[str, str, str]]:
    _, relations = link_assets(assets)
    return {(short(r.source), r.verb, short(r.target)) for r in relations if verb is None or r.verb == verb}


def props_of(assets: list[Asset], verb: str, target_suffix: str) -> dict:
    _, relations = link_assets(assets)
    hits = [dict(r.properties) for r in relations if r.verb == verb and r.target.endswith(target_suffix)]
    assert len(hits) == 1, hits
    return hits[0]


def policy(*statements) -> dict:
    return {"Version": "2012-10-17", "Statement": list(statements)}


def allow(action, resource="*", **extra) -> dict:
    return {"Effect": "Allow", "Action": action, "Resource": resource, **extra}


# --------------------------------------------------------------------------- references


def test_index_resolves_every_form_of_reference():
    role = tf("AWS::IAM::Role", "aws_iam_role.agent", RoleName="agent-role")
    mod = tf("AWS::IAM::Role", "module.kb.aws_iam_role.agent", RoleName="kb-role", file="modules/kb/main.tf")
    c_role = cfn("AWS::IAM::Role", "AgentRole", RoleName="cfn-role")
    ix = Index([role, mod, c_role])
    assert ix.resolve(role.uid) is role
    assert ix.resolve(after_apply("aws_iam_role.agent")) is role
    assert ix.resolve(after_apply("module.kb.aws_iam_role.agent")) is mod
    assert ix.resolve("arn:aws:iam::123456789012:role/agent-role") is role
    assert ix.resolve("arn:aws:iam::123456789012:role/nobody") is None
    assert ix.resolve("agent-role", types=("AWS::IAM::Role",)) is role
    assert ix.resolve("agent-role") is None  # a bare name only where the caller says what it names
    near = cfn("AWS::Lambda::Function", "Fn")
    assert ix.resolve({"Fn::GetAtt": ["AgentRole", "Arn"]}, near) is c_role
    assert ix.resolve({"Fn::GetAtt": "AgentRole.Arn"}, near) is c_role
    assert ix.resolve({"Ref": "AgentRole"}, near) is c_role
    assert ix.resolve(Unknown(f"{c_role.uid} Arn is known after deploy")) is c_role
    assert ix.resolve({"Ref": "AgentRole"}, cfn("AWS::Lambda::Function", "Fn", file="other.yaml")) is None
    # a wildcard ARN names several: ambiguous for a single reference
    assert ix.resolve("arn:aws:iam::*:role/*") is None
    assert len(ix.resolve_all("arn:aws:iam::*:role/*")) == 3


def test_same_address_in_two_roots_resolves_to_the_referrers_file():
    a = tf("AWS::IAM::Role", "aws_iam_role.r", file="prod/main.tf")
    b = tf("AWS::IAM::Role", "aws_iam_role.r", file="dev/main.tf")
    near = tf("AWS::Lambda::Function", "aws_lambda_function.f", file="dev/lambda.tf")
    assert Index([a, b]).resolve(after_apply("aws_iam_role.r"), near) is b
    assert Index([a, b]).resolve(after_apply("aws_iam_role.r")) is None


# --------------------------------------------------------------------------- Bedrock


def bedrock_estate(**agent_props):
    role = tf("AWS::IAM::Role", "aws_iam_role.agent", RoleName="agent")
    fn = tf("AWS::Lambda::Function", "aws_lambda_function.tools", FunctionName="tools")
    kb = tf("AWS::Bedrock::KnowledgeBase", "aws_bedrockagent_knowledge_base.kb",
            RoleArn=after_apply("aws_iam_role.agent"),
            KnowledgeBaseConfiguration={"VectorKnowledgeBaseConfiguration": {
                "EmbeddingModelArn": "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0"}},
            StorageConfiguration={"Type": "OPENSEARCH_SERVERLESS", "OpensearchServerlessConfiguration": {
                "CollectionArn": after_apply("aws_opensearchserverless_collection.vectors")}})
    coll = tf("AWS::OpenSearchServerless::Collection", "aws_opensearchserverless_collection.vectors")
    bucket = tf("AWS::S3::Bucket", "aws_s3_bucket.docs", BucketName="acme-docs")
    ds = tf("AWS::Bedrock::DataSource", "aws_bedrockagent_data_source.docs", KnowledgeBaseId=kb.uid,
            DataSourceConfiguration={"Type": "S3", "S3Configuration": {"BucketArn": after_apply("aws_s3_bucket.docs")}})
    agent = tf("AWS::Bedrock::Agent", "aws_bedrockagent_agent.hr",
               AgentResourceRoleArn=after_apply("aws_iam_role.agent"),
               FoundationModel="anthropic.claude-3-5-sonnet-20240620-v1:0",
               KnowledgeBases=[{"KnowledgeBaseId": kb.uid, "KnowledgeBaseState": "ENABLED"}],
               ActionGroups=[{"ActionGroupName": "lookup",
                              "ActionGroupExecutor": {"Lambda": after_apply("aws_lambda_function.tools")}}],
               **agent_props)
    return [role, fn, kb, coll, bucket, ds, agent]


def test_agent_knowledge_base_and_data_source_relations():
    assets = bedrock_estate()
    got = rels(assets)
    assert {
        ("aws_bedrockagent_agent.hr", "uses_model", "anthropic.claude-3-5-sonnet-20240620-v1:0"),
        ("aws_bedrockagent_agent.hr", "grounded_on", "aws_bedrockagent_knowledge_base.kb"),
        ("aws_bedrockagent_agent.hr", "runs", "aws_lambda_function.tools"),
        ("aws_bedrockagent_agent.hr", "runs_as", "aws_iam_role.agent"),
        ("aws_bedrockagent_knowledge_base.kb", "runs_as", "aws_iam_role.agent"),
        ("aws_bedrockagent_knowledge_base.kb", "reads", "aws_s3_bucket.docs"),
        ("aws_bedrockagent_knowledge_base.kb", "writes", "aws_opensearchserverless_collection.vectors"),
        ("aws_bedrockagent_knowledge_base.kb", "uses_model", "amazon.titan-embed-text-v2:0"),
    } <= got
    bucket = assets[4]
    assert bucket.facts["used_for_ai_grounding"] is True
    assert "aws_bedrockagent_data_source.docs" in bucket.evidence["used_for_ai_grounding"].path
    models, _ = link_assets(bedrock_estate())
    assert sorted(m.name for m in models) == ["amazon.titan-embed-text-v2:0",
                                              "anthropic.claude-3-5-sonnet-20240620-v1:0"]
    assert all(m.kind is Kind.MODEL and m.type == "model" for m in models)


def test_disabled_knowledge_base_and_action_group_do_not_link():
    assets = bedrock_estate()
    agent = assets[-1]
    agent.properties["KnowledgeBases"][0]["KnowledgeBaseState"] = "DISABLED"
    agent.properties["ActionGroups"][0]["ActionGroupState"] = "DISABLED"
    got = rels(assets)
    assert not {v for s, v, t in got if s == "aws_bedrockagent_agent.hr" and v in ("grounded_on", "runs")}


def test_action_group_and_association_declared_on_their_own():
    assets = bedrock_estate()
    assets[-1].properties.pop("KnowledgeBases")
    assets[-1].properties.pop("ActionGroups")
    assets.append(cfn("AWS::Bedrock::AgentAlias", "Alias", AgentId=assets[-1].uid))
    got = rels(assets)
    assert ("AWS::Bedrock::AgentAlias.Alias", "routes_to", "aws_bedrockagent_agent.hr") in got
    assert not any(v in ("grounded_on", "runs") for s, v, t in got if s == "aws_bedrockagent_agent.hr")


def test_sagemaker_endpoint_serves_its_models():
    role = tf("AWS::IAM::Role", "aws_iam_role.sm")
    bucket = tf("AWS::S3::Bucket", "aws_s3_bucket.artifacts", BucketName="acme-models")
    model = tf("AWS::SageMaker::Model", "aws_sagemaker_model.m", ModelName="churn",
               ExecutionRoleArn=after_apply("aws_iam_role.sm"),
               PrimaryContainer={"ModelDataUrl": "s3://acme-models/churn/model.tar.gz"})
    config = tf("AWS::SageMaker::EndpointConfig", "aws_sagemaker_endpoint_configuration.c", name="churn-config",
                ProductionVariants=[{"ModelName": "churn", "VariantName": "v1"}])
    ep = tf("AWS::SageMaker::Endpoint", "aws_sagemaker_endpoint.e", EndpointConfigName="churn-config")
    got = rels([role, bucket, model, config, ep])
    assert {("aws_sagemaker_endpoint.e", "serves", "aws_sagemaker_model.m"),
            ("aws_sagemaker_model.m", "runs_as", "aws_iam_role.sm"),
            ("aws_sagemaker_model.m", "reads", "aws_s3_bucket.artifacts")} <= got


# --------------------------------------------------------------------------- IAM


def two_buckets(*statements, **role_props):
    docs = tf("AWS::S3::Bucket", "aws_s3_bucket.docs", BucketName="acme-docs")
    logs = tf("AWS::S3::Bucket", "aws_s3_bucket.logs", BucketName="acme-logs")
    role = tf("AWS::IAM::Role", "aws_iam_role.app",
              Policies=[{"PolicyName": "app", "PolicyDocument": policy(*statements)}] if statements else [],
              **role_props)
    return [docs, logs, role]


def role_targets(assets) -> set[str]:
    return {t for s, v, t in rels(assets, "has_role_on")}


def test_wildcard_action_on_every_resource_reaches_every_bucket():
    assets = two_buckets(allow("s3:*"))
    assert role_targets(assets) == {"aws_s3_bucket.docs", "aws_s3_bucket.logs"}
    p = props_of(assets, "has_role_on", "aws_s3_bucket.docs")
    assert p["data_access"] is True and p["privileged"] is True
    assert p["role"] == "s3:* (app)" and p["resources"] == "*"


def test_resource_arn_and_reference_reach_only_their_bucket():
    assert role_targets(two_buckets(allow(["s3:GetObject"], "arn:aws:s3:::acme-docs/*"))) == {"aws_s3_bucket.docs"}
    assert role_targets(two_buckets(allow("s3:Get*", [after_apply("aws_s3_bucket.logs")]))) == {"aws_s3_bucket.logs"}
    assert role_targets(two_buckets(allow("s3:GetObject", "arn:aws:s3:::acme-*"))) == {"aws_s3_bucket.docs",
                                                                                      "aws_s3_bucket.logs"}


def test_control_plane_actions_do_not_lead_on():
    control = allow(["s3:ListAllMyBuckets", "s3:GetBucketLocation", "bedrock:GetAgent"])
    assert role_targets(two_buckets(control)) == set()


def test_deny_without_condition_removes_and_condition_makes_it_unknown():
    assert role_targets(two_buckets(allow("s3:GetObject"),
                                    {"Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::acme-logs/*"})) \
        == {"aws_s3_bucket.docs"}
    assets = two_buckets(allow("s3:GetObject", Condition={"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}))
    assert props_of(assets, "has_role_on", "aws_s3_bucket.docs")["data_access"] is None


def test_not_action_grants_what_it_does_not_name():
    assets = two_buckets({"Effect": "Allow", "NotAction": ["iam:*"], "Resource": "*"})
    assert role_targets(assets) == {"aws_s3_bucket.docs", "aws_s3_bucket.logs"}
    assert role_targets(two_buckets({"Effect": "Allow", "NotAction": ["s3:*"], "Resource": "*"})) == set()


def test_managed_policies_aws_and_customer():
    assert role_targets(two_buckets(ManagedPolicyArns=["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"])) == {
        "aws_s3_bucket.docs", "aws_s3_bucket.logs"}
    assert role_targets(two_buckets(
        ManagedPolicyArns=["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"])) == set()
    pol = tf("AWS::IAM::ManagedPolicy", "aws_iam_policy.read_docs", ManagedPolicyName="read-docs",
             PolicyDocument='{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", '
                            '"Resource": "arn:aws:s3:::acme-docs/*"}]}')
    assets = two_buckets(ManagedPolicyArns=[after_apply("aws_iam_policy.read_docs")]) + [pol]
    assert role_targets(assets) == {"aws_s3_bucket.docs"}
    assert props_of(assets, "has_role_on", "aws_s3_bucket.docs")["role"] == "s3:GetObject (read-docs)"
    # a policy resource naming its roles (CloudFormation AWS::IAM::Policy)
    docs, logs, role = two_buckets()
    pol2 = cfn("AWS::IAM::Policy", "P", PolicyName="p", Roles=[role.uid],
               PolicyDocument=policy(allow("s3:PutObject", "arn:aws:s3:::acme-logs/*")))
    assert role_targets([docs, logs, role, pol2]) == {"aws_s3_bucket.logs"}


def test_invoke_agent_and_model_permissions():
    assets = bedrock_estate()
    caller = tf("AWS::IAM::Role", "aws_iam_role.caller", Policies=[{"PolicyName": "invoke", "PolicyDocument": policy(
        allow("bedrock:InvokeAgent", "arn:aws:bedrock:*:*:agent-alias/*"),
        allow("bedrock:InvokeModel", "arn:aws:bedrock:*::foundation-model/anthropic.*"))}])
    got = {t for s, v, t in rels(assets + [caller], "has_role_on") if s == "aws_iam_role.caller"}
    assert got == {"aws_bedrockagent_agent.hr", "anthropic.claude-3-5-sonnet-20240620-v1:0"}


def test_trust_policy_names_who_can_assume():
    ops = tf("AWS::IAM::Role", "aws_iam_role.ops", RoleName="ops")
    app = tf("AWS::IAM::Role", "aws_iam_role.app", AssumeRolePolicyDocument=policy(
        {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:role/ops"}, "Action": "sts:AssumeRole"},
        {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}))
    assert rels([ops, app], "can_assume") == {("aws_iam_role.ops", "can_assume", "aws_iam_role.app")}


# --------------------------------------------------------------------------- exposure


def function_url(auth="NONE", permission=True):
    fn = tf("AWS::Lambda::Function", "aws_lambda_function.api", FunctionName="api")
    url = tf("AWS::Lambda::Url", "aws_lambda_function_url.api", TargetFunctionArn=fn.uid, AuthType=auth)
    out = [fn, url]
    if permission:
        out.append(tf("AWS::Lambda::Permission", "aws_lambda_permission.url", FunctionName="api", Principal="*",
                      Action="lambda:InvokeFunctionUrl", FunctionUrlAuthType="NONE"))
    return out


def test_function_url_without_auth_exposes_the_function():
    assets = function_url()
    got = rels(assets)
    fn = assets[0]
    assert ("aws_lambda_function_url.api", "exposes", "aws_lambda_function.api") in got
    assert fn.facts["internet_exposed"] is True and fn.facts["exposure_width"] == "wide"
    assert fn.facts["user_authentication"] is False
    assert "aws_lambda_permission.url" in fn.evidence["internet_exposed"].note


def test_function_url_without_public_permission_is_unknown_and_iam_auth_is_not_exposed():
    assets = function_url(permission=False)
    link_assets(assets)
    assert assets[0].facts["internet_exposed"] is None
    assets = function_url(auth="AWS_IAM")
    link_assets(assets)
    assert "internet_exposed" not in assets[0].facts and assets[0].facts["user_authentication"] is True


def bucket_with_policy(block=None, condition=False):
    props = {"BucketName": "acme-kb"}
    if block is not None:
        props["PublicAccessBlockConfiguration"] = block
    bucket = cfn("AWS::S3::Bucket", "Docs", **props)
    st = {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-kb/*"}
    if condition:
        st["Condition"] = {"StringEquals": {"aws:SourceVpce": "vpce-1"}}
    pol = cfn("AWS::S3::BucketPolicy", "DocsPolicy", Bucket={"Ref": "Docs"}, PolicyDocument=policy(st))
    return bucket, pol


def test_public_bucket_policy_needs_the_public_access_block_off():
    off = {"BlockPublicAcls": False, "BlockPublicPolicy": False, "IgnorePublicAcls": False,
           "RestrictPublicBuckets": False}
    bucket, pol = bucket_with_policy(off)
    link_assets([bucket, pol])
    assert bucket.facts["public_access"] is True
    bucket, pol = bucket_with_policy()  # no block: on by default for new buckets
    link_assets([bucket, pol])
    assert bucket.facts["public_access"] is False
    bucket, pol = bucket_with_policy(off, condition=True)
    link_assets([bucket, pol])
    assert "public_access" not in bucket.facts
    bucket, pol = bucket_with_policy({**off, "RestrictPublicBuckets": Unknown("var.restrict")})
    link_assets([bucket, pol])
    assert bucket.facts["public_access"] is None


def test_instance_with_public_ip_and_open_security_group():
    sg = cfn("AWS::EC2::SecurityGroup", "Web", SecurityGroupIngress=[{"IpProtocol": "tcp", "FromPort": 443,
                                                                     "ToPort": 443, "CidrIp": "0.0.0.0/0"}])
    inst = cfn("AWS::EC2::Instance", "App", SecurityGroupIds=[{"Ref": "Web"}],
               NetworkInterfaces=[{"DeviceIndex": "0", "AssociatePublicIpAddress": True}])
    link_assets([sg, inst])
    assert inst.facts["internet_exposed"] is True
    closed = cfn("AWS::EC2::SecurityGroup", "Web", SecurityGroupIngress=[{"CidrIp": "10.0.0.0/8"}])
    inst2 = cfn("AWS::EC2::Instance", "App", SecurityGroupIds=[{"Ref": "Web"}],
                NetworkInterfaces=[{"AssociatePublicIpAddress": True}])
    link_assets([closed, inst2])
    assert "internet_exposed" not in inst2.facts
    private = cfn("AWS::EC2::Instance", "App", SecurityGroupIds=[{"Ref": "Web"}],
                  SubnetId={"Ref": "Private"})
    subnet = cfn("AWS::EC2::Subnet", "Private", MapPublicIpOnLaunch=False)
    link_assets([sg, private, subnet])
    assert private.facts["internet_exposed"] is False


# --------------------------------------------------------------------------- attack paths


def test_exposed_function_reaches_the_agents_grounding_bucket():
    """Catalogue path 5 on assets: function URL → role that may invoke the agent → agent →
    knowledge base → the S3 bucket of its data source."""
    assets = bedrock_estate() + function_url()
    fn = assets[7]
    fn.properties["Role"] = after_apply("aws_iam_role.api")
    assets.append(tf("AWS::IAM::Role", "aws_iam_role.api", Policies=[{"PolicyName": "invoke-agent",
        "PolicyDocument": policy(allow("bedrock:InvokeAgent",
                                       after_apply("aws_bedrockagent_agent.hr", "agent_arn")))}]))
    result = ScanResult(targets=["t"], assets=list(assets))
    link(result)
    analyze(result)
    walks = [[(short(s.asset_uid), s.verb) for s in p.steps] for p in result.attack_paths
             if p.entry.endswith("aws_lambda_function.api") and p.target.endswith("aws_s3_bucket.docs")]
    assert [("aws_lambda_function.api", None), ("aws_iam_role.api", "runs_as"),
            ("aws_bedrockagent_agent.hr", "has_role_on"), ("aws_bedrockagent_knowledge_base.kb", "grounded_on"),
            ("aws_s3_bucket.docs", "reads")] in walks, walks
    # narrowed to a control-plane action, the role no longer leads to the agent
    assets[-1].properties["Policies"][0]["PolicyDocument"] = policy(allow("bedrock:GetAgent"))
    for a in assets:
        a.facts.clear(), a.evidence.clear(), a.insights.clear()
    result = ScanResult(targets=["t"], assets=[a for a in assets if a.type != "model"])
    link(result)
    analyze(result)
    assert not [p for p in result.attack_paths if p.entry.endswith("aws_lambda_function.api")
                and p.target.endswith("aws_s3_bucket.docs")]


def test_api_gateway_method_without_authorizer_exposes_its_function():
    fn = cfn("AWS::Lambda::Function", "Handler")
    api = cfn("AWS::ApiGateway::RestApi", "Api", Name="api")
    method = cfn("AWS::ApiGateway::Method", "Post", RestApiId={"Ref": "Api"}, AuthorizationType="NONE",
                 HttpMethod="POST", Integration={"Type": "AWS_PROXY", "Uri": {"Fn::GetAtt": ["Handler", "Arn"]}})
    assert ("AWS::ApiGateway::RestApi.Api", "routes_to", "AWS::Lambda::Function.Handler") in rels([fn, api, method])
    assert fn.facts["internet_exposed"] is True and api.facts["internet_exposed"] is True
    fn2, api2 = cfn("AWS::Lambda::Function", "Handler"), cfn("AWS::ApiGateway::RestApi", "Api")
    method2 = cfn("AWS::ApiGateway::Method", "Post", RestApiId={"Ref": "Api"}, AuthorizationType="AWS_IAM",
                  Integration={"Uri": {"Fn::GetAtt": ["Handler", "Arn"]}})
    link_assets([fn2, api2, method2])
    assert "internet_exposed" not in fn2.facts


def test_api_key_alone_leaves_the_method_open_and_says_it_accepts_keys():
    fn, api = cfn("AWS::Lambda::Function", "Handler"), cfn("AWS::ApiGateway::RestApi", "Api")
    method = cfn("AWS::ApiGateway::Method", "Post", RestApiId={"Ref": "Api"}, AuthorizationType="NONE",
                 ApiKeyRequired=True, Integration={"Uri": Unknown(f"{fn.uid} Arn is known after deploy")})
    link_assets([fn, api, method])
    assert fn.facts["internet_exposed"] is True and fn.facts["local_auth_enabled"] is True
    private = cfn("AWS::ApiGateway::RestApi", "Api", EndpointConfiguration={"Types": ["PRIVATE"]})
    fn2 = cfn("AWS::Lambda::Function", "Handler")
    link_assets([fn2, private, cfn("AWS::ApiGateway::Method", "Post", RestApiId={"Ref": "Api"},
                                    AuthorizationType="NONE", Integration={"Uri": {"Fn::GetAtt": ["Handler", "Arn"]}})])
    assert "internet_exposed" not in fn2.facts


def test_user_policies_and_leaked_access_keys():
    user = tf("AWS::IAM::User", "aws_iam_user.ci", UserName="ci")
    key = tf("AWS::IAM::AccessKey", "aws_iam_access_key.ci", UserName="ci")
    out = tf("AWS::Terraform::Output", "output.ci_secret", keysOf=[key.uid])
    pol = cfn("AWS::IAM::Policy", "CiPolicy", PolicyName="ci", Users=[user.uid],
              PolicyDocument=policy(allow("s3:GetObject", "arn:aws:s3:::acme-docs/*")))
    docs, logs, _ = two_buckets()
    got = rels([user, key, out, pol, docs, logs])
    assert {("aws_iam_access_key.ci", "holds_key_for", "aws_iam_user.ci"),
            ("output.ci_secret", "holds_key_for", "aws_iam_user.ci"),
            ("aws_iam_user.ci", "has_role_on", "aws_s3_bucket.docs")} <= got
    assert ("aws_iam_user.ci", "has_role_on", "aws_s3_bucket.logs") not in got


def test_http_api_route_without_authorizer_exposes_its_function():
    fn = cfn("AWS::Lambda::Function", "Handler")
    api = cfn("AWS::ApiGatewayV2::Api", "Api", ProtocolType="HTTP")
    integ = cfn("AWS::ApiGatewayV2::Integration", "Integ", ApiId=api.uid,
                IntegrationType="AWS_PROXY", IntegrationUri={"Fn::GetAtt": ["Handler", "Arn"]})
    route = cfn("AWS::ApiGatewayV2::Route", "Post", ApiId={"Ref": "Api"}, RouteKey="POST /ask",
                Target=Unknown(f"{integ.uid} Ref is known after deploy", shown="integrations/…"))
    assert ("AWS::ApiGatewayV2::Api.Api", "routes_to", "AWS::Lambda::Function.Handler") in rels([fn, api, integ, route])
    assert fn.facts["internet_exposed"] is True
    fn2 = cfn("AWS::Lambda::Function", "Handler")
    route2 = cfn("AWS::ApiGatewayV2::Route", "Post", ApiId={"Ref": "Api"}, AuthorizationType="JWT",
                 Target=Unknown(f"{integ.uid} Ref is known after deploy"))
    link_assets([fn2, api, integ, route2])
    assert "internet_exposed" not in fn2.facts


def test_hostile_policies_are_bounded_and_said():
    from aispm.model import ScanError
    from aispm.providers.aws.link.iam import MAX_STATEMENTS

    docs, logs, role = two_buckets(*([allow("s3:Get*", "arn:aws:s3:::" + "*a" * 1000 + "b")] * (MAX_STATEMENTS + 5)))
    role.properties["Policies"].append({"PolicyName": "x", "PolicyDocument": "[" * 100_000})
    errors: list[ScanError] = []
    import time

    t = time.monotonic()
    _, relations = link_assets([docs, logs, role], errors)
    assert time.monotonic() - t < 5
    assert relations == []
    assert len(errors) == 1 and errors[0].file == "main.tf" and f"only the first {MAX_STATEMENTS}" in errors[0].message


def test_sam_function_url_and_implicit_api_end_to_end(tmp_path):
    """A SAM template scanned: the function URL with `AuthType: NONE` (SAM adds the public
    permission) and an `Api` event without an authorizer expose the function; its policy
    template reaches the bucket it names."""
    from aispm.scan import scan

    (tmp_path / "template.yaml").write_text("""\
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  Docs:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: acme-sam-docs
  Ask:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.main
      CodeUri: src/
      FunctionUrlConfig:
        AuthType: NONE
      Policies:
        - S3ReadPolicy:
            BucketName: !Ref Docs
      Events:
        Post:
          Type: Api
          Properties:
            Path: /ask
            Method: post
""")
    r = scan([tmp_path])
    assert r.errors == []
    got = {(short(x.source), x.verb, short(x.target)) for x in r.relations}
    assert {("AWS::Lambda::Url.AskUrl", "exposes", "AWS::Lambda::Function.Ask"),
            ("AWS::ApiGateway::RestApi.ServerlessRestApi", "routes_to", "AWS::Lambda::Function.Ask"),
            ("AWS::IAM::Role.AskRole", "has_role_on", "AWS::S3::Bucket.Docs"),
            ("AWS::Lambda::Function.Ask", "runs", "code-project:src")} <= got
    fn = next(a for a in r.assets if a.origin.address == "AWS::Lambda::Function.Ask")
    assert fn.facts["internet_exposed"] is True
    assert [p.title for p in r.attack_paths if p.entry == fn.uid and p.target.endswith("AWS::S3::Bucket.Docs")]


def test_labels_and_endpoints():
    from aispm import registry
    from aispm.providers.aws.endpoints import endpoint

    agent = tf("AWS::Bedrock::Agent", "aws_bedrockagent_agent.hr")
    assert registry.label(agent, agent.type.lower()) == "Bedrock agent"
    models, _ = link_assets(bedrock_estate())
    assert registry.label(models[0], "model") == "Bedrock foundation model"
    clean = lambda u: u if isinstance(u, str) and u.startswith("https://") else None  # noqa: E731
    ep = tf("AWS::SageMaker::Endpoint", "aws_sagemaker_endpoint.e", EndpointName="churn")
    assert endpoint(ep, None, clean) is None  # no region stated: nothing guessed
    ep.properties["Region"] = "eu-west-1"
    assert endpoint(ep, None, clean) == "https://runtime.sagemaker.eu-west-1.amazonaws.com/endpoints/churn/invocations"


def test_custom_model_reads_its_training_data():
    train = tf("AWS::S3::Bucket", "aws_s3_bucket.train", BucketName="acme-finetune")
    out = tf("AWS::S3::Bucket", "aws_s3_bucket.out", BucketName="acme-finetune-out")
    m = tf("AWS::Bedrock::CustomModel", "aws_bedrock_custom_model.m", CustomModelName="support-tuned",
           BaseModelIdentifier="arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1",
           TrainingDataConfig={"S3Uri": "s3://acme-finetune/train.jsonl"},
           OutputDataConfig={"S3Uri": "s3://acme-finetune-out/"})
    pt = tf("AWS::Bedrock::ProvisionedModelThroughput", "aws_bedrock_provisioned_model_throughput.p",
            ModelId=after_apply("aws_bedrock_custom_model.m", "custom_model_arn"))
    got = rels([train, out, m, pt])
    assert {("aws_bedrock_custom_model.m", "reads", "aws_s3_bucket.train"),
            ("aws_bedrock_custom_model.m", "writes", "aws_s3_bucket.out"),
            ("aws_bedrock_custom_model.m", "uses_model", "amazon.titan-text-express-v1"),
            ("aws_bedrock_provisioned_model_throughput.p", "uses_model", "aws_bedrock_custom_model.m")} <= got


def test_notebook_carries_its_roles_admin_access():
    """A cross-resource fact, read from the role's own fact (never recomputed from its policies)."""
    admin = tf("AWS::IAM::Role", "aws_iam_role.admin", RoleName="admin")
    admin.set_fact("admin_access", True, "Policies / ManagedPolicyArns", None, "AdministratorAccess is attached")
    scoped = tf("AWS::IAM::Role", "aws_iam_role.scoped", RoleName="scoped",
                Policies=[{"PolicyName": "p", "PolicyDocument": policy(allow("*"))}])
    scoped.set_fact("admin_access", False, "Policies / ManagedPolicyArns", None)  # the fact wins over the policy
    nbs = [tf("AWS::SageMaker::NotebookInstance", f"aws_sagemaker_notebook_instance.{n}", RoleArn=ref)
           for n, ref in (("a", after_apply("aws_iam_role.admin")), ("s", after_apply("aws_iam_role.scoped")),
                          ("x", "arn:aws:iam::111122223333:role/elsewhere"), ("none", None))]
    link_assets([admin, scoped, *nbs])
    assert [nb.facts["role_admin_access"] for nb in nbs] == [True, False, None, None]
    ev = nbs[0].evidence["role_admin_access"]
    assert ev.path == "RoleArn → aws_iam_role.admin" and "AdministratorAccess is attached" in ev.note
    assert nbs[2].evidence["role_admin_access"].note == "the role is not declared in the scan"


def test_sagemaker_endpoint_takes_network_isolation_and_vpc_from_the_models_it_serves():
    """False when one served model lacks the setting (evidence names it), true when all have it,
    unknown when a model or the configuration is not in the scan; read from the models' facts."""
    def model(name: str, isolated: bool | None, vpc: bool) -> Asset:
        m = tf("AWS::SageMaker::Model", f"aws_sagemaker_model.{name}", ModelName=name)
        m.set_fact("network_isolation", isolated, "EnableNetworkIsolation", isolated,
                   None if isolated is not None else "unknown: var.isolate")
        m.set_fact("vpc_attached", vpc, "VpcConfig.Subnets", None, None if vpc else "VpcConfig not set")
        return m

    models = [model("closed", True, True), model("open", False, False), model("odd", None, True)]
    configs = [tf("AWS::SageMaker::EndpointConfig", f"aws_sagemaker_endpoint_configuration.{c}", name=c,
                  ProductionVariants=[{"ModelName": m, "VariantName": m} for m in served])
               for c, served in (("c1", ["closed"]), ("c2", ["closed", "open"]), ("c3", ["closed", "elsewhere"]),
                                 ("c4", ["odd"]))]
    eps = [tf("AWS::SageMaker::Endpoint", f"aws_sagemaker_endpoint.{c}", EndpointConfigName=c)
           for c in ("c1", "c2", "c3", "c4", "missing")]
    link_assets([*models, *configs, *eps])
    assert [e.facts["network_isolation"] for e in eps] == [True, False, None, None, None]
    assert [e.facts["vpc_attached"] for e in eps] == [True, False, None, True, None]
    ev = eps[1].evidence["network_isolation"]
    assert "aws_sagemaker_endpoint_configuration.c2" in ev.path and "model open" in ev.note
    assert "model open" in eps[1].evidence["vpc_attached"].note and "VpcConfig not set" in \
        eps[1].evidence["vpc_attached"].note
    assert "model elsewhere is not declared in the scan" in eps[2].evidence["network_isolation"].note
    assert "unknown: var.isolate" in eps[3].evidence["network_isolation"].note
    assert eps[4].evidence["vpc_attached"].note == "the endpoint configuration is not declared in the scan"


def test_bedrock_agent_private_link_from_the_scans_interface_endpoints():
    """An interface endpoint for bedrock-runtime / bedrock-agent-runtime (literal, or built with an
    unknown region) in the agent's region and account; the control plane and gateways do not count;
    an endpoint whose service is not determined makes it unknown."""
    def endpoint(name: str, service, kind="Interface", arn=None) -> Asset:
        e = cfn("AWS::EC2::VPCEndpoint", name, ServiceName=service, VpcEndpointType=kind)
        e.set_fact("interface_endpoint", kind == "Interface" if isinstance(kind, str) else None, "VpcEndpointType")
        e.cloud_id = arn
        return e

    def agent(model: str, arn=None) -> Asset:
        a = cfn("AWS::Bedrock::Agent", "Agent", FoundationModel=model)
        a.cloud_id = arn
        return a

    def private_link(*endpoints, model="arn:aws:bedrock:eu-west-1::foundation-model/m", arn=None):
        a = agent(model, arn)
        link_assets([*endpoints, a])
        return a.facts["private_link"], a.evidence["private_link"].note

    sub = endpoint("Sub", Unknown("AWS::Region is a parameter", "com.amazonaws.….bedrock-runtime"))
    assert private_link(sub)[0] is True
    assert private_link(endpoint("Placeholder", "com.amazonaws.{AWS::Region}.bedrock-agent-runtime"))[0] is True
    assert private_link(endpoint("Fips", "com.amazonaws.eu-west-1.bedrock-runtime-fips"))[0] is True
    value, note = private_link(endpoint("East", "com.amazonaws.us-east-1.bedrock-runtime"),
                               endpoint("Control", "com.amazonaws.eu-west-1.bedrock"),
                               endpoint("Gateway", "com.amazonaws.eu-west-1.bedrock-runtime", kind="Gateway"))
    assert value is False and "in eu-west-1" in note and "AWS::EC2::VPCEndpoint.East" in note
    assert private_link(endpoint("Open", Unknown("var.service")))[0] is None
    assert private_link(endpoint("Kind", "com.amazonaws.eu-west-1.bedrock-runtime", kind=Unknown("x")))[0] is None
    assert private_link(model="anthropic.claude-3-haiku-20240307-v1:0")[0] is False
    # live: the agent's own ARN gives region and account; another account's endpoint does not serve it
    other = endpoint("Other", "com.amazonaws.eu-west-1.bedrock-runtime",
                     arn="arn:aws:ec2:eu-west-1:999999999999:vpc-endpoint/vpce-1")
    mine = "arn:aws:bedrock:eu-west-1:111122223333:agent/A1"
    assert private_link(other, model="m", arn=mine)[0] is False
    same = endpoint("Same", "com.amazonaws.eu-west-1.bedrock-runtime",
                    arn="arn:aws:ec2:eu-west-1:111122223333:vpc-endpoint/vpce-2")
    assert private_link(other, same, model="m", arn=mine)[0] is True


def test_unread_vpc_endpoints_of_a_live_region_make_private_link_unknown():
    from aispm.live.context import Gap

    agent = cfn("AWS::Bedrock::Agent", "Agent", FoundationModel="m")
    agent.cloud_id = "arn:aws:bedrock:eu-west-1:111122223333:agent/A1"
    link_assets([agent], gaps=[Gap("aws://prod/eu-west-1", "ec2", "DescribeVpcEndpoints", "access denied")])
    assert agent.facts["private_link"] is None
    assert "aws://prod/eu-west-1: access denied" in agent.evidence["private_link"].note
    link_assets([agent], gaps=[Gap("aws://prod/us-east-1", "ec2", "*", "region not enabled")])
    assert agent.facts["private_link"] is False
