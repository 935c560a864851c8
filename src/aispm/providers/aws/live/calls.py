"""Calling AWS: clients for one target (live or replayed), error classes, pagination.

`Clients` makes botocore clients per service and region — from a boto3 session built by the
standard credential chain (`aws://<profile>` names the profile; SSO profiles work as boto3
makes them), or, for a snapshot, clients whose every call is answered from its files
(`record.Replayer`), so a snapshot goes through the very code a live scan runs. The SDK's own
retries are off (one attempt): `LiveContext.call` retries throttling itself, with the wait the
service asked for (`Retry-After`), and counts every call. With `ctx.options.record`, each answer
is also written to the snapshot (`record.Recorder`).

`Reader.call` makes one call through `ctx.call`, with the AWS reads the read-only guard would refuse
by name but that answer no secret (`readonly.SAFE_OPERATIONS`: Secrets Manager `ListSecrets`);
`Reader.pages` follows a list operation's pages by the SDK's pagination model (botocore's
`paginators-1.json`: input and output tokens, `more_results`, the page-size key set to the API's
maximum so that an estate costs the fewest pages). A page that repeats its token, or more than
`MAX_PAGES` pages, stops the list.

`classify` says what a failure is: throttling (`Throttling`, `ThrottlingException`,
`TooManyRequestsException`, `RequestLimitExceeded`, …) → retry; access denied; a region that is
not enabled or an endpoint that does not exist there; a resource gone between list and get; a
call the snapshot does not hold. Each becomes a gap with that reason.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterator

from aispm.live import MissingExtra
from aispm.live.context import LiveContext, Throttled
from aispm.providers.aws.live.readonly import SAFE_OPERATIONS
from aispm.providers.aws.live.record import NotRecorded, Recorder, Replayer

#: A list stops after this many pages (a service that never stops paging costs one scope).
MAX_PAGES = 10_000

THROTTLING = frozenset(("Throttling", "ThrottlingException", "ThrottledException", "TooManyRequestsException",
                        "RequestLimitExceeded", "RequestThrottled", "RequestThrottledException", "SlowDown",
                        "ProvisionedThroughputExceededException", "BandwidthLimitExceeded", "PriorRequestNotComplete",
                        "EC2ThrottledException"))
DENIED = frozenset(("AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnauthorizedException",
                    "AuthorizationError", "AuthorizationErrorException", "Forbidden", "ForbiddenException",
                    "NotAuthorized", "MissingAuthenticationToken"))
NOT_ENABLED = frozenset(("OptInRequired", "UnrecognizedClientException", "InvalidClientTokenId", "AuthFailure",
                         "SubscriptionRequiredException", "UnsupportedOperation", "InvalidAction",
                         "UnknownOperationException", "UnsupportedOperationException"))
NOT_FOUND_SUFFIX = ("NotFound", "NotFoundException", "NotFoundFault")
#: Gap reasons after which an operation is not called again in the same scope.
DEAD = ("not enabled", "endpoint not available", "the service failed")


def _botocore():
    try:
        import boto3  # noqa: F401
        import botocore.config
        import botocore.exceptions
        import botocore.session
    except ImportError as exc:  # pragma: no cover - the extra is installed in tests
        raise MissingExtra("aws") from exc
    return botocore


def classify(exc: BaseException) -> "Throttled | str | None":
    """What a failed AWS call means (`LiveContext.call`'s classifier)."""
    if isinstance(exc, NotRecorded):
        return "not in the snapshot"
    bc = _botocore()
    if isinstance(exc, bc.exceptions.ClientError):
        err = exc.response.get("Error", {}) if isinstance(exc.response, dict) else {}
        code = str(err.get("Code", ""))
        meta = exc.response.get("ResponseMetadata", {}) if isinstance(exc.response, dict) else {}
        status = meta.get("HTTPStatusCode", 0) if isinstance(meta, dict) else 0
        headers = meta.get("HTTPHeaders", {}) if isinstance(meta, dict) else {}
        if code in THROTTLING or status == 429:
            wait = None
            try:
                wait = min(60.0, float(headers.get("retry-after", ""))) if isinstance(headers, dict) else None
            except ValueError:
                wait = None
            return Throttled(wait)
        if code in DENIED or status == 403 and code not in NOT_ENABLED:
            return "access denied"
        if code in NOT_ENABLED:
            return f"not enabled or not available here ({code})"
        if code.endswith(NOT_FOUND_SUFFIX) or code.startswith("NoSuch") or status == 404:
            return f"not found: deleted between list and get? ({code or status})"
        if isinstance(status, int) and status >= 500:
            return f"the service failed (HTTP {status}{', ' + code if code and code != str(status) else ''})"
        return f"refused ({code or status})"
    if isinstance(exc, (bc.exceptions.EndpointConnectionError, bc.exceptions.UnknownEndpointError)):
        return "endpoint not available in this region"
    if isinstance(exc, (bc.exceptions.ConnectTimeoutError, bc.exceptions.ReadTimeoutError)):
        return "timed out"
    if isinstance(exc, bc.exceptions.NoCredentialsError):
        return "no credentials"
    if isinstance(exc, bc.exceptions.ParamValidationError):
        return "the SDK refused the request (aispm bug)"
    return None


def _env_endpoint() -> bool:
    import os

    return bool(os.environ.get("AWS_ENDPOINT_URL"))


def emulator_host(client: Any) -> None:
    """An emulator at one address (tests, `AWS_ENDPOINT_URL`) has no `<account id>.` host per
    account, which s3control's endpoint rules put before the endpoint: send to the address itself."""
    import re

    def strip(request: Any, **_kw: Any) -> None:
        request.url = re.sub(r"^(https?://)\d{12}\.", r"\1", request.url)

    client.meta.events.register("before-send.s3-control", strip)


_LOADER: list = []


def shared_loader():
    """One botocore model loader (and its cache) for every session of the process."""
    if not _LOADER:
        from botocore.loaders import create_loader

        _LOADER.append(create_loader())
    return _LOADER[0]


class Clients:
    """Botocore clients for one target, one per (service, region), live or replayed."""

    def __init__(self, ctx: LiveContext, profile: str | None = None, replay: Path | None = None,
                 read: Callable[[Path], str] | None = None) -> None:
        bc = _botocore()
        self.ctx = ctx
        self.replayer = Replayer(replay, read) if replay is not None else None
        self.recorder = Recorder(ctx.options.record) if ctx.options.record is not None and replay is None else None
        self._clients: dict[tuple[str, str], Any] = {}
        self._config = bc.config.Config(
            connect_timeout=min(ctx.options.call_timeout, 10.0), read_timeout=ctx.options.call_timeout,
            retries={"total_max_attempts": 1, "mode": "standard"}, s3={"addressing_style": "path"},
            user_agent_extra="aispm", max_pool_connections=4)
        if replay is not None:
            self._session = bc.session.get_session()
            self.home = "us-east-1"
        else:
            import boto3

            self._boto = boto3.Session(profile_name=profile or None)
            self._session = self._boto._session  # botocore's, for the pagination models
            self.home = self._boto.region_name or "us-east-1"
        # service models are large JSON files: load each once per process, not once per client
        self._session.register_component("data_loader", shared_loader())
        import threading

        self._lock = threading.Lock()
        self._paginators: dict[str, Any] = {}

    def client(self, service: str, region: str, folder: str | None = None) -> Any:
        """The client of `service` in `region`; its answers are recorded (or replayed) under
        `folder` (the region's own, `global` for account-wide services)."""
        folder = folder or region
        key = (service, folder)
        with self._lock:
            c = self._clients.get(key)
            if c is not None:
                return c
            if self.replayer is not None:
                c = self._session.create_client(service, region_name=region, config=self._config,
                                                aws_access_key_id="replay", aws_secret_access_key="replay")
                self.replayer.attach(c, folder)
            else:
                c = self._boto.client(service, region_name=region, config=self._config,
                                      endpoint_url=self.ctx.options.endpoint_url)
                if service == "s3control" and (self.ctx.options.endpoint_url or _env_endpoint()):
                    emulator_host(c)
                if self.recorder is not None:
                    self.recorder.attach(c, folder)
            self._clients[key] = c
            return c

    def release(self, folder: str) -> None:
        """Close the clients of a scope that is done (their connection pools and endpoint state), so
        that memory follows the regions being read, not the regions read."""
        with self._lock:
            done = [k for k in self._clients if k[1] == folder]
            clients = [self._clients.pop(k) for k in done]
        for c in clients:
            try:
                c.close()
            except Exception:  # noqa: BLE001 - closing is best effort
                pass

    def pagination(self, service: str, operation: str) -> dict | None:
        with self._lock:
            model = self._paginators.get(service)
            if model is None:
                try:
                    model = self._session.get_paginator_model(service)
                except Exception:  # noqa: BLE001 - a service without paginators
                    model = False
                self._paginators[service] = model
        if not model:
            return None
        try:
            return dict(model.get_paginator(operation))
        except ValueError:
            return None


class Reader:
    """Calls of one scope (a region, or `global`) through the live context."""

    def __init__(self, ctx: LiveContext, clients: Clients, scope: str, region: str, folder: str | None = None,
                 account: str = "") -> None:
        self.ctx, self.clients, self.scope, self.region, self.folder = ctx, clients, scope, region, folder or region
        self.account = account
        #: operations that answered "not in this region / not implemented": not called again here
        self.dead: set[tuple[str, str]] = set()

    def call(self, service: str, operation: str, missing_ok: tuple[str, ...] = (), **kw: Any) -> dict | None:
        """One call's answer, or None (a gap was recorded). An error whose code is in `missing_ok`
        means "none" here (a function without a resource policy): `{}`, no gap."""
        from botocore import xform_name
        from botocore.exceptions import ClientError

        if (service, operation) in self.dead:
            return None  # answered "not here" before in this scope: the gap is recorded
        client = self.clients.client(service, self.region, self.folder)
        method = getattr(client, xform_name(operation))

        def fn() -> dict:
            try:
                return method(**kw)
            except ClientError as exc:
                if missing_ok and str(exc.response.get("Error", {}).get("Code", "")) in missing_ok:
                    return {}
                self._mark(service, operation, exc)
                raise
            except Exception as exc:
                self._mark(service, operation, exc)
                raise

        return self.ctx.call(self.scope, service, operation, fn, classify, safe=SAFE_OPERATIONS)

    def _mark(self, service: str, operation: str, exc: BaseException) -> None:
        kind = classify(exc)
        if isinstance(kind, str) and kind.startswith(DEAD):
            self.dead.add((service, operation))

    def pages(self, service: str, operation: str, page_size: int | None = None, **kw: Any) -> Iterator[dict]:
        """Every page of a list operation (stops at a gap: what was read is kept)."""
        import jmespath

        cfg = self.clients.pagination(service, operation)
        if cfg is None:  # no pagination model: follow nextToken / NextToken if the answer has one
            cfg = {"input_token": "nextToken", "output_token": "nextToken"}
            probe = True
        else:
            probe = False
        args = dict(kw)
        if page_size and cfg.get("limit_key"):
            args[cfg["limit_key"]] = page_size
        seen: set = set()
        for _ in range(MAX_PAGES):
            page = self.call(service, operation, **args)
            if page is None:
                return
            yield page
            if cfg.get("more_results") and not jmespath.search(cfg["more_results"], page):
                return
            ins = cfg["input_token"] if isinstance(cfg["input_token"], list) else [cfg["input_token"]]
            outs = cfg["output_token"] if isinstance(cfg["output_token"], list) else [cfg["output_token"]]
            if probe and "nextToken" not in page and "NextToken" in page:
                ins, outs = ["NextToken"], ["NextToken"]
            toks = [jmespath.search(o, page) for o in outs]
            if all(t in (None, "") for t in toks):
                return
            key = tuple(str(t) for t in toks)
            if key in seen:
                return
            seen.add(key)
            for i, t in zip(ins, toks):
                if t in (None, ""):
                    args.pop(i, None)
                else:
                    args[i] = t


def items(pages: Iterator[dict], key: str) -> Iterator[Any]:
    """The items under `key` of every page."""
    for page in pages:
        got = page.get(key)
        if isinstance(got, list):
            yield from got
