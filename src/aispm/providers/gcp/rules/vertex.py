"""Rules for Vertex AI resources: private endpoints and customer-managed encryption keys
(Defender for Cloud's GCP AI recommendations and Checkov's Vertex AI checks)."""

from __future__ import annotations

from aispm.model import Pillar, References, Severity
from aispm.providers.gcp import catalog as cat
from aispm.providers.gcp.rules.base import DEFENDER_AI, VERTEX_CMEK, gcloud, terraform
from aispm.rules.engine import Fix, Rule, is_false, is_true
from aispm.compliance import controls

_CMEK_RISK = ("Data at rest is encrypted with Google-managed keys only: the organisation cannot revoke access to it "
              "by disabling its own key, nor prove who used the key (Cloud KMS audit logs).")


def _cmek_rule(rid: str, title: str, types: tuple[str, ...], tf_types: tuple[str, ...], what: str,
               gcloud_cmd: str, severity: Severity = Severity.LOW, defender: str | None = None,
               checkov: tuple[str, ...] = ()) -> Rule:
    return Rule(
        id=rid, title=title, severity=severity, pillar=Pillar.DATA, provider="gcp",
        resource_types=types, facts=("customer_managed_key",), check=is_true("customer_managed_key"),
        risk=_CMEK_RISK.replace("Data at rest", f"The {what}'s data at rest"),
        remediation="Set `encryption_spec { kms_key_name }` to a Cloud KMS key (REST `encryptionSpec.kmsKeyName`).",
        references=References(defender=defender, checkov=checkov,
                              urls=(VERTEX_CMEK,) + ((DEFENDER_AI,) if defender else ()),
                              compliance=controls("GAI:data-privacy GAI:information-security A.7.2")),
        fix=Fix(
            steps=(
                "Create a Cloud KMS key ring and key in the resource's region, and grant the Vertex AI service agent "
                "(`service-<project-number>@gcp-sa-aiplatform.iam.gserviceaccount.com`) "
                "`roles/cloudkms.cryptoKeyEncrypterDecrypter` on the key.",
                f"Declare the {what} with `encryption_spec {{ kms_key_name }}`. The key of an existing resource cannot "
                "be changed: create a new one with the key and move the data.",
            ),
            changes=(
                *(terraform(t, f"""
                    resource "{t}" "this" {{
                      # ...
                      encryption_spec {{
                        kms_key_name = google_kms_crypto_key.vertex.id
                      }}
                    }}""") for t in tf_types),
                gcloud(gcloud_cmd),
            ),
        ),
    )


