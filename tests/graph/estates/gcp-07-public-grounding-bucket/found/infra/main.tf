# Product manuals for a support assistant's Vector Search index, shared publicly "for the website".
variable "project_id" {
  default = "acme-support-prod"
}

resource "google_storage_bucket" "manuals" {
  project                     = var.project_id
  name                        = "acme-support-manuals"
  location                    = "EU"
  uniform_bucket_level_access = true
}

resource "google_storage_bucket_iam_member" "manuals_public" {
  bucket = google_storage_bucket.manuals.name
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}

resource "google_vertex_ai_index" "manuals" {
  project      = var.project_id
  region       = "europe-west4"
  display_name = "support-manuals"

  metadata {
    contents_delta_uri = "gs://acme-support-manuals/embeddings/"
    config {
      dimensions            = 768
      distance_measure_type = "COSINE_DISTANCE"
      algorithm_config {
        brute_force_config {}
      }
    }
  }
}
