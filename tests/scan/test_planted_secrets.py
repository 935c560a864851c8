"""Secrets never leave: values planted where no source looks for secrets (resource tags, a
resource's name, which attack path titles repeat, a Foundry connection's credentials, an azapi
body, a requirements line that fails to parse, a secret assigned to a variable whose name is
another secret) appear in no output format and not on stderr — only their redacted forms."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from aispm.cli import main
from aispm.formats.secrets import redact

# Built from parts so that this file holds no literal key for other scanners to trip on.
OPENAI = "sk-proj-" + "Xq7Rt2Mn9Bv4Lk8Jh3Gf6Ds1Ap0Zc5Yw7Tu2Ie9Ro4Pl6Ka8Sj3Dh1Fg5Hj7Kl9Zx2Cv4Bn6"
ANTHROPIC = "sk-ant-api03-" + "Mm8Nn6Bb4Vv2Cc0Xx9Zz7Ll5Kk3Jj1Hh8Gg6Ff4Dd2Ss0Aa9Qq7Ww5Ee3Rr1Tt-Yy9UuIIAA"
STORAGE_KEY = "Q2xhcmsgS2VudCBpcyBTdXBlcm1hbiBhbmQgbm9ib2R5IGtub3dz" + "IGl0IGJ1dCBMb2lzIExhbmUu=="
TAG_KEY = "tagkey-" + "9f8e7d6c5b4a39281706f5e4d3c2b1a0"  # no known shape: secret only by its name
CONN_CRED = "conncred-" + "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d"  # idem, in `credentials`
APP_SETTING = "appset-" + "0f1e2d3c4b5a69788796a5b4c3d2e1f0"  # idem, an app setting named *_API_KEY
ALL = {"openai": OPENAI, "anthropic": ANTHROPIC, "storage": STORAGE_KEY, "tag": TAG_KEY, "cred": CONN_CRED,
       "setting": APP_SETTING}

TF = f'''
resource "azurerm_cognitive_account" "oai" {{
  name               = "oai-planted"
  kind               = "OpenAI"
  local_auth_enabled = true
  tags = {{
    apikey = "{TAG_KEY}"
    note   = "fallback {OPENAI}"
  }}
}}

resource "azurerm_cognitive_account" "named" {{
  name                          = "oai-{OPENAI}"
  kind                          = "OpenAI"
  local_auth_enabled            = true
  public_network_access_enabled = true
}}

resource "azapi_resource" "conn" {{
  type      = "Microsoft.CognitiveServices/accounts/connections@2025-04-01-preview"
  name      = "search"
  parent_id = azurerm_cognitive_account.oai.id
  body = {{
    properties = {{
      category    = "CognitiveSearch"
      authType    = "ApiKey"
      target      = "https://srch.search.windows.net"
      credentials = {{ key = "{CONN_CRED}" }}
    }}
  }}
}}

resource "azurerm_linux_web_app" "app" {{
  name                = "app-planted"
  resource_group_name = "rg"
  location            = "eastus"
  service_plan_id     = "plan"
  site_config {{}}
  app_settings = {{
    OPENAI_API_KEY   = "{APP_SETTING}"
    STORAGE          = "DefaultEndpointsProtocol=https;AccountName=stplanted;AccountKey={STORAGE_KEY};EndpointSuffix=core.windows.net"
  }}
}}
'''

BICEP = f'''
resource acct 'Microsoft.CognitiveServices/accounts@2024-10-01' = {{
  name: 'oai-bicep-planted'
  location: 'eastus'
  kind: 'AIServices'
  tags: {{ apikey: '{TAG_KEY}' }}
  properties: {{ disableLocalAuth: false }}
}}

resource conn 'Microsoft.CognitiveServices/accounts/connections@2025-04-01-preview' = {{
  parent: acct
  name: 'search'
  properties: {{
    category: 'CognitiveSearch'
    authType: 'ApiKey'
    target: 'https://srch.search.windows.net'
    credentials: {{ key: '{CONN_CRED}' }}
  }}
}}
'''


@pytest.fixture
def planted(tmp_path: Path) -> Path:
    (tmp_path / "main.tf").write_text(TF)
    (tmp_path / "main.bicep").write_text(BICEP)
    (tmp_path / "requirements.txt").write_text(f"openai=={OPENAI}\nanthropic[{ANTHROPIC}]>=\n")
    (tmp_path / "app.py").write_text(
        f'from openai import OpenAI\n{OPENAI.replace("-", "_")[:12]} = "{ANTHROPIC}"\n'
        f'client = OpenAI(api_key="{OPENAI}")\n')
    (tmp_path / ".env").write_text(f"OPENAI_API_KEY={OPENAI}\n")
    return tmp_path


@pytest.mark.parametrize("fmt", ["json", "sarif", "cyclonedx", "html", "table"])
def test_no_planted_secret_reaches_an_output(planted: Path, fmt: str) -> None:
    res = CliRunner().invoke(main, ["scan", str(planted), "-f", fmt])
    assert res.exit_code in (1, 2), res.output
    out = res.stdout + res.stderr
    leaked = [name for name, value in ALL.items() if value in out]
    assert leaked == [], f"{fmt} leaks {leaked}"
    if fmt == "json":
        report = json.loads(res.stdout)
        assert any(a["name"] == "oai-planted" for a in report["assets"])  # the scan itself still worked


@pytest.mark.parametrize("command", [["paths"], ["query", "secrets"], ["graph", "-f", "graphml"],
                                     ["graph", "-f", "cypher"]])
def test_no_planted_secret_reaches_the_graph_commands(planted: Path, command: list[str]) -> None:
    res = CliRunner().invoke(main, [*command, str(planted)])
    out = res.stdout + res.stderr
    assert [name for name, value in ALL.items() if value in out] == []


def test_redacted_forms_are_kept_where_the_values_were(planted: Path) -> None:
    res = CliRunner().invoke(main, ["scan", str(planted), "-f", "json"])
    report = json.loads(res.stdout)
    oai = next(a for a in report["assets"] if a["name"] == "oai-planted")
    assert oai["properties"]["tags"]["apikey"] == redact(TAG_KEY)  # redacted by its name
    assert oai["properties"]["tags"]["note"] == f"fallback {OPENAI[:4]}…{OPENAI[-2:]}"  # by its shape
