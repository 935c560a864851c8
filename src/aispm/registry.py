"""The one registry: every provider, source, rule and report format aispm has.

The core (scan pipeline, rule engine, graph, reports, CLI) knows no cloud. Each cloud or
artifact family is a provider package (`aispm.providers.<name>`) that describes itself in one
`Provider` record: its sources, the Terraform mapping rows and folds it hands the cloud-agnostic
Terraform engine, its fact deriver, linkers and rules, the roles that grant data access, the
types that hold sensitive data, and how its leaked credentials read in an attack path. The CLI's
`--framework` choices, the rule catalogue, the report formats and the source list are all read
from here, so nothing is listed twice.

A provider outside this package (a test, an embedding application) adds itself with
`register()` (or the `registered()` context manager) and is then scanned like a built-in one.
"""

from __future__ import annotations

import contextlib
import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, Mapping, Sequence

if TYPE_CHECKING:
    from aispm.iac.terraform.mapping import MappingRow
    from aispm.model import Asset, ScanResult
    from aispm.rules.engine import Rule
    from aispm.source import Source

#: What a fold, linker or deriver receives: the assets of the scan (all of them; a
#: provider picks its own by `asset.provider`) and the result to add relations to.
Fold = Callable[["list[Asset]"], None]
Linker = Callable[["ScanResult"], None]


@dataclass(frozen=True)
class LeakText:
    """How a leaked credential of one asset type reads in an attack path. Each text is a
    `str.format` template over `name` (the asset's display name), `where` (file:line) and
    `type` (the declared type, e.g. `secureString`)."""

    entry: str
    evidence: str
    fix: str


@dataclass(frozen=True)
class Provider:
    """Everything one cloud or artifact family contributes to a scan.

    Callables that build heavy objects (sources, rules, mapping rows) are factories, so
    that listing providers (for `--help` or `aispm rules`) imports no parser."""

    name: str  # the `provider` of its assets: azure | aws | gcp | code | artifacts | ...
    title: str  # as a person names it: "Microsoft Azure"
    vendor: str | None = None  # who provides its services (a BOM service's provider); None for code
    sources: Callable[[], Sequence["Source"]] = lambda: ()
    #: Terraform resource types → this cloud's shape (see `aispm.iac.terraform.mapping`).
    terraform_rows: Callable[[], Sequence["MappingRow"]] = lambda: ()
    #: Folders of Terraform registry modules it ships for offline use (`<namespace>/<name>/<provider>/`,
    #: versions in `SOURCES.json`; see `aispm.iac.terraform.shipped`).
    terraform_modules: Sequence[Path] = ()
    #: Fold split resources into the cloud's shape, once, before facts (a CMK resource into its account).
    folds: Sequence[Fold] = ()
    #: Derive the facts of one asset of this provider from its properties.
    derive: Callable[["Asset"], None] | None = None
    linkers: Sequence[Linker] = ()
    rules: Callable[[], Sequence["Rule"]] = lambda: ()
    #: Role names (lower case) that grant data access on what they are assigned on, that grant
    #: none, and that are privileged (can change access or read keys).
    data_roles: frozenset[str] = frozenset()
    non_data_roles: frozenset[str] = frozenset()
    privileged_roles: frozenset[str] = frozenset()
    #: Types (lower case) whose instances hold data worth protecting when AI uses them.
    sensitive_types: frozenset[str] = frozenset()
    #: Types (lower case) that belong in the AI inventory whatever their kind.
    ai_types: frozenset[str] = frozenset()
    #: Types whose code-side references by name (`oai-contoso` from an endpoint) resolve to them,
    #: and the hostname suffixes of services that can host a remote server, with their type.
    named_service_types: frozenset[str] = frozenset()
    host_suffixes: tuple[tuple[str, str], ...] = ()
    #: Asset types that are leaked credentials of their own kind, with how they read.
    leak_texts: Mapping[str, LeakText] = field(default_factory=dict)
    #: The endpoint URL an asset answers on, for the BOM: `endpoint(asset, parent, clean_url)`.
    endpoint: Callable[["Asset", "Asset | None", Callable[[Any], "str | None"]], "str | None"] | None = None
    #: How a person names an asset of one of its types in an attack path, or None if not its type.
    label: Callable[["Asset | None", str], "str | None"] | None = None
    #: The live collector: `collect(target: LiveTarget, ctx: LiveContext) -> SourceResult` reads the
    #: cloud the target names, read-only, every call through `ctx.call` (`aispm.live`); None if none.
    collector: Callable[..., Any] | None = None


