"""The JS/TS walker's part for agents and tools.

Agent frameworks are rows of `catalog.ai_sdks.JS_AGENTS`: `new Agent({...})` / `Agent.create` from
`@openai/agents`, `new Agent({...})` from `@mastra/core` (`tools: { weatherTool }`: each key is a
tool), `agent({llm, tools, systemPrompt})` from `@llamaindex/workflow`, `createReactAgent` from
`@langchain/langgraph/prebuilt`, `createAgent` from `langchain`, `createDeepAgent` from `deepagents`,
`new LlmAgent({...})` from `@google/adk`, `new Agent({...})` from `@strands-agents/sdk`; the import's
module decides. The model
is a string, a provider call or a client; tools come from `tool({name})`, `createTool({id})`, hosted
tools and `agent.asTool()`; handoffs are `calls`. Agents created through a client
(`agents.createAgent(model, {...})`, `beta.assistants.create({...})`) are read here too. Options that
are not literals (`new Agent(config)`, `{...base}`) make what they could hold unknown.
"""

from __future__ import annotations

from typing import Any

from aispm.model import Asset, Kind, Unknown
from aispm.providers.code.analysis import Bound, Env, as_unknown, instructions_fact, tool_entries
from aispm.providers.code.catalog import ai_sdks as cat
from aispm.providers.code.model_ids import is_model_id
from aispm.providers.code.model_ids import split as split_model_id
from aispm.providers.code.js_walker import JsWalker, text_of


