// AISPM-AZ-017: AI Search IP rules do not admit 0.0.0.0/0
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
    networkRuleSet: {
      ipRules: [
        {
          value: '203.0.113.0/24'
        }
        {
          value: '198.51.100.7'
        }
      ]
    }
  }
}

resource passnorules 'Microsoft.Search/searchServices@2023-11-01' = {
  name: 'passnorules'
  location: location
  sku: {
    name: 'basic'
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
  properties: {
    partitionCount: 1
    hostingMode: 'default'
    networkRuleSet: {
      ipRules: [
        {
          value: '203.0.113.0/24'
        }
        {
          value: '0.0.0.0/0'
        }
      ]
    }
  }
}
