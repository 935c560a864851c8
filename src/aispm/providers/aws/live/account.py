"""The account-wide services, read once per target: IAM and S3.

IAM: one paginated `GetAccountAuthorizationDetails` (filters `Role` and `LocalManagedPolicy`)
answers every role with its trust policy, inline policy documents, attached managed policies and
instance profiles, and every customer managed policy with its versions — instead of four calls a
role. Roles become `AWS::IAM::Role` (`AssumeRolePolicyDocument`, `Policies`, `ManagedPolicyArns`),
customer managed policies `AWS::IAM::ManagedPolicy` (the default version's document) and
instance profiles `AWS::IAM::InstanceProfile` (`Roles` by name), as CloudFormation declares them.
Service-linked roles (`/aws-service-role/`) are kept: they are identities AI services act as.

S3: ListBuckets, then per bucket GetPublicAccessBlock, GetBucketPolicy, GetBucketEncryption,
GetBucketVersioning and GetBucketLogging. "Not configured" answers
(`NoSuchPublicAccessBlockConfiguration`, `NoSuchBucketPolicy`,
`ServerSideEncryptionConfigurationNotFoundError`) are answers, not gaps. A live bucket without
a public access block has none (all four settings false) — unlike a template that leaves it
out, which gets the block AWS applies to new buckets. A setting that could not be read is
`Unknown`, so its facts stay unknown. The bucket policy is an `AWS::S3::BucketPolicy` asset,
which the fold hands to the bucket's facts as it does for IaC. Object data is never read.
"""

from __future__ import annotations

from typing import Any

from aispm.model import Unknown
from aispm.providers.aws import catalog as cat
from aispm.providers.aws.live.calls import Reader
from aispm.providers.aws.live.shape import document, make_asset, plain

IAM_PAGE = 1000


def read_iam(r: Reader, out: list) -> None:
    profiles: dict[str, dict] = {}
    for page in r.pages("iam", "GetAccountAuthorizationDetails", IAM_PAGE, Filter=["Role", "LocalManagedPolicy"]):
        for role in page.get("RoleDetailList") or []:
            out.append(make_asset(r.scope, cat.IAM_ROLE, role.get("Arn", ""), role.get("RoleName"),
                                  role_properties(role)))
            for ip in role.get("InstanceProfileList") or []:
                got = profiles.setdefault(ip.get("Arn", ""), {"InstanceProfileName": ip.get("InstanceProfileName"),
                                                              "Path": ip.get("Path"), "Roles": []})
                got["Roles"] = sorted(set(got["Roles"]) | {x.get("RoleName") for x in ip.get("Roles") or []
                                                           if isinstance(x.get("RoleName"), str)})
        for pol in page.get("Policies") or []:
            version = next((v for v in pol.get("PolicyVersionList") or [] if v.get("IsDefaultVersion")), None)
            p = {"ManagedPolicyName": pol.get("PolicyName"), "Path": pol.get("Path"),
                 "Description": pol.get("Description"),
                 "PolicyDocument": document(version.get("Document")) if version else
                 Unknown("the policy's default version was not in the answer")}
            out.append(make_asset(r.scope, cat.IAM_POLICY, pol.get("Arn", ""), pol.get("PolicyName"), p))
    for arn, p in sorted(profiles.items()):
        out.append(make_asset(r.scope, cat.IAM_INSTANCE_PROFILE, arn, p["InstanceProfileName"], p))


def role_properties(role: dict) -> dict:
    p: dict[str, Any] = {"RoleName": role.get("RoleName"), "Path": role.get("Path"),
                         "AssumeRolePolicyDocument": document(role.get("AssumeRolePolicyDocument")),
                         "Policies": [{"PolicyName": x.get("PolicyName"), "PolicyDocument": document(x.get("PolicyDocument"))}
                                      for x in role.get("RolePolicyList") or []],
                         "ManagedPolicyArns": [x.get("PolicyArn") for x in role.get("AttachedManagedPolicies") or []]}
    if role.get("PermissionsBoundary"):
        p["PermissionsBoundary"] = (role["PermissionsBoundary"] or {}).get("PermissionsBoundaryArn")
    if role.get("Description"):
        p["Description"] = role["Description"]
    if role.get("MaxSessionDuration"):
        p["MaxSessionDuration"] = role["MaxSessionDuration"]
    if isinstance(role.get("Tags"), list):
        p["Tags"] = plain(role["Tags"])
    return p


_NO_PAB = ("NoSuchPublicAccessBlockConfiguration",)
_NO_POLICY = ("NoSuchBucketPolicy",)
_NO_ENCRYPTION = ("ServerSideEncryptionConfigurationNotFoundError",)


def read_s3(r: Reader, out: list) -> None:
    buckets = []
    for page in r.pages("s3", "ListBuckets", 10000):
        buckets += page.get("Buckets") or []
    for b in buckets:
        name = b.get("Name")
        if not isinstance(name, str):
            continue
        arn = f"arn:aws:s3:::{name}"
        p: dict[str, Any] = {"BucketName": name}
        if b.get("BucketRegion"):
            p["BucketRegion"] = b["BucketRegion"]
        got = r.call("s3", "GetPublicAccessBlock", missing_ok=_NO_PAB, Bucket=name)
        if got is None:
            p["PublicAccessBlockConfiguration"] = Unknown("the public access block could not be read")
        else:
            cfg = got.get("PublicAccessBlockConfiguration") or {}
            p["PublicAccessBlockConfiguration"] = {k: bool(cfg.get(k)) for k in (
                "BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")}
        pol = r.call("s3", "GetBucketPolicy", missing_ok=_NO_POLICY, Bucket=name)
        enc = r.call("s3", "GetBucketEncryption", missing_ok=_NO_ENCRYPTION, Bucket=name)
        if enc is None:
            p["BucketEncryption"] = Unknown("the default encryption could not be read")
        elif enc.get("ServerSideEncryptionConfiguration"):
            rules = (enc["ServerSideEncryptionConfiguration"] or {}).get("Rules") or []
            p["BucketEncryption"] = {"ServerSideEncryptionConfiguration": [
                {("ServerSideEncryptionByDefault" if k == "ApplyServerSideEncryptionByDefault" else k): plain(v)
                 for k, v in rule.items()} for rule in rules if isinstance(rule, dict)]}
        ver = r.call("s3", "GetBucketVersioning", Bucket=name)
        if ver is None:
            p["VersioningConfiguration"] = Unknown("versioning could not be read")
        elif ver.get("Status"):
            p["VersioningConfiguration"] = {"Status": ver["Status"]}
        log = r.call("s3", "GetBucketLogging", Bucket=name)
        # unread logging is left out (the fact layer would count an unknown as configured): the gap says so
        if log is not None and isinstance(log.get("LoggingEnabled"), dict):
            le = log["LoggingEnabled"]
            p["LoggingConfiguration"] = {"DestinationBucketName": le.get("TargetBucket"),
                                         "LogFilePrefix": le.get("TargetPrefix")}
        bucket = make_asset(r.scope, cat.S3_BUCKET, arn, name, p)
        out.append(bucket)
        if pol is None:
            out.append(make_asset(r.scope, cat.S3_BUCKET_POLICY, f"{arn}/policy", f"{name}-policy",
                                  {"Bucket": name, "PolicyDocument": Unknown("the bucket policy could not be read")}))
        elif pol.get("Policy"):
            out.append(make_asset(r.scope, cat.S3_BUCKET_POLICY, f"{arn}/policy", f"{name}-policy",
                                  {"Bucket": name, "PolicyDocument": document(pol["Policy"])}))
