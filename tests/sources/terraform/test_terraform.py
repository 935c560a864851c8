"""Tests of the Terraform source: parsing, evaluation, modules, mapping to the ARM shape."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest


from aispm.model import Kind, Unknown  # noqa: E402
from aispm.source import SourceContext  # noqa: E402
from aispm import registry  # noqa: E402
from aispm.iac.terraform.source import TerraformSource  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"
CHECKOV = Path(__file__).parents[2] / "conformance" / "checkov" / "terraform"


def load_dir(root: Path, var_files: tuple[Path, ...] = ()):
    """What the Terraform source gives a scan once the providers' folds ran (before facts):
    customer-managed keys, updates and outbound rules are in their targets' bodies."""
    src = TerraformSource()
    files = sorted(p for p in root.rglob("*") if p.is_file() and src.claims(p))
    result = src.load(files, SourceContext(root=root, var_files=var_files))
    for provider in registry.providers():
        for fold in provider.folds:
            fold(result.assets)
    return result


def load(tmp_path: Path, files: dict[str, str], **kw):
    for name, text in files.items():
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(text))
    return load_dir(tmp_path, **kw)


def by_address(result):
    return {a.origin.address: a for a in result.assets}


def one(tmp_path: Path, text: str):
    r = load(tmp_path, {"main.tf": text})
    assert r.errors == []
    assert len(r.assets) == 1, [a.uid for a in r.assets]
    return r.assets[0]


# --- claims ------------------------------------------------------------------


def test_claims():
    s = TerraformSource()
    assert s.claims(Path("a/main.tf"))
    assert s.claims(Path("terraform.tfvars"))
    assert s.claims(Path("x.auto.tfvars.json"))
    assert not s.claims(Path("main.bicep"))
    assert not s.claims(Path("x.json"))


# --- the basic fixture: variables, tfvars, locals, for_each, count, modules -------


def test_basic_fixture():
    r = load_dir(FIXTURES / "basic")
    assert r.errors == []
    a = by_address(r)
    acct = a["azurerm_cognitive_account.openai"]
    assert acct.uid == "terraform:main.tf:azurerm_cognitive_account.openai"
    assert acct.type == "Microsoft.CognitiveServices/accounts"
    assert acct.kind == Kind.AI_SERVICE
    assert acct.name == "ai-prod-oai"  # tfvars env = "prod", local prefix
    assert (acct.origin.line, acct.origin.end_line, acct.origin.format) == (12, 29, "terraform")
    uai = "terraform:main.tf:azurerm_user_assigned_identity.u"
    assert acct.properties == {
        "location": Unknown("azurerm_resource_group.rg is not declared in this module"),
        "kind": "OpenAI",
        "sku": {"name": "S0"},
        "identity": {"type": "SystemAssigned,UserAssigned", "userAssignedIdentities": {uai: {}}},
        "properties": {
            "publicNetworkAccess": "Disabled",
            "disableLocalAuth": True,
            "customSubDomainName": "ai-prodoai",
            "networkAcls": {"defaultAction": "Deny", "ipRules": [{"value": "1.2.3.4"}]},
        },
    }
    dep = a['azurerm_cognitive_deployment.d["gpt4o"]']
    assert dep.uid == 'terraform:main.tf:azurerm_cognitive_deployment.d["gpt4o"]'
    assert dep.parent == acct.uid
    assert dep.name == "gpt4o"
    assert dep.kind == Kind.MODEL_DEPLOYMENT
    assert dep.properties == {
        "sku": {"name": "Standard"},
        "properties": {"model": {"format": "OpenAI", "name": "gpt4o", "version": "2024-08-06"}},
    }
    assert a['azurerm_cognitive_deployment.d["mini"]'].properties["properties"]["model"]["version"] == "2024-07-18"
    # count + principal references
    ra0, ra1 = a["azurerm_role_assignment.ra[0]"], a["azurerm_role_assignment.ra[1]"]
    assert ra0.properties == {
        "scope": acct.uid,
        "properties": {
            "roleDefinitionName": "Cognitive Services OpenAI User",
            "principalId": acct.uid + "#identity",
        },
    }
    assert ra1.properties["properties"]["principalId"] == uai + "#identity"
    # module outside the scanned root: inputs and outputs
    search = a["module.m.azurerm_search_service.s"]
    assert search.uid == "terraform:.:module.m.azurerm_search_service.s"  # uid names the root module dir
    assert search.name == "ai-prod-search"
    pe = a["module.m.azurerm_private_endpoint.pe"]
    assert pe.properties["properties"]["privateLinkServiceConnections"][0]["properties"]["privateLinkServiceId"] == (
        acct.uid
    )
    diag = a["azurerm_monitor_diagnostic_setting.diag"]
    assert diag.properties == {
        "scope": search.uid,
        "properties": {
            "workspaceId": "/subscriptions/x/la",
            "logs": [{"categoryGroup": "allLogs", "enabled": True}],
            "metrics": [{"category": "AllMetrics", "enabled": True}],
        },
    }


