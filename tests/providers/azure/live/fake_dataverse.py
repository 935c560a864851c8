"""A local Dataverse Web API for the live Copilot Studio tests: HTTPS on loopback (azure-core sends a
bearer token over TLS only), answering `GET /api/data/v9.2/{bots,botcomponents,connectionreferences}`
as the Web API does — an OData page `{"@odata.context", "value": [rows with "@odata.etag"],
"@odata.nextLink"}`, at most `odata.maxpagesize` rows (the `Prefer` header; this server caps pages
at `page_size`, as Dataverse may), `Preference-Applied` echoed, the next link absolute on the
environment's own host with a `$skiptoken` — and errors `{"error": {"code", "message"}}` (429 with
`Retry-After` once for `throttle`, 403 for tables in `denied`).

The rows are made from the Copilot Studio solution-export fixture (`ClaimsSolution`), the way
Dataverse keeps what the export writes: a bot's settings as columns and its `configuration` as a
JSON string, a component's YAML as `data` and its bot as `_parentbotid_value` (the bot's id), the
connection references as rows — so the live collector can be held to the export's facts.
"""

from __future__ import annotations

import json
import ssl
import threading
import uuid
import xml.etree.ElementTree as ET
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from fake_azure_api import TOKEN, StaticToken, _certificate

HOST = "contoso.crm4.dynamics.com"
EXPORT = Path(__file__).resolve().parents[3] / "sources" / "agents" / "fixtures" / "indicators" / "copilot" / \
    "ClaimsSolution"


def _id(text: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, text))


def _text(el: ET.Element, tag: str):
    child = el.find(tag)
    return child.text.strip() if child is not None and child.text else None


def _int(v):
    return int(v) if isinstance(v, str) and v.isdigit() else v


def rows_from_export(export: Path = EXPORT) -> dict[str, list[dict]]:
    """The Dataverse rows of the export's bots, components and connection references."""
    bots, comps, refs = [], [], []
    for bot_xml in sorted((export / "bots").glob("*/bot.xml")):
        el = ET.parse(bot_xml).getroot()
        schema = el.get("schemaname")
        cfg = bot_xml.parent / "configuration.json"
        bots.append({"@odata.etag": 'W/"1001"', "botid": _id(schema), "schemaname": schema, "name": _text(el, "name"),
                     "authenticationmode": _int(_text(el, "authenticationmode")),
                     "authenticationtrigger": _int(_text(el, "authenticationtrigger")),
                     "accesscontrolpolicy": _int(_text(el, "accesscontrolpolicy")),
                     "authorizedsecuritygroupids": _text(el, "authorizedsecuritygroupids"),
                     "configuration": cfg.read_text() if cfg.is_file() else None, "publishedon": None,
                     "language": _int(_text(el, "language")), "statecode": 0})
    for meta in sorted((export / "botcomponents").glob("*/botcomponent.xml")):
        el = ET.parse(meta).getroot()
        parent = el.find("parentbotid")
        parent_schema = _text(parent, "schemaname") if parent is not None else None
        data = meta.parent / "data"
        comps.append({"@odata.etag": 'W/"2002"', "botcomponentid": _id(el.get("schemaname")),
                      "schemaname": el.get("schemaname"), "name": _text(el, "name"),
                      "componenttype": _int(_text(el, "componenttype")), "description": None,
                      "data": data.read_text() if data.is_file() else None,
                      "_parentbotid_value": _id(parent_schema) if parent_schema else None, "statecode": 0})
    custom = ET.parse(export / "Other" / "Customizations.xml").getroot()
    for cr in custom.iter("connectionreference"):
        logical = cr.get("connectionreferencelogicalname")
        refs.append({"@odata.etag": 'W/"3003"', "connectionreferenceid": _id(logical),
                     "connectionreferencelogicalname": logical,
                     "connectionreferencedisplayname": _text(cr, "connectionreferencedisplayname"),
                     "connectorid": _text(cr, "connectorid"), "statecode": 0})
    return {"bots": bots, "botcomponents": comps, "connectionreferences": refs}


