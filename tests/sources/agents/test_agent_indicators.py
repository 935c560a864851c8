"""Agent risk indicators the sources derive: plain-HTTP / odd-port endpoints (`plaintext_transport`,
`non_standard_port`), coordinators and their connected agents (`coordinator`, `delegates_to_weak_agent`,
`agent runs agent`), data exfiltration exposure (`can_exfiltrate`) and published channels — on the
fixtures in `fixtures/indicators/`, and on variants of them that change one setting."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from aispm.providers.code.agents.copilot_studio import CopilotStudioSource
from aispm.providers.code.agents.foundry import FoundryAgentSource
from aispm.source import SourceContext
from aispm.formats.urls import url_transport
from aispm.providers.code.mcp import McpSource

FIX = Path(__file__).parent / "fixtures"
IND = FIX / "indicators"
CLAIMS = IND / "copilot" / "ClaimsSolution"


def load(root: Path, src):
    files = sorted(p for p in root.rglob("*") if p.is_file() and src.claims(p))
    return src.load(files, SourceContext(root=root))


def by_name(r, type_: str) -> dict:
    return {a.name: a for a in r.assets if a.type == type_}


def copy_claims(tmp_path: Path, edits: dict[str, tuple[str, str]] | None = None,
                drop: tuple[str, ...] = ()) -> Path:
    """The Claims solution, unpacked, with `old → new` text edits per file and some folders left out."""
    root = tmp_path / "ClaimsSolution"
    shutil.copytree(CLAIMS, root)
    for rel, (old, new) in (edits or {}).items():
        f = root / rel
        text = f.read_text()
        assert old in text, (rel, old)
        f.write_text(text.replace(old, new))
    for rel in drop:
        shutil.rmtree(root / rel)
    return tmp_path


# --- url_transport ----------------------------------------------------------------------------


@pytest.mark.parametrize("url,plaintext,odd_port,endpoint", [
    ("https://mcp.contoso.example/mcp", False, False, "https://mcp.contoso.example"),
    ("http://wiki.contoso.internal/mcp", True, False, "http://wiki.contoso.internal"),
    ("https://metrics.contoso.example:8443/mcp", False, True, "https://metrics.contoso.example:8443"),
    ("https://api.contoso.example:443/v1", False, False, "https://api.contoso.example:443"),
    ("http://10.1.2.3:8080/api", True, True, "http://10.1.2.3:8080"),
    ("http://localhost:8931/mcp", False, False, "http://localhost:8931"),
    ("http://127.0.0.1:6274/mcp", False, False, "http://127.0.0.1:6274"),
    ("http://[::1]:3000/mcp", False, False, "http://[::1]:3000"),
    # user info and query strings (credentials) never reach the endpoint shown as evidence
    ("https://svc:hunter22@api.contoso.example:9443/x?key=AIzaSyQm7vX2bN9kL4pR8sT1wY6zA3cD5fG0hJ2", False, True,
     "https://api.contoso.example:9443"),
    # Power Fx: a leading string literal decides when it holds the whole host
    ('="http://payments.contoso.example/api/" & Topic.Id', True, False, "http://payments.contoso.example"),
    ('="https://claims.contoso.example:8443"', False, True, "https://claims.contoso.example:8443"),
])
def test_url_transport_literals(url, plaintext, odd_port, endpoint):
    t = url_transport(url)
    assert (t.plaintext, t.non_standard_port, t.endpoint) == (plaintext, odd_port, endpoint)


@pytest.mark.parametrize("url,plaintext", [
    ("${env:MCP_URL}", None),  # the whole URL is a reference
    ("${input:team-mcp-url}", None),
    ("{{base_url}}/mcp", None),
    ("https://${env:HOST}/mcp", False),  # https is known, the host (and its port) is not
    ("http://${HOST}:8080/mcp", None),  # plain http, but the host may be localhost
    ("=Concatenate(Env.cr7b2_PaymentsBase, \"/payouts\")", None),  # Power Fx without a literal prefix
    ("/api/v1", None),  # relative
])
def test_url_transport_references_are_unknown(url, plaintext):
    t = url_transport(url)
    assert t.plaintext is plaintext and t.non_standard_port is None and t.endpoint is None


# --- MCP client configs -------------------------------------------------------------------------


def test_mcp_server_transport_facts():
    s = by_name(load(IND / "mcp", McpSource()), "mcp-server")
    facts = {n: (a.facts.get("plaintext_transport"), a.facts.get("non_standard_port")) for n, a in s.items()}
    assert facts == {
        "ticket-service": (False, False),
        "intranet-wiki": (True, False),
        "metrics-gateway": (False, True),
        "team-server": (None, None),
        "analytics": (False, None),
        "inspector": (False, False),
        "git": (None, None),  # stdio: no URL, no fact
    }
    assert "plaintext_transport" not in s["git"].facts
    ev = s["intranet-wiki"].evidence["plaintext_transport"]
    assert ev.path == "url" and ev.value == ["http://wiki.contoso.internal (plain http: unencrypted to a remote host)"]
    assert "reference" in s["team-server"].evidence["plaintext_transport"].note


# --- Foundry ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def foundry():
    return load(IND / "foundry", FoundryAgentSource())


def test_foundry_openapi_servers(foundry):
    tools = by_name(foundry, "tool")
    rates, notify = tools["exchange-rates"], tools["notify-handler"]
    assert (rates.facts["plaintext_transport"], rates.facts["non_standard_port"]) == (False, False)
    assert "https://weu.rates.contoso.example" in rates.evidence["plaintext_transport"].value[0]  # {region} default
    assert (notify.facts["plaintext_transport"], notify.facts["non_standard_port"]) == (True, True)  # Swagger 2
    # an MCP tool is judged on its server, not twice
    assert "plaintext_transport" not in tools["policy-archive"].facts
    srv = by_name(foundry, "mcp-server")
    assert srv["intake"].facts["plaintext_transport"] is None and srv["intake"].facts["remote"] is None


def test_foundry_coordinator_and_relation(foundry):
    a = by_name(foundry, "agent")
    triage, intake = a["claims-triage"], a["claims-intake"]
    assert triage.facts["coordinator"] is True and triage.facts["connected_agents"] == 1
    assert intake.facts["coordinator"] is False
    rels = {(r.source, r.verb, r.target) for r in foundry.relations}
    assert (triage.uid, "runs", intake.uid) in rels  # found by name: its id is not in its definition
    assert (f"{triage.uid}/tools/claims-intake", "calls", intake.uid) in rels
    assert triage.properties["connected_agents"][0]["resolved"] == intake.uid
    # no rule input for Foundry coordinators: their connected agents have no authentication setting
    assert "delegates_to_weak_agent" not in triage.facts


def test_foundry_connected_agent_outside_the_scan_has_no_relation():
    r = load(FIX / "foundry", FoundryAgentSource())
    st = by_name(r, "agent")["support-triage"]
    assert st.facts["coordinator"] is True
    assert not [x for x in r.relations if x.source == st.uid and x.target.endswith(":billing")]


def test_foundry_exfiltration(foundry):
    a = by_name(foundry, "agent")
    triage, search, intake = a["claims-triage"], a["policy-search"], a["claims-intake"]
    assert triage.facts["can_exfiltrate"] is True
    assert triage.evidence["can_exfiltrate"].value == {"reads": ["file_search[0] (file_search)"],
                                                       "sends": ["notify-handler (openapi: notifyHandler)"]}
    assert search.facts["can_exfiltrate"] is False  # GET-only API; the MCP tool always asks for approval
    assert search.evidence["can_exfiltrate"].value["approved"] == [
        "policy-archive (MCP server https://archive.contoso.example/mcp)"]
    assert intake.facts["can_exfiltrate"] is None  # MCP server URL from the environment: remote or not?


@pytest.mark.parametrize("extra_tool,expected", [
    ("  - type: function\n    function: {name: lookup_customer}\n", None),  # runs in the client: could do anything
    ("  - type: browser_automation_preview\n", True),
    ("  - type: openapi\n    openapi: {name: crm, spec: ./crm.openapi.json}\n", None),  # spec not inline
    ("  - type: bing_grounding\n", False),  # web search sends queries to the search engine only
])
def test_foundry_exfiltration_variants(tmp_path, extra_tool, expected):
    text = (IND / "foundry" / "policy-search.agent.yaml").read_text()
    text = text.replace("    - type: mcp\n", "".join("  " + line for line in extra_tool.splitlines(True))
                        + "    - type: mcp\n")
    (tmp_path / "policy-search.agent.yaml").write_text(text)
    a = by_name(load(tmp_path, FoundryAgentSource()), "agent")["policy-search"]
    assert a.facts["can_exfiltrate"] is expected


# --- Copilot Studio -----------------------------------------------------------------------------


def check_claims(r):
    assert not r.errors, r.errors
    a = by_name(r, "agent")
    desk, payouts = a["Claims Desk"], a["Claim Payouts"]
    tools = by_name(r, "tool")
    # endpoints
    assert tools["Get a claim"].facts["non_standard_port"] is True  # custom connector host :8443
    assert tools["Get a claim"].facts["plaintext_transport"] is False
    assert tools["Issue payout"].facts["plaintext_transport"] is True  # http://…:8080
    assert tools["Claim status"].facts["plaintext_transport"] is False  # Power Fx with a literal https host
    assert "plaintext_transport" not in tools["Send an email (V2)"].facts  # a standard connector
    # coordinator: one connected agent, one child agent
    assert desk.facts["coordinator"] is True and desk.facts["connected_agents"] == 2
    assert tools["Triage"].facts["tool_type"] == "child_agent"
    assert tools["Claim Payouts"].facts["tool_type"] == "connected_agent"
    assert payouts.facts["coordinator"] is False
    rels = {(x.source, x.verb, x.target) for x in r.relations}
    assert (desk.uid, "runs", payouts.uid) in rels
    assert (tools["Claim Payouts"].uid, "calls", payouts.uid) in rels
    assert desk.facts["delegates_to_weak_agent"] is True
    assert desk.evidence["delegates_to_weak_agent"].value == [
        "cr7b2_payouts: no user authentication; maker credentials (List payouts)"]
    # exfiltration
    assert desk.facts["can_exfiltrate"] is True
    ev = desk.evidence["can_exfiltrate"].value
    assert ev["sends"] == ["Send an email (V2): SendEmailV2 (shared_office365)"]
    assert sorted(ev["reads"])[0].startswith("Claims policies") and any("GetClaim" in x for x in ev["reads"])
    assert payouts.facts["can_exfiltrate"] is False  # reads; the payout request goes to a host the maker fixed
    # published
    assert desk.facts["published_channels"] == ["MsTeams", "Microsoft365Copilot"]
    assert payouts.facts["published_channels"] is None
    return desk, payouts


def test_copilot_unpacked():
    check_claims(load(IND / "copilot", CopilotStudioSource()))


def test_copilot_zip(tmp_path):
    with zipfile.ZipFile(tmp_path / "ClaimsSolution_2_3_0_1.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        for f in sorted(CLAIMS.rglob("*")):
            if f.is_file():
                name = f.relative_to(CLAIMS).as_posix()
                name = {"Other/Solution.xml": "solution.xml", "Other/Customizations.xml": "customizations.xml"}.get(
                    name, name)
                zf.writestr(name, f.read_text())
    desk, _ = check_claims(load(tmp_path, CopilotStudioSource()))
    assert desk.origin.file == "ClaimsSolution_2_3_0_1.zip"


def test_copilot_connected_agent_fixed(tmp_path):
    root = copy_claims(tmp_path, {
        "bots/cr7b2_payouts/bot.xml": ("<authenticationmode>1", "<authenticationmode>2"),
        "botcomponents/cr7b2_payouts.action.ListPayouts/data": ("mode: Maker", "mode: Invoker"),
    })
    desk = by_name(load(root, CopilotStudioSource()), "agent")["Claims Desk"]
    assert desk.facts["delegates_to_weak_agent"] is False
    assert desk.evidence["delegates_to_weak_agent"].value == [
        "cr7b2_payouts: user authentication, end-user credentials"]


def test_copilot_connected_agent_not_in_the_scan_is_unknown(tmp_path):
    root = copy_claims(tmp_path, drop=("bots/cr7b2_payouts", "botcomponents/cr7b2_payouts.gpt.default",
                                       "botcomponents/cr7b2_payouts.action.ListPayouts",
                                       "botcomponents/cr7b2_payouts.topic.IssuePayout"))
    r = load(root, CopilotStudioSource())
    desk = by_name(r, "agent")["Claims Desk"]
    assert desk.facts["coordinator"] is True
    assert desk.facts["delegates_to_weak_agent"] is None
    assert desk.evidence["delegates_to_weak_agent"].value == ["cr7b2_payouts: not in the scanned exports"]
    assert not [x for x in r.relations if x.source == desk.uid and x.verb == "runs" and "cr7b2_payouts" in x.target]


def test_copilot_connected_agent_in_another_export(tmp_path):
    """The coordinator and its connected agent shipped in two solutions of the same scan."""
    copy_claims(tmp_path / "a", drop=("bots/cr7b2_payouts", "botcomponents/cr7b2_payouts.gpt.default",
                                      "botcomponents/cr7b2_payouts.action.ListPayouts",
                                      "botcomponents/cr7b2_payouts.topic.IssuePayout"))
    b = tmp_path / "b" / "PayoutsSolution"
    b.mkdir(parents=True)
    shutil.copytree(CLAIMS / "bots" / "cr7b2_payouts", b / "bots" / "cr7b2_payouts")
    for c in ("cr7b2_payouts.gpt.default", "cr7b2_payouts.action.ListPayouts"):
        shutil.copytree(CLAIMS / "botcomponents" / c, b / "botcomponents" / c)
    desk = by_name(load(tmp_path, CopilotStudioSource()), "agent")["Claims Desk"]
    assert desk.facts["delegates_to_weak_agent"] is True


@pytest.mark.parametrize("edit,expected", [
    # the recipient fixed by the maker: not a destination the model chooses (MT.1116)
    (("kind: AutomaticTaskInput\n    propertyName: To\n    description: The recipient",
      "kind: ManualTaskInput\n    propertyName: To\n    value: claims-team@contoso.example"), False),
    # the tool asks the user before it runs
    (("outputMode: All", "outputMode: All\nconfirmation:\n  activity: Send this e-mail?"), False),
    # a Power Automate flow instead: what it does is not in the export
    (("  kind: InvokeConnectorTaskAction\n  connectionReference: cr7b2_claimsdesk.shared_office365.b7c8d9\n"
      "  connectionProperties:\n    mode: Invoker\n\n  operationId: SendEmailV2",
      "  kind: InvokeFlowTaskAction\n  flowId: 3b131928-8094-f011-b41c-6045bdef4136"), None),
])
def test_copilot_exfiltration_variants(tmp_path, edit, expected):
    root = copy_claims(tmp_path, {"botcomponents/cr7b2_claimsdesk.action.SendEmail/data": edit})
    desk = by_name(load(root, CopilotStudioSource()), "agent")["Claims Desk"]
    assert desk.facts["can_exfiltrate"] is expected


def test_copilot_http_url_built_at_run_time_is_unknown(tmp_path):
    root = copy_claims(tmp_path, {"botcomponents/cr7b2_payouts.topic.IssuePayout/data": (
        "url: http://payments.contoso.example:8080/api/payouts",
        "url: =Concatenate(Env.cr7b2_PaymentsBase, \"/api/payouts\")")})
    r = load(root, CopilotStudioSource())
    tool = by_name(r, "tool")["Issue payout"]
    assert tool.facts["plaintext_transport"] is None and tool.facts["non_standard_port"] is None
    assert "Power Fx" in tool.evidence["plaintext_transport"].note
    payouts = by_name(r, "agent")["Claim Payouts"]
    assert payouts.facts["can_exfiltrate"] is None  # a read, and a request to a URL built at run time


def test_copilot_custom_connector_without_its_definition(tmp_path):
    root = copy_claims(tmp_path, drop=("Connector",))
    r = load(root, CopilotStudioSource())
    assert not r.errors
    tool = by_name(r, "tool")["Get a claim"]
    assert "plaintext_transport" not in tool.facts  # the host is not in the export: not judged


def test_helpdesk_facts_and_no_secret_in_evidence():
    r = load(FIX / "copilot", CopilotStudioSource())
    bot = by_name(r, "agent")["IT Helpdesk"]
    assert bot.facts["published_channels"] is None and bot.facts["coordinator"] is False
    assert bot.facts["can_exfiltrate"] is False  # public web knowledge only: nothing of the org's to send
    reset = by_name(r, "tool")["Reset password"]
    assert reset.facts["plaintext_transport"] is False
    blob = json.dumps([{k: (v.value, v.note) for k, v in a.evidence.items()} for a in r.assets], default=str)
    assert "AIzaSyQm7vX2bN9kL4pR8sT1wY6zA3cD5fG0hJ2" not in blob  # the key in the reset URL's query string
