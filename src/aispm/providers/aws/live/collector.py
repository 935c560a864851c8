"""The AWS collector: one target (`aws://[profile]`) → assets in the CloudFormation shape.

get → transform → load, per scope: `global` first (STS GetCallerIdentity for provenance, EC2
DescribeRegions for the enabled regions, IAM and S3 once), then every selected region
concurrently (`ctx.scopes`, bounded by `--concurrency`), each region's services one after the
other (so that a region's calls come in a fixed order, which a snapshot's numbered files
replay). A service that fails in one region is a gap there and nothing else; a region that
fails outright is one gap.

The same function reads a snapshot (`collect(target, ctx, replay=DIR)`): the clients answer
from its files (`record.Replayer`) and the region list is the snapshot's region folders, so a
scan of the snapshot runs the very transform code the live scan ran and gives the same assets,
facts and gaps.

Within a region, once an operation answered that the region or API is not there (an endpoint
missing, a region not enabled, a 5xx from a service that does not implement it), later calls of
the same operation in that region are not made: they would fail the same way, and the gap is
already recorded.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from aispm.live.context import LiveContext, without_secrets
from aispm.live.targets import LiveTarget
from aispm.providers.aws.live import account, bedrock, sagemaker, services
from aispm.providers.aws.live.calls import Clients, Reader
from aispm.providers.aws.live.record import GLOBAL
from aispm.model import ScanError
from aispm.source import SourceResult

#: The regional services, in the order a region reads them: (name for progress, reader).
REGIONAL: tuple[tuple[str, Callable[[Reader, list], None]], ...] = (
    ("bedrock", bedrock.read_bedrock),
    ("bedrock-agent", bedrock.read_agents),
    ("bedrock-agentcore", bedrock.read_agentcore),
    ("sagemaker", sagemaker.read_sagemaker),
    ("cloudcontrol (kendra, kms)", services.read_cloud_control),
    ("opensearchserverless", services.read_opensearch),
    ("comprehend", services.read_comprehend),
    ("lambda", services.read_lambda),
    ("ec2", services.read_ec2),
    ("secretsmanager", services.read_secrets),
)


def scope_of(target: LiveTarget, part: str) -> str:
    """`aws://prod/eu-west-1`: where an asset was read and a gap happened."""
    return f"aws://{target.scope or 'default'}/{part}"


def collect(target: LiveTarget, ctx: LiveContext, replay: Path | None = None,
            read: Callable[[Path], str] | None = None) -> SourceResult:
    """Read `target` (or, with `replay`, the snapshot folder `record/aws` that holds its answers,
    each file read through `read`)."""
    result = SourceResult()
    try:
        clients = Clients(ctx, profile=target.scope or None, replay=replay, read=read)
    except Exception as exc:  # noqa: BLE001 - botocore's ProfileNotFound and config errors: one line, no traceback
        from botocore.exceptions import BotoCoreError

        if not isinstance(exc, BotoCoreError):
            raise
        result.errors.append(ScanError(target.text, None, f"cannot use the AWS credentials: {type(exc).__name__}: "
                                       f"{str(exc)[:200]}"))
        return result
    home = clients.home
    g = Reader(ctx, clients, scope_of(target, GLOBAL), home, GLOBAL)
    ident = g.call("sts", "GetCallerIdentity") or {}
    g.account = account_id = str(ident.get("Account") or "")
    listed = False
    if replay is not None:
        available = sorted(p.name for p in replay.iterdir() if p.is_dir() and p.name != GLOBAL)
        g.call("ec2", "DescribeRegions", AllRegions=False)  # replayed for the same gaps; folders decide
    else:
        got = g.call("ec2", "DescribeRegions", AllRegions=False)
        available = sorted(x.get("RegionName") for x in (got or {}).get("Regions") or []
                           if isinstance(x.get("RegionName"), str)
                           and x.get("OptInStatus", "opt-in-not-required") != "not-opted-in")
        listed = got is not None
        if got is None:
            available = [home]  # the region list could not be read: the home region at least
    regions = sorted(ctx.selected_regions(available))  # one order, live or replayed
    if listed:
        # a region named with --region that the account has not enabled (an opt-in region) answers
        # every call with an error: one gap for it, and its calls are not made
        for name in [x for x in regions if x not in available]:
            ctx.gap(scope_of(target, name), "*", "*", "region not enabled in this account (opt-in) or unknown")
        regions = [x for x in regions if x in available]
    ctx.note(f"{target.text}: account {account_id or '?'}, {len(regions)} region(s)")
    for name, read in (("iam", account.read_iam), ("s3", account.read_s3)):
        ctx.note(f"{g.scope}: {name}")
        read(g, result.assets)

    def region(name: str) -> list:
        r = Reader(ctx, clients, scope_of(target, name), name, name, account=account_id)
        out: list = []
        for svc, read in REGIONAL:
            if ctx.expired():
                ctx.gap(r.scope, svc, "*", "not read: the scan's deadline passed")
                continue
            ctx.note(f"{r.scope}: {svc}")
            read(r, out)
            clients.release(name)  # a client holds its model and pools: one service's at a time
        return out

    for assets in ctx.scopes(regions, region):
        result.assets.extend(assets)
    result.provenance.append(without_secrets({
        "cloud": "aws", "account": account_id, "principal": str(ident.get("Arn") or ""),
        "profile": target.scope or "default", "regions": ",".join(regions)}))
    return result
