"""Mapping rows: networks — private endpoints, NICs, public IPs, NSGs, virtual networks and subnets.

Each row maps one azurerm type to its ARM type (see `spec.py` for the vocabulary). Terraform
declares on their own what ARM keeps on one resource: NSG rules (`azurerm_network_security_rule`,
naming their NSG by `network_security_group_name`), subnets (naming their network by
`virtual_network_name`), and the NSG associations of subnets and NICs (which have no ARM type:
ARM keeps the NSG id on the subnet / NIC, so they are emitted under the pseudo types
`catalog.SUBNET_NSG_ASSOCIATION` / `NIC_NSG_ASSOCIATION`). `aispm.providers.azure.fold` joins
them to their parent before facts. The `ip_configuration` helpers are shared with the compute rows.
"""

from __future__ import annotations

from typing import Any, Callable

from aispm.iac.terraform.mapping import MappingRow
from aispm.model import Unknown
from aispm.providers.azure import catalog as cat
from aispm.providers.azure.terraform.convert import (
    ABSENT,
    U,
    as_bool,
    block,
    blocks,
    get,
    name_of,
    parent_name,
)
from aispm.providers.azure.terraform.spec import Each, Rename, apply, put_path, resource

# --- ip configurations (NICs here, scale sets in rows_compute) ------------------------------------


def ip_configurations(body: dict, one: Callable[[dict], dict[str, Any]]) -> Any:
    """`ip_configuration` blocks → ARM `ipConfigurations` (each block's properties made by `one`);
    a `dynamic` block the evaluator could not expand stays unknown."""
    out: dict[str, Any] = {}
    apply((Each("ip_configuration", "c", item=lambda ic: {"name": name_of(ic), "properties": one(ic)},
                dynamic="dynamic ip_configuration", keep_empty=True),), body, out)
    return out["c"]


_NIC_IP_CONFIGURATION = (
    Rename("subnet_id", "subnet.id"),
    Rename("public_ip_address_id", "publicIPAddress.id"),
    Rename("private_ip_address_allocation", "privateIPAllocationMethod"),
    Rename("private_ip_address", "privateIPAddress"),
    Rename("primary", "primary", as_bool),
)


def _nic_ip_configuration(ic: dict) -> dict[str, Any]:
    out: dict[str, Any] = {}
    apply(_NIC_IP_CONFIGURATION, ic, out)
    return out


def _nic_ip_configurations(body: dict, out: dict) -> None:
    out["properties"]["ipConfigurations"] = ip_configurations(body, _nic_ip_configuration)


# --- private endpoints -----------------------------------------------------------------------


def _private_service_connections(body: dict, out: dict) -> None:
    """Automatic connections are approved with the endpoint; manual ones wait for the target's
    owner, so ARM keeps them in another list (an unknown flag is taken as automatic, and said)."""
    p = out["properties"]
    psc = blocks(body, "private_service_connection")
    if isinstance(psc, Unknown):
        p["privateLinkServiceConnections"] = psc
        return
    auto: list = []
    manual: list = []
    for c in psc:
        inner: dict[str, Any] = {}
        apply((Rename(("private_connection_resource_id", "private_connection_resource_alias"), "privateLinkServiceId"),
               Rename("subresource_names", "groupIds"),
               Rename("request_message", "requestMessage")), c, inner)
        entry = {"name": name_of(c), "properties": inner}
        man = get(c, "is_manual_connection")
        if isinstance(man, Unknown):
            inner["manual"] = man
            auto.append(entry)
        elif man is True:
            manual.append(entry)
        else:
            auto.append(entry)
    if auto:
        p["privateLinkServiceConnections"] = auto
    if manual:
        p["manualPrivateLinkServiceConnections"] = manual


# --- NSGs --------------------------------------------------------------------------------------


def _set(v: Any) -> Any:
    """An empty list is an unset rule field (azurerm writes `[]` for the one of a pair not used)."""
    return ABSENT if v == [] else v


#: An NSG rule's properties, inline (`security_rule`) or its own resource.
_RULE = (
    *(Rename(src, dst, _set) for src, dst in (
        ("protocol", "protocol"),
        ("access", "access"),
        ("priority", "priority"),
        ("direction", "direction"),
        ("description", "description"),
        ("source_port_range", "sourcePortRange"),
        ("source_port_ranges", "sourcePortRanges"),
        ("destination_port_range", "destinationPortRange"),
        ("destination_port_ranges", "destinationPortRanges"),
        ("source_address_prefix", "sourceAddressPrefix"),
        ("source_address_prefixes", "sourceAddressPrefixes"),
        ("destination_address_prefix", "destinationAddressPrefix"),
        ("destination_address_prefixes", "destinationAddressPrefixes"),
    )),
    Rename("source_application_security_group_ids", "sourceApplicationSecurityGroups",
           lambda v: [{"id": x} for x in v] if isinstance(v, list) and v else ABSENT),
)


