"""Azure stacks of the generated corpus: Terraform (``azurerm``), ARM and Bicep.

Shapes: ``openai`` (an OpenAI / AI Services account with model deployments, sometimes a
customer-managed key), ``search`` (AI Search and its documents' storage), ``ml`` (an AML
workspace with its storage, key vault, Application Insights and compute clusters) and ``rag``
(account + search). Private endpoints, diagnostic settings and role assignments are added per
target. Terraform stacks use variables with defaults, locals, ``for_each`` and sometimes the shared
local module ``modules/openai-account``; ARM templates parameters, variables and ``format()``;
Bicep params, conditionals, loops, ``parent:`` and ``existing``.

Moved unchanged from ``generate_azure_corpus.py`` (which still drives an Azure-only corpus with
the same output byte for byte); ``generate_corpus.py`` drives the multi-cloud one.
"""

from __future__ import annotations

import json

from iac_corpus.common import Raw, Stack, TfVars, _attrs, _block, _hcl

REGIONS = ("westeurope", "swedencentral", "eastus2", "francecentral", "uksouth")
CHAT_MODELS = (("gpt-4o", "2024-11-20"), ("gpt-4o-mini", "2024-07-18"), ("gpt-4.1", "2025-04-14"),
               ("o3-mini", "2025-01-31"))
EMBED_MODELS = (("text-embedding-3-large", "1"), ("text-embedding-3-small", "1"), ("text-embedding-ada-002", "2"))
ROLES = ("Cognitive Services OpenAI User", "Cognitive Services User", "Search Index Data Reader",
         "Storage Blob Data Reader", "AzureML Data Scientist")

#: What the generated repository counts as an "Azure AI resource" (everything but resource groups,
#: key vaults/keys, App Insights and the customer-managed-key link).
AI_TYPES = {
    "Microsoft.CognitiveServices/accounts", "Microsoft.CognitiveServices/accounts/deployments",
    "Microsoft.Search/searchServices", "Microsoft.MachineLearningServices/workspaces",
    "Microsoft.MachineLearningServices/workspaces/computes", "Microsoft.Storage/storageAccounts",
    "Microsoft.Network/privateEndpoints", "Microsoft.Insights/diagnosticSettings",
    "Microsoft.Authorization/roleAssignments", "Microsoft.Databricks/workspaces",
}
TF_TO_ARM = {
    "azurerm_cognitive_account": "Microsoft.CognitiveServices/accounts",
    "azurerm_cognitive_deployment": "Microsoft.CognitiveServices/accounts/deployments",
    "azurerm_search_service": "Microsoft.Search/searchServices",
    "azurerm_machine_learning_workspace": "Microsoft.MachineLearningServices/workspaces",
    "azurerm_machine_learning_compute_cluster": "Microsoft.MachineLearningServices/workspaces/computes",
    "azurerm_storage_account": "Microsoft.Storage/storageAccounts",
    "azurerm_private_endpoint": "Microsoft.Network/privateEndpoints",
    "azurerm_monitor_diagnostic_setting": "Microsoft.Insights/diagnosticSettings",
    "azurerm_role_assignment": "Microsoft.Authorization/roleAssignments",
    "azurerm_resource_group": "Microsoft.Resources/resourceGroups",
    "azurerm_key_vault": "Microsoft.KeyVault/vaults",
    "azurerm_key_vault_key": "Microsoft.KeyVault/vaults/keys",
    "azurerm_application_insights": "Microsoft.Insights/components",
    "azurerm_cognitive_account_customer_managed_key": "cmk-link",
}


