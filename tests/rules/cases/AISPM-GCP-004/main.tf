resource "google_workbench_instance" "pass_workbench" {
  name     = "pass-workbench"
  location = "us-central1-a"
  gce_setup {
    machine_type = "n1-standard-4"
    metadata = {
      install-monitoring-agent = "true"
    }
  }
}

resource "google_workbench_instance" "fail_workbench" {
  name     = "fail-workbench"
  location = "us-central1-a"
  gce_setup {
    machine_type = "n1-standard-4"
  }
}

resource "google_notebooks_instance" "pass_notebook" {
  name         = "pass-notebook"
  location     = "us-central1-a"
  machine_type = "e2-medium"
  vm_image {
    project      = "deeplearning-platform-release"
    image_family = "tf-latest-cpu"
  }
  metadata = {
    install-monitoring-agent = "true"
  }
}

resource "google_notebooks_instance" "fail_notebook" {
  name         = "fail-notebook"
  location     = "us-central1-a"
  machine_type = "e2-medium"
  vm_image {
    project      = "deeplearning-platform-release"
    image_family = "tf-latest-cpu"
  }
  metadata = {
    install-monitoring-agent = "false"
  }
}
