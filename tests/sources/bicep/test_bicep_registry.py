"""Bicep registry modules (`br:`, `br/<alias>:`) resolved offline: the module cache `bicep restore`
fills, a compiled `main.json` beside the template, the Azure Verified Modules aispm ships — and a
warning naming every module that is none of these."""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path

import pytest

from aispm.providers.azure.bicep.registry import BUILTIN_ALIASES, ModuleRef, cache_file, encode_tag, parse_reference
from aispm.providers.azure.bicep.source import BicepSource
from aispm.source import SourceContext

ACCOUNT_TEMPLATE = {
    "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    "languageVersion": "2.0",
    "contentVersion": "1.0.0.0",
    "parameters": {"name": {"type": "string"}, "publicNetworkAccess": {"type": "string", "defaultValue": "Enabled"}},
    "resources": {
        "account": {
            "type": "Microsoft.CognitiveServices/accounts",
            "apiVersion": "2024-10-01",
            "name": "[parameters('name')]",
            "kind": "OpenAI",
            "properties": {"publicNetworkAccess": "[parameters('publicNetworkAccess')]"},
        }
    },
    "outputs": {"resourceId": {"type": "string",
                               "value": "[resourceId('Microsoft.CognitiveServices/accounts', parameters('name'))]"}},
}

CALLER = """\
module ai '{ref}' = {{
  name: 'ai'
  params: {{ name: 'oai', publicNetworkAccess: 'Disabled' }}
}}
resource pe 'Microsoft.Network/privateEndpoints@2024-01-01' = {{
  name: 'pe'
  properties: {{
    privateLinkServiceConnections: [ {{ name: 'c', properties: {{ privateLinkServiceId: ai.outputs.resourceId }} }} ]
  }}
}}
"""


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    root = tmp_path / "bicep-cache"
    root.mkdir()
    monkeypatch.setenv("AISPM_BICEP_CACHE", str(root))
    return root


def load(root: Path, *names: str):
    files = [root / n for n in names] if names else sorted(p for p in root.rglob("*.bicep"))
    result = BicepSource().load(files, SourceContext(root=root))
    return result, {a.origin.address: a for a in result.assets}


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))
    return path


def cached(root: Path, ref: str, template: dict) -> Path:
    got = parse_reference(ref, BUILTIN_ALIASES)
    assert isinstance(got, ModuleRef)
    file = cache_file(got, root)
    file.parent.mkdir(parents=True)
    file.write_text(json.dumps(template))
    return file


# --------------------------------------------------------------------------- references, as Bicep writes them


def test_references_expand_aliases_as_bicep_does():
    got = parse_reference("br/public:avm/res/network/private-endpoint:0.11.1", BUILTIN_ALIASES)
    assert (got.registry, got.repository, got.tag) == ("mcr.microsoft.com", "bicep/avm/res/network/private-endpoint",
                                                        "0.11.1")
    got = parse_reference("br:Contoso.azurecr.io/infra/ai@sha256:" + "a" * 64, BUILTIN_ALIASES)
    assert (got.registry, got.repository, got.digest) == ("contoso.azurecr.io", "infra/ai", "sha256:" + "a" * 64)
    assert "not defined" in parse_reference("br/corp:ai:1.0", BUILTIN_ALIASES)
    assert "template specs" in parse_reference("ts:sub/rg/spec:1.0", BUILTIN_ALIASES)
    for bad in ("br:contoso.azurecr.io/../../etc:1", "br:../x/y:1", "br:contoso.azurecr.io/x:../1", "br:r/x:"):
        assert isinstance(parse_reference(bad, BUILTIN_ALIASES), str), bad


