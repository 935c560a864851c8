"""The test estate, as Cloud Asset Inventory answers it: three projects under folder 777 —
`ai-prod` (an AI estate with findings), `ai-dev` (Vertex AI API disabled), `locked` (403 for us).

Each asset is what `ListAssets` returns (`name`, `assetType`, `resource {version, discoveryDocumentUri,
discoveryName, parent, data, location}`, `ancestors`, `updateTime`); `resource.data` is the resource's
REST representation. Vertex AI names carry the project number, as the real ones do.
"""

from __future__ import annotations

from gcp_live_server import Estate

PROD, PROD_N = "ai-prod", "111111111111"
DEV, DEV_N = "ai-dev", "222222222222"
LOCKED, LOCKED_N = "locked", "333333333333"
FOLDER = "folders/777"
SA_EMAIL = f"nb-runner@{PROD}.iam.gserviceaccount.com"
SA_ID = "104857600000000000001"
#: a service-account private key someone pasted into notebook metadata: must never reach a report
PRIVATE_KEY = ("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj"
               "MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu\n-----END PRIVATE KEY-----\n")


def _asset(project: str, number: str, name: str, atype: str, data: dict, location: str | None = None,
           discovery: str | None = None) -> dict:
    service = atype.split("/", 1)[0]
    resource = {"version": "v1", "discoveryDocumentUri": f"https://{service}/$discovery/rest",
                "discoveryName": discovery or atype.rsplit("/", 1)[1],
                "parent": f"//cloudresourcemanager.googleapis.com/projects/{number}", "data": data}
    if location:
        resource["location"] = location
    return {"name": name, "assetType": atype, "resource": resource,
            "ancestors": [f"projects/{number}", FOLDER, "organizations/555"],
            "updateTime": "2026-12-01T09:00:00.000000Z"}


def _policy(number: str, name: str, atype: str, bindings: list[dict]) -> dict:
    return {"name": name, "assetType": atype, "iamPolicy": {"version": 1, "bindings": bindings, "etag": "BwYAbCdEfGg="},
            "ancestors": [f"projects/{number}", FOLDER, "organizations/555"],
            "updateTime": "2026-12-01T09:00:00.000000Z"}


def _project(pid: str, number: str) -> dict:
    return _asset(pid, number, f"//cloudresourcemanager.googleapis.com/projects/{number}",
                  "cloudresourcemanager.googleapis.com/Project",
                  {"projectNumber": number, "projectId": pid, "lifecycleState": "ACTIVE", "name": pid,
                   "parent": {"type": "folder", "id": "777"}, "createTime": "2025-01-01T00:00:00Z"})


WB_PUBLIC = f"//notebooks.googleapis.com/projects/{PROD}/locations/us-central1-a/instances/research-wb"
WB_PRIVATE = f"//notebooks.googleapis.com/projects/{PROD}/locations/us-central1-a/instances/locked-down-wb"
ENDPOINT = f"//aiplatform.googleapis.com/projects/{PROD_N}/locations/us-central1/endpoints/4567"
BUCKET = "//storage.googleapis.com/ai-prod-training-data"
SA = f"//iam.googleapis.com/projects/{PROD}/serviceAccounts/{SA_ID}"
SA_KEY = f"//iam.googleapis.com/projects/{PROD}/serviceAccounts/{SA_ID}/keys/0a1b2c3d4e5f"
VM = f"//compute.googleapis.com/projects/{PROD}/zones/us-central1-a/instances/gpu-box"
RUN = f"//run.googleapis.com/projects/{PROD}/locations/us-central1/services/chat-api"
INDEX = f"//aiplatform.googleapis.com/projects/{PROD_N}/locations/us-central1/indexes/9001"
INDEX_EP = f"//aiplatform.googleapis.com/projects/{PROD_N}/locations/us-central1/indexEndpoints/9100"
DATASET = f"//aiplatform.googleapis.com/projects/{PROD_N}/locations/us-central1/datasets/314"
ENGINE = f"projects/{PROD_N}/locations/us-central1/reasoningEngines/2718"
DEV_BUCKET = "//storage.googleapis.com/ai-dev-scratch"
ARMOR_TEMPLATE = f"//modelarmor.googleapis.com/projects/{PROD_N}/locations/us-central1/templates/chat-screen"
FLOOR = f"//modelarmor.googleapis.com/projects/{PROD_N}/locations/global/floorSetting"


