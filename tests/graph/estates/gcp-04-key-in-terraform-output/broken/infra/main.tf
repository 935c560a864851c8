# A CI deployer's key, created by Terraform and returned as an output for the pipeline to pick up.
variable "project_id" {
  default = "acme-docs-prod"
}

resource "google_service_account" "deployer" {
  project    = var.project_id
  account_id = "docs-deployer"
}

resource "google_project_iam_member" "deployer_vertex" {
  project = var.project_id
  role    = "roles/aiplatform.user"
  member  = "serviceAccount:${google_service_account.deployer.email}"
}

resource "google_service_account_key" "deployer" {
  service_account_id = google_service_account.deployer.name
}

output "deployer_key" {
  value     = google_service_account_key.deployer.private_key
  sensitive = true
}

resource "google_vertex_ai_endpoint" "summarizer" {
  project      = var.project_id
  name         = "contract-summarizer"
  display_name = "contract-summarizer"
  location     = "europe-west4"
  network      = "projects/418264007221/global/networks/docs-vpc"
}
