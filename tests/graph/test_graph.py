"""Graph build (merging), insights, choke points, queries, exports, and the bundled example."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from aispm.graph import analyze, build, export, query
from aispm.graph.query import QueryError
from graph_helpers import AI, IDENTITY, SEARCH, STORAGE, WEB, Estate, paths_from

ROOT = Path(__file__).resolve().parents[2]


def test_same_asset_seen_twice_is_one_node():
    e = Estate()
    cid = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/oai-x"
    e.add("terraform:main.tf:azurerm_cognitive_account.x", AI, "oai-x", cloud_id=cid,
          facts={"public_network_access": None})
    e.add(cid, AI, "oai-x", facts={"public_network_access": True, "local_auth_enabled": True})  # live
    e.add("web", WEB, "app", facts={"internet_exposed": True})
    e.rel("web", "has_role_on", "terraform:main.tf:azurerm_cognitive_account.x", role="Cognitive Services OpenAI User")
    g = analyze(e.result)
    assert g.n == 2
    assert g.node(cid) == g.node("terraform:main.tf:azurerm_cognitive_account.x")
    # the strongest claim wins: live says public, IaC did not know
    assert "exposed_to_internet" in e.result.assets[0].insights and "exposed_to_internet" in e.result.assets[1].insights
    assert [p for p in e.result.attack_paths if p.entry == "web"][0].target == "terraform:main.tf:azurerm_cognitive_account.x"


def test_merge_key_hook_plugs_in_without_changing_graph_code(monkeypatch):
    import importlib

    b = importlib.import_module("aispm.graph.build")  # the module (aispm.graph.build is also the function)

    monkeypatch.setattr(b, "MERGE_KEYS", list(b.MERGE_KEYS))
    b.register_merge_key(lambda a: (f"image:{a.properties['digest']}",) if "digest" in a.properties else ())
    e = Estate()
    e.add("image-a", "container-image", "app:1", props={"digest": "sha256:abc"})
    e.add("image-b", "container-image", "app:latest", props={"digest": "sha256:abc"})
    assert build(e.result).n == 1


def test_unresolved_key_target_becomes_an_external_service():
    e = Estate()
    e.add("s", "secret", "sk-…", facts={"secret_kind": "openai-api-key"})
    e.rel("s", "holds_key_for", "openai", service="openai")
    g = analyze(e.result)
    assert g.node("external:openai") is not None
    assert [p.target for p in e.result.attack_paths] == ["external:openai"]


def test_insights_vocabulary():
    e = Estate()
    e.add("oai", AI, "oai", facts={"public_network_access": True, "local_auth_enabled": True})
    e.add("srch", SEARCH, "srch", facts={"public_network_access": False})
    e.add("st", STORAGE, "st", facts={"allow_blob_public_access": True})
    e.add("mi", IDENTITY, "mi")
    e.rel("oai", "grounded_on", "st")
    e.rel("mi", "has_role_on", "oai", role="Cognitive Services Contributor", privileged=True)
    analyze(e.result)
    ins = {a.uid: a.insights for a in e.result.assets}
    assert {"exposed_to_internet", "exposure_width:wide", "allows_key_auth", "used_for_ai"} <= ins["oai"]
    assert {"used_for_ai_grounding", "contains_sensitive_data", "allows_public_access"} <= ins["st"]
    assert "contains_sensitive_data" in ins["srch"]  # search indexes
    assert {"privileged", "used_for_ai"} <= ins["mi"]


def test_choke_points_ranked_by_paths_through():
    e = Estate()
    e.add("oai", AI, "oai", facts={"public_network_access": False, "local_auth_enabled": False})
    e.add("st", STORAGE, "st", facts={"used_for_ai_grounding": True})
    e.rel("oai", "grounded_on", "st")
    e.add("mi", IDENTITY, "shared-id")
    for i in range(3):
        e.add(f"web{i}", WEB, f"app{i}", facts={"internet_exposed": True})
        e.rel(f"web{i}", "runs_as", "mi")
    e.rel("mi", "has_role_on", "oai", role="Cognitive Services OpenAI User")
    analyze(e.result)
    cps = e.result.choke_points
    assert cps[0].asset_uid == "mi" and cps[0].paths == 6  # 3 apps × (oai, st)
    assert cps[1].asset_uid == "oai" and cps[1].paths == 3
    assert all(c.asset_uid not in ("web0", "web1", "web2", "st") for c in cps)


@pytest.fixture
def rag():
    e = Estate()
    e.add("oai", AI, "oai", facts={"public_network_access": True, "local_auth_enabled": True})
    e.add("st", STORAGE, "st", facts={"public_network_access": False, "allow_blob_public_access": True,
                                      "used_for_ai_grounding": True})
    e.add("img", "container-image", "chat:1")
    e.add("lib", "library", "pkg:pypi/x@1")
    e.vuln("lib")
    e.rel("img", "contains", "lib")
    e.rel("img", "holds_key_for", "oai")
    e.rel("oai", "grounded_on", "st")
    return e, analyze(e.result)


def test_query_syntax(rag):
    _, g = rag
    assert query.run(g, "ai-endpoints reachable-from internet") == ["oai"]
    assert query.run(g, "grounding-data where public") == ["st"]
    assert query.run(g, "images where vulnerable and holds-key") == ["img"]
    assert query.run(g, "data reachable-from ai-services where exposed and key-auth") == ["st"]
    assert query.run(g, "data where sensitive and not private-endpoint") == ["st"]
    assert query.run(g, "kind:library") == ["lib"]
    assert query.run(g, "all where rce") == ["img", "lib"]


@pytest.mark.parametrize("bad, message", [
    ("", "empty query"),
    ("gadgets", "unknown set 'gadgets'"),
    ("data where", "needs a condition"),
    ("data where shiny", "unknown condition 'shiny'"),
    ("data where public or exposed", "expected 'and'"),
    ("data public", "expected 'where'"),
])
def test_query_errors(rag, bad, message):
    _, g = rag
    with pytest.raises(QueryError, match=message):
        query.run(g, bad)


def test_graphml_parses_and_cypher_escapes():
    e = Estate()
    e.add("a'1", AI, "o'brien \\ \"x\" <y>\n")
    e.add("b", STORAGE, "st")
    e.rel("a'1", "grounded_on", "b", via="it's")
    g = analyze(e.result)
    root = ET.fromstring(export.graphml(g).encode())
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    nodes = root.findall(".//g:node", ns)
    assert [n.get("id") for n in nodes] == ["a'1", "b"]
    names = [d.text for d in root.findall(".//g:node/g:data[@key='n_name']", ns)]
    assert names[0] == "o'brien \\ \"x\" <y>\n"
    edge = root.find(".//g:edge", ns)
    assert edge.get("source") == "a'1" and edge.find("g:data[@key='e_verb']", ns).text == "grounded_on"
    cy = export.cypher(g)
    assert "MERGE (n:Asset {uid: 'a\\'1'})" in cy
    assert "name: 'o\\'brien \\\\ \"x\" <y>\\n'" in cy
    assert "MERGE (a)-[r:GROUNDED_ON]->(b) SET r += {via: 'it\\'s'};" in cy
    assert export.cypher_string("'; MATCH (n) DETACH DELETE n //") == "'\\'; MATCH (n) DETACH DELETE n //'"


def test_real_example_internet_to_search_to_storage():
    from aispm.scan import scan

    result = scan([ROOT / "examples" / "azure-rag"])
    analyze(result)
    search = "terraform:infra/main.tf:azurerm_search_service.search"
    docs = "terraform:infra/main.tf:azurerm_storage_account.docs"
    found = [p for p in result.attack_paths if p.entry == search and p.target == docs]
    assert found, [p.title for p in result.attack_paths]
    p = found[0]
    assert [s.asset_uid for s in p.steps] == [search, docs]
    assert p.entry_kind == "internet-exposed-ai-endpoint" and p.status == "confirmed"
    assert "exposed_to_internet" in result.asset(search).insights
    assert "used_for_ai_grounding" in result.asset(docs).insights
    assert result.choke_points
    assert len({p.id for p in result.attack_paths}) == len(result.attack_paths)


def test_calling_an_endpoint_grants_nothing_without_a_key_or_a_role():
    e = Estate()
    e.add("acct", AI, "oai-x", facts={"public_network_access": False, "local_auth_enabled": False})
    e.add("web", WEB, "app", facts={"internet_exposed": True})
    e.rel("web", "calls", "acct")
    analyze(e.result)
    assert not [p for p in e.result.attack_paths if p.entry == "web" and p.target == "acct"]
    e.rel("web", "has_role_on", "acct", role="Cognitive Services OpenAI User")
    analyze(e.result)
    assert [p for p in e.result.attack_paths if p.entry == "web" and p.target == "acct"]


def test_an_agent_that_can_exfiltrate_is_a_risk_factor_of_its_paths():
    """Defender's *Data Exfiltration Exposure* on an agent raises every path through it."""
    scores = {}
    for can in (True, False):
        est = Estate()
        est.add("agent", "agent", facts={"user_authentication": False, "can_exfiltrate": can})
        analyze(est.result)
        [p] = paths_from(est.result, "agent")
        scores[can] = p.score
        assert ("data-exfiltration" in p.risk_factors) is can
    assert scores[True] > scores[False]