def tf_cognitive(st: Stack, v: TfVars, label: str, kind: str, files: dict[str, list[str]], use_module: bool) -> str:
    """An OpenAI / AIServices account with deployments. Returns the expression of its id."""
    local_auth = v.maybe(f"{label}_local_auth_enabled", st.pick(False, True), "bool")
    public = v.maybe(f"{label}_public_network_access_enabled", st.pick(False, True), "bool")
    if use_module:
        body = _attrs([
            ("source", "../../modules/openai-account"),
            ("name", Raw(f'"${{local.prefix}}-{label}"')),
            ("resource_group_name", Raw("azurerm_resource_group.rg.name")),
            ("location", Raw("azurerm_resource_group.rg.location")),
            ("kind", kind),
            ("local_auth_enabled", local_auth),
            ("public_network_access_enabled", public),
            ("chat_model", st.rng.choice(CHAT_MODELS)[0]),
        ])
        files["ai.tf"].append(_block("module", [label], body))
        st.add("Microsoft.CognitiveServices/accounts")
        st.add("Microsoft.CognitiveServices/accounts/deployments")
        return f"module.{label}.account_id"
    restricted = st.pick(True, False, None, p_secure=0.4)
    fqdns = (["api.contoso.com", f"{st.prefix}.blob.core.windows.net"] if restricted
             else st.pick(["api.contoso.com"], [], None))
    attrs = [
        ("name", Raw(f'"${{local.prefix}}-{label}"')),
        ("location", Raw("azurerm_resource_group.rg.location")),
        ("resource_group_name", Raw("azurerm_resource_group.rg.name")),
        ("kind", kind),
        ("sku_name", "S0"),
        ("custom_subdomain_name", Raw(f'"${{local.prefix}}-{label}"')),
        ("local_auth_enabled", local_auth),
        ("public_network_access_enabled", public),
        ("outbound_network_access_restricted", restricted),
        ("fqdns", fqdns),
        ("tags", Raw("local.tags")),
    ]
    body = _attrs(attrs)
    if st.rng.random() < 0.7:
        body += "\n  identity {\n    type = \"SystemAssigned\"\n  }\n"
    if st.rng.random() < 0.5:
        acl = st.pick("Deny", "Allow", p_unset=0)
        body += (f"\n  network_acls {{\n    default_action = \"{acl}\"\n"
                 f"    ip_rules       = [\"203.0.113.{st.rng.randint(1, 254)}\"]\n  }}\n")
    files["ai.tf"].append(_block("resource", ["azurerm_cognitive_account", label], body))
    st.add("Microsoft.CognitiveServices/accounts")

    # Deployments: sometimes one per block, sometimes for_each over a local map.
    chat, chat_v = st.rng.choice(CHAT_MODELS)
    emb, emb_v = st.rng.choice(EMBED_MODELS)
    if st.rng.random() < 0.4:
        body = (f"  for_each             = local.{label}_models\n"
                f"  name                 = each.key\n"
                f"  cognitive_account_id = azurerm_cognitive_account.{label}.id\n\n"
                f"  model {{\n    format  = \"OpenAI\"\n    name    = each.key\n    version = each.value.version\n  }}\n\n"
                f"  sku {{\n    name     = \"GlobalStandard\"\n    capacity = each.value.capacity\n  }}\n")
        files["locals.tf"].append(
            f"locals {{\n  {label}_models = {{\n"
            f"    {json.dumps(chat)} = {{ version = {json.dumps(chat_v)}, capacity = {st.rng.choice((10, 30, 50, 100))} }}\n"
            f"    {json.dumps(emb)} = {{ version = {json.dumps(emb_v)}, capacity = {st.rng.choice((10, 20, 50))} }}\n"
            f"  }}\n}}\n")
        files["deployments.tf"].append(_block("resource", ["azurerm_cognitive_deployment", f"{label}_models"], body))
        st.add("Microsoft.CognitiveServices/accounts/deployments", 2)
    else:
        for dname, (model, version) in (("chat", (chat, chat_v)), ("embedding", (emb, emb_v))):
            rai = st.pick("Microsoft.DefaultV2", "Microsoft.Nil", None)
            body = _attrs([("name", model), ("cognitive_account_id", Raw(f"azurerm_cognitive_account.{label}.id")),
                           ("rai_policy_name", rai)])
            body += (f"\n  model {{\n    format  = \"OpenAI\"\n    name    = {json.dumps(model)}\n"
                     f"    version = {json.dumps(version)}\n  }}\n\n  sku {{\n"
                     f"    name     = {json.dumps(st.rng.choice(('Standard', 'GlobalStandard', 'DataZoneStandard')))}\n"
                     f"    capacity = {st.rng.choice((10, 20, 50, 100))}\n  }}\n")
            files["deployments.tf"].append(
                _block("resource", ["azurerm_cognitive_deployment", f"{label}_{dname}"], body))
            st.add("Microsoft.CognitiveServices/accounts/deployments")

    if st.rng.random() < 0.3:  # customer-managed key
        files["keys.tf"].append(
            _block("resource", ["azurerm_key_vault", f"{label}_kv"], _attrs([
                ("name", Raw(f'"kv-${{local.prefix}}-{label[:3]}"')),
                ("location", Raw("azurerm_resource_group.rg.location")),
                ("resource_group_name", Raw("azurerm_resource_group.rg.name")),
                ("tenant_id", Raw("data.azurerm_client_config.current.tenant_id")),
                ("sku_name", "premium"),
                ("purge_protection_enabled", True),
                ("enable_rbac_authorization", True),
            ]))
            + "\n" + _block("resource", ["azurerm_key_vault_key", f"{label}_cmk"], _attrs([
                ("name", "cmk"), ("key_vault_id", Raw(f"azurerm_key_vault.{label}_kv.id")),
                ("key_type", "RSA"), ("key_size", 2048), ("key_opts", ["unwrapKey", "wrapKey"]),
            ]))
            + "\n" + _block("resource", ["azurerm_cognitive_account_customer_managed_key", label], _attrs([
                ("cognitive_account_id", Raw(f"azurerm_cognitive_account.{label}.id")),
                ("key_vault_key_id", Raw(f"azurerm_key_vault_key.{label}_cmk.id")),
            ])))
    return f"azurerm_cognitive_account.{label}.id"


def tf_search(st: Stack, v: TfVars, label: str, files: dict[str, list[str]]) -> str:
    replicas = v.maybe(f"{label}_replica_count", st.rng.choice((1, 2, 3, None)), "number")
    body = _attrs([
        ("name", Raw(f'"srch-${{local.prefix}}-{label}"')),
        ("resource_group_name", Raw("azurerm_resource_group.rg.name")),
        ("location", Raw("azurerm_resource_group.rg.location")),
        ("sku", st.rng.choice(("basic", "standard", "standard2"))),
        ("replica_count", replicas),
        ("partition_count", st.rng.choice((1, 1, 2, None))),
        ("local_authentication_enabled", v.maybe(f"{label}_local_auth", st.pick(False, True), "bool")),
        ("public_network_access_enabled", st.pick(False, True)),
        ("allowed_ips", st.pick(["10.20.0.0/16"], ["0.0.0.0/0"], None, p_unset=0.5)),
        ("tags", Raw("local.tags")),
    ])
    if st.rng.random() < 0.6:
        id_type = st.pick("SystemAssigned", "UserAssigned", p_unset=0, p_secure=0.7)
        body += f"\n  identity {{\n    type = {json.dumps(id_type)}\n"
        if id_type == "UserAssigned":
            body += "    identity_ids = [var.user_assigned_identity_id]\n"
        body += "  }\n"
    files["search.tf"].append(_block("resource", ["azurerm_search_service", label], body))
    st.add("Microsoft.Search/searchServices")
    return f"azurerm_search_service.{label}.id"


