"""Rules for Vertex AI Workbench instances, legacy user-managed notebooks and managed runtimes:
external IPs, root access, monitoring, idle shutdown, disk encryption, Shielded VM."""

from __future__ import annotations

from aispm.model import Pillar, References, Severity
from aispm.providers.gcp import catalog as cat
from aispm.providers.gcp.rules.base import DEFENDER_AI, WORKBENCH, gcloud, terraform
from aispm.rules.engine import Fix, Rule, is_false, is_true
from aispm.compliance import controls

_NB = (cat.NOTEBOOK_INSTANCE,)
_NB_RT = (cat.NOTEBOOK_INSTANCE, cat.NOTEBOOK_RUNTIME)


def _metadata_fix(key: str, value: str) -> tuple:
    return (
        terraform("google_workbench_instance", f"""
            resource "google_workbench_instance" "this" {{
              # ...
              gce_setup {{
                # ...
                metadata = {{
                  {key} = "{value}"
                }}
              }}
            }}"""),
        terraform("google_notebooks_instance", f"""
            resource "google_notebooks_instance" "this" {{
              # ...
              metadata = {{
                {key} = "{value}"
              }}
            }}"""),
        gcloud(f"gcloud workbench instances update <instance> --location=<zone> --metadata={key}={value}"),
    )


