"""The Azure fold: resources declared apart are put where ARM keeps them, once, before facts.

Scans run the whole pipeline (collect → fold → derive → link → rules) on small trees written by
each test; what is checked is what a report shows.
"""

from __future__ import annotations

import textwrap

import pytest

from aispm.model import Asset, Origin, Unknown
from aispm.providers.azure import catalog as cat
from aispm.scan import scan

#: A body whose `properties` come whole from a value known only at apply time: an Unknown.
UNKNOWN_BODY = """
variable "account_properties" {}

resource "azapi_resource" "account" {
  type      = "Microsoft.CognitiveServices/accounts@2024-10-01"
  name      = "oai-avm"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  location  = "eastus"
  body = {
    kind = "OpenAI"
    sku  = { name = "S0" }
    properties = var.account_properties
  }
}
"""


def _scan(tmp_path, text: str):
    (tmp_path / "main.tf").write_text(textwrap.dedent(text))
    return scan([tmp_path])


def _one(result, address: str) -> Asset:
    hits = [a for a in result.assets if a.origin.address == address]
    assert len(hits) == 1, [a.origin.address for a in result.assets]
    return hits[0]


def test_a_customer_managed_key_of_an_account_whose_body_is_unknown(tmp_path):
    """Was a TypeError (`properties[...] = ...` on an Unknown) that killed the scan."""
    r = _scan(tmp_path, UNKNOWN_BODY + """
resource "azurerm_cognitive_account_customer_managed_key" "cmk" {
  cognitive_account_id = azapi_resource.account.id
  key_vault_key_id     = "https://kv.vault.azure.net/keys/k1"
}
""")
    assert r.errors == []
    acct = _one(r, "azapi_resource.account")
    assert isinstance(acct.properties["properties"], Unknown)
    # the key is declared, but where it would land is not known: the fact stays unknown
    assert acct.facts["customer_managed_key"] is None
    assert not any(a.type == cat.COGNITIVE_CMK for a in r.assets)


def test_an_outbound_rule_of_a_workspace_whose_body_is_unknown(tmp_path):
    r = _scan(tmp_path, """
variable "ws_properties" {}

resource "azapi_resource" "ws" {
  type      = "Microsoft.MachineLearningServices/workspaces@2024-10-01"
  name      = "mlw"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  body = {
    kind       = "Hub"
    properties = var.ws_properties
  }
}

resource "azurerm_machine_learning_workspace_network_outbound_rule_fqdn" "r" {
  name             = "pypi"
  workspace_id     = azapi_resource.ws.id
  destination_fqdn = "pypi.org"
}
""")
    assert r.errors == []
    ws = _one(r, "azapi_resource.ws")
    assert isinstance(ws.properties["properties"], Unknown)
    assert ws.facts["outbound_private_endpoints"] is None
    assert not any(a.type == cat.ML_OUTBOUND_RULE for a in r.assets)


def test_an_outbound_rule_is_folded_into_a_known_workspace(tmp_path):
    r = _scan(tmp_path, """
resource "azurerm_machine_learning_workspace" "ws" {
  name = "mlw"
  managed_network { isolation_mode = "AllowOnlyApprovedOutbound" }
}

resource "azurerm_machine_learning_workspace_network_outbound_rule_fqdn" "r" {
  name             = "pypi"
  workspace_id     = azurerm_machine_learning_workspace.ws.id
  destination_fqdn = "pypi.org"
}
""")
    ws = _one(r, "azurerm_machine_learning_workspace.ws")
    assert ws.properties["properties"]["managedNetwork"]["outboundRules"] == {
        "pypi": {"type": "FQDN", "destination": {"fqdn": "pypi.org"}}}


def test_an_update_of_an_account_whose_body_is_unknown(tmp_path):
    r = _scan(tmp_path, UNKNOWN_BODY + """
resource "azapi_update_resource" "u" {
  type        = "Microsoft.CognitiveServices/accounts@2024-10-01"
  resource_id = azapi_resource.account.id
  body = { properties = { disableLocalAuth = true } }
}
""")
    assert r.errors == []
    acct = _one(r, "azapi_resource.account")
    # the update says what it says; nothing else of the body became known
    assert acct.properties["properties"] == {"disableLocalAuth": True}
    assert not any(a.origin.address == "azapi_update_resource.u" for a in r.assets)


def _asset(uid: str, type_: str, properties, name="x", parent=None) -> Asset:
    return Asset(uid=uid, provider="azure", type=type_, name=name, origin=Origin("main.tf", 1, uid, format="arm"),
                 properties=properties, parent=parent)


@pytest.mark.parametrize("body", [Unknown("body"), {"securityRules": Unknown("dynamic security_rule")}])
def test_nsg_rules_and_associations_leave_an_unknown_body_alone(body):
    from aispm.providers.azure.fold import fold

    nsg = _asset("nsg", cat.NSG, {"properties": body})
    subnet = _asset("sub", cat.SUBNET, {"properties": Unknown("subnet body")})
    rule = _asset("rule", cat.NSG_RULE, {"properties": {"access": "Allow"}}, parent="nsg")
    assoc = _asset("assoc", cat.SUBNET_NSG_ASSOCIATION,
                   {"properties": {"subnet": {"id": "sub"}, "networkSecurityGroup": {"id": "nsg"}}})
    assets = [nsg, subnet, rule, assoc]
    fold(assets)
    assert nsg.properties == {"properties": body}
    assert isinstance(subnet.properties["properties"], Unknown)
    assert len(assets) == 4  # rules and associations stay, as reports have always shown them


