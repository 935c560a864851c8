"""The Azure calls of the live collector: credential, clients, paging, errors, recording.

Every request goes through an azure-core pipeline built here, with the user's credential
(`DefaultAzureCredential`, never stored or printed), the call timeout, and **no retry and no
auto-registration policy**: throttling is retried by `LiveContext.call` (which honours
`Retry-After` and counts the attempts), and the management SDKs' default
`ARMAutoResourceProviderRegistrationPolicy` would answer a `MissingSubscriptionRegistration` with a
`POST .../register` — a write a posture scan must never make.

These APIs are read:
- **Azure Resource Graph** (`azure-mgmt-resourcegraph` `ResourceGraphClient.resources`, a POST that
  only queries), paged with `$skipToken`;
- **ARM** lists (`GET <id>/<children>?api-version=...`, paged with `nextLink`) for the child resources
  Resource Graph does not index (model deployments, content-filter policies, connections) and for
  diagnostic settings (`azure-mgmt-monitor` 7 no longer has that operation group, so it is a plain
  ARM list here); and `GET /subscriptions`;
- App Service **app setting names** (`POST <site>/config/appsettings/list`, values replaced as
  the answer is parsed: `settings.py`);
- the **Foundry Agent Service** data plane (`GET <project endpoint>/assistants`, paged with
  `after=<last_id>` while `has_more`).

With `LiveOptions.endpoint_url` (tests, emulators) every request goes to that address instead of
Azure's: the path and query stay the ones Azure is called with.
"""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit, urlunsplit

from aispm.live import MissingExtra
from aispm.live.context import LiveContext, Throttled
from aispm.providers.azure.live.settings import names_only, scrub_row

ARM = "https://management.azure.com"
ARM_SCOPE = "https://management.azure.com/.default"
#: The Foundry Agent Service's token audience (Foundry projects' data plane).
FOUNDRY_SCOPE = "https://ai.azure.com/.default"
SUBSCRIPTIONS_API = "2022-12-01"
COGNITIVE_API = "2025-06-01"
DIAGNOSTICS_API = "2021-05-01-preview"
WEB_API = "2023-12-01"
AGENTS_API = "v1"
#: Pages one listing may take: bounds what a hostile or broken paging answer can make us do.
MAX_PAGES = 1000


def credential() -> Any:
    """The user's credential from Azure's standard chain (environment, workload identity, managed
    identity, Azure CLI, ...). Tests replace this function with a static token credential."""
    try:
        from azure.identity import DefaultAzureCredential
    except ImportError:  # pragma: no cover - the extra is installed in the test environment
        raise MissingExtra("azure") from None
    return DefaultAzureCredential()


def require_sdk() -> None:
    """Raise `MissingExtra` when the `azure` extra is not installed (before any credential is built)."""
    try:
        import azure.core  # noqa: F401
        import azure.mgmt.resourcegraph  # noqa: F401
    except ImportError:
        raise MissingExtra("azure") from None


def pipeline_policies(cred: Any, scope: str) -> list:
    from azure.core.pipeline import policies

    return [
        policies.RequestIdPolicy(),
        policies.HeadersPolicy(),
        policies.UserAgentPolicy(sdk_moniker="aispm-live"),
        policies.ContentDecodePolicy(),
        policies.BearerTokenCredentialPolicy(cred, scope),
        policies.HttpLoggingPolicy(),
    ]


def http_transport(timeout: float) -> Any:
    from azure.core.pipeline.transport import RequestsTransport

    return RequestsTransport(connection_timeout=timeout, read_timeout=timeout)


def redirect(url: str, endpoint_url: str | None) -> str:
    """`url` at `endpoint_url`'s scheme and host (tests, emulators), its path and query kept."""
    if not endpoint_url:
        return url
    base = urlsplit(endpoint_url)
    u = urlsplit(url)
    return urlunsplit((base.scheme, base.netloc, u.path, u.query, ""))


