"""Amazon Web Services: Bedrock, SageMaker and what they run on.

Shape: the CloudFormation / Cloud Control resource model (`AWS::Bedrock::Agent` with its
CloudFormation properties), whether declared in CloudFormation, Terraform `aws`/`awscc` or read
from the live APIs. Sources, mapping rows, facts, linkers and rules are added here, in this
package only (`docs/contributing.md`).
"""

from __future__ import annotations

from aispm.providers.aws import catalog as cat
from aispm.providers.aws import endpoints as _endpoints, labels as _labels, link as _link
from aispm.providers.aws import live as _live
from aispm.registry import LeakText, Provider


def _terraform_rows():
    from aispm.providers.aws.terraform import rows

    return rows()


def _fold(assets) -> None:
    from aispm.providers.aws.fold import fold

    fold(assets)


def _derive(asset) -> None:
    from aispm.providers.aws.facts.derive import derive

    derive(asset)


def _rules():
    from aispm.providers.aws.rules import RULES

    return RULES


def _sources():
    from aispm.providers.aws.cloudformation import CloudFormationSource
    from aispm.providers.aws.live.snapshot import AwsSnapshotSource

    return (CloudFormationSource(), AwsSnapshotSource())


PROVIDER = Provider(
    name="aws",
    title="Amazon Web Services",
    vendor="Amazon Web Services",
    sources=_sources,
    collector=_live.collect,
    linkers=(_link.link,),
    endpoint=_endpoints.endpoint,
    label=_labels.label,
    terraform_rows=_terraform_rows,
    folds=(_fold,),
    derive=_derive,
    rules=_rules,
    # AWS grants are policy documents, not named roles: the linker states each edge's data access;
    # these name the AWS managed policies for the edges that carry a policy's name
    data_roles=cat.DATA_POLICIES,
    non_data_roles=cat.NON_DATA_POLICIES,
    privileged_roles=cat.PRIVILEGED_POLICIES,
    sensitive_types=cat.SENSITIVE_TYPES,
    ai_types=cat.AI_TYPES,
    leak_texts={cat.TERRAFORM_OUTPUT: LeakText(
        entry="Terraform output {name} in {where}",
        evidence="output {name} at {where} returns an IAM access key's secret: kept in clear text in the "
                 "Terraform state and printed by `terraform output`",
        fix="remove output {name} ({where}) or mark it sensitive = true, then deactivate and delete the access key "
            "and give the workload a role instead of a long-lived user key",
    )},
)