#: Built-in providers, in the order their sources run and their linkers link (clouds first:
#: the code linker joins code to cloud assets that already have their facts; code-to-cloud drift last).
BUILTIN = ("aispm.providers.azure", "aispm.providers.aws", "aispm.providers.gcp", "aispm.providers.code",
           "aispm.providers.artifacts", "aispm.providers.drift")

_builtin: list[Provider] | None = None
_extra: list[Provider] = []
#: Bumped by register()/unregister(): derived views (role sets, rows) are cached per generation.
_generation = 0
_cache: dict[tuple, Any] = {}


def providers() -> list[Provider]:
    """Every provider: the built-in ones, then those added with `register()`."""
    global _builtin
    if _builtin is None:
        _builtin = [importlib.import_module(m).PROVIDER for m in BUILTIN]
    return [*_builtin, *_extra]


def register(provider: Provider) -> None:
    if any(p.name == provider.name for p in providers()):
        raise ValueError(f"a provider named {provider.name!r} is already registered")
    _extra.append(provider)
    _changed()


def unregister(name: str) -> None:
    _extra[:] = [p for p in _extra if p.name != name]
    _changed()


def _changed() -> None:
    global _generation
    _generation += 1
    _cache.clear()


def _cached(key: tuple, make: Callable[[], Any]) -> Any:
    hit = _cache.get(key)
    if hit is None:
        hit = _cache[key] = make()
    return hit


@contextlib.contextmanager
def registered(provider: Provider) -> Iterator[Provider]:
    """Register `provider` for the duration of a `with` block (tests, embedding)."""
    register(provider)
    try:
        yield provider
    finally:
        unregister(provider.name)


def provider(name: str) -> Provider | None:
    return next((p for p in providers() if p.name == name), None)


def sources(on_error: Callable[[str, Exception], None] | None = None) -> list["Source"]:
    """Every source in the order they run: the cloud-agnostic Terraform engine first, then
    each provider's own sources. The code provider's `secrets` source stays last: it reports
    config-file secrets that no more specific source already reported.

    With `on_error`, a provider whose sources cannot be built (a plug-in whose dependency is
    missing) is reported through it and skipped, instead of failing the scan."""
    from aispm.iac.terraform.plan import TerraformPlanSource  # first: a plan's values win over its HCL (same uids)
    from aispm.iac.terraform.source import TerraformSource

    out: list[Source] = [TerraformPlanSource(), TerraformSource()]
    for p in providers():
        try:
            out.extend(p.sources())
        except Exception as exc:  # noqa: BLE001 - reported by the caller
            if on_error is None:
                raise
            on_error(p.name, exc)
    return out


def source_names() -> list[str]:
    """The `--framework` choices: each source's name, as it appears in uids and reports."""
    return [s.name for s in sources()]


#: Other names a user may type for sources (`--framework notebooks`, `--framework agents`).
SOURCE_ALIASES: dict[str, tuple[str, ...]] = {
    "notebooks": ("notebook",), "prompts": ("prompty",), "agents": ("foundry-agent", "copilot-studio"),
    "deps": ("python-deps", "node-deps", "dotnet-deps", "go-deps", "java-deps", "rust-deps"),
    "code": ("python-code", "js-code", "csharp-code", "java-code", "app-config"),
    "terraform": ("terraform", "terraform-plan"),
}


