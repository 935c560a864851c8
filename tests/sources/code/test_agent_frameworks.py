"""Agent frameworks and MCP clients in code: OpenAI Agents SDK, AutoGen, CrewAI, LangGraph / LangChain and
Semantic Kernel in Python; OpenAI Agents SDK JS, Mastra, LlamaIndex.TS and LangGraph JS in TypeScript.

Each agent is asserted with its family, name, model, `instructions_length` and tools; each MCP server declared
in code with the transport / command / url properties and the facts an MCP config file gives; and the
relations (`runs`, `calls`, `uses_model`). The end-to-end test runs the agent rules (AISPM-AG-008/009) on them.
"""

from __future__ import annotations

import random
import string
from pathlib import Path

import pytest

from aispm.model import Status, Unknown
from aispm.scan import ScanOptions, scan
from aispm.source import SourceContext
from aispm.providers.code.javascript import JsCodeSource
from aispm.providers.code.python import PythonCodeSource, mentions_ai

FIX = Path(__file__).parent / "fixtures"


def load(src, root: Path):  # type: ignore[no-untyped-def]
    files = sorted(p for p in root.rglob("*") if p.is_file() and src.claims(p))
    return src.load(files, SourceContext(root=root))


def by_addr(result, rel: str) -> dict:  # type: ignore[no-untyped-def]
    return {a.origin.address: a for a in result.assets if a.origin.file == rel}


def rels(result) -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    """Relations with the format prefix dropped from uids: `app/x.py:line 3:agent triage`."""
    def short(uid: str) -> str:
        return uid.split(":", 1)[1] if uid.startswith(("python-code:", "js-code:")) else uid
    return {(short(r.source), r.verb, short(r.target)) for r in result.relations}


@pytest.fixture(scope="module")
def py():  # type: ignore[no-untyped-def]
    return load(PythonCodeSource(), FIX / "agents_py")


@pytest.fixture(scope="module")
def js():  # type: ignore[no-untyped-def]
    return load(JsCodeSource(), FIX / "agents_js")


def of_type(assets: dict, type_: str) -> dict:  # type: ignore[type-arg]
    return {k: v for k, v in assets.items() if v.type == type_}


def tools_of(result, file: str, agent_addr: str) -> set[str]:  # type: ignore[no-untyped-def]
    """Names of the tools an agent `runs`."""
    agent_uid = by_addr(result, file)[agent_addr].uid
    targets = {r.target for r in result.relations if r.source == agent_uid and r.verb == "runs"}
    return {a.name for a in result.assets if a.uid in targets and a.type == "tool"}


def servers_of(result, file: str, agent_addr: str) -> set[str]:  # type: ignore[no-untyped-def]
    """uids (without the format) of the MCP servers an agent `runs`."""
    agent_uid = by_addr(result, file)[agent_addr].uid
    targets = {r.target for r in result.relations if r.source == agent_uid and r.verb == "runs"}
    return {a.uid.split(":", 1)[1] for a in result.assets if a.uid in targets and a.type == "mcp-server"}


# --------------------------------------------------------------------------- Python: OpenAI Agents SDK

