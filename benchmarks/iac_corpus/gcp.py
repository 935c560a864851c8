"""GCP stacks of the generated corpus: Terraform ``google`` and ``google-beta``.

Shapes, each an application stack of a platform team's monorepo:

- ``serving``: a Vertex AI endpoint, a vector index and its index endpoint;
- ``data``: a Vertex AI dataset, featurestore, tensorboard and metadata store;
- ``notebooks``: user-managed notebooks (``count``), a managed runtime and Workbench instances
  (``for_each`` over users, or the shared local module ``modules/vertex-workbench``);
- ``rag``: an endpoint, a dataset and Workbench instances;

plus what they stand on: a KMS key ring and key (with the Vertex AI service agent's grant), a
service account and its project roles (sometimes a user-managed key), a Cloud Storage bucket and
its IAM members (sometimes ``allUsers``). Every setting a Checkov GCP check or an aispm GCP rule
judges (CMEK on each resource, private endpoints and networks, public IPs, Shielded VM options,
uniform bucket access, public bucket members) is drawn as secure, insecure or not set, sometimes
through a variable default; some resources are declared with ``provider = google-beta``.
"""

from __future__ import annotations

import json

from iac_corpus.common import Raw, Stack, TfVars, _attrs, _block, _hcl

REGIONS = ("us-central1", "europe-west4", "europe-west1", "us-east4", "asia-northeast1")
USERS = ("alice", "bob", "carol", "dave", "erin", "frank")
SHAPES = ("serving", "data", "notebooks", "rag")
SHAPE_WEIGHTS = (3, 3, 4, 2)


