targetScope = 'subscription'

metadata description = 'Chat with your data: Azure OpenAI + AI Search + Container Apps'

import { deploymentType, tagsFor } from 'types.bicep'

@minLength(1)
@maxLength(64)
@description('Name of the environment, used to generate a short unique hash for resources.')
param environmentName string

@minLength(1)
@description('Primary location for all resources')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Id of the user or app to assign application roles')
param principalId string = ''

param openAiDeployments deploymentType[] = [
  {
    name: 'gpt-4o'
    model: { format: 'OpenAI', name: 'gpt-4o', version: '2024-08-06' }
    sku: { name: 'GlobalStandard', capacity: 30 }
  }
  {
    name: 'text-embedding-3-large'
    model: { format: 'OpenAI', name: 'text-embedding-3-large', version: '1' }
  }
]

@allowed([ 'free', 'basic', 'standard' ])
param searchServiceSku string = 'standard'

param useVnet bool = false
param disableKeyBasedAuth bool = true

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = tagsFor(environmentName)

resource resourceGroup 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module monitoring 'core/monitor/monitoring.bicep' = {
  name: 'monitoring'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: '${abbrs.insightsComponents}${resourceToken}'
  }
}

module openAi 'core/ai/cognitiveservices.bicep' = {
  name: 'openai'
  scope: resourceGroup
  params: {
    name: '${abbrs.cognitiveServicesAccounts}${resourceToken}'
    location: location
    tags: tags
    deployments: openAiDeployments
    disableLocalAuth: disableKeyBasedAuth
    publicNetworkAccess: useVnet ? 'Disabled' : 'Enabled'
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsWorkspaceId
  }
}

module searchService 'core/search/search-services.bicep' = {
  name: 'search-service'
  scope: resourceGroup
  params: {
    name: 'gptkb-${resourceToken}'
    location: location
    tags: tags
    sku: { name: searchServiceSku }
    disableLocalAuth: disableKeyBasedAuth
    semanticSearch: 'free'
  }
}

module storage 'core/storage/storage-account.bicep' = {
  name: 'storage'
  scope: resourceGroup
  params: {
    name: '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
    allowBlobPublicAccess: false
    containers: [
      { name: 'content' }
      { name: 'tokens' }
    ]
  }
}

module keyVault 'core/security/keyvault.bicep' = {
  name: 'keyvault'
  scope: resourceGroup
  params: {
    name: '${abbrs.keyVaultVaults}${resourceToken}'
    location: location
    tags: tags
    principalId: principalId
  }
}

module app 'core/host/container-app.bicep' = {
  name: 'app'
  scope: resourceGroup
  params: {
    name: '${abbrs.appContainerApps}web-${resourceToken}'
    location: location
    tags: union(tags, { 'azd-service-name': 'web' })
    env: [
      { name: 'AZURE_OPENAI_ENDPOINT', value: openAi.outputs.endpoint }
      { name: 'AZURE_SEARCH_ENDPOINT', value: searchService.outputs.endpoint }
    ]
  }
}

var roles = [
  { id: '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd', principal: app.outputs.identityPrincipalId }
  { id: '1407120a-92aa-4202-b7e9-c0e197c71c8f', principal: app.outputs.identityPrincipalId }
]

module appRoles 'core/security/role.bicep' = [for (role, i) in roles: {
  scope: resourceGroup
  name: 'app-role-${i}'
  params: {
    principalId: role.principal
    roleDefinitionId: role.id
    principalType: 'ServicePrincipal'
  }
}]

module userRole 'core/security/role.bicep' = if (!empty(principalId)) {
  scope: resourceGroup
  name: 'user-openai-role'
  params: {
    principalId: principalId
    roleDefinitionId: '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd'
    principalType: 'User'
  }
}

output AZURE_LOCATION string = location
output AZURE_RESOURCE_GROUP string = resourceGroup.name
output AZURE_OPENAI_ENDPOINT string = openAi.outputs.endpoint
output AZURE_SEARCH_SERVICE string = searchService.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.endpoint
