"""Facts for GCP resources, derived from the Cloud Asset Inventory / REST shape whatever declared them.

One function per family of types; each fact takes the documented Google default when the body
leaves it out (and the evidence says so), and is `None` when the body holds an `Unknown`. Names
follow the cross-cloud vocabulary (`docs/design.md`, "Google Cloud facts"): a Workbench instance
has a `public_ip` unless `gceSetup.disablePublicIp` (legacy notebooks: `noPublicIp`), `root_access`
unless metadata `notebook-disable-root` is `true`, `customer_managed_key` from
`encryptionSpec.kmsKeyName` (or the disk / bucket equivalent), `public_access` when the IAM policy
(folded in by `fold.py`) grants `allUsers` or `allAuthenticatedUsers`.

Facts that come from other resources (the roles of the service account a workload runs as, a
project-level binding) are the linker's (`link/resources.py`).
"""

from __future__ import annotations

from typing import Callable

from aispm.model import Asset, Unknown
from aispm.providers.gcp import catalog as cat
from aispm.providers.gcp.facts.shape import (
    MISSING,
    bool_fact,
    lookup,
    metadata_flag,
    presence_fact,
    public_members,
    service_account_email,
)

_DEFAULT_SA = "-compute@developer.gserviceaccount.com"


def _cmek(a: Asset, path: str = "encryptionSpec.kmsKeyName") -> None:
    presence_fact(a, "customer_managed_key", path, f"{path} not set: Google-managed encryption keys")


def _identity(a: Asset, default_sa: bool) -> None:
    """`managed_identity`: runs as a service account of its own (not the default compute one)."""
    email = service_account_email(a)
    if email is MISSING:
        note = "no service account set: the default compute service account is used" if default_sa \
            else "no service account"
        a.set_fact("managed_identity", False, "serviceAccount", None, note)
    elif isinstance(email, Unknown):
        a.set_fact("managed_identity", True, "serviceAccount", None, f"a declared or unresolved account ({email.reason})")
    elif isinstance(email, str):
        a.set_fact("managed_identity", not email.lower().endswith(_DEFAULT_SA), "serviceAccount", email)
    else:
        a.set_fact("managed_identity", None, "serviceAccount", None, "not a string")


def _shielded(a: Asset, base: str) -> None:
    p = f"{base}shieldedInstanceConfig"
    bool_fact(a, "secure_boot", f"{p}.enableSecureBoot", False, default_note="Google default: Secure Boot off")
    bool_fact(a, "vtpm", f"{p}.enableVtpm", True, default_note="Google default: vTPM on")
    bool_fact(a, "integrity_monitoring", f"{p}.enableIntegrityMonitoring", True,
              default_note="Google default: integrity monitoring on")


def _vpc(a: Asset, *paths: str) -> None:
    for path in paths:
        v = lookup(a.properties, path)
        if isinstance(v, list):
            v = next((x.get("network") or x.get("subnet") for x in v if isinstance(x, dict)), MISSING) \
                if v else MISSING
        if isinstance(v, Unknown):
            a.set_fact("vpc_attached", True, path, None, f"set from an unresolved value ({v.reason})")
            return
        if v not in (MISSING, None, ""):
            a.set_fact("vpc_attached", True, path, v)
            return
    a.set_fact("vpc_attached", False, paths[0], None, "no network set: the default network")


def _public_access(a: Asset, roles: frozenset[str] | None = None) -> bool | None:
    value, found, why = public_members(a, roles)
    a.set_fact("public_access", value, "iamPolicy.bindings", found or None, why)
    return value


# --- per family --------------------------------------------------------------------------------


def _model_name(v: object) -> str | None:
    """`publishers/google/models/gemma3@gemma-3-1b-it` → `google/gemma3@gemma-3-1b-it` (publisher/name@version)."""
    if not isinstance(v, str) or not v.strip():
        return None
    parts = v.strip().split("/")
    if len(parts) == 4 and parts[0] == "publishers" and parts[2] == "models":
        return f"{parts[1]}/{parts[3]}"
    return v.strip()