def test_modules_fixture_roots_for_each_remote_and_cycle():
    r = load_dir(FIXTURES / "modules")
    assert r.errors == []
    a = by_address(r)
    # the called directories are not evaluated as roots (no duplicate assets)
    assert sorted(a) == sorted(
        [
            "azurerm_role_assignment.r",
            "module.ai.azurerm_search_service.s",
            "module.ai.azurerm_private_endpoint.pe",
            'module.many["a"].azurerm_search_service.s',
            'module.many["a"].azurerm_private_endpoint.pe',
            'module.many["b"].azurerm_search_service.s',
            'module.many["b"].azurerm_private_endpoint.pe',
            "module.loop.azurerm_user_assigned_identity.id",
        ]
    )
    assert a['module.many["b"].azurerm_search_service.s'].name == "m-b-search"
    plsid = a['module.many["a"].azurerm_private_endpoint.pe'].properties["properties"][
        "privateLinkServiceConnections"
    ][0]["properties"]["privateLinkServiceId"]
    assert plsid == "terraform:.:module.ai.azurerm_search_service.s"
    # ARM id of an undeclared resource stays an ARM id
    pe = a["module.ai.azurerm_private_endpoint.pe"]
    assert pe.properties["properties"]["privateLinkServiceConnections"][0]["properties"][
        "privateLinkServiceId"
    ].startswith("/subscriptions/0000/")
    # registry module outputs are unknown
    scope = a["azurerm_role_assignment.r"].properties["scope"]
    assert isinstance(scope, Unknown) and "not a local module" in scope.reason


def test_module_dir_scanned_alone_is_a_root(tmp_path):
    r = load(tmp_path, {"main.tf": 'variable "n" {}\nresource "azurerm_search_service" "s" { name = var.n }\n'})
    assert r.assets[0].name == Unknown("variable n has no value")


# --- variables, tfvars, locals ------------------------------------------------------


def test_variable_precedence(tmp_path):
    r = load(
        tmp_path,
        {
            "main.tf": """
                variable "a" { default = "default" }
                variable "b" { default = "default" }
                variable "c" { default = "default" }
                variable "d" { default = "default" }
                resource "azurerm_search_service" "s" { name = join("-", [var.a, var.b, var.c, var.d]) }
            """,
            "terraform.tfvars": 'b = "tfvars"\nc = "tfvars"\nd = "tfvars"\n',
            "x.auto.tfvars.json": '{"c": "auto", "d": "auto"}',
            "dev.tfvars": 'a = "dev"\n',  # not auto-loaded
            "extra/prod.tfvars": 'd = "explicit"\n',
        },
        var_files=(tmp_path / "extra/prod.tfvars",),
    )
    assert r.errors == []
    assert r.assets[0].name == "default-tfvars-auto-explicit"


def test_locals_in_any_order_and_functions(tmp_path):
    a = one(
        tmp_path,
        """
        locals {
          name = format("%s-%03d", local.base, 7)
          base = upper(replace(local.raw, "_", "-"))
          raw  = "my_acct"
          tags = merge({ a = 1 }, { b = lookup(local.m, "k", "dflt") }, { c = coalesce("", null, "x") })
          m    = { k = "v" }
          list = concat(["a"], tolist(["b"]), [for s in ["c", "d"] : s if s != "d"])
          n    = length(toset(["x", "x", "y"])) + 2 * 3 - 1
          okk  = try(local.m.missing, "fallback")
          c1   = can(local.m.missing)
          s    = substr("abcdef", 1, 3)
          j    = jsonencode({ a = [1, true] })
          h    = <<-EOT
            line1
              line2
            EOT
        }
        resource "azurerm_search_service" "s" {
          name = local.name
          tags = {
            t = local.tags, l = local.list, n = local.n, try = local.okk, can = local.c1,
            s = local.s, j = local.j, h = local.h, num = tonumber("3"), b = tobool("true"), str = tostring(5)
          }
        }
        """,
    )
    assert a.name == "MY-ACCT-007"
    assert a.properties["tags"] == {
        "t": {"a": 1, "b": "v", "c": "x"},
        "l": ["a", "b", "c"],
        "n": 7,
        "try": "fallback",
        "can": False,
        "s": "bcd",
        "j": '{"a":[1,true]}',
        "h": "line1\n  line2\n",
        "num": 3,
        "b": True,
        "str": "5",
    }


def test_unknown_propagation(tmp_path):
    a = one(
        tmp_path,
        """
        variable "x" {}
        data "azurerm_client_config" "c" {}
        resource "azurerm_cognitive_account" "a" {
          name = "${var.x}-acct"
          kind = "OpenAI"
          public_network_access_enabled = var.x == "prod" ? false : true
          local_auth_enabled = var.x != "" && false
          custom_subdomain_name = data.azurerm_client_config.c.tenant_id
          tags = { k = foo(1), same = var.x ? "s" : "s" }
        }
        """,
    )
    assert a.name == Unknown("variable x has no value")
    p = a.properties["properties"]
    assert isinstance(p["publicNetworkAccess"], Unknown)
    assert p["disableLocalAuth"] is True  # `anything && false` is false
    assert isinstance(p["customSubDomainName"], Unknown)
    assert a.properties["tags"] == {"k": Unknown("function foo()"), "same": "s"}


def test_count_zero_and_unknown_count(tmp_path):
    r = load(
        tmp_path,
        {
            "main.tf": """
            variable "n" {}
            resource "azurerm_search_service" "none" {
              count = 0
              name  = "x"
            }
            resource "azurerm_search_service" "unk" {
              count = var.n
              name  = "s-${count.index}"
            }
            """
        },
    )
    a = by_address(r)
    assert list(a) == ["azurerm_search_service.unk"]
    assert isinstance(a["azurerm_search_service.unk"].name, Unknown)


