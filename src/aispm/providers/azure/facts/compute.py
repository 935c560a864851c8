"""Facts for Azure compute and network resources: where attack paths start.

Derived from the ARM shape whatever declared the resource (Terraform, ARM, Bicep, later the
live API), like `aispm.providers.azure.facts.derive`. App Service sites and Container Apps
are `apps.py`; this module holds VMs and scale sets, NSGs and public IPs, AKS, API Management
and Key Vault secrets, and the table of compute derivers. Facts that need other resources (a
VM's NICs, public IPs and NSGs; a container app's environment; a site's private endpoint; an
API's gateway) are set by `aispm.providers.azure.link.compute`, which runs after this module.
Facts set here:

| fact | types | meaning |
|---|---|---|
| `internet_exposed` | sites, container apps, AKS, API Management (+ APIs), VMs and scale sets (by the linker) | reachable from the internet (`None`: not determined by the input) |
| `exposure_width` | same | `"wide"`: any source (`*`, `0.0.0.0/0`, `Internet`, `AzureCloud`, an unrestricted Front Door tag); `"narrow"`: specific public CIDRs or service tags; `None` when not exposed or unknown |
| `public_network_access` / `public_network_access_disabled` | sites, APIM, AKS, environments | the service's public switch |
| `user_authentication` | sites (Easy Auth `requireAuthentication`), container apps (auth config), APIM APIs (`subscriptionRequired`), AKS (always: the API server takes credentials) | callers must authenticate before reaching the code |
| `local_auth_enabled` | AKS | local accounts (static admin credentials) are enabled |
| `managed_identity` / `user_assigned_identity` | every type with an identity block | as in `facts.azure` |
| `has_literal_secret` | sites, site `appsettings`/`connectionstrings` config, container apps, VMs | a literal secret is written in the IaC (its value is redacted from properties) |
| `holds_key_for` | sites, container apps, Key Vault secrets, … | uids whose keys (`listKeys()`, `primary_access_key`) the resource holds |
| `internet_inbound` / `internet_ports` | NSGs | whether the NSG's inbound rules let internet traffic in (`"wide"`, `"narrow"`, `"none"`) and to which ports |
| `open_without_nsg` | public IPs | Basic SKU addresses are open to all inbound traffic without an NSG; Standard ones are closed |
| `internal_environment` | container app environments | internal load balancer only: apps are not reachable from the internet |

Redaction: a literal secret value in an app setting, connection string, container
secret or environment variable, VM admin password or Key Vault secret is replaced
here by `Unknown("literal secret (redacted)")` (Terraform's mapper already did so;
ARM and Bicep sources keep literals as written) and the entry is flagged
`hasLiteralSecret: true`, so no report ever prints it.
"""

from __future__ import annotations

from typing import Any, Callable

from aispm.providers.azure import catalog as cat
from aispm.providers.azure.facts.arm_shape import MISSING as _MISSING
from aispm.providers.azure.facts.arm_shape import lookup, managed_identity
from aispm.providers.azure.facts.arm_shape import norm as _norm
from aispm.providers.azure.facts.arm_shape import plain as _plain
from aispm.providers.azure.facts.arm_shape import truthy as _truthy
from aispm.model import Asset, Unknown
from aispm.providers.azure.facts import apps
from aispm.providers.azure.facts.addresses import source_class
from aispm.providers.azure.facts.apps import DECLARED_ELSEWHERE
from aispm.providers.azure.facts.secrets import key_holder, redact_entry


# --- virtual machines and networks -----------------------------------------------------


def _vm(a: Asset) -> None:
    managed_identity(a)
    osp = lookup(a.properties, "properties.osProfile")
    literal = False
    if isinstance(osp, dict):
        literal = redact_entry(osp, "adminPassword", "adminPassword", force=True)
    a.set_fact("has_literal_secret", literal, "properties.osProfile.adminPassword", None,
               "literal admin password (value redacted)" if literal else None)
    # exposure needs the NICs, public IPs and NSGs: set by aispm.providers.azure.link.compute
    a.set_fact("internet_exposed", None, "properties.networkProfile", None, "network interfaces not resolved")
    a.set_fact("exposure_width", None, "properties.networkProfile", None, "network interfaces not resolved")


