// AISPM-AZ-012: AI Search CMK enforcement enabled (Unspecified by default)
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
    encryptionWithCmk: {
      enforcement: 'Enabled'
    }
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
    encryptionWithCmk: {
      enforcement: 'Disabled'
    }
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
