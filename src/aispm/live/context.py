"""What every live collector runs under: read-only calls, timeouts, retries, a deadline, gaps.

Partial answers are the normal case for a live estate: an identity without one permission, a
region that is disabled, a service missing in a partition, throttling, a resource deleted between
list and get. A collector makes each cloud call through `LiveContext.call`, which

- refuses any operation that is not a read (its name must start with a read verb: `List`, `Get`,
  `Describe`, `Search`, `Query`, ...) or that reads secrets or data rather than configuration
  (`GetSecretValue`, Azure `listKeys`, S3 `GetObject`), so a collector cannot write or pull a secret
  even by mistake — the tests of each collector also record every operation it calls. The core
  names no cloud's services: a provider whose API has an operation of such a name that answers
  identifiers only (AWS KMS `ListKeys`) declares it and passes the declaration with its calls
  (`safe=`), so the exception holds for that provider's calls and no other's;
- retries throttling (the provider says which errors are throttling, and how long the cloud asked
  to wait: `Retry-After`) with exponential backoff and jitter, a few times;
- stops starting calls once the scan's deadline has passed;
- turns any other failure into a **gap** (scope, service, operation, reason) and returns None, so
  the collector records what it could not read, leaves the facts it would have decided unknown,
  and goes on with everything else. Nothing already collected is lost.

`scopes()` reads regions or subscriptions concurrently, with a bound. Where a collector is — cloud,
region or subscription, service — goes to `status` through `note()` (the CLI's one-line status on
a terminal, `aispm.cli.progress`: a pipe or CI log is not flooded with a line per service), with how
many of the target's scopes are done; lines that stay (a target started, read, what it could not
read) go to `progress`. When `record` is set, collectors also write what the cloud answered into a
snapshot folder (`aispm collect`), in their cloud's snapshot format.
"""

from __future__ import annotations

