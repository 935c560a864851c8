"""Kubernetes manifests and rendered Helm output: workloads that serve AI, how they are exposed, the
identity they run as, the keys they hold (`source.py` reads, `facts.py` derives, `linker.py` joins
objects, `checks.py` judges: not `rules.py` / `link.py`, whose submodules would shadow the `rules` and
`link` factories the artifacts provider calls).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence


def sources() -> list:
    from aispm.providers.artifacts.kubernetes.source import KubernetesSource

    return [KubernetesSource()]


def rules() -> list:
    from aispm.providers.artifacts.kubernetes.checks import RULES

    return list(RULES)


def derive(asset) -> None:
    if asset.type.startswith("k8s:"):
        from aispm.providers.artifacts.kubernetes.facts import derive as _derive

        _derive(asset)


def link(result) -> None:
    from aispm.providers.artifacts.kubernetes.linker import link as _link

    _link(result)


@dataclass(frozen=True)
class Part:
    sources: Callable[[], Sequence]
    rules: Callable[[], Sequence]
    derive: Callable
    linkers: tuple


PART = Part(sources=sources, rules=rules, derive=derive, linkers=(link,))
