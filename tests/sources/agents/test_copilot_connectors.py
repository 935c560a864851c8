"""Copilot Studio exports: the agent's model (`modelNameHint`) is its `model` fact, and an MCP server or tool
behind a custom connector is named by the connector and authenticated as its definition says
(`securityDefinitions`: none → no authentication; OAuth2 / API key / basic → authenticated; unknown only when
the definition is not in the export)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from aispm.providers.code.agents.copilot_studio import CopilotStudioSource
from aispm.source import SourceContext

FIX = Path(__file__).parent / "fixtures"
CLAIMS = FIX / "indicators" / "copilot" / "ClaimsSolution"
HELPDESK = FIX / "copilot" / "HelpdeskSolution"
DEFINITION = "Connector/cr7b2_5Fclaimsapi_openapidefinition.json"
MCP_TOOL = "botcomponents/cr7b2_claimsdesk.action.ClaimsMCP"


def load(root: Path):  # type: ignore[no-untyped-def]
    src = CopilotStudioSource()
    files = sorted(p for p in root.rglob("*") if p.is_file() and src.claims(p))
    return src.load(files, SourceContext(root=root))


def claims_with_mcp(tmp_path: Path, security: object = "keep", drop_definition: bool = False,
                    display_name: bool = True) -> Path:
    """The Claims solution with an MCP tool that goes through its custom connector."""
    root = tmp_path / "ClaimsSolution"
    shutil.copytree(CLAIMS, root)
    comp = root / MCP_TOOL
    comp.mkdir()
    (comp / "botcomponent.xml").write_text(
        '<botcomponent schemaname="cr7b2_claimsdesk.action.ClaimsMCP"><componenttype>9</componenttype>'
        '<name>Claims MCP</name><parentbotid><schemaname>cr7b2_claimsdesk</schemaname></parentbotid>'
        '</botcomponent>')
    (comp / "data").write_text(
        "kind: TaskDialog\nmodelDisplayName: Claims MCP\naction:\n  kind: InvokeExternalAgentTaskAction\n"
        "  connectionReference: cr7b2_claimsdesk.cr7b2_5Fclaimsapi.e1f2a3\n  connectionProperties:\n"
        "    mode: Invoker\n  operationDetails:\n    kind: ModelContextProtocolMetadata\n"
        "    operationId: InvokeServer\n")
    spec = root / DEFINITION
    if drop_definition:
        spec.unlink()
    elif security != "keep":
        doc = json.loads(spec.read_text())
        doc["info"]["title"] = "Contoso Claims"
        doc.pop("security", None)
        if security is None:
            doc.pop("securityDefinitions")
        else:
            doc["securityDefinitions"] = security
        spec.write_text(json.dumps(doc))
    if not display_name:
        cust = root / "Other" / "Customizations.xml"
        cust.write_text(cust.read_text().replace("<displayname>Claims API</displayname>", ""))
    return tmp_path


def server(r):  # type: ignore[no-untyped-def]
    (srv,) = [a for a in r.assets if a.type == "mcp-server"]
    return srv


def test_model_name_hint_is_the_agents_model_fact() -> None:
    r = load(HELPDESK.parent)
    (agent,) = [a for a in r.assets if a.type == "agent"]
    assert agent.facts["model"] == "GPT41"
    assert "modelNameHint" in agent.evidence["model"].path


def test_mcp_server_behind_a_custom_connector_is_named_by_the_connector(tmp_path: Path) -> None:
    srv = server(load(claims_with_mcp(tmp_path)))
    assert srv.name == "Claims API"  # the connector's display name, not `shared_cr7b2-5fclaimsapi-5f1d…`
    assert srv.facts["user_authentication"] is True  # OAuth2 in securityDefinitions
    assert srv.evidence["user_authentication"].value == ["oauth2"]


def test_openapi_title_names_it_when_the_connector_has_no_display_name(tmp_path: Path) -> None:
    srv = server(load(claims_with_mcp(tmp_path, security={"key": {"type": "apiKey", "in": "header",
                                                                  "name": "X-Key"}}, display_name=False)))
    assert srv.name == "Contoso Claims"
    assert srv.facts["user_authentication"] is True


@pytest.mark.parametrize("security,expected", [
    ({}, False),  # an empty securityDefinitions: anyone who reaches the host may call it
    (None, False),  # none declared at all
    ({"basic": {"type": "basic"}}, True),
    ({"k": {"type": "apiKey", "in": "query", "name": "code"}}, True),
    ({"odd": {"type": "x-custom"}}, None),  # a scheme nobody knows: not decided
])
def test_connector_definition_decides_authentication(tmp_path: Path, security: object, expected: object) -> None:
    r = load(claims_with_mcp(tmp_path, security=security))
    assert not r.errors, r.errors
    assert server(r).facts["user_authentication"] is expected
    tools = {a.name: a for a in r.assets if a.type == "tool"}
    assert tools["Get a claim"].properties["connector"] == "Claims API"  # a connector tool names it too
    assert tools["Get a claim"].properties["connector_authentication"] is expected


def test_authentication_unknown_only_without_the_definition(tmp_path: Path) -> None:
    srv = server(load(claims_with_mcp(tmp_path, drop_definition=True)))
    assert srv.facts["user_authentication"] is None
    assert "not in the export" in srv.evidence["user_authentication"].note
