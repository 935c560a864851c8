"""Google Cloud types and roles: the Cloud Asset Inventory type of each resource aispm models,
its BOM kind, and the IAM roles that grant data access, none, or control.

Types are Cloud Asset Inventory asset types (`aiplatform.googleapis.com/Endpoint`), whatever
declared the resource (Terraform `google`/`google-beta` today, the live inventory later). IAM
bindings that Terraform declares on their own (`google_storage_bucket_iam_member`, ...) are
pseudo types `<target type>#iam` until `fold.py` merges them into their target's `iamPolicy`;
project-level bindings stay assets of `PROJECT_IAM` (the project itself is rarely declared).

Roles are lower-cased role names (`roles/aiplatform.user`); a role not listed here is of
unknown reach, which makes an attack path through it `possible`, never silent.
"""

from __future__ import annotations

from aispm.model import Kind

# --- Vertex AI ---------------------------------------------------------------------------------
ENDPOINT = "aiplatform.googleapis.com/Endpoint"
DATASET = "aiplatform.googleapis.com/Dataset"
FEATURESTORE = "aiplatform.googleapis.com/Featurestore"
ENTITY_TYPE = "aiplatform.googleapis.com/EntityType"
FEATURE_ONLINE_STORE = "aiplatform.googleapis.com/FeatureOnlineStore"
TENSORBOARD = "aiplatform.googleapis.com/Tensorboard"
METADATA_STORE = "aiplatform.googleapis.com/MetadataStore"
INDEX = "aiplatform.googleapis.com/Index"
INDEX_ENDPOINT = "aiplatform.googleapis.com/IndexEndpoint"
DEPLOYED_INDEX = "aiplatform.googleapis.com/DeployedIndex"
REASONING_ENGINE = "aiplatform.googleapis.com/ReasoningEngine"
MODEL = "aiplatform.googleapis.com/Model"
# --- Workbench and legacy notebooks -----------------------------------------------------------
WORKBENCH_INSTANCE = "notebooks.googleapis.com/WorkbenchInstance"
NOTEBOOK_INSTANCE = "notebooks.googleapis.com/Instance"
NOTEBOOK_RUNTIME = "notebooks.googleapis.com/Runtime"
# --- Vertex AI Search / Agent Builder, Model Armor ---------------------------------------------
DATA_STORE = "discoveryengine.googleapis.com/DataStore"
SEARCH_ENGINE = "discoveryengine.googleapis.com/Engine"
MODEL_ARMOR_TEMPLATE = "modelarmor.googleapis.com/Template"
# --- what AI runs on ---------------------------------------------------------------------------
RUN_SERVICE = "run.googleapis.com/Service"
FUNCTION = "cloudfunctions.googleapis.com/CloudFunction"
FUNCTION_V2 = "cloudfunctions.googleapis.com/Function"
BUCKET = "storage.googleapis.com/Bucket"
KEY_RING = "cloudkms.googleapis.com/KeyRing"
CRYPTO_KEY = "cloudkms.googleapis.com/CryptoKey"
SERVICE_ACCOUNT = "iam.googleapis.com/ServiceAccount"
SERVICE_ACCOUNT_KEY = "iam.googleapis.com/ServiceAccountKey"
INSTANCE = "compute.googleapis.com/Instance"
PROJECT = "cloudresourcemanager.googleapis.com/Project"
#: A project-level IAM binding, member or policy (Terraform `google_project_iam_*`).
PROJECT_IAM = "cloudresourcemanager.googleapis.com/Project#iam"
#: A Terraform output that returns a key of a declared resource (a service-account private key).
OUTPUT = "terraform.io/Output"

#: Suffix of the pseudo types of resource-level IAM resources, folded into their target.
IAM_SUFFIX = "#iam"

