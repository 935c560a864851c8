"""Terraform `aws_*` and `awscc_*` types in the CloudFormation shape: the rows the Terraform
engine maps with.

One table, grouped by concern — Bedrock (`rows_bedrock`), SageMaker (`rows_sagemaker`), data
and keys (`rows_data`), IAM and Lambda (`rows_iam`), networks and instances (`rows_network`),
Cloud Control (`rows_awscc`), the policy documents Terraform renders (`policy_document`), the
code archives of Lambda functions (`rows_code`); the vocabulary is `spec.py`. `terraform_types()`
derives the Terraform type → CloudFormation type table from the rows.
"""

from __future__ import annotations

from typing import Any


def rows() -> list[Any]:
    from aispm.providers.aws.terraform import (policy_document, rows_awscc, rows_bedrock, rows_code, rows_data,
                                               rows_iam, rows_network, rows_sagemaker)

    return [*rows_bedrock.ROWS, *rows_sagemaker.ROWS, *rows_data.ROWS, *rows_iam.ROWS, *rows_network.ROWS,
            *rows_awscc.ROWS, *rows_iam.plugins(), policy_document.ROW, rows_code.ROW]


def terraform_types() -> dict[str, str]:
    """Terraform resource type → the CloudFormation type it deploys (pseudo types included)."""
    from aispm.iac.terraform.mapping import MappingRow

    return {r.tf_type: r.cloud_type for r in rows()
            if isinstance(r, MappingRow) and r.cloud_type and r.provider == "aws"}
