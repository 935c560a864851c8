"""The AI attack-path catalogue (reference §2.4) on small estates: each path found,
and not found once broken."""

from __future__ import annotations


from aispm.graph import analyze, paths
from aispm.model import Severity
from graph_helpers import AI, CAPP, CONTAINER, DEP, IDENTITY, SEARCH, STORAGE, WEB, Estate, paths_from, walk


def rag_backend(e: Estate, *, ai_public=False, local_auth=True) -> None:
    e.add("oai", AI, "oai-contoso", facts={"public_network_access": ai_public, "local_auth_enabled": local_auth},
          props={"kind": "OpenAI"})
    e.add("dep", DEP, "gpt-4o")
    e.add("srch", SEARCH, "srch-contoso", facts={"public_network_access": False, "local_auth_enabled": False})
    e.add("st", STORAGE, "stdocs", facts={"public_network_access": False, "local_auth_enabled": True,
                                          "used_for_ai_grounding": True})
    e.rel("oai", "deploys", "dep")
    e.rel("oai", "grounded_on", "srch", via="Search Index Data Reader")
    e.rel("srch", "grounded_on", "st", via="Storage Blob Data Reader")


# --- 1: internet-exposed AI endpoint with key auth → grounding data -----------------------

def test_1_exposed_ai_endpoint_with_keys_reaches_grounding_data():
    e = Estate()
    rag_backend(e, ai_public=True)
    analyze(e.result)
    found = [p for p in paths_from(e.result, "oai") if p.target == "st"]
    assert len(found) == 1
    p = found[0]
    assert walk(p) == [("oai", None), ("srch", "grounded_on"), ("st", "grounded_on")]
    assert p.status == "confirmed" and not p.unknowns
    assert p.entry_kind == "internet-exposed-ai-endpoint" and p.target_kind == "grounding-data"
    assert {"internet-exposure", "key-authentication", "sensitive-data"} <= set(p.risk_factors)
    assert p.title.startswith("Widely internet-exposed Azure OpenAI account oai-contoso")
    assert "that accepts keys" in p.title and "is grounded on storage account stdocs" in p.title
    assert "private endpoint" in p.remediation and "oai-contoso" in p.remediation
    assert 0 < p.score <= 100 and len(p.id) == 16


def test_1_broken_public_access_off():
    e = Estate()
    rag_backend(e, ai_public=False)
    analyze(e.result)
    assert paths_from(e.result, "oai") == []


# --- 2: exposed app with a vulnerable library, managed identity with a role on the AI account

def app_with_identity(e: Estate, role: str, exposed=True, vulnerable=True) -> None:
    e.add("app", CAPP, "ca-chat", facts={"internet_exposed": exposed, "exposure_width": "wide"})
    e.add("lib", "library", "pkg:pypi/jinja2@2.10")
    if vulnerable:
        e.vuln("lib")
    e.add("mi", IDENTITY, "id-chat")
    e.rel("app", "contains", "lib")
    e.rel("app", "runs_as", "mi")
    e.rel("mi", "has_role_on", "oai", role=role, privileged=False, assignment="ra1")


def test_2_exposed_vulnerable_app_identity_role_to_ai_account_to_grounding():
    e = Estate()
    rag_backend(e)
    app_with_identity(e, "Cognitive Services OpenAI User")
    analyze(e.result)
    found = [p for p in paths_from(e.result, "app") if p.target == "st"]
    assert found, [p.title for p in e.result.attack_paths]
    p = found[0]
    assert walk(p) == [("app", None), ("mi", "runs_as"), ("oai", "has_role_on"), ("srch", "grounded_on"),
                       ("st", "grounded_on")]
    assert p.status == "confirmed"
    assert {"internet-exposure", "vulnerabilities", "remote-code-execution", "permissions"} <= set(p.risk_factors)
    assert p.title.startswith("Widely internet-exposed container app ca-chat vulnerable to remote code execution")
    assert "has role Cognitive Services OpenAI User on Azure OpenAI account oai-contoso" in p.title
    assert "GHSA-xxxx-yyyy-zzzz" in p.steps[0].evidence
    assert "role=Cognitive Services OpenAI User" in p.steps[2].evidence
    assert {"has_high_severity_vulnerabilities", "vulnerable_to_rce", "exposed_to_internet"} <= \
        e.result.asset("app").insights
    # the AI account is reached too
    assert any(p.target == "oai" for p in paths_from(e.result, "app"))


