"""The JS/TS walker's part for MCP servers declared in code.

Rows of `catalog.ai_sdks.JS_MCP`: `MCPServerStdio({command, args} | {fullCommand})`,
`MCPServerStreamableHttp({url, requestInit: {headers}, authProvider})`, `hostedMcpTool`, Mastra
`MCPClient({servers})`, LangChain `MultiServerMCPClient({mcpServers})`. Their options become the MCP
config vocabulary (`command`, `args`, `env`, `url`, `headers`, `auth`) and `Collector.mcp_server` builds
the asset; `await client.getTools()` carries the servers to the agent. A spread or a variable where a
map or list should be makes that field unknown.
"""

from __future__ import annotations

import shlex
from typing import Any

from aispm.model import Asset, Unknown
from aispm.providers.code.analysis import Bound, as_name, as_unknown
from aispm.providers.code.catalog import ai_sdks as cat
from aispm.providers.code.js_walker import JsWalker, text_of


#: Google ADK connection parameter types → the MCP config vocabulary
_ADK_TYPES = {"StdioConnectionParams": "stdio", "StreamableHTTPConnectionParams": "http", "SseConnectionParams": "sse"}


class McpCalls(JsWalker):
    """Calls that declare MCP servers, and the expressions that stand for them."""

    def _mcp_decl(self, spec: cat.McpSpec, args: list[Any], line: int, cls: str, export: str) -> Bound:
        opts = self.options(args)
        if spec.servers is not None:  # a map of named servers
            table = opts.get(spec.servers)
            entries: list[tuple[Any, Any]] = []
            if table is not None and table.type == "object":
                entries = [(p.child_by_field_name("key"), p.child_by_field_name("value"))
                           for p in table.named_children if p.type == "pair"]
            elif table is None and args and args[0].type == "object":  # the flat form: {name: {command, ...}}
                for p in args[0].named_children:
                    v = p.child_by_field_name("value") if p.type == "pair" else None
                    if v is not None and v.type == "object" and {"command", "url", "transport", "type"} & set(
                            self.obj_fields(v)):
                        entries.append((p.child_by_field_name("key"), v))
            servers = []
            for k, v in entries:
                if k is None or v is None or v.type != "object":
                    continue
                sname = self.value(k) if k.type == "string" else text_of(k)
                servers.append(self.col.mcp_server(k.start_point[0] + 1, as_name(sname), self._cfg(v), cls))
            return Bound("mcp", servers=servers)
        cfg = self._cfg_fields(opts)
        if spec.url_arg is not None and len(args) > spec.url_arg and "url" not in cfg:  # `new X(new URL("..."))`
            u = args[spec.url_arg]
            if u.type == "new_expression" and text_of(u.child_by_field_name("constructor") or u) == "URL":
                a = u.child_by_field_name("arguments")
                u = a.named_children[0] if a is not None and a.named_children else u
            cfg["url"] = self.val(u)
        hosted = export == "hostedMcpTool"
        name = cfg.pop("serverLabel", None) if hosted else cfg.pop("name", None)
        if spec.transport:
            cfg["type"] = spec.transport
        server = self.col.mcp_server(line, as_name(name), cfg, cls)
        if hosted:  # a tool of the agent that calls the server
            label = server.name if isinstance(server.name, str) else "mcp"
            return Bound("tools", tools=[{"name": label, "type": "mcp", "server_url": server.properties.get("url"),
                                         "calls_server": server}])
        return Bound("mcp", servers=[server])

    def _cfg(self, obj: Any) -> dict[str, Any]:
        cfg = self._cfg_fields(self.obj_fields(obj))
        cfg.pop("name", None)
        return cfg

    def _cfg_fields(self, fields: dict[str, Any]) -> dict[str, Any]:
        """Server options → the MCP config vocabulary (`command`, `args`, `env`, `url`, `headers`, `auth`, ...)."""
        cfg: dict[str, Any] = {}
        for key, node in fields.items():
            k = {"serverUrl": "url", "server_url": "url", "requireApproval": "require_approval",
                 "allowedTools": "allowed_tools"}.get(key, key)
            if k == "fullCommand":
                v = self.val(node)
                if isinstance(v, str):
                    try:
                        parts = shlex.split(v)
                    except ValueError:
                        parts = v.split()
                    if parts:
                        cfg["command"], cfg["args"] = parts[0], parts[1:]
                else:
                    cfg["command"] = as_unknown(v)
            elif k == "args":
                if node.type == "array":
                    cfg[k] = [Unknown("spread arguments") if e.type == "spread_element" else self.val(e)
                              for e in node.named_children if e.type != "comment"]
                else:
                    cfg[k] = Unknown("arguments not a literal array")
            elif k in ("env", "headers"):
                cfg[k] = self._str_map(node, k)
            elif k == "serverParams" and node.type == "object":  # Google ADK stdio connection parameters
                cfg.update(self._cfg_fields(self.obj_fields(node)))
            elif k == "requestInit":
                if node.type == "object":
                    h = self.obj_fields(node).get("headers")
                    if h is not None:
                        cfg["headers"] = self._str_map(h, "headers")
                else:
                    cfg["headers"] = Unknown("requestInit not a literal")
            elif k in ("authProvider", "auth", "oauth", "authorization"):
                if node.type not in ("null", "undefined", "false"):
                    cfg["auth"] = f"{k} configured"
            elif k in ("url", "command", "transport", "type", "name", "serverLabel", "require_approval"):
                if node.type == "new_expression" and text_of(node.child_by_field_name("constructor") or node) == "URL":
                    a = node.child_by_field_name("arguments")
                    node = a.named_children[0] if a is not None and a.named_children else node
                cfg[k] = self.val(node)
        if isinstance(cfg.get("type"), str) and cfg["type"] in _ADK_TYPES:  # `type: "StdioConnectionParams"`
            cfg["type"] = _ADK_TYPES[cfg["type"]]
        return cfg

    def _str_map(self, node: Any, what: str) -> Any:
        if node.type != "object" or any(p.type == "spread_element" for p in node.named_children):
            return Unknown(f"{what} not a literal object")
        return {k: self.val(v) for k, v in self.obj_fields(node).items()}

    def _mcp_servers_of(self, node: Any) -> list[Asset]:
        if node.type == "array":
            return [s for e in node.named_children
                    for s in self._mcp_servers_of(e.named_children[0] if e.type == "spread_element" and
                                                  e.named_children else e)]
        o = self._obj_of(node)
        return list(o.servers) if o is not None else []
