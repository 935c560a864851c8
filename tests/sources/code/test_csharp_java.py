"""C# and Java AI SDK usage (issue 12 item 12, .NET and Java): Azure OpenAI clients and the models picked from
them, Semantic Kernel `AddAzureOpenAIChatCompletion` and `ChatCompletionAgent`, Microsoft Agent Framework
`CreateAIAgent`, langchain4j builders and `AiServices`, the Azure SDK for Java's `OpenAIClientBuilder`, and
Google ADK for Java's `LlmAgent.builder()`."""

from __future__ import annotations

from pathlib import Path

import pytest

from aispm.providers.code.csharp_java import CSharpCodeSource, JavaCodeSource
from aispm.source import SourceContext

FIX = Path(__file__).parent / "fixtures" / "frameworks_managed"


def load(src):  # type: ignore[no-untyped-def]
    return src.load(sorted(p for p in FIX.iterdir() if src.claims(p)), SourceContext(root=FIX))


@pytest.fixture(scope="module")
def cs():  # type: ignore[no-untyped-def]
    return load(CSharpCodeSource())


@pytest.fixture(scope="module")
def java():  # type: ignore[no-untyped-def]
    return load(JavaCodeSource())


def by_type(r, t: str) -> dict:  # type: ignore[no-untyped-def]
    return {(a.origin.line, a.name if isinstance(a.name, str) else "?"): a for a in r.assets if a.type == t}


def test_csharp_clients_and_models(cs) -> None:  # type: ignore[no-untyped-def]
    assert cs.errors == []
    clients = by_type(cs, "ai-client")
    aoai = clients[(8, "AzureOpenAIClient")]
    assert aoai.properties["azure_account_name"] == "contoso-aoai" and aoai.properties["auth"] == "entra"
    sk = clients[(13, "AddAzureOpenAIChatCompletion")]
    assert sk.properties["model"] == "gpt-4o" and sk.properties["api_key_env"] == "AZURE_OPENAI_KEY"
    assert sk.properties["endpoint_env"] == "AZURE_OPENAI_ENDPOINT"
    assert clients[(14, "AddAzureOpenAIChatCompletion")].properties["api_key_literal"] is True
    assert {m.name for m in cs.assets if m.type == "model"} == {"gpt-4o-mini", "gpt-4o", "gpt-4.1"}


def test_csharp_agents(cs) -> None:  # type: ignore[no-untyped-def]
    agents = {a.name: a for a in cs.assets if a.type == "agent"}
    joker, helpdesk = agents["Joker"], agents["Helpdesk"]
    assert joker.properties["model"] == "gpt-4o-mini"  # the chat client's deployment
    assert joker.facts["instructions_length"] == len("You are good at telling jokes.")
    assert helpdesk.properties["family"] == "semantic-kernel" and helpdesk.properties["model"] == "gpt-4.1"
    calls = {(x.source, x.target) for x in cs.relations if x.verb == "calls"}
    assert (helpdesk.uid, helpdesk.properties["client"]) in calls  # through the kernel


def test_java_builders(java) -> None:  # type: ignore[no-untyped-def]
    assert java.errors == []
    clients = {a.name: a for a in java.assets if a.type == "ai-client"}
    lc4j = clients["OpenAiChatModel"]
    assert lc4j.properties["family"] == "langchain4j" and lc4j.properties["model"] == "gpt-4o"
    assert lc4j.properties["api_key_env"] == "OPENAI_API_KEY"
    az = clients["OpenAIClientBuilder"]
    assert az.properties["azure_account_name"] == "contoso-aoai" and az.properties["auth"] == "entra"
    assert {m.name for m in java.assets if m.type == "model"} == {"gpt-4o", "gpt-4.1-mini", "gemini-2.0-flash"}
    agents = {a.name if isinstance(a.name, str) else "?": a for a in java.assets if a.type == "agent"}
    assert agents["root"].properties == {"family": "google-adk", "name": "root", "model": "gemini-2.0-flash"}
    assert agents["?"].properties["family"] == "langchain4j" and agents["?"].properties["model"] == "gpt-4o"


def test_files_without_an_sdk_are_not_parsed(tmp_path: Path) -> None:
    (tmp_path / "Util.cs").write_text("class Util { string Model = \"gpt-4o\"; }")
    r = CSharpCodeSource().load([tmp_path / "Util.cs"], SourceContext(root=tmp_path))
    assert r.assets == [] and r.errors == []


def test_mcp_client_transports(cs, java) -> None:  # type: ignore[no-untyped-def]
    servers = {a.name: a for r in (cs, java) for a in r.assets if a.type == "mcp-server"}
    assert set(servers) == {"github", "learn.microsoft.com", "@modelcontextprotocol/server-filesystem",
                            "mcp.contoso.internal"}
    gh = servers["github"]  # C#: `new StdioClientTransport(new() { Command, Arguments = [...] })`
    assert gh.properties["command"] == "npx" and gh.facts["package_launcher"] is True and gh.facts["pinned"] is False
    fs = servers["@modelcontextprotocol/server-filesystem"]  # Java: `command(List.of("npx", ...))`
    assert fs.facts["pinned"] is True
    assert servers["mcp.contoso.internal"].facts["plaintext_transport"] is True  # `sseUrl("http://...")`
    assert servers["learn.microsoft.com"].facts["remote"] is True
