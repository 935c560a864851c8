"""Agent rules AISPM-AG-001…013: a passing and a failing case each, on assets the sources build
from the fixtures, plus unit cases on facts. The risk indicators of AG-010…012 (plain HTTP and odd
ports, coordinators, exfiltration) have their own fixtures in `fixtures/indicators/`."""

from __future__ import annotations

from pathlib import Path

import pytest

from aispm.model import Asset, Kind, Origin, Status
from aispm.providers.code.rules.agents import RULES
from aispm.rules.engine import evaluate
from aispm.scan import ScanOptions, scan
from aispm.providers.code.agents.sources import CopilotStudioSource, FoundryAgentSource
from aispm.providers.code.mcp import McpSource

FIX = Path(__file__).parents[2] / "sources" / "agents" / "fixtures"
RULE = {r.id: r for r in RULES}


@pytest.fixture(scope="module")
def result():
    return scan([FIX], ScanOptions(sources=[McpSource(), FoundryAgentSource(), CopilotStudioSource()]))


@pytest.fixture(scope="module")
def findings(result):
    return evaluate(RULES, result.assets)


def status(findings, rule_id: str, uid_end: str) -> Status:
    got = [f.status for f in findings if f.rule_id == rule_id and f.asset_uid.endswith(uid_end)]
    assert len(got) == 1, (rule_id, uid_end, got)
    return got[0]


def asset(type_: str, **facts) -> Asset:
    a = Asset(uid=f"x:{type_}", provider="code", type=type_, name="x", origin=Origin("f", 1, "x"), kind=Kind.OTHER)
    a.facts.update(facts)
    return a


def test_rule_metadata():
    ids = [r.id for r in RULES]
    assert ids == [f"AISPM-AG-{i:03d}" for i in range(1, 14)]
    for r in RULES:
        assert r.provider == "code"
        assert set(r.resource_types) <= {"agent", "tool", "mcp-server"}
        assert r.risk and r.remediation
        m = r.metadata()
        assert m["id"] == r.id and m["severity"] in ("high", "medium")
    assert RULE["AISPM-AG-003"].references.defender == (
        "Foundry AI Agent with Indirect prompt Injection risk should require human in the loop control for MCP tool "
        "actions (Preview)")
    assert RULE["AISPM-AG-004"].references.defender == "Foundry Agent's MCP tool should be configured with allowed tools list (Preview)"
    assert RULE["AISPM-AG-006"].references.defender == "Azure AI Agent should be configured with operational instructions (Preview)"
    assert RULE["AISPM-AG-010"].references.defender_indicator and any(
        u.endswith("MT.1115") for u in RULE["AISPM-AG-010"].references.urls)
    assert RULE["AISPM-AG-011"].references.defender_indicator == "Coordinator Agent (agent risk indicator)"
    assert RULE["AISPM-AG-012"].references.defender_indicator == "Data Exfiltration Exposure (agent risk indicator)"


# --- end to end on the fixtures -------------------------------------------------------------

BOT = ":cr5f1_helpdesk"


def test_ag001_no_authentication(findings):
    assert status(findings, "AISPM-AG-001", BOT) is Status.FAIL
    # Foundry agents have no user-authentication setting: the rule does not apply to them
    assert not [f for f in findings if f.rule_id == "AISPM-AG-001" and "foundry-agent:" in f.asset_uid]


def test_ag002_maker_credentials(findings):
    assert status(findings, "AISPM-AG-002", BOT) is Status.FAIL


def test_ag003_mcp_without_approval(findings):
    assert status(findings, "AISPM-AG-003", ":support-triage") is Status.FAIL  # never
    assert status(findings, "AISPM-AG-003", ":travel-planner") is Status.FAIL  # never for one tool
    assert status(findings, "AISPM-AG-003", ":web-researcher") is Status.PASS  # always
    assert status(findings, "AISPM-AG-003", BOT) is Status.UNKNOWN  # the export does not say


def test_ag004_allowed_tools(findings):
    assert status(findings, "AISPM-AG-004", "support-triage/tools/github") is Status.FAIL
    assert status(findings, "AISPM-AG-004", "web-researcher/tools/deepwiki") is Status.PASS
    assert not [f for f in findings if f.rule_id == "AISPM-AG-004" and "copilot-studio:" in f.asset_uid]