def _vmss(a: Asset) -> None:
    managed_identity(a)
    osp = lookup(a.properties, "properties.virtualMachineProfile.osProfile")
    literal = isinstance(osp, dict) and redact_entry(osp, "adminPassword", "adminPassword", force=True)
    a.set_fact("has_literal_secret", literal, "properties.virtualMachineProfile.osProfile.adminPassword", None,
               "literal admin password (value redacted)" if literal else None)
    a.set_fact("internet_exposed", None, "properties.virtualMachineProfile.networkProfile", None,
               "network configuration not resolved")
    a.set_fact("exposure_width", None, "properties.virtualMachineProfile.networkProfile", None,
               "network configuration not resolved")


def _prio(r: Any) -> int:
    p = lookup(r, "properties.priority")
    try:
        return int(p)
    except (TypeError, ValueError):
        return 4096


def _as_list(*vals: Any) -> list | Unknown:
    out: list = []
    for v in vals:
        if isinstance(v, Unknown):
            return v
        if isinstance(v, list):
            if any(isinstance(x, Unknown) for x in v):
                return Unknown("list item unknown")
            out.extend(v)
        elif v not in (_MISSING, None, ""):
            out.append(v)
    return out


def nsg_inbound(rules: Any) -> tuple[str, list[str], str]:
    """Evaluate an NSG's inbound rules for traffic from the internet.

    Returns (`"wide"` | `"narrow"` | `"none"` | `"unknown"`, allowed destination ports,
    note). Rules are taken in priority order; an Allow rule counts unless a Deny rule
    of higher priority covers its source (wide covers all), its ports (`*` or the
    same) and its protocol (`*` or the same). Azure's default rules allow only
    VirtualNetwork and AzureLoadBalancer sources, then deny everything."""
    if isinstance(rules, Unknown):
        return "unknown", [], f"security rules unknown: {rules.reason}"
    if not isinstance(rules, list):
        rules = []
    if any(not isinstance(r, dict) for r in rules):
        return "unknown", [], "a security rule is unknown"
    inbound = []
    for r in rules:
        d = lookup(r, "properties.direction")
        if isinstance(d, Unknown):
            return "unknown", [], "direction of a rule unknown"
        if _norm(d) == "inbound":
            inbound.append(r)
    inbound.sort(key=_prio)
    denies: list[tuple[int, set[str], list, str]] = []
    best = "none"
    ports_out: list[str] = []
    names: list[str] = []
    unknown = False
    for r in inbound:
        access = _norm(lookup(r, "properties.access"))
        srcs = _as_list(lookup(r, "properties.sourceAddressPrefix"), lookup(r, "properties.sourceAddressPrefixes"))
        ports = _as_list(lookup(r, "properties.destinationPortRange"), lookup(r, "properties.destinationPortRanges"))
        proto = _norm(lookup(r, "properties.protocol"))
        if isinstance(access, Unknown) or isinstance(srcs, Unknown) or isinstance(ports, Unknown):
            unknown = True
            continue
        classes = {source_class(s) for s in srcs}
        if lookup(r, "properties.sourceApplicationSecurityGroups") not in (_MISSING, None, []):
            classes.add("internal")
        ports = [str(p) for p in ports] or ["*"]
        proto = proto if isinstance(proto, str) else "*"
        if access == "deny":
            denies.append((_prio(r), classes, ports, proto))
            continue
        if access != "allow":
            unknown = True
            continue
        internet = classes & {"wide", "narrow", "unknown"}
        if not internet:
            continue
        shadowed = any(
            ("wide" in dcls or (dcls >= internet))
            and ("*" in dports or set(ports) <= set(dports))
            and dproto in ("*", proto)
            for _p, dcls, dports, dproto in denies
        )
        if shadowed:
            continue
        if "unknown" in internet:
            unknown = True
            continue
        cls = "wide" if "wide" in internet else "narrow"
        if cls == "wide" or best == "none":
            best = cls if best != "wide" else best
        ports_out.extend(ports)
        names.append(str(lookup(r, "name")))
    if best == "none" and unknown:
        return "unknown", [], "a rule that may allow internet traffic is not fully known"
    if best == "none":
        return "none", [], "no inbound rule allows internet sources"
    return best, sorted(set(ports_out)), f"inbound from the internet allowed by: {', '.join(names)}"