RULES = [
    Rule(
        id="AISPM-GCP-001",
        title="A Private Service endpoint should be used for Vertex AI Online endpoints",
        severity=Severity.MEDIUM, pillar=Pillar.NETWORK, provider="gcp",
        resource_types=(cat.ENDPOINT,), facts=("public_network_access",), check=is_false("public_network_access"),
        risk="An online endpoint without a private network or Private Service Connect serves predictions on a public "
             "address: a stolen token or an over-broad IAM grant is usable from anywhere, and traffic leaves the VPC.",
        remediation="Set `network` (VPC peering) or `private_service_connect_config { enable_private_service_connect "
                    "= true }` on the endpoint.",
        references=References(
            defender="A Private Service endpoint should be used for Vertex AI Online endpoints",
            checkov=("CKV2_GCP_33",),
            urls=(DEFENDER_AI, "https://cloud.google.com/vertex-ai/docs/predictions/private-service-connect"),
            compliance=controls("AML.T0040 AML.T0049 GAI:information-security"),
        ),
        fix=Fix(
            steps=(
                "Choose Private Service Connect (a consumer endpoint in your VPC) or VPC Network Peering "
                "(`network = projects/<number>/global/networks/<vpc>`, with private services access).",
                "Create a new endpoint with that setting and redeploy its models: the network of an existing endpoint "
                "cannot be changed.",
            ),
            changes=(
                terraform("google_vertex_ai_endpoint", """
                    resource "google_vertex_ai_endpoint" "this" {
                      # ...
                      private_service_connect_config {
                        enable_private_service_connect = true
                        project_allowlist              = [var.project_id]
                      }
                    }"""),
                gcloud("""
                    gcloud ai endpoints create --region=<region> --display-name=<name> \\
                      --network=projects/<project-number>/global/networks/<vpc>"""),
            ),
        ),
    ),
    _cmek_rule("AISPM-GCP-006",
               "[Enable if required] Customer-managed keys should be used to encrypt data at rest in Vertex AI DataSets",
               (cat.DATASET,), ("google_vertex_ai_dataset",), "dataset",
               "gcloud ai datasets create --region=<region> --display-name=<name> "
               "--metadata-schema-uri=<schema> --encryption-kms-key-name=<key>",
               defender="[Enable if required] Customer-managed keys should be used to encrypt data at rest in Vertex "
                        "AI DataSets",
               checkov=("CKV_GCP_92",)),
    _cmek_rule("AISPM-GCP-008", "Customer-managed encryption keys should be enabled for Vertex AI Engine",
               (cat.REASONING_ENGINE,), ("google_vertex_ai_reasoning_engine",), "Agent Engine (reasoning engine)",
               "curl -X POST -H \"Authorization: Bearer $(gcloud auth print-access-token)\" "
               "\"https://<region>-aiplatform.googleapis.com/v1/projects/<project>/locations/<region>/reasoningEngines\" "
               "-d '{\"displayName\": \"<name>\", \"spec\": {...}, \"encryptionSpec\": {\"kmsKeyName\": \"<key>\"}}'",
               defender="Customer-managed encryption keys should be enabled for Vertex AI Engine"),
    _cmek_rule("AISPM-GCP-009", "Vertex AI endpoints should use a customer-managed key (CMEK)",
               (cat.ENDPOINT,), ("google_vertex_ai_endpoint",), "endpoint",
               "gcloud ai endpoints create --region=<region> --display-name=<name> --encryption-kms-key-name=<key>",
               checkov=("CKV2_GCP_24",)),
    _cmek_rule("AISPM-GCP-010", "Vertex AI feature stores should use a customer-managed key (CMEK)",
               (cat.FEATURESTORE, cat.FEATURE_ONLINE_STORE),
               ("google_vertex_ai_featurestore", "google_vertex_ai_feature_online_store"), "feature store",
               "gcloud ai featurestores create <name> --region=<region> --encryption-kms-key-name=<key>  # legacy API",
               checkov=("CKV2_GCP_25",)),
    _cmek_rule("AISPM-GCP-011", "Vertex AI TensorBoards should use a customer-managed key (CMEK)",
               (cat.TENSORBOARD,), ("google_vertex_ai_tensorboard",), "TensorBoard",
               "gcloud ai tensorboards create --region=<region> --display-name=<name> --encryption-kms-key-name=<key>",
               checkov=("CKV2_GCP_26",)),
    _cmek_rule("AISPM-GCP-012", "Vertex AI Metadata Stores should use a customer-managed key (CMEK)",
               (cat.METADATA_STORE,), ("google_vertex_ai_metadata_store",), "metadata store",
               "curl -X POST -H \"Authorization: Bearer $(gcloud auth print-access-token)\" "
               "\"https://<region>-aiplatform.googleapis.com/v1/projects/<project>/locations/<region>/metadataStores"
               "?metadataStoreId=<name>\" -d '{\"encryptionSpec\": {\"kmsKeyName\": \"<key>\"}}'",
               checkov=("CKV_GCP_96",)),
    Rule(
        id="AISPM-GCP-014",
        title="Vertex AI index endpoints (Vector Search) should not have a public endpoint",
        severity=Severity.MEDIUM, pillar=Pillar.NETWORK, provider="gcp",
        resource_types=(cat.INDEX_ENDPOINT,), facts=("public_network_access",), check=is_false("public_network_access"),
        risk="A public index endpoint answers vector queries from anywhere: the embeddings and the documents they "
             "point to (the grounding data of RAG applications) are one stolen token away.",
        remediation="Set `public_endpoint_enabled = false` and use `network` or `private_service_connect_config`.",
        references=References(checkov=("CKV2_GCP_34",),
                              urls=("https://cloud.google.com/vertex-ai/docs/vector-search/setup/setup",),
                              compliance=controls("LLM08 AML.T0040 AML.T0049 GAI:information-security")),
        fix=Fix(
            steps=(
                "Create a private index endpoint (Private Service Connect or VPC peering) and redeploy the index to "
                "it; then undeploy and delete the public one.",
            ),
            changes=(
                terraform("google_vertex_ai_index_endpoint", """
                    resource "google_vertex_ai_index_endpoint" "this" {
                      # ...
                      public_endpoint_enabled = false
                      private_service_connect_config {
                        enable_private_service_connect = true
                        project_allowlist              = [var.project_id]
                      }
                    }"""),
                gcloud("""
                    gcloud ai index-endpoints create --region=<region> --display-name=<name> \\
                      --enable-private-service-connect --project-allowlist=<project-id>"""),
            ),
        ),
    ),
    Rule(
        id="AISPM-GCP-007",
        title="Customer-managed encryption keys should be enabled for Vertex AI Datastore",
        severity=Severity.LOW, pillar=Pillar.DATA, provider="gcp",
        resource_types=(cat.DATA_STORE,), facts=("customer_managed_key",), check=is_true("customer_managed_key"),
        risk="The documents a Vertex AI Search / Agent Builder data store indexes for grounding are encrypted with "
             "Google-managed keys only: access cannot be revoked by disabling the organisation's own key.",
        remediation="Set `kms_key_name` on the data store (REST `kmsKeyName`).",
        references=References(
            defender="Customer-managed encryption keys should be enabled for Vertex AI Datastore",
            urls=(DEFENDER_AI, "https://cloud.google.com/generative-ai-app-builder/docs/cmek"),
            compliance=controls("GAI:data-privacy GAI:information-security A.7.2"),
        ),
        fix=Fix(
            steps=(
                "Register a Cloud KMS key for Vertex AI Search in the data store's multi-region (CMEK configuration).",
                "Create the data store with `kms_key_name` and re-import its documents: the key of an existing data "
                "store cannot be changed.",
            ),
            changes=(
                terraform("google_discovery_engine_data_store", """
                    resource "google_discovery_engine_data_store" "this" {
                      # ...
                      kms_key_name = google_kms_crypto_key.search.id
                    }"""),
                gcloud("""
                    curl -X POST -H "Authorization: Bearer $(gcloud auth print-access-token)" \\
                      "https://discoveryengine.googleapis.com/v1/projects/<project>/locations/<location>/collections/default_collection/dataStores?dataStoreId=<id>" \\
                      -d '{"displayName": "<name>", "industryVertical": "GENERIC", "kmsKeyName": "<key>"}'"""),
            ),
        ),
    ),
]
