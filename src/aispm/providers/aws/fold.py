"""Folding: what Terraform declares on several resources, put where CloudFormation keeps it —
once, before facts.

The AWS provider's `folds` entry: it runs on every asset of the scan after all sources have read
their files and before any fact is derived, so that each fact is derived once, from one shape,
whatever declared the resource.

Into the target's properties (the pseudo assets are dropped: they were never resources of their
own in CloudFormation):
- an S3 bucket's public access block, default encryption, versioning and logging
  (`catalog.S3_PUBLIC_ACCESS_BLOCK`, ...) → `PublicAccessBlockConfiguration`, `BucketEncryption`,
  `VersioningConfiguration`, `LoggingConfiguration`;
- an IAM role's or user's inline policies and managed policy attachments → `Policies`,
  `ManagedPolicyArns`;
- a Bedrock agent's action groups and knowledge-base associations → `ActionGroups`,
  `KnowledgeBases`.
A split resource whose target the scan does not declare is dropped as well (there is nothing to
judge it on), and so is one whose reference is unknown.

The folder and archive of a Terraform `archive_file` (a `code-project`) are made relative to the
scanned target.

Hand-offs to the facts layer (keys starting `__`, which the facts layer reads and removes): the
documents of every `AWS::S3::BucketPolicy` on a bucket (`__policies`), and the OpenSearch
Serverless security policies whose rules name a collection (`__security_policies`), whatever
format declared them. Children that name their parent (`__parent`: an agent alias its agent, a
data source its knowledge base) get it as `parent`.

A target is named by its uid (a Terraform reference to `.id`), by a Terraform address (a
reference to a computed attribute: `{"address": "aws_bedrockagent_agent.a"}`), or by a literal
name or ARN, matched against the names of the scan's assets of the target's type.
"""

from __future__ import annotations

import copy
import fnmatch
import json
from typing import Any

from aispm.model import Asset, Unknown
from aispm.providers.aws import catalog as cat

#: pseudo type → (target type, how it merges: a property path to deep-merge, or a list to append to).
_MERGES: dict[str, tuple[str, str, str | None]] = {
    cat.S3_PUBLIC_ACCESS_BLOCK: (cat.S3_BUCKET, "merge", None),
    cat.S3_ENCRYPTION: (cat.S3_BUCKET, "merge", None),
    cat.S3_VERSIONING: (cat.S3_BUCKET, "merge", None),
    cat.S3_LOGGING: (cat.S3_BUCKET, "merge", None),
    cat.IAM_ROLE_POLICY: (cat.IAM_ROLE, "append", "Policies"),
    cat.IAM_ROLE_ATTACHMENT: (cat.IAM_ROLE, "append", "ManagedPolicyArns"),
    cat.IAM_USER_POLICY: (cat.IAM_USER, "append", "Policies"),
    cat.IAM_USER_ATTACHMENT: (cat.IAM_USER, "append", "ManagedPolicyArns"),
    cat.BEDROCK_ACTION_GROUP: (cat.BEDROCK_AGENT, "append", "ActionGroups"),
    cat.BEDROCK_AGENT_KB: (cat.BEDROCK_AGENT, "append", "KnowledgeBases"),
}


#: Properties that hold a resource's own name, by which a literal reference names it (an asset's
#: name may be a CloudFormation logical id).
_NAME_PROPERTIES = ("BucketName", "RoleName", "UserName", "FunctionName", "AgentName", "Name", "DomainName")


class _Index:
    """The scan's AWS assets by uid, by Terraform address and by type and name."""

    def __init__(self, assets: list[Asset]) -> None:
        self.by_uid = {a.uid: a for a in assets}
        self.by_address: dict[str, list[Asset]] = {}
        self.by_name: dict[tuple[str, str], list[Asset]] = {}
        for a in assets:
            if a.origin.address:
                self.by_address.setdefault(a.origin.address, []).append(a)
            names = {a.name} | {a.properties.get(k) for k in _NAME_PROPERTIES}
            for n in names:
                if isinstance(n, str):
                    self.by_name.setdefault((a.type.lower(), n), []).append(a)

    def find(self, ref: Any, near: Asset, types: tuple[str, ...] | None) -> Asset | None:
        """The asset `ref` names (of one of `types` when given), preferring one declared in the
        same file as `near`; None when it names none (or is unknown)."""
        if isinstance(ref, Unknown) or ref is None:
            return None
        found: list[Asset] = []
        if isinstance(ref, dict) and isinstance(ref.get("address"), str):
            found = self.by_address.get(ref["address"], [])
        elif isinstance(ref, str):
            if ref in self.by_uid:
                found = [self.by_uid[ref]]
            elif types:
                name = _name_in(ref)
                for t in types:
                    found = found + self.by_name.get((t.lower(), name), [])
        if types:
            low = {t.lower() for t in types}
            found = [a for a in found if a.type.lower() in low]
        if not found:
            return None
        same = [a for a in found if a.origin.file == near.origin.file]
        return (same or found)[0]


