"""The CycloneDX ML-BOM: what each kind of asset becomes, and that the BOM is valid CycloneDX 1.6 and 1.7.

Validation uses the schemas bundled with cyclonedx-python-lib and makes no network call.
"""

from __future__ import annotations

import json
import urllib.parse
from pathlib import Path
from typing import Any

import pytest
from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator

from aispm.model import (
    Asset,
    FactEvidence,
    Finding,
    Kind,
    Origin,
    Pillar,
    References,
    Relation,
    ScanResult,
    Severity,
    Status,
    Unknown,
)
from aispm.report import cyclonedx
from aispm.scan import scan

EXAMPLE = Path(__file__).parent.parent.parent / "examples" / "azure-rag"
SCHEMAS = {"1.6": SchemaVersion.V1_6, "1.7": SchemaVersion.V1_7}
RAW_SECRET = "sk-proj-Zq8Xv3TtL0pWmR7yN2cK5bJ9hG4fD1sA6eU0iO3"

ACCOUNT = "terraform:infra/main.tf:azurerm_cognitive_account.openai"
DEPLOYMENT = "terraform:infra/main.tf:azurerm_cognitive_deployment.chat"
MODEL = "model:azure:OpenAI/gpt-4o@2024-08-06"
SEARCH = "terraform:infra/main.tf:azurerm_search_service.search"
STORAGE = "terraform:infra/main.tf:azurerm_storage_account.docs"
ROLE = "terraform:infra/main.tf:azurerm_role_assignment.reader"
LANGCHAIN = "deps:requirements.txt:pkg:pypi/langchain@0.0.300"
OPENAI_LIB = "deps:pyproject.toml:pkg:pypi/openai"
CLIENT = "python:app/chat.py:line 12:AzureOpenAI"
HF_MODEL = "python:app/embed.py:line 4:from_pretrained"
MCP_REMOTE = "mcp:.vscode/mcp.json:github"
MCP_LOCAL = "mcp:.vscode/mcp.json:filesystem"
AGENT = "python:app/agent.py:support-agent"
TOOL = "python:app/agent.py:support-agent/lookup_order"
SECRET = "secrets:app/settings.py:line 3:openai-project-key"
INDEX = "python:app/chat.py:line 20:SearchClient"


def _asset(uid: str, type_: str, name: Any, kind: Kind, provider: str = "code", **kw: Any) -> Asset:
    file = uid.split(":")[1]
    return Asset(uid=uid, provider=provider, type=type_, name=name, kind=kind,
                 origin=Origin(file, 3, uid.split(":", 2)[2], format=uid.split(":")[0]), **kw)