def test_openai_agents_sdk(py) -> None:  # type: ignore[no-untyped-def]
    f = "app/openai_agents_app.py"
    a = by_addr(py, f)
    assert set(of_type(a, "agent")) == {"line 22:agent billing", "line 39:agent triage", "line 52:agent docs"}
    triage = a["line 39:agent triage"]
    assert triage.name == "triage"
    assert triage.properties == {"family": "openai-agents", "name": "triage", "model": "gpt-4.1"}
    assert triage.facts == {"instructions_length": 86, "tool_count": 4}
    assert tools_of(py, f, "line 39:agent triage") == {"get_weather", "WebSearchTool", "FileSearchTool", "ask_billing"}
    assert a["line 39:agent triage/tool FileSearchTool"].properties["vector_store_ids"] == ["vs_travel_docs"]
    # @function_tool(name_override=...) names the tool
    assert tools_of(py, f, "line 22:agent billing") == {"lookup_booking"}
    assert servers_of(py, f, "line 39:agent triage") == {f"{f}:line 31:mcp-server filesystem",
                                                         f"{f}:line 34:mcp-server bookings"}
    fs = a["line 31:mcp-server filesystem"]
    assert fs.type == "mcp-server" and fs.name == "filesystem"
    assert fs.properties["transport"] == "stdio" and fs.properties["command"] == "npx"
    assert fs.properties["args"] == ["-y", "@modelcontextprotocol/server-filesystem", "./itineraries"]
    assert fs.properties["package"] == "@modelcontextprotocol/server-filesystem"
    assert fs.properties["class"] == "agents.mcp.MCPServerStdio"
    assert fs.facts["pinned"] is False and fs.facts["package_launcher"] is True and fs.facts["remote"] is False
    bookings = a["line 34:mcp-server bookings"]
    assert bookings.properties["url"] == "https://mcp.contoso-travel.com/mcp"
    assert bookings.properties["header_names"] == ["Authorization"]
    assert bookings.facts["transport"] == "http" and bookings.facts["remote"] is True
    assert bookings.facts["user_authentication"] is True and bookings.facts["hardcoded_secret"] is False
    r = rels(py)
    ag = f"{f}:line 39:agent triage"
    assert (ag, "uses_model", f"{f}:line 39:model gpt-4.1") in r
    assert (ag, "runs", f"{ag}/tool get_weather") in r
    assert (ag, "calls", f"{f}:line 22:agent billing") in r  # handoff
    assert (f"{ag}/tool ask_billing", "calls", f"{f}:line 22:agent billing") in r  # agent.as_tool()
    # a hosted MCP tool: a tool of type mcp that calls its server, and the server the agent runs
    docs = f"{f}:line 52:agent docs"
    assert a["line 52:agent docs"].properties["model"].__class__ is Unknown  # the SDK default: not guessed
    assert (docs, "runs", f"{docs}/tool gitmcp") in r
    assert (f"{docs}/tool gitmcp", "calls", f"{f}:line 55:mcp-server gitmcp") in r
    assert (docs, "runs", f"{f}:line 55:mcp-server gitmcp") in r
    gitmcp = a["line 55:mcp-server gitmcp"]
    assert gitmcp.properties["require_approval"] == "never" and gitmcp.facts["user_authentication"] is False


def test_openai_agents_sdk_on_azure(py) -> None:  # type: ignore[no-untyped-def]
    f = "app/azure_agents_sdk.py"
    a = by_addr(py, f)
    agent = a["line 23:agent repo-helper"]
    client = a["line 10:AsyncAzureOpenAI"]
    assert agent.properties == {"family": "openai-agents", "name": "repo-helper", "model": "gpt-4o-release",
                                "client": client.uid}
    assert agent.facts == {"instructions_length": 62, "tool_count": 0}
    assert client.properties["azure_account_name"] == "contoso-openai" and client.properties["auth"] == "entra"
    github = a["line 18:mcp-server github"]  # through AsyncExitStack.enter_async_context
    assert github.facts["pinned"] is True and github.properties["env_names"] == ["GITHUB_PERSONAL_ACCESS_TOKEN"]
    r = rels(py)
    ag = f"{f}:line 23:agent repo-helper"
    assert (ag, "calls", f"{f}:line 10:AsyncAzureOpenAI") in r
    assert (ag, "uses_model", f"{f}:line 26:model gpt-4o-release") in r
    assert (f"{f}:line 10:AsyncAzureOpenAI", "uses_model", f"{f}:line 26:model gpt-4o-release") in r
    assert (ag, "runs", f"{f}:line 18:mcp-server github") in r


# --------------------------------------------------------------------------- Python: AutoGen

