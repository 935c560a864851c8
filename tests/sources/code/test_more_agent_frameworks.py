"""Agent frameworks of issue 12 item 12, in Python: the Foundry Agent Service v2 API (`create_version(definition=
PromptAgentDefinition(...))`), clients received as typed parameters, LlamaIndex agents, LangChain Deep Agents,
`define_mcp_servers()`-style helpers, pydantic-ai, smolagents, Google ADK, Strands Agents, the Bedrock AgentCore
SDK and Microsoft Agent Framework: each agent with its family, name, model, instructions and tools, and the MCP
servers it runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from aispm.model import Unknown
from aispm.providers.code.python import PythonCodeSource
from aispm.source import SourceContext

FIX = Path(__file__).parent / "fixtures" / "frameworks_py"


@pytest.fixture(scope="module")
def r():  # type: ignore[no-untyped-def]
    files = sorted(FIX.glob("*.py"))
    return PythonCodeSource().load(files, SourceContext(root=FIX))


def agents(r, file: str) -> dict:  # type: ignore[no-untyped-def]
    return {a.name if isinstance(a.name, str) else f"line {a.origin.line}": a
            for a in r.assets if a.type == "agent" and a.origin.file == file}


def servers_run_by(r, agent) -> dict:  # type: ignore[no-untyped-def]
    ids = {a.uid: a for a in r.assets}
    return {ids[x.target].name: ids[x.target] for x in r.relations
            if x.source == agent.uid and x.verb == "runs" and ids[x.target].type == "mcp-server"}


def test_no_errors(r) -> None:  # type: ignore[no-untyped-def]
    assert r.errors == []


def test_foundry_v2_create_version_on_a_typed_parameter(r) -> None:  # type: ignore[no-untyped-def]
    a = agents(r, "foundry_v2.py")
    assert set(a) == {"invoice-agent", "faq"}
    inv = a["invoice-agent"]
    assert inv.properties["family"] == "azure-ai-projects" and inv.properties["model"] == "gpt-4.1"
    assert inv.facts == {"instructions_length": len("You help with invoices."), "tool_count": 1}
    (client,) = [x for x in r.assets if x.type == "ai-client" and x.origin.file == "foundry_v2.py"]
    assert client.properties["received_as"] == "parameter project_client"
    assert client.properties["service"] == "azure-ai-foundry"
    assert inv.properties["client"] == client.uid


def test_pydantic_ai(r) -> None:  # type: ignore[no-untyped-def]
    support = agents(r, "pyd.py")["support"]
    assert support.properties["family"] == "pydantic-ai" and support.properties["model"] == "gpt-4o"
    srv = servers_run_by(r, support)
    assert set(srv) == {"@modelcontextprotocol/server-filesystem", "mcp.contoso.example"}
    assert srv["@modelcontextprotocol/server-filesystem"].properties["command"] == "npx"
    assert srv["mcp.contoso.example"].facts["transport"] == "http"
    assert support.facts["tool_count"] == 1  # `@support.tool_plain def lookup(...)`, added after it was built
    ids = {a.uid: a for a in r.assets}
    assert {ids[x.target].name for x in r.relations if x.source == support.uid and x.verb == "runs"
            and ids[x.target].type == "tool"} == {"lookup"}


def test_smolagents(r) -> None:  # type: ignore[no-untyped-def]
    ag = agents(r, "smol.py")["researcher"]
    assert ag.properties["family"] == "smolagents"
    assert ag.properties["model"] == "Qwen/Qwen2.5-Coder-32B-Instruct"
    assert set(servers_run_by(r, ag)) == {"mcp-server-fetch"}


def test_google_adk(r) -> None:  # type: ignore[no-untyped-def]
    a = agents(r, "adk.py")
    assert a["weather"].properties == {"family": "google-adk", "name": "weather", "model": "gemini-2.0-flash"}
    assert a["weather"].facts["tool_count"] == 1
    assert set(servers_run_by(r, a["root"])) == {"@modelcontextprotocol/server-github", "tools.contoso.example"}
    calls = {(x.source, x.target) for x in r.relations if x.verb == "calls"}
    assert (a["root"].uid, a["weather"].uid) in calls  # sub_agents


def test_strands_and_agentcore(r) -> None:  # type: ignore[no-untyped-def]
    a = agents(r, "strands_app.py")
    planner = a["planner"]
    assert planner.properties["model"] == "us.anthropic.claude-3-7-sonnet-20250219-v1:0"
    models = {m.name: m for m in r.assets if m.type == "model" and m.origin.file == "strands_app.py"}
    assert models[planner.properties["model"]].properties["service"] == "bedrock-runtime"  # a bare Bedrock id
    assert set(servers_run_by(r, planner)) == {"awslabs.aws-documentation-mcp-server"}
    (writer,) = [x for x in a.values() if x is not planner]
    assert writer.properties["model"] == "amazon.nova-pro-v1:0"
    clients = {c.name: c for c in r.assets if c.type == "ai-client" and c.origin.file == "strands_app.py"}
    assert clients["BedrockAgentCoreApp"].properties["service"] == "bedrock-agentcore"


def test_microsoft_agent_framework(r) -> None:  # type: ignore[no-untyped-def]
    a = agents(r, "maf.py")
    assert a["writer"].properties["family"] == "agent-framework"
    assert a["writer"].properties["model"] == "gpt-4o-mini"  # the chat client's deployment
    assert set(servers_run_by(r, a["writer"])) == {"learn"}
    assert a["joker"].properties["model"] == "gpt-4o-mini"  # `client.create_agent(...)`
    assert servers_run_by(r, a["joker"])["git"].properties["command"] == "uvx"


def test_llamaindex(r) -> None:  # type: ignore[no-untyped-def]
    a = agents(r, "llx.py")
    assert a["calc"].properties["model"] == "gpt-4.1" and a["calc"].facts["tool_count"] == 1
    assert a["react"].properties["model"] == "o3-mini"
    legacy = next(x for x in a.values() if isinstance(x.name, Unknown))  # `OpenAIAgent.from_tools([...], llm=)`
    assert legacy.properties["model"] == "gpt-4.1" and legacy.facts["tool_count"] == 1
    assert any(s.properties.get("url") == "https://mcp.contoso.example/sse"
               for s in r.assets if s.type == "mcp-server" and s.origin.file == "llx.py")


def test_deep_agents(r) -> None:  # type: ignore[no-untyped-def]
    (ag,) = agents(r, "deep.py").values()
    assert ag.properties["family"] == "deepagents" and ag.properties["model"] == "claude-sonnet-4-20250514"
    assert ag.facts == {"instructions_length": len("You are an expert researcher."), "tool_count": 1}


def test_mcp_servers_returned_by_a_local_helper(r) -> None:  # type: ignore[no-untyped-def]
    ops = agents(r, "defmcp.py")["ops"]
    srv = servers_run_by(r, ops)
    assert set(srv) == {"files", "crm"}
    assert srv["files"].facts["pinned"] is True


# --------------------------------------------------------------------------- TypeScript

@pytest.fixture(scope="module")
def ts():  # type: ignore[no-untyped-def]
    from aispm.providers.code.javascript import JsCodeSource

    root = Path(__file__).parent / "fixtures" / "frameworks_ts"
    return JsCodeSource().load(sorted(root.glob("*.ts")), SourceContext(root=root))


def test_ts_google_adk(ts) -> None:  # type: ignore[no-untyped-def]
    assert ts.errors == []
    a = agents(ts, "adk.ts")
    assert a["root"].properties["family"] == "google-adk" and a["root"].properties["model"] == "gemini-2.5-pro"
    srv = servers_run_by(ts, a["root"])
    assert set(srv) == {"@modelcontextprotocol/server-github", "tools.contoso.example"}
    assert srv["@modelcontextprotocol/server-github"].facts["transport"] == "stdio"
    assert (a["root"].uid, a["weather"].uid) in {(x.source, x.target) for x in ts.relations if x.verb == "calls"}


def test_ts_strands(ts) -> None:  # type: ignore[no-untyped-def]
    (ag,) = agents(ts, "strands.ts").values()
    assert ag.properties["family"] == "strands"
    assert ag.properties["model"] == "us.anthropic.claude-3-7-sonnet-20250219-v1:0"
    assert ag.facts["instructions_length"] == len("Plan the work.")
    assert set(servers_run_by(ts, ag)) == {"awslabs.aws-documentation-mcp-server"}
    models = {m.name: m for m in ts.assets if m.type == "model"}
    assert models[ag.properties["model"]].properties["service"] == "bedrock-runtime"


def test_ts_deep_agents(ts) -> None:  # type: ignore[no-untyped-def]
    (ag,) = agents(ts, "deep.ts").values()
    assert ag.properties["family"] == "deepagents" and ag.properties["model"] == "gpt-4.1"
    assert ag.facts == {"instructions_length": len("You are an expert researcher."), "tool_count": 1}
    tools = {t.name for t in ts.assets if t.type == "tool" and t.origin.file == "deep.ts"}
    assert tools == {"internet_search"}


def test_claude_agent_sdk_named_servers(r) -> None:  # type: ignore[no-untyped-def]
    (ag,) = agents(r, "claude_sdk.py").values()
    assert ag.properties["family"] == "claude-agent-sdk" and ag.properties["model"] == "claude-sonnet-4-5"
    srv = servers_run_by(r, ag)
    assert set(srv) == {"calculator", "github"}  # `mcp_servers={"calc": calculator, "github": {...}}`
    assert srv["github"].facts["transport"] == "stdio" and srv["github"].facts["pinned"] is False
    assert srv["calculator"].facts["remote"] is False and srv["calculator"].properties["tools"] == ["add"]