def tf_storage(st: Stack, v: TfVars, label: str, files: dict[str, list[str]]) -> str:
    body = _attrs([
        ("name", Raw(f'"st${{local.short}}{label[:6]}"')),
        ("resource_group_name", Raw("azurerm_resource_group.rg.name")),
        ("location", Raw("azurerm_resource_group.rg.location")),
        ("account_tier", "Standard"),
        ("account_replication_type", st.rng.choice(("LRS", "ZRS", "GRS"))),
        ("min_tls_version", "TLS1_2"),
        ("public_network_access_enabled", v.maybe(f"{label}_public", st.pick(False, True), "bool")),
        ("shared_access_key_enabled", st.pick(False, True)),
        ("allow_nested_items_to_be_public", st.pick(False, True, p_unset=0.3)),
        ("tags", Raw("local.tags")),
    ])
    files["storage.tf"].append(_block("resource", ["azurerm_storage_account", label], body))
    st.add("Microsoft.Storage/storageAccounts")
    return f"azurerm_storage_account.{label}.id"


def tf_ml(st: Stack, v: TfVars, files: dict[str, list[str]]) -> None:
    sa = tf_storage(st, v, "mlstore", files)
    files["ml.tf"].append(
        _block("resource", ["azurerm_key_vault", "ml"], _attrs([
            ("name", Raw('"kv-${local.prefix}-ml"')),
            ("location", Raw("azurerm_resource_group.rg.location")),
            ("resource_group_name", Raw("azurerm_resource_group.rg.name")),
            ("tenant_id", Raw("data.azurerm_client_config.current.tenant_id")),
            ("sku_name", "standard"),
            ("purge_protection_enabled", st.pick(True, False)),
        ]))
        + "\n" + _block("resource", ["azurerm_application_insights", "ml"], _attrs([
            ("name", Raw('"appi-${local.prefix}-ml"')),
            ("location", Raw("azurerm_resource_group.rg.location")),
            ("resource_group_name", Raw("azurerm_resource_group.rg.name")),
            ("application_type", "web"),
        ])))
    body = _attrs([
        ("name", Raw('"mlw-${local.prefix}"')),
        ("location", Raw("azurerm_resource_group.rg.location")),
        ("resource_group_name", Raw("azurerm_resource_group.rg.name")),
        ("application_insights_id", Raw("azurerm_application_insights.ml.id")),
        ("key_vault_id", Raw("azurerm_key_vault.ml.id")),
        ("storage_account_id", Raw(sa)),
        ("public_network_access_enabled", v.maybe("ml_public_network_access_enabled", st.pick(False, True), "bool")),
        ("high_business_impact", st.pick(True, False, None, p_unset=0.4)),
        ("v1_legacy_mode_enabled", st.pick(False, True, None, p_unset=0.6)),
        ("tags", Raw("local.tags")),
    ])
    body += "\n  identity {\n    type = \"SystemAssigned\"\n  }\n"
    if st.rng.random() < 0.5:
        body += ("\n  managed_network {\n    isolation_mode = "
                 + json.dumps(st.pick("AllowOnlyApprovedOutbound", "AllowInternetOutbound", p_unset=0)) + "\n  }\n")
    files["ml.tf"].append(_block("resource", ["azurerm_machine_learning_workspace", "ml"], body))
    st.add("Microsoft.MachineLearningServices/workspaces")
    for i in range(st.rng.choice((1, 1, 2, 3))):
        label = ("cpu", "gpu", "batch")[i]
        body = _attrs([
            ("name", f"{label}-cluster"),
            ("location", Raw("azurerm_resource_group.rg.location")),
            ("machine_learning_workspace_id", Raw("azurerm_machine_learning_workspace.ml.id")),
            ("vm_priority", st.rng.choice(("Dedicated", "LowPriority"))),
            ("vm_size", ("Standard_DS3_v2", "Standard_NC6s_v3", "Standard_D4s_v3")[i]),
            ("local_auth_enabled", st.pick(False, True)),
            ("node_public_ip_enabled", st.pick(False, True, None)),
            ("subnet_resource_id", Raw("var.subnet_id") if st.rng.random() < 0.5 else None),
        ])
        body += (f"\n  scale_settings {{\n    min_node_count                       = {st.pick(0, 1, 0, p_unset=0)}\n"
                 f"    max_node_count                       = {st.rng.choice((2, 4, 8))}\n"
                 f"    scale_down_nodes_after_idle_duration = \"PT30M\"\n  }}\n")
        if st.rng.random() < 0.5:
            body += "\n  identity {\n    type = \"SystemAssigned\"\n  }\n"
        files["compute.tf"].append(_block("resource", ["azurerm_machine_learning_compute_cluster", label], body))
        st.add("Microsoft.MachineLearningServices/workspaces/computes")


def tf_network_monitoring_iam(st: Stack, targets: list[tuple[str, str, str]], files: dict[str, list[str]]) -> None:
    """Private endpoints, diagnostic settings and role assignments for (label, id expr, subresource)."""
    for label, ref, sub in targets:
        if st.rng.random() < 0.5:
            body = _attrs([
                ("name", Raw(f'"pe-${{local.prefix}}-{label}"')),
                ("location", Raw("azurerm_resource_group.rg.location")),
                ("resource_group_name", Raw("azurerm_resource_group.rg.name")),
                ("subnet_id", Raw("var.subnet_id")),
            ])
            body += ("\n  private_service_connection {\n" + _attrs([
                ("name", f"{label}-psc"), ("private_connection_resource_id", Raw(ref)),
                ("subresource_names", [sub]), ("is_manual_connection", False)], "    ") + "  }\n")
            files["network.tf"].append(_block("resource", ["azurerm_private_endpoint", label], body))
            st.add("Microsoft.Network/privateEndpoints")
        if st.rng.random() < 0.6:
            body = _attrs([
                ("name", "to-log-analytics"), ("target_resource_id", Raw(ref)),
                ("log_analytics_workspace_id", Raw("var.log_analytics_workspace_id")),
            ])
            body += ("\n  enabled_log {\n    category_group = "
                     + json.dumps(st.rng.choice(("allLogs", "audit"))) + "\n  }\n\n  metric {\n    category = \"AllMetrics\"\n  }\n")
            files["monitoring.tf"].append(_block("resource", ["azurerm_monitor_diagnostic_setting", label], body))
            st.add("Microsoft.Insights/diagnosticSettings")
        for j in range(st.rng.choice((0, 1, 1, 2))):
            body = _attrs([
                ("scope", Raw(ref)),
                ("role_definition_name", st.rng.choice(ROLES)),
                ("principal_id", Raw("var.app_principal_id") if j == 0 else Raw("var.team_group_id")),
                ("principal_type", "ServicePrincipal" if j == 0 else "Group"),
            ])
            files["iam.tf"].append(_block("resource", ["azurerm_role_assignment", f"{label}_{j}"], body))
            st.add("Microsoft.Authorization/roleAssignments")


