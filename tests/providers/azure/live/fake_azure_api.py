"""A local Azure for the live collector's tests: an HTTPS server on loopback that answers ARM
(`GET /subscriptions`, ARM child lists, diagnostic settings), Azure Resource Graph (`POST
/providers/Microsoft.ResourceGraph/resources`) and the Foundry Agent Service (`GET
<project>/assistants`) with payloads shaped as the real APIs answer them:

- ARM lists `{"value": [...], "nextLink": "<absolute URL>"}` (Subscriptions - List, Deployments - List,
  Diagnostic Settings - List);
- Resource Graph `{"totalRecords", "count", "data": [rows], "facets": [], "resultTruncated": "false",
  "$skipToken"}` (objectArray rows: the ARM resource body with `tenantId`, `resourceGroup`,
  `subscriptionId`, lower-cased `type`);
- errors `{"error": {"code", "message"}}` (`AccessDenied` 403 for the subscription the identity
  cannot read; `429` with `Retry-After` once, then the answer);
- Foundry agents `{"object": "list", "data": [assistants], "first_id", "last_id", "has_more"}`, paged
  with `after`.

The SDK clients talk to it over real TLS (a throwaway self-signed certificate, trusted through
`REQUESTS_CA_BUNDLE`), with a static bearer token; no SDK code is replaced.
"""

from __future__ import annotations

import datetime
import ipaddress
import json
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

SUB_A = "11111111-1111-1111-1111-111111111111"
SUB_B = "22222222-2222-2222-2222-222222222222"
TENANT = "33333333-3333-3333-3333-333333333333"
RG = f"/subscriptions/{SUB_A}/resourceGroups/rg-ai/providers"
PROD = f"{RG}/Microsoft.CognitiveServices/accounts/oai-prod"
LOCKED = f"{RG}/Microsoft.CognitiveServices/accounts/oai-locked"
PROJECT = f"{PROD}/projects/proj1"
SEARCH = f"{RG}/Microsoft.Search/searchServices/srch-docs"
STORAGE = f"{RG}/Microsoft.Storage/storageAccounts/stdocs"
SITE = f"{RG}/Microsoft.Web/sites/app-chat"
CONTAINER_APP = f"{RG}/Microsoft.App/containerApps/ca-rag"
#: App setting / environment variable values the APIs answer: none may be kept anywhere.
SETTING_KEY = "sk-proj-" + "Z" * 40
SETTING_PLAIN = "https://oai-prod.openai.azure.com/"
ACCOUNT_PRINCIPAL = "aaaaaaaa-0000-0000-0000-000000000001"
SITE_PRINCIPAL = "bbbbbbbb-0000-0000-0000-000000000002"
#: A credential the connection list answers in clear: it must never reach a report.
PLANTED = "Qm9ndXNLZXlGb3JUZXN0c09ubHk9PTEyMzQ1Njc4OTBhYmNkZWY"
TOKEN = "static-test-token"


def _row(rid: str, rtype: str, **body) -> dict:
    """A Resource Graph row (objectArray): the ARM body plus the columns Resource Graph adds."""
    return {"id": rid, "name": rid.rsplit("/", 1)[-1], "type": rtype.lower(), "tenantId": TENANT,
            "kind": body.pop("kind", ""), "location": body.pop("location", "eastus"), "resourceGroup": "rg-ai",
            "subscriptionId": SUB_A, "managedBy": "", "sku": body.pop("sku", None), "plan": None,
            "properties": body.pop("properties", {}), "tags": body.pop("tags", {}), "identity": body.pop("identity", None),
            "zones": None, "extendedLocation": None, **body}


def _identity(principal: str) -> dict:
    return {"type": "SystemAssigned", "principalId": principal, "tenantId": TENANT}


