"""AWS rules: one module per service family, each a list of `Rule` records."""

from __future__ import annotations

from aispm.providers.aws.rules import bedrock, sagemaker, services

RULES = [*bedrock.RULES, *sagemaker.RULES, *services.RULES]
