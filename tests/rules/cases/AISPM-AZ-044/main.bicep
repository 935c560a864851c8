// AISPM-AZ-044: Databricks workspace resource logs sent by a diagnostic setting
param location string = resourceGroup().location

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'logs'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

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

resource diagPass 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'diagPass'
  scope: pass
  properties: {
    workspaceId: logs.id
    logs: [
      {
        category: 'accounts'
        enabled: true
      }
      {
        category: 'clusters'
        enabled: true
      }
      {
        category: 'jobs'
        enabled: true
      }
      {
        category: 'notebook'
        enabled: true
      }
    ]
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
        value: true
      }
    }
  }
}
