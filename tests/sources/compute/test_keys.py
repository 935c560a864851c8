"""Key flows: an AI account's keys passed into app settings, container secrets and
Key Vault secrets make the holder a key holder for that account, in every format;
literal secrets never reach the report."""

from __future__ import annotations

import pytest

SECRET = "Sup3rS3cretPassw0rd!x"
OPENAI_KEY = "sk-proj-" + "Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9St0Uv1Wx2Yz3Ab4Cd5Ef6"

TF = f'''
resource "azurerm_cognitive_account" "oai" {{
  name = "oai1"
  kind = "OpenAI"
  sku_name = "S0"
  location = "eastus"
  resource_group_name = "rg"
}}
resource "azurerm_key_vault" "kv" {{
  name = "kv1"
  location = "eastus"
  resource_group_name = "rg"
  tenant_id = "t"
  sku_name = "standard"
}}
resource "azurerm_key_vault_secret" "k" {{
  name = "openai-key"
  value = azurerm_cognitive_account.oai.primary_access_key
  key_vault_id = azurerm_key_vault.kv.id
}}
resource "azurerm_key_vault_secret" "lit" {{
  name = "db"
  value = "{SECRET}"
  key_vault_id = azurerm_key_vault.kv.id
}}
resource "azurerm_linux_web_app" "app" {{
  name = "app1"
  location = "eastus"
  resource_group_name = "rg"
  service_plan_id = "plan"
  site_config {{}}
  app_settings = {{
    OPENAI_KEY = azurerm_cognitive_account.oai.primary_access_key
    DB_PASSWORD = "{SECRET}"
    OTHER = "{OPENAI_KEY}"
    KV = "@Microsoft.KeyVault(SecretUri=${{azurerm_key_vault_secret.k.id}})"
    MODE = "prod"
  }}
}}
resource "azurerm_container_app" "ca" {{
  name = "ca1"
  resource_group_name = "rg"
  container_app_environment_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.App/managedEnvironments/e"
  revision_mode = "Single"
  secret {{
    name = "oai"
    value = azurerm_cognitive_account.oai.primary_access_key
  }}
  secret {{
    name = "db"
    value = "{SECRET}"
  }}
  template {{
    container {{
      name = "c"
      image = "img"
      cpu = 0.5
      memory = "1Gi"
      env {{
        name = "OPENAI_API_KEY"
        secret_name = "oai"
      }}
      env {{
        name = "API_TOKEN"
        value = "{SECRET}"
      }}
    }}
  }}
}}
'''

ARM = f'''{{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {{"type": "Microsoft.CognitiveServices/accounts", "apiVersion": "2024-10-01", "name": "oai1", "location": "eastus",
      "kind": "OpenAI", "sku": {{"name": "S0"}}, "properties": {{}}}},
    {{"type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": "kv1", "location": "eastus",
      "properties": {{"tenantId": "t", "sku": {{"family": "A", "name": "standard"}}}}}},
    {{"type": "Microsoft.KeyVault/vaults/secrets", "apiVersion": "2023-07-01", "name": "kv1/openai-key",
      "dependsOn": ["kv1"],
      "properties": {{"value": "[listKeys(resourceId('Microsoft.CognitiveServices/accounts','oai1'),'2024-10-01').key1]"}}}},
    {{"type": "Microsoft.KeyVault/vaults/secrets", "apiVersion": "2023-07-01", "name": "kv1/db", "dependsOn": ["kv1"],
      "properties": {{"value": "{SECRET}"}}}},
    {{"type": "Microsoft.Web/sites", "apiVersion": "2023-12-01", "name": "app1", "location": "eastus", "kind": "app",
      "properties": {{"siteConfig": {{"appSettings": [
        {{"name": "OPENAI_KEY", "value": "[listKeys(resourceId('Microsoft.CognitiveServices/accounts','oai1'),'2024-10-01').key1]"}},
        {{"name": "DB_PASSWORD", "value": "{SECRET}"}},
        {{"name": "OTHER", "value": "{OPENAI_KEY}"}},
        {{"name": "KV", "value": "@Microsoft.KeyVault(SecretUri=https://kv1.vault.azure.net/secrets/openai-key/)"}},
        {{"name": "MODE", "value": "prod"}}]}}}}}},
    {{"type": "Microsoft.App/containerApps", "apiVersion": "2024-03-01", "name": "ca1", "location": "eastus",
      "properties": {{"managedEnvironmentId": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.App/managedEnvironments/e",
        "configuration": {{"secrets": [
          {{"name": "oai", "value": "[listKeys(resourceId('Microsoft.CognitiveServices/accounts','oai1'),'2024-10-01').key1]"}},
          {{"name": "db", "value": "{SECRET}"}}]}},
        "template": {{"containers": [{{"name": "c", "image": "img", "env": [
          {{"name": "OPENAI_API_KEY", "secretRef": "oai"}},
          {{"name": "API_TOKEN", "value": "{SECRET}"}}]}}]}}}}}}
  ]
}}
'''