def _endpoint(a: Asset) -> None:
    _cmek(a)
    models = lookup(a.properties, "deployedModels")
    first = models[0].get("model") if isinstance(models, list) and models and isinstance(models[0], dict) else None
    if isinstance(first, Unknown):
        a.set_fact("model", None, "deployedModels[0].model", None, first.reason)
    elif first is not None:
        a.set_fact("model", _model_name(first), "deployedModels[0].model", first)
    psc = lookup(a.properties, "privateServiceConnectConfig.enablePrivateServiceConnect")
    net = lookup(a.properties, "network")
    if psc is True or (net is not MISSING and not isinstance(net, Unknown)):
        a.set_fact("public_network_access", False, "network" if psc is not True else
                   "privateServiceConnectConfig.enablePrivateServiceConnect", True if psc is True else net)
    elif isinstance(psc, Unknown) or isinstance(net, Unknown):
        a.set_fact("public_network_access", False if isinstance(net, Unknown) else None, "network", None,
                   "network set from an unresolved value" if isinstance(net, Unknown) else "PSC switch unknown")
    else:
        a.set_fact("public_network_access", True, "network", None,
                   "no network and no Private Service Connect: the public endpoint")
    a.set_fact("private_endpoint", psc is True, "privateServiceConnectConfig.enablePrivateServiceConnect",
               None if psc is MISSING else psc)
    _vpc(a, "network")
    a.set_fact("local_auth_enabled", False, "", None, "Vertex AI accepts IAM credentials only (no keys)")
    _public_access(a)


def _index_endpoint(a: Asset) -> None:
    _cmek(a)
    bool_fact(a, "public_network_access", "publicEndpointEnabled", False,
              default_note="publicEndpointEnabled not set; Google default: no public endpoint")
    psc = lookup(a.properties, "privateServiceConnectConfig.enablePrivateServiceConnect")
    a.set_fact("private_endpoint", psc is True, "privateServiceConnectConfig.enablePrivateServiceConnect",
               None if psc is MISSING else psc)
    _vpc(a, "network")
    a.set_fact("local_auth_enabled", False, "", None, "Vertex AI accepts IAM credentials only (no keys)")


def _data(a: Asset) -> None:
    _cmek(a)
    _public_access(a)


def _notebook_instance(a: Asset) -> None:
    p = a.properties
    if isinstance(p.get("gceSetup"), (dict, Unknown)):  # a Workbench instance (Notebooks API v2)
        bool_fact(a, "public_ip", "gceSetup.disablePublicIp", True, invert=True,
                  default_note="gceSetup.disablePublicIp not set; Google default: an external IP address")
        md = "gceSetup.metadata"
        disks = [lookup(p, "gceSetup.bootDisk.diskEncryption")]
        data = lookup(p, "gceSetup.dataDisks")
        disks += [d.get("diskEncryption", MISSING) for d in data if isinstance(d, dict)] if isinstance(data, list) \
            else [data] if isinstance(data, Unknown) else []
        _disk_cmek(a, "gceSetup.bootDisk.diskEncryption", disks)
        _shielded(a, "gceSetup.")
        _vpc(a, "gceSetup.networkInterfaces")
        bool_fact(a, "proxy_access", "disableProxyAccess", True, invert=True,
                  default_note="disableProxyAccess not set; Google default: proxy access on")
    else:  # a legacy user-managed notebook (Notebooks API v1)
        bool_fact(a, "public_ip", "noPublicIp", True, invert=True,
                  default_note="noPublicIp not set; Google default: an external IP address")
        md = "metadata"
        _disk_cmek(a, "diskEncryption", [lookup(p, "diskEncryption")])
        _shielded(a, "")
        _vpc(a, "network", "subnet")
        bool_fact(a, "proxy_access", "noProxyAccess", True, invert=True,
                  default_note="noProxyAccess not set; Google default: proxy access on")
    metadata_flag(a, "root_access", md, "notebook-disable-root", "false", True,
                  "notebook-disable-root not set: users get root")
    root = a.facts.get("root_access")
    if root is False and str(lookup(p, f"{md}.notebook-disable-root")).lower() != "true":
        a.set_fact("root_access", True, f"{md}.notebook-disable-root", lookup(p, f"{md}.notebook-disable-root"),
                   "only `true` disables root")
    presence_fact(a, "idle_shutdown", f"{md}.idle-timeout-seconds", "idle-timeout-seconds not set: no idle shutdown")
    metadata_flag(a, "monitoring_agent", md, "install-monitoring-agent", "true", False,
                  "install-monitoring-agent not set: no Cloud Monitoring agent")
    _identity(a, default_sa=True)
    _exposure(a)