def test_autogen(py) -> None:  # type: ignore[no-untyped-def]
    f = "app/autogen_app.py"
    a = by_addr(py, f)
    az = a["line 11:AzureOpenAIChatCompletionClient"]
    assert az.type == "ai-client"
    assert {k: az.properties[k] for k in ("family", "service", "azure_account_name", "auth", "model", "deployment",
                                          "endpoint")} == {
        "family": "autogen", "service": "azure-openai", "azure_account_name": "contoso-research", "auth": "entra",
        "model": "gpt-4o", "deployment": "gpt-4o-research", "endpoint": "https://contoso-research.openai.azure.com/"}
    oa = a["line 18:OpenAIChatCompletionClient"].properties
    assert oa["service"] == "openai" and oa["api_key_env"] == "OPENAI_API_KEY" and oa["model"] == "gpt-4o-mini"
    researcher = a["line 30:agent researcher"]  # the name is the first positional argument
    assert researcher.properties == {"family": "autogen", "name": "researcher", "model": "gpt-4o", "client": az.uid}
    assert researcher.facts == {"instructions_length": 61, "tool_count": 0}
    writer = a["line 37:agent writer"]
    assert writer.properties["model"] == "gpt-4o-mini" and writer.facts["tool_count"] == 1
    assert tools_of(py, f, "line 37:agent writer") == {"word_count"}
    fetch = a["line 20:mcp-server mcp-server-fetch"]
    assert fetch.properties["command"] == "uvx" and fetch.properties["launcher"] == "uvx"
    assert fetch.facts["pinned"] is True
    local = a["line 21:mcp-server localhost"]
    assert local.properties["url"] == "http://localhost:8931/mcp" and local.facts["remote"] is False
    assert servers_of(py, f, "line 30:agent researcher") == {f"{f}:line 20:mcp-server mcp-server-fetch"}  # workbench
    assert servers_of(py, f, "line 37:agent writer") == {f"{f}:line 21:mcp-server localhost"}  # mcp_server_tools
    r = rels(py)
    assert (f"{f}:line 30:agent researcher", "calls", f"{f}:line 11:AzureOpenAIChatCompletionClient") in r
    assert (f"{f}:line 30:agent researcher", "uses_model", f"{f}:line 11:model gpt-4o") in r
    assert (f"{f}:line 11:AzureOpenAIChatCompletionClient", "calls", "contoso-research") in r


# --------------------------------------------------------------------------- Python: CrewAI

def test_crewai(py) -> None:  # type: ignore[no-untyped-def]
    f = "app/crew_app.py"
    a = by_addr(py, f)
    llm = a["line 7:LLM"]
    assert llm.properties["family"] == "crewai" and llm.properties["service"] == "azure-openai"
    assert llm.properties["model"] == "gpt-4o" and llm.properties["azure_account_name"] == "contoso-crew"
    researcher = a["line 20:agent Senior Researcher"]  # name = role
    assert researcher.properties == {"family": "crewai", "name": "Senior Researcher", "model": "gpt-4o",
                                     "client": llm.uid}
    goal, backstory = "Find the facts about {topic}.", "A meticulous analyst who checks every claim."
    assert researcher.facts == {"instructions_length": len(goal) + len(backstory), "tool_count": 2}
    assert tools_of(py, f, "line 20:agent Senior Researcher") == {"SerperDevTool", "Cite sources"}
    assert servers_of(py, f, "line 20:agent Senior Researcher") == {
        f"{f}:line 16:mcp-server @playwright/mcp", f"{f}:line 17:mcp-server mcp.deepwiki.com"}
    pw = a["line 16:mcp-server @playwright/mcp"]
    assert pw.properties["package"] == "@playwright/mcp@latest" and pw.facts["pinned"] is False
    wiki = a["line 17:mcp-server mcp.deepwiki.com"]
    assert wiki.facts["transport"] == "http" and wiki.facts["remote"] is True
    assert wiki.facts["user_authentication"] is False
    assert wiki.properties["class"] == "crewai_tools.MCPServerAdapter"
    writer = a["line 27:agent Writer"]
    assert writer.properties == {"family": "crewai", "name": "Writer", "model": "gpt-4o-mini"}
    assert writer.facts == {"instructions_length": 55, "tool_count": 0}
    r = rels(py)
    assert (f"{f}:line 20:agent Senior Researcher", "calls", f"{f}:line 7:LLM") in r
    assert (f"{f}:line 27:agent Writer", "uses_model", f"{f}:line 27:model gpt-4o-mini") in r


# --------------------------------------------------------------------------- Python: LangGraph / LangChain

