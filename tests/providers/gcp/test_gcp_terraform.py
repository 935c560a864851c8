"""The GCP provider on Terraform `google` / `google-beta`: the REST shape the rows build, IAM
folded into its resource, facts with Google's defaults, unknowns kept unknown, relations from
service accounts and IAM bindings, and secrets never stored."""

from __future__ import annotations

import textwrap
from pathlib import Path

from aispm.model import Status
from aispm.scan import ScanOptions, scan


def _scan(tmp_path: Path, hcl: str, **opts):
    (tmp_path / "main.tf").write_text(textwrap.dedent(hcl))
    r = scan([tmp_path], ScanOptions(frameworks=("terraform",), **opts))
    assert r.errors == [], r.errors
    return r


def _asset(r, address: str):
    hits = [a for a in r.assets if a.origin.address == address]
    assert len(hits) == 1, [a.origin.address for a in r.assets]
    return hits[0]


def _rels(r, verb: str) -> set[tuple[str, str]]:
    by = {a.uid: a.origin.address for a in r.assets}
    return {(by.get(x.source, x.source), by.get(x.target, x.target)) for x in r.relations if x.verb == verb}


def test_rows_build_the_rest_shape_with_the_cloud_asset_inventory_type(tmp_path):
    r = _scan(tmp_path, """
        resource "google_vertex_ai_endpoint" "ep" {
          name         = "chat"
          display_name = "chat"
          location     = "us-central1"
          project      = "acme"
          labels       = { team = "ml" }
          encryption_spec {
            kms_key_name = "projects/acme/locations/us-central1/keyRings/r/cryptoKeys/k"
          }
          private_service_connect_config {
            enable_private_service_connect = true
            project_allowlist              = ["acme"]
          }
        }
        resource "google_workbench_instance" "wb" {
          name     = "wb"
          location = "us-central1-a"
          gce_setup {
            disable_public_ip = "true"
            metadata = { notebook-disable-root = "true" }
            service_accounts {
              email = "nb@acme.iam.gserviceaccount.com"
            }
          }
        }
    """)
    ep = _asset(r, "google_vertex_ai_endpoint.ep")
    assert ep.type == "aiplatform.googleapis.com/Endpoint" and ep.provider == "gcp" and ep.name == "chat"
    assert ep.properties == {
        "project": "acme", "location": "us-central1", "labels": {"team": "ml"}, "displayName": "chat",
        "privateServiceConnectConfig": {"enablePrivateServiceConnect": True, "projectAllowlist": ["acme"]},
        "encryptionSpec": {"kmsKeyName": "projects/acme/locations/us-central1/keyRings/r/cryptoKeys/k"},
    }
    assert ep.facts["public_network_access"] is False and ep.facts["private_endpoint"] is True
    assert ep.facts["customer_managed_key"] is True
    wb = _asset(r, "google_workbench_instance.wb")
    assert wb.type == "notebooks.googleapis.com/Instance"
    assert wb.properties["gceSetup"]["disablePublicIp"] is True  # "true" from a variable is a bool
    assert wb.facts["public_ip"] is False and wb.facts["root_access"] is False
    assert wb.facts["managed_identity"] is True and wb.facts["vpc_attached"] is False


def test_google_defaults_apply_and_say_so(tmp_path):
    r = _scan(tmp_path, """
        resource "google_workbench_instance" "wb" {
          name     = "wb"
          location = "us-central1-a"
        }
        resource "google_notebooks_instance" "nb" {
          name         = "nb"
          location     = "us-central1-a"
          machine_type = "e2-medium"
        }
        resource "google_cloud_run_v2_service" "run" {
          name     = "api"
          location = "us-central1"
          template {
            containers {
              image = "gcr.io/acme/api"
            }
          }
        }
    """)
    wb = _asset(r, "google_workbench_instance.wb")
    assert wb.facts["public_ip"] is True and "Google default" in wb.evidence["public_ip"].note
    assert wb.facts["root_access"] is True and wb.facts["proxy_access"] is True
    assert wb.facts["managed_identity"] is False  # the default compute service account
    assert wb.facts["vtpm"] is True and wb.facts["secure_boot"] is False
    nb = _asset(r, "google_notebooks_instance.nb")
    assert nb.facts["public_ip"] is True and nb.facts["customer_managed_key"] is False
    run = _asset(r, "google_cloud_run_v2_service.run")
    assert run.facts["ingress_all"] is True and run.facts["user_authentication"] is True
    assert run.facts["internet_exposed"] is False  # reachable, but only with an IAM credential


