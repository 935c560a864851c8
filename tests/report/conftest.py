"""Fixtures shared by the report tests."""

from __future__ import annotations

from typing import Callable

import pytest

_ACCOUNTS_TF = '''resource "azurerm_cognitive_account" "open" {
  name               = "oai-open"
  kind               = "OpenAI"
  local_auth_enabled = true
}

resource "azurerm_cognitive_account" "waived" {
  name               = "oai-waived"
  kind               = "OpenAI" # aispm:ignore:AISPM-AZ-001 REASON
  local_auth_enabled = true
}

resource "azurerm_cognitive_account" "closed" {
  name               = "oai-closed"
  kind               = "OpenAI"
  local_auth_enabled = false
}
'''


@pytest.fixture(scope="session")
def accounts_tf() -> Callable[[str], str]:
    """Terraform (`main.tf` text) with three Azure OpenAI accounts, given the reason of a suppression: `open`
    (local auth on: AISPM-AZ-001 fails, line 1), `waived` (the same, suppressed inline with the reason) and
    `closed` (local auth off: the rule passes)."""
    return lambda reason: _ACCOUNTS_TF.replace("REASON", reason)
