"""Azure rules: one module per service family, each a list of `Rule` records."""

from __future__ import annotations

from aispm.providers.azure.rules import ai_services, databricks, deployments, ml, storage

RULES = [*ai_services.RULES, *ml.RULES, *databricks.RULES, *storage.RULES, *deployments.RULES]