def test_the_cache_layout_is_bicep_s():
    """`OciArtifactRegistry`: registry (`:` as `$`), repository (`/` as `$`), tag + `$` + the hex mask of
    its upper-case letters, digest with `#`."""
    assert encode_tag("0.10.1") == "0.10.1$"
    assert encode_tag("V1") == "V1$1" and encode_tag("aB") == "aB$2" and encode_tag("v1-RC") == "v1-RC$18"
    ref = parse_reference("br/public:avm/res/cognitive-services/account:0.10.1", BUILTIN_ALIASES)
    assert cache_file(ref, Path("/c")).as_posix() == \
        "/c/br/mcr.microsoft.com/bicep$avm$res$cognitive-services$account/0.10.1$/main.json"
    ref = parse_reference("br:localhost:5000/x/y@sha256:" + "b" * 64, BUILTIN_ALIASES)
    assert cache_file(ref, Path("/c")).as_posix() == f"/c/br/localhost$5000/x$y/sha256#{'b' * 64}/main.json"


# --------------------------------------------------------------------------- the module cache


def test_a_module_in_the_cache_is_evaluated_with_the_parameters_the_call_passes(tmp_path, cache):
    cached(cache, "br/public:avm/res/cognitive-services/account:0.10.1", ACCOUNT_TEMPLATE)
    write(tmp_path / "main.bicep", CALLER.format(ref="br/public:avm/res/cognitive-services/account:0.10.1"))
    result, assets = load(tmp_path, "main.bicep")
    acct = assets["module.ai.Microsoft.CognitiveServices/accounts.oai"]
    assert acct.uid == "bicep:main.bicep:module.ai.Microsoft.CognitiveServices/accounts.oai"
    assert acct.properties["properties"]["publicNetworkAccess"] == "Disabled"
    assert (acct.origin.file, acct.origin.line, acct.origin.format) == ("main.bicep", 1, "bicep")
    # the module's outputs reach the caller, in the caller's namespace
    pe = assets["Microsoft.Network/privateEndpoints.pe"].properties["properties"]
    assert pe["privateLinkServiceConnections"][0]["properties"]["privateLinkServiceId"] == acct.uid
    assert result.warnings == [] and result.errors == []


def test_an_alias_from_bicepconfig_names_a_private_registry(tmp_path, cache):
    cached(cache, "br:contoso.azurecr.io/bicep/modules/ai:2.0", ACCOUNT_TEMPLATE)
    write(tmp_path / "bicepconfig.json", """\
        {
          // comments are allowed, as in every bicepconfig.json
          "moduleAliases": {"br": {"corp": {"registry": "contoso.azurecr.io", "modulePath": "bicep/modules"}}}
        }
        """)
    write(tmp_path / "infra" / "main.bicep", CALLER.format(ref="br/corp:ai:2.0"))
    result, assets = load(tmp_path, "infra/main.bicep")
    assert "module.ai.Microsoft.CognitiveServices/accounts.oai" in assets, result.warnings


def test_the_cache_is_read_confined(tmp_path, cache):
    """A symlink in the cache that leads out of it is not followed: the module is unresolved, and said so."""
    secret = tmp_path / "elsewhere" / "main.json"
    write(secret, json.dumps(ACCOUNT_TEMPLATE))
    ref = parse_reference("br:contoso.azurecr.io/ai:1.0", BUILTIN_ALIASES)
    link = cache_file(ref, cache)
    link.parent.mkdir(parents=True)
    os.symlink(secret, link)
    write(tmp_path / "app" / "main.bicep", CALLER.format(ref="br:contoso.azurecr.io/ai:1.0"))
    result, assets = load(tmp_path / "app", "main.bicep")
    assert not any(a.startswith("module.ai.") for a in assets)
    assert any("br:contoso.azurecr.io/ai:1.0 not resolved" in w for w in result.warnings)


# --------------------------------------------------------------------------- main.json beside the template


