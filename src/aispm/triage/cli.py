"""The triage glue of the `aispm` command: config file as option defaults, the triage options,
and exit codes that never mislead.

`ScanCommand` parses the command line once leniently to learn the targets and `--config`, reads
the config file (`triage.config`), and hands its values to click as the options' defaults
(`ctx.default_map`): what the command line sets wins, everything else comes from the file, and
click checks both the same way. `triage_options` adds `--config`, `--baseline`, `--severity`,
`--soft-fail` (`--exit-zero`) and `--exclude`. `Triage` carries a run's decisions from before the
scan (baseline read first, so a bad one fails before minutes of scanning) to the exit code.

Exit codes: 0 nothing failing; 2 failing findings (new ones, with a baseline) at or above
`--fail-on`, unless `--soft-fail`; 1 the tool could not do its job — usage errors (click's own
included: `Main` makes them 1, not click's default 2, so that 2 always means findings), a config,
suppression file or baseline that cannot be used, or input that could not be read.
"""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from aispm.model import ScanResult, Severity
from aispm.triage.config import SUPPRESSIONS_NAME, Config, ConfigError, discover, find_upward, first_path

EXIT_OK, EXIT_ERROR, EXIT_FINDINGS = 0, 1, 2

#: Config keys → the `aispm scan` parameter each one gives a default to.
PARAMS = {"frameworks": "frameworks", "rules": "rules", "skip-rules": "skip_rules", "fail-on": "fail_on",
          "severity": "severity", "exclude": "excludes", "format": "fmt", "output": "output", "limits": "limits",
          "soft-fail": "soft_fail", "compliance": "compliance"}


class Main(click.Group):
    """The `aispm` group: a usage error exits 1 (click's default is 2, which aispm keeps for
    findings), in the group and in every command under it."""

    def make_context(self, *args, **kwargs):
        try:
            return super().make_context(*args, **kwargs)
        except click.UsageError as exc:
            exc.exit_code = EXIT_ERROR
            raise

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            exc.exit_code = EXIT_ERROR
            raise


