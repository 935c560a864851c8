"""The Python walker's part for MCP servers declared in code.

Rows of `catalog.ai_sdks.PY_MCP`: Agents SDK `MCPServerStdio` / `MCPServerStreamableHttp` /
`MCPServerSse` / `HostedMCPTool`, AutoGen server params, CrewAI `MCPServerAdapter` params and
`mcps=[url]`, `MultiServerMCPClient({...})`, Semantic Kernel `MCP*Plugin`, and the `mcp` SDK
(`StdioServerParameters`, `streamablehttp_client(url)`, `sse_client(url)`). The arguments become the
MCP config vocabulary (`command`, `args`, `env`, `url`, `headers`, `auth`) with resolved values, and
`Collector.mcp_server` builds the asset. Sessions, workbenches and adapters (`PY_MCP_PASS`) carry their
servers to the agent that uses their tools. A server declared by a dict display is declared once.
"""

from __future__ import annotations

import ast
from typing import Any

from aispm.model import Asset, Unknown
from aispm.providers.code.analysis import Bound, as_name, as_unknown
from aispm.providers.code.catalog import ai_sdks as cat
from aispm.providers.code.python_walker import PythonWalker

#: keyword arguments of server classes (`StdioServerParams(command=, args=)`) that are config fields
_MCP_KWARGS = frozenset({"command", "args", "env", "url", "headers", "transport", "auth", "cwd"})
#: keys of one server's config (a dict with none of them is a map of servers by name)
_MCP_CFG_KEYS = frozenset({"command", "args", "url", "type", "transport", "env", "headers", "server_url",
                           "serverUrl", "server_label", "name", "params", "tools", "version"})
#: config fields whose presence (any value but None / False) means the client authenticates
_MCP_AUTH_KWARGS = frozenset({"auth", "oauth", "authorization", "authentication", "auth_provider", "authProvider"})