class Clients:
    """The clients of one collection, built once and shared by the subscriptions read concurrently."""

    def __init__(self, ctx: LiveContext, cred: Any) -> None:
        require_sdk()
        from azure.core import PipelineClient
        from azure.mgmt.resourcegraph import ResourceGraphClient

        timeout = ctx.options.call_timeout
        self.ctx = ctx
        self.arm_base = (ctx.options.endpoint_url or ARM).rstrip("/")
        self.graph = ResourceGraphClient(cred, base_url=self.arm_base, policies=pipeline_policies(cred, ARM_SCOPE),
                                         transport=http_transport(timeout))
        self.arm = PipelineClient(self.arm_base, policies=pipeline_policies(cred, ARM_SCOPE),
                                  transport=http_transport(timeout))
        self.foundry = PipelineClient(self.arm_base, policies=pipeline_policies(cred, FOUNDRY_SCOPE),
                                      transport=http_transport(timeout))
        self.recorder = Recorder(ctx.options.record)

    # -- Resource Graph --------------------------------------------------------------------------
    def graph_rows(self, scope: str, subscription: str, family: str, query: str) -> list[dict] | None:
        """Every row of `query` over one subscription, page after page (`$skipToken`); None when
        the first page could not be read (a gap), the rows so far when a later one could not."""
        from azure.mgmt.resourcegraph.models import QueryRequest, QueryRequestOptions

        rows: list[dict] = []
        token: str | None = None
        for page in range(MAX_PAGES):
            request = QueryRequest(subscriptions=[subscription], query=query,
                                   options=QueryRequestOptions(skip_token=token, top=1000,
                                                               result_format="objectArray"))
            answer = self.ctx.call(scope, "Microsoft.ResourceGraph", "resources",
                                   lambda r=request: self.graph.resources(r, cls=_raw_json), classify)
            if not isinstance(answer, dict):
                return None if page == 0 else rows
            data = answer.get("data")
            if isinstance(data, list):  # environment variable values go before anything keeps the rows
                for row in data:
                    scrub_row(row)
            self.recorder.write(f"{subscription}/resourcegraph/{family}-{page + 1}.json", answer)
            if isinstance(data, list):
                rows.extend(r for r in data if isinstance(r, dict))
            token = answer.get("$skipToken") or answer.get("skipToken")
            if not isinstance(token, str) or not token:
                if str(answer.get("resultTruncated", "")).lower() == "true":  # rows left out, no way to page
                    self.ctx.gap(scope, "Microsoft.ResourceGraph", "resources", f"{family}: answer truncated")
                return rows
        self.ctx.gap(scope, "Microsoft.ResourceGraph", "resources", f"{family}: more than {MAX_PAGES} pages")
        return rows

    # -- ARM lists ---------------------------------------------------------------------------------
    def subscriptions(self, scope: str) -> list[dict] | None:
        return self.arm_list(scope, "Microsoft.Resources", "listSubscriptions",
                             f"/subscriptions?api-version={SUBSCRIPTIONS_API}", record=None)

    def arm_list(self, scope: str, service: str, operation: str, path: str,
                 record: str | None = "") -> list[dict] | None:
        """The `value` of an ARM list, every page (`nextLink`); None when the first page failed."""
        return self._pages(self.arm, scope, service, operation, self.arm_base + path,
                           lambda a: a.get("nextLink"), "value", record)

    def app_setting_names(self, scope: str, site_id: str) -> list[dict] | None:
        """A site's app settings as `Microsoft.Web/sites/config` `appsettings`, names only: the
        answer's values are replaced as it is parsed (`settings.names_only`), so no value is kept,
        recorded or returned. The API is a POST that only lists (`listAppSettings`)."""
        from azure.core.rest import HttpRequest

        url = f"{self.arm_base}{site_id}/config/appsettings/list?api-version={WEB_API}"
        answer = self.ctx.call(scope, "Microsoft.Web", "listAppSettings",
                               lambda: names_only(send_json(self.arm, HttpRequest("POST", url))), classify)
        if not isinstance(answer, dict) or not answer.get("id"):
            return None
        self.recorder.write_next(scope, {"value": [answer]})
        return [answer]

    # -- Foundry Agent Service -------------------------------------------------------------------
    def agents(self, scope: str, endpoint: str, project_id: str) -> list[dict] | None:
        """Every agent of a Foundry project (`GET <endpoint>/assistants`, `after=<last_id>` while
        `has_more`)."""
        base = redirect(endpoint.rstrip("/"), self.ctx.options.endpoint_url)
        first = f"{base}/assistants?api-version={AGENTS_API}&limit=100&order=asc"

        def next_url(answer: dict) -> str | None:
            last = answer.get("last_id")
            if answer.get("has_more") is True and isinstance(last, str) and last:
                return f"{first}&after={last}"
            return None

        return self._pages(self.foundry, scope, "Foundry Agent Service", "listAgents", first, next_url, "data",
                           "", extra={"aispm:project": project_id, "aispm:endpoint": endpoint})

    def _pages(self, client: Any, scope: str, service: str, operation: str, url: str,
               next_url: Callable[[dict], Any], key: str, record: str | None,
               extra: dict | None = None) -> list[dict] | None:
        from azure.core.rest import HttpRequest

        items: list[dict] = []
        seen: set[str] = set()
        for page in range(MAX_PAGES):
            answer = self.ctx.call(scope, service, operation,
                                   lambda u=url: send_json(client, HttpRequest("GET", u)), classify)
            if not isinstance(answer, dict):
                return None if page == 0 else items
            if record is not None:
                self.recorder.write_next(scope, {**answer, **(extra or {})})
            value = answer.get(key)
            if isinstance(value, list):
                items.extend(v for v in value if isinstance(v, dict))
            nxt = next_url(answer)
            if not isinstance(nxt, str) or not nxt or nxt in seen:
                return items
            seen.add(nxt)
            url = redirect(nxt, self.ctx.options.endpoint_url) if nxt.startswith("http") else self.arm_base + nxt
        self.ctx.gap(scope, service, operation, f"more than {MAX_PAGES} pages")
        return items


