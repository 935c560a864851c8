// AISPM-AZ-023: AML workspace encrypted with a customer-managed key (Microsoft-managed by default)
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

resource cmk 'Microsoft.KeyVault/vaults/keys@2023-07-01' = {
  parent: kvws
  name: 'cmk'
  properties: {
    kty: 'RSA'
    keySize: 2048
    keyOps: [
      'wrapKey'
      'unwrapKey'
    ]
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
    encryption: {
      status: 'Enabled'
      keyVaultProperties: {
        keyVaultArmId: kvws.id
        keyIdentifier: cmk.properties.keyUriWithVersion
      }
    }
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
