// AISPM-AZ-040: Databricks secure cluster connectivity (no public IP); enableNoPublicIp defaulted to false before API 2024-05-01, hence the older API version on the default case
param location string = resourceGroup().location

resource pass 'Microsoft.Databricks/workspaces@2024-05-01' = {
  name: 'pass'
  location: location
  sku: {
    name: 'premium'
  }
  properties: {
    managedResourceGroupId: subscriptionResourceId('Microsoft.Resources/resourceGroups', 'databricks-rg-pass')
    parameters: {
      enableNoPublicIp: {
        value: true
      }
    }
  }
}

resource fail 'Microsoft.Databricks/workspaces@2024-05-01' = {
  name: 'fail'
  location: location
  sku: {
    name: 'premium'
  }
  properties: {
    managedResourceGroupId: subscriptionResourceId('Microsoft.Resources/resourceGroups', 'databricks-rg-fail')
    parameters: {
      enableNoPublicIp: {
        value: false
      }
    }
  }
}

resource faildefault 'Microsoft.Databricks/workspaces@2023-02-01' = {
  name: 'faildefault'
  location: location
  sku: {
    name: 'premium'
  }
  properties: {
    managedResourceGroupId: subscriptionResourceId('Microsoft.Resources/resourceGroups', 'databricks-rg-faildefault')
  }
}
