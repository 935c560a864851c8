"""Facts of the data, key, identity, compute and network resources AI uses, from their
CloudFormation properties: Kendra indexes, Comprehend entity recognizers, OpenSearch Serverless
collections, S3 buckets, KMS keys, Secrets Manager secrets, IAM roles, Lambda functions and
URLs, VPC endpoints, security groups and EC2 instances.

Defaults (AWS documentation): a Kendra index's `UserContextPolicy` is `ATTRIBUTE_FILTER`; an S3
bucket created since April 2023 blocks public access (all four settings true) and since January
2023 is encrypted with S3 managed keys (SSE-S3); a KMS key does not rotate; an instance accepts
IMDSv1 unless `HttpTokens: required`. What the fold handed over (`__policies` of a bucket,
`__security_policies` of a collection) is read and removed here.
"""

from __future__ import annotations

from typing import Any

from aispm.model import Asset, Unknown
from aispm.providers.aws.facts.shape import (
    MISSING,
    absent,
    as_list,
    aws_managed_key,
    lookup,
    plain,
    set_bool,
    set_cmk,
    set_present,
    truthy,
)

OPEN_CIDRS = ("0.0.0.0/0", "::/0")


def kendra_index(a: Asset) -> None:
    set_cmk(a, "ServerSideEncryptionConfiguration.KmsKeyId")
    pol = lookup(a.properties, "UserContextPolicy")
    toks = lookup(a.properties, "UserTokenConfigurations")
    if isinstance(pol, Unknown) or isinstance(toks, Unknown):
        a.set_fact("user_access_control", None, "UserContextPolicy", None, "unknown")
    elif pol is MISSING or pol is None:
        a.set_fact("user_access_control", False, "UserContextPolicy", None,
                   "not set; AWS default: ATTRIBUTE_FILTER (no per-user token)")
    else:
        ok = isinstance(pol, str) and pol.upper() == "USER_TOKEN" and bool(as_list(toks))
        a.set_fact("user_access_control", ok, "UserContextPolicy", pol,
                   None if ok else "USER_TOKEN needs a token configuration" if str(pol).upper() == "USER_TOKEN"
                   else None)


def entity_recognizer(a: Asset) -> None:
    set_cmk(a, "ModelKmsKeyId")
    set_cmk(a, "VolumeKmsKeyId", fact="volume_encryption")
    set_present(a, "vpc_attached", "VpcConfig.Subnets", "VpcConfig")


def collection(a: Asset) -> None:
    """From the security policies that name the collection (handed over by the fold): network
    policies decide `public_network_access` (any rule with `AllowFromPublic`), encryption
    policies `customer_managed_key` (`KmsARN` rather than `AWSOwnedKey`)."""
    pols = a.properties.pop("__security_policies", [])
    net = [p for p in pols if isinstance(p, dict) and str(p.get("Type", "")).lower() == "network"]
    enc = [p for p in pols if isinstance(p, dict) and str(p.get("Type", "")).lower() == "encryption"]
    unknown = any(isinstance(p.get("Type"), Unknown) or isinstance(p.get("Policy"), Unknown)
                  for p in pols if isinstance(p, dict))
    if net:
        entries = [e for p in net for e in as_list(p.get("Policy")) if isinstance(e, dict)]
        public = any(truthy(e.get("AllowFromPublic")) is True for e in entries)
        a.set_fact("public_network_access", public or (None if unknown else False), "SecurityPolicy[network]", None,
                   "a network policy allows access from public networks" if public else None)
    else:
        a.set_fact("public_network_access", None, "SecurityPolicy[network]", None,
                   "no network security policy in the scan names the collection")
    if enc:
        docs = [p.get("Policy") for p in enc if isinstance(p.get("Policy"), dict)]
        cmk = any(not absent(d.get("KmsARN")) and not truthy(d.get("AWSOwnedKey")) for d in docs)
        a.set_fact("customer_managed_key", cmk or (None if unknown else False), "SecurityPolicy[encryption]", None,
                   None if cmk else "encrypted with an AWS owned key")
    else:
        a.set_fact("customer_managed_key", None, "SecurityPolicy[encryption]", None,
                   "no encryption security policy in the scan names the collection")


def _statement_public(st: Any) -> tuple[bool, bool]:
    """(reads, writes) for anyone: an Allow to Principal `*` without a Condition."""
    if not isinstance(st, dict) or st.get("Effect") != "Allow" or "Condition" in st:
        return False, False
    pr = st.get("Principal")
    if not (pr == "*" or (isinstance(pr, dict) and "*" in as_list(pr.get("AWS")))):
        return False, False
    acts = [str(x).lower() for x in as_list(st.get("Action"))]
    reads = any(x in ("*", "s3:*", "s3:get*", "s3:getobject", "s3:getobject*") for x in acts)
    writes = any(x in ("*", "s3:*", "s3:put*", "s3:putobject", "s3:deleteobject") for x in acts)
    return reads, writes


