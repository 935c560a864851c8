"""SAM (`Transform: AWS::Serverless-2016-10-31`): serverless resources expanded to what they create.

What the SAM translator would deploy, built from the raw template before it is evaluated (so
intrinsics inside SAM properties are evaluated later like any other, and `!GetAtt MyFunctionRole.Arn`
finds the role SAM makes). Each generated resource keeps the SAM resource's logical id or the id
SAM derives from it (`MyFunction`, `MyFunctionRole`, `MyFunctionUrl`, `ServerlessRestApi`), its
`Condition`, and its line.

- `AWS::Serverless::Function` → `AWS::Lambda::Function` (Code from `CodeUri` / `InlineCode` /
  `ImageUri`, `Tracing`, `DeadLetterQueue`, tags as a list); without `Role`, an `AWS::IAM::Role`
  `<id>Role` trusting Lambda, with the basic execution policy (and VPC access, X-Ray, stream and
  queue polling when the function needs them), `Policies` as managed ARNs (a name → an AWS managed
  policy ARN), inline documents, or SAM policy templates (the common S3, DynamoDB, Lambda, SQS,
  Secrets Manager, KMS and SSM ones expanded; any other an inline policy whose document is
  `Unknown`); `FunctionUrlConfig` → `AWS::Lambda::Url` `<id>Url` (and, for `AuthType: NONE`, the
  public `AWS::Lambda::Permission` SAM adds); events: `Api` / `HttpApi` → a path of the implicit
  `ServerlessRestApi` / `ServerlessHttpApi` (or the API named by `RestApiId` / `ApiId`) with its
  authorizer, and a permission; `SQS` / `Kinesis` / `DynamoDB` / `MSK` / `MQ` → an
  `AWS::Lambda::EventSourceMapping`; `Schedule` / `ScheduleV2` / `CloudWatchEvent` /
  `EventBridgeRule` → an `AWS::Events::Rule`; `SNS` → an `AWS::SNS::Subscription`; `S3` → a permission.
- `AWS::Serverless::Api` → `AWS::ApiGateway::RestApi` + `Stage`; `::HttpApi` →
  `AWS::ApiGatewayV2::Api` + `Stage`; `::SimpleTable` → `AWS::DynamoDB::Table`; `::LayerVersion` →
  `AWS::Lambda::LayerVersion`; `::StateMachine` → `AWS::StepFunctions::StateMachine` (+ role);
  `::Application` with a local `Location` → `AWS::CloudFormation::Stack` (read as a nested stack).
- `Globals` give defaults to each resource of their kind (maps merged, lists appended).

Not built: versions and aliases (`AutoPublishAlias`), deployments, usage plans, domain names and
the OpenAPI documents' integrations beyond the path, method, function and authorizer; other types
(`::Connector`, `::GraphQLApi`) stay as declared, with a note.
"""

from __future__ import annotations

from typing import Any, Callable

from aispm.model import Unknown

SERVERLESS = "AWS::Serverless"
_EXEC = "arn:aws:iam::aws:policy/service-role/"
_LAMBDA_TRUST = "lambda.amazonaws.com"

#: (resource types the SAM type is, for `Globals` section)
_GLOBALS = {"AWS::Serverless::Function": "Function", "AWS::Serverless::Api": "Api",
            "AWS::Serverless::HttpApi": "HttpApi", "AWS::Serverless::SimpleTable": "SimpleTable",
            "AWS::Serverless::LayerVersion": "LayerVersion", "AWS::Serverless::StateMachine": "StateMachine"}


def is_sam(doc: dict) -> bool:
    t = doc.get("Transform")
    return any(isinstance(x, str) and x.startswith("AWS::Serverless") for x in (t if isinstance(t, list) else [t]))


def _intrinsic(v: Any) -> bool:
    """Whether `v` is an intrinsic function call (`{"Ref": …}`, `{"Fn::…": …}`), whose value SAM cannot see."""
    if not isinstance(v, dict) or len(v) != 1:
        return False
    key = next(iter(v))
    return key == "Ref" or (isinstance(key, str) and key.startswith("Fn::"))


