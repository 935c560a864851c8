// AISPM-AZ-014: AI Search managed identity (none by default)
param location string = resourceGroup().location

resource pass 'Microsoft.Search/searchServices@2023-11-01' = {
  name: 'pass'
  location: location
  sku: {
    name: 'basic'
  }
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    partitionCount: 1
    hostingMode: 'default'
  }
}

resource fail 'Microsoft.Search/searchServices@2023-11-01' = {
  name: 'fail'
  location: location
  sku: {
    name: 'basic'
  }
  identity: {
    type: 'None'
  }
  properties: {
    partitionCount: 1
    hostingMode: 'default'
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
