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

resource "google_vertex_ai_reasoning_engine" "pass" {
  display_name = "claims-agent"
  region       = "us-central1"
  spec {
    service_account = "agent@acme-ml-prod.iam.gserviceaccount.com"
  }
  encryption_spec {
    kms_key_name = google_kms_crypto_key.vertex.id
  }
}

resource "google_vertex_ai_reasoning_engine" "fail" {
  display_name = "claims-agent"
  region       = "us-central1"
  spec {
    service_account = "agent@acme-ml-prod.iam.gserviceaccount.com"
  }
}
