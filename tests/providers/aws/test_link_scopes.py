"""IAM grants that cover many resources go through a shared scope asset (`aws-scope`, which
`contains` them): relations grow as roles + resources, not roles × resources, and attack paths
still reach every resource the grant covers, with the grant's data access."""

from __future__ import annotations

from aispm.graph import analyze
from aispm.model import ScanResult
from aispm.providers.aws.link import link, link_assets
from aispm.providers.aws.link.iam import SCOPE, SCOPE_MIN

from test_link_aws import allow, bedrock_estate, function_url, policy, short as short_uid, tf

ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess"
S3_SCOPE = f"{SCOPE}:AWS::S3::Bucket:*"


def short(uid: str) -> str:
    """A declared asset's address; a scope's uid whole."""
    return uid if uid.startswith(SCOPE + ":") else short_uid(uid)


def buckets(n: int, prefix: str = "acme") -> list:
    return [tf("AWS::S3::Bucket", f"aws_s3_bucket.b{i}", BucketName=f"{prefix}-b{i}") for i in range(n)]


def admin(i: int, *statements) -> object:
    return tf("AWS::IAM::Role", f"aws_iam_role.admin{i}", RoleName=f"admin{i}", ManagedPolicyArns=[ADMIN],
              Policies=[{"PolicyName": "own", "PolicyDocument": policy(*statements)}] if statements else [])


def test_fifty_administrators_on_five_hundred_buckets_make_roles_plus_resources_relations():
    roles = [admin(i) for i in range(50)]
    new, relations = link_assets(buckets(500) + roles)
    # one edge per role and bucket would be 50 × 500 (+ 50 × 49 role-on-role edges)
    assert len(relations) <= 2 * len(roles) + 500 + len(roles), len(relations)
    scopes = {a.uid: a for a in new if a.type == SCOPE}
    assert set(scopes) == {S3_SCOPE, f"{SCOPE}:AWS::IAM::Role:*"}
    assert scopes[S3_SCOPE].name == "all S3 buckets of the scan"
    assert scopes[S3_SCOPE].properties["Count"] == 500
    contained = {short(r.target) for r in relations if r.source == S3_SCOPE and r.verb == "contains"}
    assert contained == {f"aws_s3_bucket.b{i}" for i in range(500)}
    on_scope = [dict(r.properties) for r in relations if r.verb == "has_role_on" and r.target == S3_SCOPE]
    assert len(on_scope) == 50
    assert all(p["data_access"] is True and p["privileged"] is True and p["role"] == "* (AdministratorAccess)"
               and p["resources"] == "*" for p in on_scope)
    assert not [r for r in relations if r.verb == "has_role_on" and r.target.endswith(tuple(contained))]


def test_scope_only_from_scope_min_resources():
    role = admin(0)
    below = link_assets(buckets(SCOPE_MIN - 1) + [role])
    assert not below[0] and {short(r.target) for r in below[1] if r.verb == "has_role_on"} == {
        f"aws_s3_bucket.b{i}" for i in range(SCOPE_MIN - 1)}
    at = link_assets(buckets(SCOPE_MIN) + [role])
    assert [a.uid for a in at[0]] == [S3_SCOPE]
    assert {r.target for r in at[1] if r.verb == "has_role_on"} == {S3_SCOPE}


def test_more_allows_share_the_scope_and_keep_a_direct_edge_a_deny_keeps_out():
    plain = admin(0)
    # its own bucket also by name: still in the shared scope, and a direct edge says what it adds
    own = admin(1, allow("s3:GetObject", "arn:aws:s3:::acme-b0/*", Condition={"Bool": {"aws:SecureTransport": "true"}}))
    # a Deny on one bucket: that bucket is not reached, so this role's scope is another one without it
    denied = admin(2, {"Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::acme-b1/*"})
    new, relations = link_assets(buckets(20) + [plain, own, denied])
    role_on = {(short(r.source), r.target) for r in relations if r.verb == "has_role_on"}
    assert ("aws_iam_role.admin0", S3_SCOPE) in role_on and ("aws_iam_role.admin1", S3_SCOPE) in role_on
    assert ("aws_iam_role.admin1", "terraform:main.tf:aws_s3_bucket.b0") in role_on
    narrowed = [t for s, t in role_on if s == "aws_iam_role.admin2" and t.startswith(SCOPE + ":AWS::S3::Bucket")]
    assert len(narrowed) == 1 and narrowed[0] != S3_SCOPE
    inside = {short(r.target) for r in relations if r.source == narrowed[0] and r.verb == "contains"}
    assert inside == {f"aws_s3_bucket.b{i}" for i in range(20)} - {"aws_s3_bucket.b1"}
    assert not [t for s, t in role_on if s == "aws_iam_role.admin2" and t.endswith("aws_s3_bucket.b1")]
    assert len([a for a in new if a.type == SCOPE and a.uid.startswith(SCOPE + ":AWS::S3::Bucket")]) == 2


def test_attack_path_walks_the_scope_to_the_grounding_bucket():
    """Function URL → function → its administrator role → the scope of every S3 bucket → the
    bucket a knowledge base is grounded on: the path is found, says the grant, and breaks at it."""
    assets = bedrock_estate() + function_url() + buckets(SCOPE_MIN, prefix="other")
    fn = next(a for a in assets if a.origin.address == "aws_lambda_function.api")
    fn.properties["Role"] = {"address": "aws_iam_role.admin0"}
    assets.append(admin(0))
    result = ScanResult(targets=["t"], assets=list(assets))
    link(result)
    analyze(result)
    paths = [p for p in result.attack_paths if p.entry == fn.uid and p.target.endswith("aws_s3_bucket.docs")]
    walks = [[(short(s.asset_uid), s.verb) for s in p.steps] for p in paths]
    assert [(short(fn.uid), None), ("aws_iam_role.admin0", "runs_as"), (S3_SCOPE, "has_role_on"),
            ("aws_s3_bucket.docs", "contains")] in walks, walks
    path = paths[walks.index([(short(fn.uid), None), ("aws_iam_role.admin0", "runs_as"),
                              (S3_SCOPE, "has_role_on"), ("aws_s3_bucket.docs", "contains")])]
    assert "AdministratorAccess" in path.title and "all S3 buckets of the scan" in path.title
    assert "permissions" in path.risk_factors and path.status == "confirmed"
    role = next(a for a in result.assets if a.uid.endswith("aws_iam_role.admin0"))
    assert "privileged" in role.insights


def test_a_role_on_a_scope_of_agents_is_used_for_ai():
    agents = [tf("AWS::Bedrock::Agent", f"aws_bedrockagent_agent.a{i}") for i in range(SCOPE_MIN)]
    result = ScanResult(targets=["t"], assets=agents + [admin(0)])
    link(result)
    analyze(result)
    assert {r.target for r in result.relations if r.verb == "has_role_on"} == {f"{SCOPE}:AWS::Bedrock::Agent:*"}
    role = next(a for a in result.assets if a.type == "AWS::IAM::Role")
    assert {"used_for_ai", "privileged"} <= role.insights
