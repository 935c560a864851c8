"""Code-side rules: agents, MCP servers and credentials found in code and config."""

from __future__ import annotations

from aispm.providers.code.rules import agents, secrets

RULES = [*agents.RULES, *secrets.RULES]
