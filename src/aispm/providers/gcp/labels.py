"""How a person names a GCP asset in an attack path ("Vertex AI endpoint chat-prod")."""

from __future__ import annotations

from aispm.model import Asset
from aispm.providers.gcp import catalog as cat

TYPE_LABELS = {t.lower(): label for t, label in (
    (cat.ENDPOINT, "Vertex AI endpoint"),
    (cat.DATASET, "Vertex AI dataset"),
    (cat.FEATURESTORE, "Vertex AI feature store"),
    (cat.ENTITY_TYPE, "Vertex AI entity type"),
    (cat.FEATURE_ONLINE_STORE, "Vertex AI feature online store"),
    (cat.TENSORBOARD, "Vertex AI TensorBoard"),
    (cat.METADATA_STORE, "Vertex AI metadata store"),
    (cat.INDEX, "Vertex AI Vector Search index"),
    (cat.INDEX_ENDPOINT, "Vertex AI index endpoint"),
    (cat.DEPLOYED_INDEX, "deployed index"),
    (cat.REASONING_ENGINE, "Vertex AI Agent Engine"),
    (cat.MODEL, "Vertex AI model"),
    (cat.NOTEBOOK_RUNTIME, "managed notebook runtime"),
    (cat.DATA_STORE, "Vertex AI Search data store"),
    (cat.SEARCH_ENGINE, "Vertex AI Search app"),
    (cat.MODEL_ARMOR_TEMPLATE, "Model Armor template"),
    (cat.RUN_SERVICE, "Cloud Run service"),
    (cat.FUNCTION, "Cloud Function"),
    (cat.FUNCTION_V2, "Cloud Function"),
    (cat.BUCKET, "Cloud Storage bucket"),
    (cat.KEY_RING, "Cloud KMS key ring"),
    (cat.CRYPTO_KEY, "Cloud KMS key"),
    (cat.SERVICE_ACCOUNT, "service account"),
    (cat.SERVICE_ACCOUNT_KEY, "service account key"),
    (cat.INSTANCE, "Compute Engine VM"),
    (cat.OUTPUT, "Terraform output"),
)}
_NOTEBOOK = cat.NOTEBOOK_INSTANCE.lower()


def label(a: Asset | None, type_lower: str) -> str | None:
    """The label of an asset of this type (`a` may be None for a node known only by its type)."""
    if type_lower == _NOTEBOOK:
        return "Vertex AI Workbench instance" if a is None or "gceSetup" in a.properties \
            else "user-managed notebook"
    return TYPE_LABELS.get(type_lower)