def test_dynamic_blocks(tmp_path):
    a = one(
        tmp_path,
        """
        variable "rules" { default = ["1.1.1.1", "2.2.2.2"] }
        variable "unknown" {}
        resource "azurerm_monitor_diagnostic_setting" "d" {
          name = "d"
          target_resource_id = "/x"
          dynamic "enabled_log" {
            for_each = toset(["Audit", "RequestResponse"])
            content { category = enabled_log.value }
          }
          dynamic "metric" {
            for_each = var.unknown
            content { category = metric.value }
          }
        }
        """,
    )
    assert a.properties["properties"]["logs"] == [
        {"category": "Audit", "enabled": True},
        {"category": "RequestResponse", "enabled": True},
    ]
    assert isinstance(a.properties["properties"]["metrics"], Unknown)


# --- mapping of each type ----------------------------------------------------------


def test_provider_defaults_left_absent(tmp_path):
    a = one(tmp_path, 'resource "azurerm_cognitive_account" "a" {\n  name = "a"\n  kind = "OpenAI"\n}\n')
    assert a.properties == {"kind": "OpenAI", "properties": {}}


def test_cognitive_account_full(tmp_path):
    a = one(
        tmp_path,
        """
        resource "azurerm_cognitive_account" "a" {
          name = "a"
          kind = "OpenAI"
          sku_name = "S0"
          public_network_access_enabled = true
          local_auth_enabled = true
          outbound_network_access_restricted = true
          fqdns = ["x.example.com"]
          dynamic_throttling_enabled = false
          custom_subdomain_name = "sub"
          network_acls {
            default_action = "Allow"
            ip_rules = []
            virtual_network_rules { subnet_id = "/s/1" }
          }
          customer_managed_key {
            key_vault_key_id = "https://kv.vault.azure.net/keys/k1/v1"
            identity_client_id = "cid"
          }
          storage { storage_account_id = "/sa" }
        }
        """,
    )
    assert a.properties["properties"] == {
        "publicNetworkAccess": "Enabled",
        "disableLocalAuth": False,
        "customSubDomainName": "sub",
        "restrictOutboundNetworkAccess": True,
        "allowedFqdnList": ["x.example.com"],
        "dynamicThrottlingEnabled": False,
        "networkAcls": {"defaultAction": "Allow", "ipRules": [], "virtualNetworkRules": [{"id": "/s/1"}]},
        "encryption": {
            "keySource": "Microsoft.KeyVault",
            "keyVaultProperties": {
                "keyVaultUri": "https://kv.vault.azure.net/",
                "keyName": "k1",
                "keyVersion": "v1",
                "identityClientId": "cid",
            },
        },
        "userOwnedStorage": [{"resourceId": "/sa"}],
    }


def test_ai_services_kind(tmp_path):
    a = one(tmp_path, 'resource "azurerm_ai_services" "a" {\n  name = "a"\n  sku_name = "S0"\n}\n')
    assert a.type == "Microsoft.CognitiveServices/accounts"
    assert a.properties["kind"] == "AIServices"


def test_cmk_folding(tmp_path):
    r = load(
        tmp_path,
        {
            "main.tf": """
            resource "azurerm_cognitive_account" "a" {
              name = "a"
              kind = "OpenAI"
            }
            resource "azurerm_key_vault_key" "k" {
              name = "key1"
              key_vault_id = azurerm_key_vault.v.id
              key_type = "RSA"
            }
            resource "azurerm_key_vault" "v" {
              name = "v"
              sku_name = "premium"
              purge_protection_enabled = true
            }
            resource "azurerm_cognitive_account_customer_managed_key" "cmk" {
              cognitive_account_id = azurerm_cognitive_account.a.id
              key_vault_key_id     = azurerm_key_vault_key.k.id
            }
            """
        },
    )
    a = by_address(r)
    assert "azurerm_cognitive_account_customer_managed_key.cmk" not in a
    enc = a["azurerm_cognitive_account.a"].properties["properties"]["encryption"]
    assert enc["keySource"] == "Microsoft.KeyVault"
    assert enc["keyVaultProperties"]["keyName"] == "key1"
    key = a["azurerm_key_vault_key.k"]
    assert key.parent == "terraform:main.tf:azurerm_key_vault.v"
    assert a["azurerm_key_vault.v"].properties["properties"]["enablePurgeProtection"] is True


def test_deployment_and_rai_policy(tmp_path):
    r = load(
        tmp_path,
        {
            "main.tf": """
            resource "azurerm_cognitive_account" "a" {
              name = "acct"
              kind = "OpenAI"
            }
            resource "azurerm_cognitive_account_rai_policy" "p" {
              name = "strict"
              cognitive_account_id = azurerm_cognitive_account.a.id
              base_policy_name = "Microsoft.Default"
              mode = "Blocking"
              content_filter {
                name = "Hate"
                filter_enabled = true
                block_enabled = true
                severity_threshold = "High"
                source = "Prompt"
              }
            }
            resource "azurerm_cognitive_deployment" "d" {
              name = "gpt"
              cognitive_account_id = azurerm_cognitive_account.a.id
              rai_policy_name = azurerm_cognitive_account_rai_policy.p.name
              version_upgrade_option = "NoAutoUpgrade"
              model {
                format = "OpenAI"
                name = "gpt-4o"
                version = "2024-11-20"
              }
              sku {
                name = "GlobalStandard"
                capacity = 5
              }
            }
            """
        },
    )
    a = by_address(r)
    acct = "terraform:main.tf:azurerm_cognitive_account.a"
    p = a["azurerm_cognitive_account_rai_policy.p"]
    assert p.parent == acct
    assert p.properties["properties"] == {
        "basePolicyName": "Microsoft.Default",
        "mode": "Blocking",
        "contentFilters": [
            {"name": "Hate", "enabled": True, "blocking": True, "severityThreshold": "High", "source": "Prompt"}
        ],
    }
    d = a["azurerm_cognitive_deployment.d"]
    assert d.parent == acct
    assert d.properties == {
        "sku": {"name": "GlobalStandard", "capacity": 5},
        "properties": {
            "model": {"format": "OpenAI", "name": "gpt-4o", "version": "2024-11-20"},
            "raiPolicyName": "strict",
            "versionUpgradeOption": "NoAutoUpgrade",
        },
    }


