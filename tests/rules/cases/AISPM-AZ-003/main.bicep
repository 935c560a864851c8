// AISPM-AZ-003: private endpoint declared for the AI account / search service
param location string = resourceGroup().location

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
        name: 'snet-pe'
        properties: {
          addressPrefix: '10.10.0.0/24'
        }
      }
    ]
  }
}

resource pass 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'pass'
  location: location
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    customSubDomainName: 'aispm-pass'
    publicNetworkAccess: 'Disabled'
  }
}

resource pePass 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pePass'
  location: location
  properties: {
    subnet: {
      id: vnet.properties.subnets[0].id
    }
    privateLinkServiceConnections: [
      {
        name: 'pePass-conn'
        properties: {
          privateLinkServiceId: pass.id
          groupIds: [
            'account'
          ]
        }
      }
    ]
  }
}

resource passsearch 'Microsoft.Search/searchServices@2023-11-01' = {
  name: 'passsearch'
  location: location
  sku: {
    name: 'basic'
  }
  properties: {
    partitionCount: 1
    hostingMode: 'default'
  }
}

resource peSearch 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'peSearch'
  location: location
  properties: {
    subnet: {
      id: vnet.properties.subnets[0].id
    }
    privateLinkServiceConnections: [
      {
        name: 'peSearch-conn'
        properties: {
          privateLinkServiceId: passsearch.id
          groupIds: [
            'searchService'
          ]
        }
      }
    ]
  }
}

resource fail 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'fail'
  location: location
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    customSubDomainName: 'aispm-fail'
  }
}

resource failsearch 'Microsoft.Search/searchServices@2023-11-01' = {
  name: 'failsearch'
  location: location
  sku: {
    name: 'basic'
  }
  properties: {
    partitionCount: 1
    hostingMode: 'default'
  }
}
