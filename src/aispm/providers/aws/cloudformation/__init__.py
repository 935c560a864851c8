"""AWS CloudFormation as a source: templates in YAML (every short-form intrinsic) and JSON, SAM
templates expanded to what they deploy, nested stacks by local path, and CDK cloud assemblies
(`cdk.out`). Assets have their CloudFormation type and evaluated `Properties` (docs/design.md,
CloudFormation section)."""

from aispm.providers.aws.cloudformation.source import CloudFormationSource

__all__ = ["CloudFormationSource"]