ROWS = {
    "ai": [
        _row(LOCKED, "Microsoft.CognitiveServices/accounts", kind="OpenAI", sku={"name": "S0"},
             properties={"endpoint": "https://oai-locked.openai.azure.com/", "customSubDomainName": "oai-locked",
                         "publicNetworkAccess": "Disabled", "disableLocalAuth": True,
                         "networkAcls": {"defaultAction": "Deny", "ipRules": [], "virtualNetworkRules": []},
                         "provisioningState": "Succeeded"}),
        _row(PROD, "Microsoft.CognitiveServices/accounts", kind="AIServices", sku={"name": "S0"},
             identity=_identity(ACCOUNT_PRINCIPAL),
             properties={"endpoint": "https://oai-prod.cognitiveservices.azure.com/", "customSubDomainName": "oai-prod",
                         "publicNetworkAccess": "Enabled", "disableLocalAuth": False, "allowProjectManagement": True,
                         "networkAcls": {"defaultAction": "Allow", "ipRules": [], "virtualNetworkRules": []},
                         "provisioningState": "Succeeded"}),
        _row(PROJECT, "Microsoft.CognitiveServices/accounts/projects", kind="AIServices",
             identity=_identity("cccccccc-0000-0000-0000-000000000003"),
             properties={"displayName": "proj1", "isDefault": True, "provisioningState": "Succeeded",
                         "endpoints": {"AI Foundry API": "https://oai-prod.services.ai.azure.com/api/projects/proj1"}}),
        _row(SEARCH, "Microsoft.Search/searchServices", sku={"name": "standard"},
             properties={"publicNetworkAccess": "enabled", "disableLocalAuth": False, "replicaCount": 1,
                         "networkRuleSet": {"ipRules": []}, "provisioningState": "succeeded"}),
    ],
    "data": [
        _row(STORAGE, "Microsoft.Storage/storageAccounts", kind="StorageV2", sku={"name": "Standard_LRS"},
             properties={"allowBlobPublicAccess": False, "publicNetworkAccess": "Enabled",
                         "networkAcls": {"defaultAction": "Allow"}, "minimumTlsVersion": "TLS1_2"}),
    ],
    "network": [
        _row(f"{RG}/Microsoft.Network/privateEndpoints/pe-locked", "Microsoft.Network/privateEndpoints",
             properties={"privateLinkServiceConnections": [{"name": "c", "properties": {
                 # Resource Graph may spell ids in another case than ARM: ids are case-insensitive
                 "privateLinkServiceId": LOCKED.lower(), "groupIds": ["account"],
                 "privateLinkServiceConnectionState": {"status": "Approved"}}}],
                 "subnet": {"id": f"{RG}/Microsoft.Network/virtualNetworks/vnet/subnets/pe"}}),
        _row(f"{RG}/Microsoft.Network/publicIPAddresses/pip-app", "Microsoft.Network/publicIPAddresses",
             sku={"name": "Standard"}, properties={"ipAddress": "20.1.2.3", "publicIPAllocationMethod": "Static"}),
    ],
    "apps": [
        _row(SITE, "Microsoft.Web/sites", kind="app,linux", identity=_identity(SITE_PRINCIPAL),
             properties={"defaultHostName": "app-chat.azurewebsites.net", "httpsOnly": True, "state": "Running",
                         "publicNetworkAccess": "Enabled", "siteConfig": {"appSettings": None}}),
        # Resource Graph answers a container app's environment variables with their values
        _row(CONTAINER_APP, "Microsoft.App/containerApps", identity=_identity("dddddddd-0000-0000-0000-000000000004"),
             properties={"managedEnvironmentId": f"{RG}/Microsoft.App/managedEnvironments/env",
                         "configuration": {"secrets": [{"name": "search-key"}], "activeRevisionsMode": "Single",
                                           "ingress": {"external": False, "targetPort": 8080}},
                         "template": {"containers": [{"name": "rag", "image": "contoso.azurecr.io/rag:1", "env": [
                             {"name": "AZURE_OPENAI_ENDPOINT", "value": SETTING_PLAIN},
                             {"name": "OPENAI_API_KEY", "value": SETTING_KEY},
                             {"name": "SEARCH_API_KEY", "secretRef": "search-key"}]}]}}),
    ],
    "roles": [
        {"id": f"{PROD}/providers/Microsoft.Authorization/roleAssignments/r-1", "name": "r-1",
         "type": "microsoft.authorization/roleassignments", "tenantId": TENANT, "resourceGroup": "rg-ai",
         "subscriptionId": SUB_A, "properties": {
             "roleDefinitionId": f"/subscriptions/{SUB_A}/providers/Microsoft.Authorization/roleDefinitions/"
                                 "5e0bd9bd-7b93-4f28-af87-19fc36ad61bd",
             "principalId": SITE_PRINCIPAL, "principalType": "ServicePrincipal", "scope": PROD}},
        {"id": f"{SEARCH}/providers/Microsoft.Authorization/roleAssignments/r-2", "name": "r-2",
         "type": "microsoft.authorization/roleassignments", "tenantId": TENANT, "resourceGroup": "rg-ai",
         "subscriptionId": SUB_A, "properties": {
             "roleDefinitionId": f"/subscriptions/{SUB_A}/providers/Microsoft.Authorization/roleDefinitions/"
                                 "1407120a-92aa-4202-b7e9-c0e197c71c8f",
             "principalId": ACCOUNT_PRINCIPAL, "principalType": "ServicePrincipal", "scope": SEARCH}},
    ],
}

