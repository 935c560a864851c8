"""Foundry agent definitions (YAML / JSON / azd agent.yaml): agents, tools, MCP servers, facts, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aispm.providers.code.agents.foundry import FoundryAgentSource
from aispm.source import SourceContext

FIX = Path(__file__).parent / "fixtures" / "foundry"


def load(root: Path = FIX):
    src = FoundryAgentSource()
    files = sorted(p for p in root.rglob("*") if p.is_file() and src.claims(p))
    return src.load(files, SourceContext(root=root))


@pytest.fixture(scope="module")
def result():
    return load()


def agents(r):
    return {a.name: a for a in r.assets if a.type == "agent"}


def test_claims():
    src = FoundryAgentSource()
    assert src.claims(Path("/r/agent.yaml"))
    assert src.claims(Path("/r/src/triage.agent.json"))
    assert src.claims(Path("/r/agents/x.yml"))
    assert not src.claims(Path("/r/config.yaml"))
    assert not src.claims(Path("/r/agents/readme.md"))


def test_agents_found_and_non_agents_skipped(result):
    a = agents(result)
    assert set(a) == {"support-triage", "web-researcher", "travel-planner"}
    st = a["support-triage"]
    assert st.uid == "foundry-agent:agents/support.agent.yaml:support-triage"
    assert st.origin.line == 2 and st.provider == "code" and str(st.kind) == "agent"


def test_agent_facts(result):
    a = agents(result)
    st, wr, tp = a["support-triage"], a["web-researcher"], a["travel-planner"]
    assert st.facts["model"] == "gpt-4o" and wr.facts["model"] == "gpt-4.1-mini" and tp.facts["model"] == "gpt-4o-mini"
    assert st.facts["instructions_length"] > 30 and wr.facts["instructions_length"] == 9
    assert st.facts["tools_require_approval"] is False  # require_approval: never
    assert wr.facts["tools_require_approval"] is True  # always
    assert tp.facts["tools_require_approval"] is False  # never for search_flights
    assert st.facts["guardrail"] == "contoso-strict-filter" and wr.facts["guardrail"] is False
    assert st.facts["connected_agents"] == 1 and wr.facts["connected_agents"] == 0
    assert st.facts["untrusted_input"] is True and st.facts["mcp_tools"] == 1
    assert tp.properties["kind"] == "prompt"


def test_tools_and_relations(result):
    tools = {a.uid: a for a in result.assets if a.type == "tool"}
    st = agents(result)["support-triage"]
    mine = [t for t in tools.values() if t.parent == st.uid]
    assert sorted(t.facts["tool_type"] for t in mine) == ["bing_grounding", "connected_agent", "file_search", "mcp"]
    runs = {(r.source, r.target) for r in result.relations if r.verb == "runs"}
    assert all((st.uid, t.uid) for t in mine if (st.uid, t.uid) in runs)
    assert len([1 for s, _ in runs if s == st.uid]) == 5  # 4 tools + the MCP server
    gh = tools[f"{st.uid}/tools/github"]
    assert gh.facts["allowed_tools_configured"] is False and gh.facts["tool_requires_approval"] is False
    deepwiki = next(t for t in tools.values() if t.name == "deepwiki")
    assert deepwiki.facts["allowed_tools_configured"] is True


def test_mcp_tools_are_mcp_servers(result):
    srv = {a.name: a for a in result.assets if a.type == "mcp-server"}
    assert set(srv) == {"github", "deepwiki", "bookings"}
    assert srv["github"].properties["url"] == "https://api.githubcopilot.com/mcp/"
    assert srv["github"].facts["user_authentication"] is True  # Authorization: Bearer ${GITHUB_TOKEN}
    assert srv["deepwiki"].facts["user_authentication"] is False
    assert srv["bookings"].facts["remote"] is True
    calls = {(r.source, r.target) for r in result.relations if r.verb == "calls"}
    assert len(calls) == 3


def test_hardcoded_header_key_is_a_redacted_secret(result):
    tp = agents(result)["travel-planner"]
    assert tp.facts["hardcoded_secret"] is True
    assert agents(result)["support-triage"].facts["hardcoded_secret"] is False
    secrets = [a for a in result.assets if a.type == "secret"]
    assert len(secrets) == 1 and secrets[0].origin.line == 20
    blob = json.dumps([a.properties for a in result.assets], default=str)
    blob += json.dumps([{k: v.value for k, v in a.evidence.items()} for a in result.assets], default=str)
    assert "q8Zr2Lx9Vw4Nk7Tp3Hs6Jd1Fg5Bm" not in blob
    assert secrets[0].properties["redacted"] == "q8Zr…Bm"


def test_invalid_yaml_error_and_rest_continues(result):
    errs = [e for e in result.errors]
    assert len(errs) == 1 and errs[0].file == "agents/broken.yaml" and errs[0].line == 6
    assert len(agents(result)) == 3


def test_v2_definition_shape_and_secret_in_instructions(tmp_path):
    (tmp_path / "agents").mkdir()
    (tmp_path / "agents" / "v2.json").write_text(json.dumps({
        "name": "hr-bot",
        "definition": {"kind": "prompt", "model": "gpt-4o",
                       "instructions": "Answer HR questions. Internal API key: sk-proj-Zx8Yw7Vu6Ts5Rq4Po3Nm2Lk1Jh0GfEdCbA9",
                       "tools": [{"type": "mcp", "server_label": "hr", "server_url": "https://hr.contoso.example/mcp",
                                  "allowed_tools": ["lookup"]}]}}, indent=2))
    r = load(tmp_path)
    a = agents(r)["hr-bot"]
    assert a.facts["hardcoded_secret"] is True
    assert a.facts["tools_require_approval"] is True  # default: always
    assert "sk-proj-Zx8Yw7Vu6Ts5Rq4Po3Nm2Lk1Jh0GfEdCbA9" not in a.properties["instructions"]
    assert "sk-p…A9" in a.properties["instructions"]


def test_invalid_json(tmp_path):
    (tmp_path / "agent.json").write_text('{\n  "name": "x",\n  "model": gpt\n}')
    r = load(tmp_path)
    assert r.errors[0].line == 3 and "invalid JSON" in r.errors[0].message


def test_credential_in_mcp_server_url_is_redacted(tmp_path):
    key = "q8Zr2Lx9Vw4Nk7Tp3Hs6Jd1Fg5Bm"
    (tmp_path / "agent.yaml").write_text(
        "name: a\nmodel: gpt-4o\ninstructions: Answer questions about the Contoso product catalogue.\n"
        f"tools:\n  - type: mcp\n    server_label: cat\n    server_url: https://cat.contoso.example/mcp?api_key={key}\n"
        "    allowed_tools: [search]\n")
    r = load(tmp_path)
    a = agents(r)["a"]
    assert a.facts["hardcoded_secret"] is True
    tool = next(x for x in r.assets if x.type == "tool")
    srv = next(x for x in r.assets if x.type == "mcp-server")
    assert tool.facts["hardcoded_secret"] is True and srv.facts["hardcoded_secret"] is True
    assert srv.facts["user_authentication"] is True
    blob = json.dumps([x.properties for x in r.assets], default=str)
    assert key not in blob and "q8Zr…Bm" in tool.properties["server_url"]
    assert len([x for x in r.assets if x.type == "secret"]) == 1


def test_a_cloudformation_template_named_agent_yaml_is_not_a_foundry_agent(tmp_path):
    """Bedrock agents are often declared in `agent.yaml` CloudFormation templates: the CloudFormation
    source reads them; the Foundry reader leaves them alone (no error for `!Sub`, no Foundry agent)."""
    from aispm.scan import ScanOptions, scan

    (tmp_path / "agent.yaml").write_text(
        "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Agent:\n    Type: AWS::Bedrock::Agent\n"
        "    Properties:\n      AgentName: !Sub '${AWS::StackName}-agent'\n"
        "      FoundationModel: anthropic.claude-3-haiku-20240307-v1:0\n      Instruction: You answer HR questions.\n")
    result = scan([tmp_path], ScanOptions(attack_paths=False, vulnerabilities=False))
    assert result.errors == []
    assert [a.type for a in result.assets if a.origin.file == "agent.yaml" and a.type != "model"] == \
        ["AWS::Bedrock::Agent"]