def tf_grounding_grants(st: Stack, files: dict[str, list[str]]) -> None:
    """The AI service reads its grounding data with its own identity: a data role on the storage account
    (what makes aispm judge that account as grounding data, `used_for_ai_grounding`)."""
    pairs = []
    search = "".join(files["search.tf"])
    if 'type = "SystemAssigned"' in search and any('"azurerm_storage_account" "docs"' in b for b in files["storage.tf"]):
        pairs.append(("search", "azurerm_search_service.search", "docs"))
    ai = "".join(b for b in files["ai.tf"] if b.startswith('resource "azurerm_cognitive_account" "openai"'))
    if 'type = "SystemAssigned"' in ai and any('"azurerm_storage_account" "data"' in b for b in files["storage.tf"]):
        pairs.append(("openai", "azurerm_cognitive_account.openai", "data"))
    for label, service, storage in pairs:
        if st.rng.random() < 0.8:
            files["iam.tf"].append(_block("resource", ["azurerm_role_assignment", f"{label}_reads_{storage}"], _attrs([
                ("scope", Raw(f"azurerm_storage_account.{storage}.id")),
                ("role_definition_name", "Storage Blob Data Reader"),
                ("principal_id", Raw(f"{service}.identity[0].principal_id")),
                ("principal_type", "ServicePrincipal")])))
            st.add("Microsoft.Authorization/roleAssignments")


def tf_databricks(st: Stack, v: TfVars, files: dict[str, list[str]]) -> None:
    """An Azure Databricks workspace beside the AML workspace (feature engineering), public or not."""
    public = v.maybe("databricks_public_network_access", st.pick(False, True, None), "bool")
    body = _attrs([
        ("name", Raw('"dbw-${local.prefix}"')), ("location", Raw("azurerm_resource_group.rg.location")),
        ("resource_group_name", Raw("azurerm_resource_group.rg.name")), ("sku", "premium"),
        ("managed_resource_group_name", Raw('"rg-${local.prefix}-dbw-managed"')),
        ("public_network_access_enabled", public),
        ("network_security_group_rules_required", "NoAzureDatabricksRules" if public is False else None),
        ("tags", Raw("local.tags"))])
    body += "\n  custom_parameters {\n    no_public_ip = " + _hcl(st.pick(True, False, p_unset=0)) + "\n  }\n"
    files["ml.tf"].append(_block("resource", ["azurerm_databricks_workspace", "features"], body))
    st.add("Microsoft.Databricks/workspaces")


def terraform_stack(st: Stack, shared_module_ok: bool, grounding: bool = False) -> None:
    """`grounding` (the multi-cloud corpus only, so the Azure corpus stays as it was): AI services that have
    an identity sometimes get a data role on their stack's storage account, and ML stacks sometimes have a
    Databricks workspace."""
    v = TfVars(st)
    files: dict[str, list[str]] = {k: [] for k in (
        "main.tf", "locals.tf", "ai.tf", "deployments.tf", "keys.tf", "search.tf", "storage.tf", "ml.tf",
        "compute.tf", "network.tf", "monitoring.tf", "iam.tf")}
    files["main.tf"].append(
        'terraform {\n  required_version = ">= 1.6"\n  required_providers {\n'
        '    azurerm = {\n      source  = "hashicorp/azurerm"\n      version = "~> 4.10"\n    }\n  }\n}\n\n'
        'provider "azurerm" {\n  features {}\n}\n\ndata "azurerm_client_config" "current" {}\n\n'
        + _block("resource", ["azurerm_resource_group", "rg"], _attrs([
            ("name", Raw('"rg-${local.prefix}"')), ("location", Raw("var.location"))])))
    files["locals.tf"].append(
        f'locals {{\n  prefix = "${{var.app}}-${{var.environment}}"\n  short  = "{st.prefix.replace("-", "")[:12]}"\n'
        f'  tags = {{\n    app         = var.app\n    environment = var.environment\n    owner       = "{st.path.split("/")[1]}"\n  }}\n}}\n')
    v.add("app", "string", st.prefix.rsplit("-", 1)[0])
    v.add("environment", "string", st.env)
    v.add("location", "string", st.region)
    v.add("subnet_id", "string", f"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-network/"
                                 f"providers/Microsoft.Network/virtualNetworks/vnet-{st.env}/subnets/private-endpoints")
    v.add("log_analytics_workspace_id", "string",
          "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-monitor/providers/"
          "Microsoft.OperationalInsights/workspaces/log-central")
    v.add("app_principal_id", "string", "11111111-1111-1111-1111-111111111111", "Object id of the app's identity.")
    v.add("team_group_id", "string", "22222222-2222-2222-2222-222222222222")
    v.add("user_assigned_identity_id", "string",
          "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-id/providers/"
          "Microsoft.ManagedIdentity/userAssignedIdentities/id-search")

    targets: list[tuple[str, str, str]] = []
    if st.shape in ("openai", "rag"):
        use_module = shared_module_ok and st.rng.random() < 0.25
        targets.append(("openai", tf_cognitive(st, v, "openai", "OpenAI", files, use_module), "account"))
        if st.rng.random() < 0.3:
            targets.append(("aisvc", tf_cognitive(st, v, "aisvc", "AIServices", files, False), "account"))
    if st.shape in ("search", "rag"):
        targets.append(("search", tf_search(st, v, "search", files), "searchService"))
        targets.append(("docs", tf_storage(st, v, "docs", files), "blob"))
    if st.shape == "ml":
        tf_ml(st, v, files)
        targets.append(("ml", "azurerm_machine_learning_workspace.ml.id", "amlworkspace"))
    if st.shape == "openai" and st.rng.random() < 0.5:
        targets.append(("data", tf_storage(st, v, "data", files), "blob"))
    tf_network_monitoring_iam(st, targets, files)
    if grounding:
        tf_grounding_grants(st, files)
        if st.shape == "ml" and st.rng.random() < 0.6:
            tf_databricks(st, v, files)
    files["variables.tf"] = v.decls
    for name, blocks in files.items():
        if blocks:
            st.files[name] = "\n".join(blocks)


