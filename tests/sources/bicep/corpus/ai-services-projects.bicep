// New Foundry: an AI Services account with project management, projects and connections.
import { roleId, builtInRoles } from 'types.bicep'

param accountName string = 'ais${uniqueString(resourceGroup().id)}'
param location string = 'eastus2'
param projects string[] = [ 'research', 'support' ]
param modelDeployments array = [
  { name: 'gpt-4.1', model: 'gpt-4.1', version: '2025-04-14', capacity: 50 }
  { name: 'o4-mini', model: 'o4-mini', version: '2025-04-16', capacity: 20 }
]
param userPrincipalIds string[] = []

resource account 'Microsoft.CognitiveServices/accounts@2025-04-01-preview' = {
  name: accountName
  location: location
  kind: 'AIServices'
  sku: { name: 'S0' }
  identity: { type: 'SystemAssigned' }
  properties: {
    allowProjectManagement: true
    customSubDomainName: accountName
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      virtualNetworkRules: []
      ipRules: []
    }
  }
}

@batchSize(1)
resource deployments 'Microsoft.CognitiveServices/accounts/deployments@2025-04-01-preview' = [for d in modelDeployments: {
  parent: account
  name: d.name
  sku: {
    name: 'GlobalStandard'
    capacity: d.capacity
  }
  properties: {
    model: {
      name: d.model
      format: 'OpenAI'
      version: d.version
    }
    versionUpgradeOption: 'OnceNewDefaultVersionAvailable'
    raiPolicyName: 'Microsoft.DefaultV2'
  }
}]

resource accountProjects 'Microsoft.CognitiveServices/accounts/projects@2025-04-01-preview' = [for (p, i) in projects: {
  parent: account
  name: p
  location: location
  identity: { type: 'SystemAssigned' }
  properties: {
    displayName: toUpper(p)
    description: 'Project ${i + 1} of ${length(projects)}'
  }
}]

resource appInsightsConnection 'Microsoft.CognitiveServices/accounts/connections@2025-04-01-preview' = {
  parent: account
  name: 'appinsights'
  properties: {
    category: 'AppInsights'
    target: '/subscriptions/${subscription().subscriptionId}/resourceGroups/${resourceGroup().name}/providers/Microsoft.Insights/components/appi'
    authType: 'ApiKey'
    isSharedToAll: true
    credentials: {
      key: 'placeholder'
    }
  }
}

resource userRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for id in userPrincipalIds: {
  name: guid(account.id, id, builtInRoles['Cognitive Services OpenAI User'])
  scope: account
  properties: {
    principalId: id
    principalType: 'User'
    roleDefinitionId: roleId(builtInRoles['Cognitive Services OpenAI User'])
  }
}]

output projectEndpoints array = [for (p, i) in projects: accountProjects[i].properties.endpoints]
output accountEndpoint string = account.properties.endpoint