def _disk_cmek(a: Asset, path: str, values: list) -> None:
    if any(isinstance(v, Unknown) for v in values):
        a.set_fact("customer_managed_key", None, path, None, "disk encryption unknown")
    elif all(isinstance(v, str) and v.upper() == "CMEK" for v in values):
        a.set_fact("customer_managed_key", True, path, "CMEK")
    else:
        a.set_fact("customer_managed_key", False, path, None if values[0] is MISSING else values[0],
                   "a disk is not encrypted with CMEK (default: GMEK, Google-managed)")


def _runtime(a: Asset) -> None:
    vm = "virtualMachine.virtualMachineConfig"
    bool_fact(a, "public_ip", f"{vm}.internalIpOnly", True, invert=True,
              default_note="internalIpOnly not set; Google default: an external IP address")
    _cmek(a, f"{vm}.encryptionConfig.kmsKey")
    bool_fact(a, "idle_shutdown", "softwareConfig.idleShutdown", True,
              default_note="softwareConfig.idleShutdown not set; Google default: on")
    _shielded(a, f"{vm}.")
    _vpc(a, f"{vm}.network", f"{vm}.subnet")
    _exposure(a)


def _exposure(a: Asset) -> None:
    """Compute with an external IP address is reachable from the internet (firewall rules are
    not read: the default network's rules admit SSH and RDP from anywhere)."""
    ip = a.facts.get("public_ip")
    a.set_fact("internet_exposed", ip, "public_ip", ip,
               "an external IP address; firewall rules are not read" if ip else None)


def _instance(a: Asset) -> None:
    nics = lookup(a.properties, "networkInterfaces")
    if isinstance(nics, Unknown):
        a.set_fact("public_ip", None, "networkInterfaces", None, nics.reason)
    elif isinstance(nics, list):
        unknown = any(not isinstance(n, dict) or isinstance(n.get("accessConfigs"), Unknown) for n in nics)
        public = any(isinstance(n, dict) and isinstance(n.get("accessConfigs"), list) and n["accessConfigs"]
                     for n in nics)
        a.set_fact("public_ip", True if public else None if unknown else False,
                   "networkInterfaces[].accessConfigs", None, None if public or not unknown else "dynamic interface")
    else:
        a.set_fact("public_ip", False, "networkInterfaces", None, "no network interface")
    _shielded(a, "")
    _identity(a, default_sa=False)
    _exposure(a)


def _serverless(a: Asset) -> None:
    """Cloud Run services and Cloud Functions: who may invoke, and from where."""
    p = a.properties
    if a.type == cat.RUN_SERVICE:
        if "ingress" in p or "template" in p and "spec" not in p:  # Cloud Run Admin API v2
            path, raw, open_ = "ingress", lookup(p, "ingress"), ("INGRESS_TRAFFIC_ALL",)
        else:
            path = "metadata.annotations.run.googleapis.com/ingress"
            ann = lookup(p, "metadata.annotations")
            raw = ann.get("run.googleapis.com/ingress", MISSING) if isinstance(ann, dict) else ann
            open_ = ("all",)
        invoker = frozenset({"roles/run.invoker"})
    else:
        path = "serviceConfig.ingressSettings" if a.type == cat.FUNCTION_V2 else "ingressSettings"
        raw, open_ = lookup(p, path), ("ALLOW_ALL",)
        invoker = frozenset({"roles/cloudfunctions.invoker", "roles/run.invoker"})
    if raw is MISSING:
        a.set_fact("ingress_all", True, path, None, "ingress not set; Google default: all traffic")
    elif isinstance(raw, Unknown):
        a.set_fact("ingress_all", None, path, None, raw.reason)
    else:
        a.set_fact("ingress_all", raw in open_, path, raw)
    public, found, why = public_members(a, invoker)
    disabled = lookup(p, "invokerIamDisabled")
    if disabled is True:
        a.set_fact("user_authentication", False, "invokerIamDisabled", True, "invoker IAM check disabled")
    else:
        a.set_fact("user_authentication", None if public is None else not public, "iamPolicy.bindings",
                   found or None, why or ("allUsers may invoke" if public else None))
    ing, auth = a.facts.get("ingress_all"), a.facts.get("user_authentication")
    exposed = False if ing is False or auth is True else True if ing and auth is False else None
    a.set_fact("internet_exposed", exposed, path, None,
               "all ingress and unauthenticated invocation" if exposed else None)
    _identity(a, default_sa=True)


