"""Google Cloud, live: the collector (`inventory.py`: `gcp://` targets read through the Cloud Asset
Inventory, read-only), the transform it shares with the snapshot source (`transform.py`), and the
snapshot source (`snapshot.py`: Cloud Asset Inventory export JSON lines, as `aispm collect` and
`gcloud asset export` write them). The SDK (`google-cloud-asset`, `google-auth`) is imported only
when a live target is read (`pip install 'aispm[gcp]'`)."""

from __future__ import annotations

from typing import Any


def collect(target: Any, ctx: Any) -> Any:
    from aispm.providers.gcp.live.inventory import collect as run

    return run(target, ctx)


def snapshot_sources() -> list[Any]:
    from aispm.providers.gcp.live.snapshot import GcpSnapshotSource

    return [GcpSnapshotSource()]