def _estate() -> ScanResult:
    """A small estate with one of everything: IaC and code."""
    account = _asset(ACCOUNT, "Microsoft.CognitiveServices/accounts", "oai-demo", Kind.AI_SERVICE, "azure",
                     properties={"kind": "OpenAI", "properties": {"customSubDomainName": "oai-demo",
                                                                  "disableLocalAuth": False}},
                     facts={"local_auth_enabled": True, "public_network_access": True, "private_endpoint": False})
    deployment = _asset(DEPLOYMENT, "Microsoft.CognitiveServices/accounts/deployments", "gpt-4o",
                        Kind.MODEL_DEPLOYMENT, "azure", parent=ACCOUNT, facts={"model": "OpenAI/gpt-4o@2024-08-06"})
    model = _asset(MODEL, "model", "gpt-4o", Kind.MODEL, "azure",
                   properties={"format": "OpenAI", "name": "gpt-4o", "version": "2024-08-06"},
                   facts={"model": "OpenAI/gpt-4o@2024-08-06"})
    search = _asset(SEARCH, "Microsoft.Search/searchServices", "srch-demo", Kind.AI_SERVICE, "azure",
                    properties={"tags": {"DataClassification": "confidential"}},
                    facts={"used_for_ai_grounding": True, "public_network_access": False})
    storage = _asset(STORAGE, "Microsoft.Storage/storageAccounts", "stdemodocs", Kind.DATA_STORE, "azure",
                     facts={"used_for_ai_grounding": True, "public_network_access": Unknown("var.public")})
    role = _asset(ROLE, "Microsoft.Authorization/roleAssignments", Unknown("generated"), Kind.ROLE_ASSIGNMENT,
                  "azure")
    langchain = _asset(LANGCHAIN, "library", "langchain", Kind.LIBRARY,
                       properties={"name": "langchain", "version": "0.0.300", "ecosystem": "PyPI",
                                   "purl": "pkg:pypi/langchain@0.0.300"},
                       facts={"ai_category": "llm-framework"})
    openai_lib = _asset(OPENAI_LIB, "library", "openai", Kind.LIBRARY,
                        properties={"name": "openai", "version_range": ">=1.0,<2", "ecosystem": "PyPI",
                                    "purl": "pkg:pypi/openai"},
                        facts={"ai_category": "llm-sdk"})
    client = _asset(CLIENT, "ai-client", "AzureOpenAI", Kind.AI_CLIENT,
                    properties={"family": "azure-openai", "service": "azure-openai",
                                "endpoint": "https://oai-demo.openai.azure.com/?api-key=abc"})
    index = _asset(INDEX, "data-source", "docs-index", Kind.DATA_SOURCE,
                   properties={"store": "azure-ai-search", "index": "docs-index", "classification": "internal"})
    hf = _asset(HF_MODEL, "model", "sentence-transformers/all-MiniLM-L6-v2", Kind.MODEL,
                properties={"family": "huggingface", "model_id": "sentence-transformers/all-MiniLM-L6-v2",
                            "revision": "C9745ED1D9F207416BE6D2E6F8DE32D1F16199BF"})
    mcp_remote = _asset(MCP_REMOTE, "mcp-server", "github", Kind.MCP_SERVER,
                        properties={"transport": "http", "url": "https://api.githubcopilot.com/mcp/?token=t0k"},
                        facts={"user_authentication": True, "remote": True, "pinned": None})
    mcp_local = _asset(MCP_LOCAL, "mcp-server", "filesystem", Kind.MCP_SERVER,
                       properties={"transport": "stdio",
                                   "command": "npx -y @modelcontextprotocol/server-filesystem@latest /data"},
                       facts={"pinned": False, "remote": False})
    agent = _asset(AGENT, "agent", "support-agent", Kind.AGENT, facts={"user_authentication": False})
    tool = _asset(TOOL, "tool", "lookup_order", Kind.TOOL)
    # A secret asset as a careless source might fill it: the raw value everywhere but in the three
    # properties the BOM may read. None of it may leak.
    secret = _asset(SECRET, "secret", RAW_SECRET, Kind.SECRET,
                    properties={"redacted": "sk-p…O3", "sha256": "ab" * 32, "detector": "openai-project-key",
                                "value": RAW_SECRET, "line_text": f'OPENAI_API_KEY = "{RAW_SECRET}"'},
                    facts={"value": RAW_SECRET},
                    evidence={"value": FactEvidence(path="OPENAI_API_KEY", value=RAW_SECRET)})
    assets = [account, deployment, model, search, storage, role, langchain, openai_lib, client, index, hf,
              mcp_remote, mcp_local, agent, tool, secret]
    relations = [
        Relation(ACCOUNT, "deploys", DEPLOYMENT),
        Relation(DEPLOYMENT, "uses_model", MODEL),
        Relation(ACCOUNT, "grounded_on", SEARCH, (("via", "Search Index Data Reader"),)),
        Relation(SEARCH, "grounded_on", STORAGE),
        Relation(CLIENT, "calls", ACCOUNT),
        Relation(CLIENT, "uses_model", DEPLOYMENT),
        Relation(CLIENT, "reads", INDEX),
        Relation(AGENT, "runs", TOOL),
        Relation(AGENT, "runs", MCP_REMOTE),
        Relation(AGENT, "runs", MCP_LOCAL),
        Relation(SECRET, "holds_key_for", ACCOUNT),
        Relation(ROLE, "has_role_on", SEARCH),
    ]
    advisory = {
        "id": "GHSA-7gfq-f96f-g85j",
        "aliases": ["CVE-2023-44467", "PYSEC-2023-205"],
        "summary": "langchain_experimental vulnerable to arbitrary code execution",
        "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
        "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "0.0.308"}]}],
        "fixed": "0.0.308",
    }
    possible = {
        "id": "PYSEC-2024-1",
        "aliases": [],
        "summary": "openai client leaks something",
        "severity": "medium",
        "ranges": [">=1.0.0,<1.2.0"],
        "fixed": "1.2.0",
    }
    findings = [
        Finding(rule_id="GHSA-7gfq-f96f-g85j", title="langchain 0.0.300 is vulnerable", severity=Severity.CRITICAL,
                pillar=Pillar.VULNERABILITY, status=Status.FAIL, asset_uid=LANGCHAIN, evidence={},
                references=References(), advisory=advisory),
        Finding(rule_id="PYSEC-2024-1", title="openai >=1.0,<2 may be vulnerable", severity=Severity.MEDIUM,
                pillar=Pillar.VULNERABILITY, status=Status.UNKNOWN, asset_uid=OPENAI_LIB, evidence={},
                references=References(), advisory=possible),
        Finding(rule_id="AISPM-AZ-001", title="public network access", severity=Severity.HIGH, pillar=Pillar.NETWORK,
                status=Status.FAIL, asset_uid=ACCOUNT, evidence={}, references=References()),
    ]
    return ScanResult(assets=assets, relations=relations, findings=findings, targets=["demo"])


