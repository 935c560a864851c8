"""The vocabulary of aispm as types: assets, facts, relations, rules, findings.

Every layer of the pipeline speaks these types and nothing else. Sources fill
`Asset` and `Relation`; the facts layer fills `Asset.facts`; rules turn facts
into `Finding`s; reporters print a `ScanResult`. Keeping the types here, in one
place, is what lets a new source or a new output touch one folder only.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Unknown:
    """A value the input does not determine (an unset variable, a runtime lookup).

    Sources put an `Unknown` wherever they cannot resolve an expression to a
    literal. The facts layer turns it into a `None` fact, so that an unknown value
    is never a silent pass and never a false fail: the rule reports `unknown`.
    """

    __slots__ = ("reason", "shown")

    def __init__(self, reason: str, shown: str | None = None) -> None:
        self.reason = reason
        #: How a person would read the value: the literal parts of a string built from known and
        #: unknown pieces, `…` for each unknown one (`cog-speech-…`). Not part of equality.
        self.shown = shown

    def __repr__(self) -> str:
        return f"Unknown({self.reason!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Unknown) and other.reason == self.reason

    def __hash__(self) -> int:
        return hash(("Unknown", self.reason))

    def __bool__(self) -> bool:  # an unknown is never truthy by accident
        return False


def is_unknown(value: Any) -> bool:
    return isinstance(value, Unknown)


def joined_shown(parts: list[Any]) -> str:
    """The `shown` text of a string built from `parts`: literal strings as they are, an unknown
    piece as its own shown text or `…` (runs of `…` collapse into one)."""
    out: list[str] = []
    for p in parts:
        text = p if isinstance(p, str) else (p.shown if isinstance(p, Unknown) and p.shown else "…")
        if text == "…" and out and out[-1].endswith("…"):
            continue
        out.append(text)
    return "".join(out)


def symbolic_name(address: str) -> str:
    """The name a resource was declared under, from its address: the symbolic name of an ARM or
    Bicep resource (`plan` for the address `<ARM type>.plan`, `plan[0]` in a loop); a
    Terraform address as it is (`azurerm_role_assignment.reader`: the label alone says little)."""
    head, bracket, tail = address.partition("[")
    cut = head.rfind("/")
    if cut < 0 or "." not in head[cut + 1:]:
        return address
    return head[cut + 1:].rsplit(".", 1)[1] + bracket + tail


class Severity(enum.IntEnum):
    """Severity of a rule or advisory; ordered so `>=` works for `--fail-on`."""

    INFO = 0
    LOW = 1
    MEDIUM = 2
    HIGH = 3
    CRITICAL = 4

    @classmethod
    def parse(cls, text: str) -> "Severity":
        try:
            return cls[text.strip().upper()]
        except KeyError:
            names = ", ".join(s.name.lower() for s in cls)
            raise ValueError(f"unknown severity {text!r}; use one of: {names}") from None

    def __str__(self) -> str:
        return self.name.lower()


class Pillar(str, enum.Enum):
    """The posture pillars, as the reference product groups recommendations."""

    IDENTITY = "identity"
    DATA = "data"
    NETWORK = "network"
    LOGGING = "logging"
    AI = "ai"
    VULNERABILITY = "vulnerability"
    SUPPLY_CHAIN = "supply-chain"
    RESILIENCE = "resilience"

    def __str__(self) -> str:
        return self.value


class Status(str, enum.Enum):
    FAIL = "fail"
    PASS = "pass"
    UNKNOWN = "unknown"
    SUPPRESSED = "suppressed"

    def __str__(self) -> str:
        return self.value


class Kind(str, enum.Enum):
    """What an asset is in the AI Bill of Materials, whatever cloud it lives in."""

    AI_SERVICE = "ai-service"
    MODEL_DEPLOYMENT = "model-deployment"
    MODEL = "model"
    PROJECT = "project"
    SEARCH_INDEX = "search-index"
    DATA_STORE = "data-store"
    IDENTITY = "identity"
    COMPUTE = "compute"
    NETWORK = "network"
    KEY = "key"
    MONITORING = "monitoring"
    ROLE_ASSIGNMENT = "role-assignment"
    LIBRARY = "library"
    AI_CLIENT = "ai-client"
    AGENT = "agent"
    TOOL = "tool"
    MCP_SERVER = "mcp-server"
    DATA_SOURCE = "data-source"
    SECRET = "secret"
    NOTEBOOK = "notebook"
    PROMPT = "prompt"
    OTHER = "other"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Origin:
    """Where an asset was declared: a file and line, relative to the target, and
    the address a user would search for (`azurerm_cognitive_account.openai`,
    `module.ai.azurerm_...`, an ARM type and resource name)."""

    file: str
    line: int
    address: str
    end_line: int | None = None
    format: str = ""  # terraform | arm | bicep | ...


@dataclass
class FactEvidence:
    """Why a fact has its value: the property path read, the raw value, and a note
    (for instance that a documented provider default was applied)."""

    path: str
    value: Any = None
    note: str | None = None


@dataclass
class Asset:
    """One thing in the AI estate.

    `uid` is unique within a scan: the cloud resource id for live resources, and
    `<format>:<file>:<address>` for declared ones. `type` is the cloud's own type
    name (the ARM type, `AWS::Bedrock::Agent`, `aiplatform.googleapis.com/Endpoint`),
    whichever format declared it.
    `properties` keeps the resource body in the cloud's own shape (for Azure, the
    ARM shape), with `Unknown` where the input does not determine a value.
    """

    uid: str
    provider: str
    type: str
    name: str | Unknown
    origin: Origin
    properties: dict[str, Any] = field(default_factory=dict)
    kind: Kind = Kind.OTHER
    parent: str | None = None  # uid of the parent resource, when declared as a child
    facts: dict[str, Any] = field(default_factory=dict)
    evidence: dict[str, FactEvidence] = field(default_factory=dict)
    cloud_id: str | None = None  # best-effort cloud resource id, for code-to-cloud merges
    existing: bool = False  # declared as a reference to a resource deployed elsewhere
    insights: set[str] = field(default_factory=set)  # graph insights: exposed_to_internet, holds_credentials, …

    def set_fact(self, name: str, value: Any, path: str, raw: Any = None, note: str | None = None) -> None:
        self.facts[name] = value
        self.evidence[name] = FactEvidence(path=path, value=raw, note=note)

    @property
    def display_name(self) -> str:
        """The name a person reads: the name; for a name the input does not determine, its
        literal parts (`cog-speech-…`), else the symbolic name it was declared under."""
        if isinstance(self.name, str):
            return self.name
        if isinstance(self.name, Unknown) and self.name.shown and self.name.shown.strip("…"):
            return self.name.shown
        return symbolic_name(self.origin.address)

    @property
    def name_unresolved(self) -> str | None:
        """Why the name is not known (None when it is)."""
        if isinstance(self.name, str):
            return None
        return self.name.reason if isinstance(self.name, Unknown) else "name is not a string"


@dataclass(frozen=True)
class Relation:
    """A directed edge of the inventory: `(from, verb, to)`, verbs from DESIGN:
    deploys, uses_model, grounded_on, reads, writes, runs_as, has_role_on,
    exposes, contains, built_from, runs, calls, holds_key_for."""

    source: str
    verb: str
    target: str
    properties: tuple[tuple[str, Any], ...] = ()


#: Catalogues of check ids a rule can name, with how a person writes each: the peers every cloud
#: shares, then each cloud's own (a provider's catalogue is listed here so that every output
#: names it the same way, and a report always carries every key).
CATALOGUES: dict[str, str] = {
    "checkov": "Checkov",
    "prowler": "Prowler",
    "psrule": "PSRule",
    "azure_policy": "Azure Policy",
}


class References:
    """What a rule corresponds to elsewhere: the reference product's recommendation (`defender`,
    its exact title, or `defender_indicator`), peer check ids per catalogue (`checkov=`,
    `prowler=`, `psrule=`, ... see `CATALOGUES`), compliance controls per framework
    (`compliance={"owasp-llm-2025": ("LLM02",)}`), and documentation URLs. Immutable."""

    __slots__ = ("defender", "defender_indicator", "urls", "compliance", "_ids")

    def __init__(self, defender: str | None = None, defender_indicator: str | None = None,
                 urls: tuple[str, ...] = (), compliance: dict[str, tuple[str, ...]] | None = None,
                 **ids: tuple[str, ...]) -> None:
        unknown = set(ids) - set(CATALOGUES)
        if unknown:
            raise TypeError(f"unknown reference catalogue(s): {', '.join(sorted(unknown))}; add to model.CATALOGUES")
        object.__setattr__(self, "defender", defender)
        object.__setattr__(self, "defender_indicator", defender_indicator)
        object.__setattr__(self, "urls", tuple(urls))
        object.__setattr__(self, "compliance", {k: tuple(v) for k, v in (compliance or {}).items()})
        object.__setattr__(self, "_ids", {k: tuple(v) for k, v in ids.items()})

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("References is immutable")

    def __getattr__(self, name: str) -> tuple[str, ...]:
        if name in CATALOGUES:  # `refs.checkov`, `refs.psrule`
            return self._ids.get(name, ())
        raise AttributeError(name)

    def ids(self) -> dict[str, tuple[str, ...]]:
        """Every catalogue, in `CATALOGUES` order, with the ids of this rule (possibly none)."""
        return {k: self._ids.get(k, ()) for k in CATALOGUES}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, References) and (self.defender, self.defender_indicator, self.urls,
                                                  self.compliance, self._ids) == (
            other.defender, other.defender_indicator, other.urls, other.compliance, other._ids)

    def __hash__(self) -> int:
        return hash((self.defender, self.urls, tuple(sorted(self._ids.items()))))

    def __repr__(self) -> str:
        return f"References(defender={self.defender!r}, ids={self._ids!r})"


@dataclass
class Finding:
    """A rule (or advisory) applied to one asset, with what it saw."""

    rule_id: str
    title: str
    severity: Severity
    pillar: Pillar
    status: Status
    asset_uid: str
    evidence: dict[str, Any]
    references: References
    file: str | None = None
    line: int | None = None
    address: str | None = None
    message: str = ""
    suppressed_reason: str | None = None
    advisory: dict[str, Any] | None = None  # for vulnerability findings: id, aliases, summary, severity, ranges, fixed
    baseline: str | None = None  # with a baseline report: `new` or `existing` (aispm.triage.baseline)

    @property
    def id(self) -> str:
        import hashlib

        return hashlib.sha256(f"{self.rule_id}|{self.asset_uid}".encode()).hexdigest()[:16]


@dataclass(frozen=True)
class ScanError:
    """A problem with one input: the scan goes on with the rest, and the run does
    not exit 0 as if all input had been read."""

    file: str
    line: int | None
    message: str


@dataclass(frozen=True)
class PathStep:
    """One hop of an attack path: the asset reached and the relation verb used to
    reach it from the previous step (None for the entry point)."""

    asset_uid: str
    verb: str | None
    evidence: str = ""


@dataclass
class AttackPath:
    """A walk from an entry point (internet exposure, exploitable vulnerability,
    leaked credential, public data) to an AI target, with what makes it risky.
    `status` is `possible` when a step depends on an unknown fact (listed in
    `unknowns`); a path never claims more than its evidence shows."""

    id: str
    title: str
    score: float
    status: str  # confirmed | possible
    entry: str
    target: str
    steps: list[PathStep]
    risk_factors: list[str] = field(default_factory=list)
    unknowns: list[str] = field(default_factory=list)
    remediation: str = ""
    entry_kind: str = ""
    target_kind: str = ""


@dataclass(frozen=True)
class ChokePoint:
    asset_uid: str
    paths: int


@dataclass
class ScanResult:
    assets: list[Asset] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    errors: list[ScanError] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    files_scanned: int = 0
    attack_paths: list[AttackPath] = field(default_factory=list)
    choke_points: list[ChokePoint] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # e.g. advisory data older than 30 days
    #: The real paths the scan was allowed to read under (targets, their work trees, --allow-root).
    roots: list[str] = field(default_factory=list)
    #: What live targets could not read (`aispm.live.context.Gap`: scope, service, operation, reason).
    gaps: list = field(default_factory=list)
    #: Where live data came from: one entry per live target or snapshot (cloud, target, scopes, identity, when).
    provenance: list[dict] = field(default_factory=list)
    #: The advisory data vulnerabilities were matched against (`aispm.advisories.data_record`).
    advisory_data: dict = field(default_factory=dict)
    #: What triage applied: the config file, suppression files and baseline used (aispm.triage).
    triage: dict = field(default_factory=dict)
    #: Coverage of the compliance frameworks asked for (`--compliance`): `aispm.compliance.coverage`.
    compliance: list = field(default_factory=list)

    def asset(self, uid: str) -> Asset | None:
        for a in self.assets:
            if a.uid == uid:
                return a
        return None
