// AISPM-AZ-001: key access (local auth) disabled on AI accounts and AI Search; disableLocalAuth defaults to false
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
    disableLocalAuth: true
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
    disableLocalAuth: true
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
    disableLocalAuth: false
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
  }
}
