// AISPM-AZ-013: AI Search SKU supports private link (not free)
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
  }
}

resource passstandard 'Microsoft.Search/searchServices@2023-11-01' = {
  name: 'passstandard'
  location: location
  sku: {
    name: 'standard'
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
    name: 'free'
  }
  properties: {
    partitionCount: 1
    hostingMode: 'default'
  }
}
