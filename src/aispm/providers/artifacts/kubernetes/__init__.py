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


#: How attack paths name a Kubernetes object: `Kubernetes Deployment chat-llm`.
_LABELS = {"serviceaccount": "service account", "clusterrolebinding": "cluster role binding",
           "rolebinding": "role binding", "clusterrole": "cluster role", "configmap": "ConfigMap"}


def label(asset, type_lower: str) -> str | None:
    if not type_lower.startswith("k8s:"):
        return None
    kind = asset.type.rsplit("/", 1)[-1] if asset is not None else type_lower.rsplit("/", 1)[-1]
    return f"Kubernetes {_LABELS.get(kind.lower(), kind)}"
