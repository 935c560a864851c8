"""The `mcp` source: MCP client configurations of VS Code, Cursor, Claude Desktop / Claude Code, and friends.

Each server declared in a config file becomes a `mcp-server` asset, built by
`mcp_server.server_asset` (shared with the agent and code sources):

- `.vscode/mcp.json` / `mcp.json`: `{"servers": {name: {...}}, "inputs": [...]}` (JSON with comments)
- `.cursor/mcp.json`, `.mcp.json`, `claude_desktop_config.json`, `mcp_config.json`: `{"mcpServers": {...}}`
- `.vscode/settings.json`: the older `{"mcp": {"servers": {...}}}` form

Inputs the config prompts for (`"inputs"`) count as credentials the user supplies, so a header filled
from one authenticates. A server entry that is not an object is reported and skipped; a file that is
not JSON (with comments) gives one `ScanError` with its line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from aispm.formats.jsonc import parse_jsonc
from aispm.formats.located import DocError, LDict
from aispm.model import ScanError
from aispm.providers.code.mcp_server import server_asset
from aispm.source import SourceContext, SourceResult, read_text

FORMAT = "mcp"

_CONFIG_NAMES = {"mcp.json", ".mcp.json", "claude_desktop_config.json", "mcp_config.json", "mcp_settings.json",
                 "cline_mcp_settings.json"}


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
            try:
                doc = parse_jsonc(text or "")
            except DocError as exc:
                out.errors.append(ScanError(rel, exc.line, f"invalid JSON: {exc.message}"))
                continue
            try:
                self._transform(doc, rel, out, settings=f.name.lower() == "settings.json")
            except Exception as exc:  # noqa: BLE001 - a bug on one file must not lose the others
                out.errors.append(ScanError(rel, None, f"could not read MCP config: {type(exc).__name__}: {exc}"))
        return out

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
            if isinstance(doc.get(key), dict):
                servers = doc[key]
                break
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
                out.errors.append(ScanError(rel, line, f"MCP server {name!r} is not an object; skipped"))
                continue
            line = servers.line_of(name) if isinstance(servers, LDict) else 1
            asset, extra, rels = server_asset(FORMAT, rel, line, str(name), cfg, secret_inputs)
            out.assets.append(asset)
            out.assets.extend(extra)
            out.relations.extend(rels)