def test_langgraph_and_langchain(py) -> None:  # type: ignore[no-untyped-def]
    f = "app/langgraph_app.py"
    a = by_addr(py, f)
    graph = a["line 31:agent math-weather"]
    assert graph.properties == {"family": "langgraph", "name": "math-weather", "model": "claude-3-7-sonnet-latest"}
    assert graph.facts == {"instructions_length": 60, "tool_count": 0}
    assert graph.evidence["tool_count"].note == "and the tools of 2 MCP server(s), listed at run time"
    assert a["line 31:model claude-3-7-sonnet-latest"].properties["service"] == "anthropic"
    assert servers_of(py, f, "line 31:agent math-weather") == {f"{f}:line 13:mcp-server math",
                                                                f"{f}:line 14:mcp-server weather"}
    math = a["line 13:mcp-server math"]
    assert math.properties["command"] == "python" and math.properties["launcher"] is None
    assert math.facts["package_launcher"] is False and math.facts["pinned"] is None
    weather = a["line 14:mcp-server weather"]
    assert weather.facts["transport"] == "http" and weather.properties["header_names"] == ["X-API-Key"]
    assert weather.facts["user_authentication"] is True  # the header's value comes from the environment
    support = a["line 37:agent"]
    assert isinstance(support.name, Unknown)
    assert support.properties["family"] == "langchain" and support.properties["model"] == "gpt-4o"
    assert support.facts == {"instructions_length": 54, "tool_count": 1}
    assert tools_of(py, f, "line 37:agent") == {"search"}
    r = rels(py)
    assert (f"{f}:line 37:agent", "calls", f"{f}:line 38:ChatOpenAI") in r
    assert (f"{f}:line 37:agent", "uses_model", f"{f}:line 38:model gpt-4o") in r


def test_mcp_sdk_client_session_feeds_an_agent(py) -> None:  # type: ignore[no-untyped-def]
    f = "app/mcp_sdk_client.py"
    a = by_addr(py, f)
    pw = a["line 8:mcp-server @playwright/mcp"]
    assert pw.properties["class"] == "mcp.StdioServerParameters" and pw.facts["pinned"] is False
    # stdio_client(params) → (read, write) → ClientSession → load_mcp_tools(session) → the agent's tools
    assert servers_of(py, f, "line 16:agent") == {f"{f}:line 8:mcp-server @playwright/mcp"}
    assert a["line 16:agent"].properties["model"].reason == "variable model"
    wiki = a["line 21:mcp-server mcp.deepwiki.com"]
    assert wiki.properties["url"] == "https://mcp.deepwiki.com/mcp" and wiki.facts["remote"] is True
    assert wiki.properties["class"] == "mcp.client.streamable_http.streamablehttp_client"


# --------------------------------------------------------------------------- Python: Semantic Kernel

def test_semantic_kernel(py) -> None:  # type: ignore[no-untyped-def]
    f = "app/sk_app.py"
    a = by_addr(py, f)
    service = a["line 23:AzureChatCompletion"]
    host = a["line 22:agent host"]
    assert host.properties == {"family": "semantic-kernel", "name": "host", "model": "gpt-4o-host",
                               "client": service.uid}
    assert host.facts == {"instructions_length": 61, "tool_count": 1}
    assert tools_of(py, f, "line 22:agent host") == {"MenuPlugin"}
    assert servers_of(py, f, "line 22:agent host") == {f"{f}:line 17:mcp-server github"}
    github = a["line 17:mcp-server github"]
    assert github.properties["url"] == "https://api.githubcopilot.com/mcp/"
    assert github.facts["user_authentication"] is True
    assert service.properties["azure_account_name"] == "contoso-sk"
    assert service.properties["api_key_env"] == "AZURE_OPENAI_API_KEY"
    assert (f"{f}:line 22:agent host", "uses_model", f"{f}:line 23:model gpt-4o-host") in rels(py)


# --------------------------------------------------------------------------- Python: unknowns, non-agents

