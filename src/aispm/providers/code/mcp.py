"""The `mcp` source: MCP client configurations of VS Code, Cursor, Claude Desktop / Claude Code, and friends.

Each server declared in a config file becomes a `mcp-server` asset, built by
`mcp_server.server_asset` (shared with the agent and code sources):

- `.vscode/mcp.json` / `mcp.json`: `{"servers": {name: {...}}, "inputs": [...]}` (JSON with comments)
- `.cursor/mcp.json`, `.mcp.json`, `claude_desktop_config.json`, `mcp_config.json`: `{"mcpServers": {...}}`
- `.vscode/settings.json`: the older `{"mcp": {"servers": {...}}}` form

Inputs the config prompts for (`"inputs"`) count as credentials the user supplies, so a header filled
from one authenticates. A server entry that is not an object is reported and skipped; a file that is
not JSON (with comments) gives one `ScanError` with its line, and so does one nested deeper than
`Limits.depth` (refused as it is parsed); a server field of the wrong type (a `command` that is a
number, `args` that is an object) is reported and ignored. Each file is read under `isolate.one_file`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from aispm.formats.depth import TooDeep
from aispm.formats.jsonc import parse_jsonc
from aispm.formats.located import DocError, LDict
from aispm.formats.text import clip, type_name
from aispm.model import ScanError
from aispm.providers.code.isolate import one_file
from aispm.providers.code.mcp_server import server_asset
from aispm.source import SourceContext, SourceResult, read_text

FORMAT = "mcp"

_CONFIG_NAMES = {"mcp.json", ".mcp.json", "claude_desktop_config.json", "mcp_config.json", "mcp_settings.json",
                 "cline_mcp_settings.json"}
#: The fields of a server entry whose type a client checks: (key, type, what the message says is expected).
_FIELDS = (("command", str, "a string"), ("args", list, "a list of strings"), ("env", dict, "an object"),
           ("headers", dict, "an object"), ("url", str, "a string"), ("type", str, "a string"))


class McpSource:
    """MCP client configurations → `mcp-server` assets (provider `code`)."""

    name = "mcp"

    def claims(self, path: Path) -> bool:
        n = path.name.lower()
        if n in _CONFIG_NAMES:
            return True
        return n == "settings.json" and path.parent.name == ".vscode"

    def load(self, files: list[Path], ctx: SourceContext) -> SourceResult:
        out = SourceResult()
        for f in files:
            out.files += 1
            rel = ctx.rel(f)
            text, err = read_text(f, ctx)
            if err:
                out.errors.append(err)
                continue
            with one_file(out.errors, rel, self.name):
                self._one(f, text or "", rel, ctx, out)
        return out

    def _one(self, f: Path, text: str, rel: str, ctx: SourceContext, out: SourceResult) -> None:
        try:
            doc = parse_jsonc(text, ctx.limits.depth)
        except TooDeep as exc:
            out.errors.append(ScanError(rel, exc.line, f"JSON not read: {exc.message}"))
            return
        except DocError as exc:
            out.errors.append(ScanError(rel, exc.line, f"invalid JSON: {exc.message}"))
            return
        self._transform(doc, rel, out, settings=f.name.lower() == "settings.json")

    def _transform(self, doc: Any, rel: str, out: SourceResult, settings: bool = False) -> None:
        if not isinstance(doc, dict):
            if not settings:
                out.errors.append(ScanError(rel, 1, "MCP config must be a JSON object"))
            return
        if settings:
            doc = doc.get("mcp") if isinstance(doc.get("mcp"), dict) else None
            if doc is None:
                return
        servers = None
        for key in ("servers", "mcpServers", "mcp_servers", "context_servers"):
            value = doc.get(key)
            if isinstance(value, dict):
                servers = value
                break
            if value is not None:
                line = doc.line_of(key) if isinstance(doc, LDict) else 1
                out.errors.append(ScanError(rel, line, f"`{key}` is not an object of servers; skipped"))
                return
        if servers is None:
            return
        secret_inputs: set[str] = set()
        inputs = doc.get("inputs")
        if isinstance(inputs, list):
            for inp in inputs:
                if isinstance(inp, dict) and isinstance(inp.get("id"), str):
                    secret_inputs.add(inp["id"])
        for name, cfg in servers.items():
            if not isinstance(cfg, dict):
                line = servers.line_of(name) if isinstance(servers, LDict) else 1
                out.errors.append(ScanError(rel, line, f"MCP server {clip(name)} is not an object; skipped"))
                continue
            line = servers.line_of(name) if isinstance(servers, LDict) else 1
            for key, want, expected in _FIELDS:
                value = cfg.get(key)
                if value is not None and not isinstance(value, want):
                    at = cfg.line_of(key) if isinstance(cfg, LDict) else line
                    out.errors.append(ScanError(rel, at, f"MCP server {clip(name)}: `{key}` is {type_name(value)}, "
                                                         f"not {expected}; ignored"))
            asset, extra, rels = server_asset(FORMAT, rel, line, str(name), cfg, secret_inputs)
            out.assets.append(asset)
            out.assets.extend(extra)
            out.relations.extend(rels)

