"""GCP rules: one module per service family, each a list of `Rule` records."""

from __future__ import annotations

RULES: list = []