def terraform_shared_module() -> dict[str, str]:
    """modules/openai-account: called by some stacks (addresses module.<name>.azurerm_...)."""
    return {
        "variables.tf": "".join(_block("variable", [n], f"  type    = {t}\n" + (f"  default = {d}\n" if d else ""))
                                for n, t, d in (("name", "string", None), ("resource_group_name", "string", None),
                                                ("location", "string", None), ("kind", "string", '"OpenAI"'),
                                                ("chat_model", "string", '"gpt-4o"'),
                                                ("local_auth_enabled", "bool", "false"),
                                                ("public_network_access_enabled", "bool", "false"))),
        "main.tf": (
            _block("resource", ["azurerm_cognitive_account", "this"], _attrs([
                ("name", Raw("var.name")), ("location", Raw("var.location")),
                ("resource_group_name", Raw("var.resource_group_name")), ("kind", Raw("var.kind")),
                ("sku_name", "S0"), ("custom_subdomain_name", Raw("var.name")),
                ("local_auth_enabled", Raw("var.local_auth_enabled")),
                ("public_network_access_enabled", Raw("var.public_network_access_enabled")),
            ]) + "\n  identity {\n    type = \"SystemAssigned\"\n  }\n")
            + "\n" + _block("resource", ["azurerm_cognitive_deployment", "chat"], _attrs([
                ("name", Raw("var.chat_model")), ("cognitive_account_id", Raw("azurerm_cognitive_account.this.id")),
                ("rai_policy_name", "Microsoft.DefaultV2"),
            ]) + "\n  model {\n    format  = \"OpenAI\"\n    name    = var.chat_model\n    version = \"2024-11-20\"\n  }\n"
                "\n  sku {\n    name     = \"GlobalStandard\"\n    capacity = 50\n  }\n")),
        "outputs.tf": ('output "account_id" {\n  value = azurerm_cognitive_account.this.id\n}\n\n'
                       'output "endpoint" {\n  value = azurerm_cognitive_account.this.endpoint\n}\n'),
    }


# --------------------------------------------------------------------------- ARM

def _arm_res(type_: str, api: str, name, props: dict | None, **extra) -> dict:
    out = {"type": type_, "apiVersion": api, "name": name}
    out.update(extra)
    if props is not None:
        out["properties"] = props
    return out


def _drop_none(d: dict) -> dict:
    return {k: v for k, v in d.items() if v is not None}