def test_values_from_elsewhere_are_unknown_not_guessed(py) -> None:  # type: ignore[no-untyped-def]
    a = by_addr(py, "app/unknowns.py")
    agent = a["line 9:agent"]
    assert isinstance(agent.name, Unknown) and agent.name.reason == "variable AGENT_NAME"
    assert isinstance(agent.properties["model"], Unknown)
    assert agent.facts == {"instructions_length": None, "tool_count": None}
    launcher = a["line 10:mcp-server npx"]
    assert launcher.properties["args"][0] == "-y" and isinstance(launcher.properties["args"][1], Unknown)
    assert isinstance(launcher.properties["package"], Unknown)
    assert launcher.facts["package_launcher"] is True and launcher.facts["pinned"] is None
    remote = a["line 11:mcp-server mcp-server"]
    assert remote.properties["url"].reason == "environment variable MCP_URL"
    assert remote.facts["remote"] is None and remote.facts["user_authentication"] is None
    unpacked = a["line 12:agent"]  # Agent(**settings.AGENT): nothing spelled out, nothing assumed
    assert unpacked.name.reason == "keyword arguments unpacked from a variable"
    assert isinstance(unpacked.properties["model"], Unknown)
    assert unpacked.facts == {"instructions_length": None, "tool_count": None}


def test_agent_from_an_unrelated_module_is_not_an_agent(py) -> None:  # type: ignore[no-untyped-def]
    a = by_addr(py, "app/not_agents.py")
    assert set(a) == {"line 6:OpenAI"}  # mesa.Agent and agents_toolkit.Agent are not AI agents
    assert not [x for x in py.assets if x.type == "agent" and x.properties["family"] not in (
        "openai-agents", "autogen", "crewai", "langgraph", "langchain", "semantic-kernel")]
    assert not py.errors


def test_prefilter_keeps_plain_files_unparsed() -> None:
    assert not mentions_ai("from mesa import Agent\n\nwalker = Agent(model)\n")
    assert not mentions_ai('"""Talk about mcp and agents."""\nx = Agent(name="a")\n')
    assert mentions_ai("from agents import Agent\nAgent(name='a')\n")
    assert mentions_ai("from crewai import Agent\nAgent(role='r', goal='g', backstory='b')\n")
    assert mentions_ai("from mcp import StdioServerParameters\nStdioServerParameters(command='npx')\n")
    assert mentions_ai("from autogen_ext.tools.mcp import StdioServerParams\nStdioServerParams(command='uvx')\n")


def _rand(n: int) -> str:
    r = random.Random(11)
    return "".join(r.choice(string.ascii_letters + string.digits) for _ in range(n))


def test_literal_key_in_mcp_env_is_one_secret_held_for_the_server(tmp_path: Path) -> None:
    key = "sk-proj-" + _rand(80)  # built at run time: no key-shaped text in the repository
    token = "Zq" + _rand(30)  # no known shape: found because of the credential-named variable
    (tmp_path / "app.py").write_text(
        "from agents.mcp import MCPServerStdio\n"
        "server = MCPServerStdio(name='tools', params={'command': 'npx', 'args': ['-y', 'tools-mcp@1.0.0'],\n"
        f"    'env': {{'OPENAI_API_KEY': '{key}', 'SERVICE_TOKEN': '{token}'}}}})\n")
    r = load(PythonCodeSource(), tmp_path)
    server = next(x for x in r.assets if x.type == "mcp-server")
    secrets = [x for x in r.assets if x.type == "secret"]
    assert server.facts["hardcoded_secret"] is True
    assert sorted(x.properties["sha256"] for x in secrets) == sorted(
        __import__("hashlib").sha256(v.encode()).hexdigest() for v in (key, token))
    assert {(x.source, x.verb) for x in r.relations if x.target == server.uid} == {
        (s.uid, "holds_key_for") for s in secrets}
    assert key not in repr([x.properties for x in r.assets]) and token not in repr([x.properties for x in r.assets])


# --------------------------------------------------------------------------- TypeScript

