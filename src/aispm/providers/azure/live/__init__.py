"""Live Azure: the running estate read through Resource Graph, ARM and the Foundry Agent Service.

`collect.collect` is the provider's live collector (`azure://[subscription]`); `snapshot` reads what
`aispm collect` recorded — and `az graph query -o json` / `az resource list -o json` output — through
the same `transform`, so a live scan and a scan of its snapshot give the same assets and findings.
`client` holds every call to Azure; `queries` the Resource Graph queries. See `docs/live.md`.
"""

from __future__ import annotations