RULES = [
    Rule(
        id="AISPM-GCP-002",
        title="Public IP addresses should be disabled on Workbench instances",
        severity=Severity.MEDIUM, pillar=Pillar.NETWORK, provider="gcp",
        scope="Workbench instances, legacy user-managed notebooks and managed notebook runtimes.",
        resource_types=_NB_RT, facts=("public_ip",), check=is_false("public_ip"),
        risk="A notebook VM with an external IP address is reachable from the internet (the default network admits SSH "
             "from anywhere) and can send the data and credentials it holds anywhere.",
        remediation="Set `gce_setup { disable_public_ip = true }` (legacy notebooks `no_public_ip = true`, runtimes "
                    "`internal_ip_only = true`) and reach the internet through Cloud NAT.",
        references=References(
            defender="Public IP addresses should be disabled on Workbench instances",
            checkov=("CKV2_GCP_28", "CKV_GCP_89", "CKV2_GCP_36"),
            urls=(DEFENDER_AI, WORKBENCH),
            compliance=controls("AML.T0049 GAI:information-security"),
        ),
        fix=Fix(
            steps=(
                "Give the instance's subnet Cloud NAT (and Private Google Access) so it still reaches package "
                "repositories and Google APIs.",
                "Create the instance without an external IP (the setting of an existing instance cannot be changed: "
                "recreate it and move its data disk).",
            ),
            changes=(
                terraform("google_workbench_instance", """
                    resource "google_workbench_instance" "this" {
                      # ...
                      gce_setup {
                        # ...
                        disable_public_ip = true
                      }
                    }"""),
                terraform("google_notebooks_instance", """
                    resource "google_notebooks_instance" "this" {
                      # ...
                      no_public_ip = true
                    }"""),
                terraform("google_notebooks_runtime", """
                    resource "google_notebooks_runtime" "this" {
                      # ...
                      virtual_machine {
                        virtual_machine_config {
                          # ...
                          internal_ip_only = true
                        }
                      }
                    }"""),
                gcloud("gcloud workbench instances create <instance> --location=<zone> --disable-public-ip "
                       "--network=<vpc> --subnet=<subnet>"),
            ),
        ),
    ),
    Rule(
        id="AISPM-GCP-003",
        title="Root access should be disabled on Workbench instances",
        severity=Severity.MEDIUM, pillar=Pillar.IDENTITY, provider="gcp",
        scope="Workbench instances and legacy user-managed notebooks.",
        resource_types=_NB, facts=("root_access",), check=is_false("root_access"),
        risk="With root, a notebook user (or code a notebook runs) can read the VM's service-account tokens from any "
             "process, install persistence and disable the instance's controls.",
        remediation="Set the instance metadata `notebook-disable-root = \"true\"`.",
        references=References(defender="Root access should be disabled on Workbench instances",
                              urls=(DEFENDER_AI, WORKBENCH),
                              compliance=controls("GAI:information-security")),
        fix=Fix(steps=("Set the metadata key `notebook-disable-root` to `true` on the instance and restart it.",),
                changes=_metadata_fix("notebook-disable-root", "true")),
    ),
    Rule(
        id="AISPM-GCP-004",
        title="Cloud Monitoring should be used on GCP Workbench instance",
        severity=Severity.LOW, pillar=Pillar.LOGGING, provider="gcp",
        scope="Workbench instances and legacy user-managed notebooks.",
        resource_types=_NB, facts=("monitoring_agent",), check=is_true("monitoring_agent"),
        risk="Without the monitoring agent, the instance's guest metrics and health are not in Cloud Monitoring: "
             "misuse (mining, exfiltration volume) and failures go unseen.",
        remediation="Set the instance metadata `install-monitoring-agent = \"true\"`.",
        references=References(defender="Cloud Monitoring should be used on GCP Workbench instance",
                              urls=(DEFENDER_AI, "https://cloud.google.com/vertex-ai/docs/workbench/instances/monitor-health"),
                              compliance=controls("A.6.2.6 GAI:information-security")),
        fix=Fix(steps=("Set the metadata key `install-monitoring-agent` to `true` so the instance installs the "
                       "Cloud Monitoring agent, and restart it.",),
                changes=_metadata_fix("install-monitoring-agent", "true")),
    ),
    Rule(
        id="AISPM-GCP-005",
        title="Idle shutdown should be enabled on Workbench instances",
        severity=Severity.LOW, pillar=Pillar.AI, provider="gcp",
        scope="Workbench instances, legacy user-managed notebooks and managed notebook runtimes.",
        resource_types=_NB_RT, facts=("idle_shutdown",), check=is_true("idle_shutdown"),
        risk="An idle notebook VM keeps running (and billing, often with GPUs), and stays a live target with its "
             "service account's credentials.",
        remediation="Set the instance metadata `idle-timeout-seconds` (runtimes: `software_config { idle_shutdown = "
                    "true }`).",
        references=References(defender="Idle shutdown should be enabled on Workbench instances",
                              urls=(DEFENDER_AI, "https://cloud.google.com/vertex-ai/docs/workbench/instances/idle-shutdown"),
                              compliance=controls("GAI:environmental-impacts A.4.5")),
        fix=Fix(steps=("Set `idle-timeout-seconds` in the instance metadata (for example 10800, three hours).",),
                changes=(*_metadata_fix("idle-timeout-seconds", "10800"),
                         terraform("google_notebooks_runtime", """
                             resource "google_notebooks_runtime" "this" {
                               # ...
                               software_config {
                                 idle_shutdown         = true
                                 idle_shutdown_timeout = 180
                               }
                             }"""))),
    ),
    Rule(
        id="AISPM-GCP-013",
        title="Vertex AI Workbench and notebook disks should be encrypted with a customer-managed key (CMEK)",
        severity=Severity.LOW, pillar=Pillar.DATA, provider="gcp",
        scope="Workbench instances (boot and data disks), legacy user-managed notebooks and managed runtimes.",
        resource_types=_NB_RT, facts=("customer_managed_key",), check=is_true("customer_managed_key"),
        risk="Notebook disks hold datasets, model files and cached credentials; with Google-managed keys only, access "
             "cannot be revoked by disabling the organisation's key.",
        remediation="Set `disk_encryption = \"CMEK\"` and `kms_key` on every disk (legacy notebooks: on the instance; "
                    "runtimes: `encryption_config { kms_key }`).",
        references=References(checkov=("CKV2_GCP_27", "CKV2_GCP_21", "CKV2_GCP_35"),
                              urls=("https://cloud.google.com/vertex-ai/docs/workbench/instances/cmek",),
                              compliance=controls("GAI:data-privacy GAI:information-security A.7.2")),
        fix=Fix(
            steps=("Grant the Compute Engine service agent `roles/cloudkms.cryptoKeyEncrypterDecrypter` on the key.",
                   "Create the instance with CMEK on every disk (an existing disk's key cannot be changed)."),
            changes=(
                terraform("google_workbench_instance", """
                    resource "google_workbench_instance" "this" {
                      # ...
                      gce_setup {
                        # ...
                        boot_disk {
                          disk_encryption = "CMEK"
                          kms_key         = google_kms_crypto_key.notebooks.id
                        }
                        data_disks {
                          disk_encryption = "CMEK"
                          kms_key         = google_kms_crypto_key.notebooks.id
                        }
                      }
                    }"""),
                terraform("google_notebooks_instance", """
                    resource "google_notebooks_instance" "this" {
                      # ...
                      disk_encryption = "CMEK"
                      kms_key         = google_kms_crypto_key.notebooks.id
                    }"""),
                terraform("google_notebooks_runtime", """
                    resource "google_notebooks_runtime" "this" {
                      # ...
                      virtual_machine {
                        virtual_machine_config {
                          # ...
                          encryption_config {
                            kms_key = google_kms_crypto_key.notebooks.id
                          }
                        }
                      }
                    }"""),
                gcloud("gcloud workbench instances create <instance> --location=<zone> --boot-disk-encryption=CMEK "
                       "--boot-disk-kms-key=<key> --data-disk-encryption=CMEK --data-disk-kms-key=<key>"),
            ),
        ),
    ),
    Rule(
        id="AISPM-GCP-015",
        title="Vertex AI notebook instances should be launched with Shielded VM (vTPM) enabled",
        severity=Severity.LOW, pillar=Pillar.AI, provider="gcp",
        scope="Workbench instances and legacy user-managed notebooks.",
        resource_types=_NB, facts=("vtpm",), check=is_true("vtpm"),
        risk="Without the virtual TPM, measured boot and integrity monitoring have nothing to measure: boot-level "
             "persistence on the notebook VM goes undetected.",
        remediation="Leave `shielded_instance_config { enable_vtpm }` at its default `true`.",
        references=References(checkov=("CKV_GCP_126",),
                              urls=("https://cloud.google.com/compute/shielded-vm/docs/shielded-vm",),
                              compliance=controls("GAI:information-security")),
        fix=Fix(steps=("Enable the vTPM on the instance (stop it first for an existing instance).",),
                changes=(
                    terraform("google_notebooks_instance", """
                        resource "google_notebooks_instance" "this" {
                          # ...
                          shielded_instance_config {
                            enable_vtpm                 = true
                            enable_integrity_monitoring = true
                          }
                        }"""),
                    terraform("google_workbench_instance", """
                        resource "google_workbench_instance" "this" {
                          # ...
                          gce_setup {
                            # ...
                            shielded_instance_config {
                              enable_vtpm                 = true
                              enable_integrity_monitoring = true
                            }
                          }
                        }"""),
                    gcloud("gcloud workbench instances update <instance> --location=<zone> --shielded-vtpm=true"),
                )),
    ),
    Rule(
        id="AISPM-GCP-016",
        title="Integrity monitoring should be enabled on Shielded Vertex AI notebook instances",
        severity=Severity.LOW, pillar=Pillar.AI, provider="gcp",
        scope="Workbench instances and legacy user-managed notebooks.",
        resource_types=_NB, facts=("integrity_monitoring",), check=is_true("integrity_monitoring"),
        risk="Without integrity monitoring, a tampered boot chain or kernel on the notebook VM raises no alert.",
        remediation="Leave `shielded_instance_config { enable_integrity_monitoring }` at its default `true`.",
        references=References(checkov=("CKV_GCP_127",),
                              urls=("https://cloud.google.com/compute/shielded-vm/docs/integrity-monitoring",),
                              compliance=controls("A.6.2.6 GAI:information-security")),
        fix=Fix(steps=("Enable integrity monitoring on the instance (stop it first for an existing instance).",),
                changes=(
                    terraform("google_notebooks_instance", """
                        resource "google_notebooks_instance" "this" {
                          # ...
                          shielded_instance_config {
                            enable_vtpm                 = true
                            enable_integrity_monitoring = true
                          }
                        }"""),
                    gcloud("gcloud workbench instances update <instance> --location=<zone> "
                           "--shielded-integrity-monitoring=true"),
                )),
    ),
]
