"""The GCP live collector: `gcp://[project | organizations/<id> | folders/<id>]` read through the
Cloud Asset Inventory, read-only, into the Cloud Asset Inventory shape the GCP provider already judges.

Get → transform → load:

- **credentials**: Google application default credentials (`google.auth.default`: the
  `GOOGLE_APPLICATION_CREDENTIALS` file, `gcloud auth application-default login`, the metadata
  server); never stored, never printed. `gcp://` reads the credentials' default project.
- **scope**: a project is read as it is; an organisation or folder is first expanded into its
  projects (`searchAllResources` for `cloudresourcemanager.googleapis.com/Project`), and each
  project is then read on its own, concurrently (`ctx.scopes`), so a project the identity may not
  read is one gap and the others are kept.
- **per project**: `ListAssets` with `contentType=RESOURCE` and again with `IAM_POLICY`, for the
  asset types of the GCP provider (`ASSET_TYPES`), page by page (`nextPageToken`), each page one
  `ctx.call` (retried on 429 / 503 with the `Retry-After` asked, a gap on 403 or a disabled API).
  The inventory has no type for Vertex AI Agent Engine (reasoning engines): they are listed with
  the Vertex AI REST API (`projects.locations.reasoningEngines.list`, per region), for the one
  field a rule needs (AISPM-GCP-008, `encryptionSpec.kmsKeyName`), and kept as records of the same
  shape (`//aiplatform.googleapis.com/<name>`, `resource.data` = the REST body).
- **Model Armor** (no inventory type either): the project's floor setting
  (`projects.locations.floorSetting.get`, global) and its templates
  (`projects.locations.templates.list`, per Model Armor location, on the location's `rep` host),
  kept as records of types `modelarmor.googleapis.com/FloorSetting` and `.../Template`. The
  floor setting is what applies Model Armor to Vertex AI without the application asking
  (`integratedServices: [AI_PLATFORM]`, `aiPlatformFloorSetting.inspectAndBlock`): the GCP linker
  turns it into the `guardrail` fact of the project's Vertex AI endpoints. A template applies
  only where an application names it in a request, which no configuration records.
- **transform** (`transform.py`, shared with the snapshot source) and **record**: with
  `ctx.options.record` set, every record is also written as Cloud Asset Inventory export JSON lines
  (`record/gcp/<project>/resource.json`, `iam-policy.json`: what `gcloud asset export
  --content-type=resource|iam-policy` writes), which `aispm scan DIR` reads back.

Not read (each listed in docs/permissions.md): legacy managed-notebook runtimes (the inventory
has no type for them), feature-store entity types, folder and organisation
IAM policies (only project and resource policies are judged).
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any, Callable

from aispm.live import LiveContext, LiveTarget, MissingExtra, Throttled
from aispm.live.context import without_secrets
from aispm.model import ScanError
from aispm.providers.gcp import catalog as cat
from aispm.providers.gcp.live.transform import Records, to_assets
from aispm.source import SourceResult

#: The asset types read from the inventory: every Cloud Asset Inventory type the GCP provider models.
ASSET_TYPES = (
    cat.ENDPOINT, cat.DATASET, cat.FEATURESTORE, cat.FEATURE_ONLINE_STORE, cat.TENSORBOARD, cat.METADATA_STORE,
    cat.INDEX, cat.INDEX_ENDPOINT, cat.MODEL, cat.NOTEBOOK_INSTANCE, cat.DATA_STORE, cat.SEARCH_ENGINE,
    cat.RUN_SERVICE, cat.FUNCTION, cat.FUNCTION_V2, cat.BUCKET, cat.KEY_RING, cat.CRYPTO_KEY, cat.SERVICE_ACCOUNT,
    cat.SERVICE_ACCOUNT_KEY, cat.INSTANCE, cat.PROJECT,
)
#: Regions where Vertex AI Agent Engine runs (`--region` narrows them, `--exclude-region` drops some).
AGENT_ENGINE_REGIONS = (
    "us-central1", "us-east1", "us-east4", "us-west1", "europe-west1", "europe-west2", "europe-west3", "europe-west4",
    "europe-southwest1", "asia-east1", "asia-northeast1", "asia-south1", "asia-southeast1", "australia-southeast1",
)
#: Locations Model Armor keeps templates in (`--region` narrows them, `--exclude-region` drops some).
MODEL_ARMOR_LOCATIONS = (
    "us", "eu", "us-central1", "us-east1", "us-east4", "us-west1", "europe-west1", "europe-west2", "europe-west4",
    "asia-south1", "asia-southeast1", "asia-northeast1",
)
MODEL_ARMOR = "modelarmor.googleapis.com"
FLOOR_SETTING = "modelarmor.googleapis.com/FloorSetting"
SCOPE_SCOPES = ("https://www.googleapis.com/auth/cloud-platform",)
SERVICE = "cloudasset.googleapis.com"
VERTEX = "aiplatform.googleapis.com"
PAGE_SIZE = 500  # ListAssets' maximum page size: fewest calls
#: What the two inventory reads are recorded as (the file names of `gcloud asset export` output).
CONTENT = {"RESOURCE": "resource.json", "IAM_POLICY": "iam-policy.json"}


def collect(target: LiveTarget, ctx: LiveContext) -> SourceResult:
    try:
        import google.auth
        from google.api_core import exceptions as gexc  # noqa: F401 - the SDK is there
        from google.cloud import asset_v1
    except ImportError as exc:
        raise MissingExtra("gcp") from exc

    result = SourceResult()
    try:
        creds, default_project = google.auth.default(scopes=SCOPE_SCOPES)
    except google.auth.exceptions.DefaultCredentialsError:
        result.errors.append(ScanError(target.text, None, "no Google application default credentials: run "
                                       "`gcloud auth application-default login` or set GOOGLE_APPLICATION_CREDENTIALS"))
        return result
    scope = target.scope or (f"projects/{default_project}" if default_project else "")
    if not scope:
        result.errors.append(ScanError(target.text, None, "no default project in the application default "
                                       "credentials: name one (gcp://<project>)"))
        return result
    if not scope.startswith(("projects/", "organizations/", "folders/")):
        scope = f"projects/{scope}"
    reader = _Reader(ctx, creds, asset_v1)
    if scope.startswith("projects/"):
        projects = [(scope, scope.split("/", 1)[1])]
    else:
        projects = reader.projects_in(scope)
    ctx.note(f"gcp://{scope}: {len(projects)} project{'s' if len(projects) != 1 else ''}")
    per_project = ctx.scopes(projects, reader.read_project)
    records = Records()
    for recs in per_project:
        records.extend(recs)
    result.assets.extend(to_assets(records))
    identity = {"cloud": "gcp", "scope": scope, "projects": ", ".join(p for _, p in projects),
                "principal": getattr(creds, "service_account_email", None) or getattr(creds, "account", None) or "",
                "reads": "cloudasset ListAssets (RESOURCE, IAM_POLICY), aiplatform reasoningEngines.list, "
                         "modelarmor floorSetting.get, templates.list"}
    result.provenance.append(without_secrets({k: v for k, v in identity.items() if v}))
    return result


def classify(exc: BaseException) -> Throttled | str | None:
    """What a Google API failure means for the scan: retry, a gap with a reason, or unexpected."""
    from google.api_core import exceptions as gexc

    if isinstance(exc, (gexc.TooManyRequests, gexc.ResourceExhausted, gexc.ServiceUnavailable)):
        return Throttled(_retry_after(exc))
    if isinstance(exc, gexc.GoogleAPICallError):
        reason = (getattr(exc, "reason", None) or "").upper()
        text = (exc.message or "").lower() if isinstance(exc.message, str) else ""
        if reason in ("SERVICE_DISABLED", "API_DISABLED") or "has not been used in project" in text \
                or "is disabled" in text:
            return "API not enabled"
        if isinstance(exc, (gexc.Forbidden, gexc.PermissionDenied)):  # REST gives 403 Forbidden, gRPC the other
            return "access denied"
        if isinstance(exc, (gexc.Unauthorized, gexc.Unauthenticated)):
            return "not authenticated"
        if isinstance(exc, gexc.NotFound):
            return "not found"
        if isinstance(exc, gexc.BadRequest):
            return "request refused (400)"
        return f"failed: HTTP {exc.code}" if exc.code else f"failed: {type(exc).__name__}"
    return None


def _retry_after(exc: BaseException) -> float | None:
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    value = headers.get("Retry-After") if headers is not None else None
    try:
        return max(0.0, min(float(value), 120.0)) if value is not None else None
    except ValueError:
        return None  # an HTTP date: use the backoff


class _Reader:
    """One target's reads: the inventory client, the Vertex AI session, the recorder."""

    def __init__(self, ctx: LiveContext, creds: Any, asset_v1: Any) -> None:
        self.ctx = ctx
        self.creds = creds
        options: dict[str, Any] = {}
        # a sovereign or test universe (`universe_domain` of the credentials) has its own API hosts
        self.universe = getattr(creds, "universe_domain", None) or "googleapis.com"
        if self.universe != "googleapis.com":
            options["universe_domain"] = self.universe
        if ctx.options.endpoint_url:
            options["api_endpoint"] = ctx.options.endpoint_url
        # REST, not gRPC: plain HTTPS through proxies, and a local server in tests speaks it
        self.client = asset_v1.AssetServiceClient(credentials=creds, transport="rest", client_options=options)
        self.asset_v1 = asset_v1
        self._session: Any = None
        self._lock = threading.Lock()

    # -- inventory ------------------------------------------------------------------------------
    def _pages(self, scope_text: str, operation: str, call: Callable[[str], Any], items: str) -> list | None:
        """Every page of one paginated read, each page one `ctx.call`; None if the first page failed
        (later pages that fail keep what the earlier ones gave: a gap says the rest is missing)."""
        out: list = []
        token = ""
        first = True
        while True:
            page = self.ctx.call(scope_text, SERVICE, operation, lambda t=token: call(t), classify)
            if page is None:
                return None if first else out
            first = False
            out.extend(getattr(page, items))
            token = page.next_page_token
            if not token:
                return out

    def projects_in(self, scope: str) -> list[tuple[str, str]]:
        """The projects of an organisation or folder: (`projects/<number>`, project id)."""
        def call(token: str):
            req = self.asset_v1.SearchAllResourcesRequest(scope=scope, asset_types=[cat.PROJECT],
                                                          page_size=PAGE_SIZE, page_token=token)
            return self.client.search_all_resources(request=req, retry=None, timeout=self.ctx.options.call_timeout)

        results = self._pages(f"gcp://{scope}", "SearchAllResources", call, "results") or []
        out = []
        for r in results:
            parent = r.project or r.name.replace("//cloudresourcemanager.googleapis.com/", "")
            attrs = dict(r.additional_attributes or {})
            pid = attrs.get("projectId") if isinstance(attrs.get("projectId"), str) else None
            short = r.name.rsplit("/", 1)[-1]
            pid = pid or (short if not short.isdigit() else parent.split("/", 1)[-1])
            out.append((parent, pid))
        return sorted(set(out), key=lambda p: p[1])

    def read_project(self, project: tuple[str, str]) -> list[dict]:
        parent, pid = project
        scope_text = f"gcp://{pid}"
        records: list[dict] = []
        for content in CONTENT:
            self.ctx.note(f"{scope_text}: cloudasset {content.lower()}")
            got = self._list_assets(scope_text, parent, content)
            if got is None and content == "RESOURCE":
                return records  # the project is not readable (its gap says why): ask it nothing more
            if got:
                records.extend(got)
                self._record(pid, CONTENT[content], got)
        self.ctx.note(f"{scope_text}: aiplatform reasoningEngines")
        engines = self._reasoning_engines(scope_text, parent)
        self.ctx.note(f"{scope_text}: modelarmor")
        armor = self._model_armor(scope_text, parent)
        for extra in (engines, armor):
            if extra:
                records.extend(extra)
                self._record(pid, CONTENT["RESOURCE"], extra)
        return records

    def _list_assets(self, scope_text: str, parent: str, content: str) -> list[dict] | None:
        ct = getattr(self.asset_v1.ContentType, content)

        def call(token: str):
            req = self.asset_v1.ListAssetsRequest(parent=parent, asset_types=list(ASSET_TYPES), content_type=ct,
                                                  page_size=PAGE_SIZE, page_token=token)
            return self.client.list_assets(request=req, retry=None, timeout=self.ctx.options.call_timeout)

        assets = self._pages(scope_text, "ListAssets", call, "assets")
        return None if assets is None else [_as_dict(a) for a in assets]

    # -- Vertex AI (what the inventory lacks) ----------------------------------------------------
    def _vertex_get(self, url: str) -> dict:
        from google.api_core import exceptions as gexc
        from google.auth.transport.requests import AuthorizedSession

        with self._lock:
            if self._session is None:
                self._session = AuthorizedSession(self.creds)
        resp = self._session.get(url, timeout=self.ctx.options.call_timeout)
        if resp.status_code >= 400:
            raise gexc.from_http_response(resp)
        body = resp.json()
        return body if isinstance(body, dict) else {}

    def _reasoning_engines(self, scope_text: str, parent: str) -> list[dict]:
        out: list[dict] = []
        for region in self.ctx.selected_regions(AGENT_ENGINE_REGIONS):
            base = self.ctx.options.endpoint_url or f"https://{region}-aiplatform.{self.universe}"
            url = f"{base.rstrip('/')}/v1/{parent}/locations/{region}/reasoningEngines?pageSize=100"
            pages, disabled = self._regional_pages(f"{scope_text}/{region}", VERTEX, "ListReasoningEngines", url)
            for page in pages:
                for engine in page.get("reasoningEngines") or []:
                    if isinstance(engine, dict) and isinstance(engine.get("name"), str):
                        out.append({"name": f"//{VERTEX}/{engine['name']}", "asset_type": cat.REASONING_ENGINE,
                                    "resource": {"version": "v1", "discovery_name": "ReasoningEngine",
                                                 "location": region, "data": engine}})
            if disabled:
                return out  # disabled for the project: no other region answers either
        return out

    def _regional_pages(self, scope_text: str, service: str, operation: str, url: str) -> tuple[list[dict], bool]:
        """Every page of one regional REST list (`pageToken` / `nextPageToken`) up to the first that
        does not answer, and whether that answer was "API not enabled": then the API is off for the
        whole project and no other region needs asking."""
        pages: list[dict] = []
        token = ""
        while True:
            page_url = f"{url}&pageToken={token}" if token else url
            before = len(self.ctx.gaps)
            page = self.ctx.call(scope_text, service, operation, lambda u=page_url: self._vertex_get(u), classify)
            if page is None:
                return pages, any(g.reason == "API not enabled" for g in self.ctx.gaps[before:])
            pages.append(page)
            token = page.get("nextPageToken") or ""
            if not token:
                return pages, False

    # -- Model Armor -----------------------------------------------------------------------------
    def _model_armor(self, scope_text: str, parent: str) -> list[dict]:
        """The project's floor setting and templates, as records (module doc). A project where the
        API is not enabled answers that once: nothing more is asked of it."""
        out: list[dict] = []
        base = self.ctx.options.endpoint_url or f"https://{MODEL_ARMOR}".replace("googleapis.com", self.universe)
        before = len(self.ctx.gaps)
        url = f"{base.rstrip('/')}/v1/{parent}/locations/global/floorSetting"
        floor = self.ctx.call(scope_text, MODEL_ARMOR, "GetFloorSetting", lambda: self._vertex_get(url), classify)
        if floor is None and any(g.reason == "API not enabled" for g in self.ctx.gaps[before:]):
            return out
        if isinstance(floor, dict) and isinstance(floor.get("name"), str):
            out.append(_armor_record(floor, FLOOR_SETTING, "FloorSetting", "global"))
        for loc in self.ctx.selected_regions(MODEL_ARMOR_LOCATIONS):
            base = self.ctx.options.endpoint_url or f"https://modelarmor.{loc}.rep.{self.universe}"
            url = f"{base.rstrip('/')}/v1/{parent}/locations/{loc}/templates?pageSize=100"
            pages, disabled = self._regional_pages(f"{scope_text}/{loc}", MODEL_ARMOR, "ListTemplates", url)
            for page in pages:
                for t in page.get("templates") or []:
                    if isinstance(t, dict) and isinstance(t.get("name"), str):
                        out.append(_armor_record(t, cat.MODEL_ARMOR_TEMPLATE, "Template", loc))
            if disabled:
                return out
        return out

    # -- snapshot --------------------------------------------------------------------------------
    def _record(self, project: str, file: str, records: list[dict]) -> None:
        """Append records as Cloud Asset Inventory export JSON lines under `record/gcp/<project>/`."""
        if self.ctx.options.record is None:
            return
        folder = Path(self.ctx.options.record) / "gcp" / _safe(project)
        with self._lock:
            folder.mkdir(parents=True, exist_ok=True)
            with (folder / file).open("a", encoding="utf-8") as fh:
                for r in records:
                    fh.write(json.dumps(r, sort_keys=True) + "\n")


def _armor_record(body: dict, asset_type: str, discovery: str, location: str) -> dict:
    """A Model Armor REST body as an inventory record (`//modelarmor.googleapis.com/<name>`)."""
    return {"name": f"//{MODEL_ARMOR}/{body['name']}", "asset_type": asset_type,
            "resource": {"version": "v1", "discovery_name": discovery, "location": location, "data": body}}


def _as_dict(asset: Any) -> dict:
    """An inventory asset as the export writes it: proto field names at the top (`asset_type`,
    `iam_policy`), the resource's own JSON (camelCase) under `resource.data`."""
    from google.protobuf.json_format import MessageToDict

    return MessageToDict(type(asset).pb(asset), preserving_proto_field_name=True)


def _safe(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in text) or "_"
