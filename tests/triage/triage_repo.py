"""The triage tests' helpers: a small repository with one finding of each kind (Terraform, Bicep,
CloudFormation, Python, JavaScript, a notebook, an MCP config (JSON) and a vulnerable library), and
the CLI run on it. A module of its own name, not `conftest`: other test folders have a `conftest` too,
and a run of several folders imported the first one it met."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from aispm.cli import main

KEY = "sk-proj-Qm7vX2bN9kL4pR8sT1wY6zA3cD5fG0hJ2kL4mN6pQ8rS"

TF = '''resource "azurerm_cognitive_account" "oai" {{
  name               = "oai-a"
  kind               = "OpenAI"{comment}
  local_auth_enabled = true
}}
'''

BICEP = '''resource oai 'Microsoft.CognitiveServices/accounts@2023-05-01' = {{
  name: 'oai-b'
  location: 'eastus'
  kind: 'OpenAI'
  sku: {{ name: 'S0' }}{comment}
  properties: {{ disableLocalAuth: false }}
}}
'''

CFN = '''AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Notebook:
    Type: AWS::SageMaker::NotebookInstance
    Properties:
      InstanceType: ml.t3.medium{comment}
      RoleArn: arn:aws:iam::123456789012:role/x
      RootAccess: Enabled
Outputs:
  Name:
    Value: x
'''

PY = 'from openai import OpenAI\n\nclient = OpenAI(api_key="' + KEY + '"){comment}\n'
JS = 'import OpenAI from "openai";\n\nconst client = new OpenAI({{ apiKey: "' + KEY + '" }});{comment}\n'
MCP = {"mcpServers": {"tools": {"command": "docker", "args": ["run", "-i", "--rm", "ghcr.io/acme/openai-mcp:latest"]}}}


def notebook(comment: str = "") -> str:
    cell = {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
            "source": ["from openai import OpenAI\n", f'client = OpenAI(api_key="{KEY}"){comment}\n']}
    return json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1)


def write_repo(root: Path, comments: dict[str, str] | None = None) -> Path:
    """The repository under `root` (a git work tree), with `comments[kind]` appended to the line
    of that kind's finding."""
    c = comments or {}
    (root / ".git").mkdir(parents=True, exist_ok=True)
    files = {
        "infra/main.tf": TF.format(comment=c.get("tf", "")),
        "infra/main.bicep": BICEP.format(comment=c.get("bicep", "")),
        "cfn/template.yaml": CFN.format(comment=c.get("cfn", "")),
        "app/client.py": PY.format(comment=c.get("py", "")),
        "web/client.js": JS.format(comment=c.get("js", "")),
        "nb/explore.ipynb": notebook(c.get("nb", "")),
        ".cursor/mcp.json": json.dumps(MCP),
        "requirements.txt": "langchain-core==0.2.10" + c.get("req", "") + "\n",
    }
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    return root


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def scan_json(*args: str, code: int | None = None) -> tuple[dict, Result]:
    res = run("scan", *args, "-f", "json", "-q")
    if code is not None:
        assert res.exit_code == code, (res.exit_code, res.stderr[-2000:], res.stdout[-500:])
    return json.loads(res.stdout), res


def statuses(report: dict, rule: str, file: str | None = None) -> set[str]:
    return {f["status"] for f in report["findings"] if f["rule_id"] == rule and (file is None or f["file"] == file)}
