"""Microsoft Azure: Azure OpenAI / AI Services, AI Foundry, Azure ML, AI Search and what they run on.

Every Azure input (Terraform `azurerm_*`/`azapi_*`, ARM, Bicep, azd, and later the live APIs) is
normalised into one shape, the ARM resource body; facts are derived from that shape once
(`facts/`), linkers relate resources (`link/`), rules judge facts (`rules/`). This module is the
provider's one record in the registry (`aispm.registry.Provider`).
"""

from __future__ import annotations

from pathlib import Path

from aispm.providers.azure import catalog as cat
from aispm.registry import LeakText, Provider


def _sources():
    from aispm.providers.azure.arm.source import ArmSource
    from aispm.providers.azure.azd import AzdSource
    from aispm.providers.azure.bicep.source import BicepSource
    from aispm.providers.azure.live.snapshot import AzureSnapshotSource

    return [ArmSource(), BicepSource(), AzdSource(), AzureSnapshotSource()]


def _terraform_rows():
    from aispm.providers.azure.terraform import rows

    return rows()


def _fold(assets) -> None:
    from aispm.providers.azure.fold import fold

    fold(assets)


def _derive(asset) -> None:
    from aispm.providers.azure.facts.derive import derive

    derive(asset)


def _link(result) -> None:
    from aispm.providers.azure.link.resources import link

    models, relations = link([a for a in result.assets if a.provider == "azure"])
    result.assets.extend(models)
    result.relations.extend(relations)


def _endpoint(asset, parent, clean):
    from aispm.providers.azure.endpoints import endpoint

    return endpoint(asset, parent, clean)


def _label(asset, type_lower):
    from aispm.providers.azure.labels import label

    return label(asset, type_lower)


def _rules():
    from aispm.providers.azure.rules import RULES

    return RULES


def _live_collect(target, ctx):
    from aispm.providers.azure.live.collect import collect

    return collect(target, ctx)


PROVIDER = Provider(
    name="azure",
    title="Microsoft Azure",
    vendor="Microsoft Azure",
    sources=_sources,
    terraform_rows=_terraform_rows,
    terraform_modules=(Path(__file__).parent / "avm" / "terraform",),  # AVM modules for offline use (NOTICE)
    folds=(_fold,),
    derive=_derive,
    linkers=(_link,),
    rules=_rules,
    endpoint=_endpoint,
    label=_label,
    data_roles=cat.DATA_ROLES,
    non_data_roles=cat.NON_DATA_ROLES,
    privileged_roles=cat.PRIVILEGED_ROLES,
    sensitive_types=frozenset({cat.SEARCH_SERVICE.lower()}),
    ai_types=cat.AI_TYPES,
    named_service_types=frozenset(t.lower() for t in (cat.COGNITIVE_ACCOUNT, cat.SEARCH_SERVICE, cat.ML_WORKSPACE)),
    host_suffixes=(
        (".azurewebsites.net", cat.WEB_SITE.lower()),
        (".azure-api.net", cat.APIM_SERVICE.lower()),
        (".azurecontainerapps.io", cat.CONTAINER_APP.lower()),
    ),
    collector=_live_collect,
    leak_texts={cat.DEPLOYMENT_OUTPUT: LeakText(
        entry="Deployment output {name} in {where}",
        evidence="output {name} of type {type} at {where} returns a key: kept in clear text in the deployment "
                 "history (readable with Reader on the resource group) or the Terraform output",
        fix="remove output {name} ({where}) or make it secure (Bicep @secure(), ARM secureString, Terraform "
            "sensitive = true), then rotate the key it exposed",
    )},
)
