"""How many of Microsoft Defender for Cloud's AI security recommendations the rules cover, per cloud.

`defender_recommendations.json` lists the recommendations (title, cloud, resource, the property
condition, severity), compiled by the aispm team from the public Microsoft Learn reference pages
(https://learn.microsoft.com/azure/defender-for-cloud/recommendations-reference-ai and the related
reference pages) and the public Azure Policy repository (https://github.com/Azure/azure-policy).
A recommendation is covered when a rule names its exact title in `references.defender`; the
ones left are those configuration cannot decide (a runtime signal, an account-wide setting) or not
built yet, and `aispm rules --coverage` lists them so the gap is never hidden.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from aispm.rules.engine import Rule

_DATA = Path(__file__).with_name("defender_recommendations.json")
#: The data's cloud names → provider names.
_PROVIDERS = {"Azure": "azure", "AWS": "aws", "GCP": "gcp"}


@lru_cache(maxsize=1)
def recommendations() -> tuple[dict, ...]:
    """Every recommendation of the reference, as in the data file (`title`, `provider`, `resource`,
    `condition`, `severity`, `pillar`, `section`)."""
    return tuple(json.loads(_DATA.read_text(encoding="utf-8")))


@dataclass(frozen=True)
class Coverage:
    provider: str  # aispm's provider name: azure | aws | gcp
    covered: tuple[str, ...]  # titles a rule names
    missing: tuple[str, ...]  # titles no rule names yet

    @property
    def total(self) -> int:
        return len(self.covered) + len(self.missing)


def defender_coverage(rules: Iterable[Rule]) -> list[Coverage]:
    """Per cloud, in the order of the reference, the Defender titles the rules cover and miss."""
    named = {r.references.defender for r in rules if r.references.defender}
    out: list[Coverage] = []
    for cloud, provider in _PROVIDERS.items():
        titles = list(dict.fromkeys(x["title"] for x in recommendations() if x["provider"] == cloud))
        out.append(Coverage(provider, tuple(t for t in titles if t in named),
                            tuple(t for t in titles if t not in named)))
    return out


def summary_line(rules: Iterable[Rule]) -> str:
    """`Defender for Cloud AI recommendations covered: Azure 30/33, AWS 21/24, GCP 8/8`."""
    names = {v: k for k, v in _PROVIDERS.items()}
    parts = [f"{names[c.provider]} {len(c.covered)}/{c.total}" for c in defender_coverage(rules)]
    return "Defender for Cloud AI recommendations covered: " + ", ".join(parts)