def nsg_facts(a: Asset) -> None:
    status, ports, note = nsg_inbound(lookup(a.properties, "properties.securityRules"))
    a.set_fact("internet_inbound", None if status == "unknown" else status, "properties.securityRules", None, note)
    a.set_fact("internet_ports", ports if status in ("wide", "narrow") else [], "properties.securityRules", None, note)


def pip_open_without_nsg(a: Asset) -> tuple[bool | None, str]:
    sku = lookup(a.properties, "sku.name")
    if isinstance(sku, Unknown):
        return None, f"public IP sku unknown: {sku.reason}"
    if sku in (_MISSING, None):
        return True, "public IP sku not set; ARM default: Basic (open to inbound traffic without an NSG)"
    if _norm(sku) == "basic":
        return True, "Basic public IP: open to inbound traffic without an NSG"
    return False, f"{sku} public IP: closed to inbound traffic unless an NSG allows it"


def _public_ip(a: Asset) -> None:
    val, note = pip_open_without_nsg(a)
    a.set_fact("open_without_nsg", val, "sku.name", _plain(lookup(a.properties, "sku.name")), note)


# --- AKS and API Management -------------------------------------------------------------


def _aks(a: Asset) -> None:
    p = a.properties
    managed_identity(a)
    priv = lookup(p, "properties.apiServerAccessProfile.enablePrivateCluster")
    ranges = lookup(p, "properties.apiServerAccessProfile.authorizedIPRanges")
    pna = lookup(p, "properties.publicNetworkAccess")
    path = "properties.apiServerAccessProfile"
    if isinstance(priv, Unknown):
        exposed, width, note = None, None, f"enablePrivateCluster unknown: {priv.reason}"
    elif _truthy(priv) is True:
        exposed, width, note = False, None, "private cluster: API server has no public endpoint"
    elif _norm(pna) == "disabled":
        exposed, width, note = False, None, "publicNetworkAccess Disabled"
    elif isinstance(ranges, Unknown) or (isinstance(ranges, list) and any(isinstance(r, Unknown) for r in ranges)):
        exposed, width, note = None, None, "authorized IP ranges unknown"
    elif isinstance(ranges, list) and ranges:
        classes = {source_class(r) for r in ranges}
        if "wide" in classes:
            exposed, width, note = True, "wide", "authorized IP ranges include any source"
        elif "narrow" in classes:
            exposed, width, note = True, "narrow", "API server allowed only from " + ", ".join(map(str, ranges))
        else:
            exposed, width, note = False, None, "API server allowed only from private ranges"
    else:
        exposed, width, note = True, "wide", "public API server without authorized IP ranges"
    a.set_fact("internet_exposed", exposed, path, None, note)
    a.set_fact("exposure_width", width if exposed else None, path, None, note)
    a.set_fact("public_network_access", exposed, path, None, note)
    dla = lookup(p, "properties.disableLocalAccounts")
    if isinstance(dla, Unknown):
        a.set_fact("local_auth_enabled", None, "properties.disableLocalAccounts", None, dla.reason)
    else:
        a.set_fact("local_auth_enabled", _truthy(dla) is not True, "properties.disableLocalAccounts", _plain(dla),
                   "disableLocalAccounts not set; Azure default: local accounts enabled" if dla is _MISSING else None)
    a.set_fact("user_authentication", True, "properties.aadProfile", None,
               "the Kubernetes API server always requires credentials (see local_auth_enabled)")
    aad = lookup(p, "properties.aadProfile")
    a.set_fact("entra_id_auth", None if isinstance(aad, Unknown) else aad not in (_MISSING, None, {}),
               "properties.aadProfile", None)


