"""Looking AWS assets up by the ways one resource names another.

A property that points at another resource arrives in one of these forms, whichever format
declared it, and `Index.resolve` follows each:

- the referenced asset's **uid** (Terraform `aws_x.y.id`, a source that resolved the reference);
- an `Unknown` whose reason names the referenced address (Terraform `aws_x.y.arn` is known only
  after apply: `Unknown("aws_x.y.arn is known after apply")`; interpolations such as
  `"${aws_s3_bucket.docs.arn}/*"` keep that reason) — resolved by the address, preferring the
  referrer's own file, then its folder;
- `{"address": "<Terraform address>"}`, as the AWS Terraform rows name a split resource's target;
- an `Unknown` naming the referenced uid (CloudFormation: `"${Bucket.Arn}/*"` in a `Fn::Sub` is
  `Unknown("<uid> Arn is known after deploy")`);
- a CloudFormation intrinsic left as written (`{"Ref": "Role"}`, `{"Fn::GetAtt": ["Role", "Arn"]}`,
  `"Role.Arn"`) — resolved by logical id in the referrer's template;
- a **literal ARN** (`arn:aws:iam::123456789012:role/agent`) — matched against the ARN each
  declared asset will have (`arn.asset_arns`), when exactly one matches;
- a **name** (`aws_iam_role.r.name`, `RoleName: agent`, an instance profile's name), when the
  caller says which types it may name and exactly one asset of them has it.

Two candidates are ambiguous and resolve to nothing rather than to the wrong one.
"""

from __future__ import annotations

import posixpath
import re
from typing import Any, Iterable

from aispm.model import Asset, Unknown
from aispm.providers.aws.link import arn as arns

#: `<address>.<attribute> is known after apply` (Terraform), the address with module prefixes and
#: instance keys; also `… is read at plan time` for data sources.
_AFTER_APPLY = re.compile(
    r"^(?P<addr>(?:module\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?\.)*(?:data\.)?[A-Za-z0-9_]+\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?)"
    r"\.(?P<attr>[A-Za-z0-9_]+) is (?:known after apply|read at plan time)")

#: `<uid> <attribute> is known after deploy` (CloudFormation: a reference inside `Fn::Sub` / `Fn::Join`).
_AFTER_DEPLOY = re.compile(r"^(?P<uid>.+) (?P<attr>[A-Za-z0-9.]+) is known after deploy$")


class Index:
    def __init__(self, assets: Iterable[Asset]) -> None:
        self.assets: list[Asset] = []
        self.by_uid: dict[str, Asset] = {}
        self.by_address: dict[str, list[Asset]] = {}
        self.by_logical: dict[tuple[str, str], list[Asset]] = {}  # (file, logical id)
        self.by_type: dict[str, list[Asset]] = {}
        self.by_name: dict[tuple[str, str], list[Asset]] = {}  # (type, name)
        for a in assets:
            self.assets.append(a)
            self.by_uid[a.uid] = a
            self.by_address.setdefault(a.origin.address, []).append(a)
            logical = a.origin.address.rsplit(".", 1)[-1] if a.origin.address.startswith("AWS::") else None
            if logical:
                self.by_logical.setdefault((a.origin.file, logical), []).append(a)
            self.by_type.setdefault(a.type, []).append(a)
            for n in _names(a):
                self.by_name.setdefault((a.type, n), []).append(a)

    def of(self, *types: str) -> list[Asset]:
        out: list[Asset] = []
        for t in types:
            out.extend(self.by_type.get(t, ()))
        return out

    # ------------------------------------------------------------------ resolve
    def resolve(self, ref: Any, near: Asset | None = None, types: tuple[str, ...] = ()) -> Asset | None:
        """The one asset `ref` points at (see the module doc), or None. `types` restricts
        the candidates (and allows plain names of those types)."""
        hits = self.resolve_all(ref, near, types, exact=True)
        return hits[0] if len(hits) == 1 else None

    def resolve_all(self, ref: Any, near: Asset | None = None, types: tuple[str, ...] = (),
                    exact: bool = False) -> list[Asset]:
        """Every asset `ref` may point at: one for a reference, all that a wildcard ARN covers."""
        found = self._resolve(ref, near, types, exact)
        if types:
            found = [a for a in found if a.type in types]
        if near is not None:
            found = [a for a in found if a.uid != near.uid]
        return found

    def _resolve(self, ref: Any, near: Asset | None, types: tuple[str, ...], exact: bool) -> list[Asset]:
        if isinstance(ref, Unknown):
            m = _AFTER_DEPLOY.match(ref.reason)
            if m and m.group("uid") in self.by_uid:
                return [self.by_uid[m.group("uid")]]
            m = _AFTER_APPLY.match(ref.reason)
            return self._closest(self.by_address.get(m.group("addr"), []), near) if m else []
        if isinstance(ref, dict) and len(ref) == 1:
            k, v = next(iter(ref.items()))
            if k == "address" and isinstance(v, str):  # a Terraform address, as the AWS rows name targets
                return self._closest(self.by_address.get(v, []), near)
            if k == "Ref" and isinstance(v, str):
                return self._logical(v, near)
            if k == "Fn::GetAtt":
                if isinstance(v, list) and v and isinstance(v[0], str):
                    return self._logical(v[0], near)
                if isinstance(v, str):
                    return self._logical(v.split(".", 1)[0], near)
            return []
        if not isinstance(ref, str) or not ref:
            return []
        hit = self.by_uid.get(ref)
        if hit is not None:
            return [hit]
        if ref.startswith("arn:"):
            parsed = arns.parse(ref)
            if parsed is None:
                return []
            cands = [a for a in (self.of(*types) if types else self.assets)
                     if any(arns.matches(ref, x) for x in arns.asset_arns(a))]
            if exact:  # a literal ARN names one resource: an asset with an undetermined name is no match
                cands = [a for a in cands if any(arns.UNSET not in x.resource and arns.matches(ref, x)
                                                 for x in arns.asset_arns(a))]
            return cands
        if types:
            out: list[Asset] = []
            for t in types:
                out.extend(self.by_name.get((t, ref), ()))
            return self._closest(out, near)
        return []

    def _logical(self, logical: str, near: Asset | None) -> list[Asset]:
        if near is None:
            return []
        return self.by_logical.get((near.origin.file, logical), [])

    @staticmethod
    def _closest(cands: list[Asset], near: Asset | None) -> list[Asset]:
        if len(cands) <= 1 or near is None:
            return cands
        same = [a for a in cands if a.origin.file == near.origin.file]
        if same:
            return same
        folder = posixpath.dirname(near.origin.file)
        return [a for a in cands if posixpath.dirname(a.origin.file) == folder] or cands


def _names(a: Asset) -> set[str]:
    out = set()
    if isinstance(a.name, str) and a.name:
        out.add(a.name)
    form = arns.ARN_FORMS.get(a.type)
    for p in (form[2] or ()) if form else ():
        v = a.properties.get(p)
        if isinstance(v, str) and v:
            out.add(v)
    for p in ("Name", "InstanceProfileName", "PolicyName", "EndpointConfigName", "ModelName"):
        v = a.properties.get(p)
        if isinstance(v, str) and v:
            out.add(v)
    return out