class TfGcp:
    """One Terraform stack being written: its files, variables and the shared pieces made once."""

    def __init__(self, st: Stack) -> None:
        self.st = st
        self.v = TfVars(st)
        self.files: dict[str, list[str]] = {k: [] for k in (
            "main.tf", "locals.tf", "kms.tf", "iam.tf", "storage.tf", "vertex.tf", "notebooks.tf")}
        self.made: set[str] = set()

    def res(self, file: str, tf_type: str, label: str, body: str, n: int = 1, beta: bool = False) -> None:
        if beta:
            body = "  provider = google-beta\n\n" + body
        self.files[file].append(_block("resource", [tf_type, label], body))
        self.st.add(tf_type, n)

    def beta(self) -> bool:
        return self.st.rng.random() < 0.2

    def kms(self) -> str:
        if "kms" not in self.made:
            self.made.add("kms")
            self.res("kms.tf", "google_kms_key_ring", "vertex", _attrs([
                ("name", Raw('"${local.prefix}-vertex"')), ("location", Raw("var.region"))]))
            self.res("kms.tf", "google_kms_crypto_key", "vertex", _attrs([
                ("name", "vertex"), ("key_ring", Raw("google_kms_key_ring.vertex.id")),
                ("rotation_period", self.st.pick("7776000s", None, p_unset=0, p_secure=0.7))]))
            self.res("kms.tf", "google_kms_crypto_key_iam_member", "vertex_agent", _attrs([
                ("crypto_key_id", Raw("google_kms_crypto_key.vertex.id")),
                ("role", "roles/cloudkms.cryptoKeyEncrypterDecrypter"),
                ("member", Raw('"serviceAccount:service-${data.google_project.this.number}@gcp-sa-aiplatform.iam.gserviceaccount.com"'))]))
        return "google_kms_crypto_key.vertex.id"

    def key_or_none(self, name: str):
        st = self.st
        if st.rng.random() < 0.2:
            return None
        if st.rng.random() < 0.7:
            if st.rng.random() < 0.15:
                self.v.add(f"{name}_kms_key", "string",
                           f"projects/{st.prefix}-sec/locations/{st.region}/keyRings/shared/cryptoKeys/{name}")
                return Raw(f"var.{name}_kms_key")
            return Raw(self.kms())
        return None

    def encryption_spec(self, name: str) -> str:
        key = self.key_or_none(name)
        return f"\n  encryption_spec {{\n    kms_key_name = {_hcl(key)}\n  }}\n" if key is not None else ""

    def service_account(self) -> str:
        if "sa" not in self.made:
            self.made.add("sa")
            self.res("iam.tf", "google_service_account", "vertex", _attrs([
                ("account_id", Raw('"${local.prefix}-vertex"')), ("display_name", Raw('"${local.prefix} Vertex AI"'))]))
            roles = ["roles/aiplatform.user", "roles/storage.objectViewer"]
            if self.st.pick(False, True, p_unset=0, p_secure=0.75):
                roles.append("roles/editor")
            self.res("iam.tf", "google_project_iam_member", "vertex", _attrs([
                ("for_each", Raw("toset(" + json.dumps(roles) + ")")), ("project", Raw("var.project_id")),
                ("role", Raw("each.value")),
                ("member", Raw('"serviceAccount:${google_service_account.vertex.email}"'))]), len(roles))
            if self.st.rng.random() < 0.15:
                self.res("iam.tf", "google_service_account_key", "vertex", _attrs([
                    ("service_account_id", Raw("google_service_account.vertex.name"))]))
        return "google_service_account.vertex.email"

    def bucket(self) -> str:
        if "bucket" not in self.made:
            self.made.add("bucket")
            st = self.st
            body = _attrs([
                ("name", Raw('"${var.project_id}-${local.prefix}-data"')), ("location", Raw("upper(var.region)")),
                ("uniform_bucket_level_access", self.v.maybe("bucket_uniform_access", st.pick(True, False, None), "bool")),
                ("public_access_prevention", st.pick("enforced", "inherited", None)),
                ("force_destroy", False), ("labels", Raw("local.labels"))])
            key = self.key_or_none("bucket") if st.rng.random() < 0.5 else None
            if key is not None:
                body += f"\n  encryption {{\n    default_kms_key_name = {_hcl(key)}\n  }}\n"
            body += f"\n  versioning {{\n    enabled = {_hcl(st.pick(True, False, p_unset=0))}\n  }}\n"
            self.res("storage.tf", "google_storage_bucket", "data", body)
            for i in range(st.rng.choice((1, 1, 2))):
                member = st.pick('"serviceAccount:${google_service_account.vertex.email}"', '"allUsers"',
                                 p_unset=0, p_secure=0.8)
                if "google_service_account" in member:
                    self.service_account()
                self.res("storage.tf", "google_storage_bucket_iam_member", f"reader_{i}", _attrs([
                    ("bucket", Raw("google_storage_bucket.data.name")), ("role", "roles/storage.objectViewer"),
                    ("member", Raw(member))]))
        return "google_storage_bucket.data"

    def network(self) -> str:
        return 'projects/${data.google_project.this.number}/global/networks/${var.network}'


def tf_serving(t: TfGcp) -> None:
    st = t.st
    private = t.v.maybe("endpoint_private", st.pick(True, False, p_unset=0), "bool")
    body = _attrs([
        ("name", str(st.rng.randrange(10**9, 10**10))), ("display_name", Raw('"${local.prefix}-endpoint"')),
        ("location", Raw("var.region")), ("region", Raw("var.region")),
        ("network", Raw(f'"{t.network()}"') if private is True else None), ("labels", Raw("local.labels"))])
    if isinstance(private, Raw):  # the choice went through a variable
        body = body.replace('  labels', f'  network      = var.endpoint_private ? "{t.network()}" : null\n  labels', 1)
    t.res("vertex.tf", "google_vertex_ai_endpoint", "main", body + t.encryption_spec("endpoint"), beta=t.beta())
    bucket = t.bucket()
    t.res("vertex.tf", "google_vertex_ai_index", "docs", _attrs([
        ("display_name", Raw('"${local.prefix}-docs"')), ("region", Raw("var.region")),
        ("index_update_method", st.rng.choice(("BATCH_UPDATE", "STREAM_UPDATE")))])
        + f'\n  metadata {{\n    contents_delta_uri = "gs://${{{bucket}.name}}/index"\n    config {{\n'
          "      dimensions                  = 768\n      approximate_neighbors_count = 150\n"
          '      distance_measure_type       = "DOT_PRODUCT_DISTANCE"\n      algorithm_config {\n'
          "        tree_ah_config {}\n      }\n    }\n  }\n" + t.encryption_spec("index"))
    public = st.pick(False, True, None)
    t.res("vertex.tf", "google_vertex_ai_index_endpoint", "docs", _attrs([
        ("display_name", Raw('"${local.prefix}-docs"')), ("region", Raw("var.region")),
        ("public_endpoint_enabled", public),
        ("network", Raw(f'"{t.network()}"') if public is not True and st.rng.random() < 0.7 else None)])
        + t.encryption_spec("index_endpoint"))