def merge_globals(g: Any, props: Any) -> Any:
    """SAM's rule: the resource's value wins; maps merge key by key; lists append to the global one."""
    if isinstance(g, dict) and isinstance(props, dict) and not _intrinsic(g) and not _intrinsic(props):
        out = dict(g)
        for k, v in props.items():
            out[k] = merge_globals(g[k], v) if k in g else v
        return out
    if isinstance(g, list) and isinstance(props, list):
        return [*g, *props]
    return props


def _tags_list(tags: Any, sam_tag: bool = True) -> Any:
    head = [{"Key": "lambda:createdBy", "Value": "SAM"}] if sam_tag else []
    if isinstance(tags, dict) and not _intrinsic(tags):
        return head + [{"Key": k, "Value": v} for k, v in tags.items()]
    return head or tags


def _local_code(uri: Any) -> bool:
    """A `CodeUri` that is a folder or archive of the repository (`src/`, `./app`, `fn.zip`)."""
    return isinstance(uri, str) and bool(uri.strip()) and "://" not in uri and not uri.startswith(("/", "~", "\\"))


def _s3_location(uri: Any, keys: tuple[str, str, str], what: str) -> Any:
    bucket, key, version = keys
    if isinstance(uri, str):
        if uri.startswith("s3://"):
            b, _, k = uri[5:].partition("/")
            return {bucket: b, key: k}
        return {bucket: Unknown(f"{what} {uri[:80]} is packaged to S3 by `sam package` / `sam deploy`"),
                key: Unknown(f"{what} is packaged to S3 at deploy time")}
    if isinstance(uri, dict) and not _intrinsic(uri):
        out = {bucket: uri.get("Bucket"), key: uri.get("Key")}
        if "Version" in uri:
            out[version] = uri["Version"]
        return out
    return {bucket: Unknown(f"{what} is not a literal location"), key: Unknown(f"{what} is not a literal location")}


def _arn_sub(pattern: str, **variables: Any) -> dict:
    return {"Fn::Sub": [pattern, variables]} if variables else {"Fn::Sub": pattern}


def _statement(actions: list[str], resources: list[Any]) -> dict:
    return {"Effect": "Allow", "Action": actions, "Resource": resources}


_S3_READ = ["s3:GetObject", "s3:ListBucket", "s3:GetBucketLocation", "s3:GetObjectVersion",
            "s3:GetLifecycleConfiguration"]
_S3_WRITE = ["s3:PutObject", "s3:PutObjectAcl", "s3:PutLifecycleConfiguration"]
_DDB_READ = ["dynamodb:GetItem", "dynamodb:Scan", "dynamodb:Query", "dynamodb:BatchGetItem", "dynamodb:DescribeTable"]
_DDB_WRITE = ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem",
              "dynamodb:ConditionCheckItem"]


def _bucket(args: dict, actions: list[str]) -> list[dict]:
    name = args.get("BucketName")
    return [_statement(actions, [_arn_sub("arn:${AWS::Partition}:s3:::${bucketName}", bucketName=name),
                                 _arn_sub("arn:${AWS::Partition}:s3:::${bucketName}/*", bucketName=name)])]


def _table(args: dict, actions: list[str]) -> list[dict]:
    name = args.get("TableName")
    base = "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${tableName}"
    return [_statement(actions, [_arn_sub(base, tableName=name), _arn_sub(base + "/index/*", tableName=name)])]


