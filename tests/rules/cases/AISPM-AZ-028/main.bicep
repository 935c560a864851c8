// AISPM-AZ-028: AML managed network reaches dependencies through private-endpoint outbound rules
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
    managedNetwork: {
      isolationMode: 'AllowOnlyApprovedOutbound'
      outboundRules: {
        'storage-blob': {
          type: 'PrivateEndpoint'
          category: 'UserDefined'
          destination: {
            serviceResourceId: stws.id
            subresourceTarget: 'blob'
            sparkEnabled: false
          }
        }
        pypi: {
          type: 'FQDN'
          category: 'UserDefined'
          destination: 'pypi.org'
        }
      }
    }
  }
}

resource failfqdnonly 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'failfqdnonly'
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
    friendlyName: 'failfqdnonly'
    storageAccount: stws.id
    keyVault: kvws.id
    applicationInsights: appi.id
    managedNetwork: {
      isolationMode: 'AllowOnlyApprovedOutbound'
      outboundRules: {
        pypi: {
          type: 'FQDN'
          category: 'UserDefined'
          destination: 'pypi.org'
        }
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
