"""Cloud Asset Inventory records → GCP assets: the one transform the live collector and the snapshot
source share, so that a live scan and a scan of its snapshot give the same report.

A record is one Cloud Asset Inventory asset as a dict, in either spelling the API speaks: the REST
`ListAssets` answer (`assetType`, `iamPolicy`, camelCase) or the `gcloud asset export` / Python
`MessageToDict(preserving_proto_field_name=True)` lines (`asset_type`, `iam_policy`). A resource
and its IAM policy may come in two records (the RESOURCE and IAM_POLICY content types are read, or
exported, apart); they are joined by the asset's full resource name.

What an asset becomes: `type` = the asset type, `properties` = `resource.data` (the REST
representation the Terraform rows also produce) with the policy where the Terraform fold puts it
(`iamPolicy.bindings`; `Unknown` when the policies of the asset's project were not read — a project
always has a policy of its own, so its absence says the IAM_POLICY read failed or was not exported),
plus `project` and `location` when the body does not say them (the
Terraform rows put both at the top; the linker matches project-level bindings by `project`).
A project's own policy also becomes a `cloudresourcemanager.googleapis.com/Project#iam` asset, as
`google_project_iam_*` does, so the linker spreads its bindings to the project's resources.
An index endpoint's `deployedIndexes` become deployed-index assets (Terraform declares them apart).

uid `live:gcp:<full resource name>`, `cloud_id` the full resource name, origin file `gcp://<project
id>`, line 0, format `live`. Records that are not assets (no name or type) are counted, not kept.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from aispm.model import Asset, Origin, Unknown
from aispm.providers.gcp import catalog as cat

LIVE_FORMAT = "live"
_PROJECT_IN_NAME = re.compile(r"/projects/([^/]+)")


def _get(record: dict, snake: str, camel: str) -> Any:
    v = record.get(snake)
    return record.get(camel) if v is None else v


@dataclass
class Records:
    """Records joined by full resource name: each asset's type, resource and IAM policy."""

    by_name: dict[str, dict[str, Any]] = field(default_factory=dict)
    skipped: int = 0

    def add(self, record: Any) -> None:
        if not isinstance(record, dict):
            self.skipped += 1
            return
        name, atype = record.get("name"), _get(record, "asset_type", "assetType")
        if not isinstance(name, str) or not name.startswith("//") or not isinstance(atype, str):
            self.skipped += 1
            return
        entry = self.by_name.setdefault(name, {"name": name, "type": atype})
        resource = record.get("resource")
        if isinstance(resource, dict):
            entry["resource"] = resource
        policy = _get(record, "iam_policy", "iamPolicy")
        if isinstance(policy, dict):
            entry["iam_policy"] = policy
        ancestors = record.get("ancestors")
        if isinstance(ancestors, list):
            entry["ancestors"] = [a for a in ancestors if isinstance(a, str)]

    def extend(self, records: Iterable[Any]) -> None:
        for r in records:
            self.add(r)


def _project_ids(entries: Iterable[dict]) -> dict[str, str]:
    """Project number → project id, from the project assets read (Vertex AI names carry numbers)."""
    out: dict[str, str] = {}
    for e in entries:
        if e["type"] != cat.PROJECT:
            continue
        data = (e.get("resource") or {}).get("data")
        if isinstance(data, dict) and isinstance(data.get("projectId"), str):
            number = data.get("projectNumber")
            if isinstance(number, (str, int, float)) and str(number).split(".")[0].isdigit():
                out[str(number).split(".")[0]] = data["projectId"]
            out[e["name"].rsplit("/", 1)[-1]] = data["projectId"]
    return out


def project_of(entry: dict, ids: dict[str, str]) -> str | None:
    """The project id an asset belongs to: from its name, else its ancestors (numbers mapped to ids)."""
    if entry["type"] == cat.PROJECT:
        data = (entry.get("resource") or {}).get("data")
        if isinstance(data, dict) and isinstance(data.get("projectId"), str):
            return data["projectId"]
    m = _PROJECT_IN_NAME.search(entry["name"])
    seg = m.group(1) if m else None
    if seg is None:
        seg = next((a.split("/", 1)[1] for a in entry.get("ancestors", []) if a.startswith("projects/")), None)
    if seg is None:
        return None
    return ids.get(seg, seg)


def _short_name(entry: dict, data: dict) -> str:
    if entry["type"] == cat.SERVICE_ACCOUNT and isinstance(data.get("email"), str):
        return data["email"].split("@", 1)[0]  # the account id, as Terraform names it
    if entry["type"] == cat.PROJECT and isinstance(data.get("projectId"), str):
        return data["projectId"]
    return entry["name"].rstrip("/").rsplit("/", 1)[-1]


