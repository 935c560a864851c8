# Claims scoring: a batch VM calls a Vertex AI endpoint with its service account.
variable "project_id" {
  default = "acme-claims-prod"
}

variable "region" {
  default = "us-central1"
}

resource "google_service_account" "scorer" {
  project      = var.project_id
  account_id   = "claims-scorer"
  display_name = "Claims scoring VM"
}

resource "google_project_iam_member" "scorer_vertex" {
  project = var.project_id
  role    = "roles/aiplatform.viewer"
  member  = "serviceAccount:${google_service_account.scorer.email}"
}

resource "google_compute_instance" "scorer" {
  project      = var.project_id
  name         = "claims-scorer"
  zone         = "${var.region}-a"
  machine_type = "e2-standard-4"

  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }

  network_interface {
    network = "default"
    access_config {}
  }

  service_account {
    email  = google_service_account.scorer.email
    scopes = ["cloud-platform"]
  }
}

resource "google_vertex_ai_endpoint" "claims" {
  project      = var.project_id
  name         = "claims-fraud"
  display_name = "claims-fraud"
  location     = var.region
  region       = var.region
}
