"""Code: dependencies and lock files, Python and JavaScript/TypeScript code, notebooks, prompt files,
MCP configs and servers, agent definitions (Foundry, Copilot Studio), and secrets in config.

Code has no cloud shape: its sources fill facts themselves (`docs/design.md`). Its linkers join
code to the cloud assets it runs on or calls, through what the cloud providers declare
(`named_service_types`, `host_suffixes`), so this package names no cloud type.
"""

from __future__ import annotations

from aispm.registry import Provider


def _sources():
    from aispm.providers.code.agents.copilot_studio import CopilotStudioSource
    from aispm.providers.code.appconfig import AppConfigSource
    from aispm.providers.code.csharp_java import CSharpCodeSource, JavaCodeSource
    from aispm.providers.code.agents.foundry import FoundryAgentSource
    from aispm.providers.code.deps.dotnet import DotnetDepsSource
    from aispm.providers.code.deps.go import GoDepsSource
    from aispm.providers.code.deps.java import JavaDepsSource
    from aispm.providers.code.deps.node import NodeDepsSource
    from aispm.providers.code.deps.python import PythonDepsSource
    from aispm.providers.code.deps.rust import RustDepsSource
    from aispm.providers.code.javascript import JsCodeSource
    from aispm.providers.code.mcp import McpSource
    from aispm.providers.code.notebooks import NotebookSource, PromptySource
    from aispm.providers.code.python import PythonCodeSource
    from aispm.providers.code.secrets import SecretsSource

    return [
        PythonDepsSource(), NodeDepsSource(), DotnetDepsSource(), GoDepsSource(), JavaDepsSource(), RustDepsSource(),
        PythonCodeSource(), JsCodeSource(), CSharpCodeSource(), JavaCodeSource(), NotebookSource(), PromptySource(),
        McpSource(), FoundryAgentSource(), CopilotStudioSource(), AppConfigSource(),
        SecretsSource(),  # last: config-file secrets that no more specific source already reported
    ]


def _link(result) -> None:
    from aispm.providers.code import link

    result.relations.extend(link.link(result.assets))
    result.relations.extend(link.served_by(result.assets))
    result.relations, externals = link.resolve_names(result.assets, result.relations)
    result.assets.extend(externals)
    models, uses = link.app_setting_models(result.assets)
    result.assets.extend(models)
    result.relations.extend(uses)


def _rules():
    from aispm.providers.code.rules import RULES

    return RULES


PROVIDER = Provider(name="code", title="Code and configuration", sources=_sources, linkers=(_link,), rules=_rules)