class AgentCalls(JsWalker):
    """Calls that declare agents and tools."""

    def _agent(self, node: Any, client: Asset, args: list[Any], line: int) -> None:
        opts = self.options(args)
        model = self.val(opts["model"]) if "model" in opts else (self.val(args[0]) if args and
                                                                args[0].type != "object" else None)
        name = self.val(opts["name"]) if "name" in opts else Unknown("agent has no name")
        if isinstance(name, Env):
            name = Unknown(f"environment variable {name.name}")
        instr = self.val(opts["instructions"]) if "instructions" in opts else None
        props: dict[str, Any] = {"family": client.properties.get("family"), "name": name, "client": client.uid}
        if isinstance(model, str):
            props["model"] = model
        label = f"agent {name}" if isinstance(name, str) else "agent"
        agent = self.col.new(line, label, "agent", Kind.AGENT, name, props)
        instructions_fact(agent, instr, "instructions" in opts)
        self.col.relate(agent.uid, "calls", client.uid)
        if isinstance(model, str):
            self.col.model(line, model, str(client.properties.get("family")), client.properties.get("service"), agent)
        tools = self._tools(opts.get("tools"))
        agent.set_fact("tool_count", len(tools), path="tools", raw=len(tools))
        for t in tools:
            tool = self.col.new(line, f"{label}/tool {t['name']}", "tool", Kind.TOOL, t["name"], t)
            self.col.relate(agent.uid, "runs", tool.uid)

    def _tools(self, node: Any) -> list[dict[str, Any]]:
        if node is None:
            return []
        if node.type == "array":
            out: list[dict[str, Any]] = []
            for e in node.named_children:
                out.extend(self._tools(e.named_children[0] if e.type == "spread_element" and e.named_children
                                       else e))
            return out
        if node.type == "object":
            f = self.obj_fields(node)
            ttype = self.val(f["type"]) if "type" in f else "unknown"
            t = {"type": ttype if isinstance(ttype, str) else "unknown"}
            t["name"] = t["type"]
            fn = f.get("function")
            if fn is not None and fn.type == "object":
                n = self.obj_fields(fn).get("name")
                if n is not None and isinstance(self.val(n), str):
                    t["name"] = self.val(n)
            if "server_label" in f and isinstance(self.val(f["server_label"]), str):
                t["name"] = self.val(f["server_label"])
                t["server_url"] = self.val(f.get("server_url"))
            return [t]
        if node.type in ("call_expression", "member_expression", "identifier"):
            text = text_of(node.child_by_field_name("function") if node.type == "call_expression" else node)
            name = text.split(".")[-1] if node.type == "call_expression" else text.split(".")[0]
            if name == "definition" and "." in text:
                name = text.split(".")[-2]
            return [{"name": name, "type": "call" if node.type == "call_expression" else "unknown"}]
        return []

    def _fw_agent(self, spec: cat.AgentSpec, args: list[Any], line: int) -> Bound:
        opts = self.options(args)
        # `new Agent(config)` / `{ ...base, name }`: what is not spelled out may be in the other object
        objects = [a for a in args if a.type == "object"]
        unpacked = Unknown("options spread from a variable") if args and (not objects or any(
            p.type == "spread_element" for p in objects[0].named_children)) else None

        def first(keys: tuple[str, ...]) -> Any:
            return next((opts[k] for k in keys if k in opts), None)

        name_node = first(spec.name)
        name = self.val(name_node) if name_node is not None else unpacked if unpacked is not None else \
            Unknown("agent has no name")
        if isinstance(name, Env):
            name = Unknown(f"environment variable {name.name}")
        elif not isinstance(name, (str, Unknown)):
            name = Unknown("name not a string")
        instr_node = first(spec.instructions)
        instructions = self.val(instr_node) if instr_node is not None else None
        model, client, service = self._agent_model(first(spec.model), spec)
        if first(spec.model) is None and unpacked is not None:
            model = unpacked
        if service is None and client is not None:
            service = client.properties.get("service")
        props: dict[str, Any] = {"family": spec.family, "name": name, "model": model}
        if client is not None:
            props["client"] = client.uid
        label = f"agent {name}" if isinstance(name, str) else "agent"
        agent = self.col.new(line, label, "agent", Kind.AGENT, name, props)
        instructions_fact(agent, instructions, instr_node is not None or unpacked is not None,
                          path=spec.instructions[0] if spec.instructions else "instructions")
        if client is not None:
            self.col.relate(agent.uid, "calls", client.uid)
        if isinstance(model, str):
            self.col.model(line, model, spec.family, service, agent)
        tools: list[dict[str, Any]] | None = None if unpacked is not None and not any(k in opts for k in spec.tools) else []
        tools, servers = self.col.split_tools([self._tool_list(opts[k], spec) for k in spec.tools if k in opts], tools)
        tool_servers = len(servers)
        for k in spec.mcp:
            if k in opts:
                servers.extend(self._mcp_servers_of(opts[k]))
        self.col.agent_tools(agent, label, line, tools, servers, tool_servers)
        for k in spec.handoffs:
            if k in opts and opts[k].type == "array":
                for e in opts[k].named_children:
                    if e.type == "call_expression":  # handoff(agent, {...})
                        a = e.child_by_field_name("arguments")
                        e = a.named_children[0] if a is not None and a.named_children else e
                    o = self.bindings.get(text_of(e)) if e.type == "identifier" else None
                    if o is not None and o.what == "agent" and o.asset is not None:
                        self.col.relate(agent.uid, "calls", o.asset.uid, via="handoff")
        return Bound("agent", agent)

    def _agent_model(self, node: Any, spec: cat.AgentSpec) -> tuple[Any, Asset | None, str | None]:
        """(model id or `Unknown`, the client that serves it, its service): `'gpt-4o'`, `'openai:gpt-4o'`, a
        provider call `openai('gpt-4o')`, a client `new ChatOpenAI({model})` / `new OpenAI({model})`."""
        if node is None:
            return Unknown("no model option: the framework's default or a model set elsewhere"), None, None
        if node.type == "await_expression" and node.named_children:
            node = node.named_children[0]
        if node.type not in ("string", "template_string", "identifier", "shorthand_property_identifier",
                             "member_expression", "subscript_expression", "call_expression", "new_expression",
                             "binary_expression", "parenthesized_expression", "as_expression",
                             "non_null_expression", "satisfies_expression"):
            return Unknown(f"model is a {node.type}"), None, None
        o = self._obj_of(node)
        if o is not None and o.what in ("client", "model", "provider") and o.asset is not None:
            m = o.model if o.what == "model" else o.asset.properties.get("model")
            if not isinstance(m, str):
                env = o.asset.properties.get("model_env")
                m = Unknown(f"environment variable {env}") if env and o.what == "client" else \
                    (m if isinstance(m, Unknown) else Unknown("the client's model is not a literal"))
            return m, o.asset, o.asset.properties.get("service")
        v = self.val(node)
        if isinstance(v, str):
            m, service = cat.split_model(v, spec.model_prefix)
            if service is None and is_model_id(v):  # a Bedrock id (Strands' default), `google-gla:gemini-…`
                m, service = split_model_id(v)
            return m, None, service
        return as_unknown(v), None, None

    def _tool_list(self, node: Any, spec: cat.AgentSpec) -> list[dict[str, Any]] | None:
        """Tool entries of a `tools` option (an MCP server's tools as `{"mcp_server": asset}`), or None when the
        list is not known (a variable from elsewhere, the result of an unknown call)."""
        if node.type == "await_expression" and node.named_children:
            node = node.named_children[0]
        if node.type == "array":
            out: list[dict[str, Any]] = []
            for e in node.named_children:
                if e.type == "comment":
                    continue
                if e.type == "spread_element":
                    inner = self._tool_list(e.named_children[0], spec) if e.named_children else None
                    if inner is None:
                        return None
                    out.extend(inner)
                    continue
                found = tool_entries(self._obj_of(e))
                out.extend(found if found is not None else self._tools(e))
            return out
        if node.type == "object" and (spec.tools_by_key or "type" not in self.obj_fields(node)):
            out = []
            for p in node.named_children:
                if p.type == "spread_element":
                    inner = self._tool_list(p.named_children[0], spec) if p.named_children else None
                    if inner is None:
                        return None
                    out.extend(inner)
                elif p.type in ("pair", "shorthand_property_identifier"):
                    key = p.child_by_field_name("key") if p.type == "pair" else p
                    value = p.child_by_field_name("value") if p.type == "pair" else p
                    found = tool_entries(self._obj_of(value)) if value is not None else None
                    if found and any("mcp_server" in t for t in found):
                        out.extend(found)
                        continue
                    kname = self.value(key) if key is not None and key.type == "string" else \
                        text_of(key) if key is not None else "tool"
                    ttype = found[0].get("type", "unknown") if found else \
                        ("function" if value is not None and value.type in ("arrow_function", "function_expression")
                         else "unknown")
                    out.append({"name": kname, "type": ttype})
            return out
        if node.type == "object":
            return self._tools(node)
        return tool_entries(self._obj_of(node))
