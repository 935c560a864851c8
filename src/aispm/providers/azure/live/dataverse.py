"""Copilot Studio agents of a Power Platform environment, read live through the Dataverse Web API.

`dataverse://<org>.crm.dynamics.com` (any Dataverse host: `crm4.dynamics.com`, the sovereign
clouds' `.microsoftdynamics.us`, `.appsplatform.us`, `.dynamics.cn`) names an environment. Three
tables are read, every page, read-only:

- `bots` (the agents: `authenticationmode`, `authenticationtrigger`, `accesscontrolpolicy`,
  `authorizedsecuritygroupids`, `configuration`, `publishedon`, ...),
- `botcomponents` (topics, tools, MCP tools, knowledge, the GPT component: `componenttype`, the
  YAML `data`, the bot it belongs to `_parentbotid_value`),
- `connectionreferences` (logical name → connector),

with `GET <org>/api/data/v9.2/<table>?$select=...`, `Prefer: odata.maxpagesize=500`, following
`@odata.nextLink`. The token is `DefaultAzureCredential`'s for `https://<org>/.default` (never
stored or printed).

**Transform: the solution-export reader itself.** A Dataverse solution export is these same rows
written as files (`bots/<schema>/bot.xml` and `configuration.json`,
`botcomponents/<schema>/botcomponent.xml` and `data`, connection references in
`customizations.xml`). `export_tree` writes the rows into that shape in memory and
`copilot_studio.read_tree` reads it, so a live agent has exactly the assets and facts an exported
one has (`user_authentication`, `broad_sharing`, `maker_credentials`, MCP tools, knowledge,
connected agents, ...), with no second reader to keep in step. Its uids are
`live:dataverse://<org>:bots/<schema>/bot.xml:<schema>`, its origin file `dataverse://<org>`.

**Kept rows: no secret value.** A snapshot may travel, and a bot's `configuration` or a topic's
`data` can hold a credential (an HTTP request node's `Authorization: Bearer …` header, an API key
in a string). So each page goes through `kept_page` the moment it is answered, before it is
recorded or transformed: every string of every row passes the report's sanitizer
(`aispm.sanitize.Sanitizer.text`: secrets by shape, connection-string pairs), and a component's
`data` loses first the credentials the Copilot Studio reader itself finds there (the detector's
hits, literal credential headers of HTTP request nodes), each replaced by its redacted form
(`sk-p…3f`). What was taken out is listed in the row's `@aispm.redacted` column (detector,
redacted form, SHA-256, line; never the value), and `rows_result` turns that list into the
`secret` assets and `hardcoded_secret` facts the reader would have made from the values. The live
scan reads the kept rows too, so live and snapshot give one report.

**Snapshots.** Each page is recorded as kept (`DIR/azure/dataverse/<org>/<table>-<n>.json`:
`@odata.context`, `value`, `@odata.nextLink` as the Web API answered them, the rows as kept), and
the Azure snapshot source reads such pages back — by content, from any file whose
`@odata.context` names one of the three tables on a Dataverse host — through `rows_result`, the
function the live collector ends with.

Not read: custom connectors' definitions (the `connector` table): an MCP server behind a custom
connector has an unknown `user_authentication` here, where an export that carries the definition
decides it.
"""

from __future__ import annotations

import json
import re
import threading
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from aispm.formats.located import DocError
from aispm.formats.secrets import LiteralSecret, literal_secrets, scrub, secret_values
from aispm.formats.yaml_lines import parse_yaml
from aispm.limits import DEFAULT, Limits
from aispm.live import LiveTarget
from aispm.live.context import LiveContext
from aispm.model import Asset, ScanError
from aispm.sanitize import Sanitizer
from aispm.source import SourceResult, make_origin

API = "/api/data/v9.2"
PAGE = 500  # `Prefer: odata.maxpagesize`: the Web API's pages are at most 5,000 rows
MAX_PAGES = 1000
SERVICE = "Dataverse"
FORMAT = "live"
#: Hosts of Dataverse environments (commercial, GCC High / DoD, China).
_HOST = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}(\.[a-z0-9-]{1,63})*\."
                   r"(dynamics\.com|microsoftdynamics\.us|appsplatform\.us|dynamics\.cn)$")
