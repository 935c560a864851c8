"""Rules for what Vertex AI runs on and reads: Cloud Storage buckets, Cloud Run and Cloud
Functions, service-account keys, Terraform outputs that return keys, Compute Engine instances."""

from __future__ import annotations

from aispm.model import Pillar, References, Severity
from aispm.providers.gcp import catalog as cat
from aispm.providers.gcp.rules.base import gcloud, terraform
from aispm.rules.engine import Fix, Rule, is_false, is_true
from aispm.compliance import controls

RULES = [
    Rule(
        id="AISPM-GCP-017",
        title="Cloud Storage buckets should not be anonymously or publicly accessible",
        severity=Severity.HIGH, pillar=Pillar.DATA, provider="gcp",
        resource_types=(cat.BUCKET,), facts=("public_access",), check=is_false("public_access"),
        risk="A binding to `allUsers` or `allAuthenticatedUsers` lets anyone read (or write) the objects: training and "
             "grounding data leak, or are poisoned.",
        remediation="Remove the `allUsers` / `allAuthenticatedUsers` bindings and set `public_access_prevention = "
                    "\"enforced\"`.",
        references=References(checkov=("CKV_GCP_28",), prowler=("cloudstorage_bucket_public_access",),
                              urls=("https://cloud.google.com/storage/docs/public-access-prevention",),
                              compliance=controls("LLM02 AML.T0036 GAI:data-privacy")),
        fix=Fix(
            steps=("Remove every binding of `allUsers` and `allAuthenticatedUsers` on the bucket.",
                   "Enforce public access prevention so no later binding or ACL can make it public."),
            changes=(
                terraform("google_storage_bucket", """
                    resource "google_storage_bucket" "this" {
                      # ...
                      public_access_prevention = "enforced"
                    }"""),
                gcloud("gcloud storage buckets update gs://<bucket> --public-access-prevention"),
            ),
        ),
    ),
    Rule(
        id="AISPM-GCP-018",
        title="Cloud Storage buckets should have uniform bucket-level access enabled",
        severity=Severity.MEDIUM, pillar=Pillar.DATA, provider="gcp",
        resource_types=(cat.BUCKET,), facts=("uniform_access",), check=is_true("uniform_access"),
        risk="With fine-grained ACLs, object-level grants escape the bucket's IAM policy: data can be shared with "
             "anyone without any IAM change to review.",
        remediation="Set `uniform_bucket_level_access = true`.",
        references=References(checkov=("CKV_GCP_29",), prowler=("cloudstorage_bucket_uniform_bucket_level_access",),
                              urls=("https://cloud.google.com/storage/docs/uniform-bucket-level-access",),
                              compliance=controls("GAI:data-privacy GAI:information-security")),
        fix=Fix(steps=("Move any object ACL grants into IAM bindings, then enable uniform bucket-level access.",),
                changes=(
                    terraform("google_storage_bucket", """
                        resource "google_storage_bucket" "this" {
                          # ...
                          uniform_bucket_level_access = true
                        }"""),
                    gcloud("gcloud storage buckets update gs://<bucket> --uniform-bucket-level-access"),
                )),
    ),
    Rule(
        id="AISPM-GCP-019",
        title="Cloud Run services and Cloud Functions should not be invokable by allUsers",
        severity=Severity.HIGH, pillar=Pillar.IDENTITY, provider="gcp",
        resource_types=(cat.RUN_SERVICE, cat.FUNCTION, cat.FUNCTION_V2),
        facts=("user_authentication",), check=is_true("user_authentication"),
        risk="Anyone on the internet can call the service, which acts with its service account's roles (on Vertex AI "
             "models, buckets, data stores): model abuse and data access without any credential.",
        remediation="Remove the `allUsers` / `allAuthenticatedUsers` invoker binding (and `invoker_iam_disabled`); "
                    "grant `roles/run.invoker` to the callers that need it.",
        references=References(prowler=("cloudfunction_function_not_publicly_accessible",),
                              urls=("https://cloud.google.com/run/docs/authenticating/overview",),
                              compliance=controls("AML.T0049 GAI:information-security")),
        fix=Fix(
            steps=("Delete the public invoker binding.",
                   "Grant the invoker role to the service accounts or groups that call the service, or put it behind "
                   "an Identity-Aware Proxy."),
            changes=(
                terraform("google_cloud_run_v2_service_iam_member", """
                    resource "google_cloud_run_v2_service_iam_member" "this" {
                      # ...
                      role   = "roles/run.invoker"
                      member = "serviceAccount:${google_service_account.caller.email}"
                    }"""),
                gcloud("gcloud run services remove-iam-policy-binding <service> --region=<region> "
                       "--member=allUsers --role=roles/run.invoker"),
            ),
        ),
    ),
    Rule(
        id="AISPM-GCP-020",
        title="Service accounts should not have user-managed keys",
        severity=Severity.MEDIUM, pillar=Pillar.IDENTITY, provider="gcp",
        resource_types=(cat.SERVICE_ACCOUNT,), facts=("user_managed_keys",), check=is_false("user_managed_keys"),
        risk="A user-managed key is a long-lived credential that works from anywhere until it is deleted; declared in "
             "Terraform, its private key is also kept in the state.",
        remediation="Delete the `google_service_account_key` resources; use workload identity, attached service "
                    "accounts or impersonation.",
        references=References(prowler=("iam_sa_no_user_managed_keys",),
                              urls=("https://cloud.google.com/iam/docs/best-practices-for-managing-service-account-keys",),
                              compliance=controls("AML.T0055 GAI:information-security")),
        fix=Fix(
            steps=("Move the workloads that use the key to an attached service account, workload identity "
                   "federation or `gcloud auth print-access-token --impersonate-service-account`.",
                   "Delete the key (and its Terraform resource), and enforce the organization policy "
                   "`iam.disableServiceAccountKeyCreation`."),
            changes=(
                terraform("google_service_account_key", """
                    # remove the google_service_account_key resource; impersonate instead:
                    resource "google_service_account_iam_member" "this" {
                      service_account_id = google_service_account.this.name
                      role               = "roles/iam.serviceAccountTokenCreator"
                      member             = "group:ml-deployers@example.com"
                    }"""),
                gcloud("gcloud iam service-accounts keys delete <key-id> --iam-account=<sa-email>"),
            ),
        ),
    ),
    Rule(
        id="AISPM-GCP-021",
        title="Terraform outputs should not return service account keys in clear text",
        severity=Severity.HIGH, pillar=Pillar.IDENTITY, provider="gcp",
        resource_types=(cat.OUTPUT,), facts=("output_secure",), check=is_true("output_secure"),
        risk="`terraform output` prints the private key, and CI logs keep it: whoever reads them has the service "
             "account's roles (on Vertex AI and the data it reads).",
        remediation="Remove the output, or mark it `sensitive = true`; then rotate the key.",
        references=References(urls=("https://developer.hashicorp.com/terraform/language/values/outputs#sensitive",),
                              compliance=controls("LLM02 AML.T0055 GAI:information-security")),
        fix=Fix(steps=("Remove the output (or set `sensitive = true`).", "Delete the exposed key and create none."),
                changes=(
                    terraform("output", """
                        output "this" {
                          value     = google_service_account_key.this.private_key
                          sensitive = true
                        }"""),
                    gcloud("gcloud iam service-accounts keys delete <key-id> --iam-account=<sa-email>"),
                )),
    ),
    Rule(
        id="AISPM-GCP-022",
        title="Compute Engine instances should not have public IP addresses",
        severity=Severity.MEDIUM, pillar=Pillar.NETWORK, provider="gcp",
        resource_types=(cat.INSTANCE,), facts=("public_ip",), check=is_false("public_ip"),
        risk="A VM with an external IP is reachable from the internet; exploited, it acts with its service account's "
             "roles (on Vertex AI endpoints and training data).",
        remediation="Remove `access_config` from the network interfaces; use Cloud NAT and IAP TCP forwarding.",
        references=References(prowler=("compute_instance_public_ip",),
                              urls=("https://cloud.google.com/compute/docs/ip-addresses/reserve-static-external-ip-address",),
                              compliance=controls("AML.T0049 GAI:information-security")),
        fix=Fix(steps=("Give the subnet Cloud NAT, and reach the VM through IAP.",
                       "Remove the access config (the external IP) from its network interfaces."),
                changes=(
                    terraform("google_compute_instance", """
                        resource "google_compute_instance" "this" {
                          # ...
                          network_interface {
                            subnetwork = google_compute_subnetwork.private.id
                            # no access_config block: no external IP
                          }
                        }"""),
                    gcloud("gcloud compute instances delete-access-config <instance> --zone=<zone> "
                           "--access-config-name=\"external-nat\""),
                )),
    ),
]
