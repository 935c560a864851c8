// AISPM-AZ-002: network access restricted (public access off, or default action Deny / IP rules)
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
    publicNetworkAccess: 'Disabled'
  }
}

resource passacl 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'passacl'
  location: location
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    customSubDomainName: 'aispm-passacl'
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Deny'
      ipRules: [
        {
          value: '203.0.113.0/24'
        }
      ]
      virtualNetworkRules: []
    }
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

resource fail 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'fail'
  location: location
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    customSubDomainName: 'aispm-fail'
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
    }
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

resource failsearch 'Microsoft.Search/searchServices@2023-11-01' = {
  name: 'failsearch'
  location: location
  sku: {
    name: 'basic'
  }
  properties: {
    partitionCount: 1
    hostingMode: 'default'
    publicNetworkAccess: 'enabled'
  }
}
