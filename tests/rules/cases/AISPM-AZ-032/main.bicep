// AISPM-AZ-032: AML compute instances shut down when idle (no idle shutdown by default)
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

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet'
  location: location
  properties: {
    addressSpace: {
      addressPrefixes: [
        '10.10.0.0/16'
      ]
    }
    subnets: [
      {
        name: 'snet-ml'
        properties: {
          addressPrefix: '10.10.0.0/24'
        }
      }
    ]
  }
}

resource ws 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'ws'
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
    friendlyName: 'ws'
    storageAccount: stws.id
    keyVault: kvws.id
    applicationInsights: appi.id
    publicNetworkAccess: 'Disabled'
  }
}

resource pass 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  parent: ws
  name: 'pass'
  location: location
  properties: {
    computeType: 'ComputeInstance'
    computeLocation: location
    disableLocalAuth: true
    properties: {
      vmSize: 'STANDARD_DS3_V2'
      computeInstanceAuthorizationType: 'personal'
      idleTimeBeforeShutdown: 'PT60M'
    }
  }
}

resource faildefault 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  parent: ws
  name: 'faildefault'
  location: location
  properties: {
    computeType: 'ComputeInstance'
    computeLocation: location
    disableLocalAuth: true
    properties: {
      vmSize: 'STANDARD_DS3_V2'
      computeInstanceAuthorizationType: 'personal'
    }
  }
}
