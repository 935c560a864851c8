"""The path search's shortest distances (Dial's algorithm over numpy arrays) are exact:
compared with a textbook heap Dijkstra on random multigraphs with the weights the traversal
table uses, several sources, unwalkable edges, self-loops and unreachable nodes."""

from __future__ import annotations

import heapq
import random

import numpy as np
import pytest

from aispm.graph.paths import _distances, _walkable_csr

WEIGHTS = [1.0, 1.5, 2.0, 3.0, 4.0, 3.5, np.inf]  # Traverse weights, + UNKNOWN_PENALTY (2), inf: not walked


def _reference(n: int, edges: list[tuple[int, int, float]], sources: list[int]) -> list[float]:
    adj: dict[int, list[tuple[int, float]]] = {}
    for u, v, w in edges:
        if w != np.inf:
            adj.setdefault(u, []).append((v, w))
    dist = [np.inf] * n
    heap = [(0.0, s) for s in set(sources)]
    for _, s in heap:
        dist[s] = 0.0
    heapq.heapify(heap)
    while heap:
        d, u = heapq.heappop(heap)
        if d > dist[u]:
            continue
        for v, w in adj.get(u, ()):
            if d + w < dist[v]:
                dist[v] = d + w
                heapq.heappush(heap, (d + w, v))
    return dist


@pytest.mark.parametrize("seed", range(40))
def test_distances_equal_a_heap_dijkstra(seed: int) -> None:
    rnd = random.Random(seed)
    n = rnd.randint(1, 400)
    m = rnd.randint(0, n * 4)
    edges = [(rnd.randrange(n), rnd.randrange(n), rnd.choice(WEIGHTS)) for _ in range(m)]
    sources = [rnd.randrange(n) for _ in range(rnd.randint(1, 5))]
    src = np.asarray([e[0] for e in edges], dtype=np.int32)
    dst = np.asarray([e[1] for e in edges], dtype=np.int32)
    w = np.asarray([e[2] for e in edges], dtype=np.float64)
    got = _distances(_walkable_csr(src, dst, w, n), n, sources)
    assert got.tolist() == _reference(n, edges, sources)


def test_weights_that_are_not_half_units_are_refused() -> None:
    with pytest.raises(ValueError, match="multiples of 0.5"):
        _walkable_csr(np.asarray([0]), np.asarray([1]), np.asarray([0.3]), 2)
    with pytest.raises(ValueError, match="multiples of 0.5"):
        _walkable_csr(np.asarray([0]), np.asarray([1]), np.asarray([0.0]), 2)
