"""Mapping rows: what Vertex AI runs on and reads — Cloud Run (v1 and v2), Cloud Functions (1st
and 2nd gen), Cloud Storage, Cloud KMS, service accounts and their keys, Compute Engine instances —
in their REST shape (`spec.py`).

Names that Google derives (a service account's email `<account_id>@<project>.iam.gserviceaccount.com`)
are written when the input determines them, so that a binding or an instance that names the
email literally is joined to the declared account. Environment variables keep their names; a
value that looks like a secret is replaced by an `Unknown` (it is never stored).
"""

from __future__ import annotations

from typing import Any

from aispm.iac.terraform.mapping import KeyOutput, Mapped, TerraformProvider
from aispm.model import Asset, Kind, Unknown
from aispm.providers.gcp import catalog as cat
from aispm.providers.gcp.terraform.spec import (
    ABSENT,
    Block,
    Each,
    Rename,
    as_bool,
    custom,
    get,
    name_from,
    parent_uid,
    put_path,
    resource,
)


def _env(v: Any) -> Any:
    """`{NAME = value}` or `env { name, value }` blocks → REST `[{name, value}]`, secrets withheld."""
    from aispm.formats.secrets import find_secrets, secret_name  # the one secret detector

    items: list[tuple[Any, Any]] = []
    if isinstance(v, dict):
        items = list(v.items())
    elif isinstance(v, list):
        items = [(e.get("name"), e.get("value")) for e in v if isinstance(e, dict)]
    else:
        return v
    out = []
    for name, value in items:
        if isinstance(value, str) and value.strip() and (secret_name(name) or find_secrets(value)):
            out.append({"name": name, "value": Unknown("literal secret"), "hasLiteralSecret": True})
        else:
            out.append({"name": name, "value": value})
    return out


def _one_to_one(body: dict, out: dict) -> None:
    out["type"] = "ONE_TO_ONE_NAT"  # an access config is an external IP (ephemeral when no nat_ip)


_RUN_V1_CONTAINER = (Rename("image", "image"), Rename("env", "env", _env))
_RUN_V2_CONTAINER = (Rename("image", "image"), Rename("env", "env", _env))


def _sa_email(body: dict, out: dict) -> None:
    acct, project = get(body, "account_id"), get(body, "project")
    if isinstance(acct, str) and isinstance(project, str):
        out["email"] = f"{acct}@{project}.iam.gserviceaccount.com"
    elif isinstance(acct, str):
        out["email"] = Unknown(f"email of service account {acct}: project not set", shown=f"{acct}@…")


def _sa_key(body: dict) -> Mapped:
    sa = get(body, "service_account_id")
    props: dict[str, Any] = {"keyType": "USER_MANAGED"}  # keys Terraform creates are user-managed
    put_path(props, "keyAlgorithm", get(body, "key_algorithm"))
    put_path(props, "privateKeyType", get(body, "private_key_type"))
    put_path(props, "serviceAccount", sa)
    return Mapped(cat.SERVICE_ACCOUNT_KEY, Unknown("key id is known after apply"), props,
                  parent_uid(sa))


def _ingress_v1(body: dict, out: dict) -> None:
    md = body.get("metadata")
    md = md[0] if isinstance(md, list) and md else md
    ann = md.get("annotations") if isinstance(md, dict) else None
    if isinstance(ann, dict) and "run.googleapis.com/ingress" in ann:
        put_path(out, "metadata.annotations", {"run.googleapis.com/ingress": ann["run.googleapis.com/ingress"]})
    elif isinstance(ann, Unknown):
        put_path(out, "metadata.annotations", ann)