class McpCalls(PythonWalker):
    """Calls that declare MCP servers, and the expressions that stand for them."""

    def _mcp_decl(self, node: ast.Call, q: str, spec: cat.McpSpec, kw: dict[str, ast.expr]) -> Bound:
        line = self._line(node)
        if spec.servers is not None:  # a map of named servers
            conns = self._arg(node, kw, (spec.servers,), spec.servers_arg)
            lit = self._literal(conns)
            servers = []
            if isinstance(lit, ast.Dict):
                for k, v in zip(lit.keys, lit.values):
                    entry = self._literal(v)
                    if k is None or not isinstance(entry, ast.Dict):
                        continue
                    sname = self.value(k)
                    servers.append(self._dict_server(entry, q, getattr(k, "lineno", line),
                                                     sname if isinstance(sname, str) else as_unknown(sname)))
            return Bound("mcp", servers=servers)
        name = self.value(kw["name"]) if "name" in kw else None
        if spec.params is not None:
            pnode = self._arg(node, kw, (spec.params,), spec.params_arg)
            lit = self._literal(pnode)
            if isinstance(lit, ast.Dict):
                cfg = self._dict_cfg(lit)
            else:
                cfg = {"command" if spec.transport == "stdio" else "url": Unknown("server parameters not a literal")}
        else:
            cfg = {k: self._cfg_field(k, v) for k, v in kw.items() if k in _MCP_KWARGS}
            if spec.url_arg is not None and "url" not in cfg and len(node.args) > spec.url_arg:
                cfg["url"] = self._cfg_field("url", node.args[spec.url_arg])
            if spec.command_arg is not None and "command" not in cfg and len(node.args) > spec.command_arg:
                cfg["command"] = self._cfg_field("command", node.args[spec.command_arg])
            if spec.target_arg is not None and len(node.args) > spec.target_arg:  # a URL, else a command
                target = self.value(node.args[spec.target_arg])
                is_url = isinstance(target, str) and "://" in target
                cfg.setdefault("url" if is_url else "command", target if isinstance(target, str) else
                               as_unknown(target))
                cfg.setdefault("type", "http" if is_url else "stdio" if isinstance(target, str) else None)
            if any(k.arg is None for k in node.keywords):  # `**client_kwargs`: what is not spelled out is unknown
                for f in ("command", "args", "env") if spec.transport == "stdio" else ("url", "headers"):
                    cfg.setdefault(f, Unknown("keyword arguments unpacked from a variable"))
        if spec.transport:
            cfg["type"] = spec.transport
        hosted = q.endswith("HostedMCPTool")
        if hosted:
            name = cfg.pop("server_label", None) or name
            cfg.pop("server_url", None)
        server = self.col.mcp_server(line, as_name(name), cfg, q)
        if spec.transport == "sdk":  # the app's own functions served in its process: nothing to reach or launch
            server.properties["transport"] = "in-process"
            server.set_fact("transport", "in-process", "create_sdk_mcp_server")
            server.set_fact("remote", False, "create_sdk_mcp_server", note="served inside the application")
            tools = self._tool_list(kw["tools"]) if "tools" in kw else None
            if tools is not None:
                server.properties["tools"] = [t.get("name") for t in tools]
        if hosted:  # a tool of the agent that calls the server, as Foundry MCP tools are
            label = server.name if isinstance(server.name, str) else "mcp"
            return Bound("tools", tools=[{"name": label, "type": "mcp", "server_url": server.properties.get("url"),
                                         "calls_server": server}])
        return Bound("mcp", servers=[server])

    def _dict_server(self, d: ast.Dict, cls: str, line: int, name: Any = None) -> Asset:
        """A server declared by a dict display (a `MultiServerMCPClient` entry, CrewAI adapter params); once."""
        if id(d) not in self.mcp_memo:
            cfg = self._dict_cfg(d)
            if name is None:
                name = cfg.pop("name", None)
            self.mcp_memo[id(d)] = self.col.mcp_server(line, as_name(name), cfg, cls)
        return self.mcp_memo[id(d)]

    def _named_servers(self, d: ast.Dict) -> bool:
        """A dict of servers by name (Claude Agent SDK `mcp_servers={...}`), not one server's config."""
        keys = [self.value(k) for k in d.keys if k is not None]
        return bool(keys) and len(keys) == len(d.keys) and not (set(map(str, keys)) & _MCP_CFG_KEYS) and all(
            isinstance(self._literal(v), ast.Dict) or isinstance(v, (ast.Call, ast.Name)) for v in d.values)

    def _dict_cfg(self, d: ast.Dict) -> dict[str, Any]:
        cfg: dict[str, Any] = {}
        for k, v in zip(d.keys, d.values):
            key = self.value(k) if k is not None else None
            if isinstance(key, str):
                key = {"server_url": "url", "serverUrl": "url"}.get(key, key)
                cfg[key] = self._cfg_field(key, v)
        return cfg

    def _cfg_field(self, key: str, node: ast.expr) -> Any:
        """A server config value: a literal, an `Env`, or an `Unknown` (lists and maps element by element)."""
        if key == "args":
            lit = self._literal(node)
            if isinstance(lit, (ast.List, ast.Tuple)):
                return [Unknown("unpacked arguments") if isinstance(e, ast.Starred) else self.value(e)
                        for e in lit.elts]
            return as_unknown(self.value(node))
        if key in ("env", "headers"):
            lit = self._literal(node)
            if isinstance(lit, ast.Dict) and all(k is not None for k in lit.keys):
                keys = [self.value(k) for k in lit.keys]
                if all(isinstance(k, str) for k in keys):
                    return {k: self.value(v) for k, v in zip(keys, lit.values)}
            return Unknown(f"{key} not a literal map")
        if key in _MCP_AUTH_KWARGS:
            if isinstance(node, ast.Constant) and not node.value:
                return None
            return f"{key} configured"
        if key in ("require_approval", "allowed_tools", "server_label"):
            try:
                return ast.literal_eval(node)
            except (ValueError, SyntaxError, TypeError):
                v = self.value(node)
                return v if isinstance(v, str) else as_unknown(v)
        return self.value(node)

    def _mcp_servers_of(self, node: ast.AST | None, cls: str = "dict") -> list[Asset]:
        """The MCP servers an expression stands for: a server / session / workbench / tools object, a list of
        them, a config dict, or a server URL string (CrewAI `mcps=["https://..."]`)."""
        if node is None:
            return []
        if isinstance(node, (ast.Starred, ast.Await)):
            node = node.value
        if isinstance(node, ast.Lambda):  # a factory the client calls (Strands `MCPClient(lambda: stdio_client(...))`)
            node = node.body
        lit = self._literal(node)
        if lit is not None and lit is not node:  # read through a name: `servers = [servers]` ends
            if id(lit) in self.expanding:
                return []
            self.expanding.add(id(lit))
            try:
                return self._mcp_servers_of(lit, cls)
            finally:
                self.expanding.discard(id(lit))
        if isinstance(lit, (ast.List, ast.Tuple, ast.Set)):
            return [s for e in lit.elts for s in self._mcp_servers_of(e, cls)]
        if isinstance(lit, ast.Dict) and self._named_servers(lit):  # `{"github": {...}, "calc": server}`
            out: list[Asset] = []
            for k, v in zip(lit.keys, lit.values):
                entry = self._literal(v)
                sname = self.value(k) if k is not None else None
                if isinstance(entry, ast.Dict):
                    out.append(self._dict_server(entry, cls, getattr(k, "lineno", 1),
                                                 sname if isinstance(sname, str) else as_unknown(sname)))
                else:
                    out.extend(self._mcp_servers_of(v, cls))
            return out
        if isinstance(lit, ast.Dict):
            return [self._dict_server(lit, cls, getattr(lit, "lineno", 1))]
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if "://" not in node.value:
                return []
            if id(node) not in self.mcp_memo:
                url = node.value.split("#", 1)[0]  # CrewAI `url#tool_name` picks one tool of the server
                self.mcp_memo[id(node)] = self.col.mcp_server(node.lineno, None, {"type": "http", "url": url}, cls)
            return [self.mcp_memo[id(node)]]
        if isinstance(node, ast.Subscript):  # `mcp_tools["tool_name"]`: one tool of those servers
            return self._mcp_servers_of(node.value, cls)
        o = self.obj(node)
        return list(o.servers) if o is not None else []