def test_a_variable_without_default_makes_the_fact_and_the_verdict_unknown(tmp_path):
    r = _scan(tmp_path, """
        variable "private" {
          type = bool
        }
        resource "google_notebooks_instance" "nb" {
          name         = "nb"
          location     = "us-central1-a"
          machine_type = "e2-medium"
          no_public_ip = var.private
        }
        variable "who" {}
        resource "google_storage_bucket" "b" {
          name     = "acme-data"
          location = "US"
        }
        resource "google_storage_bucket_iam_member" "m" {
          bucket = google_storage_bucket.b.name
          role   = "roles/storage.objectViewer"
          member = var.who
        }
    """, rules=("AISPM-GCP-002", "AISPM-GCP-017"))
    assert _asset(r, "google_notebooks_instance.nb").facts["public_ip"] is None
    assert _asset(r, "google_storage_bucket.b").facts["public_access"] is None  # var.who could be allUsers
    assert {f.rule_id: f.status for f in r.findings} == {"AISPM-GCP-002": Status.UNKNOWN,
                                                         "AISPM-GCP-017": Status.UNKNOWN}


def test_iam_resources_fold_into_their_resource(tmp_path):
    r = _scan(tmp_path, """
        resource "google_storage_bucket" "b" {
          name     = "acme-data"
          location = "US"
        }
        resource "google_storage_bucket_iam_binding" "readers" {
          bucket  = google_storage_bucket.b.name
          role    = "roles/storage.objectViewer"
          members = ["group:ml@example.com"]
        }
        resource "google_storage_bucket_iam_member" "more" {
          bucket = "acme-data"
          role   = "roles/storage.objectViewer"
          member = "allAuthenticatedUsers"
        }
        resource "google_storage_bucket_iam_member" "elsewhere" {
          bucket = "not-declared-here"
          role   = "roles/storage.admin"
          member = "allUsers"
        }
        data "google_iam_policy" "p" {
          binding {
            role    = "roles/storage.objectViewer"
            members = ["allUsers"]
          }
        }
        resource "google_storage_bucket" "c" {
          name     = "acme-policy"
          location = "US"
        }
        resource "google_storage_bucket_iam_policy" "c" {
          bucket      = google_storage_bucket.c.name
          policy_data = data.google_iam_policy.p.policy_data
        }
    """)
    b = _asset(r, "google_storage_bucket.b")
    assert b.properties["iamPolicy"]["bindings"] == [
        {"role": "roles/storage.objectViewer", "members": ["group:ml@example.com", "allAuthenticatedUsers"]}]
    assert b.facts["public_access"] is True
    assert not [a for a in r.assets if a.type.endswith("#iam")]
    c = _asset(r, "google_storage_bucket.c")
    assert c.facts["public_access"] is None  # the policy comes from a data source read at plan time


def test_public_access_prevention_overrides_a_public_binding(tmp_path):
    r = _scan(tmp_path, """
        resource "google_storage_bucket" "b" {
          name                     = "acme-data"
          location                 = "US"
          public_access_prevention = "enforced"
        }
        resource "google_storage_bucket_iam_member" "pub" {
          bucket = google_storage_bucket.b.name
          role   = "roles/storage.objectViewer"
          member = "allUsers"
        }
    """)
    b = _asset(r, "google_storage_bucket.b")
    assert b.facts["public_access"] is False and "enforced" in b.evidence["public_access"].note


def test_service_accounts_join_by_reference_and_by_literal_email(tmp_path):
    r = _scan(tmp_path, """
        resource "google_service_account" "sa" {
          project    = "acme"
          account_id = "scorer"
        }
        resource "google_compute_instance" "by_ref" {
          name         = "a"
          zone         = "us-central1-a"
          machine_type = "e2-small"
          network_interface {
            network = "default"
          }
          service_account {
            email  = google_service_account.sa.email
            scopes = ["cloud-platform"]
          }
        }
        resource "google_cloudfunctions2_function" "by_email" {
          name     = "f"
          location = "us-central1"
          service_config {
            service_account_email = "scorer@acme.iam.gserviceaccount.com"
          }
        }
    """)
    assert _rels(r, "runs_as") == {("google_compute_instance.by_ref", "google_service_account.sa"),
                                   ("google_cloudfunctions2_function.by_email", "google_service_account.sa")}
    assert _asset(r, "google_compute_instance.by_ref").facts["public_ip"] is False