BICEP = f'''
resource oai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {{
  name: 'oai1'
  location: 'eastus'
  kind: 'OpenAI'
  sku: {{ name: 'S0' }}
  properties: {{}}
}}
resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {{
  name: 'kv1'
  location: 'eastus'
  properties: {{ tenantId: 't', sku: {{ family: 'A', name: 'standard' }} }}
}}
resource k 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {{
  parent: kv
  name: 'openai-key'
  properties: {{ value: oai.listKeys().key1 }}
}}
resource lit 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {{
  parent: kv
  name: 'db'
  properties: {{ value: '{SECRET}' }}
}}
resource app 'Microsoft.Web/sites@2023-12-01' = {{
  name: 'app1'
  location: 'eastus'
  properties: {{
    siteConfig: {{
      appSettings: [
        {{ name: 'OPENAI_KEY', value: oai.listKeys().key1 }}
        {{ name: 'DB_PASSWORD', value: '{SECRET}' }}
        {{ name: 'OTHER', value: '{OPENAI_KEY}' }}
        {{ name: 'KV', value: '@Microsoft.KeyVault(VaultName=kv1;SecretName=openai-key)' }}
        {{ name: 'MODE', value: 'prod' }}
      ]
    }}
  }}
}}
resource ca 'Microsoft.App/containerApps@2024-03-01' = {{
  name: 'ca1'
  location: 'eastus'
  properties: {{
    managedEnvironmentId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.App/managedEnvironments/e'
    configuration: {{
      secrets: [
        {{ name: 'oai', value: oai.listKeys().key1 }}
        {{ name: 'db', value: '{SECRET}' }}
      ]
    }}
    template: {{
      containers: [
        {{
          name: 'c'
          image: 'img'
          env: [
            {{ name: 'OPENAI_API_KEY', secretRef: 'oai' }}
            {{ name: 'API_TOKEN', value: '{SECRET}' }}
          ]
        }}
      ]
    }}
  }}
}}
'''

NAMES = {
    "terraform": dict(files={"main.tf": TF}, acct="azurerm_cognitive_account.oai", app="azurerm_linux_web_app.app",
                      ca="azurerm_container_app.ca", secret="azurerm_key_vault_secret.k", vault="azurerm_key_vault.kv"),
    "arm": dict(files={"t.json": ARM}, acct="Microsoft.CognitiveServices/accounts.oai1", app="Microsoft.Web/sites.app1",
                ca="Microsoft.App/containerApps.ca1", secret="Microsoft.KeyVault/vaults/secrets.kv1/openai-key",
                vault="Microsoft.KeyVault/vaults.kv1"),
    "bicep": dict(files={"main.bicep": BICEP}, acct="Microsoft.CognitiveServices/accounts.oai",
                  app="Microsoft.Web/sites.app", ca="Microsoft.App/containerApps.ca",
                  secret="Microsoft.KeyVault/vaults/secrets.k", vault="Microsoft.KeyVault/vaults.kv"),
}