#: table → (operation name for gaps, the columns read)
TABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "bots": ("listBots", ("botid", "name", "schemaname", "authenticationmode", "authenticationtrigger",
                          "accesscontrolpolicy", "authorizedsecuritygroupids", "configuration", "publishedon",
                          "language", "statecode")),
    "botcomponents": ("listBotComponents", ("botcomponentid", "name", "schemaname", "componenttype", "data",
                                            "description", "_parentbotid_value", "statecode")),
    "connectionreferences": ("listConnectionReferences", ("connectionreferenceid", "connectionreferencelogicalname",
                                                          "connectionreferencedisplayname", "connectorid",
                                                          "statecode")),
}


def org_host(scope: str) -> str | None:
    """The environment's host (`contoso.crm.dynamics.com`), or None when `scope` names no Dataverse host."""
    host = scope.strip("/").split("/", 1)[0].lower()
    host = host.removeprefix("https:").strip("/")
    return host if _HOST.match(host) else None


def label_of(host: str) -> str:
    return f"dataverse://{host}"


# --------------------------------------------------------------------------- get


def collect(target: LiveTarget, ctx: LiveContext) -> SourceResult:
    from aispm.providers.azure.live import client as azure_client

    azure_client.require_sdk()
    out = SourceResult()
    host = org_host(target.scope)
    if host is None:
        out.errors.append(ScanError(target.text, None, "a Dataverse target is dataverse://<org>.crm.dynamics.com "
                                                       "(the environment URL's host)"))
        return out
    from azure.core import PipelineClient

    cred = azure_client.credential()
    base = (ctx.options.endpoint_url or f"https://{host}").rstrip("/")
    client = PipelineClient(base, policies=azure_client.pipeline_policies(cred, f"https://{host}/.default"),
                            transport=azure_client.http_transport(ctx.options.call_timeout))
    recorder = _Recorder(ctx.options.record, host)
    rows: dict[str, list[dict] | None] = {}
    for table, (operation, columns) in TABLES.items():
        ctx.note(f"{label_of(host)}: {table}")
        rows[table] = _table(ctx, client, base, host, target.text, table, operation, columns, recorder)
    out.extend(rows_result(host, rows))
    out.provenance = [{"cloud": "azure", "scope": label_of(host), "environment": host,
                       "principal": "DefaultAzureCredential", "apis": "Dataverse Web API (bots, botcomponents, "
                                                                      "connectionreferences)"}]
    return out


def _table(ctx: LiveContext, client: Any, base: str, host: str, scope: str, table: str, operation: str,
           columns: tuple[str, ...], recorder: "_Recorder") -> list[dict] | None:
    """Every row of one table, page after page; None when the first page could not be read (a gap).
    A next link on another host than the environment's is not followed (the token is the
    environment's; it goes nowhere else): a gap says the rest of the table is missing."""
    from azure.core.rest import HttpRequest

    from aispm.providers.azure.live import client as azure_client

    url = f"{base}{API}/{table}?$select={','.join(columns)}"
    headers = {"Accept": "application/json", "OData-MaxVersion": "4.0", "OData-Version": "4.0",
               "Prefer": f"odata.maxpagesize={PAGE}"}
    items: list[dict] = []
    seen: set[str] = set()
    for n in range(1, MAX_PAGES + 1):
        answer = ctx.call(scope, SERVICE, operation,
                          lambda u=url: azure_client.send_json(client, HttpRequest("GET", u, headers=headers)),
                          azure_client.classify)
        if not isinstance(answer, dict):
            return None if n == 1 else items
        page = kept_page(answer)  # no secret value is recorded, nor kept (module doc)
        recorder.write(table, n, page)
        value = page.get("value")
        if isinstance(value, list):
            items.extend(v for v in value if isinstance(v, dict))
        nxt = answer.get("@odata.nextLink")
        if not isinstance(nxt, str) or not nxt or nxt in seen:
            return items
        link = urlsplit(nxt)
        if link.scheme.lower() != "https" or link.netloc.lower() != host:  # userinfo and ports are in netloc
            ctx.gap(scope, SERVICE, operation, "next page on another host: not followed")
            return items
        seen.add(nxt)
        url = azure_client.redirect(nxt, ctx.options.endpoint_url)
    ctx.gap(scope, SERVICE, operation, f"more than {MAX_PAGES} pages")
    return items


