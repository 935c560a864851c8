resource "google_compute_instance" "pass" {
  name         = "batch-scorer"
  zone         = "us-central1-a"
  machine_type = "e2-standard-4"
  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }
  network_interface {
    subnetwork = "projects/acme-ml-prod/regions/us-central1/subnetworks/private"
  }
}

resource "google_compute_instance" "fail" {
  name         = "demo-ui"
  zone         = "us-central1-a"
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
}
