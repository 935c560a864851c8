# Claims assistant on Vertex AI: a Cloud Run API calls a Gemini-tuned model behind a private
# endpoint, grounded on a Vector Search index of claim documents; data scientists work in a
# Workbench instance. Encryption keys in Cloud KMS.

terraform {
  required_providers {
    google      = { source = "hashicorp/google" }
    google-beta = { source = "hashicorp/google-beta" }
  }
}

provider "google" {
  project = var.project_id
  region  = var.region
}

provider "google-beta" {
  project = var.project_id
  region  = var.region
}

# --- keys -------------------------------------------------------------------------------------

resource "google_kms_key_ring" "claims" {
  name     = "claims"
  location = var.region
}

resource "google_kms_crypto_key" "vertex" {
  name            = "vertex"
  key_ring        = google_kms_key_ring.claims.id
  rotation_period = "7776000s"
}

# --- data -------------------------------------------------------------------------------------

resource "google_storage_bucket" "claims_docs" {
  name                        = "acme-claims-docs-embeddings"
  location                    = "EU"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"

  encryption {
    default_kms_key_name = google_kms_crypto_key.vertex.id
  }
}

resource "google_vertex_ai_dataset" "claims" {
  display_name        = "claims-history"
  metadata_schema_uri = "gs://google-cloud-aiplatform/schema/dataset/metadata/tabular_1.0.0.yaml"
  region              = var.region

  encryption_spec {
    kms_key_name = google_kms_crypto_key.vertex.id
  }
}

resource "google_vertex_ai_index" "claims_docs" {
  display_name = "claims-docs"
  region       = var.region

  metadata {
    contents_delta_uri = "gs://${google_storage_bucket.claims_docs.name}/embeddings"
    config {
      dimensions            = 768
      distance_measure_type = "DOT_PRODUCT_DISTANCE"
      algorithm_config {
        tree_ah_config {
          leaf_node_embedding_count = 500
        }
      }
    }
  }
  index_update_method = "BATCH_UPDATE"
}

resource "google_vertex_ai_index_endpoint" "claims_docs" {
  display_name = "claims-docs"
  region       = var.region

  private_service_connect_config {
    enable_private_service_connect = true
    project_allowlist              = [var.project_id]
  }
}

resource "google_vertex_ai_index_endpoint_deployed_index" "claims_docs" {
  index_endpoint    = google_vertex_ai_index_endpoint.claims_docs.id
  index             = google_vertex_ai_index.claims_docs.id
  deployed_index_id = "claims_docs_v3"
}

# --- model serving ----------------------------------------------------------------------------

resource "google_vertex_ai_endpoint" "claims_chat" {
  name         = "claims-chat"
  display_name = "claims-chat"
  location     = var.region
  region       = var.region

  private_service_connect_config {
    enable_private_service_connect = true
    project_allowlist              = [var.project_id]
  }
}

# --- the API ----------------------------------------------------------------------------------

resource "google_service_account" "claims_api" {
  account_id   = "claims-api"
  display_name = "Claims assistant API"
  project      = var.project_id
}

resource "google_vertex_ai_endpoint_iam_member" "claims_api_predict" {
  provider = google-beta
  project  = var.project_id
  location = var.region
  endpoint = google_vertex_ai_endpoint.claims_chat.name
  role     = "roles/aiplatform.user"
  member   = "serviceAccount:${google_service_account.claims_api.email}"
}

resource "google_cloud_run_v2_service" "claims_api" {
  name     = "claims-api"
  location = var.region

  template {
    service_account = google_service_account.claims_api.email
    containers {
      image = "europe-west4-docker.pkg.dev/acme-claims-prod/apps/claims-api:2.3.1"
      env {
        name  = "VERTEX_ENDPOINT"
        value = google_vertex_ai_endpoint.claims_chat.name
      }
    }
  }
}

# "temporary" public access for the partner demo
resource "google_cloud_run_v2_service_iam_member" "public" {
  name     = google_cloud_run_v2_service.claims_api.name
  location = var.region
  role     = "roles/run.invoker"
  member   = "allUsers"
}

# --- data science -----------------------------------------------------------------------------

resource "google_service_account" "analyst" {
  account_id = "claims-analyst-nb"
  project    = var.project_id
}

resource "google_workbench_instance" "analyst" {
  name     = "claims-analyst"
  location = "${var.region}-a"

  gce_setup {
    machine_type      = "n1-standard-8"
    disable_public_ip = true

    service_accounts {
      email = google_service_account.analyst.email
    }

    boot_disk {
      disk_encryption = "CMEK"
      kms_key         = google_kms_crypto_key.vertex.id
    }

    network_interfaces {
      network = "projects/acme-claims-prod/global/networks/ml"
      subnet  = "projects/acme-claims-prod/regions/europe-west4/subnetworks/notebooks"
    }

    metadata = {
      install-monitoring-agent = "true"
    }
  }
}