def _workbench(name: str, public: bool) -> dict:
    short = name.rsplit("/", 1)[1]
    metadata = {"install-monitoring-agent": "true", "idle-timeout-seconds": "10800"}
    if public:
        metadata["startup-key"] = PRIVATE_KEY
    else:
        metadata["notebook-disable-root"] = "true"
    return _asset(PROD, PROD_N, name, "notebooks.googleapis.com/Instance", {
        "name": f"projects/{PROD}/locations/us-central1-a/instances/{short}",
        "creator": "analyst@example.com", "state": "ACTIVE", "disableProxyAccess": False,
        "gceSetup": {
            "machineType": "e2-standard-4", "disablePublicIp": not public,
            "serviceAccounts": [{"email": SA_EMAIL, "scopes": ["https://www.googleapis.com/auth/cloud-platform"]}],
            "bootDisk": {"diskSizeGb": "150", "diskType": "PD_BALANCED", "diskEncryption": "GMEK"},
            "networkInterfaces": [{"network": f"projects/{PROD}/global/networks/default",
                                   "subnet": f"projects/{PROD}/regions/us-central1/subnetworks/default",
                                   "nicType": "VIRTIO_NET"}],
            "shieldedInstanceConfig": {"enableSecureBoot": True, "enableVtpm": True,
                                       "enableIntegrityMonitoring": True},
            "metadata": metadata,
        },
        "createTime": "2026-10-01T10:00:00Z", "updateTime": "2026-11-01T10:00:00Z",
    }, location="us-central1-a")