ARM_LISTS = {
    f"{PROD}/deployments": [
        [{"id": f"{PROD}/deployments/gpt-4o", "name": "gpt-4o", "type": "Microsoft.CognitiveServices/accounts/deployments",
          "sku": {"name": "GlobalStandard", "capacity": 10},
          "properties": {"model": {"format": "OpenAI", "name": "gpt-4o", "version": "2024-11-20"},
                         "raiPolicyName": "weak-filter", "provisioningState": "Succeeded"}}],
        [{"id": f"{PROD}/deployments/embed", "name": "embed", "type": "Microsoft.CognitiveServices/accounts/deployments",
          "sku": {"name": "Standard", "capacity": 5},
          "properties": {"model": {"format": "OpenAI", "name": "text-embedding-3-large", "version": "1"},
                         "provisioningState": "Succeeded"}}],
    ],
    f"{PROD}/raiPolicies": [[
        {"id": f"{PROD}/raiPolicies/weak-filter", "name": "weak-filter",
         "type": "Microsoft.CognitiveServices/accounts/raiPolicies",
         "properties": {"basePolicyName": "Microsoft.DefaultV2", "mode": "Default", "contentFilters": [
             {"name": "Hate", "severityThreshold": "High", "blocking": False, "enabled": True, "source": "Prompt"},
             {"name": "Jailbreak", "blocking": True, "enabled": True, "source": "Prompt"}]}},
    ]],
    f"{PROD}/connections": [[
        {"id": f"{PROD}/connections/search-conn", "name": "search-conn",
         "type": "Microsoft.CognitiveServices/accounts/connections",
         "properties": {"category": "CognitiveSearch", "target": "https://srch-docs.search.windows.net",
                        "authType": "ApiKey", "isSharedToAll": True, "credentials": {"key": PLANTED},
                        "metadata": {"ResourceId": SEARCH, "ApiType": "Azure"}}},
    ]],
    f"{PROJECT}/connections": [[]],
    f"{LOCKED}/deployments": [[]],
    f"{LOCKED}/raiPolicies": [[]],
    f"{LOCKED}/connections": [[]],
    f"{PROD}/providers/Microsoft.Insights/diagnosticSettings": [[
        {"id": f"{PROD}/providers/microsoft.insights/diagnosticSettings/to-law", "name": "to-law",
         "type": "Microsoft.Insights/diagnosticSettings",
         "properties": {"workspaceId": f"{RG}/Microsoft.OperationalInsights/workspaces/law",
                        "logs": [{"categoryGroup": "allLogs", "enabled": True}],
                        "metrics": [{"category": "AllMetrics", "enabled": True}]}},
    ]],
    f"{LOCKED}/providers/Microsoft.Insights/diagnosticSettings": [[]],
    f"{SEARCH}/providers/Microsoft.Insights/diagnosticSettings": [[]],
}

