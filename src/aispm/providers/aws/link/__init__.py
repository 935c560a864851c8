"""AWS relations and cross-resource facts: the provider's linker.

Runs after the AWS facts. Picks the AWS assets of the scan, indexes them (`index.py`: uids,
Terraform references left as `Unknown("<address>.<attr> is known after apply")`, CloudFormation
intrinsics, literal ARNs, names) and adds:

- `resources.py`: `runs_as`, `uses_model`, `grounded_on`, `reads`/`writes`, `runs`, `routes_to`,
  `serves`, `contains` between Bedrock, SageMaker, Lambda, EC2 and their roles and data;
- `iam.py`: `has_role_on` from IAM policy statements (with `data_access`, as the graph reads it)
  and `can_assume` from trust policies;
- `exposure.py`: internet exposure and public access that one resource gives another (function
  URLs, bucket policies, security groups, API Gateway methods);
- `code.py`: `runs` from a Lambda function to the `code-project` of its local code (an
  `archive_file`'s folder, or the folder its `Code` names);
- `network.py`: a SageMaker endpoint's `network_isolation` and `vpc_attached` from the models it
  serves, and a Bedrock agent's `private_link` from the scan's interface VPC endpoints.
"""

from __future__ import annotations

from typing import Any

from aispm.model import Asset, Relation, ScanError, ScanResult
from aispm.providers.aws.link import code, exposure, iam, network, resources
from aispm.providers.aws.link.index import Index


def link_assets(assets: list[Asset], errors: list[ScanError] | None = None,
                projects: list[Asset] = (), gaps: list = ()) -> tuple[list[Asset], list[Relation]]:
    """New assets (foundation models, code folders) and relations for the AWS assets of a scan and
    its code projects; what input made it stop short goes to `errors`. `gaps`: what a live scan
    could not read (`aispm.live.context.Gap`), so that an unread resource is not taken as absent."""
    index = Index(assets)
    relations: list[Relation] = []
    seen: set[tuple] = set()
    new: dict[str, Asset] = {}

    def rel(a: str, verb: str, b: str, **props: Any) -> None:
        if a == b:
            return
        r = Relation(a, verb, b, tuple(sorted(props.items())))
        key = (r.source, r.verb, r.target)
        if key not in seen:
            seen.add(key)
            relations.append(r)

    def new_asset(a: Asset) -> Asset:
        return new.setdefault(a.uid, a)

    resources.link(index, rel, new_asset)
    index_with_models = Index([*assets, *new.values()]) if new else index
    def report(a: Asset, message: str) -> None:
        if errors is not None:
            errors.append(ScanError(a.origin.file, a.origin.line, f"{a.origin.address}: {message}"))

    iam.link_roles(index_with_models, rel, report, new_asset)
    exposure.link(index, rel)
    network.link(index, gaps)
    code.link(index, list(projects), rel, new_asset)
    return list(new.values()), relations


def link(result: ScanResult) -> None:
    models, relations = link_assets([a for a in result.assets if a.provider == "aws"], result.errors,
                                    [a for a in result.assets if a.type == code.CODE_PROJECT], result.gaps)
    have = {a.uid for a in result.assets}
    result.assets.extend(m for m in models if m.uid not in have)
    result.relations.extend(relations)