def _bucket(a: Asset) -> None:
    _cmek(a, "encryption.defaultKmsKeyName")
    bool_fact(a, "uniform_access", "iamConfiguration.uniformBucketLevelAccess.enabled", False,
              default_note="uniform_bucket_level_access not set; provider default: fine-grained ACLs")
    pap = lookup(a.properties, "iamConfiguration.publicAccessPrevention")
    public = _public_access(a)
    if isinstance(pap, str) and pap.lower() == "enforced":
        a.set_fact("public_access", False, "iamConfiguration.publicAccessPrevention", pap,
                   "public access prevention enforced" + (" (overrides the allUsers binding)" if public else ""))
    elif isinstance(pap, Unknown) and public:
        a.set_fact("public_access", None, "iamConfiguration.publicAccessPrevention", None, pap.reason)
    a.set_fact("public_access_prevention", isinstance(pap, str) and pap.lower() == "enforced",
               "iamConfiguration.publicAccessPrevention", None if pap is MISSING else pap,
               "not set: inherited from the organization policy" if pap is MISSING else None)


def _search(a: Asset) -> None:
    if a.type == cat.DATA_STORE:
        _cmek(a, "kmsKeyName")
    else:
        a.set_fact("public_network_access", True, "", None,
                   "Vertex AI Search serves on the public Discovery Engine API (IAM-authenticated)")
        a.set_fact("local_auth_enabled", False, "", None, "IAM credentials only")


def _reasoning_engine(a: Asset) -> None:
    _cmek(a)
    _identity(a, default_sa=True)
    a.set_fact("user_authentication", True, "", None, "Vertex AI Agent Engine requires IAM credentials")


def _service_account(a: Asset) -> None:
    # the linker sets it true for each declared key of the account (`google_service_account_key`)
    a.set_fact("user_managed_keys", False, "keys", None, "no user-managed key declared for the account")


def _sa_key(a: Asset) -> None:
    kt = lookup(a.properties, "keyType")
    a.set_fact("user_managed_key", kt == "USER_MANAGED" if isinstance(kt, str) else None, "keyType",
               None if kt is MISSING else kt)


def _output(a: Asset) -> None:
    t = a.properties.get("type")
    a.set_fact("output_secure", None if isinstance(t, Unknown) else t == "secureString", "type", t)


def _model_armor(a: Asset) -> None:
    v = lookup(a.properties, "filterConfig.piAndJailbreakFilterSettings.filterEnforcement")
    a.set_fact("prompt_injection_filter", None if isinstance(v, Unknown) else v == "ENABLED",
               "filterConfig.piAndJailbreakFilterSettings.filterEnforcement", None if v is MISSING else v)


_BY_TYPE: dict[str, Callable[[Asset], None]] = {
    cat.ENDPOINT: _endpoint,
    cat.INDEX_ENDPOINT: _index_endpoint,
    cat.DATASET: _data, cat.FEATURESTORE: _data, cat.TENSORBOARD: _data, cat.METADATA_STORE: _data,
    cat.INDEX: _data, cat.FEATURE_ONLINE_STORE: _data, cat.ENTITY_TYPE: _data,
    cat.REASONING_ENGINE: _reasoning_engine,
    cat.NOTEBOOK_INSTANCE: _notebook_instance,
    cat.NOTEBOOK_RUNTIME: _runtime,
    cat.INSTANCE: _instance,
    cat.RUN_SERVICE: _serverless, cat.FUNCTION: _serverless, cat.FUNCTION_V2: _serverless,
    cat.BUCKET: _bucket,
    cat.DATA_STORE: _search, cat.SEARCH_ENGINE: _search,
    cat.SERVICE_ACCOUNT_KEY: _sa_key,
    cat.SERVICE_ACCOUNT: _service_account,
    cat.OUTPUT: _output,
    cat.MODEL_ARMOR_TEMPLATE: _model_armor,
}


def derive(asset: Asset) -> None:
    """Set the facts of one GCP asset (assets declared as `existing` have no body: no facts)."""
    if asset.existing:
        return
    fn = _BY_TYPE.get(asset.type)
    if fn is not None:
        fn(asset)
