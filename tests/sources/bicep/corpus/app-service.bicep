// App Service (Python) with settings that point at the AI services; legacy `name: 'parent/child'` style children.
param name string
param location string = resourceGroup().location
param openAiName string
param appSettings object = {}
@allowed([ 'B1', 'P1v3' ])
param skuName string = 'B1'

var linuxFxVersion = 'PYTHON|3.11'

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${name}-plan'
  location: location
  sku: {
    name: skuName
  }
  kind: 'linux'
  properties: {
    reserved: true
  }
}

resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = {
  name: openAiName
}

resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: name
  location: location
  kind: 'app,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: linuxFxVersion
      alwaysOn: skuName != 'B1'
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      appCommandLine: 'python3 -m gunicorn main:app'
    }
    clientAffinityEnabled: false
  }
}

resource settings 'Microsoft.Web/sites/config@2023-12-01' = {
  name: '${site.name}/appsettings'
  properties: union(appSettings, {
    AZURE_OPENAI_ENDPOINT: openAi.properties.endpoint
    SCM_DO_BUILD_DURING_DEPLOYMENT: 'true'
  })
}

resource logs 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: site
  name: 'logs'
  properties: {
    applicationLogs: { fileSystem: { level: 'Verbose' } }
    detailedErrorMessages: { enabled: true }
    failedRequestsTracing: { enabled: true }
    httpLogs: { fileSystem: { enabled: true, retentionInDays: 1, retentionInMb: 35 } }
  }
  dependsOn: [
    settings
  ]
}

resource openAiUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(openAi.id, site.id, 'Cognitive Services OpenAI User')
  scope: openAi
  properties: {
    principalId: site.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd')
  }
}

output uri string = 'https://${site.properties.defaultHostName}'
output identityPrincipalId string = site.identity.principalId
