"""A secret found is never printed: not in the table, JSON, SARIF, CycloneDX, HTML,
the graph exports, nor in an error message — only its redacted form and hash."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

from aispm.cli import main
from aispm.report import cyclonedx, html, sarif
from aispm.report import json as json_report
from aispm.report.table import render as render_table
from aispm.scan import scan

# Fake values shaped like real ones. Built from parts so this test file itself holds no
# literal key for other scanners to trip on.
SECRETS = {
    "openai": "sk-" + "Zt7Qw9Lx2Vb8Nc4Mr6Ty1Ui3Op5As0Df7Gh9Jk2Lz4Xc6Vb",
    "openai_project": "sk-proj-" + "Ab3Cd5Ef7Gh9Ij1Kl3Mn5Op7Qr9St1Uv3Wx5Yz7Ab9Cd1Ef3Gh5Ij7Kl9Mn1Op3Qr5St7Uv9",
    "anthropic": "sk-ant-api03-" + "Qw8Er6Ty4Ui2Op0As9Df7Gh5Jk3Lz1Xc8Vb6Nm4Qw2Er0Ty9Ui7Op5As3Df1Gh-Jk9LzXAA",
    "huggingface": "hf_" + "QwErTyUiOpAsDfGhJkLzXcVbNmQwErTyUi",
    "google": "AIza" + "SyD9x8W7v6U5t4S3r2Q1p0O9n8M7l6K5j4I",
    "aws_key_id": "AKIA" + "QWERTYUIOPASDFGH",
    "aws_secret": "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYzEXAMPLEKEYq",
    "azure": "8c2f4e6a1b3d5f7e" + "9a0c2e4f6b8d1a3c",
    "conn_password": "Pa55w0rd!" + "Tr0ub4dor",
}

PY = f'''
import boto3
from openai import AzureOpenAI, OpenAI
from anthropic import Anthropic

openai_client = OpenAI(api_key="{SECRETS["openai"]}")
project_client = OpenAI(api_key="{SECRETS["openai_project"]}")
claude = Anthropic(api_key="{SECRETS["anthropic"]}")
azure = AzureOpenAI(azure_endpoint="https://oai-redact.openai.azure.com/", api_key="{SECRETS["azure"]}",
                    api_version="2024-10-21")
bedrock = boto3.client("bedrock-runtime", aws_access_key_id="{SECRETS["aws_key_id"]}",
                       aws_secret_access_key="{SECRETS["aws_secret"]}")
'''

ENV = f'''HF_TOKEN={SECRETS["huggingface"]}
GOOGLE_API_KEY={SECRETS["google"]}
DATABASE_URL=postgresql://app:{SECRETS["conn_password"]}@db.internal:5432/rag
'''

NOTEBOOK = {
    "cells": [
        {"cell_type": "code", "metadata": {}, "execution_count": 1, "outputs": [],
         "source": ["from openai import OpenAI\n", f'client = OpenAI(api_key="{SECRETS["openai"]}")\n']},
    ],
    "metadata": {}, "nbformat": 4, "nbformat_minor": 5,
}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("leaky")
    (root / "app.py").write_text(PY)
    (root / ".env").write_text(ENV)
    (root / "explore.ipynb").write_text(json.dumps(NOTEBOOK, indent=1))
    (root / "broken.py").write_text(f'key = "{SECRETS["openai"]}"\ndef f(:\n')  # a syntax error beside a key
    # errors that once quoted the input line: an invalid requirement, a Poetry constraint, a conda spec, a key
    (root / "requirements.txt").write_text(f"openai=={SECRETS['openai_project']}\n-r {SECRETS['anthropic']}.txt\n")
    (root / "pyproject.toml").write_text(f'[tool.poetry.dependencies]\nopenai = "^{SECRETS["openai"]} x"\n')
    (root / "environment.yml").write_text(f"dependencies:\n  - '!{SECRETS['huggingface']}'\n")
    (root / "mcp.json").write_text(f'{{"servers": {{"s": 1, "{SECRETS["google"]}": 2}}}}')
    return root


def _outputs(root: Path) -> dict[str, str]:
    result = scan([root])
    out = {
        "json": json_report.render(result),
        "sarif": sarif.render(result),
        "cyclonedx": cyclonedx.render(result),
        "html": html.render(result),
    }
    console = Console(record=True, width=200)
    render_table(result, console, show_passed=True)
    out["table"] = console.export_text()
    runner = CliRunner()
    for fmt in ("graphml", "cypher"):
        out[fmt] = runner.invoke(main, ["graph", str(root), "--format", fmt]).stdout
    out["paths"] = runner.invoke(main, ["paths", str(root), "--format", "json"]).stdout
    out["errors"] = "\n".join(e.message for e in result.errors)
    return out


def test_every_secret_kind_is_found(project: Path) -> None:
    result = scan([project])
    hashes = {a.properties.get("sha256") for a in result.assets if a.type == "secret"}
    for kind in ("openai", "openai_project", "anthropic", "huggingface", "google", "aws_key_id", "azure"):
        assert hashlib.sha256(SECRETS[kind].encode()).hexdigest() in hashes, kind
    # the password inside a connection URL
    assert any(a.origin.file == ".env" and a.origin.line == 3 and a.properties.get("detector") == "url-password"
               for a in result.assets if a.type == "secret")


def test_no_output_contains_a_secret(project: Path) -> None:
    for fmt, text in _outputs(project).items():
        assert text is not None
        for kind, value in SECRETS.items():
            assert value not in text, f"{kind} secret printed in {fmt}"
            # nor a long-enough piece of it
            assert value[4:-2] not in text, f"part of the {kind} secret printed in {fmt}"


def test_errors_that_quote_the_input_say_where_not_what(project: Path) -> None:
    result = scan([project])
    by_file = {e.file for e in result.errors}
    assert {"requirements.txt", "pyproject.toml", "environment.yml", "mcp.json"} <= by_file
    assert all(len(e.message) < 300 for e in result.errors)


def test_redacted_form_and_hash_are_reported(project: Path) -> None:
    report = json.loads(_outputs(project)["json"])
    secrets = [a for a in report["assets"] if a["type"] == "secret"]
    assert secrets
    for a in secrets:
        assert "…" in a["properties"]["redacted"]
        assert len(a["properties"]["sha256"]) == 64


# A model server's key on its command line can have any shape: the detector cannot know it, the flag can.
COMMAND_LINE_KEYS = {"vllm": "Zq8vKpL2" + "mN4xR7tW9yB3", "litellm": "Hj5kPq9s" + "Vw2zXc7nMb4L"}

DEPLOYMENT = f"""apiVersion: apps/v1
kind: Deployment
metadata: {{name: llm}}
spec:
  template:
    spec:
      containers:
      - name: vllm
        image: vllm/vllm-openai:v0.6.0
        args: ["--model", "meta-llama/Llama-3-8B", "--max-model-len", "4096", "--api-key", "{COMMAND_LINE_KEYS['vllm']}"]
      - name: proxy
        image: ghcr.io/berriai/litellm:main
        command: ["litellm", "--port", "4000", "--master_key={COMMAND_LINE_KEYS['litellm']}"]