class _Recorder:
    """`aispm collect -o DIR`: each page as kept (`kept_page`), `DIR/azure/dataverse/<org>/`."""

    def __init__(self, root: Path | None, host: str) -> None:
        self.folder = root / "azure" / "dataverse" / re.sub(r"[^a-z0-9.-]", "_", host) if root is not None else None
        self._lock = threading.Lock()

    def write(self, table: str, n: int, answer: dict) -> None:
        if self.folder is None:
            return
        with self._lock:
            self.folder.mkdir(parents=True, exist_ok=True)
            (self.folder / f"{table}-{n:05d}.json").write_text(json.dumps(answer, indent=1, sort_keys=True),
                                                                encoding="utf-8")


# --------------------------------------------------------------------------- kept rows

#: The column of a kept row listing the credentials taken out of its `data` (module doc).
REDACTED = "@aispm.redacted"
#: The topic nodes whose literal headers the Copilot Studio reader reports (`copilot_components`).
_HTTP_NODES = ("HttpRequestAction", "SendHttpRequestAction")


def kept_page(answer: dict) -> dict:
    """A Web API page as it may be kept (module doc): each row through `kept_row`; the OData
    annotations (`@odata.context`, `@odata.nextLink`) as answered."""
    value = answer.get("value")
    if not isinstance(value, list):
        return answer
    san = Sanitizer()
    return {**answer, "value": [kept_row(r, san) if isinstance(r, dict) else r for r in value]}


def _component_secrets(text: str) -> list[LiteralSecret]:
    """The credentials the Copilot Studio reader reports in a component's `data`: the detector's hits
    in the text, then literal credential headers of its HTTP request nodes."""
    from aispm.providers.code.agents.power_platform import kind_of, walk_nodes

    hits = secret_values(text)
    try:
        docs = parse_yaml(text)
    except DocError:  # not YAML: only the text's hits (the reader reports the error)
        return hits
    for _p, node in walk_nodes(docs[0] if docs else None):
        headers = node.get("headers")
        if kind_of(node) not in _HTTP_NODES or not isinstance(headers, dict):
            continue
        for hk, hv in headers.items():
            if isinstance(hv, str) and not hv.startswith("="):
                hits.extend(h for h in literal_secrets(hv, str(hk)) if h.value not in {x.value for x in hits})
    return hits


def _clean(value: Any, san: Sanitizer) -> Any:
    if isinstance(value, str):
        return san.text(value)
    if isinstance(value, dict):
        return {k: _clean(v, san) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v, san) for v in value]
    return value


def kept_row(row: dict, san: Sanitizer | None = None) -> dict:
    """A row with no secret value (module doc): `data`'s credentials replaced by their redacted forms and
    listed under `REDACTED`, then every string through the sanitizer."""
    san = san or Sanitizer()
    out: dict = {}
    taken = [e for e in row.get(REDACTED) or [] if _entry(e)] if isinstance(row.get(REDACTED), list) else []
    for k, v in row.items():
        if k == REDACTED:
            continue
        if k == "data" and isinstance(v, str):
            hits = _component_secrets(v)
            for h in hits:
                at = v.find(h.value)
                taken.append({"detector": h.kind, "redacted": h.redacted, "sha256": h.sha256,
                              "line": v[:at].count("\n") + 1 if at >= 0 else 1})
            v = scrub(v, sorted(hits, key=lambda h: -len(h.value)))  # a longer value before one inside it
        out[k] = _clean(v, san)
    if taken:
        out[REDACTED] = taken
    return out


def _entry(e: Any) -> bool:
    return (isinstance(e, dict) and all(isinstance(e.get(k), str) for k in ("detector", "redacted", "sha256"))
            and isinstance(e.get("line"), int) and not isinstance(e.get("line"), bool))


