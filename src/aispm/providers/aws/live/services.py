"""The other regional services AI runs on, read into CloudFormation shapes.

- Kendra and KMS through **Cloud Control** (`cloudcontrol` ListResources + GetResource of
  `AWS::Kendra::Index`, `AWS::KMS::Key`): its answer *is* the CloudFormation resource model, no transform. Cloud
  Control is used where its answer costs no more calls than the service's own API; for the
  types whose service list answers whole pages of complete resources (EC2, Lambda, Comprehend)
  the service API is one call a page where Cloud Control would be one call a resource.
- OpenSearch Serverless: ListCollections + BatchGetCollection (100 a call), ListSecurityPolicies
  for `network` and `encryption` + GetSecurityPolicy each (the list lacks the document); the
  policies are `AWS::OpenSearchServerless::SecurityPolicy` assets, which the fold hands to the
  collections they name.
- Comprehend: ListEntityRecognizers and ListDocumentClassifiers (complete summaries).
- Lambda: ListFunctions (complete), ListFunctionUrlConfigs and GetPolicy per function (a function
  without a resource policy answers `ResourceNotFoundException`: no gap). Each policy statement
  is an `AWS::Lambda::Permission`. Environment variable values are never kept, names only.
- EC2: DescribeInstances, DescribeSecurityGroups, DescribeVpcEndpoints, DescribeVolumes (an
  instance's volumes: `Ebs.Encrypted`), a page of 1000 each.
- Secrets Manager: ListSecrets (metadata only: name, KMS key, rotation, tags — never a value;
  declared safe in `readonly.py`, while `GetSecretValue` is refused by the read-only guard) and
  GetResourcePolicy per secret (a secret without one answers no `ResourcePolicy`). A secret is
  `AWS::SecretsManager::Secret`, its rotation an `AWS::SecretsManager::RotationSchedule`, its policy
  an `AWS::SecretsManager::ResourcePolicy`, as a template declares them apart.
- KMS keys through Cloud Control as well (`AWS::KMS::Key`: key policy, rotation, spec in one
  GetResource a key).
"""

from __future__ import annotations

import json
from typing import Any

from aispm.model import Unknown
from aispm.providers.aws import catalog as cat
from aispm.providers.aws.live.calls import Reader, items
from aispm.providers.aws.live.record import NOT_KEPT
from aispm.providers.aws.live.shape import arn_name, document, make_asset, pascal, plain, rename

#: CloudFormation types read through Cloud Control (service APIs do not give them cheaper).
#: KMS keys too: Cloud Control's `GetResource` answers a key's policy and rotation in one call where
#: the KMS API needs ListKeys, then DescribeKey and GetKeyRotationStatus per key.
CLOUD_CONTROL = ((cat.KENDRA_INDEX, "kendra", "index/{}"), (cat.KMS_KEY, "kms", "key/{}"))
EC2_PAGE = 1000


def read_cloud_control(r: Reader, out: list) -> None:
    for cfn, service, form in CLOUD_CONTROL:
        for d in list(items(r.pages("cloudcontrol", "ListResources", 100, TypeName=cfn), "ResourceDescriptions")):
            got = r.call("cloudcontrol", "GetResource", TypeName=cfn, Identifier=d.get("Identifier"))
            desc = got.get("ResourceDescription") if isinstance(got, dict) else None
            props = _json(desc.get("Properties")) if isinstance(desc, dict) else None
            if not isinstance(props, dict):
                continue
            ident = str(d.get("Identifier"))
            arn = props.get("Arn") or f"arn:aws:{service}:{r.region}:{r.account}:{form.format(ident)}"
            out.append(make_asset(r.scope, cfn, arn, props.get("Name") or ident, props))


def _json(text: Any) -> Any:
    if isinstance(text, dict):
        return text
    try:
        return json.loads(text) if isinstance(text, str) else None
    except ValueError:
        return None


