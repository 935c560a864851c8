"""Mapping rows: IAM — project-level bindings, and the resource-level `*_iam_member`,
`*_iam_binding` and `*_iam_policy` resources that Terraform declares apart from their resource.

Project-level bindings (`google_project_iam_member/binding/policy`) stay assets of their own
(`catalog.PROJECT_IAM`: the project is rarely declared, and a binding reaches every resource of
it). Resource-level ones become pseudo assets `<target type>#iam` with the reference to their
target (`target`: a uid, a name, or the `Unknown` of an attribute known after apply) and their
bindings in the IAM policy's shape (`bindings: [{role, members}]`); `fold.py` merges them into
the target's `iamPolicy`, where the Cloud Asset Inventory keeps a resource's policy.

An `*_iam_policy` from `data.google_iam_policy` has bindings the scan cannot read (the data
source is evaluated at plan time): its bindings are `Unknown`, and so are the facts they decide.
"""

from __future__ import annotations

import json
from typing import Any

from aispm.iac.terraform.mapping import Mapped
from aispm.model import Unknown
from aispm.providers.gcp import catalog as cat
from aispm.providers.gcp.terraform.spec import ABSENT, custom, first_of, get

#: Terraform IAM resource prefix → (attributes that name the target, the target's type).
RESOURCE_IAM: dict[str, tuple[tuple[str, ...], str]] = {
    "google_storage_bucket_iam": (("bucket",), cat.BUCKET),
    "google_vertex_ai_endpoint_iam": (("endpoint",), cat.ENDPOINT),
    "google_vertex_ai_featurestore_iam": (("featurestore",), cat.FEATURESTORE),
    "google_vertex_ai_featurestore_entitytype_iam": (("entitytype",), cat.ENTITY_TYPE),
    "google_notebooks_instance_iam": (("instance_name",), cat.NOTEBOOK_INSTANCE),
    "google_notebooks_runtime_iam": (("runtime_name",), cat.NOTEBOOK_RUNTIME),
    "google_workbench_instance_iam": (("name",), cat.NOTEBOOK_INSTANCE),
    "google_cloud_run_service_iam": (("service",), cat.RUN_SERVICE),
    "google_cloud_run_v2_service_iam": (("name",), cat.RUN_SERVICE),
    "google_cloudfunctions_function_iam": (("cloud_function",), cat.FUNCTION),
    "google_cloudfunctions2_function_iam": (("cloud_function",), cat.FUNCTION_V2),
    "google_service_account_iam": (("service_account_id",), cat.SERVICE_ACCOUNT),
    "google_kms_crypto_key_iam": (("crypto_key_id",), cat.CRYPTO_KEY),
    "google_kms_key_ring_iam": (("key_ring_id",), cat.KEY_RING),
}


def bindings_of(body: dict, kind: str) -> Any:
    """The bindings an IAM member / binding / policy resource declares, in the policy's shape."""
    if kind == "member":
        role, member = get(body, "role"), get(body, "member")
        if role is ABSENT or member is ABSENT:
            return Unknown("role or member not set")
        return [{"role": role, "members": [member]}]
    if kind == "binding":
        role, members = get(body, "role"), get(body, "members")
        if role is ABSENT or members is ABSENT:
            return Unknown("role or members not set")
        return [{"role": role, "members": members}]
    data = get(body, "policy_data")
    if isinstance(data, str):
        try:
            data = json.loads(data)
        except ValueError:
            return Unknown("policy_data is not JSON")
    if isinstance(data, dict):
        b = data.get("bindings")
        return b if isinstance(b, list) else Unknown("policy_data has no bindings list")
    return data if isinstance(data, Unknown) else Unknown("policy_data is read at plan time")


def _condition(body: dict) -> Any:
    c = body.get("condition")
    c = c[0] if isinstance(c, list) and c else c
    if isinstance(c, dict):
        return {"title": c.get("title"), "expression": c.get("expression")}
    return None


def _iam_row(tf_type: str, kind: str, attrs: tuple[str, ...] | None, target_type: str | None):
    def transform(body: dict) -> Mapped:
        props: dict[str, Any] = {"bindings": bindings_of(body, kind), "iamResource": kind}
        cond = _condition(body)
        if cond:
            props["condition"] = cond
        if attrs is None:  # project level
            project = get(body, "project")
            props["project"] = Unknown("project not set: the provider's default project") if project is ABSENT \
                else project
            return Mapped(cat.PROJECT_IAM, _label(body, props["project"]), props)
        target = first_of(body, *attrs)
        props["target"] = Unknown(f"{attrs[0]} not set") if target is ABSENT else target
        return Mapped(target_type + cat.IAM_SUFFIX, _label(body, props["target"]), props)

    return custom(tf_type, target_type + cat.IAM_SUFFIX if target_type else cat.PROJECT_IAM, transform,
                  data_source=False, raw_json=frozenset({"policy_data"}))


def _label(body: dict, scope: Any) -> Any:
    role = get(body, "role")
    where = scope if isinstance(scope, str) else "…"
    return f"{role} on {where}" if isinstance(role, str) else f"policy on {where}"


ROWS: list[Any] = [
    *(_iam_row(f"google_project_iam_{k}", k, None, None) for k in ("member", "binding", "policy")),
    *(_iam_row(f"{prefix}_{k}", k, attrs, t) for prefix, (attrs, t) in RESOURCE_IAM.items()
      for k in ("member", "binding", "policy")),
]