"""


def test_a_key_given_on_a_command_line_is_in_no_output(tmp_path: Path) -> None:
    (tmp_path / "deploy.yaml").write_text(DEPLOYMENT)
    outputs = _outputs(tmp_path)
    for fmt, text in outputs.items():
        for kind, value in COMMAND_LINE_KEYS.items():
            assert value not in text, f"the {kind} key printed in {fmt}"
    report = json.loads(outputs["json"])
    args = [c.get("args") for a in report["assets"] for c in (a["properties"].get("spec", {}).get("template", {})
            .get("spec", {}).get("containers") or []) if c.get("args")]
    # what is not a credential stays readable
    assert any("--max-model-len" in a and "4096" in a and "meta-llama/Llama-3-8B" in a for a in args), args


def test_only_credential_flags_lose_their_values() -> None:
    from aispm.formats.secrets import scrub_command

    words = ["serve", "--max-tokens", "512", "--tokenizer", "t5", "--api-key", "abc123xyz", "--hf_token=hf_value1",
             "--token", "--port", "8000"]
    out = scrub_command(words)
    assert out[:6] == words[:6]  # --max-tokens and --tokenizer keep their values
    assert out[6] != "abc123xyz" and "abc123xyz" not in " ".join(out)
    assert out[7].startswith("--hf_token=") and "hf_value1" not in out[7]
    assert out[8:] == ["--token", "--port", "8000"]  # a flag is never taken for a value