def test_openai_agents_sdk_js(js) -> None:  # type: ignore[no-untyped-def]
    f = "src/openai_agents.ts"
    a = by_addr(js, f)
    assistant = a["line 33:agent assistant"]
    assert assistant.properties == {"family": "openai-agents", "name": "assistant", "model": "gpt-4.1"}
    assert assistant.facts == {"instructions_length": 69, "tool_count": 2}
    assert tools_of(js, f, "line 33:agent assistant") == {"get_weather", "webSearchTool"}
    assert servers_of(js, f, "line 33:agent assistant") == {
        f"{f}:line 11:mcp-server filesystem", f"{f}:line 16:mcp-server docs", f"{f}:line 21:mcp-server tickets"}
    fs = a["line 11:mcp-server filesystem"]  # fullCommand split into command and args
    assert fs.properties["command"] == "npx"
    assert fs.properties["args"] == ["-y", "@modelcontextprotocol/server-filesystem", "./"]
    assert fs.facts["pinned"] is False and fs.facts["transport"] == "stdio"
    docs = a["line 16:mcp-server docs"]
    assert docs.properties["url"] == "https://docs-mcp.contoso.dev/mcp"
    assert docs.facts["remote"] is True and docs.facts["user_authentication"] is False
    tickets = a["line 21:mcp-server tickets"]
    assert tickets.properties["header_names"] == ["Authorization"] and tickets.facts["user_authentication"] is True
    r = rels(js)
    ag = f"{f}:line 33:agent assistant"
    assert (ag, "uses_model", f"{f}:line 33:model gpt-4.1") in r
    assert (ag, "calls", f"{f}:line 27:agent refunds") in r  # handoff
    assert (ag, "runs", f"{ag}/tool get_weather") in r


def test_mastra(js) -> None:  # type: ignore[no-untyped-def]
    f = "src/mastra_agent.ts"
    a = by_addr(js, f)
    provider = a["line 17:openai"]
    weather = a["line 14:agent Weather Agent"]
    assert weather.properties == {"family": "mastra", "name": "Weather Agent", "model": "gpt-4o",
                                  "client": provider.uid}
    assert weather.facts == {"instructions_length": 80, "tool_count": 1}
    assert tools_of(js, f, "line 14:agent Weather Agent") == {"weatherTool"}  # `tools: { weatherTool }`: the key
    travel = a["line 31:agent Travel Agent"]
    assert travel.properties["model"] == "gpt-4o-mini" and travel.facts["tool_count"] == 0
    assert servers_of(js, f, "line 31:agent Travel Agent") == {f"{f}:line 23:mcp-server wikipedia",
                                                                f"{f}:line 24:mcp-server maps"}
    assert a["line 23:mcp-server wikipedia"].facts["pinned"] is True
    maps = a["line 24:mcp-server maps"]  # `url: new URL(...)`, `requestInit.headers`
    assert maps.properties["url"] == "https://maps.contoso.dev/mcp" and maps.facts["user_authentication"] is True
    r = rels(js)
    assert (f"{f}:line 14:agent Weather Agent", "calls", f"{f}:line 17:openai") in r
    assert (f"{f}:line 14:agent Weather Agent", "uses_model", f"{f}:line 17:model gpt-4o") in r
    assert (f"{f}:line 17:openai", "uses_model", f"{f}:line 17:model gpt-4o") in r


def test_llamaindex_ts(js) -> None:  # type: ignore[no-untyped-def]
    f = "src/llamaindex_agent.ts"
    a = by_addr(js, f)
    llm = a["line 6:OpenAI"]
    assert llm.properties["family"] == "llamaindex" and llm.properties["model"] == "gpt-4o"
    math = a["line 15:agent math"]
    assert math.properties == {"family": "llamaindex", "name": "math", "model": "gpt-4o", "client": llm.uid}
    assert math.facts == {"instructions_length": 50, "tool_count": 1}
    assert tools_of(js, f, "line 15:agent math") == {"sumNumbers"}
    assert (f"{f}:line 15:agent math", "calls", f"{f}:line 6:OpenAI") in rels(js)


def test_langgraph_js(js) -> None:  # type: ignore[no-untyped-def]
    f = "src/langgraph_agent.ts"
    a = by_addr(js, f)
    agent = a["line 15:agent"]
    assert agent.properties["family"] == "langgraph" and agent.properties["model"] == "gpt-4o-mini"
    assert agent.properties["client"] == a["line 16:ChatOpenAI"].uid
    assert agent.facts == {"instructions_length": 54, "tool_count": 0}
    assert servers_of(js, f, "line 15:agent") == {f"{f}:line 8:mcp-server math", f"{f}:line 9:mcp-server search"}
    assert a["line 8:mcp-server math"].properties["command"] == "node"
    search = a["line 9:mcp-server search"]
    assert search.facts["transport"] == "http" and search.facts["user_authentication"] is False


