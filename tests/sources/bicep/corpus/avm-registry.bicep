// Azure Verified Modules from the public registry (not fetched by the scanner).
param location string = resourceGroup().location
param name string = 'avm${uniqueString(resourceGroup().id)}'

module aiServices 'br/public:avm/res/cognitive-services/account:0.10.2' = {
  name: 'aiServices'
  params: {
    name: name
    location: location
    kind: 'AIServices'
    customSubDomainName: name
    disableLocalAuth: true
    publicNetworkAccess: 'Disabled'
    managedIdentities: {
      systemAssigned: true
    }
    deployments: [
      {
        name: 'gpt-4o-mini'
        model: { format: 'OpenAI', name: 'gpt-4o-mini', version: '2024-07-18' }
        sku: { name: 'GlobalStandard', capacity: 10 }
      }
    ]
  }
}

module search 'br/public:avm/res/search/search-service:0.9.1' = {
  name: 'search'
  params: {
    name: 'srch-${name}'
    location: location
    sku: 'standard'
    disableLocalAuth: true
    roleAssignments: [
      {
        principalId: aiServices.outputs.systemAssignedMIPrincipalId!
        roleDefinitionIdOrName: 'Search Index Data Reader'
        principalType: 'ServicePrincipal'
      }
    ]
  }
}

module acr 'br:mcr.microsoft.com/bicep/avm/res/container-registry/registry:0.6.0' = {
  name: 'acr'
  params: {
    name: 'cr${name}'
    acrSku: 'Premium'
    exportPolicyStatus: 'disabled'
  }
}

output aiServicesEndpoint string = aiServices.outputs.endpoint
output searchName string = search.outputs.name