def _validate(text: str, version: str) -> None:
    error = JsonStrictValidator(SCHEMAS[version]).validate_str(text)
    assert error is None, f"CycloneDX {version}: {error}"


def _refs_resolve(bom: dict[str, Any]) -> None:
    """Every bom-ref is unique and every reference (dependencies, affects, BOM-Links, datasets) exists."""
    defined: list[str] = [bom["metadata"]["component"]["bom-ref"]]
    defined += [t["bom-ref"] for t in bom["metadata"].get("tools", {}).get("components", []) if "bom-ref" in t]
    defined += [c["bom-ref"] for c in bom.get("components", [])]
    defined += [s["bom-ref"] for s in bom.get("services", [])]
    defined += [v["bom-ref"] for v in bom.get("vulnerabilities", []) if "bom-ref" in v]
    assert len(defined) == len(set(defined)), "duplicate bom-ref"
    known = set(defined)
    used: list[str] = []
    for d in bom.get("dependencies", []):
        used += [d["ref"], *d.get("dependsOn", [])]
    for v in bom.get("vulnerabilities", []):
        used += [a["ref"] for a in v["affects"]]
    prefix = f"urn:cdx:{bom['serialNumber'].removeprefix('urn:uuid:')}/{bom['version']}#"
    for s in bom.get("services", []):
        for flow in s.get("data", []):
            for link in flow.get("source", []) + flow.get("destination", []):
                assert link.startswith(prefix), link
                used.append(urllib.parse.unquote(link.removeprefix(prefix)))
    for c in bom.get("components", []):
        used += [d["ref"] for d in c.get("modelCard", {}).get("modelParameters", {}).get("datasets", [])]
    missing = sorted(set(used) - known)
    assert not missing, f"references to no element: {missing}"


