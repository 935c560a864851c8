"""The Python walker's part for agent frameworks and tools.

Agent constructors are rows of `catalog.ai_sdks.PY_AGENTS` (OpenAI Agents SDK, AutoGen, CrewAI,
LangGraph / LangChain, Semantic Kernel); the module the constructor came from decides the family. An
agent's model is a string (`"openai:gpt-4o"`: the prefix names the service), a client, a model
wrapper or an AutoGen 0.2 `llm_config`; its tools are decorated functions, tool classes, agents used
as tools and MCP servers; handoffs are `calls`. A tool list that is not a literal (a variable from
elsewhere, the result of an unknown call) gives an unknown tool count, never a guess.
"""

from __future__ import annotations

import ast
from typing import Any

from aispm.model import Asset, Kind, Unknown
from aispm.providers.code.analysis import Bound, Env, as_unknown, instructions_fact, tool_entries
from aispm.providers.code.catalog import ai_sdks as cat
from aispm.providers.code.model_ids import is_model_id
from aispm.providers.code.model_ids import split as split_model_id
from aispm.providers.code.python_walker import PythonWalker, dotted


#: decorators on an agent that give it a tool after it is built (pydantic-ai `@agent.tool`, `@agent.tool_plain`)
AGENT_TOOL_DECORATORS = frozenset({"tool", "tool_plain"})