def _name_in(ref: str) -> str:
    """A resource's name in an ARN (`arn:aws:iam::1:role/path/name` → `name`), or the name itself."""
    if ref.startswith("arn:"):
        tail = ref.split(":", 5)[-1]
        return tail.rsplit("/", 1)[-1]
    return ref


def fold(assets: list[Asset]) -> None:
    """Fold the AWS assets of a scan in place (pseudo assets are removed from `assets`)."""
    _archive_paths(assets)
    aws = [a for a in assets if a.provider == "aws"]
    if not aws:
        return
    index = _Index([a for a in aws if a.type not in cat.PSEUDO_TYPES])
    dropped: set[int] = set()
    for a in aws:
        spec = _MERGES.get(a.type)
        if spec is None:
            continue
        dropped.add(id(a))
        target_type, how, key = spec
        t = index.find(a.properties.get("__target"), a, (target_type,))
        if t is not None and not t.existing:
            _merge(t, a.properties, how, key)
    if dropped:
        assets[:] = [a for a in assets if id(a) not in dropped]
        aws = [a for a in aws if id(a) not in dropped]
    for a in aws:
        if "__parent" in a.properties:
            p = index.find(a.properties.pop("__parent"), a, None)
            if p is not None and p is not a:
                a.parent = p.uid
    _bucket_policies(aws, index)
    _collection_policies(aws)


def _archive_paths(assets: list[Asset]) -> None:
    """The folder and archive of each `archive_file` (`terraform/rows_code.py`), relative to the
    scanned target as every other path of a scan is (None when it leaves it)."""
    from aispm.providers.aws.link.code import local_path

    for a in assets:
        if a.type == "code-project" and a.properties.get("packaged_by") == "archive_file" and \
                a.origin.format == "terraform":
            for k in ("project", "archive"):
                if isinstance(a.properties.get(k), str):
                    a.properties[k] = local_path(a.properties[k], a.origin.file)


def _merge(target: Asset, props: dict, how: str, key: str | None) -> None:
    body = target.properties
    if how == "append":
        item = props.get("Item")
        if item is None:
            return
        cur = body.get(key)
        if isinstance(cur, Unknown):
            return  # the target's own list is unknown: it stays so
        body[key] = [*(cur if isinstance(cur, list) else []), copy.deepcopy(item)]
        return
    for k, v in props.items():
        if k.startswith("__"):
            continue
        if isinstance(v, dict) and isinstance(body.get(k), dict):
            body[k].update(copy.deepcopy(v))
        else:
            body[k] = copy.deepcopy(v)


def _bucket_policies(aws: list[Asset], index: _Index) -> None:
    for pol in aws:
        if pol.type != cat.S3_BUCKET_POLICY:
            continue
        bucket = index.find(pol.properties.get("Bucket"), pol, (cat.S3_BUCKET,))
        if bucket is None:
            continue
        doc = pol.properties.get("PolicyDocument")
        bucket.properties.setdefault("__policies", [])
        if isinstance(bucket.properties["__policies"], list):
            bucket.properties["__policies"].append(_document(doc))


def _document(doc: Any) -> Any:
    if isinstance(doc, str):
        try:
            return json.loads(doc)
        except ValueError:
            return Unknown("policy document is not JSON")
    return doc


def _collection_policies(aws: list[Asset]) -> None:
    """Each OpenSearch Serverless security policy, to every collection one of its rules names
    (`collection/<name pattern>`). A policy that is not literal is handed to every collection:
    it may name any of them, so their facts become unknown rather than wrong."""
    collections = [a for a in aws if a.type == cat.AOSS_COLLECTION]
    if not collections:
        return
    for pol in aws:
        if pol.type != cat.AOSS_SECURITY_POLICY:
            continue
        ptype = pol.properties.get("Type")
        doc = _document(pol.properties.get("Policy"))
        for c in collections:
            if isinstance(doc, Unknown) or isinstance(ptype, Unknown) or _names(doc, c.name):
                c.properties.setdefault("__security_policies", [])
                if isinstance(c.properties["__security_policies"], list):
                    c.properties["__security_policies"].append({"Type": ptype, "Policy": doc})


def _names(doc: Any, name: Any) -> bool:
    """Whether a security policy's rules name collection `name` (patterns with `*`)."""
    if not isinstance(name, str):
        return False
    entries = doc if isinstance(doc, list) else [doc]
    for e in entries:
        rules = e.get("Rules") if isinstance(e, dict) else None
        for r in rules if isinstance(rules, list) else []:
            if not isinstance(r, dict) or str(r.get("ResourceType", "")).lower() != "collection":
                continue
            res = r.get("Resource")
            for pattern in res if isinstance(res, list) else [res]:
                if isinstance(pattern, str) and pattern.lower().startswith("collection/") and \
                        fnmatch.fnmatchcase(name, pattern.split("/", 1)[1]):
                    return True
    return False
