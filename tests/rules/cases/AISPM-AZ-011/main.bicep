// AISPM-AZ-011: AI Search public network access disabled (enabled by default; IP rules alone fail)
param location string = resourceGroup().location

resource pass 'Microsoft.Search/searchServices@2023-11-01' = {
  name: 'pass'
  location: location
  sku: {
    name: 'basic'
  }
  properties: {
    partitionCount: 1
    hostingMode: 'default'
    publicNetworkAccess: 'disabled'
  }
}

resource failiprules 'Microsoft.Search/searchServices@2023-11-01' = {
  name: 'failiprules'
  location: location
  sku: {
    name: 'basic'
  }
  properties: {
    partitionCount: 1
    hostingMode: 'default'
    publicNetworkAccess: 'enabled'
    networkRuleSet: {
      ipRules: [
        {
          value: '203.0.113.0/24'
        }
      ]
    }
  }
}

resource faildefault 'Microsoft.Search/searchServices@2023-11-01' = {
  name: 'faildefault'
  location: location
  sku: {
    name: 'basic'
  }
  properties: {
    partitionCount: 1
    hostingMode: 'default'
  }
}