def test_search_service(tmp_path):
    a = one(
        tmp_path,
        """
        resource "azurerm_search_service" "s" {
          name = "s"
          sku = "standard"
          public_network_access_enabled = false
          local_authentication_enabled = true
          authentication_failure_mode = "http403"
          allowed_ips = ["1.2.3.4"]
          replica_count = 3
          partition_count = 2
          semantic_search_sku = "free"
          customer_managed_key_enforcement_enabled = true
          identity { type = "SystemAssigned" }
        }
        """,
    )
    assert a.properties == {
        "sku": {"name": "standard"},
        "identity": {"type": "SystemAssigned"},
        "properties": {
            "publicNetworkAccess": "Disabled",
            "disableLocalAuth": False,
            "authOptions": {"aadOrApiKey": {"aadAuthFailureMode": "http403"}},
            "networkRuleSet": {"ipRules": [{"value": "1.2.3.4"}]},
            "replicaCount": 3,
            "partitionCount": 2,
            "semanticSearch": "free",
            "encryptionWithCmk": {"enforcement": "Enabled"},
        },
    }


def test_ml_workspace_hub_project_and_computes(tmp_path):
    r = load(
        tmp_path,
        {
            "main.tf": """
            resource "azurerm_machine_learning_workspace" "w" {
              name = "w"
              high_business_impact = true
              storage_account_id = azurerm_storage_account.sa.id
              key_vault_id = "/kv"
              application_insights_id = "/ai"
              container_registry_id = "/acr"
              primary_user_assigned_identity = "/uai"
              image_build_compute_name = "cc"
              v1_legacy_mode_enabled = false
              sku_name = "Basic"
              identity { type = "SystemAssigned" }
              encryption {
                key_vault_id = "/kv"
                key_id = "https://kv.vault.azure.net/keys/k/1"
              }
              managed_network { isolation_mode = "AllowOnlyApprovedOutbound" }
            }
            resource "azurerm_storage_account" "sa" {
              name = "sa"
              account_tier = "Standard"
              account_replication_type = "LRS"
            }
            resource "azurerm_ai_foundry" "hub" {
              name = "hub"
              public_network_access = "Disabled"
            }
            resource "azurerm_ai_foundry_project" "p" {
              name = "proj"
              ai_services_hub_id = azurerm_ai_foundry.hub.id
            }
            resource "azurerm_machine_learning_compute_cluster" "c" {
              name = "cc"
              machine_learning_workspace_id = azurerm_machine_learning_workspace.w.id
              vm_size = "STANDARD_DS2_V2"
              local_auth_enabled = false
              node_public_ip_enabled = false
              subnet_resource_id = "/subnet"
              scale_settings {
                min_node_count = 0
                max_node_count = 2
                scale_down_nodes_after_idle_duration = "PT30S"
              }
            }
            resource "azurerm_machine_learning_compute_instance" "i" {
              name = "ci"
              machine_learning_workspace_id = azurerm_machine_learning_workspace.w.id
              virtual_machine_size = "STANDARD_DS2_V2"
            }
            """
        },
    )
    a = by_address(r)
    w = a["azurerm_machine_learning_workspace.w"]
    assert w.properties["properties"] == {
        "hbiWorkspace": True,
        "storageAccount": "terraform:main.tf:azurerm_storage_account.sa",
        "keyVault": "/kv",
        "applicationInsights": "/ai",
        "containerRegistry": "/acr",
        "primaryUserAssignedIdentity": "/uai",
        "imageBuildCompute": "cc",
        "v1LegacyMode": False,
        "encryption": {
            "status": "Enabled",
            "keyVaultProperties": {"keyVaultArmId": "/kv", "keyIdentifier": "https://kv.vault.azure.net/keys/k/1"},
        },
        "managedNetwork": {"isolationMode": "AllowOnlyApprovedOutbound"},
    }
    assert "publicNetworkAccess" not in w.properties["properties"]
    assert w.properties["sku"] == {"name": "Basic"}
    hub, proj = a["azurerm_ai_foundry.hub"], a["azurerm_ai_foundry_project.p"]
    assert hub.properties["kind"] == "Hub" and hub.properties["properties"]["publicNetworkAccess"] == "Disabled"
    assert proj.properties["kind"] == "Project" and proj.kind == Kind.PROJECT
    assert proj.parent == hub.uid
    c = a["azurerm_machine_learning_compute_cluster.c"]
    assert c.parent == w.uid and c.kind == Kind.COMPUTE
    assert c.properties["properties"] == {
        "computeType": "AmlCompute",
        "disableLocalAuth": True,
        "properties": {
            "vmSize": "STANDARD_DS2_V2",
            "subnet": {"id": "/subnet"},
            "enableNodePublicIp": False,
            "scaleSettings": {"minNodeCount": 0, "maxNodeCount": 2, "nodeIdleTimeBeforeScaleDown": "PT30S"},
        },
    }
    assert a["azurerm_machine_learning_compute_instance.i"].properties["properties"]["computeType"] == (
        "ComputeInstance"
    )
    sa = a["azurerm_storage_account.sa"]
    assert sa.properties == {
        "kind": "StorageV2",
        "sku": {"name": "Standard_LRS"},
        "properties": {"allowBlobPublicAccess": True, "minimumTlsVersion": "TLS1_2"},
    }


