"""The code-to-cloud rules: a live resource that differs from its IaC, an AI resource no IaC declares.

They judge every type (`*`), read only the facts `match.link` sets, and give no verdict where the
scan had nothing to compare (no IaC, or no live target, of that cloud).
"""

from __future__ import annotations

from aispm.model import Pillar, References, Severity
from aispm.rules.engine import Change, Fix, Rule
from aispm.compliance import controls


def _no_drift(facts) -> bool | None:
    d = facts.get("iac_drift")
    return None if d is None else not d


def _declared(facts) -> bool | None:
    return facts.get("iac_declared")


RULES = [
    Rule(
        id="AISPM-DRIFT-001",
        title="Live resource should match its infrastructure-as-code",
        severity=Severity.MEDIUM,
        pillar=Pillar.RESILIENCE,
        resource_types=("*",),
        facts=("iac_drift",),
        check=_no_drift,
        applies=lambda facts: facts.get("iac_declared") is True,
        risk="Someone changed the running resource outside the pipeline (a portal click, a CLI call, an "
             "emergency fix): the reviewed code says one thing, the cloud does another, and the next deployment "
             "either silently reverts the change or keeps a weaker setting nobody reviewed. A drifted security "
             "setting (key auth re-enabled, public access opened) is invisible in code review.",
        remediation="Make the live resource match the code (redeploy), or change the code to what must run and "
                    "deploy it through the pipeline; then find who changed it outside.",
        fix=Fix(steps=(
            "Read the finding's evidence: each fact that differs, with its value in the code and in the cloud.",
            "Decide which is right. If the code is, redeploy it (terraform apply, az deployment, CloudFormation "
            "update) so the cloud matches; if the cloud is, change the code and deploy it through review.",
            "Find the change in the cloud's activity log (Azure Activity Log, AWS CloudTrail, GCP Audit Logs) and "
            "restrict who can change the resource outside the pipeline.",
        ), changes=(
            Change("cli", "terraform plan -detailed-exitcode   # exit 2 shows the drift; terraform apply reverts it",
                   title="Terraform"),
        )),
        scope="live resources that a scanned declaration matches (same cloud id, trace tag, or name and location)",
        references=References(urls=("https://developer.hashicorp.com/terraform/tutorials/state/resource-drift",),
                              compliance=controls("A.6.2.5 A.6.2.6 GAI:information-security")),
        provider="drift",
    ),
    Rule(
        id="AISPM-DRIFT-002",
        title="AI resources should be declared in infrastructure-as-code",
        severity=Severity.LOW,
        pillar=Pillar.AI,
        resource_types=("*",),
        facts=("iac_declared",),
        check=_declared,
        applies=lambda facts: facts.get("iac_declared") is not None and "iac_drift" not in facts,
        risk="An AI service, agent or model that runs but that no scanned code declares (shadow AI) was never "
             "reviewed: its network, identity and data settings are whatever its creator chose, it is missing from "
             "the AI inventory the code gives, and nobody owns its posture.",
        remediation="Bring the resource under infrastructure-as-code (import it) or delete it if nobody owns it.",
        fix=Fix(steps=(
            "Find the resource's owner (tags, the activity log of its creation).",
            "Import it into the infrastructure-as-code of that team (terraform import, Bicep/ARM export, "
            "CloudFormation resource import) and review its settings like any change, or delete it.",
        ), changes=(
            Change("cli", "terraform import <resource address> <cloud id>", title="Terraform"),
        )),
        scope="live AI resources of a cloud whose infrastructure-as-code the same scan read",
        provider="drift",
        references=References(compliance=controls("A.4.2 A.4.5 A.6.2.3")),
    ),
]