def tf_data(t: TfGcp) -> None:
    st = t.st
    t.res("vertex.tf", "google_vertex_ai_dataset", "docs", _attrs([
        ("display_name", Raw('"${local.prefix}-docs"')), ("region", Raw("var.region")),
        ("metadata_schema_uri", "gs://google-cloud-aiplatform/schema/dataset/metadata/text_1.0.0.yaml")])
        + t.encryption_spec("dataset"), beta=t.beta())
    if st.rng.random() < 0.7:
        t.res("vertex.tf", "google_vertex_ai_featurestore", "main", _attrs([
            ("name", Raw('replace("${local.prefix}_features", "-", "_")')), ("region", Raw("var.region")),
            ("force_destroy", True), ("labels", Raw("local.labels"))])
            + f"\n  online_serving_config {{\n    fixed_node_count = {st.rng.choice((1, 2))}\n  }}\n"
            + t.encryption_spec("featurestore"), beta=t.beta())
    t.res("vertex.tf", "google_vertex_ai_tensorboard", "main", _attrs([
        ("display_name", Raw('"${local.prefix}-experiments"')), ("region", Raw("var.region"))])
        + t.encryption_spec("tensorboard"), beta=t.beta())
    if st.rng.random() < 0.6:
        t.res("vertex.tf", "google_vertex_ai_metadata_store", "main", _attrs([
            ("name", Raw('"${local.prefix}-metadata"')), ("description", "lineage of the app's models"),
            ("region", Raw("var.region"))]) + t.encryption_spec("metadata"), beta=t.beta())
    t.bucket()


def _workbench_body(t: TfGcp, name_expr: str, values: dict) -> str:
    st = t.st
    body = _attrs([("name", Raw(name_expr)), ("location", Raw('"${var.region}-a"')),
                   ("labels", Raw("local.labels"))])
    body += (f"\n  gce_setup {{\n    machine_type = {json.dumps(st.rng.choice(('n1-standard-4', 'e2-standard-8', 'g2-standard-8')))}\n"
             + (f"    disable_public_ip = {_hcl(values['no_public_ip'])}\n" if values["no_public_ip"] is not None else "")
             + f"\n    service_accounts {{\n      email = {t.service_account()}\n    }}\n"
             "\n    boot_disk {\n      disk_size_gb = 150\n"
             + (f'      disk_encryption = "CMEK"\n      kms_key         = {_hcl(values["boot_key"])}\n'
                if values["boot_key"] is not None else "") + "    }\n")
    if values["data_disk"]:
        body += ("\n    data_disks {\n      disk_size_gb = 100\n"
                 + (f'      disk_encryption = "CMEK"\n      kms_key         = {_hcl(values["data_key"])}\n'
                    if values["data_key"] is not None else "") + "    }\n")
    if values["shielded"] is not None:
        body += ("\n    shielded_instance_config {\n      enable_secure_boot          = true\n"
                 f"      enable_vtpm                 = {_hcl(values['shielded'])}\n"
                 f"      enable_integrity_monitoring = {_hcl(values['shielded'])}\n    }}\n")
    body += ("\n    network_interfaces {\n      network = var.network_self_link\n      subnet  = var.subnet_self_link\n    }\n  }\n")
    return body


