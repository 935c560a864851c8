"""The `aispm` command: a thin shell over `aispm.scan.scan` and the reporters.

Reports go to stdout (or `-o FILE`); logs and the terminal summary of a
machine-readable run go to stderr, so stdout stays machine-clean.

Exit codes: 0 = no failing finding at or above `--fail-on`; 2 = failing
findings at or above `--fail-on`; 1 = the tool could not do its job (bad usage,
or input that could not be read — the report is still written, but the run
never exits 0 while silently skipping input; `--ignore-input-errors` opts out).
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import sys
from pathlib import Path
from typing import NoReturn

import click
from rich.console import Console

from aispm import __version__, registry
from aispm.limits import DEFAULT as DEFAULT_LIMITS
from aispm.live.context import LiveOptions
from aispm.live.targets import is_live
from aispm.limits import Limits
from aispm.compliance import FRAMEWORK_IDS
from aispm.model import Severity
from aispm.report.terminal import escape_line, safe
from aispm.rules import all_rules
from aispm.scan import ScanOptions, failing, scan
from aispm.triage.cli import Main, ScanCommand, Triage, exit_on_input_errors, triage_options

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_FINDINGS = 2

FORMATS = tuple(registry.FORMATS)


class _Frameworks(click.Choice):
    """`--framework` choices: the registry's source names (and their aliases), read when first
    needed, so that `aispm --help` imports no parser."""

    def __init__(self) -> None:
        super().__init__([], case_sensitive=True)

    @property
    def choices(self):  # type: ignore[override]
        return (*registry.source_names(), *registry.SOURCE_ALIASES)

    @choices.setter
    def choices(self, value) -> None:
        pass


def _severity(ctx, param, value: str) -> Severity:
    try:
        return Severity.parse(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


class _Target(click.ParamType):
    """A path, or a live target (`aws://prod`, `azure://<subscription>`, `gcp://<project>`) kept as
    written (a path type would fold its `//`)."""

    name = "TARGET"

    def convert(self, value, param, ctx):
        if isinstance(value, str) and is_live(value):
            return value
        return Path(value)


TARGET = _Target()


class _Output(click.ParamType):
    """`-f FORMAT` or `-f FORMAT=PATH`."""

    name = "FORMAT[=PATH]"

    def convert(self, value, param, ctx):
        if isinstance(value, tuple):
            return value
        name, sep, path = str(value).partition("=")
        name = name.strip()
        if name not in registry.FORMATS:
            self.fail(f"{name!r} is not a format; choose from {', '.join(registry.FORMATS)}", param, ctx)
        if sep and not path.strip():
            self.fail(f"{value!r}: a path is needed after '='", param, ctx)
        return (name, Path(path) if sep else None)


OUTPUT = _Output()


def _live_options(regions: tuple[str, ...], exclude_regions: tuple[str, ...], deadline: float,
                  record: Path | None = None) -> LiveOptions:
    return LiveOptions(regions=tuple(regions), exclude_regions=tuple(exclude_regions),
                       deadline_seconds=deadline, record=record)


def _limits(ctx, param, values: tuple[str, ...]) -> Limits:
    """`--limit budget=N` pairs → the scan's `Limits` (the defaults for the budgets not named)."""
    changes: dict[str, int] = {}
    for item in values:
        name, sep, number = item.partition("=")
        name = name.strip().replace("-", "_")
        if not sep or name not in Limits.names():
            raise click.BadParameter(f"{item!r}: expected BUDGET=N with BUDGET one of {', '.join(Limits.names())}")
        try:
            changes[name] = int(number.replace("_", ""))
        except ValueError:
            raise click.BadParameter(f"{item!r}: {number!r} is not a whole number") from None
        if changes[name] < 1:
            raise click.BadParameter(f"{item!r}: a budget is at least 1")
    return dataclasses.replace(DEFAULT_LIMITS, **changes)


def _platform(ctx, param, value: str) -> str:
    import re

    if not re.fullmatch(r"[a-z0-9]+/[a-z0-9_]+(/[a-z0-9]+)?", value):
        raise click.BadParameter(f"{value[:40]!r}: expected OS/ARCH[/VARIANT], e.g. linux/arm64 or linux/arm/v7")
    return value


@click.group(cls=Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="aispm")
def main() -> None:
    """AI security posture management: what AI you have, how it is configured, and what is exposed."""


