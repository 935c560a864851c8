"""Rules for what a deployment itself exposes: outputs that return keys.

Output assets exist only for outputs that carry a key (`aispm.providers.azure.outputs`), so this
rule never speaks of ordinary outputs. A key's holder need not be an AI account: any
`listKeys()` in an output is judged, because the deployment history does not care whose key it is.
"""

from __future__ import annotations

import json
import textwrap

from aispm.providers.azure.catalog import DEPLOYMENT_OUTPUT
from aispm.model import Pillar, References, Severity
from aispm.providers.azure.rules.fixes import terraform
from aispm.rules.engine import Change, Fix, Rule, is_true
from aispm.compliance import controls

RULES = [
    Rule(
        id="AISPM-AZ-060",
        title="Deployment outputs should not return account keys or secrets",
        severity=Severity.HIGH,
        pillar=Pillar.IDENTITY,
        resource_types=(DEPLOYMENT_OUTPUT,),
        facts=("output_secure",),
        check=is_true("output_secure"),
        risk="ARM keeps every deployment's outputs in the deployment history of its resource group, in clear text: "
        "anyone with read access to the resource group (the built-in Reader role is enough) can list the "
        "deployments and read an output that returns `listKeys()` — an AI account key that bypasses every role "
        "assignment and is not tied to an identity. Each Bicep module is a deployment of its own, so a module "
        "output leaks the same way. Terraform prints outputs not marked sensitive in plans, logs and CI output.",
        remediation="Do not pass keys between deployments: give the consumer a managed identity and a data-plane role "
        "(e.g. Cognitive Services OpenAI User), or have it read the key from Key Vault. If an output must carry a "
        "key, mark it `@secure()` (Bicep), type `secureString`/`secureObject` (ARM) or `sensitive = true` "
        "(Terraform). Rotate any key that was already output: the history keeps old deployments.",
        references=References(
            psrule=("Azure.Deployment.OutputSecretValue",),
            urls=(
                "https://learn.microsoft.com/azure/azure-resource-manager/bicep/linter-rule-outputs-should-not-contain-secrets",
                "https://azure.github.io/PSRule.Rules.Azure/en/rules/Azure.Deployment.OutputSecretValue/",
                "https://developer.hashicorp.com/terraform/language/values/outputs#sensitive-suppressing-values-in-cli-output",
            ),
            compliance=controls("LLM02 AML.T0055 GAI:information-security"),
        ),
        fix=Fix(
            steps=(
                "Stop passing keys between deployments: give the consumer a managed identity and a data-plane role "
                "on the account, or have it read the key from Key Vault.",
                "If an output must carry a key, make it secure: `@secure()` on a Bicep output, type `securestring` "
                "or `secureobject` in an ARM template, `sensitive = true` on a Terraform output.",
                "Rotate the keys that were already output: the deployment history keeps old deployments.",
            ),
            changes=(
                terraform("output", """
                    output "account_key" {
                      value     = azurerm_cognitive_account.account.primary_access_key
                      sensitive = true
                    }"""),
                Change("bicep", textwrap.dedent("""
                    @secure()
                    output accountKey string = account.listKeys().key1""").strip(), target="output",
                       data={"kind": "output", "type": "securestring"}),
                Change("arm", json.dumps({"outputs": {"accountKey": {
                    "type": "securestring",
                    "value": "[listKeys(resourceId('Microsoft.CognitiveServices/accounts', parameters('accountName')), "
                             "'2024-10-01').key1]",
                }}}, indent=2), target="output", note="In the template's `outputs`.",
                       data={"kind": "output", "type": "securestring"}),
            ),
        ),
    ),
]