def read_opensearch(r: Reader, out: list) -> None:
    ids = [c.get("id") for c in items(r.pages("opensearchserverless", "ListCollections"), "collectionSummaries")]
    for i in range(0, len(ids), 100):
        got = r.call("opensearchserverless", "BatchGetCollection", ids=ids[i:i + 100])
        for c in (got or {}).get("collectionDetails") or []:
            p = rename(pascal(c), {"Status": "", "CreatedDate": "", "LastModifiedDate": "",
                                   "CollectionEndpoint": "", "DashboardEndpoint": "", "FipsEndpoints": ""})
            out.append(make_asset(r.scope, cat.AOSS_COLLECTION, c.get("arn", ""), c.get("name"), p))
    for ptype in ("network", "encryption"):
        for s in list(items(r.pages("opensearchserverless", "ListSecurityPolicies", type=ptype),
                            "securityPolicySummaries")):
            got = r.call("opensearchserverless", "GetSecurityPolicy", name=s.get("name"), type=ptype)
            d = (got or {}).get("securityPolicyDetail")
            if not isinstance(d, dict):
                continue
            arn = f"arn:aws:aoss:{r.region}:{r.account}:security-policy/{ptype}/{d.get('name')}"
            out.append(make_asset(r.scope, cat.AOSS_SECURITY_POLICY, arn, d.get("name"),
                                  {"Name": d.get("name"), "Type": ptype, "Description": d.get("description"),
                                   "Policy": document(d.get("policy"))}))


def read_comprehend(r: Reader, out: list) -> None:
    for s in items(r.pages("comprehend", "ListEntityRecognizers", 100), "EntityRecognizerPropertiesList"):
        arn = s.get("EntityRecognizerArn", "")
        p = rename(pascal(s), {"Status": "", "Message": "", "SubmitTime": "", "EndTime": "", "TrainingStartTime": "",
                               "TrainingEndTime": "", "RecognizerMetadata": "", "EntityRecognizerArn": ""})
        p["RecognizerName"] = arn_name(arn.split("/version/")[0])
        out.append(make_asset(r.scope, cat.COMPREHEND_ENTITY_RECOGNIZER, arn, p["RecognizerName"], p))
    for s in items(r.pages("comprehend", "ListDocumentClassifiers", 100), "DocumentClassifierPropertiesList"):
        arn = s.get("DocumentClassifierArn", "")
        p = rename(pascal(s), {"Status": "", "Message": "", "SubmitTime": "", "EndTime": "", "TrainingStartTime": "",
                               "TrainingEndTime": "", "ClassifierMetadata": "", "DocumentClassifierArn": ""})
        p["DocumentClassifierName"] = arn_name(arn.split("/version/")[0])
        out.append(make_asset(r.scope, "AWS::Comprehend::DocumentClassifier", arn, p["DocumentClassifierName"], p))


def function_properties(f: dict) -> dict:
    p = rename(pascal(f), {"KMSKeyArn": "KmsKeyArn", "FunctionArn": "", "LastModified": "", "CodeSha256": "",
                           "CodeSize": "", "Version": "", "RevisionId": "", "State": "", "StateReason": "",
                           "StateReasonCode": "", "LastUpdateStatus": "", "LastUpdateStatusReason": "",
                           "LastUpdateStatusReasonCode": "", "MasterArn": ""})
    env = p.get("Environment")
    if isinstance(env, dict) and isinstance(env.get("Variables"), dict):
        p["Environment"] = {"Variables": {k: NOT_KEPT for k in env["Variables"]}}
    vpc = p.get("VpcConfig")
    if isinstance(vpc, dict):
        p["VpcConfig"] = {k: v for k, v in vpc.items() if k in ("SubnetIds", "SecurityGroupIds", "Ipv6AllowedForDualStack")
                          and v not in ([], None, "")} or None
        if p["VpcConfig"] is None:
            del p["VpcConfig"]
    if isinstance(p.get("Layers"), list):
        p["Layers"] = [x.get("Arn") for x in p["Layers"] if isinstance(x, dict)]
    return p


def permissions(fn_arn: str, policy: Any) -> list[dict]:
    """A function's resource policy as `AWS::Lambda::Permission` properties, one per statement."""
    doc = document(policy)
    out = []
    for st in (doc.get("Statement") if isinstance(doc, dict) else None) or []:
        if not isinstance(st, dict) or st.get("Effect") != "Allow":
            continue
        pr = st.get("Principal")
        if isinstance(pr, dict):
            pr = pr.get("Service") or pr.get("AWS")
        action = st.get("Action")
        p = {"FunctionName": fn_arn, "Action": action[0] if isinstance(action, list) and len(action) == 1 else action,
             "Principal": pr, "Sid": st.get("Sid")}
        cond = st.get("Condition")
        if isinstance(cond, dict):
            p["Condition"] = plain(cond)
            auth = (cond.get("StringEquals") or {}).get("lambda:FunctionUrlAuthType")
            if auth:
                p["FunctionUrlAuthType"] = auth
            src = (cond.get("ArnLike") or {}).get("AWS:SourceArn")
            if src:
                p["SourceArn"] = src
        out.append(p)
    return out


