"""Azure rules: one module per service family, each a list of `Rule` records."""

from __future__ import annotations

from aispm.providers.azure.rules import ai_services, databricks, deployments, foundry, ml, ml_compute, search, storage

RULES = [*ai_services.RULES, *search.RULES, *ml.RULES, *ml_compute.RULES, *databricks.RULES, *storage.RULES,
         *deployments.RULES, *foundry.RULES]