def _raw_json(pipeline_response: Any, _deserialized: Any, _headers: Any) -> Any:
    """`cls=` hook of the generated SDK: the answer exactly as Azure sent it (the JSON object)."""
    return pipeline_response.http_response.json()


def send_json(client: Any, request: Any) -> Any:
    from azure.core.exceptions import HttpResponseError

    response = client.send_request(request)
    if response.status_code >= 400:
        raise HttpResponseError(response=response)
    return response.json()


_RETRY_AFTER = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*$")


def classify(exc: BaseException) -> Throttled | str | None:
    """What a failed Azure call was: throttling (429, or 503 with `Retry-After`) to retry after the
    wait Azure asked for, else a short reason for the gap (never the answer's text beyond its code)."""
    from azure.core.exceptions import ClientAuthenticationError, HttpResponseError, ServiceRequestError

    if isinstance(exc, ClientAuthenticationError) and getattr(exc, "status_code", None) is None:
        return "no credential: sign in (az login) or set a managed identity"
    if isinstance(exc, HttpResponseError):
        status = exc.status_code
        response = exc.response
        headers = response.headers if response is not None else {}
        if status == 429 or (status == 503 and headers.get("Retry-After")):
            m = _RETRY_AFTER.match(str(headers.get("Retry-After") or headers.get("x-ms-retry-after-ms") or ""))
            return Throttled(float(m.group(1)) if m else None)
        code = _error_code(response)
        if status in (401, 403):
            return f"access denied ({code or status})"
        if status == 404:
            return f"not found ({code or status})"
        if status == 409 and code == "MissingSubscriptionRegistration":
            return "resource provider not registered in this subscription"
        return f"HTTP {status}{f' {code}' if code else ''}"
    if isinstance(exc, ServiceRequestError):
        return "could not connect"
    if isinstance(exc, (ValueError, json.JSONDecodeError)):
        return "the answer is not JSON"
    return None


def _error_code(response: Any) -> str | None:
    try:
        body = response.json()
    except Exception:  # noqa: BLE001 - an error page that is not JSON
        return None
    err = body.get("error") if isinstance(body, dict) else None
    code = err.get("code") if isinstance(err, dict) else None
    return code[:80] if isinstance(code, str) else None


class Recorder:
    """`aispm collect -o DIR`: each answer, as Azure sent it, under `DIR/azure/` (Resource Graph pages
    by subscription and family, ARM and agent list pages numbered in call order per subscription)."""

    def __init__(self, root: Path | None) -> None:
        self.root = root / "azure" if root is not None else None
        self._lock = threading.Lock()
        self._count: dict[str, int] = {}

    def write(self, rel: str, answer: Any) -> None:
        if self.root is None:
            return
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(answer, indent=1, sort_keys=True), encoding="utf-8")

    def write_next(self, scope: str, answer: Any) -> None:
        if self.root is None:
            return
        folder = _safe(scope.removeprefix("azure://").split("/")[0] or "tenant")
        with self._lock:
            n = self._count[folder] = self._count.get(folder, 0) + 1
        self.write(f"{folder}/arm/{n:05d}.json", answer)


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "_", text)[:80]

