"""The account-wide services, read once per target: IAM and S3.

IAM: one paginated `GetAccountAuthorizationDetails` (filters `Role`, `User` and
`LocalManagedPolicy`) answers every role with its trust policy, inline policy documents, attached
managed policies and instance profiles, every user with its inline and attached policies, and
every customer managed policy with its versions — instead of four calls a role or user. Roles
become `AWS::IAM::Role` (`AssumeRolePolicyDocument`, `Policies`, `ManagedPolicyArns`), users
`AWS::IAM::User` (`Policies`, `ManagedPolicyArns`), customer managed policies
`AWS::IAM::ManagedPolicy` (the default version's document) and instance profiles
`AWS::IAM::InstanceProfile` (`Roles` by name), as CloudFormation declares them. Service-linked
roles (`/aws-service-role/`) are kept: they are identities AI services act as. Then
`ListAccessKeys` per user: each long-lived key is an `AWS::IAM::AccessKey` (`UserName`, `Status`;
the key id and its age, never a secret — the API has none to give), which the linker joins to its
user (`holds_key_for`), so a key's user's Bedrock or SageMaker permissions are in the graph.

S3: the account's public access block (`s3control` GetPublicAccessBlock), ListBuckets, then per bucket GetPublicAccessBlock, GetBucketPolicy, GetBucketEncryption,
GetBucketVersioning and GetBucketLogging. "Not configured" answers
(`NoSuchPublicAccessBlockConfiguration`, `NoSuchBucketPolicy`,
`ServerSideEncryptionConfigurationNotFoundError`) are answers, not gaps. A live bucket without
a public access block has none (all four settings false) — unlike a template that leaves it
out, which gets the block AWS applies to new buckets. The account-level block applies to every
bucket: each of its four settings that is on is on for every bucket (S3 enforces the stricter of
the two), so a bucket's `PublicAccessBlockConfiguration` is the bucket's and the account's settings
or-ed; an account block that could not be read leaves each setting the bucket has off `Unknown`.
A setting that could not be read is `Unknown`, so its facts stay unknown. The bucket policy is an `AWS::S3::BucketPolicy` asset,
which the fold hands to the bucket's facts as it does for IaC. Object data is never read.
"""

from __future__ import annotations

from typing import Any

from aispm.model import Unknown
from aispm.providers.aws import catalog as cat
from aispm.providers.aws.live.calls import Reader, items
from aispm.providers.aws.live.record import key_shown
from aispm.providers.aws.live.shape import document, iso, make_asset, plain

IAM_PAGE = 1000


def read_iam(r: Reader, out: list) -> None:
    profiles: dict[str, dict] = {}
    users: list[tuple[str, str]] = []
    for page in r.pages("iam", "GetAccountAuthorizationDetails", IAM_PAGE,
                        Filter=["Role", "User", "LocalManagedPolicy"]):
        for user in page.get("UserDetailList") or []:
            out.append(make_asset(r.scope, cat.IAM_USER, user.get("Arn", ""), user.get("UserName"),
                                  user_properties(user)))
            if isinstance(user.get("UserName"), str):
                users.append((user["UserName"], user.get("Arn", "")))
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
    for name, user_arn in users:
        for k in items(r.pages("iam", "ListAccessKeys", IAM_PAGE, UserName=name), "AccessKeyMetadata"):
            out.append(access_key(r.scope, user_arn, k))


def user_properties(user: dict) -> dict:
    """A `UserDetailList` entry as `AWS::IAM::User` properties."""
    p: dict[str, Any] = {"UserName": user.get("UserName"), "Path": user.get("Path"),
                         "Policies": [{"PolicyName": x.get("PolicyName"), "PolicyDocument": document(x.get("PolicyDocument"))}
                                      for x in user.get("UserPolicyList") or []],
                         "ManagedPolicyArns": [x.get("PolicyArn") for x in user.get("AttachedManagedPolicies") or []],
                         "Groups": list(user.get("GroupList") or [])}
    if user.get("PermissionsBoundary"):
        p["PermissionsBoundary"] = (user["PermissionsBoundary"] or {}).get("PermissionsBoundaryArn")
    if isinstance(user.get("Tags"), list):
        p["Tags"] = plain(user["Tags"])
    return p


def access_key(scope: str, user_arn: str, k: dict):
    """One `ListAccessKeys` entry as an `AWS::IAM::AccessKey` asset, named by its id as the console
    shows it (`AKIA…GRGD`, also in a snapshot: `record.key_shown`); the API answers no secret."""
    kid = key_shown(k.get("AccessKeyId"))
    p = {"UserName": k.get("UserName"), "Status": k.get("Status"), "CreateDate": iso(k.get("CreateDate"))}
    return make_asset(scope, cat.IAM_ACCESS_KEY, f"{user_arn}/access-key/{kid}", f"{k.get('UserName')}/{kid}", p)


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
PAB_KEYS = ("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")


def account_block(r: Reader) -> dict[str, Any]:
    """The account-level public access block: each setting True / False, or Unknown when unread."""
    got = r.call("s3control", "GetPublicAccessBlock", missing_ok=_NO_PAB, AccountId=r.account) \
        if r.account else None
    if got is None:
        return {k: Unknown("the account's public access block could not be read") for k in PAB_KEYS}
    cfg = got.get("PublicAccessBlockConfiguration") or {}
    return {k: bool(cfg.get(k)) for k in PAB_KEYS}


def stricter(bucket: dict[str, Any], account: dict[str, Any]) -> dict[str, Any]:
    """A bucket's effective public access block: a setting is on when the bucket or the account
    turns it on, off when both are off, unknown otherwise."""
    out: dict[str, Any] = {}
    for k in PAB_KEYS:
        b, a = bucket.get(k), account.get(k)
        out[k] = True if b is True or a is True else (
            b if isinstance(b, Unknown) else a if isinstance(a, Unknown) else False)
    return out


def read_s3(r: Reader, out: list) -> None:
    acct = account_block(r)
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
            p["PublicAccessBlockConfiguration"] = stricter({k: bool(cfg.get(k)) for k in PAB_KEYS}, acct)
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