def tf_workbench(t: TfGcp, shared_module_ok: bool) -> None:
    st = t.st
    values = {"no_public_ip": st.pick(True, False, None), "boot_key": t.key_or_none("workbench_boot"),
              "data_disk": st.rng.random() < 0.6, "data_key": t.key_or_none("workbench_data"),
              "shielded": st.pick(True, False, None)}
    mode = st.rng.choices(("for_each", "single", "module"), weights=(3, 2, 2 if shared_module_ok else 0))[0]
    if mode == "module":
        t.files["notebooks.tf"].append(_block("module", ["workbench"], _attrs([
            ("source", "../../modules/vertex-workbench"), ("name", Raw('"${local.prefix}-workbench"')),
            ("location", Raw('"${var.region}-a"')), ("service_account", Raw(t.service_account())),
            ("kms_key", values["boot_key"]), ("disable_public_ip", values["no_public_ip"]),
            ("network", Raw("var.network_self_link")), ("subnet", Raw("var.subnet_self_link"))])))
        st.add("google_workbench_instance")
        return
    if mode == "single":
        t.res("notebooks.tf", "google_workbench_instance", "main", _workbench_body(t, '"${local.prefix}-workbench"', values))
        return
    users = st.rng.sample(USERS, st.rng.choice((2, 3, 4)))
    t.v.add("workbench_users", "set(string)", users, "One Workbench instance per data scientist.")
    t.res("notebooks.tf", "google_workbench_instance", "user",
          "  for_each = var.workbench_users\n\n" + _workbench_body(t, '"${local.prefix}-${each.key}"', values)
          .replace('  labels', '  instance_owners = ["${each.key}@example.com"]\n  labels', 1), len(users))


def tf_notebooks(t: TfGcp, shared_module_ok: bool) -> None:
    st = t.st
    if st.rng.random() < 0.7:
        n = st.rng.choice((1, 2, 3))
        t.v.add("legacy_notebook_count", "number", n)
        cmek = st.pick(True, False, None)
        key = t.key_or_none("notebook") if cmek is not False or st.rng.random() < 0.3 else None
        body = ("  count = var.legacy_notebook_count\n\n" + _attrs([
            ("name", Raw('"${local.prefix}-nb-${count.index}"')), ("location", Raw('"${var.region}-b"')),
            ("machine_type", st.rng.choice(("e2-medium", "n1-standard-4"))),
            ("service_account", Raw(t.service_account())),
            ("no_public_ip", t.v.maybe("notebook_no_public_ip", st.pick(True, False, None), "bool")),
            ("no_proxy_access", st.pick(False, True, None)),
            ("disk_encryption", {True: "CMEK", False: "GMEK", None: None}[cmek]),
            ("kms_key", key if cmek is not False or key is not None else None),
            ("network", Raw("var.network_self_link")), ("subnet", Raw("var.subnet_self_link"))])
            + '\n  vm_image {\n    project      = "deeplearning-platform-release"\n    image_family = "tf-latest-cpu"\n  }\n')
        shielded = st.pick(True, False, None)
        if shielded is not None:
            body += ("\n  shielded_instance_config {\n    enable_secure_boot          = true\n"
                     f"    enable_vtpm                 = {_hcl(shielded if st.rng.random() < 0.8 else not shielded)}\n"
                     f"    enable_integrity_monitoring = {_hcl(shielded)}\n  }}\n")
        t.res("notebooks.tf", "google_notebooks_instance", "legacy", body, n, beta=t.beta())
    if st.rng.random() < 0.5:
        key = t.key_or_none("runtime")
        internal = st.pick(True, False, None)
        t.res("notebooks.tf", "google_notebooks_runtime", "shared", _attrs([
            ("name", Raw('"${local.prefix}-runtime"')), ("location", Raw("var.region"))])
            + '\n  access_config {\n    access_type   = "SINGLE_USER"\n    runtime_owner = "analyst@example.com"\n  }\n'
            "\n  virtual_machine {\n    virtual_machine_config {\n      machine_type     = \"n1-standard-4\"\n"
            + (f"      internal_ip_only = {_hcl(internal)}\n" if internal is not None else "")
            + ("      network          = var.network_self_link\n      subnet           = var.subnet_self_link\n"
               if internal else "")
            + (f"\n      encryption_config {{\n        kms_key = {_hcl(key)}\n      }}\n" if key is not None else "")
            + '\n      data_disk {\n        initialize_params {\n          disk_size_gb = "100"\n'
              '          disk_type    = "PD_STANDARD"\n        }\n      }\n    }\n  }\n')
    tf_workbench(t, shared_module_ok)


