"""GCP rules: one module per service family, each a list of `Rule` records."""

from __future__ import annotations

from aispm.providers.gcp.rules import platform, vertex, workbench

RULES = [*vertex.RULES, *workbench.RULES, *platform.RULES]
