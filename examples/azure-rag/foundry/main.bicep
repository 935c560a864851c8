// An AI Foundry hub and project for the data-science team, next to the chat app.
targetScope = 'resourceGroup'

@description('Prefix for resource names.')
param prefix string = 'contoso-rag'
param location string = resourceGroup().location

@description('Set to true only in the sandbox subscription.')
param allowPublicAccess bool = false

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'st${replace(prefix, '-', '')}hub'
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_ZRS' }
  properties: {
    publicNetworkAccess: 'Disabled'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    minimumTlsVersion: 'TLS1_2'
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-${prefix}-hub'
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    publicNetworkAccess: 'Disabled'
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${prefix}-hub'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
  }
}

resource hub 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'hub-${prefix}'
  location: location
  kind: 'Hub'
  identity: { type: 'SystemAssigned' }
  properties: {
    friendlyName: 'Contoso RAG hub'
    storageAccount: storage.id
    keyVault: vault.id
    applicationInsights: insights.id
    publicNetworkAccess: allowPublicAccess ? 'Enabled' : 'Disabled'
    systemDatastoresAuthMode: 'accessKey'
    managedNetwork: {
      isolationMode: 'AllowInternetOutbound'
    }
  }
}

resource project 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'proj-${prefix}-eval'
  location: location
  kind: 'Project'
  identity: { type: 'SystemAssigned' }
  properties: {
    friendlyName: 'Evaluation project'
    hubResourceId: hub.id
  }
}

resource hubPrivateEndpoint 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-${hub.name}'
  location: location
  properties: {
    subnet: { id: resourceId('rg-network', 'Microsoft.Network/virtualNetworks/subnets', 'vnet-hub', 'private-endpoints') }
    privateLinkServiceConnections: [
      {
        name: 'amlworkspace'
        properties: {
          privateLinkServiceId: hub.id
          groupIds: [ 'amlworkspace' ]
        }
      }
    ]
  }
}

output hubId string = hub.id
