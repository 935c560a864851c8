"""Live discovery: the running estate of a cloud, read-only, into the same shapes as IaC.

A provider brings a **collector** (`Provider.collector`, in `providers/<cloud>/live/`): a function
`collect(target: LiveTarget, ctx: LiveContext) -> LiveResult` that reads the cloud through its
SDK, with every call through `ctx.call` (read-only, retried, bounded, gaps recorded), and returns
assets in the provider's shape — Azure the ARM resource, AWS the CloudFormation resource, GCP the
Cloud Asset Inventory resource — so that facts, rules, the graph and every report work unchanged.
A live asset's origin is the scope it was read from (`file` = `aws://prod/eu-west-1`, `line` 0),
its address is the cloud's own id (ARN, ARM id, full resource name), its format `live`.

Cloud SDKs are extras (`pip install 'aispm[aws]'`); a collector whose SDK is missing raises
`MissingExtra`, which the scan reports as one line saying what to install.
"""

from __future__ import annotations

from aispm.live.context import Gap, LiveContext, LiveOptions, NotReadOnly, Throttled, is_read  # noqa: F401
from aispm.live.targets import BadTarget, LiveTarget, is_live, parse_target  # noqa: F401
from aispm.source import SourceResult

__all__ = ["BadTarget", "Gap", "LiveContext", "LiveOptions", "LiveResult", "LiveTarget", "MissingExtra",
           "NotReadOnly", "Throttled", "is_live", "is_read", "parse_target"]

#: The extra that brings each cloud's SDK.
EXTRAS = {"azure": "azure", "aws": "aws", "gcp": "gcp"}
LIVE_FORMAT = "live"


class MissingExtra(Exception):
    """A collector's SDK is not installed."""

    def __init__(self, provider: str) -> None:
        super().__init__(f"reading {provider} needs its SDK: pip install 'aispm[{EXTRAS.get(provider, provider)}]'")
        self.provider = provider


#: What a collector returns: a `SourceResult` (assets, relations, errors, warnings) whose
#: `provenance` has one entry for the target — cloud, scopes read, identity without secrets, when.
LiveResult = SourceResult