def test_2_broken_role_narrowed_to_reader():
    e = Estate()
    rag_backend(e)
    app_with_identity(e, "Reader")
    analyze(e.result)
    assert not [p for p in paths_from(e.result, "app") if p.target in ("oai", "st", "srch", "dep")]


def test_2_unknown_role_is_possible_with_unknown_listed():
    e = Estate()
    rag_backend(e)
    app_with_identity(e, "Contoso Custom AI Role")
    analyze(e.result)
    found = [p for p in paths_from(e.result, "app") if p.target == "oai"]
    assert found and all(p.status == "possible" for p in found)
    assert any("Contoso Custom AI Role" in u for u in found[0].unknowns)


# --- 3: exposed app holding a plaintext key to the AI account ------------------------------

def app_with_key(e: Estate) -> None:
    e.add("web", WEB, "app-chat", facts={"internet_exposed": True, "exposure_width": "narrow"})
    e.add("lib", "library", "pkg:pypi/langchain@0.0.1")
    e.vuln("lib", "Denial of service in parser", Severity.HIGH)
    e.rel("web", "contains", "lib")
    e.rel("web", "holds_key_for", "oai", setting="AZURE_OPENAI_API_KEY")


def test_3_exposed_app_with_plaintext_key_to_ai_account():
    e = Estate()
    rag_backend(e, local_auth=True)
    app_with_key(e)
    analyze(e.result)
    found = [p for p in paths_from(e.result, "web") if p.target == "st"]
    assert found
    p = found[0]
    assert walk(p) == [("web", None), ("oai", "holds_key_for"), ("srch", "grounded_on"), ("st", "grounded_on")]
    assert p.title.startswith("Narrowly internet-exposed App Service app app-chat with a high-severity vulnerability "
                              "holds a key to Azure OpenAI account oai-contoso, which is grounded on")
    assert {"secrets", "vulnerabilities"} <= set(p.risk_factors)
    assert "local_auth_enabled=True" in p.steps[1].evidence
    assert "holds_credentials" in e.result.asset("web").insights


def test_3_broken_key_access_disabled():
    e = Estate()
    rag_backend(e, local_auth=False)
    app_with_key(e)
    analyze(e.result)
    assert not [p for p in paths_from(e.result, "web") if p.target in ("oai", "st", "srch", "dep")]


def test_3_unknown_key_access_is_possible():
    e = Estate()
    rag_backend(e, local_auth=None)
    app_with_key(e)
    analyze(e.result)
    found = [p for p in paths_from(e.result, "web") if p.target == "oai"]
    assert found and found[0].status == "possible"
    assert any("accepts keys is unknown" in u for u in found[0].unknowns)


def test_3_remediation_is_the_cheapest_cut():
    """Two exposed apps hold keys to the same account: disabling keys there breaks both."""
    e = Estate()
    rag_backend(e)
    e.add("web1", WEB, "app-1", facts={"internet_exposed": True})
    e.add("web2", WEB, "app-2", facts={"internet_exposed": True})
    e.rel("web1", "holds_key_for", "oai")
    e.rel("web2", "holds_key_for", "oai")
    analyze(e.result)
    found = [p for p in e.result.attack_paths if p.entry in ("web1", "web2") and p.target == "st"]
    assert len(found) == 2
    assert all(p.remediation.startswith("disable key access on Azure OpenAI account oai-contoso") for p in found)


# --- 4: leaked key in code → AI account (code joined to IaC by account name) ----------------

