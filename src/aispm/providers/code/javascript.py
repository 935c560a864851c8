"""AI usage in JavaScript and TypeScript (incl. JSX/TSX), read with tree-sitter.

Same asset shapes as the Python code source (they share `analysis.Collector`). Imports
(`import OpenAI from "openai"`, `import { AzureOpenAI } from "openai"`,
`import * as ai from "@azure/ai-projects"`, `const { X } = require("...")`) map
local names to `(module, export)`, looked up in `catalog.ai_sdks.JS_SYMBOLS`:

- `new OpenAI()`, `new AzureOpenAI({endpoint, deployment, apiKey})`,
  `new Anthropic()`, `new BedrockRuntimeClient({region})`, `new GoogleGenAI({...})`,
  `new AIProjectClient(endpoint, credential)`, `new OpenAIClient(endpoint, cred)`,
  LangChain JS chat models and vector stores → `ai-client` / `data-source`;
- method calls on bound clients with a `model` option (or a deployment as first
  argument: `getChatCompletions("dep", ...)`) → `model` + `uses_model`;
  `agents.createAgent(model, {name, instructions, tools})` and
  `beta.assistants.create({...})` → `agent` + `tool`s;
- `new InvokeModelCommand({modelId})` / `ConverseCommand` → `model` used by the
  file's Bedrock runtime client;
- Vercel AI SDK: providers (`openai`, `createAzure({resourceName})`, ...) are
  clients; `openai("gpt-4o")`, `azure.chat("dep")` name models;
  `generateText({model: "openai/gpt-4o"})` with a string names a gateway model.
- agent frameworks (`catalog.ai_sdks.JS_AGENTS`): `new Agent({...})` /
  `Agent.create` from `@openai/agents`, `new Agent({...})` from `@mastra/core`
  (`tools: { weatherTool }`: each key is a tool), `agent({llm, tools,
  systemPrompt})` from `@llamaindex/workflow`, `createReactAgent({llm, tools,
  prompt})` from `@langchain/langgraph/prebuilt`, `createAgent` from
  `langchain` → `agent` + `tool`s. The import's module decides: `Agent` from
  `https` or local code is not an agent. The model is a string, a provider call
  (`openai('gpt-4o')`) or a client (`new OpenAI({model})` from
  `@llamaindex/openai`, `new ChatOpenAI(...)`); tools come from `tool({name})`,
  `createTool({id})`, hosted tools, `agent.asTool()`; handoffs are `calls`;
- MCP servers (`catalog.ai_sdks.JS_MCP`): `MCPServerStdio({command, args} |
  {fullCommand})`, `MCPServerStreamableHttp({url, requestInit: {headers},
  authProvider})`, `hostedMcpTool`, Mastra `MCPClient({servers})`, LangChain
  `MultiServerMCPClient({mcpServers})` → `mcp-server` assets in the MCP config
  vocabulary (`analysis.Collector.mcp_server`); `await client.getTools()`
  carries the servers to the agent, which `runs` them. Options that are not
  literals (`new Agent(config)`, `{...base}`, `process.env.MCP_URL`) are unknown.

Files that mention no AI module are not parsed (a substring check). A file over
`MAX_BYTES`, or with a line over `MAX_LINE` characters (minified or generated
code), is not parsed: `ScanError(... "minified or generated file skipped ...")`;
its secrets are still searched. tree-sitter parses iteratively; a tree nested
deeper than `Limits.depth` is refused before it is evaluated (one error with
its line; real code stays under 60 levels). Each file is read under
`isolate.one_file`.

This module is the source and assembles the analyser from its parts: `js_walker` (imports, values,
bindings, call dispatch), `js_clients`, `js_agents` and `js_mcp`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from aispm.formats.depth import TooDeep, recursion_room
from aispm.model import ScanError
from aispm.providers.code.analysis import Collector
from aispm.providers.code.catalog import ai_sdks as cat
from aispm.providers.code.isolate import one_file
from aispm.providers.code.js_agents import AgentCalls
from aispm.providers.code.js_clients import ClientCalls
from aispm.providers.code.js_mcp import McpCalls
from aispm.providers.code.secret_assets import add_secrets
from aispm.source import SourceContext, SourceResult, readable

FORMAT = "js-code"
MAX_BYTES = 2 * 1024 * 1024
MAX_LINE = 5000
SUFFIXES = {".js": "javascript", ".mjs": "javascript", ".cjs": "javascript", ".jsx": "javascript",
            ".ts": "typescript", ".mts": "typescript", ".cts": "typescript", ".tsx": "tsx"}

_PARSERS: dict[str, Any] = {}


def _parser(lang: str) -> Any:
    p = _PARSERS.get(lang)
    if p is None:
        from tree_sitter import Language, Parser

        if lang == "javascript":
            import tree_sitter_javascript as tsj

            language = Language(tsj.language())
        else:
            import tree_sitter_typescript as tst

            language = Language(tst.language_tsx() if lang == "tsx" else tst.language_typescript())
        p = _PARSERS[lang] = Parser(language)
    return p


def minified(text: str) -> str | None:
    """Why a text looks minified or generated, or None."""
    if len(text) > MAX_BYTES:
        return f"{len(text) / 1048576:.1f} MB is over the {MAX_BYTES // 1048576} MB limit for code analysis"
    start = 0
    n = len(text)
    while start < n:
        end = text.find("\n", start)
        if end < 0:
            end = n
        if end - start > MAX_LINE:
            return f"a line of over {MAX_LINE} characters"
        start = end + 1
    return None


class _Analyzer(ClientCalls, AgentCalls, McpCalls):
    """The JS/TS walker with every part: SDK clients, agents and tools, MCP servers."""


class JsCodeSource:
    """AI SDK usage and secrets in JavaScript / TypeScript files."""

    name = "js-code"

    claims_by_name = True  # `claims` reads the file's name alone (`aispm.source.Source`)

    def claims(self, path: Path) -> bool:
        return path.suffix in SUFFIXES

    def load(self, files: list[Path], ctx: SourceContext) -> SourceResult:
        result = SourceResult()
        for path, text in readable(files, ctx, result):
            rel = ctx.rel(path)
            with one_file(result.errors, rel, self.name):
                self._one(path, text, rel, ctx, result)
        return result

    @staticmethod
    def _one(path: Path, text: str, rel: str, ctx: SourceContext, result: SourceResult) -> None:
        mine = add_secrets(result, text, FORMAT, rel)
        if path.name.endswith((".d.ts", ".d.mts", ".d.cts")) or not any(h in text for h in cat.JS_HINTS):
            return
        why = minified(text)
        if why:
            result.errors.append(ScanError(rel, None, f"minified or generated file skipped ({why}); "
                                                      "AI usage not read, secrets were searched"))
            return
        col = Collector(FORMAT, rel)
        col.taken.update(mine)
        try:
            tree = _parser(SUFFIXES[path.suffix]).parse(text.encode("utf-8", "surrogatepass"))
        except Exception as exc:  # noqa: BLE001 - a parser failure is an input problem
            result.errors.append(ScanError(rel, None, f"cannot parse: {type(exc).__name__}"))
            return
        if tree.root_node.has_error:
            bad = _first_error(tree.root_node)
            result.errors.append(ScanError(rel, bad, "syntax error; AI usage read from the parts that parse"))
        depth = ctx.limits.depth
        try:
            with recursion_room(depth):
                _Analyzer(tree.root_node, col, depth).run()
        except TooDeep as exc:
            result.errors.append(ScanError(rel, exc.line, f"nested deeper than {depth} levels (budget: depth); "
                                                          "AI usage not read, secrets were searched"))
            return
        result.assets.extend(col.assets)
        result.relations.extend(col.relations)


def _first_error(node: Any) -> int | None:
    stack = [node]
    while stack:
        n = stack.pop()
        if n.type == "ERROR" or n.is_missing:
            return n.start_point[0] + 1
        if n.has_error:
            stack.extend(reversed(n.children))
    return None