#: SAM policy templates (aws-sam-translator `policy_templates.json`, Apache-2.0): the common ones.
POLICY_TEMPLATES: dict[str, Callable[[dict], list[dict]]] = {
    "S3ReadPolicy": lambda a: _bucket(a, _S3_READ),
    "S3WritePolicy": lambda a: _bucket(a, _S3_WRITE),
    "S3CrudPolicy": lambda a: _bucket(a, [*_S3_READ[:4], "s3:PutObject", "s3:PutObjectAcl",
                                          "s3:GetLifecycleConfiguration", "s3:PutLifecycleConfiguration",
                                          "s3:DeleteObject"]),
    "S3FullAccessPolicy": lambda a: _bucket(a, ["s3:GetObject", "s3:GetObjectAcl", "s3:GetObjectVersion",
                                                "s3:PutObject", "s3:PutObjectAcl", "s3:DeleteObject",
                                                "s3:ListBucket", "s3:GetBucketLocation"]),
    "DynamoDBReadPolicy": lambda a: _table(a, _DDB_READ),
    "DynamoDBCrudPolicy": lambda a: _table(a, [*_DDB_READ, *_DDB_WRITE]),
    "DynamoDBWritePolicy": lambda a: _table(a, _DDB_WRITE),
    "LambdaInvokePolicy": lambda a: [_statement(["lambda:InvokeFunction"], [_arn_sub(
        "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${functionName}*",
        functionName=a.get("FunctionName"))])],
    "SQSSendMessagePolicy": lambda a: [_statement(["sqs:SendMessage*"], [_arn_sub(
        "arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${queueName}", queueName=a.get("QueueName"))])],
    "SQSPollerPolicy": lambda a: [_statement(["sqs:ChangeMessageVisibility", "sqs:ChangeMessageVisibilityBatch",
                                              "sqs:DeleteMessage", "sqs:DeleteMessageBatch",
                                              "sqs:GetQueueAttributes", "sqs:ReceiveMessage"], [_arn_sub(
        "arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${queueName}", queueName=a.get("QueueName"))])],
    "AWSSecretsManagerGetSecretValuePolicy": lambda a: [_statement(["secretsmanager:GetSecretValue"],
                                                                   [a.get("SecretArn")])],
    "KMSDecryptPolicy": lambda a: [_statement(["kms:Decrypt"], [_arn_sub(
        "arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/${keyId}", keyId=a.get("KeyId"))])],
    "SSMParameterReadPolicy": lambda a: [
        _statement(["ssm:DescribeParameters"], ["*"]),
        _statement(["ssm:GetParameters", "ssm:GetParameter", "ssm:GetParametersByPath"], [_arn_sub(
            "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/${parameterName}",
            parameterName=a.get("ParameterName"))])],
}


