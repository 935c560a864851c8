"""Who a network rule lets in: an address prefix or service tag classed as wide, narrow or internal.

Access restrictions (App Service, Container Apps), authorized IP ranges (AKS) and NSG rules
all name their sources the same ways — CIDRs, `*`, service tags — and exposure facts need to
know whether a source is anyone on the internet (`wide`), some bounded set of senders
(`narrow`: public CIDRs, service tags), or never the internet (`internal`).
"""

from __future__ import annotations

import ipaddress
from typing import Any

from aispm.providers.azure.facts.arm_shape import MISSING as _MISSING
from aispm.model import Unknown

#: Sources that mean "anyone on the internet".
_WIDE_SOURCES = {"*", "any", "internet", "0.0.0.0/0", "0.0.0.0", "::/0", "azurecloud"}
#: Sources that never come from the internet.
_PRIVATE_NETS = tuple(ipaddress.ip_network(n) for n in (
    "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
    "fc00::/7", "fe80::/10", "::1/128"))
_INTERNAL_SOURCES = {"virtualnetwork", "azureloadbalancer", "gatewaymanager", "vnet", "localhost", "127.0.0.1"}


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
