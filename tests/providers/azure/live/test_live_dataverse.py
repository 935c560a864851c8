"""Copilot Studio agents read live through the Dataverse Web API (`dataverse://<org>`), through the
real azure-core pipeline over TLS against the local Web API of `fake_dataverse.py`, whose rows are
the `ClaimsSolution` export's: the same agents and facts as the solution-export source, OData paging
and throttling, a denied table as a gap, read-only, and a snapshot that scans to the live report."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from fake_dataverse import EXPORT, HOST

from aispm.live.context import LiveContext, LiveOptions, is_read
from aispm.live.targets import BadTarget, parse_target
from aispm.providers.azure.live import dataverse as dv
from aispm.providers.azure.live.collect import collect
from aispm.scan import ScanOptions, scan

TARGET = f"dataverse://{HOST}"


def _collect(server, **options):
    waits: list[float] = []
    ctx = LiveContext(options=LiveOptions(endpoint_url=server.base, **options), sleep=waits.append)
    return collect(parse_target(TARGET), ctx), ctx, waits


def _agents(assets) -> dict:
    return {a.properties.get("schema_name"): a for a in assets if a.type == "agent"}


#: Facts an export decides from the custom connector's OpenAPI definition, which the live reader does
#: not read (docs/live.md): left out of the comparison.
_FROM_CONNECTOR_DEFINITION = {"delegates_to_weak_agent"}


def test_live_agents_have_the_facts_the_solution_export_gives(dataverse, tmp_path) -> None:
    exported = scan([str(EXPORT)], ScanOptions(attack_paths=False, vulnerabilities=False))
    out, ctx, _ = _collect(dataverse)
    live, export = _agents(out.assets), _agents(exported.assets)
    assert set(live) == set(export) == {"cr7b2_claimsdesk", "cr7b2_payouts"}
    for schema, agent in live.items():
        want = {k: v for k, v in export[schema].facts.items() if k not in _FROM_CONNECTOR_DEFINITION}
        got = {k: v for k, v in agent.facts.items() if k not in _FROM_CONNECTOR_DEFINITION}
        assert got == want, schema
        assert agent.origin.file == TARGET and agent.origin.format == "live"
        assert agent.uid == f"live:{TARGET}:bots/{schema}/bot.xml:{schema}"
    assert live["cr7b2_payouts"].facts["user_authentication"] is False  # authenticationmode 1: None
    # the components: tools, knowledge and connected agents, as the export has them
    kinds = lambda assets: sorted((a.type, a.name) for a in assets if a.type in ("tool", "data-source"))  # noqa: E731
    assert kinds(out.assets) == kinds(a for a in exported.assets if a.uid.startswith("copilot-studio:"))
    assert any(r.verb == "runs" and r.source == live["cr7b2_claimsdesk"].uid and r.target == live["cr7b2_payouts"].uid
               for r in out.relations)  # the connected agent, found among the environment's bots
    assert out.provenance[0]["scope"] == TARGET and ctx.gaps == []


def test_odata_pages_are_followed_with_the_page_size_asked(dataverse) -> None:
    out, ctx, _ = _collect(dataverse)
    asked = [(p.rsplit("/", 1)[-1], q.get("$skiptoken", [""])[0], h.get("prefer")) for _m, p, q, h in dataverse.requests]
    comps = len(dataverse.rows["botcomponents"])
    assert [t for t, tok, _ in asked if t == "botcomponents"] == ["botcomponents"] * -(-comps // 3)
    assert all(prefer == f"odata.maxpagesize={dv.PAGE}" for _t, _tok, prefer in asked)
    # the next link names the environment's host: it was followed at the address the scan was given
    assert ("botcomponents", "3", f"odata.maxpagesize={dv.PAGE}") in asked
    assert all(h.get("odata-version") == "4.0" for *_x, h in dataverse.requests)


def test_throttling_waits_as_asked_and_a_denied_table_is_a_gap(dataverse) -> None:
    dataverse.throttle = {"bots"}
    dataverse.denied = {"connectionreferences"}
    out, ctx, waits = _collect(dataverse)
    assert len(waits) == 1 and 2.0 <= waits[0] <= 2.5  # Retry-After: 2, plus jitter
    assert [(g.service, g.operation, g.reason) for g in ctx.gaps] == [
        ("Dataverse", "listConnectionReferences", "access denied (0x80040220)")]
    assert set(_agents(out.assets)) == {"cr7b2_claimsdesk", "cr7b2_payouts"}  # the rest is read


def test_every_call_is_a_read_on_the_environment_audience(dataverse) -> None:
    seen: list = []
    token = dataverse.credential
    original = type(token).get_token

    def recording(self, *scopes, **kw):
        seen.append(scopes)
        return original(self, *scopes, **kw)

    type(token).get_token = recording
    try:
        _out, ctx, _ = _collect(dataverse)
    finally:
        type(token).get_token = original
    assert set(ctx.operations) == {("Dataverse", "listBots"), ("Dataverse", "listBotComponents"),
                                   ("Dataverse", "listConnectionReferences")}
    assert all(is_read(op) for _s, op in ctx.operations)
    assert {m for m, *_ in dataverse.requests} == {"GET"}
    assert set(seen) == {(f"https://{HOST}/.default",)}


def test_collect_then_scan_the_snapshot_gives_the_same_report(dataverse, tmp_path: Path) -> None:
    from aispm.report.json import to_dict

    opts = ScanOptions(attack_paths=False, vulnerabilities=False,
                       live=LiveOptions(endpoint_url=dataverse.base, record=tmp_path / "snap"))
    live = to_dict(scan([TARGET], opts))
    pages = sorted(p.relative_to(tmp_path / "snap").as_posix() for p in (tmp_path / "snap").rglob("*.json"))
    assert f"azure/dataverse/{HOST}/bots-00001.json" in pages
    first = json.loads((tmp_path / "snap" / f"azure/dataverse/{HOST}/botcomponents-00001.json").read_text())
    assert first["@odata.context"].startswith(f"https://{HOST}/api/data/v9.2/$metadata#botcomponents(")
    assert "@odata.nextLink" in first and first["value"][0]["@odata.etag"]  # as the Web API answered it
    (tmp_path / "snap" / "aispm-snapshot.json").write_text(json.dumps({"target": TARGET}))
    snap = to_dict(scan([str(tmp_path / "snap")], ScanOptions(attack_paths=False, vulnerabilities=False)))
    for key in ("assets", "relations", "findings"):
        assert live[key] == snap[key], key
    assert live["assets"] and live["findings"]


def test_targets_and_pages_that_are_not_dataverse_are_refused(tmp_path) -> None:
    assert parse_target(TARGET).provider == "azure" and parse_target(TARGET).scheme == "dataverse"
    with pytest.raises(BadTarget):
        parse_target("dataverse://contoso crm")
    got = collect(parse_target("dataverse://evil.example.com"), LiveContext())
    assert got.assets == [] and "dataverse://<org>.crm.dynamics.com" in got.errors[0].message
    assert dv.org_host("contoso.crm.dynamics.com") == "contoso.crm.dynamics.com"
    assert dv.org_host("contoso.crm.dynamics.com.evil.net") is None
    for doc in ({"@odata.context": "https://evil.net/api/data/v9.2/$metadata#bots", "value": []},
                {"@odata.context": f"https://{HOST}/api/data/v9.2/$metadata#accounts", "value": []},
                {"@odata.context": f"https://{HOST}/api/data/v9.2/$metadata#bots", "value": "x"}):
        assert dv.page_of(doc) is None


def test_hostile_rows_cost_only_themselves() -> None:
    rows = {"bots": [{"botid": "1", "schemaname": "a/../b", "name": "<!DOCTYPE x>", "configuration": "{not json"},
                     {"botid": "2", "schemaname": "ok", "authenticationmode": 1, "name": "<!DOCTYPE x [<!ENTITY e 'b'>]>&e;"}, {"schemaname": None}, "x"],
            "botcomponents": [{"schemaname": "ok.gpt.default", "_parentbotid_value": "2",
                               "data": "kind: GptComponentMetadata\ninstructions: [unclosed"}],
            "connectionreferences": None}
    out = dv.rows_result(HOST, rows)
    agents = [a for a in out.assets if a.type == "agent"]
    assert [a.properties.get("schema_name") for a in agents] == ["ok"]
    assert agents[0].name == "<!DOCTYPE x [<!ENTITY e 'b'>]>&e;"  # a name is text, never markup
    assert agents[0].facts["user_authentication"] is False
    messages = [e.message for e in out.errors]
    assert sum("no valid schema name" in m for m in messages) == 3  # a path, none, not a row
    assert any("instructions" in m or "YAML" in m or "data" in m for m in messages)  # the broken YAML is said


def test_a_next_link_to_another_host_is_not_followed(dataverse, monkeypatch) -> None:
    import fake_dataverse

    monkeypatch.setattr(fake_dataverse, "HOST", "contoso.crm4.dynamics.com.evil.example")
    out, ctx, _ = _collect(dataverse)
    assert {(g.operation, g.reason) for g in ctx.gaps} == {
        (op, "next page on another host: not followed") for op in ("listBots", "listBotComponents",
                                                                   "listConnectionReferences")
        if len(dataverse.rows[{"listBots": "bots", "listBotComponents": "botcomponents",
                               "listConnectionReferences": "connectionreferences"}[op]]) > dataverse.page_size}
    assert all("$skiptoken" not in q for _m, _p, q, _h in dataverse.requests)  # only first pages were asked


@pytest.mark.parametrize("link_base", [
    "http://contoso.crm4.dynamics.com",  # the environment's host, without TLS
    "https://contoso.crm4.dynamics.com:8443",  # another port
    "https://contoso.crm4.dynamics.com@evil.example",  # the host as userinfo of another
    "https://crm4.dynamics.com",  # a parent domain
    "https://fabrikam.crm4.dynamics.com",  # another environment
])
def test_a_next_link_is_followed_only_over_https_on_the_environments_own_host(dataverse, link_base) -> None:
    dataverse.link_base = link_base
    out, ctx, _ = _collect(dataverse)
    assert {g.reason for g in ctx.gaps} == {"next page on another host: not followed"}
    assert all("$skiptoken" not in q for _m, _p, q, _h in dataverse.requests)  # the token went to no next page


# Planted credentials (made up): an OpenAI key in the agent's instructions and in the bot's configuration,
# an HTTP request node's literal bearer token and API key header, a storage connection string in a message.
OPENAI_KEY = "sk-proj-Qm7vX2pL9aR4tK8wZ1nB6cY3dF5gH0jST3BlbkFJuE2iO7pA9sD4fG6hJ1kL3zX8cV5bN0mQ"
CONFIG_KEY = "sk-proj-Zr8Tq1Lw4Ey7Ui0Op3As6Df9Gh2Jk5LzT3BlbkFJXc8Vb1Nm4Qw7Er0Ty3Ui6Op9Aa2Ss5Dd"
BEARER = "eyJ0eXAiOiJKV1QiLCJhbGciOi9Xk2LmPq7RtZ4"
HEADER_KEY = "c0ffee-Wm9pQ2x7R4tYz8Kd"
ACCOUNT_KEY = "Jq3mV8xR2tL6wZ9pK4nB7cY1dF5gH0sA3eU8iO2pQ6rT9vW1yX4zB7mN0kL5jH8gF2dS6aP9oI3uY7tR1eW=="
PLANTED = (OPENAI_KEY, CONFIG_KEY, BEARER, HEADER_KEY, ACCOUNT_KEY)


def _planted_export(root: Path) -> Path:
    """The `ClaimsSolution` export with the planted credentials in a topic, the GPT component and a bot's
    configuration."""
    export = root / "ClaimsSolution"
    shutil.copytree(EXPORT, export)
    topic = export / "botcomponents" / "cr7b2_claimsdesk.topic.ClaimStatus" / "data"
    text = topic.read_text()
    text = text.replace("      response: Topic.Status\n",
                        "      response: Topic.Status\n      headers:\n"
                        f"        Authorization: Bearer {BEARER}\n        x-api-key: {HEADER_KEY}\n")
    text = text.replace('activity: "Status: {Topic.Status.state}"',
                        'activity: "Status: {Topic.Status.state} DefaultEndpointsProtocol=https;AccountName=claims;'
                        f'AccountKey={ACCOUNT_KEY};EndpointSuffix=core.windows.net"')
    topic.write_text(text)
    gpt = export / "botcomponents" / "cr7b2_claimsdesk.gpt.default" / "data"
    gpt.write_text(gpt.read_text().replace("instructions: |-\n",
                                           f"instructions: |-\n  Call the model with {OPENAI_KEY} when asked.\n"))
    cfg = export / "bots" / "cr7b2_claimsdesk" / "configuration.json"
    doc = json.loads(cfg.read_text())
    doc["settings"]["fallbackModelKey"] = CONFIG_KEY
    cfg.write_text(json.dumps(doc, indent=2))
    return export


def _secrets(assets) -> set:
    """The Copilot Studio reader's secrets (an export's files are also searched by the secrets source, which
    a live environment has no files for)."""
    return {(a.properties["detector"], a.properties["sha256"]) for a in assets
            if a.type == "secret" and a.origin.format in ("copilot-studio", "live")}


def test_no_planted_credential_reaches_the_snapshot_and_the_snapshot_still_scans_to_the_live_report(
        dataverse, tmp_path: Path) -> None:
    from fake_dataverse import rows_from_export

    from aispm.formats.secrets import fingerprint
    from aispm.report.json import to_dict

    export = _planted_export(tmp_path / "export")
    dataverse.rows = rows_from_export(export)
    assert any(BEARER in (c["data"] or "") for c in dataverse.rows["botcomponents"])  # served as planted
    opts = ScanOptions(attack_paths=False, vulnerabilities=False,
                       live=LiveOptions(endpoint_url=dataverse.base, record=tmp_path / "snap"))
    result = scan([TARGET], opts)
    files = [p for p in (tmp_path / "snap").rglob("*") if p.is_file()]
    assert len(files) >= 4
    for f in files:
        text = f.read_text(encoding="utf-8")
        for value in PLANTED:
            assert value not in text, (f.name, value[:6])
    # the rows keep the shape the export reader reads, redacted forms in place of the values
    comps = json.loads((tmp_path / "snap" / f"azure/dataverse/{HOST}/botcomponents-00003.json").read_text())
    assert comps["@odata.context"].startswith(f"https://{HOST}/api/data/v9.2/$metadata#botcomponents(")
    # the live scan found each credential the export reader finds in the same export, with its fingerprint
    exported = scan([str(export)], ScanOptions(attack_paths=False, vulnerabilities=False))
    want = _secrets(exported.assets)
    assert {("openai-api-key", fingerprint(OPENAI_KEY)), ("bearer-credential", fingerprint(BEARER)),
            ("generic-credential", fingerprint(HEADER_KEY))} <= want
    assert _secrets(result.assets) == want
    live_agents, export_agents = _agents(result.assets), _agents(exported.assets)
    assert live_agents["cr7b2_claimsdesk"].facts["hardcoded_secret"] is True
    for schema, agent in live_agents.items():
        assert agent.facts["hardcoded_secret"] == export_agents[schema].facts["hardcoded_secret"], schema
    tools = lambda assets: {a.properties.get("schema_name"): a.facts.get("hardcoded_secret")  # noqa: E731
                            for a in assets if a.type == "tool"}
    assert tools(result.assets) == tools(exported.assets)
    assert tools(result.assets)["cr7b2_claimsdesk.topic.ClaimStatus"] is True
    # and the snapshot scans to the live report: same agents, facts, secrets and findings
    live = to_dict(result)
    (tmp_path / "snap" / "aispm-snapshot.json").write_text(json.dumps({"target": TARGET}))
    snap_result = scan([str(tmp_path / "snap")], ScanOptions(attack_paths=False, vulnerabilities=False))
    assert _secrets(snap_result.assets) == want
    snap = to_dict(snap_result)
    for key in ("assets", "relations", "findings"):
        assert live[key] == snap[key], key
    assert any(f["rule_id"].startswith("AISPM") for f in live["findings"])


def test_kept_rows_hold_no_credential_and_keep_everything_else() -> None:
    row = {"@odata.etag": 'W/"1"', "schemaname": "cr7b2_x.topic.T", "componenttype": 9, "statecode": 0,
           "data": "kind: AdaptiveDialog\nbeginDialog:\n  kind: OnRecognizedIntent\n  actions:\n"
                   "    - kind: HttpRequestAction\n      url: https://api.example.com\n      headers:\n"
                   f"        Authorization: Bearer {BEARER}\n        x-api-key: {HEADER_KEY}\n"
                   "        x-trace: =Topic.Trace\n",
           "description": f"uses {OPENAI_KEY}",
           "nested": {"list": [f"AccountKey={ACCOUNT_KEY};", 7]}}
    kept = dv.kept_row(row)
    assert not any(v in json.dumps(kept) for v in PLANTED)
    assert {k: kept[k] for k in ("@odata.etag", "schemaname", "componenttype", "statecode")} == \
        {k: row[k] for k in ("@odata.etag", "schemaname", "componenttype", "statecode")}
    assert "x-trace: =Topic.Trace" in kept["data"] and "url: https://api.example.com" in kept["data"]
    assert [(e["detector"], e["line"]) for e in kept[dv.REDACTED]] == [("bearer-credential", 8),
                                                                      ("generic-credential", 9)]
    assert dv.kept_row(kept) == kept  # keeping a kept row changes nothing
    page = {"@odata.context": "c", "@odata.nextLink": "n", "value": [row, "x"]}
    assert dv.kept_page(page) == {"@odata.context": "c", "@odata.nextLink": "n", "value": [kept, "x"]}
