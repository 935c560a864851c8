"""Live AWS: the running estate of an account, read-only, into the CloudFormation shape.

`collect(target, ctx)` is the provider's collector for `aws://[profile]` (`collector.py`): IAM and
S3 once, then every enabled region concurrently — Bedrock, Bedrock Agents, AgentCore, SageMaker,
Kendra (through Cloud Control), OpenSearch Serverless, Comprehend, Lambda, EC2, KMS — each call
through `LiveContext.call` (read-only, retried on throttling, bounded by the deadline, gaps
recorded). `snapshot.AwsSnapshotSource` reads what `aispm collect` recorded (placebo's layout,
`record.py`) through the same code. boto3 is imported only when a target is read
(`pip install 'aispm[aws]'`).
"""

from __future__ import annotations

from aispm.live.context import LiveContext
from aispm.live.targets import LiveTarget
from aispm.source import SourceResult


def collect(target: LiveTarget, ctx: LiveContext) -> SourceResult:
    from aispm.live import MissingExtra

    try:
        import boto3  # noqa: F401
    except ImportError as exc:
        raise MissingExtra("aws") from exc
    from aispm.providers.aws.live.collector import collect as run

    return run(target, ctx)