def test_databricks(tmp_path):
    a = one(
        tmp_path,
        """
        resource "azurerm_databricks_workspace" "d" {
          name = "d"
          sku = "premium"
          public_network_access_enabled = false
          network_security_group_rules_required = "NoAzureDatabricksRules"
          infrastructure_encryption_enabled = true
          custom_parameters {
            no_public_ip = true
            virtual_network_id = "/vnet"
            public_subnet_name = "pub"
            private_subnet_name = "priv"
          }
        }
        """,
    )
    assert a.properties["properties"] == {
        "publicNetworkAccess": "Disabled",
        "requiredNsgRules": "NoAzureDatabricksRules",
        "parameters": {
            "customVirtualNetworkId": {"value": "/vnet"},
            "customPublicSubnetName": {"value": "pub"},
            "customPrivateSubnetName": {"value": "priv"},
            "enableNoPublicIp": {"value": True},
            "requireInfrastructureEncryption": {"value": True},
        },
    }


def test_storage_account_and_container(tmp_path):
    r = load(
        tmp_path,
        {
            "main.tf": """
            resource "azurerm_storage_account" "sa" {
              name = "sa1"
              account_kind = "BlockBlobStorage"
              account_tier = "Premium"
              account_replication_type = "ZRS"
              public_network_access_enabled = false
              allow_nested_items_to_be_public = false
              shared_access_key_enabled = false
              min_tls_version = "TLS1_2"
              infrastructure_encryption_enabled = true
              network_rules {
                default_action = "Deny"
                ip_rules = ["1.2.3.4"]
                bypass = ["AzureServices"]
              }
            }
            resource "azurerm_storage_container" "c" {
              name = "data"
              storage_account_name = azurerm_storage_account.sa.name
              container_access_type = "blob"
            }
            resource "azurerm_storage_container" "c2" {
              name = "data2"
              storage_account_id = azurerm_storage_account.sa.id
            }
            """
        },
    )
    a = by_address(r)
    sa = a["azurerm_storage_account.sa"]
    assert sa.properties == {
        "kind": "BlockBlobStorage",
        "sku": {"name": "Premium_ZRS"},
        "properties": {
            "publicNetworkAccess": "Disabled",
            "allowBlobPublicAccess": False,
            "allowSharedKeyAccess": False,
            "minimumTlsVersion": "TLS1_2",
            "networkAcls": {
                "defaultAction": "Deny",
                "bypass": "AzureServices",
                "ipRules": [{"value": "1.2.3.4", "action": "Allow"}],
            },
            "encryption": {"requireInfrastructureEncryption": True},
        },
    }
    c = a["azurerm_storage_container.c"]
    assert c.parent == sa.uid
    assert c.properties == {"properties": {"publicAccess": "Blob"}}
    assert a["azurerm_storage_container.c2"].parent == sa.uid


def test_key_vault_secret_value_not_kept(tmp_path):
    a = one(
        tmp_path,
        'resource "azurerm_key_vault_secret" "s" {\n  name = "pw"\n  value = "hunter2"\n  key_vault_id = "/kv"\n}\n',
    )
    assert a.properties == {"properties": {"value": Unknown("secret value")}}
    assert "hunter2" not in repr(a)


def test_private_endpoint_manual(tmp_path):
    a = one(
        tmp_path,
        """
        resource "azurerm_private_endpoint" "pe" {
          name = "pe"
          subnet_id = "/sub"
          private_service_connection {
            name = "m"
            private_connection_resource_id = "/acct"
            subresource_names = ["account"]
            is_manual_connection = true
          }
        }
        """,
    )
    assert a.properties["properties"] == {
        "subnet": {"id": "/sub"},
        "manualPrivateLinkServiceConnections": [
            {"name": "m", "properties": {"privateLinkServiceId": "/acct", "groupIds": ["account"]}}
        ],
    }


def test_diagnostic_legacy_log(tmp_path):
    a = one(
        tmp_path,
        """
        resource "azurerm_monitor_diagnostic_setting" "d" {
          name = "d"
          target_resource_id = "/acct"
          storage_account_id = "/sa"
          log {
            category = "Audit"
            enabled = false
          }
        }
        """,
    )
    assert a.properties == {
        "scope": "/acct",
        "properties": {"storageAccountId": "/sa", "logs": [{"category": "Audit", "enabled": False}]},
    }


