"""Relations and cross-resource facts for Azure compute and network.

Runs after the facts layer (`aispm.providers.azure.facts`) and after the main Azure linker has
built its `Index` (`link(assets, index)` is called at the end of
`aispm.providers.azure.link.resources.link`). What ARM keeps on one resource but Terraform or
ARM declare on several (NSG rules, NSG associations, children naming their parent, site config
children) was folded before facts (`aispm.providers.azure.fold`): every fact an asset's own
body decides is set; this module adds relations and the facts that come from *other*
resources, and never derives an asset's own facts again. Whatever format declared the resources:

- **VM exposure**: VM → NICs → public IP and NSGs (subnet's and NIC's). Exposed when a
  NIC has a public IP and every NSG on its path (subnet, then NIC) lets internet traffic
  in; width is the narrower of the two. A public IP with no NSG at all: a Basic SKU
  address is open to everything (wide), a Standard SKU address is closed (not exposed),
  an unknown SKU leaves the fact unknown. A NIC in a load balancer or application
  gateway pool without a public IP is unknown (load balancers are not modelled).
  Scale sets: the same from their NIC configurations (`publicIPAddressConfiguration`).
- **Container apps**: an app with external ingress in an internal environment is not
  exposed; an environment that is not in the scanned code makes exposure unknown.
- **App Service**: an approved private endpoint with `publicNetworkAccess` unset turns
  public access off.
- **API Management**: an API's exposure is its gateway's.
- **Keys**: any value `Unknown("key of <uid>")` (ARM `listKeys()`, Bicep `x.listKeys()`,
  Terraform `x.primary_access_key`) in an app setting, connection string, container
  secret or environment variable, Key Vault secret (or `holdsKeyOf`), or any other
  property → `(holder, holds_key_for, uid, via=…)`. A Key Vault secret's vault
  `contains` it (made by the main linker from `parent`), so a principal with a role
  on the vault reaches the key.
- **Key Vault references** (`@Microsoft.KeyVault(SecretUri=…)` app settings, container
  app secrets with `keyVaultUrl`) → `(app, reads, secret)`.
- `(public IP, exposes, VM)`, `(VM, contains, NIC)`, `(environment, contains, container app)`,
  `(API, calls, AI service)` from an API's `serviceUrl`, `(AKS, runs_as, kubelet identity)`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterable

from aispm.providers.azure import catalog as cat
from aispm.providers.azure.facts import apps
from aispm.providers.azure.facts import compute as fc
from aispm.providers.azure.facts import secrets as fs
from aispm.model import Asset, Relation, Unknown

if TYPE_CHECKING:  # pragma: no cover
    from aispm.providers.azure.link.index import Index

_MISSING = fc._MISSING
_KV_REF = re.compile(r"@Microsoft\.KeyVault\((?P<body>[^)]*)\)", re.I)
_KV_URL = re.compile(r"https://(?P<vault>[A-Za-z0-9-]+)\.vault\.azure\.net/secrets/(?P<name>[A-Za-z0-9-]+)", re.I)


def _t(a: Asset) -> str:
    return a.type.lower()


def link(assets: list[Asset], index: "Index") -> list[Relation]:
    relations: list[Relation] = []
    seen: set[tuple[str, str, str, tuple]] = set()

    def rel(a: str, verb: str, b: str, **props: Any) -> None:
        r = Relation(a, verb, b, tuple(sorted(props.items())))
        key = (r.source, r.verb, r.target, r.properties)
        if key not in seen and a != b:
            seen.add(key)
            relations.append(r)

    by_type: dict[str, list[Asset]] = {}
    for a in assets:
        by_type.setdefault(_t(a), []).append(a)

    def of(t: str) -> list[Asset]:
        return by_type.get(t.lower(), [])

    for vm in of(cat.VIRTUAL_MACHINE):
        _vm_exposure(vm, index, rel)
    for ss in of(cat.VM_SCALE_SET):
        _vmss_exposure(ss, index)
    for site in of(cat.WEB_SITE):
        if site.facts.get("private_endpoint") is True:
            apps.close_by_private_endpoint(site)
    for app in of(cat.CONTAINER_APP):
        _container_app_env(app, index, rel)
    for api in of(cat.APIM_API):
        _apim_api(api, index, rel)
    for aks in of(cat.AKS_CLUSTER):
        kub = index.resolve(fc.lookup(aks.properties, "properties.identityProfile.kubeletidentity.resourceId"))
        if kub is not None:
            rel(aks.uid, "runs_as", kub.uid, via="kubelet identity")
    _keys(assets, index, rel)
    _key_vault_references(assets, index, rel)
    return relations


# --- virtual machines ------------------------------------------------------------------


def _nsg_verdict(ref: Any, index: "Index", where: str) -> tuple[str, list[str], str]:
    """(wide | narrow | none | unknown | absent, ports, note) for the NSG a subnet/NIC names."""
    if ref in (_MISSING, None):
        return "absent", [], f"no NSG on the {where}"
    if isinstance(ref, Unknown):
        return "unknown", [], f"NSG of the {where} unknown: {ref.reason}"
    nsg = index.resolve(ref)
    if nsg is None or nsg.existing:
        return "unknown", [], f"NSG of the {where} not in the scanned code"
    status = nsg.facts.get("internet_inbound")  # derived with the NSG's rules folded in
    ev = nsg.evidence.get("internet_inbound")
    return (status or "unknown"), list(nsg.facts.get("internet_ports") or []), \
        f"{where} NSG {nsg.origin.address}: {ev.note if ev else status}"


def _subnet_nsg(ref: Any, index: "Index") -> tuple[Any, str]:
    """The NSG reference of a subnet (its own asset, or an inline subnet of a declared VNet)."""
    if ref in (_MISSING, None):
        return _MISSING, "no subnet"
    if isinstance(ref, Unknown):
        return ref, "subnet unknown"
    sub = index.resolve(ref)
    if sub is None or sub.existing:
        return Unknown("subnet not in the scanned code"), "subnet not in the scanned code"
    return fc.lookup(sub.properties, "properties.networkSecurityGroup.id"), sub.origin.address


def _path_verdict(pip_open: bool | None, pip_note: str, subnet_nsg: Any, nic_nsg: Any, index: "Index"
                  ) -> tuple[bool | None, str | None, list[str], str]:
    """Exposure of one public IP behind a subnet NSG and a NIC NSG (both must allow)."""
    verdicts = [_nsg_verdict(subnet_nsg, index, "subnet"), _nsg_verdict(nic_nsg, index, "NIC")]
    present = [v for v in verdicts if v[0] != "absent"]
    notes = "; ".join(v[2] for v in verdicts)
    if not present:
        if pip_open is None:
            return None, None, [], f"{pip_note}; {notes}"
        return (True, "wide", ["*"], f"{pip_note}; {notes}") if pip_open else (False, None, [], f"{pip_note}; {notes}")
    if any(v[0] == "none" for v in present):
        return False, None, [], notes
    if any(v[0] == "unknown" for v in present):
        return None, None, [], notes
    width = "narrow" if any(v[0] == "narrow" for v in present) else "wide"
    ports = present[0][1] if len(present) == 1 else _port_overlap(present[0][1], present[1][1])
    if not ports:
        return False, None, [], notes + "; the subnet and NIC NSGs allow no port in common"
    return True, width, ports, notes


def _port_ranges(ports: list[str]) -> list[tuple[int, int]] | None:
    """`["22", "8000-8080"]` → ranges; None for `*` (or anything unparsable: taken as all ports)."""
    out = []
    for p in ports:
        a, _, b = str(p).strip().partition("-")
        if not a.isdigit() or (b and not b.isdigit()):
            return None
        out.append((int(a), int(b or a)))
    return out


def _port_overlap(x: list[str], y: list[str]) -> list[str]:
    """Destination ports allowed by both NSGs (traffic passes the subnet's, then the NIC's)."""
    rx, ry = _port_ranges(x), _port_ranges(y)
    if rx is None:
        return sorted(set(y))
    if ry is None:
        return sorted(set(x))
    out = set()
    for a1, b1 in rx:
        for a2, b2 in ry:
            lo, hi = max(a1, a2), min(b1, b2)
            if lo <= hi:
                out.add(str(lo) if lo == hi else f"{lo}-{hi}")
    return sorted(out)


def _combine(results: list[tuple[bool | None, str | None, list[str], str]]) -> tuple[bool | None, str | None,
                                                                                     list[str], str]:
    exposed = [r for r in results if r[0] is True]
    if exposed:
        width = "wide" if any(r[1] == "wide" for r in exposed) else "narrow"
        return True, width, sorted({p for r in exposed for p in r[2]}), " | ".join(r[3] for r in exposed)
    if any(r[0] is None for r in results):
        return None, None, [], " | ".join(r[3] for r in results if r[0] is None)
    if not results:
        return False, None, [], "no public IP address"
    return False, None, [], " | ".join(r[3] for r in results)


def _set_exposure(a: Asset, verdict: tuple[bool | None, str | None, list[str], str], path: str) -> None:
    exposed, width, ports, note = verdict
    a.set_fact("internet_exposed", exposed, path, None, note)
    a.set_fact("exposure_width", width if exposed else None, path, None, note)
    a.set_fact("exposed_ports", ports if exposed else [], path, None, note)


def _ip_config_verdicts(ipcs: Any, nic_nsg: Any, index: "Index", pip_of) -> list:
    out = []
    if isinstance(ipcs, Unknown):
        return [(None, None, [], f"IP configurations unknown: {ipcs.reason}")]
    for ic in ipcs if isinstance(ipcs, list) else []:
        if not isinstance(ic, dict):
            out.append((None, None, [], "an IP configuration is unknown"))
            continue
        sub_nsg, _where = _subnet_nsg(fc.lookup(ic, "properties.subnet.id"), index)
        pip = pip_of(ic)
        if pip is None:
            pools = [fc.lookup(ic, f"properties.{k}") for k in ("loadBalancerBackendAddressPools",
                                                                  "applicationGatewayBackendAddressPools")]
            if any(p not in (_MISSING, None, []) for p in pools):
                out.append((None, None, [], "behind a load balancer or application gateway (not modelled)"))
            else:
                out.append((False, None, [], "no public IP address"))
            continue
        pip_open, pip_note = pip
        out.append(_path_verdict(pip_open, pip_note, sub_nsg, nic_nsg, index))
    return out


def _vm_exposure(vm: Asset, index: "Index", rel) -> None:
    path = "properties.networkProfile.networkInterfaces"
    nics = fc.lookup(vm.properties, path)
    if nics is _MISSING or nics is None:
        _set_exposure(vm, (None, None, [], "no network interfaces declared"), path)
        return
    if isinstance(nics, Unknown):
        _set_exposure(vm, (None, None, [], f"network interfaces unknown: {nics.reason}"), path)
        return
    results = []
    for ref in nics:
        nic = index.resolve(fc.lookup(ref, "id") if isinstance(ref, dict) else ref)
        if nic is None or nic.existing:
            results.append((None, None, [], "network interface not in the scanned code"))
            continue
        rel(vm.uid, "contains", nic.uid)
        nic_nsg = fc.lookup(nic.properties, "properties.networkSecurityGroup.id")

        def pip_of(ic: dict, nic: Asset = nic) -> tuple[bool | None, str] | None:
            ref = fc.lookup(ic, "properties.publicIPAddress.id")
            if ref in (_MISSING, None):
                return None
            if isinstance(ref, Unknown):
                return None, f"public IP unknown: {ref.reason}"
            pip = index.resolve(ref)
            if pip is None or pip.existing:
                return None, "public IP not in the scanned code"
            rel(pip.uid, "exposes", vm.uid, via=nic.origin.address)
            return fc.pip_open_without_nsg(pip)

        nic_results = _ip_config_verdicts(fc.lookup(nic.properties, "properties.ipConfigurations"), nic_nsg,
                                          index, pip_of)
        verdict = _combine(nic_results)
        _set_exposure(nic, verdict, "properties.ipConfigurations")
        results.append(verdict)
    _set_exposure(vm, _combine(results), path)
    has_pip = any(r[0] is True for r in results)
    vm.set_fact("public_ip", True if has_pip else None if any(r[0] is None for r in results) else False, path, None,
                "a NIC has a public IP reachable from the internet" if has_pip else None)


def _vmss_exposure(ss: Asset, index: "Index") -> None:
    path = "properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations"
    confs = fc.lookup(ss.properties, path)
    if isinstance(confs, Unknown):
        _set_exposure(ss, (None, None, [], f"network configuration unknown: {confs.reason}"), path)
        return
    if confs in (_MISSING, None):
        _set_exposure(ss, (None, None, [], "no network configuration declared"), path)
        return
    results = []
    for c in confs:
        if not isinstance(c, dict):
            results.append((None, None, [], "a network interface configuration is unknown"))
            continue
        nic_nsg = fc.lookup(c, "properties.networkSecurityGroup.id")

        def pip_of(ic: dict) -> tuple[bool | None, str] | None:
            cfg = fc.lookup(ic, "properties.publicIPAddressConfiguration")
            if cfg in (_MISSING, None):
                return None
            if isinstance(cfg, Unknown):
                return None, f"public IP configuration unknown: {cfg.reason}"
            sku = fc.lookup(cfg, "sku.name")
            if isinstance(sku, Unknown):
                return None, f"instance public IP sku unknown: {sku.reason}"
            if isinstance(sku, str) and sku.lower().startswith("standard"):
                return False, "Standard instance public IPs: closed to inbound traffic unless an NSG allows it"
            return True, "instance public IPs" + (" (sku not set; ARM default: Basic, open without an NSG)"
                                                  if sku in (_MISSING, None) else f" ({sku}: open without an NSG)")

        results.extend(_ip_config_verdicts(fc.lookup(c, "properties.ipConfigurations"), nic_nsg, index, pip_of))
    _set_exposure(ss, _combine(results), path)


# --- App Service, Container Apps, API Management -------------------------------------------


def _container_app_env(app: Asset, index: "Index", rel) -> None:
    ref = fc.lookup(app.properties, "properties.managedEnvironmentId")
    if ref in (_MISSING, None):
        ref = fc.lookup(app.properties, "properties.environmentId")
    env = index.resolve(ref)
    if env is not None:
        rel(env.uid, "contains", app.uid)
    if app.facts.get("internet_exposed") is not True:
        return
    path = "properties.managedEnvironmentId"
    if env is None or env.existing:
        if ref in (_MISSING, None):
            return
        note = "external ingress, but the environment is not in the scanned code (it may be internal)"
        app.set_fact("internet_exposed", None, path, None, note)
        app.set_fact("exposure_width", None, path, None, note)
        app.set_fact("public_network_access", None, path, None, note)
        return
    internal = env.facts.get("internal_environment")
    if internal is True or internal is None:
        note = (f"environment {env.origin.address} is internal: ingress reachable only from its virtual network"
                if internal else f"whether environment {env.origin.address} is internal is unknown")
        val = False if internal else None
        app.set_fact("internet_exposed", val, path, None, note)
        app.set_fact("exposure_width", None, path, None, note)
        app.set_fact("public_network_access", val, path, None, note)


def _apim_api(api: Asset, index: "Index", rel) -> None:
    svc = index.by_uid.get(api.parent) if api.parent else None
    if svc is not None and "internet_exposed" in svc.facts:
        note = f"exposure of gateway {svc.origin.address}"
        api.set_fact("internet_exposed", svc.facts["internet_exposed"], "parent", None, note)
        api.set_fact("exposure_width", svc.facts.get("exposure_width"), "parent", None, note)
    url = fc.lookup(api.properties, "properties.serviceUrl")
    hit = index.resolve(url) if isinstance(url, str) else None
    if hit is None and isinstance(url, str):
        low = url.lower()
        for (t, name), cands in index.by_type_name.items():
            if t in cat.AI_TYPES and len(name) > 3 and f"//{name}." in low:
                hit = cands[0]
                break
    if hit is not None and hit.type.lower() in cat.AI_TYPES:
        rel(api.uid, "calls", hit.uid, via="serviceUrl")


# --- keys -------------------------------------------------------------------------------


def _key_sources(a: Asset) -> list[tuple[str, str]]:
    """(via, holder uid) for every key of another resource this asset holds."""
    t = _t(a)
    p = a.properties
    out: list[tuple[str, str]] = []
    if t == cat.WEB_SITE.lower():
        out += [(f"app setting {n}", h) for n, h in fs.keys_in(fc.lookup(p, "properties.siteConfig.appSettings"))]
        out += [(f"connection string {n}", h) for n, h in
                fs.keys_in(fc.lookup(p, "properties.siteConfig.connectionStrings"), "connectionString")]
    elif t == cat.WEB_SITE_CONFIG.lower():
        body = p.get("properties")
        kind = "connection string" if isinstance(a.name, str) and a.name.lower() == "connectionstrings" \
            else "app setting"
        if isinstance(body, dict):
            for k, v in body.items():
                h = fs.key_holder(v.get("value") if isinstance(v, dict) else v)
                if h:
                    out.append((f"{kind} {k}", h))
    elif t == cat.CONTAINER_APP.lower():
        out += [(f"secret {n}", h) for n, h in fs.keys_in(fc.lookup(p, "properties.configuration.secrets"))]
        for ckey in ("containers", "initContainers"):
            cs = fc.lookup(p, f"properties.template.{ckey}")
            for c in cs if isinstance(cs, list) else []:
                if isinstance(c, dict):
                    out += [(f"environment variable {n}", h) for n, h in fs.keys_in(fc.lookup(c, "env"))]
    elif t == cat.DEPLOYMENT_OUTPUT.lower():
        held: list[tuple[str, str]] = []
        _key_refs(p.get("value"), "", held)
        out += [(f"deployment output {a.display_name}", h) for _, h in held]
    elif t == cat.KEY_VAULT_SECRET.lower():
        h = fc.lookup(p, "properties.holdsKeyOf")
        if not isinstance(h, str):
            h = fs.key_holder(fc.lookup(p, "properties.value"))
        if h:
            out.append(("Key Vault secret value", h))
    else:
        _key_refs(p, "", out)
    return out


def _key_refs(obj: Any, path: str, out: list[tuple[str, str]]) -> None:
    """(path, holder uid) of each `Unknown("key of <uid>")` in `obj` (itself one, or under it, depth first
    in document order). Every value of every asset passes here, and a key is rare: paths are spelled for
    containers and hits only, not for every leaf (a walk that spelled one per leaf, 175,000 on the benchmark
    corpus, was half of linking)."""
    if isinstance(obj, dict):
        items: Iterable[tuple[Any, Any]] = obj.items()
        list_like = False
    elif isinstance(obj, list):
        items = enumerate(obj)
        list_like = True
    else:
        h = fs.key_holder(obj)
        if h:
            out.append((path, h))
        return
    for k, v in items:
        if isinstance(v, (dict, list)):
            _key_refs(v, f"{path}[{k}]" if list_like else f"{path}.{k}" if path else str(k), out)
        elif isinstance(v, Unknown):
            h = fs.key_holder(v)
            if h:
                out.append((f"{path}[{k}]" if list_like else f"{path}.{k}" if path else str(k), h))


def _keys(assets: list[Asset], index: "Index", rel) -> None:
    for a in assets:
        holder = a
        if _t(a) == cat.WEB_SITE_CONFIG.lower() and a.parent in index.by_uid:
            holder = index.by_uid[a.parent]  # a site's appsettings child: the site holds the keys
        for via, ref in _key_sources(a):
            target = index.resolve(ref)
            if target is not None and target.uid != holder.uid:
                rel(holder.uid, "holds_key_for", target.uid, via=via)


def _kv_secret_of(text: str, index: "Index") -> Asset | None:
    for m in _KV_REF.finditer(text):
        body = m.group("body")
        parts = dict(p.split("=", 1) for p in body.split(";") if "=" in p)
        uri = parts.get("SecretUri") or next((v for k, v in parts.items() if k.lower() == "secreturi"), None)
        if uri:
            hit = index.resolve(uri.strip())
            if hit is not None:
                return hit
            mu = _KV_URL.search(uri)
            if mu:
                return _secret_by_name(mu.group("vault"), mu.group("name"), index)
        vault = next((v for k, v in parts.items() if k.lower() == "vaultname"), None)
        name = next((v for k, v in parts.items() if k.lower() == "secretname"), None)
        if vault and name:
            return _secret_by_name(vault, name, index)
    return None


def _secret_by_name(vault: str, name: str, index: "Index") -> Asset | None:
    cands = index.by_type_name.get((cat.KEY_VAULT_SECRET.lower(), name.lower()), [])
    for c in cands:
        parent = index.by_uid.get(c.parent) if c.parent else None
        if parent is None or (isinstance(parent.name, str) and parent.name.lower() == vault.lower()):
            return c
    return None


def _key_vault_references(assets: list[Asset], index: "Index", rel) -> None:
    for a in assets:
        t = _t(a)
        holder = a
        refs: list[tuple[str, Any]] = []
        if t == cat.WEB_SITE.lower():
            settings = fc.lookup(a.properties, "properties.siteConfig.appSettings")
            for s in settings if isinstance(settings, list) else []:
                if isinstance(s, dict):
                    refs.append((f"app setting {s.get('name')}", s.get("value")))
        elif t == cat.WEB_SITE_CONFIG.lower() and isinstance(a.properties.get("properties"), dict):
            holder = index.by_uid.get(a.parent, a) if a.parent else a
            refs += [(f"app setting {k}", v) for k, v in a.properties["properties"].items()]
        elif t == cat.CONTAINER_APP.lower():
            secrets = fc.lookup(a.properties, "properties.configuration.secrets")
            for s in secrets if isinstance(secrets, list) else []:
                if isinstance(s, dict) and s.get("keyVaultUrl") is not None:
                    url = s["keyVaultUrl"]
                    hit = index.resolve(url) if isinstance(url, str) else None
                    if hit is None and isinstance(url, str) and (mu := _KV_URL.search(url)):
                        hit = _secret_by_name(mu.group("vault"), mu.group("name"), index)
                    if hit is not None and _t(hit) == cat.KEY_VAULT_SECRET.lower():
                        rel(a.uid, "reads", hit.uid, via=f"secret {s.get('name')} (Key Vault reference)")
        for via, v in refs:
            if isinstance(v, str) and "@microsoft.keyvault(" in v.lower():
                hit = _kv_secret_of(v, index)
                if hit is not None and _t(hit) == cat.KEY_VAULT_SECRET.lower():
                    rel(holder.uid, "reads", hit.uid, via=f"{via} (Key Vault reference)")