class Expansion:
    """The resources one SAM template deploys: `(logical id, declaration, line)` in order, and notes."""

    def __init__(self, resources: dict, globals_: Any, line_of: Callable[[str], int]) -> None:
        self.src, self.line_of = resources, line_of
        self.globals = globals_ if isinstance(globals_, dict) else {}
        self.out: dict[str, tuple[dict, int]] = {}
        self.notes: list[tuple[int, str]] = []
        self.apis: dict[tuple[str, str], dict] = {}  # (kind, api logical id) → OpenAPI paths
        self._defaults: dict[tuple[str, str], Any] = {}  # (kind, api logical id) → default authorizer

    def run(self) -> dict[str, tuple[dict, int]]:
        for lid, body in self.src.items():
            if isinstance(body, dict) and isinstance(body.get("Type"), str) and body["Type"].startswith(SERVERLESS):
                self._expand(lid, body)
            else:
                self.out[lid] = (body, self.line_of(lid))
        for (kind, api), paths in self.apis.items():
            self._attach_paths(kind, api, paths)
        return self.out

    def _emit(self, lid: str, type_: str, props: dict, sam: dict, line: int, primary: bool = False) -> None:
        body: dict = {"Type": type_, "Properties": {k: v for k, v in props.items() if v is not None}}
        for attr in ("Condition", "Metadata", *(("DependsOn", "DeletionPolicy", "UpdateReplacePolicy") if primary
                                                else ())):
            if attr in sam:
                body[attr] = sam[attr]
        self.out.setdefault(lid, (body, line))

    def _expand(self, lid: str, body: dict) -> None:
        t = body["Type"]
        line = self.line_of(lid)
        props = body.get("Properties")
        props = props if isinstance(props, dict) else {}
        section = _GLOBALS.get(t)
        if section and isinstance(self.globals.get(section), dict):
            props = merge_globals(self.globals[section], props)
        handler = {"AWS::Serverless::Function": self._function, "AWS::Serverless::Api": self._api,
                   "AWS::Serverless::HttpApi": self._http_api, "AWS::Serverless::SimpleTable": self._table,
                   "AWS::Serverless::LayerVersion": self._layer, "AWS::Serverless::StateMachine": self._state_machine,
                   "AWS::Serverless::Application": self._application}.get(t)
        if handler is None:
            self.notes.append((line, f"{t} is kept as declared (aispm does not expand it)"))
            self.out[lid] = (body, line)
            return
        handler(lid, props, body, line)

    # -- functions -----------------------------------------------------------------------------
    def _function(self, lid: str, p: dict, sam: dict, line: int) -> None:
        code: Any
        if "InlineCode" in p:
            code = {"ZipFile": p["InlineCode"]}
        elif "ImageUri" in p:
            code = {"ImageUri": p["ImageUri"]}
        elif _local_code(p.get("CodeUri")):
            # a folder of the repository, packaged by `sam build`: `Code` names it (as Terraform's `filename`
            # does), so the code linker can tell which scanned code the function runs
            code = p["CodeUri"]
        else:
            code = _s3_location(p.get("CodeUri"), ("S3Bucket", "S3Key", "S3ObjectVersion"), "CodeUri")
        role = p.get("Role")
        events = p.get("Events") if isinstance(p.get("Events"), dict) else {}
        dlq = p.get("DeadLetterQueue")
        fn = {
            "FunctionName": p.get("FunctionName"), "Description": p.get("Description"), "Handler": p.get("Handler"),
            "Runtime": p.get("Runtime"), "Code": code, "MemorySize": p.get("MemorySize"), "Timeout": p.get("Timeout"),
            "Role": role if role is not None else {"Fn::GetAtt": [f"{lid}Role", "Arn"]},
            "Environment": p.get("Environment"), "VpcConfig": p.get("VpcConfig"), "KmsKeyArn": p.get("KmsKeyArn"),
            "Layers": p.get("Layers"), "ReservedConcurrentExecutions": p.get("ReservedConcurrentExecutions"),
            "TracingConfig": {"Mode": p["Tracing"]} if "Tracing" in p else None,
            "Architectures": p.get("Architectures"), "PackageType": p.get("PackageType"),
            "ImageConfig": p.get("ImageConfig"), "EphemeralStorage": p.get("EphemeralStorage"),
            "DeadLetterConfig": {"TargetArn": dlq.get("TargetArn")} if isinstance(dlq, dict) else None,
            "FileSystemConfigs": p.get("FileSystemConfigs"), "CodeSigningConfigArn": p.get("CodeSigningConfigArn"),
            "LoggingConfig": p.get("LoggingConfig"), "SnapStart": p.get("SnapStart"),
            "RuntimeManagementConfig": p.get("RuntimeManagementConfig"), "Tags": _tags_list(p.get("Tags")),
        }
        self._emit(lid, "AWS::Lambda::Function", fn, sam, line, primary=True)
        if role is None:
            managed = [_EXEC + "AWSLambdaBasicExecutionRole"]
            if p.get("VpcConfig") is not None:
                managed.append(_EXEC + "AWSLambdaVPCAccessExecutionRole")
            if p.get("Tracing") == "Active":
                managed.append("arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess")
            for ev in events.values():
                kind = ev.get("Type") if isinstance(ev, dict) else None
                extra = {"SQS": "AWSLambdaSQSQueueExecutionRole", "Kinesis": "AWSLambdaKinesisExecutionRole",
                         "DynamoDB": "AWSLambdaDynamoDBExecutionRole"}.get(kind)
                if extra and _EXEC + extra not in managed:
                    managed.append(_EXEC + extra)
            self._role(f"{lid}Role", _LAMBDA_TRUST, managed, p, sam, line)
        url = p.get("FunctionUrlConfig")
        if isinstance(url, dict):
            self._emit(f"{lid}Url", "AWS::Lambda::Url", {
                "AuthType": url.get("AuthType"), "Cors": url.get("Cors"), "InvokeMode": url.get("InvokeMode"),
                "TargetFunctionArn": {"Ref": lid}}, sam, line)
            if url.get("AuthType") == "NONE":
                self._emit(f"{lid}UrlPublicPermissions", "AWS::Lambda::Permission", {
                    "Action": "lambda:InvokeFunctionUrl", "FunctionName": {"Ref": lid}, "Principal": "*",
                    "FunctionUrlAuthType": "NONE"}, sam, line)
        for name, ev in events.items():
            if isinstance(ev, dict):
                self._event(lid, str(name), ev, sam, line)

    def _role(self, rid: str, service: str, managed: list[Any], p: dict, sam: dict, line: int) -> None:
        inline: list[dict] = []
        policies = p.get("Policies")
        for i, pol in enumerate(policies if isinstance(policies, list) else [policies] if policies is not None else []):
            if isinstance(pol, str):
                managed.append(pol if pol.startswith("arn:") else f"arn:aws:iam::aws:policy/{pol}")
            elif _intrinsic(pol):
                managed.append(pol)
            elif isinstance(pol, dict) and "Statement" in pol:
                inline.append({"PolicyName": f"{rid}Policy{i}", "PolicyDocument": pol})
            elif isinstance(pol, dict) and len(pol) == 1:
                (tname, args), = pol.items()
                make = POLICY_TEMPLATES.get(str(tname))
                doc: Any = ({"Version": "2012-10-17", "Statement": make(args if isinstance(args, dict) else {})}
                            if make else Unknown(f"SAM policy template {str(tname)[:60]} is not expanded by aispm"))
                inline.append({"PolicyName": f"{rid}Policy{i}", "PolicyDocument": doc})
        self._emit(rid, "AWS::IAM::Role", {
            "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Action": ["sts:AssumeRole"], "Principal": {"Service": [service]}}]},
            "ManagedPolicyArns": managed, "Policies": inline or None,
            "PermissionsBoundary": p.get("PermissionsBoundary"), "Path": p.get("RolePath"),
            "Tags": _tags_list(p.get("Tags")) if service == _LAMBDA_TRUST else None}, sam, line)

    def _permission(self, pid: str, lid: str, principal: str, source_arn: Any, sam: dict, line: int) -> None:
        self._emit(pid, "AWS::Lambda::Permission", {"Action": "lambda:InvokeFunction", "FunctionName": {"Ref": lid},
                                                    "Principal": principal, "SourceArn": source_arn}, sam, line)

    def _event(self, lid: str, name: str, ev: dict, sam: dict, line: int) -> None:
        kind = ev.get("Type")
        p = ev.get("Properties") if isinstance(ev.get("Properties"), dict) else {}
        eid = f"{lid}{name}"
        if kind in ("Api", "HttpApi"):
            key = "RestApiId" if kind == "Api" else "ApiId"
            api_ref = p.get(key)
            api = api_ref["Ref"] if isinstance(api_ref, dict) and isinstance(api_ref.get("Ref"), str) else \
                ("ServerlessRestApi" if kind == "Api" else "ServerlessHttpApi") if api_ref is None else None
            path, method = p.get("Path", "/"), str(p.get("Method", "any")).lower()
            auth = p.get("Auth") if isinstance(p.get("Auth"), dict) else {}
            op: dict = {"x-amazon-apigateway-integration": {
                "type": "aws_proxy", "httpMethod": "POST", "uri": {"Fn::GetAtt": [lid, "Arn"]}}}
            if "Authorizer" in auth:
                op["security"] = [] if auth["Authorizer"] == "NONE" else [{str(auth["Authorizer"]): []}]
            if auth.get("ApiKeyRequired") is True:
                op.setdefault("security", []).append({"api_key": []})
            if api is not None:
                self.apis.setdefault((kind, api), {}).setdefault(str(path), {})[method] = op
            arn_api = "${__ApiId__}"
            self._permission(f"{eid}Permission", lid, "apigateway.amazonaws.com", _arn_sub(
                f"arn:${{AWS::Partition}}:execute-api:${{AWS::Region}}:${{AWS::AccountId}}:{arn_api}/*",
                __ApiId__=api_ref if api_ref is not None else {"Ref": api}), sam, line)
        elif kind in ("SQS", "Kinesis", "DynamoDB", "MSK", "MQ", "DocumentDB"):
            src = p.get("Queue") if kind == "SQS" else p.get("Stream") if kind != "MQ" else p.get("Broker")
            self._emit(eid, "AWS::Lambda::EventSourceMapping", {
                "EventSourceArn": src, "FunctionName": {"Ref": lid}, "BatchSize": p.get("BatchSize"),
                "Enabled": p.get("Enabled"), "StartingPosition": p.get("StartingPosition"),
                "FilterCriteria": p.get("FilterCriteria")}, sam, line)
        elif kind in ("Schedule", "ScheduleV2", "CloudWatchEvent", "EventBridgeRule"):
            self._emit(eid, "AWS::Events::Rule", {
                "ScheduleExpression": p.get("Schedule") or p.get("ScheduleExpression"),
                "EventPattern": p.get("Pattern"),
                "State": "DISABLED" if p.get("Enabled") is False else p.get("State", "ENABLED"),
                "EventBusName": p.get("EventBusName"),
                "Targets": [{"Arn": {"Fn::GetAtt": [lid, "Arn"]}, "Id": f"{eid}LambdaTarget"}]}, sam, line)
            self._permission(f"{eid}Permission", lid, "events.amazonaws.com", {"Fn::GetAtt": [eid, "Arn"]}, sam, line)
        elif kind == "SNS":
            self._emit(eid, "AWS::SNS::Subscription", {"Endpoint": {"Fn::GetAtt": [lid, "Arn"]}, "Protocol": "lambda",
                                                       "TopicArn": p.get("Topic")}, sam, line)
            self._permission(f"{eid}Permission", lid, "sns.amazonaws.com", p.get("Topic"), sam, line)
        elif kind == "S3":
            self._permission(f"{eid}Permission", lid, "s3.amazonaws.com", None, sam, line)
        else:
            self.notes.append((line, f"event {name[:60]} of type {str(kind)[:40]} is not expanded"))

    # -- APIs ------------------------------------------------------------------------------------
    def _api(self, lid: str, p: dict, sam: dict, line: int) -> None:
        endpoint = p.get("EndpointConfiguration")
        if isinstance(endpoint, str):
            endpoint = {"Types": [endpoint]}
        elif isinstance(endpoint, dict) and "Type" in endpoint:
            endpoint = {"Types": [endpoint["Type"]], "VpcEndpointIds": endpoint.get("VPCEndpointIds")}
        auth = p.get("Auth") if isinstance(p.get("Auth"), dict) else {}
        uri = p.get("DefinitionUri")
        self._emit(lid, "AWS::ApiGateway::RestApi", {
            "Name": p.get("Name"), "Description": p.get("Description"), "Body": p.get("DefinitionBody"),
            "BodyS3Location": _s3_location(uri, ("Bucket", "Key", "Version"), "DefinitionUri") if uri else None,
            "EndpointConfiguration": endpoint, "BinaryMediaTypes": p.get("BinaryMediaTypes"),
            "MinimumCompressionSize": p.get("MinimumCompressionSize"),
            "DisableExecuteApiEndpoint": p.get("DisableExecuteApiEndpoint"),
            "Policy": auth.get("ResourcePolicy"), "Tags": _tags_list(p.get("Tags"), sam_tag=False) or None,
        }, sam, line, primary=True)
        stage = p.get("StageName", "Prod")
        self._emit(f"{lid}{stage if isinstance(stage, str) else ''}Stage", "AWS::ApiGateway::Stage", {
            "RestApiId": {"Ref": lid}, "StageName": stage, "MethodSettings": p.get("MethodSettings"),
            "AccessLogSetting": p.get("AccessLogSetting"), "TracingEnabled": p.get("TracingEnabled"),
            "Variables": p.get("Variables"), "CacheClusterEnabled": p.get("CacheClusterEnabled"),
            "CacheClusterSize": p.get("CacheClusterSize")}, sam, line)
        default = auth.get("DefaultAuthorizer")
        if default is not None:
            self.apis.setdefault(("Api", lid), {})
            self._defaults[("Api", lid)] = default

    def _http_api(self, lid: str, p: dict, sam: dict, line: int) -> None:
        uri = p.get("DefinitionUri")
        self._emit(lid, "AWS::ApiGatewayV2::Api", {
            "Name": p.get("Name"), "ProtocolType": "HTTP", "Description": p.get("Description"),
            "Body": p.get("DefinitionBody"),
            "BodyS3Location": _s3_location(uri, ("Bucket", "Key", "Version"), "DefinitionUri") if uri else None,
            "CorsConfiguration": p.get("CorsConfiguration") if isinstance(p.get("CorsConfiguration"), dict) else None,
            "DisableExecuteApiEndpoint": p.get("DisableExecuteApiEndpoint"), "FailOnWarnings": p.get("FailOnWarnings"),
            "Tags": p.get("Tags")}, sam, line, primary=True)
        stage = p.get("StageName")
        self._emit(f"{lid}{stage}Stage" if isinstance(stage, str) else f"{lid}ApiGatewayDefaultStage",
                   "AWS::ApiGatewayV2::Stage", {
                       "ApiId": {"Ref": lid}, "StageName": stage if stage is not None else "$default",
                       "AutoDeploy": True, "AccessLogSettings": p.get("AccessLogSettings"),
                       "DefaultRouteSettings": p.get("DefaultRouteSettings")}, sam, line)
        auth = p.get("Auth") if isinstance(p.get("Auth"), dict) else {}
        if auth.get("DefaultAuthorizer") is not None:
            self.apis.setdefault(("HttpApi", lid), {})
            self._defaults[("HttpApi", lid)] = auth["DefaultAuthorizer"]

    def _attach_paths(self, kind: str, api: str, paths: dict) -> None:
        """The paths events put on an API: into its body (SAM writes the OpenAPI document of an API
        that has none); an implicit API is created with them."""
        default = self._defaults.get((kind, api))
        if default is not None and default != "NONE":
            for ops in paths.values():
                for op in ops.values():
                    op.setdefault("security", [{str(default): []}])
        if api not in self.out:
            first = min((self.line_of(lid) for lid in self.src), default=1)
            if kind == "Api":
                self._emit(api, "AWS::ApiGateway::RestApi", {"Name": {"Ref": "AWS::StackName"}, "Body": {
                    "swagger": "2.0", "info": {"version": "1.0", "title": {"Ref": "AWS::StackName"}},
                    "paths": paths}}, {}, first)
                self._emit(f"{api}ProdStage", "AWS::ApiGateway::Stage", {"RestApiId": {"Ref": api},
                                                                          "StageName": "Prod"}, {}, first)
            else:
                self._emit(api, "AWS::ApiGatewayV2::Api", {"Name": {"Ref": "AWS::StackName"}, "ProtocolType": "HTTP",
                                                           "Body": {"openapi": "3.0.1", "paths": paths}}, {}, first)
                self._emit(f"{api}ApiGatewayDefaultStage", "AWS::ApiGatewayV2::Stage", {
                    "ApiId": {"Ref": api}, "StageName": "$default", "AutoDeploy": True}, {}, first)
            return
        body, _ = self.out[api]
        props = body.get("Properties", {})
        if props.get("Body") is None and paths:
            props["Body"] = {"swagger": "2.0", "paths": paths} if kind == "Api" else {"openapi": "3.0.1",
                                                                                        "paths": paths}

    # -- tables, layers, state machines, applications -------------------------------------------------
    def _table(self, lid: str, p: dict, sam: dict, line: int) -> None:
        pk = p.get("PrimaryKey") if isinstance(p.get("PrimaryKey"), dict) else {}
        name, kind = pk.get("Name", "id"), pk.get("Type", "String")
        self._emit(lid, "AWS::DynamoDB::Table", {
            "TableName": p.get("TableName"), "KeySchema": [{"AttributeName": name, "KeyType": "HASH"}],
            "AttributeDefinitions": [{"AttributeName": name,
                                      "AttributeType": {"String": "S", "Number": "N", "Binary": "B"}.get(kind, kind)}],
            "BillingMode": None if p.get("ProvisionedThroughput") else "PAY_PER_REQUEST",
            "ProvisionedThroughput": p.get("ProvisionedThroughput"), "SSESpecification": p.get("SSESpecification"),
            "PointInTimeRecoverySpecification": p.get("PointInTimeRecoverySpecification"),
            "Tags": _tags_list(p.get("Tags"), sam_tag=False) or None}, sam, line, primary=True)

    def _layer(self, lid: str, p: dict, sam: dict, line: int) -> None:
        self._emit(lid, "AWS::Lambda::LayerVersion", {
            "LayerName": p.get("LayerName"), "Description": p.get("Description"),
            "Content": _s3_location(p.get("ContentUri"), ("S3Bucket", "S3Key", "S3ObjectVersion"), "ContentUri"),
            "CompatibleRuntimes": p.get("CompatibleRuntimes"),
            "CompatibleArchitectures": p.get("CompatibleArchitectures"), "LicenseInfo": p.get("LicenseInfo")},
            sam, line, primary=True)

    def _state_machine(self, lid: str, p: dict, sam: dict, line: int) -> None:
        role = p.get("Role")
        self._emit(lid, "AWS::StepFunctions::StateMachine", {
            "StateMachineName": p.get("Name"), "Definition": p.get("Definition"),
            "DefinitionS3Location": p.get("DefinitionUri") if isinstance(p.get("DefinitionUri"), dict) else None,
            "RoleArn": role if role is not None else {"Fn::GetAtt": [f"{lid}Role", "Arn"]},
            "StateMachineType": p.get("Type"), "LoggingConfiguration": p.get("Logging"),
            "TracingConfiguration": p.get("Tracing")}, sam, line, primary=True)
        if role is None:
            self._role(f"{lid}Role", "states.amazonaws.com", [], p, sam, line)

    def _application(self, lid: str, p: dict, sam: dict, line: int) -> None:
        loc = p.get("Location")
        self._emit(lid, "AWS::CloudFormation::Stack", {
            "TemplateURL": loc if isinstance(loc, str) else Unknown("a Serverless Application Repository application"),
            "Parameters": p.get("Parameters"), "NotificationARNs": p.get("NotificationARNs"),
            "TimeoutInMinutes": p.get("TimeoutInMinutes"), "Tags": p.get("Tags")}, sam, line, primary=True)


def expand(resources: dict, globals_: Any, line_of: Callable[[str], int]) -> tuple[dict[str, tuple[dict, int]],
                                                                                    list[tuple[int, str]]]:
    """The resources a SAM template deploys (see the module docstring), and notes on what was not expanded."""
    e = Expansion(resources, globals_, line_of)
    out = e.run()
    return out, e.notes