def leaked_key(e: Estate) -> None:
    e.add("py:app/config.py:line 3:secret azure-openai-key", "secret", "azure-openai-key abcd…yz",
          facts={"secret_kind": "azure-openai-key", "hardcoded_secret": True},
          props={"azure_account_name": "oai-contoso", "redacted": "abcd…yz"}, file="app/config.py", line=3)
    e.rel("py:app/config.py:line 3:secret azure-openai-key", "holds_key_for", "oai-contoso", service="azure-openai")


def test_4_leaked_key_in_code_reaches_ai_account():
    e = Estate()
    rag_backend(e)
    leaked_key(e)
    analyze(e.result)
    uid = "py:app/config.py:line 3:secret azure-openai-key"
    found = [p for p in paths_from(e.result, uid) if p.target == "oai"]
    assert len(found) == 1
    p = found[0]
    assert walk(p) == [(uid, None), ("oai", "holds_key_for")]
    assert p.entry_kind == "leaked-credential" and p.status == "confirmed"
    assert p.title == "Plaintext azure openai key in app/config.py:3 holds a key to Azure OpenAI account oai-contoso"
    assert p.remediation == "rotate and remove the key in app/config.py:3"
    assert "abcd…yz" in p.steps[0].evidence
    assert any(p.target == "st" for p in paths_from(e.result, uid))


def test_4_broken_key_removed():
    e = Estate()
    rag_backend(e)
    analyze(e.result)
    assert e.result.attack_paths == []


def test_4_broken_account_refuses_keys():
    e = Estate()
    rag_backend(e, local_auth=False)
    leaked_key(e)
    analyze(e.result)
    assert [p for p in e.result.attack_paths if p.target != p.entry] == []


def test_ai_client_property_joins_code_to_account():
    e = Estate()
    rag_backend(e)
    e.add("client", "ai-client", "AzureOpenAI", props={"azure_account_name": "OAI-CONTOSO"})
    g = analyze(e.result)
    c, o = g.node("client"), g.node("oai")
    assert any(int(s) == c and int(d) == o and g.verb_of(i) == "calls"
               for i, (s, d) in enumerate(zip(g.src, g.dst)))


# --- 7: publicly readable / writable grounding storage -------------------------------------

def test_7_public_grounding_container_and_writable_storage():
    e = Estate()
    rag_backend(e)
    e.result.assets[3].set_fact("public_network_access", True, "properties.publicNetworkAccess")  # st
    e.result.assets[3].set_fact("allow_blob_public_access", True, "properties.allowBlobPublicAccess")
    e.add("docs", CONTAINER, "documents", facts={"public_access": True})
    e.rel("st", "contains", "docs")
    analyze(e.result)
    zero = paths_from(e.result, "docs")
    assert len(zero) == 1 and walk(zero[0]) == [("docs", None)]
    assert zero[0].title == "Publicly accessible storage container documents is used for AI grounding"
    assert zero[0].entry_kind == "public-storage"
    poison = [p for p in paths_from(e.result, "st") if p.target == "oai"]
    assert poison and walk(poison[0]) == [("st", None), ("srch", "grounds"), ("oai", "grounds")]
    assert "data-poisoning" in poison[0].risk_factors


def test_7_broken_public_access_off():
    e = Estate()
    rag_backend(e)
    e.result.assets[3].set_fact("allow_blob_public_access", False, "properties.allowBlobPublicAccess")
    e.add("docs", CONTAINER, "documents", facts={"public_access": True})
    e.rel("st", "contains", "docs")
    analyze(e.result)
    assert e.result.attack_paths == []


# --- 8: unauthenticated agent / MCP server with tools that read data ------------------------

def agent_estate(e: Estate, auth) -> None:
    e.add("agent", "agent", "hr-bot", facts={"user_authentication": auth})
    e.add("tool", "tool", "search_docs")
    e.add("ds", "data-source", "AzureSearch hr-index")
    e.add("mcp", "mcp-server", "files", facts={"user_authentication": auth, "remote": True})
    e.add("st2", STORAGE, "sthr", facts={"public_network_access": False, "local_auth_enabled": False})
    e.rel("agent", "runs", "tool")
    e.rel("tool", "reads", "ds")
    e.rel("agent", "runs", "mcp")
    e.rel("mcp", "reads", "st2")


