resource "google_workbench_instance" "pass_workbench" {
  name     = "pass-workbench"
  location = "us-central1-a"
  gce_setup {
    machine_type = "n1-standard-4"
    disable_public_ip = true
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
  no_public_ip = true
}

resource "google_notebooks_instance" "fail_notebook" {
  name         = "fail-notebook"
  location     = "us-central1-a"
  machine_type = "e2-medium"
  vm_image {
    project      = "deeplearning-platform-release"
    image_family = "tf-latest-cpu"
  }
  no_public_ip = false
}

resource "google_notebooks_runtime" "pass_runtime" {
  name     = "pass-runtime"
  location = "us-central1"
  access_config {
    access_type   = "SINGLE_USER"
    runtime_owner = "analyst@example.com"
  }
  virtual_machine {
    virtual_machine_config {
      machine_type = "n1-standard-4"
      internal_ip_only = true
      data_disk {
        initialize_params {
          disk_size_gb = "100"
          disk_type    = "PD_STANDARD"
        }
      }
    }
  }
}

resource "google_notebooks_runtime" "fail_runtime" {
  name     = "fail-runtime"
  location = "us-central1"
  access_config {
    access_type   = "SINGLE_USER"
    runtime_owner = "analyst@example.com"
  }
  virtual_machine {
    virtual_machine_config {
      machine_type = "n1-standard-4"
      data_disk {
        initialize_params {
          disk_size_gb = "100"
          disk_type    = "PD_STANDARD"
        }
      }
    }
  }
}