def test_nsg_rules_declared_apart_are_judged_with_their_nsg(tmp_path):
    """The NSG's facts are derived once, from the NSG with its rules folded in."""
    r = _scan(tmp_path, """
resource "azurerm_network_security_group" "nsg" {
  name = "nsg1"
}

resource "azurerm_network_security_rule" "ssh" {
  name                        = "ssh"
  network_security_group_name = azurerm_network_security_group.nsg.name
  priority                    = 100
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "22"
  source_address_prefix       = "*"
  destination_address_prefix  = "*"
}
""")
    nsg = _one(r, "azurerm_network_security_group.nsg")
    rule = _one(r, "azurerm_network_security_rule.ssh")
    assert rule.parent == nsg.uid and "__parentName" not in rule.properties
    assert [x["id"] for x in nsg.properties["properties"]["securityRules"]] == [rule.uid]
    assert nsg.facts["internet_inbound"] == "wide" and nsg.facts["internet_ports"] == ["22"]
    assert any(x.source == nsg.uid and x.verb == "contains" and x.target == rule.uid for x in r.relations)


def test_the_linker_does_not_derive_an_nsg_again(tmp_path, monkeypatch):
    from aispm.providers.azure.facts import compute as fc
    from aispm.providers.azure.facts import derive as fd

    calls: list[str] = []
    real = fc.nsg_facts

    def counted(a: Asset) -> None:
        calls.append(a.uid)
        real(a)

    monkeypatch.setattr(fc, "nsg_facts", counted)  # what a linker would call
    monkeypatch.setitem(fd.DERIVERS, cat.NSG.lower(), counted)  # what the facts layer calls
    _scan(tmp_path, 'resource "azurerm_network_security_group" "nsg" {\n  name = "nsg1"\n}\n')
    assert len(calls) == 1


def test_site_config_children_are_derived_with_their_site(tmp_path):
    """ARM keeps Easy Auth and app settings in `sites/config` children: they count for the site
    when its facts are derived, and the hand-off never reaches a report."""
    (tmp_path / "azuredeploy.json").write_text("""{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {"type": "Microsoft.Web/sites", "apiVersion": "2023-12-01", "name": "app1", "location": "eastus",
     "properties": {"siteConfig": {}}},
    {"type": "Microsoft.Web/sites/config", "apiVersion": "2023-12-01", "name": "app1/authsettingsV2",
     "dependsOn": ["[resourceId('Microsoft.Web/sites', 'app1')]"],
     "properties": {"platform": {"enabled": true}, "globalValidation": {"requireAuthentication": true}}},
    {"type": "Microsoft.Web/sites/config", "apiVersion": "2023-12-01", "name": "app1/appsettings",
     "dependsOn": ["[resourceId('Microsoft.Web/sites', 'app1')]"],
     "properties": {"DB_PASSWORD": "hunter2-hunter2"}}
  ]
}""")
    r = scan([tmp_path])
    assert r.errors == []
    site = next(a for a in r.assets if a.type == cat.WEB_SITE)
    assert site.facts["user_authentication"] is True
    assert "(declared at " in site.evidence["user_authentication"].note
    assert site.facts["has_literal_secret"] is True
    assert site.evidence["has_literal_secret"].value == ["DB_PASSWORD"]
    assert cat.CHILDREN_KEY not in site.properties


def test_a_container_app_auth_config_is_derived_with_its_app(tmp_path):
    (tmp_path / "azuredeploy.json").write_text("""{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {"type": "Microsoft.App/containerApps", "apiVersion": "2024-03-01", "name": "ca1", "location": "eastus",
     "properties": {"configuration": {"ingress": {"external": true, "targetPort": 80}}}},
    {"type": "Microsoft.App/containerApps/authConfigs", "apiVersion": "2024-03-01", "name": "ca1/current",
     "dependsOn": ["[resourceId('Microsoft.App/containerApps', 'ca1')]"],
     "properties": {"platform": {"enabled": true},
                    "globalValidation": {"unauthenticatedClientAction": "Return401"}}}
  ]
}""")
    r = scan([tmp_path])
    assert r.errors == []
    app = next(a for a in r.assets if a.type == cat.CONTAINER_APP)
    auth = next(a for a in r.assets if a.type == cat.CONTAINER_APP_AUTH)
    assert app.facts["user_authentication"] is True
    ev = app.evidence["user_authentication"]
    assert ev.path == auth.origin.address and ev.note.endswith(f"(auth config at {auth.origin.file}:{auth.origin.line})")
    assert auth.facts["user_authentication"] is True  # the child keeps its own facts
    assert cat.CHILDREN_KEY not in app.properties
