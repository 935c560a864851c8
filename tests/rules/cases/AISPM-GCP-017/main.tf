resource "google_storage_bucket" "pass" {
  name                        = "acme-training-private"
  location                    = "US"
  uniform_bucket_level_access = true
}

resource "google_storage_bucket" "pass_enforced" {
  name                        = "acme-training-enforced"
  location                    = "US"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
}

resource "google_storage_bucket_iam_member" "blocked" {
  bucket = google_storage_bucket.pass_enforced.name
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}

resource "google_storage_bucket" "fail" {
  name                        = "acme-training-public"
  location                    = "US"
  uniform_bucket_level_access = true
}

resource "google_storage_bucket_iam_binding" "public_read" {
  bucket  = google_storage_bucket.fail.name
  role    = "roles/storage.objectViewer"
  members = ["allAuthenticatedUsers", "group:ml@example.com"]
}
