// AISPM-AZ-009: Azure OpenAI outbound access restricted to an FQDN allow-list (unrestricted by default)
param location string = resourceGroup().location

resource pass 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'pass'
  location: location
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    customSubDomainName: 'aispm-pass'
    restrictOutboundNetworkAccess: true
    allowedFqdnList: [
      'contoso.blob.core.windows.net'
      'srch-contoso.search.windows.net'
    ]
  }
}

resource passaiservices 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'passaiservices'
  location: location
  kind: 'AIServices'
  sku: {
    name: 'S0'
  }
  properties: {
    customSubDomainName: 'aispm-passaiservices'
    restrictOutboundNetworkAccess: true
    allowedFqdnList: [
      'contoso.blob.core.windows.net'
    ]
  }
}

resource failnofqdns 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'failnofqdns'
  location: location
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    customSubDomainName: 'aispm-failnofqdns'
    restrictOutboundNetworkAccess: true
    allowedFqdnList: []
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
    restrictOutboundNetworkAccess: false
    allowedFqdnList: [
      'contoso.blob.core.windows.net'
      'srch-contoso.search.windows.net'
    ]
  }
}

resource faildefault 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'faildefault'
  location: location
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    customSubDomainName: 'aispm-faildefault'
  }
}
