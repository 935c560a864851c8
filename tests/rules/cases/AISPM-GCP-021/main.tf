resource "google_service_account" "ci" {
  account_id = "ci-deployer"
  project    = "acme-ml-prod"
}

resource "google_service_account_key" "ci" {
  service_account_id = google_service_account.ci.name
}

output "pass" {
  value     = google_service_account_key.ci.private_key
  sensitive = true
}

output "fail" {
  value = google_service_account_key.ci.private_key
}