def arm_stack(st: Stack) -> None:
    """One deployable template per concern (ai.json, search.json, ml.json), each with parameters."""
    common_params = {
        "prefix": {"type": "string", "defaultValue": st.prefix},
        "location": {"type": "string", "defaultValue": "[resourceGroup().location]"},
        "subnetId": {"type": "string", "defaultValue": "/subscriptions/00000000-0000-0000-0000-000000000000/"
                     f"resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-{st.env}/subnets/pe"},
        "logAnalyticsId": {"type": "string", "defaultValue": "/subscriptions/00000000-0000-0000-0000-000000000000/"
                           "resourceGroups/rg-monitor/providers/Microsoft.OperationalInsights/workspaces/log-central"},
        "principalId": {"type": "string", "defaultValue": "11111111-1111-1111-1111-111111111111"},
    }

    def template(resources: list[dict], extra_params: dict | None = None, variables: dict | None = None) -> str:
        t = {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
             "contentVersion": "1.0.0.0", "parameters": {**common_params, **(extra_params or {})}}
        if variables:
            t["variables"] = variables
        t["resources"] = resources
        return json.dumps(t, indent=2) + "\n"

    def extras(name_expr: str, type_: str, sub: str, res: list[dict]) -> None:
        rid = f"[resourceId('{type_}', {name_expr})]"
        if st.rng.random() < 0.5:
            res.append(_arm_res("Microsoft.Network/privateEndpoints", "2024-05-01",
                                f"[format('pe-{{0}}', {name_expr})]", {
                                    "subnet": {"id": "[parameters('subnetId')]"},
                                    "privateLinkServiceConnections": [{"name": sub, "properties": {
                                        "privateLinkServiceId": rid, "groupIds": [sub]}}]},
                                location="[parameters('location')]", dependsOn=[rid]))
            st.add("Microsoft.Network/privateEndpoints")
        if st.rng.random() < 0.6:
            res.append(_arm_res("Microsoft.Insights/diagnosticSettings", "2021-05-01-preview", "to-log-analytics", {
                "workspaceId": "[parameters('logAnalyticsId')]",
                "logs": [{"categoryGroup": st.rng.choice(("allLogs", "audit")), "enabled": True}],
                "metrics": [{"category": "AllMetrics", "enabled": True}]}, scope=rid, dependsOn=[rid]))
            st.add("Microsoft.Insights/diagnosticSettings")
        if st.rng.random() < 0.6:
            res.append(_arm_res("Microsoft.Authorization/roleAssignments", "2022-04-01",
                                f"[guid({rid}, parameters('principalId'))]", {
                                    "roleDefinitionId": "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', "
                                                        "'5e0bd9bd-7b93-4f28-af87-19fc36ad61bd')]",
                                    "principalId": "[parameters('principalId')]",
                                    "principalType": "ServicePrincipal"}, scope=rid, dependsOn=[rid]))
            st.add("Microsoft.Authorization/roleAssignments")

    if st.shape in ("openai", "rag"):
        res: list[dict] = []
        kind = "OpenAI" if st.rng.random() < 0.7 else "AIServices"
        name = f"oai-{st.prefix}"
        props = _drop_none({
            "customSubDomainName": name,
            "disableLocalAuth": "[parameters('disableLocalAuth')]" if st.rng.random() < 0.3 else st.pick(True, False),
            "publicNetworkAccess": st.pick("Disabled", "Enabled"),
            "restrictOutboundNetworkAccess": st.pick(True, False, None, p_secure=0.4),
            "networkAcls": {"defaultAction": st.pick("Deny", "Allow", p_unset=0), "ipRules": []}
            if st.rng.random() < 0.5 else None,
        })
        if props.get("restrictOutboundNetworkAccess"):
            props["allowedFqdnList"] = ["api.contoso.com"]
        acct = _arm_res("Microsoft.CognitiveServices/accounts", "2024-10-01", name, props,
                        location="[parameters('location')]", kind=kind, sku={"name": "S0"})
        if st.rng.random() < 0.7:
            acct["identity"] = {"type": "SystemAssigned"}
        res.append(acct)
        st.add("Microsoft.CognitiveServices/accounts")
        for model, version in (st.rng.choice(CHAT_MODELS), st.rng.choice(EMBED_MODELS)):
            res.append(_arm_res("Microsoft.CognitiveServices/accounts/deployments", "2024-10-01",
                                f"{name}/{model}", _drop_none({
                                    "model": {"format": "OpenAI", "name": model, "version": version},
                                    "raiPolicyName": st.pick("Microsoft.DefaultV2", "Microsoft.Nil", None)}),
                                sku={"name": "GlobalStandard", "capacity": st.rng.choice((10, 50, 100))},
                                dependsOn=[f"[resourceId('Microsoft.CognitiveServices/accounts', '{name}')]"]))
            st.add("Microsoft.CognitiveServices/accounts/deployments")
        extras(f"'{name}'", "Microsoft.CognitiveServices/accounts", "account", res)
        st.files["ai.json"] = template(res, {"disableLocalAuth": {"type": "bool", "defaultValue": st.pick(True, False, p_unset=0)}})
    if st.shape in ("search", "rag"):
        res = []
        name = f"srch-{st.prefix}"
        props = _drop_none({
            "replicaCount": st.rng.choice((1, 2, 3, None)),
            "partitionCount": 1,
            "disableLocalAuth": st.pick(True, False, None),
            "publicNetworkAccess": st.pick("disabled", "enabled"),
            "networkRuleSet": {"ipRules": [{"value": st.pick("10.20.0.0/16", "0.0.0.0/0", p_unset=0)}]}
            if st.rng.random() < 0.5 else None,
        })
        srch = _arm_res("Microsoft.Search/searchServices", "2024-06-01-preview", name, props,
                        location="[parameters('location')]", sku={"name": st.rng.choice(("basic", "standard"))})
        if st.rng.random() < 0.6:
            srch["identity"] = {"type": "SystemAssigned"}
        res.append(srch)
        st.add("Microsoft.Search/searchServices")
        sname = f"st{st.prefix.replace('-', '')[:18]}d"
        res.append(_arm_res("Microsoft.Storage/storageAccounts", "2023-05-01", sname, _drop_none({
            "publicNetworkAccess": st.pick("Disabled", "Enabled"),
            "allowSharedKeyAccess": st.pick(False, True, None),
            "allowBlobPublicAccess": st.pick(False, True, None),
            "minimumTlsVersion": "TLS1_2"}), location="[parameters('location')]", kind="StorageV2",
            sku={"name": "Standard_ZRS"}))
        st.add("Microsoft.Storage/storageAccounts")
        extras(f"'{name}'", "Microsoft.Search/searchServices", "searchService", res)
        st.files["search.json"] = template(res)
    if st.shape == "ml":
        res = []
        sname = f"st{st.prefix.replace('-', '')[:18]}m"
        res.append(_arm_res("Microsoft.Storage/storageAccounts", "2023-05-01", sname, _drop_none({
            "publicNetworkAccess": st.pick("Disabled", "Enabled"),
            "allowSharedKeyAccess": st.pick(False, True, None),
            "minimumTlsVersion": "TLS1_2"}), location="[parameters('location')]", kind="StorageV2",
            sku={"name": "Standard_LRS"}))
        st.add("Microsoft.Storage/storageAccounts")
        ws = "[variables('workspaceName')]"
        managed = None
        if st.rng.random() < 0.6:
            rules = {"blob": {"type": st.pick("PrivateEndpoint", "ServiceTag", p_unset=0),
                              "destination": {"serviceResourceId": f"[resourceId('Microsoft.Storage/storageAccounts', '{sname}')]",
                                              "subresourceTarget": "blob"} }}
            managed = {"isolationMode": st.pick("AllowOnlyApprovedOutbound", "AllowInternetOutbound", p_unset=0),
                       "outboundRules": rules}
        res.append(_arm_res("Microsoft.MachineLearningServices/workspaces", "2024-10-01", ws, _drop_none({
            "friendlyName": f"{st.prefix} workspace",
            "storageAccount": f"[resourceId('Microsoft.Storage/storageAccounts', '{sname}')]",
            "keyVault": f"[resourceId('Microsoft.KeyVault/vaults', 'kv-{st.prefix[:20]}')]",
            "applicationInsights": f"[resourceId('Microsoft.Insights/components', 'appi-{st.prefix}')]",
            "publicNetworkAccess": st.pick("Disabled", "Enabled", None),
            "hbiWorkspace": st.pick(True, False, None),
            "managedNetwork": managed}), location="[parameters('location')]",
            identity={"type": "SystemAssigned"}, sku={"name": "Basic"},
            dependsOn=[f"[resourceId('Microsoft.Storage/storageAccounts', '{sname}')]"]))
        st.add("Microsoft.MachineLearningServices/workspaces")
        for i in range(st.rng.choice((1, 2))):
            res.append(_arm_res("Microsoft.MachineLearningServices/workspaces/computes", "2024-10-01",
                                f"[format('{{0}}/{{1}}', variables('workspaceName'), 'cluster{i}')]", {
                                    "computeType": "AmlCompute", "disableLocalAuth": st.pick(True, False, None),
                                    "properties": {"vmSize": "Standard_DS3_v2", "vmPriority": "Dedicated",
                                                   "enableNodePublicIp": st.pick(False, True, None),
                                                   "scaleSettings": {"minNodeCount": st.pick(0, 1, p_unset=0),
                                                                     "maxNodeCount": 4}}},
                                location="[parameters('location')]",
                                dependsOn=["[resourceId('Microsoft.MachineLearningServices/workspaces', variables('workspaceName'))]"]))
            st.add("Microsoft.MachineLearningServices/workspaces/computes")
        extras("variables('workspaceName')", "Microsoft.MachineLearningServices/workspaces", "amlworkspace", res)
        st.files["ml.json"] = template(res, variables={"workspaceName": f"mlw-{st.prefix}"})
    for name in list(st.files):
        if st.rng.random() < 0.4:
            st.files[name.replace(".json", ".parameters.json")] = json.dumps({
                "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
                "contentVersion": "1.0.0.0",
                "parameters": {"prefix": {"value": st.prefix}, "location": {"value": st.region}}}, indent=2) + "\n"