class _Taken:
    """A credential taken out of a kept row, as `config_secret_asset` reads one (no value)."""

    def __init__(self, e: dict) -> None:
        self.kind, self.redacted, self.sha256 = e["detector"], e["redacted"], e["sha256"]


def _restore_secrets(tree: Any, rows: dict[str, list[dict] | None], out: SourceResult) -> None:
    """The `secret` assets and `hardcoded_secret` facts of the credentials kept rows list under
    `REDACTED`, as the Copilot Studio reader makes them from the values: held by the component's tool or
    knowledge source, else by its agent; the agent's fact sums its components'."""
    from aispm.providers.code.secret_assets import config_secret_asset

    agents = {a.properties.get("schema_name"): a for a in out.assets if a.type == "agent"}
    parts = {(a.parent, a.properties.get("schema_name")): a for a in out.assets
             if a.type in ("tool", "data-source")}
    schema_of = {str(b.get("botid")): b.get("schemaname") for b in rows.get("bots") or []
                 if isinstance(b, dict) and b.get("botid")}
    found: dict[str, tuple[Asset, list[str]]] = {}
    for c in rows.get("botcomponents") or []:
        entries = c.get(REDACTED) if isinstance(c, dict) else None
        schema = c.get("schemaname") if isinstance(c, dict) else None
        if not isinstance(entries, list) or not isinstance(schema, str) or not _SCHEMA.match(schema):
            continue
        agent = agents.get(schema_of.get(str(c.get("_parentbotid_value"))))
        if agent is None:
            continue
        comp = parts.get((agent.uid, schema))
        holder = comp or agent
        data_path = f"botcomponents/{schema}/data"
        rel, caddr = tree.origin_file(data_path), tree.address(data_path, schema)
        cname = c.get("name") if isinstance(c.get("name"), str) and c.get("name") else schema.rsplit(".", 1)[-1]
        shown: list[str] = []
        for e in (e for e in entries if _entry(e)):
            hit = _Taken(e)
            a, r = config_secret_asset(FORMAT, rel, e["line"], f"{caddr}:line {e['line']}:{hit.kind}", hit,
                                       f"{cname} ({data_path})", holder.uid)
            a.origin = make_origin(FORMAT, rel, e["line"], a.origin.address)
            out.assets.append(a)
            out.relations.append(r)
            shown.append(hit.redacted)
        if not shown:
            continue
        if comp is not None and comp.type == "tool":
            before = comp.evidence.get("hardcoded_secret")
            prior = before.value if before is not None and isinstance(before.value, list) else []
            comp.set_fact("hardcoded_secret", True, data_path, raw=prior + shown)
        found.setdefault(agent.uid, (agent, []))[1].extend(shown)
    for agent, shown in found.values():
        before = agent.evidence.get("hardcoded_secret")
        prior = before.value if before is not None and isinstance(before.value, list) else []
        agent.set_fact("hardcoded_secret", True, "botcomponents/*/data", raw=prior + shown)


# --------------------------------------------------------------------------- transform


def page_of(doc: Any) -> tuple[str, str, list[dict]] | None:
    """(host, table, rows) of a Web API page (`@odata.context` names the host and the table), or None."""
    if not isinstance(doc, dict) or not isinstance(doc.get("value"), list):
        return None
    context = doc.get("@odata.context")
    if not isinstance(context, str) or "$metadata#" not in context:
        return None
    host = org_host(urlsplit(context).netloc)
    table = re.split(r"[(/]", context.split("$metadata#", 1)[1], maxsplit=1)[0]
    if host is None or table not in TABLES:
        return None
    return host, table, [r for r in doc["value"] if isinstance(r, dict)]


def rows_result(host: str, rows: dict[str, list[dict] | None], limits: Limits = DEFAULT) -> SourceResult:
    """The Copilot Studio assets of one environment's rows, through the solution-export reader; the
    credentials kept rows list under `REDACTED` become the secrets the reader makes of values."""
    from aispm.providers.code.agents.copilot_studio import read_tree

    out = SourceResult()
    tree = export_tree(host, rows, limits, out.errors)
    read_tree(tree, out, FORMAT)
    _restore_secrets(tree, rows, out)
    return out