def bucket(a: Asset) -> None:
    p = a.properties
    pab = lookup(p, "PublicAccessBlockConfiguration")
    flags = {k: lookup(pab, k) if isinstance(pab, dict) else MISSING
             for k in ("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")}
    if isinstance(pab, Unknown):
        blocked: dict[str, bool | None] = {k: None for k in flags}
    elif pab is MISSING or pab is None:
        blocked = {k: True for k in flags}
    else:  # a setting left out of a declared block is false (the API's default for the field)
        blocked = {k: (None if isinstance(v, Unknown) else bool(truthy(v))) for k, v in flags.items()}
    vals = list(blocked.values())
    a.set_fact("public_access_blocked", False if False in vals else (None if None in vals else True),
               "PublicAccessBlockConfiguration", None,
               "not set; AWS default for buckets created since April 2023: all public access blocked"
               if pab is MISSING or pab is None else None)
    # public access: a public ACL or a bucket policy to anyone, unless blocked
    acl = lookup(p, "AccessControl")
    acl_read = isinstance(acl, str) and acl in ("PublicRead", "PublicReadWrite")
    acl_write = isinstance(acl, str) and acl == "PublicReadWrite"
    pols = p.pop("__policies", None)
    reads = writes = False
    pol_unknown = False
    for doc in as_list(pols):
        if isinstance(doc, Unknown):
            pol_unknown = True
            continue
        sts = doc.get("Statement") if isinstance(doc, dict) else None
        for st in as_list(sts):
            r, w = _statement_public(st)
            reads, writes = reads or r, writes or w
    acl_blocked = blocked["BlockPublicAcls"] or blocked["IgnorePublicAcls"]
    pol_blocked = blocked["BlockPublicPolicy"] or blocked["RestrictPublicBuckets"]

    def exposed(by_acl: bool, by_policy: bool) -> bool | None:
        out: bool | None = False
        for via, block in ((by_acl, acl_blocked), (by_policy, pol_blocked)):
            if via:
                out = True if block is False else (None if block is None and out is not True else out)
        return out

    if pols is not None:  # the facts layer judged the bucket's policies (the linker need not)
        pub = exposed(acl_read, reads)
        a.set_fact("public_access", None if pub is False and pol_unknown else pub, "AccessControl / BucketPolicy",
                   plain(acl), "a bucket policy is not literal" if pol_unknown else None)
        a.set_fact("public_write", exposed(acl_write, writes), "AccessControl / BucketPolicy", plain(acl))
    elif acl_read:
        a.set_fact("public_access", exposed(True, False), "AccessControl", acl)
        a.set_fact("public_write", exposed(acl_write, False), "AccessControl", acl)
    # encryption
    rules = lookup(p, "BucketEncryption.ServerSideEncryptionConfiguration")
    path = "BucketEncryption.ServerSideEncryptionConfiguration"
    if isinstance(rules, Unknown):
        a.set_fact("customer_managed_key", None, path, None, f"unknown: {rules.reason}")
    elif absent(rules):
        a.set_fact("customer_managed_key", False, path, None, "not set; AWS default: SSE-S3 (S3 managed keys)")
    else:
        algs = [lookup(r, "ServerSideEncryptionByDefault.SSEAlgorithm") for r in as_list(rules)]
        keys = [lookup(r, "ServerSideEncryptionByDefault.KMSMasterKeyID") for r in as_list(rules)]
        kms = any(isinstance(x, str) and x.lower().startswith("aws:kms") for x in algs)
        own = any(isinstance(k, Unknown) or (isinstance(k, str) and k and not aws_managed_key(k)) for k in keys)
        a.set_fact("customer_managed_key", kms and own, path, plain(algs[0]) if algs else None,
                   None if kms and own else "SSE-S3 or the AWS managed key aws/s3")
    ver = lookup(p, "VersioningConfiguration.Status")
    a.set_fact("versioning", None if isinstance(ver, Unknown) else (isinstance(ver, str) and ver == "Enabled"),
               "VersioningConfiguration.Status", plain(ver), "not set: versioning off" if ver is MISSING else None)
    set_present(a, "access_logging", "LoggingConfiguration.DestinationBucketName", "server access logging")


def kms_key(a: Asset) -> None:
    set_bool(a, "key_rotation", "EnableKeyRotation", False)


def secret(a: Asset) -> None:
    set_cmk(a, "KmsKeyId")


def _allows_everything(doc: Any) -> bool | None:
    if isinstance(doc, Unknown):
        return None
    sts = doc.get("Statement") if isinstance(doc, dict) else None
    for st in as_list(sts):
        if not isinstance(st, dict) or st.get("Effect") != "Allow":
            continue
        acts = as_list(st.get("Action"))
        if "*" in acts and "*" in as_list(st.get("Resource", "*")):
            return True
    return False


