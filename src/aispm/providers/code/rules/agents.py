"""Rules for AI agents, their tools and the MCP servers they run (code-side assets).

Facts come from `aispm.providers.code.agents.sources` (Foundry agent definitions, Copilot Studio exports) and
`aispm.providers.code.mcp` (MCP client configs). Conditions follow Defender for Cloud's agent
recommendations and agent risk indicators, and Maester's Copilot Studio tests (MT.1113–MT.1122).
A rule applies only where its fact means something for the platform (authentication and sharing
are Copilot Studio settings; the allowed-tools list is a Foundry MCP tool setting): it is never
turned into an `unknown` on an asset that cannot have it.

Indicators kept as inventory facts, without a rule: `published_channels` (Defender *Published
Agent*: a fact of exposure, not a misconfiguration) and `coordinator` / `connected_agents` on
Foundry agents, whose connected agents have no user-authentication or maker-credential setting to
judge (AISPM-AG-011 judges Copilot Studio coordinators). MT.1121 (generative orchestration without
custom instructions) is AISPM-AG-006: a generative Copilot Studio agent without instructions has
`instructions_length` 0.
"""

from __future__ import annotations

import textwrap

from aispm.model import Pillar, References, Severity
from aispm.rules.engine import Change, Fix, Rule, is_false, is_true
from aispm.compliance import controls

AGENT = "agent"
TOOL = "tool"
MCP_SERVER = "mcp-server"

_RISK_DOC = "https://learn.microsoft.com/defender-xdr/security-for-ai/ai-agent-risk-assessment"
_DEFENDER_AI = "https://learn.microsoft.com/azure/defender-for-cloud/recommendations-reference-ai"
_MAESTER = "https://maester.dev/docs/tests/"
_MCP_AUTH = "https://modelcontextprotocol.io/specification/2025-06-18/basic/authorization"


def _file(path: str, code: str, lang: str, note: str = "") -> Change:
    """A whole configuration file (`path` names where it lives): scanned as it is, the rule passes
    (`tests/rules/test_rule_fixes.py`)."""
    return Change("config", textwrap.dedent(code).strip("\n"), target=path, lang=lang, note=note, data={"file": True})


def _fragment(path: str, code: str, lang: str, note: str = "") -> Change:
    """The part of a configuration file (`path`) to change; `# ...` stands for the rest."""
    return Change("config", textwrap.dedent(code).strip("\n"), target=path, lang=lang, note=note)


def _has(name: str):
    return lambda facts: name in facts


def _weak_instructions(facts: dict) -> bool | None:
    n = facts.get("instructions_length")
    return None if n is None else n >= 30


def _safe_transport(facts: dict) -> bool | None:
    values = (facts.get("plaintext_transport"), facts.get("non_standard_port"))
    if True in values:
        return False
    return None if None in values else True


#: A Foundry agent whose MCP tool both waits for approval and names its allowed tools (AG-003, AG-004).
_APPROVED_MCP_AGENT = """
                    name: support-triage
                    model: gpt-4o
                    instructions: |
                      You triage Contoso support tickets: classify each by product and urgency, search the
                      knowledge base before answering, and never promise refunds.
                    tools:
                      - type: mcp
                        server_label: github
                        server_url: https://api.githubcopilot.com/mcp/
                        require_approval: always
                        allowed_tools: [search_issues, get_issue]
                        project_connection_id: github-mcp-connection"""