KINDS: dict[str, Kind] = {
    ENDPOINT: Kind.MODEL_DEPLOYMENT,
    DATASET: Kind.DATA_STORE,
    FEATURESTORE: Kind.DATA_STORE,
    ENTITY_TYPE: Kind.DATA_STORE,
    FEATURE_ONLINE_STORE: Kind.DATA_STORE,
    TENSORBOARD: Kind.DATA_STORE,
    METADATA_STORE: Kind.DATA_STORE,
    INDEX: Kind.SEARCH_INDEX,
    INDEX_ENDPOINT: Kind.AI_SERVICE,
    DEPLOYED_INDEX: Kind.MODEL_DEPLOYMENT,
    REASONING_ENGINE: Kind.AGENT,
    MODEL: Kind.MODEL,
    WORKBENCH_INSTANCE: Kind.COMPUTE,
    NOTEBOOK_INSTANCE: Kind.COMPUTE,
    NOTEBOOK_RUNTIME: Kind.COMPUTE,
    DATA_STORE: Kind.SEARCH_INDEX,
    SEARCH_ENGINE: Kind.AI_SERVICE,
    MODEL_ARMOR_TEMPLATE: Kind.OTHER,
    RUN_SERVICE: Kind.COMPUTE,
    FUNCTION: Kind.COMPUTE,
    FUNCTION_V2: Kind.COMPUTE,
    BUCKET: Kind.DATA_STORE,
    KEY_RING: Kind.KEY,
    CRYPTO_KEY: Kind.KEY,
    SERVICE_ACCOUNT: Kind.IDENTITY,
    SERVICE_ACCOUNT_KEY: Kind.KEY,
    INSTANCE: Kind.COMPUTE,
    PROJECT: Kind.OTHER,
    PROJECT_IAM: Kind.ROLE_ASSIGNMENT,
}
_KINDS_LOWER = {t.lower(): k for t, k in KINDS.items()}


def kind_of(cloud_type: str, properties: dict | None = None) -> Kind:
    return _KINDS_LOWER.get(cloud_type.lower(), Kind.OTHER)


#: Types that belong in the AI inventory whatever their kind.
AI_TYPES = frozenset(t.lower() for t in (
    ENDPOINT, DATASET, FEATURESTORE, ENTITY_TYPE, FEATURE_ONLINE_STORE, TENSORBOARD, METADATA_STORE, INDEX,
    INDEX_ENDPOINT, DEPLOYED_INDEX, REASONING_ENGINE, MODEL, WORKBENCH_INSTANCE, NOTEBOOK_INSTANCE,
    NOTEBOOK_RUNTIME, DATA_STORE, SEARCH_ENGINE, MODEL_ARMOR_TEMPLATE,
))
#: Types whose instances hold data worth protecting when AI uses them.
SENSITIVE_TYPES = frozenset(t.lower() for t in (DATASET, FEATURESTORE, ENTITY_TYPE, INDEX, DATA_STORE))
#: Types a project-level binding reaches: the AI resources, the data they read and the accounts
#: that can be impersonated (edges to every VM or key ring of a large project would say nothing
#: an attack path uses, and grow as bindings × resources).
PROJECT_SCOPED = AI_TYPES | frozenset(t.lower() for t in (BUCKET, SERVICE_ACCOUNT))

#: Members that mean "anyone" (on the internet, or with any Google account).
PUBLIC_MEMBERS = frozenset({"allusers", "allauthenticatedusers"})

#: Roles that grant access to data or models (calling an endpoint, reading objects), or control.
PRIVILEGED_ROLES = frozenset({
    "roles/owner", "roles/editor", "roles/aiplatform.admin", "roles/storage.admin", "roles/iam.serviceaccountadmin",
    "roles/iam.serviceaccountkeyadmin", "roles/iam.serviceaccounttokencreator", "roles/iam.serviceaccountuser",
    "roles/resourcemanager.projectiamadmin", "roles/discoveryengine.admin", "roles/notebooks.admin",
    "roles/run.admin", "roles/cloudfunctions.admin", "roles/cloudkms.admin",
})
DATA_ROLES = PRIVILEGED_ROLES | frozenset({
    "roles/aiplatform.user", "roles/aiplatform.serviceagent", "roles/aiplatform.featurestoreuser",
    "roles/aiplatform.featurestoredataviewer", "roles/aiplatform.featurestoredatawriter",
    "roles/storage.objectviewer", "roles/storage.objectuser", "roles/storage.objectadmin",
    "roles/storage.objectcreator", "roles/storage.legacybucketwriter", "roles/storage.legacybucketreader",
    "roles/storage.legacyobjectreader",
    "roles/discoveryengine.user", "roles/discoveryengine.editor", "roles/discoveryengine.viewer",
    "roles/run.invoker", "roles/cloudfunctions.invoker", "roles/cloudfunctions.developer",
    "roles/notebooks.runner", "roles/cloudkms.cryptokeyencrypterdecrypter", "roles/cloudkms.cryptokeydecrypter",
    "roles/modelarmor.user",
})
#: Roles that read metadata only: they do not lead on in an attack path.
NON_DATA_ROLES = frozenset({
    "roles/viewer", "roles/browser", "roles/aiplatform.viewer", "roles/storage.bucketviewer",
    "roles/notebooks.viewer", "roles/run.viewer", "roles/cloudfunctions.viewer",
    "roles/iam.securityreviewer", "roles/monitoring.viewer", "roles/logging.viewer", "roles/logging.logwriter",
    "roles/monitoring.metricwriter", "roles/cloudkms.viewer",
})