def estate() -> Estate:
    prod = [
        _project(PROD, PROD_N),
        _workbench(WB_PUBLIC, public=True),
        _workbench(WB_PRIVATE, public=False),
        _asset(PROD, PROD_N, ENDPOINT, "aiplatform.googleapis.com/Endpoint", {
            "name": ENDPOINT[len("//aiplatform.googleapis.com/"):], "displayName": "chat",
            "deployedModels": [{"id": "77", "model": f"projects/{PROD_N}/locations/us-central1/models/88",
                                "displayName": "chat-model", "createTime": "2026-10-02T10:00:00Z"}],
            "etag": "AMEw9yN=", "createTime": "2026-10-02T10:00:00Z",
        }, location="us-central1"),
        _asset(PROD, PROD_N, BUCKET, "storage.googleapis.com/Bucket", {
            "kind": "storage#bucket", "id": "ai-prod-training-data", "name": "ai-prod-training-data",
            "projectNumber": PROD_N, "location": "US", "storageClass": "STANDARD",
            "iamConfiguration": {"uniformBucketLevelAccess": {"enabled": True}, "publicAccessPrevention": "inherited"},
        }, location="us"),
        _asset(PROD, PROD_N, SA, "iam.googleapis.com/ServiceAccount", {
            "name": f"projects/{PROD}/serviceAccounts/{SA_EMAIL}", "projectId": PROD, "uniqueId": SA_ID,
            "email": SA_EMAIL, "displayName": "notebook runner", "oauth2ClientId": SA_ID,
        }, location="global"),
        _asset(PROD, PROD_N, SA_KEY, "iam.googleapis.com/ServiceAccountKey", {
            "name": f"projects/{PROD}/serviceAccounts/{SA_EMAIL}/keys/0a1b2c3d4e5f",
            "validAfterTime": "2026-01-01T00:00:00Z", "validBeforeTime": "9999-12-31T23:59:59Z",
            "keyAlgorithm": "KEY_ALG_RSA_2048", "keyOrigin": "GOOGLE_PROVIDED", "keyType": "USER_MANAGED",
        }, location="global"),
        _asset(PROD, PROD_N, VM, "compute.googleapis.com/Instance", {
            "name": "gpu-box", "id": "5550001", "machineType": "zones/us-central1-a/machineTypes/a2-highgpu-1g",
            "status": "RUNNING",
            "networkInterfaces": [{"network": f"projects/{PROD}/global/networks/default", "networkIP": "10.128.0.5",
                                   "accessConfigs": [{"type": "ONE_TO_ONE_NAT", "name": "External NAT",
                                                      "natIP": "34.1.2.3"}]}],
            "serviceAccounts": [{"email": SA_EMAIL, "scopes": ["https://www.googleapis.com/auth/cloud-platform"]}],
            "shieldedInstanceConfig": {"enableSecureBoot": False, "enableVtpm": True,
                                       "enableIntegrityMonitoring": True},
        }, location="us-central1-a"),
        _asset(PROD, PROD_N, RUN, "run.googleapis.com/Service", {
            "apiVersion": "serving.knative.dev/v1", "kind": "Service",
            "metadata": {"name": "chat-api", "namespace": PROD_N,
                         "annotations": {"run.googleapis.com/ingress": "all"}},
            "spec": {"template": {"spec": {"serviceAccountName": SA_EMAIL,
                                           "containers": [{"image": "us-docker.pkg.dev/ai-prod/app/chat:1"}]}}},
        }, location="us-central1"),
        _asset(PROD, PROD_N, INDEX, "aiplatform.googleapis.com/Index", {
            "name": INDEX[len("//aiplatform.googleapis.com/"):], "displayName": "docs-index",
            "metadata": {"contentsDeltaUri": "gs://ai-prod-training-data/embeddings"},
            "indexUpdateMethod": "BATCH_UPDATE",
        }, location="us-central1"),
        _asset(PROD, PROD_N, INDEX_EP, "aiplatform.googleapis.com/IndexEndpoint", {
            "name": INDEX_EP[len("//aiplatform.googleapis.com/"):], "displayName": "docs-search",
            "publicEndpointEnabled": True, "publicEndpointDomainName": "1.us-central1-111111111111.vdb.vertexai.goog",
            "deployedIndexes": [{"id": "docs_v1", "index": INDEX[len("//aiplatform.googleapis.com/"):],
                                 "displayName": "docs v1"}],
        }, location="us-central1"),
        _asset(PROD, PROD_N, DATASET, "aiplatform.googleapis.com/Dataset", {
            "name": DATASET[len("//aiplatform.googleapis.com/"):], "displayName": "support-tickets",
            "metadataSchemaUri": "gs://google-cloud-aiplatform/schema/dataset/metadata/text_1.0.0.yaml",
        }, location="us-central1"),
    ]
    prod_policies = [
        _policy(PROD_N, f"//cloudresourcemanager.googleapis.com/projects/{PROD_N}",
                "cloudresourcemanager.googleapis.com/Project",
                [{"role": "roles/owner", "members": ["user:admin@example.com"]},
                 {"role": "roles/aiplatform.user", "members": [f"serviceAccount:{SA_EMAIL}"]}]),
        _policy(PROD_N, BUCKET, "storage.googleapis.com/Bucket",
                [{"role": "roles/storage.objectViewer", "members": ["allUsers"]},
                 {"role": "roles/storage.objectAdmin", "members": [f"serviceAccount:{SA_EMAIL}"]}]),
        _policy(PROD_N, RUN, "run.googleapis.com/Service",
                [{"role": "roles/run.invoker", "members": ["allUsers"]}]),
    ]
    dev = [
        _project(DEV, DEV_N),
        _asset(DEV, DEV_N, DEV_BUCKET, "storage.googleapis.com/Bucket", {
            "kind": "storage#bucket", "id": "ai-dev-scratch", "name": "ai-dev-scratch", "projectNumber": DEV_N,
            "location": "EU", "encryption": {"defaultKmsKeyName": f"projects/{DEV}/locations/eu/keyRings/r/cryptoKeys/k"},
            "iamConfiguration": {"uniformBucketLevelAccess": {"enabled": True}, "publicAccessPrevention": "enforced"},
        }, location="eu"),
    ]
    engine = {"name": ENGINE, "displayName": "support-agent", "spec": {"agentFramework": "google-adk"},
              "createTime": "2026-10-05T10:00:00Z", "updateTime": "2026-10-05T10:00:00Z", "etag": "e1"}
    # Model Armor: the floor setting screens Vertex AI (inspect and block); one template in us-central1
    floor = {"filterConfig": {"piAndJailbreakFilterSettings": {"filterEnforcement": "ENABLED",
                                                               "confidenceLevel": "MEDIUM_AND_ABOVE"},
                              "raiSettings": {"raiFilters": [{"filterType": "DANGEROUS",
                                                              "confidenceLevel": "MEDIUM_AND_ABOVE"}]}},
             "enableFloorSettingEnforcement": True, "integratedServices": ["AI_PLATFORM"],
             "aiPlatformFloorSetting": {"inspectAndBlock": True, "enableCloudLogging": True}}
    template = {"name": ARMOR_TEMPLATE[len("//modelarmor.googleapis.com/"):], "createTime": "2026-11-01T08:00:00Z",
                "updateTime": "2026-11-01T08:00:00Z",
                "filterConfig": {"piAndJailbreakFilterSettings": {"filterEnforcement": "DISABLED"},
                                 "maliciousUriFilterSettings": {"filterEnforcement": "ENABLED"}},
                "templateMetadata": {"logTemplateOperations": True}}
    return Estate(
        floors={PROD: floor}, templates={PROD: {"us-central1": [template]}}, armor_disabled={DEV},
        projects={PROD: PROD_N, DEV: DEV_N, LOCKED: LOCKED_N},
        resources={PROD: prod, DEV: dev, LOCKED: [_project(LOCKED, LOCKED_N)]},
        policies={PROD: prod_policies, DEV: [_policy(DEV_N, f"//cloudresourcemanager.googleapis.com/projects/{DEV_N}",
                                                   "cloudresourcemanager.googleapis.com/Project",
                                                   [{"role": "roles/owner", "members": ["user:dev@example.com"]}])]},
        engines={PROD: {"us-central1": [engine]}},
        folders={FOLDER: [PROD, DEV, LOCKED]},
        denied={LOCKED},
        vertex_disabled={DEV},
    )