def test_a_compiled_main_json_beside_the_template_resolves_its_registry_modules(tmp_path, cache):
    write(tmp_path / "main.bicep", CALLER.format(ref="br:contoso.azurecr.io/ai:1.0"))
    compiled = {"$schema": ACCOUNT_TEMPLATE["$schema"], "languageVersion": "2.0", "contentVersion": "1.0.0.0",
                "resources": {"ai": {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01",
                                     "name": "ai", "properties": {"mode": "Incremental", "template": ACCOUNT_TEMPLATE,
                                                                  "expressionEvaluationOptions": {"scope": "inner"}}}}}
    (tmp_path / "main.json").write_text(json.dumps(compiled))
    result, assets = load(tmp_path, "main.bicep")
    acct = assets["module.ai.Microsoft.CognitiveServices/accounts.oai"]
    assert acct.properties["properties"]["publicNetworkAccess"] == "Disabled"
    assert result.warnings == []


# --------------------------------------------------------------------------- the verified modules aispm ships


def test_a_verified_module_resolves_to_the_shipped_copy_with_a_warning_naming_both_versions(tmp_path, cache):
    write(tmp_path / "main.bicep", """\
        module st 'br/public:avm/res/storage/storage-account:0.9.0' = {
          name: 'st'
          params: { name: 'grounding', allowBlobPublicAccess: true }
        }
        """)
    result, assets = load(tmp_path, "main.bicep")
    accounts = [a for a in assets.values() if a.type == "Microsoft.Storage/storageAccounts" and not a.existing]
    assert [a.name for a in accounts] == ["grounding"]
    assert accounts[0].properties["properties"]["allowBlobPublicAccess"] is True
    assert accounts[0].origin.file == "main.bicep" and accounts[0].origin.line == 1
    assert [w for w in result.warnings if "storage-account" in w] == [
        "main.bicep:1: registry module br/public:avm/res/storage/storage-account:0.9.0 resolved to the copy aispm "
        f"ships, version {_shipped('avm/res/storage/storage-account')} (not 0.9.0): run `bicep restore` to read the "
        "version asked for"]


def _shipped(module: str) -> str:
    from aispm.providers.azure.bicep.registry import shipped_versions

    return shipped_versions()[module]


def test_an_unresolved_module_is_one_warning_naming_it(tmp_path, cache):
    for name in ("a.bicep", "b.bicep"):
        write(tmp_path / name, "module m 'br/public:avm/res/no/such-module:1.0.0' = {\n  name: 'm'\n}\n")
    write(tmp_path / "c.bicep", "module t 'ts:00000000-0000-0000-0000-000000000000/rg/spec:1.0' = {\n  name: 't'\n}\n")
    result, _ = load(tmp_path)
    missing = [w for w in result.warnings if "no/such-module" in w]
    assert len(missing) == 2 and all("not resolved" in w for w in missing)  # once per calling file
    assert any(w.startswith("c.bicep:1: registry module ts:") and "template specs" in w for w in result.warnings)


def test_a_loop_of_compiled_modules_spends_one_deployment_s_budget(tmp_path, cache):
    """Each instance of a heavy compiled module spends the calling file's budget, not a fresh one: a
    loop of calls costs what one file may."""
    from dataclasses import replace

    from aispm.limits import DEFAULT

    heavy = {**ACCOUNT_TEMPLATE,
             "variables": {"copy": [{"name": "spin", "count": 500, "input": "[concat('a', string(copyIndex('spin')))]"}]},
             "outputs": {"n": {"type": "int", "value": "[length(variables('spin'))]"}}}
    cached(cache, "br:contoso.azurecr.io/heavy:1.0", heavy)
    write(tmp_path / "main.bicep", """\
        module m 'br:contoso.azurecr.io/heavy:1.0' = [for i in range(0, 40): {
          name: 'm${i}'
          params: { name: 'a${i}' }
        }]
        output total array = [for i in range(0, 40): m[i].outputs.n]
        """)
    one = BicepSource().load([tmp_path / "main.bicep"], SourceContext(root=tmp_path))
    assert not [w for w in one.warnings if "budget exceeded" in w]
    steps = 20_000  # enough for a few instances, not for forty
    limited = SourceContext(root=tmp_path, limits=replace(DEFAULT, steps_per_file=steps))
    result = BicepSource().load([tmp_path / "main.bicep"], limited)
    assert any("budget exceeded: steps_per_file" in w for w in result.warnings), result.warnings