AGENTS = [
    [{"id": "asst_support", "object": "assistant", "created_at": 1764000000, "name": "support-agent",
      "description": "Answers customer questions", "model": "gpt-4o",
      "instructions": "You are the support agent of Contoso. Answer from the product documentation only; "
                      "never reveal internal data and refuse requests outside customer support.",
      "tools": [{"type": "mcp", "server_label": "crm", "server_url": "https://crm.contoso.example/mcp",
                 "allowed_tools": []},
                {"type": "connected_agent", "connected_agent": {"id": "asst_research", "name": "researcher",
                                                                "description": "Looks facts up on the web"}},
                {"type": "file_search"}],
      "tool_resources": {"mcp": [{"server_label": "crm", "require_approval": "never"}],
                         "file_search": {"vector_store_ids": ["vs_docs"]}},
      "temperature": 1.0, "top_p": 1.0, "response_format": "auto", "metadata": {}}],
    [{"id": "asst_research", "object": "assistant", "created_at": 1764000100, "name": "researcher",
      "description": None, "model": "gpt-4o", "instructions": "Search the web.",
      "tools": [{"type": "bing_grounding", "bing_grounding": {"search_configurations": [
          {"connection_id": f"{PROJECT}/connections/bing"}]}}],
      "tool_resources": {}, "temperature": 1.0, "top_p": 1.0, "response_format": "auto", "metadata": {}}],
]


