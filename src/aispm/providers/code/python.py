"""AI usage in Python code, read from its AST (never imported, never run).

For each `*.py` file: secrets are searched in the text (`aispm.formats.secrets`);
files that mention an AI SDK (`catalog.ai_sdks.PY_HINTS`, a substring check)
are parsed with `ast` and walked in source order:

- imports map local names to qualified names (`from langchain_openai import
  ChatOpenAI as Chat` → `Chat` = `langchain_openai.ChatOpenAI`);
- a call whose qualified name is in `catalog.ai_sdks.PY_SYMBOLS` is a client,
  a data source or a model; `boto3.client("bedrock-runtime")`,
  `X.from_pretrained("org/name")` and `openai.ChatCompletion.create` are
  recognised by shape;
- assignments bind names (`client = OpenAI()`, `self.llm = ...`) so later
  method calls (`client.chat.completions.create(model="gpt-4o")`,
  `project.agents.create_agent(...)`) attach models and agents to their client;
- values are resolved when simple: string literals, module constants, f-strings
  of constants, `os.environ["X"]` / `os.getenv("X")` (→ the variable's name).

Agent frameworks (`catalog.ai_sdks.PY_AGENTS`): OpenAI Agents SDK
(`agents.Agent`), AutoGen (`AssistantAgent`), CrewAI (`crewai.Agent`: name =
`role`, instructions = `goal` + `backstory`), LangGraph `create_react_agent`,
LangChain `create_agent` and Semantic Kernel `ChatCompletionAgent`. The
constructor's module decides the family, so an `Agent` from any other module
(`mesa`, `agents_toolkit`, local code) is not an agent. The model is a string
(`"gpt-4o"`, `"anthropic:claude-…"`, `"azure/gpt-4o"`: the prefix names the
service), a client (`ChatOpenAI(...)`, `OpenAIChatCompletionClient(...)`,
`LLM(...)`, `AzureChatCompletion(...)`: the agent `calls` it) or a model wrapper
(`OpenAIChatCompletionsModel(model=, openai_client=)`). Tools are functions
(`@function_tool`, `@tool`, `@kernel_function` names), tool classes, agents used
as tools (`agent.as_tool()`); handoffs are `calls` to the other agent.

MCP servers in code (`catalog.ai_sdks.PY_MCP`): Agents SDK `MCPServerStdio` /
`MCPServerStreamableHttp` / `MCPServerSse` / `HostedMCPTool`, AutoGen
`StdioServerParams` / `StreamableHttpServerParams` / `SseServerParams`, CrewAI
`MCPServerAdapter` params and `mcps=[url]`, `langchain_mcp_adapters`
`MultiServerMCPClient({...})`, Semantic Kernel `MCP*Plugin`, and the `mcp` SDK
(`StdioServerParameters`, `streamablehttp_client(url)`, `sse_client(url)`).
Each is an `mcp-server` asset built by `mcp_server.server_asset`, so it has
the properties and facts of a server in an MCP config file (`analysis.Collector.mcp_server`).
Sessions, workbenches and adapters carry their servers to the agent that uses
their tools (`stdio_client(p) → ClientSession → load_mcp_tools(session)`), and
the agent `runs` each server.

Values are never guessed: a name, model, instructions, tool list, command,
package or URL that is not a literal (a variable from elsewhere, `**config`)
is an `Unknown` or an unknown fact.

Assets (`provider="code"`, uid `python-code:<file>:line <n>:<what>`):
`ai-client` (family, class, service, endpoint / endpoint_env,
azure_account_name, auth key|entra|unknown, api_key_env), `model` (one per
model id per file), `data-source` (store, index / collection names, endpoint),
`agent` (family, name, model, client; facts `instructions_length`,
`tool_count`), `tool` and `mcp-server`.
Relations: `calls` (client → Azure account name, or endpoint host, or service),
`uses_model`, `reads` (client whose embeddings feed a store → data source;
tool → data source), `runs` (agent → tool / mcp-server), `calls` (agent →
client that created it or serves its model; agent → agent it hands off to;
tool → agent or MCP server it stands for), `holds_key_for` (secret → server).

A syntax error gives `ScanError(file, line, "invalid Python: ...")`; the
file's secrets are still reported. A module nested deeper than `Limits.depth`
(`1+1+…`, `f(f(f(…)))`: Python's own parser refuses deeper brackets, but not
deeper expressions) gives `ScanError(file, line, "nested deeper than N levels
…")` before it is walked, and so does one that `ast` itself cannot build. Each
file is read under `isolate.one_file`.

This module is the source and assembles the analyser from its parts: `python_walker` (names,
values, bindings, call dispatch), `python_clients`, `python_agents` and `python_mcp`.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any, Callable

from aispm.formats.depth import TooDeep, recursion_room
from aispm.limits import DEFAULT
from aispm.model import ScanError
from aispm.providers.code.analysis import Collector
from aispm.providers.code.catalog import ai_sdks as cat
from aispm.providers.code.isolate import one_file
from aispm.providers.code.python_agents import AgentCalls
from aispm.providers.code.python_clients import ClientCalls
from aispm.providers.code.python_mcp import McpCalls
from aispm.providers.code.secret_assets import add_secrets
from aispm.providers.code.symbols import ProjectSymbols
from aispm.source import SourceContext, SourceResult, readable

FORMAT = "python-code"


class _Analyzer(ClientCalls, AgentCalls, McpCalls):
    """The Python walker with every part: SDK clients, agent frameworks and tools, MCP servers."""


def analyze(tree: ast.Module, col: Collector, max_depth: int = DEFAULT.depth,
            imports: Callable[[ast.Module], Any] | None = None,
            collection_size: int = DEFAULT.collection_size) -> None:
    """Walk a parsed module and add its AI assets to `col`; raises `TooDeep` (before anything is
    added) for a tree deeper than `max_depth` levels. `imports` gives the names the module imports
    from other files of the project (`symbols.ProjectSymbols.imports_of`)."""
    walker = _Analyzer(tree, col, max_depth, imports(tree) if imports is not None else None, collection_size)
    with recursion_room(max_depth):
        walker.visit(tree)
        walker.declared_models(tree)


def imports_ai(text: str) -> bool:
    """A substring check, then an import of an AI SDK at the start of a line."""
    return any(h in text for h in cat.PY_HINTS) and cat.PY_IMPORT.search(text) is not None


def mentions_ai(text: str) -> bool:
    """Cheap pre-filter: `imports_ai`, and a call of something in the catalog."""
    return imports_ai(text) and cat.PY_CALL.search(text) is not None


def too_deep_message(depth: int) -> str:
    return f"nested deeper than {depth} levels (budget: depth); AI usage not read, secrets were searched"


def analyze_text(text: str, col: Collector, rel: str, errors: list[ScanError],
                 line_for_error: Callable[[int], int] | None = None, max_depth: int = DEFAULT.depth,
                 imports: Callable[[ast.Module], Any] | None = None,
                 collection_size: int = DEFAULT.collection_size) -> bool:
    """Parse and analyse a Python text; a syntax error goes to `errors`. False if it did not parse
    (a module nested deeper than `max_depth` levels counts as one that did, with its error)."""
    def at(line: int | None) -> int | None:
        return line_for_error(line) if line_for_error and line else line

    try:
        tree = ast.parse(text)
    except SyntaxError as exc:
        line = exc.lineno or 1
        errors.append(ScanError(rel, at(line), f"invalid Python: {exc.msg}"))
        return False
    except (RecursionError, MemoryError):  # `ast` cannot build it: `1+1+…`, `-(-(-…` thousands deep
        errors.append(ScanError(rel, None, too_deep_message(max_depth)))
        return True
    except ValueError as exc:  # a NUL byte, a lone surrogate
        errors.append(ScanError(rel, None, f"invalid Python: {str(exc).splitlines()[0][:120]}"))
        return False
    try:
        analyze(tree, col, max_depth, imports, collection_size)
    except TooDeep as exc:
        errors.append(ScanError(rel, at(exc.line), too_deep_message(max_depth)))
    except RecursionError:
        errors.append(ScanError(rel, None, too_deep_message(max_depth)))
    return True


class PythonCodeSource:
    """AI SDK usage and secrets in `*.py` files."""

    name = "python-code"

    claims_by_name = True  # `claims` reads the file's name alone (`aispm.source.Source`)

    def claims(self, path: Path) -> bool:
        return path.suffix in (".py", ".pyw")

    def load(self, files: list[Path], ctx: SourceContext) -> SourceResult:
        result = SourceResult()
        symbols = ProjectSymbols(files, ctx)  # names only; a file is read when a name imported from it is used
        for path, text in readable(files, ctx, result):
            rel = ctx.rel(path)
            with one_file(result.errors, rel, self.name):
                self._one(text, rel, ctx, result, lambda tree, p=path: symbols.imports_of(p, tree))
        return result

    @staticmethod
    def _one(text: str, rel: str, ctx: SourceContext, result: SourceResult,
             imports: Callable[[ast.Module], Any] | None = None) -> None:
        mine = add_secrets(result, text, FORMAT, rel)
        if not mentions_ai(text):
            return
        col = Collector(FORMAT, rel)
        found = {a.uid: a for a in result.assets[len(result.assets) - len(mine):]}
        col.taken.update(found)
        col.known_secrets.update((a.properties["sha256"], a.uid) for a in found.values() if a.type == "secret")
        analyze_text(text, col, rel, result.errors, max_depth=ctx.limits.depth, imports=imports,
                     collection_size=ctx.limits.collection_size)
        result.assets.extend(col.assets)
        result.relations.extend(col.relations)
