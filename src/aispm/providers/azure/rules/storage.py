"""Rules for storage that AI workloads are grounded on.

Storage accounts are judged here only when the scan shows that an AI service
reads from them (`used_for_ai_grounding`, set by the linker): aispm is not a
general storage scanner, and grounding data is where AI data exposure happens.
"""

from __future__ import annotations

from aispm.providers.azure.catalog import STORAGE_ACCOUNT
from aispm.model import Pillar, References, Severity
from aispm.rules.engine import Rule, is_false


def _grounding(facts: dict) -> bool:
    return facts.get("used_for_ai_grounding") is True


RULES = [
    Rule(
        id="AISPM-AZ-050",
        title="Storage accounts used for AI grounding should restrict network access",
        severity=Severity.HIGH,
        pillar=Pillar.DATA,
        resource_types=(STORAGE_ACCOUNT,),
        facts=("public_network_access", "used_for_ai_grounding"),
        check=is_false("public_network_access"),
        applies=_grounding,
        risk="Grounding data shapes every answer of the AI application: a publicly reachable account lets an "
        "attacker with a key or SAS token read it (exfiltration) or write to it (poisoning).",
        remediation="Set `publicNetworkAccess: 'Disabled'` or `networkAcls.defaultAction: 'Deny'`, and let the AI "
        "services reach it through private endpoints or trusted-service exceptions.",
        references=References(defender=None),
    ),
    Rule(
        id="AISPM-AZ-051",
        title="Storage accounts used for AI grounding should not allow anonymous blob access",
        severity=Severity.HIGH,
        pillar=Pillar.DATA,
        resource_types=(STORAGE_ACCOUNT,),
        facts=("allow_blob_public_access", "used_for_ai_grounding"),
        check=is_false("allow_blob_public_access"),
        applies=_grounding,
        risk="With anonymous blob access allowed, one container set to public exposes grounding documents to anyone.",
        remediation="Set `allowBlobPublicAccess: false` (Terraform `allow_nested_items_to_be_public = false`).",
        references=References(),
    ),
    Rule(
        id="AISPM-AZ-052",
        title="Storage accounts used for AI grounding should have shared key access disabled",
        severity=Severity.MEDIUM,
        pillar=Pillar.IDENTITY,
        resource_types=(STORAGE_ACCOUNT,),
        facts=("local_auth_enabled", "used_for_ai_grounding"),
        check=is_false("local_auth_enabled"),
        applies=_grounding,
        risk="Account keys and SAS tokens signed with them give full access to grounding data without an identity "
        "in the logs.",
        remediation="Set `allowSharedKeyAccess: false` (Terraform `shared_access_key_enabled = false`) and use Entra "
        "ID roles.",
        references=References(),
    ),
]