def uid_of(full_name: str) -> str:
    return f"live:gcp:{full_name}"


def to_assets(records: Records) -> list[Asset]:
    """The assets of the joined records, in a stable order (by full resource name)."""
    entries = [records.by_name[k] for k in sorted(records.by_name)]
    ids = _project_ids(entries)
    policies_read = {project_of(e, ids) for e in entries if e["type"] == cat.PROJECT and "iam_policy" in e}
    accounts: dict[str, str] = {}  # email / unique id / account name → the account's uid
    out: list[Asset] = []
    for e in entries:
        resource = e.get("resource") or {}
        data = resource.get("data") if isinstance(resource.get("data"), dict) else {}
        props: dict[str, Any] = copy.deepcopy(data)
        project = project_of(e, ids)
        if project is not None and "project" not in props:
            props["project"] = project
        location = resource.get("location")
        if isinstance(location, str) and location and "location" not in props:
            props["location"] = location
        policy = e.get("iam_policy")
        if isinstance(policy, dict):
            bindings = policy.get("bindings")
            props["iamPolicy"] = {"bindings": [b for b in bindings if isinstance(b, dict)]
                                  if isinstance(bindings, list) else []}
        elif project is not None and project not in policies_read:
            # no policy record may mean "no policy" or "not read": only a project whose own policy was
            # read (every project has one) says which; otherwise what IAM decides stays unknown
            props["iamPolicy"] = Unknown(f"the IAM policies of project {project} were not read")
        scope = f"gcp://{project}" if project else "gcp://"
        asset = Asset(uid=uid_of(e["name"]), provider="gcp", type=e["type"], name=_short_name(e, data),
                      origin=Origin(scope, 0, e["name"], format=LIVE_FORMAT), properties=props,
                      kind=cat.kind_of(e["type"]), cloud_id=e["name"])
        out.append(asset)
        if e["type"] == cat.SERVICE_ACCOUNT:
            for key in (data.get("email"), data.get("uniqueId"), e["name"].rsplit("/", 1)[-1]):
                if isinstance(key, str):
                    accounts[key.lower()] = asset.uid
        if e["type"] == cat.PROJECT and isinstance(policy, dict) and project:
            out.append(_project_iam(asset, project, props["iamPolicy"]["bindings"]))
        if e["type"] == cat.INDEX_ENDPOINT:
            out.extend(_deployed_indexes(asset, data))
    for a in out:
        if a.type == cat.SERVICE_ACCOUNT_KEY:
            _key_parent(a, accounts)
    return out


def _project_iam(project: Asset, project_id: str, bindings: list) -> Asset:
    """A project's policy as the asset `google_project_iam_policy` would be."""
    return Asset(uid=project.uid + "#iam", provider="gcp", type=cat.PROJECT_IAM, name=project_id,
                 origin=Origin(project.origin.file, 0, project.origin.address + "#iam", format=LIVE_FORMAT),
                 properties={"project": project_id, "bindings": copy.deepcopy(bindings), "iamResource": "policy"},
                 kind=cat.kind_of(cat.PROJECT_IAM), parent=project.uid)


def _deployed_indexes(endpoint: Asset, data: dict) -> list[Asset]:
    out = []
    deployed = data.get("deployedIndexes")
    for d in deployed if isinstance(deployed, list) else ():
        if not isinstance(d, dict) or not isinstance(d.get("id"), str):
            continue
        address = f"{endpoint.origin.address}/deployedIndexes/{d['id']}"
        props = {**copy.deepcopy(d), "indexEndpoint": endpoint.uid}
        out.append(Asset(uid=uid_of(address), provider="gcp", type=cat.DEPLOYED_INDEX, name=d["id"],
                         origin=Origin(endpoint.origin.file, 0, address, format=LIVE_FORMAT), properties=props,
                         kind=cat.kind_of(cat.DEPLOYED_INDEX), parent=endpoint.uid, cloud_id=address))
    return out


def _key_parent(key: Asset, accounts: dict[str, str]) -> None:
    """A key's account: the segment after `serviceAccounts/` of its name (an email or unique id)."""
    m = re.search(r"/serviceAccounts/([^/]+)/keys/", key.origin.address)
    if m is None:
        return
    sa = m.group(1)
    key.properties.setdefault("serviceAccount", sa)
    key.parent = accounts.get(sa.lower())
