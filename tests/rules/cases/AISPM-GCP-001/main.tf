resource "google_vertex_ai_endpoint" "pass_psc" {
  name         = "chat-psc"
  display_name = "chat-psc"
  location     = "us-central1"
  project      = "acme-ml-prod"
  private_service_connect_config {
    enable_private_service_connect = true
    project_allowlist              = ["acme-ml-prod"]
  }
}

resource "google_vertex_ai_endpoint" "pass_peering" {
  name         = "chat-peered"
  display_name = "chat-peered"
  location     = "us-central1"
  project      = "acme-ml-prod"
  network      = "projects/123456789012/global/networks/ml-vpc"
}

resource "google_vertex_ai_endpoint" "fail" {
  name         = "chat-public"
  display_name = "chat-public"
  location     = "us-central1"
  project      = "acme-ml-prod"
}
