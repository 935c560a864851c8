"""The rule catalogue: every rule aispm knows, in id order, read from the provider registry."""

from __future__ import annotations

from aispm.rules.engine import Rule, evaluate

__all__ = ["Rule", "all_rules", "evaluate", "get_rule"]


def all_rules() -> list[Rule]:
    from aispm import registry

    return registry.rules()


def get_rule(rule_id: str) -> Rule | None:
    return next((r for r in all_rules() if r.id == rule_id), None)
