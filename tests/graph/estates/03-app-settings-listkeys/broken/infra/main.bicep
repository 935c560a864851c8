// Customer-support chat: a public App Service web app calls Azure OpenAI.
// The OpenAI account is private (private endpoint, public access off), and the account key
// is no longer passed to the web app.
targetScope = 'resourceGroup'

param location string = resourceGroup().location
param environmentName string = 'support-prod'

resource openai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'oai-${environmentName}'
  location: location
  kind: 'OpenAI'
  sku: { name: 'S0' }
  properties: {
    customSubDomainName: 'oai-${environmentName}'
    publicNetworkAccess: 'Disabled'
  }
}

resource chat 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = {
  parent: openai
  name: 'gpt-4o-mini'
  sku: { name: 'GlobalStandard', capacity: 50 }
  properties: {
    model: { format: 'OpenAI', name: 'gpt-4o-mini', version: '2024-07-18' }
  }
}

resource openaiPrivateEndpoint 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-oai-${environmentName}'
  location: location
  properties: {
    subnet: { id: resourceId('rg-network', 'Microsoft.Network/virtualNetworks/subnets', 'vnet-spoke', 'private-endpoints') }
    privateLinkServiceConnections: [
      {
        name: 'account'
        properties: {
          privateLinkServiceId: openai.id
          groupIds: [ 'account' ]
        }
      }
    ]
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'asp-${environmentName}'
  location: location
  kind: 'linux'
  sku: { name: 'P1v3' }
  properties: { reserved: true }
}

resource web 'Microsoft.Web/sites@2024-04-01' = {
  name: 'app-${environmentName}'
  location: location
  kind: 'app,linux'
  tags: { 'azd-service-name': 'web' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    virtualNetworkSubnetId: resourceId('rg-network', 'Microsoft.Network/virtualNetworks/subnets', 'vnet-spoke', 'app-integration')
    siteConfig: {
      linuxFxVersion: 'PYTHON|3.11'
      appCommandLine: 'gunicorn -k uvicorn.workers.UvicornWorker app:app'
      appSettings: [
        { name: 'AZURE_OPENAI_ENDPOINT', value: openai.properties.endpoint }
        { name: 'AZURE_OPENAI_DEPLOYMENT', value: chat.name }
        { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'true' }
      ]
    }
  }
}

output webUrl string = 'https://${web.properties.defaultHostName}'
