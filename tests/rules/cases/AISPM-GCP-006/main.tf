resource "google_kms_key_ring" "ring" {
  name     = "vertex"
  location = "us-central1"
  project  = "acme-ml-prod"
}

resource "google_kms_crypto_key" "vertex" {
  name            = "vertex"
  key_ring        = google_kms_key_ring.ring.id
  rotation_period = "7776000s"
}

resource "google_vertex_ai_dataset" "pass" {
  display_name        = "claims-images"
  metadata_schema_uri = "gs://google-cloud-aiplatform/schema/dataset/metadata/image_1.0.0.yaml"
  region              = "us-central1"
  encryption_spec {
    kms_key_name = google_kms_crypto_key.vertex.id
  }
}

resource "google_vertex_ai_dataset" "fail" {
  display_name        = "claims-images"
  metadata_schema_uri = "gs://google-cloud-aiplatform/schema/dataset/metadata/image_1.0.0.yaml"
  region              = "us-central1"
}
