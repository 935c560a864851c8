"""The rule catalogue: every rule aispm knows, in id order."""

from __future__ import annotations

from aispm.rules import (agents, azure_ai_services, azure_databricks, azure_deployments, azure_ml, azure_storage,
                         secrets)
from aispm.rules.engine import Rule, evaluate

__all__ = ["Rule", "all_rules", "evaluate", "get_rule"]


def all_rules() -> list[Rule]:
    rules = [*azure_ai_services.RULES, *azure_ml.RULES, *azure_databricks.RULES, *azure_storage.RULES,
             *azure_deployments.RULES, *agents.RULES, *secrets.RULES]
    return sorted(rules, key=lambda r: r.id)


def get_rule(rule_id: str) -> Rule | None:
    return next((r for r in all_rules() if r.id == rule_id), None)
