"""The Azure live collector through the real SDK clients (azure-core, azure-mgmt-resourcegraph) over
TLS against the local Azure of `fake_azure_api.py`: what it reads, how it pages, waits and gives up, that
it only reads, that the Azure and agent rules judge what it read, that no secret it was answered
reaches a report, and that a scan of its snapshot is the scan of the cloud."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fake_azure_api import (CONTAINER_APP, LOCKED, PLANTED, PROD, PROJECT, SEARCH, SETTING_KEY, SETTING_PLAIN, SITE,
                            STORAGE, SUB_A, SUB_B, StaticToken)

from aispm.cli import main
from aispm.live.context import Gap, LiveContext, LiveOptions, is_read
from aispm.live.targets import parse_target
from aispm.model import Status
from aispm.providers.azure.live.collect import collect
from aispm.scan import ScanOptions, scan

LIVE_PACKAGE = Path(__file__).resolve().parents[4] / "src" / "aispm" / "providers" / "azure" / "live"


def uid(arm_id: str) -> str:
    return f"live:azure:{arm_id.lower()}"


def _collect(server, target="azure://", **options):
    waits: list[float] = []
    ctx = LiveContext(options=LiveOptions(endpoint_url=server.base, **options), sleep=waits.append)
    return collect(parse_target(target), ctx), ctx, waits


def _scan(server, *targets, **options):
    opts = ScanOptions(attack_paths=False, vulnerabilities=False,
                       live=LiveOptions(endpoint_url=server.base, **options))
    return scan(list(targets), opts)


def _findings(result, rule_id):
    return {f.asset_uid: f.status for f in result.findings if f.rule_id == rule_id}


# -- what is read -------------------------------------------------------------------------------------

def test_every_resource_family_is_read_into_arm_shaped_assets(azure_server) -> None:
    out, ctx, _ = _collect(azure_server)
    by_uid = {a.uid: a for a in out.assets}
    for rid, arm_type in ((PROD, "Microsoft.CognitiveServices/accounts"),
                          (LOCKED, "Microsoft.CognitiveServices/accounts"),
                          (PROJECT, "Microsoft.CognitiveServices/accounts/projects"),
                          (SEARCH, "Microsoft.Search/searchServices"),
                          (STORAGE, "Microsoft.Storage/storageAccounts"),
                          (SITE, "Microsoft.Web/sites"),
                          (f"{PROD}/deployments/gpt-4o", "Microsoft.CognitiveServices/accounts/deployments"),
                          (f"{PROD}/raiPolicies/weak-filter", "Microsoft.CognitiveServices/accounts/raiPolicies"),
                          (f"{PROD}/connections/search-conn", "Microsoft.CognitiveServices/accounts/connections")):
        a = by_uid[uid(rid)]
        assert a.type == arm_type  # as ARM spells it, though Resource Graph lower-cases it
        assert a.cloud_id == rid and a.origin.address == rid
        assert a.origin.file == f"azure://{SUB_A}" and a.origin.format == "live"
    prod = by_uid[uid(PROD)]
    assert prod.properties["properties"]["disableLocalAuth"] is False  # the ARM body, kept as answered
    assert by_uid[uid(f"{PROD}/deployments/gpt-4o")].parent == uid(PROD)
    assert by_uid[uid(PROJECT)].parent == uid(PROD)
    roles = [a for a in out.assets if a.type == "Microsoft.Authorization/roleAssignments"]
    assert sorted(r.properties["scope"] for r in roles) == sorted([PROD, SEARCH])
    diag = next(a for a in out.assets if a.type == "Microsoft.Insights/diagnosticSettings")
    assert diag.properties["scope"].lower() == PROD.lower()


def test_pagination_skiptoken_and_nextlink_are_followed(azure_server) -> None:
    out, ctx, _ = _collect(azure_server)
    types = [a.type for a in out.assets]
    # Resource Graph answers the AI family three rows a page: the fourth row is on page two
    assert uid(SEARCH) in {a.uid for a in out.assets}
    # the second deployments page (nextLink) and the second subscription (nextLink of GET /subscriptions)
    assert types.count("Microsoft.CognitiveServices/accounts/deployments") == 2
    assert ("GET", "/subscriptions") in azure_server.requests and any(g.scope == f"azure://{SUB_B}" for g in ctx.gaps)
    # the second agents page (after=<last_id> while has_more)
    assert sorted(a.name for a in out.assets if a.type == "agent") == ["researcher", "support-agent"]


def test_throttling_waits_as_asked_and_then_reads(azure_server) -> None:
    out, ctx, waits = _collect(azure_server)
    assert len(waits) == 1 and 1.0 <= waits[0] <= 1.25  # Retry-After: 1 (plus jitter), once
    assert uid(STORAGE) in {a.uid for a in out.assets}  # the throttled family was read on the retry
    assert not any("throttled" in g.reason for g in ctx.gaps)


def test_a_subscription_that_answers_403_is_a_gap_and_the_other_is_read_whole(azure_server) -> None:
    out, ctx, _ = _collect(azure_server)
    assert ctx.gaps == [Gap(f"azure://{SUB_B}", "Microsoft.ResourceGraph", "resources", "access denied (AccessDenied)")]
    assert {a.origin.file for a in out.assets} == {f"azure://{SUB_A}"}
    assert len(out.assets) == 24  # with the container app and the site's app settings
    prov = out.provenance[0]
    assert prov["subscriptions"] == SUB_A and prov["subscriptions_unreadable"] == SUB_B
    assert "token" not in json.dumps(prov).lower()
    # a single unreadable subscription as the target: gaps, no assets, no error
    out, ctx, _ = _collect(azure_server, f"azure://{SUB_B}")
    assert out.assets == [] and out.errors == [] and ctx.gaps[0].reason == "access denied (AccessDenied)"


def test_an_unreadable_child_list_is_a_gap_and_its_facts_become_unknown(azure_server) -> None:
    azure_server.fail[f"{PROD}/providers/Microsoft.Insights/diagnosticSettings"] = (403, "AuthorizationFailed")
    azure_server.fail[f"{LOCKED}/deployments"] = (404, "ResourceNotFound")  # deleted between list and get
    result = _scan(azure_server, "azure://")
    gaps = {(g.operation, g.reason) for g in result.gaps}
    assert ("listDiagnosticSettings", "access denied (AuthorizationFailed)") in gaps
    assert ("listDeployments", "not found (ResourceNotFound)") in gaps
    by_uid = {a.uid: a for a in result.assets}
    assert by_uid[uid(PROD)].facts["diagnostic_logs"] is None  # not "no logs": unknown
    assert _findings(result, "AISPM-AZ-001")[uid(PROD)] == Status.FAIL  # everything else still judged
    assert uid(f"{PROD}/deployments/gpt-4o") in by_uid


def test_a_truncated_resource_graph_answer_is_a_gap(azure_server) -> None:
    azure_server.truncate.add("ai")  # three of four rows, and no skip token to ask for the fourth
    out, ctx, _ = _collect(azure_server)
    assert Gap(f"azure://{SUB_A}", "Microsoft.ResourceGraph", "resources", "ai: answer truncated") in ctx.gaps
    assert uid(PROD) in {a.uid for a in out.assets} and uid(SEARCH) not in {a.uid for a in out.assets}


def test_foundry_agents_are_read_with_their_tools(azure_server) -> None:
    out, _, _ = _collect(azure_server)
    agents = {a.name: a for a in out.assets if a.type == "agent"}
    support = agents["support-agent"]
    assert support.uid == f"{uid(PROJECT)}/agents/asst_support"
    assert support.facts["model"] == "gpt-4o" and support.facts["mcp_tools"] == 1
    assert support.facts["tools_require_approval"] is False  # tool_resources.mcp require_approval: never
    assert support.facts["connected_agents"] == 1 and support.facts["coordinator"] is True
    tools = {a.name: a for a in out.assets if a.type == "tool" and a.parent == support.uid}
    assert set(tools) == {"crm", "researcher", "file_search[2]"}
    assert tools["crm"].facts["tool_requires_approval"] is False
    servers = [a for a in out.assets if a.type == "mcp-server"]
    assert [s.properties.get("url") for s in servers] == ["https://crm.contoso.example/mcp"]
    # the connected agent is found by its id in the same project
    assert any(r.source == support.uid and r.verb == "runs" and r.target == agents["researcher"].uid
               for r in out.relations)
    assert any(r.source == uid(PROJECT) and r.verb == "contains" and r.target == support.uid for r in out.relations)


# -- read-only ---------------------------------------------------------------------------------------

def test_every_operation_is_a_read(azure_server) -> None:
    _, ctx, _ = _collect(azure_server)
    ops = sorted(set(ctx.operations))
    assert ops == [("Foundry Agent Service", "listAgents"), ("Microsoft.CognitiveServices", "listConnections"),
                   ("Microsoft.CognitiveServices", "listDeployments"),
                   ("Microsoft.CognitiveServices", "listRaiPolicies"),
                   ("Microsoft.Insights", "listDiagnosticSettings"), ("Microsoft.ResourceGraph", "resources"),
                   ("Microsoft.Resources", "listSubscriptions"), ("Microsoft.Web", "listAppSettings")]
    assert all(is_read(op) for _svc, op in ops)
    # what reached the wire: GETs, and POST only to Resource Graph's query endpoint and the app settings
    # list (whose values are replaced as it is parsed: test_app_setting_values_are_never_kept)
    assert {(m, p) for m, p in azure_server.requests if m != "GET"} == {
        ("POST", "/providers/Microsoft.ResourceGraph/resources"), ("POST", f"{SITE}/config/appsettings/list")}
    assert not any(p.lower().endswith(("/listkeys", "/register", "/appsettings", "/connectionstrings/list"))
                   for _m, p in azure_server.requests)


def test_the_package_names_no_operation_that_is_not_a_read() -> None:
    """Statically: every operation name the package hands `ctx.call` (directly or through its list
    helpers) is a read, and no path it builds asks for keys, settings values or registration."""
    names: set[str] = set()
    for path in LIVE_PACKAGE.glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                    node.func.attr in ("call", "arm_list", "_pages"):
                at = 3 if node.func.attr == "_pages" else 2  # the operation's position
                arg = node.args[at] if len(node.args) > at else None
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    names.add(arg.value)
        docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                      if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef)) and n.body
                      and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
        code_strings = [n.value.lower() for n in ast.walk(tree) if isinstance(n, ast.Constant)
                        and isinstance(n.value, str) and id(n) not in docstrings]
        for forbidden in ("listkeys", "connectionstrings", "/register", "listsecrets", "listconnectionstrings"):
            assert not any(forbidden in text for text in code_strings), (path.name, forbidden)
        # the app settings list is asked in one place, and its answer is replaced as it is parsed
        if any("appsettings" in text for text in code_strings):
            assert path.name == "client.py" and "names_only(send_json(self.arm, HttpRequest(\"POST\", url)))" in \
                path.read_text().replace("'", '"')
    from aispm.providers.azure.live.collect import ACCOUNT_CHILDREN

    names |= {op for _child, op in ACCOUNT_CHILDREN}
    assert {"resources", "listSubscriptions", "listDeployments", "listConnections", "listDiagnosticSettings",
            "listAgents", "listAppSettings"} <= names
    assert all(is_read(n) for n in names), names


def test_app_setting_names_are_read_and_their_values_never_kept(azure_server, tmp_path: Path) -> None:
    """`config/appsettings/list` and Resource Graph answer setting values; only names survive, with
    whether each is a Key Vault reference or a secretRef, and a provider key in plain settings is
    `has_literal_secret` on the app, from its name."""
    result = _scan(azure_server, f"azure://{SUB_A}", record=tmp_path / "snap")
    by_uid = {a.uid: a for a in result.assets}
    settings = by_uid[uid(f"{SITE}/config/appsettings")]
    assert settings.type == "Microsoft.Web/sites/config" and settings.parent == uid(SITE)
    assert set(settings.properties["properties"]) == {"AZURE_OPENAI_ENDPOINT", "AZURE_OPENAI_API_KEY", "SEARCH_KEY",
                                                      "WEBSITE_RUN_FROM_PACKAGE", "EMPTY_SETTING"}
    site = by_uid[uid(SITE)]
    assert site.facts["has_literal_secret"] is True
    assert site.evidence["has_literal_secret"].value == ["AZURE_OPENAI_API_KEY"]  # not the Key Vault reference
    app = by_uid[uid(CONTAINER_APP)]
    env = app.properties["properties"]["template"]["containers"][0]["env"]
    assert {e["name"] for e in env} == {"AZURE_OPENAI_ENDPOINT", "OPENAI_API_KEY", "SEARCH_API_KEY"}
    assert {"name": "SEARCH_API_KEY", "secretRef": "search-key"} in env
    assert app.facts["has_literal_secret"] is True and "env OPENAI_API_KEY" in app.evidence["has_literal_secret"].value
    from aispm.providers.azure.live.settings import KEY_VAULT_REFERENCE, NOT_KEPT, names_only

    got = names_only({"id": "x", "properties": {"A": "v", "B": "@Microsoft.KeyVault(VaultName=v;SecretName=s)",
                                                 "C": ""}})
    assert got["properties"] == {"A": NOT_KEPT, "B": KEY_VAULT_REFERENCE, "C": ""}
    from aispm.report.json import to_dict

    kept = json.dumps(to_dict(result), default=str) + "".join(
        p.read_text() for p in (tmp_path / "snap").rglob("*.json"))
    for value in (SETTING_KEY, SETTING_KEY[:16], SETTING_PLAIN, "kv-app.vault.azure.net"):
        assert value not in kept, value  # in no report and no snapshot file
    assert "AZURE_OPENAI_API_KEY" in kept and "OPENAI_API_KEY" in kept


# -- the scan: rules, relations, secrets ---------------------------------------------------------------

def test_a_live_scan_is_judged_by_the_azure_and_agent_rules(azure_server) -> None:
    result = _scan(azure_server, "azure://")
    az001 = _findings(result, "AISPM-AZ-001")
    assert az001[uid(PROD)] == Status.FAIL  # disableLocalAuth: false — keys accepted
    assert az001[uid(LOCKED)] == Status.PASS
    by_uid = {a.uid: a for a in result.assets}
    assert by_uid[uid(LOCKED)].facts["private_endpoint"] is True  # the PE names it in lower case
    assert by_uid[uid(PROD)].facts["diagnostic_logs"] is True
    assert by_uid[uid(LOCKED)].facts["diagnostic_logs"] is False  # listed, none: no logs
    assert by_uid[uid(f"{PROD}/deployments/gpt-4o")].facts["guardrail"] is False  # its policy does not block Hate
    rel = {(r.source, r.verb, r.target) for r in result.relations}
    assert (uid(SITE), "has_role_on", uid(PROD)) in rel  # principal id → the site's managed identity
    assert (uid(PROD), "grounded_on", uid(SEARCH)) in rel
    assert (uid(PROD), "deploys", uid(f"{PROD}/deployments/gpt-4o")) in rel
    ag003 = _findings(result, "AISPM-AG-003")
    assert ag003[f"{uid(PROJECT)}/agents/asst_support"] == Status.FAIL  # MCP tool never asks for approval
    assert result.gaps == [Gap(f"azure://{SUB_B}", "Microsoft.ResourceGraph", "resources",
                               "access denied (AccessDenied)")]
    assert result.provenance[0]["kind"] == "live" and result.provenance[0]["target"] == "azure://"


def test_no_secret_the_cloud_answered_reaches_a_report(azure_server) -> None:
    result = _scan(azure_server, "azure://")
    from aispm.report.json import to_dict

    text = json.dumps(to_dict(result), default=str)
    assert PLANTED not in text and PLANTED[:16] not in text
    conn = next(a for a in result.assets if a.uid == uid(f"{PROD}/connections/search-conn"))
    assert PLANTED not in json.dumps(conn.properties, default=str)
    assert "credentials" in json.dumps(conn.properties, default=str)  # the field is kept, its value redacted


# -- snapshots ---------------------------------------------------------------------------------------

def _comparable(result) -> dict:
    """A report's substance: assets with their facts, relations, findings (the snapshot file itself is
    a config file the secrets source reads, and provenance says live or snapshot by design)."""
    assets = sorted((a.uid, a.type, str(a.name), a.origin.file, a.origin.address,
                     json.dumps(a.facts, sort_keys=True, default=str))
                    for a in result.assets if a.origin.format != "secrets")
    relations = sorted((r.source, r.verb, r.target) for r in result.relations)
    findings = sorted((f.rule_id, f.asset_uid, str(f.status)) for f in result.findings
                      if not f.asset_uid.startswith("secrets:"))
    return {"assets": assets, "relations": relations, "findings": findings}


def test_a_scan_of_the_snapshot_is_the_scan_of_the_cloud(azure_server, tmp_path: Path) -> None:
    snap = tmp_path / "snap"
    live = _scan(azure_server, "azure://", record=snap)
    assert (snap / "azure" / SUB_A / "resourcegraph" / "ai-2.json").is_file()  # page two, as answered
    page = json.loads((snap / "azure" / SUB_A / "resourcegraph" / "ai-1.json").read_text())
    assert set(page) >= {"totalRecords", "count", "data", "$skipToken", "resultTruncated"}
    (snap / "aispm-snapshot.json").write_text(json.dumps({"target": "azure://", "taken_at": "2026-12-03T10:00:00Z"}))
    requests = len(azure_server.requests)
    offline = scan([str(snap)], ScanOptions(attack_paths=False, vulnerabilities=False))
    assert len(azure_server.requests) == requests  # offline: nothing asked
    assert offline.errors == []
    got, want = _comparable(offline), _comparable(live)
    for key in want:
        assert set(got[key]) - set(want[key]) == set() and set(want[key]) - set(got[key]) == set(), key
    assert got == want
    assert {"kind": "snapshot", "cloud": "azure", "file": "aispm-snapshot.json", "target": "azure://",
            "taken_at": "2026-12-03T10:00:00Z"} in offline.provenance
    assert _findings(offline, "AISPM-AZ-001")[uid(PROD)] == Status.FAIL


def test_aispm_collect_writes_the_snapshot_that_scan_reads(azure_server, tmp_path: Path, monkeypatch) -> None:
    original = ScanOptions.__post_init__

    def with_endpoint(self):  # the CLI has no endpoint option: point its live options at the local Azure
        original(self)
        self.live.endpoint_url = azure_server.base

    monkeypatch.setattr(ScanOptions, "__post_init__", with_endpoint)
    res = CliRunner().invoke(main, ["collect", "azure://", "-o", str(tmp_path / "snap"), "-q"])
    assert res.exit_code == 0, res.output
    meta = json.loads((tmp_path / "snap" / "aispm-snapshot.json").read_text())
    assert meta["target"] == "azure://" and meta["provenance"][0]["subscriptions"] == SUB_A
    res = CliRunner().invoke(main, ["scan", str(tmp_path / "snap"), "-f", "json", "--skip-vulnerabilities"])
    report = json.loads(res.stdout)
    assert any(f["rule_id"] == "AISPM-AZ-001" and f["status"] == "fail" for f in report["findings"])
    assert PLANTED not in res.stdout


def test_az_cli_output_is_read(tmp_path: Path) -> None:
    """`az graph query -q ... -o json` (an object with `data`) and `az resource list -o json` (a list)."""
    from fake_azure_api import ROWS

    (tmp_path / "graph.json").write_text(json.dumps({"count": 2, "data": ROWS["ai"][:2], "skip_token": None,
                                                      "total_records": 2}))
    (tmp_path / "resources.json").write_text(json.dumps([ROWS["data"][0]]))
    (tmp_path / "package.json").write_text(json.dumps({"name": "x", "id": "/subscriptions/x"}))  # not ours
    (tmp_path / "broken.json").write_text('{"data": [{"id": "/subscriptions/')  # not ours: no snapshot folder
    result = scan([str(tmp_path)], ScanOptions(attack_paths=False, vulnerabilities=False))
    live = {a.uid for a in result.assets if a.origin.format == "live"}
    assert live == {uid(LOCKED), uid(PROD), uid(STORAGE)}
    assert _findings(result, "AISPM-AZ-001") == {uid(LOCKED): Status.PASS, uid(PROD): Status.FAIL}
    assert not any("broken.json" in e.file and "snapshot" in e.message for e in result.errors)


def test_a_broken_file_inside_a_snapshot_is_an_error_and_the_rest_is_read(tmp_path: Path) -> None:
    from fake_azure_api import ROWS

    (tmp_path / "aispm-snapshot.json").write_text("{}")
    (tmp_path / "azure").mkdir()
    (tmp_path / "azure" / "a.json").write_text(json.dumps({"data": ROWS["ai"][:2]}))
    (tmp_path / "azure" / "b.json").write_text('{"data": [{"id": "/subscriptions/')
    result = scan([str(tmp_path)], ScanOptions(attack_paths=False, vulnerabilities=False))
    assert {a.uid for a in result.assets if a.origin.format == "live"} == {uid(LOCKED), uid(PROD)}
    assert [e.file for e in result.errors if "Azure snapshot" in e.message] == ["azure/b.json"]


def test_static_token_credential_is_asked_for_the_right_audiences(azure_server) -> None:
    seen: list[tuple] = []

    class Recording(StaticToken):
        def get_token(self, *scopes, **kwargs):
            seen.append(scopes)
            return super().get_token(*scopes, **kwargs)

    import aispm.providers.azure.live.client as client

    client_credential = client.credential
    try:
        client.credential = lambda: Recording()
        _collect(azure_server)
    finally:
        client.credential = client_credential
    assert {s for s in seen} == {("https://management.azure.com/.default",), ("https://ai.azure.com/.default",)}


@pytest.mark.parametrize("doc", [{"value": "x"}, {"data": [1, 2]}, [{"id": 3}], {"aispm:project": 5, "data": []}])
def test_answers_of_the_wrong_shape_give_nothing(doc) -> None:
    from aispm.providers.azure.live.transform import answer_assets

    got = answer_assets(doc)
    assert got is None or got.assets == []


def test_without_the_azure_extra_a_live_target_is_one_line_to_fix(monkeypatch, tmp_path: Path) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "azure.mgmt.resourcegraph", None)  # as if not installed
    result = scan(["azure://", str(tmp_path)], ScanOptions(attack_paths=False, vulnerabilities=False))
    assert [(e.file, e.message) for e in result.errors] == [
        ("azure://", "reading azure needs its SDK: pip install 'aispm[azure]'")]
