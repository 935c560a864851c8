resource "azurerm_key_vault_secret" "this" {
  key_vault_id     = var.key_vault_resource_id
  name             = var.name
  content_type     = var.content_type
  expiration_date  = var.expiration_date
  not_before_date  = var.not_before_date
  tags             = var.tags
  value            = var.value
  value_wo         = var.value_wo
  value_wo_version = var.value_wo_version
}

resource "azurerm_role_assignment" "this" {
  for_each = var.role_assignments

  principal_id                           = each.value.principal_id
  scope                                  = azurerm_key_vault_secret.this.resource_versionless_id
  condition                              = each.value.condition
  condition_version                      = each.value.condition_version
  delegated_managed_identity_resource_id = each.value.delegated_managed_identity_resource_id
  principal_type                         = each.value.principal_type
  role_definition_id                     = strcontains(lower(each.value.role_definition_id_or_name), lower(local.role_definition_resource_substring)) ? each.value.role_definition_id_or_name : null
  role_definition_name                   = strcontains(lower(each.value.role_definition_id_or_name), lower(local.role_definition_resource_substring)) ? null : each.value.role_definition_id_or_name
  skip_service_principal_aad_check       = each.value.skip_service_principal_aad_check
}
