"""Facts for Azure compute and network resources: where attack paths start.

Derived from the ARM shape whatever declared the resource (Terraform, ARM, Bicep,
later the live API), like `aispm.providers.azure.facts.derive`. Children whose settings
count for their parent (an app's Easy Auth, app settings or `web` config declared as
`Microsoft.Web/sites/config` children, a container app's `authConfigs`) are handed to the
parent by the fold (`aispm.providers.azure.fold`, under `catalog.CHILDREN_KEY`) and derived
here with it, once. Facts that need other resources (a VM's NICs, public IPs and NSGs; a
container app's environment; a site's private endpoint) are set by
`aispm.providers.azure.link.compute`, which runs after this module.

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

import ipaddress
from typing import Any, Callable, Iterable

from aispm.providers.azure import catalog as cat
from aispm.providers.azure.facts.arm_shape import MISSING as _MISSING
from aispm.providers.azure.facts.arm_shape import lookup, managed_identity
from aispm.providers.azure.facts.arm_shape import norm as _norm
from aispm.providers.azure.facts.arm_shape import plain as _plain
from aispm.providers.azure.facts.arm_shape import truthy as _truthy
from aispm.model import Asset, Unknown

LITERAL_SECRET = "literal secret (redacted)"

#: Sources that mean "anyone on the internet".
_WIDE_SOURCES = {"*", "any", "internet", "0.0.0.0/0", "0.0.0.0", "::/0", "azurecloud"}
#: Sources that never come from the internet.
_PRIVATE_NETS = tuple(ipaddress.ip_network(n) for n in (
    "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
    "fc00::/7", "fe80::/10", "::1/128"))
_INTERNAL_SOURCES = {"virtualnetwork", "azureloadbalancer", "gatewaymanager", "vnet", "localhost", "127.0.0.1"}


# --- helpers -------------------------------------------------------------------------


def key_holder(value: Any) -> str | None:
    """`Unknown("key of <uid>")` → `<uid>`."""
    if isinstance(value, Unknown) and value.reason.startswith("key of "):
        return value.reason[len("key of "):]
    return None


def _redact_entry(entry: dict, name: Any, value_key: str, force: bool = False) -> bool:
    """Redact `entry[value_key]` in place when it is a literal secret. Returns whether it holds one."""
    if entry.get("hasLiteralSecret") is True:
        return True
    value = entry.get(value_key)
    if isinstance(value, str) and value and (force or cat.literal_secret(name, value)):
        entry[value_key] = Unknown(LITERAL_SECRET)
        entry["hasLiteralSecret"] = True
        return True
    return False


_CONN_SECRET_WORDS = ("password=", "pwd=", "accountkey=", "sharedaccesskey=", "sharedaccesssignature=", "sig=",
                      "apikey=", "key=", "secret=")


def conn_secret(value: Any) -> bool:
    """Whether a literal connection string carries a credential (not `Authentication=Active Directory …`)."""
    return isinstance(value, str) and any(w in value.lower().replace(" ", "") for w in _CONN_SECRET_WORDS)


def redact_settings(settings: Any, value_key: str = "value", force: bool = False) -> list[str]:
    """Redact literal secrets in a `[{name, value}]` list; the names of those that held one."""
    names: list[str] = []
    if not isinstance(settings, list):
        return names
    for s in settings:
        if isinstance(s, dict):
            name = lookup(s, "name")
            if _redact_entry(s, name, value_key, force):
                names.append(str(name))
    return names


def keys_in(settings: Any, value_key: str = "value") -> list[tuple[str, str]]:
    """(setting name, key holder uid) for every `{name, value: Unknown("key of …")}`."""
    out = []
    if isinstance(settings, list):
        for s in settings:
            if isinstance(s, dict):
                holder = key_holder(s.get(value_key))
                if holder:
                    out.append((str(s.get("name")), holder))
    return out


def _set_holds(a: Asset, pairs: Iterable[tuple[str, str]], path: str) -> None:
    holders = sorted({h for _, h in pairs})
    a.set_fact("holds_key_for", holders, path, None,
               ("keys passed in: " + ", ".join(sorted({n for n, _ in pairs}))) if holders else "no key of another "
               "resource passed in")


# --- source classification --------------------------------------------------------


def source_class(src: Any) -> str:
    """`"wide"`, `"narrow"`, `"internal"` or `"unknown"` for an address prefix or service tag."""
    if isinstance(src, Unknown) or src is None or src is _MISSING:
        return "unknown"
    if not isinstance(src, str):
        return "unknown"
    s = src.strip().lower()
    if s in _WIDE_SOURCES or s.startswith("azurecloud"):
        return "wide"
    if s in _INTERNAL_SOURCES:
        return "internal"
    try:
        net = ipaddress.ip_network(s, strict=False)
    except ValueError:
        return "narrow"  # another service tag: a bounded set of senders
    if net.prefixlen == 0:
        return "wide"
    # not `is_private`: Python counts the documentation ranges (203.0.113.0/24, …) as private
    if any(net.version == p.version and net.subnet_of(p) for p in _PRIVATE_NETS):  # type: ignore[arg-type]
        return "internal"
    return "narrow"


# --- App Service -------------------------------------------------------------------


def site_exposure(site_config: Any, pna: Any, private_endpoint: bool | None = None
                  ) -> tuple[bool | None, str | None, str, str]:
    """(internet_exposed, exposure_width, evidence path, note) of an App Service site.

    Access restrictions are evaluated in priority order, first match wins; the
    default action applies when no rule matches: `ipSecurityRestrictionsDefaultAction`
    when set, else Azure's rule (no rules: allow all; any rule: deny the rest).
    A restriction by virtual network subnet or private address only is not
    internet exposure. An approved private endpoint with `publicNetworkAccess`
    unset turns public access off (Azure's behaviour for apps with private endpoints)."""
    if isinstance(pna, Unknown):
        return None, None, "properties.publicNetworkAccess", f"publicNetworkAccess unknown: {pna.reason}"
    if _norm(pna) == "disabled":
        return False, None, "properties.publicNetworkAccess", "publicNetworkAccess Disabled"
    if pna in (_MISSING, None, "") and private_endpoint is True:
        return False, None, "properties.publicNetworkAccess", \
            "publicNetworkAccess not set and a private endpoint is approved: public access off"
    path = "properties.siteConfig.ipSecurityRestrictions"
    rules = lookup(site_config, "ipSecurityRestrictions") if isinstance(site_config, dict) else site_config
    if isinstance(site_config, Unknown) or isinstance(rules, Unknown):
        return None, None, path, "access restrictions unknown"
    rules = rules if isinstance(rules, list) else []
    default = lookup(site_config, "ipSecurityRestrictionsDefaultAction") if isinstance(site_config, dict) else _MISSING
    if isinstance(default, Unknown):
        default_allow: bool | None = None
    elif default in (_MISSING, None, ""):
        default_allow = not rules
    else:
        default_allow = _norm(default) == "allow"

    def prio(r: Any) -> int:
        p = lookup(r, "priority")
        try:
            return int(p)
        except (TypeError, ValueError):
            return 65000

    narrow: list[str] = []
    unknown = False
    for r in sorted((r for r in rules if isinstance(r, dict)), key=prio):
        action = _norm(lookup(r, "action"))
        allow = action in (_MISSING, None, "allow")
        if isinstance(action, Unknown):
            unknown = True
            continue
        if lookup(r, "vnetSubnetResourceId") not in (_MISSING, None, ""):
            continue  # from a virtual network: not the internet
        src = lookup(r, "ipAddress")
        cls = source_class(src)
        if cls == "narrow" and _norm(lookup(r, "tag")) == "servicetag" and str(src).lower().startswith(
                "azurefrontdoor") and lookup(r, "headers") in (_MISSING, None, {}, []):
            cls = "wide"  # any Front Door profile, anyone's, unless X-Azure-FDID is checked
        if cls == "unknown":
            unknown = True
        elif cls == "wide":
            if allow:
                return True, "wide", path, f"rule {lookup(r, 'name')!s} allows {src}"
            # a deny-all before any wide allow: the rest is narrow at most
            default_allow = False
            break
        elif cls == "narrow" and allow:
            narrow.append(str(src))
    if any(not isinstance(r, dict) for r in rules):
        unknown = True
    if default_allow is True:
        return True, "wide", path, "default action Allow (no rule denies the internet)"
    if narrow:
        return True, "narrow", path, "allowed only from " + ", ".join(narrow)
    if unknown or default_allow is None:
        return None, None, path, "access restrictions not fully known"
    return False, None, path, "access restrictions allow no internet source"


def easy_auth(auth: Any, path: str) -> tuple[bool | None, str]:
    """(user_authentication, note) from an authsettingsV2 body (or a legacy authsettings one)."""
    if isinstance(auth, Unknown):
        return None, f"unknown: {auth.reason}"
    enabled = lookup(auth, "platform.enabled")
    legacy = False
    if enabled is _MISSING:
        enabled = lookup(auth, "enabled")  # legacy authsettings
        legacy = enabled is not _MISSING
    if isinstance(enabled, Unknown):
        return None, f"{path}: enabled unknown"
    if _truthy(enabled) is not True:
        return False, "App Service authentication not enabled"
    if legacy:
        act = lookup(auth, "unauthenticatedClientAction")
        if isinstance(act, Unknown):
            return None, "unauthenticatedClientAction unknown"
        return _norm(act) != "allowanonymous", f"legacy auth settings, unauthenticatedClientAction {_plain(act)}"
    req = lookup(auth, "globalValidation.requireAuthentication")
    if isinstance(req, Unknown):
        return None, "requireAuthentication unknown"
    if _truthy(req) is not True:
        return False, "authentication enabled but requireAuthentication not true: anonymous requests reach the app"
    act = lookup(auth, "globalValidation.unauthenticatedClientAction")
    if _norm(act) == "allowanonymous":
        return False, "unauthenticatedClientAction AllowAnonymous"
    return True, "requireAuthentication true"


def _site(a: Asset, web: Any = _MISSING) -> None:
    """A site's facts; `web` is the body of a `Microsoft.Web/sites/config` `web` child, whose
    settings (access restrictions) count with the site's own `siteConfig` for its exposure."""
    p = a.properties
    managed_identity(a)
    sc = lookup(p, "properties.siteConfig")
    sc = sc if sc is not _MISSING else {}
    conns = lookup(sc, "connectionStrings")
    literal = redact_settings(lookup(sc, "appSettings"))
    if isinstance(conns, list):
        for c in conns:
            if isinstance(c, dict) and _redact_entry(c, c.get("name"), "connectionString",
                                                     force=conn_secret(c.get("connectionString"))):
                literal.append(str(c.get("name")))
    a.set_fact("has_literal_secret", bool(literal), "properties.siteConfig.appSettings", literal or None,
               ("literal secrets in: " + ", ".join(literal) + " (values redacted)") if literal else None)
    _set_holds(a, keys_in(lookup(sc, "appSettings")) + keys_in(lookup(sc, "connectionStrings"), "connectionString"),
               "properties.siteConfig.appSettings")
    pna = lookup(p, "properties.publicNetworkAccess")
    a.set_fact("public_network_access_disabled", None if isinstance(pna, Unknown) else _norm(pna) == "disabled",
               "properties.publicNetworkAccess", _plain(pna),
               "publicNetworkAccess not set; Azure default: Enabled" if pna in (_MISSING, None, "") else None)
    set_site_exposure(a, sc if web is _MISSING else _with_web_config(a, web), pna)
    auth = lookup(sc, "authSettingsV2")
    if auth is _MISSING:
        a.set_fact("user_authentication", False, "Microsoft.Web/sites/config/authsettingsV2", None,
                   "no App Service authentication (Easy Auth) declared; the app may authenticate in its own code")
    else:
        val, note = easy_auth(auth, "properties.siteConfig.authSettingsV2")
        a.set_fact("user_authentication", val, "properties.siteConfig.authSettingsV2", None, note)
    https = lookup(p, "properties.httpsOnly")
    a.set_fact("https_only", None if isinstance(https, Unknown) else _truthy(https) is True,
               "properties.httpsOnly", _plain(https), "httpsOnly not set; Azure default: false"
               if https in (_MISSING, None) else None)


def set_site_exposure(a: Asset, site_config: Any, pna: Any = _MISSING, private_endpoint: bool | None = None) -> None:
    if pna is _MISSING:
        pna = lookup(a.properties, "properties.publicNetworkAccess")
    exposed, width, path, note = site_exposure(site_config, pna, private_endpoint)
    a.set_fact("internet_exposed", exposed, path, None, note)
    a.set_fact("exposure_width", width if exposed else None, path, None, note)
    a.set_fact("public_network_access", exposed, path, None, note)


def close_by_private_endpoint(a: Asset) -> None:
    """A site with an approved private endpoint (a fact the linker sets from the endpoint) and
    `publicNetworkAccess` unset is closed to the internet: Azure turns public access off."""
    pna = lookup(a.properties, "properties.publicNetworkAccess")
    if pna in (_MISSING, None, "") and a.facts.get("internet_exposed") is not False:
        set_site_exposure(a, {}, pna, private_endpoint=True)


def _with_web_config(a: Asset, web: Any) -> Any:
    """The site's `siteConfig` with a `web` config child's settings over it."""
    own = lookup(a.properties, "properties.siteConfig")
    if isinstance(web, Unknown):
        return web
    merged = dict(own) if isinstance(own, dict) else {}
    merged.update(web)
    return merged


def _redacted(v: Any) -> bool:
    return isinstance(v, Unknown) and v.reason == LITERAL_SECRET


def config_secrets(name: str, body: dict) -> tuple[list[str], list[tuple[str, str]]]:
    """The settings of an `appsettings` / `connectionstrings` config body that hold a literal
    secret, and (setting, key holder) for those that hold a key of another resource. Reads
    the body whether or not it was redacted yet (a redacted value counts as the literal it was)."""
    literal: list[str] = []
    keys: list[tuple[str, str]] = []
    for k, v in body.items():
        if isinstance(v, dict) and name == "connectionstrings":
            value = v.get("value")
            if v.get("hasLiteralSecret") is True or (
                    isinstance(value, str) and value and (conn_secret(value) or cat.literal_secret(k, value))):
                literal.append(k)
            holder = key_holder(value)
        else:
            if (isinstance(v, str) and cat.literal_secret(k, v)) or _redacted(v):
                literal.append(k)
            holder = key_holder(v)
        if holder:
            keys.append((k, holder))
    return literal, keys


def _site_config(a: Asset) -> None:
    """`Microsoft.Web/sites/config` children: appsettings / connectionstrings (redacted),
    authsettingsV2 / authsettings (Easy Auth), web (siteConfig). What they say of their site
    is derived with the site (`derive_with_children`)."""
    name = a.name.lower() if isinstance(a.name, str) else ""
    body = a.properties.get("properties")
    if name in ("appsettings", "connectionstrings") and isinstance(body, dict):
        literal, keys = config_secrets(name, body)
        for k, v in list(body.items()):
            if isinstance(v, dict) and name == "connectionstrings":
                _redact_entry(v, k, "value", force=conn_secret(v.get("value")))
            elif isinstance(v, str) and cat.literal_secret(k, v):
                body[k] = Unknown(LITERAL_SECRET)
        if literal:
            a.properties["literalSecretSettings"] = sorted(literal)
        a.set_fact("has_literal_secret", bool(literal), "properties", literal or None,
                   ("literal secrets in: " + ", ".join(literal) + " (values redacted)") if literal else None)
        _set_holds(a, keys, "properties")
    elif name in ("authsettingsv2", "authsettings"):
        val, note = easy_auth(body if body is not None else {}, "properties")
        a.set_fact("user_authentication", val, "properties", None, note)


# --- Container Apps ------------------------------------------------------------------


def _container_app(a: Asset) -> None:
    p = a.properties
    managed_identity(a)
    secrets = lookup(p, "properties.configuration.secrets")
    literal = [f"secret {n}" for n in redact_settings(secrets, force=True)]  # a secret, whatever its name
    keys = [(f"secret {n}", h) for n, h in keys_in(secrets)]
    for ckey in ("containers", "initContainers"):
        cs = lookup(p, f"properties.template.{ckey}")
        if isinstance(cs, list):
            for c in cs:
                env = lookup(c, "env") if isinstance(c, dict) else _MISSING
                literal += [f"env {n}" for n in redact_settings(env)]
                keys += [(f"env {n}", h) for n, h in keys_in(env)]
    a.set_fact("has_literal_secret", bool(literal), "properties.configuration.secrets", literal or None,
               ("literal secrets in: " + ", ".join(literal) + " (values redacted)") if literal else None)
    _set_holds(a, keys, "properties.configuration.secrets")
    ing = lookup(p, "properties.configuration.ingress")
    path = "properties.configuration.ingress.external"
    if ing is _MISSING or ing is None:
        exposed, width, note = False, None, "no ingress: not reachable over HTTP"
    elif isinstance(ing, Unknown):
        exposed, width, note = None, None, f"ingress unknown: {ing.reason}"
    else:
        ext = lookup(ing, "external")
        if isinstance(ext, Unknown):
            exposed, width, note = None, None, f"ingress.external unknown: {ext.reason}"
        elif _truthy(ext) is not True:
            exposed, width, note = False, None, "ingress internal: reachable only inside the environment"
        else:
            exposed, width, note = _aca_restrictions(lookup(ing, "ipSecurityRestrictions"))
    a.set_fact("internet_exposed", exposed, path, None, note)
    a.set_fact("exposure_width", width if exposed else None, path, None, note)
    a.set_fact("public_network_access", exposed, path, None, note)
    insecure = lookup(ing, "allowInsecure") if isinstance(ing, dict) else _MISSING
    a.set_fact("https_only", None if isinstance(insecure, Unknown) else _truthy(insecure) is not True,
               "properties.configuration.ingress.allowInsecure", _plain(insecure))
    a.set_fact("user_authentication", False, "Microsoft.App/containerApps/authConfigs", None,
               "no Container Apps authentication declared; the app may authenticate in its own code")


def _aca_restrictions(rules: Any) -> tuple[bool | None, str | None, str]:
    """Container Apps IP restrictions are all Allow (only those sources get in) or all Deny
    (everyone but those gets in)."""
    if isinstance(rules, Unknown):
        return None, None, "ipSecurityRestrictions unknown"
    if not isinstance(rules, list) or not rules:
        return True, "wide", "external ingress without IP restrictions"
    allows = [r for r in rules if isinstance(r, dict) and _norm(lookup(r, "action")) == "allow"]
    if len(allows) < len(rules):
        return True, "wide", "deny-list IP restrictions: every other source is allowed"
    classes = [source_class(lookup(r, "ipAddressRange")) for r in allows]
    if "wide" in classes:
        return True, "wide", "an IP restriction allows any source"
    if "unknown" in classes:
        return None, None, "IP restrictions not fully known"
    if "narrow" in classes:
        return True, "narrow", "allowed only from " + ", ".join(
            str(lookup(r, "ipAddressRange")) for r, c in zip(allows, classes) if c == "narrow")
    return False, None, "IP restrictions allow only private sources"


def _container_env(a: Asset) -> None:
    managed_identity(a)
    internal = lookup(a.properties, "properties.vnetConfiguration.internal")
    pna = lookup(a.properties, "properties.publicNetworkAccess")
    if isinstance(internal, Unknown):
        a.set_fact("internal_environment", None, "properties.vnetConfiguration.internal", None, internal.reason)
    elif _truthy(internal) is True:
        a.set_fact("internal_environment", True, "properties.vnetConfiguration.internal", True,
                   "internal load balancer only")
    elif _norm(pna) == "disabled":
        a.set_fact("internal_environment", True, "properties.publicNetworkAccess", pna, "public network access Disabled")
    else:
        a.set_fact("internal_environment", False, "properties.vnetConfiguration.internal", _plain(internal),
                   "not internal; Azure default: external" if internal is _MISSING else None)


def aca_auth(props: dict) -> tuple[bool | None, str, Any, str | None]:
    """(user_authentication, evidence path, raw, note) of a container-app auth config."""
    enabled = lookup(props, "properties.platform.enabled")
    act = lookup(props, "properties.globalValidation.unauthenticatedClientAction")
    if isinstance(enabled, Unknown) or isinstance(act, Unknown):
        return None, "properties.platform.enabled", None, "auth config unknown"
    if _truthy(enabled) is False:
        return False, "properties.platform.enabled", False, "authentication disabled"
    return (_norm(act) != "allowanonymous", "properties.globalValidation.unauthenticatedClientAction", _plain(act),
            "platform.enabled not set; Azure default: enabled" if enabled is _MISSING else None)


def _aca_auth(a: Asset) -> None:
    a.set_fact("user_authentication", *aca_auth(a.properties))


# --- virtual machines and networks -----------------------------------------------------


def _vm(a: Asset) -> None:
    managed_identity(a)
    osp = lookup(a.properties, "properties.osProfile")
    literal = False
    if isinstance(osp, dict):
        literal = _redact_entry(osp, "adminPassword", "adminPassword", force=True)
    a.set_fact("has_literal_secret", literal, "properties.osProfile.adminPassword", None,
               "literal admin password (value redacted)" if literal else None)
    # exposure needs the NICs, public IPs and NSGs: set by aispm.providers.azure.link.compute
    a.set_fact("internet_exposed", None, "properties.networkProfile", None, "network interfaces not resolved")
    a.set_fact("exposure_width", None, "properties.networkProfile", None, "network interfaces not resolved")


def _vmss(a: Asset) -> None:
    managed_identity(a)
    osp = lookup(a.properties, "properties.virtualMachineProfile.osProfile")
    literal = isinstance(osp, dict) and _redact_entry(osp, "adminPassword", "adminPassword", force=True)
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


#: Why a resource declared elsewhere (a data source, a Bicep `existing`) has unknown facts.
DECLARED_ELSEWHERE = "declared elsewhere (data source or existing resource): its configuration is not in the scan"


def derive_with_children(a: Asset, derive: Callable[[Asset], None], children: list[dict]) -> None:
    """Derive `a`'s facts with those of the children the fold handed it (in declaration order):
    a site's `web` config counts for its exposure, its auth config for `user_authentication`,
    its app settings for `has_literal_secret` and `holds_key_for` (the evidence names the child);
    a container app's auth config for `user_authentication`."""
    webs = [c["body"] for c in children if c["type"] == cat.WEB_SITE_CONFIG.lower() and c["name"] == "web"
            and isinstance(c["body"], (dict, Unknown))]
    if webs and a.type.lower() == cat.WEB_SITE.lower() and not a.existing:
        _site(a, webs[-1])
    else:
        derive(a)
        if webs:  # a site declared elsewhere: its `web` config still says who reaches it
            set_site_exposure(a, _with_web_config(a, webs[-1]))
    for c in children:
        _from_child(a, c)


def _from_child(a: Asset, c: dict) -> None:
    name = c["name"]
    declared = f"{c['address']} ({c['file']}:{c['line']})"
    if c["type"] == cat.CONTAINER_APP_AUTH.lower():
        if c["existing"]:
            val, note = None, DECLARED_ELSEWHERE
        else:
            val, _path, _raw, note = aca_auth(c["properties"])
        a.set_fact("user_authentication", val, c["address"], None,
                   f"{note or ''} (auth config at {c['file']}:{c['line']})")
    elif name in ("authsettingsv2", "authsettings"):
        val, note = (None, DECLARED_ELSEWHERE) if c["existing"] else \
            easy_auth(c["body"] if c["body"] is not None else {}, "properties")
        a.set_fact("user_authentication", val, c["address"], None, f"{note} (declared at {declared})")
    elif name in ("appsettings", "connectionstrings"):
        body = c["body"]
        names, keys = ([], []) if c["existing"] or not isinstance(body, dict) else config_secrets(name, body)
        if names:
            a.set_fact("has_literal_secret", True, c["address"], names,
                       f"literal secrets in {', '.join(names)} (values redacted; declared at {declared})")
        holds = sorted(set(a.facts.get("holds_key_for") or []) | {h for _, h in keys})
        if holds:
            a.set_fact("holds_key_for", holds, c["address"], None, f"keys passed in at {declared}")


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
    cat.WEB_SITE.lower(): _site,
    cat.WEB_SITE_CONFIG.lower(): _site_config,
    cat.CONTAINER_APP.lower(): _container_app,
    cat.CONTAINER_APP_ENV.lower(): _container_env,
    cat.CONTAINER_APP_AUTH.lower(): _aca_auth,
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