class FakeDataverse:
    def __init__(self, rows: dict[str, list[dict]]) -> None:
        self.rows = rows
        self.requests: list[tuple[str, str, dict, dict]] = []  # (method, path, query, headers)
        self.page_size = 3
        self.throttle: set[str] = set()
        self.denied: set[str] = set()
        self.link_base: str | None = None  # where next links point; None: `https://{HOST}`
        self._thrown: set[str] = set()
        self.lock = threading.Lock()

    def answer(self, method: str, path: str, query: dict, headers: dict) -> tuple[int, dict, dict]:
        with self.lock:
            self.requests.append((method, path, query, headers))
        table = path.rsplit("/", 1)[-1]
        if method != "GET" or not path.startswith("/api/data/v9.2/") or table not in self.rows:
            return 404, {}, {"error": {"code": "0x80060888", "message": f"Resource not found for the segment '{table}'."}}
        if table in self.denied:
            return 403, {}, {"error": {"code": "0x80040220", "message": "Principal user is missing prvReadbot privilege."}}
        token = query.get("$skiptoken", ["0"])[0]
        with self.lock:
            if table in self.throttle and table not in self._thrown:
                self._thrown.add(table)
                return 429, {"Retry-After": "2"}, {"error": {"code": "0x80072321", "message": "Number of requests "
                                                             "exceeded the limit of 6000 over time window of 300 seconds."}}
        prefer = headers.get("prefer", "")
        asked = int(prefer.split("odata.maxpagesize=", 1)[1]) if "odata.maxpagesize=" in prefer else 5000
        size = min(asked, self.page_size)
        select = query.get("$select", [""])[0]
        start = int(token)
        rows = self.rows[table][start:start + size]
        body = {"@odata.context": f"https://{HOST}/api/data/v9.2/$metadata#{table}({select})", "value": rows}
        if start + size < len(self.rows[table]):
            body["@odata.nextLink"] = (f"{self.link_base or f'https://{HOST}'}/api/data/v9.2/{table}?$select={select}"
                                       f"&$skiptoken={quote(str(start + size))}")
        return 200, {"Preference-Applied": f"odata.maxpagesize={asked}", "OData-Version": "4.0"}, body


def _handler(state: FakeDataverse):
    class Handler(BaseHTTPRequestHandler):
        def _reply(self, method: str) -> None:
            if self.headers.get("Authorization", "") != f"Bearer {TOKEN}":
                status, headers, body = 401, {}, {"error": {"code": "0x80072560", "message": "not authenticated"}}
            else:
                u = urlsplit(self.path)
                status, headers, body = state.answer(method, u.path, parse_qs(u.query),
                                                     {k.lower(): v for k, v in self.headers.items()})
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; odata.metadata=minimal")
            self.send_header("Content-Length", str(len(data)))
            for k, v in headers.items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:  # noqa: N802
            self._reply("GET")

        def do_POST(self) -> None:  # noqa: N802
            self._reply("POST")

        def do_PATCH(self) -> None:  # noqa: N802
            self._reply("PATCH")

        def log_message(self, *args) -> None:
            pass

    return Handler


@pytest.fixture
def dataverse(tmp_path_factory, monkeypatch):
    """The local Dataverse, started for one test; the collector's credential is a static token."""
    folder = tmp_path_factory.mktemp("tls")
    cert_file, key_file = _certificate(folder)
    state = FakeDataverse(rows_from_export())
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(cert_file, key_file)
    server.socket = tls.wrap_socket(server.socket, server_side=True)
    state.base = f"https://127.0.0.1:{server.server_address[1]}"
    token = StaticToken()
    state.credential = token
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(cert_file))
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    from aispm.providers.azure.live import client

    monkeypatch.setattr(client, "credential", lambda: token)
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