def _by_ref(bom: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {e["bom-ref"]: e for e in bom.get("components", []) + bom.get("services", [])}


def _props(element: dict[str, Any]) -> dict[str, str]:
    return {p["name"]: p["value"] for p in element.get("properties", [])}


@pytest.fixture(scope="module")
def estate() -> ScanResult:
    return _estate()


@pytest.fixture(scope="module", params=["1.6", "1.7"])
def bom(request: pytest.FixtureRequest, estate: ScanResult) -> tuple[str, str, dict[str, Any]]:
    text = cyclonedx.render(estate, request.param)
    return request.param, text, json.loads(text)


def test_synthetic_estate_is_valid_cyclonedx(bom: tuple[str, str, dict[str, Any]]) -> None:
    version, text, doc = bom
    _validate(text, version)
    assert doc["specVersion"] == version
    _refs_resolve(doc)


def test_metadata_names_the_tool_and_the_target(bom: tuple[str, str, dict[str, Any]]) -> None:
    from aispm import __version__

    meta = bom[2]["metadata"]
    assert meta["timestamp"]
    assert meta["component"]["name"] == "demo"
    assert {"name": "aispm", "version": __version__}.items() <= meta["tools"]["components"][0].items()


def test_libraries_have_a_purl_only_for_an_exact_version(bom: tuple[str, str, dict[str, Any]]) -> None:
    els = _by_ref(bom[2])
    exact, ranged = els[LANGCHAIN], els[OPENAI_LIB]
    assert exact["type"] == "library" and exact["purl"] == "pkg:pypi/langchain@0.0.300"
    assert exact["version"] == "0.0.300"
    assert _props(exact)["aispm:ai_category"] == "llm-framework"
    assert "purl" not in ranged and "version" not in ranged
    assert _props(ranged)["aispm:version_range"] == ">=1.0,<2"
    assert _props(ranged)["aispm:ai_category"] == "llm-sdk"


def test_models_are_ml_components_with_a_model_card(bom: tuple[str, str, dict[str, Any]]) -> None:
    els = _by_ref(bom[2])
    azure = els[MODEL]
    assert azure["type"] == "machine-learning-model"
    assert (azure["name"], azure["version"], azure["group"]) == ("gpt-4o", "2024-08-06", "OpenAI")
    assert azure["modelCard"]["modelParameters"]["task"] == "text-generation"
    hf = els[HF_MODEL]
    assert hf["type"] == "machine-learning-model"
    assert hf["purl"] == ("pkg:huggingface/sentence-transformers/all-MiniLM-L6-v2"
                          "@c9745ed1d9f207416be6d2e6f8de32d1f16199bf")
    assert hf["modelCard"]["modelParameters"] == {}


def test_data_components_for_grounding_and_code_data_sources(bom: tuple[str, str, dict[str, Any]]) -> None:
    els = _by_ref(bom[2])
    for ref in (SEARCH, STORAGE, INDEX):
        assert els[ref]["type"] == "data"
        assert els[ref]["data"][0]["type"] == "dataset"
    assert els[SEARCH]["data"][0]["classification"] == "confidential"
    assert els[INDEX]["data"][0]["classification"] == "internal"
    assert "classification" not in els[STORAGE]["data"][0]


def test_ai_services_with_endpoints_auth_trust_boundary_and_grounding_flows(
        bom: tuple[str, str, dict[str, Any]]) -> None:
    doc = bom[2]
    services = {s["bom-ref"]: s for s in doc["services"]}
    account = services[ACCOUNT]
    assert account["endpoints"] == ["https://oai-demo.openai.azure.com/"]
    assert account["authenticated"] is True
    assert account["x-trust-boundary"] is True
    [flow] = account["data"]
    assert flow["flow"] == "inbound" and flow["classification"] == "confidential"
    assert flow["source"][0].endswith("#" + urllib.parse.quote(SEARCH, safe=""))
    deployment = services[DEPLOYMENT]
    assert deployment["endpoints"] == ["https://oai-demo.openai.azure.com/openai/deployments/gpt-4o"]
    assert deployment["authenticated"] is True  # through the account
    client = services[CLIENT]
    assert client["endpoints"] == ["https://oai-demo.openai.azure.com/"]  # the query (an api-key) is dropped
    assert client["data"][0]["flow"] == "inbound"
    assert "x-trust-boundary" not in client


def test_agents_tools_and_mcp_servers(bom: tuple[str, str, dict[str, Any]]) -> None:
    els = _by_ref(bom[2])
    services = {s["bom-ref"] for s in bom[2]["services"]}
    assert MCP_REMOTE in services
    assert els[MCP_REMOTE]["endpoints"] == ["https://api.githubcopilot.com/mcp/"]
    assert els[MCP_REMOTE]["authenticated"] is True
    assert els[MCP_REMOTE]["x-trust-boundary"] is True
    local = els[MCP_LOCAL]
    assert local["type"] == "application" and _props(local)["aispm:type"] == "mcp-server"
    assert _props(local)["aispm:command"] == "npx"
    assert _props(local)["aispm:fact:pinned"] == "false"
    assert els[AGENT]["type"] == "application" and _props(els[AGENT])["aispm:type"] == "agent"
    assert _props(els[TOOL])["aispm:type"] == "tool"


def test_dependencies_follow_the_relations(bom: tuple[str, str, dict[str, Any]]) -> None:
    deps = {d["ref"]: set(d.get("dependsOn", [])) for d in bom[2]["dependencies"]}
    assert deps[ACCOUNT] == {DEPLOYMENT, SEARCH}
    assert deps[DEPLOYMENT] == {MODEL}
    assert deps[SEARCH] == {STORAGE}
    assert deps[CLIENT] == {ACCOUNT, DEPLOYMENT, INDEX}
    assert deps[AGENT] == {TOOL, MCP_REMOTE, MCP_LOCAL}
    assert CLIENT in deps["aispm:target"] and ACCOUNT not in deps["aispm:target"]
    # posture-only resources are not BOM elements
    assert ROLE not in _by_ref(bom[2]) and ROLE not in deps


def test_vulnerabilities_from_advisories(bom: tuple[str, str, dict[str, Any]]) -> None:
    vulns = {v["id"]: v for v in bom[2]["vulnerabilities"]}
    assert set(vulns) == {"GHSA-7gfq-f96f-g85j", "PYSEC-2024-1"}  # not the posture finding
    v = vulns["GHSA-7gfq-f96f-g85j"]
    assert v["source"] == {"name": "OSV", "url": "https://osv.dev/vulnerability/GHSA-7gfq-f96f-g85j"}
    assert v["description"].startswith("langchain_experimental")
    assert v["recommendation"] == "Upgrade to 0.0.308"
    assert {r["id"] for r in v["references"]} == {"CVE-2023-44467", "PYSEC-2023-205"}
    [rating] = v["ratings"]
    assert rating["method"] == "CVSSv31" and rating["vector"].endswith("AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")
    assert rating["severity"] == "critical"
    [affects] = v["affects"]
    assert affects["ref"] == LANGCHAIN
    versions = affects["versions"]
    assert {"version": "0.0.300", "status": "affected"} in versions
    assert {"range": "vers:pypi/<0.0.308", "status": "affected"} in versions
    assert {"version": "0.0.308", "status": "unaffected"} in versions
    possible = vulns["PYSEC-2024-1"]
    assert possible["affects"][0]["ref"] == OPENAI_LIB
    assert {"range": "vers:pypi/>=1.0.0|<1.2.0", "status": "affected"} in possible["affects"][0]["versions"]
    assert _props(possible)["aispm:possibly_affected"] == "true"
    assert possible["ratings"][0]["severity"] == "medium"


def test_secret_appears_only_redacted(bom: tuple[str, str, dict[str, Any]]) -> None:
    _, text, doc = bom
    assert RAW_SECRET not in text
    assert RAW_SECRET[8:30] not in text
    secret = _by_ref(doc)[SECRET]
    assert secret["type"] == "cryptographic-asset"
    assert secret["cryptoProperties"]["assetType"] == "related-crypto-material"
    props = _props(secret)
    assert props["aispm:redacted"] == "sk-p…O3"
    assert props["aispm:sha256"] == "ab" * 32
    assert props["aispm:detector"] == "openai-project-key"
    assert set(props) <= {"aispm:type", "aispm:redacted", "aispm:sha256", "aispm:detector", "aispm:file", "aispm:line"}


def test_unsupported_spec_version_is_refused(estate: ScanResult) -> None:
    with pytest.raises(ValueError, match="1.6"):
        cyclonedx.render(estate, "1.5")


def test_empty_scan_is_a_valid_bom() -> None:
    for version in SCHEMAS:
        _validate(cyclonedx.render(ScanResult(targets=["."]), version), version)


@pytest.mark.parametrize("version", ["1.6", "1.7"])
def test_metadata_records_the_advisory_data_used(version: str) -> None:
    from aispm.advisories import data_record

    record = data_record()
    text = cyclonedx.render(ScanResult(targets=["."], advisory_data=record), version)
    _validate(text, version)
    props = _props(json.loads(text)["metadata"])
    assert sorted(props) == sorted(f"aispm:advisory-data:{eco}" for eco in record["ecosystems"])
    for eco, entry in record["ecosystems"].items():
        assert json.loads(props[f"aispm:advisory-data:{eco}"]) == entry  # source, data_date, sha256, ...
    assert json.loads(props["aispm:advisory-data:PyPI"])["sha256"] == record["ecosystems"]["PyPI"]["sha256"]
    # without advisory data (vulnerabilities not matched) the metadata says nothing about it
    assert "properties" not in json.loads(cyclonedx.render(ScanResult(targets=["."]), version))["metadata"]


@pytest.mark.parametrize("version", ["1.6", "1.7"])
def test_example_estate(version: str) -> None:
    result = scan([str(EXAMPLE)])
    text = cyclonedx.render(result, version)
    _validate(text, version)
    doc = json.loads(text)
    _refs_resolve(doc)
    models = {c["name"]: c for c in doc["components"] if c["type"] == "machine-learning-model"}
    assert set(models) == {"gpt-4o", "text-embedding-3-large"}
    assert models["gpt-4o"]["version"] == "2024-08-06"
    assert all("modelCard" in m for m in models.values())
    data = {c["name"] for c in doc["components"] if c["type"] == "data"}
    assert {"srch-contoso-rag", "stcontosoragdocs"} <= data
    services = {s["name"]: s for s in doc["services"]}
    account = services["oai-contoso-rag"]
    assert any(f["flow"] == "inbound" and f["name"].endswith("srch-contoso-rag") for f in account["data"])
    deps = {d["ref"]: set(d.get("dependsOn", [])) for d in doc["dependencies"]}
    chat = next(s["bom-ref"] for s in doc["services"] if s["bom-ref"].endswith("azurerm_cognitive_deployment.chat"))
    assert deps[chat] == {"model:azure:OpenAI/gpt-4o@2024-08-06"}


@pytest.mark.parametrize(("advisory", "expected"), [
    ({"ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.2"}]}]}, ["vers:pypi/<1.2"]),
    ({"ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "1.0"}, {"fixed": "1.2"}, {"introduced": "2.0"},
                                                  {"last_affected": "2.3"}]}]},
     ["vers:pypi/>=1.0|<1.2", "vers:pypi/>=2.0|<=2.3"]),
    ({"ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}]}]}, ["vers:pypi/*"]),
    ({"affected": [{"package": {"name": "x", "ecosystem": "PyPI"},
                    "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "3.1"}]}]}]}, ["vers:pypi/>=3.1"]),
    ({"ranges": [{"introduced": "0", "fixed": "0.5"}]}, ["vers:pypi/<0.5"]),
    ({"ranges": ["<0.5, >=0.1"]}, ["vers:pypi/<0.5|>=0.1"]),
    ({"ranges": ["vers:pypi/<0.5"]}, ["vers:pypi/<0.5"]),
    ({}, []),
])
def test_advisory_ranges_become_vers(advisory: dict[str, Any], expected: list[str]) -> None:
    assert cyclonedx._advisory_ranges(advisory, "PyPI") == expected


def test_a_real_osv_record_as_advisory_validates() -> None:
    """An OSV record from the shipped snapshot, passed through as the advisory, still gives a valid BOM."""
    record = {
        "id": "PYSEC-2023-91", "aliases": ["CVE-2023-32785"],
        "details": "In Langchain through 0.0.155, prompt injection allows execution of arbitrary code",
        "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
        "affected": [{"package": {"ecosystem": "PyPI", "name": "langchain"},
                      "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "0.0.236"}]}]}],
    }
    lib = _asset(LANGCHAIN, "library", "langchain", Kind.LIBRARY,
                 properties={"name": "langchain", "version": "0.0.150", "ecosystem": "PyPI",
                             "purl": "pkg:pypi/langchain@0.0.150"})
    finding = Finding(rule_id="PYSEC-2023-91", title="langchain", severity=Severity.CRITICAL,
                      pillar=Pillar.VULNERABILITY, status=Status.FAIL, asset_uid=LANGCHAIN, evidence={},
                      references=References(), advisory=record)
    result = ScanResult(assets=[lib], findings=[finding], targets=["x"])
    for version in SCHEMAS:
        text = cyclonedx.render(result, version)
        _validate(text, version)
        [v] = json.loads(text)["vulnerabilities"]
        assert v["detail"].startswith("In Langchain")
        assert {"range": "vers:pypi/<0.0.236", "status": "affected"} in v["affects"][0]["versions"]
        assert v["recommendation"] == "Upgrade to 0.0.236"


def _load(root: Path) -> ScanResult:
    """The code-side sources over one fixture folder, until `scan()` runs them itself."""
    from aispm.source import SourceContext
    from aispm.providers.code.mcp import McpSource
    from aispm.providers.code.python import PythonCodeSource
    from aispm.providers.code.secrets import SecretsSource

    files = sorted(p for p in root.rglob("*") if p.is_file())
    result = ScanResult(targets=[str(root)])
    for source in (McpSource(), PythonCodeSource(), SecretsSource()):
        mine = [f for f in files if source.claims(f)]
        if mine:
            loaded = source.load(mine, SourceContext(root=root))
            result.assets += loaded.assets
            result.relations += loaded.relations
    return result


FIXTURES = Path(__file__).parent.parent / "sources"


@pytest.mark.parametrize("version", ["1.6", "1.7"])
def test_mcp_configs_from_the_real_source(version: str) -> None:
    root = FIXTURES / "agents" / "fixtures" / "mcp"
    if not root.is_dir():
        pytest.skip("MCP fixtures not present")
    result = _load(root)
    text = cyclonedx.render(result, version)
    _validate(text, version)
    doc = json.loads(text)
    _refs_resolve(doc)
    services = {s["name"]: s for s in doc.get("services", [])}
    assert services["sentry"]["endpoints"] == ["https://mcp.sentry.dev/mcp"]
    assert services["sentry"]["authenticated"] is True
    assert services["public-weather"]["authenticated"] is False
    local = {c["name"]: c for c in doc["components"] if c["type"] == "application"}
    assert _props(local["playwright"])["aispm:package"] == "@playwright/mcp@latest"
    # every secret the sources found is in the BOM only by its redacted form and hash
    secrets = [a for a in result.assets if a.type == "secret"]
    assert secrets
    for a in secrets:
        c = _by_ref(doc)[a.uid]
        assert _props(c)["aispm:sha256"] == a.properties["sha256"]
    raw = _raw_secrets(root, {a.properties["sha256"] for a in secrets})
    assert raw, "no fixture secret found by its hash"
    for value in raw:
        assert value not in text


def _raw_secrets(root: Path, hashes: set[str]) -> set[str]:
    """The raw values in the fixtures whose SHA-256 is one the sources reported: what a leak would print."""
    import hashlib
    import re

    found = set()
    for path in root.rglob("*"):
        if path.is_file():
            for token in re.findall(r"[^\s\"']{8,}", path.read_text(errors="replace")):
                for candidate in (token, token.rstrip(",")):
                    if hashlib.sha256(candidate.encode()).hexdigest() in hashes:
                        found.add(candidate)
    return found


@pytest.mark.parametrize("version", ["1.6", "1.7"])
def test_python_code_from_the_real_source(version: str) -> None:
    root = FIXTURES / "code" / "fixtures" / "py_app"
    if not root.is_dir():
        pytest.skip("code fixtures not present")
    text = cyclonedx.render(_load(root), version)
    _validate(text, version)
    doc = json.loads(text)
    _refs_resolve(doc)
    purls = {c.get("purl") for c in doc["components"] if c["type"] == "machine-learning-model"}
    assert "pkg:huggingface/meta-llama/Llama-3.1-8B-Instruct" in purls
    assert any(s.get("endpoints") for s in doc["services"])


@pytest.mark.parametrize("version", ["1.6", "1.7"])
def test_findings_of_the_advisory_matcher(version: str) -> None:
    """The findings `aispm.advisories` makes from the shipped snapshot become a valid `vulnerabilities[]`."""
    findings_mod = pytest.importorskip("aispm.advisories.findings")
    lib = _asset(LANGCHAIN, "library", "langchain", Kind.LIBRARY,
                 properties={"name": "langchain", "version": "0.0.300", "ecosystem": "PyPI",
                             "purl": "pkg:pypi/langchain@0.0.300"})
    findings = findings_mod.vulnerability_findings([lib])
    assert findings
    text = cyclonedx.render(ScanResult(assets=[lib], findings=findings, targets=["x"]), version)
    _validate(text, version)
    doc = json.loads(text)
    _refs_resolve(doc)
    vulns = {v["id"]: v for v in doc["vulnerabilities"]}
    assert set(vulns) == {f.rule_id for f in findings}
    v = vulns["PYSEC-2023-162"]
    assert v["recommendation"] == "Upgrade to 0.0.308"
    [rating] = v["ratings"]
    assert (rating["method"], rating["score"], rating["severity"]) == ("CVSSv31", 9.8, "critical")
    assert {"range": "vers:pypi/<0.0.308", "status": "affected"} in v["affects"][0]["versions"]
