"""Code to cloud: IaC and the live estate it became, compared (drift) and joined (one graph node).

Not a cloud: a provider record that brings one linker (`match.link`, run after every cloud's
linkers, so facts are complete) and the two rules that judge what it finds — drift between a
declaration and its live resource, and AI resources that run with no declaration (shadow AI).
Both only speak when one scan reads IaC and a live target or snapshot of the same cloud.
"""

from __future__ import annotations

from aispm.registry import Provider


def _rules():
    from aispm.providers.drift.rules import RULES

    return RULES


def _link(result) -> None:
    from aispm.providers.drift.match import link

    link(result)


PROVIDER = Provider(name="drift", title="Code to cloud", linkers=(_link,), rules=_rules)