def test_project_roles_reach_the_resources_of_their_service_and_project(tmp_path):
    r = _scan(tmp_path, """
        resource "google_service_account" "sa" {
          project    = "acme"
          account_id = "app"
        }
        resource "google_project_iam_member" "vertex" {
          project = "acme"
          role    = "roles/aiplatform.user"
          member  = "serviceAccount:${google_service_account.sa.email}"
        }
        resource "google_project_iam_member" "other_project" {
          project = "elsewhere"
          role    = "roles/owner"
          member  = "serviceAccount:${google_service_account.sa.email}"
        }
        resource "google_vertex_ai_endpoint" "ep" {
          name         = "chat"
          display_name = "chat"
          location     = "us-central1"
          project      = "acme"
        }
        resource "google_storage_bucket" "b" {
          name     = "acme-data"
          location = "US"
          project  = "acme"
        }
    """)
    assert _rels(r, "has_role_on") == {("google_service_account.sa", "google_vertex_ai_endpoint.ep")}


def test_secrets_in_environment_variables_are_never_stored(tmp_path):
    secret = "AIzaSyD4Jm2xQ9vT7rB1cK8pL3nW6yZ0aE5fH2g"
    r = _scan(tmp_path, f"""
        resource "google_cloud_run_v2_service" "run" {{
          name     = "api"
          location = "us-central1"
          template {{
            containers {{
              image = "gcr.io/acme/api"
              env {{
                name  = "GEMINI_API_KEY"
                value = "{secret}"
              }}
              env {{
                name  = "MODEL"
                value = "gemini-2.0-flash"
              }}
            }}
          }}
        }}
    """)
    run = _asset(r, "google_cloud_run_v2_service.run")
    env = run.properties["template"]["containers"][0]["env"]
    assert env[0]["hasLiteralSecret"] is True and env[1] == {"name": "MODEL", "value": "gemini-2.0-flash"}
    assert secret not in repr(r.assets)


def test_hostile_shapes_are_unknowns_not_errors(tmp_path):
    r = _scan(tmp_path, """
        variable "nics" {}
        resource "google_compute_instance" "vm" {
          name         = "vm"
          zone         = "us-central1-a"
          machine_type = "e2-small"
          dynamic "network_interface" {
            for_each = var.nics
            content {
              network = network_interface.value
            }
          }
        }
        resource "google_project_iam_policy" "p" {
          project     = "acme"
          policy_data = "{not json"
        }
        resource "google_storage_bucket_iam_member" "weird" {
          bucket = 42
          role   = ["not", "a", "role"]
          member = { a = 1 }
        }
        resource "google_storage_bucket" "b" {
          name     = "acme-data"
          location = "US"
        }
    """)
    assert _asset(r, "google_compute_instance.vm").facts["public_ip"] is None
    assert _asset(r, "google_project_iam_policy.p").properties["bindings"].reason == "policy_data is not JSON"


def test_google_beta_resources_are_read_like_google_ones(tmp_path):
    """`provider = google-beta` is a meta-argument (not `google - beta`), and so is `depends_on`."""
    r = _scan(tmp_path, """
        provider "google-beta" {
          project = "acme"
        }
        resource "google_vertex_ai_endpoint" "ep" {
          provider     = google-beta
          name         = "chat"
          display_name = "chat"
          location     = "us-central1"
        }
        resource "google_vertex_ai_endpoint_iam_member" "m" {
          provider   = google-beta
          endpoint   = google_vertex_ai_endpoint.ep.name
          location   = "us-central1"
          role       = "roles/aiplatform.user"
          member     = "allAuthenticatedUsers"
          depends_on = [google_vertex_ai_endpoint.ep]
        }
    """)
    ep = _asset(r, "google_vertex_ai_endpoint.ep")
    assert "provider" not in ep.properties
    assert ep.facts["public_access"] is True  # the member was folded in


def test_a_model_garden_deployment_is_an_endpoint_that_serves_its_model(tmp_path):
    r = _scan(tmp_path, """
        resource "google_vertex_ai_endpoint_with_model_garden_deployment" "gemma" {
          publisher_model_name = "publishers/google/models/gemma3@gemma-3-1b-it"
          location             = "us-central1"
          model_config {
            accept_eula = true
          }
          endpoint_config {
            endpoint_display_name = "gemma-chat"
          }
        }
    """)
    ep = _asset(r, "google_vertex_ai_endpoint_with_model_garden_deployment.gemma")
    assert ep.type == "aiplatform.googleapis.com/Endpoint" and ep.name == "gemma-chat"
    assert ep.facts["model"] == "google/gemma3@gemma-3-1b-it"
    assert ep.facts["public_network_access"] is True
    model = next(a for a in r.assets if a.type == "model")
    assert str(model.kind) == "model" and model.properties == {"name": "google/gemma3", "version": "gemma-3-1b-it"}
    assert [(x.source, x.verb, x.target) for x in r.relations if x.verb == "serves"] == [
        (ep.uid, "serves", model.uid)]
