// AISPM-AZ-016: AI Search has at least 2 replicas (default 1)
param location string = resourceGroup().location

resource pass 'Microsoft.Search/searchServices@2023-11-01' = {
  name: 'pass'
  location: location
  sku: {
    name: 'standard'
  }
  properties: {
    partitionCount: 1
    hostingMode: 'default'
    replicaCount: 2
  }
}

resource fail 'Microsoft.Search/searchServices@2023-11-01' = {
  name: 'fail'
  location: location
  sku: {
    name: 'standard'
  }
  properties: {
    partitionCount: 1
    hostingMode: 'default'
    replicaCount: 1
  }
}

resource faildefault 'Microsoft.Search/searchServices@2023-11-01' = {
  name: 'faildefault'
  location: location
  sku: {
    name: 'standard'
  }
  properties: {
    partitionCount: 1
    hostingMode: 'default'
  }
}
