"""Model names in the app settings that infrastructure gives an application (issue 12 item 11, "app settings in
IaC"): a Terraform `app_settings` map or a Bicep `appSettings` list entry whose name says it holds a model and
whose value is a model id is a `model` asset the resource `uses_model`; other settings stay settings."""

from __future__ import annotations

from pathlib import Path

from aispm.scan import ScanOptions, scan

TF = '''
resource "azurerm_linux_web_app" "api" {
  name                = "api-contoso"
  location            = "westeurope"
  resource_group_name = "rg"
  service_plan_id     = "plan"
  site_config {}
  app_settings = {
    AZURE_OPENAI_ENDPOINT    = "https://contoso.openai.azure.com/"
    AZURE_OPENAI_DEPLOYMENT  = "gpt-4o"
    WEBSITE_RUN_FROM_PACKAGE = "1"
    APP_TITLE                = "gpt-4o-mini"
  }
}
'''
BICEP = '''
resource site 'Microsoft.Web/sites@2023-01-01' = {
  name: 'web-contoso'
  location: 'westeurope'
  properties: {
    siteConfig: {
      appSettings: [
        { name: 'OPENAI_MODEL', value: 'gpt-4.1-mini' }
        { name: 'LOG_LEVEL', value: 'default' }
      ]
    }
  }
}
'''


def test_app_settings_name_the_models_a_resource_uses(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TF)
    (tmp_path / "app.bicep").write_text(BICEP)
    r = scan([tmp_path], ScanOptions())
    models = {a.uid: a for a in r.assets if a.type == "model"}
    assert {m.name for m in models.values()} == {"gpt-4o", "gpt-4.1-mini"}  # not APP_TITLE's value
    by_name = {m.name: m for m in models.values()}
    assert by_name["gpt-4o"].properties["service"] == "azure-openai"
    assert by_name["gpt-4o"].properties["declared_as"] == "AZURE_OPENAI_DEPLOYMENT"
    assert by_name["gpt-4.1-mini"].properties["service"] == "openai"
    names = {a.uid: a.name for a in r.assets}
    uses = {(names[x.source], names[x.target]) for x in r.relations if x.verb == "uses_model"}
    assert uses == {("api-contoso", "gpt-4o"), ("web-contoso", "gpt-4.1-mini")}


def test_a_setting_naming_a_declared_deployment_points_at_it() -> None:
    root = Path(__file__).resolve().parents[3] / "examples" / "azure-rag"
    r = scan([root], ScanOptions())
    assert not [a for a in r.assets if a.properties.get("family") == "app-config"]  # no second gpt-4o
    by_uid = {a.uid: a for a in r.assets}
    uses = [x for x in r.relations if x.verb == "uses_model" and by_uid[x.source].name == "app-contoso-rag"]
    assert [(by_uid[x.target].kind.value, by_uid[x.target].name) for x in uses] == [("model-deployment", "gpt-4o")]