def test_js_unknowns_and_static_create(js) -> None:  # type: ignore[no-untyped-def]
    a = by_addr(js, "src/unknowns.ts")
    helper = a["line 4:agent"]
    assert helper.name.reason == "variable AGENT_NAME"
    assert helper.properties["model"].reason == "environment variable AGENT_MODEL"
    assert helper.facts == {"instructions_length": None, "tool_count": None}
    launcher = a["line 10:mcp-server npx"]
    assert launcher.facts["pinned"] is None and isinstance(launcher.properties["package"], Unknown)
    remote = a["line 11:mcp-server remote"]
    assert remote.facts["remote"] is None and isinstance(remote.properties["url"], Unknown)
    spread = a["line 13:agent from-config"]  # { ...baseConfig, name }: the rest may be in baseConfig
    assert spread.properties["model"].reason == "options spread from a variable"
    assert spread.facts == {"instructions_length": None, "tool_count": None}
    router = a["line 12:agent router"]  # Agent.create(...)
    assert router.properties["family"] == "openai-agents" and router.facts["instructions_length"] == 6
    assert ("src/unknowns.ts:line 12:agent router", "calls", "src/unknowns.ts:line 4:agent") in rels(js)


def test_js_agent_from_an_unrelated_module_is_not_an_agent(js) -> None:  # type: ignore[no-untyped-def]
    assert set(by_addr(js, "src/not_agents.ts")) == {"line 8:OpenAI"}  # https.Agent, ./game/agent
    assert not js.errors


# --------------------------------------------------------------------------- end to end: the MCP rules

@pytest.fixture(scope="module")
def findings():  # type: ignore[no-untyped-def]
    result = scan([FIX / "agents_py", FIX / "agents_js"], ScanOptions(vulnerabilities=False, attack_paths=False))
    return result.findings


def status(findings, rule_id: str, uid_end: str) -> Status:  # type: ignore[no-untyped-def]
    got = [f.status for f in findings if f.rule_id == rule_id and f.asset_uid.endswith(uid_end)]
    assert len(got) == 1, (rule_id, uid_end, got)
    return got[0]


def test_mcp_rules_judge_servers_declared_in_code(findings) -> None:  # type: ignore[no-untyped-def]
    # AISPM-AG-008: an unpinned `npx` server in Python code fails, pinned ones pass
    assert status(findings, "AISPM-AG-008", "openai_agents_app.py:line 31:mcp-server filesystem") is Status.FAIL
    assert status(findings, "AISPM-AG-008", "crew_app.py:line 16:mcp-server @playwright/mcp") is Status.FAIL
    assert status(findings, "AISPM-AG-008", "azure_agents_sdk.py:line 18:mcp-server github") is Status.PASS
    assert status(findings, "AISPM-AG-008", "autogen_app.py:line 20:mcp-server mcp-server-fetch") is Status.PASS
    # a package that is not a literal: unknown, never a pass or a fail
    assert status(findings, "AISPM-AG-008", "app/unknowns.py:line 10:mcp-server npx") is Status.UNKNOWN
    # a local program launches no package: the rule does not apply
    assert not [f for f in findings if f.rule_id == "AISPM-AG-008" and f.asset_uid.endswith("mcp-server math")]
    # AISPM-AG-009: a remote server without auth in TS code fails, the one with an Authorization header passes
    assert status(findings, "AISPM-AG-009", "openai_agents.ts:line 16:mcp-server docs") is Status.FAIL
    assert status(findings, "AISPM-AG-009", "openai_agents.ts:line 21:mcp-server tickets") is Status.PASS
    assert status(findings, "AISPM-AG-009", "mastra_agent.ts:line 24:mcp-server maps") is Status.PASS
    assert status(findings, "AISPM-AG-009", "langgraph_agent.ts:line 9:mcp-server search") is Status.FAIL
    assert status(findings, "AISPM-AG-009", "langgraph_app.py:line 14:mcp-server weather") is Status.PASS
    # local servers and servers whose URL is not a literal are not judged as remote
    assert not [f for f in findings if f.rule_id == "AISPM-AG-009" and
                f.asset_uid.endswith(("mcp-server localhost", "mcp-server remote", "mcp-server mcp-server"))]
