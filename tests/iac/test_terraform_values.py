"""Terraform values as Terraform computes them: variables converted to their declared `type`
(with `optional(T, default)` filled in), `nullable = false`, `for` filters that are unknown,
one member in error, and chained conditionals."""

from __future__ import annotations

import textwrap
from pathlib import Path

from aispm.iac.terraform.hcl import parse_hcl
from aispm.iac.terraform.source import TerraformSource
from aispm.model import Unknown
from aispm.source import SourceContext


def _load(root: Path, files: dict[str, str]):
    for name, text in files.items():
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(text))
    src = TerraformSource()
    paths = sorted(p for p in root.rglob("*") if p.is_file() and src.claims(p))
    return src.load(paths, SourceContext(root=root))


def _tags(root: Path, main: str, **others: str) -> dict:
    """The `tags` of the one storage account the configuration declares (a free-form map
    the row keeps as written, so it shows exactly what the expression evaluated to)."""
    files = {"main.tf": main, **{k.replace("__", "/") + ".tf": v for k, v in others.items()}}
    result = _load(root, files)
    assert result.errors == [], result.errors
    (acct,) = [a for a in result.assets if a.type == "Microsoft.Storage/storageAccounts"]
    return acct.properties["tags"]


ACCOUNT = """
resource "azurerm_storage_account" "sa" {
  name                     = "sa"
  resource_group_name      = "rg"
  location                 = "eastus"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  tags                     = %s
}
"""


def test_optional_attributes_take_their_defaults_recursively(tmp_path):
    tags = _tags(tmp_path, """
        module "m" {
          source = "./m"
          settings = {
            name    = "a"
            network = { allowed = ["10.0.0.0/8"] }
            extra   = "dropped"
          }
        }
        """, m__main="""
        variable "settings" {
          type = object({
            name          = string
            public        = optional(bool, false)
            local_auth    = optional(string)
            capacity      = optional(number, 150)
            network = optional(object({
              default_action = optional(string, "Deny")
              allowed        = optional(list(string), [])
            }), {})
          })
        }
        """ + ACCOUNT % """{
            public  = jsonencode(var.settings.public)
            auth    = jsonencode(var.settings.local_auth)
            cap     = jsonencode(var.settings.capacity)
            action  = var.settings.network.default_action
            allowed = jsonencode(var.settings.network.allowed)
            keys    = join(",", keys(var.settings))
          }""")
    assert tags == {"public": "false", "auth": "null", "cap": "150", "action": "Deny",
                    "allowed": '["10.0.0.0/8"]', "keys": "capacity,local_auth,name,network,public"}


def test_an_absent_optional_object_gets_its_default_filled(tmp_path):
    tags = _tags(tmp_path, """
        variable "cfg" {
          type = object({
            network = optional(object({ default_action = optional(string, "Deny") }), {})
          })
          default = {}
        }
        """ + ACCOUNT % "{ action = var.cfg.network.default_action }")
    assert tags == {"action": "Deny"}


def test_primitive_and_collection_types_convert(tmp_path):
    tags = _tags(tmp_path, """
        variable "n" {
          type    = number
          default = "150"
        }
        variable "flags" {
          type    = map(bool)
          default = { a = "true" }
        }
        """ + ACCOUNT % "{ n = jsonencode(var.n), a = jsonencode(var.flags.a) }")
    assert tags == {"n": "150", "a": "true"}


def test_nullable_false_with_null_takes_the_default(tmp_path):
    tags = _tags(tmp_path, """
        module "m" {
          source   = "./m"
          strict   = null
          loose    = null
        }
        """, m__main="""
        variable "strict" {
          type     = string
          default  = "Disabled"
          nullable = false
        }
        variable "loose" {
          type    = string
          default = "Disabled"
        }
        """ + ACCOUNT % "{ strict = var.strict, loose = jsonencode(var.loose) }")
    assert tags == {"strict": "Disabled", "loose": "null"}


def test_unknown_for_filter_keeps_the_element_and_its_siblings(tmp_path):
    result = _load(tmp_path, {"main.tf": """
        variable "acls" {}

        resource "azapi_resource" "account" {
          type      = "Microsoft.CognitiveServices/accounts@2024-10-01"
          name      = "oai"
          parent_id = "/subscriptions/0000/resourceGroups/rg"
          location  = "eastus"
          body = {
            kind = "OpenAI"
            properties = { for k, v in {
              networkAcls         = var.acls
              publicNetworkAccess = "Disabled"
              disableLocalAuth    = true
              restrictOutboundNetworkAccess = null
            } : k => v if v != null }
          }
        }
        """})
    assert result.errors == []
    (acct,) = result.assets
    props = acct.properties["properties"]
    assert props["publicNetworkAccess"] == "Disabled" and props["disableLocalAuth"] is True
    assert isinstance(props["networkAcls"], Unknown)
    assert "restrictOutboundNetworkAccess" not in props


def test_one_member_in_error_leaves_its_siblings_known(tmp_path):
    result = _load(tmp_path, {"main.tf": """
        locals {
          cfg = { a = "x" }
        }
        """ + ACCOUNT % '{ bad = local.cfg.missing, good = "kept", fallback = try(local.cfg.missing, "d") }'})
    (acct,) = result.assets
    tags = acct.properties["tags"]
    assert tags["good"] == "kept" and tags["fallback"] == "d"
    assert isinstance(tags["bad"], Unknown)
    # the member in error is reported, with its attribute
    assert [(e.file, e.message) for e in result.errors] == [("main.tf", "tags.bad: no attribute missing")]


def test_try_still_falls_back_for_an_object_with_a_member_in_error(tmp_path):
    tags = _tags(tmp_path, """
        locals {
          cfg = { a = "x" }
          t   = try({ a = local.cfg.missing, b = "b" }, { fell = "back" })
        }
        """ + ACCOUNT % "local.t")
    assert tags == {"fell": "back"}


def test_chained_conditionals_are_right_associative():
    attrs = parse_hcl(b"x = a ? 1 : b ? 2 : 3\nw = (a ? 1 : b) ? 2 : 3\n").attrs
    assert attrs["x"][0] == ("cond", ("ref", "a", []), ("lit", 1), ("cond", ("ref", "b", []), ("lit", 2), ("lit", 3)))
    assert attrs["w"][0][1][0] == "cond"  # parentheses keep their meaning


def test_chained_conditional_picks_the_branch_terraform_picks(tmp_path):
    tags = _tags(tmp_path, """
        locals {
          mode = "b"
          pna  = local.mode == "a" ? "Enabled" : local.mode == "b" ? "Disabled" : "SecuredByPerimeter"
        }
        """ + ACCOUNT % "{ pna = local.pna }")
    assert tags == {"pna": "Disabled"}
