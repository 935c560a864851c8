"""What every GCP rule module shares: the fix helpers (Terraform and gcloud CLI changes) and
the reference URLs. Terraform attribute names follow the mapping rows (`providers/gcp/terraform/`),
so what aispm reads is what the fix sets."""

from __future__ import annotations

import textwrap

from aispm.rules.engine import Change

DEFENDER_AI = "https://learn.microsoft.com/azure/defender-for-cloud/recommendations-reference-ai"
VERTEX_CMEK = "https://cloud.google.com/vertex-ai/docs/general/cmek"
WORKBENCH = "https://cloud.google.com/vertex-ai/docs/workbench/instances/introduction"


def terraform(target: str, code: str, note: str = "") -> Change:
    """A Terraform change for resources of `target` (a `google_*` type): the attributes and blocks
    to set (`# ...` stands for the rest of the block)."""
    return Change("terraform", textwrap.dedent(code).strip("\n"), target=target, note=note)


def gcloud(code: str, note: str = "", target: str = "") -> Change:
    """A gcloud CLI command (placeholders in `<angle brackets>`)."""
    return Change("cli", textwrap.dedent(code).strip("\n"), target=target, title="gcloud CLI", note=note)
