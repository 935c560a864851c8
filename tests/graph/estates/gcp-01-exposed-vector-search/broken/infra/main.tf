# HR assistant: a Vector Search index built from the handbook embeddings, served on a public index endpoint.
variable "project_id" {
  default = "acme-hr-prod"
}

resource "google_storage_bucket" "handbook" {
  project                     = var.project_id
  name                        = "acme-hr-handbook-embeddings"
  location                    = "US"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
}

resource "google_vertex_ai_index" "handbook" {
  project      = var.project_id
  region       = "us-central1"
  display_name = "hr-handbook"

  metadata {
    contents_delta_uri = "gs://${google_storage_bucket.handbook.name}/embeddings"
    config {
      dimensions                  = 768
      approximate_neighbors_count = 150
      distance_measure_type       = "DOT_PRODUCT_DISTANCE"
      algorithm_config {
        tree_ah_config {
          leaf_node_embedding_count = 500
        }
      }
    }
  }
  index_update_method = "BATCH_UPDATE"
}

resource "google_vertex_ai_index_endpoint" "hr" {
  project                 = var.project_id
  region                  = "us-central1"
  display_name            = "hr-assistant"
  public_endpoint_enabled = false

  private_service_connect_config {
    enable_private_service_connect = true
    project_allowlist              = [var.project_id]
  }
}

resource "google_vertex_ai_index_endpoint_deployed_index" "handbook" {
  index_endpoint    = google_vertex_ai_index_endpoint.hr.id
  index             = google_vertex_ai_index.handbook.id
  deployed_index_id = "hr_handbook_v1"
}
