# The PE resource when we are managing the private_dns_zone_group block:
resource "azurerm_private_endpoint" "this" {
  for_each = { for k, v in var.private_endpoints : k => v if var.private_endpoints_manage_dns_zone_group }

  location                      = each.value.location != null ? each.value.location : var.location
  name                          = each.value.name != null ? each.value.name : "pe-${var.name}"
  resource_group_name           = each.value.resource_group_name != null ? each.value.resource_group_name : var.resource_group_name
  subnet_id                     = each.value.subnet_resource_id
  custom_network_interface_name = each.value.network_interface_name
  tags                          = each.value.tags

  private_service_connection {
    is_manual_connection           = false
    name                           = each.value.private_service_connection_name != null ? each.value.private_service_connection_name : "pse-${var.name}"
    private_connection_resource_id = azurerm_key_vault.this.id
    subresource_names              = ["vault"]
  }

  dynamic "ip_configuration" {
    for_each = each.value.ip_configurations

    content {
      name               = ip_configuration.value.name
      private_ip_address = ip_configuration.value.private_ip_address
      member_name        = "default"
      subresource_name   = "vault"
    }
  }

  dynamic "private_dns_zone_group" {
    for_each = length(each.value.private_dns_zone_resource_ids) > 0 ? ["this"] : []

    content {
      name                 = each.value.private_dns_zone_group_name
      private_dns_zone_ids = each.value.private_dns_zone_resource_ids
    }
  }
}

# The PE resource when we are managing **not** the private_dns_zone_group block, such as when using Azure Policy:
resource "azurerm_private_endpoint" "this_unmanaged_dns_zone_groups" {
  for_each = { for k, v in var.private_endpoints : k => v if !var.private_endpoints_manage_dns_zone_group }

  location                      = each.value.location != null ? each.value.location : var.location
  name                          = each.value.name != null ? each.value.name : "pe-${var.name}"
  resource_group_name           = each.value.resource_group_name != null ? each.value.resource_group_name : var.resource_group_name
  subnet_id                     = each.value.subnet_resource_id
  custom_network_interface_name = each.value.network_interface_name
  tags                          = each.value.tags

  private_service_connection {
    is_manual_connection           = false
    name                           = each.value.private_service_connection_name != null ? each.value.private_service_connection_name : "pse-${var.name}"
    private_connection_resource_id = azurerm_key_vault.this.id
    subresource_names              = ["vault"]
  }

  dynamic "ip_configuration" {
    for_each = each.value.ip_configurations

    content {
      name               = ip_configuration.value.name
      private_ip_address = ip_configuration.value.private_ip_address
      member_name        = "default"
      subresource_name   = "vault"
    }
  }

  lifecycle {
    ignore_changes = [private_dns_zone_group]
  }
}

resource "azurerm_private_endpoint_application_security_group_association" "this" {
  for_each = local.private_endpoint_application_security_group_associations

  application_security_group_id = each.value.asg_resource_id
  private_endpoint_id           = var.private_endpoints_manage_dns_zone_group ? azurerm_private_endpoint.this[each.value.pe_key].id : azurerm_private_endpoint.this_unmanaged_dns_zone_groups[each.value.pe_key].id
}

# The lock for the PE resource when we are managing the private_dns_zone_group block:
resource "azurerm_management_lock" "private_endpoints" {
  for_each = { for k, v in var.private_endpoints : k => v if v.lock != null && var.private_endpoints_manage_dns_zone_group }

  lock_level = each.value.lock.kind
  name       = coalesce(each.value.lock.name, "lock-${azurerm_private_endpoint.this[each.key].name}")
  scope      = azurerm_private_endpoint.this[each.key].id

  # Terraform destroys a lock before the resources it depends on, so naming the
  # association here keeps the lock from blocking its own removal.
  depends_on = [azurerm_private_endpoint_application_security_group_association.this]
}

# The lock for the PE resource when we are managing **not** the private_dns_zone_group block, such as when using Azure Policy:
resource "azurerm_management_lock" "private_endpoints_unmanaged_dns_zone_groups" {
  for_each = { for k, v in var.private_endpoints : k => v if v.lock != null && !var.private_endpoints_manage_dns_zone_group }

  lock_level = each.value.lock.kind
  name       = coalesce(each.value.lock.name, "lock-${azurerm_private_endpoint.this_unmanaged_dns_zone_groups[each.key].name}")
  scope      = azurerm_private_endpoint.this_unmanaged_dns_zone_groups[each.key].id

  depends_on = [azurerm_private_endpoint_application_security_group_association.this]
}