def _rule_props(r: dict) -> dict:
    out: dict[str, Any] = {}
    apply(_RULE, r, out)
    return out


def _standalone_rule(body: dict, out: dict) -> None:
    apply(_RULE, body, out["properties"])
    parent_name(out, body, "network_security_group_name")


def _association(target_attr: str, target_key: str) -> tuple:
    return (Rename(target_attr, f"properties.{target_key}.id", default=U(f"{target_attr} not set")),
            Rename("network_security_group_id", "properties.networkSecurityGroup.id",
                   default=U("network_security_group_id not set")))


# --- virtual networks ------------------------------------------------------------------------


def _delegation(d: dict) -> dict:
    sd = block(d, "service_delegation")
    name = get(sd, "name") if isinstance(sd, dict) else ABSENT
    return {"name": name_of(d), "properties": {"serviceName": U("service delegation") if name is ABSENT else name}}


def subnet_props(body: dict, nsg_attr: str | None = None) -> dict:
    """A subnet's properties, as its own resource or inline in its network (where azurerm
    names the NSG `security_group`)."""
    p: dict[str, Any] = {}
    apply((Rename(("address_prefixes", "address_prefix"), "addressPrefixes", lambda v: [v] if isinstance(v, str) else v),
           Rename("service_endpoints", "serviceEndpoints",
                  lambda v: [{"service": x} for x in v] if isinstance(v, list) and v else ABSENT),
           Rename("private_endpoint_network_policies", "privateEndpointNetworkPolicies"),
           Each("delegation", "delegations", item=_delegation, unknown=False, dynamic="skip")), body, p)
    if nsg_attr:
        put_path(p, "networkSecurityGroup.id", get(body, nsg_attr))
    return p


def _subnet(body: dict, out: dict) -> None:
    out["properties"] = subnet_props(body)
    parent_name(out, body, "virtual_network_name")


ROWS: list[MappingRow] = [
    resource("azurerm_private_endpoint", cat.PRIVATE_ENDPOINT,
             Rename("subnet_id", "properties.subnet.id"),
             Rename("custom_network_interface_name", "properties.customNetworkInterfaceName"),
             _private_service_connections),
    resource("azurerm_network_interface", cat.NETWORK_INTERFACE,
             _nic_ip_configurations,
             Rename(("ip_forwarding_enabled", "enable_ip_forwarding"), "properties.enableIPForwarding", as_bool)),
    resource("azurerm_public_ip", cat.PUBLIC_IP,
             # azurerm's default changed: Basic in 3.x, Standard in 4.x; it decides whether the address is
             # open without an NSG (Basic) or closed (Standard), so an unset sku stays unknown
             Rename("sku", "sku.name", default=U("sku not set: azurerm default depends on provider version "
                                                 "(Basic in 3.x, Standard in 4.x)")),
             Rename("zones", "zones"),
             Rename("allocation_method", "properties.publicIPAllocationMethod"),
             Rename("ip_version", "properties.publicIPAddressVersion"),
             Rename("ip_address", "properties.ipAddress"),
             Rename("domain_name_label", "properties.dnsSettings.domainNameLabel")),
    resource("azurerm_network_security_group", cat.NSG,
             Each("security_rule", "properties.securityRules",
                  item=lambda r: {"name": name_of(r), "properties": _rule_props(r)},
                  dynamic="dynamic security_rule", keep_empty=True)),
    resource("azurerm_network_security_rule", cat.NSG_RULE, _standalone_rule, common=False),
    resource("azurerm_subnet_network_security_group_association", cat.SUBNET_NSG_ASSOCIATION,
             *_association("subnet_id", "subnet"), common=False, name=lambda _b: U("an association has no name")),
    resource("azurerm_network_interface_security_group_association", cat.NIC_NSG_ASSOCIATION,
             *_association("network_interface_id", "networkInterface"), common=False,
             name=lambda _b: U("an association has no name")),
    resource("azurerm_virtual_network", cat.VIRTUAL_NETWORK,
             Rename("address_space", "properties.addressSpace.addressPrefixes"),
             Each("subnet", "properties.subnets",
                  item=lambda s: {"name": name_of(s), "properties": subnet_props(s, "security_group")},
                  dynamic="dynamic subnet")),
    resource("azurerm_subnet", cat.SUBNET, _subnet, common=False),
]