def test_ag005_hardcoded_credentials(findings):
    assert status(findings, "AISPM-AG-005", BOT) is Status.FAIL
    assert status(findings, "AISPM-AG-005", ":travel-planner") is Status.FAIL
    assert status(findings, "AISPM-AG-005", ":openai-tools") is Status.FAIL
    assert status(findings, "AISPM-AG-005", ":brave-search") is Status.FAIL
    assert status(findings, "AISPM-AG-005", ".mcp.json:sentry") is Status.FAIL
    assert status(findings, "AISPM-AG-005", ":support-triage") is Status.PASS
    assert status(findings, "AISPM-AG-005", ".vscode/mcp.json:github") is Status.PASS


def test_ag006_weak_instructions(findings):
    assert status(findings, "AISPM-AG-006", ":web-researcher") is Status.FAIL  # "Research."
    assert status(findings, "AISPM-AG-006", BOT) is Status.FAIL  # "Help users with IT."
    assert status(findings, "AISPM-AG-006", ":support-triage") is Status.PASS


def test_ag007_broad_sharing(findings):
    assert status(findings, "AISPM-AG-007", BOT) is Status.FAIL


def test_ag008_unpinned_mcp_server(findings):
    assert status(findings, "AISPM-AG-008", ":playwright") is Status.FAIL
    assert status(findings, "AISPM-AG-008", ":fetch") is Status.FAIL
    assert status(findings, "AISPM-AG-008", ":openai-tools") is Status.FAIL
    assert status(findings, "AISPM-AG-008", ":filesystem") is Status.PASS
    assert status(findings, "AISPM-AG-008", ":pinned-image") is Status.PASS
    assert not [f for f in findings if f.rule_id == "AISPM-AG-008" and f.asset_uid.endswith(".vscode/mcp.json:github")]


def test_ag009_remote_without_auth(findings):
    assert status(findings, "AISPM-AG-009", ":docs-search") is Status.FAIL
    assert status(findings, "AISPM-AG-009", ":public-weather") is Status.FAIL
    assert status(findings, "AISPM-AG-009", "web-researcher/mcp/deepwiki") is Status.FAIL
    assert status(findings, "AISPM-AG-009", ".vscode/mcp.json:github") is Status.PASS
    assert not [f for f in findings if f.rule_id == "AISPM-AG-009" and f.asset_uid.endswith(":local-dev")]
    assert not [f for f in findings if f.rule_id == "AISPM-AG-009" and f.asset_uid.endswith(":filesystem")]


CLAIMS = "ClaimsSolution/bots/cr7b2_claimsdesk/bot.xml:cr7b2_claimsdesk"
PAYOUTS = "ClaimsSolution/bots/cr7b2_payouts/bot.xml:cr7b2_payouts"


def test_ag010_plaintext_or_odd_port(findings):
    # MCP client config
    assert status(findings, "AISPM-AG-010", ":intranet-wiki") is Status.FAIL  # http:// to a remote host
    assert status(findings, "AISPM-AG-010", ":metrics-gateway") is Status.FAIL  # https on 8443
    assert status(findings, "AISPM-AG-010", ":ticket-service") is Status.PASS
    assert status(findings, "AISPM-AG-010", ":inspector") is Status.PASS  # http to 127.0.0.1
    assert status(findings, "AISPM-AG-010", ":local-dev") is Status.PASS  # http to localhost
    # Foundry: OpenAPI tool server and MCP tool server_url
    assert status(findings, "AISPM-AG-010", "claims-triage/tools/notify-handler") is Status.FAIL
    assert status(findings, "AISPM-AG-010", "policy-search/tools/exchange-rates") is Status.PASS
    assert status(findings, "AISPM-AG-010", "policy-search/mcp/policy-archive") is Status.PASS
    # Copilot Studio: HTTP request node, custom connector host
    assert status(findings, "AISPM-AG-010", "cr7b2_payouts.topic.IssuePayout") is Status.FAIL
    assert status(findings, "AISPM-AG-010", "cr7b2_claimsdesk.action.GetClaim") is Status.FAIL
    assert status(findings, "AISPM-AG-010", "cr7b2_claimsdesk.topic.ClaimStatus") is Status.PASS
    assert status(findings, "AISPM-AG-010", "cr5f1_helpdesk.topic.ResetPassword") is Status.PASS
    # stdio servers, a standard connector and an MCP tool (judged on its server) call no URL of their own
    assert not [f for f in findings if f.rule_id == "AISPM-AG-010" and f.asset_uid.endswith((":git", ":filesystem"))]
    assert not [f for f in findings if f.rule_id == "AISPM-AG-010" and f.asset_uid.endswith("action.SendEmail")]
    assert not [f for f in findings if f.rule_id == "AISPM-AG-010" and f.asset_uid.endswith("/tools/policy-archive")]