#: A Dataverse schema name (publisher prefix, `_`, name; components add `.`-separated parts).
_SCHEMA = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.\-]{0,199}$")


def _valid(rows: list[dict] | None, table: str, label: str, errors: list[ScanError]) -> list[dict]:
    """The rows with a schema name Dataverse could have given; each other one is an error, skipped."""
    out = []
    for r in rows or []:
        schema = r.get("schemaname") if isinstance(r, dict) else None
        if isinstance(schema, str) and _SCHEMA.match(schema):
            out.append(r)
        else:
            errors.append(ScanError(label, None, f"{table} row skipped: no valid schema name ({str(schema)[:80]!r})"))
    return out


def _xml(tag: str, attrs: dict[str, str], children: dict[str, Any]) -> bytes:
    el = ET.Element(tag, {k: v for k, v in attrs.items() if v})
    for k, v in children.items():
        if v is None or v == "":
            continue
        sub = ET.SubElement(el, k)
        if isinstance(v, dict):
            for kk, vv in v.items():
                ET.SubElement(sub, kk).text = str(vv)
        else:
            sub.text = str(v)
    return ET.tostring(el, encoding="utf-8")


def export_tree(host: str, rows: dict[str, list[dict] | None], limits: Limits = DEFAULT,
                errors: list[ScanError] | None = None):
    """The rows written as the files of a solution export, in memory (module doc). A bot or component
    row without a valid schema name is an error in `errors`, and skipped."""
    from aispm.providers.code.agents.solution_export import ExportTree

    errors = errors if errors is not None else []
    tree = ExportTree(label=label_of(host), in_zip=True, limits=limits)
    refs = sorted((r for r in rows.get("connectionreferences") or []
                   if isinstance(r, dict) and r.get("connectionreferencelogicalname")),
                  key=lambda r: str(r["connectionreferencelogicalname"]))
    if refs:
        root = ET.Element("ImportExportXml")
        holder = ET.SubElement(root, "connectionreferences")
        for r in refs:
            cr = ET.SubElement(holder, "connectionreference",
                               {"connectionreferencelogicalname": str(r["connectionreferencelogicalname"])})
            for col in ("connectionreferencedisplayname", "connectorid"):
                if r.get(col):
                    ET.SubElement(cr, col).text = str(r[col])
        tree.files["customizations.xml"] = ET.tostring(root, encoding="utf-8")
    bots = sorted(_valid(rows.get("bots"), "bots", tree.label, errors), key=lambda b: str(b["schemaname"]))
    schema_of = {str(b.get("botid")): str(b["schemaname"]) for b in bots if b.get("botid")}
    for b in bots:
        folder = f"bots/{b['schemaname']}"
        tree.files[f"{folder}/bot.xml"] = _xml("bot", {"schemaname": str(b["schemaname"])}, {
            k: b.get(k) for k in ("name", "authenticationmode", "authenticationtrigger", "accesscontrolpolicy",
                                  "authorizedsecuritygroupids", "publishedon", "language", "statecode")})
        if isinstance(b.get("configuration"), str) and b["configuration"].strip():
            tree.files[f"{folder}/configuration.json"] = b["configuration"].encode("utf-8")
    comps = sorted(_valid(rows.get("botcomponents"), "botcomponents", tree.label, errors),
                   key=lambda c: str(c["schemaname"]))
    for c in comps:
        folder = f"botcomponents/{c['schemaname']}"
        parent = schema_of.get(str(c.get("_parentbotid_value")))
        tree.files[f"{folder}/botcomponent.xml"] = _xml("botcomponent", {"schemaname": str(c["schemaname"])}, {
            "componenttype": c.get("componenttype"), "name": c.get("name"), "statecode": c.get("statecode"),
            "parentbotid": {"schemaname": parent} if parent else None})
        if isinstance(c.get("data"), str) and c["data"].strip():
            tree.files[f"{folder}/data"] = c["data"].encode("utf-8")
    return tree