def _trust(a: Asset) -> None:
    """What the trust policy says of the role itself: the AWS services that may assume it
    (`trusted_services`), and whether anyone may (`assumable_by_anyone`: an Allow to
    `Principal: "*"` or `{"AWS": "*"}` without a Condition)."""
    doc = lookup(a.properties, "AssumeRolePolicyDocument")
    path = "AssumeRolePolicyDocument"
    if isinstance(doc, Unknown) or (isinstance(doc, dict) and isinstance(doc.get("Statement"), Unknown)):
        a.set_fact("trusted_services", None, path, None, "trust policy not literal")
        a.set_fact("assumable_by_anyone", None, path, None, "trust policy not literal")
        return
    services: list[str] = []
    anyone = False
    for st in as_list(doc.get("Statement") if isinstance(doc, dict) else None):
        if not isinstance(st, dict) or st.get("Effect") != "Allow":
            continue
        pr = st.get("Principal")
        if isinstance(pr, dict):
            services += [s for s in as_list(pr.get("Service")) if isinstance(s, str)]
            if "*" in as_list(pr.get("AWS")) and "Condition" not in st:
                anyone = True
        elif pr == "*" and "Condition" not in st:
            anyone = True
    a.set_fact("trusted_services", sorted(set(services)), path, None)
    a.set_fact("assumable_by_anyone", anyone, path, None,
               "the trust policy allows any principal without a condition" if anyone else None)


def role(a: Asset) -> None:
    """`admin_access`: an inline policy allows `*` on `*`, or `AdministratorAccess` is attached;
    and what the trust policy says of the role (`_trust`)."""
    _trust(a)
    pols = lookup(a.properties, "Policies")
    arns = lookup(a.properties, "ManagedPolicyArns")
    verdict: bool | None = False
    why = None
    for pol in as_list(pols) if not isinstance(pols, Unknown) else []:
        v = _allows_everything(lookup(pol, "PolicyDocument") if isinstance(pol, dict) else pol)
        if v:
            verdict, why = True, "an inline policy allows Action * on Resource *"
            break
        if v is None:
            verdict = None
    for arn in as_list(arns) if not isinstance(arns, Unknown) else []:
        if isinstance(arn, str) and arn.endswith(":policy/AdministratorAccess"):
            verdict, why = True, "AdministratorAccess is attached"
    if isinstance(pols, Unknown) or isinstance(arns, Unknown):
        verdict = True if verdict else None
    a.set_fact("admin_access", verdict, "Policies / ManagedPolicyArns", None, why)


def lambda_function(a: Asset) -> None:
    set_present(a, "vpc_attached", "VpcConfig.SubnetIds", "VpcConfig")
    set_cmk(a, "KmsKeyArn")


def lambda_url(a: Asset) -> None:
    t = lookup(a.properties, "AuthType")
    if isinstance(t, Unknown) or t is MISSING:
        a.set_fact("user_authentication", None, "AuthType", None, "AuthType not known")
    else:
        a.set_fact("user_authentication", str(t).upper() != "NONE", "AuthType", t)


def vpc_endpoint(a: Asset) -> None:
    t = lookup(a.properties, "VpcEndpointType")
    a.set_fact("interface_endpoint", None if isinstance(t, Unknown) else (isinstance(t, str) and t == "Interface"),
               "VpcEndpointType", plain(t), "not set; AWS default: Gateway" if t is MISSING else None)


def security_group(a: Asset) -> None:
    rules = lookup(a.properties, "SecurityGroupIngress")
    if isinstance(rules, Unknown):
        a.set_fact("open_to_internet", None, "SecurityGroupIngress", None, f"unknown: {rules.reason}")
        return
    rs = [r for r in as_list(rules) if isinstance(r, dict)]
    unknown = any(isinstance(r.get("CidrIp"), Unknown) or isinstance(r.get("CidrIpv6"), Unknown) for r in rs)
    open_ = any(r.get("CidrIp") in OPEN_CIDRS or r.get("CidrIpv6") in OPEN_CIDRS for r in rs)
    a.set_fact("open_to_internet", open_ or (None if unknown else False), "SecurityGroupIngress", None)


def instance(a: Asset) -> None:
    tokens = lookup(a.properties, "MetadataOptions.HttpTokens")
    if isinstance(tokens, Unknown):
        a.set_fact("imds_v2", None, "MetadataOptions.HttpTokens", None, f"unknown: {tokens.reason}")
    else:
        a.set_fact("imds_v2", isinstance(tokens, str) and tokens == "required", "MetadataOptions.HttpTokens",
                   plain(tokens), "not set; AWS default: optional (IMDSv1 accepted) unless the AMI says otherwise"
                   if tokens is MISSING else None)
    nics = lookup(a.properties, "NetworkInterfaces")
    pub = [truthy(lookup(n, "AssociatePublicIpAddress")) for n in as_list(nics) if isinstance(n, dict)]
    a.set_fact("public_ip", True if True in pub else (False if pub and all(x is False for x in pub) else None),
               "NetworkInterfaces[].AssociatePublicIpAddress", None,
               None if pub else "decided by the subnet (MapPublicIpOnLaunch)")
    maps = lookup(a.properties, "BlockDeviceMappings")
    enc = [truthy(lookup(m, "Ebs.Encrypted")) for m in as_list(maps) if isinstance(m, dict)]
    a.set_fact("volume_encryption", (False if False in enc else True) if enc and None not in enc else None,
               "BlockDeviceMappings[].Ebs.Encrypted", None,
               None if enc else "decided by the account's default EBS encryption")