def test_ag010_url_references_are_unknown(findings):
    assert status(findings, "AISPM-AG-010", ":team-server") is Status.UNKNOWN  # "${input:team-mcp-url}"
    assert status(findings, "AISPM-AG-010", ":analytics") is Status.UNKNOWN  # "https://${env:ANALYTICS_HOST}/sse"
    assert status(findings, "AISPM-AG-010", "claims-intake/mcp/intake") is Status.UNKNOWN  # "${CLAIMS_INTAKE_MCP_URL}"
    assert status(findings, "AISPM-AG-010", "web-researcher/tools/weather") is Status.UNKNOWN  # spec names no server


def test_ag011_coordinator_delegating_to_weak_agent(findings):
    # Claims Desk signs users in, but hands payouts to an agent with no authentication and maker credentials
    assert status(findings, "AISPM-AG-011", CLAIMS) is Status.FAIL
    # not a coordinator: nothing to judge
    assert not [f for f in findings if f.rule_id == "AISPM-AG-011" and f.asset_uid.endswith((PAYOUTS, BOT))]
    # Foundry connected agents have no authentication or maker-credential setting: inventory only
    assert not [f for f in findings if f.rule_id == "AISPM-AG-011" and "foundry-agent:" in f.asset_uid]


def test_ag012_exfiltration(findings):
    assert status(findings, "AISPM-AG-012", CLAIMS) is Status.FAIL  # SharePoint + e-mail to an AI-chosen recipient
    assert status(findings, "AISPM-AG-012", ":claims-triage") is Status.FAIL  # file search + POST to an API
    assert status(findings, "AISPM-AG-012", ":support-triage") is Status.FAIL  # file search + MCP, never approved
    assert status(findings, "AISPM-AG-012", PAYOUTS) is Status.PASS  # reads; its HTTP request has a fixed host
    assert status(findings, "AISPM-AG-012", ":policy-search") is Status.PASS  # reads; MCP always approved
    assert status(findings, "AISPM-AG-012", ":web-researcher") is Status.PASS  # reads nothing of the org's
    assert status(findings, "AISPM-AG-012", ":claims-intake") is Status.UNKNOWN  # MCP server URL from the environment


# --- pass / fail on facts ---------------------------------------------------------------------

CASES = [
    ("AISPM-AG-001", asset("agent", user_authentication=True), asset("agent", user_authentication=False)),
    ("AISPM-AG-002", asset("agent", maker_credentials=False), asset("agent", maker_credentials=True)),
    ("AISPM-AG-003", asset("agent", mcp_tools=2, untrusted_input=True, tools_require_approval=True),
     asset("agent", mcp_tools=1, untrusted_input=True, tools_require_approval=False)),
    ("AISPM-AG-004", asset("tool", tool_type="mcp", allowed_tools_configured=True),
     asset("tool", tool_type="mcp", allowed_tools_configured=False)),
    ("AISPM-AG-005", asset("mcp-server", hardcoded_secret=False), asset("agent", hardcoded_secret=True)),
    ("AISPM-AG-006", asset("agent", instructions_length=30), asset("agent", instructions_length=29)),
    ("AISPM-AG-007", asset("agent", broad_sharing=False), asset("agent", broad_sharing=True, cross_tenant=True)),
    ("AISPM-AG-008", asset("mcp-server", package_launcher=True, pinned=True),
     asset("mcp-server", package_launcher=True, pinned=False)),
    ("AISPM-AG-009", asset("mcp-server", transport="http", remote=True, user_authentication=True),
     asset("mcp-server", transport="sse", remote=True, user_authentication=False)),
    ("AISPM-AG-010", asset("tool", plaintext_transport=False, non_standard_port=False),
     asset("mcp-server", plaintext_transport=True, non_standard_port=False)),
    ("AISPM-AG-011", asset("agent", connected_agents=1, delegates_to_weak_agent=False),
     asset("agent", connected_agents=2, delegates_to_weak_agent=True)),
    ("AISPM-AG-012", asset("agent", can_exfiltrate=False), asset("agent", can_exfiltrate=True)),
]