@main.command("scan", cls=ScanCommand)
@click.argument("targets", nargs=-1, type=TARGET)
@click.option("-f", "--format", "fmt", type=OUTPUT, multiple=True, default=("table",), show_default=True,
              metavar="FORMAT[=PATH]",
              help=f"Report format ({', '.join(FORMATS)}); FORMAT=PATH writes that report to PATH (its folder is "
                   "created). Repeatable: `-f table -f sarif=aispm.sarif -f json=report.json` writes three reports "
                   "from one scan; at most one without a path goes to stdout (or to -o).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to this file instead of stdout.")
@click.option("--fail-on", default="low", show_default=True, callback=_severity,
              help="Exit 2 when a finding fails at or above this severity (critical, high, medium, low, info).")
@click.option("--var-file", "var_files", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Terraform variable file to use (repeatable).")
@click.option("--allow-root", "allow_roots", multiple=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Also read files under this folder when the target refers to them (modules, linked templates, "
                   "symlinks); by default a scan reads only inside its targets and their work trees (repeatable).")
@click.option("--rule", "rules", multiple=True, help="Run only this rule id (repeatable).")
@click.option("--skip-rule", "skip_rules", multiple=True, help="Do not run this rule id (repeatable).")
@click.option("--framework", "frameworks", multiple=True,
              type=_Frameworks(),
              help="Read only these input kinds (repeatable).")
@click.option("--max-file-size", default=20, show_default=True, type=click.IntRange(1),
              help="Skip (and report) files larger than this many MB.")
@click.option("--region", "regions", multiple=True, metavar="REGION",
              help="Live targets: read only this region (repeatable; default: every enabled region).")
@click.option("--exclude-region", "exclude_regions", multiple=True, metavar="REGION",
              help="Live targets: skip this region (repeatable).")
@click.option("--deadline", default=1800.0, show_default=True, type=click.FloatRange(min=1),
              help="Live targets: seconds after which no new cloud call starts (what was read is kept).")
@click.option("--limit", "limits", multiple=True, callback=_limits, metavar="BUDGET=N",
              help="Raise (or lower) one budget of what an input may make the scan do, e.g. "
                   "instances_per_resource=50000 (repeatable; `aispm.limits` lists them and their defaults).")
@click.option("--platform", default="linux/amd64", show_default=True, metavar="OS/ARCH[/VARIANT]", callback=_platform,
              help="Container images: the platform read from a multi-platform image (an OCI index or docker "
                   "manifest list), e.g. linux/arm64.")
@click.option("--pull", "pulls", multiple=True, metavar="REF",
              help="Fetch this container image from its registry into aispm's cache and scan it, e.g. "
                   "ghcr.io/org/app:1.2 (repeatable; the user's docker credentials are used when the registry asks, "
                   "sent only to the registry's host and to a token service on its host or domain, or "
                   "auth.docker.io for Docker Hub; any other token service is asked anonymously, with a warning; "
                   "the only network access of a scan of files).")
@click.option("--insecure-registry", is_flag=True,
              help="--pull: allow plain HTTP to a registry that is not on loopback.")
@click.option("--spec-version", type=click.Choice(["1.6", "1.7"]), default="1.6", show_default=True,
              help="CycloneDX specification version (with --format cyclonedx).")
@click.option("--show-passed", is_flag=True, help="Also list passing findings in the table.")
@click.option("--inventory", "show_inventory", is_flag=True,
              help="Table: list every AI asset (by default the summary counts them by provider and kind).")
@click.option("--compact", is_flag=True, help="Table: the summary and one line per failing rule.")
@click.option("--ignore-input-errors", is_flag=True,
              help="Do not exit 1 because some input could not be read (it is still reported).")
@click.option("--offline", is_flag=True,
              help="Guarantee no network access (a scan never downloads; this makes it explicit for CI).")
@click.option("--skip-vulnerabilities", is_flag=True, help="Do not match libraries against advisories.")
@click.option("--compliance", "compliance", multiple=True, type=click.Choice(FRAMEWORK_IDS), metavar="FRAMEWORK",
              help="Show this compliance framework's coverage per requirement (pass, fail, manual, not covered) in "
                   f"the table, JSON, HTML and OCSF reports (repeatable; {', '.join(FRAMEWORK_IDS)}; "
                   "`aispm rules --compliance FRAMEWORK` lists its mappings).")
@click.option("-q", "--quiet", is_flag=True, help="No summary on stderr.")
@triage_options
def scan_cmd(targets, fmt, output, fail_on, var_files, allow_roots, rules, skip_rules, frameworks, max_file_size,
             regions, exclude_regions, deadline, limits, platform, pulls, insecure_registry, spec_version, show_passed, show_inventory, compact,
             ignore_input_errors, offline, skip_vulnerabilities, quiet, config, baseline, severity, soft_fail,
             excludes, compliance=()) -> None:
    """Scan IaC directories or files for AI assets and misconfigurations."""
    err = Console(stderr=True)
    outputs = _outputs(fmt, output)  # checked (and their folders created) before minutes of scanning
    status = _progress(err, quiet)
    options = ScanOptions(
        max_file_size=max_file_size * 1024 * 1024,
        var_files=tuple(var_files),
        allow_roots=tuple(allow_roots),
        rules=tuple(rules),
        skip_rules=tuple(skip_rules),
        frameworks=tuple(frameworks),
        vulnerabilities=not skip_vulnerabilities,
        limits=limits,
        platform=platform,
        pull=tuple(pulls),
        insecure_registry=insecure_registry,
        live=_live_options(regions, exclude_regions, deadline),
        progress=status.note,
        stage=status.update,
    )
    if not targets and not pulls:
        raise click.UsageError("name a target to scan (a folder, a file, a live cloud) or an image to --pull")
    if offline and pulls:
        raise click.UsageError("--offline promises no network access, and --pull fetches an image")
    if offline and any(is_live(str(t)) for t in targets):
        raise click.UsageError("--offline promises no network access, and a live target reads a cloud")
    from aispm.triage.patterns import unknown_patterns

    unknown_ids = unknown_patterns((*rules, *skip_rules), (r.id for r in all_rules()))
    if unknown_ids:
        raise click.UsageError(f"unknown rule id(s): {', '.join(unknown_ids)}; see `aispm rules`")
    triage = Triage.start(click.get_current_context(), targets, options, baseline, excludes)
    with _result_kept(), status:  # the status line is erased before any report or summary is printed
        full = scan(list(targets), options)
    triage.finish(full)
    result = Triage.shown(full, severity)  # what is shown; the exit code judges `full`
    if compliance:  # judged on every finding, not only the severities shown
        from aispm.compliance.coverage import evaluate_all

        result.compliance = evaluate_all(compliance, all_rules(), full.findings)

    wrote_ok = _write_reports(result, outputs, spec_version, show_passed, show_inventory, compact, err)
    if not quiet and not any(name == "table" and path is None for name, path in outputs):
        bad = failing(full.findings, fail_on)
        err.print(f"aispm: {result.files_scanned} files, {len(result.assets)} assets, "
                  f"{len(bad)} failing findings at or above {fail_on}, {len(result.errors)} input errors")
    if not quiet:
        for w in result.warnings:
            err.print(f"[yellow]warning[/]: {escape_line(w)}", highlight=False)
        _print_gaps(err, result)
    if result.errors and not quiet:
        for e in result.errors:
            err.print(f"[yellow]input error[/]: {escape_line(e.file)}{':' + str(e.line) if e.line else ''}: "
                  f"{escape_line(e.message)}",
                      highlight=False)
    if not wrote_ok:
        sys.exit(EXIT_ERROR)
    sys.exit(Triage.exit_code(full, fail_on, soft_fail, ignore_input_errors))


def _progress(err: Console, quiet: bool):
    """The status line on stderr (`aispm.cli.progress`: only on a terminal, only after a second, never
    with --quiet) and, through it, the progress lines of live targets."""
    from aispm.cli.progress import Progress

    def log(line: str) -> None:
        if not quiet:
            err.print(f"[dim]{escape_line(line)}[/]", highlight=False)

    return Progress(sys.stderr, enabled=not quiet, log=log)


def _outputs(specs: tuple[tuple[str, Path | None], ...], output: Path | None) -> list[tuple[str, Path | None]]:
    """The reports to write: (format, path or None for stdout). `-o` is the path of the one format
    named without a path. Every path's folder is created and checked now, before the scan."""
    outputs = list(specs) or [("table", None)]
    bare = [n for n, (_, path) in enumerate(outputs) if path is None]
    if output is not None:
        if len(bare) != 1:
            raise click.UsageError("-o names the file of the one format given without a path; "
                                   "with several formats write -f FORMAT=PATH")
        outputs[bare[0]] = (outputs[bare[0]][0], output)
    elif len(bare) > 1:
        raise click.UsageError("only one report can go to stdout: give the others a path (-f FORMAT=PATH)")
    paths = [p.resolve() for _, p in outputs if p is not None]
    if len(set(paths)) != len(paths):
        raise click.UsageError("two reports would be written to the same file")
    for _, path in outputs:
        if path is not None:
            _check_writable(path)
    return outputs


def _check_writable(path: Path) -> None:
    """Create the report's folder and make sure the file can be written (one line and exit 1 if not)."""
    import os

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise click.ClickException(f"cannot create the folder of {path}: {exc.strerror or exc}") from None
    if path.is_dir():
        raise click.ClickException(f"cannot write {path}: it is a folder")
    if not os.access(path if path.exists() else path.parent, os.W_OK):
        raise click.ClickException(f"cannot write {path}: permission denied")


def _report_console(file=None) -> Console:
    """A console for the table: the terminal's width; a pipe or a file gets 80 columns unless
    `COLUMNS` says otherwise (so that piped output is not as wide as whatever terminal is near)."""
    import os

    columns = os.environ.get("COLUMNS", "")
    width = int(columns) if columns.isdigit() and int(columns) > 0 else 80
    if file is not None:
        return Console(file=file, width=width, no_color=True, highlight=False)
    console = Console(highlight=False)
    if not console.is_terminal:
        console.width = width
    return console


def _write_stdout(data: bytes) -> None:
    """A report's bytes to stdout, through its binary buffer when it has one (a console does;
    a test's captured stream may not)."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(data.decode("utf-8"))
        return
    sys.stdout.flush()
    buffer.write(data)
    buffer.flush()


def _write_reports(result, outputs, spec_version: str, show_passed: bool, show_inventory: bool, compact: bool,
                   err: Console) -> bool:
    """Write every report; one that cannot be written is one line on stderr (the others are still
    written) and the run exits 1."""
    ok = True
    for name, path in outputs:
        try:
            if name == "table":
                from aispm.report.table import render

                if path is None:
                    render(result, _report_console(), show_passed, show_inventory, compact)
                else:
                    with path.open("w", encoding="utf-8") as fh:
                        render(result, _report_console(fh), show_passed, show_inventory, compact)
                continue
            report_format = registry.FORMATS[name]
            options = {"spec_version": spec_version} if "spec_version" in report_format.options else {}
            data = report_format.encoder()(result, **options)
            if path is None:
                _write_stdout(data)
            else:
                path.write_bytes(data)
        except OSError as exc:
            err.print(f"[red]error[/]: cannot write the {name} report to {escape_line(path)}: "
                      f"{escape_line(exc.strerror or exc)}", highlight=False, soft_wrap=True)
            ok = False
    return ok


@main.command("rules")
@click.argument("rule_id", required=False, metavar="[RULE_ID]")
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--coverage", is_flag=True,
              help="Instead of the rules, how many of Defender for Cloud's AI recommendations they cover per cloud, "
                   "and which are missing.")
@click.option("--compliance", "compliance", type=click.Choice(FRAMEWORK_IDS), metavar="FRAMEWORK",
              help=f"Instead of the rules, each requirement of this framework ({', '.join(FRAMEWORK_IDS)}) and the "
                   "rules that map to it.")
def rules_cmd(rule_id: str | None, fmt: str, coverage: bool, compliance: str | None = None) -> None:
    """List the rule catalogue: id, title, severity, pillar, references. With RULE_ID, show that
    rule whole: risk, steps, the fix in every form (Terraform, Bicep, ARM, CloudFormation, CLI),
    references and its page."""
    from aispm.rules.coverage import defender_coverage, summary_line

    rules = all_rules()
    if rule_id:
        rule = next((r for r in rules if r.id.lower() == rule_id.strip().lower()), None)
        if rule is None:
            raise click.UsageError(f"unknown rule id {rule_id!r}; `aispm rules` lists them")
        if fmt == "json":
            sys.stdout.write(json.dumps(rule.metadata(), indent=2) + "\n")
        else:
            from aispm.report.rule_text import render as render_rule

            render_rule(rule, _report_console())
        return
    if compliance:
        from aispm.compliance.listing import render_mappings

        render_mappings(compliance, rules, fmt, Console(highlight=False))
        return
    if coverage:
        cov = defender_coverage(rules)
        if fmt == "json":
            sys.stdout.write(json.dumps([{"provider": c.provider, "covered": len(c.covered), "total": c.total,
                                          "missing": list(c.missing)} for c in cov], indent=2) + "\n")
            return
        out = Console(highlight=False)
        out.print(safe(summary_line(rules)))
        for c in cov:
            for title in c.missing:
                out.print(safe(f"  {c.provider}: not covered: {title}"))
        return
    if fmt == "json":
        sys.stdout.write(json.dumps([r.metadata() for r in rules], indent=2) + "\n")
        return
    from rich.table import Table

    t = Table(title=f"aispm rules ({len(rules)})", title_justify="left", caption=summary_line(rules),
              caption_justify="left")
    for col in ("id", "severity", "pillar", "title", "references"):
        t.add_column(col, overflow="fold")
    for r in rules:
        refs = []
        if r.references.defender:
            refs.append("Defender")
        refs.extend(r.references.checkov)
        refs.extend(r.references.psrule)
        t.add_row(r.id, str(r.severity), str(r.pillar), r.title, ", ".join(refs))
    Console().print(t)


def _print_gaps(err: Console, result) -> None:
    """What live targets could not read, grouped by scope and reason (the report has each one)."""
    if not result.gaps:
        return
    from aispm.live.summary import gap_lines

    err.print(f"[yellow]not readable[/]: {len(result.gaps)} cloud call(s) gave no answer; their facts are unknown:",
              highlight=False)
    for line in gap_lines(result.gaps):  # one line per scope and reason
        err.print(escape_line(line), highlight=False)


@main.command("collect")
@click.argument("target")
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the snapshot into (created if missing).")
@click.option("--region", "regions", multiple=True, metavar="REGION", help="Read only this region (repeatable).")
@click.option("--exclude-region", "exclude_regions", multiple=True, metavar="REGION", help="Skip this region.")
@click.option("--deadline", default=1800.0, show_default=True, type=click.FloatRange(min=1),
              help="Seconds after which no new cloud call starts.")
@click.option("-q", "--quiet", is_flag=True, help="No progress on stderr.")
def collect_cmd(target, output, regions, exclude_regions, deadline, quiet) -> None:
    """Read a live cloud once into a snapshot folder that `aispm scan DIR` reads anywhere, offline.

    TARGET is `azure://[subscription]`, `aws://[profile]`, `gcp://[project]` or
    `dataverse://<org>.crm.dynamics.com` (Copilot Studio agents). Each cloud writes
    what it answered in a format other tools speak too (docs/live.md); `aispm-snapshot.json`
    records when, where and as whom (no secrets)."""
    from datetime import datetime, timezone

    err = Console(stderr=True)
    if not is_live(target):
        raise click.UsageError(f"{target!r} is not a live target (azure://, aws://, gcp://, dataverse://)")
    output.mkdir(parents=True, exist_ok=True)
    status = _progress(err, quiet)
    options = ScanOptions(attack_paths=False, vulnerabilities=False,
                          live=_live_options(regions, exclude_regions, deadline, record=output),
                          progress=status.note, stage=status.update)
    with status:
        result = scan([target], options)
    meta = {"schema": "aispm/snapshot@1", "tool": {"name": "aispm", "version": __version__},
            "taken_at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), "target": target,
            "provenance": result.provenance,
            "gaps": [{"scope": g.scope, "service": g.service, "operation": g.operation, "reason": g.reason}
                     for g in result.gaps]}
    (output / "aispm-snapshot.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    for e in result.errors:
        err.print(f"[yellow]error[/]: {escape_line(e.file)}: {escape_line(e.message)}", highlight=False)
    if not quiet:
        _print_gaps(err, result)
        err.print(f"aispm: {len(result.assets)} resources read into {escape_line(str(output))}", highlight=False)
    sys.exit(EXIT_ERROR if result.errors and not result.assets else EXIT_OK)


@contextlib.contextmanager
def _result_kept():
    """Around the scan: what it builds is kept to the end of the command, out of the cyclic
    garbage collector's sight.

    A scan pauses the collector (`aispm.scan.scan`) and ends holding hundreds of thousands of
    small objects, all still in the youngest generation. Were the collector simply re-enabled,
    its next passes would walk every one of them (0.3 s on the 5,000-resource benchmark corpus,
    0.5 s on the multi-cloud one), and so would every full collection while reports are written
    and the one at interpreter exit. So it stays paused until the result is frozen (`gc.freeze`:
    kept, never walked), then runs as before for what the reports allocate."""
    import gc

    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def _scan_for_graph(targets: tuple[Path, ...]):
    """Scan for the graph commands: errors go to stderr, the graph is returned."""
    from aispm.graph import analyze

    options = ScanOptions(attack_paths=False)
    with _result_kept():
        result = scan(list(targets), options)
    err = Console(stderr=True)
    for e in result.errors:
        err.print(f"[yellow]input error[/]: {escape_line(e.file)}{':' + str(e.line) if e.line else ''}: "
                  f"{escape_line(e.message)}",
                  highlight=False)
    graph = analyze(result)
    return result, graph


@main.command("paths")
@click.argument("targets", nargs=-1, required=True, type=TARGET)
@click.option("--entry-kind", multiple=True, help="Only paths starting at this kind of entry point (repeatable).")
@click.option("--target-kind", multiple=True, help="Only paths ending at this kind of target (repeatable).")
@click.option("--asset", "assets", multiple=True,
              help="Only paths through this asset: uid, address or name (repeatable).")
@click.option("--min-score", type=float, default=0.0, show_default=True, help="Only paths scoring at least this.")
@click.option("--status", type=click.Choice(["confirmed", "possible"]), help="Only confirmed or only possible paths.")
@click.option("--limit", type=click.IntRange(1), default=50, show_default=True, help="Show at most this many paths.")
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def paths_cmd(targets, entry_kind, target_kind, assets, min_score, status, limit, fmt) -> None:
    """List attack paths from entry points (internet exposure, vulnerable workloads, leaked keys,
    public data, unauthenticated agents) to AI targets, ranked by score."""
    from aispm.report.json import attack_path_dict

    result, _graph = _scan_for_graph(targets)
    by_uid = {a.uid: a for a in result.assets}

    def names(uid: str) -> set[str]:
        a = by_uid.get(uid)
        out = {uid}
        if a is not None:
            out.add(a.origin.address)
            if isinstance(a.name, str):
                out.add(a.name)
        return out

    chosen = []
    for p in result.attack_paths:
        if entry_kind and p.entry_kind not in entry_kind:
            continue
        if target_kind and p.target_kind not in target_kind:
            continue
        if p.score < min_score or (status and p.status != status):
            continue
        if assets and not any(set(assets) & names(s.asset_uid) for s in p.steps):
            continue
        chosen.append(p)
    chosen = chosen[:limit]
    if fmt == "json":
        sys.stdout.write(json.dumps([attack_path_dict(p) for p in chosen], indent=2) + "\n")
        exit_on_input_errors(result)
        return
    from rich.table import Table

    console = Console()
    if not console.is_terminal and console.width < 160:
        console.width = 160
    t = Table(title=f"Attack paths ({len(chosen)} of {len(result.attack_paths)})", title_justify="left")
    for col in ("score", "status", "entry → target", "path", "break it by"):
        t.add_column(col, overflow="fold")
    for p in chosen:
        def label(uid: str) -> str:
            a = by_uid.get(uid)
            return a.display_name if a is not None else uid

        steps = safe(" → ".join((f"[{s.verb}] " if s.verb else "") + label(s.asset_uid) for s in p.steps))
        status_text = safe(p.status + (f" (unknown: {', '.join(p.unknowns)})" if p.unknowns else ""))
        t.add_row(f"{p.score:.1f}", status_text, safe(f"{p.entry_kind} → {p.target_kind}\n{p.title}"), steps,
                  safe(p.remediation))
    console.print(t)
    if result.choke_points:
        c = Table(title="Choke points", title_justify="left")
        c.add_column("asset")
        c.add_column("paths through it")
        for cp in result.choke_points[:10]:
            a = by_uid.get(cp.asset_uid)
            c.add_row(safe(a.origin.address if a is not None else cp.asset_uid), str(cp.paths))
        console.print(c)
    exit_on_input_errors(result)


@main.command("query")
@click.argument("expression")
@click.argument("targets", nargs=-1, required=True, type=TARGET)
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def query_cmd(expression, targets, fmt) -> None:
    """Ask the security graph a question, e.g.

    \b
      aispm query "ai-endpoints reachable-from internet" ./repo
      aispm query "grounding-data where public" ./repo
      aispm query "secrets where holds-key" ./repo

    Syntax: SET [where [not] CONDITION {and CONDITION}] [reachable-from SET ...]; see docs/graph.md.
    """
    from aispm.graph import query

    try:
        query.parse(expression)
    except query.QueryError as exc:
        raise click.UsageError(f"query: {exc}") from None
    result, graph = _scan_for_graph(targets)
    uids = query.run(graph, expression)
    by_uid = {a.uid: a for a in result.assets}
    rows = []
    for uid in uids:
        a = by_uid.get(uid)
        rows.append({
            "uid": uid,
            "type": a.type if a else "external",
            "name": a.display_name if a else uid,
            "file": a.origin.file if a else None,
            "line": a.origin.line if a else None,
            "insights": sorted(a.insights) if a else [],
        })
    if fmt == "json":
        sys.stdout.write(json.dumps(rows, indent=2) + "\n")
        exit_on_input_errors(result)
        return
    from rich.table import Table

    console = Console()
    if not console.is_terminal and console.width < 160:
        console.width = 160
    t = Table(title=safe(f"{expression} ({len(rows)})"), title_justify="left")
    for col in ("name", "type", "declared at", "insights"):
        t.add_column(col, overflow="fold")
    for r in rows:
        t.add_row(safe(r["name"]), safe(r["type"]), safe(f"{r['file']}:{r['line']}" if r["file"] else ""),
                  ", ".join(r["insights"]))
    console.print(t)
    exit_on_input_errors(result)


@main.command("graph")
@click.argument("targets", nargs=-1, required=True, type=TARGET)
@click.option("-f", "--format", "fmt", type=click.Choice(["graphml", "cypher"]), required=True,
              help="GraphML (Gephi, yEd, networkx) or a Cypher script for Neo4j.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here instead of stdout.")
def graph_cmd(targets, fmt, output) -> None:
    """Export the security graph of a scan."""
    from aispm.graph import export

    result, graph = _scan_for_graph(targets)
    text = export.graphml(graph) if fmt == "graphml" else export.cypher(graph)
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    exit_on_input_errors(result)


@main.command("diff")
@click.argument("old", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("new", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def diff_cmd(old, new, fmt) -> None:
    """Compare two JSON reports (`aispm scan -f json`): new and fixed findings, new and removed AI
    assets (shadow AI appearing), attack paths opened and closed."""
    from aispm.triage.baseline import ReportError, load_report
    from aispm.triage.diff import compare, render_table

    try:
        d = compare(load_report(old), load_report(new))
    except ReportError as exc:
        raise click.UsageError(str(exc)) from None
    if fmt == "json":
        sys.stdout.write(json.dumps(d, indent=2) + "\n")
    else:
        render_table(d, Console(highlight=False))


from aispm.cli.db import db  # noqa: E402  (the `aispm db status|update` group)

main.add_command(db)


def run() -> None:
    """The `aispm` command (the console script): `main`, then an exit without the interpreter's teardown.

    A scan ends holding hundreds of thousands of small objects (assets, findings, their dicts). An
    ordinary exit frees each of them once the report is already written: 0.1-0.2 s of a 2 s scan of the
    benchmark corpus, a tenth of the run spent on nothing a user sees. So once `main` has finished,
    the exit handlers run (temporary folders and other `atexit` / `weakref.finalize` clean-ups),
    stdout and stderr are flushed, and the process ends with `os._exit`, inside the `except` block
    that still holds the scan's frames, so none of them is freed. `main` itself (what tests and
    embedders call) exits as usual."""
    try:
        main()
        code: object = 0
    except SystemExit as exc:
        _fast_exit(exc.code)
    _fast_exit(code)


def _fast_exit(code: object) -> NoReturn:
    """Run the exit handlers, flush stdout and stderr, and end the process with `code` (never returns:
    `run` relies on it)."""
    import atexit
    import os

    if code is None:
        code = 0
    elif not isinstance(code, int):  # as `sys.exit("message")`: the message on stderr, status 1
        try:
            print(code, file=sys.stderr)
        except (OSError, ValueError):
            pass
        code = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`aispm scan | head`): what was written stands
            code = code or 1
    os._exit(code & 0xFF if code >= 0 else 1)


if __name__ == "__main__":  # pragma: no cover
    run()
