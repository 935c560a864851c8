"""Azure answers → assets: pure functions shared by the live collector and the snapshot source.

A Resource Graph row, an ARM list item and an `az resource list` entry are all the ARM resource
body (`id`, `type`, `name`, `location`, `kind`, `sku`, `identity`, `properties`, ...), the shape
every Azure source already emits, so the body is kept as it is and the Azure facts, folds, linkers
and rules apply unchanged. What differs from a template is only where a few things live:

- the **type**: Resource Graph lower-cases it (`microsoft.cognitiveservices/accounts`); it is
  spelled as ARM does (the catalogue's spelling, else the one the id carries);
- the **name**: ARM child resources are named by their last id segment, as the IaC sources name them;
- the **scope** of an extension resource (a role assignment, a diagnostic setting) is a top-level
  `scope` in a template; Resource Graph keeps it in `properties.scope`, and a diagnostic setting's
  id starts with its resource's id — both are copied to `scope`, nothing else is changed;
- the **parent**: the resource whose id the child's id extends (`.../accounts/a/deployments/d`).

A live asset's uid is `live:azure:<lower-cased ARM id>` (ARM ids are case-insensitive, and Resource
Graph and ARM do not always agree on case), its `cloud_id` the id as Azure sent it (the graph
merges an IaC resource and its live twin on it), its origin `azure://<subscription>` line 0 with the
id as address and format `live`.

Foundry agents (the Agent Service's `assistant` objects) are read by the Foundry agent-definition
source's own reader (`providers.code.agents.foundry`), so a live agent, its tools, MCP servers and
connected agents are the same assets with the same facts as a declared one; only their uid and
origin are live ones (`live:azure:<project id>/agents/<agent id>`).
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any, Iterable

from aispm.model import Asset, Origin, Relation, ScanError
from aispm.providers.azure import catalog as cat
from aispm.source import SourceResult

FORMAT = "live"
_SUB = re.compile(r"^/subscriptions/([^/]+)", re.I)
_PROVIDERS = re.compile(r"/providers/", re.I)
_DIAG = re.compile(r"^(?P<scope>/.+?)/providers/microsoft\.insights/diagnosticsettings/[^/]+$", re.I)


def subscription_of(arm_id: str) -> str | None:
    m = _SUB.match(arm_id)
    return m.group(1).lower() if m else None


def uid_of(arm_id: str) -> str:
    return f"live:azure:{arm_id.lower().rstrip('/')}"


def is_arm_row(row: Any) -> bool:
    """Whether `row` is an ARM resource body (a Resource Graph row, an ARM list item)."""
    return (isinstance(row, dict) and isinstance(row.get("id"), str) and row["id"].lower().startswith("/subscriptions/")
            and isinstance(row.get("type"), str) and "/" in row["type"])


def arm_type(row: dict) -> str:
    """The type as ARM spells it: the catalogue's spelling, else the one the id carries (the id
    keeps the resource provider's casing where Resource Graph lower-cases the type)."""
    given = row["type"]
    known = cat.canonical_type(given)
    if known != given or any(c.isupper() for c in given):
        return known
    parts = _PROVIDERS.split(row["id"])
    if len(parts) >= 2:
        segs = parts[-1].strip("/").split("/")
        from_id = "/".join([segs[0], *segs[1::2]])
        if from_id.lower() == given.lower():
            return from_id
    return given


def parent_id(arm_id: str) -> str | None:
    """The id of the resource `arm_id` is a child of (`.../accounts/a` for `.../accounts/a/deployments/d`)."""
    parts = _PROVIDERS.split(arm_id.rstrip("/"))
    if len(parts) < 2:
        return None
    segs = parts[-1].split("/")
    if len(segs) < 5:  # Namespace/type/name: no parent inside this provider
        return None
    head = arm_id.rstrip("/")[: -len(parts[-1])]
    return head + "/".join(segs[:-2])