@pytest.mark.parametrize("rule_id,good,bad", CASES, ids=[c[0] for c in CASES])
def test_pass_and_fail(rule_id, good, bad):
    rule = RULE[rule_id]
    assert rule.judge(good) is Status.PASS
    assert rule.judge(bad) is Status.FAIL


@pytest.mark.parametrize("rule_id,facts", [
    ("AISPM-AG-001", {}),  # no authentication setting: not a Copilot Studio agent
    ("AISPM-AG-003", {"mcp_tools": 0}),
    ("AISPM-AG-004", {"tool_type": "file_search"}),
    ("AISPM-AG-008", {"package_launcher": False, "pinned": None}),
    ("AISPM-AG-009", {"transport": "http", "remote": False, "user_authentication": False}),
    ("AISPM-AG-010", {"transport": "stdio"}),  # no URL
    ("AISPM-AG-011", {"connected_agents": 1, "coordinator": True}),  # a Foundry coordinator: inventory only
    ("AISPM-AG-011", {"connected_agents": 0, "coordinator": False}),
    ("AISPM-AG-012", {"instructions_length": 80}),
])
def test_not_applicable(rule_id, facts):
    rule = RULE[rule_id]
    a = asset(rule.resource_types[0], **facts)
    assert rule.judge(a) is None


def test_unknown_is_never_a_pass_or_fail():
    assert RULE["AISPM-AG-001"].judge(asset("agent", user_authentication=None)) is Status.UNKNOWN
    assert RULE["AISPM-AG-008"].judge(asset("mcp-server", package_launcher=True, pinned=None)) is Status.UNKNOWN
    # the scheme is known (https) but the host and port are a reference
    assert RULE["AISPM-AG-010"].judge(asset("mcp-server", plaintext_transport=False, non_standard_port=None)) \
        is Status.UNKNOWN
    assert RULE["AISPM-AG-010"].judge(asset("tool", plaintext_transport=None, non_standard_port=None)) is Status.UNKNOWN
    # … but a known-bad half fails whatever the other half is
    assert RULE["AISPM-AG-010"].judge(asset("tool", plaintext_transport=None, non_standard_port=True)) is Status.FAIL
    assert RULE["AISPM-AG-011"].judge(asset("agent", delegates_to_weak_agent=None)) is Status.UNKNOWN
    assert RULE["AISPM-AG-012"].judge(asset("agent", can_exfiltrate=None)) is Status.UNKNOWN


ORCHESTRATOR = """name: claims-router
model: gpt-4o
instructions: Route each claim question to the agent that owns it; never answer coverage questions yourself.
tools:
  - type: connected_agent
    connected_agent:
      id: asst_fraud
      name: fraud-check
  - type: connected_agent
    connected_agent:
      id: asst_payments
      name: payments
      description: Answers payment status questions; give it the claim number and the payee.
"""


def test_ag013_connected_agent_without_invocation_instructions(findings, tmp_path):
    assert RULE["AISPM-AG-013"].references.defender == (
        "Connected AI agents should be configured with instructions on how to invoke them (Preview)")
    # the fixtures' connected agents are described: they pass
    assert status(findings, "AISPM-AG-013", "support-triage/tools/billing") is Status.PASS
    (tmp_path / "router.agent.yaml").write_text(ORCHESTRATOR)
    result = scan([tmp_path], ScanOptions(sources=[FoundryAgentSource()]))
    got = {f.asset_uid.rsplit("/", 1)[-1]: f.status for f in evaluate(RULES, result.assets)
           if f.rule_id == "AISPM-AG-013"}
    assert got == {"fraud-check": Status.FAIL, "payments": Status.PASS}, got
    # only connected-agent tools are judged
    assert not [f for f in evaluate(RULES, result.assets) if f.rule_id == "AISPM-AG-013" and "fraud" not in
                f.asset_uid and "payments" not in f.asset_uid]
