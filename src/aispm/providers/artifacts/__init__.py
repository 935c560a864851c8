"""Artifacts: container images, model files and Kubernetes workloads.

What really ships: libraries installed in an image's layers, model files judged by their
opcodes (never loaded), and the workloads that run them. Each family is a subpackage
(`images/`, `models/`, `kubernetes/`) that brings its sources, fact deriver, linkers and
rules; this record lists them, one line each (`docs/contributing.md`). Imports happen inside
the factories, so listing providers imports no parser.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aispm.providers.artifacts import kubernetes  # light: its factories import the parsers
from aispm.providers.artifacts import models  # light: its factories import the readers
from aispm.registry import Provider

if TYPE_CHECKING:
    from aispm.model import Asset


def _sources() -> list:
    from aispm.providers.artifacts.images.source import ImageSource

    return [
        ImageSource(),
        *kubernetes.sources(),
        *models.sources(),
    ]


def _rules() -> list:
    from aispm.providers.artifacts.images.rules import RULES as IMAGE_RULES

    return [
        *IMAGE_RULES,
        *kubernetes.rules(),
        *models.rules(),
    ]


def _derive(asset: "Asset") -> None:
    from aispm.providers.artifacts.images.facts import derive as image_facts

    image_facts(asset)
    kubernetes.derive(asset)


PROVIDER = Provider(
    name="artifacts",
    title="Container images and model files",
    sources=_sources,
    rules=_rules,
    derive=_derive,
    linkers=(kubernetes.link,),
    label=kubernetes.label,
)
