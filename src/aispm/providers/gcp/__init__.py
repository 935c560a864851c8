"""Google Cloud: Vertex AI and what it runs on.

Shape: the Cloud Asset Inventory asset — its type (`aiplatform.googleapis.com/Endpoint`) and the
REST representation of the resource as properties (camelCase) — whether declared in Terraform
`google` / `google-beta` (`terraform/`) or, later, read from the live inventory. IAM bindings
declared apart are folded into their resource (`fold.py`); facts are derived once from that shape
(`facts/`), linkers relate resources (`link/`), rules judge facts (`rules/`). This module is the
provider's one record in the registry (`aispm.registry.Provider`).
"""

from __future__ import annotations

from aispm.providers.gcp import catalog as cat
from aispm.providers.gcp import live
from aispm.registry import LeakText, Provider


def _terraform_rows():
    from aispm.providers.gcp.terraform import rows

    return rows()


def _fold(assets) -> None:
    from aispm.providers.gcp.fold import fold

    fold(assets)


def _derive(asset) -> None:
    from aispm.providers.gcp.facts.derive import derive

    derive(asset)


def _link(result) -> None:
    from aispm.providers.gcp.link.resources import link

    link(result)


def _label(asset, type_lower):
    from aispm.providers.gcp.labels import label

    return label(asset, type_lower)


def _rules():
    from aispm.providers.gcp.rules import RULES

    return RULES


PROVIDER = Provider(
    name="gcp",
    title="Google Cloud",
    vendor="Google Cloud",
    terraform_rows=_terraform_rows,
    folds=(_fold,),
    derive=_derive,
    linkers=(_link,),
    rules=_rules,
    sources=live.snapshot_sources,
    collector=live.collect,
    label=_label,
    data_roles=cat.DATA_ROLES,
    non_data_roles=cat.NON_DATA_ROLES,
    privileged_roles=cat.PRIVILEGED_ROLES,
    sensitive_types=cat.SENSITIVE_TYPES,
    ai_types=cat.AI_TYPES,
    leak_texts={cat.OUTPUT: LeakText(
        entry="Terraform output {name} in {where}",
        evidence="output {name} at {where} returns a service account's private key: kept in clear text in the "
                 "Terraform state and printed by `terraform output`",
        fix="remove output {name} ({where}) or mark it sensitive = true, then delete the key and create no "
            "user-managed keys (use workload identity or service account impersonation)",
    )},
)