def terraform_stack(st: Stack, shared_module_ok: bool = True) -> None:
    t = TfGcp(st)
    t.files["main.tf"].append(
        'terraform {\n  required_version = ">= 1.6"\n  required_providers {\n'
        '    google = {\n      source  = "hashicorp/google"\n      version = "~> 6.20"\n    }\n'
        '    google-beta = {\n      source  = "hashicorp/google-beta"\n      version = "~> 6.20"\n    }\n  }\n}\n\n'
        'provider "google" {\n  project = var.project_id\n  region  = var.region\n}\n\n'
        'provider "google-beta" {\n  project = var.project_id\n  region  = var.region\n}\n\n'
        'data "google_project" "this" {\n  project_id = var.project_id\n}\n')
    t.files["locals.tf"].append(
        f'locals {{\n  prefix = "${{var.app}}-${{var.environment}}"\n  labels = {{\n    app         = var.app\n'
        f'    environment = var.environment\n    owner       = "{st.path.split("/")[-2]}"\n  }}\n}}\n')
    t.v.add("project_id", "string", f"acme-{st.path.split('/')[-2]}-{st.env}")
    t.v.add("app", "string", st.prefix.rsplit("-", 1)[0])
    t.v.add("environment", "string", st.env)
    t.v.add("region", "string", st.region)
    t.v.add("network", "string", f"vpc-{st.env}")
    t.v.add("network_self_link", "string", f"projects/acme-net-{st.env}/global/networks/vpc-{st.env}")
    t.v.add("subnet_self_link", "string", f"projects/acme-net-{st.env}/regions/{st.region}/subnetworks/ml")
    if st.shape in ("serving", "rag"):
        tf_serving(t)
    if st.shape == "data":
        tf_data(t)
    if st.shape == "rag":
        t.res("vertex.tf", "google_vertex_ai_dataset", "docs", _attrs([
            ("display_name", Raw('"${local.prefix}-docs"')), ("region", Raw("var.region")),
            ("metadata_schema_uri", "gs://google-cloud-aiplatform/schema/dataset/metadata/text_1.0.0.yaml")])
            + t.encryption_spec("dataset"))
        tf_workbench(t, shared_module_ok)
    if st.shape == "notebooks":
        tf_notebooks(t, shared_module_ok)
    t.files["variables.tf"] = t.v.decls
    for name, blocks in t.files.items():
        if blocks:
            st.files[name] = "\n".join(blocks)


def terraform_shared_module() -> dict[str, str]:
    """modules/vertex-workbench: called by some stacks (module.workbench.google_workbench_instance.this)."""
    variables = (("name", "string", None), ("location", "string", None), ("service_account", "string", None),
                 ("network", "string", None), ("subnet", "string", None), ("kms_key", "string", "null"),
                 ("disable_public_ip", "bool", "true"), ("machine_type", "string", '"n1-standard-4"'))
    return {
        "variables.tf": "\n".join(_block("variable", [n], f"  type    = {t}\n" + (f"  default = {d}\n" if d else ""))
                                  for n, t, d in variables),
        "main.tf": _block("resource", ["google_workbench_instance", "this"], _attrs([
            ("name", Raw("var.name")), ("location", Raw("var.location"))])
            + "\n  gce_setup {\n    machine_type      = var.machine_type\n    disable_public_ip = var.disable_public_ip\n"
              "\n    service_accounts {\n      email = var.service_account\n    }\n"
              "\n    boot_disk {\n      disk_encryption = var.kms_key == null ? \"GMEK\" : \"CMEK\"\n"
              "      kms_key         = var.kms_key\n    }\n"
              "\n    shielded_instance_config {\n      enable_secure_boot          = true\n      enable_vtpm                 = true\n"
              "      enable_integrity_monitoring = true\n    }\n"
              "\n    network_interfaces {\n      network = var.network\n      subnet  = var.subnet\n    }\n  }\n"),
        "outputs.tf": 'output "proxy_uri" {\n  value = google_workbench_instance.this.proxy_uri\n}\n',
    }
