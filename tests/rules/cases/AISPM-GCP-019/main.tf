resource "google_service_account" "caller" {
  account_id = "chat-frontend"
  project    = "acme-ml-prod"
}

resource "google_cloud_run_v2_service" "pass" {
  name     = "chat-api"
  location = "us-central1"
  template {
    containers {
      image = "us-docker.pkg.dev/acme-ml-prod/apps/chat-api:1.4.2"
    }
  }
}

resource "google_cloud_run_v2_service_iam_member" "caller" {
  name     = google_cloud_run_v2_service.pass.name
  location = "us-central1"
  role     = "roles/run.invoker"
  member   = "serviceAccount:${google_service_account.caller.email}"
}

resource "google_cloud_run_v2_service" "fail" {
  name     = "chat-api-public"
  location = "us-central1"
  template {
    containers {
      image = "us-docker.pkg.dev/acme-ml-prod/apps/chat-api:1.4.2"
    }
  }
}

resource "google_cloud_run_v2_service_iam_member" "public" {
  name     = google_cloud_run_v2_service.fail.name
  location = "us-central1"
  role     = "roles/run.invoker"
  member   = "allUsers"
}

resource "google_cloudfunctions_function" "fail_function" {
  name         = "summarize"
  runtime      = "python312"
  trigger_http = true
  entry_point  = "main"
}

resource "google_cloudfunctions_function_iam_member" "public" {
  cloud_function = google_cloudfunctions_function.fail_function.name
  role           = "roles/cloudfunctions.invoker"
  member         = "allUsers"
}
