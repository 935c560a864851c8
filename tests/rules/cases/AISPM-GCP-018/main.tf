resource "google_storage_bucket" "pass" {
  name                        = "acme-grounding"
  location                    = "US"
  uniform_bucket_level_access = true
}

resource "google_storage_bucket" "fail" {
  name     = "acme-grounding-acl"
  location = "US"
}
