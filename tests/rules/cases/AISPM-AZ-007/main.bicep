// AISPM-AZ-007: managed identity on Cognitive Services accounts (none by default)
param location string = resourceGroup().location

resource idapp 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-app'
  location: location
}

resource pass 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'pass'
  location: location
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    customSubDomainName: 'aispm-pass'
  }
}

resource passuser 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'passuser'
  location: location
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${idapp.id}': {}
    }
  }
  properties: {
    customSubDomainName: 'aispm-passuser'
  }
}

resource fail 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'fail'
  location: location
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  identity: {
    type: 'None'
  }
  properties: {
    customSubDomainName: 'aispm-fail'
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
