resource "google_service_account" "pass" {
  account_id = "vertex-runner"
  project    = "acme-ml-prod"
}

resource "google_service_account" "fail" {
  account_id = "ci-deployer"
  project    = "acme-ml-prod"
}

resource "google_service_account_key" "ci" {
  service_account_id = google_service_account.fail.name
}
