"""Done-means of issue 12, item 1: the Azure Verified Modules repository, as a user clones it.

`fixtures/avm-e2e/` holds the e2e test templates of `avm/res/cognitive-services/account`,
`avm/res/machine-learning-services/workspace` and `avm/res/search/search-service` (and the
`utilities/e2e-template-assets` templates they call) from Azure/bicep-registry-modules
(MIT, `NOTICE`), in the repository's layout. The modules themselves (`../../../main.bicep`) are
the copies aispm ships, put back where the repository keeps them. The e2e tests call the module
by path, and the module calls `br/public:avm/res/network/private-endpoint:<version>` for the
private endpoints a test passes: before registry modules were resolved, every one of those
endpoints was missing, and every account looked public-only.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from aispm.providers.azure.bicep.registry import SHIPPED
from aispm.scan import ScanOptions, scan

FIXTURE = Path(__file__).parent / "fixtures" / "avm-e2e"
MODULES = {
    "avm/res/cognitive-services/account": "Microsoft.CognitiveServices/accounts",
    "avm/res/machine-learning-services/workspace": "Microsoft.MachineLearningServices/workspaces",
    "avm/res/search/search-service": "Microsoft.Search/searchServices",
}
ACCOUNT_TYPES = set(MODULES.values())


@pytest.fixture(scope="module")
def estate(tmp_path_factory):
    """The cloned layout scanned once: e2e tests from the fixture, modules from the shipped copy."""
    root = tmp_path_factory.mktemp("bicep-registry-modules")
    shutil.copytree(FIXTURE, root, dirs_exist_ok=True)
    for module in MODULES:
        shutil.copytree(SHIPPED / module, root / module, dirs_exist_ok=True)
    mp = pytest.MonkeyPatch()
    mp.setenv("AISPM_BICEP_CACHE", str(root / "no-bicep-cache"))  # the shipped modules, not this machine's cache
    try:
        result = scan([root], ScanOptions(frameworks=("bicep",), vulnerabilities=False, attack_paths=False))
    finally:
        mp.undo()
    return root, result


def _e2e_tests(root: Path) -> list[tuple[str, str, Path]]:
    return [(module, arm_type, test) for module, arm_type in MODULES.items()
            for test in sorted((root / module / "tests" / "e2e").glob("*/main.test.bicep"))]


def _endpoints_passed(text: str) -> int:
    """How many private endpoints the test passes to the module (items of `privateEndpoints: [...]`)."""
    m = re.search(r"\bprivateEndpoints:\s*\[", text)
    if m is None:
        return 0
    depth, items = 1, 0
    for ch in text[m.end():]:
        if ch in "[{":
            depth += 1
            items += ch == "{" and depth == 2
        elif ch in "]}":
            depth -= 1
            if depth == 0:
                break
    return items


def test_every_account_the_e2e_tests_deploy_is_reported(estate):
    root, result = estate
    tests = _e2e_tests(root)
    assert len(tests) == 24
    for module, arm_type, test in tests:
        rel = test.relative_to(root).as_posix()
        deployed = [a for a in result.assets if a.type == arm_type and not a.existing
                    and a.uid.startswith(f"bicep:{rel}:module.testDeployment")]
        assert deployed, rel
        # and those the test's own dependencies deploy (an AI hub's AI Services account)
        deps = test.parent / "dependencies.bicep"
        for t in ACCOUNT_TYPES:
            declared = len(re.findall(rf"^resource \w+ '{re.escape(t)}@", deps.read_text(), re.M)) if deps.is_file() else 0
            found = [a for a in result.assets if a.type == t and not a.existing
                     and a.uid.startswith(f"bicep:{rel}:module.nestedDependencies.")]
            assert len(found) == declared, (rel, t)


def test_the_private_endpoints_they_pass_are_reported_and_linked(estate):
    root, result = estate
    by_uid = {a.uid: a for a in result.assets}
    checked = 0
    for module, arm_type, test in _e2e_tests(root):
        rel = test.relative_to(root).as_posix()
        passed = _endpoints_passed(test.read_text())
        accounts = [a for a in result.assets if a.type == arm_type and not a.existing
                    and a.uid.startswith(f"bicep:{rel}:module.testDeployment")
                    and a.uid.count("module.") == 1]
        for account in accounts:
            endpoints = [a for a in result.assets if a.type == "Microsoft.Network/privateEndpoints" and not a.existing
                         and _links_to(a, account.uid)]
            assert len(endpoints) == passed, (rel, account.uid)
            if passed:
                checked += 1
                assert account.facts.get("private_endpoint") is True, account.uid
                for pe in endpoints:  # reported at the module call that brought it in, in the user's tree
                    assert pe.origin.file == f"{module}/main.bicep" and by_uid[pe.uid].origin.line > 1
    assert checked == 18  # 9 tests pass private endpoints, each deploying its module twice (init, idem)


def _links_to(pe, uid: str) -> bool:
    props = pe.properties.get("properties")
    conns = props.get("privateLinkServiceConnections") if isinstance(props, dict) else None
    return isinstance(conns, list) and any(isinstance(c, dict) and c.get("properties", {}).get("privateLinkServiceId") == uid
                                           for c in conns)


def test_other_versions_are_read_from_the_shipped_copy_with_a_warning(estate):
    _root, result = estate
    text = "\n".join(result.warnings)
    assert "br/public:avm/res/network/private-endpoint:0.11.1 resolved to the copy aispm ships" in text
    # a verified module aispm does not ship is named, never silently skipped
    assert "br/public:avm/res/resources/deployment-script:0.5.2 not resolved" in text