PLATFORM: list[Any] = [
    resource("google_cloud_run_service", cat.RUN_SERVICE,
             _ingress_v1,
             Block("template", "spec.template", (
                 Block("spec", "spec", (
                     Rename("service_account_name", "serviceAccountName"),
                     Each("containers", "containers", _RUN_V1_CONTAINER),
                 )),
             ))),
    resource("google_cloud_run_v2_service", cat.RUN_SERVICE,
             Rename("ingress", "ingress"),
             Rename("invoker_iam_disabled", "invokerIamDisabled", as_bool),
             Block("template", "template", (
                 Rename("service_account", "serviceAccount"),
                 Each("containers", "containers", _RUN_V2_CONTAINER),
                 Block("vpc_access", "vpcAccess", (Rename("connector", "connector"), Rename("egress", "egress"))),
             ))),
    resource("google_cloudfunctions_function", cat.FUNCTION,
             Rename("runtime", "runtime"), Rename("service_account_email", "serviceAccountEmail"),
             Rename("ingress_settings", "ingressSettings"), Rename("vpc_connector", "vpcConnector"),
             Rename("trigger_http", "httpsTrigger", lambda v: {} if v is True else Unknown("trigger_http") if
                    isinstance(v, Unknown) else ABSENT),
             Rename("environment_variables", "environmentVariables", _env)),
    resource("google_cloudfunctions2_function", cat.FUNCTION_V2,
             Block("build_config", "buildConfig", (Rename("runtime", "runtime"), Rename("entry_point", "entryPoint"))),
             Block("service_config", "serviceConfig", (
                 Rename("service_account_email", "serviceAccountEmail"),
                 Rename("ingress_settings", "ingressSettings"),
                 Rename("vpc_connector", "vpcConnector"),
                 Rename("environment_variables", "environmentVariables", _env),
             ))),
    resource("google_storage_bucket", cat.BUCKET,
             Rename("uniform_bucket_level_access", "iamConfiguration.uniformBucketLevelAccess.enabled", as_bool),
             Rename("public_access_prevention", "iamConfiguration.publicAccessPrevention"),
             Block("encryption", "encryption", (Rename("default_kms_key_name", "defaultKmsKeyName"),)),
             Block("versioning", "versioning", (Rename("enabled", "enabled", as_bool),)),
             Block("logging", "logging", (Rename("log_bucket", "logBucket"),))),
    resource("google_kms_key_ring", cat.KEY_RING),
    resource("google_kms_crypto_key", cat.CRYPTO_KEY,
             Rename("rotation_period", "rotationPeriod"), Rename("purpose", "purpose"),
             Rename("key_ring", "keyRing"), parent="key_ring"),
    resource("google_service_account", cat.SERVICE_ACCOUNT,
             Rename("account_id", "accountId"), Rename("display_name", "displayName"),
             Rename("disabled", "disabled", as_bool), _sa_email,
             name=name_from("account_id", "display_name")),
    custom("google_service_account_key", cat.SERVICE_ACCOUNT_KEY, _sa_key, data_source=False),
    resource("google_compute_instance", cat.INSTANCE,
             Rename("machine_type", "machineType"),
             Each("network_interface", "networkInterfaces", (
                 Rename("network", "network"), Rename("subnetwork", "subnetwork"),
                 Each("access_config", "accessConfigs", (Rename("nat_ip", "natIP"), _one_to_one)),
             ), dynamic="network interface"),
             Each("service_account", "serviceAccounts", (Rename("email", "email"), Rename("scopes", "scopes"))),
             Block("shielded_instance_config", "shieldedInstanceConfig", (
                 Rename("enable_secure_boot", "enableSecureBoot", as_bool),
                 Rename("enable_vtpm", "enableVtpm", as_bool),
                 Rename("enable_integrity_monitoring", "enableIntegrityMonitoring", as_bool))),
             Rename("metadata", "metadata")),
]


def _key_output(o: KeyOutput) -> Asset | None:
    """An output that returns a key of a declared google resource (a service account's
    `private_key`): an asset the graph reads as a leaked credential unless `sensitive = true`."""
    from aispm.source import declared_uid, make_origin

    holders = _key_holders(o.value)
    if not holders:
        return None
    secure = o.type == "secureString"
    props: dict[str, Any] = {"type": o.type, "keysOf": holders}
    return Asset(uid=declared_uid(o.format, o.uid_file, o.address), provider="gcp", type=cat.OUTPUT, name=o.name,
                 origin=make_origin(o.format, o.file, o.line, o.address, o.end_line), properties=props,
                 kind=Kind.OTHER if secure else Kind.SECRET)


def _key_holders(value: Any) -> list[str]:
    out: list[str] = []
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, Unknown) and v.reason.startswith("key of "):
            out.append(v.reason[len("key of "):])
        elif isinstance(v, dict):
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)
    return list(dict.fromkeys(out))


ROWS: list[Any] = [*PLATFORM, TerraformProvider("google", "gcp", _key_output)]