class ScanCommand(click.Command):
    """`aispm scan`, with the config file's values as option defaults."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not ctx.resilient_parsing:
            probe = self.make_context(ctx.info_name, list(args), parent=ctx.parent, resilient_parsing=True)
            try:
                config = discover(list(probe.params.get("targets") or ()), probe.params.get("config"))
            except ConfigError as exc:
                raise click.UsageError(str(exc), ctx) from None
            ctx.meta["aispm.config"] = config
            ctx.default_map = {**(ctx.default_map or {}), **self._defaults(config, probe, ctx)}
        return super().parse_args(ctx, args)

    def _defaults(self, config: Config, probe: click.Context, ctx: click.Context) -> dict[str, Any]:
        params = {p.name: p for p in self.params}
        out: dict[str, Any] = {}
        for key, value in config.values.items():
            param = params.get(PARAMS.get(key, ""))
            if param is None:
                raise click.UsageError(f"{config.path}: `{key}` is not an option of `aispm scan` in this version", ctx)
            if key == "limits":
                value = [f"{k}={n}" for k, n in value.items()]
            elif key == "output":
                value = str(config.folder / value)
            elif key == "exclude":
                value = _excludes_for(value, config, probe)
            elif key == "format":  # `FORMAT=PATH`: the path is relative to the config's folder too
                value = [_format_path(v, config) for v in ([value] if isinstance(value, str) else value)]
                value = value[0] if len(value) == 1 and not getattr(param, "multiple", False) else value
            if getattr(param, "multiple", False) and isinstance(value, str):
                value = [value]
            elif not getattr(param, "multiple", False) and isinstance(value, list):
                if len(value) != 1:
                    raise click.UsageError(f"{config.path}: `{key}` takes one value here", ctx)
                value = value[0]
            out[param.name] = value
        return out


def _format_path(spec: str, config: Config) -> str:
    name, sep, path = spec.partition("=")
    if not sep or config.folder is None or Path(path).is_absolute():
        return spec
    return f"{name}={config.folder / path}"


def _excludes_for(globs: list[str], config: Config, probe: click.Context) -> list[str]:
    """Exclude globs are written relative to the config file's folder; the scan matches them
    against paths relative to the target. A glob under the target's own path from the config
    folder is also given without that part (`infra/tests` → `tests` when scanning `infra`)."""
    out = list(globs)
    start = first_path(list(probe.params.get("targets") or ()))
    if start is None or config.folder is None:
        return out
    base = start if start.is_dir() else start.parent
    try:
        rel = Path(os.path.relpath(base.resolve(), config.folder.resolve())).as_posix()
    except ValueError:
        return out
    if rel in (".", "") or rel.startswith(".."):
        return out
    for g in globs:
        g2 = g.strip().removeprefix("./")
        if g2.startswith(rel + "/"):
            out.append(g2[len(rel) + 1:])
    return out


def _severity(ctx, param, value):
    if value is None:
        return None
    try:
        return Severity.parse(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def triage_options(f):
    """The triage options of `aispm scan`."""
    options = [
        click.option("--config", type=click.Path(dir_okay=False, path_type=Path),
                     help="Read settings from this file instead of the `.aispm.yaml` found upward from the target "
                          "(options on the command line override it; docs/triage.md)."),
        click.option("--baseline", type=click.Path(dir_okay=False, path_type=Path),
                     help="A previous JSON report: only findings not in it fail the run; the JSON report marks "
                          "each finding new or existing."),
        click.option("--severity", default=None, callback=_severity, metavar="LEVEL",
                     help="Show only findings at or above this severity (what fails the run is unchanged)."),
        click.option("--soft-fail", "--exit-zero", "soft_fail", is_flag=True,
                     help="Exit 0 even when findings fail (input errors still exit 1)."),
        click.option("--exclude", "excludes", multiple=True, metavar="GLOB",
                     help="Do not read files matching this glob, relative to the target (repeatable), "
                          "e.g. tests/fixtures or '**/samples/**'."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


@dataclass
class Triage:
    """One run's triage decisions: the config, the suppression files and the baseline."""

    config: Config
    baseline_path: Path | None = None
    baseline: dict[str, Any] | None = None
    suppression_files: list[Path] = field(default_factory=list)

    @classmethod
    def start(cls, ctx: click.Context, targets, options, baseline: Path | None, excludes) -> "Triage":
        """Read the config's suppressions, a suppression file and the baseline, and set the scan
        options they decide; any of them unusable is a usage error (exit 1) before the scan."""
        from aispm.triage.baseline import ReportError, load_report
        from aispm.triage.suppress import SuppressionFileError, load_file

        config = ctx.meta.get("aispm.config") or Config()
        t = cls(config=config, baseline_path=baseline)
        entries = list(config.suppressions)
        start = first_path(list(targets))
        found = find_upward(start, SUPPRESSIONS_NAME) if start is not None else None
        if found is None and config.folder is not None and (config.folder / SUPPRESSIONS_NAME).is_file():
            found = config.folder / SUPPRESSIONS_NAME
        if found is not None:
            try:
                entries.extend(load_file(found))
            except SuppressionFileError as exc:
                raise click.UsageError(str(exc)) from None
            t.suppression_files.append(found)
        if baseline is not None:
            try:
                t.baseline = load_report(baseline)
            except ReportError as exc:
                raise click.UsageError(f"--baseline: {exc}") from None
        options.suppressions = tuple(entries)
        options.excludes = tuple(excludes)
        return t

    def finish(self, result: ScanResult) -> None:
        """Mark findings against the baseline and record what triage used in the report."""
        from aispm.triage.baseline import mark

        result.triage["config"] = str(self.config.path.resolve()) if self.config.path else None
        result.triage["suppression_files"] = [str(p.resolve()) for p in self.suppression_files]
        if self.baseline is not None:
            mark(result, self.baseline, str(self.baseline_path))
        else:
            result.triage["baseline"] = None

    @staticmethod
    def shown(result: ScanResult, severity: Severity | None) -> ScanResult:
        """What the reports show: findings at or above `severity` (all when None). The run is
        still judged on every finding."""
        if severity is None:
            return result
        view = copy.copy(result)
        view.findings = [f for f in result.findings if f.severity >= severity]
        return view

    @staticmethod
    def exit_code(result: ScanResult, fail_on: Severity, soft_fail: bool, ignore_input_errors: bool) -> int:
        from aispm.scan import failing

        if result.errors and not ignore_input_errors:
            return EXIT_ERROR
        if failing(result.findings, fail_on) and not soft_fail:
            return EXIT_FINDINGS
        return EXIT_OK


def exit_on_input_errors(result: ScanResult) -> None:
    """`paths`, `query`, `graph`: what could be read is printed, then input that could not be
    read (a missing target included) exits 1."""
    import sys

    if result.errors:
        sys.exit(EXIT_ERROR)
