"""The endpoint URL an Azure AI asset answers on, derived from its ARM properties (for the BOM's
service endpoints): an explicit `endpoint`, or the default host of an account's custom subdomain,
and a deployment's path under its OpenAI account."""

from __future__ import annotations

from typing import Any, Callable

from aispm.model import Asset
from aispm.providers.azure import catalog as cat


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def endpoint(a: Asset, parent: Asset | None, clean: Callable[[Any], str | None]) -> str | None:
    """`clean` turns a URL from the input into a listable endpoint (no credentials, no query) or None."""
    inner = a.properties.get("properties")
    inner = inner if isinstance(inner, dict) else {}
    explicit = clean(inner.get("endpoint")) or clean(a.properties.get("endpoint"))
    if explicit:
        return explicit
    t = a.type.lower()
    if t == cat.COGNITIVE_ACCOUNT.lower():
        sub = _str(inner.get("customSubDomainName"))
        if sub:
            host = "openai.azure.com" if str(a.properties.get("kind", "")).lower() == "openai" else \
                "cognitiveservices.azure.com"
            return f"https://{sub.lower()}.{host}/"
    if t == cat.COGNITIVE_DEPLOYMENT.lower() and parent is not None:
        base = endpoint(parent, None, clean)
        name = _str(a.name)
        if base and name and base.endswith(".openai.azure.com/"):
            return f"{base}openai/deployments/{name}"
    return None