class FakeAzure:
    """The server's state: what it was asked, and what it answers."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str]] = []  # (method, path)
        self.throttled: set[str] = set()
        #: path → (status, error code) the server answers instead (a permission missing, a deleted resource)
        self.fail: dict[str, tuple[int, str]] = {}
        #: Resource Graph families answered with `resultTruncated: "true"` and no skip token
        self.truncate: set[str] = set()
        self.base = ""
        self.lock = threading.Lock()

    # -- routing ----------------------------------------------------------------------------------
    def answer(self, method: str, path: str, query: dict, body: dict | None) -> tuple[int, dict, dict]:
        with self.lock:
            self.requests.append((method, path))
        if path in self.fail:
            status, code = self.fail[path]
            return status, {}, {"error": {"code": code, "message": f"{code} on {path}"}}
        if path == "/subscriptions" and method == "GET":
            page = query.get("$skiptoken", ["1"])[0]
            sub = {"id": f"/subscriptions/{SUB_A if page == '1' else SUB_B}", "authorizationSource": "RoleBased",
                   "subscriptionId": SUB_A if page == "1" else SUB_B, "tenantId": TENANT,
                   "displayName": "prod" if page == "1" else "shared", "state": "Enabled",
                   "subscriptionPolicies": {"locationPlacementId": "Public_2014-09-01", "quotaId": "x",
                                            "spendingLimit": "Off"}}
            nxt = {"nextLink": f"{self.base}/subscriptions?api-version=2022-12-01&$skiptoken=2"} if page == "1" else {}
            return 200, {}, {"value": [sub], **nxt, "count": {"type": "Total", "value": 2}}
        if path == "/providers/Microsoft.ResourceGraph/resources" and method == "POST":
            return self._graph(body or {})
        if method == "POST" and path == f"{SITE}/config/appsettings/list":  # Web Apps - List Application Settings
            return 200, {}, {"id": f"{SITE}/config/appsettings", "name": "appsettings",
                             "type": "Microsoft.Web/sites/config", "location": "East US", "properties": {
                                 "AZURE_OPENAI_ENDPOINT": SETTING_PLAIN, "AZURE_OPENAI_API_KEY": SETTING_KEY,
                                 "SEARCH_KEY": "@Microsoft.KeyVault(SecretUri=https://kv-app.vault.azure.net/"
                                               "secrets/search-key/)", "WEBSITE_RUN_FROM_PACKAGE": "1",
                                 "EMPTY_SETTING": ""}}
        if path.endswith("/assistants") and method == "GET":
            return self._agents(query)
        if method == "GET" and path in ARM_LISTS:
            pages = ARM_LISTS[path]
            n = int(query.get("page", ["0"])[0])
            nxt = {}
            if n + 1 < len(pages):
                nxt = {"nextLink": f"{self.base}{path}?api-version={query['api-version'][0]}&page={n + 1}"}
            return 200, {}, {"value": pages[n], **nxt}
        return 404, {}, {"error": {"code": "ResourceNotFound", "message": f"not found: {method} {path}"}}

    def _graph(self, body: dict) -> tuple[int, dict, dict]:
        from aispm.providers.azure.live.queries import FAMILIES

        family = next((f for f, q in FAMILIES if q == body.get("query")), None)
        subs = body.get("subscriptions") or []
        if family is None:
            return 400, {}, {"error": {"code": "BadRequest", "message": "unknown query"}}
        if SUB_B in subs:
            return 403, {}, {"error": {"code": "AccessDenied", "message": "Please provide below info when asking "
                                       "for support: timestamp = 2026-12-03T10:00:00Z, correlationId = x.",
                                       "details": [{"code": "AccessDenied", "message": "Access is denied to the "
                                                    "requested resource. The user might not have enough permission."}]}}
        if family == "data" and family not in self.throttled:  # throttled once, then answered
            self.throttled.add(family)
            return 429, {"Retry-After": "1"}, {"error": {"code": "RateLimiting", "message": "Please try again later."}}
        rows = ROWS[family] if SUB_A in subs else []
        options = body.get("options") or {}
        size = 3 if family == "ai" else 1000  # the AI family answers in pages of 3 (the real page is 1000)
        start = int(options.get("$skipToken") or 0)
        page = rows[start:start + size]
        out = {"totalRecords": len(rows), "count": len(page), "data": page, "facets": [], "resultTruncated": "false"}
        if family in self.truncate:
            out["resultTruncated"] = "true"
        elif start + size < len(rows):
            out["$skipToken"] = str(start + size)
        return 200, {}, out

    def _agents(self, query: dict) -> tuple[int, dict, dict]:
        after = query.get("after", [None])[0]
        n = 1 if after == AGENTS[0][-1]["id"] else 0
        data = AGENTS[n]
        return 200, {}, {"object": "list", "data": data, "first_id": data[0]["id"], "last_id": data[-1]["id"],
                         "has_more": n + 1 < len(AGENTS)}


def _handler(state: FakeAzure):
    class Handler(BaseHTTPRequestHandler):
        def _reply(self, method: str) -> None:
            auth = self.headers.get("Authorization", "")
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            if auth != f"Bearer {TOKEN}":
                status, headers, body = 401, {}, {"error": {"code": "InvalidAuthenticationToken", "message": "no"}}
            else:
                u = urlsplit(self.path)
                status, headers, body = state.answer(method, u.path, parse_qs(u.query),
                                                     json.loads(raw) if raw else None)
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            for k, v in headers.items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:  # noqa: N802
            self._reply("GET")

        def do_POST(self) -> None:  # noqa: N802
            self._reply("POST")

        def do_PUT(self) -> None:  # noqa: N802
            self._reply("PUT")

        def do_DELETE(self) -> None:  # noqa: N802
            self._reply("DELETE")

        def log_message(self, *args) -> None:
            pass

    return Handler


def _certificate(folder: Path) -> tuple[Path, Path]:
    """A throwaway self-signed certificate for 127.0.0.1."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(hours=2))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
            .sign(key, hashes.SHA256()))
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_file, key_file


class StaticToken:
    """A static bearer token credential (azure-core's TokenCredential protocol)."""

    def get_token(self, *scopes, **kwargs):
        from azure.core.credentials import AccessToken

        self.scopes = scopes
        return AccessToken(TOKEN, 4102444800)


@pytest.fixture
def azure_server(tmp_path_factory, monkeypatch):
    """The local Azure, started for one test; the collector's credential is a static token."""
    folder = tmp_path_factory.mktemp("tls")
    cert_file, key_file = _certificate(folder)
    state = FakeAzure()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(cert_file, key_file)
    server.socket = tls.wrap_socket(server.socket, server_side=True)
    state.base = f"https://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(cert_file))
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    from aispm.providers.azure.live import client

    monkeypatch.setattr(client, "credential", lambda: StaticToken())
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
