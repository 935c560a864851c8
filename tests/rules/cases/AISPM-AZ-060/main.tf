# AISPM-AZ-060: an output that returns an account key must be sensitive
resource "azurerm_cognitive_account" "oai" {
  name                  = "oai-tf"
  location              = "eastus"
  resource_group_name   = "rg"
  kind                  = "OpenAI"
  sku_name              = "S0"
  public_network_access_enabled = false
}

output "endpoint" {
  value = azurerm_cognitive_account.oai.endpoint
}

output "fail_key" {
  value = azurerm_cognitive_account.oai.primary_access_key
}

output "pass_key" {
  value     = azurerm_cognitive_account.oai.primary_access_key
  sensitive = true
}
