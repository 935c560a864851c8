"""Foundry facts and verdicts (AISPM-AZ-018/019, 070-072) where the rule cases do not reach: values the
input does not determine give `unknown`, never a guess; resources that are not Foundry resources or data
store connections get no verdict; a live body (the read-only fields the API returns) is judged the same."""

from __future__ import annotations

import json

from aispm.model import Status
from aispm.scan import ScanOptions, scan

ACCOUNT = "Microsoft.CognitiveServices/accounts"


def _verdicts(tmp_path, rules: tuple[str, ...], *resources: dict, parameters: dict | None = None) -> dict:
    template = {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                "contentVersion": "1.0.0.0", "parameters": parameters or {}, "resources": list(resources)}
    (tmp_path / "azuredeploy.json").write_text(json.dumps(template))
    result = scan([tmp_path], ScanOptions(frameworks=("arm",), rules=rules))
    assert result.errors == [], result.errors
    names = {a.uid: a.origin.address.rsplit("/", 1)[-1].rsplit(".", 1)[-1] for a in result.assets}
    return {(f.rule_id, names[f.asset_uid]): f.status for f in result.findings}


def _account(name: str, props: dict, kind: str = "AIServices") -> dict:
    return {"type": ACCOUNT, "apiVersion": "2025-06-01", "name": name, "location": "swedencentral", "kind": kind,
            "sku": {"name": "S0"}, "properties": props}


def test_unresolved_project_management_is_unknown(tmp_path):
    got = _verdicts(tmp_path, ("AISPM-AZ-070", "AISPM-AZ-071"),
                    _account("acct", {"allowProjectManagement": "[parameters('pm')]"}),
                    parameters={"pm": {"type": "bool"}})
    assert got == {("AISPM-AZ-070", "acct"): Status.UNKNOWN, ("AISPM-AZ-071", "acct"): Status.UNKNOWN}


def test_unresolved_network_acl_is_unknown_and_other_kinds_are_not_judged(tmp_path):
    got = _verdicts(tmp_path, ("AISPM-AZ-070",),
                    _account("acct", {"allowProjectManagement": True,
                                      "networkAcls": {"defaultAction": "[parameters('action')]"}}),
                    _account("speech", {"allowProjectManagement": True}, kind="SpeechServices"),
                    parameters={"action": {"type": "string"}})
    assert got == {("AISPM-AZ-070", "acct"): Status.UNKNOWN}


def test_hub_network_acl_deny_restricts_and_projects_are_not_judged(tmp_path):
    ws = "Microsoft.MachineLearningServices/workspaces"
    got = _verdicts(tmp_path, ("AISPM-AZ-070",),
                    {"type": ws, "apiVersion": "2024-10-01-preview", "name": "hub", "location": "x", "kind": "Hub",
                     "properties": {"networkAcls": {"defaultAction": "Deny", "ipRules": []}}},
                    {"type": ws, "apiVersion": "2024-10-01", "name": "proj", "location": "x", "kind": "Project",
                     "properties": {}})
    assert got == {("AISPM-AZ-070", "hub"): Status.PASS}


def test_deprecated_encryption_policies_exact_conditions(tmp_path):
    got = _verdicts(tmp_path, ("AISPM-AZ-018", "AISPM-AZ-019"),
                    _account("none", {}, kind="OpenAI"),
                    _account("empty", {"encryption": {}}, kind="OpenAI"),
                    _account("storage", {"userOwnedStorage": [{"resourceId": "/subscriptions/0/st"}],
                                         "encryption": {}}, kind="SpeechServices"))
    assert got == {
        ("AISPM-AZ-018", "none"): Status.FAIL, ("AISPM-AZ-019", "none"): Status.PASS,
        ("AISPM-AZ-018", "empty"): Status.FAIL, ("AISPM-AZ-019", "empty"): Status.FAIL,
        ("AISPM-AZ-018", "storage"): Status.PASS, ("AISPM-AZ-019", "storage"): Status.FAIL,
    }


def test_connection_auth_types(tmp_path):
    conn = "Microsoft.CognitiveServices/accounts/projects/connections"

    def c(name: str, category: str, auth: str) -> dict:
        return {"type": conn, "apiVersion": "2025-06-01", "name": f"acct/proj/{name}",
                "properties": {"category": category, "target": "https://x", "authType": auth}}

    got = _verdicts(tmp_path, ("AISPM-AZ-072",),
                    c("mi", "AzureSqlDb", "ManagedIdentity"), c("sp", "CosmosDb", "ServicePrincipal"),
                    c("key", "AzureOneLake", "AccountKey"), c("odd", "AzureBlob", "OAuth2"),
                    c("search", "CognitiveSearch", "ApiKey"),
                    {"type": conn, "apiVersion": "2025-06-01", "name": "acct/proj/param",
                     "properties": {"category": "AzureBlob", "authType": "[parameters('auth')]"}},
                    parameters={"auth": {"type": "string"}})
    assert got == {("AISPM-AZ-072", "mi"): Status.PASS, ("AISPM-AZ-072", "sp"): Status.PASS,
                   ("AISPM-AZ-072", "key"): Status.FAIL, ("AISPM-AZ-072", "odd"): Status.UNKNOWN,
                   ("AISPM-AZ-072", "param"): Status.UNKNOWN}
