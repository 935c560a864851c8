// Azure AI Foundry hub and project (Machine Learning workspaces) with connections.
@description('The AI Foundry hub name')
param aiHubName string = 'hub-${uniqueString(resourceGroup().id)}'
param aiProjectName string = 'proj-${uniqueString(resourceGroup().id)}'
param location string = resourceGroup().location
param storageAccountId string
param keyVaultId string
param applicationInsightsId string = ''
param containerRegistryId string = ''
param aiServicesName string
param aiSearchName string = ''

@allowed([ 'Disabled', 'AllowInternetOutbound', 'AllowOnlyApprovedOutbound' ])
param isolationMode string = 'AllowOnlyApprovedOutbound'

resource aiServices 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = {
  name: aiServicesName
}

resource search 'Microsoft.Search/searchServices@2024-06-01-preview' existing = if (!empty(aiSearchName)) {
  name: aiSearchName
}

resource hub 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: aiHubName
  location: location
  kind: 'Hub'
  sku: {
    name: 'Basic'
    tier: 'Basic'
  }
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    friendlyName: 'AI Hub'
    storageAccount: storageAccountId
    keyVault: keyVaultId
    applicationInsights: empty(applicationInsightsId) ? null : applicationInsightsId
    containerRegistry: empty(containerRegistryId) ? null : containerRegistryId
    publicNetworkAccess: 'Disabled'
    managedNetwork: {
      isolationMode: isolationMode
      outboundRules: {
        search: {
          type: 'PrivateEndpoint'
          destination: {
            serviceResourceId: search.id
            subresourceTarget: 'searchService'
            sparkEnabled: false
          }
        }
      }
    }
    systemDatastoresAuthMode: 'identity'
  }

  resource aiServicesConnection 'connections@2024-10-01' = {
    name: '${aiHubName}-connection-AIServices'
    properties: {
      category: 'AIServices'
      target: aiServices.properties.endpoint
      authType: 'AAD'
      isSharedToAll: true
      metadata: {
        ApiType: 'Azure'
        ResourceId: aiServices.id
      }
    }
  }

  resource searchConnection 'connections' = if (!empty(aiSearchName)) {
    name: '${aiHubName}-connection-search'
    properties: {
      category: 'CognitiveSearch'
      target: 'https://${aiSearchName}.search.windows.net'
      authType: 'ApiKey'
      isSharedToAll: true
      credentials: {
        key: search.listAdminKeys().primaryKey
      }
      metadata: {
        ApiType: 'Azure'
        ResourceId: search.id
      }
    }
  }
}

resource project 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: aiProjectName
  location: location
  kind: 'Project'
  sku: {
    name: 'Basic'
    tier: 'Basic'
  }
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    friendlyName: 'AI Project'
    hubResourceId: hub.id
    publicNetworkAccess: 'Disabled'
  }
}

resource projectAiDeveloper 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(aiServices.id, project.id, '64702f94-c441-49e6-a78b-ef80e0188fee')
  scope: aiServices
  properties: {
    principalId: project.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '64702f94-c441-49e6-a78b-ef80e0188fee')
  }
}

output hubName string = hub.name
output projectName string = project.name
output projectPrincipalId string = project.identity.principalId
output discoveryUrl string = project.properties.discoveryUrl