@pytest.mark.parametrize("fmt", sorted(NAMES))
def test_keys_flow_into_holders(run, fmt):
    n = NAMES[fmt]
    s = run(n["files"])
    holds = s.rels("holds_key_for")
    assert (n["app"], n["acct"], (("via", "app setting OPENAI_KEY"),)) in holds
    assert (n["ca"], n["acct"], (("via", "secret oai"),)) in holds
    assert (n["secret"], n["acct"], (("via", "Key Vault secret value"),)) in holds
    # the literal key in the template is also found by the secrets scanner (a leaked key in IaC)
    iac_holds = {(src, dst) for src, dst, _ in holds if not src.startswith("secret ")}
    assert iac_holds == {(n["app"], n["acct"]), (n["ca"], n["acct"]), (n["secret"], n["acct"])}
    # the vault contains the secret, so a role on the vault reaches the key
    assert (n["vault"], n["secret"]) in {(a, b) for a, b, _ in s.rels("contains")}
    # the app reads the secret through its Key Vault reference
    assert (n["app"], n["secret"]) in {(a, b) for a, b, _ in s.rels("reads")}
    app = s.facts(n["app"])
    assert app["holds_key_for"] == [s.asset(n["acct"]).uid]
    assert app["has_literal_secret"] is True
    assert s.facts(n["ca"])["has_literal_secret"] is True
    assert s.facts(n["secret"])["holds_key_for"] == [s.asset(n["acct"]).uid]


@pytest.mark.parametrize("fmt", sorted(NAMES))
def test_no_literal_secret_in_report(run, fmt):
    s = run(NAMES[fmt]["files"])
    text = s.report
    assert SECRET not in text
    assert OPENAI_KEY not in text
    assert OPENAI_KEY[:12] not in text
    app = s.asset(NAMES[fmt]["app"])
    settings = {x["name"]: x for x in app.properties["properties"]["siteConfig"]["appSettings"]}
    assert settings["DB_PASSWORD"]["hasLiteralSecret"] is True
    assert settings["OTHER"]["hasLiteralSecret"] is True  # found by the secret detector, not the name
    assert settings["MODE"]["value"] == "prod"
    assert "hasLiteralSecret" not in settings["OPENAI_KEY"]


def test_terraform_key_vault_secret_holds_key_of(run):
    s = run({"main.tf": TF})
    props = s.asset("azurerm_key_vault_secret.k").properties["properties"]
    assert props["holdsKeyOf"] == s.asset("azurerm_cognitive_account.oai").uid
    lit = s.asset("azurerm_key_vault_secret.lit").properties["properties"]
    assert "holdsKeyOf" not in lit


def test_site_config_children_fold_into_site(run):
    bicep = f'''
resource oai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {{
  name: 'oai1'
  location: 'eastus'
  kind: 'OpenAI'
  sku: {{ name: 'S0' }}
  properties: {{}}
}}
resource app 'Microsoft.Web/sites@2023-12-01' = {{
  name: 'app1'
  location: 'eastus'
  properties: {{}}
}}
resource settings 'Microsoft.Web/sites/config@2023-12-01' = {{
  parent: app
  name: 'appsettings'
  properties: {{
    OPENAI_KEY: oai.listKeys().key1
    DB_PASSWORD: '{SECRET}'
    MODE: 'prod'
  }}
}}
resource auth 'Microsoft.Web/sites/config@2023-12-01' = {{
  parent: app
  name: 'authsettingsV2'
  properties: {{ platform: {{ enabled: true }}, globalValidation: {{ requireAuthentication: true }} }}
}}
'''
    s = run({"main.bicep": bicep})
    assert ("Microsoft.Web/sites.app", "Microsoft.CognitiveServices/accounts.oai",
            (("via", "app setting OPENAI_KEY"),)) in s.rels("holds_key_for")
    app = s.facts("Microsoft.Web/sites.app")
    assert app["has_literal_secret"] is True
    assert app["user_authentication"] is True
    assert SECRET not in s.report
