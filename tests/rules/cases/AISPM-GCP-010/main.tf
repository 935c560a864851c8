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

resource "google_vertex_ai_featurestore" "pass" {
  name   = "features"
  region = "us-central1"
  online_serving_config {
    fixed_node_count = 1
  }
  encryption_spec {
    kms_key_name = google_kms_crypto_key.vertex.id
  }
}

resource "google_vertex_ai_featurestore" "fail" {
  name   = "features"
  region = "us-central1"
  online_serving_config {
    fixed_node_count = 1
  }
}

resource "google_vertex_ai_feature_online_store" "pass_online" {
  name   = "online_cmek"
  region = "us-central1"
  optimized {}
  encryption_spec {
    kms_key_name = google_kms_crypto_key.vertex.id
  }
}

resource "google_vertex_ai_feature_online_store" "fail_online" {
  name   = "online_plain"
  region = "us-central1"
  optimized {}
}