import random
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Collection, Iterable, Mapping, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: Operation names a read-only collector may call (AWS `ListAgents`, `describe_instances`; Azure
#: `resources` queries; GCP `searchAllResources`). Compared without `_`, `-`, `.` and case.
READ_VERBS = ("list", "get", "describe", "search", "query", "batchget", "lookup", "resources")
#: Reads that return secrets or customer data, never configuration: a posture scan calls none of them
#: (Azure `listKeys` is a POST that answers keys; S3 `GetObject` reads the data itself).
_NEVER = re.compile(r"secretvalue|listkeys|listaccountsas|listservicesas|listsecrets|getkeys|regeneratekey|"
                    r"decrypt|getobject$|getobjecttorrent|downloadblob|getblob$|getcredentials|listcredentials|"
                    r"getauthorizationtoken|getsessiontoken|getfederationtoken|getparameter|generatedatakey|"
                    r"getaccesstoken|listconnectionstrings|getconnectionstring|listpublishingcredentials")


class NotReadOnly(Exception):
    """A collector tried an operation that is not a read: a bug, stopped before any call."""


#: What a provider declares safe: service → operation names that `_NEVER` would refuse but that answer
#: identifiers or metadata, never a secret (`{"<service>": {"ListKeys"}}`). Names are compared as `is_read`
#: compares them; each is one whole operation, not a prefix.
SafeOperations = Mapping[str, Collection[str]]


def _normal(operation: str) -> str:
    return operation.replace("_", "").replace("-", "").replace(".", "").lower()


def is_read(operation: str, service: str = "", safe: SafeOperations | None = None) -> bool:
    """Whether `operation` (an API operation or method name) of `service` only reads configuration:
    it starts with a read verb and is not one of the reads that answer secrets or data, unless the
    calling provider declares it safe for that service (`safe`, see `SafeOperations`)."""
    name = _normal(operation)
    if not name.startswith(READ_VERBS):
        return False
    if _NEVER.search(name) is None:
        return True
    declared = next((ops for svc, ops in (safe or {}).items() if svc.lower() == service.lower()), ())
    return name in {_normal(op) for op in declared}


@dataclass(frozen=True)
class Gap:
    """Something a live scan could not read, and why: the report lists every one."""

    scope: str  # `aws://prod/eu-west-1`, `azure://<subscription>`, `gcp://my-project`
    service: str  # `bedrock`, `Microsoft.CognitiveServices`, `aiplatform.googleapis.com`
    operation: str  # `ListGuardrails`
    reason: str  # `access denied`, `throttled (gave up after 4 tries)`, `not available in this region`


class Throttled(Exception):
    """Raised by a provider's classifier view of an error: the call may be retried after `wait` s."""

    def __init__(self, wait: float | None = None) -> None:
        super().__init__("throttled")
        self.wait = wait


@dataclass
class LiveOptions:
    """What the user sets for live targets (CLI `--region`, `--exclude-region`, `--deadline`)."""

    regions: tuple[str, ...] = ()  # empty: every enabled region
    exclude_regions: tuple[str, ...] = ()
    deadline_seconds: float = 1800.0  # the whole live scan
    call_timeout: float = 30.0  # one call (collectors pass it to their SDK's client config)
    retries: int = 4  # attempts after the first, on throttling
    concurrency: int = 8  # regions / subscriptions read at once
    record: Path | None = None  # `aispm collect -o DIR`: also write what the cloud answered
    endpoint_url: str | None = None  # tests and emulators: the cloud's API at a local address


@dataclass
class LiveContext:
    options: LiveOptions = field(default_factory=LiveOptions)
    #: lines that stay (`aws://prod: reading`); the CLI prints them on stderr
    progress: Callable[[str], None] = lambda _line: None
    #: where the collector is now (`aws://prod/eu-west-1: bedrock-agent · 1/4 scopes done`); the CLI
    #: shows it in its status line, on a terminal only
    status: Callable[[str], None] = lambda _detail: None
    gaps: list[Gap] = field(default_factory=list)
    #: every operation called, in order (tests assert each is a read)
    operations: list[tuple[str, str]] = field(default_factory=list)
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._status_lock = threading.Lock()
        self._deadline = self.clock() + self.options.deadline_seconds
        self._scopes_done = 0
        self._scopes_total = 0

    # -- time ---------------------------------------------------------------
    def expired(self) -> bool:
        return self.clock() >= self._deadline

    # -- calls --------------------------------------------------------------
    def call(self, scope: str, service: str, operation: str, fn: Callable[[], R],
             classify: Callable[[BaseException], "Throttled | str | None"] | None = None,
             safe: SafeOperations | None = None) -> R | None:
        """`fn()` (one read call), or None with a gap recorded. `classify(exc)` says what a failure is:
        `Throttled(wait)` to retry, a short reason string (`access denied`) for a gap, None for
        "unexpected" (a gap with the exception's type). `safe` is the calling provider's declaration
        of reads `is_read` would otherwise refuse."""
        if not is_read(operation, service, safe):
            raise NotReadOnly(f"{service} {operation} is not a read operation")
        with self._lock:
            self.operations.append((service, operation))
        attempt = 0
        while True:
            if self.expired():
                self.gap(scope, service, operation, "not read: the scan's deadline passed")
                return None
            try:
                return fn()
            except NotReadOnly:
                raise
            except Exception as exc:  # noqa: BLE001 - every failure becomes a gap or a retry
                kind = classify(exc) if classify is not None else None
                if isinstance(kind, Throttled) and attempt < self.options.retries:
                    wait = kind.wait if kind.wait is not None else min(20.0, 0.5 * 2 ** attempt)
                    self.sleep(wait + random.uniform(0, wait / 4))
                    attempt += 1
                    continue
                if isinstance(kind, Throttled):
                    reason = f"throttled (gave up after {attempt + 1} tries)"
                elif isinstance(kind, str):
                    reason = kind
                else:
                    reason = f"failed: {type(exc).__name__}"
                self.gap(scope, service, operation, reason)
                return None

    def gap(self, scope: str, service: str, operation: str, reason: str) -> None:
        with self._lock:
            g = Gap(scope, service, operation, reason[:200])
            if g not in self.gaps:
                self.gaps.append(g)

    # -- scopes -------------------------------------------------------------
    def scopes(self, items: Iterable[T], read: Callable[[T], R]) -> list[R]:
        """`read(item)` for every region / subscription, `concurrency` at a time, results in input
        order. A scope whose `read` raises is one gap (`scope`), the others are kept."""
        items = list(items)
        with self._lock:
            self._scopes_total += len(items)

        def one(item: T) -> R | None:
            try:
                return read(item)
            except NotReadOnly:
                raise
            except Exception as exc:  # noqa: BLE001 - one scope lost, never the others
                self.gap(str(item), "*", "*", f"failed: {type(exc).__name__}")
                return None
            finally:
                with self._lock:
                    self._scopes_done += 1

        if len(items) <= 1 or self.options.concurrency <= 1:
            out = [one(i) for i in items]
        else:
            with ThreadPoolExecutor(min(self.options.concurrency, len(items))) as pool:
                out = list(pool.map(one, items))
        return [r for r in out if r is not None]

    def selected_regions(self, available: Iterable[str]) -> list[str]:
        """The regions to read: `--region` if given (in that order), else every available one,
        minus `--exclude-region`."""
        have = list(dict.fromkeys(available))
        chosen = [r for r in self.options.regions] if self.options.regions else have
        return [r for r in chosen if r not in self.options.exclude_regions]

    def note(self, where: str) -> None:
        """Where the collector is now (`aws://prod/eu-west-1: bedrock`), for the status line, with how
        many of the target's regions / subscriptions / projects are done."""
        with self._lock:
            done, total = self._scopes_done, self._scopes_total
        detail = f"{where} · {done}/{total} scopes done" if total > 1 else where
        with self._status_lock:  # scopes are read concurrently: one status write at a time
            self.status(detail)


def without_secrets(identity: dict[str, Any]) -> dict[str, Any]:
    """The identity a snapshot or report may record: who (account, principal, tenant, project), never
    a token or key (any key naming one is dropped)."""
    from aispm.formats.secrets import secret_name

    return {k: v for k, v in identity.items() if isinstance(v, (str, int)) and not secret_name(k)}