def test_keys_and_app_settings(tmp_path):
    r = load(
        tmp_path,
        {
            "main.tf": """
            resource "azurerm_cognitive_account" "a" {
              name = "a"
              kind = "OpenAI"
            }
            resource "azurerm_linux_web_app" "w" {
              name = "w"
              public_network_access_enabled = false
              identity { type = "SystemAssigned" }
              app_settings = {
                KEY = azurerm_cognitive_account.a.primary_access_key
                ENDPOINT = azurerm_cognitive_account.a.endpoint
                PLAIN = "x"
              }
            }
            resource "azurerm_role_assignment" "r" {
              scope = azurerm_cognitive_account.a.id
              role_definition_id = "/providers/Microsoft.Authorization/roleDefinitions/5e0bd9bd-7b93-4f28-af87-19fc36ad61bd"
              principal_id = azurerm_linux_web_app.w.identity.0.principal_id
              principal_type = "ServicePrincipal"
            }
            """
        },
    )
    a = by_address(r)
    acct = "terraform:main.tf:azurerm_cognitive_account.a"
    w = a["azurerm_linux_web_app.w"]
    assert w.properties["kind"] == "app,linux"
    assert w.properties["properties"]["siteConfig"]["appSettings"] == [
        {"name": "KEY", "value": Unknown(f"key of {acct}")},
        {"name": "ENDPOINT", "value": Unknown("azurerm_cognitive_account.a.endpoint is known after apply")},
        {"name": "PLAIN", "value": "x"},
    ]
    ra = a["azurerm_role_assignment.r"].properties["properties"]
    assert ra["principalId"] == w.uid + "#identity"
    assert ra["principalType"] == "ServicePrincipal"
    assert ra["roleDefinitionId"].endswith("5e0bd9bd-7b93-4f28-af87-19fc36ad61bd")


def test_azapi_resource_and_update(tmp_path):
    r = load(
        tmp_path,
        {
            "main.tf": """
            resource "azurerm_cognitive_account" "a" {
              name = "a"
              kind = "OpenAI"
            }
            resource "azapi_resource" "proj" {
              type      = "Microsoft.CognitiveServices/accounts/projects@2025-04-01-preview"
              name      = "p1"
              parent_id = azurerm_cognitive_account.a.id
              location  = "eastus"
              identity { type = "SystemAssigned" }
              body = jsonencode({
                properties = { description = "d", unknown = var.nope }
              })
            }
            resource "azapi_update_resource" "u" {
              type        = "Microsoft.CognitiveServices/accounts@2024-10-01"
              resource_id = azurerm_cognitive_account.a.id
              body = {
                properties = { disableLocalAuth = true }
              }
            }
            """
        },
    )
    a = by_address(r)
    p = a["azapi_resource.proj"]
    assert p.type == "Microsoft.CognitiveServices/accounts/projects"
    assert p.kind == Kind.PROJECT
    assert p.parent == "terraform:main.tf:azurerm_cognitive_account.a"
    assert p.properties["apiVersion"] == "2025-04-01-preview"
    assert p.properties["identity"] == {"type": "SystemAssigned"}
    assert p.properties["properties"]["description"] == "d"
    assert isinstance(p.properties["properties"]["unknown"], Unknown)
    assert "azapi_update_resource.u" not in a
    assert a["azurerm_cognitive_account.a"].properties["properties"] == {"disableLocalAuth": True}


def test_data_source_existing(tmp_path):
    r = load(
        tmp_path,
        {
            "main.tf": """
            data "azurerm_cognitive_account" "x" {
              name = "shared"
              resource_group_name = "rg"
            }
            resource "azurerm_private_endpoint" "pe" {
              name = "pe"
              private_service_connection {
                name = "c"
                private_connection_resource_id = data.azurerm_cognitive_account.x.id
                is_manual_connection = false
              }
            }
            """
        },
    )
    a = by_address(r)
    d = a["data.azurerm_cognitive_account.x"]
    assert d.existing and d.name == "shared" and d.properties == {}
    conn = a["azurerm_private_endpoint.pe"].properties["properties"]["privateLinkServiceConnections"][0]
    assert conn["properties"]["privateLinkServiceId"] == d.uid


def test_unmapped_types_not_emitted(tmp_path):
    r = load(
        tmp_path,
        {
            "main.tf": """
            resource "azurerm_resource_group" "rg" { name = "rg" }
            resource "aws_sns_topic" "b" {}
            resource "azurerm_role_assignment" "r" {
              scope = azurerm_resource_group.rg.id
              principal_id = "p"
            }
            """
        },
    )
    assert [a.origin.address for a in r.assets] == ["azurerm_role_assignment.r"]
    # the resource group is not inventoried, but it is declared: its id is known and names it
    assert r.assets[0].properties["scope"] == "terraform:main.tf:azurerm_resource_group.rg"


# --- bad input ---------------------------------------------------------------------------


def test_invalid_hcl_reports_line_and_keeps_other_files(tmp_path):
    r = load(
        tmp_path,
        {
            "bad.tf": """
            resource "azurerm_search_service" "ok" {
              name = "ok"
            }

            resource "azurerm_search_service" "broken" {
              name = "x"
              sku = = "y"
            }
            """,
            "good.tf": 'resource "azurerm_search_service" "g" {\n  name = "g"\n}\n',
        },
    )
    assert len(r.errors) == 1
    err = r.errors[0]
    assert err.file == "bad.tf" and err.line == 8 and err.message.startswith("invalid HCL")
    assert sorted(a.origin.address for a in r.assets) == ["azurerm_search_service.g", "azurerm_search_service.ok"]