def read_lambda(r: Reader, out: list) -> None:
    for f in list(items(r.pages("lambda", "ListFunctions", 50), "Functions")):
        arn = f.get("FunctionArn", "")
        out.append(make_asset(r.scope, cat.LAMBDA_FUNCTION, arn, f.get("FunctionName"), function_properties(f)))
        for u in items(r.pages("lambda", "ListFunctionUrlConfigs", 50, FunctionName=f.get("FunctionName")),
                       "FunctionUrlConfigs"):
            p = rename(pascal(u), {"FunctionArn": "TargetFunctionArn", "CreationTime": "", "LastModifiedTime": ""})
            out.append(make_asset(r.scope, cat.LAMBDA_URL, f"{arn}/url", f"{f.get('FunctionName')}-url", p))
        pol = r.call("lambda", "GetPolicy", missing_ok=("ResourceNotFoundException",), FunctionName=f.get("FunctionName"))
        for i, p in enumerate(permissions(arn, (pol or {}).get("Policy"))):
            sid = p.get("Sid") or str(i)
            out.append(make_asset(r.scope, cat.LAMBDA_PERMISSION, f"{arn}/policy/{sid}", f"{f.get('FunctionName')}-{sid}",
                                  p))


def _rules(perms: list) -> list[dict]:
    """EC2 IpPermissions → CloudFormation ingress/egress rules (one per range)."""
    out = []
    for perm in perms or []:
        base = {k: perm.get(k) for k in ("IpProtocol", "FromPort", "ToPort") if perm.get(k) is not None}
        for rng in perm.get("IpRanges") or []:
            out.append({**base, "CidrIp": rng.get("CidrIp"), **({"Description": rng["Description"]}
                                                                 if rng.get("Description") else {})})
        for rng in perm.get("Ipv6Ranges") or []:
            out.append({**base, "CidrIpv6": rng.get("CidrIpv6")})
        for pair in perm.get("UserIdGroupPairs") or []:
            out.append({**base, "SourceSecurityGroupId": pair.get("GroupId")})
        for pl in perm.get("PrefixListIds") or []:
            out.append({**base, "SourcePrefixListId": pl.get("PrefixListId")})
    return out


def instance_properties(i: dict, encrypted: dict[str, Any]) -> dict:
    p: dict[str, Any] = {k: i[k] for k in ("InstanceType", "ImageId", "SubnetId", "KeyName", "EbsOptimized")
                         if k in i}
    p["SecurityGroupIds"] = [g.get("GroupId") for g in i.get("SecurityGroups") or []]
    prof = (i.get("IamInstanceProfile") or {}).get("Arn")
    if prof:
        p["IamInstanceProfile"] = arn_name(prof)
    mo = i.get("MetadataOptions")
    if isinstance(mo, dict):
        p["MetadataOptions"] = {k: mo[k] for k in ("HttpTokens", "HttpEndpoint", "HttpPutResponseHopLimit",
                                                    "InstanceMetadataTags") if k in mo}
    nics = []
    for n in i.get("NetworkInterfaces") or []:
        nics.append({"DeviceIndex": str((n.get("Attachment") or {}).get("DeviceIndex", 0)),
                     "SubnetId": n.get("SubnetId"), "NetworkInterfaceId": n.get("NetworkInterfaceId"),
                     "AssociatePublicIpAddress": bool((n.get("Association") or {}).get("PublicIp"))})
    if not nics and "PublicIpAddress" in i:
        nics.append({"DeviceIndex": "0", "AssociatePublicIpAddress": True})
    p["NetworkInterfaces"] = nics
    if i.get("PublicIpAddress"):
        p["PublicIpAddress"] = i["PublicIpAddress"]
    p["BlockDeviceMappings"] = [{"DeviceName": m.get("DeviceName"),
                                 "Ebs": {"Encrypted": encrypted.get((m.get("Ebs") or {}).get("VolumeId"))}}
                                for m in i.get("BlockDeviceMappings") or []]
    if isinstance(i.get("Tags"), list):
        p["Tags"] = i["Tags"]
    return p