def _apim(a: Asset) -> None:
    p = a.properties
    managed_identity(a)
    pna = lookup(p, "properties.publicNetworkAccess")
    vnt = lookup(p, "properties.virtualNetworkType")
    if isinstance(pna, Unknown) or isinstance(vnt, Unknown):
        exposed, note = None, "publicNetworkAccess or virtualNetworkType unknown"
    elif _norm(pna) == "disabled":
        exposed, note = False, "publicNetworkAccess Disabled"
    elif _norm(vnt) == "internal":
        exposed, note = False, "virtualNetworkType Internal: gateway reachable only from the virtual network"
    else:
        exposed, note = True, f"public gateway (virtualNetworkType {_plain(vnt) or 'None'}; Azure default: None)"
    path = "properties.virtualNetworkType"
    a.set_fact("internet_exposed", exposed, path, _plain(vnt), note)
    a.set_fact("exposure_width", "wide" if exposed else None, path, _plain(vnt), note)
    a.set_fact("public_network_access", exposed, path, _plain(vnt), note)
    a.set_fact("public_network_access_disabled", None if isinstance(pna, Unknown) else _norm(pna) == "disabled",
               "properties.publicNetworkAccess", _plain(pna))


def _apim_api(a: Asset) -> None:
    req = lookup(a.properties, "properties.subscriptionRequired")
    if isinstance(req, Unknown):
        a.set_fact("user_authentication", None, "properties.subscriptionRequired", None, req.reason)
    else:
        b = _truthy(req)
        a.set_fact("user_authentication", b is not False, "properties.subscriptionRequired", _plain(req),
                   "subscriptionRequired not set; Azure default: true (a subscription key is required)"
                   if req is _MISSING else None)
    # exposure follows the gateway: set by aispm.providers.azure.link.compute
    a.set_fact("internet_exposed", None, "parent", None, "API Management service not resolved")
    a.set_fact("exposure_width", None, "parent", None, "API Management service not resolved")


def _kv_secret(a: Asset) -> None:
    p = a.properties.get("properties")
    if not isinstance(p, dict):
        return
    value = p.get("value")
    if isinstance(value, str) and value:
        p["value"] = Unknown("secret value")  # a literal written in ARM / Bicep: never kept
    holder = p.get("holdsKeyOf") if isinstance(p.get("holdsKeyOf"), str) else key_holder(p.get("value"))
    a.set_fact("holds_key_for", [holder] if holder else [], "properties.value", None,
               "the secret's value is a key of another resource" if holder else None)


def _declared_here(fn: Callable[[Asset], None]) -> Callable[[Asset], None]:
    """A resource declared elsewhere (Terraform data source, Bicep `existing`) has no body in
    the scan: no default may stand in for it, so its exposure facts are unknown."""
    def derive(a: Asset) -> None:
        if not a.existing:
            fn(a)
            return
        note = DECLARED_ELSEWHERE
        for fact in ("internet_exposed", "exposure_width", "user_authentication", "internet_inbound",
                     "open_without_nsg", "internal_environment"):
            a.set_fact(fact, None, "existing", None, note)
    derive.__name__ = fn.__name__
    derive.__doc__ = fn.__doc__
    return derive


_DERIVERS: dict[str, Callable[[Asset], None]] = {
    cat.WEB_SITE.lower(): apps._site,
    cat.WEB_SITE_CONFIG.lower(): apps._site_config,
    cat.CONTAINER_APP.lower(): apps._container_app,
    cat.CONTAINER_APP_ENV.lower(): apps._container_env,
    cat.CONTAINER_APP_AUTH.lower(): apps._aca_auth,
    cat.VIRTUAL_MACHINE.lower(): _vm,
    cat.VM_SCALE_SET.lower(): _vmss,
    cat.NSG.lower(): nsg_facts,
    cat.PUBLIC_IP.lower(): _public_ip,
    cat.AKS_CLUSTER.lower(): _aks,
    cat.APIM_SERVICE.lower(): _apim,
    cat.APIM_API.lower(): _apim_api,
    cat.KEY_VAULT_SECRET.lower(): _kv_secret,
}
DERIVERS: dict[str, Callable[[Asset], None]] = {t: _declared_here(fn) for t, fn in _DERIVERS.items()}
