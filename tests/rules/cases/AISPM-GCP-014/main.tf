resource "google_vertex_ai_index_endpoint" "pass_psc" {
  display_name = "docs-psc"
  region       = "us-central1"
  private_service_connect_config {
    enable_private_service_connect = true
    project_allowlist              = ["acme-ml-prod"]
  }
}

resource "google_vertex_ai_index_endpoint" "pass_peered" {
  display_name = "docs-peered"
  region       = "us-central1"
  network      = "projects/123456789012/global/networks/ml-vpc"
}

resource "google_vertex_ai_index_endpoint" "fail" {
  display_name            = "docs-public"
  region                  = "us-central1"
  public_endpoint_enabled = true
}
