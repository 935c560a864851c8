"""Rules for credentials written into code, configuration and notebooks.

The `secrets` source (`aispm.providers.code.secrets`, used by every code and config source) turns each
AI provider key, cloud access key or connection-string password it finds into a `secret` asset,
redacted, with a `holds_key_for` relation to the service it opens where that can be told. The
asset is the inventory (and an attack-path entry); this rule is what makes it a finding, so that
a leaked key shows up beside the misconfigurations, in SARIF for code scanning, and fails CI.

Secrets inside an MCP server's `env`/headers or an agent's tool definition are judged on the
server or agent by AISPM-AG-005 as well: that finding says which agent is exposed, this one where
the value sits in the file.
"""

from __future__ import annotations

import textwrap

from aispm.model import Pillar, References, Severity
from aispm.rules.engine import Change, Fix, Rule, is_false
from aispm.compliance import controls

SECRET = "secret"

RULES = [
    Rule(
        id="AISPM-SE-001",
        title="AI service keys and other credentials should not be written in code, configuration or notebooks",
        severity=Severity.HIGH,
        pillar=Pillar.IDENTITY,
        resource_types=(SECRET,),
        facts=("hardcoded_secret", "secret_kind"),
        check=is_false("hardcoded_secret"),
        provider="code",
        risk="A key in a repository is readable by everyone who can read the repository, its forks, its history, its "
        "build logs and any image built from it, and it stays valid until someone rotates it. An AI provider key "
        "lets its holder call the models on the owner's bill and quota, read what the account stores (files, "
        "fine-tuning data, assistants, vector stores) and, for Azure keys, bypass every role assignment: keys "
        "are not tied to an identity, so their use cannot be attributed or conditionally blocked.",
        remediation="Rotate the credential now (regenerate the account key or revoke the token; removing it from the "
        "file does not remove it from history). Then read it at run time instead: a managed identity with "
        "`DefaultAzureCredential` / `get_bearer_token_provider` for Azure AI (and disable key access on the "
        "account), an environment variable or secret store (Key Vault reference, AWS Secrets Manager, GCP "
        "Secret Manager) for other providers; notebooks should take it from the environment, never print it.",
        references=References(
            defender_indicator="Exposed credentials in code repositories (attack path entry: leaked key)",
            urls=(
                "https://learn.microsoft.com/azure/defender-for-cloud/defender-for-devops-introduction",
                "https://learn.microsoft.com/azure/ai-services/authentication",
                "https://owasp.org/Top10/A07_2021-Identification_and_Authentication_Failures/",
            ),
            compliance=controls("LLM02 AML.T0055 GAI:information-security"),
        ),
        fix=Fix(
            steps=(
                "Rotate the credential now: regenerate the account key or revoke the token. Removing it from the "
                "file does not remove it from the history, forks, build logs or images.",
                "Read credentials at run time instead: for Azure AI, a managed identity or developer sign-in "
                "through `DefaultAzureCredential` (then disable key access on the account, AISPM-AZ-001); for other "
                "providers, an environment variable filled from a secret store (Key Vault, AWS Secrets Manager, GCP "
                "Secret Manager).",
                "In notebooks, take the value from the environment and never print it; clear outputs that showed "
                "it.",
            ),
            changes=(
                Change("code", textwrap.dedent("""
                    import os

                    from azure.identity import DefaultAzureCredential, get_bearer_token_provider
                    from openai import AzureOpenAI

                    token_provider = get_bearer_token_provider(
                        DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default"
                    )
                    client = AzureOpenAI(
                        azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
                        azure_ad_token_provider=token_provider,
                        api_version="2024-10-21",
                    )""").strip(), target="app/chat.py", note="Azure OpenAI with Microsoft Entra ID: no key at all.",
                       data={"file": True}),
                Change("code", textwrap.dedent("""
                    from openai import OpenAI

                    client = OpenAI()  # reads OPENAI_API_KEY from the environment""").strip(), target="app/chat.py",
                       note="Other providers: the key comes from the environment, filled from a secret store.",
                       data={"file": True}),
            ),
        ),
    ),
]
