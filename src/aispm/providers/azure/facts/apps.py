"""Facts for App Service sites and Container Apps: who reaches them, whether they authenticate, what they hold.

Derived from the ARM shape whatever declared the app (Terraform, ARM, Bicep). Children that ARM
keeps as resources of their own but whose settings count for their parent — a site's
`Microsoft.Web/sites/config` (`web`, `authsettingsV2`, `authsettings`, `appsettings`,
`connectionstrings`) and a container app's `authConfigs` — are handed to the parent by the fold
(`aispm.providers.azure.fold`, under `catalog.CHILDREN_KEY`) and derived here with it, once
(`derive_with_children`); the evidence then names the child. Exposure that depends on other
resources (a private endpoint, an internal environment) is the linker's
(`aispm.providers.azure.link.compute`).
"""

from __future__ import annotations

from typing import Any, Callable

from aispm.providers.azure import catalog as cat
from aispm.providers.azure.facts.arm_shape import MISSING as _MISSING
from aispm.providers.azure.facts.arm_shape import inline_private_endpoints, lookup, managed_identity
from aispm.providers.azure.facts.arm_shape import norm as _norm
from aispm.providers.azure.facts.arm_shape import plain as _plain
from aispm.providers.azure.facts.arm_shape import truthy as _truthy
from aispm.model import Asset, Unknown
from aispm.providers.azure.facts.addresses import source_class
from aispm.providers.azure.facts.secrets import (
    LITERAL_SECRET,
    conn_secret,
    key_holder,
    keys_in,
    redact_entry,
    redact_settings,
    set_holds,
)

#: Why a resource declared elsewhere (a data source, a Bicep `existing`) has unknown facts.
DECLARED_ELSEWHERE = "declared elsewhere (data source or existing resource): its configuration is not in the scan"


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
    inline_private_endpoints(a)
    sc = lookup(p, "properties.siteConfig")
    sc = sc if sc is not _MISSING else {}
    conns = lookup(sc, "connectionStrings")
    literal = redact_settings(lookup(sc, "appSettings"))
    if isinstance(conns, list):
        for c in conns:
            if isinstance(c, dict) and redact_entry(c, c.get("name"), "connectionString",
                                                     force=conn_secret(c.get("connectionString"))):
                literal.append(str(c.get("name")))
    a.set_fact("has_literal_secret", bool(literal), "properties.siteConfig.appSettings", literal or None,
               ("literal secrets in: " + ", ".join(literal) + " (values redacted)") if literal else None)
    set_holds(a, keys_in(lookup(sc, "appSettings")) + keys_in(lookup(sc, "connectionStrings"), "connectionString"),
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
                redact_entry(v, k, "value", force=conn_secret(v.get("value")))
            elif isinstance(v, str) and cat.literal_secret(k, v):
                body[k] = Unknown(LITERAL_SECRET)
        if literal:
            a.properties["literalSecretSettings"] = sorted(literal)
        a.set_fact("has_literal_secret", bool(literal), "properties", literal or None,
                   ("literal secrets in: " + ", ".join(literal) + " (values redacted)") if literal else None)
        set_holds(a, keys, "properties")
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
    set_holds(a, keys, "properties.configuration.secrets")
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


# --- children handed over by the fold ---------------------------------------------------


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
