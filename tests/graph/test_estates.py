"""The AI attack-path catalogue (reference §2.4) on real files, scanned end to end.

Each estate under `estates/<nn>-<slug>/` is a small, realistic repository (Terraform or
Bicep, application code, requirements, azure.yaml, agent exports) in two variants:

- `found/`: aispm finds the catalogue path, from the expected entry to the expected
  target, through exactly the expected steps, confirmed;
- `broken/`: the same files with one change that breaks the path (public access off,
  a private endpoint, a key removed, a role narrowed to Reader, sign-in required);
  no path links that entry to that target any more (other paths may exist).

`01-exposed-ai-endpoint-keys/unknown/` has the account's public network access set
from a Terraform variable without a default: the path is only `possible`, and says why.

Assets are matched by where they are declared (`origin.file`, `origin.address`), the
way a user finds them in the report, not by uid.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from aispm.scan import scan
from estate_harness import ESTATES, At, between, find_asset, listing, scanned, walk



@dataclass(frozen=True)
class Case:
    estate: str
    catalogue: int
    entry_kind: str
    target_kind: str
    steps: tuple[tuple[At, str | None], ...]  # (asset, verb that reached it); the first is the entry
    broken_by: str  # the one change of `broken/`, for the reader
    entry_removed: bool = False  # the change removes the entry itself (a leaked key deleted)
    title_has: tuple[str, ...] = ()
    risk_factors: frozenset[str] = frozenset()

    @property
    def entry(self) -> At:
        return self.steps[0][0]

    @property
    def target(self) -> At:
        return self.steps[-1][0]

    def __str__(self) -> str:
        return self.estate


TF = "infra/main.tf"

CASES = (
    Case(
        "01-exposed-ai-endpoint-keys", 1, "internet-exposed-ai-endpoint", "grounding-data",
        steps=((At(TF, "azurerm_cognitive_account.openai"), None),
               (At(TF, "azurerm_search_service.search"), "grounded_on"),
               (At(TF, "azurerm_storage_account.handbook"), "grounded_on")),
        broken_by="public_network_access_enabled = false on the OpenAI account",
        title_has=("Widely internet-exposed Azure OpenAI account oai-hrchat-prod that accepts keys",
                   "is grounded on storage account sthrchathandbook"),
        risk_factors=frozenset({"internet-exposure", "key-authentication", "sensitive-data"}),
    ),
    Case(
        "02-vulnerable-app-identity-role", 2, "internet-exposed-compute", "grounding-data",
        steps=((At(TF, "azurerm_container_app.api"), None),
               (At(TF, "azurerm_user_assigned_identity.api"), "runs_as"),
               (At(TF, "azurerm_cognitive_account.openai"), "has_role_on"),
               (At(TF, "azurerm_search_service.search"), "grounded_on"),
               (At(TF, "azurerm_storage_account.claims"), "grounded_on")),
        broken_by="the identity's role on the OpenAI account narrowed to Reader",
        title_has=("Widely internet-exposed container app ca-claims-api vulnerable to remote code execution",
                   "runs as managed identity id-claims-api",
                   "has role Cognitive Services OpenAI User on Azure OpenAI account oai-claims-assistant"),
        risk_factors=frozenset({"internet-exposure", "vulnerabilities", "remote-code-execution", "permissions",
                                "sensitive-data"}),
    ),
    Case(
        "03-app-settings-listkeys", 3, "internet-exposed-compute", "ai-account",
        steps=((At("infra/main.bicep", "Microsoft.Web/sites.web"), None),
               (At("infra/main.bicep", "Microsoft.CognitiveServices/accounts.openai"), "holds_key_for")),
        broken_by="the AZURE_OPENAI_API_KEY app setting (openai.listKeys().key1) removed",
        title_has=("Widely internet-exposed App Service app app-support-prod vulnerable to remote code execution "
                   "holds a key to Azure OpenAI account oai-support-prod",),
        risk_factors=frozenset({"internet-exposure", "vulnerabilities", "remote-code-execution", "secrets"}),
    ),
    Case(
        "04-key-in-code", 4, "leaked-credential", "ai-account",
        steps=((At("tools/summarize_contracts.py", "line 13:secret azure-ai-key"), None),
               (At(TF, "azurerm_cognitive_account.ai"), "holds_key_for")),
        broken_by="the literal api_key replaced by an Entra ID token provider",
        entry_removed=True,
        title_has=("Plaintext api key in tools/summarize_contracts.py:13 holds a key to "
                   "Azure AI Services account ais-docintel-prod",),
        risk_factors=frozenset({"secrets"}),
    ),
    Case(
        "07-public-grounding-container", 7, "public-storage", "grounding-data",
        steps=((At(TF, "azurerm_storage_container.manuals"), None),),
        broken_by="allow_nested_items_to_be_public = false on the storage account",
        title_has=("Publicly accessible storage container manuals is used for AI grounding",),
        risk_factors=frozenset({"public-access", "sensitive-data"}),
    ),
    Case(
        "07-writable-grounding-storage", 7, "internet-exposed-data", "ai-account",
        steps=((At(TF, "azurerm_storage_account.cases"), None),
               (At(TF, "azurerm_search_service.search"), "grounds"),
               (At(TF, "azurerm_cognitive_account.openai"), "grounds")),
        broken_by="shared_access_key_enabled = false on the storage account",
        title_has=("Widely internet-exposed storage account stlegalcases grounds Azure AI Search service "
                   "srch-legal-assistant (poisoning), which grounds Azure OpenAI account oai-legal-assistant",),
        risk_factors=frozenset({"internet-exposure", "key-authentication", "data-poisoning"}),
    ),
    Case(
        "08-unauthenticated-agent", 8, "unauthenticated-agent", "vector-store",
        steps=((At("HRPolicyAssistant/bots/cr6a2_hrassistant/bot.xml", "cr6a2_hrassistant"), None),
               (At("HRPolicyAssistant/botcomponents/cr6a2_hrassistant.knowledge.HRPolicies/data",
                   "cr6a2_hrassistant/cr6a2_hrassistant.knowledge.HRPolicies"), "reads")),
        broken_by="authenticationmode 1 (None) → 2 (Integrated: Entra ID sign-in)",
        title_has=("Unauthenticated agent HR Policy Assistant reads data source HR policies (SharePoint)",),
        risk_factors=frozenset({"no-authentication"}),
    ),
    Case(
        "08-unauthenticated-mcp-server-hosted", 8, "unauthenticated-agent", "ai-account",
        steps=((At(".vscode/mcp.json", "claims-tools"), None),
               (At(TF, "azurerm_linux_function_app.tools"), "served_by"),
               (At(TF, "azurerm_cognitive_account.openai"), "has_role_on")),
        broken_by="the Functions app that serves the MCP server requires sign-in (auth_settings_v2 "
                  "require_authentication = true), so the server does too, whatever the client config sends",
        title_has=("Unauthenticated MCP server claims-tools is served by App Service app func-claims-tools, which has "
                   "role Cognitive Services OpenAI User on Azure OpenAI account oai-claims-tools",),
        risk_factors=frozenset({"no-authentication", "permissions"}),
    ),
)


# --------------------------------------------------------------------------- helpers


def expected_walk(case: Case) -> list[tuple[str, str | None]]:
    return [(str(at), verb) for at, verb in case.steps]


# --------------------------------------------------------------------------- the catalogue


def test_every_estate_has_found_and_broken_and_a_case():
    on_disk = sorted(p.name for p in ESTATES.iterdir() if p.is_dir() and not p.name.startswith(("aws-", "gcp-", "k8s-")))
    assert on_disk == sorted(c.estate for c in CASES)
    for name in on_disk:
        assert (ESTATES / name / "found").is_dir() and (ESTATES / name / "broken").is_dir(), name
    assert {c.catalogue for c in CASES} == {1, 2, 3, 4, 7, 8}


@pytest.mark.parametrize("case", CASES, ids=str)
def test_found(case: Case):
    r = scanned(case.estate, "found")
    assert r.errors == [], r.errors
    for at, _ in case.steps:
        assert find_asset(r, at) is not None, f"{at} not in the scan"
    paths = between(r, case.entry, case.target)
    exact = [p for p in paths if walk(r, p) == expected_walk(case)]
    assert len(exact) == 1, (
        f"expected one path {expected_walk(case)}; paths {case.entry} → {case.target}: "
        f"{[walk(r, p) for p in paths]}\nall paths:\n{listing(r)}")
    p = exact[0]
    assert p.status == "confirmed" and p.unknowns == [], (p.status, p.unknowns)
    assert p.entry_kind == case.entry_kind and p.target_kind == case.target_kind, (p.entry_kind, p.target_kind)
    for words in case.title_has:
        assert words in p.title, p.title
    assert case.risk_factors <= set(p.risk_factors), p.risk_factors
    assert p.remediation and 0 < p.score <= 100
    # the shortest path between the two is the catalogue path
    assert len(p.steps) == min(len(q.steps) for q in paths)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_broken(case: Case):
    r = scanned(case.estate, "broken")
    assert r.errors == [], r.errors
    # the estate still scans to the same assets: the break is the one change, not a missing file
    assert find_asset(r, case.target) is not None, f"target {case.target} not in the broken scan"
    if not case.entry_removed:
        assert find_asset(r, case.entry) is not None, f"entry {case.entry} not in the broken scan"
    else:
        assert find_asset(r, case.entry) is None
    assert between(r, case.entry, case.target) == [], (
        f"broken by {case.broken_by}, yet:\n{listing(r)}")


# --------------------------------------------------------------------------- specific checks


def test_01_unknown_public_access_makes_the_path_possible():
    """`public_network_access_enabled = var.x` with no default: never a silent path."""
    case = CASES[0]
    r = scanned(case.estate, "unknown")
    assert r.errors == [], r.errors
    paths = between(r, case.entry, case.target)
    exact = [p for p in paths if walk(r, p) == expected_walk(case)]
    assert len(exact) == 1, listing(r)
    p = exact[0]
    assert p.status == "possible"
    assert p.title.startswith("Possibly internet-exposed Azure OpenAI account oai-hrchat-prod"), p.title
    entry = find_asset(r, case.entry)
    assert any(u.startswith(f"public_network_access of {entry.uid} is unknown") for u in p.unknowns), p.unknowns
    # the account is not claimed to be exposed
    assert "exposed_to_internet" not in entry.insights
    # and no path from it is confirmed
    assert all(q.status == "possible" for q in r.attack_paths if q.entry == entry.uid), listing(r)


def test_02_vulnerability_comes_from_the_code_azd_deploys():
    """The RCE is in src/api/requirements.txt (langchain 0.0.300, PYSEC-2023-162), joined to the
    container app through azure.yaml and the `azd-service-name` tag."""
    r = scanned("02-vulnerable-app-identity-role", "found")
    lib = [a for a in r.assets if a.type == "library" and a.name.startswith("langchain")]
    assert lib and any(f.rule_id == "PYSEC-2023-162" and f.asset_uid == lib[0].uid for f in r.findings)
    app = find_asset(r, At(TF, "azurerm_container_app.api"))
    assert {"exposed_to_internet", "has_high_severity_vulnerabilities", "vulnerable_to_rce"} <= app.insights


def test_03_key_flow_evidence_names_the_app_setting():
    case = CASES[2]
    r = scanned(case.estate, "found")
    p = next(p for p in between(r, case.entry, case.target) if walk(r, p) == expected_walk(case))
    assert "app setting AZURE_OPENAI_API_KEY" in p.steps[1].evidence
    assert "local_auth_enabled=True" in p.steps[1].evidence
    # the account itself is private (publicNetworkAccess Disabled + private endpoint): not an entry
    acct = find_asset(r, case.target)
    assert not [q for q in r.attack_paths if q.entry == acct.uid], listing(r)


def test_04_the_key_is_redacted_and_the_account_is_not_an_entry():
    case = CASES[3]
    r = scanned(case.estate, "found")
    p = next(p for p in between(r, case.entry, case.target) if walk(r, p) == expected_walk(case))
    assert p.remediation == "rotate and remove the key in tools/summarize_contracts.py:13"
    assert "8d2f…04" in p.steps[0].evidence
    assert "8d2f6a41c97e4b0d9a35e1f7c2b86d04" not in repr(r.attack_paths) + repr(r.assets)
    acct = find_asset(r, case.target)
    assert not [q for q in r.attack_paths if q.entry == acct.uid], listing(r)


def test_public_container_in_a_private_account_is_no_entry(tmp_path):
    """Anonymous blob access is only reachable from the internet if the account is: the
    estate of catalogue path 7, with the account's public network access switched off."""
    import shutil

    src = Path(__file__).parent / "estates" / "07-public-grounding-container" / "found"
    shutil.copytree(src, tmp_path / "estate")
    main = tmp_path / "estate" / "infra" / "main.tf"
    text = main.read_text()
    assert "allow_nested_items_to_be_public = true" in text
    main.write_text(text.replace("allow_nested_items_to_be_public = true",
                                 "allow_nested_items_to_be_public = true\n  public_network_access_enabled   = false", 1))
    before = scan([src])
    assert [p for p in before.attack_paths if "azurerm_storage_container.manuals" in p.entry]
    after = scan([tmp_path / "estate"])
    assert not [p for p in after.attack_paths if "azurerm_storage_container.manuals" in p.entry]
