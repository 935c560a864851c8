"""A local HTTP server that answers like Google Cloud's REST APIs, for the GCP live collector's tests.

It speaks what the real clients send and expect: the OAuth token endpoint (`POST /token`, for
application default credentials of type `authorized_user` whose `token_uri` points here), Cloud
Asset Inventory `GET /v1/{parent}/assets` (`ListAssetsResponse {readTime, assets, nextPageToken}`)
and `GET /v1/{scope}:searchAllResources` (`SearchAllResourcesResponse {results, nextPageToken}`),
Vertex AI `GET /v1/projects/*/locations/*/reasoningEngines` (`{reasoningEngines, nextPageToken}`),
Model Armor `GET /v1/projects/*/locations/global/floorSetting` (the `FloorSetting` body; a project
that never set one answers its name and update time only) and `GET /v1/projects/*/locations/*/templates`
(`{templates, nextPageToken}`; disabled, 403 `SERVICE_DISABLED`, for projects in `armor_disabled`),
and Google's error body (`{"error": {code, message, status, details: [ErrorInfo]}}`). Pages hold
`page_size` items; `throttle` answers 429 with `Retry-After` the first time a given path and page is
asked; projects in `denied` answer 403; Vertex AI is disabled (403 `SERVICE_DISABLED`) for projects in
`vertex_disabled`. Every request is logged (method, path, query) so tests can assert what was asked.
Bound to 127.0.0.1 only.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

TOKEN = "ya29.local-test-token"
#: google.cloud.asset.v1.ContentType numbers
CONTENT_TYPES = {"1": "RESOURCE", "2": "IAM_POLICY", "4": "ORG_POLICY", "5": "ACCESS_POLICY"}


@dataclass
class Estate:
    #: project id → its number
    projects: dict[str, str] = field(default_factory=dict)
    #: project id → CAI assets with `resource` (RESOURCE content type)
    resources: dict[str, list[dict]] = field(default_factory=dict)
    #: project id → CAI assets with `iamPolicy` (IAM_POLICY content type)
    policies: dict[str, list[dict]] = field(default_factory=dict)
    #: project id → {region: [reasoning engine REST bodies]}
    engines: dict[str, dict[str, list[dict]]] = field(default_factory=dict)
    #: folder / organisation → project ids under it
    folders: dict[str, list[str]] = field(default_factory=dict)
    denied: set[str] = field(default_factory=set)
    #: projects whose IAM policies may not be read (`cloudasset.assets.listIamPolicy` missing)
    iam_denied: set[str] = field(default_factory=set)
    vertex_disabled: set[str] = field(default_factory=set)
    #: project id → its Model Armor floor setting body (without `name`)
    floors: dict[str, dict] = field(default_factory=dict)
    #: project id → {location: [Model Armor template bodies]}
    templates: dict[str, dict[str, list[dict]]] = field(default_factory=dict)
    armor_disabled: set[str] = field(default_factory=set)
    page_size: int = 2
    #: (path, page token) pairs that answer 429 once, with this Retry-After
    throttle: dict[tuple[str, str], str] = field(default_factory=dict)


class GoogleApis:
    def __init__(self, estate: Estate) -> None:
        self.estate = estate
        self.log: list[tuple[str, str, dict]] = []
        self.auth: list[str] = []
        self._thrown: set[tuple[str, str]] = set()
        self._lock = threading.Lock()
        handler = self._handler()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> "GoogleApis":
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    # -- routing ------------------------------------------------------------------------------
    def _project_id(self, ref: str) -> str | None:
        """`projects/<id or number>` → the project id."""
        key = ref.split("/", 1)[1] if "/" in ref else ref
        if key in self.estate.projects:
            return key
        return next((p for p, n in self.estate.projects.items() if n == key), None)

    def answer(self, method: str, path: str, query: dict[str, list[str]]) -> tuple[int, dict, dict[str, str]]:
        with self._lock:
            self.log.append((method, path, query))
        if method == "POST" and path == "/token":
            return 200, {"access_token": TOKEN, "expires_in": 3600, "token_type": "Bearer"}, {}
        token = query.get("pageToken", [""])[0]
        key = (path, token)
        with self._lock:
            if key in self.estate.throttle and key not in self._thrown:
                self._thrown.add(key)
                return 429, _error(429, "Quota exceeded for quota metric 'Read requests'", "RESOURCE_EXHAUSTED",
                                   "RATE_LIMIT_EXCEEDED"), {"Retry-After": self.estate.throttle[key]}
        if path.endswith(":searchAllResources"):
            return self._search(path[len("/v1/"):-len(":searchAllResources")], query, token)
        if path.endswith("/assets") and path.startswith("/v1/projects/"):
            return self._list_assets(path[len("/v1/"):-len("/assets")], query, token)
        if path.endswith("/reasoningEngines"):
            parts = path.split("/")  # /v1/projects/<p>/locations/<r>/reasoningEngines
            return self._engines(f"projects/{parts[3]}", parts[5], token)
        if path.endswith("/locations/global/floorSetting") or path.endswith("/templates"):
            parts = path.split("/")  # /v1/projects/<p>/locations/<l>/(floorSetting|templates)
            return self._armor(f"projects/{parts[3]}", parts[5], parts[6], token)
        return 404, _error(404, f"Method not found: {path}", "NOT_FOUND"), {}

    def _armor(self, parent: str, location: str, what: str, token: str):
        pid = self._project_id(parent)
        if pid is None or pid in self.estate.denied:
            return 403, _error(403, "Permission 'modelarmor.floorSettings.get' denied", "PERMISSION_DENIED"), {}
        if pid in self.estate.armor_disabled:
            return 403, _error(403, f"Model Armor API has not been used in project {self.estate.projects[pid]} "
                                    "before or it is disabled.", "PERMISSION_DENIED", "SERVICE_DISABLED"), {}
        if what == "floorSetting":
            # named by the project's number, whichever form was asked (as Google's APIs answer)
            body = {"name": f"projects/{self.estate.projects[pid]}/locations/global/floorSetting", "updateTime": "2026-11-20T08:00:00Z",
                    **self.estate.floors.get(pid, {})}
            return 200, body, {}
        items = self.estate.templates.get(pid, {}).get(location, [])
        page, nxt = self._page(items, token)
        out: dict[str, Any] = {"templates": page} if page else {}
        if nxt:
            out["nextPageToken"] = nxt
        return 200, out, {}

    def _page(self, items: list, token: str) -> tuple[list, str]:
        start = int(token) if token.isdigit() else 0
        end = start + self.estate.page_size
        return items[start:end], (str(end) if end < len(items) else "")

    def _list_assets(self, parent: str, query: dict, token: str):
        pid = self._project_id(parent)
        if pid is None or pid in self.estate.denied:
            return 403, _error(403, "The caller does not have permission", "PERMISSION_DENIED"), {}
        # the REST clients send enums as numbers (`$alt=json;enum-encoding=int`), others as names
        content = CONTENT_TYPES.get(query.get("contentType", ["0"])[0], query.get("contentType", [""])[0])
        if content not in ("RESOURCE", "IAM_POLICY"):
            return 400, _error(400, "Unsupported content type for this test server", "INVALID_ARGUMENT"), {}
        if content == "IAM_POLICY" and pid in self.estate.iam_denied:
            return 403, _error(403, "The caller does not have permission", "PERMISSION_DENIED"), {}
        types = set(query.get("assetTypes", []))
        pool = self.estate.resources if content == "RESOURCE" else self.estate.policies
        items = [a for a in pool.get(pid, []) if not types or a["assetType"] in types]
        page, nxt = self._page(items, token)
        body: dict[str, Any] = {"readTime": "2026-12-03T10:00:00.000000Z", "assets": page}
        if nxt:
            body["nextPageToken"] = nxt
        return 200, body, {}

    def _search(self, scope: str, query: dict, token: str):
        if scope not in self.estate.folders:
            return 403, _error(403, "The caller does not have permission", "PERMISSION_DENIED"), {}
        results = [{
            "name": f"//cloudresourcemanager.googleapis.com/projects/{self.estate.projects[p]}",
            "assetType": "cloudresourcemanager.googleapis.com/Project",
            "project": f"projects/{self.estate.projects[p]}",
            "folders": [scope] if scope.startswith("folders/") else [],
            "displayName": p,
            "state": "ACTIVE",
            "additionalAttributes": {"projectId": p},
            "parentFullResourceName": f"//cloudresourcemanager.googleapis.com/{scope}",
            "parentAssetType": "cloudresourcemanager.googleapis.com/Folder",
        } for p in self.estate.folders[scope]]
        page, nxt = self._page(results, token)
        body: dict[str, Any] = {"results": page}
        if nxt:
            body["nextPageToken"] = nxt
        return 200, body, {}

    def _engines(self, parent: str, region: str, token: str):
        pid = self._project_id(parent)
        if pid is None or pid in self.estate.denied:
            return 403, _error(403, "Permission 'aiplatform.reasoningEngines.list' denied", "PERMISSION_DENIED"), {}
        if pid in self.estate.vertex_disabled:
            return 403, _error(403, f"Vertex AI API has not been used in project {self.estate.projects[pid]} before "
                                    "or it is disabled.", "PERMISSION_DENIED", "SERVICE_DISABLED"), {}
        items = self.estate.engines.get(pid, {}).get(region, [])
        page, nxt = self._page(items, token)
        body: dict[str, Any] = {"reasoningEngines": page} if page else {}
        if nxt:
            body["nextPageToken"] = nxt
        return 200, body, {}

    def _handler(self):
        api = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self) -> None:
                url = urlparse(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                if url.path != "/token":
                    with api._lock:
                        api.auth.append(self.headers.get("Authorization", ""))
                status, body, headers = api.answer(self.command, url.path, parse_qs(url.query))
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=UTF-8")
                self.send_header("Content-Length", str(len(data)))
                for k, v in headers.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

            do_GET = _serve
            do_POST = _serve

            def log_message(self, *args: Any) -> None:  # quiet
                pass

        return Handler


def _error(code: int, message: str, status: str, reason: str | None = None) -> dict:
    err: dict[str, Any] = {"code": code, "message": message, "status": status}
    if reason:
        err["details"] = [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": reason,
                           "domain": "googleapis.com", "metadata": {"service": "aiplatform.googleapis.com"}}]
    return {"error": err}
