"""Reading the live targets of a scan: each through its provider's collector, under a guard.

The scan hands this its live targets (`aispm.live.targets`); each goes to the collector of the
provider its scheme names. A provider without a collector, a missing SDK (`MissingExtra`) or a
collector that fails outright is one entry of `errors` for that target — the other targets, live
or files, are read as usual. What a collector could not read (`ctx.gaps`) goes to the report's
`gaps`, and where and as whom it read to `provenance`.
"""

from __future__ import annotations

from typing import Callable

from aispm import registry
from aispm.guard import stage_error
from aispm.live import LiveResult, MissingExtra
from aispm.live.context import LiveContext, LiveOptions, NotReadOnly
from aispm.live.targets import LiveTarget
from aispm.model import ScanError, ScanResult


def _collectors() -> dict:
    """Provider name → its live collector (the providers that have one)."""
    return {p.name: p.collector for p in registry.providers() if p.collector is not None}


def collect_live(targets: list[LiveTarget], options: LiveOptions, result: ScanResult,
                 progress: Callable[[str], None] = lambda _line: None,
                 stage: Callable[..., None] | None = None) -> None:
    """Read every live target into `result` (assets, relations, errors, warnings, gaps, provenance).
    `progress` gets a line when each target starts and ends (with what it could not read); `stage`
    (the scan's status, `ScanOptions.stage`) where each collector is: cloud, region or subscription,
    service."""
    collectors = _collectors()

    def status(detail: str) -> None:
        if stage is not None:
            stage("collect", 0, 0, detail)

    for target in targets:
        collector = collectors.get(target.provider)
        if collector is None:
            result.errors.append(ScanError(target.text, None, f"no live collector for {target.provider} yet"))
            continue
        ctx = LiveContext(options=options, progress=progress, status=status)
        progress(f"{target.text}: reading")
        try:
            got = collector(target, ctx)
        except MissingExtra as exc:
            result.errors.append(ScanError(target.text, None, str(exc)))
            continue
        except NotReadOnly as exc:  # a collector bug: nothing it read is trusted
            result.errors.append(ScanError(target.text, None, f"collector stopped: {exc}"))
            continue
        except Exception as exc:  # noqa: BLE001 - one target lost, never the scan
            result.errors.append(stage_error("collect", exc, target.text, None, f"live {target.provider}"))
            got = None
        if isinstance(got, LiveResult):
            result.assets.extend(got.assets)
            result.relations.extend(got.relations)
            result.errors.extend(got.errors)
            result.warnings.extend(got.warnings)
            result.provenance.extend({**p, "kind": "live", "target": target.text} for p in got.provenance)
        result.gaps.extend(g for g in ctx.gaps if g not in result.gaps)
        progress(done_line(target.text, len(got.assets) if isinstance(got, LiveResult) else 0, ctx.gaps))


def done_line(target: str, assets: int, gaps: list) -> str:
    """`aws://prod: done (412 assets; not readable: 3 calls in 2 services)`: a target's last line."""
    if not gaps:
        return f"{target}: done ({assets} assets)"
    services = {(g.scope, g.service) for g in gaps}
    return (f"{target}: done ({assets} assets; not readable: {len(gaps)} call{'s' if len(gaps) != 1 else ''} "
            f"in {len(services)} service{'s' if len(services) != 1 else ''}, listed at the end)")