def row_asset(row: dict) -> Asset | None:
    """One ARM resource body → its asset (None when it is not one)."""
    if not is_arm_row(row):
        return None
    rid: str = row["id"]
    atype = arm_type(row)
    body = dict(row)
    body["type"] = atype
    inner = body.get("properties") if isinstance(body.get("properties"), dict) else {}
    if "scope" not in body:
        if atype.lower() == cat.ROLE_ASSIGNMENT.lower() and isinstance(inner.get("scope"), str):
            body["scope"] = inner["scope"]
        elif atype.lower() == cat.DIAGNOSTIC_SETTING.lower():
            m = _DIAG.match(rid)
            if m:
                body["scope"] = m.group("scope")
    name = rid.rstrip("/").rsplit("/", 1)[-1]
    pid = parent_id(rid)
    if atype.lower() == cat.DIAGNOSTIC_SETTING.lower():
        pid = None  # an extension resource: its scope is named in `scope`, not its parent
    sub = subscription_of(rid) or ""
    return Asset(
        uid=uid_of(rid),
        provider="azure",
        type=atype,
        name=name,
        origin=Origin(f"azure://{sub}", 0, rid, format=FORMAT),
        properties=body,
        kind=cat.kind_of(atype, body),
        parent=uid_of(pid) if pid else None,
        cloud_id=rid,
    )


def rows_assets(rows: Iterable[Any]) -> list[Asset]:
    """Rows → assets; environment variable values of container apps are replaced first
    (`settings.scrub_row`), also in rows a user exported with `az graph query`."""
    from aispm.providers.azure.live.settings import scrub_row

    return [a for a in (row_asset(scrub_row(r)) for r in rows if isinstance(r, dict)) if a is not None]


def agent_assets(agents: Iterable[Any], project_id: str) -> SourceResult:
    """A Foundry project's agents (the Agent Service's `assistant` objects) → `agent`, `tool`,
    `mcp-server` and `secret` assets, through the Foundry agent-definition reader."""
    from aispm.providers.code.agents import foundry

    out = SourceResult()
    sub = subscription_of(project_id) or ""
    prefix = f"{project_id.lower().rstrip('/')}/agents/"
    seen: set[str] = set()
    names: dict[str, Any] = {}
    for d in agents:
        if not isinstance(d, dict) or not isinstance(d.get("id"), str):
            continue
        address = prefix + d["id"]
        names[address] = d.get("name") if isinstance(d.get("name"), str) and d.get("name") else d["id"]
        # the reader names an agent's address after its name: the cloud id makes it unique and live
        body = {**d, "name": address}
        try:
            foundry._read_agent(body, "azure", Path(d["id"]), out, seen, FORMAT)
        except Exception as exc:  # noqa: BLE001 - one agent that does not read costs only itself
            out.errors.append(ScanError(f"azure://{sub}", None, f"agent {d['id'][:80]}: not read "
                                                              f"({type(exc).__name__})"))
    foundry._link_connected(out)
    project_uid = uid_of(project_id)
    for a in out.assets:
        a.origin = dataclasses.replace(a.origin, file=f"azure://{sub}", line=0)
        if a.type == "agent" and a.origin.address in names:
            a.name = names[a.origin.address]
            a.properties["project"] = project_id
            a.cloud_id = a.origin.address
            out.relations.append(Relation(project_uid, "contains", a.uid))
    out.errors = [dataclasses.replace(e, file=f"azure://{sub}", line=None) for e in out.errors]
    return out


def agent_page(doc: Any) -> tuple[str, list] | None:
    """(project id, agents) of a recorded Foundry agents page (`{"object": "list", "data":
    [assistants], ...}` with the project it was read from, `aispm:project`), else None. A project's
    pages are read together, as the collector reads them, so connected agents on other pages resolve."""
    if not isinstance(doc, dict):
        return None
    project = doc.get("aispm:project")
    data = doc.get("data")
    if isinstance(project, str) and is_arm_row({"id": project, "type": "x/y"}) and isinstance(data, list):
        return project, data
    return None


def answer_assets(doc: Any) -> SourceResult | None:
    """The ARM resources of an Azure answer, or None when `doc` holds none: a Resource Graph
    response or `az graph query -o json` (`{"data": [rows]}`), an ARM list page (`{"value": [...]}`),
    `az resource list -o json` (`[rows]`). Agent pages: `agent_page`."""
    if isinstance(doc, list):
        rows = [r for r in doc if is_arm_row(r)]
        return SourceResult(assets=rows_assets(rows)) if rows and len(rows) == len(doc) else None
    if not isinstance(doc, dict) or agent_page(doc) is not None:
        return None
    for key in ("data", "value"):
        items = doc.get(key)
        if isinstance(items, list):
            rows = [r for r in items if is_arm_row(r)]
            if rows or (not items and ("totalRecords" in doc or "total_records" in doc or "nextLink" in doc)):
                return SourceResult(assets=rows_assets(rows))
    return None
