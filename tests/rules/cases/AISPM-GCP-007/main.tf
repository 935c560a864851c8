resource "google_kms_crypto_key" "search" {
  name     = "search"
  key_ring = "projects/acme-ml-prod/locations/us/keyRings/search"
}

resource "google_discovery_engine_data_store" "pass" {
  location          = "us"
  data_store_id     = "policies-cmek"
  display_name      = "HR policies"
  industry_vertical = "GENERIC"
  content_config    = "CONTENT_REQUIRED"
  solution_types    = ["SOLUTION_TYPE_SEARCH"]
  kms_key_name      = google_kms_crypto_key.search.id
}

resource "google_discovery_engine_data_store" "fail" {
  location          = "us"
  data_store_id     = "policies"
  display_name      = "HR policies"
  industry_vertical = "GENERIC"
  content_config    = "CONTENT_REQUIRED"
  solution_types    = ["SOLUTION_TYPE_SEARCH"]
}