def read_ec2(r: Reader, out: list) -> None:
    acct = r.account
    encrypted = {v.get("VolumeId"): v.get("Encrypted")
                 for v in items(r.pages("ec2", "DescribeVolumes", EC2_PAGE), "Volumes")}
    for res in items(r.pages("ec2", "DescribeInstances", EC2_PAGE), "Reservations"):
        for i in res.get("Instances") or []:
            arn = f"arn:aws:ec2:{r.region}:{res.get('OwnerId') or acct}:instance/{i.get('InstanceId')}"
            out.append(make_asset(r.scope, cat.EC2_INSTANCE, arn, i.get("InstanceId"),
                                  instance_properties(i, encrypted)))
    for g in items(r.pages("ec2", "DescribeSecurityGroups", EC2_PAGE), "SecurityGroups"):
        arn = f"arn:aws:ec2:{r.region}:{g.get('OwnerId') or acct}:security-group/{g.get('GroupId')}"
        p = {"GroupName": g.get("GroupName"), "GroupDescription": g.get("Description"), "VpcId": g.get("VpcId"),
             "SecurityGroupIngress": _rules(g.get("IpPermissions")),
             "SecurityGroupEgress": _rules(g.get("IpPermissionsEgress"))}
        out.append(make_asset(r.scope, cat.SECURITY_GROUP, arn, g.get("GroupName"), p))
    for e in items(r.pages("ec2", "DescribeVpcEndpoints", EC2_PAGE), "VpcEndpoints"):
        arn = f"arn:aws:ec2:{r.region}:{e.get('OwnerId') or acct}:vpc-endpoint/{e.get('VpcEndpointId')}"
        p = {"ServiceName": e.get("ServiceName"), "VpcEndpointType": e.get("VpcEndpointType"), "VpcId": e.get("VpcId"),
             "SubnetIds": e.get("SubnetIds") or [], "RouteTableIds": e.get("RouteTableIds") or [],
             "SecurityGroupIds": [g.get("GroupId") for g in e.get("Groups") or []],
             "PrivateDnsEnabled": e.get("PrivateDnsEnabled")}
        if e.get("PolicyDocument"):
            p["PolicyDocument"] = document(e["PolicyDocument"])
        out.append(make_asset(r.scope, cat.VPC_ENDPOINT, arn, e.get("VpcEndpointId"), p))


SECRET_ROTATION = "AWS::SecretsManager::RotationSchedule"
SECRET_POLICY = "AWS::SecretsManager::ResourcePolicy"


def secret_properties(s: dict) -> dict:
    """A `ListSecrets` entry as `AWS::SecretsManager::Secret` properties (metadata; the list
    answers no value)."""
    p: dict[str, Any] = {"Name": s.get("Name")}
    for k in ("Description", "KmsKeyId"):
        if s.get(k):
            p[k] = s[k]
    if isinstance(s.get("Tags"), list):
        p["Tags"] = plain(s["Tags"])
    return p


def read_secrets(r: Reader, out: list) -> None:
    for s in list(items(r.pages("secretsmanager", "ListSecrets", 100), "SecretList")):
        arn = s.get("ARN", "")
        secret = make_asset(r.scope, cat.SECRET, arn, s.get("Name"), secret_properties(s))
        out.append(secret)
        if s.get("RotationEnabled"):
            p = {"SecretId": arn, "RotationLambdaARN": s.get("RotationLambdaARN"),
                 "RotationRules": pascal(s.get("RotationRules") or {})}
            out.append(make_asset(r.scope, SECRET_ROTATION, f"{arn}/rotation", f"{s.get('Name')}-rotation", p,
                                  parent=secret.uid))
        got = r.call("secretsmanager", "GetResourcePolicy", SecretId=arn)
        if got is None:
            pol: Any = Unknown("the secret's resource policy could not be read")
        else:
            pol = document(got["ResourcePolicy"]) if got.get("ResourcePolicy") else None
        if pol is not None:
            out.append(make_asset(r.scope, SECRET_POLICY, f"{arn}/policy", f"{s.get('Name')}-policy",
                                  {"SecretId": arn, "ResourcePolicy": pol}, parent=secret.uid))
