// AISPM-AZ-027: AML workspace reaches its default storage with Entra ID (systemDatastoresAuthMode identity; accesskey by default)
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

resource stws 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stws'
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
  }
}

resource kvws 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kvws'
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enablePurgeProtection: true
    softDeleteRetentionInDays: 90
  }
}

resource appi 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

resource pass 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'pass'
  location: location
  kind: 'Default'
  sku: {
    name: 'Basic'
    tier: 'Basic'
  }
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    friendlyName: 'pass'
    storageAccount: stws.id
    keyVault: kvws.id
    applicationInsights: appi.id
    systemDatastoresAuthMode: 'identity'
  }
}

resource fail 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'fail'
  location: location
  kind: 'Default'
  sku: {
    name: 'Basic'
    tier: 'Basic'
  }
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    friendlyName: 'fail'
    storageAccount: stws.id
    keyVault: kvws.id
    applicationInsights: appi.id
    systemDatastoresAuthMode: 'accessKey'
  }
}

resource faildefault 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'faildefault'
  location: location
  kind: 'Default'
  sku: {
    name: 'Basic'
    tier: 'Basic'
  }
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    friendlyName: 'faildefault'
    storageAccount: stws.id
    keyVault: kvws.id
    applicationInsights: appi.id
  }
}