def test_non_utf8_and_oversized(tmp_path):
    (tmp_path / "bin.tf").write_bytes(b'resource "azurerm_search_service" "s" {\n name = "\xff"\n}\n')
    (tmp_path / "big.tf").write_text("# " + "x" * 2000 + "\n")
    src = TerraformSource()
    r = src.load(
        [tmp_path / "bin.tf", tmp_path / "big.tf"], SourceContext(root=tmp_path, max_file_size=1000)
    )
    assert r.assets == []
    msgs = sorted((e.file, e.line) for e in r.errors)
    assert msgs == [("big.tf", None), ("bin.tf", 2)]


def test_deeply_nested_expression(tmp_path):
    r = load(
        tmp_path,
        {"main.tf": "locals { x = " + "[" * 3000 + "]" * 3000 + ' }\nresource "azurerm_search_service" "s" { name = "s" }\n'},
    )
    assert [e.line for e in r.errors] == [1]
    assert [a.name for a in r.assets] == ["s"]


def test_symlinked_module_loop(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "main.tf").write_text(
        'module "again" {\n  source = "./link"\n}\nresource "azurerm_search_service" "s" { name = "s" }\n'
    )
    (tmp_path / "a" / "link").symlink_to(tmp_path / "a")
    r = TerraformSource().load([tmp_path / "a" / "main.tf"], SourceContext(root=tmp_path))
    assert [a.origin.address for a in r.assets] == ["azurerm_search_service.s"]


def test_duplicate_resource_is_reported(tmp_path):
    r = load(tmp_path, {"a.tf": 'resource "azurerm_search_service" "s" { name = "a" }\n',
                        "b.tf": '\nresource "azurerm_search_service" "s" { name = "b" }\n'})
    assert [(e.file, e.line) for e in r.errors] == [("b.tf", 2)]
    assert [a.name for a in r.assets] == ["a"]


def test_reference_cycle_is_unknown(tmp_path):
    a = one(
        tmp_path,
        'locals {\n  a = local.b\n  b = local.a\n}\nresource "azurerm_search_service" "s" { name = local.a }\n',
    )
    assert isinstance(a.name, Unknown)


# --- Checkov conformance fixtures parse cleanly ----------------------------------------------


@pytest.mark.parametrize(
    "case", sorted(p.name for p in CHECKOV.glob("CKV*_AZURE_*"))
)
def test_checkov_azure_fixtures_parse(case):
    r = load_dir(CHECKOV / case)
    assert r.errors == []
    assert r.assets, case
    for a in r.assets:
        assert a.origin.line >= 1 and a.origin.end_line >= a.origin.line


# --- performance ----------------------------------------------------------------------------------


def test_a_thousand_resources_over_four_files(tmp_path):
    block = """
resource "azurerm_cognitive_account" "a{f}_{i}" {{
  name = "${{local.p}}-{i}"
  kind = "OpenAI"
  sku_name = "S0"
  public_network_access_enabled = false
  local_auth_enabled = false
  network_acls {{
    default_action = "Deny"
    ip_rules = ["1.2.3.4"]
  }}
  identity {{ type = "SystemAssigned" }}
  tags = {{ env = var.env }}
}}
"""
    for f in range(4):
        text = 'variable "env" { default = "p" }\nlocals { p = "x-${var.env}" }\n'
        text = text if f == 0 else ""
        text += "".join(block.format(f=f, i=i) for i in range(250))
        (tmp_path / f"m{f}.tf").write_text(text)
    r = load_dir(tmp_path)  # speed is measured by benchmarks/iac_vs_checkov.py, not here
    assert len(r.assets) == 1000 and r.errors == []
    assert len({a.uid for a in r.assets}) == 1000


def test_same_module_called_by_two_roots_gives_two_assets(tmp_path):
    r = load(
        tmp_path,
        {
            "modules/acct/main.tf": """
            variable "keys" { default = false }
            resource "azurerm_cognitive_account" "this" {
              name = "x"
              kind = "OpenAI"
              sku_name = "S0"
              local_auth_enabled = var.keys
            }
            """,
            "a/main.tf": 'module "openai" {\n  source = "../modules/acct"\n  keys = true\n}\n',
            "b/main.tf": 'module "openai" {\n  source = "../modules/acct"\n}\n',
        },
    )
    accts = {a.uid: a for a in r.assets}
    assert set(accts) == {
        "terraform:a:module.openai.azurerm_cognitive_account.this",
        "terraform:b:module.openai.azurerm_cognitive_account.this",
    }
    assert accts["terraform:a:module.openai.azurerm_cognitive_account.this"].properties["properties"][
        "disableLocalAuth"] is False
    assert accts["terraform:b:module.openai.azurerm_cognitive_account.this"].properties["properties"][
        "disableLocalAuth"] is True
    assert all(a.origin.file == "modules/acct/main.tf" for a in r.assets)


def test_missing_local_module_is_an_input_error(tmp_path):
    r = load(tmp_path, {"main.tf": 'module "x" {\n  source = "./nope"\n}\n'})
    assert [(e.file, e.line) for e in r.errors] == [("main.tf", 1)]
    assert "not found" in r.errors[0].message