def expand_frameworks(names: Sequence[str]) -> set[str]:
    """Source names selected by `--framework` values (a source name or an alias)."""
    out: set[str] = set()
    for n in names:
        out.update(SOURCE_ALIASES.get(n, (n,)))
    return out


def terraform_rows() -> dict[str, "MappingRow"]:
    """Terraform type → mapping row, across providers (a type is mapped by one provider)."""
    rows: dict[str, MappingRow] = {}
    for p in providers():
        for row in p.terraform_rows():
            if row.tf_type in rows:
                raise ValueError(f"Terraform type {row.tf_type} is mapped twice")
            rows[row.tf_type] = row
    return rows


def terraform_module_roots() -> tuple[Path, ...]:
    """The folders of shipped Terraform registry modules, across providers."""
    return tuple(d for p in providers() for d in p.terraform_modules)


def rules() -> list["Rule"]:
    """The rule catalogue, in id order; a duplicate id is a programming error."""
    out: list[Rule] = []
    for p in providers():
        out.extend(p.rules())
    ids = [r.id for r in out]
    if len(ids) != len(set(ids)):
        dup = sorted({i for i in ids if ids.count(i) > 1})
        raise ValueError(f"rule ids registered twice: {', '.join(dup)}")
    return sorted(out, key=lambda r: r.id)


def union(attr: str) -> frozenset[str]:
    """The union of one `frozenset` field over every provider (roles, sensitive types, ...)."""
    return _cached(("union", attr), lambda: frozenset().union(*(getattr(p, attr) for p in providers())))


def leak_text(asset_type: str) -> LeakText | None:
    for p in providers():
        t = p.leak_texts.get(asset_type)
        if t is not None:
            return t
    return None


def label(asset: "Asset | None", type_lower: str) -> str | None:
    """How a person names an asset (or a node of this type): asked of each provider in turn."""
    for p in providers():
        if p.label is not None:
            text = p.label(asset, type_lower)
            if text:
                return text
    return None


def host_suffixes() -> list[tuple[str, str]]:
    return [hs for p in providers() for hs in p.host_suffixes]


# ---------------------------------------------------------------------------
# report formats


@dataclass(frozen=True)
class ReportFormat:
    """One output format: `render(result, **options) -> str` from `module` (and `render_bytes`, where the
    module makes the bytes itself)."""

    name: str
    module: str
    description: str
    options: tuple[str, ...] = ()  # keyword options the renderer takes (`spec_version`)

    def encoder(self) -> Callable[..., bytes]:
        """The report as UTF-8 bytes, for a file or stdout: the module's `render_bytes` when it
        has one (the JSON report is bytes from its encoder: decoding 60 MB to text and encoding it
        again to write it cost a third of writing it), else `render` encoded."""
        module = importlib.import_module(self.module)
        direct = getattr(module, "render_bytes", None)
        if direct is not None:
            return direct
        return lambda result, **options: module.render(result, **options).encode("utf-8")


#: `table` is printed to a console rather than rendered to text; it is listed for the CLI.
FORMATS: dict[str, ReportFormat] = {f.name: f for f in (
    ReportFormat("table", "aispm.report.table", "a summary and findings for a terminal"),
    ReportFormat("json", "aispm.report.json", "the JSON report (aispm/scan-report@1)"),
    ReportFormat("sarif", "aispm.report.sarif", "SARIF 2.1.0 for code scanning"),
    ReportFormat("cyclonedx", "aispm.report.cyclonedx", "a CycloneDX ML-BOM", ("spec_version",)),
    ReportFormat("html", "aispm.report.html", "one self-contained page"),
    ReportFormat("ocsf", "aispm.report.ocsf", "OCSF 1.8.0 Compliance and Vulnerability Findings"),
    ReportFormat("junit", "aispm.report.junit", "JUnit XML for CI test reports: a suite per rule, a case per finding"),
    ReportFormat("csv", "aispm.report.csv_report", "one row per finding, for spreadsheets (formula cells neutralised)"),
)}


def add_format(fmt: ReportFormat) -> None:
    FORMATS[fmt.name] = fmt