RULES = [
    Rule(
        id="AISPM-AG-001",
        title="AI agents should require user authentication",
        severity=Severity.HIGH,
        pillar=Pillar.IDENTITY,
        scope="Copilot Studio agents.",
        resource_types=(AGENT,),
        facts=("user_authentication", "authentication_trigger"),
        check=is_true("user_authentication"),
        applies=_has("user_authentication"),
        provider="code",
        risk="An agent with authentication mode None can be used by anyone who reaches one of its channels, without "
        "signing in: its knowledge, tools and connections are open to anonymous users and nothing ties a "
        "conversation to a person (Defender risk indicator *No Authentication*).",
        remediation="In Copilot Studio, Settings › Security › Authentication: choose *Authenticate with Microsoft* or "
        "*Authenticate manually* (`authenticationmode` 2, 3 or 4) and require users to sign in "
        "(`authenticationtrigger` Always).",
        references=References(
            defender_indicator="No Authentication (agent risk indicator)",
            urls=(_RISK_DOC, _MAESTER + "MT.1114"),
            compliance=controls("ASI03 AML.T0040 GAI:information-security"),
        ),
        fix=Fix(
            steps=(
                "In Copilot Studio, open the agent's Settings › Security › Authentication and choose *Authenticate "
                "with Microsoft* (or *Authenticate manually* with your own Microsoft Entra ID app registration).",
                "Require users to sign in, then publish the agent again so that every channel uses the new setting.",
                "In a solution export kept in source control, the agent's `bot.xml` then holds `authenticationmode` "
                "2 (3 or 4 for manual) and `authenticationtrigger` 1.",
            ),
            changes=(
                _fragment("bots/<schema name>/bot.xml", """
                    <bot schemaname="cr5f1_helpdesk">
                      <!-- ... -->
                      <authenticationmode>2</authenticationmode>
                      <authenticationtrigger>1</authenticationtrigger>
                    </bot>""", "xml", note="Authenticate with Microsoft; users must sign in."),
            ),
        ),
    ),
    Rule(
        id="AISPM-AG-002",
        title="AI agents should not use author (maker) credentials for their tools and connections",
        severity=Severity.HIGH,
        pillar=Pillar.IDENTITY,
        scope="Agents whose tools run on a connection (Copilot Studio).",
        resource_types=(AGENT,),
        facts=("maker_credentials",),
        check=is_false("maker_credentials"),
        applies=_has("maker_credentials"),
        provider="code",
        risk="A tool that runs on the maker's connection acts with the maker's permissions for every user of the agent: "
        "anyone who can chat with it reads or changes what the maker can (privilege escalation, no separation of "
        "duties, actions logged as the maker).",
        remediation="Set each connector and MCP tool to end-user credentials (`connectionProperties: mode: Invoker`, "
        "*User authentication* in the tool's settings) and give users their own connections.",
        references=References(
            defender_indicator="Privileged Data Access (agent risk indicator)",
            urls=(_RISK_DOC, _MAESTER + "MT.1118"),
            compliance=controls("LLM06 ASI03 AML.T0053 GAI:information-security"),
        ),
        fix=Fix(
            steps=(
                "In Copilot Studio, open each connector and MCP tool of the agent and set its credentials to the "
                "end user's (*User authentication*), so that every call runs with the signed-in user's permissions.",
                "Make sure users can create their own connections (they are asked to sign in to the connector on "
                "first use), and publish the agent again.",
                "In a solution export, each tool's `botcomponents/<schema name>.action.<tool>/data` then holds "
                "`connectionProperties: mode: Invoker`.",
            ),
            changes=(
                _fragment("botcomponents/<schema name>.action.<tool>/data", """
                    kind: TaskDialog
                    # ...
                    action:
                      kind: InvokeConnectorTaskAction
                      connectionReference: cr5f1_helpdesk.shared_office365.a1b2c3
                      connectionProperties:
                        mode: Invoker""", "yaml"),
            ),
        ),
    ),
    Rule(
        id="AISPM-AG-003",
        title="Foundry AI Agent with Indirect prompt Injection risk should require human in the loop control for "
        "MCP tool actions (Preview)",
        severity=Severity.HIGH,
        pillar=Pillar.AI,
        scope="Agents with MCP tools, unless nothing they read can carry an injected instruction.",
        resource_types=(AGENT,),
        facts=("tools_require_approval", "mcp_tools", "untrusted_input"),
        check=is_true("tools_require_approval"),
        applies=lambda f: bool(f.get("mcp_tools")) and f.get("untrusted_input") is not False,
        provider="code",
        risk="MCP tool calls that run without approval let text the agent reads — a web page, a file, a tool result, "
        "the MCP server's own answers — steer the agent into acting: indirect prompt injection becomes data "
        "exfiltration or changes in the connected system (Defender risk indicators *Indirect Prompt Injection "
        "Exposure*, *High Autonomy*; Maester MT.1120).",
        remediation="Set `require_approval: always` on the agent's MCP tools (or list only read-only tools under "
        "`never`), and handle the `submit_tool_approval` step in the client; in Copilot Studio, review each MCP "
        "tool and ask the user for confirmation before it runs.",
        references=References(
            defender="Foundry AI Agent with Indirect prompt Injection risk should require human in the loop control "
            "for MCP tool actions (Preview)",
            urls=(_DEFENDER_AI, _RISK_DOC, _MAESTER + "MT.1120"),
            compliance=controls("LLM01 LLM06 ASI01 ASI02 AML.T0051.001 AML.T0053 A.9.2 GAI:human-ai-configuration"),
        ),
        fix=Fix(
            steps=(
                "Set `require_approval: always` on each MCP tool of the agent; if some of the server's tools only "
                "read, list them under `never` (`require_approval: {never: {tool_names: [...]}}`) and keep the "
                "rest approved.",
                "Handle the approval step in the client: show the pending call to the user and submit the approval "
                "(or refusal) before the run continues.",
                "In Copilot Studio, turn on *Ask the end user before running* for each MCP tool that can change or "
                "send data.",
            ),
            changes=(
                _file("support.agent.yaml", _APPROVED_MCP_AGENT, "yaml",
                      note="A Foundry agent definition: every MCP call waits for approval."),
            ),
        ),
    ),
    Rule(
        id="AISPM-AG-004",
        title="Foundry Agent's MCP tool should be configured with allowed tools list (Preview)",
        severity=Severity.MEDIUM,
        pillar=Pillar.AI,
        scope="Foundry MCP tools.",
        resource_types=(TOOL,),
        facts=("allowed_tools_configured",),
        check=is_true("allowed_tools_configured"),
        applies=lambda f: f.get("tool_type") == "mcp" and "allowed_tools_configured" in f,
        provider="code",
        risk="Without an allowed-tools list the agent may call every tool the MCP server exposes, including tools "
        "added to the server later: the agent's reach is whatever the server's owner decides.",
        remediation="List the tools the agent needs in the MCP tool's `allowed_tools`.",
        references=References(
            defender="Foundry Agent's MCP tool should be configured with allowed tools list (Preview)",
            urls=(_DEFENDER_AI,),
            compliance=controls("LLM06 ASI02 AML.T0053"),
        ),
        fix=Fix(
            steps=(
                "List the tools the agent needs from the MCP server (check the server's tool list).",
                "Set them as the MCP tool's `allowed_tools`; tools the server adds later stay out of the agent's "
                "reach until you add them.",
            ),
            changes=(
                _file("support.agent.yaml", _APPROVED_MCP_AGENT, "yaml"),
            ),
        ),
    ),
    Rule(
        id="AISPM-AG-005",
        title="AI agents and MCP servers should not have hard-coded credentials",
        severity=Severity.HIGH,
        pillar=Pillar.IDENTITY,
        resource_types=(AGENT, MCP_SERVER),
        facts=("hardcoded_secret",),
        check=is_false("hardcoded_secret"),
        provider="code",
        risk="A key or token written into a topic, instructions, tool headers or an MCP server's `env` is readable by "
        "everyone with the file, the solution or the repository, and by the model itself, which can be talked into "
        "repeating it; it never rotates with the identity that owns it.",
        remediation="Remove the value, rotate the credential, and reference it instead: an MCP `inputs` prompt "
        "(`${input:id}`) or `${env:NAME}`, a Key Vault reference or a Foundry project connection, a Power "
        "Platform connection or environment variable of type secret.",
        references=References(
            defender_indicator="Hard-coded credentials in topics or tools (advanced hunting query)",
            urls=("https://learn.microsoft.com/defender-xdr/advanced-hunting-aiagentsinfo-table",
                  _MAESTER + "MT.1119"),
            compliance=controls("LLM02 LLM07 ASI03 AML.T0055 AML.T0083 GAI:information-security"),
        ),
        fix=Fix(
            steps=(
                "Rotate the credential now: removing it from the file does not remove it from the repository's "
                "history or from exported solutions.",
                "Reference it instead of writing it: an MCP client input (`${input:id}`, prompted and stored by the "
                "client) or `${env:NAME}`; a Foundry project connection (`project_connection_id`) or a Key Vault "
                "reference; a Power Platform connection or an environment variable of type secret in Copilot "
                "Studio.",
            ),
            changes=(
                _file(".vscode/mcp.json", """
                    {
                      "inputs": [
                        {"type": "promptString", "id": "github-pat", "description": "GitHub token", "password": true}
                      ],
                      "servers": {
                        "github": {
                          "type": "http",
                          "url": "https://api.githubcopilot.com/mcp/",
                          "headers": {"Authorization": "Bearer ${input:github-pat}"}
                        }
                      }
                    }""", "json", note="An MCP client config: the token is prompted for, never written."),
                _file("support.agent.yaml", """
                    name: support-triage
                    model: gpt-4o
                    instructions: |
                      You triage Contoso support tickets: classify each by product and urgency, search the
                      knowledge base before answering, and never promise refunds.
                    tools:
                      - type: mcp
                        server_label: github
                        server_url: https://api.githubcopilot.com/mcp/
                        require_approval: always
                        project_connection_id: github-mcp-connection""", "yaml",
                      note="A Foundry agent: the token lives in a project connection, not in `headers`."),
            ),
        ),
    ),
    Rule(
        id="AISPM-AG-006",
        title="Azure AI Agent should be configured with operational instructions (Preview)",
        severity=Severity.MEDIUM,
        pillar=Pillar.AI,
        scope="Agents whose instructions are known, and generative Copilot Studio agents.",
        resource_types=(AGENT,),
        facts=("instructions_length",),
        check=_weak_instructions,
        applies=lambda f: f.get("instructions_length") is not None or f.get("generative_orchestration") is True,
        provider="code",
        risk="An agent without clear instructions (under 30 characters) has no stated purpose, scope or refusals for "
        "the model to hold to, which makes it easier to jailbreak and to steer off-task (Defender risk indicator "
        "*Weak Instructions*; Maester MT.1121).",
        remediation="Write instructions that state the agent's role, what it may and may not do, which tools to use "
        "when, and how to answer out-of-scope requests.",
        references=References(
            defender="Azure AI Agent should be configured with operational instructions (Preview)",
            urls=(_DEFENDER_AI, _RISK_DOC, _MAESTER + "MT.1121"),
            compliance=controls("LLM01 ASI01 A.9.4"),
        ),
        fix=Fix(
            steps=(
                "Write instructions that state the agent's role and audience, what it may and may not do, which "
                "tool to use for what, and how to answer requests outside its scope.",
                "Keep secrets and internal details out of them: instructions can be extracted by users.",
            ),
            changes=(
                _file("support.agent.yaml", """
                    name: support-triage
                    model: gpt-4o
                    instructions: |
                      You triage Contoso support tickets. Classify each ticket by product and urgency and
                      search the knowledge base before answering. Only discuss Contoso products; for anything
                      else, say you cannot help. Never promise refunds and never share other customers' data.
                    tools:
                      - type: file_search""", "yaml"),
            ),
        ),
    ),
    Rule(
        id="AISPM-AG-007",
        title="AI agents should not be shared with everyone or across tenants",
        severity=Severity.HIGH,
        pillar=Pillar.IDENTITY,
        scope="Copilot Studio agents.",
        resource_types=(AGENT,),
        facts=("broad_sharing", "access_policy", "cross_tenant"),
        check=is_false("broad_sharing"),
        applies=_has("broad_sharing"),
        provider="code",
        risk="An agent whose access control policy is *Any* can be used by every signed-in user; *Any (multitenant)* "
        "admits users of other tenants too, exposing the agent's knowledge and tools outside the organisation "
        "(Defender risk indicator *Cross-tenant Access*).",
        remediation="Restrict the agent to *Copilot readers* or *Group membership* (`accesscontrolpolicy` 1 or 2) "
        "with the security groups that need it.",
        references=References(
            defender_indicator="Cross-tenant Access (agent risk indicator)",
            urls=(_RISK_DOC, _MAESTER + "MT.1113"),
            compliance=controls("LLM02 ASI03 GAI:data-privacy"),
        ),
        fix=Fix(
            steps=(
                "In Copilot Studio, open the agent's Settings › Security › Authentication and restrict who can "
                "use it: only the users it is shared with (*Copilot readers*), or members of security groups "
                "(*Group membership*) that you name.",
                "Never allow users of other tenants unless the agent is meant for them, and publish the agent "
                "again.",
                "In a solution export, `bot.xml` then holds `accesscontrolpolicy` 1 or 2 (not 0 *Any* or 3 *Any "
                "(multitenant)*).",
            ),
            changes=(
                _fragment("bots/<schema name>/bot.xml", """
                    <bot schemaname="cr5f1_helpdesk">
                      <!-- ... -->
                      <accesscontrolpolicy>1</accesscontrolpolicy>
                    </bot>""", "xml", note="Copilot readers: only the users and groups the agent is shared with."),
            ),
        ),
    ),
    Rule(
        id="AISPM-AG-008",
        title="MCP servers launched from a package registry should be pinned to an exact version",
        severity=Severity.MEDIUM,
        pillar=Pillar.SUPPLY_CHAIN,
        scope="MCP servers started by a package launcher (`npx`, `uvx`, `pipx run`, `docker run`, "
        "...).",
        resource_types=(MCP_SERVER,),
        facts=("pinned",),
        check=is_true("pinned"),
        applies=lambda f: f.get("package_launcher") is True,
        provider="code",
        risk="`npx pkg`, `npx pkg@latest`, `uvx pkg` or `docker run image:latest` download whatever the registry "
        "serves at each start and run it with the developer's rights and the server's secrets: one compromised or "
        "typo-squatted release reaches every machine at once.",
        remediation="Name an exact version (`npx -y @scope/server@1.2.3`, `uvx server==1.2.3`) or an image digest "
        "(`image@sha256:…`), and update it deliberately.",
        references=References(
            urls=("https://modelcontextprotocol.io/specification/2025-06-18/basic/security_best_practices",),
            compliance=controls("LLM03 ASI04 AML.T0010.005 AML.T0109 A.10.3 GAI:value-chain-and-component-integration"),
        ),
        fix=Fix(
            steps=(
                "Review the package or image you run and name that exact version: `package@1.2.3` for `npx`, "
                "`package==1.2.3` for `uvx` and `pipx`, an image digest (`image@sha256:…`) for `docker run`.",
                "Update the version deliberately, after reviewing the new release (a dependency bot can propose "
                "it).",
            ),
            changes=(
                _file(".vscode/mcp.json", """
                    {
                      "servers": {
                        "filesystem": {
                          "command": "npx",
                          "args": ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "${workspaceFolder}"]
                        },
                        "fetch": {
                          "command": "uvx",
                          "args": ["mcp-server-fetch==2025.4.7"]
                        }
                      }
                    }""", "json", note="Example versions: pin the ones you reviewed."),
            ),
        ),
    ),
    Rule(
        id="AISPM-AG-009",
        title="Remote MCP servers should require authentication",
        severity=Severity.HIGH,
        pillar=Pillar.IDENTITY,
        scope="Remote MCP servers (HTTP or SSE transport).",
        resource_types=(MCP_SERVER,),
        facts=("user_authentication", "remote", "transport"),
        check=is_true("user_authentication"),
        applies=lambda f: f.get("remote") is True and f.get("transport") in ("http", "sse"),
        provider="code",
        risk="A remote MCP server called without credentials either accepts anyone's tool calls — Microsoft found "
        "about 15% of internet-facing MCP servers did — or is being trusted without proof of who runs it.",
        remediation="Send an `Authorization` header filled from a prompted input (`${input:token}`) or an environment "
        "variable, or use the server's OAuth flow; for Foundry MCP tools, a project connection.",
        references=References(urls=(_MCP_AUTH,),
                              compliance=controls("ASI02 ASI03 AML.T0053 GAI:information-security")),
        fix=Fix(
            steps=(
                "Find out how the server authenticates its callers (OAuth, an API key or a token), and use it: an "
                "`Authorization` header filled from a prompted input (`${input:id}`) or an environment variable, "
                "or the OAuth flow the client offers.",
                "For a Foundry MCP tool, keep the credential in a project connection (`project_connection_id`).",
                "Do not use a server that accepts calls without authentication for anything beyond public data.",
            ),
            changes=(
                _file(".vscode/mcp.json", """
                    {
                      "inputs": [
                        {"type": "promptString", "id": "docs-token", "description": "Docs MCP token", "password": true}
                      ],
                      "servers": {
                        "docs": {
                          "type": "http",
                          "url": "https://mcp.contoso.example/mcp",
                          "headers": {"Authorization": "Bearer ${input:docs-token}"}
                        }
                      }
                    }""", "json"),
            ),
        ),
    ),
    Rule(
        id="AISPM-AG-010",
        title="Agent tools and MCP servers should call remote endpoints over HTTPS on a standard port",
        severity=Severity.MEDIUM,
        pillar=Pillar.NETWORK,
        scope="MCP servers with a URL, OpenAPI tools, Copilot Studio HTTP request nodes and custom "
        "connector tools.",
        resource_types=(TOOL, MCP_SERVER),
        facts=("plaintext_transport", "non_standard_port"),
        check=_safe_transport,
        applies=_has("plaintext_transport"),
        provider="code",
        risk="A tool call over plain `http://` to a host off the machine carries the conversation, the tool's "
        "arguments, its answer and any Authorization header in clear text: anyone on the path reads them and can "
        "change the answer the agent acts on. A non-standard port points at a test or shadow endpoint, or at a "
        "service outside the gateway and firewall rules that inspect the standard ones (Maester MT.1115, Defender "
        "hunting query *HTTP requests to non-standard ports*).",
        remediation="Use `https://` on port 443 for every remote endpoint: the MCP server `url` or Foundry MCP tool "
        "`server_url`, the `servers` of an OpenAPI tool's spec, a Copilot Studio HTTP request node's URL and a "
        "custom connector's `host` and `schemes`. Plain HTTP stays acceptable only to `localhost`.",
        references=References(
            defender_indicator="HTTP request actions to non-standard ports (advanced hunting query)",
            urls=("https://learn.microsoft.com/defender-xdr/advanced-hunting-aiagentsinfo-table",
                  _MAESTER + "MT.1115"),
            compliance=controls("ASI07 GAI:information-security"),
        ),
        fix=Fix(
            steps=(
                "Call every remote endpoint over `https://` on the standard port (443): the MCP server `url` (or "
                "Foundry MCP tool `server_url`), the `servers` of an OpenAPI tool's spec, a Copilot Studio HTTP "
                "request node's URL, a custom connector's `host` and `schemes`.",
                "If a service only listens on another port, put it behind a gateway on 443 that your firewall "
                "rules inspect. Plain HTTP is acceptable only to `localhost`.",
            ),
            changes=(
                _file(".vscode/mcp.json", """
                    {
                      "servers": {
                        "tickets": {
                          "type": "http",
                          "url": "https://tickets.contoso.example/mcp",
                          "headers": {"Authorization": "Bearer ${env:TICKETS_TOKEN}"}
                        }
                      }
                    }""", "json"),
            ),
        ),
    ),
    Rule(
        id="AISPM-AG-011",
        title="Coordinator agents should not delegate to agents without user authentication or with maker "
        "credentials",
        severity=Severity.MEDIUM,
        pillar=Pillar.IDENTITY,
        scope="Copilot Studio coordinators whose connected agents are in the scan.",
        resource_types=(AGENT,),
        facts=("delegates_to_weak_agent", "connected_agents"),
        check=is_false("delegates_to_weak_agent"),
        applies=_has("delegates_to_weak_agent"),
        provider="code",
        risk="A coordinator passes its users' requests — and whatever a document or tool result injected into them "
        "— to its connected agents, which act with their own settings. A connected agent that runs its tools on "
        "the maker's connection gives every user of the coordinator the maker's access; one without user "
        "authentication holds no user identity for its tools to check. A weakness of one agent becomes the "
        "impact of every agent that delegates to it (Defender risk indicator *Coordinator Agent*).",
        remediation="In each connected agent: require users to sign in (*Authenticate with Microsoft*) and set its "
        "connector and MCP tools to end-user credentials (`connectionProperties: mode: Invoker`); or disconnect "
        "it from the coordinator.",
        references=References(
            defender_indicator="Coordinator Agent (agent risk indicator)",
            urls=(_RISK_DOC, _MAESTER + "MT.1114", _MAESTER + "MT.1118"),
            compliance=controls("LLM06 ASI03 ASI07 AML.T0053"),
        ),
        fix=Fix(
            steps=(
                "In each connected agent, require users to sign in (Settings › Security › Authentication: "
                "*Authenticate with Microsoft*), and set its connector and MCP tools to end-user credentials.",
                "Or disconnect the agent from the coordinator, and publish both again.",
                "In the solution export, the connected agent's `bot.xml` then holds `authenticationmode` 2 and its "
                "tools' `data` hold `connectionProperties: mode: Invoker`.",
            ),
            changes=(
                _fragment("bots/<connected agent schema name>/bot.xml", """
                    <bot schemaname="cr7b2_payouts">
                      <!-- ... -->
                      <authenticationmode>2</authenticationmode>
                      <authenticationtrigger>1</authenticationtrigger>
                    </bot>""", "xml"),
                _fragment("botcomponents/<connected agent schema name>.action.<tool>/data", """
                    kind: TaskDialog
                    # ...
                    action:
                      kind: InvokeConnectorTaskAction
                      connectionReference: cr7b2_payouts.shared_sql.a1b2c3
                      connectionProperties:
                        mode: Invoker""", "yaml"),
            ),
        ),
    ),
    Rule(
        id="AISPM-AG-012",
        title="AI agents that read organisational data should not have autonomous actions that send data out",
        severity=Severity.MEDIUM,
        pillar=Pillar.DATA,
        scope="Agents whose tools the definition shows.",
        resource_types=(AGENT,),
        facts=("can_exfiltrate",),
        check=is_false("can_exfiltrate"),
        applies=_has("can_exfiltrate"),
        provider="code",
        risk="An agent that both reads internal data (file search, Azure AI Search, SharePoint or Dataverse "
        "knowledge, a connector read) and can send data where the model decides (an e-mail, an HTTP request, a "
        "browser, a remote MCP server or OpenAPI tool that runs without approval) needs only one injected "
        "instruction — in a document, a web page, an e-mail it reads — to mail or post that data to an attacker "
        "(Defender risk indicator *Data Exfiltration Exposure*; Maester MT.1116).",
        remediation="Take the send action away from the agent that reads the data, or make it wait for the user: "
        "`require_approval: always` on MCP tools, *Ask the end user before running* on Copilot Studio tools; fix "
        "recipients and URLs in the tool instead of letting the model fill them (`ManualTaskInput`).",
        references=References(
            defender_indicator="Data Exfiltration Exposure (agent risk indicator)",
            urls=(_RISK_DOC, _MAESTER + "MT.1116"),
            compliance=controls("LLM01 LLM02 LLM06 ASI01 ASI02 AML.T0051.001 AML.T0086 GAI:data-privacy"),
        ),
        fix=Fix(
            steps=(
                "Split the duties: an agent that reads organisational data should not also have tools that send "
                "data to destinations the model chooses.",
                "Where both are needed, make the send wait for the user: `require_approval: always` on MCP tools, "
                "*Ask the end user before running* on Copilot Studio tools.",
                "Fix recipients and URLs in the tool definition (a literal `To`, a fixed host) instead of letting "
                "the model fill them.",
            ),
            changes=(
                _file("support.agent.yaml", """
                    name: support-triage
                    model: gpt-4o
                    instructions: |
                      You triage Contoso support tickets: classify each by product and urgency, search the
                      knowledge base before answering, and never promise refunds.
                    tools:
                      - type: file_search
                      - type: mcp
                        server_label: github
                        server_url: https://api.githubcopilot.com/mcp/
                        require_approval: always
                        project_connection_id: github-mcp-connection""", "yaml",
                      note="A Foundry agent: it reads files, and every MCP call waits for the user."),
            ),
        ),
    ),
    Rule(
        id="AISPM-AG-013",
        title="Connected AI agents should be configured with instructions on how to invoke them (Preview)",
        severity=Severity.MEDIUM,
        pillar=Pillar.AI,
        scope="Foundry connected-agent tools.",
        resource_types=(TOOL,),
        facts=("invocation_instructions",),
        check=is_true("invocation_instructions"),
        applies=lambda f: f.get("tool_type") == "connected_agent" and "invocation_instructions" in f,
        provider="code",
        risk="The orchestrating agent's model decides when to hand a request to a connected agent, and what to pass "
        "it, from the connection's description alone. Without one, it guesses: requests go to the wrong agent, "
        "or to an agent with more data or tools than the task needs, and what the connected agent receives is "
        "whatever the model chose to send (OWASP ASI07, insecure inter-agent communication).",
        remediation="Give each `connected_agent` tool a `description` that says what the connected agent does, "
        "when to call it and what to pass it.",
        references=References(
            defender="Connected AI agents should be configured with instructions on how to invoke them (Preview)",
            urls=(_DEFENDER_AI,),
            compliance=controls("LLM06 ASI07 ASI02 A.9.4"),
        ),
        fix=Fix(
            steps=(
                "For each connected agent, write in the `connected_agent` tool's `description` what it does, when "
                "the orchestrator should call it, and what it needs to be given (an invoice number, a claim id).",
                "Keep it to the connected agent's purpose: the orchestrator's model reads it on every request.",
            ),
            changes=(
                _file("support.agent.yaml", """
                    name: support-triage
                    model: gpt-4o
                    tools:
                      - type: connected_agent
                        connected_agent:
                          id: asst_billing
                          name: billing
                          description: Answers billing questions; call it with the invoice number.""", "yaml"),
            ),
        ),
    ),
]
