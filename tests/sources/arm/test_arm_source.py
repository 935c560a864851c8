"""The ARM template source: detection, expressions, loops, nesting, references, lines, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aispm.model import Asset, Kind, Unknown
from aispm.providers.azure.arm.document import parse_json
from aispm.providers.azure.arm.expressions import ExprError, parse_expression
from aispm.providers.azure.arm.source import ArmSource
from aispm.source import SourceContext

FIXTURES = Path(__file__).parent / "fixtures"
CHECKOV = Path(__file__).parents[2] / "conformance" / "checkov"


def load(root: Path, files: list[Path] | None = None, **ctx_kw):  # type: ignore[no-untyped-def]
    src = ArmSource()
    if files is None:
        files = sorted(p for p in root.rglob("*") if p.is_file() and src.claims(p))
    return src.load(files, SourceContext(root=root, **ctx_kw))


def by_address(assets: list[Asset]) -> dict[str, Asset]:
    return {a.origin.address: a for a in assets}


@pytest.fixture(scope="module")
def basic() -> dict[str, Asset]:
    result = load(FIXTURES / "basic")
    assert result.errors == []
    assert result.files == 2  # main.json and its parameters file; package.json is not ARM
    return by_address(result.assets)


ACCT = "arm:main.json:Microsoft.CognitiveServices/accounts.contoso-aoai"


# --------------------------------------------------------------------- expression parser


@pytest.mark.parametrize(
    ("src", "ast"),
    [
        ("'it''s'", ("lit", "it's")),
        ("-12", ("lit", -12)),
        ("true", ("lit", True)),
        ("null", ("lit", None)),
        ("concat('a', 1)", ("call", "concat", [("lit", "a"), ("lit", 1)])),
        ("resourceGroup().location", ("member", ("call", "resourceGroup", []), "location")),
        (
            "parameters('x')[0]['y'].z.w",
            ("member", ("member", ("index", ("index", ("call", "parameters", [("lit", "x")]), ("lit", 0)),
                                   ("lit", "y")), "z"), "w"),
        ),
        ("ns.fn()", ("call", "ns.fn", [])),
        ("  f ( 'a' , g() ) ", ("call", "f", [("lit", "a"), ("call", "g", [])])),
    ],
)
def test_expression_parser(src: str, ast: tuple) -> None:
    assert parse_expression(src) == ast


@pytest.mark.parametrize("src", ["concat('a', ", "'unterminated", "f() g()", "bare", "f(,)", "a.b.c"])
def test_expression_parser_errors(src: str) -> None:
    with pytest.raises(ExprError):
        parse_expression(src)


# --------------------------------------------------------------------- detection


def test_detection_and_parameters_file(tmp_path: Path) -> None:
    (tmp_path / "t.json").write_text(json.dumps({
        "$schema": "https://schema.management.azure.com/schemas/2099-01-01/deploymentTemplate.json#",
        "resources": [{"type": "Microsoft.Search/searchServices", "name": "[parameters('n')]"}],
        "parameters": {"n": {"type": "string", "defaultValue": "dflt"}},
    }))
    (tmp_path / "t.parameters.json").write_text(json.dumps({
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
        "parameters": {"n": {"value": "fromfile"}},
    }))
    (tmp_path / "noschema.json").write_text(json.dumps({
        "contentVersion": "1.0.0.0", "resources": [{"type": "Microsoft.Search/searchServices", "name": "s2"}]}))
    (tmp_path / "other.json").write_text(json.dumps({"resources": [1, 2], "name": "not arm"}))
    (tmp_path / "list.json").write_text("[1, 2, 3]")
    (tmp_path / "broken-other.json").write_text("{ not json at all")
    result = load(tmp_path)
    assert result.errors == []
    assert sorted(a.origin.address for a in result.assets) == [
        "Microsoft.Search/searchServices.fromfile", "Microsoft.Search/searchServices.s2"]
    assert ArmSource().claims(Path("x.JSON")) and not ArmSource().claims(Path("x.bicep"))


def test_parameters_values(basic: dict[str, Asset]) -> None:
    acct = basic["Microsoft.CognitiveServices/accounts.contoso-aoai"]  # prefix from main.parameters.json
    assert acct.name == "contoso-aoai"
    assert acct.properties["properties"]["customSubDomainName"] == "contoso-aoai"
    assert acct.properties["location"] == Unknown("resourceGroup().location")
    assert acct.properties["apiVersion"] == "2023-05-01"
    assert acct.kind is Kind.AI_SERVICE
    assert acct.uid == ACCT
    assert set(acct.properties) == {"location", "kind", "identity", "properties", "apiVersion"}


def test_variables_and_copy_in_properties(basic: dict[str, Asset]) -> None:
    acls = basic["Microsoft.CognitiveServices/accounts.contoso-aoai"].properties["properties"]["networkAcls"]
    assert acls["virtualNetworkRules"] == [{"id": "snet0"}, {"id": "snet1"}]
    assert "copy" not in acls
    storage = [a for a in basic.values() if a.type == "Microsoft.Storage/storageAccounts"]
    assert len(storage) == 1 and storage[0].name.startswith("contosost")


def test_resource_copy_loop(basic: dict[str, Asset]) -> None:
    d1 = basic["Microsoft.CognitiveServices/accounts/deployments.contoso-aoai/gpt-4o"]
    d2 = basic["Microsoft.CognitiveServices/accounts/deployments.contoso-aoai/gpt-35-turbo"]
    assert d1.properties["properties"] == {"model": {"name": "gpt-4o"}, "index": 10}
    assert d2.properties["properties"]["index"] == 11
    assert d1.parent == d2.parent == ACCT  # top-level child type: parent found by name
    assert d1.name == "gpt-4o" and d1.kind is Kind.MODEL_DEPLOYMENT
    assert d1.origin.line == d2.origin.line == 44


def test_nested_child_resource(basic: dict[str, Asset]) -> None:
    dep = basic["Microsoft.CognitiveServices/accounts/deployments.contoso-aoai/gpt4o"]
    assert dep.type == "Microsoft.CognitiveServices/accounts/deployments"
    assert dep.name == "gpt4o"
    assert dep.parent == ACCT
    assert "dependsOn" not in dep.properties
    assert dep.uid == "arm:main.json:Microsoft.CognitiveServices/accounts/deployments.contoso-aoai/gpt4o"


def test_condition(basic: dict[str, Asset]) -> None:
    assert "Microsoft.Network/privateEndpoints.pe-skipped" not in basic  # condition false: not deployed
    pe = basic["Microsoft.Network/privateEndpoints.pe-maybe"]
    assert isinstance(pe.properties["condition"], Unknown)
    conn = pe.properties["properties"]["privateLinkServiceConnections"][0]["properties"]
    assert conn["privateLinkServiceId"] == ACCT


def test_references(basic: dict[str, Asset]) -> None:
    ra = next(a for a in basic.values() if a.type == "Microsoft.Authorization/roleAssignments")
    assert ra.properties["properties"]["principalId"] == ACCT + "#identity"
    assert ra.properties["scope"].startswith("arm:main.json:Microsoft.Storage/storageAccounts.contosost")
    assert ra.properties["properties"]["roleDefinitionId"] == (
        "/subscriptions/{subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/"
        "ba92f5b4-2d11-453d-a403-e96b0029c9fe")
    settings = {s["name"]: s["value"] for s in
                basic["Microsoft.Web/sites.app"].properties["properties"]["siteConfig"]["appSettings"]}
    assert settings["KEY"] == Unknown(f"key of {ACCT}")
    assert settings["ENDPOINT"] == "contoso-aoai"  # reference() of a declared resource: its properties
    assert settings["EXT"] == ("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/"
                               "Microsoft.KeyVault/vaults/elsewhere")
    assert isinstance(settings["BAD"], Unknown)  # unparsable expression: Unknown, no error
    assert settings["LIT"] == "[not an expression]"
    assert settings["BLOB"].endswith(".blob.core.windows.net")


def test_extension_scope(basic: dict[str, Asset]) -> None:
    diag = basic["Microsoft.Insights/diagnosticSettings.diag"]
    assert diag.properties["scope"] == ACCT
    assert diag.kind is Kind.MONITORING
    legacy = basic["Microsoft.Insights/diagnosticSettings.legacy"]
    assert legacy.type == "Microsoft.Insights/diagnosticSettings"
    assert legacy.name == "legacy"
    assert legacy.properties["scope"] == ACCT
    assert legacy.parent is None


def test_line_numbers(basic: dict[str, Asset]) -> None:
    lines = {a.origin.address: (a.origin.line, a.origin.end_line) for a in basic.values()}
    assert lines["Microsoft.CognitiveServices/accounts.contoso-aoai"] == (20, 43)
    assert lines["Microsoft.CognitiveServices/accounts/deployments.contoso-aoai/gpt4o"] == (35, 41)
    assert lines["Microsoft.Web/sites.app"][0] == 105
    for a in basic.values():
        assert a.origin.file == "main.json" and a.origin.format == "arm"


def test_line_numbers_with_duplicate_keys() -> None:
    result = load(FIXTURES / "dupkeys")
    assets = by_address(result.assets)
    assert assets["Microsoft.Search/searchServices.one"].origin.line == 5
    assert assets["Microsoft.Search/searchServices.one"].properties["properties"] == {"replicaCount": 1}
    assert assets["Microsoft.Search/searchServices.two"].origin.line == 11


def test_lines_match_braces_in_strings() -> None:
    text = '{\n "a": "{ not a brace }",\n "b": [\n  {"c": "\\" {"},\n  {\n  }\n ]\n}'
    doc = parse_json(text)
    assert doc.line_of(doc.value["b"][0])[0] == 4
    assert doc.line_of(doc.value["b"][1]) == (5, 6)


def test_nested_deployments() -> None:
    result = load(FIXTURES, [FIXTURES / "nested" / "azuredeploy.json",
                             FIXTURES / "linked" / "templates" / "storage.json"])
    assert result.errors == []
    assets = by_address(result.assets)
    inner = assets["module.innerDeploy.Microsoft.CognitiveServices/accounts.outer-inner"]
    assert inner.properties["sku"] == {"name": "F0"}  # the inner template's own default
    assert inner.uid == "arm:nested/azuredeploy.json:module.innerDeploy.Microsoft.CognitiveServices/accounts.outer-inner"
    outer = assets["module.outerDeploy.Microsoft.Search/searchServices.outer-search"]
    assert outer.properties["sku"] == {"name": "S0"}  # outer scope: the parent's variables
    linked = assets["module.linked.Microsoft.Storage/storageAccounts.outerst"]
    assert linked.origin.file == "linked/templates/storage.json" and linked.origin.line == 6
    # the linked file is not emitted a second time on its own
    assert not any(a.name == "standalone" for a in result.assets)
    dep = assets["Microsoft.Resources/deployments.innerDeploy"]
    assert "template" not in dep.properties["properties"]


def test_symbolic_name_template() -> None:
    result = load(FIXTURES / "symbolic")
    assert result.errors == []
    assets = by_address(result.assets)
    acct = assets["Microsoft.CognitiveServices/accounts.sym"]
    dep = assets["Microsoft.CognitiveServices/accounts/deployments.sym/chat"]
    assert dep.parent == acct.uid
    assert dep.properties["properties"]["raiPolicyName"] == "policy-x"  # user-defined function
    kv = assets["Microsoft.KeyVault/vaults.kv"]
    assert kv.existing is True
    ra = next(a for a in result.assets if a.type == "Microsoft.Authorization/roleAssignments")
    assert ra.properties["scope"] == acct.uid
    assert ra.properties["properties"]["principalId"] == acct.uid + "#identity"
    assert ra.properties["properties"]["endpoint"] == "Enabled"
    assert ra.properties["properties"]["doubled"] == [2, 4]  # lambda


def test_bad_input() -> None:
    result = load(FIXTURES / "bad")
    errors = {e.file: e for e in result.errors}
    assert errors["truncated.json"].line == 8
    assert errors["truncated.json"].message.startswith("invalid JSON: ")
    assert "UTF-8" in errors["latin1.json"].message
    assert result.assets == []


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "big.json").write_text("{" + " " * 2048 + "}")
    result = load(tmp_path, max_file_size=1024)
    assert len(result.errors) == 1 and "limit" in result.errors[0].message


def test_unknown_name_and_count(tmp_path: Path) -> None:
    (tmp_path / "t.json").write_text(json.dumps({
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "parameters": {"n": {"type": "string"}, "c": {"type": "int"}},
        "resources": [
            {"type": "Microsoft.Search/searchServices", "name": "[parameters('n')]"},
            {"type": "Microsoft.Search/searchServices", "name": "[concat('s', copyIndex())]",
             "copy": {"name": "l", "count": "[parameters('c')]"}},
            {"type": "Microsoft.Search/searchServices", "name": "none", "copy": {"name": "z", "count": 0}},
        ],
    }))
    result = load(tmp_path)
    assert result.errors == []
    addresses = [a.origin.address for a in result.assets]
    assert addresses == ["Microsoft.Search/searchServices.[parameters('n')]",
                         "Microsoft.Search/searchServices.[concat('s', copyIndex())]"]
    assert all(isinstance(a.name, Unknown) for a in result.assets)


@pytest.mark.parametrize(
    "check", [e for e in json.loads((CHECKOV / "expected.json").read_text()) if e["framework"] == "arm"],
    ids=lambda e: e["check_id"],
)
def test_checkov_conformance_fixtures_load(check: dict) -> None:
    root = CHECKOV / check["dir"]
    result = load(root)
    assert result.errors == []
    got = {a.origin.address for a in result.assets}
    assert got == set(check["pass"]) | set(check["fail"])
    for a in result.assets:
        assert a.origin.line >= 1 and a.type in check["resource_types"]


def test_large_template_is_fast(tmp_path: Path) -> None:
    resources = [{
        "type": "Microsoft.CognitiveServices/accounts", "apiVersion": "2023-05-01",
        "name": f"[concat(parameters('p'), '{i}')]", "location": "[resourceGroup().location]",
        "properties": {"publicNetworkAccess": "Disabled",
                       "networkAcls": {"ipRules": [{"value": f"10.0.0.{j}"} for j in range(20)]}},
    } for i in range(3000)]
    tpl = {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
           "contentVersion": "1.0.0.0", "parameters": {"p": {"type": "string", "defaultValue": "x"}},
           "resources": resources}
    path = tmp_path / "big.json"
    path.write_text(json.dumps(tpl, indent=2))
    result = load(tmp_path)  # speed is measured by benchmarks/iac_vs_checkov.py, not here
    assert len(result.assets) == 3000 and result.errors == []
    assert result.assets[-1].origin.address == "Microsoft.CognitiveServices/accounts.x2999"


def test_unknown_condition_reaches_nested_deployment(tmp_path: Path) -> None:
    (tmp_path / "t.json").write_text(json.dumps({
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "parameters": {"on": {"type": "bool"}},
        "resources": [{
            "type": "Microsoft.Resources/deployments", "name": "d", "condition": "[parameters('on')]",
            "properties": {"template": {"resources": [
                {"type": "Microsoft.Search/searchServices", "name": "s"}]}},
        }],
    }))
    assets = by_address(load(tmp_path).assets)
    assert isinstance(assets["module.d.Microsoft.Search/searchServices.s"].properties["condition"], Unknown)