@pytest.mark.parametrize("url, key", [
    ("https://func-claims-tools.azurewebsites.net/runtime/webhooks/mcp", ("microsoft.web/sites", "func-claims-tools")),
    ("https://APIM-Contoso.azure-api.net/tools/mcp", ("microsoft.apimanagement/service", "apim-contoso")),
    ("https://ca-tools.kindpond-1a2b3c4d.westeurope.azurecontainerapps.io/mcp",
     ("microsoft.app/containerapps", "ca-tools")),
    ("https://api.githubcopilot.com/mcp/", None),
    ("https://azurewebsites.net/mcp", None),
    ("${input:url}", None),
])
def test_the_azure_host_of_a_remote_mcp_server(url, key):
    from aispm.providers.code.link import _serving_key

    assert _serving_key(url) == key


def test_a_remote_mcp_server_is_served_by_the_one_resource_its_host_names():
    from aispm.providers.code.link import served_by

    est = Estate()
    server = est.add("srv", "mcp-server", facts={"remote": True, "user_authentication": False},
                     props={"url": "https://func-tools.azurewebsites.net/runtime/webhooks/mcp"})
    site = est.add("site", WEB, name="func-tools", facts={"user_authentication": False})
    assert [(r.source, r.verb, r.target) for r in served_by(est.result.assets)] == [("srv", "served_by", "site")]
    assert server.facts["user_authentication"] is False  # the app may check credentials in its own code
    site.set_fact("user_authentication", True, "properties.siteConfig.authSettingsV2", True)
    served_by(est.result.assets)
    assert server.facts["user_authentication"] is True
    assert server.evidence["user_authentication"].path == "served_by site"
    # two resources of that name (two subscriptions?): no guess
    other = Estate()
    other.add("srv", "mcp-server", facts={"remote": True}, props={"url": "https://func-tools.azurewebsites.net/mcp"})
    other.add("a", WEB, name="func-tools")
    other.add("b", WEB, name="func-tools")
    assert served_by(other.result.assets) == []