def test_8_unauthenticated_agent_reaches_data_through_tools():
    e = Estate()
    agent_estate(e, False)
    analyze(e.result)
    found = [p for p in paths_from(e.result, "agent") if p.target == "ds"]
    assert len(found) == 1
    assert walk(found[0]) == [("agent", None), ("tool", "runs"), ("ds", "reads")]
    assert found[0].entry_kind == "unauthenticated-agent" and "no-authentication" in found[0].risk_factors
    assert found[0].remediation == "require user authentication on agent hr-bot (main.tf:10)"
    assert [p.target for p in paths_from(e.result, "mcp")] == ["st2"]


def test_8_broken_authentication_added():
    e = Estate()
    agent_estate(e, True)
    analyze(e.result)
    assert e.result.attack_paths == []


def test_8_unknown_authentication_is_possible():
    e = Estate()
    agent_estate(e, None)
    analyze(e.result)
    assert e.result.attack_paths and all(p.status == "possible" for p in e.result.attack_paths)
    assert all(any("user_authentication" in u for u in p.unknowns) for p in e.result.attack_paths)


# --- unknown exposure; large-estate search mode ---------------------------------------------

def test_unknown_exposure_never_completes_a_path_silently():
    e = Estate()
    rag_backend(e)
    app_with_identity(e, "Cognitive Services OpenAI User", exposed=None, vulnerable=False)
    analyze(e.result)
    found = paths_from(e.result, "app")
    assert found and all(p.status == "possible" for p in found)
    assert all(any(u.startswith("internet_exposed of app is unknown") for u in p.unknowns) for p in found)
    assert all(p.title.startswith("Possibly internet-exposed") for p in found)
    assert "exposed_to_internet" not in e.result.asset("app").insights


def test_vulnerable_workload_with_unknown_exposure_is_still_a_confirmed_entry():
    e = Estate()
    rag_backend(e)
    app_with_identity(e, "Cognitive Services OpenAI User", exposed=None)
    analyze(e.result)
    found = [p for p in paths_from(e.result, "app") if p.target == "oai"]
    assert found and found[0].entry_kind == "vulnerable-workload" and found[0].status == "confirmed"


def test_multi_source_mode_finds_the_same_best_paths(monkeypatch):
    def run():
        e = Estate()
        rag_backend(e)
        app_with_identity(e, "Cognitive Services OpenAI User")
        leaked_key(e)
        analyze(e.result)
        return {(p.entry, p.target): walk(p) for p in e.result.attack_paths}

    each = run()
    monkeypatch.setattr(paths, "PER_ENTRY_BUDGET", 0)
    multi = run()
    # multi-source keeps, per target, the paths from the nearest entries
    for key, steps in multi.items():
        assert key in each
    assert ("app", "st") in multi or ("py:app/config.py:line 3:secret azure-openai-key", "st") in multi


def test_next_shortest_paths_and_dedup():
    e = Estate()
    rag_backend(e)
    e.add("web", WEB, "app", facts={"internet_exposed": True})
    e.add("mi", IDENTITY, "id")
    e.rel("web", "holds_key_for", "oai")
    e.rel("web", "runs_as", "mi")
    e.rel("mi", "has_role_on", "oai", role="Cognitive Services OpenAI User")
    analyze(e.result)
    found = [p for p in paths_from(e.result, "web") if p.target == "oai"]
    assert [walk(p) for p in found] == [[("web", None), ("oai", "holds_key_for")],
                                        [("web", None), ("mi", "runs_as"), ("oai", "has_role_on")]]
    assert found[0].score > found[1].score
    assert len({p.id for p in e.result.attack_paths}) == len(e.result.attack_paths)
