"""The Bicep source: evaluation into ARM-shaped assets, modules, parameter files, errors."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest


from aispm.model import Kind, Unknown  # noqa: E402
from aispm.source import SourceContext  # noqa: E402
from aispm.providers.azure.bicep.source import BicepSource  # noqa: E402

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
CORPUS = HERE / "corpus"
SUITE = Path(__file__).parents[2] / "conformance" / "checkov"


def load(root: Path, files: list[Path] | None = None):
    if files is None:
        files = sorted(p for p in root.rglob("*") if BicepSource().claims(p))
    return BicepSource().load(files, SourceContext(root=root))


def scan_text(tmp_path: Path, text: str, name: str = "main.bicep", **others: str):
    (tmp_path / name).write_text(textwrap.dedent(text))
    for rel, body in others.items():
        rel = rel.replace("__", "/")
        if rel.endswith("_bicep"):
            rel = rel[: -len("_bicep")] + ".bicep"
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(body))
    result = load(tmp_path, [tmp_path / name])
    return result, {a.origin.address: a for a in result.assets}


# --------------------------------------------------------------------------- the source contract


def test_claims():
    src = BicepSource()
    assert src.name == "bicep"
    assert src.claims(Path("infra/main.bicep")) and src.claims(Path("main.bicepparam"))
    assert src.claims(Path("X.BICEP"))
    assert not src.claims(Path("main.json")) and not src.claims(Path("main.bicep.bak"))


def test_resource_asset_shape(tmp_path):
    result, assets = scan_text(
        tmp_path,
        """\
        param location string = 'swedencentral'

        @description('The account')
        resource acct 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
          name: 'oai-${location}'
          location: location
          kind: 'OpenAI'
          sku: { name: 'S0' }
          identity: { type: 'SystemAssigned' }
          tags: { env: 'dev' }
          properties: {
            publicNetworkAccess: 'Disabled'
            disableLocalAuth: true
            networkAcls: { defaultAction: 'Deny', ipRules: [] }
          }
          dependsOn: []
        }
        """,
    )
    assert result.errors == [] and result.files == 1
    a = assets["Microsoft.CognitiveServices/accounts.acct"]
    assert a.uid == "bicep:main.bicep:Microsoft.CognitiveServices/accounts.acct"
    assert a.provider == "azure" and a.type == "Microsoft.CognitiveServices/accounts"
    assert a.name == "oai-swedencentral" and a.kind == Kind.AI_SERVICE
    assert (a.origin.file, a.origin.line, a.origin.end_line, a.origin.format) == ("main.bicep", 4, 17, "bicep")
    assert a.parent is None and a.existing is False
    assert a.properties == {
        "location": "swedencentral",
        "kind": "OpenAI",
        "sku": {"name": "S0"},
        "identity": {"type": "SystemAssigned"},
        "tags": {"env": "dev"},
        "properties": {
            "publicNetworkAccess": "Disabled",
            "disableLocalAuth": True,
            "networkAcls": {"defaultAction": "Deny", "ipRules": []},
        },
        "apiVersion": "2024-10-01",
    }


def test_type_is_canonical(tmp_path):
    _, assets = scan_text(tmp_path, "resource s 'microsoft.search/SEARCHSERVICES@2024-06-01-preview' = {\n  name: 's'\n}\n")
    assert assets["Microsoft.Search/searchServices.s"].type == "Microsoft.Search/searchServices"


def test_parameters_without_value_are_unknown(tmp_path):
    _, assets = scan_text(
        tmp_path,
        """\
        param name string
        param disable bool
        resource acct 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
          name: name
          properties: {
            disableLocalAuth: disable
          }
        }
        """,
    )
    a = assets["Microsoft.CognitiveServices/accounts.acct"]
    assert a.name == Unknown("parameter name")
    assert a.properties["properties"]["disableLocalAuth"] == Unknown("parameter disable")


# --------------------------------------------------------------------------- expressions


def test_expressions_evaluate(tmp_path):
    _, assets = scan_text(
        tmp_path,
        """\
        type envName = 'dev' | 'prod'
        param env envName = 'prod'
        param regions string[] = [ 'eastus', 'westeurope' ]
        param optional object?
        var base = { a: 1, b: { c: 'deep' } }
        func suffix(e string) string => e == 'prod' ? 'p' : 'np'
        resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {
          name: 'st${suffix(env)}'
          properties: {
            sum: 1 + 2 * 3 - 4 / 2 % 3
            neg: -5
            cmp: [ 1 < 2, 2 <= 2, 'b' > 'a', 3 >= 4, 1 == 1, 'a' != 'a', 'AB' =~ 'ab', 'x' !~ 'X' ]
            logic: [ true && false, true || false, !true ]
            coalesce: optional.?missing ?? 'fallback'
            nullish: null ?? 'n'
            safe: base.?zzz
            deep: base.b.c
            idx: regions[1]
            last: regions[^1]
            safeIdx: regions[?9]
            nonNull: base.b!.c
            spread: { ...base, a: 2 }
            spreadArr: [ ...regions, 'x' ]
            mapped: map(regions, r => toUpper(r))
            filtered: filter(regions, r => startsWith(r, 'west'))
            total: reduce([ 1, 2, 3 ], 0, (acc, v) => acc + v)
            objs: toObject(regions, r => r, r => length(r))
            loop: [for (r, i) in regions: '${i}:${r}']
            loopIf: [for r in regions: if (r != 'eastus') { region: r }]
            interp: 'a${1}b${true}c${base.a}'
            escaped: 'it\\'s \\${x}'
            multi: '''
        line1
        line2'''
            ternary: env == 'prod' ? 'P' : 'D'
            json: json('{"k": [1]}')
            anyv: any('x')
            keys: objectKeys(base)
            len: length(regions)
            nameOf: nameof(regions)
          }
        }
        """,
    )
    p = assets["Microsoft.Storage/storageAccounts.st"].properties["properties"]
    assert assets["Microsoft.Storage/storageAccounts.st"].name == "stp"
    assert p["sum"] == 1 + 2 * 3 - (4 // 2) % 3
    assert p["neg"] == -5
    assert p["cmp"] == [True, True, True, False, True, False, True, False]
    assert p["logic"] == [False, True, False]
    assert p["coalesce"] == Unknown("parameter optional")  # a root parameter with no value is unknown
    assert p["nullish"] == "n"
    assert p["safe"] is None
    assert p["deep"] == "deep"
    assert (p["idx"], p["last"], p["safeIdx"]) == ("westeurope", "westeurope", None)
    assert p["nonNull"] == "deep"
    assert p["spread"] == {"a": 2, "b": {"c": "deep"}}
    assert p["spreadArr"] == ["eastus", "westeurope", "x"]
    assert p["mapped"] == ["EASTUS", "WESTEUROPE"]
    assert p["filtered"] == ["westeurope"]
    assert p["total"] == 6
    assert p["objs"] == {"eastus": 6, "westeurope": 10}
    assert p["loop"] == ["0:eastus", "1:westeurope"]
    assert p["loopIf"] == [{"region": "westeurope"}]
    assert p["interp"] == "a1bTruec1"
    assert p["escaped"] == "it's ${x}"
    assert p["multi"] == "line1\nline2"
    assert p["ternary"] == "P"
    assert p["json"] == {"k": [1]}
    assert p["anyv"] == "x"
    assert p["keys"] == ["a", "b"]
    assert p["len"] == 2
    assert p["nameOf"] == "regions"


def test_unknown_propagation(tmp_path):
    _, assets = scan_text(
        tmp_path,
        """\
        param flag bool
        param name string
        resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {
          name: 'st${uniqueString(resourceGroup().id)}'
          properties: {
            t: flag ? 'a' : 'b'
            same: flag ? 'x' : 'x'
            andFalse: flag && false
            orTrue: flag || true
            s: '${name}-x'
            now: utcNow()
          }
        }
        """,
    )
    a = assets["Microsoft.Storage/storageAccounts.st"]
    p = a.properties["properties"]
    assert a.name == Unknown("resourceGroup().id")
    assert isinstance(p["t"], Unknown) and "parameter flag" in p["t"].reason
    assert p["same"] == "x"
    assert p["andFalse"] is False and p["orTrue"] is True
    assert p["s"] == Unknown("parameter name")
    assert isinstance(p["now"], Unknown)


def test_symbolic_references(tmp_path):
    _, assets = scan_text(
        tmp_path,
        """\
        resource acct 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
          name: 'oai'
          identity: { type: 'SystemAssigned' }
          properties: {
            customSubDomainName: 'oai-sub'
          }
        }
        resource uami 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
          name: 'id-app'
        }
        resource kv 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
          name: 'kv-shared'
        }
        resource ref 'Microsoft.Web/sites@2023-12-01' = {
          name: 'web'
          properties: {
            accountId: acct.id
            accountName: acct.name
            accountType: acct.type
            apiVersion: acct.apiVersion
            sub: acct.properties.customSubDomainName
            runtime: acct.properties.endpoint
            principal: acct.identity.principalId
            uamiPrincipal: uami.properties.principalId
            key: acct.listKeys().key1
            keyInString: 'k=${acct.listKeys().key1}'
            rid: resourceId('Microsoft.CognitiveServices/accounts', 'oai')
            ridOther: resourceId('Microsoft.CognitiveServices/accounts', 'elsewhere')
            kvId: kv.id
            kvUri: kv.properties.vaultUri
            ref: reference(acct.id).customSubDomainName
          }
        }
        """,
    )
    acct_uid = "bicep:main.bicep:Microsoft.CognitiveServices/accounts.acct"
    p = assets["Microsoft.Web/sites.ref"].properties["properties"]
    assert p["accountId"] == acct_uid
    assert p["accountName"] == "oai"
    assert p["accountType"] == "Microsoft.CognitiveServices/accounts"
    assert p["apiVersion"] == "2024-10-01"
    assert p["sub"] == "oai-sub"
    assert isinstance(p["runtime"], Unknown) and acct_uid in p["runtime"].reason
    assert p["principal"] == acct_uid + "#identity"
    assert p["uamiPrincipal"] == "bicep:main.bicep:Microsoft.ManagedIdentity/userAssignedIdentities.uami#identity"
    assert p["key"] == Unknown(f"key of {acct_uid}")
    assert p["keyInString"] == Unknown(f"key of {acct_uid}")
    assert p["rid"] == acct_uid
    assert p["ridOther"] == (
        "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}"
        "/providers/Microsoft.CognitiveServices/accounts/elsewhere"
    )
    assert p["kvId"] == "bicep:main.bicep:Microsoft.KeyVault/vaults.kv"
    assert isinstance(p["kvUri"], Unknown)
    assert p["ref"] == "oai-sub"
    kv = assets["Microsoft.KeyVault/vaults.kv"]
    assert kv.existing is True and kv.name == "kv-shared"


def test_forward_references_and_cycles(tmp_path):
    _, assets = scan_text(
        tmp_path,
        """\
        var later = acct.name
        var a = b
        var b = a
        resource acct 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
          name: 'x'
          properties: {
            later: later
            cyc: a
            self: acct.properties.other
          }
        }
        """,
    )
    p = assets["Microsoft.CognitiveServices/accounts.acct"].properties["properties"]
    assert p["later"] == "x"
    assert isinstance(p["cyc"], Unknown) and "circular" in p["cyc"].reason
    assert isinstance(p["self"], Unknown)


# --------------------------------------------------------------------------- loops, conditions, children


def test_loops_conditions_and_children(tmp_path):
    result, assets = scan_text(
        tmp_path,
        """\
        param deployments array = [
          { name: 'gpt-4o', capacity: 10 }
          { name: 'embed', capacity: 5 }
        ]
        param unknownList array
        param enableDiag bool

        resource acct 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
          name: 'oai'
          resource dep 'deployments' = [for d in deployments: {
            name: d.name
            sku: { name: 'Standard', capacity: d.capacity }
          }]
        }

        @batchSize(1)
        resource dep2 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = [for (d, i) in deployments: if (i > 0) {
          parent: acct
          name: '${d.name}-2'
        }]

        resource legacy 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = {
          name: 'oai/legacy'
        }

        resource never 'Microsoft.Storage/storageAccounts@2023-05-01' = if (false) {
          name: 'never'
        }

        resource diag 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = if (enableDiag) {
          name: 'diag'
          scope: acct
          properties: {
            logs: [ { categoryGroup: 'allLogs', enabled: true } ]
          }
        }

        resource unknownLoop 'Microsoft.Storage/storageAccounts@2023-05-01' = [for n in unknownList: {
          name: n
        }]
        """,
    )
    assert result.errors == []
    acct = "bicep:main.bicep:Microsoft.CognitiveServices/accounts.acct"
    d0 = assets["Microsoft.CognitiveServices/accounts/deployments.dep[0]"]
    d1 = assets["Microsoft.CognitiveServices/accounts/deployments.dep[1]"]
    assert (d0.name, d1.name) == ("gpt-4o", "embed")
    assert d0.parent == acct and d0.kind == Kind.MODEL_DEPLOYMENT and d0.origin.line == 10
    assert d1.properties["sku"] == {"name": "Standard", "capacity": 5}
    assert "Microsoft.CognitiveServices/accounts/deployments.dep2[0]" not in assets
    d21 = assets["Microsoft.CognitiveServices/accounts/deployments.dep2[1]"]
    assert d21.name == "embed-2" and d21.parent == acct and "condition" not in d21.properties
    legacy = assets["Microsoft.CognitiveServices/accounts/deployments.legacy"]
    assert legacy.name == "legacy" and legacy.parent == acct
    assert "Microsoft.Storage/storageAccounts.never" not in assets
    diag = assets["Microsoft.Insights/diagnosticSettings.diag"]
    assert diag.properties["scope"] == acct
    assert diag.properties["condition"] == Unknown("parameter enableDiag")
    loop = assets["Microsoft.Storage/storageAccounts.unknownLoop[*]"]
    assert isinstance(loop.properties["condition"], Unknown) and isinstance(loop.name, Unknown)


def test_role_assignment_and_private_endpoint(tmp_path):
    _, assets = scan_text(
        tmp_path,
        """\
        resource search 'Microsoft.Search/searchServices@2024-06-01-preview' = {
          name: 'srch'
          identity: { type: 'SystemAssigned' }
        }
        resource acct 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
          name: 'oai'
        }
        resource ra 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
          name: guid(acct.id, search.id, '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd')
          scope: acct
          properties: {
            principalId: search.identity.principalId
            principalType: 'ServicePrincipal'
            roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd')
          }
        }
        resource pe 'Microsoft.Network/privateEndpoints@2024-01-01' = {
          name: 'pe-oai'
          properties: {
            privateLinkServiceConnections: [
              {
                name: 'c'
                properties: {
                  privateLinkServiceId: acct.id
                  groupIds: [ 'account' ]
                }
              }
            ]
          }
        }
        """,
    )
    acct = "bicep:main.bicep:Microsoft.CognitiveServices/accounts.acct"
    ra = assets["Microsoft.Authorization/roleAssignments.ra"]
    assert ra.kind == Kind.ROLE_ASSIGNMENT
    assert isinstance(ra.name, str) and len(ra.name) == 36
    assert ra.properties["scope"] == acct
    assert ra.properties["properties"]["principalId"] == "bicep:main.bicep:Microsoft.Search/searchServices.search#identity"
    assert ra.properties["properties"]["roleDefinitionId"] == (
        "/subscriptions/{subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/"
        "5e0bd9bd-7b93-4f28-af87-19fc36ad61bd"
    )
    pe = assets["Microsoft.Network/privateEndpoints.pe"]
    conn = pe.properties["properties"]["privateLinkServiceConnections"][0]["properties"]
    assert conn == {"privateLinkServiceId": acct, "groupIds": ["account"]}


def test_nested_access_and_loop_references(tmp_path):
    _, assets = scan_text(
        tmp_path,
        """\
        resource vnet 'Microsoft.Network/virtualNetworks@2024-01-01' = {
          name: 'vnet'
          resource snet 'subnets' = {
            name: 'pe'
          }
        }
        resource zones 'Microsoft.Network/privateDnsZones@2024-06-01' = [for z in [ 'a.com', 'b.com' ]: {
          name: z
        }]
        resource user 'Microsoft.Network/privateEndpoints@2024-01-01' = {
          name: 'pe'
          properties: {
            subnet: { id: vnet::snet.id }
            zones: [for i in range(0, 2): zones[i].id]
            second: zones[1].name
          }
        }
        """,
    )
    p = assets["Microsoft.Network/privateEndpoints.user"].properties["properties"]
    assert p["subnet"]["id"] == "bicep:main.bicep:Microsoft.Network/virtualNetworks/subnets.snet"
    assert p["zones"] == [
        "bicep:main.bicep:Microsoft.Network/privateDnsZones.zones[0]",
        "bicep:main.bicep:Microsoft.Network/privateDnsZones.zones[1]",
    ]
    assert p["second"] == "b.com"
    snet = assets["Microsoft.Network/virtualNetworks/subnets.snet"]
    assert snet.parent == "bicep:main.bicep:Microsoft.Network/virtualNetworks.vnet" and snet.name == "pe"


# --------------------------------------------------------------------------- modules


def test_module_params_outputs_and_conditions():
    result = load(FIXTURES / "module_params", [FIXTURES / "module_params" / "main.bicep"])
    assert result.errors == []
    assets = {a.origin.address: a for a in result.assets}
    secure = assets["module.ai.Microsoft.CognitiveServices/accounts.account"]
    assert secure.uid == "bicep:main.bicep:module.ai.Microsoft.CognitiveServices/accounts.account"
    assert (secure.origin.file, secure.origin.line) == ("modules/account.bicep", 7)
    assert secure.name == "contoso-oai"
    # the module's defaults are insecure, the caller passes secure values
    assert secure.properties["properties"] == {"publicNetworkAccess": "Disabled", "disableLocalAuth": True}
    insecure = assets["module.insecure.Microsoft.CognitiveServices/accounts.account"]
    assert insecure.properties["properties"] == {"publicNetworkAccess": "Enabled", "disableLocalAuth": False}
    assert not any(a.startswith("module.skipped.") for a in assets)
    east = assets["module.perRegion[0].Microsoft.CognitiveServices/accounts.account"]
    west = assets["module.perRegion[1].Microsoft.CognitiveServices/accounts.account"]
    assert (east.name, east.properties["location"]) == ("contoso-eastus", "eastus")
    assert (west.name, west.properties["location"]) == ("contoso-westus", "westus")
    reader = assets["Microsoft.Authorization/roleAssignments.reader"]
    assert reader.properties["properties"]["principalId"] == secure.uid + "#identity"


def test_module_file_scanned_as_root_too():
    root = FIXTURES / "module_params"
    result = load(root)
    uids = [a.uid for a in result.assets]
    assert len(uids) == len(set(uids))
    assert "bicep:modules/account.bicep:Microsoft.CognitiveServices/accounts.account" in uids
    alone = next(a for a in result.assets if a.uid.startswith("bicep:modules/"))
    assert alone.name == Unknown("parameter name")


def test_module_outputs_and_registry_modules(tmp_path, monkeypatch):
    monkeypatch.setenv("AISPM_BICEP_CACHE", str(tmp_path / "no-cache"))
    result, assets = scan_text(
        tmp_path,
        """\
        module net 'modules/net.bicep' = {
          name: 'net'
          params: { prefix: '10.1' }
        }
        module avm 'br:contoso.azurecr.io/bicep/modules/ai-account:0.10.2' = {
          name: 'avm'
          params: { name: 'x' }
        }
        resource site 'Microsoft.Web/sites@2023-12-01' = {
          name: 'web'
          properties: {
            subnet: net.outputs.subnetId
            cidr: net.outputs.cidr
            avmEndpoint: avm.outputs.endpoint
            modName: net.name
          }
        }
        """,
        modules__net_bicep="""\
        param prefix string
        resource vnet 'Microsoft.Network/virtualNetworks@2024-01-01' = {
          name: 'vnet'
          properties: {
            addressSpace: { addressPrefixes: [ '${prefix}.0.0/16' ] }
          }
        }
        output subnetId string = '${vnet.id}/subnets/default'
        output cidr string = vnet.properties.addressSpace.addressPrefixes[0]
        """,
    )
    p = assets["Microsoft.Web/sites.site"].properties["properties"]
    assert p["subnet"] == "bicep:main.bicep:module.net.Microsoft.Network/virtualNetworks.vnet/subnets/default"
    assert p["cidr"] == "10.1.0.0/16"
    assert isinstance(p["avmEndpoint"], Unknown) and "registry module" in p["avmEndpoint"].reason
    assert p["modName"] == "net"
    assert not any(a.startswith("module.avm.") for a in assets)
    # a registry module that cannot be read offline is a warning naming it, never silence
    assert any("br:contoso.azurecr.io/bicep/modules/ai-account:0.10.2 not resolved" in w for w in result.warnings)


def test_nested_modules_and_unknown_module_condition(tmp_path):
    _, assets = scan_text(
        tmp_path,
        """\
        param deploy bool
        module outer 'outer.bicep' = if (deploy) {
          name: 'outer'
        }
        """,
        outer_bicep="""\
        module inner 'inner.bicep' = {
          name: 'inner'
          params: { n: 'kv-inner' }
        }
        """,
        inner_bicep="""\
        param n string
        resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {
          name: n
        }
        """,
    )
    kv = assets["module.outer.module.inner.Microsoft.KeyVault/vaults.kv"]
    assert kv.name == "kv-inner" and kv.origin.file == "inner.bicep"
    assert kv.properties["condition"] == Unknown("parameter deploy")


def test_module_cycle_is_reported_not_fatal():
    result = load(FIXTURES / "cycle")
    assert any("module cycle" in e.message for e in result.errors)
    addresses = {a.origin.address for a in result.assets}
    assert "Microsoft.Storage/storageAccounts.st" in addresses


def test_imports_and_user_defined_functions(tmp_path):
    _, assets = scan_text(
        tmp_path,
        """\
        import { roles, roleId as rid, tagsFor } from 'shared.bicep'
        import * as shared from 'shared.bicep'
        resource ra 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
          name: 'ra'
          tags: tagsFor('dev')
          properties: {
            roleDefinitionId: rid(roles.reader)
            viaNs: shared.roles.reader
            viaNsFunc: shared.tagsFor('prod')
          }
        }
        """,
        shared_bicep="""\
        @export()
        var roles = {
          reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7'
        }
        @export()
        func roleId(id string) string => '/providers/Microsoft.Authorization/roleDefinitions/${id}'
        @export()
        func tagsFor(env string) object => { env: env }
        """,
    )
    ra = assets["Microsoft.Authorization/roleAssignments.ra"]
    assert ra.properties["tags"] == {"env": "dev"}
    p = ra.properties["properties"]
    assert p["roleDefinitionId"] == "/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7"
    assert p["viaNs"] == "acdd72a7-3385-48ef-bd42-f606fba81ae7"
    assert p["viaNsFunc"] == {"env": "prod"}


def test_load_content_functions(tmp_path):
    (tmp_path / "cfg").mkdir()
    (tmp_path / "cfg" / "settings.json").write_text(json.dumps({"sku": {"name": "S0"}, "list": [1, 2]}))
    (tmp_path / "cfg" / "prompt.txt").write_text("You are a helpful assistant.")
    (tmp_path / "cfg" / "rules.yaml").write_text("mode: Blocking\nfilters:\n  - Hate\n")
    _, assets = scan_text(
        tmp_path,
        """\
        var settings = loadJsonContent('cfg/settings.json')
        resource acct 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
          name: 'oai'
          sku: settings.sku
          properties: {
            prompt: loadTextContent('cfg/prompt.txt')
            second: loadJsonContent('cfg/settings.json', '$.list[1]')
            yaml: loadYamlContent('cfg/rules.yaml')
            b64: loadFileAsBase64('cfg/prompt.txt')
            missing: loadTextContent('cfg/nope.txt')
            outside: loadTextContent('../../../../etc/hostname')
          }
        }
        """,
    )
    a = assets["Microsoft.CognitiveServices/accounts.acct"]
    p = a.properties["properties"]
    assert a.properties["sku"] == {"name": "S0"}
    assert p["prompt"] == "You are a helpful assistant."
    assert p["second"] == 2
    assert p["yaml"] == {"mode": "Blocking", "filters": ["Hate"]}
    assert p["b64"] == "WW91IGFyZSBhIGhlbHBmdWwgYXNzaXN0YW50Lg=="
    assert isinstance(p["missing"], Unknown)
    assert isinstance(p["outside"], Unknown) and "outside" in p["outside"].reason


# --------------------------------------------------------------------------- parameter files


def test_bicepparam_values_are_used(tmp_path):
    (tmp_path / "main.bicep").write_text(
        "param name string\nparam local bool = true\n"
        "resource acct 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\n"
        "  name: name\n  properties: {\n    disableLocalAuth: !local\n  }\n}\n"
    )
    (tmp_path / "main.bicepparam").write_text(
        "using './main.bicep'\nvar env = 'prod'\nparam name = 'oai-${env}'\nparam local = false\n"
    )
    result = load(tmp_path)
    assert result.errors == [] and result.files == 2
    (a,) = result.assets
    assert a.name == "oai-prod"
    assert a.properties["properties"]["disableLocalAuth"] is True


def test_arm_parameters_json_is_used(tmp_path):
    (tmp_path / "main.bicep").write_text(
        "param name string\nparam env string\n"
        "resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {\n  name: name\n  tags: { env: env }\n}\n"
    )
    (tmp_path / "main.parameters.json").write_text(
        json.dumps({"parameters": {"name": {"value": "kv-x"}, "env": {"value": "${AZURE_ENV_NAME}"}}})
    )
    (a,) = load(tmp_path).assets
    assert a.name == "kv-x"
    assert isinstance(a.properties["tags"]["env"], Unknown)


# --------------------------------------------------------------------------- bad input


def test_syntax_error_is_a_scan_error_and_other_files_go_on():
    result = load(FIXTURES / "bad")
    assert len(result.errors) == 1
    err = result.errors[0]
    assert err.file == "broken.bicep" and err.line == 7
    assert err.message.startswith("invalid Bicep: ")
    assert [a.origin.address for a in result.assets] == ["Microsoft.Search/searchServices.search"]


def test_bad_bicepparam_and_non_utf8(tmp_path):
    (tmp_path / "main.bicepparam").write_text("using './main.bicep'\nparam = 1\n")
    (tmp_path / "latin1.bicep").write_bytes(b"var x = '\xe9'\n")
    result = load(tmp_path)
    files = sorted((e.file, e.line) for e in result.errors)
    assert files == [("latin1.bicep", 1), ("main.bicepparam", 2)]


# --------------------------------------------------------------------------- corpus and conformance


def test_corpus_evaluates_without_errors():
    result = load(CORPUS)
    assert result.errors == []
    uids = [a.uid for a in result.assets]
    assert len(uids) == len(set(uids))
    by_uid = {a.uid: a for a in result.assets}
    acct = by_uid["bicep:main.bicep:module.openAi.Microsoft.CognitiveServices/accounts.account"]
    # main.bicepparam sets useVnet = true, so the caller disables public access
    assert acct.properties["properties"]["publicNetworkAccess"] == "Disabled"
    assert acct.properties["location"] == "swedencentral"
    deps = [a for a in result.assets if a.uid.startswith("bicep:main.bicep:module.openAi.") and "deployments" in a.type]
    assert [d.name for d in deps] == ["gpt-4o", "text-embedding-3-large"]
    diag = by_uid["bicep:main.bicep:module.openAi.Microsoft.Insights/diagnosticSettings.diagnostics"]
    assert diag.properties["scope"] == acct.uid
    assert diag.properties["properties"]["workspaceId"] == (
        "bicep:main.bicep:module.monitoring.Microsoft.OperationalInsights/workspaces.logAnalytics"
    )


def _bicep_sets():
    path = SUITE / "expected.json"
    if not path.is_file():
        return []
    return [e for e in json.loads(path.read_text()) if e["framework"] == "bicep"]


@pytest.mark.parametrize("entry", _bicep_sets(), ids=lambda e: e["check_id"])
def test_checkov_bicep_addresses(entry):
    root = SUITE / entry["dir"]
    result = load(root)
    assert result.errors == []
    addresses = {a.origin.address for a in result.assets}
    assert set(entry["pass"]) | set(entry["fail"]) <= addresses


def test_missing_index_into_resource_property_is_unknown(tmp_path):
    result, assets = scan_text(
        tmp_path,
        """\
        resource acct 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
          name: 'oai'
          properties: {
            ipRules: [ { value: '1.2.3.4' } ]
          }
        }
        resource user 'Microsoft.Web/sites@2023-12-01' = {
          name: 'web'
          properties: {
            first: acct.properties.ipRules[0].value
            missing: acct.properties.ipRules[3].value
          }
        }
        """,
    )
    assert result.errors == []
    p = assets["Microsoft.Web/sites.user"].properties["properties"]
    assert p["first"] == "1.2.3.4"
    assert isinstance(p["missing"], Unknown) and "ipRules.3" in p["missing"].reason
