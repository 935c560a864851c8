"""What every AWS rule module shares: the fix helpers (Terraform, CloudFormation, AWS CLI) and the
reference URLs. Terraform attribute names follow the mapping rows (`providers/aws/terraform/`)
and CloudFormation property names the CloudFormation resource reference, so what aispm reads is
what the fix sets."""

from __future__ import annotations

import textwrap

from aispm.rules.engine import Change

DEFENDER_AI = "https://learn.microsoft.com/azure/defender-for-cloud/recommendations-reference-ai"
DEFENDER_DATA = "https://learn.microsoft.com/azure/defender-for-cloud/recommendations-reference-data"
DEFENDER_NET = "https://learn.microsoft.com/azure/defender-for-cloud/recommendations-reference-networking"
DEFENDER_IAM = "https://learn.microsoft.com/azure/defender-for-cloud/recommendations-reference-identity-access"
DEFENDER_COMPUTE = "https://learn.microsoft.com/azure/defender-for-cloud/recommendations-reference-compute"
BEDROCK_AGENTS = "https://docs.aws.amazon.com/bedrock/latest/userguide/agents.html"
BEDROCK_GUARDRAILS = "https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails.html"
SAGEMAKER_SECURITY = "https://docs.aws.amazon.com/sagemaker/latest/dg/security.html"


def terraform(target: str, code: str, note: str = "") -> Change:
    """A Terraform change for resources of `target` (an `aws_*` type): the attributes and blocks to
    set (`# ...` stands for the rest of the block)."""
    return Change("terraform", textwrap.dedent(code).strip("\n"), target=target, note=note)


def cloudformation(target: str, code: str, note: str = "") -> Change:
    """A CloudFormation change for resources of `target` (a CloudFormation type), in YAML."""
    return Change("config", textwrap.dedent(code).strip("\n"), target=target, title="CloudFormation",
                  lang="yaml", note=note)


def aws_cli(code: str, note: str = "", target: str = "") -> Change:
    """An AWS CLI command (placeholders in `<angle brackets>`)."""
    return Change("cli", textwrap.dedent(code).strip("\n"), target=target, title="AWS CLI", note=note)