def test_parallel_parsing_gives_the_same_result_as_serial(tmp_path, monkeypatch):
    """Large trees are parsed in a process pool and their roots evaluated in two processes;
    what comes out must not depend on it."""
    import aispm.iac.terraform.loader as tf_loader
    import aispm.iac.terraform.source as tf

    for i in range(12):
        d = tmp_path / f"stack{i}"
        d.mkdir()
        (d / "main.tf").write_text(f'''
variable "keys" {{ default = {"true" if i % 2 else "false"} }}
resource "azurerm_cognitive_account" "a" {{
  name = "acct-{i}"
  kind = "OpenAI"
  sku_name = "S0"
  local_auth_enabled = var.keys
}}
''')
    (tmp_path / "stack3" / "broken.tf").write_text('resource "azurerm_search_service" "s" {\n  name = \n}\n')

    def run(threshold: int):
        monkeypatch.setattr(tf_loader, "PARALLEL_MIN_FILES", threshold)
        monkeypatch.setattr(tf, "PARALLEL_MIN_ROOTS", threshold)
        r = load_dir(tmp_path)
        return ([(a.uid, a.origin.line, repr(a.properties)) for a in r.assets],
                [(e.file, e.line, e.message) for e in r.errors], r.files)

    serial = run(10**9)
    parallel = run(1)
    assert parallel == serial
    assert len(serial[0]) == 12 and serial[1] == [("stack3/broken.tf", 2, serial[1][0][2])]


@pytest.mark.parametrize("threshold", [10**9, 1], ids=["one-process", "pool"])
def test_files_with_the_same_text_are_each_their_own_file(tmp_path, monkeypatch, threshold):
    """Byte-identical files (copied stacks, boilerplate) are parsed once; each still gives its own
    assets, its own error and its own line, and what one stack's variables make of the shared text
    stays that stack's."""
    import aispm.iac.terraform.loader as tf_loader

    monkeypatch.setattr(tf_loader, "PARALLEL_MIN_FILES", threshold)
    same = 'resource "azurerm_cognitive_account" "a" {\n  name = var.name\n  kind = "OpenAI"\n  sku_name = "S0"\n' \
           '  local_auth_enabled = var.keys\n}\n'
    broken = 'resource "azurerm_search_service" "s" {\n  name = \n}\n'
    for i in range(4):
        d = tmp_path / f"stack{i}"
        d.mkdir()
        (d / "main.tf").write_text(same)
        (d / "broken.tf").write_text(broken)
        (d / "variables.tf").write_text(f'variable "name" {{ default = "acct-{i}" }}\n'
                                        f'variable "keys" {{ default = {"true" if i % 2 else "false"} }}\n')
    r = load_dir(tmp_path)
    got = sorted((a.origin.file, a.origin.line, a.name, a.properties["properties"]["disableLocalAuth"])
                 for a in r.assets)
    assert got == [(f"stack{i}/main.tf", 1, f"acct-{i}", not i % 2) for i in range(4)]
    assert sorted((e.file, e.line) for e in r.errors) == [(f"stack{i}/broken.tf", 2) for i in range(4)]
    assert r.files == 12


def test_ai_services_uses_its_own_argument_names(tmp_path):
    r = load(tmp_path, {"main.tf": """
    resource "azurerm_ai_services" "a" {
      name = "ais"
      sku_name = "S0"
      public_network_access = "Disabled"
      local_authentication_enabled = false
    }
    """})
    props = r.assets[0].properties
    assert props["kind"] == "AIServices"
    assert props["properties"]["publicNetworkAccess"] == "Disabled"
    assert props["properties"]["disableLocalAuth"] is True


def test_a_resources_lifecycle_block_is_terraforms_and_never_an_error(tmp_path):
    """`ignore_changes = [tags]` and `ignore_changes = all` name attributes; evaluating them as
    expressions reported valid modules (the Azure Verified Modules) as input errors."""
    r = load(tmp_path, {"main.tf": """
    resource "azurerm_cognitive_account" "a" {
      name     = "acct"
      kind     = "OpenAI"
      sku_name = "S0"
      lifecycle {
        ignore_changes        = [tags, custom_subdomain_name]
        create_before_destroy = true
      }
    }
    resource "azurerm_search_service" "s" {
      name = "srch"
      sku  = "basic"
      lifecycle {
        ignore_changes = all
        precondition {
          condition     = length(var.nothing) > 0
          error_message = "x"
        }
      }
    }
    """})
    assert r.errors == []
    assert {a.origin.address for a in r.assets} == {"azurerm_cognitive_account.a", "azurerm_search_service.s"}
    assert all("lifecycle" not in a.properties for a in r.assets)


def test_a_resource_id_taken_apart_is_unknown_not_an_error(tmp_path):
    """A declared resource's id exists only after apply: `split`/`regex` of it is unknown (as in
    Terraform's plan), where aispm once split its own uid and met an index error; the id itself still
    joins the reference to its resource."""
    r = load(tmp_path, {"main.tf": """
    resource "azurerm_resource_group" "rg" {
      name     = "rg-ai"
      location = "eastus"
    }
    locals {
      rg_name = split("/", azurerm_resource_group.rg.id)[4]
      parts   = regex("^/subscriptions/(?P<sub>[^/]+)/", azurerm_resource_group.rg.id)
    }
    resource "azurerm_cognitive_account" "a" {
      name                = "acct"
      kind                = "OpenAI"
      sku_name            = "S0"
      resource_group_name = local.rg_name
      tags                = { sub = local.parts.sub, rg = azurerm_resource_group.rg.id }
    }
    """})
    assert r.errors == []
    acct = by_address(r)["azurerm_cognitive_account.a"]
    assert isinstance(acct.properties["tags"]["sub"], Unknown)
    assert acct.properties["tags"]["rg"].endswith(":azurerm_resource_group.rg")  # the resource group's uid
