"""Registry and git modules, read where `terraform init` put them (`.terraform/modules/modules.json`).

A non-local module is read from the `Dir` the manifest names for its key path (`a.b`), only inside
the scan's roots; without the manifest (or an entry, or a directory) it is unresolved — a warning
names it and why, and its outputs are unknown. Files under `.terraform/` are read once, as modules
of their caller, never as roots of their own.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from aispm.iac.terraform.source import TerraformSource
from aispm.model import Unknown
from aispm.scan import ScanOptions, scan
from aispm.source import SourceContext

ACCOUNT = """
variable "name" {}
resource "azurerm_cognitive_account" "this" {
  name                = var.name
  location            = "swedencentral"
  resource_group_name = "rg"
  kind                = "OpenAI"
  sku_name            = "S0"
  local_auth_enabled  = false
}
output "account_id" { value = azurerm_cognitive_account.this.id }
"""

ROOT = """
module "oai" {
  source  = "Azure/openai/azurerm"
  version = "0.1.5"
  name    = "oai-reg"
}
resource "azurerm_role_assignment" "r" {
  scope                = module.oai.account_id
  role_definition_name = "Reader"
  principal_id         = "00000000-0000-0000-0000-000000000001"
}
"""


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(text))
    return root


def manifest(*entries: dict) -> str:
    return json.dumps({"Modules": [{"Key": "", "Source": "", "Dir": "."}, *entries]})


def entry(key: str, d: str | None = None, source: str = "registry.terraform.io/Azure/openai/azurerm") -> dict:
    e = {"Key": key, "Source": source, "Version": "0.1.5"}
    if d is not None:
        e["Dir"] = d
    return e


def load(root: Path):
    """The Terraform source on the files a scan walks (`.terraform` skipped), confined to `root`."""
    src = TerraformSource()
    files = sorted(p for p in root.rglob("*") if p.is_file() and src.claims(p) and ".terraform" not in p.parts)
    return src.load(files, SourceContext(root=root, roots=(str(root.resolve()),)))


def by_address(r) -> dict:
    return {a.origin.address: a for a in r.assets}


def test_nested_registry_modules_are_read_from_the_manifest(tmp_path):
    root = write(tmp_path / "infra", {
        "main.tf": ROOT,
        ".terraform/modules/oai/main.tf": ACCOUNT + """
            module "inner" {
              source = "Azure/inner/azurerm"
              name   = "${var.name}-inner"
            }
            module "local" {
              source = "./modules/sub"
              name   = "${var.name}-sub"
            }
        """,
        ".terraform/modules/oai/modules/sub/main.tf": ACCOUNT,
        ".terraform/modules/oai.inner/main.tf": ACCOUNT,
        ".terraform/modules/modules.json": manifest(entry("oai", ".terraform/modules/oai"),
                                                    entry("oai.inner", ".terraform/modules/oai.inner"),
                                                    entry("oai.local", ".terraform/modules/oai/modules/sub",
                                                          "./modules/sub")),
    })
    r = load(root)
    assert r.errors == [] and r.warnings == []
    a = by_address(r)
    assert sorted(a) == ["azurerm_role_assignment.r", "module.oai.azurerm_cognitive_account.this",
                         "module.oai.module.inner.azurerm_cognitive_account.this",
                         "module.oai.module.local.azurerm_cognitive_account.this"]
    acct = a["module.oai.azurerm_cognitive_account.this"]
    assert acct.name == "oai-reg" and acct.uid == "terraform:.:module.oai.azurerm_cognitive_account.this"
    assert acct.origin.file == ".terraform/modules/oai/main.tf" and acct.origin.line == 3
    assert a["module.oai.module.inner.azurerm_cognitive_account.this"].name == "oai-reg-inner"
    assert a["module.oai.module.local.azurerm_cognitive_account.this"].name == "oai-reg-sub"
    # the module's output resolves to the account, as a local module's does
    assert a["azurerm_role_assignment.r"].properties["scope"] == acct.uid


def test_a_registry_module_with_count_uses_the_key_without_index(tmp_path):
    root = write(tmp_path / "infra", {
        "main.tf": """
            module "oai" {
              count  = 2
              source = "Azure/openai/azurerm"
              name   = "oai-${count.index}"
            }
        """,
        ".terraform/modules/oai/main.tf": ACCOUNT,
        ".terraform/modules/modules.json": manifest(entry("oai", ".terraform/modules/oai")),
    })
    r = load(root)
    assert sorted(a.name for a in r.assets) == ["oai-0", "oai-1"]
    assert "module.oai[1].azurerm_cognitive_account.this" in by_address(r)


def test_without_the_manifest_a_registry_module_is_a_warning_and_its_outputs_unknown(tmp_path):
    root = write(tmp_path / "infra", {"main.tf": ROOT, "modules/unused/main.tf": "# nothing\n"})
    r = load(root)
    assert r.errors == []
    (w,) = r.warnings
    assert w.startswith("main.tf:2: module.oai is not a local module") and "terraform init" in w and "not scanned" in w
    ra = by_address(r)["azurerm_role_assignment.r"]
    assert isinstance(ra.properties["scope"], Unknown) and "module.oai" in ra.properties["scope"].reason


def test_a_module_the_manifest_does_not_list_or_lists_without_a_directory_is_a_warning(tmp_path):
    root = write(tmp_path / "a", {
        "main.tf": ROOT + '\nmodule "nodir" {\n  source = "Azure/x/azurerm"\n}\n'
                          'module "gone" {\n  source = "Azure/y/azurerm"\n}\n',
        ".terraform/modules/modules.json": manifest(entry("nodir"), entry("gone", ".terraform/modules/gone")),
    })
    r = load(root)
    assert r.errors == []
    text = "\n".join(r.warnings)
    assert "module.oai is not a local module and was not read: not listed in .terraform/modules/modules.json" in text
    assert "module.nodir is not a local module and was not read: listed in .terraform/modules/modules.json without a directory" in text
    assert "module.gone is not a local module and was not read: the directory" in text and "does not exist" in text
    assert len(r.warnings) == 3


def test_a_manifest_dir_outside_the_roots_is_not_read(tmp_path):
    write(tmp_path / "elsewhere", {"main.tf": ACCOUNT})
    root = write(tmp_path / "infra", {
        "main.tf": ROOT,
        ".terraform/modules/modules.json": manifest(entry("oai", "../../elsewhere")),
    })
    r = load(root)
    assert [a.origin.address for a in r.assets] == ["azurerm_role_assignment.r"]
    (err,) = r.errors
    assert err.file == "main.tf" and err.line == 2 and "outside the scanned roots" in err.message
    assert "elsewhere" not in err.message


def test_a_manifest_dir_through_a_symlink_out_of_the_roots_is_not_read(tmp_path):
    write(tmp_path / "elsewhere", {"main.tf": ACCOUNT})
    root = write(tmp_path / "infra", {
        "main.tf": ROOT,
        ".terraform/modules/modules.json": manifest(entry("oai", ".terraform/modules/oai")),
    })
    (root / ".terraform" / "modules" / "oai").symlink_to(tmp_path / "elsewhere")
    r = load(root)
    assert [a.origin.address for a in r.assets] == ["azurerm_role_assignment.r"]
    assert len(r.errors) == 1 and "outside the scanned roots" in r.errors[0].message


def test_a_broken_manifest_is_an_error_with_its_line_and_the_module_unresolved(tmp_path):
    root = write(tmp_path / "infra", {
        "main.tf": ROOT,
        ".terraform/modules/oai/main.tf": ACCOUNT,
        ".terraform/modules/modules.json": '{"Modules": [\n  {"Key": "oai",\n  "Dir": }\n]}',
    })
    r = load(root)
    (err,) = r.errors
    assert err.file == ".terraform/modules/modules.json" and err.line == 3 and "invalid module manifest" in err.message
    assert [a.origin.address for a in r.assets] == ["azurerm_role_assignment.r"]
    assert len(r.warnings) == 1 and "module.oai" in r.warnings[0]
    wrong = write(tmp_path / "wrong", {"main.tf": ROOT, ".terraform/modules/modules.json": '{"Modules": {"oai": 1}}'})
    r = load(wrong)
    assert len(r.errors) == 1 and "`Modules` is an object" in r.errors[0].message


def test_files_under_dot_terraform_are_read_once_as_modules_of_their_caller(tmp_path):
    root = write(tmp_path / "infra", {
        "main.tf": ROOT,
        ".terraform/modules/oai/main.tf": ACCOUNT,
        ".terraform/modules/modules.json": manifest(entry("oai", ".terraform/modules/oai")),
    })
    (root / ".git").mkdir()
    result = scan([root], ScanOptions(vulnerabilities=False))
    addresses = sorted(a.origin.address for a in result.assets if a.origin.format == "terraform")
    assert addresses == ["azurerm_role_assignment.r", "module.oai.azurerm_cognitive_account.this"]
    assert not any(a.uid.startswith("terraform:.terraform/") for a in result.assets)
    assert {f.status.value for f in result.findings if f.rule_id == "AISPM-AZ-001"} == {"pass"}