class AgentCalls(PythonWalker):
    """Calls that declare agents, model wrappers and tools."""

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        for dec in node.decorator_list:
            target = dec.func if isinstance(dec, ast.Call) else dec
            if isinstance(target, ast.Attribute) and target.attr in AGENT_TOOL_DECORATORS:
                o = self.obj(target.value)
                if o is not None and o.what == "agent" and o.asset is not None:
                    self._agent_tool(o.asset, node)
        super().visit_FunctionDef(node)

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]

    def _agent_tool(self, agent: Asset, fn: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        """A function tool added to a built agent: a `tool` it `runs`, counted in its `tool_count`."""
        label = f"agent {agent.name}" if isinstance(agent.name, str) else "agent"
        tool = self.col.new(self._line(fn), f"{label}/tool {fn.name}", "tool", Kind.TOOL, fn.name,
                            {"name": fn.name, "type": "function"})
        self.col.relate(agent.uid, "runs", tool.uid)
        count = agent.facts.get("tool_count")
        if isinstance(count, int):
            agent.set_fact("tool_count", count + 1, path="tools", raw=count + 1,
                           note=agent.evidence["tool_count"].note if "tool_count" in agent.evidence else None)

    def _agent(self, node: ast.Call, spec: cat.AgentSpec, client: Asset | None,
               kw: dict[str, ast.expr]) -> Bound:
        """An agent: its name, instructions, model (and the client behind it), tools, MCP servers, handoffs."""
        line = self._line(node)
        family = spec.family or (str(client.properties.get("family", "unknown")) if client else "unknown")
        # `Agent(**config)`: what is not spelled out may be in the unpacked mapping
        unpacked = Unknown("keyword arguments unpacked from a variable") \
            if any(k.arg is None for k in node.keywords) else None
        name_node = self._arg(node, kw, spec.name, spec.name_arg)
        name = self.value(name_node) if name_node is not None else unpacked if unpacked is not None else \
            Unknown("agent has no name")
        if isinstance(name, Env):
            name = Unknown(f"environment variable {name.name}")
        elif not isinstance(name, (str, Unknown)):
            name = Unknown("name not a string")
        instr_nodes = [kw[k] for k in spec.instructions if k in kw]
        if not spec.join_instructions:
            instr_nodes = instr_nodes[:1]
        instr_values = [self.value(n) for n in instr_nodes]
        instructions = "".join(instr_values) if instr_values and all(isinstance(v, str) for v in instr_values) \
            else None
        model_node = self._arg(node, kw, spec.model, spec.model_arg)
        model, model_client, service = self._agent_model(model_node, spec)
        if model_node is None and client is not None and isinstance(client.properties.get("model"), str):
            model = client.properties["model"]  # `client.create_agent(...)` on a client bound to a deployment
        if model_node is None and unpacked is not None:
            model = unpacked
        client = client or model_client
        if service is None and client is not None:
            service = client.properties.get("service")
        props: dict[str, Any] = {"family": family, "name": name}
        if model is not None:
            props["model"] = model
        if client is not None:
            props["client"] = client.uid
        label = f"agent {name}" if isinstance(name, str) else "agent"
        agent = self.col.new(line, label, "agent", Kind.AGENT, name, props)
        instructions_fact(agent, instructions, bool(instr_nodes) or unpacked is not None,
                          path="+".join(spec.instructions if spec.join_instructions else spec.instructions[:1]))
        if client is not None:
            self.col.relate(agent.uid, "calls", client.uid)
        if isinstance(model, str):
            self.col.model(line, model, family, service, agent)
        tools: list[dict[str, Any]] | None = None if unpacked is not None and not any(k in kw for k in spec.tools) else []
        tool_nodes = [kw[k] for k in spec.tools if k in kw]
        if not tool_nodes and spec.tools_arg is not None and len(node.args) > spec.tools_arg:
            tool_nodes = [node.args[spec.tools_arg]]
        tools, servers = self.col.split_tools([self._tool_list(tn) for tn in tool_nodes], tools)
        tool_servers = len(servers)
        for k in spec.mcp:
            if k in kw:
                servers.extend(self._mcp_servers_of(kw[k], f"{family} agent {k}"))
        self.col.agent_tools(agent, label, line, tools, servers, tool_servers)
        for k in spec.handoffs:
            if k in kw:
                for other in self._elements(kw[k]):
                    if isinstance(other, ast.Call) and other.args and (self.qual(other.func) or "").endswith(
                            "handoff"):
                        other = other.args[0]
                    o = self.obj(other)
                    if o is not None and o.what == "agent" and o.asset is not None:
                        self.col.relate(agent.uid, "calls", o.asset.uid, via="handoff")
        return Bound("agent", agent)

    def _agent_model(self, node: ast.expr | None, spec: cat.AgentSpec) -> tuple[Any, Asset | None, str | None]:
        """(model id or `Unknown`, the client that serves it, its service) from an agent's model argument: a
        string (`"gpt-4o"`, `"openai:gpt-4o"`, `"azure/gpt-4o"`), a client (`ChatOpenAI(model=...)`,
        `OpenAIChatCompletionClient(...)`, `LLM(...)`, `AzureChatCompletion(...)`), a model wrapper, or an
        AutoGen 0.2 `llm_config` dict."""
        if node is None:
            return Unknown("no model argument: the framework's default or a model set elsewhere"), None, None
        if isinstance(node, ast.Await):
            node = node.value
        lit = self._literal(node)
        if isinstance(lit, ast.Dict):
            return self._config_model(lit), None, None
        o = self.obj(node)
        if o is not None and o.what in ("client", "model"):
            m = o.model if o.what == "model" else (o.asset.properties.get("model") if o.asset else None)
            if not isinstance(m, str):
                env = o.asset.properties.get("model_env") if o.asset is not None and o.what == "client" else None
                m = Unknown(f"environment variable {env}") if env else as_unknown(m) if m is not None else \
                    Unknown("the client's model is not a literal")
            service = o.asset.properties.get("service") if o.asset is not None else None
            return m, o.asset, service
        v = self.value(node)
        if isinstance(v, str):
            m, service = cat.split_model(v, spec.model_prefix)
            if service is None and is_model_id(v):  # a Bedrock id (Strands' default), `google-gla:gemini-…`
                m, service = split_model_id(v)
            return m, None, service
        return as_unknown(v), None, None

    def _config_model(self, d: ast.Dict) -> Any:
        """`{"model": ...}` or `{"config_list": [{"model": ...}]}` (AutoGen 0.2 `llm_config`)."""
        fields = {self.value(k): v for k, v in zip(d.keys, d.values) if k is not None}
        if "model" in fields:
            v = self.value(fields["model"])
            return v if isinstance(v, str) else as_unknown(v)
        items = self._elements(fields["config_list"]) if "config_list" in fields else []
        first = self._literal(items[0]) if items else None
        if isinstance(first, ast.Dict) and id(first) not in self.expanding:
            self.expanding.add(id(first))
            try:
                return self._config_model(first)
            finally:
                self.expanding.discard(id(first))
        return Unknown("model not in a literal llm_config")

    def _model_wrapper(self, node: ast.Call, kw: dict[str, ast.expr], client_kwargs: tuple[str, ...]) -> Bound:
        """`OpenAIChatCompletionsModel(model="gpt-4o", openai_client=AsyncAzureOpenAI(...))`."""
        model_node = self._arg(node, kw, ("model",), 0)
        model = self.value(model_node) if model_node is not None else Unknown("no model argument")
        client_node = self._arg(node, kw, client_kwargs, 1)
        o = self.obj(client_node) if client_node is not None else None
        client = o.asset if o is not None and o.what == "client" else None
        if isinstance(model, str):
            self.col.model(self._line(node), model, str(client.properties.get("family")) if client else "openai-agents",
                           client.properties.get("service") if client else None, client)
        return Bound("model", client, model=model if isinstance(model, str) else as_unknown(model))

    def _tool_list(self, node: ast.expr) -> list[dict[str, Any]] | None:
        """The tools a `tools=` argument lists, or None when they are not known (a variable from elsewhere, the
        result of a call): a count would be a guess."""
        n = node.value if isinstance(node, ast.Await) else node
        if isinstance(n, (ast.Name, ast.Attribute)):
            d = dotted(n)
            known = (d in self.bindings) or (isinstance(n, ast.Name) and (
                n.id in self.functions or n.id in self.tool_funcs or n.id in self.literals)) or (
                isinstance(n, ast.Attribute) and n.attr in ("definitions", "resources"))
            if not known:
                return None
        elif isinstance(n, ast.Call):
            o = self.call(n)
            if o is None or o.what not in ("tools", "mcp", "agent"):
                return None
        return self._tools(n)

    def _tools(self, node: ast.AST) -> list[dict[str, Any]]:
        """Tool entries of a tools expression; an MCP server among them is `{"mcp_server": asset}`."""
        if isinstance(node, (ast.Await, ast.Starred)):
            return self._tools(node.value)
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            out: list[dict[str, Any]] = []
            for e in node.elts:
                out.extend(self._tools(e.value if isinstance(e, ast.Starred) else e))
            return out
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return self._tools(node.left) + self._tools(node.right)
        if isinstance(node, ast.Dict):
            d = {self.value(k): v for k, v in zip(node.keys, node.values) if k is not None}
            ttype = self.value(d["type"]) if "type" in d else "unknown"
            t: dict[str, Any] = {"type": ttype if isinstance(ttype, str) else "unknown"}
            t["name"] = t["type"]
            fn = d.get("function") or d.get(t["type"])
            if isinstance(fn, ast.Dict):
                fd = {self.value(k): v for k, v in zip(fn.keys, fn.values) if k is not None}
                if "name" in fd and isinstance(self.value(fd["name"]), str):
                    t["name"] = self.value(fd["name"])
            if "server_url" in d:
                t["server_url"] = self.value(d["server_url"])
            if "server_label" in d and isinstance(self.value(d["server_label"]), str):
                t["name"] = self.value(d["server_label"])
            return [t]
        if isinstance(node, ast.Subscript):  # `mcp_tools["name"]`: a tool of an MCP server
            return [{"mcp_server": s} for s in self._mcp_servers_of(node)]
        if isinstance(node, ast.Call):
            o = self.call(node)
            found = tool_entries(o)
            if found is not None:
                return found
            q = self.qual(node.func) or dotted(node.func) or "tool"
            return [{"name": q.split(".")[-1], "type": "call"}]
        if isinstance(node, ast.Attribute) and node.attr in ("definitions", "resources"):
            o = self.obj(node.value)
            return list(o.tools) if o and o.what == "tools" and node.attr == "definitions" else []
        d = dotted(node)
        if d:
            found = tool_entries(self.bindings.get(d))
            if found is not None:
                return found
            if isinstance(node, ast.Name) and node.id in self.tool_funcs:
                tname = self.tool_funcs[node.id]
                return [{"name": tname if isinstance(tname, str) else node.id, "type": "function"}]
            if isinstance(node, ast.Name) and node.id in self.functions:
                return [{"name": node.id, "type": "function"}]
            lit = self._literal(node)
            if lit is not None and id(lit) not in self.expanding:  # `tools = [tools]` ends
                self.expanding.add(id(lit))
                try:
                    return self._tools(lit)
                finally:
                    self.expanding.discard(id(lit))
            return [{"name": d, "type": "unknown"}]
        return []

    def _tool_call(self, node: ast.Call, cls: str, kw: dict[str, ast.expr]) -> list[dict[str, Any]]:
        line = self._line(node)
        if cls in ("ToolSet", "AsyncToolSet"):
            return []
        if cls in ("FunctionTool", "AsyncFunctionTool", "function_tool"):
            fns = kw.get("functions") or (node.args[0] if node.args else None)
            if isinstance(fns, (ast.List, ast.Set, ast.Tuple)):
                return [{"name": dotted(e) or "function", "type": "function"} for e in fns.elts]
            if isinstance(fns, ast.Name):
                if fns.id in self.functions:
                    return [{"name": fns.id, "type": "function"}]
                bound = self.consts.get(fns.id)
                if isinstance(bound, (ast.List, ast.Set, ast.Tuple)):
                    return [{"name": dotted(e) or "function", "type": "function"} for e in bound.elts]
            return [{"name": cls, "type": "function"}]
        t: dict[str, Any] = {"name": cls, "type": cls}
        if cls in ("McpTool", "MCPTool"):  # Foundry agents v1 / v2
            label = self.value(kw.get("server_label"))
            t.update(type="mcp", server_url=self.value(kw.get("server_url")))
            if isinstance(label, str):
                t["name"] = label
        if cls in ("AzureAISearchTool", "FileSearchTool", "BingGroundingTool"):
            for k in ("index_name", "index_connection_id", "connection_id", "vector_store_ids"):
                if k in kw:
                    v = [self.value(e) for e in kw[k].elts] if isinstance(kw[k], (ast.List, ast.Tuple)) \
                        else self.value(kw[k])
                    t[k] = v if not isinstance(v, Env) else Unknown(f"environment variable {v.name}")
            if cls == "AzureAISearchTool":
                idx = t.get("index_name")
                ds = self.col.new(line, "data-source AzureAISearchTool", "data-source", Kind.DATA_SOURCE,
                                  idx if isinstance(idx, str) else "azure-ai-search",
                                  {"family": "azure-ai-agents", "class": cls, "store": "azure-ai-search",
                                   "index_name": idx, "connection_id": t.get("index_connection_id")})
                t["reads"] = ds.uid
        if cls == "OpenApiTool" and "name" in kw:
            n = self.value(kw["name"])
            if isinstance(n, str):
                t["name"] = n
        return [t]

