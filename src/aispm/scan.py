"""`scan(targets, options) -> ScanResult`: the pipeline, and nothing else.

collect (each source reads the files it claims) → fold (split resources into their cloud's
shape, once) → derive (facts, once per asset) → link (relations, cross-resource facts) →
judge (rules on facts) → advise (advisories on libraries) → suppress (`aispm.triage.suppress`) →
graph (attack paths).
Every stage, and every source, runs under a guard (`aispm.guard`): an unexpected exception
becomes an entry of the report's `errors` and the rest of the scan goes on, so a scan always
ends with a report. Pure apart from reading the files it is pointed at: no printing, no
network. The stages know no cloud: each provider brings its own through `aispm.registry`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from aispm import registry
from aispm.forked import shared
from aispm.confine import leaves_roots, remembered, scan_roots
from aispm.guard import guarded, stage_error
from aispm.limits import DEFAULT as DEFAULT_LIMITS
from aispm.limits import Limits
from aispm.model import Finding, ScanError, ScanResult, Status
from aispm.rules import evaluate
from aispm.source import DEFAULT_MAX_FILE_SIZE, DEFAULT_PLATFORM, Source, SourceContext, SourceResult

#: Directories that hold tools' own state or third-party code, never the user's IaC.
DEFAULT_SKIP_DIRS = frozenset(
    {".git", ".hg", ".svn", "node_modules", ".terraform", "__pycache__", ".venv", "venv", ".tox", ".mypy_cache",
     ".pytest_cache", "bin", "obj"}
)


@dataclass
class ScanOptions:
    """What a user can set for a scan. Defaults are what `aispm scan DIR` does."""

    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    var_files: tuple[Path, ...] = ()
    skip_dirs: frozenset[str] = DEFAULT_SKIP_DIRS
    rules: tuple[str, ...] = ()  # only these rule ids or wildcards, advisory ids too (empty: all)
    skip_rules: tuple[str, ...] = ()  # rule ids, wildcards (`AISPM-AZ-*`), advisory ids (`GHSA-*`)
    #: Paths not read: globs on the path relative to the target (`tests/fixtures`, `**/samples/**`).
    excludes: tuple[str, ...] = ()
    #: Suppression entries (`aispm.triage.suppress.Suppression`) from a suppression file or config.
    suppressions: tuple = ()
    frameworks: tuple[str, ...] = ()  # only these sources (terraform, arm, bicep, ...); empty: all
    vulnerabilities: bool = True  # match library assets against the local advisory database
    attack_paths: bool = True  # build the security graph: insights, attack paths, choke points
    sources: Sequence[Source] | None = None  # override, for tests and embedding
    #: Folders outside the targets (and their work trees) that a scan may read: `--allow-root`.
    allow_roots: tuple[Path, ...] = ()
    limits: Limits = DEFAULT_LIMITS  # what one input may make the scan do (`aispm.limits`)
    #: The `os/arch[/variant]` read from a multi-platform artifact (an image index): `--platform`.
    platform: str = DEFAULT_PLATFORM
    #: Images to fetch from their registry into the cache and scan (`--pull`): the only network access of a
    #: scan of files, and only when asked. `insecure_registry` allows plain HTTP to a non-loopback registry.
    pull: tuple[str, ...] = ()
    insecure_registry: bool = False
    #: Regions, deadline, retries of live targets (`aispm.live.context.LiveOptions`).
    live: Any = None
    #: Where progress lines of long work (live targets) go; the CLI prints them on stderr.
    progress: Callable[[str], None] = lambda _line: None
    #: What the scan is doing, for a progress display (`aispm.cli.progress.Progress.update`):
    #: `(stage, done, total, detail="")`, the stage one of the pipeline's words; `collect` counts the files
    #: of the sources read so far; a live collector may say where it is in `detail` (`aws://prod/eu-west-1 bedrock`).
    stage: Callable[..., None] = lambda _stage, _done=0, _total=0, _detail="": None

    def __post_init__(self) -> None:
        if self.live is None:
            from aispm.live.context import LiveOptions

            self.live = LiveOptions()


def default_sources() -> list[Source]:
    """Every source aispm has, in the order they run (`aispm.registry.sources`)."""
    return registry.sources()


def walk(root: Path, skip_dirs: Iterable[str], roots: Sequence[str] = ()) -> tuple[list[Path], list[ScanError]]:
    """Every regular file under `root`, following symlinks that stay inside the scan's `roots`
    (`aispm.confine`) but never twice into the same directory (a symlink loop is reported, not
    followed). A symlink that leads outside the roots is reported as skipped, never followed."""
    skip = set(skip_dirs)
    files: list[Path] = []
    errors: list[ScanError] = []
    if root.is_file():
        if leaves_roots(root, roots):
            return [], [ScanError(root.name, None, f"symlink leads {OUTSIDE_WALK}")]
        return [root], errors
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        d = stack.pop()
        try:
            st = d.stat()
        except OSError as exc:
            errors.append(ScanError(_rel(d, root), None, f"cannot read directory: {exc.strerror or exc}"))
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen:
            errors.append(ScanError(_rel(d, root), None,
                                    f"symlink loop: {_rel(d, root)} leads back to a directory already scanned; skipped"))
            continue
        seen.add(key)
        try:
            entries = sorted(os.scandir(d), key=lambda e: e.name)
        except OSError as exc:
            errors.append(ScanError(_rel(d, root), None, f"cannot list directory: {exc.strerror or exc}"))
            continue
        subdirs = []
        for e in entries:
            try:
                if e.is_symlink() and roots and leaves_roots(e.path, roots):
                    errors.append(ScanError(_rel(Path(e.path), root), None, f"symlink leads {OUTSIDE_WALK}"))
                    continue
                if e.is_dir():
                    if e.name not in skip:
                        subdirs.append(Path(e.path))
                elif e.is_file():
                    files.append(Path(e.path))
                elif e.is_symlink():
                    errors.append(ScanError(_rel(Path(e.path), root), None, "broken symlink; skipped"))
            except OSError as exc:  # ELOOP on a self-referencing symlink
                errors.append(ScanError(_rel(Path(e.path), root), None, f"symlink loop or unreadable entry: {exc.strerror or exc}; skipped"))
        stack.extend(reversed(subdirs))
    return files, errors


#: Why a symlink was not followed (the target path is not quoted: it may itself be sensitive).
OUTSIDE_WALK = "outside the scanned roots; not followed (name the folder with --allow-root to scan it)"


def _rel(path: Path, root: Path) -> str:
    try:
        return Path(os.path.relpath(path, root)).as_posix()
    except ValueError:
        return path.as_posix()


def scan(targets: Sequence[str | Path], options: ScanOptions | None = None) -> ScanResult:
    """Scan directories or files and return what was found and judged.

    The cyclic garbage collector is paused for the scan and restored after it. A scan
    builds hundreds of thousands of small acyclic objects (tokens, syntax nodes, assets,
    facts) that it keeps to the end; with the collector on, every full collection walks
    all of them again, which cost a third of the wall time on the 5,000-resource benchmark
    corpus (3.5 s → 2.0 s) for 15 % more peak memory (97 → 112 MB). Nothing the scan builds depends on
    cycle collection: what is garbage is freed by reference counting as before."""
    import gc

    paused = gc.isenabled()
    gc.disable()
    try:
        with remembered():  # each folder's real path resolved once per scan (`aispm.confine`)
            return _scan(targets, options)
    finally:
        if paused:
            gc.enable()


def _scan(targets: Sequence[str | Path], options: ScanOptions | None) -> ScanResult:
    options = options or ScanOptions()
    result = ScanResult(targets=[str(t) for t in targets])

    def broken_provider(name: str, exc: Exception) -> None:
        result.errors.append(stage_error("collect", exc, None, None, f"provider {name} (building its sources)"))

    paths, live = _split_targets(targets, result)
    walks = _walks(paths, options)
    started = _parse_ahead(walks, options)  # before the sources are imported: on the core that is idle now
    try:
        sources = list(options.sources) if options.sources is not None else registry.sources(broken_provider)
        if options.frameworks:
            wanted = registry.expand_frameworks(options.frameworks)
            sources = [s for s in sources if s.name in wanted]
        pulled = _pulled(options, result)
        _collect(result, paths, sources, options, walks)
    finally:
        if started:
            from aispm.iac.terraform import ahead

            if ahead.CURRENT is not None:
                ahead.CURRENT.close()
            ahead.CURRENT = None
    if pulled:  # apart, so that the cache's folder does not become a prefix of the other targets' paths
        _collect(result, pulled, sources, options)
    if live:
        from aispm.live.run import collect_live

        with guarded(result, "collect", "live targets"):
            collect_live(live, options.live, result, options.progress, options.stage)
    _dedupe_uids(result)
    providers = registry.providers()
    options.stage("fold", 0, 0)
    for p in providers:
        for fold in p.folds:
            with guarded(result, "fold", p.name):
                fold(result.assets)
    options.stage("derive", 0, 0)
    _derive(result, {p.name: p.derive for p in providers if p.derive is not None})
    options.stage("link", 0, 0)
    for p in providers:
        for linker in p.linkers:
            with guarded(result, "link", p.name):
                linker(result)
    # vulnerability findings before judging: the security graph reads them (never the rules' findings),
    # so it can start beside judging (`_graph_beside`)
    _advise(result, options)
    _report_order(result.findings)  # the graph lists a workload's vulnerabilities in this order
    suppressor = None
    with guarded(result, "suppress", "suppressions"):
        from aispm.triage.suppress import Suppressor

        suppressor = Suppressor(result, paths, options.suppressions)
        suppressor.apply(result.findings)
    if options.attack_paths and len(result.assets) >= GRAPH_BESIDE_MIN_ASSETS and (os.cpu_count() or 1) >= 2:
        options.stage("judge", 0, 0)
        _graph_beside(result, lambda: _judged_and_sanitized(result, options, suppressor))
        return result
    _judged(result, options, suppressor)
    if options.attack_paths:
        options.stage("graph", 0, 0)
        _graph(result)
    options.stage("sanitize", 0, 0)
    _sanitize(result)
    return result


def _advise(result: ScanResult, options: ScanOptions) -> None:
    """The vulnerability findings of the libraries found, and the record of the advisory data used."""
    if options.vulnerabilities and any(a.type == "library" for a in result.assets):
        options.stage("advise", 0, 0)
        with guarded(result, "advise", "advisories"):
            from aispm.advisories import stale_warnings, vulnerability_findings

            result.findings.extend(_selected(vulnerability_findings(result.assets), options))
            ecosystems = {str(a.properties.get("ecosystem")) for a in result.assets if a.type == "library"}
            # warn about stale or missing advisory data only for ecosystems this scan found libraries of
            result.warnings.extend(w for w in stale_warnings() if any(f"{e} advisory" in w for e in ecosystems))
    if options.vulnerabilities:
        with guarded(result, "advise", "advisory data"):
            from aispm.advisories import data_record

            result.advisory_data = data_record()  # every report says which advisory data it used


def _judged(result: ScanResult, options: ScanOptions, suppressor: Any) -> None:
    """Judge every asset, suppress the new findings (those already present were suppressed before),
    warn about suppressions that matched nothing, and put findings and errors in report order."""
    options.stage("judge", 0, 0)
    judged_at = len(result.findings)
    _judge(result, options)
    if suppressor is not None:
        with guarded(result, "suppress", "suppressions"):
            suppressor.apply(result.findings[judged_at:])
            suppressor.finish()
    _report_order(result.findings)
    # two sources may read the same file (an ARM template is also searched for secrets):
    # one unreadable file is one error
    result.errors = list(dict.fromkeys(result.errors))


def _report_order(findings: list[Finding]) -> None:
    """Most severe first, then by rule, file and line (stable: findings that tie keep their order)."""
    findings.sort(key=lambda f: (-f.severity, f.rule_id, f.file or "", f.line or 0))


def _judged_and_sanitized(result: ScanResult, options: ScanOptions, suppressor: Any) -> Any:
    _judged(result, options, suppressor)
    options.stage("sanitize", 0, 0)
    return _sanitize(result)


#: From this many assets up, the security graph is searched in a forked child while this process
#: judges and redacts the report (`_graph_beside`); below it, forking costs more than it saves.
GRAPH_BESIDE_MIN_ASSETS = 2_000


def _graph(result: ScanResult) -> int:
    """The security graph's insights, attack paths and choke points (`aispm.graph.analyze`), under a
    guard. Returns where the errors it added start in `result.errors`."""
    before = len(result.errors)
    with guarded(result, "graph", "attack paths"):
        from aispm.graph import analyze

        analyze(result)
    return before


def _graph_beside(result: ScanResult, here: Callable[[], Any]) -> None:
    """Search the security graph in a forked child while this process runs `here`: judging, suppressions and
    redaction of the rest of the report (`_judged_and_sanitized`, which returns the sanitizer).

    The two are independent: the graph reads assets, relations and the vulnerability findings, final before
    it starts, as they were before redaction (as when it runs in one process), and writes only insights,
    attack paths and choke points; judging adds the rules' findings, which the graph never reads, and
    redaction rewrites strings and never reads what the graph writes. On the benchmark's Azure corpus
    the graph is a tenth of the scan, and otherwise runs on one core while the other is idle. Redaction
    itself never moves: it runs here, whole, and the graph's output, which arrives after it, is
    redacted here too (`aispm.sanitize.sanitize_graph`). If the child fails or dies, the graph runs
    here afterwards (`aispm.forked.shared`), on the redacted report, and is redacted the same way."""

    def run(parts: Sequence[int]) -> Any:
        if parts[0] == 0:
            return here()
        before = _graph(result)
        insights = [(i, a.insights) for i, a in enumerate(result.assets) if a.insights]
        return insights, result.attack_paths, result.choke_points, result.errors[before:], before

    sanitizer, (insights, paths, chokes, errors, errors_at), forked = shared(run, [0], [1])
    if forked:  # the child's graph output is not in this process's result yet
        assets = result.assets
        for i, names in insights:
            assets[i].insights = names
        result.attack_paths, result.choke_points = paths, chokes
        errors_at = len(result.errors)
        result.errors.extend(errors)
    _sanitize_graph(result, errors_at, sanitizer)


def _split_targets(targets: Sequence[str | Path], result: ScanResult) -> tuple[list[str | Path], list]:
    """File targets and live targets (`aws://prod`, `azure://<subscription>`, `gcp://<project>`): a
    target that names a cloud but cannot be one is an error, never a path to look for."""
    from aispm.live.targets import BadTarget, parse_target

    paths: list[str | Path] = []
    live = []
    for t in targets:
        try:
            parsed = parse_target(t) if isinstance(t, str) else None
        except BadTarget as exc:
            result.errors.append(ScanError(str(t)[:80], None, str(exc)))
            continue
        if parsed is None:
            paths.append(t)
        else:
            live.append(parsed)
    return paths, live


def _pulled(options: ScanOptions, result: ScanResult) -> list[Path]:
    """The images named with `--pull`, fetched into aispm's cache as OCI layouts to scan (an image that cannot
    be pulled is one error). The artifacts provider does the fetching: imported only when asked."""
    if not options.pull:
        return []
    from aispm.advisories.db import default_cache_dir
    from aispm.providers.artifacts.images.pull import PullError, pull

    out = []
    for ref in options.pull:
        result.targets.append(ref)
        options.progress(f"pulling {ref}")
        with guarded(result, "pull", ref[:200], ref[:200]):  # anything unforeseen costs this image, not the report
            try:
                out.append(pull(ref, default_cache_dir(), options.platform, options.insecure_registry,
                                options.limits, warn=result.warnings.append))
            except PullError as exc:
                result.errors.append(ScanError(ref[:200], None, f"image not pulled: {exc}"))
            except OSError as exc:
                result.errors.append(ScanError(ref[:200], None, f"image not pulled: the cache could not be written "
                                                                f"({exc.strerror or type(exc).__name__})"))
    return out


def _sanitize(result: ScanResult) -> Any:
    """Redact secrets and make every string printable (`aispm.sanitize`). If that itself fails,
    the properties and evidence it could not vouch for are dropped: a report may lose detail,
    never leak a secret. Returns the sanitizer (None if it failed)."""
    from aispm.sanitize import sanitize

    try:
        return sanitize(result)
    except Exception as exc:  # noqa: BLE001 - the last guard: nothing unsanitized leaves
        for a in result.assets:
            a.properties, a.evidence = {}, {}
        for f in result.findings:
            f.evidence, f.message = {}, f.title
        result.errors = [ScanError(e.file, e.line, "(message withheld: the report could not be sanitized)")
                         for e in result.errors]
        result.errors.append(stage_error("sanitize", exc))


def _sanitize_graph(result: ScanResult, errors_at: int, sanitizer: Any = None) -> None:
    """Redact what the security graph added after the report was redacted: attack paths, choke points
    and its errors from `errors_at` on. If that fails, they are dropped, never printed unredacted."""
    from aispm.sanitize import sanitize_graph

    try:
        sanitize_graph(result, errors_at, sanitizer)
    except Exception as exc:  # noqa: BLE001 - the last guard: nothing unsanitized leaves
        result.attack_paths, result.choke_points = [], []
        del result.errors[errors_at:]
        result.errors.append(stage_error("sanitize", exc))


def _bases(targets: Sequence[str | Path]) -> list[Path]:
    """Each target's folder: the target itself, or a file target's directory."""
    out = []
    for t in targets:
        root = Path(t)
        out.append(root if root.is_dir() else root.parent)
    return out


def target_prefixes(targets: Sequence[str | Path]) -> tuple[Path | None, list[str]]:
    """The folder that holds every target, and each target's path from it (`a/`, `b/`), so that
    two targets with the same layout give different files and uids. One target (or several that
    are one folder) has no prefix: its files keep their paths relative to it."""
    bases = [os.path.abspath(b) for b in _bases(targets)]
    if len(set(bases)) <= 1:
        return (Path(bases[0]) if bases else None), [""] * len(bases)
    common = os.path.commonpath(bases)
    prefixes = []
    for b in bases:
        rel = Path(os.path.relpath(b, common)).as_posix()
        prefixes.append("" if rel == "." else rel + "/")
    return Path(common), prefixes


@dataclass
class _Walk:
    """The files of the targets of one `_collect` (each target's, or None where it does not exist),
    listed once: before the sources are imported, so that Terraform parsing can start (`_parse_ahead`)."""

    roots: tuple[str, ...]
    files: list[tuple[list[Path], list[ScanError]] | None]


def _walks(targets: Sequence[str | Path], options: ScanOptions) -> _Walk:
    # the user named these: allowed wherever they are (a --var-file is one file, not its folder)
    roots = scan_roots([t for t in targets if Path(t).exists()], (*options.allow_roots, *options.var_files))
    out: list[tuple[list[Path], list[ScanError]] | None] = []
    for target in targets:
        root = Path(target)
        if not root.exists():
            out.append(None)
            continue
        base = root if root.is_dir() else root.parent
        options.stage("walk", 0, 0)
        files, errors = walk(root, options.skip_dirs, roots)
        if options.excludes:
            from aispm.triage.patterns import any_path_matches

            files = [f for f in files if not any_path_matches(options.excludes, _rel(f, base))]
        out.append((files, errors))
    return _Walk(roots, out)


def _parse_ahead(walks: _Walk, options: ScanOptions) -> bool:
    """Start parsing the `.tf` files in two forked children (`aispm.iac.terraform.ahead`) when Terraform
    is most of a large tree (then it is the source this process runs, `_load_sources`), the scan uses the
    built-in sources, and there is a second core. Returns whether it started."""
    if options.sources is not None or (os.cpu_count() or 1) < 2:
        return False
    if options.frameworks and "terraform" not in registry.expand_frameworks(options.frameworks):
        return False
    files = [f for w in walks.files if w is not None for f in w[0]]
    tf = [os.fspath(f) for f in files if f.name.endswith(".tf")]
    from aispm.iac.terraform import ahead, loader

    if len(tf) < max(loader.PARALLEL_MIN_FILES, PARALLEL_MIN_FILES) or 2 * len(tf) <= len(files):
        return False
    try:
        ahead.CURRENT = ahead.ParseAhead(sorted(tf), options.max_file_size)
    except Exception:  # noqa: BLE001 - no pipe or process left: the loader parses as it would have
        ahead.CURRENT = None
        return False
    return True


def _collect(result: ScanResult, targets: Sequence[str | Path], sources: list[Source], options: ScanOptions,
             walks: _Walk | None = None) -> None:
    _common, prefixes = target_prefixes(targets)
    walks = walks or _walks(targets, options)
    roots = walks.roots
    result.roots = list(dict.fromkeys([*result.roots, *roots]))
    for target, prefix, walked in zip(targets, prefixes, walks.files):
        root = Path(target)
        if walked is None:
            result.errors.append(ScanError(str(target), None, "target does not exist"))
            continue
        base = root if root.is_dir() else root.parent
        files, errors = walked
        result.errors.extend(errors)
        ctx = SourceContext(root=base, max_file_size=options.max_file_size, var_files=options.var_files,
                            prefix=prefix, roots=roots, limits=options.limits,
                            platform=options.platform)
        work = _claimed(sources, files, result)
        loaded = SourceResult()
        total, read = sum(len(claimed) for _, claimed in work), [0]
        options.stage("collect", 0, total)

        def source_done(n_files: int) -> None:
            read[0] += n_files
            options.stage("collect", read[0], total)

        for part in _load_sources(work, ctx, source_done):
            loaded.extend(part)
        result.assets.extend(loaded.assets)
        result.relations.extend(loaded.relations)
        result.errors.extend(loaded.errors)
        result.warnings.extend(loaded.warnings)
        result.provenance.extend(loaded.provenance)
        result.gaps.extend(g for g in loaded.gaps if g not in result.gaps)
        result.files_scanned += loaded.files


def _claimed(sources: list[Source], files: list[Path], result: ScanResult) -> list[tuple[Source, list[Path]]]:
    """Each source with the files it claims; a source whose `claims` raises reads nothing. A source
    that claims by name alone (`Source.claims_by_name`) is asked once per distinct file name."""
    names = [f.name for f in files]
    first: dict[str, Path] = {}
    for name, f in zip(names, files):
        first.setdefault(name, f)
    work = []
    for source in sources:
        try:
            if getattr(source, "claims_by_name", False):
                wanted = {name for name, f in first.items() if source.claims(f)}
                claimed = [f for name, f in zip(names, files) if name in wanted] if wanted else []
            else:
                claimed = [f for f in files if source.claims(f)]
        except Exception as exc:  # noqa: BLE001 - the guard of one source
            name = getattr(source, "name", type(source).__name__)
            result.errors.append(stage_error("source", exc, None, None, f"{name} (choosing its files)"))
            continue
        if claimed:
            work.append((source, claimed))
    return work


def _derive(result: ScanResult, derivers: dict) -> None:
    """Facts of every asset, each derived by its provider; one asset that fails is one error."""
    for asset in result.assets:
        derive = derivers.get(asset.provider)
        if derive is None:
            continue
        try:
            derive(asset)
        except Exception as exc:  # noqa: BLE001 - a guard: the reason is reported
            result.errors.append(stage_error("derive", exc, asset.origin.file, asset.origin.line))


def _judge(result: ScanResult, options: ScanOptions) -> None:
    """Every selected rule on every asset; a rule that fails is one error, the others still judge."""
    from aispm.triage.patterns import any_rule_matches

    rules = registry.rules()
    if options.rules:
        rules = [r for r in rules if any_rule_matches(options.rules, r.id)]
    if options.skip_rules:
        rules = [r for r in rules if not any_rule_matches(options.skip_rules, r.id)]
    by_type: dict[str, list] = {}
    for a in result.assets:
        by_type.setdefault(a.type.lower(), []).append(a)
    for rule in rules:
        # each rule sees only the assets of its types (54 rules over every asset was a tenth of judging)
        assets = result.assets if "*" in rule.resource_types else \
            [a for t in dict.fromkeys(t.lower() for t in rule.resource_types) for a in by_type.get(t, ())]
        with guarded(result, "judge", rule.id):
            result.findings.extend(evaluate([rule], assets))


def _selected(findings: list[Finding], options: ScanOptions) -> list[Finding]:
    """Vulnerability findings that `--rule` / `--skip-rule` (or the config) leave in, by advisory id
    or alias (`GHSA-*`, `PYSEC-2024-*`, `CVE-…`)."""
    from aispm.triage.patterns import any_rule_matches

    def wanted(f: Finding) -> bool:
        aliases = tuple((f.advisory or {}).get("aliases") or ())
        if options.rules and not any_rule_matches(options.rules, f.rule_id, aliases):
            return False
        return not (options.skip_rules and any_rule_matches(options.skip_rules, f.rule_id, aliases))

    return [f for f in findings if wanted(f)]


#: Below this many claimed files, one process reads everything (forking costs more).
PARALLEL_MIN_FILES = 400


def run_source(source: Source, files: list[Path], ctx: SourceContext) -> SourceResult:
    """One source on its files, under a guard: if it raises, its files are lost (and the error
    says so), never the other sources' results."""
    try:
        return source.load(files, ctx)
    except Exception as exc:  # noqa: BLE001 - the guard of one source
        res = SourceResult()
        where = ctx.rel(files[0]) if len(files) == 1 else None
        res.errors.append(stage_error("source", exc, where, None,
                                      f"{source.name} (on {len(files)} file{'s' if len(files) != 1 else ''})"))
        return res


def _load_sources(work: list[tuple[Source, list[Path]]], ctx: SourceContext,
                  done: Callable[[int], None] = lambda _files: None) -> list[SourceResult]:
    """Run each source on its files; results in source order, whatever ran where. `done(files)`
    is called here, in this process, as each source's result arrives (for a progress display).

    On a large tree with more than one core, the source with the most files runs here
    (it may use a process pool of its own) while the others run in one forked child
    (`aispm.forked.shared`): sources are independent until linking, and what a source returns is
    plain data. A source that raises is guarded in whichever process runs it; a child that fails or
    dies has its sources read here; if this process fails, the child is killed, never left blocked
    on a full pipe (each path tested with a deadline in `tests/scan/test_load_sources_failures.py`)."""
    total = sum(len(files) for _, files in work)
    if total < PARALLEL_MIN_FILES or (os.cpu_count() or 1) < 2 or len(work) < 2:
        return [_counted(run_source(source, files, ctx), files, done) for source, files in work]
    here = os.getpid()

    def run(indexes: Sequence[int]) -> list[SourceResult]:
        parts = [run_source(work[i][0], work[i][1], ctx) for i in indexes]
        if os.getpid() == here:  # the progress display is this process's
            for i in indexes:
                done(len(work[i][1]))
        return parts

    biggest = max(range(len(work)), key=lambda i: len(work[i][1]))
    others = [i for i in range(len(work)) if i != biggest]
    ours, theirs, forked = shared(run, [biggest], others)
    if forked:
        for i in others:
            done(len(work[i][1]))
    results: list[SourceResult | None] = [None] * len(work)
    for i, part in zip([biggest, *others], [*ours, *theirs]):
        results[i] = part
    return [r for r in results if r is not None]


def _counted(part: SourceResult, files: list[Path], done: Callable[[int], None]) -> SourceResult:
    done(len(files))
    return part


def _dedupe_uids(result: ScanResult) -> None:
    """Two targets may overlap (a directory and a file in it): keep one asset per uid."""
    seen: set[str] = set()
    kept = []
    for a in result.assets:
        if a.uid in seen:
            continue
        seen.add(a.uid)
        kept.append(a)
    result.assets = kept


def failing(findings: Iterable[Finding], threshold) -> list[Finding]:
    """Findings that make the run fail: status fail at or above the threshold severity, and not
    already in the baseline report the scan was compared with (`aispm.triage.baseline`)."""
    return [f for f in findings if f.status is Status.FAIL and f.severity >= threshold and f.baseline != "existing"]