# --------------------------------------------------------------------------- Bicep

def _bicep(v, indent: int = 1) -> str:
    pad = "  " * indent
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, Raw):
        return v.text
    if isinstance(v, str):
        return "'" + v.replace("'", "\\'") + "'"
    if isinstance(v, list):
        return "[\n" + "".join(f"{pad}  {_bicep(x, indent + 1)}\n" for x in v) + f"{pad}]"
    if isinstance(v, dict):
        items = [(k, x) for k, x in v.items() if x is not None]
        return "{\n" + "".join(f"{pad}  {k}: {_bicep(x, indent + 1)}\n" for k, x in items) + f"{pad}}}"
    raise TypeError(v)


def _bres(symbol: str, type_api: str, body: dict, existing: bool = False) -> str:
    return f"resource {symbol} '{type_api}' {'existing ' if existing else ''}= {_bicep(body, 0)}\n"


def bicep_stack(st: Stack) -> None:
    header = ("targetScope = 'resourceGroup'\n\n@description('Prefix for resource names.')\n"
              f"param prefix string = '{st.prefix}'\nparam location string = resourceGroup().location\n"
              "param principalId string = '11111111-1111-1111-1111-111111111111'\n"
              "param subnetId string = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-network/"
              f"providers/Microsoft.Network/virtualNetworks/vnet-{st.env}/subnets/pe'\n"
              "param logAnalyticsId string = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/"
              "rg-monitor/providers/Microsoft.OperationalInsights/workspaces/log-central'\n\n")

    def extras(symbol: str, sub: str) -> str:
        out = ""
        if st.rng.random() < 0.5:
            out += "\n" + _bres(f"{symbol}Pe", "Microsoft.Network/privateEndpoints@2024-05-01", {
                "name": Raw(f"'pe-${{{symbol}.name}}'"), "location": Raw("location"),
                "properties": {"subnet": {"id": Raw("subnetId")}, "privateLinkServiceConnections": [
                    {"name": sub, "properties": {"privateLinkServiceId": Raw(f"{symbol}.id"), "groupIds": [sub]}}]}})
            st.add("Microsoft.Network/privateEndpoints")
        if st.rng.random() < 0.6:
            out += "\n" + _bres(f"{symbol}Diag", "Microsoft.Insights/diagnosticSettings@2021-05-01-preview", {
                "name": "to-log-analytics", "scope": Raw(symbol), "properties": {
                    "workspaceId": Raw("logAnalyticsId"),
                    "logs": [{"categoryGroup": st.rng.choice(("allLogs", "audit")), "enabled": True}],
                    "metrics": [{"category": "AllMetrics", "enabled": True}]}})
            st.add("Microsoft.Insights/diagnosticSettings")
        if st.rng.random() < 0.6:
            out += "\n" + _bres(f"{symbol}Role", "Microsoft.Authorization/roleAssignments@2022-04-01", {
                "name": Raw(f"guid({symbol}.id, principalId)"), "scope": Raw(symbol), "properties": {
                    "roleDefinitionId": Raw("subscriptionResourceId('Microsoft.Authorization/roleDefinitions', "
                                            "'5e0bd9bd-7b93-4f28-af87-19fc36ad61bd')"),
                    "principalId": Raw("principalId"), "principalType": "ServicePrincipal"}})
            st.add("Microsoft.Authorization/roleAssignments")
        return out

    if st.shape in ("openai", "rag"):
        p_public = st.pick(False, True, p_unset=0)
        text = header + f"param allowPublicAccess bool = {_bicep(p_public)}\n\nvar accountName = 'oai-${{prefix}}'\n\n"
        props = {
            "customSubDomainName": Raw("accountName"),
            "disableLocalAuth": st.pick(True, False, None),
            "publicNetworkAccess": Raw("allowPublicAccess ? 'Enabled' : 'Disabled'") if st.rng.random() < 0.4
            else st.pick("Disabled", "Enabled"),
            "restrictOutboundNetworkAccess": st.pick(True, False, None, p_secure=0.4),
        }
        if props["restrictOutboundNetworkAccess"]:
            props["allowedFqdnList"] = ["api.contoso.com"]
        body = {"name": Raw("accountName"), "location": Raw("location"),
                "kind": "OpenAI" if st.rng.random() < 0.7 else "AIServices", "sku": {"name": "S0"}}
        if st.rng.random() < 0.7:
            body["identity"] = {"type": "SystemAssigned"}
        body["properties"] = props
        text += _bres("account", "Microsoft.CognitiveServices/accounts@2024-10-01", body)
        st.add("Microsoft.CognitiveServices/accounts")
        chat, chat_v = st.rng.choice(CHAT_MODELS)
        emb, emb_v = st.rng.choice(EMBED_MODELS)
        if st.rng.random() < 0.4:
            text += (f"\nvar models = [\n  {{ name: '{chat}', version: '{chat_v}' }}\n  {{ name: '{emb}', version: '{emb_v}' }}\n]\n\n"
                     "@batchSize(1)\nresource deployments 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = "
                     "[for m in models: {\n  parent: account\n  name: m.name\n  sku: { name: 'GlobalStandard', capacity: 50 }\n"
                     "  properties: {\n    model: { format: 'OpenAI', name: m.name, version: m.version }\n  }\n}]\n")
        else:
            for sym, (m, ver) in (("chatDeployment", (chat, chat_v)), ("embeddingDeployment", (emb, emb_v))):
                text += "\n" + _bres(sym, "Microsoft.CognitiveServices/accounts/deployments@2024-10-01", {
                    "parent": Raw("account"), "name": m,
                    "sku": {"name": "GlobalStandard", "capacity": st.rng.choice((10, 50, 100))},
                    "properties": {"model": {"format": "OpenAI", "name": m, "version": ver},
                                   "raiPolicyName": st.pick("Microsoft.DefaultV2", "Microsoft.Nil", None)}})
        st.add("Microsoft.CognitiveServices/accounts/deployments", 2)
        text += extras("account", "account")
        text += "\noutput endpoint string = account.properties.endpoint\n"
        st.files["ai.bicep"] = text
    if st.shape in ("search", "rag"):
        text = header
        body = {"name": Raw("'srch-${prefix}'"), "location": Raw("location"),
                "sku": {"name": st.rng.choice(("basic", "standard"))}}
        if st.rng.random() < 0.6:
            body["identity"] = {"type": "SystemAssigned"}
        body["properties"] = {
            "replicaCount": st.rng.choice((1, 2, 3, None)), "partitionCount": 1,
            "disableLocalAuth": st.pick(True, False, None),
            "publicNetworkAccess": st.pick("disabled", "enabled"),
        }
        text += _bres("search", "Microsoft.Search/searchServices@2024-06-01-preview", body)
        st.add("Microsoft.Search/searchServices")
        text += "\n" + _bres("docs", "Microsoft.Storage/storageAccounts@2023-05-01", {
            "name": Raw("'st${uniqueString(resourceGroup().id, prefix)}'"), "location": Raw("location"),
            "kind": "StorageV2", "sku": {"name": "Standard_ZRS"}, "properties": {
                "publicNetworkAccess": st.pick("Disabled", "Enabled"),
                "allowSharedKeyAccess": st.pick(False, True, None),
                "allowBlobPublicAccess": st.pick(False, True, None), "minimumTlsVersion": "TLS1_2"}})
        st.add("Microsoft.Storage/storageAccounts")
        text += extras("search", "searchService")
        st.files["search.bicep"] = text
    if st.shape == "ml":
        text = header + "var workspaceName = 'mlw-${prefix}'\n\n"
        text += _bres("store", "Microsoft.Storage/storageAccounts@2023-05-01", {
            "name": Raw("'st${uniqueString(resourceGroup().id, prefix)}'"), "location": Raw("location"),
            "kind": "StorageV2", "sku": {"name": "Standard_LRS"}, "properties": {
                "publicNetworkAccess": st.pick("Disabled", "Enabled"),
                "allowSharedKeyAccess": st.pick(False, True, None), "minimumTlsVersion": "TLS1_2"}})
        st.add("Microsoft.Storage/storageAccounts")
        text += "\n" + _bres("vault", "Microsoft.KeyVault/vaults@2023-07-01", {"name": Raw("'kv-${prefix}'")}, existing=True)
        managed = None
        if st.rng.random() < 0.6:
            managed = {"isolationMode": st.pick("AllowOnlyApprovedOutbound", "AllowInternetOutbound", p_unset=0),
                       "outboundRules": {"blob": {"type": st.pick("PrivateEndpoint", "ServiceTag", p_unset=0),
                                                  "destination": {"serviceResourceId": Raw("store.id"),
                                                                  "subresourceTarget": "blob"}}}}
        text += "\n" + _bres("workspace", "Microsoft.MachineLearningServices/workspaces@2024-10-01", {
            "name": Raw("workspaceName"), "location": Raw("location"), "identity": {"type": "SystemAssigned"},
            "properties": {"friendlyName": Raw("'${prefix} workspace'"), "storageAccount": Raw("store.id"),
                           "keyVault": Raw("vault.id"), "publicNetworkAccess": st.pick("Disabled", "Enabled", None),
                           "hbiWorkspace": st.pick(True, False, None), "managedNetwork": managed}})
        st.add("Microsoft.MachineLearningServices/workspaces")
        for i in range(st.rng.choice((1, 2))):
            text += "\n" + _bres(f"cluster{i}", "Microsoft.MachineLearningServices/workspaces/computes@2024-10-01", {
                "parent": Raw("workspace"), "name": f"cluster{i}", "location": Raw("location"), "properties": {
                    "computeType": "AmlCompute", "disableLocalAuth": st.pick(True, False, None),
                    "properties": {"vmSize": "Standard_DS3_v2", "enableNodePublicIp": st.pick(False, True, None),
                                   "scaleSettings": {"minNodeCount": st.pick(0, 1, p_unset=0), "maxNodeCount": 4}}}})
            st.add("Microsoft.MachineLearningServices/workspaces/computes")
        text += extras("workspace", "amlworkspace")
        st.files["ml.bicep"] = text
