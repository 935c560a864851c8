"""The security graph of a scan: node insights, attack paths, choke points, queries, exports.

    from aispm.graph import analyze
    analyze(result)          # sets result.attack_paths, result.choke_points, asset.insights

Lower level: `build(result) -> SecurityGraph` (build.py), `insights.mark(graph)`,
`describe.find(graph)`, `query.run(graph, "ai-endpoints reachable-from internet")`,
`export.graphml(graph)` / `export.cypher(graph)`.
"""

from __future__ import annotations

from aispm.graph.build import SecurityGraph, build, register_merge_key, register_reference_key
from aispm.model import ScanResult

__all__ = ["SecurityGraph", "analyze", "build", "register_merge_key", "register_reference_key"]


def analyze(result: ScanResult, *, k: int = 3, max_paths: int | None = 10_000) -> SecurityGraph:
    """Build the security graph of `result`, mark insights on its assets and set
    `result.attack_paths` and `result.choke_points`. Returns the graph (for queries
    and exports); callers that only want the report fields can ignore it."""
    from aispm.graph import describe, insights

    graph = build(result)
    insights.mark(graph)
    result.attack_paths, result.choke_points = describe.find(graph, k=k, max_paths=max_paths)
    return graph
